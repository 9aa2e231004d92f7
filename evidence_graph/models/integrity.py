"""The checks that make a corpus whole: ids, references, trees and matches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import BaseModel

from evidence_graph.display import quoted
from evidence_graph.exceptions import Problem, format_path
from evidence_graph.models.base import Entity, NodeKind
from evidence_graph.models.document import COLLECTIONS, StudyDocument
from evidence_graph.models.evidence import ConceptMatch, Theme
from evidence_graph.models.hierarchy import MAX_LEVELS, cycles, too_deep
from evidence_graph.models.identity import identifier_keys, public_iri
from evidence_graph.models.participants import Participant, speaker_matches
from evidence_graph.models.references import declarations, references
from evidence_graph.models.study import Sample

__all__ = ["Place", "integrity_problems"]

Place = Callable[[tuple[str | int, ...]], str]
"""Names a place of a corpus, such as ``("works", 0)``, for a message."""


def integrity_problems(corpus: StudyDocument, *, place: Place | None = None) -> list[Problem]:
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
    public: dict[tuple[str, str], tuple[str | int, ...]] = {}
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
            for field, value in identifier_keys(entity):
                if (field, value) in public:
                    other = name_of(public[field, value])
                    problems.append(
                        Problem(
                            (*path, field),
                            f"{other} has the same {field} {quoted(value)}: "
                            "expected one entity for each public identifier",
                        )
                    )
                else:
                    public[field, value] = path
    for name in COLLECTIONS:
        for index, entity in enumerate(getattr(corpus, name)):
            problems.extend(_reference_problems(entity, (name, index), kinds))
    problems.extend(_consistency_problems(corpus, where))
    problems.extend(_match_problems(corpus, name_of))
    return problems


def _reference_problems(
    entity: Entity, path: tuple[str | int, ...], kinds: dict[str, NodeKind]
) -> Iterator[Problem]:
    if _names_known(entity, kinds):
        return  # each reference names an entity of a kind it may name: no place to tell
    for found in references(entity):
        kind = kinds.get(found.target)
        if kind is None:
            yield Problem(
                (*path, *found.path),
                f"no entity has the id {found.target!r}; "
                f"expected the id of {found.reference.describe()}",
                value=found.target,
            )
        elif kind not in found.reference.targets:
            yield Problem(
                (*path, *found.path),
                f"{found.target!r} is a {kind.value}; "
                f"expected the id of {found.reference.describe()}",
                value=found.target,
            )


def _names_known(model: BaseModel, kinds: dict[str, NodeKind]) -> bool:
    """Whether each id a model names (nested models too) is an entity of a kind it may name."""
    for name, reference, _ in declarations(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if reference is None:
            items = value if isinstance(value, tuple) else (value,)
            if not all(_names_known(item, kinds) for item in items if isinstance(item, BaseModel)):
                return False
        elif isinstance(value, tuple):
            if not all(kinds.get(item) in reference.targets for item in value if item is not None):
                return False
        elif kinds.get(value) not in reference.targets:
            return False
    return True


def _consistency_problems(
    corpus: StudyDocument, where: dict[str, tuple[str | int, ...]]
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
    yield from _order_problems(corpus, themes)
    yield from _sample_problems(corpus, where)
    yield from _speaker_problems(corpus)
    yield from _position_problems(corpus)
    parents = {theme.id: theme.parent for theme in corpus.themes}
    for closing, loop in cycles(parents):
        yield Problem(  # at the theme whose parent closes the loop
            (*where[closing], "parent"),
            f"the theme hierarchy has a cycle ({' -> '.join(loop)}); expected a tree",
        )
    for theme_id, level, top in too_deep(parents):
        yield Problem(
            (*where[theme_id], "parent"),
            f"the theme {theme_id!r} is on level {level} of the theme tree below the "
            f"overarching theme {top!r}; expected at most {MAX_LEVELS} levels of themes",
            value=parents[theme_id],
        )


def _position_problems(corpus: StudyDocument) -> Iterator[Problem]:
    """Refuse a quote placed in a known text where other words, or other words around, are.

    That is a quote whose position holds other words than its own, or whose prefix or suffix
    are not the words around it. The message does not show the work's text there: it may be a
    private transcript.
    """
    texts = {work.id: work.text for work in corpus.works if work.text is not None}
    for index, quote in enumerate(corpus.quotes):
        text, position = texts.get(quote.read_in), quote.position
        if text is None or position is None:
            continue
        start, end = position.start, position.end
        span = f"{start}–{end}"
        if text[start:end] != quote.text:
            found = f"is {len(text)} characters long" if end > len(text) else "has other words"
            yield Problem(
                ("quotes", index, "position"),
                f"the text of work {quote.read_in!r} {found} at {span}; expected the quote's "
                "words there",
            )
            continue
        prefix, suffix = quote.prefix or "", quote.suffix or ""
        if len(prefix) > start or text[start - len(prefix) : start] != prefix:
            yield Problem(
                ("quotes", index, "prefix"),
                f"the text of work {quote.read_in!r} has other words before {start}; expected "
                "the quote's prefix there, the text just before it",
            )
        if text[end : end + len(suffix)] != suffix:
            yield Problem(
                ("quotes", index, "suffix"),
                f"the text of work {quote.read_in!r} has other words after {end}; expected "
                "the quote's suffix there, the text just after it",
            )


def _order_problems(corpus: StudyDocument, themes: dict[str, Theme]) -> Iterator[Problem]:
    """Refuse two members of one ordered grouping with one number: their order is unknown."""
    numbered: dict[tuple[str, int], int] = {}
    for index, theme in enumerate(corpus.themes):
        parent = themes.get(theme.parent) if theme.parent else None
        if parent is None or not parent.ordered or theme.number is None:
            continue
        first = numbered.setdefault((parent.id, theme.number), index)
        if first != index:
            yield Problem(
                ("themes", index, "number"),
                f"themes[{first}] ({corpus.themes[first].id!r}) has the number {theme.number} "
                f"too in the ordered grouping {parent.id!r}; expected each member's number once",
            )


def _same_study(
    path: tuple[str | int, ...], kind: str, entity: object, study: str, own: str
) -> Iterator[Problem]:
    """Refuse a reference to an entity of another study."""
    other = getattr(entity, "study", None)
    if entity is not None and other != study:
        yield Problem(
            path,
            f"{kind} {getattr(entity, 'id', '')!r} belongs to study {other!r}; expected a {kind} "
            f"of the {own} study {study!r}",
            value=getattr(entity, "id", None),
        )


def _sample_problems(
    corpus: StudyDocument, where: dict[str, tuple[str | int, ...]]
) -> Iterator[Problem]:
    """Refuse subgroups of another study's sample, cycles, and subgroups larger than the whole."""
    samples = {sample.id: sample for sample in corpus.samples}
    parts: dict[str, list[Sample]] = {}
    for index, sample in enumerate(corpus.samples):
        if sample.part_of is None or sample.part_of not in samples:
            continue
        whole = samples[sample.part_of]
        path = ("samples", index, "part_of")
        yield from _same_study(path, "sample", whole, sample.study, "same")
        parts.setdefault(whole.id, []).append(sample)
        if sample.size > whole.size:
            yield Problem(
                ("samples", index, "size"),
                f"{sample.size} is more than the {whole.size} of sample {whole.id!r} it is part "
                "of; expected a subgroup no larger than its whole",
                value=str(sample.size),
            )
    for index, sample in enumerate(corpus.samples):
        found = parts.get(sample.id, [])
        total = sum(part.size for part in found)
        if total > sample.size:
            sizes = ", ".join(f"{part.id} {part.size}" for part in found)
            yield Problem(
                ("samples", index, "size"),
                f"its subgroups ({sizes}) have {total} participants together, more than its "
                f"size {sample.size}; expected subgroups that add up to at most {sample.size}",
                value=str(sample.size),
            )
    wholes = {sample.id: sample.part_of for sample in corpus.samples}
    for closing, loop in cycles(wholes):
        yield Problem(
            (*where[closing], "part_of"),
            f"the subgroups have a cycle ({' -> '.join(loop)}); expected each subgroup to be part "
            "of a larger sample",
            value=loop[-1],
        )
    for sample_id, level, top in too_deep(wholes):
        yield Problem(
            (*where[sample_id], "part_of"),
            f"the subgroup {sample_id!r} is on level {level} of the subgroups of sample {top!r} "
            f"(the sample itself the first); expected at most {MAX_LEVELS} levels of subgroups",
            value=wholes[sample_id],
        )


def _speaker_problems(corpus: StudyDocument) -> Iterator[Problem]:
    """Refuse participants of another study, and a speaker who names several participants."""
    samples = {sample.id: sample for sample in corpus.samples}
    people = {person.id: person for person in corpus.participants}
    for index, person in enumerate(corpus.participants):
        if person.sample is not None:
            path = ("participants", index, "sample")
            yield from _same_study(path, "sample", samples.get(person.sample), person.study, "same")
    by_study: dict[str, list[Participant]] = {}
    for person in corpus.participants:
        by_study.setdefault(person.study, []).append(person)
    for index, quote in enumerate(corpus.quotes):
        own = by_study.get(quote.study, [])
        named = [] if quote.speaker is None else speaker_matches(quote.speaker, own)
        if quote.participant is not None:
            path = ("quotes", index, "participant")
            found = people.get(quote.participant)
            yield from _same_study(path, "participant", found, quote.study, "quote's")
            if len(named) == 1 and named != [quote.participant]:
                yield Problem(
                    path,
                    f"the speaker {quote.speaker!r} is the participant {named[0]!r}; expected "
                    "that participant, or none (it is found from the speaker)",
                    value=quote.participant,
                )
        elif len(named) > 1:
            yield Problem(
                ("quotes", index, "speaker"),
                f"{quote.speaker!r} names {len(named)} participants of study "
                f"{quote.study!r} ({', '.join(named)}); expected one: give the quote's "
                "participant by id",
                value=quote.speaker,
            )


def _mapping_problems(corpus: StudyDocument, themes: dict[str, Theme]) -> Iterator[Problem]:
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


_MATCH_DETAILS = ("scheme", "code", "label", "note")


def _differences(other: ConceptMatch, match: ConceptMatch) -> str:
    """Say what ``other`` gives its node that ``match`` does not, e.g. "the code 'F60.3'"."""
    parts = [
        f"the {field} {quoted(value)}" if value is not None else f"no {field}"
        for field in _MATCH_DETAILS
        if (value := getattr(other, field)) != getattr(match, field)
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _match_problems(corpus: StudyDocument, name_of: Place) -> Iterator[Problem]:
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
                    f"{who} gives the {match.scheme} code {quoted(match.code)} "
                    f"{_differences(other, match)}; expected the same label and note wherever "
                    "a code is matched without an IRI",
                    value=match.code,
                )
