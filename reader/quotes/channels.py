"""Channels: a tweet, a statement or a letter is not a speaker; its owner is, or no one."""

from __future__ import annotations

import re

from reader.quotes.model import _Context
from reader.quotes.names import _last_person_named, _mentions_in, _paragraph_of
from reader.quotes.words import _DETERMINERS, CHANNEL_WORDS

# --- channels: a tweet or a statement is not a speaker, its owner is -------------------------

_POSSESSIVE = re.compile(r"^(.*?)[’']s\s")
_OWNER_AFTER = re.compile(
    r"\s*(?:(?:released|issued|posted|sent|signed|written|filed|put\s+out|published)\s+)?"
    r"(?:from|by)\s+"
)
_OWNER_RUN = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w.’'\-]*|of|and|for)(?:\s+(?:[A-Z][\w.’'\-]*|of|and|for))*"
)
_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
# "His office", "her campaign": they speak for the person the pronoun refers to
_SPEAKS_FOR_THEM = re.compile(r"(?:[Hh]is|[Hh]er)\s+(?:office|campaign)")
# "the IMF report", "a Homeland Security memo": capitalised words naming whose it is
_OWNER_MODIFIER = re.compile(
    r"(?:(?:the|a|an|[Tt]he|A|An)\s+)?(?:[\da-z][\w\-]*\s+)?"
    r"(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Their|Our)\b)"
    r"((?:the\s+)?[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*)*)\s+([a-z][\w\-]*)$"
)


def channel_word(phrase: str) -> str | None:
    """The channel a speaker phrase names, if its head is one ("a statement released" ->
    "statement"); None for a person or a group ("the ad’s narrator", "Trump's aides").

    >>> channel_word("Trump's tweet"), channel_word("the ad’s narrator"), channel_word("Scott")
    ('tweet', None, None)
    """
    words = re.findall(r"[\w\-]+(?![\w\-’'])", phrase)
    return next((w for w in reversed(words) if w in CHANNEL_WORDS), None)


def _channel_owner(context: _Context, start: int, end: int) -> tuple[str, int, int] | None:
    """Whose is the channel named at ``start:end`` (a speaker phrase), with where it is named.

    In order: its possessor ("Trump's tweet"; "His office's statement" is the person
    "his" refers to), a capitalised modifier ("the IMF report"), a "from"/"by" after it
    ("a statement from the Kremlin"), the actor that issued it in the same sentence
    ("the Security Council issued a statement calling …"), else the same for an earlier
    mention of the same channel nearby ("Steele issued a statement … The statement
    said", "In a statement, Peabody said …").  None when the page names no owner: the
    quote then has no speaker rather than a channel or a guess.
    """
    text = context.document.text
    word = channel_word(text[start:end])
    if word is None:
        return None
    owner = _owner_at(context, start, end) or _issuer_before(context, start)
    if owner is not None:
        return owner
    stem = re.escape(word.rstrip("s"))
    low = context.paragraphs[max(0, _paragraph_of(context, start) - 2)].start
    earlier = list(re.finditer(rf"\b{stem}s?\b", text[low:start]))
    for match in reversed(earlier[-3:]):
        at, stop = low + match.start(), low + match.end()
        phrase = _PHRASE_BEFORE.search(text, max(low, at - 40), at)
        phrase_start = phrase.start() if phrase else at
        owner = (
            _owner_at(context, phrase_start, stop)
            or _issuer_before(context, phrase_start)
            or _speaker_after_comma(context, stop)
        )
        if owner is not None:
            return owner
    return None


# the words of a channel phrase before its noun: "a formal ", "his resignation "
_PHRASE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[\w’'\-]+\s+){0,2}$"
)
# what an actor does to a channel it owns: "Steele issued a …", "Trump said in a …"
_ISSUED = re.compile(
    r"(?:[’']s\s+(?:campaign|office|team|lawyers?|spokes(?:man|woman|person)))?"
    r"\s+(?:\w+ly\s+)?(?:issued|released|sent|posted|put\s+out|published|wrote|"
    r"signed|tweeted|filed|delivered|shared|emailed|said\s+in|wrote\s+in|says\s+in)\s+"
    r"(?:[\w’'\-]+\s+){0,3}$"
)


def _issuer_before(context: _Context, start: int) -> tuple[str, int, int] | None:
    """The actor that issued the channel phrase starting at ``start``, in its sentence."""
    text = context.document.text
    before = [m for m in _mentions_in(context, start - 160, start) if m.end >= start - 80]
    before = [m for m in before if m.type != "place"]
    if not before:
        return None
    last = before[-1]
    if _ISSUED.fullmatch(text, last.end, start) is None:
        return None
    return last.text, last.start, last.end


def _speaker_after_comma(context: _Context, end: int) -> tuple[str, int, int] | None:
    """The actor right after "In a statement," ("In a statement, Peabody said …")."""
    gap = re.match(r",\s+(?:[A-Z]\w*\s+)?", context.document.text[end : end + 40])
    if gap is None:
        return None
    after = next(
        (m for m in _mentions_in(context, end + 1, end + 200) if m.start <= end + gap.end()), None
    )
    return (after.text, after.start, after.end) if after is not None else None


def _owner_at(context: _Context, start: int, end: int) -> tuple[str, int, int] | None:
    """The owner named with a channel phrase: its possessor, or "from"/"by" after it."""
    text = context.document.text
    modifier = _OWNER_MODIFIER.match(text, start, end)
    if modifier and channel_word(modifier.group(2)):  # "the IMF report", "a Clinton ad"
        return modifier.group(1), modifier.start(1), modifier.end(1)
    possessive = _POSSESSIVE.match(text, start, end)
    if possessive:
        owner = possessive.group(1).strip()
        if owner.lower() in _POSSESSIVE_PRONOUNS:
            return _person_before(context, start)
        if owner and (owner[0].isupper() or owner.split()[0].lower() in _DETERMINERS):
            return owner, start, start + len(owner)
    after = _OWNER_AFTER.match(text, end, end + 40)
    if after:
        run = _OWNER_RUN.match(text, after.end(), after.end() + 120)
        if run and any(c.isupper() for c in run.group()):
            named = run.group().rstrip()
            for small in (" of", " and", " for"):
                named = named.removesuffix(small)
            return named, run.start(), run.start() + len(named)
    return None


def _person_before(context: _Context, offset: int) -> tuple[str, int, int] | None:
    """The last person the actors stage names before ``offset`` ("his" -> him)."""
    if context.actors is None:
        return None
    person = _last_person_named(context, offset)
    return (person.text, person.start, person.end) if person is not None else None
