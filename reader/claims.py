"""The claim scheme a teacher can edit, who makes a claim, and which sentences to check first.

The scheme lives in ``reader/data/claim_scheme.json`` (or any file of the same
shape): labels (factual and check-worthy, factual, opinion, prediction,
attribution), each with a keyboard shortcut and a colour, and the verdicts
(unverified, supported, disputed, false).

`default_claimant` gives the speaker when a span lies inside a quotation
(`reader.quotes.find_quotes`), so a student who marks words in quotation marks
does not have to type who said them.

`suggest_claims` ranks sentences that are likely worth checking, each with the
reasons: numbers, money, dates, comparisons, causal claims and predictions.

>>> from reader.document import Document
>>> doc = Document.from_text("Iraq would buy T-90 tanks worth more than $1 billion. It rained.")
>>> best = suggest_claims(doc)[0]
>>> best.text
'Iraq would buy T-90 tanks worth more than $1 billion.'
>>> best.reasons
['number', 'money', 'comparison', 'prediction']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reader import safejson
from reader.colours import parse_colour
from reader.document import Document
from reader.quotes import find_quotes
from reader.text import sentence_spans

SCHEME_PATH = Path(__file__).resolve().parent / "data" / "claim_scheme.json"


@dataclass(frozen=True)
class ClaimLabel:
    """One kind of claim in the scheme, with its keyboard shortcut and colour."""

    key: str
    name: str
    shortcut: str
    factual: bool = True
    check_worthy: bool = False
    colour: str = "#999999"
    description: str = ""

    def __post_init__(self) -> None:
        # The colour goes into style attributes: only a checked colour is kept.
        try:
            object.__setattr__(self, "colour", parse_colour(self.colour))
        except ValueError as error:
            raise ValueError(f"label {self.key!r}: {error}") from None


@dataclass(frozen=True)
class ClaimScheme:
    """The labels, verdicts and stances annotators choose from."""

    name: str
    labels: tuple[ClaimLabel, ...]
    verdicts: tuple[str, ...] = ("unverified", "supported", "disputed", "false")
    stances: tuple[str, ...] = ("", "for", "against", "neutral")

    def label(self, key: str) -> ClaimLabel:
        """The label with this key (KeyError naming the known keys otherwise)."""
        for label in self.labels:
            if label.key == key:
                return label
        raise KeyError(f"unknown label {key!r}; the scheme has {[lab.key for lab in self.labels]}")

    def by_shortcut(self, key: str) -> ClaimLabel | None:
        """The label a keyboard key picks, if any.

        >>> load_claim_scheme().by_shortcut("3").key
        'opinion'
        """
        return next((lab for lab in self.labels if lab.shortcut == key), None)


def load_claim_scheme(path: str | Path | None = None) -> ClaimScheme:
    """Read a scheme file; a mistake in it is a one-line ValueError naming the file.

    A label's colour must be ``#rgb``, ``#rrggbb`` or a CSS colour name; anything else
    (``red;background:url(...)``) is such a mistake, and the scheme is not loaded.

    >>> [lab.key for lab in load_claim_scheme().labels]
    ['check-worthy', 'factual', 'opinion', 'prediction', 'attribution']
    """
    path = Path(path) if path else SCHEME_PATH
    try:
        data = safejson.loads(path.read_text(encoding="utf-8"))
        labels = tuple(
            ClaimLabel(
                key=str(item["key"]),
                name=str(item.get("name", item["key"])),
                shortcut=str(item.get("shortcut", "")),
                factual=bool(item.get("factual", True)),
                check_worthy=bool(item.get("check_worthy", False)),
                colour=str(item.get("colour", "#999999")),
                description=str(item.get("description", "")),
            )
            for item in data["labels"]
        )
        verdicts = tuple(str(v["key"] if isinstance(v, dict) else v) for v in data["verdicts"])
        stances = tuple(str(s) for s in data.get("stances", ("", "for", "against", "neutral")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a valid claim scheme ({error!s})") from None
    keys = [lab.key for lab in labels]
    shortcuts = [lab.shortcut for lab in labels if lab.shortcut]
    if not labels or len(set(keys)) != len(keys) or len(set(shortcuts)) != len(shortcuts):
        raise ValueError(f"{path}: labels need unique keys and unique shortcuts")
    if "unverified" not in verdicts:
        raise ValueError(f"{path}: the verdicts must include 'unverified'")
    return ClaimScheme(str(data.get("name", path.stem)), labels, verdicts, stances)


def default_claimant(start: int, end: int, quotes) -> str | None:
    """The speaker of the quotation the span lies inside, or None.

    ``quotes`` are `reader.quotes.Quote` objects (or anything with start, end and
    speaker); a span may include the quotation marks themselves.

    >>> from types import SimpleNamespace as Q
    >>> default_claimant(12, 20, [Q(start=10, end=40, speaker="Nuri al-Maliki")])
    'Nuri al-Maliki'
    >>> default_claimant(0, 20, [Q(start=10, end=40, speaker="Nuri al-Maliki")]) is None
    True
    """
    for quote in quotes:
        if quote.start - 1 <= start and end <= quote.end + 1 and getattr(quote, "speaker", None):
            return quote.speaker
    return None


def make_claim(
    document: Document,
    start: int,
    end: int,
    label: str,
    *,
    annotator: str,
    quotes: list | None = None,
    scheme: ClaimScheme | None = None,
    **fields,
):
    """A claim annotation that follows the scheme: the label must exist, ``check_worthy``
    comes from the label, and the claimant defaults to the quotation's speaker.

    >>> from types import SimpleNamespace as Q
    >>> doc = Document.from_text("“We thank Russia,” Maliki said.")
    >>> claim = make_claim(doc, 1, 16, "opinion", annotator="ana",
    ...                    quotes=[Q(start=1, end=16, speaker="Nuri al-Maliki")])
    >>> claim.exact, claim.claim.claimant, claim.claim.check_worthy
    ('We thank Russia', 'Nuri al-Maliki', False)
    """
    from reader.annotations import annotate

    scheme = scheme or load_claim_scheme()
    kind = scheme.label(label)
    if fields.get("verdict", "unverified") not in scheme.verdicts:
        raise ValueError(f"unknown verdict {fields['verdict']!r}; choose from {scheme.verdicts}")
    if not fields.get("claimant"):
        found = find_quotes(document) if quotes is None else quotes
        fields["claimant"] = default_claimant(start, end, found)
    fields.setdefault("check_worthy", kind.check_worthy)
    return annotate(document, start, end, label, annotator=annotator, **fields)


# --- suggestions -------------------------------------------------------------------------------

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# (reason, weight, pattern): what makes a sentence worth checking, and how much.
CUES: list[tuple[str, float, re.Pattern[str]]] = [
    ("number", 1.0, re.compile(r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|dozens?)\b", re.I)),
    ("money", 1.5, re.compile(r"[$€£]\s?\d|\b(?:billion|million|dollars?|euros?|roubles?|rubles?|budget|cost|price|worth|deal)\b", re.I)),
    ("date", 1.0, re.compile(rf"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:{MONTHS})\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last year|this year)\b")),
    ("comparison", 1.0, re.compile(r"\b(?:more|less|fewer|greater|larger|smaller|higher|lower|bigger|than|most|least|largest|biggest|first|only|record|compared)\b", re.I)),
    ("cause", 1.0, re.compile(r"\b(?:because|due to|led to|lead to|caused?|causing|as a result|result(?:ed|s)? in|therefore|thanks to|so that|were it not for|to prevent)\b", re.I)),
    ("prediction", 1.0, re.compile(r"\b(?:will|would|shall|going to|expected to|expects?|plans? to|forecasts?|predicts?|likely|might|could)\b", re.I)),
]  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    """A sentence that may be worth checking: where it is, its score and the reasons."""

    start: int
    end: int
    text: str
    score: float
    reasons: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def _sentences(document: Document) -> list[tuple[int, int]]:
    """Sentence offsets in the document's body paragraphs (captions and headlines too)."""
    blocks = document.blocks or [type("B", (), {"start": 0, "end": len(document.text)})()]
    spans = []
    for block in blocks:
        for start, end in sentence_spans(document.text, block.start, block.end):
            while start < end and document.text[start].isspace():
                start += 1
            if end > start:
                spans.append((start, end))
    return spans


def score_sentence(sentence: str) -> tuple[float, list[str], list[str]]:
    """How check-worthy a sentence looks: (score, reasons, the words that gave each reason).

    >>> score_sentence("The deal was resumed in 2013 because of pressure.")[1]
    ['number', 'money', 'date', 'cause']
    """
    score, reasons, evidence = 0.0, [], []
    for reason, weight, pattern in CUES:
        found = pattern.findall(sentence)
        if found:
            score += weight + 0.25 * min(len(found) - 1, 2)
            reasons.append(reason)
            evidence.append(f"{reason}: {', '.join(dict.fromkeys(w.strip() for w in found))}")
    return score, reasons, evidence


def suggest_claims(
    document: Document, limit: int | None = None, min_score: float = 1.0
) -> list[Suggestion]:
    """Sentences likely to be check-worthy, best first, each with its reasons."""
    suggestions = []
    for start, end in _sentences(document):
        sentence = document.text[start:end]
        score, reasons, evidence = score_sentence(sentence)
        if score >= min_score:
            suggestions.append(Suggestion(start, end, sentence, round(score, 2), reasons, evidence))
    suggestions.sort(key=lambda s: (-s.score, s.start))
    return suggestions[:limit] if limit else suggestions


def suggestions_df(suggestions: list[Suggestion]) -> pd.DataFrame:
    """The suggestions as a table: score, the reasons, the words behind them, the sentence."""
    return pd.DataFrame(
        [
            {
                "score": s.score,
                "reasons": ", ".join(s.reasons),
                "because_of": "; ".join(s.evidence),
                "start": s.start,
                "end": s.end,
                "sentence": s.text,
            }
            for s in suggestions
        ],
        columns=["score", "reasons", "because_of", "start", "end", "sentence"],
    )
