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
- a file that fails to load is reported with a one-line `AnnotationFileError`
  and is never overwritten.

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
import json
import os
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from reader.document import Document

SCHEMA_VERSION = 1
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_CONTEXT = {"reader": "https://example.org/reader-kit/ns#"}
CONTEXT_CHARS = 32  # characters of prefix and suffix kept with the exact quote
FUZZY_THRESHOLD = 0.75  # the least similarity a fuzzy match needs
FILE_SUFFIX = ".annotations.json"
MAX_FILE_BYTES = 50 * 2**20


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
            "body": {"type": "reader:Claim", "purpose": "assessing", **asdict(self.claim)},
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
        """Read a W3C annotation written by `to_w3c`; raises ValueError naming what is wrong."""
        if not isinstance(data, dict) or data.get("type") != "Annotation":
            raise ValueError("an item is not a W3C Annotation")
        ident = data.get("id")
        body, target = data.get("body"), data.get("target")
        if not isinstance(ident, str) or not isinstance(body, dict) or not isinstance(target, dict):
            raise ValueError(f"annotation {ident!r} lacks an id, a body or a target")
        selectors = target.get("selector")
        if isinstance(selectors, dict):
            selectors = [selectors]
        by_type = {s.get("type"): s for s in selectors or [] if isinstance(s, dict)}
        quote = by_type.get("TextQuoteSelector")
        position = by_type.get("TextPositionSelector")
        if not quote or not isinstance(quote.get("exact"), str):
            raise ValueError(f"annotation {ident}: no TextQuoteSelector with an exact quote")
        start = position.get("start") if position else None
        end = position.get("end") if position else None
        if not isinstance(start, int) or not isinstance(end, int):
            start, end = 0, len(quote["exact"])  # no positions: re-anchoring finds them
        known = {f for f in Claim.__dataclass_fields__}
        claim_fields = {k: v for k, v in body.items() if k in known}
        if not isinstance(claim_fields.get("label"), str):
            raise ValueError(f"annotation {ident}: the body has no label")
        if not isinstance(claim_fields.get("tags", []), list):
            raise ValueError(f"annotation {ident}: tags must be a list")
        creator = data.get("creator") or {}
        return cls(
            id=ident,
            exact=quote["exact"],
            prefix=str(quote.get("prefix", "")),
            suffix=str(quote.get("suffix", "")),
            start=start,
            end=end,
            claim=Claim(**claim_fields),
            annotator=str(creator.get("name", "") if isinstance(creator, dict) else creator),
            created=str(data.get("created", "")),
            modified=str(data.get("modified", data.get("created", ""))),
            source=str(target.get("source", "")),
            motivation=str(data.get("motivation", "assessing")),
        )


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
    """The annotations of one annotator on one document."""

    document: str
    annotator: str
    annotations: list[Annotation] = field(default_factory=list)

    def to_json(self) -> dict:
        """A W3C AnnotationCollection, with the kit's schema version."""
        return {
            "@context": [W3C_CONTEXT, READER_CONTEXT],
            "type": "AnnotationCollection",
            "reader:schema_version": SCHEMA_VERSION,
            "reader:document": self.document,
            "reader:annotator": self.annotator,
            "total": len(self.annotations),
            "items": [a.to_w3c() for a in self.annotations],
        }


def annotation_path(folder: str | Path, document: str, annotator: str) -> Path:
    """Where one annotator's file for one document lives: ``NAME.ANNOTATOR.annotations.json``."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in annotator) or "anonymous"
    return Path(folder) / f"{Path(document).stem}.{safe}{FILE_SUFFIX}"


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
    annotations = []
    for number, item in enumerate(items, 1):
        try:
            annotations.append(Annotation.from_w3c(item))
        except (ValueError, TypeError) as error:
            raise AnnotationFileError(f"{name}, item {number}: {error}") from None
    return AnnotationFile(
        document=str(data.get("reader:document", "")),
        annotator=str(data.get("reader:annotator", "")),
        annotations=annotations,
    )


def load_annotations(path: str | Path) -> AnnotationFile:
    """Read one annotation file; a bad file raises a one-line `AnnotationFileError`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AnnotationFileError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AnnotationFileError(f"{path}: no such annotation file") from None
    except OSError as error:
        raise AnnotationFileError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise AnnotationFileError(
            f"{path}: not valid JSON{where}; the file is left as it is"
        ) from None
    return parse_annotation_file(data, str(path))


def save_annotations(path: str | Path, annotations: AnnotationFile) -> Path:
    """Write an annotation file atomically; never overwrite a file that does not load.

    The JSON goes to a temporary file in the same folder, is flushed to disk,
    then renamed over the old file: a crash at any moment leaves either the old
    file or the new one, whole.
    """
    path = Path(path)
    if path.exists():
        try:
            load_annotations(path)
        except AnnotationFileError as error:
            raise AnnotationFileError(
                f"{path} does not load, so it is kept as it is ({error}); save to another name"
            ) from None
    payload = json.dumps(annotations.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    write_atomically(path, payload)
    return path


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename.

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
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
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
    pattern = f"{Path(document).stem}.*{FILE_SUFFIX}" if document else f"*{FILE_SUFFIX}"
    for path in sorted(Path(folder).glob(pattern)):
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
    """Sentence offsets from NLTK's Punkt with its built-in defaults (no download)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    spans = []
    cursor = 0
    for block in text.split("\n\n"):
        for start, end in PunktSentenceTokenizer().span_tokenize(block):
            spans.append((cursor + start, cursor + end))
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
