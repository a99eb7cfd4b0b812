"""Columns and pieces of a page: cut it where no word stands, down to the pieces read whole.

A newspaper page is cut the way its make-up was built: down a gutter with a
headline on each side (articles set side by side); across, above each
headline (a new article starts there); then down every gutter that no word
crosses (columns, read left to right); then across again where a column is
interrupted (a photo, a pull quote), read top to bottom.  The order of the
pieces this gives is the page's reading order.

A gutter must be wider than a justified line's widest word space: at least
`GUTTER_EMS` of the body's line height, and where either side holds one line
only, `LONE_LINE_GUTTER_EMS` of that line's height (a headline's spaces are wide).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.clean.geometry.lines import lines_of
from reader.clean.geometry.measure import Scale, word_size
from reader.sources.model import Word

GUTTER_EMS = 0.6
LONE_LINE_GUTTER_EMS = 2.0
GUTTER_CHARS = 1.5
# A gap between two stacked pieces: more than half a line's pitch (OCR's boxes hug the
# letters, so a line of short letters stands further from the one above than its pitch says).
STACK_GAP_PITCH = 0.55
# Type this much larger than the body's starts an article when a gap stands above it.
HEADLINE_RATIO = 1.35
# A headline narrower than this share of its region and smaller than this share of the
# region's largest type may be a pull quote: it does not cut the region across.
NARROW_SHARE = 0.55
SMALLER_SHARE = 0.85
# ... and with a column's body this close above it (in body line pitches).
PULL_QUOTE_LINES = 2.0


@dataclass
class Piece:
    """Words read as one run (a column's stretch between interruptions), with the
    column gaps that were cut to reach it (for the decisions' evidence)."""

    words: list[Word]
    # The gaps cut down to reach it, each with whether it stands between columns
    # (two lines or more on each side) rather than between lone lines.
    gaps: list[tuple[tuple[float, float], bool]] = field(default_factory=list)


def cut_page(words: Sequence[Word], scale: Scale, *, columns: bool = True) -> list[Piece]:
    """The page's pieces in reading order.  ``columns=False`` makes no cut down a gutter.

    >>> from reader.clean.geometry.measure import Scale
    >>> from reader.sources.model import Word
    >>> left = [Word(t, 0, 10 * i, 40, 10 * i + 9, size=9) for i, t in enumerate("abc")]
    >>> right = [Word(t, 52, 10 * i, 90, 10 * i + 9, size=9) for i, t in enumerate("xyz")]
    >>> pieces = cut_page(left + right, Scale(9, 9, 4.5))
    >>> [[w.text for w in piece.words] for piece in pieces]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    >>> pieces[0].gaps
    [((40, 52), True)]
    """
    pieces: list[Piece] = []
    largest = max((word_size(w) for w in words if not w.italic), default=scale.size)
    _cut(list(words), scale, columns, pieces, [], largest)
    return pieces


def _cut(
    words: list[Word], scale: Scale, columns: bool, out: list[Piece], gaps: list, largest: float
) -> None:
    """Cut ``words`` and append its pieces to ``out``; ``largest``: the page's largest
    upright type (its main headline's)."""
    if len(words) < 2:
        out.append(Piece(words, list(gaps)))
        return
    if columns:
        beside = [
            gap
            for gap in _gaps(words, scale, vertical=True)
            if _between_articles(words, gap, scale)
        ]
        if beside:
            gutters = [(gap, True) for gap in beside]
            return _split(words, beside, True, scale, columns, out, gaps + gutters, largest)
    across = _gaps(words, scale, vertical=False)
    above_headlines = [
        gap
        for gap in _gaps(words, scale, vertical=False, least=0.0)
        if (_headline_below(words, gap, scale) or _headline_above(words, gap, scale))
        and _spans_like_a_headline(words, gap, scale, largest)
    ]
    if above_headlines and columns and _side_by_side_below(words, above_headlines[0], scale):
        # The topmost first, then the articles set side by side under it (cut down first).
        return _split(words, above_headlines[:1], False, scale, columns, out, gaps, largest)
    if above_headlines:
        return _split(words, above_headlines, False, scale, columns, out, gaps, largest)
    if columns:
        kinds = [(gap, _is_gutter(words, gap, scale)) for gap in _gaps(words, scale, vertical=True)]
        down = [gap for gap, kind in kinds if kind]
        if down:
            gutters = [(gap, kind == "columns") for gap, kind in kinds if kind]
            return _split(words, down, True, scale, columns, out, gaps + gutters, largest)
    if across:
        return _split(words, across, False, scale, columns, out, gaps, largest)
    out.append(Piece(words, list(gaps)))


def _split(words, cuts, vertical, scale, columns, out, gaps, largest) -> None:
    parts: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for word in words:
        middle = (word.x0 + word.x1) / 2 if vertical else (word.top + word.bottom) / 2
        index = sum(middle > cut[0] for cut in cuts)
        parts[index].append(word)
    for part in parts:
        if part:
            _cut(part, scale, columns, out, gaps, largest)


def _gaps(
    words: list[Word], scale: Scale, vertical: bool, least: float | None = None
) -> list[tuple[float, float]]:
    """The stretches, across (``vertical=False``: between tops and bottoms) or down
    (between lefts and rights), that no word covers, wide enough to cut at (``least``)."""
    if vertical:
        spans = sorted((w.x0, w.x1) for w in words)
        default = max(GUTTER_EMS * scale.em, GUTTER_CHARS * scale.char)
    else:
        spans = sorted((w.top, w.bottom) for w in words)
        default = STACK_GAP_PITCH * scale.leading
    least = default if least is None else least
    found = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach > least or (least and start - reach == least):
            found.append((reach, start))
        reach = max(reach, end)
    return found


def _is_gutter(words: list[Word], gap: tuple[float, float], scale: Scale) -> str:
    """A gap down the words is a gutter between "columns" when each side holds two
    lines or more, or "wide" when it is wider than a lone line's word spaces could be
    (the paper's name and its page number); "" when it is no gutter."""
    left = [w for w in words if w.x1 <= gap[0]]
    right = [w for w in words if w.x0 >= gap[1]]
    if _spaces_a_line(left, right, gap, scale):
        return ""
    if len(lines_of(left)) >= 2 and len(lines_of(right)) >= 2:
        return "columns"
    tallest = max(max(word_size(w), w.height) for w in words)
    return "wide" if gap[1] - gap[0] >= LONE_LINE_GUTTER_EMS * max(tallest, scale.em) else ""


def _between_articles(words: list[Word], gap: tuple[float, float], scale: Scale) -> bool:
    """Is the gap a gutter with a headline opening each side: articles set side by side,
    each read whole (headline, then its columns) before the one to its right?  A headline
    across columns crosses their gutters, so on a page of one article no such gap is found."""
    if _is_gutter(words, gap, scale) != "columns":
        return False
    left = [w for w in words if w.x1 <= gap[0]]
    right = [w for w in words if w.x0 >= gap[1]]
    return _opens_on_a_headline(left, scale) and _opens_on_a_headline(right, scale)


def _opens_on_a_headline(words: list[Word], scale: Scale) -> bool:
    """Does the first line of these words hold a headline's type (not italic: a pull quote)?
    A pull quote stands lower, under the body it quotes."""
    top = min(w.top for w in words)
    first_line = [w for w in words if w.top < top + 0.5 * scale.leading]
    big = [w for w in first_line if word_size(w) >= HEADLINE_RATIO * scale.size and not w.italic]
    return len(big) * 2 >= len(first_line)


def _side_by_side_below(words: list[Word], gap: tuple[float, float], scale: Scale) -> bool:
    """Do articles stand side by side under the gap (the paper's name and date above
    it cross the gutter between them)?"""
    below = [w for w in words if w.top >= gap[1]]
    return len(below) > 1 and any(
        _between_articles(below, down, scale) for down in _gaps(below, scale, vertical=True)
    )


def _spaces_a_line(left: list[Word], right: list[Word], gap, scale: Scale) -> bool:
    """Is the gap only the spaces between words of lines of large type (a headline's
    spaces over a gutter of the columns below)?  On some line, the last word before
    the gap and the first after it stand closer than a gutter of their size."""
    big = HEADLINE_RATIO * scale.size
    ends = [w for w in left if word_size(w) >= big and gap[0] - w.x1 < word_size(w)]
    starts = [w for w in right if word_size(w) >= big and w.x0 - gap[1] < word_size(w)]
    for end in ends:
        for start in starts:
            level = min(end.bottom, start.bottom) - max(end.top, start.top)
            if level > 0.5 * min(end.height, start.height):
                if start.x0 - end.x1 < GUTTER_EMS * max(word_size(end), word_size(start)):
                    return True
    return False


def _headline_below(words: list[Word], gap: tuple[float, float], scale: Scale) -> bool:
    """Does type of a headline's size (not italic: a pull quote) stand right under the gap,
    and only there?"""
    below = [w for w in words if w.top >= gap[1] and w.top - gap[1] < scale.em]
    above = [w for w in words if w.bottom <= gap[0] and gap[0] - w.bottom < scale.em]
    return _mostly_big(below, scale) and not _mostly_big(above, scale)


def _headline_above(words: list[Word], gap: tuple[float, float], scale: Scale) -> bool:
    """Does a headline end right above the gap, with smaller type right under it?"""
    below = [w for w in words if w.top >= gap[1] and w.top - gap[1] < scale.em]
    above = [w for w in words if w.bottom <= gap[0] and gap[0] - w.bottom < scale.em]
    return bool(below) and _mostly_big(above, scale) and not _mostly_big(below, scale)


def _mostly_big(words: list[Word], scale: Scale) -> bool:
    big = [w for w in words if word_size(w) >= HEADLINE_RATIO * scale.size and not w.italic]
    return len(big) >= 1 and len(big) * 2 >= len(words)


def _spans_like_a_headline(
    words: list[Word], gap: tuple[float, float], scale: Scale, largest: float
) -> bool:
    """Large type by a gap that reads as a headline across the region: wide enough, or
    as large as the page's largest type, or with no body right above it.  Narrow type
    smaller than the page's headlines, set close under a column's body, is a pull
    quote in that column, which must not cut the page."""
    below = [w for w in words if w.top >= gap[1] and w.top - gap[1] < scale.em]
    above = [w for w in words if w.bottom <= gap[0] and gap[0] - w.bottom < scale.em]
    big = [w for w in below + above if word_size(w) >= HEADLINE_RATIO * scale.size]
    if not big:
        return False
    width = max(w.x1 for w in big) - min(w.x0 for w in big)
    region = max(w.x1 for w in words) - min(w.x0 for w in words)
    if width >= NARROW_SHARE * region or max(map(word_size, big)) >= SMALLER_SHARE * largest:
        return True
    x0, x1, top = min(w.x0 for w in big), max(w.x1 for w in big), min(w.top for w in big)
    large = [w for w in words if word_size(w) >= HEADLINE_RATIO * scale.size]
    grew = True
    while grew:  # up the lines of the same large type: the pull quote's first line
        above = [w for w in large if w.top < top and w.bottom >= top - 0.5 * scale.em]
        above = [w for w in above if w.x1 > x0 and w.x0 < x1]
        grew = bool(above)
        if grew:
            top = min(w.top for w in above)
            x0, x1 = min([x0] + [w.x0 for w in above]), max([x1] + [w.x1 for w in above])
    body_close_above = [
        w
        for w in words
        if top - PULL_QUOTE_LINES * scale.leading <= w.bottom <= top
        and w.x1 > x0
        and w.x0 < x1
        and word_size(w) < HEADLINE_RATIO * scale.size
    ]
    return not body_close_above
