"""How often does the cleaner rebuild a word cut at a line-end hyphen correctly?

Every word of real articles is cut where a typesetter may cut it (its
hyphenation points, from pyphen's dictionaries) and every real compound at its
own hyphen; `reader.clean.hyphens.join_broken_word` then has to tell which hyphen to
remove.  The word's own occurrence is taken out of the page's vocabulary first,
so the page evidence is honest.

    .venv/bin/python benchmarks/eval_hyphenation.py [--show 20]

Reads ../shared/data/polnear-dev (where the thresholds were chosen) and
../shared/data/basil (held out); exits with a message when ../shared is absent.
Needs pyphen (`pip install pyphen`), which the kit itself does not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from reader.clean.hyphens import WORD, WordEvidence, join_broken_word

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PLAIN_OR_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def polnear_texts() -> list[str]:
    folder = SHARED / "data" / "polnear-dev" / "text"
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def basil_texts() -> list[str]:
    texts = []
    for path in sorted((SHARED / "data" / "basil" / "articles").glob("*/*.json")):
        paragraphs = json.loads(path.read_text(encoding="utf-8"))["body-paragraphs"]
        texts.append(" ".join(" ".join(p) if isinstance(p, list) else p for p in paragraphs))
    return texts


def cut_points(texts: list[str], hyphenator) -> list[tuple[WordEvidence, str, str, str]]:
    """(page evidence, true word, left part, right part) for every place a word may be cut."""
    cases = []
    for text in texts:
        evidence = WordEvidence.from_text(text)
        for match in WORD.finditer(text):
            word = match.group()
            if not PLAIN_OR_COMPOUND.fullmatch(word):
                continue
            if "-" in word:
                left, right = word.split("-")
                if len(left) > 1 and len(right) > 1:
                    cases.append((evidence, word, left, right))
            elif len(word) >= 5:
                for position in hyphenator.positions(word)[:2]:
                    cases.append((evidence, word, word[:position], word[position:]))
    return cases


def score(cases) -> tuple[Counter, Counter, Counter]:
    errors, totals, wrong = Counter(), Counter(), Counter()
    for evidence, word, left, right in cases:
        key = word.lower()
        evidence.counts[key] -= 1  # the word itself is not evidence for itself
        rebuilt = join_broken_word(left, right, evidence)[0]
        evidence.counts[key] += 1
        kind = "compound" if "-" in word else "word"
        totals[kind] += 1
        if rebuilt != word:
            errors[kind] += 1
            wrong[f"{left}-|{right} -> {rebuilt}"] += 1
    return errors, totals, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="how many wrong cases to list")
    args = parser.parse_args()
    if not (SHARED / "data").is_dir():
        print("../shared/data is not here: nothing to measure")
        return 0
    try:
        import pyphen
    except ImportError:
        print("this benchmark needs pyphen: .venv/bin/pip install pyphen")
        return 0
    hyphenator = pyphen.Pyphen(lang="en_US")
    for name, texts in [("polnear-dev", polnear_texts()), ("basil (held out)", basil_texts())]:
        errors, totals, wrong = score(cut_points(texts, hyphenator))
        cases = sum(totals.values())
        print(
            f"{name}: {cases} cut points, {sum(errors.values()) / cases:.2%} rebuilt wrong "
            f"(words {errors['word']}/{totals['word']}, "
            f"compounds {errors['compound']}/{totals['compound']})"
        )
        for case, count in wrong.most_common(args.show):
            print(f"    {count:3d}  {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
