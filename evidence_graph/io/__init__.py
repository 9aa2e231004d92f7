"""Reading and writing files: study files, bibliographies, spreadsheets and RDF in; RDF out.

Bibliographies and networks (GraphML, GEXF) are written here too.

RDF syntaxes themselves are read and written in :mod:`evidence_graph.rdf`; ``RDF_SUFFIXES`` and
``read_rdf_file`` are here too, beside the other readers.
"""

from evidence_graph.exceptions import (
    DroppedTriplesWarning,
    UnfollowedImportWarning,
    UnknownColumnWarning,
)
from evidence_graph.io.bibliography import (
    BIBLIOGRAPHY_SUFFIXES,
    bibliography_format,
    read_bibliography,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from evidence_graph.io.names import PersonName, compatible_names, parse_name, same_person
from evidence_graph.io.network_files import (
    NETWORK_FORMATS,
    network_document,
    to_gexf,
    to_graphml,
)
from evidence_graph.io.networks import Plain, PlainEdge, PlainNode, plain_edges, plain_nodes
from evidence_graph.io.rdf_files import write_rdf
from evidence_graph.io.report import DifferenceKind, MergeDifference, MergeReport, Place
from evidence_graph.io.sources import (
    load,
    load_graph,
    merge_report,
    recorded_merges,
    resolve_sources,
)
from evidence_graph.io.spreadsheets import SPREADSHEET_SUFFIXES, read_spreadsheet
from evidence_graph.io.study_files import (
    STUDY_FILE_SUFFIXES,
    parse_study_file,
    read_study_file,
    study_file_schema,
)
from evidence_graph.io.writers import check_writable, open_atomic, write_all, write_atomic
from evidence_graph.io.xlsx_tables import sheet_name, table_workbook
from evidence_graph.rdf import RDF_SUFFIXES, read_rdf_file

__all__ = [
    "BIBLIOGRAPHY_SUFFIXES",
    "NETWORK_FORMATS",
    "RDF_SUFFIXES",
    "SPREADSHEET_SUFFIXES",
    "STUDY_FILE_SUFFIXES",
    "DifferenceKind",
    "DroppedTriplesWarning",
    "MergeDifference",
    "MergeReport",
    "PersonName",
    "Place",
    "Plain",
    "PlainEdge",
    "PlainNode",
    "UnfollowedImportWarning",
    "UnknownColumnWarning",
    "bibliography_format",
    "check_writable",
    "compatible_names",
    "load",
    "load_graph",
    "merge_report",
    "network_document",
    "open_atomic",
    "parse_name",
    "parse_study_file",
    "plain_edges",
    "plain_nodes",
    "read_bibliography",
    "read_rdf_file",
    "read_spreadsheet",
    "read_study_file",
    "recorded_merges",
    "resolve_sources",
    "same_person",
    "sheet_name",
    "study_file_schema",
    "table_workbook",
    "to_bibtex",
    "to_csl_json",
    "to_gexf",
    "to_graphml",
    "to_ris",
    "write_all",
    "write_atomic",
    "write_rdf",
]
