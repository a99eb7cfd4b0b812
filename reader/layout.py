"""From a damaged newspaper page to articles made of blocks.

Text taken from a PDF's text layer or from OCR keeps the shape of the printed
page: narrow columns, a drop capital standing alone ("I" / "raqi"), blank lines
wherever a column ends (even in the middle of a sentence or a word), and photo
captions and the next article's headline set between the lines of the body.
`clean_page` undoes that damage and explains each decision it took:

>>> page = " I \\n\\nraqi Vice-President Nuri al-Ma-\\nliki called for“Russia’s visible \\npresence.”\\n"
>>> result = clean_page(page)
>>> print(result.document.text)
Iraqi Vice-President Nuri al-Maliki called for “Russia’s visible presence.”
>>> [d.action for d in result.decisions]
['drop-capital', 'join-word', 'space-before-quote']

How the page is read, in order:
1. each line is sorted: body text, blank, a *display* line (set apart by a
   leading space or far wider than the column: captions and headlines), or a
   drop capital; on OCR text, which keeps no indent, a paragraph read across
   columns instead of down is put back in order (`reader.reading_order`), and a
   drop capital read on the line below its word, set apart from it ("T he"), or
   lost, is put back when the word tells which it is;
2. display lines are told apart by where they stand: one right before an
   article's opening (a drop capital, or a new sentence after a finished one)
   is a headline, the others are captions;
3. body lines are grouped into paragraphs; a blank line ends a paragraph only
   when the sentence before it is finished (a full stop on a line shorter than
   the column, or a new sentence after it), otherwise it is a column break;
4. the lines of each paragraph are joined (`reader.joining`).

Text that is already clean (one paragraph a line, blank lines between) comes
out unchanged, so cleaning the cleaner's own output changes nothing.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import string
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import IO

from reader.collector import collector_paused
from reader.document import Article, Block, Document
from reader.joining import (
    CLOSING_MARKS,
    COMMON_WORD_ZIPF,
    WordEvidence,
    ends_sentence,
    ends_with_line_hyphen,
    join_paragraphs,
    word_zipf,
)
from reader.pagefile import WINDOWS_1252, Decoding, PageError, PageWarning, iter_page_file
from reader.reading_order import (
    SPLIT_DROP_CAPITAL,
    line_before,
    restore_reading_order,
    split_drop_capital,
)

# A sentence is finished when a line ends in . ? or ! (closing quotes or brackets may follow).
SENTENCE_END = re.compile(r"[.?!…][”’\"')\]]*$")
# A line that ends a sentence or a clause: "Off.'", "said,", "follows:".
CLAUSE_END = re.compile(r"[.,;:][”’\"')\]]*$")
# What may open a paragraph: a capital, a digit, an opening quote or bracket, a dash.
OPENS_SENTENCE = re.compile(r"^[\"“‘'(\[—–-]*[A-Z0-9À-ÖØ-Þ$£€]")
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
_INITIALISM_AT_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}[”’\"')\]]*$")
BYLINE = re.compile(r"^(?:By|BY|Von|Par)\s+[A-Z][\w.’'-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.’'-]*){0,6}$")
DROP_CAPITAL = re.compile(r"^\s*([A-Z])\s*$")
# DROP_CAPITAL on a line after the first; it starts at "\n", which the regex engine finds fast.
_DROP_CAPITAL_LINE = re.compile(r"\n[^\S\n]*[A-Z][^\S\n]*(?:\n|$)")


def _has_drop_capital_line(text: str) -> bool:
    """Does any line of the text match DROP_CAPITAL?  Read without a copy of the text.

    >>> _has_drop_capital_line(" I \\n\\nraqi"), _has_drop_capital_line("A page.\\nI said")
    (True, False)
    """
    first_line = text.split("\n", 1)[0]
    return bool(DROP_CAPITAL.match(first_line) or _DROP_CAPITAL_LINE.search(text))


NO_SPACE_BEFORE_QUOTE = re.compile(r"(?<=[^\W_])“")
# Tesseract reads specks as "_": alone between spaces, or stuck to a word's end ("as_ follows").
OCR_STRAY_UNDERSCORE = re.compile(r"(?:(?<=\s)|(?<=[a-z]))_(?=\s|$)")
OPENING_QUOTES = ("“", '"', "''", "‘", "'", "«")
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Gov Sen Rep St Gen Col Lt Sgt Capt Cmdr Adm Prof Rev Hon Pres Supt Det Insp".split()
)


@dataclass(slots=True)
class Decision:
    """One choice the cleaner made, with the evidence for it (for ``reader clean --explain``)."""

    action: str
    line: int
    before: str
    after: str
    evidence: str = ""

    def describe(self) -> str:
        why = f"  ({self.evidence})" if self.evidence else ""
        return f"line {self.line}: {self.action}: {self.before!r} -> {self.after!r}{why}"


@dataclass
class CleanResult:
    """The clean `Document` and every decision that made it."""

    document: Document
    decisions: list[Decision] = field(default_factory=list)

    def decisions_df(self):
        """The decisions as a pandas DataFrame (one row a decision)."""
        import pandas as pd

        columns = ["action", "line", "before", "after", "evidence"]
        return pd.DataFrame([asdict(d) for d in self.decisions], columns=columns)


# The kind of a line, told by its first character: blank, set apart by a leading space, text.
_KIND_BY_FIRST_CHARACTER = {"": "b", " ": "i"}
_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))


def _kind_of(text: str) -> str:
    """ "b" for a blank line, "i" for one set apart by a leading space, "t" for other text."""
    return _KIND_BY_FIRST_CHARACTER.get(text[:1], "t")


def _kinds_of(texts: list[str]) -> str:
    """`_kind_of` each line, as one string; worked out in C (no Python call a line).

    >>> _kinds_of(["Body", "", " A caption", "more"])
    'tbit'
    """
    firsts = map(_FIRST_CHARACTER, texts)
    return "".join(map(_KIND_BY_FIRST_CHARACTER.get, firsts, itertools.repeat("t")))


@dataclass(slots=True)
class _PageLines:
    """The page's lines as parallel lists: a string and a number a line, no object a line.

    Most lines of a page are plain body lines that need no decision.  As strings
    they are made and handed on by C-level passes (``map``, slices), and
    ``kinds``, one letter a line, lets a regular expression (or ``in``,
    ``str.count``) pick out the lines that need a decision, so that Python code
    looks only at those.  A line is set apart (indented) exactly when its text
    starts with a space; lines keep no trailing spaces.

    >>> page = _PageLines.of("Body\\n  A caption  \\n ")
    >>> page.texts, page.numbers, page.kinds
    (['Body', '  A caption', ''], [1, 2, 3], 'tib')
    >>> page.opens_with_drop_capital(0)
    False
    """

    texts: list[str]  # without the line end and trailing spaces
    numbers: list[int]  # 1-based, in the raw page
    kinds: str  # a letter a line (`_kind_of`)
    drop_capitals: set[int] = field(default_factory=set)  # numbers of lines a drop capital opens

    @classmethod
    def of(cls, text: str) -> _PageLines:
        """The lines of a page's text, without their trailing spaces."""
        texts = list(map(str.rstrip, text.split("\n")))
        return cls(texts, list(range(1, len(texts) + 1)), _kinds_of(texts))

    def opens_with_drop_capital(self, index: int) -> bool:
        """Was a drop capital joined to the start of this body line (an article's opening)?"""
        return self.kinds[index] != "i" and self.numbers[index] in self.drop_capitals

    def body_texts(self) -> list[str]:
        """The texts of the body lines: neither blank nor set apart."""
        return list(itertools.compress(self.texts, map("t".__eq__, self.kinds)))


class _PageEditor:
    """Makes a changed copy of a page from its start to its end: the lines kept as
    they are go over as slices, so only the lines that change cost Python code.

    >>> editor = _PageEditor(_PageLines.of("a\\nb\\nc\\nd"))
    >>> editor.keep(1); editor.add(" b c", 2); editor.skip(3)
    >>> page = editor.done()
    >>> page.texts, page.numbers, page.kinds
    (['a', ' b c', 'd'], [1, 2, 4], 'tit')
    """

    def __init__(self, page: _PageLines) -> None:
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
        self.kinds.append(_kind_of(text))

    def done(self) -> _PageLines:
        """The changed page: the lines after the cursor are kept."""
        self.keep(len(self.page.texts))
        return _PageLines(self.texts, self.numbers, "".join(self.kinds), self.drop_capitals)


@dataclass
class _Article:
    headline: str | None = None
    byline: str | None = None
    paragraphs: list[list[int]] = field(default_factory=list)  # indices into the page's lines
    captions: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Line ends to ``\\n``, tabs to spaces, byte-order marks and NUL removed.

    >>> normalise_text("\\ufeffOne\\r\\nTwo\\tthree\\r")
    'One\\nTwo three\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.replace("\t", " ").replace("\x00", "").replace("\x0c", "\n")


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
    if _has_drop_capital_line(text):
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


def column_width(body: list[str]) -> int:
    """The page's usual line length: the upper quartile of the body lines' lengths (80 if none).

    >>> column_width(["a full line of the column", "short", "another full line here"])
    25
    """
    # Lines keep no trailing spaces, so a line with text has some after strip() too.
    lengths = sorted(map(len, map(str.strip, body)))
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, (3 * len(lengths)) // 4)]


def clean_page(
    text: str,
    source: str | None = None,
    *,
    join_lost_hyphens: bool = True,
    find_captions: bool = True,
) -> CleanResult:
    """Clean a page's text into a `Document` of articles; see the module docstring.

    ``join_lost_hyphens`` joins OCR's "dem" / "ocrats" when the evidence is
    strong; ``find_captions`` sets captions and headlines apart from the body.
    """
    with collector_paused():  # a line, a decision: many objects, no cycles (reader.collector)
        return _clean_page(text, source, join_lost_hyphens, find_captions)


def _clean_page(
    text: str, source: str | None, join_lost_hyphens: bool, find_captions: bool
) -> CleanResult:
    text = normalise_text(text)
    if looks_clean(text):
        return CleanResult(_clean_text_document(text.strip("\n"), source), [])
    decisions: list[Decision] = []
    page = _PageLines.of(text)
    if _has_drop_capital_line(text):
        page = _attach_drop_capitals(page, decisions)
    evidence = WordEvidence.from_text(text)
    if "i" not in page.kinds:  # no line indented: OCR, which may misread the page's layout
        page = _restore_reading_order(page, evidence, decisions)
        page = _restore_ocr_drop_capitals(page, evidence, decisions)
        page = _restore_i_read_as_t(page, decisions)
        page = _split_words_run_together(page, decisions)
    width = column_width(page.body_texts())
    if find_captions:
        page = _set_apart_display_blocks(page, width, decisions)
        page = _join_wrapped_display_lines(page)
    articles = _group_into_articles(page, width, decisions, find_captions)
    all_paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
    joined = iter(
        _join_all_paragraphs(page, all_paragraphs, evidence, decisions, join_lost_hyphens)
    )
    parts: list[tuple[str, str, int]] = []  # (kind, text, article), in reading order
    for index, article in enumerate(articles):
        if article.headline:
            parts.append(("headline", article.headline, index))
        if article.byline:
            parts.append(("byline", article.byline, index))
        parts += [("paragraph", next(joined), index) for _ in article.paragraphs]
        parts += [("caption", caption, index) for caption in article.captions]
    return CleanResult(Document.from_parts(parts, source=source), decisions)


def _clean_text_document(text: str, source: str | None) -> Document:
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
        _has_caption_shape(b.text)
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
        title = (_is_title(block.text) and not quoted) or (
            after_credit and _is_short_line(block.text)
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


def _is_short_line(text: str) -> bool:
    """One line of at most 120 characters: the most a headline takes."""
    return len(text) <= 120 and "\n" not in text


def _is_title(text: str) -> bool:
    """A headline's shape: one short line that does not end a sentence or a clause.

    >>> _is_title("Iran and Russia cooperate amid suspicion"), _is_title("He said so.")
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


def _attach_drop_capitals(page: _PageLines, decisions: list[Decision]) -> _PageLines:
    """Join a drop capital ("I" alone on a line) to the start of its word or sentence.

    The capital joins the next line's first word ("I" + "raqi") unless that line
    starts a new word of its own after a space (" A " + " Bloomberg poll").

    >>> page = _attach_drop_capitals(_PageLines.of(" I \\n\\nraqi Vice-President\\nsaid"), [])
    >>> page.texts, page.numbers, page.opens_with_drop_capital(0)
    (['Iraqi Vice-President', 'said'], [3, 4], True)
    """
    texts, numbers = page.texts, page.numbers
    # Only a short line may be a drop capital; those are picked out in C.
    short = itertools.compress(itertools.count(), map((6).__gt__, map(len, texts)))
    capitals = [i for i in short if DROP_CAPITAL.match(texts[i])]
    edited = _PageEditor(page)
    edited.drop_capitals = set(page.drop_capitals)
    for index in capitals:
        if index < edited.cursor:
            continue
        following = index + 1
        while following < len(texts) and not texts[following].strip():
            following += 1
        if following >= len(texts) or following - index > 3:
            continue
        letter, rest = texts[index].strip(), texts[following]
        separate_word = _drop_capital_is_a_word(letter, rest)
        joined = f"{letter} {rest.lstrip()}" if separate_word else letter + rest.lstrip()
        decisions.append(
            Decision(
                "drop-capital",
                numbers[index],
                f"{letter} | {rest.strip()[:20]}",
                joined[:24],
                "a word of its own after a space" if separate_word else "joined to its word",
            )
        )
        edited.keep(index)
        edited.add(joined, numbers[following])
        edited.skip(following + 1)
        edited.drop_capitals.add(numbers[following])
    return edited.done()


def _restore_reading_order(
    page: _PageLines, evidence: WordEvidence, decisions: list[Decision]
) -> _PageLines:
    """Put back in order a paragraph that OCR read across instead of down
    (`reader.reading_order`); it then stands as a block of its own, after the
    headline that OCR read in the middle of it, if any.
    """
    found = restore_reading_order(page.texts, evidence)
    if not found:
        return page
    texts, numbers = page.texts, page.numbers
    edited = _PageEditor(page)
    for stretch in found:
        edited.keep(stretch.first)
        if edited.texts and edited.texts[-1]:
            edited.add("", numbers[stretch.first])
        if stretch.headline is not None:
            edited.add(texts[stretch.headline], numbers[stretch.headline])
            edited.add("", numbers[stretch.headline])
        for index in stretch.lines:
            edited.add(texts[index], numbers[index])
        edited.skip(stretch.last + 1)
        read = [numbers[i] for i in range(stretch.first, stretch.last + 1) if texts[i]]
        decisions.append(
            Decision(
                "reading-order",
                numbers[stretch.first],
                f"lines {', '.join(map(str, read))}",
                f"lines {', '.join(str(numbers[i]) for i in stretch.lines)}",
                f"OCR read the paragraph across columns; in this order it reads "
                f"{stretch.gain()} points better (scored on words cut at line ends, "
                f"the drop capital, brackets, sentence ends)",
            )
        )
    return edited.done()


def _restore_ocr_drop_capitals(
    page: _PageLines, evidence: WordEvidence, decisions: list[Decision]
) -> _PageLines:
    """Give back a drop capital that OCR read apart from its word, or lost.

    Tesseract reads a drop capital, which stands beside two or three lines, at
    the start of the second line ("epublican presidential" / "R nominee Donald"),
    set apart on its own line ("T he New York Post"), or not at all ("onald Trump,
    under fire", "SHINGTON —").  Either way a block then opens on a piece of a
    word.  The capital goes back when it makes that piece a word; a lost one only
    when no word is written on the page or in wordfreq with another capital (never
    a guess between "Donald" and "Ronald" unless the page writes one of them).

    >>> page = _PageLines.of("epublican presidential\\nR nominee Donald Trump")
    >>> _restore_ocr_drop_capitals(page, WordEvidence.from_text(""), []).texts
    ['Republican presidential', 'nominee Donald Trump']
    >>> page = _PageLines.of("onald Trump, under fire\\nover his taxes")
    >>> _restore_ocr_drop_capitals(page, WordEvidence.from_text("Donald Trump"), []).texts
    ['Donald Trump, under fire', 'over his taxes']
    """
    texts, numbers, kinds = page.texts, page.numbers, page.kinds
    edited = _PageEditor(page)
    edited.drop_capitals = set(page.drop_capitals)
    for block in _BLOCK_START.finditer(kinds):
        index = block.start()
        line = texts[index]
        below = texts[index + 1] if kinds[index + 1 : index + 2] == "t" else ""
        if SPLIT_DROP_CAPITAL.match(line):
            found = _capital_set_apart(line)
        elif _CAPITALS_START.match(line):
            found = _capitals_of_a_dateline(line, below, evidence)
        else:
            before = line_before(texts, index)
            # After a line-end hyphen the block opens on the second half of a cut word.
            found = (
                None
                if ends_with_line_hyphen(before)
                else _capital_of_a_piece(line, below, evidence)
            )
            if found is None and _opens_a_paragraph(texts, index):
                found = _word_a_set_below(line, below)
        if found is None:
            continue
        fixed, below_fixed, (was, word, why) = found
        decisions.append(Decision("drop-capital", numbers[index], was, word, why))
        edited.keep(index)
        edited.add(fixed, numbers[index])
        edited.drop_capitals.add(numbers[index])
        if below_fixed is None:
            edited.skip(index + 1)
        else:
            edited.add(below_fixed, numbers[index + 1])
            edited.skip(index + 2)
    return edited.done()


# What a drop capital put back gives: the line, the line below if it changes (else
# None), and what the decision shows (before, after, why).
_CapitalPutBack = tuple[str, str | None, tuple[str, str, str]]


def _capital_set_apart(line: str) -> _CapitalPutBack | None:
    """ "T he New York Post": the capital is in place, a space away from its word.

    >>> _capital_set_apart("T he New York Post")[0]
    'The New York Post'
    """
    word = split_drop_capital(line)
    if word is None:
        return None
    why = f"OCR set the drop capital apart from its word: '{word}' is a word"
    return word + line[len(word) + 1 :], None, (line[: len(word) + 1], word, why)


def _capitals_of_a_dateline(
    line: str, below: str, evidence: WordEvidence
) -> _CapitalPutBack | None:
    """ "SHINGTON —": a dateline in capitals that lost its drop capitals, which
    may stand at the start of the line below ("HOENIX —" / "P sent a bill").

    >>> _capitals_of_a_dateline("HOENIX — As the", "P sent a bill", WordEvidence.from_text(""))[:2]
    ('PHOENIX — As the', 'sent a bill')
    """
    piece = _CAPITALS_START.match(line).group()
    letters = _lost_capitals(piece, evidence)
    if letters is None:
        return None
    word = letters + piece
    why = f"OCR lost the drop capital: '{word}' is a word, '{piece}' is not"
    moved = _LONE_CAPITALS.match(below)
    below_fixed = below[moved.end() :] if moved and moved.group(1) == letters else None
    return letters + line, below_fixed, (piece, word, why)


def _opens_a_paragraph(texts: list[str], index: int) -> bool:
    """Does the block at ``index`` open a paragraph: at the page's top, after a finished
    sentence, or after a short block of its own (a title)?"""
    previous = next((i for i in range(index - 1, -1, -1) if texts[i]), None)
    if previous is None:
        return True
    last = texts[previous]
    if ends_sentence(last):
        return True
    block_start = next((i for i in range(previous, -1, -1) if not texts[i]), -1) + 1
    return previous - block_start < 6 and not last.endswith(("-", ","))  # six lines at most


def _word_a_set_below(line: str, below: str) -> _CapitalPutBack | None:
    """ "Bloomberg" / "A poll shows that": the drop capital "A", a word of its own,
    read at the start of the second line.  A capital "A" before a word in lower case
    cannot go on a sentence that the line above leaves open.

    >>> _word_a_set_below("federal appeals court ruled Friday", "A against Ohio’s procedure")[:2]
    ('A federal appeals court ruled Friday', 'against Ohio’s procedure')
    >>> _word_a_set_below("the video, which was made.", "A second person") is None
    True
    """
    if not below.startswith("A ") or not below[2:3].islower() or ends_sentence(line):
        return None
    why = "OCR set the drop capital 'A', a word of its own, at the start of the next line"
    return "A " + line, below[2:], ("A |", "A " + line.split(" ", 1)[0], why)


def _capital_of_a_piece(line: str, below: str, evidence: WordEvidence) -> _CapitalPutBack | None:
    """ "epublican" with "R" at the start of the line below, or "onald" alone."""
    piece = _LOWER_CASE_START.match(line)
    if piece is None:
        return None
    fragment = piece.group()
    moved = _LONE_CAPITALS.match(below)
    if moved:
        letter = moved.group(1)[-1]
        if word_zipf(letter + fragment) < max(COMMON_WORD_ZIPF, word_zipf(fragment) + 0.5):
            return None
        why = f"OCR set the drop capital '{letter}' on the next line"
        below_fixed = below[moved.end() :]
    else:
        letter = _lost_capital(fragment, evidence)
        if letter is None:
            return None
        why = f"OCR lost the drop capital: '{letter}{fragment}' is a word, '{fragment}' is not"
        below_fixed = None
    return letter + line, below_fixed, (f"{letter} | {fragment}", letter + fragment, why)


# In a page's kinds: the first text line of a block (after a blank line or at the top).
_BLOCK_START = re.compile(r"(?<![ti])t")
# A line that opens on a lower-case piece of a word.
_LOWER_CASE_START = re.compile(r"[a-z]+(?![^\W_])")
# A line that opens on a word in capitals, as a dateline does ("SHINGTON —").
_CAPITALS_START = re.compile(r"[A-Z]{3,}(?![^\W_])")
# A drop capital that OCR read at the start of the line below ("R nominee", "EF Jersey").
_LONE_CAPITALS = re.compile(r"([A-Z]{1,2}) (?=\S)")


def _restore_i_read_as_t(page: _PageLines, decisions: list[Decision]) -> _PageLines:
    """Put back the "I" that Tesseract reads as "T" right after an opening quote.

    Behind a quotation mark the serif "I" comes out as "T": "“T don’t", "“T’m",
    "“Tf", "“Tt’s".  Only forms that are no word behind a quote change: a lone "T"
    before a word in lower case or before "’m", "’ve", "’ll", "’d", and "Tf",
    "Tt", "Tn", "Ts", where "If", "It", "In", "Is" are among the commonest words.
    A "|" behind a quote before a word in lower case is an "I" too.

    >>> page = _PageLines.of("“T don’t think so,” he said.\\n“Tf not, “| went. “The end.”")
    >>> _restore_i_read_as_t(page, []).texts
    ['“I don’t think so,” he said.', '“If not, “I went. “The end.”']
    """
    why = "Tesseract reads an 'I' after an opening quote as 'T'"
    return _substitute_in_lines(page, _I_READ_AS_T, _i_for_t, "ocr-letter", why, decisions)


# A "T" for "I" behind an opening quote: alone before a lower-case word or an
# ending ("“T don’t", "“T’m"), or in a two-letter form that is no word ("“Tf");
# and a "|" for "I" there too ("\"| know").  A "|" elsewhere is as often a speck or a
# column rule as an "I" ("| the Tank Stream" in old newspapers).
_I_READ_AS_T = re.compile(
    r"(?<=[“\"‘])T(?:(?= [a-z])|(?=[’\'](?:m|ve|ll|d)\b)|[ftns]\b)|(?<=[“\"‘])\|(?= [a-z])"
)


def _i_for_t(match: re.Match) -> str:
    return "I" + match.group()[1:]


def _split_words_run_together(page: _PageLines, decisions: list[Decision]) -> _PageLines:
    """Split "ofa", "ina", "ofthe": a short word and "a" or "the" that OCR ran together.

    Tesseract loses the narrow space before "a" and "the" after the commonest
    short words.  The forms it makes are no English words (wordfreq knows them
    only as typing slips), so on an OCR page they are split.

    >>> _split_words_run_together(_PageLines.of("the appeal ofa man ina hurry"), []).texts
    ['the appeal of a man in a hurry']
    """
    why = "OCR ran a short word and 'a' or 'the' together"
    return _substitute_in_lines(page, _WORDS_RUN_TOGETHER, r"\1 \2", "ocr-space", why, decisions)


def _substitute_in_lines(
    page: _PageLines,
    pattern: re.Pattern,
    replacement: str | Callable[[re.Match], str],
    action: str,
    why: str,
    decisions: list[Decision],
) -> _PageLines:
    """The page with ``pattern`` replaced in every line it matches; a decision a line."""
    texts, numbers = page.texts, page.numbers
    edited = _PageEditor(page)
    for index, text in enumerate(texts):
        if not pattern.search(text):
            continue
        fixed = pattern.sub(replacement, text)
        decisions.append(Decision(action, numbers[index], text[:30], fixed[:30], why))
        edited.keep(index)
        edited.add(fixed, numbers[index])
        edited.skip(index + 1)
    return edited.done()


# "ofa", "ina", "ofthe": the commonest short words run together with "a" or "the"
# (not before a hyphen: "ina-" / "lind" is a piece of a cut word).
# ("fora", the plural of "forum", is a word; so it is not among them.)
_WORDS_RUN_TOGETHER = re.compile(
    r"(?<![^\W_])(of|in|as|to|on|at|and|is|with|by|from|was|has|that)(a|the)(?![^\W_]|-)"
)


def _lost_capital(fragment: str, evidence: WordEvidence) -> str | None:
    """The one capital that makes an unknown piece of a word a word ("onald": "D").

    >>> nothing = WordEvidence.from_text("")
    >>> _lost_capital("etired", nothing), _lost_capital("he", nothing), _lost_capital("onald", nothing)
    ('R', None, None)
    """
    if word_zipf(fragment) > 0 or evidence.seen(fragment) > 1:  # once: this line itself
        return None  # a word of its own: nothing is missing, or nothing can be told
    words = [c for c in string.ascii_uppercase if word_zipf(c + fragment) >= COMMON_WORD_ZIPF]
    written = [c for c in words if evidence.seen(c + fragment)]
    if len(written) == 1:
        return written[0]
    return words[0] if len(words) == 1 else None


def _lost_capitals(fragment: str, evidence: WordEvidence) -> str | None:
    """The one or two capitals that make a dateline's piece a word ("SHINGTON": "WA").

    >>> nothing = WordEvidence.from_text("")
    >>> _lost_capitals("SHINGTON", nothing), _lost_capitals("HOENIX", nothing)
    ('WA', 'P')
    >>> _lost_capitals("MHERST", nothing), _lost_capitals("SENATE", nothing)
    ('A', None)
    """
    if word_zipf(fragment) > 0 or evidence.seen(fragment) > 1:
        return None
    for length in (1, 2):
        prefixes = map("".join, itertools.product(string.ascii_uppercase, repeat=length))
        found = [p for p in prefixes if word_zipf(p + fragment) >= COMMON_WORD_ZIPF]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _drop_capital_is_a_word(letter: str, rest: str) -> bool:
    """Is a drop capital a word of its own ("A" / "union") rather than a word's start ("I" / "raqi")?

    >>> _drop_capital_is_a_word("I", "raqi Vice-President"), _drop_capital_is_a_word("A", "union")
    (False, True)
    """
    if rest.lstrip()[:1] in "“\"‘'":
        return True
    if letter not in "AI":
        return False
    if rest[:1] == " ":
        return True
    first = re.match(r"[^\W_]+", rest)
    if not first or first.group().isupper():
        return False  # "A" + "BSTRACT."
    if first.group()[0].isupper():
        return True  # "A" + "Republican staffer"
    # "A" + "union": "Aunion" is no word while "union" is; "I" + "raqi": the reverse.
    return word_zipf(letter + first.group()) < word_zipf(first.group())


def _set_apart_display_blocks(
    page: _PageLines, width: int, decisions: list[Decision]
) -> _PageLines:
    """Mark short blocks that are captions or headlines although OCR lost their indent.

    OCR gives a caption or a headline as a few lines of their own between blank
    lines.  A block ending in a photo credit ("(Reuters)") is a caption, and so is
    one that opens with a short label ("Hard sell. ...") and either names a photo's
    position ("(L)") or is set wider than the column.  A block of a few title-case
    words with no closing full stop, after a finished sentence and before a new
    one, is a headline; on a page with no indented lines at all (OCR), so is a
    sentence-case block of short lines.  Either becomes one display line.

    >>> page = _PageLines.of("ends here.\\n\\nMike Huckabee Is\\nRunning For\\n\\nThe former")
    >>> _set_apart_display_blocks(page, 30, []).texts
    ['ends here.', '', ' Mike Huckabee Is Running For', '', 'The former']
    """
    texts, numbers = page.texts, page.numbers
    edited = _PageEditor(page)
    for block in _SHORT_BLOCK.finditer(page.kinds):
        start, end = block.span()
        edited.keep(start)
        previous = next((t for t in reversed(edited.texts) if _kind_of(t) == "t"), None)
        kind = _display_block_kind(page, start, end, width, previous)
        if kind:
            text = " ".join(line.strip() for line in texts[start:end])
            why = "a short block of its own"
            decisions.append(Decision(kind, numbers[start], text[:40], "set apart", why))
            edited.add(" " + text, numbers[start])
            edited.skip(end)
    return edited.done()


# In a page's kinds: a block of one to six text lines with blank lines (or the
# page's start or end) around it.
_SHORT_BLOCK = re.compile(r"(?<![ti])t{1,6}(?![ti])")


def _join_wrapped_display_lines(page: _PageLines) -> _PageLines:
    """Join a caption or headline set on two display lines back into one.

    The second line continues the first when it starts in lower case, or when
    the first ends on a small word ("travel to" / "Indiana in wake of ...").

    >>> page = _PageLines.of(" Tough talk. Greene speaks to supporters\\n in Washington, on Sunday. (Reuters)")
    >>> _join_wrapped_display_lines(page).texts
    [' Tough talk. Greene speaks to supporters in Washington, on Sunday. (Reuters)']
    """
    if "ii" not in page.kinds:
        return page  # no two display lines in a row: nothing to join
    texts, numbers = page.texts, page.numbers
    edited = _PageEditor(page)
    for run in _DISPLAY_RUN.finditer(page.kinds):
        start, end = run.span()
        edited.keep(start + 1)  # the run's first line
        for text, number in zip(texts[start + 1 : end], numbers[start + 1 : end]):
            first, second = edited.texts[-1].rstrip(), text.strip()
            last_word = first.rsplit(None, 1)[-1] if first.strip() else ""
            continues = second[:1].islower() or (last_word.islower() and len(last_word) <= 4)
            if continues and not CAPTION_CREDIT.search(first) and len(second) > 1:
                edited.texts[-1] = f"{first} {second}"  # still set apart: first starts with " "
            else:
                edited.add(text, number)
        edited.skip(end)
    return edited.done()


# In a page's kinds: two display lines or more in a row.
_DISPLAY_RUN = re.compile("i{2,}")


def _display_block_kind(
    page: _PageLines, start: int, end: int, width: int, previous: str | None
) -> str | None:
    """ "caption-block", "headline-block" or None for the block of lines start to end.

    ``previous`` is the body line before the block (None at the page's top).
    """
    block = page.texts[start:end]
    # A full column line: body text cut by a column break, unless a caption.
    starts_full = 0.8 * width <= len(block[0].strip()) <= 1.2 * width
    if starts_full and len(block) > 4:
        return None  # a caption takes a few lines (a title may take up to six)
    text = " ".join(line.strip() for line in block)
    if len(block) <= 4 and len(text) < 250:
        if CAPTION_CREDIT.search(text) or _is_labelled_caption(block, width):
            return "caption-block"
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
    if "i" not in page.kinds and len(block) <= 3 and len(block[0]) > 1.5 * width:
        # OCR keeps no indent, but a title set across two columns reads as a line far
        # wider than the column; it may end on a quoted name's stop ("of ‘The 411.’").
        return "headline-block" if 4 <= len(words) <= 24 and not ends_sentence(block[0]) else None
    if (
        len(long_words) == len(words) == 1
        and opens_page
        and page.opens_with_drop_capital(following)
    ):
        # One word at the page's top, right before the drop capital: the title ("Untitled").
        return "headline-block" if words[0][0].isupper() and not CLAUSE_END.search(text) else None
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
    if CLAUSE_END.search(last) and not _INITIALISM_AT_END.search(last):
        return None
    if sum(word[0].isupper() for word in long_words) >= 0.75 * len(long_words):
        # A title ends on a capitalised word, not on "of" before a column break.
        return "headline-block" if words[-1].strip("“”‘’\"'()?!")[:1].isupper() else None
    if "i" in page.kinds:
        return None  # the page sets its titles apart with a leading space; this one is not
    # OCR drops that space.  Then a title in sentence case is told only by its shape:
    # two lines or more, each well short of the column (a title's type is larger), none
    # breaking at a comma or inside a word, and not ending on one of the commonest words
    # ("that", "by", "said"), where a column cuts a sentence.
    short_lines = all(len(line.strip()) < 0.8 * width for line in block)
    ends_on_a_word = last[-1:] != "-" and word_zipf(words[-1].strip(CLOSING_MARKS)) < 6.0
    if len(block) >= 2 and short_lines and "," not in inner_ends and ends_on_a_word:
        return "headline-block"
    return None


def _is_display(kind: str, text: str, width: int, narrow_columns: bool) -> bool:
    """A line set apart from the columns: indented by a space (its kind is "i"), or far
    wider than a column.

    Width only counts on a page that clearly has narrow columns (``narrow_columns``
    is False for short or wide text, where a long line is just a long line).
    """
    if kind != "t":
        return kind == "i"
    return narrow_columns and len(text.strip()) > 2 * width


def _has_caption_shape(text: str) -> bool:
    """A short label and a full stop ("Scene. ..."), or a photo credit such as "(L)".

    >>> _has_caption_shape("Geopolitical challenge. Russian President Vladimir Putin (L)")
    True
    >>> _has_caption_shape("GOP Smackdown: Rep. Labrador Enters The Race")
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
    return not ends_sentence(text) and _has_caption_shape(text)


def _looks_like_caption(text: str) -> bool:
    """A display line that is a caption rather than a headline: caption-shaped, or long."""
    return _has_caption_shape(text) or len(text) > 130


def _paragraph_ends(before: str, following: str | None, width: int, gap: _Gap) -> bool:
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


def ends_with_abbreviation(line: str) -> bool:
    """A line ending in a title such as "Mr." has not finished its sentence.

    >>> ends_with_abbreviation("of the Clinton proposals, Mr."), ends_with_abbreviation("it said.")
    (True, False)
    """
    if not line.rstrip().endswith("."):
        return False  # the common case: no full stop, no abbreviation
    last = line.rsplit(None, 1)[-1]
    if len(last) == 2 and last[0] in string.ascii_uppercase:
        return True  # a middle initial: "Representative Anthony D." / "Weiner"
    return last.rstrip(".") in TITLE_ABBREVIATIONS


def quote_is_open(text: str) -> bool:
    """Is a quotation opened in this text (a paragraph's lines so far) and not yet closed?

    >>> quote_is_open("“The real issue is governance."), quote_is_open("“No,” he said.")
    (True, False)
    """
    # Straight " and ' double as inch and foot marks (6'3"), so only paired marks count.
    # Sources mix marks (“…" is common), so a straight " counts as a closing mark.
    return text.count("“") > text.count("”") + text.count('"') or text.count("''") % 2 == 1


@dataclass(slots=True)
class _Gap:
    """What lies between two body lines: a blank line or not, and the paragraph before
    (the indices of its lines in ``texts``)."""

    blank: bool
    paragraph: list[int]
    texts: list[str]

    @property
    def quote_open(self) -> bool:
        """A blank line inside an open quotation (worked out only when it matters)."""
        return self.blank and quote_is_open(" ".join(map(self.texts.__getitem__, self.paragraph)))


def _group_into_articles(
    page: _PageLines, width: int, decisions: list[Decision], find_captions: bool
) -> list[_Article]:
    texts, numbers = page.texts, page.numbers
    articles = [_Article()]
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
            if CAPTION_CREDIT.search(text) if after_drop_capital else _looks_like_caption(text):
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
                articles.append(_Article())
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
        if find_captions and _is_display(kinds[index], text, width, narrow_columns):
            pending_display.append(index)
            continue
        if pending_display:
            resolve_display(index)
        if paragraph and previous_body is not None:
            gap = _Gap(blank_since_body, paragraph, texts)
            if _paragraph_ends(texts[previous_body], text, width, gap):
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


def _join_all_paragraphs(
    page: _PageLines,
    paragraphs: list[list[int]],
    evidence: WordEvidence,
    decisions: list[Decision],
    join_lost_hyphens: bool,
) -> list[str]:
    """Join each paragraph's lines (`reader.joining`), record the seams, tidy the spaces.

    A paragraph is the list of its lines' indices in ``page``.
    """
    texts, numbers = page.texts, page.numbers
    texts_of = [list(map(texts.__getitem__, paragraph)) for paragraph in paragraphs]
    joined, seams = join_paragraphs(texts_of, evidence, join_lost_hyphens)
    for index, seam in seams:
        number = numbers[paragraphs[index][seam.line]]
        decisions.append(Decision(seam.action, number, seam.before, seam.after, seam.evidence))
    return [
        _tidy_paragraph(text, numbers[paragraph[0]], decisions)
        for text, paragraph in zip(joined, paragraphs)
    ]


def _tidy_paragraph(text: str, number: int, decisions: list[Decision]) -> str:
    """A space before a glued opening quote, no OCR specks, single spaces."""
    if _has_glued_quote(text):
        for match in NO_SPACE_BEFORE_QUOTE.finditer(text):
            around = text[max(0, match.start() - 8) : match.end() + 8]
            why = "an opening quote glued to a word"
            decisions.append(Decision("space-before-quote", number, around, "“", why))
        text = NO_SPACE_BEFORE_QUOTE.sub(" “", text)
    if "_" in text:
        stray = OCR_STRAY_UNDERSCORE.search(text)
        if stray:
            around = text[max(0, stray.start() - 10) : stray.end() + 10]
            decisions.append(Decision("ocr-noise", number, around, "", "a lone '_' left by OCR"))
            text = OCR_STRAY_UNDERSCORE.sub("", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # nothing to tidy: split() and join() would give it back as it is
    return " ".join(text.split())


def _has_glued_quote(text: str) -> bool:
    """Is an opening quote glued to the word before it (NO_SPACE_BEFORE_QUOTE)?

    Looks only at the quotes: the regex's look-behind tries every position.

    >>> _has_glued_quote("called for“Russia’s"), _has_glued_quote("said “no”")
    (True, False)
    """
    quote = text.find("“", 1)
    while quote != -1:
        if text[quote - 1].isalnum():
            return True
        quote = text.find("“", quote + 1)
    return False


def iter_page_chunks(stream: IO[str], chunk_chars: int = 1_000_000) -> Iterator[str]:
    """Cut a long text into pieces of about ``chunk_chars`` at finished paragraphs.

    A piece ends only at a blank line after a finished sentence, so no sentence
    or word is cut in two; memory stays bounded whatever the file's size.

    >>> import io
    >>> text = "One line.\\n\\nNot finished\\n\\nyet.\\n\\nLast."
    >>> [len(piece) for piece in iter_page_chunks(io.StringIO(text), chunk_chars=5)]
    [10, 20, 6]
    """
    return _cut_at_paragraphs(iter(functools.partial(stream.read, chunk_chars), ""), chunk_chars)


def _cut_at_paragraphs(blocks: Iterable[str], chunk_chars: int) -> Iterator[str]:
    """The text of ``blocks`` (of any sizes) again, in pieces cut as `iter_page_chunks` cuts."""
    pending = ""  # read, not yet given out
    looked_to = 0  # the blank lines of pending before this offset were looked at
    for block in itertools.chain(blocks, [""]):
        pending += block
        cut = _chunk_end(pending, max(chunk_chars, looked_to))
        while cut is not None:
            yield pending[:cut]
            pending = pending[cut:]
            cut = _chunk_end(pending, chunk_chars)
        looked_to = pending.rfind("\n") + 1  # the last line may not be whole yet
    if pending:
        yield pending


# A blank line (spaces at most), read to its line end.
_BLANK_LINE = re.compile(r"^[^\S\n]*\n", re.MULTILINE)


def _chunk_end(text: str, at_least: int) -> int | None:
    """Where the first piece of ``text`` may end: the start of the first blank line
    at or after ``at_least`` whose last line with text before it ends a sentence."""
    for blank in _BLANK_LINE.finditer(text, at_least):
        end = blank.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1  # back over the blank lines to the last line with text
        if ends_sentence(text[text.rfind("\n", 0, end) + 1 : end]):
            return blank.start()
    return None


def clean_page_file_streaming(
    path: str,
    out: IO[str],
    as_json: bool = False,
    progress: Callable[[int], None] | None = None,
    *,
    explain: IO[str] | None = None,
    chunk_chars: int = 1_000_000,
    block_bytes: int = 2**20,
) -> Decoding:
    """Clean a very large page file piece by piece, writing as it goes (bounded memory).

    The file is read as `reader.pagefile.decode_page` reads a whole page, and cut
    into pieces of about ``chunk_chars`` characters at finished paragraphs.  An
    article may go on over a cut: with ``as_json`` it is written as one article,
    as when the page is cleaned whole.  ``explain``, if given, gets each decision
    as its piece is cleaned (line numbers in the whole page), then how the bytes
    were decoded.  ``progress``, if given, is called after each piece with the
    characters read so far.  Returns how the bytes were decoded; a `PageWarning`
    says what was not read as written.
    """
    try:
        decoding, pieces = iter_page_file(path, block_bytes)
    except PageError as error:
        raise PageError(f"{path}: {error}") from None
    articles = _ArticleWriter(out) if as_json else None
    first, done, lines_before = True, 0, 0
    for chunk in _cut_at_paragraphs(pieces, chunk_chars):
        result = clean_page(chunk)
        done += len(chunk)
        if progress is not None:
            progress(done)
        if explain is not None:
            for decision in result.decisions:
                decision.line += lines_before
                explain.write(decision.describe() + "\n")
            lines_before += chunk.count("\n") + chunk.count("\x0c")  # as normalise_text counts
        if articles is not None:
            articles.add(result.document.articles())
        elif result.document.text:
            out.write(("" if first else "\n\n") + result.document.text)
            first = False
        del result  # the piece's blocks and decisions go before the next piece is cleaned
    if articles is not None:
        articles.close()
    else:
        out.write("\n")
    if explain is not None:
        for decision in decoding_decisions(decoding):
            explain.write(decision.describe() + "\n")
    message = decoding.warning()
    if message:
        warnings.warn(PageWarning(f"{path}: {message}"), stacklevel=2)
    return decoding


class _ArticleWriter:
    """Writes the ``--json`` articles of a page cleaned piece by piece, one a line.

    A piece ends at a finished paragraph, which is not always an article's end:
    the first article of a piece goes on with the last one of the piece before,
    unless it opens with a headline (only a headline opens an article, see
    `_group_into_articles`).  So the last article stays open: its paragraphs are
    written as they come, and its captions, which come after the paragraphs,
    are kept until it closes.  A byline at the top of a piece that goes on with
    an article is one of its paragraphs, as it is in the page cleaned whole.
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.written = 0  # articles opened so far
        self.paragraphs = 0  # paragraphs written in the open article
        self.captions: list[str] = []  # of the open article
        out.write('{"articles": [')

    def add(self, articles: list[Article]) -> None:
        for index, article in enumerate(articles):
            paragraphs = article.paragraphs
            if index == 0 and self.written and article.headline is None:
                paragraphs = [article.byline, *paragraphs] if article.byline else paragraphs
            else:
                self._close_article()
                self.out.write(
                    ("," if self.written else "")
                    + f'\n  {{"headline": {_json(article.headline)}, "byline": '
                    + f'{_json(article.byline)}, "paragraphs": ['
                )
                self.written += 1
            for paragraph in paragraphs:
                self.out.write((", " if self.paragraphs else "") + _json(paragraph))
                self.paragraphs += 1
            self.captions += article.captions

    def _close_article(self) -> None:
        if self.written:
            self.out.write(f'], "captions": {_json(self.captions)}}}')
            self.paragraphs, self.captions = 0, []

    def close(self) -> None:
        self._close_article()
        self.out.write("\n]}\n")


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def decoding_decisions(decoding: Decoding) -> list[Decision]:
    """How a page's bytes were read, as ``--explain`` decisions (none for plain UTF-8).

    >>> from reader.pagefile import decode_page
    >>> for decision in decoding_decisions(decode_page(b"One\\nMaliki \\x93said\\x94 \\xe2\\x80\\x94").decoding):
    ...     print(decision.describe())
    line 2: decode: '0x93' -> '“'  (not UTF-8: read as Windows-1252)
    line 2: decode: '0x94' -> '”'  (not UTF-8: read as Windows-1252)
    >>> for decision in decoding_decisions(decode_page("Maliki".encode("utf-16")).decoding):
    ...     print(decision.describe())
    line 1: decode: 'bytes' -> 'UTF-16 LE'  (a byte-order mark)
    """
    encoding = decoding.encoding
    decisions = []
    if encoding.codec != "utf-8":
        decisions.append(Decision("decode", 1, "bytes", encoding.name, encoding.evidence))
    if decoding.stretch_count and not decoding.utf8_seen:
        # A page in Windows-1252 throughout: one decision, not one a character.
        why = (
            f"no UTF-8 character of more than one byte; {decoding.byte_count:,} bytes "
            f"{decoding.where()} are not UTF-8"
        )
        decisions.append(Decision("decode", decoding.lines[0], "bytes", WINDOWS_1252, why))
        return decisions
    for stretch in decoding.stretches:
        raw = " ".join(f"0x{byte:02x}" for byte in stretch.raw)
        why = f"not UTF-8: read as {WINDOWS_1252}"
        decisions.append(Decision("decode", stretch.line, raw, stretch.text, why))
    unlisted = decoding.stretch_count - len(decoding.stretches)
    if unlisted:
        last = decoding.last_line
        why = f"{unlisted:,} more stretches not UTF-8 up to here, each read as {WINDOWS_1252}"
        decisions.append(Decision("decode", last, "…", "…", why))
    if decoding.unreadable and not decoding.stretch_count:
        why = f"{decoding.unreadable:,} characters could not be read as {encoding.name}"
        decisions.append(Decision("decode", 1, "bytes", "\ufffd", why))
    return decisions
