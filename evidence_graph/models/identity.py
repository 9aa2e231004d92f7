"""Identity: the IRI each entity is, minted here and nowhere else.

A work with a DOI *is* its ``https://doi.org/`` IRI, a person with an ORCID iD *is* the
``https://orcid.org/`` IRI, and a concept or scheme with a public IRI *is* that IRI. Everything
else gets ``<base><kind>/[<study-id>/]<local-id>``; the nodes that only structure the RDF (a
study's theme scheme, a quote's target) get IRIs below their entity's, by :func:`part_iri`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from evidence_graph.ids import (
    DEFAULT_BASE,
    ORCID_PREFIX,
    check_local_id,
    check_slug,
    code_iri,
    doi_iri,
    orcid_iri,
    reference_key,
)
from evidence_graph.models.base import Entity, NodeKind
from evidence_graph.models.bibliographic import Person, Work
from evidence_graph.models.evidence import Concept, ConceptMatch
from evidence_graph.models.mappings import Scheme
from evidence_graph.namespace import CONCEPT_PREFIXES

__all__ = [
    "Key",
    "below",
    "entity_iri",
    "identifier_keys",
    "identifiers_of",
    "local_id",
    "match_iri",
    "minted_iri",
    "name_keys",
    "part_iri",
    "public_iri",
    "public_key",
    "reference_iri",
    "reference_target",
]

Key = tuple[str, str]
"""A public identifier: its kind (``doi``, ``pmid``, ``pmcid``, ``orcid``, ``iri``) and its
normalised value."""


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


def identifiers_of(iri: str, kind: NodeKind, id_: str, base: str) -> dict[str, str]:
    """Return the public identifier an entity's IRI gives it: the inverse of :func:`entity_iri`.

    A person whose IRI is an ORCID iD's has that ORCID iD, and a concept or a scheme whose IRI
    is not the one minted for its id has that IRI; a work's DOI is a value of its own.

    Examples:
        >>> identifiers_of("https://orcid.org/0000-0002-1825-0097", NodeKind.PERSON, "p", "")
        {'orcid': '0000-0002-1825-0097'}
        >>> identifiers_of("https://example.org/concept/c", NodeKind.CONCEPT, "c",
        ...                "https://example.org/")
        {}
    """
    if kind is NodeKind.PERSON and iri.startswith(ORCID_PREFIX):
        return {"orcid": iri.removeprefix(ORCID_PREFIX)}
    if kind in {NodeKind.CONCEPT, NodeKind.SCHEME} and iri != minted_iri(base, kind, id_):
        return {"iri": iri}
    return {}


def minted_iri(base: str, kind: NodeKind, id_: str, scope: str | None = None) -> str:
    """Return the IRI minted for an entity without a public one: ``<base><kind>/[<scope>/]<id>``.

    Examples:
        >>> minted_iri("https://example.org/", NodeKind.CONCEPT, "chime-hope")
        'https://example.org/concept/chime-hope'
    """
    middle = f"{scope}/" if scope else ""
    return f"{base}{kind.value}/{middle}{id_}"


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> str:
    """Return the IRI that names ``entity``.

    A work with a DOI is its ``https://doi.org/`` IRI, a person with an ORCID iD is the
    ``https://orcid.org/`` IRI, and a concept is its own public IRI; everything else is
    ``<base><kind>/<study-id>/<local-id>`` (study, and claims of no study, without the middle):
    an entity with a ``study`` field is named within its study.

    Examples:
        >>> from evidence_graph.models import Theme
        >>> entity_iri(Theme(id="daring-to-belong", study="kverme2019", label="Daring to Belong"))
        'https://w3id.org/evidence-graph/data/theme/kverme2019/daring-to-belong'
    """
    public = public_iri(entity)
    if public is not None:
        return public
    scope = getattr(entity, "study", None)
    return minted_iri(base, entity.node_kind, local_id(entity), scope)


def local_id(entity: Entity) -> str:
    """Return an entity's id within its scope: its id without the ``study-id/`` it may carry.

    Examples:
        >>> from evidence_graph.models import Theme
        >>> local_id(Theme(id="s/hope", study="s", label="Hope"))
        'hope'
    """
    scope = getattr(entity, "study", None)
    if scope and entity.id.startswith(f"{scope}/"):
        return entity.id.removeprefix(f"{scope}/")
    return entity.id


def part_iri(base: str, *segments: str) -> str:
    """Return the IRI of a node that structures the RDF of an entity, e.g. a study's scheme.

    A segment may be an id named within its scope (``study-id/local-id``).

    Examples:
        >>> part_iri("https://example.org/", "scheme", "kverme2019")
        'https://example.org/scheme/kverme2019'
        >>> part_iri("https://example.org/", "authors", "ng2019/paper")
        'https://example.org/authors/ng2019/paper'
    """
    return base + "/".join(check_local_id(segment) for segment in segments)


def below(iri: str, part: str) -> str:
    """Return the IRI of a node that belongs to one entity alone, below the entity's IRI.

    Examples:
        >>> below("https://example.org/quote/s/q1", "target")
        'https://example.org/quote/s/q1/target'
    """
    return f"{iri}/{_part(part)}"


@functools.lru_cache(maxsize=256)
def _part(part: str) -> str:
    """Return a part of an IRI below an entity's, checked once (a few names are ever given)."""
    return check_slug(part)


def match_iri(base: str, match: ConceptMatch) -> str:
    """Return the IRI of a concept match: its own, or one minted for its scheme and code.

    Examples:
        >>> match_iri("https://example.org/", ConceptMatch(relation="close", scheme="icd-10-cm",
        ...           code="F60.3"))
        'https://example.org/code/icd-10-cm/F60.3'
    """
    if match.iri is not None:
        return match.iri
    return code_iri(base, match.scheme, str(match.code))


def identifier_keys(entity: Entity) -> Iterator[Key]:
    """Yield the public identifiers that make two records one entity.

    They are a work's DOI, PMID and PMCID, a person's ORCID iD, a concept's or scheme's IRI.

    Examples:
        >>> list(identifier_keys(Work(id="w", type="book", doi="10.1234/ABC", pmid="123")))
        [('doi', '10.1234/abc'), ('pmid', '123')]
    """
    if isinstance(entity, Work):
        if entity.doi:
            yield "doi", entity.doi
        if entity.pmid:
            yield "pmid", entity.pmid
        if entity.pmcid:
            yield "pmcid", entity.pmcid
    elif isinstance(entity, Person):
        if entity.orcid:
            yield "orcid", entity.orcid
    elif (iri := public_iri(entity)) is not None:
        yield "iri", iri


def name_keys(entity: Entity) -> Iterator[Key]:
    """Yield every public identifier a reference may name an entity by.

    Beside :func:`identifier_keys`: the entity's IRI (a work's DOI IRI, a person's ORCID IRI,
    or the IRI minted for it with the default base), and the IRIs of a concept's exact matches
    (``wikidata:Q208166`` names MeSH's BPD, which matches it exactly).
    """
    yield from identifier_keys(entity)
    yield "iri", entity_iri(entity)
    if isinstance(entity, Concept):
        for match in entity.matches:
            if match.relation.value == "exact" and match.iri:
                yield "iri", match.iri


def reference_target(value: str) -> Key:
    """Return how a reference names its entity, a compact IRI of a known prefix expanded.

    A compact IRI of an unknown prefix stays ``('curie', ...)``: it names nothing.

    Raises:
        ValueError: If ``value`` is no way to name an entity.

    Examples:
        >>> reference_target("mesh:D001883")
        ('iri', 'http://id.nlm.nih.gov/mesh/D001883')
        >>> reference_target("mondo:0001156")
        ('iri', 'http://purl.obolibrary.org/obo/MONDO_0001156')
    """
    how, found = reference_key(value)
    if how == "curie":
        prefix, _, rest = found.partition(":")
        if prefix in CONCEPT_PREFIXES:
            return "iri", CONCEPT_PREFIXES[prefix] + rest
    return how, found


def public_key(target: str) -> Key | None:
    """Return the public identifier a reference names its entity by, if it names it by one.

    Examples:
        >>> public_key("wikidata:Q208166"), public_key("bpd")
        (('iri', 'http://www.wikidata.org/entity/Q208166'), None)
    """
    try:
        how, value = reference_target(target)
    except ValueError:
        return None
    return None if how in {"id", "scoped"} else (how, value)


def reference_iri(target: str) -> str | None:
    """Return the IRI a reference names by a public identifier, or ``None`` if it names none.

    Examples:
        >>> reference_iri("mesh:D001883"), reference_iri("doi:10.1234/ABC")
        ('http://id.nlm.nih.gov/mesh/D001883', 'https://doi.org/10.1234/abc')
    """
    found = public_key(target)
    if found is None:
        return None
    how, value = found
    if how == "doi":
        return doi_iri(value)
    if how == "orcid":
        return orcid_iri(value)
    return value if how == "iri" else None
