"""The evidence graph: a corpus as a typed networkx MultiDiGraph keyed by IRIs.

Node attributes:
    ``kind``: the :class:`~evidence_graph.models.NodeKind` of the node.
    ``id``: the entity's local id.
    ``model``: the entity itself, a frozen pydantic model.

Edge keys are :class:`Relation` members; edge attributes:
    ``position`` (``authored-by``): the author's place in the byline, from 1.
    ``corresponding`` (``authored-by``): whether the author is a corresponding author.
    ``role`` (``supports``): the quote's :class:`~evidence_graph.models.QuoteRole`.
    ``intents`` (``cites``): the citation's :class:`~evidence_graph.models.CitationIntent` tuple.
    ``relation`` (``maps-to``): the mapping's :class:`~evidence_graph.models.MatchRelation`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from enum import StrEnum
from typing import Any, TypeVar, cast, overload

import networkx as nx

from evidence_graph.exceptions import NodeNotFoundError
from evidence_graph.ids import DEFAULT_BASE, check_base
from evidence_graph.models import (
    COLLECTIONS,
    CitationIntent,
    Claim,
    Concept,
    ConditionConstraint,
    Corpus,
    Criterion,
    Entity,
    NodeKind,
    Person,
    Quote,
    Sample,
    Scheme,
    Study,
    Theme,
    ThemeMapping,
    Work,
)
from evidence_graph.models.corpus import public_iri

__all__ = ["EvidenceGraph", "Relation", "entity_iri", "minted_iri"]

E = TypeVar("E", bound=Entity)
T = TypeVar("T")

_STUDY_SCOPED = (Sample, Criterion, Theme, Quote)


class Relation(StrEnum):
    """The closed set of edge types; each edge's key in the MultiDiGraph."""

    REPORTED_IN = "reported-in"
    """study → work that reports it"""
    AUTHORED_BY = "authored-by"
    """work → person, with ``position`` and ``corresponding``"""
    LED_BY = "led-by"
    """study → its lead investigator"""
    HAS_SAMPLE = "has-sample"
    """study → sample"""
    HAS_CRITERION = "has-criterion"
    """study → criterion"""
    STATED_IN = "stated-in"
    """criterion → work whose words its text is"""
    HAS_THEME = "has-theme"
    """study → theme (every theme of the study)"""
    SUBTHEME_OF = "subtheme-of"
    """theme → overarching theme"""
    SUPPORTS = "supports"
    """quote → theme, with ``role`` supporting or contrasting"""
    QUOTED_IN = "quoted-in"
    """quote → work its text was read in"""
    APPEARS_IN = "appears-in"
    """quote → work it first appeared in"""
    FROM_STUDY = "from-study"
    """quote → study whose participant said it"""
    CITES = "cites"
    """work → work, with ``intents``"""
    ASSERTS = "asserts"
    """work → claim"""
    CONCERNS = "concerns"
    """claim → study it is about"""
    EVIDENCED_BY = "evidenced-by"
    """claim → quote or work"""
    CANDIDATE_SOURCE = "candidate-source"
    """claim → work that may support it but is not cited for it"""
    ABOUT = "about"
    """work, study, criterion or claim → concept"""
    DEFINED_IN = "defined-in"
    """scheme → work that sets it out"""
    IN_SCHEME = "in-scheme"
    """concept → the scheme it belongs to"""
    MAPS_FROM = "maps-from"
    """mapping → the theme it maps"""
    MAPS_TO = "maps-to"
    """mapping → the concept or theme the theme is mapped to, with ``relation``"""


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> str:
    """Return the IRI that names ``entity``.

    A work with a DOI is its ``https://doi.org/`` IRI, a person with an ORCID iD is the
    ``https://orcid.org/`` IRI, and a concept is its own public IRI; everything else is
    ``<base><kind>/<study-id>/<local-id>`` (study, and claims of no study, without the middle).

    Examples:
        >>> from evidence_graph.models import Theme
        >>> entity_iri(Theme(id="daring-to-belong", study="kverme2019", label="Daring to Belong"))
        'https://w3id.org/evidence-graph/data/theme/kverme2019/daring-to-belong'
    """
    public = public_iri(entity)
    if public is not None:
        return public
    scope = entity.study if isinstance(entity, (*_STUDY_SCOPED, Claim)) else None
    return minted_iri(base, entity.node_kind, entity.id, scope)


def minted_iri(base: str, kind: NodeKind, id_: str, scope: str | None = None) -> str:
    """Return the IRI minted for an entity without a public one: ``<base><kind>/[<scope>/]<id>``.

    Examples:
        >>> minted_iri("https://example.org/", NodeKind.CONCEPT, "chime-hope")
        'https://example.org/concept/chime-hope'
    """
    middle = f"{scope}/" if scope else ""
    return f"{base}{kind.value}/{middle}{id_}"


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
        iri = {entity.id: entity_iri(entity, base) for entity in corpus.entities()}
        for entity in corpus.entities():
            graph.add_node(iri[entity.id], kind=entity.node_kind, id=entity.id, model=entity)
        for entity in corpus.entities():
            for source, target, relation, attributes in _EDGES[type(entity)](entity):
                graph.add_edge(iri[source], iri[target], key=relation, **attributes)
        return cls(graph, base, extra)

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
        """Return the IRI of a node given its IRI, its local id or its entity.

        Raises:
            NodeNotFoundError: If no node has that IRI or id.
        """
        if isinstance(key, Entity):
            key = key.id
        if key in self.graph:
            return key
        try:
            return self._iri_by_id[key]
        except KeyError:
            raise NodeNotFoundError(key) from None

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
        """Yield ``(iri, entity)`` for every node, or every node of one kind."""
        for node, data in self.graph.nodes(data=True):
            if kind is None or data["kind"] is kind:
                yield node, data["model"]

    def _of(self, cls: type[E]) -> Iterator[E]:
        for _, model in self.nodes(cls.node_kind):
            yield cast("E", model)

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
        return self._sources(scheme, Relation.IN_SCHEME)

    def schemes(self) -> Iterator[Scheme]:
        """Yield every scheme (framework of concepts)."""
        return self._of(Scheme)

    def mappings(self, key: str | Entity | None = None) -> Iterator[ThemeMapping]:
        """Yield every mapping, or those of a theme and those to a concept or theme."""
        if key is None:
            return self._of(ThemeMapping)
        found = {
            **{m.id: m for m in self._sources(key, Relation.MAPS_FROM)},
            **{m.id: m for m in self._sources(key, Relation.MAPS_TO)},
        }
        return iter(sorted(found.values(), key=lambda mapping: mapping.id))

    # -- neighbours --------------------------------------------------------------------------

    def _targets(self, key: str | Entity, relation: Relation) -> Iterator[Any]:
        for _, target, edge in self.graph.out_edges(self.iri(key), keys=True):
            if edge is relation:
                yield self.graph.nodes[target]["model"]

    def _sources(self, key: str | Entity, relation: Relation) -> Iterator[Any]:
        for source, _, edge in self.graph.in_edges(self.iri(key), keys=True):
            if edge is relation:
                yield self.graph.nodes[source]["model"]

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
        return self._targets(study, Relation.HAS_SAMPLE)

    def criteria(self, study: str | Study) -> Iterator[Criterion]:
        """Yield the inclusion and exclusion criteria of a study."""
        return self._targets(study, Relation.HAS_CRITERION)

    def themes(self, study: str | Study | None = None) -> Iterator[Theme]:
        """Yield the themes of a study, or of every study."""
        if study is None:
            return self._of(Theme)
        return self._targets(study, Relation.HAS_THEME)

    def top_themes(self, study: str | Study) -> list[Theme]:
        """Return the overarching themes of a study: those without a parent."""
        return [theme for theme in self.themes(study) if theme.parent is None]

    def subthemes(self, theme: str | Theme) -> list[Theme]:
        """Return the direct sub-themes of a theme, in their numbered order."""
        children = list(self._sources(theme, Relation.SUBTHEME_OF))
        return sorted(children, key=lambda child: (child.number is None, child.number or 0))

    def quotes(self, theme: str | Theme | None = None) -> Iterator[Quote]:
        """Yield the quotes coded directly under a theme, or every quote."""
        if theme is None:
            return self._of(Quote)
        return self._sources(theme, Relation.SUPPORTS)

    def evidence(self, claim: str | Claim) -> Iterator[Quote | Work]:
        """Yield the quotes and works a claim is evidenced by."""
        return self._targets(claim, Relation.EVIDENCED_BY)

    def cited_works(self, work: str | Work) -> Iterator[Work]:
        """Yield the works a work cites."""
        return self._targets(work, Relation.CITES)

    def citing(self, work: str | Work) -> Iterator[tuple[Work, tuple[CitationIntent, ...]]]:
        """Yield the works that cite a work, each with its citation intents."""
        for source, _, key, data in self.graph.in_edges(self.iri(work), keys=True, data=True):
            if key is Relation.CITES:
                yield self.graph.nodes[source]["model"], data["intents"]

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Return what ``build()`` gives, built once for this graph.

        The questions keep their indexes here (labels to themes, counts by kind). A graph is
        built whole from a corpus and read, not changed: one whose :attr:`graph` gains or loses
        nodes afterwards has its indexes built again, but one changed in place (a node's model
        replaced) keeps the old ones; build a new graph with :meth:`from_corpus` instead.
        """
        stamp = self.graph.number_of_nodes()
        found = self._memo.get(key)
        if found is None or found[0] != stamp:
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

    def stats(self) -> dict[str, int]:
        """Return how many nodes of each kind, and edges of each relation, the graph has."""
        counts: dict[str, int] = {kind.value: count for kind, count in self.kinds().items()}
        for _, _, key in self.graph.edges(keys=True):
            counts[key.value] = counts.get(key.value, 0) + 1
        return counts


Edge = tuple[str, str, Relation, dict[str, Any]]


def _work_edges(work: Work) -> Iterator[Edge]:
    for position, person in enumerate(work.authors, start=1):
        attributes = {"position": position, "corresponding": person in work.corresponding_authors}
        yield work.id, person, Relation.AUTHORED_BY, attributes
    for citation in work.cites:
        yield work.id, citation.work, Relation.CITES, {"intents": citation.intents}
    yield from ((work.id, concept, Relation.ABOUT, {}) for concept in work.subjects)


def _study_edges(study: Study) -> Iterator[Edge]:
    yield from ((study.id, work, Relation.REPORTED_IN, {}) for work in study.reported_in)
    if study.lead_investigator:
        yield study.id, study.lead_investigator, Relation.LED_BY, {}
    yield from ((study.id, concept, Relation.ABOUT, {}) for concept in study.conditions)


def _sample_edges(sample: Sample) -> Iterator[Edge]:
    yield sample.study, sample.id, Relation.HAS_SAMPLE, {}


def _criterion_edges(criterion: Criterion) -> Iterator[Edge]:
    yield criterion.study, criterion.id, Relation.HAS_CRITERION, {}
    if criterion.stated_in:
        yield criterion.id, criterion.stated_in, Relation.STATED_IN, {}
    constraint = criterion.constraint
    if isinstance(constraint, ConditionConstraint) and constraint.concept:
        yield criterion.id, constraint.concept, Relation.ABOUT, {}


def _theme_edges(theme: Theme) -> Iterator[Edge]:
    yield theme.study, theme.id, Relation.HAS_THEME, {}
    if theme.parent:
        yield theme.id, theme.parent, Relation.SUBTHEME_OF, {}


def _quote_edges(quote: Quote) -> Iterator[Edge]:
    for theme in quote.themes:
        yield quote.id, theme, Relation.SUPPORTS, {"role": quote.role}
    yield quote.id, quote.read_in, Relation.QUOTED_IN, {}
    yield quote.id, quote.appears_in, Relation.APPEARS_IN, {}
    yield quote.id, quote.study, Relation.FROM_STUDY, {}


def _claim_edges(claim: Claim) -> Iterator[Edge]:
    yield claim.asserted_by, claim.id, Relation.ASSERTS, {}
    if claim.study:
        yield claim.id, claim.study, Relation.CONCERNS, {}
    yield from ((claim.id, ref, Relation.EVIDENCED_BY, {}) for ref in claim.evidence)
    yield from ((claim.id, ref, Relation.CANDIDATE_SOURCE, {}) for ref in claim.candidate_sources)
    yield from ((claim.id, concept, Relation.ABOUT, {}) for concept in claim.about)


def _scheme_edges(scheme: Scheme) -> Iterator[Edge]:
    if scheme.defined_in:
        yield scheme.id, scheme.defined_in, Relation.DEFINED_IN, {}


def _concept_edges(concept: Concept) -> Iterator[Edge]:
    if concept.scheme:
        yield concept.id, concept.scheme, Relation.IN_SCHEME, {}


def _mapping_edges(mapping: ThemeMapping) -> Iterator[Edge]:
    yield mapping.id, mapping.subject, Relation.MAPS_FROM, {}
    yield mapping.id, mapping.object, Relation.MAPS_TO, {"relation": mapping.relation}


_EDGES: dict[type[Entity], Callable[[Any], Iterator[Edge]]] = {
    Work: _work_edges,
    Person: lambda _: iter(()),
    Study: _study_edges,
    Sample: _sample_edges,
    Criterion: _criterion_edges,
    Theme: _theme_edges,
    Quote: _quote_edges,
    Claim: _claim_edges,
    Scheme: _scheme_edges,
    Concept: _concept_edges,
    ThemeMapping: _mapping_edges,
}
"""For each kind of entity, the edges its references make: (source id, target id, relation,
attributes). Most run from the entity; ``has-sample``, ``has-criterion``, ``has-theme`` and
``asserts`` run to it, from its study or from the work that asserts it."""
