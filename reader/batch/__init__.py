"""Archives: every document of folders, globs, JSONL corpora and archives, on Dask, to Parquet.

``reader batch INPUT... -o OUT/`` (or `run_batch`) plans the documents into batches
(`reader.batch.plan`), runs each batch on a Dask worker through the stages the
single-document commands run (`reader.batch.process`), and writes one Parquet part per
batch and table under ``OUT/`` (`reader.batch.tables`): ``documents``, ``articles``,
``paragraphs``, ``mentions``, ``quotes``, ``claim_suggestions`` and ``frame_passages``.
A run that is stopped leaves its finished batches; the same command does the rest.

`load_batch` reads the tables back as pandas DataFrames; ``reader frames OUT/`` compares
the outlets from them (`reader.batch.corpus`), without reading a page again.

>>> import tempfile, pathlib, reader
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> corpus = reader.SAMPLE_PAGE.parent / "sample-corpus.jsonl"
>>> summary = run_batch([str(corpus)], out, stages="clean,quotes", scheduler="synchronous")
>>> summary.statuses["ok"], sorted(load_batch(out))
(9, ['articles', 'documents', 'paragraphs', 'quotes'])
"""

from reader.batch.corpus import (
    actor_cooccurrence,
    batch_articles,
    batch_passages,
    outlets_over_time,
    top_speakers,
)
from reader.batch.plan import PAGE_FORMATS, BatchError, document_id
from reader.batch.run import Progress, RunSummary, progress_bar, run_batch
from reader.batch.tables import SCHEMAS, STAGES, is_batch_output, load_batch, read_table

__all__ = [
    "PAGE_FORMATS",
    "SCHEMAS",
    "STAGES",
    "BatchError",
    "Progress",
    "RunSummary",
    "actor_cooccurrence",
    "batch_articles",
    "batch_passages",
    "document_id",
    "is_batch_output",
    "load_batch",
    "outlets_over_time",
    "progress_bar",
    "read_table",
    "run_batch",
    "top_speakers",
]
