"""How each outlet frames the story: passages, voices, actors, frames, tone and words.

A news page often reports other outlets: the sample page quotes Maliki through TASS,
Tom O'Connor in Newsweek, Amir Taheri in Asharq Al-Awsat, Aydin Mehdiyev in Pravda.ru
and Michael Knights to Rudaw English, and speaks in its own voice in between.  A corpus
(a folder of pages or a JSONL file, one article a line) has one outlet per article.
Either way this module gathers each outlet's *passages* and compares the outlets:

- **speakers**: whose statements the outlet carries (from `reader.quotes`);
- **actors**: the actors its passages mention (from `reader.actors`);
- **frames**: the 15 dimensions of the Policy Frames Codebook (Boydstun, Card, Gross,
  Resnik and Smith 2014), counted through a lexicon a teacher can read and edit,
  ``reader/data/frames_lexicon.csv``;
- **tone**: VADER sentence scores (Hutto and Gilbert 2014, the ``vaderSentiment``
  package's own lexicon);
- **distinctive terms**: the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi and Quinn 2008, "Fightin' Words"), one outlet against the rest
  and every pair of outlets, each term with the counts behind its score.

Every table is a pandas DataFrame whose columns say what they hold, and the same input
gives the same tables (ties are broken by name).  A corpus of 60 articles or more is
analysed by several processes when the machine has idle cores (``READER_WORKERS=N`` sets
the number, 1 keeps to one); the results come back in order, so the tables are the same
either way.

For one page, an outlet's passages are the statement quotations it carried; the page's
own voice (its publication from ``NAME.meta.json``, else ``"(page)"``) is the text
outside statement quotations.  Quotations the page reports with no outlet belong to no
outlet's text, but their speakers are counted as the page's voices.

>>> comparison = compare_outlets({
...     "Daily A": ["The army said the border attack was a grave threat to security."],
...     "Daily B": ["Voters rallied; the poll shows the election is close."],
... })
>>> float(comparison.frame_matrix().loc["Daily A", "security_defense"])
1.0
>>> comparison.distinctive.query("outlet == 'Daily B'").iloc[0]["term"] in {"close", "election", "poll", "rallied", "shows", "voters"}
True
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
import multiprocessing
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reader.document import Document

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from matplotlib.figure import Figure

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "frames_lexicon.csv"

# The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), in its order:
# the id used in the lexicon file, then the codebook's name.
DIMENSIONS: dict[str, str] = {
    "economic": "Economic",
    "capacity_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_equality": "Fairness and equality",
    "legality": "Legality, constitutionality and jurisprudence",
    "policy_prescription": "Policy prescription and evaluation",
    "crime_punishment": "Crime and punishment",
    "security_defense": "Security and defence",
    "health_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}

PAGE_VOICE = "(page)"
UNKNOWN_SPEAKER = "(unnamed)"

# Words too common to tell outlets apart: wordcloud's English list plus the reporting
# words every news story uses.  Frames are matched on all words (phrases need "of").
NEWS_STOPWORDS = frozenset(
    """said says say saying told tells according also would could will may might can
    just one mr mrs ms dr st re ll ve don doesn didn isn wasn aren won t s m d
    ap reuters cnn image caption getty photo file""".split()
)

# VADER's own thresholds (vaderSentiment README): compound >= 0.05 is positive,
# <= -0.05 negative, in between neutral.
VADER_POSITIVE = 0.05
VADER_NEGATIVE = -0.05


# --------------------------------------------------------------------------- words


_WORD = re.compile(r"\$|[^\W_]+(?:[-'’][^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Every word of a text, lower-cased, possessive ``'s`` removed, ``$`` kept.

    >>> tokenize("Russia’s “visible presence” in a $1 billion deal")
    ['russia', 'visible', 'presence', 'in', 'a', '$', '1', 'billion', 'deal']
    """
    words = []
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        words.append(word)
    return words


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The words left out of term counts and word clouds (wordcloud's list + news words).

    wordcloud's list is read from its file, so the command line need not import
    wordcloud (and matplotlib with it) just for a word list.
    """
    spec = importlib.util.find_spec("wordcloud")
    folders = list(spec.submodule_search_locations or []) if spec else []
    listed = [Path(folder) / "stopwords" for folder in folders]
    if listed and listed[0].is_file():
        words = listed[0].read_text(encoding="utf-8").split()
    else:  # pragma: no cover - another packaging of wordcloud
        from wordcloud import STOPWORDS

        words = list(STOPWORDS)
    return frozenset(word.replace("’", "'") for word in words) | NEWS_STOPWORDS


def content_terms(words: Iterable[str]) -> list[str]:
    """The words worth comparing: no stopwords, no numbers, at least two characters.

    >>> content_terms(tokenize("Maliki said the talks focused on 2 contracts."))
    ['maliki', 'talks', 'focused', 'contracts']
    """
    stop = stopwords()
    return [w for w in words if len(w) > 1 and w not in stop and not w.replace("-", "").isdigit()]


_ABBREVIATIONS = ("mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "jr", "no", "vs")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences, split after ``.``, ``!`` or ``?`` (and closing quotes) before a capital.

    No NLTK model is needed; "Mr." and "St." do not end a sentence.

    >>> split_sentences("“We sincerely thank you,” Maliki told Putin. Mr. Putin smiled.")
    ['“We sincerely thank you,” Maliki told Putin.', 'Mr. Putin smiled.']
    """
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or len(last) == 1):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class LexiconEntry:
    """One line of the frame lexicon: a term (a word, a ``prefix*`` or a phrase) and its frame."""

    dimension: str
    term: str
    note: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.term.split())

    def matches_at(self, tokens: Sequence[str], index: int) -> bool:
        """True if the term's words match the tokens from ``index`` on."""
        words = self.words
        if index + len(words) > len(tokens):
            return False
        return all(_word_matches(w, tokens[index + k]) for k, w in enumerate(words))


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def _normalise_term(term: str) -> str:
    """Lexicon terms are read the way texts are tokenised (so "Russia’s" is "russia")."""
    words = []
    for raw in term.split():
        star = raw.endswith("*")
        tokens = tokenize(raw.rstrip("*"))
        if not tokens:
            continue
        words.extend(tokens[:-1])
        words.append(tokens[-1] + ("*" if star else ""))
    return " ".join(words)


@dataclass
class FrameLexicon:
    """The frame lexicon: which words signal which Policy Frames dimension.

    Matching rules, so a reader can predict every count: a term matches whole words,
    case-insensitively; ``secur*`` matches every word that starts with ``secur``; a
    phrase matches its words in a row; where terms overlap, the longest wins, and one
    place in the text counts at most once per dimension.

    >>> lexicon = FrameLexicon([LexiconEntry("economic", "oil"), LexiconEntry("security_defense", "war"),
    ...                         LexiconEntry("security_defense", "weapon*")])
    >>> lexicon.count(tokenize("Oil as a political weapon in the energy war"))
    Counter({'security_defense': 2, 'economic': 1})
    """

    entries: list[LexiconEntry]
    source: str = "built in"
    _by_first: dict[str, list[LexiconEntry]] = field(default_factory=dict, repr=False)
    _by_prefix: list[tuple[str, LexiconEntry]] = field(default_factory=list, repr=False)
    _cache: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if entry.dimension not in DIMENSIONS:
                raise ValueError(f"unknown frame dimension {entry.dimension!r}")
            first = entry.words[0]
            if first.endswith("*"):
                self._by_prefix.append((first[:-1], entry))
            else:
                self._by_first.setdefault(first, []).append(entry)

    @property
    def dimensions(self) -> list[str]:
        """The codebook's dimensions, in its order (all 15, with or without terms)."""
        return list(DIMENSIONS)

    def candidates(self, token: str) -> tuple[LexiconEntry, ...]:
        """Entries whose first word matches a token, longest first (exact before prefix)."""
        found = self._cache.get(token)
        if found is None:
            hits = list(self._by_first.get(token, ()))
            hits += [entry for prefix, entry in self._by_prefix if token.startswith(prefix)]
            hits.sort(key=lambda e: (-len(e.words), "*" in e.term, e.dimension, e.term))
            found = self._cache[token] = tuple(hits)
        return found

    def matches(self, tokens: Sequence[str]) -> list[tuple[int, LexiconEntry]]:
        """Every (position, entry) that counts: longest match first, once per dimension."""
        found: list[tuple[int, LexiconEntry]] = []
        index = 0
        while index < len(tokens):
            best = 0
            seen: set[str] = set()
            for entry in self.candidates(tokens[index]):
                length = len(entry.words)
                if length < best:
                    break
                if entry.dimension not in seen and entry.matches_at(tokens, index):
                    best = length
                    seen.add(entry.dimension)
                    found.append((index, entry))
            index += max(best, 1)
        return found

    def count(self, tokens: Sequence[str]) -> Counter:
        """How many times each dimension is signalled in a list of tokens."""
        return Counter(entry.dimension for _, entry in self.matches(tokens))


def load_lexicon(path: str | Path | None = None) -> FrameLexicon:
    """Read a frame lexicon CSV (columns ``dimension``, ``term``, optional ``note``).

    The kit's own is ``reader/data/frames_lexicon.csv``; a teacher can copy it, add or
    remove lines, and pass the copy here.  A line with an unknown dimension or no term
    is refused with its line number.
    """
    file = Path(path) if path is not None else LEXICON_PATH
    entries: list[LexiconEntry] = []
    seen: set[tuple[str, str]] = set()
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"dimension", "term"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{file}: the header needs the columns dimension,term (missing {sorted(missing)})"
            )
        for row in reader:
            line = reader.line_num
            dimension = (row.get("dimension") or "").strip()
            term = _normalise_term((row.get("term") or "").strip())
            if not dimension and not term:
                continue
            if dimension not in DIMENSIONS:
                raise ValueError(
                    f"{file} line {line}: unknown dimension {dimension!r}; use one of {', '.join(DIMENSIONS)}"
                )
            if not term:
                raise ValueError(f"{file} line {line}: no term for dimension {dimension!r}")
            if (dimension, term) in seen:
                continue
            seen.add((dimension, term))
            entries.append(LexiconEntry(dimension, term, (row.get("note") or "").strip()))
    return FrameLexicon(entries, source=str(file))


@lru_cache(maxsize=1)
def default_lexicon() -> FrameLexicon:
    """The kit's frame lexicon, read once."""
    lexicon = load_lexicon(LEXICON_PATH)
    lexicon.source = "reader/data/frames_lexicon.csv (the kit's own)"
    return lexicon


# --------------------------------------------------------------------------- material


@dataclass(frozen=True)
class Passage:
    """A stretch of text that one outlet is responsible for.

    ``kind`` is ``"quote"`` (a statement quotation carried by an outlet the page reports),
    ``"own voice"`` (the page's own text outside quotations), ``"article"`` (one article of
    a corpus) or ``"passage"`` (text given directly).  ``voices`` are the speakers whose
    statements the passage carries; ``actors`` the (name, type) of the actors it mentions.
    """

    outlet: str
    text: str
    kind: str = "passage"
    source: str = ""
    start: int | None = None
    end: int | None = None
    speaker: str | None = None
    cue: str | None = None
    title: str | None = None
    voices: tuple[str, ...] = ()
    actors: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "cue": self.cue,
            "title": self.title,
        }


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus: its outlet and text, and where it came from (file, line)."""

    outlet: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    event: str | None = None


def load_corpus(path: str | Path) -> list[CorpusArticle]:
    """Read a corpus: a JSONL file (one article a line) or a folder of pages.

    A JSONL line needs ``outlet`` and ``text`` (``title``, ``date``, ``event`` are kept if
    present).  In a folder, every ``.txt`` page is cleaned with the page cleaner; its
    outlet is the ``publication`` of a sibling ``NAME.meta.json``, else the file name.
    Bad input raises ``ValueError`` with one line that says where.
    """
    corpus = Path(path)
    if _is_batch_output(corpus):
        from reader.batch import batch_articles

        return batch_articles(corpus)
    if corpus.is_dir():
        articles = _load_corpus_folder(corpus)
    elif corpus.is_file():
        articles = _load_corpus_jsonl(corpus)
    else:
        raise ValueError(f"no such corpus: {corpus}")
    if not articles:
        kind = "no .txt pages" if corpus.is_dir() else "no articles"
        raise ValueError(f"{corpus} holds {kind}")
    return articles


def _load_corpus_jsonl(path: Path) -> list[CorpusArticle]:
    articles = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path} line {number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(
                    f"{path} line {number}: expected a JSON object with outlet and text"
                )
            for name in ("outlet", "text"):
                value = record.get(name)
                if value is None:
                    raise ValueError(f"{path} line {number}: missing field {name!r}")
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(
                        f"{path} line {number}: field {name!r} should be a non-empty string"
                    )

            def optional(name: str, record: dict = record) -> str | None:
                value = record.get(name)
                return None if value is None else str(value)

            articles.append(
                CorpusArticle(
                    outlet=record["outlet"].strip(),
                    text=record["text"],
                    source=f"{path.name}:{number}",
                    title=optional("title"),
                    date=optional("date"),
                    event=optional("event"),
                )
            )
    return articles


def _load_corpus_folder(folder: Path) -> list[CorpusArticle]:
    import reader

    articles = []
    for page in sorted(folder.glob("*.txt")):
        document = reader.load_document(page)
        meta = page_metadata(page)
        articles.append(
            CorpusArticle(
                outlet=meta.get("publication") or page.stem,
                text=document.text,
                source=page.name,
                title=meta.get("title") or None,
                date=meta.get("date") or None,
            )
        )
    return articles


def page_metadata(page: str | Path) -> dict:
    """The ``NAME.meta.json`` beside a page (an empty dict if there is none or it is broken)."""
    meta = Path(page).with_suffix(".meta.json")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def page_outlet_name(page: str | Path | None) -> str:
    """The page's own voice: its ``publication`` from ``NAME.meta.json``, else ``"(page)"``."""
    if page is None:
        return PAGE_VOICE
    name = page_metadata(page).get("publication")
    return name.strip() if isinstance(name, str) and name.strip() else PAGE_VOICE


def _quote_finder():
    try:
        from reader.quotes import find_quotes
    except ImportError:
        return None
    return find_quotes


def _actor_finder():
    try:
        from reader.actors import find_actors
    except ImportError:
        return None
    return find_actors


def _statement_quotes(quotes: Iterable[Any]) -> list[Any]:
    return sorted(
        (q for q in quotes if getattr(q, "kind", "statement") == "statement"),
        key=lambda q: (q.start, q.end),
    )


def _mention_tuples(mentions: Iterable[Any]) -> list[tuple[int, str, str]]:
    return sorted((m.start, str(m.actor), str(m.type)) for m in mentions)


def page_passages(
    document: Document,
    quotes: Sequence[Any] = (),
    mentions: Sequence[Any] = (),
    page_outlet: str = PAGE_VOICE,
) -> list[Passage]:
    """Split one page into outlets' passages: reported outlets' quotes and the page's voice.

    Each statement quotation whose ``outlet`` is set becomes a passage of that outlet; the
    page's own voice is every headline, paragraph and caption with the statement
    quotations cut out (shown as ``[…]``).  Quotations with no outlet are cut out too, but
    their speakers count as the page's voices.

    >>> from types import SimpleNamespace as Q
    >>> doc = Document.from_text("“Russia helps us,” Maliki told TASS. Critics disagree.")
    >>> quote = Q(text="Russia helps us,", start=1, end=17, speaker="Maliki", outlet="TASS",
    ...           cue="told", kind="statement")
    >>> [(p.outlet, p.text) for p in page_passages(doc, [quote], page_outlet="The Weekly")]
    [('The Weekly', '[…] Maliki told TASS. Critics disagree.'), ('TASS', 'Russia helps us,')]
    """
    statements = _statement_quotes(quotes)
    spans = [(q.start, q.end) for q in statements]
    located = _mention_tuples(mentions)
    source = Path(document.source).name if document.source else "page"
    passages: list[Passage] = []
    for block in document.blocks:
        if block.kind == "byline":
            continue
        inside = [q for q in statements if q.start < block.end and q.end > block.start]
        text = _cut_quotes(
            document.text, block.start, block.end, [(q.start, q.end) for q in inside]
        )
        if not text.strip(" []…"):
            continue
        voices = tuple(
            q.speaker or UNKNOWN_SPEAKER for q in inside if not q.outlet and q.start >= block.start
        )
        actors = tuple(
            (name, kind)
            for start, name, kind in located
            if block.start <= start < block.end and not _within(start, spans)
        )
        passages.append(
            Passage(
                page_outlet,
                text,
                "own voice",
                source,
                block.start,
                block.end,
                voices=voices,
                actors=actors,
            )
        )
    for quote in statements:
        if not quote.outlet:
            continue
        actors = tuple(
            (name, kind) for start, name, kind in located if quote.start <= start < quote.end
        )
        passages.append(
            Passage(
                outlet=str(quote.outlet),
                text=quote.text,
                kind="quote",
                source=source,
                start=quote.start,
                end=quote.end,
                speaker=quote.speaker,
                cue=quote.cue,
                voices=(quote.speaker or UNKNOWN_SPEAKER,),
                actors=actors,
            )
        )
    return passages


def _within(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


_OPENING_MARKS = "“\"‘'«"
_CLOSING_MARKS = "”\"’'»"


def _cut_quotes(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """The text of ``[start, end)`` with each quoted span (and its marks) replaced by ``[…]``.

    Overlapping spans make one cut; a span that runs past the block is cut at its edge.

    >>> _cut_quotes("He said: “Yes, we will.” Then left.", 0, 35, [(10, 23), (15, 20)])
    'He said: […] Then left.'
    """
    pieces, cursor = [], start
    for span_start, span_end in sorted(spans):
        span_start, span_end = max(span_start, start), min(span_end, end)
        while span_start > cursor and text[span_start - 1] in _OPENING_MARKS:
            span_start -= 1
        while span_end < end and text[span_end] in _CLOSING_MARKS:
            span_end += 1
        if span_end <= cursor:
            continue
        if span_start >= cursor:
            pieces.append(text[cursor:span_start])
            pieces.append("[…]")
        cursor = span_end
    pieces.append(text[cursor:end])
    return re.sub(r"[ \t]+", " ", "".join(pieces)).strip()


def article_passage(
    article: CorpusArticle, find_quotes: Any = None, find_actors: Any = None
) -> Passage:
    """One corpus article as a passage; its voices and actors come from the finders given."""
    voices: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()
    if find_quotes or find_actors:
        document = Document.from_text(article.text, source=article.source)
        result = find_actors(document) if find_actors else None
        if result is not None:
            found = tuple((name, kind) for _, name, kind in _mention_tuples(result.mentions))
        if find_quotes:
            quotes = (
                find_quotes(document, actors=result)
                if result is not None
                else find_quotes(document)
            )
            voices = tuple(q.speaker or UNKNOWN_SPEAKER for q in _statement_quotes(quotes))
    return Passage(
        outlet=article.outlet,
        text=article.text,
        kind="article",
        source=article.source,
        title=article.title,
        voices=voices,
        actors=found,
    )


def corpus_passages(
    articles: Sequence[CorpusArticle], *, speakers: bool = True, actors: bool = True
) -> list[Passage]:
    """One passage per article, with the speakers it quotes and the actors it mentions."""
    find_quotes = _quote_finder() if speakers else None
    find_actors = _actor_finder() if actors else None
    return [article_passage(article, find_quotes, find_actors) for article in articles]


def given_passages(
    passages_by_outlet: Mapping[str, Sequence[str | Passage]], *, actors: bool = False
) -> list[Passage]:
    """Passages handed over directly, as ``{outlet: [text or Passage, ...]}``."""
    find_actors = _actor_finder() if actors else None
    passages = []
    for outlet, items in passages_by_outlet.items():
        if isinstance(items, str):
            raise ValueError(f"passages of {outlet!r} should be a list of texts, not one string")
        for number, item in enumerate(items):
            if isinstance(item, Passage):
                passages.append(replace(item, outlet=str(outlet)))
                continue
            found: tuple[tuple[str, str], ...] = ()
            if find_actors:
                result = find_actors(Document.from_text(item))
                found = tuple((name, kind) for _, name, kind in _mention_tuples(result.mentions))
            passages.append(
                Passage(str(outlet), str(item), "passage", f"{outlet}#{number + 1}", actors=found)
            )
    return passages


# --------------------------------------------------------------------------- statistics


@dataclass
class _Analysed:
    """Per-passage working data: tokens, content terms, sentence scores."""

    passage: Passage
    tokens: list[str]
    terms: list[str]
    frames: list[tuple[int, LexiconEntry]]
    sentences: list[tuple[str, dict]]


_ANALYZER = None


def vader() -> Any:
    """VADER's analyser (its lexicon ships inside the vaderSentiment wheel), made once."""
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def _analyse(passage: Passage, lexicon: FrameLexicon) -> _Analysed:
    tokens = tokenize(passage.text)
    analyser = vader()
    sentences = [(s, analyser.polarity_scores(s)) for s in split_sentences(passage.text)]
    return _Analysed(passage, tokens, content_terms(tokens), lexicon.matches(tokens), sentences)


def _analyse_article(
    article: CorpusArticle, *, speakers: bool, actors: bool, lexicon: FrameLexicon
) -> _Analysed:
    find_quotes = _quote_finder() if speakers else None
    find_actors = _actor_finder() if actors else None
    return _analyse(article_passage(article, find_quotes, find_actors), lexicon)


# A corpus this big is analysed by several processes, as many as there are idle cores (up
# to 4): articles are independent and the results come back in order, so the tables do not
# change.  READER_WORKERS=N sets the number (1 turns it off).
PARALLEL_FROM = 60


def _worker_count(items: int) -> int:
    chosen = os.environ.get("READER_WORKERS", "").strip()
    if chosen.isdigit():
        return max(1, int(chosen))
    if items < PARALLEL_FROM:
        return 1
    try:  # cores already busy with other work make more processes slower, not faster
        busy = int(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    free = (os.cpu_count() or 1) - busy
    return min(4, free) if free >= 2 else 1


def analyse_corpus(
    articles: Sequence[CorpusArticle],
    lexicon: FrameLexicon,
    *,
    speakers: bool = True,
    actors: bool = True,
    workers: int | None = None,
) -> list[_Analysed]:
    """Find voices and actors, tokens, frame terms and sentence tones in every article."""
    work = partial(_analyse_article, speakers=speakers, actors=actors, lexicon=lexicon)
    count = workers if workers is not None else _worker_count(len(articles))
    if count <= 1 or len(articles) < 2:
        return [work(article) for article in articles]
    # fork is quick and safe on Linux; elsewhere the platform's default (spawn) is used
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    chunk = max(1, len(articles) // (4 * count))
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        return list(pool.map(work, articles, chunksize=chunk))


def frames_table(
    analysed: Sequence[_Analysed], outlets: Sequence[str], lexicon: FrameLexicon
) -> pd.DataFrame:
    """Outlet x dimension, long form, with the counts behind every share.

    Columns: ``term_hits`` (lexicon matches), ``share_of_hits`` (of all the outlet's
    matches), ``hits_per_1000_words``, ``passages_with_frame``, ``share_of_passages`` and
    ``matched_terms`` ("term ×count", most frequent first).  For ``other``,
    ``passages_with_frame`` counts the passages in which no dimension's term appears.
    """
    rows = []
    for outlet in outlets:
        mine = [a for a in analysed if a.passage.outlet == outlet]
        words = sum(len(a.tokens) for a in mine)
        hits: Counter = Counter()
        terms: dict[str, Counter] = {d: Counter() for d in lexicon.dimensions}
        with_frame: Counter = Counter()
        for item in mine:
            dims = set()
            for position, entry in item.frames:
                hits[entry.dimension] += 1
                length = len(entry.words)
                terms[entry.dimension][" ".join(item.tokens[position : position + length])] += 1
                dims.add(entry.dimension)
            with_frame.update(dims)
            if not dims:
                with_frame["other"] += 1
        total = sum(hits.values())
        for dimension in lexicon.dimensions:
            count = hits[dimension]
            matched = sorted(terms[dimension].items(), key=lambda kv: (-kv[1], kv[0]))
            rows.append(
                {
                    "outlet": outlet,
                    "dimension": dimension,
                    "label": DIMENSIONS[dimension],
                    "term_hits": count,
                    "share_of_hits": round(count / total, 4) if total else 0.0,
                    "hits_per_1000_words": round(1000 * count / words, 2) if words else 0.0,
                    "passages_with_frame": with_frame[dimension],
                    "share_of_passages": round(with_frame[dimension] / len(mine), 4)
                    if mine
                    else 0.0,
                    "matched_terms": "; ".join(f"{t} ×{n}" for t, n in matched[:12]),
                }
            )
    return pd.DataFrame(rows)


def tone_table(analysed: Sequence[_Analysed], outlets: Sequence[str]) -> pd.DataFrame:
    """VADER tone per outlet, sentence by sentence, with the sentences at either end.

    ``compound_mean`` is the mean of VADER's compound score (-1 most negative, +1 most
    positive) over the outlet's sentences; ``pos_mean``/``neg_mean``/``neu_mean`` are the
    means of VADER's proportions; the ``*_sentences`` columns count sentences by VADER's
    own thresholds (compound >= 0.05 positive, <= -0.05 negative).
    """
    rows = []
    for outlet in outlets:
        scored = [s for a in analysed if a.passage.outlet == outlet for s in a.sentences]
        compounds = [scores["compound"] for _, scores in scored]

        def mean(key: str, scored: list = scored) -> float:
            return (
                round(sum(scores[key] for _, scores in scored) / len(scored), 4) if scored else 0.0
            )

        ranked = sorted(scored, key=lambda s: (s[1]["compound"], s[0]))
        rows.append(
            {
                "outlet": outlet,
                "sentences": len(scored),
                "compound_mean": mean("compound"),
                "pos_mean": mean("pos"),
                "neg_mean": mean("neg"),
                "neu_mean": mean("neu"),
                "positive_sentences": sum(c >= VADER_POSITIVE for c in compounds),
                "negative_sentences": sum(c <= VADER_NEGATIVE for c in compounds),
                "neutral_sentences": sum(VADER_NEGATIVE < c < VADER_POSITIVE for c in compounds),
                "most_negative": ranked[0][0] if ranked and ranked[0][1]["compound"] < 0 else "",
                "most_positive": ranked[-1][0] if ranked and ranked[-1][1]["compound"] > 0 else "",
            }
        )
    return pd.DataFrame(rows)


def log_odds_dirichlet(
    counts_i: np.ndarray, counts_j: np.ndarray, alpha: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) log-odds ratio with an informative Dirichlet prior, and its z-score.

    For each term w with counts y_i, y_j in the two groups (totals n_i, n_j) and prior
    α_w (α_0 = Σ α_w)::

        δ_w = log((y_i + α_w) / (n_i + α_0 - y_i - α_w)) - log((y_j + α_w) / (n_j + α_0 - y_j - α_w))
        σ²_w ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w),    z_w = δ_w / σ_w

    A positive z means the term is used more by group i than the prior leads one to expect.

    >>> delta, z = log_odds_dirichlet(np.array([10, 1]), np.array([1, 10]), np.array([11.0, 11.0]))
    >>> bool(z[0] > 0 > z[1]), bool(np.isclose(z[0], -z[1]))
    (True, True)
    """
    counts_i = counts_i.astype(float)
    counts_j = counts_j.astype(float)
    alpha_0 = alpha.sum()
    n_i, n_j = counts_i.sum(), counts_j.sum()
    odds_i = (counts_i + alpha) / (n_i + alpha_0 - counts_i - alpha)
    odds_j = (counts_j + alpha) / (n_j + alpha_0 - counts_j - alpha)
    delta = np.log(odds_i) - np.log(odds_j)
    variance = 1.0 / (counts_i + alpha) + 1.0 / (counts_j + alpha)
    return delta, delta / np.sqrt(variance)


PRIOR_SOURCES = {
    "corpus": (
        "informative Dirichlet prior from the pooled counts of all outlets compared: "
        "alpha_w = the term's count in every outlet together (alpha_0 = all their words)"
    ),
    "wordfreq": (
        "informative Dirichlet prior from general English: alpha_w = the term's frequency "
        "in the wordfreq package's English list x alpha_0 (alpha_0 = all the words compared; "
        "at least 0.01)"
    ),
}


def _prior(vocabulary: Sequence[str], pooled: np.ndarray, prior: str) -> np.ndarray:
    if prior == "corpus":
        return pooled.astype(float)
    if prior == "wordfreq":
        from wordfreq import word_frequency

        total = float(pooled.sum())
        return np.array([max(word_frequency(w, "en") * total, 0.01) for w in vocabulary])
    raise ValueError(f"unknown prior {prior!r}; use one of {', '.join(PRIOR_SOURCES)}")


def distinctive_tables(
    term_counts: Mapping[str, Counter], prior: str = "corpus"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Log-odds tables: each outlet against the rest, and each outlet against each other one.

    One-vs-rest columns: ``outlet, term, count_outlet`` (uses of the term by the outlet),
    ``count_rest`` (by all the other outlets together), ``terms_outlet``/``terms_rest``
    (all terms counted on either side, stopwords left out), ``prior_alpha`` (the prior's
    pseudo-count α_w), ``log_odds`` (δ_w) and ``z_score`` (δ_w / σ_w; above 1.96 is
    unlikely by chance at the 5% level).  Pairwise: the same with ``versus`` (the other
    outlet) and ``count_versus``/``terms_versus``.  Rows are sorted by outlet, then
    z-score (highest first), then term; only terms either side uses are listed.
    """
    outlets = list(term_counts)
    vocabulary = sorted({t for counts in term_counts.values() for t in counts})
    index = {t: k for k, t in enumerate(vocabulary)}
    matrix = np.zeros((len(outlets), len(vocabulary)), dtype=np.int64)
    for row, outlet in enumerate(outlets):
        for term, count in term_counts[outlet].items():
            matrix[row, index[term]] = count
    pooled = matrix.sum(axis=0)
    alpha = _prior(vocabulary, pooled, prior) if vocabulary else np.zeros(0)
    terms = np.array(vocabulary, dtype=object)

    def frame(outlet: str, versus: str | None, mine: np.ndarray, other: np.ndarray) -> pd.DataFrame:
        delta, z = log_odds_dirichlet(mine, other, alpha)
        used = (mine + other) > 0
        table = pd.DataFrame(
            {
                "outlet": outlet,
                "term": terms[used],
                "count_outlet": mine[used],
                "count_rest": other[used],
                "terms_outlet": int(mine.sum()),
                "terms_rest": int(other.sum()),
                "prior_alpha": np.round(alpha[used], 4),
                "log_odds": np.round(delta[used], 4),
                "z_score": np.round(z[used], 4),
            }
        )
        if versus is not None:
            table.insert(1, "versus", versus)
            table = table.rename(
                columns={"count_rest": "count_versus", "terms_rest": "terms_versus"}
            )
        return table

    rest_tables, pair_tables = [], []
    if len(outlets) >= 2 and vocabulary:
        for row, outlet in enumerate(outlets):
            rest_tables.append(frame(outlet, None, matrix[row], pooled - matrix[row]))
            for other_row, other in enumerate(outlets):
                if other_row != row:
                    pair_tables.append(frame(outlet, other, matrix[row], matrix[other_row]))
    rest_columns = ["outlet", "term", "count_outlet", "count_rest", "terms_outlet", "terms_rest"]
    pair_columns = [
        "outlet",
        "versus",
        "term",
        "count_outlet",
        "count_versus",
        "terms_outlet",
        "terms_versus",
    ]
    scores = ["prior_alpha", "log_odds", "z_score"]
    one_vs_rest = _sorted_scores(rest_tables, rest_columns + scores)
    pairwise = _sorted_scores(pair_tables, pair_columns + scores)
    return one_vs_rest, pairwise


def _sorted_scores(tables: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Stack per-outlet tables (already in outlet order), each sorted by z-score then term."""
    if not tables:
        return pd.DataFrame(columns=columns)
    ordered = []
    for table in tables:
        order = np.lexsort((table["term"].to_numpy(), -table["z_score"].to_numpy()))
        ordered.append(table.iloc[order])
    return pd.concat(ordered, ignore_index=True)[columns]


# --------------------------------------------------------------------------- comparison


@dataclass
class OutletComparison:
    """Every table of an outlet comparison (all pandas DataFrames, one row per fact).

    - ``summary``: one row per outlet (passages, words, quotes, speakers, actors, top
      frame, mean tone, most distinctive terms);
    - ``passages``: every passage with its outlet, kind, speaker, cue, offsets, frames, tone;
    - ``speakers``: outlet, speaker, quotes (statements the outlet carries from them);
    - ``actors``: outlet, actor, type, mentions;
    - ``frames``: outlet x dimension (see `frames_table`);
    - ``tone``: VADER per outlet (see `tone_table`);
    - ``distinctive``: log-odds one outlet vs the rest; ``pairwise``: outlet vs each other;
    - ``term_counts``: outlet, term, count (the counts behind the scores and word clouds).
    """

    outlets: list[str]
    summary: pd.DataFrame
    passages: pd.DataFrame
    speakers: pd.DataFrame
    actors: pd.DataFrame
    frames: pd.DataFrame
    tone: pd.DataFrame
    distinctive: pd.DataFrame
    pairwise: pd.DataFrame
    term_counts: pd.DataFrame
    prior: str = "corpus"
    prior_source: str = PRIOR_SOURCES["corpus"]
    lexicon_source: str = "reader/data/frames_lexicon.csv (the kit's own)"
    items: list[Passage] = field(default_factory=list, repr=False)

    def frame_matrix(self, value: str = "share_of_hits") -> pd.DataFrame:
        """Outlets as rows, dimensions as columns (codebook order), one value of `frames`."""
        matrix = self.frames.pivot(index="outlet", columns="dimension", values=value)
        return matrix.reindex(index=self.outlets, columns=list(DIMENSIONS))

    def top_terms(self, outlet: str, n: int = 15, versus: str | None = None) -> pd.DataFrame:
        """The outlet's most distinctive terms (z > 0), against the rest or one other outlet."""
        if versus is None:
            table = self.distinctive[self.distinctive["outlet"] == outlet]
        else:
            table = self.pairwise[
                (self.pairwise["outlet"] == outlet) & (self.pairwise["versus"] == versus)
            ]
        return table[table["z_score"] > 0].head(n).reset_index(drop=True)

    def outlet_passages(self, outlet: str) -> list[Passage]:
        """The passages of one outlet, in reading order."""
        return [p for p in self.items if p.outlet == outlet]

    def to_json(self, top: int = 15) -> dict:
        """The ``reader frames --json`` shape: ``{"outlets": [{outlet, passages, ...}]}``."""
        result = []
        for outlet in self.outlets:
            frames = self.frames[self.frames["outlet"] == outlet]
            tone = self.tone[self.tone["outlet"] == outlet].drop(columns="outlet")
            speakers = self.speakers[self.speakers["outlet"] == outlet]
            actors = self.actors[self.actors["outlet"] == outlet]
            result.append(
                {
                    "outlet": outlet,
                    "passages": [p.to_json() for p in self.outlet_passages(outlet)],
                    "speakers": [
                        {"name": r.speaker, "quotes": int(r.quotes)} for r in speakers.itertuples()
                    ],
                    "actors": [
                        {"name": r.actor, "type": r.type, "mentions": int(r.mentions)}
                        for r in actors.itertuples()
                    ],
                    "frames": _records(frames.drop(columns="outlet")),
                    "tone": _records(tone)[0] if len(tone) else {},
                    "distinctive_terms": _records(
                        self.top_terms(outlet, top).drop(columns="outlet")
                    ),
                    "distinctive_versus": {
                        other: _records(
                            self.top_terms(outlet, top, versus=other).drop(
                                columns=["outlet", "versus"]
                            )
                        )
                        for other in self.outlets
                        if other != outlet
                    },
                }
            )
        return {
            "outlets": result,
            "method": {
                "frames": f"Policy Frames Codebook lexicon: {self.lexicon_source}",
                "tone": "VADER (vaderSentiment) compound and pos/neg/neu, per sentence",
                "distinctive_terms": f"Monroe et al. 2008 log-odds ratio; {self.prior_source}",
            },
        }


def _records(table: pd.DataFrame) -> list[dict]:
    """DataFrame rows as plain JSON-ready dicts (numpy numbers made Python numbers)."""
    records = []
    for row in table.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, np.integer):
                value = int(value)
            elif isinstance(value, (np.floating, float)):
                value = None if math.isnan(value) else float(value)
            clean[key] = value
        records.append(clean)
    return records


def _outlet_order(passages: Sequence[Passage]) -> list[str]:
    return list(dict.fromkeys(p.outlet for p in passages))


def build_comparison(
    passages: Sequence[Passage], *, lexicon: FrameLexicon | None = None, prior: str = "corpus"
) -> OutletComparison:
    """Compare the outlets of a list of passages (the step every input comes down to)."""
    lexicon = lexicon or default_lexicon()
    return _compare([_analyse(p, lexicon) for p in passages], lexicon, prior)


def _compare(analysed: Sequence[_Analysed], lexicon: FrameLexicon, prior: str) -> OutletComparison:
    if not analysed:
        raise ValueError("nothing to compare: no passages")
    if prior not in PRIOR_SOURCES:
        raise ValueError(f"unknown prior {prior!r}; use one of {', '.join(PRIOR_SOURCES)}")
    passages = [item.passage for item in analysed]
    outlets = _outlet_order(passages)
    counts = {outlet: Counter() for outlet in outlets}
    for item in analysed:
        counts[item.passage.outlet].update(item.terms)
    frames = frames_table(analysed, outlets, lexicon)
    tone = tone_table(analysed, outlets)
    distinctive, pairwise = distinctive_tables(counts, prior)
    speakers = _speakers_table(passages, outlets)
    actors = _actors_table(passages, outlets)
    passage_table = _passage_table(analysed)
    term_counts = pd.DataFrame(
        [
            {"outlet": o, "term": t, "count": n}
            for o in outlets
            for t, n in sorted(counts[o].items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        columns=["outlet", "term", "count"],
    )
    comparison = OutletComparison(
        outlets=outlets,
        summary=pd.DataFrame(),
        passages=passage_table,
        speakers=speakers,
        actors=actors,
        frames=frames,
        tone=tone,
        distinctive=distinctive,
        pairwise=pairwise,
        term_counts=term_counts,
        prior=prior,
        prior_source=PRIOR_SOURCES[prior],
        lexicon_source=lexicon.source,
        items=list(passages),
    )
    comparison.summary = _summary_table(comparison, analysed)
    return comparison


def _speakers_table(passages: Sequence[Passage], outlets: Sequence[str]) -> pd.DataFrame:
    rows = []
    for outlet in outlets:
        voices = Counter(v for p in passages if p.outlet == outlet for v in p.voices)
        for speaker, n in sorted(voices.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append({"outlet": outlet, "speaker": speaker, "quotes": n})
    return pd.DataFrame(rows, columns=["outlet", "speaker", "quotes"])


def _actors_table(passages: Sequence[Passage], outlets: Sequence[str]) -> pd.DataFrame:
    rows = []
    for outlet in outlets:
        mentions = Counter(a for p in passages if p.outlet == outlet for a in p.actors)
        for (name, kind), n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append({"outlet": outlet, "actor": name, "type": kind, "mentions": n})
    return pd.DataFrame(rows, columns=["outlet", "actor", "type", "mentions"])


def _passage_table(analysed: Sequence[_Analysed]) -> pd.DataFrame:
    rows = []
    for item in analysed:
        p = item.passage
        dims = Counter(entry.dimension for _, entry in item.frames)
        compounds = [scores["compound"] for _, scores in item.sentences]
        rows.append(
            {
                "outlet": p.outlet,
                "kind": p.kind,
                "source": p.source,
                "title": p.title,
                "start": p.start,
                "end": p.end,
                "speaker": p.speaker,
                "cue": p.cue,
                "words": len(item.tokens),
                "frames": "; ".join(
                    f"{d} ×{n}" for d, n in sorted(dims.items(), key=lambda kv: (-kv[1], kv[0]))
                ),
                "compound_mean": round(sum(compounds) / len(compounds), 4) if compounds else 0.0,
                "text": p.text,
            }
        )
    return pd.DataFrame(rows)


def _summary_table(comparison: OutletComparison, analysed: Sequence[_Analysed]) -> pd.DataFrame:
    rows = []
    for outlet in comparison.outlets:
        mine = [a for a in analysed if a.passage.outlet == outlet]
        frames = comparison.frames[
            (comparison.frames["outlet"] == outlet) & (comparison.frames["term_hits"] > 0)
        ].sort_values("term_hits", ascending=False, kind="mergesort")  # ties: codebook order
        top = comparison.top_terms(outlet, 5)
        speakers = comparison.speakers[comparison.speakers["outlet"] == outlet]
        actors = comparison.actors[comparison.actors["outlet"] == outlet]
        tone = comparison.tone[comparison.tone["outlet"] == outlet].iloc[0]
        rows.append(
            {
                "outlet": outlet,
                "passages": len(mine),
                "words": sum(len(a.tokens) for a in mine),
                "quotes": int(speakers["quotes"].sum()),
                "speakers": len(speakers),
                "actors": len(actors),
                "top_frame": frames.iloc[0]["dimension"] if len(frames) else "",
                "top_frame_share": float(frames.iloc[0]["share_of_hits"]) if len(frames) else 0.0,
                "compound_mean": float(tone["compound_mean"]),
                "distinctive_terms": ", ".join(top["term"]),
            }
        )
    return pd.DataFrame(rows)


def compare_page(
    page: str | Path | Document,
    *,
    page_outlet: str | None = None,
    lexicon: FrameLexicon | None = None,
    prior: str = "corpus",
) -> OutletComparison:
    """Compare the outlets one page reports with the page's own voice.

    ``page`` is a page file (cleaned with ``reader.load_document``) or a `Document`.
    Quotes come from ``reader.quotes.find_quotes`` and actors from
    ``reader.actors.find_actors``; while either module is missing, that part stays empty.
    """
    if isinstance(page, Document):
        document, path = page, None
    else:
        import reader

        document = reader.load_document(page)  # "-" reads standard input
        path = None if str(page) == "-" else Path(page)
    find_actors, find_quotes = _actor_finder(), _quote_finder()
    actor_result = find_actors(document, page_path=path) if find_actors else None
    mentions = actor_result.mentions if actor_result is not None else []
    if find_quotes is None:
        quotes = []
    elif actor_result is not None:
        quotes = find_quotes(document, actors=actor_result)
    else:
        quotes = find_quotes(document)
    voice = page_outlet or page_outlet_name(path)
    passages = page_passages(document, quotes, mentions, page_outlet=voice)
    return build_comparison(passages, lexicon=lexicon, prior=prior)


def is_corpus(source: str | Path) -> bool:
    """A folder or a ``.jsonl`` file is a corpus; anything else is read as one page."""
    path = Path(source)
    return path.is_dir() or path.suffix.lower() in {".jsonl", ".ndjson"}


def _is_batch_output(source: str | Path) -> bool:
    """A folder `reader batch` wrote (see `reader.batch`): read from its tables, not pages."""
    if not Path(source).is_dir():
        return False
    from reader.batch import is_batch_output

    return is_batch_output(source)


def compare_outlets(
    source: Mapping[str, Sequence[str | Passage]] | Sequence[CorpusArticle] | Document | str | Path,
    *,
    lexicon: FrameLexicon | None = None,
    prior: str = "corpus",
    page_outlet: str | None = None,
    speakers: bool = True,
    actors: bool = True,
) -> OutletComparison:
    """Compare outlets: from ``{outlet: [passages]}``, a corpus, or one page.

    ``source`` may be a mapping of outlet to texts (or `Passage` objects), a list of
    `CorpusArticle`, a corpus path (folder or JSONL, see `load_corpus`), a page path or a
    `Document` (see `compare_page`).  ``prior`` is ``"corpus"`` (the pooled counts of the
    outlets compared) or ``"wordfreq"`` (general English); see `PRIOR_SOURCES`.
    ``speakers``/``actors`` switch the quote and actor finders off for a corpus.
    """
    if isinstance(source, Mapping):
        return build_comparison(given_passages(source, actors=actors), lexicon=lexicon, prior=prior)
    if isinstance(source, Document):
        return compare_page(source, page_outlet=page_outlet, lexicon=lexicon, prior=prior)
    if isinstance(source, (str, Path)):
        if not is_corpus(source):
            return compare_page(source, page_outlet=page_outlet, lexicon=lexicon, prior=prior)
        if _is_batch_output(source):  # `reader batch` found the voices and actors already
            from reader.batch import batch_passages

            passages = batch_passages(source, speakers=speakers, actors=actors)
            return build_comparison(passages, lexicon=lexicon, prior=prior)
        source = load_corpus(source)
    articles = list(source)
    if not all(isinstance(a, CorpusArticle) for a in articles):
        raise ValueError(
            "compare_outlets takes {outlet: [texts]}, a corpus path, a page path or CorpusArticles"
        )
    lexicon = lexicon or default_lexicon()
    analysed = analyse_corpus(articles, lexicon, speakers=speakers, actors=actors)
    return _compare(analysed, lexicon, prior)


def frames_json(source: str) -> dict:
    """What ``reader frames PAGE_OR_CORPUS --json`` prints (see `OutletComparison.to_json`)."""
    return compare_outlets(source).to_json()


# --------------------------------------------------------------------------- views


def term_contexts(
    comparison: OutletComparison, term: str, width: int = 60, limit: int = 20
) -> pd.DataFrame:
    """Key word in context: every use of a term in each outlet's passages.

    The term is matched as a whole word, case-insensitively, with or without a
    possessive ``'s``; columns ``outlet, source, start, left, match, right`` (``start`` is
    the offset in the passage), at most ``limit`` rows per outlet.
    """
    words = tokenize(term)
    if not words:
        return pd.DataFrame(columns=["outlet", "source", "start", "left", "match", "right"])
    body = r"[\s\-]+".join(re.escape(w).replace("'", "['’]") for w in words)
    pattern = re.compile(rf"(?<![^\W_]){body}(?:['’]s)?(?![^\W_])", re.IGNORECASE)
    rows = []
    for outlet in comparison.outlets:
        found = 0
        for passage in comparison.outlet_passages(outlet):
            for match in pattern.finditer(passage.text):
                if found >= limit:
                    break
                left = passage.text[max(0, match.start() - width) : match.start()]
                right = passage.text[match.end() : match.end() + width]
                rows.append(
                    {
                        "outlet": outlet,
                        "source": passage.source,
                        "start": match.start(),
                        "left": " ".join(left.split()),
                        "match": match.group(),
                        "right": " ".join(right.split()),
                    }
                )
                found += 1
    return pd.DataFrame(rows, columns=["outlet", "source", "start", "left", "match", "right"])


def cloud_weights(
    comparison: OutletComparison, outlet: str, weight: str = "count", top: int = 60
) -> dict[str, float]:
    """The words of one outlet's cloud: term counts, or positive z-scores (``"distinctive"``)."""
    if weight == "count":
        table = comparison.term_counts[comparison.term_counts["outlet"] == outlet].head(top)
        return {r.term: float(r.count) for r in table.itertuples()}
    if weight == "distinctive":
        table = comparison.top_terms(outlet, top)
        return {r.term: float(r.z_score) for r in table.itertuples()}
    raise ValueError(f"unknown weight {weight!r}; use 'count' or 'distinctive'")


@lru_cache(maxsize=1)
def _figure_class() -> type:
    from matplotlib.figure import Figure

    class CloudFigure(Figure):
        """A matplotlib Figure that shows itself as a PNG in a notebook, even without pyplot."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return CloudFigure


def word_clouds(
    comparison: OutletComparison,
    outlets: Sequence[str] | None = None,
    weight: str = "count",
    width: int = 320,
    height: int = 220,
) -> Figure:
    """Word clouds side by side, one per outlet (wordcloud package, fixed random state).

    ``weight="count"`` sizes words by how often the outlet uses them; ``"distinctive"``
    by their z-score against the other outlets (only terms with z > 0).
    """
    from wordcloud import WordCloud

    chosen = list(outlets) if outlets else list(comparison.outlets)
    unknown = [o for o in chosen if o not in comparison.outlets]
    if unknown:
        raise ValueError(
            f"unknown outlet {unknown[0]!r}; choose from {', '.join(comparison.outlets)}"
        )
    figure = _figure_class()(figsize=(3.2 * max(len(chosen), 1), 3.0), layout="constrained")
    axes = figure.subplots(1, max(len(chosen), 1), squeeze=False)[0]
    for axis, outlet in zip(axes, chosen):
        weights = cloud_weights(comparison, outlet, weight)
        axis.set_axis_off()
        axis.set_title(outlet, fontsize=10)
        if not weights:
            axis.text(0.5, 0.5, "no terms", ha="center", va="center", transform=axis.transAxes)
            continue
        cloud = WordCloud(
            width=width,
            height=height,
            background_color="white",
            random_state=0,
            prefer_horizontal=0.9,
            max_words=len(weights),
        ).generate_from_frequencies(weights)
        axis.imshow(cloud.to_array(), interpolation="bilinear")
    return figure
