"""The geometric cleaner: from positioned words (`reader.sources.model`) to articles.

Where the plain-text cleaner must guess a page's layout from line lengths and
blank lines, positioned words show it: columns are the gaps no word covers,
headlines and captions have their own size and weight, page furniture stands at
the same place on every page.  `clean_positioned` reads them and makes the same
`Document` as `reader.clean.cleaner.clean_page`, with a `Decision` for each
geometric reading (its evidence in the page's own unit) and a `Region` for each
block, so that a picture can outline it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from reader.clean.decisions import CleanResult
from reader.sources.model import PositionedPage


def clean_positioned(
    pages: Iterable[PositionedPage],
    source: str | None = None,
    *,
    skip: Collection[str] = (),
) -> CleanResult:
    """Clean positioned pages, read one at a time, into a `Document` of articles."""
    raise NotImplementedError("the geometric cleaner is being written (issue 18)")
