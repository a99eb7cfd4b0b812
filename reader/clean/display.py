"""Display lines: the captions and headlines set between the columns' body lines.

A text layer sets them apart with a leading space; OCR loses that space, so a short
block of its own is told to be a caption or a headline by its shape and where it
stands (`DISPLAY_RULES`, an ordered list of named rules).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from reader.clean.decisions import Decision
from reader.clean.lines import PageEditor, PageLines
from reader.clean.rules import Rule, rules_in_use, worked_out_once
from reader.clean.sentences import CLAUSE_END, OPENS_SENTENCE
from reader.text import CLOSING_MARKS, TITLE_ABBREVIATIONS, ends_sentence, word_zipf

# A caption often starts with a short label and a full stop: "Geopolitical challenge. Russian..."
CAPTION_LABEL = re.compile(r"^(?:\S+\s){0,2}([^\s.]{2,})\.\s+\S")


# Where a person stands in a photo, as a caption says it in brackets: "(L)", "(right)".
_PHOTO_POSITIONS = "L|R|C|left|right|centre|center"


# A photo credit or a position in brackets at a caption's end: "(AP Photo/Evan Vucci)", "(L)".
CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photos|images?|AFP|AP|EPA|Reuters|Getty|pool|file)\b[^()]*"
    rf"|{_PHOTO_POSITIONS})\)\s*$",
    re.IGNORECASE,
)


# A photo's position in its caption, anywhere in it: "Michael Steele (L) shakes hands with ...".
CAPTION_POSITION = re.compile(rf"\((?:{_PHOTO_POSITIONS}|top|bottom)\)")


# A headline may end on an initialism's full stop: "... Bloomberg Tells U.S."
INITIALISM_AT_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}[”’\"')\]]*$")


BYLINE = re.compile(r"^(?:By|BY|Von|Par)\s+[A-Z][\w.’'-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.’'-]*){0,6}$")


def set_apart_display_blocks(
    page: PageLines,
    width: int,
    decisions: list[Decision],
    ocr: bool = False,
    skip: Collection[str] = (),
) -> PageLines:
    """Mark short blocks that are captions or headlines although OCR lost their indent.

    OCR gives a caption or a headline as a few lines of their own between blank
    lines.  A block ending in a photo credit ("(Reuters)") is a caption, and so is
    one that opens with a short label ("Hard sell. ...") and either names a photo's
    position ("(L)") or is set wider than the column.  A block of a few title-case
    words with no closing full stop, after a finished sentence and before a new
    one, is a headline; on a page with no indented lines at all (OCR), so is a
    sentence-case block of short lines.  Either becomes one display line.  Which
    rule of `DISPLAY_RULES` told it is named in the decision; ``skip`` names rules
    not to ask.

    >>> page = PageLines.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former")
    >>> set_apart_display_blocks(page, 30, []).texts
    ['ends here.', '', ' Mike Huckabee Is Running For', '', 'The former']
    """
    numbers = page.numbers
    rules = rules_in_use(DISPLAY_RULES, skip)
    edited = PageEditor(page)
    set_apart: list[tuple[int, int]] = []  # the blocks made display lines so far
    for found in _SHORT_BLOCK.finditer(page.kinds):
        start, end = found.span()
        edited.keep(start)
        previous = last_body_line_before(page, start, set_apart)
        block = ShortBlock(page, start, end, width, previous, ocr)
        told = display_block_kind(block, rules)
        if told:
            kind, rule = told
            text = block.text
            decisions.append(
                Decision("display-block", numbers[start], text[:40], kind, rule.evidence)
            )
            edited.add(" " + text, numbers[start])
            edited.skip(end)
            set_apart.append((start, end))
    return edited.done()


def last_body_line_before(
    page: PageLines, start: int, set_apart: list[tuple[int, int]]
) -> str | None:
    """The last body line before line ``start``, leaving out the blocks (start, end) of
    ``set_apart`` (in order), which are display lines now; None if there is none.

    Found in the page's kinds (``str.rfind``, in C), not by asking each line before.

    >>> page = PageLines.of("ends here.\\n\\nMike Huckabee\\n\\nThe former")
    >>> last_body_line_before(page, 4, []), last_body_line_before(page, 4, [(2, 3)])
    ('Mike Huckabee', 'ends here.')
    """
    kinds = page.kinds
    index = kinds.rfind("t", 0, start)
    for block_start, block_end in reversed(set_apart):
        if index >= block_end:
            break  # after this block, so after every block before it too
        if index >= block_start:
            index = kinds.rfind("t", 0, block_start)
    return page.texts[index] if index >= 0 else None


# In a page's kinds: a block of one to six text lines with blank lines (or the
# page's start or end) around it.
_SHORT_BLOCK = re.compile(r"(?<![ti])t{1,6}(?![ti])")


def join_wrapped_display_lines(page: PageLines, decisions: list[Decision]) -> PageLines:
    """Join a caption or headline set on two display lines back into one.

    The second line continues the first when it starts in lower case, or when
    the first ends on a small word ("travel to" / "Indiana in wake of ...").

    >>> page = PageLines.of(" Tough talk. Greene speaks to supporters\\n in Washington, on Sunday. (Reuters)")
    >>> join_wrapped_display_lines(page, []).texts
    [' Tough talk. Greene speaks to supporters in Washington, on Sunday. (Reuters)']
    """
    if "ii" not in page.kinds:
        return page  # no two display lines in a row: nothing to join
    texts, numbers = page.texts, page.numbers
    edited = PageEditor(page)
    for run in _DISPLAY_RUN.finditer(page.kinds):
        start, end = run.span()
        edited.keep(start + 1)  # the run's first line
        for text, number in zip(texts[start + 1 : end], numbers[start + 1 : end]):
            first, second = edited.texts[-1].rstrip(), text.strip()
            last_word = first.rsplit(None, 1)[-1] if first.strip() else ""
            continues = second[:1].islower() or (last_word.islower() and len(last_word) <= 4)
            if continues and not CAPTION_CREDIT.search(first) and len(second) > 1:
                edited.texts[-1] = f"{first} {second}"  # still set apart: first starts with " "
                why = "the next display line goes on the same caption or headline"
                before = f"{first.strip()[-20:]} | {second[:20]}"
                decisions.append(Decision("join-display-lines", number, before, "joined", why))
            else:
                edited.add(text, number)
        edited.skip(end)
    return edited.done()


# In a page's kinds: two display lines or more in a row.
_DISPLAY_RUN = re.compile("i{2,}")


# In a page's kinds: a line with text (a body or display line).
_NOT_BLANK = re.compile("[^b]")


class ShortBlock:
    """A short block of its own (lines ``start`` to ``end`` of ``page``), as the
    `DISPLAY_RULES` see it; what they ask is worked out once, when first asked.

    ``previous`` is the body line before the block (None at the page's top); ``ocr``
    says the page is OCR (`reader.clean.page_kind`).
    """

    def __init__(
        self, page: PageLines, start: int, end: int, width: int, previous: str | None, ocr: bool
    ) -> None:
        self.page, self.end, self.width, self.previous, self.ocr = page, end, width, previous, ocr
        self.lines = page.texts[start:end]
        # Its first line is a full column line: body text cut by a column break, unless
        # a caption.  Asked of every block first, so worked out right away.
        self.starts_full = 0.8 * width <= len(self.lines[0].strip()) <= 1.2 * width

    @classmethod
    def of(cls, text: str, width: int = 40, ocr: bool = True, at: int | None = None) -> ShortBlock:
        """The block of a page made of ``text`` that starts at line ``at`` (by default
        the one after the first blank line) and runs to the next blank: a doctest's example.

        >>> ShortBlock.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former").lines
        ['Mike Huckabee Is', 'Running For']
        """
        page = PageLines.of(text)
        texts = page.texts
        start = texts.index("") + 1 if at is None else at
        end = next((i for i in range(start, len(texts)) if not texts[i]), len(texts))
        previous = next((t for t in reversed(texts[:start]) if t), None)
        return cls(page, start, end, width, previous, ocr)

    @worked_out_once
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)

    @worked_out_once
    def words(self) -> list[str]:
        return self.text.split()

    @worked_out_once
    def long_words(self) -> list[str]:
        return [word for word in self.words if len(word) > 3 and word[0].isalpha()]

    @property
    def few_lines(self) -> bool:
        """Four lines at most, and short: the most a caption takes."""
        return len(self.lines) <= 4 and len(self.text) < 250

    @worked_out_once
    def following(self) -> int | None:
        """The index of the first line with text after the block, if any."""
        found = _NOT_BLANK.search(self.page.kinds, self.end)
        return found.start() if found else None

    @property
    def opens_page(self) -> bool:
        """At the page's top (a title there may have lost its drop capital)."""
        return self.previous is None

    @worked_out_once
    def stands_apart(self) -> bool:
        """Set between a finished sentence (or the page's top) and the start of
        something new (a drop capital, a display line, a new sentence): where a
        headline stands.  Quick to test, it rules most blocks out."""
        if self.starts_full:
            return False
        if self.previous is not None and not ends_sentence(self.previous.rstrip()):
            return False
        following, page = self.following, self.page
        if following is None:
            return False
        return bool(
            self.opens_page
            or page.opens_with_drop_capital(following)
            or page.kinds[following] == "i"
            or OPENS_SENTENCE.match(page.texts[following].lstrip())
        )

    @worked_out_once
    def may_be_caption(self) -> bool:
        """Four lines at most, with a bracket (a photo credit, "(Reuters)", or a photo's
        position, "(L)") or a first line wider than the column: where a caption rule
        looks.  Quick to test (the block's text is not joined yet), it rules most blocks out."""
        lines = self.lines
        if len(lines) > 4:
            return False
        return len(lines[0].strip()) > 1.1 * self.width or "(" in "".join(lines)

    @worked_out_once
    def may_be_credit_line(self) -> bool:
        """Two lines at most, the first opening on a credit's word ("Photo", "Picture"):
        where the credit-line rule looks, without joining the block's text."""
        return len(self.lines) <= 2 and CREDIT_WORD.match(self.lines[0]) is not None

    @worked_out_once
    def inner_ends(self) -> list[str]:
        """The last mark of each line but the last."""
        return [line.rstrip().rstrip(CLOSING_MARKS)[-1:] for line in self.lines[:-1]]

    @worked_out_once
    def title_shaped(self) -> bool:
        """Two to sixteen words, not a byline, no bracket closed that opened before
        it, and no clause ended inside or at its end (a title may break its lines
        at commas, "And 'Competent,' / Unlike Trump,", and end on an initialism)."""
        text, words = self.text, self.words
        if not (2 <= len(words) <= 16) or not self.long_words or BYLINE.match(text):
            return False
        if text.count(")") > text.count("("):
            return False  # closes a bracket opened before it: a piece of a sentence ("Shots)”")
        if any(end in ".;:" for end in self.inner_ends):
            return False
        last = self.lines[-1].rstrip()
        return not (CLAUSE_END.search(last) and not INITIALISM_AT_END.search(last))


# What a display rule answers: "caption" or "headline", BODY (it is body text, ask no
# further), or None (not for this rule to say).
BODY = "body"


def photo_credit(block: ShortBlock) -> str | None:
    """A few lines ending in a photo credit are a caption: agencies sign their photos
    ("(Reuters)", "(AP Photo/Evan Vucci)"), and the caption says who stands where ("(L)").

    >>> photo_credit(ShortBlock.of("ends.\\n\\nTalks in Moscow.\\n(Reuters)\\n\\nThe talks"))
    'caption'
    """
    if block.few_lines and CAPTION_CREDIT.search(block.text):
        return "caption"
    return None


# A photo's credit on a line of its own: "Photo: J. Smith", "Picture by Ann Lee/Reuters".
CREDIT_WORDS = r"(?:Photo|Photos|Photograph|Picture|Image|Illustration|Credit|PHOTO|PICTURE)"
CREDIT_LINE = re.compile(CREDIT_WORDS + r"(?:\s+by\s+|\s*[:/|]\s*)\S.{0,60}")
CREDIT_WORD = re.compile(r"\s*" + CREDIT_WORDS)


def credit_line(block: ShortBlock) -> str | None:
    """A short line crediting a photo ("Photo: J. Smith") belongs to the caption, and is
    never the next article's headline, however title-like its capitals.

    >>> credit_line(ShortBlock.of("ends.\\n\\nPhoto: J. Smith\\n\\nExporters said"))
    'caption'
    """
    if len(block.lines) <= 2 and CREDIT_LINE.fullmatch(block.text):
        return "caption"
    return None


def labelled_caption(block: ShortBlock) -> str | None:
    """A short label and a full stop ("Hard sell. ..."), then a photo's position or a
    first line wider than the column (a caption's type is smaller): a caption OCR set
    among the body lines.

    >>> labelled_caption(ShortBlock.of("ends.\\n\\nHard sell. Michael Steele (L) shakes\\nhands\\n\\nThe"))
    'caption'
    """
    if block.few_lines and _is_labelled_caption(block.lines, block.width):
        return "caption"
    return None


def wide_title(block: ShortBlock) -> str | None:
    """On OCR, a line far wider than the column between sentences: a title set across
    two columns (OCR keeps no indent; the title may end on a quoted name's stop, "of
    ‘The 411.’").  A wide line that is a sentence is body text.

    >>> line = "Trump Says He Will Not Release His Tax Returns Before the Vote"
    >>> wide_title(ShortBlock.of(f"ends.\\n\\n{line}\\n\\nThe former", width=30))
    'headline'
    """
    lines = block.lines
    if not (block.ocr and len(lines) <= 3 and len(lines[0]) > 1.5 * block.width):
        return None
    if not block.stands_apart:
        return None
    wide = 4 <= len(block.words) <= 24 and not ends_sentence(lines[0])
    return "headline" if wide else BODY


def one_word_title(block: ShortBlock) -> str | None:
    """One capitalised word at the page's top, right before the drop capital: the
    title ("Untitled"); a lower-case word or one ending a clause there is body text.

    >>> from reader.clean.drop_capitals import join_drop_capitals
    >>> page = join_drop_capitals(PageLines.of("Untitled\\n\\n T \\n\\nhe show opened."), [])
    >>> one_word_title(ShortBlock(page, 0, 1, 40, None, True))
    'headline'
    """
    words = block.words
    if not (len(words) == 1 and block.long_words and block.opens_page):
        return None
    if not (block.following is not None and block.page.opens_with_drop_capital(block.following)):
        return None
    if not block.stands_apart:
        return None
    return "headline" if words[0][0].isupper() and not CLAUSE_END.search(block.text) else BODY


def title_case(block: ShortBlock) -> str | None:
    """A few title-case words between a finished sentence and a new one: a headline,
    if it ends on a capitalised word (not on "of" before a column break).

    >>> title_case(ShortBlock.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former"))
    'headline'
    """
    if not (block.stands_apart and block.title_shaped):
        return None
    long_words = block.long_words
    if sum(word[0].isupper() for word in long_words) < 0.75 * len(long_words):
        return None
    return "headline" if block.words[-1].strip("“”‘’\"'()?!")[:1].isupper() else BODY


def sentence_case_title(block: ShortBlock) -> str | None:
    """On OCR, which drops the leading space a page sets its titles apart with, a title
    in sentence case is told by its shape: two lines or more, each well short of the
    column (a title's type is larger), none breaking at a comma or inside a word, and
    not ending on one of the commonest words ("that", "by", "said"), where a column
    cuts a sentence.

    >>> sentence_case_title(ShortBlock.of("ends.\\n\\nTrump not walking\\nthe walk on taxes\\n\\nThe"))
    'headline'
    """
    if not (block.ocr and len(block.lines) >= 2 and block.stands_apart and block.title_shaped):
        return None
    if any(len(line.strip()) >= 0.8 * block.width for line in block.lines):
        return None
    last_word = block.words[-1].strip(CLOSING_MARKS)
    if "," in block.inner_ends or block.lines[-1].rstrip()[-1:] == "-":
        return None
    return "headline" if word_zipf(last_word) < 6.0 else None


# The rules that tell a short block of its own to be a caption or a headline, in the
# order they are tried: the first that answers decides.
DISPLAY_RULES: tuple[Rule, ...] = (
    Rule(
        "photo-credit",
        "a few lines ending in a photo credit ('(Reuters)'): a caption",
        photo_credit,
        asked_when="may_be_caption",
    ),
    Rule(
        "credit-line",
        "a short line crediting a photo ('Photo: J. Smith'): a caption, never a headline",
        credit_line,
        asked_when="may_be_credit_line",
    ),
    Rule(
        "labelled-caption",
        "a short label ('Hard sell.'), then a photo's position or a line "
        "wider than the column: a caption",
        labelled_caption,
        asked_when="may_be_caption",
    ),
    Rule(
        "wide-title",
        "OCR: a line far wider than the column between sentences: a title set across columns",
        wide_title,
        asked_when="stands_apart",
    ),
    Rule(
        "one-word-title",
        "one word at the page's top, right before the drop capital: the title",
        one_word_title,
        asked_when="stands_apart",
    ),
    Rule(
        "title-case",
        "a few title-case words between a finished sentence and a new one: a headline",
        title_case,
        asked_when="stands_apart",
    ),
    Rule(
        "sentence-case-title",
        "OCR: short lines of their own between sentences, in sentence "
        "case, not cut at a comma or a common word: a headline",
        sentence_case_title,
        asked_when="stands_apart",
    ),
)


def display_block_kind(
    block: ShortBlock, rules: tuple[Rule, ...] = DISPLAY_RULES
) -> tuple[str, Rule] | None:
    """("caption" or "headline", the rule that told it) for a short block, or None:
    it is body text.  The rules are tried in order; the first that answers decides.

    >>> kind, rule = display_block_kind(ShortBlock.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former"))
    >>> kind, rule.name
    ('headline', 'title-case')
    """
    if block.starts_full and len(block.lines) > 4:
        return None  # a caption takes a few lines (a title may take up to six)
    for rule in rules:
        if rule.asked_when and not getattr(block, rule.asked_when):
            continue  # the block is not where this rule looks (a quick, cached test)
        kind = rule.function(block)
        if kind is not None:
            return (kind, rule) if kind != BODY else None
    return None


def is_display(kind: str, text: str, width: int, narrow_columns: bool) -> bool:
    """A line set apart from the columns: indented by a space (its kind is "i"), or far
    wider than a column.

    Width only counts on a page that clearly has narrow columns (``narrow_columns``
    is False for short or wide text, where a long line is just a long line).
    """
    if kind != "t":
        return kind == "i"
    return narrow_columns and len(text.strip()) > 2 * width


def has_caption_shape(text: str) -> bool:
    """A short label and a full stop ("Scene. ..."), a photo credit such as "(L)", or a
    credit line ("Photo: J. Smith", `credit_line`).

    >>> has_caption_shape("Geopolitical challenge. Russian President Vladimir Putin (L)")
    True
    >>> has_caption_shape("GOP Smackdown: Rep. Labrador Enters The Race")
    False
    """
    label = CAPTION_LABEL.match(text)
    if label and label.group(1).lower() in TITLE_ABBREVIATIONS:
        label = None  # "Rep." or "Jr." inside a headline is no caption label
    return bool(label or CAPTION_CREDIT.search(text) or CREDIT_LINE.fullmatch(text))


def _is_labelled_caption(lines: list[str], width: int) -> bool:
    """A caption that OCR set among the body lines: a short label and no full stop at
    its end, and either a photo's position in brackets or a first line wider than the
    column (a caption's type is smaller).

    >>> _is_labelled_caption(["Hard sell. Michael Steele (L) shakes", "hands in Washington"], 40)
    True
    >>> _is_labelled_caption(["Scene. A supporter holds a sign outside", "a rally in Ohio"], 30)
    True
    >>> _is_labelled_caption(["He left. Smith (R) said so."], 40)
    False
    >>> _is_labelled_caption(["He left. Then the"], 30)
    False
    """
    if len(lines[0].strip()) <= 1.1 * width and not any(map(CAPTION_POSITION.search, lines)):
        return False  # most blocks: told apart cheaply, before the label is looked for
    text = " ".join(line.strip() for line in lines)
    return not ends_sentence(text) and has_caption_shape(text)


def looks_like_caption(text: str) -> bool:
    """A display line that is a caption rather than a headline: caption-shaped, or long."""
    return has_caption_shape(text) or len(text) > 130


def is_short_line(text: str) -> bool:
    """One line of at most 120 characters: the most a headline takes."""
    return len(text) <= 120 and "\n" not in text


def is_title(text: str) -> bool:
    """A headline's shape: one short line that does not end a sentence or a clause.

    >>> is_title("Iran and Russia cooperate amid suspicion"), is_title("He said so.")
    (True, False)
    """
    if len(text) > 120 or "\n" in text or re.search(r"[,;:][”’\"')\]]*$", text):
        return False
    if not ends_sentence(text):
        return True
    if text.endswith("."):
        return False  # "FULL TEXT.", "Netflix.": a plain full stop ends a paragraph
    # Ending like a sentence ("?", "Fear.’"), it is a title only in title case.
    long_words = [word.lstrip("“‘'\"") for word in text.split() if len(word) > 3]
    long_words = [word for word in long_words if word[:1].isalpha()]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 3 and capitalised >= 0.75 * len(long_words)
