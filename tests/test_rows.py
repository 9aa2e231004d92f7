"""Rows built from models without validating them again are the rows validation gives."""

from __future__ import annotations

import pytest
from cases import KVERME_CASES, LITERATURE_CASES, drawn_cases
from helpers import LITERATURE, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from evidence_graph import EvidenceGraph, QueryError, ask, load_graph
from evidence_graph.models import Corpus, NodeKind
from evidence_graph.queries import CountRow, Row


@pytest.fixture(scope="module")
def literature() -> EvidenceGraph:
    return load_graph(*LITERATURE)


def _same_as_validated(rows: list[Row]) -> None:
    """Each row equals the row validation makes of its values: same values, types and order."""
    for row in rows:
        validated = type(row).model_validate(dict(row))
        assert row == validated
        assert repr(row) == repr(validated)
        assert list(row.__dict__) == list(type(row).model_fields)
        for field in type(row).model_fields:
            assert type(getattr(row, field)) is type(getattr(validated, field)), field
        assert row.model_dump_json() == validated.model_dump_json()


@pytest.mark.parametrize(("name", "parameters"), [*KVERME_CASES, *LITERATURE_CASES])
def test_every_row_is_what_validation_gives(
    literature: EvidenceGraph, name: str, parameters: dict[str, str]
) -> None:
    _same_as_validated(ask(literature, name, parameters))


@given(corpus=corpora(), data=st.data())
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_row_of_a_generated_corpus_is_what_validation_gives(
    corpus: Corpus, data: st.DataObject
) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    for name, parameters in drawn_cases(graph, data):
        try:
            rows = ask(graph, name, parameters)
        except QueryError:  # it names nothing
            continue
        _same_as_validated(rows)


def test_a_known_row_is_frozen_and_hashable_as_a_validated_one() -> None:
    [row] = CountRow.known([{"kind": NodeKind.QUOTE, "count": 2}])
    validated = CountRow(kind="quote", count=2)
    assert hash(row) == hash(validated)
    assert row.model_fields_set == validated.model_fields_set
    with pytest.raises(ValueError, match="frozen"):
        row.count = 3  # type: ignore[misc]
