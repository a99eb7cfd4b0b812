"""What a student reads in a notebook: wrapped text, readable tables, a real concordance.

A notebook shows the kit's results to people who did not write the code.  Printed
text breaks in the middle of words in JupyterLab (its output area breaks long lines
anywhere), pandas tables show every internal column (offsets, ids, ``NaN``) and run
off the right of a laptop screen, and a concordance built from tokens shows the
tokeniser's spacing ("said . “ We").  These helpers present the same data as a
reader expects it, and only present: the numbers come from the pipeline's tables.

- `wrap` and `page_text`: text wrapped at word boundaries (hyphens kept whole);
- `table`: chosen columns under readable names, blanks for missing values, short by
  default with a *show all* control that works without a kernel (``<details>``);
- `collapsed`: long content folded under a one-line summary;
- `kwic` and `show_kwic`: key word in context, aligned on the key word, whole words,
  the page's own spacing, each line kept inside its paragraph;
- `file_link`: a link to a file the kit wrote that JupyterLab's file browser opens;
- `picture_beside`: a page's picture with its blocks outlined, beside the clean articles.

Every piece of text is escaped (``markupsafe``) before it goes into HTML.

>>> print(wrap("The minister said the talks would continue in spite of the pro-Kremlin press.", 40))
The minister said the talks would
continue in spite of the pro-Kremlin
press.
"""

from __future__ import annotations

import math
import os
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup, escape

TEXT_WIDTH = 88  # characters a printed line may have before JupyterLab would break it
PREVIEW_ROWS = 8
KWIC_WIDTH = 48  # characters of context on each side of the key word
# Columns that help the code, not the reader: offsets, ids, the statistics' own workings.
INTERNAL_COLUMNS = frozenset(
    {
        "start", "end", "first_start", "speaker_start", "speaker_end", "id", "source",
        "prior_alpha", "log_odds", "terms_outlet", "terms_rest", "created", "modified",
        "pos_mean", "neg_mean", "neu_mean",
    }
)  # fmt: skip
_CELL = "padding:3px 12px 3px 0;vertical-align:top;text-align:left"
_TABLE_STYLE = """<style>
.reader-table details[open] + .reader-preview, .reader-table details:not([open]) .when-open,
.reader-table details[open] .when-closed {display:none}
.reader-table summary {cursor:pointer;color:#1a5fb4;margin:2px 0 6px}
</style>"""


class Html:
    """A piece of HTML a notebook shows as it is (the cell's last value, or `display`)."""

    def __init__(self, html: str, text: str = "") -> None:
        self.html = str(html)
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or re.sub(r"<[^>]+>", "", self.html)

    def __str__(self) -> str:
        return self.html


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``: a count with its noun in the right number.

    >>> plural(1, "sentence"), plural(3, "sentence"), plural(2, "passage", "passages")
    ('1 sentence', '3 sentences', '2 passages')
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"


# -- text -------------------------------------------------------------------------------


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    """Text wrapped at spaces only, paragraphs kept: never a word or a hyphenated word cut.

    ``indent`` starts every line after the first of a paragraph (under a label).

    >>> wrap("Iraqi Vice-President Nuri al-Maliki called for Russia's presence", 30)
    "Iraqi Vice-President Nuri\\nal-Maliki called for Russia's\\npresence"
    >>> print(wrap("caption: Putin shakes hands with Maliki", 26, indent="         "))
    caption: Putin shakes
             hands with Maliki
    """
    paragraphs = re.split(r"\n\s*\n", text.strip("\n"))
    return "\n\n".join(
        textwrap.fill(
            " ".join(p.split()),
            width,
            initial_indent=" " * (len(p) - len(p.lstrip(" "))),
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in paragraphs
    )


def page_text(
    paragraphs: Iterable[object],
    first: int = 1,
    numbered: bool = True,
    title: str | None = None,
    height: str | None = None,
) -> Html:
    """Paragraphs of a page as the reader reads them: wrapped by the browser at spaces.

    ``paragraphs`` are strings or blocks (anything with ``.text``), numbered from
    ``first``.  ``height`` (e.g. ``"24em"``) puts a long text in a box that scrolls.
    The HTML is marked ``class="reader-page"``: it is the page itself, not a result.

    >>> html = page_text(["One <b>.", "Two."], first=3).html
    >>> "&lt;b&gt;" in html and ">3</span>" in html and "reader-page" in html
    True
    """
    paragraphs = list(paragraphs)
    items = []
    for number, paragraph in enumerate(paragraphs, first):
        text = getattr(paragraph, "text", paragraph)
        mark = (
            Markup('<span style="color:#888;font-size:0.85em;margin-right:0.5em">{}</span>').format(
                number
            )
            if numbered
            else ""
        )
        items.append(Markup('<p style="margin:0 0 0.7em">{}{}</p>').format(mark, text))
    box = "max-width:52em;line-height:1.5;font-size:14px"
    if height:
        box += f";max-height:{height};overflow-y:auto;border:1px solid #ddd;padding:8px 12px"
    heading = Markup("<h4 style='margin:0 0 6px'>{}</h4>").format(title) if title else ""
    html = Markup('<section class="reader-page" style="{}">{}{}</section>').format(
        box, heading, Markup("").join(items)
    )
    return Html(html, "\n\n".join(wrap(getattr(p, "text", str(p))) for p in paragraphs))


def collapsed(summary: str, content: object, open: bool = False) -> Html:
    """Content folded under a one-line summary the reader clicks to open (``<details>``).

    ``content`` is an `Html`, anything with ``_repr_html_``, or plain text (escaped).

    >>> "<details><summary" in collapsed("The whole article", "Text.").html
    True
    """
    if hasattr(content, "_repr_html_"):
        body = Markup(content._repr_html_())
    else:
        body = Markup('<div style="white-space:pre-wrap">{}</div>').format(content)
    return Html(
        Markup(
            '<details{}><summary style="cursor:pointer;color:#1a5fb4">{}</summary>'
            '<div style="margin:6px 0 0 1em">{}</div></details>'
        ).format(Markup(" open") if open else "", summary, body),
        summary,
    )


def articles(document, open_first: bool = False) -> Html:
    """Every article of a document folded under its headline and size: open one to read it."""
    pieces = []
    for number, article in enumerate(document.articles(), 1):
        headline = article.headline or f"Article {number} (no headline)"
        summary = f"{headline} · {plural(len(article.paragraphs), 'paragraph')}"
        pieces.append(
            collapsed(summary, page_text(article.paragraphs), open_first and number == 1).html
        )
    return Html(Markup("").join(Markup(p) for p in pieces))


def picture_beside(picture, document, legend: Mapping[str, str] | None = None) -> widgets.HBox:
    """A page's picture (a PIL image, `reader.picture.page_picture`) beside its clean
    articles, with a legend of the roles' colours; each side scrolls on its own."""
    import io

    from reader.picture import ROLE_COLOURS

    png = io.BytesIO()
    picture.save(png, format="PNG")
    image = widgets.Image(value=png.getvalue(), format="png", layout={"width": "48%"})
    keys = Markup(" ").join(
        Markup('<span style="border:3px solid {};padding:0 4px">{}</span>').format(colour, role)
        for role, colour in (legend or ROLE_COLOURS).items()
    )
    text = Markup("<p>{}</p>{}").format(keys, Markup(articles(document, open_first=True).html))
    right = widgets.HTML(text, layout={"width": "50%", "max_height": "900px", "overflow": "auto"})
    return widgets.HBox([image, right])


# -- tables -----------------------------------------------------------------------------


def readable_label(column: str) -> str:
    """A column name as a reader says it: ``share_of_hits`` -> ``Share of hits``.

    >>> readable_label("count_outlet"), readable_label("z_score")
    ('Count outlet', 'Z score')
    """
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def cell_text(value: object, style: str | None = None) -> str:
    """One value as a reader wants it: blank for missing, short numbers, lists joined.

    ``style`` is a format (``"{:.0%}"``) for numbers.

    >>> [cell_text(v) for v in (None, float("nan"), 0.12345, 3.0, 12, True, ["a", "b"])]
    ['', '', '0.12', '3', '12', 'yes', 'a, b']
    >>> cell_text(0.4286, "{:.0%}")
    '43%'
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(cell_text(v) for v in value)
    if style and isinstance(value, Number):
        return style.format(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


class Table:
    """A table for reading: chosen columns with readable names, short, with *show all*.

    ``frame`` holds the text shown (strings; blanks for missing values), ``numeric``
    the columns aligned right.  In a notebook the first ``rows`` rows show, and a
    *Show all* control under them opens the whole table.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        numeric: set[str],
        rows: int,
        caption: str = "",
        empty: str = "No rows.",
    ) -> None:
        self.frame = frame
        self.numeric = numeric
        self.rows = rows
        self.caption = caption
        self.empty = empty

    def __len__(self) -> int:
        return len(self.frame)

    def html_table(self, frame: pd.DataFrame) -> Markup:
        """One HTML table of some of the rows, every cell escaped and styled inline."""
        heads = Markup("").join(
            Markup('<th style="{};border-bottom:1px solid #888;{}">{}</th>').format(
                Markup(_CELL), Markup(self._align(c)), c
            )
            for c in frame.columns
        )
        body = []
        for number, row in enumerate(frame.itertuples(index=False)):
            shade = "background:#f4f4f4;" if number % 2 else ""
            cells = Markup("").join(
                Markup('<td style="{}{};{}">{}</td>').format(
                    Markup(shade), Markup(_CELL), Markup(self._align(c)), value
                )
                for c, value in zip(frame.columns, row)
            )
            body.append(Markup("<tr>{}</tr>").format(cells))
        caption = (
            Markup('<caption style="text-align:left;color:#555;padding:2px 0">{}</caption>').format(
                self.caption
            )
            if self.caption
            else ""
        )
        return Markup(
            '<table style="border-collapse:collapse;margin:4px 0;font-size:13px;'
            'max-width:100%;table-layout:auto">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
        ).format(caption, heads, Markup("").join(body))

    def _align(self, column: str) -> str:
        if column in self.numeric:
            return "text-align:right;white-space:nowrap"
        return "white-space:normal;overflow-wrap:anywhere;min-width:6em;max-width:36em"

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return str(Markup("<p><i>{}</i></p>").format(self.empty))
        if len(self.frame) <= self.rows:
            return str(self.html_table(self.frame))
        return show_all(
            self.html_table(self.frame.head(self.rows)),
            self.html_table(self.frame),
            len(self.frame),
        )

    def __repr__(self) -> str:
        shown = self.frame.head(self.rows).to_string(index=False)
        more = len(self.frame) - self.rows
        return shown + (f"\n… and {plural(more, 'more row')}" if more > 0 else "")


def show_all(preview: Markup, everything: Markup, count: int, noun: str = "row") -> str:
    """The preview, and under it a *Show all* control that opens ``everything`` in its place.

    A ``<details>`` element: it works in JupyterLab, in a notebook turned into HTML and
    in a browser, with no kernel and no script.
    """
    return str(
        Markup(
            '{}<div class="reader-table" style="display:flex;flex-direction:column">'
            '<details style="order:2"><summary><span class="when-closed">Show all {}</span>'
            '<span class="when-open">Show fewer</span></summary>{}</details>'
            '<div class="reader-preview" style="order:1">{}</div></div>'
        ).format(Markup(_TABLE_STYLE), plural(count, noun), everything, preview)
    )


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    *,
    rows: int = PREVIEW_ROWS,
    formats: Mapping[str, str] | None = None,
    index: str | None = None,
    caption: str = "",
    empty: str = "No rows.",
) -> Table:
    """A DataFrame as a `Table` for reading.

    ``columns`` maps each column to show to its readable name (in that order); a list
    keeps the names it gives; by default every column but the internal ones (offsets,
    ids, ``log_odds``...), named as a reader says it.  ``formats`` maps a column (its
    name in ``frame``) to a number format such as ``"{:.0%}"``.  ``index`` names the
    index when it means something (``frame_matrix()``'s outlets); otherwise it is left out.
    ``caption`` goes above the table; ``empty`` is what shows when there is no row.

    >>> frame = pd.DataFrame({"speaker": ["Maliki", None], "start": [0, 9], "share": [0.5, 0.25]})
    >>> t = table(frame, {"speaker": "Who speaks", "share": "Share"}, formats={"share": "{:.0%}"})
    >>> t.frame.values.tolist()
    [['Maliki', '50%'], ['', '25%']]
    >>> list(table(frame).frame.columns)
    ['Speaker', 'Share']
    """
    if index is not None:
        frame = frame.rename_axis(index).reset_index()
        columns = _with_first(columns, index)
    if columns is None:
        chosen = {c: readable_label(c) for c in frame.columns if c not in INTERNAL_COLUMNS}
    elif isinstance(columns, Mapping):
        chosen = dict(columns)
    else:
        chosen = {c: c for c in columns}
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r}; there are {list(frame.columns)}")
    formats = formats or {}
    shown = pd.DataFrame(
        {
            label: [cell_text(v, formats.get(column)) for v in frame[column]]
            for column, label in chosen.items()
        },
        columns=list(chosen.values()),
    )
    numeric = {
        label
        for column, label in chosen.items()
        if pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
    }
    return Table(shown, numeric, rows, caption, empty)


def _with_first(columns, first: str):
    if columns is None:
        return None
    if isinstance(columns, Mapping):
        return {first: first, **columns}
    return [first, *columns]


def frame_shares(comparison, outlets: Sequence[str], value: str = "share_of_hits") -> Table:
    """Frames as rows, the chosen outlets as columns: each outlet's share of frame words.

    Frames no chosen outlet uses are left out; the shares are percentages of the
    outlet's frame words (``value="term_hits"`` gives the counts instead).
    """
    frames = comparison.frames[comparison.frames["outlet"].isin(outlets)]
    matrix = frames.pivot_table(index="label", columns="outlet", values=value, sort=False)
    matrix = matrix[[o for o in outlets if o in matrix.columns]]
    matrix = matrix[(matrix > 0).any(axis=1)]
    style = "{:.0%}" if value.startswith("share") else "{:.0f}"
    return table(
        matrix.reset_index(),
        {"label": "Frame", **{o: o for o in matrix.columns}},
        rows=15,
        formats={o: style for o in matrix.columns},
    )


# -- key word in context ----------------------------------------------------------------


def kwic(text: str, spans: Iterable[tuple[int, int]], width: int = KWIC_WIDTH) -> pd.DataFrame:
    """Key word in context: for each ``(start, end)`` of ``text``, the words before and after.

    Each side holds at most ``width`` characters of whole words, never a cut word, and
    stops at the paragraph's edge; ``…`` marks where the context was cut.  The page's own
    spacing is kept (line breaks become spaces): ``left + match + right`` reads as the
    page does, "Iran-backed" stays joined and "said. “We" is not "said . “ We".
    Columns: left, match, right, start.

    >>> text = "Maliki said. “We need Russia’s more active participation in Iraqi affairs.”"
    >>> row = kwic(text, [(text.index("Russia"), text.index("Russia") + 6)], width=18).iloc[0]
    >>> row.left + "[" + row.match + "]" + row.right
    '… said. “We need [Russia]’s more active …'

    """
    rows = []
    for start, end in spans:
        rows.append(
            {
                "left": _left_context(text, start, width),
                "match": " ".join(text[start:end].split()),
                "right": _right_context(text, end, width),
                "start": start,
            }
        )
    return pd.DataFrame(rows, columns=["left", "match", "right", "start"])


def _left_context(text: str, start: int, width: int) -> str:
    low = max(0, start - width)
    window = re.split(r"\n\s*\n", text[low:start])[-1]
    cut = low > 0 and len(window) == start - low  # more of the paragraph lies before
    if cut and not text[low - 1].isspace():
        window = re.sub(r"^\S+", "", window)  # a word the window cut in two
    words = " ".join(["…", *window.split()] if cut else window.split())
    return words + (" " if words and window[-1:].isspace() else "")


def _right_context(text: str, end: int, width: int) -> str:
    high = min(len(text), end + width)
    window = re.split(r"\n\s*\n", text[end:high])[0]
    cut = high < len(text) and len(window) == high - end
    if cut and not text[high].isspace():
        window = re.sub(r"\S+$", "", window)
    words = " ".join([*window.split(), "…"] if cut else window.split())
    return (" " if words and window[:1].isspace() else "") + words


def show_kwic(
    lines: pd.DataFrame, rows: int = 10, group: str | None = None, caption: str = ""
) -> Html:
    """Concordance lines as an aligned HTML table: the key words in one column.

    ``group`` names a column (e.g. ``outlet``) whose values head groups of lines.
    """
    if lines.empty:
        return Html(Markup("<p><i>{}</i></p>").format(caption or "Not found."), "not found")

    def html(frame: pd.DataFrame) -> Markup:
        out, current = [], None
        for row in frame.itertuples(index=False):
            if group and getattr(row, group) != current:
                current = getattr(row, group)
                out.append(
                    Markup(
                        '<tr><th colspan="3" style="text-align:left;padding:6px 0 2px">{}</th></tr>'
                    ).format(current)
                )
            out.append(
                Markup(
                    '<tr><td style="text-align:right;white-space:nowrap;color:#444;padding:1px 0">{}</td>'
                    '<td style="white-space:nowrap;padding:1px 0"><b style="background:#ffe08a">{}</b></td>'
                    '<td style="text-align:left;white-space:nowrap;color:#444;padding:1px 0">{}</td></tr>'
                ).format(spaced_edge(row.left, at_end=True), row.match, spaced_edge(row.right))
            )
        title = (
            Markup('<caption style="text-align:left;color:#555">{}</caption>').format(caption)
            if caption
            else ""
        )
        return Markup(
            '<table style="border-collapse:collapse;font-size:13px;margin:4px 0">{}{}</table>'
        ).format(title, Markup("").join(out))

    if len(lines) <= rows:
        body = str(html(lines))
    else:
        body = show_all(html(lines.head(rows)), html(lines), len(lines), "line")
    text = "\n".join(f"{r.left} [{r.match}]{r.right}" for r in lines.head(rows).itertuples())
    return Html(body, text)


def spaced_edge(text: str, at_end: bool = False) -> Markup:
    """One side of a concordance line as HTML, its space next to the key word kept.

    HTML drops a space at the edge of a table cell, which would join "need" and "Russia".

    >>> str(spaced_edge("We need ", at_end=True)), str(spaced_edge("-backed"))
    ('We need&nbsp;', '-backed')
    """
    if at_end and text.endswith(" "):
        return Markup("{}&nbsp;").format(text[:-1])
    if not at_end and text.startswith(" "):
        return Markup("&nbsp;{}").format(text[1:])
    return escape(text)


def actor_in_context(document, result, name: str, width: int = KWIC_WIDTH) -> pd.DataFrame:
    """Every mention of one actor (any of its names) in context, as `kwic` lines.

    >>> from reader import Document
    >>> from reader.actors import find_actors
    >>> doc = Document.from_text("Nuri al-Maliki spoke. Later Maliki said . Putin listened.")
    >>> actor_in_context(doc, find_actors(doc), "Maliki")["match"].tolist()
    ['Nuri al-Maliki', 'Maliki']
    """
    actor = result.actor_named(name)
    if actor is None:
        return kwic(document.text, [], width)
    spans = [(m.start, m.end) for m in result.mentions if m.actor == actor.name]
    return kwic(document.text, spans, width)


def find_words(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text``: whole words, any case, any spacing between them.

    >>> find_words("Maliki told TASS; he was told.", "told")
    [(7, 11), (25, 29)]
    """
    parts = words.split()
    if not parts:
        return []
    body = r"\s+".join(re.escape(w) for w in parts)
    pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


class SearchBox(widgets.VBox):
    """Find a word on the page: type it, press Enter, read every use in context.

    A reading tool: it shows where the page says something, never an answer.

    >>> box = SearchBox("Maliki told TASS. Lavrov told reporters.")
    >>> box.query.value = "told"
    >>> box.lines["left"].tolist()
    ['Maliki ', 'Maliki told TASS. Lavrov ']
    """

    def __init__(self, text: str, placeholder: str = "a word, e.g. told") -> None:
        self.text = text
        self.lines = kwic(text, [])
        self.query = widgets.Text(
            placeholder=placeholder, description="Find", continuous_update=False
        )
        self.results = widgets.HTML()
        self.query.observe(lambda _change: self.search(), names="value")
        super().__init__([self.query, self.results])

    def search(self) -> pd.DataFrame:
        """Show every use of the words typed (whole words, any case)."""
        words = self.query.value.strip()
        self.lines = kwic(self.text, find_words(self.text, words))
        if not words:
            self.results.value = ""
        else:
            found = plural(len(self.lines), "time")
            caption = f"“{words}”: {found} on the page"
            self.results.value = show_kwic(self.lines, rows=12, caption=caption).html
        return self.lines


# -- files ------------------------------------------------------------------------------


def file_link(path: str | Path, text: str | None = None) -> Html:
    """A link to a file the kit wrote, relative to the notebook, so JupyterLab opens it.

    The text says where the file is in the kit's folder (what the file browser shows).
    """
    from reader.student import kit_folder

    path = Path(path).resolve()
    href = os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    try:
        shown = path.relative_to(kit_folder()).as_posix()
    except ValueError:
        shown = str(path)
    return Html(
        Markup('{} <a href="{}">{}</a>').format(text or "Open", href, shown),
        f"{text or 'Open'} {shown}",
    )


__all__ = [
    "Html",
    "SearchBox",
    "Table",
    "actor_in_context",
    "articles",
    "cell_text",
    "collapsed",
    "file_link",
    "find_words",
    "frame_shares",
    "kwic",
    "page_text",
    "plural",
    "readable_label",
    "show_all",
    "show_kwic",
    "spaced_edge",
    "table",
    "wrap",
]
