"""Where the shipped ontology files are: inside the installed package, or beside the source."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_path"]

_PACKAGE = Path(__file__).parent


def ontology_path(name: str) -> Path:
    """Return the path of a file of ``ontologies/``, e.g. ``evidence-graph-shapes.ttl``.

    An installed wheel holds them in ``evidence_graph/ontologies/``; a source checkout (and an
    editable install) keeps them in ``ontologies/`` beside the package.

    Examples:
        >>> ontology_path("evidence-graph.ttl").name
        'evidence-graph.ttl'

    Raises:
        FileNotFoundError: If neither place has the file.
    """
    for folder in (_PACKAGE / "ontologies", _PACKAGE.parent / "ontologies"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name}: not in the package's ontologies folder")
