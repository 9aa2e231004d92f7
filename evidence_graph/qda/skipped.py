"""What reading a REFI-QDA file passed over, counted, and told once per file."""

from __future__ import annotations

import warnings
from pathlib import Path

from evidence_graph.exceptions import SkippedContentWarning

__all__ = ["Skipped"]


class Skipped:
    """Counts of the parts of a file that the corpus cannot hold, by what they are.

    Examples:
        >>> skipped = Skipped()
        >>> skipped.add("PDF source", "PDF sources", 2)
        >>> skipped.add("coding of a whole source", "codings of a whole source")
        >>> skipped.summary()
        '2 PDF sources, 1 coding of a whole source'
    """

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}

    def add(self, one: str, many: str, count: int = 1) -> None:
        """Count ``count`` more of what ``one`` names (``many`` is its plural)."""
        self.counts[one, many] = self.counts.get((one, many), 0) + count

    def summary(self) -> str:
        """Say what was skipped, each kind with its count, in the order first met."""
        return ", ".join(
            f"{count} {one if count == 1 else many}" for (one, many), count in self.counts.items()
        )

    def warn(self, path: Path) -> None:
        """Warn once (:class:`~evidence_graph.exceptions.SkippedContentWarning`) of all skipped."""
        if self.counts:
            warnings.warn(
                f"{path}: left out what a corpus cannot hold: {self.summary()}",
                SkippedContentWarning,
                stacklevel=3,  # the caller of read_qda()
            )
