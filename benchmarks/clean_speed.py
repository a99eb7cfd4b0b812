"""Throughput of the page cleaner on about 20 MB of pages (median of several runs).

The text is made by repeating and varying pages: the seed page
(texts/arab-weekly-maliki-russia.txt) and pages from tools/make_pages.py
(polnear and BASIL articles, when ../shared is there), each copy varied by
swapping a few words and numbers so that no two copies are the same text.

Two paths are timed:
  pieces     `reader.clean.clean_page` on each page on its own (one page a call)
  streaming  `reader.clean.clean_page_file_streaming(path, out)` on one big file
             (the `reader clean` path for large input), if the function exists
It prints the median MB/s of --runs runs (MB = 10**6 bytes of UTF-8 input) for
each, and the peak memory of a fresh process that streams the big file
(VmHWM; its growth over the same process just after import is the part the
cleaning needs).  Everything runs on one core.

usage: python benchmarks/clean_speed.py [--mb 20] [--runs 5] [--cleaner real|naive]
       [--skip-pieces] [--skip-streaming] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))

SEED_PAGE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SWAPS = [
    ("the", "a"),
    ("said", "says"),
    ("Trump", "Clinton"),
    ("Russia", "Iran"),
    ("on", "in"),
    ("would", "could"),
    ("Iraq", "Syria"),
    ("and", "or"),
]


def page_pool(seed: int = 99) -> list[str]:
    pool = []
    if SEED_PAGE.exists():
        pool.append(SEED_PAGE.read_text(encoding="utf-8"))
    elif (SHARED / "seed" / "arab-weekly-maliki-russia.txt").exists():
        pool.append((SHARED / "seed" / "arab-weekly-maliki-russia.txt").read_text("utf-8"))
    if SHARED.is_dir():
        from tools import make_pages

        for source in ("polnear", "basil"):
            try:
                pool += [text for _, text, _ in make_pages.make_set(source, 25, seed)]
            except SystemExit:
                pass
    if not pool:
        raise SystemExit("clean_speed: no pages (neither texts/ nor ../shared found)")
    return pool


def vary(text: str, rng: random.Random) -> str:
    for a, b in rng.sample(SWAPS, 2):
        text = re.sub(rf"\b{a}\b", b, text)
    shift = rng.randint(1, 9)
    return re.sub(r"\d", lambda m: str((int(m.group(0)) + shift) % 10), text)


def make_corpus(mb: float, seed: int = 99) -> list[str]:
    rng = random.Random(seed)
    pool = page_pool(seed)
    pieces, size = [], 0
    target = int(mb * 1_000_000)
    while size < target:
        text = vary(rng.choice(pool), rng)
        pieces.append(text)
        size += len(text.encode("utf-8"))
    return pieces


def naive_clean(text: str):
    return re.sub(r"-\n(?=[a-z])", "", text).replace("\n", " ")


def get_clean(name: str):
    if name == "naive":
        return naive_clean
    from reader.clean import clean_page

    return clean_page


def peak_rss_kb() -> int:
    """This process's peak resident memory in kB (VmHWM: unlike ru_maxrss, not inherited
    from the parent across fork and exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_child(path: str, use_tracemalloc: bool) -> None:
    """Run in a fresh process: stream the big file, print peak memory figures."""
    start = peak_rss_kb()
    from reader.clean import clean_page, clean_page_file_streaming

    clean_page(SEED_PAGE.read_text("utf-8") if SEED_PAGE.exists() else "A page.\n")
    base = peak_rss_kb()
    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    with open(os.devnull, "w", encoding="utf-8") as out:
        clean_page_file_streaming(path, out, as_json=False)
    peak = peak_rss_kb()
    traced = ""
    if use_tracemalloc:
        traced = f" tracemalloc_peak_mb={tracemalloc.get_traced_memory()[1] / 1e6:.1f}"
    print(
        f"peak_rss_mb={peak / 1024:.1f} (bare interpreter {start / 1024:.1f}, after import and"
        f" one page {base / 1024:.1f}; streaming added {(peak - base) / 1024:.1f}){traced}"
    )


def main(argv=None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--mb", type=float, default=20.0, help="size of the text in MB (default 20)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per path (default 5)")
    ap.add_argument(
        "--cleaner",
        choices=["real", "naive"],
        default="real",
        help="naive: a regex stand-in to test this harness",
    )
    ap.add_argument("--skip-pieces", action="store_true")
    ap.add_argument("--skip-streaming", action="store_true")
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python allocations in the memory run (slow)",
    )
    ap.add_argument("--memory-child", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.tracemalloc)
        return 0

    t0 = time.perf_counter()
    pieces = make_corpus(args.mb)
    total = sum(len(p.encode("utf-8")) for p in pieces)
    print(
        f"corpus: {len(pieces)} pages, {total / 1e6:.1f} MB, made in "
        f"{time.perf_counter() - t0:.1f}s; cleaner: {args.cleaner}; one core"
    )
    clean = get_clean(args.cleaner)
    clean(pieces[0])  # warm up: word lists, regexes

    if not args.skip_pieces:
        rates = []
        for run in range(args.runs):
            t0 = time.perf_counter()
            for piece in pieces:
                clean(piece)
            dt = time.perf_counter() - t0
            rates.append(total / 1e6 / dt)
            print(f"  pieces run {run + 1}: {dt:.2f}s, {rates[-1]:.2f} MB/s", flush=True)
        print(
            f"pieces (clean_page per page): median {statistics.median(rates):.2f} MB/s "
            f"over {args.runs} runs (min {min(rates):.2f}, max {max(rates):.2f})"
        )

    if args.skip_streaming or args.cleaner == "naive":
        return 0
    try:
        from reader.clean import clean_page_file_streaming
    except ImportError:
        print("streaming: reader.clean.clean_page_file_streaming not found; skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big-page.txt"
        with open(big, "w", encoding="utf-8") as handle:
            for piece in pieces:
                handle.write(piece.rstrip("\n") + "\n\n")
        size = big.stat().st_size
        rates = []
        for run in range(args.runs):
            out = io.StringIO() if run == 0 else open(os.devnull, "w", encoding="utf-8")
            t0 = time.perf_counter()
            clean_page_file_streaming(str(big), out, as_json=False)
            dt = time.perf_counter() - t0
            if run == 0:
                written = len(out.getvalue().encode("utf-8"))
            out.close()
            rates.append(size / 1e6 / dt)
            print(f"  streaming run {run + 1}: {dt:.2f}s, {rates[-1]:.2f} MB/s", flush=True)
        print(
            f"streaming (one {size / 1e6:.1f} MB file): median {statistics.median(rates):.2f} "
            f"MB/s over {args.runs} runs; wrote {written / 1e6:.1f} MB"
        )
        cmd = [sys.executable, __file__, "--memory-child", str(big)]
        if args.tracemalloc:
            cmd.append("--tracemalloc")
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            print("memory run failed:", done.stderr.strip().splitlines()[-1:])
        else:
            print(f"peak memory streaming the big file (fresh process): {done.stdout.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
