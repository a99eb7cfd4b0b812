"""The last step: each paragraph's lines joined (`reader.clean.hyphens`), its spaces tidied."""

from __future__ import annotations

import re

from reader.clean.decisions import Decision
from reader.clean.hyphens import WordEvidence, join_paragraphs
from reader.clean.lines import PageLines

NO_SPACE_BEFORE_QUOTE = re.compile(r"(?<=[^\W_])“")


# Tesseract reads specks as "_": alone between spaces, or stuck to a word's end ("as_ follows").
OCR_STRAY_UNDERSCORE = re.compile(r"(?:(?<=\s)|(?<=[a-z]))_(?=\s|$)")


def join_all_paragraphs(
    page: PageLines,
    paragraphs: list[list[int]],
    evidence: WordEvidence,
    decisions: list[Decision],
    join_lost_hyphens: bool,
) -> list[str]:
    """Join each paragraph's lines (`reader.joining`), record the seams, tidy the spaces.

    A paragraph is the list of its lines' indices in ``page``.
    """
    texts, numbers = page.texts, page.numbers
    texts_of = [list(map(texts.__getitem__, paragraph)) for paragraph in paragraphs]
    joined, seams = join_paragraphs(texts_of, evidence, join_lost_hyphens)
    for index, seam in seams:
        number = numbers[paragraphs[index][seam.line]]
        decisions.append(Decision(seam.action, number, seam.before, seam.after, seam.evidence))
    return [
        tidy_paragraph(text, numbers[paragraph[0]], decisions)
        for text, paragraph in zip(joined, paragraphs)
    ]


def tidy_paragraph(text: str, number: int, decisions: list[Decision]) -> str:
    """A space before a glued opening quote, no OCR specks, single spaces."""
    if _has_glued_quote(text):
        for match in NO_SPACE_BEFORE_QUOTE.finditer(text):
            around = text[max(0, match.start() - 8) : match.end() + 8]
            why = "an opening quote glued to a word"
            decisions.append(Decision("space-before-quote", number, around, "“", why))
        text = NO_SPACE_BEFORE_QUOTE.sub(" “", text)
    if "_" in text:
        stray = OCR_STRAY_UNDERSCORE.search(text)
        if stray:
            around = text[max(0, stray.start() - 10) : stray.end() + 10]
            decisions.append(Decision("ocr-noise", number, around, "", "a lone '_' left by OCR"))
            text = OCR_STRAY_UNDERSCORE.sub("", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # nothing to tidy: split() and join() would give it back as it is
    return " ".join(text.split())


def _has_glued_quote(text: str) -> bool:
    """Is an opening quote glued to the word before it (NO_SPACE_BEFORE_QUOTE)?

    Looks only at the quotes: the regex's look-behind tries every position.

    >>> _has_glued_quote("called for“Russia’s"), _has_glued_quote("said “no”")
    (True, False)
    """
    quote = text.find("“", 1)
    while quote != -1:
        if text[quote - 1].isalnum():
            return True
        quote = text.find("“", quote + 1)
    return False
