"""Notebook widgets (ipywidgets / anywidget) over the pipeline's plain data.

Widgets only present what the stages computed; each lives in its own module:
`cleaning` (raw and clean page side by side), `actors` (ActorHighlighter),
`outlets` (OutletComparer), `claims` (ClaimAnnotator), `quotes` (QuoteViewer).
"""

from __future__ import annotations

import importlib

_WIDGETS = {
    "CleaningViewer": "reader.widgets.cleaning",
    "ActorHighlighter": "reader.widgets.actors",
    "OutletComparer": "reader.widgets.outlets",
    "ClaimAnnotator": "reader.widgets.claims",
    "QuoteViewer": "reader.widgets.quotes",
    "SelfCheck": "reader.widgets.selfcheck",
}


def __getattr__(name: str):
    # Imported on first use so that `import reader.widgets` stays cheap.
    if name in _WIDGETS:
        return getattr(importlib.import_module(_WIDGETS[name]), name)
    raise AttributeError(name)
