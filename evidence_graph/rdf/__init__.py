"""RDF: the mapping table, RDF syntaxes in and out, export and import of models."""

from evidence_graph.rdf.export import nt_line, nt_lines, nt_parts, nt_set, to_rdf
from evidence_graph.rdf.literals import parameter_literal, typed_literal
from evidence_graph.rdf.mapping import (
    CITATION_PREDICATES,
    MAPPING,
    MATCH_PREDICATES,
    RELATIONS,
    THEME_KINDS,
    WORK_CLASSES,
)
from evidence_graph.rdf.output import serialize, stream_rdf
from evidence_graph.rdf.parsing import RDF_SUFFIXES, read_rdf_file, read_triples
from evidence_graph.rdf.plan import Row, plan
from evidence_graph.rdf.rdf_xml import rdf_xml_problem
from evidence_graph.rdf.reader import Read, from_rdf, read_rdf
from evidence_graph.rdf.rows import EnumMap, FieldMap, KindMap, Predicate, Structure
from evidence_graph.rdf.syntax import (
    FORMATS,
    Format,
    json_ld_context,
    ox_term,
    rdflib_graph,
)
from evidence_graph.rdf.terms import (
    Blank,
    Lit,
    Term,
    from_rdflib,
    qname,
    split_iri,
    to_oxigraph,
    to_rdflib,
)

__all__ = [
    "CITATION_PREDICATES",
    "FORMATS",
    "MAPPING",
    "MATCH_PREDICATES",
    "RDF_SUFFIXES",
    "RELATIONS",
    "THEME_KINDS",
    "WORK_CLASSES",
    "Blank",
    "EnumMap",
    "FieldMap",
    "Format",
    "KindMap",
    "Lit",
    "Predicate",
    "Read",
    "Row",
    "Structure",
    "Term",
    "from_rdf",
    "from_rdflib",
    "json_ld_context",
    "nt_line",
    "nt_lines",
    "nt_parts",
    "nt_set",
    "ox_term",
    "parameter_literal",
    "plan",
    "qname",
    "rdf_xml_problem",
    "rdflib_graph",
    "read_rdf",
    "read_rdf_file",
    "read_triples",
    "serialize",
    "split_iri",
    "stream_rdf",
    "to_oxigraph",
    "to_rdf",
    "to_rdflib",
    "typed_literal",
]
