"""ClaimAnnotator: select words, press a key for the label, say who makes the claim; it is saved.

The widget follows a small contract (as anywidget-based annotators do): the
Python side holds all the state as traits (the text, the claims as ``spans``, the
``selection`` waiting for a label, the ``current_id`` of the claim being edited,
and the ``claimant``, ``note`` and ``verdict`` boxes); the JavaScript side
(``claims.js``) only draws and reports what the user did: messages
``{"type": "select", "start", "end"}`` (the browser selection, as offsets into
``Document.text``), ``{"type": "key", "key": "1"}``, ``{"type": "label", "label"}``
(a button), ``{"type": "current", "id"}`` (a claim clicked in the text or the
table), ``undo``, ``remove``, ``refresh``, ``jump``, ``edit``; and what is typed in
the boxes, as the ``claimant``, ``note`` and ``verdict`` traits.  So a test drives
it without a browser by calling the same handlers and setting the same traits.

The boxes always belong to one thing, so no order of steps loses what was typed:

- while words are selected and not labelled yet, the boxes fill the *new* claim
  (the claimant starts as the quote's speaker inside a quotation); the label key
  or button makes the claim with them;
- the claim just made, or a claim clicked in the text or the table, is the
  *current* claim: the boxes show its claimant, note and verdict, and what is
  typed there (or a label key or button) changes that claim at once.  So
  "select, press 1, type the claimant" and "select, type the claimant, press 1"
  give the same claim, and any claim can be mended later;
- the label keys (1-5 in the default scheme) label the selection wherever the
  focus is inside the widget, the claimant and note boxes included, while a
  selection waits for its label; then they are not typed.  Once the words are
  labelled, the keys type in the boxes as usual: to put a digit in a note,
  label first and type after.  (Alt+digit was the other choice; it breaks the
  notebooks' "press 1", and a digit that labels instead of being typed loses
  nothing: the claim gets what was typed so far, and typing goes on in its box.)

Typing in a box is one change per keystroke, saved at once; undo takes back a
run of typing in one box as one step.

Every change is saved at once when the widget has a file and a name, as a
change: the claims added or edited since the last save, and the ids removed
(`reader.annotations.save_changes`, which locks the file, merges with what is on
disk and writes atomically).  So two widgets on one file keep each other's
claims: each save brings in what the other saved, and `ClaimAnnotator.refresh`
(the Refresh button) reads it without a change.  Undo takes back this widget's
own changes only.  A file that does not load is reported and never overwritten
(autosave stops until you choose another file, or mend the file and refresh).
Claims in an existing file are re-anchored on the document; those that cannot
be placed are kept as orphans and stay in the file.

Nothing is written without the annotator's real name: with no ``annotator``, or
a placeholder such as ``"student"`` or ``"your name"`` (`real_name`), or a file
named for one, the widget draws and lets the student try, and says in red
"Write your name first (notebook 00)"; a class's files never overwrite each
other under a shared default name.

>>> from reader import Document
>>> doc = Document.from_text("Iraq would buy T-90 tanks, Maliki said.")
>>> w = ClaimAnnotator(doc, annotator="ana")
>>> w.select(0, 25)
>>> w.press_key("1").claim.label
'check-worthy'
>>> w.claimant = "Maliki"  # typed after the key: the claim just made gets it
>>> [(s["exact"], s["claimant"]) for s in w.spans]
[('Iraq would buy T-90 tanks', 'Maliki')]
>>> w.undo(); w.undo(); w.spans
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
from reader.annotations import _now as now  # the one clock of the annotation files
from reader.claims import (
    ClaimScheme,
    default_claimant,
    load_claim_scheme,
    make_claim,
)
from reader.document import Document
from reader.filenames import named_for_a_placeholder, real_name
from reader.quotes import find_quotes

HERE = Path(__file__).resolve().parent
UNDO_KEYS = {"z", "u", "Backspace"}
FIELDS = ("claimant", "note", "verdict")  # the boxes: they fill the new claim or edit the current
NAME_FIRST = "Write your name first (notebook 00): nothing you mark here is saved."
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


def _short(text: str, size: int = 50) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class ClaimAnnotator(anywidget.AnyWidget):
    """Mark claims on a document; state in traits, events through `handle_message`.

    ``annotator`` is the person's name: without a real one (`real_name`) nothing is
    written and the widget says so.  ``path`` is the file every change is saved to
    (none: the claims stay in the notebook).
    """

    _esm = HERE / "claims.js"
    _css = HERE / "claims.css"

    text = traitlets.Unicode("").tag(sync=True)
    blocks = traitlets.List([]).tag(sync=True)  # [{kind, start, end}]
    labels = traitlets.List([]).tag(sync=True)  # [{key, name, shortcut, colour}]
    verdicts = traitlets.List([]).tag(sync=True)
    spans = traitlets.List([]).tag(sync=True)  # the claims, for drawing and the table
    selection = traitlets.Dict({}).tag(sync=True)  # {start, end, exact} waiting for a label, or {}
    current_id = traitlets.Unicode("").tag(sync=True)  # the claim the boxes edit, or ""
    claimant = traitlets.Unicode("").tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True)
    verdict = traitlets.Unicode("unverified").tag(sync=True)
    focus_id = traitlets.Unicode("").tag(sync=True)  # the claim to scroll to
    status = traitlets.Unicode("").tag(sync=True)
    saving = traitlets.Unicode("").tag(sync=True)  # where the work goes, or why it does not
    can_save = traitlets.Bool(False).tag(sync=True)
    can_undo = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        document: Document,
        *,
        annotator: str | None = None,
        path: str | Path | None = None,
        scheme: ClaimScheme | None = None,
        quotes: list | None = None,
        **kwargs,
    ) -> None:
        self.document = document
        self.annotator = real_name(annotator)
        self.path = Path(path) if path else None
        self.scheme = scheme or load_claim_scheme()
        self.quotes = list(find_quotes(document)) if quotes is None else list(quotes)
        self.autosave = self.path is not None
        self._stopped_by_a_problem = False  # autosave was turned off because a save failed
        self._annotations: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self._saved: dict[str, Annotation] = {}  # the placed claims as the file last had them
        self._history: list[Change] = []
        self._typing: tuple[str, str] | None = None  # (claim id, box) of the last change if typed
        self._showing = False  # the boxes are being set from here, not typed by the user
        self._typed_in_new: set[str] = set()  # boxes the user typed in for the next claim
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
        self.saving, self.can_save = self._saving_note()
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

    def _why_not_saved(self, target: Path | None) -> str | None:
        """Why nothing may be written to ``target`` (no name, no file), or None when it may."""
        if self.annotator is None:
            return NAME_FIRST
        if target is None:
            return "no file to save to: give ClaimAnnotator(..., path=...)"
        if named_for_a_placeholder(target):
            return f"{target.name} is named for no one; nothing is saved in it: give a file named for you"
        return None

    def _saving_note(self) -> tuple[str, bool]:
        """The line the widget shows about saving, and whether changes are saved."""
        problem = self._why_not_saved(self.path)
        if problem is None:
            return f"{self.annotator}: every change is saved in {self.path.name}", True
        if self.annotator is not None and self.path is None:
            return f"{self.annotator}: claims are kept in this notebook only (no file)", False
        return problem, False

    def _load_existing(self, path: Path) -> None:
        try:
            loaded = load_annotations(path)
        except AnnotationFileError as error:
            self._stop_autosave(f"{error} — autosave is off; give another path to save")
            return
        self._take(loaded)
        self.status = f"loaded {len(self._annotations)} claims from {path.name}" + (
            f"; {len(self.orphans)} could not be placed (kept as orphans)" if self.orphans else ""
        )

    def _stop_autosave(self, message: str) -> None:
        self.autosave, self._stopped_by_a_problem = False, True
        self.status = message
        self.saving, self.can_save = message, False

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
        if self.current_id and self._find(self.current_id) is None:
            self._leave_claim()  # undone, removed, or deleted elsewhere

    def _find(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self._annotations if a.id == annotation_id), None)

    def _number(self, annotation_id: str) -> int:
        """A claim's number in the table (1 is the first in the text)."""
        return next(n for n, a in enumerate(self._annotations, 1) if a.id == annotation_id)

    def _change(
        self, annotations: list[Annotation], message: str, typing: tuple[str, str] | None = None
    ) -> None:
        """Record how to undo, apply the new state, autosave.

        ``typing`` (claim id, box) marks a keystroke in a box: a run of them on one
        claim's box is one undo step.
        """
        change = _changes(self._annotations, annotations)
        if not change:
            return
        if typing is not None and typing == self._typing and self._history:
            for ident, before in change.items():
                self._history[-1].setdefault(ident, before)
        else:
            self._history.append(change)
        self._typing = typing
        self._annotations = annotations
        self._sync()
        self.status = message
        self._autosave()

    def _autosave(self) -> None:
        if self.annotator is None:
            self.status += " — not saved: write your name first (notebook 00)"
            return
        if not (self.autosave and self.path):
            return
        problem = self._why_not_saved(self.path)
        if problem:
            self.status += f" — not saved: {problem}"
            return
        try:
            self.save()
        except (AnnotationFileError, OSError) as error:
            self._stop_autosave(f"not saved: {error}")

    def _file_names(self) -> tuple[str, str]:
        return Path(self.document.source or "document").stem, self.annotator or ""

    def save(self, path: str | Path | None = None) -> Path:
        """Save this widget's changes into its file, merged with what others saved there.

        With ``path`` (another file): every claim, orphans included, is saved into
        that file, merged with the claims it has already.  Without the annotator's
        name, or into a file named for a placeholder, nothing is written
        (ValueError saying so).
        """
        target = Path(path) if path else self.path
        problem = self._why_not_saved(target)
        if problem:
            raise ValueError(problem)
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
            self._stop_autosave(f"{error} — autosave is off; give another path to save")
            return
        before = {a.id for a in self._annotations}
        self._take(loaded)
        self._typing = None
        if self.current_id:
            self._show_claim(self._find(self.current_id))
        new = sum(a.id not in before for a in self._annotations)
        self.status = f"refreshed from {self.path.name}; claims new from elsewhere: {new}"
        if self._stopped_by_a_problem:
            self.autosave, self._stopped_by_a_problem = True, False
            self.saving, self.can_save = self._saving_note()
        if any(self._pending()):
            self._autosave()

    # --- the boxes: the new claim's, or the current claim's --------------------------------------

    def _show(self, **values: str) -> None:
        """Put values in the boxes from here (they are not taken as typed)."""
        self._showing = True
        try:
            for name, value in values.items():
                setattr(self, name, value)
        finally:
            self._showing = False

    def _show_claim(self, annotation: Annotation | None) -> None:
        if annotation is not None:
            claim = annotation.claim
            self._show(claimant=claim.claimant or "", note=claim.note, verdict=claim.verdict)

    def _leave_claim(self) -> None:
        """No claim is current any more: the boxes are empty, for the next claim."""
        self._typed_in_new = set()
        self._show(claimant="", note="", verdict="unverified")
        self.current_id = ""

    @traitlets.observe(*FIELDS)
    def _typed(self, change: dict) -> None:
        """The user typed in a box (or chose a verdict): fill the new claim or edit the current."""
        if self._showing:
            return
        name, value = change["name"], change["new"]
        if name == "verdict" and value not in self.scheme.verdicts:
            self._show(verdict=change["old"])
            self.status = f"unknown verdict {value!r}; choose from {list(self.scheme.verdicts)}"
            return
        if self.current_id and not self.selection:
            self._edit_typed(self.current_id, name, value)
        else:
            self._typed_in_new.add(name)

    def _edit_typed(self, annotation_id: str, name: str, value: str) -> None:
        stored: str | None = value.strip()
        if name == "claimant":
            stored = stored or None
        self._edit(annotation_id, {name: stored}, typing=(annotation_id, name))

    # --- actions (what the front end's messages call) -----------------------------------------

    def select(self, start: int, end: int) -> None:
        """Take a selection (offsets into the text); spaces at its ends are left out.

        The boxes now fill the new claim: inside a quotation the claimant is the
        quote's speaker, unless a claimant was typed for the new claim already.
        An empty selection (a click in the text) selects nothing and leaves the
        current claim.
        """
        text = self.text
        start, end = max(0, min(start, end)), min(len(text), max(start, end))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if self.current_id:
            self._leave_claim()
        if start == end:
            self.selection = {}
            return
        self.selection = {"start": start, "end": end, "exact": text[start:end]}
        if "claimant" not in self._typed_in_new:
            self._show(claimant=default_claimant(start, end, self.quotes) or "")
        self._typing = None

    def label_selection(self, label: str) -> Annotation | None:
        """Label the selection (a new claim, with the boxes' claimant, note and verdict),
        or, with nothing selected, change the current claim's label."""
        kind = self.scheme.label(label)  # unknown labels raise KeyError naming the known ones
        if not self.selection:
            if self.current_id:
                fields = {"label": kind.key, "check_worthy": kind.check_worthy}
                self._edit(self.current_id, fields)
                return self._find(self.current_id)
            self.status = "select some words first (or click a claim to change its label)"
            return None
        start, end = self.selection["start"], self.selection["end"]
        annotation = make_claim(
            self.document,
            start,
            end,
            label,
            annotator=self.annotator or "",
            quotes=self.quotes,
            scheme=self.scheme,
            claimant=self.claimant.strip() or None,
            note=self.note.strip(),
            verdict=self.verdict,
        )
        self.selection = {}
        self._typed_in_new = set()
        self.current_id = annotation.id
        self._change(
            self._annotations + [annotation], f"marked {label}: {_short(annotation.exact)}"
        )
        self._show_claim(annotation)
        return annotation

    def press_key(self, key: str, ctrl: bool = False) -> Annotation | None:
        """A keyboard key: a label's shortcut labels the selection (or relabels the current
        claim); z or u undoes."""
        if key in UNDO_KEYS and (ctrl or key != "Backspace"):
            self.undo()
            return None
        label = self.scheme.by_shortcut(key)
        if label is not None:
            return self.label_selection(label.key)
        return None

    def make_current(self, annotation_id: str) -> None:
        """Make a claim the current one: the boxes and label keys now change it."""
        annotation = self._find(annotation_id)
        if annotation is None:
            raise KeyError(f"no claim {annotation_id!r} here")
        self.selection = {}
        self._typed_in_new = set()
        self._typing = None
        self._show_claim(annotation)  # the boxes first: the front end redraws on current_id
        self.current_id = annotation_id
        self.jump_to(annotation_id)
        self.status = f"claim {self._number(annotation_id)} chosen: {_short(annotation.exact)}"

    def edit(self, annotation_id: str, **fields) -> None:
        """Change a claim's label, claimant, verdict, note, evidence or tags (undoable)."""
        if "label" in fields:
            fields.setdefault("check_worthy", self.scheme.label(fields["label"]).check_worthy)
        self._edit(annotation_id, fields)
        if annotation_id == self.current_id:
            self._show_claim(self._find(annotation_id))

    def _edit(
        self, annotation_id: str, fields: dict, typing: tuple[str, str] | None = None
    ) -> None:
        if self._find(annotation_id) is None:
            raise KeyError(f"no claim {annotation_id!r} here")
        if fields.get("verdict", self.scheme.verdicts[0]) not in self.scheme.verdicts:
            raise ValueError(f"unknown verdict {fields['verdict']!r}")
        updated = [
            replace(a, claim=replace(a.claim, **fields), modified=now())
            if a.id == annotation_id
            else a
            for a in self._annotations
        ]
        number = self._number(annotation_id)
        what = ", ".join(
            f"{name} {value or '(none)'}"
            for name, value in fields.items()
            if name != "check_worthy"
        )
        self._change(updated, f"claim {number}: {what}", typing)

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
        self._typing = None
        self._sync()
        if self.current_id:
            self._show_claim(self._find(self.current_id))
        self.status = "undone"
        self._autosave()

    def jump_to(self, annotation_id: str) -> None:
        """Show a claim: the front end scrolls to it and flashes it."""
        self.focus_id = ""
        self.focus_id = annotation_id

    def handle_message(self, _widget, content: dict, _buffers=None) -> None:
        """What the front end reports: select, key, label, current, undo, refresh, remove, jump, edit."""
        kind = content.get("type")
        try:
            if kind == "select":
                self.select(int(content["start"]), int(content["end"]))
            elif kind == "key":
                self.press_key(str(content.get("key", "")), bool(content.get("ctrl")))
            elif kind == "label":
                self.label_selection(str(content["label"]))
            elif kind == "current":
                self.make_current(str(content["id"]))
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
