"""Finding the quotation marks of each paragraph, and hiding the quoted words while the
attribution around them is read.
"""

from __future__ import annotations

import re

from reader.document import Document
from reader.quotes.model import _Span, _Token
from reader.quotes.words import _TOKEN, CLOSING_MARKS, HIDDEN, OPENING_MARKS, STRAIGHT_MARK
from reader.text import sentence_spans

# --- finding the marks -----------------------------------------------------------------


# A transcript's speaker label opening a quote: “PENCE: Well, Chris, …”
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.’'\-]+(?: [A-Z][A-Z.’'\-]+){0,2}):\s+")
_ANY_MARK = re.compile(f"[{re.escape(OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK)}]")


def _pair_marks(text: str) -> list[tuple[int, int | None]]:
    """Pair the double quotation marks of one paragraph: (open, close) positions.

    Curly marks say which way they face; a straight mark opens when no quote is open
    and closes otherwise.  A paragraph may end inside a quote (close is None).

    >>> _pair_marks('He said “yes” and "no".')
    [(8, 12), (18, 21)]
    >>> _pair_marks("“We are grateful")
    [(0, None)]
    >>> _pair_marks("”Mr. Trump embodies it.“ ― S. H.")
    [(0, 23)]
    >>> _pair_marks("He is 6'3\\" tall; \\"big\\" he said.")
    [(17, 21)]
    """
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for mark in _ANY_MARK.finditer(text):  # every other character leaves all as it is
        index, char = mark.start(), mark.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if (
            char in OPENING_MARKS
            and open_at is not None
            and not before.isspace()
            and after.isspace()
        ):
            char = CLOSING_MARKS[0]  # a typo: “Mostly False.“
        elif char in CLOSING_MARKS and open_at is None and before.isspace() and after.isalnum():
            char = OPENING_MARKS[0]  # a typo: ”Mr. Trump embodies …
        if char == STRAIGHT_MARK and (
            before.isdigit() or text[index - 2 : index - 1].isdigit() and before == "'"
        ):
            continue  # inches: 6'3"
        if char in OPENING_MARKS:
            open_at = index
        elif char in CLOSING_MARKS or char == STRAIGHT_MARK:
            if open_at is not None:
                pairs.append((open_at, index))
                open_at = None
            elif char == STRAIGHT_MARK and not after.isspace():
                open_at = index  # a straight mark facing nothing is stray: systems" including
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _quote_spans(document: Document) -> list[_Span]:
    """Every quoted passage of the body paragraphs, in reading order.

    A passage left open at the end of a paragraph continues into the next paragraph
    when that one starts with an opening mark (the newspaper convention).
    """
    spans: list[_Span] = []
    paragraphs = document.paragraphs()
    previous_open = False
    for number, block in enumerate(paragraphs):
        text = document.text[block.start : block.end]
        starts_with_mark = text[:1] in OPENING_MARKS + STRAIGHT_MARK
        for index, (open_at, close_at) in enumerate(_pair_marks(text)):
            inner_end = len(text) if close_at is None else close_at
            inner = text[open_at + 1 : inner_end]
            stripped = inner.strip().rstrip(",").rstrip()
            if not stripped:
                continue
            start = block.start + open_at + 1 + (len(inner) - len(inner.lstrip()))
            label = _TRANSCRIPT_LABEL.match(document.text, start, start + len(stripped))
            if label and len(label.group(1)) > 1:  # "WALLACE: Governor, …" in a transcript
                stripped = stripped[label.end() - start :]
                start = label.end()
            spans.append(
                _Span(
                    open_mark=block.start + open_at,
                    close_mark=None if close_at is None else block.start + close_at,
                    start=start,
                    end=start + len(stripped),
                    paragraph=number,
                    continues_previous=index == 0
                    and open_at == 0
                    and previous_open
                    and starts_with_mark
                    and not label,
                    label=label.span(1) if label and len(label.group(1)) > 1 else None,
                )
            )
        previous_open = (
            bool(spans) and spans[-1].paragraph == number and spans[-1].close_mark is None
        )
    return spans


# --- sentences and frames ----------------------------------------------------------------


def _masked_paragraph(
    document: Document, block_start: int, block_end: int, spans: list[_Span]
) -> str:
    """The paragraph with quote interiors hidden, keeping a quote's final ``.?!``.

    Hiding the quoted words keeps their full stops from splitting the sentence that
    carries the attribution; the last mark of a quote that ends a sentence stays.
    """
    chars = list(document.text[block_start:block_end])
    for span in spans:
        if _is_nickname(document.text, span):
            for position in range(span.open_mark, span.close_mark + 1):
                chars[position - block_start] = " "  # Marcia "Cia" Price: one name
            continue
        inner_end = span.close_mark if span.close_mark is not None else block_end
        for position in range(span.open_mark + 1, inner_end):
            chars[position - block_start] = HIDDEN
        words = document.text[span.open_mark + 1 : inner_end].rstrip()
        if words and words[-1] in ".?!":
            chars[span.open_mark + len(words) - block_start] = words[-1]
    return "".join(chars)


def _is_nickname(text: str, span: _Span) -> bool:
    """A quoted word inside a name: ``Robert C. "Bobby" Scott``, ``Marcia "Cia" Price``.

    >>> text = 'state Del. Marcia "Cia" Price (D) shouted'
    >>> _is_nickname(text, _Span(18, 22, 19, 22, 0))
    True
    """
    if span.close_mark is None:
        return False
    words = text[span.start : span.end].split()
    before = text[max(0, span.open_mark - 30) : span.open_mark].split()
    after = text[span.close_mark + 1 : span.close_mark + 30].split()
    return (
        len(words) == 1
        and words[0][:1].isupper()
        and bool(before and after)
        and before[-1][:1].isupper()
        and after[0][:1].isupper()
        and after[0][:1].isalpha()
    )


def _sentence_starts(masked: str) -> list[int]:
    """Where the sentences of a masked paragraph start (0 first).

    >>> _sentence_starts("Maliki told Putin. “\u2063\u2063.” Mr. Lavrov said.")
    [0, 19, 25]
    """
    starts = [0] + [start for start, _ in sentence_spans(masked, also_opening=HIDDEN)]
    starts.extend(m.end() for m in re.finditer(r"\n\s*", masked))
    return sorted(set(starts))


def _tokens(masked: str, offset: int, start: int, end: int) -> list[_Token]:
    """Tokens of ``masked[start:end]`` with document offsets (``offset`` = paragraph start)."""
    return [
        _Token(m.group(), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(masked, start, end)
    ]
