"""Exercises that check themselves: compare a student's answer with a teacher's key.

The answer key is a JSON file the teacher can swap (``reader/data/answer_keys/NAME.json``
ships with the kit; a ``texts/NAME.answers.json`` beside a page takes precedence).
A check returns accepted or rejected with a *hint*: how many right answers are still
missing, the teacher's hint for a known mistake, never the key's answers.  It answers
only the question asked, so it cannot sort a pasted page into right and wrong: it
checks at most as many answers as the question needs ("Too many: choose 3"), and when
some answers are right and some are not it does not say which (nor which half of a
pair is right).

A key holds questions.  Each question has ``fields`` (default ``["answer"]``), a list
of ``answers`` (each gives, per field, the accepted variants: ``"Maliki"`` and
``"Nuri al-Maliki"`` both count), how many answers are ``required``, known
``mistakes`` with their own hint, and a general ``hint``.  A field whose ``match`` is
``"passage"`` accepts any stretch of at least ``min_chars`` characters of the passage
(a claim marked a little shorter or longer still counts).  ``labels`` (optional) names
the claim labels an answer marked in the annotator must carry: a student's marks
labelled opinion are not answers to "mark three check-worthy claims".

>>> q = Question.from_json({"id": "q", "prompt": "Who?", "answers": [
...     {"answer": ["Nuri al-Maliki", "Maliki"]}], "hint": "Read the first paragraph."})
>>> check_answer(q, "maliki").accepted
True
>>> result = check_answer(q, "Putin")
>>> result.accepted, "Maliki" in result.message
(False, False)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "answer_keys"
KEY_SUFFIX = ".answers.json"

# Curly quotes, primes and dashes a student may type (or paste) for the plain ones.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "_": " ",
    }
)


class AnswerKeyError(ValueError):
    """An answer key that cannot be read; the message is one line naming the file."""


def normalise(text: object) -> str:
    """The form answers are compared in: case, quotes, dashes and spacing ignored.

    Students type straight apostrophes where the page has curly ones, and add
    "the" or a full stop; none of that should make a right answer wrong.

    >>> normalise("  Tom O’Connor. ")
    "tom o'connor"
    >>> normalise("The Kremlin") == normalise("kremlin")
    True
    >>> normalise("public_opinion")
    'public opinion'
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_PLAIN).casefold()
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?\"'()[]")
    return re.sub(r"^the ", "", text)


@dataclass
class Question:
    """One question of an exercise, as the answer key gives it."""

    id: str
    prompt: str
    answers: list[dict[str, list[str]]]
    fields: list[str] = field(default_factory=lambda: ["answer"])
    required: int = 1
    hint: str = ""
    mistakes: list[dict] = field(default_factory=list)
    match: dict[str, str] = field(default_factory=dict)  # field -> "exact" | "passage"
    min_chars: int = 15
    example: str = ""  # how to type an answer (shown to the student)
    labels: list[str] = field(default_factory=list)  # marks with other labels are left out

    @classmethod
    def from_json(cls, data: Mapping) -> Question:
        """Read a question from the key's JSON; raises ValueError naming what is wrong."""
        if not isinstance(data, Mapping) or not data.get("id"):
            raise ValueError("a question has no id")
        fields = list(data.get("fields") or ["answer"])
        answers = []
        for item in data.get("answers") or []:
            answers.append({f: _variants(item.get(f, [])) for f in fields if f in item})
            for name in ("hint",):
                if item.get(name):
                    answers[-1][name] = [str(item[name])]
        if not answers:
            raise ValueError(f"question {data['id']}: no answers")
        required = int(data.get("required", len(answers) if len(answers) == 1 else 1))
        if not 1 <= required <= len(answers):
            raise ValueError(f"question {data['id']}: required must be 1..{len(answers)}")
        return cls(
            id=str(data["id"]),
            prompt=str(data.get("prompt", "")),
            answers=answers,
            fields=fields,
            required=required,
            hint=str(data.get("hint", "")),
            mistakes=[dict(m) for m in data.get("mistakes") or []],
            match=dict(data.get("match") or {}),
            min_chars=int(data.get("min_chars", 15)),
            example=str(data.get("example", "")),
            labels=[str(label) for label in data.get("labels") or []],
        )

    @property
    def many(self) -> bool:
        """Whether the student gives several answers (a list) rather than one."""
        return self.required > 1 or (len(self.fields) > 1 and len(self.answers) > 1)


def _variants(value: object) -> list[str]:
    return [str(value)] if isinstance(value, str) else [str(v) for v in value or []]


@dataclass
class Exercise:
    """The questions of one exercise on one page."""

    id: str
    title: str
    questions: list[Question]

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError lists the ids there are."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"no question {question_id!r}; there are {[q.id for q in self.questions]}")


@dataclass
class AnswerKey:
    """A teacher's answer key for one page: exercises by id."""

    document: str
    exercises: dict[str, Exercise]
    path: Path | None = None

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id; KeyError lists the ids there are."""
        if exercise_id not in self.exercises:
            raise KeyError(f"no exercise {exercise_id!r}; there are {sorted(self.exercises)}")
        return self.exercises[exercise_id]


def key_path(page: str | Path) -> Path:
    """Where the key for a page is: ``texts/NAME.answers.json`` if the teacher put one
    there, else the kit's own ``reader/data/answer_keys/NAME.json``."""
    page = Path(page)
    stem = page.name.removesuffix(KEY_SUFFIX).removesuffix(".txt").removesuffix(".json")
    beside = page.with_name(stem + KEY_SUFFIX)
    return beside if beside.exists() else DATA / f"{stem}.json"


def load_answer_key(source: str | Path | None = None) -> AnswerKey:
    """Read an answer key: a key file, or the key for a page (default: the sample page)."""
    if source is None:
        from reader import SAMPLE_PAGE

        source = SAMPLE_PAGE
    path = Path(source)
    if not (path.suffix == ".json" and path.exists()):
        path = key_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnswerKeyError(f"{path}: no answer key; ask your teacher for it") from None
    except (OSError, ValueError) as error:
        raise AnswerKeyError(f"{path}: cannot read the answer key ({error})") from None
    try:
        exercises = {}
        for ident, ex in (data.get("exercises") or {}).items():
            questions = [Question.from_json(q) for q in ex.get("questions") or []]
            exercises[ident] = Exercise(ident, str(ex.get("title", ident)), questions)
    except (AttributeError, TypeError, ValueError) as error:
        raise AnswerKeyError(f"{path}: {error}") from None
    return AnswerKey(str(data.get("document", path.stem)), exercises, path)


# -- reading what a student typed ----------------------------------------------------


def parse_answer(question: Question, answer: object) -> list[dict[str, str]]:
    """A student's answer as a list of records ``{field: text}``.

    Accepts a string (one answer, or one per line / comma-separated when the
    question wants several; fields on a line split by ``|``), a list of strings,
    dicts or tuples, a mapping ``{first field: second field}``, or objects with the
    fields as attributes (a `Quote`, an `Annotation` with ``exact`` and ``claimant``).

    >>> q = Question("q", "", [{"speaker": ["a"], "outlet": ["b"]}], ["speaker", "outlet"])
    >>> parse_answer(q, "Tom O'Connor | Newsweek")
    [{'speaker': "Tom O'Connor", 'outlet': 'Newsweek'}]
    >>> parse_answer(q, {"Amir Taheri": "Asharq Al-Awsat"})
    [{'speaker': 'Amir Taheri', 'outlet': 'Asharq Al-Awsat'}]
    """
    fields = question.fields
    if answer is None:
        return []
    if isinstance(answer, str):
        lines = [line for line in re.split(r"[\n;]", answer) if line.strip()]
        if len(fields) == 1 and question.many:
            lines = [part for line in lines for part in line.split(",")]
        items: list = [line for line in lines if line.strip()]
    elif isinstance(answer, Mapping) and not set(answer) & set(fields):
        items = [(k, v) for k, v in answer.items()]
    elif isinstance(answer, Mapping):
        items = [answer]
    else:
        items = list(answer) if isinstance(answer, Iterable) else [answer]
    return [r for r in (_record(fields, item) for item in items) if any(r.values())]


def _record(fields: list[str], item: object) -> dict[str, str]:
    if isinstance(item, str):
        parts = [p.strip() for p in re.split(r"\s*[|\t]\s*", item)] if len(fields) > 1 else [item]
    elif isinstance(item, Mapping):
        parts = [item.get(f, "") for f in fields]
    elif isinstance(item, (tuple, list)):
        parts = list(item)
    else:  # an object: a Quote (speaker, outlet), an Annotation (exact, claim.claimant)
        parts = [_attribute(item, f) for f in fields]
    parts = [("" if p is None else str(p)).strip() for p in parts]
    return dict(zip(fields, parts + [""] * (len(fields) - len(parts))))


def _attribute(item: object, name: str) -> object:
    aliases = {"text": ("text", "exact"), "claimant": ("claimant", "speaker")}
    for attr in aliases.get(name, (name,)):
        for holder in (item, getattr(item, "claim", None)):
            value = getattr(holder, attr, None)
            if value is not None:
                return value
    return ""


# -- comparing -----------------------------------------------------------------------


@dataclass
class CheckResult:
    """The outcome of a check: accepted or not, what to tell the student, the counts."""

    accepted: bool
    message: str
    hints: list[str] = field(default_factory=list)
    right: int = 0
    needed: int = 1
    wrong: list[str] = field(default_factory=list)  # the answers the hints name as wrong

    def __str__(self) -> str:
        return "\n".join([self.message, *self.hints])


def field_matches(question: Question, name: str, given: str, variants: list[str]) -> bool:
    """Whether one field of a student's answer matches one of the key's variants.

    >>> q = Question("q", "", [{"text": ["Iraq and Russia signed a $4.2 billion arms contract"]}],
    ...              ["text"], match={"text": "passage"})
    >>> field_matches(q, "text", "signed a $4.2 billion arms", q.answers[0]["text"])
    True
    >>> field_matches(q, "text", "Iraq", q.answers[0]["text"])
    False
    """
    said = normalise(given)
    if not said:
        return False
    if question.match.get(name) != "passage":
        return any(said == normalise(v) for v in variants)
    for variant in map(normalise, variants):
        inside = said in variant and len(said) >= min(question.min_chars, len(variant))
        if inside or (variant in said and len(said) <= 2 * len(variant) + 40):
            return True
    return False


def _matches(question: Question, record: dict[str, str], answer: dict[str, list[str]]) -> bool:
    return all(
        field_matches(question, name, record.get(name, ""), answer[name])
        for name in question.fields
        if name in answer
    )


def _mistake_hint(question: Question, record: dict[str, str]) -> str | None:
    for mistake in question.mistakes:
        pattern = {k: _variants(v) for k, v in mistake.items() if k in question.fields}
        if pattern and _matches(question, record, pattern):
            return str(mistake.get("hint", ""))
    return None


def _describe(record: dict[str, str]) -> str:
    return " | ".join(v for v in record.values() if v)


def _label_of(item: object) -> object:
    if isinstance(item, Mapping):
        return item.get("label")
    return getattr(getattr(item, "claim", None), "label", None) or getattr(item, "label", None)


def marks_with_asked_labels(question: Question, answer: object) -> tuple[object, int]:
    """The answer without the marks whose label the question does not ask for, and how
    many were left out.  Typed text carries no label and is kept as it is.

    >>> q = Question("q", "", [{"text": ["x"]}], ["text"], labels=["check-worthy"])
    >>> marks_with_asked_labels(q, [{"text": "a", "label": "opinion"}, {"text": "b"}])
    ([{'text': 'b'}], 1)
    """
    if not question.labels or isinstance(answer, (str, Mapping)):
        return answer, 0
    if not isinstance(answer, Iterable):
        return answer, 0
    items = list(answer)
    kept = [item for item in items if _label_of(item) in (None, "", *question.labels)]
    return kept, len(items) - len(kept)


def distinct_answers(question: Question, records: list[dict[str, str]]) -> list[dict[str, str]]:
    """The records without repeats: the same answer typed twice is one answer.

    >>> q = Question("q", "", [{"answer": ["x"]}])
    >>> distinct_answers(q, [{"answer": "Maliki"}, {"answer": " maliki."}])
    [{'answer': 'Maliki'}]
    """
    seen: set[tuple[str, ...]] = set()
    kept = []
    for record in records:
        key = tuple(normalise(record.get(name, "")) for name in question.fields)
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


def _all_fields(question: Question) -> str:
    names = [f"the {name}" for name in question.fields]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def check_answer(question: Question, answer: object) -> CheckResult:
    """Compare a student's answer with the key: accepted, or rejected with hints.

    At most ``required`` different answers are checked, and all of them must be
    right (different key answers: two names of one person count once); more is
    "Too many: choose N", with nothing compared.  A rejected answer is told how many
    of the needed answers it has, the teacher's hint for each known mistake, and the
    question's hint; which of its other answers are right, or which half of a pair,
    it is not told (that would hand out the key one answer at a time), except that
    when none is right each is named as not expected.
    """
    answer, left_out = marks_with_asked_labels(question, answer)
    records = distinct_answers(question, parse_answer(question, answer))
    needed = question.required
    if not records:
        hints = _some(question.example and f"Type your answer like this: {question.example}")
        if left_out:
            hints.append(_left_out_note(question, left_out))
        return CheckResult(False, "Nothing to check yet: type an answer first.", hints, 0, needed)
    if len(records) > needed:
        return _too_many(len(records), needed)
    found: set[int] = set()
    unmatched = []
    for record in records:
        hit = next(
            (
                i
                for i, a in enumerate(question.answers)
                if i not in found and _matches(question, record, a)
            ),
            None,
        )
        if hit is None:
            unmatched.append(record)
        else:
            found.add(hit)
    right = len(found)
    if right >= needed:
        return CheckResult(True, _well_done(right, needed), [], right, needed)
    hints, wrong = _rejection_hints(question, unmatched, right)
    if left_out:
        hints.append(_left_out_note(question, left_out))
    if question.hint:
        hints.append(question.hint)
    return CheckResult(False, "Not yet.", hints, right, needed, wrong)


def _too_many(given: int, needed: int) -> CheckResult:
    keep = f"Keep the {needed} you are surest of and check again." if needed > 1 else ""
    asks = needed if needed > 1 else "one"
    return CheckResult(
        False,
        f"Too many: choose {needed}.",
        [f"You gave {given} answers; the question asks for {asks}. {keep}".strip()],
        0,
        needed,
    )


def _rejection_hints(
    question: Question, unmatched: list[dict[str, str]], right: int
) -> tuple[list[str], list[str]]:
    """The hints for answers that do not count, and the answers they name.

    An answer is named only with the teacher's hint for a known mistake, or when no
    answer is right (then naming each tells nothing the count does not).
    """
    hints, wrong, unexplained = [], [], 0
    for record in unmatched:
        specific = _mistake_hint(question, record)
        if specific:
            hints.append(f"“{_describe(record)}”: {specific}")
        elif right == 0:
            hints.append(f"“{_describe(record)}” is not what the key expects here.")
        else:
            unexplained += 1
            continue
        wrong.append(_describe(record))
    needed = question.required
    if needed > 1:
        hints.append(f"You have {right} of the {needed} needed; find {needed - right} more.")
    if unexplained:
        hints.append(
            f"{unexplained} of your {'other ' if wrong else ''}answers "
            f"{'does' if unexplained == 1 else 'do'} not count: check each one against the "
            "page (two forms of one answer count once)."
        )
    if len(question.fields) > 1 and unmatched:
        hints.append(f"A line counts only when {_all_fields(question)} are right together.")
    return hints, wrong


def _left_out_note(question: Question, left_out: int) -> str:
    marks = "mark was" if left_out == 1 else "marks were"
    return f"({left_out} {marks} left out: only {' or '.join(question.labels)} marks count here.)"


def _some(text: str) -> list[str]:
    return [text] if text else []


def _well_done(right: int, needed: int) -> str:
    return "Right!" if needed == 1 else f"Right! {right} correct answers."


def check_exercise(exercise: Exercise, answers: Mapping[str, object]) -> dict[str, CheckResult]:
    """Check every question of an exercise; ``answers`` maps question id to answer."""
    return {q.id: check_answer(q, answers.get(q.id)) for q in exercise.questions}


def check(
    exercise_id: str, question_id: str, answer: object, page: str | Path | None = None
) -> CheckResult:
    """Check one answer against the key for a page (default: the sample page).

    >>> check("actors", "maliki_alias", "Maliki").accepted
    True
    """
    question = load_answer_key(page).exercise(exercise_id).question(question_id)
    return check_answer(question, answer)
