"""Each article analysed once: its tokens, content terms, frame terms and sentence tones,
in several processes for a big corpus; and the frames table counted from them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

import pandas as pd

from reader import actors as actor_stage
from reader import quotes as quote_stage
from reader.framing.corpus import (
    CorpusArticle,
    Passage,
    _analysed_outlet,
    _by_outlet,
    article_passage,
)
from reader.framing.lexicon import DIMENSIONS, FrameLexicon, LexiconEntry
from reader.framing.tone import vader
from reader.framing.words import content_terms, tokenize
from reader.text import split_sentences

# --------------------------------------------------------------------------- statistics


@dataclass
class _Analysed:
    """Per-passage working data: tokens, content terms, sentence scores."""

    passage: Passage
    tokens: list[str]
    terms: list[str]
    frames: list[tuple[int, LexiconEntry]]
    sentences: list[tuple[str, dict]]


def _analyse(passage: Passage, lexicon: FrameLexicon) -> _Analysed:
    tokens = tokenize(passage.text)
    analyser = vader()
    sentences = [(s, analyser.polarity_scores(s)) for s in split_sentences(passage.text)]
    return _Analysed(passage, tokens, content_terms(tokens), lexicon.matches(tokens), sentences)


def _analyse_article(
    article: CorpusArticle, *, speakers: bool, actors: bool, lexicon: FrameLexicon
) -> _Analysed:
    find_quotes = quote_stage.find_quotes if speakers else None
    find_actors = actor_stage.find_actors if actors else None
    return _analyse(article_passage(article, find_quotes, find_actors), lexicon)


# A corpus this big is analysed by several processes, as many as there are idle cores (up
# to 4): articles are independent and the results come back in order, so the tables do not
# change.  READER_WORKERS=N sets the number (1 turns it off).
PARALLEL_FROM = 60


def _worker_count(items: int) -> int:
    chosen = os.environ.get("READER_WORKERS", "").strip()
    if chosen.isdigit():
        return max(1, int(chosen))
    if items < PARALLEL_FROM:
        return 1
    try:  # cores already busy with other work make more processes slower, not faster
        busy = int(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    free = (os.cpu_count() or 1) - busy
    return min(4, free) if free >= 2 else 1


def analyse_corpus(
    articles: Sequence[CorpusArticle],
    lexicon: FrameLexicon,
    *,
    speakers: bool = True,
    actors: bool = True,
    workers: int | None = None,
) -> list[_Analysed]:
    """Find voices and actors, tokens, frame terms and sentence tones in every article."""
    work = partial(_analyse_article, speakers=speakers, actors=actors, lexicon=lexicon)
    count = workers if workers is not None else _worker_count(len(articles))
    if count <= 1 or len(articles) < 2:
        return [work(article) for article in articles]
    # fork is quick and safe on Linux; elsewhere the platform's default (spawn) is used
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    chunk = max(1, len(articles) // (4 * count))
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        return list(pool.map(work, articles, chunksize=chunk))


def frames_table(
    analysed: Sequence[_Analysed], outlets: Sequence[str], lexicon: FrameLexicon
) -> pd.DataFrame:
    """Outlet x dimension, long form, with the counts behind every share.

    Columns: ``term_hits`` (lexicon matches), ``share_of_hits`` (of all the outlet's
    matches), ``hits_per_1000_words``, ``passages_with_frame``, ``share_of_passages`` and
    ``matched_terms`` ("term ×count", most frequent first).  For ``other``,
    ``passages_with_frame`` counts the passages in which no dimension's term appears.
    """
    rows = []
    by_outlet = _by_outlet(analysed, _analysed_outlet)
    for outlet in outlets:
        mine = by_outlet.get(outlet, [])
        words = sum(len(a.tokens) for a in mine)
        hits: Counter = Counter()
        terms: dict[str, Counter] = {d: Counter() for d in lexicon.dimensions}
        with_frame: Counter = Counter()
        for item in mine:
            dims = set()
            for position, entry in item.frames:
                hits[entry.dimension] += 1
                length = len(entry.words)
                terms[entry.dimension][" ".join(item.tokens[position : position + length])] += 1
                dims.add(entry.dimension)
            with_frame.update(dims)
            if not dims:
                with_frame["other"] += 1
        total = sum(hits.values())
        for dimension in lexicon.dimensions:
            count = hits[dimension]
            matched = sorted(terms[dimension].items(), key=lambda kv: (-kv[1], kv[0]))
            rows.append(
                {
                    "outlet": outlet,
                    "dimension": dimension,
                    "label": DIMENSIONS[dimension],
                    "term_hits": count,
                    "share_of_hits": round(count / total, 4) if total else 0.0,
                    "hits_per_1000_words": round(1000 * count / words, 2) if words else 0.0,
                    "passages_with_frame": with_frame[dimension],
                    "share_of_passages": round(with_frame[dimension] / len(mine), 4)
                    if mine
                    else 0.0,
                    "matched_terms": "; ".join(f"{t} ×{n}" for t, n in matched[:12]),
                }
            )
    return pd.DataFrame(rows)
