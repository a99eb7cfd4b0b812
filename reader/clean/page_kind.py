"""Is the page OCR or a PDF's text layer?  Decided once, from the page's indents.

A text layer keeps the printed page's indents: a caption or a headline set apart
from the columns starts with a space.  OCR keeps none, and misreads things a text
layer never does (lines read across columns, a drop capital read apart from its
word, "T" for "I"), so the repairs of those run only on a page with no indented line.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.clean.decisions import Decision
from reader.clean.lines import PageLines


@dataclass(frozen=True, slots=True)
class PageKind:
    """What kind of page this is, and why it is taken to be one."""

    ocr: bool
    evidence: str

    @property
    def name(self) -> str:
        return "OCR" if self.ocr else "text layer"

    def decision(self) -> Decision:
        """The page kind as the first decision of ``--explain``."""
        return Decision("page-kind", 1, "page", self.name, self.evidence)


def page_kind(page: PageLines) -> PageKind:
    """OCR when no line of the page is set apart by a leading space, else a text layer.

    Read after the drop capitals are joined: a drop capital (" I ") is indented too.

    >>> page_kind(PageLines.of("Body line\\n A caption\\nmore body"))
    PageKind(ocr=False, evidence='1 of 3 lines set apart by a leading space')
    >>> page_kind(PageLines.of("Body line\\n\\nmore body")).evidence
    'no line indented among 2'
    """
    kinds = page.kinds
    indented = kinds.count("i")
    with_text = len(kinds) - kinds.count("b")
    if indented:
        return PageKind(False, f"{indented:,} of {with_text:,} lines set apart by a leading space")
    return PageKind(True, f"no line indented among {with_text:,}")
