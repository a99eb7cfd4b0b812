"""PDF pages (reader.sources.pdf) made here with matplotlib's PDF backend, read and cleaned.

A small newspaper page: the paper's name and page number, a headline across two
columns, a byline, a paragraph broken across the columns at "recon-" / "struction",
a compound broken at its own hyphen ("Russian-" / "made"), an indented second
paragraph and a photo's caption in smaller italic type.
"""

from __future__ import annotations

import sys
import types

import pytest

from reader import cli
from reader.clean.files import clean_file
from reader.clean.pagefile import PageError
from reader.sources.model import PositionedPage, Word
from reader.sources.pdf import read_pdf

matplotlib = pytest.importorskip("matplotlib")

WIDTH, HEIGHT = 612.0, 792.0
BODY = 9.0
PITCH = 11.0
COLUMNS = (36.0, 300.0)

# (text, x, top, size, bold, italic)
FRONT_PAGE = (
    [
        ("THE TEST GAZETTE", 36, 30, 7, False, False),
        ("PAGE 1", 540, 30, 7, False, False),
        ("Council Votes To Rebuild Bridge", 36, 56, 22, True, False),
        ("By Ann Smith", 36, 86, 8, True, False),
    ]
    + [
        (text, COLUMNS[0] + indent, 104 + row * PITCH, BODY, False, False)
        for row, (indent, text) in enumerate(
            [
                (0, "The city council voted on Tuesday to"),
                (0, "rebuild the old bridge over the river,"),
                (0, "ending a debate that has run for ten"),
                (0, "years about the cost of the recon-"),
            ]
        )
    ]
    + [
        (text, COLUMNS[1] + indent, 104 + row * PITCH, BODY, False, False)
        for row, (indent, text) in enumerate(
            [
                (0, "struction and the loss of the Russian-"),
                (0, "made steel that once held it up."),
                (9, "The mayor said the work would start"),
                (0, "in the spring and take two years."),
            ]
        )
    ]
    + [("The old bridge at dawn. (Photo: A. Lee)", COLUMNS[1], 190, 7, False, True)]
)


def draw_pdf(path, pages):
    """Write ``pages`` (each a list of lines as FRONT_PAGE gives them) as a PDF with
    real text (TrueType, so the text layer holds the words), or a page of only a
    grey box where a page is None (a scan with no text layer)."""
    matplotlib.use("pdf", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(WIDTH / 72, HEIGHT / 72))
            if lines is None:
                figure.patches.append(
                    matplotlib.patches.Rectangle(
                        (0.1, 0.5), 0.5, 0.3, transform=figure.transFigure, color="0.5"
                    )
                )
            for text, x, top, size, bold, italic in lines or []:
                figure.text(
                    x / WIDTH,
                    1 - top / HEIGHT,
                    text,
                    fontsize=size,
                    fontweight="bold" if bold else "normal",
                    fontstyle="italic" if italic else "normal",
                    family="DejaVu Serif",
                    va="top",
                )
            pdf.savefig(figure)
            plt.close(figure)
    return path


@pytest.fixture(scope="module")
def front_pdf(tmp_path_factory):
    return draw_pdf(tmp_path_factory.mktemp("pdf") / "front.pdf", [FRONT_PAGE])


def test_the_words_keep_their_box_size_and_weight(front_pdf):
    (page,) = list(read_pdf(front_pdf))
    assert (page.number, page.unit, page.width, page.height) == (1, "pt", WIDTH, HEIGHT)
    council = next(w for w in page.words if w.text == "Council")
    assert council.bold and not council.italic and council.size == pytest.approx(22)
    assert council.x0 == pytest.approx(36, abs=1) and council.top == pytest.approx(56, abs=4)
    dawn = next(w for w in page.words if w.text == "dawn.")
    assert dawn.italic and dawn.size == pytest.approx(7)


def test_a_pdf_page_cleans_into_its_article(front_pdf):
    result = clean_file(front_pdf)
    (article,) = result.document.articles()
    assert article.headline == "Council Votes To Rebuild Bridge"
    assert article.byline == "By Ann Smith"
    assert article.paragraphs == [
        "The city council voted on Tuesday to rebuild the old bridge over the river, ending a "
        "debate that has run for ten years about the cost of the reconstruction and the loss "
        "of the Russian-made steel that once held it up.",
        "The mayor said the work would start in the spring and take two years.",
    ]
    assert article.captions == ["The old bridge at dawn. (Photo: A. Lee)"]
    assert "GAZETTE" not in result.document.text
    assert {"column-gap", "furniture", "caption-by-size"} <= {d.action for d in result.decisions}


def test_reader_clean_reads_a_pdf(front_pdf, capsys):
    assert cli.main(["clean", str(front_pdf), "--json"]) == 0
    assert '"headline": "Council Votes To Rebuild Bridge"' in capsys.readouterr().out


def test_pages_are_read_one_by_one_with_progress(tmp_path):
    path = draw_pdf(tmp_path / "three.pdf", [FRONT_PAGE] * 3)
    heard = []
    pages = read_pdf(path, progress=lambda done, total: heard.append((done, total)))
    first = next(pages)
    assert first.number == 1 and heard == [(1, 3)]  # nothing read ahead
    assert [page.number for page in pages] == [2, 3]
    assert heard == [(1, 3), (2, 3), (3, 3)]


def test_a_page_with_no_text_layer_is_read_by_ocr(tmp_path, monkeypatch):
    path = draw_pdf(tmp_path / "scanned.pdf", [FRONT_PAGE, None])
    seen = []

    def ocr_page_image(image, number):
        seen.append((image.size, number))
        return PositionedPage(number, *image.size, [Word("Scanned", 10, 10, 80, 30)], unit="px")

    fake = types.ModuleType("reader.sources.scan")
    fake.ocr_page_image = ocr_page_image
    monkeypatch.setitem(sys.modules, "reader.sources.scan", fake)
    pages = list(read_pdf(path))
    assert seen == [((round(WIDTH * 200 / 72), round(HEIGHT * 200 / 72)), 2)]
    # The page read in pixels is measured in points like the PDF's other pages.
    assert [page.unit for page in pages] == ["pt", "pt"]
    assert pages[1].width == pytest.approx(pages[0].width, abs=0.5)
    assert pages[1].words[0].text == "Scanned"
    assert pages[1].words[0].x1 == pytest.approx(80 * 72 / 200)


@pytest.mark.parametrize(
    "content",
    [b"this is not a PDF at all\n", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b""],
    ids=["not-a-pdf", "cut-short", "empty"],
)
def test_a_bad_pdf_is_one_line_error(tmp_path, content, capsys):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(PageError) as raised:
        list(read_pdf(path))
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)
    assert cli.main(["clean", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader clean: ") and len(captured.err.splitlines()) == 1


def test_a_pdf_cut_short_after_its_first_page_is_an_error(tmp_path, front_pdf):
    data = front_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(PageError):
        list(read_pdf(path))


def encrypted_pdf() -> bytes:
    """A one-page PDF locked with a user password (the standard handler, revision 2):
    its /U entry matches no empty password, so it cannot be opened without one."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        b"ab" * 16,
        b"ab" * 16,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_an_encrypted_pdf_says_so_in_one_line(tmp_path, capsys):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    assert cli.main(["clean", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"reader clean: {path}: the PDF is encrypted with a password; "
        "save an unprotected copy first\n"
    )
