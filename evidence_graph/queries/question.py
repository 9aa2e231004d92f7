"""A named question: its name, its parameters, its Python function and its SPARQL query."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from evidence_graph.exceptions import QueryError
from evidence_graph.graph import EvidenceGraph
from evidence_graph.queries.directory import Directory
from evidence_graph.queries.parameters import Parameter
from evidence_graph.queries.rows import Row
from evidence_graph.sparql import Term, query_text

__all__ = ["Engine", "Question"]

Engine = Literal["python", "sparql"]
"""How a question is answered: by the Python function, or by its SPARQL query."""


@dataclass(frozen=True, slots=True)
class Question:
    """A named question.

    Attributes:
        name: Its name, as the command line and the SPARQL file spell it.
        summary: What it answers, in a line.
        row: The type of the rows it answers with.
        parameters: What it takes.
        answer: The Python function: the graph and the parsed parameters (by snake_case name)
            to rows.
        order: Puts the SPARQL answer's rows in the Python order, where ``ORDER BY`` cannot
            (a tree's pre-order); ``None`` where the query's ``ORDER BY`` gives it.
        columns: The row fields a table shows, for reading in a terminal (JSON and CSV carry
            every field).
    """

    name: str
    summary: str
    row: type[Row]
    parameters: tuple[Parameter, ...]
    answer: Callable[[EvidenceGraph, dict[str, Any]], list[Any]]
    columns: tuple[str, ...]
    order: Callable[[list[Any]], list[Any]] | None = None

    @property
    def sparql(self) -> str:
        """The text of its SPARQL query."""
        return query_text(self.name)

    def parse(self, values: Mapping[str, object], asker: str | None = None) -> dict[str, object]:
        """Return the parameters checked and converted, by snake_case name, defaults filled in.

        A parameter may be named in kebab-case, as the command line does, or in snake_case.
        ``asker`` names what takes them in messages (the question's name by default, else e.g.
        ``draw evidence``).

        Raises:
            QueryError: If a parameter is unknown, missing or malformed.
        """
        asker = asker or self.name
        by_name = {parameter.name: parameter for parameter in self.parameters}
        # a study file's spelling of a field (diagnosis_source) names the parameter too
        values = {name.replace("_", "-"): value for name, value in values.items()}
        for name in values:
            if name not in by_name:
                known = ", ".join(by_name) or "none"
                raise QueryError(
                    name, str(values[name]), f"is not a parameter of {asker}; it takes {known}"
                )
        parsed: dict[str, object] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name)
            if value is None:
                if parameter.required:
                    raise QueryError(
                        parameter.name,
                        "",
                        f"{asker} needs it: expected {parameter.expected}",
                    )
                parsed[parameter.key] = parameter.default
            else:
                parsed[parameter.key] = parameter.parse(value)
        return parsed

    def check(
        self,
        graph: EvidenceGraph | Directory,
        parsed: Mapping[str, object],
        *,
        lookups: bool = True,
    ) -> dict[str, object]:
        """Return parsed parameters once looked up in ``graph`` (see :meth:`Parameter.check`).

        Raises:
            QueryError: If a reference names nothing in the graph (with the closest values).
        """
        checked = dict(parsed)
        for parameter in self.parameters:
            value = parsed[parameter.key]
            if value is not None:
                checked[parameter.key] = parameter.check(graph, value, parsed, lookups=lookups)
        return checked

    def bindings(self, parsed: Mapping[str, object]) -> dict[str, Term]:
        """Return the SPARQL bindings of parsed (and checked) parameters."""
        bound: dict[str, Term] = {}
        for parameter in self.parameters:
            value = parsed[parameter.key]
            if value is not None:
                bound.update(parameter.bindings(value))
        return bound
