"""Every repair the page cleaner makes, in the order it makes them: the table of contents.

Each repair is a small function named for what it does, whose docstring says
where the damage comes from and shows it undone (a doctest).  Its name is the
``action`` of the decisions it records, so ``reader clean --explain`` says which
repair acted; ``reader clean --repairs`` lists them, and ``reader clean PAGE
--skip NAME`` or ``clean_page(text, skip={NAME})`` switches one off to show what
it does.  A repair runs on every page, only on OCR, or only on a PDF's text layer
(`reader.clean.page_kind` decides which a page is, once).

Besides the repairs, the cleaner records what it reads on the page, which are
not repairs: ``page-kind``, ``caption``, ``headline``, ``byline``,
``paragraph-break``, ``column-break`` and ``decode``.  Where a reading is told by
an ordered list of named rules (`RULES`: ``display-block`` and the paragraph or
column break), the rule that decided is named in the decision's evidence, and each
rule can be skipped by its name like a repair.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from reader.clean import display, drop_capitals, hyphens, ocr, paragraphs, tidy
from reader.clean.geometry import capitals as geo_capitals
from reader.clean.geometry import columns as geo_columns
from reader.clean.geometry import lines as geo_lines
from reader.clean.geometry import paragraphs as geo_paragraphs
from reader.clean.geometry import roles as geo_roles
from reader.clean.geometry.articles import Articles
from reader.clean.rules import Rule, rule_of
from reader.sources import web_boilerplate

ALL_PAGES = "all"
OCR_ONLY = "OCR only"
TEXT_LAYER_ONLY = "text layer only"
WEB_ONLY = "web pages"
POSITIONED_ONLY = "positioned words"  # PDF, scan, ALTO, side-by-side text (reader.clean.geometry)


@dataclass(frozen=True)
class Repair:
    """One named repair: what it fixes, on which pages, and the function that makes it."""

    name: str
    fixes: str  # one line, for `reader clean --repairs`
    pages: str  # ALL_PAGES, OCR_ONLY, TEXT_LAYER_ONLY, WEB_ONLY or POSITIONED_ONLY
    function: Callable


REPAIRS: tuple[Repair, ...] = (
    Repair(
        "join-drop-capital",
        'a drop capital alone on its line joins its word (" I " / "raqi" -> "Iraqi")',
        ALL_PAGES,
        drop_capitals.join_drop_capitals,
    ),
    Repair(
        "reading-order",
        "a paragraph OCR read across columns instead of down is put back in order",
        OCR_ONLY,
        ocr.put_paragraphs_in_reading_order,
    ),
    Repair(
        "drop-capital-set-apart",
        'a drop capital OCR read a space away from its word ("T he" -> "The")',
        OCR_ONLY,
        drop_capitals.capital_set_apart,
    ),
    Repair(
        "dateline-capitals",
        'the capitals OCR lost from a dateline ("SHINGTON —" -> "WASHINGTON —")',
        OCR_ONLY,
        drop_capitals.capitals_of_a_dateline,
    ),
    Repair(
        "drop-capital-below",
        'a drop capital OCR read on the line below ("epublican" / "R nominee")',
        OCR_ONLY,
        drop_capitals.capital_read_below,
    ),
    Repair(
        "lost-drop-capital",
        'a drop capital OCR lost, when one capital alone makes a word ("etired" -> "Retired")',
        OCR_ONLY,
        drop_capitals.lost_capital_of_a_piece,
    ),
    Repair(
        "drop-capital-a-below",
        'the drop capital "A", a word, that OCR read at the start of the next line',
        OCR_ONLY,
        drop_capitals.word_a_set_below,
    ),
    Repair(
        "i-read-as-t",
        'the "I" OCR reads as "T" after an opening quote ("“T don’t" -> "“I don’t")',
        OCR_ONLY,
        ocr.restore_i_read_as_t,
    ),
    Repair(
        "words-run-together",
        'a short word and "a" or "the" OCR ran together ("ofa" -> "of a")',
        OCR_ONLY,
        ocr.split_words_run_together,
    ),
    Repair(
        "display-block",
        "a short block of its own that OCR lost the indent of is set apart as a caption or headline",
        ALL_PAGES,
        display.set_apart_display_blocks,
    ),
    Repair(
        "join-display-lines",
        "a caption or headline wrapped onto two display lines is made one",
        ALL_PAGES,
        display.join_wrapped_display_lines,
    ),
    Repair(
        "join-word",
        'a word the column broke at a hyphen is joined ("al-Ma-" / "liki" -> "al-Maliki")',
        ALL_PAGES,
        hyphens.join_broken_word,
    ),
    Repair(
        "keep-hyphen",
        'a compound broken at its own hyphen keeps it ("Russian-" / "made" -> "Russian-made")',
        ALL_PAGES,
        hyphens.join_broken_word,
    ),
    Repair(
        "suspended-hyphen",
        'a hyphen that waits for a later word keeps its space ("low-" / "and" -> "low- and")',
        ALL_PAGES,
        hyphens.join_broken_word,
    ),
    Repair(
        "join-lost-hyphen",
        'a word cut at a line end whose hyphen OCR lost is joined ("dem" / "ocrats")',
        ALL_PAGES,
        hyphens.lost_hyphen_join,
    ),
    Repair(
        "space-before-quote",
        'the space lost before an opening quote goes back ("for“Russia’s" -> "for “Russia’s")',
        ALL_PAGES,
        tidy.space_before_quote,
    ),
    Repair(
        "stray-underscore",
        'a lone "_" that OCR read for a speck goes ("as_ follows" -> "as follows")',
        ALL_PAGES,
        tidy.remove_stray_underscores,
    ),
    Repair(
        "web-boilerplate-block",
        "a web page's navigation, cookie notice, share buttons, adverts, related stories, newsletter box, comments or footer, named so by its tag, role, class or id, goes",
        WEB_ONLY,
        web_boilerplate.named_boilerplate,
    ),
    Repair(
        "web-link-block",
        "a web page's block that is mostly links (a related-story list, a menu) goes",
        WEB_ONLY,
        web_boilerplate.link_block,
    ),
    Repair(
        "web-outside-article",
        "a web page's text outside the part that holds the article's paragraphs (sidebars, teasers) goes",
        WEB_ONLY,
        web_boilerplate.holds_the_article,
    ),
    Repair(
        "web-read-more",
        'a "READ MORE: ..." or "Related: ..." link line between a web article\'s paragraphs goes',
        WEB_ONLY,
        web_boilerplate.read_more_line,
    ),
    Repair(
        "web-boilerplate-line",
        'a short line of site furniture in a web article ("Advertisement", "Share this:", "Tags: ...", a date line) goes',
        WEB_ONLY,
        web_boilerplate.boilerplate_line,
    ),
    # The geometric cleaner's readings of positioned words (reader.clean.geometry).
    Repair(
        "deskew",
        "a scan's slightly rotated lines are turned level before columns are cut",
        POSITIONED_ONLY,
        geo_lines.deskew,
    ),
    Repair(
        "drop-capital-by-size",
        'a letter two lines tall joins the word beside it ("I" + "f there’s" -> "If there’s")',
        POSITIONED_ONLY,
        geo_capitals.join_drop_capitals,
    ),
    Repair(
        "column-gap",
        "columns are cut at the gaps no word crosses and read left to right",
        POSITIONED_ONLY,
        geo_columns.cut_page,
    ),
    Repair(
        "furniture",
        'the paper\'s name, date, page number and "Continued on Page 7" are left out',
        POSITIONED_ONLY,
        geo_roles.in_margin,
    ),
    Repair(
        "headline-by-size",
        "type 1.35x the body's or larger starts an article as its headline",
        POSITIONED_ONLY,
        geo_roles.role_of_type,
    ),
    Repair(
        "deck-under-headline",
        "larger type right under a headline joins it as its deck",
        POSITIONED_ONLY,
        geo_roles.role_of_type,
    ),
    Repair(
        "byline-line",
        'a short line that starts with "By" is the byline',
        POSITIONED_ONLY,
        geo_roles.role_of_text,
    ),
    Repair(
        "caption-by-size",
        "type smaller than the body's is a caption, kept out of the paragraphs",
        POSITIONED_ONLY,
        geo_roles.role_of_type,
    ),
    Repair(
        "pull-quote",
        "large type set in a column (italic, smaller than its headline, or over no body) is a pull quote and left out",
        POSITIONED_ONLY,
        geo_roles.role_of_type,
    ),
    Repair(
        "paragraph-start",
        "a paragraph starts at an indent, a gap, or after a short line in a justified column",
        POSITIONED_ONLY,
        geo_paragraphs.paragraph_starts,
    ),
    Repair(
        "article-continues",
        "body at the top of a page under no headline goes on the last article of the page before",
        POSITIONED_ONLY,
        Articles.add,
    ),
)

# The rules the cleaner reads the page by (`reader.clean.rules`), by the decision they
# tell: the first of each list that answers decides, and is named in the decision.
RULES: dict[str, tuple[Rule, ...]] = {
    "display-block": display.DISPLAY_RULES,
    "¶ or column break": paragraphs.PARAGRAPH_RULES,
}

RULE_NAMES = frozenset(rule.name for rules in RULES.values() for rule in rules)
REPAIR_NAMES = frozenset(repair.name for repair in REPAIRS)


def repairs_to_skip(names: Iterable[str]) -> frozenset[str]:
    """The names of the repairs (or rules) to switch off, checked: an unknown name is a
    `ValueError` whose one line lists the names there are.

    >>> sorted(repairs_to_skip(["keep-hyphen", "join-word", "title-case"]))
    ['join-word', 'keep-hyphen', 'title-case']
    >>> repairs_to_skip(["drop-capital"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no repair named 'drop-capital'; the repairs are: join-drop-capital, ...
    """
    skip = frozenset(names)
    unknown = sorted(skip - REPAIR_NAMES - RULE_NAMES)
    if unknown:
        names_there = ", ".join(repair.name for repair in REPAIRS)
        rule_names = ", ".join(rule.name for rules in RULES.values() for rule in rules)
        raise ValueError(
            f"no repair named {unknown[0]!r}; the repairs are: {names_there}; "
            f"the rules are: {rule_names}"
        )
    return skip


def repair_counts(decisions: Collection) -> dict[str, int]:
    """How often each repair acted, by name, in the table's order (0 if it did not).

    >>> from reader.clean.decisions import Decision
    >>> repair_counts([Decision("join-word", 3, "Ma- | liki", "Maliki")])["join-word"]
    1
    """
    counts = dict.fromkeys((repair.name for repair in REPAIRS), 0)
    for decision in decisions:
        if decision.action in counts:
            counts[decision.action] += 1
    return counts


def rule_counts(decisions: Collection) -> dict[str, int]:
    """How often each rule of `RULES` decided, by name, in the lists' order (0 if never).

    >>> from reader.clean.decisions import Decision
    >>> rule_counts([Decision("display-block", 3, "Mike", "headline", "title-case: ...")])["title-case"]
    1
    """
    counts = dict.fromkeys(sorted(RULE_NAMES, key=_RULE_ORDER.__getitem__), 0)
    for decision in decisions:
        name = rule_of(decision)
        if name in counts:
            counts[name] += 1
    return counts


_RULE_ORDER = {
    rule.name: order
    for order, rule in enumerate(rule for rules in RULES.values() for rule in rules)
}


def repairs_table_markdown() -> str:
    """The repairs as a Markdown table, as README.md lists them (a test keeps the two equal).

    >>> print(repairs_table_markdown().splitlines()[2])
    | `join-drop-capital` | all | a drop capital alone on its line joins its word (" I " / "raqi" -> "Iraqi") |
    """
    rows = ["| Repair | Pages | What it fixes |", "| --- | --- | --- |"]
    rows += [f"| `{repair.name}` | {repair.pages} | {repair.fixes} |" for repair in REPAIRS]
    return "\n".join(rows)
