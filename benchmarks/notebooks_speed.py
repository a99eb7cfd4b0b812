"""How long the ten notebooks take, run top to bottom as a student runs them.

Each notebook runs in its own kernel (nbclient), in a copy of the kit made in a
temporary folder whose student is ``Benchmark`` (so nothing is written into the
checkout), the notebooks one after the other as the tests run them.  Prints the
seconds of each notebook and the total; the tests want the total under 60 s.

    .venv/bin/python benchmarks/notebooks_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(names: list[str]) -> dict[str, float]:
    """Seconds per notebook for one run of all of them in a fresh copy of the kit."""
    import nbclient
    import nbformat

    seconds = {}
    with tempfile.TemporaryDirectory() as folder:
        kit = Path(folder)
        shutil.copytree(ROOT / "notebooks", kit / "notebooks")
        shutil.copytree(ROOT / "texts", kit / "texts")
        (kit / ".reader").mkdir()
        (kit / ".reader" / "student.json").write_text(json.dumps({"name": "Benchmark"}))
        for name in names:
            path = kit / "notebooks" / name
            notebook = nbformat.read(path, as_version=4)
            client = nbclient.NotebookClient(
                notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}
            )
            began = time.perf_counter()
            client.execute()
            seconds[name] = time.perf_counter() - began
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs to take the median of")
    args = parser.parse_args()
    names = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    runs = [run_once(names) for _ in range(args.runs)]
    for name in names:
        print(f"{name:28} {statistics.median(r[name] for r in runs):5.1f} s")
    totals = [sum(r.values()) for r in runs]
    print(f"{'all ten':28} {statistics.median(totals):5.1f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
