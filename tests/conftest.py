"""Fixtures shared by the tests: the sample page, a headless browser, and the notebooks.

``sample_document`` is the sample page cleaned once for the whole run (a `Document` is
frozen, so tests can share it).  ``browser`` is Debian's Chromium through Playwright,
started once a test module and skipped, with the reason, where it is missing.

The notebooks are run once for every test that reads their outputs.

They run as a student would run them, top to bottom, in a copy of the kit made in a
temporary folder (``notebooks/`` and ``texts/``), whose name file says the student is
``Test-Student``: so the files the notebooks write go to that copy's ``out/`` and
``annotations/``, never into the checkout, and no test depends on what a developer
typed in notebook 00.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def sample_document():
    """The sample page (``texts/arab-weekly-maliki-russia.txt``) as the cleaner gives it."""
    from reader import SAMPLE_PAGE, load_document

    return load_document(SAMPLE_PAGE)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Playwright's sync API), one a module: Playwright's sync API
    cannot run twice at once in a thread, and other modules start their own."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        except sync_api.Error as error:  # pragma: no cover - depends on the machine
            pytest.skip(f"chromium does not start: {error}")
        yield chromium
        chromium.close()


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TEST_STUDENT = "Test-Student"


@dataclass
class KitRun:
    """A copy of the kit and its notebooks as run: executed notebooks, errors, seconds."""

    kit: Path
    notebooks: dict = field(default_factory=dict)  # name -> executed NotebookNode
    errors: dict = field(default_factory=dict)  # name -> the error that stopped it
    seconds: dict = field(default_factory=dict)


def copy_kit(folder: Path, student: str | None = TEST_STUDENT) -> Path:
    """A kit in ``folder``: the notebooks and texts, and the student's name file if given."""
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    shutil.copytree(ROOT / "texts", folder / "texts")
    if student is not None:
        (folder / ".reader").mkdir()
        name = {"name": student}
        (folder / ".reader" / "student.json").write_text(json.dumps(name), encoding="utf-8")
    return folder


def run_notebooks(kit: Path, names: list[str]) -> KitRun:
    """Execute the named notebooks of a kit in order, each in its own kernel."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    run = KitRun(kit)
    for name in names:
        path = kit / "notebooks" / name
        notebook = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        began = time.perf_counter()
        try:
            client.execute()
        except nbclient.exceptions.CellExecutionError as error:
            run.errors[name] = error
        run.seconds[name] = time.perf_counter() - began
        run.notebooks[name] = notebook
    return run


@pytest.fixture(scope="session")
def kit_run(tmp_path_factory) -> KitRun:
    """All ten notebooks run top to bottom in a fresh copy of the kit."""
    kit = copy_kit(tmp_path_factory.mktemp("kit"))
    run = run_notebooks(kit, [p.name for p in NOTEBOOKS])
    total = sum(run.seconds.values())
    print(f"\nthe {len(NOTEBOOKS)} notebooks ran in {total:.1f} s")
    return run
