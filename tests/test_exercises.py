"""The self-checks accept right answers (in the forms students type them) and reject
wrong ones with a hint that never gives the key's answer away."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import reader
from reader.exercises import (
    AnswerKeyError,
    check,
    check_answer,
    field_matches,
    key_path,
    load_answer_key,
    normalise,
    passage_words,
)

KEY = load_answer_key()


def answers_in_key(exercise: str, question: str) -> set[str]:
    """Every accepted variant of a question, normalised, to make sure hints leak none."""
    q = KEY.exercise(exercise).question(question)
    return {normalise(v) for a in q.answers for f in q.fields for v in a.get(f, [])}


def assert_hint_gives_nothing_away(result, exercise: str, question: str, typed: str) -> None:
    assert not result.accepted
    assert result.hints, "a rejected answer comes with a hint"
    text = normalise(str(result))
    for secret in answers_in_key(exercise, question) - {normalise(t) for t in typed.split("|")}:
        if len(secret) > 4 and normalise(secret) not in normalise(typed):
            assert secret not in text, f"the hint reveals {secret!r}"


def test_the_sample_page_has_a_key_for_the_four_exercises() -> None:
    assert set(KEY.exercises) == {"actors", "quotes", "framing", "claims"}
    assert key_path(reader.SAMPLE_PAGE).name == "arab-weekly-maliki-russia.json"


def test_actors_accepts_surnames_and_curly_apostrophes() -> None:
    result = check("actors", "people", "maliki, Putin\nSergei Lavrov\nTom O’Connor")
    assert result.accepted, str(result)
    assert result.right == 4


def test_actors_rejects_a_country_with_its_own_hint() -> None:
    typed = "Maliki, Putin, Russia"
    result = check("actors", "people", typed)
    assert not result.accepted
    assert "country" in str(result)
    assert "2 of the 4" in str(result)
    assert_hint_gives_nothing_away(result, "actors", "people", typed)


def test_aliases_accepts_full_name_and_short_name_pairs() -> None:
    typed = "Nuri al-Maliki | Maliki\nVladimir Putin | Putin\nRuhollah Khomeini | Ayatollah Ruhollah Khomeini"
    assert check("actors", "aliases", typed).accepted


def test_aliases_does_not_say_which_half_of_a_pair_is_right() -> None:
    # "Lavrov | Putin" (the name right) and "Bush | Putin" (both wrong) must read alike:
    # a check that said "the name is right" would confirm names one by one.
    pairs = "Nuri al-Maliki | Maliki\nVladimir Putin | Putin\n"
    half_right = check("actors", "aliases", pairs + "Sergei Lavrov | Putin")
    all_wrong = check("actors", "aliases", pairs + "George Bush | Putin")
    assert not half_right.accepted and not all_wrong.accepted
    assert str(half_right) == str(all_wrong)
    assert "right together" in str(half_right) and "2 of the 3" in str(half_right)


def test_maliki_is_the_former_prime_minister_and_abadi_is_not() -> None:
    assert check("actors", "maliki_alias", "Nuri al-Maliki").accepted
    assert check("actors", "maliki_alias", "MALIKI.").accepted
    result = check("actors", "maliki_alias", "Haider al-Abadi")
    assert "prime minister now" in str(result)
    assert_hint_gives_nothing_away(result, "actors", "maliki_alias", "Haider al-Abadi")


def test_quotes_accepts_speaker_and_outlet_pairs() -> None:
    typed = "Tom O'Connor | Newsweek\nAmir Taheri | Asharq Al-Awsat\nMichael Knights | Rudaw"
    assert check("quotes", "through_outlets", typed).accepted


def test_quotes_from_the_quote_finder_pass_the_check_three_at_a_time() -> None:
    from reader.quotes import find_quotes

    quotes = [q for q in find_quotes(reader.load_document(reader.SAMPLE_PAGE)) if q.outlet]
    one_a_speaker = list({q.speaker: q for q in quotes}.values())
    assert len(one_a_speaker) > 3
    assert check("quotes", "through_outlets", one_a_speaker[:3]).accepted
    assert check("quotes", "through_outlets", quotes).message == "Too many: choose 3."


def test_quotes_rejects_the_page_itself_as_the_outlet() -> None:
    typed = "Tom O'Connor | The Arab Weekly\nAmir Taheri | TASS"
    result = check("quotes", "through_outlets", typed)
    assert not result.accepted
    assert "the page itself" in str(result)
    assert "is right" not in str(result)
    assert "Asharq" not in str(result)


def test_most_quoted_is_maliki() -> None:
    assert check("quotes", "most_quoted", "maliki").accepted
    assert not check("quotes", "most_quoted", "Lavrov").accepted


@pytest.mark.parametrize(
    ("question", "right", "wrong"),
    [
        ("rudaw_frame", "Economic", "security_defense"),
        ("asharq_frame", "public_opinion", "political"),
        ("page_frame", "Political", "economic"),
    ],
)
def test_framing_accepts_the_largest_frame_and_rejects_another(question, right, wrong) -> None:
    assert check("framing", question, right).accepted
    result = check("framing", question, wrong)
    assert not result.accepted and result.hints
    assert_hint_gives_nothing_away(result, "framing", question, wrong)


def test_framing_key_agrees_with_compare_outlets_on_the_sample_page() -> None:
    from reader.framing import compare_outlets

    largest = compare_outlets(reader.SAMPLE_PAGE).frame_matrix().idxmax(axis=1)
    for question, outlet in [
        ("rudaw_frame", "Rudaw English"),
        ("asharq_frame", "Asharq Al-Awsat"),
        ("page_frame", "The Arab Weekly"),
    ]:
        assert check("framing", question, largest[outlet]).accepted, (question, largest[outlet])


def test_claims_accepts_three_check_worthy_claims_marked_a_little_short() -> None:
    typed = (
        "signed a $4.2 billion arms contract | The Arab Weekly\n"
        "The deal was resumed in 2013 | the newspaper\n"
        "Iraq would buy a “large batch” of advanced T-90 tanks | Kremlin"
    )
    assert check("claims", "check_worthy", typed).accepted


def test_claims_rejects_an_opinion_and_a_wrong_claimant() -> None:
    typed = (
        "We are grateful to you for the role Russia is playing | Maliki\n"
        "The deal was resumed in 2013 | Maliki"
    )
    result = check("claims", "check_worthy", typed)
    assert not result.accepted
    assert "opinion" in str(result)
    assert "is right" not in str(result) and "right together" in str(result)


def test_claims_counts_the_same_claim_once() -> None:
    typed = "The deal was resumed in 2013 | The Arab Weekly\n" * 3
    result = check("claims", "check_worthy", typed)
    assert not result.accepted and result.right == 1


def test_claims_marked_with_the_annotator_are_checked() -> None:
    from reader.annotations import annotate

    document = reader.load_document(reader.SAMPLE_PAGE)
    marked = []
    for words, who in [
        ("Iraq and Russia signed a $4.2 billion arms contract", "The Arab Weekly"),
        ("The deal was resumed in 2013", "The Arab Weekly"),
        ("Tsarist Russia captured territory from the Persian Empire", "The Arab Weekly"),
    ]:
        start = document.text.index(words)
        marked.append(
            annotate(
                document, start, start + len(words), "check-worthy", annotator="s", claimant=who
            )
        )
    assert check("claims", "check_worthy", marked).accepted


def test_an_empty_answer_asks_for_one() -> None:
    result = check("actors", "people", "   ")
    assert not result.accepted
    assert "type an answer" in result.message


def test_a_teacher_key_beside_the_page_replaces_the_kit_key(tmp_path: Path) -> None:
    page = tmp_path / "my-page.txt"
    page.write_text("Ana said hello.", encoding="utf-8")
    key = {
        "exercises": {"actors": {"questions": [{"id": "who", "answers": [{"answer": ["Ana"]}]}]}}
    }
    (tmp_path / "my-page.answers.json").write_text(json.dumps(key), encoding="utf-8")
    assert check("actors", "who", "ana", page=page).accepted
    assert not check("actors", "who", "Bo", page=page).accepted


def test_a_missing_or_broken_key_says_so_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(AnswerKeyError, match="no answer key"):
        load_answer_key(tmp_path / "nothing.txt")
    bad = tmp_path / "bad.answers.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(AnswerKeyError, match="cannot read"):
        load_answer_key(bad)


def test_unknown_question_names_the_ones_there_are() -> None:
    with pytest.raises(KeyError, match="people"):
        KEY.exercise("actors").question("nope")


def test_check_answer_takes_a_dict_of_speaker_to_outlet() -> None:
    q = KEY.exercise("quotes").question("through_outlets")
    answer = {"Tom O'Connor": "Newsweek", "Aydin Mehdiyev": "Pravda.ru", "Dmitry Shugaev": "TASS"}
    assert check_answer(q, answer).accepted


def test_no_hint_in_the_kit_key_names_an_answer() -> None:
    for exercise in KEY.exercises.values():
        for q in exercise.questions:
            first = q.fields[0]
            secrets = {normalise(v) for a in q.answers for v in a.get(first, [])}
            hints = [q.hint] + [str(m.get("hint", "")) for m in q.mistakes]
            for hint in map(normalise, hints):
                leaked = [
                    s for s in secrets if len(s) > 4 and re.search(rf"\b{re.escape(s)}\b", hint)
                ]
                assert not leaked, f"{exercise.id}/{q.id}: a hint names {leaked}"


# -- the self-check is not an answer oracle -------------------------------------------


def sample_sentences() -> list[str]:
    from reader.annotations import sentence_spans

    text = reader.load_document(reader.SAMPLE_PAGE).text
    return [text[start:end] for start, end in sentence_spans(text)]


def test_the_whole_page_pasted_as_claims_is_too_many() -> None:
    sentences = sample_sentences()
    assert len(sentences) == 67
    result = check("claims", "check_worthy", [(s, "nobody") for s in sentences])
    assert not result.accepted
    assert result.message == "Too many: choose 3."
    assert result.right == 0 and not result.wrong
    assert not any(normalise(s)[:30] in normalise(str(result)) for s in sentences)


def test_the_whole_page_pasted_as_lines_is_too_many() -> None:
    typed = "\n".join(f"{s.replace(';', ',')} | The Arab Weekly" for s in sample_sentences())
    result = check("claims", "check_worthy", typed)
    assert result.message == "Too many: choose 3."


def test_every_name_on_the_page_is_too_many() -> None:
    text = reader.load_document(reader.SAMPLE_PAGE).text
    names = sorted(set(re.findall(r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+", text)))
    assert len(names) > 40
    result = check("actors", "people", names)
    assert not result.accepted and result.message == "Too many: choose 4."
    assert not any(normalise(name) in normalise(str(result)) for name in names)


def test_a_rejected_answer_names_none_of_its_answers_when_some_are_right() -> None:
    typed = ["Maliki", "Putin", "Lavrov", "George Bush"]
    result = check("actors", "people", typed)
    assert not result.accepted and result.right == 3
    assert "3 of the 4" in str(result) and "1 of your answers does not count" in str(result)
    assert not any(normalise(name) in normalise(str(result)) for name in typed)
    assert not result.wrong


def test_feedback_is_the_same_whichever_claim_text_is_right() -> None:
    right = [
        ("Iraq and Russia signed a $4.2 billion arms contract", "The Arab Weekly"),
        ("The deal was resumed in 2013", "The Arab Weekly"),
    ]
    text_right = check(
        "claims", "check_worthy", [*right, ("He was replaced by Prime Minister", "nobody")]
    )
    text_wrong = check(
        "claims", "check_worthy", [*right, ("Maliki is visiting Moscow this week", "nobody")]
    )
    assert str(text_right) == str(text_wrong)
    assert text_right.right == text_wrong.right == 2


def test_the_same_answer_twice_is_one_answer_not_too_many() -> None:
    result = check("actors", "people", "Maliki, maliki, Putin, Lavrov, Obama")
    assert result.accepted and result.right == 4


def test_an_honest_student_who_also_marked_opinions_as_opinions_is_right() -> None:
    # The claim annotator hands the check every mark; marks labelled opinion are the
    # student's own good reading, not answers to "mark three check-worthy claims".
    from reader.annotations import annotate

    document = reader.load_document(reader.SAMPLE_PAGE)

    def mark(words: str, label: str, who: str):
        start = document.text.index(words)
        end = start + len(words)
        return annotate(document, start, end, label, annotator="s", claimant=who)

    marks = [
        mark(
            "Iraq and Russia signed a $4.2 billion arms contract", "check-worthy", "The Arab Weekly"
        ),
        mark("We are grateful to you for the role Russia is playing", "opinion", "Maliki"),
        mark("The deal was resumed in 2013", "check-worthy", "The Arab Weekly"),
        mark("We want bigger openness and closer friendship with Russia", "opinion", "Maliki"),
        mark(
            "Tsarist Russia captured territory from the Persian Empire", "check-worthy", "the paper"
        ),
    ]
    assert check("claims", "check_worthy", marks).accepted
    result = check("claims", "check_worthy", [m for m in marks if m.claim.label == "opinion"])
    assert not result.accepted and "2 marks were left out" in str(result)


# -- claims in the words a student types ----------------------------------------------


def page_sentence(words: str) -> str:
    """The one sentence of the sample page that holds these words."""
    (found,) = [s for s in sample_sentences() if words in s]
    return found


def claims_key_sentences() -> list[str]:
    q = KEY.exercise("claims").question("check_worthy")
    return [a["sentence"][0] for a in q.answers]


def test_claims_copied_whole_from_the_page_are_accepted() -> None:
    typed = [
        (page_sentence("Putin and Maliki discussed possible supplies"), "Dmitry Shugaev"),
        (page_sentence("The deal was resumed in 2013"), "The Arab Weekly"),
        (page_sentence("Iraq would buy a “large batch”"), "the Kremlin"),
    ]
    result = check("claims", "check_worthy", typed)
    assert result.accepted, str(result)


def test_every_key_sentence_copied_whole_is_its_claim() -> None:
    q = KEY.exercise("claims").question("check_worthy")
    for answer in q.answers:
        sentence = answer["sentence"][0]
        assert sentence in reader.load_document(reader.SAMPLE_PAGE).text
        assert field_matches(q, "text", sentence, answer["text"], sentence), sentence


@pytest.mark.parametrize(
    "claim",
    [
        "Iraq would buy a large batch of advanced T-90 tanks",
        "Iraq would buy a «large batch» of advanced T-90 tanks",
        "Iraq would buy a 'large batch' of advanced T-90 tanks",
        "The Kremlin announced in July that Iraq would buy a large batch of advanced T-90 "
        "tanks in a deal estimated at more than $1 billion.",
    ],
)
def test_a_claim_counts_with_or_without_its_quotation_marks(claim: str) -> None:
    typed = [
        (claim, "The Kremlin"),
        ("The deal was resumed in 2013", "The Arab Weekly"),
        ("He was replaced by Prime Minister Haider al-Abadi", "The Arab Weekly"),
    ]
    assert check("claims", "check_worthy", typed).accepted


@pytest.mark.parametrize(
    "amount",
    ["4.2 billion dollar", "4.2 billion dollars", "US$4.2bn", "four point two billion dollar"],
)
def test_an_amount_written_as_a_student_says_it_counts(amount: str) -> None:
    claim = f"Iraq and Russia signed a {amount} arms contract"
    typed = f"{claim} | The Arab Weekly\nThe deal was resumed in 2013 | the newspaper\n"
    typed += "Tsarist Russia captured territory from the Persian Empire | the paper"
    assert check("claims", "check_worthy", typed).accepted


def test_an_amount_with_its_currency_first_counts() -> None:
    q = KEY.exercise("claims").question("check_worthy")
    contract = q.answers[1]
    claim = "Iraq and Russia signed an arms contract worth USD 4.2 billion"
    assert field_matches(q, "text", claim, contract["text"], contract["sentence"][0])


def test_the_page_sentence_and_the_same_words_retyped_are_the_same_words() -> None:
    on_page = page_sentence("Iraq would buy a “large batch”")
    retyped = (
        'the kremlin announced in july that Iraq would buy a "large batch" of advanced '
        "T-90 tanks in a deal estimated at more than one billion dollars"
    )
    assert passage_words(on_page) == passage_words(retyped)
    assert "1000000000" in passage_words(retyped) and "usd" in passage_words(retyped)


def test_a_key_clause_counts_but_another_clause_of_its_sentence_does_not() -> None:
    q = KEY.exercise("claims").question("check_worthy")
    contract = q.answers[1]
    sentence = contract["sentence"][0]

    def matches(claim: str) -> bool:
        return field_matches(q, "text", claim, contract["text"], sentence)

    assert matches("Iraq and Russia signed a 4.2 billion dollars arms contract")
    assert matches("In 2012 Iraq and Russia signed a $4.2bn arms contract")
    assert not matches(
        "following a corruption scandal that involved senior Iraqi defence officials"
    )
    assert not matches("senior Iraqi defence officials were involved in a corruption scandal")


def claim_matches_any(claim: str) -> bool:
    q = KEY.exercise("claims").question("check_worthy")
    return any(field_matches(q, "text", claim, a["text"], a["sentence"][0]) for a in q.answers)


@pytest.mark.parametrize(
    ("key_words", "other_words"),
    [
        ("Tsarist Russia captured territory", "Soviet Russia occupied northern Iran"),
        ("Tsarist Russia captured territory", "Iranian and Russian interests have clashed"),
        ("He was replaced by Prime Minister", "He was reportedly pressured by the United States"),
        ("Maliki has instead praised", "Now that ISIS has been declared defeated"),
    ],
)
def test_another_sentence_of_the_same_paragraph_is_not_the_claim(key_words, other_words) -> None:
    text = reader.load_document(reader.SAMPLE_PAGE).text
    key, other = page_sentence(key_words), page_sentence(other_words)
    paragraph = next(p for p in text.split("\n\n") if key in p)
    assert other in paragraph and claim_matches_any(key)
    assert not claim_matches_any(other)


def test_three_sentences_pasted_round_a_claim_do_not_count() -> None:
    # Round the sentence of the Shugaev claim the next two sentences are short: three
    # sentences have 1.96 times its content words, so "twice as long" would let them in.
    sentences = sample_sentences()
    for key in claims_key_sentences():
        at = sentences.index(key)
        for first in range(max(0, at - 2), at + 1):
            pasted = " ".join(sentences[first : first + 3])
            assert not claim_matches_any(pasted), pasted[:80]


def test_a_single_word_or_the_whole_page_is_no_claim() -> None:
    text = reader.load_document(reader.SAMPLE_PAGE).text
    for claim in ["Iraq", "deal", "Russia", "2013", "$4.2 billion", text]:
        assert not claim_matches_any(claim), claim[:40]
    result = check("claims", "check_worthy", [(text, "The Arab Weekly")])
    assert not result.accepted and result.right == 0
    assert len(str(result)) < 1000  # the page is not echoed back


def test_a_number_alone_is_too_short_for_a_claim_and_the_hint_says_so() -> None:
    typed = "4.2 billion dollar | The Arab Weekly\nThe deal was resumed in 2013 | The Arab Weekly"
    result = check("claims", "check_worthy", typed)
    assert not result.accepted and result.right == 1
    assert "too short for a claim" in str(result)
    shown = normalise(str(result))
    assert not any(normalise(words)[:25] in shown for words in claims_key_sentences())
    assert "signed" not in shown and "contract" not in shown


def test_guillemets_and_quotation_marks_round_a_name_are_ignored() -> None:
    assert check("actors", "maliki_alias", "«Maliki»").accepted
    assert check("actors", "maliki_alias", "„Nuri al-Maliki“").accepted


def test_the_check_read_as_text_shows_no_markdown_backticks() -> None:
    result = check("actors", "people", "Maliki")
    assert "`" in "".join(result.hints)  # the key writes code in backticks ...
    assert "`" not in str(result) and "actors_df()" in str(result)  # ... never shown raw
