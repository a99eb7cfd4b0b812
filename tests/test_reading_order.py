"""Paragraphs that Tesseract read across instead of down (reader.clean.reading_order), on the
real OCR of two pages made from polnear-dev articles (shared/data/dev-pages/ocr)."""

from __future__ import annotations

from reader.clean import clean_page
from reader.clean.hyphens import WordEvidence
from reader.clean.reading_order import hyphen_fit, restore_reading_order, split_drop_capital

# The top of a page as Tesseract read it: the opening paragraph, set beside a drop
# capital under the headline "Untitled", comes out in three pieces read one after
# the other (the second piece of each row, the third, then the first).
NEW_YORK_POST = """reports that Hillary
to the emergency room fol-
“keep the details of her

Untitled
Clinton’s team

lowing her medical scare

medical treatment under

T he New York Post

avoided taking her
on Sunday in order to
wraps.”

Hillary Clinton was headed
to an emergency room fol-
lowing her sudden collapse
during the Sept. 11 memorial ceremony.
"""
NEW_YORK_POST_OPENING = (
    "The New York Post reports that Hillary Clinton’s team avoided taking her to the "
    "emergency room following her medical scare on Sunday in order to “keep the details "
    "of her medical treatment under wraps.”"
)

# Another page: the first piece takes one line of each row, the second piece two.
FOX_NEWS_SUNDAY = """Untitled

broadcast of “Fox

News Sunday,” Re-
dential nominee Gov. Mike
Pence (R-IN) said his run-
nominee Donald Trump’s
tweet to invite Gennifer
debate was only “to mock”
Hillary Clinton for inviting

O n this weekend’s
publican vice-presi-
ning mate presidential
Flowers to Monday night’s
Trump critic Mark Cuban.

Partial transcript as follows.
"""
FOX_NEWS_SUNDAY_OPENING = (
    "On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential "
    "nominee Gov. Mike Pence (R-IN) said his running mate presidential nominee Donald "
    "Trump’s tweet to invite Gennifer Flowers to Monday night’s debate was only “to mock” "
    "Hillary Clinton for inviting Trump critic Mark Cuban."
)


def test_a_paragraph_read_in_three_pieces_is_put_back_under_its_headline():
    result = clean_page(NEW_YORK_POST)
    [article] = result.document.articles()
    assert article.headline == "Untitled"
    assert article.paragraphs[0] == NEW_YORK_POST_OPENING
    assert article.paragraphs[1].startswith("Hillary Clinton was headed to an emergency")
    [moved] = [d for d in result.decisions if d.action == "reading-order"]
    assert moved.before == "lines 1, 2, 3, 5, 6, 8, 10, 12, 14, 15, 16"
    assert moved.after == "lines 12, 1, 6, 14, 2, 8, 15, 3, 10, 16"


def test_a_piece_that_takes_two_lines_of_each_row_is_put_back():
    articles = clean_page(FOX_NEWS_SUNDAY).document.articles()
    assert articles[0].headline == "Untitled"
    assert articles[0].paragraphs[0] == FOX_NEWS_SUNDAY_OPENING


def test_lines_in_their_right_order_are_left_alone():
    lines = NEW_YORK_POST_OPENING.replace("T", "T ", 1).split(" ")
    rows = [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    page = "\n".join(rows) + "\n\nHillary Clinton was headed home.\n"
    result = clean_page(page)
    assert not [d for d in result.decisions if d.action == "reading-order"]
    assert result.document.articles()[0].paragraphs[0] == NEW_YORK_POST_OPENING


def test_a_page_that_indents_its_lines_is_never_reordered():
    # A PDF text layer keeps the indents; reading across columns is an OCR fault.
    page = " A caption set apart (Reuters)\n\n" + NEW_YORK_POST
    decisions = clean_page(page).decisions
    assert not [d for d in decisions if d.action == "reading-order"]


def test_only_a_word_the_next_line_cannot_finish_is_a_sign_of_disorder():
    nothing = WordEvidence.from_text("")
    assert hyphen_fit("emergency room fol-", "“keep the details", nothing) < 0
    assert hyphen_fit("emergency room fol-", "lowing her", nothing) > 0
    # A rare word or a party and state tell nothing either way.
    assert hyphen_fit("a practicing car-", "diothoracic surgeon", nothing) == 0
    assert hyphen_fit("Harry Reid, D-", "in the Senate", nothing) == 0
    page = "he was a car-\ndiothoracic surgeon.\n\nT he next one.\n"
    assert restore_reading_order(page.split("\n"), WordEvidence.from_text(page)) == []


def test_a_drop_capital_read_apart_on_its_own_line_joins_its_word():
    assert split_drop_capital("T he New York Post") == "The"
    assert split_drop_capital("O n this weekend’s") == "On"
    assert split_drop_capital("A poll shows that") is None  # "A" is a word
    assert split_drop_capital("S is taking heat") is None  # "Sis" is far rarer than "is"
    page = "Untitled\n\nT he New York Post reports\nthat it rained all day.\n"
    assert clean_page(page).document.articles()[0].paragraphs[0].startswith("The New York")
