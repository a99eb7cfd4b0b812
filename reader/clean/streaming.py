"""A very large page cleaned piece by piece, in bounded memory."""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import IO

from reader.clean.cleaner import clean_page
from reader.clean.decisions import Decision
from reader.clean.pagefile import WINDOWS_1252, Decoding, PageError, PageWarning, iter_page_file
from reader.document import Article
from reader.text import ends_sentence


def iter_page_chunks(stream: IO[str], chunk_chars: int = 1_000_000) -> Iterator[str]:
    """Cut a long text into pieces of about ``chunk_chars`` at finished paragraphs.

    A piece ends only at a blank line after a finished sentence, so no sentence
    or word is cut in two; memory stays bounded whatever the file's size.

    >>> import io
    >>> text = "One line.\\n\\nNot finished\\n\\nyet.\\n\\nLast."
    >>> [len(piece) for piece in iter_page_chunks(io.StringIO(text), chunk_chars=5)]
    [10, 20, 6]
    """
    return _cut_at_paragraphs(iter(functools.partial(stream.read, chunk_chars), ""), chunk_chars)


def _cut_at_paragraphs(blocks: Iterable[str], chunk_chars: int) -> Iterator[str]:
    """The text of ``blocks`` (of any sizes) again, in pieces cut as `iter_page_chunks` cuts."""
    pending = ""  # read, not yet given out
    looked_to = 0  # the blank lines of pending before this offset were looked at
    for block in itertools.chain(blocks, [""]):
        pending += block
        cut = _chunk_end(pending, max(chunk_chars, looked_to))
        while cut is not None:
            yield pending[:cut]
            pending = pending[cut:]
            cut = _chunk_end(pending, chunk_chars)
        looked_to = pending.rfind("\n") + 1  # the last line may not be whole yet
    if pending:
        yield pending


# A blank line (spaces at most), read to its line end.
_BLANK_LINE = re.compile(r"^[^\S\n]*\n", re.MULTILINE)


def _chunk_end(text: str, at_least: int) -> int | None:
    """Where the first piece of ``text`` may end: the start of the first blank line
    at or after ``at_least`` whose last line with text before it ends a sentence."""
    for blank in _BLANK_LINE.finditer(text, at_least):
        end = blank.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1  # back over the blank lines to the last line with text
        if ends_sentence(text[text.rfind("\n", 0, end) + 1 : end]):
            return blank.start()
    return None


def clean_page_file_streaming(
    path: str,
    out: IO[str],
    as_json: bool = False,
    progress: Callable[[int], None] | None = None,
    *,
    explain: IO[str] | None = None,
    chunk_chars: int = 1_000_000,
    block_bytes: int = 2**20,
    skip: Collection[str] = (),
) -> Decoding:
    """Clean a very large page file piece by piece, writing as it goes (bounded memory).

    The file is read as `reader.clean.pagefile.decode_page` reads a whole page, and cut
    into pieces of about ``chunk_chars`` characters at finished paragraphs.  An
    article may go on over a cut: with ``as_json`` it is written as one article,
    as when the page is cleaned whole.  ``explain``, if given, gets each decision
    as its piece is cleaned (line numbers in the whole page), then how the bytes
    were decoded.  ``progress``, if given, is called after each piece with the
    characters read so far.  Returns how the bytes were decoded; a `PageWarning`
    says what was not read as written.  ``skip`` names repairs not to make.
    """
    try:
        decoding, pieces = iter_page_file(path, block_bytes)
    except PageError as error:
        raise PageError(f"{path}: {error}") from None
    articles = _ArticleWriter(out) if as_json else None
    first, done, lines_before = True, 0, 0
    for chunk in _cut_at_paragraphs(pieces, chunk_chars):
        result = clean_page(chunk, skip=skip)
        done += len(chunk)
        if progress is not None:
            progress(done)
        if explain is not None:
            for decision in result.decisions:
                decision.line += lines_before
                explain.write(decision.describe() + "\n")
            lines_before += chunk.count("\n") + chunk.count("\x0c")  # as normalise_text counts
        if articles is not None:
            articles.add(result.document.articles())
        elif result.document.text:
            out.write(("" if first else "\n\n") + result.document.text)
            first = False
        del result  # the piece's blocks and decisions go before the next piece is cleaned
    if articles is not None:
        articles.close()
    else:
        out.write("\n")
    if explain is not None:
        for decision in decoding_decisions(decoding):
            explain.write(decision.describe() + "\n")
    message = decoding.warning()
    if message:
        warnings.warn(PageWarning(f"{path}: {message}"), stacklevel=2)
    return decoding


class _ArticleWriter:
    """Writes the ``--json`` articles of a page cleaned piece by piece, one a line.

    A piece ends at a finished paragraph, which is not always an article's end:
    the first article of a piece goes on with the last one of the piece before,
    unless it opens with a headline (only a headline opens an article, see
    `group_into_articles`).  So the last article stays open: its paragraphs are
    written as they come, and its captions, which come after the paragraphs,
    are kept until it closes.  A byline at the top of a piece that goes on with
    an article is one of its paragraphs, as it is in the page cleaned whole.
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.written = 0  # articles opened so far
        self.paragraphs = 0  # paragraphs written in the open article
        self.captions: list[str] = []  # of the open article
        out.write('{"articles": [')

    def add(self, articles: list[Article]) -> None:
        for index, article in enumerate(articles):
            paragraphs = article.paragraphs
            if index == 0 and self.written and article.headline is None:
                paragraphs = [article.byline, *paragraphs] if article.byline else paragraphs
            else:
                self._close_article()
                self.out.write(
                    ("," if self.written else "")
                    + f'\n  {{"headline": {_json(article.headline)}, "byline": '
                    + f'{_json(article.byline)}, "paragraphs": ['
                )
                self.written += 1
            for paragraph in paragraphs:
                self.out.write((", " if self.paragraphs else "") + _json(paragraph))
                self.paragraphs += 1
            self.captions += article.captions

    def _close_article(self) -> None:
        if self.written:
            self.out.write(f'], "captions": {_json(self.captions)}}}')
            self.paragraphs, self.captions = 0, []

    def close(self) -> None:
        self._close_article()
        self.out.write("\n]}\n")


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def decoding_decisions(decoding: Decoding) -> list[Decision]:
    """How a page's bytes were read, as ``--explain`` decisions (none for plain UTF-8).

    >>> from reader.clean.pagefile import decode_page
    >>> for decision in decoding_decisions(decode_page(b"One\\nMaliki \\x93said\\x94 \\xe2\\x80\\x94").decoding):
    ...     print(decision.describe())
    line 2: decode: '0x93' -> '“'  (not UTF-8: read as Windows-1252)
    line 2: decode: '0x94' -> '”'  (not UTF-8: read as Windows-1252)
    >>> for decision in decoding_decisions(decode_page("Maliki".encode("utf-16")).decoding):
    ...     print(decision.describe())
    line 1: decode: 'bytes' -> 'UTF-16 LE'  (a byte-order mark)
    """
    encoding = decoding.encoding
    decisions = []
    if encoding.codec != "utf-8":
        decisions.append(Decision("decode", 1, "bytes", encoding.name, encoding.evidence))
    if decoding.stretch_count and not decoding.utf8_seen:
        # A page in Windows-1252 throughout: one decision, not one a character.
        why = (
            f"no UTF-8 character of more than one byte; {decoding.byte_count:,} bytes "
            f"{decoding.where()} are not UTF-8"
        )
        decisions.append(Decision("decode", decoding.lines[0], "bytes", WINDOWS_1252, why))
        return decisions
    for stretch in decoding.stretches:
        raw = " ".join(f"0x{byte:02x}" for byte in stretch.raw)
        why = f"not UTF-8: read as {WINDOWS_1252}"
        decisions.append(Decision("decode", stretch.line, raw, stretch.text, why))
    unlisted = decoding.stretch_count - len(decoding.stretches)
    if unlisted:
        last = decoding.last_line
        why = f"{unlisted:,} more stretches not UTF-8 up to here, each read as {WINDOWS_1252}"
        decisions.append(Decision("decode", last, "…", "…", why))
    if decoding.unreadable and not decoding.stretch_count:
        why = f"{decoding.unreadable:,} characters could not be read as {encoding.name}"
        decisions.append(Decision("decode", 1, "bytes", "\ufffd", why))
    return decisions
