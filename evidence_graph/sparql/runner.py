"""Running SPARQL over the RDF export: the catalogue's named queries, and anyone's own.

Values are bound, never pasted: a query declares its parameters in ``VALUES`` blocks whose one
row is all ``UNDEF``, e.g. ``VALUES (?theme_iri ?theme_key) { (UNDEF UNDEF) }``. The query runs
as it is (every parameter unbound); :func:`bind` fills each such block with RDF terms written
by pyoxigraph, which escapes every character a literal or an IRI could use to break out.

A catalogue file is read through :func:`~evidence_graph.sparql.includes.expand`, which declares
its prefixes and writes in its ``#include`` fragments; :func:`query_text` gives the result. A
query of one's own goes through it too: the prefixes it uses and does not declare are added,
and its ``#include`` lines are written in; one with neither is sent as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from importlib import resources
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Graph

from evidence_graph.exceptions import SparqlError, StoreError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus
from evidence_graph.namespace import XSD_BOOLEAN, XSD_FLOATS, XSD_INTEGERS
from evidence_graph.rdf import ox_term, serialize
from evidence_graph.sparql.includes import expand
from evidence_graph.sparql.results import Solutions
from evidence_graph.sparql.services import services
from evidence_graph.sparql.syntax import code

__all__ = [
    "QUERY_NAMES",
    "Queryable",
    "Table",
    "Term",
    "bind",
    "parameters",
    "query_text",
    "run",
    "select",
    "solve",
    "to_python",
    "to_store",
]

Term = ox.NamedNode | ox.Literal
"""A value to bind: an IRI or a literal."""


class Queryable(Protocol):
    """What a query runs on: a pyoxigraph store, or a remote SPARQL endpoint."""

    def query(self, query: str) -> Any:
        """Return the answer: solutions, a boolean (ASK) or triples."""
        ...


_BLOCK = re.compile(
    r"VALUES\s*\(\s*(?P<variables>(?:\?\w+\s*)+)\)\s*\{\s*\(\s*(?P<row>(?:UNDEF\s*)+)\)\s*\}"
)


@cache
def _files() -> dict[str, str]:
    folder = resources.files("evidence_graph.sparql")
    return {
        entry.name.removesuffix(".rq"): expand(entry.read_text(encoding="utf-8"), source=entry.name)
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    }


QUERY_NAMES: tuple[str, ...] = tuple(sorted(_files()))
"""The names of the catalogue's queries: one ``.rq`` file each, named as the CLI names them."""


def query_text(name: str) -> str:
    """Return the text of the catalogue query ``name`` (e.g. ``"quotes-for-theme"``).

    Raises:
        KeyError: If the catalogue has no such query.

    Examples:
        >>> "VALUES (?claim_iri ?claim_key)" in query_text("evidence-for")
        True
    """
    return _files()[name]


def _blocks(query: str) -> Iterator[re.Match[str]]:
    """Yield the parameter blocks in the query's code (not in a comment, a string or an IRI).

    Each match is of the masked copy, at the same place as the block in ``query``.
    """
    return _BLOCK.finditer(code(query))


def parameters(query: str, *, source: str = "query") -> tuple[str, ...]:
    """Return the variables (without ``?``) that the query's parameter blocks declare, in order.

    The blocks are those of the query as :func:`run` sends it, its includes expanded;
    ``source`` names the query in errors (its file, say).

    Raises:
        SparqlError: If an ``#include`` line is malformed or names no fragment.

    Examples:
        >>> parameters("SELECT ?x WHERE { VALUES (?a ?b) { (UNDEF UNDEF) } ?x ?a ?b }")
        ('a', 'b')
    """
    return _declared(expand(query, source=source))


def _declared(query: str) -> tuple[str, ...]:
    """Return the variables that the parameter blocks of ``query``, as it is written, declare."""
    found: list[str] = []
    for block in _blocks(query):
        for variable in block["variables"].split():
            if variable[1:] not in found:
                found.append(variable[1:])
    return tuple(found)


def bind(query: str, bindings: Mapping[str, Term | None], *, source: str = "query") -> str:
    r"""Return ``query`` with its parameter blocks holding the bound values.

    The blocks are those of the text as it is written (:func:`run` expands it first). Each
    block gets the values of its own variables; a variable left out, or bound to None,
    stays ``UNDEF``.

    Raises:
        SparqlError: If a binding names a variable that no parameter block declares.

    Examples:
        >>> text = 'SELECT ?x WHERE { VALUES (?text) { (UNDEF) } ?x ?p ?text }'
        >>> bind(text, {"text": ox.Literal('say "hi" } ')})
        'SELECT ?x WHERE { VALUES (?text) { ("say \\"hi\\" } ") } ?x ?p ?text }'
    """
    declared = _declared(query)
    unknown = sorted(set(bindings) - set(declared))
    if unknown:
        raise SparqlError(
            source,
            f"binds {', '.join('?' + name for name in unknown)}, which no parameter block "
            f"declares; expected one of: {', '.join('?' + name for name in declared) or 'none'}",
        )

    def fill(block: re.Match[str]) -> str:
        variables = block["variables"].split()
        cells = []
        for variable in variables:
            value = bindings.get(variable[1:])
            cells.append("UNDEF" if value is None else str(value))
        return f"VALUES ({' '.join(variables)}) {{ ({' '.join(cells)}) }}"

    pieces: list[str] = []
    start = 0
    for block in _blocks(query):
        pieces += [query[start : block.start()], fill(block)]
        start = block.end()
    pieces.append(query[start:])
    return "".join(pieces)


def to_store(source: EvidenceGraph | Corpus | Graph) -> ox.Store:
    """Return an in-memory pyoxigraph store holding the RDF export of ``source``.

    Examples:
        >>> from evidence_graph import load
        >>> len(to_store(load("kverme2019")))
        346
    """
    store = ox.Store()
    if isinstance(source, Graph):
        store.bulk_extend(
            ox.Quad(ox_term(subject), ox_term(predicate), ox_term(obj))
            for subject, predicate, obj in source
        )
    else:  # the export's own N-Triples, without building an rdflib graph
        text = serialize(source, "nt")
        store.bulk_load(text.encode(), format=ox.RdfFormat.N_TRIPLES)
    return store


def to_python(term: Any) -> str | int | float | bool | None:
    """Return a SPARQL result term as a Python value: IRIs and strings as text, numbers, booleans.

    Examples:
        >>> to_python(ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
        12
        >>> to_python(ox.NamedNode("https://doi.org/10.3389/fpsyg.2019.00430"))
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return str(term.value)
    convert = _CONVERT.get(term.datatype.value)
    try:
        return str(term.value) if convert is None else convert(term.value)
    except ValueError:  # an ill-typed literal ("twelve"^^xsd:integer): its text
        return str(term.value)


def _boolean(text: str) -> bool:
    if text not in {"true", "false", "1", "0"}:
        raise ValueError(text)
    return text in {"true", "1"}


_CONVERT: dict[str, Callable[[str], int | float | bool]] = {
    **dict.fromkeys(XSD_INTEGERS, int),
    **dict.fromkeys(XSD_FLOATS, float),
    XSD_BOOLEAN: _boolean,
}
"""The Python value of a literal of each datatype that has one."""


@dataclass(frozen=True, slots=True)
class Table:
    """The answer to a ``SELECT`` query: its variables and its rows of Python values.

    Attributes:
        variables: The projected variables, without ``?``, in the query's order.
        rows: One tuple per solution, a value (or None, if unbound) per variable.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[str | int | float | bool | None, ...], ...]

    def records(self) -> Iterator[dict[str, str | int | float | bool | None]]:
        """Yield each row as a dict of its bound variables (unbound ones left out)."""
        for row in self.rows:
            yield {
                name: value
                for name, value in zip(self.variables, row, strict=True)
                if value is not None
            }


def solve(
    store: Queryable,
    query: str,
    bindings: Mapping[str, Term | None] | None = None,
    *,
    source: str = "query",
    allow_service: bool = False,
) -> Solutions | bool | list[ox.Triple]:
    """Run a SPARQL query with values bound: its solutions as RDF terms, a bool (ASK) or triples.

    The query is first read through :func:`~evidence_graph.sparql.includes.expand`: the
    prefixes of :data:`~evidence_graph.namespace.PREFIXES` it uses without declaring them are
    declared, and its ``#include`` lines written in (a query that declares its prefixes and
    has no ``#include`` line is sent as it is).

    Args:
        store: Where the query runs: a pyoxigraph store, or a remote endpoint.
        query: The query.
        bindings: The values of its parameter blocks' variables.
        source: Where the query came from, for error messages.
        allow_service: Let ``SERVICE`` patterns send parts of the query to other servers;
            by default a query with one is refused before it runs.

    Raises:
        SparqlError: If the query cannot be parsed or run (or a store refuses it as a bad
            request), or calls a ``SERVICE`` that is not allowed, naming ``source``.
        StoreError: If a remote store fails otherwise, or a ``SERVICE`` the query calls fails
            or answers in a form that cannot be read.
    """
    expanded = expand(query, source=source)
    called = services(expanded)
    if called and not allow_service:
        raise SparqlError(
            source,
            f"calls SERVICE {', '.join(called)}, which would send part of the query to another "
            "server; refused unless services are allowed (allow_service=True)",
        )
    text = bind(expanded, bindings or {}, source=source)
    try:
        return _collect(store.query(text))
    except StoreError as error:
        if error.status == HTTPStatus.BAD_REQUEST:  # a store's word for a query it cannot take
            raise SparqlError(source, f"was refused by {error.url}: {error.message}") from None
        raise
    except SyntaxError as error:
        raise SparqlError(source, f"is not valid SPARQL: {error}") from None
    except (OSError, RuntimeError, ValueError) as error:
        if called:  # what the store itself does raises nothing of the kind while it runs
            raise StoreError(
                called[0],
                f"the SERVICE that {source} calls failed or gave an answer that cannot be "
                f"read: {error}",
            ) from None
        raise SparqlError(source, f"could not be run: {error}") from None


def _collect(answer: Any) -> Solutions | bool | list[ox.Triple]:
    """Return a store's answer read whole (a store may fail part way through reading it)."""
    if isinstance(answer, ox.QueryBoolean | bool):
        return bool(answer)
    if isinstance(answer, ox.QueryTriples | list):
        return list(answer)
    variables = tuple(variable.value for variable in answer.variables)
    rows = tuple(tuple(solution[name] for name in variables) for solution in answer)
    return Solutions(variables, rows)


def run(
    store: Queryable,
    query: str,
    bindings: Mapping[str, Term | None] | None = None,
    *,
    source: str = "query",
    allow_service: bool = False,
) -> Table | bool | list[ox.Triple]:
    """Run a SPARQL query with values bound: a :class:`Table`, a bool (ASK) or triples.

    It is :func:`solve` with each term of a ``SELECT`` answer made a Python value
    (:func:`to_python`).

    Raises:
        SparqlError: If the query cannot be parsed or run (or a store refuses it as a bad
            request), or calls a ``SERVICE`` that is not allowed, naming ``source``.
        StoreError: If a remote store fails otherwise, or a ``SERVICE`` the query calls fails.
    """
    answer = solve(store, query, bindings, source=source, allow_service=allow_service)
    if not isinstance(answer, Solutions):
        return answer
    rows = tuple(tuple(to_python(term) for term in row) for row in answer.rows)
    return Table(answer.variables, rows)


def select(
    store: Queryable,
    query: str,
    bindings: Mapping[str, Term | None] | None = None,
    *,
    source: str = "query",
) -> Table:
    """Run a ``SELECT`` query with values bound and return its table.

    Raises:
        SparqlError: If the query cannot be parsed or run, or is not a ``SELECT``.

    Examples:
        >>> from evidence_graph import load
        >>> query = '''SELECT ?label WHERE {
        ...   VALUES (?id) { (UNDEF) }
        ...   ?theme <http://purl.org/dc/terms/identifier> ?id ;
        ...          <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }'''
        >>> select(to_store(load("kverme2019")), query, {"id": ox.Literal("daring-to-belong")}).rows
        (('Daring to Belong',),)
    """
    answer = run(store, query, bindings, source=source)
    if not isinstance(answer, Table):
        raise SparqlError(source, "expected a SELECT query")
    return answer
