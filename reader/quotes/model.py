"""The quotes stage's records: a `Quote`, and what it reads on the way (marks, tokens,
cues, one sentence's attribution, the document with its actors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.document import Block, Document
from reader.quotes.words import HIDDEN

if TYPE_CHECKING:
    from reader.quotes.names import _PersonMentions


@dataclass
class Quote:
    """A quotation: the quoted words (without the marks) and who said them, where.

    ``start``/``end`` are the offsets of the words in ``Document.text``; ``speaker``
    is a canonical name when the actors stage knows the person ("Nuri al-Maliki"),
    else the words of the text ("a source"); ``speaker_start``/``speaker_end`` point
    at the words that name the speaker in this quote's own attribution (or in the
    attribution it inherits, for the second half of a split quote).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    outlet: str | None
    cue: str | None
    addressee: str | None
    kind: str = "statement"
    paragraph: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    rule: str | None = None  # the `SPEAKER_RULES` name that gave the speaker
    clause: str | None = None  # the words the rule read: "said the Rev. Peter Wherry"

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"quote start {self.start} is after its end {self.end}")
        if self.kind not in ("statement", "scare"):
            raise ValueError(f"unknown quote kind {self.kind!r}; expected 'statement' or 'scare'")


@dataclass
class _Span:
    """Quotation marks found in one paragraph: document offsets of marks and words."""

    open_mark: int
    close_mark: int | None  # None: the paragraph ends inside the quote
    start: int
    end: int
    paragraph: int
    continues_previous: bool = False
    label: tuple[int, int] | None = None  # a transcript's speaker label: "PENCE: …"


@dataclass
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_hidden(self) -> bool:
        return self.text[0] == HIDDEN

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass
class _Cue:
    first: int  # token indices of the cue words
    last: int
    form: str
    lemma: str
    role: str


@dataclass
class _Attribution:
    """What one sentence says about a quote's source."""

    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_lemma: str | None = None
    addressee: str | None = None
    outlet: str | None = None
    pronoun: bool = False
    antecedent: tuple[str, int, int] | None = None  # a name opening the same sentence
    from_previous_sentence: bool = False  # "…, Schiff said. “The other factor …”"
    rule: str = "tag"  # its `SPEAKER_RULES` name
    clause: tuple[int, int] | None = None  # document offsets of the words read


@dataclass
class _Context:
    """The document, its actors (if any) and the fallback name index."""

    document: Document
    actors: Any | None
    full_names: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Block] = field(default_factory=list)  # the document's, made once
    people: _PersonMentions | None = None  # the actors' person mentions, made when asked
    paragraph_starts: list[int] | None = None  # made when asked
    mention_starts: list[int] | None = None  # the actors' mentions by start, made when asked
    mentions_by_start: list[Any] | None = None
