"""Pages per second and peak memory of the PDF path (reader.sources.pdf + reader.clean.geometry).

Makes PDFs of 20 and 200 pages (``--pages``): the dev newspaper pages of
../shared/data/dev-pages/pdf repeated (copied page by page with pypdfium2), or,
when ../shared is absent, pages of four text columns typeset with matplotlib.
For each it runs, in a fresh process, `reader.clean.files.clean_file` (read every
page with pdfplumber, one at a time, and clean them into one Document) and
prints the pages per second (reading alone, and reading with cleaning) and the
process's peak memory (VmHWM, or ru_maxrss where /proc is absent) over what the
same process used after its imports: the part the PDF needs.  Memory that does
not grow with the page count is the point: the 200-page figure should stay
close to the 20-page one.

usage: python -m benchmarks.pdf_speed [--pages 20,200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.memory import run_fresh

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
DEV_PDFS = SHARED / "data" / "dev-pages" / "pdf"

# Run in the fresh process: read (and clean) the PDF, report seconds and memory.
CHILD = r"""
import json, sys, time

from benchmarks.memory import peak_kb

from reader.clean.files import clean_file
from reader.sources.pdf import read_pdf
import reader.clean.geometry, reader.clean.repairs, pdfplumber  # imports before the baseline
path = sys.argv[1]
baseline = peak_kb()
started = time.perf_counter()
pages = sum(1 for _ in read_pdf(path))
read_seconds = time.perf_counter() - started
started = time.perf_counter()
result = clean_file(path)
clean_seconds = time.perf_counter() - started
print(json.dumps({"pages": pages, "read_s": read_seconds, "clean_s": clean_seconds,
                  "words": len(result.document.text.split()),
                  "peak_mb": (peak_kb() - baseline) / 1024}))
"""


def dev_pdf(pages: int, out: Path) -> Path:
    """The dev PDF pages repeated up to ``pages`` pages, copied with pypdfium2."""
    import pypdfium2

    sources = sorted(DEV_PDFS.glob("page*.pdf"))
    made = pypdfium2.PdfDocument.new()
    opened = [pypdfium2.PdfDocument(str(path)) for path in sources]
    for index in range(pages):
        made.import_pages(opened[index % len(opened)], [0])
    made.save(str(out))
    for document in opened:
        document.close()
    made.close()
    return out


def typeset_pdf(pages: int, out: Path) -> Path:
    """Pages of a headline over four justified-looking columns, typeset with matplotlib."""
    import matplotlib

    matplotlib.use("pdf", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    words = (
        "the council met on tuesday to hear the plan for the new bridge over the river "
        "and the mayor said that the work would start in the spring of next year"
    ).split()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(out) as pdf:
        for number in range(pages):
            figure = plt.figure(figsize=(8.5, 11))
            figure.text(
                0.06,
                0.95,
                f"Council Plans A Bridge, Part {number + 1}",
                fontsize=22,
                fontweight="bold",
                va="top",
            )
            for column in range(4):
                for row in range(60):
                    start = (row * 7 + column * 3 + number) % (len(words) - 7)
                    line = " ".join(words[start : start + 6])
                    figure.text(
                        0.06 + column * 0.23, 0.88 - row * 0.0135, line, fontsize=7.5, va="top"
                    )
            pdf.savefig(figure)
            plt.close(figure)
    return out


def measure(path: Path) -> dict:
    return run_fresh(CHILD, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="20,200")
    parser.add_argument("--keep", type=Path, help="write the PDFs here and keep them")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.pages.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pdf_speed_"))
    folder.mkdir(parents=True, exist_ok=True)
    source = "dev pages" if DEV_PDFS.is_dir() else "typeset with matplotlib"
    print(
        f"PDF path: pdfplumber pages read one at a time, cleaned by reader.clean.geometry ({source})"
    )
    print(
        f"{'pages':>6}  {'read pages/s':>12}  {'read+clean pages/s':>18}  {'peak MB over imports':>20}  words"
    )
    for count in counts:
        path = folder / f"pdf_speed_{count}.pdf"
        (dev_pdf if DEV_PDFS.is_dir() else typeset_pdf)(count, path)
        row = measure(path)
        print(
            f"{row['pages']:>6}  {row['pages'] / row['read_s']:>12.1f}  "
            f"{row['pages'] / row['clean_s']:>18.1f}  {row['peak_mb']:>20.1f}  {row['words']}"
        )
        if args.keep is None:
            path.unlink()
    if args.keep is None:
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
