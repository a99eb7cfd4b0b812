"""One batch on a worker: read its documents, run the stages on each, write its parts.

Each document goes through exactly what the single-document commands run, so its rows
hold what they print: ``reader.load_document`` (``reader clean``), ``find_actors`` with
the page's own actor list (``reader actors``), ``find_quotes`` with those actors
(``reader quotes``), ``suggest_claims`` (the claims notebook), and for ``reader frames``
the passage `reader.framing.article_passage` makes of it as a corpus article.

A page file is read where it lies. An archive member, or a JSONL article's text, is
written to a scratch file first and read the same way, so it is read exactly as the
same bytes saved as a page would be (one reader for all, and new formats come for free).

A document that fails is recorded in ``documents`` with its one-line error and never
stops the batch; a document that runs over the time limit is stopped (see `time_limit`).
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import socket
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from reader.batch.plan import Batch, document_id, read_lines
from reader.batch.tables import tables_for, write_done, write_part
from reader.clean.pagefile import PageError
from reader.document import Document

# The figures a batch returns to the scheduler (one row per batch).
STATUS_COLUMNS = [
    "documents",
    "failed",
    "partial",
    "skipped",
    "seconds",
    "cpu_seconds",
    "peak_rss_mb",
    "pid",
]


@dataclass(frozen=True)
class Settings:
    """What every batch of a run is told: where to write, which stages, the time limit."""

    out: str
    stages: tuple[str, ...]
    time_limit: float | None = None
    run: int = 1


@dataclass
class Source:
    """One document to process: where it is, what is known before reading it."""

    key: str
    source: str  # shown in `documents`: the path, ARCHIVE!MEMBER or CORPUS:LINE
    format: str
    page: Path | None = None  # the file to read (a scratch copy for members and articles)
    meta: dict = field(default_factory=dict)  # outlet, title, date, author, event
    corpus_text: str | None = None  # a JSONL article's own text (what frames reads)
    frames_source: str = ""  # the passage's source as `reader frames CORPUS` names it
    error: str | None = None  # known to fail before reading (bad JSON, broken archive)


# --------------------------------------------------------------------------- reading a batch


def batch_sources(batch: Batch, scratch: Path) -> Iterator[Source]:
    """The documents of a batch, in order (archive members are unpacked into ``scratch``)."""
    if batch.kind == "jsonl":
        yield from _corpus_sources(batch, scratch)
        return
    items = [json.loads(line) for line in read_lines(batch.path, batch.start, batch.end)]
    unpacked = _unpack_members(items, scratch)
    for number, item in enumerate(items):
        member = item.get("member")
        shown = f"{item['path']}!{member}" if member else item["path"]
        source = Source(item["key"], shown, item["format"], error=item.get("error"))
        if source.error is None and source.format != "other":
            page = unpacked.get(number) if member else Path(item["path"])
            if isinstance(page, str):  # the member could not be unpacked
                source.error = page
            else:
                source.page = page
                source.meta = _page_meta(page)
                source.frames_source = page.name
        yield source


def _page_meta(page: Path) -> dict:
    """A page's outlet, title, date and author, as the frames corpus reader takes them."""
    from reader.framing import page_metadata

    meta = page_metadata(page)

    def text(name: str) -> str | None:
        value = meta.get(name)
        return str(value) if value not in (None, "") else None

    return {
        "outlet": text("publication") or page.stem,
        "title": text("title"),
        "date": text("date"),
        "author": text("author"),
    }


def _unpack_members(items: list[dict], scratch: Path) -> dict[int, Path | str]:
    """Unpack the archive members of a batch: item number -> its file (or an error)."""
    wanted: dict[str, list[tuple[int, dict]]] = {}
    for number, item in enumerate(items):
        if item.get("member") and not item.get("error") and item["format"] != "other":
            wanted.setdefault(item["path"], []).append((number, item))
    unpacked: dict[int, Path | str] = {}
    for archive, members in wanted.items():
        targets: dict[str, _Target] = {}
        for number, item in members:
            folder = scratch / f"m{number}"
            folder.mkdir()
            entries = [
                [item["member"], item.get("offset"), item["size"]],
                *item.get("sidecars", []),
            ]
            for name, offset, size in entries:
                target = targets.setdefault(name, _Target(offset, size))
                target.paths.append(folder / name.rsplit("/", 1)[-1])
            unpacked[number] = folder / item["member"].rsplit("/", 1)[-1]
        try:
            _extract(archive, targets)
        except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError, KeyError) as error:
            message = f"could not unpack it: {_one_line(error)}"
            for number, _ in members:
                if not unpacked[number].is_file():
                    unpacked[number] = message
    return unpacked


@dataclass
class _Target:
    """Where an archive member lies (an uncompressed tar's offset) and where it goes."""

    offset: int | None
    size: int
    paths: list[Path] = field(default_factory=list)


def _extract(archive: str, targets: dict[str, _Target]) -> None:
    """Copy the named members of an archive to their target files."""
    if archive.lower().endswith(".zip"):
        with zipfile.ZipFile(archive) as opened:
            for name, target in targets.items():
                _copy(opened.open(name), target.paths)
        return
    if all(target.offset is not None for target in targets.values()):
        # an uncompressed tar: each member read straight from its offset
        with open(archive, "rb") as raw:
            for target in targets.values():
                raw.seek(target.offset)
                data = raw.read(target.size)
                if len(data) != target.size:
                    raise EOFError("the archive ends inside a member")
                for path in target.paths:
                    path.write_bytes(data)
        return
    left = dict(targets)
    with tarfile.open(archive, "r|*") as stream:  # compressed: read through once
        for member in stream:
            if member.name in left:
                _copy(stream.extractfile(member), left.pop(member.name).paths)
                if not left:
                    break


def _copy(handle, paths: list[Path]) -> None:
    with handle:
        with paths[0].open("wb") as target:
            shutil.copyfileobj(handle, target)
    for path in paths[1:]:
        shutil.copyfile(paths[0], path)


def _corpus_sources(batch: Batch, scratch: Path) -> Iterator[Source]:
    """The articles of a JSONL range, each checked as `reader frames` checks it."""
    corpus = Path(batch.path)
    for offset, raw in enumerate(read_lines(batch.path, batch.start, batch.end)):
        number = batch.line + offset
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        source = Source(
            f"{batch.key}:{number}",
            f"{corpus}:{number}",
            "jsonl",
            frames_source=f"{corpus.name}:{number}",
        )
        try:
            record = _corpus_record(raw, number)
        except ValueError as error:
            source.error = str(error)
            yield source
            continue

        def text(name: str, record: dict = record) -> str | None:
            value = record.get(name)
            return None if value is None else str(value)

        source.meta = {
            "outlet": record["outlet"].strip(),
            "title": text("title"),
            "date": text("date"),
            "author": text("author"),
            "event": text("event"),
        }
        source.corpus_text = record["text"]
        page = scratch / f"line-{number}.txt"
        try:
            page.write_bytes(record["text"].encode("utf-8"))
        except UnicodeEncodeError:  # "\ud800" in the JSON: a lone surrogate, no character
            source.error = f"line {number}: the text holds a lone surrogate (not Unicode text)"
        else:
            source.page = page
        yield source


def _corpus_record(raw: bytes, number: int) -> dict:
    """A JSONL line as a record with ``outlet`` and ``text``, or a one-line ValueError."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"line {number}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"line {number}: not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError(f"line {number}: expected a JSON object with outlet and text")
    for name in ("outlet", "text"):
        value = record.get(name)
        if value is None:
            raise ValueError(f"line {number}: missing field {name!r}")
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"line {number}: field {name!r} should be a non-empty string")
    return record


# --------------------------------------------------------------------------- the time limit


class DocumentTimeout(BaseException):
    """Raised in the thread working on a document that ran over its time limit.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way
    (a stage that works on without an optional part) swallows it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the work inside after ``seconds``: `DocumentTimeout` is raised in this thread.

    The stages are pure Python and cannot be asked to stop, and a task of Dask runs in a
    worker's thread, where no signal can reach it: so a timer raises the exception in
    the thread (CPython's ``PyThreadState_SetAsyncExc``), between two bytecodes.  On the
    way out the timer is disarmed under a lock and any exception still pending cleared,
    so it never fires outside the block.

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    if not seconds:
        yield
        return
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    armed = [True]

    def expire() -> None:
        with lock:
            if armed[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    thread, ctypes.py_object(DocumentTimeout)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            armed[0] = False
            timer.cancel()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)


# --------------------------------------------------------------------------- the stages


def _one_line(error: BaseException) -> str:
    """An error as one line: its message, with its type when it is not a user's error."""
    message = str(error).splitlines()[0] if str(error).strip() else ""
    if isinstance(error, (PageError, ValueError, OSError)) and message:
        return message
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _plain_text_document(document: Document, text: str) -> bool:
    """True when ``document`` is what `Document.from_text` makes of ``text`` (same blocks)."""
    if document.text != text:
        return False
    plain = Document.from_text(text)
    return [(b.kind, b.start, b.end, b.article) for b in document.blocks] == [
        (b.kind, b.start, b.end, b.article) for b in plain.blocks
    ]


class _Work:
    """The rows of one document as its stages make them (one object per document)."""

    def __init__(self, source: Source, settings: Settings, batch: str) -> None:
        self.source = source
        self.stages = set(settings.stages)
        self.id = document_id(source.key)
        self.rows: dict[str, list[dict]] = {}
        self.errors: list[str] = []
        self.stage = "clean"
        self.document: Document | None = None
        self.actors = None
        self.quotes = None
        self.record = {
            "id": self.id,
            "source": source.source,
            "outlet": source.meta.get("outlet"),
            "title": source.meta.get("title"),
            "date": source.meta.get("date"),
            "author": source.meta.get("author"),
            "event": source.meta.get("event"),
            "characters": None,
            "format": source.format,
            "status": "ok",
            "error": None,
            "batch": batch,
            "text": None,
        }

    def add(self, table: str, row: dict) -> None:
        self.rows.setdefault(table, []).append({"id": self.id, **row})

    def attempt(self, stage: str, step) -> bool:
        """Run one stage; a failure is recorded against the document, never raised.

        Any exception is caught here on purpose: it is written into ``documents`` with
        its type and message (nothing is hidden), and the run goes on to the next stage
        and the next document, as the issue asks of a run over millions of pages.
        """
        self.stage = stage
        try:
            step()
        except Exception as error:  # noqa: BLE001 - recorded in `documents`, see above
            self.errors.append(f"{stage}: {self._shown(_one_line(error))}")
            return False
        return True

    def _shown(self, message: str) -> str:
        page = self.source.page
        return message.replace(str(page), self.source.source) if page else message

    def run(self) -> None:
        source = self.source
        if source.error is not None:
            self.errors.append(f"read: {source.error}")
            return
        if source.format == "other":
            return
        if source.page is not None and self.attempt("clean", self.read):
            if "clean" in self.stages:
                self.articles()
            if self.stages & {"actors", "quotes", "frames"}:
                self.attempt("actors", self.find_actors)
            if self.stages & {"quotes", "frames"}:
                self.attempt("quotes", self.find_quotes)
            if "claims" in self.stages:
                self.attempt("claims", self.claims)
        if "frames" in self.stages and (self.document is not None or source.corpus_text):
            self.attempt("frames", self.frames)

    def read(self) -> None:
        import reader

        self.document = reader.load_document(self.source.page)
        self.record["characters"] = len(self.document.text)
        self.record["text"] = self.document.text

    def articles(self) -> None:
        """`articles` and `paragraphs`: the shape of ``reader clean --json``, with offsets."""
        grouped: dict[int, list] = {}
        for block in self.document.blocks:
            grouped.setdefault(block.article, []).append(block)
        for number, (_, blocks) in enumerate(sorted(grouped.items())):
            paragraphs = [b for b in blocks if b.kind == "paragraph"]
            self.add(
                "articles",
                {
                    "article": number,
                    "headline": next((b.text for b in blocks if b.kind == "headline"), None),
                    "byline": next((b.text for b in blocks if b.kind == "byline"), None),
                    "paragraphs": len(paragraphs),
                    "captions": [b.text for b in blocks if b.kind == "caption"],
                },
            )
            for index, block in enumerate(paragraphs):
                self.add(
                    "paragraphs",
                    {
                        "article": number,
                        "paragraph": index,
                        "start": block.start,
                        "end": block.end,
                        "text": block.text,
                    },
                )

    def find_actors(self) -> None:
        from reader.actors import find_actors

        self.actors = find_actors(self.document, page_path=self.source.page)
        if "actors" in self.stages:
            for mention in self.actors.mentions:
                self.add("mentions", asdict(mention))

    def find_quotes(self) -> None:
        from reader.quotes import find_quotes

        if self.actors is None:  # as `reader quotes` does: it works on without actors
            self.quotes = find_quotes(self.document)
        else:
            self.quotes = find_quotes(self.document, actors=self.actors)
        if "quotes" in self.stages:
            for quote in self.quotes:
                self.add("quotes", asdict(quote))

    def claims(self) -> None:
        from reader.claims import suggest_claims, suggestions_df

        table = suggestions_df(suggest_claims(self.document))
        for rank, row in enumerate(table.to_dict("records")):
            self.add("claim_suggestions", {"rank": rank, **row})

    def frames(self) -> None:
        """The document as `reader frames CORPUS` sees it: an article with voices and actors.

        A page's article is its clean text, a JSONL article its own text (as
        `reader.framing.load_corpus` reads them), and `article_passage` finds its voices
        and actors on it as plain text.  When that plain text gives the very document the
        earlier stages worked on (same text, same blocks, no page actor list), their
        results are used instead of being found a second time: the same calls on the
        same input.
        """
        from reader.actors import find_actors, page_gazetteer_path
        from reader.framing import CorpusArticle, article_passage
        from reader.quotes import find_quotes

        source, meta = self.source, self.source.meta
        text = source.corpus_text if source.corpus_text is not None else self.document.text
        article = CorpusArticle(
            outlet=meta["outlet"],
            text=text,
            source=source.frames_source,
            title=meta.get("title"),
            date=meta.get("date"),
            event=meta.get("event"),
        )
        reusable = (
            self.document is not None
            and self.actors is not None
            and self.quotes is not None
            and not page_gazetteer_path(source.page).is_file()
            and _plain_text_document(self.document, text)
        )
        if reusable:
            found, quoted = self.actors, self.quotes
            passage = article_passage(
                article,
                find_quotes=lambda document, actors=None: quoted,
                find_actors=lambda document: found,
            )
        else:
            passage = article_passage(article, find_quotes, find_actors)
        self.add(
            "frame_passages",
            {
                "outlet": passage.outlet,
                "source": passage.source,
                "title": passage.title,
                "date": article.date,
                "event": article.event,
                "text": passage.text,
                "voices": list(passage.voices),
                "actors": [name for name, _ in passage.actors],
                "actor_types": [kind for _, kind in passage.actors],
            },
        )

    def finish(self) -> None:
        record = self.record
        if self.source.error is not None:
            record["status"] = "failed"
        elif self.source.format == "other":
            record["status"] = "skipped"
            record["error"] = "not a page the kit reads (pages: .txt, .pdf, scans, ALTO, HTML)"
        elif self.errors:
            worked = self.document is not None or self.rows.get("frame_passages")
            record["status"] = "partial" if worked else "failed"
        if self.errors:
            record["error"] = "; ".join(self.errors)
        self.rows.setdefault("documents", []).insert(0, record)


def process_document(source: Source, settings: Settings, batch: str = "") -> dict[str, list[dict]]:
    """The rows of every table for one document; failures go into its `documents` row."""
    work = _Work(source, settings, batch)
    try:
        with time_limit(settings.time_limit):
            work.run()
    except DocumentTimeout:
        work.errors.append(f"{work.stage}: stopped after {settings.time_limit:g} s (time limit)")
    work.finish()
    return work.rows


def peak_memory_mb() -> float:
    """The most memory (resident set) this process has held, in MB."""
    try:
        import resource
    except ImportError:  # Windows: psutil (which distributed needs) knows the peak there
        import psutil

        info = psutil.Process().memory_info()
        return round(getattr(info, "peak_wset", info.rss) / 2**20, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def warm_up() -> int:
    """Load what every document needs (the stages, the built-in actor list) once per worker.

    Run on each worker before the first batch, so a worker's start is not counted as
    the documents' time. Returns the process id.
    """
    from reader.actors import find_actors
    from reader.claims import suggest_claims
    from reader.clean import clean_page
    from reader.framing import default_lexicon, vader
    from reader.quotes import find_quotes

    document = clean_page("Maliki thanked Putin. “We will buy more,” he said.").document
    find_quotes(document, actors=find_actors(document))
    suggest_claims(document)
    default_lexicon()
    vader()
    return os.getpid()


def process_batch(batch: Batch, settings: Settings) -> pd.DataFrame:
    """Do one batch: every document, then its parts and its `done` file (one row back)."""
    started, cpu = time.perf_counter(), time.process_time()
    out = Path(settings.out)
    tables = tables_for(settings.stages)
    rows: dict[str, list[dict]] = {table: [] for table in tables}
    with tempfile.TemporaryDirectory(prefix="reader-batch-") as scratch:
        for source in batch_sources(batch, Path(scratch)):
            for table, found in process_document(source, settings, batch.name).items():
                rows[table].extend(found)
    for table in tables[1:] + tables[:1]:  # `documents` last: the rest are there before it
        write_part(out, table, batch.name, rows[table])
    statuses = [row["status"] for row in rows["documents"]]
    figures = {
        "documents": len(statuses),
        "failed": statuses.count("failed"),
        "partial": statuses.count("partial"),
        "skipped": statuses.count("skipped"),
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "peak_rss_mb": peak_memory_mb(),
        "pid": os.getpid(),
    }
    write_done(
        out,
        batch.name,
        {**figures, "run": settings.run, "worker": f"{socket.gethostname()}:{os.getpid()}"},
    )
    return pd.DataFrame([figures], columns=STATUS_COLUMNS)
