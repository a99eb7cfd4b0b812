"""Words into lines: the source's own line numbers where it gives them, else by height.

A text layer gives words only; OCR and ALTO number their lines.  Lines read left
to right; a scan a little rotated is first turned straight (`deskew`), so that
the words of one line stand at one height and a column's gutter stays clear.

>>> from reader.sources.model import Word
>>> words = [Word("cat", 20, 0.4, 35, 9.4), Word("The", 0, 0, 16, 9), Word("sat", 0, 11, 15, 20)]
>>> [line.text for line in lines_of(words)]
['The cat', 'sat']
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from reader.clean.geometry.measure import word_size
from reader.sources.model import Word

# A straight page needs no turning: below this slope (about 0.1 degree) words are left be.
LEAST_SKEW = 0.002


@dataclass
class Line:
    """One line of words in reading order, with its box and its type."""

    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    role: str = "paragraph"
    evidence: str = ""  # why the line has its role
    indent_x0: float = field(default=0.0)  # where the line starts, a drop capital counted

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.indent_x0 = self.x0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(word_size(w) for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold(self) -> bool:
        return _most(w.bold for w in self.words)

    @property
    def italic(self) -> bool:
        return _most(w.italic for w in self.words)


def _most(flags: Iterable[bool]) -> bool:
    flags = list(flags)
    return sum(flags) * 2 > len(flags)


def lines_of(words: Sequence[Word]) -> list[Line]:
    """The words' lines, top to bottom: by the source's line numbers when every word has
    one, else each word joins the line whose middle its own middle is level with."""
    if words and all(w.line >= 0 for w in words):
        grouped: dict[tuple[int, int], list[Word]] = {}
        for word in words:
            grouped.setdefault((word.block, word.line), []).append(word)
        lines = [Line(list(group)) for group in grouped.values()]
    else:
        lines = _lines_by_height(words)
    return sorted(lines, key=lambda line: (line.top + line.bottom) / 2)


def _lines_by_height(words: Sequence[Word]) -> list[Line]:
    rows: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        if rows and bands[-1][0] <= middle <= bands[-1][1]:
            rows[-1].append(word)
            continue
        rows.append([word])
        bands.append((word.top + 0.1 * word.height, word.bottom - 0.1 * word.height))
    return [Line(row) for row in rows]


def skew_of(words: Sequence[Word]) -> float:
    """The slope of the page's lines (rise over run), from the source's numbered lines.

    >>> tilted = [Word(t, 10 * i, 2 * i / 10, 10 * i + 8, 9 + 2 * i / 10, line=0, block=0)
    ...           for i, t in enumerate("a b c d e".split())]
    >>> round(skew_of(tilted), 3)
    0.02
    """
    grouped: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if word.line >= 0:
            grouped.setdefault((word.block, word.line), []).append(word)
    slopes = []
    for group in grouped.values():
        if len(group) < 3:
            continue
        xs = [(w.x0 + w.x1) / 2 for w in group]
        ys = [w.bottom for w in group]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        if spread > 0:
            slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread)
    return statistics.median(slopes) if slopes else 0.0


def deskew(words: list[Word], slope: float) -> list[Word]:
    """The words turned by ``-slope`` about the page's corner, each box moved by its middle.

    >>> deskew([Word("a", 100, 12, 110, 20)], 0.02)[0].top
    9.9
    """
    if abs(slope) < LEAST_SKEW:
        return words
    turned = []
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        dx, dy = slope * y, -slope * x
        turned.append(
            replace(
                word, x0=word.x0 + dx, x1=word.x1 + dx, top=word.top + dy, bottom=word.bottom + dy
            )
        )
    return turned
