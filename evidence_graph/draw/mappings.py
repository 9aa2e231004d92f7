"""The ``mappings`` drawing: every study's themes beside the framework concepts they map to.

Studies stand on the left, their mapped themes next (by study, in the order of its theme
tree), and the concepts (or other studies' themes) they are mapped to on the right, each
framework's concepts in a box of their own (such as CHIME's). Each arrow says its SKOS
relation in words (``close match``) with a number, and draws it in a line of its own (exact:
bold; close: solid; broad and narrow: dashed; related: dotted); the number finds the mapper's
justification in the list beside, and the arrow carries it whole as its tooltip.
"""

from __future__ import annotations

from collections import defaultdict

from evidence_graph.display import counted
from evidence_graph.draw.canvas import Canvas
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import PALETTE, TINTS, Cell, cell, numbered, plain, table
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Concept, MatchRelation, Scheme, Study, Theme
from evidence_graph.queries import find_target, theme_tree

__all__ = ["mappings"]

_LINES: dict[MatchRelation, tuple[str, str, str]] = {
    MatchRelation.EXACT: ("bold", PALETTE["blue"], "2"),
    MatchRelation.CLOSE: ("solid", PALETTE["green"], "1.5"),
    MatchRelation.BROAD: ("dashed", PALETTE["orange"], "1.5"),
    MatchRelation.NARROW: ("dashed", PALETTE["purple"], "1.5"),
    MatchRelation.RELATED: ("dotted", PALETTE["grey"], "1.5"),
}
"""The style, colour and width of each relation's line."""

_NO_SCHEME = "#concepts"


def mappings(graph: EvidenceGraph, target: str | None = None) -> Drawing:
    """Draw the themes of every study mapped to concepts or to other studies' themes.

    Args:
        graph: The evidence graph.
        target: Keep to the mappings to this concept or theme (IRI, local id, notation or
            label); every mapping when left out.

    Raises:
        QueryError: If ``target`` names no concept or theme.

    Examples:
        >>> from evidence_graph import load_graph
        >>> drawing = mappings(load_graph("bpd-literature"), "connectedness")
        >>> drawing.title
        'Themes mapped to Connectedness: 3 mappings'
        >>> drawing.source.count('class="mapping close"')
        2
    """
    chosen = None if target is None else find_target(graph, target)
    place = {row.theme: index for index, row in enumerate(theme_tree(graph))}
    found = sorted(
        (
            (graph.iri(mapping.subject), graph.iri(mapping.object), graph.iri(mapping), mapping)
            for mapping in graph.mappings()
            if chosen is None or graph.iri(mapping.object) == chosen
        ),
        key=lambda item: (place[item[0]], *item[1:3]),
    )
    count = counted(len(found), "mapping")
    title = f"Themes mapped to frameworks: {count}"
    if chosen is not None:
        title = f"Themes mapped to {_name(graph, chosen)}: {count}"
    canvas = Canvas("mappings", title, rankdir="LR", ranksep="1.2")
    notes: list[list[Cell]] = [[cell("Justifications", bold=True)]]
    themes = sorted({theme for theme, *_ in found}, key=place.__getitem__)
    for theme in themes:
        _theme(canvas, graph, theme)
    _targets(canvas, graph, sorted({target for _, target, *_ in found}))
    for number, (theme, target_iri, _, mapping) in enumerate(found, start=1):
        style, color, width = _LINES[mapping.relation]
        relation = f"{mapping.relation.value} match"
        words = f"{relation} [{number}]"
        canvas.edge(
            theme,
            target_iri,
            table([[cell(words, size=9)]], padding=1),
            style=style,
            color=color,
            penwidth=width,
            tooltip=plain(mapping.justification),
            decorate="true",
            **{"class": f"mapping {mapping.relation.value}"},
        )
        said = f"[{number}] {_name(graph, theme)} → {_name(graph, target_iri)}"
        notes.append([cell(f"{said} ({relation}): {mapping.justification}", width=90)])
    if found:
        canvas.node("#justifications", table(notes), kind="justifications", shape="box")
    return canvas.drawing()


def _theme(canvas: Canvas, graph: EvidenceGraph, iri: str) -> None:
    """Draw a mapped theme, after its study's box (drawn once) with an arrow to it."""
    theme = graph.get(iri, Theme)
    study = graph.get(theme.study, Study)
    study_iri = graph.iri(study)
    if not canvas.has(study_iri):
        label = table([[cell("study", italic=True, size=9)], [cell(study.label or study.id)]])
        canvas.node(study_iri, label, kind="study", fillcolor=TINTS["blue"])
    canvas.node(iri, _theme_label(theme, study), kind="theme", fillcolor=TINTS["sky"])
    canvas.edge(study_iri, iri, arrowhead="none", color=PALETTE["grey"])


def _theme_label(theme: Theme, study: Study) -> str:
    return table(
        [
            [cell(f"theme of {study.id}", italic=True, size=9)],
            [cell(numbered(theme.number, theme.label))],
        ]
    )


def _targets(canvas: Canvas, graph: EvidenceGraph, targets: list[str]) -> None:
    """Draw what themes are mapped to: concepts in their framework's box, themes alone."""
    by_scheme: dict[str, list[str]] = defaultdict(list)
    for iri in targets:
        if canvas.has(iri):
            continue
        entity = graph.get(iri)
        if isinstance(entity, Concept):
            key = _NO_SCHEME if entity.scheme is None else graph.iri(entity.scheme)
            by_scheme[key].append(iri)
        else:
            assert isinstance(entity, Theme)  # noqa: S101 - a mapping's object is one of the two
            study = graph.get(entity.study, Study)
            canvas.node(iri, _theme_label(entity, study), kind="theme", fillcolor=TINTS["sky"])
    for scheme, concepts in sorted(by_scheme.items()):
        named = "concepts" if scheme == _NO_SCHEME else graph.get(scheme, Scheme).label
        heading = table([[cell(named, bold=True)]])
        with canvas.cluster(scheme, heading, style="rounded,filled", fillcolor=TINTS["yellow"]):
            for iri in concepts:
                concept = graph.get(iri, Concept)
                rows = [[cell("concept", italic=True, size=9)], [cell(concept.label, bold=True)]]
                canvas.node(iri, table(rows), kind="concept")


def _name(graph: EvidenceGraph, iri: str) -> str:
    entity = graph.get(iri)
    return str(getattr(entity, "label", None) or entity.id)
