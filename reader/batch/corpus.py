"""Reading a corpus from a batch output: outlets compared, speakers, actors together, time.

`batch_passages` gives `reader.framing` the passages it would have made from the pages
(``reader frames OUT/`` and ``compare_outlets(OUT)`` go through it), so outlets are
compared without reading a page again.  The other functions are corpus views over the
tables of `reader.batch.load_batch`: each returns a DataFrame whose columns say what
they count.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pandas as pd

from reader.batch.tables import plain_value, read_manifest, read_table


def _frames_table(out: str | Path) -> pd.DataFrame:
    manifest = read_manifest(Path(out))
    if manifest is None:
        raise ValueError(f"{out} holds no batch output; run `reader batch` first")
    if "frames" not in manifest.get("stages", []):
        raise ValueError(f"{out} was made without the frames stage; run `reader batch` with it")
    return read_table(out, "frame_passages")


def batch_passages(out: str | Path, *, speakers: bool = True, actors: bool = True) -> list:
    """The corpus passages of a batch output, as `reader.framing.corpus_passages` makes them.

    ``speakers``/``actors`` leave the voices or the actors out, as `compare_outlets` does.
    """
    from reader.framing import Passage

    return [
        Passage(
            outlet=row.outlet,
            text=row.text,
            kind="article",
            source=row.source,
            title=plain_value(row.title),
            voices=tuple(row.voices) if speakers else (),
            actors=tuple(zip(row.actors, row.actor_types)) if actors else (),
        )
        for row in _frames_table(out).itertuples(index=False)
    ]


def batch_articles(out: str | Path) -> list:
    """The corpus articles of a batch output, as `reader.framing.load_corpus` gives them."""
    from reader.framing import CorpusArticle

    return [
        CorpusArticle(
            outlet=row.outlet,
            text=row.text,
            source=row.source,
            title=plain_value(row.title),
            date=plain_value(row.date),
            event=plain_value(row.event),
        )
        for row in _frames_table(out).itertuples(index=False)
    ]


def _with_outlet(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows with the outlet of their document (a quote's own ``outlet`` is the one
    it was given to, which is not the outlet that printed it)."""
    table = table.drop(columns=[c for c in ("outlet",) if c in table.columns])
    return table.merge(documents[["id", "outlet"]], on="id", how="left")


def top_speakers(tables: dict[str, pd.DataFrame], n: int = 5) -> pd.DataFrame:
    """Each outlet's most quoted speakers: outlet, speaker, quotes, documents (quoting them).

    The outlet is the one that printed the quotation (its document's outlet).

    Only statement quotations with a speaker count (not scare quotes); ties by name.
    """
    quotes = tables["quotes"]
    quotes = quotes[(quotes["kind"] == "statement") & quotes["speaker"].notna()]
    quoted = _with_outlet(quotes, tables["documents"])
    counts = (
        quoted.groupby(["outlet", "speaker"])
        .agg(quotes=("id", "size"), documents=("id", "nunique"))
        .reset_index()
        .sort_values(["outlet", "quotes", "speaker"], ascending=[True, False, True])
    )
    return counts.groupby("outlet").head(n).reset_index(drop=True)


def actor_cooccurrence(
    tables: dict[str, pd.DataFrame], types: list[str] | None = None, n: int | None = None
) -> pd.DataFrame:
    """Pairs of actors named in one sentence: actor_a, actor_b, sentences, documents.

    A pair counts once per sentence, however often each is named in it; ``types`` keeps
    to some actor types (``["person", "state"]``), ``n`` to the most frequent pairs.

    >>> mentions = pd.DataFrame({"id": ["d1", "d1", "d1", "d2", "d2"],
    ...     "actor": ["Putin", "Maliki", "Putin", "Putin", "Maliki"],
    ...     "type": ["person"] * 5, "sentence": [0, 0, 0, 3, 3]})
    >>> actor_cooccurrence({"mentions": mentions}).values.tolist()
    [['Maliki', 'Putin', 2, 2]]
    """
    mentions = tables["mentions"]
    if types is not None:
        mentions = mentions[mentions["type"].isin(types)]
    mentions = mentions[mentions["sentence"].notna()]
    sentences: Counter = Counter()
    documents: dict[tuple[str, str], set] = {}
    for (document, _), names in mentions.groupby(["id", "sentence"])["actor"]:
        for pair in combinations(sorted(set(names)), 2):
            sentences[pair] += 1
            documents.setdefault(pair, set()).add(document)
    rows = [(a, b, count, len(documents[(a, b)])) for (a, b), count in sentences.items()]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "sentences", "documents"])
    table = table.sort_values(
        ["sentences", "actor_a", "actor_b"], ascending=[False, True, True]
    ).reset_index(drop=True)
    return table.head(n) if n else table


def outlets_over_time(tables: dict[str, pd.DataFrame], period: str = "M") -> pd.DataFrame:
    """Per outlet and period (``"M"`` months, ``"Y"`` years, ``"W"`` weeks): what it printed.

    Columns: outlet, period, documents, quotes (statements), quotes_per_document,
    mentions_per_document, characters.  Documents without a readable date are left out.
    """
    documents = tables["documents"]
    documents = documents[documents["status"].isin(["ok", "partial"])].copy()
    documents["when"] = pd.to_datetime(documents["date"], errors="coerce", format="mixed")
    documents = documents[documents["when"].notna()]
    documents["period"] = documents["when"].dt.to_period(period).astype(str)

    def per_document(table: str, keep=None) -> pd.Series:
        if table not in tables:
            return pd.Series(dtype="int64")
        rows = tables[table] if keep is None else tables[table][keep(tables[table])]
        return rows.groupby("id").size()

    documents["quotes"] = (
        documents["id"].map(per_document("quotes", lambda q: q["kind"] == "statement")).fillna(0)
    )
    documents["mentions"] = documents["id"].map(per_document("mentions")).fillna(0)
    table = (
        documents.groupby(["outlet", "period"])
        .agg(
            documents=("id", "size"),
            quotes=("quotes", "sum"),
            mentions=("mentions", "sum"),
            characters=("characters", "sum"),
        )
        .reset_index()
    )
    table["quotes"] = table["quotes"].astype(int)
    table["quotes_per_document"] = (table["quotes"] / table["documents"]).round(2)
    table["mentions_per_document"] = (table["mentions"] / table["documents"]).round(2)
    columns = [
        "outlet",
        "period",
        "documents",
        "quotes",
        "quotes_per_document",
        "mentions_per_document",
        "characters",
    ]
    return table.sort_values(["period", "outlet"]).reset_index(drop=True)[columns]
