"""The drawings by name, as the command line names them, each taking a question's parameters.

``evidence-graph draw themes -p study=kverme2019`` takes the parameters of the question
``theme-tree``; each drawing draws what its question answers (see :data:`DRAWINGS`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_graph.draw.citations import citations
from evidence_graph.draw.drawing import Drawing
from evidence_graph.draw.eligibility import eligibility
from evidence_graph.draw.evidence import evidence
from evidence_graph.draw.mappings import mappings
from evidence_graph.draw.themes import themes
from evidence_graph.exceptions import QueryError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.queries import Parameter, find_question, profile_of

__all__ = ["DRAWINGS", "Sketch", "make"]


@dataclass(frozen=True, slots=True)
class Sketch:
    """A drawing by name.

    Attributes:
        name: Its name, as the command line spells it.
        summary: What it draws, in a line.
        question: The question whose parameters it takes (and whose answer it draws), if any.
        make: The function: the graph and the parsed parameters (by snake_case name) to the
            drawing.
    """

    name: str
    summary: str
    question: str | None
    make: Callable[[EvidenceGraph, dict[str, Any]], Drawing]

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """What it takes."""
        return () if self.question is None else find_question(self.question).parameters

    def parse(self, graph: EvidenceGraph, values: Mapping[str, object]) -> dict[str, Any]:
        """Return the parameters checked, converted and looked up in ``graph``.

        Raises:
            QueryError: If a parameter is unknown, missing, malformed or names nothing.
        """
        if self.question is None:
            if values:
                name = next(iter(values))
                raise QueryError(name, str(values[name]), f"draw {self.name} takes no parameters")
            return {}
        question = find_question(self.question)
        parsed = question.parse(values, asker=f"draw {self.name}")
        return question.check(graph, parsed, lookups=False)


DRAWINGS: dict[str, Sketch] = {
    sketch.name: sketch
    for sketch in (
        Sketch(
            "themes",
            "a study's theme tree: quote counts, stages in order, groupings and subgroups",
            "theme-tree",
            lambda graph, v: themes(graph, v["study"]),
        ),
        Sketch(
            "evidence",
            "the chain of one claim: quotes, themes, study and work (with its DOI)",
            "evidence-for",
            lambda graph, v: evidence(graph, v["claim"]),
        ),
        Sketch(
            "mappings",
            "every study's themes beside the framework concepts they map to, with why",
            "mapped-to",
            lambda graph, v: mappings(graph, v["target"]),
        ),
        Sketch(
            "citations",
            "the citation network, with CiTO intents, works sized by how often cited",
            None,
            lambda graph, _: citations(graph),
        ),
        Sketch(
            "eligibility",
            "a profile against each study: criteria and samples, admits/excludes/unknown",
            "studies-matching",
            lambda graph, v: eligibility(graph, profile_of(v)),
        ),
    )
}
"""Every drawing, by name."""


def make(
    graph: EvidenceGraph, name: str, parameters: Mapping[str, object] | None = None
) -> Drawing:
    """Draw the drawing of that name, with its parameters as the command line gives them.

    Args:
        graph: The evidence graph.
        name: ``themes``, ``evidence``, ``mappings``, ``citations`` or ``eligibility``.
        parameters: Its parameters by kebab-case name, as text or as Python values (those of
            the question it draws, see :attr:`Sketch.question`).

    Raises:
        QueryError: If the name is none of :data:`DRAWINGS`, or a parameter is unknown,
            missing, malformed or names nothing in the graph.

    Examples:
        >>> from evidence_graph import load_graph
        >>> make(load_graph("kverme2019"), "themes", {"study": "kverme2019"}).name
        'themes'
    """
    sketch = DRAWINGS.get(name)
    if sketch is None:
        close = difflib.get_close_matches(name, list(DRAWINGS), n=3, cutoff=0.5)
        raise QueryError("drawing", name, f"expected one of: {', '.join(DRAWINGS)}", close)
    return sketch.make(graph, sketch.parse(graph, parameters or {}))
