"""REFI-QDA: projects (``.qdpx``) and codebooks (``.qdc``) of qualitative data analysis tools.

A study is written as a project (:func:`to_qdpx`) or its theme tree as a codebook
(:func:`to_qdc`), files that NVivo, ATLAS.ti, MAXQDA and QualCoder import.
"""

from evidence_graph.qda.names import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE
from evidence_graph.qda.write_codebook import to_qdc
from evidence_graph.qda.write_project import to_qdpx

__all__ = ["CODEBOOK_NAMESPACE", "PROJECT_NAMESPACE", "to_qdc", "to_qdpx"]
