"""The teacher gathers a class's annotation files: agreement, disagreements, summary, page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader
from reader.annotations import AnnotationFile, annotation_path, save_annotations
from reader.classroom import (
    claimant_summary,
    class_agreement,
    class_summary,
    consensus_annotations,
    disagreements,
    export_class_html,
    gather,
    label_summary,
    make_demo_class,
)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    make_demo_class(folder)
    return gather(folder, reader.SAMPLE_PAGE)


def test_three_students_files_are_gathered(room) -> None:
    assert room.annotators == ["demo-ana", "demo-ben", "demo-chloe"]
    assert all(len(f.annotations) == 4 for f in room.files)
    assert room.problems == []


def test_agreement_is_high_but_not_perfect(room) -> None:
    result = class_agreement(room)
    assert 0.3 < result.kappa < 1
    assert 0.3 < result.alpha < 1


def test_disagreements_name_the_sentence_and_who_differs(room) -> None:
    table = disagreements(class_agreement(room), room.annotators)
    resumed = table[table["text"].str.contains("resumed in 2013")].iloc[0]
    assert resumed["majority"] == "check-worthy"
    assert resumed["differ"] == "demo-ben"
    assert resumed["labels"] == "check-worthy: 2, factual: 1"
    assert resumed["agreeing"] == pytest.approx(2 / 3, abs=0.001)
    friendship = table[table["text"].str.contains("closer friendship")].iloc[0]
    assert friendship["differ"] == "demo-chloe"


def test_class_summary_counts_each_students_claims(room) -> None:
    summary = class_summary(room, class_agreement(room)).set_index("annotator")
    assert summary.loc["demo-chloe", "check_worthy"] == 4
    assert summary.loc["demo-ben", "check_worthy"] == 2
    assert summary.loc["demo-chloe", "with_claimant"] == 2
    assert summary.loc["demo-ana", "with_majority"] == 1.0
    assert summary.loc["demo-chloe", "with_majority"] < 1.0


def test_label_and_claimant_tables(room) -> None:
    labels = label_summary(room).set_index("label")
    assert labels.loc["check-worthy", "total"] == 9
    claimants = claimant_summary(room).set_index("claimant")
    assert claimants.loc["The Arab Weekly", "students"] == 3


def test_consensus_keeps_what_most_of_the_class_marked(room) -> None:
    claims = consensus_annotations(room, class_agreement(room))
    texts = [c.exact for c in claims]
    assert any("T-90" in t for t in texts)
    assert not any("Tsarist" in t for t in texts)  # one student of three
    tanks = next(c for c in claims if "T-90" in c.exact)
    assert tanks.claim.label == "check-worthy" and tanks.claim.claimant == "The Kremlin"


def test_a_broken_file_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    make_demo_class(tmp_path)
    broken = tmp_path / "arab-weekly-maliki-russia.dan.annotations.json"
    broken.write_text("{oops", encoding="utf-8")
    room = gather(tmp_path, reader.SAMPLE_PAGE)
    assert len(room.files) == 3
    assert len(room.problems) == 1 and "dan" in room.problems[0]
    assert broken.read_text(encoding="utf-8") == "{oops"


def test_files_for_another_page_are_not_gathered(tmp_path: Path) -> None:
    make_demo_class(tmp_path)
    other = annotation_path(tmp_path, "other-page.txt", "eve")
    save_annotations(other, AnnotationFile("other-page", "eve", []))
    assert "eve" not in gather(tmp_path, reader.SAMPLE_PAGE).annotators


def test_the_class_page_is_standalone_with_summary_and_claims(room, tmp_path: Path) -> None:
    out = export_class_html(room, tmp_path / "class.html")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.index('class="class-summary"') < html.index("<main>"), "summary above the text"
    assert "Krippendorff" in html and "demo-chloe" in html
    assert "gave this sentence this label" in html
    assert "<script" not in html


def test_student_names_are_escaped_on_the_class_page(tmp_path: Path) -> None:
    make_demo_class(tmp_path)
    path = tmp_path / "arab-weekly-maliki-russia.demo-ana.annotations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reader:annotator"] = "<b>ana</b>"
    path.write_text(json.dumps(data), encoding="utf-8")
    html = export_class_html(gather(tmp_path, reader.SAMPLE_PAGE), tmp_path / "c.html").read_text()
    assert "<b>ana</b>" not in html and "&lt;b&gt;ana&lt;/b&gt;" in html


def one_thing_wrong(path: Path, kind: str) -> None:
    """Spoil one student's file: a field of the wrong type, or JSON nested 100,000 deep."""
    if kind == "deeply nested":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    item = data["items"][0]
    if kind == "evidence is a number":
        item["body"]["evidence"] = 5
    elif kind == "claimant is a list":
        item["body"]["claimant"] = ["The Kremlin", "Russia"]
    elif kind == "start is text":
        item["target"]["selector"][1]["start"] = "12"
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "kind", ["evidence is a number", "claimant is a list", "start is text", "deeply nested"]
)
def test_gather_reports_a_malformed_file_and_goes_on_with_the_others(tmp_path: Path, kind) -> None:
    make_demo_class(tmp_path)
    ben = tmp_path / "arab-weekly-maliki-russia.demo-ben.annotations.json"
    one_thing_wrong(ben, kind)
    spoilt = ben.read_bytes()
    room = gather(tmp_path, reader.SAMPLE_PAGE)
    assert room.annotators == ["demo-ana", "demo-chloe"]
    assert len(room.problems) == 1 and str(ben) in room.problems[0]
    assert "\n" not in room.problems[0]
    assert set(claimant_summary(room)["claimant"]) >= {"The Kremlin", "The Arab Weekly"}
    export_class_html(room, tmp_path / "class.html")
    assert ben.read_bytes() == spoilt


def test_the_class_page_gets_the_umask_mode(tmp_path: Path, room) -> None:
    import os

    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    old = os.umask(0o022)
    try:
        out = export_class_html(room, tmp_path / "class.html")
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)
