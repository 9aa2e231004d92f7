"""A grouping of themes in RDF: a SKOS collection of its members, in order if it is ordered.

A grouping stays a concept of its study's theme scheme, as every theme is: its members are
``skos:broader`` it, and a grouping without a parent is a top concept. Beside that, it is a
``skos:Collection`` with a ``skos:member`` to each member; an ordered grouping is also a
``skos:OrderedCollection`` whose ``skos:memberList`` is an RDF list of its members in order,
each cell of the list an IRI minted below the grouping's (the export writes no blank nodes).
Read back, the list gives the members' order; a list of the same members that another tool
wrote (with blank nodes, say) is read alike and written in this form. Where the list and the
members' numbers disagree, the numbers win, as they do in a study file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from evidence_graph.models import ThemeKind, below
from evidence_graph.rdf.rows import In, Out, Structure
from evidence_graph.rdf.terms import Plain, Term

__all__ = ["Grouping"]

_LONGEST = 100_000
"""The most cells a member list is followed for: a list that loops is not followed for ever."""


def _only(terms: list[Term]) -> Term | None:
    """The one term of a list, or ``None`` for none or several."""
    return terms[0] if len(terms) == 1 else None


def _cell(subject: str, place: int) -> str:
    """The IRI of the ``place``-th cell (from 1) of a grouping's member list."""
    return below(subject, f"member-list-{place}")


@dataclass(frozen=True)
class Grouping(Structure):
    """A grouping's collection of members, and an ordered grouping's list of them."""

    rdf_type: str
    classes: tuple[str, str]
    """``skos:Collection``, and ``skos:OrderedCollection`` for an ordered grouping."""
    members: tuple[str, str]
    """``skos:member`` to each member, and an ordered grouping's ``skos:memberList``."""
    rdf_list: tuple[str, str, str]
    """``rdf:first``, ``rdf:rest`` and ``rdf:nil``: the terms of an RDF list."""
    broader: str
    """The predicate from a member to its grouping, which the member's own row writes."""

    def write(self, out: Out, subject: str, entity: Any, field: str) -> Iterator[Plain]:
        """Yield the triples of the field."""
        if getattr(entity, field) is not ThemeKind.GROUPING:
            return
        collection, ordered_collection = self.classes
        has_member, member_list = self.members
        first, rest, nil = self.rdf_list
        members = [out.node(member.id) for member in out.members(entity.id)]
        yield subject, self.rdf_type, collection
        for member in members:
            yield subject, has_member, member
        if not entity.ordered:
            return
        yield subject, self.rdf_type, ordered_collection
        cells = [_cell(subject, place) for place in range(1, len(members) + 1)]
        yield subject, member_list, cells[0] if cells else nil
        for place, (cell, member) in enumerate(zip(cells, members, strict=True), start=1):
            yield cell, first, member
            yield cell, rest, cells[place] if place < len(cells) else nil

    def cells(self, inp: In, subject: str) -> list[tuple[Term, Term | None]]:
        """Return the cells of a grouping's member list and the member each holds, in order.

        The list is followed while each step is one: a cell with two members or two rests
        ends it there (the shapes report such a list).
        """
        first, rest, nil = self.rdf_list
        cell = _only(inp.objects(subject, self.members[1]))
        found: list[tuple[Term, Term | None]] = []
        seen: set[Term] = set()
        while cell is not None and cell != nil and cell not in seen and len(found) < _LONGEST:
            seen.add(cell)
            found.append((cell, _only(inp.objects(cell, first))))
            cell = _only(inp.objects(cell, rest))
        return found

    def sequence(self, inp: In, subject: str) -> list[Term]:
        """Return the members an ordered grouping's member list puts in order."""
        return [member for _, member in self.cells(inp, subject) if member is not None]

    def read(self, inp: In, subject: str, field: str, data: dict[str, Any]) -> None:
        """Read whether the grouping is ordered into ``data``, marking its collection read.

        The kind is read by its own row before; the collection of a theme of another kind is
        not one the export writes, and is kept as it is.
        """
        collection, ordered_collection = self.classes
        has_member, member_list = self.members
        first, rest, nil = self.rdf_list
        types = inp.objects(subject, self.rdf_type)
        if ordered_collection in types:
            data["ordered"] = True
        if data.get(field) != ThemeKind.GROUPING:
            return
        for cls in (collection, ordered_collection) if data.get("ordered") else (collection,):
            inp.use(subject, self.rdf_type, cls)
        for node in inp.objects(subject, has_member):
            if subject in inp.objects(node, self.broader):  # the export writes it again
                inp.use(subject, has_member, node)
        cells = self.cells(inp, subject)
        members = [member for _, member in cells]
        if (
            not data.get("ordered")
            or len(set(members)) < len(members)
            or not all(node and subject in inp.objects(node, self.broader) for node in members)
        ):
            return  # not a list of the grouping's members: kept as it is
        # a list of its members, whatever its cells (blank nodes, say), is written in our form
        inp.use(subject, member_list, cells[0][0] if cells else nil)
        for place, (cell, member) in enumerate(cells, start=1):
            inp.use(cell, first, member)
            inp.use(cell, rest, cells[place][0] if place < len(cells) else nil)
