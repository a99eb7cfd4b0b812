"""Actors on pages nobody tuned for: outlets the lists do not name, found from how the page
cites them, and plural nouns that are never people."""

from __future__ import annotations

from reader import Document
from reader.actors import find_actors
from reader.quotes import find_quotes


def types_of(text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_actors(Document.from_text(text)).mentions}


def test_told_radio_new_zealand_makes_it_an_outlet_and_the_quotes_channel():
    text = (
        "“We will sell less butter to China this year,” Fonterra chief executive Miles Hurrell "
        "told Radio New Zealand."
    )
    assert types_of(text)["Radio New Zealand"] == "outlet"
    (quote,) = find_quotes(Document.from_text(text))
    assert (quote.speaker, quote.outlet, quote.addressee) == (
        "Miles Hurrell",
        "Radio New Zealand",
        None,
    )


def test_paper_that_reported_is_an_outlet_relaying_the_speaker():
    text = (
        "“The port will reopen on Monday,” harbour master Jane Ropata said, the New Zealand "
        "Herald reported."
    )
    assert types_of(text)["New Zealand Herald"] == "outlet"
    (quote,) = find_quotes(Document.from_text(text))
    assert (quote.speaker, quote.outlet) == ("Jane Ropata", "New Zealand Herald")
    # a news word alone does not make an outlet: an agency of the UN, a press secretary
    others = types_of(
        "The International Atomic Energy Agency reported new activity at the site, "
        "Press Secretary Sean Spicer told reporters."
    )
    assert "outlet" not in others.values()


def test_web_address_cited_by_according_to_is_an_outlet_everywhere_on_the_page():
    text = (
        "According to Stuff.co.nz, the talks stalled on Friday. "
        "Stuff.co.nz later said the talks would resume."
    )
    mentions = find_actors(Document.from_text(text)).mentions
    assert [(m.text, m.type) for m in mentions if m.text == "Stuff.co.nz"] == [
        ("Stuff.co.nz", "outlet"),
        ("Stuff.co.nz", "outlet"),
    ]


def test_plural_noun_opening_an_attribution_is_never_a_person():
    for text in (
        "“We are losing money on every container,” Exporters said.",
        "Meatpackers told reporters that prices had fallen by a third.",
    ):
        types = types_of(text)
        assert not any(t == "person" for t in types.values()), (text, types)
    # a surname that ends like a plural stays a person when the page names them in full
    people = types_of("Bernie Sanders spoke in Iowa. “We will win,” Sanders said.")
    assert (people["Bernie Sanders"], people["Sanders"]) == ("person", "person")
