"""Every repair of the cleaner's table (reader.clean.repairs) switched off, one at a time.

For each repair a real page where it acts is found among the sample page,
benchmarks/pages and the pages of the cleaner's tests; cleaned again with that
repair skipped, the page must come out different, and only in the blocks where
the repair's decisions were.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
import test_layout
import test_reading_order

from reader import SAMPLE_PAGE, cli, read_page
from reader.clean import clean_page
from reader.clean.repairs import (
    POSITIONED_ONLY,
    REPAIRS,
    WEB_ONLY,
    repair_counts,
    repairs_table_markdown,
    rule_counts,
)
from reader.clean.repairs import RULES as RULES_BY_DECISION
from reader.clean.rules import rule_of

ROOT = Path(__file__).resolve().parent.parent
# Pages where a rare repair acts (real OCR and typeset lines, as in test_layout).
SMALL_PAGES = [
    test_layout.OCR_BODY_BEFORE
    + "Trump not walking\nthe walk on his tax\nclaims\n\n"
    + "onald Trump, under fire\nover his taxes, is casting\nhimself as a champion of\n"
    + "the little guy when it\ncomes to rewriting the tax\ncode, Donald Trump says.\n",
    "taxes on 8 million low-\nand middle-income Americans said so.\n",
    "The dem\nocrats met in the\nhall and went in\nto the room.\n\nSecond.\n",
    "Partial transcript as_ fol-\nlows: let’s _ start with\nthe news.\n\n___.\n\nNext.\n",
    # Pages where a rule of reader.clean.repairs.RULES decides alone (no later rule
    # would answer the same): a labelled caption among OCR lines, a title-case headline
    # on a text layer, and blank lines or line ends that the break rules tell apart.
    test_layout.OCR_BODY_BEFORE
    + "Hard sell. Michael Steele (L) shakes\nhands with supporters\n\n"
    + "The talks went on for days in the capital city.\n",
    " Talks in Moscow. (Reuters)\n\nThe minister spoke to the press for an hour.\n\n"
    + "Mike Huckabee Is\nRunning For President\n\n"
    + "The former governor of Arkansas said on\nSunday that he would run.\n",
    "The minister spoke to the press for an hour and\nthe talks went on and\n\n"
    + "“new ones” came along in the\nweeks that followed.\n",
    "The minister spoke to the press for an hour and\nmade the following comment:\n"
    + "“We will stay,” he said to them all in\nthe capital.\n",
    "The minister spoke to the press for an hour with\nthe talks chaired by Sen.\n\n"
    + "Warren and others in the hall.\n",
    "The minister spoke to the press for an hour.\nThe talks went on.\n\n"
    + "and the minister left the hall.\n",
    # a photo's credit line between two pieces of a column: a caption, not body text
    "Prices for dairy exports fell for a third month in a row, the\ncouncil said on "
    + "Tuesday, and exporters\n\nPhoto: J. Smith\n\nsaid the strong dollar had cut "
    + "their margins.\n",
]


def candidate_pages() -> list[str]:
    pages = [read_page(SAMPLE_PAGE)] if SAMPLE_PAGE.is_file() else []
    pages += [read_page(path) for path in sorted((ROOT / "benchmarks" / "pages").glob("*.txt"))]
    for module in (test_layout, test_reading_order):
        pages += [
            value
            for name, value in vars(module).items()
            if name.isupper() and isinstance(value, str) and "\n" in value
        ]
    return pages + SMALL_PAGES


def page_where_it_acts(name: str) -> str:
    for page in candidate_pages():
        if repair_counts(clean_page(page).decisions)[name]:
            return page
    raise AssertionError(f"no test page on which {name} acts")


def blocks(result) -> Counter:
    """The output's blocks, each with its kind (a paragraph, a caption, a headline...)."""
    return Counter((block.kind, block.text) for block in result.document.blocks)


def marks_of(decision) -> list[str]:
    """The words a decision shows, by which its block is found in the output."""
    words = re.findall(r"[^\W\d_]{3,}", f"{decision.before} {decision.after}")
    return [word for word in words if word not in {"lines", "caption", "headline", "joined"}]


# The web pages' repairs act on HTML, not text: tests/test_source_web.py switches each off;
# the geometric cleaner's act on positioned words: tests/test_geometry.py does.
@pytest.mark.parametrize(
    "name", [r.name for r in REPAIRS if r.pages not in (WEB_ONLY, POSITIONED_ONLY)]
)
def test_a_skipped_repair_changes_the_output_only_where_it_acted(name):
    page = page_where_it_acts(name)
    full = clean_page(page)
    skipped = clean_page(page, skip={name})
    assert blocks(skipped) != blocks(full), f"skipping {name} changes nothing"
    assert name not in {d.action for d in skipped.decisions}
    acted = [d for d in full.decisions if d.action == name]
    full_blocks = full.document.text.split("\n\n")
    changed = blocks(full) - blocks(skipped)
    assert 0 < sum(changed.values()) <= 3 * len(acted)
    marks = [mark for decision in acted for mark in marks_of(decision)]
    for _, block in changed:
        # The block itself, or the one next to it (a title seen only once the next
        # paragraph's drop capital is back), shows what the repair did.
        at = full_blocks.index(block)
        near = " ".join(full_blocks[max(0, at - 1) : at + 2])
        assert not marks or any(mark in near for mark in marks), (name, block[:80])


def test_every_decision_names_a_repair_or_a_reading():
    readings = {"page-kind", "caption", "headline", "byline", "paragraph-break", "column-break"}
    names = {repair.name for repair in REPAIRS} | readings
    for page in candidate_pages():
        assert {d.action for d in clean_page(page).decisions} <= names


def test_the_page_kind_is_the_first_decision_with_its_evidence():
    first = clean_page(test_layout.OCR_QUOTED_I).decisions[0]
    assert (first.action, first.after) == ("page-kind", "OCR")
    assert first.evidence.startswith("no line indented among ")


def test_clean_repairs_lists_every_repair_with_its_count_on_the_sample(capsys):
    assert cli.main(["clean", "--repairs"]) == 0
    out = capsys.readouterr().out
    for repair in REPAIRS:
        assert re.search(rf"^{repair.name} +(\d+|-) ", out, re.MULTILINE), repair.name
    if SAMPLE_PAGE.is_file():
        assert re.search(r"^join-word +48 ", out, re.MULTILINE)


def test_clean_skip_switches_repairs_off_and_refuses_an_unknown_name(capsys, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Nuri al-Ma-\nliki called for“Russia’s help.\n", encoding="utf-8")
    assert cli.main(["clean", str(page), "--skip", "join-word,space-before-quote"]) == 0
    assert capsys.readouterr().out == "Nuri al-Ma-liki called for“Russia’s help.\n"
    assert cli.main(["clean", str(page), "--skip", "drop-capital"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader clean: no repair named 'drop-capital'; the repairs are: ")
    assert len(err.splitlines()) == 1 and "join-drop-capital" in err


def test_clean_page_refuses_an_unknown_repair():
    with pytest.raises(ValueError, match="no repair named 'ocr-letter'"):
        clean_page("A page.", skip={"ocr-letter"})


def test_the_readme_lists_the_repairs_of_the_table():
    readme = ROOT / "README.md"
    if not readme.is_file():
        pytest.skip("no README.md (an installed kit)")
    text = readme.read_text(encoding="utf-8")
    listed = text.split("<!-- repairs: generated", 1)[1].split("\n", 1)[1]
    listed = listed.split("\n<!-- /repairs -->", 1)[0]
    assert listed == repairs_table_markdown(), "README.md: paste repairs_table_markdown()"


RULES = [rule.name for listed in RULES_BY_DECISION.values() for rule in listed]


def page_where_the_rule_decides(name: str) -> str:
    """A page where the rule decides, and another rule would decide otherwise (a rule
    often agrees with the ones after it: only where it does not, does it show)."""
    for page in candidate_pages():
        if rule_counts(clean_page(page).decisions)[name]:
            if blocks(clean_page(page, skip={name})) != blocks(clean_page(page)):
                return page
    raise AssertionError(f"no test page on which the rule {name} decides alone")


@pytest.mark.parametrize("name", RULES)
def test_a_skipped_rule_changes_the_output_only_where_it_decided(name):
    page = page_where_the_rule_decides(name)
    full = clean_page(page)
    skipped = clean_page(page, skip={name})
    assert blocks(skipped) != blocks(full), f"skipping {name} changes nothing"
    assert not rule_counts(skipped.decisions)[name]
    decided = [d for d in full.decisions if rule_of(d) == name]
    full_blocks = full.document.text.split("\n\n")
    changed = blocks(full) - blocks(skipped)
    assert 0 < sum(changed.values()) <= 3 * len(decided)
    marks = [mark for decision in decided for mark in marks_of(decision)]
    for _, block in changed:
        at = full_blocks.index(block)
        near = " ".join(full_blocks[max(0, at - 1) : at + 2])
        assert not marks or any(mark in near for mark in marks), (name, block[:80])


def test_every_rule_decision_names_its_rule():
    for page in candidate_pages():
        for decision in clean_page(page).decisions:
            if decision.action in {"display-block", "paragraph-break", "column-break"}:
                assert rule_of(decision) in RULES, decision


def test_clean_repairs_lists_every_rule_with_its_count_on_the_sample(capsys):
    assert cli.main(["clean", "--repairs"]) == 0
    out = capsys.readouterr().out
    assert "\nrule " in out
    for name in RULES:
        assert re.search(rf"^{name} +(\d+|-) ", out, re.MULTILINE), name
    if SAMPLE_PAGE.is_file():
        assert re.search(r"^finished-sentence +33 ", out, re.MULTILINE)
