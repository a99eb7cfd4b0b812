"""How often `reader.clean.reading_order` puts back a paragraph read across columns, and
how often it moves lines it should leave alone.

Tesseract sometimes reads a paragraph in two or three pieces, each piece holding
every second or third line, with a blank line after each piece (see the two pages
in ../shared/data/dev-pages/ocr).  Only two real examples exist, so this script
makes more: it takes pages from `tools/make_pages.py`, drops their indents (as OCR does),
chooses one whole paragraph on each and reads it across in the same way (half the
time with its drop capital set apart as in "T he"), then counts

  restored  the paragraph came back in its true order, and nothing else moved;
  wrong     lines were moved, but not into the true order;
  missed    nothing moved (the lines gave no clear sign: the cleaner reads on);
  plain     pages changed before any damage was done (must be 0).

usage:
  python benchmarks/reading_order_eval.py                 # seeds 5-9, 40+40 pages each
  python benchmarks/reading_order_eval.py --seeds 11 12 --count 20 --show
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from reader.clean.cleaner import normalise_text
from reader.clean.hyphens import WordEvidence
from reader.clean.reading_order import restore_reading_order
from reader.text import ends_sentence
from tools.make_pages import SHARED, make_set


def whole_paragraphs(texts: list[str]) -> list[tuple[int, int]]:
    """(start, end) of blocks of 6-14 lines that are a whole paragraph each."""
    found = []
    start = 0
    while start < len(texts):
        if not texts[start]:
            start += 1
            continue
        end = start
        while end < len(texts) and texts[end]:
            end += 1
        opens = start < 2 or not texts[start - 2] or ends_sentence(texts[start - 2])
        if 6 <= end - start <= 14 and opens and ends_sentence(texts[end - 1]):
            found.append((start, end))
        start = end
    return found


def read_across(paragraph: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """The paragraph as OCR reads it in 2 or 3 pieces, a piece every 2nd or 3rd line,
    and its lines in their true order (with the drop capital as OCR left it)."""
    lines = list(paragraph)
    first = lines[0]
    if rng.random() < 0.5 and first[:1] not in "AI" and first[:2].istitle():
        lines[0] = first[0] + " " + first[1:]  # "T he": the drop capital set apart
    pieces = rng.choice([2, 3])
    columns = [lines[k::pieces] for k in range(pieces)]
    order = list(range(pieces))
    while order == sorted(order):
        rng.shuffle(order)
    read: list[str] = []
    for k in order:
        for line in columns[k]:
            read.append(line)
            if rng.random() < 0.15:
                read.append("")  # OCR cuts a piece into blocks of its own now and then
        read.append("")
    return read, lines


def check_page(text: str, rng: random.Random) -> tuple[str, str]:
    """("plain" or the outcome, a short account) for one page."""
    texts = [line.strip() for line in normalise_text(text).split("\n")]
    if restore_reading_order(texts, WordEvidence.from_text("\n".join(texts))):
        return "plain", "lines moved on the page as made"
    paragraphs = whole_paragraphs(texts)
    if not paragraphs:
        return "no paragraph", ""
    start, end = rng.choice(paragraphs)
    damaged, true_order = read_across(texts[start:end], rng)
    page = texts[:start] + damaged + texts[end:]
    found = restore_reading_order(page, WordEvidence.from_text("\n".join(page)))
    if not found:
        return "missed", ""
    restored = [page[i] for stretch in found for i in stretch.lines]
    if len(found) == 1 and restored == true_order:
        return "restored", ""
    return "wrong", " | ".join(line[:20] for line in restored[:8])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds", type=int, nargs="+", default=[5, 6, 7, 8, 9])
    ap.add_argument("--count", type=int, default=40, help="pages a source and seed")
    ap.add_argument("--show", action="store_true", help="print the wrong ones")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"reading_order_eval: {SHARED} is absent; nothing to make pages from.")
        return 0
    totals: Counter = Counter()
    for seed in args.seeds:
        rng = random.Random(seed)
        counts: Counter = Counter()
        for source in ("polnear", "basil"):
            for name, text, _gold in make_set(source, args.count, seed):
                outcome, account = check_page(text, rng)
                counts[outcome] += 1
                if args.show and outcome in ("wrong", "plain"):
                    print(f"  {outcome}: {name}: {account}")
        totals += counts
        print(f"seed {seed}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    acted = totals["restored"] + totals["wrong"]
    print(
        f"all: {sum(totals.values())} pages; restored {totals['restored']}, wrong {totals['wrong']}"
        f" ({totals['wrong'] / max(acted, 1):.1%} of the paragraphs moved), missed {totals['missed']},"
        f" pages changed before any damage {totals['plain']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
