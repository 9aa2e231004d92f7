"""The RDF syntaxes, which :mod:`evidence_graph.rdf` reads and writes, under their older name."""

from evidence_graph.rdf import FORMATS, Format, json_ld_context, ox_term, serialize_rdf

__all__ = ["FORMATS", "Format", "json_ld_context", "ox_term", "serialize_rdf"]
