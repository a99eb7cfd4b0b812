"""The word lists actors are found with, and the forms of words they are looked up in.

Sentences, abbreviations and word frequencies are `reader.text`'s.
"""

from __future__ import annotations

from functools import lru_cache

# Words that begin sentences and are never names ("Despite", "Several", "Following").
FUNCTION_WORDS = frozenset(
    """a an the and but or nor so yet for of in on at by to from with without within into onto
    as if when while after before since until although though because unless whether where which
    who whom whose what why how that this these those there here then thus hence however
    moreover meanwhile indeed also even still only just most more many much several some any
    each every both either neither all few other another such no not never always often
    despite following given according among amid between during over under above below about
    against toward towards through throughout across behind beyond near it its he she they we
    you i his her their our my your them us him me one two three four five six seven eight nine
    ten first second third last next new former latest early late similarly fortunately
    unfortunately historically generally instead nevertheless nonetheless finally meanwhile
    perhaps maybe now today yesterday tomorrow once again already yes do does did is are was
    were be been being has have had will would can could shall should may might must let
    says said asked told""".split()
)

# Capitalised words that start place, event and organisation names, not given names.
NOT_GIVEN_NAMES = frozenset(
    """new north south east west northern southern eastern western central upper lower greater
    great lesser little middle old saint st san santa fort ft port mount mt lake cape green red
    black white blue golden holy royal united national federal supreme democratic republican
    islamic arab gulf grand high first second third world international global general public
    free liberal conservative labour social socialist communist independent tsarist imperial
    soviet ottoman persian western european african asian american latin""".split()
)

MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday sept""".split()
)

# Title heads: the last word of a title or role before a name ("Foreign Minister", "Sen.").
TITLE_WORDS = frozenset(
    """president vice-president vicepresident president-elect premier minister secretary
    secretary-general chancellor king queen prince princess emir sheikh sheikha ayatollah imam
    mullah cleric pope cardinal bishop archbishop rev reverend pastor rabbi father general gen
    lt lieutenant col colonel maj major capt captain sgt sergeant admiral adm commander cmdr
    marshal brigadier sen senator sens rep reps representative congressman congresswoman
    gov governor mayor speaker leader chairman chairwoman chair chairperson chief director
    ceo spokesman spokeswoman spokesperson ambassador envoy judge justice dr prof professor mr
    mrs ms miss mx sir dame lord lady baroness baron commissioner del delegate sheriff
    detective officer superintendent supt host anchor editor correspondent moderator nominee
    candidate founder dean coach economist analyst adviser advisor aide strategist pollster
    manager counsel lawyer attorney historian author columnist journalist activist executive
    fellow deputy whip agent tem tempore""".split()
)

# Last words that make a capitalised run an organisation, a place, or an event.
ORGANISATION_HEADS = frozenset(
    """institute institution university college school academy service services council
    committee commission center centre agency bureau department ministry office administration
    authority board foundation fund bank court congress senate parliament assembly party
    union federation league organisation organization corporation corp inc co company group
    network news times post journal herald tribune gazette observer guardian telegraph
    magazine review press media radio television tv channel caucus coalition alliance movement
    front army forces force guard guards police brigade brigades militia church mosque hospital
    club team program programme project society trust partners holdings airlines airways
    industries systems technologies enterprises studios pictures exchange reserve treasury
    cabinet government embassy consulate mission delegation secretariat tribunal cooperation
    policy unit division corps directorate initiative watch energy resources networks healthcare
    strategies report politics consult capital partnership motors airlines""".split()
)
PLACE_HEADS = frozenset(
    """sea gulf ocean river lake bay strait straits canal peninsula island islands mountain
    mountains hills valley desert coast basin sound province region county city town village
    district street avenue road square park bridge airport border zone plain heights bank strip
    east west north south empire kingdom republic state states hill springs atoll tower beach
    falls harbor harbour zero""".split()
)
EVENT_HEADS = frozenset(
    """revolution war wars spring crisis accord accords agreement treaty deal act day week
    prize award awards cup games olympics festival conference summit convention forum debate
    debates election elections protest protests massacre uprising intifada conflict operation
    plan doctrine memorial declaration resolution amendment bill law constitution budget
    satan""".split()
)

SPEECH_VERBS = frozenset(
    """said says told tells wrote writes added adds asked asks stated states explained explains
    argued argues insisted insists warned warns claimed claims noted notes declared declares
    announced announces replied replies tweeted tweets acknowledged acknowledges suggested
    suggests predicted predicts believes believed""".split()
)
GOVERNING_NOUNS = frozenset("administration regime government campaign presidency era camp".split())


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Lowercase, without a final full stop or possessive: the form the word lists use.

    >>> normalise_word("Sen."), normalise_word("Russia’s")
    ('sen', 'russia')
    """
    word = word.lower()
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word.rstrip(".")


@lru_cache(maxsize=65536)
def is_title_word(word: str) -> bool:
    """True for title heads, also hyphenated ones ("Vice-President", "Secretary-General").

    >>> is_title_word("Vice-President"), is_title_word("Lavrov")
    (True, False)
    """
    norm = normalise_word(word)
    last = norm.split("-")[-1]
    # plurals too: "Senators Amy Klobuchar and ...", "Special Agents ..."
    return (
        norm in TITLE_WORDS
        or last in TITLE_WORDS
        or (last.endswith("s") and last[:-1] in TITLE_WORDS)
    )
