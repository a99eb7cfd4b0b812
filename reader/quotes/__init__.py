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

The package's parts, in the order a quote is read: `words` (cue verbs, channel words,
the speaker rules), `model` (the records), `marks` (quotation marks, the quoted words
hidden), `phrases` (names and subjects around a cue), `names` (the actors stage's names),
`channels` (a channel's owner), `sentence` (one sentence's attribution), `stage`
(`find_quotes`).

>>> from reader import Document
>>> doc = Document.from_text(
...     "“Our interest is that friendly Russia should be present in Iraq,” Maliki said. "
...     "“We need Russia’s more active participation in Iraqi affairs.”")
>>> [(q.text[:22], q.speaker, q.cue) for q in find_quotes(doc)]
[('Our interest is that f', 'Maliki', 'said'), ('We need Russia’s more ', 'Maliki', 'said')]
"""

from __future__ import annotations

from reader.quotes.channels import channel_word
from reader.quotes.model import Quote
from reader.quotes.stage import find_quotes, find_quotes_without_actors, quotes_df, quotes_json
from reader.quotes.words import (
    CHANNEL_WORDS,
    SPEAKER_RULES,
    cue_lexicon,
    cue_roles,
    outlet_words,
)

__all__ = [
    "CHANNEL_WORDS",
    "SPEAKER_RULES",
    "Quote",
    "channel_word",
    "cue_lexicon",
    "cue_roles",
    "find_quotes",
    "find_quotes_without_actors",
    "outlet_words",
    "quotes_df",
    "quotes_json",
]
