"""A student's name, remembered in the kit's folder, and the files named after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import SAMPLE_PAGE, load_document
from reader.classroom import gather
from reader.student import (
    RUN_00_FIRST,
    NameBox,
    StudentNameError,
    annotations_file,
    check_line,
    kit_folder,
    name_file,
    remember_name,
    safe_name,
    saving_note,
    student_name,
)


@pytest.fixture
def kit(tmp_path) -> Path:
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def test_the_name_is_kept_in_the_kit_folder_found_from_the_notebooks_folder(kit):
    remember_name("Ana", kit / "notebooks")  # as notebook 00 runs it, in notebooks/
    assert json.loads((kit / ".reader" / "student.json").read_text(encoding="utf-8")) == {
        "name": "Ana"
    }
    assert student_name(kit) == student_name(kit / "notebooks") == "Ana"
    assert kit_folder(kit / "notebooks" / "deeper") == kit.resolve()


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("Ana María", "Ana-María"),
        ("  chloé_2 ", "chloé_2"),
        ("Лев Толстой", "Лев-Толстой"),
        ("محمد علي", "محمد-علي"),
        ("विजय", "विजय"),  # the vowel sign is a mark, not a letter: it stays
        ("李小龙", "李小龙"),
        ("../../etc/passwd", "etc-passwd"),
        ("ana.student.annotations", "ana-student-annotations"),  # no dots to split a file name
        ("x" * 100, "x" * 40),
    ],
)
def test_names_keep_their_letters_and_lose_what_cannot_name_a_file(typed, kept):
    assert safe_name(typed) == kept


@pytest.mark.parametrize("typed", ["", "   ", "...", "/", "-_-"])
def test_a_name_without_a_letter_is_refused_with_a_message(typed):
    with pytest.raises(StudentNameError, match="type your name"):
        safe_name(typed)


@pytest.mark.parametrize("typed", ["student", "Your name", "not saved", "Anonymous"])
def test_a_placeholder_is_no_name_since_every_student_would_share_its_file(typed, kit):
    with pytest.raises(StudentNameError, match="is not a name"):
        remember_name(typed, kit)
    assert student_name(kit) is None


def test_an_annotation_file_keeps_the_vowel_signs_of_a_name():
    from reader.annotations import annotation_path

    assert annotation_path("a", "page.txt", "विजय").name == "page.विजय.annotations.json"
    assert annotation_path("a", "page.txt", "Ana B.").name == "page.Ana-B-.annotations.json"


def test_a_damaged_name_file_means_no_name_rather_than_a_guess(kit):
    path = name_file(kit)
    path.parent.mkdir()
    for damaged in ("{not json", '{"name": "../"}', '["Ana"]', '{"nom": "Ana"}'):
        path.write_text(damaged, encoding="utf-8")
        assert student_name(kit) is None


def test_with_no_name_nothing_has_a_file_and_the_note_says_run_00_first(kit):
    assert annotations_file(SAMPLE_PAGE, "exercise", kit) is None
    note = saving_note(SAMPLE_PAGE, "practice", kit)
    assert note.path is None and str(note) == RUN_00_FIRST
    assert "00_start_here" in note._repr_html_()


def test_practice_and_exercise_have_their_own_files(kit):
    remember_name("Ana", kit)
    exercise = annotations_file(SAMPLE_PAGE, "exercise", kit)
    practice = annotations_file(SAMPLE_PAGE, "practice", kit)
    assert (
        exercise == kit.resolve() / "annotations" / "arab-weekly-maliki-russia.Ana.annotations.json"
    )
    assert practice.name == "arab-weekly-maliki-russia-practice.Ana.annotations.json"
    with pytest.raises(ValueError, match="purpose"):
        annotations_file(SAMPLE_PAGE, "homework", kit)


def test_the_teacher_gathers_the_exercise_and_never_the_practice(kit):
    from reader.widgets.claims import ClaimAnnotator

    document = load_document(SAMPLE_PAGE)
    for student in ("Ana", "Ben"):
        remember_name(student, kit)
        for purpose, words in [
            ("exercise", "The deal was resumed in 2013"),
            ("practice", "Maliki also met with Russian President Vladimir Putin"),
        ]:
            path = annotations_file(SAMPLE_PAGE, purpose, kit)
            annotator = ClaimAnnotator(document, annotator=student, path=path)
            start = document.text.index(words)
            annotator.select(start, start + len(words))
            annotator.press_key("1")
            assert path.exists()
    room = gather(kit / "annotations", SAMPLE_PAGE, document)
    assert room.annotators == ["Ana", "Ben"]
    marked = {a.exact for f in room.files for a in f.annotations}
    assert marked == {"The deal was resumed in 2013"}


def test_the_name_box_keeps_a_good_name_and_explains_a_bad_one(kit):
    box = NameBox(kit)
    assert box.saved is None and "Type your name" in box.message.value
    box.name_box.value = "?!"
    box.save_button.click()
    assert box.saved is None and not name_file(kit).exists()
    assert "type your name with letters" in box.message.value
    box.name_box.value = "Ana María"
    assert box.saved == "Ana-María" and student_name(kit) == "Ana-María"
    assert "You are <b>Ana-María</b>" in box.message.value
    assert NameBox(kit).name_box.value == "Ana-María"  # the next time, it is remembered


def test_a_your_turn_line_is_checked_without_showing_the_answer():
    from reader.actors import find_actors

    actors = find_actors(load_document(SAMPLE_PAGE), page_path=SAMPLE_PAGE)
    table = actors.actors_df()
    people = int((table["type"] == "person").sum())
    assert check_line("00-people", ..., actors=actors).state == "empty"
    assert check_line("00-people", people, actors=actors).right
    assert check_line("00-people", table[table["type"] == "person"].shape[:1], actors=actors).right
    wrong = check_line("00-people", people + 1, actors=actors)
    assert wrong.state == "wrong" and str(people) not in str(wrong).replace(str(people + 1), "")
    assert "person" in str(wrong)  # the hint says what to change
    people_rows = check_line("05-people-table", table.query("type == 'person'"), actors=actors)
    assert people_rows.right
    assert not check_line("05-people-table", table, actors=actors).right
