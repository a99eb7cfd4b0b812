"""The page's own yardsticks: its body type size, line height and character width.

The geometric cleaner measures every distance in these, never in points or
pixels, so the same rules read a PDF in points, a 150-dpi scan in pixels and
side-by-side text in character cells.

>>> from reader.sources.model import Word
>>> words = [Word("the", 0, 0, 15, 9, size=9), Word("cat", 18, 0, 33, 9, size=9),
...          Word("News", 0, 20, 60, 44, size=24)]
>>> scale = page_scale(words)
>>> scale.size, scale.em, scale.char, round(scale.leading, 2)
(9.0, 9.0, 5.0, 10.8)
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
    pitch: float = 0.0  # from one body line's top to the next's (0: not measured)

    @property
    def leading(self) -> float:
        """The line pitch, or a line height and a fifth where it was not measured."""
        return self.pitch or 1.2 * self.em


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
    return Scale(size, em, char, line_pitch(body, em))


def line_pitch(body: Sequence[Word], em: float) -> float:
    """The usual step from one body line to the next in a column: by the source's line
    numbers within a block, else between the lines that start at one left edge (the
    lines of a column start at its edge, whatever the columns beside them do).

    >>> line_pitch([Word("a", 0, top, 5, top + 9) for top in (0, 11, 22, 33)], 9.0)
    11.0
    """
    steps: list[float] = []
    if all(w.line >= 0 for w in body):
        tops: dict[tuple[int, int], list[float]] = {}
        for word in body:
            tops.setdefault((word.block, word.line), []).append(word.top)
        by_block: dict[int, list[float]] = {}
        for (block, _), found in tops.items():
            by_block.setdefault(block, []).append(statistics.median(found))
        for found in by_block.values():
            found.sort()
            steps += [b - a for a, b in zip(found, found[1:])]
    else:
        edges: dict[float, set[float]] = {}
        for word in body:
            edges.setdefault(round(word.x0 * 2) / 2, set()).add(round(word.top, 1))
        for tops in edges.values():
            if len(tops) >= 3:
                found = sorted(tops)
                steps += [b - a for a, b in zip(found, found[1:])]
    steps = sorted(step for step in steps if 0.6 * em <= step <= 3 * em)
    # A lower quartile: where space stands between paragraphs, many steps hold a gap.
    return float(steps[len(steps) // 4]) if steps else 0.0
