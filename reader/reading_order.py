"""Old home of the reading-order repair, kept for one release: use `reader.clean.reading_order`."""

from reader.clean.reading_order import *  # noqa: F403
