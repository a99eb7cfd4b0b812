"""Where a paragraph starts among a column's lines: an indent, a gap, a short line before.

In a justified column every line but a paragraph's last reaches the right edge,
so a short line ending a sentence closes its paragraph; an indented first line
opens one; a gap wider than the column's leading stands between two.  Measured
in the page's body line height and character width, so points, pixels and
character cells read alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.clean.geometry.lines import Line
from reader.clean.geometry.measure import Scale

INDENT_EMS = 0.5
INDENT_CHARS = 1.5
MOST_INDENT_EMS = 6.0
SHORT_LINE_CHARS = 3.0
# A gap between paragraphs, over the usual lead, in line pitches: OCR's boxes hug the
# letters, so its leads wander by a quarter of a line and only half a line tells; a
# text layer's lines stand exactly, so a third of a line there is set on purpose.
GAP_PITCH = 0.5
TEXT_LAYER_GAP_PITCH = 0.3
JUSTIFIED_SHARE = 0.6
SENTENCE_END = tuple('.!?:"”’)')


def indent_of(line: Line, left: float, scale: Scale) -> str | None:
    """The indent of a line that opens a paragraph, described, or None."""
    indent = line.indent_x0 - left
    least = max(INDENT_EMS * scale.em, INDENT_CHARS * scale.char)
    if least <= indent <= MOST_INDENT_EMS * scale.em:
        return f"indent {indent:.3g} ({indent / scale.em:.1f} em)"
    return None


def is_justified(lines: Sequence[Line], right: float, scale: Scale) -> bool:
    """Do most lines of the column (its last aside) reach its right edge?"""
    body = lines[:-1]
    if len(body) < 2:
        return False
    full = sum(right - line.x1 <= SHORT_LINE_CHARS * scale.char for line in body)
    return full >= JUSTIFIED_SHARE * len(body)


def ends_short(line: Line, right: float, scale: Scale) -> str | None:
    """A line that ends a sentence well before the right edge, described, or None."""
    short = right - line.x1
    if short > SHORT_LINE_CHARS * scale.char and line.text.rstrip().endswith(SENTENCE_END):
        return f"the line before ends short ({short:.3g} before the edge)"
    return None


def paragraph_gap(lines: Sequence[Line], scale: Scale) -> float:
    """The least space, over the usual lead, that sets two paragraphs of these lines
    apart: half a line on OCR, a third of one on a text layer (see `GAP_PITCH`)."""
    read_by_ocr = any(word.confidence is not None for line in lines for word in line.words)
    return (GAP_PITCH if read_by_ocr else TEXT_LAYER_GAP_PITCH) * scale.leading


def paragraph_starts(
    lines: Sequence[Line], left: float, right: float, scale: Scale, justified: bool | None = None
) -> list[str | None]:
    """For each line, why a paragraph starts there (None: it goes on the one before).

    The first line is judged only by its indent: whether the column before ended
    its paragraph is for the caller to tell.

    >>> from reader.clean.geometry.lines import Line
    >>> from reader.clean.geometry.measure import Scale
    >>> from reader.sources.model import Word
    >>> def line(x0, x1, top, text):
    ...     return Line([Word(text, x0, top, x1, top + 9, size=9)])
    >>> lines = [line(0, 100, 0, "a."), line(9, 100, 10, "b"), line(0, 60, 20, "c."),
    ...          line(0, 100, 30, "d")]
    >>> [why for why in paragraph_starts(lines, 0, 100, Scale(9, 9, 4.5))]
    [None, 'indent 9 (1.0 em)', None, 'the line before ends short (40 before the edge)']
    """
    if justified is None:
        justified = is_justified(lines, right, scale)
    leads = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    # The usual lead is the tighter lines' (a lower quartile): with space between
    # paragraphs, half the leads of short paragraphs may be gaps.
    usual = sorted(leads)[len(leads) // 4] if leads else 0.0
    starts: list[str | None] = [indent_of(lines[0], left, scale)] if lines else []
    least_gap = paragraph_gap(lines, scale)
    for before, line, lead in zip(lines, lines[1:], leads):
        why = indent_of(line, left, scale)
        if why is None and lead - usual > least_gap:
            why = f"a gap of {lead:.3g} between lines ({lead / scale.em:.1f} em)"
        if why is None and justified:
            why = ends_short(before, right, scale)
        starts.append(why)
    return starts
