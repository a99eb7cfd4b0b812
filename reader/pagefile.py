"""Reading a page file: bytes in, text out, or one clear error.

Pages come from OCR engines, pdftotext, copy-paste from a browser and old
Windows editors.  So the bytes may be UTF-8 with or without a byte-order mark,
Windows-1252, or UTF-8 that was once decoded wrongly (mojibake such as
``â€œ`` for ``“``).  This module turns any of those into clean Unicode text with
``\\n`` line ends, and refuses, with one line that says why, what is not a page:
an empty file, a binary file, a folder.

>>> decode_page_bytes("Maliki said: “Yes.”".encode("cp1252", errors="replace"))[:12]
'Maliki said:'
>>> decode_page_bytes(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n")
'One\\nTwo\\n'
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

import ftfy

# A page bigger than this is refused before it is read: a news page is kilobytes,
# a 50 MB file is already thousands of pages.
MAX_PAGE_BYTES = 200 * 1024 * 1024


class PageError(ValueError):
    """A page file that cannot be read as text; the message is one line for the user."""


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Moscow and Tehran".encode())
    False
    """
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def page_encoding(head: bytes) -> str:
    """The encoding to read a page in, judged from its first bytes: UTF-8 or Windows-1252.

    A multi-byte character cut at the end of ``head`` still counts as UTF-8.

    >>> page_encoding("Maliki “said”".encode()), page_encoding("“said”".encode("cp1252"))
    ('utf-8-sig', 'cp1252')
    >>> page_encoding("Moscow —".encode()[:-1])
    'utf-8-sig'
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def decode_page_bytes(data: bytes) -> str:
    """Decode page bytes to text: UTF-8 (BOM removed), else Windows-1252; repair mojibake."""
    if looks_binary(data):
        raise PageError("this looks like a binary file, not a text page (save the page as .txt)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return repair_text(text.replace("\r\n", "\n").replace("\r", "\n"))


# What ftfy's repairs act on: a UTF-8 lead byte read as Windows-1252 or Latin-1
# ("Ã", "â") followed by a continuation byte read the same way ("©", "€"), a
# replacement character, a ligature (ﬁ), an HTML entity, a control character or a
# lone surrogate.  Text with none of these is left as it is without running ftfy,
# which reads only about 1 MB a second.
_MOJIBAKE_LEAD = "\u00c2-\u00f4"
_MOJIBAKE_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_DAMAGED_CHARACTER = "\ufffd\ufb00-\ufb06\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff"
# One class of first characters, then what must follow each: a regex that opens with
# a class is scanned for that class alone, three times faster on a long text than
# the same three alternatives written side by side.
_NEEDS_REPAIR = re.compile(
    f"[{_MOJIBAKE_LEAD}{_DAMAGED_CHARACTER}&]"
    f"(?:(?<=[{_MOJIBAKE_LEAD}])[{_MOJIBAKE_CONTINUATION}]"
    f"|(?<=[{_DAMAGED_CHARACTER}])"
    f"|(?<=&)#?[0-9a-zA-Z]+;)"
)


def repair_text(text: str) -> str:
    """Repair mojibake ("â€œ" for "“") with ftfy, keeping curly quotes and line breaks.

    ftfy works line by line, so only the lines that show damage are given to it.

    >>> repair_text("Iraqâ€™s oil,\\nMoscow â€” Tehran")
    'Iraq’s oil,\\nMoscow — Tehran'
    >>> repair_text("Iraq’s café — ﬁne")
    'Iraq’s café — fine'
    """
    damaged_rows: list[int] = []  # the lines that show damage, found in one pass
    row, counted_to = 0, 0
    for match in _NEEDS_REPAIR.finditer(text):
        row += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if not damaged_rows or damaged_rows[-1] != row:
            damaged_rows.append(row)
    if not damaged_rows:
        return text
    lines = text.split("\n")
    # As ftfy does: from the first line with "<" on, the text may be HTML, so entities stay.
    first_markup_row = text.count("\n", 0, text.find("<")) if "<" in text else len(lines)
    for row in damaged_rows:
        lines[row] = _fix_encoding(lines[row], unescape_html=row < first_markup_row)
    return "\n".join(lines)


def _fix_encoding(line: str, unescape_html: bool) -> str:
    # fix_text would also straighten curly quotes and change line breaks, which the
    # page keeps as printed, so only the encoding repairs are switched on.
    return ftfy.fix_text(
        line,
        uncurl_quotes=False,
        fix_latin_ligatures=True,
        fix_character_width=False,
        normalization=None,
        fix_line_breaks=False,
        unescape_html="auto" if unescape_html else False,
    )


def read_page(path: str | Path) -> str:
    """Read a page file (or ``-`` for standard input) as text, or raise `PageError`."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_PAGE_BYTES + 1)
        name = "standard input"
    else:
        file = Path(path)
        if not file.exists():
            raise PageError(f"no such file: {file}")
        if file.is_dir():
            raise PageError(f"{file} is a folder; give a page file (.txt)")
        if file.stat().st_size > MAX_PAGE_BYTES:
            raise PageError(
                f"{file} is {file.stat().st_size // 2**20} MB; pages over "
                f"{MAX_PAGE_BYTES // 2**20} MB are refused (split the file)"
            )
        data = file.read_bytes()
        name = str(file)
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"{name} is over {MAX_PAGE_BYTES // 2**20} MB; split the input")
    if not data.strip():
        raise PageError(f"{name} is empty: there is no text to read")
    try:
        text = decode_page_bytes(data)
    except PageError as error:
        raise PageError(f"{name}: {error}") from None
    if not any(ch.isalpha() for ch in text[:100000]):
        raise PageError(f"{name} has no words in it: it does not look like a page of text")
    return text
