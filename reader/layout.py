"""Old home of the page cleaner, kept for one release: use `reader.clean` instead."""

from reader.clean.clean_text import looks_clean
from reader.clean.cleaner import clean_page, column_width, normalise_text
from reader.clean.decisions import CleanResult, Decision
from reader.clean.display import BYLINE, CAPTION_CREDIT, CAPTION_LABEL, CAPTION_POSITION
from reader.clean.drop_capitals import DROP_CAPITAL
from reader.clean.hyphens import ends_with_line_hyphen
from reader.clean.sentences import (
    CLAUSE_END,
    OPENING_QUOTES,
    OPENS_SENTENCE,
    SENTENCE_END,
    ends_with_abbreviation,
    quote_is_open,
)
from reader.clean.streaming import (
    clean_page_file_streaming,
    decoding_decisions,
    iter_page_chunks,
)
from reader.clean.tidy import NO_SPACE_BEFORE_QUOTE, OCR_STRAY_UNDERSCORE
from reader.text import CLOSING_MARKS, TITLE_ABBREVIATIONS, ends_sentence

__all__ = [
    "BYLINE",
    "CAPTION_CREDIT",
    "CAPTION_LABEL",
    "CAPTION_POSITION",
    "CLAUSE_END",
    "CLOSING_MARKS",
    "CleanResult",
    "DROP_CAPITAL",
    "Decision",
    "NO_SPACE_BEFORE_QUOTE",
    "OCR_STRAY_UNDERSCORE",
    "OPENING_QUOTES",
    "OPENS_SENTENCE",
    "SENTENCE_END",
    "TITLE_ABBREVIATIONS",
    "clean_page",
    "clean_page_file_streaming",
    "column_width",
    "decoding_decisions",
    "ends_sentence",
    "ends_with_abbreviation",
    "ends_with_line_hyphen",
    "iter_page_chunks",
    "looks_clean",
    "normalise_text",
    "quote_is_open",
]
