"""Drop capitals: the big first letter of an article, which the text comes apart from.

A PDF's text layer sets it alone on a line (" I " / "raqi"); OCR reads it on the
line below its word ("epublican" / "R nominee"), a space away from it ("T he"), or
not at all ("onald Trump", "SHINGTON —").  Each way is a repair of its own
(`reader.clean.repairs`).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Collection

from reader.clean.decisions import Decision
from reader.clean.hyphens import COMMON_WORD_ZIPF, WordEvidence, ends_with_line_hyphen
from reader.clean.lines import PageEditor, PageLines
from reader.clean.reading_order import SPLIT_DROP_CAPITAL, line_before, split_drop_capital
from reader.text import ends_sentence, word_zipf

DROP_CAPITAL = re.compile(r"^\s*([A-Z])\s*$")


# DROP_CAPITAL on a line after the first; it starts at "\n", which the regex engine finds fast.
_DROP_CAPITAL_LINE = re.compile(r"\n[^\S\n]*[A-Z][^\S\n]*(?:\n|$)")


def has_drop_capital_line(text: str) -> bool:
    """Does any line of the text match DROP_CAPITAL?  Read without a copy of the text.

    >>> has_drop_capital_line(" I \\n\\nraqi"), has_drop_capital_line("A page.\\nI said")
    (True, False)
    """
    first_line = text.split("\n", 1)[0]
    return bool(DROP_CAPITAL.match(first_line) or _DROP_CAPITAL_LINE.search(text))


def join_drop_capitals(page: PageLines, decisions: list[Decision]) -> PageLines:
    """Join a drop capital ("I" alone on a line) to the start of its word or sentence.

    The capital joins the next line's first word ("I" + "raqi") unless that line
    starts a new word of its own after a space (" A " + " Bloomberg poll").

    >>> page = join_drop_capitals(PageLines.of(" I \\n\\nraqi Vice-President\\nsaid"), [])
    >>> page.texts, page.numbers, page.opens_with_drop_capital(0)
    (['Iraqi Vice-President', 'said'], [3, 4], True)
    """
    texts, numbers = page.texts, page.numbers
    # Only a short line may be a drop capital (" I " at most).
    capitals = [i for i in page.short_lines(5) if DROP_CAPITAL.match(texts[i])]
    edited = PageEditor(page)
    edited.drop_capitals = set(page.drop_capitals)
    for index in capitals:
        if index < edited.cursor:
            continue
        following = index + 1
        while following < len(texts) and not texts[following].strip():
            following += 1
        if following >= len(texts) or following - index > 3:
            continue
        letter, rest = texts[index].strip(), texts[following]
        separate_word = _drop_capital_is_a_word(letter, rest)
        joined = f"{letter} {rest.lstrip()}" if separate_word else letter + rest.lstrip()
        decisions.append(
            Decision(
                "join-drop-capital",
                numbers[index],
                f"{letter} | {rest.strip()[:20]}",
                joined[:24],
                "a word of its own after a space" if separate_word else "joined to its word",
            )
        )
        edited.keep(index)
        edited.add(joined, numbers[following])
        edited.skip(following + 1)
        edited.drop_capitals.add(numbers[following])
    return edited.done()


def _drop_capital_is_a_word(letter: str, rest: str) -> bool:
    """Is a drop capital a word of its own ("A" / "union") rather than a word's start ("I" / "raqi")?

    >>> _drop_capital_is_a_word("I", "raqi Vice-President"), _drop_capital_is_a_word("A", "union")
    (False, True)
    """
    if rest.lstrip()[:1] in "“\"‘'":
        return True
    if letter not in "AI":
        return False
    if rest[:1] == " ":
        return True
    first = re.match(r"[^\W_]+", rest)
    if not first or first.group().isupper():
        return False  # "A" + "BSTRACT."
    if first.group()[0].isupper():
        return True  # "A" + "Republican staffer"
    # "A" + "union": "Aunion" is no word while "union" is; "I" + "raqi": the reverse.
    return word_zipf(letter + first.group()) < word_zipf(first.group())


def restore_ocr_drop_capitals(
    page: PageLines,
    evidence: WordEvidence,
    decisions: list[Decision],
    skip: Collection[str] = (),
) -> PageLines:
    """Give back a drop capital that OCR read apart from its word, or lost.

    Tesseract reads a drop capital, which stands beside two or three lines, at
    the start of the second line ("epublican presidential" / "R nominee Donald"),
    set apart on its own line ("T he New York Post"), or not at all ("onald Trump,
    under fire", "SHINGTON —").  Either way a block then opens on a piece of a
    word.  The capital goes back when it makes that piece a word; a lost one only
    when no word is written on the page or in wordfreq with another capital (never
    a guess between "Donald" and "Ronald" unless the page writes one of them).
    Each way is a repair of its own, named in the decision; those in ``skip`` are
    not made.

    >>> page = PageLines.of("epublican presidential\\nR nominee Donald Trump")
    >>> restore_ocr_drop_capitals(page, WordEvidence.from_text(""), []).texts
    ['Republican presidential', 'nominee Donald Trump']
    >>> page = PageLines.of("onald Trump, under fire\\nover his taxes")
    >>> restore_ocr_drop_capitals(page, WordEvidence.from_text("Donald Trump"), []).texts
    ['Donald Trump, under fire', 'over his taxes']
    """
    texts, numbers, kinds = page.texts, page.numbers, page.kinds
    edited = PageEditor(page)
    edited.drop_capitals = set(page.drop_capitals)
    for block in _BLOCK_START.finditer(kinds):
        index = block.start()
        line = texts[index]
        below = texts[index + 1] if kinds[index + 1 : index + 2] == "t" else ""
        if SPLIT_DROP_CAPITAL.match(line):
            name, found = "drop-capital-set-apart", capital_set_apart(line)
        elif _CAPITALS_START.match(line):
            name, found = "dateline-capitals", capitals_of_a_dateline(line, below, evidence)
        else:
            # After a line-end hyphen the block opens on the second half of a cut word.
            name, found = "", None
            if not ends_with_line_hyphen(line_before(texts, index)):
                name, found = _capital_of_a_piece(line, below, evidence)
            if found is None and _opens_a_paragraph(texts, index):
                name, found = "drop-capital-a-below", word_a_set_below(line, below)
        if found is None or name in skip:
            continue
        fixed, below_fixed, (was, word, why) = found
        decisions.append(Decision(name, numbers[index], was, word, why))
        edited.keep(index)
        edited.add(fixed, numbers[index])
        edited.drop_capitals.add(numbers[index])
        if below_fixed is None:
            edited.skip(index + 1)
        else:
            edited.add(below_fixed, numbers[index + 1])
            edited.skip(index + 2)
    return edited.done()


# What a drop capital put back gives: the line, the line below if it changes (else
# None), and what the decision shows (before, after, why).
_CapitalPutBack = tuple[str, str | None, tuple[str, str, str]]


def capital_set_apart(line: str) -> _CapitalPutBack | None:
    """ "T he New York Post": the capital is in place, a space away from its word.

    >>> capital_set_apart("T he New York Post")[0]
    'The New York Post'
    """
    word = split_drop_capital(line)
    if word is None:
        return None
    why = f"OCR set the drop capital apart from its word: '{word}' is a word"
    return word + line[len(word) + 1 :], None, (line[: len(word) + 1], word, why)


def capitals_of_a_dateline(line: str, below: str, evidence: WordEvidence) -> _CapitalPutBack | None:
    """ "SHINGTON —": a dateline in capitals that lost its drop capitals, which
    may stand at the start of the line below ("HOENIX —" / "P sent a bill").

    >>> capitals_of_a_dateline("HOENIX — As the", "P sent a bill", WordEvidence.from_text(""))[:2]
    ('PHOENIX — As the', 'sent a bill')
    """
    piece = _CAPITALS_START.match(line).group()
    letters = _lost_capitals(piece, evidence)
    if letters is None:
        return None
    word = letters + piece
    why = f"OCR lost the drop capital: '{word}' is a word, '{piece}' is not"
    moved = _LONE_CAPITALS.match(below)
    below_fixed = below[moved.end() :] if moved and moved.group(1) == letters else None
    return letters + line, below_fixed, (piece, word, why)


def _opens_a_paragraph(texts: list[str], index: int) -> bool:
    """Does the block at ``index`` open a paragraph: at the page's top, after a finished
    sentence, or after a short block of its own (a title)?"""
    previous = next((i for i in range(index - 1, -1, -1) if texts[i]), None)
    if previous is None:
        return True
    last = texts[previous]
    if ends_sentence(last):
        return True
    block_start = next((i for i in range(previous, -1, -1) if not texts[i]), -1) + 1
    return previous - block_start < 6 and not last.endswith(("-", ","))  # six lines at most


def word_a_set_below(line: str, below: str) -> _CapitalPutBack | None:
    """ "Bloomberg" / "A poll shows that": the drop capital "A", a word of its own,
    read at the start of the second line.  A capital "A" before a word in lower case
    cannot go on a sentence that the line above leaves open.

    >>> word_a_set_below("federal appeals court ruled Friday", "A against Ohio’s procedure")[:2]
    ('A federal appeals court ruled Friday', 'against Ohio’s procedure')
    >>> word_a_set_below("the video, which was made.", "A second person") is None
    True
    """
    if not below.startswith("A ") or not below[2:3].islower() or ends_sentence(line):
        return None
    why = "OCR set the drop capital 'A', a word of its own, at the start of the next line"
    return "A " + line, below[2:], ("A |", "A " + line.split(" ", 1)[0], why)


def _capital_of_a_piece(
    line: str, below: str, evidence: WordEvidence
) -> tuple[str, _CapitalPutBack | None]:
    """ "epublican" with "R" at the start of the line below, or "onald" alone: the
    name of the repair that applies and what it gives (None: no capital goes back)."""
    piece = _LOWER_CASE_START.match(line)
    if piece is None:
        return "", None
    if _LONE_CAPITALS.match(below):
        return "drop-capital-below", capital_read_below(line, piece.group(), below)
    return "lost-drop-capital", lost_capital_of_a_piece(line, piece.group(), evidence)


def capital_read_below(line: str, fragment: str, below: str) -> _CapitalPutBack | None:
    """ "epublican presidential" / "R nominee": Tesseract read the drop capital, which
    stands beside two lines, at the start of the second one.  It goes back when it makes
    the line's first piece a common word, clearly commoner than the piece alone.

    >>> capital_read_below("epublican presidential", "epublican", "R nominee Donald")[:2]
    ('Republican presidential', 'nominee Donald')
    >>> capital_read_below("and the", "and", "R nominee") is None
    True
    """
    moved = _LONE_CAPITALS.match(below)
    letter = moved.group(1)[-1]
    if word_zipf(letter + fragment) < max(COMMON_WORD_ZIPF, word_zipf(fragment) + 0.5):
        return None
    why = f"OCR set the drop capital '{letter}' on the next line"
    below_fixed = below[moved.end() :]
    return letter + line, below_fixed, (f"{letter} | {fragment}", letter + fragment, why)


def lost_capital_of_a_piece(
    line: str, fragment: str, evidence: WordEvidence
) -> _CapitalPutBack | None:
    """ "onald Trump, under fire": Tesseract did not read the drop capital at all.  It
    goes back only when one capital alone makes the piece a word (on the page, or
    common in wordfreq): never a guess between "Donald" and "Ronald".

    >>> lost_capital_of_a_piece("etired general", "etired", WordEvidence.from_text(""))[0]
    'Retired general'
    >>> lost_capital_of_a_piece("onald Trump", "onald", WordEvidence.from_text("")) is None
    True
    """
    letter = _lost_capital(fragment, evidence)
    if letter is None:
        return None
    why = f"OCR lost the drop capital: '{letter}{fragment}' is a word, '{fragment}' is not"
    return letter + line, None, (f"{letter} | {fragment}", letter + fragment, why)


# In a page's kinds: the first text line of a block (after a blank line or at the top).
_BLOCK_START = re.compile(r"(?<![ti])t")


# A line that opens on a lower-case piece of a word.
_LOWER_CASE_START = re.compile(r"[a-z]+(?![^\W_])")


# A line that opens on a word in capitals, as a dateline does ("SHINGTON —").
_CAPITALS_START = re.compile(r"[A-Z]{3,}(?![^\W_])")


# A drop capital that OCR read at the start of the line below ("R nominee", "EF Jersey").
_LONE_CAPITALS = re.compile(r"([A-Z]{1,2}) (?=\S)")


def _lost_capital(fragment: str, evidence: WordEvidence) -> str | None:
    """The one capital that makes an unknown piece of a word a word ("onald": "D").

    >>> nothing = WordEvidence.from_text("")
    >>> _lost_capital("etired", nothing), _lost_capital("he", nothing), _lost_capital("onald", nothing)
    ('R', None, None)
    """
    if word_zipf(fragment) > 0 or evidence.seen(fragment) > 1:  # once: this line itself
        return None  # a word of its own: nothing is missing, or nothing can be told
    words = [c for c in string.ascii_uppercase if word_zipf(c + fragment) >= COMMON_WORD_ZIPF]
    written = [c for c in words if evidence.seen(c + fragment)]
    if len(written) == 1:
        return written[0]
    return words[0] if len(words) == 1 else None


def _lost_capitals(fragment: str, evidence: WordEvidence) -> str | None:
    """The one or two capitals that make a dateline's piece a word ("SHINGTON": "WA").

    >>> nothing = WordEvidence.from_text("")
    >>> _lost_capitals("SHINGTON", nothing), _lost_capitals("HOENIX", nothing)
    ('WA', 'P')
    >>> _lost_capitals("MHERST", nothing), _lost_capitals("SENATE", nothing)
    ('A', None)
    """
    if word_zipf(fragment) > 0 or evidence.seen(fragment) > 1:
        return None
    for length in (1, 2):
        prefixes = map("".join, itertools.product(string.ascii_uppercase, repeat=length))
        found = [p for p in prefixes if word_zipf(p + fragment) >= COMMON_WORD_ZIPF]
        if found:
            return found[0] if len(found) == 1 else None
    return None
