"""Runs in reading order into articles: a headline starts one, its body follows it.

A headline opens an article; a deck right under it and the byline join it; the
body runs after it are its paragraphs (a run whose first line is not indented,
after a column whose last line went to its edge, goes on the paragraph before);
captions belong to the article they stand in.  Large type with no body under it
is a pull quote.  A page whose first body stands under no headline goes on the
last article of the page before (``article-continues``).

>>> from reader.clean.geometry.page import Run
>>> runs = [Run("headline", 1, (0, 0, 9, 9), [["Rain", "at last"]]),
...         Run("paragraph", 1, (0, 10, 9, 20), [["It rained."], ["Then it"]]),
...         Run("paragraph", 2, (0, 0, 9, 9), [["stopped."]], continues=True)]
>>> book = Articles()
>>> for run in runs:
...     book.add(run, first_on_page=run.page == 2 and run.role == "paragraph")
>>> [(a.headline, [" ".join(p) for p in a.paragraphs]) for a in book.articles]
[(['Rain', 'at last'], ['It rained.', 'Then it stopped.'])]
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from reader.clean.decisions import Decision
from reader.clean.geometry.page import Run
from reader.sources.model import Region

# Large type in a column under a headline at least this much bigger is a pull quote.
PULL_QUOTE_SHARE = 0.85


@dataclass
class Article:
    headline: list[str] = field(default_factory=list)  # its lines, a deck's after "; "
    byline: list[str] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    captions: list[list[str]] = field(default_factory=list)
    open_paragraph: bool = False  # may the next body run go on its last paragraph?
    size: float = 0.0  # its headline's type size


@dataclass
class Articles:
    """The articles read so far, and where each block stood."""

    skip: Collection[str] = ()
    articles: list[Article] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    _pending_captions: list[list[str]] = field(default_factory=list)
    _last_role: str = ""

    @property
    def current(self) -> Article | None:
        return self.articles[-1] if self.articles else None

    def add(self, run: Run, *, first_on_page: bool = False, has_body_after: bool = True) -> None:
        """Take the next run in reading order; ``first_on_page``: the page's first body run
        before any headline; ``has_body_after``: body follows a headline before the next."""
        role = run.role
        if role == "headline" and self._set_in_column(run):
            role = "pull-quote" if "pull-quote" not in self.skip else "paragraph"
        elif role == "headline" and not has_body_after and self._last_role != "headline":
            if "pull-quote" not in self.skip:
                self._record("pull-quote", run, "pull-quote", "large type with no body under it")
                role = "pull-quote"
            else:
                role = "paragraph"
        if role in ("furniture", "pull-quote"):
            self._region(run, role, -1)
            self._last_role = role
            return
        if role == "deck" and self._small_headline(run, has_body_after):
            role = "headline"
        elif role == "deck" and self._deck_in_column(run):
            role = "pull-quote"
        if role == "headline":
            self._headline(run)
        elif role == "deck" and self.current and not self.current.paragraphs:
            self.current.headline.append(";")
            self.current.headline += _lines(run)
            self._region(run, "deck")
        elif (
            role == "byline"
            and self.current
            and not self.current.byline
            and not self.current.paragraphs
        ):
            self.current.byline = _lines(run)
            self._region(run, "byline")
        elif role == "caption":
            if self.current is None:
                self._pending_captions.append(_lines(run))
            else:
                self.current.captions.append(_lines(run))
            self._region(run, "caption", max(len(self.articles) - 1, 0))
        else:
            self._body(run, first_on_page)
        self._last_role = role

    def _small_headline(self, run: Run, has_body_after: bool) -> bool:
        """Bold type a little larger than the body, across its columns, under no headline
        and over body text: a small article's headline ("deck" size, 1.15-1.35x)."""
        under_headline = self.current is not None and not self.current.paragraphs
        if not (run.bold and has_body_after and not run.in_column and not under_headline):
            return False
        if "headline-by-size" in self.skip:
            return False
        why = f"{run.size:.3g} bold over body, across its columns, under no headline"
        self._record("headline-by-size", run, "headline", why)
        return True

    def _deck_in_column(self, run: Run) -> bool:
        """Type a little larger than the body, inside one column of an article's body:
        a pull quote (recorded), not a deck, which stands right under its headline."""
        article = self.current
        if not (run.in_column and article and article.paragraphs) or "pull-quote" in self.skip:
            return False
        why = f"{run.size:.3g} type in one column of the body, under no headline"
        self._record("pull-quote", run, "pull-quote", why)
        return True

    def _set_in_column(self, run: Run) -> bool:
        """Large type inside one column of an article, smaller than its headline or
        repeating the article's own words: a pull quote set in the column (recorded),
        not a new article."""
        article = self.current
        if not (run.in_column and article and article.paragraphs) or self._last_role == "headline":
            return False
        if repeats_the_body(run, article):
            evidence = "type in one column that repeats the article's words"
        elif article.headline and run.size < PULL_QUOTE_SHARE * article.size:
            evidence = f"{run.size:.3g} type in one column, under a {article.size:.3g} headline"
        else:
            return False
        if "pull-quote" not in self.skip:
            self._record("pull-quote", run, "pull-quote", evidence)
        return True

    def _headline(self, run: Run) -> None:
        article = self.current
        if article and self._last_role == "headline" and not article.paragraphs:
            article.headline += _lines(run)  # a headline cut in two pieces
        else:
            self.articles.append(Article(headline=_lines(run), size=run.size))
            self._take_pending()
        self._region(run, "headline")

    def _body(self, run: Run, first_on_page: bool) -> None:
        if self.current is None or (first_on_page and "article-continues" in self.skip):
            self.articles.append(Article())
            self._take_pending()
        elif first_on_page:
            why = f"page {run.page} starts with body under no headline"
            self._record("article-continues", run, f"article {len(self.articles) - 1}", why)
        article = self.current
        pieces = [list(lines) for lines in run.paragraphs]
        if run.continues and article.open_paragraph and article.paragraphs and pieces:
            article.paragraphs[-1] += pieces.pop(0)
        article.paragraphs += pieces
        article.open_paragraph = not run.closes
        self._region(run, "paragraph")

    def _take_pending(self) -> None:
        self.current.captions += self._pending_captions
        self._pending_captions = []

    def _record(self, action: str, run: Run, after: str, why: str) -> None:
        """A decision on the run, on its page, with its first words as what it read."""
        self.decisions.append(Decision(action, run.page, run.text[:40], after, why))

    def _region(self, run: Run, role: str, article: int | None = None) -> None:
        if article is None:
            article = len(self.articles) - 1
        self.regions.append(Region(run.page, role, *run.box, article=article))

    def finish(self) -> list[Article]:
        if self._pending_captions:
            if not self.articles:
                self.articles.append(Article())
            self.current.captions += self._pending_captions
            self._pending_captions = []
        return self.articles


def letters(text: str) -> str:
    """Text reduced to its lower-case letters and digits, so that line ends, hyphens and
    quotation marks do not hide a repeated sentence.

    >>> letters("“Tehran lea-\\nders know”")
    'tehranleadersknow'
    """
    return "".join(character for character in text.lower() if character.isalnum())


def repeats_the_body(run: Run, article: Article, fewest_words: int = 5) -> bool:
    """Does the run repeat, word for word, a stretch of the article read so far (a pull
    quote quotes its article; a headline does not)?

    >>> from reader.clean.geometry.page import Run
    >>> article = Article(paragraphs=[["We know that Iraqis re-", "sent it, he said."]])
    >>> repeats_the_body(Run("headline", 1, (0, 0, 9, 9), [["“We know that", "Iraqis resent it"]]), article)
    True
    """
    lines = _lines(run)
    if sum(len(line.split()) for line in lines) < fewest_words:
        return False
    body = letters(" ".join(line for paragraph in article.paragraphs for line in paragraph))
    return letters(" ".join(lines)) in body


def _lines(run: Run) -> list[str]:
    return [line for lines in run.paragraphs for line in lines]
