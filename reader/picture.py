"""A picture of the page: its image with each block outlined in its role's colour.

The geometric cleaner records where each block of a PDF, a scan or an ALTO page
stood (`reader.sources.model.Region`).  Drawn over the page's image, these show
at a glance what the cleaner took for a headline, the body, a caption or the
page's furniture, and so where it went wrong.  Drawing only: the regions come
from `reader.clean.files.clean_file`.

>>> from PIL import Image
>>> from reader.sources.model import Region
>>> blank = Image.new("RGB", (200, 100), "white")
>>> drawn = outline_regions(blank, [Region(1, "caption", 10, 10, 90, 40)], scale=1.0, page=1)
>>> drawn.getpixel((10, 20)) == colour_rgb(ROLE_COLOURS["caption"])
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from reader.clean.decisions import CleanResult
from reader.clean.pagefile import PageError
from reader.sources import file_kind
from reader.sources.model import Region

ROLE_COLOURS: dict[str, str] = {
    "headline": "#d62728",
    "deck": "#e377c2",
    "byline": "#9467bd",
    "paragraph": "#1f77b4",
    "caption": "#2ca02c",
    "pull-quote": "#ff7f0e",
    "furniture": "#7f7f7f",
}
PDF_DPI = 100  # a PDF page is drawn at this resolution; its regions are in points (1/72 in)


def colour_rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as a tuple of three ints.

    >>> colour_rgb("#2ca02c")
    (44, 160, 44)
    """
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def page_image(path: str | Path, page: int = 1) -> tuple[Image.Image, float]:
    """The image of one page of a PDF, a scan or an ALTO file's scan, and its scale:
    pixels per unit of the page's regions."""
    kind = file_kind(path)
    if kind == "pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            image = document[page - 1].render(scale=PDF_DPI / 72).to_pil()
        finally:
            document.close()
        return image.convert("RGB"), PDF_DPI / 72
    if kind == "scan":
        return _scan_page(Path(path), page), 1.0
    if kind == "alto":
        from reader.sources.alto import read_alto

        image = _scan_page(_alto_image(Path(path)), 1)
        measured = next(iter(read_alto(path)))  # in pixels, or points for mm10 and inch1200
        return image, image.width / measured.width
    raise PageError(f"{path}: a {kind} page has no image to draw")


def outline_regions(
    image: Image.Image, regions: Iterable[Region], scale: float, page: int = 1
) -> Image.Image:
    """A copy of ``image`` with the regions of ``page`` outlined in their roles' colours."""
    drawn = image.convert("RGB")
    pen = ImageDraw.Draw(drawn)
    width = max(2, round(drawn.width / 400))
    for region in regions:
        if region.page != page:
            continue
        box = [region.x0 * scale, region.top * scale, region.x1 * scale, region.bottom * scale]
        pen.rectangle(
            box, outline=colour_rgb(ROLE_COLOURS.get(region.role, "#000000")), width=width
        )
    return drawn


def page_picture(
    path: str | Path, result: CleanResult, page: int = 1, width: int = 640
) -> Image.Image:
    """The page's image with the cleaner's blocks outlined, ``width`` pixels wide."""
    image, scale = page_image(path, page)
    drawn = outline_regions(image, result.regions, scale, page)
    return ImageOps.contain(drawn, (width, 10 * width))


def _scan_page(path: Path, page: int) -> Image.Image:
    """One page of a scan as Tesseract read it: upright by its EXIF, grey on white."""
    from reader.sources.scan import grey_on_white

    image = Image.open(path)
    image.seek(page - 1)  # a multi-page TIFF holds one page a frame
    return grey_on_white(ImageOps.exif_transpose(image)).convert("RGB")


def _alto_image(path: Path) -> Path:
    """The scan an ALTO file was read from: the file it names, or one of its name beside it."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    names = etree.parse(str(path), parser).xpath("//*[local-name()='fileName']/text()")
    stem = path.name.split(".")[0]
    candidates = [path.parent / Path(name.strip()).name for name in names]
    candidates += [path.with_name(stem + suffix) for suffix in (".png", ".jpg", ".tif")]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise PageError(f"{path}: the scan it was read from is not beside it")
