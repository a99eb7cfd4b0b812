"""The words the quotes stage reads attributions with: cue verbs (``data/quote_cues.csv``),
channel and outlet nouns, titles, and the names of its speaker rules.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

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
