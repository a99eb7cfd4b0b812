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
['page-kind', 'join-drop-capital', 'join-word', 'space-before-quote']

How the page is read, in order:
1. each line is sorted: body text, blank, a *display* line (set apart by a
   leading space or far wider than the column: captions and headlines), or a
   drop capital; on OCR text, which keeps no indent, a paragraph read across
   columns instead of down is put back in order (`reader.clean.reading_order`), and a
   drop capital read on the line below its word, set apart from it ("T he"), or
   lost, is put back when the word tells which it is;
2. display lines are told apart by where they stand: one right before an
   article's opening (a drop capital, or a new sentence after a finished one)
   is a headline, the others are captions;
3. body lines are grouped into paragraphs; a blank line ends a paragraph only
   when the sentence before it is finished (a full stop on a line shorter than
   the column, or a new sentence after it), otherwise it is a column break;
4. the lines of each paragraph are joined (`reader.clean.hyphens`) and tidied.

Each repair is named in `reader.clean.repairs.REPAIRS` (the action of its
decisions), and can be switched off: ``clean_page(text, skip={"join-word"})``.

Text that is already clean (one paragraph a line, blank lines between) comes
out unchanged, so cleaning the cleaner's own output changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from reader._gc import collector_paused
from reader.clean.clean_text import clean_text_document, looks_clean
from reader.clean.decisions import CleanResult, Decision
from reader.clean.display import join_wrapped_display_lines, set_apart_display_blocks
from reader.clean.drop_capitals import (
    has_drop_capital_line,
    join_drop_capitals,
    restore_ocr_drop_capitals,
)
from reader.clean.hyphens import WordEvidence
from reader.clean.lines import PageLines
from reader.clean.ocr import (
    put_paragraphs_in_reading_order,
    restore_i_read_as_t,
    split_words_run_together,
)
from reader.clean.page_kind import page_kind
from reader.clean.paragraphs import group_into_articles
from reader.clean.repairs import repairs_to_skip
from reader.clean.tidy import join_all_paragraphs
from reader.document import Document


def normalise_text(text: str) -> str:
    """Line ends to ``\\n``, tabs to spaces, byte-order marks and NUL removed.

    >>> normalise_text("\\ufeffOne\\r\\nTwo\\tthree\\r")
    'One\\nTwo three\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.replace("\t", " ").replace("\x00", "").replace("\x0c", "\n")


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
    skip: Collection[str] = (),
) -> CleanResult:
    """Clean a page's text into a `Document` of articles; see the module docstring.

    ``skip`` names repairs of `reader.clean.repairs.REPAIRS` not to make, or rules
    (`reader.clean.repairs.RULES`) not to ask (an unknown name is a `ValueError`
    listing the names).  ``join_lost_hyphens=False`` is
    ``skip={"join-lost-hyphen"}``; ``find_captions=False`` keeps captions and
    headlines in the body as well.

    >>> clean_page("Nuri al-Ma-\\nliki spoke.", skip={"join-word"}).document.text
    'Nuri al-Ma-liki spoke.'
    """
    skip = repairs_to_skip(skip)
    if not join_lost_hyphens:
        skip |= {"join-lost-hyphen"}
    with collector_paused():  # a line, a decision: many objects, no cycles (reader._gc)
        return _clean_page(text, source, find_captions, skip)


def _clean_page(
    text: str, source: str | None, find_captions: bool, skip: frozenset[str]
) -> CleanResult:
    text = normalise_text(text)
    if looks_clean(text):
        why = "one paragraph a line and no column's marks: the text stays as it is"
        decisions = [Decision("page-kind", 1, "page", "clean text", why)]
        return CleanResult(clean_text_document(text.strip("\n"), source), decisions)
    decisions: list[Decision] = []
    page = PageLines.of(text)
    if has_drop_capital_line(text) and "join-drop-capital" not in skip:
        page = join_drop_capitals(page, decisions)
    kind = page_kind(page)
    decisions.insert(0, kind.decision())
    evidence = WordEvidence.from_text(text)
    if kind.ocr:  # OCR may misread the page's layout, and its letters
        if "reading-order" not in skip:
            page = put_paragraphs_in_reading_order(page, evidence, decisions)
        page = restore_ocr_drop_capitals(page, evidence, decisions, skip)
        if "i-read-as-t" not in skip:
            page = restore_i_read_as_t(page, decisions)
        if "words-run-together" not in skip:
            page = split_words_run_together(page, decisions)
    width = column_width(page.body_texts())
    if find_captions:
        if "display-block" not in skip:
            page = set_apart_display_blocks(page, width, decisions, kind.ocr, skip)
        if "join-display-lines" not in skip:
            page = join_wrapped_display_lines(page, decisions)
    articles = group_into_articles(page, width, decisions, find_captions, skip)
    all_paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
    joined = iter(join_all_paragraphs(page, all_paragraphs, evidence, decisions, skip))
    parts: list[tuple[str, str, int]] = []  # (kind, text, article), in reading order
    for index, article in enumerate(articles):
        if article.headline:
            parts.append(("headline", article.headline, index))
        if article.byline:
            parts.append(("byline", article.byline, index))
        parts += [("paragraph", next(joined), index) for _ in article.paragraphs]
        parts += [("caption", caption, index) for caption in article.captions]
    return CleanResult(Document.from_parts(parts, source=source), decisions)
