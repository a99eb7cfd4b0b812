"""What each line is: headline, deck, byline, body, caption, pull quote or page furniture.

Told by type and place, measured against the page's body type (`Scale`):

- furniture: a short piece in the top or bottom margin, above or below every
  other line of the page (the paper's name, the date, the page number, the folio),
  and "Continued on Page 7" wherever it stands;
- headline: type `HEADLINE_RATIO` times the body's or more, upright;
- deck: larger than the body but smaller than a headline, right under one;
- pull quote: larger type that is italic, or a "headline" with no body under it;
- byline: a short line that starts with "By";
- caption: type smaller than the body's (`CAPTION_RATIO`);
- paragraph: the rest.
"""

from __future__ import annotations

import re

from reader.clean.geometry.columns import HEADLINE_RATIO
from reader.clean.geometry.lines import Line
from reader.clean.geometry.measure import Scale

DECK_RATIO = 1.15
CAPTION_RATIO = 0.93
# The margins where furniture stands: this share of the page's height at top and bottom.
MARGIN_SHARE = 0.12
FURNITURE_LINES = 2
CONTINUED = re.compile(
    r"^\(?\s*(continued|cont'?d\.?|see)\b.{0,40}\b(page|p\.)\s*[A-Z]?\d+\s*\)?$", re.IGNORECASE
)
# "By Ann Smith", "BY SAMUEL BROOKS", "By Ann Smith and Tom Lee, Reuters": names after
# "By" ("by 14.7 million people" is body that a column broke before "by").
BYLINE = re.compile(
    r"^(?:By|BY)\s+[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.,-]*|and|AND|de|van|von|al-\w+))*\s*$"
)
BYLINE_WORDS = 10


def role_of_text(text: str) -> str | None:
    """The role a line's words alone tell, or None.

    >>> role_of_text("Continued on Page 7"), role_of_text("BY SAMUEL BROOKS")
    ('furniture', 'byline')
    >>> role_of_text("By Ann Smith and Tom Lee"), role_of_text("by 14.7 million people, further")
    ('byline', None)
    """
    text = text.strip()
    if CONTINUED.match(text):
        return "furniture"
    if BYLINE.match(text) and len(text.split()) <= BYLINE_WORDS:
        return "byline"
    return None


def role_of_type(line: Line, scale: Scale) -> tuple[str, str]:
    """The role a line's type tells, with the evidence, in the page's unit.

    >>> from reader.sources.model import Word
    >>> role_of_type(Line([Word("Title", 0, 0, 60, 29, size=29, bold=True)]), Scale(8.8, 8.8, 4.4))
    ('headline', '29 bold, 3.3x the body type (8.8)')
    """
    ratio = line.size / scale.size
    kind = f"{line.size:.3g}{' bold' if line.bold else ''}{' italic' if line.italic else ''}"
    evidence = f"{kind}, {ratio:.1f}x the body type ({scale.size:.3g})"
    if ratio >= HEADLINE_RATIO and not line.italic:
        return "headline", evidence
    if ratio >= DECK_RATIO:
        return ("pull-quote" if line.italic else "deck"), evidence
    if ratio <= CAPTION_RATIO:
        return "caption", evidence
    return "paragraph", evidence


def in_margin(top: float, bottom: float, height: float) -> bool:
    """Does a box stand in the page's top or bottom margin band?

    >>> in_margin(37, 45, 1224), in_margin(600, 610, 1224), in_margin(1200, 1210, 1224)
    (True, False, True)
    """
    return bottom <= MARGIN_SHARE * height or top >= (1 - MARGIN_SHARE) * height
