"""A document's blocks as HTML with spans of its text marked: the one loop behind the
actor highlighter and the quote viewer.

>>> from reader.document import Document
>>> from types import SimpleNamespace as Span
>>> doc = Document.from_text("Maliki thanked <Putin>.")
>>> str(marked_blocks(doc, [Span(start=0, end=6)], lambda span: Markup("<b>M</b>")))
'<p class="paragraph"><b>M</b> thanked &lt;Putin&gt;.</p>'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from reader.document import Block, Document

BLOCK_TAGS = {"headline": "h3", "byline": "p", "paragraph": "p", "caption": "figcaption"}


def marked_blocks(
    document: Document, spans: Sequence[Any], mark: Callable[[Any], Markup]
) -> Markup:
    """Each block in its tag, the page's text escaped and each span (sorted by ``start``,
    with ``start`` and ``end`` offsets) drawn by ``mark``; a span that overlaps the one
    before it, or crosses a block's end, is left unmarked."""
    text = document.text
    blocks = document.blocks or [Block("paragraph", text, 0, 0, len(text))]
    pieces: list[Markup] = []
    index = 0
    for block in blocks:
        inner: list[Markup] = []
        cursor = block.start
        while index < len(spans) and spans[index].start < block.end:
            span = spans[index]
            index += 1
            if span.start < cursor:
                continue
            inner.append(escape(text[cursor : span.start]))
            inner.append(mark(span))
            cursor = span.end
        inner.append(escape(text[cursor : block.end]))
        tag = BLOCK_TAGS.get(block.kind, "p")
        pieces.append(
            Markup('<{tag} class="{kind}">{body}</{tag}>').format(
                tag=Markup(tag), kind=block.kind, body=Markup("").join(inner)
            )
        )
    return Markup("\n").join(pieces)
