"""The models: frozen, closed, described, and strict about what they accept."""

from __future__ import annotations

import copy
import datetime as dt
import math
import typing
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from evidence_graph import load, models
from evidence_graph.exceptions import NodeNotFoundError, Problem
from evidence_graph.ids import REFERENCE_EXPECTED
from evidence_graph.models import (
    Citation,
    Claim,
    Concept,
    ConceptMatch,
    ConditionConstraint,
    Corpus,
    Criterion,
    Entity,
    EqualsConstraint,
    Person,
    Quote,
    QuotePosition,
    RangeConstraint,
    Sample,
    StudyDocument,
    Theme,
    Work,
)


def _error(model: type[BaseModel], data: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    """Return the location and message of the one error validating ``data`` raises."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    [detail] = info.value.errors(include_url=False)
    return detail["loc"], detail["msg"].removeprefix("Value error, ")


# --- every model: frozen, closed, described ----------------------------------------------------


def _nested_models(annotation: Any) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return {model for arg in typing.get_args(annotation) for model in _nested_models(arg)}


def _all_models() -> list[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    todo = [
        value
        for name in models.__all__
        if isinstance(value := getattr(models, name), type) and issubclass(value, BaseModel)
    ]
    while todo:
        model = todo.pop()
        if model not in found:
            found.add(model)
            for field in model.model_fields.values():
                todo.extend(_nested_models(field.annotation))
    return sorted(found, key=lambda model: model.__name__)


ALL_MODELS = _all_models()


def test_the_models_include_the_nested_ones() -> None:
    names = {model.__name__ for model in ALL_MODELS}
    assert {
        "Citation",
        "ConceptMatch",
        "QuotePosition",
        "RangeConstraint",
        "EqualsConstraint",
        "ConditionConstraint",
        "Work",
        "Person",
        "Study",
        "Sample",
        "Criterion",
        "Theme",
        "Quote",
        "Claim",
        "Concept",
        "StudyDocument",
        "Corpus",
    } <= names


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_description(model: type[BaseModel]) -> None:
    assert model.model_fields, f"{model.__name__} has no fields"
    undescribed = [
        name
        for name, field in model.model_fields.items()
        if not (field.description and field.description.strip())
    ]
    assert undescribed == []


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_model_is_frozen_and_refuses_unknown_fields(model: type[BaseModel]) -> None:
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"


def _instances() -> list[BaseModel]:
    corpus = load("bpd-literature")  # the kverme2019 dataset and more: every list filled
    bpd = corpus.get("bpd")
    assert isinstance(bpd, Concept)
    magazine = corpus.get("psychology-today-4-keys")
    assert isinstance(magazine, Work)
    return [
        *(
            next(iter(getattr(corpus, name)))
            for name in models.COLLECTIONS
            if name not in {"participants", "coders", "memos"}
        ),
        models.Participant(id="p3", study="s", name="Participant 3", sample="recovered"),
        models.Trait(name="Age", value=27),
        models.Coder(id="anna", study="s", name="Anna"),
        models.Memo(id="m1", study="s", text="Ask about groups.", about=("t",)),
        models.Characteristic(attribute="recovery_status", value="recovered"),
        *(criterion.constraint for criterion in corpus.criteria),
        bpd.matches[0],
        magazine.cites[0],
        QuotePosition(start=0, end=5),
    ]


INSTANCES = _instances()


@pytest.mark.parametrize("instance", INSTANCES, ids=lambda instance: type(instance).__name__)
def test_instances_cannot_be_changed(instance: BaseModel) -> None:
    name = next(iter(type(instance).model_fields))
    before = getattr(instance, name)
    with pytest.raises(ValidationError, match="Instance is frozen") as info:
        setattr(instance, name, before)
    assert info.value.errors()[0]["type"] == "frozen_instance"
    assert getattr(instance, name) is before


@pytest.mark.parametrize("instance", INSTANCES, ids=lambda instance: type(instance).__name__)
def test_instances_refuse_an_extra_field(instance: BaseModel) -> None:
    data = instance.model_dump()
    assert type(instance).model_validate(data) == instance  # the dump itself is valid
    with pytest.raises(ValidationError) as info:
        type(instance).model_validate({**data, "colour": "blue"})
    [detail] = info.value.errors()
    assert (detail["type"], detail["loc"]) == ("extra_forbidden", ("colour",))


def test_the_set_of_instances_covers_every_model_but_the_containers() -> None:
    covered = {type(instance) for instance in INSTANCES}
    assert set(ALL_MODELS) - covered == {Corpus, StudyDocument, Entity}


# --- ids ---------------------------------------------------------------------------------------

SLUG_MESSAGE = (
    "is not a valid id: expected a local id (letters, digits, '.', '_' or '-', starting and "
    "ending with a letter or digit, at most 128 characters), or 'study-id/local-id'"
)
REFERENCE_MESSAGE = f"names no entity: expected {REFERENCE_EXPECTED}"


@pytest.mark.parametrize("bad", ["she believes", "<she-believes>", "", "q/1/2"])
def test_ids_are_slugs(bad: str) -> None:
    assert _error(Person, {"id": bad, "name": "P"}) == (("id",), f"{bad!r} {SLUG_MESSAGE}")


def test_an_id_may_be_named_within_its_study() -> None:
    assert Person(id="s/p", name="P").id == "s/p"


def test_references_are_ids_or_public_identifiers() -> None:
    data = {"id": "q", "study": "s", "text": "x", "themes": ["t", "a b"], "read_in": "w"}
    assert _error(Quote, {**data, "appears_in": "w"}) == (
        ("themes", 1),
        f"'a b' {REFERENCE_MESSAGE}",
    )
    named = {**data, "themes": ["s/t", "mesh:D001883", "10.1234/ABC", "pmid:123"]}
    assert Quote.model_validate({**named, "appears_in": "doi:10.3389/x"}).appears_in == (
        "doi:10.3389/x"
    )


# --- works and people --------------------------------------------------------------------------


def test_work_normalises_its_doi() -> None:
    work = Work(id="w", type="journal-article", doi="https://doi.org/10.3389/FPSYG.2019.00430")
    assert work.doi == "10.3389/fpsyg.2019.00430"


def test_work_refuses_an_invalid_doi() -> None:
    loc, message = _error(Work, {"id": "w", "type": "book", "doi": "10.3389 fpsyg"})
    assert loc == ("doi",)
    assert message == (
        "'10.3389 fpsyg' is not a DOI: expected '10.' followed by 4 to 9 digits, '/' and a "
        "suffix without spaces, e.g. '10.3389/fpsyg.2019.00430'"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pmid", "030873097", "'030873097' is not a PubMed id: expected digits, e.g. '30873097'"),
        (
            "pmcid",
            "6403141",
            "'6403141' is not a PubMed Central id: expected 'PMC' and digits, e.g. 'PMC6403141'",
        ),
        ("issn", "1664-1079", "'1664-1079' is not a valid ISSN: its check digit should be 8"),
        ("license", "CC BY", "'CC BY' is not an absolute IRI: expected a scheme such as 'https:'"),
    ],
)
def test_work_checks_its_identifiers(field: str, value: str, message: str) -> None:
    loc, found = _error(Work, {"id": "w", "type": "book", field: value})
    assert loc == (field,)
    assert found.startswith(message)


def test_work_checks_the_order_of_its_dates() -> None:
    base = {"id": "w", "type": "journal-article"}
    received, accepted, issued = dt.date(2019, 2, 12), dt.date(2018, 8, 29), dt.date(2019, 2, 28)
    assert _error(Work, {**base, "received": received, "accepted": accepted})[1] == (
        "received (2019-02-12) is after accepted (2018-08-29): "
        "expected a manuscript to be received before it is accepted"
    )
    assert _error(Work, {**base, "accepted": dt.date(2019, 3, 1), "issued": issued})[1] == (
        "accepted (2019-03-01) is after issued (2019-02-28): "
        "expected a work to be accepted before it is published"
    )
    assert _error(Work, {**base, "issued": issued, "year": 2018})[1] == (
        "year (2018) is not the year of issued (2019-02-28): expected the same"
    )
    assert Work(**base, issued=issued, year=2019).year == 2019


def test_work_checks_its_lists() -> None:
    base = {"id": "w", "type": "book"}
    assert _error(Work, {**base, "authors": ["a"], "corresponding_authors": ["b"]})[1] == (
        "corresponding_authors: b expected among the authors"
    )
    assert _error(Work, {**base, "authors": ["a", "a"]})[1] == (
        "authors: expected each id at most once"
    )
    assert _error(Work, {**base, "cites": [{"work": "x"}, {"work": "x", "intents": ["extends"]}]})[
        1
    ] == ("cites: expected each cited work at most once")
    assert _error(Work, {**base, "subjects": ["c", "c"]}) == (
        ("subjects",),
        "expected each value at most once; repeated: c",
    )


def test_citation_intents() -> None:
    assert Citation(work="w").intents == ("cites",)
    assert _error(Citation, {"work": "w", "intents": ["discusses", "discusses"]}) == (
        ("intents",),
        "expected each value at most once; repeated: discusses",
    )
    assert _error(Citation, {"work": "w", "intents": []})[0] == ("intents",)
    assert _error(Citation, {"work": "w", "intents": ["cites", "likes"]})[0] == ("intents", 1)


def test_person_normalises_and_checks_the_orcid() -> None:
    person = Person(id="p", name="P", orcid="https://orcid.org/0000-0002-1694-233x")
    assert person.orcid == "0000-0002-1694-233X"
    assert _error(Person, {"id": "p", "name": "P", "orcid": "0000-0002-1825-0098"}) == (
        ("orcid",),
        "'0000-0002-1825-0098' is not a valid ORCID iD: its check digit should be 7",
    )
    loc, message = _error(Person, {"id": "p", "name": "P", "orcid": "0000-0002-1825"})
    assert (loc, message.split(": ")[0]) == (("orcid",), "'0000-0002-1825' is not an ORCID iD")


def test_person_needs_a_name() -> None:
    with pytest.raises(ValidationError) as info:
        Person.model_validate({"id": "p", "name": ""})
    assert info.value.errors()[0]["type"] == "string_too_short"


# --- samples and criteria ----------------------------------------------------------------------


def test_sample_refuses_an_inverted_age_range() -> None:
    data = {"id": "p", "study": "s", "size": 12, "age_min": 36, "age_max": 21}
    assert _error(Sample, data) == (
        (),
        "age_min (36) is greater than age_max (21): expected age_min <= age_max",
    )
    assert Sample.model_validate({**data, "age_min": 21, "age_max": 21}).age_max == 21


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("size", 0, "greater_than_equal"),
        ("size", "12", "int_type"),  # strict: a count is a number, not text
        ("size", 12.5, "int_type"),
        ("age_min", -1, "greater_than_equal"),
        ("age_max", True, "int_type"),
    ],
)
def test_sample_numbers_are_whole_and_in_range(field: str, value: object, kind: str) -> None:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate({"id": "p", "study": "s", "size": 12, field: value})
    [detail] = info.value.errors()
    assert (detail["loc"], detail["type"]) == ((field,), kind)


def test_range_constraint_holds_within_inclusive_bounds() -> None:
    rule = RangeConstraint(attribute="months_since_diagnosis", min=6, max=18)
    assert [rule.holds(value) for value in (5.9, 6, 12, 18, 18.1)] == [
        False,
        True,
        True,
        True,
        False,
    ]
    at_least = RangeConstraint(attribute="age", min=18)
    assert (at_least.holds(17), at_least.holds(18), at_least.holds(99)) == (False, True, True)
    at_most = RangeConstraint(attribute="age", max=65.5)
    assert (at_most.holds(0), at_most.holds(65.5), at_most.holds(66)) == (True, True, False)


def test_range_constraint_refuses_min_greater_than_max() -> None:
    assert _error(RangeConstraint, {"attribute": "age", "min": 36, "max": 21}) == (
        (),
        "min (36) is greater than max (21): expected min <= max",
    )
    assert RangeConstraint(attribute="age", min=21, max=21).holds(21)


def test_range_constraint_needs_a_bound() -> None:
    assert _error(RangeConstraint, {"attribute": "age"}) == ((), "expected min, max or both")


@pytest.mark.parametrize("attribute", ["sex", "in_treatment"])
def test_range_constraint_refuses_a_non_numeric_attribute(attribute: str) -> None:
    assert _error(RangeConstraint, {"attribute": attribute, "min": 1}) == (
        (),
        (
            "attribute: a range needs a numeric attribute (age or months_since_diagnosis), "
            f"not {attribute!r}"
        ),
    )


@pytest.mark.parametrize("bound", [True, False, "6", math.nan, math.inf, -math.inf])
def test_range_constraint_bounds_are_finite_numbers(bound: object) -> None:
    assert _error(RangeConstraint, {"attribute": "age", "min": bound}) == (
        ("min",),
        f"expected a finite number or nothing, not {bound!r}",
    )


def test_range_constraint_refuses_an_unknown_attribute() -> None:
    loc, message = _error(RangeConstraint, {"attribute": "height", "min": 1})
    assert loc == ("attribute",)
    assert message == (
        "Input should be 'age', 'sex', 'months_since_diagnosis', 'in_treatment', "
        "'diagnosis_source', 'setting', 'recovery_status' or 'adult'"
    )


def test_equals_constraint_type_checks_its_value() -> None:
    assert EqualsConstraint(attribute="in_treatment", value=False).holds(False)
    assert not EqualsConstraint(attribute="in_treatment", value=False).holds(True)
    female = EqualsConstraint(attribute="sex", value="female")
    assert (female.holds("female"), female.holds("male")) == (True, False)
    assert _error(EqualsConstraint, {"attribute": "in_treatment", "value": "female"}) == (
        (),
        "value: in_treatment expects true or false",
    )
    for value in (True, "mixed"):  # a person's sex is female or male
        assert _error(EqualsConstraint, {"attribute": "sex", "value": value}) == (
            (),
            "value: sex expects 'female' or 'male'",
        )
    for attribute in ("age", "months_since_diagnosis"):
        assert _error(EqualsConstraint, {"attribute": attribute, "value": True}) == (
            (),
            f"attribute: {attribute} is numeric; expected a range constraint",
        )


def test_condition_constraint_holds_for_those_with_the_condition() -> None:
    rule = ConditionConstraint(condition="psychosis")
    assert (rule.holds(True), rule.holds(False)) == (True, False)
    assert _error(ConditionConstraint, {"condition": "a psychosis"})[0] == ("condition",)


def _criterion(kind: str, constraint: dict[str, Any]) -> Criterion:
    return Criterion(id="c", study="s", kind=kind, text="as stated", constraint=constraint)


RANGE = {"type": "range", "attribute": "months_since_diagnosis", "min": 6, "max": 18}
EQUALS = {"type": "equals", "attribute": "in_treatment", "value": True}
CONDITION = {"type": "condition", "condition": "psychosis"}


@pytest.mark.parametrize(
    ("constraint", "values", "held"),
    [
        (RANGE, (5, 6, 18, 19), (False, True, True, False)),
        (EQUALS, (True, False), (True, False)),
        (CONDITION, (True, False), (True, False)),
    ],
)
def test_criterion_admits_by_kind(
    constraint: dict[str, Any], values: tuple[Any, ...], held: tuple[bool, ...]
) -> None:
    inclusion = _criterion("inclusion", constraint)
    exclusion = _criterion("exclusion", constraint)
    assert tuple(inclusion.admits(value) for value in values) == held
    assert tuple(exclusion.admits(value) for value in values) == tuple(not h for h in held)


def test_criterion_picks_the_constraint_by_its_type() -> None:
    assert isinstance(_criterion("inclusion", RANGE).constraint, RangeConstraint)
    assert isinstance(_criterion("inclusion", EQUALS).constraint, EqualsConstraint)
    assert isinstance(_criterion("inclusion", CONDITION).constraint, ConditionConstraint)
    with pytest.raises(ValidationError) as info:
        _criterion("inclusion", {"attribute": "age", "min": 1})
    assert info.value.errors()[0]["type"] == "union_tag_not_found"
    with pytest.raises(ValidationError) as info:
        _criterion("inclusion", {"type": "between", "attribute": "age"})
    assert info.value.errors()[0]["type"] == "union_tag_invalid"
    with pytest.raises(ValidationError) as info:
        _criterion("maybe", CONDITION)
    assert info.value.errors()[0]["loc"] == ("kind",)


# --- themes, quotes, claims, concepts ----------------------------------------------------------


def test_theme_has_at_most_one_parent() -> None:
    base = {"id": "t", "study": "s", "label": "T"}
    assert Theme.model_validate({**base, "parent": "top"}).parent == "top"
    assert Theme.model_validate(base).parent is None
    assert _error(Theme, {**base, "parent": ["top", "other"]}) == (
        ("parent",),
        (
            "expected the id of one parent theme, not a list of 2 (top, other): "
            "a theme has at most one parent"
        ),
    )
    assert _error(Theme, {**base, "parent": ["top"]})[1].startswith(
        "expected the id of one parent theme, not a list of 1 (top)"
    )
    assert _error(Theme, {**base, "parent": 5}) == (
        ("parent",),
        "expected the id of the parent theme, not int",
    )
    assert _error(Theme, {**base, "parent": "the top"}) == (
        ("parent",),
        f"'the top' {REFERENCE_MESSAGE}",
    )


QUOTE = {"id": "q", "study": "s", "themes": ["t"], "read_in": "w", "appears_in": "w"}


@pytest.mark.parametrize(
    "text",
    [
        "  leading and trailing spaces  ",
        "Oh my\u00a0God, she believes!",
        "“calm down, I’m not\u00a0that\u00a0good!”",
        "\"straight\" and 'single'",
        "first line\nsecond line\n",
        "\ttabbed\r\nwindows line",
        "the same… as I felt",
        "Førde",
    ],
)
def test_quote_text_is_kept_exactly(text: str) -> None:
    assert Quote.model_validate({**QUOTE, "text": text}).text == text


@pytest.mark.parametrize("text", [" ", "\n\t", "\u00a0"])
def test_quote_text_needs_words(text: str) -> None:
    assert _error(Quote, {**QUOTE, "text": text}) == (
        (),
        "text: expected words, not only white space",
    )


def test_quote_checks_its_themes_and_position() -> None:
    assert _error(Quote, {**QUOTE, "text": "x", "themes": ["t", "t"]}) == (
        ("themes",),
        "expected each value at most once; repeated: t",
    )
    assert _error(Quote, {**QUOTE, "text": "x", "themes": []})[0] == ("themes",)
    assert _error(Quote, {**QUOTE, "text": ""})[0] == ("text",)
    assert _error(Quote, {**QUOTE, "text": "x", "role": "neutral"})[0] == ("role",)
    assert _error(Quote, {**QUOTE, "text": "x", "speaker": " "}) == (
        (),
        "speaker: expected the speaker's name or id as the work gives it, not only white space",
    )
    for speaker in ("P7", "P 7", "Participant 3", "Anna (a pseudonym)"):
        assert Quote.model_validate({**QUOTE, "text": "x", "speaker": speaker}).speaker == speaker
    assert _error(QuotePosition, {"start": 5, "end": 5}) == (
        (),
        "end (5) is not after start (5): expected start < end",
    )
    assert _error(QuotePosition, {"start": -1, "end": 5})[0] == ("start",)


def test_claim_lists_hold_each_id_once() -> None:
    base = {"id": "c", "statement": "S", "asserted_by": "w", "kind": "finding"}
    for field in ("evidence", "candidate_sources", "about"):
        assert _error(Claim, {**base, field: ["x", "x"]}) == (
            (field,),
            "expected each value at most once; repeated: x",
        )


def test_concept_and_its_matches() -> None:
    concept = Concept(id="bpd", iri="http://id.nlm.nih.gov/mesh/D001883", label="BPD")
    assert concept.matches == ()
    assert _error(ConceptMatch, {"relation": "exact", "scheme": "wikidata"}) == (
        (),
        "expected an iri, a code or both",
    )
    assert ConceptMatch(relation="close", scheme="icd-11", code="6D11.5").iri is None
    assert _error(ConceptMatch, {"relation": "exact", "scheme": "WikiData", "code": "Q1"})[0] == (
        "scheme",
    )
    assert _error(ConceptMatch, {"relation": "same", "scheme": "x", "code": "Q1"})[0] == (
        "relation",
    )
    loc, message = _error(Concept, {"id": "bpd", "iri": "mesh:D 001883", "label": "BPD"})
    assert loc == ("iri",)
    assert message.startswith("'mesh:D 001883' is not an absolute IRI")


# --- the corpus as a whole ---------------------------------------------------------------------


def _minimal() -> dict[str, list[dict[str, Any]]]:
    return {
        "works": [{"id": "w", "type": "journal-article", "doi": "10.1234/abc"}],
        "people": [{"id": "p", "name": "P", "orcid": "0000-0002-1825-0097"}],
        "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
        "themes": [
            {"id": "top", "study": "s", "label": "Top"},
            {"id": "sub", "study": "s", "label": "Sub", "parent": "top"},
        ],
        "quotes": [
            {
                "id": "q",
                "study": "s",
                "text": "words",
                "themes": ["sub"],
                "read_in": "w",
                "appears_in": "w",
            }
        ],
        "claims": [
            {"id": "c", "statement": "S", "asserted_by": "w", "kind": "finding", "evidence": ["q"]}
        ],
        "concepts": [{"id": "bpd", "iri": "http://id.nlm.nih.gov/mesh/D001883", "label": "BPD"}],
    }


def _integrity(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the location and message of each problem that building a corpus reports."""
    with pytest.raises(ValidationError) as info:
        Corpus.model_validate(data)
    [detail] = info.value.errors(include_url=False)
    assert detail["type"] == "corpus_integrity"
    problems: tuple[Problem, ...] = tuple(detail["ctx"]["problems"])
    for problem in problems:
        assert str(problem) in str(info.value)
    return [(problem.location, problem.message) for problem in problems]


def _with(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(_minimal())
    for name, change in changes.items():
        change(data[name])
    return data


def test_a_whole_corpus_builds() -> None:
    corpus = Corpus.model_validate(_minimal())
    assert len(corpus) == 8
    assert isinstance(corpus.get("q"), Quote)
    assert [entity.id for entity in corpus.entities()] == [
        "w",
        "p",
        "s",
        "top",
        "sub",
        "q",
        "c",
        "bpd",
    ]


def test_corpus_get_of_an_unknown_id() -> None:
    corpus = Corpus.model_validate(_minimal())
    with pytest.raises(NodeNotFoundError) as info:
        corpus.get("nowhere")
    assert isinstance(info.value, KeyError)
    assert info.value.key == "nowhere"
    assert str(info.value) == "no entity 'nowhere' in the graph"


def test_corpus_refuses_a_duplicate_id() -> None:
    data = _with(people=lambda people: people.append({"id": "p", "name": "Someone else"}))
    assert _integrity(data) == [
        (
            "people[1].id",
            "duplicate id 'p': people[0] has it too; expected each id once in a corpus",
        )
    ]


def test_corpus_refuses_one_id_for_two_kinds() -> None:
    data = _with(concepts=lambda concepts: concepts[0].update(id="w"))
    [(where, message), *_] = _integrity(data)
    assert where == "concepts[0].id"
    assert message == "duplicate id 'w': works[0] has it too; expected each id once in a corpus"


def test_corpus_refuses_a_dangling_reference() -> None:
    data = _with(studies=lambda studies: studies[0].update(reported_in=["w", "nowhere"]))
    assert _integrity(data) == [
        (
            "studies[0].reported_in",
            "no entity has the id 'nowhere'; expected the id of a work",
        )
    ]


def test_corpus_refuses_a_reference_to_the_wrong_kind() -> None:
    data = _with(
        quotes=lambda quotes: quotes[0].update(themes=["s"]),
        claims=lambda claims: claims[0].update(evidence=["q", "top"]),
    )
    assert _integrity(data) == [
        ("quotes[0].themes", "'s' is a study; expected the id of a theme"),
        ("claims[0].evidence", "'top' is a theme; expected the id of a quote or a work"),
    ]


def test_corpus_checks_references_inside_nested_models() -> None:
    data = _minimal()
    data["works"][0]["cites"] = [{"work": "p"}]
    data["criteria"] = [
        {
            "id": "c1",
            "study": "s",
            "kind": "exclusion",
            "text": "no psychosis",
            "constraint": {"type": "condition", "condition": "psychosis", "concept": "nowhere"},
        }
    ]
    assert _integrity(data) == [
        ("works[0].cites", "'p' is a person; expected the id of a work"),
        (
            "criteria[0].constraint.concept",
            "no entity has the id 'nowhere'; expected the id of a concept",
        ),
    ]


def test_corpus_refuses_a_quote_coded_under_another_studys_theme() -> None:
    data = _minimal()
    data["studies"].append({"id": "s2", "design": "qualitative", "reported_in": ["w"]})
    data["themes"].append({"id": "other", "study": "s2", "label": "Other"})
    data["quotes"][0]["themes"] = ["sub", "other"]
    assert _integrity(data) == [
        (
            "quotes[0].themes",
            "theme 'other' belongs to study 's2'; expected a theme of the quote's study 's'",
        )
    ]


def test_corpus_refuses_a_parent_theme_of_another_study() -> None:
    data = _minimal()
    data["studies"].append({"id": "s2", "design": "qualitative", "reported_in": ["w"]})
    data["themes"].append({"id": "other", "study": "s2", "label": "Other", "parent": "top"})
    assert _integrity(data) == [
        (
            "themes[2].parent",
            "theme 'top' belongs to study 's'; expected a theme of the same study 's2'",
        )
    ]


def test_corpus_refuses_a_theme_cycle() -> None:
    data = _with(themes=lambda themes: themes[0].update(parent="sub"))
    assert _integrity(data) == [
        ("themes[1].parent", "the theme hierarchy has a cycle (top -> sub -> top); expected a tree")
    ]


def test_corpus_refuses_a_theme_that_is_its_own_parent() -> None:
    data = _with(themes=lambda themes: themes[0].update(parent="top"))
    assert _integrity(data) == [
        ("themes[0].parent", "the theme hierarchy has a cycle (top -> top); expected a tree")
    ]


def test_a_theme_cycle_is_reported_once_at_a_theme_in_the_cycle() -> None:
    # 'top' hangs below a loop of 'a' and 'b'; the loop is reported once, at the theme whose
    # parent closes it, not at 'top', whose own parent is not wrong.
    data = _with(themes=lambda themes: themes[0].update(parent="a"))
    data["themes"] += [
        {"id": "a", "study": "s", "label": "A", "parent": "b"},
        {"id": "b", "study": "s", "label": "B", "parent": "a"},
    ]
    assert _integrity(data) == [
        ("themes[3].parent", "the theme hierarchy has a cycle (a -> b -> a); expected a tree")
    ]


@pytest.mark.parametrize(
    ("name", "entity", "message"),
    [
        (
            "works",
            {"id": "w2", "type": "book", "doi": "https://doi.org/10.1234/ABC"},
            (
                "works[0] has the same doi '10.1234/abc': expected one entity for each public "
                "identifier"
            ),
        ),
        (
            "people",
            {"id": "p2", "name": "P", "orcid": "https://orcid.org/0000-0002-1825-0097"},
            (
                "people[0] has the same orcid '0000-0002-1825-0097': expected one entity for each "
                "public identifier"
            ),
        ),
        (
            "concepts",
            {"id": "bpd2", "iri": "http://id.nlm.nih.gov/mesh/D001883", "label": "BPD"},
            (
                "concepts[0] has the same iri 'http://id.nlm.nih.gov/mesh/D001883': expected one "
                "entity for each public identifier"
            ),
        ),
    ],
)
def test_corpus_refuses_two_entities_with_one_public_identifier(
    name: str, entity: dict[str, Any], message: str
) -> None:
    data = _minimal()
    data[name].append(entity)
    field = {"works": "doi", "people": "orcid", "concepts": "iri"}[name]
    assert _integrity(data) == [(f"{name}[1].{field}", message)]


MESH = "http://id.nlm.nih.gov/mesh/D001883"
Q = "http://www.wikidata.org/entity/Q208166"


def _matched(*concepts: list[dict[str, Any]]) -> dict[str, Any]:
    """The minimal corpus, its concept and more ('k1', 'k2', …) with these matches."""
    data = _minimal()
    data["concepts"][0]["matches"] = concepts[0]
    for number, matches in enumerate(concepts[1:], start=1):
        data["concepts"].append(
            {"id": f"k{number}", "iri": f"http://id.nlm.nih.gov/mesh/D00000{number}", "label": "K"}
        )
        data["concepts"][number]["matches"] = matches
    return data


def _match(relation: str = "exact", **fields: str) -> dict[str, str]:
    return {"relation": relation, "scheme": "wikidata", **fields}


@pytest.mark.parametrize(
    ("iri", "entity"),
    [
        ("http://id.nlm.nih.gov/mesh/D000001", "the concept 'k1'"),
        (MESH, "the concept 'bpd'"),  # its own IRI
        ("https://doi.org/10.1234/abc", "the work 'w'"),
        ("https://orcid.org/0000-0002-1825-0097", "the person 'p'"),
    ],
)
def test_corpus_refuses_a_match_to_an_entity_of_the_corpus(iri: str, entity: str) -> None:
    data = _matched([_match(iri=iri)], [])
    assert _integrity(data) == [
        (
            "concepts[0].matches",
            f"<{iri}> is {entity} of this corpus: expected a concept of another vocabulary",
        )
    ]


def test_matches_that_share_an_iri_must_agree_on_its_details() -> None:
    data = _matched(
        [_match(iri=Q, code="Q208166", label="borderline personality disorder")],
        [_match("close", iri=Q, code="Q208166", label="BPD", note="n")],
        [_match("broad", iri=Q, scheme="icd-10-cm")],
    )
    assert _integrity(data) == [
        (
            "concepts[1].matches",
            (
                f"a match of concepts[0] gives <{Q}> the label 'borderline personality disorder' "
                "and no note; expected the same scheme, code, label and note wherever an IRI is "
                "matched"
            ),
        ),
        (
            "concepts[2].matches",
            (
                f"a match of concepts[0] gives <{Q}> the scheme 'wikidata', the code 'Q208166' "
                "and the label 'borderline personality disorder'; expected the same scheme, code, "
                "label and note wherever an IRI is matched"
            ),
        ),
    ]


def test_matches_of_one_concept_that_share_an_iri_must_agree_on_its_details() -> None:
    # one IRI matched twice, by different relations, is fine where the details agree
    agreeing = _matched([_match("exact", iri=Q, code="Q1"), _match("broad", iri=Q, code="Q1")])
    assert len(Corpus.model_validate(agreeing).concepts[0].matches) == 2
    data = _matched([_match("exact", iri=Q, code="Q1"), _match("exact", iri=Q, code="Q2")])
    assert _integrity(data) == [
        (
            "concepts[0].matches",
            (
                f"another match of this concept gives <{Q}> the code 'Q1'; expected the same "
                "scheme, code, label and note wherever an IRI is matched"
            ),
        )
    ]


def test_matches_by_one_code_alone_must_agree_on_its_label_and_note() -> None:
    code = {"scheme": "mondo", "code": "MONDO:0001156"}
    agreeing = _matched([_match(**code, label="L")], [_match("close", **code, label="L")])
    assert len(Corpus.model_validate(agreeing).concepts) == 2
    # the same code with an IRI is another node
    with_iri = _matched([_match(**code)], [_match(**code, iri=Q, label="x")])
    assert len(Corpus.model_validate(with_iri).concepts) == 2
    data = _matched([_match(**code, label="L")], [_match(**code, note="N")])
    assert _integrity(data) == [
        (
            "concepts[1].matches",
            (
                "a match of concepts[0] gives the mondo code 'MONDO:0001156' the label 'L' and no "
                "note; expected the same label and note wherever a code is matched without an IRI"
            ),
        )
    ]


def test_corpus_reports_every_problem_at_once() -> None:
    data = _with(
        studies=lambda studies: studies[0].update(lead_investigator="nobody"),
        themes=lambda themes: themes[0].update(parent="sub"),
        quotes=lambda quotes: quotes[0].update(read_in="p"),
    )
    assert [where for where, _ in _integrity(data)] == [
        "studies[0].lead_investigator",
        "quotes[0].read_in",
        "themes[1].parent",
    ]


def test_a_study_document_does_not_check_references() -> None:
    document = StudyDocument.model_validate(
        {"studies": [{"id": "s", "design": "qualitative", "reported_in": ["elsewhere"]}]}
    )
    assert [entity.id for entity in document.entities()] == ["s"]
