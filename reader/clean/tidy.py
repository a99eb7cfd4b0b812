"""The last step: each paragraph's lines joined (`reader.clean.hyphens`), its spaces tidied."""

from __future__ import annotations

import re
from collections.abc import Collection

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
    skip: Collection[str] = (),
) -> list[str]:
    """Join each paragraph's lines (`reader.clean.hyphens`), record the seams, tidy the spaces.

    A paragraph is the list of its lines' indices in ``page``; the repairs named in
    ``skip`` are not made.
    """
    texts, numbers = page.texts, page.numbers
    texts_of = [list(map(texts.__getitem__, paragraph)) for paragraph in paragraphs]
    joined, seams = join_paragraphs(texts_of, evidence, skip=skip)
    for index, seam in seams:
        number = numbers[paragraphs[index][seam.line]]
        decisions.append(Decision(seam.action, number, seam.before, seam.after, seam.evidence))
    return [
        tidy_paragraph(text, numbers[paragraph[0]], decisions, skip)
        for text, paragraph in zip(joined, paragraphs)
    ]


def tidy_paragraph(
    text: str, number: int, decisions: list[Decision], skip: Collection[str] = ()
) -> str:
    """A space before a glued opening quote, no OCR specks, single spaces.

    >>> tidy_paragraph("called for“Russia’s  visible presence”", 1, [])
    'called for “Russia’s visible presence”'
    """
    if "space-before-quote" not in skip:
        text = space_before_quote(text, number, decisions)
    if "stray-underscore" not in skip:
        text = remove_stray_underscores(text, number, decisions)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # nothing to tidy: split() and join() would give it back as it is
    return " ".join(text.split())


def space_before_quote(text: str, number: int, decisions: list[Decision]) -> str:
    """Put back the space before an opening quote that a text layer glued to the word before.

    A PDF's text layer often loses the narrow space before a curly opening quote
    (the sample page: "called for“Russia’s visible presence”").

    >>> space_before_quote("Maliki called for“Russia’s visible presence”", 3, [])
    'Maliki called for “Russia’s visible presence”'
    """
    if not _has_glued_quote(text):
        return text
    for match in NO_SPACE_BEFORE_QUOTE.finditer(text):
        around = text[max(0, match.start() - 8) : match.end() + 8]
        why = "an opening quote glued to a word"
        decisions.append(Decision("space-before-quote", number, around, "“", why))
    return NO_SPACE_BEFORE_QUOTE.sub(" “", text)


def remove_stray_underscores(text: str, number: int, decisions: list[Decision]) -> str:
    """Take out the "_" that Tesseract reads for a speck of dirt on the scan.

    It stands alone between spaces or stuck to a word's end ("as_ follows"); an
    underscore inside a word ("snake_case") stays.

    >>> remove_stray_underscores("the terms were as_ follows _ first", 1, [])
    'the terms were as follows  first'
    """
    if "_" not in text:
        return text
    stray = OCR_STRAY_UNDERSCORE.search(text)
    if not stray:
        return text
    around = text[max(0, stray.start() - 10) : stray.end() + 10]
    decisions.append(Decision("stray-underscore", number, around, "", "a lone '_' left by OCR"))
    return OCR_STRAY_UNDERSCORE.sub("", text)


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
