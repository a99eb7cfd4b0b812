"""The standalone HTML export: escaped, sanitised, no scripts, offline, readable without colour."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from markupsafe import Markup

from reader import SAMPLE_PAGE, Block, Document
from reader.annotations import AnnotationFile, annotate, save_annotations
from reader.export import (
    CSP,
    demo_annotations_path,
    export_html,
    export_page,
    render_note,
    safe_link,
    write_demo,
)

EVIL_TEXT = (
    "Maliki said <script>window.pwned=1</script> and <img src=x onerror=window.pwned=2> here."
)


def evil_document() -> Document:
    return Document.from_blocks(
        [
            Block("headline", "Headline <b>bold</b> & more", article=0),
            Block("paragraph", EVIL_TEXT, article=0),
        ]
    )


def test_page_text_is_escaped_and_never_markup():
    doc = evil_document()
    html = export_html(doc)
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=window.pwned=2&gt;" in html
    assert "Headline &lt;b&gt;bold&lt;/b&gt; &amp; more" in html


def test_notes_are_escaped_then_sanitised_and_links_must_be_web_links():
    doc = evil_document()
    start = doc.text.index("Maliki said")
    claim = annotate(
        doc,
        start,
        start + 11,
        "attribution",
        annotator="eve<script>",
        note='<script>window.pwned=3</script> <a href="javascript:alert(1)">x</a> https://tass.com/ok',
        evidence="javascript:window.pwned=4",
        claimant="<img src=x onerror=window.pwned=5>",
    )
    html = export_html(doc, [claim])
    assert "<script" not in html.split("</head>")[1]
    assert not re.search(r"<a [^>]*href=.javascript", html)
    assert "&lt;script&gt;window.pwned=3&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=window.pwned=5&gt;" in html
    assert '<a href="https://tass.com/ok" rel="noopener noreferrer">' in html
    assert safe_link("javascript:alert(1)") is None
    assert "<script" not in str(render_note("<script>x</script>"))


def test_the_page_has_a_csp_that_allows_no_script_and_fetches_nothing():
    html = export_html(evil_document())
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    head = html.split("<body>")[0]
    assert head.index("Content-Security-Policy") < head.index("<style>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", head)
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_sample_page_export_has_actors_legend_claims_footnotes_and_quotes(tmp_path):
    out = export_page(SAMPLE_PAGE, tmp_path / "page.html", demo_annotations_path())
    html = out.read_text(encoding="utf-8")
    assert html.count('class="claim ') == 10
    assert html.count('tabindex="0"') == 10
    assert html.count('<li id="note-') == 10
    assert 'class="legend"' in html and "Nuri al-Maliki" in html
    assert html.count('<mark class="actor') > 50
    # readable without colour: underline styles and type tags beside every colour
    assert "u-solid" in html and "u-double" in html and '<sup class="tag">PER</sup>' in html
    assert "Quotations, by outlet" in html and "<h3>TASS</h3>" in html
    assert "@media print" in html
    assert "claimant: Nuri al-Maliki" in html


def test_annotations_from_a_folder_with_a_bad_file_still_export_and_the_bad_file_is_kept(
    tmp_path, capsys
):
    shutil.copy(demo_annotations_path(), tmp_path / demo_annotations_path().name)
    bad = tmp_path / "arab-weekly-maliki-russia.student.annotations.json"
    bad.write_bytes(b'{"broken": ')
    out = export_page(SAMPLE_PAGE, tmp_path / "page.html", tmp_path)
    html = out.read_text(encoding="utf-8")
    assert html.count('class="claim ') == 10
    assert bad.read_bytes() == b'{"broken": '
    assert "student.annotations.json" in capsys.readouterr().err
    assert "could not be read" in html


def test_claims_that_cannot_be_placed_are_listed_not_dropped(tmp_path, sample_document):
    doc = sample_document
    lost = annotate("A sentence that is not on the page at all.", 0, 20, "opinion", annotator="x")
    path = tmp_path / "arab-weekly-maliki-russia.x.annotations.json"
    save_annotations(path, AnnotationFile("arab-weekly-maliki-russia", "x", [lost]))
    html = export_page(SAMPLE_PAGE, tmp_path / "p.html", path).read_text(encoding="utf-8")
    assert "could not be placed" in html and "A sentence that is n" in html
    assert doc.text  # the page itself is still there


def test_overlapping_claims_are_all_footnoted_and_highlights_never_cross():
    doc = Document.from_text("Russia will sell Iraq tanks worth one billion dollars next year.")
    a = annotate(doc, 0, 27, "prediction", annotator="a")
    b = annotate(doc, 17, 53, "check-worthy", annotator="a", note="how much?")
    html = export_html(doc, [a, b])
    assert html.count('class="claim ') == 1 and html.count('<li id="note-') == 2
    assert "not highlighted" in html


def test_extra_sections_go_above_the_text_and_plain_strings_are_escaped():
    html = export_html(
        evil_document(), sections=[Markup("<section id='mine'>ok</section>"), "<b>x</b>"]
    )
    assert html.index("<section id='mine'>ok</section>") < html.index("<main>")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_write_demo_writes_the_sample_page_and_says_how_to_open_the_notebooks(tmp_path):
    lines = write_demo(tmp_path)
    assert (tmp_path / "arab-weekly-maliki-russia.html").is_file()
    assert "reader lab" in lines[-1] and "00_start_here.ipynb" in lines[-1]


def test_a_broken_page_actor_list_is_named_and_the_built_in_list_still_colours_the_page(
    tmp_path, capsys
):
    page = tmp_path / "page.txt"
    shutil.copy(SAMPLE_PAGE, page)
    (tmp_path / "page.actors.csv").write_text("name,type\nPutin,wizard\n", encoding="utf-8")
    html = export_page(page, tmp_path / "page.html").read_text(encoding="utf-8")
    error = capsys.readouterr().err
    assert "page.actors.csv" in error and error.count("\n") == 1
    assert 'title="Russia (state)"' in html


def test_reader_export_command_writes_the_page_and_refuses_a_bad_annotation_file(tmp_path, capsys):
    from reader.cli import main

    out = tmp_path / "page.html"
    assert (
        main(
            [
                "export",
                str(SAMPLE_PAGE),
                "-o",
                str(out),
                "--annotations",
                str(demo_annotations_path()),
            ]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8").count('class="claim ') == 10
    bad = tmp_path / "bad.annotations.json"
    bad.write_text('{"type": "AnnotationCollection"}', encoding="utf-8")
    assert (
        main(
            ["export", str(SAMPLE_PAGE), "-o", str(tmp_path / "b.html"), "--annotations", str(bad)]
        )
        == 2
    )
    error = capsys.readouterr().err.strip()
    assert "bad.annotations.json" in error and "\n" not in error
    assert bad.read_text(encoding="utf-8") == '{"type": "AnnotationCollection"}'
    assert not (tmp_path / "b.html").exists()


def test_reader_export_to_a_folder_says_so_in_one_line_and_leaves_nothing(tmp_path, capsys):
    from reader.cli import main

    assert main(["export", str(SAMPLE_PAGE), "-o", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error == f"reader export: {tmp_path} is a folder; give a file name"
    assert list(tmp_path.iterdir()) == []


# -- colours from the files a teacher edits, and links in notes -------------------------

HOSTILE_COLOUR = "red;background:url(http://evil.example/c1)"


def test_a_hostile_colour_in_the_claim_scheme_never_reaches_the_export(
    tmp_path, monkeypatch, sample_document
):
    import json

    from reader import claims

    scheme = json.loads(claims.SCHEME_PATH.read_text(encoding="utf-8"))
    scheme["labels"][0]["colour"] = HOSTILE_COLOUR  # check-worthy
    bad = tmp_path / "scheme.json"
    bad.write_text(json.dumps(scheme), encoding="utf-8")
    with pytest.raises(ValueError, match="colour .* is not #rgb, #rrggbb or a CSS colour name"):
        claims.load_claim_scheme(bad)
    monkeypatch.setattr(claims, "SCHEME_PATH", bad)
    doc = sample_document
    start = doc.text.index("The deal was resumed in 2013")
    claim = annotate(doc, start, start + 28, "check-worthy", annotator="t")
    html = export_html(doc, [claim])
    assert "evil.example" not in html and "url(" not in html
    assert 'class="claim b-double" style="--c:#777777"' in html


def test_a_claim_colour_set_in_code_is_checked_again_when_the_page_is_written(sample_document):
    from reader.export import PageContent, number_claims, render_page

    doc = sample_document
    start = doc.text.index("The deal was resumed in 2013")
    claim = annotate(doc, start, start + 28, "check-worthy", annotator="t")
    content = PageContent(
        doc, "t", claims=number_claims([claim]), labels={"check-worthy": ("CW", HOSTILE_COLOUR)}
    )
    html = render_page(content)
    assert "evil.example" not in html and 'style="--c:#777777"' in html


def test_a_hostile_colour_in_the_actor_list_never_reaches_the_export(
    tmp_path, capsys, sample_document
):
    from types import SimpleNamespace

    from reader.actors import find_actors

    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    page.with_name(page.stem + ".actors.csv").write_text(
        f'name,type,aliases,colour,description\nNuri al-Maliki,person,Maliki,"{HOSTILE_COLOUR}",\n',
        encoding="utf-8",
    )
    html = export_page(page, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "evil.example" not in html
    assert "is not #rgb, #rrggbb or a CSS colour name" in capsys.readouterr().err
    # and an actor whose colour was changed in code after loading is checked again
    doc = sample_document
    result = find_actors(doc)
    actors = [
        SimpleNamespace(name=a.name, colour=HOSTILE_COLOUR, display_colour=HOSTILE_COLOUR)
        for a in result.actors
    ]
    html = export_html(doc, mentions=result.mentions, actors=actors)
    assert "evil.example" not in html and "url(" not in html
    assert '<mark class="actor' in html


def test_a_link_in_angle_brackets_ends_before_the_bracket():
    html = str(render_note("Source: <https://tass.com/a>"))
    assert 'href="https://tass.com/a"' in html
    assert "&gt;</a>" not in html and html.endswith("</a>&gt;")


@pytest.mark.parametrize(
    ("note", "href"),
    [
        ('"https://tass.com/q" said', "https://tass.com/q"),
        (
            "(see https://en.wikipedia.org/wiki/T-90_(tank)).",
            "https://en.wikipedia.org/wiki/T-90_(tank)",
        ),
        ("https://tass.com/a?x=1&y=2.", "https://tass.com/a?x=1&amp;y=2"),
        ("in 'https://tass.com/b'", "https://tass.com/b"),
    ],
)
def test_links_are_found_in_the_raw_note_then_escaped(note, href):
    assert f'href="{href}"' in str(render_note(note))


def test_only_web_links_become_links_and_the_rest_stays_text():
    html = str(render_note('javascript:alert(1) ftp://x.org/a https://x.org/"onmouseover=alert(1)'))
    assert html.count("<a ") == 1 and 'href="https://x.org/"' in html
    assert "onmouseover=alert(1)" in html and 'onmouseover="' not in html


def malformed(kind: str) -> str:
    """The shipped example claims with one thing wrong (or nested 100,000 levels deep)."""
    if kind == "deeply nested":
        return "[" * 100_000 + "]" * 100_000
    data = json.loads(demo_annotations_path().read_text(encoding="utf-8"))
    body = data["items"][0]["body"]
    if kind == "evidence is a number":
        body["evidence"] = 5
    elif kind == "claimant is a list":
        body["claimant"] = ["Nuri al-Maliki", "Putin"]
    elif kind == "start is text":
        data["items"][0]["target"]["selector"][1]["start"] = "226"
    return json.dumps(data)


@pytest.mark.parametrize(
    "kind", ["evidence is a number", "claimant is a list", "start is text", "deeply nested"]
)
def test_reader_export_of_a_malformed_annotation_file_is_one_line_and_writes_nothing(
    tmp_path, capsys, kind
):
    from reader.cli import main

    bad = tmp_path / "page.ana.annotations.json"
    bad.write_text(malformed(kind), encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["export", str(SAMPLE_PAGE), "-o", str(out), "--annotations", str(bad)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"reader export: {bad}") and error.count("\n") == 1
    assert not out.exists() and bad.read_text(encoding="utf-8") == malformed(kind)


@pytest.mark.parametrize("onto", ["the page", "the annotation file", "a file in the folder"])
def test_reader_export_refuses_to_write_onto_what_it_reads(tmp_path, capsys, onto):
    from reader.cli import main

    page = tmp_path / "arab-weekly-maliki-russia.txt"
    shutil.copy(SAMPLE_PAGE, page)
    claims = tmp_path / demo_annotations_path().name
    shutil.copy(demo_annotations_path(), claims)
    target, source = {
        "the page": (page, claims),
        "the annotation file": (claims, claims),
        "a file in the folder": (claims, tmp_path),
    }[onto]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(["export", str(page), "-o", str(target), "--annotations", str(source)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"reader export: -o {target} is ") and error.count("\n") == 1
    assert "give another file name" in error
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_exported_file_gets_the_umask_mode_and_an_existing_one_keeps_its_mode(tmp_path):
    import os

    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    old = os.umask(0o022)
    try:
        out = export_page(SAMPLE_PAGE, tmp_path / "page.html")
        assert out.stat().st_mode & 0o777 == 0o644
        export_page(SAMPLE_PAGE, out)
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o664)
        export_page(SAMPLE_PAGE, out)
        assert out.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


# -- the header: where the page comes from -----------------------------------------------


def page_head(html: str) -> str:
    return html[html.index('<header class="page-head">') : html.index("</header>")]


def write_page(folder, meta: dict):
    import json

    page = folder / "maliki-visit.txt"
    page.write_text(
        "Maliki visits Moscow\n\nIraqi Vice-President Nuri al-Maliki called for Russia's "
        "visible presence in his country, TASS reported.\n",
        encoding="utf-8",
    )
    (folder / "maliki-visit.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return page


def test_the_header_names_the_publication_and_the_file_only_in_small_print(tmp_path):
    head = page_head(export_page(SAMPLE_PAGE, tmp_path / "page.html").read_text(encoding="utf-8"))
    assert '<b class="publication">The Arab Weekly</b>' in head
    assert head.index("The Arab Weekly") < head.index("arab-weekly-maliki-russia.txt")
    assert '<p class="source">File: arab-weekly-maliki-russia.txt</p>' in head
    assert "<time" not in head and "by " not in head  # the sample's date and author are empty


def test_the_header_shows_the_date_author_and_a_web_link_from_the_metadata(tmp_path):
    meta = {
        "title": "Maliki calls for Russia's visible presence in Iraq",
        "publication": "The Arab Weekly",
        "date": "2017-11-05",
        "author": "Mamoon Alabbasi",
        "url": "https://thearabweekly.com/maliki?from=a&to=b",
    }
    page = write_page(tmp_path, meta)
    head = page_head(export_page(page, tmp_path / "page.html").read_text(encoding="utf-8"))
    assert "<h1>Maliki calls for Russia&#39;s visible presence in Iraq</h1>" in head
    assert '<time datetime="2017-11-05">2017-11-05</time>' in head
    assert 'by <span class="author">Mamoon Alabbasi</span>' in head
    assert (
        '<a href="https://thearabweekly.com/maliki?from=a&amp;to=b" rel="noopener noreferrer">'
        in head
    )
    assert "File: maliki-visit.txt" in head


def test_header_metadata_is_escaped_and_only_a_web_address_becomes_a_link(tmp_path):
    meta = {
        "publication": "<script>window.pwned=1</script>Weekly",
        "date": "5 November 2017",
        "author": '"><img src=x onerror=alert(1)>',
        "url": "javascript:alert(1)",
    }
    page = write_page(tmp_path, meta)
    head = page_head(export_page(page, tmp_path / "page.html").read_text(encoding="utf-8"))
    assert "<script" not in head and "<img" not in head
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;Weekly" in head
    assert "<time>5 November 2017</time>" in head  # not YYYY-MM-DD: no datetime attribute
    assert "<a " not in head and "javascript" not in head


def test_a_meta_json_nested_too_deep_is_no_metadata_not_a_traceback(tmp_path):
    # json.loads raises RecursionError on 5,000 levels; the page's metadata only adds to it.
    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    page.with_suffix(".meta.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    html = export_page(page, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "Maliki" in html
    from reader.framing import frames_json

    assert frames_json(str(page))["outlets"]
