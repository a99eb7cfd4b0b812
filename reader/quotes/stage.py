"""The stage: each quote's attribution from its sentence, the sentence before, a round-up
label, a pronoun, the quote it continues or the one person its paragraph is about.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from reader.actors import ActorResult, find_actors
from reader.document import Block, Document
from reader.quotes.channels import _SPEAKS_FOR_THEM, _channel_owner, _person_before, channel_word
from reader.quotes.marks import _masked_paragraph, _quote_spans, _sentence_starts, _tokens
from reader.quotes.model import Quote, _Attribution, _Context, _Span, _Token
from reader.quotes.names import (
    _canonical_speaker,
    _fallback_full_names,
    _last_person_named,
    _last_subject_named,
    _mentions_in,
)
from reader.quotes.phrases import _find_cues
from reader.quotes.sentence import (
    _closing_attribution,
    _is_short_attribution,
    _looks_like_a_label,
    _read_sentence,
    _word_count,
)
from reader.quotes.words import _CONTINUATION_LEMMAS, _DOCUMENT_WORDS, CHANNEL_WORDS, outlet_words
from reader.text import sentence_spans

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
    if context.actors is None:
        return None
    block = context.paragraphs[span.paragraph]
    named = [
        m
        for m in _mentions_in(context, block.start, span.open_mark)
        if m.type not in ("place", "state")
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
