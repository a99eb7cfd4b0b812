"""What the cleaner did and why: a `Decision` a step, and the `CleanResult` they explain."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from reader.document import Document
from reader.sources.model import Region, SourceMeta


@dataclass(slots=True)
class Decision:
    """One choice the cleaner made, with the evidence for it (for ``reader clean --explain``)."""

    action: str
    line: int
    before: str
    after: str
    evidence: str = ""

    def describe(self) -> str:
        why = f"  ({self.evidence})" if self.evidence else ""
        return f"line {self.line}: {self.action}: {self.before!r} -> {self.after!r}{why}"


@dataclass
class CleanResult:
    """The clean `Document` and every decision that made it."""

    document: Document
    decisions: list[Decision] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)  # where each block stood, if known
    meta: SourceMeta = field(default_factory=SourceMeta)  # what the source says of itself

    def decisions_df(self):
        """The decisions as a pandas DataFrame (one row a decision)."""
        import pandas as pd

        columns = ["action", "line", "before", "after", "evidence"]
        return pd.DataFrame([asdict(d) for d in self.decisions], columns=columns)
