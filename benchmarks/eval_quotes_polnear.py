"""Measure `reader.quotes` on PolNeAR dev articles (gold Source / Cue / Content spans).

Usage: ``python benchmarks/eval_quotes_polnear.py [FOLDER] [--errors] [--baseline CHECKOUT]``
(default folder ``../shared/data/polnear-dev`` beside the project); ``--baseline`` also
prints the figures of another checkout of the kit (``/work/main``, a ``git worktree`` of
an older commit), before this one's.

Three numbers, as the issue defines them:

- recall: of the quoted passages (words between a pair of double quotation marks) of
  four words or more that lie inside a gold Content span (90% of their characters),
  the share that a reported *statement* quote covers (half of its characters or more);
- precision: of the statement quotes reported, the share that lie inside a gold Content
  span (90% of their characters);
- speaker: of the found passages whose gold Source is a name (it has a capitalised
  word that is not a pronoun or determiner), the share whose reported speaker shares
  a name word with the gold Source ("Pat Caddell" for "Caddell"); PolNeAR names the
  relaying outlet as Source ("According to Yahoo News, Clinton spokesman Jesse Lehrich
  said …"), which reader reports as the quote's outlet, so the outlet counts too.

Each wrong speaker is put under one error kind, so the next person sees where the rest is:

- ``title cut``: the speaker ends in an abbreviation's stem ("the Rev", "Sen");
- ``channel``: the speaker is a channel, not a person ("a tweet", "the statement");
- ``missing``: no speaker, though the gold Source is a name;
- ``wrong clause``: another name (someone named near the quote).

Besides, every statement quote of the folder whose speaker is a channel word or a cut title
is counted (the issue wants none).

An article annotated by several annotators is read with the first annotation file in
name order.  The folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.document import Document
from reader.quotes import CHANNEL_WORDS, Quote, find_quotes
from reader.text import ABBREVIATIONS, TITLE_ABBREVIATIONS

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear-dev"
_NOT_NAMES = (
    frozenset(
        """the a an he she they it we i you his her their its our this that these those some
    many several one two three another other his mr mrs ms dr gov sen rep president
    presidential republican democratic democrat former vice nominee candidate""".split()
    )
    | TITLE_ABBREVIATIONS
)  # "the Rev" names no one


@dataclass
class Attribution:
    source: str | None
    content: list[tuple[int, int]]


def read_ann(path: Path) -> list[Attribution]:
    """Attributions of a brat file: each with its Source text and Content spans."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            segments = [tuple(map(int, seg.split())) for seg in offsets.split(";")]
            spans[parts[0]] = (label, segments, parts[2] if len(parts) > 2 else "")
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(item.split(":", 1) for item in parts[1].split()))
    result = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        source = spans.get(relation.get("Source", ""))
        if content:
            result.append(Attribution(source[2] if source else None, list(content[1])))
    return result


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """Words between paired double marks, paragraph by paragraph (independent of reader)."""
    passages = []
    for match in re.finditer(r"“([^“”\n]*)”|\"([^\"\n]*)\"", text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        inner = text[start:end]
        stripped = inner.strip().rstrip(",").rstrip()
        if stripped:
            begin = start + len(inner) - len(inner.lstrip())
            passages.append((begin, begin + len(stripped)))
    return passages


def covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> float:
    """Share of ``span``'s characters inside any of ``spans``."""
    start, end = span
    if end <= start:
        return 0.0
    inside = sum(1 for i in range(start, end) if any(a <= i < b for a, b in spans))
    return inside / (end - start)


def name_words(source: str, text: str = "") -> set[str]:
    """The name words of a gold Source ("Republican nominee Donald Trump’s" -> donald, trump).

    A capitalised first word counts only if the article never writes it in lower case
    ("Only 52 percent of registered voters" is not a name; "Trump’s aides" is).
    """
    words = re.findall(r"[A-Z][\w’'\-]*", source)
    if (
        words
        and source.startswith(words[0])
        and re.search(rf"\b{re.escape(words[0].lower())}\b", text)
    ):
        words = words[1:]
    keys = {w.replace("’", "'").removesuffix("'s").casefold() for w in words}
    return {k for k in keys if k not in _NOT_NAMES and len(k) > 1}


def speaker_matches(speaker: str | None, source: str, text: str = "") -> bool:
    if not speaker:
        return False
    mine = {
        w.replace("’", "'").removesuffix("'s").casefold() for w in re.findall(r"[\w’'\-]+", speaker)
    }
    mine |= {part for w in mine for part in w.split("-")}
    return bool(name_words(source, text) & mine)


ERROR_KINDS = ("title cut", "channel", "missing", "wrong clause")


def is_cut_title(speaker: str) -> bool:
    """A speaker ending in an abbreviation's stem, its full stop and name cut off.

    >>> is_cut_title("the Rev"), is_cut_title("Sen"), is_cut_title("Eric H. Holder Jr.")
    (True, True, False)
    """
    words = speaker.split()
    return bool(words) and words[-1].lower() in ABBREVIATIONS


def is_channel(speaker: str) -> bool:
    """A speaker that is a channel ("a statement released"), not whose it is ("the ad's narrator").

    >>> is_channel("a statement released"), is_channel("The Washington Post")
    (True, False)
    >>> is_channel("the ad’s narrator")
    False
    """
    return any(w in CHANNEL_WORDS for w in re.findall(r"[\w\-]+(?![\w\-’'])", speaker))


def error_kind(speaker: str | None) -> str:
    """The kind of a wrong speaker (see the module's docstring).

    >>> [error_kind(s) for s in (None, "the Rev", "the statement", "Bobby Scott")]
    ['missing', 'title cut', 'channel', 'wrong clause']
    """
    if not speaker:
        return "missing"
    if is_cut_title(speaker):
        return "title cut"
    if is_channel(speaker):
        return "channel"
    return "wrong clause"


# Run in another checkout (``--baseline``): its quotes of every article, as JSON.
_BASELINE_SCRIPT = """
import json, sys
from pathlib import Path
from reader.document import Document
from reader.quotes import find_quotes
found = {}
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    quotes = find_quotes(Document.from_text(path.read_text(encoding="utf-8")))
    found[path.stem] = [
        dict(text=q.text, start=q.start, end=q.end, speaker=q.speaker, outlet=q.outlet,
             cue=q.cue, addressee=q.addressee, kind=q.kind) for q in quotes
    ]
print(json.dumps(found))
"""


def baseline_quotes(checkout: Path, folder: Path) -> dict[str, list[Quote]]:
    """The quotes another checkout of the kit finds in each article (run in a child with
    that checkout first on the path), to compare before and after a change."""
    result = subprocess.run(
        [sys.executable, "-c", _BASELINE_SCRIPT, str(folder / "text")],
        env={**os.environ, "PYTHONPATH": str(checkout)},
        cwd=checkout,  # "-c" puts the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        name: [Quote(**fields) for fields in quotes]
        for name, quotes in json.loads(result.stdout).items()
    }


def evaluate(
    folder: Path, show_errors: bool = False, found: dict[str, list[Quote]] | None = None
) -> dict[str, float]:
    """The figures of the module's docstring; ``found`` gives each article's quotes
    (`baseline_quotes`), else this checkout's `find_quotes` finds them."""
    counts = dict(passages=0, found=0, reported=0, real=0, named=0, named_right=0)
    counts.update({kind: 0 for kind in ERROR_KINDS}, bad_speakers=0)
    ann_by_article: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        ann_by_article.setdefault(path.stem.rsplit("_", 1)[0], path)
    for name, ann in sorted(ann_by_article.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = read_ann(ann)
        content = [seg for a in attributions for seg in a.content]
        article = found[name] if found is not None else find_quotes(Document.from_text(text))
        quotes: list[Quote] = [q for q in article if q.kind == "statement"]
        for quote in quotes:
            counts["reported"] += 1
            if quote.speaker and (is_cut_title(quote.speaker) or is_channel(quote.speaker)):
                counts["bad_speakers"] += 1
                if show_errors:
                    print(f"BAD NAME  {name}: {quote.speaker!r}: {quote.text[:50]!r}")
            if covered((quote.start, quote.end), content) >= 0.9:
                counts["real"] += 1
            elif show_errors:
                print(f"NOT REAL  {name}: {quote.text[:70]!r} ({quote.speaker})")
        for passage in quoted_passages(text):
            if len(re.findall(r"\w+", text[passage[0] : passage[1]])) < 4:
                continue
            if covered(passage, content) < 0.9:
                continue
            counts["passages"] += 1
            hits = [q for q in quotes if covered(passage, [(q.start, q.end)]) >= 0.5]
            if not hits:
                if show_errors:
                    print(f"MISSED    {name}: {text[passage[0] : passage[1]][:70]!r}")
                continue
            counts["found"] += 1
            source = next(
                (a.source for a in attributions if a.source and covered(passage, a.content) >= 0.5),
                None,
            )
            if source and name_words(source, text):
                counts["named"] += 1
                if speaker_matches(hits[0].speaker, source, text) or speaker_matches(
                    hits[0].outlet, source, text
                ):
                    counts["named_right"] += 1
                else:
                    kind = error_kind(hits[0].speaker)
                    counts[kind] += 1
                    if show_errors:
                        print(
                            f"SPEAKER   {name}: [{kind}] gold {source!r} got {hits[0].speaker!r} "
                            f"({hits[0].rule}): {hits[0].text[:50]!r}"
                        )
    return {
        **counts,
        "recall": counts["found"] / max(1, counts["passages"]),
        "precision": counts["real"] / max(1, counts["reported"]),
        "speaker_accuracy": counts["named_right"] / max(1, counts["named"]),
    }


def main(argv: list[str]) -> int:
    baseline = None
    if "--baseline" in argv:  # --baseline CHECKOUT: its figures first, then this one's
        at = argv.index("--baseline")
        if at + 1 >= len(argv):
            print("eval_quotes_polnear: --baseline needs a checkout's folder", file=sys.stderr)
            return 2
        baseline = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    if not (folder / "attributions").is_dir():
        print(f"skipped: no PolNeAR folder at {folder} (it lives in ../shared, beside the project)")
        return 0
    if baseline is not None:
        print(f"before ({baseline}):")
        report(evaluate(folder, found=baseline_quotes(baseline, folder)))
        print("after (this checkout):")
    report(evaluate(folder, show_errors="--errors" in argv))
    return 0


def report(result: dict[str, float]) -> None:
    """Print the figures of `evaluate`."""
    print(
        f"recall    {result['recall']:.3f}  ({result['found']}/{result['passages']} quoted passages "
        "of 4+ words inside gold Content found)"
    )
    print(
        f"precision {result['precision']:.3f}  ({result['real']}/{result['reported']} reported statement "
        "quotes inside gold Content)"
    )
    print(
        f"speaker   {result['speaker_accuracy']:.3f}  ({result['named_right']}/{result['named']} found "
        "passages whose gold Source is a name)"
    )
    kinds = ", ".join(f"{kind} {result[kind]}" for kind in ERROR_KINDS)
    print(f"wrong speakers by kind: {kinds}")
    print(
        f"statement quotes whose speaker is a channel word or a cut title: {result['bad_speakers']}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
