"""References between entities, each declared once on the model field that holds it.

A field that names other entities by their local ids carries a :class:`Reference` in its
annotation: the :class:`Relation` it makes, the kinds of entity it may name, and which way the
edge runs. Everything that follows a reference derives from that declaration: the corpus's
integrity check, renaming when files merge, the edges of the evidence graph, and the RDF
predicate of the relation (in :mod:`evidence_graph.rdf`). Adding a relation is one annotation
on one field.

References in nested models count too: a work's citations (:class:`Citation.work`) and a
criterion's concept (:class:`ConditionConstraint.concept`) belong to the entity that holds them.

Examples:
    >>> from evidence_graph.models import Quote
    >>> quote = Quote(id="q", study="s", text="T", themes=("a",), read_in="w", appears_in="w")
    >>> [(found.field, found.target, found.reference.relation.value) for found in
    ...  references(quote)][:2]
    [('study', 's', 'from-study'), ('themes', 'a', 'supports')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from evidence_graph.models.base import Entity, Frozen, NodeKind, Unordered

__all__ = [
    "Declared",
    "Edge",
    "Found",
    "Reference",
    "Relation",
    "declarations",
    "edges",
    "references",
    "refers",
    "renamed",
    "targets",
    "united",
]


class Relation(StrEnum):
    """The closed set of edge types; each edge's key in the MultiDiGraph."""

    REPORTED_IN = "reported-in"
    """study → work that reports it"""
    AUTHORED_BY = "authored-by"
    """work → person, with ``position`` and ``corresponding``"""
    CORRESPONDING_AUTHOR = "corresponding-author"
    """work → person who is a corresponding author"""
    LED_BY = "led-by"
    """study → its lead investigator"""
    HAS_SAMPLE = "has-sample"
    """study → sample"""
    PART_OF = "part-of"
    """sample → the sample it is a subgroup of"""
    HAS_PARTICIPANT = "has-participant"
    """study → participant"""
    MEMBER_OF = "member-of"
    """participant → the sample or subgroup they belong to"""
    HAS_CRITERION = "has-criterion"
    """study → criterion"""
    STATED_IN = "stated-in"
    """criterion → work whose words its text is"""
    HAS_THEME = "has-theme"
    """study → theme (every theme of the study)"""
    SUBTHEME_OF = "subtheme-of"
    """theme → overarching theme"""
    SUPPORTS = "supports"
    """quote → theme, with ``role`` supporting or contrasting"""
    QUOTED_IN = "quoted-in"
    """quote → work its text was read in"""
    APPEARS_IN = "appears-in"
    """quote → work it first appeared in"""
    FROM_STUDY = "from-study"
    """quote → study whose participant said it"""
    SPOKEN_BY = "spoken-by"
    """quote → the participant who said it"""
    ATTRIBUTED_TO = "attributed-to"
    """quote or memo → the coder who coded or wrote it"""
    ANNOTATES = "annotates"
    """memo → the theme, quote, work, participant or study it is a note on"""
    CITES = "cites"
    """work → work, with ``intents``"""
    ASSERTS = "asserts"
    """work → claim"""
    CONCERNS = "concerns"
    """claim → study it is about"""
    EVIDENCED_BY = "evidenced-by"
    """claim → quote or work"""
    CANDIDATE_SOURCE = "candidate-source"
    """claim → work that may support it but is not cited for it"""
    ABOUT = "about"
    """work, study, criterion or claim → concept"""
    DEFINED_IN = "defined-in"
    """scheme → work that sets it out"""
    IN_SCHEME = "in-scheme"
    """concept → the scheme it belongs to"""
    MAPS_FROM = "maps-from"
    """mapping → the theme it maps"""
    MAPS_TO = "maps-to"
    """mapping → the concept or theme the theme is mapped to, with ``relation``"""


@dataclass(frozen=True, slots=True)
class Reference:
    """The declaration of a field that names other entities by their local ids.

    Attributes:
        relation: The edge each named entity makes.
        targets: The kinds of entity the field may name.
        inverse: Whether the edge runs from the named entity to the entity that holds the
            field (a study → its sample) rather than from it (a quote → its theme).
        attributes: The edge's attributes taken from the fields of the model that holds the
            reference, as ``(attribute, field)`` pairs.
        position: The name of an attribute that holds the place of the id in its list, from 1
            (an author's place in the byline), if any.
        marks: ``(attribute, field)`` pairs: the attribute says whether the named entity is
            also named by that field of the same model (a corresponding author).
        unique: Whether the items of a list of nested models are one for each named entity,
            so that items a renaming makes name the same entity are combined (citations).
    """

    relation: Relation
    targets: frozenset[NodeKind]
    inverse: bool = False
    attributes: tuple[tuple[str, str], ...] = ()
    position: str | None = None
    marks: tuple[tuple[str, str], ...] = ()
    unique: bool = False

    def describe(self) -> str:
        """Say which ids the field expects, e.g. ``"a quote or a work"``."""
        return " or ".join(f"a {name}" for name in sorted(kind.value for kind in self.targets))


def refers(
    relation: Relation,
    *targets: NodeKind,
    inverse: bool = False,
    attributes: Mapping[str, str] | None = None,
    position: str | None = None,
    marks: Mapping[str, str] | None = None,
    unique: bool = False,
) -> Reference:
    """Return the declaration of a reference, to put in a field's ``Annotated`` metadata.

    Examples:
        >>> refers(Relation.HAS_SAMPLE, NodeKind.STUDY, inverse=True).describe()
        'a study'
    """
    return Reference(
        relation,
        frozenset(targets),
        inverse,
        tuple((attributes or {}).items()),
        position,
        tuple((marks or {}).items()),
        unique,
    )


Path = tuple[str | int, ...]
"""A field path inside an entity, such as ``("constraint", "concept")``."""


class Found(NamedTuple):
    """One id an entity names, with where it stands and how it was declared."""

    path: Path
    """Its field path, for messages; a list kept sorted is named as a whole."""
    field: str
    """The name of the field that holds it."""
    target: str
    """The id named."""
    reference: Reference
    """The field's declaration."""
    holder: BaseModel
    """The model that holds the field: the entity, or a model nested in it."""
    order: int
    """Its place in the field's list, from 0 (0 for a single id)."""


M = TypeVar("M", bound=BaseModel)


class Declared(NamedTuple):
    """A field of a model that holds references, or nested models that hold them."""

    field: str
    """The field's name."""
    reference: Reference | None
    """Its declaration; ``None`` for a field of nested models."""
    unordered: bool
    """Whether it is a list kept sorted, whose order carries no meaning."""


@cache
def declarations(model: type[BaseModel]) -> tuple[Declared, ...]:
    """Return the fields of a model that hold references, or nested models that do, in order.

    Examples:
        >>> from evidence_graph.models import Sample
        >>> [(row.field, row.reference.relation.value) for row in declarations(Sample)]
        [('study', 'has-sample'), ('part_of', 'part-of')]
    """
    rows: list[Declared] = []
    for name, info in model.model_fields.items():
        declared = [item for item in info.metadata if isinstance(item, Reference)]
        unordered = Unordered in info.metadata
        if declared:
            rows.append(Declared(name, declared[0], unordered))
        elif any(declarations(nested) for nested in _nested(info.annotation)):
            rows.append(Declared(name, None, unordered))
    return tuple(rows)


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    """Yield the models nested in a field's type (a citation in a work's ``cites``)."""
    if isinstance(annotation, type) and issubclass(annotation, Frozen):
        yield annotation
        return
    for arg in getattr(annotation, "__args__", ()):
        yield from _nested(arg)


def _walk(model: BaseModel, path: Path, *, named: bool) -> Iterator[Found]:
    """Yield the references of a model at ``path``; once ``named``, the path grows no more."""
    for name, reference, unordered in declarations(type(model)):
        value = getattr(model, name)
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            if item is None:
                continue
            if named:
                place = path
            elif unordered or item is value:
                place = (*path, name)
            else:
                place = (*path, name, index)
            if reference is not None:
                yield Found(place, name, item, reference, model, index)
            elif isinstance(item, BaseModel):
                yield from _walk(item, place, named=named or unordered)


def references(entity: BaseModel) -> Iterator[Found]:
    """Yield every id an entity names, in the order of its fields, nested models included.

    Examples:
        >>> from evidence_graph.models import Work
        >>> work = Work(id="w", type="book", authors=("a",), cites=({"work": "v"},))
        >>> [(found.path, found.target) for found in references(work)]
        [(('authors', 0), 'a'), (('cites',), 'v')]
    """
    return _walk(entity, (), named=False)


def targets(model: BaseModel) -> list[tuple[str, Reference]]:
    """Return every id a model names and its field's declaration, as :func:`references` finds them.

    The same ids in the same order, without the places :func:`references` tells: for a check
    that looks at the ids alone.

    Examples:
        >>> from evidence_graph.models import Work
        >>> work = Work(id="w", type="book", authors=("a",), cites=({"work": "v"},))
        >>> [target for target, _ in targets(work)]
        ['a', 'v']
    """
    found: list[tuple[str, Reference]] = []
    _collect(model, found)
    return found


def _collect(model: BaseModel, found: list[tuple[str, Reference]]) -> None:
    """Add the ids a model names, nested models included, to ``found``."""
    for name, reference, _ in declarations(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if reference is None:
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, BaseModel):
                    _collect(item, found)
        elif isinstance(value, tuple):
            found.extend((item, reference) for item in value if item is not None)
        else:
            found.append((value, reference))


Edge = tuple[str, str, Relation, dict[str, Any]]
"""An edge of the evidence graph by local ids: (source, target, relation, attributes)."""


def edges(entity: Entity) -> Iterator[Edge]:
    """Yield the edges an entity's references make, each the way its declaration says.

    One edge for each id :func:`references` finds, in its order.

    Examples:
        >>> from evidence_graph.models import Sample
        >>> list(edges(Sample(id="p", study="s", size=12)))
        [('s', 'p', <Relation.HAS_SAMPLE: 'has-sample'>, {})]
    """
    return _edges(entity.id, entity)


def _edges(entity_id: str, holder: BaseModel) -> Iterator[Edge]:
    """Yield the edges of the references a model holds, nested models included."""
    for name, reference, _ in declarations(type(holder)):
        value = getattr(holder, name)
        if value is None:
            continue
        items = value if isinstance(value, tuple) else (value,)
        if reference is None:
            for item in items:
                if isinstance(item, BaseModel):
                    yield from _edges(entity_id, item)
            continue
        for order, target in enumerate(items):
            if target is None:
                continue
            attributes = {key: getattr(holder, field) for key, field in reference.attributes}
            if reference.position is not None:
                attributes[reference.position] = order + 1
            for key, field in reference.marks:
                attributes[key] = target in getattr(holder, field)
            if reference.inverse:
                yield target, entity_id, reference.relation, attributes
            else:
                yield entity_id, target, reference.relation, attributes


def renamed(entity: M, names: Mapping[str, str]) -> M:
    """Return the entity with its id and every id it refers to renamed by ``names``.

    Ids that ``names`` does not hold stay as they are; a list kept sorted is sorted again,
    ids that the renaming makes equal are kept once, and nested items that come to name the
    same entity (citations of one work) are combined.

    Examples:
        >>> from evidence_graph.models import Quote
        >>> quote = Quote(id="q", study="s", text="T", themes=("a", "b"), read_in="w",
        ...               appears_in="w")
        >>> renamed(quote, {"b": "a", "w": "paper"}).model_dump(include={"themes", "read_in"})
        {'themes': ('a',), 'read_in': 'paper'}
    """
    own = isinstance(entity, Entity) and entity.id in names
    if not own and not any(found.target in names for found in references(entity)):
        return entity  # nothing to rename: the same frozen model
    data = _renamed_data(entity, names)
    if isinstance(entity, Entity):
        data["id"] = names.get(entity.id, entity.id)
    return type(entity).model_validate(data)


def _renamed_data(model: BaseModel, names: Mapping[str, str]) -> dict[str, Any]:
    """Return the fields of a model as data, with every reference renamed."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    for name, reference, _ in declarations(type(model)):
        value = data[name]
        if reference is not None:
            data[name] = _rename(value, names)
        elif isinstance(value, tuple):
            data[name] = _combined(value, names)
        elif isinstance(value, BaseModel):
            data[name] = _renamed_data(value, names)
    return data


def _rename(value: Any, names: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, tuple):
        return tuple(dict.fromkeys(names.get(item, item) for item in value))
    return value


def _combined(items: tuple[BaseModel, ...], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rename nested items, combining those that come to name one entity by a unique field."""
    return united([(type(item), _renamed_data(item, names)) for item in items])


def united(items: Iterable[tuple[type[BaseModel], dict[str, Any]]]) -> list[dict[str, Any]]:
    """Return the data of nested items, one for each entity a ``unique`` reference names.

    Items whose model declares a unique reference and that name the same entity by it are
    combined into the first, their lists united; other items are kept once each.

    Examples:
        >>> from evidence_graph.models import Citation
        >>> united([(Citation, {"work": "w", "intents": ("cites",)}),
        ...         (Citation, {"work": "w", "intents": ("discusses",)})])
        [{'work': 'w', 'intents': ('cites', 'discusses')}]
    """
    combined: list[dict[str, Any]] = []
    by_key: dict[str, dict[str, Any]] = {}
    for model, data in items:
        unique = [
            row.field for row in declarations(model) if row.reference and row.reference.unique
        ]
        if not unique:
            if data not in combined:
                combined.append(data)
            continue
        first = by_key.get(data[unique[0]])
        if first is None:
            first = by_key[data[unique[0]]] = dict(data)
            combined.append(first)
            continue
        for field, value in data.items():
            if isinstance(value, tuple | list):  # unite the lists: a citation's intents
                first[field] = tuple(dict.fromkeys((*first[field], *value)))
    return combined
