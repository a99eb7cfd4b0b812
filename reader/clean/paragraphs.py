"""Body lines grouped into paragraphs and articles.

A blank line ends a paragraph only when the sentence before it is finished;
otherwise it is a column break, and the paragraph goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.clean.decisions import Decision
from reader.clean.display import BYLINE, CAPTION_CREDIT, is_display, looks_like_caption
from reader.clean.hyphens import ends_with_line_hyphen
from reader.clean.lines import PageLines
from reader.clean.sentences import (
    OPENING_QUOTES,
    OPENS_SENTENCE,
    ends_with_abbreviation,
    quote_is_open,
)
from reader.text import ends_sentence


def paragraph_ends(before: str, following: str | None, width: int, gap: Gap) -> bool:
    """Does a paragraph end between these two body lines?

    With a blank line between: yes if the sentence is finished (or a short
    line ends in a colon) and the next line does not go on in lower case;
    but not after a full line inside an open quotation that the next line does
    not reopen (a column break that fell after a full stop inside a quotation; a
    short line there ends a paragraph of a quotation that runs on).  Without a blank
    line: only a finished sentence on a clearly short line, then a new one.
    """
    fill = len(before.strip()) / width if width >= 20 else 0.5
    if not gap.blank and fill >= 0.6:
        return False  # the common case, decided cheaply: a full line inside a paragraph
    if ends_with_line_hyphen(before) or ends_with_abbreviation(before):
        return False
    after = following.lstrip() if following is not None else ""
    if after[:1].islower():
        return False
    if ends_sentence(before):
        if not gap.blank:
            return fill < 0.6 and bool(OPENS_SENTENCE.match(after))
        if fill >= 0.6 and not after.startswith(OPENING_QUOTES) and gap.quote_open:
            return False  # a column cut after a full line, inside the quotation
        return True
    if not OPENS_SENTENCE.match(after):
        return False
    if not gap.blank:
        # "made the following comment:" on a short line, then the quotation itself.
        return before.endswith(":") and fill < 0.6 and after.startswith(OPENING_QUOTES)
    # A column is cut after a full line; a clearly short line before a blank ends its
    # paragraph even without a full stop ("― Sonya Herridge", "The schedule (EDT):").
    return fill < 0.6 or (before.endswith(":") and fill < 0.8)


@dataclass(slots=True)
class Gap:
    """What lies between two body lines: a blank line or not, and the paragraph before
    (the indices of its lines in ``texts``)."""

    blank: bool
    paragraph: list[int]
    texts: list[str]

    @property
    def quote_open(self) -> bool:
        """A blank line inside an open quotation (worked out only when it matters)."""
        return self.blank and quote_is_open(" ".join(map(self.texts.__getitem__, self.paragraph)))


@dataclass
class ArticleLines:
    headline: str | None = None
    byline: str | None = None
    paragraphs: list[list[int]] = field(default_factory=list)  # indices into the page's lines
    captions: list[str] = field(default_factory=list)


def group_into_articles(
    page: PageLines, width: int, decisions: list[Decision], find_captions: bool
) -> list[ArticleLines]:
    texts, numbers = page.texts, page.numbers
    articles = [ArticleLines()]
    paragraph: list[int] = []  # indices into texts
    pending_display: list[int] = []
    blank_since_body = False

    def finish_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            articles[-1].paragraphs.append(paragraph)
            paragraph = []

    def resolve_display(next_index: int | None) -> None:
        """Decide what the display lines seen since the last body line are."""
        nonlocal pending_display
        if not pending_display:
            return
        last_body = texts[paragraph[-1]] if paragraph else None
        after_drop_capital = next_index is not None and page.opens_with_drop_capital(next_index)
        opens_article = next_index is not None and (
            last_body is None
            or after_drop_capital
            or (
                ends_sentence(last_body.rstrip())
                and OPENS_SENTENCE.match(texts[next_index].lstrip()) is not None
            )
        )
        headline = pending_display[-1] if opens_article else None
        if headline is not None:
            text = texts[headline].strip()
            # Before a drop capital only a photo credit makes it a caption.
            if CAPTION_CREDIT.search(text) if after_drop_capital else looks_like_caption(text):
                headline = None
        captions = [index for index in pending_display if index != headline]
        for index in captions:
            articles[-1].captions.append(texts[index].strip())
            decisions.append(
                Decision(
                    "caption",
                    numbers[index],
                    texts[index].strip()[:40],
                    "caption",
                    "set apart from the column",
                )
            )
        if headline is not None:
            finish_paragraph()
            if articles[-1].paragraphs or articles[-1].headline:
                articles.append(ArticleLines())
            articles[-1].headline = texts[headline].strip()
            decisions.append(
                Decision(
                    "headline",
                    numbers[headline],
                    texts[headline].strip()[:40],
                    "headline",
                    "set apart, opens an article",
                )
            )
        pending_display = []

    previous_body: int | None = None
    body_lines = page.kinds.count("t")
    narrow_columns = body_lines >= 15 and 20 <= width <= 60
    full_line = 0.6 * width if width >= 20 else float("inf")
    too_wide = 2 * width if narrow_columns else float("inf")
    # True right after a full body line was added to a paragraph (nothing since):
    # then a plain line that follows is the paragraph's next line, without more ado.
    goes_on = False
    kinds = page.kinds
    for index, text in enumerate(texts):
        if not text:
            blank_since_body = True
            goes_on = False
            continue
        if goes_on and kinds[index] == "t" and len(text) <= too_wide:
            paragraph.append(index)
            previous_body = index
            goes_on = len(text) >= full_line
            continue
        goes_on = False
        if find_captions and is_display(kinds[index], text, width, narrow_columns):
            pending_display.append(index)
            continue
        if pending_display:
            resolve_display(index)
        if paragraph and previous_body is not None:
            gap = Gap(blank_since_body, paragraph, texts)
            if paragraph_ends(texts[previous_body], text, width, gap):
                decisions.append(
                    Decision(
                        "paragraph-break",
                        numbers[index],
                        texts[previous_body].strip()[-20:],
                        "¶",
                        "a finished sentence, then a new one",
                    )
                )
                finish_paragraph()
            elif blank_since_body:
                decisions.append(
                    Decision(
                        "column-break",
                        numbers[index],
                        texts[previous_body].strip()[-20:],
                        "joined",
                        "the sentence goes on after the blank",
                    )
                )
        article = articles[-1]
        if (
            not paragraph
            and not article.paragraphs
            and article.byline is None
            and BYLINE.match(text.strip())
        ):
            article.byline = text.strip()
            decisions.append(
                Decision(
                    "byline",
                    numbers[index],
                    text.strip(),
                    "byline",
                    "'By' and names at an article start",
                )
            )
            blank_since_body = False
            continue
        paragraph.append(index)
        previous_body = index
        blank_since_body = False
        goes_on = len(text) >= full_line
    if pending_display:
        resolve_display(None)
    finish_paragraph()
    return [a for a in articles if a.paragraphs or a.headline or a.captions]
