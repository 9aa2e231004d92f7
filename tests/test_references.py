"""References declared on the models' fields, and what derives from them."""

from __future__ import annotations

from helpers import examples
from hypothesis import HealthCheck, given, settings
from strategies import corpora

from evidence_graph.models import (
    MODELS,
    Citation,
    ConditionConstraint,
    Corpus,
    Criterion,
    Edge,
    Entity,
    Relation,
    Work,
    declarations,
    edges,
    references,
    renamed,
    targets,
)


def _declared_relations() -> set[Relation]:
    found: set[Relation] = set()
    todo: list[type] = [*MODELS.values(), Citation, ConditionConstraint]
    for model in todo:
        found.update(row.reference.relation for row in declarations(model) if row.reference)
    return found


def test_every_relation_is_declared_on_a_field() -> None:
    assert _declared_relations() == set(Relation)


def test_nested_references_belong_to_the_entity_that_holds_them() -> None:
    criterion = Criterion(
        id="c",
        study="s",
        kind="exclusion",
        text="no psychosis",
        constraint={"type": "condition", "condition": "psychosis", "concept": "psychosis"},
    )
    assert [(found.path, found.target) for found in references(criterion)] == [
        (("study",), "s"),
        (("constraint", "concept"), "psychosis"),
    ]
    assert list(edges(criterion)) == [
        ("s", "c", Relation.HAS_CRITERION, {}),
        ("c", "psychosis", Relation.ABOUT, {}),
    ]


def test_edges_carry_the_declared_attributes() -> None:
    work = Work(
        id="w",
        type="journal-article",
        authors=("a", "b"),
        corresponding_authors=("b",),
        cites=({"work": "v", "intents": ["discusses"]},),
    )
    assert list(edges(work)) == [
        ("w", "a", Relation.AUTHORED_BY, {"position": 1, "corresponding": False}),
        ("w", "b", Relation.AUTHORED_BY, {"position": 2, "corresponding": True}),
        ("w", "b", Relation.CORRESPONDING_AUTHOR, {}),
        ("w", "v", Relation.CITES, {"intents": ("discusses",)}),
    ]


def test_renaming_combines_citations_that_come_to_name_one_work() -> None:
    work = Work(
        id="w",
        type="book",
        cites=(
            {"work": "v", "intents": ["discusses"]},
            {"work": "u", "intents": ["cites-as-evidence"]},
        ),
    )
    [citation] = renamed(work, {"u": "v"}).cites
    assert citation.work == "v"
    assert [intent.value for intent in citation.intents] == ["cites-as-evidence", "discusses"]


def test_renaming_leaves_an_entity_that_names_nothing_renamed_alone() -> None:
    work = Work(id="w", type="book", authors=("a",))
    assert renamed(work, {"x": "y"}) is work


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_targets_are_the_ids_references_finds_in_its_order(corpus: Corpus) -> None:
    for entity in corpus.entities():
        found = [(found.target, found.reference) for found in references(entity)]
        assert list(targets(entity)) == found


def _edges_of_references(entity: Entity) -> list[Edge]:
    """The edges of an entity, made from what references() finds, as its declarations say."""
    found_edges: list[Edge] = []
    for found in references(entity):
        reference = found.reference
        attributes = {key: getattr(found.holder, field) for key, field in reference.attributes}
        if reference.position is not None:
            attributes[reference.position] = found.order + 1
        for key, field in reference.marks:
            attributes[key] = found.target in getattr(found.holder, field)
        ends = (found.target, entity.id) if reference.inverse else (entity.id, found.target)
        found_edges.append((*ends, reference.relation, attributes))
    return found_edges


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_edges_are_one_for_each_reference_found(corpus: Corpus) -> None:
    for entity in corpus.entities():
        assert list(edges(entity)) == _edges_of_references(entity)
