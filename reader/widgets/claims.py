"""ClaimAnnotator: select words with the mouse, press a key for the label, and it is saved.

The widget follows a small contract (as anywidget-based annotators do): the
Python side holds all the state as traits (the text, the claims as ``spans``, the
current ``selection``, ``claimant``, ``note``, ``verdict``); the JavaScript side
(``claims.js``) only draws the text and reports what the user did as messages:
``{"type": "select", "start", "end"}`` for the browser selection (as offsets into
``Document.text``), ``{"type": "key", "key": "1"}`` for a keyboard key,
``{"type": "label", "label": ...}`` for a button, ``undo``, ``remove``, ``jump``.
So a test drives it without a browser by calling the same handlers.

Every change is saved at once (atomically, `reader.annotations.save_annotations`)
when the widget has a file; a file that does not load is reported and never
overwritten (autosave stops until you choose another file).  Claims in an existing
file are re-anchored on the document; those that cannot be placed are kept as
orphans and saved again with the rest.

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
    save_annotations,
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
        self._annotations: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self._history: list[list[Annotation]] = []
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
            self.autosave = False
            self.status = f"{error} — autosave is off; give another path to save"
            return
        anchoring = reanchor(loaded.annotations, self.document.text)
        self._annotations = anchoring.placed
        self.orphans = anchoring.orphans
        self.status = f"loaded {len(anchoring.placed)} claims from {path.name}" + (
            f"; {len(anchoring.orphans)} could not be placed (kept as orphans)"
            if anchoring.orphans
            else ""
        )
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
        """Record the old state for undo, apply the new one, autosave."""
        self._history.append(list(self._annotations))
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
            self.autosave = False
            self.status = f"not saved: {error}"

    def save(self, path: str | Path | None = None) -> Path:
        """Write every claim, orphans included, to the widget's file (or ``path``)."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file to save to: give ClaimAnnotator(..., path=...)")
        name = Path(self.document.source or "document").stem
        data = AnnotationFile(name, self.annotator, self._annotations + self.orphans)
        return save_annotations(target, data)

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
        self._annotations = self._history.pop()
        self._sync()
        self.status = "undone"
        self._autosave()

    def jump_to(self, annotation_id: str) -> None:
        """Show a claim: the front end scrolls to it and flashes it."""
        self.focus_id = ""
        self.focus_id = annotation_id

    def handle_message(self, _widget, content: dict, _buffers=None) -> None:
        """What the front end reports: select, key, label, undo, remove, jump, edit."""
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
            elif kind == "remove":
                self.remove(str(content["id"]))
            elif kind == "jump":
                self.jump_to(str(content["id"]))
            elif kind == "edit":
                self.edit(str(content["id"]), **dict(content.get("fields", {})))
        except (KeyError, ValueError, TypeError) as error:
            self.status = f"ignored {kind}: {error}"
