"""ALTO XML (versions 2 to 4, any namespace) read into positioned words.

National libraries deliver their newspaper OCR as ALTO: Chronicling America,
Trove, Europeana, impresso.  Each ``<Page>`` becomes a `PositionedPage`; each
``TextBlock`` a `Word.block` and each ``TextLine`` a `Word.line` (numbered from 0
within the page); each ``String`` a `Word` with its ``CONTENT``, box
(``HPOS VPOS WIDTH HEIGHT``), confidence (``WC``, 0 to 1, as 0 to 100) and type
from its ``TextStyle`` (``STYLEREFS`` on the string, else its line, else its
block: ``FONTSIZE``, ``FONTSTYLE`` bold and italics) or its own ``STYLE``.
Elements are matched by local name, so every ALTO namespace (and none) reads.

Units (``MeasurementUnit``): ``pixel`` stays pixels (``unit="px"``, as Tesseract
writes it); ``mm10`` and ``inch1200`` (Chronicling America) are turned into
points (``unit="pt"``, as a PDF).  A word's ``size`` is in the same unit:
``FONTSIZE`` (points) on a page in points; on a page in pixels, ``FONTSIZE``
times the page's own pixels per point of font (the median ratio of a styled
line's height to its font size), so it stands beside the words with no style,
whose size is their line's height (Tesseract's ALTO has no styles): as its font
makes it (`reader.sources.scan.line_size`) where the ``String`` boxes follow
their letters, as Tesseract's do, else the ``TextLine``'s ``HEIGHT``.  On such
pages Tesseract's slips with capitals are mended as on a scan
(`reader.sources.scan.with_capitals_mended`).

Hyphenation as ALTO records it: a line-end part (``SUBS_TYPE="HypPart1"``, or a
``String`` followed by ``<HYP>``) ends in ``-`` as it was printed, and both parts
carry the whole word (``SUBS_CONTENT``) as `Word.hyphenated`.

The file is parsed with entities, DTDs and the network off, one ``<Page>`` at a
time; a file that declares entities (billion laughs, ``file:///etc/passwd``)
is refused, as is XML that is not ALTO, each with a one-line `PageError`.

>>> words = page_of_alto_text('''<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
...   <Layout><Page WIDTH="800" HEIGHT="1200"><PrintSpace><TextBlock>
...     <TextLine HPOS="10" VPOS="20" WIDTH="200" HEIGHT="30">
...       <String CONTENT="Maliki" HPOS="10" VPOS="20" WIDTH="90" HEIGHT="28" WC="0.93"/>
...       <SP/><String CONTENT="inter" SUBS_TYPE="HypPart1" SUBS_CONTENT="international"
...                    HPOS="110" VPOS="20" WIDTH="80" HEIGHT="28"/><HYP CONTENT="-"/>
...     </TextLine></TextBlock></PrintSpace></Page></Layout></alto>''').words
>>> [(w.text, w.size, w.confidence, w.hyphenated) for w in words]
[('Maliki', 35.9, 93.0, None), ('inter-', 35.9, None, 'international')]
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from reader.clean.pagefile import PageError
from reader.sources.model import PositionedPage, Word
from reader.sources.scan import require_file, with_capitals_mended, with_line_sizes

# Points per unit of ALTO's measurement units; pixels are kept as they are.
POINTS_PER_UNIT = {"mm10": 72 / 254, "inch1200": 72 / 1200}
HYPHENS = ("-", "\u00ad", "\u2010", "\u00ac", "\u2e17", "=")  # as OCR writes a line-end hyphen


@dataclass(frozen=True)
class TextStyle:
    """An ALTO ``TextStyle``: font size in points (0 when not given), bold, italics."""

    size: float = 0.0
    bold: bool = False
    italic: bool = False


def read_alto(path: str | Path) -> Iterator[PositionedPage]:
    """The pages of an ALTO file, read one ``<Page>`` at a time.

    That the file is ALTO (and safe) is checked at once; a fault further in
    raises `PageError` as the pages are read.
    """
    file = require_file(path, "ALTO XML")
    events = _events(file)
    _check_root(file, events)
    return _pages(file, events)


def page_of_alto_text(text: str) -> PositionedPage:
    """The first page of ALTO given as text (for examples and tests)."""
    events = etree.iterparse(
        io.BytesIO(text.encode("utf-8")), events=("start", "end"), **_SAFE_PARSING
    )
    _check_root("<text>", events)
    return next(_pages("<text>", events))


_SAFE_PARSING = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _events(file: Path):
    return etree.iterparse(str(file), events=("start", "end"), **_SAFE_PARSING)


def _check_root(name, events) -> None:
    try:
        _, root = next(events)
    except StopIteration:
        raise PageError(f"{name} is empty: there is no ALTO in it") from None
    except etree.XMLSyntaxError as error:
        raise PageError(_not_xml(name, error)) from None
    except OSError as error:
        raise PageError(f"{name}: {error}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise PageError(
            f"{name} declares XML entities, which ALTO files do not; refused as unsafe "
            "(an entity can read local files or expand into gigabytes)"
        )
    if etree.QName(root).localname != "alto":
        raise PageError(
            f"{name} is XML but not ALTO (its root is <{etree.QName(root).localname}>); "
            "ALTO files, versions 2 to 4, start with <alto>"
        )


def _pages(name, events) -> Iterator[PositionedPage]:
    unit = "pixel"
    styles: dict[str, TextStyle] = {}
    number = 0
    try:
        for event, element in events:
            if event != "end":
                continue
            local = etree.QName(element).localname
            if local == "MeasurementUnit":
                unit = (element.text or "pixel").strip().lower()
            elif local == "TextStyle" and element.get("ID"):
                styles[element.get("ID")] = _text_style(element)
            elif local == "Page":
                number += 1
                yield _page(name, element, number, unit, styles)
                _forget(element)
    except etree.XMLSyntaxError as error:
        raise PageError(_not_xml(name, error)) from None
    if number == 0:
        raise PageError(f"{name} is ALTO with no <Page> in it: there is no text to read")


def _page(name, element, number: int, unit: str, styles: dict[str, TextStyle]) -> PositionedPage:
    scale = POINTS_PER_UNIT.get(unit, 1.0)
    words: list[Word] = []
    font_sizes: list[float] = []  # each word's style's size in points, 0 when it has none
    line_number = 0
    for block_number, block in enumerate(element.iter("{*}TextBlock")):
        for line in block.iter("{*}TextLine"):
            pairs = _line_words(name, line, block, styles, scale)
            for word, style in pairs:
                words.append(_with(word, line=line_number, block=block_number))
                font_sizes.append(style.size if style is not None else 0.0)
            line_number += bool(pairs)
    fit = _boxes_fit_glyphs(words)
    if fit:
        words = with_line_sizes(words)
    in_points = unit in POINTS_PER_UNIT
    words = _sized(words, font_sizes, in_points)
    if fit:  # boxes as tall as their lines would tell no letter from a rule
        words = with_capitals_mended(words)
    width = _scaled(_number(name, element, "WIDTH", 0.0), scale)
    height = _scaled(_number(name, element, "HEIGHT", 0.0), scale)
    return PositionedPage(
        number=number,
        width=width or max((w.x1 for w in words), default=0.0),
        height=height or max((w.bottom for w in words), default=0.0),
        words=words,
        unit="pt" if in_points else "px",
    )


def _boxes_fit_glyphs(words: list[Word]) -> bool:
    """Whether the ``String`` boxes follow their letters (Tesseract's, ABBYY's), so that a
    line's size can be told from them, rather than all standing as tall as their line."""
    as_tall = sum(abs(word.height - word.size) < 0.5 for word in words)
    return 2 * as_tall < len(words)


def _line_words(
    name, line, block, styles: dict[str, TextStyle], scale: float
) -> list[tuple[Word, TextStyle | None]]:
    """Each ``String`` of a ``TextLine`` as a word (sized by the line's height) and its style."""
    line_box = (_number(name, line, "VPOS", 0.0), _number(name, line, "HEIGHT", 0.0))
    line_style = _style_of(line, styles) or _style_of(block, styles)
    pairs: list[tuple[Word, TextStyle | None]] = []
    for child in line:
        if not isinstance(child.tag, str):
            continue  # a comment or an entity reference left unresolved
        local = etree.QName(child).localname
        if local == "HYP" and pairs:
            word, style = pairs[-1]
            right = _number(name, child, "HPOS", 0.0) + _number(name, child, "WIDTH", 0.0)
            hyp_x1 = _scaled(right, scale)
            pairs[-1] = (_line_end_hyphen(word, hyp_x1), style)
        elif local == "String":
            word = _string_word(name, child, line_box, scale)
            if word is None:
                continue
            style = _style_of(child, styles) or line_style
            flags = set((child.get("STYLE") or "").lower().split())
            bold = "bold" in flags or (style is not None and style.bold)
            italic = bool(flags & {"italics", "italic"}) or (style is not None and style.italic)
            pairs.append((_with(word, bold=bold, italic=italic), style))
    if pairs and not line_box[1]:  # a line with no HEIGHT is as tall as its strings reach
        span = max(w.bottom for w, _ in pairs) - min(w.top for w, _ in pairs)
        pairs = [(_with(word, size=span), style) for word, style in pairs]
    return pairs


def _string_word(name, string, line_box: tuple[float, float], scale: float) -> Word | None:
    """A ``String`` as a word, or None when it has no text."""
    text = (string.get("CONTENT") or "").strip()
    if not text:
        return None
    line_top, line_height = line_box
    x0 = _number(name, string, "HPOS", 0.0)
    top = _number(name, string, "VPOS", line_top)
    width = _number(name, string, "WIDTH", 0.0)
    height = _number(name, string, "HEIGHT", line_height)
    wc = string.get("WC")
    confidence = None
    if wc is not None:
        confidence = min(100.0, max(0.0, _number(name, string, "WC", 0.0) * 100))
    subs_type = string.get("SUBS_TYPE") or ""
    whole = string.get("SUBS_CONTENT") if subs_type in ("HypPart1", "HypPart2") else None
    word = Word(
        text,
        x0=_scaled(x0, scale),
        top=_scaled(top, scale),
        x1=_scaled(x0 + width, scale),
        bottom=_scaled(top + height, scale),
        size=_scaled(line_height or height, scale),
        confidence=confidence,
        hyphenated=whole or None,
    )
    return _line_end_hyphen(word, 0.0) if subs_type == "HypPart1" else word


def _scaled(value: float, scale: float) -> float:
    """``value`` in points, to a hundredth (``inch1200`` and ``mm10`` are finer than that)."""
    return value if scale == 1.0 else round(value * scale, 2)


def _line_end_hyphen(word: Word, x1: float) -> Word:
    """The first part of a word hyphenated at a line end, ending in ``-`` as printed.

    >>> _line_end_hyphen(Word("inter¬", 0, 0, 10, 5), 12.0).text
    'inter-'
    """
    text = word.text[:-1] if word.text.endswith(HYPHENS) else word.text
    return _with(word, text=text + "-", x1=max(word.x1, x1))


def _sized(words: list[Word], font_sizes: list[float], in_points: bool) -> list[Word]:
    """Words whose style gives a font size get it, in the page's unit (see the module's notes)."""
    if not any(font_sizes):
        return words
    ratios = [word.size / size for word, size in zip(words, font_sizes) if size and word.size]
    scale = 1.0 if in_points or not ratios else statistics.median(ratios)
    return [
        _with(word, size=size * scale) if size else word for word, size in zip(words, font_sizes)
    ]


def _text_style(element) -> TextStyle:
    flags = set((element.get("FONTSTYLE") or "").lower().split())
    try:
        size = float(element.get("FONTSIZE") or 0)
    except ValueError:
        size = 0.0
    return TextStyle(size=size, bold="bold" in flags, italic=bool(flags & {"italics", "italic"}))


def _style_of(element, styles: dict[str, TextStyle]) -> TextStyle | None:
    for ref in (element.get("STYLEREFS") or "").split():
        if ref in styles:
            return styles[ref]
    return None


def _number(name, element, attribute: str, default: float) -> float:
    value = element.get(attribute)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError:
        raise PageError(
            f"{name}: <{etree.QName(element).localname}> has {attribute}={value!r}, not a number"
        ) from None


def _with(word: Word, **changes) -> Word:
    return replace(word, **changes)


def _forget(page) -> None:
    """Free a page read, and what came before it, so a long file takes one page's memory."""
    page.clear()
    parent = page.getparent()
    while parent is not None and page.getprevious() is not None:
        del parent[0]


def _not_xml(name, error: etree.XMLSyntaxError) -> str:
    message = " ".join(str(error).split())
    if "entit" in message.lower():  # libxml2 stops a bomb before the root is read
        return f"{name} uses XML entities, which ALTO files do not; refused as unsafe ({message})"
    return f"{name} is not well-formed XML: {message}"
