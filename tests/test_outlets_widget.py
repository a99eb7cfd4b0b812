"""OutletComparer: driven from Python as a user would, no browser needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.framing import compare_outlets
from reader.widgets import OutletComparer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "texts" / "sample-corpus.jsonl"


@pytest.fixture(scope="module")
def corpus_comparison():
    return compare_outlets(SAMPLE_CORPUS)


def test_comparer_opens_with_the_first_outlets_side_by_side(corpus_comparison):
    comparer = OutletComparer(corpus_comparison, show_clouds=False)
    assert comparer.selected_outlets == [
        "The Norhaven Ledger",
        "Coastal Business Daily",
        "Community Voice",
    ]
    html = comparer.columns.value
    assert html.count('class="oc-col"') == 3
    assert html.index("The Norhaven Ledger") < html.index("Coastal Business Daily")
    # frame bars name the codebook dimension with the count behind the share
    economic = corpus_comparison.frames.query(
        "outlet == 'Coastal Business Daily' and dimension == 'economic'"
    )
    hits, share = int(economic["term_hits"].iloc[0]), float(economic["share_of_hits"].iloc[0])
    assert hits >= 20 and share > 0.5
    assert '<span class="label">Economic</span>' in html and f"{share:.0%} ({hits})" in html


def test_choosing_outlets_redraws_only_those_columns(corpus_comparison):
    comparer = OutletComparer(corpus_comparison, show_clouds=False)
    comparer.outlet_picker.value = ("Community Voice",)
    assert comparer.selected_outlets == ["Community Voice"]
    assert comparer.columns.value.count('class="oc-col"') == 1
    assert "Coastal Business Daily" not in comparer.columns.value
    assert (
        comparer.term_picker.options[0]
        == comparer.comparison.top_terms("Community Voice", 1)["term"][0]
    )
    comparer.outlet_picker.value = ()
    assert "Choose one or more outlets" in comparer.columns.value


def test_choosing_a_term_shows_its_contexts_in_each_outlet(corpus_comparison):
    comparer = OutletComparer(corpus_comparison, show_clouds=False)
    comparer.term_picker.value = "price"
    contexts = comparer.contexts.value
    assert "<mark>price</mark>" in contexts
    business = contexts.split('data-outlet="Coastal Business Daily"')[1].split(
        'data-outlet="Community Voice"'
    )[0]
    assert business.count("<mark>") == 2
    ledger = contexts.split('data-outlet="The Norhaven Ledger"')[1].split(
        'data-outlet="Coastal Business Daily"'
    )[0]
    assert "not used" in ledger
    comparer.term_picker.value = ""
    assert "Choose a term" in comparer.contexts.value


def test_every_text_is_escaped():
    comparison = compare_outlets(
        {
            "<script>alert(1)</script>": ["Tanks <img src=x onerror=alert(1)> at the border."],
            "B & Co": ["Oil money."],
        }
    )
    comparer = OutletComparer(comparison, show_clouds=False)
    comparer.term_picker.value = "tanks"
    for html in (comparer.columns.value, comparer.contexts.value):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comparer.columns.value
    assert "B &amp; Co" in comparer.columns.value


def test_quotes_show_speaker_and_cue_and_clouds_are_drawn():
    from reader.framing import Passage

    comparison = compare_outlets(
        {
            "TASS": [
                Passage(
                    "",
                    "We are grateful.",
                    kind="quote",
                    speaker="Nuri al-Maliki",
                    cue="told",
                    voices=("Nuri al-Maliki",),
                )
            ],
            "Newsweek": [
                Passage(
                    "", "Maliki praised Russia.", kind="quote", speaker="Tom O'Connor", cue="wrote"
                )
            ],
        }
    )
    comparer = OutletComparer(comparison)
    assert "“We are grateful.” — <b>Nuri al-Maliki</b> (told)" in comparer.columns.value
    assert "Nuri al-Maliki (1)" in comparer.columns.value
    assert bytes(comparer.clouds.value).startswith(b"\x89PNG")
    comparer.cloud_weight.value = "distinctive"
    assert bytes(comparer.clouds.value).startswith(b"\x89PNG")


def test_too_many_outlets_are_cut_to_max_columns_with_a_note():
    comparison = compare_outlets({f"Outlet {n}": [f"Text number {n} about oil."] for n in range(5)})
    comparer = OutletComparer(comparison, max_columns=2, show_clouds=False)
    comparer.outlet_picker.value = tuple(comparison.outlets)
    assert comparer.selected_outlets == ["Outlet 0", "Outlet 1"]
    assert "3 more chosen" in comparer.message.value


def test_contexts_show_whole_words_in_the_page_spacing():
    from reader import SAMPLE_PAGE

    comparer = OutletComparer(compare_outlets(SAMPLE_PAGE), show_clouds=False)
    comparer.term_picker.value = "Russia"
    html = comparer.contexts.value
    assert "Iraq-</td><td><mark>Russia</mark>" in html  # "Iraq-Russia contract", joined
    assert "Iran and&nbsp;</td><td><mark>Russia</mark>" in html
    lefts = re.findall(r'<td class="left">([^<]*)</td>', html)
    assert lefts and all(
        not left or left.startswith("…") or left[0].isupper() or left[0] in "[“" for left in lefts
    )


def test_columns_wrap_on_a_narrow_screen_instead_of_scrolling_sideways(corpus_comparison):
    html = OutletComparer(corpus_comparison, show_clouds=False).columns.value
    assert ".oc-columns{display:flex;flex-wrap:wrap" in html and "overflow-x:auto" not in html
