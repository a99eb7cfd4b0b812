"""Text that is already clean (one paragraph a line): it stays as it is; only its blocks are named."""

from __future__ import annotations

import re

from reader.clean.display import BYLINE, CAPTION_CREDIT, has_caption_shape, is_short_line, is_title
from reader.clean.drop_capitals import has_drop_capital_line
from reader.clean.hyphens import ends_with_line_hyphen
from reader.document import Block, Document
from reader.text import ends_sentence


def looks_clean(text: str) -> bool:
    """True for text already in clean form, which the cleaner must leave as it is.

    Clean text has one paragraph a line (or a few long lines), blank lines
    between, and none of a column's marks: no drop capital, no short lines
    broken at a hyphen.

    >>> looks_clean("A headline\\n\\nA first paragraph.\\n\\nA second one.\\n")
    True
    >>> looks_clean("words broken at a col-\\numn end\\n")
    False
    """
    if has_drop_capital_line(text):
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    on_long_lines = sum(
        len(line) for line in lines if len(line) >= 100 and len(line.strip()) >= 100
    )
    if on_long_lines >= 0.6 * sum(len(line) for line in lines):
        return True
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if any("\n" in block or ends_with_line_hyphen(block) for block in blocks):
        return False
    finished = sum(1 for block in blocks if ends_sentence(block))
    return len(blocks) < 3 or finished >= 0.5 * len(blocks)


def clean_text_document(text: str, source: str | None) -> Document:
    """Already-clean text: the text stays exactly as it is; only its blocks are named.

    The cleaner writes each article as headline, byline, paragraphs, captions,
    so those are found again in the same order: a short title-like block starts
    an article (it is its headline), a "By ..." block after it is the byline,
    and caption-shaped blocks right before a headline (or at the end) are the
    captions of the article before.  Cleaning the cleaner's output therefore
    gives back the same articles.
    """
    document = Document.from_text(text, source=source)
    blocks = document.blocks
    if len(blocks) < 2:
        return document
    kinds = ["paragraph"] * len(blocks)
    caption_shaped = [
        has_caption_shape(b.text)
        and not ends_sentence(b.text)
        or bool(CAPTION_CREDIT.search(b.text))
        for b in blocks
    ]
    for index, block in enumerate(blocks):
        after_headline = index > 0 and kinds[index - 1] == "headline"
        # Only a caption or a headline may follow a caption with a photo credit.
        after_credit = index > 0 and bool(CAPTION_CREDIT.search(blocks[index - 1].text))
        if BYLINE.match(block.text):
            if index == 0 or after_headline:
                kinds[index] = "byline"
            continue
        # A line wholly in quotes between paragraphs is a pull quote or a subhead.
        quoted = block.text[:1] in "'‘\"“" and block.text[-1:] in "'’\"”"
        title = (is_title(block.text) and not quoted) or (
            after_credit and is_short_line(block.text)
        )
        if title and not caption_shaped[index] and not after_headline and index + 1 < len(blocks):
            kinds[index] = "headline"
    for index in range(len(blocks) - 1, 0, -1):
        ends_article = index + 1 == len(blocks) or kinds[index + 1] in ("headline", "caption")
        if ends_article and kinds[index] == "paragraph" and caption_shaped[index]:
            kinds[index] = "caption"
    article = -1 if kinds[0] == "headline" else 0
    named = []
    for block, kind in zip(blocks, kinds):
        if kind == "headline":
            article += 1
        named.append(Block(kind, block.text, max(article, 0), block.start, block.end))
    document.blocks = named
    return document
