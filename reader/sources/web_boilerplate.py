"""What on a saved web page is not the article: the rules that tell it, one function a rule.

A news page wraps its article in the site's furniture: navigation, a cookie
notice, share buttons, adverts, related-story lists, newsletter boxes, reader
comments, the footer.  None of it is told by the site's template here: each rule
says what boilerplate *is*, so that it holds on sites never seen.

- `named_boilerplate`: an element whose tag, ARIA role, class or id names it
  (``<nav>``, ``role="contentinfo"``, ``class="share-tools"``, ``id="comments"``).
- `link_block`: an element whose text is mostly links (a list of related
  stories, a menu without a telling name).
- `read_more_line`: a "READ MORE: ..." / "Related: ..." link line between
  paragraphs.
- `boilerplate_line`: a short line of known furniture ("Advertisement", "Story
  continues below", "Share this:", "Tags: ...", "© 2016 ...").

Each is a repair of `reader.clean.repairs.REPAIRS` (pages: web pages): its name
is the action of the decisions it records, and ``skip`` switches it off.
"""

from __future__ import annotations

import re

from reader.sources.web_meta import iso_date

# Words of a class or id (split at "-", "_" and spaces) that name page furniture, and what.
FURNITURE_WORDS: dict[str, str] = {
    "nav": "navigation",
    "navbar": "navigation",
    "navigation": "navigation",
    "menu": "navigation",
    "breadcrumb": "navigation",
    "breadcrumbs": "navigation",
    "skip": "navigation",
    "footer": "footer",
    "colophon": "footer",
    "cookie": "cookie notice",
    "cookies": "cookie notice",
    "consent": "cookie notice",
    "gdpr": "cookie notice",
    "share": "share buttons",
    "sharing": "share buttons",
    "sharedaddy": "share buttons",
    "social": "share buttons",
    "ad": "advert",
    "ads": "advert",
    "advert": "advert",
    "adverts": "advert",
    "advertisement": "advert",
    "advertising": "advert",
    "adslot": "advert",
    "dfp": "advert",
    "sponsored": "advert",
    "promo": "advert",
    "outbrain": "advert",
    "taboola": "advert",
    "related": "related stories",
    "relatedposts": "related stories",
    "recommended": "related stories",
    "recirculation": "related stories",
    "trending": "related stories",
    "popular": "related stories",
    "mostread": "related stories",
    "newsletter": "newsletter box",
    "subscribe": "newsletter box",
    "subscription": "newsletter box",
    "signup": "newsletter box",
    "comment": "comments",
    "comments": "comments",
    "disqus": "comments",
    "respond": "comments",
    "sidebar": "sidebar",
    "widget": "sidebar",
    "tags": "tags",
    "pullquote": "pull quote",
    "bio": "author box",
    "authorbox": "author box",
}
# Whole class names (without "-" and "_") of text a browser does not show.
HIDDEN_CLASSES = {
    "hidden",
    "invisible",
    "visuallyhidden",
    "sronly",
    "screenreadertext",
    "screenreaderonly",
    "offscreen",
}
FURNITURE_TAGS: dict[str, str] = {
    "nav": "navigation",
    "footer": "footer",
    "aside": "aside (sidebar, promotion or pull quote)",
    "form": "form",
    "menu": "navigation",
}
FURNITURE_ROLES: dict[str, str] = {
    "navigation": "navigation",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "search": "search",
    "dialog": "dialog (cookie notice)",
    "alertdialog": "dialog (cookie notice)",
    "banner": "site header",
}


def named_boilerplate(tag: str, attributes: dict[str, str]) -> str:
    """What an element is named as by its tag, ARIA role, class or id ("" if nothing).

    Sites name their furniture for their style sheets; the names are the same
    words everywhere (share, related, newsletter, comments...).

    >>> named_boilerplate("div", {"class": "social-buttons article__share"})
    'share buttons (class="social-buttons article__share")'
    >>> named_boilerplate("div", {"id": "jp-relatedposts"})
    'related stories (id="jp-relatedposts")'
    >>> named_boilerplate("blockquote", {"class": "pull-quote"})
    'pull quote (class="pull-quote")'
    >>> named_boilerplate("span", {"class": "css-1a4m6s5 visually-hidden"})
    'hidden (class="css-1a4m6s5 visually-hidden")'
    >>> named_boilerplate("div", {"class": "article-body"}), named_boilerplate("nav", {})
    ('', 'navigation (<nav>)')
    """
    if tag in FURNITURE_TAGS:
        return f"{FURNITURE_TAGS[tag]} (<{tag}>)"
    role = (attributes.get("role") or "").strip().lower()
    if role in FURNITURE_ROLES:
        return f'{FURNITURE_ROLES[role]} (role="{role}")'
    if "hidden" in attributes or re.search(
        r"display\s*:\s*none", attributes.get("style") or "", re.IGNORECASE
    ):
        return "hidden"
    for name in ("class", "id"):
        value = attributes.get(name) or ""
        tokens = value.lower().split()
        if name == "class" and {re.sub(r"[_-]", "", t) for t in tokens} & HIDDEN_CLASSES:
            return f'hidden (class="{value.strip()}")'  # text for screen readers only
        # "social-share", and also "pull-quote" or "most-read" as one word
        for word in [
            *re.split(r"[\s_-]+", value.lower()),
            *(re.sub(r"[_-]", "", t) for t in tokens),
        ]:
            if word in FURNITURE_WORDS:
                return f'{FURNITURE_WORDS[word]} ({name}="{value.strip()}")'
    return ""


def link_block(text_chars: int, link_chars: int, links: int) -> str:
    """Why a block whose text is mostly links is not article text ("" if it is).

    A list of related stories or a menu is all links; a paragraph of an article
    links a few words at most.

    >>> link_block(120, 110, 4)
    'links: 110 of 120 characters in 4 links'
    >>> link_block(400, 30, 2)
    ''
    """
    if links >= 2 and text_chars and link_chars / text_chars >= 0.6:
        return f"links: {link_chars} of {text_chars} characters in {links} links"
    if links == 1 and text_chars and link_chars / text_chars >= 0.9 and text_chars < 160:
        return f"a line that is one link ({link_chars} of {text_chars} characters)"
    return ""


READ_MORE = re.compile(
    r"(?i)^\W*(read more|read also|also read|more from|more on this( story)?|see also|"
    r"related( articles?| stories| story| coverage| content| reading| news)?|recommended|"
    r"editor'?s picks?|watch|listen|you may also like|don't miss|more news)\b\s*[:|>»\-–—]?"
)


def read_more_line(text: str, link_chars: int) -> str:
    """Why a line is a "READ MORE"-style link to another story ("" if it is not).

    >>> read_more_line("READ MORE: Trump says he will win", 24)
    "'READ MORE' with a link: a link line between paragraphs"
    >>> read_more_line("Related: what the ruling means", 0)
    "'Related:' line: a link line between paragraphs"
    >>> read_more_line("Related talks in Geneva went on until late in the evening.", 0)
    ''
    """
    match = READ_MORE.match(text)
    if not match or len(text.split()) > 30:
        return ""
    rest = text[match.end() :].strip()
    if link_chars >= 0.5 * max(len(rest), 1):
        return f"{match.group(0).strip(' :|>»-–—')!r} with a link: a link line between paragraphs"
    if match.group(0).rstrip().endswith((":", "|", ">", "»")) and len(rest.split()) <= 15:
        return f"{match.group(0).strip()!r} line: a link line between paragraphs"
    return ""


BOILERPLATE_LINES = re.compile(
    r"(?i)^\W*("
    r"advertisement|advert|ad|sponsored( content)?|"
    r"(the )?(story|article) continues below( this)?( advertisement| ad)?|continue reading below|"
    r"scroll to continue( with content)?|"
    r"share( this( article| story| post)?)?( on \w+)?|tweet|e-?mail( this( story| article))?|print|"
    r"printer-friendly version|whatsapp|facebook|twitter|linkedin|"
    r"(tags?|topics?|filed under|categories|posted in|more about)\s*:.*|"
    r"(©|\(c\)|copyright\b)\s*(©\s*)?(19|20)\d\d\b.*|.*all rights reserved\.?|"
    r"(sign up|subscribe)\b.*(newsletter|inbox|free|now).*|follow us\b.*|"
    r"(we|this site) uses? cookies.*|"
    r"\d+ comments?|comments?|leave a (reply|comment)|join the conversation|"
    r"skip to (main )?content|most (read|popular|viewed|shared)|trending( now)?|"
    r"related stories|recent posts|latest news|get the headlines|you may also like"
    r")\W*$"
)
SIGN_UP = re.compile(r"(?i)\b(sign(ing)?[ -]?up|subscribe|subscribing|register)\b")
TO_YOUR_INBOX = re.compile(r"(?i)\b(newsletters?|inbox|briefing|e-?mail alerts?)\b")
DATELINE_WORDS = re.compile(
    r"(?i)\b(published|updated|posted|last|modified|on|at|am|pm|a\.m|p\.m|[ecmp][sd]t|utc|gmt|bst|cet|"
    r"\d{1,2}:\d{2}(:\d{2})?)\b|[|·•,.:\-–—]"
)


def boilerplate_line(text: str) -> str:
    """Why a short line is site furniture ("" if it is article text).

    >>> boilerplate_line("ADVERTISEMENT"), boilerplate_line("Story continues below advertisement")
    ("known furniture: 'ADVERTISEMENT'", "known furniture: 'Story continues below advertisement'")
    >>> boilerplate_line("Published 4 October 2016, 10:15 EDT")
    "a date line: 'Published 4 October 2016, 10:15 EDT'"
    >>> boilerplate_line("Updated April 29, 2025, 6:05 p.m.")
    "a date line: 'Updated April 29, 2025, 6:05 p.m.'"
    >>> boilerplate_line("Get our briefing in your inbox every morning: sign up now.")
    "a newsletter sign-up: 'Get our briefing in your inbox every morning: sign up now.'"
    >>> boilerplate_line("Share the burden, the minister said, and the talks went on.")
    ''
    """
    words = text.split()
    if not words or len(words) > 25:
        return ""
    if BOILERPLATE_LINES.match(text):
        return f"known furniture: {text[:60]!r}"
    if SIGN_UP.search(text) and TO_YOUR_INBOX.search(text):
        return f"a newsletter sign-up: {text[:60]!r}"
    if len(words) <= 10 and iso_date(text):
        rest = _without_date(text)
        if not DATELINE_WORDS.sub(" ", rest).strip():
            return f"a date line: {text[:60]!r}"
    return ""


def _without_date(text: str) -> str:
    from reader.sources.web_meta import DATE_PATTERNS

    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    return text


ARTICLE_SHARE = 0.8  # the article's body holds this share of the page's long paragraphs' text


def holds_the_article(held: int, total: int) -> bool:
    """Whether a part of the page holding ``held`` of the ``total`` characters of long,
    link-free paragraphs can be the article's body (what lies outside the smallest such
    part, a sidebar's teaser or an unnamed comment, is not the article).

    >>> holds_the_article(4_500, 5_000), holds_the_article(2_000, 5_000)
    (True, False)
    """
    return total > 0 and held >= ARTICLE_SHARE * total
