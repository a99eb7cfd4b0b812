"""A page nobody tuned for (issue 21): a New Zealand business page with its own outlets,
a plural noun opening an attribution, and a photo's credit line after a caption."""

from __future__ import annotations

from reader.clean import clean_page
from reader.quotes import find_quotes

PAGE = """Dairy prices fall for a third month

Prices for dairy exports fell for a third month
in a row, the council said on Tuesday.

“We are losing money on every container,”
Exporters said in a joint statement.

 Containers wait at the Port of Tauranga.

Photo: J. Smith

The forecast is for less rain than usual, and
farmers are already moving stock to higher
ground, the New Zealand Herald reported.

“The soil is already cracking,” Waikato farmer
Anna Kerr told Radio New Zealand.
"""


def test_photo_credit_line_is_a_caption_not_the_next_headline():
    blocks = [(b.kind, b.text) for b in clean_page(PAGE).document.blocks]
    assert ("headline", "Photo: J. Smith") not in blocks
    assert ("caption", "Photo: J. Smith") in blocks


def test_quotes_on_the_page_have_their_own_outlets_and_no_plural_person():
    quotes = find_quotes(clean_page(PAGE).document)
    by_words = {q.text[:12]: q for q in quotes}
    kerr = by_words["The soil is "]
    assert (kerr.speaker, kerr.outlet) == ("Anna Kerr", "Radio New Zealand")
    exporters = by_words["We are losin"]
    assert exporters.speaker == "Exporters"  # the words of the page, not a person
