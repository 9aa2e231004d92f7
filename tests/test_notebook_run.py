"""A real notebook run: a Jupyter kernel shows a graph and an answer as HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import nbformat
import pytest
from nbclient import NotebookClient

CELLS = [
    "import evidence_graph as eg\ngraph = eg.load_graph('kverme2019')\ngraph",
    "eg.ask(graph, 'quotes-for-theme', {'theme': 'Daring to Belong'})",
]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(cell: nbformat.NotebookNode) -> _Text:
    [output] = [out for out in cell.outputs if out.output_type == "execute_result"]
    parsed = _Text()
    parsed.feed(output.data["text/html"])
    parsed.close()
    return parsed


def test_a_notebook_shows_a_graph_and_an_answer_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    graph, answer = (_html(cell) for cell in notebook.cells)
    assert "EvidenceGraph" in "".join(graph.text)
    assert "Daring to Belong" in "".join(graph.text)
    assert "table" in answer.tags
    assert "script" not in graph.tags + answer.tags
    assert "Daring to Belong" in "".join(answer.text)
