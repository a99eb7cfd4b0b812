"""SelfCheck: a question, a box for the answer, a Check button, and feedback.

The widget only presents: the comparison with the teacher's key is
`reader.exercises.check_answer`, which checks no more answers than the question asks
for and does not say which of several answers are the right ones.  Enter in a
one-line box checks as the button does (a box for several answers keeps Enter for a
new line); typing a new answer clears the old feedback, so a verdict never stands
beside an answer it was not given for.  Its state is plain Python
(``answer.value``, ``result``, ``feedback.value``), so a test types an answer and
presses the button without a browser:

>>> w = SelfCheck("actors", "maliki_alias")
>>> w.answer.value = "maliki"
>>> w.check_button.click()
>>> w.result.accepted
True
>>> w.answer.value = "Putin"
>>> w.check().accepted, "Putin" in w.feedback.value
(False, True)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup, escape

from reader.exercises import (
    CODE_SPAN,
    AnswerKey,
    CheckResult,
    Question,
    check_answer,
    load_answer_key,
)

RIGHT_COLOUR = "#1b7a3a"
WRONG_COLOUR = "#b3261e"


def hint_html(text: str) -> Markup:
    """A hint or prompt as escaped HTML, with the code the key writes in Markdown
    backticks shown as code rather than as backticks.

    >>> str(hint_html("Use `actors_df()` & <b>not</b> this"))
    'Use <code>actors_df()</code> &amp; &lt;b&gt;not&lt;/b&gt; this'
    """
    pieces, cursor = [], 0
    for match in CODE_SPAN.finditer(text):
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(Markup("<code>{}</code>").format(match.group(1)))
        cursor = match.end()
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def format_feedback(result: CheckResult) -> Markup:
    """The feedback as escaped HTML: a coloured verdict, then the hints as a list.

    >>> "&lt;b&gt;x" in format_feedback(CheckResult(False, "Not yet.", ["<b>x</b> is wrong"]))
    True
    """
    colour = RIGHT_COLOUR if result.accepted else WRONG_COLOUR
    mark = "\u2714" if result.accepted else "\u2718"
    hints = Markup("").join(Markup("<li>{}</li>").format(hint_html(h)) for h in result.hints)
    return Markup(
        '<div class="reader-selfcheck-feedback" data-accepted="{}">'
        '<strong style="color:{}">{} {}</strong>{}</div>'
    ).format(
        str(result.accepted).lower(),
        colour,
        mark,
        result.message,
        Markup("<ul>{}</ul>").format(hints) if result.hints else "",
    )


class SelfCheck(widgets.VBox):
    """One self-checking question of an exercise, for a notebook.

    ``source`` is an optional function that returns the answer when the box is
    empty, e.g. ``lambda: annotator.spans`` to check claims marked in a
    `ClaimAnnotator` (records with ``exact``/``text`` and ``claimant``).
    """

    def __init__(
        self,
        exercise: str,
        question: str,
        *,
        page: str | Path | None = None,
        key: AnswerKey | None = None,
        source: Callable[[], object] | None = None,
    ) -> None:
        key = key or load_answer_key(page)
        self.question: Question = key.exercise(exercise).question(question)
        self.source = source
        self.result: CheckResult | None = None
        self.attempts = 0
        q = self.question
        placeholder = q.example or ("one answer a line" if q.many else "your answer")
        if q.many:  # the check takes no more answers than this: say so before it does
            placeholder += f"  ({q.required} answers)"
        one_line = not (q.many or len(q.fields) > 1)
        if one_line:
            placeholder += "  (Enter checks it)"
        box = widgets.Text if one_line else widgets.Textarea
        self.answer = box(
            placeholder=placeholder, layout=widgets.Layout(width="100%", min_height="2.2em")
        )
        self.prompt = widgets.HTML(str(Markup("<p><b>{}</b></p>").format(hint_html(q.prompt))))
        self.check_button = widgets.Button(
            description="Check", button_style="primary", icon="check"
        )
        self.feedback = widgets.HTML("")
        self.check_button.on_click(self._on_check)
        self.answer.observe(self._on_typing, names="value")
        if one_line:  # the browser sends {"event": "submit"} when Enter is pressed
            self.answer.on_msg(self._on_message)
        super().__init__([self.prompt, self.answer, self.check_button, self.feedback])
        self.add_class("reader-selfcheck")

    def current_answer(self) -> object:
        """What is checked: the typed answer, or what ``source`` gives when the box is empty."""
        typed = self.answer.value
        if not typed.strip() and self.source is not None:
            return self.source()
        return typed

    def check(self) -> CheckResult:
        """Compare the current answer with the key and show the feedback (the old
        feedback goes first, so a new verdict is seen to be new)."""
        self.clear_feedback()
        self.attempts += 1
        self.result = check_answer(self.question, self.current_answer())
        self.feedback.value = str(format_feedback(self.result))
        return self.result

    def clear_feedback(self) -> None:
        """Take the last verdict away (the answer it was for has changed)."""
        self.result = None
        self.feedback.value = ""

    def _on_check(self, _button: widgets.Button | None = None) -> None:
        self.check()

    def _on_typing(self, _change: dict[str, Any]) -> None:
        self.clear_feedback()

    def _on_message(self, _widget: widgets.Widget, content: Any, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self.check()


def exercise_checks(
    exercise: str, *, page: str | Path | None = None, key: AnswerKey | None = None
) -> widgets.VBox:
    """Every question of an exercise as a `SelfCheck`, one under the other.

    >>> len(exercise_checks("quotes").children)
    3
    """
    key = key or load_answer_key(page)
    found = key.exercise(exercise)
    title = widgets.HTML(str(Markup("<h3>{}</h3>").format(escape(found.title))))
    checks = [SelfCheck(exercise, q.id, key=key) for q in found.questions]
    return widgets.VBox([title, *checks])
