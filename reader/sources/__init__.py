"""Pages that are not plain text: PDFs, scans, archive ALTO XML and saved web pages.

`source_kind` tells a file's kind by its first bytes and then its name; each
kind has one reader module here that turns the file into positioned words
(`reader.sources.model`) or, for a web page, straight into articles:

========  ==========================  ===============================================
kind      files                        reader
========  ==========================  ===============================================
pdf       ``.pdf``                     `reader.sources.pdf` (pdfplumber; Tesseract when
                                       a page has no text layer)
scan      ``.png .jpg .jpeg .tif``     `reader.sources.scan` (Tesseract)
alto      ``.xml`` with ``<alto>``     `reader.sources.alto` (lxml, entities off)
hocr      ``.hocr``, ``.html`` hOCR    `reader.sources.hocr` (lxml)
html      ``.html .htm``               `reader.sources.web` (trafilatura)
text      anything else                `reader.clean.pagefile`; side-by-side columns
                                       are read as positioned words
                                       (`reader.sources.columns`)
========  ==========================  ===============================================

>>> source_kind("page.PDF"), source_kind("scan.tif"), source_kind("page.txt")
('pdf', 'scan', 'text')
"""

from __future__ import annotations

from pathlib import Path

SUFFIX_KINDS: dict[str, str] = {
    ".pdf": "pdf",
    ".png": "scan",
    ".jpg": "scan",
    ".jpeg": "scan",
    ".tif": "scan",
    ".tiff": "scan",
    ".xml": "alto",
    ".alto": "alto",
    ".hocr": "hocr",
    ".html": "html",
    ".htm": "html",
}

# First bytes that tell a kind whatever the file is called.
MAGIC_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "scan"),
    (b"\xff\xd8\xff", "scan"),
    (b"II*\x00", "scan"),
    (b"MM\x00*", "scan"),
)


def source_kind(path: str | Path, head: bytes = b"") -> str:
    """The kind of page a file holds: by its first bytes ``head`` when they tell, else its name.

    >>> source_kind("noname", head=b"%PDF-1.7 ...")
    'pdf'
    >>> source_kind("-")
    'text'
    """
    for magic, kind in MAGIC_KINDS:
        if head.startswith(magic):
            return kind
    return SUFFIX_KINDS.get(Path(str(path)).suffix.lower(), "text")


def page_files(folder: str | Path) -> list[Path]:
    """The pages in a folder, one a name, in name order: a page's clean ``.txt`` (what
    ``reader new-page`` writes) stands for the original kept beside it.

    Files of other kinds (``.json``, ``.csv``, ``.md``) are not pages; ``.txt`` and
    every suffix of `SUFFIX_KINDS` are.
    """
    pages: dict[str, Path] = {}
    for path in sorted(Path(folder).iterdir()):
        suffix = path.suffix.lower()
        if not path.is_file() or (suffix != ".txt" and suffix not in SUFFIX_KINDS):
            continue
        name = path.name.split(".")[0]
        if name not in pages or suffix == ".txt":
            pages[name] = path
    return [pages[name] for name in sorted(pages)]


def file_kind(path: str | Path) -> str:
    """The kind of page in the file ``path`` (``-``, standard input, is text)."""
    return source_kind(path, _first_bytes(path))


def _first_bytes(path: str | Path, size: int = 16) -> bytes:
    if str(path) == "-":
        return b""
    try:
        with open(path, "rb") as stream:
            return stream.read(size)
    except OSError:
        return b""  # the reader reports why, in one line
