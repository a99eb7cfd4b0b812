"""Score `reader.clean.files.clean_file` on pages that are not plain text.

Reads ../shared/data/dev-pages (or the folder READER_SHARED names): each PDF page
in ``pdf/`` is scored as the PDF, as its 150-dpi scan (``.png``, Tesseract) and as
Tesseract's ALTO XML of that scan; each saved web page in ``html/`` as HTML, with
its meta (outlet, title, date, author) compared field by field.  A folder of your
own works too: every ``NAME.EXT`` with a ``NAME.gold.json`` beside it is scored.
``--kinds layout-text`` scores each PDF's ``pdftotext -layout`` text (columns side
by side) through `reader.clean.files.clean_text_page`, as a user who has only the
text would clean it.

For each kind it prints the mean word_error_rate, paragraph_f1 and caption_leak
of ../shared/tools/score_layout.py, the pages whose article count is right, the
worst pages, and for web pages the pages whose meta is right.

usage:
  python -m benchmarks.eval_sources                       # pdf, scan, alto, html
  python -m benchmarks.eval_sources --kinds pdf,alto
  python -m benchmarks.eval_sources --kinds layout-text    # needs pdftotext (poppler-utils)
  python -m benchmarks.eval_sources --show pdf/page03.pdf  # one page, word by word
  python -m benchmarks.eval_sources --folder my-pages/
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.eval_layout import SHARED, document_articles, load_scorer, show_diff

DEV = SHARED / "data" / "dev-pages"
KIND_FILES = {  # kind: (folder, the suffix of its files)
    "pdf": ("pdf", ".pdf"),
    "scan": ("pdf", ".png"),
    "alto": ("pdf", ".alto.xml"),
    "html": ("html", ".html"),
    "layout-text": ("pdf", ".pdf"),  # pdftotext -layout of the PDF, cleaned as text
}
DEFAULT_KINDS = "pdf,scan,alto,html"
META_FIELDS = ("outlet", "title", "date", "author")


def gold_of(path: Path) -> Path:
    """``page03.alto.xml`` -> ``page03.gold.json`` beside it."""
    return path.with_name(path.name.split(".")[0] + ".gold.json")


def pages_of_kind(kind: str, folder: Path | None = None) -> list[Path]:
    if folder is not None:
        return sorted(
            p for p in folder.iterdir() if not p.name.endswith(".gold.json") and gold_of(p).exists()
        )
    sub, suffix = KIND_FILES[kind]
    return sorted((DEV / sub).glob(f"*{suffix}"))


def meta_right(gold: dict, meta: dict) -> list[str]:
    """The meta fields the cleaner got wrong (empty when all are right)."""
    want = gold.get("meta") or {}
    return [f for f in META_FIELDS if f in want and (meta.get(f) or "") != (want[f] or "")]


def layout_text(pdf: Path) -> str:
    """What ``pdftotext -layout`` makes of a PDF: its columns side by side."""
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def score_page(path: Path, scorer, kind: str = "") -> dict:
    from reader.clean.files import clean_file, clean_text_page

    gold = json.loads(gold_of(path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    if kind == "layout-text":
        result = clean_text_page(layout_text(path), source=str(path))
    else:
        result = clean_file(path)
    seconds = time.perf_counter() - started
    articles = document_articles(result.document)
    row = scorer.score(gold["articles"], articles)
    row.update(page=path.name, seconds=round(seconds, 2))
    if "meta" in gold:
        row["meta_wrong"] = meta_right(gold, result.meta.to_json())
    return row


def report(kind: str, rows: list[dict], worst: int) -> None:
    def mean(key: str) -> float:
        return statistics.mean(r[key] for r in rows)

    right = sum(r["articles"][0] == r["articles"][1] for r in rows)
    line = (
        f"{kind:5} {len(rows):3} pages  words wrong {mean('word_error_rate'):.2%}  "
        f"paragraph F1 {mean('paragraph_f1'):.3f}  caption leak {mean('caption_leak'):.3f}  "
        f"articles right {right}/{len(rows)}  median {statistics.median(r['seconds'] for r in rows):.2f} s/page"
    )
    if any("meta_wrong" in r for r in rows):
        line += f"  meta right {sum(not r['meta_wrong'] for r in rows)}/{len(rows)}"
    print(line)
    for r in sorted(rows, key=lambda r: (r["word_error_rate"], -r["paragraph_f1"]), reverse=True)[
        :worst
    ]:
        extra = f" meta wrong: {','.join(r['meta_wrong'])}" if r.get("meta_wrong") else ""
        print(
            f"      {r['page']:18} wer {r['word_error_rate']:.3f} f1 {r['paragraph_f1']:.3f} "
            f"leak {r['caption_leak']:.2f} articles {r['articles']}{extra}"
        )


def show(spec: str) -> None:
    from reader.clean.files import clean_file

    path = Path(spec) if Path(spec).exists() else DEV / spec
    gold = json.loads(gold_of(path).read_text(encoding="utf-8"))
    result = clean_file(path)
    show_diff(path.name, result.document.text, gold, document_articles(result.document))
    if "meta" in gold:
        print(f"-- meta: gold {gold['meta']}\n         pred {result.meta.to_json()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default=DEFAULT_KINDS, help=f"of {','.join(KIND_FILES)}")
    parser.add_argument("--folder", type=Path, help="score every page with a .gold.json here")
    parser.add_argument("--show", help="show one page's differences from its gold layout")
    parser.add_argument("--worst", type=int, default=3)
    args = parser.parse_args(argv)
    if args.show:
        show(args.show)
        return 0
    if args.folder is None and not DEV.exists():
        print(f"eval_sources: {DEV} is absent; give --folder", file=sys.stderr)
        return 2
    scorer = load_scorer()
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if "layout-text" in kinds and shutil.which("pdftotext") is None:
        print("eval_sources: layout-text needs pdftotext (poppler-utils)", file=sys.stderr)
        return 2
    if args.folder:
        from reader.sources import file_kind

        by_kind: dict[str, list[Path]] = {}
        for path in pages_of_kind("folder", args.folder):
            by_kind.setdefault(file_kind(path), []).append(path)
        if "layout-text" in kinds:
            by_kind["layout-text"] = by_kind.get("pdf", [])
    else:
        by_kind = {kind: pages_of_kind(kind) for kind in kinds}
    for kind, paths in by_kind.items():
        rows = [score_page(path, scorer, kind) for path in paths]
        if rows:
            report(kind, rows, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
