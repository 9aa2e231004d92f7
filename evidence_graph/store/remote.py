"""Asking a remote SPARQL 1.1 query endpoint: one's own queries, and the named questions.

The named questions send the catalogue's own queries (``evidence_graph/sparql/*.rq``) with
their values bound, and look their parameters up in the store first, as they are looked up
in a graph: the same answers, and the same errors, as over the corpus at home.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pyoxigraph as ox

from evidence_graph.exceptions import EvidenceGraphWarning, StoreError
from evidence_graph.models import NodeKind
from evidence_graph.queries import Entry, Match, Row, Rows, ask_sparql
from evidence_graph.rdf import rdf_xml_problem
from evidence_graph.sparql import expand, select
from evidence_graph.store._credentials import Credentials, redact_url
from evidence_graph.store._dataset import (
    DEFAULT_HOLDS,
    NAMED_GRAPHS,
    Dataset,
    listed,
    names_its_graphs,
)
from evidence_graph.store._http import Client, check_endpoint

__all__ = ["RemoteDirectory", "SparqlEndpoint", "ask"]

T = TypeVar("T")

_ACCEPT = ", ".join(
    (
        "application/sparql-results+json",
        "application/sparql-results+xml;q=0.9",
        "application/n-triples",
        "text/turtle;q=0.9",
    )
)
_QUERY_HINT = (
    "expected the store's SPARQL query endpoint, e.g. http://localhost:7878/query for Oxigraph "
    "or http://localhost:3030/DATASET/query for Fuseki"
)


class SparqlEndpoint:
    """A SPARQL 1.1 query endpoint, asked over HTTP as the SPARQL 1.1 Protocol says.

    Queries are sent by ``POST``, form-encoded. Which graphs they ask (:meth:`dataset`):

    - ``graphs`` given: those, sent as ``default-graph-uri`` values, so that the query's
      default graph is their union;
    - ``default_graph=True``: the store's own default graph (warning, with
      :class:`~evidence_graph.exceptions.EvidenceGraphWarning`, when it is empty but the store
      holds named graphs);
    - else, the union of the store's named graphs, which :func:`~evidence_graph.store.push`
      wrote: the store is asked for them at the first query (a new endpoint sees graphs
      pushed since). A store that holds none, or refuses to list them, is asked its default
      graph.

    A query that names its own graphs (``FROM``, ``FROM NAMED``) asks those, unless ``graphs``
    are given.

    Args:
        url: The endpoint, e.g. ``http://localhost:7878/query``.
        graphs: The named graphs to ask, as the default graph.
        default_graph: Ask the store's own default graph.
        credentials: Sent with every request; by default those of the environment.
        timeout: Seconds one try of a request may take, from connecting to the last byte of
            the answer.
        retries: How many times to try a failed request again.
        backoff: The first wait before trying again, in seconds.
        on_dataset: Called with the graphs a query asks, in words (e.g. "the union of the
            store's 2 named graphs: <…>, <…>"), before the first query that asks them.

    Raises:
        ValueError: If the URL is not one to use (see :func:`~evidence_graph.store.check_endpoint`),
            or both ``graphs`` and ``default_graph`` are given.
    """

    def __init__(
        self,
        url: str,
        *,
        graphs: Sequence[str] = (),
        default_graph: bool = False,
        credentials: Credentials | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
        on_dataset: Callable[[str], object] | None = None,
    ) -> None:
        self.url = check_endpoint(url)
        self.graphs = tuple(graphs)
        if self.graphs and default_graph:
            raise ValueError(
                "default_graph: the graphs named are asked instead of the default graph; "
                "expected graphs or default_graph, not both"
            )
        self.default_graph = default_graph
        chosen = Credentials.from_env() if credentials is None else credentials
        self._client = Client(credentials=chosen, timeout=timeout, retries=retries, backoff=backoff)
        self._on_dataset = on_dataset
        self._dataset: Dataset | None = None
        self._told: set[Dataset] = set()

    def __repr__(self) -> str:
        return f"SparqlEndpoint({redact_url(self.url)!r}, graphs={self.graphs!r})"

    def query(self, query: str) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Send a query; return its solutions, its boolean (ASK) or its triples.

        Raises:
            StoreError: If the store could not be reached, refused the query (a query it
                cannot parse is answered 400), failed, or did not answer in time, or answered
                in a form that cannot be read.
        """
        if not self.graphs and names_its_graphs(query):
            dataset = Dataset(own=True)
        else:
            dataset = self.dataset()
        if dataset not in self._told and self._on_dataset is not None:
            self._on_dataset(str(dataset))
        self._told.add(dataset)
        return self._send(query, dataset)

    def dataset(self) -> Dataset:
        """Return the graphs a query asks that names none itself; the store is asked once.

        Raises:
            StoreError: If the store fails when asked for its named graphs.
        """
        if self._dataset is None:
            self._dataset = self._find_dataset()
        return self._dataset

    def _find_dataset(self) -> Dataset:
        if self.graphs:
            return Dataset(self.graphs)
        if self.default_graph:
            holds = self._ask_store(DEFAULT_HOLDS, "asking whether its default graph is empty")
            if isinstance(holds, ox.QueryBoolean) and not bool(holds):
                self._hint_empty_default()
            return Dataset()
        named = self._named_graphs()
        if named is None:
            return Dataset(why="the store refused to list its named graphs")
        if not named:
            return Dataset(why="the store holds no named graph")
        return Dataset(named, named=True)

    def _ask_store(
        self, query: str, doing: str
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple] | None:
        """Send a query of our own; None if the store refuses it (400), else say ``doing``."""
        try:
            return self._send(query, Dataset())
        except StoreError as error:
            if error.status == 400:  # noqa: PLR2004 - a query the store does not take
                return None
            raise self._client.error(
                self.url, f"{doing}: {error.message}", status=error.status, reached=error.reached
            ) from None

    def _named_graphs(self) -> tuple[str, ...] | None:
        """Return the store's named graphs, sorted; None if it refuses the query that asks."""
        answer = self._ask_store(NAMED_GRAPHS, "listing its named graphs, to ask their union")
        if not isinstance(answer, ox.QuerySolutions):
            return None
        graphs = {row["g"].value for row in answer if isinstance(row["g"], ox.NamedNode)}
        return tuple(sorted(graphs))

    def _hint_empty_default(self) -> None:
        named = self._named_graphs()
        if named:
            count = f"{len(named)} named graph{'' if len(named) == 1 else 's'}"
            warnings.warn(
                f"{redact_url(self.url)}: the store's default graph is empty, but it holds "
                f"{count} ({listed(named)}): leave out --default-graph (default_graph) to ask "
                "their union, or name them with --graph IRI (graphs)",
                EvidenceGraphWarning,
                stacklevel=5,
            )

    def _send(
        self, query: str, dataset: Dataset
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        fields: dict[str, str | list[str]] = {"query": query, **dataset.fields()}
        answer = self._client.request(
            "POST", self.url, fields=fields, headers={"Accept": _ACCEPT}, hint=_QUERY_HINT
        )
        media = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            results = ox.QueryResultsFormat.from_media_type(media)
            if results is not None:
                return ox.parse_query_results(answer.data, results)
            rdf = ox.RdfFormat.from_media_type(media)
            if rdf == ox.RdfFormat.RDF_XML and (problem := rdf_xml_problem(answer.data)):
                raise self._client.error(self.url, f"answered {media} that is not read: {problem}")
            if rdf is not None:
                return [quad.triple for quad in ox.parse(answer.data, rdf)]
        except (SyntaxError, ValueError) as error:
            message = f"answered {media} that cannot be read: {error}"
            raise self._client.error(self.url, message) from None
        raise self._client.error(
            self.url,
            f"answered {media or 'no Content-Type'}; expected SPARQL results (JSON or XML) or RDF",
        )

    def close(self) -> None:
        """Close the connections kept open."""
        self._client.close()

    def __enter__(self) -> SparqlEndpoint:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


_THEMES = expand(
    """SELECT ?iri ?id ?label ?alt ?study WHERE {
  ?iri a eg:Theme ; dcterms:identifier ?id ; skos:prefLabel ?label ; skos:inScheme ?scheme .
  ?study eg:hasThemeScheme ?scheme .
  OPTIONAL { ?iri skos:altLabel ?alt }
}
""",
    source="the look-up of themes",
)
_CONCEPTS = expand(
    """SELECT ?iri ?id ?label ?notation ?relation ?match ?code ?scheme WHERE {
  ?iri a skos:Concept ; dcterms:identifier ?id ; skos:prefLabel ?label .
  FILTER NOT EXISTS { ?iri a eg:Theme }
  OPTIONAL { ?iri skos:notation ?notation }
  OPTIONAL {
    #include match_predicates(?predicate, ?relation)
    ?iri ?predicate ?match .
    ?match eg:vocabulary ?scheme .
    OPTIONAL { ?match skos:notation ?code }
  }
}
""",
    source="the look-up of concepts",
)
_ENTITIES = expand(
    """SELECT ?iri ?id WHERE {
  VALUES (?kind) { (UNDEF) }
  #include kind_classes(?class, ?kind)
  ?iri a ?class ; dcterms:identifier ?id
}
""",
    source="the look-up of works, studies and claims",
)
"""The nodes of one kind (bound to ``?kind``: ``"work"``, ``"study"`` or ``"claim"``)."""


class RemoteDirectory:
    """The ids, labels and matches of the nodes a store holds, asked once per kind.

    It is what :func:`~evidence_graph.queries.find_themes` and the other look-ups take
    in place of a graph.
    """

    def __init__(self, endpoint: SparqlEndpoint) -> None:
        self.endpoint = endpoint
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Return what ``build()`` gives, built once."""
        if key not in self._memo:
            self._memo[key] = build()
        found: T = self._memo[key]
        return found

    def entries(self, kind: NodeKind) -> Sequence[Entry]:
        """Return the entries of the nodes of ``kind`` in the store, by IRI."""
        return self.memo(("entries", kind), lambda: self._entries(kind))

    def _rows(self, query: str, kind: NodeKind | None = None) -> list[dict[str, Any]]:
        bindings = {} if kind is None else {"kind": ox.Literal(kind.value)}
        table = select(self.endpoint, query, bindings, source="looking parameters up")
        return [dict(zip(table.variables, row, strict=True)) for row in table.rows]

    def _entries(self, kind: NodeKind) -> list[Entry]:
        if kind is NodeKind.THEME:
            return self._themes()
        if kind is NodeKind.CONCEPT:
            return self._concepts()
        ids = {str(row["iri"]): str(row["id"]) for row in self._rows(_ENTITIES, kind)}
        return [Entry(iri, ids[iri]) for iri in sorted(ids)]

    def _themes(self) -> list[Entry]:
        found: dict[str, _Found] = {}
        for row in self._rows(_THEMES):
            theme = found.setdefault(str(row["iri"]), _Found())
            theme.add(row)
            theme.studies.add(str(row["study"]))
            if row["alt"] is not None:
                theme.alt.add(str(row["alt"]))
        return [
            Entry(iri, min(t.ids), (*sorted(t.labels), *sorted(t.alt)), study=min(t.studies))
            for iri, t in sorted(found.items())
        ]

    def _concepts(self) -> list[Entry]:
        found: dict[str, _Found] = {}
        for row in self._rows(_CONCEPTS):
            concept = found.setdefault(str(row["iri"]), _Found())
            concept.add(row)
            if row["notation"] is not None:
                concept.notations.add(str(row["notation"]))
            if row["match"] is not None:
                code = None if row["code"] is None else str(row["code"])
                match = Match(str(row["match"]), str(row["relation"]), code, str(row["scheme"]))
                concept.matches.add(match)
        return [
            Entry(
                iri,
                min(c.ids),
                tuple(sorted(c.labels)),
                min(c.notations, default=None),
                matches=tuple(sorted(c.matches, key=lambda m: (m.relation, m.iri, m.code or ""))),
            )
            for iri, c in sorted(found.items())
        ]


@dataclass
class _Found:
    """What the rows of one node say of it.

    A graph holds one id and label per node; a store that was sent different versions of a
    file without ``--replace`` may hold several: then every label is a key, and the least id
    and study are taken.
    """

    ids: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    alt: set[str] = field(default_factory=set)
    studies: set[str] = field(default_factory=set)
    notations: set[str] = field(default_factory=set)
    matches: set[Match] = field(default_factory=set)

    def add(self, row: dict[str, Any]) -> None:
        self.ids.add(str(row["id"]))
        self.labels.add(str(row["label"]))


def ask(
    endpoint: SparqlEndpoint,
    name: str,
    parameters: Mapping[str, object] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Rows[Row]:
    """Answer a named question over what a remote store holds.

    The parameters are looked up in the store, as :func:`~evidence_graph.queries.ask` looks
    them up in a graph, then the question's SPARQL query is sent with their values bound.
    ``limit`` and ``offset`` cut a page from the answer's rows, as they do there.

    Raises:
        QueryError: If the question is unknown, or a parameter unknown, missing, malformed or
            naming nothing in the store (with the closest values it holds).
        StoreError: If the store fails.
    """
    return ask_sparql(
        endpoint, name, parameters, RemoteDirectory(endpoint), limit=limit, offset=offset
    )
