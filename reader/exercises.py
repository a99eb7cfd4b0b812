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
``"passage"`` is a claim, and an answer may give the whole ``sentence`` of the page its
claim is in: a claim counts when it is a stretch of the key's words at least
``min_chars`` long, or holds 60% of their content words and is at most 1.5 times as
long as the sentence; quotation marks, case and how an amount is written do not
matter, a single word or a pasted paragraph does not count (`passage_matches`).
Hints may write code in Markdown backticks; the widget shows it as code, ``str()``
of a result without the backticks.  ``labels`` (optional) names
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
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "answer_keys"
KEY_SUFFIX = ".answers.json"

# Curly quotes, guillemets, primes and dashes a student may type (or paste) for the
# plain ones.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",  # ‘ ’ ‚ ‹ › ʼ ′ `
        "\u2019": "'",
        "\u201a": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',  # “ ” „ « »
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
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
    >>> normalise("public_opinion"), normalise("«Maliki»")
    ('public opinion', 'maliki')
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_PLAIN).casefold()
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?\"'()[]")
    return re.sub(r"^the ", "", text)


# -- passages: a claim's words, however the student typed them -------------------------

# Words that carry no claim of their own; a passage's other words are its content words.
# ("us" is not here: on a news page it is mostly the US; "not" and "no" change a claim.)
STOPWORDS = frozenset(
    """a an the and or but nor so yet of in on at to into onto from by for with about as
    than that this these those there here it its he him his she her they them their we our
    you your i me my be is are was were been being am do does did has have had having will
    would shall should can could may might must also which who whom whose what when where
    while if then very just only even more most such other some any all each both""".split()
)
OVERLAP = 0.6  # the share of a key passage's content words a claim must hold
LONGEST = 1.5  # a claim may have at most this many times its key sentence's content words

_TOKEN = re.compile(r"[$€£%]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+")
_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_CURRENCIES = {
    "$": "usd",
    "usd": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "€": "eur",
    "eur": "eur",
    "euro": "eur",
    "euros": "eur",
    "£": "gbp",
    "gbp": "gbp",
}


def passage_words(text: object) -> list[str]:
    """The words of a passage as claims are compared: quotation marks, case, spacing and
    punctuation left out, amounts written one way.

    A student copies a claim from the page, retypes it without the quotation marks,
    or writes the amount as they would say it; the words are the same claim.  The
    normaliser is small on purpose: a possessive ``'s`` is dropped; number words
    become digits ("one" -> ``1``, "four point two" -> ``4.2``); an amount with a scale
    word (hundred, thousand, million/mn/mln, billion/bn, trillion/tn) becomes its value;
    a currency ($, USD, dollar(s), US$, €, euro(s), £, GBP) becomes one code placed
    after the amount; "%", "per cent" and "percent" become ``percent``.

    >>> passage_words("Iraq and Russia signed a $4.2 billion arms contract")
    ['iraq', 'and', 'russia', 'signed', 'a', '4200000000', 'usd', 'arms', 'contract']
    >>> amounts = ["$4.2 billion", "4.2 billion dollars", "4.2 billion dollar",
    ...            "USD 4.2 billion", "US$4.2bn", "four point two billion dollars"]
    >>> {" ".join(passage_words(a)) for a in amounts}
    {'4200000000 usd'}
    >>> passage_words("two thousand and thirteen, 25 per cent")
    ['2013', '25', 'percent']
    >>> passage_words("a «large batch» of “advanced” T-90 tanks, Russia’s 'aim'")
    ['a', 'large', 'batch', 'of', 'advanced', 't', '90', 'tanks', 'russia', 'aim']
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_PLAIN).casefold()
    text = re.sub(r"'s\b", "", text).replace("'", "").replace('"', "")
    return _amounts(_TOKEN.findall(text))


def _amounts(tokens: list[str]) -> list[str]:
    """Tokens with numbers as digits, currencies as codes after their amount."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, after = _number_at(tokens, i)
        token = tokens[i]
        if value is not None:
            out.append(format(value.normalize(), "f"))
            i = after
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token == "us" and following in ("$", "dollar", "dollars"):
            pass  # "US$", "US dollars": the currency follows
        elif token == "per" and following == "cent":
            out.append("percent")
            i += 1
        elif token in _CURRENCIES:
            out.append(_CURRENCIES[token])
        else:
            out.append("percent" if token == "%" else token)
        i += 1
    for j in range(len(out) - 1):  # "usd 4200000000" -> "4200000000 usd"
        if out[j] in _CURRENCIES.values() and out[j + 1][0].isdigit():
            out[j], out[j + 1] = out[j + 1], out[j]
    return out


def _number_at(tokens: list[str], i: int) -> tuple[Decimal | None, int]:
    """The number that starts at ``tokens[i]`` (digits or words, with a scale word) and
    the index after it; (None, i) when there is none."""
    if tokens[i][0].isdigit():
        value, j = Decimal(tokens[i].replace(",", "")), i + 1
    elif tokens[i] in _UNITS or tokens[i] in _TENS:
        value, j = _number_words(tokens, i)
    else:
        return None, i
    while j < len(tokens) and tokens[j] in _SCALES:
        value, j = value * _SCALES[tokens[j]], j + 1
    return value, j


def _number_words(tokens: list[str], i: int) -> tuple[Decimal, int]:
    """A number written in words ("twenty-five", "two thousand and thirteen",
    "four point two billion") and the index after it."""
    total, current, j = Decimal(0), Decimal(0), i
    while j < len(tokens):
        word = tokens[j]
        following = tokens[j + 1] if j + 1 < len(tokens) else ""
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total, current = total + (current or 1) * _SCALES[word], Decimal(0)
        elif word == "and" and (following in _UNITS or following in _TENS):
            pass
        elif word == "point" and _UNITS.get(following, 10) < 10:
            digits = ""
            while j + 1 < len(tokens) and _UNITS.get(tokens[j + 1], 10) < 10:
                digits, j = digits + str(_UNITS[tokens[j + 1]]), j + 1
            current += Decimal("0." + digits)
        else:
            break
        j += 1
    return total + current, j


def content_words(words: list[str]) -> list[str]:
    """The words of a passage that carry its claim: all but `STOPWORDS`.

    >>> content_words(passage_words("The deal was resumed in 2013"))
    ['deal', 'resumed', '2013']
    """
    return [word for word in words if word not in STOPWORDS]


def passage_matches(
    given: object, passage: object, min_chars: int = 15, sentence: str = ""
) -> bool:
    """Whether a claim a student typed or marked is the key's passage.

    ``passage`` is the key's words for the claim; ``sentence`` the whole sentence of
    the page it is in (when the key gives it).  Both are read as `passage_words`.
    The claim must be at least ``min_chars`` long (or as long as the passage, if that
    is shorter), and then either

    - *a piece* of the passage: its words are a stretch of the passage's (a claim
      marked a little short), or
    - *an overlap*: it holds at least ``OVERLAP`` (60%) of the passage's content words
      and has at most ``LONGEST`` (1.5) times as many content words as the sentence
      (or the passage): the sentence copied whole, retyped without quotation marks,
      with the amount written another way, or with a few words of one's own.

    A single word, another sentence of the same paragraph, or three sentences pasted
    round the claim do not count.  (On the sample page, three sentences pasted round a
    key sentence have 1.96 to 8 times its content words; 2 would let one through.)

    >>> key = "In 2012, when Maliki was prime minister, Iraq and Russia signed a $4.2 billion arms contract"
    >>> passage_matches("Iraq and Russia signed a 4.2 billion dollar arms contract", key)
    True
    >>> passage_matches("signed a $4.2 billion arms", key), passage_matches("Iraq", key)
    (True, False)
    >>> passage_matches("The deal was resumed in 2013 but other obstacles may face it", key)
    False
    """
    said, words = passage_words(given), passage_words(passage)
    said_text, passage_text = " ".join(said), " ".join(words)
    if not said or len(said_text) < min(min_chars, len(passage_text)):
        return False
    if said_text in passage_text:
        return True
    key, claim = content_words(words), content_words(said)
    if not key:
        return False
    longest = LONGEST * max(len(key), len(content_words(passage_words(sentence))))
    return len(set(key) & set(claim)) >= OVERLAP * len(set(key)) and len(claim) <= longest


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
            for name in ("hint", "sentence"):
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
        return "\n".join(plain_hint(line) for line in [self.message, *self.hints])


CODE_SPAN = re.compile(r"`([^`\n]+)`")  # code in a key's hint, Markdown style: `actors_df()`


def plain_hint(text: str) -> str:
    """A hint as plain text: the key writes code in Markdown backticks, which a
    student should not see raw (the widget shows them as code instead).

    >>> plain_hint("The actors table (`actors_df()`) has a type column.")
    'The actors table (actors_df()) has a type column.'
    """
    return CODE_SPAN.sub(r"\1", text)


def field_matches(
    question: Question, name: str, given: str, variants: list[str], sentence: str = ""
) -> bool:
    """Whether one field of a student's answer matches one of the key's variants.

    A ``"passage"`` field is compared with `passage_matches` (``sentence`` is the
    page's whole sentence the key answer is in, if the key gives it); any other field
    must be one of the variants, as `normalise` reads them.

    >>> q = Question("q", "", [{"text": ["Iraq and Russia signed a $4.2 billion arms contract"]}],
    ...              ["text"], match={"text": "passage"})
    >>> field_matches(q, "text", "signed a $4.2 billion arms", q.answers[0]["text"])
    True
    >>> field_matches(q, "text", "Iraq", q.answers[0]["text"])
    False
    """
    if question.match.get(name) == "passage":
        return any(passage_matches(given, v, question.min_chars, sentence) for v in variants)
    said = normalise(given)
    return bool(said) and any(said == normalise(v) for v in variants)


def _matches(question: Question, record: dict[str, str], answer: dict[str, list[str]]) -> bool:
    sentence = answer.get("sentence", [""])[0]
    return all(
        field_matches(question, name, record.get(name, ""), answer[name], sentence)
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


def _quoted(record: dict[str, str], longest: int = 80) -> str:
    """An answer quoted in a hint, cut short when it is long (a pasted paragraph)."""
    text = re.sub(r"\s+", " ", _describe(record)).strip()
    return f"“{text if len(text) <= longest else text[: longest - 1].rstrip() + '…'}”"


def _too_short(question: Question, record: dict[str, str]) -> bool:
    """Whether a claim is shorter than ``min_chars`` (a number or a name alone): a rule
    the student can read, so saying so tells nothing about the key."""
    return any(
        len(" ".join(passage_words(record.get(name, "")))) < question.min_chars
        for name in question.fields
        if question.match.get(name) == "passage"
    )


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
            hints.append(f"{_quoted(record)}: {specific}")
        elif _too_short(question, record):
            hints.append(
                f"{_quoted(record)} is too short for a claim: give the words that say "
                "who did what, not a name or a number alone."
            )
        elif right == 0:
            hints.append(f"{_quoted(record)} is not what the key expects here.")
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
