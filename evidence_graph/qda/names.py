"""The names REFI-QDA files use: the XML namespaces of projects and codebooks."""

from __future__ import annotations

__all__ = ["CODEBOOK_NAMESPACE", "PROJECT_NAMESPACE"]

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
"""The namespace of a project's XML (``project.qde`` in a ``.qdpx`` archive)."""

CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
"""The namespace of a codebook (a ``.qdc`` file)."""
