"""ClaimAnnotator: select words with the mouse, press a key for the label, and it is saved.

The widget follows a small contract (as anywidget-based annotators do): the
Python side holds all the state as traits (the text, the claims as ``spans``, the
current ``selection``, ``claimant``, ``note``, ``verdict``); the JavaScript side
(``claims.js``) only draws the text and reports what the user did as messages:
``{"type": "select", "start", "end"}`` for the browser selection (as offsets into
``Document.text``), ``{"type": "key", "key": "1"}`` for a keyboard key,
``{"type": "label", "label": ...}`` for a button, ``undo``, ``remove``, ``jump``.
So a test drives it without a browser by calling the same handlers.

Every change is saved at once when the widget has a file, as a change: the
claims added or edited since the last save, and the ids removed
(`reader.annotations.save_changes`, which locks the file, merges with what is on
disk and writes atomically).  So two widgets on one file (two notebooks that both
default to ``….student.annotations.json``) keep each other's claims: each save
brings in what the other saved, and `ClaimAnnotator.refresh` (the Refresh button)
reads it without a change.  Undo takes back this widget's own changes only.  A
file that does not load is reported and never overwritten (autosave stops until
you choose another file, or mend the file and refresh).  Claims in an existing
file are re-anchored on the document; those that cannot be placed are kept as
orphans and stay in the file.

>>> from reader import Document
>>> doc = Document.from_text("Iraq would buy T-90 tanks, Maliki said.")
>>> w = ClaimAnnotator(doc, annotator="ana")
>>> w.select(0, 25)
>>> w.press_key("1").claim.label
'check-worthy'
>>> [s["exact"] for s in w.spans]
['Iraq would buy T-90 tanks']
>>> w.undo(); w.spans
[]
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from reader.annotations import (
    Annotation,
    AnnotationFile,
    AnnotationFileError,
    annotations_df,
    load_annotations,
    reanchor,
    save_changes,
)
from reader.claims import (
    ClaimScheme,
    default_claimant,
    find_quotes_safely,
    load_claim_scheme,
    make_claim,
)
from reader.document import Document

HERE = Path(__file__).resolve().parent
UNDO_KEYS = {"z", "u", "Backspace"}

# One undoable change: each claim it touched, by id, as it was before (None: it did not exist).
Change = dict[str, "Annotation | None"]


def _changes(before: list[Annotation], after: list[Annotation]) -> Change:
    """What turns ``after`` back into ``before``: the old version of every claim that differs."""
    old, new = {a.id: a for a in before}, {a.id: a for a in after}
    return {i: old.get(i) for i in old.keys() | new.keys() if old.get(i) != new.get(i)}


def _apply(annotations: list[Annotation], change: Change) -> list[Annotation]:
    """``annotations`` with each claim in ``change`` put back (replaced, added, or removed)."""
    kept = [change[a.id] if a.id in change else a for a in annotations]
    present = {a.id for a in annotations}
    added = [a for i, a in change.items() if a is not None and i not in present]
    return [a for a in kept if a is not None] + added


class ClaimAnnotator(anywidget.AnyWidget):
    """Mark claims on a document; state in traits, events through `handle_message`."""

    _esm = HERE / "claims.js"
    _css = HERE / "claims.css"

    text = traitlets.Unicode("").tag(sync=True)
    blocks = traitlets.List([]).tag(sync=True)  # [{kind, start, end}]
    labels = traitlets.List([]).tag(sync=True)  # [{key, name, shortcut, colour}]
    verdicts = traitlets.List([]).tag(sync=True)
    spans = traitlets.List([]).tag(sync=True)  # the claims, for drawing and the list
    selection = traitlets.Dict({}).tag(sync=True)  # {start, end, exact} or {}
    claimant = traitlets.Unicode("").tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True)
    verdict = traitlets.Unicode("unverified").tag(sync=True)
    focus_id = traitlets.Unicode("").tag(sync=True)  # the claim the list jumped to
    status = traitlets.Unicode("").tag(sync=True)
    can_undo = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        document: Document,
        *,
        annotator: str = "student",
        path: str | Path | None = None,
        scheme: ClaimScheme | None = None,
        quotes: list | None = None,
        **kwargs,
    ) -> None:
        self.document = document
        self.annotator = annotator
        self.path = Path(path) if path else None
        self.scheme = scheme or load_claim_scheme()
        self.quotes = find_quotes_safely(document) if quotes is None else list(quotes)
        self.autosave = self.path is not None
        self._stopped_by_a_problem = False  # autosave was turned off because a save failed
        self._annotations: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self._saved: dict[str, Annotation] = {}  # the placed claims as the file last had them
        self._history: list[Change] = []
        super().__init__(
            text=document.text,
            blocks=[{"kind": b.kind, "start": b.start, "end": b.end} for b in document.blocks],
            labels=[
                {"key": lab.key, "name": lab.name, "shortcut": lab.shortcut, "colour": lab.colour}
                for lab in self.scheme.labels
            ],
            verdicts=list(self.scheme.verdicts),
            **kwargs,
        )
        if self.path and self.path.exists():
            self._load_existing(self.path)
        self.on_msg(self.handle_message)

    # --- state --------------------------------------------------------------------------------

    @property
    def annotations(self) -> list[Annotation]:
        """The placed claims, in text order."""
        return list(self._annotations)

    def annotations_df(self) -> pd.DataFrame:
        """The claims as a table (one row each)."""
        return annotations_df(self._annotations)

    def _load_existing(self, path: Path) -> None:
        try:
            loaded = load_annotations(path)
        except AnnotationFileError as error:
            self.autosave, self._stopped_by_a_problem = False, True
            self.status = f"{error} — autosave is off; give another path to save"
            return
        self._take(loaded)
        self.status = f"loaded {len(self._annotations)} claims from {path.name}" + (
            f"; {len(self.orphans)} could not be placed (kept as orphans)" if self.orphans else ""
        )

    def _pending(self) -> tuple[list[Annotation], list[str]]:
        """The changes not saved yet: claims added or edited here, and ids removed here."""
        current = {a.id for a in self._annotations}
        upserts = [a for a in self._annotations if self._saved.get(a.id) != a]
        deletions = [i for i in self._saved if i not in current]
        return upserts, deletions

    def _take(self, file: AnnotationFile) -> None:
        """Show the claims of the file as read or merged, with this widget's unsaved changes on top."""
        upserts, deletions = self._pending()
        anchoring = reanchor(file.annotations, self.document.text)
        self._saved = {a.id: a for a in anchoring.placed}
        unsaved: Change = {a.id: a for a in upserts} | dict.fromkeys(deletions)
        self._annotations = _apply(anchoring.placed, unsaved)
        self.orphans = anchoring.orphans
        self._sync()

    def _sync(self) -> None:
        self._annotations.sort(key=lambda a: (a.start, a.end))
        self.spans = [
            {
                "id": a.id,
                "start": a.start,
                "end": a.end,
                "exact": a.exact,
                "label": a.claim.label,
                "claimant": a.claim.claimant or "",
                "verdict": a.claim.verdict,
                "note": a.claim.note,
            }
            for a in self._annotations
        ]
        self.can_undo = bool(self._history)

    def _change(self, annotations: list[Annotation], message: str) -> None:
        """Record how to undo, apply the new state, autosave."""
        self._history.append(_changes(self._annotations, annotations))
        self._annotations = annotations
        self._sync()
        self.status = message
        self._autosave()

    def _autosave(self) -> None:
        if not (self.autosave and self.path):
            return
        try:
            self.save()
        except (AnnotationFileError, OSError) as error:
            self.autosave, self._stopped_by_a_problem = False, True
            self.status = f"not saved: {error}"

    def _file_names(self) -> tuple[str, str]:
        return Path(self.document.source or "document").stem, self.annotator

    def save(self, path: str | Path | None = None) -> Path:
        """Save this widget's changes into its file, merged with what others saved there.

        With ``path`` (another file): every claim, orphans included, is saved into
        that file, merged with the claims it has already.
        """
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file to save to: give ClaimAnnotator(..., path=...)")
        document, annotator = self._file_names()
        if self.path is None or target.resolve() != self.path.resolve():
            everything = self._annotations + self.orphans
            save_changes(target, everything, document=document, annotator=annotator)
            return target
        upserts, deletions = self._pending()
        merged = save_changes(target, upserts, deletions, document=document, annotator=annotator)
        self._take(merged)
        return target

    def refresh(self) -> None:
        """Read the file again: claims that other widgets or programs saved there appear.

        Changes made here and not saved yet stay; if autosave stopped because the
        file was broken or could not be written, and it loads now, autosave starts
        again and this widget's changes are saved into it.
        """
        if self.path is None or not self.path.exists():
            self.status = "no file to refresh from yet"
            return
        try:
            loaded = load_annotations(self.path)
        except AnnotationFileError as error:
            self.autosave, self._stopped_by_a_problem = False, True
            self.status = f"{error} — autosave is off; give another path to save"
            return
        before = {a.id for a in self._annotations}
        self._take(loaded)
        new = sum(a.id not in before for a in self._annotations)
        self.status = f"refreshed from {self.path.name}; claims new from elsewhere: {new}"
        if self._stopped_by_a_problem:
            self.autosave, self._stopped_by_a_problem = True, False
        if any(self._pending()):
            self._autosave()

    # --- actions (what the front end's messages call) -----------------------------------------

    def select(self, start: int, end: int) -> None:
        """Take a selection (offsets into the text); spaces at its ends are left out.

        Inside a quotation the claimant becomes the quote's speaker.
        """
        text = self.text
        start, end = max(0, min(start, end)), min(len(text), max(start, end))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            self.selection = {}
            return
        self.selection = {"start": start, "end": end, "exact": text[start:end]}
        self.claimant = default_claimant(start, end, self.quotes) or ""

    def label_selection(self, label: str) -> Annotation | None:
        """Make the selection a claim with this label, with the current claimant, note, verdict."""
        self.scheme.label(label)  # unknown labels raise KeyError naming the known ones
        if not self.selection:
            self.status = "select some words first"
            return None
        start, end = self.selection["start"], self.selection["end"]
        annotation = make_claim(
            self.document,
            start,
            end,
            label,
            annotator=self.annotator,
            quotes=self.quotes,
            scheme=self.scheme,
            claimant=self.claimant or None,
            note=self.note,
            verdict=self.verdict,
        )
        self._change(self._annotations + [annotation], f"marked {label}: {annotation.exact[:60]}")
        self.selection = {}
        self.note = ""
        return annotation

    def press_key(self, key: str, ctrl: bool = False) -> Annotation | None:
        """A keyboard key: a label's shortcut labels the selection; z or u undoes."""
        if key in UNDO_KEYS and (ctrl or key != "Backspace"):
            self.undo()
            return None
        label = self.scheme.by_shortcut(key)
        if label is not None:
            return self.label_selection(label.key)
        return None

    def edit(self, annotation_id: str, **fields) -> None:
        """Change a claim's label, claimant, verdict, note, evidence or tags (undoable)."""
        updated = []
        for a in self._annotations:
            if a.id == annotation_id:
                a = replace(a, claim=replace(a.claim, **fields))
            updated.append(a)
        self._change(updated, "edited")

    def remove(self, annotation_id: str) -> None:
        """Delete a claim (undoable)."""
        kept = [a for a in self._annotations if a.id != annotation_id]
        if len(kept) != len(self._annotations):
            self._change(kept, "removed")

    def undo(self) -> None:
        """Go back one change; saved at once like any change."""
        if not self._history:
            self.status = "nothing to undo"
            return
        self._annotations = _apply(self._annotations, self._history.pop())
        self._sync()
        self.status = "undone"
        self._autosave()

    def jump_to(self, annotation_id: str) -> None:
        """Show a claim: the front end scrolls to it and flashes it."""
        self.focus_id = ""
        self.focus_id = annotation_id

    def handle_message(self, _widget, content: dict, _buffers=None) -> None:
        """What the front end reports: select, key, label, undo, refresh, remove, jump, edit."""
        kind = content.get("type")
        try:
            if kind == "select":
                self.select(int(content["start"]), int(content["end"]))
            elif kind == "key":
                self.press_key(str(content.get("key", "")), bool(content.get("ctrl")))
            elif kind == "label":
                self.label_selection(str(content["label"]))
            elif kind == "undo":
                self.undo()
            elif kind == "refresh":
                self.refresh()
            elif kind == "remove":
                self.remove(str(content["id"]))
            elif kind == "jump":
                self.jump_to(str(content["id"]))
            elif kind == "edit":
                self.edit(str(content["id"]), **dict(content.get("fields", {})))
        except (KeyError, ValueError, TypeError) as error:
            self.status = f"ignored {kind}: {error}"
