"""Every kind of page through every command: clean, actors, quotes, frames, export, new-page.

The pages are the sample story in each form the kit reads: the sample article typeset as a
PDF (``texts/typeset``), its scan, that scan's ALTO XML and the scan as a PDF with no text
layer (made here from the PDF), the same PDF's ``pdftotext -layout`` text, and a made-up outlet's saved web page (``texts/``).
Each must come out as the story (Maliki, Russia, his quotations), with nothing of the page's
scripts in the HTML export.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reader import cli

ROOT = Path(__file__).resolve().parent.parent
TYPESET_PDF = ROOT / "texts" / "typeset" / "arab-weekly-maliki-russia.pdf"
WEB_PAGE = ROOT / "texts" / "newsweek-like-maliki-russia.html"
HAS_TESSERACT = shutil.which("tesseract") is not None
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def scan_of_pdf(folder: Path) -> Path:
    """The typeset PDF as a 150-dpi greyscale scan."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(TYPESET_PDF))
    image = document[0].render(scale=150 / 72).to_pil().convert("L")
    document.close()
    scan = folder / "maliki-scan.png"
    image.save(scan, dpi=(150, 150))
    return scan


def pdf_of_scan(scan: Path) -> Path:
    """The scan as a PDF with no text layer, as a library's scanner writes it."""
    from PIL import Image

    pdf = scan.with_name("maliki-scanned.pdf")
    with Image.open(scan) as image:
        image.save(pdf, resolution=150)
    return pdf


def alto_of_scan(scan: Path) -> Path:
    """Tesseract's own ALTO XML of the scan, as an archive's OCR delivers it."""
    subprocess.run(
        ["tesseract", str(scan), str(scan.with_suffix("")), "alto"], check=True, capture_output=True
    )
    alto = scan.with_suffix(".xml")
    return alto.rename(scan.with_name("maliki-scan.alto.xml"))


def layout_text_of_pdf(folder: Path) -> Path:
    """The PDF's text as ``pdftotext -layout`` writes it: the columns side by side."""
    text = folder / "maliki.layout.txt"
    subprocess.run(["pdftotext", "-layout", str(TYPESET_PDF), str(text)], check=True)
    return text


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    made = {"pdf": TYPESET_PDF, "html": WEB_PAGE}
    if HAS_TESSERACT:
        made["scan"] = scan_of_pdf(folder)
        made["alto"] = alto_of_scan(made["scan"])
        made["image-pdf"] = pdf_of_scan(made["scan"])
    if HAS_PDFTOTEXT:
        made["layout-text"] = layout_text_of_pdf(folder)
    return made


NEEDS_TESSERACT = pytest.mark.skipif(not HAS_TESSERACT, reason="needs tesseract")
KINDS = [
    "pdf",
    "html",
    pytest.param("scan", marks=NEEDS_TESSERACT),
    pytest.param("alto", marks=NEEDS_TESSERACT),
    pytest.param("image-pdf", marks=NEEDS_TESSERACT),
    pytest.param(
        "layout-text",
        marks=pytest.mark.skipif(not HAS_PDFTOTEXT, reason="needs pdftotext (poppler-utils)"),
    ),
]


@pytest.mark.parametrize("kind", KINDS)
def test_clean_reads_the_story_from_every_kind(capsys, pages, kind):
    code, out, err = run(capsys, "clean", str(pages[kind]), "--json")
    assert code == 0, err
    data = json.loads(out)
    body = " ".join(p for article in data["articles"] for p in article["paragraphs"])
    assert "Maliki" in body and "Moscow" in body
    if kind == "html":
        assert data["meta"]["outlet"] == "Newsweek-like sample (made-up)"
        assert data["meta"]["date"] == "2017-10-24"
    else:
        assert "meta" not in data or "url" not in data["meta"]


@pytest.mark.parametrize("kind", KINDS)
def test_actors_quotes_and_frames_work_on_every_kind(capsys, pages, kind):
    code, out, err = run(capsys, "actors", str(pages[kind]), "--json")
    assert code == 0, err
    names = {actor["name"] for actor in json.loads(out)["actors"]}
    assert any("Maliki" in name for name in names) and "Russia" in names
    code, out, err = run(capsys, "quotes", str(pages[kind]), "--json")
    assert code == 0, err
    quotes = json.loads(out)["quotes"]
    assert any(q["speaker"] and "Maliki" in q["speaker"] for q in quotes)
    code, out, err = run(capsys, "frames", str(pages[kind]), "--json")
    assert code == 0, err
    assert json.loads(out)["outlets"]


@pytest.mark.parametrize("kind", KINDS)
def test_export_of_every_kind_is_one_safe_page(capsys, pages, kind, tmp_path):
    output = tmp_path / "page.html"
    code, _, err = run(capsys, "export", str(pages[kind]), "-o", str(output))
    assert code == 0, err
    html = output.read_text(encoding="utf-8")
    assert "Maliki" in html
    assert "<script" not in html.lower()


def test_new_page_keeps_the_original_and_fills_the_meta_from_a_web_page(capsys, tmp_path):
    texts = tmp_path / "texts"
    code, out, err = run(capsys, "new-page", str(WEB_PAGE), "--texts", str(texts))
    assert code == 0, err
    stem = WEB_PAGE.stem
    assert (texts / f"{stem}.html").read_bytes() == WEB_PAGE.read_bytes()
    meta = json.loads((texts / f"{stem}.meta.json").read_text(encoding="utf-8"))
    assert meta["publication"] == "Newsweek-like sample (made-up)"
    assert meta["author"] and meta["date"] == "2017-10-24"
    clean = (texts / f"{stem}.txt").read_text(encoding="utf-8")
    assert "Maliki" in clean and "<" not in clean
    # The clean text is already clean: the page cleaner leaves it as it is.
    code, out, _ = run(capsys, "clean", str(texts / f"{stem}.txt"))
    assert code == 0 and out.strip() == clean.strip()


def test_new_page_of_a_pdf_writes_its_text_and_keeps_the_pdf(capsys, tmp_path):
    texts = tmp_path / "texts"
    code, _, err = run(
        capsys, "new-page", str(TYPESET_PDF), "--name", "maliki", "--texts", str(texts)
    )
    assert code == 0, err
    assert (texts / "maliki.pdf").read_bytes() == TYPESET_PDF.read_bytes()
    assert "Maliki" in (texts / "maliki.txt").read_text(encoding="utf-8")


def test_a_corpus_folder_may_hold_every_kind(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(WEB_PAGE, corpus)
    shutil.copy(ROOT / "texts" / "pravda-like-maliki-russia.html", corpus)
    shutil.copy(TYPESET_PDF, corpus / "typeset.pdf")
    code, out, err = run(capsys, "frames", str(corpus), "--json")
    assert code == 0, err
    outlets = {outlet["outlet"] for outlet in json.loads(out)["outlets"]}
    assert {"Newsweek-like sample (made-up)", "Pravda.ru-like sample (made-up)"} <= outlets
    assert "typeset" in outlets  # a PDF with no meta beside it is named after its file


def test_a_pull_quote_in_an_article_with_no_headline_is_no_headline():
    # The typeset sample's first article has no headline (it starts in the page's first
    # column); its pull quote, in larger bold type in the last column, repeats its words.
    from reader.clean.files import clean_file

    result = clean_file(TYPESET_PDF)
    headlines = [article.headline for article in result.document.articles()]
    assert headlines == [None, "Iran and Russia cooperate amid suspicion"]
    pulled = [d for d in result.decisions if d.action == "pull-quote"]
    assert any("repeats the article's words" in d.evidence for d in pulled)
    assert "Tehran leaders know" in result.document.text  # the body keeps the sentence
