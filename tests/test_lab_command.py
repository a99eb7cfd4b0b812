"""`reader lab`: JupyterLab's own options pass through, and no news-feed prompt appears.

JupyterLab asks on every notebook whether to fetch its news; the kit ships a settings
override that answers "no". The check asks a real server (started as `reader lab`
starts it) for the notification settings, then looks at the page in headless Chromium.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from live_lab import CHROMIUM, TOKEN, running_lab, skip_without_chromium

from reader import cli

ROOT = Path(__file__).resolve().parent.parent
NOTIFICATION_SETTINGS = "lab/api/settings/@jupyterlab/apputils-extension:notification"


def test_lab_passes_jupyter_options_on(capsys) -> None:
    code = cli.main(["lab", "--notebooks", str(ROOT / "notebooks"), "--print", "--allow-root"])
    printed = capsys.readouterr().out.split()
    assert code == 0
    assert printed[-2:] == [str(ROOT / "notebooks"), "--allow-root"]
    assert "--LabApp.news_url=None" in printed


def test_lab_passes_options_with_values_on(capsys) -> None:
    cli.main(["lab", "--notebooks", str(ROOT / "notebooks"), "--port", "9000", "--print"])
    assert capsys.readouterr().out.split()[-2:] == ["--port", "9000"]


def test_other_commands_still_refuse_unknown_options(capsys) -> None:
    with pytest.raises(SystemExit) as refused:
        cli.main(["clean", str(ROOT / "texts" / "arab-weekly-maliki-russia.txt"), "--bogus"])
    assert refused.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_lab_help_says_options_pass_through() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "reader.cli", "lab", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "JUPYTER OPTIONS" in shown
    assert "--allow-root" in shown


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab started with the command `reader lab` runs, on a free port."""
    folder = tmp_path_factory.mktemp("lab")
    (folder / "notebooks").mkdir()
    (folder / "notebooks" / "empty.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    with running_lab(folder / "notebooks") as base:
        yield base, TOKEN


def test_the_server_never_fetches_news(lab_server) -> None:
    import json

    base, token = lab_server
    with urllib.request.urlopen(f"{base}/{NOTIFICATION_SETTINGS}?token={token}") as answer:
        settings = json.load(answer)
    properties = settings["schema"]["properties"]
    # JupyterLab's own default is "none": ask the person. The kit's override says "false".
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False


@pytest.mark.browser
def test_no_news_prompt_in_the_browser(lab_server) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    skip_without_chromium()
    base, token = lab_server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/lab/tree/empty.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_timeout(3000)  # the prompt comes a moment after the page is drawn
        toasts = page.locator(".Toastify__toast").all_inner_texts()
        browser.close()
    assert not [toast for toast in toasts if "news" in toast.lower()], toasts
