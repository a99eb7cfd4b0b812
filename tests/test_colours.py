"""Colours from the files a teacher edits are checked in one place, when each file loads."""

from __future__ import annotations

import json

import pytest

from reader.actors.gazetteer import GazetteerEntry, gazetteer_csv, parse_gazetteer
from reader.claims import SCHEME_PATH, ClaimLabel, load_claim_scheme
from reader.colours import CSS_COLOURS, parse_colour, safe_colour

HOSTILE = [
    "red;background:url(http://evil.example/c1)",
    "red;}body{display:none",
    "expression(alert(1))",
    'red" onmouseover="alert(1)',
    "url(http://evil.example/c1)",
    "var(--x)",
    "rgb(1,2,3)",
    "#12345",
    "#ff00ff00ff",
    "transparent",
    "red blue",
    "#fff;",
]


def test_the_colour_names_are_the_css_ones():
    from matplotlib.colors import CSS4_COLORS

    assert CSS_COLOURS == {name: value.lower() for name, value in CSS4_COLORS.items()}


@pytest.mark.parametrize(
    ("given", "kept"),
    [("#D55E00", "#d55e00"), ("#0af", "#00aaff"), (" SteelBlue ", "#4682b4"), ("grey", "#808080")],
)
def test_a_colour_is_kept_as_lower_case_rrggbb(given, kept):
    assert parse_colour(given) == kept


@pytest.mark.parametrize("colour", HOSTILE)
def test_anything_else_is_a_one_line_error_and_never_drawn(colour):
    with pytest.raises(ValueError, match="is not #rgb, #rrggbb or a CSS colour name") as error:
        parse_colour(colour)
    assert "\n" not in str(error.value)
    assert safe_colour(colour, "#999999") == "#999999"


def test_the_actor_list_refuses_a_bad_colour_naming_its_line():
    text = "name,type,aliases,colour,description\nTASS,outlet,,#c00,\nRudaw,outlet,,navy;x:y,\n"
    with pytest.raises(ValueError, match=r"^gazetteer, line 3: actor 'Rudaw': colour 'navy;x:y'"):
        parse_gazetteer(text)


def test_the_actor_list_keeps_good_colours_and_writes_them_back_checked():
    text = "name,type,aliases,colour,description\nTASS,outlet,,#C00,\nRudaw,outlet,, Navy ,\n"
    entries = parse_gazetteer(text).entries
    assert [e.colour for e in entries] == ["#cc0000", "#000080"]
    assert parse_gazetteer(gazetteer_csv(parse_gazetteer(text))).entries == entries
    assert GazetteerEntry("TASS", "outlet", colour="").colour is None


def test_the_claim_scheme_refuses_a_bad_colour_naming_the_label(tmp_path):
    scheme = json.loads(SCHEME_PATH.read_text(encoding="utf-8"))
    scheme["labels"][2]["colour"] = HOSTILE[0]
    path = tmp_path / "scheme.json"
    path.write_text(json.dumps(scheme), encoding="utf-8")
    with pytest.raises(ValueError, match=r"not a valid claim scheme \(label 'opinion': colour"):
        load_claim_scheme(path)
    with pytest.raises(ValueError):
        ClaimLabel("x", "X", "9", colour=HOSTILE[1])


def test_the_kit_scheme_colours_are_checked_and_unchanged_in_value():
    shipped = json.loads(SCHEME_PATH.read_text(encoding="utf-8"))["labels"]
    loaded = load_claim_scheme().labels
    assert [lab.colour for lab in loaded] == [item["colour"].lower() for item in shipped]
