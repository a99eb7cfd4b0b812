"""Finding the spans that meet a stretch of text without reading them all.

Several stages ask, again and again, which mentions or quotations fall in a block,
a quotation or a phrase.  Reading every span for every question makes a long page
quadratic; `SpanIndex` sorts the spans by start once and answers each question by
bisection, reading only the spans it returns.

>>> from types import SimpleNamespace as Span
>>> spans = SpanIndex([Span(start=10, end=16), Span(start=0, end=5), Span(start=3, end=12)])
>>> [(s.start, s.end) for s in spans.overlapping(5, 10)]
[(3, 12)]
>>> [s.start for s in spans.starting_in(0, 10)], spans.holds(12), spans.holds(5)
([0, 3], True, True)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from itertools import accumulate
from operator import attrgetter
from typing import Generic, TypeVar

__all__ = ["SpanIndex"]

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items with a start and an end offset, sorted by start (items that start together
    keep the order they were given in).

    ``reach[i]`` is the furthest end among the first ``i + 1`` items.  It never
    decreases, so a bisection on it finds the first item that can reach past an
    offset, even when spans overlap or hold one another.  Each question costs a
    bisection plus the items it looks at: those that start inside the range asked
    about, and those before it that reach into it, with any shorter spans between them.
    """

    def __init__(
        self,
        items: Iterable[T],
        start: Callable[[T], int] = attrgetter("start"),
        end: Callable[[T], int] = attrgetter("end"),
    ):
        self.items: list[T] = sorted(items, key=start)
        self.starts: list[int] = [start(item) for item in self.items]
        self.ends: list[int] = [end(item) for item in self.items]
        self.reach: list[int] = list(accumulate(self.ends, max))

    def __len__(self) -> int:
        return len(self.items)

    def _reaching_past(self, offset: int) -> int:
        """The position of the first item that ends after ``offset`` or later (all before it
        end at or before ``offset``)."""
        return bisect.bisect_right(self.reach, offset)

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share a character with ``start:end`` (``item.start < end`` and
        ``start < item.end``), by start."""
        first = self._reaching_past(start)
        stop = bisect.bisect_left(self.starts, end)
        return [self.items[i] for i in range(first, stop) if self.ends[i] > start]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items whose start lies in ``start:end``, by start."""
        first = bisect.bisect_left(self.starts, start)
        stop = bisect.bisect_left(self.starts, end)
        return self.items[first:stop]

    def holds(self, offset: int) -> bool:
        """Whether an item covers ``offset`` (``item.start <= offset < item.end``)."""
        started = bisect.bisect_right(self.starts, offset)
        return started > 0 and self.reach[started - 1] > offset
