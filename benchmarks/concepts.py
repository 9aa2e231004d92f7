"""What every study of a generated corpus shares: the BPD concept, and the CHIME framework.

The shared file holds the CHIME framework of personal recovery (its scheme, its five concepts
and the work that sets it out) and concepts the criteria name; the BPD concept, which every
study is about, is repeated in every study file, as real study files repeat it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BPD", "CHIME", "shared_document"]

BPD: dict[str, Any] = {
    "id": "bpd",
    "iri": "http://id.nlm.nih.gov/mesh/D001883",
    "label": "Borderline Personality Disorder",
    "notation": "D001883",
    "matches": [
        {"relation": "exact", "scheme": "wikidata", "code": "Q208166",
         "iri": "http://www.wikidata.org/entity/Q208166"},
        {"relation": "exact", "scheme": "mondo", "code": "MONDO:0001156",
         "iri": "http://purl.obolibrary.org/obo/MONDO_0001156"},
        {"relation": "exact", "scheme": "icd-10-cm", "code": "F60.3"},
        {"relation": "exact", "scheme": "dsm-5", "code": "301.83"},
        {"relation": "close", "scheme": "icd-11", "code": "6D11.5", "label": "Borderline pattern"},
    ],
}  # fmt: skip
"""The BPD concept (MeSH D001883), which every study file repeats, as study files do."""

CHIME: tuple[tuple[str, str], ...] = (
    ("chime-connectedness", "Connectedness"),
    ("chime-hope", "Hope and optimism about the future"),
    ("chime-identity", "Identity"),
    ("chime-meaning", "Meaning in life"),
    ("chime-empowerment", "Empowerment"),
)
"""The concepts of the CHIME framework of personal recovery, by id."""


def shared_document() -> dict[str, Any]:
    """Return the shared file: the CHIME framework, the work that defines it, and concepts."""
    mesh = "http://id.nlm.nih.gov/mesh/"
    return {
        "works": [
            {
                "id": "chime-framework-paper",
                "type": "journal-article",
                "title": "Conceptual framework for personal recovery in mental health",
                "authors": ["chime-author"],
                "doi": "10.5555/bench.chime",
                "container_title": "Br J Psychiatry",
                "year": 2011,
            }
        ],
        "people": [{"id": "chime-author", "name": "Mary Leamy", "family_name": "Leamy"}],
        "schemes": [
            {
                "id": "chime",
                "label": "CHIME framework of personal recovery",
                "definition": "Five recovery processes: connectedness, hope, identity, meaning "
                "and empowerment.",
                "defined_in": "chime-framework-paper",
            }
        ],
        "concepts": [
            {"id": "psychosis", "iri": mesh + "D011618", "label": "Psychotic Disorders"},
            {"id": "self-harm", "iri": mesh + "D016728", "label": "Self-Injurious Behavior"},
            {"id": "suicidal-ideation", "iri": mesh + "D059020", "label": "Suicidal Ideation"},
            *(
                {"id": concept, "label": label, "scheme": "chime", "definition": f"{label}."}
                for concept, label in CHIME
            ),
        ],
    }
