"""Moved to `reader._gc` (private); this name stays for the cleaner until it imports that."""

from reader._gc import collector_paused

__all__ = ["collector_paused"]
