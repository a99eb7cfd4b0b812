"""The clean document: one text that every later stage's offsets refer to.

The page cleaner (`reader.layout`) turns a damaged page into articles made of
blocks (headline, byline, paragraph, caption).  A `Document` lays those blocks
out as one plain text, blocks separated by a blank line, and remembers where
each block starts and ends.  Actors, quotes and annotations all point into
``Document.text`` with character offsets, so they stay comparable.

Inside an article the blocks come in this order: headline, byline, the
paragraphs, then the captions.  Captions go last so that they never split a
paragraph or a quotation.

>>> doc = Document.from_blocks([
...     Block("headline", "Iran and Russia cooperate amid suspicion", article=0),
...     Block("paragraph", "Iranian and Russian interests have clashed.", article=0),
... ])
>>> print(doc.text)
Iran and Russia cooperate amid suspicion
<BLANKLINE>
Iranian and Russian interests have clashed.
>>> doc.blocks[1].start, doc.text[doc.blocks[1].start : doc.blocks[1].end][:7]
(42, 'Iranian')
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["headline", "byline", "paragraph", "caption"]
BLOCK_KINDS: tuple[str, ...] = ("headline", "byline", "paragraph", "caption")
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One piece of an article: its kind, its text, and where it sits in the document."""

    kind: str
    text: str
    article: int = 0
    start: int = 0
    end: int = 0

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}; expected one of {BLOCK_KINDS}")


@dataclass(frozen=True)
class Article:
    """The blocks of one article, grouped the way the command-line JSON shows them."""

    headline: str | None
    byline: str | None
    paragraphs: list[str]
    captions: list[str]

    def to_json(self) -> dict:
        return {
            "headline": self.headline,
            "byline": self.byline,
            "paragraphs": list(self.paragraphs),
            "captions": list(self.captions),
        }


@dataclass
class Document:
    """Clean text plus the blocks it is made of (each with ``start``/``end`` offsets)."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    source: str | None = None

    @classmethod
    def from_blocks(cls, blocks: Iterable[Block], source: str | None = None) -> Document:
        """Lay blocks out as one text; articles keep headline, byline, paragraphs, captions order."""
        order = {kind: rank for rank, kind in enumerate(BLOCK_KINDS)}
        ordered = sorted(blocks, key=lambda b: (b.article, order[b.kind]))
        return cls.from_parts([(b.kind, b.text, b.article) for b in ordered], source=source)

    @classmethod
    def from_parts(
        cls, parts: Iterable[tuple[str, str, int]], source: str | None = None
    ) -> Document:
        """Lay out ``(kind, text, article)`` parts as one text, in the order given.

        Parts with no text are left out.  The page cleaner, which makes its
        blocks in reading order already, lays its pages out with this.

        >>> doc = Document.from_parts([("headline", "Title", 0), ("paragraph", "Body.", 0)])
        >>> [(b.kind, b.start, b.end) for b in doc.blocks]
        [('headline', 0, 5), ('paragraph', 7, 12)]
        """
        parts = [part for part in parts if part[1].strip()]
        separator = len(BLOCK_SEPARATOR)
        lengths = [len(text) for _, text, _ in parts]
        starts = itertools.accumulate([length + separator for length in lengths], initial=0)
        blocks = [
            Block(kind, text, article, start, start + length)
            for (kind, text, article), start, length in zip(parts, starts, lengths)
        ]
        text = BLOCK_SEPARATOR.join([text for _, text, _ in parts])
        return cls(text=text, blocks=blocks, source=source)

    @classmethod
    def from_text(cls, text: str, source: str | None = None) -> Document:
        """Read already-clean text: every blank-line-separated block is a paragraph of one article.

        >>> Document.from_text("One.\\n\\nTwo.").paragraphs()[1].start
        6
        """
        blocks: list[Block] = []
        cursor = 0
        for piece in text.split(BLOCK_SEPARATOR):
            stripped = piece.strip()
            if stripped:
                start = cursor + piece.index(stripped)
                blocks.append(Block("paragraph", stripped, 0, start, start + len(stripped)))
            cursor += len(piece) + len(BLOCK_SEPARATOR)
        return cls(text=text, blocks=blocks, source=source)

    def paragraphs(self) -> list[Block]:
        """The body paragraphs, in reading order."""
        return [b for b in self.blocks if b.kind == "paragraph"]

    def article_count(self) -> int:
        return len({b.article for b in self.blocks})

    def articles(self) -> list[Article]:
        """The articles in the shape of ``reader clean --json``."""
        grouped: dict[int, list[Block]] = {}
        for block in self.blocks:
            grouped.setdefault(block.article, []).append(block)
        result = []
        for _, blocks in sorted(grouped.items()):

            def first(kind: str, blocks: list[Block] = blocks) -> str | None:
                return next((b.text for b in blocks if b.kind == kind), None)

            result.append(
                Article(
                    headline=first("headline"),
                    byline=first("byline"),
                    paragraphs=[b.text for b in blocks if b.kind == "paragraph"],
                    captions=[b.text for b in blocks if b.kind == "caption"],
                )
            )
        return result

    def block_at(self, offset: int) -> Block | None:
        """The block that contains a character offset, or None if it falls between blocks."""
        starts = [b.start for b in self.blocks]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    def to_json(self) -> dict:
        """``{"articles": [...]}`` as the command-line contract gives it."""
        return {"articles": [a.to_json() for a in self.articles()]}
