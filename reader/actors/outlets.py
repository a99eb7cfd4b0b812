"""News outlets the lists do not name, found from how the page uses them.

The built-in list knows the big agencies and papers; a page of one's own cites others
("told Radio New Zealand", "the New Zealand Herald reported", "according to Stuff.co.nz").
A capitalised name is an outlet when the page has it report, write, tell, air,
broadcast or publish, or cites "according to" it, *and* its name says it is one: a news
word as its first or last word (Herald, Times, Radio, TV, News, Post, Journal, Agency,
Press, Gazette, Tribune, Daily) or a web address form (``Pravda.ru``, ``Stuff.co.nz``).
Every mention of a name found so is an outlet.

>>> text = "“Prices fell,” Jane Brown told Radio New Zealand. The New Zealand Herald reported it."
>>> [(o.start, o.end, o.name) for o in discover_outlets(text)]
[(31, 48, 'Radio New Zealand'), (54, 72, 'New Zealand Herald')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.actors.words import TITLE_WORDS

__all__ = ["NEWS_WORDS", "DiscoveredOutlet", "discover_outlets"]

NEWS_WORDS = frozenset(
    "Herald Times Radio TV News Post Journal Agency Press Gazette Tribune Daily".split()
)
_WORD = r"[A-Z][\w’'&\-]*"
_NAME = rf"{_WORD}(?:\s+(?:of\s+|of\s+the\s+|&\s+)?{_WORD})*"
_WEB = r"[A-Z][\w\-]*(?:\.[a-z][\w\-]*)*\.(?:com|ru|org|net|news|info|co\.uk|co\.nz|com\.au|ua|ir|de|fr)\b"
_VERBS = r"(?:reported|reports|wrote|writes|told|tells|aired|airs|broadcast|broadcasts|published|publishes)"
# The verbs are found first (`str.find`, fast on a long page); then the name just before
# a verb ("The Herald reported") or just after "told"/"according to".
_CITING_WORDS = tuple(
    dict.fromkeys([*_VERBS.strip("(?:)").split("|"), "according to", "According to"])
)
_NAME_BEFORE = re.compile(rf"(?<![\w.])(?:[Tt]he\s+)?({_WEB}|{_NAME})\s+$")
_NAME_AFTER = re.compile(rf"\s+(?:[Tt]he\s+)?({_WEB}|{_NAME})")
_NAMES_AFTER = ("told", "tells", "according", "According")


@dataclass(frozen=True)
class DiscoveredOutlet:
    """One mention of an outlet found on the page: its offsets and its name."""

    start: int
    end: int
    name: str


def _is_outlet_name(name: str) -> bool:
    """A name that says it is an outlet: a news word first or last, or a web form, and no title.

    >>> [_is_outlet_name(n) for n in ("Radio New Zealand", "New Zealand Herald", "Pravda.ru")]
    [True, True, True]
    >>> [_is_outlet_name(n) for n in ("Press Secretary Sean Spicer", "Bill Smith of Fox News")]
    [False, False]
    >>> _is_outlet_name("Anadolu Agency"), _is_outlet_name("International Atomic Energy Agency")
    (True, False)
    """
    if re.fullmatch(_WEB, name):
        return True
    words = name.split()
    if len(words) < 2 or any(w.lower().strip(".") in TITLE_WORDS for w in words):
        return False
    if words[-1] == "Agency" and len(words) > 2 and words[-2] not in ("News", "Press"):
        return False  # "Anadolu Agency", "Xinhua News Agency"; not "International Atomic Energy Agency"
    if "of" in words:  # "Times of India"; not "Bill O'Reilly of Fox News"
        return words[words.index("of") - 1] in NEWS_WORDS
    return bool({words[0], words[-1]} & NEWS_WORDS)


def _citing_verbs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, first word) of each citing verb of ``text`` standing as a whole word.

    >>> _citing_verbs("He told RNZ; the Herald reported it, according to Stuff.")
    [(3, 7, 'told'), (24, 32, 'reported'), (37, 49, 'according')]
    """
    found = []
    for word in _CITING_WORDS:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not text[at - 1 : at].isalnum() and not text[end : end + 1].isalnum():
                found.append((at, end, word.split()[0]))
            at = text.find(word, end)
    return sorted(found)


def discover_outlets(text: str) -> list[DiscoveredOutlet]:
    """Every mention of the outlets the page has report, write, tell, air or publish.

    Returns the mentions in text order, not overlapping one another.
    """
    names = set()
    for start, end, verb in _citing_verbs(text):
        if verb in _NAMES_AFTER:
            cited = _NAME_AFTER.match(text, end)
        else:
            cited = _NAME_BEFORE.search(text, max(0, start - 80), start)
        if cited and _is_outlet_name(cited.group(1)):
            names.add(cited.group(1))
    if not names:
        return []
    found: list[DiscoveredOutlet] = []
    taken: set[int] = set()
    for name in sorted(names, key=len, reverse=True):  # "New Zealand Herald" before "Herald …"
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            whole = not (text[at - 1 : at].isalnum() or text[at - 1 : at] == ".")
            if whole and not text[end : end + 1].isalnum() and not taken & {at, end - 1}:
                found.append(DiscoveredOutlet(at, end, name))
                taken.update(range(at, end))
            at = text.find(name, end)
    return sorted(found, key=lambda outlet: outlet.start)
