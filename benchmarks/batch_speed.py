"""`reader batch` speed: documents a second with 1 and 2 workers, memory, planning a million.

1. The same corpus (the 300 BASIL articles as JSONL and the 84 polnear-dev pages, each
   repeated ``--copies`` times under other names so a run lasts long enough to time) is
   run with ``--workers 1`` and then ``2`` on a local Dask cluster, all stages.  Printed:
   documents a second while the workers work (their start, a few seconds, is printed
   apart), the ratio of the two, the wall time, how much of the time the workers were
   busy with a batch and how much of it they had a core (CPU time: less means other
   processes took the cores), and the peak memory (max RSS) of each worker.  The machine's load (``os.getloadavg``) is printed before each run: other
   work on the cores makes the ratio meaningless, so run it on a quiet machine.
2. Planning a run of 1,000,000 small documents (``--plan N``: a JSONL corpus of N short
   articles; ``--plan-files N``: N small page files in a folder): the seconds to plan
   the batches and build the Dask graph, the number of batches and of tasks in the
   graph, and the pickled size of the batches (what the graph carries).

Without ``../shared`` (or ``READER_SHARED``) part 1 uses the kit's sample corpus.

    .venv/bin/python benchmarks/batch_speed.py
    .venv/bin/python benchmarks/batch_speed.py --copies 1 --plan 0
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
POLNEAR = SHARED / "data" / "polnear-dev" / "text"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def make_corpus(folder: Path, copies: int) -> list[str]:
    """The inputs: a JSONL corpus and a folder of pages, each repeated ``copies`` times."""
    pages = folder / "pages"
    pages.mkdir()
    lines: list[str] = []
    if POLNEAR.is_dir() and (SHARED / "data" / "basil").is_dir():
        from frames_basil import basil_records

        records = basil_records(SHARED / "data" / "basil")
        sources = sorted(POLNEAR.glob("*.txt"))
    else:
        sample = ROOT / "texts" / "sample-corpus.jsonl"
        records = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
        sources = [ROOT / "texts" / "arab-weekly-maliki-russia.txt"]
    for copy in range(copies):
        lines += [json.dumps(r, ensure_ascii=False) for r in records]
        for source in sources:
            shutil.copy(source, pages / f"{source.stem}-{copy}.txt")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(corpus), str(pages)]


def measure_workers(inputs: list[str], folder: Path, counts: list[int], repeat: int) -> None:
    """Time each worker count in turn (``repeat`` rounds, alternating), then compare the best."""
    from reader.batch import run_batch

    rates: dict[int, list[float]] = {n: [] for n in counts}
    for round_ in range(repeat):
        for workers in counts:
            out = folder / f"out-{workers}-{round_}"
            load = os.getloadavg()
            started = time.perf_counter()
            summary = run_batch(inputs, out, workers=workers)
            wall = time.perf_counter() - started
            rates[workers].append(summary.per_second)
            done = [json.loads(p.read_text()) for p in (out / "done").iterdir()]
            busy = sum(f["seconds"] for f in done) / (workers * summary.seconds)
            cpu = sum(f["cpu_seconds"] for f in done) / (workers * summary.seconds)
            peaks = ", ".join(f"{mb:.0f} MB" for mb in sorted(summary.workers.values()))
            print(
                f"{workers} worker{'s' if workers > 1 else ''}: {summary.documents} documents, "
                f"{summary.per_second:.1f} documents/s while working ({summary.seconds:.1f} s; "
                f"starting the workers {summary.startup_seconds:.1f} s; wall {wall:.1f} s); "
                f"workers busy {busy:.0%} of the time, on a core {cpu:.0%}; "
                f"peak memory per worker: {peaks}; load before: "
                f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
                flush=True,
            )
            shutil.rmtree(out)
    if 1 in rates and 2 in rates:
        best = max(rates[2]) / max(rates[1])
        print(f"2 workers / 1 worker: {best:.2f} times the documents a second (best of each)")


def measure_plan(documents: int, folder: Path) -> None:
    from reader.batch.plan import make_plan
    from reader.batch.process import Settings
    from reader.batch.run import batch_frame

    corpus = folder / "million.jsonl"
    line = '{"outlet": "Daily %d", "text": "Short article number %d, on the council vote."}\n'
    with corpus.open("w", encoding="utf-8") as handle:
        for number in range(documents):
            handle.write(line % (number % 7, number))
    size = corpus.stat().st_size / 1e6
    started = time.perf_counter()
    plan = make_plan([str(corpus)], folder / "plan-out")
    planned = time.perf_counter() - started
    frame = batch_frame(plan.batches, Settings(str(folder / "plan-out"), ("clean",)))
    parts = frame.to_delayed()
    graph = dict(frame.__dask_graph__())
    built = time.perf_counter() - started
    pickled = len(pickle.dumps(plan.batches)) / 1e6
    print(
        f"planning {documents:,} documents ({size:.0f} MB of JSONL): {planned:.2f} s to plan "
        f"{len(plan.batches):,} batches of {plan.batch_size}, {built:.2f} s with the Dask graph "
        f"({len(graph):,} tasks, {len(parts):,} partitions; the batches pickle to {pickled:.2f} MB)"
    )


def measure_plan_files(files: int, folder: Path) -> None:
    """Planning a folder of small page files (each is stat'ed and listed in plan/pages.jsonl)."""
    from reader.batch.plan import make_plan
    from reader.batch.process import Settings
    from reader.batch.run import batch_frame

    pages = folder / "many"
    for number in range(files):
        shelf = pages / f"{number // 1000:04d}"
        if number % 1000 == 0:
            shelf.mkdir(parents=True)
        (shelf / f"page{number}.txt").write_text(f"Short page {number} on the council vote.\n")
    started = time.perf_counter()
    plan = make_plan([str(pages)], folder / "files-out")
    planned = time.perf_counter() - started
    frame = batch_frame(plan.batches, Settings(str(folder / "files-out"), ("clean",)))
    graph = dict(frame.__dask_graph__())
    built = time.perf_counter() - started
    listed = (folder / "files-out" / "plan" / "pages.jsonl").stat().st_size / 1e6
    print(
        f"planning {files:,} page files: {planned:.2f} s to plan {len(plan.batches):,} batches "
        f"of {plan.batch_size} (the page list: {listed:.0f} MB), {built:.2f} s with the Dask "
        f"graph ({len(graph):,} tasks; the batches pickle to "
        f"{len(pickle.dumps(plan.batches)) / 1e6:.2f} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="times the corpus is repeated")
    parser.add_argument("--workers", default="1,2", help="worker counts to time")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the worker counts")
    parser.add_argument("--plan", type=int, default=1_000_000, help="documents to plan (0: skip)")
    parser.add_argument("--plan-files", type=int, default=0, help="also plan N small page files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if args.copies:
            inputs = make_corpus(folder, args.copies)
            counts = [int(n) for n in args.workers.split(",")]
            measure_workers(inputs, folder, counts, args.repeat)
        if args.plan:
            measure_plan(args.plan, folder)
        if args.plan_files:
            measure_plan_files(args.plan_files, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
