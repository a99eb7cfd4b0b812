"""Notebook 08 itself in a real JupyterLab, done the way its text tells a student to.

A copy of the kit (notebooks and pages) whose student is "Ana" is served as `reader lab`
serves it; the notebook is run top to bottom, claims are marked with the mouse and the
keys in every order the text allows, and the self-check under the questions is pressed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from live_lab import CHROMIUM, TOKEN, running_lab, skip_without_chromium
from test_live_jupyterlab import select_words, wait_for_claim

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exercise_08(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the kit whose student is Ana, notebook 08 open and run in JupyterLab."""
    sync_api = pytest.importorskip("playwright.sync_api")
    skip_without_chromium()
    kit = tmp_path_factory.mktemp("kit")
    for folder in ("notebooks", "texts"):
        shutil.copytree(ROOT / folder, kit / folder)
    (kit / ".reader").mkdir()
    (kit / ".reader" / "student.json").write_text('{"name": "Ana"}', encoding="utf-8")
    with running_lab(kit / "notebooks") as base:  # the notebooks folder is the root
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(f"{base}/lab/tree/08_exercise_claims.ipynb?token={TOKEN}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_selector(r"text=/\| Idle/", timeout=60_000)
            page.locator(".jp-Notebook .jp-Cell").first.click()  # a Markdown cell: select it
            cells = page.locator(".jp-Notebook .jp-Cell").count()
            for _ in range(cells):  # run all, top to bottom, as a student does
                page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".reader-claims .rc-text", timeout=60_000)
            page.wait_for_selector(".widget-button:has-text('Check')", timeout=60_000)
            yield page, kit / "annotations" / "arab-weekly-maliki-russia.Ana.annotations.json"
            browser.close()


def test_notebook_08_done_as_it_says_saves_each_claimant_and_the_check_accepts_it(
    exercise_08,
) -> None:
    from playwright.sync_api import expect

    page, claims_file = exercise_08
    # "select words, press 1 for check-worthy, type the claimant"
    select_words(page, "The deal was resumed in 2013")
    page.keyboard.press("1")
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("The Arab Weekly")
    wanted = ("check-worthy", "The Arab Weekly", "")
    assert wait_for_claim(claims_file, "The deal was resumed in 2013", wanted) == wanted

    # the other order: the claimant first, then the key, the focus still in the box
    tanks = "Iraq would buy a “large batch” of advanced T-90 tanks"
    select_words(page, tanks)
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("The Kremlin")
    page.keyboard.press("1")
    assert wait_for_claim(claims_file, tanks, ("check-worthy", "The Kremlin", ""))
    assert page.input_value(".reader-claims .rc-claimant") == "The Kremlin"

    # a claim made with the wrong claimant, then mended from the table of claims
    tsarist = "Tsarist Russia captured territory from the Persian Empire"
    select_words(page, tsarist)
    page.keyboard.press("1")
    page.click(".reader-claims .rc-claimant")
    page.keyboard.type("Iran")
    assert wait_for_claim(claims_file, tsarist, ("check-worthy", "Iran", ""))
    page.click(".reader-claims .rc-text", position={"x": 5, "y": 5})
    page.click(f".reader-claims .rc-table tr:has-text('{tsarist[:30]}')")
    expect(page.locator(".reader-claims .rc-claimant")).to_have_value("Iran")
    page.click(".reader-claims .rc-claimant", click_count=3)
    page.keyboard.type("Arab Weekly")
    wanted = ("check-worthy", "Arab Weekly", "")
    assert wait_for_claim(claims_file, tsarist, wanted) == wanted

    # "press Check under the questions", the box left empty: the marked claims are checked
    page.click(".widget-button:has-text('Check')")
    expect(page.locator(".jp-OutputArea-output:has-text('Right!')")).to_have_count(1)
