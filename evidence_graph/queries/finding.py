"""Finding the nodes a parameter names: by IRI, id or label, with the closest keys when none.

Each ``find_*`` function parses its parameter into a
:class:`~evidence_graph.queries.references.Reference`, looks it up in a
:class:`~evidence_graph.queries.directory.Directory` through an index of keys built once per
directory, and raises :class:`~evidence_graph.QueryError` with the closest keys when nothing
matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from evidence_graph.display import counted
from evidence_graph.exceptions import QueryError
from evidence_graph.folding import fold
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import NodeKind
from evidence_graph.queries.directory import Directory, Entry, directory
from evidence_graph.queries.references import Reference, parse_reference

__all__ = [
    "find_claim",
    "find_concepts",
    "find_diagnosis",
    "find_samples",
    "find_study",
    "find_target",
    "find_themes",
    "find_work",
]


def _suggest(value: str, candidates: Iterable[str]) -> list[str]:
    """Return the candidates closest to ``value`` (compared folded), best first, at most three."""
    by_fold: dict[str, str] = {}
    for candidate in sorted(set(candidates)):
        by_fold.setdefault(fold(candidate), candidate)
    wanted = fold(value)
    close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.6)
    starting = [key for key in by_fold if wanted and key.startswith(wanted) and key not in close]
    return [by_fold[key] for key in [*close, *starting][:3]]


_SHOWN = 5
"""The ids a message of an ambiguous id lists."""

_PLURALS = {"study": "studies", "criterion": "criteria", "person": "people"}


def _find(
    nodes: Directory,
    parameter: str,
    value: str,
    reference: Reference,
    *,
    kind: NodeKind,
    keys: Callable[[Entry], Iterable[str]],
    folded: bool = False,
    shown: Callable[[Entry], Iterable[str]] | None = None,
) -> list[str]:
    """Return the IRIs of the nodes of ``kind`` that ``reference`` names, or raise QueryError.

    A key names a node whose ``keys`` hold it: exactly, or compared folded if ``folded``. When
    none does, the closest of the keys (or of what ``shown`` gives) are suggested.
    """
    if reference.iri is not None:
        found = [reference.iri] if _is(nodes, reference.iri, kind) else []
    else:
        found = _named(nodes, kind, keys, folded, reference.key or "")
    if not found:
        entries = nodes.entries(kind)
        scoped = sorted(entry.id for entry in entries if entry.id.endswith(f"/{reference.key}"))
        if reference.key and len(scoped) > 1:
            listed = ", ".join(scoped[:_SHOWN]) + (", …" if len(scoped) > _SHOWN else "")
            named = counted(len(scoped), kind.value, _PLURALS.get(kind.value))
            raise QueryError(
                parameter,
                value,
                f"this id names {named}, each in its own study or file ({listed}); name one "
                "as study-id/local-id",
            )
        if reference.iri is not None:
            candidates = [entry.iri for entry in entries]
        else:
            candidates = [k for entry in entries for k in (shown or keys)(entry)]
        what = "IRI" if reference.iri else ("id or label" if folded else "id")
        raise QueryError(
            parameter, value, f"no {kind.value} has this {what}", _suggest(value, candidates)
        )
    return found


def _is(nodes: Directory, iri: str, kind: NodeKind) -> bool:
    iris = nodes.memo(("iris", kind), lambda: {entry.iri for entry in nodes.entries(kind)})
    return iri in iris


def _named(
    nodes: Directory,
    kind: NodeKind,
    keys: Callable[[Entry], Iterable[str]],
    folded: bool,
    key: str,
) -> list[str]:
    """Return the IRIs of the nodes of ``kind`` whose ``keys`` hold ``key`` (folded, if asked)."""
    index = nodes.memo(("keys", kind, keys, folded), lambda: _index(nodes, kind, keys, folded))
    return list(index.get(fold(key) if folded else key, ()))


def _index(
    nodes: Directory, kind: NodeKind, keys: Callable[[Entry], Iterable[str]], folded: bool
) -> dict[str, dict[str, None]]:
    """Map each key (folded, if ``folded``) of the nodes of ``kind`` to their IRIs, in order."""
    index: dict[str, dict[str, None]] = {}
    for entry in nodes.entries(kind):
        for key in keys(entry):
            index.setdefault(fold(key) if folded else key, {})[entry.iri] = None
    return index


def _theme_keys(entry: Entry) -> Iterable[str]:
    return (entry.id, *entry.labels)


def _theme_labels(entry: Entry) -> Iterable[str]:
    return entry.labels


def _id(entry: Entry) -> Iterable[str]:
    return (entry.id,)


def find_themes(
    graph: EvidenceGraph | Directory,
    theme: str,
    *,
    study: str | None = None,
    parameter: str = "theme",
) -> list[str]:
    """Return the IRIs of the themes ``theme`` names, in the graph's order.

    ``theme`` is an IRI, a local id, or a label (or alternative label), compared case-, accent-
    and apostrophe-insensitively (:func:`~evidence_graph.folding.fold`). A label may
    name themes of several studies; ``study`` keeps those of one.

    Raises:
        QueryError: If it names no theme (with the closest labels), or is malformed.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_themes(load_graph("kverme2019"), "learning to hold one's own")
        ['https://w3id.org/evidence-graph/data/theme/kverme2019/learning-to-hold-ones-own']
    """
    nodes = directory(graph)
    reference = parse_reference(parameter, theme)
    found = _find(
        nodes,
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
    scope = find_study(nodes, study)
    studies = nodes.memo(
        "theme studies", lambda: {entry.iri: entry.study for entry in nodes.entries(NodeKind.THEME)}
    )
    kept = [iri for iri in found if studies[iri] == scope]
    if not kept:
        raise QueryError(parameter, theme, f"names no theme of the study {study!r}")
    return kept


def find_study(graph: EvidenceGraph | Directory, study: str, *, parameter: str = "study") -> str:
    """Return the IRI of the study ``study`` names: its IRI or local id.

    Raises:
        QueryError: If it names no study.
    """
    reference = parse_reference(parameter, study)
    return _find(directory(graph), parameter, study, reference, kind=NodeKind.STUDY, keys=_id)[0]


def find_samples(
    graph: EvidenceGraph | Directory, sample: str, *, parameter: str = "subgroup"
) -> list[str]:
    """Return the IRIs of the samples (or subgroups) ``sample`` names: its IRI or local id.

    Raises:
        QueryError: If it names no sample (with the closest ids).

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_samples(load_graph("kverme2019"), "kverme2019-participants")
        ['https://w3id.org/evidence-graph/data/sample/kverme2019/kverme2019-participants']
    """
    reference = parse_reference(parameter, sample)
    return _find(directory(graph), parameter, sample, reference, kind=NodeKind.SAMPLE, keys=_id)


def find_work(graph: EvidenceGraph | Directory, work: str, *, parameter: str = "work") -> str:
    """Return the IRI of the work ``work`` names: its DOI (any form), IRI or local id.

    Raises:
        QueryError: If it names no work.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_work(load_graph("kverme2019"), "https://doi.org/10.3389/FPSYG.2019.00430")
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    reference = parse_reference(parameter, work, doi=True)
    return _find(directory(graph), parameter, work, reference, kind=NodeKind.WORK, keys=_id)[0]


def find_claim(graph: EvidenceGraph | Directory, claim: str, *, parameter: str = "claim") -> str:
    """Return the IRI of the claim ``claim`` names: its IRI or local id.

    Raises:
        QueryError: If it names no claim.
    """
    reference = parse_reference(parameter, claim)
    return _find(directory(graph), parameter, claim, reference, kind=NodeKind.CLAIM, keys=_id)[0]


def _target_keys(entry: Entry) -> Iterable[str]:
    return (entry.id, *entry.labels, *([entry.notation] if entry.notation else []))


_TARGETS = (NodeKind.CONCEPT, NodeKind.THEME)


def find_target(graph: EvidenceGraph | Directory, target: str, *, parameter: str = "target") -> str:
    """Return the IRI of the concept or theme that ``target`` names, as mappings name them.

    ``target`` is an IRI, a local id, a notation, or a label (compared folded, as
    :func:`~evidence_graph.folding.fold` does).

    Raises:
        QueryError: If it names nothing (with the closest ids and labels), or several.

    Examples:
        >>> from evidence_graph import load_graph
        >>> find_target(load_graph("bpd-literature"), "connectedness")
        'https://w3id.org/evidence-graph/data/concept/chime-connectedness'
    """
    nodes = directory(graph)
    reference = parse_reference(parameter, target)
    if reference.iri is not None:
        found = [reference.iri for kind in _TARGETS if _is(nodes, reference.iri, kind)]
    else:
        key = reference.key or ""
        found = [iri for kind in _TARGETS for iri in _named(nodes, kind, _target_keys, True, key)]
    if not found:
        candidates = [
            key for kind in _TARGETS for entry in nodes.entries(kind) for key in _target_keys(entry)
        ]
        raise QueryError(
            parameter, target, "names no concept or theme", _suggest(target, candidates)
        )
    if len(found) > 1:
        raise QueryError(parameter, target, "names several; give one's IRI or id", sorted(found))
    return found[0]


def find_concepts(
    graph: EvidenceGraph | Directory, concept: str, *, parameter: str = "concept"
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
    for entry in directory(graph).entries(NodeKind.CONCEPT):
        own = {entry.id, *([entry.notation] if entry.notation else [])}
        if reference.iri == entry.iri or (reference.scheme is None and reference.key in own):
            found.append((entry.iri, "concept"))
        candidates.extend(own)
        for match in entry.matches:
            by_code = reference.key is not None and reference.key == match.code
            if reference.iri == match.iri or (by_code and reference.scheme in {None, match.scheme}):
                found.append((entry.iri, match.relation))
            candidates.extend(code for code in (match.code, match.iri) if code)
    if not found:
        raise QueryError(
            parameter, concept, "names no concept of the graph", _suggest(concept, candidates)
        )
    return sorted(set(found))


def find_diagnosis(
    graph: EvidenceGraph | Directory, diagnosis: str, *, parameter: str = "concept"
) -> str:
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
    nodes = directory(graph)
    reference = parse_reference(parameter, diagnosis, scheme=True)
    concepts = {entry.iri: entry for entry in nodes.entries(NodeKind.CONCEPT)}
    found: set[str] = set()
    for concept_iri, via in find_concepts(nodes, diagnosis, parameter=parameter):
        if reference.iri is not None:
            found.add(reference.iri)
            continue
        if via == "concept":
            found.add(concept_iri)
            continue
        found.update(
            match.iri
            for match in concepts[concept_iri].matches
            if match.relation == via
            and match.code == reference.key
            and reference.scheme in {None, match.scheme}
        )
    if len(found) > 1:
        raise QueryError(
            parameter, diagnosis, "names several concepts; give one's IRI", sorted(found)
        )
    return found.pop()
