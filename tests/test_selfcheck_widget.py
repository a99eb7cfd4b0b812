"""The SelfCheck widget, driven without a browser: type an answer, press Check."""

from __future__ import annotations

import ipywidgets as widgets

import reader
from reader.widgets.selfcheck import SelfCheck, exercise_checks


def press_check(widget: SelfCheck) -> None:
    widget.check_button.click()  # runs the same handler a browser click does


def test_a_right_answer_turns_the_feedback_green() -> None:
    w = SelfCheck("actors", "maliki_alias")
    w.answer.value = "Nuri al-Maliki"
    press_check(w)
    assert w.result is not None and w.result.accepted
    assert 'data-accepted="true"' in w.feedback.value
    assert "Right" in w.feedback.value


def test_a_wrong_answer_shows_a_hint_and_not_the_answer() -> None:
    w = SelfCheck("actors", "maliki_alias")
    w.answer.value = "Haider al-Abadi"
    press_check(w)
    assert not w.result.accepted
    assert 'data-accepted="false"' in w.feedback.value
    assert "prime minister now" in w.feedback.value
    assert "Maliki" not in w.feedback.value.replace("al-Abadi", "")


def test_the_feedback_escapes_what_the_student_typed() -> None:
    w = SelfCheck("framing", "rudaw_frame")
    w.answer.value = "<script>alert(1)</script>"
    press_check(w)
    assert "<script>" not in w.feedback.value
    assert "&lt;script&gt;" in w.feedback.value


def test_questions_with_several_answers_get_a_text_area() -> None:
    assert isinstance(SelfCheck("quotes", "through_outlets").answer, widgets.Textarea)
    assert isinstance(SelfCheck("quotes", "most_quoted").answer, widgets.Text)


def test_several_pairs_typed_one_a_line_are_accepted() -> None:
    w = SelfCheck("quotes", "through_outlets")
    w.answer.value = (
        "Tom O’Connor | Newsweek\nAmir Taheri | Asharq Al-Awsat\nAydin Mehdiyev | Pravda.ru"
    )
    press_check(w)
    assert w.result.accepted and w.attempts == 1


def test_an_empty_box_checks_what_the_source_gives() -> None:
    from reader.annotations import annotate

    document = reader.load_document(reader.SAMPLE_PAGE)
    claims = []
    for words in ["signed a $4.2 billion arms contract", "The deal was resumed in 2013"]:
        start = document.text.index(words)
        claims.append(
            annotate(
                document,
                start,
                start + len(words),
                "check-worthy",
                annotator="s",
                claimant="The Arab Weekly",
            )
        )
    w = SelfCheck("claims", "check_worthy", source=lambda: claims)
    press_check(w)
    assert not w.result.accepted and "1 more" in w.feedback.value
    start = document.text.index("Iraq would buy")
    claims.append(
        annotate(document, start, start + 60, "check-worthy", annotator="s", claimant="the Kremlin")
    )
    press_check(w)
    assert w.result.accepted


def test_exercise_checks_has_one_widget_per_question() -> None:
    box = exercise_checks("framing")
    checks = [c for c in box.children if isinstance(c, SelfCheck)]
    assert [c.question.id for c in checks] == ["rudaw_frame", "asharq_frame", "page_frame"]


def test_the_page_pasted_into_the_box_is_too_many_and_confirms_nothing() -> None:
    from reader.annotations import sentence_spans

    text = reader.load_document(reader.SAMPLE_PAGE).text
    w = SelfCheck("claims", "check_worthy")
    assert "(3 answers)" in w.answer.placeholder
    w.answer.value = "\n".join(f"{text[s:e]} | nobody" for s, e in sentence_spans(text))
    press_check(w)
    assert not w.result.accepted
    assert "Too many: choose 3." in w.feedback.value
    assert "is right" not in w.feedback.value and "nobody" not in w.feedback.value


def test_marks_labelled_opinion_in_the_annotator_do_not_count_against_the_student() -> None:
    from reader.annotations import annotate

    document = reader.load_document(reader.SAMPLE_PAGE)
    marks = []
    for words, label in [
        ("signed a $4.2 billion arms contract", "check-worthy"),
        ("We sincerely thank you", "opinion"),
        ("The deal was resumed in 2013", "check-worthy"),
        ("Tsarist Russia captured territory from the Persian Empire", "check-worthy"),
    ]:
        start = document.text.index(words)
        marks.append(
            annotate(
                document, start, start + len(words), label, annotator="s", claimant="the paper"
            )
        )
    w = SelfCheck("claims", "check_worthy", source=lambda: marks)
    press_check(w)
    assert w.result.accepted, w.feedback.value


# -- Enter, fresh feedback, hints without backticks ------------------------------------


def type_in_browser(widget: SelfCheck, text: str) -> None:
    """What the browser sends while the student types: the box's new value."""
    widget.answer._handle_msg(
        {"content": {"data": {"method": "update", "state": {"value": text}}}, "buffers": []}
    )


def press_enter(widget: SelfCheck) -> None:
    """What the browser sends when Enter is pressed in a one-line box."""
    widget.answer._handle_msg(
        {"content": {"data": {"method": "custom", "content": {"event": "submit"}}}, "buffers": []}
    )


def test_enter_in_a_one_line_box_checks_the_answer() -> None:
    w = SelfCheck("actors", "maliki_alias")
    assert isinstance(w.answer, widgets.Text) and "Enter" in w.answer.placeholder
    type_in_browser(w, "Nuri al-Maliki")
    press_enter(w)
    assert w.result is not None and w.result.accepted and w.attempts == 1
    assert 'data-accepted="true"' in w.feedback.value


def test_typing_a_new_answer_clears_the_old_feedback() -> None:
    w = SelfCheck("actors", "maliki_alias")
    type_in_browser(w, "Haider al-Abadi")
    press_enter(w)
    assert "prime minister now" in w.feedback.value
    type_in_browser(w, "Haider al-Abadi, no")
    assert w.feedback.value == "" and w.result is None
    type_in_browser(w, "Maliki")
    press_enter(w)
    assert w.result.accepted and "prime minister now" not in w.feedback.value


def test_a_new_check_replaces_the_feedback_of_the_last_one() -> None:
    w = SelfCheck("claims", "check_worthy")
    w.answer.value = "Iraq | nobody"
    press_check(w)
    assert "“Iraq | nobody”" in w.feedback.value
    shown = []
    w.feedback.observe(lambda change: shown.append(change["new"]), names="value")
    press_check(w)
    assert shown[0] == "" and "“Iraq | nobody”" in shown[-1]  # cleared, then the new verdict


def test_key_hints_show_code_as_code_not_backticks() -> None:
    w = SelfCheck("actors", "people")
    w.answer.value = "Maliki"
    press_check(w)
    assert "<code>actors_df()</code>" in w.feedback.value
    assert "`" not in w.feedback.value


def test_a_claim_typed_without_its_quotation_marks_is_accepted_in_the_box() -> None:
    w = SelfCheck("claims", "check_worthy")
    w.answer.value = (
        "Iraq would buy a large batch of advanced T-90 tanks | The Kremlin\n"
        "Iraq and Russia signed a 4.2 billion dollar arms contract | The Arab Weekly\n"
        "The deal was resumed in 2013 but other obstacles may face the new Iraq-Russia "
        "contract. | The Arab Weekly"
    )
    press_check(w)
    assert w.result.accepted, w.feedback.value
