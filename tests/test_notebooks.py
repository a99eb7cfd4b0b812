"""The notebooks as a student and a teacher meet them: run top to bottom (``conftest.kit_run``).

They run in a copy of the kit whose student is ``Test-Student``, with every *your turn*
placeholder (``...``) left as it is.  Then their outputs are read as a student reads
them: no exercise shows its answers, printed lines fit the screen, tables keep their
internal columns to themselves, files go under the kit's folder and are named after the
student and what they are for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, ROOT, TEST_STUDENT, copy_kit, run_notebooks

from reader.exercises import load_answer_key, normalise
from reader.student import RUN_00_FIRST
from reader.widgets.display import TEXT_WIDTH

NAMES = [p.name for p in NOTEBOOKS]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# Which exercise each notebook asks, and where its answers must not show: "all" the
# notebook (an exercise), or "before" its check (the tour shows one question early on).
EXERCISES = {
    "00_start_here.ipynb": ("actors", "before"),
    "05_exercise_actors.ipynb": ("actors", "all"),
    "06_exercise_quotes.ipynb": ("quotes", "all"),
    "07_exercise_framing.ipynb": ("framing", "all"),
    "08_exercise_claims.ipynb": ("claims", "all"),
}
# A one-word answer is given away when it stands next to what the question asks about.
SUBJECTS = {
    "maliki_alias": "former Iraqi prime minister",
    "rudaw_frame": "Rudaw English",
    "asharq_frame": "Asharq Al-Awsat",
    "page_frame": "The Arab Weekly",
}
CHECK_CALL = re.compile(r"\b(SelfCheck|exercise_checks)\(")


# -- reading outputs ----------------------------------------------------------------------


def widget_html(states: dict, model_id: str) -> list[str]:
    """The HTML a displayed widget shows (its HTML panes and outputs, children included)."""
    model = states.get(model_id)
    if model is None:
        return []
    state = model["state"]
    found = []
    if model["model_name"] in {"HTMLModel", "HTMLMathModel", "LabelModel"}:
        found.append(str(state.get("value", "")))
    for output in state.get("outputs", []):
        found.extend(output_html(output, states))
    for child in state.get("children", []):
        found.extend(widget_html(states, child.removeprefix("IPY_MODEL_")))
    return found


def output_html(output: dict, states: dict) -> list[str]:
    """What one output shows, as HTML or plain text."""
    if output.get("output_type") == "stream":
        return ["".join(output["text"])]
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return widget_html(states, data[WIDGET_VIEW]["model_id"])
    for kind in ("text/html", "text/markdown", "text/plain"):
        if kind in data:
            return ["".join(data[kind])]
    return []


def cell_outputs(notebook, cell) -> list[str]:
    states = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    return [html for output in cell.get("outputs", []) for html in output_html(output, states)]


BLOCKS = ["p", "div", "li", "pre", "h1", "h2", "h3", "h4", "h5", "figcaption", "caption", "section"]


def lines_of(html: str, rows: bool = True, separator: str = " ") -> list[str]:
    """What a reader sees, line by line: table rows with their column names, text lines.

    The page itself (``class="reader-page"``) is left out: reading it is the exercise.
    With ``rows=False`` each table cell is a line of its own.  ``separator`` goes between
    the pieces of text of a line (``""`` keeps the text exactly as the reader sees it).
    """
    soup = pytest.importorskip("bs4").BeautifulSoup(html, "html.parser")
    for page in soup.select(".reader-page"):
        page.decompose()
    lines = []
    for table in soup.find_all("table"):
        heads, body = [], []
        for row in table.find_all("tr"):
            cells = [c.get_text(separator, strip=True) for c in row.find_all(["th", "td"])]
            if row.find("td") is None:  # a row of column names
                if sum(map(bool, cells)) > sum(map(bool, heads)):
                    heads = cells
            else:
                body.append(cells)
        for cells in body:
            if not rows:
                lines.extend(cells)
                continue
            named = zip(heads[-len(cells) :], cells)
            lines.append(" ".join(f"{h} {c}" for h, c in named) + " " + " ".join(cells))
        table.decompose()
    for tag in soup.find_all(BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text(separator)
    return lines + [line.strip() for line in text.split("\n") if line.strip()]


def says(line: str, words: str) -> bool:
    """Whether ``words`` stand in ``line`` as whole words (answers compared as the key does)."""
    words = normalise(words)
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", normalise(line))


def leaks(question, html: str) -> list[str]:
    """The lines of an output that give away an accepted answer of ``question``."""
    lines = lines_of(html)
    fields = question.fields
    if len(fields) > 1:  # a pair (speaker | outlet): given away when a line has both
        return [
            line
            for line in lines
            for answer in question.answers
            if all(any(says(line, variant) for variant in answer[f]) for f in fields if f in answer)
        ]
    variants = [[v for v in answer[fields[0]]] for answer in question.answers]
    if question.required > 1:  # a list (four people): given away when one output has them all
        found = [a for a in variants if any(says(" ".join(lines), v) for v in a)]
        return [f"{len(found)} answers in one output"] if len(found) >= question.required else []
    subject = SUBJECTS.get(question.id)
    return [
        line
        for line in lines
        if (subject is None or says(line, subject))
        and any(says(line, v) for a in variants for v in a)
    ]


# -- running ------------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(kit_run, name):
    assert name not in kit_run.errors, str(kit_run.errors.get(name))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_committed_without_outputs_and_explains_itself(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert cells[0]["cell_type"] == "markdown", "a notebook opens with what it teaches"
    for cell in cells:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name} has committed outputs"
            assert cell.get("execution_count") is None


LESSONS = [p for p in NOTEBOOKS if p.name[:2] <= "08"]  # 09 is the teacher's, 10 the corpus run


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_every_lesson_has_a_your_turn_line_checked(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    turns = [s for s in sources if re.search(r"^answer = \.\.\.", s, re.MULTILINE)]
    checks = [s for s in sources if "check_line(" in s or CHECK_CALL.search(s)]
    assert turns and checks, f"{path.name}: no line for the student to write, or no check"


# -- answers stay hidden ------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.parametrize("name", list(EXERCISES))
def test_exercises_do_not_show_their_answers(kit_run, name):
    exercise_id, scope = EXERCISES[name]
    notebook = kit_run.notebooks[name]
    questions = load_answer_key().exercise(exercise_id).questions
    asked_in = {}  # question id -> index of the cell that asks it
    for index, cell in enumerate(notebook.cells):
        source = cell.source if cell.cell_type == "code" else ""
        if CHECK_CALL.search(source):
            for q in questions:
                if f'"{q.id}"' in source or f'exercise_checks("{exercise_id}")' in source:
                    asked_in.setdefault(q.id, index)
    assert asked_in, f"{name} asks no question of exercise {exercise_id!r}"
    for q in questions:
        if q.id not in asked_in:
            continue
        end = asked_in[q.id] if scope == "before" else len(notebook.cells)
        for index, cell in enumerate(notebook.cells[:end]):
            for html in cell_outputs(notebook, cell):
                found = leaks(q, html)
                assert not found, f"{name}, cell {index} shows the answer to {q.id}: {found[:2]}"


@pytest.mark.notebook
@pytest.mark.parametrize("name", list(EXERCISES))
def test_run_all_checks_nothing_right_before_the_student_answers(kit_run, name):
    notebook = kit_run.notebooks[name]
    for index, cell in enumerate(notebook.cells):
        for html in cell_outputs(notebook, cell):
            assert "Right!" not in html, f"{name}, cell {index} already says Right!"


# -- readable -----------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.parametrize("name", NAMES)
def test_printed_lines_fit_so_no_word_is_broken(kit_run, name):
    # JupyterLab breaks a printed line that does not fit anywhere, mid-word ("secu/rity")
    notebook = kit_run.notebooks[name]
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "stream":
                continue
            for line in "".join(output["text"]).splitlines():
                assert len(line) <= TEXT_WIDTH, f"{name}, cell {index}: {line[:60]}..."


INTERNAL = re.compile(
    r"\b(first_start|log_odds|prior_alpha|speaker_start|terms_outlet)\b|urn:uuid|\bNaN\b|<NA>"
)


@pytest.mark.notebook
@pytest.mark.parametrize("name", NAMES)
def test_tables_hide_internal_columns_and_missing_values(kit_run, name):
    notebook = kit_run.notebooks[name]
    for index, cell in enumerate(notebook.cells):
        for html in cell_outputs(notebook, cell):
            shown = "\n".join(lines_of(html))
            match = INTERNAL.search(shown)
            assert match is None, f"{name}, cell {index} shows {match.group()!r}"
            heads = re.findall(r"<th[^>]*>([^<]*)</th>", html)
            assert not {"start", "end", "id"} & set(heads), f"{name}, cell {index}: offsets"


TOKENISER_SPACING = re.compile(r"\w [.,;:!?](?=\s|$)|“ \w")
ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (sentences|paragraphs|articles|rows|lines|times|claims)\b")


@pytest.mark.notebook
@pytest.mark.parametrize("name", NAMES)
def test_text_keeps_the_page_spacing_and_its_grammar(kit_run, name):
    notebook = kit_run.notebooks[name]
    for index, cell in enumerate(notebook.cells):
        for html in cell_outputs(notebook, cell):
            for line in lines_of(html, rows=False, separator=""):
                spaced = TOKENISER_SPACING.search(line)
                assert spaced is None, f"{name}, cell {index}: {line[:80]!r}"
                assert ONE_PLURAL.search(line) is None, f"{name}, cell {index}: {line[:80]!r}"


def test_the_network_is_drawn_from_the_list_after_the_merge():
    notebook = json.loads((ROOT / "notebooks" / "02_actors.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    merge = next(i for i, s in enumerate(sources) if "merge_actors(" in s)
    draw = next(i for i, s in enumerate(sources) if "draw_cooccurrence_network(result" in s)
    renewed = [
        i for i, s in enumerate(sources) if re.search(r"^result = highlighter\.result", s, re.M)
    ]
    assert renewed and merge <= renewed[-1] < draw


@pytest.mark.notebook
def test_after_the_merge_no_table_names_the_soviet_union(kit_run):
    notebook = kit_run.notebooks["02_actors.ipynb"]
    cells = notebook.cells
    merge = next(i for i, c in enumerate(cells) if "merge_actors(" in c.source)
    for cell in cells[merge + 1 :]:
        for html in cell_outputs(notebook, cell):
            assert "Soviet Union" not in "\n".join(lines_of(html))


# -- files --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_no_notebook_writes_outside_the_kit(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for outside in ("tempfile", "/tmp", "mkdtemp", "gettempdir"):
        assert outside not in source, f"{path.name} uses {outside}"


@pytest.mark.notebook
def test_what_the_notebooks_write_is_in_the_kit_and_linked(kit_run):
    out = kit_run.kit / "out"
    for made in ("00-sample-page.html", "04-claims.html", "09-class-page.html"):
        assert (out / made).stat().st_size > 10_000, made
    demo_files = sorted((out / "demo-class").glob("*.annotations.json"))
    assert demo_files and all(
        p.name.startswith("arab-weekly-maliki-russia.demo-") for p in demo_files
    )
    for text in (ROOT / "texts").rglob("*"):  # the lessons leave the page's files as they were
        if text.is_file():
            kept = kit_run.kit / text.relative_to(ROOT)
            assert kept.read_bytes() == text.read_bytes(), text.name
    notebooks = kit_run.kit / "notebooks"
    for name, notebook in kit_run.notebooks.items():
        for cell in notebook.cells:
            for html in cell_outputs(notebook, cell):
                for link in re.findall(r'<a href="([^"]+)"', html):
                    target = (notebooks / link).resolve()
                    assert target.is_relative_to(kit_run.kit.resolve()), f"{name}: {link}"
                    if target.is_relative_to(out.resolve()):  # claims files wait for claims
                        assert target.exists(), f"{name}: {link}"


@pytest.mark.notebook
def test_practice_and_exercise_claims_go_to_files_named_after_the_student(kit_run):
    def saving_to(name: str) -> str:
        notebook = kit_run.notebooks[name]
        notes = [
            html
            for cell in notebook.cells
            for html in cell_outputs(notebook, cell)
            if "are saved as you mark them" in html
        ]
        assert len(notes) == 1, name
        return re.search(r'<a href="([^"]+)"', notes[0]).group(1)

    practice = saving_to("04_claims.ipynb")
    exercise = saving_to("08_exercise_claims.ipynb")
    assert (
        practice
        == f"../annotations/arab-weekly-maliki-russia-practice.{TEST_STUDENT}.annotations.json"
    )
    assert exercise == f"../annotations/arab-weekly-maliki-russia.{TEST_STUDENT}.annotations.json"


@pytest.mark.notebook
def test_with_no_name_the_claim_notebooks_say_so_and_save_nothing(tmp_path):
    kit = copy_kit(tmp_path, student=None)
    run = run_notebooks(kit, ["04_claims.ipynb", "08_exercise_claims.ipynb"])
    assert not run.errors
    for name, notebook in run.notebooks.items():
        shown = [html for cell in notebook.cells for html in cell_outputs(notebook, cell)]
        assert any(RUN_00_FIRST in html for html in shown), name
        assert not any("are saved as you mark them" in html for html in shown), name
    assert not (kit / "annotations").exists()
