"""The one measure of peak memory the benchmarks share.

>>> peak_kb() > 0
True
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_kb() -> int:
    """This process's peak resident memory in kB: VmHWM (its own, not a parent's that
    forked it), or ``ru_maxrss`` where there is no /proc."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
