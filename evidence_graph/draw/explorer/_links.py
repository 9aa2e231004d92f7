"""The records of what joins studies: works and their citations, claims, frameworks, mappings.

A work's record never holds its ``text`` (a private source, such as an interview transcript).
"""

from __future__ import annotations

from evidence_graph.draw.explorer._records import Record, compact, maybe_id, node_id
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Claim, Concept, NodeKind, Person, Scheme, ThemeMapping, Work
from evidence_graph.queries import evidence_for

__all__ = [
    "claim_record",
    "concept_record",
    "mapping_record",
    "person_record",
    "scheme_record",
    "work_record",
]


def work_record(graph: EvidenceGraph, work: Work) -> Record:
    """Return a work's bibliographic record and the works it cites, each with its CiTO intents."""
    cites = sorted(work.cites, key=lambda citation: graph.iri(citation.work))
    year = work.issued.year if work.issued else work.year
    return compact(
        {
            "id": work.id,
            "type": work.type.value,
            "title": work.title,
            "authors": [person.id for person in graph.authors(work)],
            "container": work.container_title,
            "year": year,
            "volume": work.volume,
            "issue": work.issue,
            "pages": work.pages or work.article_number,
            "doi": work.doi,
            "pmid": work.pmid,
            "pmcid": work.pmcid,
            "url": work.url,
            "cites": [
                [node_id(graph, citation.work), [intent.value for intent in citation.intents]]
                for citation in cites
            ],
        }
    )


def person_record(_graph: EvidenceGraph, person: Person) -> Record:
    """Return a person's name, ORCID iD and affiliations."""
    return compact(
        {
            "id": person.id,
            "name": person.name,
            "orcid": person.orcid,
            "affiliations": list(person.affiliations),
        }
    )


def claim_record(graph: EvidenceGraph, claim: Claim) -> Record:
    """Return a claim with its evidence chain, as :func:`~evidence_graph.queries.evidence_for`.

    ``evidence`` holds one ``[kind, id, theme]`` per row of the chain: a quote with the theme it
    is coded under (the theme's study and the quote's work follow from them), or a work.
    """
    iri = graph.iri(claim)
    chain = []
    for row in evidence_for(graph, iri):
        if row.evidence is None or row.evidence_kind is None:
            continue
        theme = maybe_id(graph, row.theme)
        chain.append([row.evidence_kind.value, node_id(graph, row.evidence), theme])
    return compact(
        {
            "id": claim.id,
            "statement": claim.statement,
            "kind": claim.kind.value,
            "asserted_by": node_id(graph, claim.asserted_by),
            "study": maybe_id(graph, claim.study),
            "evidence": chain,
            "not_transcribed": claim.evidence_not_transcribed,
            "candidates": sorted(
                (node_id(graph, ref) for ref in claim.candidate_sources),
                key=graph.iri,
            ),
            "about": sorted((node_id(graph, ref) for ref in claim.about), key=graph.iri),
        }
    )


def scheme_record(graph: EvidenceGraph, scheme: Scheme) -> Record:
    """Return a framework's record, with its concepts (by IRI)."""
    concepts = sorted(graph.concepts(scheme), key=graph.iri)
    return compact(
        {
            "id": scheme.id,
            "label": scheme.label,
            "iri": scheme.iri,
            "definition": scheme.definition,
            "defined_in": maybe_id(graph, scheme.defined_in),
            "concepts": [concept.id for concept in concepts],
        }
    )


def concept_record(graph: EvidenceGraph, concept: Concept) -> Record:
    """Return a concept's record, with its matches in other vocabularies."""
    return compact(
        {
            "id": concept.id,
            "label": concept.label,
            "iri": concept.iri,
            "notation": concept.notation,
            "definition": concept.definition,
            "scheme": maybe_id(graph, concept.scheme),
            "matches": [
                compact(
                    {
                        "relation": match.relation.value,
                        "scheme": match.scheme,
                        "code": match.code,
                        "iri": match.iri,
                        "label": match.label,
                        "note": match.note,
                    }
                )
                for match in concept.matches
            ],
        }
    )


def mapping_record(graph: EvidenceGraph, mapping: ThemeMapping) -> Record:
    """Return a mapping: the theme, how it matches, the concept or theme, and why."""
    target = graph.iri(mapping.object)
    kind = graph.kind(target)
    return {
        "id": mapping.id,
        "subject": node_id(graph, mapping.subject),
        "relation": mapping.relation.value,
        "object": node_id(graph, target),
        "object_kind": "theme" if kind is NodeKind.THEME else "concept",
        "justification": mapping.justification,
    }
