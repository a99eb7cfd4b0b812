"""SpanIndex answers as reading every span would, on the sample page's own spans."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import reader
from reader import SAMPLE_PAGE
from reader.spans import SpanIndex


@pytest.fixture(scope="module")
def page_spans() -> tuple[str, list]:
    """The sample page's mentions and quotations, with spans nested in each other added
    (a sentence, a paragraph, one character), as a teacher's own marks may be."""
    from reader.actors import find_actors
    from reader.quotes import find_quotes

    document = reader.load_document(SAMPLE_PAGE)
    actors = find_actors(document, page_path=SAMPLE_PAGE)
    spans = [SimpleNamespace(start=m.start, end=m.end) for m in actors.mentions]
    spans += [SimpleNamespace(start=q.start, end=q.end) for q in find_quotes(document, actors)]
    paragraph = document.paragraphs()[3]
    spans += [
        SimpleNamespace(start=paragraph.start, end=paragraph.end),
        SimpleNamespace(start=paragraph.start + 10, end=paragraph.start + 11),
        SimpleNamespace(start=paragraph.start, end=paragraph.start),  # empty: holds nothing
    ]
    return document.text, spans


def test_spans_meeting_a_range_or_holding_an_offset_are_those_read_one_by_one(page_spans):
    text, spans = page_spans
    index = SpanIndex(spans)
    edges = sorted({o for s in spans for o in (s.start - 1, s.start, s.end - 1, s.end)})
    for offset in [0, *edges, len(text)]:
        assert index.holds(offset) == any(s.start <= offset < s.end for s in spans), offset
    in_order = sorted(spans, key=lambda s: s.start)
    for start, end in zip(edges, edges[3:]):
        assert index.overlapping(start, end) == [
            s for s in in_order if s.start < end and start < s.end
        ], (start, end)
        assert index.starting_in(start, end) == [s for s in in_order if start <= s.start < end]


def test_spans_that_start_together_keep_the_order_they_were_given_in():
    first, second, third = (SimpleNamespace(start=5, end=e) for e in (9, 6, 20))
    index = SpanIndex([first, SimpleNamespace(start=0, end=3), second, third])
    assert index.overlapping(5, 6) == [first, second, third]
    assert index.starting_in(4, 6) == [first, second, third]
    assert index.overlapping(3, 5) == [] and not index.holds(4) and index.holds(19)
