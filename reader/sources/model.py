"""A page as positioned words: what every source that is not plain text gives the cleaner.

A PDF's text layer, a scan read by Tesseract, an archive's ALTO XML and a text
with columns side by side all know where each word sits on the page.  Each
reader turns its source into `PositionedPage`s of `Word`s; the geometric cleaner
(`reader.clean.geometry`) reads columns, roles (headline, body, caption, page
furniture) and reading order from them, and makes the same `Document` as the
plain-text cleaner.

Coordinates are the source's own (``unit``): points for a PDF, pixels for a
scan or ALTO, characters and lines for side-by-side text.  ``x0 < x1`` and
``top < bottom``, measured from the page's top left corner.

>>> word = Word("Iraqi", x0=36.0, top=139.0, x1=60.5, bottom=148.0, size=8.8)
>>> word.width, word.height
(24.5, 9.0)
>>> page = PositionedPage(number=1, width=792.0, height=1224.0, words=[word])
>>> page.unit
'pt'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    """One word where it stands on the page, with what the source says of its type.

    ``line`` and ``block`` are the source's own grouping (Tesseract's or ALTO's
    line and block numbers) or -1 where it gives none.  ``confidence`` is OCR's,
    from 0 to 100, or None for a text layer.  ``hyphenated`` is the whole word
    when the source records that this part is hyphenated across a line end
    (ALTO's ``SUBS_CONTENT``), else None.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    line: int = -1
    block: int = -1
    confidence: float | None = None
    hyphenated: str | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PositionedPage:
    """The words of one page, numbered from 1, with the page's size in its ``unit``."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    unit: str = "pt"  # "pt", "px" or "char"


@dataclass(frozen=True, slots=True)
class Region:
    """Where one block of the clean page stood: its role (headline, deck, byline,
    paragraph, caption, pull-quote or furniture), its page and its box.

    The picture in notebook 01 outlines each region in its role's colour.
    ``article`` is the article's index in the `Document`, or -1 for page
    furniture and pull quotes, which belong to no article.
    """

    page: int
    role: str
    x0: float
    top: float
    x1: float
    bottom: float
    article: int = -1


@dataclass
class SourceMeta:
    """What the source says about itself; empty strings where it says nothing."""

    outlet: str = ""
    title: str = ""
    date: str = ""
    author: str = ""
    url: str = ""

    def to_json(self) -> dict[str, str]:
        """The fields the source gave, for ``reader clean --json``'s ``"meta"``.

        >>> SourceMeta(outlet="TASS", title="Iran").to_json()
        {'outlet': 'TASS', 'title': 'Iran'}
        """
        fields = ("outlet", "title", "date", "author", "url")
        return {name: getattr(self, name) for name in fields if getattr(self, name)}
