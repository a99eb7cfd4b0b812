"""The material compared: a corpus of articles (a folder of pages or a JSONL file) or one
page's outlets, each as passages with the speakers they quote and the actors they mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from reader import actors as actor_stage
from reader import quotes as quote_stage
from reader import safejson
from reader.clean.pagefile import page_metadata
from reader.document import Document
from reader.spans import SpanIndex

PAGE_VOICE = "(page)"
UNKNOWN_SPEAKER = "(unnamed)"

# --------------------------------------------------------------------------- material


@dataclass(frozen=True)
class Passage:
    """A stretch of text that one outlet is responsible for.

    ``kind`` is ``"quote"`` (a statement quotation carried by an outlet the page reports),
    ``"own voice"`` (the page's own text outside quotations), ``"article"`` (one article of
    a corpus) or ``"passage"`` (text given directly).  ``voices`` are the speakers whose
    statements the passage carries; ``actors`` the (name, type) of the actors it mentions.
    """

    outlet: str
    text: str
    kind: str = "passage"
    source: str = ""
    start: int | None = None
    end: int | None = None
    speaker: str | None = None
    cue: str | None = None
    title: str | None = None
    voices: tuple[str, ...] = ()
    actors: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "cue": self.cue,
            "title": self.title,
        }


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus: its outlet and text, and where it came from (file, line)."""

    outlet: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    event: str | None = None


def load_corpus(path: str | Path) -> list[CorpusArticle]:
    """Read a corpus: a JSONL file (one article a line) or a folder of pages.

    A JSONL line needs ``outlet`` and ``text`` (``title``, ``date``, ``event`` are kept if
    present).  In a folder, every page of a kind the kit reads (text, PDF, scan, ALTO,
    saved web page: `reader.sources.page_files`) is cleaned; its outlet is the
    ``publication`` of a sibling ``NAME.meta.json``, else the outlet the source names
    (a web page's site), else the file name.
    Bad input raises ``ValueError`` with one line that says where.
    """
    corpus = Path(path)
    if is_batch_output(corpus):
        from reader.batch import batch_articles

        return batch_articles(corpus)
    if corpus.is_dir():
        articles = _load_corpus_folder(corpus)
    elif corpus.is_file():
        articles = _load_corpus_jsonl(corpus)
    else:
        raise ValueError(f"no such corpus: {corpus}")
    if not articles:
        kind = "no pages" if corpus.is_dir() else "no articles"
        raise ValueError(f"{corpus} holds {kind}")
    return articles


def _load_corpus_jsonl(path: Path) -> list[CorpusArticle]:
    articles = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = safejson.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path} line {number}: not valid JSON ({error.msg})") from None
            except safejson.JSONNestingError as error:
                raise ValueError(f"{path} line {number}: {error}") from None
            if not isinstance(record, dict):
                raise ValueError(
                    f"{path} line {number}: expected a JSON object with outlet and text"
                )
            for name in ("outlet", "text"):
                value = record.get(name)
                if value is None:
                    raise ValueError(f"{path} line {number}: missing field {name!r}")
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(
                        f"{path} line {number}: field {name!r} should be a non-empty string"
                    )

            def optional(name: str, record: dict = record) -> str | None:
                value = record.get(name)
                return None if value is None else str(value)

            articles.append(
                CorpusArticle(
                    outlet=record["outlet"].strip(),
                    text=record["text"],
                    source=f"{path.name}:{number}",
                    title=optional("title"),
                    date=optional("date"),
                    event=optional("event"),
                )
            )
    return articles


def _load_corpus_folder(folder: Path) -> list[CorpusArticle]:
    from reader.clean.files import clean_file
    from reader.sources import page_files

    articles = []
    for page in page_files(folder):
        result = clean_file(page)
        meta = page_metadata(page)
        said = result.meta
        articles.append(
            CorpusArticle(
                outlet=meta.get("publication") or said.outlet or page.stem,
                text=result.document.text,
                source=page.name,
                title=meta.get("title") or said.title or None,
                date=meta.get("date") or said.date or None,
            )
        )
    return articles


def page_outlet_name(page: str | Path | None) -> str:
    """The page's own voice: its ``publication`` from ``NAME.meta.json``, else ``"(page)"``."""
    if page is None:
        return PAGE_VOICE
    name = page_metadata(page).get("publication")
    return name.strip() if isinstance(name, str) and name.strip() else PAGE_VOICE


def _statement_quotes(quotes: Iterable[Any]) -> list[Any]:
    return sorted(
        (q for q in quotes if getattr(q, "kind", "statement") == "statement"),
        key=lambda q: (q.start, q.end),
    )


def _mention_tuples(mentions: Iterable[Any]) -> list[tuple[int, str, str]]:
    return sorted((m.start, str(m.actor), str(m.type)) for m in mentions)


def page_passages(
    document: Document,
    quotes: Sequence[Any] = (),
    mentions: Sequence[Any] = (),
    page_outlet: str = PAGE_VOICE,
) -> list[Passage]:
    """Split one page into outlets' passages: reported outlets' quotes and the page's voice.

    Each statement quotation whose ``outlet`` is set becomes a passage of that outlet; the
    page's own voice is every headline, paragraph and caption with the statement
    quotations cut out (shown as ``[…]``).  Quotations with no outlet are cut out too, but
    their speakers count as the page's voices.

    >>> from types import SimpleNamespace as Q
    >>> doc = Document.from_text("“Russia helps us,” Maliki told TASS. Critics disagree.")
    >>> quote = Q(text="Russia helps us,", start=1, end=17, speaker="Maliki", outlet="TASS",
    ...           cue="told", kind="statement")
    >>> [(p.outlet, p.text) for p in page_passages(doc, [quote], page_outlet="The Weekly")]
    [('The Weekly', '[…] Maliki told TASS. Critics disagree.'), ('TASS', 'Russia helps us,')]
    """
    statements = SpanIndex(_statement_quotes(quotes))
    # mentions are looked up by where they start: (start, name, type)
    located = SpanIndex(_mention_tuples(mentions), start=itemgetter(0), end=itemgetter(0))
    source = Path(document.source).name if document.source else "page"
    passages: list[Passage] = []
    for block in document.blocks:
        if block.kind == "byline":
            continue
        inside = statements.overlapping(block.start, block.end)
        text = _cut_quotes(
            document.text, block.start, block.end, [(q.start, q.end) for q in inside]
        )
        if not text.strip(" []…"):
            continue
        voices = tuple(
            q.speaker or UNKNOWN_SPEAKER for q in inside if not q.outlet and q.start >= block.start
        )
        actors = tuple(
            (name, kind)
            for start, name, kind in located.starting_in(block.start, block.end)
            if not statements.holds(start)
        )
        passages.append(
            Passage(
                page_outlet,
                text,
                "own voice",
                source,
                block.start,
                block.end,
                voices=voices,
                actors=actors,
            )
        )
    for quote in statements.items:
        if not quote.outlet:
            continue
        actors = tuple(
            (name, kind) for _, name, kind in located.starting_in(quote.start, quote.end)
        )
        passages.append(
            Passage(
                outlet=str(quote.outlet),
                text=quote.text,
                kind="quote",
                source=source,
                start=quote.start,
                end=quote.end,
                speaker=quote.speaker,
                cue=quote.cue,
                voices=(quote.speaker or UNKNOWN_SPEAKER,),
                actors=actors,
            )
        )
    return passages


_OPENING_MARKS = "“\"‘'«"
_CLOSING_MARKS = "”\"’'»"


def _cut_quotes(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """The text of ``[start, end)`` with each quoted span (and its marks) replaced by ``[…]``.

    Overlapping spans make one cut; a span that runs past the block is cut at its edge.

    >>> _cut_quotes("He said: “Yes, we will.” Then left.", 0, 35, [(10, 23), (15, 20)])
    'He said: […] Then left.'
    """
    pieces, cursor = [], start
    for span_start, span_end in sorted(spans):
        span_start, span_end = max(span_start, start), min(span_end, end)
        while span_start > cursor and text[span_start - 1] in _OPENING_MARKS:
            span_start -= 1
        while span_end < end and text[span_end] in _CLOSING_MARKS:
            span_end += 1
        if span_end <= cursor:
            continue
        if span_start >= cursor:
            pieces.append(text[cursor:span_start])
            pieces.append("[…]")
        cursor = span_end
    pieces.append(text[cursor:end])
    return re.sub(r"[ \t]+", " ", "".join(pieces)).strip()


def article_passage(
    article: CorpusArticle, find_quotes: Any = None, find_actors: Any = None
) -> Passage:
    """One corpus article as a passage; its voices and actors come from the finders given."""
    voices: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()
    if find_quotes or find_actors:
        document = Document.from_text(article.text, source=article.source)
        result = find_actors(document) if find_actors else None
        if result is not None:
            found = tuple((name, kind) for _, name, kind in _mention_tuples(result.mentions))
        if find_quotes:
            quotes = (
                find_quotes(document, actors=result)
                if result is not None
                else find_quotes(document)
            )
            voices = tuple(q.speaker or UNKNOWN_SPEAKER for q in _statement_quotes(quotes))
    return Passage(
        outlet=article.outlet,
        text=article.text,
        kind="article",
        source=article.source,
        title=article.title,
        voices=voices,
        actors=found,
    )


def corpus_passages(
    articles: Sequence[CorpusArticle], *, speakers: bool = True, actors: bool = True
) -> list[Passage]:
    """One passage per article, with the speakers it quotes and the actors it mentions."""
    find_quotes = quote_stage.find_quotes if speakers else None
    find_actors = actor_stage.find_actors if actors else None
    return [article_passage(article, find_quotes, find_actors) for article in articles]


def given_passages(
    passages_by_outlet: Mapping[str, Sequence[str | Passage]], *, actors: bool = False
) -> list[Passage]:
    """Passages handed over directly, as ``{outlet: [text or Passage, ...]}``."""
    find_actors = actor_stage.find_actors if actors else None
    passages = []
    for outlet, items in passages_by_outlet.items():
        if isinstance(items, str):
            raise ValueError(f"passages of {outlet!r} should be a list of texts, not one string")
        for number, item in enumerate(items):
            if isinstance(item, Passage):
                passages.append(replace(item, outlet=str(outlet)))
                continue
            found: tuple[tuple[str, str], ...] = ()
            if find_actors:
                result = find_actors(Document.from_text(item))
                found = tuple((name, kind) for _, name, kind in _mention_tuples(result.mentions))
            passages.append(
                Passage(str(outlet), str(item), "passage", f"{outlet}#{number + 1}", actors=found)
            )
    return passages


def _by_outlet(items: Iterable[Any], outlet_of: Callable[[Any], str]) -> dict[str, list]:
    """Items grouped by their outlet, each group in the items' order."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(outlet_of(item), []).append(item)
    return groups


def _passage_outlet(passage: Passage) -> str:
    return passage.outlet


def _analysed_outlet(item: Any) -> str:
    """The outlet of an analysed passage (`reader.framing.analysis`)."""
    return item.passage.outlet


def is_batch_output(source: str | Path) -> bool:
    """A folder `reader batch` wrote (see `reader.batch`): read from its tables, not pages."""
    if not Path(source).is_dir():
        return False
    from reader.batch import is_batch_output as written_by_batch

    return written_by_batch(source)
