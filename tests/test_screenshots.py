"""Pictures of the exported page, of each widget and of every notebook, in headless Chromium.

The README shows these pictures. They are made by this browser run: set
``READER_SCREENSHOTS=docs/images`` to write them there (otherwise they go to a
temporary folder and are only checked).  Widgets are drawn statically: their
HTML panes and controls laid out as their boxes are, without a Jupyter server.

The notebooks are run as a student runs them (``conftest.kit_run``), turned into
HTML by nbconvert with JupyterLab's own styles, their widgets drawn from the state
saved with them, and looked at on a 1366 px laptop screen: nothing may be wider
than the screen, and no printed line may be so long that JupyterLab breaks it
(it breaks text outputs anywhere, in the middle of a word).  The first screen
of each goes to ``notebooks/NAME.png`` in the picture folder.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import os
from pathlib import Path

import ipywidgets as widgets
import pytest

from reader import SAMPLE_PAGE, load_document
from reader.export import demo_annotations_path, export_page

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}
# JupyterLab on that laptop with its file browser open leaves about this much to a notebook
WITH_FILE_BROWSER = {"width": 1100, "height": 768}
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
    widget = ClaimAnnotator(
        document, annotator="ana", path=tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    )
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


# -- notebooks ----------------------------------------------------------------------------

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CONTROL_STYLE = """
.static-widget { font: 13px/1.4 sans-serif; margin: 2px 0; }
.static-widget * { box-sizing: border-box; }
.static-widget .row { display: flex; align-items: flex-start; }
.static-widget .column { display: flex; flex-direction: column; gap: 4px; }
.static-widget .control { border: 1px solid #aaa; border-radius: 2px; padding: 2px 8px;
  background: #fff; min-height: 1.6em; margin: 0 4px 2px 0; }
.static-widget button.control { background: #eee; align-self: flex-start; min-width: 9em; }
.static-widget button.primary { background: #2196f3; color: #fff; border-color: #2196f3; }
.static-widget label { color: #333; margin-right: 4px; }
"""


def _layout_css(states: dict, state: dict) -> str:
    layout = states.get(str(state.get("layout", "")).removeprefix("IPY_MODEL_"), {})
    rules = []
    for key, value in layout.get("state", {}).items():
        if value and not key.startswith("_") and key in {
            "width", "max_height", "height", "overflow", "padding", "min_height", "max_width",
        }:  # fmt: skip
            rules.append(f"{key.replace('_', '-')}:{value}")
    return ";".join(rules)


def widget_state_html(states: dict, model_id: str) -> str:
    """One widget of a saved notebook as static HTML, drawn from its saved state."""
    model = states.get(model_id)
    if model is None:
        return ""
    name, state = model["model_name"], model["state"]
    css = _layout_css(states, state)
    label = html.escape(str(state.get("description") or ""))
    labelled = f"<label>{label}</label>" if label else ""

    def child(ref: str) -> str:
        return widget_state_html(states, ref.removeprefix("IPY_MODEL_"))

    if name in {"VBoxModel", "HBoxModel", "BoxModel"}:
        kind = "row" if name == "HBoxModel" else "column"
        inner = "".join(child(c) for c in state.get("children", []))
        return f'<div class="{kind}" style="{css}">{inner}</div>'
    if name in {"HTMLModel", "HTMLMathModel"}:
        return f'<div style="{css}">{labelled}{state.get("value", "")}</div>'
    if name == "LabelModel":
        return f'<div style="{css}">{html.escape(str(state.get("value", "")))}</div>'
    if name == "ButtonModel":
        primary = " primary" if state.get("button_style") == "primary" else ""
        return f'<button class="control{primary}">{label}</button>'
    if name in {"TextModel", "TextareaModel", "ComboboxModel"}:
        value = html.escape(str(state.get("value") or ""))
        hint = html.escape(str(state.get("placeholder") or ""))
        tag = "textarea" if name == "TextareaModel" else "input"
        box = (
            f'<textarea class="control" style="width:100%" placeholder="{hint}">{value}</textarea>'
            if tag == "textarea"
            else f'<input class="control" value="{value}" placeholder="{hint}" size="30">'
        )
        return f'<div class="row" style="{css}">{labelled}{box}</div>'
    if name in {"DropdownModel", "SelectModel", "SelectMultipleModel"}:
        chosen = state.get("index")
        chosen = set(chosen) if isinstance(chosen, list) else {chosen}
        options = "".join(
            f"<option{' selected' if i in chosen else ''}>{html.escape(str(o))}</option>"
            for i, o in enumerate(state.get("_options_labels", []))
        )
        many = ' multiple size="5"' if name != "DropdownModel" else ""
        return f'<div class="row">{labelled}<select class="control"{many}>{options}</select></div>'
    if name == "CheckboxModel":
        checked = " checked" if state.get("value") else ""
        return f'<label><input type="checkbox"{checked}> {label}</label>'
    if name == "ToggleButtonsModel":
        buttons = "".join(
            f'<button class="control">{html.escape(str(o))}</button>'
            for o in state.get("_options_labels", [])
        )
        return f'<div class="row">{buttons}</div>'
    if name == "OutputModel":
        return f'<div style="{css}">{"".join(map(output_html, state.get("outputs", [])))}</div>'
    if name == "ImageModel":
        for buffer in model.get("buffers", []):
            if buffer.get("path") == ["value"] and buffer.get("data"):
                return f'<img style="max-width:100%" src="data:image/png;base64,{buffer["data"]}">'
        return ""
    if name == "AnyModel":
        return anywidget_html(model_id, state)
    return f'<span class="control">{html.escape(name)}</span>'


def output_html(output: dict) -> str:
    """One output kept in an Output widget, as HTML."""
    data = output.get("data", {})
    if "text/html" in data:
        return "".join(data["text/html"])
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"]}">'
    text = data.get("text/plain") or output.get("text") or ""
    return f"<pre>{html.escape(''.join(text))}</pre>"


def anywidget_html(model_id: str, state: dict) -> str:
    """An anywidget drawn by its own front-end module over its saved state."""
    traits = {k: v for k, v in state.items() if not k.startswith("_")}
    module = base64.b64encode(state.get("_esm", "").encode("utf-8")).decode("ascii")
    css = html.escape(state.get("_css", ""))
    data = json.dumps(traits).replace("</", "<\\/")
    return f"""<style>{css}</style><div id="w{model_id}"></div><script type="module">
const state = {data};
const model = {{ get: (k) => state[k], set: (k, v) => {{ state[k] = v; }},
  save_changes() {{}}, send() {{}}, on() {{}}, off() {{}} }};
const source = new TextDecoder().decode(Uint8Array.from(atob("{module}"), (c) => c.charCodeAt(0)));
const url = URL.createObjectURL(new Blob([source], {{ type: "text/javascript" }}));
const widget = (await import(url)).default;
const render = widget.render || (typeof widget === "function" ? (await widget()).render : null);
render({{ model, el: document.getElementById("w{model_id}") }});
</script>"""


def notebook_html(notebook) -> str:
    """An executed notebook as the HTML page nbconvert makes, its widgets drawn statically."""
    exporter = pytest.importorskip("nbconvert").HTMLExporter()
    notebook = copy.deepcopy(notebook)
    states = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                drawn = widget_state_html(states, view["model_id"])
                output["data"] = {"text/html": f'<div class="static-widget">{drawn}</div>'}
    notebook.metadata.pop("widgets", None)
    body, _ = exporter.from_notebook_node(notebook)
    return body.replace("</head>", f"<style>{CONTROL_STYLE}</style></head>", 1)


MEASURE = """() => {
  const problems = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth}px`);
  for (const output of document.querySelectorAll('.jp-OutputArea-output')) {
    if (output.scrollWidth > output.clientWidth + 1)
      problems.push(`an output is ${output.scrollWidth}px wide in ${output.clientWidth}px: ` +
                    output.innerText.slice(0, 80));
  }
  for (const table of document.querySelectorAll('.jp-OutputArea-output table')) {
    const box = table.getBoundingClientRect();
    if (box.width > 0 && box.right > page.clientWidth)
      problems.push('a table runs off the screen: ' + table.innerText.slice(0, 80));
  }
  for (const pre of document.querySelectorAll('.jp-RenderedText pre')) {
    const wrapping = pre.style.whiteSpace;
    pre.style.whiteSpace = 'pre';
    if (pre.scrollWidth > pre.clientWidth + 1)
      problems.push('a printed line is broken by the browser (mid-word): ' + pre.innerText.slice(0, 80));
    pre.style.whiteSpace = wrapping;
  }
  return {problems, height: page.scrollHeight};
}"""


def open_offline(browser, path: Path, viewport: dict):
    page = browser.new_page(viewport=viewport)
    # nbconvert's page asks a CDN for MathJax and require.js: a student's laptop may be offline
    page.route("http*://**", lambda route: route.abort())
    page.goto(path.as_uri())
    page.wait_for_timeout(200)  # the anywidget modules draw after load
    return page


@pytest.mark.notebook
@pytest.mark.parametrize(
    "name",
    [
        p.name
        for p in sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
    ],
)
def test_notebook_fits_a_laptop_screen(browser, picture_folder, tmp_path, kit_run, name):
    if name in kit_run.errors:
        pytest.fail(f"{name} did not run: {kit_run.errors[name]}")
    page_file = tmp_path / name.replace(".ipynb", ".html")
    page_file.write_text(notebook_html(kit_run.notebooks[name]), encoding="utf-8")
    for viewport in (LAPTOP, WITH_FILE_BROWSER):
        page = open_offline(browser, page_file, viewport)
        measured = page.evaluate(MEASURE)
        if viewport is LAPTOP:
            folder = picture_folder / "notebooks"
            folder.mkdir(exist_ok=True)
            picture = folder / name.replace(".ipynb", ".png")
            page.screenshot(path=str(picture))
            print(f"{name}: {measured['height']} px tall at {viewport['width']} px")
        page.close()
        assert measured["problems"] == [], f"{name} at {viewport['width']} px"
    # sixteen colours keep the text sharp and the ten pictures near 400 KB together
    small = pytest.importorskip("PIL.Image").open(picture).convert("RGB").quantize(colors=16)
    small.save(picture, optimize=True)
    assert 5_000 < picture.stat().st_size < 60_000
