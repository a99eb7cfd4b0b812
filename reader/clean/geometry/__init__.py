"""The geometric cleaner: from positioned words (`reader.sources.model`) to articles.

Where the plain-text cleaner must guess a page's layout from line lengths and
blank lines, positioned words show it: columns are the gaps no word covers,
headlines and captions have their own size and weight, page furniture stands at
the same place on every page.  `clean_positioned` reads them and makes the same
`Document` as `reader.clean.cleaner.clean_page`, with a `Decision` for each
geometric reading (its evidence in the page's own unit) and a `Region` for each
piece of a block, so that a picture can outline it.

The modules, in the order a page goes through them: `measure` (the page's body
type, the yardstick of every distance), `lines` (words into lines; a scan's skew),
`capitals` (drop capitals), `columns` (cuts into pieces in reading order),
`roles` (headline, deck, byline, body, caption, pull quote, furniture),
`paragraphs` (where a paragraph starts), `page` (one page into runs) and
`articles` (runs into articles, across pages).  Line-end hyphens are joined or
kept by the plain cleaner's word evidence (`reader.clean.hyphens`).

A geometric decision's ``line`` is the number of the page it was read on (its
evidence gives the place in the page's unit); a hyphen's is its article's index.

>>> from reader.sources.model import PositionedPage, Word
>>> words = [Word("Rain", 0, 100, 60, 124, size=24, bold=True),
...          Word("It", 0, 130, 8, 139, size=9), Word("rained", 11, 130, 40, 139, size=9)]
>>> result = clean_positioned([PositionedPage(1, 300, 400, words)])
>>> [(b.kind, b.text) for b in result.document.blocks]
[('headline', 'Rain'), ('paragraph', 'It rained')]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from reader.clean.decisions import CleanResult, Decision
from reader.clean.geometry.articles import Article, Articles
from reader.clean.geometry.page import Run, read_page
from reader.clean.hyphens import WordEvidence, join_paragraphs
from reader.clean.ocr import i_for_t
from reader.document import Document
from reader.sources.model import PositionedPage


def clean_positioned(
    pages: Iterable[PositionedPage],
    source: str | None = None,
    *,
    skip: Collection[str] = (),
) -> CleanResult:
    """Clean positioned pages, read one at a time, into a `Document` of articles.

    ``skip`` names repairs of `reader.clean.repairs.REPAIRS` not to make (the
    geometric readings among them: ``column-gap``, ``headline-by-size`` ...).
    """
    from reader.clean.repairs import repairs_to_skip

    skip = repairs_to_skip(skip)
    book = Articles(skip=skip)
    decisions: list[Decision] = []
    ocr = False
    for page in pages:
        ocr = ocr or any(word.confidence is not None for word in page.words)
        runs, found, _ = read_page(page, skip)
        decisions += found
        _add_page(book, runs)
    articles = book.finish()
    decisions += book.decisions
    document, seams = _document(articles, source, ocr, skip)
    return CleanResult(document, decisions + seams, regions=book.regions)


def _add_page(book: Articles, runs: list[Run]) -> None:
    first_body = True
    for index, run in enumerate(runs):
        first_on_page = False
        if run.role == "headline":
            first_body = False
        elif run.role == "paragraph" and first_body:
            first_on_page, first_body = bool(book.articles), False
        book.add(run, first_on_page=first_on_page, has_body_after=_body_after(runs, index))


def _body_after(runs: list[Run], index: int) -> bool:
    """Does body text (a byline, a deck or a paragraph) follow this run before the next headline?"""
    for run in runs[index + 1 :]:
        if run.role in ("paragraph", "byline", "deck"):
            return True
        if run.role == "headline":
            return False
    return False


def _document(
    articles: list[Article], source: str | None, ocr: bool, skip: Collection[str]
) -> tuple[Document, list[Decision]]:
    """The articles' blocks as one `Document`, their line ends joined by word evidence."""
    units: list[tuple[str, int, list[str]]] = []
    for number, article in enumerate(articles):
        if article.headline:
            units.append(("headline", number, article.headline))
        if article.byline:
            units.append(("byline", number, article.byline))
        units += [("paragraph", number, lines) for lines in article.paragraphs]
        units += [("caption", number, lines) for lines in article.captions]
    every_line = "\n".join(line for _, _, lines in units for line in lines)
    evidence = WordEvidence.from_text(every_line)
    texts, seams = join_paragraphs([lines for _, _, lines in units], evidence, ocr, skip)
    parts = [(kind, _tidy(kind, text), number) for (kind, number, _), text in zip(units, texts)]
    decisions = [
        Decision(seam.action, units[index][1], seam.before, seam.after, seam.evidence)
        for index, seam in seams
    ]
    if ocr and "i-read-as-t" not in skip:
        parts = [
            (kind, _i_read_as_t(text, number, decisions), number) for kind, text, number in parts
        ]
    return Document.from_parts(parts, source=source), decisions


def _i_read_as_t(text: str, article: int, decisions: list[Decision]) -> str:
    """The block with the "I"s Tesseract read as "T" behind a quote put back (`ocr.i_for_t`)."""
    fixed = i_for_t(text)
    if fixed != text:
        why = "Tesseract reads an 'I' after an opening quote as 'T'"
        at = next(i for i, (a, b) in enumerate(zip(text, fixed)) if a != b)
        decisions.append(
            Decision("i-read-as-t", article, text[at - 1 : at + 8], fixed[at - 1 : at + 8], why)
        )
    return fixed


def _tidy(kind: str, text: str) -> str:
    """A deck after its headline's "; "; a byline set in capitals in the case of a name.

    >>> _tidy("headline", "Rain ; at last"), _tidy("byline", "BY SAMUEL BROOKS")
    ('Rain; at last', 'By Samuel Brooks')
    """
    text = text.replace(" ; ", "; ")
    if kind == "byline" and text.isupper():
        text = text.title()
    return text
