"""RDF: the mapping table, export to every format, and import back into models."""

from evidence_graph.io.rdf_formats import FORMATS, Format, json_ld_context
from evidence_graph.rdf.export import serialize, to_rdf
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    MAPPING,
    WORK_CLASSES,
    FieldMap,
    KindMap,
)
from evidence_graph.rdf.reader import from_rdf

__all__ = [
    "CITATION_PREDICATES",
    "FORMATS",
    "MAPPING",
    "WORK_CLASSES",
    "FieldMap",
    "Format",
    "KindMap",
    "from_rdf",
    "json_ld_context",
    "serialize",
    "to_rdf",
]
