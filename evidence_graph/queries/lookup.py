"""Parameters to nodes: what a researcher types (a label, an id, a DOI, an IRI) and what it names.

A parameter first becomes a :class:`Reference` — an IRI, or a key (an id, a label, a code) with
an optional scheme — without looking at any graph, so the same reference can be bound into a
SPARQL query. The ``find_*`` functions then look it up in a graph, and say what was close when
nothing matches.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evidence_graph.exceptions import QueryError
from evidence_graph.graph import EvidenceGraph, Relation
from evidence_graph.ids import check_iri, code_iri, doi_iri
from evidence_graph.models import Concept, ConceptMatch, Entity, NodeKind, Theme
from evidence_graph.queries.folding import fold

__all__ = [
    "CONCEPT_PREFIXES",
    "Reference",
    "about_edges",
    "find_claim",
    "find_concepts",
    "find_diagnosis",
    "find_study",
    "find_target",
    "find_themes",
    "find_work",
    "match_iri",
    "parse_reference",
]

CONCEPT_PREFIXES: dict[str, str] = {
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "wikidata": "http://www.wikidata.org/entity/",
    "mondo": "http://purl.obolibrary.org/obo/MONDO_",
    "doid": "http://purl.obolibrary.org/obo/DOID_",
    "hp": "http://purl.obolibrary.org/obo/HP_",
}
"""Schemes whose codes stand for IRIs: ``mesh:D001883`` is ``http://id.nlm.nih.gov/mesh/D001883``
(Mondo and the other OBO vocabularies take the code after their own prefix, ``mondo:0001156``)."""

_SCHEMED = re.compile(r"(?P<scheme>[a-z][a-z0-9-]{0,63}):(?P<code>[A-Za-z0-9][A-Za-z0-9._:-]*)")
_DOI_LIKE = re.compile(r"(?i)(doi:|https?://(dx\.)?doi\.org/)?10\.")


@dataclass(frozen=True, slots=True)
class Reference:
    """What a parameter names: an IRI, or a key (an id, label or code), maybe in a scheme.

    Attributes:
        iri: The IRI named, when the parameter was an IRI, a DOI or a code of a scheme whose
            codes stand for IRIs (:data:`CONCEPT_PREFIXES`).
        key: The text to match against ids, labels or codes, when it was not an IRI; for
            ``scheme:code``, the code.
        scheme: The scheme the key is a code of (``icd-10-cm`` in ``icd-10-cm:F60.3``).
    """

    iri: str | None = None
    key: str | None = None
    scheme: str | None = None


def parse_reference(
    parameter: str, value: str, *, doi: bool = False, scheme: bool = False
) -> Reference:
    """Return what ``value`` names: an IRI (``://`` or ``urn:``), a DOI, a scheme code, or a key.

    White space around an IRI, a DOI or a code is dropped; a key (an id or a label) is kept as
    given.

    Args:
        parameter: The parameter's name, for error messages.
        value: What was given.
        doi: Whether a DOI (``10.…``, ``doi:10.…``, ``https://doi.org/10.…``) is expected.
        scheme: Whether ``scheme:code`` is expected (concepts).

    Raises:
        QueryError: If ``value`` is empty, or looks like an IRI or a DOI but is not one.

    Examples:
        >>> parse_reference("work", "doi:10.3389/FPSYG.2019.00430", doi=True).iri
        'https://doi.org/10.3389/fpsyg.2019.00430'
        >>> parse_reference("concept", "mesh:D001883", scheme=True)
        Reference(iri='http://id.nlm.nih.gov/mesh/D001883', key='D001883', scheme='mesh')
        >>> parse_reference("concept", "icd-10-cm:F60.3", scheme=True)
        Reference(iri=None, key='F60.3', scheme='icd-10-cm')
        >>> parse_reference("theme", "https://example.org/a b")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.QueryError: theme: 'https://example.org/a b': is not an IRI: ...
    """
    text = value.strip()
    if not text:
        raise QueryError(parameter, value, "expected a value, not an empty string")
    if doi and _DOI_LIKE.match(text):
        try:
            return Reference(iri=doi_iri(text))
        except ValueError as error:
            expected = str(error).split(": ", 1)[-1]
            raise QueryError(parameter, value, f"is not a DOI: {expected}") from None
    if "://" in text or text.lower().startswith("urn:"):
        try:
            return Reference(iri=check_iri(text))
        except ValueError:
            raise QueryError(
                parameter,
                value,
                "is not an IRI: expected a scheme and no spaces, quotes or angle brackets, "
                "e.g. 'https://w3id.org/evidence-graph/data/study/kverme2019'",
            ) from None
    match = _SCHEMED.fullmatch(text) if scheme else None
    if match:
        prefix = CONCEPT_PREFIXES.get(match["scheme"])
        iri = prefix + match["code"] if prefix else None
        return Reference(iri=iri, key=match["code"], scheme=match["scheme"])
    return Reference(key=value)


def _suggest(value: str, candidates: Iterable[str]) -> list[str]:
    """Return the candidates closest to ``value`` (compared folded), best first, at most three."""
    by_fold: dict[str, str] = {}
    for candidate in sorted(set(candidates)):
        by_fold.setdefault(fold(candidate), candidate)
    wanted = fold(value)
    close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.6)
    starting = [key for key in by_fold if wanted and key.startswith(wanted) and key not in close]
    return [by_fold[key] for key in [*close, *starting][:3]]


def _find(
    graph: EvidenceGraph,
    parameter: str,
    value: str,
    reference: Reference,
    *,
    kind: NodeKind,
    keys: Callable[[Entity], Iterable[str]],
    folded: bool = False,
    shown: Callable[[Entity], Iterable[str]] | None = None,
) -> list[str]:
    """Return the IRIs of the nodes of ``kind`` that ``reference`` names, or raise QueryError.

    A key names a node whose ``keys`` hold it: exactly, or compared folded if ``folded``. When
    none does, the closest of the keys (or of what ``shown`` gives) are suggested.
    """
    if reference.iri is not None:
        found = [reference.iri] if _is(graph, reference.iri, kind) else []
    else:
        key = reference.key or ""
        index = graph.memo(("keys", kind, keys, folded), lambda: _index(graph, kind, keys, folded))
        found = list(index.get(fold(key) if folded else key, ()))
    if not found:
        entities = list(graph.nodes(kind))
        if reference.iri is not None:
            candidates = [iri for iri, _ in entities]
        else:
            candidates = [k for _, entity in entities for k in (shown or keys)(entity)]
        what = "IRI" if reference.iri else ("id or label" if folded else "id")
        raise QueryError(
            parameter, value, f"no {kind.value} has this {what}", _suggest(value, candidates)
        )
    return found


def _is(graph: EvidenceGraph, iri: str, kind: NodeKind) -> bool:
    return iri in graph.graph and graph.graph.nodes[iri]["kind"] is kind


def _index(
    graph: EvidenceGraph, kind: NodeKind, keys: Callable[[Entity], Iterable[str]], folded: bool
) -> dict[str, dict[str, None]]:
    """Map each key (folded, if ``folded``) of the nodes of ``kind`` to their IRIs, in order."""
    index: dict[str, dict[str, None]] = {}
    for iri, entity in graph.nodes(kind):
        for key in keys(entity):
            index.setdefault(fold(key) if folded else key, {})[iri] = None
    return index


def _theme_keys(entity: Entity) -> Iterable[str]:
    assert isinstance(entity, Theme)  # noqa: S101 - _find passes themes only
    return (entity.id, entity.label, *entity.alt_labels)


def _theme_labels(entity: Entity) -> Iterable[str]:
    assert isinstance(entity, Theme)  # noqa: S101 - _find passes themes only
    return (entity.label, *entity.alt_labels)


def _id(entity: Entity) -> Iterable[str]:
    return (entity.id,)


def find_themes(
    graph: EvidenceGraph, theme: str, *, study: str | None = None, parameter: str = "theme"
) -> list[str]:
    """Return the IRIs of the themes ``theme`` names, in the graph's order.

    ``theme`` is an IRI, a local id, or a label (or alternative label), compared case-, accent-
    and apostrophe-insensitively (:func:`~evidence_graph.queries.folding.fold`). A label may
    name themes of several studies; ``study`` keeps those of one.

    Raises:
        QueryError: If it names no theme (with the closest labels), or is malformed.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_themes(load_graph("kverme2019"), "learning to hold one's own")
        ['https://w3id.org/evidence-graph/data/theme/kverme2019/learning-to-hold-ones-own']
    """
    reference = parse_reference(parameter, theme)
    found = _find(
        graph,
        parameter,
        theme,
        reference,
        kind=NodeKind.THEME,
        keys=_theme_keys,
        folded=True,
        shown=_theme_labels,
    )
    if study is None:
        return found
    scope = find_study(graph, study)
    kept = [iri for iri in found if graph.iri(graph.get(iri, Theme).study) == scope]
    if not kept:
        raise QueryError(parameter, theme, f"names no theme of the study {study!r}")
    return kept


def find_study(graph: EvidenceGraph, study: str, *, parameter: str = "study") -> str:
    """Return the IRI of the study ``study`` names: its IRI or local id.

    Raises:
        QueryError: If it names no study.
    """
    reference = parse_reference(parameter, study)
    return _find(graph, parameter, study, reference, kind=NodeKind.STUDY, keys=_id)[0]


def find_work(graph: EvidenceGraph, work: str, *, parameter: str = "work") -> str:
    """Return the IRI of the work ``work`` names: its DOI (any form), IRI or local id.

    Raises:
        QueryError: If it names no work.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_work(load_graph("kverme2019"), "https://doi.org/10.3389/FPSYG.2019.00430")
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    reference = parse_reference(parameter, work, doi=True)
    return _find(graph, parameter, work, reference, kind=NodeKind.WORK, keys=_id)[0]


def find_claim(graph: EvidenceGraph, claim: str, *, parameter: str = "claim") -> str:
    """Return the IRI of the claim ``claim`` names: its IRI or local id.

    Raises:
        QueryError: If it names no claim.
    """
    reference = parse_reference(parameter, claim)
    return _find(graph, parameter, claim, reference, kind=NodeKind.CLAIM, keys=_id)[0]


def _target_keys(entity: Entity) -> Iterable[str]:
    if isinstance(entity, Theme):
        return (entity.id, entity.label, *entity.alt_labels)
    assert isinstance(entity, Concept)  # noqa: S101 - find_target passes themes and concepts
    return (entity.id, entity.label, *([entity.notation] if entity.notation else []))


def find_target(graph: EvidenceGraph, target: str, *, parameter: str = "target") -> str:
    """Return the IRI of the concept or theme that ``target`` names, as mappings name them.

    ``target`` is an IRI, a local id, a notation, or a label (compared folded, as
    :func:`~evidence_graph.queries.folding.fold` does).

    Raises:
        QueryError: If it names nothing (with the closest ids and labels), or several.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_target(load_graph("bpd-literature"), "connectedness")
        'https://w3id.org/evidence-graph/data/concept/chime-connectedness'
    """
    reference = parse_reference(parameter, target)
    if reference.iri is not None:
        found = [
            reference.iri
            for kind in (NodeKind.CONCEPT, NodeKind.THEME)
            if _is(graph, reference.iri, kind)
        ]
    else:
        key = fold(reference.key or "")
        found = [
            iri for kind in (NodeKind.CONCEPT, NodeKind.THEME) for iri in _targets(graph, kind, key)
        ]
    if not found:
        candidates = [
            key
            for kind in (NodeKind.CONCEPT, NodeKind.THEME)
            for _, entity in graph.nodes(kind)
            for key in _target_keys(entity)
        ]
        raise QueryError(
            parameter, target, "names no concept or theme", _suggest(target, candidates)
        )
    if len(found) > 1:
        raise QueryError(parameter, target, "names several; give one's IRI or id", sorted(found))
    return found[0]


def _targets(graph: EvidenceGraph, kind: NodeKind, key: str) -> list[str]:
    """Return the IRIs of the nodes of ``kind`` whose id, label or notation folds to ``key``."""

    def build() -> dict[str, dict[str, None]]:
        return _index(graph, kind, _target_keys, folded=True)

    return list(graph.memo(("keys", kind, _target_keys, True), build).get(key, ()))


def match_iri(graph: EvidenceGraph, match: ConceptMatch) -> str:
    """Return the IRI of a match: its own, or the one the export mints for a code alone."""
    return match.iri or code_iri(graph.base, match.scheme, match.code or "")


def find_concepts(
    graph: EvidenceGraph, concept: str, *, parameter: str = "concept"
) -> list[tuple[str, str]]:
    """Return ``(concept IRI, via)`` for each concept ``concept`` names, and how it names it.

    ``concept`` is the concept's IRI, its local id or notation, or the IRI or code of one of its
    matches. ``scheme:code`` narrows a code to one scheme's matches; for ``mesh:``,
    ``wikidata:`` and the other :data:`CONCEPT_PREFIXES` it also names the IRI it expands to.
    ``via`` is ``"concept"`` for the concept itself, else the match's relation (``"exact"``,
    ``"close"``, ``"broad"``, ``"narrow"``, ``"related"``). A concept named in several ways is
    returned once for each.

    Raises:
        QueryError: If it names no concept (with the closest ids and codes), or is malformed.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_concepts(load_graph("kverme2019"), "wikidata:Q208166")
        [('http://id.nlm.nih.gov/mesh/D001883', 'exact')]
    """
    reference = parse_reference(parameter, concept, scheme=True)
    found: list[tuple[str, str]] = []
    candidates: list[str] = []
    for iri, entity in graph.nodes(NodeKind.CONCEPT):
        assert isinstance(entity, Concept)  # noqa: S101 - nodes(CONCEPT) yields concepts
        own = {entity.id, *([entity.notation] if entity.notation else [])}
        if reference.iri == iri or (reference.scheme is None and reference.key in own):
            found.append((iri, "concept"))
        candidates.extend(own)
        for match in entity.matches:
            named = match_iri(graph, match)
            by_code = reference.key is not None and reference.key == match.code
            if reference.iri == named or (by_code and reference.scheme in {None, match.scheme}):
                found.append((iri, match.relation.value))
            candidates.extend(code for code in (match.code, match.iri) if code)
    if not found:
        raise QueryError(
            parameter, concept, "names no concept of the graph", _suggest(concept, candidates)
        )
    return sorted(set(found))


def find_diagnosis(graph: EvidenceGraph, diagnosis: str, *, parameter: str = "concept") -> str:
    """Return the IRI of the concept, or of the match, that ``diagnosis`` names.

    ``diagnosis`` is named as in :func:`find_concepts`; a code of a match known only by its code
    gives the IRI the export mints for it.

    Raises:
        QueryError: If it names nothing in the graph, or several different concepts or matches.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_diagnosis(load_graph("kverme2019"), "icd-10-cm:F60.3")
        'https://w3id.org/evidence-graph/data/code/icd-10-cm/F60.3'
    """
    reference = parse_reference(parameter, diagnosis, scheme=True)
    found: set[str] = set()
    for concept_iri, via in find_concepts(graph, diagnosis, parameter=parameter):
        if reference.iri is not None:
            found.add(reference.iri)
            continue
        if via == "concept":
            found.add(concept_iri)
            continue
        concept = graph.get(concept_iri, Concept)
        found.update(
            match_iri(graph, match)
            for match in concept.matches
            if match.relation.value == via
            and match.code == reference.key
            and reference.scheme in {None, match.scheme}
        )
    if len(found) > 1:
        raise QueryError(
            parameter, diagnosis, "names several concepts; give one's IRI", sorted(found)
        )
    return found.pop()


def about_edges(graph: EvidenceGraph, concept_iri: str) -> list[tuple[str, Entity]]:
    """Return ``(IRI, entity)`` of every work, study, criterion and claim about a concept."""
    return [
        (source, graph.graph.nodes[source]["model"])
        for source, _, key in graph.graph.in_edges(concept_iri, keys=True)
        if key is Relation.ABOUT
    ]
