"""The directory of a graph's nodes: the ids, labels and matches that parameters name them by.

A :class:`Directory` is read from an :class:`~evidence_graph.EvidenceGraph` (:func:`directory`)
or from a SPARQL store (:class:`~evidence_graph.store.RemoteDirectory`); the look-ups of
:mod:`evidence_graph.queries.finding` take either.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Concept, NodeKind, Theme, match_iri

__all__ = ["Directory", "Entry", "Match", "directory"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match:
    """A concept's match, as the export writes it.

    Attributes:
        iri: Its IRI: its own, or the one minted for a code alone.
        relation: The SKOS relation, as the models spell it (``"exact"``, ``"close"``, …).
        code: Its code, if it has one.
        scheme: The vocabulary its code belongs to.
    """

    iri: str
    relation: str
    code: str | None
    scheme: str


@dataclass(frozen=True, slots=True)
class Entry:
    """What the look-ups know of a node: its IRI and what a researcher may name it by.

    Attributes:
        iri: Its IRI.
        id: Its local id.
        labels: A theme's label and alternative labels, or a concept's label.
        notation: A concept's notation.
        study: The IRI of a theme's study.
        matches: A concept's matches.
    """

    iri: str
    id: str
    labels: tuple[str, ...] = ()
    notation: str | None = None
    study: str | None = None
    matches: tuple[Match, ...] = ()


class Directory(Protocol):
    """The nodes of one graph that parameters name, by kind: from a graph or from a store."""

    def entries(self, kind: NodeKind) -> Sequence[Entry]:
        """Return the entries of the nodes of ``kind``: in a graph's order, or a store's by IRI."""
        ...

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Return what ``build()`` gives, built once for this directory."""
        ...


class _GraphDirectory:
    """The directory of an evidence graph, its entries built once (in the graph's memo)."""

    def __init__(self, graph: EvidenceGraph) -> None:
        self.graph = graph

    def entries(self, kind: NodeKind) -> Sequence[Entry]:
        return self.graph.memo(("entries", kind), lambda: tuple(self._entries(kind)))

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        return self.graph.memo(key, build)

    def _entries(self, kind: NodeKind) -> Iterable[Entry]:
        graph = self.graph
        for iri, entity in graph.nodes(kind):
            if isinstance(entity, Theme):
                labels = (entity.label, *entity.alt_labels)
                yield Entry(iri, entity.id, labels, study=graph.iri(entity.study))
            elif isinstance(entity, Concept):
                matches = tuple(
                    Match(
                        match_iri(graph.base, match), match.relation.value, match.code, match.scheme
                    )
                    for match in entity.matches
                )
                yield Entry(iri, entity.id, (entity.label,), entity.notation, matches=matches)
            else:
                yield Entry(iri, entity.id)


def directory(source: EvidenceGraph | Directory) -> Directory:
    """Return the directory of a graph (a directory is returned as it is)."""
    return _GraphDirectory(source) if isinstance(source, EvidenceGraph) else source
