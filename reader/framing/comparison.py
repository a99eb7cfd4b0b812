"""How each outlet frames the story: passages, voices, actors, frames, tone and words.

A news page often reports other outlets: the sample page quotes Maliki through TASS,
Tom O'Connor in Newsweek, Amir Taheri in Asharq Al-Awsat, Aydin Mehdiyev in Pravda.ru
and Michael Knights to Rudaw English, and speaks in its own voice in between.  A corpus
(a folder of pages or a JSONL file, one article a line) has one outlet per article.
Either way this module gathers each outlet's *passages* and compares the outlets:

- **speakers**: whose statements the outlet carries (from `reader.quotes`);
- **actors**: the actors its passages mention (from `reader.actors`);
- **frames**: the 15 dimensions of the Policy Frames Codebook (Boydstun, Card, Gross,
  Resnik and Smith 2014), counted through a lexicon a teacher can read and edit,
  ``reader/data/frames_lexicon.csv``;
- **tone**: VADER sentence scores (Hutto and Gilbert 2014, the ``vaderSentiment``
  package's own lexicon);
- **distinctive terms**: the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi and Quinn 2008, "Fightin' Words"), one outlet against the rest
  and every pair of outlets, each term with the counts behind its score.

Every table is a pandas DataFrame whose columns say what they hold, and the same input
gives the same tables (ties are broken by name).  A corpus of 60 articles or more is
analysed by several processes when the machine has idle cores (``READER_WORKERS=N`` sets
the number, 1 keeps to one); the results come back in order, so the tables are the same
either way.

For one page, an outlet's passages are the statement quotations it carried; the page's
own voice (its publication from ``NAME.meta.json``, else ``"(page)"``) is the text
outside statement quotations.  Quotations the page reports with no outlet belong to no
outlet's text, but their speakers are counted as the page's voices.

>>> comparison = compare_outlets({
...     "Daily A": ["The army said the border attack was a grave threat to security."],
...     "Daily B": ["Voters rallied; the poll shows the election is close."],
... })
>>> float(comparison.frame_matrix().loc["Daily A", "security_defense"])
1.0
>>> comparison.distinctive.query("outlet == 'Daily B'").iloc[0]["term"] in {"close", "election", "poll", "rallied", "shows", "voters"}
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reader import actors as actor_stage
from reader import quotes as quote_stage
from reader.document import Document
from reader.framing.analysis import _analyse, _Analysed, analyse_corpus, frames_table
from reader.framing.corpus import (
    CorpusArticle,
    Passage,
    _analysed_outlet,
    _by_outlet,
    _passage_outlet,
    given_passages,
    is_batch_output,
    load_corpus,
    page_outlet_name,
    page_passages,
)
from reader.framing.lexicon import DIMENSIONS, FrameLexicon, default_lexicon
from reader.framing.statistics import PRIOR_SOURCES, distinctive_tables
from reader.framing.tone import tone_table
from reader.framing.words import tokenize

# --------------------------------------------------------------------------- comparison


@dataclass
class OutletComparison:
    """Every table of an outlet comparison (all pandas DataFrames, one row per fact).

    - ``summary``: one row per outlet (passages, words, quotes, speakers, actors, top
      frame, mean tone, most distinctive terms);
    - ``passages``: every passage with its outlet, kind, speaker, cue, offsets, frames, tone;
    - ``speakers``: outlet, speaker, quotes (statements the outlet carries from them);
    - ``actors``: outlet, actor, type, mentions;
    - ``frames``: outlet x dimension (see `frames_table`);
    - ``tone``: VADER per outlet (see `tone_table`);
    - ``distinctive``: log-odds one outlet vs the rest; ``pairwise``: outlet vs each other;
    - ``term_counts``: outlet, term, count (the counts behind the scores and word clouds).
    """

    outlets: list[str]
    summary: pd.DataFrame
    passages: pd.DataFrame
    speakers: pd.DataFrame
    actors: pd.DataFrame
    frames: pd.DataFrame
    tone: pd.DataFrame
    distinctive: pd.DataFrame
    pairwise: pd.DataFrame
    term_counts: pd.DataFrame
    prior: str = "corpus"
    prior_source: str = PRIOR_SOURCES["corpus"]
    lexicon_source: str = "reader/data/frames_lexicon.csv (the kit's own)"
    items: list[Passage] = field(default_factory=list, repr=False)

    def frame_matrix(self, value: str = "share_of_hits") -> pd.DataFrame:
        """Outlets as rows, dimensions as columns (codebook order), one value of `frames`."""
        matrix = self.frames.pivot(index="outlet", columns="dimension", values=value)
        return matrix.reindex(index=self.outlets, columns=list(DIMENSIONS))

    def top_terms(self, outlet: str, n: int = 15, versus: str | None = None) -> pd.DataFrame:
        """The outlet's most distinctive terms (z > 0), against the rest or one other outlet."""
        if versus is None:
            table = self.distinctive[self.distinctive["outlet"] == outlet]
        else:
            table = self.pairwise[
                (self.pairwise["outlet"] == outlet) & (self.pairwise["versus"] == versus)
            ]
        return _most_distinctive(table, n)

    def outlet_passages(self, outlet: str) -> list[Passage]:
        """The passages of one outlet, in reading order."""
        return [p for p in self.items if p.outlet == outlet]

    def to_json(self, top: int = 15) -> dict:
        """The ``reader frames --json`` shape: ``{"outlets": [{outlet, passages, ...}]}``."""
        result = []
        tables = _OutletTables(self)
        passages = _by_outlet(self.items, _passage_outlet)
        for outlet in self.outlets:
            frames = tables.frames[outlet]
            tone = tables.tone[outlet].drop(columns="outlet")
            speakers = tables.speakers[outlet]
            actors = tables.actors[outlet]
            result.append(
                {
                    "outlet": outlet,
                    "passages": [p.to_json() for p in passages.get(outlet, [])],
                    "speakers": [
                        {"name": r.speaker, "quotes": int(r.quotes)} for r in speakers.itertuples()
                    ],
                    "actors": [
                        {"name": r.actor, "type": r.type, "mentions": int(r.mentions)}
                        for r in actors.itertuples()
                    ],
                    "frames": _records(frames.drop(columns="outlet")),
                    "tone": _records(tone)[0] if len(tone) else {},
                    "distinctive_terms": _records(
                        _most_distinctive(tables.distinctive[outlet], top).drop(columns="outlet")
                    ),
                    "distinctive_versus": {
                        other: _records(
                            _most_distinctive(tables.pairwise[outlet, other], top).drop(
                                columns=["outlet", "versus"]
                            )
                        )
                        for other in self.outlets
                        if other != outlet
                    },
                }
            )
        return {
            "outlets": result,
            "method": {
                "frames": f"Policy Frames Codebook lexicon: {self.lexicon_source}",
                "tone": "VADER (vaderSentiment) compound and pos/neg/neu, per sentence",
                "distinctive_terms": f"Monroe et al. 2008 log-odds ratio; {self.prior_source}",
            },
        }


def _records(table: pd.DataFrame) -> list[dict]:
    """DataFrame rows as plain JSON-ready dicts (numpy numbers made Python numbers)."""
    records = []
    for row in table.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, np.integer):
                value = int(value)
            elif isinstance(value, (np.floating, float)):
                value = None if math.isnan(value) else float(value)
            clean[key] = value
        records.append(clean)
    return records


def _most_distinctive(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The first ``n`` rows with z > 0 of a log-odds table already sorted by z-score."""
    return table[table["z_score"] > 0].head(n).reset_index(drop=True)


class _RowsBy:
    """The rows of a table for each value of some of its columns, found in one pass over
    it: the rows, in the table's order, that filtering it for that value would give."""

    def __init__(self, table: pd.DataFrame, *columns: str):
        self.none = table.iloc[0:0]
        key = columns[0] if len(columns) == 1 else list(columns)
        self.groups = {value: rows for value, rows in table.groupby(key, sort=False)}

    def __getitem__(self, value: Any) -> pd.DataFrame:
        return self.groups.get(value, self.none)


class _OutletTables:
    """A comparison's tables cut by outlet once, for the per-outlet summaries and JSON
    (filtering each table again for every outlet, or pair of outlets, is quadratic)."""

    def __init__(self, comparison: OutletComparison):
        self.frames = _RowsBy(comparison.frames, "outlet")
        self.tone = _RowsBy(comparison.tone, "outlet")
        self.speakers = _RowsBy(comparison.speakers, "outlet")
        self.actors = _RowsBy(comparison.actors, "outlet")
        self.distinctive = _RowsBy(comparison.distinctive, "outlet")
        self.pairwise = _RowsBy(comparison.pairwise, "outlet", "versus")


def _outlet_order(passages: Sequence[Passage]) -> list[str]:
    return list(dict.fromkeys(p.outlet for p in passages))


def build_comparison(
    passages: Sequence[Passage], *, lexicon: FrameLexicon | None = None, prior: str = "corpus"
) -> OutletComparison:
    """Compare the outlets of a list of passages (the step every input comes down to)."""
    lexicon = lexicon or default_lexicon()
    return _compare([_analyse(p, lexicon) for p in passages], lexicon, prior)


def _compare(analysed: Sequence[_Analysed], lexicon: FrameLexicon, prior: str) -> OutletComparison:
    if not analysed:
        raise ValueError("nothing to compare: no passages")
    if prior not in PRIOR_SOURCES:
        raise ValueError(f"unknown prior {prior!r}; use one of {', '.join(PRIOR_SOURCES)}")
    passages = [item.passage for item in analysed]
    outlets = _outlet_order(passages)
    counts = {outlet: Counter() for outlet in outlets}
    for item in analysed:
        counts[item.passage.outlet].update(item.terms)
    frames = frames_table(analysed, outlets, lexicon)
    tone = tone_table(analysed, outlets)
    distinctive, pairwise = distinctive_tables(counts, prior)
    speakers = _speakers_table(passages, outlets)
    actors = _actors_table(passages, outlets)
    passage_table = _passage_table(analysed)
    term_counts = pd.DataFrame(
        [
            {"outlet": o, "term": t, "count": n}
            for o in outlets
            for t, n in sorted(counts[o].items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        columns=["outlet", "term", "count"],
    )
    comparison = OutletComparison(
        outlets=outlets,
        summary=pd.DataFrame(),
        passages=passage_table,
        speakers=speakers,
        actors=actors,
        frames=frames,
        tone=tone,
        distinctive=distinctive,
        pairwise=pairwise,
        term_counts=term_counts,
        prior=prior,
        prior_source=PRIOR_SOURCES[prior],
        lexicon_source=lexicon.source,
        items=list(passages),
    )
    comparison.summary = _summary_table(comparison, analysed)
    return comparison


def _speakers_table(passages: Sequence[Passage], outlets: Sequence[str]) -> pd.DataFrame:
    rows = []
    by_outlet = _by_outlet(passages, _passage_outlet)
    for outlet in outlets:
        voices = Counter(v for p in by_outlet.get(outlet, []) for v in p.voices)
        for speaker, n in sorted(voices.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append({"outlet": outlet, "speaker": speaker, "quotes": n})
    return pd.DataFrame(rows, columns=["outlet", "speaker", "quotes"])


def _actors_table(passages: Sequence[Passage], outlets: Sequence[str]) -> pd.DataFrame:
    rows = []
    by_outlet = _by_outlet(passages, _passage_outlet)
    for outlet in outlets:
        mentions = Counter(a for p in by_outlet.get(outlet, []) for a in p.actors)
        for (name, kind), n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append({"outlet": outlet, "actor": name, "type": kind, "mentions": n})
    return pd.DataFrame(rows, columns=["outlet", "actor", "type", "mentions"])


def _passage_table(analysed: Sequence[_Analysed]) -> pd.DataFrame:
    rows = []
    for item in analysed:
        p = item.passage
        dims = Counter(entry.dimension for _, entry in item.frames)
        compounds = [scores["compound"] for _, scores in item.sentences]
        rows.append(
            {
                "outlet": p.outlet,
                "kind": p.kind,
                "source": p.source,
                "title": p.title,
                "start": p.start,
                "end": p.end,
                "speaker": p.speaker,
                "cue": p.cue,
                "words": len(item.tokens),
                "frames": "; ".join(
                    f"{d} ×{n}" for d, n in sorted(dims.items(), key=lambda kv: (-kv[1], kv[0]))
                ),
                "compound_mean": round(sum(compounds) / len(compounds), 4) if compounds else 0.0,
                "text": p.text,
            }
        )
    return pd.DataFrame(rows)


def _summary_table(comparison: OutletComparison, analysed: Sequence[_Analysed]) -> pd.DataFrame:
    rows = []
    by_outlet = _by_outlet(analysed, _analysed_outlet)
    tables = _OutletTables(comparison)
    for outlet in comparison.outlets:
        mine = by_outlet.get(outlet, [])
        frames = tables.frames[outlet]
        frames = frames[frames["term_hits"] > 0].sort_values(
            "term_hits", ascending=False, kind="mergesort"
        )  # ties: codebook order
        top = _most_distinctive(tables.distinctive[outlet], 5)
        speakers = tables.speakers[outlet]
        actors = tables.actors[outlet]
        tone = tables.tone[outlet].iloc[0]
        rows.append(
            {
                "outlet": outlet,
                "passages": len(mine),
                "words": sum(len(a.tokens) for a in mine),
                "quotes": int(speakers["quotes"].sum()),
                "speakers": len(speakers),
                "actors": len(actors),
                "top_frame": frames.iloc[0]["dimension"] if len(frames) else "",
                "top_frame_share": float(frames.iloc[0]["share_of_hits"]) if len(frames) else 0.0,
                "compound_mean": float(tone["compound_mean"]),
                "distinctive_terms": ", ".join(top["term"]),
            }
        )
    return pd.DataFrame(rows)


def compare_page(
    page: str | Path | Document,
    *,
    page_outlet: str | None = None,
    lexicon: FrameLexicon | None = None,
    prior: str = "corpus",
) -> OutletComparison:
    """Compare the outlets one page reports with the page's own voice.

    ``page`` is a page file (cleaned with ``reader.load_document``) or a `Document`.
    Quotes come from ``reader.quotes.find_quotes`` and actors from
    ``reader.actors.find_actors``.
    """
    if isinstance(page, Document):
        document, path = page, None
    else:
        import reader

        document = reader.load_document(page)  # "-" reads standard input
        path = None if str(page) == "-" else Path(page)
    actor_result = actor_stage.find_actors(document, page_path=path)
    quotes = quote_stage.find_quotes(document, actors=actor_result)
    mentions = actor_result.mentions
    voice = page_outlet or page_outlet_name(path)
    passages = page_passages(document, quotes, mentions, page_outlet=voice)
    return build_comparison(passages, lexicon=lexicon, prior=prior)


def is_corpus(source: str | Path) -> bool:
    """A folder or a ``.jsonl`` file is a corpus; anything else is read as one page."""
    path = Path(source)
    return path.is_dir() or path.suffix.lower() in {".jsonl", ".ndjson"}


def compare_outlets(
    source: Mapping[str, Sequence[str | Passage]] | Sequence[CorpusArticle] | Document | str | Path,
    *,
    lexicon: FrameLexicon | None = None,
    prior: str = "corpus",
    page_outlet: str | None = None,
    speakers: bool = True,
    actors: bool = True,
) -> OutletComparison:
    """Compare outlets: from ``{outlet: [passages]}``, a corpus, or one page.

    ``source`` may be a mapping of outlet to texts (or `Passage` objects), a list of
    `CorpusArticle`, a corpus path (folder or JSONL, see `load_corpus`), a page path or a
    `Document` (see `compare_page`).  ``prior`` is ``"corpus"`` (the pooled counts of the
    outlets compared) or ``"wordfreq"`` (general English); see `PRIOR_SOURCES`.
    ``speakers``/``actors`` switch the quote and actor finders off for a corpus.
    """
    if isinstance(source, Mapping):
        return build_comparison(given_passages(source, actors=actors), lexicon=lexicon, prior=prior)
    if isinstance(source, Document):
        return compare_page(source, page_outlet=page_outlet, lexicon=lexicon, prior=prior)
    if isinstance(source, (str, Path)):
        if not is_corpus(source):
            return compare_page(source, page_outlet=page_outlet, lexicon=lexicon, prior=prior)
        if is_batch_output(source):  # `reader batch` found the voices and actors already
            from reader.batch import batch_passages

            passages = batch_passages(source, speakers=speakers, actors=actors)
            return build_comparison(passages, lexicon=lexicon, prior=prior)
        source = load_corpus(source)
    articles = list(source)
    if not all(isinstance(a, CorpusArticle) for a in articles):
        raise ValueError(
            "compare_outlets takes {outlet: [texts]}, a corpus path, a page path or CorpusArticles"
        )
    lexicon = lexicon or default_lexicon()
    analysed = analyse_corpus(articles, lexicon, speakers=speakers, actors=actors)
    return _compare(analysed, lexicon, prior)


def frames_json(source: str) -> dict:
    """What ``reader frames PAGE_OR_CORPUS --json`` prints (see `OutletComparison.to_json`)."""
    return compare_outlets(source).to_json()


# --------------------------------------------------------------------------- views


def term_contexts(
    comparison: OutletComparison, term: str, width: int = 60, limit: int = 20
) -> pd.DataFrame:
    """Key word in context: every use of a term in each outlet's passages.

    The term is matched as a whole word, case-insensitively, with or without a
    possessive ``'s``; columns ``outlet, source, start, left, match, right`` (``start`` is
    the offset in the passage), at most ``limit`` rows per outlet.  ``left`` and
    ``right`` hold whole words only (``…`` where the context was cut), in the passage's
    own spacing: ``left + match + right`` reads as the passage does
    (`reader.widgets.display.kwic`).

    >>> comparison = compare_outlets({"A": ["Tehran's allies and Russia's role grew."]})
    >>> row = term_contexts(comparison, "Russia", width=12).iloc[0]
    >>> row.left + "[" + row.match + "]" + row.right
    "… allies and [Russia's] role grew."
    """
    from reader.widgets.display import kwic

    columns = ["outlet", "source", "start", "left", "match", "right"]
    words = tokenize(term)
    if not words:
        return pd.DataFrame(columns=columns)
    body = r"[\s\-]+".join(re.escape(w).replace("'", "['’]") for w in words)
    pattern = re.compile(rf"(?<![^\W_]){body}(?:['’]s)?(?![^\W_])", re.IGNORECASE)
    tables = []
    for outlet in comparison.outlets:
        found = 0
        for passage in comparison.outlet_passages(outlet):
            spans = [m.span() for m in pattern.finditer(passage.text)][: limit - found]
            if not spans:
                continue
            lines = kwic(passage.text, spans, width)
            lines.insert(0, "outlet", outlet)
            lines.insert(1, "source", passage.source)
            tables.append(lines)
            found += len(spans)
    if not tables:
        return pd.DataFrame(columns=columns)
    table = pd.concat(tables, ignore_index=True)
    return table[columns]


def cloud_weights(
    comparison: OutletComparison, outlet: str, weight: str = "count", top: int = 60
) -> dict[str, float]:
    """The words of one outlet's cloud: term counts, or positive z-scores (``"distinctive"``)."""
    if weight == "count":
        table = comparison.term_counts[comparison.term_counts["outlet"] == outlet].head(top)
        return {r.term: float(r.count) for r in table.itertuples()}
    if weight == "distinctive":
        table = comparison.top_terms(outlet, top)
        return {r.term: float(r.z_score) for r in table.itertuples()}
    raise ValueError(f"unknown weight {weight!r}; use 'count' or 'distinctive'")
