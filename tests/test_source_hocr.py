"""hOCR (Tesseract's HTML) read into positioned words, and told from a saved web page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.clean.pagefile import PageError
from reader.sources import source_kind
from reader.sources.hocr import read_hocr

DATA = Path(__file__).resolve().parent / "data"
PAGE = DATA / "page.hocr"

TWO_PAGES = """<html><body>
<div class="ocr_page" title="bbox 0 0 800 1000; ppageno 0"><p class="ocr_par">
<span class="ocr_line" title="bbox 10 10 200 40"><span class="ocrx_word" title="bbox 10 10 90 40">Iran</span></span>
</p></div>
<div class="ocr_page" title="bbox 0 0 800 1000; ppageno 1"><p class="ocr_par">
<span class="ocr_line" title="bbox 10 10 200 30"><span class="ocrx_word" title="bbox 10 10 90 30">Russia</span></span>
</p></div></body></html>
"""

ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<html><body><div class='ocr_page' title='bbox 0 0 100 100'>
<span class='ocr_line' title='bbox 0 0 50 10'>
<span class='ocrx_word' title='bbox 0 0 10 10; x_wconf 90'>&x;</span>
<span class='ocrx_word' title='bbox 20 0 30 10'>ok</span></span></div></body></html>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_hocr_words_with_boxes_confidences_and_line_heights():
    (page,) = read_hocr(PAGE)
    assert (page.width, page.height, page.unit) == (1650.0, 2550.0, "px")
    assert [w.text for w in page.words] == [
        "Charlotte",
        "protests",
        "The",
        "police",
        "inter-",
        "vened",
        "quickly.",
        "Protesters",
        "marched.",
    ]
    police = page.words[3]
    assert (police.x0, police.top, police.x1, police.bottom) == (138.0, 220.0, 220.0, 240.0)
    assert police.confidence == 91.0


def test_hocr_sizes_are_the_lines_heights_as_their_fonts_make_them():
    (page,) = read_hocr(PAGE)
    sizes = {w.text: w.size for w in page.words}
    assert sizes["Charlotte"] == sizes["protests"] == pytest.approx(54.0, rel=0.01)  # one line
    # "vened quickly." reaches as high and low as "The police inter-": the same body type
    assert sizes["vened"] == pytest.approx(sizes["police"], rel=0.05)
    assert sizes["marched."] < 0.8 * sizes["police"]  # the caption's smaller type
    # its box is as tall as the body line of nothing but x-height letters would be
    assert page.words[-1].height < page.words[3].height


def test_hocr_lines_and_paragraphs_number_words():
    (page,) = read_hocr(PAGE)
    # the header line, a paragraph of two lines, a caption line in its own paragraph
    assert [(w.line, w.block) for w in page.words] == [
        (0, 0),
        (0, 0),
        (1, 1),
        (1, 1),
        (1, 1),
        (2, 1),
        (2, 1),
        (3, 2),
        (3, 2),
    ]


def test_hocr_strong_and_em_are_bold_and_italic():
    (page,) = read_hocr(PAGE)
    by_text = {w.text: w for w in page.words}
    assert by_text["Charlotte"].bold and not by_text["Charlotte"].italic
    assert by_text["quickly."].italic and not by_text["police"].bold


def test_hocr_pages_each_become_a_page(tmp_path):
    first, second = read_hocr(write(tmp_path, "two.hocr", TWO_PAGES))
    assert (first.number, [w.text for w in first.words]) == (1, ["Iran"])
    assert (second.number, [w.text for w in second.words]) == (2, ["Russia"])
    assert first.words[0].confidence is None  # no x_wconf


def test_html_that_is_hocr_is_read_as_hocr_and_a_web_page_is_not(tmp_path):
    saved = tmp_path / "scan-output.html"
    shutil.copy(PAGE, saved)
    assert source_kind(saved) == "hocr"
    web = write(tmp_path, "article.html", "<html><head><title>News</title></head><body/></html>")
    assert source_kind(web) == "html"
    assert source_kind(PAGE) == "hocr"


def test_a_file_that_is_not_hocr_gets_one_line(tmp_path):
    path = write(tmp_path, "page.hocr", "<html><body><p>Just a web page</p></body></html>")
    with pytest.raises(PageError, match="not hOCR") as caught:
        read_hocr(path)
    assert "\n" not in str(caught.value)


def test_hocr_entities_stay_unread(tmp_path):
    (page,) = read_hocr(write(tmp_path, "page.hocr", ENTITIES))
    assert "root" not in " ".join(w.text for w in page.words)
    assert page.words[-1].text == "ok"


def test_scripts_in_hocr_are_no_words():
    (page,) = read_hocr(PAGE)
    assert not any("document" in w.text or "word" in w.text for w in page.words)
