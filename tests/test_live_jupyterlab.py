"""The widgets in a real JupyterLab, driven by headless Chromium.

The other widget tests check the Python side (state after simulated events) and the
ClaimAnnotator's JavaScript in a bare page.  This one runs the whole chain a student
uses: JupyterLab serves a notebook, the kernel makes the widgets, the front ends draw
them, a mouse selection and a key press become a claim saved on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reader.annotations import load_annotations

CHROMIUM = "/usr/bin/chromium"

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


@pytest.fixture
def lab(tmp_path: Path):
    """A JupyterLab server on a free port, serving a one-cell notebook in tmp_path."""
    pytest.importorskip("jupyterlab")
    (tmp_path / "live.ipynb").write_text(json.dumps(notebook(tmp_path / "claims.json")))
    port, token = free_port(), "reader-test"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}"]
        + [f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}"]
        + ["--allow-root", "--LabApp.news_url=None"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / ".jupyter")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("JupyterLab did not start in 40 s")
        yield f"{base}/lab/tree/live.ipynb?token={token}", tmp_path / "claims.json"
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for_file(path: Path, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.1)
    return False


def test_a_student_selects_words_presses_1_and_the_claim_is_saved(lab) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian chromium is not installed")
    url, claims_file = lab
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # the status bar says "Python 3 (ipykernel) | Idle" once the kernel is ready
        page.wait_for_selector(r"text=/\| Idle/", timeout=60_000)
        page.click(".jp-Cell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        page.wait_for_selector(".reader-claims .rc-text", timeout=60_000)

        marks = page.locator(".reader-actors mark[data-type='person']")
        assert marks.count() > 20, "the ActorHighlighter shows people"
        assert "Nuri al-Maliki" in (marks.first.get_attribute("data-actor") or "")

        assert page.evaluate(SELECT_AND_RELEASE, "$4.2 billion")
        page.wait_for_selector(".reader-claims .rc-selected:has-text('4.2 billion')")
        page.focus(".reader-claims")
        page.keyboard.press("1")
        assert wait_for_file(claims_file), "the claim was never saved"
        browser.close()

    [claim] = load_annotations(claims_file).annotations
    assert (claim.claim.label, claim.exact) == ("check-worthy", "$4.2 billion")
