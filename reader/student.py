"""A student's name, asked once and remembered, and the files named after it.

In a class every student runs the same notebooks.  Left to a default name, each
would save ``...student.annotations.json`` and the files would overwrite each other
when the teacher collects them.  So notebook 00 asks the name once (`ask_name`) and
keeps it in ``<kit>/.reader/student.json``; the notebooks that save work read it back
(`student_name`) and name their files after it and after what the file is for:

- the exercise, which the teacher collects:
  ``annotations/arab-weekly-maliki-russia.NAME.annotations.json``;
- practice, which stays with the student:
  ``annotations/arab-weekly-maliki-russia-practice.NAME.annotations.json``.

The teacher's ``reader.classroom.gather(folder, page)`` reads the files called
``PAGE.*.annotations.json``; a practice file's name starts ``PAGE-practice.``, so it
is never gathered as exercise work, even in the same folder.

``<kit>`` is the kit's folder: the one that holds ``notebooks/`` (a notebook runs in
``notebooks/``, so it is usually the folder above), found by `kit_folder`.

Each lesson also has a *your turn* cell where the student writes one line of code;
`check_line` compares what the line gives with what the kit computes from the same
objects, and answers with a hint, never with the solution (the solutions are in
`TASKS`, not on the screen).

>>> import tempfile
>>> kit = Path(tempfile.mkdtemp())
>>> student_name(kit) is None
True
>>> remember_name("  Ana María ", kit)
'Ana-María'
>>> student_name(kit)
'Ana-María'
>>> annotations_file("texts/arab-weekly-maliki-russia.txt", "practice", kit).name
'arab-weekly-maliki-russia-practice.Ana-María.annotations.json'
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Number
from pathlib import Path

import ipywidgets as widgets
from markupsafe import Markup

from reader.annotations import annotation_path, write_atomically
from reader.filenames import file_name_part, real_name

NAME_FILE = Path(".reader") / "student.json"
MAX_NAME_CHARS = 40
PURPOSES = {"exercise": "", "practice": "-practice"}  # purpose -> what follows the page's name
RUN_00_FIRST = (
    "No name yet: run the name cell in 00_start_here first, then run this cell again. "
    "Until then nothing you mark here is saved."
)


class StudentNameError(ValueError):
    """A name that cannot name a file; the message says what to type instead."""


def kit_folder(start: str | Path | None = None) -> Path:
    """The kit's folder: the nearest folder at or above ``start`` that holds ``notebooks/``.

    ``start`` defaults to the current folder (``notebooks/`` when a notebook runs);
    when no such folder is found, ``start`` itself.

    >>> import tempfile
    >>> kit = Path(tempfile.mkdtemp()); (kit / "notebooks").mkdir()
    >>> kit_folder(kit / "notebooks") == kit.resolve() == kit_folder(kit)
    True
    """
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir():
            return folder
    return here


def safe_name(text: str) -> str:
    """A name in the form that can name a file on any computer, letters of any script kept.

    Spaces and punctuation become one ``-``; letters, digits, their accents and
    ``_`` stay (`reader.filenames.file_name_part`).  Empty names, names with no letter
    or digit, and placeholders such as "student" are refused: every student who left
    the default would write the same file.

    >>> safe_name("Ana María"), safe_name("Лев Толстой"), safe_name("محمد"), safe_name("विजय")
    ('Ana-María', 'Лев-Толстой', 'محمد', 'विजय')
    >>> safe_name("../../etc/passwd")
    'etc-passwd'
    >>> safe_name(" !? ")
    Traceback (most recent call last):
    reader.student.StudentNameError: type your name with letters or digits (e.g. Ana or Ana-María)
    >>> safe_name("Student")
    Traceback (most recent call last):
    reader.student.StudentNameError: 'Student' is not a name: type your own (e.g. Ana or Ana-María)
    """
    name = file_name_part(text, max_bytes=4 * MAX_NAME_CHARS)[:MAX_NAME_CHARS].strip("-_")
    if not any(ch.isalnum() for ch in name):
        raise StudentNameError("type your name with letters or digits (e.g. Ana or Ana-María)")
    if real_name(name) is None:
        raise StudentNameError(f"{name!r} is not a name: type your own (e.g. Ana or Ana-María)")
    return name


def name_file(kit: str | Path | None = None) -> Path:
    """Where the name is kept: ``<kit>/.reader/student.json``."""
    return kit_folder(kit) / NAME_FILE


def remember_name(name: str, kit: str | Path | None = None) -> str:
    """Check ``name``, keep it in the kit's name file, and return the form kept."""
    name = safe_name(name)
    data = json.dumps({"name": name}, ensure_ascii=False, indent=1) + "\n"
    write_atomically(name_file(kit), data.encode("utf-8"))
    return name


def student_name(kit: str | Path | None = None) -> str | None:
    """The name kept by `remember_name`, or None when there is none (or it is unreadable)."""
    path = name_file(kit)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):  # a damaged file: ask again rather than guess
        return None
    try:
        return safe_name(data["name"])
    except (KeyError, TypeError, StudentNameError):
        return None


def annotations_file(
    page: str | Path, purpose: str = "exercise", kit: str | Path | None = None
) -> Path | None:
    """The student's annotation file for a page and a purpose, or None with no name yet.

    ``purpose`` is ``"exercise"`` (the file the teacher collects) or ``"practice"``.
    """
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(PURPOSES)}, not {purpose!r}")
    name = student_name(kit)
    if name is None:
        return None
    page = Path(page)
    document = page.stem + PURPOSES[purpose] + page.suffix
    return annotation_path(kit_folder(kit) / "annotations", document, name)


@dataclass
class SavingNote:
    """What a notebook tells the student before they mark anything: where it is saved."""

    path: Path | None
    name: str | None

    def __str__(self) -> str:
        if self.path is None:
            return RUN_00_FIRST
        return f"You are {self.name}. Your claims are saved as you mark them in {self.shown_path}"

    @property
    def shown_path(self) -> str:
        """The file's path from the kit's folder (what the file browser shows)."""
        assert self.path is not None
        try:
            return self.path.relative_to(kit_folder(self.path.parent)).as_posix()
        except ValueError:
            return str(self.path)

    def _repr_html_(self) -> str:
        if self.path is None:
            return str(
                Markup(
                    '<div class="reader-note" style="border-left:4px solid #b3261e;'
                    'padding:4px 10px;background:#fdecea"><b>{}</b></div>'
                ).format(RUN_00_FIRST)
            )
        link = os.path.relpath(self.path, Path.cwd()).replace(os.sep, "/")
        return str(
            Markup(
                '<div class="reader-note" style="border-left:4px solid #1b7a3a;padding:4px 10px">'
                'You are <b>{}</b>. Your claims are saved as you mark them in <a href="{}">{}</a>.'
                "</div>"
            ).format(self.name, link, self.shown_path)
        )


def saving_note(page: str | Path, purpose: str = "exercise", kit: str | Path | None = None):
    """The note a notebook shows above an annotator: the file it saves to, or "run 00 first"."""
    return SavingNote(annotations_file(page, purpose, kit), student_name(kit))


class NameBox(widgets.VBox):
    """Type your name and press Enter or *Save my name*; it is kept for every notebook.

    State in plain Python, so a test types and clicks without a browser:

    >>> import tempfile
    >>> box = NameBox(tempfile.mkdtemp())
    >>> box.name_box.value = "Ana"
    >>> box.save_button.click()
    >>> box.saved, "You are <b>Ana</b>" in box.message.value
    ('Ana', True)
    """

    def __init__(self, kit: str | Path | None = None) -> None:
        self.kit = kit_folder(kit)
        self.saved = student_name(self.kit)
        self.name_box = widgets.Text(
            value=self.saved or "",
            placeholder="your name, e.g. Ana or Ana-María",
            description="My name",
            continuous_update=False,
        )
        self.save_button = widgets.Button(description="Save my name", button_style="primary")
        self.message = widgets.HTML()
        self.save_button.on_click(lambda _button: self.save())
        self.name_box.observe(lambda _change: self.save(), names="value")
        super().__init__([widgets.HBox([self.name_box, self.save_button]), self.message])
        self._show()

    def save(self) -> str | None:
        """Keep the name typed (if it can name a file) and say what was kept."""
        typed = self.name_box.value
        if not typed.strip():
            self._show()
            return self.saved
        try:
            self.saved = remember_name(typed, self.kit)
        except StudentNameError as error:
            self.message.value = str(Markup('<span style="color:#b3261e">{}</span>').format(error))
            return self.saved
        self._show()
        return self.saved

    def _show(self) -> None:
        if self.saved is None:
            self.message.value = (
                "Type your name and press <b>Enter</b>: the notebooks name your files after it."
            )
            return
        self.message.value = str(
            Markup(
                "You are <b>{}</b>. Your exercise files will be called "
                "<code>…{}.annotations.json</code>; change the name here if it is not yours."
            ).format(self.saved, self.saved)
        )


def ask_name(kit: str | Path | None = None) -> NameBox:
    """The name box of notebook 00 (see `NameBox`)."""
    return NameBox(kit)


# -- your turn: one line of code per lesson, checked ---------------------------------------


@dataclass(frozen=True)
class Task:
    """A *your turn* task: how the kit computes the answer, and a hint for a wrong one."""

    solve: Callable[..., object]
    hint: str


def _count(frame, column: str, value: str) -> int:
    return int((frame[column] == value).sum())


THREE_OUTLETS = ["Rudaw English", "Asharq Al-Awsat", "The Arab Weekly"]


def _frame_shares(comparison, outlets: list[str]):
    from reader.widgets.display import frame_shares

    return frame_shares(comparison, outlets)


def _find_quotes(document) -> list:
    from reader.quotes import find_quotes

    return list(find_quotes(document))


TASKS: dict[str, Task] = {
    "00-people": Task(
        lambda actors: _count(actors.actors_df(), "type", "person"),
        "Copy the line that counts the states and change 'state' to 'person'.",
    ),
    "01-joined-words": Task(
        lambda decisions: _count(decisions, "action", "join-word"),
        "Copy the line that counts 'keep-hyphen' and change the action to 'join-word'.",
    ),
    "02-iran-mentions": Task(
        lambda actors: int(actors.actors_df().set_index("name").loc["Iran", "mentions"]),
        "Copy the line for Russia and change the name to 'Iran'.",
    ),
    "03-most-economic": Task(
        lambda corpus: str(corpus.frame_matrix()["economic"].idxmax()),
        "Copy the line for 'legality' and change the frame to 'economic'; "
        "the answer is an outlet's name.",
    ),
    "04-check-worthy": Task(
        lambda teacher: sum(a.claim.label == "check-worthy" for a in teacher.annotations),
        "Copy the line that counts the opinions and change the label to 'check-worthy'.",
    ),
    "05-people-table": Task(
        lambda actors: actors.actors_df().query("type == 'person'"),
        "Keep only the rows whose type is 'person': table[table['type'] == 'person'].",
    ),
    "06-kit-quotes": Task(
        lambda document: _find_quotes(document),
        "Call the kit's quotation finder as in the example, on `document` (the page).",
    ),
    "07-three-outlets": Task(
        lambda comparison: _frame_shares(comparison, THREE_OUTLETS),
        "Copy the worked example's line and give it the three outlets: "
        "Rudaw English, Asharq Al-Awsat and The Arab Weekly.",
    ),
    "08-my-check-worthy": Task(
        lambda mine: mine.query("label == 'check-worthy'"),
        "Keep only the rows of your table whose label is 'check-worthy'.",
    ),
}


@dataclass
class LineCheck:
    """The outcome of `check_line`: right, not yet, or nothing written yet."""

    state: str  # "right", "wrong" or "empty"
    message: str

    @property
    def right(self) -> bool:
        return self.state == "right"

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour = {"right": "#1b7a3a", "wrong": "#b3261e", "empty": "#555"}[self.state]
        mark = {"right": "\u2714 ", "wrong": "\u2718 ", "empty": ""}[self.state]
        return str(
            Markup('<div class="reader-your-turn" style="color:{}"><b>{}{}</b></div>').format(
                colour, mark, self.message
            )
        )


def check_line(task: str, answer: object, **given: object) -> LineCheck:
    """Compare what a student's line gave with the kit's answer, computed from ``given``.

    ``...`` (the placeholder of a *your turn* cell) asks for the line; it never raises.

    >>> import reader
    >>> from reader.actors import find_actors
    >>> actors = find_actors(reader.load_document(reader.SAMPLE_PAGE))
    >>> check_line("00-people", ..., actors=actors).state
    'empty'
    >>> table = actors.actors_df()
    >>> check_line("00-people", len(table[table["type"] == "person"]), actors=actors).state
    'right'
    >>> print(check_line("00-people", 2, actors=actors))
    Not yet: 2 is not what the kit finds. Copy the line that counts the states and change 'state' to 'person'.
    """
    if task not in TASKS:
        raise KeyError(f"no task {task!r}; there are {sorted(TASKS)}")
    if answer is ... or answer is None:
        return LineCheck(
            "empty", "Your turn: replace the ... with your line of code, then run the cell again."
        )
    expected = TASKS[task].solve(**given)
    if same_answer(answer, expected):
        return LineCheck("right", "Right! That is what the kit finds too.")
    shown = _short(answer)
    return LineCheck("wrong", f"Not yet: {shown} is not what the kit finds. {TASKS[task].hint}")


def same_answer(answer: object, expected: object) -> bool:
    """Whether a student's value is the kit's: numbers equal, names alike, the same rows.

    >>> import pandas as pd
    >>> same_answer(pd.Series([45]), 45), same_answer(" the kremlin ", "Kremlin")
    (True, True)
    >>> frame = pd.DataFrame({"name": ["a", "b", "c"]})
    >>> same_answer(frame[frame.name != "c"], frame.head(2)), same_answer(frame, frame.head(2))
    (True, False)
    """
    import pandas as pd

    from reader.exercises import normalise

    if isinstance(expected, pd.DataFrame):
        return isinstance(answer, pd.DataFrame) and set(answer.index) == set(expected.index)
    if hasattr(expected, "frame"):  # a display Table: the same cells, in any column order
        return hasattr(answer, "frame") and _same_cells(answer.frame, expected.frame)
    if isinstance(expected, list) and expected and hasattr(expected[0], "start"):
        return _same_spans(answer, expected)
    if isinstance(answer, (pd.Series, pd.DataFrame, list, tuple)) and len(answer) == 1:
        answer = answer.squeeze() if hasattr(answer, "squeeze") else answer[0]
    if isinstance(expected, Number) and not isinstance(expected, bool):
        return (
            isinstance(answer, Number) and not isinstance(answer, bool) and bool(answer == expected)
        )
    if isinstance(expected, str):
        return isinstance(answer, str) and normalise(answer) == normalise(expected)
    return bool(answer == expected)


def _same_spans(answer: object, expected: list) -> bool:
    # found things (quotes, claims) are the same when they cover the same words
    if not isinstance(answer, (list, tuple)):
        return False
    spans = {(getattr(a, "start", None), getattr(a, "end", None)) for a in answer}
    return spans == {(e.start, e.end) for e in expected}


def _same_cells(one, other) -> bool:
    if set(one.columns) != set(other.columns):
        return False
    columns = sorted(one.columns)
    one = one[columns].sort_values(columns).reset_index(drop=True)
    other = other[columns].sort_values(columns).reset_index(drop=True)
    return one.equals(other)


def _short(value: object) -> str:
    if hasattr(value, "frame"):
        value = value.frame
    if hasattr(value, "shape"):
        return f"a table of {value.shape[0]} rows"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = [
    "LineCheck",
    "check_line",
    "NameBox",
    "StudentNameError",
    "annotations_file",
    "ask_name",
    "kit_folder",
    "remember_name",
    "safe_name",
    "saving_note",
    "student_name",
]
