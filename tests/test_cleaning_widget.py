"""The CleaningViewer, driven from Python as a notebook user would click it."""

from __future__ import annotations

import re
from pathlib import Path

from reader.widgets import CleaningViewer

SAMPLE = Path(__file__).resolve().parent.parent / "texts" / "arab-weekly-maliki-russia.txt"


def test_viewer_shows_raw_and_clean_text_escaped():
    viewer = CleaningViewer(text="He wrote <script>alert(1)</script> in the mar-\ngin.\n")
    assert "<script>" not in viewer.clean_pane.value
    assert "&lt;script&gt;" in viewer.clean_pane.value
    assert "margin." in viewer.clean_pane.value
    assert "mar-" in viewer.raw_pane.value


def test_choosing_a_kind_of_decision_filters_the_table():
    viewer = CleaningViewer(SAMPLE)
    everything = len(viewer.decisions())
    viewer.action.value = "keep-hyphen"
    kept = viewer.decisions()
    assert 0 < len(kept) < everything
    assert set(kept.action) == {"keep-hyphen"}
    assert any("Russian-made" in after for after in kept.after)


def test_unticking_lost_hyphens_cleans_again():
    viewer = CleaningViewer(text="The dem\nocrats met in the hall.\n")
    assert "democrats" in viewer.result.document.text
    viewer.lost_hyphens.value = False
    assert "dem ocrats" in viewer.result.document.text
    assert "join-lost-hyphen" not in viewer.action.options


def test_summary_counts_articles_and_paragraphs():
    viewer = CleaningViewer(SAMPLE)
    assert "2 articles, 35 paragraphs" in viewer.summary.value


def test_decisions_show_as_a_short_table_with_readable_columns_and_show_all():
    viewer = CleaningViewer(SAMPLE)
    (output,) = viewer.table.outputs
    html = output["data"]["text/html"]
    assert "Show all 97 rows" in html
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert heads[:5] == ["Decision", "Raw line", "Before", "After", "Evidence"]
    viewer.action.value = "keep-hyphen"
    (output,) = viewer.table.outputs
    assert "Show all" not in output["data"]["text/html"]  # three rows: all shown
    assert output["data"]["text/html"].count("<tr>") == 4


def test_one_article_and_one_paragraph_are_counted_in_the_singular():
    viewer = CleaningViewer(text="Nuri al-Ma-\nliki spoke.\n")
    assert "1 article, 1 paragraph</b>" in viewer.summary.value


def test_both_panes_scroll_in_boxes_of_one_screen():
    viewer = CleaningViewer(SAMPLE)
    for pane in (viewer.raw_pane, viewer.clean_pane):
        assert pane.layout.max_height == "30em" and pane.layout.overflow == "auto"
