"""REFI-QDA: projects (``.qdpx``) and codebooks (``.qdc``) of qualitative data analysis tools.

NVivo, ATLAS.ti, MAXQDA and QualCoder exchange coded data through the REFI-QDA standard. A
project read here becomes the study-file data of one study (see :func:`read_qda`), which
:func:`evidence_graph.load` validates and merges like any study file. A study is written as a
project (:func:`to_qdpx`) or its theme tree as a codebook (:func:`to_qdc`), files that those
tools import.
"""

from evidence_graph.qda.archive import MAX_ENTRIES, MAX_RATIO, MAX_TOTAL
from evidence_graph.qda.names import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE
from evidence_graph.qda.offsets import OffsetUnit
from evidence_graph.qda.options import QDA_SUFFIXES, QdaProject
from evidence_graph.qda.reading import read_qda
from evidence_graph.qda.write_codebook import to_qdc
from evidence_graph.qda.write_project import to_qdpx
from evidence_graph.qda.xml import MAX_ELEMENTS, MAX_NESTING

__all__ = [
    "CODEBOOK_NAMESPACE",
    "MAX_ELEMENTS",
    "MAX_ENTRIES",
    "MAX_NESTING",
    "MAX_RATIO",
    "MAX_TOTAL",
    "PROJECT_NAMESPACE",
    "QDA_SUFFIXES",
    "OffsetUnit",
    "QdaProject",
    "read_qda",
    "to_qdc",
    "to_qdpx",
]
