"""Scans (``.png``, ``.jpg``, ``.tif``) read by Tesseract into positioned words.

A library's scan or a phone photo of a page has no text at all: Tesseract
finds the words, where each stands and how sure it is of each.  Its
``image_to_data`` table numbers blocks, paragraphs, lines and words; here each
paragraph becomes a `Word.block` and each line a `Word.line`, numbered from 0
and unique within the page, and a word's ``size`` is its line's height in
pixels as its font makes it (`line_size`: Tesseract gives no font size, and a
line's box is a quarter shorter when none of its letters falls below the line;
the height is what tells a headline from a caption).  Coordinates are the
image's pixels (``unit="px"``).

Tesseract is a program apart from Python: without it `read_scan` raises a
one-line `PageError` saying how to install it.  An image too big to be a page
(Pillow's decompression-bomb guard, or more than `MAX_SCAN_PIXELS`), a file
that is not an image, and a truncated image each get one line too.  A page
over `OCR_MAX_PIXELS` is handed to Tesseract smaller, so memory stays bounded
(about 260 MB in Python and as much in Tesseract for a 67-million-pixel JPEG).

Tesseract's slips that the page's geometry shows are put right here, where the
image is at hand: a drop capital it took for a picture (`with_drop_capitals`),
one read into its second line, a capital "I" read as "|", and specks of dust
read as punctuation (`with_capitals_mended`).

>>> rows = {"level": [4, 5, 5], "block_num": [1, 1, 1], "par_num": [1, 1, 1],
...         "line_num": [1, 1, 1], "left": [80, 80, 191], "top": [76, 76, 76],
...         "width": [183, 104, 72], "height": [13, 12, 12], "conf": [-1, 96, 95],
...         "text": ["", "NORTHFIELD", "EVENING"]}
>>> [(w.text, w.x0, w.x1, w.size, w.line, w.confidence) for w in words_of_table(rows)]
[('NORTHFIELD', 80.0, 184.0, 15.4, 0, 96.0), ('EVENING', 191.0, 263.0, 15.4, 0, 95.0)]
"""

from __future__ import annotations

import itertools
import os
import statistics
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.clean.pagefile import PageError
from reader.sources.model import PositionedPage, Word

if TYPE_CHECKING:
    from PIL import Image

# A newspaper page scanned at 400 dpi is about 6,000 x 9,000 pixels (54 million);
# an image much bigger than that is not a page, and would take gigabytes to read.
MAX_SCAN_PIXELS = 120_000_000
# A page bigger than this is read by Tesseract at a lower resolution (a 300-dpi
# broadsheet is 24 million pixels; Tesseract reads 300 dpi best, and its memory
# grows with the pixels: 170 MB for 38 million, 430 MB for 67 million).
OCR_MAX_PIXELS = 40_000_000
# Tesseract's language; ``READER_OCR_LANG`` chooses others (``deu+eng``) when installed.
OCR_LANGUAGE = "eng"
INSTALL_TESSERACT = (
    "Tesseract is not installed: install it (apt-get install tesseract-ocr; "
    "brew install tesseract; on Windows the UB Mannheim installer, "
    "https://github.com/UB-Mannheim/tesseract/wiki) and try again"
)

_LINE, _WORD = 4, 5  # image_to_data's levels
EXIF_ORIENTATION = 0x0112
# Corners read for a drop capital on one page, at most (each takes Tesseract up to 3 runs).
MAX_DROP_CAPITALS = 12

# How much of a full line's height (from the top of a "b" to the foot of a "p") a
# word of Latin letters fills, by whether some of its letters rise above the
# x-height (b, d, capitals, digits, quotes) and fall below the line (g, p, y): a
# book face's proportions, checked on Tesseract's boxes of the dev scans, where
# the sizes of a paragraph's lines spread 4% about their median (box heights: 19%).
RISING = frozenset("bdfhijklt0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'\"‘’“”!?()[]{}/|\\#$%&@")
FALLING = frozenset("gjpqy()[]{}|")
SHARE_OF_LINE = {(True, True): 1.0, (True, False): 0.78, (False, True): 0.74, (False, False): 0.55}


def require_file(path: str | Path, what: str) -> Path:
    """``path`` as a `Path`, or a one-line `PageError` when it is no file.

    >>> require_file("/no/such/page.png", "scan")
    Traceback (most recent call last):
    reader.clean.pagefile.PageError: no such file: /no/such/page.png
    """
    file = Path(path)
    if not file.exists():
        raise PageError(f"no such file: {file}")
    if file.is_dir():
        raise PageError(f"{file} is a folder; give a {what} file")
    if file.is_file() and file.stat().st_size == 0:
        raise PageError(f"{file} is empty: there is no page in it")
    return file


def read_scan(path: str | Path) -> list[PositionedPage]:
    """Read a scanned page (each frame of a multi-page TIFF is a page) with Tesseract.

    A photo whose EXIF says how it was turned (a phone held sideways) is read
    upright, and its words' boxes are in the upright image's pixels
    (`PIL.ImageOps.exif_transpose`).
    """
    file = require_file(path, "scan")
    from PIL import ImageSequence

    pages = []
    with _opened(file) as image:
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            _check_size(file, frame)
            if frame.format == "JPEG" and frame.mode != "L":
                frame.draft("L", frame.size)  # decoded grey: a third of the memory of colour
            pages.append(ocr_page_image(_upright(_loaded(file, frame)), number))
    return pages


def _upright(frame):
    from PIL import ImageOps

    if frame.getexif().get(EXIF_ORIENTATION, 1) in (1, None):
        return frame  # no copy of a big page that needs no turning
    return ImageOps.exif_transpose(frame)


def ocr_page_image(image: Image.Image, number: int) -> PositionedPage:
    """Read one page image (`PIL.Image.Image`) with Tesseract into positioned words.

    The PDF reader calls this for a page with no text layer.
    """
    import pytesseract

    width, height = image.size
    if width * height > MAX_SCAN_PIXELS:
        raise PageError(_too_big(f"page {number}", width, height))
    dpi = _dpi(image)
    image = grey_on_white(image)
    scale = 1.0
    if width * height > OCR_MAX_PIXELS:  # read at a lower resolution, boxes in the page's pixels
        scale = (width * height / OCR_MAX_PIXELS) ** 0.5
        size = (max(1, int(width / scale)), max(1, int(height / scale)))
        image = image.resize(size, _lanczos())
        dpi = round(dpi / scale) if dpi else 0
    config = "--psm 3"
    if dpi:
        config += f" --dpi {dpi}"
    language = os.environ.get("READER_OCR_LANG", OCR_LANGUAGE)
    try:
        with _tesseract_threads_unless_set(1):
            table = pytesseract.image_to_data(
                image, lang=language, config=config, output_type=pytesseract.Output.DICT
            )
            words = with_drop_capitals(image, table, words_of_table(table), language)
    except pytesseract.TesseractNotFoundError:
        raise PageError(INSTALL_TESSERACT) from None
    except pytesseract.TesseractError as error:
        message = " ".join(str(error.message).split())[:300]
        raise PageError(f"Tesseract could not read page {number}: {message}") from None
    if scale != 1.0:
        words = [_enlarged(word, width / image.width, height / image.height) for word in words]
    return PositionedPage(
        number=number,
        width=float(width),
        height=float(height),
        words=words,
        unit="px",
    )


def _lanczos():
    from PIL import Image

    return Image.Resampling.LANCZOS


def _enlarged(word: Word, across: float, down: float) -> Word:
    """A word read on a reduced image, in the pixels of the page itself."""
    return replace(
        word,
        x0=round(word.x0 * across, 1),
        x1=round(word.x1 * across, 1),
        top=round(word.top * down, 1),
        bottom=round(word.bottom * down, 1),
        size=round(word.size * down, 1),
    )


def grey_on_white(image: Image.Image) -> Image.Image:
    """The page image as 8-bit grey, dark text on white: what Tesseract is handed.

    Grey is smaller to hand over than colour, and Tesseract reads grey anyway.
    Pillow's plain conversion would lose two kinds of scan: 16-bit grey (archive
    TIFFs), clipped to white, and a page on a transparent background, turned
    black; so 16-bit and float images are scaled to 0-255 and transparency is
    laid on white.

    >>> from PIL import Image
    >>> deep = Image.new("I;16", (2, 1))
    >>> deep.putpixel((0, 0), 32768)
    >>> [grey_on_white(deep).getpixel((x, 0)) for x in (0, 1)]
    [255, 0]
    >>> grey_on_white(Image.new("RGBA", (1, 1), (0, 0, 0, 0))).getpixel((0, 0))
    255
    """
    from PIL import Image

    if image.mode in ("1", "L"):
        return image
    if image.mode.startswith(("I", "F")):
        low, high = image.getextrema()
        if high <= low:
            return Image.new("L", image.size, 255)  # one colour: no text to lose
        if low >= 0 and high <= 255:
            return image.convert("L") if image.mode == "F" else image.convert("I").convert("L")
        scale = 255 / (high - low)
        return image.convert("F").point(lambda v: (v - low) * scale).convert("L")
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("L")
    return image.convert("L")


def words_of_table(table: Mapping[str, Sequence]) -> list[Word]:
    """The words of Tesseract's ``image_to_data`` table (as a dict of columns), in its order.

    Words get their line's size (`line_size`), capitals Tesseract misread are mended
    (`with_capitals_mended`); empty words are left out.
    """
    return with_capitals_mended(with_line_sizes(list(_table_words(table))))


def _table_words(table: Mapping[str, Sequence]) -> Iterator[Word]:
    blocks: dict[tuple[int, int], int] = {}
    lines: dict[tuple[int, int, int], int] = {}
    line_height: dict[tuple[int, int, int], float] = {}
    for row in range(len(table["level"])):
        level = int(table["level"][row])
        key = (int(table["block_num"][row]), int(table["par_num"][row]))
        line_key = (*key, int(table["line_num"][row]))
        if level == _LINE:
            line_height[line_key] = float(table["height"][row])
            continue
        text = str(table["text"][row]).strip()
        if level != _WORD or not text:
            continue
        block = blocks.setdefault(key, len(blocks))
        line = lines.setdefault(line_key, len(lines))
        x0, top = float(table["left"][row]), float(table["top"][row])
        confidence = float(table["conf"][row])
        yield Word(
            text,
            x0=x0,
            top=top,
            x1=x0 + float(table["width"][row]),
            bottom=top + float(table["height"][row]),
            size=line_height.get(line_key, float(table["height"][row])),
            line=line,
            block=block,
            confidence=confidence if confidence >= 0 else None,
        )


@contextmanager
def _tesseract_threads_unless_set(threads: int) -> Iterator[None]:
    """Run Tesseract with ``threads`` OpenMP threads unless the user chose (``OMP_THREAD_LIMIT``).

    Tesseract's threads fight over the cores with everything else: on a busy
    two-core machine one page took 7.3 s with them and 2.1 s without, and
    ``reader batch`` already reads pages in parallel.
    """
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = str(threads)
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def with_drop_capitals(
    image: Image.Image, table: Mapping[str, Sequence], words: list[Word], language: str = "eng"
) -> list[Word]:
    """``words`` with the drop capitals that Tesseract's reading of the page left out.

    Tesseract takes a big bold capital three lines tall for a picture: "etired
    U.S. Air Force" comes out without its "R", or the "F" of "Following" as a
    dash.  Where a block's first lines stand indented beside an empty corner
    (`drop_capital_holes`), the ink in the corner is read alone, as one
    character; a single capital letter read there goes in before the first word
    beside it, as a word of its own line, as tall as it stands, for the cleaner
    to join; what Tesseract made of it without a letter or digit goes out.
    """
    import pytesseract

    for hole, line_height in itertools.islice(drop_capital_holes(table), MAX_DROP_CAPITALS):
        capital = _read_capital(image, hole, line_height, language, pytesseract)
        if capital is None:
            continue
        words = [w for w in words if not (_inside(w, capital) and not _has_alnum(w.text))]
        beside = next(
            (
                i
                for i, w in enumerate(words)
                if capital.x1 <= w.x0 <= hole[2] + line_height and _overlaps(w, capital)
            ),
            None,
        )
        if beside is None:
            continue
        line = max(w.line for w in words) + 1
        words.insert(beside, replace(capital, line=line, block=words[beside].block))
    return _lines_renumbered(words)


def drop_capital_holes(
    table: Mapping[str, Sequence],
) -> Iterator[tuple[tuple[int, int, int, int], float]]:
    """Each empty corner where a drop capital may stand, and the height of a line beside it.

    A block (Tesseract's level 2) whose first line starts at its top, more than
    a line and a half to the right of the column's left edge, where no word
    stands: the edge is the block's own (when Tesseract put the capital in the
    block) or that of the block right under it (when it left it out).  The
    corner runs down to the first line that starts at the edge, and must be two
    lines tall; the lines beside it (an "L" lets the second come closer) bound it.

    >>> rows = {"level": [2, 5, 5, 5], "block_num": [1, 1, 1, 1], "par_num": [0, 1, 1, 1],
    ...         "line_num": [0, 1, 2, 3], "left": [78, 134, 134, 80], "top": [276, 276, 299, 322],
    ...         "width": [358, 54, 39, 40], "height": [430, 16, 16, 16], "text": ["", "etired", "man", "about"]}
    >>> list(drop_capital_holes(rows))
    [((78, 276, 132, 320), 16)]
    """
    blocks, lines, boxes = _table_blocks(table)
    for block, (left, top, _, bottom) in blocks.items():
        ordered = sorted(lines.get(block, {}).values(), key=lambda extent: extent[1])
        if not ordered:
            continue
        first_x0, first_top, first_bottom = ordered[0]
        height = first_bottom - first_top
        if first_top - top > height:
            continue
        edge, hole_bottom = left, bottom
        if first_x0 - left < 1.5 * height:
            under = [
                (b_top, b_left)
                for b_left, b_top, b_right, _ in blocks.values()
                if 0 <= b_top - bottom < 1.5 * height and b_left < first_x0 < b_right
            ]
            if not under:
                continue
            hole_bottom, edge = min(under)
            hole_bottom -= 2
        at_edge = [extent[1] for extent in ordered[1:] if extent[0] - edge < height]
        if at_edge:
            hole_bottom = at_edge[0] - 2
        beside = min(extent[0] for extent in ordered if extent[1] < hole_bottom)
        hole = (edge, top, beside - 2, hole_bottom)
        if beside - edge < 1.5 * height or hole_bottom - top < 1.8 * height:
            continue
        if not any(_boxes_meet(box, hole) for box in boxes):
            yield hole, height


def _table_blocks(table: Mapping[str, Sequence]):
    """Tesseract's blocks' boxes, the extent (x0, top, bottom) of each of their lines of
    words with a letter or digit, and those words' boxes."""
    blocks: dict[int, tuple[int, int, int, int]] = {}
    lines: dict[int, dict[tuple[int, int], list[int]]] = {}
    boxes: list[tuple[int, int, int, int]] = []
    for row in range(len(table["level"])):
        level, block = int(table["level"][row]), int(table["block_num"][row])
        left, top = int(table["left"][row]), int(table["top"][row])
        right, bottom = left + int(table["width"][row]), top + int(table["height"][row])
        if level == 2:
            blocks[block] = (left, top, right, bottom)
        elif level == _WORD and _has_alnum(str(table["text"][row])):
            boxes.append((left, top, right, bottom))
            key = (int(table["par_num"][row]), int(table["line_num"][row]))
            extent = lines.setdefault(block, {}).setdefault(key, [left, top, bottom])
            extent[:] = [min(extent[0], left), min(extent[1], top), max(extent[2], bottom)]
    return blocks, lines, boxes


def _boxes_meet(one: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _read_capital(image, hole, line_height: float, language: str, pytesseract) -> Word | None:
    """The capital letter in ``hole`` of the page, read alone, or None when there is none."""
    from PIL import Image

    corner = image.crop(hole)
    ink = corner.point(lambda v: 255 if v < 128 else 0).getbbox()  # dark pixels' extent
    if ink is None:
        return None
    tall, wide = ink[3] - ink[1], ink[2] - ink[0]
    if not 1.8 * line_height <= tall <= 6 * line_height or wide > 1.5 * tall:
        return None  # no letter two to six lines tall: a rule, a speck, a photo
    letter = corner.crop(ink)
    # Tesseract reads a lone character best with room round it, and how much room
    # is best differs from letter to letter ("W" came out "WwW" with a third of its
    # height, "W" with a quarter): the first room that gives one capital wins.
    for share in (3, 4, 2):
        margin = max(4, letter.height // share)
        framed = Image.new("L", (letter.width + 2 * margin, letter.height + 2 * margin), 255)
        framed.paste(letter, (margin, margin))
        found = pytesseract.image_to_data(
            framed, lang=language, config="--psm 10", output_type=pytesseract.Output.DICT
        )
        for text, confidence in zip(found["text"], found["conf"]):
            text = str(text).strip().rstrip(".,;:'’")
            if len(text) == 1 and text.isalpha() and text.isupper() and float(confidence) >= 50:
                x0, top = hole[0] + ink[0], hole[1] + ink[1]
                return Word(
                    text,
                    x0=float(x0),
                    top=float(top),
                    x1=float(x0 + letter.width),
                    bottom=float(top + letter.height),
                    size=float(letter.height),
                    confidence=float(confidence),
                )
    return None


def _inside(word: Word, box: Word) -> bool:
    return (
        box.x0 <= word.x0
        and word.x1 <= box.x1
        and box.top <= word.top
        and word.bottom <= box.bottom
    )


def _overlaps(word: Word, box: Word) -> bool:
    return word.top < box.bottom and box.top < word.bottom


def _has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _lines_renumbered(words: list[Word]) -> list[Word]:
    """Lines numbered again from 0 in the order their first words come."""
    numbers: dict[int, int] = {}
    for word in words:
        numbers.setdefault(word.line, len(numbers))
    if all(old == new for old, new in numbers.items()):
        return words
    return [replace(word, line=numbers[word.line]) for word in words]


def with_capitals_mended(words: list[Word]) -> list[Word]:
    """Tesseract's slips that the geometry shows, put right: `without_specks`,
    `bars_read_for_i`, then `drop_capitals_to_their_line`.  ``words`` must carry
    their lines' sizes."""
    return drop_capitals_to_their_line(bars_read_for_i(without_specks(words)))


def without_specks(words: list[Word]) -> list[Word]:
    """``words`` without the specks of dust Tesseract read as punctuation.

    A scan at 300 dpi shows Tesseract a 2-pixel speck in the gutter between two
    columns, which it reads as "—" (confidence 34): no column gap is then clear
    of words, and the page is read across its columns.  A word with no letter or
    digit, smaller than half its line's type both ways, of which Tesseract is
    less than half sure, is such a speck; a dash in the text ("CHARLOTTE - Nearly",
    confidence 90) stays.

    >>> words = [Word("—", 1154, 988, 1156, 990, size=39.7, confidence=34.0),
    ...          Word("-", 242, 277, 248, 279, size=21.0, confidence=90.0)]
    >>> [w.text for w in without_specks(words)]
    ['-']
    """
    return [word for word in words if not _speck(word)]


def _speck(word: Word) -> bool:
    return (
        word.confidence is not None
        and word.confidence < 50
        and not _has_alnum(word.text)
        and word.width < 0.5 * word.size
        and word.height < 0.5 * word.size
    )


def bars_read_for_i(words: list[Word]) -> list[Word]:
    """A capital "I" that Tesseract read as "|", in sans and bold type, put back.

    A "|" no taller than the type of its line ("Why do | know?", "Trump; | grew up")
    is the letter; a column rule that Tesseract cut into a line stands taller
    than the type, and a drop capital "I" is mended by `drop_capitals_to_their_line`.

    >>> words = [Word("do", 0, 0, 20, 14, size=27.0), Word("|", 29, 0, 35, 19, size=27.0),
    ...          Word("rule", 50, 0, 90, 14, size=20.0), Word("|", 99, -5, 101, 25, size=20.0)]
    >>> [w.text for w in bars_read_for_i(words)]
    ['do', 'I', 'rule', '|']
    """
    return [
        replace(word, text="I")
        if word.text == "|" and 0.5 * word.size <= word.height <= word.size
        else word
        for word in words
    ]


def drop_capitals_to_their_line(words: list[Word]) -> list[Word]:
    """A drop capital that Tesseract put at the start of its second or third line, moved
    to stand before the first line it spans, as a line of its own.

    Tesseract reads the tall "F" beside "ollowing Monday's pres-" / "idential
    debate" into the second line: "F idential debate".  A single character at the
    start of a line, at least 1.8 times as tall as the line's type, that reaches up
    beside lines of its block starting to its right, goes before the highest of
    them ("|", as Tesseract reads a capital "I" there, becomes "I").

    >>> words = [Word("ollowing", 124, 351, 200, 369, size=20.0, line=0, block=1),
    ...          Word("F", 80, 356, 114, 402, size=20.0, line=1, block=1),
    ...          Word("idential", 123, 373, 192, 388, size=20.0, line=1, block=1)]
    >>> [(w.text, w.line) for w in drop_capitals_to_their_line(words)]
    [('F', 0), ('ollowing', 1), ('idential', 2)]
    """
    firsts = _first_words_of_lines(words)
    moves: dict[int, int] = {}  # the capital's index: the index of the first word it goes before
    for line_index, index in enumerate(firsts):
        capital = words[index]
        if len(capital.text) != 1 or capital.height < 1.8 * capital.size or line_index == 0:
            continue
        target = None
        for earlier in reversed(firsts[:line_index]):
            first = words[earlier]
            if first.block != capital.block or first.x0 < capital.x1 or first.bottom < capital.top:
                break
            target = earlier
        if target is not None:
            moves[index] = target
    if not moves:
        return words
    new_line = max(word.line for word in words) + 1
    moved: list[Word] = []
    before = {target: index for index, target in moves.items()}
    for index, word in enumerate(words):
        if index in moves:
            continue
        if index in before:
            capital = words[before[index]]
            text = "I" if capital.text == "|" else capital.text
            moved.append(replace(capital, text=text, line=new_line, size=capital.height))
            new_line += 1
        moved.append(word)
    return _lines_renumbered(moved)


def _first_words_of_lines(words: list[Word]) -> list[int]:
    """The index of each line's first word, in the order the lines come."""
    seen: set[int] = set()
    firsts = []
    for index, word in enumerate(words):
        if word.line not in seen:
            seen.add(word.line)
            firsts.append(index)
    return firsts


def with_line_sizes(words: list[Word]) -> list[Word]:
    """``words`` with each line's `line_size` as their size (their size in: the line box's height).

    >>> words = [Word("vehicles.", 0, 0, 90, 15, size=15.0, line=3)]
    >>> with_line_sizes(words)[0].size
    19.2
    """
    by_line: dict[int, list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    sizes = {line: line_size(group, group[0].size) for line, group in by_line.items()}
    return [replace(word, size=sizes[word.line]) for word in words]


def line_size(words: Sequence[Word], line_height: float) -> float:
    """The height of a line of ``words`` as its font makes it, to a tenth of its unit.

    A line's box is as tall as its letters reach: "vehicles." has nothing below
    the line and stands a quarter shorter than "police shooting", in the same
    type.  Each word's height is scaled by the share of a full line its letters
    fill (`SHARE_OF_LINE`), and the median of these is the line's size.  A line
    of words in other scripts, or too short to tell, keeps ``line_height``.

    >>> line_size([Word("vehicles.", 0, 0, 90, 15)], 15.0)
    19.2
    >>> line_size([Word("shooting", 0, 0, 80, 20), Word("police", 90, 0, 150, 20)], 20.0)
    20.0
    >>> line_size([Word("Лавров", 0, 0, 80, 14)], 14.0)
    14.0
    """
    estimates = []
    for word in words:
        letters = [ch for ch in word.text if ch.isalnum()]
        if len(letters) < 2 or not all(ch.isascii() for ch in letters):
            continue
        rises = any(ch in RISING for ch in word.text)
        falls = any(ch in FALLING for ch in word.text)
        estimates.append(word.height / SHARE_OF_LINE[rises, falls])
    if not estimates or 2 * len(estimates) < len(words):
        return line_height
    return round(statistics.median(estimates), 1)


class _opened:
    """``Image.open(file)`` as a context manager whose failures are one-line `PageError`s."""

    def __init__(self, file: Path):
        self.file = file
        self.image = None

    def __enter__(self):
        from PIL import Image, UnidentifiedImageError

        try:
            with warnings.catch_warnings():
                # MAX_SCAN_PIXELS, checked before decoding, is the limit below Pillow's
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                self.image = Image.open(self.file)
        except Image.DecompressionBombError:
            raise PageError(_too_big(str(self.file), 0, 0)) from None
        except UnidentifiedImageError:
            raise PageError(
                f"{self.file} is not an image Pillow can read (PNG, JPEG, TIFF)"
            ) from None
        except OSError as error:
            raise PageError(f"{self.file}: {error}") from None
        return self.image

    def __exit__(self, *exc) -> None:
        if self.image is not None:
            self.image.close()


def _check_size(file: Path, frame) -> None:
    width, height = frame.size
    if width * height > MAX_SCAN_PIXELS:
        raise PageError(_too_big(str(file), width, height))


def _loaded(file: Path, frame):
    """The frame decoded (``load``), or a one-line error when its data are broken."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            frame.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow says "image file is truncated", "broken data stream" and the like
        raise PageError(f"{file} is damaged: {error}") from None
    return frame


def _too_big(name: str, width: int, height: int) -> str:
    if not width:
        return (
            f"{name} is too big to be a page image (over {MAX_SCAN_PIXELS // 1_000_000} "
            "million pixels); scale it down to 300-400 dpi"
        )
    return (
        f"{name} is {width:,} x {height:,} pixels; images over "
        f"{MAX_SCAN_PIXELS // 1_000_000} million pixels are refused (scale it down to 300-400 dpi)"
    )


def _dpi(image) -> int:
    """The resolution the image file states, when it is believable, else 0 (Tesseract guesses)."""
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        return 0
    return value if 70 <= value <= 1200 else 0
