"""The cleaner's quick ways past its rules decide as the rules do.

For speed (issue 17) the cleaner asks few of its rules on most blocks and blank
lines: a display rule is asked only of a block where the quick fact it names holds
(`Rule.asked_when`: `ShortBlock.may_be_caption` for the caption rules,
`ShortBlock.stands_apart` for the headline rules), and the commonest blank line, a
plain finish (`paragraphs.is_plain_finish`), is told without asking the paragraph
rules one by one.  Here the rules are asked anyway, on every block and blank line of
the test pages, and must answer the same.
"""

from collections import Counter

import pytest
import test_repairs

from reader.clean import clean_page, display, paragraphs
from reader.clean.lines import PageLines


def short_blocks(monkeypatch) -> list[display.ShortBlock]:
    """Every short block the cleaner looks at on the test pages."""
    seen = []
    ask = display.display_block_kind

    def looked_at(block, rules=display.DISPLAY_RULES):
        seen.append(block)
        return ask(block, rules)

    monkeypatch.setattr(display, "display_block_kind", looked_at)
    for page in test_repairs.candidate_pages():
        clean_page(page)
    return seen


def test_a_display_rule_answers_nothing_where_its_quick_fact_does_not_hold(monkeypatch):
    blocks = short_blocks(monkeypatch)
    answered = Counter()
    for block in blocks:
        for rule in display.DISPLAY_RULES:
            kind = rule.function(block)
            if rule.asked_when and not getattr(block, rule.asked_when):
                assert kind is None, (rule.name, block.lines)
            answered[rule.name] += kind not in (None, display.BODY)
    assert len(blocks) > 100
    assert answered["photo-credit"] and answered["labelled-caption"] and answered["title-case"]


def test_the_body_line_before_a_block_skips_the_blocks_set_apart_before_it():
    # A caption block, then a headline block: the headline follows the finished
    # sentence before the caption, not the caption's "(Reuters)".
    page = PageLines.of(
        "the talks ended.\n\nTalks in Moscow.\n(Reuters)\n\n"
        "Mike Huckabee Is\nRunning For\n\nThe former governor"
    )
    decisions = []
    texts = display.set_apart_display_blocks(page, 30, decisions).texts
    assert texts[2:5] == [" Talks in Moscow. (Reuters)", "", " Mike Huckabee Is Running For"]
    assert [d.evidence.split(":")[0] for d in decisions] == ["photo-credit", "title-case"]


@pytest.mark.parametrize(
    "skip", [(), ("lower-case-goes-on",), ("quotation-cut-by-column",), ("finished-sentence",)]
)
def test_a_plain_finish_is_decided_as_the_paragraph_rules_decide(monkeypatch, skip):
    pages = test_repairs.candidate_pages()
    plain = Counter()
    is_plain_finish = paragraphs.is_plain_finish

    def counted(before, after, fill):
        answer = is_plain_finish(before, after, fill)
        plain[answer] += 1
        return answer

    monkeypatch.setattr(paragraphs, "is_plain_finish", counted)
    quick = [clean_page(page, skip=set(skip)) for page in pages]
    monkeypatch.setattr(paragraphs, "rule_of_a_plain_finish", lambda rules: None)
    asked = [clean_page(page, skip=set(skip)) for page in pages]
    for quick_result, asked_result in zip(quick, asked):
        assert quick_result.decisions == asked_result.decisions
        assert quick_result.document.text == asked_result.document.text
    if "finished-sentence" not in skip:
        assert plain[True] > 50 and plain[False]  # the quick way was taken, and often
