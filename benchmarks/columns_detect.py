"""How often `reader.sources.columns` takes a page for columns side by side, and how fast.

Side-by-side detection must fire on every ``pdftotext -layout`` page and on no
ordinary page.  For each set this prints pages fired / pages and the strongest
gutter measured (lines with words on its weaker side; detection needs
``MIN_LINES_EACH_SIDE``): the lowest among the pages that should fire, the
highest among those that should not.

Ordinary sets (should never fire): ``texts/`` and ``benchmarks/pages/`` of this
checkout; from ../shared (or the folder READER_SHARED names) the typeset and OCR
dev pages, the PolNeAR texts, the BASIL bodies, the OverProof articles (raw OCR
and their transcription) and made pages (``tools.make_pages``, with and without
``--hard``), and every ``.txt`` in ``--texts`` folders.  Side-by-side sets (should
always fire): ``pdftotext -layout`` of the dev PDFs and of every PDF in ``--pdfs``
folders.

``--speed`` times `side_by_side_page` on a 5 MB layout text and a 5 MB ordinary one.

usage:
  python -m benchmarks.columns_detect
  python -m benchmarks.columns_detect --made 100 --seed 3 --pdfs /tmp/my-pdfs --texts /tmp/my-txt
  python -m benchmarks.columns_detect --speed
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.eval_layout import ROOT, SHARED
from reader.sources.columns import MIN_LINES_EACH_SIDE, find_gutter, side_by_side_page


def text_files(folder: Path, pattern: str = "*.txt") -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob(pattern))]


def basil_bodies() -> list[tuple[str, str]]:
    """Each BASIL article as a plain text: its title, then a paragraph a line."""
    pages = []
    for path in sorted((SHARED / "data" / "basil" / "articles").rglob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in article["body-paragraphs"]]
        pages.append((path.name, "\n\n".join([article["title"], *paragraphs])))
    return pages


def overproof_articles() -> list[tuple[str, str]]:
    """Each OverProof article twice: the raw OCR lines, and their human transcription."""
    path = SHARED / "data" / "overproof" / "smh-dataset2-allArticles.txt"
    if not path.exists():
        return []
    articles: list[list[str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("*$*OVERPROOF*$*"):
            articles.append([])
        elif articles:
            articles[-1].append(line)
    pages = []
    for number, lines in enumerate(articles):
        cells = [line.split("||@@||") for line in lines]
        pages.append((f"ocr-{number}", "\n".join(c[0] for c in cells)))
        pages.append((f"truth-{number}", "\n".join(c[1] if len(c) > 1 else "" for c in cells)))
    return pages


def made_pages(count: int, seed: int, source: str, hard: bool) -> list[tuple[str, str]]:
    from tools.make_pages import make_set

    return [(name, text) for name, text, _gold in make_set(source, count, seed, hard)]


def layout_texts(pdfs: list[Path]) -> list[tuple[str, str]]:
    """``pdftotext -layout`` of each PDF (none when pdftotext is not installed)."""
    if shutil.which("pdftotext") is None:
        print("columns_detect: pdftotext is not installed; no layout sets", file=sys.stderr)
        return []
    run = subprocess.run
    return [
        (p.name, run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True).stdout)
        for p in pdfs
    ]


def ordinary_sets(made: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    dev = SHARED / "data" / "dev-pages"
    sets = {
        "texts": text_files(ROOT / "texts"),
        "benchmarks/pages": text_files(ROOT / "benchmarks" / "pages"),
    }
    if SHARED.exists():
        sets |= {
            "dev typeset": text_files(dev / "typeset"),
            "dev ocr": text_files(dev / "ocr"),
            "polnear texts": text_files(SHARED / "data" / "polnear-dev" / "text", "*"),
            "basil bodies": basil_bodies(),
            "overproof": overproof_articles(),
        }
        for source in ("polnear", "basil"):
            for hard in (False, True):
                name = f"made {source}{' --hard' if hard else ''}"
                sets[name] = made_pages(made, seed, source, hard)
    return sets


def survey(name: str, pages: list[tuple[str, str]], should_fire: bool) -> bool:
    """Print one set's line; True when every page went the way it should."""
    strengths, wrong = [], []
    for page, text in pages:
        gutter = find_gutter(text)
        strength = gutter.lines_each_side if gutter else 0
        strengths.append(strength)
        if (side_by_side_page(text) is not None) != should_fire:
            wrong.append(page)
    fired = len(pages) - len(wrong) if should_fire else len(wrong)
    edge = f"weakest {min(strengths)}" if should_fire else f"strongest {max(strengths)}"
    print(f"{name:24} fired {fired:4} / {len(pages):4}   {edge} lines each side")
    for page in wrong[:5]:
        print(f"    {'missed' if should_fire else 'fired on'}: {page}")
    return not wrong


def speed() -> None:
    """Seconds for side_by_side_page on 5 MB of layout text and of ordinary text."""
    pdf = SHARED / "data" / "dev-pages" / "pdf" / "page03.pdf"
    layout = layout_texts([pdf])
    samples = {"ordinary": (ROOT / "texts" / "arab-weekly-maliki-russia.txt").read_text("utf-8")}
    if layout:
        samples["layout"] = layout[0][1]
    for name, sample in samples.items():
        text = (sample + "\n") * (5_000_000 // len(sample) + 1)
        started = time.perf_counter()
        page = side_by_side_page(text)
        seconds = time.perf_counter() - started
        words = len(page.words) if page else 0
        print(f"{name:9} {len(text) / 1e6:.1f} MB: {seconds:.2f} s, {words} words read")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--made", type=int, default=50, help="made pages per source and kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdfs", type=Path, nargs="*", default=[], help="folders of PDFs")
    parser.add_argument(
        "--texts", type=Path, nargs="*", default=[], help="folders of ordinary .txt pages"
    )
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args(argv)
    if args.speed:
        speed()
        return 0
    print(f"fires at {MIN_LINES_EACH_SIDE} lines with words on each side of one gutter")
    right = True
    sets = ordinary_sets(args.made, args.seed)
    sets |= {str(folder): text_files(folder) for folder in args.texts}
    for name, pages in sets.items():
        right &= survey(name, pages, should_fire=False)
    dev_pdfs = sorted((SHARED / "data" / "dev-pages" / "pdf").glob("*.pdf"))
    layout_sets = {"layout dev pdf": dev_pdfs}
    layout_sets |= {f"layout {folder}": sorted(folder.glob("*.pdf")) for folder in args.pdfs}
    for name, pdfs in layout_sets.items():
        if pdfs:
            right &= survey(name, layout_texts(pdfs), should_fire=True)
    return 0 if right else 1


if __name__ == "__main__":
    sys.exit(main())
