"""Long texts: quotes, frames and export time against the text's length; actors' memory.

The sample page is repeated to 0.5, 1, 2 and 4 MB (``--sizes``), as it is and with
every closing ” removed (quotations left open, which made the quote finder slowest).
Each size is timed as the command line runs it, from the page file: ``quotes`` is
`load_document` then `quotes_json`, ``frames`` is `frames_json`, ``export`` is
`export_page` (each cleans the page too; ``clean`` alone is shown for comparison, and
the repeated page flatters the cleaner's caches).
Each figure is the median of ``--runs`` runs.  The work should grow with the text's
length: the ratio of the 2 MB time to the 0.5 MB time is printed, and should be near 4
(the target is at most 6).

Then ``reader actors PAGE --json`` runs in a fresh process on the page repeated to
50 MB (``--memory-mb``): its peak resident memory (the target is under 600 MB) and
its time.  A page that big is cleaned and read for actors a piece at a time.

``--checkout DIR`` measures the ``reader`` of another checkout (say, the main branch
before a change); give it smaller ``--sizes`` if that code is slow.

    .venv/bin/python benchmarks/long_text_speed.py
    .venv/bin/python benchmarks/long_text_speed.py --runs 1 --sizes 0.5 1 --memory-mb 0
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
STAGES = ("clean", "quotes", "frames", "export")
TARGET_RATIO = 6.0
TARGET_PEAK_MB = 600


def repeated_page(megabytes: float, open_quotes: bool) -> str:
    """The sample page repeated (pages separated by a blank line) to about ``megabytes``."""
    page = SAMPLE.read_text(encoding="utf-8")
    if open_quotes:
        page = page.replace("”", "")
    copies = max(1, round(megabytes * 1e6 / len(page.encode("utf-8"))))
    return "\n\n".join([page] * copies)


def stage_runners(page: str, html: str) -> dict:
    """For each stage, a function that runs it on the page file as the command does."""
    from reader import load_document
    from reader.export import export_page
    from reader.framing import frames_json
    from reader.quotes import quotes_json

    return {
        "clean": lambda: load_document(page),
        "quotes": lambda: quotes_json(load_document(page)),
        "frames": lambda: frames_json(page),
        "export": lambda: export_page(page, html),
    }


def median_seconds(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_stages(folder: Path, sizes: list[float], runs: int) -> dict:
    """(variant, stage) -> {size: median seconds}, printing each figure as it comes."""
    results: dict = {}
    for variant, open_quotes in (("closed", False), ("unclosed", True)):
        for size in sizes:
            page = folder / f"sample-{variant}-{size:g}mb.txt"
            page.write_text(repeated_page(size, open_quotes), encoding="utf-8")
            runners = stage_runners(str(page), str(folder / "page.html"))
            runners["clean"]()  # warm up: word lists, regexes, the actor lists
            cells = []
            for stage in STAGES:
                seconds = median_seconds(runners[stage], runs)
                results.setdefault((variant, stage), {})[size] = seconds
                cells.append(f"{stage} {seconds:6.2f}s")
            megabytes = page.stat().st_size / 1e6
            print(f"{variant:8} {megabytes:5.2f} MB  " + "  ".join(cells), flush=True)
            page.unlink()
    return results


def print_ratios(results: dict, small: float, large: float) -> None:
    print(
        f"\ntime at {large:g} MB / time at {small:g} MB (linear: {large / small:g}; target <= 6):"
    )
    for (variant, stage), by_size in results.items():
        if stage != "clean" and by_size.get(small, 0) > 0 and large in by_size:
            ratio = by_size[large] / by_size[small]
            verdict = "ok" if ratio <= TARGET_RATIO else "TOO SLOW"
            print(f"  {variant:8} {stage:6} {ratio:5.1f}x  {verdict}")


def peak_rss_kb() -> int:
    """This process's peak resident memory in kB (VmHWM, not inherited from a parent)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise OSError("no VmHWM in /proc/self/status")


def memory_child(page: str) -> None:
    """In a fresh process: ``reader actors PAGE --json`` into /dev/null, then its peak."""
    from reader.cli import main

    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        sys.stdout = sink
        status = main(["actors", page, "--json"])
        sys.stdout = sys.__stdout__
    seconds = time.perf_counter() - started
    print(f"{peak_rss_kb()} {seconds:.1f} {status}")


def measure_actors_memory(folder: Path, megabytes: float, checkout: Path) -> None:
    page = folder / f"sample-{megabytes:g}mb.txt"
    with open(page, "w", encoding="utf-8") as handle:
        piece = repeated_page(1, open_quotes=False)
        for _ in range(max(1, round(megabytes))):
            handle.write(piece + "\n\n")
    size = page.stat().st_size / 1e6
    command = [sys.executable, __file__, "--checkout", str(checkout), "--memory-child", str(page)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    page.unlink()
    if done.returncode != 0 or not done.stdout.strip():
        print(f"\nreader actors on {size:.0f} MB: failed\n{done.stderr.strip()}")
        return
    peak_kb, seconds, status = done.stdout.split()
    peak_mb = int(peak_kb) / 1024
    verdict = "ok" if peak_mb < TARGET_PEAK_MB and status == "0" else "TOO MUCH"
    print(
        f"\nreader actors --json on {size:.0f} MB: peak {peak_mb:.0f} MB "
        f"(target < {TARGET_PEAK_MB} MB) {verdict}; {float(seconds):.1f}s; exit status {status}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4], metavar="MB")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--memory-mb", type=float, default=50, help="0 skips the memory run")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="whose reader to measure")
    parser.add_argument("--memory-child", metavar="PAGE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    import reader

    print(f"reader from {Path(reader.__file__).parent}; the sample page repeated")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = time_stages(folder, sorted(args.sizes), args.runs)
        if 0.5 in args.sizes and 2 in args.sizes:
            print_ratios(results, 0.5, 2)
        if args.memory_mb > 0:
            measure_actors_memory(folder, args.memory_mb, args.checkout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
