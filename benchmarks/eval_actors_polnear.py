"""How many quote sources named by people's names does `find_actors` find as persons?

Reads the PolNeAR dev articles in ``../shared/data/polnear-dev`` (84 US political news
articles with gold quote attributions in brat ``.ann`` files).  Each gold ``Source`` span
is searched for a run of two or more capitalised words ("Retired Lt. Gen. Michael
Flynn", "Mr. Clarke", "Donald Trump"); the run counts as found when a mention that
`find_actors` typed ``person`` overlaps it.  No hand-made list is used: base list and
discovery only.

Two figures are printed:
- ``all runs``: every such run, organisations and outlets included ("The New York Post");
- ``people``: the runs that are not a name in the base list (outlets, organisations,
  states) and whose last word does not head an organisation, place or event
  ("Tax Policy Center") -- the people the acceptance criterion is about.

Exits 0 with a message when ``../shared`` is absent.

    .venv/bin/python benchmarks/eval_actors_polnear.py [--misses]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reader import Document
from reader.actors import base_gazetteer, find_actors
from reader.actors.words import EVENT_HEADS, ORGANISATION_HEADS, PLACE_HEADS, normalise_word

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear-dev"
_LEADING_WORDS = frozenset(
    "the a an many some one other another several most all both every each".split()
)
_CAPITALISED = re.compile(r"^[“\"(]?[A-Z][\w.’'-]*[,”\")]*$")


def gold_sources(ann_path: Path) -> list[tuple[int, int, str]]:
    """(start, end, text) of every gold Source span in one brat file."""
    spans = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].startswith("Source "):
            offsets = parts[1].split()[1:]
            start, end = int(offsets[0]), int(offsets[-1].split(";")[-1])
            spans.append((start, end, parts[2]))
    return spans


def capitalised_run(start: int, text: str) -> tuple[int, int, str] | None:
    """The first run of two or more capitalised words in a Source span, as (start, end, text)."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s\xa0]+", text)]
    # determiners and quantifiers are capitalised only at the start of a sentence
    while words and normalise_word(words[0][2].strip('“"(')) in _LEADING_WORDS:
        words = words[1:]
    run: list[tuple[int, int, str]] = []
    for word in words + [(0, 0, "x")]:
        if _CAPITALISED.match(word[2]) and not (run and run[-1][2].endswith(",")):
            run.append(word)
            continue
        if len(run) >= 2:
            first, last = run[0], run[-1]
            return start + first[0], start + last[1], text[first[0] : last[1]].rstrip(",")
        run = [word] if _CAPITALISED.match(word[2]) else []
    return None


def looks_like_people(run_text: str, known_names: set[str]) -> bool:
    """False for runs that name an outlet/organisation/state or end in such a head word."""
    bare = re.sub(r"^(?:The|the)\s+", "", run_text).strip(" ,.’'s")
    if bare in known_names or run_text in known_names:
        return False
    last = normalise_word(bare.split()[-1]) if bare.split() else ""
    return last not in ORGANISATION_HEADS | PLACE_HEADS | EVENT_HEADS


def evaluate(corpus: Path, show_misses: bool = False) -> dict[str, tuple[int, int]]:
    known = {form for entry in base_gazetteer() for form in entry.surface_forms()}
    totals = {"all runs": [0, 0], "people": [0, 0]}
    for text_path in sorted((corpus / "text").glob("*.txt")):
        anns = list((corpus / "attributions").glob(text_path.stem + "*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        result = find_actors(Document.from_text(text))
        persons = [m for m in result.mentions if m.type == "person"]
        for start, _, span_text in gold_sources(anns[0]):
            run = capitalised_run(start, span_text)
            if run is None:
                continue
            found = any(m.start < run[1] and run[0] < m.end for m in persons)
            groups = ["all runs"] + (["people"] if looks_like_people(run[2], known) else [])
            for group in groups:
                totals[group][0] += found
                totals[group][1] += 1
            if show_misses and not found and "people" in groups:
                print(f"  missed {run[2]!r} in {text_path.name}")
    return {k: (v[0], v[1]) for k, v in totals.items()}


def main(argv: list[str]) -> int:
    if not (CORPUS / "text").is_dir():
        print(f"skipped: {CORPUS} is absent (the evaluation needs ../shared)")
        return 0
    totals = evaluate(CORPUS, show_misses="--misses" in argv)
    for group, (found, total) in totals.items():
        print(
            f"{group:>9}: {found}/{total} source runs found as person actors = {found / max(total, 1):.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
