"""The corpus: every entity of one or more studies, validated as a whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import Any, Self, TypeVar

from pydantic import Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from evidence_graph.exceptions import NodeNotFoundError, Problem, format_path
from evidence_graph.ids import doi_iri, orcid_iri
from evidence_graph.models._base import Entity, Frozen, NodeKind, Unordered
from evidence_graph.models.bibliographic import Person, Work
from evidence_graph.models.evidence import Claim, Concept, ConceptMatch, Quote, Theme
from evidence_graph.models.mappings import Scheme, ThemeMapping
from evidence_graph.models.study import ConditionConstraint, Criterion, Sample, Study

__all__ = [
    "COLLECTIONS",
    "MODELS",
    "Corpus",
    "StudyDocument",
    "integrity_problems",
    "public_identifier",
    "public_iri",
    "renamed",
]

COLLECTIONS: dict[str, NodeKind] = {
    "works": NodeKind.WORK,
    "people": NodeKind.PERSON,
    "studies": NodeKind.STUDY,
    "samples": NodeKind.SAMPLE,
    "criteria": NodeKind.CRITERION,
    "themes": NodeKind.THEME,
    "quotes": NodeKind.QUOTE,
    "claims": NodeKind.CLAIM,
    "schemes": NodeKind.SCHEME,
    "concepts": NodeKind.CONCEPT,
    "mappings": NodeKind.MAPPING,
}
"""The corpus's lists, in the order a study file has them, with the kind each holds."""

_W, _P, _S, _T, _Q, _C, _K = (
    NodeKind.WORK,
    NodeKind.PERSON,
    NodeKind.STUDY,
    NodeKind.THEME,
    NodeKind.QUOTE,
    NodeKind.CONCEPT,
    NodeKind.SCHEME,
)
# For each kind of entity, its fields that refer to other entities, and the kinds they may name.
_REFERENCES: dict[type[Entity], tuple[tuple[str, frozenset[NodeKind]], ...]] = {
    Work: (
        ("authors", frozenset({_P})),
        ("corresponding_authors", frozenset({_P})),
        ("subjects", frozenset({_C})),
    ),
    Person: (),
    Study: (
        ("reported_in", frozenset({_W})),
        ("lead_investigator", frozenset({_P})),
        ("conditions", frozenset({_C})),
    ),
    Sample: (("study", frozenset({_S})),),
    Criterion: (("study", frozenset({_S})), ("stated_in", frozenset({_W}))),
    Theme: (("study", frozenset({_S})), ("parent", frozenset({_T}))),
    Quote: (
        ("study", frozenset({_S})),
        ("themes", frozenset({_T})),
        ("read_in", frozenset({_W})),
        ("appears_in", frozenset({_W})),
    ),
    Claim: (
        ("asserted_by", frozenset({_W})),
        ("study", frozenset({_S})),
        ("evidence", frozenset({_Q, _W})),
        ("candidate_sources", frozenset({_W})),
        ("about", frozenset({_C})),
    ),
    Scheme: (("defined_in", frozenset({_W})),),
    Concept: (("scheme", frozenset({_K})),),
    ThemeMapping: (("subject", frozenset({_T})), ("object", frozenset({_T, _C}))),
}


MODELS: dict[NodeKind, type[Entity]] = {model.node_kind: model for model in _REFERENCES}
"""The model class of each kind of entity."""


def _field(description: str) -> Any:
    return Field(default=(), description=description)


class StudyDocument(Frozen):
    """The lists of one study file, each entity checked on its own but not yet as a whole.

    A study file may refer to entities of another file loaded beside it; a :class:`Corpus`
    is what the files make together.
    """

    works: tuple[Work, ...] = _field("Papers, articles and other citable documents.")
    people: tuple[Person, ...] = _field("Authors and investigators.")
    studies: tuple[Study, ...] = _field("Research activities, each reported in works.")
    samples: tuple[Sample, ...] = _field("Who took part in each study.")
    criteria: tuple[Criterion, ...] = _field("The studies' inclusion and exclusion criteria.")
    themes: tuple[Theme, ...] = _field("The studies' theme hierarchies.")
    quotes: tuple[Quote, ...] = _field("Participants' words, verbatim, coded under themes.")
    claims: tuple[Claim, ...] = _field("Statements works make, with their evidence.")
    schemes: tuple[Scheme, ...] = _field("Frameworks of concepts, such as CHIME.")
    concepts: tuple[Concept, ...] = _field(
        "Concepts: external ones by their public IRIs, and those of the schemes."
    )
    mappings: tuple[ThemeMapping, ...] = _field(
        "Themes mapped to concepts or to other studies' themes, each with its justification."
    )

    def entities(self) -> Iterator[Entity]:
        """Yield every entity, list by list in the order of :data:`COLLECTIONS`."""
        for name in COLLECTIONS:
            yield from getattr(self, name)


class Corpus(StudyDocument):
    """Every entity of one or more studies, whole: no dangling reference and no duplicate id.

    Building a corpus checks it as a whole and reports every problem at once, each with its
    field path. Two corpora are equal when they hold the same entities, whatever the order of
    their lists (RDF, like a set, keeps no order).

    Examples:
        >>> corpus = Corpus(
        ...     works=[{"id": "w", "type": "journal-article", "title": "T"}],
        ...     studies=[{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
        ... )
        >>> corpus.get("s").design.value
        'qualitative'
        >>> Corpus(studies=[{"id": "s", "design": "qualitative", "reported_in": ["nowhere"]}])
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Corpus
          studies[0].reported_in: no entity has the id 'nowhere'; expected the id of a work ...
        ...
    """

    @model_validator(mode="after")
    def _check_whole(self, info: ValidationInfo) -> Self:
        # Whoever merged files into this corpus may pass, as context "place", how to name a
        # place of the corpus in a message, e.g. as the file and the place it came from.
        context = info.context if isinstance(info.context, dict) else {}
        if problems := integrity_problems(self, place=context.get("place")):
            summary = "\n  ".join(str(problem) for problem in problems)
            raise PydanticCustomError(
                "corpus_integrity",
                "{summary}",
                {"summary": summary, "problems": problems},
            )
        return self

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return self._by_id == other._by_id

    def __hash__(self) -> int:
        return hash(frozenset(self._by_id.items()))

    def get(self, entity_id: str) -> Entity:
        """Return the entity with this local id.

        Raises:
            NodeNotFoundError: If no entity has the id.
        """
        try:
            return self._by_id[entity_id]
        except KeyError:
            raise NodeNotFoundError(entity_id, "entity") from None

    def __len__(self) -> int:
        return len(self._by_id)


def _refs(entity: Entity, field: str) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield each reference of a field with its path; a list kept sorted is named as a whole."""
    value = getattr(entity, field)
    if value is None:
        return
    if isinstance(value, tuple):
        unordered = Unordered in type(entity).model_fields[field].metadata
        for index, ref in enumerate(value):
            yield ((field,) if unordered else (field, index)), ref
    else:
        yield (field,), value


Place = Callable[[tuple[str | int, ...]], str]
"""Names a place of a corpus, such as ``("works", 0)``, for a message."""


def integrity_problems(corpus: Corpus, *, place: Place | None = None) -> list[Problem]:
    """Return every problem that keeps the corpus from being whole, each with its field path.

    Args:
        corpus: The corpus to check.
        place: How to name, in a message, another place of the corpus that a problem involves
            (by default its field path, e.g. ``works[0]``).
    """
    name_of = place or format_path
    problems: list[Problem] = []
    where: dict[str, tuple[str | int, ...]] = {}
    kinds: dict[str, NodeKind] = {}
    public: dict[str, tuple[str | int, ...]] = {}
    for name in COLLECTIONS:
        for index, entity in enumerate(getattr(corpus, name)):
            path = (name, index)
            if entity.id in where:
                first = where[entity.id]
                problems.append(
                    Problem(
                        (*path, "id"),
                        f"duplicate id {entity.id!r}: {name_of(first)} has it too; "
                        "expected each id once in a corpus",
                    )
                )
                continue
            where[entity.id] = path
            kinds[entity.id] = entity.node_kind
            identifier = public_identifier(entity)
            if identifier is not None:
                field, value = identifier
                if value in public:
                    other = name_of(public[value])
                    problems.append(
                        Problem(
                            (*path, field),
                            f"{other} has the same {field} {value!r}: "
                            "expected one entity for each public identifier",
                        )
                    )
                else:
                    public[value] = path
    for name in COLLECTIONS:
        for index, entity in enumerate(getattr(corpus, name)):
            problems.extend(_reference_problems(entity, (name, index), kinds))
    problems.extend(_consistency_problems(corpus, where))
    problems.extend(_match_problems(corpus, name_of))
    return problems


def public_identifier(entity: Entity) -> tuple[str, str] | None:
    """Return the field that holds an entity's public identifier, and its value, if it has one.

    Examples:
        >>> public_identifier(Person(id="p", name="P", orcid="0000-0002-1825-0097"))
        ('orcid', '0000-0002-1825-0097')
    """
    if isinstance(entity, Work) and entity.doi:
        return "doi", entity.doi
    if isinstance(entity, Person) and entity.orcid:
        return "orcid", entity.orcid
    if isinstance(entity, Concept | Scheme) and entity.iri:
        return "iri", entity.iri
    return None


def _describe(allowed: frozenset[NodeKind]) -> str:
    names = sorted(kind.value for kind in allowed)
    return " or ".join(f"a {name}" for name in names)


_E = TypeVar("_E", bound=Entity)


def _references(
    entity: Entity,
) -> Iterator[tuple[tuple[str | int, ...], str, frozenset[NodeKind]]]:
    """Yield each reference of an entity with its field path and the kinds it may name."""
    for field, allowed in _REFERENCES[type(entity)]:
        for sub, ref in _refs(entity, field):
            yield sub, ref, allowed
    if isinstance(entity, Work):
        for citation in entity.cites:
            yield ("cites",), citation.work, frozenset({_W})
    if (
        isinstance(entity, Criterion)
        and isinstance(entity.constraint, ConditionConstraint)
        and entity.constraint.concept is not None
    ):
        yield ("constraint", "concept"), entity.constraint.concept, frozenset({_C})


def renamed(entity: _E, names: Mapping[str, str]) -> _E:
    """Return the entity with its id and every id it refers to renamed by ``names``.

    Ids that ``names`` does not hold stay as they are; a list kept sorted is sorted again,
    and ids that the renaming makes equal are kept once.

    Examples:
        >>> quote = Quote(id="q", study="s", text="T", themes=("a", "b"), read_in="w",
        ...               appears_in="w")
        >>> renamed(quote, {"b": "a", "w": "paper"}).model_dump(include={"themes", "read_in"})
        {'themes': ('a',), 'read_in': 'paper'}
    """
    if entity.id not in names and not any(ref in names for _, ref, _ in _references(entity)):
        return entity  # nothing to rename: the same frozen entity

    def rename(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(value, value)
        if isinstance(value, tuple):
            return tuple(dict.fromkeys(rename(item) for item in value))
        return value

    data = entity.model_dump()
    data["id"] = rename(entity.id)
    for field, _allowed in _REFERENCES[type(entity)]:
        data[field] = rename(getattr(entity, field))
    if isinstance(entity, Work):
        intents: dict[str, set[Any]] = {}
        for citation in entity.cites:
            intents.setdefault(rename(citation.work), set()).update(citation.intents)
        data["cites"] = [
            {"work": work, "intents": sorted(found)} for work, found in intents.items()
        ]
    if isinstance(entity, Criterion) and isinstance(entity.constraint, ConditionConstraint):
        data["constraint"]["concept"] = rename(entity.constraint.concept)
    return type(entity).model_validate(data)


def _reference_problems(
    entity: Entity, path: tuple[str | int, ...], kinds: dict[str, NodeKind]
) -> Iterator[Problem]:
    for sub, ref, allowed in _references(entity):
        found = kinds.get(ref)
        if found is None:
            yield Problem(
                (*path, *sub),
                f"no entity has the id {ref!r}; expected the id of {_describe(allowed)}",
                value=ref,
            )
        elif found not in allowed:
            yield Problem(
                (*path, *sub),
                f"{ref!r} is a {found.value}; expected the id of {_describe(allowed)}",
                value=ref,
            )


def _consistency_problems(
    corpus: Corpus, where: dict[str, tuple[str | int, ...]]
) -> Iterator[Problem]:
    themes = {theme.id: theme for theme in corpus.themes}
    for index, quote in enumerate(corpus.quotes):
        for ref in quote.themes:
            theme = themes.get(ref)
            if theme is not None and theme.study != quote.study:
                yield Problem(
                    ("quotes", index, "themes"),
                    f"theme {ref!r} belongs to study {theme.study!r}; expected a theme of the "
                    f"quote's study {quote.study!r}",
                    value=ref,
                )
    for index, theme in enumerate(corpus.themes):
        parent = themes.get(theme.parent) if theme.parent else None
        if parent is not None and parent.study != theme.study:
            yield Problem(
                ("themes", index, "parent"),
                f"theme {parent.id!r} belongs to study {parent.study!r}; expected a theme of the "
                f"same study {theme.study!r}",
            )
    yield from _mapping_problems(corpus, themes)
    reported: set[str] = set()
    for theme in corpus.themes:
        chain = [theme.id]
        current = theme
        while current.parent is not None and current.parent in themes:
            if current.parent in chain:
                cycle = chain[chain.index(current.parent) :]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    loop = " -> ".join([*cycle, current.parent])
                    yield Problem(  # at the theme whose parent closes the loop
                        (*where[current.id], "parent"),
                        f"the theme hierarchy has a cycle ({loop}); expected a tree",
                    )
                break
            chain.append(current.parent)
            current = themes[current.parent]


def _mapping_problems(corpus: Corpus, themes: dict[str, Theme]) -> Iterator[Problem]:
    """Refuse a theme mapped to itself, to a theme of its own study, or twice to one object."""
    pairs: dict[tuple[str, str], int] = {}
    for index, mapping in enumerate(corpus.mappings):
        subject, target = themes.get(mapping.subject), themes.get(mapping.object)
        if mapping.subject == mapping.object:
            yield Problem(
                ("mappings", index, "object"),
                f"maps theme {mapping.subject!r} to itself; expected a concept or a theme of "
                "another study",
                value=mapping.object,
            )
        elif subject is not None and target is not None and subject.study == target.study:
            yield Problem(
                ("mappings", index, "object"),
                f"theme {target.id!r} belongs to the same study {subject.study!r} as "
                f"{subject.id!r}; expected a concept or a theme of another study",
                value=mapping.object,
            )
        first = pairs.setdefault((mapping.subject, mapping.object), index)
        if first != index:
            yield Problem(
                ("mappings", index, "object"),
                f"mappings[{first}] maps {mapping.subject!r} to {mapping.object!r} too; "
                "expected one mapping for each theme and object",
                value=mapping.object,
            )


def public_iri(entity: Entity) -> str | None:
    """Return the IRI an entity *is* whatever the base: its DOI's, ORCID iD's, or own IRI.

    Examples:
        >>> public_iri(Work(id="w", type="journal-article", doi="10.3389/FPSYG.2019.00430"))
        'https://doi.org/10.3389/fpsyg.2019.00430'
        >>> public_iri(Person(id="p", name="P")) is None
        True
    """
    if isinstance(entity, Work) and entity.doi:
        return doi_iri(entity.doi)
    if isinstance(entity, Person) and entity.orcid:
        return orcid_iri(entity.orcid)
    if isinstance(entity, Concept | Scheme):
        return entity.iri
    return None


_MATCH_DETAILS = ("scheme", "code", "label", "note")


def _differences(other: ConceptMatch, match: ConceptMatch) -> str:
    """Say what ``other`` gives its node that ``match`` does not, e.g. "the code 'F60.3'"."""
    parts = [
        f"the {field} {value!r}" if value is not None else f"no {field}"
        for field in _MATCH_DETAILS
        if (value := getattr(other, field)) != getattr(match, field)
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _match_problems(corpus: Corpus, name_of: Place) -> Iterator[Problem]:
    """Refuse matches the RDF could not tell apart.

    The export writes a match's scheme, code, label and note on the node of its IRI (minted
    from its scheme and code where it has none), so matches that share a node must agree on
    them, and a node of the corpus's own entities cannot be a match. A match is named by its
    list, kept sorted: an index in it would not be the file's.
    """
    entities: dict[str, Entity] = {}
    for entity in corpus.entities():
        iri = public_iri(entity)
        if iri is not None:
            entities.setdefault(iri, entity)
    first: dict[tuple[str | None, ...], tuple[int, ConceptMatch]] = {}
    for index, concept in enumerate(corpus.concepts):
        path = ("concepts", index, "matches")
        for match in concept.matches:
            if match.iri is not None and match.iri in entities:
                entity = entities[match.iri]
                yield Problem(
                    path,
                    f"<{match.iri}> is the {entity.node_kind.value} {entity.id!r} of this "
                    "corpus: expected a concept of another vocabulary",
                    value=match.iri,
                )
                continue
            key = ("iri", match.iri) if match.iri else ("code", match.scheme, match.code)
            other_index, other = first.setdefault(key, (index, match))
            if all(getattr(other, field) == getattr(match, field) for field in _MATCH_DETAILS):
                continue
            who = (
                "another match of this concept"
                if other_index == index
                else f"a match of {name_of(('concepts', other_index))}"
            )
            if match.iri is not None:
                yield Problem(
                    path,
                    f"{who} gives <{match.iri}> {_differences(other, match)}; expected the "
                    "same scheme, code, label and note wherever an IRI is matched",
                    value=match.iri,
                )
            else:
                yield Problem(
                    path,
                    f"{who} gives the {match.scheme} code {match.code!r} "
                    f"{_differences(other, match)}; expected the same label and note wherever "
                    "a code is matched without an IRI",
                    value=match.code,
                )
