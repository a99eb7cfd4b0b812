"""Pictures of the exported page and of each widget, taken in headless Chromium.

The README shows these pictures. They are made by this browser run: set
``READER_SCREENSHOTS=docs/images`` to write them there (otherwise they go to a
temporary folder and are only checked).  Widgets are drawn statically: their
HTML panes and controls laid out as their boxes are, without a Jupyter server.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import ipywidgets as widgets
import pytest

from reader import SAMPLE_PAGE, load_document
from reader.export import demo_annotations_path, export_page

pytestmark = pytest.mark.browser
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
STYLE = """
body { font: 14px/1.4 sans-serif; margin: 12px; background: #fff; }
.row { display: flex; gap: 10px; align-items: flex-start; }
.column { display: flex; flex-direction: column; gap: 6px; }
.control { border: 1px solid #aaa; border-radius: 3px; padding: 2px 8px; background: #f4f4f4; }
.pane { overflow: hidden; }
"""


def static_html(widget: widgets.Widget) -> str:
    """A widget tree as plain HTML: boxes as flex rows/columns, HTML panes as they are."""
    if isinstance(widget, widgets.HTML):
        width = widget.layout.width or "auto"
        return f'<div class="pane" style="width:{width};max-height:520px">{widget.value}</div>'
    if isinstance(widget, widgets.Box):
        kind = "row" if isinstance(widget, widgets.HBox) else "column"
        inner = "".join(static_html(child) for child in widget.children)
        return f'<div class="{kind}">{inner}</div>'
    if isinstance(widget, widgets.Output):
        pieces = []
        for output in widget.outputs:
            data = output.get("data", {})
            if "text/html" in data:
                pieces.append(data["text/html"])
            elif "text/plain" in data:
                pieces.append(f"<pre>{html.escape(data['text/plain'])}</pre>")
        return f'<div class="pane">{"".join(pieces)}</div>'
    if isinstance(widget, widgets.Image):
        return ""
    label = getattr(widget, "description", "") or ""
    value = getattr(widget, "value", "")
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return f'<span class="control">{html.escape(f"{label} {value}".strip())}</span>'


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def picture_folder(tmp_path_factory) -> Path:
    wanted = os.environ.get("READER_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("pictures")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(browser, page_file: Path, picture: Path, expect: str, height: int = 700) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": height})
    page.goto(page_file.as_uri())
    assert expect in page.inner_text("body")
    page.screenshot(path=str(picture))
    page.close()
    small = pytest.importorskip("PIL.Image").open(picture).convert("RGB").quantize(colors=64)
    small.save(picture, optimize=True)  # the README's pictures stay small
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 5_000 < picture.stat().st_size < 250_000


def widget_page(tmp_path: Path, widget: widgets.Widget, name: str) -> Path:
    path = tmp_path / f"{name}.html"
    body = static_html(widget)
    document = f"<!DOCTYPE html><meta charset='utf-8'><style>{STYLE}</style>{body}"
    path.write_text(document, encoding="utf-8")
    return path


def test_picture_of_the_exported_page(browser, picture_folder, tmp_path):
    out = export_page(SAMPLE_PAGE, tmp_path / "page.html", demo_annotations_path())
    shoot(browser, out, picture_folder / "exported-page.png", "Iraqi Vice-President", 900)


def test_picture_of_the_cleaning_viewer(browser, picture_folder, tmp_path):
    from reader.widgets import CleaningViewer

    page = widget_page(tmp_path, CleaningViewer(SAMPLE_PAGE), "cleaning")
    shoot(browser, page, picture_folder / "cleaning-viewer.png", "raqi Vice-President")


def test_picture_of_the_actor_highlighter(browser, picture_folder, tmp_path):
    from reader.widgets import ActorHighlighter

    widget = ActorHighlighter(load_document(SAMPLE_PAGE), page_path=SAMPLE_PAGE)
    page = widget_page(tmp_path, widget, "actors")
    shoot(browser, page, picture_folder / "actor-highlighter.png", "Nuri al-Maliki")


def test_picture_of_the_outlet_comparer(browser, picture_folder, tmp_path):
    from reader.widgets import OutletComparer

    page = widget_page(tmp_path, OutletComparer(SAMPLE_PAGE), "outlets")
    shoot(browser, page, picture_folder / "outlet-comparer.png", "Newsweek")


def test_picture_of_the_claim_annotator(browser, picture_folder, tmp_path):
    from reader.widgets import ClaimAnnotator

    document = load_document(SAMPLE_PAGE)
    widget = ClaimAnnotator(document, annotator="ana")
    words = "Russia has made a tremendous contribution"
    start = document.text.index(words)
    widget.select(start, start + len(words))
    widget.press_key("2")
    names = [name for name in widget.trait_names(sync=True) if not name.startswith("_")]
    state = {name: getattr(widget, name) for name in names}
    script = widget._esm if isinstance(widget._esm, str) else Path(widget._esm).read_text()
    script = script.replace("export default { render };", "window.widget = { render };")
    css = widget._css if isinstance(widget._css, str) else Path(widget._css).read_text()
    state_json = json.dumps(state, default=str).replace("</", "<\\/")  # no early </script>
    page = tmp_path / "claims.html"
    page.write_text(
        f"<!DOCTYPE html><meta charset='utf-8'><style>{STYLE}{css}</style><div id='root'></div>"
        f"<script>{script}\nconst state = {state_json};"
        """
        const model = { get: (k) => state[k], set: (k, v) => { state[k] = v; },
          save_changes() {}, send() {}, on() {} };
        widget.render({ model, el: document.getElementById("root") });
        </script>""",
        encoding="utf-8",
    )
    shoot(browser, page, picture_folder / "claim-annotator.png", "tremendous contribution")
