"""ActorHighlighter driven from Python, as a student's clicks would drive it (no browser)."""

from __future__ import annotations

import shutil

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from reader import SAMPLE_PAGE, Block, Document  # noqa: E402
from reader.actors import find_actors, load_gazetteer  # noqa: E402
from reader.widgets import ActorHighlighter  # noqa: E402
from reader.widgets.actors import (  # noqa: E402
    TYPE_TAGS,
    cooccurring_with,
    draw_cooccurrence_network,
    format_article_html,
    format_legend_html,
)


@pytest.fixture
def highlighter(tmp_path, sample_document) -> ActorHighlighter:
    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)  # the page's own list is not copied: start from base + discovery
    return ActorHighlighter(sample_document, page_path=page)


def test_article_marks_every_mention_with_colour_underline_and_tag(highlighter):
    html = highlighter.article.value
    assert html.count("<mark ") == len(highlighter.result.mentions)
    assert 'data-actor="Nuri al-Maliki" data-type="person"' in html
    assert "underline double" in html and "underline solid" in html  # state vs person in greyscale
    assert ">STA</sup>" in html and ">PER</sup>" in html


def test_legend_shows_each_type_with_its_second_cue():
    legend = format_legend_html()
    for tag in TYPE_TAGS.values():
        assert f"<b>{tag}</b>" in legend
    assert "wavy" in legend and "dashed" in legend


def test_page_text_is_escaped_not_injected():
    doc = Document.from_blocks(
        [Block("paragraph", 'Putin said <script>alert("x")</script> in Moscow.')]
    )
    html = format_article_html(doc, find_actors(doc).mentions)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-actor="Russia"' in html


def test_hiding_a_type_and_an_actor(highlighter):
    highlighter.type_boxes["state"].value = False
    assert 'data-type="state"' not in highlighter.article.value
    assert 'data-type="person"' in highlighter.article.value
    highlighter.hidden_actors.value = ("Nuri al-Maliki",)
    assert 'data-actor="Nuri al-Maliki"' not in highlighter.article.value
    assert 'data-actor="Sergei Lavrov"' in highlighter.article.value
    highlighter.type_boxes["state"].value = True
    assert 'data-actor="Russia"' in highlighter.article.value


def test_choosing_an_actor_shows_its_concordance_and_companions(highlighter):
    highlighter.actor_select.value = "Sergei Lavrov"
    details = highlighter.details.value
    assert details.count("<tr>") == 2  # "Sergei Lavrov" and "Lavrov"
    assert "Russian Foreign Minister" in details
    assert "Nuri al-Maliki" in details  # named in the same sentence
    assert "outline:2px solid" in highlighter.article.value


def test_adding_an_alias_saves_the_page_list_and_is_used(highlighter, sample_document):
    csv_path = highlighter.gazetteer_path
    assert not csv_path.exists()
    highlighter.actor_select.value = "Islamic State"
    highlighter.alias_text.value = "Sunni jihadists"
    highlighter.alias_button.click()
    saved = load_gazetteer(csv_path)
    entry = saved.entry_named("Islamic State")
    assert "Sunni jihadists" in entry.aliases and "ISIL" in entry.aliases  # base aliases kept
    assert "Sunni jihadists" in {m.text for m in highlighter.result.mentions_of("Islamic State")}
    assert "saved" in highlighter.status.value and highlighter.alias_text.value == ""


def test_merging_two_actors_saves_and_regroups(highlighter):
    highlighter.actor_select.value = "Soviet Union"
    highlighter.merge_select.value = "Russia"
    highlighter.merge_button.click()
    assert highlighter.result.actor_named("Soviet").name == "Russia"
    assert "Soviet Union" not in highlighter.actor_select.options
    assert highlighter.actor_select.value == "Russia"
    saved = load_gazetteer(highlighter.gazetteer_path)
    assert {"Soviet Union", "Soviet", "Moscow", "Kremlin"} <= set(
        saved.entry_named("Russia").aliases
    )
    # a second highlighter on the same page reads the saved list
    again = ActorHighlighter(highlighter.document, gazetteer_path=highlighter.gazetteer_path)
    assert again.result.actor_named("Soviet Union").name == "Russia"


def test_merging_an_actor_with_itself_changes_nothing(highlighter):
    highlighter.merge_actors("Russia", "Russia")
    assert not highlighter.gazetteer_path.exists()
    assert "two different" in highlighter.status.value


def test_cooccurrence_network_is_a_figure(sample_document):
    doc = sample_document
    result = find_actors(doc)
    figure = draw_cooccurrence_network(result, min_sentences=2)
    assert figure.axes and figure.axes[0].get_title().startswith(
        "Actors named in the same sentence"
    )
    partners = cooccurring_with(result, "Nuri al-Maliki")
    assert partners.iloc[0].other == "Russia"


HOSTILE_COLOUR = "red;background:url(http://evil.example/c1)"


def test_a_hostile_colour_in_the_actor_list_never_reaches_the_article(tmp_path, sample_document):
    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    page.with_name(page.stem + ".actors.csv").write_text(
        f'name,type,aliases,colour,description\nNuri al-Maliki,person,Maliki,"{HOSTILE_COLOUR}",\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"line 2: actor 'Nuri al-Maliki': colour .* is not #rgb"):
        ActorHighlighter(sample_document, page_path=page)


def test_a_colour_set_in_code_is_checked_again_before_it_is_drawn(sample_document):
    mentions = find_actors(sample_document).mentions
    html = format_article_html(
        sample_document, mentions, colours={"Nuri al-Maliki": HOSTILE_COLOUR}
    )
    assert "evil.example" not in html and "url(" not in html
    assert html.count("<mark ") == len(mentions)


def test_colour_names_and_short_hex_in_the_list_are_drawn_as_full_hex(tmp_path, sample_document):
    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    page.with_name(page.stem + ".actors.csv").write_text(
        "name,type,aliases,colour,description\n"
        "Nuri al-Maliki,person,Maliki,SteelBlue,\nVladimir Putin,person,Putin,#0AF,\n",
        encoding="utf-8",
    )
    html = ActorHighlighter(sample_document, page_path=page).article.value
    assert "background:#4682b440" in html  # steelblue, with the highlight's alpha
    assert "background:#00aaff40" in html  # "#0AF40" would be no colour at all
