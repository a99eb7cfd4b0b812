"""Saved web pages (reader.sources.web): the article without the site around it, and its meta.

The pages in tests/data/web are made up (no real outlet's text), each in a site
template of its own, with its true article and meta in NAME.gold.json; the three
made-up outlet pages in texts/ are read too.
"""

import json
from pathlib import Path

import pytest

from reader.clean.files import clean_file
from reader.clean.pagefile import PageError
from reader.clean.repairs import REPAIRS, WEB_ONLY
from reader.sources.web import MAX_BYTES, clean_web_page

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "web"
PAGES = sorted(DATA.glob("*.html"))
MADE_UP_OUTLETS = sorted((ROOT / "texts").glob("*-like-*.html"))
WEB_REPAIRS = [repair.name for repair in REPAIRS if repair.pages == WEB_ONLY]
SHARED_HTML = ROOT.parent / "shared" / "data" / "dev-pages" / "html"


def gold_of(page: Path) -> dict:
    return json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))


def article_of(result) -> dict:
    [article] = result.document.articles()
    return article.to_json()


def write(tmp_path, text: str, name: str = "page.html") -> Path:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page


def test_the_test_pages_are_there():
    assert [page.name for page in PAGES] == ["jsonld.html", "wordpress.html"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_a_saved_page_gives_its_article_exactly(page):
    want = gold_of(page)["articles"][0]
    got = article_of(clean_file(page))
    assert got["headline"] == want["headline"]
    assert got["byline"] == want["byline"]
    assert got["paragraphs"] == want["paragraphs"]
    assert got["captions"] == want["captions"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_a_saved_page_gives_its_meta(page):
    want = gold_of(page)["meta"]
    got = clean_file(page).meta.to_json()
    assert {field: got.get(field, "") for field in want} == want


def test_meta_only_in_json_ld_is_found_and_the_date_is_iso():
    meta = clean_file(DATA / "jsonld.html").meta
    assert (meta.outlet, meta.author, meta.date) == ("Upland Courier", "Teodor Vance", "2025-04-29")
    assert meta.url == "https://upland.example/news/orchards-frost"


def test_without_meta_tags_the_outlet_is_the_titles_site_part_and_the_author_the_bylines():
    meta = clean_file(DATA / "wordpress.html").meta
    assert (meta.outlet, meta.author) == ("The Saltmarsh Chronicle", "Ines Marlow")
    assert meta.url == "https://saltmarsh.example/2025/03/ferry-fares/"


def test_read_more_lines_between_paragraphs_are_not_the_article():
    result = clean_file(DATA / "wordpress.html")
    text = result.document.text
    assert "READ MORE" not in text and "Read more" not in text and "new pier starts" not in text
    removed = [d for d in result.decisions if d.action == "web-read-more"]
    assert [d.before for d in removed] == [
        "READ MORE: Work on the new pier starts a month late",
        "Read more: Why the bridge plan was dropped",
    ]


def test_furniture_in_the_body_goes_with_its_reason():
    result = clean_file(DATA / "jsonld.html")
    text = result.document.text
    for furniture in ("Advertisement", "inbox every Friday", "Story continues below", "Trending"):
        assert furniture not in text
    for furniture in ("cookies", "Tags:", "grandfather lost", "Timeline:", "About"):
        assert furniture not in text
    evidence = {d.before[:20]: d.evidence for d in result.decisions}
    assert evidence["Advertisement"] == 'advert (class="advert advert--inline")'
    assert evidence["Get our farming brie"].startswith("newsletter box")


def test_the_caption_keeps_its_credit_and_stays_out_of_the_paragraphs():
    article = article_of(clean_file(DATA / "jsonld.html"))
    assert article["captions"] == [
        "Frost on apple blossom near Holt Ford on Thursday. Photo: Upland Courier"
    ]
    assert not any("Holt Ford on Thursday" in p for p in article["paragraphs"])


def page_where_it_acts(name: str):
    """The first test page where skipping the repair ``name`` changes the clean text."""
    for page in [*PAGES, *MADE_UP_OUTLETS]:
        full = clean_file(page)
        if any(d.action == name for d in full.decisions):
            skipped = clean_file(page, skip={name})
            if skipped.document.text != full.document.text:
                return full, skipped
    raise AssertionError(f"no test page on which skipping {name} changes the text")


@pytest.mark.parametrize("name", WEB_REPAIRS)
def test_a_skipped_web_repair_brings_back_what_it_took(name):
    full, skipped = page_where_it_acts(name)
    assert name not in {d.action for d in skipped.decisions}
    taken = " ".join(d.before for d in full.decisions if d.action == name)
    back = [p for p in article_of(skipped)["paragraphs"] if p not in article_of(full)["paragraphs"]]
    assert any(p[:25] in taken for p in back), (back, taken)
    # every paragraph of the article is still there, in order
    paragraphs = article_of(full)["paragraphs"]
    assert [p for p in article_of(skipped)["paragraphs"] if p in paragraphs] == paragraphs


def test_the_repairs_table_lists_the_web_repairs_for_web_pages():
    assert WEB_REPAIRS == [
        "web-boilerplate-block",
        "web-link-block",
        "web-outside-article",
        "web-read-more",
        "web-boilerplate-line",
    ]
    assert clean_file(DATA / "wordpress.html", skip={"web-read-more"})
    with pytest.raises(ValueError, match="no repair named 'web-readmore'"):
        clean_web_page(DATA / "wordpress.html", skip={"web-readmore"})


def test_scripts_never_run_and_never_reach_the_article(tmp_path):
    page = write(
        tmp_path,
        "<html><head><script>document.write('<p>Written by a script in the head, "
        "long enough to pass for a paragraph of the article.</p>')</script></head><body>"
        "<article><h1>Council votes</h1><p>The council voted on Tuesday to keep the library "
        "open on Sundays after a petition signed by two thousand readers.</p>"
        "<script>var text = 'A script in the body with words that are not the article at all.';"
        "</script><noscript>Please switch JavaScript on to read the comments below.</noscript>"
        "<p>The vote was nine to four.</p></article></body></html>",
    )
    result = clean_file(page)
    assert article_of(result)["paragraphs"] == [
        "The council voted on Tuesday to keep the library open on Sundays after a petition "
        "signed by two thousand readers.",
        "The vote was nine to four.",
    ]
    assert "script" not in result.document.text and "JavaScript" not in result.document.text


@pytest.mark.parametrize(
    "html, message",
    [
        ("", "the web page is empty"),
        ("  \n\t ", "the web page is empty"),
        ("<html><head><script>alert('hi there, reader')</script></head><body></body></html>",
         "no article text on this web page"),
        ("<html><body><script>document.write('a long text that only a script would write "
         "into the page if it ran')</script></body></html>", "no article text on this web page"),
        ('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
         "<footer>(c) 2025 The Saltmarsh Chronicle</footer></body></html>",
         "no article text on this web page"),
    ],
    ids=["empty", "blank", "only-scripts-head", "only-scripts-body", "no-article"],
)  # fmt: skip
def test_a_page_without_an_article_is_a_one_line_error(tmp_path, html, message):
    page = write(tmp_path, html)
    with pytest.raises(PageError) as error:
        clean_file(page)
    assert str(error.value) == f"{page}: {message}"


def test_a_missing_page_is_a_one_line_error(tmp_path):
    with pytest.raises(PageError, match="cannot read the web page"):
        clean_web_page(tmp_path / "gone.html")


def test_a_huge_page_is_read_only_to_its_bound(tmp_path):
    paragraph = "<p>The ferry crossed the harbour again, as it had done every hour of the day.</p>"
    filler = "<script>" + "x" * 1000 + "</script>"
    body = (paragraph + filler) * (MAX_BYTES // 1000)
    page = write(tmp_path, f"<html><body><article><h1>Big</h1>{body}</article></body></html>")
    assert page.stat().st_size > MAX_BYTES
    result = clean_file(page)
    assert len(result.document.text) < MAX_BYTES
    assert result.document.paragraphs()[0].text.startswith("The ferry crossed")
    assert all("xxx" not in block.text for block in result.document.blocks)


def test_a_page_in_windows_1252_reads_its_declared_charset(tmp_path):
    page = tmp_path / "page.htm"
    html = (
        '<html><head><meta charset="windows-1252"></head><body><article><h1>Caf\xe9 closes</h1>'
        "<p>The caf\xe9 on the quay closes after forty years, its owner said on Monday \u2013 "
        "the rent had doubled since the spring.</p></article></body></html>"
    )
    page.write_bytes(html.encode("cp1252"))
    article = article_of(clean_file(page))
    assert article["headline"] == "Café closes"
    assert "Monday – the rent" in article["paragraphs"][0]


@pytest.mark.parametrize("page", MADE_UP_OUTLETS, ids=lambda page: page.name)
def test_the_made_up_outlet_pages_in_texts_read_as_articles_marked_made_up(page):
    result = clean_file(page)
    article = article_of(result)
    meta = json.loads(page.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["made_up"] is True and "made-up" in meta["publication"]
    assert result.meta.outlet == meta["publication"]
    assert (result.meta.title, result.meta.date) == (meta["title"], meta["date"])
    assert article["byline"] == f"By {meta['author']}"
    assert article["headline"] == meta["title"]
    assert len(article["paragraphs"]) >= 6 and len(article["captions"]) == 1
    assert all("Maliki" in text or "Russia" in text for text in article["paragraphs"][:1])
    for furniture in ("cookie", "Subscribe", "Advertisement", "READ MORE", "Read also", "made-up"):
        assert furniture not in "\n".join(article["paragraphs"])


@pytest.mark.shared
def test_the_dev_web_pages_meet_the_targets():
    if not SHARED_HTML.is_dir():
        pytest.skip(f"{SHARED_HTML} is absent")
    from benchmarks.eval_layout import load_scorer
    from benchmarks.eval_sources import score_page

    scorer = load_scorer()
    rows = [score_page(page, scorer) for page in sorted(SHARED_HTML.glob("*.html"))]
    assert sum(r["word_error_rate"] for r in rows) / len(rows) <= 0.005
    assert sum(r["paragraph_f1"] for r in rows) / len(rows) >= 0.98
    assert [r["page"] for r in rows if r["meta_wrong"]] == []


def test_a_page_whose_text_the_rules_do_not_find_falls_back_on_trafilatura(tmp_path):
    page = write(
        tmp_path,
        "<html><body><div><h3>The council voted on Tuesday to keep the library open on Sundays "
        "after a long petition.</h3><h3>The vote was nine to four in favour of the plan that "
        "the mayor put forward.</h3></div></body></html>",
    )
    result = clean_file(page)
    assert [d.after for d in result.decisions if d.action == "web-fallback"] == ["2 paragraphs"]
    assert result.document.paragraphs()[1].text.startswith("The vote was nine to four")


def test_entities_declared_in_the_page_are_never_expanded_nor_fetched(tmp_path):
    laughs = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )  # a billion laughs
    page = write(
        tmp_path,
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{laughs}'
        '<!ENTITY secret SYSTEM "file:///etc/hostname">]><html><body><article><h1>Bomb</h1>'
        "<p>&l9; &secret; The council voted on Tuesday to keep the library open on Sundays.</p>"
        "</article></body></html>",
    )
    [paragraph] = clean_file(page).document.paragraphs()
    assert paragraph.text == (
        "&l9; &secret; The council voted on Tuesday to keep the library open on Sundays."
    )


def test_a_page_without_class_names_still_sets_its_caption_and_sign_up_apart(tmp_path):
    paragraphs = [
        "The harbour board voted on Monday to raise the price of a ferry crossing by a pound, "
        "the first rise in six years.",
        "Commuters who cross every day said the rise would cost them more than four hundred "
        "pounds a year.",
        "The new fares take effect on the first of April, and season tickets rise by a fifth.",
    ]
    page = write(
        tmp_path,
        "<html><body><div><div><h1>Ferry fares rise</h1><div>By Ines Marlow</div>"
        f"<p>{paragraphs[0]}</p><div><img src='f.jpg'><p>The morning ferry at the north quay."
        f"</p></div><p>{paragraphs[1]}</p><p>Get the harbour briefing in your inbox every "
        f"Friday: sign up now.</p><p>{paragraphs[2]}</p></div></div></body></html>",
    )
    result = clean_file(page)
    article = article_of(result)
    assert article["paragraphs"] == paragraphs
    assert article["captions"] == ["The morning ferry at the north quay."]
    assert article["byline"] == "By Ines Marlow"
    evidence = {d.action: d.evidence for d in result.decisions}
    assert evidence["caption"] == "short text alone with an image"
    assert evidence["web-boilerplate-line"].startswith("a newsletter sign-up")


def test_without_any_meta_tags_the_meta_comes_from_what_the_page_shows(tmp_path):
    page = write(
        tmp_path,
        "<html><head><title>Ferry: fares rise by a third</title></head><body>"
        '<div class="masthead"><div class="cal">Tuesday, 1 April 2025</div>'
        '<a class="site-logo" href="/">The Saltmarsh Chronicle</a></div>'
        "<div><h1>Ferry: fares rise by a third</h1>"
        '<p class="byline"><a rel="author" href="/ines">Ines Marlow</a> in Saltmarsh</p>'
        "<div>11 March 2025, 07:40</div><div>"
        "<p>The harbour board voted on Monday to raise the price of a ferry crossing by a pound, "
        "the first rise in six years.</p><p>The new fares take effect on the first of April."
        "</p></div></div><footer>© 2025 The Saltmarsh Chronicle. All rights reserved.</footer>"
        "</body></html>",
    )
    result = clean_file(page)
    assert result.meta.to_json() == {
        "outlet": "The Saltmarsh Chronicle",
        "title": "Ferry: fares rise by a third",
        "date": "2025-03-11",
        "author": "Ines Marlow",
    }
    assert article_of(result)["byline"] == "By Ines Marlow"
