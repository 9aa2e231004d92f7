"""The SPARQL catalogue: one ``.rq`` file per named question, and the runner that binds values.

Each file is SPARQL 1.1 over the RDF export; its parameters are ``VALUES`` blocks of ``UNDEF``
that :func:`bind` fills with escaped RDF terms. What several files share is spelled once, and
:func:`expand` writes it in when a file is read (:func:`query_text` gives the text sent, which
runs on any store as it is):

- **Prefixes.** A file declares none: each prefix of :data:`evidence_graph.namespace.PREFIXES`
  that it uses is declared before its first line of code. A file spells no vocabulary term in
  full.
- **Includes.** A line ``#include NAME(ARGUMENTS)`` (a comment to SPARQL) is replaced by the
  fragment, at the line's indentation:

  - ``#include fold(?text, ?folded)``: ``BIND`` lines setting ``?folded`` to
    :func:`evidence_graph.folding.fold` of ``?text``, from the table Python folds by;
  - ``#include work_classes(?class)``: the ``VALUES`` block of a table of the RDF mapping;
    ``#include citation_predicates(?predicate, ?intent)`` pairs each term with its name, and
    ``#include criterion_classes("criterion")`` writes the rows ``(term "criterion")`` to stand
    among the rows of a larger ``VALUES`` block. The tables are :data:`TABLES`;
  - ``#include NAME()``: the file ``fragments/NAME.rq``, a block that several queries (or two
    parts of one) share, with its own includes expanded.

  An unknown name, or arguments a fragment does not take, is a :class:`SparqlError` naming the
  file and the line. Includes write the library's own constants only; values given by users are
  always bound.

Every query :func:`run` sends is read the same way, one's own too (``evidence-graph sparql
my.rq``, or :func:`run` with a text): it may use the prefixes and the includes. A query that
declares its prefixes and has no ``#include`` line is sent exactly as written, and a prefix it
declares itself is never declared again. Line numbers in a store's syntax errors count the lines
of the expanded text.

A query that calls a ``SERVICE`` (which would send part of it to another server) is refused
before it runs unless ``allow_service=True`` is given (:func:`services` finds the calls, nested
and in fragments too). :func:`solve` answers in RDF terms, which :func:`results_json` writes as
the standard SPARQL 1.1 Query Results JSON; :func:`run` in Python values.
"""

from evidence_graph.exceptions import SparqlError
from evidence_graph.sparql.includes import FRAGMENT_NAMES, TABLES, expand
from evidence_graph.sparql.results import ResultTerm, Solutions, results_json, term_json
from evidence_graph.sparql.runner import (
    QUERY_NAMES,
    Queryable,
    Table,
    Term,
    bind,
    parameters,
    query_text,
    run,
    select,
    solve,
    to_python,
    to_store,
)
from evidence_graph.sparql.services import services

__all__ = [
    "FRAGMENT_NAMES",
    "QUERY_NAMES",
    "TABLES",
    "Queryable",
    "ResultTerm",
    "Solutions",
    "SparqlError",
    "Table",
    "Term",
    "bind",
    "expand",
    "parameters",
    "query_text",
    "results_json",
    "run",
    "select",
    "services",
    "solve",
    "term_json",
    "to_python",
    "to_store",
]
