"""The annotated page as one standalone HTML file a teacher can hand out, print and trust.

`export_html` lays out what the stages computed: the clean articles, actors
highlighted (colour *and* an underline style and a type tag, so it reads without
colour), claims with their notes (numbered footnotes, and a note box that shows
on mouse hover and on keyboard focus with CSS only), and the quotations grouped
by outlet.  It renders through a Jinja2 template with autoescaping; the inline
pieces are built with `markupsafe` (every piece of page text escaped), and notes
have their web links found in the raw text, every piece escaped, and the result
sanitised with `nh3`.  The page carries a
Content-Security-Policy that allows no script and no fetch at all; its CSS is
inline; it has a print style sheet.

`export_page` does the whole job for a page file (clean, find actors and quotes
when those stages are there, load and re-anchor the annotation files), and
`write_demo` writes the sample page for ``reader demo``.

>>> from reader.document import Document
>>> html = export_html(Document.from_text("He wrote <script>alert(1)</script>."), title="Test")
>>> "<script>alert" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html
(False, True)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import nh3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from reader.actors import TYPE_COLOURS, ActorResult, base_gazetteer, find_actors, gazetteer_for
from reader.annotations import (
    Annotation,
    AnnotationFile,
    AnnotationFileError,
    load_annotations,
    load_folder,
    reanchor,
    save_annotations,
    write_atomically,
)
from reader.claims import load_claim_scheme
from reader.clean.pagefile import page_metadata
from reader.colours import safe_colour
from reader.document import Block, Document
from reader.quotes import find_quotes
from reader.spans import SpanIndex

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# Colour is never the only cue: each type also has an underline style and a short tag.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "person": ("solid", "PER"),
    "state": ("double", "STA"),
    "organisation": ("dashed", "ORG"),
    "outlet": ("dotted", "OUT"),
    "armed group": ("wavy", "ARM"),
    "group": ("solid", "GRP"),
    "place": ("dotted", "PLC"),
}
# Claims: the label's colour as a tint, and a border style of its own.
LABEL_BORDERS = {
    "check-worthy": "double",
    "factual": "solid",
    "opinion": "dotted",
    "prediction": "dashed",
    "attribution": "solid",
}
NOTE_TAGS = {"a", "br"}
# A web link in a person's note, found in the raw text (before any escaping, so the
# "<" and ">" people put round links stay outside them).
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_TRAILING = ".,;:!?"


def safe_link(url: str | None) -> str | None:
    """The URL if it is a plain web link (http or https), else None.

    >>> safe_link("https://tass.com/x"), safe_link("javascript:alert(1)")
    ('https://tass.com/x', None)
    """
    if url and re.match(r"https?://[^\s<>\"']+$", url.strip()):
        return url.strip()
    return None


def _trim_link(url: str) -> str:
    """A link without the punctuation that ends the sentence round it; a closing bracket
    stays when the link opened it (Wikipedia's ``Foo_(bar)``).

    >>> _trim_link("https://tass.com/a)."), _trim_link("https://w.org/Foo_(bar))")
    ('https://tass.com/a', 'https://w.org/Foo_(bar)')
    """
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def find_links(note: str) -> list[tuple[int, int]]:
    """Where the web links are in a note's raw text: (start, end) pairs.

    >>> note = "See <https://tass.com/a>, or https://tass.com/b."
    >>> [note[s:e] for s, e in find_links(note)]
    ['https://tass.com/a', 'https://tass.com/b']
    """
    spans = []
    for match in _URL.finditer(note):
        url = _trim_link(match.group())
        if url.partition("://")[2]:
            spans.append((match.start(), match.start() + len(url)))
    return spans


def _text_html(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def render_note(note: str) -> Markup:
    """A person's note as safe HTML: web links found in the raw text made clickable, every
    piece escaped, line breaks kept, and the result sanitised with nh3 (only ``a`` with an
    http(s) ``href`` and ``br``).

    >>> str(render_note("<img src=x onerror=alert(1)> see https://tass.com/a"))
    '&lt;img src=x onerror=alert(1)&gt; see <a href="https://tass.com/a" rel="noopener noreferrer">https://tass.com/a</a>'
    >>> str(render_note("<https://tass.com/a>"))
    '&lt;<a href="https://tass.com/a" rel="noopener noreferrer">https://tass.com/a</a>&gt;'
    """
    pieces, cursor = [], 0
    for start, end in find_links(note):
        pieces.append(_text_html(note[cursor:start]))
        pieces.append(Markup('<a href="{0}">{0}</a>').format(note[start:end]))
        cursor = end
    pieces.append(_text_html(note[cursor:]))
    return Markup(
        nh3.clean(
            str(Markup("").join(pieces)),
            tags=NOTE_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer",
        )
    )


# --- what the page shows -----------------------------------------------------------------------


@dataclass
class PlacedClaim:
    """A claim as the page shows it: its number, its annotation, whether it is highlighted."""

    number: int
    annotation: Annotation
    highlighted: bool = True


@dataclass
class PageHeader:
    """Where the page comes from, as its ``NAME.meta.json`` says: shown in the header
    instead of the file name (see `page_header`)."""

    publication: str = ""
    date: str = ""  # as the metadata writes it
    author: str = ""
    url: str | None = None  # a plain http(s) link, else None

    @property
    def date_iso(self) -> str | None:
        """The date for ``<time datetime>`` when it is written as YYYY-MM-DD."""
        return self.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.date) else None


@dataclass
class PageContent:
    """Everything an export shows, computed before any HTML is written."""

    document: Document
    title: str
    mentions: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    claims: list[PlacedClaim] = field(default_factory=list)
    orphans: list[Annotation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, colour)
    # Ready-made, already escaped sections shown above the text (a class summary, say).
    sections: list[Markup] = field(default_factory=list)
    header: PageHeader = field(default_factory=PageHeader)

    @cached_property
    def actors_by_name(self) -> dict:
        """Each actor by its name (the first of a name wins): one look-up per mention."""
        by_name: dict = {}
        for actor in self.actors:
            by_name.setdefault(actor.name, actor)
        return by_name


def _scheme_labels() -> dict[str, tuple[str, str]]:
    try:
        return {lab.key: (lab.name, lab.colour) for lab in load_claim_scheme().labels}
    except ValueError as error:  # a bad scheme (say, a colour that is not one): plain claims
        print(f"reader: claim labels left out ({error})", file=sys.stderr)
        return {}


def number_claims(annotations: Iterable[Annotation]) -> list[PlacedClaim]:
    """Number claims in text order; a claim that overlaps an earlier one is not highlighted
    (it still gets its footnote), so highlights never cross.

    >>> a = Annotation("a", "x", "", "", 0, 10, None, "", "", "")
    >>> b = Annotation("b", "x", "", "", 5, 12, None, "", "", "")
    >>> [(c.number, c.highlighted) for c in number_claims([b, a])]
    [(1, True), (2, False)]
    """
    ordered = sorted(annotations, key=lambda a: (a.start, -a.end))
    placed, reach = [], -1
    for number, annotation in enumerate(ordered, 1):
        free = annotation.start >= reach
        placed.append(PlacedClaim(number, annotation, free))
        if free:
            reach = annotation.end
    return placed


def _type_colour(actor_type: str) -> str:
    return TYPE_COLOURS.get(actor_type, "#999999")


def _colour(content: PageContent, actor_name: str, actor_type: str) -> str:
    """The actor's colour, else its type's; only a checked colour ever reaches a style."""
    actor = content.actors_by_name.get(actor_name)
    if actor is not None:
        colour = getattr(actor, "display_colour", None) or getattr(actor, "colour", None)
        return safe_colour(colour, _type_colour(actor_type))
    return safe_colour(_type_colour(actor_type), "#999999")


def _inline(content: PageContent, start: int, end: int, mentions: list, seen: set) -> Markup:
    """Text from start to end with the actor mentions in it marked (clipped to the range)."""
    text = content.document.text
    out, cursor = [], start
    for mention in mentions:
        m_start, m_end = max(mention.start, start), min(mention.end, end)
        if m_end <= m_start or m_start < cursor:
            continue
        out.append(escape(text[cursor:m_start]))
        underline, tag = TYPE_STYLES.get(mention.type, ("solid", mention.type[:3].upper()))
        first = mention.actor not in seen
        seen.add(mention.actor)
        out.append(
            Markup(
                '<mark class="actor u-{underline}" style="--c:{colour}" '
                'title="{actor} ({type})">{words}{tag}</mark>'
            ).format(
                underline=underline,
                colour=_colour(content, mention.actor, mention.type),
                actor=mention.actor,
                type=mention.type,
                words=text[m_start:m_end],
                tag=Markup('<sup class="tag">{}</sup>').format(tag) if first else "",
            )
        )
        cursor = m_end
    out.append(escape(text[cursor:end]))
    return Markup("").join(out)


def _tip(content: PageContent, claim: PlacedClaim) -> Markup:
    """The note box of a claim: label, claimant, verdict, note and evidence link."""
    body = claim.annotation.claim
    name, _ = content.labels.get(body.label, (body.label, ""))
    link = safe_link(body.evidence)
    return Markup(
        '<span class="tip" role="note" id="tip-{n}"><b>[{n}] {name}</b>'
        '<span class="meta">{claimant}verdict: {verdict}</span>{note}{evidence}</span>'
    ).format(
        n=claim.number,
        name=name,
        claimant=Markup("claimant: {} · ").format(body.claimant) if body.claimant else "",
        verdict=body.verdict,
        note=Markup('<span class="note">{}</span>').format(render_note(body.note))
        if body.note
        else "",
        evidence=Markup('<span class="evidence">evidence: <a href="{0}">{0}</a></span>').format(
            link
        )
        if link
        else (
            Markup('<span class="evidence">evidence: {}</span>').format(body.evidence)
            if body.evidence
            else ""
        ),
    )


def format_block_html(
    content: PageContent, block: Block, seen: set, mention_index: SpanIndex | None = None
) -> Markup:
    """One block's text: actors marked, highlighted claims wrapped, each with its note box.

    ``mention_index`` is ``content.mentions`` indexed once for all the blocks of a page.
    """
    if mention_index is None:
        mention_index = SpanIndex(content.mentions)
    mentions = mention_index.overlapping(block.start, block.end)
    out, cursor = [], block.start
    for claim in content.claims:
        a = claim.annotation
        if not claim.highlighted or a.end <= block.start or a.start >= block.end:
            continue
        start, end = max(a.start, block.start), min(a.end, block.end)
        last = a.end <= block.end
        out.append(_inline(content, cursor, start, mentions, seen))
        border = LABEL_BORDERS.get(a.claim.label, "solid")
        _, colour = content.labels.get(a.claim.label, ("", ""))
        out.append(
            Markup(
                '<span class="claim b-{border}" style="--c:{colour}" data-claim="{n}"{focus}>'
                "{inner}{ref}{tip}</span>"
            ).format(
                border=border,
                colour=safe_colour(colour, "#777777"),
                n=claim.number,
                focus=Markup(' tabindex="0" id="claim-{0}" aria-describedby="tip-{0}"').format(
                    claim.number
                )
                if last
                else "",
                inner=_inline(content, start, end, mentions, seen),
                ref=Markup('<sup class="ref">[{}]</sup>').format(claim.number) if last else "",
                tip=_tip(content, claim) if last else "",
            )
        )
        cursor = end
    out.append(_inline(content, cursor, block.end, mentions, seen))
    return Markup("").join(out)


def _articles(content: PageContent) -> list[list[tuple[str, Markup]]]:
    """Articles as lists of (block kind, block HTML)."""
    grouped: dict[int, list[tuple[str, Markup]]] = {}
    seen: set = set()
    mention_index = SpanIndex(content.mentions)
    for block in content.document.blocks:
        grouped.setdefault(block.article, []).append(
            (block.kind, format_block_html(content, block, seen, mention_index))
        )
    return [grouped[k] for k in sorted(grouped)]


def _legend(content: PageContent) -> list[dict]:
    """Actor types present, each with its colour, underline, tag and actors (most mentioned first)."""
    counts: dict[str, dict[str, int]] = {}
    for mention in content.mentions:
        counts.setdefault(mention.type, {}).setdefault(mention.actor, 0)
        counts[mention.type][mention.actor] += 1
    legend = []
    for actor_type, actors in sorted(counts.items()):
        underline, tag = TYPE_STYLES.get(actor_type, ("solid", actor_type[:3].upper()))
        legend.append(
            {
                "type": actor_type,
                "tag": tag,
                "underline": underline,
                "colour": _colour(content, "", actor_type),
                "actors": sorted(actors.items(), key=lambda item: (-item[1], item[0])),
            }
        )
    return legend


def _quotes_by_outlet(content: PageContent) -> list[tuple[str, list]]:
    grouped: dict[str, list] = {}
    for quote in content.quotes:
        grouped.setdefault(quote.outlet or "Said on the page (no outlet named)", []).append(quote)
    return sorted(grouped.items(), key=lambda item: (item[0].startswith("Said on"), item[0]))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _css() -> Markup:
    return Markup((TEMPLATES / "page.css").read_text(encoding="utf-8"))


def render_page(content: PageContent) -> str:
    """The standalone HTML for what `PageContent` holds."""
    return (
        _environment()
        .get_template("page.html")
        .render(
            title=content.title,
            csp=Markup(CSP),
            css=_css(),
            articles=_articles(content),
            legend=_legend(content),
            claims=content.claims,
            labels=content.labels,
            quotes=_quotes_by_outlet(content),
            orphans=content.orphans,
            problems=content.problems,
            sections=content.sections,
            render_note=render_note,
            safe_link=safe_link,
            source=Path(content.document.source).name if content.document.source else "",
            header=content.header,
        )
    )


def export_html(
    document: Document,
    annotations: Sequence[Annotation] = (),
    *,
    mentions: Sequence = (),
    actors: Sequence = (),
    quotes: Sequence = (),
    title: str | None = None,
    orphans: Sequence[Annotation] = (),
    problems: Sequence[str] = (),
    sections: Sequence[Markup] = (),
    header: PageHeader | None = None,
) -> str:
    """Render a document and what was found in it as one standalone HTML page.

    ``annotations`` must already be placed on ``document.text`` (see `reanchor`).
    ``sections`` are extra HTML sections shown above the text; only `Markup` is
    inserted as HTML (plain strings are escaped like any page text).  ``header``
    gives the publication, date, author and web address shown under the title.
    """
    first_headline = next((b.text for b in document.blocks if b.kind == "headline"), None)
    content = PageContent(
        document=document,
        title=title or first_headline or Path(document.source or "page").stem,
        mentions=sorted(mentions, key=lambda m: m.start),
        actors=list(actors),
        quotes=sorted(quotes, key=lambda q: q.start),
        claims=number_claims(annotations),
        orphans=list(orphans),
        problems=list(problems),
        labels=_scheme_labels(),
        sections=list(sections),
        header=header or PageHeader(),
    )
    return render_page(content)


# --- the whole job for a page file -------------------------------------------------------------


def page_actors(document: Document, page_path: str | Path | None) -> tuple[list, list]:
    """(actors, mentions) of the page, with its own actor list beside it if it has one.

    A page list that cannot be read (a teacher's typo in ``NAME.actors.csv``) is named
    on standard error and left out; the built-in list still colours the page.
    """
    try:
        lists = gazetteer_for(page_path=page_path)
    except (OSError, ValueError) as error:
        print(f"reader: the page's actor list is left out ({error})", file=sys.stderr)
        lists = base_gazetteer()
    result = find_actors(document, gazetteer=lists, use_base=False)
    return list(result.actors), list(result.mentions)


def _actor_result(actors: list, mentions: list):
    """The actors stage's result again, so that the quote finder does not run it a second
    time; None when it found no actors (the quote finder then runs it, as it would)."""
    if not actors:
        return None
    return ActorResult(actors, mentions)


def load_annotation_source(
    source: str | Path | None, document_name: str
) -> tuple[list[Annotation], list[str]]:
    """Annotations from a file or a folder (the files for this document), and load problems.

    In a folder a bad file is reported and skipped; a single file named on its own
    that does not load raises `AnnotationFileError` (one line naming it).
    """
    if source is None:
        return [], []
    source = Path(source)
    if source.is_dir():
        files, problems = load_folder(source, document_name)
        return [a for f in files for a in f.annotations], problems
    return list(load_annotations(source).annotations), []


def _meta_text(meta: dict, name: str) -> str:
    value = meta.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _page_title(page: Path, document: Document) -> str | None:
    title = _meta_text(page_metadata(page), "title")
    return title or next((b.text for b in document.blocks if b.kind == "headline"), None)


def page_header(page: str | Path) -> PageHeader:
    """The header of a page's export, from its ``NAME.meta.json``: publication, date,
    author, and the web address only when it is a plain http(s) link.

    >>> from reader import SAMPLE_PAGE
    >>> page_header(SAMPLE_PAGE).publication
    'The Arab Weekly'
    """
    meta = page_metadata(page)
    return PageHeader(
        publication=_meta_text(meta, "publication"),
        date=_meta_text(meta, "date"),
        author=_meta_text(meta, "author"),
        url=safe_link(_meta_text(meta, "url")),
    )


def export_page(
    page: str | Path, output: str | Path, annotations: str | Path | None = None
) -> Path:
    """Clean a page, find its actors and quotes, place its claims, and write the HTML file.

    Annotation files that fail to load are named on standard error and left as
    they are; claims that cannot be placed are listed on the page as orphans.
    """
    from reader import load_document

    page, output = Path(page), Path(output)
    document = load_document(page)
    actors, mentions = page_actors(document, page)
    quotes = list(find_quotes(document, actors=_actor_result(actors, mentions)))
    loaded, problems = load_annotation_source(annotations, page.stem)
    for problem in problems:
        print(f"reader: {problem}", file=sys.stderr)
    anchoring = reanchor(loaded, document.text)
    html = export_html(
        document,
        anchoring.placed,
        mentions=mentions,
        actors=actors,
        quotes=quotes,
        title=_page_title(page, document),
        orphans=anchoring.orphans,
        problems=problems,
        header=page_header(page),
    )
    write_atomically(output, html.encode("utf-8"))
    return output


def demo_annotations_path() -> Path:
    """The example claims that ship with the sample page."""
    from reader import SAMPLE_PAGE

    return SAMPLE_PAGE.with_name(f"{SAMPLE_PAGE.stem}.teacher.annotations.json")


def write_demo(out_dir: Path) -> list[str]:
    """Write the sample page's annotated HTML and its example claims into ``out_dir``.

    Returns the lines to print; the last one says how to open the notebooks.
    """
    from reader import SAMPLE_PAGE, load_document

    out_dir = Path(out_dir)
    lines = []
    claims = demo_annotations_path()
    if claims.exists():
        teacher = load_annotations(claims)
        placed = reanchor(teacher.annotations, load_document(SAMPLE_PAGE).text)
        copy = out_dir / claims.name
        try:
            save_annotations(
                copy,
                AnnotationFile(teacher.document, teacher.annotator, placed.placed + placed.orphans),
            )
            lines.append(
                f"wrote {copy} ({len(placed.placed)} example claims placed, "
                f"{len(placed.orphans)} orphans)"
            )
        except AnnotationFileError as error:
            lines.append(f"kept {copy} as it is: {error}")
    written = export_page(
        SAMPLE_PAGE, out_dir / f"{SAMPLE_PAGE.stem}.html", claims if claims.exists() else None
    )
    lines.append(f"wrote {written} (open it in a browser; it works offline and prints)")
    lines.append("open the notebooks: .venv/bin/reader lab (start with 00_start_here.ipynb)")
    return lines
