"""Scans read by Tesseract into positioned words; images too big, broken or not images refused.

The page images are drawn here with Pillow in DejaVu (skipped where the font is
missing); the tests that run Tesseract skip, and say why, where it is not installed.
"""

from __future__ import annotations

import io
import shutil
import struct
import tracemalloc
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from reader.clean.pagefile import PageError
from reader.sources.scan import INSTALL_TESSERACT, MAX_SCAN_PIXELS, ocr_page_image, read_scan

FONTS = Path("/usr/share/fonts/truetype/dejavu")
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is not installed (apt-get install tesseract-ocr)",
)

HEADLINE = "Maliki visits Moscow"
BODY = ["The talks were about oil and", "security, officials said today."]


def font(name: str, size: int):
    path = FONTS / name
    if not path.exists():
        pytest.skip(f"the DejaVu font {path} is not on this machine")
    return ImageFont.truetype(str(path), size)


def page_image(headline: str = HEADLINE, body: list[str] = BODY) -> Image.Image:
    """A page at about 300 dpi: a 40 pt bold headline and 12 pt body lines."""
    image = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(image)
    draw.text((80, 60), headline, font=font("DejaVuSerif-Bold.ttf", 80), fill=0)
    for number, line in enumerate(body):
        draw.text((80, 260 + 70 * number), line, font=font("DejaVuSerif.ttf", 44), fill=0)
    return image


def saved(image: Image.Image, path: Path, **options) -> Path:
    image.save(path, dpi=(300, 300), **options)
    return path


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` x ``height`` and holds almost nothing (a bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def words_by_line(page) -> list[list[str]]:
    lines: dict[int, list[str]] = {}
    for word in page.words:
        lines.setdefault(word.line, []).append(word.text)
    return [lines[number] for number in sorted(lines)]


@needs_tesseract
def test_scan_gives_each_word_its_line_box_and_confidence(tmp_path):
    (page,) = read_scan(saved(page_image(), tmp_path / "page.png"))
    assert (page.number, page.width, page.height, page.unit) == (1, 1400.0, 700.0, "px")
    assert words_by_line(page) == [HEADLINE.split(), *(line.split() for line in BODY)]
    for word in page.words:
        assert 0 <= word.x0 < word.x1 <= 1400 and 0 <= word.top < word.bottom <= 700
        assert 50 <= word.confidence <= 100
    first_line = [w for w in page.words if w.line == 1]
    assert [w.x0 for w in first_line] == sorted(w.x0 for w in first_line)


@needs_tesseract
def test_scan_sizes_tell_the_headline_from_the_body(tmp_path):
    (page,) = read_scan(saved(page_image(), tmp_path / "page.png"))
    headline = {w.size for w in page.words if w.line == 0}
    body = {w.size for w in page.words if w.line == 1}
    assert len(headline) == len(body) == 1  # a line's words share its height
    assert headline.pop() > 1.5 * body.pop()
    assert {w.block for w in page.words if w.line == 0} != {
        w.block for w in page.words if w.line == 1
    }


@needs_tesseract
def test_a_line_with_no_letter_below_the_line_has_its_type_size(tmp_path):
    # same body type; the second line's box is a quarter shorter (nothing like g, p, y)
    image = page_image("Police shooting", ["the police and a group", "vehicles were banned."])
    (page,) = read_scan(saved(image, tmp_path / "page.png"))
    lines = words_by_line(page)
    assert lines[1:] == [["the", "police", "and", "a", "group"], ["vehicles", "were", "banned."]]
    size = {w.line: w.size for w in page.words}
    height = {
        line: max(w.bottom for w in page.words if w.line == line)
        - min(w.top for w in page.words if w.line == line)
        for line in size
    }
    assert height[2] < 0.85 * height[1]
    assert size[2] == pytest.approx(size[1], rel=0.08)
    assert size[0] > 1.5 * size[1]


@needs_tesseract
def test_a_photo_turned_by_its_exif_is_read_upright(tmp_path):
    stored = page_image().transpose(Image.Transpose.ROTATE_90)  # the camera held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to show"
    (page,) = read_scan(saved(stored.convert("RGB"), tmp_path / "photo.jpg", exif=exif))
    assert (page.width, page.height) == (1400.0, 700.0)
    assert words_by_line(page)[0] == HEADLINE.split()


def drop_capital_page(capital: str, lines: list[str]) -> Image.Image:
    """A bold sans capital three lines tall, the first three serif lines indented beside it."""
    image = Image.new("L", (1100, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), capital, font=font("DejaVuSans-Bold.ttf", 118), fill=0)
    for number, line in enumerate(lines):
        x = 160 if number < 3 else 60
        draw.text((x, 60 + 40 * number), line, font=font("DejaVuSerif.ttf", 30), fill=0)
    return image


@needs_tesseract
def test_a_drop_capital_tesseract_takes_for_a_picture_is_read(tmp_path):
    lines = [
        "etired U.S. Air Force Gen. Nor-",
        "man Ham is speaking out ahead",
        "of the presidential election",
        "about the serious problems he has",
        "with the current commander in chief.",
    ]
    (page,) = read_scan(saved(drop_capital_page("R", lines), tmp_path / "page.png"))
    capital, first = page.words[:2]
    assert (capital.text, first.text) == ("R", "etired")
    assert capital.line != first.line and capital.block == first.block
    assert capital.x1 < first.x0 and capital.size > 2.5 * first.size
    assert [w.text for w in page.words].count("R") == 1
    assert words_by_line(page)[1:] == [line.split() for line in lines]


@needs_tesseract
@pytest.mark.parametrize("picture", ["grey block", "drawing"])
def test_a_picture_beside_indented_lines_is_no_drop_capital(tmp_path, picture):
    lines = [
        "The president spoke to the",
        "crowd outside the hall on",
        "Tuesday about the economy",
        "and jobs, and then he left for the",
        "airport with his advisers.",
    ]
    image = drop_capital_page("", lines)
    draw = ImageDraw.Draw(image)
    if picture == "grey block":
        draw.rectangle((60, 45, 145, 150), fill=90)
    else:
        draw.rectangle((60, 45, 145, 150), outline=0, width=3)
        draw.ellipse((80, 60, 125, 100), fill=40)
        draw.line((60, 150, 145, 45), fill=0, width=4)
    (page,) = read_scan(saved(image, tmp_path / "page.png"))
    assert words_by_line(page) == [line.split() for line in lines]


@needs_tesseract
def test_multi_page_tiff_gives_a_page_for_each_frame(tmp_path):
    first = page_image("Iran and Russia", ["cooperate amid suspicion"])
    second = page_image("Continued from page one", ["the minister said"])
    path = saved(first, tmp_path / "pages.tif", save_all=True, append_images=[second])
    pages = read_scan(path)
    assert [page.number for page in pages] == [1, 2]
    assert words_by_line(pages[0])[0] == ["Iran", "and", "Russia"]
    assert words_by_line(pages[1])[1] == ["the", "minister", "said"]


@needs_tesseract
def test_ocr_page_image_reads_a_colour_image_as_the_page_it_is_told():
    image = page_image().convert("RGB")
    page = ocr_page_image(image, 3)
    assert page.number == 3
    assert words_by_line(page)[0] == HEADLINE.split()


@needs_tesseract
def test_a_16_bit_grey_tiff_is_read_not_clipped_to_white(tmp_path):
    # ink at 5,000 and paper at 43,250 of 65,535, as a scanner's 16 bits have them
    deep = page_image().convert("I").point(lambda v: v * 150 + 5000).convert("I;16")
    assert deep.getextrema() == (5000, 43250)
    (page,) = read_scan(saved(deep, tmp_path / "archive.tif"))
    assert words_by_line(page)[0] == HEADLINE.split()


@needs_tesseract
def test_a_page_on_a_transparent_background_is_read_on_white(tmp_path):
    ink = page_image().point(lambda v: 255 - v)  # the text's opacity
    image = Image.new("RGBA", ink.size, (0, 0, 0, 0))
    image.putalpha(ink)  # black text, and black but transparent everywhere else
    (page,) = read_scan(saved(image, tmp_path / "page.png"))
    assert words_by_line(page)[0] == HEADLINE.split()


@needs_tesseract
def test_a_page_over_the_reading_size_is_read_smaller_in_its_own_pixels(tmp_path, monkeypatch):
    import reader.sources.scan as scan

    path = saved(page_image(), tmp_path / "page.png")
    (full,) = read_scan(path)
    monkeypatch.setattr(scan, "OCR_MAX_PIXELS", 400_000)  # 1400 x 700 read at 894 x 447
    (reduced,) = read_scan(path)
    assert (reduced.width, reduced.height) == (1400.0, 700.0)
    assert words_by_line(reduced) == words_by_line(full)
    for small, large in zip(reduced.words, full.words):
        assert small.x0 == pytest.approx(large.x0, abs=6)
        assert small.bottom == pytest.approx(large.bottom, abs=6)
        assert small.size == pytest.approx(large.size, rel=0.15)


def test_without_tesseract_one_line_says_how_to_install_it(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/no/such/tesseract")
    with pytest.raises(PageError) as caught:
        ocr_page_image(Image.new("L", (200, 100), 255), 1)
    message = str(caught.value)
    assert message == INSTALL_TESSERACT
    assert "\n" not in message
    for way in ("apt-get install tesseract-ocr", "brew install tesseract", "UB Mannheim"):
        assert way in message


@pytest.mark.parametrize(("width", "height"), [(20_000, 30_000), (11_000, 11_000)])
def test_an_image_too_big_for_a_page_is_refused_before_it_is_decoded(tmp_path, width, height):
    # 600 million pixels trips Pillow's decompression-bomb guard; 121 million only ours
    path = tmp_path / "huge.png"
    path.write_bytes(png_header_only(width, height))
    assert width * height > MAX_SCAN_PIXELS
    tracemalloc.start()
    try:
        with pytest.raises(PageError, match="too big|refused") as caught:
            read_scan(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # decoding would take 100 MB to 600 MB
    assert "\n" not in str(caught.value)
    assert "scale it down" in str(caught.value)


def test_clean_file_refuses_a_huge_scan_in_one_line(tmp_path):
    from reader.clean.files import clean_file

    path = tmp_path / "huge.png"
    path.write_bytes(png_header_only(20_000, 30_000))
    with pytest.raises(PageError) as caught:
        clean_file(path)
    assert "\n" not in str(caught.value)


def test_the_command_line_refuses_a_huge_scan_with_status_2(tmp_path, capsys):
    from reader import cli

    path = tmp_path / "huge.png"
    path.write_bytes(png_header_only(20_000, 30_000))
    code = cli.main(["clean", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("reader clean: ") and captured.err.count("\n") == 1


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "TIFF"])
def test_a_truncated_image_gets_one_line(tmp_path, kind):
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 64).save(buffer, kind)  # noise: it does not compress to nothing
    path = tmp_path / f"page.{kind.lower()}"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(PageError, match="damaged|truncated") as caught:
        read_scan(path)
    assert "\n" not in str(caught.value)


def test_a_file_that_is_no_image_gets_one_line(tmp_path):
    path = tmp_path / "page.png"
    path.write_bytes(b"this is not a picture of a page\n" * 20)
    with pytest.raises(PageError, match="not an image") as caught:
        read_scan(path)
    assert "\n" not in str(caught.value)


def test_an_empty_or_missing_scan_gets_one_line(tmp_path):
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(PageError, match="empty"):
        read_scan(tmp_path / "empty.png")
    with pytest.raises(PageError, match="no such file"):
        read_scan(tmp_path / "missing.png")
