"""The claim scheme a teacher edits, claimants from quotations, and check-worthy suggestions."""

from __future__ import annotations

import json

import pytest

from reader import Document
from reader.claims import (
    SCHEME_PATH,
    default_claimant,
    load_claim_scheme,
    score_sentence,
    suggest_claims,
    suggestions_df,
)
from reader.quotes import find_quotes


def test_default_scheme_has_the_kinds_and_verdicts_of_the_issue():
    scheme = load_claim_scheme()
    assert [lab.key for lab in scheme.labels] == [
        "check-worthy", "factual", "opinion", "prediction", "attribution"]  # fmt: skip
    assert scheme.label("check-worthy").check_worthy and not scheme.label("factual").check_worthy
    assert not scheme.label("opinion").factual
    assert scheme.verdicts == ("unverified", "supported", "disputed", "false")
    assert scheme.by_shortcut("4").key == "prediction"


def test_a_teacher_can_add_a_label_and_a_broken_scheme_names_its_file(tmp_path):
    data = json.loads(SCHEME_PATH.read_text(encoding="utf-8"))
    data["labels"].append({"key": "satire", "name": "Satire", "shortcut": "6", "factual": False})
    edited = tmp_path / "scheme.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert load_claim_scheme(edited).by_shortcut("6").name == "Satire"
    data["labels"][-1]["shortcut"] = "1"  # clashes with check-worthy
    edited.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="scheme.json: labels need unique"):
        load_claim_scheme(edited)
    edited.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_claim_scheme(edited)
    assert "scheme.json" in str(error.value) and "\n" not in str(error.value)


def test_a_span_inside_a_quotation_is_claimed_by_its_speaker(sample_document):
    quotes = find_quotes(sample_document)
    inside = sample_document.text.index("we have big hopes for you")
    assert default_claimant(inside, inside + 25, quotes) == "Nuri al-Maliki"
    knights = sample_document.text.index("such a deal will only be a reality")
    assert default_claimant(knights, knights + 30, quotes) == "Michael Knights"
    narration = sample_document.text.index("He was replaced by Prime Minister")
    assert default_claimant(narration, narration + 30, quotes) is None


def test_suggestions_are_ranked_and_each_says_why(sample_document):
    suggestions = suggest_claims(sample_document)
    assert len(suggestions) >= 10
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    top = suggestions[0]
    assert "T-90 tanks" in top.text and "$1 billion" in top.text
    assert {"money", "number", "date", "prediction"} <= set(top.reasons)
    assert all(s.reasons and sample_document.text[s.start : s.end] == s.text for s in suggestions)
    table = suggestions_df(suggestions[:5])
    assert list(table.columns) == ["score", "reasons", "because_of", "start", "end", "sentence"]
    assert "money: " in table.loc[0, "because_of"]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Unemployment rose to 12 percent.", "number"),
        ("The contract is worth $4.2 billion.", "money"),
        ("The deal was resumed in 2013.", "date"),
        ("Iran is larger than Iraq.", "comparison"),
        ("Prices rose because of the war.", "cause"),
        ("Russia will send more tanks.", "prediction"),
    ],
)
def test_each_kind_of_check_worthy_cue_is_found(sentence, reason):
    assert reason in score_sentence(sentence)[1]


def test_a_plain_sentence_is_not_suggested():
    doc = Document.from_text("He smiled warmly at the guests. Iraq would buy 40 tanks in 2025.")
    texts = [s.text for s in suggest_claims(doc)]
    assert texts == ["Iraq would buy 40 tanks in 2025."]


def test_make_claim_follows_the_scheme_and_takes_the_speaker_from_the_quotation(sample_document):
    from reader.claims import make_claim

    start = sample_document.text.index("We want bigger openness")
    claim = make_claim(sample_document, start, start + 23, "opinion", annotator="ana")
    assert claim.claim.claimant == "Nuri al-Maliki" and claim.claim.check_worthy is False
    fact = sample_document.text.index("The deal was resumed in 2013")
    assert make_claim(
        sample_document, fact, fact + 28, "check-worthy", annotator="ana"
    ).claim.check_worthy
    with pytest.raises(KeyError, match="unknown label"):
        make_claim(sample_document, fact, fact + 28, "rumour", annotator="ana")
    with pytest.raises(ValueError, match="unknown verdict"):
        make_claim(sample_document, fact, fact + 28, "factual", annotator="ana", verdict="maybe")
