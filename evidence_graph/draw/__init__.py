"""Pictures of the evidence, and the explorer page."""

from evidence_graph.draw.explorer import explore

__all__ = ["explore"]
