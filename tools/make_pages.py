"""Make newspaper-like pages (a PDF text layer) from real articles, with their true layout.

Each page is set the way ``../shared/data/dev-pages/typeset`` pages are: narrow
columns (a width drawn per page, 28-45 characters, narrower under a drop capital and
sometimes per article), words hyphenated at the line end (pyphen's dictionary when
it is installed, a syllable heuristic otherwise), compounds broken at their own
hyphen, drop capitals (" T " / "he ...", with or without a blank line, "W" /
"ASHINGTON", single-letter words " A " / " Bloomberg"), column breaks (a blank line)
wherever a column fills up — in mid-sentence and mid-word — trailing spaces on some
lines, a lost space before an opening quote ("for“Russia’s"), photo captions (a
display line with a leading space) set between body lines, and one or two further
articles whose headline is a display line. Pages vary: width, how many articles
(1-3), where captions stand and how many, blank-line styles, whether the first
article has a headline. ``--hard`` adds kinds the dev pages do not have (two-line
captions, two-line headlines, bylines, line-end hyphens lost as in OCR ("dem" /
"ocrats"), no blank line between some paragraphs, wider spread of widths).

Sources: ``polnear`` (../shared/data/polnear-dev/text, the articles the dev
pages were made from) and ``basil`` (../shared/data/basil/articles, another
corpus: use it for held-out checks).  A fixed ``--seed`` makes the same pages.

usage:
  python -m tools.make_pages --source basil --count 5 --seed 7 --out /tmp/pages
  python -m tools.make_pages --source polnear --count 2 --ocr --out /tmp/ocr

Writes NAME.txt and NAME.gold.json ({"articles": [{"headline", "byline",
"paragraphs", "captions"}], "sources": [...], "settings": {...}}), the format
``../shared/tools/score_layout.py`` reads.  ``--ocr`` also renders each page as
a multi-column PNG with Pillow (DejaVu fonts) and reads it back with the
``tesseract`` command; the .txt is then Tesseract's text.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))


# --------------------------------------------------------------------------- sources
@dataclass
class Source:
    ident: str
    title: str
    paragraphs: list[str]
    author: str | None = None


def load_polnear(shared: Path = SHARED) -> list[Source]:
    base = shared / "data" / "polnear-dev"
    meta: dict[str, dict] = {}
    tsv = base / "metadata.tsv"
    if tsv.exists():
        with open(tsv, encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                meta[row["filename"]] = row
    out = []
    for path in sorted((base / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
        if len(blocks) < 2:
            continue
        row = meta.get(path.stem, {})
        title = (row.get("title") or blocks[0].replace("\n", " ")).strip()
        paragraphs = [line.strip() for b in blocks[1:] for line in b.split("\n") if line.strip()]
        author = (row.get("author") or "").strip() or None
        out.append(Source(path.name, title, paragraphs, author))
    return out


def load_basil(shared: Path = SHARED) -> list[Source]:
    out = []
    for path in sorted(glob.glob(str(shared / "data" / "basil" / "articles" / "*" / "*.json"))):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        paragraphs = []
        for para in data.get("body-paragraphs", []):
            text = " ".join(s.strip() for s in para if s and s.strip())
            if text:
                paragraphs.append(text)
        title = (data.get("title") or "").strip()
        # some articles repeat the title (or a subtitle) as the first body paragraph:
        # on a page that is a display line, not body text, so leave it out
        while (
            paragraphs
            and len(paragraphs[0]) < 120
            and (
                paragraphs[0].strip().rstrip(".").lower() == title.rstrip(".").lower()
                or not re.search(r"[.?!:\"”’')]$", paragraphs[0].strip())
            )
        ):
            paragraphs.pop(0)
        if paragraphs and title:
            out.append(Source(os.path.relpath(path, shared / "data" / "basil"), title, paragraphs))
    return out


def load_sources(name: str, shared: Path = SHARED) -> list[Source]:
    if name == "polnear":
        return load_polnear(shared)
    if name == "basil":
        return load_basil(shared)
    raise SystemExit(f"unknown source {name!r} (polnear or basil)")


# --------------------------------------------------------------------------- hyphenation
class Hyphenator:
    """Where a word may be broken: pyphen's en_US patterns if present, else a heuristic."""

    def __init__(self) -> None:
        try:
            import pyphen

            self._dic = pyphen.Pyphen(lang="en_US", left=2, right=2)
            self.kind = "pyphen"
        except Exception:  # pragma: no cover - fallback when pyphen is missing
            self._dic = None
            self.kind = "heuristic"
        self._cache: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        """Break points inside a run of letters (indices into ``word``)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) < 4 or word.isupper():
            pos: list[int] = []
        elif self._dic is not None:
            pos = list(self._dic.positions(word))
        else:
            pos = _heuristic_positions(word)
        self._cache[word] = pos
        return pos

    def splits(self, word: str) -> list[tuple[str, str]]:
        """All (head, tail) ways to break a token at a line end, head as printed."""
        m = re.match(r"^(\W*)(.*?)(\W*)$", word)
        lead, core, trail = m.group(1), m.group(2), m.group(3)
        if not core or any(ch.isdigit() for ch in core) or "/" in core or "@" in core:
            return []
        out = []
        # an existing hyphen: the compound breaks there and keeps its hyphen
        for i, ch in enumerate(core):
            if ch == "-" and 0 < i < len(core) - 1:
                out.append((lead + core[: i + 1], core[i + 1 :] + trail))
        # syllable breaks inside each hyphen-separated part (letters before an apostrophe)
        offset = 0
        for part in core.split("-"):
            letters = re.match(r"[^\W\d_]+", part)
            if letters:
                for p in self.positions(letters.group(0)):
                    k = offset + p
                    out.append((lead + core[:k] + "-", core[k:] + trail))
            offset += len(part) + 1
        return out


def _heuristic_positions(word: str) -> list[int]:
    """Break between two consonants that follow a vowel (VC-CV), keeping 2+ letters each side."""
    vowels = set("aeiouyAEIOUY")
    out = []
    for i in range(2, len(word) - 2):
        a, b = word[i - 1], word[i]
        if a not in vowels and b not in vowels and word[i - 2] in vowels and a != b.lower():
            if word[i - 1 : i + 1].lower() not in ("th", "ch", "sh", "ph", "wh", "ck", "gh"):
                out.append(i)
    return out


# --------------------------------------------------------------------------- typesetting
def set_paragraph(
    text: str,
    width: int,
    rng: random.Random,
    hy: Hyphenator,
    p_hyphen: float,
    narrow: tuple[int, int] = (0, 0),
) -> list[str]:
    """Greedy line filling with hyphenation; ``narrow`` = (lines, chars) taken by a drop capital."""
    words = text.split()
    lines: list[str] = []
    cur = ""

    def room_for(index: int) -> int:
        return width - (narrow[1] if index < narrow[0] else 0)

    for word in words:
        w = room_for(len(lines))
        cand = f"{cur} {word}" if cur else word
        if len(cand) <= w:
            cur = cand
            continue
        room = w - len(cur) - (1 if cur else 0)
        best = None
        if rng.random() < p_hyphen:
            fits = [s for s in hy.splits(word) if len(s[0]) <= room and len(s[1]) >= 2]
            if fits:
                best = max(fits, key=lambda s: len(s[0]))
        if best:
            lines.append(f"{cur} {best[0]}" if cur else best[0])
            cur = best[1]
        else:
            if cur:
                lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


NAME_RE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\b")
NOT_NAMES = {"The", "But", "And", "In", "On", "At", "It", "He", "She", "This", "That", "A", "If"}
INSTITUTION = {
    "House",
    "Senate",
    "Committee",
    "Party",
    "Department",
    "Court",
    "Group",
    "Strategy",
    "Street",
    "News",
    "Times",
    "Post",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "National",
    "United",
    "States",
    "Office",
    "Council",
    "Center",
    "University",
    "Dog",
}
LABELS = [
    "Geopolitical challenge",
    "Under pressure",
    "On the trail",
    "Face to face",
    "Tough talk",
    "Centre stage",
    "Looking ahead",
    "In the spotlight",
    "Making a point",
    "Standoff",
    "Scene",
    "Crowd pleaser",
    "Fighting words",
    "Hard sell",
]
PLACES = [
    "in Washington",
    "in New York",
    "at the White House",
    "in Des Moines, Iowa",
    "on Capitol Hill",
    "in Columbus, Ohio",
    "in Philadelphia",
    "in Tampa, Florida",
]
CREDITS = ["AP", "Reuters", "AFP", "Getty Images", "File photo", "AP Photo/Evan Vucci", "EPA"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def names_in(paragraphs: list[str]) -> list[str]:
    counts: Counter[str] = Counter()
    for p in paragraphs:
        for m in NAME_RE.finditer(p):
            name = m.group(1)
            if name.split()[0] not in NOT_NAMES and not INSTITUTION & set(name.split()):
                counts[name] += 1
    return [n for n, _ in counts.most_common(6)] or ["A protester", "An official"]


def make_caption(rng: random.Random, paragraphs: list[str], other_title: str | None) -> str:
    names = names_in(paragraphs)
    name, name2 = rng.choice(names), rng.choice(names + ["an aide"])
    label, place = rng.choice(LABELS), rng.choice(PLACES)
    credit, day = rng.choice(CREDITS), rng.choice(DAYS)
    templates = [
        f"{label}. {name} (L) shakes hands with {name2} {place}",
        f"{label}. {name} speaks to supporters {place}, on {day}. ({credit})",
        f"{name} arrives for a meeting {place} on {day}. ({credit})",
        f"{label}. {name} listens during a hearing {place} ({credit})",
        f"{label}. A supporter holds a sign outside a rally {place}",
        f"{name} waves to the crowd {place} ({credit})",
    ]
    if other_title:
        templates.append(f"Scene. {other_title} (File photo)")
    return rng.choice(templates)


@dataclass
class Entry:
    kind: str  # body, blank, display
    text: str = ""


@dataclass
class PageSettings:
    width: int
    column_lines: int
    p_trailing: float
    p_hyphen: float
    articles: int
    top_headline: bool
    captions: int
    hard: bool
    widths: list[int] = field(default_factory=list)


def _drop_capital(rng: random.Random, para: str, entries: list[Entry], setp) -> list[str] | None:
    """Set the opening paragraph with a drop capital; returns the body lines or None."""
    first = para.split()[0]
    if not first[0].isalpha():
        return None
    letter, rest_of_word = first[0], first[1:]
    style = rng.choice(["space", "space-blank", "bare", "bare-blank"])
    cap = f" {letter} " if style.startswith("space") else letter
    entries.append(Entry("display-cap", cap))
    if style.endswith("blank"):
        entries.append(Entry("blank"))
    rest = para[len(first) :]
    text = (rest_of_word + rest).strip() if rest_of_word else rest.strip()
    lines = setp(text, narrow=(rng.choice([2, 3]), 3))
    if not rest_of_word and lines and rng.random() < 0.75:
        lines[0] = " " + lines[0]  # " A " / " Bloomberg poll shows that"
    return lines


def make_page(rng: random.Random, sources: list[Source], hy: Hyphenator, hard: bool = False):
    """One page: returns (text, gold dict)."""
    n_articles = rng.choices([1, 2, 3], weights=[2, 6, 3])[0]
    chosen = rng.sample(sources, n_articles)
    width = rng.randint(24, 48) if hard else rng.randint(28, 45)
    st = PageSettings(
        width=width,
        column_lines=rng.randint(22, 60),
        p_trailing=rng.choice([0.0, 0.2, 0.5, 0.8]),
        p_hyphen=rng.choice([0.6, 0.85, 1.0]),
        articles=n_articles,
        top_headline=rng.random() < 0.25,
        captions=rng.choices([0, 1, 2], weights=[1, 5, 2])[0],
        hard=hard,
    )
    entries: list[Entry] = []
    gold_articles = []
    article_spans = []
    for index, src in enumerate(chosen):
        start = len(entries)
        max_paras = rng.randint(5, 22)
        paras = src.paragraphs[:max_paras]
        art_width = width if rng.random() < 0.6 else max(22, width + rng.randint(-8, 4))
        st.widths.append(art_width)

        def setp(text, narrow=(0, 0), w=art_width):
            return set_paragraph(text, w, rng, hy, st.p_hyphen, narrow)

        headline = None
        if index > 0 or st.top_headline:
            headline = src.title
            if index > 0 and rng.random() < 0.35:
                entries.append(Entry("blank"))
            if hard and len(headline) > 45 and rng.random() < 0.5:
                cut = headline.rfind(" ", 0, len(headline) // 2 + 6)  # a headline on two lines
                entries.append(Entry("display", headline[:cut]))
                entries.append(Entry("display", headline[cut + 1 :]))
            else:
                entries.append(Entry("display", headline))
            if rng.random() < 0.45:
                entries.append(Entry("blank"))
        byline = None
        author = re.sub(r"^by\s+", "", (src.author or "").strip(), flags=re.I)
        author = re.split(r"[,.;@]| and ", author)[0].strip()
        if hard and author and len(author.split()) >= 2 and rng.random() < 0.5:
            byline = f"By {author}"
            entries.append(Entry("body", byline))
            entries.append(Entry("blank"))
        for k, para in enumerate(paras):
            lines = None
            if k == 0 and rng.random() < 0.8:
                lines = _drop_capital(rng, para, entries, setp)
            if lines is None:
                lines = setp(para)
            entries.extend(Entry("body", line) for line in lines)
            if k < len(paras) - 1:
                if hard and rng.random() < 0.15:
                    continue  # no blank line: only the short last line tells
                entries.append(Entry("blank"))
                if rng.random() < 0.05:
                    entries.append(Entry("blank"))
        article_spans.append((start, len(entries)))
        gold_articles.append(
            {"headline": headline, "byline": byline, "paragraphs": list(paras), "captions": []}
        )

    # captions: display lines between body lines (mid-paragraph, between paragraphs, at the end)
    inserts = []
    for _ in range(st.captions):
        a = rng.randrange(len(chosen))
        s, e = article_spans[a]
        body_positions = [i for i in range(s + 1, e) if entries[i - 1].kind == "body"]
        if not body_positions:
            continue
        pos = e if rng.random() < 0.2 else rng.choice(body_positions)
        others = [c.title for j, c in enumerate(chosen) if j != a] or [rng.choice(sources).title]
        caption = make_caption(rng, chosen[a].paragraphs, rng.choice(others))
        block = [Entry("display", caption)]
        if hard and len(caption) > 50 and rng.random() < 0.4:
            cut = caption.rfind(" ", 0, len(caption) // 2 + 8)
            block = [Entry("display", caption[:cut]), Entry("display", caption[cut + 1 :])]
        if rng.random() < 0.3:
            block = [Entry("blank"), *block, Entry("blank")]
        inserts.append((pos, a, caption, block))
    for _pos, a, caption, _ in sorted(inserts, key=lambda x: x[0]):
        gold_articles[a]["captions"].append(caption)  # in page order
    for pos, _, _, block in sorted(inserts, key=lambda x: -x[0]):
        entries[pos:pos] = block

    # column breaks: a blank line each time a column fills up (anywhere, even mid-word)
    out: list[Entry] = []
    count = 0
    first_break = True
    height = st.column_lines
    for i, entry in enumerate(entries):
        out.append(entry)
        if entry.kind != "blank":
            count += 1
        if count >= height and entry.kind == "body":
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            if first_break and not entry.text.endswith("-") and rng.random() < 0.5:
                # aim the first break at a hyphenated line end within the next few lines
                ahead = [
                    j
                    for j in range(i + 1, min(i + 6, len(entries)))
                    if entries[j].kind == "body" and entries[j].text.endswith("-")
                ]
                if ahead:
                    continue
            if nxt is not None and nxt.kind == "body":
                out.append(Entry("blank"))
            count = 0
            first_break = False
            height = st.column_lines + rng.randint(-3, 3)

    lines = []
    for entry in out:
        if entry.kind == "blank":
            lines.append(" " if rng.random() < 0.03 else "")
            continue
        text = entry.text
        if entry.kind == "display":
            text = " " + text
        if entry.kind != "display-cap" and not text.endswith("-") and rng.random() < st.p_trailing:
            text += " "
        elif entry.kind == "display" and rng.random() < 0.5:
            text += " "
        lines.append(text)
    # a text layer that lost the space before an opening quote: for“Russia’s
    glued = 0
    if rng.random() < 0.35:
        spots = [i for i, ln in enumerate(lines) if re.search(r"\w “", ln)]
        for i in rng.sample(spots, min(len(spots), rng.randint(1, 2))):
            lines[i] = re.sub(r"(\w) “", r"\1“", lines[i], count=1)
            glued += 1
    # hard: OCR that lost a line-end hyphen ("dem" / "ocrats")
    lost = 0
    if hard and rng.random() < 0.5:
        spots = [
            i
            for i, ln in enumerate(lines[:-1])
            if re.search(r"[a-z]{2}-$", ln) and lines[i + 1][:1].islower()
        ]
        for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
            lines[i] = lines[i][:-1]
            lost += 1
    text = "\n".join(lines).rstrip(" ") + "\n"
    gold = {
        "articles": gold_articles,
        "sources": [c.ident for c in chosen],
        "settings": {
            "width": st.width,
            "widths": st.widths,
            "column_lines": st.column_lines,
            "p_trailing": st.p_trailing,
            "p_hyphen": st.p_hyphen,
            "captions": st.captions,
            "top_headline": st.top_headline,
            "glued_quotes": glued,
            "lost_hyphens": lost,
            "hard": hard,
            "hyphenator": hy.kind,
        },
    }
    return text, gold


def make_set(source: str, count: int, seed: int, hard: bool = False, shared: Path = SHARED):
    """``count`` pages from one source: a list of (name, text, gold)."""
    sources = load_sources(source, shared)
    if not sources:
        raise SystemExit(f"no {source} articles found under {shared}")
    rng = random.Random(f"{source}:{seed}:{int(hard)}")
    hy = Hyphenator()
    pages = []
    for i in range(count):
        text, gold = make_page(rng, sources, hy, hard=hard)
        gold["settings"]["seed"] = seed
        pages.append((f"{source}-{seed}-{i:03d}{'-hard' if hard else ''}", text, gold))
    return pages


# --------------------------------------------------------------------------- OCR pages
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def render_page(text_gold: dict, rng: random.Random, png: Path, width_chars: int) -> list[Path]:
    """Render the gold layout as a 2-3 column newspaper page image (Pillow, DejaVu Serif)."""
    from PIL import Image, ImageDraw, ImageFont

    body = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 26)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 40)
    ital = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Italic.ttf"), 22)
    big = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 80)
    hy = Hyphenator()
    ncols = rng.choice([2, 3])
    col_px = int(width_chars * 14.5)
    gap = 80
    margin = 60
    page_w = margin * 2 + ncols * col_px + (ncols - 1) * gap
    line_h = 34
    col_lines = rng.randint(45, 70)
    page_h = margin * 2 + 140 + col_lines * line_h
    pages_imgs = []
    img = Image.new("L", (page_w, page_h), 255)
    draw = ImageDraw.Draw(img)
    col = 0
    y = margin
    x = margin

    def new_column():
        nonlocal col, y, x, img, draw
        col += 1
        if col >= ncols:
            pages_imgs.append(img)
            img = Image.new("L", (page_w, page_h), 255)
            draw = ImageDraw.Draw(img)
            col = 0
        x = margin + col * (col_px + gap)
        y = margin

    def need(h):
        if y + h > page_h - margin:
            new_column()

    for art in text_gold["articles"]:
        if art["headline"]:
            # a headline spans one column, wrapped
            words = art["headline"].split()
            line = ""
            hl_lines = []
            for w in words:
                cand = f"{line} {w}".strip()
                if draw.textlength(cand, font=bold) > col_px and line:
                    hl_lines.append(line)
                    line = w
                else:
                    line = cand
            hl_lines.append(line)
            need(len(hl_lines) * 50 + 20)
            for hl in hl_lines:
                draw.text((x, y), hl, font=bold, fill=0)
                y += 50
            y += 20
        for k, para in enumerate(art["paragraphs"]):
            lines = set_paragraph(para, width_chars, rng, hy, 0.9)
            for j, line in enumerate(lines):
                need(line_h)
                if k == 0 and j == 0 and line[:1].isalpha() and rng.random() < 0.5:
                    need(line_h * 3)
                    draw.text((x, y - 6), line[0], font=big, fill=0)
                    sub = set_paragraph(para[1:], width_chars - 5, rng, hy, 0.9)
                    for m, s in enumerate(sub):
                        need(line_h)
                        draw.text((x + (75 if m < 2 else 0), y), s, font=body, fill=0)
                        y += line_h
                    break
                draw.text((x, y), line, font=body, fill=0)
                y += line_h
            y += line_h // 2
        for cap in art["captions"]:
            need(260)
            draw.rectangle((x, y, x + col_px, y + 180), fill=200)
            y += 190
            words, line = cap.split(), ""
            for w in words:
                cand = f"{line} {w}".strip()
                if draw.textlength(cand, font=ital) > col_px and line:
                    draw.text((x, y), line, font=ital, fill=0)
                    y += 28
                    line = w
                else:
                    line = cand
            draw.text((x, y), line, font=ital, fill=0)
            y += 50
    pages_imgs.append(img)
    paths = []
    for i, im in enumerate(pages_imgs):  # one PNG a sheet: NAME.png, NAME-2.png, ...
        path = png if i == 0 else png.with_name(f"{png.stem}-{i + 1}.png")
        im.save(path)
        paths.append(path)
    return paths


def ocr_page(gold: dict, rng: random.Random, png: Path) -> str:
    if not shutil.which("tesseract"):
        raise SystemExit("tesseract is not installed (apt-get install -y tesseract-ocr)")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core; far faster for one page
    texts = []
    for sheet in render_page(gold, rng, png, gold["settings"]["width"]):
        done = subprocess.run(
            ["tesseract", str(sheet), "-", "-l", "eng", "--dpi", "300"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        texts.append(done.stdout.strip("\n\f "))
    return "\n\n".join(texts) + "\n"


def make_ocr_set(source: str, count: int, seed: int, shared: Path = SHARED):
    """``count`` made pages rendered and read back by Tesseract: (name, ocr text, gold)."""
    out = []
    for name, _, gold in make_set(source, count, seed, shared=shared):
        with tempfile.TemporaryDirectory() as tmp:
            text = ocr_page(gold, random.Random(f"ocr:{name}"), Path(tmp) / f"{name}.png")
        out.append((f"ocr-{name}", text, gold))
    return out


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--source", choices=["polnear", "basil"], default="basil")
    ap.add_argument("--count", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hard", action="store_true", help="add kinds the dev pages lack")
    ap.add_argument("--ocr", action="store_true", help="render to PNG and read back with tesseract")
    ap.add_argument(
        "--keep-png", action="store_true", help="keep the rendered PNGs beside the pages"
    )
    ap.add_argument("--out", default="-", help="folder to write to (default: print the first page)")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"make_pages: {SHARED} is absent; nothing to make pages from.")
        return 0
    pages = make_set(args.source, args.count, args.seed, args.hard)
    if args.out == "-":
        name, text, gold = pages[0]
        sys.stdout.write(text)
        print("----- gold:", json.dumps(gold, ensure_ascii=False)[:2000])
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text, gold in pages:
        if args.ocr:
            rng = random.Random(f"ocr:{name}")  # the same as make_ocr_set
            with tempfile.TemporaryDirectory() as tmp:
                png = Path(tmp) / f"{name}.png"
                text = ocr_page(gold, rng, png)
                if args.keep_png:
                    for sheet in Path(tmp).glob("*.png"):
                        shutil.copy(sheet, out / sheet.name)
            name = f"ocr-{name}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / f"{name}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(f"wrote {len(pages)} pages to {out} (hyphenation: {Hyphenator().kind})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
