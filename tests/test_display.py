"""What a student reads: wrapped text, readable tables, a concordance in the page's spacing."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from reader import SAMPLE_PAGE, load_document
from reader.actors import find_actors
from reader.framing import compare_outlets, term_contexts
from reader.widgets.display import (
    SearchBox,
    actor_in_context,
    articles,
    frame_shares,
    kwic,
    page_text,
    show_kwic,
    table,
    wrap,
)


@pytest.fixture(scope="module")
def document():
    return load_document(SAMPLE_PAGE)


@pytest.fixture(scope="module")
def comparison():
    return compare_outlets(SAMPLE_PAGE)


def words_of(text: str) -> list[str]:
    return text.split()


def test_wrapped_text_breaks_only_between_words(document):
    text = document.paragraphs()[9].text  # "... security ... United States ... Russian-made ..."
    wrapped = wrap(text, 60)
    assert words_of(wrapped) == words_of(text)  # no word cut, none joined, hyphens kept
    assert all(len(line) <= 60 for line in wrapped.splitlines())
    assert "Russian-made" in wrapped


def test_the_page_is_marked_as_the_page_and_its_paragraphs_numbered(document):
    html = page_text(document.paragraphs()[:2], first=5).html
    assert 'class="reader-page"' in html
    assert re.findall(r">(\d)</span>", html) == ["5", "6"]
    folded = articles(document).html
    assert folded.count("<details") == 2 and "21 paragraphs" in folded


def test_a_table_shows_readable_columns_blank_for_missing_and_no_offsets(document):
    from reader.quotes import find_quotes, quotes_df

    frame = quotes_df(find_quotes(document))
    shown = table(frame, {"speaker": "Who speaks", "outlet": "Through", "text": "Words quoted"})
    assert list(shown.frame.columns) == ["Who speaks", "Through", "Words quoted"]
    assert frame["outlet"].isna().any() and "" in set(shown.frame["Through"])
    html = shown._repr_html_()
    assert "NaN" not in html and "None" not in html
    assert "Show all 22 rows" in html and html.count("<table") == 2  # the first rows, and all
    everything = table(frame)
    assert not {"Start", "End", "Speaker start"} & set(everything.frame.columns)


def test_a_table_escapes_every_cell():
    html = table(pd.DataFrame({"note": ["<script>alert(1)</script>"]}))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_frame_shares_put_outlets_side_by_side_and_leave_out_unused_frames(comparison):
    shares = frame_shares(comparison, ["TASS", "Pravda.ru"]).frame
    assert list(shares.columns) == ["Frame", "TASS", "Pravda.ru"]
    assert "Health and safety" not in set(shares["Frame"])
    assert shares.set_index("Frame").loc["Security and defence", "Pravda.ru"] == "50%"


def test_a_concordance_reads_as_the_page_does(document):
    result = find_actors(document, page_path=SAMPLE_PAGE)
    lines = actor_in_context(document, result, "Maliki")
    flat = " ".join(document.text.split())
    for row in lines.itertuples():
        inside = (row.left + row.match + row.right).replace("… ", "").replace(" …", "")
        assert inside in flat  # whole words, the page's own spacing
    joined = "\n".join(lines.left + lines.match + lines.right)
    assert "said. “We need" in joined and " ." not in joined and "“ " not in joined


def test_a_concordance_cuts_no_word_and_stays_in_its_paragraph():
    text = "First paragraph ends here.\n\nMaliki said that the deal was signed by Russia yesterday."
    assert text[text.index("Russia") - 22 : text.index("Russia") - 20] == "he"  # inside "the"
    start = text.index("Russia")
    row = kwic(text, [(start, start + 6)], width=22).iloc[0]
    assert row.left == "… deal was signed by "  # "the" was cut in two: left out
    assert row.right == " yesterday."
    first = kwic(text, [(text.index("Maliki"), text.index("Maliki") + 6)], width=40).iloc[0]
    assert first.left == ""  # not "... ends here." from the paragraph before


def test_compound_names_stay_joined_in_the_concordance_html():
    text = "He is an Iran-backed politician."
    html = show_kwic(kwic(text, [(9, 13)])).html
    assert re.search(r"<b[^>]*>Iran</b></td><td[^>]*>-backed", html)
    assert "an&nbsp;</td>" in html  # the page's space before the key word is kept


def test_term_contexts_cut_no_word(comparison):
    table = term_contexts(comparison, "Russia", width=40)
    passages = {
        outlet: " ".join(" ".join(p.text for p in comparison.outlet_passages(outlet)).split())
        for outlet in comparison.outlets
    }
    for row in table.itertuples():
        left = row.left.removeprefix("… ")
        right = row.right.removesuffix(" …")
        first, last = (left.split() or [""])[0], (right.split() or [""])[-1]
        text = passages[row.outlet]
        assert re.search(rf"(?<!\w){re.escape(first)}", text), first  # a whole word
        assert re.search(rf"{re.escape(last)}(?!\w)", text), last


def test_the_search_box_finds_whole_words_in_context(document):
    box = SearchBox(document.text)
    box.query.value = "wrote"
    assert len(box.lines) >= 3 and set(box.lines["match"]) == {"wrote"}
    shown = re.sub(r"<[^>]+>", "", box.results.value).replace("&nbsp;", " ")
    assert "O’Connor wrote in Newsweek" in shown
    box.query.value = "wro"  # not inside "wrote"
    assert box.lines.empty and "0 times" in box.results.value


def test_the_highlighter_says_one_sentence_and_keeps_the_page_spacing(document):
    from reader.widgets import ActorHighlighter

    highlighter = ActorHighlighter(document, page_path=SAMPLE_PAGE)
    highlighter.actor_select.value = "Nuri al-Maliki"
    details = highlighter.details.value
    assert "(1 sentence)" in details and "(1 sentences)" not in details
    assert " ." not in re.sub(r"<[^>]+>", "", details)
    assert highlighter.article.layout.max_height  # the article scrolls in its box
