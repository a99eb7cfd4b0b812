"""A PDF's pages as positioned words, with pdfplumber (MIT), one page at a time.

Each word keeps its box in points, its font size, and whether its font is bold or
italic (told by the font's name: "Liberation-Sans-Bold", "DejaVuSerif-Italic").
A page whose text layer is empty but which shows something (a scanned page) is
rendered with pypdfium2 and read by Tesseract (`reader.sources.scan`).  Pages are
read one by one and each page's cache is flushed after it, so memory stays flat
on a 500-page file.

>>> font_style("NZDDWO+Liberation-Sans-Bold"), font_style("Times-BoldItalic")
((True, False), (True, True))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from reader.clean.pagefile import PageError
from reader.sources.model import PositionedPage, Word

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC_FONT = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
# Tesseract reads a rendered page best at about 200-300 dpi; a PDF point is 1/72 inch.
OCR_DPI = 200
PAGES_PER_OPEN = 20


@lru_cache(maxsize=1)
def _pdf_errors() -> tuple[type[BaseException], ...]:
    """What pdfplumber and pdfminer raise for a file that is not a sound PDF: their own
    errors, and the plain ones their parsers let through on damaged bytes."""
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return (PdfminerException, PDFException, PSException, ValueError, KeyError, TypeError)


def font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) as a PDF font's name says, without its subset prefix ("ABCDEF+")."""
    name = fontname.split("+", 1)[-1]
    return bool(BOLD_FONT.search(name)), bool(ITALIC_FONT.search(name))


def read_pdf(
    path: str | Path, *, progress: Callable[[int, int], None] | None = None
) -> Iterator[PositionedPage]:
    """Yield each page of the PDF at ``path`` as a `PositionedPage` in points.

    The file is opened afresh for every `PAGES_PER_OPEN` pages: pdfminer keeps every
    object and font it has parsed for as long as the file is open, which on a
    200-page file grew the memory by 50 MB; reopened, it stays that of a few pages.

    Raises `PageError` (one line) for a file that is not a PDF, is damaged, or is
    encrypted with a password.
    """
    with _open_pdf(path, None) as pdf:
        total = _page_count(pdf, path)
    for first in range(1, total + 1, PAGES_PER_OPEN):
        numbers = list(range(first, min(first + PAGES_PER_OPEN, total + 1)))
        with _open_pdf(path, numbers) as pdf:
            for number, page in zip(numbers, _pages(pdf, path)):
                try:
                    read = _page_words(page, number)
                except _pdf_errors() as error:  # a damaged content stream on this page
                    raise PageError(_pdf_error(path, error, number)) from None
                finally:
                    page.close()  # flushes the page's layout cache
                if progress is not None:
                    progress(number, total)
                yield read


def _open_pdf(path: str | Path, numbers: list[int] | None):
    import pdfplumber

    try:
        return pdfplumber.open(str(path), pages=numbers)
    except FileNotFoundError:
        raise PageError(f"{path}: no such file") from None
    except _pdf_errors() as error:
        raise PageError(_pdf_error(path, error)) from None


def _pages(pdf, path: str | Path) -> list:
    try:
        return pdf.pages
    except _pdf_errors() as error:  # a broken page tree, or a password
        raise PageError(_pdf_error(path, error)) from None


def _page_count(pdf, path: str | Path) -> int:
    return len(_pages(pdf, path))


def _pdf_error(path: str | Path, error: Exception, page: int | None = None) -> str:
    """One line for a PDF that cannot be read, naming encryption where that is why."""
    name = type(error).__name__
    detail = str(error).splitlines()[0] if str(error) else name
    where = f" (page {page})" if page else ""
    if "Password" in name or "Encrypt" in name or "password" in detail.lower():
        return f"{path}: the PDF is encrypted with a password; save an unprotected copy first"
    return f"{path}: not a readable PDF{where}: {detail[:120]}"


def _page_words(page, number: int) -> PositionedPage:
    """One pdfplumber page as positioned words; Tesseract when it has no text layer."""
    words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
    width, height = float(page.width), float(page.height)
    if not words and (page.images or page.rects or page.curves):
        return _read_by_ocr(page, number)
    return PositionedPage(
        number=number,
        width=width,
        height=height,
        words=[_word(w) for w in words if w["text"].strip()],
        unit="pt",
    )


def _word(raw: dict) -> Word:
    bold, italic = font_style(raw.get("fontname", ""))
    return Word(
        raw["text"],
        x0=float(raw["x0"]),
        top=float(raw["top"]),
        x1=float(raw["x1"]),
        bottom=float(raw["bottom"]),
        size=float(raw.get("size") or 0.0),
        bold=bold,
        italic=italic,
    )


def _read_by_ocr(page, number: int) -> PositionedPage:
    """Render a page with no text layer and read it with Tesseract (`reader.sources.scan`)."""
    import pypdfium2

    from reader.sources.scan import ocr_page_image

    document = pypdfium2.PdfDocument(page.pdf.stream)
    try:
        image = document[number - 1].render(scale=OCR_DPI / 72).to_pil()
    finally:
        document.close()
    image.info["dpi"] = (OCR_DPI, OCR_DPI)  # Tesseract reads type sizes better knowing it
    return in_points(ocr_page_image(image, number), 72 / OCR_DPI)


def in_points(page: PositionedPage, points_per_pixel: float) -> PositionedPage:
    """A page read in pixels, measured in points like the PDF's other pages.

    >>> page = PositionedPage(1, 300, 150, [Word("Rain", 30, 15, 90, 45, size=30)], unit="px")
    >>> moved = in_points(page, 72 / 150)
    >>> moved.unit, moved.width, round(moved.words[0].x1, 2), round(moved.words[0].size, 2)
    ('pt', 144.0, 43.2, 14.4)
    """

    def scaled(word: Word) -> Word:
        return replace(
            word,
            x0=word.x0 * points_per_pixel,
            top=word.top * points_per_pixel,
            x1=word.x1 * points_per_pixel,
            bottom=word.bottom * points_per_pixel,
            size=word.size * points_per_pixel,
        )

    return PositionedPage(
        number=page.number,
        width=page.width * points_per_pixel,
        height=page.height * points_per_pixel,
        words=[scaled(word) for word in page.words],
        unit="pt",
    )
