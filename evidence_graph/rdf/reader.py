"""RDF import: triples in our vocabularies back into models, losing nothing.

The reader inverts the tables of :mod:`evidence_graph.rdf.mapping`. Triples it does not map
(added by another tool) are kept beside the corpus and written back out by the export.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError
from rdflib import Graph
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from evidence_graph.exceptions import Problem, StudyFileError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.ids import DEFAULT_BASE, ORCID_PREFIX, check_base, code_iri
from evidence_graph.models import (
    COLLECTIONS,
    MODELS,
    Corpus,
    NodeKind,
    minted_iri,
)
from evidence_graph.namespace import BIBO, DCTERMS, EG, FOAF, OA, OWL, PREFIXES, RDF, SKOS, XSD
from evidence_graph.rdf.export import nt_line, nt_set
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    CLAIM_KINDS,
    CRITERION_CLASSES,
    MAPPING,
    MATCH_PREDICATES,
    QUOTE_ROLES,
    WORK_CLASSES,
    Triple,
)

__all__ = ["from_rdf"]

_CLASS_KINDS: dict[Node, NodeKind] = {
    **dict.fromkeys(WORK_CLASSES.values(), NodeKind.WORK),
    FOAF.Person: NodeKind.PERSON,
    EG.Study: NodeKind.STUDY,
    EG.Sample: NodeKind.SAMPLE,
    **dict.fromkeys(CRITERION_CLASSES.values(), NodeKind.CRITERION),
    EG.Theme: NodeKind.THEME,
    OA.Annotation: NodeKind.QUOTE,
    EG.Claim: NodeKind.CLAIM,
    SKOS.ConceptScheme: NodeKind.SCHEME,
    OWL.Axiom: NodeKind.MAPPING,
}


def _sorted(nodes: Iterable[Node]) -> list[Any]:
    """Return nodes in a stable order, whatever their kinds."""
    return sorted(nodes, key=lambda node: (type(node).__name__, str(node)))


def _value(node: Node) -> Any:
    """Return a literal's Python value, as the models hold it."""
    if not isinstance(node, RDFLiteral):
        return str(node)
    if node.datatype == XSD.gYear:
        return int(str(node))
    if node.datatype == XSD.decimal:
        return float(str(node))
    value = node.toPython()
    if isinstance(value, bool | int | dt.date):
        return value
    return str(node)


class _Reader:
    """Reads the entities of one RDF graph."""

    def __init__(self, rdf: Graph) -> None:
        self.rdf = rdf
        self.problems: list[Problem] = []
        self.kinds: dict[Node, NodeKind] = {}
        self.ids: dict[Node, str] = {}
        for subject in _sorted(set(rdf.subjects(DCTERMS.identifier, None))):
            kind = self._kind(subject)
            if kind is not None:
                self.kinds[subject] = kind
                self.ids[subject] = str(rdf.value(subject, DCTERMS.identifier))
        self.base = self._base()

    def _base(self) -> str:
        """Find the base of the minted IRIs, from an entity that never has a public IRI.

        Failing one, the node of a concept matched by a code alone tells it: its IRI is the
        base and ``code/<scheme>/<code>``, the scheme and code its own triples give.
        """
        minted = (
            NodeKind.STUDY,
            NodeKind.SAMPLE,
            NodeKind.CRITERION,
            NodeKind.THEME,
            NodeKind.CLAIM,
            NodeKind.MAPPING,
        )
        for subject, kind in sorted(
            self.kinds.items(), key=lambda item: minted.index(item[1]) if item[1] in minted else 9
        ):
            if kind not in minted:
                break
            iri, marker = str(subject), f"{kind.value}/"
            cut = iri.rfind(marker, 0, len(iri) - len(self.ids[subject]))
            if cut > 0:
                return iri[:cut]
        bases = set(self._code_bases())
        if not bases or DEFAULT_BASE in bases:
            return DEFAULT_BASE
        return min(bases)

    def _code_bases(self) -> Iterator[str]:
        """Yield the base of each match node whose IRI is minted for its scheme and code."""
        for predicate in MATCH_PREDICATES.values():
            for target in set(self.rdf.objects(None, predicate)):
                scheme = self.rdf.value(target, EG.vocabulary)
                code = self.rdf.value(target, SKOS.notation)
                if scheme is None or code is None:
                    continue
                iri, tail = str(target), code_iri("", str(scheme), str(code))
                if iri.endswith(tail):
                    try:
                        yield check_base(iri.removesuffix(tail))
                    except ValueError:
                        continue

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(Problem((), f"<{node}>: {message}"))

    def _kind(self, subject: Node) -> NodeKind | None:
        types = set(self.rdf.objects(subject, RDF.type))
        kinds = {_CLASS_KINDS[cls] for cls in types if cls in _CLASS_KINDS}
        if SKOS.Concept in types and EG.Theme not in types:
            kinds.add(NodeKind.CONCEPT)
        if len(kinds) > 1:
            names = ", ".join(sorted(kind.value for kind in kinds))
            self.fail(subject, f"is typed as several kinds of entity ({names}); expected one")
            return None
        return kinds.pop() if kinds else None

    def ref(self, subject: Node, predicate: Node, target: Node) -> str | None:
        found = self.ids.get(target)
        if found is None:
            self.fail(
                subject,
                f"its {self.rdf.qname(str(predicate))} <{target}> is not an entity of the graph; "
                "expected a node with a dcterms:identifier and a type of ours",
            )
        return found

    def one(self, subject: Node, predicate: Node) -> Node | None:
        values = _sorted(self.rdf.objects(subject, predicate))
        if len(values) > 1:
            self.fail(
                subject,
                f"has {len(values)} values of {self.rdf.qname(str(predicate))}; expected one",
            )
        return values[0] if values else None

    def entities(self) -> Iterator[tuple[Node, NodeKind, dict[str, Any]]]:
        for subject, kind in self.kinds.items():
            yield subject, kind, self.fields(subject, kind)

    def fields(self, subject: Node, kind: NodeKind) -> dict[str, Any]:
        model = MODELS[kind]
        data: dict[str, Any] = {}
        for spec in MAPPING[kind].fields:
            if spec.field == "authors":
                continue  # read from the ordered author list
            objects = _sorted(self.rdf.objects(subject, spec.predicate))
            if spec.value == "ref":
                values: list[Any] = [self.ref(subject, spec.predicate, node) for node in objects]
            else:
                values = [_value(node) for node in objects]
            if not values:
                continue
            if typing.get_origin(model.model_fields[spec.field].annotation) is tuple:
                data[spec.field] = values
            elif len(values) > 1:
                self.fail(subject, f"has {len(values)} values for {spec.field}; expected one")
            else:
                data[spec.field] = values[0]
        getattr(self, f"read_{kind.value}", lambda *_: None)(subject, data)
        return data

    def owner(self, subject: Node, predicate: Node) -> str | None:
        owners = _sorted(self.rdf.subjects(predicate, subject))
        if len(owners) != 1:
            self.fail(
                subject,
                f"has {len(owners)} subjects of {self.rdf.qname(str(predicate))}; expected one",
            )
            return None
        return self.ref(subject, predicate, owners[0])

    def read_work(self, subject: Node, data: dict[str, Any]) -> None:
        types = {cls for cls in self.rdf.objects(subject, RDF.type) if cls in _CLASS_KINDS}
        by_class: dict[Any, Any] = {cls: work_type for work_type, cls in WORK_CLASSES.items()}
        data["type"] = by_class[_sorted(types)[0]].value if types else None
        authors = self.one(subject, BIBO.authorList)
        if authors is not None:
            members = sorted(
                (int(str(predicate).rsplit("_", 1)[1]), person)
                for predicate, person in self.rdf.predicate_objects(authors)
                if str(predicate).startswith(str(RDF) + "_")
            )
            data["authors"] = [self.ref(subject, BIBO.authorList, person) for _, person in members]
        intents: dict[str, list[str]] = {}
        for intent, predicate in CITATION_PREDICATES.items():
            for cited in _sorted(self.rdf.objects(subject, predicate)):
                work = self.ref(subject, predicate, cited)
                if work is not None:
                    intents.setdefault(work, []).append(intent.value)
        if intents:
            data["cites"] = [{"work": work, "intents": found} for work, found in intents.items()]

    def read_person(self, subject: Node, data: dict[str, Any]) -> None:
        iri = str(subject)
        if iri.startswith(ORCID_PREFIX):  # a person with an ORCID iD is its IRI
            data["orcid"] = iri.removeprefix(ORCID_PREFIX)

    def read_sample(self, subject: Node, data: dict[str, Any]) -> None:
        data["study"] = self.owner(subject, EG.hasSample)

    def read_criterion(self, subject: Node, data: dict[str, Any]) -> None:
        data["study"] = self.owner(subject, EG.hasCriterion)
        by_class: dict[Any, Any] = {cls: kind for kind, cls in CRITERION_CLASSES.items()}
        classes = [by_class[cls] for cls in self.rdf.objects(subject, RDF.type) if cls in by_class]
        data["kind"] = classes[0].value if len(classes) == 1 else None
        node = self.one(subject, EG.hasConstraint)
        if node is None:
            return
        constraint: dict[str, Any] = {}
        forms: dict[Any, str] = {
            EG.RangeConstraint: "range",
            EG.EqualsConstraint: "equals",
            EG.ConditionConstraint: "condition",
        }
        for cls in self.rdf.objects(node, RDF.type):
            constraint["type"] = forms.get(cls)
        for predicate, field in (
            (EG.attribute, "attribute"),
            (EG.minimum, "min"),
            (EG.maximum, "max"),
            (EG.requiredValue, "value"),
            (EG.condition, "condition"),
        ):
            value = self.one(node, predicate)
            if value is not None:
                constraint[field] = _value(value)
        concept = self.one(node, DCTERMS.subject)
        if concept is not None:
            constraint["concept"] = self.ref(node, DCTERMS.subject, concept)
        data["constraint"] = constraint

    def read_theme(self, subject: Node, data: dict[str, Any]) -> None:
        scheme = self.one(subject, SKOS.inScheme)
        study = self.one(scheme, DCTERMS.subject) if scheme is not None else None
        data["study"] = self.ref(subject, SKOS.inScheme, study) if study is not None else None

    def read_quote(self, subject: Node, data: dict[str, Any]) -> None:
        roles: dict[Any, Any] = {iri: role for role, iri in QUOTE_ROLES.items()}
        role = self.one(subject, EG.quoteRole)
        if role is not None:
            data["role"] = roles[role].value if role in roles else str(role)
        target = self.one(subject, OA.hasTarget)
        if target is None:
            return
        source = self.one(target, OA.hasSource)
        if source is not None:
            data["read_in"] = self.ref(target, OA.hasSource, source)
        for selector in _sorted(self.rdf.objects(target, OA.hasSelector)):
            exact = self.one(selector, OA.exact)
            if exact is not None:
                data["text"] = str(exact)
            start, end = self.one(selector, OA.start), self.one(selector, OA.end)
            if start is not None and end is not None:
                data["position"] = {"start": int(str(start)), "end": int(str(end))}

    def read_claim(self, subject: Node, data: dict[str, Any]) -> None:
        kinds: dict[Any, Any] = {iri: kind for kind, iri in CLAIM_KINDS.items()}
        kind = self.one(subject, EG.claimKind)
        if kind is not None:
            data["kind"] = kinds[kind].value if kind in kinds else str(kind)

    def minted_for(self, target: Node, match: dict[str, Any]) -> bool:
        """Whether ``target`` is the IRI the export mints for a match by its code alone."""
        scheme, code = match.get("scheme"), match.get("code")
        if scheme is None or code is None:
            return False
        return str(target) == code_iri(self.base, scheme, code)

    def public(self, subject: Node, kind: NodeKind, data: dict[str, Any]) -> None:
        """Give a concept or scheme its IRI, unless it is the one minted for its id."""
        if str(subject) != minted_iri(self.base, kind, self.ids[subject]):
            data["iri"] = str(subject)

    def read_scheme(self, subject: Node, data: dict[str, Any]) -> None:
        self.public(subject, NodeKind.SCHEME, data)

    def read_mapping(self, subject: Node, data: dict[str, Any]) -> None:
        relations: dict[Any, str] = {iri: name for name, iri in MATCH_PREDICATES.items()}
        predicate = self.one(subject, OWL.annotatedProperty)
        if predicate is not None:
            data["relation"] = relations.get(predicate, str(predicate))

    def read_concept(self, subject: Node, data: dict[str, Any]) -> None:
        self.public(subject, NodeKind.CONCEPT, data)
        matches = []
        for relation, predicate in MATCH_PREDICATES.items():
            for target in _sorted(self.rdf.objects(subject, predicate)):
                match: dict[str, Any] = {"relation": relation}
                for field, term in (
                    ("scheme", EG.vocabulary),
                    ("code", SKOS.notation),
                    ("label", SKOS.prefLabel),
                    ("note", SKOS.scopeNote),
                ):
                    value = self.one(target, term)
                    if value is not None:
                        match[field] = str(value)
                if not self.minted_for(target, match):
                    match["iri"] = str(target)
                matches.append(match)
        if matches:
            data["matches"] = matches


def from_rdf(rdf: Graph, *, source: str = "RDF") -> EvidenceGraph:
    """Read an RDF graph written in our vocabularies back into an evidence graph.

    The models come back equal to those exported, the base of the minted IRIs is found from
    them, and every triple the models do not hold is kept in :attr:`EvidenceGraph.extra`.

    Raises:
        StudyFileError: If the RDF cannot be a valid corpus; each problem names the node and
            what is missing or wrong.

    Examples:
        >>> from evidence_graph import load, to_rdf
        >>> from_rdf(to_rdf(load("kverme2019"))).to_corpus() == load("kverme2019")
        True
    """
    reader = _Reader(rdf)
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in COLLECTIONS}
    names = {kind: name for name, kind in COLLECTIONS.items()}
    nodes: dict[tuple[str, int], Node] = {}
    for subject, kind, data in reader.entities():
        nodes[names[kind], len(lists[names[kind]])] = subject
        lists[names[kind]].append(data)
    if reader.problems:
        raise StudyFileError(source, reader.problems)
    try:
        corpus = Corpus.model_validate(lists)
    except ValidationError as error:
        raise StudyFileError(source, _problems(error, nodes)) from None
    base = reader.base
    graph = EvidenceGraph.from_corpus(corpus, base=base)
    mismatched = [
        Problem(
            (),
            f"<{subject}>: expected the IRI <{graph.iri(reader.ids[subject])}> for the "
            f"{kind.value} {reader.ids[subject]!r}",
        )
        for subject, kind in reader.kinds.items()
        if str(subject) != graph.iri(reader.ids[subject])
    ]
    if mismatched:
        raise StudyFileError(source, mismatched)
    ours, _ = nt_set(graph)  # what the export writes, compared as N-Triples lines
    extra: set[Triple] = {triple for triple in rdf if nt_line(triple) not in ours}
    return EvidenceGraph.from_corpus(corpus, base=base, extra=extra)


def _problems(error: ValidationError, nodes: dict[tuple[str, int], Node]) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "corpus_integrity":
            for problem in detail["ctx"]["problems"]:
                name, index, *rest = problem.path
                where = ".".join(str(part) for part in rest)
                node = nodes.get((str(name), int(index)))
                problems.append(Problem((), f"<{node}>: {where}: {problem.message}"))
            continue
        name, index, *rest = detail["loc"]
        node = nodes.get((str(name), int(index)))
        where = ".".join(str(part) for part in rest) or "(node)"
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "missing" and rest:
            message = f"missing: expected {_expected_triple(COLLECTIONS[str(name)], str(rest[0]))}"
        problems.append(Problem((), f"<{node}>: {where}: {message}"))
    return problems


_SPECIAL: dict[tuple[NodeKind, str], str] = {
    (NodeKind.WORK, "type"): "an rdf:type of FaBiO",
    (NodeKind.SAMPLE, "study"): "one study with eg:hasSample to it",
    (NodeKind.CRITERION, "study"): "one study with eg:hasCriterion to it",
    (NodeKind.CRITERION, "kind"): "an rdf:type obo:OBI_0500027 or obo:OBI_0500028",
    (NodeKind.CRITERION, "constraint"): "an eg:hasConstraint",
    (NodeKind.THEME, "study"): "an skos:inScheme whose scheme has dcterms:subject its study",
    (NodeKind.QUOTE, "text"): "an oa:exact of the selector of its oa:hasTarget",
    (NodeKind.QUOTE, "read_in"): "an oa:hasSource of its oa:hasTarget",
    (NodeKind.CLAIM, "kind"): "an eg:claimKind",
    (NodeKind.MAPPING, "relation"): "an owl:annotatedProperty that is a SKOS mapping property",
}


def _expected_triple(kind: NodeKind, field: str) -> str:
    """Say which triple gives a field of a kind of entity."""
    if (kind, field) in _SPECIAL:
        return _SPECIAL[kind, field]
    for spec in MAPPING[kind].fields:
        if spec.field == field:
            predicate = str(spec.predicate)
            for prefix, namespace in PREFIXES.items():
                if predicate.startswith(namespace):
                    return f"a {prefix}:{predicate[len(namespace) :]} triple"
            return f"a <{predicate}> triple"
    return f"a triple for {field}"
