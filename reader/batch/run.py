"""Running a batch: plan, skip what is finished, run the rest on Dask, keep the manifest.

Local by default: a `distributed.LocalCluster` of worker processes, one per core (or
``workers``), one thread each (the stages are pure Python).  ``scheduler`` is the
address of an existing ``dask.distributed`` cluster (``tcp://HOST:8786``), whose workers
must have the kit installed and see the inputs and the output folder at the same paths;
or ``"synchronous"``: Dask's synchronous scheduler, everything in this process (for
tests and debugging).

The batches go to Dask through `dask.dataframe.from_map`: one partition per batch, whose
function (`reader.batch.process.process_batch`) writes the batch's Parquet parts itself
and returns one row of figures.  Every batch is a task, so the graph has as many tasks
as there are batches, a few thousand for a million documents.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from reader.batch.plan import PLAN_FOLDER, Batch, BatchError, make_plan, resolve_inputs
from reader.batch.process import STATUS_COLUMNS, Settings, process_batch, warm_up
from reader.batch.tables import (
    DONE_FOLDER,
    MANIFEST,
    SCHEMAS,
    STAGES,
    done_path,
    read_manifest,
    tables_for,
)

MANIFEST_VERSION = 1
# A document that takes longer than this is stopped and recorded (a news page takes well
# under a second; a 20 MB text dump takes minutes).
DEFAULT_TIME_LIMIT = 600.0
# The manifest is rewritten after a batch at most this often (and at the end).
MANIFEST_EVERY = 5.0


def parse_stages(stages: str | Iterable[str]) -> tuple[str, ...]:
    """The stages asked for, in pipeline order; an unknown one is a one-line error.

    >>> parse_stages("quotes,clean")
    ('clean', 'quotes')
    """
    names = [s.strip() for s in stages.split(",")] if isinstance(stages, str) else list(stages)
    unknown = [name for name in names if name not in STAGES]
    if unknown or not names:
        raise BatchError(
            f"unknown stage {unknown[0] if unknown else ''!r}; choose from {','.join(STAGES)}"
        )
    return tuple(stage for stage in STAGES if stage in names)


@dataclass
class Progress:
    """How far a run is: documents done (finished batches), left, errors, speed."""

    total: int
    done: int = 0
    errors: int = 0
    done_before: int = 0  # finished by an earlier run
    batches: int = 0
    batches_done: int = 0
    started: float = field(default_factory=time.monotonic)

    def restart(self) -> None:
        """Count time from now: the workers are ready (their start is not the documents' time)."""
        self.started = time.monotonic()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def per_second(self) -> float:
        """Documents a second in this run (what an earlier run did does not count)."""
        return (self.done - self.done_before) / self.seconds if self.seconds > 0 else 0.0

    def describe(self) -> str:
        """One line for the terminal.

        >>> Progress(total=1000, done=250, errors=3, started=time.monotonic() - 10).describe()
        '250 of 1,000 documents, 25.0/s, 750 left, 3 errors'
        """
        left = self.total - self.done
        return (
            f"{self.done:,} of {self.total:,} documents, {self.per_second:.1f}/s, "
            f"{left:,} left, {self.errors:,} error{'s' if self.errors != 1 else ''}"
        )


def progress_bar() -> Callable[[Progress], None]:
    """A `run_batch` progress callback that draws a bar (a widget in a notebook, text elsewhere).

    >>> show = progress_bar()
    >>> show(Progress(total=4, done=4))
    """
    from tqdm.auto import tqdm

    bars: list = []

    def show(progress: Progress) -> None:
        if not bars:
            bars.append(tqdm(total=progress.total, unit="doc", desc="documents"))
        bar = bars[0]
        bar.n = progress.done
        bar.set_postfix_str(f"{progress.per_second:.1f}/s, {progress.errors} errors", refresh=False)
        bar.refresh()
        if progress.done >= progress.total:
            bar.close()

    return show


@dataclass
class RunSummary:
    """What a run did, for the command's last lines and for scripts."""

    out: Path
    documents: int
    statuses: dict[str, int]
    batches: int
    batches_before: int  # finished by an earlier run, not redone
    batches_failed: list[tuple[str, str]]
    seconds: float
    plan_seconds: float
    startup_seconds: float
    per_second: float
    workers: dict[str, float]  # worker -> its peak memory (MB)
    tables: list[str]

    def lines(self) -> list[str]:
        done = self.batches - self.batches_before - len(self.batches_failed)
        counts = ", ".join(f"{n:,} {status}" for status, n in self.statuses.items() if n)
        work = (
            f"{done} batches in {self.seconds:.1f} s, {self.per_second:.1f} documents/s "
            f"(before that: planning {self.plan_seconds:.1f} s, starting the workers "
            f"{self.startup_seconds:.1f} s)"
            if done or self.batches_failed
            else "nothing left to do"
        )
        lines = [
            f"{self.documents:,} documents ({counts or 'none'}) in {self.batches} batches "
            f"under {self.out}",
            f"this run: {work}; {self.batches_before} batches finished before, not redone",
        ]
        if self.workers:
            peaks = ", ".join(f"{mb:.0f}" for mb in sorted(self.workers.values()))
            lines.append(f"peak memory per worker (MB): {peaks}")
        for name, message in self.batches_failed:
            lines.append(f"batch {name} failed: {message}")
        lines.append(
            f"tables: {', '.join(self.tables)} (reader.batch.load_batch({str(self.out)!r}))"
        )
        return lines


def run_batch(
    inputs: str | Iterable[str],
    out: str | Path,
    *,
    stages: str | Iterable[str] = STAGES,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    overwrite: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> RunSummary:
    """Run every document of the inputs through the stages into Parquet tables under ``out``.

    Run again with the same inputs and stages, it does only the batches not finished.
    ``progress`` is called with a `Progress` at the start and after every batch.
    """
    inputs = [inputs] if isinstance(inputs, str) else list(inputs)
    if not inputs:
        raise BatchError("give at least one input: a folder, a pattern, a .jsonl or an archive")
    chosen = parse_stages(stages)
    if workers is not None and workers < 1:
        raise BatchError("--workers must be at least 1")
    out = Path(out)
    planning = time.monotonic()
    manifest = _open_output(out, resolve_inputs(inputs), chosen, overwrite)
    plan = make_plan(inputs, out, batch_size)
    names = {batch.name for batch in plan.batches}
    _remove_stale(out, names)
    figures = {b.name: _done_figures(out, b.name) for b in plan.batches}
    todo = [batch for batch in plan.batches if figures[batch.name] is None]
    earlier = _earlier_runs(manifest, figures)
    run_number = len(earlier) + 1
    run = {
        "run": run_number,
        "started": _now(),
        "finished": None,
        "workers": workers or (None if scheduler else os.cpu_count()),
        "scheduler": scheduler or "local",
        "batches_finished_before": len(plan.batches) - len(todo),
        "batches_done": 0,
    }
    runs = [*earlier, run]
    state = _ManifestWriter(out, plan, chosen, runs, figures)
    state.write()
    plan_seconds = time.monotonic() - planning

    before = [f for f in figures.values() if f is not None]
    counter = Progress(
        total=plan.documents,
        done=sum(b.documents for b in plan.batches if figures[b.name] is not None),
        errors=sum(f["failed"] + f["partial"] for f in before),
        batches=len(plan.batches),
        batches_done=len(before),
    )
    counter.done_before = counter.done
    launched = time.monotonic()
    if progress:
        progress(counter)
    settings = Settings(str(out.resolve()), chosen, time_limit, run_number)
    failed: list[tuple[str, str]] = []
    try:
        for batch, result in _execute(todo, settings, workers, scheduler, counter.restart):
            if isinstance(result, BaseException):
                failed.append((batch.name, _error_line(result)))
                continue
            row = result.iloc[0]
            figures[batch.name] = _done_figures(out, batch.name)
            counter.done += batch.documents
            counter.errors += int(row["failed"]) + int(row["partial"])
            counter.batches_done += 1
            run["batches_done"] += 1
            state.write(throttle=True)
            if progress:
                progress(counter)
    except BaseException:  # Ctrl-C, a lost scheduler: the manifest says the run was cut short
        run["interrupted"] = True
        raise
    finally:
        run["startup_seconds"] = round(max(0.0, counter.started - launched), 2)
        run["finished"] = _now()
        run["seconds"] = round(counter.seconds, 2)
        run["documents_per_second"] = round(counter.per_second, 2)
        state.write()
    return _summary(out, plan, chosen, figures, run, counter, failed, plan_seconds)


def _summary(out, plan, chosen, figures, run, counter, failed, plan_seconds) -> RunSummary:
    statuses = {"ok": 0, "partial": 0, "failed": 0, "skipped": 0}
    documents = 0
    peaks: dict[str, float] = {}
    for figure in figures.values():
        if figure is None:
            continue
        documents += figure["documents"]
        statuses["failed"] += figure["failed"]
        statuses["partial"] += figure["partial"]
        statuses["skipped"] += figure["skipped"]
        statuses["ok"] += (
            figure["documents"] - figure["failed"] - figure["partial"] - figure["skipped"]
        )
        if figure.get("run") == run["run"]:
            worker = figure.get("worker", "?")
            peaks[worker] = max(peaks.get(worker, 0.0), figure.get("peak_rss_mb", 0.0))
    return RunSummary(
        out=out,
        documents=documents,
        statuses=statuses,
        batches=len(plan.batches),
        batches_before=run["batches_finished_before"],
        batches_failed=failed,
        seconds=counter.seconds,
        plan_seconds=plan_seconds,
        startup_seconds=run["startup_seconds"],
        per_second=counter.per_second,
        workers=peaks,
        tables=tables_for(chosen),
    )


def _earlier_runs(manifest: dict, figures: dict[str, dict | None]) -> list[dict]:
    """The manifest's runs, with what each finished counted again from the `done` files.

    A killed run could not write its last figures; its batches' `done` files say which
    run finished them, so the counts are right after all.
    """
    runs = [dict(run) for run in manifest.get("runs", [])]
    for run in runs:
        run["batches_done"] = sum(1 for f in figures.values() if f and f.get("run") == run["run"])
        if run.get("finished") is None:
            run["interrupted"] = True
    return runs


def _error_line(error: BaseException) -> str:
    message = str(error).splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- the output folder


def _open_output(out: Path, inputs: list[str], stages: tuple[str, ...], overwrite: bool) -> dict:
    """Check that ``out`` is new, empty or this run's; clear it for ``overwrite``."""
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out} is a file; give a folder for the tables")
    manifest = read_manifest(out) if out.is_dir() else None
    ours = {*SCHEMAS, DONE_FOLDER, PLAN_FOLDER, MANIFEST}
    if out.is_dir() and manifest is None and any(p.name not in ours for p in out.iterdir()):
        raise BatchError(f"{out} is not empty and holds no batch output; give a new folder")
    if manifest is not None and overwrite:
        _clear(out)
        return {}
    if manifest is not None:
        if manifest.get("inputs") != inputs:
            raise BatchError(
                f"{out} holds the tables of other inputs ({', '.join(manifest.get('inputs', []))}); "
                "give another folder, or --overwrite to start again"
            )
        if list(manifest.get("stages", [])) != list(stages):
            raise BatchError(
                f"{out} holds a run of the stages {','.join(manifest.get('stages', []))}; "
                "run those, give another folder, or --overwrite to start again"
            )
    out.mkdir(parents=True, exist_ok=True)
    return manifest or {}


def _clear(out: Path) -> None:
    """Remove what a batch run wrote (and nothing else)."""
    for name in [*SCHEMAS, DONE_FOLDER, PLAN_FOLDER]:
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    (out / MANIFEST).unlink(missing_ok=True)


def _remove_stale(out: Path, names: set[str]) -> None:
    """Drop parts of batches the plan no longer has (their documents changed) and temporaries."""
    for folder in [*(out / t for t in SCHEMAS), out / DONE_FOLDER]:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            stem = path.name.split(".", 1)[0]
            if path.name.startswith(".") and path.name.endswith(".tmp") or stem not in names:
                path.unlink()


def _done_figures(out: Path, name: str) -> dict | None:
    try:
        return json.loads(done_path(out, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class _ManifestWriter:
    """Writes ``OUT/manifest.json``: the plan, each batch's state, and the runs."""

    def __init__(self, out: Path, plan, stages, runs: list[dict], figures: dict) -> None:
        self.out, self.plan, self.stages, self.runs, self.figures = out, plan, stages, runs, figures
        self.last = 0.0

    def write(self, throttle: bool = False) -> None:
        from reader.annotations import write_atomically

        if throttle and time.monotonic() - self.last < MANIFEST_EVERY:
            return
        self.last = time.monotonic()
        batches = []
        for batch in self.plan.batches:
            figure = self.figures.get(batch.name) or {}
            batches.append(
                {
                    "name": batch.name,
                    "kind": batch.kind,
                    "documents": batch.documents,
                    "done": bool(figure),
                    "run": figure.get("run"),
                    "seconds": figure.get("seconds"),
                    "errors": figure.get("failed", 0) + figure.get("partial", 0)
                    if figure
                    else None,
                }
            )
        manifest = {
            "reader_batch": MANIFEST_VERSION,
            "inputs": self.plan.inputs,
            "stages": list(self.stages),
            "tables": tables_for(self.stages),
            "batch_size": self.plan.batch_size,
            "documents": self.plan.documents,
            "found": self.plan.counts,
            "batches": batches,
            "runs": self.runs,
        }
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
        write_atomically(self.out / MANIFEST, data)


# --------------------------------------------------------------------------- Dask


def batch_frame(batches: list[Batch], settings: Settings):
    """The run as a Dask DataFrame: one partition (one task) per batch, one row of figures each."""
    import dask
    import dask.dataframe as dd

    meta = pd.DataFrame({c: pd.Series([], dtype="float64") for c in STATUS_COLUMNS})
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(
            process_batch,
            batches,
            settings=settings,
            meta=meta,
            enforce_metadata=False,
            label="reader-batch",
        )


def _execute(
    todo: list[Batch],
    settings: Settings,
    workers: int | None,
    scheduler: str | None,
    ready: Callable[[], None],
) -> Iterator[tuple[Batch, pd.DataFrame | BaseException]]:
    """Each batch with its figures (or the error that stopped it), as they finish.

    ``ready`` is called when the workers are there, before the first batch is sent.
    """
    if not todo:
        return
    parts = batch_frame(todo, settings).to_delayed()
    if scheduler == "synchronous":
        warm_up()
        ready()
        for batch, part in zip(todo, parts):
            yield batch, part.compute(scheduler="synchronous")
        return
    from distributed import as_completed

    with _client(workers, scheduler) as client:
        client.run(warm_up)
        ready()
        futures = client.compute(parts)
        batch_of = {future.key: batch for future, batch in zip(futures, todo)}
        for future in as_completed(futures):
            batch = batch_of[future.key]
            if future.status == "error":
                yield batch, future.exception()
            else:
                yield batch, future.result()
            future.release()


@contextmanager
def _client(workers: int | None, scheduler: str | None):
    """A client of the cluster at ``scheduler``, or of a local cluster made for the run."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as error:
            raise BatchError(
                f"could not reach the Dask scheduler at {scheduler}: {error}"
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be another cluster's
            silence_logs=logging.CRITICAL,  # a closing worker's lost heartbeat is no news
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
