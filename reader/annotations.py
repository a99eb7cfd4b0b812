"""Claim annotations that survive re-cleaning, crashes and a class of thirty.

An annotation marks a span of the clean text (`reader.document.Document.text`)
as a claim: what kind (factual, opinion, prediction, attribution), who makes it,
a verdict and a note.  It is stored as W3C Web Annotation JSON, the form that
Hypothesis and other annotation tools use, so that the work is not locked in:

- the target carries a ``TextQuoteSelector`` (the exact words, with a little
  text before and after) and a ``TextPositionSelector`` (character offsets);
  when the page is cleaned again and the offsets move, `reanchor` finds the
  words again: first at the old position, then by the quote and its context,
  then by a fuzzy match; what cannot be placed is reported as an orphan and
  never dropped;
- one file per document and annotator (``NAME.ANNOTATOR.annotations.json``),
  written atomically (a temporary file in the same folder, flushed to disk,
  then renamed over the old one), so a crash mid-write leaves the previous file;
  the new file gets the mode the umask gives (0644 under umask 022), and a file
  that is replaced keeps its mode; the collection's fields stand a line each and
  the annotations one a line (`collection_json_text`);
- a file that fails to load is reported with a one-line `AnnotationFileError`
  and is never overwritten.  Loading is strict: every field must have its type
  (text where text is expected, whole numbers for the positions, a list of text
  for the tags), and JSON nested deeper than `reader.safejson.MAX_DEPTH` levels
  is refused before it is parsed.

Saving is by changes, so that two notebooks, or a notebook and a script, can
write one file without erasing each other's claims.  `save_changes` takes a lock
on the file (``.NAME.lock`` beside it, with the ``filelock`` package), reads what
is on disk, puts in the claims it is given by id (new ones added, changed ones
replaced) and takes out the ids it is told were deleted, then writes the result;
claims it was not told about are left as they are on disk.  A deletion is
recorded in the collection's ``reader:deleted`` list of annotation ids (a
tombstone list beside ``items``, so every item stays a plain W3C Web Annotation,
and files without the list, written before it existed, load unchanged).  An id
stays deleted through every later merge until someone saves that annotation
again on purpose (an undo, or an edit made while it was being deleted
elsewhere): what a person wrote is kept rather than lost.  Temporary files left
by a save that was killed are removed by the next save of that file.
`save_annotations` writes a whole collection (for new files and copies); it
takes the same lock and records the claims it drops as deleted.

>>> from reader.document import Document
>>> doc = Document.from_text("Iraq would buy a large batch of T-90 tanks, the Kremlin said.")
>>> claim = annotate(doc, 0, 42, "factual", annotator="ana", claimant="the Kremlin")
>>> claim.exact
'Iraq would buy a large batch of T-90 tanks'
>>> reanchor([claim], "Yesterday: " + doc.text).placed[0].start
11
"""

from __future__ import annotations

import contextlib
import difflib
import glob
import json
import os
import re
import secrets
import stat
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from reader import safejson
from reader.document import Document
from reader.filenames import file_name_characters
from reader.text import sentence_spans as split_spans

SCHEMA_VERSION = 1
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_CONTEXT = {"reader": "https://example.org/reader-kit/ns#"}
CONTEXT_CHARS = 32  # characters of prefix and suffix kept with the exact quote
FUZZY_THRESHOLD = 0.75  # the least similarity a fuzzy match needs
FILE_SUFFIX = ".annotations.json"
MAX_FILE_BYTES = 50 * 2**20
LOCK_TIMEOUT_SECONDS = 10  # a save takes milliseconds; waiting longer means a stuck writer
STALE_TEMPORARY_SECONDS = 300  # an unlocked write's temporary file older than this is a leftover


class AnnotationFileError(ValueError):
    """An annotation file that cannot be read or trusted; the message is one line."""


@dataclass
class Claim:
    """What an annotator says about a span: the body of the annotation."""

    label: str
    claimant: str | None = None
    stance: str | None = None
    verdict: str = "unverified"
    check_worthy: bool | None = None
    note: str = ""
    evidence: str = ""
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The fields as a dictionary (what ``dataclasses.asdict`` gives, without its deep copy)."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["tags"] = list(self.tags)
        return data


@dataclass
class Annotation:
    """One claim on one span of a document's clean text."""

    id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    claim: Claim
    annotator: str
    created: str
    modified: str
    source: str = ""
    motivation: str = "assessing"

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"annotation {self.id}: start {self.start} and end {self.end}")

    def to_w3c(self) -> dict:
        """This annotation as a W3C Web Annotation (JSON-LD) dictionary."""
        return {
            "@context": W3C_CONTEXT,
            "id": self.id,
            "type": "Annotation",
            "motivation": self.motivation,
            "creator": {"type": "Person", "name": self.annotator},
            "created": self.created,
            "modified": self.modified,
            "body": {"type": "reader:Claim", "purpose": "assessing", **self.claim.to_json()},
            "target": {
                "source": self.source,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": self.exact,
                        "prefix": self.prefix,
                        "suffix": self.suffix,
                    },
                    {"type": "TextPositionSelector", "start": self.start, "end": self.end},
                ],
            },
        }

    @classmethod
    def from_w3c(cls, data: dict) -> Annotation:
        """Read a W3C annotation written by `to_w3c`; raises ValueError naming what is wrong.

        Every field must have its type: a wrong one is an error, never a guess.

        >>> item = annotate("Iraq would buy tanks.", 0, 4, "factual", annotator="ana").to_w3c()
        >>> item["body"]["evidence"] = 5
        >>> Annotation.from_w3c(item)
        Traceback (most recent call last):
        ValueError: annotation urn:uuid:...: the body's 'evidence' must be text, not a number
        """
        if not isinstance(data, dict) or data.get("type") != "Annotation":
            raise ValueError("an item is not a W3C Annotation")
        ident = data.get("id")
        body, target = data.get("body"), data.get("target")
        if not isinstance(ident, str) or not isinstance(body, dict) or not isinstance(target, dict):
            raise ValueError(f"annotation {ident!r} lacks an id, a body or a target")
        where = f"annotation {ident}"
        quote, position = _selectors(target.get("selector"), where)
        if position is None:
            start, end = 0, len(quote["exact"])  # no positions: re-anchoring finds them
        else:
            start = _whole_number(
                position.get("start"), f"{where}: the TextPositionSelector's start"
            )
            end = _whole_number(position.get("end"), f"{where}: the TextPositionSelector's end")
        created = _text(data, "created", f"{where}:", default="")
        return cls(
            id=ident,
            exact=quote["exact"],
            prefix=_text(quote, "prefix", f"{where}: the quote's", default=""),
            suffix=_text(quote, "suffix", f"{where}: the quote's", default=""),
            start=start,
            end=end,
            claim=_claim_from_body(body, where),
            annotator=_creator_name(data.get("creator"), where),
            created=created,
            modified=_text(data, "modified", f"{where}:", default=created),
            source=_text(target, "source", f"{where}: the target's", default=""),
            motivation=_text(data, "motivation", f"{where}:", default="assessing"),
        )


def _json_kind(value: object) -> str:
    """What a JSON value is, in words, for error messages.

    >>> _json_kind(5), _json_kind(["a"]), _json_kind(None), _json_kind(True)
    ('a number', 'a list', 'null', 'true or false')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _text(data: dict, key: str, owner: str, default: str) -> str:
    """``data[key]`` when it is text, ``default`` when it is absent; anything else is an error."""
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{owner} '{key}' must be text, not {_json_kind(value)}")
    return value


def _whole_number(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what} must be a whole number, not {_json_kind(value)}")
    return value


def _selectors(selectors: object, where: str) -> tuple[dict, dict | None]:
    """The target's TextQuoteSelector (with its exact words) and TextPositionSelector (or None).

    Selectors of other kinds (other tools write them) are allowed and left out.
    """
    if isinstance(selectors, dict):
        selectors = [selectors]
    if not isinstance(selectors, list):
        raise ValueError(
            f"{where}: the target's selector must be a list, not {_json_kind(selectors)}"
        )
    for selector in selectors:
        if not isinstance(selector, dict):
            raise ValueError(f"{where}: a selector must be an object, not {_json_kind(selector)}")
    by_type = {s.get("type"): s for s in selectors if isinstance(s.get("type"), str)}
    quote = by_type.get("TextQuoteSelector")
    if not quote or not isinstance(quote.get("exact"), str):
        raise ValueError(f"{where}: no TextQuoteSelector with an exact quote")
    return quote, by_type.get("TextPositionSelector")


# What each field of a claim's body may hold in JSON.
_BODY_TYPES: dict[str, tuple[type, ...]] = {
    "label": (str,),
    "claimant": (str, type(None)),
    "stance": (str, type(None)),
    "verdict": (str,),
    "check_worthy": (bool, type(None)),
    "note": (str,),
    "evidence": (str,),
    "tags": (list,),
}


def _claim_from_body(body: dict, where: str) -> Claim:
    """The `Claim` in an annotation's body, every field checked (other keys are left out)."""
    if not isinstance(body.get("label"), str):
        raise ValueError(f"{where}: the body has no label")
    fields = {}
    for name, types in _BODY_TYPES.items():
        if name not in body:
            continue
        value = body[name]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            wanted = {"tags": "a list of text", "check_worthy": "true, false or null"}
            expected = wanted.get(name, "text or null" if type(None) in types else "text")
            raise ValueError(
                f"{where}: the body's {name!r} must be {expected}, not {_json_kind(value)}"
            )
        fields[name] = value
    tags = fields.get("tags", [])
    if not all(isinstance(tag, str) for tag in tags):
        raise ValueError(f"{where}: the body's 'tags' must be a list of text")
    fields["tags"] = list(tags)
    return Claim(**fields)


def _creator_name(creator: object, where: str) -> str:
    """The annotator's name: a creator object's ``name``, or the creator given as text."""
    if creator is None:
        return ""
    if isinstance(creator, str):
        return creator
    if isinstance(creator, dict):
        return _text(creator, "name", f"{where}: the creator's", default="")
    raise ValueError(f"{where}: the creator must be an object or text, not {_json_kind(creator)}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def annotate(
    document: Document | str,
    start: int,
    end: int,
    label: str,
    *,
    annotator: str,
    source: str | None = None,
    **claim: object,
) -> Annotation:
    """A new annotation on ``text[start:end]`` with its quote, prefix and suffix.

    ``claim`` takes the `Claim` fields (claimant, stance, verdict, note, tags...).
    """
    text = document.text if isinstance(document, Document) else document
    if not 0 <= start < end <= len(text):
        raise ValueError(f"a claim needs a span inside the text (got {start}..{end})")
    if source is None and isinstance(document, Document):
        source = document.source or ""
    now = _now()
    return Annotation(
        id=f"urn:uuid:{uuid.uuid4()}",
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        claim=Claim(label=label, **claim),  # type: ignore[arg-type]
        annotator=annotator,
        created=now,
        modified=now,
        source=source or "",
    )


# -- re-anchoring --------------------------------------------------------------


@dataclass
class Anchoring:
    """Where annotations landed in a new text: placed ones (updated) and orphans."""

    placed: list[Annotation]
    orphans: list[Annotation]
    methods: dict[str, str]  # id -> "position", "quote", "normalised", "fuzzy", "orphan"

    def report(self) -> pd.DataFrame:
        """One row per annotation: id, how it was placed, its words."""
        rows = [
            {"id": a.id, "method": self.methods[a.id], "start": a.start, "exact": a.exact}
            for a in self.placed
        ]
        rows += [
            {"id": a.id, "method": "orphan", "start": None, "exact": a.exact} for a in self.orphans
        ]
        return pd.DataFrame(rows, columns=["id", "method", "start", "exact"])


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored prefix and suffix agree around a match."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix)):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix):
        if a != b:
            break
        score += 1
    return score


def _find_by_quote(annotation: Annotation, text: str) -> tuple[int, int] | None:
    """Every place the exact words stand; the one whose context agrees best wins."""
    exact = annotation.exact
    places = []
    position = text.find(exact)
    while position != -1 and len(places) < 1000:
        places.append(position)
        position = text.find(exact, position + 1)
    if not places:
        return None

    def rank(place: int) -> tuple[int, int]:
        context = _context_score(
            text, place, place + len(exact), annotation.prefix, annotation.suffix
        )
        return (context, -abs(place - annotation.start))

    best = max(places, key=rank)
    return best, best + len(exact)


def _find_fuzzy(annotation: Annotation, text: str) -> tuple[int, int, float] | None:
    """The most similar span near the longest shared run of characters, if similar enough."""
    exact = annotation.exact
    if not exact.strip():
        return None
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    candidates = []
    for block in matcher.get_matching_blocks()[:-1]:
        if block.size >= max(4, len(exact) // 8):
            candidates.append(block.a - block.b)
    best: tuple[int, int, float] | None = None
    for guess in candidates[:20]:
        for delta in range(-8, 9, 2):
            start = max(0, guess + delta)
            for length in (len(exact), len(exact) - 4, len(exact) + 4):
                end = min(len(text), start + max(1, length))
                ratio = difflib.SequenceMatcher(None, text[start:end], exact).ratio()
                if best is None or ratio > best[2]:
                    best = (start, end, ratio)
    if best and best[2] >= FUZZY_THRESHOLD:
        return best
    return None


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits only, with each one's offset in ``text``.

    A page cleaned again changes spaces, line breaks, hyphens at line ends and
    quote marks; the letters stay.

    >>> _normalise("Soviet- and\\nlater “Russian”")[0]
    'sovietandlaterrussian'
    """
    offsets = [index for index, char in enumerate(text) if char.isalnum()]
    return "".join(text[index].lower() for index in offsets), offsets


def _find_normalised(
    annotation: Annotation, text: str, normalised: tuple[str, list[int]]
) -> tuple[int, int] | None:
    """The quote found with spaces, hyphens and punctuation ignored; context breaks ties."""
    keys, offsets = normalised
    needle = _normalise(annotation.exact)[0]
    if not needle:
        return None
    places = []
    position = keys.find(needle)
    while position != -1 and len(places) < 1000:
        places.append(position)
        position = keys.find(needle, position + 1)
    if not places:
        return None
    prefix, suffix = _normalise(annotation.prefix)[0], _normalise(annotation.suffix)[0]

    def rank(place: int) -> tuple[int, int]:
        context = _context_score(keys, place, place + len(needle), prefix, suffix)
        return (context, -abs(offsets[place] - annotation.start))

    best = max(places, key=rank)
    start, end = offsets[best], offsets[best + len(needle) - 1] + 1
    # keep the punctuation the quote had at its edges (a closing stop, opening quote mark)
    lead = len(annotation.exact) - len(annotation.exact.lstrip("“”\"'‘’([ "))
    trail = len(annotation.exact) - len(annotation.exact.rstrip(".,;:!?”\"'’)] "))
    while lead and start > 0 and not text[start - 1].isalnum() and not text[start - 1].isspace():
        start, lead = start - 1, lead - 1
    while trail and end < len(text) and not text[end].isalnum() and not text[end].isspace():
        end, trail = end + 1, trail - 1
    return start, end


def _snap_to_words(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Move a fuzzy span's ends off spaces and out of the middle of words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if exact[:1].isalnum():
        while start < end and not text[start].isalnum():
            start += 1
        if start > 0 and text[start - 1].isalnum():  # began inside a word: skip to the next
            while start < end and text[start].isalnum():
                start += 1
            while start < end and not text[start].isalnum():
                start += 1
    if exact[-1:].isalnum():
        while end > start and not text[end - 1].isalnum():
            end -= 1
        while end < len(text) and text[end].isalnum():  # ended inside a word: finish it
            end += 1
    return start, end


def reanchor(annotations: Iterable[Annotation], text: str) -> Anchoring:
    """Place annotations in a (re-cleaned) text: position, then quote, then the quote with
    spaces and hyphens ignored, then a fuzzy match.

    Placed annotations come back as copies with their selectors updated to the
    new text; the originals are not changed.  Nothing is ever dropped: what
    cannot be placed is returned in ``orphans``.

    >>> claim = annotate("Iraq would buy T-90 tanks.", 0, 25, "factual", annotator="ana")
    >>> result = reanchor([claim], "News: Iraq would\\nbuy T-\\n90 tanks.")
    >>> result.methods[claim.id], result.placed[0].exact
    ('normalised', 'Iraq would\\nbuy T-\\n90 tanks')
    """
    placed, orphans, methods = [], [], {}
    normalised: tuple[str, list[int]] | None = None
    for annotation in annotations:
        span: tuple[int, int] | None = None
        method = "orphan"
        if text[annotation.start : annotation.end] == annotation.exact:
            span, method = (annotation.start, annotation.end), "position"
        else:
            span = _find_by_quote(annotation, text)
            method = "quote"
            if span is None:
                if normalised is None:
                    normalised = _normalise(text)
                span = _find_normalised(annotation, text, normalised)
                method = "normalised"
            if span is None:
                fuzzy = _find_fuzzy(annotation, text)
                span = _snap_to_words(text, *fuzzy[:2], annotation.exact) if fuzzy else None
                method = "fuzzy"
        if span is None or span[0] >= span[1]:
            orphans.append(annotation)
            methods[annotation.id] = "orphan"
            continue
        start, end = span
        placed.append(
            replace(
                annotation,
                start=start,
                end=end,
                exact=text[start:end],
                prefix=text[max(0, start - CONTEXT_CHARS) : start],
                suffix=text[end : end + CONTEXT_CHARS],
            )
        )
        methods[annotation.id] = method
    return Anchoring(placed, orphans, methods)


# -- files ---------------------------------------------------------------------


@dataclass
class AnnotationFile:
    """The annotations of one annotator on one document, and the ids of those deleted."""

    document: str
    annotator: str
    annotations: list[Annotation] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # ids of deleted annotations (tombstones)

    def to_json(self) -> dict:
        """A W3C AnnotationCollection, with the kit's schema version (and deleted ids, if any)."""
        data = {
            "@context": [W3C_CONTEXT, READER_CONTEXT],
            "type": "AnnotationCollection",
            "reader:schema_version": SCHEMA_VERSION,
            "reader:document": self.document,
            "reader:annotator": self.annotator,
            "total": len(self.annotations),
            "items": [a.to_w3c() for a in self.annotations],
        }
        if self.deleted:
            data["reader:deleted"] = list(self.deleted)
        return data


def annotation_path(folder: str | Path, document: str, annotator: str) -> Path:
    """Where one annotator's file for one document lives: ``NAME.ANNOTATOR.annotations.json``."""
    # Character by character, so the files that earlier versions wrote keep their names.
    safe = file_name_characters(annotator, keep="-_") or "anonymous"
    return Path(folder) / f"{Path(document).stem}.{safe}{FILE_SUFFIX}"


def annotation_files(folder: str | Path, document: str | None = None) -> list[Path]:
    """The annotation files in a folder (those for one document if given), sorted by name."""
    pattern = (
        f"{glob.escape(Path(document).stem)}.*{FILE_SUFFIX}" if document else f"*{FILE_SUFFIX}"
    )
    return sorted(Path(folder).glob(pattern))


def parse_annotation_file(data: object, name: str = "annotations") -> AnnotationFile:
    """Check and read the JSON of an annotation file; raises `AnnotationFileError`."""
    if not isinstance(data, dict) or data.get("type") != "AnnotationCollection":
        raise AnnotationFileError(f"{name}: not an annotation collection (type is missing)")
    version = data.get("reader:schema_version")
    if version != SCHEMA_VERSION:
        raise AnnotationFileError(
            f"{name}: schema version {version!r}, this kit reads version {SCHEMA_VERSION}"
        )
    items = data.get("items")
    if not isinstance(items, list):
        raise AnnotationFileError(f"{name}: 'items' must be a list of annotations")
    deleted = data.get("reader:deleted", [])
    if not isinstance(deleted, list) or not all(isinstance(i, str) for i in deleted):
        raise AnnotationFileError(f"{name}: 'reader:deleted' must be a list of annotation ids")
    annotations = []
    for number, item in enumerate(items, 1):
        try:
            annotations.append(Annotation.from_w3c(item))
        except (ValueError, TypeError) as error:
            raise AnnotationFileError(f"{name}, item {number}: {error}") from None
    try:
        document = _text(data, "reader:document", "the collection's", default="")
        annotator = _text(data, "reader:annotator", "the collection's", default="")
    except ValueError as error:
        raise AnnotationFileError(f"{name}: {error}") from None
    return AnnotationFile(document, annotator, annotations, list(deleted))


def _read_file_bytes(path: Path) -> bytes:
    """An annotation file's bytes; a missing, unreadable or too big file is an `AnnotationFileError`."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AnnotationFileError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise AnnotationFileError(f"{path}: no such annotation file") from None
    except OSError as error:
        raise AnnotationFileError(f"{path}: cannot read it ({error.strerror})") from None


def _decode_json(raw: bytes, path: Path) -> object:
    """The JSON in an annotation file's bytes (nesting checked first); errors are one line."""
    try:
        return safejson.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise AnnotationFileError(
            f"{path}: not valid JSON{where}; the file is left as it is"
        ) from None
    except safejson.JSONNestingError as error:
        raise AnnotationFileError(f"{path}: {error}; the file is left as it is") from None


def load_annotations(path: str | Path) -> AnnotationFile:
    """Read one annotation file; a bad file raises a one-line `AnnotationFileError`."""
    path = Path(path)
    return parse_annotation_file(_decode_json(_read_file_bytes(path), path), str(path))


def merge_changes(
    current: AnnotationFile, upserts: Iterable[Annotation] = (), deletions: Iterable[str] = ()
) -> AnnotationFile:
    """``current`` with ``upserts`` put in by id and the ids in ``deletions`` taken out.

    A changed annotation keeps its place, a new one goes at the end; a deleted id
    is recorded in ``deleted`` and stays there until that annotation is put in again.

    >>> one = annotate("Iraq would buy tanks.", 0, 4, "factual", annotator="ana")
    >>> two = annotate("Iraq would buy tanks.", 5, 10, "opinion", annotator="ana")
    >>> both = merge_changes(AnnotationFile("page", "ana", [one]), upserts=[two])
    >>> [a.exact for a in both.annotations]
    ['Iraq', 'would']
    >>> after = merge_changes(both, deletions=[one.id])
    >>> [a.exact for a in after.annotations], after.deleted == [one.id]
    (['would'], True)
    >>> merge_changes(after, upserts=[one]).deleted  # put in again on purpose: not deleted
    []
    """
    changed = {a.id: a for a in upserts}
    removed = set(deletions) - changed.keys()
    items, put_in = [], set()
    for annotation in current.annotations:
        if annotation.id in removed or annotation.id in put_in:
            continue
        if annotation.id in changed:
            annotation = changed[annotation.id]
            put_in.add(annotation.id)
        items.append(annotation)
    items += [a for ident, a in changed.items() if ident not in put_in]
    present = {a.id for a in items}
    deleted = [i for i in dict.fromkeys([*current.deleted, *removed]) if i not in present]
    return replace(current, annotations=items, deleted=deleted)


def lock_path(path: str | Path) -> Path:
    """The lock file that saves of ``path`` take turns on: ``.NAME.lock`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the file's lock (one save at a time, across processes); a one-line error on timeout."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path(path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire(poll_interval=0.002)
    except Timeout:
        raise AnnotationFileError(
            f"{path}: another program kept it locked for {LOCK_TIMEOUT_SECONDS} s; try again"
        ) from None
    try:
        yield
    finally:
        lock.release()


# The bytes and JSON of the files this process wrote last, by path: a save that finds the
# same bytes on disk (no one wrote in between, the usual case) need not decode them again.
_LAST_WRITTEN: dict[Path, tuple[bytes, dict]] = {}
LAST_WRITTEN_KEPT = 8


def _read_for_saving(path: Path, document: str, annotator: str) -> AnnotationFile:
    """What is on disk now (an empty collection if nothing); a file that does not load is kept."""
    if not path.exists():
        return AnnotationFile(document, annotator)
    try:
        raw = _read_file_bytes(path)
        written = _LAST_WRITTEN.get(path)
        data = written[1] if written and written[0] == raw else _decode_json(raw, path)
        return parse_annotation_file(data, str(path))
    except AnnotationFileError as error:
        raise AnnotationFileError(
            f"{path} does not load, so it is kept as it is ({error}); save to another name"
        ) from None


def collection_json_text(annotations: AnnotationFile | dict) -> str:
    """The file's text: the collection's fields a line each, then one annotation a line.

    One line per annotation reads and compares well, and is written by the JSON
    module's fast encoder (an indented file is written several times slower, and
    the file is written again on every save).  Takes the collection or its JSON.

    >>> text = collection_json_text(AnnotationFile("page", "ana", [
    ...     annotate("Iraq would buy tanks.", 0, 4, "factual", annotator="ana")]))
    >>> lines = text.splitlines()
    >>> lines[2], lines[-3][:14], lines[-2:]
    (' "type": "AnnotationCollection",', '  {"@context":', [' ]', '}'])
    >>> json.loads(text)["items"][0]["body"]["label"]
    'factual'
    """
    data = annotations.to_json() if isinstance(annotations, AnnotationFile) else annotations
    fields = [
        f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"
        for key, value in data.items()
        if key != "items"
    ]
    items = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in data["items"])
    return (
        "{\n"
        + "\n".join(fields)
        + '\n "items": ['
        + ("\n" + items + "\n ]" if data["items"] else "]")
        + "\n}\n"
    )


def _write_collection(path: Path, annotations: AnnotationFile) -> None:
    """Write a collection; only while holding its lock, so every leftover temporary is stale."""
    data = annotations.to_json()
    payload = collection_json_text(data).encode("utf-8")
    write_atomically(path, payload, leftovers_older_than=0)
    _LAST_WRITTEN.pop(path, None)
    _LAST_WRITTEN[path] = (payload, data)
    while len(_LAST_WRITTEN) > LAST_WRITTEN_KEPT:
        del _LAST_WRITTEN[next(iter(_LAST_WRITTEN))]


def save_changes(
    path: str | Path,
    upserts: Iterable[Annotation] = (),
    deletions: Iterable[str] = (),
    *,
    document: str = "",
    annotator: str = "",
) -> AnnotationFile:
    """Put ``upserts`` into the file by id and take the ids in ``deletions`` out; return the file.

    Under the file's lock: read what is on disk (a file that does not load is
    never overwritten), merge (`merge_changes`), write atomically.  Claims that
    other writers saved meanwhile are kept.  ``document`` and ``annotator`` name a
    new file.  With no changes the file is only read (and created if missing).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "page.ana.annotations.json"
    >>> one = annotate("Iraq would buy tanks.", 0, 4, "factual", annotator="ana")
    >>> two = annotate("Iraq would buy tanks.", 5, 10, "opinion", annotator="ben")
    >>> _ = save_changes(path, [one], document="page", annotator="ana")
    >>> [a.exact for a in save_changes(path, [two]).annotations]  # another writer's claim
    ['Iraq', 'would']
    """
    path = Path(path)
    upserts, deletions = list(upserts), list(deletions)
    with _locked(path):
        current = _read_for_saving(path, document, annotator)
        if not upserts and not deletions and path.exists():
            return current
        merged = merge_changes(current, upserts, deletions)
        _write_collection(path, merged)
    return merged


def save_annotations(path: str | Path, annotations: AnnotationFile) -> Path:
    """Write a whole annotation file atomically; never overwrite a file that does not load.

    The file's claims become exactly ``annotations``: those on disk that it
    leaves out are recorded as deleted.  That is right for a new file or a copy;
    to save into a file that others may write at the same time, use
    `save_changes`, which only touches the claims it is given.

    The JSON goes to a temporary file in the same folder, is flushed to disk,
    then renamed over the old file: a crash at any moment leaves either the old
    file or the new one, whole.
    """
    path = Path(path)
    with _locked(path):
        current = _read_for_saving(path, annotations.document, annotations.annotator)
        kept = {a.id for a in annotations.annotations}
        dropped = [a.id for a in current.annotations]
        deleted = [*current.deleted, *dropped, *annotations.deleted]
        deleted = [i for i in dict.fromkeys(deleted) if i not in kept]
        _write_collection(path, replace(annotations, deleted=deleted))
    return path


def _leftover_temporaries(path: Path) -> list[Path]:
    """Temporary files of earlier writes of ``path`` (``.NAME.XXXXXXXX.tmp``) still lying there."""
    name = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        return [p for p in path.parent.iterdir() if name.fullmatch(p.name)]
    except OSError:
        return []


def _remove_leftover_temporaries(path: Path, older_than: float) -> None:
    """Remove what a killed write of ``path`` left behind (only files older than ``older_than`` s)."""
    now = time.time()
    for leftover in _leftover_temporaries(path):
        with contextlib.suppress(OSError):
            if older_than <= 0 or now - leftover.stat().st_mtime > older_than:
                leftover.unlink()


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new empty file ``.NAME.XXXXXXXX.tmp`` beside ``path``, with the mode the umask gives."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {path}")


def write_atomically(
    path: str | Path, data: bytes, *, leftovers_older_than: float = STALE_TEMPORARY_SECONDS
) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename.

    A new file gets the mode the umask gives (0644 under umask 022, as ``open``
    would); a file that is replaced keeps its mode.  Temporary files that a killed
    write of the same file left, older than ``leftovers_older_than`` seconds, are
    removed (writers that hold the file's lock pass 0: no other write is under way).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", b"one"); (folder / "a.txt").read_bytes()
    b'one'
    >>> write_atomically(folder, b"two")
    Traceback (most recent call last):
    IsADirectoryError: ... is a folder; give a file name
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftover_temporaries(path, leftovers_older_than)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            if mode is not None:
                os.chmod(temporary, mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def load_folder(
    folder: str | Path, document: str | None = None
) -> tuple[list[AnnotationFile], list[str]]:
    """Every annotation file in a folder (for one document if given), and the problems met.

    A file that does not load is reported in the second list and skipped, not
    changed: a class's work is gathered even when one student's file is broken.
    """
    files, problems = [], []
    for path in annotation_files(folder, document):
        try:
            files.append(load_annotations(path))
        except AnnotationFileError as error:
            problems.append(str(error))
    return files, problems


# -- tables and agreement ----------------------------------------------------------

ANNOTATION_COLUMNS = [
    "annotator", "id", "start", "end", "exact", "label", "claimant", "stance",
    "verdict", "check_worthy", "note", "evidence", "tags", "created", "modified",
]  # fmt: skip


def annotations_df(annotations: Iterable[Annotation]) -> pd.DataFrame:
    """One row per annotation, the claim's fields as columns."""
    rows = []
    for a in annotations:
        row = {"annotator": a.annotator, "id": a.id, "start": a.start, "end": a.end}
        row |= {"exact": a.exact, "created": a.created, "modified": a.modified}
        row |= asdict(a.claim)
        row["tags"] = ", ".join(a.claim.tags)
        rows.append(row)
    return pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)


def merge_annotators(files: Iterable[AnnotationFile]) -> pd.DataFrame:
    """All annotators' annotations in one table, sorted by position."""
    frames = [annotations_df(f.annotations) for f in files]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=ANNOTATION_COLUMNS)
    return pd.concat(frames, ignore_index=True).sort_values(["start", "annotator"], kind="stable")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets over a whole document, block by block (blocks end at blank lines).

    The kit's one sentence splitter (`reader.text.sentence_spans`), so agreement is
    counted over the same sentences the claim suggestions and the quote finder read.

    >>> text = "Maliki met Putin. Mr. Lavrov spoke.\\n\\nThe deal was resumed."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Maliki met Putin.', 'Mr. Lavrov spoke.', 'The deal was resumed.']
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for block in text.split("\n\n"):
        spans.extend(split_spans(text, cursor, cursor + len(block)))
        cursor += len(block) + 2
    return spans


def sentence_labels(files: Iterable[AnnotationFile], text: str) -> pd.DataFrame:
    """Each annotator's label for each sentence ("none" where they marked nothing).

    A sentence takes the label of the annotation that covers most of it.
    """
    files = list(files)
    spans = sentence_spans(text)
    rows = []
    for number, (start, end) in enumerate(spans):
        row: dict[str, object] = {"sentence": number, "start": start, "end": end}
        row["text"] = text[start:end]
        for file in files:
            best, cover = "none", 0
            for a in file.annotations:
                overlap = min(end, a.end) - max(start, a.start)
                if overlap > cover:
                    best, cover = a.claim.label, overlap
            row[file.annotator] = best
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass
class Agreement:
    """How far annotators agree, sentence by sentence."""

    kappa: float  # Cohen's kappa, averaged over pairs of annotators
    alpha: float  # Krippendorff's alpha (nominal)
    labels: pd.DataFrame  # sentence x annotator labels
    disagreements: pd.DataFrame  # the sentences where labels differ


def agreement(files: Iterable[AnnotationFile], text: str) -> Agreement:
    """Cohen's kappa and Krippendorff's alpha over sentences (``nltk.metrics.agreement``)."""
    from nltk.metrics.agreement import AnnotationTask

    files = list(files)
    if len(files) < 2:
        raise ValueError("agreement needs the files of at least two annotators")
    names = [f.annotator for f in files]
    if len(set(names)) != len(names):
        raise ValueError("two files have the same annotator name")
    labels = sentence_labels(files, text)
    data = [
        (annotator, str(row.sentence), row[annotator])
        for _, row in labels.iterrows()
        for annotator in names
    ]
    task = AnnotationTask(data=data)
    if len({label for _, _, label in data}) < 2:
        kappa = alpha = 1.0  # everyone gave every sentence the same label
    else:
        kappa, alpha = task.kappa(), task.alpha()
    differ = labels[labels[names].nunique(axis=1) > 1]
    return Agreement(kappa, alpha, labels, differ.reset_index(drop=True))
