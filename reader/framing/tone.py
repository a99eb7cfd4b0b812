"""Tone: VADER sentence scores per outlet (Hutto and Gilbert 2014, the ``vaderSentiment``
package's own lexicon).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from reader.framing.corpus import _analysed_outlet, _by_outlet

if TYPE_CHECKING:  # the analysed passages are made in reader.framing.analysis
    from reader.framing.analysis import _Analysed

# VADER's own thresholds (vaderSentiment README): compound >= 0.05 is positive,
# <= -0.05 negative, in between neutral.
VADER_POSITIVE = 0.05
VADER_NEGATIVE = -0.05

_ANALYZER = None


def vader() -> Any:
    """VADER's analyser (its lexicon ships inside the vaderSentiment wheel), made once."""
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def tone_table(analysed: Sequence[_Analysed], outlets: Sequence[str]) -> pd.DataFrame:
    """VADER tone per outlet, sentence by sentence, with the sentences at either end.

    ``compound_mean`` is the mean of VADER's compound score (-1 most negative, +1 most
    positive) over the outlet's sentences; ``pos_mean``/``neg_mean``/``neu_mean`` are the
    means of VADER's proportions; the ``*_sentences`` columns count sentences by VADER's
    own thresholds (compound >= 0.05 positive, <= -0.05 negative).
    """
    rows = []
    by_outlet = _by_outlet(analysed, _analysed_outlet)
    for outlet in outlets:
        scored = [s for a in by_outlet.get(outlet, []) for s in a.sentences]
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
