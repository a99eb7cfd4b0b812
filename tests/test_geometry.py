"""The geometric cleaner (reader.clean.geometry) on pages of positioned words made here.

`front_page` sets a small newspaper page the way a PDF's text layer gives it: the
paper's name and page number in the top margin, a headline across two justified
columns, a byline, a drop capital, paragraphs that open with an indent, a word
broken at a column's end, a pull quote, a photo's caption in smaller type, and a
second article.  The same page is also given as a 150-dpi scan gives it (pixels,
no type sizes, line numbers, a slight rotation) and as side-by-side text in
character cells.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from reader.clean.geometry import clean_positioned
from reader.clean.repairs import POSITIONED_ONLY, REPAIRS
from reader.sources.model import PositionedPage, Word

BODY = 9.0
CHAR = 0.5  # a character's width, in ems of its size
PITCH = 11.0
LEFT, GUTTER, WIDTH = 36.0, 18.0, 200.0

# (first line's text after the drop capital, ...): each paragraph's lines as set.
FIRST_COLUMN = [
    [
        "he city council voted on Tuesday to",
        "rebuild the old bridge over the river,",
        "ending a debate that has run for more than",
        "ten years about the cost of the whole recon-",
    ],
]
SECOND_COLUMN = [
    [
        "struction and the loss of the Russian-",
        "made steel that once held it up.",
    ],
    [
        "The mayor said the work would start in",
        "the spring and take two years to finish.",
    ],
]
SECOND_ARTICLE = [
    ["Schools will open an hour later from", "next month, the board said on Monday."],
    ["Parents had asked for the change for", "three years in a row."],
]


def words_of_line(text, x0, top, size=BODY, width=None, bold=False, italic=False):
    """A line's words, spread to ``width`` (a justified line) or set with plain spaces."""
    pieces = text.split()
    lengths = [len(piece) * CHAR * size for piece in pieces]
    space = CHAR * size
    if width is not None and len(pieces) > 1:
        space = (width - sum(lengths)) / (len(pieces) - 1)
    words, x = [], x0
    for piece, length in zip(pieces, lengths):
        words.append(Word(piece, x, top, x + length, top + size, size, bold, italic))
        x += length + space
    return words


def column(paragraphs, x0, top, first_indent=True):
    """A justified column: a paragraph's last line is short, its first indented."""
    words = []
    for number, lines in enumerate(paragraphs):
        for index, text in enumerate(lines):
            last = index == len(lines) - 1
            indent = BODY if index == 0 and (number or first_indent) else 0.0
            width = None if last else WIDTH - indent
            words += words_of_line(text, x0 + indent, top, width=width)
            top += PITCH
    return words, top


def front_page(number=1) -> PositionedPage:
    words = words_of_line("THE TEST GAZETTE", LEFT, 30, size=7)
    words += words_of_line(f"PAGE {number}", 540, 30, size=7)
    words += words_of_line("Council Votes To Rebuild Bridge", LEFT, 60, size=24, bold=True)
    words += words_of_line("By Ann Smith", LEFT, 90, size=8, bold=True)
    # The drop capital "T" stands two lines tall beside the first two lines.
    words.append(Word("T", LEFT, 106, LEFT + 14, 106 + 27, 27.0, True))
    lines = FIRST_COLUMN[0]
    for index, text in enumerate(lines):
        beside = 17.0 if index < 2 else 0.0  # the lines beside the capital start after it
        words += words_of_line(text, LEFT + beside, 108 + index * PITCH, width=WIDTH - beside)
    second = LEFT + WIDTH + GUTTER
    right, bottom = column(SECOND_COLUMN, second, 108, first_indent=False)
    words += right
    words += words_of_line("“A bridge is a promise”", second, bottom + 10, size=13, italic=True)
    words += words_of_line("The old bridge at dawn. (Photo: A. Lee)", second, bottom + 70, size=7)
    words += words_of_line("Schools To Open Later", LEFT, 260, size=18, bold=True)
    below, _ = column(SECOND_ARTICLE, LEFT, 288)
    words += below
    return PositionedPage(number, 612.0, 792.0, words)


def articles_of(result):
    return result.document.articles()


def test_columns_are_read_down_then_across_with_their_roles():
    result = clean_positioned([front_page()])
    first, second = articles_of(result)
    assert first.headline == "Council Votes To Rebuild Bridge"
    assert first.byline == "By Ann Smith"
    assert first.paragraphs == [
        "The city council voted on Tuesday to rebuild the old bridge over the river, ending a "
        "debate that has run for more than ten years about the cost of the whole reconstruction "
        "and the loss of the Russian-made steel that once held it up.",
        "The mayor said the work would start in the spring and take two years to finish.",
    ]
    assert first.captions == ["The old bridge at dawn. (Photo: A. Lee)"]
    assert second.headline == "Schools To Open Later"
    assert len(second.paragraphs) == 2


def test_furniture_and_pull_quote_belong_to_no_article():
    result = clean_positioned([front_page()])
    text = result.document.text
    assert "GAZETTE" not in text and "PAGE 1" not in text and "promise" not in text
    roles = {(region.role, region.article) for region in result.regions}
    assert ("furniture", -1) in roles and ("pull-quote", -1) in roles
    assert ("caption", 0) in roles and ("headline", 1) in roles


def test_every_block_has_a_region_on_its_page():
    result = clean_positioned([front_page()])
    for block in result.document.blocks:
        assert any(r.role == block.kind and r.article == block.article for r in result.regions)
    assert all(r.page == 1 and r.x0 < r.x1 and r.top < r.bottom for r in result.regions)


def test_decisions_show_their_evidence_in_the_page_unit():
    result = clean_positioned([front_page()])
    by_action = {}
    for decision in result.decisions:
        by_action.setdefault(decision.action, decision)
    assert by_action["column-gap"].evidence.startswith("column gap at x = 236-254 pt")
    assert by_action["drop-capital-by-size"].after == "The"
    assert "2.7x the body type" in by_action["headline-by-size"].evidence
    assert by_action["join-word"].after == "reconstruction"
    assert by_action["keep-hyphen"].after == "Russian-made"


def test_an_article_runs_on_to_the_next_page():
    page_two = [w for w in front_page(2).words if w.top >= 108 and w.top < 250]
    page_two = [w for w in page_two if w.text != "T" and w.size == BODY]
    result = clean_positioned([front_page(1), PositionedPage(2, 612.0, 792.0, page_two)])
    articles = articles_of(result)
    assert len(articles) == 2  # page two's body goes on the page before's last article
    assert articles[1].paragraphs[-1].startswith("The mayor said")
    assert any(d.action == "article-continues" for d in result.decisions)


def scanned(page: PositionedPage, dpi=150, degrees=0.6) -> PositionedPage:
    """The page as Tesseract reads a scan of it: pixels, no type size, numbered lines,
    turned a little."""
    scale, turn = dpi / 72, math.sin(math.radians(degrees))
    rows: dict[tuple[float, float], int] = {}
    words = []
    for word in page.words:
        key = (round(word.top), 0 if word.x0 < LEFT + WIDTH + GUTTER / 2 else 1)
        line = rows.setdefault(key, len(rows))
        x0, x1 = word.x0 * scale, word.x1 * scale
        rise, shift = turn * (x0 + x1) / 2, -turn * word.top * scale
        top, bottom = word.top * scale + rise, word.bottom * scale + rise
        x0, x1 = x0 + shift, x1 + shift
        words.append(Word(word.text, x0, top, x1, bottom, line=line, block=key[1], confidence=91))
    return PositionedPage(page.number, page.width * scale, page.height * scale, words, unit="px")


def test_a_slightly_turned_scan_in_pixels_reads_like_the_pdf():
    pdf = clean_positioned([front_page()])
    scan = clean_positioned([scanned(front_page())])
    assert scan.document.text == pdf.document.text
    assert any(d.action == "deskew" for d in scan.decisions)
    assert "px" in next(d for d in scan.decisions if d.action == "column-gap").evidence


def test_an_i_tesseract_read_as_t_behind_a_quote_is_put_back_on_a_scan():
    page = front_page()
    page.words = [
        replace(word, text="“Tt") if word.text == "Parents" else word for word in page.words
    ]
    scan = clean_positioned([scanned(page)])
    assert "“It had asked for the change" in scan.document.text
    assert any(d.action == "i-read-as-t" for d in scan.decisions)
    pdf = clean_positioned([page])  # a text layer holds what was printed: no OCR slip to mend
    assert "“Tt had asked" in pdf.document.text
    kept = clean_positioned([scanned(page)], skip={"i-read-as-t"})
    assert "“Tt had asked" in kept.document.text


def test_articles_set_side_by_side_are_each_read_whole():
    # Two articles side by side, each a headline over its own column; the paper's date,
    # centred above them, crosses the gutter between them.
    second = LEFT + WIDTH + GUTTER
    words = words_of_line("Thursday, 4 May 2017", LEFT + WIDTH - 40, 30, size=7)
    words += words_of_line("Bridge To Reopen", LEFT, 60, size=18, bold=True)
    words += words_of_line("Schools Open Later", second, 60, size=18, bold=True)
    left, _ = column(FIRST_COLUMN + SECOND_COLUMN[1:], LEFT, 90)
    right, _ = column(SECOND_ARTICLE, second, 90)
    result = clean_positioned([PositionedPage(1, 612.0, 792.0, words + left + right)])
    first, other = articles_of(result)
    assert (first.headline, other.headline) == ("Bridge To Reopen", "Schools Open Later")
    assert first.paragraphs[-1].startswith("The mayor said")
    assert [p[:20] for p in other.paragraphs] == ["Schools will open an", "Parents had asked fo"]


def test_columns_side_by_side_in_character_cells_read_down_each_column():
    left = ["The talks went on", "for days in the", "capital city and"]
    right = ["then the minister", "left for home on", "Sunday night."]
    words = []
    for row, (one, two) in enumerate(zip(left, right)):
        for text, start in ((one, 0), (two, 24)):
            x = start
            for piece in text.split():
                words.append(Word(piece, x, row, x + len(piece), row + 1, size=1))
                x += len(piece) + 1
    result = clean_positioned([PositionedPage(1, 45, 3, words, unit="char")])
    assert result.document.text == (
        "The talks went on for days in the capital city and "
        "then the minister left for home on Sunday night."
    )


@pytest.mark.parametrize("space", [6.0, 4.0], ids=["half-a-line", "a-third-of-a-line"])
def test_ragged_paragraphs_set_apart_by_space_and_no_indent_are_told_apart(space):
    words = words_of_line("Rain At Last", LEFT, 60, size=24, bold=True)
    top = 100.0
    for lines in (
        ["It rained on Monday for the first", "time in a month."],
        ["Farmers said the crops", "would now recover."],
        ["The river rose."],
    ):
        for text in lines:
            words += words_of_line(text, LEFT, top)  # ragged: plain spaces, no indent
            top += PITCH
        top += space  # between paragraphs (a web page's CSS often sets a third of a line)
    (article,) = clean_positioned([PositionedPage(1, 612.0, 792.0, words)]).document.articles()
    assert article.paragraphs == [
        "It rained on Monday for the first time in a month.",
        "Farmers said the crops would now recover.",
        "The river rose.",
    ]


def test_a_small_bold_headline_over_body_starts_its_article():
    words = words_of_line("Rain At Last", LEFT, 60, size=11, bold=True)  # 1.2x the body
    top = 80.0
    for lines in (["It rained on Monday for the first", "time in a month."], ["It stopped."]):
        for index, text in enumerate(lines):
            words += words_of_line(text, LEFT + (BODY if index == 0 else 0), top)
            top += PITCH
    (article,) = clean_positioned([PositionedPage(1, 612.0, 792.0, words)]).document.articles()
    assert article.headline == "Rain At Last"
    assert article.paragraphs == [
        "It rained on Monday for the first time in a month.",
        "It stopped.",
    ]


def test_a_headline_whose_word_spaces_line_up_stays_whole():
    size = 29.0
    words = [  # the spaces after "Ava" and "The" stand one over the other
        Word("Ava", 36.0, 59, 88.1, 88, size, True),
        Word("DuVernay’s", 96.2, 59, 253.1, 88, size, True),
        Word("Film", 261.2, 59, 330.0, 88, size, True),
        Word("The", 36.0, 90, 87.6, 119, size, True),
        Word("U.S.", 95.6, 90, 152.0, 119, size, True),
        Word("Prisons", 160.1, 90, 270.3, 119, size, True),
    ]
    body, _ = column(
        [["Ava DuVernay’s new film looks at the", "prisons of the United States."]], LEFT, 130
    )
    (article,) = clean_positioned(
        [PositionedPage(1, 612.0, 792.0, words + body)]
    ).document.articles()
    assert article.headline == "Ava DuVernay’s Film The U.S. Prisons"


def test_an_empty_page_gives_an_empty_document():
    result = clean_positioned([PositionedPage(1, 612.0, 792.0, [])])
    assert result.document.text == "" and result.document.blocks == []


POSITIONED = [repair.name for repair in REPAIRS if repair.pages == POSITIONED_ONLY]


def page_for(name: str) -> list[PositionedPage]:
    if name == "deskew":
        return [scanned(front_page(), degrees=3)]
    if name == "article-continues":
        page_two = [w for w in front_page(2).words if 108 <= w.top < 250 and w.size == BODY]
        return [front_page(1), PositionedPage(2, 612.0, 792.0, page_two)]
    if name == "deck-under-headline":
        page = front_page()
        deck = words_of_line("A ten-year debate ends", LEFT, 84, size=12)
        words = [w for w in page.words if not (88 < w.top < 100)] + deck
        return [PositionedPage(1, 612.0, 792.0, words)]
    return [front_page()]


@pytest.mark.parametrize("name", POSITIONED)
def test_a_skipped_geometric_repair_changes_the_output(name):
    pages = page_for(name)
    full = clean_positioned(pages)
    assert name in {d.action for d in full.decisions}, f"{name} does not act on its page"
    skipped = clean_positioned(pages, skip={name})
    assert name not in {d.action for d in skipped.decisions}
    assert [(b.kind, b.text, b.article) for b in skipped.document.blocks] != [
        (b.kind, b.text, b.article) for b in full.document.blocks
    ]


def test_an_unknown_skip_name_is_refused():
    with pytest.raises(ValueError, match="no repair named 'columns'"):
        clean_positioned([front_page()], skip={"columns"})
