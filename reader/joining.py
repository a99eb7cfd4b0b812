"""Old home of line joining, kept for one release: use `reader.clean.hyphens`."""

from reader.clean.hyphens import *  # noqa: F403
