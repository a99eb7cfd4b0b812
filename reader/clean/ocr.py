"""Repairs of OCR's own misreadings: lines read in the wrong order, letters, spaces.

They run only on a page that OCR read (`reader.clean.page_kind`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.clean.decisions import Decision
from reader.clean.hyphens import WordEvidence
from reader.clean.lines import PageEditor, PageLines
from reader.clean.reading_order import restore_reading_order


def put_paragraphs_in_reading_order(
    page: PageLines, evidence: WordEvidence, decisions: list[Decision]
) -> PageLines:
    """Put back in order a paragraph that OCR read across instead of down
    (`reader.clean.reading_order`); it then stands as a block of its own, after the
    headline that OCR read in the middle of it, if any.
    """
    found = restore_reading_order(page.texts, evidence)
    if not found:
        return page
    texts, numbers = page.texts, page.numbers
    edited = PageEditor(page)
    for stretch in found:
        edited.keep(stretch.first)
        if edited.texts and edited.texts[-1]:
            edited.add("", numbers[stretch.first])
        if stretch.headline is not None:
            edited.add(texts[stretch.headline], numbers[stretch.headline])
            edited.add("", numbers[stretch.headline])
        for index in stretch.lines:
            edited.add(texts[index], numbers[index])
        edited.skip(stretch.last + 1)
        read = [numbers[i] for i in range(stretch.first, stretch.last + 1) if texts[i]]
        decisions.append(
            Decision(
                "reading-order",
                numbers[stretch.first],
                f"lines {', '.join(map(str, read))}",
                f"lines {', '.join(str(numbers[i]) for i in stretch.lines)}",
                f"OCR read the paragraph across columns; in this order it reads "
                f"{stretch.gain()} points better (scored on words cut at line ends, "
                f"the drop capital, brackets, sentence ends)",
            )
        )
    return edited.done()


def restore_i_read_as_t(page: PageLines, decisions: list[Decision]) -> PageLines:
    """Put back the "I" that Tesseract reads as "T" right after an opening quote.

    Behind a quotation mark the serif "I" comes out as "T": "“T don’t", "“T’m",
    "“Tf", "“Tt’s".  Only forms that are no word behind a quote change: a lone "T"
    before a word in lower case or before "’m", "’ve", "’ll", "’d", and "Tf",
    "Tt", "Tn", "Ts", where "If", "It", "In", "Is" are among the commonest words.
    A "|" behind a quote before a word in lower case is an "I" too.

    >>> page = PageLines.of("“T don’t think so,” he said.\\n“Tf not, “| went. “The end.”")
    >>> restore_i_read_as_t(page, []).texts
    ['“I don’t think so,” he said.', '“If not, “I went. “The end.”']
    """
    why = "Tesseract reads an 'I' after an opening quote as 'T'"
    return substitute_in_lines(page, _I_READ_AS_T, _i_for_t, "i-read-as-t", why, decisions)


# A "T" for "I" behind an opening quote: alone before a lower-case word or an
# ending ("“T don’t", "“T’m"), or in a two-letter form that is no word ("“Tf");
# and a "|" for "I" there too ("\"| know").  A "|" elsewhere is as often a speck or a
# column rule as an "I" ("| the Tank Stream" in old newspapers).
_I_READ_AS_T = re.compile(
    r"(?<=[“\"‘])T(?:(?= [a-z])|(?=[’\'](?:m|ve|ll|d)\b)|[ftns]\b)|(?<=[“\"‘])\|(?= [a-z])"
)


def _i_for_t(match: re.Match) -> str:
    return "I" + match.group()[1:]


def i_for_t(text: str) -> str:
    """``text`` with each "I" Tesseract read as "T" behind an opening quote put back:
    the same rule as `restore_i_read_as_t`, on a paragraph's text (positioned words).

    >>> i_for_t("“Tt never crossed my mind,” she said. “The end.”")
    '“It never crossed my mind,” she said. “The end.”'
    """
    return _I_READ_AS_T.sub(_i_for_t, text)


def split_words_run_together(page: PageLines, decisions: list[Decision]) -> PageLines:
    """Split "ofa", "ina", "ofthe": a short word and "a" or "the" that OCR ran together.

    Tesseract loses the narrow space before "a" and "the" after the commonest
    short words.  The forms it makes are no English words (wordfreq knows them
    only as typing slips), so on an OCR page they are split.

    >>> split_words_run_together(PageLines.of("the appeal ofa man ina hurry"), []).texts
    ['the appeal of a man in a hurry']
    """
    why = "OCR ran a short word and 'a' or 'the' together"
    return substitute_in_lines(
        page, _WORDS_RUN_TOGETHER, r"\1 \2", "words-run-together", why, decisions
    )


# "ofa", "ina", "ofthe": the commonest short words run together with "a" or "the"
# (not before a hyphen: "ina-" / "lind" is a piece of a cut word).
# ("fora", the plural of "forum", is a word; so it is not among them.)
_WORDS_RUN_TOGETHER = re.compile(
    r"(?<![^\W_])(of|in|as|to|on|at|and|is|with|by|from|was|has|that)(a|the)(?![^\W_]|-)"
)


def substitute_in_lines(
    page: PageLines,
    pattern: re.Pattern,
    replacement: str | Callable[[re.Match], str],
    action: str,
    why: str,
    decisions: list[Decision],
) -> PageLines:
    """The page with ``pattern`` replaced in every line it matches; a decision a line."""
    texts, numbers = page.texts, page.numbers
    edited = PageEditor(page)
    for index, text in enumerate(texts):
        if not pattern.search(text):
            continue
        fixed = pattern.sub(replacement, text)
        decisions.append(Decision(action, numbers[index], text[:30], fixed[:30], why))
        edited.keep(index)
        edited.add(fixed, numbers[index])
        edited.skip(index + 1)
    return edited.done()
