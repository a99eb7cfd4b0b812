"""Check `reader batch` on real corpora: same rows as the commands, resuming, bad input.

Three parts (``--parts``, all by default), on the 300 BASIL articles (written as the
kit's JSONL corpus, as ``frames_basil.py`` does) and the 84 polnear-dev texts (a folder
of pages), from ``../shared`` (or ``READER_SHARED``); without it it says so, exits 0.

``same``   runs the batch on each corpus (polnear-dev with each page's publisher, title,
           date and author from its metadata.tsv in a NAME.meta.json beside it, so that
           its outlets are the 7 publishers), then for EVERY document compares the tables
           with what ``reader clean --json``, ``reader actors --json`` and
           ``reader quotes --json`` print for it (a JSONL article saved as a page), and
           ``reader frames OUT/ --json`` with ``reader frames CORPUS --json``.
``resume`` runs ``reader batch`` on both corpora as a command, kills it (SIGKILL, the
           whole process group) when a third of the batches are done, runs it again,
           and compares the tables with an uninterrupted run's; prints the manifest's
           runs (batches each did) and their times.
``bad``    a corpus with a binary file, an empty file, a corrupt PDF, a 20 MB text and
           a good page: the run ends, and each failure is in ``documents``.

    .venv/bin/python benchmarks/batch_check.py
    .venv/bin/python benchmarks/batch_check.py --parts bad --big-mb 20 --time-limit 600
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import subprocess
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


def command_json(*argv: str) -> dict:
    """What `reader ARGV` prints, run in this process."""
    from reader import cli

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(list(argv))
    if code != 0:
        raise RuntimeError(f"reader {' '.join(argv)} exited {code}")
    return json.loads(printed.getvalue())


def basil_corpus(folder: Path) -> Path:
    from frames_basil import basil_records, write_jsonl

    return write_jsonl(basil_records(SHARED / "data" / "basil"), folder / "basil.jsonl")


def polnear_pages(folder: Path) -> Path:
    """The polnear-dev texts as the kit's pages: each with a NAME.meta.json from metadata.tsv.

    Without it every page is its own outlet (its file name), and `reader frames` on 84
    outlets compares 6,972 pairs; with it the 7 publishers are the outlets.
    """
    import csv

    pages = folder / "polnear-dev"
    pages.mkdir()
    with (POLNEAR.parent / "metadata.tsv").open(encoding="utf-8") as handle:
        metadata = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    for page in sorted(POLNEAR.glob("*.txt")):
        (pages / page.name).write_bytes(page.read_bytes())
        row = metadata.get(page.stem, {})
        meta = {
            "publication": row.get("publisher", ""),
            "title": row.get("title", ""),
            "date": row.get("publication_date", ""),
            "author": row.get("author", ""),
        }
        (pages / f"{page.stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return pages


def check_same(folder: Path, workers: int | None) -> bool:
    from reader.batch import load_batch, run_batch
    from reader.batch.tables import document_json

    corpora = {"basil": basil_corpus(folder), "polnear-dev": polnear_pages(folder)}
    all_same = True
    for name, corpus in corpora.items():
        out = folder / f"out-{name}"
        started = time.perf_counter()
        summary = run_batch([str(corpus)], out, workers=workers)
        print(f"{name}: {summary.lines()[0]}; {time.perf_counter() - started:.1f} s")
        tables = load_batch(out)
        checked, different = 0, []
        rows = {
            t: tables[t].groupby("id") for t in ("articles", "paragraphs", "mentions", "quotes")
        }
        groups = {t: frames.groups for t, frames in rows.items()}
        for row in tables["documents"].itertuples():
            if row.format == "jsonl":
                path, line = row.source.rsplit(":", 1)
                text = json.loads(
                    Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
                )
                page = folder / "page.txt"
                page.write_text(text["text"], encoding="utf-8")
            else:
                page = Path(row.source)
            expected = {
                c: command_json(c, str(page), "--json") for c in ("clean", "actors", "quotes")
            }
            mine = {
                t: frames.get_group(row.id) if row.id in groups[t] else tables[t].iloc[:0]
                for t, frames in rows.items()
            }
            got = document_json(mine, row.id)
            checked += 1
            different += [f"{row.source} ({c})" for c in expected if expected[c] != got[c]]
        frames_same = command_json("frames", str(out), "--json") == command_json(
            "frames", str(corpus), "--json"
        )
        print(
            f"  {checked} documents compared with clean/actors/quotes --json: "
            f"{len(different)} differ{': ' + ', '.join(different[:5]) if different else ''}"
        )
        print(f"  reader frames OUT/ == reader frames {corpus.name}: {frames_same}")
        all_same &= not different and frames_same
    return all_same


def _cli(out: Path, inputs: list[str], workers: int | None) -> list[str]:
    argv = [sys.executable, "-m", "reader.cli", "batch", *inputs, "-o", str(out)]
    return argv + (["--workers", str(workers)] if workers else [])


def check_resume(folder: Path, workers: int | None) -> bool:
    from reader.batch import load_batch

    inputs = [str(basil_corpus(folder)), str(polnear_pages(folder))]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    whole, killed = folder / "whole", folder / "killed"
    started = time.perf_counter()
    subprocess.run(_cli(whole, inputs, workers), env=environment, check=True, capture_output=True)
    print(f"uninterrupted run: {time.perf_counter() - started:.1f} s")
    batches = len(json.loads((whole / "manifest.json").read_text())["batches"])
    started = time.perf_counter()
    process = subprocess.Popen(
        _cli(killed, inputs, workers),
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while len(list((killed / "done").glob("*.json"))) < batches // 3:
        if process.poll() is not None:
            print("the run ended before it could be killed")
            return False
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_first = {p.name: p.stat().st_mtime_ns for p in (killed / "done").iterdir()}
    print(
        f"killed (SIGKILL) after {time.perf_counter() - started:.1f} s with "
        f"{len(done_first)} of {batches} batches done"
    )
    started = time.perf_counter()
    again = subprocess.run(
        _cli(killed, inputs, workers), env=environment, capture_output=True, text=True
    )
    print(f"second run: {time.perf_counter() - started:.1f} s, exit {again.returncode}")
    print("  " + "\n  ".join(again.stdout.strip().splitlines()[:2]))
    manifest = json.loads((killed / "manifest.json").read_text())
    for run in manifest["runs"]:
        print(
            f"  manifest run {run['run']}: batches done {run['batches_done']}, finished before "
            f"{run['batches_finished_before']}, {run.get('seconds')} s"
        )
    untouched = all(
        (killed / "done" / name).stat().st_mtime_ns == mtime for name, mtime in done_first.items()
    )
    redone = sum(b["run"] == 2 for b in manifest["batches"] if b["name"] + ".json" in done_first)
    one, two = load_batch(whole), load_batch(killed)
    same = all(one[t].equals(two[t]) for t in one) and one.keys() == two.keys()
    print(f"  finished batches redone: {redone}; their files untouched: {untouched}")
    print(f"  tables equal to the uninterrupted run's: {same}")
    return same and untouched and redone == 0 and again.returncode == 0


def check_bad(folder: Path, workers: int | None, big_mb: int, time_limit: float) -> bool:
    from reader.batch import load_batch, run_batch

    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "photo.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<\x00\x00 broken")
    pages = sorted(POLNEAR.glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in pages)
    copies = big_mb * 2**20 // len(text.encode()) + 1
    (corpus / "big.txt").write_text("\n\n".join([text] * copies), encoding="utf-8")
    (corpus / "good.txt").write_text(pages[0].read_text(encoding="utf-8"), encoding="utf-8")
    size = (corpus / "big.txt").stat().st_size / 2**20
    started = time.perf_counter()
    summary = run_batch([str(corpus)], folder / "out-bad", workers=workers, time_limit=time_limit)
    print(
        f"bad corpus ({size:.0f} MB text among them): run ended in {time.perf_counter() - started:.0f} s"
    )
    for line in summary.lines()[:3]:
        print("  " + line)
    documents = load_batch(folder / "out-bad")["documents"]
    for row in documents.itertuples():
        print(f"  {Path(row.source).name:12} {row.status:8} {row.characters!s:>10}  {row.error}")
    return len(documents) == 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="same,resume,bad")
    parser.add_argument("--workers", type=int, help="local workers (default: one per core)")
    parser.add_argument("--big-mb", type=int, default=20, help="size of the big text (MB)")
    parser.add_argument("--time-limit", type=float, default=600.0, help="per document (s)")
    args = parser.parse_args()
    if not POLNEAR.is_dir() or not (SHARED / "data" / "basil").is_dir():
        print(f"no corpora under {SHARED}; nothing to check (needs ../shared)")
        return 0
    parts = args.parts.split(",")
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for part in ("same", "resume", "bad"):
            (folder / part).mkdir()
        if "same" in parts:
            ok &= check_same(folder / "same", args.workers)
        if "resume" in parts:
            ok &= check_resume(folder / "resume", args.workers)
        if "bad" in parts:
            ok &= check_bad(folder / "bad", args.workers, args.big_mb, args.time_limit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
