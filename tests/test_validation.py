"""SHACL validation: every export conforms, each shape reports the defect planted for it, and
the engine reports what pyshacl, the reference, reports."""

from __future__ import annotations

import http.server
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
import pytest
from helpers import examples, serving
from hypothesis import HealthCheck, given, settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, SH
from strategies import corpora

from evidence_graph import (
    DATASETS,
    Corpus,
    EvidenceGraph,
    ValidationReport,
    Work,
    WorkType,
    from_rdf,
    load,
    serialize,
    to_rdf,
    validate,
)
from evidence_graph import validation as validation_module
from evidence_graph.cli import main
from evidence_graph.exceptions import NotWritableError
from evidence_graph.namespace import (
    DCTERMS,
    EG,
    EG_NAMESPACE,
    FABIO,
    FOAF,
    OA,
    OBO,
    PRISM,
    PROV,
    RDF,
    RDFS,
    SKOS,
    SSSOM,
    XSD,
    member_place,
)
from evidence_graph.resources import ontology_path
from evidence_graph.validation import SHAPES_FILE, SHAPES_NAMESPACE, load_shapes, read_report
from evidence_graph.validation import engine as engine_module

DATA = "https://w3id.org/evidence-graph/data/"
PAPER = URIRef("https://doi.org/10.3389/fpsyg.2019.00430")
LENZENWEGER = URIRef("https://doi.org/10.1016/j.biopsych.2006.09.019")
KVERME = URIRef(DATA + "person/britt-kverme")
LANE = URIRef(DATA + "person/lane")
STUDY = URIRef(DATA + "study/kverme2019")
SAMPLE = URIRef(DATA + "sample/kverme2019/kverme2019-participants")
SUBGROUP = URIRef(DATA + "sample/kverme2019/in-group-therapy")
PARTICIPANT = URIRef(DATA + "participant/kverme2019/p7")
NO_PSYCHOSIS = URIRef(DATA + "criterion/kverme2019/no-psychosis")
RANGE = URIRef(DATA + "criterion/kverme2019/diagnosed-6-to-18-months-before/constraint")
EQUALS = URIRef(DATA + "criterion/kverme2019/in-treatment/constraint")
CONDITION = URIRef(NO_PSYCHOSIS + "/constraint")
SCHEME = URIRef(DATA + "scheme/kverme2019")
SUB_THEME = URIRef(DATA + "theme/kverme2019/daring-to-belong")
QUOTE = URIRef(DATA + "quote/kverme2019/group-therapy-helped-most")
TARGET = URIRef(QUOTE + "/target")
SELECTOR = URIRef(QUOTE + "/selector")
POSITION = URIRef(QUOTE + "/position")
CLAIM = URIRef(DATA + "claim/kverme2019/limitation-small-sample")
BPD = URIRef("http://id.nlm.nih.gov/mesh/D001883")
ICD_10 = URIRef("http://id.who.int/icd/release/10/2016/F60.3")
AUTHORS = URIRef(DATA + "authors/kverme2019-paper")
TOP_THEME = URIRef(DATA + "theme/kverme2019/moving-toward-connectedness")
LEARNING = URIRef(DATA + "theme/kverme2019/learning-to-hold-ones-own")
RELATIONSHIPS = URIRef(DATA + "theme/katsakou2012/relationships")  # a theme of another study
CHIME = URIRef(DATA + "scheme/chime")
CONNECTEDNESS = URIRef(DATA + "concept/chime-connectedness")
HOPE = URIRef(DATA + "concept/chime-hope")
TO_CONNECTEDNESS = URIRef(DATA + "mapping/moving-toward-connectedness-to-chime-connectedness")
TO_RELATIONSHIPS = URIRef(DATA + "mapping/learning-to-hold-ones-own-to-relationships")
STAGES = URIRef(DATA + "theme/katsakou2012/stages")  # an ordered grouping
CODER = URIRef(DATA + "coder/kverme2019/anna")
MEMO = URIRef(DATA + "memo/kverme2019/groups-memo")
TRAIT = URIRef(PARTICIPANT + "/characteristic-1")
SURVIVING = URIRef(DATA + "theme/katsakou2012/surviving")  # its first stage
PROCESSES = URIRef(DATA + "theme/katsakou2012/processes")  # an unordered grouping
FINDING_HOPE = URIRef(DATA + "theme/katsakou2012/finding-hope")  # its one process
NEUTRAL = URIRef(EG_NAMESPACE + "neutral")  # neither eg:supporting nor eg:contrasting
SPECULATION = URIRef(EG_NAMESPACE + "speculation")  # no eg:claimKind
COMMENTING = URIRef("http://www.w3.org/ns/oa#commenting")
MATCHES = "(skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch)"


@dataclass(frozen=True)
class Defect:
    """A defect planted in the export, and the one shape that must report it, on one node."""

    name: str
    shape: str
    node: URIRef
    path: str | None
    plant: Callable[[Graph], object]
    message: str | None = None
    """The message every result must give, where the test pins it down."""


def _replace(node: URIRef, predicate: URIRef, value: URIRef | Literal) -> Callable[[Graph], object]:
    return lambda graph: graph.set((node, predicate, value))


def _add(node: URIRef, predicate: URIRef, value: URIRef | Literal) -> Callable[[Graph], object]:
    return lambda graph: graph.add((node, predicate, value))


def _drop(
    node: URIRef, predicate: URIRef, value: URIRef | None = None
) -> Callable[[Graph], object]:
    return lambda graph: graph.remove((node, predicate, value))


def _drop_creator(graph: Graph) -> None:
    graph.remove((LENZENWEGER, DCTERMS.creator, LANE))  # yet Lane is still on the author list


def _second_quote_selector(graph: Graph) -> None:
    extra = URIRef(QUOTE + "/selector-2")
    graph.add((TARGET, OA.hasSelector, extra))
    graph.add((extra, RDF.type, OA.TextQuoteSelector))
    graph.add((extra, OA.exact, Literal("Group therapy")))


def _body_is_a_literal(graph: Graph) -> None:
    graph.remove((QUOTE, OA.hasBody, None))
    graph.add((QUOTE, OA.hasBody, Literal("Daring to Belong")))


def _first_author_moved_last(graph: Graph) -> None:
    graph.remove((AUTHORS, RDF._1, KVERME))
    graph.add((AUTHORS, RDF._5, KVERME))


def _in_a_theme_scheme(graph: Graph) -> None:
    """Put MeSH's BPD at the top of a study's theme scheme, as if it were a theme."""
    graph.add((BPD, SKOS.inScheme, SCHEME))
    graph.add((BPD, SKOS.topConceptOf, SCHEME))


def _target_a_literal(graph: Graph) -> None:
    """Map to a theme's name rather than to the theme (with no SKOS triple beside it)."""
    graph.remove((TO_RELATIONSHIPS, OWL.annotatedTarget, RELATIONSHIPS))
    graph.remove((LEARNING, SKOS.relatedMatch, RELATIONSHIPS))
    graph.add((TO_RELATIONSHIPS, OWL.annotatedTarget, Literal("Relationships")))


DEFECTS = [
    Defect("work-with-two-dois", "egsh:WorkShape", PAPER, "prism:doi",
           _add(PAPER, PRISM.doi, Literal("10.1000/another"))),
    Defect("work-with-two-fabio-types", "egsh:WorkShape", PAPER, "rdf:type",
           _add(PAPER, RDF.type, FABIO.Book)),
    Defect("author-list-without-a-creator", "egsh:WorkShape", LENZENWEGER,
           "bibo:authorList/rdfs:member", _drop_creator),
    Defect("person-without-a-name", "egsh:PersonShape", KVERME, "foaf:name",
           _drop(KVERME, FOAF.name)),
    Defect("study-of-an-unknown-design", "egsh:StudyShape", STUDY, "eg:design",
           _replace(STUDY, EG.design, Literal("ethnography"))),
    Defect("sample-without-a-size", "egsh:SampleShape", SAMPLE, "eg:sampleSize",
           _drop(SAMPLE, EG.sampleSize)),
    Defect("sample-size-as-a-string", "egsh:SampleShape", SAMPLE, "eg:sampleSize",
           _replace(SAMPLE, EG.sampleSize, Literal("12"))),
    Defect("sample-youngest-older-than-oldest", "egsh:SampleShape", SAMPLE, "eg:minimumAge",
           _replace(SAMPLE, EG.minimumAge, Literal(40))),
    Defect("sample-of-no-study", "egsh:SampleShape", SAMPLE, "^eg:hasSample",
           lambda graph: graph.remove((STUDY, EG.hasSample, SAMPLE))),
    Defect("subgroup-part-of-a-work", "egsh:SampleShape", SUBGROUP, "obo:BFO_0000050",
           _replace(SUBGROUP, OBO.BFO_0000050, PAPER),
           "a sample is part of (obo:BFO_0000050) at most one other sample, an eg:Sample: the "
           "whole it is a subgroup of"),
    Defect("subgroup-of-an-unknown-attribute", "egsh:SampleShape", SUBGROUP,
           "eg:characteristicAttribute",
           _replace(SUBGROUP, EG.characteristicAttribute, Literal("height"))),
    Defect("subgroup-in-treatment-yes", "egsh:SampleShape", SUBGROUP, "eg:characteristicValue",
           _replace(SUBGROUP, EG.characteristicValue, Literal("yes"))),
    Defect("participant-of-no-study", "egsh:ParticipantShape", PARTICIPANT, "^obo:RO_0000057",
           lambda graph: graph.remove((STUDY, OBO.RO_0000057, PARTICIPANT)),
           "a participant took part in exactly one study: one eg:Study links to it by "
           "obo:RO_0000057"),
    Defect("participant-member-of-a-work", "egsh:ParticipantShape", PARTICIPANT,
           "obo:RO_0002350", _replace(PARTICIPANT, OBO.RO_0002350, PAPER)),
    Defect("participant-with-two-names", "egsh:ParticipantShape", PARTICIPANT, "rdfs:label",
           _add(PARTICIPANT, RDFS.label, Literal("P7"))),
    Defect("criterion-without-its-text", "egsh:CriterionShape", NO_PSYCHOSIS, "rdfs:label",
           _drop(NO_PSYCHOSIS, RDFS.label)),
    Defect("criterion-both-inclusion-and-exclusion", "egsh:CriterionShape", NO_PSYCHOSIS, None,
           _add(NO_PSYCHOSIS, RDF.type, OBO.OBI_0500027)),
    Defect("range-with-a-word-for-a-bound", "egsh:RangeConstraintShape", RANGE, "eg:minimum",
           _replace(RANGE, EG.minimum, Literal("six"))),
    Defect("range-without-bounds", "egsh:RangeConstraintShape", RANGE, None,
           lambda graph: [graph.remove((RANGE, p, None)) for p in (EG.minimum, EG.maximum)]),
    Defect("in-treatment-required-to-be-yes", "egsh:EqualsConstraintShape", EQUALS, None,
           _replace(EQUALS, EG.requiredValue, Literal("yes"))),
    Defect("condition-without-its-name", "egsh:ConditionConstraintShape", CONDITION,
           "eg:condition", _drop(CONDITION, EG.condition)),
    Defect("scheme-without-a-label", "egsh:ThemeSchemeShape", SCHEME, "skos:prefLabel",
           _drop(SCHEME, SKOS.prefLabel)),
    Defect("theme-numbered-zero", "egsh:ThemeShape", SUB_THEME, "eg:themeNumber",
           _replace(SUB_THEME, EG.themeNumber, Literal(0))),
    Defect("sub-theme-also-at-the-top", "egsh:ThemeShape", SUB_THEME, None,
           _add(SUB_THEME, SKOS.topConceptOf, SCHEME)),
    Defect("stage-also-a-process", "egsh:ThemeShape", SURVIVING, "rdf:type",
           _add(SURVIVING, RDF.type, EG.Process)),
    Defect("sample-typed-a-stage", "egsh:ThemeKindShape", SAMPLE, "rdf:type",
           _add(SAMPLE, RDF.type, EG.Stage)),
    Defect("grouping-not-a-collection", "egsh:GroupingShape", PROCESSES, "rdf:type",
           _drop(PROCESSES, RDF.type, SKOS.Collection)),
    Defect("grouping-without-its-member", "egsh:GroupingShape", PROCESSES, "^skos:broader",
           _drop(PROCESSES, SKOS.member, FINDING_HOPE)),
    Defect("ordered-grouping-with-two-lists", "egsh:OrderedGroupingShape", STAGES,
           "skos:memberList", _add(STAGES, SKOS.memberList, RDF.nil)),
    Defect("ordered-grouping-listing-another-theme", "egsh:OrderedGroupingShape", STAGES,
           "skos:memberList/(rdf:rest*)/rdf:first",
           _replace(URIRef(STAGES + "/member-list-2"), RDF.first, FINDING_HOPE)),
    Defect("quote-of-an-unknown-role", "egsh:QuoteShape", QUOTE, "eg:quoteRole",
           _replace(QUOTE, EG.quoteRole, NEUTRAL)),
    Defect("quote-body-a-literal", "egsh:QuoteShape", QUOTE, "oa:hasBody", _body_is_a_literal),
    Defect("quote-with-a-second-motivation", "egsh:QuoteShape", QUOTE, "oa:motivatedBy",
           _add(QUOTE, OA.motivatedBy, COMMENTING)),
    Defect("quote-attributed-to-an-author", "egsh:QuoteShape", QUOTE, "prov:wasAttributedTo",
           _replace(QUOTE, PROV.wasAttributedTo, KVERME),
           "a quote is attributed (prov:wasAttributedTo) only to the participant who said it, an "
           "eg:Participant, and the coder who coded it, an eg:Coder"),
    Defect("quote-attributed-to-two-coders", "egsh:QuoteShape", QUOTE, "prov:wasAttributedTo",
           _add(QUOTE, PROV.wasAttributedTo, URIRef(DATA + "coder/kverme2019/bob")),
           None),
    Defect("coder-of-no-study", "egsh:CoderShape", CODER, "eg:fromStudy",
           _drop(CODER, EG.fromStudy)),
    Defect("memo-with-two-texts", "egsh:MemoShape", MEMO, "oa:bodyValue",
           _add(MEMO, OA.bodyValue, Literal("Another text."))),
    Defect("memo-about-a-person", "egsh:MemoShape", MEMO, "oa:hasTarget",
           _add(MEMO, OA.hasTarget, KVERME)),
    Defect("characteristic-without-a-value", "egsh:ParticipantCharacteristicShape", TRAIT,
           "rdf:value", _drop(TRAIT, RDF.value)),
    Defect("quote-without-its-study", "egsh:QuoteShape", QUOTE, "eg:fromStudy",
           _drop(QUOTE, EG.fromStudy)),
    Defect("target-without-a-source", "egsh:QuoteTargetShape", TARGET, "oa:hasSource",
           _drop(TARGET, OA.hasSource)),
    Defect("target-with-two-quote-selectors", "egsh:QuoteTargetShape", TARGET, "oa:hasSelector",
           _second_quote_selector),
    Defect("selector-with-a-second-exact", "egsh:TextQuoteSelectorShape", SELECTOR, "oa:exact",
           _add(SELECTOR, OA.exact, Literal("Group therapy probably helped me"))),
    Defect("selector-of-white-space", "egsh:TextQuoteSelectorShape", SELECTOR, "oa:exact",
           _replace(SELECTOR, OA.exact, Literal(" \n "))),
    Defect("position-ending-before-it-starts", "egsh:TextPositionSelectorShape", POSITION,
           "oa:start", _replace(POSITION, OA.end, Literal(0, datatype=XSD.nonNegativeInteger))),
    Defect("position-start-an-integer", "egsh:TextPositionSelectorShape", POSITION, "oa:start",
           _replace(POSITION, OA.start, Literal(0))),
    Defect("claim-of-an-unknown-kind", "egsh:ClaimShape", CLAIM, "eg:claimKind",
           _replace(CLAIM, EG.claimKind, SPECULATION)),
    Defect("claim-asserted-by-a-person", "egsh:ClaimShape", CLAIM, "eg:assertedBy",
           _replace(CLAIM, EG.assertedBy, KVERME)),
    Defect("concept-without-a-label", "egsh:ConceptShape", BPD, "skos:prefLabel",
           _drop(BPD, SKOS.prefLabel)),
    Defect("concept-matching-a-literal", "egsh:ConceptShape", BPD, MATCHES,
           _add(BPD, SKOS.exactMatch, Literal("Q208166"))),
    Defect("match-in-a-vocabulary-with-a-space", "egsh:ConceptMatchShape", ICD_10,
           "eg:vocabulary", _replace(ICD_10, EG.vocabulary, Literal("who icd 10"))),
    Defect("author-list-not-a-seq", "egsh:AuthorListShape", AUTHORS, "rdf:type",
           lambda graph: graph.remove((AUTHORS, RDF.type, RDF.Seq))),
    Defect("author-list-without-a-first", "egsh:AuthorListShape", AUTHORS, "rdf:_1",
           _first_author_moved_last),
    # frameworks, their concepts, and theme mappings
    Defect("theme-scheme-with-a-local-id", "egsh:ThemeSchemeShape", SCHEME, "dcterms:identifier",
           _add(SCHEME, DCTERMS.identifier, Literal("kverme2019-themes")),
           "a theme scheme has no dcterms:identifier: its study names it, and a scheme with a "
           "local id is a framework"),
    Defect("theme-matching-without-a-mapping", "egsh:ThemeShape", TOP_THEME, MATCHES,
           _add(TOP_THEME, SKOS.exactMatch, BPD),
           "each SKOS match of a theme is a skos:Concept (a framework's concept or another "
           "study's theme) that a theme mapping names as its owl:annotatedTarget"),
    Defect("quote-coded-under-a-framework-concept", "egsh:QuoteShape", QUOTE, "oa:hasBody",
           _add(QUOTE, OA.hasBody, CONNECTEDNESS),
           "a quote has at least one oa:hasBody, each a theme: an eg:Theme"),
    Defect("framework-without-a-label", "egsh:SchemeShape", CHIME, "skos:prefLabel",
           _drop(CHIME, SKOS.prefLabel),
           "a framework has exactly one skos:prefLabel, its name: a non-empty string"),
    Defect("framework-with-a-local-id-of-words", "egsh:SchemeShape", CHIME, "dcterms:identifier",
           _replace(CHIME, DCTERMS.identifier, Literal("CHIME framework")),
           "a framework has exactly one dcterms:identifier, its local id: a slug of letters, "
           "digits, '.', '_' and '-', or 'study-id/local-id'"),
    Defect("framework-with-two-definitions", "egsh:SchemeShape", CHIME, "skos:definition",
           _add(CHIME, SKOS.definition, Literal("Connectedness, hope, identity, meaning and "
                                                "empowerment.")),
           "a framework has at most one skos:definition, a string"),
    Defect("framework-defined-in-a-person", "egsh:SchemeShape", CHIME, "dcterms:source",
           _replace(CHIME, DCTERMS.source, KVERME),
           "a framework has at most one dcterms:source, the work that sets it out, typed by a "
           "FaBiO class"),
    Defect("framework-missing-a-top-concept", "egsh:SchemeShape", CHIME, "^skos:inScheme",
           _drop(CHIME, SKOS.hasTopConcept, HOPE),
           "the concepts skos:inScheme a framework are exactly its skos:hasTopConcept values"),
    Defect("framework-about-a-study", "egsh:SchemeShape", CHIME, "dcterms:subject",
           _add(CHIME, DCTERMS.subject, STUDY),
           "a framework has no dcterms:subject: is it a study's theme scheme that no eg:Study "
           "links to by eg:hasThemeScheme?"),
    Defect("concept-with-two-definitions", "egsh:ConceptShape", CONNECTEDNESS, "skos:definition",
           _add(CONNECTEDNESS, SKOS.definition, Literal("Relationships and peer support.")),
           "a concept has at most one skos:definition, a string"),
    Defect("concept-in-a-scheme-but-not-at-its-top", "egsh:ConceptShape", CONNECTEDNESS,
           "skos:topConceptOf", _drop(CONNECTEDNESS, SKOS.topConceptOf),
           "a concept is skos:topConceptOf exactly the scheme it is skos:inScheme, and of no "
           "other"),
    Defect("concept-in-a-theme-scheme", "egsh:ConceptShape", BPD, "skos:inScheme",
           _in_a_theme_scheme,
           "a concept is skos:inScheme at most one skos:ConceptScheme, a framework with a "
           "dcterms:identifier (not a study's theme scheme: is it a theme that lacks its "
           "rdf:type eg:Theme?)"),
    Defect("mapping-without-a-justification", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "rdfs:comment", _drop(TO_CONNECTEDNESS, RDFS.comment),
           "a theme mapping has exactly one rdfs:comment, why the two match so: a non-empty "
           "string"),
    Defect("mapping-with-an-empty-justification", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "rdfs:comment", _replace(TO_CONNECTEDNESS, RDFS.comment, Literal("")),
           "a theme mapping has exactly one rdfs:comment, why the two match so: a non-empty "
           "string"),
    Defect("mapping-of-a-concept-not-a-theme", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "owl:annotatedSource", _replace(TO_CONNECTEDNESS, OWL.annotatedSource, BPD),
           "a theme mapping has exactly one owl:annotatedSource, the theme mapped: an eg:Theme"),
    Defect("mapping-by-a-non-mapping-property", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "owl:annotatedProperty", _replace(TO_CONNECTEDNESS, OWL.annotatedProperty, SKOS.broader),
           "a theme mapping has exactly one owl:annotatedProperty: skos:exactMatch, "
           "skos:closeMatch, skos:broadMatch, skos:narrowMatch or skos:relatedMatch"),
    Defect("mapping-of-a-theme-to-itself", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "owl:annotatedTarget", _replace(TO_CONNECTEDNESS, OWL.annotatedTarget, TOP_THEME),
           "a theme mapping has exactly one owl:annotatedTarget, a skos:Concept other than its "
           "theme: a framework's concept or another study's theme"),
    Defect("mapping-to-a-literal", "egsh:ThemeMappingShape", TO_RELATIONSHIPS,
           "owl:annotatedTarget", _target_a_literal,
           "a theme mapping has exactly one owl:annotatedTarget, a skos:Concept other than its "
           "theme: a framework's concept or another study's theme"),
    Defect("mapping-justified-by-a-literal", "egsh:ThemeMappingShape", TO_CONNECTEDNESS,
           "sssom:mapping_justification",
           _replace(TO_CONNECTEDNESS, SSSOM.mapping_justification, Literal("manual")),
           "a theme mapping has exactly one sssom:mapping_justification, the IRI of a SEMAPV "
           "process such as semapv:ManualMappingCuration"),
]  # fmt: skip


def _copy(graph: Graph) -> Graph:
    copy = Graph(bind_namespaces="none")
    for triple in graph:
        copy.add(triple)
    return copy


def _mapping(subject: str, relation: str, object_: str) -> dict[str, str]:
    return {
        "id": f"{subject}-to-{object_}",
        "subject": subject,
        "relation": relation,
        "object": object_,
        "justification": f"Why {subject} matches {object_}.",
    }


FRAMEWORK: dict[str, list[dict[str, Any]]] = {
    "samples": [
        {
            "id": "in-group-therapy",
            "study": "kverme2019",
            "size": 5,
            "part_of": "kverme2019-participants",
            "characteristic": {"attribute": "in_treatment", "value": True},
        }
    ],
    "participants": [
        {
            "id": "p7",
            "study": "kverme2019",
            "name": "Participant 7",
            "sample": "in-group-therapy",
            "characteristics": [{"name": "Age", "value": 27}],
        }
    ],
    "coders": [{"id": "anna", "study": "kverme2019", "name": "Anna"}],
    "memos": [
        {
            "id": "groups-memo",
            "study": "kverme2019",
            "text": "Ask about group therapy.",
            "about": ["group-therapy-helped-most", "moving-toward-connectedness", "kverme2019"],
            "written_by": "anna",
            "created": "2019-03-05T10:00:00",
        }
    ],
    "works": [
        {"id": "leamy2011", "type": "journal-article", "doi": "10.1192/bjp.bp.110.083733"},
        {"id": "katsakou2012-paper", "type": "journal-article"},
    ],
    "studies": [
        {"id": "katsakou2012", "design": "qualitative", "reported_in": ["katsakou2012-paper"]},
    ],
    "themes": [
        {"id": "relationships", "study": "katsakou2012", "label": "Relationships"},
        {
            "id": "stages",
            "study": "katsakou2012",
            "label": "Stages",
            "kind": "grouping",
            "ordered": True,
        },
        {
            "id": "surviving",
            "study": "katsakou2012",
            "label": "Surviving",
            "kind": "stage",
            "parent": "stages",
            "number": 1,
        },
        {
            "id": "seeking",
            "study": "katsakou2012",
            "label": "Seeking",
            "kind": "stage",
            "parent": "stages",
            "number": 2,
        },
        {"id": "processes", "study": "katsakou2012", "label": "Processes", "kind": "grouping"},
        {
            "id": "finding-hope",
            "study": "katsakou2012",
            "label": "Finding hope",
            "kind": "process",
            "parent": "processes",
        },
    ],
    "schemes": [
        {
            "id": "chime",
            "label": "CHIME framework of personal recovery",
            "definition": "Five recovery processes.",
            "defined_in": "leamy2011",
        },
    ],
    "concepts": [
        {
            "id": "chime-connectedness",
            "label": "Connectedness",
            "scheme": "chime",
            "definition": "Having good relationships with other people.",
        },
        {"id": "chime-hope", "label": "Hope and optimism about the future", "scheme": "chime"},
    ],
    "mappings": [
        _mapping("moving-toward-connectedness", "close", "chime-connectedness"),
        _mapping("needing-honesty-and-genuine-mutuality", "broad", "chime-connectedness"),
        _mapping("making-room-for-recovery", "close", "chime-hope"),
        _mapping("learning-to-hold-ones-own", "related", "relationships"),
    ],
}
"""A framework with two concepts, a second study with a theme, an ordered grouping of two
stages and a grouping of one process, and themes mapped onto both; a subgroup of the
kverme2019 sample with one participant, and a coder with a memo."""


@pytest.fixture(scope="module")
def positioned() -> Corpus:
    """The built-in corpus with one quote's position given and :data:`FRAMEWORK` added, so
    that every kind of node occurs."""
    data = load("kverme2019").model_dump()
    for quote in data["quotes"]:
        if quote["id"] == "group-therapy-helped-most":
            quote["position"] = {"start": 100, "end": 100 + len(quote["text"])}
            quote["speaker"] = "Participant 7"  # the participant of FRAMEWORK
            quote.update(coded_by="anna", coded_at="2019-03-01T09:30:00", page="7")
            quote.update(prefix="me: ", suffix=" And")
    for collection, added in FRAMEWORK.items():
        data[collection] = (*data[collection], *added)
    return Corpus.model_validate(data)


@pytest.fixture(scope="module")
def rdf(positioned: Corpus) -> Graph:
    return to_rdf(positioned)


@pytest.fixture(scope="module")
def report(rdf: Graph) -> ValidationReport:
    return validate(rdf)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_each_builtin_dataset_conforms(name: str) -> None:
    report = validate(load(name))
    assert report.results == ()
    assert report.conforms
    assert report.triples == len(to_rdf(load(name)))


def test_an_export_with_every_kind_of_node_conforms(rdf: Graph, report: ValidationReport) -> None:
    assert (POSITION, RDF.type, OA.TextPositionSelector) in rdf
    assert report.results == ()
    assert report.conforms
    assert report.triples == len(rdf)


def test_validate_takes_a_corpus_an_evidence_graph_or_rdf(
    positioned: Corpus, report: ValidationReport
) -> None:
    assert validate(positioned) == report
    assert validate(EvidenceGraph.from_corpus(positioned)) == report


def test_validation_leaves_the_rdf_unchanged(
    positioned: Corpus, rdf: Graph, report: ValidationReport
) -> None:
    assert report.conforms  # the fixture has validated rdf
    assert isomorphic(rdf, to_rdf(positioned))
    assert (None, RDFS.member, None) not in rdf


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda defect: defect.name)
def test_each_shape_reports_the_defect_planted_for_it(rdf: Graph, defect: Defect) -> None:
    assert (defect.node, None, None) in rdf
    broken = _copy(rdf)
    defect.plant(broken)
    assert not isomorphic(broken, rdf)

    report = validate(broken)

    assert not report.conforms
    assert {(result.shape, result.focus_node) for result in report.results} == {
        (defect.shape, str(defect.node))
    }
    assert {result.path for result in report.results} == {defect.path}
    assert all(result.severity == "violation" for result in report.results)
    assert all(
        result.message and not result.message.startswith("breaks") for result in report.results
    )
    if defect.message is not None:
        assert {result.message for result in report.results} == {defect.message}


def test_every_node_shape_has_a_planted_defect() -> None:
    shapes = load_shapes()
    named = {
        "egsh:" + shape.removeprefix(SHAPES_NAMESPACE)
        for shape in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(shape, URIRef)
    }
    assert named == {defect.shape for defect in DEFECTS}


def test_the_shapes_parse_with_a_strict_parser() -> None:
    shapes = ox.parse(path=ontology_path(SHAPES_FILE), format=ox.RdfFormat.TURTLE)
    assert sum(1 for _ in shapes) == len(load_shapes())


def test_every_shape_and_property_shape_explains_itself() -> None:
    shapes = load_shapes()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert node_shapes
    for shape in node_shapes:
        assert shapes.value(shape, RDFS.label) is not None, shape
        assert shapes.value(shape, RDFS.comment) is not None, shape
        for prop in shapes.objects(shape, SH.property):  # nested ones are parts of a condition
            assert shapes.value(prop, SH.name) is not None, (shape, shapes.value(prop, SH.path))
            assert shapes.value(prop, SH.message) is not None, (shape, shapes.value(prop, SH.path))


def _out_of_its_scheme(graph: Graph) -> None:
    graph.remove((SUB_THEME, SKOS.inScheme, None))


def _without_its_class(graph: Graph) -> None:
    graph.remove((SUB_THEME, RDF.type, EG.Theme))


def _in_a_framework(graph: Graph) -> None:
    graph.set((SUB_THEME, SKOS.inScheme, CHIME))


def _framework_without_its_local_id(graph: Graph) -> None:
    graph.remove((CHIME, DCTERMS.identifier, None))


def _values_of_two_kinds(graph: Graph) -> None:
    graph.set((SAMPLE, EG.sampleSize, Literal("twelve")))
    graph.set((QUOTE, EG.quoteRole, NEUTRAL))


def test_a_sub_theme_out_of_its_scheme_is_reported_as_a_theme(rdf: Graph) -> None:
    broken = _copy(rdf)
    _out_of_its_scheme(broken)

    report = validate(broken)

    assert {(result.shape, result.focus_node, result.path) for result in report.results} == {
        ("egsh:ThemeShape", str(SUB_THEME), "skos:inScheme"),
    }


def test_a_sub_theme_without_its_class_is_reported_as_a_concept_and_as_a_body(
    rdf: Graph,
) -> None:
    broken = _copy(rdf)
    _without_its_class(broken)

    report = validate(broken)

    assert {(result.shape, result.focus_node, result.path) for result in report.results} == {
        ("egsh:ConceptShape", str(SUB_THEME), "skos:broader"),
        ("egsh:ConceptShape", str(SUB_THEME), "skos:inScheme"),
        ("egsh:ConceptShape", str(SUB_THEME), "skos:topConceptOf"),
        ("egsh:QuoteShape", str(QUOTE), "oa:hasBody"),
    }
    [broader] = [result for result in report.results if result.path == "skos:broader"]
    assert broader.message == (
        "a concept that is not an eg:Theme has no skos:broader theme: is it a sub-theme that "
        "lacks its rdf:type eg:Theme?"
    )


def test_a_theme_in_a_framework_is_reported_as_a_theme_and_by_the_framework(rdf: Graph) -> None:
    broken = _copy(rdf)
    _in_a_framework(broken)

    report = validate(broken)

    assert {(result.shape, result.focus_node, result.path) for result in report.results} == {
        ("egsh:ThemeShape", str(SUB_THEME), "skos:inScheme"),
        ("egsh:SchemeShape", str(CHIME), "^skos:inScheme"),
    }


def test_a_framework_without_its_local_id_is_reported_by_it_and_its_concepts(
    rdf: Graph,
) -> None:
    broken = _copy(rdf)
    _framework_without_its_local_id(broken)

    report = validate(broken)

    assert {(result.shape, result.focus_node, result.path) for result in report.results} == {
        ("egsh:SchemeShape", str(CHIME), "dcterms:identifier"),
        ("egsh:ConceptShape", str(CONNECTEDNESS), "skos:inScheme"),
        ("egsh:ConceptShape", str(HOPE), "skos:inScheme"),
    }


def test_a_framework_concept_matched_by_a_theme_is_no_concept_match(rdf: Graph) -> None:
    """A mapping's SKOS triple makes its target no egsh:ConceptMatchShape focus node."""
    assert (TOP_THEME, SKOS.closeMatch, CONNECTEDNESS) in rdf
    assert (CONNECTEDNESS, EG.vocabulary, None) not in rdf
    shapes = load_shapes()
    match_shape = URIRef(SHAPES_NAMESPACE + "ConceptMatchShape")
    assert set(shapes.objects(match_shape, SH.targetSubjectsOf)) == {EG.vocabulary}
    assert set(shapes.objects(match_shape, SH.targetClass)) == set()


def test_an_export_with_frameworks_and_mappings_conforms(
    positioned: Corpus, rdf: Graph, report: ValidationReport
) -> None:
    assert len(positioned.schemes) == 1
    assert len(positioned.mappings) == 4
    for node, cls in (
        (CHIME, SKOS.ConceptScheme),
        (CONNECTEDNESS, SKOS.Concept),
        (RELATIONSHIPS, EG.Theme),
        (TO_CONNECTEDNESS, OWL.Axiom),
        (TO_RELATIONSHIPS, OWL.Axiom),
    ):
        assert (node, RDF.type, cls) in rdf
    assert (LEARNING, SKOS.relatedMatch, RELATIONSHIPS) in rdf
    assert report.results == ()
    assert report.conforms


def test_results_name_the_value_in_turtle_syntax(rdf: Graph) -> None:
    broken = _copy(rdf)
    _values_of_two_kinds(broken)

    values = {result.value for result in validate(broken).results}

    assert values == {'"twelve"', "eg:neutral"}


def test_validation_makes_no_network_access(rdf: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validation tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    validation_module._engine.cache_clear()  # read the shapes under the guard too
    data = _copy(rdf)
    data.add((URIRef(DATA), OWL.imports, URIRef("http://example.org/no-such-ontology")))

    report = validate(data)

    assert report.conforms
    assert (None, OWL.imports, None) not in load_shapes()


def test_the_engine_fetches_no_ontology_the_data_imports(rdf: Graph) -> None:
    """The engine is not Python: a server on this machine sees whether it asks for anything."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as url:
        data = _copy(rdf)
        data.add((URIRef(DATA), OWL.imports, URIRef(f"{url}/ontology")))
        data.add((URIRef(DATA), SH.shapesGraph, URIRef(f"{url}/shapes")))
        report = validate(data)

    assert report.conforms
    assert asked == []


def test_cli_validate_prints_that_the_dataset_is_valid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    triples = len(to_rdf(load("kverme2019")))
    assert out == f"valid: {triples} triples conform to the shapes\n"


def test_cli_validate_reports_a_turtle_file_with_a_defect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no cell wraps
    rdf = to_rdf(load("kverme2019"))
    rdf.add((QUOTE, OA.motivatedBy, COMMENTING))
    source = tmp_path / "defect.ttl"
    source.write_text(serialize(rdf, "turtle"), encoding="utf-8")

    assert main(["validate", str(source)]) == 1

    out = capsys.readouterr().out
    assert f"invalid: 2 problems in {len(rdf)} triples" in out
    rows = [line.split("│")[1:-1] for line in out.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        [
            str(QUOTE),
            "oa:motivatedBy",
            "a quote's annotation is oa:motivatedBy exactly oa:classifying (value: oa:commenting)",
        ],
        [
            str(QUOTE),
            "oa:motivatedBy",
            "a quote's annotation is oa:motivatedBy exactly oa:classifying",
        ],
    ]


def test_cli_validate_of_a_file_the_models_refuse_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rdf = to_rdf(load("kverme2019"))
    rdf.set((SAMPLE, EG.sampleSize, Literal("twelve")))
    source = tmp_path / "refused.ttl"
    source.write_text(serialize(rdf, "turtle"), encoding="utf-8")

    assert main(["validate", str(source)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error:" in captured.err
    assert "size" in captured.err


def test_a_study_without_themes_conforms_and_reads_back() -> None:
    corpus = load("kverme2019")
    without_themes = Corpus.model_validate(
        {**corpus.model_dump(), "themes": (), "quotes": (), "claims": ()}
    )
    assert validate(without_themes).conforms
    assert from_rdf(to_rdf(without_themes)).to_corpus() == without_themes


# The engine against the reference: pyshacl, run as validate ran it before the engine came.


def _is_member(predicate: object) -> bool:
    try:
        return isinstance(predicate, URIRef) and member_place(predicate) is not None
    except ValueError:  # rdf:_x, rdf:_0: not a member property
        return False


def _reference(rdf: Graph) -> ValidationReport:
    """Validate with pyshacl: the RDF and the rdfs:member triples RDFS entails from rdf:_n."""
    data = _copy(rdf)
    for subject, predicate, value in rdf:
        if _is_member(predicate):
            data.add((subject, RDFS.member, value))
    shapes = load_shapes()
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=None,
        inference="none",
        advanced=True,  # the SPARQL targets of egsh:ConceptShape and egsh:SchemeShape
        inplace=True,
        do_owl_imports=False,
        sparql_mode=False,
        js=False,
    )
    assert isinstance(report, Graph), text
    return ValidationReport(
        conforms=bool(conforms), triples=len(rdf), results=read_report(report, shapes)
    )


SOMEONE = BNode("someone-without-a-name")
ODD_PERSON = URIRef("https://example.org/personne/Zoë%20Ω?x=1&y=2#ça")
HOSTILE = (
    'He said "no" <b>&amp; 😀 \u202b\u05e9\u05dc\u05d5\u05dd\u202c\\ \x00\t\r\n' + "long " * 20_000
)


def _blank_nodes(graph: Graph) -> None:
    """A person that is a blank node, without a name, and a quote attributed to one."""
    graph.add((SOMEONE, RDF.type, FOAF.Person))
    graph.set((QUOTE, PROV.wasAttributedTo, BNode("nobody")))


def _hostile_words(graph: Graph) -> None:
    """Words of every kind, which conform, and a second name that does not, in hostile text."""
    graph.set((SELECTOR, OA.exact, Literal(HOSTILE)))
    graph.add((KVERME, FOAF.name, Literal(HOSTILE, lang="en-GB-oxendict")))


def _white_space_only(graph: Graph) -> None:
    """Words that are only white space, of the kinds Python and Rust call so differently."""
    graph.set((SELECTOR, OA.exact, Literal("\u00a0\u2028\u3000\x1c\x1f\t")))


def _odd_terms(graph: Graph) -> None:
    """A person of an odd IRI without a name, and a size in a language."""
    graph.add((ODD_PERSON, RDF.type, FOAF.Person))
    graph.set((SAMPLE, EG.sampleSize, Literal("12", lang="nb-NO")))


def _imports(graph: Graph) -> None:
    graph.add((URIRef(DATA), OWL.imports, URIRef("http://example.org/no-such-ontology")))


EXTRA = [
    ("clean", lambda _: None),
    ("sub-theme-out-of-its-scheme", _out_of_its_scheme),
    ("sub-theme-without-its-class", _without_its_class),
    ("theme-in-a-framework", _in_a_framework),
    ("framework-without-its-local-id", _framework_without_its_local_id),
    ("values-of-two-kinds", _values_of_two_kinds),
    ("blank-nodes", _blank_nodes),
    ("hostile-words", _hostile_words),
    ("white-space-only", _white_space_only),
    ("odd-terms", _odd_terms),
    ("imports", _imports),
]
"""The cases beyond the planted defects: the tests above, and inputs of other tools."""


@pytest.mark.parametrize(
    ("name", "plant"),
    [(defect.name, defect.plant) for defect in DEFECTS] + EXTRA,
    ids=[defect.name for defect in DEFECTS] + [name for name, _ in EXTRA],
)
def test_the_engine_reports_what_pyshacl_reports(
    rdf: Graph, name: str, plant: Callable[[Graph], object]
) -> None:
    broken = _copy(rdf)
    plant(broken)

    report = validate(broken)

    assert report == _reference(broken)
    assert report.conforms == (name in {"clean", "imports"})


def test_the_hostile_cases_are_reported_on_the_nodes_planted(rdf: Graph) -> None:
    """What the comparison above compares, for the inputs of other tools."""
    found = {}
    for name in ("blank-nodes", "hostile-words", "white-space-only", "odd-terms"):
        plant = dict(EXTRA)[name]
        broken = _copy(rdf)
        plant(broken)
        found[name] = {(r.focus_node, r.path, r.value) for r in validate(broken).results}
    assert found["blank-nodes"] == {
        ("_:someone-without-a-name", "foaf:name", None),
        ("_:someone-without-a-name", "dcterms:identifier", None),
        (str(QUOTE), "prov:wasAttributedTo", "_:nobody"),
    }
    assert {(focus, path) for focus, path, _ in found["hostile-words"]} == {
        (str(KVERME), "foaf:name")
    }
    assert found["white-space-only"] == {
        (str(SELECTOR), "oa:exact", '"\u00a0\u2028\u3000\x1c\x1f\t"')
    }
    assert found["odd-terms"] == {
        (str(ODD_PERSON), "foaf:name", None),
        (str(ODD_PERSON), "dcterms:identifier", None),
        (str(SAMPLE), "eg:sampleSize", '"12"@nb-no'),
    }


@given(corpus=corpora(max_studies=2))
@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_corpora_conform_for_both_engines(corpus: Corpus) -> None:
    rdf = to_rdf(corpus)

    report = validate(corpus)

    assert report == _reference(rdf)
    assert report.results == ()
    assert report.triples == len(rdf)


def test_an_rdflib_graph_with_an_iri_n_triples_cannot_write_is_refused(rdf: Graph) -> None:
    broken = _copy(rdf)
    broken.add((URIRef("https://example.org/a b"), RDF.type, FOAF.Person))  # rdflib logs it

    with pytest.raises(NotWritableError) as info:
        validate(broken)

    assert str(info.value) == (
        "the triple <https://example.org/a b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://xmlns.com/foaf/0.1/Person>: the IRI 'https://example.org/a b' is not one RDF "
        "allows (Invalid IRI code point ' '); expected an absolute IRI without spaces or any of "
        '<>"{}|^`\\'
    )


def test_a_final_line_break_in_an_id_is_reported_by_the_engine_not_by_pyshacl(
    rdf: Graph,
) -> None:
    """SHACL's patterns are XPath's, where ``$`` is the end of the text; Python's ``$`` also
    matches before a final line break, so pyshacl lets one through. The models refuse it."""
    broken = _copy(rdf)
    broken.set((STUDY, DCTERMS.identifier, Literal("kverme2019\n")))

    results = validate(broken).results

    assert [(r.focus_node, r.path, r.constraint) for r in results] == [
        (str(STUDY), "dcterms:identifier", "sh:PatternConstraintComponent")
    ]
    assert _reference(broken).results == ()


def test_a_bound_of_a_datatype_no_engine_knows_is_reported_by_the_engine_not_by_pyshacl(
    rdf: Graph,
) -> None:
    """SHACL reports a value that cannot be compared with sh:minInclusive's bound; pyshacl
    reports a string (the defect sample-size-as-a-string) but not a datatype it does not know."""
    broken = _copy(rdf)
    broken.set((SUBGROUP, EG.sampleSize, Literal("5", datatype=URIRef("https://example.org/ω#n"))))

    results = validate(broken).results

    assert [(r.focus_node, r.path, r.constraint) for r in results] == [
        (str(SUBGROUP), "eg:sampleSize", "sh:DatatypeConstraintComponent"),
        (str(SUBGROUP), "eg:sampleSize", "sh:MinInclusiveConstraintComponent"),
    ]
    assert [r.constraint for r in _reference(broken).results] == ["sh:DatatypeConstraintComponent"]


def test_the_data_file_is_read_back_the_same_in_blocks_of_any_size(
    rdf: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rdf:_n lines and the blank nodes are found in the file a block at a time."""
    broken = _copy(rdf)
    _blank_nodes(broken)
    _drop_creator(broken)  # a defect only the rdfs:member lines show
    whole = validate(broken)
    assert {r.focus_node for r in whole.results} >= {"_:someone-without-a-name", str(LENZENWEGER)}

    monkeypatch.setattr(engine_module, "_BLOCK", 61)  # lines cut at every place in turn

    assert validate(broken) == whole


def test_a_data_set_offered_as_evidence_conforms_for_both_engines() -> None:
    """Every kind of work may be a claim's evidence: a data file (fabio:DataFile) too."""
    corpus = load("kverme2019")
    data = Work(id="data1", type=WorkType.DATASET, title="A data set", doi="10.1004/m")
    first, *rest = corpus.claims
    claim = first.model_copy(update={"evidence": (*first.evidence, "data1")})
    corpus = Corpus.model_validate(
        corpus.model_copy(
            update={"works": (*corpus.works, data), "claims": (claim, *rest)}
        ).model_dump()
    )

    report = validate(corpus)

    assert report == _reference(to_rdf(corpus))
    assert report.results == ()
