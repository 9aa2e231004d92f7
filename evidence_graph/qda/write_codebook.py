"""Writing a study's theme tree as REFI-QDA codes: a codebook (``.qdc``), or a project's.

Each theme becomes a code: its label the code's name, its definition the code's description,
its colour the code's; a grouping is a code that is not codable; sub-themes are the codes
inside their parent's, in the study's order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from evidence_graph.exceptions import NotWritableError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus, Study, Theme, ThemeKind
from evidence_graph.qda.names import CODEBOOK_NAMESPACE
from evidence_graph.qda.writing import XmlBuilder, chosen_study, guid

__all__ = ["add_codes", "to_qdc"]


def to_qdc(source: Corpus | EvidenceGraph, study: str | None = None) -> str:
    """Return the theme tree of a study as a REFI-QDA codebook (``.qdc``), UTF-8 XML text.

    ``study`` names the study; it may be left out when the sources hold only one. The same
    corpus gives the same text, GUIDs included.

    Raises:
        UsageError: If no study has the id ``study``, or none is named and there are several.
        NotWritableError: If the study has no themes, or a text holds a character XML 1.0
            cannot hold, naming the theme and the field.

    Examples:
        >>> from evidence_graph import load
        >>> codebook = to_qdc(load("kverme2019"))
        >>> print(codebook.splitlines()[1])
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
        >>> codebook.count("<Code ")
        5
    """
    graph = EvidenceGraph.of(source)
    chosen = chosen_study(graph, study)
    xml = XmlBuilder(CODEBOOK_NAMESPACE)
    root = xml.root("CodeBook")
    add_codes(xml, root, graph, chosen)
    return xml.serialize(root)


def add_codes(
    xml: XmlBuilder,
    parent: ET.Element,
    graph: EvidenceGraph,
    study: Study,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Add the ``Codes`` of a study's themes to ``parent`` (a codebook, or a project's).

    ``notes`` gives, for the IRI of a theme, the GUIDs of the notes about it; each becomes a
    ``NoteRef`` of its code (a project's codes have them, a codebook's do not).

    Raises:
        NotWritableError: If the study has no themes: a codebook holds at least one code.
    """
    top = graph.top_themes(study.id)
    if not top:
        raise NotWritableError(
            f"study {study.id!r} has no themes; a REFI-QDA codebook holds at least one code"
        )
    codes = xml.child(parent, "Codes")
    for theme in top:
        _add_code(xml, codes, graph, theme, notes or {})


def _add_code(
    xml: XmlBuilder,
    parent: ET.Element,
    graph: EvidenceGraph,
    theme: Theme,
    notes: Mapping[str, Sequence[str]],
) -> None:
    where = f"theme {theme.id!r}"
    iri = graph.iri(theme)
    code = xml.child(
        parent,
        "Code",
        where=f"{where}: label",
        guid=guid(iri),
        name=theme.label,
        isCodable="false" if theme.kind is ThemeKind.GROUPING else "true",
        color=theme.color,
    )
    if theme.definition is not None:
        xml.text(code, "Description", theme.definition, where=f"{where}: definition")
    for note in notes.get(iri, ()):
        xml.child(code, "NoteRef", targetGUID=note)
    for child in graph.subthemes(theme.id):
        _add_code(xml, code, graph, child, notes)
