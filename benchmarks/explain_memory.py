"""Peak memory of `reader clean` on a big page, with and without --explain.

The page is texts/arab-weekly-maliki-russia.txt repeated to --mb MB (default 50).
Each command runs in a fresh process (`python -m reader.cli ...`, its output to
/dev/null) and reports its own peak resident memory (VmHWM, as /usr/bin/time -v's
"Maximum resident set size"), with its wall time.  Pages over 4 MB are cleaned piece
by piece; --explain used to turn that off and keep the whole page's decisions
(1.2 GB for 50 MB).

usage: python benchmarks/explain_memory.py [--mb 50] [--code PATH]

--code runs the commands with another checkout's `reader` (e.g. an older commit
unpacked with `git archive`), to compare.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED_PAGE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
COMMANDS = [
    ["clean", "PAGE"],
    ["clean", "PAGE", "--explain"],
    ["clean", "PAGE", "--json"],
    ["clean", "PAGE", "--json", "--explain"],
]


def child(argv: list[str]) -> None:
    """Run in a fresh process: the command, then its peak memory on standard error."""
    from reader import cli

    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sys.stdout = devnull
        if "--json" in argv and "--explain" in argv:
            sys.stderr = devnull  # the decisions go there; the figure goes to fd 2 below
        status = cli.main(argv)
    with open("/proc/self/status", encoding="ascii") as handle:
        peak = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:"))
    os.write(2, f"\npeak_kb={peak} status={status}\n".encode())


def measure(page: Path, argv: list[str], code: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [
        sys.executable,
        __file__,
        "--child",
        *[str(page) if a == "PAGE" else a for a in argv],
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    figure = [line for line in done.stderr.splitlines() if line.startswith("peak_kb=")]
    if not figure:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()[-300:]}")
    return int(figure[-1].split()[0].removeprefix("peak_kb=")) / 1024, seconds


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--mb", type=float, default=50.0, help="size of the page in MB (default 50)")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose reader to run")
    args = ap.parse_args(argv)
    if not SEED_PAGE.exists():
        print(f"explain_memory: no sample page at {SEED_PAGE}")
        return 0
    seed = SEED_PAGE.read_text(encoding="utf-8")
    copies = int(args.mb * 1e6) // len(seed.encode("utf-8")) + 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "big-page.txt"
        page.write_text(seed * copies, encoding="utf-8")
        size = page.stat().st_size
        print(f"page: the sample page {copies} times, {size / 1e6:.1f} MB; code: {args.code}")
        for command in COMMANDS:
            peak, seconds = measure(page, command, args.code)
            shown = " ".join(command).replace("PAGE", page.name)
            print(f"  reader {shown:<42} peak {peak:7.1f} MB  {seconds:5.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
