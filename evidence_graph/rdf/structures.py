"""The shapes of RDF that one predicate cannot say, each written and read by one object.

A structure names its terms as arguments, given by the table of :mod:`evidence_graph.rdf.mapping`;
it writes the triples of one field of an entity (through an :class:`Out`) and reads that field
back (through an :class:`In`), marking each triple it reads as one the export writes again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from evidence_graph.ids import code_iri
from evidence_graph.models import (
    ConditionConstraint,
    EqualsConstraint,
    RangeConstraint,
    Relation,
    below,
    declarations,
    match_iri,
    part_iri,
    references,
)
from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Lit, Plain, Term, text_of

__all__ = [
    "AuthorList",
    "Citations",
    "Constraint",
    "FrameworkMember",
    "MappingTriple",
    "Matches",
    "ThemeScheme",
]


@dataclass(frozen=True)
class AuthorList(Structure):
    """Authors: a ``creator`` triple each, and the byline's order in an ``rdf:Seq``."""

    creator: str
    author_list: str
    rdf_type: str
    seq: str
    member: Callable[[int], str]
    position: Callable[[str], int | None]

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        authors = getattr(entity, field)
        for person in authors:
            yield subject, self.creator, out.node(person)
        if authors:
            seq = part_iri(out.base, "authors", entity.id)
            yield subject, self.author_list, seq
            yield seq, self.rdf_type, self.seq
            for place, person in enumerate(authors, start=1):
                yield seq, self.member(place), out.node(person)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        seq = inp.one(subject, self.author_list)
        if seq is None:
            return
        members = []
        for predicate, person in inp.pairs(seq):
            try:
                place = self.position(str(predicate))
            except ValueError as error:
                inp.wrong(seq, str(predicate), person, str(error))
                continue
            if place is not None:
                members.append((place, person))
        members.sort()
        data[field] = [inp.ref(subject, self.author_list, person) for _, person in members]
        if seq != _part(inp.base, "authors", data.get("id")):
            return
        inp.use(subject, self.author_list, seq)
        inp.use(seq, self.rdf_type, self.seq)
        for place, person in members:
            inp.use(seq, self.member(place), person)
            inp.use(subject, self.creator, person)


@dataclass(frozen=True)
class Citations(Structure):
    """A work's citations: one triple for each citation's each intent, by its CiTO property."""

    predicates: Mapping[Any, str]

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        for citation in getattr(entity, field):
            for intent in citation.intents:
                yield subject, self.predicates[intent], out.node(citation.work)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        intents: dict[str, list[str]] = {}
        for intent, predicate in self.predicates.items():
            for cited in inp.objects(subject, predicate):
                work = inp.ref(subject, predicate, cited)
                if work is not None:
                    intents.setdefault(work, []).append(str(intent))
                    inp.use(subject, predicate, cited)
        if intents:
            data[field] = [{"work": work, "intents": found} for work, found in intents.items()]


@dataclass(frozen=True)
class ThemeScheme(Structure):
    """A theme's place in its study's SKOS concept scheme, and that scheme."""

    in_scheme: str
    top_concept_of: str
    has_top_concept: str
    has_scheme: str
    rdf_type: str
    scheme_class: str
    about: str
    label: str
    study_label: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        study_id = getattr(entity, field)
        scheme = part_iri(out.base, "scheme", study_id)
        study = out.node(study_id)
        yield subject, self.in_scheme, scheme
        if entity.parent is None:
            yield subject, self.top_concept_of, scheme
            yield scheme, self.has_top_concept, subject
        yield study, self.has_scheme, scheme
        yield scheme, self.rdf_type, self.scheme_class
        yield scheme, self.about, study
        label = getattr(out.entity(study_id), "label", None) or study_id
        yield scheme, self.label, Lit(f"Themes of {label}")

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        scheme = inp.one(subject, self.in_scheme)
        study = inp.one(scheme, self.about) if scheme is not None else None
        if study is None:
            data[field] = None
            return
        data[field] = inp.ref(subject, self.in_scheme, study)
        if scheme is None or scheme != _part(inp.base, "scheme", data[field]):
            return
        inp.use(subject, self.in_scheme, scheme)
        if data.get("parent") is None:
            inp.use(subject, self.top_concept_of, scheme)
            inp.use(scheme, self.has_top_concept, subject)
        inp.use(study, self.has_scheme, scheme)
        inp.use(scheme, self.rdf_type, self.scheme_class)
        inp.use(scheme, self.about, study)
        labels = inp.objects(study, self.study_label)
        label = inp.value(study, self.study_label, labels[0]) if len(labels) == 1 else data[field]
        inp.use(scheme, self.label, Lit(f"Themes of {label}"))


def _part(base: str, kind: str, id_: Any) -> str | None:
    """The IRI :func:`part_iri` mints below an entity, if its id can be in one."""
    try:
        return part_iri(base, kind, id_) if isinstance(id_, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Constraint(Structure):
    """A criterion's machine-checkable constraint: a node of its own, by its form.

    Its plain fields are literals; the entities it names (a condition's concept) are written
    as their relations' predicates say, from the constraint models' declarations.
    """

    has_constraint: str
    rdf_type: str
    forms: Mapping[str, str]
    """The class of each form of constraint (``range``, ``equals``, ``condition``)."""
    fields: Mapping[str, str]
    """The predicate of each plain field of a constraint."""
    relations: Mapping[Relation, Any]
    """The table's row of each relation, for the entities a constraint names."""

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        constraint = getattr(entity, field)
        node = below(subject, field)
        yield subject, self.has_constraint, node
        yield node, self.rdf_type, self.forms[constraint.type]
        for name, predicate in self.fields.items():
            value = getattr(constraint, name, None)
            if value is not None:
                yield node, predicate, out.literal(value)
        for found in references(constraint):
            yield node, self.relations[found.reference.relation].predicate, out.node(found.target)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        node = inp.one(subject, self.has_constraint)
        if node is None:
            return
        constraint: dict[str, Any] = {}
        by_class = {cls: form for form, cls in self.forms.items()}
        for cls in inp.objects(node, self.rdf_type):
            constraint["type"] = by_class.get(str(cls))
        literals: dict[str, Term] = {}
        for name, predicate in self.fields.items():
            value = inp.one(node, predicate)
            if value is not None:
                literals[name] = value
                constraint[name] = inp.value(node, predicate, value)
        named: list[tuple[str, Term]] = []
        for row in declarations(_FORMS.get(str(constraint.get("type")), BaseModel)):
            if row.reference is None:  # a constraint nests no models
                continue
            predicate = self.relations[row.reference.relation].predicate
            value = inp.one(node, predicate)
            if value is not None:
                named.append((predicate, value))
                constraint[row.field] = inp.ref(node, predicate, value)
        data[field] = constraint
        if node != below(subject, field):
            return
        inp.use(subject, self.has_constraint, node)
        inp.use(node, self.rdf_type, self.forms.get(str(constraint.get("type")), ""))
        for name, value in literals.items():
            inp.use(node, self.fields[name], value, inp.literal(constraint[name]))
        for predicate, value in named:
            inp.use(node, predicate, value)


_FORMS: dict[str, type[BaseModel]] = {
    model.model_fields["type"].default: model
    for model in (RangeConstraint, EqualsConstraint, ConditionConstraint)
}
"""The model of each form of constraint."""


@dataclass(frozen=True)
class FrameworkMember(Structure):
    """A concept of a framework: in its scheme, and one of the scheme's top concepts."""

    in_scheme: str
    top_concept_of: str
    has_top_concept: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        scheme = out.node(getattr(entity, field))
        yield subject, self.in_scheme, scheme
        yield subject, self.top_concept_of, scheme
        yield scheme, self.has_top_concept, subject

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        schemes = inp.objects(subject, self.in_scheme)
        if len(schemes) > 1:
            inp.one(subject, self.in_scheme)  # fails, naming the predicate
        elif schemes:
            data[field] = inp.ref(subject, self.in_scheme, schemes[0])
            inp.use(subject, self.in_scheme, schemes[0])
            inp.use(subject, self.top_concept_of, schemes[0])
            inp.use(schemes[0], self.has_top_concept, subject)


@dataclass(frozen=True)
class Matches(Structure):
    """A concept's matches: a SKOS mapping property to each matched IRI, described there."""

    predicates: Mapping[Any, str]
    """The SKOS mapping property of each match relation."""
    fields: Mapping[str, str]
    """The predicate of each field of a match written on the matched node."""

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        for match in getattr(entity, field):
            target = match_iri(out.base, match)  # its own, or minted for a code alone
            yield subject, self.predicates[match.relation], target
            for name, predicate in self.fields.items():
                value = getattr(match, name)
                if value is not None:
                    yield target, predicate, Lit(value)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        matches = []
        for relation, predicate in self.predicates.items():
            for target in inp.objects(subject, predicate):
                match: dict[str, Any] = {"relation": str(relation)}
                for name, term in self.fields.items():
                    value = inp.one(target, term)
                    if value is not None:
                        match[name] = text_of(value)
                        inp.use(target, term, value, Lit(match[name]))
                scheme, code = match.get("scheme"), match.get("code")
                if scheme is None or code is None or target != code_iri(inp.base, scheme, code):
                    match["iri"] = str(target)  # not the IRI minted for a code alone
                matches.append(match)
                inp.use(subject, predicate, target)
        if matches:
            data[field] = matches


@dataclass(frozen=True)
class MappingTriple(Structure):
    """The SKOS triple a mapping states between its theme and what it is mapped to."""

    predicates: Mapping[Any, str]
    """The SKOS mapping property of each match relation."""

    def write(self, out: Out, _subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        predicate = self.predicates[getattr(entity, field)]
        yield out.node(entity.subject), predicate, out.node(entity.object)

    def read(self, inp: In, _subject: str, field: str, data: dict[str, Any]) -> None:
        """Mark the SKOS triple read: the relation and both ends are read by their own rows."""
        relation = data.get(field)
        source, target = inp.node(str(data.get("subject"))), inp.node(str(data.get("object")))
        if relation in self.predicates and source is not None:
            inp.use(source, self.predicates[relation], target)
