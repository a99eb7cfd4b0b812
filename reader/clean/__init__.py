"""The page cleaner: from a damaged page's text to a `Document` of articles.

One module a step, read top to bottom: `pagefile` (bytes to text), `page_kind`
(OCR or a text layer), `drop_capitals`, `ocr`, `display` (captions and headlines),
`paragraphs`, `hyphens` and `tidy` (lines joined into running text), with
`cleaner.clean_page` running them in order and `streaming` for very large pages.
Every repair the cleaner makes is named in one table, `repairs.REPAIRS`.

>>> from reader.clean import clean_page
>>> print(clean_page(" I \\n\\nraqi Vice-President Nuri al-Ma-\\nliki spoke.\\n").document.text)
Iraqi Vice-President Nuri al-Maliki spoke.
"""

from __future__ import annotations

# The cleaner's parts import wordfreq and the like; `import reader` needs only the
# page file reader, so the rest is imported when it is first asked for.
_WHERE = {
    "clean_page": "reader.clean.cleaner",
    "CleanResult": "reader.clean.decisions",
    "Decision": "reader.clean.decisions",
    "REPAIRS": "reader.clean.repairs",
    "clean_page_file_streaming": "reader.clean.streaming",
    "decoding_decisions": "reader.clean.streaming",
}

__all__ = list(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'reader.clean' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name]), name)
