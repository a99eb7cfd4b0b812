"""Where a sentence ends and a new one may begin, as the page cleaner reads it."""

from __future__ import annotations

import re
import string

from reader.text import TITLES_BEFORE_A_NAME

# A sentence is finished when a line ends in . ? or ! (closing quotes or brackets may follow).
SENTENCE_END = re.compile(r"[.?!…][”’\"')\]]*$")


# A line that ends a sentence or a clause: "Off.'", "said,", "follows:".
CLAUSE_END = re.compile(r"[.,;:][”’\"')\]]*$")


# What may open a paragraph: a capital, a digit, an opening quote or bracket, a dash.
OPENS_SENTENCE = re.compile(r"^[\"“‘'(\[—–-]*[A-Z0-9À-ÖØ-Þ$£€]")


OPENING_QUOTES = ("“", '"', "''", "‘", "'", "«")


def ends_with_abbreviation(line: str) -> bool:
    """A line ending in a title such as "Mr." has not finished its sentence.

    >>> ends_with_abbreviation("of the Clinton proposals, Mr."), ends_with_abbreviation("it said.")
    (True, False)
    """
    if not line.rstrip().endswith("."):
        return False  # the common case: no full stop, no abbreviation
    last = line.rsplit(None, 1)[-1]
    if len(last) == 2 and last[0] in string.ascii_uppercase:
        return True  # a middle initial: "Representative Anthony D." / "Weiner"
    return last.rstrip(".").lower() in TITLES_BEFORE_A_NAME


def quote_is_open(text: str) -> bool:
    """Is a quotation opened in this text (a paragraph's lines so far) and not yet closed?

    >>> quote_is_open("“The real issue is governance."), quote_is_open("“No,” he said.")
    (True, False)
    """
    # Straight " and ' double as inch and foot marks (6'3"), so only paired marks count.
    # Sources mix marks (“…" is common), so a straight " counts as a closing mark.
    return text.count("“") > text.count("”") + text.count('"') or text.count("''") % 2 == 1
