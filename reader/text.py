"""The kit's text tools: sentences, abbreviations and how common a word is.

Every stage that needs a sentence, an abbreviation or a word frequency takes it from
here, so that the actors, the quotes, the frames and the claim suggestions cut a text
into the same sentences.

NLTK's sentence splitter needs the ``punkt`` model, which school networks often cannot
download.  News sentences end with ``.``, ``!`` or ``?`` (maybe followed by a closing
quote or bracket) before a capital or a digit, except after an abbreviation: a title
before a name, an initial, a month before its day, "U.S." or "p.m.".

>>> split_sentences("Capt. Smith said so. Prof. Jones agreed.")
['Capt. Smith said so.', 'Prof. Jones agreed.']
>>> split_sentences("“We have come,” the Rev. Al Sharpton said. U.S. officials left.")
['“We have come,” the Rev. Al Sharpton said.', 'U.S. officials left.']
>>> split_sentences("They met at 5 p.m. Tuesday in St. Louis. Paul D. Ryan spoke.")
['They met at 5 p.m. Tuesday in St. Louis.', 'Paul D. Ryan spoke.']
>>> split_sentences("The money stayed in the U.S. The talks went on. He said no. No. 2 agreed.")
['The money stayed in the U.S.', 'The talks went on.', 'He said no.', 'No. 2 agreed.']
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from wordfreq import get_frequency_dict, zipf_frequency

__all__ = [
    "ABBREVIATIONS",
    "CLOSING_MARKS",
    "MONTH_ABBREVIATIONS",
    "TITLE_ABBREVIATIONS",
    "TITLES_BEFORE_A_NAME",
    "ends_sentence",
    "is_abbreviation",
    "sentence_spans",
    "split_sentences",
    "word_zipf",
]

# Abbreviations, lower case, without their last full stop.  Titles stand before a name
# ("Sen. Graham", "the Rev. Al Sharpton", "St. Louis", "Mt. Everest") or at its end
# ("Martin Luther King Jr."), so their full stop never ends a sentence.
TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev hon pres sen sens rep reps gov gen lt col maj capt sgt adm cmdr
    supt insp det del jr sr st mt ft""".split()
)
# "Jan. 20", "Sept. 11": a month before its day.
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations that may also close a sentence ("… in the U.S. The talks …"): they end it
# when the next word is one that opens sentences, not a name ("U.S. Army", "5 p.m. Tuesday").
_MAY_END = frozenset("u.s u.n u.k e.u d.c a.m p.m etc inc co corp ltd jr sr".split())
# "No. 2": an abbreviation only before a number ("He said no. Then …" ends a sentence).
_BEFORE_NUMBERS = frozenset({"no"})
ABBREVIATIONS = (
    TITLE_ABBREVIATIONS | MONTH_ABBREVIATIONS | _MAY_END | _BEFORE_NUMBERS | frozenset({"vs"})
)
# Titles a name follows ("Sen. Graham", "St. Louis"): a line ending in one has not ended
# its sentence.  "Jr." and "Sr." follow a name and may end one.
TITLES_BEFORE_A_NAME = TITLE_ABBREVIATIONS - _MAY_END
# Words that open a sentence and never follow "U.S." or "p.m." inside one.
_SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i this that these those there his her their its our but
    and so yet in on at after when while if""".split()
)

# What may close a sentence after its stop, and open the next before its capital.
CLOSING_MARKS = "”’\"')]"
OPENING_MARKS = "“‘\"'(["
# A sentence boundary: stops, maybe closing marks, spaces, then a capital or a digit.
_BOUNDARY = re.compile(r"[.!?][.!?]*[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


@lru_cache(maxsize=16)
def _boundary(also_opening: str) -> re.Pattern:
    """`_BOUNDARY`, where the next sentence may also open with one of ``also_opening``."""
    if not also_opening:
        return _BOUNDARY
    return re.compile(rf"[.!?][.!?]*[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9{re.escape(also_opening)}])")


def is_abbreviation(word: str) -> bool:
    """A word whose full stop is part of it: a listed abbreviation or an initial.

    ``word`` is written without its last full stop, as it stands before it.

    >>> [is_abbreviation(w) for w in ("Capt", "U.S", "p.m", "D", "Sept", "said")]
    [True, True, True, True, True, False]
    """
    word = word.lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _abbreviation_stop(text: str, stop: int, start: int, next_start: int) -> bool:
    """Is the full stop at ``text[stop]`` an abbreviation's, not a sentence's end?

    ``start`` is where the text may be read from; ``next_start`` is where the next word
    would begin if the sentence ended here.
    """
    words = text[max(start, stop - 20) : stop].rsplit(None, 1)
    word = words[-1].rstrip(".").lstrip(OPENING_MARKS).lower() if words else ""
    if not is_abbreviation(word):
        return False
    if word in _BEFORE_NUMBERS:
        return text[next_start : next_start + 1].isdigit()
    if word in _MAY_END:
        following = text[next_start : next_start + 12].lstrip(OPENING_MARKS).split(None, 1)
        return not following or following[0].lower() not in _SENTENCE_OPENERS
    return True


def _stops(text: str, start: int, end: int) -> list[int]:
    """Where ``.``, ``!`` and ``?`` stand in ``text[start:end]``, in order.

    Every boundary opens with one of them.  Finding them with ``str.find`` and trying
    the regex only there finds the same boundaries as ``_BOUNDARY.finditer``, whose scan
    for its opening characters costs far more per character than ``str.find``.
    """
    stops = []
    for char in ".!?":
        at = text.find(char, start, end)
        while at >= 0:
            stops.append(at)
            at = text.find(char, at + 1, end)
    stops.sort()
    return stops


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, also_opening: str = ""
) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]`` (one block of a document).

    A sentence's end is after its stop and closing marks; the next one starts at its
    first character after the spaces.  ``also_opening``: characters that may open a
    sentence besides capitals, digits and opening marks (the quotes stage hides quoted
    words behind one).

    >>> sentence_spans("Mr. Obama spoke. Paul D. Ryan said: “No.” He left.")
    [(0, 16), (17, 41), (42, 50)]
    """
    end = len(text) if end is None else end
    boundary = _boundary(also_opening)
    spans = []
    cursor = start
    resume = start  # where the search goes on after the last boundary
    for at in _stops(text, start, end):
        if at < resume:
            continue  # inside the last boundary ("?!", "...")
        match = boundary.match(text, at, end)
        if match is None:
            continue
        resume = match.end()
        if text[at] == "." and _abbreviation_stop(text, at, start, match.end()):
            continue
        stop = match.start() + len(match.group().rstrip())
        spans.append((cursor, stop))
        cursor = match.end()
    if cursor < end and text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, without the spaces round them.

    >>> split_sentences("“We sincerely thank you,” Maliki told Putin. Mr. Putin smiled.")
    ['“We sincerely thank you,” Maliki told Putin.', 'Mr. Putin smiled.']
    """
    return [text[s:e].strip() for s, e in sentence_spans(text)]


def ends_sentence(text: str) -> bool:
    """Does the text end a sentence: . ? ! or … (closing quotes or brackets may follow)?

    Only the last mark counts (a line ending "Mr." ends on a full stop too); ask
    `is_abbreviation` about the word before it.  A regex search with ``$`` tries every
    position of a line; this looks only at the last characters, which matters on every
    line of a 20 MB page.

    >>> ends_sentence("he said.”"), ends_sentence("he said"), ends_sentence("Fear?')")
    (True, False, True)
    """
    if text.endswith("\n"):
        text = text[:-1]  # "$" also matches before a final line end
    return text.rstrip(CLOSING_MARKS)[-1:] in (".", "?", "!", "…")


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """wordfreq's English word list: each word's share of all words (read once)."""
    return get_frequency_dict("en")


@lru_cache(maxsize=200_000)  # the same words come back line after line, page after page
def word_zipf(word: str) -> float:
    """How common a word is in English: wordfreq's Zipf scale (0 unknown, 3 rare, 7 "the").

    >>> word_zipf("premiership") > 3 > word_zipf("miership"), word_zipf("The")
    (True, 7.73)
    """
    # A plain dictionary look-up first: wordfreq's zipf_frequency tokenizes every call,
    # which is far too slow for every word of a long page; for a word of letters only
    # it gives the same number (checked over all of wordfreq's English words).
    lowered = word.lower()
    if lowered.isalpha():
        frequency = english_frequencies().get(lowered)
        return round(math.log10(frequency) + 9, 2) if frequency else 0.0
    return zipf_frequency(word, "en")
