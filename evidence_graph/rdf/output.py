"""RDF written in each format, streamed to a binary file or returned as text.

Every format is written from the export's N-Triples lines, gathered by subject and sorted
(:func:`~evidence_graph.rdf.export.nt_groups`): N-Triples as they are, the others by
pyoxigraph's serializers (:mod:`evidence_graph.rdf.streams`). So the same triples give the
same bytes, whatever order they were loaded in, and no whole document is held in memory.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from itertools import chain, compress, repeat
from operator import methodcaller
from typing import IO, Any

from rdflib import Graph

from evidence_graph.exceptions import NotWritableError, format_path
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus, private_fields
from evidence_graph.namespace import PREFIXES
from evidence_graph.progress import steps
from evidence_graph.rdf.lines import NTGroups, add_triples, nt_groups
from evidence_graph.rdf.streams import nt_chunks, write_by_oxigraph
from evidence_graph.rdf.syntax import FORMATS, Format, json_ld_context, not_xml
from evidence_graph.rdf.terms import qname, split_iri

__all__ = ["serialize", "stream_rdf"]


def stream_rdf(
    source: Corpus | EvidenceGraph | Graph,
    out: IO[bytes],
    format: Format = "turtle",  # noqa: A002
    *,
    progress: bool = False,
    include_sources: bool = False,
) -> int:
    r"""Write the corpus in an RDF format to a binary stream, a chunk at a time; return the triples.

    The document is written in pieces of about a megabyte; none is held whole. What the format
    cannot hold is refused before a byte is written. See :func:`serialize` for the formats.

    Raises:
        ValueError: If the format is not one of those.
        NotWritableError: If the format cannot hold a value (a ``ValueError`` too).

    Examples:
        >>> import io
        >>> from evidence_graph import load
        >>> out = io.BytesIO()
        >>> stream_rdf(load("kverme2019"), out, "nt")
        346
        >>> out.getvalue().count(b"\n")
        346
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")
    graph = None if isinstance(source, Graph) else EvidenceGraph.of(source)
    groups = _groups(graph, source, format, progress=progress, include_sources=include_sources)
    count = len(groups)
    if format == "xml":
        _check_xml(groups, graph, include_sources=include_sources)
    if format == "nt":
        for chunk in nt_chunks(groups.lines):
            out.write(chunk)
        return count
    iris = groups.iris or set()
    context = None
    if format == "jsonld":
        spaces = {_space(iri) for iri in iris}
        prefixes = _prefixes_for(spaces)
        context = json_ld_context()
        _check_json_ld(spaces, iris, context)
    else:
        prefixes = _prefixes_for({_space(iri) for iri in _ours(iris)})
    blanks = bool(groups.blanks)
    write_by_oxigraph(nt_chunks(groups.lines), out, format, prefixes, context, blanks=blanks)
    return count


def _groups(
    graph: EvidenceGraph | None,
    source: Any,
    format: Format,  # noqa: A002
    *,
    progress: bool,
    include_sources: bool,
) -> NTGroups:
    """The lines of the export by subject; the IRIs they name too, but for N-Triples."""
    named = format != "nt"
    if graph is None:  # an rdflib graph, written as it is
        groups = NTGroups({}, set(), set() if named else None, set())
        add_triples(groups, source)
        return groups
    with steps("writing", len(graph), show=progress) as advance:
        return nt_groups(graph, advance, include_sources=include_sources, iris=named)


def serialize(
    source: Corpus | EvidenceGraph | Graph,
    format: Format = "turtle",  # noqa: A002
    *,
    include_sources: bool = False,
) -> str:
    """Return the corpus written in an RDF format, the same text for the same input.

    The text is what :func:`stream_rdf` (and :func:`~evidence_graph.write_rdf`, for a file)
    writes; for a large corpus, stream it to a file instead of holding the text. An rdflib
    graph given as the source is written as it is, to the same text as its triples.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph made by
            :func:`~evidence_graph.to_rdf`.
        format: ``turtle``, ``nt`` (N-Triples), ``jsonld`` (expanded JSON-LD, with the
            project's context embedded), ``xml`` (RDF/XML) or ``trig``.
        include_sources: Write the full text of the sources too (interview transcripts,
            which are private and left out otherwise).

    Raises:
        ValueError: If the format is not one of those.
        NotWritableError: If the format cannot hold a value: RDF/XML a control character,
            say (a ``ValueError`` too).

    Examples:
        >>> from evidence_graph import load
        >>> print(serialize(load("kverme2019"), "turtle").splitlines()[0])
        @prefix bibo: <http://purl.org/ontology/bibo/> .
    """
    out = io.BytesIO()
    stream_rdf(source, out, format, include_sources=include_sources)
    return out.getvalue().decode()


def _prefixes_for(spaces: set[str]) -> dict[str, str]:
    """Return our prefixes whose namespace begins one of the IRIs, in the order written.

    ``spaces`` are the IRIs up to their last ``/`` or ``#`` (:func:`_space`). Each of our
    namespaces ends in ``/`` or ``#``, so it begins an IRI if it begins that part of it: the
    few thousand such parts are tested, not every IRI.
    """
    return {
        prefix: namespace
        for prefix, namespace in PREFIXES.items()
        if any(space.startswith(namespace) for space in spaces)
    }


def _ours(iris: Iterable[str]) -> Iterator[str]:
    """Yield the IRIs in one of our namespaces; the others are passed over in C, not in Python.

    An IRI is in a namespace if its part up to its last ``/`` or ``#`` (:func:`_space`) is,
    as each namespace ends in ``/`` or ``#``: the spaces of these IRIs begin the same
    namespaces as the spaces of all.
    """
    iris = list(iris)
    return compress(iris, map(str.startswith, iris, repeat(_NAMESPACES)))


_NAMESPACES = tuple(PREFIXES.values())


def _space(iri: str) -> str:
    """Return an IRI up to its last ``/`` or ``#`` (the IRI itself if it has neither)."""
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1] or iri


def _check_json_ld(spaces: set[str], iris: set[str], context: dict[str, Any]) -> None:
    """Refuse an IRI that the context would read as another: one whose scheme is a term.

    A JSON-LD processor reads ``eg:thing`` as a compact IRI when ``eg`` is a term of the
    context, although it is written in full; an IRI whose scheme is followed by ``//``
    (``https://``) is always read as it is.

    Raises:
        NotWritableError: If an IRI's scheme is a term of the context.
    """
    for space in sorted(spaces):
        scheme, colon, rest = space.partition(":")
        if colon and scheme in context and not rest.startswith("//"):
            iri = min(iri for iri in iris if _space(iri) == space)
            raise NotWritableError(
                f"JSON-LD cannot carry the IRI <{iri}> with the project's context: its "
                f"scheme {scheme!r} is a term of the context, so it would be read as another "
                "IRI; expected another format, such as turtle"
            )


_XML_ESCAPES = re.compile(r"(?<!\\)(?:\\\\)*\\(?:b|f|u000[0-8BCEF]|u001[0-9A-F]|uFFF[EF])")
"""A character XML 1.0 cannot hold, as N-Triples escapes it (not an escaped backslash)."""


def _check_xml(groups: NTGroups, graph: EvidenceGraph | None, *, include_sources: bool) -> None:
    """Refuse what RDF/XML cannot hold, before anything is written.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 has no place for (U+0000, say),
            naming the entity and the field (or the triple's subject and predicate); if a
            predicate is not one of our prefixes followed by an XML name; or if a triple
            names a blank node.
    """
    found = _xml_control(groups)
    if found is not None and graph is not None:
        _check_xml_texts(graph, include_sources=include_sources)
    if groups.blanks:
        raise NotWritableError(
            f"cannot write the blank node {min(groups.blanks)} in RDF/XML: expected IRIs"
        )
    for predicate in sorted(groups.predicates):
        if split_iri(predicate, _NCNAME) is None:
            raise NotWritableError(
                f"the predicate <{predicate}> cannot be written in RDF/XML: expected it in a "
                f"namespace of {', '.join(PREFIXES)} followed by an XML name"
            )
    if found is not None:
        head, tail, escape = found
        character = _SHORT.get(escape) or chr(int(escape[2:], 16))
        predicate = tail[1 : tail.index("> ")]
        raise NotWritableError(
            f"{head.strip()} {qname(predicate)}: the character U+{ord(character):04X} cannot "
            "stand in XML 1.0; expected text without control characters other than tab and "
            "newline"
        )


_BACKSLASH = methodcaller("__contains__", "\\")
"""Whether a text holds a backslash."""
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")
_SHORT = {"\\b": "\b", "\\f": "\f"}


def _xml_control(groups: NTGroups) -> tuple[str, str, str] | None:
    """The first line (head, tail) with a character XML cannot hold, and its escape; or None.

    Only a line with a backslash may hold one: the lines are looked through for one in C, and
    the rest passed over at once.
    """
    marked = filter(_BACKSLASH, chain.from_iterable(groups.lines.values()))
    if not any(_XML_ESCAPES.search(tail) for tail in marked):
        return None
    found = [
        (head, tail)
        for head, tails in groups.lines.items()
        for tail in tails
        if "\\" in tail and _XML_ESCAPES.search(tail) is not None
    ]
    head, tail = min(found)
    escaped = _XML_ESCAPES.search(tail)
    assert escaped is not None  # noqa: S101 - found above
    text = escaped.group()
    return head, tail, text[text.rindex("\\") :]


def _check_xml_texts(graph: EvidenceGraph, *, include_sources: bool) -> None:
    """Refuse a text of an entity that RDF/XML cannot hold, naming the entity and the field.

    Raises:
        NotWritableError: If a text holds a character XML 1.0 has no place for (U+0000, say).
    """
    for _, entity in graph.nodes():
        private = None if include_sources else set(private_fields(type(entity)))
        data = entity.model_dump(mode="json", exclude=private)
        for path, text in _texts(data):
            if (bad := not_xml(text)) is not None:
                raise NotWritableError(
                    f"{entity.node_kind.value} {entity.id!r}: {format_path(path)}: the character "
                    f"U+{ord(bad):04X} cannot stand in XML 1.0, not even escaped, so RDF/XML "
                    "cannot hold it; expected text without control characters other than tab "
                    "and newline, or another format, such as turtle"
                )


def _texts(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield every text of a model's data, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
