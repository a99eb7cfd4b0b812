"""The one measure of peak memory the benchmarks share, and the fresh process to take it in.

>>> peak_kb() > 0
True
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_kb() -> int:
    """This process's peak resident memory in kB: VmHWM (its own, not a parent's that
    forked it), or ``ru_maxrss`` where there is no /proc."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_fresh(child: str, *args: object) -> dict:
    """Run the Python code ``child`` in a fresh process (the kit on its path) with
    ``args`` as its arguments; the JSON object it prints last is its result."""
    done = subprocess.run(
        [sys.executable, "-c", child, *map(str, args)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
