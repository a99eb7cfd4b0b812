"""hOCR (``.hocr``, or ``.html`` that is hOCR) read into positioned words.

hOCR is the HTML that Tesseract (``tesseract page.png out hocr``), OCRopus and
kraken write: an ``ocr_page`` with its ``bbox``, areas (``ocr_carea``),
paragraphs (``ocr_par``), lines (``ocr_line``, and Tesseract's ``ocr_header``,
``ocr_caption``, ``ocr_textfloat``) and words (``ocrx_word``, confidence in
``x_wconf``), each box in the element's ``title``.  The words come out as
`reader.sources.scan` gives them for the same image: ``block`` is the paragraph
(the area, where there is no paragraph), ``line`` the line, both numbered from 0
within the page, ``size`` the line's height as its font makes it
(`reader.sources.scan.line_size`), in pixels (``unit="px"``); a word
set in ``<strong>`` or ``<em>`` is bold or italic.

The file is read by lxml's HTML parser with the network off, one page at a
time; a file with no ``ocr_page`` is not hOCR and gets a one-line `PageError`.

>>> page = page_of_hocr_text('''<html><body>
... <div class="ocr_page" title="image x.png; bbox 0 0 1650 2550; ppageno 0">
...  <div class="ocr_carea"><p class="ocr_par">
...   <span class="ocr_line" title="bbox 80 76 314 89; x_size 16">
...    <span class="ocrx_word" title="bbox 80 76 184 88; x_wconf 96">NORTHFIELD</span>
...    <span class="ocrx_word" title="bbox 191 76 263 88; x_wconf 95"><strong>POST</strong></span>
... </span></p></div></div></body></html>''')
>>> page.width, [(w.text, w.x0, w.size, w.confidence, w.bold) for w in page.words]
(1650.0, [('NORTHFIELD', 80.0, 15.4, 96.0, False), ('POST', 191.0, 15.4, 95.0, True)])
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from reader.clean.pagefile import PageError
from reader.sources.model import PositionedPage, Word
from reader.sources.scan import require_file, with_capitals_mended, with_line_sizes

LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"})
BLOCK_CLASSES = ("ocr_par", "ocr_carea", "ocrx_block")  # the nearest of these is the block
_HTML_PARSING = {"html": True, "no_network": True, "huge_tree": False, "remove_comments": True}


def read_hocr(path: str | Path) -> Iterator[PositionedPage]:
    """The pages of an hOCR file, read one ``ocr_page`` at a time."""
    file = require_file(path, "hOCR")
    return _checked_pages(file, etree.iterparse(str(file), events=("end",), **_HTML_PARSING))


def page_of_hocr_text(text: str) -> PositionedPage:
    """The first page of hOCR given as text (for examples and tests)."""
    events = etree.iterparse(io.BytesIO(text.encode("utf-8")), events=("end",), **_HTML_PARSING)
    return next(_checked_pages("<text>", events))


def _checked_pages(name, events) -> Iterator[PositionedPage]:
    pages = _pages(name, events)
    first = next(pages, None)  # so that a file that is not hOCR is told at once
    if first is None:
        raise PageError(
            f"{name} is not hOCR (no element of class ocr_page); "
            "hOCR is what tesseract PAGE.png OUT hocr writes"
        )

    def all_pages() -> Iterator[PositionedPage]:
        yield first
        yield from pages

    return all_pages()


def _pages(name, events) -> Iterator[PositionedPage]:
    number = 0
    try:
        for _, element in events:
            if "ocr_page" in _classes(element):
                number += 1
                yield _page(element, number)
                element.clear()
    except etree.XMLSyntaxError as error:  # the HTML parser gives up only on the hopeless
        raise PageError(f"{name} cannot be read as HTML: {' '.join(str(error).split())}") from None
    except OSError as error:
        raise PageError(f"{name}: {error}") from None


def _page(element, number: int) -> PositionedPage:
    words: list[Word] = []
    blocks: dict[etree._Element, int] = {}
    line_number = 0
    for line in element.iter():
        if not _classes(line) & LINE_CLASSES:
            continue
        line_box = _bbox(line)
        block_element = _block_of(line, element)
        found = False
        for span in line.iter():
            if "ocrx_word" not in _classes(span):
                continue
            word = _word(span, line_box)
            if word is None:
                continue
            block = (
                blocks.setdefault(block_element, len(blocks)) if block_element is not None else -1
            )
            words.append(_with_place(word, line_number, block))
            found = True
        line_number += found
    words = with_capitals_mended(with_line_sizes(words))
    box = _bbox(element)
    return PositionedPage(
        number=number,
        width=box[2] if box else max((w.x1 for w in words), default=0.0),
        height=box[3] if box else max((w.bottom for w in words), default=0.0),
        words=words,
        unit="px",
    )


def _word(span, line_box: tuple[float, float, float, float] | None) -> Word | None:
    text = " ".join("".join(span.itertext()).split())
    box = _bbox(span)
    if not text or box is None:
        return None
    properties = _title(span)
    confidence = None
    if "x_wconf" in properties:
        try:
            confidence = min(100.0, max(0.0, float(properties["x_wconf"][0])))
        except (ValueError, IndexError):
            confidence = None
    tags = {child.tag for child in span.iter() if isinstance(child.tag, str)}
    x0, top, x1, bottom = box
    return Word(
        text,
        x0=x0,
        top=top,
        x1=x1,
        bottom=bottom,
        size=(line_box[3] - line_box[1]) if line_box else bottom - top,
        bold=bool(tags & {"strong", "b"}),
        italic=bool(tags & {"em", "i"}),
        confidence=confidence,
    )


def _with_place(word: Word, line: int, block: int) -> Word:
    from dataclasses import replace

    return replace(word, line=line, block=block)


def _block_of(line, page):
    for ancestor in line.iterancestors():
        if ancestor is page:
            return None
        if _classes(ancestor) & set(BLOCK_CLASSES):
            return ancestor
    return None


def _classes(element) -> set[str]:
    if not isinstance(element.tag, str):
        return set()
    return set((element.get("class") or "").split())


def _title(element) -> dict[str, list[str]]:
    """hOCR's ``title`` properties: ``"bbox 1 2 3 4; x_wconf 96"`` -> {"bbox": [...], ...}.

    >>> _title(etree.fromstring('<span title="bbox 1 2 3 4; x_wconf 96"/>'))
    {'bbox': ['1', '2', '3', '4'], 'x_wconf': ['96']}
    """
    properties: dict[str, list[str]] = {}
    for part in (element.get("title") or "").split(";"):
        tokens = part.split()
        if tokens:
            properties[tokens[0]] = tokens[1:]
    return properties


def _bbox(element) -> tuple[float, float, float, float] | None:
    values = _title(element).get("bbox", [])
    try:
        x0, top, x1, bottom = (float(value) for value in values)
    except ValueError:
        return None
    if x1 < x0 or bottom < top:
        return None
    return (x0, top, x1, bottom)
