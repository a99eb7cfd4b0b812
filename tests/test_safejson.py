"""JSON nested too deep is a one-line error everywhere the kit reads JSON, never a RecursionError."""

from __future__ import annotations

import json

import pytest

from reader.safejson import JSONNestingError, loads, nesting_depth


def test_brackets_inside_strings_and_escapes_do_not_count():
    text = json.dumps({"note": 'he wrote "[[[" and \\ then {', "tags": [["a"], []], "n": [1]})
    assert nesting_depth(text) == 3
    assert loads(text)["note"].startswith('he wrote "[[["')


def test_json_nested_deeper_than_the_limit_is_refused_before_parsing():
    with pytest.raises(JSONNestingError, match="nested deeper than 100 levels"):
        loads("[" * 100_000 + "]" * 100_000)
    assert loads("[" * 100 + "]" * 100, max_depth=100) is not None


def test_reader_frames_on_a_deeply_nested_jsonl_line_is_one_line(tmp_path, capsys):
    from reader.cli import main

    corpus = tmp_path / "corpus.jsonl"
    good = json.dumps({"outlet": "Newsweek", "text": "Iraq would buy T-90 tanks."})
    corpus.write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert main(["frames", str(corpus)]) == 2
    error = capsys.readouterr().err
    assert error == f"reader frames: {corpus} line 2: JSON nested deeper than 100 levels\n"


def test_a_claim_scheme_nested_too_deep_is_a_one_line_error(tmp_path):
    from reader.claims import load_claim_scheme

    scheme = tmp_path / "scheme.json"
    scheme.write_text('{"labels": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid claim scheme .JSON nested deeper"):
        load_claim_scheme(scheme)
