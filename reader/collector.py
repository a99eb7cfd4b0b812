"""Pausing Python's cycle collector while a stage builds many objects that form no cycles.

Reference counting frees the cleaner's and the actor finder's objects as soon as
they are no longer used; the cycle collector only looks for groups of objects that
refer to each other, and these stages make none.  But it runs after every few
hundred new objects, and on a long text (a 1 MB piece of a big file, a long page)
each run walks the tens of thousands of objects that are still in use, to free
nothing.  Pausing it for the length of one call saves that work; it is switched
back on (if it was on) when the call ends, even by an error.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Switch the cycle collector off for the ``with`` block, then back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
