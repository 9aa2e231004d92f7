"""The ``themes`` drawing: each study's theme tree, left to right, with its quotes counted.

Every theme says its number, what the study calls it (``stage 2 of 4``, ``grouping``), how
many quotes are coded directly under it and under it or any theme below, how many of those
are contrasting cases, and, where the study's sample has subgroups, how many come from each.
The members of an ordered grouping (stages) follow each other by dashed ``then`` arrows; a
grouping (a theme that holds others but is not itself coded) has a dashed border. A study's
box heads its tree with its sample.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from evidence_graph.display import counted
from evidence_graph.draw.canvas import Canvas, doi_url
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.labels import INK, PALETTE, TINTS, Cell, cell, numbered, table
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Participant, QuoteRole, Sample, Study, Theme, ThemeKind, Work
from evidence_graph.queries import ThemeNode, find_study, nested_theme_tree
from evidence_graph.queries.wording import sample_line, subgroup_name, work_label

__all__ = ["themes"]

_NONE = "no subgroup"


def themes(graph: EvidenceGraph, study: str | None = None) -> Drawing:
    """Draw a study's theme tree (every study's, each in a box, when ``study`` is left out).

    Args:
        graph: The evidence graph.
        study: The study, by IRI or local id.

    Raises:
        QueryError: If ``study`` names no study.

    Examples:
        >>> from evidence_graph import load_graph
        >>> drawing = themes(load_graph("kverme2019"), "kverme2019")
        >>> "Daring to Belong" in drawing.source
        True
    """
    if study is None:
        studies = sorted(graph.iri(entity) for entity in graph.studies())
    else:
        studies = [find_study(graph, study)]
    trees = nested_theme_tree(graph, study)
    if len(studies) == 1:
        found = graph.get(studies[0], Study)
        title = f"Themes of {found.id}" + (f": {found.label}" if found.label else "")
    else:
        title = f"Themes of {len(studies)} studies"
    canvas = Canvas("themes", title, rankdir="LR")
    for iri in studies:
        _study(canvas, graph, graph.get(iri, Study), [tree for tree in trees if tree.study == iri])
    with canvas.rank():  # the studies one above another, in order
        for above, below in pairwise(studies):
            canvas.edge(above, below, style="invis")
    return canvas.drawing()


def _study(canvas: Canvas, graph: EvidenceGraph, study: Study, trees: Sequence[ThemeNode]) -> None:
    """Draw a study's box, heading its themes (a tree of its own, apart from other studies')."""
    iri = graph.iri(study)
    rows = [[cell(study.label or study.id, bold=True)], [cell(f"study {study.id}")]]
    url = None
    for ref in study.reported_in:
        work = graph.get(ref, Work)
        rows.append([cell(work_label(graph, work), size=9)])
        url = url or doi_url(work.doi)
    rows.extend(
        [cell(f"sample: {sample_line(graph, sample)}", size=9)]
        for sample in graph.whole_samples(study.id)
    )
    canvas.node(iri, table(rows), kind="study", fillcolor=TINTS["blue"], url=url)
    groups = _subgroups(graph, study)
    for tree in trees:
        _theme(canvas, graph, tree, groups, len(trees))
        canvas.edge(iri, tree.theme)


def _theme(
    canvas: Canvas,
    graph: EvidenceGraph,
    node: ThemeNode,
    groups: dict[str, str] | None,
    siblings: int,
) -> None:
    """Draw a theme (one of ``siblings``) and the themes below it, each with an arrow to it."""
    label = _label(graph, node, groups, siblings)
    canvas.node(node.theme, label, kind="theme", **_look(node))
    for child in node.children:
        _theme(canvas, graph, child, groups, len(node.children))
        canvas.edge(node.theme, child.theme)
    ordered = [child for child in node.children if child.position is not None]
    for before, after in pairwise(ordered):
        canvas.edge(
            before.theme,
            after.theme,
            table([[cell("then", italic=True, size=9)]]),
            style="dashed",
            color=PALETTE["blue"],
            constraint="false",
            **{"class": "then"},
        )


def _look(node: ThemeNode) -> dict[str, str]:
    """How a theme's box looks: a grouping's border dashed, an overarching theme tinted."""
    style = "rounded,filled,dashed" if node.kind is ThemeKind.GROUPING else "rounded,filled"
    fill = TINTS["sky"] if node.depth == 0 else "white"
    return {"style": style, "fillcolor": fill, "color": INK}


def _label(
    graph: EvidenceGraph, node: ThemeNode, groups: dict[str, str] | None, siblings: int
) -> str:
    theme = graph.get(node.theme, Theme)
    head: list[Cell] = [cell(numbered(node.number, node.label), bold=True)]
    if theme.color is not None:
        head.insert(0, Cell([" "], fill=theme.color))
    rows: list[list[Cell]] = [head]
    span = len(head)
    said = _kind(node, theme.ordered, siblings)
    if said:
        rows.append([cell(said, italic=True, size=9, span=span)])
    quotes = list(graph.quotes(node.theme))
    count = counted(len(quotes), "quote")
    if node.children:
        count += " here"
    contrasting = sum(1 for quote in quotes if quote.role is QuoteRole.CONTRASTING)
    if contrasting:
        count += f" ({contrasting} contrasting)"
    if node.children:
        count += f", {node.quotes_with_subthemes} with sub-themes"
    rows.append([cell(count, size=9, span=span)])
    if groups is not None and quotes:
        spoken = Counter(
            groups.get(graph.iri(quote.participant), _NONE) if quote.participant else _NONE
            for quote in quotes
        )
        said_by = ", ".join(f"{spoken[name]} {name}" for name in sorted(spoken))
        rows.append([cell(f"by subgroup: {said_by}", size=9, span=span)])
    return table(rows)


def _kind(node: ThemeNode, ordered: bool, siblings: int) -> str:
    """Say what the study calls a theme and, for a stage, where it stands: 'stage 2 of 4'."""
    kind = node.kind.value if node.kind is not None else ""
    if node.position is None:
        return f"ordered {kind}" if kind and ordered else kind
    return f"{kind or 'step'} {node.position} of {siblings}"


def _subgroups(graph: EvidenceGraph, study: Study) -> dict[str, str] | None:
    """Return the name of each participant's subgroup, by IRI; ``None`` where none is split."""
    wholes = list(graph.whole_samples(study.id))
    if not any(graph.subgroups(sample.id) for sample in wholes):
        return None
    names: dict[str, str] = {}
    for person in graph.participants(study.id):
        assert isinstance(person, Participant)  # noqa: S101 - participants() gives them
        if person.sample is not None:
            sample = graph.get(person.sample, Sample)
            if sample.part_of is not None:
                names[graph.iri(person)] = subgroup_name(sample)
    return names
