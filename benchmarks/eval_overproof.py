"""Line joining on real newspaper OCR: our cleaner against joining lines naively.

Data: ../shared/data/overproof/smh-dataset2-allArticles.txt (159 Sydney Morning
Herald articles, 1842-1954).  Each article starts with a ``*$*OVERPROOF*$*``
header; each following line is ``raw OCR||@@||human transcription||@@||overProof's
correction`` for one printed line.  The transcription keeps the printed line
ends, and with them the line-end hyphens ("Thorns-" / "hope", "north-" / "east").

The reference is the transcription's lines joined into one text.  A line-end
hyphen in it is ambiguous: "Thorns-" + "hope" is one word broken by the printer
("Thornshope"), "north-" + "east" a compound that keeps its hyphen
("north-east"); the transcription cannot tell us which.  So the reference is
*hyphen-tolerant*: where the transcription has a line-end hyphen between two
letters, both the joined form and the hyphenated form count as right (both
texts are put in one canonical form for these words before they are compared).
A word left split in two ("Thorns- hope") is always wrong.  The strict variants
(every such hyphen dropped; every one kept) are printed too, to show how much
the choice matters.  A line that ends in " -" or "--" is a dash: joined with a
space.

Systems compared, each on the raw OCR lines of an article (and, to isolate the
joining from OCR noise, on the transcription's own lines):
  naive    the lines joined with single spaces
  rule     every line-end hyphen before a lower-case letter dropped (a common fix)
  cleaner  reader.clean.clean_page on the lines joined with "\\n" (its Document's
           text: headline, paragraphs, captions in the order it lays them out)
Word error rate: difflib on whitespace tokens, case and punctuation kept,
errors = max(gold span, predicted span) of each non-matching stretch, summed over
articles and divided by the reference's word count.

usage: python benchmarks/eval_overproof.py [--cleaner real|naive] [--worst 5] [--show ID]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "overproof" / "smh-dataset2-allArticles.txt"

LINE_HYPHEN = re.compile(r"[^\W\d_]-$")


def read_articles(path: Path = DATA):
    """[(id, raw lines, human lines)]."""
    articles = []
    ident, raw, human = None, [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("*$*OVERPROOF*$*"):
                if ident is not None:
                    articles.append((ident, raw, human))
                ident, raw, human = line.split()[1], [], []
                continue
            parts = line.split("||@@||")
            if len(parts) < 2:
                continue
            raw.append(parts[0])
            human.append(parts[1])
    if ident is not None:
        articles.append((ident, raw, human))
    return articles


def reference(human: list[str], mode: str = "tolerant"):
    """Tokens of the transcription with its line ends undone, plus the {hyphenated: joined} map."""
    lines = [ln.strip() for ln in human if ln.strip()]
    tokens: list[str] = []
    flex: dict[str, str] = {}
    carry = ""
    for i, line in enumerate(lines):
        words = line.split()
        if carry:
            if words:
                first = words[0]
                joined, hyphened = carry[:-1] + first, carry + first
                flex[hyphened] = joined
                words[0] = hyphened if mode == "keep" else joined
            else:
                words = [carry]
            carry = ""
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if words and LINE_HYPHEN.search(words[-1]) and nxt[:1].isalpha():
            carry = words.pop()
        tokens.extend(words)
    if carry:
        tokens.append(carry)
    return tokens, (flex if mode == "tolerant" else {})


def errors(ref: list[str], hyp: list[str], flex: dict[str, str]) -> int:
    if flex:
        ref = [flex.get(t, t) for t in ref]
        hyp = [flex.get(t, t) for t in hyp]
    sm = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def naive_join(lines: list[str]) -> str:
    return " ".join(ln.strip() for ln in lines if ln.strip())


def rule_join(lines: list[str]) -> str:
    text = "\n".join(ln.strip() for ln in lines if ln.strip())
    text = re.sub(r"([^\W\d_])-\n(?=[a-z])", r"\1", text)
    return text.replace("\n", " ")


def get_cleaner(name: str):
    if name == "naive":  # stand-in to test the harness: the rule above
        return rule_join
    from reader.clean import clean_page

    return lambda lines: clean_page("\n".join(lines)).document.text


def main(argv=None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--cleaner",
        choices=["real", "naive"],
        default="real",
        help="naive: a stand-in (the rule join) to test this harness",
    )
    ap.add_argument(
        "--worst",
        type=int,
        default=5,
        help="list the articles where the cleaner loses most against naive",
    )
    ap.add_argument("--show", metavar="ID", help="print the word diffs of one article (raw lines)")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"eval_overproof: {DATA} is absent; nothing to measure.")
        return 0
    cleaner = get_cleaner(args.cleaner)
    articles = read_articles()
    systems = {"naive": naive_join, "rule": rule_join, "cleaner": cleaner}
    modes = ["tolerant", "join", "keep"]
    totals = {(src, s, m): 0 for src in ("raw", "human") for s in systems for m in modes}
    words = {m: 0 for m in modes}
    per_article = []
    crashes = 0
    seconds = 0.0
    for ident, raw, human in articles:
        refs = {m: reference(human, m) for m in modes}
        for m in modes:
            words[m] += len(refs[m][0])
        row = {"id": ident}
        for src, lines in (("raw", raw), ("human", human)):
            for name, fn in systems.items():
                t0 = time.perf_counter()
                try:
                    hyp = fn(lines).split()
                except Exception as exc:
                    crashes += 1
                    print(f"  crash on {ident} ({src}, {name}): {type(exc).__name__}: {exc}")
                    hyp = []
                if name == "cleaner":
                    seconds += time.perf_counter() - t0
                for m in modes:
                    e = errors(refs[m][0], hyp, refs[m][1])
                    totals[(src, name, m)] += e
                    row[(src, name, m)] = e
        per_article.append(row)

    n_hyph = sum(len(reference(h, "tolerant")[1]) for _, _, h in articles)
    print(
        f"overproof: {len(articles)} articles, {words['tolerant']} reference words, "
        f"{n_hyph} line-end hyphens in the transcription; cleaner: {args.cleaner} "
        f"({seconds:.1f}s)"
    )
    for src, label in (("raw", "raw OCR lines"), ("human", "transcription's own lines")):
        print(f"\nword errors on {label} (reference: hyphen-tolerant | all dropped | all kept)")
        for name in systems:
            cells = []
            for m in modes:
                e = totals[(src, name, m)]
                cells.append(f"{e:6d} ({e / max(words[m], 1):.4f})")
            print(f"  {name:<8} " + " | ".join(cells))
        a = totals[(src, "naive", "tolerant")]
        b = totals[(src, "cleaner", "tolerant")]
        print(f"  cleaner vs naive (tolerant): {b - a:+d} errors ({(b - a) / max(a, 1):+.1%})")
    if crashes:
        print(f"\ncrashes: {crashes}")

    def gap(r):
        return (
            r[("raw", "cleaner", "tolerant")] - r[("raw", "rule", "tolerant")],
            r[("raw", "cleaner", "tolerant")] - r[("raw", "naive", "tolerant")],
        )

    worse = [r for r in sorted(per_article, key=gap, reverse=True) if gap(r)[0] > 0]
    print(
        f"\narticles where the cleaner leaves more errors than the rule join: {len(worse)}"
        " (raw lines, tolerant; --show ID for the diffs)"
    )
    for r in worse[: args.worst]:
        print(
            f"  {r['id']}: naive {r[('raw', 'naive', 'tolerant')]}, "
            f"rule {r[('raw', 'rule', 'tolerant')]}, cleaner {r[('raw', 'cleaner', 'tolerant')]}"
        )
    print("\nthe cleaner's errors on the transcription's own lines (tolerant reference):")
    shown = 0
    for ident, _, human in articles:
        ref, flex = reference(human)
        try:
            hyp = [flex.get(t, t) for t in cleaner(human).split()]
        except Exception:
            continue
        refc = [flex.get(t, t) for t in ref]
        sm = difflib.SequenceMatcher(None, refc, hyp, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op != "equal" and shown < 20:
                shown += 1
                print(
                    f"  {ident}: …{' '.join(refc[max(0, i1 - 4) : i1])} "
                    f"[-{' '.join(refc[i1:i2])}-]{{+{' '.join(hyp[j1:j2])}+}} "
                    f"{' '.join(refc[i2 : i2 + 2])}…"
                )
    if args.show:
        for ident, raw, human in articles:
            if ident == args.show:
                ref, flex = reference(human)
                for name in ("naive", "cleaner"):
                    hyp = [flex.get(t, t) for t in systems[name](raw).split()]
                    refc = [flex.get(t, t) for t in ref]
                    sm = difflib.SequenceMatcher(None, refc, hyp, autojunk=False)
                    print(f"\n-- {ident} {name}:")
                    for op, i1, i2, j1, j2 in sm.get_opcodes():
                        if op != "equal":
                            print(
                                f"   …{' '.join(refc[max(0, i1 - 4) : i1])} "
                                f"[-{' '.join(refc[i1:i2])}-]{{+{' '.join(hyp[j1:j2])}+}}"
                            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
