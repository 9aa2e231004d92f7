"""Benchmarks of evidence_graph on generated literature-wide corpora, beside their baselines.

``python -m benchmarks --sizes 10k,100k,1M`` (``make bench``) writes a corpus of each size
(:func:`~benchmarks.corpus.write_corpus`), times reading, building, exporting, importing,
querying, validating and pushing it to an Oxigraph server, each in a fresh process, and the
same triples written by plain Python (the floor), pyoxigraph and rdflib, and sent to the server
in one HTTP PUT; it prints a table and writes ``benchmarks/results.json``. ``--quick`` is the
smoke run of the test suite.
"""

from benchmarks.corpus import Plan, plan_corpus, query_parameters, write_corpus
from benchmarks.sizes import format_size, parse_size, parse_sizes
from benchmarks.targets import growth_exponent

__all__ = [
    "Plan",
    "format_size",
    "growth_exponent",
    "parse_size",
    "parse_sizes",
    "plan_corpus",
    "query_parameters",
    "write_corpus",
]
