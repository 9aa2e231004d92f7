"""RDF export: the entities of an evidence graph as triples, and as text in each format.

The writer makes plain triples: IRIs as strings and literals as :class:`Lit`. N-Triples and
Turtle are written from them directly (the lines sorted, Turtle by pyoxigraph from those
lines), without building an rdflib graph; :func:`to_rdf` builds one when it is asked for, and
the other formats are written from it. Both roads give the same text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral

from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import check_slug, code_iri
from evidence_graph.io.rdf_formats import FORMATS, Format, serialize_rdf, turtle_from_lines
from evidence_graph.models import (
    Claim,
    Concept,
    ConditionConstraint,
    Corpus,
    Criterion,
    Entity,
    EqualsConstraint,
    Quote,
    RangeConstraint,
    Study,
    Theme,
    ThemeMapping,
    Work,
)
from evidence_graph.namespace import (
    BIBO,
    DCTERMS,
    EG,
    OA,
    OBO,
    OWL,
    PREFIXES,
    RDF,
    SEMAPV,
    SKOS,
    SSSOM,
    XSD,
)
from evidence_graph.progress import Advance, steps
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    MAPPING,
    MATCH_PREDICATES,
    QUOTE_ROLES,
    WORK_CLASSES,
    FieldMap,
    to_literal,
)

__all__ = [
    "Lit",
    "nt_line",
    "nt_lines",
    "nt_parts",
    "nt_set",
    "serialize",
    "serialize_counted",
    "to_rdf",
]

K = TypeVar("K", bound=Hashable)
"""A part of the export's lines (see :func:`nt_parts`)."""


class Lit(NamedTuple):
    """A literal of the export: its lexical form, and its datatype or language, if any."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


Term = str | Lit
"""A term of the export: an IRI (a string) or a literal."""

Plain = tuple[str, str, Term]
"""A triple of the export."""


@functools.lru_cache(maxsize=4096, typed=True)
def _typed(value: Any, datatype: str | None) -> Lit:
    """Return the literal of a value that is not text, as rdflib writes it (its lexical form)."""
    literal = to_literal(value, URIRef(datatype) if datatype else None)
    return Lit(str(literal), str(literal.datatype) if literal.datatype else None)


def _literal(value: Any, datatype: str | None = None) -> Lit:
    """Return the literal of a field's value: text as it is, other values typed by XSD."""
    if isinstance(value, str) and datatype is None:
        return Lit(value if type(value) is str else str(value))  # text, or an enumeration's
    return _typed(value, datatype)


class _Writer:
    """Turns the entities of an evidence graph into triples."""

    def __init__(self, graph: EvidenceGraph) -> None:
        self.graph = graph
        self.base = graph.base

    def node(self, ref: str) -> str:
        return self.graph.iri(ref)

    def minted(self, *segments: str) -> str:
        return self.base + "/".join(check_slug(segment) for segment in segments)

    def triples(self, advance: Advance | None = None) -> Iterator[Plain]:
        for iri, entity in _counted(self.graph, advance):
            yield from self.entity(iri, entity)

    def entity(self, subject: str, entity: Entity) -> Iterator[Plain]:
        """Yield the triples that describe one entity (and the nodes only it names)."""
        table = MAPPING[entity.node_kind]
        for cls in table.classes:
            yield subject, RDF.type, cls
        yield from self.fields(subject, entity, table.fields)
        extra = getattr(self, f"extra_{entity.node_kind.value}", None)
        if extra is not None:
            yield from extra(subject, entity)

    def fields(self, subject: str, entity: Entity, fields: Iterable[FieldMap]) -> Iterator[Plain]:
        for spec in fields:
            value = getattr(entity, spec.field)
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if item is None:
                    continue
                if spec.value == "ref":
                    yield subject, spec.predicate, self.node(item)
                elif spec.value == "iri":
                    yield subject, spec.predicate, str(item)
                else:
                    yield subject, spec.predicate, _literal(item, spec.datatype)

    def extra_work(self, subject: str, work: Work) -> Iterator[Plain]:
        yield subject, RDF.type, WORK_CLASSES[work.type]
        if work.authors:
            authors = self.minted("authors", work.id)
            yield subject, BIBO.authorList, authors
            yield authors, RDF.type, RDF.Seq
            for position, person in enumerate(work.authors, start=1):
                yield authors, RDF[f"_{position}"], self.node(person)
        for citation in work.cites:
            for intent in citation.intents:
                yield subject, CITATION_PREDICATES[intent], self.node(citation.work)

    def extra_study(self, subject: str, study: Study) -> Iterator[Plain]:
        for sample in self.graph.samples(study.id):
            yield subject, EG.hasSample, self.node(sample.id)
        for criterion in self.graph.criteria(study.id):
            yield subject, EG.hasCriterion, self.node(criterion.id)
        themes = list(self.graph.themes(study.id))
        if not themes:
            return
        scheme = self.minted("scheme", study.id)
        yield subject, EG.hasThemeScheme, scheme
        yield scheme, RDF.type, SKOS.ConceptScheme
        yield scheme, DCTERMS.subject, subject
        label = study.label or study.id
        yield scheme, SKOS.prefLabel, Lit(f"Themes of {label}")
        for theme in themes:
            if theme.parent is None:
                yield scheme, SKOS.hasTopConcept, self.node(theme.id)

    def extra_criterion(self, subject: str, criterion: Criterion) -> Iterator[Plain]:
        yield subject, RDF.type, CRITERION_CLASSES[criterion.kind]
        constraint = criterion.constraint
        node = f"{subject}/constraint"
        yield subject, EG.hasConstraint, node
        if isinstance(constraint, RangeConstraint):
            yield node, RDF.type, EG.RangeConstraint
            yield node, EG.attribute, Lit(constraint.attribute.value)
            if constraint.min is not None:
                yield node, EG.minimum, _literal(constraint.min)
            if constraint.max is not None:
                yield node, EG.maximum, _literal(constraint.max)
        elif isinstance(constraint, EqualsConstraint):
            yield node, RDF.type, EG.EqualsConstraint
            yield node, EG.attribute, Lit(constraint.attribute.value)
            yield node, EG.requiredValue, _literal(constraint.value)
        elif isinstance(constraint, ConditionConstraint):
            yield node, RDF.type, EG.ConditionConstraint
            yield node, EG.condition, Lit(constraint.condition)
            if constraint.concept:
                yield node, DCTERMS.subject, self.node(constraint.concept)

    def extra_theme(self, subject: str, theme: Theme) -> Iterator[Plain]:
        scheme = self.minted("scheme", theme.study)
        yield subject, SKOS.inScheme, scheme
        if theme.parent is None:
            yield subject, SKOS.topConceptOf, scheme

    def extra_quote(self, subject: str, quote: Quote) -> Iterator[Plain]:
        target = f"{subject}/target"
        selector = f"{subject}/selector"
        yield subject, OA.motivatedBy, OA.classifying
        yield subject, DCTERMS.type, OBO.ECO_0006153
        yield subject, EG.quoteRole, QUOTE_ROLES[quote.role]
        yield subject, OA.hasTarget, target
        yield target, RDF.type, OA.SpecificResource
        yield target, OA.hasSource, self.node(quote.read_in)
        yield target, OA.hasSelector, selector
        yield selector, RDF.type, OA.TextQuoteSelector
        yield selector, OA.exact, Lit(quote.text)
        if quote.position is not None:
            position = f"{subject}/position"
            yield target, OA.hasSelector, position
            yield position, RDF.type, OA.TextPositionSelector
            yield (
                position,
                OA.start,
                _literal(quote.position.start, XSD.nonNegativeInteger),
            )
            yield position, OA.end, _literal(quote.position.end, XSD.nonNegativeInteger)

    def extra_claim(self, subject: str, claim: Claim) -> Iterator[Plain]:
        yield subject, EG.claimKind, CLAIM_KINDS[claim.kind]

    def extra_mapping(self, subject: str, mapping: ThemeMapping) -> Iterator[Plain]:
        predicate = MATCH_PREDICATES[mapping.relation.value]
        yield self.node(mapping.subject), predicate, self.node(mapping.object)
        yield subject, OWL.annotatedProperty, predicate
        yield subject, SSSOM.mapping_justification, SEMAPV.ManualMappingCuration

    def extra_concept(self, subject: str, concept: Concept) -> Iterator[Plain]:
        if concept.scheme is not None:  # a framework's concepts are its top concepts
            scheme = self.node(concept.scheme)
            yield subject, SKOS.topConceptOf, scheme
            yield scheme, SKOS.hasTopConcept, subject
        for match in concept.matches:
            if match.iri is not None:
                target = match.iri
            else:  # a code alone: the code may hold ':' and so is no slug, but encoded
                target = code_iri(self.base, match.scheme, str(match.code))
            yield subject, MATCH_PREDICATES[match.relation.value], target
            yield target, EG.vocabulary, Lit(match.scheme)
            if match.code is not None:
                yield target, SKOS.notation, Lit(match.code)
            if match.label is not None:
                yield target, SKOS.prefLabel, Lit(match.label)
            if match.note is not None:
                yield target, SKOS.scopeNote, Lit(match.note)


def _as_graph(source: Corpus | EvidenceGraph) -> EvidenceGraph:
    return source if isinstance(source, EvidenceGraph) else EvidenceGraph.from_corpus(source)


def _rdflib_term(term: Term) -> URIRef | RDFLiteral:
    if isinstance(term, Lit):
        datatype = URIRef(term.datatype) if term.datatype else None
        return RDFLiteral(term.lexical, datatype=datatype, lang=term.language)
    return URIRef(term)


def to_rdf(source: Corpus | EvidenceGraph) -> Graph:
    """Return the corpus as an rdflib ``Graph`` in standard vocabularies, without blank nodes.

    Examples:
        >>> from evidence_graph import load
        >>> from rdflib import URIRef
        >>> rdf = to_rdf(load("kverme2019"))
        >>> paper = URIRef("https://doi.org/10.3389/fpsyg.2019.00430")
        >>> str(rdf.value(paper, URIRef("http://prismstandard.org/namespaces/basic/2.0/doi")))
        '10.3389/fpsyg.2019.00430'
    """
    graph = _as_graph(source)
    rdf = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for subject, predicate, obj in _Writer(graph).triples():
        rdf.add((URIRef(subject), URIRef(predicate), _rdflib_term(obj)))
    for triple in graph.extra:
        rdf.add(triple)
    return rdf


def _escaped(text: str) -> str:
    """Escape a literal's text as N-Triples (and rdflib's writer) do."""
    if "\\" in text or "\n" in text or '"' in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        )
    return text


def _nt_object(term: Term) -> str:
    if not isinstance(term, Lit):
        return f"<{term}>"
    if term.language:
        return f'"{_escaped(term.lexical)}"@{term.language}'
    if term.datatype:
        return f'"{_escaped(term.lexical)}"^^<{term.datatype}>'
    return f'"{_escaped(term.lexical)}"'


def _nt_node(node: Any) -> str:
    """Write a term read from RDF (an rdflib term kept in ``extra``) as N-Triples."""
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, RDFLiteral):
        datatype = str(node.datatype) if node.datatype else None
        return _nt_object(Lit(str(node), datatype, node.language))
    return f"<{node}>"


def _counted(graph: EvidenceGraph, advance: Advance | None) -> Iterator[tuple[str, Entity]]:
    """Yield ``(iri, entity)`` for every node, moving a bar on by 1000 every 1000 of them."""
    for done, node in enumerate(graph.nodes(), start=1):
        if advance is not None and done % 1000 == 0:
            advance(1000)
        yield node


def nt_lines(
    source: Corpus | EvidenceGraph, *, progress: bool = False
) -> tuple[list[str], set[str]]:
    """Return the sorted, distinct N-Triples lines of the export, and the IRIs they name.

    The IRIs are those of subjects, predicates and objects, and the datatypes, each once.
    With ``progress``, a bar on standard error counts the entities written.
    """
    graph = _as_graph(source)
    with steps("writing", len(graph), show=progress) as advance:
        lines, iris = nt_set(graph, advance)
    return sorted(lines), iris


def nt_set(graph: EvidenceGraph, advance: Advance | None = None) -> tuple[set[str], set[str]]:
    """Return the distinct N-Triples lines of the export, unsorted, and the IRIs they name."""
    lines: set[str] = set()
    add = lines.add
    iris: set[str] = set()
    note = iris.add
    seen: dict[str, str] = {}  # each subject and predicate once, written as N-Triples
    last = ""
    head = ""
    for subject, predicate, obj in _Writer(graph).triples(advance):
        if subject is not last:
            last = subject
            note(subject)
            head = f"<{subject}> "
        written = seen.get(predicate)
        if written is None:
            note(predicate)
            written = seen[predicate] = f"<{predicate}> "
        if type(obj) is str or not isinstance(obj, Lit):
            note(obj)
            add(f"{head}{written}<{obj}> .")
        elif obj.datatype or obj.language:
            if obj.datatype:
                note(obj.datatype)
            add(f"{head}{written}{_nt_object(obj)} .")
        else:
            add(f'{head}{written}"{_escaped(obj.lexical)}" .')
    for subject, predicate, obj in graph.extra:
        for term in (subject, predicate, obj):
            if isinstance(term, URIRef):
                note(str(term))
            elif isinstance(term, RDFLiteral) and term.datatype:
                note(str(term.datatype))
        add(nt_line((subject, predicate, obj)))
    return lines, iris


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
        (56, 341)
    """
    owner: dict[str, K] = {}
    claim = owner.setdefault
    with steps("writing", len(graph), show=progress) as advance:
        writer = _Writer(graph)
        for iri, entity in _counted(graph, advance):
            key = part(entity)
            for subject, predicate, obj in writer.entity(iri, entity):
                claim(f"<{subject}> <{predicate}> {_nt_object(obj)} .", key)
    for key, triples in (extra or {}).items():
        for triple in triples:
            claim(nt_line(triple), key)
    parts: dict[K, list[str]] = {}
    for line, key in owner.items():
        parts.setdefault(key, []).append(line)
    for lines in parts.values():
        lines.sort()
    return parts


def nt_line(triple: Any) -> str:
    """Return an rdflib triple as the N-Triples line (without its line break) the export writes."""
    subject, predicate, obj = triple
    return f"{_nt_node(subject)} {_nt_node(predicate)} {_nt_node(obj)} ."


def serialize(source: Corpus | EvidenceGraph | Graph, format: Format = "turtle") -> str:  # noqa: A002
    """Return the corpus written in an RDF format, the same text for the same input.

    N-Triples, Turtle and TriG are written straight from the models; JSON-LD and RDF/XML from
    the rdflib graph :func:`to_rdf` builds. An rdflib graph given as the source is written as it
    is, to the same text.

    Args:
        source: A corpus, an evidence graph, or an rdflib graph made by :func:`to_rdf`.
        format: ``turtle``, ``nt`` (N-Triples), ``jsonld`` (context embedded), ``xml``
            (RDF/XML) or ``trig``.

    Raises:
        ValueError: If the format is not one of those.

    Examples:
        >>> from evidence_graph import load
        >>> print(serialize(load("kverme2019"), "turtle").splitlines()[0])
        @prefix bibo: <http://purl.org/ontology/bibo/> .
    """
    return serialize_counted(source, format)[0]


def serialize_counted(
    source: Corpus | EvidenceGraph | Graph,
    format: Format = "turtle",  # noqa: A002
    *,
    progress: bool = False,
) -> tuple[str, int]:
    """Return what :func:`serialize` writes, and how many triples it holds.

    With ``progress``, a bar on standard error counts the entities written.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")
    if isinstance(source, Graph):
        return serialize_rdf(source, format), len(source)
    if format in {"nt", "turtle", "trig"}:
        lines, iris = nt_lines(source, progress=progress)
        if format == "nt":
            return "".join(f"{line}\n" for line in lines), len(lines)
        return turtle_from_lines(lines, iris, trig=format == "trig"), len(lines)
    rdf = to_rdf(source)
    return serialize_rdf(rdf, format), len(rdf)
