"""The actor lists a teacher can edit, and the fast matcher that finds their aliases.

A gazetteer is a CSV file with the columns ``name,type,aliases,colour,description``;
aliases are separated by ``|``; a colour is ``#rgb``, ``#rrggbb`` or a CSS colour name
(`reader.colours.parse_colour`), and any other colour stops the load with a one-line
error naming the row, as an unknown type does.  The kit ships a base list (states with their
demonyms and capitals used as metonyms, international organisations, news outlets,
armed groups, a few places); each page may have its own list beside it
(``texts/NAME.actors.csv`` for ``texts/NAME.txt``) that adds to it or overrides it.

Matching is longest-match on word boundaries with one compiled regular expression
built as a character trie, so 10,000 aliases cost about as much as 100:

>>> gazetteer = Gazetteer([GazetteerEntry("Russia", "state", ["Russian", "Moscow", "Kremlin"])])
>>> [(m.alias, m.entry.name) for m in gazetteer.matcher().find("a pro-Kremlin Russian site")]
[('Kremlin', 'Russia'), ('Russian', 'Russia')]
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from reader.annotations import write_atomically
from reader.colours import parse_colour

ACTOR_TYPES: tuple[str, ...] = (
    "person",
    "state",
    "organisation",
    "outlet",
    "armed group",
    "group",
    "place",
)
GAZETTEER_COLUMNS: tuple[str, ...] = ("name", "type", "aliases", "colour", "description")
BASE_GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "data" / "actors_base.csv"
_TYPE_SPELLINGS = {"organization": "organisation", "armed_group": "armed group"}


@dataclass
class GazetteerEntry:
    """One actor in a list: its name, type, the other names the text may use for it."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    colour: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        self.type = _TYPE_SPELLINGS.get(self.type.strip().lower(), self.type.strip().lower())
        if self.type not in ACTOR_TYPES:
            raise ValueError(
                f"actor {self.name!r} has unknown type {self.type!r}; use one of {', '.join(ACTOR_TYPES)}"
            )
        if not self.name.strip():
            raise ValueError("an actor has an empty name")
        if self.colour is not None and self.colour.strip():
            try:
                self.colour = parse_colour(self.colour)
            except ValueError as error:
                raise ValueError(f"actor {self.name!r}: {error}") from None
        else:
            self.colour = None

    def surface_forms(self) -> list[str]:
        """The name and its aliases, without duplicates, name first."""
        return list(dict.fromkeys([self.name, *(a for a in self.aliases if a)]))


_MATCHERS: dict[tuple, AliasMatcher] = {}


class AliasMatch(NamedTuple):
    """One place where an alias of a gazetteer entry occurs in a text."""

    start: int
    end: int
    alias: str
    entry: GazetteerEntry


class Gazetteer:
    """An ordered list of entries; later entries override earlier ones with the same name.

    >>> base = Gazetteer([GazetteerEntry("Iran", "state", ["Tehran"])])
    >>> page = Gazetteer([GazetteerEntry("Iran", "state", ["Tehran", "Islamic Republic"])])
    >>> base.merged_with(page).entry_named("iran").aliases
    ['Tehran', 'Islamic Republic']
    """

    def __init__(self, entries: Iterable[GazetteerEntry] = (), source: str | None = None):
        by_name: dict[str, GazetteerEntry] = {}
        for entry in entries:
            by_name.pop(entry.name.casefold(), None)  # a later entry replaces and moves to the end
            by_name[entry.name.casefold()] = entry
        self.entries: list[GazetteerEntry] = list(by_name.values())
        self.source = source

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.entries)} entries, source={self.source!r})"

    def add(self, entry: GazetteerEntry) -> None:
        """Add an entry, replacing any entry with the same name (case-insensitive)."""
        self.entries = [e for e in self.entries if e.name.casefold() != entry.name.casefold()]
        self.entries.append(entry)
        self.__dict__.pop("_matcher", None)

    def entry_named(self, name_or_alias: str) -> GazetteerEntry | None:
        """The entry with that name, else the last entry with that alias."""
        key = name_or_alias.replace("’", "'").casefold()
        for entry in reversed(self.entries):
            if entry.name.replace("’", "'").casefold() == key:
                return entry
        for entry in reversed(self.entries):
            if key in (a.replace("’", "'").casefold() for a in entry.aliases):
                return entry
        return None

    def signature(self) -> tuple:
        """What the entries say, as a hashable value: equal signatures match the same way."""
        return tuple((e.name, e.type, tuple(e.aliases)) for e in self.entries)

    def merged_with(self, other: Gazetteer) -> Gazetteer:
        """A new gazetteer: this one's entries, then ``other``'s (which win on equal names)."""
        return Gazetteer([*self.entries, *other.entries], source=other.source or self.source)

    def matcher(self) -> AliasMatcher:
        """The compiled matcher for these entries (built once per distinct list, then cached)."""
        signature = self.signature()
        cached = self.__dict__.get("_matcher")
        if cached is not None and cached[0] == signature:
            return cached[1]
        matcher = _MATCHERS.get(signature)
        if matcher is None:
            matcher = AliasMatcher(self.entries)
            _MATCHERS[signature] = matcher
            while len(_MATCHERS) > 8:  # keep the few lists in use, forget the oldest
                _MATCHERS.pop(next(iter(_MATCHERS)))
        self.__dict__["_matcher"] = (signature, matcher)
        return matcher


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex that matches any of ``words``, longest first, as a character trie.

    >>> re.fullmatch(_trie_pattern(["Iran", "Iranian", "Iraq"]), "Iranian") is not None
    True
    >>> _trie_pattern(["Iran", "Iranian", "Iraq"])
    'Ira(?:n(?:ian)?|q)'
    """
    return _trie_branches(sorted(set(words)))


def _trie_branches(words: list[str]) -> str:
    """The trie regex of sorted, distinct ``words``; an empty word makes the rest optional.

    Words are grouped by their first letter and each group's shared stem is written at
    once, so a stretch of letters with no choice in it costs one step, not one a letter.

    >>> _trie_branches(["", "ian"]), _trie_branches(["n", "nian", "q"])
    ('(?:ian)?', '(?:n(?:ian)?|q)')
    """
    ends_here = words[:1] == [""]
    branches = []
    for _, group in groupby(words[ends_here:], key=itemgetter(0)):
        group = list(group)
        if len(group) == 1:  # most groups: the rest of one word
            branches.append(re.escape(group[0]))
            continue
        # sorted, so the first and last words share what all of the group shares
        stem = os.path.commonprefix((group[0], group[-1]))
        rests = [word[len(stem) :] for word in group]
        branches.append(re.escape(stem) + _trie_branches(rests))
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        if ends_here:
            # one continuation that may be left out: keep it greedy (longest first)
            return f"(?:{body})?" if len(body) > 1 else f"{body}?"
        return body
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends_here else body


class AliasMatcher:
    """Longest-match alias finder over one compiled trie regex (word boundaries both sides).

    Mentions inside hyphenated compounds are found ("anti-Putin", "Moscow-Tehran-Damascus"):
    a hyphen is a boundary.  A capitalised variant of every alias is matched too, so
    "al-Qaeda" is found at the start of a sentence as "Al-Qaeda".

    A short list (a page's own short forms, built for each page) is compiled only for a
    long text: compiling costs some 35 µs an alias, far more than looking for a few
    aliases in a page one by one with ``str.find``, which finds the same matches
    (`_find_one_by_one`).

    >>> matcher = AliasMatcher([GazetteerEntry("Iran", "state", ["Iranian"])])
    >>> [m.alias for m in matcher.find("Iranians, the Iranian state, anti-Iran, IRANIAN")]
    ['Iranian', 'Iran']
    """

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self.entry_by_alias: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for form in entry.surface_forms():
                self.entry_by_alias[form] = entry
                self.entry_by_alias[form[:1].upper() + form[1:]] = entry
        self.regex: re.Pattern | None = None
        if len(self.entry_by_alias) > FEW_ALIASES:
            self.regex = self._compiled()

    def _compiled(self) -> re.Pattern:
        body = _trie_pattern(self.entry_by_alias)
        # No look-behind at the start: the regex engine can then skip ahead to the
        # first letters of aliases quickly; `find` checks the left boundary itself.
        return re.compile(rf"(?:{body}){_RIGHT_EDGE.pattern}")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AliasMatch]:
        """Every alias occurrence in ``text[start:end]``, left to right, longest at each place."""
        end = len(text) if end is None else end
        if self.regex is None:
            if len(self.entry_by_alias) * (end - start) <= ONE_BY_ONE_BUDGET:
                return self._find_one_by_one(text, start, end)
            self.regex = self._compiled()  # a long text: one pass of the regex pays
        matches = list(self.regex.finditer(text, start, end))
        # A page has thousands of matches: each field is read for all of them at once
        # (map runs in C), and tuple.__new__ makes each AliasMatch without a Python call.
        starts = list(map(re.Match.start, matches))
        aliases = list(map(re.Match.group, matches))
        entries = map(self.entry_by_alias.__getitem__, aliases)
        fields = zip(starts, map(re.Match.end, matches), aliases, entries)
        found = list(map(tuple.__new__, repeat(AliasMatch), fields))
        # The regex leaves the left boundary to us: the character before each match, as
        # one string, says at once whether any match starts inside a word.
        padded = " " + text  # padded[i] is the character before text[i]
        before = "".join(map(padded.__getitem__, starts))
        if _INSIDE_A_WORD.search(before):  # rare: "US" inside "RUSSIA"
            found = [match for match, char in zip(found, before) if not _INSIDE_A_WORD.match(char)]
        return found

    def _find_one_by_one(self, text: str, start: int, end: int) -> list[AliasMatch]:
        """`find` for a short list: the same matches as the regex's search, alias by alias.

        The regex takes, at the leftmost place where some alias ends at a word's end, the
        longest such alias, and goes on after it (a match inside a word is then dropped,
        but its letters are used up all the same); so does this.
        """
        places = []  # (start, -length, alias) of every alias ending at a word's end
        for alias in self.entry_by_alias:
            at = text.find(alias, start, end)
            while at != -1:
                if _RIGHT_EDGE.match(text, at + len(alias), end):
                    places.append((at, -len(alias), alias))
                at = text.find(alias, at + 1, end)
        places.sort()  # left to right, the longest first at each place
        found = []
        cursor = start
        for at, minus_length, alias in places:
            if at < cursor:
                continue  # inside the last match, or shorter than it at the same place
            cursor = at - minus_length
            if not (at and _INSIDE_A_WORD.match(text[at - 1])):
                found.append(AliasMatch(at, cursor, alias, self.entry_by_alias[alias]))
        return found


# A list of up to this many aliases (variants included) is compiled only when a text
# is longer than ONE_BY_ONE_BUDGET characters divided by their number (20 aliases: 100 KB).
FEW_ALIASES = 100
ONE_BY_ONE_BUDGET = 2_000_000
# What may not follow an alias: a letter or digit, an apostrophe and more letters (but
# "Iran’s" ends at "Iran"), or a full stop and a letter ("U.S" in "U.S.A").
_RIGHT_EDGE = re.compile(r"(?!\w|[’'](?!s\b)\w|\.\w)")
# A character before a match that makes it part of a longer word: a letter or digit,
# "_", an apostrophe or a full stop ("U.S" in "the U.S").
_INSIDE_A_WORD = re.compile(r"[\w’'.]")


def _split_aliases(cell: str) -> list[str]:
    return [alias.strip() for alias in (cell or "").split("|") if alias.strip()]


def parse_gazetteer(text: str, source: str = "gazetteer") -> Gazetteer:
    """Read gazetteer CSV text; a bad file raises a one-line ``ValueError`` naming the row.

    >>> parse_gazetteer("name,type,aliases,colour,description\\nTASS,outlet,ITAR-TASS,,").entries[0].aliases
    ['ITAR-TASS']
    >>> parse_gazetteer("name;kind\\nTASS;outlet")
    Traceback (most recent call last):
    ...
    ValueError: gazetteer: the header must start with name,type (found 'name;kind'); columns are name,type,aliases,colour,description
    """
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError(f"{source}: the file is empty; columns are {','.join(GAZETTEER_COLUMNS)}")
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:2] != ["name", "type"]:
        raise ValueError(
            f"{source}: the header must start with name,type (found {','.join(rows[0])!r}); "
            f"columns are {','.join(GAZETTEER_COLUMNS)}"
        )
    unknown = [h for h in header if h not in GAZETTEER_COLUMNS]
    if unknown:
        raise ValueError(
            f"{source}: unknown column {unknown[0]!r}; columns are {','.join(GAZETTEER_COLUMNS)}"
        )
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise ValueError(
                f"{source}, line {number}: {len(row)} cells for {len(header)} columns (quote names with commas)"
            )
        cells = dict(zip(header, [cell.strip() for cell in row]))
        try:
            entries.append(
                GazetteerEntry(
                    name=cells.get("name", ""),
                    type=cells.get("type", ""),
                    aliases=_split_aliases(cells.get("aliases", "")),
                    colour=cells.get("colour") or None,
                    description=cells.get("description", ""),
                )
            )
        except ValueError as error:
            raise ValueError(f"{source}, line {number}: {error}") from None
    return Gazetteer(entries, source=source)


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read a gazetteer CSV file (``name,type,aliases,colour,description``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text; save the list as CSV UTF-8") from None
    except OSError as error:
        raise ValueError(
            f"{path}: cannot read the actor list ({error.strerror or error})"
        ) from None
    gazetteer = parse_gazetteer(text, source=str(path))
    gazetteer.source = str(path)
    return gazetteer


def gazetteer_csv(gazetteer: Gazetteer) -> str:
    """The CSV text of a gazetteer, as `save_gazetteer` writes it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GAZETTEER_COLUMNS)
    for e in gazetteer.entries:
        writer.writerow([e.name, e.type, "|".join(e.aliases), e.colour or "", e.description])
    return out.getvalue()


def save_gazetteer(gazetteer: Gazetteer, path: str | Path) -> Path:
    """Write a gazetteer CSV atomically, with the mode the umask gives (see `write_atomically`)."""
    path = Path(path)
    write_atomically(path, gazetteer_csv(gazetteer).encode("utf-8"))
    return path


_BASE_CACHE: dict[str, Gazetteer] = {}


def base_gazetteer() -> Gazetteer:
    """The built-in list shipped with the kit (read once per process)."""
    if "base" not in _BASE_CACHE:
        _BASE_CACHE["base"] = load_gazetteer(BASE_GAZETTEER_PATH)
    return _BASE_CACHE["base"]


def page_gazetteer_path(page_path: str | Path) -> Path:
    """Where a page's own actor list lives: ``texts/NAME.actors.csv`` for ``texts/NAME.txt``.

    >>> page_gazetteer_path("texts/arab-weekly-maliki-russia.txt").as_posix()
    'texts/arab-weekly-maliki-russia.actors.csv'
    """
    page = Path(page_path)
    return page.with_name(page.stem + ".actors.csv")
