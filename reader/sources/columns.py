"""Text whose columns stand side by side (placeholder until the detector lands)."""

from __future__ import annotations

from reader.sources.model import PositionedPage


def side_by_side_page(text: str) -> PositionedPage | None:
    return None
