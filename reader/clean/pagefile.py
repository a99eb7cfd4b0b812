"""Reading a page file: bytes in, text out, or one clear error.

Pages come from OCR engines, pdftotext, copy-paste from a browser and old
Windows editors.  So the bytes may be UTF-8 with or without a byte-order mark,
UTF-16 or UTF-32 with one (Windows Notepad's "Unicode"), Windows-1252, UTF-8
with a stretch of Windows-1252 pasted in, or UTF-8 that was once decoded
wrongly (mojibake such as ``â€œ`` for ``“``).  This module turns any of those
into clean Unicode text with ``\\n`` line ends, says what it could not read as
it was written (`Decoding`), and refuses, with one line that says why, what is
not a page: an empty file, a binary file, a folder, a device.

>>> decode_page_bytes("Maliki said: “Yes.”".encode("cp1252", errors="replace"))[:12]
'Maliki said:'
>>> decode_page_bytes(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n")
'One\\nTwo\\n'
>>> decode_page_bytes("Maliki “said”".encode("utf-16"))
'Maliki “said”'

How bytes that are not UTF-8 are read: UTF-8 is decoded wherever it is valid,
and each stretch of bytes that is not (a run of invalid bytes, which never
crosses a line end) is read as Windows-1252.  One stray byte therefore changes
one character, not the whole page:

>>> page = decode_page("Лавров: “Да”\\n".encode() + b"Putin \\x93agreed\\x94\\n")
>>> page.text
'Лавров: “Да”\\nPutin “agreed”\\n'
>>> page.decoding.warning()
'2 bytes at line 2 were not UTF-8; read as Windows-1252'

Windows-1252 rather than U+FFFD, because bytes that are not UTF-8 in a page
nearly always are Windows-1252 text (copied from a Windows program into a UTF-8
file, or a whole file saved by one), and that reading loses nothing: each byte
has its character, so the byte can be told back from it.  The five bytes that
Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.  A
page with no UTF-8 character of more than one byte is so read as Windows-1252
throughout, as before.  A corrupt byte read as a Latin letter is not silently
wrong either: the warning names its line, and ``reader clean --explain`` lists
each stretch.
"""

from __future__ import annotations

import codecs
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import ftfy

from reader import safejson

# A page bigger than this is refused before it is read: a news page is kilobytes,
# a 50 MB file is already thousands of pages.
MAX_PAGE_BYTES = 200 * 1024 * 1024
# What a page's encoding and whether it is text are judged from.
HEAD_BYTES = 65536
# How many stretches that were not UTF-8 a `Decoding` keeps (all are counted).
MAX_STRETCHES_KEPT = 100
WINDOWS_1252 = "Windows-1252"


class PageError(ValueError):
    """A page file that cannot be read as text; the message is one line for the user."""


class PageWarning(UserWarning):
    """A page was read, but some of its bytes not as they were written (see `Decoding`)."""


@dataclass(frozen=True)
class Encoding:
    """An encoding a page may be in: its Python codec, its name for people, and its sign."""

    codec: str
    name: str
    bom: bytes = b""  # the byte-order mark it was known by, skipped before decoding
    evidence: str = ""  # why the page is taken to be in it

    @property
    def unit(self) -> int:
        """Bytes a code unit: a text in it may be cut only at a multiple of this."""
        return {"utf-16-le": 2, "utf-16-be": 2, "utf-32-le": 4, "utf-32-be": 4}.get(self.codec, 1)


UTF_8 = Encoding("utf-8", "UTF-8")
# UTF-32 LE first: its mark starts with UTF-16 LE's.
_MARKED = [
    Encoding("utf-32-le", "UTF-32 LE", codecs.BOM_UTF32_LE, "a byte-order mark"),
    Encoding("utf-32-be", "UTF-32 BE", codecs.BOM_UTF32_BE, "a byte-order mark"),
    Encoding("utf-8", "UTF-8", codecs.BOM_UTF8, "a byte-order mark"),
    Encoding("utf-16-le", "UTF-16 LE", codecs.BOM_UTF16_LE, "a byte-order mark"),
    Encoding("utf-16-be", "UTF-16 BE", codecs.BOM_UTF16_BE, "a byte-order mark"),
]


@dataclass(frozen=True, slots=True)
class Stretch:
    """Bytes of a page that were not UTF-8: the line they stand on and what they were read as."""

    line: int  # 1-based, in the decoded page
    raw: bytes
    text: str


@dataclass
class Decoding:
    """How a page's bytes were read: what was not in its encoding, and what it became.

    >>> decoding = decode_page(b"caf\\xe9 and \\xff\\nthen \\x81\\n").decoding
    >>> decoding.stretch_count, decoding.byte_count, decoding.unreadable, decoding.utf8_seen
    (3, 3, 1, False)
    >>> decoding.warning()
    'not UTF-8, read as Windows-1252: 3 bytes at lines 1 and 2 were not UTF-8; 1 byte that has no character there became U+FFFD'
    """

    encoding: Encoding = UTF_8
    stretches: list[Stretch] = field(default_factory=list)  # the first MAX_STRETCHES_KEPT
    stretch_count: int = 0
    byte_count: int = 0  # bytes in the stretches
    lines: list[int] = field(default_factory=list)  # the first few lines with a stretch
    line_count: int = 0  # lines with a stretch
    last_line: int = 0  # the line of the last stretch counted
    unreadable: int = 0  # characters that became U+FFFD
    utf8_seen: bool = False  # a UTF-8 character of more than one byte was read

    def add(self, stretch: Stretch) -> None:
        """Count a stretch that was not UTF-8 (and keep it, if there is room)."""
        self.stretch_count += 1
        self.byte_count += len(stretch.raw)
        self.unreadable += stretch.text.count("\ufffd")
        if len(self.stretches) < MAX_STRETCHES_KEPT:
            self.stretches.append(stretch)
        if not self.line_count or self.last_line != stretch.line:
            self.line_count += 1
            self.last_line = stretch.line
            if len(self.lines) < 3:
                self.lines.append(stretch.line)

    def warning(self) -> str | None:
        """One line for the user when something was not read as it was written, else None."""
        if self.stretch_count:
            replaced = ""
            if self.unreadable:
                replaced = f"; {_count(self.unreadable, 'byte')} that {_has(self.unreadable)} no character there became U+FFFD"
            what = f"{_count(self.byte_count, 'byte')} {self.where()} {_were(self.byte_count)} not UTF-8"
            if self.utf8_seen:
                return f"{what}; read as {WINDOWS_1252}{replaced}"
            return f"not UTF-8, read as {WINDOWS_1252}: {what}{replaced}"
        if self.unreadable:
            return (
                f"{_count(self.unreadable, 'character')} could not be read as "
                f"{self.encoding.name} and became U+FFFD"
            )
        return None

    def where(self) -> str:
        """The lines the stretches are on, for a message.

        >>> decoding = Decoding()
        >>> for line in (12, 40, 41, 90):
        ...     decoding.add(Stretch(line, b"\\x93", "“"))
        ...     print(decoding.where())
        at line 12
        at lines 12 and 40
        at lines 12, 40 and 41
        on 4 lines (lines 12, 40, 41, …)
        """
        numbers = [f"{line:,}" for line in self.lines]
        if self.line_count == 1:
            return f"at line {numbers[0]}"
        if self.line_count <= len(self.lines):
            return f"at lines {', '.join(numbers[:-1])} and {numbers[-1]}"
        return f"on {self.line_count:,} lines (lines {', '.join(numbers)}, …)"


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def _were(number: int) -> str:
    return "was" if number == 1 else "were"


def _has(number: int) -> str:
    return "has" if number == 1 else "have"


@dataclass
class DecodedPage:
    """A page's text and how its bytes were read."""

    text: str
    decoding: Decoding


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Moscow and Tehran".encode())
    False
    """
    sample = data[:HEAD_BYTES]
    if b"\x00" in sample:
        return True
    return _many_controls(sample.decode("latin-1"))


def _many_controls(sample: str) -> bool:
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\n\x0c\r")
    return control > max(8, len(sample) // 100)


def page_encoding(head: bytes) -> Encoding:
    """The encoding a page is in, judged from its first bytes.

    A byte-order mark says UTF-8, UTF-16 or UTF-32; UTF-16 without one is known
    by its NUL bytes, every other byte in English text.  Anything else is read as
    UTF-8, with what is not UTF-8 read as Windows-1252 (see the module's docstring).

    >>> [page_encoding(text).name for text in ("Maliki".encode(), "Maliki".encode("utf-16"))]
    ['UTF-8', 'UTF-16 LE']
    >>> page_encoding("Maliki said".encode("utf-16-be"))
    Encoding(codec='utf-16-be', name='UTF-16 BE', bom=b'', evidence='every other byte is NUL')
    """
    for encoding in _MARKED:
        if head.startswith(encoding.bom):
            return encoding
    units = len(head) // 2
    if units >= 4:
        # In UTF-16 an ASCII character is a NUL and its byte; other text has NUL high
        # bytes far more often than NUL low bytes.  A binary file fails the test of
        # control characters after decoding.
        even, odd = head[0 : 2 * units : 2].count(0), head[1 : 2 * units : 2].count(0)
        for nuls, other, codec, name in (
            (odd, even, "utf-16-le", "UTF-16 LE"),
            (even, odd, "utf-16-be", "UTF-16 BE"),
        ):
            if nuls >= units // 2 and other <= units // 100:
                return Encoding(codec, name, b"", "every other byte is NUL")
    return UTF_8


def _refuse_binary(head: bytes, encoding: Encoding) -> None:
    """Raise `PageError` when the first bytes of a page are not text in its encoding."""
    if encoding.unit == 1:
        binary = looks_binary(head)
    else:
        sample = head[len(encoding.bom) :]
        sample = sample[: len(sample) - len(sample) % encoding.unit]
        text = sample.decode(encoding.codec, errors="replace")
        # Bytes that are not text give code units that pair wrongly (U+FFFD) or controls.
        binary = "\x00" in text or _many_controls(text + "\x00" * text.count("\ufffd"))
    if binary:
        raise PageError("this looks like a binary file, not a text page (save the page as .txt)")


def decode_page(data: bytes) -> DecodedPage:
    """Decode page bytes to text (see the module's docstring); repair mojibake.

    >>> decode_page(b"Maliki said \\x93yes\\x94.").text
    'Maliki said “yes”.'
    """
    encoding = page_encoding(data[:HEAD_BYTES])
    _refuse_binary(data[:HEAD_BYTES], encoding)
    decoding = Decoding(encoding)
    text = _decode_piece(data[len(encoding.bom) :] if encoding.bom else data, decoding, 1)
    return DecodedPage(repair_text(text), decoding)


def decode_page_bytes(data: bytes) -> str:
    """Decode page bytes to text: `decode_page` without the account of what was replaced."""
    return decode_page(data).text


def _decode_piece(data: bytes, decoding: Decoding, first_line: int) -> str:
    """Decode whole lines of a page (no byte-order mark), line ends made ``\\n``."""
    codec = decoding.encoding.codec
    try:
        text = data.decode(codec)  # the usual case, and the fast one: valid throughout
    except UnicodeDecodeError:
        if codec == "utf-8":
            return _decode_by_stretch(data, decoding, first_line)
        text = data.decode(codec, errors="replace")
        decoding.unreadable += text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
    else:
        if codec == "utf-8" and not decoding.utf8_seen:
            decoding.utf8_seen = len(text) != len(data)
    return _unix_line_ends(text)


def _unix_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Decoding with "surrogateescape" gives each byte that is not UTF-8 as one
# character U+DC80-U+DCFF, so the stretches are runs of those.
_NOT_UTF8 = re.compile("[\udc80-\udcff]+")
_UTF8_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _decode_by_stretch(data: bytes, decoding: Decoding, first_line: int) -> str:
    """UTF-8 where it is valid; each stretch that is not, read as Windows-1252.

    >>> decoding = Decoding()
    >>> _decode_by_stretch("“Да”\\r\\n".encode() + b"\\x93Yes\\x94", decoding, 7)
    '“Да”\\n“Yes”'
    >>> [(s.line, s.raw, s.text) for s in decoding.stretches]
    [(8, b'\\x93', '“'), (8, b'\\x94', '”')]
    """
    text = _unix_line_ends(data.decode("utf-8", errors="surrogateescape"))
    if not decoding.utf8_seen:
        decoding.utf8_seen = _UTF8_MULTIBYTE.search(text) is not None
    line, counted_to = first_line, 0

    def read_as_windows_1252(match: re.Match) -> str:
        nonlocal line, counted_to
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        raw = match.group().encode("utf-8", errors="surrogateescape")
        reading = raw.decode("cp1252", errors="replace")
        decoding.add(Stretch(line, raw, reading))
        return reading

    return _NOT_UTF8.sub(read_as_windows_1252, text)


def iter_page_file(path: str | Path, block_bytes: int = 2**20) -> tuple[Decoding, Iterator[str]]:
    """Read a page file in pieces of whole lines, in bounded memory: its `Decoding`
    (filled in as the pieces are read) and the pieces of text, mojibake repaired.

    The pieces joined are the text `decode_page` gives for the whole file, with
    the same `Decoding` at the end (a line longer than four blocks is cut, and so
    may be repaired differently); refuses a binary file with `PageError` at once.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as file:
    ...     _ = file.write(b"One\\r\\nTwo \\x93three\\x94\\r\\nFour\\n")
    >>> decoding, pieces = iter_page_file(file.name, block_bytes=5)
    >>> list(pieces), decoding.stretch_count
    (['One\\n', 'Two “three”\\n', 'Four\\n'], 2)
    >>> os.unlink(file.name)
    """
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    encoding = page_encoding(head)
    _refuse_binary(head, encoding)
    decoding = Decoding(encoding)
    return decoding, _page_pieces(path, decoding, block_bytes)


def _page_pieces(path: str | Path, decoding: Decoding, block_bytes: int) -> Iterator[str]:
    encoding = decoding.encoding
    line, markup_above = 1, False
    with open(path, "rb") as handle:
        handle.seek(len(encoding.bom))
        carried = b""
        while True:
            block = handle.read(block_bytes)
            data = carried + block
            if not data:
                return
            cut = _line_cut(data, encoding, 4 * block_bytes) if block else len(data)
            text = _decode_piece(data[:cut], decoding, line)
            carried = data[cut:]
            if text:
                line += text.count("\n")
                yield repair_text(text, markup_above=markup_above)
                markup_above = markup_above or "<" in text


def _line_cut(data: bytes, encoding: Encoding, longest: int) -> int:
    """Where bytes read from a page may be cut: after the last line end, or, when
    there is none in more than ``longest`` bytes, where no character is cut in two
    (the line is then cut; 0: read on).

    >>> _line_cut(b"One\\nTw", UTF_8, 100), _line_cut("Moscow —".encode(), UTF_8, 100)
    (4, 0)
    >>> _line_cut("Moscow —".encode(), UTF_8, 5)
    7
    """
    unit = encoding.unit
    newline = "\n".encode(encoding.codec)
    end = data.rfind(newline)
    while end > 0 and end % unit:  # a NUL-and-newline that is not a character of its own
        end = data.rfind(newline, 0, end + len(newline) - 1)
    if end != -1:
        return end + unit
    if len(data) <= longest:
        return 0
    cut = len(data) - len(data) % unit
    if unit == 1:
        # Back to the start of the last character (a UTF-8 lead byte or ASCII).
        start = cut
        while start > max(0, cut - 4) and 0x80 <= data[start - 1] < 0xC0:
            start -= 1
        if start > 0 and data[start - 1] >= 0xC0:
            cut = start - 1
    elif unit == 2:
        high = data[cut - 2 : cut][::-1] if encoding.codec.endswith("le") else data[cut - 2 : cut]
        if cut >= 2 and 0xD8 <= high[0] <= 0xDB:  # the first half of a surrogate pair
            cut -= 2
    if cut >= unit and data[cut - unit : cut] == "\r".encode(encoding.codec):
        cut -= unit  # "\r" and the "\n" that may follow it stay together
    return cut


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


def repair_text(text: str, markup_above: bool = False) -> str:
    """Repair mojibake ("â€œ" for "“") with ftfy, keeping curly quotes and line breaks.

    ftfy works line by line, so only the lines that show damage are given to it.
    As ftfy does, from the first line with a "<" on, the text may be HTML and its
    entities stay; ``markup_above`` says that an earlier part of the page had one.

    >>> repair_text("Iraqâ€™s oil,\\nMoscow â€” Tehran")
    'Iraq’s oil,\\nMoscow — Tehran'
    >>> repair_text("Iraq’s café — ﬁne")
    'Iraq’s café — fine'
    >>> repair_text("Tom &amp; Jerry"), repair_text("Tom &amp; Jerry", markup_above=True)
    ('Tom & Jerry', 'Tom &amp; Jerry')
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
    if markup_above:
        first_markup_row = 0
    else:
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
    """Read a page file (or ``-`` for standard input) as text, or raise `PageError`.

    Bytes that were not read as written are reported with a `PageWarning`.
    """
    return load_page(path).text


def load_page(path: str | Path) -> DecodedPage:
    """Read a page file (or ``-``) as a `DecodedPage`, or raise `PageError`.

    A `PageWarning` says what was not read as it was written (`Decoding.warning`).
    A pipe or a device is read only up to `MAX_PAGE_BYTES`, and refused at its
    first bytes when they are not text (``/dev/zero``).
    """
    name = "standard input" if str(path) == "-" else str(path)
    data = _read_bytes(path)
    if not data.strip():
        raise PageError(f"{name} is empty: there is no text to read")
    try:
        page = decode_page(data)
    except PageError as error:
        raise PageError(f"{name}: {error}") from None
    if not any(ch.isalpha() for ch in page.text[:100000]):
        raise PageError(f"{name} has no words in it: it does not look like a page of text")
    message = page.decoding.warning()
    if message:
        warnings.warn(PageWarning(f"{name}: {message}"), stacklevel=2)
    return page


def _read_bytes(path: str | Path) -> bytes:
    if str(path) == "-":
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise PageError("standard input is closed: give a page file, or pipe a page in")
        return _read_bounded(stdin.buffer, "standard input")
    file = Path(path)
    if not file.exists():
        raise PageError(f"no such file: {file}")
    if file.is_dir():
        raise PageError(f"{file} is a folder; give a page file (.txt)")
    if file.is_file():
        size = file.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(
                f"{file} is {size // 2**20} MB; pages over "
                f"{MAX_PAGE_BYTES // 2**20} MB are refused (split the file)"
            )
        return file.read_bytes()
    # A pipe or a device: its size is not known before it is read.
    with open(file, "rb") as handle:
        return _read_bounded(handle, str(file))


def _read_bounded(stream: BinaryIO, name: str) -> bytes:
    """Read a stream to its end, refusing it at its first bytes if they are not text
    and as soon as it passes `MAX_PAGE_BYTES` (``/dev/zero`` never ends)."""
    head = stream.read(HEAD_BYTES)
    if head.strip():
        try:
            _refuse_binary(head, page_encoding(head))
        except PageError as error:
            raise PageError(f"{name}: {error}") from None
    data = bytearray(head)
    while block := stream.read(2**20):
        if len(data) + len(block) > MAX_PAGE_BYTES:
            raise PageError(f"{name} is over {MAX_PAGE_BYTES // 2**20} MB; split the input")
        data += block
    return bytes(data)


def page_metadata(page: str | Path) -> dict:
    """The ``NAME.meta.json`` beside a page: its title, publication, date, author, url.

    An empty dict when there is none or it does not load (not JSON, not an object,
    nested too deeply): metadata only adds to a page, so its absence is never an error.

    >>> page_metadata("texts/no-such-page.txt")
    {}
    """
    meta = Path(page).with_suffix(".meta.json")
    try:
        data = safejson.loads(meta.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
