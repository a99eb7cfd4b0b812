"""Text whose columns stand side by side, read as positioned words.

``pdftotext -layout`` (and OCR tools that keep the page's layout) write each
line of the page across every column: a line of the first column, spaces, a
line of the second column, and so on, each column starting at the same
character position on every line.  Read as ordinary text, such a page
interleaves its columns into nonsense.  Read as positioned words, with the
character column as x and the line number as y, it is a page like any PDF's,
and `reader.clean.geometry` cleans it the same way.

The page is told by its *gutters*: a strip of character positions that stays
blank down a long run of lines while those lines carry words on both sides of
it.  Prose wrapped into one column leaves a blank at the same position on a
few lines at most, and a double space almost never; a column gutter stays
blank on every line of the column.  `find_gutter` measures the strongest
gutter of a text (the run of lines it stands in and on how many of them words
stand at both sides) and `side_by_side_page` reads a page as words only when
that gutter is certain (`MIN_LINES_EACH_SIDE` lines).

Character cells have no type size, and the geometric cleaner tells headlines,
captions, pull quotes and drop capitals by size.  `typeset_words` gives the
words the type their places and words show, as an inference: a block across
the gutters of the columns under it, or right above a byline or a drop capital,
is a headline (`display_blocks`); a capital alone over indented lines is a drop
capital (`drop_capitals`); a stretch ending in a photo credit is a caption
(`captions`); the article's own words again between quotation marks, set apart
in a column, are a pull quote (`pull_quotes`).

>>> left = ["The city council met on", "Tuesday to decide on the", "budget for the coming"]
>>> right = ["Police said the two men", "were arrested late on", "Friday night after a"]
>>> page = "\\n".join(f"{a:<28}{b}" for a, b in zip(left * 4, right * 4))
>>> print(page.splitlines()[0])
The city council met on     Police said the two men
>>> gutter = find_gutter(page)
>>> gutter.start, gutter.end, gutter.first_line, gutter.last_line, gutter.lines_each_side
(24, 28, 0, 11, 12)
>>> words = side_by_side_page(page).words
>>> [(w.text, w.x0, w.x1, w.top) for w in words[4:7]]
[('on', 21.0, 23.0, 0.0), ('Police', 28.0, 34.0, 0.0), ('said', 35.0, 39.0, 0.0)]
>>> side_by_side_page("One column of prose, wrapped\\nat the page's width.") is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from reader.sources.model import PositionedPage, Word

# A gutter is a strip at least this many characters wide, blank on every line it
# crosses.  One blank is the space between two words, and justified prose lines
# up its double spaces down five or six lines now and then; three blanks down a
# run of lines are a gutter (pdftotext -layout leaves 3 to 6 between columns).
MIN_GUTTER = 3
# Lines with words on each side of one gutter, in one run, before a page counts as
# columns side by side (benchmarks/columns_detect.py).  Ordinary pages (1,131:
# texts, OCR, PolNeAR, BASIL, OverProof, made pages): at most 1.  The same
# articles fully justified at 35-90 characters, with stray double spaces (4,608
# texts): at most 3.  pdftotext -layout of the dev PDFs: 17 and more; of 112
# made PDFs in 2-5 columns: 6 and more (the fewest on short two-column articles).
MIN_LINES_EACH_SIDE = 6
# A line bears witness on one side of a gutter when at least this many words,
# of at least this many characters in all, stand on that side: a drop capital,
# a lone number, a speaker's name before a transcript's turn or a table's short
# cells do not; a column's line does.
MIN_SIDE_WORDS = 2
MIN_SIDE_CHARACTERS = 15
# Positions further right are not looked at for gutters (their words are still
# read): no printed page is wider, and the bound keeps the work per line small.
MAX_COLUMNS = 1000
# Characters read into one grid at a time (memory: about 30 bytes each).
CHUNK_CELLS = 1 << 20

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Gutter:
    """The blank strip between two columns, measured down the lines it runs through.

    ``start``/``end`` are character positions (``end`` excluded) blank on every
    line from ``first_line`` to ``last_line`` (numbered from 0) that reaches
    across them; ``lines_left`` of those lines have words left of the strip,
    ``lines_right`` words right of it (a line of both columns counts for both:
    where the columns' lines do not stand at the same height, ``pdftotext
    -layout`` gives each its own line).
    """

    start: int
    end: int
    first_line: int
    last_line: int
    lines_left: int
    lines_right: int

    @property
    def lines_each_side(self) -> int:
        """The evidence: lines with words on the side of the gutter that has fewer."""
        return min(self.lines_left, self.lines_right)

    def describe(self) -> str:
        """The evidence in words, for ``--explain``.

        >>> Gutter(30, 34, 9, 48, 39, 37).describe()
        'columns side by side: characters 30-33 blank on lines 10-49, with words left of them on 39 lines and right of them on 37'
        """
        return (
            f"columns side by side: characters {self.start}-{self.end - 1} blank on lines "
            f"{self.first_line + 1}-{self.last_line + 1}, with words left of them on "
            f"{self.lines_left} lines and right of them on {self.lines_right}"
        )


def page_lines(text: str) -> list[str]:
    """The page's lines as they stand on the page: tabs expanded, a form feed ends a line.

    >>> page_lines("a\\tb\\r\\nc\\fd")
    ['a       b', 'c', 'd']
    """
    return [line.expandtabs(8) if "\t" in line else line for line in text.splitlines()]


def find_gutter(text: str) -> Gutter | None:
    """The gutter with the most lines of words on its weaker side, or None when there is none.

    One pass down the lines follows, for each character position x, the run of
    lines on which the strip x .. x + ``MIN_GUTTER`` - 1 stays blank: a line with
    a character in the strip ends the run; a line that stops short of it, starts
    after it or is blank leaves the run going.  Each line in the run with words
    enough left of the strip (``MIN_SIDE_WORDS`` words of ``MIN_SIDE_CHARACTERS``
    characters) is a witness on the left, and likewise on the right.  The text
    is read once, a chunk of lines at a time, so the time is linear in its length.

    >>> find_gutter("word  word\\nword  word") is None
    True
    """
    return _strongest(_gutter_runs(page_lines(text)))


def _strongest(runs) -> Gutter | None:
    """The run with words on both sides on the most lines, widened to neighbours that share it."""
    best: tuple | None = None
    ties: list[tuple] = []
    for run in runs:
        strength = min(run[3], run[4])
        if best is None or strength > min(best[3], best[4]):
            best, ties = run, [run]
        elif strength == min(best[3], best[4]):
            ties.append(run)
    if best is None:
        return None
    best = min(ties)
    same = {run[0] for run in ties if run[1:] == best[1:]}
    end = best[0]
    while end + 1 in same:
        end += 1
    return Gutter(best[0], end + MIN_GUTTER, *best[1:])


def side_by_side_page(text: str, number: int = 1) -> PositionedPage | None:
    """The text as positioned words when its columns stand side by side, else None.

    Each word keeps its place: ``x0``/``x1`` its first and past-last character
    column, ``top`` its line number (from 0) and ``bottom`` the next; its size is
    one line.  A headline across the columns stays the one line it is.  Form
    feeds (``pdftotext``'s page breaks) end a line and the lines run on, so a
    text of several pages is read as one tall page (`side_by_side_pages` reads
    each page apart).
    """
    lines = page_lines(text)
    if not _side_by_side(lines):
        return None
    return _page(lines, number)


def side_by_side_pages(text: str) -> list[PositionedPage] | None:
    """The text's pages as positioned words when its columns stand side by side, else None.

    ``pdftotext`` ends each page with a form feed: each becomes a page of its own,
    numbered from 1, its lines numbered from 0 (as `side_by_side_page` reads a
    single page).  Pages without a word are left out.

    >>> page = "\\n".join(f"{'left column words here':<26}right column words" for _ in range(8))
    >>> [(p.number, p.height, len(p.words)) for p in side_by_side_pages(page + "\\f" + page + "\\f")]
    [(1, 8.0, 56), (2, 8.0, 56)]
    """
    if not _side_by_side(page_lines(text)):
        return None
    sheets = [page_lines(sheet) for sheet in text.split("\f")]
    sheets = [lines for lines in sheets if any(line.strip() for line in lines)]
    return [_page(lines, number) for number, lines in enumerate(sheets, start=1)]


def _side_by_side(lines: list[str]) -> bool:
    gutter = _strongest(_gutter_runs(lines))
    return gutter is not None and gutter.lines_each_side >= MIN_LINES_EACH_SIDE


def _page(lines: list[str], number: int) -> PositionedPage:
    return PositionedPage(
        number=number,
        width=float(max(map(len, lines))),
        height=float(len(lines)),
        words=typeset_words(lines, list(positioned_words(lines))),
        unit="char",
    )


def positioned_words(lines: list[str]):
    """Each word of the lines with its character columns and line number.

    >>> [(w.text, w.x0, w.x1, w.top, w.bottom) for w in positioned_words(["  to be", "", "x"])]
    [('to', 2.0, 4.0, 0.0, 1.0), ('be', 5.0, 7.0, 0.0, 1.0), ('x', 0.0, 1.0, 2.0, 3.0)]
    """
    for number, line in enumerate(lines):
        top, bottom = float(number), float(number + 1)
        for match in _WORD.finditer(line):
            start, end = match.span()
            yield Word(match.group(), float(start), top, float(end), bottom, 1.0)


def _chunks(lines: list[str]):
    """(line numbers, lines) in groups of at most ``CHUNK_CELLS`` characters once padded.

    Blank lines are left out: they neither end a gutter nor bear witness to one.
    """
    numbers: list[int] = []
    width = 0
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        width = max(width, min(len(line.rstrip()), MAX_COLUMNS))
        numbers.append(number)
        if len(numbers) * width >= CHUNK_CELLS:
            yield numbers, width
            numbers, width = [], 0
    if numbers:
        yield numbers, width


def _gutter_runs(lines: list[str]):
    """The strongest runs of lines down which one position stays blank, with their witnesses.

    Yields (position, first line, last line, lines with words left of it, lines
    with words right of it) for the runs with the most witnesses on their weaker
    side in each chunk of lines, and for the runs still open at the end.  The
    lines are read a chunk at a time as a grid of characters (numpy); a run
    still open at a chunk's end is carried into the next, so the work is linear
    in the text and the memory bounded by the chunk.
    """
    import numpy as np

    carry = _Carry(np)
    for numbers, width in _chunks(lines):
        grid = "".join(lines[n][:width].ljust(width) for n in numbers)
        ink = (
            np.frombuffer(grid.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 32
        ).reshape(-1, width)
        # Position x is blocked on a line where a character stands in x .. x + MIN_GUTTER - 1.
        blocked = ink.copy()
        for shift in range(1, MIN_GUTTER):
            blocked[:, :-shift] |= ink[:, shift:]
        starts = ink.copy()
        starts[:, 1:] &= ~ink[:, :-1]
        # At a blank position: the words, and their characters, left of it.
        words_before = np.cumsum(starts, axis=1, dtype=np.int32)
        words = words_before[:, -1:]
        ink_before = np.cumsum(ink, axis=1, dtype=np.int32)
        characters = ink_before[:, -1:]
        left = (words_before >= MIN_SIDE_WORDS) & (ink_before >= MIN_SIDE_CHARACTERS)
        right = (words - words_before >= MIN_SIDE_WORDS) & (
            characters - ink_before >= MIN_SIDE_CHARACTERS
        )
        left &= ~blocked
        right &= ~blocked
        yield from carry.runs_ended(np.asarray(numbers), blocked, left, right)
        # Positions right of every line of the chunk: each line with words enough is left.
        carry.left[width:] += int(
            ((words >= MIN_SIDE_WORDS) & (characters >= MIN_SIDE_CHARACTERS)).sum()
        )
    for position in np.nonzero(np.minimum(carry.left, carry.right))[0]:
        yield (
            int(position),
            int(carry.first[position]),
            carry.last_line,
            int(carry.left[position]),
            int(carry.right[position]),
        )


class _Carry:
    """For each position, the run of lines still open: its first line and its witnesses."""

    def __init__(self, np) -> None:
        self.np = np
        self.first = np.full(MAX_COLUMNS, -1, dtype=np.int64)  # -1: the next line with words
        self.last_line = -1  # the last line with words read so far
        self.left = np.zeros(MAX_COLUMNS, dtype=np.int64)
        self.right = np.zeros(MAX_COLUMNS, dtype=np.int64)

    def runs_ended(self, numbers, blocked, left, right):
        """The runs the chunk's blocked cells end; what stays open is carried on."""
        np = self.np
        height, width = blocked.shape
        self.first[self.first < 0] = numbers[0]
        cum_left = np.cumsum(left, axis=0, dtype=np.int32)
        cum_right = np.cumsum(right, axis=0, dtype=np.int32)
        # For each cell, the last blocked row at or above it (-1: none in this chunk).
        row = np.arange(height, dtype=np.int32)[:, None]
        last_blocked = np.maximum.accumulate(np.where(blocked, row, -1), axis=0)
        # A run ends at a blocked cell under an open one (or at the chunk's first line).
        ends = blocked.copy()
        ends[1:] &= ~blocked[:-1]
        ys, xs = np.nonzero(ends)
        above = np.where(ys > 0, last_blocked[np.maximum(ys - 1, 0), xs], -1)
        run_left = cum_left[ys, xs] - self._before(cum_left, above, xs, self.left[xs])
        run_right = cum_right[ys, xs] - self._before(cum_right, above, xs, self.right[xs])
        # Only the chunk's strongest runs can be the page's strongest.
        strength = np.minimum(run_left, run_right)
        strongest = strength.max(initial=0)
        for k in np.nonzero(strength == strongest)[0] if strongest else ():
            first = self.first[xs[k]] if above[k] < 0 else numbers[above[k] + 1]
            last = numbers[ys[k] - 1] if ys[k] > 0 else self.last_line
            yield (
                int(xs[k]),
                int(first),
                int(last),
                int(run_left[k]),
                int(run_right[k]),
            )
        final = last_blocked[-1]
        columns = np.arange(width)
        self.left[:width] = cum_left[-1] - self._before(cum_left, final, columns, self.left[:width])
        self.right[:width] = cum_right[-1] - self._before(
            cum_right, final, columns, self.right[:width]
        )
        after = np.where(final + 1 < height, numbers[np.minimum(final + 1, height - 1)], -1)
        self.first[:width] = np.where(final < 0, self.first[:width], after)
        self.last_line = int(numbers[-1])

    def _before(self, cumulative, above, columns, carried):
        """What a run counted before the cells: up to the blocked row above, or the carry."""
        np = self.np
        return np.where(above < 0, -carried, cumulative[np.maximum(above, 0), columns])


# --- what the character cells can still show of the type ---------------------------

# A spanning line's gutter must hold (stay blank, with words beside it) on this
# many of the lines with words just below it: the body's columns under a headline.
GUTTER_BELOW_LINES = 4
# ... looked for among this many lines with words below it.
GUTTER_BELOW_REACH = 8
# A headline or deck set across the columns is at most this many lines.
DISPLAY_LINES = 4
# The size given to a line of display type (a headline) and to a deck, in lines:
# inferred, not measured (see `display_words`).
HEADLINE_SIZE = 2.0
DECK_SIZE = 1.2
# A caption's size (smaller than the body's), inferred from its photo credit, and its
# lines at most.
CAPTION_SIZE = 0.8
CAPTION_LINES = 4
# A pull quote: at most this many lines, this share of its word pairs said elsewhere
# on the page; given the deck's size and italic (the geometric cleaner's pull quote).
PULL_QUOTE_LINES = 4
PULL_QUOTE_REPEATS = 0.6
# A display line's box stops short of the line under it: larger type stands on a
# taller line, so a gap stands between it and the body's first line (where
# pdftotext leaves no blank line between them), and the page can be cut there.
DISPLAY_HEIGHT = 0.75
# A drop capital stands beside lines indented by this many characters at most.
CAPITAL_INDENT = 12
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z]")
# A capital set apart at a line's start, far left of the line's words ("W     ASHINGTON").
_CAPITAL_APART = re.compile(r"^ *[“\"‘']?[A-Z] {3,}\S")
_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")


def segments(line: str) -> list[tuple[int, int]]:
    """The stretches of a line whose words stand at most two blanks apart (a column's piece).

    >>> segments("The council met      Police said")
    [(0, 15), (21, 32)]
    """
    return [match.span() for match in _SEGMENT.finditer(line)]


def _gutters_below(lines: list[str], after: int) -> list[int]:
    """Positions x whose strip x .. x + MIN_GUTTER - 1 stays blank down the first
    ``GUTTER_BELOW_LINES`` lines of the body under line ``after`` (a byline and a lone
    capital are passed over), with words on both sides on all of them but one."""
    below = [
        n
        for n in range(after + 1, min(len(lines), after + 1 + GUTTER_BELOW_REACH))
        if lines[n].strip() and not _BYLINE.match(lines[n].strip()) and not _lone_capital(lines[n])
    ][:GUTTER_BELOW_LINES]
    if len(below) < GUTTER_BELOW_LINES:
        return []
    width = min(max(len(lines[n]) for n in below), MAX_COLUMNS)
    held = []
    for x in range(1, width):
        left = right = 0
        for n in below:
            line = lines[n]
            if line[x : x + MIN_GUTTER].strip():
                break
            left += bool(line[:x].strip())
            right += bool(line[x + MIN_GUTTER :].strip())
        else:
            if min(left, right) >= GUTTER_BELOW_LINES - 1:
                held.append(x)
    return held


def _first_word(line: str) -> int:
    return len(line) - len(line.lstrip())


def _lone_capital(line: str) -> bool:
    """Is the line one capital letter alone (a drop capital ``pdftotext`` set apart)?

    >>> _lone_capital("F"), _lone_capital("  “T"), _lone_capital("A bill"), _lone_capital("7")
    (True, True, False, False)
    """
    text = line.strip().strip("“\"‘'")
    return len(text) == 1 and text.isalpha() and text.isupper()


def display_blocks(lines: list[str]) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The blocks of display type the lines show: ("headline" or "deck", [(line, start, end)]).

    A block is a run of at most ``DISPLAY_LINES`` lines after a blank line, each read
    from its first stretch of words, all starting at one place, that does not end a
    sentence.  It is display type when one of its stretches crosses a gutter that
    holds on the body below it (a headline set across the columns), or when a byline
    or a drop capital (`drop_capitals`) follows it.  A display block under a headline's byline or right under a headline
    is its deck.

    >>> body = [f"{'the council met on a day':<28}police said the men were" for _ in range(5)]
    >>> page = ["Council keeps the winter ferry running", ""] + body
    >>> display_blocks(page)
    [('headline', [(0, 0, 38)])]
    >>> display_blocks(body)
    []
    """
    blocks: list[tuple[str, list[tuple[int, int, int]]]] = []
    capitals = drop_capitals(lines)
    previous_end = -1
    index = 0
    while index < len(lines):
        if not lines[index].strip() or (index and lines[index - 1].strip()):
            index += 1
            continue
        run = _display_run(lines, index)
        if not run:
            index += 1
            continue
        last = run[-1][0]
        after = next((n for n in range(last + 1, len(lines)) if lines[n].strip()), None)
        byline_after = after is not None and bool(_BYLINE.match(lines[after].strip()))
        gutters = _gutters_below(lines, last)
        crosses = any(start < x < end for _, start, end in run for x in gutters)
        capital_after = after in capitals
        if crosses or byline_after or capital_after:
            between = [n for n in range(previous_end + 1, index) if lines[n].strip()]
            follows = bool(blocks) and all(_BYLINE.match(lines[n].strip()) for n in between)
            blocks.append(("deck" if follows else "headline", run))
            previous_end = after if byline_after else last
        index = last + 1
    return blocks


def _display_run(lines: list[str], first: int) -> list[tuple[int, int, int]]:
    """The run of lines from ``first`` that could be one display block, or []."""
    run: list[tuple[int, int, int]] = []
    for number in range(first, len(lines)):
        line = lines[number]
        stretches = segments(line)
        if len(stretches) != 1 or _lone_capital(line) or _BYLINE.match(line.strip()):
            break  # a line of columns side by side: the body under the display lines
        start, end = stretches[0]
        if run and abs(start - run[0][1]) > 1:
            break
        run.append((number, start, end))
    if not run or len(run) > DISPLAY_LINES or lines[run[-1][0]][: run[-1][2]].endswith("."):
        return []
    return run


def drop_capitals(lines: list[str]) -> dict[int, tuple[int, int, int]]:
    """Each drop capital over indented lines: its line -> (the first line beside it,
    how many lines stand beside it, where they start).

    ``pdftotext -layout`` gives a drop capital a line of its own (its baseline is
    not the lines'), or sets it far left of its line's words; either way the lines
    it stood beside start right of it, at one place.  Set apart on its line, it
    must have a line under it that starts where its line's words do.

    >>> drop_capitals(["F", "   ollowing the", "   debate, the", "council met on"])
    {0: (1, 2, 3)}
    >>> drop_capitals(["W     ASHINGTON — The", "      agency had", "said on Friday"])
    {0: (0, 2, 6)}
    >>> drop_capitals(["A    bill passed the", "council on Monday"])
    {}
    """
    found = {}
    for number, line in enumerate(lines[:-1]):
        apart = _CAPITAL_APART.match(line)
        if _lone_capital(line):
            first = number + 1
        elif apart:
            first = number
        else:
            continue
        left = len(line) - len(line.lstrip())
        beside = lines[first]
        indent = apart.end() - 1 if apart else len(beside) - len(beside.lstrip())
        if not beside.strip() or not 2 <= indent - left <= CAPITAL_INDENT:
            continue
        count = 1
        while first + count < len(lines):
            following = lines[first + count]
            if len(following) - len(following.lstrip()) != indent or not following.strip():
                break
            count += 1
        if apart and count < 2:
            continue
        found[number] = (first, count, indent)
    return found


def captions(lines: list[str]) -> list[tuple[int, int, int]]:
    """The stretches of words that make a photo's caption: (line, start, end).

    A caption ends in its photo's credit ("(Reuters)", "(AP Photo/Evan Vucci)", the
    plain cleaner's `reader.clean.display.CAPTION_CREDIT`); its lines above start
    where its last line does, up to ``CAPTION_LINES`` in all.

    >>> captions(["the vote.      Crowds at the rally", "their own.     on Sunday. (AFP)"])
    [(0, 15, 34), (1, 15, 31)]
    >>> captions(["the vote.", "Crowds at the rally.     their own", "(Staff photo)"])
    [(1, 0, 20), (2, 0, 13)]
    """
    from reader.clean.display import CAPTION_CREDIT

    found: list[tuple[int, int, int]] = []
    for number, line in enumerate(lines):
        for start, end in segments(line):
            credit = CAPTION_CREDIT.search(line[start:end])
            if not credit:
                continue
            caption = [(number, start, end)]
            for above in range(number - 1, max(number - CAPTION_LINES, -1), -1):
                stretch = [(a, b) for a, b in segments(lines[above]) if abs(a - start) <= 1]
                if not stretch:
                    break
                # A sentence ends above: the body's, unless the credit stands alone under it.
                alone = credit.start() == 0 and len(caption) == 1
                if lines[above][: stretch[0][1]].rstrip().endswith(".") and not alone:
                    break
                caption.insert(0, (above, *stretch[0]))
            found += caption
    return found


def pull_quotes(lines: list[str]) -> list[tuple[int, int, int]]:
    """The stretches of words that make a pull quote: (line, start, end).

    A pull quote repeats the article's words in quotation marks, set apart in a
    column: stretches starting at one place, on lines with nothing else there
    between them, from an opening mark to a closing one (``PULL_QUOTE_LINES`` at
    most), whose word pairs stand elsewhere on the page too (``PULL_QUOTE_REPEATS``
    of them at least: a quotation in the body is said once).

    >>> body = ["the mayor said that we will keep", "the ferry running all winter long"]
    >>> quote = ["", "      “We will keep the ferry", "", "      running all winter”"]
    >>> pull_quotes(body + quote)
    [(3, 6, 29), (5, 6, 25)]
    """
    stretches = [segments(line) for line in lines]
    found: list[tuple[int, int, int]] = []
    said: Counter | None = None  # each word pair's count on the page, counted once
    for number, line in enumerate(lines):
        for start, end in stretches[number]:
            if line[start] not in '“"':
                continue
            run = _quote_run(lines, stretches, number, start, end)
            if run is None:
                continue
            if said is None:
                said = Counter(
                    pair
                    for n, found_here in enumerate(stretches)
                    for a, b in found_here
                    for pair in _word_pairs(lines[n][a:b])
                )
            if _repeated(lines, run, said):
                found += run
    return found


def _quote_run(lines, stretches, number: int, start: int, end: int):
    """The stretches from an opening mark down to its closing mark, or None."""
    run = [(number, start, end)]
    below = number + 1
    while not lines[run[-1][0]][: run[-1][2]].endswith(("”", '"')):
        if len(run) >= PULL_QUOTE_LINES or below >= min(len(lines), number + 2 * PULL_QUOTE_LINES):
            return None
        same = [(a, b) for a, b in stretches[below] if abs(a - start) <= 1]
        if same:
            run.append((below, *same[0]))
        elif lines[below][start:end].strip():
            return None
        below += 1
    return run


def _word_pairs(text: str) -> list[tuple[str, str]]:
    """Each word and the next, in lower case without punctuation, line-end hyphens joined.

    >>> _word_pairs("“Race or the eco‐ nomy,”")
    [('race', 'or'), ('or', 'the'), ('the', 'economy')]
    """
    words = [re.sub(r"\W", "", w).lower() for w in re.sub(r"[‐-]\s+", "", text).split()]
    words = [w for w in words if w]
    return list(zip(words, words[1:]))


def _repeated(lines: list[str], run, said: Counter) -> bool:
    """Do the quote's word pairs stand elsewhere on the page (within one stretch)?"""
    quote = _word_pairs(" ".join(lines[n][a:b] for n, a, b in run))
    if len(quote) < 3:
        return False
    own = Counter(pair for n, a, b in run for pair in _word_pairs(lines[n][a:b]))
    elsewhere = sum(said[pair] > own[pair] for pair in quote)
    return elsewhere >= PULL_QUOTE_REPEATS * len(quote)


def typeset_words(lines: list[str], words: list[Word]) -> list[Word]:
    """The words with the type their places show: display blocks and drop capitals.

    Character cells have no type size, but the layout keeps two signs of it.  A
    headline set across the columns crosses the gutters of the body under it, and
    stands above a byline: `display_blocks` finds such blocks, and their words are
    given ``HEADLINE_SIZE`` and bold (a deck ``DECK_SIZE``), an inference from
    their place, not a measure of their type.  A capital alone on its line over
    indented lines is a drop capital that stood beside them (`drop_capitals`): it is
    put back beside them, as tall as the lines are many, where the geometric
    cleaner joins it to its word ("F" + "ollowing").  A caption is told by its
    photo's credit (`captions`) and given ``CAPTION_SIZE``, smaller than the body.

    >>> lines = ["F", "   ollowing the", "   debate, the", "council met on"]
    >>> capital = typeset_words(lines, list(positioned_words(lines)))[0]
    >>> capital.text, capital.x0, capital.top, capital.x1, capital.bottom
    ('F', 0.0, 1.0, 3.0, 3.0)
    """
    sizes: dict[tuple[int, int], float] = {}
    for role, run in display_blocks(lines):
        size = HEADLINE_SIZE if role == "headline" else DECK_SIZE
        for number, start, end in run:
            for match in _WORD.finditer(lines[number], start, end):
                sizes[number, match.start()] = size
    for number, start, end in pull_quotes(lines):
        for match in _WORD.finditer(lines[number], start, end):
            sizes.setdefault((number, match.start()), -DECK_SIZE)  # negative: italic
    for number, start, end in captions(lines):
        for match in _WORD.finditer(lines[number], start, end):
            sizes.setdefault((number, match.start()), CAPTION_SIZE)
    capitals = drop_capitals(lines)
    out = []
    for word in words:
        place = (int(word.top), int(word.x0))
        if place in sizes:
            size, italic = abs(sizes[place]), sizes[place] < 0
            bottom = word.top + DISPLAY_HEIGHT if size > 1 and not italic else word.bottom
            word = replace(
                word, size=size, bold=size == HEADLINE_SIZE, italic=italic, bottom=bottom
            )
        elif place[0] in capitals and place[1] == _first_word(lines[place[0]]):
            first, count, indent = capitals[place[0]]
            tall = float(max(count, 2))
            word = replace(word, top=float(first), bottom=first + tall, x1=float(indent), size=tall)
        out.append(word)
    return out
