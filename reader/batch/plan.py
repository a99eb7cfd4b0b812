"""Planning a run: the inputs as one ordered list of documents, cut into batches.

An input is a folder (read recursively), a glob pattern, a JSONL corpus (one article a
line with ``outlet`` and ``text``), a tar or zip archive of pages, or one page file.
Every file a folder holds is sorted into one of five kinds by its name:

- a **page** in a format the kit reads (`PAGE_FORMATS`: text today, and PDF, scans,
  ALTO and saved web pages as their readers land: each is read by
  `reader.load_document`, so a reader the kit learns is a reader the batch has);
- a **corpus** (``.jsonl``), whose lines are documents;
- an **archive** (``.zip``, ``.tar``, ``.tar.gz`` ...), whose members are pages;
- a **sidecar** of a page (``NAME.meta.json``, ``NAME.actors.csv``), read with its page;
- anything else, which is recorded as skipped (so no file goes unmentioned).

**Document ids** are stable across runs and machines: a hash of where the document sits
inside its input, the input's own name included (``polnear-dev/text/a.txt``,
``basil.jsonl:12``, ``batch.tar!0001.xml``), not of the absolute path (the corpus may
move) nor of the content (the same wire story printed twice is two documents).

**Batches** are planned from the sorted inputs alone, so the same command plans the same
batches again: page files and archive members go into a list, ``OUT/plan/pages.jsonl``,
and a batch is a range of its lines; a JSONL corpus is cut into ranges of lines where it
lies.  A batch is a few numbers (a file, a byte range, the first line), whatever the
number of documents, so planning a million documents gives a few thousand small tasks.
A batch's name is its number and a hash of what it holds (the bytes of its lines, and for
a page file its size and modification time): a batch whose documents changed gets a new
name and is done again.
"""

from __future__ import annotations

import glob
import hashlib
import json
import math
import os
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from reader.sources import SUFFIX_KINDS

# The page formats of the command-line contract, by file suffix: text, and every kind
# `reader.sources` reads (`reader.load_document` reads them all).
PAGE_FORMATS: dict[str, str] = {".txt": "text", **SUFFIX_KINDS}
CORPUS_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# Files that belong to the page beside them (its metadata, its actor list, annotations).
SIDECAR_SUFFIXES = (".meta.json", ".actors.csv", ".annotations.json")

# Documents per batch: enough batches for every worker to stay busy on a small corpus,
# a few hundred documents per task on a big one (one task per file would swamp the
# scheduler with millions of tasks).
MIN_BATCH, MAX_BATCH, BATCHES_WANTED = 20, 250, 32
# A page file bigger than this (the size `reader clean` streams from) is a batch of its own.
BIG_PAGE = 4 * 2**20
PLAN_FOLDER = "plan"
PAGE_LIST = "pages.jsonl"
READ_BLOCK = 16 * 2**20


class BatchError(ValueError):
    """A problem with the inputs or the output folder, told in one line."""


def kind_of(name: str) -> str:
    """What a file is to a batch run, judged from its name.

    >>> [kind_of(n) for n in ("a.txt", "b.jsonl", "c.tar.gz", "a.meta.json", "notes.md")]
    ['page', 'corpus', 'archive', 'sidecar', 'other']
    """
    lower = name.lower()
    if lower.endswith(SIDECAR_SUFFIXES):
        return "sidecar"
    if lower.endswith(CORPUS_SUFFIXES):
        return "corpus"
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return "page" if Path(lower).suffix in PAGE_FORMATS else "other"


def format_of(name: str) -> str:
    """The format a page is read as (``"other"`` for a file the kit does not read).

    >>> format_of("0001.XML"), format_of("scan.tif"), format_of("notes.md")
    ('alto', 'scan', 'other')
    """
    return PAGE_FORMATS.get(Path(name.lower()).suffix, "other")


def document_id(key: str) -> str:
    """A document's id: 16 hex digits of a hash of its place (see the module's notes).

    >>> document_id("basil.jsonl:12")
    '412990e8e5b05140'
    """
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def batch_size_for(documents: int) -> int:
    """Documents per batch when none is asked for.

    >>> batch_size_for(84), batch_size_for(384), batch_size_for(1_000_000)
    (20, 20, 250)
    """
    return max(MIN_BATCH, min(MAX_BATCH, math.ceil(documents / BATCHES_WANTED)))


@dataclass(frozen=True)
class Found:
    """A file an input names: its path, its place in the input (the key of its ids), and
    its absolute path with links resolved (found once per folder, not once per file)."""

    path: Path
    key: str
    real: str


@dataclass(frozen=True)
class Batch:
    """One task: the lines ``[start, end)`` (bytes) of a list file, the first numbered ``line``.

    ``kind`` is ``"pages"`` (the lines are page items of ``OUT/plan/pages.jsonl``) or
    ``"jsonl"`` (the lines are the articles of a corpus, ``key`` its place).
    """

    name: str
    kind: str
    path: str
    key: str
    start: int
    end: int
    line: int
    documents: int


@dataclass
class Plan:
    """The batches of a run, in order, and what they hold."""

    inputs: list[str]
    batches: list[Batch]
    documents: int
    batch_size: int
    counts: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- inputs


def _visible(name: str) -> bool:
    return not name.startswith(".")


def _walk(folder: Path, key: str, skip: Path | None) -> Iterator[Found]:
    """Every visible file under a folder, in sorted order, keyed by its path from the input."""
    real = folder.resolve()
    if skip is not None and real == skip:
        return
    with os.scandir(folder) as entries:
        listed = sorted((e for e in entries if _visible(e.name)), key=lambda e: e.name)
    for entry in listed:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), f"{key}/{entry.name}", skip)
        elif entry.is_file():
            yield Found(Path(entry.path), f"{key}/{entry.name}", os.path.join(real, entry.name))


def _glob_root(pattern: str) -> Path:
    """The folder a glob pattern starts from: its leading parts with no wildcard."""
    parts = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def expand_input(spec: str, skip: Path | None = None) -> list[Found]:
    """The files one input names, sorted; ``skip`` is a folder to leave out (the output).

    A folder's files are keyed ``FOLDER_NAME/relative/path``, a file by its name, and a
    glob's matches by their path from the pattern's first folder with a wildcard.
    """
    path = Path(spec)
    if path.is_dir():
        return list(_walk(path, path.resolve().name, skip))
    if path.is_file():
        return [Found(path, path.name, str(path.resolve()))]
    if not glob.has_magic(spec):
        raise BatchError(f"no such file or folder: {spec}")
    root = _glob_root(spec)
    root_name = root.resolve().name
    found: list[Found] = []
    for match in sorted(glob.glob(spec, recursive=True)):
        hit = Path(match)
        key = f"{root_name}/{hit.relative_to(root).as_posix()}"
        if hit.is_dir():
            found.extend(_walk(hit, key, skip))
        elif hit.is_file() and _visible(hit.name):
            found.append(Found(hit, key, str(hit.resolve())))
    if not found:
        raise BatchError(f"no files match {spec}")
    return found


# --------------------------------------------------------------------------- page items


def _file_item(found: Found) -> dict:
    stat = found.path.stat()
    return {
        "path": found.real,
        "key": found.key,
        "format": format_of(found.path.name),
        "size": stat.st_size,
        "mtime": stat.st_mtime_ns,
    }


def _sidecars(members: dict[str, tuple], member: str) -> list[list]:
    """The sidecars of an archive member present in the archive: ``[name, offset, size]``."""
    stem = member[: -len(Path(member).suffix)] if Path(member).suffix else member
    names = [stem + suffix for suffix in SIDECAR_SUFFIXES[:2]]
    return [[name, members[name][2], members[name][0]] for name in names if name in members]


def archive_items(found: Found) -> list[dict]:
    """One item per member of a tar or zip archive (an unreadable archive: one failed item).

    Members of an uncompressed tar carry their offset, so a batch reads them directly;
    those of a compressed tar are found by reading the archive through once per batch.
    """
    path = found.real
    try:
        members = _zip_members(path) if path.lower().endswith(".zip") else _tar_members(path)
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        return [
            {
                "path": path,
                "key": found.key,
                "format": "archive",
                "error": f"not a readable archive: {message}",
            }
        ]
    located = {name: rest for name, *rest in members}
    items = []
    for name, size, mtime, offset in members:
        base = name.rsplit("/", 1)[-1]
        if not _visible(base) or kind_of(base) == "sidecar":
            continue
        item = {
            "path": path,
            "member": name,
            "key": f"{found.key}!{name}",
            "format": format_of(base) if kind_of(base) == "page" else "other",
            "size": size,
            "mtime": mtime,
        }
        if offset is not None:
            item["offset"] = offset
        sidecars = _sidecars(located, name)
        if sidecars:
            item["sidecars"] = sidecars
        items.append(item)
    return items


def _zip_members(path: str) -> list[tuple[str, int, str, None]]:
    with zipfile.ZipFile(path) as archive:
        return [
            (info.filename, info.file_size, "-".join(map(str, info.date_time)), None)
            for info in archive.infolist()
            if not info.is_dir()
        ]


def _tar_members(path: str) -> list[tuple[str, int, int, int | None]]:
    plain = path.lower().endswith(".tar")
    with tarfile.open(path, "r:" if plain else "r:*") as archive:
        return [
            (member.name, member.size, member.mtime, member.offset_data if plain else None)
            for member in archive
            if member.isfile()
        ]


# --------------------------------------------------------------------------- corpora


def count_lines(path: Path) -> int:
    """Lines in a file (a last line without a line end counts too)."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(READ_BLOCK):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def line_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int, int, str]]:
    """``(start, end, first_line, lines, digest)`` for each run of ``size`` lines of a file.

    Line ends are found with numpy, a block at a time, so a corpus of a million lines is
    cut in about a second; the digest is a hash of the range's bytes.
    """
    start, line, lines, offset = 0, 1, 0, 0
    digest = hashlib.blake2b(digest_size=8)
    with path.open("rb") as handle:
        while block := handle.read(READ_BLOCK):
            ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
            used, taken = 0, 0
            while len(ends) - taken >= size - lines:
                taken += size - lines
                cut = int(ends[taken - 1]) + 1
                digest.update(block[used:cut])
                yield start, offset + cut, line, size, digest.hexdigest()
                start, line, lines, used = offset + cut, line + size, 0, cut
                digest = hashlib.blake2b(digest_size=8)
            lines += len(ends) - taken
            digest.update(block[used:])
            offset += len(block)
    if offset > start:
        with path.open("rb") as handle:
            handle.seek(offset - 1)
            unended = handle.read(1) != b"\n"
        yield start, offset, line, lines + unended, digest.hexdigest()


# --------------------------------------------------------------------------- the plan


def _batch_name(number: int, width: int, digest: str) -> str:
    return f"{number:0{width}d}-{digest[:12]}"


def _page_chunks(lines: list[bytes], sizes: list[int], size: int) -> Iterator[list[bytes]]:
    """The page list cut into batches of ``size`` lines, a page over `BIG_PAGE` alone.

    A 20 MB text takes minutes where a page takes a fraction of a second: on its own,
    it keeps one worker busy while the others do the rest, instead of holding back the
    pages batched with it.

    >>> [len(c) for c in _page_chunks([b"a"] * 5, [1, 1, BIG_PAGE + 1, 1, 1], 3)]
    [2, 1, 2]
    """
    chunk: list[bytes] = []
    for line, bytes_ in zip(lines, sizes):
        big = bytes_ > BIG_PAGE
        if chunk and (big or len(chunk) == size):
            yield chunk
            chunk = []
        chunk.append(line)
        if big:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def make_plan(inputs: list[str], out: Path, batch_size: int | None = None) -> Plan:
    """Expand the inputs, write ``OUT/plan/pages.jsonl`` and cut everything into batches."""
    if batch_size is not None and batch_size < 1:
        raise BatchError("--batch-size must be at least 1")
    skip = out.resolve()
    found = [f for spec in inputs for f in expand_input(spec, skip)]
    keys: dict[str, str] = {}
    for item in found:
        if item.key in keys and keys[item.key] != item.real:
            raise BatchError(
                f"two inputs hold {item.key} ({keys[item.key]} and {item.path}); "
                "give their folders different names"
            )
        keys[item.key] = item.real
    # a file named twice (alone and inside a folder given too) is one document
    unique, seen = [], set()
    for item in found:
        if item.real not in seen:
            seen.add(item.real)
            unique.append(item)
    pages: list[dict] = []
    corpora: list[Found] = []
    counts = {"pages": 0, "corpus lines": 0, "archive members": 0, "skipped": 0}
    for item in unique:
        kind = kind_of(item.path.name)
        if kind == "sidecar":
            continue
        if kind == "corpus":
            corpora.append(item)
        elif kind == "archive":
            members = archive_items(item)
            counts["archive members"] += len(members)
            pages.extend(members)
        else:
            pages.append(_file_item(item))
    counts["skipped"] = sum(p["format"] == "other" for p in pages)
    counts["pages"] = len(pages) - counts["archive members"]
    lines = {item.key: count_lines(item.path) for item in corpora}
    counts["corpus lines"] = sum(lines.values())
    documents = len(pages) + counts["corpus lines"]
    size = batch_size or batch_size_for(documents)

    page_list = out / PLAN_FOLDER / PAGE_LIST
    encoded = [json.dumps(p, ensure_ascii=False, sort_keys=True).encode() + b"\n" for p in pages]
    pieces: list[tuple[str, str, str, int, int, int, int, str]] = []
    offset, first = 0, 0
    for chunk in _page_chunks(encoded, [p.get("size") or 0 for p in pages], size):
        length = sum(map(len, chunk))
        digest = hashlib.blake2b(b"".join(chunk), digest_size=8).hexdigest()
        pieces.append(
            ("pages", str(page_list), "", offset, offset + length, first, len(chunk), digest)
        )
        offset += length
        first += len(chunk)
    for corpus in corpora:
        for start, end, line, count, digest in line_ranges(corpus.path, size):
            key_digest = hashlib.blake2b(f"{corpus.key}:{digest}".encode(), digest_size=8)
            pieces.append(
                (
                    "jsonl",
                    corpus.real,
                    corpus.key,
                    start,
                    end,
                    line,
                    count,
                    key_digest.hexdigest(),
                )
            )
    width = max(5, len(str(len(pieces))))
    batches = [
        Batch(_batch_name(number, width, piece[-1]), *piece[:-1])
        for number, piece in enumerate(pieces)
    ]
    _write_page_list(page_list, b"".join(encoded))
    return Plan(resolve_inputs(inputs), batches, documents, size, counts)


def resolve_inputs(inputs: list[str]) -> list[str]:
    """The inputs as absolute paths (patterns too), to tell whether a rerun is the same run."""
    return [
        str(Path(spec).resolve()) if Path(spec).exists() else os.path.abspath(spec)
        for spec in inputs
    ]


def _write_page_list(path: Path, data: bytes) -> None:
    from reader.annotations import write_atomically

    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return  # a rerun plans the same list: leave it as it is
    write_atomically(path, data)


def read_lines(path: str, start: int, end: int) -> list[bytes]:
    """The lines of ``[start, end)`` of a file, without their line ends."""
    with open(path, "rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines
