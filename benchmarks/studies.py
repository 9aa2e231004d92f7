"""One generated study file: its works, people, study, sample, criteria, themes, quotes, claims.

:func:`study_document` makes study ``index`` of a corpus from ``random.Random`` streams seeded
with the corpus's seed, the index and the part being made, so a study does not depend on how
many studies follow it, and cutting its quotes short changes nothing else.
"""

from __future__ import annotations

import random
from typing import Any

from benchmarks.concepts import BPD, CHIME
from benchmarks.vocabulary import (
    AFFILIATIONS,
    ANALYSES,
    COUNTRIES,
    DATA_COLLECTION,
    FAMILY_NAMES,
    GERUNDS,
    GIVEN_NAMES,
    HOSTILE,
    JOURNALS,
    KEYWORDS,
    OBJECTS,
    OPENERS,
    WORDS,
)

__all__ = ["orcid", "study_document"]

_INTENTS = (
    "cites", "discusses", "cites-as-evidence", "cites-for-information", "obtains-background-from",
    "uses-method-in", "extends", "supports", "agrees-with", "disagrees-with", "critiques",
)  # fmt: skip
_RELATIONS = ("exact", "close", "close", "broad", "narrow", "related", "related")


def orcid(index: int, author: int, seed: int) -> str:
    """Return a valid ORCID iD, unique for each study index, author and seed (below 100)."""
    digits = f"0009{index:07d}{author:02d}{seed % 100:02d}"
    total = 0
    for char in digits:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    full = digits + ("X" if check == 10 else str(check))  # noqa: PLR2004
    return "-".join(full[start : start + 4] for start in range(0, 16, 4))


def _rng(seed: int, index: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{index}:{part}")  # noqa: S311 - not for security


def _text(rng: random.Random, length: int, hostile: float = 0.08) -> str:
    """Sentences of words, about ``length`` characters, with hostile pieces now and then."""
    parts = [rng.choice(OPENERS)]
    size = len(parts[0])
    while size < length:
        draw = rng.random()
        if draw < hostile:
            piece = rng.choice(HOSTILE)
        elif draw < hostile + 0.08:
            piece = rng.choice(WORDS) + rng.choice((".", ",", "!", "?", "…"))
        else:
            piece = rng.choice(WORDS)
        parts.append(piece)
        size += len(piece) + 1
    return " ".join(parts)


def _label(rng: random.Random) -> str:
    return f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)}"


def _labels(rng: random.Random, count: int) -> list[str]:
    labels: list[str] = []
    while len(labels) < count:
        label = _label(rng)
        if label not in labels:
            labels.append(label)
    return labels


def _person(rng: random.Random, person_id: str, orcid_id: str | None) -> dict[str, Any]:
    given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
    person: dict[str, Any] = {
        "id": person_id,
        "name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
    }
    if orcid_id:
        person["orcid"] = orcid_id
    person["affiliations"] = rng.sample(AFFILIATIONS, rng.randint(1, 2))
    return person


def _works(index: int, seed: int, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "works")
    p = f"s{index:05d}"
    authors = [person["id"] for person in people if person["id"].startswith(f"{p}-a")]
    journal, issn = rng.choice(JOURNALS)
    year = 1995 + index * 30 // (index + 40) + rng.randint(0, 3)
    refs = [
        {
            "id": f"{p}-ref{k}",
            "type": rng.choice(("journal-article", "book", "report", "book-chapter")),
            "title": _text(rng, rng.randint(40, 90), hostile=0.04),
            "authors": [person["id"] for person in people if person["id"].startswith(f"{p}-r{k}")],
            "doi": f"10.5555/bench.{index}.{k}",
            "year": year - rng.randint(1, 15),
            "subjects": ["bpd"],
        }
        for k in range(2)
    ]
    cites = [{"work": ref["id"], "intents": [rng.choice(_INTENTS)]} for ref in refs]
    for earlier in sorted(rng.sample(range(index), min(index, 4))):
        kind = "paper" if rng.random() < 0.7 else f"ref{rng.randint(0, 1)}"  # noqa: PLR2004
        intents = sorted(rng.sample(_INTENTS, rng.randint(1, 2)))
        cites.append({"work": f"s{earlier:05d}-{kind}", "intents": intents})
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    paper: dict[str, Any] = {
        "id": f"{p}-paper",
        "type": "journal-article",
        "title": f"{_text(rng, 50, hostile=0.05)} – a qualitative study of recovery in BPD",
        "authors": authors,
        "corresponding_authors": [authors[-1]],
        "doi": f"10.5555/bench.{index}",
        "pmid": str(30000000 + index),
        "container_title": journal,
        "issn": issn,
        "volume": str(year - 1990),
        "article_number": str(rng.randint(1, 999)),
        "received": f"{year - 1}-{month:02d}-{day:02d}",
        "accepted": f"{year}-{max(1, month - 4):02d}-{day:02d}",
        "issued": f"{year}-{month:02d}-{day:02d}",
        "rights": "Creative Commons Attribution (CC BY)",
        "keywords": rng.sample(KEYWORDS, rng.randint(3, 6)),
        "subjects": ["bpd"],
        "cites": cites,
    }
    works: list[dict[str, Any]] = [paper, *refs]
    if index % 5 == 2:  # noqa: PLR2004 - a magazine article now and then, as for Kverme 2019
        works.append(
            {
                "id": f"{p}-magazine",
                "type": "magazine-article",
                "title": f"{rng.randint(3, 7)} Keys to {_label(rng)}",
                "container_title": "Psychology Today",
                "url": f"https://example.org/magazine/{p}",
                "subjects": ["bpd"],
                "cites": [
                    {"work": paper["id"], "intents": ["discusses", "includes-quotation-from"]}
                ],
            }
        )
    return works


def _people(index: int, seed: int) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "people")
    p = f"s{index:05d}"
    people = [
        _person(rng, f"{p}-a{k}", orcid(index, k, seed) if rng.random() < 0.4 else None)  # noqa: PLR2004
        for k in range(rng.randint(3, 6))
    ]
    for ref in range(2):
        for k in range(rng.randint(0, 2)):
            family = rng.choice(FAMILY_NAMES)
            people.append({"id": f"{p}-r{ref}a{k}", "name": family, "family_name": family})
    return people


def _criteria(index: int, seed: int, sample: dict[str, Any]) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "criteria")
    p = f"s{index:05d}"
    low = rng.choice((3, 6, 12))
    rules: list[tuple[str, str, dict[str, Any]]] = [
        ("inclusion", "had been diagnosed with BPD",
         {"type": "condition", "condition": "borderline-personality-disorder", "concept": "bpd"}),
        ("inclusion", f"diagnosed with BPD between {low} and {low * 3} months prior to the study",
         {"type": "range", "attribute": "months_since_diagnosis", "min": low, "max": low * 3}),
        ("inclusion", "were currently in\u00a0treatment",
         {"type": "equals", "attribute": "in_treatment", "value": True}),
    ]  # fmt: skip
    if rng.random() < 0.6:  # noqa: PLR2004
        rules.append(
            ("exclusion", "had not experienced “psychosis”",
             {"type": "condition", "condition": "psychosis", "concept": "psychosis"})
        )  # fmt: skip
    if rng.random() < 0.4:  # noqa: PLR2004
        rules.append(
            ("inclusion", f"aged {sample['age_min']} or over",
             {"type": "range", "attribute": "age", "min": sample["age_min"]})
        )  # fmt: skip
    return [
        {"id": f"{p}-c{k}", "study": p, "kind": kind, "text": text, "constraint": constraint,
         "stated_in": f"{p}-paper"}
        for k, (kind, text, constraint) in enumerate(rules)
    ]  # fmt: skip


def _themes(index: int, seed: int) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "themes")
    p = f"s{index:05d}"
    count = rng.randint(3, 6)
    labels = _labels(rng, count + 1)
    top: dict[str, Any] = {"id": f"{p}-t0", "study": p, "label": labels[0]}
    if rng.random() < 0.5:  # noqa: PLR2004
        top["alt_labels"] = [_label(rng)]
    top["definition"] = _text(rng, 150, hostile=0.03)
    top["facets"] = sorted(set(rng.sample(OBJECTS, rng.randint(0, 3))))
    themes = [top]
    for k in range(1, count + 1):
        theme_id = f"{p}-t{k}"
        themes.append(
            {"id": theme_id, "study": p, "label": labels[k], "number": k, "parent": top["id"],
             "definition": _text(rng, 120, hostile=0.03)}
        )  # fmt: skip
        if rng.random() < 0.3:  # noqa: PLR2004
            themes.extend(
                {"id": f"{theme_id}-{j}", "study": p, "label": label, "parent": theme_id}
                for j, label in enumerate(_labels(rng, rng.randint(1, 3)), start=1)
            )
    return themes


def _quotes(
    index: int, seed: int, themes: list[dict[str, Any]], read_in: str, count: int | None
) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "quotes")
    p = f"s{index:05d}"
    coded = [theme["id"] for theme in themes if "parent" in theme]
    quotes = []
    start = rng.randint(1000, 5000)
    for k in range(rng.randint(20, 40)):
        text = _text(rng, rng.randint(150, 250))
        theme_ids = sorted(set(rng.sample(coded, 2 if rng.random() < 0.2 else 1)))  # noqa: PLR2004
        quote: dict[str, Any] = {
            "id": f"{p}-q{k}",
            "study": p,
            "themes": theme_ids,
            "role": "contrasting" if rng.random() < 0.12 else "supporting",  # noqa: PLR2004
            "read_in": read_in if k < 3 else f"{p}-paper",  # noqa: PLR2004
            "appears_in": f"{p}-paper",
            "text": text,
        }
        if rng.random() < 0.6:  # noqa: PLR2004
            quote["speaker"] = f"P{rng.randint(1, 40)}"
        if rng.random() < 0.3:  # noqa: PLR2004
            quote["position"] = {"start": start, "end": start + len(text)}
        start += len(text) + rng.randint(200, 2000)
        quotes.append(quote)
    return quotes[:count] if count else quotes


def _claims(index: int, seed: int, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rng = _rng(seed, index, "claims")
    p = f"s{index:05d}"
    paper = f"{p}-paper"
    claims = []
    for k in range(rng.randint(2, 4)):
        evidence = sorted({quote["id"] for quote in rng.sample(quotes, min(len(quotes), 3))})
        claims.append(
            {"id": f"{p}-finding{k}", "statement": _text(rng, 160, hostile=0.03),
             "asserted_by": paper, "kind": "finding", "study": p, "evidence": evidence,
             "about": ["bpd"]}
        )  # fmt: skip
    claims.append(
        {"id": f"{p}-limitation", "statement": f"The study's sample is small ({len(quotes)}).",
         "asserted_by": paper, "kind": "limitation", "study": p}
    )  # fmt: skip
    background: dict[str, Any] = {
        "id": f"{p}-background",
        "statement": "Borderline personality disorder affects 1–2% of the general population.",
        "asserted_by": paper,
        "kind": "background",
        "about": ["bpd"],
    }
    if rng.random() < 0.5:  # noqa: PLR2004
        background["evidence"] = [f"{p}-ref0"]
    else:
        background["candidate_sources"] = [f"{p}-ref1"]
    claims.append(background)
    return claims


def _framework(
    index: int, seed: int, themes: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the study's schemes, concepts and mappings: CHIME every other study, own ones."""
    rng = _rng(seed, index, "framework")
    p = f"s{index:05d}"
    subthemes = [theme["id"] for theme in themes if theme.get("parent") == f"{p}-t0"]
    schemes: list[dict[str, Any]] = []
    concepts: list[dict[str, Any]] = [BPD]
    mappings: list[dict[str, Any]] = []
    if index % 2 == 0:
        mappings.extend(
            {"id": f"{theme}-to-chime", "subject": theme, "relation": rng.choice(_RELATIONS),
             "object": rng.choice(CHIME)[0], "justification": _text(rng, 120, hostile=0.02)}
            for theme in rng.sample(subthemes, rng.randint(1, 2))
        )  # fmt: skip
    if index % 10 == 9:  # noqa: PLR2004 - a framework of the study's own now and then
        schemes.append(
            {"id": f"{p}-framework", "label": f"A framework of {_label(rng)}",
             "definition": _text(rng, 100, hostile=0.02), "defined_in": f"{p}-paper"}
        )  # fmt: skip
        labels = _labels(rng, rng.randint(3, 4))
        concepts.extend(
            {"id": f"{p}-fc{k}", "label": label, "scheme": f"{p}-framework",
             "definition": _text(rng, 80, hostile=0.02)}
            for k, label in enumerate(labels)
        )  # fmt: skip
        mappings.extend(
            {"id": f"{theme}-to-framework", "subject": theme, "relation": rng.choice(_RELATIONS),
             "object": f"{p}-fc{k % len(labels)}", "justification": _text(rng, 100, hostile=0.02)}
            for k, theme in enumerate(subthemes)
        )  # fmt: skip
        earlier = rng.randrange(index)
        mappings.append(
            {"id": f"{p}-t0-to-s{earlier:05d}-t0", "subject": f"{p}-t0", "relation": "related",
             "object": f"s{earlier:05d}-t0", "justification": _text(rng, 100, hostile=0.02)}
        )  # fmt: skip
    return schemes, concepts, mappings


def study_document(index: int, seed: int = 0, *, quotes: int | None = None) -> dict[str, Any]:
    """Return study ``index`` of the corpus of ``seed`` as a study file's document.

    Args:
        index: The study's place in the corpus, from 0; it cites only earlier studies' works.
        seed: Chooses the corpus.
        quotes: Keep only this many quotes (the last study of a small corpus is cut short).
    """
    rng = _rng(seed, index, "study")
    p = f"s{index:05d}"
    people = _people(index, seed)
    works = _works(index, seed, people)
    read_in = (
        f"{p}-magazine" if any(work["id"] == f"{p}-magazine" for work in works) else works[0]["id"]
    )
    themes = _themes(index, seed)
    sample: dict[str, Any] = {
        "id": f"{p}-sample",
        "study": p,
        "size": rng.randint(6, 60),
        "sex": rng.choice(("female", "female", "mixed", "male")),
        "age_min": rng.randint(16, 25),
        "age_max": rng.randint(30, 65),
        "description": "recently diagnosed with BPD",
    }
    study = {
        "id": p,
        "label": f"Recovery processes for people with BPD: {_label(rng)}",
        "design": rng.choice(("qualitative", "qualitative", "qualitative", "mixed-methods")),
        "reported_in": [works[0]["id"]],
        "data_collection": rng.sample(DATA_COLLECTION, rng.randint(1, 2)),
        "analysis": rng.choice(ANALYSES),
        "lead_investigator": people[0]["id"],
        "institution": rng.choice(AFFILIATIONS).split(", ")[1],
        "country": rng.choice(COUNTRIES),
        "conditions": ["bpd"],
    }
    quote_list = _quotes(index, seed, themes, read_in, quotes)
    schemes, concepts, mappings = _framework(index, seed, themes)
    return {
        "works": works,
        "people": people,
        "studies": [study],
        "samples": [sample],
        "criteria": _criteria(index, seed, sample),
        "themes": themes,
        "quotes": quote_list,
        "claims": _claims(index, seed, quote_list),
        "schemes": schemes,
        "concepts": concepts,
        "mappings": mappings,
    }
