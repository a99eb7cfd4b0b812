"""Joining the lines of a paragraph back into running text.

A newspaper column is narrow, so the typesetter breaks words at line ends
("Ma-" / "liki") and the text layer keeps the hyphen.  But real compounds are
broken at their own hyphen too ("Russian-" / "made"), and OCR sometimes loses
the hyphen altogether ("dem" / "ocrats").  Which hyphens to keep is decided on
evidence, never by a blanket rule:

1. the page itself: a form written elsewhere on the page wins ("Maliki"
   appears whole many times, so "al-Ma-" / "liki" becomes "al-Maliki");
2. a capital or a digit after the hyphen means a compound ("pro-" / "Kremlin");
3. word frequencies from `wordfreq` (its data ships inside the wheel, so this
   works offline): when both halves are common words and the joined form is
   rare, the hyphen belongs to a compound ("north-western", "Russian-made").

Every decision is returned with its evidence, so a teacher can show a class
why a hyphen stayed.

>>> evidence = WordEvidence.from_text("Maliki said so.")
>>> join_broken_word("Ma", "liki", evidence)[0]
'Maliki'
>>> join_broken_word("Russian", "made", evidence)[0]
'Russian-made'
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from reader.text import english_frequencies, word_zipf

# A word as the page writes it: letters and digits, with inner hyphens and apostrophes.
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Hyphen-like marks a text layer leaves at a line end: hyphen, soft hyphen, OCR's "¬".
LINE_END_HYPHENS = "-\u00ad¬"
# A zipf frequency of 3 is about once per million words: a word most readers know.
COMMON_WORD_ZIPF = 3.0
KNOWN_WORD_ZIPF = 2.5
# Below this a joined form counts as rare.  The thresholds were chosen by breaking
# every word of the polnear-dev texts at its hyphenation points (pyphen) and checking
# which rule rebuilds them best (0.31% wrong); BASIL articles, not used for the
# choice, agree (0.31% wrong there too); see benchmarks/eval_hyphenation.py.
RARE_JOINED_ZIPF = 2.5
NAME_PREFIXES = frozenset({"Mc", "Mac", "O’", "O'"})
# "low- and middle-income": a hyphen that waits for a later word stays, with its space.
SUSPENDING_WORDS = frozenset({"and", "or", "nor", "to"})


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words with a zipf frequency of 4 or more (about 7,000 of them)."""
    threshold = 10 ** (4.0 - 9)
    return frozenset(word for word, freq in english_frequencies().items() if freq >= threshold)


def _without_broken_words(text: str) -> str:
    """The text with both pieces of every word cut at a line end left out.

    >>> _without_broken_words("the repre-\\nsented page")
    'the   page'
    """
    forward, backward = _hyphen_patterns(text)
    # The pieces after the hyphens go first (a plain replacement string keeps this
    # in C); then, in the reversed text, the pieces before them with the hyphen and
    # the line end.  Both searches start at a literal.
    text = forward.sub("-\n", text)
    return backward.sub(" ", text[::-1])[::-1]


_SIGNS_BETWEEN_WORDS = ',.;:!?"“”()[]—–/'


@lru_cache(maxsize=500_000)  # a piece such as "said," comes back page after page
def _words_in_piece(piece: str) -> tuple[str, ...]:
    """The words of one whitespace-free piece of text, and the parts of its
    hyphenated words; remembered across pages.

    >>> _words_in_piece("end.the"), _words_in_piece("mid-east")
    (('end', 'the'), ('mid-east', 'mid', 'east'))
    """
    words = WORD.findall(piece)
    # A hyphenated word counts for its parts too ("mid-east": "mid", "east").
    words += [part for word in words if "-" in word for part in word.split("-")]
    return tuple(words)


@dataclass
class WordEvidence:
    """What the page itself says about words: how often each form is written whole."""

    counts: Counter

    @classmethod
    def from_text(cls, text: str) -> WordEvidence:
        """Count the page's words; the pieces of words cut at a line end do not count.

        >>> evidence = WordEvidence.from_text("repre-\\nsented, then pre-\\nsented; Maliki")
        >>> evidence.seen("sented"), evidence.seen("maliki")
        (0, 1)
        """
        text = _without_broken_words(text).lower().replace("’", "'")
        # Counting whitespace pieces is done in C; only the pieces that are not one
        # plain word ("said,", "u.s.", "mid-east") are cut into words by the regex.
        # Signs that never belong to a word become spaces (each replace is a fast C
        # pass); the words the regex finds stay exactly the same.
        for sign in _SIGNS_BETWEEN_WORDS:
            if sign in text:
                text = text.replace(sign, " ")
        counts = Counter(text.split())
        words_in_pieces: list[str] = []
        for piece in list(itertools.filterfalse(str.isalnum, counts)):
            words_in_pieces += _words_in_piece(piece) * counts.pop(piece)
        counts.update(words_in_pieces)
        return cls(counts)

    def seen(self, word: str) -> int:
        """How many times the page writes this form (case-insensitive)."""
        word = word.lower()
        return self.counts.get(word.replace("’", "'") if "’" in word else word, 0)


def join_broken_word(left: str, right: str, evidence: WordEvidence) -> tuple[str, str, str]:
    """Join a word broken by a line-end hyphen: returns (word, action, evidence).

    ``left`` is the last hyphen-free part before the break, ``right`` the start
    of the next line.  The action is ``"join-word"`` or ``"keep-hyphen"``.

    >>> join_broken_word("sincere", "ly", WordEvidence.from_text(""))[:2]
    ('sincerely', 'join-word')
    >>> join_broken_word("pro", "Kremlin", WordEvidence.from_text(""))[:2]
    ('pro-Kremlin', 'keep-hyphen')
    >>> join_broken_word("Russian", "made", WordEvidence.from_text(""))[:2]
    ('Russian-made', 'keep-hyphen')
    >>> join_broken_word("low", "and", WordEvidence.from_text(""))[:2]
    ('low- and', 'suspended-hyphen')
    """
    joined, hyphenated = left + right, f"{left}-{right}"
    if not right[:1].isalpha() or not left[-1:].isalnum():
        return hyphenated, "keep-hyphen", "a digit or sign after the hyphen"
    seen_joined, seen_hyphenated = evidence.seen(joined), evidence.seen(hyphenated)
    if seen_hyphenated > seen_joined:
        return hyphenated, "keep-hyphen", f"the page writes '{hyphenated}' {seen_hyphenated}x"
    if seen_joined > seen_hyphenated:
        return joined, "join-word", f"the page writes '{joined}' {seen_joined}x"
    if (
        right in SUSPENDING_WORDS
        and len(left) > 2
        and word_zipf(left) >= COMMON_WORD_ZIPF
        and word_zipf(joined) < KNOWN_WORD_ZIPF
    ):
        return f"{left}- {right}", "suspended-hyphen", f"'{left}-' waits for its noun ('{right}')"
    if len(left) == 1:
        return hyphenated, "keep-hyphen", "one letter before the hyphen (T-shirt, R-S.C.)"
    if left in NAME_PREFIXES:
        return joined, "join-word", f"'{left}' starts a name ({joined})"
    all_capitals = left.isupper() and right.isupper() and len(left) > 1 and len(right) > 1
    if right[0].isupper() and not all_capitals:
        return hyphenated, "keep-hyphen", "a capital after the hyphen: a compound"
    zipf_joined = word_zipf(joined)
    zipf_left, zipf_right = word_zipf(left), word_zipf(right)
    both_words = (
        len(left) > 1
        and len(right) > 1
        and min(zipf_left, zipf_right) >= KNOWN_WORD_ZIPF
        and zipf_joined < RARE_JOINED_ZIPF
        and zipf_joined < min(zipf_left, zipf_right) - 2.0
    )
    if both_words:
        return (
            hyphenated,
            "keep-hyphen",
            f"'{left}' ({zipf_left:.1f}) and '{right}' ({zipf_right:.1f}) are words, "
            f"'{joined}' is rare ({zipf_joined:.1f})",
        )
    return joined, "join-word", f"'{joined}' zipf {zipf_joined:.1f}; a word broken at the line end"


def lost_hyphen_join(left: str, right: str, evidence: WordEvidence) -> str | None:
    """Evidence that OCR dropped a line-end hyphen ("dem" / "ocrats"): the reason, or None.

    Joins only when the joined form is a known word (on the page or in wordfreq)
    and one of the halves is not a word on its own.

    >>> lost_hyphen_join("dem", "ocrats", WordEvidence.from_text("")) is not None
    True
    >>> lost_hyphen_join("in", "to", WordEvidence.from_text("")) is None
    True
    """
    if len(left) < 2 or len(right) < 2 or not right[0].islower():
        return None
    if not (left.isalpha() and right.isalpha()):
        return None
    if right in _common_words() and left.lower() in _common_words():
        return None  # two common words ("in" / "to", "the" / "way"): never one word cut
    if evidence.seen(right) > 1:
        return None  # the next line starts with a word the page writes elsewhere too
    joined = left + right
    # Each half is written once on the page as the fragment itself: count the others.
    left_alone = evidence.seen(left) > 1 or word_zipf(left) >= KNOWN_WORD_ZIPF
    right_alone = evidence.seen(right) > 1 or word_zipf(right) >= KNOWN_WORD_ZIPF
    zipf_joined = word_zipf(joined)
    if not (left_alone and right_alone):
        if evidence.seen(joined) > 0:
            return f"the page writes '{joined}' {evidence.seen(joined)}x"
        if zipf_joined >= COMMON_WORD_ZIPF:
            return f"'{joined}' is a word (zipf {zipf_joined:.1f}), a half is not"
        return None
    # Both halves are words, but one is a rare fragment that a common word explains:
    # "state" / "ment" (zipf 2.6) -> "statement" (5.0); never "in" / "to" or "the" / "re".
    rarer = min(word_zipf(left), word_zipf(right))
    if zipf_joined >= COMMON_WORD_ZIPF and rarer < 4.0 and zipf_joined > rarer + 0.75:
        return (
            f"'{joined}' (zipf {zipf_joined:.1f}) is far commoner than its rare half ({rarer:.1f})"
        )
    return None


# A hyphen-like mark at a line end and the letters after it; and, to be searched in
# the reversed text, the line end, the mark and the letters before it.  A page with
# only plain hyphens gets the plain patterns: they start at a literal, which the
# regex engine finds ~5x faster than the character class of the rare marks.
_HYPHEN_PATTERNS = {
    True: (re.compile(r"[-\u00ad¬]\n([^\W_]*+)"), re.compile(r"\n[-\u00ad¬]([^\W_]*+)")),
    False: (re.compile(r"-\n([^\W_]*+)"), re.compile(r"\n-([^\W_]*+)")),
}


def _hyphen_patterns(text: str) -> tuple[re.Pattern, re.Pattern]:
    """The forward and the reversed-text pattern of a line-end hyphen for this text."""
    return _HYPHEN_PATTERNS["\u00ad" in text or "¬" in text]


def _broken_words(text: str) -> list[tuple[int, str, str]]:
    """Every hyphen-like mark right before a line end: (its offset, the letters and
    digits before it, those after the line end), in order.

    >>> _broken_words("Nuri al-Ma-\\nliki, 1990-\\n(2) and -\\nso")
    [(10, 'Ma', 'liki'), (22, '1990', ''), (32, '', 'so')]
    """
    forward = _hyphen_patterns(text)[0]
    return [
        (match.start(), _word_before(text, match.start()), match.group(1))
        for match in forward.finditer(text)
    ]


def _word_before(text: str, end: int) -> str:
    """The run of letters and digits that ends at ``end``.

    Walks back a few characters: faster than a regex anchored at the end.

    >>> _word_before("Nuri al-Ma-", 10)
    'Ma'
    """
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


# At every line end: the next line's first word if it starts in lower case, with the
# hyphen that follows it if any ("" otherwise).
_LOWER_WORD_AFTER_LINE_END = re.compile(r"\n([a-z][^\W_]*+-?)?")


def ends_with_line_hyphen(line: str) -> bool:
    """A line that ends in a hyphen right after a letter or digit ("Ma-", not " -" or "--").

    >>> ends_with_line_hyphen("Nuri al-Ma-"), ends_with_line_hyphen("Soviet -")
    (True, False)
    """
    return len(line) > 1 and line[-1] in LINE_END_HYPHENS and line[-2].isalnum()


def join_two_lines(left: str, right: str, evidence: WordEvidence) -> tuple[str, str, str]:
    """Join one line to the next: returns (text, action, evidence).

    Actions: ``join-word``, ``keep-hyphen``, ``join-lost-hyphen`` or ``space``.

    >>> join_two_lines("Nuri al-Ma-", "liki called", WordEvidence.from_text("Maliki"))[0]
    'Nuri al-Maliki called'
    """
    text, seams = join_lines([left, right], evidence)
    return (text, seams[0].action, seams[0].evidence) if seams else (text, "space", "")


@dataclass(slots=True)
class Seam:
    """A line end that was not simply replaced by a space."""

    line: int  # index of the line after the seam
    action: str  # join-word, keep-hyphen or join-lost-hyphen
    before: str
    after: str
    evidence: str


def join_lines(
    lines: list[str], evidence: WordEvidence, join_lost_hyphens: bool = True
) -> tuple[str, list[Seam]]:
    """Join a paragraph's lines into one text; returns it with the seams that were not spaces.

    >>> text, seams = join_lines(["Russia’s Fed-", "eral Service, Russian-", "made tanks"],
    ...                          WordEvidence.from_text(""))
    >>> text
    'Russia’s Federal Service, Russian-made tanks'
    >>> [seam.action for seam in seams]
    ['join-word', 'keep-hyphen']
    """
    texts, seams = join_paragraphs([lines], evidence, join_lost_hyphens)
    return texts[0], [seam for _, seam in seams]


def undo_seam(action: str, left: str, right: str) -> str:
    """What a line-end hyphen becomes when the repair ``action`` is switched off: the
    hyphen stays where a word would be joined, goes where it would stay.

    >>> undo_seam("join-word", "Ma", "liki"), undo_seam("keep-hyphen", "Russian", "made")
    ('Ma-liki', 'Russianmade')
    """
    return left + right if action == "keep-hyphen" else f"{left}-{right}"


# Stands between paragraphs while a whole page is joined in one pass.
_PARAGRAPH_MARK = "\x00"


def _rows_of(paragraphs: list[list[str]]) -> tuple[list[str], list[int]]:
    """The rows of the page text that `join_paragraphs` works on, and the row each
    paragraph starts at: each paragraph's lines, with a row holding only the paragraph
    mark between two paragraphs.

    >>> _rows_of([["a", "b"], [], ["c"]])
    (['a', 'b', '\\x00', '', '\\x00', 'c'], [0, 3, 5])
    """
    rows: list[str] = []
    first_rows: list[int] = []
    for lines in paragraphs:
        first_rows.append(len(rows))
        rows += lines or [""]  # a paragraph with no lines is one empty row
        rows.append(_PARAGRAPH_MARK)
    return rows[:-1] or [""], first_rows


def join_paragraphs(
    paragraphs: list[list[str]],
    evidence: WordEvidence,
    join_lost_hyphens: bool = True,
    skip: Collection[str] = (),
) -> tuple[list[str], list[tuple[int, Seam]]]:
    """Join the lines of every paragraph of a page in one pass over the page.

    Returns the paragraphs' texts and the seams that were not spaces, each with
    the index of its paragraph (``Seam.line`` counts within that paragraph).
    One pass instead of one per paragraph: the regular expressions and the
    bookkeeping run once for the page.  A seam whose repair is named in ``skip``
    (``join-word``, ``keep-hyphen``, ``suspended-hyphen``, ``join-lost-hyphen``) is
    left as the other choice would leave it (`undo_seam`), and not recorded.

    >>> join_paragraphs([["sincere-", "ly"], ["pro-", "Kremlin"]], WordEvidence.from_text(""))[0]
    ['sincerely', 'pro-Kremlin']
    """
    stripped = [list(filter(None, map(str.strip, lines))) for lines in paragraphs]
    rows, first_rows = _rows_of(stripped)
    text = "\n".join(rows)

    def where(row: int) -> tuple[int, int]:
        """(paragraph, line in it) of a row of the page text."""
        paragraph = bisect.bisect_right(first_rows, row) - 1
        return paragraph, row - first_rows[paragraph]

    seams: list[tuple[int, Seam]] = []
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text

    row, counted_to = 0, 0  # the row of the text at counted_to, counted as the loop goes
    for hyphen, left, right in _broken_words(text):
        if not left or text[hyphen + 2 : hyphen + 3] == _PARAGRAPH_MARK:
            continue  # a dash after a space or a sign, or a paragraph's end
        end = hyphen + 2 + len(right)  # after the hyphen, the line end and the word
        if not right:
            word, action, why = left + "-", "keep-hyphen", "no word after the hyphen"
        else:
            word, action, why = join_broken_word(left, right, evidence)
            if action == "suspended-hyphen" and text[end : end + 1] == "-":
                word, action = f"{left}-{right}", "keep-hyphen"
                why = "a chain of hyphenated words (day-to-day)"
        if action in skip:
            edits.append((hyphen - len(left), end, undo_seam(action, left, right)))
            continue
        edits.append((hyphen - len(left), end, word))
        row += text.count("\n", counted_to, hyphen)
        counted_to = hyphen
        paragraph, line = where(row + 1)
        seam = Seam(line, action, f"{left}- | {right or None}", word, why)
        seams.append((paragraph, seam))

    if join_lost_hyphens and "join-lost-hyphen" not in skip:
        # The first word of every line: a regex pass that starts at "\n", which is fast.
        starts = _LOWER_WORD_AFTER_LINE_END.findall(text)
        # Only a line that starts with a word the page writes once may start with the
        # second half of a word; the rows to look at are picked out in C.
        count_of = evidence.counts.get
        written_once = {word for word in set(starts) if count_of(word, 0) < 2}
        written_once.discard("")  # a line that starts with no lower-case word
        row_starts: list[int] = []
        for row in itertools.compress(itertools.count(1), map(written_once.__contains__, starts)):
            right, before = starts[row - 1], rows[row - 1]  # the line before the line end
            left = _word_before(before, len(before)) if right[-1] != "-" else ""
            if not left:
                continue  # a word cut at its own end, or no word before the line end
            why = lost_hyphen_join(left, right, evidence)
            if why:
                if not row_starts:
                    lengths = map((1).__add__, map(len, rows))
                    row_starts = list(itertools.accumulate(lengths, initial=0))
                newline = row_starts[row] - 1
                edits.append((newline - len(left), newline + 1 + len(right), left + right))
                paragraph, line = where(row)
                joined = left + right
                seam = Seam(line, "join-lost-hyphen", f"{left} | {right}", joined, why)
                seams.append((paragraph, seam))

    if edits:
        edits.sort()
        pieces, cursor = [], 0
        for start, end, replacement in edits:
            if start < cursor:
                continue  # a one-word line joined at both ends: keep the first edit
            pieces += [text[cursor:start], replacement]
            cursor = end
        pieces.append(text[cursor:])
        text = "".join(pieces)
        seams.sort(key=lambda item: (item[0], item[1].line))
    joined = text.replace("\n", " ").split(f" {_PARAGRAPH_MARK} ")
    return joined, seams
