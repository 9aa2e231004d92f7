"""The SPARQL catalogue: one ``.rq`` file per named question, and the runner that binds values.

Each file is standard SPARQL 1.1 over the RDF export and runs on any store as it is; its
parameters are ``VALUES`` blocks of ``UNDEF`` that :func:`bind` fills with escaped RDF terms.
"""

from evidence_graph.sparql.runner import (
    QUERY_NAMES,
    Queryable,
    SparqlError,
    Table,
    Term,
    bind,
    parameters,
    query_text,
    run,
    select,
    to_python,
    to_store,
)

__all__ = [
    "QUERY_NAMES",
    "Queryable",
    "SparqlError",
    "Table",
    "Term",
    "bind",
    "parameters",
    "query_text",
    "run",
    "select",
    "to_python",
    "to_store",
]
