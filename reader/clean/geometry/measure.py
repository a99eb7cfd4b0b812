"""The page's own yardsticks: its body type size, line height and character width.

The geometric cleaner measures every distance in these, never in points or
pixels, so the same rules read a PDF in points, a 150-dpi scan in pixels and
side-by-side text in character cells.

>>> from reader.sources.model import Word
>>> words = [Word("the", 0, 0, 15, 9, size=9), Word("cat", 18, 0, 33, 9, size=9),
...          Word("News", 0, 20, 60, 44, size=24)]
>>> scale = page_scale(words)
>>> scale.size, scale.em, scale.char
(9.0, 9.0, 5.0)
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.sources.model import Word


@dataclass(frozen=True)
class Scale:
    """Body text's type size (for comparing sizes), its line height and character width
    (for distances), all in the page's unit."""

    size: float
    em: float
    char: float


def word_size(word: Word) -> float:
    """A word's type size: the source's, or its box's height where the source gives none."""
    return word.size if word.size > 0 else word.height


def body_size(sizes: Sequence[float], weights: Sequence[int]) -> float:
    """The size most of the page's letters are set in (sizes rounded to a tenth).

    >>> body_size([8.8, 8.9, 20.0], [900, 280, 40])
    8.8
    """
    counts: Counter = Counter()
    for size, weight in zip(sizes, weights):
        counts[round(size, 1)] += weight
    return float(counts.most_common(1)[0][0]) if counts else 1.0


def page_scale(words: Sequence[Word]) -> Scale:
    """The body type of a page's words: size, line height (em) and character width."""
    if not words:
        return Scale(1.0, 1.0, 1.0)
    size = body_size([word_size(w) for w in words], [len(w.text) for w in words])
    body = [w for w in words if abs(word_size(w) - size) <= 0.12 * size] or list(words)
    em = statistics.median(w.height for w in body) or 1.0
    char = statistics.median(w.width / max(len(w.text), 1) for w in body) or 1.0
    return Scale(size, em, char)
