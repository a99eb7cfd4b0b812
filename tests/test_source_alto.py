"""ALTO XML read into positioned words: versions 2 to 4, units, styles, hyphenation, bad XML."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from reader.clean.pagefile import PageError
from reader.sources import source_kind
from reader.sources.alto import read_alto

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
DEV_PDF = SHARED / "data" / "dev-pages" / "pdf"

ALTO_V3_NO_NAMESPACE = """<?xml version="1.0"?>
<alto><Description><MeasurementUnit>mm10</MeasurementUnit></Description>
<Layout><Page WIDTH="2540" HEIGHT="3556"><PrintSpace><TextBlock>
<TextLine HPOS="254" VPOS="254" WIDTH="1000" HEIGHT="50">
<String CONTENT="Lavrov" HPOS="254" VPOS="254" WIDTH="254" HEIGHT="50"/><SP/>
<String CONTENT="spoke" HPOS="600" VPOS="254" WIDTH="200" HEIGHT="50"/>
</TextLine></TextBlock></PrintSpace></Page></Layout></alto>
"""

LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY lol0 "lol">{LAUGHS}]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="10" HEIGHT="10">
<TextBlock><TextLine><String CONTENT="x" HPOS="1" VPOS="1" WIDTH="1" HEIGHT="1"/></TextLine>
</TextBlock></Page></Layout><Tags>&lol9;</Tags></alto>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="10" HEIGHT="10">
<TextBlock><TextLine><String CONTENT="root" HPOS="1" VPOS="1" WIDTH="1" HEIGHT="1"/>
</TextLine></TextBlock></Page></Layout><Tags>&x;</Tags></alto>
"""


def texts(page) -> list[str]:
    return [word.text for word in page.words]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_alto_v2_in_inch1200_is_read_in_points_with_its_styles():
    (page,) = read_alto(DATA / "alto_v2_inch1200.xml")
    assert page.unit == "pt"
    assert (page.width, page.height) == (612.0, 792.0)  # 10200 x 13200 / 1200 inch: US letter
    assert texts(page)[:5] == ["NORTHFIELD", "POST", "Maliki", "visits", "Moscow"]
    by_text = {word.text: word for word in page.words}
    headline, body, caption = by_text["visits"], by_text["talks"], by_text["Moscow."]
    assert (headline.size, headline.bold, headline.italic) == (24.0, True, False)
    assert (body.size, body.bold) == (9.0, False)
    assert (caption.size, caption.italic) == (7.5, True)  # the line's STYLEREFS
    assert by_text["news,"].bold  # the String's own STYLE
    assert (headline.x0, headline.top, headline.x1, headline.bottom) == (162.0, 48.0, 264.0, 72.0)
    assert by_text["The"].confidence == 91.0


def test_alto_hyphenation_gives_the_printed_hyphen_and_the_whole_word():
    (page,) = read_alto(DATA / "alto_v2_inch1200.xml")
    first, second = [word for word in page.words if word.hyphenated]
    assert (first.text, second.text) == ("inter-", "national")
    assert first.hyphenated == second.hyphenated == "international"
    assert first.line + 1 == second.line
    assert first.x1 == pytest.approx(3400 * 72 / 1200)  # the HYP's right edge ends the word


def test_alto_hyp_element_ends_the_line_with_a_hyphen_in_any_form():
    first, _ = read_alto(DATA / "alto_v4_pixel.xml")
    assert texts(first)[3:6] == ["Officials", "co-", "operate"]  # <HYP CONTENT="¬"/>


def test_alto_lines_and_blocks_are_numbered_within_each_page():
    first, second = read_alto(DATA / "alto_v4_pixel.xml")
    assert [(w.text, w.line, w.block) for w in first.words][::2] == [
        ("Iran", 0, 0),
        ("Russia", 0, 0),
        ("co-", 1, 1),
        ("Page", 3, 2),
    ]
    assert (second.number, texts(second)) == (2, ["Continued", "here."])
    assert [(w.line, w.block) for w in second.words] == [(0, 0), (0, 0)]


def test_alto_in_pixels_sizes_styled_words_in_pixels_beside_unstyled_ones():
    first, _ = read_alto(DATA / "alto_v4_pixel.xml")
    assert first.unit == "px"
    by_text = {word.text: word for word in first.words}
    # FONTSIZE 20 and 10: the styles' ratio holds, whatever the lines' heights (90 and 42)
    assert by_text["Iran"].size / by_text["Officials"].size == pytest.approx(2.0)
    assert 40 <= by_text["Officials"].size <= 45  # pixels, as a line's height is
    assert by_text["Page"].size == 30.0  # no style: its line's height
    assert by_text["Iran"].bold and not by_text["Page"].bold


# Tesseract's ALTO of a drop capital "F" read into the second line, a capital "I" read as
# a bar, and a column rule cut into a line (taller than the type), as in the dev pages.
TESSERACT_SLIPS = """<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
<Description><MeasurementUnit>pixel</MeasurementUnit></Description><Layout>
<Page WIDTH="1650" HEIGHT="2550"><PrintSpace><ComposedBlock><TextBlock>
<TextLine HPOS="124" VPOS="351" WIDTH="231" HEIGHT="19">
<String HPOS="124" VPOS="351" WIDTH="76" HEIGHT="18" CONTENT="ollowing"/>
<String HPOS="212" VPOS="351" WIDTH="87" HEIGHT="19" CONTENT="Monday's"/></TextLine>
<TextLine HPOS="80" VPOS="356" WIDTH="275" HEIGHT="46">
<String HPOS="80" VPOS="356" WIDTH="34" HEIGHT="46" CONTENT="F"/>
<String HPOS="123" VPOS="373" WIDTH="69" HEIGHT="15" CONTENT="idential"/>
<String HPOS="203" VPOS="373" WIDTH="61" HEIGHT="15" CONTENT="debate"/></TextLine>
<TextLine HPOS="80" VPOS="394" WIDTH="275" HEIGHT="20">
<String HPOS="80" VPOS="394" WIDTH="60" HEIGHT="19" CONTENT="“Why"/>
<String HPOS="148" VPOS="398" WIDTH="20" HEIGHT="11" CONTENT="do"/>
<String HPOS="176" VPOS="394" WIDTH="6" HEIGHT="15" CONTENT="|"/>
<String HPOS="190" VPOS="394" WIDTH="50" HEIGHT="19" CONTENT="know?”"/></TextLine>
<TextLine HPOS="80" VPOS="420" WIDTH="275" HEIGHT="30">
<String HPOS="80" VPOS="424" WIDTH="40" HEIGHT="18" CONTENT="what"/>
<String HPOS="128" VPOS="424" WIDTH="30" HEIGHT="14" CONTENT="we"/>
<String HPOS="165" VPOS="414" WIDTH="4" HEIGHT="34" CONTENT="|"/>
<String HPOS="176" VPOS="424" WIDTH="40" HEIGHT="14" CONTENT="who"/></TextLine>
</TextBlock></ComposedBlock></PrintSpace></Page></Layout></alto>
"""


def test_tesseract_slips_with_capitals_are_mended(tmp_path):
    (page,) = read_alto(write(tmp_path, "page.xml", TESSERACT_SLIPS))
    lines = {}
    for word in page.words:
        lines.setdefault(word.line, []).append(word.text)
    assert list(lines.values()) == [
        ["F"],
        ["ollowing", "Monday's"],
        ["idential", "debate"],
        ["“Why", "do", "I", "know?”"],
        ["what", "we", "|", "who"],  # a column rule: taller than the type
    ]


def test_alto_without_a_namespace_in_mm10(tmp_path):
    (page,) = read_alto(write(tmp_path, "page.xml", ALTO_V3_NO_NAMESPACE))
    assert texts(page) == ["Lavrov", "spoke"]
    assert page.unit == "pt"
    assert page.words[0].x0 == pytest.approx(72.0)  # 254 tenths of a millimetre: one inch


def test_billion_laughs_is_refused_in_one_line_at_once(tmp_path):
    path = write(tmp_path, "bomb.xml", BILLION_LAUGHS)
    started = time.perf_counter()
    with pytest.raises(PageError) as caught:
        list(read_alto(path))
    assert time.perf_counter() - started < 2
    assert "\n" not in str(caught.value)
    assert "lollol" not in str(caught.value)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_billion_laughs_takes_little_memory(tmp_path):
    # VmHWM, the peak of this process's own memory: ru_maxrss would keep the peak of the
    # pytest process it was forked from
    script = (
        "import sys\n"
        "from reader.sources.alto import read_alto\n"
        "try:\n    list(read_alto(sys.argv[1]))\nexcept ValueError:\n    pass\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "print(status.split()[0])\n"
    )
    path = write(tmp_path, "bomb.xml", BILLION_LAUGHS)
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) < 300 * 1024  # kB: an expanded bomb is gigabytes


def test_external_entity_is_refused_and_the_file_not_read(tmp_path):
    path = write(tmp_path, "page.xml", EXTERNAL_ENTITY)
    with pytest.raises(PageError, match="declares XML entities") as caught:
        list(read_alto(path))
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<TEI><text>Lavrov</text></TEI>", "not ALTO"),
        ("<alto><Layout><Page", "not well-formed XML"),
        ("", "empty"),
        ("<alto><Layout/></alto>", "no <Page>"),
        (
            '<alto><Layout><Page><TextBlock><TextLine><String CONTENT="a" HPOS="ten"/>'
            "</TextLine></TextBlock></Page></Layout></alto>",
            "HPOS='ten'",
        ),
    ],
)
def test_xml_that_is_no_alto_page_gets_one_line(tmp_path, text, message):
    with pytest.raises(PageError, match=re.escape(message)) as caught:
        list(read_alto(write(tmp_path, "page.xml", text)))
    assert "\n" not in str(caught.value)


def test_the_command_line_refuses_a_bomb_with_status_2(tmp_path, capsys):
    from reader import cli

    path = write(tmp_path, "bomb.xml", BILLION_LAUGHS)
    code = cli.main(["clean", str(path), "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("reader clean: ") and captured.err.count("\n") == 1
    assert "unsafe" in captured.err


def test_clean_file_refuses_a_bomb_before_cleaning(tmp_path):
    from reader.clean.files import clean_file

    path = write(tmp_path, "bomb.xml", BILLION_LAUGHS)
    assert source_kind(path) == "alto"
    with pytest.raises(PageError) as caught:
        clean_file(path)
    assert "\n" not in str(caught.value)


@pytest.mark.shared
@pytest.mark.skipif(not DEV_PDF.is_dir(), reason="../shared/data/dev-pages is absent")
def test_tesseract_alto_of_the_dev_pages_holds_the_articles_words():
    for path in sorted(DEV_PDF.glob("*.alto.xml"))[:4]:
        (page,) = read_alto(path)
        gold = json.loads(path.with_name(path.name.split(".")[0] + ".gold.json").read_text())
        want = Counter(
            word
            for article in gold["articles"]
            for part in [article["headline"] or "", *article["paragraphs"], *article["captions"]]
            for word in part.split()
        )
        got = Counter(texts(page))
        found = sum((want & got).values()) / sum(want.values())
        assert found > 0.9, (path.name, found)  # hyphenated halves and OCR slips are the rest
        assert page.unit == "px" and page.width > 1000
        assert all(0 <= word.confidence <= 100 for word in page.words)
        lines = {word.line for word in page.words}
        assert lines == set(range(len(lines)))
