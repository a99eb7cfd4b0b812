"""Distinctive terms: the log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi and Quinn 2008, "Fightin' Words"), each term with the counts behind its score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd


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
