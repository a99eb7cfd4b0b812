"""One sentence's attribution of a quote: the clause around its cue, the outlet relaying
it, and which clause of a sentence tags which quote.
"""

from __future__ import annotations

import re

from reader.quotes.model import _Attribution, _Context, _Cue, _Token
from reader.quotes.names import _actor_type, _canonical_speaker, _is_outlet
from reader.quotes.phrases import (
    _described_name_forward,
    _find_cues,
    _first_word,
    _is_name_word,
    _name_forward,
    _phrase,
    _sentence_subject,
    _subject_before,
)
from reader.quotes.words import (
    _BETWEEN,
    _CLAUSE_OPENERS,
    _DETERMINERS,
    _PHRASE_BREAKS,
    _PREPOSITIONS,
    _TIME_WORDS,
    _TITLE_SMALL_WORDS,
    PRONOUNS,
    cue_roles,
    outlet_words,
)

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
