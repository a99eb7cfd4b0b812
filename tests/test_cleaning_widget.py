"""The CleaningViewer, driven from Python as a notebook user would click it."""

from __future__ import annotations

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
