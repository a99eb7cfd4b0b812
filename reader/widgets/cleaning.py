"""CleaningViewer: the raw page and the cleaned articles side by side, with the decisions.

The widget only presents what `reader.clean.clean_page` computed: it never
changes the text itself.  HTML is built with `markupsafe.Markup.format`, which
escapes every piece of page text, so a page cannot inject markup.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from reader.clean import CleanResult, clean_page
from reader.clean.pagefile import read_page
from reader.document import Document
from reader.widgets.display import plural, table

ALL_ACTIONS = "all decisions"
DECISION_COLUMNS = {
    "action": "Decision",
    "line": "Raw line",
    "before": "Before",
    "after": "After",
    "evidence": "Evidence",
}

_BLOCK_STYLE = {
    "headline": "font-size:1.3em;font-weight:bold;margin:0.8em 0 0.3em",
    "byline": "font-style:italic;color:#555",
    "paragraph": "margin:0 0 0.6em;line-height:1.45",
    "caption": "font-size:0.9em;border-left:3px solid #888;padding-left:0.5em;color:#444",
}


def render_raw_html(raw: str) -> Markup:
    """The raw page as the text layer gave it, line numbers on the left.

    >>> str(render_raw_html("a <b>\\nc"))[:60]
    '<pre style="font-size:0.85em;white-space:pre;overflow:auto">'
    """
    lines = Markup("").join(
        Markup('<span style="color:#999">{:>4} </span>{}\n').format(number, line)
        for number, line in enumerate(raw.split("\n"), 1)
    )
    return Markup('<pre style="font-size:0.85em;white-space:pre;overflow:auto">{}</pre>').format(
        lines
    )


def render_document_html(document: Document) -> Markup:
    """The clean articles: headlines, bylines, paragraphs and captions (marked as such).

    >>> doc = Document.from_text("One <script>.")
    >>> "&lt;script&gt;" in render_document_html(doc)
    True
    """
    pieces = []
    current_article = None
    for block in document.blocks:
        if block.article != current_article:
            if current_article is not None:
                pieces.append(Markup("<hr>"))
            current_article = block.article
        label = (
            Markup('<small style="color:#777">[caption] </small>')
            if block.kind == "caption"
            else ""
        )
        pieces.append(
            Markup('<div class="reader-{}" style="{}">{}{}</div>').format(
                block.kind, _BLOCK_STYLE[block.kind], label, block.text
            )
        )
    return Markup("").join(pieces)


class CleaningViewer(widgets.VBox):
    """Raw and cleaned page side by side; the decisions below, filtered by kind.

    >>> viewer = CleaningViewer(text="Nuri al-Ma-\\nliki spoke.\\n")
    >>> viewer.result.document.text
    'Nuri al-Maliki spoke.'
    >>> viewer.action.options
    ('all decisions', 'join-word', 'page-kind')
    """

    def __init__(self, path: str | Path | None = None, text: str | None = None) -> None:
        if text is None:
            if path is None:
                raise ValueError("give a page path or its text")
            text = read_page(path)
        self.raw = text
        self.lost_hyphens = widgets.Checkbox(value=True, description="join OCR's lost hyphens")
        self.action = widgets.Dropdown(description="show", layout=widgets.Layout(width="320px"))
        # both panes scroll in boxes of one screen's height, side by side
        pane = {"width": "50%", "max_height": "30em", "overflow": "auto"}
        self.raw_pane = widgets.HTML(layout=widgets.Layout(**pane))
        self.clean_pane = widgets.HTML(layout=widgets.Layout(**pane, padding="0 0 0 1em"))
        self.summary = widgets.HTML()
        self.table = widgets.Output()
        self.lost_hyphens.observe(lambda _: self.refresh(), names="value")
        self.action.observe(lambda _: self.show_decisions(), names="value")
        super().__init__(
            [
                self.summary,
                widgets.HBox([self.raw_pane, self.clean_pane]),
                widgets.HBox([self.lost_hyphens, self.action]),
                self.table,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Clean the page again with the chosen options and redraw everything."""
        self.result: CleanResult = clean_page(self.raw, join_lost_hyphens=self.lost_hyphens.value)
        document = self.result.document
        self.raw_pane.value = str(render_raw_html(self.raw))
        self.clean_pane.value = str(render_document_html(document))
        counts = self.result.decisions_df()["action"].value_counts()
        self.summary.value = str(
            Markup("<b>{}, {}</b>; decisions: {}").format(
                plural(document.article_count(), "article"),
                plural(len(document.paragraphs()), "paragraph"),
                ", ".join(f"{action} {count}" for action, count in counts.items()),
            )
        )
        actions = [ALL_ACTIONS, *sorted(counts.index)]
        self.action.options = actions
        self.action.value = ALL_ACTIONS
        self.show_decisions()

    def decisions(self) -> pd.DataFrame:
        """The decisions shown now (all, or one kind)."""
        frame = self.result.decisions_df()
        if self.action.value and self.action.value != ALL_ACTIONS:
            frame = frame[frame.action == self.action.value]
        return frame.reset_index(drop=True)

    def show_decisions(self) -> None:
        """The decisions chosen, as a short table for reading (all of them one click away)."""
        self.table.outputs = ()
        self.table.append_display_data(table(self.decisions(), DECISION_COLUMNS, rows=6))
