"""Words of a passage: its tokens, and the terms worth comparing between outlets."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

# Words too common to tell outlets apart: wordcloud's English list plus the reporting
# words every news story uses.  Frames are matched on all words (phrases need "of").
NEWS_STOPWORDS = frozenset(
    """said says say saying told tells according also would could will may might can
    just one mr mrs ms dr st re ll ve don doesn didn isn wasn aren won t s m d
    ap reuters cnn image caption getty photo file""".split()
)

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
