"""What a saved web page says of itself: outlet, title, date, author and URL.

News sites say it several ways at once, for search engines and social networks:
Open Graph ``<meta property="og:...">`` tags, ``article:*`` tags, plain
``<meta name="author">``, schema.org JSON-LD (``NewsArticle``, often inside an
``@graph``), the ``<title>`` ("Headline | Site"), a ``<time datetime>`` and the
byline.  `page_meta` asks them in that order of trust, field by field; a field
no source gives stays empty.  Dates come out as ISO ``YYYY-MM-DD``, the day the
page says it was published (its own time zone, not converted).

>>> from lxml import html
>>> tree = html.document_fromstring(
...     '<html><head><title>Maliki in Moscow | The Courier</title>'
...     '<meta property="article:published_time" content="2017-10-24T09:00:00Z">'
...     '<meta name="author" content="Tom Reed"></head><body><p>x</p></body></html>')
>>> page_meta(tree).to_json()
{'outlet': 'The Courier', 'title': 'Maliki in Moscow', 'date': '2017-10-24', 'author': 'Tom Reed'}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from reader.sources.model import SourceMeta

# A title's site part: "Headline | Site", "Headline - Site", "Site: Headline".
TITLE_SEPARATORS = re.compile(r"\s+[|–—•·-]\s+|\s*::\s*")
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "Report"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_PATTERNS = (
    re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<mon>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)"
    ),
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"),
)


def iso_date(text: str) -> str:
    """The first date written in ``text``, as ``YYYY-MM-DD``; "" when there is none.

    >>> iso_date("2016-10-04T09:59:00-04:00"), iso_date("Oct. 4, 2016"), iso_date("4 October 2016")
    ('2016-10-04', '2016-10-04', '2016-10-04')
    >>> iso_date("20161004"), iso_date("24.10.2017 10:15"), iso_date("Updated 3 hours ago")
    ('2016-10-04', '2017-10-24', '')
    """
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text or ""):
            parts = match.groupdict()
            month = parts.get("mon") or MONTHS.get((parts.get("month") or "").lower())
            if not month:
                continue
            month, day = int(month), int(parts["day"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append((match.start(), f"{parts['year']}-{month:02d}-{day:02d}"))
                break
    return min(found)[1] if found else ""


def page_meta(
    tree, headline: str = "", byline_name: str = "", shown_date: str = "", site_name: str = ""
) -> SourceMeta:
    """The page's outlet, title, date, author and URL, each from the surest source that gives it.

    ``headline`` (the article's headline as the page shows it) tells the site's
    part of ``<title>`` from the headline's; ``byline_name`` is the author when no
    meta tag names one, ``shown_date`` (a date line or byline the page shows)
    the date when no tag gives it, and ``site_name`` (`shown_site_name`, read
    before the page's furniture went) the outlet when nothing else does.
    """
    tags = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    articles = [obj for obj in ld if _types(obj) & ARTICLE_TYPES]
    title_tag = _text(tree.find(".//title"))
    return SourceMeta(
        outlet=_first(
            tags.get("og:site_name"),
            *(_name(obj.get("publisher")) for obj in articles),
            *(
                _plain(obj.get("name"))
                for obj in ld
                if _types(obj) & {"WebSite", "NewsMediaOrganization"}
            ),
            tags.get("application-name"),
            tags.get("publisher"),
            tags.get("dc.publisher"),
            _site_of_title(title_tag, headline),
            site_name or shown_site_name(tree),
        ),
        title=_first(
            _headline_of_title(tags.get("og:title", ""), headline, keep_whole=True),
            *(_plain(obj.get("headline")) for obj in articles),
            tags.get("twitter:title"),
            headline,
            _headline_of_title(title_tag, headline),
        ),
        date=_first(
            *(iso_date(tags.get(name, "")) for name in DATE_TAGS),
            *(iso_date(_plain(obj.get("datePublished"))) for obj in articles),
            *(iso_date(value) for value in _itemprop_dates(tree)),
            *(iso_date(t.get("datetime", "")) for t in tree.iter("time")),
            iso_date(shown_date),
        ),
        author=_first(
            *(_author(tags.get(name, "")) for name in AUTHOR_TAGS),
            *(_authors(obj.get("author")) for obj in articles),
            byline_name,
        ),
        url=_first(
            tags.get("og:url"),
            _canonical(tree),
            *(_plain(obj.get("url")) for obj in articles),
        ),
    )


DATE_TAGS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "article.published",
)
AUTHOR_TAGS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")


def title_candidates(tree) -> list[str]:
    """Every way the page names its article's title, to find the headline among its headings.

    >>> from lxml import html
    >>> title_candidates(html.document_fromstring(
    ...     '<title>Site: Maliki in Moscow</title><p>x</p>'))
    ['Site: Maliki in Moscow', 'Site', 'Maliki in Moscow']
    """
    tags = _meta_tags(tree)
    ld = [obj for obj in _json_ld_objects(tree) if _types(obj) & ARTICLE_TYPES]
    title_tag = _text(tree.find(".//title"))
    found = [tags.get("og:title", ""), tags.get("twitter:title", "")]
    found += [_plain(obj.get("headline")) for obj in ld]
    found += [title_tag, *_title_parts(title_tag)]
    seen: dict[str, None] = {}
    for title in found:
        title = " ".join(title.split())
        if title:
            seen.setdefault(title)
    return list(seen)


def _title_parts(title: str) -> list[str]:
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) == 1 and ": " in title:
        parts = [p.strip() for p in title.split(": ", 1)]
    return parts if len(parts) > 1 else []


def _site_of_title(title: str, headline: str) -> str:
    """The part of "Headline | Site" that is not the headline (the shorter, when no headline)."""
    parts = _title_parts(title)
    flat = " ".join(headline.split()).lower()
    if not parts or " ".join(title.split()).lower() == flat:  # "Obama: Vote" is all headline
        return ""
    others = [p for p in parts if " ".join(p.split()).lower() != flat]
    if len(others) == len(parts):  # no part is the headline: the site is at an end, and shorter
        others = [min((parts[0], parts[-1]), key=len)]
    return others[-1] if others else ""


def _headline_of_title(title: str, headline: str, keep_whole: bool = False) -> str:
    """The headline's part of a title "Headline | Site"; with ``keep_whole``, the whole
    title unless the page's headline is one of its parts.

    >>> _headline_of_title("Maliki in Moscow | The Courier", "Maliki in Moscow", keep_whole=True)
    'Maliki in Moscow'
    >>> _headline_of_title("Maliki - a visit", "Talks", keep_whole=True)
    'Maliki - a visit'
    """
    parts = _title_parts(title)
    flat = " ".join(headline.split()).lower()
    if keep_whole:
        if any(" ".join(part.split()).lower() == flat for part in parts):
            return next(p for p in parts if " ".join(p.split()).lower() == flat)
        return title.strip()
    if not parts:
        return title.strip()
    site = _site_of_title(title, headline)
    rest = [p for p in parts if p != site]
    return max(rest, key=len) if rest else title.strip()


def shown_site_name(tree) -> str:
    """The site's name as the page shows it: its logo, else its footer's copyright line."""
    return _logo(tree) or _copyright_holder(tree)


LOGO_WORDS = ({"logo", "brand", "sitename", "sitetitle", "wordmark"}, {"masthead"})


def _logo(tree) -> str:
    """The site's name as its logo (else its masthead) writes it, when no tag gives it.

    >>> from lxml import html
    >>> _logo(html.fromstring('<div><a class="site-logo" href="/">The Courier</a></div>'))
    'The Courier'
    """
    for names in LOGO_WORDS:
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            value = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
            words = set(re.split(r"[\s_-]+", value)) | {
                re.sub(r"[_-]", "", v) for v in value.split()
            }
            if words & names:
                text = " ".join(" ".join(element.itertext()).split())
                if text and len(text.split()) <= 6:
                    return text
    return ""


COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?"
    r"((?:The |[A-Z0-9])[\w&'’. -]{1,60}?)\s*(?:[.,|—–]|\s-\s|\bAll rights\b|$)",
    re.IGNORECASE,
)


def _copyright_holder(tree) -> str:
    """The site's name as its footer's copyright line gives it, the last resort.

    >>> from lxml import html
    >>> _copyright_holder(html.fromstring('<div><p>x</p><div>© 2019 Coastline Times — About</div></div>'))
    'Coastline Times'
    """
    for element in reversed(list(tree.iter("footer", "div", "p", "small", "span"))):
        text = " ".join((element.text or "").split())
        match = COPYRIGHT.search(text)
        if match and len(match.group(1).split()) <= 6:
            return match.group(1).strip()
    return ""


def _meta_tags(tree) -> dict[str, str]:
    """``<meta>`` contents by lower-case property or name, the first of each kept."""
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        content = meta.get("content")
        if key and content and content.strip():
            tags.setdefault(key.lower(), content.strip())
    return tags


def _json_ld_objects(tree) -> Iterator[dict]:
    """Every object of the page's JSON-LD scripts, ``@graph`` members and lists unpacked."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD says nothing
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    return {kind} if isinstance(kind, str) else {k for k in kind or () if isinstance(k, str)}


def _plain(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _plain(value.get("name"))
    return _plain(value)


def _authors(value) -> str:
    """JSON-LD ``author``: one person, a name, or a list of them ("A and B")."""
    names = [_name(item) for item in (value if isinstance(value, list) else [value])]
    names = [_author(name) for name in names if name]
    names = [name for name in names if name]
    return " and ".join(names)


def _author(value: str) -> str:
    """A name from an author tag: not a profile URL, without a leading "By".

    >>> _author("By Maria Delgado"), _author("https://www.facebook.com/someone")
    ('Maria Delgado', '')
    """
    value = " ".join(value.split())
    if re.match(r"(?i)https?://|www\.", value):
        return ""
    return re.sub(r"(?i)^by\s+", "", value)


def _itemprop_dates(tree) -> Iterator[str]:
    for element in tree.iter():
        if (element.get("itemprop") or "") == "datePublished":
            yield element.get("content") or element.get("datetime") or _text(element)


def _canonical(tree) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return (link.get("href") or "").strip()
    return ""


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _first(*values: str | None) -> str:
    return next((value for value in values if value), "")
