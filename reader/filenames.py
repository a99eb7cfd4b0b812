"""Names that become parts of file names: a page's slug, an annotator's or a student's name.

A class writes files named after pages and people (``PAGE.NAME.annotations.json``).
Two things go wrong when names are made carelessly: a Russian, Arabic or Hindi name
collapses to nothing ("правда" -> "page", "विजय" -> "व-जय", losing the vowel sign),
and a default left in place ("student", "your name") gives every student the same
file, so files overwrite each other when a teacher collects them.  This module is the
one home for both rules.

>>> file_name_part("Ana María"), file_name_part("विजय"), file_name_part("../.hidden/x")
('Ana-María', 'विजय', 'hidden-x')
>>> real_name("student"), real_name("  Ana ")
(None, 'Ana')
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# Names that notebooks or a hurried student leave in place of a name, compared after
# `_name_key` (case and punctuation ignored): a file under one would be overwritten by
# the next student who leaves the same default.
PLACEHOLDER_NAMES = frozenset(
    {
        "", "student", "students", "a student", "student name", "name", "my name", "your name",
        "yourname", "your name here", "write your name here", "type your name", "name here",
        "anonymous", "anon", "not saved", "nobody", "no name", "noname", "unknown", "none",
        "null", "user", "someone", "me", "x", "xx", "xxx", "todo",
    }
)  # fmt: skip

# File systems allow 255 bytes for a name; suffixes and a temporary file's prefix and
# suffix go round the part made here.
MAX_PART_BYTES = 150


def file_name_characters(text: str, keep: str = "_") -> str:
    """Every character of ``text`` that may not stand in a file name replaced by ``-``.

    Letters and digits of every script stay, with the accents and vowel signs written
    with them (Unicode marks: the "ि" of "विजय" is a mark, not a letter), and the
    characters in ``keep``.  Nothing else changes, so a name maps to the same file as
    long as it is spelled the same.

    >>> file_name_characters("Ana B."), file_name_characters("विजय")
    ('Ana-B-', 'विजय')
    """
    return "".join(
        char if unicodedata.category(char)[0] in "LNM" or char in keep else "-" for char in text
    )


def file_name_part(
    text: str, *, lower: bool = False, keep: str = "_", max_bytes: int = MAX_PART_BYTES
) -> str:
    """``text`` as a safe part of a file name, readable in any script; "" if nothing is left.

    Letters, digits, their marks and the characters in ``keep`` stay; everything else
    (spaces, punctuation, path separators, dots, invisible controls) becomes one ``-``,
    and no part starts or ends with ``-`` or ``_``, so it can neither climb out of its
    folder nor hide as a dot-file.  Cut to ``max_bytes`` of UTF-8.

    >>> file_name_part("Arab Weekly: Maliki & Russia (p. 3)", lower=True)
    'arab-weekly-maliki-russia-p-3'
    >>> file_name_part("Правда", lower=True), file_name_part("الشرق الأوسط")
    ('правда', 'الشرق-الأوسط')
    >>> file_name_part("my_page", keep=""), file_name_part(" !? ")
    ('my-page', '')
    """
    text = unicodedata.normalize("NFKC", str(text))
    if lower:
        text = text.lower()
    part = re.sub(r"-{2,}", "-", file_name_characters(text, keep)).strip("-_")
    while len(part.encode("utf-8")) > max_bytes:
        part = part[:-1].rstrip("-_")
    return part


def _name_key(name: str) -> str:
    """A name in the form placeholders are compared in: lower case, punctuation as one space."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in name.casefold()).split())


def real_name(name: str | None) -> str | None:
    """A person's name with spaces trimmed, or None when it is missing or a placeholder.

    >>> real_name("  Ana María "), real_name("ben")
    ('Ana María', 'ben')
    >>> [real_name(n) for n in (None, "", "student", "Your Name", "your-name", "not saved", "?!")]
    [None, None, None, None, None, None, None]
    """
    if name is None:
        return None
    name = str(name).strip()
    key = _name_key(name)
    if not key or key in PLACEHOLDER_NAMES:
        return None
    return name


def named_for_a_placeholder(path: str | Path) -> bool:
    """Whether a file is named ``PAGE.NAME.annotations.json`` with a placeholder NAME.

    >>> named_for_a_placeholder("annotations/page.student.annotations.json")
    True
    >>> named_for_a_placeholder("annotations/page.ana.annotations.json")
    False
    >>> named_for_a_placeholder("claims.json")
    False
    """
    name = Path(path).name
    if not name.endswith(".annotations.json"):
        return False
    stem = name.removesuffix(".annotations.json")
    return "." in stem and real_name(stem.rsplit(".", 1)[1]) is None
