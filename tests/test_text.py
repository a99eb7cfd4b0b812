"""One sentence splitter, one abbreviation list, one word frequency for every stage."""

from __future__ import annotations

import pytest

from reader import Block, Document
from reader.actors import document_sentences
from reader.claims import suggest_claims
from reader.framing import split_sentences as framing_sentences
from reader.quotes import find_quotes
from reader.text import (
    ABBREVIATIONS,
    TITLE_ABBREVIATIONS,
    ends_sentence,
    is_abbreviation,
    sentence_spans,
    split_sentences,
    word_zipf,
)


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Capt. Smith said so. Prof. Jones agreed.", ["Capt. Smith said so.", "Prof. Jones agreed."]),
        ("By 9 a.m. Sunday, the Rev. Al Sharpton spoke.", ["By 9 a.m. Sunday, the Rev. Al Sharpton spoke."]),
        ("U.S. officials met at 5 p.m. Tuesday in St. Louis.", ["U.S. officials met at 5 p.m. Tuesday in St. Louis."]),
        ("On Sept. 11, Sen. Reid and Lt. Gov. Murray spoke.", ["On Sept. 11, Sen. Reid and Lt. Gov. Murray spoke."]),
        ("It runs through Nov. 5. Then it stops.", ["It runs through Nov. 5.", "Then it stops."]),
        ("Federal mine No. 2 shut. The answer is no. He left.", ["Federal mine No. 2 shut.", "The answer is no.", "He left."]),
        ("The money stayed in the U.S. The talks went on.", ["The money stayed in the U.S.", "The talks went on."]),
        ("“Mr. President, will you?” he asks. (Ms. Tlaib spoke.)", ["“Mr. President, will you?” he asks.", "(Ms. Tlaib spoke.)"]),
        ("He said ''no one knows.'' (Experts disagree.)", ["He said ''no one knows.''", "(Experts disagree.)"]),
    ],
)  # fmt: skip
def test_titles_initials_months_and_initialisms_keep_their_full_stops(text, sentences):
    assert split_sentences(text) == sentences


def test_spans_are_offsets_into_the_block_and_skip_the_spaces_between():
    text = "Headline\n\nMr. Obama spoke. Paul D. Ryan said: “No.” He left."
    assert [text[s:e] for s, e in sentence_spans(text, 10)] == [
        "Mr. Obama spoke.",
        "Paul D. Ryan said: “No.”",
        "He left.",
    ]


def test_abbreviations_are_one_list_with_the_titles_in_it():
    assert TITLE_ABBREVIATIONS < ABBREVIATIONS
    assert {
        "capt",
        "prof",
        "rev",
        "sen",
        "gov",
        "gen",
        "lt",
        "col",
        "st",
        "mt",
        "u.s",
        "sept",
    } <= ABBREVIATIONS
    assert is_abbreviation("D") and is_abbreviation("U.S") and not is_abbreviation("said")


def test_ends_sentence_and_word_zipf():
    assert ends_sentence("he said.”") and not ends_sentence("he said")
    assert word_zipf("Premiership") == word_zipf("premiership") > 3 > word_zipf("miership")


TRICKY = (
    "Capt. Smith said so. Prof. Jones agreed. Federal mine No. 2 would soon have to close. "
    "Del. Stacey Plaskett of the Virgin Islands spoke. The Rev. Al Sharpton arrived at 5 p.m. Tuesday."
)


def test_every_stage_cuts_the_same_sentences():
    document = Document.from_blocks([Block("paragraph", TRICKY)])
    actors = [document.text[s:e] for s, e in document_sentences(document)]
    assert actors == split_sentences(TRICKY) == framing_sentences(TRICKY)
    assert len(actors) == 5
    suggested = [s.text for s in suggest_claims(document)]
    assert "Federal mine No. 2 would soon have to close." in suggested


def test_a_quote_attributed_to_a_delegate_names_the_delegate_not_her_title():
    text = "“It’s destroying this committee,” said Del. Stacey Plaskett of the Virgin Islands."
    quotes = find_quotes(Document.from_blocks([Block("paragraph", text)]))
    assert [q.speaker for q in quotes] == ["Stacey Plaskett"]
