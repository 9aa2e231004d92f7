"""Test cases shared by modules: questions with parameters, asked of both engines and of a
store (each answer is compared), and a second study of hostile text for the drawings."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from strategies import WORDS

from evidence_graph import EvidenceGraph
from evidence_graph.models import Concept, NodeKind, Theme

KVERME_CASES: list[tuple[str, dict[str, str]]] = [
    ("quotes-for-theme", {"theme": "Moving Toward Connectedness"}),
    ("quotes-for-theme", {"theme": "working toward connectedness", "study": "kverme2019"}),
    ("quotes-for-theme", {"theme": "LEARNING TO HOLD ONE'S OWN"}),
    (
        "quotes-for-theme",
        {
            "theme": "https://w3id.org/evidence-graph/data/theme/kverme2019/daring-to-belong",
            "subthemes": "false",
        },
    ),
    ("quotes-for-theme", {"theme": "moving-toward-connectedness", "subthemes": "false"}),
    ("theme-tree", {}),
    ("theme-tree", {"study": "kverme2019"}),
    ("studies-matching", {}),
    (
        "studies-matching",
        {
            "sex": "female",
            "age": "25",
            "months-since-diagnosis": "12",
            "in-treatment": "true",
            "psychosis": "false",
            "concept": "wikidata:Q208166",
        },
    ),
    ("studies-matching", {"psychosis": "true", "sex": "male", "age": "50"}),
    ("studies-matching", {"months-since-diagnosis": "18", "age": "21", "sex": "female"}),
    ("studies-matching", {"months-since-diagnosis": "18.5", "in-treatment": "false"}),
    ("studies-matching", {"concept": "http://id.who.int/icd/release/10/2016/F60.3"}),
    ("evidence-for", {"claim": "finding-daring-to-belong"}),
    ("evidence-for", {"claim": "bpd-prevalence-1-6-percent"}),
    ("citing-works", {"work": "doi:10.3389/FPSYG.2019.00430"}),
    ("citing-works", {"work": "psychology-today-4-keys"}),
    ("cited-works", {"work": "psychology-today-4-keys"}),
    ("search-quotes", {"text": "group therapy"}),
    ("search-quotes", {"text": "don't give up"}),
    ("search-quotes", {"text": "oh my god"}),
    ("search-quotes", {"text": "connectedness"}),
    ("search-quotes", {"text": "connectedness", "themes": "false"}),
    ("unsupported-claims", {}),
    ("about-concept", {"concept": "wikidata:Q208166"}),
    ("about-concept", {"concept": "bpd"}),
    ("about-concept", {"concept": "F60.3"}),
    ("about-concept", {"concept": "icd-10-cm:F60.3"}),
    ("about-concept", {"concept": "http://id.who.int/icd/release/10/2016/F60.3"}),
    ("stats", {}),
]

LITERATURE_CASES: list[tuple[str, dict[str, str]]] = [
    ("mapped-to", {}),
    ("mapped-to", {"target": "Connectedness"}),
    ("mapped-to", {"target": "chime-identity"}),
    ("mapped-to", {"target": "https://w3id.org/evidence-graph/data/concept/chime-hope"}),
    ("mapped-to", {"target": "daring to belong"}),
    ("mapped-to", {"target": "Empowerment"}),
    ("about-concept", {"concept": "mondo:0001156"}),
    ("cited-works", {"work": "10.3389/fpsyg.2019.00430"}),
    ("citing-works", {"work": "lieb2004"}),
    ("evidence-for", {"claim": "bpd-prevalence-1-to-2-percent"}),
    ("unsupported-claims", {}),
    ("theme-tree", {}),
    ("stats", {}),
]
"""Cases on the literature: bpd-literature with the Katsakou example study."""


def _subgroup_cases(
    graph: EvidenceGraph, data: st.DataObject, theme: str
) -> list[tuple[str, dict[str, object]]]:
    """Quotes under a theme kept to a sample or subgroup drawn from the corpus, if it has one."""
    samples = [sample for _, sample in graph.nodes(NodeKind.SAMPLE)]
    if not samples:
        return []
    sample = data.draw(st.sampled_from(samples))
    subgroup = data.draw(st.sampled_from([sample.id, graph.iri(sample)]))
    return [("quotes-for-theme", {"theme": theme, "subgroup": subgroup})]


def drawn_cases(graph: EvidenceGraph, data: st.DataObject) -> list[tuple[str, dict[str, object]]]:
    """Draw parameters for every question from what the corpus holds."""
    cases: list[tuple[str, dict[str, object]]] = [("theme-tree", {}), ("stats", {})]
    cases.append(("unsupported-claims", {}))
    themes = list(graph.themes())
    if themes:
        theme = data.draw(st.sampled_from(themes))
        key = data.draw(
            st.sampled_from([theme.label, theme.label.upper(), theme.id, graph.iri(theme)])
        )
        subthemes = data.draw(st.booleans())
        cases.append(("quotes-for-theme", {"theme": key, "subthemes": subthemes}))
        cases.append(("quotes-for-theme", {"theme": theme.label, "study": theme.study}))
        cases.extend(_subgroup_cases(graph, data, key))
        cases.append(("theme-tree", {"study": theme.study}))
    claims = list(graph.claims())
    if claims:
        claim = data.draw(st.sampled_from(claims))
        cases.append(
            ("evidence-for", {"claim": data.draw(st.sampled_from([claim.id, graph.iri(claim)]))})
        )
    works = list(graph.works())
    work = data.draw(st.sampled_from(works))
    cases.append(("citing-works", {"work": work.doi or work.id}))
    cases.append(("cited-works", {"work": graph.iri(work)}))
    quotes = list(graph.quotes())
    word = data.draw(st.sampled_from(WORDS))
    if quotes:
        quote = data.draw(st.sampled_from(quotes))
        start = data.draw(st.integers(0, max(len(quote.text) - 1, 0)))
        piece = quote.text[start : start + data.draw(st.integers(1, 12))]
        if piece.strip():
            cases.append(("search-quotes", {"text": piece.swapcase()}))
    cases.append(("search-quotes", {"text": word, "themes": data.draw(st.booleans())}))
    concepts = list(graph.concepts())
    if concepts:
        concept = data.draw(st.sampled_from(concepts))
        keys = [graph.iri(concept), concept.id]
        keys += [match.iri for match in concept.matches if match.iri]
        keys += [f"{match.scheme}:{match.code}" for match in concept.matches if match.code]
        keys += [match.code for match in concept.matches if match.code]
        cases.append(("about-concept", {"concept": data.draw(st.sampled_from(keys))}))
        diagnosis = data.draw(
            st.sampled_from([graph.iri(concept), *[m.iri for m in concept.matches if m.iri]])
        )
    else:
        diagnosis = None
    profile: dict[str, object] = {
        "sex": data.draw(st.sampled_from([None, "female", "male"])),
        "age": data.draw(st.sampled_from([None, 0, 17.5, 18, 25, 40, 70])),
        "months-since-diagnosis": data.draw(st.sampled_from([None, 0, 6, 12.5, 18, 30])),
        "in-treatment": data.draw(st.sampled_from([None, True, False])),
        "psychosis": data.draw(st.sampled_from([None, True, False])),
        "concept": data.draw(st.sampled_from([None, diagnosis])),
        "diagnosis-source": data.draw(
            st.sampled_from([None, "clinician-assessed", "self-reported"])
        ),
        "setting": data.draw(st.sampled_from([None, "community", "outpatient", "forensic"])),
        "recovery-status": data.draw(st.sampled_from([None, "recovered", "not-recovered"])),
    }
    cases.append(("studies-matching", {k: v for k, v in profile.items() if v is not None}))
    cases.append(("mapped-to", {}))
    mappings = list(graph.mappings())
    if mappings:
        target = graph.get(data.draw(st.sampled_from(mappings)).object)
        assert isinstance(target, Concept | Theme)
        key = data.draw(st.sampled_from([target.id, graph.iri(target), target.label.swapcase()]))
        cases.append(("mapped-to", {"target": key}))
    return cases


HOSTILE = (  # Graphviz's escapes, markup, a control character, RTL, emoji, a long word
    'Sh<e> said & "left" \\N \\G \\L \\E \\T \\H \\\\ \x1b[31m</svg><script>alert(1)</script> '
    "مرحبا 🙂 " + "x" * 120
)

SECOND_STUDY: dict[str, Any] = {
    "works": [{"id": "second-paper", "type": "journal-article", "title": f"Second {HOSTILE}"}],
    "studies": [
        {
            "id": "second",
            "label": f"A second study {HOSTILE}",
            "design": "qualitative",
            "reported_in": ["second-paper"],
        }
    ],
    "samples": [
        {"id": "everyone", "study": "second", "size": 4},
        {
            "id": "recovered",
            "study": "second",
            "size": 2,
            "part_of": "everyone",
            "characteristic": {"attribute": "recovery_status", "value": "recovered"},
        },
        {
            "id": "not-recovered",
            "study": "second",
            "size": 2,
            "part_of": "everyone",
            "characteristic": {"attribute": "recovery_status", "value": "not-recovered"},
        },
    ],
    "participants": [
        {"id": "p1", "study": "second", "sample": "recovered", "name": "P1"},
        {"id": "p2", "study": "second", "sample": "not-recovered", "name": "P2"},
    ],
    "themes": [
        {"id": "journey", "study": "second", "label": "The journey", "ordered": True,
         "kind": "grouping"},
        {"id": "stuck", "study": "second", "label": "Being stuck", "parent": "journey",
         "number": 1, "kind": "stage", "color": "#CC79A7"},
        {"id": "turning", "study": "second", "label": HOSTILE, "parent": "journey",
         "number": 2, "kind": "stage"},
        {"id": "moving", "study": "second", "label": "Moving on", "parent": "journey",
         "number": 3, "kind": "stage"},
    ],
    "quotes": [
        {"id": "q1", "study": "second", "text": "I was stuck.", "themes": ["stuck"],
         "read_in": "second-paper", "appears_in": "second-paper", "participant": "p1"},
        {"id": "q2", "study": "second", "text": HOSTILE, "themes": ["stuck", "turning"],
         "read_in": "second-paper", "appears_in": "second-paper", "participant": "p2",
         "role": "contrasting"},
        {"id": "q3", "study": "second", "text": "Nobody heard me.", "themes": ["stuck"],
         "read_in": "second-paper", "appears_in": "second-paper"},
    ],
    "claims": [
        {"id": "second-claim", "statement": f"Turning {HOSTILE}", "kind": "finding",
         "asserted_by": "second-paper", "study": "second", "evidence": ["q1", "q2"]},
    ],
    "mappings": [
        {"id": "m1", "subject": "turning", "relation": "narrow",
         "object": "daring-to-belong", "justification": f"Because {HOSTILE}"},
    ],
}  # fmt: skip


DRAWN: dict[str, dict[str, object]] = {
    "themes": {},
    "evidence": {"claim": "second-claim"},
    "mappings": {},
    "citations": {},
    "eligibility": {"sex": "female", "age": "25", "in-treatment": "true"},
}
"""Each drawing, with parameters that draw it over the literature and the second study."""


EXPLORER_HOSTILE = (
    "</script><script>alert(1)</script> <img src=x onerror=alert(1)> <!-- <script> & "
    "\"quoted\" 'single' שלום עולם 👩‍⚕️🌈 \u2028 end"
)
"""A quote an explorer page must show as text: markup, a comment, quotes, RTL, emoji."""

TRANSCRIPT = "PRIVATE TRANSCRIPT words that no page may show"
"""A transcript (a work's private text) that no page or export may show."""


def explorer_study() -> dict[str, Any]:
    """A second study shaped unlike Kverme's, for the explorer page: a subgroup, a named
    speaker, a claim, a transcript, a ``javascript:`` address and hostile text everywhere."""
    return {
        "works": [
            {
                "id": "hostile-paper",
                "type": "journal-article",
                "title": "<b>Bold</b> & </script>",
                "text": TRANSCRIPT,
                "url": "javascript:alert(4)",
            }
        ],
        "studies": [
            {
                "id": "hostile",
                "label": "<img src=x onerror=alert(2)> study",
                "design": "qualitative",
                "reported_in": ["hostile-paper"],
            }
        ],
        "samples": [
            {"id": "hostile-all", "study": "hostile", "size": 9},
            {
                "id": "hostile-recovered",
                "study": "hostile",
                "size": 4,
                "part_of": "hostile-all",
                "characteristic": {"attribute": "recovery_status", "value": "recovered"},
            },
        ],
        "participants": [
            {"id": "p1", "study": "hostile", "name": "P<1>", "sample": "hostile-recovered"}
        ],
        "themes": [
            {"id": "t-top", "study": "hostile", "label": "<script>alert(3)</script>"},
            {"id": "t-rtl", "study": "hostile", "label": "מרחב 🌱 <i>", "parent": "t-top"},
        ],
        "quotes": [
            {
                "id": "hostile-quote",
                "study": "hostile",
                "text": EXPLORER_HOSTILE,
                "themes": ["t-rtl", "t-top"],
                "read_in": "hostile-paper",
                "appears_in": "hostile-paper",
                "participant": "p1",
                "speaker": "P<1>",
            }
        ],
        "claims": [
            {
                "id": "hostile-claim",
                "statement": "A quote under two themes is one piece of evidence",
                "kind": "finding",
                "asserted_by": "hostile-paper",
                "study": "hostile",
                "evidence": ["hostile-quote"],
            }
        ],
    }
