"""Text with columns side by side (``pdftotext -layout``): told by its gutters, read as words.

The pages in ``tests/data/columns`` were typeset from articles written for these
tests, printed to PDF and read back by ``pdftotext -layout`` (see its README).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from reader.sources import columns
from reader.sources.columns import find_gutter, page_lines, side_by_side_page

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "columns"
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
LAYOUT_PAGES = sorted(DATA.glob("*.layout.txt"))
LAYOUT_NAMES = ("bridge-3-columns", "schools-4-and-2-columns")


def layout(name: str) -> str:
    return (DATA / f"{name}.layout.txt").read_text(encoding="utf-8")


def gold_paragraphs(name: str) -> list[str]:
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    return [p for article in gold["articles"] for p in article["paragraphs"]]


def set_in_columns(paragraph: str, count: int, width: int = 30, gutter: int = 4) -> str:
    """A paragraph set in ``count`` columns side by side under a headline across them."""
    lines = textwrap.wrap(paragraph, width)
    height = -(-len(lines) // count)
    cols = [lines[i * height : (i + 1) * height] for i in range(count)]
    rows = []
    for row in range(height):
        cells = [col[row] if row < len(col) else "" for col in cols]
        rows.append((" " * gutter).join(cell.ljust(width) for cell in cells).rstrip())
    return "Council votes to keep the harbour ferry running all winter\n\n" + "\n".join(rows)


PROSE = " ".join(gold_paragraphs("bridge-3-columns"))


# --- telling side-by-side columns --------------------------------------------------


@pytest.mark.parametrize("page", LAYOUT_PAGES, ids=lambda p: p.name)
def test_pdftotext_layout_page_is_read_as_positioned_words(page):
    text = page.read_text(encoding="utf-8")
    positioned = side_by_side_page(text)
    assert positioned is not None
    assert positioned.unit == "char"
    lines = page_lines(text)
    # Every word is there once, where it stands: its line and its characters.
    assert [w.text for w in positioned.words] == text.split()
    capitals = columns.drop_capitals(lines)
    for word in positioned.words:
        assert word.line == -1 and word.block == -1
        if word.height > 1:  # a drop capital, put back beside the lines it stood by
            continue
        line = lines[int(word.top)]
        assert line[int(word.x0) : int(word.x1)] == word.text
        if word.size > 1 and not word.italic:  # a display line: its type inferred from its place
            assert word.size in (columns.HEADLINE_SIZE, columns.DECK_SIZE)
            assert word.bottom == word.top + columns.DISPLAY_HEIGHT
        else:  # body, a caption or a pull quote: a line tall
            assert word.size in (1.0, columns.CAPTION_SIZE, columns.DECK_SIZE)
            assert word.bottom == word.top + 1
    assert len(capitals) == sum(w.height > 1 for w in positioned.words)
    assert positioned.height == len(lines)
    assert positioned.width == max(len(line) for line in lines)


def test_columns_whose_lines_stand_at_different_heights_are_found():
    # Where the columns' baselines differ, pdftotext -layout gives each column's line
    # a line of its own (as in the middle of bridge-3-columns): no line holds both
    # columns, and the gutter is told by the lines on each side of it.
    lines = textwrap.wrap(PROSE, 30)[:24]
    page = "\n".join(
        line if number % 2 == 0 else " " * 34 + line for number, line in enumerate(lines)
    )
    gutter = find_gutter(page)
    assert (gutter.start, gutter.lines_left, gutter.lines_right) == (30, 12, 12)
    assert side_by_side_page(page) is not None


def test_headline_across_the_columns_stays_one_line():
    positioned = side_by_side_page(layout("schools-4-and-2-columns"))
    headline = "Schools plan longer days as tutoring money runs out"
    line = [w for w in positioned.words if w.top == 3.0]
    assert " ".join(w.text for w in line) == headline
    assert [w.x0 for w in line] == sorted(w.x0 for w in line)
    # The four columns' first lines share the next line, each at its column's place.
    starts = [w.x0 for w in positioned.words if w.top == 4.0 and w.text in {"Primary", "“The"}]
    assert starts == [0.0, 56.0]


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_prose_set_in_columns_is_side_by_side_and_the_same_prose_in_one_column_is_not(count):
    page = set_in_columns(PROSE, count)
    gutter = find_gutter(page)
    assert side_by_side_page(page) is not None
    assert (gutter.start, gutter.end) == (30, 34)  # the first gutter: 4 blanks after 30
    assert side_by_side_page(textwrap.fill(PROSE, 30 * count)) is None


def test_gutter_describes_its_evidence():
    page = set_in_columns(PROSE, 2)
    rows = page.splitlines()[2:]  # under the headline and the blank line
    left = sum(len(row[:30].replace(" ", "")) >= 15 for row in rows)
    right = sum(len(row[34:].replace(" ", "")) >= 15 for row in rows)
    assert find_gutter(page).describe() == (
        f"columns side by side: characters 30-33 blank on lines 3-{len(rows) + 2}, "
        f"with words left of them on {left} lines and right of them on {right}"
    )


def justify(line: str, width: int) -> str:
    words = line.split()
    if len(words) < 2:
        return line
    spaces, extra = len(words) - 1, width - len(line)
    out = words[0]
    for index, word in enumerate(words[1:]):
        out += " " * (1 + extra // spaces + (index < extra % spaces)) + word
    return out


def ordinary_pages() -> dict[str, str]:
    """Pages that are not side by side though they have runs of blanks: each must stay text."""
    rng = random.Random(7)
    words = PROSE.split()

    def prose(count: int) -> str:
        start = rng.randrange(len(words) - count)
        return " ".join(words[start : start + count])

    transcript = []
    for _ in range(12):
        lines = textwrap.wrap(prose(40), 50)
        transcript.append(f"{rng.choice(['MR. HALE:', 'MS. OAKES:']):<14}{lines[0]}")
        transcript += [" " * 14 + line for line in lines[1:]]
    numbered = []
    for number in range(12):
        lines = textwrap.wrap(prose(30), 60)
        numbered += [f"{number + 1}.  {lines[0]}", *("    " + line for line in lines[1:])]
    table = [
        f"{prose(2):<24}{rng.randint(100, 99999):>8}   {rng.randint(1, 60)}%" for _ in range(15)
    ]
    return {
        "sample page": SAMPLE.read_text(encoding="utf-8"),
        "justified": "\n".join(justify(line, 60) for line in textwrap.wrap(PROSE * 3, 60)),
        "two spaces after a sentence": textwrap.fill(PROSE.replace(". ", ".  "), 64),
        "transcript": "\n".join(transcript),
        "numbered list": "\n".join(numbered),
        "table of figures": textwrap.fill(prose(60), 60) + "\n\n" + "\n".join(table),
        "block quote": textwrap.fill(prose(80), 70)
        + "\n\n"
        + textwrap.indent(textwrap.fill(prose(120), 50), " " * 10),
        "centred verse": "\n".join(prose(rng.randint(3, 9)).center(70) for _ in range(30)),
        "a rule down the right": "\n".join(f"{line:<72}|" for line in textwrap.wrap(PROSE, 70)),
    }


@pytest.mark.parametrize("name", list(ordinary_pages()))
def test_ordinary_page_is_not_taken_for_columns(name):
    text = ordinary_pages()[name]
    assert side_by_side_page(text) is None
    gutter = find_gutter(text)
    assert gutter is None or gutter.lines_each_side <= 2


def test_kept_pages_are_not_taken_for_columns():
    pages = sorted((ROOT / "benchmarks" / "pages").glob("*.txt")) + sorted(
        (ROOT / "texts").glob("*.txt")
    )
    assert pages
    assert [p.name for p in pages if side_by_side_page(p.read_text(encoding="utf-8"))] == []


def test_text_decoded_with_escaped_bytes_is_read():
    # Undecodable bytes kept as lone surrogates ('surrogateescape') are characters too.
    page = set_in_columns(PROSE, 2).replace("harbour", "harb\udcf6ur")
    words = side_by_side_page(page).words
    assert "harb\udcf6ur" in {w.text for w in words}


def test_empty_and_blank_texts_are_not_columns():
    for text in ("", "\n\n", "   \n\t\n", "word", "\f\f"):
        assert side_by_side_page(text) is None
        assert find_gutter(text) is None


# --- what the lines are ----------------------------------------------------------


def test_form_feed_ends_a_line_and_the_pages_run_on():
    page = set_in_columns(PROSE, 3)
    positioned = side_by_side_page(page + "\f" + page)
    lines = len(page.splitlines())
    assert positioned.height == 2 * lines
    assert [w.text for w in positioned.words if w.top == lines] == page.splitlines()[0].split()


def test_each_page_of_a_pdftotext_layout_text_is_a_page_of_its_own():
    # pdftotext ends every page with a form feed, the last one too.
    first, second = (layout(name).rstrip("\f") for name in LAYOUT_NAMES)
    pages = columns.side_by_side_pages(first + "\f" + second + "\f")
    assert [p.number for p in pages] == [1, 2]
    for page, text in zip(pages, [first, second]):
        assert [(w.text, w.x0, w.top) for w in page.words] == [
            (w.text, w.x0, w.top) for w in side_by_side_page(text).words
        ]
        assert page.height == len(page_lines(text))
    ordinary = SAMPLE.read_text(encoding="utf-8")
    assert columns.side_by_side_pages(ordinary + "\f" + ordinary) is None


def test_tabs_stand_where_they_reach():
    page = set_in_columns(PROSE, 2).replace(" " * 8, "\t")  # a tab reaches the next multiple of 8
    positioned = side_by_side_page(page)
    lines = page_lines(page)
    assert positioned is not None
    assert all(lines[int(w.top)][int(w.x0) : int(w.x1)] == w.text for w in positioned.words)


def test_lines_wider_than_any_page_are_read_without_error():
    wide = set_in_columns(PROSE, 2) + "\n" + "x " * 3000 + "\n" + " " * 5000 + "tail words here"
    positioned = side_by_side_page(wide)
    assert positioned.words[-1].text == "here"
    assert positioned.words[-1].x0 == 5000 + len("tail words ")


# --- the measurement, against a plain reading of its definition --------------------


def reference_gutter(lines: list[str]) -> columns.Gutter | None:
    """The strongest gutter, found the slow way: every position, line by line."""
    runs = []
    width = max((len(line) for line in lines), default=0) + columns.MIN_GUTTER
    numbers = [number for number, line in enumerate(lines) if line.strip()]  # lines with words
    for x in range(width):
        first, left, right = numbers[0] if numbers else 0, 0, 0
        for index, number in enumerate(numbers):
            line = lines[number]
            if line[x : x + columns.MIN_GUTTER].strip():  # a character stands in the strip
                if min(left, right):
                    runs.append((x, first, numbers[index - 1], left, right))
                first, left, right = numbers[min(index + 1, len(numbers) - 1)], 0, 0
                continue
            before, after = line[:x].split(), line[x:].split()
            left += (
                len(before) >= columns.MIN_SIDE_WORDS
                and len("".join(before)) >= columns.MIN_SIDE_CHARACTERS
            )
            right += (
                len(after) >= columns.MIN_SIDE_WORDS
                and len("".join(after)) >= columns.MIN_SIDE_CHARACTERS
            )
        if min(left, right):
            runs.append((x, first, numbers[-1], left, right))
    return columns._strongest(runs)


def random_page(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randint(0, 30)):
        if rng.random() < 0.15:
            lines.append("")
            continue
        line = " " * rng.randint(0, 6)
        for _ in range(rng.randint(1, 6)):
            line += rng.choice(["a", "to", "the", "well-", "council", "harbour"])
            line += " " * rng.choice([1, 1, 2, 3, 4, 6])
        lines.append(line.rstrip() if rng.random() < 0.7 else line)
    return lines


@pytest.mark.parametrize("chunk_cells", [1 << 20, 7, 60, 200])
def test_gutter_is_measured_as_defined_whatever_the_chunks(monkeypatch, chunk_cells):
    # The grid is read a chunk of lines at a time; runs carried across chunks must
    # add up to what a position-by-position reading finds.
    monkeypatch.setattr(columns, "CHUNK_CELLS", chunk_cells)
    rng = random.Random(chunk_cells)
    for _ in range(150):
        lines = random_page(rng)
        assert columns._strongest(columns._gutter_runs(lines)) == reference_gutter(lines)
    text = layout("schools-4-and-2-columns")
    assert find_gutter(text) == reference_gutter(page_lines(text))


# --- the one door: reader.clean.files --------------------------------------------


def test_side_by_side_text_goes_to_the_geometric_cleaner(monkeypatch):
    from reader.clean import files, geometry

    given = []

    def clean_positioned(pages, source=None, *, skip=()):
        given.extend(pages)
        return "cleaned by geometry"

    monkeypatch.setattr(geometry, "clean_positioned", clean_positioned)
    assert files.clean_text_page(layout("bridge-3-columns")) == "cleaned by geometry"
    assert len(given) == 1 and given[0].unit == "char"
    assert len(given[0].words) == len(layout("bridge-3-columns").split())


@pytest.mark.parametrize("count", [2, 3, 5])
def test_columns_side_by_side_clean_into_their_prose_in_order(count):
    # Read as plain text, each line of the page holds a line of every column: the
    # prose comes out interleaved.  Read by position it comes out as it was written.
    from reader.clean.files import clean_text_page

    try:
        result = clean_text_page(set_in_columns(PROSE, count))
    except NotImplementedError:
        pytest.skip("the geometric cleaner (reader.clean.geometry) has not landed here")
    assert " ".join(PROSE.split()) in " ".join(result.document.text.split())


def test_plain_text_still_goes_to_the_plain_cleaner_unchanged():
    from reader.clean.cleaner import clean_page
    from reader.clean.files import clean_text_page

    text = SAMPLE.read_text(encoding="utf-8")
    assert clean_text_page(text).document.text == clean_page(text).document.text


# --- pages from ../shared and from PDFs (skipped when absent) -----------------------


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (dev data) is absent")
def test_dev_text_pages_are_never_taken_for_columns():
    folders = [
        SHARED / "data" / "dev-pages" / "typeset",
        SHARED / "data" / "dev-pages" / "ocr",
        SHARED / "data" / "polnear-dev" / "text",
    ]
    pages = [p for folder in folders for p in sorted(folder.glob("*.txt"))]
    assert len(pages) >= 100
    assert [p.name for p in pages if side_by_side_page(p.read_text(encoding="utf-8"))] == []


@pytest.mark.skipif(
    shutil.which("pdftotext") is None or not (SHARED / "data" / "dev-pages" / "pdf").is_dir(),
    reason="needs pdftotext (poppler-utils) and ../shared's dev PDFs",
)
def test_pdftotext_layout_of_every_dev_pdf_is_side_by_side():
    pdfs = sorted((SHARED / "data" / "dev-pages" / "pdf").glob("*.pdf"))
    assert len(pdfs) == 12
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        page = side_by_side_page(text)
        assert page is not None, pdf.name
        assert [w.text for w in page.words] == re.split(r"\s+", text.strip())


# --- the type the layout shows: headlines across the gutters, drop capitals -----------


@pytest.mark.parametrize(
    "name, headline",
    [
        ("bridge-3-columns", "Harbour bridge reopens after two years of repairs"),
        ("schools-4-and-2-columns", "Schools plan longer days as tutoring money runs out"),
    ],
)
def test_headline_across_the_columns_comes_out_as_the_headline(name, headline):
    # The headline crosses (or reaches into) the gutters of the columns under it; read
    # as body it would be glued to the first column's first line, or the columns read
    # across under it.
    from reader.clean.files import clean_text_page

    blocks = clean_text_page(layout(name)).document.blocks
    assert (blocks[0].kind, blocks[0].text) == ("headline", headline)
    assert headline not in " ".join(b.text for b in blocks if b.kind == "paragraph")


def test_body_under_a_headline_across_the_columns_is_read_column_by_column():
    from reader.clean.files import clean_text_page

    text = layout("bridge-3-columns")
    body = " ".join(b.text for b in clean_text_page(text).document.blocks if b.kind == "paragraph")
    # The first column's paragraphs, each whole and in order (gold layout of the page).
    first = gold_paragraphs("bridge-3-columns")[:3]
    spots = [body.find(" ".join(p.split())) for p in first]
    assert -1 not in spots and spots == sorted(spots)


def page_with_a_drop_capital(apart: bool) -> str:
    """A headline, then the first column's first letter set big: pdftotext gives the
    capital a line of its own (or sets it far left on the first line) and indents
    the lines beside it."""
    lines = textwrap.wrap(PROSE, 30)
    rest, first = lines[0][1:], lines[0][0]
    left = ["     " + rest, *("     " + line for line in lines[1:2]), *lines[2:12]]
    right = lines[12:24]
    rows = [f"{a:<40}{b}".rstrip() for a, b in zip(left, right)]
    if apart:
        return "\n".join(
            ["Council votes to keep the harbour ferry running", "", first + rows[0][1:], *rows[1:]]
        )
    return "\n".join(["Council votes to keep the harbour ferry running", "", first, *rows])


@pytest.mark.parametrize("apart", [False, True], ids=["on-its-own-line", "set-apart-on-the-line"])
def test_a_capital_alone_over_indented_lines_joins_its_word(apart):
    from reader.clean.files import clean_text_page

    page = page_with_a_drop_capital(apart)
    first_word = PROSE.split()[0]
    assert page.splitlines()[2].split()[0] == first_word[0] and first_word[0].isupper()
    blocks = clean_text_page(page).document.blocks
    assert blocks[0].kind == "headline"
    assert blocks[1].text.split()[:3] == PROSE.split()[:3]


def test_a_caption_ending_in_its_photo_credit_comes_out_as_a_caption():
    # Read by place alone, a caption set in a column is one more line of its body.
    from reader.clean.files import clean_text_page

    rows = set_in_columns(PROSE, 2).splitlines()
    caption = ["Crowds cross the bridge on", "Saturday morning. (Reuters)"]
    rows[6:6] = [f"{'':<34}{line}" for line in ["", *caption]]
    result = clean_text_page("\n".join(rows))
    blocks = result.document.blocks
    assert [b.text for b in blocks if b.kind == "caption"] == [" ".join(caption)]
    assert " ".join(PROSE.split()) in " ".join(b.text for b in blocks if b.kind == "paragraph")


def test_a_pull_quote_repeating_the_body_is_left_out_of_it():
    # Set apart in a column between quotation marks, the article's own words again:
    # read as body, they would be said twice.
    from reader.clean.files import clean_text_page

    rows = set_in_columns(PROSE, 2).splitlines()
    quote = ["“A small crowd of residents", "walked across before the", "first cars arrived”"]
    rows[8:8] = [f"{'':<34}{line}" for line in ["", quote[0], "", *quote[1:], ""]]
    blocks = clean_text_page("\n".join(rows)).document.blocks
    body = " ".join(b.text for b in blocks if b.kind == "paragraph")
    assert " ".join(PROSE.split()) in body
    assert body.count("walked across before the first cars arrived") == 1
