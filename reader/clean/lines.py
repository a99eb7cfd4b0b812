"""The lines of a page as the cleaner's steps see them, and how a step makes a changed copy.

A page is a few parallel lists (`PageLines`): most lines are plain body lines that
need no decision, and the steps find the few that do with a regular expression over
``kinds``, a letter a line, so that Python code looks only at those.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field

# The kind of a line, told by its first character: blank, set apart by a leading space, text.
_KIND_BY_FIRST_CHARACTER = {"": "b", " ": "i"}


_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))


def kind_of(text: str) -> str:
    """ "b" for a blank line, "i" for one set apart by a leading space, "t" for other text."""
    return _KIND_BY_FIRST_CHARACTER.get(text[:1], "t")


def kinds_of(texts: list[str]) -> str:
    """`kind_of` each line, as one string; worked out in C (no Python call a line).

    >>> kinds_of(["Body", "", " A caption", "more"])
    'tbit'
    """
    firsts = map(_FIRST_CHARACTER, texts)
    return "".join(map(_KIND_BY_FIRST_CHARACTER.get, firsts, itertools.repeat("t")))


@dataclass(slots=True)
class PageLines:
    """The page's lines as parallel lists: a string and a number a line, no object a line.

    Most lines of a page are plain body lines that need no decision.  As strings
    they are made and handed on by C-level passes (``map``, slices), and
    ``kinds``, one letter a line, lets a regular expression (or ``in``,
    ``str.count``) pick out the lines that need a decision, so that Python code
    looks only at those.  A line is set apart (indented) exactly when its text
    starts with a space; lines keep no trailing spaces.

    >>> page = PageLines.of("Body\\n  A caption  \\n ")
    >>> page.texts, page.numbers, page.kinds
    (['Body', '  A caption', ''], [1, 2, 3], 'tib')
    >>> page.opens_with_drop_capital(0)
    False
    """

    texts: list[str]  # without the line end and trailing spaces
    numbers: list[int]  # 1-based, in the raw page
    kinds: str  # a letter a line (`kind_of`)
    drop_capitals: set[int] = field(default_factory=set)  # numbers of lines a drop capital opens

    @classmethod
    def of(cls, text: str) -> PageLines:
        """The lines of a page's text, without their trailing spaces."""
        texts = list(map(str.rstrip, text.split("\n")))
        return cls(texts, list(range(1, len(texts) + 1)), kinds_of(texts))

    def opens_with_drop_capital(self, index: int) -> bool:
        """Was a drop capital joined to the start of this body line (an article's opening)?"""
        return self.kinds[index] != "i" and self.numbers[index] in self.drop_capitals

    def short_lines(self, longest: int) -> Iterator[int]:
        """The indices of the lines of at most ``longest`` characters (picked out in C).

        >>> list(PageLines.of(" I \\n\\nraqi Vice-President").short_lines(5))
        [0, 1]
        """
        is_short = map((longest + 1).__gt__, map(len, self.texts))
        return itertools.compress(itertools.count(), is_short)

    def body_texts(self) -> list[str]:
        """The texts of the body lines: neither blank nor set apart."""
        return list(itertools.compress(self.texts, map("t".__eq__, self.kinds)))


class PageEditor:
    """Makes a changed copy of a page from its start to its end: the lines kept as
    they are go over as slices, so only the lines that change cost Python code.

    >>> editor = PageEditor(PageLines.of("a\\nb\\nc\\nd"))
    >>> editor.keep(1); editor.add(" b c", 2); editor.skip(3)
    >>> page = editor.done()
    >>> page.texts, page.numbers, page.kinds
    (['a', ' b c', 'd'], [1, 2, 4], 'tit')
    """

    def __init__(self, page: PageLines) -> None:
        self.page = page
        self.cursor = 0  # the lines of page before it are done
        self.texts: list[str] = []
        self.numbers: list[int] = []
        self.kinds: list[str] = []
        self.drop_capitals = page.drop_capitals

    def keep(self, end: int) -> None:
        """Keep the lines from the cursor up to ``end`` as they are."""
        page, start = self.page, self.cursor
        self.texts += page.texts[start:end]
        self.numbers += page.numbers[start:end]
        self.kinds.append(page.kinds[start:end])
        self.cursor = end

    def skip(self, end: int) -> None:
        """Leave out the lines from the cursor up to ``end``."""
        self.cursor = end

    def add(self, text: str, number: int) -> None:
        """Add a new line (at the cursor)."""
        self.texts.append(text)
        self.numbers.append(number)
        self.kinds.append(kind_of(text))

    def done(self) -> PageLines:
        """The changed page: the lines after the cursor are kept."""
        self.keep(len(self.page.texts))
        return PageLines(self.texts, self.numbers, "".join(self.kinds), self.drop_capitals)
