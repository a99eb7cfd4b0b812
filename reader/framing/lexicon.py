"""The frame lexicon: the 15 dimensions of the Policy Frames Codebook and the terms that signal
each, in ``reader/data/frames_lexicon.csv``, which a teacher can read and edit.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader.framing.words import tokenize

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "frames_lexicon.csv"

# The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), in its order:
# the id used in the lexicon file, then the codebook's name.
DIMENSIONS: dict[str, str] = {
    "economic": "Economic",
    "capacity_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_equality": "Fairness and equality",
    "legality": "Legality, constitutionality and jurisprudence",
    "policy_prescription": "Policy prescription and evaluation",
    "crime_punishment": "Crime and punishment",
    "security_defense": "Security and defence",
    "health_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}

# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class LexiconEntry:
    """One line of the frame lexicon: a term (a word, a ``prefix*`` or a phrase) and its frame."""

    dimension: str
    term: str
    note: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.term.split())

    def matches_at(self, tokens: Sequence[str], index: int) -> bool:
        """True if the term's words match the tokens from ``index`` on."""
        words = self.words
        if index + len(words) > len(tokens):
            return False
        return all(_word_matches(w, tokens[index + k]) for k, w in enumerate(words))


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def _normalise_term(term: str) -> str:
    """Lexicon terms are read the way texts are tokenised (so "Russia’s" is "russia")."""
    words = []
    for raw in term.split():
        star = raw.endswith("*")
        tokens = tokenize(raw.rstrip("*"))
        if not tokens:
            continue
        words.extend(tokens[:-1])
        words.append(tokens[-1] + ("*" if star else ""))
    return " ".join(words)


@dataclass
class FrameLexicon:
    """The frame lexicon: which words signal which Policy Frames dimension.

    Matching rules, so a reader can predict every count: a term matches whole words,
    case-insensitively; ``secur*`` matches every word that starts with ``secur``; a
    phrase matches its words in a row; where terms overlap, the longest wins, and one
    place in the text counts at most once per dimension.

    >>> lexicon = FrameLexicon([LexiconEntry("economic", "oil"), LexiconEntry("security_defense", "war"),
    ...                         LexiconEntry("security_defense", "weapon*")])
    >>> lexicon.count(tokenize("Oil as a political weapon in the energy war"))
    Counter({'security_defense': 2, 'economic': 1})
    """

    entries: list[LexiconEntry]
    source: str = "built in"
    _by_first: dict[str, list[LexiconEntry]] = field(default_factory=dict, repr=False)
    _by_prefix: list[tuple[str, LexiconEntry]] = field(default_factory=list, repr=False)
    _cache: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if entry.dimension not in DIMENSIONS:
                raise ValueError(f"unknown frame dimension {entry.dimension!r}")
            first = entry.words[0]
            if first.endswith("*"):
                self._by_prefix.append((first[:-1], entry))
            else:
                self._by_first.setdefault(first, []).append(entry)

    @property
    def dimensions(self) -> list[str]:
        """The codebook's dimensions, in its order (all 15, with or without terms)."""
        return list(DIMENSIONS)

    def candidates(self, token: str) -> tuple[LexiconEntry, ...]:
        """Entries whose first word matches a token, longest first (exact before prefix)."""
        found = self._cache.get(token)
        if found is None:
            hits = list(self._by_first.get(token, ()))
            hits += [entry for prefix, entry in self._by_prefix if token.startswith(prefix)]
            hits.sort(key=lambda e: (-len(e.words), "*" in e.term, e.dimension, e.term))
            found = self._cache[token] = tuple(hits)
        return found

    def matches(self, tokens: Sequence[str]) -> list[tuple[int, LexiconEntry]]:
        """Every (position, entry) that counts: longest match first, once per dimension."""
        found: list[tuple[int, LexiconEntry]] = []
        index = 0
        while index < len(tokens):
            best = 0
            seen: set[str] = set()
            for entry in self.candidates(tokens[index]):
                length = len(entry.words)
                if length < best:
                    break
                if entry.dimension not in seen and entry.matches_at(tokens, index):
                    best = length
                    seen.add(entry.dimension)
                    found.append((index, entry))
            index += max(best, 1)
        return found

    def count(self, tokens: Sequence[str]) -> Counter:
        """How many times each dimension is signalled in a list of tokens."""
        return Counter(entry.dimension for _, entry in self.matches(tokens))


def load_lexicon(path: str | Path | None = None) -> FrameLexicon:
    """Read a frame lexicon CSV (columns ``dimension``, ``term``, optional ``note``).

    The kit's own is ``reader/data/frames_lexicon.csv``; a teacher can copy it, add or
    remove lines, and pass the copy here.  A line with an unknown dimension or no term
    is refused with its line number.
    """
    file = Path(path) if path is not None else LEXICON_PATH
    entries: list[LexiconEntry] = []
    seen: set[tuple[str, str]] = set()
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"dimension", "term"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{file}: the header needs the columns dimension,term (missing {sorted(missing)})"
            )
        for row in reader:
            line = reader.line_num
            dimension = (row.get("dimension") or "").strip()
            term = _normalise_term((row.get("term") or "").strip())
            if not dimension and not term:
                continue
            if dimension not in DIMENSIONS:
                raise ValueError(
                    f"{file} line {line}: unknown dimension {dimension!r}; use one of {', '.join(DIMENSIONS)}"
                )
            if not term:
                raise ValueError(f"{file} line {line}: no term for dimension {dimension!r}")
            if (dimension, term) in seen:
                continue
            seen.add((dimension, term))
            entries.append(LexiconEntry(dimension, term, (row.get("note") or "").strip()))
    return FrameLexicon(entries, source=str(file))


@lru_cache(maxsize=1)
def default_lexicon() -> FrameLexicon:
    """The kit's frame lexicon, read once."""
    lexicon = load_lexicon(LEXICON_PATH)
    lexicon.source = "reader/data/frames_lexicon.csv (the kit's own)"
    return lexicon
