"""Body lines grouped into paragraphs and articles.

A blank line ends a paragraph only when the sentence before it is finished;
otherwise it is a column break, and the paragraph goes on.  Which it is, is told
by `PARAGRAPH_RULES`, an ordered list of named rules; the decision names the one
that told it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from reader.clean.decisions import Decision
from reader.clean.display import BYLINE, CAPTION_CREDIT, is_display, looks_like_caption
from reader.clean.hyphens import ends_with_line_hyphen
from reader.clean.lines import PageLines
from reader.clean.rules import Rule, rules_in_use
from reader.clean.sentences import (
    OPENING_QUOTES,
    OPENS_SENTENCE,
    ends_with_abbreviation,
    quote_is_open,
)
from reader.text import ends_sentence


@dataclass(slots=True)
class Gap:
    """What lies between two body lines: the line ``before``, the text ``after`` (stripped
    on the left), how full ``before`` is (``fill``, its share of the column), a blank
    line or not, and the paragraph before (the indices of its lines in ``texts``)."""

    before: str
    after: str
    fill: float
    blank: bool
    paragraph: list[int]
    texts: list[str]

    @classmethod
    def of(cls, before: str, after: str, blank: bool = True, width: int = 40) -> Gap:
        """The gap between two lines of a column ``width`` wide (a doctest's example)."""
        return cls(before, after, len(before.strip()) / width, blank, [0], [before])

    @property
    def quote_open(self) -> bool:
        """A blank line inside an open quotation (worked out only when it matters)."""
        return self.blank and quote_is_open(" ".join(map(self.texts.__getitem__, self.paragraph)))


def hyphen_or_abbreviation(gap: Gap) -> bool | None:
    """A line ending in a hyphen or an abbreviation ("Sen.") goes on: the column cut a
    word, or a name after its title.

    >>> hyphen_or_abbreviation(Gap.of("the talks with Sen.", "Warren and others"))
    False
    """
    if ends_with_line_hyphen(gap.before) or ends_with_abbreviation(gap.before):
        return False
    return None


def lower_case_goes_on(gap: Gap) -> bool | None:
    """A line that goes on in lower case continues the sentence, whatever is before it.

    >>> lower_case_goes_on(Gap.of("said the minister.", "and the talks went on"))
    False
    """
    return False if gap.after[:1].islower() else None


def quotation_cut_by_column(gap: Gap) -> bool | None:
    """A full line ending a sentence inside an open quotation, then a blank line and a
    line that does not reopen the quotation: a column break after a full stop inside
    the quotation (a short line there ends a paragraph of a quotation that runs on).

    >>> quotation_cut_by_column(Gap.of("“We will stay in the country.", "Nobody leaves now.”"))
    False
    """
    if not gap.blank or gap.fill < 0.6 or gap.after.startswith(OPENING_QUOTES):
        return None
    if ends_sentence(gap.before) and gap.quote_open:
        return False
    return None


def finished_sentence(gap: Gap) -> bool | None:
    """A finished sentence ends a paragraph at a blank line; without one, only on a
    clearly short line, then a new sentence.

    >>> finished_sentence(Gap.of("the talks went on.", "The minister left"))
    True
    >>> finished_sentence(Gap.of("the talks in Moscow went on for days.", "The", blank=False))
    False
    """
    if not ends_sentence(gap.before):
        return None
    if not gap.blank:
        return gap.fill < 0.6 and bool(OPENS_SENTENCE.match(gap.after))
    return True


def no_new_sentence(gap: Gap) -> bool | None:
    """After an unfinished sentence, a line that opens no new sentence goes on it.

    >>> no_new_sentence(Gap.of("the talks in Moscow and", "“a new start” there"))
    False
    """
    return None if OPENS_SENTENCE.match(gap.after) else False


def colon_then_quotation(gap: Gap) -> bool | None:
    """Without a blank line, a short line ending in a colon, then a quotation ("made
    the following comment:" / "“We ..."), ends a paragraph; nothing else does.

    >>> colon_then_quotation(Gap.of("made this comment:", "“We will stay.”", blank=False))
    True
    """
    if gap.blank:
        return None
    return gap.before.endswith(":") and gap.fill < 0.6 and gap.after.startswith(OPENING_QUOTES)


def short_line_before_blank(gap: Gap) -> bool | None:
    """A column is cut after a full line; a clearly short line before a blank ends its
    paragraph even without a full stop ("― Sonya Herridge", "The schedule (EDT):").

    >>> short_line_before_blank(Gap.of("― Sonya Herridge", "The talks"))
    True
    """
    if not gap.blank:
        return None
    return gap.fill < 0.6 or (gap.before.endswith(":") and gap.fill < 0.8)


# The rules that tell whether a paragraph ends between two body lines, in the order
# they are tried: the first that answers decides.
PARAGRAPH_RULES: tuple[Rule, ...] = (
    Rule(
        "hyphen-or-abbreviation",
        "a line ending in a hyphen or an abbreviation goes on",
        hyphen_or_abbreviation,
    ),
    Rule("lower-case-goes-on", "the next line goes on in lower case", lower_case_goes_on),
    Rule(
        "quotation-cut-by-column",
        "a full line ends a sentence inside an open quotation the next line does not reopen",
        quotation_cut_by_column,
    ),
    Rule(
        "finished-sentence",
        "a finished sentence, then a new one (without a blank: on a short line)",
        finished_sentence,
    ),
    Rule(
        "no-new-sentence",
        "an unfinished sentence, and the next line opens no new one",
        no_new_sentence,
    ),
    Rule(
        "colon-then-quotation",
        "no blank: a short line ending in a colon, then a quotation",
        colon_then_quotation,
    ),
    Rule(
        "short-line-before-blank",
        "a clearly short line before a blank ends its paragraph",
        short_line_before_blank,
    ),
)

# When no rule answers (all switched off), the paragraph goes on.
_NO_RULE = Rule("no-rule", "no rule ends the paragraph", lambda gap: False)


# The rules before `finished_sentence` that pass on a plain finish (`is_plain_finish`):
# they look for a hyphen or an abbreviation at the line's end, lower case after it,
# or a full line before the blank.
_PASS_ON_A_PLAIN_FINISH = frozenset(
    {"hyphen-or-abbreviation", "lower-case-goes-on", "quotation-cut-by-column"}
)


def is_plain_finish(before: str, after: str, fill: float) -> bool:
    """The commonest blank line between body lines: after a clearly short line
    (``fill`` below 0.6) that finishes its sentence, not on an abbreviation, and
    before a line that does not go on in lower case.  `finished_sentence` ends the
    paragraph there, and the rules before it pass (`rule_of_a_plain_finish`); told
    in one call instead of asking each rule.

    >>> is_plain_finish("the talks went on.", "The minister left", 0.45)
    True
    >>> is_plain_finish("the talks with Sen.", "Warren and others", 0.45)
    False
    """
    return (
        fill < 0.6
        and ends_sentence(before)
        and not ends_with_abbreviation(before)
        and not after.lstrip()[:1].islower()
    )


def rule_of_a_plain_finish(rules: tuple[Rule, ...]) -> Rule | None:
    """The rule of ``rules`` that decides a plain finish (`is_plain_finish`):
    `finished_sentence`, if every rule before it passes on one; else None (ask them all).

    >>> rule_of_a_plain_finish(PARAGRAPH_RULES).name
    'finished-sentence'
    >>> rule_of_a_plain_finish(PARAGRAPH_RULES[4:]) is None
    True
    """
    for rule in rules:
        if rule.function is finished_sentence:
            return rule
        if rule.name not in _PASS_ON_A_PLAIN_FINISH:
            return None
    return None


def paragraph_ends(gap: Gap, rules: tuple[Rule, ...] = PARAGRAPH_RULES) -> tuple[bool, Rule]:
    """Does a paragraph end in this gap between two body lines, and which rule says so?

    With a blank line between: yes if the sentence is finished (or a short line ends
    in a colon) and the next line does not go on in lower case, but not inside a
    quotation a column cut; without one, only a finished sentence on a clearly short
    line, then a new one.  The rules are tried in order; the first that answers decides.

    >>> ends, rule = paragraph_ends(Gap.of("the talks went on.", "The minister left"))
    >>> ends, rule.name
    (True, 'finished-sentence')
    """
    for rule in rules:
        ends = rule.function(gap)
        if ends is not None:
            return ends, rule
    return False, _NO_RULE


@dataclass
class ArticleLines:
    headline: str | None = None
    byline: str | None = None
    paragraphs: list[list[int]] = field(default_factory=list)  # indices into the page's lines
    captions: list[str] = field(default_factory=list)


def group_into_articles(
    page: PageLines,
    width: int,
    decisions: list[Decision],
    find_captions: bool,
    skip: Collection[str] = (),
) -> list[ArticleLines]:
    """The page's body lines grouped into paragraphs, and those into articles under
    their headlines; ``skip`` names rules of `PARAGRAPH_RULES` not to ask."""
    texts, numbers = page.texts, page.numbers
    rules = rules_in_use(PARAGRAPH_RULES, skip)
    plain_finish = rule_of_a_plain_finish(rules)
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
            before = texts[previous_body]
            fill = len(before.strip()) / width if width >= 20 else 0.5
            if not blank_since_body and fill >= 0.6:
                # The common case, decided cheaply (the rules would say the same):
                # a full line inside a paragraph, and the next line goes on.
                ends = False
            elif blank_since_body and plain_finish and is_plain_finish(before, text, fill):
                ends, rule = True, plain_finish  # the commonest blank line, told in one call
            else:
                gap = Gap(before, text.lstrip(), fill, blank_since_body, paragraph, texts)
                ends, rule = paragraph_ends(gap, rules)
            if ends:
                decisions.append(
                    Decision(
                        "paragraph-break",
                        numbers[index],
                        before.strip()[-20:],
                        "¶",
                        rule.evidence,
                    )
                )
                finish_paragraph()
            elif blank_since_body:
                decisions.append(
                    Decision(
                        "column-break",
                        numbers[index],
                        before.strip()[-20:],
                        "joined",
                        rule.evidence,
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
