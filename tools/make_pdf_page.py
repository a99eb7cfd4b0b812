"""Typeset articles as a newspaper page in PDF (Chromium prints it), with its true layout.

Pages to test the PDF, scan and ALTO readers on, in styles of one's own choosing:
a masthead line (paper, date, page number), then each article with its headline
across its columns, a byline, the body in 2 to 5 columns with a drop capital,
photos with captions, sometimes a pull quote and a "Continued on Page N" line.
Hyphenation at line ends comes from Chromium where it has a dictionary.

Input is JSON in the layout scorer's form: ``{"articles": [{"headline", "byline",
"paragraphs", "captions"}]}``; ``--from-page`` cleans a text page instead.
Writes ``OUT.pdf`` and ``OUT.gold.json`` (the articles as given: masthead, pull quotes
and "Continued" lines belong to no article), and with ``--scan`` a 150-dpi
``OUT.png`` rendered from the PDF, slightly rotated and speckled.

usage:
  python -m tools.make_pdf_page --made 20 --source basil --seed 7 --out /tmp/made-pdf
  python -m tools.make_pdf_page --from-page texts/arab-weekly-maliki-russia.txt --out /tmp/p
  python -m tools.make_pdf_page articles.json --columns 4 --style sans --out /tmp/p --scan
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from jinja2 import Environment

STYLES = {
    "serif": {"body": "'DejaVu Serif', serif", "head": "'Liberation Sans', sans-serif"},
    "sans": {"body": "'DejaVu Sans', sans-serif", "head": "'DejaVu Serif', serif"},
    "condensed": {
        "body": "'Liberation Serif', serif",
        "head": "'DejaVu Sans Condensed', sans-serif",
    },
}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
@page { size: 11in 17in; margin: 0.5in; }
body { font-family: {{ style.body }}; font-size: {{ body_size }}pt; line-height: 1.25;
       margin: 0; hyphens: auto; -webkit-hyphens: auto; }
.masthead { font-family: {{ style.head }}; font-size: 8pt; display: flex;
            justify-content: space-between; border-bottom: 0.5pt solid #000;
            padding-bottom: 2pt; margin-bottom: 8pt; text-transform: uppercase; }
article { margin-bottom: 14pt; border-bottom: 0.5pt solid #888; padding-bottom: 8pt; }
h1 { font-family: {{ style.head }}; font-size: {{ headline_size }}pt; line-height: 1.05;
     margin: 0 0 4pt 0; }
.byline { font-family: {{ style.head }}; font-size: 8pt; font-weight: bold;
          text-transform: uppercase; margin-bottom: 6pt; }
.body { column-count: {{ columns }}; column-gap: 12pt; text-align: justify; }
.body p { margin: 0; text-indent: 1em; }
.body p.first { text-indent: 0; }
.body p.first::first-letter { float: left; font-size: 3.1em; line-height: 0.85;
                              font-family: {{ style.head }}; font-weight: bold;
                              padding: 2pt 3pt 0 0; }
figure { margin: 4pt 0 6pt 0; break-inside: avoid; }
.photo { height: 110pt; background: #999; }
figcaption { font-family: {{ style.head }}; font-size: 7.5pt; font-style: italic;
             line-height: 1.15; margin-top: 2pt; text-align: left; }
.pull { font-family: {{ style.head }}; font-size: 13pt; font-weight: bold;
        border-top: 1pt solid #000; border-bottom: 1pt solid #000; margin: 6pt 0;
        padding: 4pt 0; text-align: left; break-inside: avoid; }
.jump { font-family: {{ style.head }}; font-size: 7.5pt; font-style: italic;
        text-align: right; }
</style></head><body>
<div class="masthead"><span>{{ paper }}</span><span>{{ date }}</span>
<span>Page {{ number }}</span></div>
{% for article in articles %}<article>
{% if article.headline %}<h1>{{ article.headline }}</h1>{% endif %}
{% if article.byline %}<div class="byline">{{ article.byline }}</div>{% endif %}
<div class="body">
{% for paragraph in article.paragraphs %}
{% if loop.index0 == article.photo_at %}{% for caption in article.captions %}
<figure><div class="photo"></div><figcaption>{{ caption }}</figcaption></figure>
{% endfor %}{% endif %}
{% if loop.index0 == article.pull_at %}<div class="pull">{{ article.pull }}</div>{% endif %}
<p{% if loop.first %} class="first"{% endif %}>{{ paragraph }}</p>
{% endfor %}
{% if article.jump %}<div class="jump">Continued on Page {{ article.jump }}</div>{% endif %}
</div></article>
{% endfor %}
</body></html>
"""


def page_html(articles: list[dict], *, columns: int, style: str, seed: int) -> str:
    """The page as HTML: a layout for Chromium to print (every text escaped)."""
    rng = random.Random(seed)
    laid_out = []
    for article in articles:
        paragraphs = article.get("paragraphs", [])
        sentences = [s for p in paragraphs[1:] for s in p.split(". ") if 40 < len(s) < 120]
        laid_out.append(
            {
                **article,
                "photo_at": rng.randint(1, max(1, len(paragraphs) - 1)),
                "pull_at": rng.randint(2, max(2, len(paragraphs))) if sentences else -1,
                "pull": rng.choice(sentences) if sentences else "",
                "jump": rng.choice([None, None, rng.randint(2, 19)]),
            }
        )
    template = Environment(autoescape=True).from_string(PAGE)
    return template.render(
        articles=laid_out,
        columns=columns,
        style=STYLES[style],
        body_size=rng.choice([8.5, 9, 9.5]),
        headline_size=rng.choice([22, 26, 30]),
        paper=rng.choice(["Northfield Evening Post", "The Lakeside Courier", "Daily Ledger"]),
        date=f"{rng.randint(1, 28)} March 2019",
        number=rng.randint(2, 24),
    )


def print_pdf(html: str, pdf: Path) -> None:
    """Print HTML to PDF with Debian's Chromium (Playwright drives it; no download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.set_content(html, wait_until="load")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        browser.close()


def scan_of(pdf: Path, png: Path, seed: int, dpi: int = 150) -> None:
    """A scan of the PDF's first page: rendered at ``dpi``, turned a little, speckled."""
    import pypdfium2
    from PIL import Image

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    document.close()
    image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
    pixels = image.load()
    for _ in range(image.width * image.height // 2000):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.choice((0, 96, 160))
    image.save(png, dpi=(dpi, dpi))


def articles_of_page(path: Path) -> list[dict]:
    """The articles of a text page, as the kit cleans them."""
    from reader import load_document

    return [article.to_json() for article in load_document(path).articles()]


BYLINES = ["Dana Whitfield", "Omar Haddad", "Lena Petrova", "Tom Okafor", "Grace Lindqvist"]


def made_articles(rng: random.Random, sources: list) -> list[dict]:
    """One to three articles for a page, cut to a few paragraphs, each with a caption."""
    from tools.make_pages import make_caption

    articles = []
    for source in rng.sample(sources, rng.choice([1, 1, 2, 2, 3])):
        paragraphs = source.paragraphs[: rng.randint(4, 9)]
        articles.append(
            {
                "headline": source.title,
                "byline": f"By {rng.choice(BYLINES)}" if rng.random() < 0.8 else None,
                "paragraphs": paragraphs,
                "captions": [make_caption(rng, paragraphs, None)] if rng.random() < 0.8 else [],
            }
        )
    return articles


def make_set(source: str, count: int, seed: int, out: Path, scan: bool) -> None:
    """``count`` pages of ``source``'s articles (polnear or basil, from ../shared) in every
    style and 2 to 5 columns: ``out/made-NNN.pdf`` with their gold layouts."""
    from tools.make_pages import load_sources

    rng = random.Random(seed)
    sources = load_sources(source)
    out.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        articles = made_articles(rng, sources)
        style, columns = rng.choice(sorted(STYLES)), rng.randint(2, 5)
        base = out / f"made-{number:03d}"
        html = page_html(articles, columns=columns, style=style, seed=rng.randrange(10**6))
        print_pdf(html, base.with_suffix(".pdf"))
        gold = {"articles": articles, "style": style, "columns": columns}
        base.with_suffix(".gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1))
        if scan:
            scan_of(base.with_suffix(".pdf"), base.with_suffix(".png"), seed + number)
    print(f"wrote {count} pages into {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, help="JSON: {'articles': [...]}")
    parser.add_argument("--from-page", type=Path, help="a text page to clean and typeset")
    parser.add_argument("--out", type=Path, required=True, help="OUT.pdf, OUT.gold.json")
    parser.add_argument("--columns", type=int, default=4, choices=range(2, 6))
    parser.add_argument("--style", default="serif", choices=sorted(STYLES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scan", action="store_true", help="also OUT.png, a 150-dpi scan")
    parser.add_argument("--made", type=int, help="make this many pages of --source into OUT/")
    parser.add_argument("--source", default="basil", choices=["basil", "polnear"])
    args = parser.parse_args(argv)
    if args.made:
        make_set(args.source, args.made, args.seed, args.out, args.scan)
        return 0
    if args.from_page:
        articles = articles_of_page(args.from_page)
    elif args.articles:
        data = json.loads(args.articles.read_text(encoding="utf-8"))
        articles = data["articles"] if isinstance(data, dict) else data
    else:
        parser.error("give an articles JSON file or --from-page")
    html = page_html(articles, columns=args.columns, style=args.style, seed=args.seed)
    pdf = args.out.with_suffix(".pdf")
    print_pdf(html, pdf)
    gold = {
        "articles": [
            {k: a.get(k) for k in ("headline", "byline", "paragraphs", "captions")}
            for a in articles
        ]
    }
    gold_path = args.out.with_suffix(".gold.json")
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written = [pdf, gold_path]
    if args.scan:
        scan_of(pdf, args.out.with_suffix(".png"), args.seed)
        written.append(args.out.with_suffix(".png"))
    print("wrote " + ", ".join(map(str, written)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
