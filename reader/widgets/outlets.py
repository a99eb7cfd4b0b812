"""OutletComparer: outlets side by side, with their quotes, frames, tone, words and clouds.

`word_clouds` draws an outlet comparison's words as clouds, one per outlet, for the
widget and for a notebook cell.

The widget only presents an `OutletComparison` (``reader.framing``).  Its state lives in
Python, so a test can drive it without a browser: choose outlets with
``comparer.outlet_picker.value = ("TASS", "Newsweek")``, a term with
``comparer.term_picker.value = "russia"``, and read ``comparer.columns.value`` (HTML of
the columns) or ``comparer.contexts.value`` (HTML of the term's contexts).  Every piece
of text is escaped before it goes into HTML.

>>> from reader.framing import compare_outlets
>>> comparer = OutletComparer(compare_outlets({"A": ["Tanks and war."], "B": ["Oil <b>deal</b>."]}),
...                           show_clouds=False)
>>> comparer.selected_outlets
['A', 'B']
>>> "&lt;b&gt;deal&lt;/b&gt;" in comparer.columns.value
True
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from reader.framing import (
    DIMENSIONS,
    OutletComparison,
    cloud_weights,
    compare_outlets,
    term_contexts,
)
from reader.widgets.display import spaced_edge

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# --- word clouds: one picture per outlet --------------------------------------------------


@lru_cache(maxsize=1)
def _figure_class() -> type:
    from matplotlib.figure import Figure

    class CloudFigure(Figure):
        """A matplotlib Figure that shows itself as a PNG in a notebook, even without pyplot."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return CloudFigure


def word_clouds(
    comparison: OutletComparison,
    outlets: Sequence[str] | None = None,
    weight: str = "count",
    width: int = 320,
    height: int = 220,
) -> Figure:
    """Word clouds side by side, one per outlet (wordcloud package, fixed random state).

    ``weight="count"`` sizes words by how often the outlet uses them; ``"distinctive"``
    by their z-score against the other outlets (only terms with z > 0).
    """
    from wordcloud import WordCloud

    chosen = list(outlets) if outlets else list(comparison.outlets)
    unknown = [o for o in chosen if o not in comparison.outlets]
    if unknown:
        raise ValueError(
            f"unknown outlet {unknown[0]!r}; choose from {', '.join(comparison.outlets)}"
        )
    figure = _figure_class()(figsize=(3.2 * max(len(chosen), 1), 3.0), layout="constrained")
    axes = figure.subplots(1, max(len(chosen), 1), squeeze=False)[0]
    for axis, outlet in zip(axes, chosen):
        weights = cloud_weights(comparison, outlet, weight)
        axis.set_axis_off()
        axis.set_title(outlet, fontsize=10)
        if not weights:
            axis.text(0.5, 0.5, "no terms", ha="center", va="center", transform=axis.transAxes)
            continue
        cloud = WordCloud(
            width=width,
            height=height,
            background_color="white",
            random_state=0,
            prefer_horizontal=0.9,
            max_words=len(weights),
        ).generate_from_frequencies(weights)
        axis.imshow(cloud.to_array(), interpolation="bilinear")
    return figure


# One colour per frame dimension (codebook order), used for the frame bars.
FRAME_COLOURS: dict[str, str] = dict(
    zip(
        DIMENSIONS,
        [
            "#1b9e77",
            "#66a61e",
            "#7570b3",
            "#e7298a",
            "#a6761d",
            "#e6ab02",
            "#d95f02",
            "#b2182b",
            "#1f78b4",
            "#33a02c",
            "#6a3d9a",
            "#ff7f00",
            "#386cb0",
            "#17becf",
            "#999999",
        ],
    )
)

_STYLE = """<style>
.oc-columns{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
.oc-col{flex:1 1 220px;min-width:0;max-width:100%;border:1px solid #ddd;border-radius:6px;padding:8px;font-size:13px}
.oc-col h3{margin:0 0 4px 0;font-size:15px}
.oc-col h4{margin:8px 0 2px 0;font-size:13px;color:#444}
.oc-meta{color:#666;font-size:12px}
.oc-quote{margin:4px 0;padding-left:6px;border-left:3px solid #ccc}
.oc-bar{display:flex;flex-wrap:wrap;align-items:center;gap:2px 4px;font-size:11px}
.oc-bar .label{width:10em;flex:none}
.oc-bar .track{flex:1 1 auto;min-width:40px;height:9px;background:#eee}
.oc-bar .fill{display:block;height:9px}
.oc-bar .detail{flex:0 1 auto;min-width:0;color:#444}
.oc-terms td{padding:0 6px 0 0;font-size:12px}
.oc-kwic td{padding:0;font-size:12px;white-space:nowrap}
.oc-kwic td.left{text-align:right;color:#555}
.oc-kwic mark{background:#ffe08a}
</style>"""


def _bar(label: str, share: float, colour: str, detail: str) -> str:
    width = max(0.0, min(share, 1.0)) * 100
    return (
        f'<div class="oc-bar"><span class="label">{escape(label)}</span>'
        f'<span class="track"><span class="fill" style="width:{width:.1f}%;background:{colour}"></span></span>'
        f'<span class="detail">{escape(detail)}</span></div>'
    )


def format_passages(comparison: OutletComparison, outlet: str, limit: int = 8) -> str:
    """The outlet's passages: quotes with speaker and cue, else the first words of each."""
    parts = []
    passages = comparison.outlet_passages(outlet)
    for passage in passages[:limit]:
        if passage.kind == "quote":
            who = passage.speaker or "speaker not found"
            cue = f" ({passage.cue})" if passage.cue else ""
            parts.append(
                f'<div class="oc-quote">“{escape(passage.text)}” — <b>{escape(who)}</b>{escape(cue)}</div>'
            )
        else:
            head = f"<b>{escape(passage.title)}</b>: " if passage.title else ""
            text = (
                passage.text
                if len(passage.text) <= 240
                else passage.text[:240].rsplit(" ", 1)[0] + " …"
            )
            parts.append(f'<div class="oc-quote">{head}{escape(text)}</div>')
    if len(passages) > limit:
        parts.append(f'<div class="oc-meta">… and {len(passages) - limit} more passages</div>')
    return "".join(parts)


def format_speakers(comparison: OutletComparison, outlet: str, limit: int = 8) -> str:
    """Who the outlet quotes, with how many statements."""
    table = comparison.speakers[comparison.speakers["outlet"] == outlet].head(limit)
    if table.empty:
        return '<div class="oc-meta">no quoted speakers</div>'
    return ", ".join(f"{escape(str(r.speaker))} ({int(r.quotes)})" for r in table.itertuples())


def format_actors(comparison: OutletComparison, outlet: str, limit: int = 10) -> str:
    """The actors the outlet's passages mention most."""
    table = comparison.actors[comparison.actors["outlet"] == outlet].head(limit)
    if table.empty:
        return '<div class="oc-meta">no actors found</div>'
    return ", ".join(f"{escape(str(r.actor))} ({int(r.mentions)})" for r in table.itertuples())


def format_frames(comparison: OutletComparison, outlet: str) -> str:
    """One bar per dimension the outlet uses: share of its frame-term hits, with the count."""
    table = comparison.frames[
        (comparison.frames["outlet"] == outlet) & (comparison.frames["term_hits"] > 0)
    ]
    if table.empty:
        return '<div class="oc-meta">no frame terms</div>'
    return "".join(
        _bar(
            DIMENSIONS[r.dimension],
            float(r.share_of_hits),
            FRAME_COLOURS[r.dimension],
            f"{r.share_of_hits:.0%} ({int(r.term_hits)})",
        )
        for r in table.itertuples()
    )


def format_tone(comparison: OutletComparison, outlet: str) -> str:
    """VADER's mean compound score and the sentence counts behind it."""
    row = comparison.tone[comparison.tone["outlet"] == outlet].iloc[0]
    compound = float(row["compound_mean"])
    colour = "#1a9850" if compound >= 0.05 else "#d73027" if compound <= -0.05 else "#999999"
    detail = (
        f"{compound:+.2f} over {int(row['sentences'])} sentences "
        f"(+{int(row['positive_sentences'])} / -{int(row['negative_sentences'])} / ={int(row['neutral_sentences'])})"
    )
    return _bar("mean compound", abs(compound), colour, detail)


def format_terms(comparison: OutletComparison, outlet: str, n: int = 10) -> str:
    """The most distinctive terms against the other outlets, with their counts and z-scores."""
    table = comparison.top_terms(outlet, n)
    if table.empty:
        return '<div class="oc-meta">no distinctive terms</div>'
    rows = "".join(
        f"<tr><td>{escape(str(r.term))}</td><td>{int(r.count_outlet)} vs {int(r.count_rest)}</td>"
        f"<td>z={r.z_score:.2f}</td></tr>"
        for r in table.itertuples()
    )
    return f'<table class="oc-terms"><tr><th>term</th><th>here vs rest</th><th></th></tr>{rows}</table>'


def format_column(comparison: OutletComparison, outlet: str) -> str:
    """One outlet's column: passages, speakers, actors, frames, tone, distinctive terms."""
    summary = comparison.summary[comparison.summary["outlet"] == outlet].iloc[0]
    return (
        f'<div class="oc-col" data-outlet="{escape(outlet)}"><h3>{escape(outlet)}</h3>'
        f'<div class="oc-meta">{int(summary["passages"])} passages, {int(summary["words"])} words</div>'
        f"<h4>Passages</h4>{format_passages(comparison, outlet)}"
        f"<h4>Speakers</h4>{format_speakers(comparison, outlet)}"
        f"<h4>Actors</h4>{format_actors(comparison, outlet)}"
        f"<h4>Frames</h4>{format_frames(comparison, outlet)}"
        f"<h4>Tone (VADER)</h4>{format_tone(comparison, outlet)}"
        f"<h4>Distinctive terms</h4>{format_terms(comparison, outlet)}</div>"
    )


def format_columns(comparison: OutletComparison, outlets: Sequence[str]) -> str:
    """The chosen outlets' columns side by side."""
    if not outlets:
        return '<div class="oc-meta">Choose one or more outlets.</div>'
    return (
        _STYLE
        + '<div class="oc-columns">'
        + "".join(format_column(comparison, o) for o in outlets)
        + "</div>"
    )


def format_contexts(table: pd.DataFrame, term: str, outlets: Sequence[str]) -> str:
    """A term's contexts (key word in context), one block per outlet."""
    if not term:
        return '<div class="oc-meta">Choose a term to see it in context.</div>'
    blocks = []
    for outlet in outlets:
        rows = table[table["outlet"] == outlet]
        lines = "".join(
            f'<tr><td class="left">{spaced_edge(r.left, at_end=True)}</td>'
            f"<td><mark>{escape(r.match)}</mark></td><td>{spaced_edge(r.right)}</td></tr>"
            for r in rows.itertuples()
        )
        body = (
            f'<table class="oc-kwic">{lines}</table>'
            if lines
            else '<div class="oc-meta">not used</div>'
        )
        blocks.append(
            f'<div class="oc-col" data-outlet="{escape(outlet)}"><h3>{escape(outlet)}</h3>{body}</div>'
        )
    heading = f"<h4>“{escape(term)}” in context</h4>"
    return _STYLE + heading + '<div class="oc-columns">' + "".join(blocks) + "</div>"


class OutletComparer(widgets.VBox):
    """Choose outlets and see them side by side; choose a term to see it in each outlet.

    ``source`` is an `OutletComparison` or anything `compare_outlets` accepts (a page
    path, a corpus path, ``{outlet: [texts]}``).  At most ``max_columns`` outlets are
    shown at once (the first ones are chosen at the start).
    """

    def __init__(
        self,
        source: OutletComparison | Any,
        outlets: Sequence[str] | None = None,
        *,
        max_columns: int = 4,
        show_clouds: bool = True,
        cloud_weight: str = "count",
    ) -> None:
        self.comparison = (
            source if isinstance(source, OutletComparison) else compare_outlets(source)
        )
        self.max_columns = max_columns
        self.show_clouds = show_clouds
        chosen = list(outlets) if outlets else self.comparison.outlets[:max_columns]
        self.outlet_picker = widgets.SelectMultiple(
            options=self.comparison.outlets,
            value=tuple(chosen),
            description="Outlets",
            rows=min(len(self.comparison.outlets), 8),
        )
        self.term_picker = widgets.Combobox(
            value="", placeholder="a term", description="Term", ensure_option=False
        )
        self.cloud_weight = widgets.ToggleButtons(
            options=[("by count", "count"), ("distinctive", "distinctive")], value=cloud_weight
        )
        self.columns = widgets.HTML()
        self.clouds = widgets.Image(format="png")
        self.contexts = widgets.HTML()
        self.message = widgets.HTML()
        self.outlet_picker.observe(self._on_outlets, names="value")
        self.term_picker.observe(self._on_term, names="value")
        self.cloud_weight.observe(self._on_outlets, names="value")
        controls = widgets.HBox(
            [self.outlet_picker, widgets.VBox([self.term_picker, self.cloud_weight])]
        )
        children = [controls, self.message, self.columns]
        if show_clouds:
            children.append(self.clouds)
        children.append(self.contexts)
        super().__init__(children)
        self.refresh()

    @property
    def selected_outlets(self) -> list[str]:
        """The outlets shown, in the comparison's order (at most ``max_columns``)."""
        chosen = set(self.outlet_picker.value)
        return [o for o in self.comparison.outlets if o in chosen][: self.max_columns]

    @property
    def term(self) -> str:
        return self.term_picker.value.strip()

    def term_options(self, n: int = 10) -> list[str]:
        """Suggested terms: the chosen outlets' most distinctive ones, in outlet order."""
        terms: list[str] = []
        for outlet in self.selected_outlets:
            terms.extend(self.comparison.top_terms(outlet, n)["term"])
        return list(dict.fromkeys(terms))

    def refresh(self) -> None:
        """Redraw the columns, the word clouds and the term's contexts."""
        outlets = self.selected_outlets
        extra = len(set(self.outlet_picker.value)) - len(outlets)
        self.message.value = (
            f'<div class="oc-meta">showing the first {self.max_columns} chosen outlets ({extra} more chosen)</div>'
            if extra > 0
            else ""
        )
        self.columns.value = format_columns(self.comparison, outlets)
        self.term_picker.options = self.term_options()
        if self.show_clouds:
            self.clouds.value = self._cloud_png(outlets)
        self._show_contexts()

    def _cloud_png(self, outlets: Sequence[str]) -> bytes:
        if not outlets:
            return b""
        figure = word_clouds(self.comparison, outlets, weight=self.cloud_weight.value)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80)
        return buffer.getvalue()

    def _show_contexts(self) -> None:
        table = term_contexts(self.comparison, self.term, width=40) if self.term else pd.DataFrame()
        self.contexts.value = format_contexts(table, self.term, self.selected_outlets)

    def _on_outlets(self, change: dict) -> None:
        self.refresh()

    def _on_term(self, change: dict) -> None:
        self._show_contexts()
