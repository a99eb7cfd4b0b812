"""ActorHighlighter: the clean article with every actor coloured, and the actor list to edit.

The widget only presents what `reader.actors.find_actors` computed.  Rendering is
kept in plain functions (`format_article_html`, `format_legend_html`) that take the
document and mentions and return escaped HTML, so tests and the HTML export can use
them without a browser.  Each type has a colour *and* a second cue that survives
greyscale printing and colour-blindness: its own underline style and a small type tag
(PER, STA, ORG, ...).

Editing goes through the page's own list (``texts/NAME.actors.csv``): adding an alias
or merging two actors writes that file (atomically) and runs the analysis again.

>>> from reader import Block, Document
>>> from reader.actors import find_actors
>>> doc = Document.from_blocks([Block("paragraph", "Maliki met Putin in Moscow <today>.")])
>>> html = format_article_html(doc, find_actors(doc).mentions)
>>> "&lt;today&gt;" in html and 'data-type="state"' in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup

from reader.actors import (
    ACTOR_TYPES,
    TYPE_COLOURS,
    ActorResult,
    Gazetteer,
    GazetteerEntry,
    Mention,
    cooccurrence_counts,
    find_actors,
    gazetteer_for,
    load_gazetteer,
    page_gazetteer_path,
    save_gazetteer,
)
from reader.colours import safe_colour
from reader.document import Document
from reader.widgets.display import actor_in_context, plural, spaced_edge
from reader.widgets.marking import marked_blocks

# The second cue beside colour: an underline style and a short tag for each type.
TYPE_UNDERLINES: dict[str, str] = {
    "person": "solid",
    "state": "double",
    "organisation": "dashed",
    "outlet": "dotted",
    "armed group": "wavy",
    "group": "solid",
    "place": "dotted",
}
TYPE_TAGS: dict[str, str] = {
    "person": "PER",
    "state": "STA",
    "organisation": "ORG",
    "outlet": "OUT",
    "armed group": "ARM",
    "group": "GRP",
    "place": "PLC",
}


def _mention_html(mention: Mention, colour: str, selected: bool) -> Markup:
    style = (
        f"background:{colour}40;text-decoration:underline {TYPE_UNDERLINES.get(mention.type, 'solid')} "
        f"{colour};text-decoration-thickness:2px;text-underline-offset:3px;padding:0 1px"
    )
    if selected:
        style += ";outline:2px solid #000"
    return Markup(
        '<mark data-actor="{actor}" data-type="{type}" title="{actor} ({type})" style="{style}">'
        '{text}<sup style="font-size:0.6em;font-weight:bold;color:#333">{tag}</sup></mark>'
    ).format(
        actor=mention.actor,
        type=mention.type,
        style=style,
        text=mention.text,
        tag=TYPE_TAGS.get(mention.type, "?"),
    )


def format_article_html(
    document: Document,
    mentions: Iterable[Mention],
    colours: dict[str, str] | None = None,
    hidden_types: Iterable[str] = (),
    hidden_actors: Iterable[str] = (),
    selected: str | None = None,
) -> str:
    """The article as HTML, each visible mention marked; every piece of page text is escaped.

    ``colours`` maps an actor name to its colour (the type's colour otherwise, and
    also when the colour is not ``#rgb``, ``#rrggbb`` or a CSS colour name).
    """
    colours = colours or {}
    hidden_t, hidden_a = set(hidden_types), set(hidden_actors)
    visible = [m for m in mentions if m.type not in hidden_t and m.actor not in hidden_a]

    def mark(mention: Mention) -> Markup:
        # Lists are checked when loaded; a colour set later in code is checked here again.
        colour = safe_colour(colours.get(mention.actor), TYPE_COLOURS.get(mention.type, "#999999"))
        return _mention_html(mention, colour, mention.actor == selected)

    body = marked_blocks(document, visible, mark)
    return str(Markup('<div class="reader-actors" style="line-height:1.7">{}</div>').format(body))


def format_legend_html(types: Iterable[str] = ACTOR_TYPES) -> str:
    """The legend: each type's colour, underline style and tag together.

    >>> "STA" in format_legend_html(["state"]) and "double" in format_legend_html(["state"])
    True
    """
    items = [
        Markup(
            '<span style="margin-right:1em;background:{c}40;text-decoration:underline {u} {c};'
            'text-decoration-thickness:2px;text-underline-offset:3px">{t} <sup><b>{tag}</b></sup></span>'
        ).format(c=TYPE_COLOURS[t], u=TYPE_UNDERLINES[t], t=t, tag=TYPE_TAGS[t])
        for t in types
    ]
    return str(Markup('<div class="reader-legend">{}</div>').format(Markup("").join(items)))


def format_concordance_html(concordance: pd.DataFrame, cooccurring: pd.DataFrame) -> str:
    """The chosen actor's key-word-in-context lines and the actors named in its sentences."""
    lines = [
        Markup(
            '<tr><td style="text-align:right;padding:0">{}</td><td style="padding:0"><b>{}</b></td>'
            '<td style="text-align:left;padding:0">{}</td></tr>'
        ).format(spaced_edge(row.left, at_end=True), row.mention, spaced_edge(row.right))
        for row in concordance.itertuples()
    ]
    partners = [
        Markup("<li>{} ({})</li>").format(row.other, plural(row.sentences, "sentence"))
        for row in cooccurring.itertuples()
    ]
    return str(
        Markup(
            '<table style="font-size:0.85em">{}</table>'
            "<p><b>Named in the same sentences:</b></p><ul>{}</ul>"
        ).format(Markup("").join(lines), Markup("").join(partners) or Markup("<li>nobody</li>"))
    )


def cooccurring_with(result: ActorResult, name: str) -> pd.DataFrame:
    """The actors named in the same sentences as ``name``: columns other, sentences."""
    counts = cooccurrence_counts(result)
    rows = [
        (r.actor_b if r.actor_a == name else r.actor_a, r.sentences)
        for r in counts.itertuples()
        if name in (r.actor_a, r.actor_b)
    ]
    return pd.DataFrame(rows, columns=["other", "sentences"]).sort_values(
        "sentences", ascending=False, kind="stable"
    )


def draw_cooccurrence_network(
    result: ActorResult, min_sentences: int = 1, types: Iterable[str] | None = None
):
    """Who appears with whom: actors as nodes (coloured by type), an edge per shared sentence.

    Returns a matplotlib ``Figure`` (no pyplot state, so it works under any backend).
    """
    import networkx as nx
    from matplotlib.figure import Figure

    counts = cooccurrence_counts(result, types=types)
    counts = counts[counts.sentences >= min_sentences]
    graph = nx.Graph()
    types_of = {a.name: a.type for a in result.actors}
    mentions = result.actors_df().set_index("name")["mentions"].to_dict()
    for row in counts.itertuples():
        graph.add_edge(row.actor_a, row.actor_b, weight=row.sentences)
    figure = Figure(figsize=(9, 7))
    ax = figure.subplots()
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no two actors share a sentence", ha="center")
        return figure
    layout = nx.spring_layout(graph, seed=0, weight="weight")
    nodes = list(graph.nodes)
    nx.draw_networkx_edges(
        graph, layout, ax=ax, width=[graph[a][b]["weight"] for a, b in graph.edges], alpha=0.4
    )
    nx.draw_networkx_nodes(
        graph,
        layout,
        ax=ax,
        nodelist=nodes,
        node_color=[TYPE_COLOURS.get(types_of.get(n, ""), "#999999") for n in nodes],
        node_size=[80 + 40 * mentions.get(n, 1) for n in nodes],
        edgecolors="black",
    )
    nx.draw_networkx_labels(graph, layout, ax=ax, font_size=8)
    ax.set_title("Actors named in the same sentence (edge width = number of sentences)")
    return figure


class ActorHighlighter(widgets.VBox):
    """The article with actors highlighted; choose, hide, add aliases, merge.

    State lives in plain attributes and widget values, so tests drive it in Python:
    set ``actor_select.value``, call ``add_alias`` or ``merge_actors`` (what the buttons
    call), and read ``article.value`` or the saved CSV.
    """

    def __init__(
        self,
        document: Document,
        page_path: str | Path | None = None,
        gazetteer_path: str | Path | None = None,
        use_base: bool = True,
    ):
        self.document = document
        self.use_base = use_base
        if gazetteer_path is None and page_path is not None:
            gazetteer_path = page_gazetteer_path(page_path)
        self.gazetteer_path = Path(gazetteer_path) if gazetteer_path is not None else None
        self.result: ActorResult = ActorResult([], [])

        self.legend = widgets.HTML(format_legend_html())
        self.type_boxes = {
            t: widgets.Checkbox(value=True, description=t, indent=False) for t in ACTOR_TYPES
        }
        self.actor_select = widgets.Dropdown(description="Actor", options=[])
        self.hidden_actors = widgets.SelectMultiple(description="Hide", options=[], rows=6)
        self.alias_text = widgets.Text(
            description="New alias", placeholder="e.g. the former prime minister"
        )
        self.alias_button = widgets.Button(description="Add alias")
        self.merge_select = widgets.Dropdown(description="Merge into", options=[])
        self.merge_button = widgets.Button(description="Merge")
        self.status = widgets.Label()
        # the article and the details scroll in boxes: the notebook page stays short
        self.article = widgets.HTML(
            layout=widgets.Layout(width="58%", max_height="32em", overflow="auto")
        )
        self.details = widgets.HTML(
            layout=widgets.Layout(
                width="42%", max_height="32em", overflow="auto", padding="0 0 0 1em"
            )
        )

        for box in self.type_boxes.values():
            box.observe(self._on_filter_change, names="value")
        self.hidden_actors.observe(self._on_filter_change, names="value")
        self.actor_select.observe(self._on_actor_change, names="value")
        self.alias_button.on_click(
            lambda _: self.add_alias(self.actor_select.value, self.alias_text.value)
        )
        self.merge_button.on_click(
            lambda _: self.merge_actors(self.merge_select.value, self.actor_select.value)
        )

        super().__init__(
            [
                self.legend,
                widgets.HBox(list(self.type_boxes.values())),
                widgets.HBox([self.actor_select, self.hidden_actors]),
                widgets.HBox([self.alias_text, self.alias_button]),
                widgets.HBox([self.merge_select, self.merge_button]),
                self.status,
                widgets.HBox([self.article, self.details]),
            ]
        )
        self.analyse()

    # -- analysis -----------------------------------------------------------------
    def page_list(self) -> Gazetteer:
        """The page's own list as it is on disk now (empty if there is none yet)."""
        if self.gazetteer_path is not None and self.gazetteer_path.is_file():
            return load_gazetteer(self.gazetteer_path)
        return Gazetteer(source=str(self.gazetteer_path) if self.gazetteer_path else None)

    def analyse(self) -> None:
        """Run `find_actors` with the page's list and redraw everything."""
        self.result = find_actors(self.document, gazetteer=self.page_list(), use_base=self.use_base)
        names = [a.name for a in self.result.actors]
        previous = self.actor_select.value
        self.actor_select.options = names
        self.merge_select.options = names
        self.hidden_actors.options = names
        self.hidden_actors.value = tuple(n for n in self.hidden_actors.value if n in names)
        if previous in names:
            self.actor_select.value = previous
        self.render()

    # -- presentation ---------------------------------------------------------------
    @property
    def hidden_types(self) -> set[str]:
        return {t for t, box in self.type_boxes.items() if not box.value}

    def visible_mentions(self) -> list[Mention]:
        """The mentions the article shows now, after the type and actor filters."""
        hidden_actors = set(self.hidden_actors.value)
        return [
            m
            for m in self.result.mentions
            if m.type not in self.hidden_types and m.actor not in hidden_actors
        ]

    def render(self) -> None:
        colours = {a.name: a.colour for a in self.result.actors if a.colour}
        self.article.value = format_article_html(
            self.document,
            self.result.mentions,
            colours=colours,
            hidden_types=self.hidden_types,
            hidden_actors=self.hidden_actors.value,
            selected=self.actor_select.value,
        )
        self._show_details()

    def _show_details(self) -> None:
        name = self.actor_select.value
        if not name:
            self.details.value = ""
            return
        # whole words in the page's own spacing, not NLTK's tokens ("said . “ We")
        concordance = actor_in_context(self.document, self.result, name, width=32)
        concordance = concordance.rename(columns={"match": "mention"})
        self.details.value = format_concordance_html(
            concordance, cooccurring_with(self.result, name)
        )

    def _on_filter_change(self, _change=None) -> None:
        self.render()

    def _on_actor_change(self, _change=None) -> None:
        self.render()

    # -- editing the page's list ----------------------------------------------------
    def _entry_for(self, page: Gazetteer, name: str) -> GazetteerEntry:
        entry = page.entry_named(name)
        if entry is not None and entry.name == name:
            return entry
        actor = self.result.actor_named(name)
        if actor is None:
            raise ValueError(f"no actor called {name!r} on this page")
        listed = gazetteer_for(page, use_base=self.use_base).entry_named(actor.name)
        titled = {f"{role} {actor.name}" for role in actor.roles}
        aliases = [a for a in actor.aliases if a != actor.name and a not in titled]
        if listed is not None and listed.name == actor.name:
            # keep every alias the base list knows ("Russians"), not just those on this page
            aliases = list(dict.fromkeys([*listed.aliases, *aliases]))
        return GazetteerEntry(actor.name, actor.type, aliases, actor.colour, actor.description)

    def _save(self, page: Gazetteer, message: str) -> None:
        if self.gazetteer_path is None:
            raise ValueError(
                "this highlighter has no page list to save to (give page_path or gazetteer_path)"
            )
        save_gazetteer(page, self.gazetteer_path)
        self.analyse()
        self.status.value = f"{message}; saved {self.gazetteer_path.name}"

    def add_alias(self, name: str, alias: str) -> None:
        """Add ``alias`` to actor ``name`` in the page's list, save it, analyse again."""
        alias = (alias or "").strip()
        if not name or not alias:
            self.status.value = "choose an actor and type an alias first"
            return
        page = self.page_list()
        entry = self._entry_for(page, name)
        if alias not in entry.aliases and alias != entry.name:
            entry.aliases.append(alias)
        page.add(entry)
        self.alias_text.value = ""
        self._save(page, f"added {alias!r} to {name}")

    def merge_actors(self, keep: str, absorb: str) -> None:
        """Make ``absorb`` another name of ``keep`` (its name and aliases move over); save."""
        if not keep or not absorb or keep == absorb:
            self.status.value = "choose two different actors to merge"
            return
        page = self.page_list()
        kept = self._entry_for(page, keep)
        gone = self._entry_for(page, absorb)
        for form in gone.surface_forms():
            if form not in kept.aliases and form != kept.name:
                kept.aliases.append(form)
        page.entries = [e for e in page.entries if e.name != gone.name]
        page.add(kept)
        self._save(page, f"merged {absorb} into {keep}")
        self.actor_select.value = keep
