"""Instructions per MB for the cleaner and the actor finder, counted by valgrind.

Timings on a shared machine swing by a third from one hour to the next; the number
of instructions a piece of work takes does not.  This script runs the work twice
under `valgrind --tool=callgrind` (Debian's valgrind), once with the measured part
and once without it, and prints the difference per MB of input:

  clean    `clean_page` page by page on ~1 MB made like clean_speed.py's corpus
  actors   `find_actors` with the 10,000-alias list on the sample page repeated
           to ~0.3 MB (as actors_speed.py, smaller: callgrind is ~50x slower)

Use it to compare two versions of the code (run it in each checkout); divide a
MB/s measured at a quiet moment by the ratio of the counts to compare speeds.
Each stage takes a minute or two.

usage: python -m benchmarks.instructions [clean] [actors]
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = {"clean": 1.0, "actors": 0.3}  # MB of input for each


def work(stage: str, data: str, measured: bool) -> None:
    """Run in a child under valgrind: set up, warm up, then (if measured) do the work."""
    if stage == "clean":
        from reader.clean import clean_page

        with open(data, "rb") as handle:
            pages = pickle.load(handle)
        clean_page(pages[0])  # word lists loaded before counting
        if measured:
            for page in pages:
                clean_page(page)
    else:
        from benchmarks.actors_speed import big_gazetteer
        from reader import SAMPLE_PAGE, Document, load_document
        from reader.actors import find_actors

        gazetteer = big_gazetteer()
        page = load_document(SAMPLE_PAGE).text
        copies = max(1, int(STAGES["actors"] * 1_000_000 / len(page.encode("utf-8"))))
        document = Document.from_text("\n\n".join([page] * copies))
        find_actors(document, gazetteer=gazetteer, use_base=False)
        if measured:
            find_actors(document, gazetteer=gazetteer, use_base=False)


def count(stage: str, data: str, measured: bool) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "benchmarks.instructions",
        "--child",
        stage,
        data,
        "measured" if measured else "setup",
    ]
    # A fixed hash seed: set and dict order, and so the work, are the same every run.
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    # The child imports this checkout's reader and benchmarks, wherever it starts.
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise SystemExit(f"instructions: valgrind failed for {stage}: {tail[0]}")
    return int(found.group(1))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        work(argv[1], argv[2], argv[3] == "measured")
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (apt-get install valgrind)")
    stages = [a for a in argv if a in STAGES] or list(STAGES)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "pages.pickle")
        if "clean" in stages:
            from benchmarks import clean_speed

            with open(data, "wb") as handle:
                pickle.dump(clean_speed.make_corpus(STAGES["clean"]), handle)
        for stage in stages:
            megabytes = STAGES[stage]
            if stage == "clean":
                with open(data, "rb") as handle:
                    pages = pickle.load(handle)
                megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6
            else:
                from reader import SAMPLE_PAGE, load_document

                page = load_document(SAMPLE_PAGE).text
                copies = max(1, int(megabytes * 1_000_000 / len(page.encode("utf-8"))))
                megabytes = len("\n\n".join([page] * copies).encode("utf-8")) / 1e6
            total = count(stage, data, True) - count(stage, data, False)
            print(
                f"{stage}: {total / 1e6 / megabytes:,.0f} M instructions per MB "
                f"({megabytes:.2f} MB counted)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
