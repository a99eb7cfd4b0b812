"""Actors: who is on the page, under every name the page uses for them.

The stage takes the clean `Document` and returns mentions (character spans into
``Document.text``) grouped into actors.  Three sources of names work together:

1. the built-in base list (``reader/data/actors_base.csv``): states with their demonyms
   and capitals used as metonyms ("Moscow", "the Kremlin" are Russia), international
   organisations, news outlets and agencies, armed groups, a few places;
2. the page's own list beside the page (``texts/NAME.actors.csv``), which a teacher
   edits and which adds to or overrides the base list;
3. discovery (`reader.actors.discovery`): people named with or without a title, later
   referred to by surname, and roles ("the former Iraqi prime minister") linked to a
   person when the page makes it clear.

Longest match wins, so "the Washington Institute for Near East Policy" is a think tank
although "Washington" alone is the United States.  Mentions inside hyphenated
compounds ("pro-Kremlin", "Moscow-Tehran-Damascus axis") are kept and marked
``in_compound``.  Mentions never overlap, so a renderer can colour them in one pass.

>>> from reader import Block, Document
>>> doc = Document.from_blocks([Block("paragraph",
...     "Maliki told Russian Foreign Minister Sergei Lavrov, TASS reported. "
...     "Lavrov backed the pro-Kremlin line.")])
>>> result = find_actors(doc)
>>> [(a.name, a.type, len(result.mentions_of(a.name))) for a in result.actors]
[('Maliki', 'person', 1), ('Russia', 'state', 2), ('Sergei Lavrov', 'person', 2), ('TASS', 'outlet', 1)]
>>> result.actor_named("Lavrov").roles
['Russian Foreign Minister']
>>> [m.text for m in result.mentions if m.in_compound]
['Kremlin']
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import IO, NamedTuple

import pandas as pd

from reader._gc import collector_paused
from reader.actors.discovery import NameCandidate, discover_names, short_forms
from reader.actors.gazetteer import (
    ACTOR_TYPES,
    AliasMatch,
    AliasMatcher,
    Gazetteer,
    GazetteerEntry,
    base_gazetteer,
    load_gazetteer,
    page_gazetteer_path,
    parse_gazetteer,
    save_gazetteer,
)
from reader.actors.outlets import discover_outlets
from reader.actors.words import is_title_word
from reader.document import Document
from reader.spans import SpanIndex
from reader.text import sentence_spans

__all__ = [
    "ACTOR_TYPES",
    "TYPE_COLOURS",
    "Actor",
    "ActorResult",
    "Gazetteer",
    "GazetteerEntry",
    "Mention",
    "actor_concordance",
    "actors_json",
    "base_gazetteer",
    "cooccurrence_counts",
    "document_sentences",
    "find_actors",
    "find_actors_in_pieces",
    "gazetteer_for",
    "load_gazetteer",
    "page_gazetteer_path",
    "parse_gazetteer",
    "save_gazetteer",
    "text_pieces",
    "write_actors_json_in_pieces",
]

# One palette keyed by type (Okabe-Ito colours: told apart by colour-blind readers too).
TYPE_COLOURS: dict[str, str] = {
    "person": "#E69F00",
    "state": "#56B4E9",
    "organisation": "#009E73",
    "outlet": "#CC79A7",
    "armed group": "#D55E00",
    "group": "#F0E442",
    "place": "#999999",
}


@dataclass
class Mention:
    """One place the text names an actor: ``text == document.text[start:end]``.

    ``paragraph`` counts the document's body paragraphs from 0 (None in a headline or
    caption); ``sentence`` counts sentences over the whole document; ``role`` is the
    title that came with the name ("Russian Foreign Minister") or, for a role mention
    such as "The former Iraqi prime minister", the role phrase itself; ``in_compound``
    marks a name glued by a hyphen into a longer word ("pro-Kremlin").
    """

    actor: str
    type: str
    text: str
    start: int
    end: int
    paragraph: int | None = None
    sentence: int | None = None
    role: str | None = None
    in_compound: bool = False


@dataclass
class Actor:
    """An actor with every name the page used for it, and what the page says it is.

    ``aliases`` are the surface forms found on the page, titled forms included
    ("Iraqi Vice-President Nuri al-Maliki"); ``roles`` the titles and appositions
    ("Russian Foreign Minister"); ``affiliations`` the states its titles name (Russia).
    ``colour`` is the list's colour for it, if the list gives one.
    """

    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    description: str = ""
    colour: str | None = None
    affiliations: list[str] = field(default_factory=list)

    @property
    def display_colour(self) -> str:
        """The list's colour for this actor, else its type's colour."""
        return self.colour or TYPE_COLOURS.get(self.type, "#999999")


class _ListIndex:
    """An index of one of a result's lists, which knows the list it was made from."""

    def __init__(self, items: list):
        self.source = items
        self.size = len(items)

    def describes(self, items: list) -> bool:
        """Whether this index was made from that list, as long as it is now."""
        return self.source is items and self.size == len(items)


class _MentionIndex(_ListIndex):
    """The mentions sorted by start, to find those in a span by bisection."""

    def __init__(self, mentions: list[Mention]):
        super().__init__(mentions)
        self.spans: SpanIndex[Mention] = SpanIndex(mentions)


class _NameIndex(_ListIndex):
    """Actors by name key, then by alias key: the first actor in the list for each key."""

    def __init__(self, actors: list[Actor]):
        super().__init__(actors)
        self.by_name: dict[str, Actor] = {}
        self.by_alias: dict[str, Actor] = {}
        for actor in actors:
            self.by_name.setdefault(_name_key(actor.name), actor)
        for actor in actors:
            for alias in actor.aliases:
                self.by_alias.setdefault(_name_key(alias), actor)

    def find(self, name_or_alias: str) -> Actor | None:
        key = _name_key(name_or_alias)
        return self.by_name.get(key) or self.by_alias.get(key)


@dataclass
class ActorResult:
    """The actors of a document and their mentions, in reading order.

    `actor_at` and `actor_named` index the lists the first time they are asked, and
    again when a list is replaced or changes length; a mention or an actor edited in
    place after that is not seen by them (make a new result instead).
    """

    actors: list[Actor]
    mentions: list[Mention]
    _mention_index: _MentionIndex | None = field(default=None, repr=False, compare=False)
    _name_index: _NameIndex | None = field(default=None, repr=False, compare=False)

    def mentions_df(self) -> pd.DataFrame:
        """One row a mention: actor, type, text, start, end, paragraph, sentence, role, in_compound."""
        columns = [
            "actor",
            "type",
            "text",
            "start",
            "end",
            "paragraph",
            "sentence",
            "role",
            "in_compound",
        ]
        return pd.DataFrame(
            [[getattr(m, c) for c in columns] for m in self.mentions], columns=columns
        )

    def actors_df(self, quoted: Iterable[str] | None = None) -> pd.DataFrame:
        """One row an actor: name, type, mentions (count), first_start, roles, quoted, aliases.

        ``quoted`` is the set of actor names the quote finder saw speak; without it the
        column is empty (None), since this stage does not read quotations.
        """
        quoted_names = set(quoted) if quoted is not None else None
        counts = Counter(m.actor for m in self.mentions)
        first = {}
        for m in self.mentions:
            first.setdefault(m.actor, m.start)
        rows = [
            {
                "name": a.name,
                "type": a.type,
                "mentions": counts[a.name],
                "first_start": first.get(a.name),
                "roles": "; ".join(a.roles),
                "quoted": None if quoted_names is None else a.name in quoted_names,
                "aliases": " | ".join(a.aliases),
            }
            for a in self.actors
        ]
        columns = ["name", "type", "mentions", "first_start", "roles", "quoted", "aliases"]
        return pd.DataFrame(rows, columns=columns)

    def mentions_of(self, name_or_alias: str) -> list[Mention]:
        """The mentions of one actor (found by name or alias)."""
        actor = self.actor_named(name_or_alias)
        return [m for m in self.mentions if actor and m.actor == actor.name]

    def actor_named(self, name_or_alias: str) -> Actor | None:
        """The actor with that name, else the one with that alias (case-insensitive)."""
        if self._name_index is None or not self._name_index.describes(self.actors):
            self._name_index = _NameIndex(self.actors)
        return self._name_index.find(name_or_alias)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor mentioned in (or around) the span ``start:end``; a person if there is one.

        An empty span (``start == end``) asks for the mention around ``start``.
        """
        if self._mention_index is None or not self._mention_index.describes(self.mentions):
            self._mention_index = _MentionIndex(self.mentions)
        hits = self._mention_index.spans.overlapping(start, max(end, start + 1))
        if not hits:
            return None
        hits.sort(key=lambda m: (m.type != "person", m.start))
        return self.actor_named(hits[0].actor)


def _name_key(name: str) -> str:
    """How names are compared: case-insensitive, curly and straight apostrophes alike.

    >>> _name_key("Tom O’Connor") == _name_key("tom o'connor")
    True
    """
    return name.replace("’", "'").casefold()


class _Candidate(NamedTuple):
    """A possible mention.  ``priority`` is its source: 0 a listed person, 1 discovery,
    2 another listed actor, 3 a short form, 4 a role phrase ("the former prime minister").

    The lists' matches, thousands on a page, are made as plain tuples of these fields;
    the hot loops read candidates by unpacking, which works on both.
    """

    start: int
    end: int
    actor: str
    type: str
    priority: int
    role: str | None = None


def document_sentences(document: Document) -> list[tuple[int, int]]:
    """The (start, end) offsets of every sentence; no sentence crosses a block boundary."""
    blocks = document.blocks or [None]
    spans: list[tuple[int, int]] = []
    for block in blocks:
        start, end = (block.start, block.end) if block else (0, len(document.text))
        spans.extend(sentence_spans(document.text, start, end))
    return spans


def gazetteer_for(
    gazetteer: Gazetteer | None = None, page_path: str | Path | None = None, use_base: bool = True
) -> Gazetteer:
    """The lists in force: base list, then the page's own list, then ``gazetteer`` (last wins)."""
    combined = base_gazetteer() if use_base else Gazetteer()
    if page_path is not None and str(page_path) != "-":
        own = page_gazetteer_path(page_path)
        if own.is_file():
            combined = combined.merged_with(load_gazetteer(own))
    if gazetteer is not None:
        # a list on its own is the list in force: merging would only copy it
        combined = combined.merged_with(gazetteer) if combined.entries else gazetteer
    return combined


# "the", "a" or "an" at the start of a word.  Each article opens with its first letter and
# checks the character before it afterwards (the same as a leading \b): a regex that opens
# with letters lets the engine skip to them instead of testing \b at every position.
_ARTICLE = r"(?:T(?<!\wT)he|t(?<!\wt)he|A(?<!\wA)n?|a(?<!\wa)n?)"
_ROLE_MENTION = re.compile(
    _ARTICLE
    + r"\s+(?:(?:former|then|late|outgoing|incoming|current|acting|interim|ousted|new)\s+)?"
    r"(?:([A-Z][\w’'-]+)\s+)?"
    r"(prime minister|vice-president|vice president|president|foreign minister|defence minister|"
    r"defense minister|interior minister|supreme leader|secretary of state|speaker|king|chancellor|"
    r"crown prince|emir|senator|governor|mayor)\b(?!\s+[A-Z]|[’']s\b)"
)
# A role mention is made of words and spaces only, and each role noun above holds one
# of these words.
_ROLE_STRETCH = re.compile(r"[\w\s’'-]*")
_ROLE_KEYS = (
    "minister president leader secretary speaker king chancellor prince emir senator governor mayor"
).split()


def _role_mentions(text: str) -> list[re.Match]:
    """The matches of `_ROLE_MENTION` in ``text``, as its ``finditer`` gives them.

    The regex opens with an article, so a search with it tries a match at nearly every
    "a" and "t" of the text.  It only runs over the stretches of words and spaces that
    hold a role noun: a match and everything it looks at lie inside one such stretch.
    """
    stretches = set()
    backwards = None
    size = len(text)
    for key in _ROLE_KEYS:
        at = text.find(key)
        while at >= 0:
            if backwards is None:
                backwards = text[::-1]
            # the stretch reaches back from ``at`` as far as the reversed text matches
            start = at - (_ROLE_STRETCH.match(backwards, size - at).end() - (size - at))
            end = _ROLE_STRETCH.match(text, at).end()
            stretches.add((start, end))
            at = text.find(key, end)
    return [m for start, end in sorted(stretches) for m in _ROLE_MENTION.finditer(text, start, end)]


_APPOSITIVE_ROLE = re.compile(r",\s+((?:the|a|an)\s+[^,.;:“”\"()]{3,80}?)(?=,|\.|;)")


def _appositive_role(text: str, end: int) -> str | None:
    """ "Valentina Matviyenko, the speaker of Russia’s upper house of parliament," -> the role."""
    match = _APPOSITIVE_ROLE.match(text, end)
    if match and any(is_title_word(w) for w in match.group(1).split()):
        return match.group(1)
    return None


class _People:
    """The people discovery found, grouped: full names, the short forms that refer back."""

    def __init__(self, text: str, entry_by_alias: dict[str, GazetteerEntry]):
        self.text = text
        self.entry_by_alias = entry_by_alias
        self.key_of: dict[str, str] = {}  # a form of a name -> the actor's name
        self.type_of: dict[str, str] = {}
        self.roles: dict[str, list[str]] = {}
        self.affiliations: dict[str, list[str]] = {}
        self.first_start: dict[str, int] = {}
        self.full_starts: dict[str, list[int]] = {}

    def key_for(self, name: str, start: int) -> str:
        """The actor a discovered name belongs to, creating a new person if it is new."""
        entry = self.entry_by_alias.get(name)
        if entry is not None:
            self.type_of[entry.name] = entry.type
            return entry.name
        if name in self.key_of:
            return self.key_of[name]
        self.key_of[name] = name
        self.type_of[name] = "person"
        return name

    def sort_full_starts(self) -> None:
        """Put each person's starts in text order, for `_nearest_before` (sorting each
        list once: inserting every start in its place costs the list's length each time)."""
        for starts in self.full_starts.values():
            starts.sort()

    def note(self, key: str, start: int, role: str | None, affiliation: Iterable[str] = ()) -> None:
        self.first_start.setdefault(key, start)
        # names come longest first: `sort_full_starts` puts these in text order after
        self.full_starts.setdefault(key, []).append(start)
        if role and role not in self.roles.setdefault(key, []):
            self.roles[key].append(role)
        for state in affiliation:
            if state not in self.affiliations.setdefault(key, []):
                self.affiliations[key].append(state)


def _group_people(
    text: str,
    names: list[NameCandidate],
    entry_by_alias: dict[str, GazetteerEntry],
    matches_by_span: dict,
) -> tuple[_People, list[_Candidate]]:
    """Turn discovered names into candidates; fold short forms ("Lavrov") into full names.

    ``entry_by_alias`` is the lists' matcher table (every alias and its entry).
    """
    people = _People(text, entry_by_alias)
    candidates: list[_Candidate] = []
    persons = [n for n in names if n.type == "person"]
    # Longer names first, so "Sergei Lavrov" exists before a lone "Lavrov" is placed.
    for name in sorted(persons, key=lambda n: (-len(n.tokens), n.start)):
        if len(name.tokens) > 1:
            # "Paul Ryan" after "Paul D. Ryan": a short form of a name we already have
            key = people.key_of.get(name.text)
            if key is None:
                key = next(
                    (
                        people.key_of[f]
                        for f in short_forms(name.text)
                        if " " in f and f in people.key_of
                    ),
                    None,
                )
            key = key or people.key_for(name.text, name.start)
            for form in [name.text, *short_forms(name.text)]:
                people.key_of.setdefault(form, key)
        else:
            key = people.key_of.get(name.text) or people.key_for(name.text, name.start)
        affiliations = [
            matches_by_span[s].entry.name for s in name.affiliations if s in matches_by_span
        ]
        role = name.role or _appositive_role(text, name.end)
        people.note(key, name.start, role, affiliations)
        candidates.append(
            _Candidate(name.start, name.end, key, people.type_of.get(key, "person"), 1, name.role)
        )
    for name in names:
        if name.type == "organisation":
            entry = people.entry_by_alias.get(name.text)
            actor = entry.name if entry else name.text
            kind = entry.type if entry else "organisation"
            people.first_start.setdefault(actor, name.start)
            candidates.append(_Candidate(name.start, name.end, actor, kind, 1))
    people.sort_full_starts()
    return people, candidates


def _outlet_candidates(
    text: str, people: _People, entry_by_alias: dict[str, GazetteerEntry]
) -> list[_Candidate]:
    """Outlets no list names, from how the page cites them (`reader.actors.outlets`).

    They come first among candidates of the same span (priority 0), so "New Zealand
    Herald" is an outlet, not the organisation discovery reads in its name; a listed
    name keeps its list's entry.
    """
    candidates = []
    for outlet in discover_outlets(text):
        entry = entry_by_alias.get(outlet.name)
        actor, kind = (entry.name, entry.type) if entry else (outlet.name, "outlet")
        people.first_start.setdefault(actor, outlet.start)
        candidates.append(_Candidate(outlet.start, outlet.end, actor, kind, 0))
    return candidates


def _short_form_candidates(text: str, people: _People) -> list[_Candidate]:
    """Every later mention by surname or full name, inside compounds too ("anti-Putin")."""
    keys_by_form: dict[str, list[str]] = {}
    for form, key in people.key_of.items():
        if people.type_of.get(key) == "person":
            keys_by_form.setdefault(form, [])
            if key not in keys_by_form[form]:
                keys_by_form[form].append(key)
    for key in list(people.first_start):
        if people.type_of.get(key) == "person":
            for form in [key, *short_forms(key)]:
                keys_by_form.setdefault(form, [])
                if key not in keys_by_form[form]:
                    keys_by_form[form].append(key)
    if not keys_by_form:
        return []
    matcher = AliasMatcher([GazetteerEntry(form, "person") for form in keys_by_form])
    candidates = []
    for start, end, alias, entry in matcher.find(text):
        # a capitalised variant ("De Blasio") is not a form itself: its entry names the form
        keys = keys_by_form.get(alias) or keys_by_form[entry.name]
        key = keys[0] if len(keys) == 1 else _nearest_before(keys, start, people)
        candidates.append(_Candidate(start, end, key, "person", 3))
    return candidates


def _nearest_before(keys: list[str], start: int, people: _People) -> str:
    """Of several people sharing a surname, the one named in full most recently before."""
    best, best_start = keys[0], -1
    for key in keys:
        starts = people.full_starts.get(key, ())
        i = bisect.bisect_right(starts, start)
        if i and starts[i - 1] > best_start:
            best, best_start = key, starts[i - 1]
    return best


def _role_candidates(text: str, people: _People, matches_by_span: dict) -> list[_Candidate]:
    """ "The former Iraqi prime minister" -> the one Iraqi person named before it, if only one.

    The people a role phrase may name (by the state, or by the role noun) are gathered
    once for each state and role noun, in the order they are first named.
    """
    candidates = []
    by_state: dict[str, _NamedInOrder] = {}
    by_role_noun: dict[str, _NamedInOrder] = {}
    for match in _role_mentions(text):
        demonym, role_noun = match.group(1), match.group(2)
        if demonym:
            listed = matches_by_span.get((match.start(1), match.end(1)))
            if listed is None or listed.entry.type != "state":
                continue
            state = listed.entry.name
            if state not in by_state:
                with_state = [k for k, states in people.affiliations.items() if state in states]
                by_state[state] = _NamedInOrder(people, with_state)
            named = by_state[state]
        else:
            if role_noun not in by_role_noun:
                with_role = [
                    k
                    for k, roles in people.roles.items()
                    if any(r.lower().endswith(role_noun) for r in roles)
                ]
                by_role_noun[role_noun] = _NamedInOrder(people, with_role)
            named = by_role_noun[role_noun]
        key = named.only_one_before(match.start())
        if key is not None:
            role = text[match.start() : match.end()]
            candidates.append(_Candidate(match.start(), match.end(), key, "person", 4, role))
    return candidates


class _NamedInOrder:
    """Some people, in the order the text first names them."""

    def __init__(self, people: _People, keys: list[str]):
        named = sorted((people.first_start[k], k) for k in keys if k in people.first_start)
        self.starts = [start for start, _ in named]
        self.keys = [key for _, key in named]

    def only_one_before(self, offset: int) -> str | None:
        """The person, if exactly one of them is first named before ``offset``."""
        return self.keys[0] if bisect.bisect_left(self.starts, offset) == 1 else None


def _choose(listed: list[tuple], others: list[_Candidate]) -> list[tuple]:
    """Longest first, then by source priority; keep candidates that overlap nothing kept.

    ``listed`` are the lists' matches, in text order and never overlapping one another:
    one that overlaps none of ``others`` is kept as it is.  The rest are cut into clusters
    that overlap each other; most clusters hold one candidate, or a candidate and others
    inside it, and only the others need the longest-first choice.  Returns the kept
    candidates in text order.
    """
    contested = sorted(_overlapped(listed, others))
    kept = _all_but(listed, contested)
    cluster: list[tuple] = []
    cluster_end = -1
    for cand in _in_reading_order([listed[i] for i in contested] + others):
        start, end = cand[0], cand[1]
        if start >= cluster_end and cluster:
            kept.extend(_choose_in_cluster(cluster, cluster_end))
            cluster = []
        cluster.append(cand)
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
    if cluster:
        kept.extend(_choose_in_cluster(cluster, cluster_end))
    kept.sort(key=_START)
    return kept


_START = itemgetter(0)
_END = itemgetter(1)
_SPAN = itemgetter(0, 1)


_PRIORITY = itemgetter(4)


def _all_but(items: list, positions: list[int]) -> list:
    """``items`` without those at ``positions`` (sorted): copied a stretch at a time.

    >>> _all_but(list("abcde"), [1, 3])
    ['a', 'c', 'e']
    """
    kept = []
    after = 0
    for i in positions:
        kept += items[after:i]
        after = i + 1
    kept += items[after:]
    return kept


def _in_reading_order(cands: list[tuple]) -> list[tuple]:
    """Sorted by start, then the longer first, then by priority.

    Three stable sorts, least significant key first: each with a key the C code reads,
    not a Python function called for every candidate.
    """
    cands = sorted(cands, key=_PRIORITY)
    cands.sort(key=_END, reverse=True)  # reverse keeps equal ends in their order
    cands.sort(key=_START)
    return cands


def _overlapped(listed: list[tuple], others: list[_Candidate]) -> set[int]:
    """The positions in ``listed`` (in text order, not overlapping) of those ``others`` overlap."""
    overlapped = set()
    size = len(listed)
    for cand in others:
        start, end = cand[0], cand[1]
        i = bisect.bisect_right(listed, start, key=_END)
        while i < size and listed[i][0] < end:
            overlapped.add(i)
            i += 1
    return overlapped


def _choose_in_cluster(cluster: list[tuple], cluster_end: int) -> list[tuple]:
    """The kept candidates of a cluster (in reading order, ending at ``cluster_end``)."""
    if cluster[0][1] == cluster_end:
        # The first candidate spans the whole cluster, so every other lies inside it:
        # shorter, or with the same span but after it by priority.  (Spans are never
        # empty, so each of them overlaps it.)
        return cluster[:1]
    kept: list[tuple] = []
    for cand in sorted(cluster, key=lambda c: (c[0] - c[1], c[4], c[0])):
        if not any(k[0] < cand[1] and cand[0] < k[1] for k in kept):
            kept.append(cand)
    return sorted(kept, key=_START)


def find_actors(
    document: Document,
    gazetteer: Gazetteer | None = None,
    page_path: str | Path | None = None,
    use_base: bool = True,
    discover: bool = True,
) -> ActorResult:
    """Find, type and group the actors of a document.

    ``page_path`` picks up the page's own list beside it (``texts/NAME.actors.csv`` for
    ``texts/NAME.txt``); ``gazetteer`` adds a list of your own on top; ``use_base=False``
    leaves out the built-in list; ``discover=False`` keeps to the lists only.
    """
    with collector_paused():  # many small objects, no cycles: see reader._gc
        return _find_actors(document, gazetteer, page_path, use_base, discover)


# a listed person is placed before discovery's names, another listed actor after them
_LISTED_PRIORITY = {kind: 0 if kind == "person" else 2 for kind in ACTOR_TYPES}


def _listed_candidates(matches: list[AliasMatch]) -> list[tuple]:
    """The lists' matches as candidates: plain tuples, each field read for all at once."""
    entries = list(map(attrgetter("entry"), matches))
    kinds = list(map(attrgetter("type"), entries))
    return list(
        zip(
            map(_START, matches),
            map(_END, matches),
            map(attrgetter("name"), entries),
            kinds,
            map(_LISTED_PRIORITY.__getitem__, kinds),
            repeat(None),
        )
    )


def _find_actors(
    document: Document,
    gazetteer: Gazetteer | None,
    page_path: str | Path | None,
    use_base: bool,
    discover: bool,
) -> ActorResult:
    text = document.text
    lists = gazetteer_for(gazetteer, page_path, use_base)
    matcher = lists.matcher()  # compiled once per distinct list; fetched once per call
    matches = matcher.find(text)
    spans = list(map(_SPAN, matches))
    matches_by_span = dict(zip(spans, matches))
    listed = _listed_candidates(matches)
    sentences = document_sentences(document)
    people = _People(text, matcher.entry_by_alias)
    found: list[_Candidate] = []
    others: list[_Candidate] = []
    if discover:
        blocks = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
        names = discover_names(text, sentences, covered=spans, blocks=blocks)
        people, found = _group_people(text, names, matcher.entry_by_alias, matches_by_span)
        # people from the lists are referred back to by surname too
        first_listed: dict[str, int] = {}
        for start, _, name, _, priority, _ in listed:
            if priority == 0:
                first_listed.setdefault(name, start)
        for name, start in first_listed.items():
            people.type_of[name] = "person"
            people.first_start.setdefault(name, start)
        others = [
            *found,
            *_short_form_candidates(text, people),
            *_role_candidates(text, people, matches_by_span),
            *_outlet_candidates(text, people, matcher.entry_by_alias),
        ]
    chosen = _choose(listed, others)
    roles_by_span = {(c.start, c.end): c.role for c in found if c.role}
    return _assemble(document, chosen, lists, people, sentences, roles_by_span)


def _assemble(
    document: Document,
    chosen: list[tuple],
    lists: Gazetteer,
    people: _People,
    sentences: list,
    roles_by_span: dict[tuple[int, int], str],
) -> ActorResult:
    """Mentions and actors from the chosen candidates; ``roles_by_span`` are discovery's titles.

    The candidates are read a field at a time (a column), and each column is made for
    all mentions at once: a page has thousands of them.
    """
    if not chosen:
        return ActorResult(actors=[], mentions=[])
    text = document.text
    starts, ends, names, kinds, priorities, roles = map(list, zip(*chosen))
    # a listed person named with a title: the list gives the actor, discovery the role
    for (start, end), role in roles_by_span.items():
        i = bisect.bisect_left(starts, start)
        if i < len(starts) and starts[i] == start and ends[i] == end and not roles[i]:
            roles[i] = role
    surfaces = list(map(text.__getitem__, map(slice, starts, ends)))
    mentions = list(
        map(
            Mention,
            names,
            kinds,
            surfaces,
            starts,
            ends,
            _paragraph_numbers(document, starts),
            _sentence_numbers(sentences, starts),
            roles,
            _compound_flags(text, starts, ends),
        )
    )
    first_type = dict(zip(reversed(names), reversed(kinds)))  # the first mention's type
    # actor -> the forms it is named by; actors in the order of their first mention
    aliases: dict[str, dict[str, None]] = {name: {} for name in dict.fromkeys(names)}
    # each distinct (actor, text, role) once: the forms come in the order they are first used
    for name, surface, role, priority in dict.fromkeys(zip(names, surfaces, roles, priorities)):
        if priority == 4:  # a role mention is not a name
            continue
        aliases[name][surface] = None
        if role:
            aliases[name][f"{role} {surface}"] = None
    entry_by_name = {entry.name: entry for entry in lists}
    actors = []
    for name, forms in aliases.items():
        entry = entry_by_name.get(name)
        actors.append(
            Actor(
                name=name,
                type=first_type[name],
                aliases=list(forms),
                roles=list(people.roles.get(name, [])),
                description=entry.description if entry else "",
                colour=entry.colour if entry else None,
                affiliations=list(people.affiliations.get(name, [])),
            )
        )
    return ActorResult(actors=actors, mentions=mentions)


def _numbered(bounds: list[int], numbers: list, positions: list[int]) -> list:
    """For each position, ``numbers[i]`` where ``i`` counts the ``bounds`` at or before it.

    Both ``bounds`` and ``positions`` are in order, so one walk along them does it.

    >>> _numbered([10, 20], ["before", "first", "second"], [0, 10, 15, 25])
    ['before', 'first', 'first', 'second']
    """
    bounds = [*bounds, sys.maxsize]
    numbered = []
    i = 0
    for position in positions:
        while bounds[i] <= position:
            i += 1
        numbered.append(numbers[i])
    return numbered


def _sentence_numbers(sentences: list[tuple[int, int]], starts: list[int]) -> list[int | None]:
    """The sentence each mention starts in: the last to start at or before it (None before all)."""
    return _numbered([s for s, _ in sentences], [None, *range(len(sentences))], starts)


def _paragraph_numbers(document: Document, starts: list[int]) -> list[int | None]:
    """The body paragraph each mention is in, counted from 0 (None in a headline or caption)."""
    bounds: list[int] = []
    numbers: list[int | None] = [None]  # before the first block
    count = 0
    for block in document.blocks:
        bounds += (block.start, block.end)
        # the block's number, then None for the gap after it
        numbers += (count if block.kind == "paragraph" else None, None)
        count += block.kind == "paragraph"
    return _numbered(bounds, numbers, starts)


# A hyphen with a letter or digit before it ("anti-Putin": a mention after it is glued)
# and one with a letter, a digit or a space after it ("Iran-backed", "Soviet- and").
_HYPHEN_AFTER_WORD = re.compile(r"-(?<=[^\W_]-)")
_HYPHEN_BEFORE_WORD = re.compile(r"-(?=[^\W_]| )")


def _compound_flags(text: str, starts: list[int], ends: list[int]) -> list[bool]:
    """For each mention, whether a hyphen glues it to another word ("pro-Kremlin").

    The text's hyphens are fewer than its mentions: each is looked at once, and each
    mention is then a look-up in the sets of where glued words start and end.
    """
    glued_starts = {m.end() for m in _HYPHEN_AFTER_WORD.finditer(text)}
    glued_ends = {m.start() for m in _HYPHEN_BEFORE_WORD.finditer(text)}
    return [start in glued_starts or end in glued_ends for start, end in zip(starts, ends)]


def actors_json(document: Document, page_path: str | None = None) -> dict:
    """``{"actors": [{"name", "type", "mentions": [{"text", "start", "end"}]}]}`` for the CLI."""
    result = find_actors(document, page_path=page_path)
    mentions_of: dict[str, list[dict]] = {actor.name: [] for actor in result.actors}
    for m in result.mentions:
        mentions_of[m.actor].append({"text": m.text, "start": m.start, "end": m.end})
    return {
        "actors": [
            {"name": actor.name, "type": actor.type, "mentions": mentions_of[actor.name]}
            for actor in result.actors
        ]
    }


# --- a long text, in bounded memory ----------------------------------------------------------

# A long text is read in pieces of about this many characters (some 50 MB of memory each).
PIECE_CHARS = 4_000_000


def text_pieces(stream: IO[str], piece_chars: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """The text of ``stream`` in pieces of about ``piece_chars`` characters, each with the
    offset where it starts in the whole text.

    A piece ends where a block of the clean text ends, before a blank line, so no name
    or sentence is cut in two; the blank line between two pieces belongs to neither.

    >>> import io
    >>> list(text_pieces(io.StringIO("One.\\n\\nTwo.\\nend.\\n\\nThree."), piece_chars=3))
    [(0, 'One.'), (6, 'Two.\\nend.'), (17, 'Three.')]
    """
    lines: list[str] = []
    start = size = 0
    for line in stream:
        if line == "\n" and size >= piece_chars:
            # the line before ends with the blank line's first "\n"
            yield start, "".join(lines)[:-1]
            start += size + 1
            lines, size = [], 0
            continue
        lines.append(line)
        size += len(line)
    if lines:
        yield start, "".join(lines)


class _ActorMentions:
    """One actor's type and mentions, three numbers a mention: start, end, and which
    of the table's surface texts it is."""

    def __init__(self, kind: str):
        self.type = kind
        self.starts = array("q")
        self.ends = array("q")
        self.surfaces = array("q")


class MentionTable:
    """The actors of a long text, found a piece at a time, with their mentions stored
    compactly (no object for each mention; each different surface text stored once).

    Actors keep the order of their first mention in the whole text, and the type of
    that mention.
    """

    def __init__(self) -> None:
        self.actors: dict[str, _ActorMentions] = {}
        self.surface_numbers: dict[str, int] = {}
        self.surfaces: list[str] = []

    def add(self, result: ActorResult, offset: int) -> None:
        """Add the actors of a piece that starts at ``offset`` in the whole text."""
        for actor in result.actors:
            if actor.name not in self.actors:
                self.actors[actor.name] = _ActorMentions(actor.type)
        for m in result.mentions:
            actor = self.actors[m.actor]
            actor.starts.append(offset + m.start)
            actor.ends.append(offset + m.end)
            actor.surfaces.append(self._surface_number(m.text))

    def _surface_number(self, text: str) -> int:
        number = self.surface_numbers.get(text)
        if number is None:
            number = self.surface_numbers[text] = len(self.surfaces)
            self.surfaces.append(text)
        return number

    def write_json(self, out: IO[str]) -> None:
        """Write what `actors_json` gives, laid out as ``json.dump(..., indent=2)`` lays it
        out, a mention at a time."""
        out.write('{\n  "actors": [')
        for number, (name, actor) in enumerate(self.actors.items()):
            out.write(",\n    {\n" if number else "\n    {\n")
            out.write(f'      "name": {_json_string(name)},\n')
            out.write(f'      "type": {_json_string(actor.type)},\n')
            out.write('      "mentions": [')
            for index, (start, end, surface) in enumerate(
                zip(actor.starts, actor.ends, actor.surfaces)
            ):
                text = _json_string(self.surfaces[surface])
                out.write(
                    (",\n" if index else "\n")
                    + f'        {{\n          "text": {text},\n'
                    + f'          "start": {start},\n          "end": {end}\n        }}'
                )
            out.write("\n      ]\n    }" if len(actor.starts) else "]\n    }")
        out.write("\n  ]\n}\n" if self.actors else "]\n}\n")


def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def find_actors_in_pieces(
    pieces: Iterable[tuple[int, str]], page_path: str | Path | None = None
) -> MentionTable:
    """The actors of a long clean text given as ``(offset, text)`` pieces (`text_pieces`).

    Each piece is read as a document of its own: a surname is linked to a full name
    given in the same piece.  Offsets are offsets into the whole text.
    """
    table = MentionTable()
    for offset, piece in pieces:
        if piece.strip():
            table.add(find_actors(Document.from_text(piece), page_path=page_path), offset)
    return table


def write_actors_json_in_pieces(
    clean_text: IO[str], out: IO[str], page_path: str | Path | None = None
) -> None:
    """``reader actors --json`` for a long clean text read from a stream, in bounded memory.

    The text is read in pieces (`text_pieces`) and each piece's actors found on their
    own (`find_actors_in_pieces`); the JSON is that of `actors_json`, and its offsets
    are offsets into the whole clean text.
    """
    find_actors_in_pieces(text_pieces(clean_text), page_path=page_path).write_json(out)


def cooccurrence_counts(result: ActorResult, types: Iterable[str] | None = None) -> pd.DataFrame:
    """How many sentences name both actors: columns actor_a, actor_b, sentences.

    Pairs are counted once per sentence, whatever the number of mentions in it.
    """
    wanted = set(types) if types is not None else None
    by_sentence: dict[int, set[str]] = {}
    for m in result.mentions:
        if m.sentence is not None and (wanted is None or m.type in wanted):
            by_sentence.setdefault(m.sentence, set()).add(m.actor)
    counts: Counter = Counter()
    for names in by_sentence.values():
        for a, b in combinations(sorted(names), 2):
            counts[(a, b)] += 1
    rows = [(a, b, n) for (a, b), n in counts.most_common()]
    return pd.DataFrame(rows, columns=["actor_a", "actor_b", "sentences"])


def actor_concordance(
    document: Document, result: ActorResult, name_or_alias: str, width: int = 80
) -> pd.DataFrame:
    """Key words in context for one actor, via NLTK's ``ConcordanceIndex`` (no data needed).

    Each mention is one token, so "Nuri al-Maliki" and "Maliki" line up in one column.
    Columns: left, mention, right, start.
    """
    from nltk.text import ConcordanceIndex

    actor = result.actor_named(name_or_alias)
    if actor is None:
        return pd.DataFrame(columns=["left", "mention", "right", "start"])
    tokens, starts = _tokens_with_mentions(document.text, result)
    index = ConcordanceIndex(tokens, key=lambda t: getattr(t, "actor", None) or t.lower())
    query = _MentionToken(actor.name)
    query.actor = actor.name
    lines = index.find_concordance(query, width=width)
    offsets = index.offsets(query)
    rows = [
        (line.left_print, line.query, line.right_print, starts[i])
        for line, i in zip(lines, offsets)
    ]
    return pd.DataFrame(rows, columns=["left", "mention", "right", "start"])


class _MentionToken(str):
    """A token that stands for a whole mention; ``actor`` is the concordance key."""

    actor: str | None = None


def _tokens_with_mentions(text: str, result: ActorResult) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    starts: list[int] = []
    cursor = 0
    word = re.compile(r"[’']s\b|\w+(?:[’'.-]\w+)*|[^\w\s]")
    for m in result.mentions:
        for w in word.finditer(text, cursor, m.start):
            tokens.append(w.group())
            starts.append(w.start())
        token = _MentionToken(m.text)
        token.actor = m.actor
        tokens.append(token)
        starts.append(m.start)
        cursor = m.end
    for w in word.finditer(text, cursor):
        tokens.append(w.group())
        starts.append(w.start())
    return tokens, starts
