"""Finding the actors no list names: people (with their titles) and organisations.

News names people in a few set ways, and this module reads those ways without a
tagger or a model:

- a run of capitalised words, with name particles ("Nuri al-Maliki", "Bill de Blasio",
  "Tom O’Connor") and initials ("Paul D. Ryan");
- often after a title that says who they are ("Russian Foreign Minister Sergei Lavrov":
  the title is the role, the demonym links the person to Russia);
- later by surname only ("Lavrov said"), grouped with the full name by the caller.

A run is *not* a person when its last word heads a place, event or organisation
("Caspian Sea", "Green Revolution", "Washington Institute for Near East Policy"), when
it is a common word that only has a capital because it starts the sentence (judged
by wordfreq and by whether the document also uses it in lower case), or when it sits in
scare quotes (“Great Satan”).

>>> text = "Maliki told Russian Foreign Minister Sergei Lavrov in St Petersburg."
>>> [(c.text, c.type, c.role) for c in discover_names(text, [(0, len(text))], covered=[(12, 19)])]
[('Maliki', 'person', None), ('Sergei Lavrov', 'person', 'Russian Foreign Minister')]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.actors.words import (
    EVENT_HEADS,
    FUNCTION_WORDS,
    GOVERNING_NOUNS,
    MONTHS_AND_DAYS,
    NOT_GIVEN_NAMES,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    SPEECH_VERBS,
    is_title_word,
    normalise_word,
)
from reader.text import TITLE_ABBREVIATIONS, word_zipf

_UPPER = "".join(re.escape(chr(c)) for c in range(0x41, 0x250) if chr(c).isupper())
# a word after its capital: "Maliki", "O’Connor", "Vice-President", "Park Geun-hye"
# (the look-ahead skips the three optional groups at once after most words, which end
# at a space or a stop, not an apostrophe or a hyphen)
_WORD_TAIL = (
    rf"\w*(?:(?=[’'\-])(?:[’'][{_UPPER}]\w*)*(?:-[{_UPPER}]\w*(?:[’'][{_UPPER}]\w*)*)*"
    r"(?:-(?!(?:led|era|run|made|born|like|wide|held|type|free|rich|bred)\b)[a-z]{2,4}\b)?|)"
)
_WORD = rf"[{_UPPER}]{_WORD_TAIL}"
# "Sen.", "Capt.", "St.": titles whose full stop belongs to a name run
_ABBREVIATED_TITLES = sorted(title.capitalize() for title in TITLE_ABBREVIATIONS)
_HYPHEN_PARTICLES = "al el ad ash as at az an ar bin ibn abu bint ben".split()
_INITIAL_TAIL = rf"\.(?:[{_UPPER}]\.)*"
_INITIAL = rf"[{_UPPER}]{_INITIAL_TAIL}"
_HYPHEN_PARTICLE = rf"(?:{'|'.join(_HYPHEN_PARTICLES)})-"
_SPACE_PARTICLE = (
    r"(?:bin|ibn|abu|bint|ben|von|van|der|den|de|da|del|della|di|du|dos|das|le|la|ul|y)"
)
_CONNECTOR = r"(?:of|for|on|of the|for the|on the)"
_INITIAL_RE = re.compile(_INITIAL)


def _after_first_letter(words: list[str]) -> str:
    """A regex for the rest of any of ``words`` once its first letter has been read.

    Each rest is guarded by a look-behind at that letter, so the pair of the letter and
    the rest matches exactly the words:

    >>> _after_first_letter(["Mr", "Mrs", "Dr"])
    '(?:(?<=M)(?:r|rs)|(?<=D)r)'
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:"
        + "|".join(
            f"(?<={re.escape(first)})" + (f"(?:{'|'.join(r)})" if len(r) > 1 else r[0])
            for first, r in rests.items()
        )
        + ")"
    )


# A token is an abbreviated title ("Sen."), initials ("D."), a word with a hyphenated
# particle ("al-Maliki") or a capitalised word.  It is written as its first letter, then
# the rest: a regex that opens with a class of letters lets the engine skip straight to
# those letters; one that opens with a group or a look-behind is tried at every position.
_PARTICLE_LETTERS = "".join(sorted({p[0] for p in _HYPHEN_PARTICLES}))
# every abbreviated title goes on with one to three small letters and a full stop: the
# look-ahead says so once, before the look-behinds at each first letter are tried
_AFTER_CAPITAL = (
    rf"(?:(?=[a-z]{{1,3}}\.){_after_first_letter(_ABBREVIATED_TITLES)}\."
    rf"|{_INITIAL_TAIL}|{_WORD_TAIL})"
)
_AFTER_PARTICLE_LETTER = rf"{_after_first_letter(_HYPHEN_PARTICLES)}-{_WORD}"
_TOKEN = rf"(?:[{_UPPER}]{_AFTER_CAPITAL}|[{_PARTICLE_LETTERS}]{_AFTER_PARTICLE_LETTER})"
# a token must not be glued by a hyphen to a lower-case word ("Iran-backed", "anti-Putin");
# the run's first token checks the character before its first letter by a look-behind
_EDGE_BEFORE = r"[\w’'\-.]"
_EDGE_AFTER = r"(?!\w|[’'](?!s\b)|-\w|-\s)"
_FIRST_TOKEN = (
    rf"[{_UPPER}{_PARTICLE_LETTERS}](?<!{_EDGE_BEFORE}.)"
    rf"(?:(?<=[{_UPPER}]){_AFTER_CAPITAL}|{_AFTER_PARTICLE_LETTER})"
)
# the run's further tokens, each after a space and maybe particles or a connector; the
# look-ahead at the letters these can open with ends a run at an ordinary word at once
_NEXT_WORDS = [*_SPACE_PARTICLE.strip("(?:)").split("|"), *_CONNECTOR.strip("(?:)").split("|")]
_NEXT_LETTERS = "".join(sorted({w[0] for w in _NEXT_WORDS} | set(_PARTICLE_LETTERS)))
_NEXT_TOKENS = (
    rf"(?: (?=[{_UPPER}{_NEXT_LETTERS}])(?:(?:{_SPACE_PARTICLE} )*|{_CONNECTOR} )"
    rf"{_TOKEN}{_EDGE_AFTER})*"
)
NAME_RUN = re.compile(rf"{_FIRST_TOKEN}{_EDGE_AFTER}{_NEXT_TOKENS}")
# The same runs, found from their capital only.  The letters that may open a particle
# ("al-Maliki") are among the commonest in English, and a search opening with them tries a
# match at nearly every word; particle-led runs are found through their hyphen instead.
_CAPITAL_RUN = re.compile(
    rf"[{_UPPER}](?<!{_EDGE_BEFORE}.){_AFTER_CAPITAL}{_EDGE_AFTER}{_NEXT_TOKENS}"
)
_HYPHEN_CAPITAL = re.compile(rf"-[{_UPPER}]")
_PARTICLE_LENGTHS = sorted({len(p) for p in _HYPHEN_PARTICLES}, reverse=True)
_RUN_PART = re.compile(rf"{_TOKEN}|\b(?:of|for|on|the)\b|\b{_SPACE_PARTICLE}\b")
# precompiled once: these run for every capitalised run of a page
# (it opens with its first letter and checks the character before it afterwards, so
# that a search over a long text skips to letters; see `_PROSE_WORD`)
_LOWERCASE_WORD = re.compile(r"[a-z](?<![\w’'-].)[a-z’'-]*")
_LETTER_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_APPOSITION_AFTER = re.compile(r",\s+(?:who|a|an|the)\s+(?:\d|[a-z])")
_AGE_AFTER = re.compile(r",\s+\d{1,3},")
_AFTER_HYPHEN_PARTICLE = re.compile(rf"{_HYPHEN_PARTICLE}(.+)")
_PARTICLES = frozenset(_SPACE_PARTICLE.strip("(?:)").split("|"))
_CONNECTORS = frozenset({"of", "for", "on", "the"})
_SURNAME_TITLES = frozenset({"king", "bishop", "dean", "major", "marshal", "judge", "chancellor"})
_GROUP_ENDINGS = ("ans", "ics", "ists", "ese")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FUNCTION_WORDS_BUT_WILL = FUNCTION_WORDS - {"will"}  # "Will Smith"


@dataclass
class NameCandidate:
    """A name found by discovery: its span, what it is, and the evidence for it."""

    start: int
    end: int
    text: str
    type: str
    role: str | None = None
    role_start: int | None = None
    affiliations: tuple[tuple[int, int], ...] = ()
    evidence: str = ""

    @property
    def tokens(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True, slots=True)
class _Part:
    """One word of a capitalised run, with what the run's reading asks of it.

    ``offset`` and ``end_offset`` count from the start of the run, so the parts of a run
    depend on its text alone and are read once per distinct run (`_run_parts`).
    """

    offset: int
    end_offset: int
    text: str
    norm: str
    is_connector: bool  # "of", "for": inside an organisation's name
    is_particle: bool  # "bin", "von": inside a person's name
    is_initial: bool  # "D.", "J.R."
    is_title: bool  # "President", "Sen."


@lru_cache(maxsize=16384)
def _run_parts(run: str) -> tuple[_Part, ...]:
    """The words of a capitalised run (names recur, so each distinct run is read once)."""
    parts = []
    for match in _RUN_PART.finditer(run):
        word = match.group()
        parts.append(
            _Part(
                match.start(),
                match.end(),
                word,
                normalise_word(word),
                word in _CONNECTORS,
                word in _PARTICLES,
                _INITIAL_RE.fullmatch(word) is not None,
                is_title_word(word),
            )
        )
    return tuple(parts)


def _text_span(parts: Sequence[_Part], run_start: int) -> tuple[int, int]:
    """Where ``parts`` (of the run starting at ``run_start``) lie in the text."""
    return run_start + parts[0].offset, run_start + parts[-1].end_offset


class _Covered:
    """Character spans already claimed by the gazetteer (demonyms, states, outlets)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        # the spans with a dummy span at each end that overlaps nothing: there is always
        # a span on either side of a position, and `span_over` needs no bounds checks
        self._fenced = [(-1, -1), *self.spans, (sys.maxsize, sys.maxsize)]
        self._starts = [s for s, _ in self._fenced]
        # the lists' matches never overlap one another; spans given by hand might
        ends = [e for _, e in self.spans]
        self.disjoint = all(map(operator.le, ends, self._starts[2:]))

    def span_over(self, start: int, end: int) -> tuple[int, int] | None:
        """The span overlapping ``start:end`` (the one starting at or before it first)."""
        i = bisect.bisect_right(self._starts, start)
        s, e = self._fenced[i - 1]
        if s < end and start < e:
            return (s, e)
        s, e = self._fenced[i]
        if s < end and start < e:
            return (s, e)
        return None


def lowercase_vocabulary(text: str) -> frozenset[str]:
    """The words the document writes in lower case: its common words, not names.

    >>> "revolution" in lowercase_vocabulary("The Green Revolution was a revolution.")
    True
    """
    # The regex cannot match across a space, so reading each distinct whitespace-free
    # piece once (joined by spaces, in one regex pass) finds the same words as reading
    # the whole text: a page says "the" and "said" many times.
    return frozenset(_LOWERCASE_WORD.findall(" ".join(set(text.split()))))


def is_common_capitalised(word: str, lowercase_words: frozenset[str]) -> bool:
    """A capitalised word that is really an ordinary word (a sentence opener, not a name).

    >>> is_common_capitalised("Several", frozenset()), is_common_capitalised("Lavrov", frozenset())
    (True, False)
    """
    norm = normalise_word(word)
    if norm in FUNCTION_WORDS or norm in MONTHS_AND_DAYS:
        return True
    if norm in lowercase_words and word_zipf(norm) >= 3.0:
        return True
    return word_zipf(norm) >= 5.5


def _is_org_head(word: str) -> bool:
    return normalise_word(word) in ORGANISATION_HEADS


def _is_non_person_head(word: str) -> bool:
    norm = normalise_word(word)
    return norm in ORGANISATION_HEADS or norm in PLACE_HEADS or norm in EVENT_HEADS


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (read within 40 characters), "" unless a space parts them."""
    if not text[start - 1 : start].isspace():
        return ""
    words = text[start - 40 if start > 40 else 0 : start].rsplit(None, 1)  # max() is slower
    return normalise_word(words[-1].rstrip(",:")) if words else ""


# a space (maybe after a comma), then the word up to the next space ("" if none comes)
_WORD_AFTER = re.compile(r",?\s\s*(\S*)")


def _word_after(text: str, end: int) -> str:
    """The word just after ``end`` or after a comma there (read within 40 characters)."""
    after = _WORD_AFTER.match(text, end, end + 40)
    return normalise_word(after[1].strip(',.;:“”"')) if after else ""


def person_evidence(text: str, start: int, end: int) -> str:
    """Why the words around a name say it is a person ("" when they say nothing).

    >>> text = "the Assad regime, as Lavrov said"
    >>> person_evidence(text, 4, 9), person_evidence(text, 21, 27), person_evidence(text, 0, 3)
    ('governs', 'speaks', '')
    """
    after = _word_after(text, end)
    if after in SPEECH_VERBS:
        return "speaks"
    before = _word_before(text, start)
    if before in SPEECH_VERBS:
        return "speaks"
    comma = text.startswith(",", end)
    if after in GOVERNING_NOUNS and not comma:
        return "governs"
    if comma:  # an apposition or an age opens with a comma
        if _APPOSITION_AFTER.match(text, end, end + 12):
            return "apposition"
        if _AGE_AFTER.match(text, end, end + 8):
            return "age"
    if before and is_title_word(before) and before not in {"chief", "general"}:
        return "title"
    return ""


_LOCATIVES = frozenset("in at from to near of across into outside inside around".split())


def _in_scare_quotes(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] in '“"‘' and text[end : end + 1] in '”"’' and start > 0


def _valid_name_words(
    parts: Sequence[_Part], lowercase_words: frozenset[str], titled: bool, evidence: str = ""
) -> bool:
    words = [p for p in parts if not p.is_particle]
    if not words or len(words) > 5:
        return False
    named = False  # a word that is neither an initial nor a suffix
    for part in words:
        suffix = part.norm in _NAME_SUFFIXES
        if part.is_initial or (suffix and part is not words[0]):
            continue  # "Paul D. Ryan", "Julie A. Diaz Martinez"
        named = named or not suffix
        bare = part.text.rstrip(".")
        if len(bare) > 1 and bare.isupper() and (not titled or len(bare) > 3):
            return False  # acronyms (NYPD, ER) and shouted words (FELLOW DOCTORS) are not names
        ordinary = part.norm in MONTHS_AND_DAYS or part.norm in _FUNCTION_WORDS_BUT_WILL
        if ordinary and (not titled or part is words[0]):
            return False  # but "Prime Minister Theresa May" is a name
    if _is_non_person_head(words[-1].text) and words[-1].norm not in _NAME_SUFFIXES:
        return False
    if not named:
        return False  # "Jr." or "D." alone
    if not titled:
        first = words[0].norm
        if first in NOT_GIVEN_NAMES or (len(words) > 1 and _is_non_person_head(words[0].text)):
            return False
        last = words[-1].norm
        if len(words) > 1 and not evidence:
            # "Secret Service", "Open Borders", "Top Model": words the page also writes in lower case
            if last in lowercase_words and word_zipf(last) >= 3.5:
                return False
            if first in lowercase_words and word_zipf(first) >= 3.0:
                return False
        if len(words) == 1:
            strong = evidence in ("speaks", "title", "governs")
            if (
                words[0].is_title
                or _is_office_word(first)
                or word_zipf(first) >= (5.0 if strong else 4.5)
            ):
                return False  # a lone "President", "Director", "Navy", "Dad"
        if words[0].is_title:
            return False
        if any(p.is_title and p.norm not in _SURNAME_TITLES for p in words[1:]):
            return False  # "Lafer Fellow", "Foreign Minister"; but "Martin Luther King"
    return True


def _split_at_covered(
    parts: Sequence[_Part], start: int, covered: _Covered
) -> list[Sequence[_Part]]:
    """The stretches of a run (starting at ``start``) between the words the lists cover,
    without the particles and connectors at their edges."""
    segments: list[list[_Part]] = [[]]
    for part in parts:
        if covered.span_over(start + part.offset, start + part.end_offset):
            segments.append([])
        else:
            segments[-1].append(part)
    return [s for s in map(_strip_edges, segments) if s]


def _first_connector(parts: Sequence[_Part]) -> int:
    """Index of the first connector ("of", "for") among ``parts``; their number if none."""
    for i, part in enumerate(parts):
        if part.is_connector:
            return i
    return len(parts)


def _strip_edges(parts: Sequence[_Part]) -> Sequence[_Part]:
    while parts and (parts[0].is_connector or parts[0].is_particle):
        parts = parts[1:]
    while parts and (parts[-1].is_connector or parts[-1].is_particle):
        parts = parts[:-1]
    return parts


_OFFICE_WORDS = frozenset(
    """state defense defence interior intelligence energy justice labor labour commerce
    agriculture education health transportation treasury homeland security veterans affairs
    housing finance foreign economy trade staff army navy police""".split()
)


def _is_office_word(norm: str) -> bool:
    """Words naming an office after "of": "Secretary of *Homeland Security*"."""
    return norm in _OFFICE_WORDS or norm in NOT_GIVEN_NAMES or _is_non_person_head(norm)


def _title_split(parts: Sequence[_Part]) -> int:
    """Index of the first name word after the last title word (0 when there is no title)."""
    split = 0
    for i, part in enumerate(parts):
        if part.is_title and i + 1 < len(parts):
            j = i + 1
            # "Secretary of State John Kerry", "Director of National Intelligence Dan Coats"
            if parts[j].text == "of":
                j += 1
                while j < len(parts) - 1 and (
                    parts[j].is_connector or _is_office_word(parts[j].norm)
                ):
                    j += 1
            rest = parts[j:]
            named = [
                p
                for p in rest
                if p.norm not in _NAME_SUFFIXES
                and not p.is_connector
                and not _is_office_word(p.norm)
            ]
            if rest and not rest[0].is_connector and named:  # not "Martin Luther King Jr."
                split = j
    return split


def name_runs(text: str, start: int, end: int) -> list[re.Match]:
    """The matches of `NAME_RUN` in ``text[start:end]``, as ``NAME_RUN.finditer`` gives them.

    >>> text = "Nuri al-Maliki met al-Abadi and Sergei Lavrov."
    >>> [m.group() for m in name_runs(text, 0, len(text))]
    ['Nuri al-Maliki', 'al-Abadi', 'Sergei Lavrov']
    """
    particle_runs = []
    for hyphen in _HYPHEN_CAPITAL.finditer(text, start, end):
        for length in _PARTICLE_LENGTHS:  # longest first: the leftmost possible start
            begin = hyphen.start() - length
            if begin >= start and (run := NAME_RUN.match(text, begin, end)) is not None:
                particle_runs.append(run)
                break
    if not particle_runs:
        return list(_CAPITAL_RUN.finditer(text, start, end))
    # Merge the two kinds in text order, as one search for both would find them: a run
    # starting inside an earlier one is no run, and the search goes on after a run's end.
    runs = []
    cursor = start
    capitals = _CAPITAL_RUN.finditer(text, start, end)
    capital = next(capitals, None)
    for particle in particle_runs:
        while capital is not None and capital.start() < particle.start():
            runs.append(capital)
            cursor = capital.end()
            capital = next(capitals, None)
        if particle.start() < cursor:
            continue
        runs.append(particle)
        cursor = particle.end()
        if capital is not None and capital.start() < cursor:
            capitals = _CAPITAL_RUN.finditer(text, cursor, end)
            capital = next(capitals, None)
    while capital is not None:
        runs.append(capital)
        capital = next(capitals, None)
    return runs


def analyse_run(
    text: str,
    start: int,
    end: int,
    covered: _Covered,
    lowercase_words: frozenset[str],
    sentence_starts: set[int],
    run_evidence: str | None = None,
) -> list[NameCandidate]:
    """Read one capitalised run: the person (with role) or organisation it names, if any.

    ``run_evidence`` is `person_evidence` for the whole run, when the caller has it already.
    """
    parts = _run_parts(text[start:end])
    # A common word that starts the sentence only has its capital from its position.
    while parts and not parts[0].is_connector:
        first = parts[0]
        if first.is_title:
            break  # "King Salman said", "President Obama": the title starts the name
        first_start = start + first.offset
        # (at the text's start the slice is "", which is in any string)
        at_start = first_start in sentence_starts or text[first_start - 1 : first_start] in '“"‘('
        gerund = at_start and first.norm.endswith("ing") and word_zipf(first.norm) >= 3.0
        if (
            gerund
            or (at_start or first.norm in FUNCTION_WORDS)
            and is_common_capitalised(first.text, lowercase_words)
        ):
            if covered.span_over(first_start, start + first.end_offset):
                break
            parts = parts[1:]
        else:
            break
    parts = _strip_edges(parts)
    if not parts:
        return []
    run_start, run_end = _text_span(parts, start)
    over = covered.span_over(run_start, run_end)
    if over == (run_start, run_end):
        return []
    if _in_scare_quotes(text, run_start, run_end):
        return []

    split = _title_split(parts)
    if split:
        role_parts, name_parts = parts[:split], parts[split:]
        connector = _first_connector(name_parts)
        if connector < len(name_parts):
            name_parts = _strip_edges(name_parts[:connector])
        # Sen. Bernie Sanders: keep a lone abbreviated title out; "Mr. Obama" keeps its name
        if name_parts and _valid_name_words(name_parts, lowercase_words, titled=True):
            affiliations = tuple(
                span
                for p in role_parts
                if (span := covered.span_over(start + p.offset, start + p.end_offset)) is not None
            )
            name_start, name_end = _text_span(name_parts, start)
            role_start, role_end = _text_span(role_parts, start)
            return [
                NameCandidate(
                    name_start,
                    name_end,
                    text[name_start:name_end],
                    "person",
                    role=text[role_start:role_end],
                    role_start=role_start,
                    affiliations=affiliations,
                    evidence="title",
                )
            ]
        return []

    connector = _first_connector(parts)
    if connector < len(parts) or _is_org_head(parts[-1].text):
        # "Institute for ...", "Bank of ...": the head comes before the connector
        if any(_is_org_head(p.text) for p in parts[:connector]) and len(parts) > 1:
            if parts[0].text == "The":
                parts = parts[1:]
            org_start, org_end = _text_span(parts, start)
            return [
                NameCandidate(
                    org_start,
                    org_end,
                    text[org_start:org_end],
                    "organisation",
                    evidence="head",
                )
            ]
        if connector == len(parts):
            return []
        # "wrote Cameron Easley for Morning Consult": the name is the part before "for"
        parts = _strip_edges(parts[:connector])
        if not parts or (len(parts) == 1 and word_zipf(parts[0].norm) >= 3.5):
            return []  # "Democracy for America" is not a person called Democracy

    candidates = []
    if over is None and covered.disjoint:
        segments = [parts]  # no listed span overlaps the run, so none overlaps its words
    else:
        segments = _split_at_covered(parts, start, covered)
    for segment in segments:
        seg_start, seg_end = _text_span(segment, start)
        words = [p for p in segment if not p.is_particle]
        if run_evidence is not None and seg_start == start and seg_end == end:
            evidence = run_evidence
        else:
            evidence = person_evidence(text, seg_start, seg_end)
        if len(words) == 1:
            single = words[0]
            at_start = start + single.offset in sentence_starts
            if not evidence or (at_start and is_common_capitalised(single.text, lowercase_words)):
                continue
            if word_zipf(single.norm) >= 5.0 and single.norm in lowercase_words:
                continue
            if at_start and evidence != "title" and word_zipf(single.norm) >= 3.0:
                continue  # "Demonstrators said", "Overall, the poll": English words, not names
            if evidence == "apposition" and _word_before(text, seg_start) in _LOCATIVES:
                continue  # "in Tulsa, a city ...": a place
            if single.is_initial or single.norm.endswith(_GROUP_ENDINGS):
                continue  # "S.E.C."; "Europeans said" names a group, not a person
            if is_plural_noun(single.text, lowercase_words) and not named_in_full(
                text, single.text
            ):
                continue  # "Exporters said", "Officials told": a plural noun, not a person
        if not _valid_name_words(segment, lowercase_words, titled=False, evidence=evidence):
            continue
        if len(segment) != len(parts) and not evidence:
            continue  # part of a run the gazetteer split ("Tsarist Russia")
        candidates.append(
            NameCandidate(
                seg_start, seg_end, text[seg_start:seg_end], "person", evidence=evidence or "name"
            )
        )
    return candidates


_AGENT_PLURALS = ("ers", "ors", "ists", "ants", "ents")


def is_plural_noun(word: str, lowercase_words: frozenset[str]) -> bool:
    """A capitalised plural common noun: the page writes it in lower case too, or it has
    an agent's plural ending ("Exporters", "Meatpackers", "Economists").

    >>> [is_plural_noun(w, frozenset({"officials"})) for w in ("Officials", "Exporters", "Jones")]
    [True, True, False]
    """
    lower = word.lower()
    if not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return False
    return lower in lowercase_words or lower.endswith(_AGENT_PLURALS)


@lru_cache(maxsize=4096)
def named_in_full(text: str, word: str) -> bool:
    """Whether the page names ``word`` after a capitalised word or an initial ("Bernie
    Sanders", "Mr. Powers"): then a lone "Sanders" is that person, not a plural noun.

    >>> named_in_full("Bernie Sanders spoke. Sanders said no.", "Sanders")
    True
    >>> named_in_full("Exporters said no. The exporters left.", "Exporters")
    False
    """
    at = text.find(word)
    while at >= 0:  # str.find, not a regex search: fast on a long page
        end = at + len(word)
        if not text[end : end + 1].isalnum():
            before = text[max(0, at - 40) : at]
            words = before.split()
            if before[-1:].isspace() and words and re.fullmatch(r"[A-Z][\w’'\-]*\.?", words[-1]):
                return True
        at = text.find(word, at + 1)
    return False


def discover_names(
    text: str,
    sentences: list[tuple[int, int]],
    covered: Iterable[tuple[int, int]] = (),
    blocks: Iterable[tuple[int, int]] | None = None,
) -> list[NameCandidate]:
    """People and organisations named in ``text`` that the gazetteer spans ``covered`` leave open.

    ``blocks`` are the (start, end) spans to read (a document's blocks); headlines in
    Title Case are skipped, since every word there has a capital.
    """
    covered_spans = _Covered(covered)
    lowercase_words = lowercase_vocabulary(text)
    sentence_starts = {s for s, _ in sentences}
    found: list[NameCandidate] = []
    runs: list[re.Match] = []
    for block_start, block_end in blocks if blocks is not None else [(0, len(text))]:
        # headlines are short; a long block is never Title Case
        if block_end - block_start < 300 and is_title_case(text[block_start:block_end]):
            continue
        runs += name_runs(text, block_start, block_end)
    # A run that is exactly one listed name ("Russia") has nothing to discover; on a page
    # most runs are, so they are left out in C (compress) before the loop.
    exact_spans = set(covered_spans.spans)
    exact = map(exact_spans.__contains__, map(re.Match.span, runs))
    for match in itertools.compress(runs, map(operator.not_, exact)):
        start, end = match.span()
        evidence = None
        if " " not in match.group():
            if _lone_word_never_names(match.group()):
                continue  # "The", "Although", "Senate": never a name, whatever is around it
            evidence = person_evidence(text, start, end)
            if not evidence:
                continue  # a lone capitalised word needs a cue ("said", "Mr.") to be a name
        found.extend(
            analyse_run(text, start, end, covered_spans, lowercase_words, sentence_starts, evidence)
        )
    return trim_words_before_names(found, sentence_starts, lowercase_words)


@lru_cache(maxsize=16384)
def _lone_word_never_names(run: str) -> bool:
    """True for a one-word run that `analyse_run` drops whatever is around it.

    What `analyse_run` reads of a lone word without looking around it: a title, a group's
    ending ("Europeans"), and `_valid_name_words` with the most that evidence can do (a
    speech verb after it).  If even that says no (a function word, an initial, an
    acronym, a place or office, a very common English word), no context makes the word
    a name; whether the lists cover it does not matter either, as `analyse_run` drops a
    covered lone word too.  Knowing this saves looking for evidence around the
    commonest runs of a page.

    >>> [_lone_word_never_names(w) for w in ["The", "Senate", "NATO", "Obama"]]
    [True, True, True, False]
    """
    parts = _run_parts(run)
    if len(parts) != 1:
        return False
    return (
        parts[0].is_title
        or parts[0].norm.endswith(_GROUP_ENDINGS)
        or not _valid_name_words(parts, frozenset(), titled=False, evidence="speaks")
    )


def trim_words_before_names(
    found: list[NameCandidate], sentence_starts: set[int], lowercase_words: frozenset[str]
) -> list[NameCandidate]:
    """Drop a word glued before a name the page names elsewhere: "Democrat Hillary Clinton",
    "Hold Melania Trump" (a sentence-opening verb), "Notice Trump".

    >>> a = NameCandidate(0, 12, "Melania Trump", "person")
    >>> b = NameCandidate(20, 37, "Hold Melania Trump", "person")
    >>> [c.text for c in trim_words_before_names([a, b], {20}, frozenset())]
    ['Melania Trump', 'Melania Trump']
    """
    full_names = {c.text for c in found if c.type == "person" and len(c.tokens) > 1}
    names_by_short_form: dict[str, set[str]] = {}
    for name in full_names:
        for form in _short_forms(name):
            names_by_short_form.setdefault(form, set()).add(name)
    trimmed = []
    for cand in found:
        if cand.type == "person" and not cand.role and cand.text in full_names:
            words = cand.tokens
            rest = " ".join(words[1:])
            opener = cand.start in sentence_starts and word_zipf(normalise_word(words[0])) >= 4.0
            if (len(words) > 2 and rest in full_names) or (
                opener and names_by_short_form.get(rest, set()) - {cand.text}
            ):
                offset = cand.text.index(words[1], len(words[0]))
                cand = NameCandidate(
                    cand.start + offset, cand.end, rest, "person", evidence=cand.evidence or "name"
                )
        trimmed.append(cand)
    return trimmed


def is_title_case(block: str) -> bool:
    """True for a headline Written Like This (most words capitalised), where capitals say nothing.

    >>> is_title_case("Stealth Over Health: Hillary Clinton Was Headed to ER")
    True
    >>> is_title_case("Iran and Russia cooperate amid suspicion")
    False
    """
    if _PROSE_WORD.search(block):
        return False  # most blocks: a long word in lower case, found without splitting
    rough = block.split()
    if len(rough) < 4 or sum(map(str.islower, [w[0] for w in rough])) * 2 > len(rough):
        return False  # half the words in lower case: ordinary prose
    words = _LETTER_WORD.findall(block)
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6 and not any(
        w[0].islower() and w not in _TITLE_CASE_SMALL_WORDS for w in words
    )


# A lower-case word of five letters or more, as `_LETTER_WORD` would read it: no linking
# word is that long, so one such word makes a block prose.  (It opens with its first
# letter and checks the character before it afterwards, so the search skips to letters.)
_PROSE_WORD = re.compile(r"[a-z](?<![\w’'-].)[a-z]{4,}(?![\w’'-])")
# Title Case leaves only short linking words in lower case ("to", "of", "and").
_TITLE_CASE_SMALL_WORDS = frozenset(
    "a an the and or nor but to of in on at by for as from with into vs".split()
)


def short_forms(name: str) -> list[str]:
    """The shorter ways a text refers again to a person: surname, with or without particle.

    A particle written apart stays with the surname ("de Blasio", "bin Salman": *Salman*
    alone is his father, King Salman); one joined by a hyphen may go ("Maliki").

    >>> short_forms("Nuri al-Maliki"), short_forms("Paul D. Ryan"), short_forms("Tom O’Connor")
    (['al-Maliki', 'Maliki'], ['Paul Ryan', 'Ryan'], ['O’Connor'])
    >>> short_forms("Mohammed bin Salman"), short_forms("Ursula von der Leyen")
    (['bin Salman'], ['von der Leyen'])
    """
    return list(_short_forms(name))


@lru_cache(maxsize=16384)
def _short_forms(name: str) -> tuple[str, ...]:
    """`short_forms`, worked out once per distinct name (grouping asks it of each mention)."""
    words = name.split()
    while len(words) > 1 and normalise_word(words[-1]) in _NAME_SUFFIXES:
        words = words[:-1]
    if len(words) < 2 or words[0] in _PARTICLES:
        return ()  # "bin Salman" is already a short form
    forms = []
    initials_removed = [w for w in words if not _INITIAL_RE.fullmatch(w)]
    if len(initials_removed) != len(words) and len(initials_removed) >= 2:
        forms.append(" ".join(initials_removed))
    surname = words[-1]
    particles = 0
    while len(words) - particles >= 3 and words[-2 - particles] in _PARTICLES:
        particles += 1
    if particles:
        forms.append(" ".join(words[-1 - particles :]))
    else:
        forms.append(surname)
    particle = _AFTER_HYPHEN_PARTICLE.match(surname)
    if particle:
        forms.append(particle.group(1))
    return tuple(f for f in dict.fromkeys(forms) if f != name)
