"""Drop capitals, told by their size: a big letter that joins the word beside it.

A text layer gives a drop capital as a word of its own, two or three lines tall,
at the start of an article ("I" beside "f there's one thing"); joined by where it
stands it becomes "If".  The capital "A" or "I" may be a word of its own ("A"
beside "veteran"): then the joined form is no word and the rest is one.
"""

from __future__ import annotations

from dataclasses import replace

from reader.clean.geometry.measure import Scale, word_size
from reader.sources.model import Word
from reader.text import word_zipf

CAPITAL_RATIO = 1.8
# The capital's word starts within this many ems to its right, level with its top.
REACH_EMS = 1.5
LETTER_WORDS = frozenset("AIO")


def is_drop_capital(word: Word, scale: Scale) -> bool:
    text = word.text.strip("“\"‘'").rstrip(".")  # "U." of "U.S." is set big whole
    return (
        len(text) == 1
        and text.isalpha()
        and text.isupper()
        and _tall(word) >= CAPITAL_RATIO * max(scale.size, scale.em)
    )


def join_drop_capitals(
    words: list[Word], scale: Scale
) -> tuple[list[Word], list[tuple[Word, tuple[float, float, float, float], str]]]:
    """Join each drop capital to the word that starts level with its top, to its right.

    Returns the words and, for each capital joined, (the word made, the capital's
    box with, for its right, where the lines beside it start, the evidence).

    >>> from reader.clean.geometry.measure import Scale
    >>> from reader.sources.model import Word
    >>> cap = Word("I", 36, 137, 45, 170, size=32)
    >>> rest = Word("f", 48, 138, 51, 147, size=8.8)
    >>> words, joined = join_drop_capitals([cap, rest], Scale(8.8, 8.8, 4.4))
    >>> [w.text for w in words], joined[0][1]
    (['If'], (36, 137, 48, 170))
    """
    capitals = [w for w in words if is_drop_capital(w, scale)]
    if not capitals:
        return words, []
    taken: dict[int, Word] = {}
    joined = []
    for capital in capitals:
        beside = [
            w
            for w in words
            if w is not capital
            and 0 <= w.x0 - capital.x1 <= REACH_EMS * scale.em
            and abs(w.top - capital.top) <= 0.6 * scale.em
            and id(w) not in taken
        ]
        if not beside:
            continue
        rest = min(beside, key=lambda w: (w.top, w.x0))
        if _tall(capital) < CAPITAL_RATIO * _tall(rest):
            continue  # a headline's "A" beside its next word, as big as itself
        text = _joined_text(capital.text, rest.text)
        made = replace(rest, text=text, x0=capital.x0)
        taken[id(rest)] = made
        taken[id(capital)] = made
        # The capital's box, but for its right: where the lines beside it start.
        box = (capital.x0, capital.top, rest.x0, capital.bottom)
        why = f"a {word_size(capital):.3g} capital beside {word_size(rest):.3g} body type"
        joined.append((made, box, why))
    out, seen = [], set()
    for word in words:
        made = taken.get(id(word), word)
        if id(made) not in seen:
            seen.add(id(made))
            out.append(made)
    return out, joined


def _tall(word: Word) -> float:
    """How tall a word's type stands: its size, or its box where OCR gives a line's size."""
    return max(word_size(word), word.height)


def _joined_text(capital: str, rest: str) -> str:
    """The capital and its word: one word, unless the capital is a word of its own.

    >>> _joined_text("A", "veteran"), _joined_text("I", "know"), _joined_text("I", "f")
    ('A veteran', 'I know', 'If')
    >>> _joined_text("A", "bout"), _joined_text("I", "raqi"), _joined_text("U.", "S.")
    ('About', 'Iraqi', 'U.S.')
    """
    if capital.strip("“\"‘'") in LETTER_WORDS:
        joined = capital + rest
        word = "".join(ch for ch in joined if ch.isalpha())
        alone = "".join(ch for ch in rest if ch.isalpha())
        if word_zipf(word) < word_zipf(alone) - 1.0:
            return f"{capital} {rest}"
    return capital + rest
