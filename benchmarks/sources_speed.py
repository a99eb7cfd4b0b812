"""Pages per second and peak memory for every kind of page `reader.clean.files.clean_file` reads.

For each kind (PDF, scan, ALTO, saved web page, side-by-side layout text) it cleans
the pages of that kind in a fresh process and prints the pages per second (the
median page's time, and all pages together) and the process's peak memory over what
it used after its imports.  The pages are the dev pages of ../shared/data/dev-pages
(each PDF page also as its scan and ALTO; the layout text is ``pdftotext -layout``
of the PDFs, when poppler-utils is installed); without ../shared, the kit's own
pages in ``texts/`` (the typeset sample PDF, its render as a scan when Tesseract is
installed, the made-up web pages).  The 200-page PDF is `benchmarks.pdf_speed`.

usage: python -m benchmarks.sources_speed [--kinds pdf,scan,alto,html,layout-text]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.memory import run_fresh
from benchmarks.pdf_speed import ROOT, SHARED

DEV = SHARED / "data" / "dev-pages"
TEXTS = ROOT / "texts"

CHILD = r"""
import json, sys, time

from benchmarks.memory import peak_kb

from reader.clean.files import clean_file
import reader.clean.geometry, reader.clean.repairs, reader.sources.web  # before the baseline
baseline = peak_kb()
seconds = []
for path in sys.argv[1:]:
    started = time.perf_counter()
    clean_file(path)
    seconds.append(time.perf_counter() - started)
print(json.dumps({"seconds": seconds, "peak_mb": (peak_kb() - baseline) / 1024}))
"""


def pages_of(kind: str, scratch: Path) -> list[Path]:
    """The pages to time for ``kind``: the dev pages, else the kit's own."""
    if kind == "pdf":
        return sorted((DEV / "pdf").glob("*.pdf")) or sorted((TEXTS / "typeset").glob("*.pdf"))
    if kind == "scan":
        return sorted((DEV / "pdf").glob("*.png")) or [_render(scratch)]
    if kind == "alto":
        return sorted((DEV / "pdf").glob("*.alto.xml"))
    if kind == "html":
        return sorted((DEV / "html").glob("*.html")) or sorted(TEXTS.glob("*.html"))
    if kind == "layout-text":
        if not shutil.which("pdftotext"):
            return []
        made = []
        for pdf in pages_of("pdf", scratch):
            text = scratch / f"{pdf.stem}.layout.txt"
            subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True)
            made.append(text)
        return made
    raise SystemExit(f"sources_speed: unknown kind {kind!r}")


def _render(scratch: Path) -> Path:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(TEXTS / "typeset" / "arab-weekly-maliki-russia.pdf"))
    scan = scratch / "typeset-scan.png"
    document[0].render(scale=150 / 72).to_pil().convert("L").save(scan, dpi=(150, 150))
    document.close()
    return scan


def measure(paths: list[Path]) -> dict:
    return run_fresh(CHILD, *paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default="pdf,scan,alto,html,layout-text")
    args = parser.parse_args(argv)
    print(
        f"{'kind':12} {'pages':>5}  {'median s/page':>13}  {'pages/s':>7}  {'peak MB over imports':>20}"
    )
    with tempfile.TemporaryDirectory(prefix="sources_speed_") as scratch:
        for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
            if kind == "scan" and not shutil.which("tesseract"):
                print(f"{kind:12} skipped: Tesseract is not installed")
                continue
            paths = pages_of(kind, Path(scratch))
            if not paths:
                print(f"{kind:12} skipped: no pages of this kind here")
                continue
            row = measure(paths)
            seconds = row["seconds"]
            print(
                f"{kind:12} {len(paths):>5}  {statistics.median(seconds):>13.3f}  "
                f"{len(paths) / sum(seconds):>7.1f}  {row['peak_mb']:>20.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
