"""How each outlet frames the story: passages, voices, actors, frames, tone and words.

`compare_outlets` takes a page, a corpus (a folder of pages or a JSONL file) or passages
given by outlet, and returns an `OutletComparison`: every table as a DataFrame.  The
package's parts, one concern each:

- `reader.framing.corpus`: loading a corpus, a page's metadata, and the passages of
  each outlet with the speakers they quote and the actors they mention;
- `reader.framing.words`: tokens, stopwords and the terms worth comparing;
- `reader.framing.lexicon`: the Policy Frames Codebook's 15 dimensions and the lexicon
  of terms that signal them;
- `reader.framing.tone`: VADER sentence scores;
- `reader.framing.statistics`: the log-odds ratio with an informative Dirichlet prior;
- `reader.framing.analysis`: every article analysed once (in several processes for a
  big corpus), and the frames table;
- `reader.framing.comparison`: the comparison itself, its JSON, and term contexts.

Word clouds are drawn by `reader.widgets.outlets.word_clouds`, next to the widget.
Sentences come from `reader.text`.
"""

from reader.framing.analysis import PARALLEL_FROM, analyse_corpus, frames_table
from reader.framing.comparison import (
    OutletComparison,
    build_comparison,
    cloud_weights,
    compare_outlets,
    compare_page,
    frames_json,
    is_corpus,
    term_contexts,
)
from reader.framing.corpus import (
    PAGE_VOICE,
    UNKNOWN_SPEAKER,
    CorpusArticle,
    Passage,
    article_passage,
    corpus_passages,
    given_passages,
    load_corpus,
    page_metadata,
    page_outlet_name,
    page_passages,
)
from reader.framing.lexicon import (
    DIMENSIONS,
    LEXICON_PATH,
    FrameLexicon,
    LexiconEntry,
    default_lexicon,
    load_lexicon,
)
from reader.framing.statistics import PRIOR_SOURCES, distinctive_tables, log_odds_dirichlet
from reader.framing.tone import VADER_NEGATIVE, VADER_POSITIVE, tone_table, vader
from reader.framing.words import NEWS_STOPWORDS, content_terms, stopwords, tokenize
from reader.text import split_sentences

__all__ = [
    "DIMENSIONS",
    "LEXICON_PATH",
    "NEWS_STOPWORDS",
    "PAGE_VOICE",
    "PARALLEL_FROM",
    "PRIOR_SOURCES",
    "UNKNOWN_SPEAKER",
    "VADER_NEGATIVE",
    "VADER_POSITIVE",
    "CorpusArticle",
    "FrameLexicon",
    "LexiconEntry",
    "OutletComparison",
    "Passage",
    "analyse_corpus",
    "article_passage",
    "build_comparison",
    "cloud_weights",
    "compare_outlets",
    "compare_page",
    "content_terms",
    "corpus_passages",
    "default_lexicon",
    "distinctive_tables",
    "frames_json",
    "frames_table",
    "given_passages",
    "is_corpus",
    "load_corpus",
    "load_lexicon",
    "log_odds_dirichlet",
    "page_metadata",
    "page_outlet_name",
    "page_passages",
    "split_sentences",
    "stopwords",
    "term_contexts",
    "tokenize",
    "tone_table",
    "vader",
]


def __getattr__(name: str):
    # Word clouds moved next to the widgets; the old name works for one more release.
    if name == "word_clouds":
        from reader.widgets.outlets import word_clouds

        return word_clouds
    raise AttributeError(f"module 'reader.framing' has no attribute {name!r}")
