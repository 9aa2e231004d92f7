"""A quote's annotation target: the work it was read in, and the selectors of its words.

The quote's words are an ``oa:TextQuoteSelector`` (its exact text, and the text just before
and after it), its place an ``oa:TextPositionSelector`` (start and end offsets); both are
selectors of the annotation's target, an ``oa:SpecificResource`` whose source is the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evidence_graph.models import below
from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Lit, Plain, Term, text_of

__all__ = ["QuoteSelectors", "QuoteTarget"]


def _target(subject: str) -> str:
    """The IRI of a quote's target, below the quote's."""
    return below(subject, "target")


@dataclass(frozen=True)
class QuoteTarget(Structure):
    """The work a quote was read in: the source of the annotation's target."""

    has_target: str
    rdf_type: str
    resource: str
    has_source: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        target = _target(subject)
        yield subject, self.has_target, target
        yield target, self.rdf_type, self.resource
        yield target, self.has_source, out.node(getattr(entity, field))

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        target = inp.one(subject, self.has_target)
        if target is None:
            return
        source = inp.one(target, self.has_source)
        if source is not None:
            data[field] = inp.ref(target, self.has_source, source)
        if target == _target(subject):
            inp.use(subject, self.has_target, target)
            inp.use(target, self.rdf_type, self.resource)
            inp.use(target, self.has_source, source)


@dataclass(frozen=True)
class QuoteSelectors(Structure):
    """A quote's text and position: the selectors of the annotation's target."""

    has_target: str
    has_selector: str
    rdf_type: str
    quote_selector: str
    exact: str
    prefix: str
    suffix: str
    position_selector: str
    start: str
    end: str
    offset: str

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        target, selector = _target(subject), below(subject, "selector")
        yield target, self.has_selector, selector
        yield selector, self.rdf_type, self.quote_selector
        yield selector, self.exact, Lit(getattr(entity, field))
        for predicate, context in ((self.prefix, entity.prefix), (self.suffix, entity.suffix)):
            if context:
                yield selector, predicate, Lit(context)
        if entity.position is not None:
            position = below(subject, "position")
            yield target, self.has_selector, position
            yield position, self.rdf_type, self.position_selector
            yield position, self.start, out.literal(entity.position.start, self.offset)
            yield position, self.end, out.literal(entity.position.end, self.offset)

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read the field into ``data``."""
        targets = inp.objects(subject, self.has_target)
        if len(targets) != 1:
            return
        target = targets[0]
        for selector in inp.objects(target, self.has_selector):
            exact = inp.one(selector, self.exact)
            context: dict[str, tuple[str, Term]] = {}
            if exact is not None:
                data[field] = text_of(exact)
                context = {
                    name: (predicate, term)
                    for name, predicate in (("prefix", self.prefix), ("suffix", self.suffix))
                    if (term := inp.one(selector, predicate)) is not None
                }
                data.update((name, text_of(term)) for name, (_, term) in context.items())
            start, end = inp.one(selector, self.start), inp.one(selector, self.end)
            offsets = {
                predicate: _offset(inp, selector, predicate, term)
                for predicate, term in ((self.start, start), (self.end, end))
                if term is not None
            }
            if start is not None and end is not None:
                data["position"] = {"start": offsets[self.start], "end": offsets[self.end]}
            if target != _target(subject):
                continue
            if selector == below(subject, "selector"):
                inp.use(target, self.has_selector, selector)
                inp.use(selector, self.rdf_type, self.quote_selector)
                inp.use(selector, self.exact, exact, Lit(data.get(field, "")))
                for name, (predicate, term) in context.items():
                    inp.use(selector, predicate, term, Lit(data[name]))
            elif selector == below(subject, "position"):
                inp.use(target, self.has_selector, selector)
                inp.use(selector, self.rdf_type, self.position_selector)
                for predicate, value in ((self.start, start), (self.end, end)):
                    number = offsets.get(predicate)
                    if number is not None:
                        inp.use(selector, predicate, value, inp.literal(number, self.offset))


_OFFSET = re.compile(r"[0-9]{1,15}")
"""An offset into a text: a whole number of characters, from 0 (and of 15 digits at most)."""


def _offset(inp: In, selector: Term, predicate: str, term: Term) -> int | None:
    """Return the offset a selector's start or end gives, failing the selector if it is none."""
    if isinstance(term, Lit) and _OFFSET.fullmatch(term.lexical):
        return int(term.lexical)
    inp.wrong(
        selector,
        predicate,
        term,
        'is not an offset: expected a whole number of characters from 0, such as "12"',
    )
    return None
