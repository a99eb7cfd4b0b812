"""reader: a reading kit for news pages that come out of OCR or a PDF text layer.

The pipeline, one module per stage: `clean` (clean a page into a `Document`),
`actors`, `quotes`, `framing`, `annotations`, `export`, and `widgets` for notebooks.
"""

from pathlib import Path

from reader.clean.pagefile import PageError, read_page
from reader.document import Article, Block, Document

__all__ = ["Article", "Block", "Document", "PageError", "load_document", "read_page", "SAMPLE_PAGE"]
__version__ = "0.1.0"

# The sample page that ships with the kit (present in a checkout, not in a wheel).
SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "texts" / "arab-weekly-maliki-russia.txt"


def load_document(path: str | Path) -> Document:
    """Read a page file of any kind the kit reads and clean it: the `Document` every
    later stage works on (see `reader.clean.files.clean_file`)."""
    from reader.clean.files import clean_file

    return clean_file(path).document
