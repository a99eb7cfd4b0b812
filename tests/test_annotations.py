"""Claim annotations: W3C form, re-anchoring, atomic and careful files, agreement."""

from __future__ import annotations

import json
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
    merge_annotators,
    reanchor,
    save_annotations,
)
from reader.layout import clean_page

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
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_writer_killed_mid_write_leaves_the_previous_file_intact(tmp_path):
    path = tmp_path / "page.ana.annotations.json"
    save_annotations(path, AnnotationFile("page", "ana", ten_claims()[:2]))
    before = path.read_bytes()
    # A writer that stalls between writing its temporary file and renaming it.
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from reader import annotations as a
        def slow_fsync(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = slow_fsync
        from tests.test_annotations import ten_claims
        a.save_annotations({str(path)!r}, a.AnnotationFile("page", "ana", ten_claims()))
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
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
