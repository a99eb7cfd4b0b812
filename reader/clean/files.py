"""Clean a page file of any kind the kit reads: the one door every command goes through.

Plain text goes to `reader.clean.cleaner.clean_page`, as it always has; text
whose columns stand side by side, PDFs, scans and ALTO XML become positioned
words for the geometric cleaner (`reader.clean.geometry`); a saved web page is
read by `reader.sources.web`.  See `reader.sources` for how a kind is told.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from reader.clean.decisions import CleanResult
from reader.sources import file_kind


def clean_file(
    path: str | Path,
    *,
    skip: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> CleanResult:
    """Read and clean the page in ``path``; ``progress(done, total)`` hears of each page read.

    Raises `reader.clean.pagefile.PageError` (one line, for the command line) when
    the file cannot be read as the kind it is.
    """
    from reader.clean.pagefile import PageError, read_page

    source = None if str(path) == "-" else str(path)
    kind = file_kind(path)
    if kind == "html":
        from reader.sources.web import clean_web_page

        return clean_web_page(path, skip=skip)
    if kind == "text":
        return clean_text_page(read_page(path), source, skip=skip)
    from reader.clean.geometry import clean_positioned

    if kind == "pdf":
        from reader.sources.pdf import read_pdf

        return clean_positioned(read_pdf(path, progress=progress), source, skip=skip)
    if kind == "scan":
        from reader.sources.scan import read_scan

        return clean_positioned(read_scan(path), source, skip=skip)
    if kind == "alto":
        from reader.sources.alto import read_alto

        return clean_positioned(read_alto(path), source, skip=skip)
    if kind == "hocr":
        from reader.sources.hocr import read_hocr

        return clean_positioned(read_hocr(path), source, skip=skip)
    raise PageError(f"{path}: no reader for pages of kind {kind!r}")


def clean_text_page(
    text: str, source: str | None = None, *, skip: Collection[str] = ()
) -> CleanResult:
    """Clean a page's text; columns set side by side are read by where their words stand."""
    from reader.clean.cleaner import clean_page
    from reader.sources.columns import side_by_side_pages

    pages = side_by_side_pages(text)
    if pages is None:
        return clean_page(text, source=source, skip=skip)
    from reader.clean.geometry import clean_positioned

    return clean_positioned(pages, source, skip=skip)
