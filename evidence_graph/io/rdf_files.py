"""RDF files written: the corpus streamed to a file, whole or not at all."""

from __future__ import annotations

import io
import os
from typing import IO

from rdflib import Graph

from evidence_graph.graph import EvidenceGraph
from evidence_graph.io.writers import open_atomic
from evidence_graph.models import Corpus
from evidence_graph.rdf import Format, stream_rdf

__all__ = ["write_rdf"]


def write_rdf(
    source: Corpus | EvidenceGraph | Graph,
    destination: str | os.PathLike[str] | IO[bytes],
    format: Format = "turtle",  # noqa: A002
    *,
    include_sources: bool = False,
    progress: bool = False,
) -> int:
    r"""Write the corpus in an RDF format to a file or a binary stream; return the triples written.

    The text is what :func:`~evidence_graph.serialize` returns, written about a megabyte at a
    time, so a large corpus is never held as one document in memory. A file named by a path
    is written whole or not at all (:func:`~evidence_graph.io.open_atomic`): an error, such as
    a value the format cannot hold, leaves the old file as it was.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph made by
            :func:`~evidence_graph.to_rdf`.
        destination: A file's path, or a binary stream to write to (left open).
        format: ``turtle``, ``nt`` (N-Triples), ``jsonld`` (expanded JSON-LD, with the
            project's context embedded), ``xml`` (RDF/XML) or ``trig``.
        include_sources: Write the full text of the sources too (interview transcripts,
            which are private and left out otherwise).
        progress: Show a bar on standard error that counts the entities written.

    Raises:
        ValueError: If the format is not one of those.
        NotWritableError: If the format cannot hold a value (a ``ValueError`` too).
        OutputError: If the file cannot be written; the message names it and says why.
        TypeError: If the stream is a text stream, not a binary one.

    Examples:
        >>> import tempfile, pathlib
        >>> from evidence_graph import load
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "kverme.nt"
        >>> write_rdf(load("kverme2019"), target, "nt")
        346
        >>> len(target.read_text(encoding="utf-8").splitlines())
        346
    """
    if isinstance(destination, str | os.PathLike):
        with open_atomic(destination) as out:
            return stream_rdf(
                source, out, format, progress=progress, include_sources=include_sources
            )
    if isinstance(destination, io.TextIOBase):
        raise TypeError(
            f"write_rdf writes bytes, but {destination!r} is a text stream; expected a binary "
            "stream (a file opened with 'wb', io.BytesIO, sys.stdout.buffer) or a path"
        )
    return stream_rdf(
        source, destination, format, progress=progress, include_sources=include_sources
    )
