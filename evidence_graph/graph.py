"""The evidence graph: a corpus as a typed networkx MultiDiGraph keyed by IRIs.

Node attributes:
    ``kind``: the :class:`~evidence_graph.models.NodeKind` of the node.
    ``id``: the entity's local id.
    ``model``: the entity itself, a frozen pydantic model.

Edge keys are :class:`Relation` members, one edge for each reference a model declares (see
:mod:`evidence_graph.models.references`); edge attributes:
    ``position`` (``authored-by``): the author's place in the byline, from 1.
    ``corresponding`` (``authored-by``): whether the author is a corresponding author.
    ``role`` (``supports``): the quote's :class:`~evidence_graph.models.QuoteRole`.
    ``intents`` (``cites``): the citation's :class:`~evidence_graph.models.CitationIntent` tuple.
    ``relation`` (``maps-to``): the mapping's :class:`~evidence_graph.models.MatchRelation`.

A sample that is ``part-of`` another is a subgroup of it: its participants are counted in the
whole, never twice (:meth:`EvidenceGraph.whole_samples`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, TypeVar, cast, overload

import networkx as nx

from evidence_graph.collector import paused_collection
from evidence_graph.display import (
    SHOWN_STUDIES,
    SHOWN_THEMES,
    counted,
    html_table,
    html_text,
    shorten,
)
from evidence_graph.exceptions import NodeNotFoundError
from evidence_graph.ids import DEFAULT_BASE, check_base
from evidence_graph.models import (
    COLLECTIONS,
    CitationIntent,
    Claim,
    Concept,
    Corpus,
    Criterion,
    Entity,
    NodeKind,
    Participant,
    Person,
    Quote,
    Relation,
    Sample,
    Scheme,
    Study,
    Theme,
    ThemeMapping,
    Work,
    edges,
    entity_iri,
    minted_iri,
    reference_iri,
)

__all__ = ["EvidenceGraph", "Relation", "entity_iri", "minted_iri"]

E = TypeVar("E", bound=Entity)
T = TypeVar("T")


class EvidenceGraph:
    """A corpus as a typed networkx ``MultiDiGraph`` whose node keys are IRIs.

    Any networkx algorithm runs on :attr:`graph` unchanged; the methods here give typed access.

    Examples:
        >>> from evidence_graph import load
        >>> graph = EvidenceGraph.from_corpus(load("kverme2019"))
        >>> [theme.label for theme in graph.subthemes("moving-toward-connectedness")][:2]
        ['Learning to Hold One’s Own', 'Needing Honesty and Genuine Mutuality']
        >>> graph.to_corpus() == load("kverme2019")
        True
    """

    def __init__(
        self, graph: nx.MultiDiGraph, base: str = DEFAULT_BASE, extra: Iterable[Any] = ()
    ) -> None:
        """Wrap a MultiDiGraph built by :meth:`from_corpus` (or shaped like one)."""
        self.graph: nx.MultiDiGraph = graph
        """The networkx graph itself."""
        self.base = check_base(base)
        """The base of the IRIs minted for entities without a public identifier."""
        self.extra: frozenset[Any] = frozenset(extra)
        """RDF triples read with the corpus that the models do not hold; written back out."""
        self._iri_by_id: dict[str, str] = {
            data["id"]: node for node, data in graph.nodes(data=True)
        }
        named: dict[str, list[str]] = {}
        for node, data in graph.nodes(data=True):
            if "/" in data["id"]:  # an id named within its scope: its local id, where one
                named.setdefault(data["id"].rpartition("/")[2], []).append(node)
        for name, nodes in named.items():
            if len(nodes) == 1 and name not in self._iri_by_id:
                self._iri_by_id[name] = nodes[0]
        self._memo: dict[Hashable, tuple[int, Any]] = {}

    @classmethod
    def from_corpus(
        cls, corpus: Corpus, base: str = DEFAULT_BASE, extra: Iterable[Any] = ()
    ) -> EvidenceGraph:
        """Build the graph of a corpus: one node per entity, one edge per reference.

        ``extra`` holds RDF triples read beside the corpus that its models do not hold (see
        :func:`evidence_graph.from_rdf`); they are kept and written back out by the export.
        """
        check_base(base)
        graph = nx.MultiDiGraph()
        with paused_collection():
            iri = {entity.id: entity_iri(entity, base) for entity in corpus.entities()}
            for entity in corpus.entities():
                graph.add_node(iri[entity.id], kind=entity.node_kind, id=entity.id, model=entity)
            for entity in corpus.entities():
                for source, target, relation, attributes in edges(entity):
                    graph.add_edge(iri[source], iri[target], key=relation, **attributes)
            return cls(nx.freeze(graph), base, extra)  # read, never changed: its indexes hold

    @classmethod
    def of(cls, source: Corpus | EvidenceGraph) -> EvidenceGraph:
        """Return ``source`` if it is a graph already, else the graph of the corpus it is.

        Examples:
            >>> from evidence_graph import load
            >>> corpus = load("kverme2019")
            >>> graph = EvidenceGraph.of(corpus)
            >>> EvidenceGraph.of(graph) is graph, graph.to_corpus() == corpus
            (True, True)
        """
        return source if isinstance(source, EvidenceGraph) else cls.from_corpus(source)

    def to_corpus(self) -> Corpus:
        """Return the corpus the graph holds, lists in the order the nodes were added."""
        lists: dict[str, list[Entity]] = {name: [] for name in COLLECTIONS}
        names = {kind: name for name, kind in COLLECTIONS.items()}
        for _, data in self.graph.nodes(data=True):
            lists[names[data["kind"]]].append(data["model"])
        return Corpus.model_validate(lists)

    # -- nodes -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def __contains__(self, key: object) -> bool:
        return key in self.graph or key in self._iri_by_id

    def iri(self, key: str | Entity) -> str:
        """Return the IRI of a node given its IRI, its id, its entity or a public identifier.

        An id named within its scope (``study-id/local-id``) may be given by its local id
        where no other node has it; a public identifier is a DOI, an ORCID iD or a compact IRI
        such as ``mesh:D001883``.

        Raises:
            NodeNotFoundError: If no node has that IRI or id.
        """
        if isinstance(key, Entity):
            key = key.id
        nodes = self.graph.nodes
        if key in nodes:
            return key
        found = self._iri_by_id.get(key)
        if found is None:
            found = reference_iri(key)
        if found is None or found not in nodes:
            raise NodeNotFoundError(key) from None
        return found

    @overload
    def get(self, key: str | Entity) -> Entity: ...
    @overload
    def get(self, key: str | Entity, kind: type[E]) -> E: ...
    def get(self, key: str | Entity, kind: type[Entity] = Entity) -> Entity:
        """Return the entity of a node by IRI or local id, checking its type if asked.

        Raises:
            NodeNotFoundError: If there is no such node, or it is not a ``kind``.
        """
        model = self.graph.nodes[self.iri(key)]["model"]
        if not isinstance(model, kind):
            raise NodeNotFoundError(str(key), kind.node_kind.value)
        return model

    def kind(self, key: str | Entity) -> NodeKind:
        """Return the kind of a node by IRI or local id."""
        return cast("NodeKind", self.graph.nodes[self.iri(key)]["kind"])

    def nodes(self, kind: NodeKind | None = None) -> Iterator[tuple[str, Entity]]:
        """Yield ``(iri, entity)`` for every node, or every node of one kind (indexed once)."""
        if kind is None:
            return ((node, data["model"]) for node, data in self.graph.nodes(data=True))
        return iter(self.memo("nodes by kind", self._nodes_by_kind)[kind])

    def _nodes_by_kind(self) -> dict[NodeKind, list[tuple[str, Entity]]]:
        found: dict[NodeKind, list[tuple[str, Entity]]] = {kind: [] for kind in NodeKind}
        for node, data in self.graph.nodes(data=True):
            found[data["kind"]].append((node, data["model"]))
        return found

    def _of(self, cls: type[E]) -> Iterator[E]:
        for _, model in self.nodes(cls.node_kind):
            yield cast("E", model)

    def sorted_nodes(self, kind: NodeKind) -> tuple[tuple[str, Entity], ...]:
        """Return ``(iri, entity)`` of every node of one kind, sorted by IRI (indexed once)."""
        return self.memo(("sorted nodes", kind), lambda: tuple(sorted(self.nodes(kind))))

    def works(self) -> Iterator[Work]:
        """Yield every work."""
        return self._of(Work)

    def people(self) -> Iterator[Person]:
        """Yield every person."""
        return self._of(Person)

    def studies(self) -> Iterator[Study]:
        """Yield every study."""
        return self._of(Study)

    def claims(self) -> Iterator[Claim]:
        """Yield every claim."""
        return self._of(Claim)

    def concepts(self, scheme: str | Scheme | None = None) -> Iterator[Concept]:
        """Yield every concept, or the concepts of one scheme."""
        if scheme is None:
            return self._of(Concept)
        return iter(self.linked(scheme, Relation.IN_SCHEME, forward=False))

    def schemes(self) -> Iterator[Scheme]:
        """Yield every scheme (framework of concepts)."""
        return self._of(Scheme)

    def mappings(self, key: str | Entity | None = None) -> Iterator[ThemeMapping]:
        """Yield every mapping, or those of a theme and those to a concept or theme."""
        if key is None:
            return self._of(ThemeMapping)
        found = {
            **{m.id: m for m in self.linked(key, Relation.MAPS_FROM, forward=False)},
            **{m.id: m for m in self.linked(key, Relation.MAPS_TO, forward=False)},
        }
        return iter(sorted(found.values(), key=lambda mapping: mapping.id))

    # -- neighbours --------------------------------------------------------------------------

    def linked(
        self, key: str | Entity, relation: Relation, *, forward: bool = True
    ) -> tuple[Any, ...]:
        """Return the entities a node's edges of one relation lead to (or come from).

        In networkx's order, from an index of the edges built once (see :meth:`memo`);
        ``forward=False`` gives the entities whose edges lead to the node.

        Raises:
            NodeNotFoundError: If no node has that IRI or id.

        Examples:
            >>> from evidence_graph import load_graph
            >>> graph = load_graph("kverme2019")
            >>> [sample.id for sample in graph.linked("kverme2019", Relation.HAS_SAMPLE)]
            ['kverme2019-participants']
        """
        index = self.memo(("linked", forward), lambda: self._index_edges(forward=forward))
        return index.get((self.iri(key), relation), ())

    def _index_edges(self, *, forward: bool) -> dict[tuple[str, Relation], tuple[Any, ...]]:
        """Each node's neighbours' entities by relation, as ``out_edges`` or ``in_edges`` go."""
        index: dict[tuple[str, Relation], list[Any]] = {}
        nodes, edges = self.graph.nodes, self.graph.out_edges if forward else self.graph.in_edges
        for source, target, relation in edges(keys=True):
            node, other = (source, target) if forward else (target, source)
            index.setdefault((node, relation), []).append(nodes[other]["model"])
        return {key: tuple(found) for key, found in index.items()}

    def authors(self, work: str | Work) -> list[Person]:
        """Return the authors of a work, in the byline's order."""
        node = self.iri(work)
        edges = [
            (data["position"], target)
            for _, target, key, data in self.graph.out_edges(node, keys=True, data=True)
            if key is Relation.AUTHORED_BY
        ]
        return [self.graph.nodes[target]["model"] for _, target in sorted(edges)]

    def samples(self, study: str | Study) -> Iterator[Sample]:
        """Yield the samples of a study."""
        return iter(self.linked(study, Relation.HAS_SAMPLE))

    def subgroups(self, sample: str | Sample) -> list[Sample]:
        """Return the subgroups that are directly part of a sample, in the file's order."""
        return list(self.linked(sample, Relation.PART_OF, forward=False))

    def whole_samples(self, study: str | Study | None = None) -> Iterator[Sample]:
        """Yield the samples of a study, or of every study, that are not part of another."""
        samples = self._of(Sample) if study is None else self.samples(study)
        return (sample for sample in samples if sample.part_of is None)

    def participants(self, study: str | Study | None = None) -> Iterator[Participant]:
        """Yield the participants of a study, or of every study."""
        if study is None:
            return self._of(Participant)
        return iter(self.linked(study, Relation.HAS_PARTICIPANT))

    def criteria(self, study: str | Study) -> Iterator[Criterion]:
        """Yield the inclusion and exclusion criteria of a study."""
        return iter(self.linked(study, Relation.HAS_CRITERION))

    def themes(self, study: str | Study | None = None) -> Iterator[Theme]:
        """Yield the themes of a study, or of every study."""
        if study is None:
            return self._of(Theme)
        return iter(self.linked(study, Relation.HAS_THEME))

    def top_themes(self, study: str | Study) -> list[Theme]:
        """Return the overarching themes of a study (those without a parent), in order.

        Themes with a number come first, by number; the others follow in the order the
        corpus gives them (a study file's order).
        """
        return _in_order(theme for theme in self.themes(study) if theme.parent is None)

    def subthemes(self, theme: str | Theme) -> list[Theme]:
        """Return the direct sub-themes of a theme (a grouping's members), in order.

        Themes with a number come first, by number; the others follow in the order the
        corpus gives them (a study file's order).
        """
        return _in_order(self.linked(theme, Relation.SUBTHEME_OF, forward=False))

    def quotes(self, theme: str | Theme | None = None) -> Iterator[Quote]:
        """Yield the quotes coded directly under a theme, or every quote."""
        if theme is None:
            return self._of(Quote)
        return iter(self.linked(theme, Relation.SUPPORTS, forward=False))

    def evidence(self, claim: str | Claim) -> Iterator[Quote | Work]:
        """Yield the quotes and works a claim is evidenced by."""
        return iter(self.linked(claim, Relation.EVIDENCED_BY))

    def cited_works(self, work: str | Work) -> Iterator[Work]:
        """Yield the works a work cites."""
        return iter(self.linked(work, Relation.CITES))

    def citing(self, work: str | Work) -> Iterator[tuple[Work, tuple[CitationIntent, ...]]]:
        """Yield the works that cite a work, each with its citation intents."""
        for source, _, key, data in self.graph.in_edges(self.iri(work), keys=True, data=True):
            if key is Relation.CITES:
                yield self.graph.nodes[source]["model"], data["intents"]

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Return what ``build()`` gives, built once for this graph.

        The look-ups and the questions keep their indexes here (nodes by kind, edges by node
        and relation, labels to themes). A graph built by :meth:`from_corpus` is frozen: a
        change raises (build a new graph instead). A graph wrapped as given has its indexes
        built again when it gains or loses nodes, not when it is changed otherwise.
        """
        stamp = self.graph.number_of_nodes()
        found = self._memo.get(key)
        if found is None or found[0] != stamp:
            with paused_collection():  # an index is many small objects and no cycles
                found = self._memo[key] = (stamp, build())
        return cast("T", found[1])

    def kinds(self) -> dict[NodeKind, int]:
        """Return how many nodes of each kind the graph has, every kind listed."""
        return dict(self.memo("kinds", self._count_kinds))

    def _count_kinds(self) -> dict[NodeKind, int]:
        counts = dict.fromkeys(NodeKind, 0)
        for _, data in self.graph.nodes(data=True):
            counts[data["kind"]] += 1
        return counts

    def __repr__(self) -> str:
        return f"EvidenceGraph({len(self)} nodes, {self.graph.number_of_edges()} edges)"

    def _repr_html_(self) -> str:
        """Return a summary for a notebook: counts by kind, and each study with its theme tree.

        Plain HTML, every text escaped (a long one cut), no script and nothing fetched; the
        first :data:`~evidence_graph.display.SHOWN_STUDIES` studies by IRI, each with its
        first :data:`~evidence_graph.display.SHOWN_THEMES` themes, and how many more.

        Examples:
            >>> from evidence_graph import load_graph
            >>> graph = load_graph("kverme2019")
            >>> print(graph._repr_html_().splitlines()[0])
            <div><p><strong>EvidenceGraph</strong>: 35 nodes, 71 edges</p>
            >>> graph
            EvidenceGraph(35 nodes, 71 edges)
        """
        counts = [(kind.value, str(count)) for kind, count in self.kinds().items() if count]
        edges = self.graph.number_of_edges()
        parts = [
            f"<div><p><strong>EvidenceGraph</strong>: {len(self)} nodes, {edges} edges</p>",
            html_table(["kind", "nodes"], counts),
        ]
        studies = sorted(self.studies(), key=self.iri)
        for study in studies[:SHOWN_STUDIES]:
            name = html_text(shorten(study.label or study.id))
            parts.append(f"<p><strong>{name}</strong> ({html_text(study.id)})</p>")
            left = [SHOWN_THEMES]
            parts.append(self._theme_list(self.top_themes(study), left))
            if left[0] < 0:
                total = sum(1 for _ in self.themes(study))
                parts.append(f"<p>… {counted(total, 'theme')} in all</p>")
        if len(studies) > SHOWN_STUDIES:
            more = len(studies) - SHOWN_STUDIES
            said = counted(more, "more study", "more studies")
            parts.append(f"<p>… and {said} ({len(studies)} in all)</p>")
        return "\n".join([*parts, "</div>"])

    def _theme_list(self, themes: list[Theme], left: list[int]) -> str:
        """The themes as a nested HTML list, each with how many quotes are coded under it.

        ``left`` holds how many more may be shown; it goes below zero where some were not.
        """
        items = []
        for theme in themes:
            left[0] -= 1
            if left[0] < 0:
                break
            quotes = sum(1 for _ in self.quotes(theme))
            count = f" <small>({counted(quotes, 'quote')})</small>" if quotes else ""
            below = self._theme_list(self.subthemes(theme), left)
            items.append(f"<li>{html_text(shorten(theme.label))}{count}{below}</li>")
        return "<ul>" + "".join(items) + "</ul>" if items else ""

    def stats(self) -> dict[str, int]:
        """Return how many nodes of each kind, and edges of each relation, the graph has."""
        counts: dict[str, int] = {kind.value: count for kind, count in self.kinds().items()}
        for _, _, key in self.graph.edges(keys=True):
            counts[key.value] = counts.get(key.value, 0) + 1
        return counts


def _in_order(themes: Iterable[Theme]) -> list[Theme]:
    """Sibling themes by number, numbered first, then in the corpus's order (a stable sort)."""
    return sorted(themes, key=lambda theme: (theme.number is None, theme.number or 0))
