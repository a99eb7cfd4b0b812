"""QuoteViewer: the article with every quotation marked, and why each has its speaker.

The widget only presents what `reader.quotes.find_quotes` computed.  Each quotation is
marked in the text; hovering it (or focusing it with the keyboard) shows the speaker
decision's evidence, the way the cleaner's ``--explain`` shows its decisions: the
rule that gave the speaker (`reader.quotes.SPEAKER_RULES`), the cue and the clause the
rule read, and the outlet and addressee.  A quote without a speaker says so, and a
scare quote says why it is one.  `format_quotes_html` makes the HTML (escaped), so
tests and the export can use it without a browser.

>>> from reader import Document
>>> doc = Document.from_text("“We want <bigger> openness,” Maliki said.")
>>> html = format_quotes_html(doc)
>>> "&lt;bigger&gt;" in html and 'title="Maliki' in html and "rule: tag" in html
True
"""

from __future__ import annotations

import ipywidgets as widgets
from markupsafe import Markup

from reader.document import Document
from reader.quotes import SPEAKER_RULES, Quote, find_quotes
from reader.widgets.marking import marked_blocks

__all__ = ["QuoteViewer", "format_quotes_html", "speaker_evidence"]

_STATEMENT_STYLE = "background:#f6e7b8;border-bottom:2px solid #b58900;padding:0 1px"
_SCARE_STYLE = "border-bottom:1px dotted #888"


def speaker_evidence(quote: Quote) -> str:
    """What a quote's speaker decision rests on, in one line a student can check.

    >>> from reader import Document
    >>> quote = find_quotes(Document.from_text("“We want openness,” Maliki told Putin."))[0]
    >>> print(speaker_evidence(quote))
    Maliki — rule: tag (a cue and its speaker in the quote's own sentence (“…,” Maliki said)); cue: told; clause: “Maliki told Putin”; to: Putin
    """
    if quote.kind == "scare":
        return "scare quote: a short phrase no one on the page is said to say"
    if not quote.speaker:
        return "no speaker: no cue names one, and no one person is named before it"
    parts = [f"{quote.speaker} — rule: {quote.rule} ({SPEAKER_RULES.get(quote.rule or '', '')})"]
    if quote.cue:
        parts.append(f"cue: {quote.cue}")
    if quote.clause:
        parts.append(f"clause: “{quote.clause}”")
    if quote.outlet:
        parts.append(f"through: {quote.outlet}")
    if quote.addressee:
        parts.append(f"to: {quote.addressee}")
    return "; ".join(parts)


def _quote_html(document: Document, quote: Quote) -> Markup:
    style = _STATEMENT_STYLE if quote.kind == "statement" else _SCARE_STYLE
    return Markup(
        '<q data-speaker="{speaker}" data-rule="{rule}" title="{evidence}" tabindex="0" '
        'style="{style}">{words}</q>'
    ).format(
        speaker=quote.speaker or "",
        rule=quote.rule or "",
        evidence=speaker_evidence(quote),
        style=style,
        words=document.text[quote.start : quote.end],
    )


def format_quotes_html(document: Document, quotes: list[Quote] | None = None) -> str:
    """The article as HTML with each quotation marked and its evidence on hover.

    ``quotes`` are `find_quotes`'s (found here when not given).  The quotation marks
    of the page stay outside the mark: `<q>` adds none of its own (``quotes:none``).
    """
    quotes = sorted(find_quotes(document) if quotes is None else quotes, key=lambda q: q.start)
    body = marked_blocks(document, quotes, lambda quote: _quote_html(document, quote))
    return str(
        Markup(
            '<div class="reader-quotes" style="line-height:1.7"><style>.reader-quotes q'
            "{{quotes:none}}</style>{}</div>"
        ).format(body)
    )


class QuoteViewer(widgets.VBox):
    """The article with its quotations marked; hover one to see why it has its speaker.

    State lives in Python: ``viewer.quotes`` (the `Quote` list) and ``viewer.article.value``
    (the HTML), so a test reads them without a browser.

    >>> from reader import Document
    >>> viewer = QuoteViewer(Document.from_text("“We want openness,” Maliki said."))
    >>> [q.speaker for q in viewer.quotes], "rule: tag" in viewer.article.value
    (['Maliki'], True)
    """

    def __init__(self, document: Document, quotes: list[Quote] | None = None) -> None:
        self.document = document
        self.quotes = list(find_quotes(document) if quotes is None else quotes)
        said = sum(1 for q in self.quotes if q.kind == "statement" and q.speaker)
        self.summary = widgets.HTML(
            str(
                Markup(
                    "<p>{} quotations, {} with a speaker. Hover a quotation for why.</p>"
                ).format(len(self.quotes), said)
            )
        )
        self.article = widgets.HTML(format_quotes_html(document, self.quotes))
        super().__init__([self.summary, self.article])
