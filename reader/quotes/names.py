"""Who a phrase names: the actors stage's actor and canonical name for it, and the people
named before an offset (for pronouns).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from reader.quotes.model import _Context
from reader.quotes.words import _CAPITALISED_STOPS, _DETERMINERS, _TITLES, outlet_words
from reader.text import ABBREVIATIONS, sentence_spans

# --- actors: names, types, canonical forms ------------------------------------------------


def _actor_for(context: _Context, start: int, end: int) -> Any | None:
    """The actors stage's actor for a span (a person if one is named in it)."""
    if context.actors is None:
        return None
    try:
        return context.actors.actor_at(start, end)
    except (AttributeError, TypeError):
        return None


def _actor_type(context: _Context, start: int, end: int) -> str | None:
    """The actors stage's type for a span ("person", "outlet", …), None when unknown."""
    actor = _actor_for(context, start, end)
    return getattr(actor, "type", None)


def _is_title_word(word: str) -> bool:
    """A word that introduces a name without being part of it ("Foreign", "Iraqi", "The").

    >>> [_is_title_word(w) for w in ("Russian", "Minister", "Sergei")]
    [True, True, False]
    """
    bare = word.lower().strip(".")
    return (
        bare in _TITLES
        or word in _CAPITALISED_STOPS
        or bare in _DETERMINERS
        or bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|qi|ish)", word))
    )


def _written_name(text: str) -> str:
    """A speaker phrase's name words without titles, a quoted nickname or a party tag.

    >>> _written_name('state Del. Marcia "Cia" Price (D-Newport News)')
    'Marcia Price'
    """
    text = re.sub(r"\([^)]*\)|[“\"][^”\"]*[”\"]", " ", text)
    words = text.split()
    while words and (
        _is_title_word(words[0])
        or words[0].islower()
        or words[0].lower().strip(".") in ABBREVIATIONS
    ):
        words = words[1:]
    return " ".join(words)


def _fallback_full_names(text: str) -> dict[str, str]:
    """Surname -> the first full name ending with it, for use without the actors stage.

    >>> _fallback_full_names("Iraqi Vice-President Nuri al-Maliki spoke. Maliki left.")["maliki"]
    'Nuri al-Maliki'
    """
    names: dict[str, str] = {}
    pattern = re.compile(r"\b([A-Z][\w’'\-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w’'\-]+)+)")
    for match in pattern.finditer(text):
        words = match.group(1).split()
        while len(words) > 2 and _is_title_word(words[0]):
            words = words[1:]
        if len(words) >= 2 and not _is_title_word(words[0]):
            surname = words[-1].split("-")[-1].lower()
            names.setdefault(surname, " ".join(words[-3:]) if len(words) > 3 else " ".join(words))
    return names


def _canonical_speaker(context: _Context, text: str, start: int, end: int) -> str:
    """A speaker's name as the actors stage knows it, else the text's own words.

    People get their full name ("Maliki" -> "Nuri al-Maliki"); organisations and
    outlets their list name when the text names them; a state named by a metonym
    keeps the text's words ("the Kremlin").
    """
    actor = _actor_for(context, start, end)
    kind = getattr(actor, "type", None)
    if actor is not None and kind == "person":
        written = _written_name(text).split()
        cut = " " not in actor.name and 1 < len(written) <= 3 and written[0] == actor.name
        return " ".join(written) if cut else actor.name  # not "Marcia" for Marcia "Cia" Price
    if actor is not None and kind in ("outlet", "organisation") and actor.name in text:
        return actor.name
    if actor is None:
        words = text.split()
        key = re.sub(r"[’']s$", "", words[-1].split("-")[-1].lower()) if words else ""
        if text[:1].isupper() and key in context.full_names:
            if len(words) == 1 or any(w.lower().strip(".") in _TITLES for w in words):
                return context.full_names[key]
    if text.startswith("The "):
        return "the " + text[4:]
    return text


def _is_outlet(
    context: _Context, start: int, end: int, words_before: list[str], cue_role: str | None
) -> bool:
    """Whether a capitalised phrase after "in"/"told"/"on" is a channel that carried words."""
    if _actor_type(context, start, end) == "outlet":
        return True
    kind = _actor_type(context, start, end)
    if kind in ("person", "state", "group", "place"):
        return False
    if any(w in outlet_words() for w in words_before):
        return True  # "in the pro-Kremlin website Pravda.ru"
    return cue_role == "writing" and all(
        w in _DETERMINERS for w in words_before
    )  # "wrote in Newsweek"


def _paragraph_of(context: _Context, offset: int) -> int:
    """The number of the paragraph holding ``offset`` (0 when none does)."""
    if context.paragraph_starts is None:
        context.paragraph_starts = [b.start for b in context.paragraphs]
    return max(0, bisect.bisect_right(context.paragraph_starts, offset) - 1)


def _mentions_in(context: _Context, start: int, end: int) -> list[Any]:
    """The actors stage's mentions inside ``start:end``, in reading order (a bisection,
    not a walk through every mention of a long page)."""
    if context.mentions_by_start is None:
        mentions = sorted(getattr(context.actors, "mentions", None) or [], key=lambda m: m.start)
        context.mentions_by_start = mentions
        context.mention_starts = [m.start for m in mentions]
    assert context.mention_starts is not None
    low = bisect.bisect_left(context.mention_starts, start)
    high = bisect.bisect_left(context.mention_starts, end)
    return [m for m in context.mentions_by_start[low:high] if m.end <= end]


class _PersonMentions:
    """The actors stage's mentions of people, to find the last one before an offset.

    The stage gives its mentions in reading order, so their ends are in order and a
    bisection finds it; a list in another order is read through.
    """

    def __init__(self, mentions: list[Any]):
        self.people = [m for m in mentions if m.type == "person"]
        self.ends = [m.end for m in self.people]
        self.ends_in_order = all(a <= b for a, b in zip(self.ends, self.ends[1:]))

    def last_ending_by(self, offset: int) -> Any | None:
        """The last person mention (in the list's order) that ends at or before ``offset``."""
        if self.ends_in_order:
            index = bisect.bisect_right(self.ends, offset)
            return self.people[index - 1] if index else None
        before = [m for m in self.people if m.end <= offset]
        return before[-1] if before else None


def _last_person_named(context: _Context, offset: int) -> Any | None:
    """The actors stage's last mention of a person ending at or before ``offset``."""
    if context.people is None:
        context.people = _PersonMentions(getattr(context.actors, "mentions", []))
    return context.people.last_ending_by(offset)


# What may stand before a sentence's subject: an opening phrase and a comma ("After the
# vote, "), capitalised titles and names ("Florida Sen. "), "the", "former".
_BEFORE_SUBJECT = re.compile(
    r"(?:[^,.;:“”\"]{0,40},\s+)?(?:(?:[A-Z][\w.’'\-]*|the|former|then|state)\s+)*"
)


def _last_subject_named(context: _Context, offset: int, since: int) -> Any | None:
    """The last person named as a sentence's subject between ``since`` and ``offset``
    ("Hutchinson, too, said …", "After the vote, Rep. Bobby Scott …"), not one named
    in an object or a compound ("wants Obama to", "the Obama administration")."""
    if context.people is None:
        context.people = _PersonMentions(getattr(context.actors, "mentions", []))
    text = context.document.text
    people = context.people
    index = bisect.bisect_right(people.ends, offset) if people.ends_in_order else 0
    for mention in reversed(people.people[:index]):
        if mention.start < since:
            return None
        block = context.paragraphs[_paragraph_of(context, mention.start)]
        low = max(since, block.start, mention.start - 300)
        spans = sentence_spans(text, low, mention.start)
        start = spans[-1][0] if spans else low
        if _BEFORE_SUBJECT.fullmatch(text, start, mention.start):
            return mention
    return None
