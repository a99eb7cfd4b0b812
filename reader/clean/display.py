"""Display lines: the captions and headlines set between the columns' body lines.

A text layer sets them apart with a leading space; OCR loses that space, so a short
block of its own is told to be a caption or a headline by its shape and where it
stands (`DISPLAY_RULES`, an ordered list of named rules).
"""

from __future__ import annotations

import re

from reader.clean.decisions import Decision
from reader.clean.lines import PageEditor, PageLines, kind_of
from reader.clean.sentences import CLAUSE_END, OPENS_SENTENCE, TITLE_ABBREVIATIONS
from reader.text import CLOSING_MARKS, ends_sentence, word_zipf

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
    page: PageLines, width: int, decisions: list[Decision], ocr: bool = False
) -> PageLines:
    """Mark short blocks that are captions or headlines although OCR lost their indent.

    OCR gives a caption or a headline as a few lines of their own between blank
    lines.  A block ending in a photo credit ("(Reuters)") is a caption, and so is
    one that opens with a short label ("Hard sell. ...") and either names a photo's
    position ("(L)") or is set wider than the column.  A block of a few title-case
    words with no closing full stop, after a finished sentence and before a new
    one, is a headline; on a page with no indented lines at all (OCR), so is a
    sentence-case block of short lines.  Either becomes one display line.  Which
    rule of `DISPLAY_RULES` told it is named in the decision.

    >>> page = PageLines.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former")
    >>> set_apart_display_blocks(page, 30, []).texts
    ['ends here.', '', ' Mike Huckabee Is Running For', '', 'The former']
    """
    texts, numbers = page.texts, page.numbers
    edited = PageEditor(page)
    for block in _SHORT_BLOCK.finditer(page.kinds):
        start, end = block.span()
        edited.keep(start)
        previous = next((t for t in reversed(edited.texts) if kind_of(t) == "t"), None)
        told = _display_block_kind(page, start, end, width, previous, ocr)
        if told:
            kind, rule = told
            text = " ".join(line.strip() for line in texts[start:end])
            why = f"{rule}: {DISPLAY_RULES[rule]}"
            decisions.append(Decision("display-block", numbers[start], text[:40], kind, why))
            edited.add(" " + text, numbers[start])
            edited.skip(end)
    return edited.done()


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


# The rules that tell a short block of its own to be a caption or a headline, in the
# order `_display_block_kind` tries them, each with what it looks for.
DISPLAY_RULES = {
    "photo-credit": "a few lines ending in a photo credit ('(Reuters)'): a caption",
    "labelled-caption": "a short label ('Hard sell.'), then a photo's position or a line "
    "wider than the column: a caption",
    "wide-title": "OCR: a line far wider than the column between sentences: a title set "
    "across columns",
    "one-word-title": "one word at the page's top, right before the drop capital: the title",
    "title-case": "a few title-case words between a finished sentence and a new one: a headline",
    "sentence-case-title": "OCR: short lines of their own between sentences, in sentence "
    "case, not cut at a comma or a common word: a headline",
}


def _display_block_kind(
    page: PageLines, start: int, end: int, width: int, previous: str | None, ocr: bool
) -> tuple[str, str] | None:
    """("caption" or "headline", the rule of `DISPLAY_RULES` that told it) for the block
    of lines start to end, or None: it is body text.

    ``previous`` is the body line before the block (None at the page's top); ``ocr``
    says the page is OCR (`reader.clean.page_kind`).
    """
    block = page.texts[start:end]
    # A full column line: body text cut by a column break, unless a caption.
    starts_full = 0.8 * width <= len(block[0].strip()) <= 1.2 * width
    if starts_full and len(block) > 4:
        return None  # a caption takes a few lines (a title may take up to six)
    text = " ".join(line.strip() for line in block)
    if len(block) <= 4 and len(text) < 250:
        if CAPTION_CREDIT.search(text):
            return "caption", "photo-credit"
        if _is_labelled_caption(block, width):
            return "caption", "labelled-caption"
    # Where the block stands is quick to test and rules most blocks out: those first.
    if starts_full:
        return None
    if previous is not None and not ends_sentence(previous.rstrip()):
        return None
    following = next((i for i in range(end, len(page.texts)) if page.texts[i]), None)
    if following is None:
        return None
    opens_page = previous is None  # a title at the page's top (its drop capital may be lost)
    if not (
        opens_page
        or page.opens_with_drop_capital(following)
        or page.kinds[following] == "i"
        or OPENS_SENTENCE.match(page.texts[following].lstrip())
    ):
        return None
    words = text.split()
    long_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    if ocr and len(block) <= 3 and len(block[0]) > 1.5 * width:
        # OCR keeps no indent, but a title set across two columns reads as a line far
        # wider than the column; it may end on a quoted name's stop ("of ‘The 411.’").
        wide_title = 4 <= len(words) <= 24 and not ends_sentence(block[0])
        return ("headline", "wide-title") if wide_title else None
    if (
        len(long_words) == len(words) == 1
        and opens_page
        and page.opens_with_drop_capital(following)
    ):
        # One word at the page's top, right before the drop capital: the title ("Untitled").
        one_word_title = words[0][0].isupper() and not CLAUSE_END.search(text)
        return ("headline", "one-word-title") if one_word_title else None
    if not (2 <= len(words) <= 16) or not long_words or BYLINE.match(text):
        return None
    if text.count(")") > text.count("("):
        return None  # closes a bracket opened before it: a piece of a sentence ("Shots)”")
    # A title may break its lines at commas ("And 'Competent,' / Unlike Trump,"), but
    # neither it nor any of its lines ends a clause otherwise.
    last = block[-1].rstrip()
    inner_ends = [line.rstrip().rstrip(CLOSING_MARKS)[-1:] for line in block[:-1]]
    if any(end in ".;:" for end in inner_ends):
        return None
    if CLAUSE_END.search(last) and not INITIALISM_AT_END.search(last):
        return None
    if sum(word[0].isupper() for word in long_words) >= 0.75 * len(long_words):
        # A title ends on a capitalised word, not on "of" before a column break.
        ends_capitalised = words[-1].strip("“”‘’\"'()?!")[:1].isupper()
        return ("headline", "title-case") if ends_capitalised else None
    if not ocr:
        return None  # the page sets its titles apart with a leading space; this one is not
    # OCR drops that space.  Then a title in sentence case is told only by its shape:
    # two lines or more, each well short of the column (a title's type is larger), none
    # breaking at a comma or inside a word, and not ending on one of the commonest words
    # ("that", "by", "said"), where a column cuts a sentence.
    short_lines = all(len(line.strip()) < 0.8 * width for line in block)
    ends_on_a_word = last[-1:] != "-" and word_zipf(words[-1].strip(CLOSING_MARKS)) < 6.0
    if len(block) >= 2 and short_lines and "," not in inner_ends and ends_on_a_word:
        return "headline", "sentence-case-title"
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
    """A short label and a full stop ("Scene. ..."), or a photo credit such as "(L)".

    >>> has_caption_shape("Geopolitical challenge. Russian President Vladimir Putin (L)")
    True
    >>> has_caption_shape("GOP Smackdown: Rep. Labrador Enters The Race")
    False
    """
    label = CAPTION_LABEL.match(text)
    if label and label.group(1) in TITLE_ABBREVIATIONS | {"Jr", "Sr", "St"}:
        label = None  # "Rep." or "Jr." inside a headline is no caption label
    return bool(label or CAPTION_CREDIT.search(text))


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
