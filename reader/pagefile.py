"""Old home of the page file reader, kept for one release: use `reader.clean.pagefile`."""

from reader.clean.pagefile import *  # noqa: F403
