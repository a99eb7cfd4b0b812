"""Claim annotations: W3C form, re-anchoring, atomic and careful files, agreement."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader import SAMPLE_PAGE, read_page
from reader.annotations import (
    SCHEMA_VERSION,
    AnnotationFile,
    AnnotationFileError,
    agreement,
    annotate,
    annotation_path,
    annotations_df,
    load_annotations,
    load_folder,
    lock_path,
    merge_annotators,
    reanchor,
    save_annotations,
    save_changes,
)
from reader.clean import clean_page

RAW = read_page(SAMPLE_PAGE)
TEXT = clean_page(RAW).document.text

TEN_CLAIMS = [
    ("we have big hopes for you in maintaining the security", "opinion"),
    ("Russia has made a tremendous contribution", "opinion"),
    ("He was replaced by Prime Minister Haider al-Abadi.", "factual"),
    ("Iraq would buy a “large batch” of advanced T-90 tanks", "factual"),
    ("a deal estimated at more than $1 billion", "factual"),
    ("Iraq and Russia signed a $4.2 billion arms contract", "factual"),
    ("The deal was resumed in 2013", "factual"),
    ("such a deal will only be a reality when tanks are delivered", "prediction"),
    ("Tsarist Russia captured territory from the Persian Empire", "factual"),
    ("Moscow was especially fearful", "attribution"),
]


def ten_claims(text: str = TEXT, annotator: str = "ana"):
    claims = []
    for words, label in TEN_CLAIMS:
        start = text.index(words)
        claims.append(annotate(text, start, start + len(words), label, annotator=annotator))
    return claims


def test_annotation_is_w3c_web_annotation_json():
    claim = ten_claims()[4]
    data = claim.to_w3c()
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "Annotation"
    quote, position = data["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"].startswith("a deal estimated")
    assert TEXT.endswith(quote["suffix"]) or quote["suffix"] in TEXT
    assert position == {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}
    assert data["body"]["label"] == "factual" and data["body"]["verdict"] == "unverified"


def test_ten_claims_reanchor_after_cleaning_with_other_options():
    claims = ten_claims()
    for options in ({"find_captions": False}, {"join_lost_hyphens": False}):
        new_text = clean_page(RAW, **options).document.text
        result = reanchor(claims, new_text)
        assert len(result.placed) == 10 and result.orphans == []
        for before, after in zip(claims, result.placed):
            assert new_text[after.start : after.end] == before.exact


def test_reanchor_uses_the_quote_when_offsets_moved_and_fuzzy_when_words_changed():
    claims = ten_claims()
    shifted = "A NOTE ADDED ABOVE THE PAGE.\n\n" + TEXT
    result = reanchor(claims, shifted)
    assert set(result.methods.values()) == {"quote"}
    retyped = TEXT.replace("$4.2 billion arms contract", "$4.2bn arms contract")
    result = reanchor(claims, retyped)
    assert result.methods[claims[5].id] == "fuzzy"
    assert "arms contract" in result.placed[5].exact


def test_a_claim_whose_words_are_gone_is_an_orphan_not_dropped():
    claims = ten_claims()
    gone = TEXT.replace("Tsarist Russia captured territory from the Persian Empire", "")
    result = reanchor(claims, gone)
    assert [a.id for a in result.orphans] == [claims[8].id]
    assert len(result.placed) == 9
    assert "orphan" in set(result.report().method)


def test_the_same_words_twice_are_told_apart_by_their_context():
    text = "Russia said yes. Iran said no. Russia said yes."
    second = annotate(text, 31, 47, "factual", annotator="ana")
    moved = reanchor([second], "Today: " + text).placed[0]
    assert moved.start == 38


def test_files_round_trip_and_name_document_and_annotator(tmp_path):
    path = annotation_path(tmp_path, "arab-weekly-maliki-russia.txt", "Ana B.")
    assert path.name == "arab-weekly-maliki-russia.Ana-B-.annotations.json"
    save_annotations(path, AnnotationFile("arab-weekly-maliki-russia", "ana", ten_claims()))
    loaded = load_annotations(path)
    assert loaded.annotator == "ana" and len(loaded.annotations) == 10
    assert loaded.annotations[3].exact == TEN_CLAIMS[3][0]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["reader:schema_version"] == SCHEMA_VERSION and raw["type"] == "AnnotationCollection"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{ not json", "not valid JSON"),
        (b'{"type": "AnnotationCollection", "items": []}', "schema version"),
        (b'{"type": "AnnotationCollection", "reader:schema_version": 1, "items": [{}]}', "item 1"),
        (b"\xff\xfe\x00", "not valid JSON"),
    ],
)
def test_a_corrupt_file_is_reported_in_one_line_and_left_untouched(tmp_path, content, message):
    path = tmp_path / "page.ana.annotations.json"
    path.write_bytes(content)
    with pytest.raises(AnnotationFileError) as error:
        load_annotations(path)
    assert message in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(AnnotationFileError, match="kept as it is"):
        save_annotations(path, AnnotationFile("page", "ana", ten_claims()))
    assert path.read_bytes() == content


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "page.ana.annotations.json"
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:3]))
    before = path.read_bytes()

    def crash(*_):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_annotations(path, AnnotationFile("page", "ana", ten_claims()))
    assert path.read_bytes() == before
    # no temporary file left; the lock file stays for the next save
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, lock_path(path).name])


def kill_a_save_mid_write(path: Path, claims: str) -> None:
    """Start a process saving ``claims`` (Python source) into ``path``, stall it between
    writing its temporary file and renaming it, and kill it there with SIGKILL."""
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from reader import annotations as a
        from tests.test_annotations import ten_claims
        def slow_fsync(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = slow_fsync
        a.save_annotations({str(path)!r}, a.AnnotationFile("page", "ana", {claims}))
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)


def test_a_writer_killed_mid_write_leaves_the_previous_file_intact(tmp_path):
    path = tmp_path / "page.ana.annotations.json"
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:2]))
    before = path.read_bytes()
    kill_a_save_mid_write(path, "ten_claims()")
    time.sleep(0.1)
    assert path.read_bytes() == before
    assert len(load_annotations(path).annotations) == 2


def test_folder_gathers_good_files_and_reports_bad_ones(tmp_path):
    for name in ("ana", "ben"):
        path = annotation_path(tmp_path, "page", name)
        save_annotations(path, AnnotationFile("page", name, ten_claims(annotator=name)))
    broken = annotation_path(tmp_path, "page", "cem")
    broken.write_text("{oops", encoding="utf-8")
    files, problems = load_folder(tmp_path, "page")
    assert sorted(f.annotator for f in files) == ["ana", "ben"]
    assert len(problems) == 1 and "page.cem" in problems[0]
    table = merge_annotators(files)
    assert len(table) == 20 and list(table.start) == sorted(table.start)


def test_agreement_of_three_annotators_on_sentences():
    same = AnnotationFile("page", "ana", ten_claims(annotator="ana"))
    twin = AnnotationFile("page", "ben", ten_claims(annotator="ben"))
    result = agreement([same, twin], TEXT)
    assert result.kappa == pytest.approx(1.0) and result.alpha == pytest.approx(1.0)
    assert result.disagreements.empty
    other = ten_claims(annotator="cem")
    other[0].claim.label = "factual"  # cem calls an opinion a fact
    del other[9]  # and misses one claim
    result = agreement([same, twin, AnnotationFile("page", "cem", other)], TEXT)
    assert 0 < result.kappa < 1 and 0 < result.alpha < 1
    assert len(result.disagreements) == 2
    assert set(result.labels.columns) >= {"sentence", "text", "ana", "ben", "cem"}


def test_annotations_as_a_dataframe():
    frame = annotations_df(ten_claims())
    assert list(frame.label).count("factual") == 6
    assert {"annotator", "exact", "claimant", "verdict", "note", "tags"} <= set(frame.columns)


def test_the_shipped_example_claims_reanchor_word_for_word_after_spacing_and_hyphens_change():
    from reader.annotations import _normalise
    from reader.export import demo_annotations_path

    claims = load_annotations(demo_annotations_path()).annotations
    assert len(claims) == 10
    changed = "A paragraph the cleaner now finds first.\n\n" + TEXT.replace(" the ", " the  ")
    changed = changed.replace("billion", "bil- lion").replace("tanks", "tanks\n")
    result = reanchor(claims, changed)
    assert len(result.placed) == 10 and result.orphans == []
    for before, after in zip(claims, result.placed):
        assert _normalise(after.exact)[0] == _normalise(before.exact)[0]
        assert changed[after.start : after.end] == after.exact
    assert "normalised" in result.methods.values()


def test_a_claim_with_a_changed_word_is_placed_fuzzily_on_whole_words():
    text = "Russia has made a tremendous contribution to prevent the disintegration of the region."
    claim = annotate(text, 0, len(text) - 1, "opinion", annotator="ana")
    changed = "Putin heard: " + text.replace("tremendous", "tremendious").replace(" the ", "  the ")
    result = reanchor([claim], changed)
    assert result.methods[claim.id] == "fuzzy"
    assert result.placed[0].exact.startswith("Russia has") and result.placed[0].exact.endswith(
        "region"
    )


def test_a_thousand_annotations_over_fifty_pages_come_back_as_saved(tmp_path):
    # How fast: benchmarks/annotations_speed.py.
    claims = ten_claims() * 2
    files = [AnnotationFile(f"page-{n:02d}", "ana", claims) for n in range(50)]
    paths = [annotation_path(tmp_path, f.document, "ana") for f in files]
    for path, data in zip(paths, files):
        save_annotations(path, data)
    loaded = [load_annotations(path) for path in paths]
    assert sum(len(f.annotations) for f in loaded) == 1000
    assert [f.document for f in loaded] == [f.document for f in files]
    assert [a.exact for a in loaded[7].annotations] == [a.exact for a in claims]


# -- saving by changes: writers at the same time, deletions, leftovers ----------------------


def save_claims_one_by_one(path: str, annotator: str, count: int, go) -> None:
    """A writer that saves ``count`` new claims, one save each (run in its own process)."""
    go.wait()
    for number in range(count):
        claim = annotate(TEXT, number, number + 12, "factual", annotator=annotator)
        claim.claim.note = f"{annotator} {number}"
        save_changes(path, [claim], document="page", annotator=annotator)


def test_two_processes_saving_200_claims_each_into_one_file_keep_all_400(tmp_path):
    path = tmp_path / "page.student.annotations.json"
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    go = context.Event()
    writers = [
        context.Process(target=save_claims_one_by_one, args=(str(path), name, 200, go))
        for name in ("ana", "ben")
    ]
    for writer in writers:
        writer.start()
    go.set()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    notes = sorted(a.claim.note for a in load_annotations(path).annotations)
    assert notes == sorted(f"{name} {n}" for name in ("ana", "ben") for n in range(200))


def test_a_deletion_is_not_undone_by_another_writers_save(tmp_path):
    path = tmp_path / "page.student.annotations.json"
    first, second, third = ten_claims()[:3]
    save_changes(path, [first, second], document="page", annotator="ana")
    save_changes(path, deletions=[first.id])  # one notebook removes a claim
    save_changes(path, upserts=[third])  # another, which had read it before, adds one
    loaded = load_annotations(path)
    assert [a.id for a in loaded.annotations] == [second.id, third.id]
    assert loaded.deleted == [first.id]
    again = save_changes(path, upserts=[first])  # put back on purpose (an undo): it is back
    assert [a.id for a in again.annotations] == [second.id, third.id, first.id]
    assert again.deleted == []


def test_deleted_ids_sit_beside_w3c_items_and_files_without_them_load_unchanged(tmp_path):
    from reader.export import demo_annotations_path

    old = load_annotations(demo_annotations_path())  # written before deletions were recorded
    assert len(old.annotations) == 10 and old.deleted == []
    path = tmp_path / "page.ana.annotations.json"
    save_changes(path, old.annotations, document=old.document, annotator=old.annotator)
    assert "reader:deleted" not in json.loads(path.read_text(encoding="utf-8"))
    save_changes(path, deletions=[old.annotations[0].id])
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["reader:deleted"] == [old.annotations[0].id] and raw["total"] == 9
    assert all(item["type"] == "Annotation" and "body" in item for item in raw["items"])
    assert [a.exact for a in load_annotations(path).annotations] == [
        a.exact for a in old.annotations[1:]
    ]


def test_a_file_that_does_not_load_is_not_overwritten_by_a_change(tmp_path):
    path = tmp_path / "page.ana.annotations.json"
    path.write_bytes(b'{"type": "AnnotationCollection", "items": [')
    with pytest.raises(AnnotationFileError, match="kept as it is"):
        save_changes(path, ten_claims()[:1])
    assert path.read_bytes() == b'{"type": "AnnotationCollection", "items": ['


def test_the_next_save_removes_what_a_killed_save_left(tmp_path):
    path = tmp_path / "page.ana.annotations.json"
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:2]))
    kill_a_save_mid_write(path, "[]")
    assert len(list(tmp_path.glob("*.tmp"))) == 1  # the killed writer's temporary file
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:3]))
    assert list(tmp_path.glob("*.tmp")) == []
    assert len(load_annotations(path).annotations) == 3


def test_a_write_without_the_lock_removes_only_old_leftovers(tmp_path):
    from reader.annotations import STALE_TEMPORARY_SECONDS, write_atomically

    page = tmp_path / "page.html"
    old = tmp_path / ".page.html.k2j4x9q1.tmp"  # left by a write killed an hour ago
    fresh = tmp_path / ".page.html.a8f3c0de.tmp"  # another write, under way now
    other = tmp_path / ".page.html.bak.tmp"  # not a name this kit makes
    for leftover in (old, fresh, other):
        leftover.write_bytes(b"<html")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert STALE_TEMPORARY_SECONDS < 3600
    write_atomically(page, b"<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([page.name, fresh.name, other.name])


# -- strict loading ----------------------------------------------------------------------------


def malformed(kind: str) -> str:
    """The shipped example file with one thing wrong in it (or nested 100,000 levels deep)."""
    from reader.export import demo_annotations_path

    if kind == "deeply nested":
        return "[" * 100_000 + "]" * 100_000
    data = json.loads(demo_annotations_path().read_text(encoding="utf-8"))
    item = data["items"][2]
    if kind == "evidence is a number":
        item["body"]["evidence"] = 5
    elif kind == "claimant is a list":
        item["body"]["claimant"] = ["Nuri al-Maliki", "Putin"]
    elif kind == "start is text":
        item["target"]["selector"][1]["start"] = "226"
    elif kind == "a tag is a number":
        item["body"]["tags"] = ["diplomacy", 3]
    return json.dumps(data)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("evidence is a number", "the body's 'evidence' must be text, not a number"),
        ("claimant is a list", "the body's 'claimant' must be text or null, not a list"),
        ("start is text", "the TextPositionSelector's start must be a whole number, not text"),
        ("a tag is a number", "the body's 'tags' must be a list of text"),
        ("deeply nested", "JSON nested deeper than 100 levels"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_one_line_error_naming_it(tmp_path, kind, message):
    path = tmp_path / "page.ana.annotations.json"
    path.write_text(malformed(kind), encoding="utf-8")
    with pytest.raises(AnnotationFileError) as error:
        load_annotations(path)
    assert message in str(error.value) and str(path) in str(error.value)
    assert "\n" not in str(error.value)
    if kind != "deeply nested":
        assert "item 3" in str(error.value)


# -- file modes --------------------------------------------------------------------------------


@pytest.fixture
def umask_022():
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_file_gets_the_umask_mode_and_a_saved_file_keeps_its_mode(tmp_path, umask_022):
    path = tmp_path / "page.ana.annotations.json"
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:1]))
    assert path.stat().st_mode & 0o777 == 0o644
    save_changes(path, ten_claims()[1:2])
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)  # a teacher's choice
    save_changes(path, ten_claims()[2:3])
    assert path.stat().st_mode & 0o777 == 0o640
