"""JSON from files that people and other programs wrote, parsed only when it is shallow enough.

Python's ``json`` parser goes one level deeper on the call stack for each nested
array or object, so a file of 100,000 opening brackets (a damaged annotation file,
a corpus line from a broken export, or a prank) makes it raise ``RecursionError``:
a traceback instead of an error a person can act on.  `loads` first measures the
nesting on the raw text (a cheap scan that skips over strings, so a bracket inside
a quotation does not count) and refuses anything deeper than `MAX_DEPTH` with a
one-line `JSONNestingError`, a ``ValueError``.  Everything else is ``json.loads``.

The annotation files (`reader.annotations`, and through them the teacher's
`reader.classroom.gather`), the claim scheme and the framing JSONL corpus read
their JSON here.

>>> loads('{"items": [{"tags": ["diplomacy"]}]}')
{'items': [{'tags': ['diplomacy']}]}
>>> loads("[" * 100_000 + "]" * 100_000)
Traceback (most recent call last):
reader.safejson.JSONNestingError: JSON nested deeper than 100 levels
"""

from __future__ import annotations

import json
import re

# An annotation file is 6 levels deep, a corpus line 1; Python's parser fails near 1,000.
MAX_DEPTH = 100
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


class JSONNestingError(ValueError):
    """JSON nested too deeply to parse safely; the message is one line."""


def nesting_depth(text: str, stop_above: int | None = None) -> int:
    r"""How deep arrays and objects nest in a JSON text (brackets inside strings do not count).

    Stops counting once the depth passes ``stop_above``.

    >>> nesting_depth('{"note": "[[[ not nesting ]]]", "tags": [["a"], []]}')
    3
    >>> nesting_depth('["a \\\\", ["\\"[[", [1]]]')  # an escaped backslash, an escaped quote
    3
    >>> nesting_depth("42")
    0
    """
    # Escaped backslashes, then escaped quotes, go first: every quote left opens or closes a
    # string, so splitting at quotes puts the text outside strings at the even places.
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    outside_strings = "".join(unescaped.split('"')[0::2])
    brackets = _NOT_A_BRACKET.sub("", outside_strings)
    depth = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    break
        else:
            depth -= 1
    return deepest


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> object:
    """``json.loads``, but text nested deeper than ``max_depth`` raises `JSONNestingError`.

    Invalid JSON still raises ``json.JSONDecodeError``, as ``json.loads`` does.

    >>> loads('[[1, "]]]]"]]', max_depth=2)
    [[1, ']]]]']]
    >>> loads("[[[1]]]", max_depth=2)
    Traceback (most recent call last):
    reader.safejson.JSONNestingError: JSON nested deeper than 2 levels
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    if nesting_depth(text, stop_above=max_depth) > max_depth:
        raise JSONNestingError(f"JSON nested deeper than {max_depth} levels")
    return json.loads(text)
