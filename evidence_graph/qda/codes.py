"""A code tree, of a project's codebook or of a ``.qdc`` codebook, read as a study's themes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from evidence_graph.display import quoted
from evidence_graph.qda.elements import (
    Ids,
    Malformed,
    boolean,
    guid,
    required,
    valued,
)
from evidence_graph.qda.xml import Element

__all__ = ["CodeTree", "read_codes"]

_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


@dataclass
class CodeTree:
    """The themes a code tree gives, and the theme of each code's GUID.

    Attributes:
        themes: The themes as a study file has them, parents before their children.
        theme_of: The id of the theme of each code, by the code's GUID.
        notes: Each ``NoteRef`` element of a code, with the id of the code's theme.
    """

    themes: list[dict[str, Any]] = field(default_factory=list)
    theme_of: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[Element, str]] = field(default_factory=list)


def read_codes(codes: Element | None, study: str, ids: Ids) -> CodeTree:
    """Read the ``Code`` elements of a ``Codes`` element, and those within them, as themes.

    A code becomes a theme of ``study``: its id is the slug of its name (made unique by
    ``ids``), its label the name, its definition the ``Description``, its colour kept, its
    parent the code it sits in, and its kind ``grouping`` when it is not codable.

    Raises:
        Malformed: If a code lacks its GUID, name or ``isCodable``, has a malformed colour,
            or a malformed GUID.
    """
    tree = CodeTree()

    def read(code: Element, parent: str | None) -> None:
        theme = _theme(code, parent, study, ids)
        tree.themes.append(theme)
        tree.theme_of[guid(code)] = theme["id"]
        tree.notes.extend((ref, theme["id"]) for ref in code.all("NoteRef"))
        for child in code.all("Code"):  # nesting is bounded by the parser
            read(child, theme["id"])

    for code in [] if codes is None else codes.all("Code"):
        read(code, None)
    return tree


def _theme(code: Element, parent: str | None, study: str, ids: Ids) -> dict[str, Any]:
    """Return the theme of one code."""
    name = required(code, "name")
    theme: dict[str, Any] = {"id": ids.make(name, "code", guid(code)), "study": study}
    theme["label"] = name
    description = code.first("Description")
    if description is not None and description.text.strip():
        theme["definition"] = description.text
    if (color := valued(code, "color")) is not None:
        if not _COLOR.fullmatch(color.strip()):
            raise Malformed(
                code, f"color {quoted(color)} is not a colour; expected #RRGGBB or #RGB"
            )
        theme["color"] = color.strip()
    if parent is not None:
        theme["parent"] = parent
    if not boolean(code, "isCodable"):
        theme["kind"] = "grouping"
    return theme
