"""Pausing Python's cycle collector while one call builds many objects that form no cycles.

Private to the kit: the cleaner and the actor finder pause it for the length of one call,
and nothing else should.

Reference counting frees the cleaner's and the actor finder's objects as soon as
they are no longer used; the cycle collector only looks for groups of objects that
refer to each other, and these stages make none.  But it runs after every few
hundred new objects, and on a long text (a 1 MB piece of a big file, a long page)
each run walks the tens of thousands of objects that are still in use, to free
nothing.  Pausing it for the length of one call saves that work.

The collector is one switch for the whole process, a Jupyter kernel included, whose
other threads (widget messages, autosave) go on while a stage runs.  So the pause is
counted: when calls overlap (two threads), the collector comes back when the last of
them ends, and only if it was on when the first began; a user who switched it off
keeps it off.  It comes back even when the call ends with an error or an interrupt.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # calls inside a pause now, in all threads
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Switch the cycle collector off for the ``with`` block, then back as it was."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
