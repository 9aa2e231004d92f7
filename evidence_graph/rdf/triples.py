"""The triples of one RDF source, indexed for reading, each marked once it has been read."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from functools import cache
from typing import Any

from evidence_graph.exceptions import Problem
from evidence_graph.ids import DEFAULT_BASE, check_base, code_iri
from evidence_graph.models import MODELS, NodeKind
from evidence_graph.rdf.literals import from_literal, literal
from evidence_graph.rdf.mapping import IDENTIFIER, MATCHES, RDF_TYPE
from evidence_graph.rdf.plan import kinds_of, plan
from evidence_graph.rdf.terms import Blank, Lit, Term, qname

__all__ = ["Index", "looked_up_against", "show", "typed", "written"]

_MINTED = (
    NodeKind.STUDY,
    NodeKind.SAMPLE,
    NodeKind.CRITERION,
    NodeKind.THEME,
    NodeKind.CLAIM,
    NodeKind.MAPPING,
)
"""The kinds of entity that never have a public IRI, in the order their IRIs tell the base."""


@cache
def _kinds_of(types: frozenset[str]) -> frozenset[NodeKind]:
    """The kinds of entity a node of these classes may be, asked once for each set of them."""
    return frozenset(kinds_of(set(types)))


@cache
def looked_up_against() -> frozenset[str]:
    """The predicates whose triples are looked up by their object, as well as their subject.

    They are those of the references written against the entity that holds them (a study's
    samples, by ``eg:hasSample`` from the study), and of the matches of a concept.
    """
    rows = [row for model in MODELS.values() for row in plan(model)]
    against = {row.predicate for row in rows if row.predicate is not None and not row.forward}
    return frozenset(against | set(MATCHES.predicates.values()))


def _order(term: Term) -> tuple[int, str]:
    """A stable order of terms, whatever their kinds: IRIs, then blank nodes, then literals."""
    if isinstance(term, Lit):
        return 2, term.lexical
    if isinstance(term, Blank):
        return 1, term.label
    return 0, term


class Index:
    """The triples of one source: looked up by subject and predicate, or by predicate and object.

    Attributes:
        problems: What was found wrong, each naming its node.
        kinds: The kind of each entity, by its node, in the order of their IRIs.
        ids: The local id of each entity, by its node.
        base: The base of the minted IRIs, found from the entities.
    """

    def __init__(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        self._out: dict[Term, dict[Term, list[Term]]] = {}
        self._in: dict[tuple[Term, Term], list[Term]] = {}
        against = looked_up_against()
        out, inverse = self._out, self._in
        for subject, predicate, obj in triples:  # a triple given twice is in the lists twice
            pairs = out.get(subject)
            if pairs is None:
                out[subject] = {predicate: [obj]}
            elif (objects := pairs.get(predicate)) is None:
                pairs[predicate] = [obj]
            else:
                objects.append(obj)
            if predicate in against:
                inverse.setdefault((predicate, obj), []).append(subject)
        self._used: set[tuple[Term, Term, Term]] = set()
        self.problems: list[Problem] = []
        self.kinds: dict[Term, NodeKind] = {}
        self.ids: dict[Term, str] = {}
        self._by_id: dict[str, Term] = {}
        self.base = DEFAULT_BASE

    def find_entities(self) -> None:
        """Find the entities (nodes with an identifier and a kind) and the base of their IRIs."""
        subjects = [subject for subject, pairs in self._out.items() if IDENTIFIER in pairs]
        for subject in sorted(subjects, key=_order):
            kind = self.kind_of(subject)
            if kind is not None:
                self.kinds[subject] = kind
                identifiers = self.objects(subject, IDENTIFIER)
                self.ids[subject] = show(identifiers[0])
                self._by_id.setdefault(self.ids[subject], subject)
        self.base = self._base()

    def kind_of(self, subject: Term) -> NodeKind | None:
        """Return the kind of entity a node's classes tell, failing if they tell several."""
        types = frozenset(cls for cls in self.objects(subject, RDF_TYPE) if isinstance(cls, str))
        kinds = set(_kinds_of(types))
        if len(kinds) > 1:
            names = ", ".join(sorted(kind.value for kind in kinds))
            self.fail(subject, f"is typed as several kinds of entity ({names}); expected one")
            return None
        return kinds.pop() if kinds else None

    def _base(self) -> str:
        """Find the base of the minted IRIs, from an entity that never has a public IRI.

        Failing one, the node of a concept matched by a code alone tells it: its IRI is the
        base and ``code/<scheme>/<code>``, the scheme and code its own triples give.
        """
        minted = [(subject, kind) for subject, kind in self.kinds.items() if kind in _MINTED]
        for subject, kind in sorted(minted, key=lambda item: _MINTED.index(item[1])):
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
        for predicate in MATCHES.predicates.values():
            targets = {obj for (p, obj) in self._in if p == predicate}
            for target in sorted(targets, key=_order):
                scheme = self.objects(target, MATCHES.fields["scheme"])
                code = self.objects(target, MATCHES.fields["code"])
                if not scheme or not code:
                    continue
                tail = code_iri("", show(scheme[0]), show(code[0]))
                if isinstance(target, str) and target.endswith(tail):
                    try:
                        yield check_base(target.removesuffix(tail))
                    except ValueError:
                        continue

    # -- looking up ------------------------------------------------------------------------------

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        """Return the objects of a subject and predicate, sorted."""
        pairs = self._out.get(subject)
        found = pairs.get(predicate) if pairs is not None else None
        if not found:
            return []
        return sorted(dict.fromkeys(found), key=_order) if len(found) > 1 else [found[0]]

    def subjects(self, predicate: str, obj: Term) -> list[Term]:
        """Return the subjects of a predicate and object, sorted.

        Only the predicates of :func:`looked_up_against` are indexed so.
        """
        if predicate not in looked_up_against():
            raise ValueError(f"{qname(predicate)} is not looked up by its object")
        return sorted(dict.fromkeys(self._in.get((predicate, obj), [])), key=_order)

    def predicates(self, subject: Term) -> Container[Term]:
        """Return the predicates of a subject's triples."""
        return self._out.get(subject, _NONE)

    def pairs(self, subject: Term) -> list[tuple[Term, Term]]:
        """Return the predicates and objects of a subject."""
        return [
            (predicate, obj)
            for predicate, objects in self._out.get(subject, {}).items()
            for obj in dict.fromkeys(objects)
        ]

    def one(self, subject: Term, predicate: str) -> Term | None:
        """Return the one object of a subject and predicate, failing if there are several."""
        return self.one_of(subject, predicate, self.objects(subject, predicate))

    def one_of(self, subject: Term, predicate: str, values: list[Term]) -> Term | None:
        """Return the one of ``values``, failing if there are several."""
        if len(values) > 1:
            self.fail(subject, f"has {len(values)} values of {qname(predicate)}; expected one")
        return values[0] if values else None

    def ref(self, subject: Term, predicate: str, target: Term) -> str | None:
        """Return the local id of the entity ``target``, failing if it is none."""
        found = self.ids.get(target)
        if isinstance(target, Lit):
            self.fail(
                subject,
                f"its {qname(predicate)} is the literal {written(target)}; expected the IRI of "
                "an entity of the graph",
            )
        elif found is None:
            self.fail(
                subject,
                f"its {qname(predicate)} <{show(target)}> is not an entity of the graph; "
                "expected a node with a dcterms:identifier and a type of ours",
            )
        return found

    def node(self, ref: str) -> Term | None:
        """Return the node of the entity with this local id, if there is one."""
        return self._by_id.get(ref)

    def value(self, subject: Term, predicate: str, term: Term) -> Any:
        """Return the Python value of the object of a triple, as the models hold it.

        A literal whose text is not a value of its datatype (``"twelve"^^xsd:integer``) is a
        problem of ``subject``, naming the triple; its text stands in for the value.
        """
        if isinstance(term, Lit):
            try:
                return from_literal(term)
            except ValueError as error:
                self.wrong(subject, predicate, term, f"is {error}")
                return term.lexical
        return term.label if isinstance(term, Blank) else term

    @staticmethod
    def literal(value: Any, datatype: str | None = None) -> Lit:
        """Return the literal the export writes a value as."""
        return literal(value, datatype)

    def fail(self, node: Term, message: str) -> None:
        """Note a problem of a node."""
        self.problems.append(Problem((), f"<{show(node)}>: {message}"))

    def wrong(self, subject: Term, predicate: str, obj: Term, message: str) -> None:
        """Note a problem of a node's triple: its predicate and object, then ``message``."""
        name = qname(predicate)
        name = name if len(name) <= _SHOWN else name[:_SHOWN] + "…"
        self.fail(subject, f"its {name} {typed(obj)} {message}")

    # -- marking what was read -------------------------------------------------------------------

    def use(
        self, subject: Term, predicate: Term, obj: Term | None, expect: Term | None = None
    ) -> None:
        """Mark a triple read, one the export writes again.

        Given ``expect``, only if it is the object the export writes, or a literal of the
        same value written otherwise (``"12"^^xsd:int`` for ``12``, a title with a language
        tag): the export writes that value in its own form, and the variant is not kept too.
        """
        if obj is None:
            return
        if expect is None or obj == expect or _same_value(obj, expect):
            self._used.add((subject, predicate, obj))

    def use_all(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        """Mark triples read, each one the export writes again as it is."""
        self._used.update(triples)

    def leftovers(self) -> set[tuple[Term, Term, Term]]:
        """Return the triples not marked read."""
        return {
            triple
            for subject, pairs in self._out.items()
            for predicate, objects in pairs.items()
            for obj in objects
            if (triple := (subject, predicate, obj)) not in self._used
        }

    def values_of(self, predicate: str) -> list[Term]:
        """Return the object of every triple of a predicate, one for each time it is given."""
        return [obj for pairs in self._out.values() for obj in pairs.get(predicate, ())]


_SHOWN = 40  # the characters of a literal a message shows
_NONE: frozenset[Term] = frozenset()  # the predicates of a node that is no subject


def _same_value(term: Term, expect: Term) -> bool:
    """Whether two literals stand for the same value of the same Python type."""
    if not isinstance(term, Lit) or not isinstance(expect, Lit):
        return False
    try:
        value, expected = from_literal(term), from_literal(expect)
    except ValueError:  # reported where the value was read
        return False
    return type(value) is type(expected) and value == expected


def written(term: Term) -> str:
    """Return a term as Turtle writes it, e.g. ``"12"`` or ``<https://…>``, for messages."""
    if isinstance(term, Lit):
        shown = term.lexical[:_SHOWN]
        text = shown if shown == term.lexical else shown + "…"
        return f'"{text}"'
    if isinstance(term, Blank):
        return f"_:{term.label}"
    return f"<{term}>"


def typed(term: Term) -> str:
    """Return a term as Turtle writes it, with a literal's datatype or language, for messages.

    Examples:
        >>> typed(Lit("12", "http://www.w3.org/2001/XMLSchema#integer"))
        '"12"^^xsd:integer'
    """
    if isinstance(term, Lit) and term.datatype:
        return f"{written(term)}^^{qname(term.datatype)}"
    if isinstance(term, Lit) and term.language:
        return f"{written(term)}@{term.language}"
    return written(term)


def show(term: Term | None) -> str:
    """Return a term as messages name it: an IRI, a blank node's label or a literal's text."""
    if isinstance(term, Lit):
        return term.lexical
    if isinstance(term, Blank):
        return term.label
    return str(term)
