"""Put back in order the lines that OCR read across a column instead of down it.

Tesseract finds a page's blocks by the white space between them.  A drop
capital, or the wide gaps of a justified line, can make it see several narrow
columns where there is one: it then reads the first piece of every row, then the
second piece of every row, and so on.  The opening of an article comes out as

    reports that Hillary              (row 1, second piece)
    to the emergency room fol-        (row 2, second piece)
    Clinton’s team                    (row 1, third piece)
    lowing her medical scare          (row 2, third piece)
    T he New York Post                (row 1, first piece)
    avoided taking her                (row 2, first piece)

where the page printed "T he New York Post reports that Hillary Clinton’s team /
avoided taking her to the emergency room fol- / lowing her medical scare".

Such a stretch shows itself by what cannot be: a word cut at a line end that the
next line does not finish ("fol-" / "“keep"), or a split drop capital ("T he") in
the middle of a sentence.  From each such sign, `restore_reading_order` tries
every way of cutting the nearby lines into two or three pieces read as columns
and putting them back row by row, and scores each order on what the lines say:

- a word cut at a line end must be finished by the next line (+3), or at least
  make a compound of two words (0); anything else counts -3;
- a line that ends a sentence is followed by one that can open one (+1, any
  other -2); a line in mid-sentence by a lower-case start (+1);
- a drop capital opens the stretch (-4 anywhere else);
- a closing bracket or quote never comes before its opening one (-3).

The lines change order only when the best order beats the order as read by 4
points and no other order comes within 2 of it: the signs must agree.  Pages
with indented lines (a PDF text layer keeps its indents) never get here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reader.clean.hyphens import COMMON_WORD_ZIPF, WordEvidence, ends_with_line_hyphen
from reader.text import ends_sentence, word_zipf

# How far from a sign of disorder the lines may have been moved, in lines.
REACH = 16
# Each sign costs a search of some thousands of orders: a page has a few at most,
# so text with far more of them is not a page read across columns.
SIGNS_LOOKED_AT = 10
LINES_PER_FURTHER_SIGN = 2000
# The fewest points by which the best order must beat the order as read, and
# every other order.
MARGIN_OVER_READ = 4
MARGIN_OVER_OTHERS = 2
# Both halves of a compound cut at its own hyphen are words at least this common
# ("state-" / "designated"); wordfreq knows many scraps of words ("fol": 3.3).
COMPOUND_PART_ZIPF = 3.5

# A drop capital that OCR read apart from the rest of its word on the same line:
# "T he New York Post", "O n this weekend’s".  "A" and "I" are words of their own.
SPLIT_DROP_CAPITAL = re.compile(r"([B-HJ-Z]) ([a-z]+)(?![^\W_])")
_FIRST_WORD = re.compile(r"[\"“‘'(\[]*([^\W_]+)")
_LAST_WORD = re.compile(r"([^\W_]+)-$")
_CAN_OPEN_SENTENCE = re.compile(r"[\"“‘'(\[—–-]*[A-Z0-9$£€]")
_OPENING = {")": "(", "]": "[", "”": "“"}


@dataclass(frozen=True)
class Reordering:
    """Lines read out of order, and the order they go back in.

    ``lines`` are indices into the page's lines, in the restored order; they
    take the place of the stretch from ``first`` to ``last`` (blank lines in it
    are dropped).  ``headline`` is a short title line that OCR read in the middle
    of the stretch, which goes before it.
    """

    first: int
    last: int
    lines: tuple[int, ...]
    headline: int | None
    score: int
    score_as_read: int

    def gain(self) -> int:
        """How much better the stretch reads in this order than as OCR read it."""
        return self.score - self.score_as_read


def split_drop_capital(text: str) -> str | None:
    """The word a drop capital read apart from its rest makes, or None.

    >>> split_drop_capital("T he New York Post"), split_drop_capital("O n this weekend’s")
    ('The', 'On')
    >>> split_drop_capital("A poll shows"), split_drop_capital("S is taking heat")
    (None, None)
    """
    match = SPLIT_DROP_CAPITAL.match(text)
    if match is None:
        return None
    word = match.group(1) + match.group(2)
    # "T he": "The" is far commoner than "he"; "S is" (a capital moved onto a
    # line that starts with "is") makes "Sis", far rarer than "is".
    return (
        word if word_zipf(word) >= max(COMMON_WORD_ZIPF, word_zipf(match.group(2)) + 0.5) else None
    )


def hyphen_fit(left: str, right: str, evidence: WordEvidence) -> int:
    """How well ``right`` finishes the word that ``left`` cuts at its end.

    3 when the two pieces make a word; -3 when ``right`` cannot go on with a cut
    word (it starts with a quote, a digit or a bracket, or with a common word
    that makes no compound with the piece before); 0 when nothing can be told
    (a rare word: "car-" / "diothoracic"), when the two could make a compound
    of two words, or when ``left`` cuts no word.

    >>> nothing = WordEvidence.from_text("")
    >>> hyphen_fit("to the emergency room fol-", "lowing her", nothing)
    3
    >>> hyphen_fit("to the emergency room fol-", "“keep the details", nothing)
    -3
    >>> hyphen_fit("a state-", "designated centre", nothing), hyphen_fit("car-", "diothoracic", nothing)
    (0, 0)
    """
    if not ends_with_line_hyphen(left):
        return 0
    cut = _LAST_WORD.search(left)
    start = _FIRST_WORD.match(right)
    if cut is None or start is None:
        return 0
    head, tail = cut.group(1), start.group(1)
    if not right[0].isalpha():
        return -3
    if len(head) < 2:
        return 0  # "D-" / "Nev.": a party and a state, or a compound ("U-turn")
    if _is_word(head + tail, evidence):
        return 3
    if not _is_word(tail, evidence, COMPOUND_PART_ZIPF):
        return 0
    return 0 if _is_word(head, evidence, COMPOUND_PART_ZIPF) else -3


def _is_word(word: str, evidence: WordEvidence, zipf: float = COMMON_WORD_ZIPF) -> bool:
    return word_zipf(word) >= zipf or evidence.seen(word) > 0 or word.isdigit()


def pair_score(line: str, following: str, evidence: WordEvidence) -> int:
    """How well ``following`` reads as the line after ``line``.

    >>> nothing = WordEvidence.from_text("")
    >>> pair_score("Clinton’s team", "avoided taking her", nothing)
    1
    >>> pair_score("under wraps.”", "lowing her medical scare", nothing)
    -2
    """
    if ends_with_line_hyphen(line):
        return hyphen_fit(line, following, evidence)
    if ends_sentence(line):
        return 1 if _CAN_OPEN_SENTENCE.match(following) else -2
    return 1 if following[:1].islower() else 0


def order_score(texts: list[str], evidence: WordEvidence, before: str = "", after: str = "") -> int:
    """The score of lines read in this order, between ``before`` and ``after``
    (the lines around them, which stay where they are).

    >>> nothing = WordEvidence.from_text("")
    >>> order_score(["T he Post said", "that it was so."], nothing)
    1
    >>> order_score(["that it was so.", "T he Post said"], nothing)
    -3
    """
    around = [before, *texts, after] if before else [*texts, after]
    read = [text for text in around if text]
    score = sum(pair_score(a, b, evidence) for a, b in itertools.pairwise(read))
    score -= 4 * sum(1 for text in texts[1:] if split_drop_capital(text))
    return score - 3 * _brackets_closed_before_opened(texts)


def _brackets_closed_before_opened(texts: list[str]) -> int:
    """How many closing brackets or quotes come before their opening one."""
    open_count = dict.fromkeys(_OPENING.values(), 0)
    wrong = 0
    for char in "\n".join(texts):
        if char in open_count:
            open_count[char] += 1
        elif char in _OPENING:
            if open_count[_OPENING[char]]:
                open_count[_OPENING[char]] -= 1
            else:
                wrong += 1
    return wrong


@lru_cache(maxsize=4096)
def row_orders(sizes: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Every way pieces of these sizes, read as columns, fill rows left to right.

    ``sizes`` are the lengths of the pieces as read, one after the other.  A
    piece may take one or two lines of each row.  Yields each order as
    (piece, line in the piece) pairs; the order as read is not among them.

    >>> ((1, 0), (0, 0), (1, 1), (0, 1)) in row_orders((2, 2))
    True
    """
    return tuple(_row_orders(sizes))


def _row_orders(sizes: tuple[int, ...]) -> Iterator[tuple[tuple[int, int], ...]]:
    pieces = range(len(sizes))
    total = sum(sizes)
    seen = set()
    for columns in itertools.permutations(pieces):
        for widths in itertools.product((1, 2), repeat=len(sizes)):
            per_row = sum(widths)
            rows = -(-total // per_row)
            if rows < 2:
                continue  # one row: the pieces swapped whole, not read across
            order = _fill_rows(columns, widths, sizes, rows)
            if order is None or order in seen or _is_as_read(order):
                continue
            seen.add(order)
            yield order


def _is_as_read(order: tuple[tuple[int, int], ...]) -> bool:
    return all(a <= b for a, b in itertools.pairwise(order))


def _fill_rows(
    columns: tuple[int, ...], widths: tuple[int, ...], sizes: tuple[int, ...], rows: int
) -> tuple[tuple[int, int], ...] | None:
    """Lines fill the rows slot by slot; only the end of the last row may stay empty."""
    taken = [0] * len(sizes)
    order = []
    emptied = False
    for _row in range(rows):
        for piece in columns:
            for _slot in range(widths[piece]):
                if taken[piece] == sizes[piece]:
                    emptied = True
                elif emptied:
                    return None
                else:
                    order.append((piece, taken[piece]))
                    taken[piece] += 1
    return tuple(order) if len(order) == sum(sizes) else None


def restore_reading_order(texts: list[str], evidence: WordEvidence) -> list[Reordering]:
    """The stretches of lines OCR read across columns, with their restored order.

    ``texts`` are a page's lines (blank ones included).  Stretches do not overlap.

    >>> lines = ["reports that Hillary", "to the emergency room fol-", "",
    ...          "Clinton’s team", "lowing her medical scare", "",
    ...          "T he New York Post", "avoided taking her", "on Sunday in order.", "",
    ...          "The next paragraph."]
    >>> [found] = restore_reading_order(lines, WordEvidence.from_text(""))
    >>> [lines[i] for i in found.lines]  # doctest: +NORMALIZE_WHITESPACE
    ['T he New York Post', 'reports that Hillary', 'Clinton’s team',
     'avoided taking her', 'to the emergency room fol-', 'lowing her medical scare',
     'on Sunday in order.']
    """
    filled = [index for index, text in enumerate(texts) if text]
    found: list[Reordering] = []
    signs = _signs_of_disorder(texts, filled, evidence)
    for position in signs[: SIGNS_LOOKED_AT + len(filled) // LINES_PER_FURTHER_SIGN]:
        if found and filled[position] <= found[-1].last:
            continue
        best = _best_order_near(texts, filled, position, evidence)
        if best is not None and (not found or best.first > found[-1].last):
            found.append(best)
    return found


def _signs_of_disorder(texts: list[str], filled: list[int], evidence: WordEvidence) -> list[int]:
    """Positions (in ``filled``) of lines that cannot follow the line read before them."""
    signs = []
    for position in range(1, len(filled)):
        line, before = texts[filled[position]], texts[filled[position - 1]]
        cut_word_left_unfinished = hyphen_fit(before, line, evidence) < 0
        capital_inside_a_sentence = split_drop_capital(line) and not (
            ends_sentence(before) or _is_short_title(before)
        )
        if cut_word_left_unfinished or capital_inside_a_sentence:
            signs.append(position)
    return signs


def _is_short_title(text: str) -> bool:
    """A line of one to four capitalised words and no closing stop: "Untitled", "World News"."""
    words = text.split()
    return (
        0 < len(words) <= 4
        and all(word[:1].isupper() for word in words)
        and not ends_sentence(text)
        and not text.endswith((",", "-"))
    )


def _best_order_near(
    texts: list[str], filled: list[int], sign: int, evidence: WordEvidence
) -> Reordering | None:
    """The best way of reading again some stretch of lines around ``sign``, if clear enough."""
    candidates: dict[tuple[int, ...], Reordering] = {}
    for start in _stretch_starts(texts, filled, sign):
        for end in range(max(sign, start + 2), min(len(filled), start + REACH) + 1):
            if end < len(filled) and filled[end] == filled[end - 1] + 1:
                continue  # a stretch ends where a block does
            stretch = filled[start:end]
            titles = [None] + [i for i in stretch[1:-1] if _is_short_title(texts[i])][:1]
            for headline in titles:
                lines = [i for i in stretch if i != headline]
                for reordering in _orders_of(texts, lines, headline, evidence):
                    known = candidates.get(reordering.lines)
                    if known is None or reordering.gain() > known.gain():
                        candidates[reordering.lines] = reordering
    if not candidates:
        return None
    ranked = sorted(candidates.values(), key=Reordering.gain, reverse=True)
    best = ranked[0]
    if best.gain() < MARGIN_OVER_READ:
        return None
    if len(ranked) > 1 and ranked[1].gain() > best.gain() - MARGIN_OVER_OTHERS:
        return None
    return best


def _stretch_starts(texts: list[str], filled: list[int], sign: int) -> list[int]:
    """Where a stretch read out of order may begin: at a block's first line (after a
    blank line or at the top) that follows a finished sentence or a short title,
    at most REACH lines before the sign."""
    starts = []
    for start in range(max(0, sign - REACH + 1), sign + 1):
        at_block_start = start == 0 or filled[start - 1] < filled[start] - 1
        before = texts[filled[start - 1]] if start else ""
        if at_block_start and (not before or ends_sentence(before) or _is_short_title(before)):
            starts.append(start)
    return starts


def _orders_of(
    texts: list[str],
    lines: list[int],
    headline: int | None,
    evidence: WordEvidence,
) -> Iterator[Reordering]:
    """Each order of ``lines`` read back row by row from two or three columns."""
    before = line_before(texts, lines[0])
    after = _line_after(texts, lines[-1])

    def score(order: list[int]) -> int:
        return order_score([texts[i] for i in order], evidence, before, after)

    as_read = score(lines)
    # OCR ends each block it reads with a blank line: the pieces are cut there.
    gaps = [k for k in range(1, len(lines)) if lines[k] > lines[k - 1] + 1]
    for pieces in (2, 3):
        for cuts in itertools.combinations(gaps, pieces - 1):
            bounds = (0, *cuts, len(lines))
            sizes = tuple(b - a for a, b in itertools.pairwise(bounds))
            for order in row_orders(sizes):
                indices = tuple(lines[bounds[piece] + k] for piece, k in order)
                if not ends_sentence(texts[indices[-1]]):
                    continue  # a paragraph read across is put back whole
                yield Reordering(
                    first=lines[0],  # the headline, if any, stands inside the stretch
                    last=lines[-1],
                    lines=indices,
                    headline=headline,
                    score=score(list(indices)),
                    score_as_read=as_read,
                )


def line_before(texts: list[str], index: int) -> str:
    """The nearest line with text before ``index`` ("" at the top)."""
    return next((texts[i] for i in range(index - 1, -1, -1) if texts[i]), "")


def _line_after(texts: list[str], index: int) -> str:
    return next((texts[i] for i in range(index + 1, len(texts)) if texts[i]), "")
