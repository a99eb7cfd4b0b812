"""The widgets in a real JupyterLab, driven by headless Chromium.

The other widget tests check the Python side (state after simulated events) and the
ClaimAnnotator's JavaScript in a bare page.  This one runs the whole chain a student
uses: JupyterLab serves a notebook, the kernel makes the widgets, the front ends draw
them, a mouse selection and a key press become a claim saved on disk.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from live_lab import CHROMIUM, TOKEN, running_lab, skip_without_chromium

from reader.annotations import load_annotations

pytestmark = pytest.mark.browser

SELECT_AND_RELEASE = """(phrase) => {
  const text = document.querySelector('.reader-claims .rc-text');
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(phrase);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
      return true;
    }
  }
  return false;
}"""


def notebook(claims_file: Path) -> dict:
    source = (
        "import reader\n"
        "from reader.widgets import ActorHighlighter, ClaimAnnotator\n"
        "document = reader.load_document(reader.SAMPLE_PAGE)\n"
        "display(ActorHighlighter(document, page_path=reader.SAMPLE_PAGE))\n"
        f"ClaimAnnotator(document, annotator='ana', path={str(claims_file)!r})\n"
    )
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    return {
        "cells": [{**cell, "source": source}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on a free port, serving a one-cell notebook in a temporary folder."""
    folder = tmp_path_factory.mktemp("lab")
    (folder / "notebooks").mkdir()
    live = folder / "notebooks" / "live.ipynb"
    live.write_text(json.dumps(notebook(folder / "claims.json")))
    with running_lab(folder / "notebooks") as base:
        yield f"{base}/lab/tree/live.ipynb?token={TOKEN}", folder / "claims.json"


@pytest.fixture(scope="module")
def lab_page(lab):
    """The notebook open in headless Chromium (1366 px wide, a school laptop), its cell run."""
    sync_api = pytest.importorskip("playwright.sync_api")
    skip_without_chromium()
    url, claims_file = lab
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # the status bar says "Python 3 (ipykernel) | Idle" once the kernel is ready
        page.wait_for_selector(r"text=/\| Idle/", timeout=60_000)
        page.click(".jp-Cell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        page.wait_for_selector(".reader-claims .rc-text", timeout=60_000)
        yield page, claims_file
        browser.close()


def saved_claims(path: Path) -> dict[str, tuple]:
    """The claims in the file: exact words -> (label, claimant, note)."""
    if not path.exists():
        return {}
    return {
        a.exact: (a.claim.label, a.claim.claimant, a.claim.note)
        for a in load_annotations(path).annotations
    }


def wait_for_claim(path: Path, exact: str, wanted: tuple, seconds: float = 10) -> tuple | None:
    """Wait until the file holds the claim on ``exact`` as ``wanted``; what it holds at the end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if saved_claims(path).get(exact) == wanted:
            break
        time.sleep(0.1)
    return saved_claims(path).get(exact)


def select_words(page, phrase: str) -> None:
    """Select words with the mouse (as the browser reports it), the focus in the widget."""
    assert page.evaluate(SELECT_AND_RELEASE, phrase)
    page.wait_for_selector(
        f".reader-claims .rc-mode-new:has-text({json.dumps(phrase[:20], ensure_ascii=False)})"
    )
    page.focus(".reader-claims")  # where a mouse press in the text puts the focus


def test_a_student_selects_words_presses_1_and_the_claim_is_saved(lab_page) -> None:
    page, claims_file = lab_page
    marks = page.locator(".reader-actors mark[data-type='person']")
    assert marks.count() > 20, "the ActorHighlighter shows people"
    assert "Nuri al-Maliki" in (marks.first.get_attribute("data-actor") or "")

    select_words(page, "$4.2 billion")
    page.keyboard.press("1")
    assert wait_for_claim(claims_file, "$4.2 billion", ("check-worthy", None, ""))
    assert page.locator(".jp-MarkdownCell").count() == 0, "the key reached the notebook"


def test_select_press_1_then_click_the_claimant_box_and_type_a_name(lab_page) -> None:
    """Notebook 08 says: select words, press 1, type the claimant."""
    page, claims_file = lab_page
    select_words(page, "fall of Mosul to Islamic State")
    page.keyboard.press("1")
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("Arab Weekly")
    wanted = ("check-worthy", "Arab Weekly", "")
    assert wait_for_claim(claims_file, "fall of Mosul to Islamic State", wanted) == wanted
    page.wait_for_selector(".reader-claims .rc-table .rc-current:has-text('Arab Weekly')")


def test_type_the_claimant_then_press_1_in_the_box_labels_and_is_not_typed(lab_page) -> None:
    page, claims_file = lab_page
    select_words(page, "resumed in 2013")
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("Rudaw")
    page.keyboard.press("1")  # the focus is in the claimant box
    wanted = ("check-worthy", "Rudaw", "")
    assert wait_for_claim(claims_file, "resumed in 2013", wanted) == wanted
    assert page.input_value(".reader-claims .rc-claimant") == "Rudaw"
    page.click(".reader-claims .rc-note")  # labelled now: digits type as usual
    page.keyboard.type("the 2012 deal")
    wanted = ("check-worthy", "Rudaw", "the 2012 deal")
    assert wait_for_claim(claims_file, "resumed in 2013", wanted) == wanted


def test_a_claim_clicked_in_the_table_or_the_text_gets_a_new_claimant(lab_page) -> None:
    from playwright.sync_api import expect

    page, claims_file = lab_page
    select_words(page, "advanced T-90 tanks")
    page.keyboard.press("2")
    assert wait_for_claim(claims_file, "advanced T-90 tanks", ("factual", None, ""))
    page.click(".reader-claims .rc-text", position={"x": 5, "y": 5})  # away: no claim current
    page.wait_for_selector(".reader-claims .rc-mode:not(.rc-mode-new):not(.rc-mode-edit)")
    page.click(".reader-claims .rc-table tr:has-text('advanced T-90 tanks')")
    page.wait_for_selector(".reader-claims .rc-mode-edit:has-text('advanced T-90 tanks')")
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("TASS")
    wanted = ("factual", "TASS", "")
    assert wait_for_claim(claims_file, "advanced T-90 tanks", wanted) == wanted
    page.click(".reader-claims .rc-text", position={"x": 5, "y": 5})
    expect(page.locator(".reader-claims .rc-claimant")).to_have_value("")
    page.click(".reader-claims mark.rc-claim:has-text('advanced T-90 tanks')")
    expect(page.locator(".reader-claims .rc-claimant")).to_have_value("TASS")
    page.click(".reader-claims .rc-claimant", click_count=3)
    page.keyboard.type("Rosoboronexport")
    wanted = ("factual", "Rosoboronexport", "")
    assert wait_for_claim(claims_file, "advanced T-90 tanks", wanted) == wanted
    picture = Path(os.environ.get("READER_SCREENSHOTS", tempfile.gettempdir()))
    page.locator(".reader-claims").scroll_into_view_if_needed()
    page.screenshot(path=str(picture / "claim-annotator-live.png"))
