"""Reading the words around a cue: the cue itself, the name or described person before or
after it, a subject opening the sentence.
"""

from __future__ import annotations

import re

from reader.document import Document
from reader.quotes.model import _Cue, _Token
from reader.quotes.words import (
    _AMBIGUOUS_NOUN_CUES,
    _BETWEEN,
    _CAPITALISED_STOPS,
    _DETERMINERS,
    _NAME_PARTICLES,
    _NOUN_BEFORE,
    _PHRASE_BREAKS,
    _PREPOSITIONS,
    _TIME_WORDS,
    CHANNEL_WORDS,
    PRONOUNS,
    cue_lexicon,
)
from reader.text import ABBREVIATIONS, TITLES_BEFORE_A_NAME, word_zipf

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
