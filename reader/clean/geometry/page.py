"""One page of positioned words read into runs: pieces of lines of one role, in reading order.

`read_page` straightens the words (a scan's skew), joins drop capitals, cuts the
page into pieces (`columns`), groups each piece's words into lines (`lines`),
tells each line's role (`roles`) and, for body text, where its paragraphs start
(`paragraphs`).  What it keeps of a page is text and boxes only, so a long PDF
is read page after page without keeping its words.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from reader.clean.decisions import Decision
from reader.clean.drop_capitals import capitals_of_a_dateline, lost_capital_of_a_piece
from reader.clean.geometry import capitals, columns, lines, paragraphs, roles
from reader.clean.geometry.lines import Line
from reader.clean.geometry.measure import Scale, page_scale
from reader.clean.hyphens import WordEvidence
from reader.sources.model import PositionedPage, Word

# What OCR reads a column rule as: a bar (or a few) standing alone.
RULE_READ_AS_TEXT = re.compile(r"^[|¦│]+$")
# Marks a text layer uses for a hyphen that a plain hyphen stands for in clean text.
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# A drop capital stands beside this many lines at most, and is this many ems wide at least.
LOST_CAPITAL_LINES = 4
LOST_CAPITAL_EMS = 1.5
# Display lines whose sizes differ by no more than this share are set in one type.
DISPLAY_ALIKE = 0.12
# A line of this many words or fewer may be a paragraph's last.
SHORT_LINE_WORDS = 3
# A run this much wider than the page's usual column still stands in one column.
COLUMN_SLACK = 1.25
# The action each role is told by (`reader.clean.repairs`): skipping it reads the line as body.
ROLE_ACTIONS = {
    "headline": "headline-by-size",
    "deck": "deck-under-headline",
    "byline": "byline-line",
    "caption": "caption-by-size",
    "pull-quote": "pull-quote",
    "furniture": "furniture",
}


@dataclass
class Run:
    """Lines of one role from one piece of a page: for body text, its paragraphs'
    lines, and whether the first goes on the paragraph before."""

    role: str
    page: int
    box: tuple[float, float, float, float]
    paragraphs: list[list[str]] = field(default_factory=list)
    size: float = 0.0  # its lines' type size
    bold: bool = False  # set in bold, most of its lines
    in_column: bool = False  # stands inside one column of several (cut down a gutter)
    continues: bool = False  # the first paragraph goes on the one before (no indent)
    closes: bool = False  # the last line ends its paragraph (short, in a justified column)
    evidence: str = ""

    @property
    def text(self) -> str:
        return " ".join(" ".join(lines) for lines in self.paragraphs)


def read_page(
    page: PositionedPage, skip: Collection[str] = ()
) -> tuple[list[Run], list[Decision], Scale]:
    """The page's runs in reading order, with the decisions that found them."""
    decisions: list[Decision] = []
    number, unit = page.number, page.unit
    words = [
        Word(**{**_fields(w), "text": w.text.translate(HYPHENS).strip()})
        for w in page.words
        if w.text.strip()
    ]
    rules = [w for w in words if RULE_READ_AS_TEXT.match(w.text)]
    if rules and "column-gap" not in skip:
        words = [w for w in words if not RULE_READ_AS_TEXT.match(w.text)]
        decisions.append(
            Decision(
                "column-gap",
                number,
                " ".join(w.text for w in rules[:5]),
                "",
                f"{len(rules)} rules between columns that OCR read as letters left out",
            )
        )
    slope = lines.skew_of(words)
    if abs(slope) >= lines.LEAST_SKEW and "deskew" not in skip:
        words = lines.deskew(words, slope)
        decisions.append(
            Decision(
                "deskew",
                number,
                f"slope {slope:.4f}",
                "level",
                f"the lines rise {slope * 100:.2f} {unit} per 100 {unit}",
            )
        )
    scale = page_scale(words)
    caps: list[tuple[float, float, float, float]] = []  # left, top, where beside starts, bottom
    if "drop-capital-by-size" not in skip:
        words, joined = capitals.join_drop_capitals(words, scale)
        for made, box, why in joined:
            caps.append(box)
            decisions.append(Decision("drop-capital-by-size", number, made.text[0], made.text, why))
    if not words:
        return [], decisions, scale
    pieces = columns.cut_page(words, scale, columns="column-gap" not in skip)
    decisions += _gap_decisions(pieces, number, unit)
    piece_lines = [lines.lines_of(piece.words) for piece in pieces]
    evidence = None
    for found in piece_lines:
        _count_drop_capitals(found, caps, scale)
        if _beside_a_lost_capital(found, scale):
            if evidence is None:
                evidence = WordEvidence.from_text(" ".join(w.text for w in words))
            decisions += _put_back_lost_capital(found[0], number, evidence, skip)
    _tell_roles(piece_lines, page, scale, skip)
    runs = _runs(pieces, piece_lines, number, scale, skip, decisions)
    return runs, decisions, scale


def _fields(word: Word) -> dict:
    return {name: getattr(word, name) for name in Word.__slots__}


def _gap_decisions(pieces, number: int, unit: str) -> list[Decision]:
    seen: dict[tuple[int, int], tuple[float, float]] = {}
    for piece in pieces:
        for gap, between_columns in piece.gaps:
            if between_columns:
                seen.setdefault((round(gap[0]), round(gap[1])), gap)
    return [
        Decision(
            "column-gap",
            number,
            "",
            f"x = {a:.0f}-{b:.0f}",
            f"column gap at x = {a:.4g}-{b:.4g} {unit}: no word crosses it",
        )
        for a, b in sorted(seen.values())
    ]


def _count_drop_capitals(found: list[Line], caps, scale: Scale) -> None:
    """A line beside a drop capital starts where the capital does (it is not indented);
    a line indented beside it (a new paragraph) keeps its indent."""
    for line in found:
        for x0, top, beside_x0, bottom in caps:
            if not top - 0.5 * scale.em <= line.top <= bottom:
                continue
            past = line.x0 - beside_x0  # how far the line starts right of the others beside
            if -scale.em <= past <= 0.3 * scale.em:  # the first word may stand a little right
                line.indent_x0 = x0
            elif 0 < past <= paragraphs.MOST_INDENT_EMS * scale.em:
                line.indent_x0 = x0 + past


def _put_back_lost_capital(
    line: Line, number: int, evidence: WordEvidence, skip: Collection[str]
) -> list[Decision]:
    """The capital OCR lost, put back where one capital alone makes the piece a word: the
    plain cleaner's rules, `drop_capitals.lost_capital_of_a_piece` ("etired") and, for a
    word in capitals, `drop_capitals.capitals_of_a_dateline` ("ASHINGTON")."""
    first = line.words[0]
    fragment = first.text.strip("“\"‘'").rstrip(".,:")
    if not fragment.isalpha():
        return []
    if fragment.isupper() and len(fragment) >= 3:
        action = "dateline-capitals"
        put_back = capitals_of_a_dateline(first.text, "", evidence)
    else:
        action = "lost-drop-capital"
        put_back = lost_capital_of_a_piece(first.text, fragment, evidence)
    if put_back is None or action in skip:
        return []
    text, _, (before, after, why) = put_back
    line.words[0] = replace(first, text=text)
    return [Decision(action, number, before, after, why)]


def _beside_a_lost_capital(found: list[Line], scale: Scale) -> bool:
    """The first lines of a column, all set well right of the lines under them, stand
    beside a drop capital OCR did not read: each is moved left by the capital's width,
    so that only a paragraph's own indent among them still counts.

    Measured: on the dev pages' scans Tesseract loses about one drop capital in three.
    """
    zone = 0
    while zone < min(len(found) - 1, LOST_CAPITAL_LINES):
        zone += 1
        left = found[zone].indent_x0
        beside = min(line.indent_x0 for line in found[:zone])
        if zone >= 2 and beside - left >= LOST_CAPITAL_EMS * scale.em:
            break
    else:
        return False
    for line in found[:zone]:
        line.indent_x0 -= beside - left
    return True


def _tell_roles(piece_lines: list[list[Line]], page: PositionedPage, scale: Scale, skip) -> None:
    """Give every line its role, by its words, its type and its place."""
    ocr = any(word.confidence is not None for word in page.words)
    boxes = [_box(found) for found in piece_lines]
    inner = [
        box for box, found in zip(boxes, piece_lines) if not _margin_piece(box, found, page, scale)
    ]
    content_top = min((box[1] for box in inner), default=page.height)
    content_bottom = max((box[3] for box in inner), default=0.0)
    for box, found in zip(boxes, piece_lines):
        furniture = (
            bool(inner)
            and _margin_piece(box, found, page, scale)
            and (box[3] <= content_top or box[1] >= content_bottom)
        )
        for line in found:
            role, evidence = roles.role_of_type(line, scale)
            by_text = roles.role_of_text(line.text)
            if by_text and ROLE_ACTIONS[by_text] not in skip:
                role, evidence = by_text, f"the words: {line.text[:30]!r}"
            if furniture and "furniture" not in skip:
                where = "top" if box[3] <= content_top else "bottom"
                role, evidence = "furniture", f"in the {where} margin, above or below all else"
            if role != "paragraph" and ROLE_ACTIONS[role] in skip:
                role = "paragraph"
            line.role = role
            line.evidence = evidence
        _last_lines_go_on(found, scale, ocr)
    _display_lines_alike([line for found in piece_lines for line in found])


def _display_lines_alike(found: list[Line]) -> None:
    """Lines of one display block (a headline, a deck, a pull quote) in one type share
    one role: OCR sizes each line by its own letters, so a pull quote's lines can fall
    either side of the headline size.  The block (lines in reading order, one under
    the other) takes its largest line's role."""
    display = ("headline", "deck")
    group: list[Line] = []
    for line in [*found, None]:
        alike = (
            line is not None
            and line.role in display
            and (not group or _under(group[-1], line))
            and (not group or abs(line.size - group[0].size) <= DISPLAY_ALIKE * group[0].size)
        )
        if alike:
            group.append(line)
            continue
        if len(group) > 1:
            largest = max(group, key=lambda member: member.size)
            for member in group:
                member.role, member.evidence = largest.role, largest.evidence
        group = [line] if line is not None and line.role in display else []


def _under(upper: Line, lower: Line) -> bool:
    """Does ``lower`` stand right under ``upper`` (within a line of its own height)?"""
    overlap = min(upper.x1, lower.x1) - max(upper.x0, lower.x0)
    return overlap > 0 and 0 <= lower.top - upper.bottom <= upper.height


def _last_lines_go_on(found: list[Line], scale: Scale, ocr: bool) -> None:
    """A paragraph's short last line under body lines, at the column's leading, is body:
    OCR gives a short line's size from its few letters ("ton." has no tall ones, "@" is
    tall), which can make it look like a caption's smaller type or a deck's larger.  On
    OCR, any line "sized" as a caption in a column's body at its leading is body too."""
    for _ in range(2):  # a run of two such lines: the second goes after the first
        for before, line, after in zip([None, *found], found, [*found[1:], None]):
            if line.role not in ("caption", "deck"):
                continue
            close_above = _close(before, line, scale) and before.role == "paragraph"
            close_below = _close(line, after, scale) and after.role == "paragraph"
            short = len(line.words) <= SHORT_LINE_WORDS and before and line.x1 < before.x1
            if close_above and (short or ocr):
                line.role, line.evidence = "paragraph", "a line of the body, at its leading"
            elif ocr and close_below and line.role == "caption" and before is None:
                line.role, line.evidence = "paragraph", "a line of the body, at its leading"


def _close(upper: Line | None, lower: Line | None, scale: Scale) -> bool:
    if upper is None or lower is None:
        return False
    return lower.top - upper.bottom <= paragraphs.GAP_PITCH * scale.leading


def _margin_piece(box, found: list[Line], page: PositionedPage, scale: Scale) -> bool:
    """A piece of a line or two of small type in the top or bottom margin band."""
    small = all(line.size < roles.DECK_RATIO * scale.size for line in found)
    return (
        small
        and len(found) <= roles.FURNITURE_LINES
        and roles.in_margin(box[1], box[3], page.height)
    )


def _box(found: list[Line]) -> tuple[float, float, float, float]:
    return (
        min(line.x0 for line in found),
        min(line.top for line in found),
        max(line.x1 for line in found),
        max(line.bottom for line in found),
    )


def _runs(
    pieces, piece_lines, number: int, scale: Scale, skip, decisions: list[Decision]
) -> list[Run]:
    """Cut each piece where its lines' role changes; body runs get their paragraphs."""
    edges = _column_edges(piece_lines, scale)
    page_justified = _page_justified(piece_lines, scale)
    runs: list[Run] = []
    widths = [right - left for left, right in edges]
    column = statistics.median(widths) if widths else 0.0
    for piece, found in zip(pieces, piece_lines):
        groups: list[list[Line]] = []
        for line in found:
            if groups and groups[-1][-1].role == line.role:
                groups[-1].append(line)
            else:
                groups.append([line])
        for group in groups:
            role = group[0].role
            box = _box(group)
            run = Run(role, number, box, evidence=group[0].evidence)
            run.size = statistics.median(line.size for line in group)
            run.bold = sum(line.bold for line in group) * 2 > len(group)
            run.in_column = bool(piece.gaps) and box[2] - box[0] <= COLUMN_SLACK * column
            if role == "paragraph":
                _paragraphs(run, group, edges, page_justified, scale, skip, decisions)
                before = runs[-1] if runs else None
                if before and before.role == "paragraph" and run.continues and not page_justified:
                    least = paragraphs.paragraph_gap(group, scale)
                    _gap_above(run, before, scale, least, skip, decisions)
            else:
                run.paragraphs = [[line.text for line in group]]
                action = ROLE_ACTIONS[role]
                decisions.append(Decision(action, number, run.text[:40], role, run.evidence))
            runs.append(run)
    return runs


def _gap_above(
    run: Run, before: Run, scale: Scale, least: float, skip, decisions: list[Decision]
) -> None:
    """Ragged columns mark a paragraph with space, not with a short last line: a body
    run under the one before in its column, a gap over ``least`` between, starts one."""
    beside = run.box[0] < before.box[2] and before.box[0] < run.box[2]
    gap = run.box[1] - before.box[3] - (scale.leading - scale.em)
    if beside and gap > least and "paragraph-start" not in skip:
        run.continues = False
        why = f"a gap of {gap:.3g} above ({gap / scale.leading:.1f} lines)"
        decisions.append(Decision("paragraph-start", run.page, "", run.text[:40], why))


def _column_edges(piece_lines, scale: Scale) -> list[tuple[float, float]]:
    """The left and right edges of the page's columns, from pieces of three body lines or more."""
    edges = []
    for found in piece_lines:
        body = [line for line in found if line.role == "paragraph"]
        if len(body) >= 3:
            edges.append((min(line.indent_x0 for line in body), max(line.x1 for line in body)))
    return edges


def _page_justified(piece_lines, scale: Scale) -> bool:
    votes = []
    for found in piece_lines:
        body = [line for line in found if line.role == "paragraph"]
        if len(body) >= 3:
            votes.append(paragraphs.is_justified(body, max(line.x1 for line in body), scale))
    return sum(votes) * 2 > len(votes)


def _paragraphs(run: Run, group: list[Line], edges, page_justified, scale, skip, decisions) -> None:
    left = min(line.indent_x0 for line in group)
    right = max(line.x1 for line in group)
    justified = page_justified
    if len(group) >= 3:
        justified = paragraphs.is_justified(group, right, scale)
    near = [
        edge for edge in edges if edge[0] - 2 * scale.em <= left <= edge[1] and edge[0] <= right
    ]
    if len(group) < 3 and near:
        column = max(near, key=lambda edge: min(edge[1], right) - max(edge[0], left))
        left, right = min(left, column[0]), max(right, column[1])
    if "paragraph-start" in skip:
        run.paragraphs = [[line.text for line in group]]
        return
    starts = paragraphs.paragraph_starts(group, left, right, scale, justified)
    run.continues = starts[0] is None
    for line, why in zip(group, starts):
        if why is not None or not run.paragraphs:
            run.paragraphs.append([])
            if why is not None:
                decisions.append(Decision("paragraph-start", run.page, "", line.text[:40], why))
        run.paragraphs[-1].append(line.text)
    run.closes = justified and paragraphs.ends_short(group[-1], right, scale) is not None
