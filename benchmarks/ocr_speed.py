"""Pages per second and peak memory of the scan, ALTO and hOCR readers (`reader.sources`).

Reads the dev pages (../shared/data/dev-pages/pdf: each page's 150-dpi scan
``.png`` and Tesseract's ALTO of it) when they are there, else makes pages: a
newspaper-like page drawn with Pillow in DejaVu, its ALTO and hOCR written by
Tesseract.  Each reader runs in a fresh process, so that its peak memory (the
growth of VmHWM over the same process just after import; Tesseract's, a program
apart, in its own column) is its own:

  scan    `read_scan` on the first --scans scans (Tesseract, one thread)
  alto    `read_alto` on every ALTO file, --repeat times
  hocr    `read_hocr` on Tesseract's hOCR of the scans
  alto-N  `read_alto` on one ALTO file of N pages (the dev pages over and over),
          for N in --long; its peak should not grow with N (one page at a time)

Only the readers are timed: the words they give, not the geometric cleaner.

usage: python -m benchmarks.ocr_speed [--scans 4] [--repeat 20] [--long 20,400]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "data" / "dev-pages" / "pdf"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=4, help="scans to read with Tesseract")
    parser.add_argument("--repeat", type=int, default=20, help="times the ALTO files are read")
    parser.add_argument("--long", default="20,400", help="page counts of the long ALTO files")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker[0], [Path(p) for p in args.worker[1:]])
    if shutil.which("tesseract") is None:
        print("Tesseract is not installed: scans and hOCR are not timed", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as folder:
        scans, altos = dev_or_made_pages(Path(folder), args.scans)
        print(f"pages: {'dev pages' if DEV.is_dir() else 'made pages'}, {len(scans)} scans")
        print(
            f"{'reader':<10} {'pages':>6} {'pages/s':>9} {'peak MB':>8} {'Tesseract MB':>13}  words"
        )
        if shutil.which("tesseract"):
            report("scan", run_worker("scan", scans[: args.scans]))
            hocrs = [hocr_of(scan, Path(folder)) for scan in scans[: args.scans]]
            report("hocr", run_worker("hocr", hocrs * args.repeat))
        report("alto", run_worker("alto", altos * args.repeat))
        for count in (int(n) for n in args.long.split(",") if n):
            long_file = long_alto(altos, count, Path(folder) / f"long-{count}.alto.xml")
            report(f"alto-{count}", run_worker("alto", [long_file]))
    return 0


def dev_or_made_pages(folder: Path, count: int) -> tuple[list[Path], list[Path]]:
    """The dev scans and ALTO files, or ``count`` pages made here when ../shared is absent."""
    if DEV.is_dir():
        return sorted(DEV.glob("*.png")), sorted(DEV.glob("*.alto.xml"))
    if shutil.which("tesseract") is None:
        sys.exit("no dev pages (../shared) and no Tesseract to make pages with")
    scans, altos = [], []
    for number in range(count):
        scan = folder / f"made{number:02}.png"
        made_page(number).save(scan, dpi=(150, 150))
        alto = scan.with_suffix(".alto.xml")
        subprocess.run(
            ["tesseract", str(scan), str(alto.with_suffix("").with_suffix("")), "alto"],
            check=True,
            capture_output=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        alto.with_suffix("").with_suffix(".xml").rename(alto)
        scans.append(scan)
        altos.append(alto)
    return scans, altos


def made_page(seed: int):
    """A 150-dpi letter page: a bold headline and three columns of body text."""
    from PIL import Image, ImageDraw, ImageFont

    words = (
        "officials said the talks between the two governments would continue next week "
        "after a meeting in the capital where ministers discussed security oil and trade"
    ).split()
    image = Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 44)
    body = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 17)
    draw.text((60, 60), f"Ministers meet again {seed}", font=bold, fill=0)
    for column in range(3):
        for line in range(60):
            start = (seed + column * 7 + line * 5) % len(words)
            text = " ".join((words * 2)[start : start + 5])
            draw.text((60 + column * 400, 160 + line * 24), text, font=body, fill=0)
    return image


def hocr_of(scan: Path, folder: Path) -> Path:
    out = folder / scan.stem
    subprocess.run(
        ["tesseract", str(scan), str(out), "hocr"],
        check=True,
        capture_output=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return out.with_suffix(".hocr")


def long_alto(altos: list[Path], count: int, path: Path) -> Path:
    """One ALTO file of ``count`` pages: the Page elements of ``altos``, over and over."""
    texts = [alto.read_text(encoding="utf-8") for alto in altos]
    pages = [re.search(r"<Page\b.*</Page>", text, re.S).group(0) for text in texts]
    head = texts[0][: texts[0].index("<Page")]
    tail = texts[0][texts[0].rindex("</Page>") + len("</Page>") :]
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for number in range(count):
            out.write(pages[number % len(pages)])
        out.write(tail)
    return path


def run_worker(kind: str, files: list[Path]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.ocr_speed", "--worker", kind, *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def worker(kind: str, files: list[Path]) -> int:
    """Read ``files`` with the reader of ``kind``; print pages, seconds, words and peak memory."""
    from reader.sources.alto import read_alto
    from reader.sources.hocr import read_hocr
    from reader.sources.scan import read_scan

    read = {"scan": read_scan, "alto": read_alto, "hocr": read_hocr}[kind]
    import PIL.Image  # noqa: F401  (their imports are not the reading: pytesseract imports pandas)
    import pytesseract  # noqa: F401

    baseline = peak_kb()
    pages = words = 0
    started = time.perf_counter()
    for file in files:
        for page in read(file):  # each page dropped once counted, as a cleaner would
            pages += 1
            words += len(page.words)
    seconds = time.perf_counter() - started
    grown = (peak_kb() - baseline) / 1024
    import resource

    tesseract = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row = {"pages": pages, "seconds": seconds, "words": words, "peak_mb": grown}
    print(json.dumps(row | {"tesseract_mb": tesseract}))
    return 0


def peak_kb() -> int:
    """This process's peak resident memory (VmHWM), in kB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report(name: str, row: dict) -> None:
    rate = row["pages"] / row["seconds"] if row["seconds"] else float("inf")
    words = row["words"] / max(row["pages"], 1)
    child = f"{row['tesseract_mb']:.1f}" if row["tesseract_mb"] else "-"
    print(
        f"{name:<10} {row['pages']:>6} {rate:>9.1f} {row['peak_mb']:>8.1f} {child:>13}  {words:.0f}"
    )


if __name__ == "__main__":
    sys.exit(main())
