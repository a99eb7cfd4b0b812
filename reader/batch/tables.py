"""The tables a batch run writes: their columns, one Parquet part per batch, and reading back.

``OUT/TABLE/BATCH.parquet`` for each table of the stages run, then ``OUT/done/BATCH.json``
(the batch's figures): a batch is finished when its ``done`` file exists, and each file
is written whole or not at all (a temporary name, then a rename), so a run that is
killed leaves finished batches intact and at most one half-written batch per worker,
which the next run does again.

Offsets (``start``, ``end``) are character offsets into the document's clean text, the
``text`` column of ``documents`` (what ``reader clean PAGE`` prints), as in the JSON of
``reader actors`` and ``reader quotes``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

STAGES = ("clean", "actors", "quotes", "claims", "frames")
DONE_FOLDER = "done"
MANIFEST = "manifest.json"

_TEXT = pa.string()
_INT = pa.int64()

# Every table's columns, in order. Each row carries the document's ``id``.
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", _TEXT),
            ("source", _TEXT),  # the file, ``ARCHIVE!MEMBER`` or ``CORPUS.jsonl:LINE``
            ("outlet", _TEXT),
            ("title", _TEXT),
            ("date", _TEXT),
            ("author", _TEXT),
            ("event", _TEXT),
            ("characters", _INT),  # of the clean text
            ("format", _TEXT),  # text, pdf, scan, alto, html, jsonl; other (skipped)
            ("status", _TEXT),  # ok, partial (a stage failed), failed, skipped
            ("error", _TEXT),  # "stage: one line" for each stage that failed, joined by "; "
            ("batch", _TEXT),
            ("text", _TEXT),  # the clean text every offset refers to
        ]
    ),
    "articles": pa.schema(
        [
            ("id", _TEXT),
            ("article", _INT),
            ("headline", _TEXT),
            ("byline", _TEXT),
            ("paragraphs", _INT),
            ("captions", pa.list_(_TEXT)),
        ]
    ),
    "paragraphs": pa.schema(
        [
            ("id", _TEXT),
            ("article", _INT),
            ("paragraph", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _TEXT),
        ]
    ),
    "mentions": pa.schema(
        [
            ("id", _TEXT),
            ("actor", _TEXT),
            ("type", _TEXT),
            ("text", _TEXT),
            ("start", _INT),
            ("end", _INT),
            ("paragraph", _INT),
            ("sentence", _INT),
            ("role", _TEXT),
            ("in_compound", pa.bool_()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("id", _TEXT),
            ("text", _TEXT),
            ("start", _INT),
            ("end", _INT),
            ("speaker", _TEXT),
            ("outlet", _TEXT),
            ("cue", _TEXT),
            ("addressee", _TEXT),
            ("kind", _TEXT),
            ("paragraph", _INT),
            ("speaker_start", _INT),
            ("speaker_end", _INT),
            ("rule", _TEXT),  # the speaker decision's evidence (reader.quotes.SPEAKER_RULES)
            ("clause", _TEXT),
        ]
    ),
    "claim_suggestions": pa.schema(
        [
            ("id", _TEXT),
            ("rank", _INT),
            ("score", pa.float64()),
            ("reasons", _TEXT),
            ("because_of", _TEXT),
            ("start", _INT),
            ("end", _INT),
            ("sentence", _TEXT),
        ]
    ),
    # what `reader frames` needs of each document, so it compares outlets without the pages
    "frame_passages": pa.schema(
        [
            ("id", _TEXT),
            ("outlet", _TEXT),
            ("source", _TEXT),
            ("title", _TEXT),
            ("date", _TEXT),
            ("event", _TEXT),
            ("text", _TEXT),
            ("voices", pa.list_(_TEXT)),  # the speakers of its statement quotations
            ("actors", pa.list_(_TEXT)),  # the actors it mentions, in order ...
            ("actor_types", pa.list_(_TEXT)),  # ... and their types
        ]
    ),
}
STAGE_TABLES: dict[str, tuple[str, ...]] = {
    "clean": ("articles", "paragraphs"),
    "actors": ("mentions",),
    "quotes": ("quotes",),
    "claims": ("claim_suggestions",),
    "frames": ("frame_passages",),
}


def tables_for(stages: Iterable[str]) -> list[str]:
    """The tables a run of these stages writes, ``documents`` first.

    >>> tables_for(["quotes", "clean"])
    ['documents', 'articles', 'paragraphs', 'quotes']
    """
    chosen = set(stages)
    return ["documents", *(t for s in STAGES if s in chosen for t in STAGE_TABLES[s])]


def part_path(out: Path, table: str, batch: str) -> Path:
    return out / table / f"{batch}.parquet"


def done_path(out: Path, batch: str) -> Path:
    return out / DONE_FOLDER / f"{batch}.json"


def write_part(out: Path, table: str, batch: str, rows: list[dict]) -> None:
    """Write one table's rows of one batch as a Parquet file, atomically."""
    from reader.annotations import write_atomically

    frame = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
    buffer = pa.BufferOutputStream()
    pq.write_table(frame, buffer, compression="zstd")
    write_atomically(part_path(out, table, batch), buffer.getvalue().to_pybytes())


def write_done(out: Path, batch: str, figures: dict) -> None:
    """Mark a batch finished (after all its parts are written), with its figures."""
    from reader.annotations import write_atomically

    data = json.dumps(figures, indent=1, sort_keys=True).encode("utf-8")
    write_atomically(done_path(out, batch), data)


# --------------------------------------------------------------------------- reading back


def read_manifest(out: Path) -> dict | None:
    """The run's manifest, or None when the folder holds no batch output."""
    try:
        data = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "batches" in data else None


def is_batch_output(path: str | Path) -> bool:
    """True for a folder that ``reader batch`` wrote (it holds a manifest).

    >>> is_batch_output("texts")
    False
    """
    return Path(path).is_dir() and read_manifest(Path(path)) is not None


def finished_batches(out: Path) -> list[str]:
    """The batches of the plan whose parts are all written, in the plan's order."""
    manifest = read_manifest(out)
    if manifest is None:
        raise ValueError(f"{out} holds no batch output (no {MANIFEST}); run `reader batch` first")
    return [b["name"] for b in manifest["batches"] if done_path(out, b["name"]).is_file()]


def _pandas_type(arrow_type: pa.DataType):
    return pd.Int64Dtype() if arrow_type == _INT else None


def read_table(out: str | Path, table: str, batches: list[str] | None = None) -> pd.DataFrame:
    """One table of a batch output as a pandas DataFrame (finished batches, in order).

    Integer columns that may be empty (``paragraph``, ``characters``) are pandas'
    nullable ``Int64``; list columns hold lists of strings.
    """
    out = Path(out)
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; the tables are {', '.join(SCHEMAS)}")
    names = finished_batches(out) if batches is None else batches
    files = [part_path(out, table, name) for name in names]
    present = [str(f) for f in files if f.is_file()]
    if not present:
        frame = SCHEMAS[table].empty_table()
    else:
        frame = pa.concat_tables(pq.read_table(f, schema=SCHEMAS[table]) for f in present)
    result = frame.to_pandas(types_mapper=_pandas_type)
    for column in result.columns:
        if pa.types.is_list(SCHEMAS[table].field(column).type):
            result[column] = [list(v) if v is not None else [] for v in result[column]]
    return result


def load_batch(out: str | Path, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables of a ``reader batch`` output folder as pandas DataFrames, by name.

    Only the tables of the stages that were run are there; ``tables`` picks some.
    Every row carries the document's ``id``; ``documents`` says where each came from.
    """
    out = Path(out)
    manifest = read_manifest(out)
    if manifest is None:
        raise ValueError(f"{out} holds no batch output (no {MANIFEST}); run `reader batch` first")
    names = finished_batches(out)
    available = tables_for(manifest.get("stages", STAGES))
    wanted = list(tables) if tables is not None else available
    missing = [t for t in wanted if t not in available]
    if missing:
        raise ValueError(
            f"{out} has no {missing[0]} table (stages run: {', '.join(manifest.get('stages', []))})"
        )
    return {table: read_table(out, table, names) for table in wanted}


def plain_value(value):
    """A cell as JSON has it: None for a missing value, Python numbers."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _records(table: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [
        {column: plain_value(value) for column, value in zip(columns, row)}
        for row in table[columns].itertuples(index=False, name=None)
    ]


def document_json(tables: dict[str, pd.DataFrame], document: str) -> dict:
    """One document's rows as the single-document commands print them, by command.

    ``{"clean": ..., "actors": ..., "quotes": ...}``: what ``reader clean --json``,
    ``reader actors --json`` and ``reader quotes --json`` print for the page (for the
    tables present).  The batch keeps exactly that; tests and ``batch_check.py`` compare.
    """
    result: dict[str, dict] = {}

    def rows(table: str) -> pd.DataFrame:
        frame = tables[table]
        return frame[frame["id"] == document]

    if "articles" in tables:
        paragraphs = rows("paragraphs")
        articles = []
        for article in _records(rows("articles"), ["article", "headline", "byline", "captions"]):
            mine = paragraphs[paragraphs["article"] == article["article"]]
            articles.append(
                {
                    "headline": article["headline"],
                    "byline": article["byline"],
                    "paragraphs": [str(text) for text in mine["text"]],
                    "captions": article["captions"],
                }
            )
        result["clean"] = {"articles": articles}
    if "mentions" in tables:
        actors: dict[str, dict] = {}
        for mention in _records(rows("mentions"), ["actor", "type", "text", "start", "end"]):
            actor = actors.setdefault(
                mention["actor"],
                {"name": mention["actor"], "type": mention["type"], "mentions": []},
            )
            actor["mentions"].append({k: mention[k] for k in ("text", "start", "end")})
        result["actors"] = {"actors": list(actors.values())}
    if "quotes" in tables:
        columns = [c for c in SCHEMAS["quotes"].names if c != "id"]
        result["quotes"] = {"quotes": _records(rows("quotes"), columns)}
    return result
