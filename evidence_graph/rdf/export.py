"""RDF export: the entities of an evidence graph as triples, and as N-Triples lines.

The writer makes plain triples: IRIs as strings and literals as :class:`Lit`, from which
:func:`to_rdf` builds an rdflib graph when one is asked for. The export's N-Triples lines,
gathered by subject, from which every format is written (:mod:`evidence_graph.rdf.output`),
are made straight from the models by :func:`nt_groups` (:mod:`evidence_graph.rdf.lines`),
as the same mapping says.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from rdflib import Graph

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus, Entity, private_fields
from evidence_graph.progress import Advance, steps
from evidence_graph.rdf.lines import GraphOut, NTGroups, nt_groups, nt_line, nt_object
from evidence_graph.rdf.literals import literal
from evidence_graph.rdf.mapping import MAPPING, RDF_TYPE
from evidence_graph.rdf.plan import plan
from evidence_graph.rdf.syntax import rdflib_graph
from evidence_graph.rdf.terms import Lit, Plain

__all__ = [
    "NTGroups",
    "nt_groups",
    "nt_line",
    "nt_lines",
    "nt_parts",
    "nt_set",
    "to_rdf",
]

K = TypeVar("K", bound=Hashable)
"""A part of the export's lines (see :func:`nt_parts`)."""


class _Writer(GraphOut):
    """Turns the entities of an evidence graph into triples, as the tables of the mapping say."""

    def triples(self, advance: Advance | None = None) -> Iterator[Plain]:
        for iri, entity in _counted(self.graph, advance):
            yield from self.write(iri, entity)

    def write(self, subject: str, entity: Entity) -> Iterator[Plain]:
        """Yield the triples that describe one entity (and the nodes only it names)."""
        table = MAPPING[entity.node_kind]
        for cls in table.classes:
            yield subject, RDF_TYPE, cls
        for predicate, obj in table.constants:
            yield subject, predicate, obj
        yield from _plain(subject, entity, self.include_sources)
        for enum in table.enums:
            value = getattr(entity, enum.field)
            if value is not None:  # an optional enumeration, not given
                yield subject, enum.predicate, enum.values[value]
        for row in plan(type(entity)):
            if row.structure is not None:
                if getattr(entity, row.field):
                    yield from row.structure.write(self, subject, entity, row.field)
            elif row.predicate is not None:
                for item in _items(getattr(entity, row.field)):
                    if row.forward:
                        yield subject, row.predicate, self.node(item)
                    else:
                        yield self.node(item), row.predicate, subject


def _plain(subject: str, entity: Entity, include_sources: bool) -> Iterator[Plain]:
    """Yield the triples of an entity's plain fields; a flag (false unless given) only if true."""
    for field, predicate, iri, datatype, flag in _fields(type(entity), include_sources):
        value = getattr(entity, field)
        if value is None or (flag and value is False):
            continue
        for item in value if isinstance(value, tuple) else (value,):
            if iri:
                yield subject, predicate, str(item)
            elif datatype is None and type(item) is str:
                yield subject, predicate, Lit(item)
            else:
                yield subject, predicate, literal(item, datatype)


_Field = tuple[str, str, bool, str | None, bool]
"""A plain field as it is written: its name, predicate, whether its values are IRIs, their
datatype, and whether it is a flag (false unless given, and written only if true)."""


@functools.cache
def _fields(model: type[Entity], include_sources: bool) -> tuple[_Field, ...]:
    """Return how the plain fields of a kind of entity are written, in the table's order.

    A private field (a source's full text) is written only if ``include_sources``.
    """
    private = frozenset() if include_sources else private_fields(model)
    return tuple(
        (
            spec.field,
            spec.predicate,
            spec.value == "iri",
            spec.datatype,
            model.model_fields[spec.field].default is False,
        )
        for spec in MAPPING[model.node_kind].fields
        if spec.field not in private
    )


def _items(value: Any) -> Iterator[Any]:
    """Yield the values of a field: the items of a list, or the one value if it is not None."""
    if isinstance(value, tuple):
        yield from value
    elif value is not None:
        yield value


def to_rdf(source: Corpus | EvidenceGraph, *, include_sources: bool = False) -> Graph:
    """Return the corpus as an rdflib ``Graph`` in standard vocabularies, without blank nodes.

    The full text of a source (:attr:`~evidence_graph.models.Work.text`, an interview
    transcript) is private: it is written only with ``include_sources``.

    Examples:
        >>> from evidence_graph import load
        >>> from rdflib import URIRef
        >>> rdf = to_rdf(load("kverme2019"))
        >>> paper = URIRef("https://doi.org/10.3389/fpsyg.2019.00430")
        >>> str(rdf.value(paper, URIRef("http://prismstandard.org/namespaces/basic/2.0/doi")))
        '10.3389/fpsyg.2019.00430'
    """
    graph = EvidenceGraph.of(source)
    rdf = rdflib_graph(_Writer(graph, include_sources=include_sources).triples())
    for triple in graph.extra:
        rdf.add(triple)
    return rdf


def _counted(graph: EvidenceGraph, advance: Advance | None) -> Iterator[tuple[str, Entity]]:
    """Yield ``(iri, entity)`` for every node, moving a bar on by 1000 every 1000 of them."""
    for done, node in enumerate(graph.nodes(), start=1):
        if advance is not None and done % 1000 == 0:
            advance(1000)
        yield node


def nt_lines(
    source: Corpus | EvidenceGraph, *, progress: bool = False, include_sources: bool = False
) -> tuple[list[str], set[str]]:
    """Return the sorted, distinct N-Triples lines of the export, and the IRIs they name.

    The IRIs are those of subjects, predicates and objects, and the datatypes, each once.
    With ``progress``, a bar on standard error counts the entities written.

    The lines are gathered by subject and sorted subject by subject: a subject's term ends at
    the first space, and no term is the start of another followed by that space, so this is
    the order of one sort of all the lines, at a fraction of its cost.
    """
    graph = EvidenceGraph.of(source)
    with steps("writing", len(graph), show=progress) as advance:
        found = nt_groups(graph, advance, include_sources=include_sources, iris=True)
    groups = found.lines
    lines = [head + tail for head in sorted(groups) for tail in sorted(groups[head])]
    return lines, found.iris or set()


def nt_set(
    graph: EvidenceGraph, advance: Advance | None = None, *, include_sources: bool = False
) -> tuple[set[str], set[str]]:
    """Return the distinct N-Triples lines of the export, unsorted, and the IRIs they name."""
    found = nt_groups(graph, advance, include_sources=include_sources, iris=True)
    lines = {head + tail for head, tails in found.lines.items() for tail in tails}
    return lines, found.iris or set()


def nt_parts(
    graph: EvidenceGraph,
    part: Callable[[Entity], K],
    extra: Mapping[K, Iterable[Any]] | None = None,
    *,
    progress: bool = False,
) -> dict[K, list[str]]:
    """Return the N-Triples lines of the export split into parts, each part's lines sorted.

    The triples written for an entity go to ``part(entity)``; ``extra`` gives the rdflib
    triples of each part that the models do not hold (:attr:`EvidenceGraph.extra` itself is
    not read). A line that several parts give is in the first only, so the parts together
    hold the lines of :func:`nt_lines`, each once. Parts are in the order they first appear.

    Examples:
        >>> from evidence_graph import load_graph
        >>> parts = nt_parts(load_graph("kverme2019"), lambda entity: entity.node_kind.value)
        >>> len(parts["quote"]), sum(len(lines) for lines in parts.values())
        (56, 346)
    """
    owner: dict[str, K] = {}  # each line, and the first part that gave it
    with steps("writing", len(graph), show=progress) as advance:
        writer = _Writer(graph)
        for iri, entity in _counted(graph, advance):
            key = part(entity)
            for subject, predicate, obj in writer.write(iri, entity):
                owner.setdefault(f"<{subject}> <{predicate}> {nt_object(obj)} .", key)
    for key, triples in (extra or {}).items():
        for triple in triples:
            owner.setdefault(nt_line(triple), key)
    parts: dict[K, list[str]] = {}
    for line, key in owner.items():
        parts.setdefault(key, []).append(line)
    for lines in parts.values():
        lines.sort()
    return parts
