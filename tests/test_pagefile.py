"""Reading page files: a stray byte changes one character, not the page; UTF-16 pages are
read; big files are decoded piece by piece exactly as whole ones."""

from __future__ import annotations

import codecs
import random
import warnings
from pathlib import Path

import pytest

from reader.clean import clean_page
from reader.clean.pagefile import read_page
from reader.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
# Russian news text, as a Russian outlet would print the Maliki story.
CYRILLIC_TEXT = (
    "Вице-президент Ирака Нури аль-Малики призвал к «заметному присутствию» России.\n"
    "«Мы искренне благодарим вас», — сказал Малики Путину.\n\n"
    "Лавров заявил: „Россия готова помочь“.\n"
)


def with_byte_at_line(text: str, byte: bytes, line: int) -> bytes:
    """The text in UTF-8 with ``byte`` put at the start of line ``line`` (1-based)."""
    lines = text.encode("utf-8").split(b"\n")
    lines[line - 1] = byte + lines[line - 1]
    return b"\n".join(lines)


def read_bytes_as_page(tmp_path: Path, data: bytes) -> tuple[str, list[str]]:
    """Read bytes through `read_page`: the text, and the warnings it gave."""
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = read_page(path)
    return text, [str(warning.message) for warning in caught]


def test_a_stray_byte_in_a_utf8_page_changes_one_character(tmp_path):
    line = SAMPLE_TEXT.count("\n", 0, SAMPLE_TEXT.index("“Were")) + 1
    text, messages = read_bytes_as_page(tmp_path, with_byte_at_line(SAMPLE_TEXT, b"\xff", line))
    assert "\ufffd" not in text
    assert text.replace("ÿ", "", 1) == SAMPLE_TEXT  # the byte read as Windows-1252: "ÿ"
    assert text.count("”") == SAMPLE_TEXT.count("”") > 20
    found = find_quotes(clean_page(text).document)
    assert len(found) == len(find_quotes(clean_page(SAMPLE_TEXT).document)) == 22
    assert messages == [
        f"{tmp_path / 'page.txt'}: 1 byte at line {line} was not UTF-8; read as Windows-1252"
    ]


def test_a_stray_byte_in_a_cyrillic_page_keeps_every_letter(tmp_path):
    text, messages = read_bytes_as_page(tmp_path, with_byte_at_line(CYRILLIC_TEXT, b"\x98", 2))
    assert text == CYRILLIC_TEXT.replace("«Мы", "˜«Мы")
    assert "\ufffd" not in text
    assert "line 2" in messages[0] and "1 byte" in messages[0]


def test_windows_1252_quotes_pasted_into_a_utf8_page_are_read_as_quotes(tmp_path):
    data = "Малики сказал — ".encode() + b"\x93We thank you\x94, he said.\n"
    text, messages = read_bytes_as_page(tmp_path, data)
    assert text == "Малики сказал — “We thank you”, he said.\n"
    assert "2 bytes at line 1 were not UTF-8; read as Windows-1252" in messages[0]


def test_a_byte_windows_1252_leaves_unassigned_becomes_a_replacement_character(tmp_path):
    text, messages = read_bytes_as_page(tmp_path, "Малики —".encode() + b" \x81 said.\n")
    assert text == "Малики — \ufffd said.\n"
    assert messages[0].endswith("; 1 byte that has no character there became U+FFFD")


def test_a_windows_1252_page_is_still_read_as_windows_1252(tmp_path):
    page = "Maliki’s “visit” to Moscow — café talks…\n"
    text, messages = read_bytes_as_page(tmp_path, page.encode("cp1252"))
    assert text == page
    assert messages[0].endswith("not UTF-8, read as Windows-1252: 6 bytes at line 1 were not UTF-8")


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-16-le", b""),  # known by its NUL bytes
        ("utf-16-be", b""),
    ],
    ids=["utf16le", "utf16be", "utf32le", "utf32be", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_a_utf16_or_utf32_page_cleans_like_its_utf8_twin(tmp_path, codec, bom):
    data = bom + SAMPLE_TEXT.replace("\n", "\r\n").encode(codec)
    text, messages = read_bytes_as_page(tmp_path, data)
    assert text == SAMPLE_TEXT and messages == []
    assert clean_page(text).document.text == clean_page(SAMPLE_TEXT).document.text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06" * 4,
        b"\xff\xfe" + b"\x01\x00\x02\x00\x03\x00" * 100,  # a UTF-16 mark, then controls
        b"\xff\xfe" + random.Random(5).randbytes(4096),  # a UTF-16 mark, then noise
        bytes(4096),
    ],
    ids=["png", "marked-controls", "marked-noise", "nul"],
)
def test_binary_files_are_still_refused(tmp_path, data):
    from reader.clean.pagefile import PageError

    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    with pytest.raises(PageError, match="binary"):
        read_page(path)


def mixed_page_bytes(seed: int) -> bytes:
    """The sample page with CRLF line ends, stray bytes, cut characters and a cp1252 stretch."""
    rng = random.Random(seed)
    data = bytearray(SAMPLE_TEXT.replace("\n", "\r\n").encode("utf-8"))
    for _ in range(40):
        data.insert(rng.randrange(len(data)), rng.choice(b"\xff\x93\x94\x81\xe2\xc3\x80"))
    return bytes(data) + "Tom &amp; Jerry “said” â€” so\r\n".encode("cp1252")


@pytest.mark.parametrize(
    "encode",
    [
        lambda: SAMPLE_TEXT.encode("utf-8"),
        lambda: mixed_page_bytes(1),
        lambda: mixed_page_bytes(2),
        lambda: SAMPLE_TEXT.encode("cp1252", errors="replace"),
        lambda: SAMPLE_TEXT.replace("\n", "\r").encode("utf-8"),
        lambda: SAMPLE_TEXT.replace("\n", "\r\n").encode("utf-16"),
        lambda: SAMPLE_TEXT.encode("utf-16-be"),
        lambda: SAMPLE_TEXT.encode("utf-32"),
    ],
    ids=["utf8", "mixed-1", "mixed-2", "cp1252", "cr", "utf16", "utf16be-no-bom", "utf32"],
)
@pytest.mark.parametrize("block_bytes", [40, 333, 4096])  # 4 blocks hold a line
def test_a_file_read_in_pieces_reads_as_the_whole(tmp_path, encode, block_bytes):
    from reader.clean.pagefile import decode_page, iter_page_file

    data = encode()
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    whole = decode_page(data)
    decoding, pieces = iter_page_file(path, block_bytes=block_bytes)
    assert "".join(pieces) == whole.text
    assert decoding == whole.decoding
