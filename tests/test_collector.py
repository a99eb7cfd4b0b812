"""The cycle collector is paused only for the call that needs it, never left off."""

from __future__ import annotations

import gc
import threading

import pytest

from reader import Block, Document
from reader._gc import collector_paused
from reader.actors import find_actors


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_overlapping_calls_keep_it_off_until_the_last_ends(collector_on):
    first_inside, second_inside, first_done = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )
    seen = {}

    def second():
        first_inside.wait()
        with collector_paused():
            second_inside.set()
            first_done.wait()
            seen["while the second still runs"] = gc.isenabled()

    thread = threading.Thread(target=second)
    thread.start()
    with collector_paused():
        first_inside.set()
        second_inside.wait()
    first_done.set()
    thread.join()
    assert seen == {"while the second still runs": False}
    assert gc.isenabled()


def test_a_collector_the_user_switched_off_stays_off(collector_on):
    gc.disable()
    find_actors(Document.from_blocks([Block("paragraph", "Maliki met Putin in Moscow.")]))
    assert not gc.isenabled()


def test_it_comes_back_after_an_error_in_the_stage(collector_on):
    with pytest.raises(AttributeError):
        find_actors("not a document")  # type: ignore[arg-type]
    assert gc.isenabled()
