"""Quotes: who said what, to whom, and through which outlet.

The stage takes the clean `Document` (and, when it can, the actors of `reader.actors`)
and returns every passage between quotation marks as a `Quote`: the quoted words with
their offsets in ``Document.text``, the speaker, the cue verb ("said", "wrote",
"expressed fears"), the addressee ("told Russian Foreign Minister Sergei Lavrov") and
the outlet or channel that carried the words ("TASS reported", "wrote in Newsweek",
"told Rudaw English").

News prose attributes quotations in a handful of shapes, and this module reads them
with rules a reader can check, no statistical model:

- after the quote: ``“…,” Maliki said.``, ``“…,” wrote Amir Taheri in Asharq Al-Awsat.``
- before it: ``Maliki said: “…”``, ``Lavrov said that Russia’s “aim is …”``
- split around the attribution: ``“…,” Maliki said. “…”`` (the second piece inherits)
- over paragraphs: a paragraph ends inside a quote and the next opens with a mark
- pronouns and roles: ``he added`` is the last speaker; ``the former Iraqi prime
  minister`` is whoever the actors stage says it is.
- the channel: ``“…,” Maliki told Lavrov, …, TASS reported`` (TASS relays Maliki),
  ``wrote … in the pro-Kremlin website Pravda.ru``, ``told Rudaw English``.
- less common shapes: ``“…?” Vitter demanded.``, a signature after a dash
  (``“…” ― Steve Quinlan``), a transcript's label (``"PENCE: …``), and a quote that
  opens its sentence with the attribution in the sentence before (``…, Schiff said.``).

A short quote inside a reported statement is a partial quotation of its speaker:
``The Kremlin announced … that Iraq would buy a “large batch”`` is the Kremlin's.

Short quotes that no one is said to say ("Great Satan") are *scare quotes*: they come
back with ``kind="scare"`` and no speaker, and are not statements.

>>> from reader import Document
>>> doc = Document.from_text(
...     "“Our interest is that friendly Russia should be present in Iraq,” Maliki said. "
...     "“We need Russia’s more active participation in Iraqi affairs.”")
>>> [(q.text[:22], q.speaker, q.cue) for q in find_quotes(doc)]
[('Our interest is that f', 'Maliki', 'said'), ('We need Russia’s more ', 'Maliki', 'said')]
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from reader.actors import ActorResult, find_actors
from reader.document import Block, Document
from reader.text import ABBREVIATIONS, TITLES_BEFORE_A_NAME, sentence_spans, word_zipf

__all__ = [
    "CHANNEL_WORDS",
    "SPEAKER_RULES",
    "Quote",
    "find_quotes",
    "find_quotes_without_actors",
    "quotes_df",
    "quotes_json",
]

DATA = Path(__file__).resolve().parent / "data"

OPENING_MARKS = "“«„"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
# Quote interiors are hidden behind this character while attributions are read.
HIDDEN = "\u2063"

_TOKEN = re.compile(r"\u2063+|\w+(?:[’'.\-]\w+)*|[^\w\s]")
PRONOUNS = frozenset("he she they it we i you".split())
_DETERMINERS = frozenset(
    """the a an his her their its our this that these those one another some many several
    two three four other both each every any no""".split()
)
# Words that may stand between a speaker and the cue verb ("Trump also said").
_BETWEEN = frozenset(
    """also later then has have had was is were would will once again further separately
    earlier reportedly repeatedly already just never not even often initially first last
    could may might did does do has been had be on monday tuesday wednesday thursday
    friday saturday sunday yesterday today tonight morning afternoon evening night early late
    week month year this""".split()
)
# Words that end a speaker phrase when reading backwards from the cue.
_PHRASE_BREAKS = frozenset(
    """that which who whom whose and but or nor when while because if as since after before
    though although where whether than so to in on at by for with from into about said says
    told tells is was are were has have had be been would will can could should may might
    not also then""".split()
)
_CLAUSE_OPENERS = frozenset(
    "but and or while when as because although though which who whom that so if after before since".split()
)
_PREPOSITIONS = frozenset(
    "in on at by for with from into about during after before following under over of to via".split()
)
_TIME_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep
    Sept Oct Nov Dec""".split()
)
_CAPITALISED_STOPS = frozenset(
    """But And Or So Yet When While If As After Before Since Because Although Though Then
    In On At By For With From Asked Still However Meanwhile Later Earlier Instead Also
    Now Today Yesterday Last This That These Those Even Only Following Speaking
    Writing""".split()
)
_NAME_PARTICLES = frozenset(
    "al bin ibn de del della der van von da di du la le el abu bint".split()
)
_TITLES = frozenset(
    """president vice-president minister foreign prime secretary sen senator gov governor rep
    representative mr mrs ms dr gen general former deputy chief spokesman spokeswoman mayor
    ayatollah king queen prince sheikh judge justice speaker leader candidate nominee
    democratic republican""".split()
)
_AMBIGUOUS_NOUN_CUES = frozenset(
    "reports claims states notes promises demands quotes calls tweets posts says".split()
)
_NOUN_BEFORE = _DETERMINERS | frozenset("media news new recent such earlier later phone".split())
_CONTINUATION_LEMMAS = frozenset({"add", "continue", "go on"})
_TITLE_SMALL_WORDS = frozenset("of the and a an in on for to at by with or".split())
# Things that carry words but never speak: "a tweet", "the statement", "His office released
# a letter".  A speaker phrase whose head is one of them names the channel, and the quote
# goes to its owner ("Trump's tweet", "a statement from the Kremlin") or to no one.
CHANNEL_WORDS = frozenset(
    """tweet tweets statement statements post posts release releases interview interviews
    letter letters memo memos email emails e-mail e-mails message messages ad ads spot spots
    video videos note notes document documents report reports filing filings complaint
    complaints transcript transcripts""".split()
)

# Documents that quote words without saying them: "the indictment referred to Stone as “…”".
_DOCUMENT_WORDS = frozenset(
    """indictment indictments lawsuit suit ruling order verdict constitution amendment law
    bill resolution petition study survey poll tabloid book""".split()
)

# Every speaker decision names the rule that made it (``Quote.rule``), so a reader can
# check it; the table of contents of the attribution rules.
SPEAKER_RULES: dict[str, str] = {
    "tag": "a cue and its speaker in the quote's own sentence (“…,” Maliki said)",
    "signature": "a name after a dash closing the quote (“…” ― Steve Quinlan)",
    "transcript label": "a speaker label in capitals opening the quote (“PENCE: …)",
    "sentence before": "the tag of the sentence before a quote that opens its sentence",
    "continues": "the second piece of a split quote, or a quote running over paragraphs",
    "pronoun": "he/she: the last speaker nearby, else the last person named",
    "channel owner": "a tweet, statement or letter named as speaker: its owner speaks",
    "round-up": "a “Name, Outlet:” or “Name (@handle) on Twitter:” label before the quote",
    "about one person": "no cue: the one person the paragraph names before the quote",
}


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


_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.’'\-]+(?: [A-Z][A-Z.’'\-]+){0,2}):\s+")


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


# --- the cue lexicon -------------------------------------------------------------------


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, ...], tuple[str, str]]:
    """Cue word forms (as word tuples) -> (lemma, role), from ``data/quote_cues.csv``.

    A teacher can add a verb by adding a line; roles are ``speech``, ``writing``
    (carried by a publication: "wrote in Newsweek"), ``report`` (an outlet relaying
    someone: "TASS reported") and ``continuation`` ("he added").

    >>> cue_lexicon()[("expressed", "fears")]
    ('express fears', 'speech')
    """
    with open(DATA / "quote_cues.csv", encoding="utf-8", newline="") as handle:
        return {
            tuple(row["form"].split()): (row["lemma"], row["role"])
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def cue_roles() -> dict[str, str]:
    """Cue lemma -> role.

    >>> cue_roles()["write"]
    'writing'
    """
    return {lemma: role for lemma, role in cue_lexicon().values()}


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    """Nouns that announce a channel ("the pro-Kremlin website Pravda.ru").

    >>> "website" in outlet_words()
    True
    """
    with open(DATA / "quotes_outlet_words.csv", encoding="utf-8", newline="") as handle:
        return frozenset(row["word"] for row in csv.DictReader(handle))


# --- finding the marks -----------------------------------------------------------------


_ANY_MARK = re.compile(f"[{re.escape(OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK)}]")


def _pair_marks(text: str) -> list[tuple[int, int | None]]:
    """Pair the double quotation marks of one paragraph: (open, close) positions.

    Curly marks say which way they face; a straight mark opens when no quote is open
    and closes otherwise.  A paragraph may end inside a quote (close is None).

    >>> _pair_marks('He said “yes” and "no".')
    [(8, 12), (18, 21)]
    >>> _pair_marks("“We are grateful")
    [(0, None)]
    >>> _pair_marks("”Mr. Trump embodies it.“ ― S. H.")
    [(0, 23)]
    >>> _pair_marks("He is 6'3\\" tall; \\"big\\" he said.")
    [(17, 21)]
    """
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for mark in _ANY_MARK.finditer(text):  # every other character leaves all as it is
        index, char = mark.start(), mark.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if (
            char in OPENING_MARKS
            and open_at is not None
            and not before.isspace()
            and after.isspace()
        ):
            char = CLOSING_MARKS[0]  # a typo: “Mostly False.“
        elif char in CLOSING_MARKS and open_at is None and before.isspace() and after.isalnum():
            char = OPENING_MARKS[0]  # a typo: ”Mr. Trump embodies …
        if char == STRAIGHT_MARK and (
            before.isdigit() or text[index - 2 : index - 1].isdigit() and before == "'"
        ):
            continue  # inches: 6'3"
        if char in OPENING_MARKS:
            open_at = index
        elif char in CLOSING_MARKS or char == STRAIGHT_MARK:
            if open_at is not None:
                pairs.append((open_at, index))
                open_at = None
            elif char == STRAIGHT_MARK and not after.isspace():
                open_at = index  # a straight mark facing nothing is stray: systems" including
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _quote_spans(document: Document) -> list[_Span]:
    """Every quoted passage of the body paragraphs, in reading order.

    A passage left open at the end of a paragraph continues into the next paragraph
    when that one starts with an opening mark (the newspaper convention).
    """
    spans: list[_Span] = []
    paragraphs = document.paragraphs()
    previous_open = False
    for number, block in enumerate(paragraphs):
        text = document.text[block.start : block.end]
        starts_with_mark = text[:1] in OPENING_MARKS + STRAIGHT_MARK
        for index, (open_at, close_at) in enumerate(_pair_marks(text)):
            inner_end = len(text) if close_at is None else close_at
            inner = text[open_at + 1 : inner_end]
            stripped = inner.strip().rstrip(",").rstrip()
            if not stripped:
                continue
            start = block.start + open_at + 1 + (len(inner) - len(inner.lstrip()))
            label = _TRANSCRIPT_LABEL.match(document.text, start, start + len(stripped))
            if label and len(label.group(1)) > 1:  # "WALLACE: Governor, …" in a transcript
                stripped = stripped[label.end() - start :]
                start = label.end()
            spans.append(
                _Span(
                    open_mark=block.start + open_at,
                    close_mark=None if close_at is None else block.start + close_at,
                    start=start,
                    end=start + len(stripped),
                    paragraph=number,
                    continues_previous=index == 0
                    and open_at == 0
                    and previous_open
                    and starts_with_mark
                    and not label,
                    label=label.span(1) if label and len(label.group(1)) > 1 else None,
                )
            )
        previous_open = (
            bool(spans) and spans[-1].paragraph == number and spans[-1].close_mark is None
        )
    return spans


# --- sentences and frames ----------------------------------------------------------------


def _masked_paragraph(
    document: Document, block_start: int, block_end: int, spans: list[_Span]
) -> str:
    """The paragraph with quote interiors hidden, keeping a quote's final ``.?!``.

    Hiding the quoted words keeps their full stops from splitting the sentence that
    carries the attribution; the last mark of a quote that ends a sentence stays.
    """
    chars = list(document.text[block_start:block_end])
    for span in spans:
        if _is_nickname(document.text, span):
            for position in range(span.open_mark, span.close_mark + 1):
                chars[position - block_start] = " "  # Marcia "Cia" Price: one name
            continue
        inner_end = span.close_mark if span.close_mark is not None else block_end
        for position in range(span.open_mark + 1, inner_end):
            chars[position - block_start] = HIDDEN
        words = document.text[span.open_mark + 1 : inner_end].rstrip()
        if words and words[-1] in ".?!":
            chars[span.open_mark + len(words) - block_start] = words[-1]
    return "".join(chars)


def _is_nickname(text: str, span: _Span) -> bool:
    """A quoted word inside a name: ``Robert C. "Bobby" Scott``, ``Marcia "Cia" Price``.

    >>> text = 'state Del. Marcia "Cia" Price (D) shouted'
    >>> _is_nickname(text, _Span(18, 22, 19, 22, 0))
    True
    """
    if span.close_mark is None:
        return False
    words = text[span.start : span.end].split()
    before = text[max(0, span.open_mark - 30) : span.open_mark].split()
    after = text[span.close_mark + 1 : span.close_mark + 30].split()
    return (
        len(words) == 1
        and words[0][:1].isupper()
        and bool(before and after)
        and before[-1][:1].isupper()
        and after[0][:1].isupper()
        and after[0][:1].isalpha()
    )


def _sentence_starts(masked: str) -> list[int]:
    """Where the sentences of a masked paragraph start (0 first).

    >>> _sentence_starts("Maliki told Putin. “\u2063\u2063.” Mr. Lavrov said.")
    [0, 19, 25]
    """
    starts = [0] + [start for start, _ in sentence_spans(masked, also_opening=HIDDEN)]
    starts.extend(m.end() for m in re.finditer(r"\n\s*", masked))
    return sorted(set(starts))


def _tokens(masked: str, offset: int, start: int, end: int) -> list[_Token]:
    """Tokens of ``masked[start:end]`` with document offsets (``offset`` = paragraph start)."""
    return [
        _Token(m.group(), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(masked, start, end)
    ]


# --- reading an attribution ---------------------------------------------------------------


def _find_cues(tokens: list[_Token]) -> list[_Cue]:
    """The cue verbs of a frame, longest form first ("called for" before "called").

    Words that are often nouns ("media reports", "the calls") count only when no
    determiner or modifier comes just before them.
    """
    lexicon = cue_lexicon()
    cues = []
    index = 0
    while index < len(tokens):
        found = None
        for width in (2, 1):
            words = tuple(t.lower for t in tokens[index : index + width])
            opens = index == 0 or not tokens[index - 1].is_word
            if (
                len(words) == width
                and words in lexicon
                and (opens or not tokens[index].is_capitalised)
            ):
                found = (width, words)
                break
        if found:
            width, words = found
            previous = tokens[index - 1].lower if index else ""
            noun_like = previous in _NOUN_BEFORE or previous in _PREPOSITIONS
            reading = lexicon[words][0] == "read" and not _channel_reads(tokens, index)
            if not (words[0] in _AMBIGUOUS_NOUN_CUES and width == 1 and noun_like) and not reading:
                lemma, role = lexicon[words]
                form = " ".join(t.text for t in tokens[index : index + width])
                cues.append(_Cue(index, index + width - 1, form, lemma, role))
            index += width
        else:
            index += 1
    return cues


def _channel_reads(tokens: list[_Token], index: int) -> bool:
    """ "read" is a cue only after a channel ("the tweet read", "it read"), not in "Boehner
    read the preamble"."""
    before = tokens[index - 1].lower if index else ""
    return before in CHANNEL_WORDS or before == "it"


_PREFIXED_NAME = re.compile(
    r"(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|de|di|da|du|van|von|la|le)-[A-Z]"
)


def _is_name_word(token: _Token) -> bool:
    """A word that can be part of a name: capitalised, or "al-Maliki"-like."""
    if not token.is_word:
        return False
    if token.text in _TIME_WORDS:
        return False
    return (token.is_capitalised and token.text not in _CAPITALISED_STOPS) or bool(
        _PREFIXED_NAME.match(token.text)
    )


def _is_abbreviation(token: _Token) -> bool:
    """A title or an initial that keeps its full stop inside a name ("Sen.", "Lawrence B.")."""
    return token.lower in ABBREVIATIONS or (len(token.text) == 1 and token.text.isupper())


def _opens_with_a_verb(token: _Token) -> bool:
    """A capitalised "-ing"/"-ed" word opening a sentence ("Amplifying …, Trump said")."""
    return token.lower.endswith(("ing", "ed")) and word_zipf(token.lower) >= 3.0


def _name_backward(tokens: list[_Token], last: int, low: int) -> int | None:
    """First token index of the name ending at ``last`` ("Russian Foreign Minister Sergei Lavrov")."""
    first = None
    index = last
    while index >= low:
        token = tokens[index]
        if _is_name_word(token):
            first = index
        elif token.text == "." and index > low and _is_abbreviation(tokens[index - 1]):
            pass
        elif token.lower in _NAME_PARTICLES and first is not None:
            pass
        elif token.lower == "the" and first is not None:
            first = index
            break
        else:
            break
        index -= 1
    if first is not None and first == low and _opens_with_a_verb(tokens[first]):
        return first + 1 if first < last else None
    return first


def _role_backward(tokens: list[_Token], last: int, low: int) -> int | None:
    """First token of a described speaker ending at ``last`` ("the former Iraqi prime minister")."""
    collected = []
    index = last
    while index >= low and len(collected) < 7:
        token = tokens[index]
        if not token.is_word or (token.lower in _PHRASE_BREAKS and token.lower != "of"):
            break
        if index > low and index < last and _is_verb_after_noun(tokens, index):
            break  # "the Security Council issued a statement": the statement is the subject
        collected.append(index)
        index -= 1
    if not collected:
        return None
    determiners = [
        i for i in collected if tokens[i].lower in _DETERMINERS or tokens[i].lower.endswith("'s")
    ]
    if determiners:
        return min(determiners)
    return last if tokens[last].lower.endswith("s") or tokens[last].is_capitalised else None


def _skip_back(tokens: list[_Token], index: int, low: int) -> int:
    """Step back over adverbs, auxiliaries, times and parentheses between speaker and cue.

    ("Rep. Gwen Moore (D-Wis.) said Friday", "Trump also said", "Clinton has said")
    """
    while index >= low:
        token = tokens[index]
        if token.text == ")":
            opening = next(
                (
                    i
                    for i in range(index - 1, max(low, index - 12) - 1, -1)
                    if tokens[i].text == "("
                ),
                None,
            )
            if opening is None:
                break
            index = opening - 1
        elif (
            token.lower in _BETWEEN
            or token.text in _TIME_WORDS
            or (token.lower.endswith("ly") and not token.is_capitalised and len(token.text) > 4)
        ):
            index -= 1
        else:
            break
    return index


def _appositive_subject(tokens: list[_Token], comma_at: int, low: int) -> tuple[int, int] | None:
    """The name before one or more appositives ending at the comma ``comma_at``.

    "Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing
    the EPA, said": a name after "of" belongs to an appositive, so look further back.
    """
    seen = 0
    for comma in range(comma_at - 1, max(low, comma_at - 40) - 1, -1):
        if tokens[comma].text != ",":
            continue
        seen += 1
        inner_end = _skip_back(tokens, comma_at - 1, low)
        if seen == 1 and inner_end > comma and _is_name_word(tokens[inner_end]):
            first = _name_backward(tokens, inner_end, comma + 1)
            if first is not None and _only_describing(tokens, comma + 1, first):
                return first, inner_end  # "the mayor, Ruth Adler, told"; "…, state Del. …"
        name_end = _skip_back(tokens, comma - 1, low)
        if name_end >= low and _is_name_word(tokens[name_end]):
            first = _name_backward(tokens, name_end, low)
            if first is not None and not (first > low and tokens[first - 1].lower in _PREPOSITIONS):
                return first, name_end
        if seen == 3:
            break
    return None


def _only_describing(tokens: list[_Token], first: int, stop: int) -> bool:
    """Whether ``tokens[first:stop]`` is nothing, or a describing word or two before a
    title's abbreviation ("state Del. Marcia Price", "former Sen. Jim Webb"); not "a
    Democrat" nor "did endorse Clinton".
    """
    if stop == first:
        return True
    return (
        stop - first <= 2
        and tokens[stop].lower in TITLES_BEFORE_A_NAME
        and all(
            tokens[i].is_word
            and not tokens[i].is_capitalised
            and tokens[i].lower not in _PHRASE_BREAKS | _DETERMINERS
            for i in range(first, stop)
        )
    )


def _subject_before(tokens: list[_Token], cue: int, low: int) -> tuple[int, int] | None:
    """Token range (first, last) of the speaker just before the cue token ``cue``."""
    index = _skip_back(tokens, cue - 1, low)
    if index < low:
        return None
    token = tokens[index]
    if token.text == ",":  # "Michael Knights, a Lafer Fellow at …, told"
        return _appositive_subject(tokens, index, low)
    if token.lower in PRONOUNS:
        return index, index
    if _is_name_word(token) or token.lower.endswith("'s") and token.is_capitalised:
        first = _name_backward(tokens, index, low)
        if first is not None and first - 2 >= low and tokens[first - 1].lower == "of":
            owner = _name_backward(tokens, first - 2, low)  # "Mr. Morgan of the Sierra Club"
            if owner is not None and _is_name_word(tokens[first - 2]):
                return owner, index
        if first is not None:
            role_first = _role_backward(tokens, first - 1, low) if first > low else None
            if (
                role_first is not None
                and tokens[role_first].lower in _DETERMINERS
                and first - role_first <= 4
                and not (role_first > low and tokens[role_first - 1].lower in _PREPOSITIONS)
            ):  # not "In a Bloomberg interview Trump declared": a phrase of its own
                return role_first, index  # "the campaign manager Robby Mook": keep whole
            return first, index
    if token.is_word and not token.is_capitalised and token.lower not in _PHRASE_BREAKS:
        first = _role_backward(tokens, index, low)
        if first is not None:
            return first, index
    return None


def _name_forward(tokens: list[_Token], first: int) -> int | None:
    """Last token index of a name or described person starting at ``first`` (after a cue)."""
    if first >= len(tokens):
        return None
    index = first
    while index < len(tokens) and tokens[index].text in _TIME_WORDS:
        index += 1
        first = index
    if index >= len(tokens) or tokens[index].lower in ("that", "this", "these", "those"):
        return None
    if tokens[index].lower in _DETERMINERS:
        last = None
        index += 1
        while index < len(tokens) and index - first < 7:
            token = tokens[index]
            if not token.is_word or token.lower in _PHRASE_BREAKS:
                break
            if last is not None and _is_verb_after_noun(tokens, index):
                break  # "several environmental groups granted Mr. Clarke …"
            last = index
            index += 1
        return _past_title(tokens, last)
    last = None
    while index < len(tokens):
        token = tokens[index]
        if _is_name_word(token):
            last = index
        elif token.text == "." and index > first and _is_abbreviation(tokens[index - 1]):
            pass
        elif token.lower in _NAME_PARTICLES and last is not None:
            pass
        else:
            break
        index += 1
    return last


def _is_verb_after_noun(tokens: list[_Token], index: int) -> bool:
    """A past-tense verb closing a described subject ("the Security Council issued").

    An "-ed" word after a noun (not after a determiner or an "-ly" adverb, where it
    describes: "the elected officials", "a widely respected group") is the verb.
    """
    token, before = tokens[index], tokens[index - 1]
    return (
        not token.is_capitalised
        and token.lower.endswith("ed")
        and "-" not in token.text  # "the tea party-backed candidate"
        and before.lower not in _DETERMINERS
        and not before.lower.endswith("ly")
        and word_zipf(token.lower) >= 3.0
    )


def _past_title(tokens: list[_Token], last: int | None) -> int | None:
    """Carry a phrase that ends in a title's abbreviation on into the name it introduces.

    "the Rev. Peter Wherry", "state Del. Marcia Price", "the U.S. Attorney's Office":
    the full stop after an abbreviation (`reader.text.ABBREVIATIONS`) ends neither the
    phrase nor the sentence.
    """
    if (
        last is not None
        and _is_abbreviation(tokens[last])  # "the Rev. Peter Wherry", "the U.S. Attorney"
        and last + 2 < len(tokens)
        and tokens[last + 1].text == "."
        and _is_name_word(tokens[last + 2])
    ):
        end = _name_forward(tokens, last + 2)
        return end if end is not None else last
    return last


def _described_name_forward(tokens: list[_Token], first: int) -> tuple[int, int] | None:
    """A name after a few lower-case describing words: "retired general Lloyd Newton"."""
    for index in range(first, min(len(tokens), first + 6)):
        token = tokens[index]
        if _is_name_word(token):
            last = _name_forward(tokens, index)
            return (index, last) if last is not None else None
        if token.is_hidden or token.text in ",.;:" or token.lower in _PHRASE_BREAKS:
            return None
    return None


def _first_word(tokens: list[_Token], index: int) -> int:
    """Skip time words that open a phrase ("said Friday Jon Tester")."""
    while index < len(tokens) - 1 and tokens[index].text in _TIME_WORDS:
        index += 1
    return index


def _sentence_subject(tokens: list[_Token], low: int, high: int) -> tuple[int, int] | None:
    """The name or pronoun opening a sentence, for a cue with no subject of its own.

    ("Trump unleashed a series of tweets early Friday saying that …")
    """
    if low >= high:
        return None
    opener = tokens[low]
    if (
        opener.text in _CAPITALISED_STOPS or opener.lower in _PREPOSITIONS
    ) and opener.lower not in _DETERMINERS:
        comma = next((i for i in range(low, min(high, low + 12)) if tokens[i].text == ","), None)
        if comma is None:  # "Following a meeting, the Security Council issued …"
            return None
        low = comma + 1
        if low >= high:
            return None
    if tokens[low].lower in PRONOUNS:
        return low, low
    if tokens[low].text.isupper() and len(tokens[low].text) > 5:
        return None  # a run-in heading in capitals
    if not (_is_name_word(tokens[low]) or tokens[low].lower in _DETERMINERS):
        return None
    if _opens_with_a_verb(tokens[low]):
        return None
    last = _name_forward(tokens, low)
    return (low, last) if last is not None and last < high else None


def _phrase(
    tokens: list[_Token], first: int, last: int, document: Document
) -> tuple[str, int, int]:
    """The document's words for tokens ``first..last`` with their offsets."""
    start, end = tokens[first].start, tokens[last].end
    return document.text[start:end], start, end


# --- actors: names, types, canonical forms ------------------------------------------------


def _actor_for(context: _Context, start: int, end: int) -> Any | None:
    """The actors stage's actor for a span (a person if one is named in it)."""
    if context.actors is None:
        return None
    try:
        return context.actors.actor_at(start, end)
    except (AttributeError, TypeError):
        return None


def _actor_type(context: _Context, start: int, end: int) -> str | None:
    """The actors stage's type for a span ("person", "outlet", …), None when unknown."""
    actor = _actor_for(context, start, end)
    return getattr(actor, "type", None)


def _is_title_word(word: str) -> bool:
    """A word that introduces a name without being part of it ("Foreign", "Iraqi", "The").

    >>> [_is_title_word(w) for w in ("Russian", "Minister", "Sergei")]
    [True, True, False]
    """
    bare = word.lower().strip(".")
    return (
        bare in _TITLES
        or word in _CAPITALISED_STOPS
        or bare in _DETERMINERS
        or bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ean|ese|qi|ish)", word))
    )


def _written_name(text: str) -> str:
    """A speaker phrase's name words without titles, a quoted nickname or a party tag.

    >>> _written_name('state Del. Marcia "Cia" Price (D-Newport News)')
    'Marcia Price'
    """
    text = re.sub(r"\([^)]*\)|[“\"][^”\"]*[”\"]", " ", text)
    words = text.split()
    while words and (
        _is_title_word(words[0])
        or words[0].islower()
        or words[0].lower().strip(".") in ABBREVIATIONS
    ):
        words = words[1:]
    return " ".join(words)


def _fallback_full_names(text: str) -> dict[str, str]:
    """Surname -> the first full name ending with it, for use without the actors stage.

    >>> _fallback_full_names("Iraqi Vice-President Nuri al-Maliki spoke. Maliki left.")["maliki"]
    'Nuri al-Maliki'
    """
    names: dict[str, str] = {}
    pattern = re.compile(r"\b([A-Z][\w’'\-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w’'\-]+)+)")
    for match in pattern.finditer(text):
        words = match.group(1).split()
        while len(words) > 2 and _is_title_word(words[0]):
            words = words[1:]
        if len(words) >= 2 and not _is_title_word(words[0]):
            surname = words[-1].split("-")[-1].lower()
            names.setdefault(surname, " ".join(words[-3:]) if len(words) > 3 else " ".join(words))
    return names


def _canonical_speaker(context: _Context, text: str, start: int, end: int) -> str:
    """A speaker's name as the actors stage knows it, else the text's own words.

    People get their full name ("Maliki" -> "Nuri al-Maliki"); organisations and
    outlets their list name when the text names them; a state named by a metonym
    keeps the text's words ("the Kremlin").
    """
    actor = _actor_for(context, start, end)
    kind = getattr(actor, "type", None)
    if actor is not None and kind == "person":
        written = _written_name(text).split()
        cut = " " not in actor.name and 1 < len(written) <= 3 and written[0] == actor.name
        return " ".join(written) if cut else actor.name  # not "Marcia" for Marcia "Cia" Price
    if actor is not None and kind in ("outlet", "organisation") and actor.name in text:
        return actor.name
    if actor is None:
        words = text.split()
        key = re.sub(r"[’']s$", "", words[-1].split("-")[-1].lower()) if words else ""
        if text[:1].isupper() and key in context.full_names:
            if len(words) == 1 or any(w.lower().strip(".") in _TITLES for w in words):
                return context.full_names[key]
    if text.startswith("The "):
        return "the " + text[4:]
    return text


def _is_outlet(
    context: _Context, start: int, end: int, words_before: list[str], cue_role: str | None
) -> bool:
    """Whether a capitalised phrase after "in"/"told"/"on" is a channel that carried words."""
    if _actor_type(context, start, end) == "outlet":
        return True
    kind = _actor_type(context, start, end)
    if kind in ("person", "state", "group", "place"):
        return False
    if any(w in outlet_words() for w in words_before):
        return True  # "in the pro-Kremlin website Pravda.ru"
    return cue_role == "writing" and all(
        w in _DETERMINERS for w in words_before
    )  # "wrote in Newsweek"


# --- channels: a tweet or a statement is not a speaker, its owner is -------------------------

_POSSESSIVE = re.compile(r"^(.*?)[’']s\s")
_OWNER_AFTER = re.compile(
    r"\s*(?:(?:released|issued|posted|sent|signed|written|filed|put\s+out|published)\s+)?"
    r"(?:from|by)\s+"
)
_OWNER_RUN = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w.’'\-]*|of|and|for)(?:\s+(?:[A-Z][\w.’'\-]*|of|and|for))*"
)
_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
# "His office", "her campaign": they speak for the person the pronoun refers to
_SPEAKS_FOR_THEM = re.compile(r"(?:[Hh]is|[Hh]er)\s+(?:office|campaign)")
# "the IMF report", "a Homeland Security memo": capitalised words naming whose it is
_OWNER_MODIFIER = re.compile(
    r"(?:(?:the|a|an|[Tt]he|A|An)\s+)?(?:[\da-z][\w\-]*\s+)?"
    r"(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Their|Our)\b)"
    r"((?:the\s+)?[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*)*)\s+([a-z][\w\-]*)$"
)


def channel_word(phrase: str) -> str | None:
    """The channel a speaker phrase names, if its head is one ("a statement released" ->
    "statement"); None for a person or a group ("the ad’s narrator", "Trump's aides").

    >>> channel_word("Trump's tweet"), channel_word("the ad’s narrator"), channel_word("Scott")
    ('tweet', None, None)
    """
    words = re.findall(r"[\w\-]+(?![\w\-’'])", phrase)
    return next((w for w in reversed(words) if w in CHANNEL_WORDS), None)


def _channel_owner(context: _Context, start: int, end: int) -> tuple[str, int, int] | None:
    """Whose is the channel named at ``start:end`` (a speaker phrase), with where it is named.

    In order: its possessor ("Trump's tweet"; "His office's statement" is the person
    "his" refers to), a capitalised modifier ("the IMF report"), a "from"/"by" after it
    ("a statement from the Kremlin"), the actor that issued it in the same sentence
    ("the Security Council issued a statement calling …"), else the same for an earlier
    mention of the same channel nearby ("Steele issued a statement … The statement
    said", "In a statement, Peabody said …").  None when the page names no owner: the
    quote then has no speaker rather than a channel or a guess.
    """
    text = context.document.text
    word = channel_word(text[start:end])
    if word is None:
        return None
    owner = _owner_at(context, start, end) or _issuer_before(context, start)
    if owner is not None:
        return owner
    stem = re.escape(word.rstrip("s"))
    low = context.paragraphs[max(0, _paragraph_of(context, start) - 2)].start
    earlier = list(re.finditer(rf"\b{stem}s?\b", text[low:start]))
    for match in reversed(earlier[-3:]):
        at, stop = low + match.start(), low + match.end()
        phrase = _PHRASE_BEFORE.search(text, max(low, at - 40), at)
        phrase_start = phrase.start() if phrase else at
        owner = (
            _owner_at(context, phrase_start, stop)
            or _issuer_before(context, phrase_start)
            or _speaker_after_comma(context, stop)
        )
        if owner is not None:
            return owner
    return None


# the words of a channel phrase before its noun: "a formal ", "his resignation "
_PHRASE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[\w’'\-]+\s+){0,2}$"
)
# what an actor does to a channel it owns: "Steele issued a …", "Trump said in a …"
_ISSUED = re.compile(
    r"(?:[’']s\s+(?:campaign|office|team|lawyers?|spokes(?:man|woman|person)))?"
    r"\s+(?:\w+ly\s+)?(?:issued|released|sent|posted|put\s+out|published|wrote|"
    r"signed|tweeted|filed|delivered|shared|emailed|said\s+in|wrote\s+in|says\s+in)\s+"
    r"(?:[\w’'\-]+\s+){0,3}$"
)


def _issuer_before(context: _Context, start: int) -> tuple[str, int, int] | None:
    """The actor that issued the channel phrase starting at ``start``, in its sentence."""
    mentions = getattr(context.actors, "mentions", None)
    if not mentions:
        return None
    text = context.document.text
    before = [m for m in mentions if start - 80 <= m.end <= start and m.type not in ("place",)]
    if not before:
        return None
    last = before[-1]
    if _ISSUED.fullmatch(text, last.end, start) is None:
        return None
    return last.text, last.start, last.end


def _speaker_after_comma(context: _Context, end: int) -> tuple[str, int, int] | None:
    """The actor right after "In a statement," ("In a statement, Peabody said …")."""
    mentions = getattr(context.actors, "mentions", None)
    gap = re.match(r",\s+(?:[A-Z]\w*\s+)?", context.document.text[end : end + 40])
    if not mentions or gap is None:
        return None
    after = next((m for m in mentions if end < m.start <= end + gap.end()), None)
    return (after.text, after.start, after.end) if after is not None else None


def _paragraph_of(context: _Context, offset: int) -> int:
    """The number of the paragraph holding ``offset`` (0 when none does)."""
    starts = [b.start for b in context.paragraphs]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _owner_at(context: _Context, start: int, end: int) -> tuple[str, int, int] | None:
    """The owner named with a channel phrase: its possessor, or "from"/"by" after it."""
    text = context.document.text
    modifier = _OWNER_MODIFIER.match(text, start, end)
    if modifier and channel_word(modifier.group(2)):  # "the IMF report", "a Clinton ad"
        return modifier.group(1), modifier.start(1), modifier.end(1)
    possessive = _POSSESSIVE.match(text, start, end)
    if possessive:
        owner = possessive.group(1).strip()
        if owner.lower() in _POSSESSIVE_PRONOUNS:
            return _person_before(context, start)
        if owner and (owner[0].isupper() or owner.split()[0].lower() in _DETERMINERS):
            return owner, start, start + len(owner)
    after = _OWNER_AFTER.match(text, end, end + 40)
    if after:
        run = _OWNER_RUN.match(text, after.end(), after.end() + 120)
        if run and any(c.isupper() for c in run.group()):
            named = run.group().rstrip()
            for small in (" of", " and", " for"):
                named = named.removesuffix(small)
            return named, run.start(), run.start() + len(named)
    return None


def _person_before(context: _Context, offset: int) -> tuple[str, int, int] | None:
    """The last person the actors stage names before ``offset`` ("his" -> him)."""
    if context.actors is None:
        return None
    person = _last_person_named(context, offset)
    return (person.text, person.start, person.end) if person is not None else None


# --- one sentence's attribution -------------------------------------------------------------


def _outlet_after(
    context: _Context, tokens: list[_Token], index: int, cue_role: str | None
) -> tuple[str, int, int] | None:
    """A channel named after the cue: "in Newsweek", "in the pro-Kremlin website Pravda.ru"."""
    document = context.document
    limit = min(len(tokens), index + 14)
    while index < limit:
        token = tokens[index]
        if token.lower in ("in", "on", "with", "to") and index + 1 < len(tokens):
            words_before = []
            probe = index + 1
            while probe < limit and tokens[probe].is_word and not _is_name_word(tokens[probe]):
                words_before.append(tokens[probe].lower)
                probe += 1
            verbal = any(
                (w.endswith("ing") and w not in outlet_words()) or w in _PREPOSITIONS
                for w in words_before
            )
            if (
                probe < len(tokens)
                and _is_name_word(tokens[probe])
                and len(words_before) <= 4
                and not verbal
            ):
                last = _name_forward(tokens, probe)
                if last is not None:
                    text, start, end = _phrase(tokens, probe, last, document)
                    if re.search(r"[’']s$", text):  # "on NBC's Meet the Press"
                        text, end = text[:-2], end - 2
                    if _is_outlet(
                        context, start, end, words_before, cue_role if token.lower == "in" else None
                    ):
                        return text, start, end
        if token.text in ".;" or token.is_hidden:
            break
        index += 1
    return None


def _has_word(tokens: list[_Token], first: int, stop: int) -> bool:
    """Whether a word is among ``tokens[first:stop]`` (read without copying them)."""
    return any(tokens[index].is_word for index in range(first, stop))


def _is_bare_noun(tokens: list[_Token], index: int) -> bool:
    """A lone common noun closing a phrase ("told reporters.")."""
    token = tokens[index]
    closes = index + 1 == len(tokens) or not tokens[index + 1].is_word
    return (
        closes
        and token.is_word
        and not token.is_capitalised
        and token.lower not in _PHRASE_BREAKS | PRONOUNS | _BETWEEN
        and token.lower not in ("him", "her", "them", "us", "me")
    )


def _clause(
    context: _Context,
    tokens: list[_Token],
    cue: _Cue,
    low: int,
    inverted_ok: bool,
    opening_only: bool = False,
) -> _Attribution | None:
    """Read speaker, addressee and channel around one cue of a frame."""
    document = context.document
    span = _subject_before(tokens, cue.first, low)
    if cue.form.endswith("ing") and not (span and _is_name_word(tokens[span[1]])):
        span = _sentence_subject(tokens, low, cue.first) or span  # "Trump …, saying"
    after = cue.last + 1
    if cue.lemma == "according to":
        span = None
        last = _name_forward(tokens, after)
        if last is not None:
            span = (_first_word(tokens, after), last)
            after = last + 1
    elif (
        span is None
        and inverted_ok
        and not cue.form.endswith("ing")
        and not _has_word(tokens, low, cue.first)
    ):
        last = _name_forward(tokens, after)
        if last is not None:
            span = (_first_word(tokens, after), last)
            after = last + 1
        else:
            span = _described_name_forward(tokens, after)  # "said 9/11 widow Terry Strada"
            after = span[1] + 1 if span else after
    if span is None and cue.form.endswith("ing"):
        span = _sentence_subject(tokens, low, cue.first)
    if span is None:
        return None
    if (
        span[0] > low
        and tokens[span[0] - 1].lower in _PREPOSITIONS
        and cue.lemma != "according to"
        and not cue.form.endswith("ing")  # "footage of Trump saying"
    ):
        return None  # "In a Facebook message posted Friday": not who speaks
    if (
        opening_only
        and any(
            t.lower in _CLAUSE_OPENERS and t.lower != "as"  # "“…,” as a memo put it"
            for t in tokens[low : min(span[0], cue.first)]
        )
    ):
        return None  # "“…,” but he said that …": a new clause, not this quote's tag
    text, start, end = _phrase(tokens, span[0], span[1], document)
    attribution = _Attribution(
        speaker=text, speaker_start=start, speaker_end=end, cue=cue.form, cue_lemma=cue.lemma
    )
    attribution.pronoun = text.lower() in PRONOUNS
    if attribution.pronoun:
        opener = _sentence_subject(tokens, low, span[0])
        if opener is not None and any(
            _is_name_word(t) and t.lower not in _DETERMINERS
            for t in tokens[opener[0] : opener[1] + 1]
        ):
            attribution.antecedent = _phrase(tokens, opener[0], opener[1], document)
    if cue.lemma in ("tell", "ask") and after < len(tokens):
        last = _name_forward(tokens, after)
        if last is None and _is_bare_noun(tokens, after):
            last = after  # "told reporters"
        if last is not None:
            obj, obj_start, obj_end = _phrase(tokens, after, last, document)
            if _actor_type(context, obj_start, obj_end) == "outlet":
                attribution.outlet = _canonical_speaker(context, obj, obj_start, obj_end)
            elif obj.lower() not in PRONOUNS:
                attribution.addressee = _canonical_speaker(context, obj, obj_start, obj_end)
            after = last + 1
    if attribution.outlet is None:
        channel = _outlet_after(context, tokens, after, cue.role)
        if channel:
            attribution.outlet = _canonical_speaker(context, *channel)
    first, last = min(span[0], cue.first), max(span[1], cue.last, min(after, len(tokens)) - 1)
    attribution.clause = (tokens[first].start, tokens[last].end)
    return attribution


def _is_relay(context: _Context, attribution: _Attribution) -> bool:
    """An outlet passing words on ("TASS reported"), not the words' speaker."""
    if attribution.speaker_start is None:
        return False
    kind = _actor_type(context, attribution.speaker_start, attribution.speaker_end or 0)
    if kind == "outlet":
        return True
    return (
        cue_roles().get(attribution.cue_lemma or "") == "report"
        and kind is None
        and bool(attribution.speaker and attribution.speaker[:1].isupper())
    )


def _is_short_attribution(tokens: list[_Token]) -> bool:
    """Whether a sentence is only an attribution ("Vitter demanded." after a “…?”)."""
    cues = _find_cues(tokens)
    # up to 16 words: a name with its title and party ("state Del. Marcia Price (D-Newport News),")
    if not cues or cues[0].first > 16 or any(t.is_hidden for t in tokens[: cues[0].first]):
        return False
    index = cues[0].last + 1
    if all(not t.is_word for t in tokens[: cues[0].first]):
        last = _name_forward(tokens, index)
        if last is None:
            return False
        index = last + 1
    while index < len(tokens) and (
        tokens[index].text in _TIME_WORDS or tokens[index].lower in _BETWEEN
    ):
        index += 1
    return (
        index >= len(tokens)
        or tokens[index].text in ",.:;"
        or tokens[index].lower in ("in", "on", "to", "at")
    )


def _closing_attribution(context: _Context, tokens: list[_Token]) -> _Attribution | None:
    """Who speaks in a quote that opens its sentence with no attribution of its own, from
    the sentence before it: its closing tag ("…, Schiff said."), else its first speech
    verb, else the person it is about ("Clinton restricted comments …" then “If any …”).
    """
    cues = _find_cues(tokens)
    clause = None
    for cue in reversed(cues):
        clause = _clause(context, tokens, cue, 0, inverted_ok=True)
        if clause is not None:
            break
    if clause is None:
        subject = _sentence_subject(tokens, 0, len(tokens))
        if subject is None or not _is_name_word(tokens[subject[0]]):
            return None
        text, start, end = _phrase(tokens, subject[0], subject[1], context.document)
        clause = _Attribution(speaker=text, speaker_start=start, speaker_end=end)
    clause.from_previous_sentence = True
    clause.rule = "sentence before"
    return clause


def _dash_attribution(context: _Context, right: list[_Token]) -> _Attribution | None:
    """A signature after a dash: “…” ― Pamela Padilla."""
    words = [t for t in right[:3] if t.text != ","]
    if len(words) >= 2 and words[0].text in "—―–-" and _is_name_word(words[1]):
        first = right.index(words[1])
        last = _name_forward(right, first)
        if last is not None:
            text, start, end = _phrase(right, first, last, context.document)
            return _Attribution(
                speaker=text, speaker_start=start, speaker_end=end, rule="signature"
            )
    return None


_SUBORDINATORS = frozenset(
    "when while after before as if because although though since whereas unless until who which".split()
)


def _is_subordinate(tokens: list[_Token], clause: _Attribution) -> bool:
    """Whether a clause sits in a subordinate clause ("When Clinton noted that …, Trump
    boasted, “…”"): a subordinator stands between its subject and the last comma or dash."""
    first = next((i for i, t in enumerate(tokens) if t.start == clause.speaker_start), None)
    if first is None:
        return False
    for token in reversed(tokens[:first]):
        if token.text in ",;:—―–(" or token.is_hidden:
            return False
        if token.lower in _SUBORDINATORS:
            return True
    return False


def _ends_a_list_of_quotes(tokens: list[_Token]) -> bool:
    """Whether the words before a quote end on another quote and "and", "or" or a comma:
    ("went on about “how the system is rigged,” and “wounded American families” and")."""
    index = len(tokens) - 1
    if index < 0 or tokens[index].lower not in ("and", "or", ","):
        return False
    index -= 1
    while index >= 0 and tokens[index].text in ',.?!”"’»':
        index -= 1
    return index >= 0 and tokens[index].is_hidden


def _tags_an_earlier_quote(text: str, tokens: list[_Token], clause: _Attribution) -> bool:
    """Whether a clause is the tag of another quote it follows: in "“You winning?” she
    said, but …, as Trump went on about “…”", "she said" is the first quote's."""
    if clause.clause is None:
        return False
    start, end = clause.clause
    first = next((i for i, t in enumerate(tokens) if t.start == start), None)
    if first is None or not any(t.is_word for t in tokens if t.start >= end):
        return False  # “A,” he declared, “B”: the tag of both pieces
    index = first - 1
    while index >= 0 and tokens[index].text in ',.?!”"’»':
        index -= 1
    if index < 0 or not tokens[index].is_hidden:
        return False
    hidden_start = index
    while hidden_start > 0 and tokens[hidden_start - 1].is_hidden:
        hidden_start -= 1
    words = text[tokens[hidden_start].start : tokens[index].end]
    return not _looks_like_a_label(words, "")  # not “This Week,” Sen. John McCain said


def _read_sentence(
    context: _Context, left: list[_Token], right: list[_Token]
) -> _Attribution | None:
    """The attribution of a quote from the rest of its sentence (left and right of it).

    Order of preference: a clause opening the right side (``“…,” Maliki said``), the
    first cue of the left side (``Maliki said that …``), any later cue on the right.
    An outlet relaying the speaker ("TASS reported") becomes the quote's outlet.
    """
    clauses: list[_Attribution] = []
    right_cues = _find_cues(right)
    opening = [
        c for c in right_cues if c.first <= 12 and not any(t.is_hidden for t in right[: c.first])
    ]
    for cue in opening[:1]:
        clause = _clause(context, right, cue, 0, inverted_ok=True, opening_only=True)
        if clause:
            clauses.append(clause)
    left_clauses = []
    for cue in _find_cues(left):
        clause = _clause(context, left, cue, 0, inverted_ok=True)
        if clause and not _tags_an_earlier_quote(context.document.text, left, clause):
            left_clauses.append(clause)
    main = [c for c in left_clauses if not _is_subordinate(left, c)]
    if left_clauses and _ends_a_list_of_quotes(left):
        clauses.insert(0, (main or left_clauses)[0])  # “…” and “…” went on about, not a tag after
    else:
        clauses.extend((main or left_clauses)[:1])
    for cue in right_cues:
        if cue not in opening[:1]:
            clause = _clause(context, right, cue, 0, inverted_ok=True)
            if clause:
                clauses.append(clause)
    if not clauses:
        return _dash_attribution(context, right)
    speakers = [c for c in clauses if not _is_relay(context, c)]
    relays = [c for c in clauses if _is_relay(context, c)]
    chosen = speakers[0] if speakers else clauses[0]
    if chosen.outlet is None and speakers and relays:
        relay = relays[0]
        chosen.outlet = _canonical_speaker(
            context, relay.speaker or "", relay.speaker_start or 0, relay.speaker_end or 0
        )
    if chosen.outlet is None:
        for clause in clauses:
            if clause is not chosen and clause.outlet and not clause.addressee:
                chosen.outlet = clause.outlet
    if not speakers and cue_roles().get(chosen.cue_lemma or "") in ("report", "writing"):
        # the outlet itself is the only source named: "The Hill reported"
        chosen.outlet = chosen.outlet or _canonical_speaker(
            context, chosen.speaker or "", chosen.speaker_start or 0, chosen.speaker_end or 0
        )
    return chosen


# --- kinds ---------------------------------------------------------------------------------------


def _word_count(text: str) -> int:
    """Words in a quotation ("Great Satan." has 2).

    >>> _word_count("Great Satan.")
    2
    """
    return len(re.findall(r"\w+(?:[’'\-]\w+)*", text))


def _looks_like_a_label(text: str, before: str) -> bool:
    """A short quoted name or title rather than someone's words ("the “Great Satan.”").

    >>> _looks_like_a_label("Great Satan.", "as the ")
    True
    >>> _looks_like_a_label("large batch", "would buy a ")
    False
    """
    words = re.findall(r"\w+(?:[’'\-]\w+)*", text)
    if not words or len(words) > 5 or re.search(r"[.?!]\s", text):
        return False
    if before.rstrip().lower().endswith(("so-called", "dubbed", "nicknamed", "titled", "entitled")):
        return True
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


# --- the stage ---------------------------------------------------------------------------------


def _load_actors(document: Document) -> Any | None:
    """The actors stage's result, with the page's own actor list when it has one.

    A page list that cannot be read leaves the quotes without actors (``reader actors``
    says what is wrong with the list) rather than without quotes.
    """
    try:
        return find_actors(document, page_path=document.source)
    except (OSError, ValueError):
        return None


def _attributions(context: _Context, spans: list[_Span]) -> list[_Attribution | None]:
    """The attribution each quote's own sentence gives (None when it gives none)."""
    document = context.document
    paragraphs = context.paragraphs
    result: list[_Attribution | None] = []
    by_paragraph: dict[int, list[_Span]] = {}
    for span in spans:
        by_paragraph.setdefault(span.paragraph, []).append(span)

    @lru_cache(maxsize=2)  # the paragraph being read and the one before it
    def masked_sentences(number: int) -> tuple[str, list[int]]:
        block = paragraphs[number]
        masked = _masked_paragraph(document, block.start, block.end, by_paragraph.get(number, []))
        return masked, _sentence_starts(masked)

    for number, members in sorted(by_paragraph.items()):
        block = paragraphs[number]
        masked, starts = masked_sentences(number)
        for span in members:
            open_local = span.open_mark - block.start
            close_local = (
                (span.close_mark - block.start + 1) if span.close_mark is not None else len(masked)
            )
            sentence_start = starts[bisect.bisect_right(starts, open_local) - 1]
            # the sentence starts after the quote (close_local is past open_local)
            later = bisect.bisect_left(starts, close_local)
            sentence_end = starts[later] if later < len(starts) else len(masked)
            left = _tokens(masked, block.start, sentence_start, open_local)
            right = _tokens(masked, block.start, close_local, sentence_end)
            if (
                not any(t.is_word for t in right)
                and _char_before_marks(masked, close_local) in "?!"
            ):
                following_end = starts[later + 1] if later + 1 < len(starts) else len(masked)
                following = _tokens(masked, block.start, close_local, following_end)
                if _is_short_attribution(following):
                    right = following  # “Why …?” Vitter demanded.
            attribution = _read_sentence(context, left, right) or _roundup(context, left)
            if attribution is None and not any(t.is_word for t in left):
                before = _sentence_before(masked_sentences, paragraphs, number, sentence_start)
                attribution = (
                    (_roundup(context, before) or _closing_attribution(context, before))
                    if before
                    else None
                )
            result.append(attribution)
    return result


_NAME = r"[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){1,3}"
_NAMED = r"(?:[Tt]he\s+)?[A-Z][\w.’'\-&]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w.’'\-]*){0,4}"
# "Rich Lowry, National Review:" and "Ana Navarro (@ananavarro) on Twitter:" opening a
# pundits' round-up: the label is the whole sentence before the quote.
_ROUNDUP_LABELS = (
    re.compile(rf"({_NAME})(?:\s+\(@\w+\))?\s+on\s+({_NAMED})\s*:"),
    re.compile(rf"({_NAME}),\s+({_NAMED})\s*:"),
)


def _roundup(context: _Context, tokens: list[_Token]) -> _Attribution | None:
    """A round-up label before a quote: "Name, Outlet:" or "Name (@handle) on Twitter:"."""
    if len(tokens) < 3 or tokens[-1].text != ":":
        return None
    text = context.document.text
    for label in _ROUNDUP_LABELS:
        match = label.fullmatch(text, tokens[0].start, tokens[-1].end)
        if match:
            name_start, name_end = match.span(1)
            return _Attribution(
                speaker=_canonical_speaker(context, match.group(1), name_start, name_end),
                speaker_start=name_start,
                speaker_end=name_end,
                outlet=match.group(2),
                rule="round-up",
                clause=(tokens[0].start, tokens[-1].end),
            )
    return None


def _char_before_marks(text: str, end: int) -> str:
    """The character before ``end`` once closing marks are stepped over ('' if none is left).

    >>> _char_before_marks("“Why not?” Vitter", 10), _char_before_marks("”", 1)
    ('?', '')
    """
    index = end - 1
    while index >= 0 and text[index] in '”"»':
        index -= 1
    return text[index] if index >= 0 else ""


def _sentence_before(
    masked_sentences: Callable[[int], tuple[str, list[int]]],
    paragraphs: list[Block],
    number: int,
    start: int,
) -> list[_Token]:
    """Tokens of the sentence before offset ``start`` of paragraph ``number`` (the last
    sentence of the paragraph before, when ``start`` opens the paragraph).

    ``masked_sentences(n)`` gives paragraph ``n`` masked and its sentence starts.
    """
    masked, starts = masked_sentences(number)
    earlier = bisect.bisect_left(starts, start)  # the sentence starts before ``start``
    if earlier:
        return _tokens(masked, paragraphs[number].start, starts[earlier - 1], start)
    if number == 0:
        return []
    masked, starts = masked_sentences(number - 1)
    return _tokens(masked, paragraphs[number - 1].start, starts[-1], len(masked))


class _PersonMentions:
    """The actors stage's mentions of people, to find the last one before an offset.

    The stage gives its mentions in reading order, so their ends are in order and a
    bisection finds it; a list in another order is read through.
    """

    def __init__(self, mentions: list[Any]):
        self.people = [m for m in mentions if m.type == "person"]
        self.ends = [m.end for m in self.people]
        self.ends_in_order = all(a <= b for a, b in zip(self.ends, self.ends[1:]))

    def last_ending_by(self, offset: int) -> Any | None:
        """The last person mention (in the list's order) that ends at or before ``offset``."""
        if self.ends_in_order:
            index = bisect.bisect_right(self.ends, offset)
            return self.people[index - 1] if index else None
        before = [m for m in self.people if m.end <= offset]
        return before[-1] if before else None


def _last_person_named(context: _Context, offset: int) -> Any | None:
    """The actors stage's last mention of a person ending at or before ``offset``."""
    if context.people is None:
        context.people = _PersonMentions(getattr(context.actors, "mentions", []))
    return context.people.last_ending_by(offset)


# What may stand before a sentence's subject: an opening phrase and a comma ("After the
# vote, "), capitalised titles and names ("Florida Sen. "), "the", "former".
_BEFORE_SUBJECT = re.compile(
    r"(?:[^,.;:“”\"]{0,40},\s+)?(?:(?:[A-Z][\w.’'\-]*|the|former|then|state)\s+)*"
)


def _last_subject_named(context: _Context, offset: int, since: int) -> Any | None:
    """The last person named as a sentence's subject between ``since`` and ``offset``
    ("Hutchinson, too, said …", "After the vote, Rep. Bobby Scott …"), not one named
    in an object or a compound ("wants Obama to", "the Obama administration")."""
    if context.people is None:
        context.people = _PersonMentions(getattr(context.actors, "mentions", []))
    text = context.document.text
    people = context.people
    index = bisect.bisect_right(people.ends, offset) if people.ends_in_order else 0
    for mention in reversed(people.people[:index]):
        if mention.start < since:
            return None
        block = context.paragraphs[_paragraph_of(context, mention.start)]
        low = max(since, block.start, mention.start - 300)
        spans = sentence_spans(text, low, mention.start)
        start = spans[-1][0] if spans else low
        if _BEFORE_SUBJECT.fullmatch(text, start, mention.start):
            return mention
    return None


def _resolve_pronoun(
    context: _Context,
    attribution: _Attribution,
    last_quote: Quote | None,
    last_with_speaker: Quote | None,
    paragraph: int,
    open_mark: int,
) -> tuple[str | None, Quote | None]:
    """Who a pronoun is: a name opening the same sentence ("The Council … what it called");
    for "he"/"she", the last quoted speaker nearby, else the last person named before.

    ``last_quote`` is the quote just before this one, ``last_with_speaker`` the last
    quote before it with a speaker.  "It" and "they" with no name in their sentence
    stay as they are.
    """
    if attribution.antecedent is not None:
        return _canonical_speaker(context, *attribution.antecedent), None
    if (attribution.speaker or "").lower() not in ("he", "she"):
        return None, None
    named = (
        _last_subject_named(context, min(attribution.speaker_start, open_mark), last_quote.end)
        if context.actors is not None
        and attribution.speaker_start is not None
        and last_quote is not None
        else None
    )
    if (
        named is not None
        and last_quote is not None
        and named.paragraph is not None
        and paragraph - named.paragraph <= 1
    ):
        # a person named since the last quote: “…” she said, after "Sen. Claire McCaskill
        # scolded him:" (the quote before stays the antecedent if it is theirs)
        return named.actor, last_quote if last_quote.speaker == named.actor else None
    if (
        last_quote is not None
        and last_quote.kind == "statement"
        and last_quote.speaker
        and paragraph - (last_quote.paragraph or 0) <= 3
    ):
        return last_quote.speaker, last_quote
    if context.actors is not None and attribution.speaker_start is not None:
        person = _last_person_named(context, attribution.speaker_start)
        if person is not None:
            return person.actor, None
    if last_with_speaker is not None:
        return last_with_speaker.speaker, last_with_speaker
    return None, None


def _make_quote(
    document: Document,
    span: _Span,
    attribution: _Attribution | None,
    speaker: str | None,
    kind: str,
) -> Quote:
    """A `Quote` for a span; scare quotes keep no attribution."""
    a = attribution or _Attribution()
    said = kind == "statement" and bool(speaker)
    clause = a.clause or ((a.speaker_start, a.speaker_end) if a.speaker_start is not None else None)
    return Quote(
        text=document.text[span.start : span.end],
        start=span.start,
        end=span.end,
        speaker=speaker if kind == "statement" else None,
        outlet=a.outlet if kind == "statement" else None,
        cue=a.cue if kind == "statement" else None,
        addressee=a.addressee if kind == "statement" else None,
        kind=kind,
        paragraph=span.paragraph,
        speaker_start=a.speaker_start if kind == "statement" and speaker else None,
        speaker_end=a.speaker_end if kind == "statement" and speaker else None,
        rule=a.rule if said else None,
        clause=document.text[clause[0] : clause[1]] if said and clause else None,
    )


def _inherited(span: _Span, previous: Quote | None, paragraphs: list[Block], text: str) -> bool:
    """Whether a quote with no attribution of its own goes with the one before it.

    It does when it is the second piece of a split quote in the same paragraph, the
    next paragraph of a quote running over paragraphs, or a paragraph that is all
    quotation right after a paragraph that ended with an attributed quote or a colon.
    """
    if previous is None or previous.kind != "statement" or previous.speaker is None:
        return False
    if span.continues_previous or previous.paragraph == span.paragraph:
        return True
    if previous.paragraph == span.paragraph - 1:
        block = paragraphs[span.paragraph]
        before = paragraphs[span.paragraph - 1]
        opens_paragraph = span.start - block.start <= 1
        return opens_paragraph and (
            _last_visible_char(text, before.start, before.end) == ":"
            or previous.end >= before.end - 3
        )
    return False


def _last_visible_char(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space ('' if none).

    >>> _last_visible_char("He said:  ", 0, 10), _last_visible_char("  ", 0, 2)
    (':', '')
    """
    index = end - 1
    while index >= start and text[index].isspace():
        index -= 1
    return text[index] if index >= start else ""


def find_quotes(document: Document, actors: ActorResult | None = None) -> list[Quote]:
    """Every quotation of the document with its speaker, cue, addressee and outlet.

    ``actors`` is the result of `reader.actors.find_actors`; when it is not given the
    stage runs it (with the page's own actor list; a list that cannot be read is left
    out) and `find_quotes_without_actors` skips it on purpose: surnames then get the full name
    the text gave first ("Maliki" -> "Nuri al-Maliki").

    >>> from reader import Document
    >>> doc = Document.from_text(
    ...     "“We sincerely thank you,” Maliki told Putin. “Were it not for your role, "
    ...     "the map of the region would have changed.”")
    >>> [(q.speaker, q.cue, q.addressee) for q in find_quotes(doc)]
    [('Maliki', 'told', 'Putin'), ('Maliki', 'told', 'Putin')]
    """
    return _find_quotes(document, _load_actors(document) if actors is None else actors)


def find_quotes_without_actors(document: Document) -> list[Quote]:
    """`find_quotes` with the fallback name grouping only (no actors stage)."""
    return _find_quotes(document, None)


@dataclass
class _Earlier:
    """What a quote looks back at among the quotes found before it."""

    last: Quote | None = None  # the quote just before
    last_statement: Quote | None = None
    last_with_speaker: Quote | None = None

    def add(self, quote: Quote) -> None:
        self.last = quote
        if quote.kind == "statement":
            self.last_statement = quote
        if quote.speaker:
            self.last_with_speaker = quote


def _find_quotes(document: Document, actors: Any | None) -> list[Quote]:
    """Mark pairs -> attributions -> quotes, resolving labels, pronouns and inheritance."""
    context = _Context(
        document, actors, _fallback_full_names(document.text), paragraphs=document.paragraphs()
    )
    spans = _quote_spans(document)
    attributions = _attributions(context, spans)
    quotes: list[Quote] = []
    earlier = _Earlier()
    for span, attribution in zip(spans, attributions):
        quote = _quote_for(context, span, attribution, earlier)
        quotes.append(quote)
        earlier.add(quote)
    _share_over_paragraphs(spans, quotes)
    return quotes


def _quote_for(
    context: _Context, span: _Span, attribution: _Attribution | None, earlier: _Earlier
) -> Quote:
    """The quote of one span: a label, its own attribution, or one it inherits."""
    document = context.document
    words = document.text[span.start : span.end]
    before = document.text[max(0, span.open_mark - 20) : span.open_mark]
    previous = earlier.last_statement
    if _looks_like_a_label(words, before) and not span.continues_previous:
        return _make_quote(document, span, None, None, "scare")
    if (
        attribution is not None
        and attribution.from_previous_sentence
        and _inherited(span, previous, context.paragraphs, document.text)
    ):
        attribution = None
    if span.label is not None and (attribution is None or attribution.from_previous_sentence):
        name = document.text[span.label[0] : span.label[1]]
        attribution = _Attribution(
            speaker=name.title(),
            speaker_start=span.label[0],
            speaker_end=span.label[1],
            rule="transcript label",
        )
    if attribution is not None and attribution.speaker is not None:
        speaker = _canonical_speaker(
            context,
            attribution.speaker,
            attribution.speaker_start or 0,
            attribution.speaker_end or 0,
        )
        if _SPEAKS_FOR_THEM.fullmatch(attribution.speaker):
            owner = _person_before(context, attribution.speaker_start or 0)
            if owner:  # "His office released a statement": the person "his" is
                speaker = _canonical_speaker(context, *owner)
                attribution.rule = "channel owner"
        elif channel_word(attribution.speaker):
            owner = _channel_owner(
                context, attribution.speaker_start or 0, attribution.speaker_end or 0
            )
            speaker = _canonical_speaker(context, *owner) if owner else None
            speaker = re.sub(r"[’']s$", "", speaker) if speaker else None  # "Trump's" tweet
            attribution.rule = "channel owner"
            if owner:
                attribution.speaker_start, attribution.speaker_end = owner[1], owner[2]
        elif attribution.pronoun:
            resolved, antecedent = _resolve_pronoun(
                context,
                attribution,
                earlier.last,
                earlier.last_with_speaker,
                span.paragraph,
                span.open_mark,
            )
            speaker = resolved or attribution.speaker
            if resolved:
                attribution.rule = "pronoun"
            if (
                antecedent is not None
                and attribution.cue_lemma in _CONTINUATION_LEMMAS
                and not attribution.outlet
            ):
                attribution.outlet = antecedent.outlet
        return _make_quote(document, span, attribution, speaker, "statement")
    if _inherited(span, previous, context.paragraphs, document.text):
        assert previous is not None
        inherited = _Attribution(
            speaker=previous.speaker,
            speaker_start=previous.speaker_start,
            speaker_end=previous.speaker_end,
            cue=previous.cue,
            addressee=previous.addressee,
            outlet=previous.outlet,
            rule="continues",
        )
        quote = _make_quote(document, span, inherited, previous.speaker, "statement")
        quote.clause = previous.clause
        return quote
    kind = "scare" if _word_count(words) <= 3 else "statement"
    about = _about_one_person(context, span) if kind == "statement" else None
    if about is not None:
        return _make_quote(document, span, about, about.speaker, kind)
    return _make_quote(document, span, None, None, kind)


def _about_one_person(context: _Context, span: _Span) -> _Attribution | None:
    """A quote with no cue in a paragraph about one person goes to that person.

    Only when the paragraph names exactly one person before the quote (however often):
    with anyone else named between, the quote gets no speaker rather than a guess.
    ("House Speaker Paul Ryan, R-Wis., despite admitting that he did have his concerns
    about “trial lawyers trying to get rich” …")
    """
    mentions = getattr(context.actors, "mentions", None)
    if not mentions:
        return None
    block = context.paragraphs[span.paragraph]
    named = [
        m
        for m in mentions
        if block.start <= m.start and m.end <= span.open_mark and m.type not in ("place", "state")
    ]
    if not named or {m.type for m in named} != {"person"} or len({m.actor for m in named}) > 1:
        return None  # nobody, or someone (or something) else named before the quote
    text = context.document.text
    sentence = max(
        [block.start]
        + [block.start + a for a, _ in sentence_spans(text[block.start : span.open_mark])]
    )
    between = _tokens(text, 0, min(sentence, named[0].end), span.open_mark)
    if _find_cues(between) or any(
        t.lower in CHANNEL_WORDS or t.lower in outlet_words() or t.lower in _DOCUMENT_WORDS
        for t in between
    ):
        return None  # a cue or a document between: their reading failed, do not guess
    people, last = named, named[-1]
    return _Attribution(
        speaker=people[0].actor,
        speaker_start=last.start,
        speaker_end=last.end,
        rule="about one person",
        clause=(people[0].start, span.open_mark),
    )


def _share_over_paragraphs(spans: list[_Span], quotes: list[Quote]) -> None:
    """A quote running over paragraphs takes the attribution found on any of its pieces."""
    index = 0
    while index < len(spans):
        end = index
        while end + 1 < len(spans) and spans[end + 1].continues_previous:
            end += 1
        group = quotes[index : end + 1]
        source = next((q for q in reversed(group) if q.speaker), None)
        if source is not None and end > index:
            for quote in group:
                if quote.speaker is None:
                    quote.kind = "statement"
                    quote.speaker, quote.cue, quote.outlet = (
                        source.speaker,
                        source.cue,
                        source.outlet,
                    )
                    quote.addressee = source.addressee
                    quote.speaker_start, quote.speaker_end = (
                        source.speaker_start,
                        source.speaker_end,
                    )
                    quote.rule, quote.clause = "continues", source.clause
        index = end + 1


def quotes_df(quotes: list[Quote]) -> pd.DataFrame:
    """One row a quote: text, speaker, outlet, cue, addressee, kind, paragraph, start, end, …

    >>> from reader import Document
    >>> doc = Document.from_text("“We want bigger openness,” Maliki said.")
    >>> quotes_df(find_quotes(doc))[["text", "speaker", "cue"]].values.tolist()
    [['We want bigger openness', 'Maliki', 'said']]
    """
    columns = list(Quote.__dataclass_fields__)
    return pd.DataFrame([asdict(q) for q in quotes], columns=columns)


def quotes_json(document: Document) -> dict:
    """``{"quotes": [...]}`` as ``reader quotes PAGE --json`` prints it.

    >>> from reader import Document
    >>> quotes_json(Document.from_text("“We want openness,” he said."))["quotes"][0]["text"]
    'We want openness'
    """
    return {"quotes": [asdict(q) for q in find_quotes(document)]}
