"""The ontology declares every term of our namespace, and the RDF export uses exactly those."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TypeGuard

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from evidence_graph import Claim, Corpus, Quote, Study, ThemeKind, load, to_rdf
from evidence_graph.namespace import DCTERMS, EG, EG_NAMESPACE, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontologies" / "evidence-graph.ttl"
ONTOLOGY = URIRef("https://w3id.org/evidence-graph/ontology")
VERSION_IRI = URIRef("https://w3id.org/evidence-graph/ontology/0.1.0")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")

EG_TERMS = frozenset(URIRef(term) for term in dir(EG))
"""Every term of the class EG in evidence_graph/namespace.py."""

THEME_KIND_CLASSES = frozenset(
    {EG.MainTheme, EG.SubTheme, EG.Category, EG.Stage, EG.Process, EG.Domain, EG.Grouping}
)
"""The class of each kind of theme; kverme2019's themes give no kind."""

STUDY_FACTS = {
    "analysis_concept": "https://example.org/methods/stepwise-deductive-induction",
    "recruitment_setting": "recruited through outpatient clinics",
    "setting": "outpatient",
    "sampling_strategy": "purposive",
    "diagnosis_source": "clinician-assessed",
    "diagnosis_method": "diagnosed by the treating clinician",
}
"""Facts of a study that the kverme2019 dataset leaves empty, given for the terms they write."""

WRITTEN_ONLY_FOR_OTHER_DATA = frozenset(
    {
        EG.speaker,
        EG.evidenceNotTranscribed,
        EG.analysisMethod,
        EG.recruitmentSetting,
        EG.setting,
        EG.samplingStrategy,
        EG.diagnosisSource,
        EG.diagnosisMethod,
        *THEME_KIND_CLASSES,
        EG.Participant,
        EG.characteristicAttribute,
        EG.characteristicValue,
        EG.Coder,
        EG.Memo,
        EG.ParticipantCharacteristic,
        EG.hasCharacteristic,
        EG.color,
        EG.page,
        EG.plainText,
    }
)
"""Terms rdf.py writes, but not for kverme2019: eg:speaker needs a quote with a speaker id,
eg:evidenceNotTranscribed a claim whose evidence is not transcribed, the others the facts of
a study that the dataset leaves empty (:data:`STUDY_FACTS`), the classes of the kinds of theme
a theme with a kind, the others a participant and a subgroup, or the coders, memos, colours,
characteristics and sources of a QDA project."""

ONTOLOGY_ONLY = frozenset({EG.ClaimKind, EG.QuoteRole})
"""Terms rdf.py never writes: the classes of the individuals that eg:claimKind and
eg:quoteRole point to, which the ontology types."""

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
SKOS_MAPPINGS = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)
DERIVED_DATATYPES: dict[Node, set[URIRef]] = {
    XSD.decimal: {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger},
    XSD.integer: {XSD.nonNegativeInteger, XSD.positiveInteger},
}
"""The XSD datatypes whose values lie within another's, for the datatypes our ranges name."""


def ours(term: Node) -> TypeGuard[URIRef]:
    """Return whether a node is an IRI of our namespace."""
    return isinstance(term, URIRef) and term.startswith(EG_NAMESPACE)


def terms_used(graph: Graph) -> set[URIRef]:
    """Return every IRI of our namespace that appears anywhere in a graph."""
    return {term for triple in graph for term in triple if ours(term)}


def members(ontology: Graph, expression: Node) -> set[Node]:
    """Return the classes (or datatypes) a class expression names: itself, or its union."""
    if isinstance(expression, BNode):
        union = ontology.value(expression, OWL.unionOf)
        assert union is not None, f"expected a named class or a union, got {expression!r}"
        return set(Collection(ontology, union))
    return {expression}


def datatype(literal: Literal) -> URIRef:
    if literal.datatype is not None:
        return literal.datatype
    return RDF.langString if literal.language else XSD.string


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def kverme2019() -> Graph:
    return to_rdf(load("kverme2019"))


@pytest.fixture(scope="module")
def with_speaker() -> Graph:
    """kverme2019 with a speaker given to its first quote, a claim whose evidence is not
    transcribed, the facts of :data:`STUDY_FACTS` given to its study, a participant and a
    subgroup."""
    corpus = load("kverme2019")
    first, *rest = corpus.quotes
    quote = Quote.model_validate({**first.model_dump(), "speaker": "P1"})
    claim, *others = corpus.claims
    flagged = Claim.model_validate({**claim.model_dump(), "evidence_not_transcribed": True})
    study = Study.model_validate({**corpus.studies[0].model_dump(), **STUDY_FACTS})
    subgroup = {
        "id": "in-group-therapy",
        "study": "kverme2019",
        "size": 5,
        "part_of": corpus.samples[0].id,
        "characteristic": {"attribute": "in_treatment", "value": True},
    }
    participant = {"id": "p1", "study": "kverme2019", "sample": "in-group-therapy"}
    changed = {
        "quotes": (quote, *rest),
        "claims": (flagged, *others),
        "studies": (study,),
        "samples": (*corpus.samples, subgroup),
        "participants": (participant,),
    }
    return to_rdf(Corpus(**{**dict(corpus), **changed}))


@pytest.fixture(scope="module")
def with_kinds() -> Graph:
    """kverme2019 with its themes in a grouping, and a theme of every other kind beside."""
    data = load("kverme2019").model_dump()
    kinds = [kind for kind in ThemeKind if kind is not ThemeKind.GROUPING]
    data["themes"] = [
        {"id": "all", "study": "kverme2019", "label": "All", "kind": "grouping", "ordered": True},
        *({**theme, "parent": theme["parent"] or "all"} for theme in data["themes"]),
        *(
            {"id": kind.value, "study": "kverme2019", "label": kind.value, "kind": kind}
            for kind in kinds
        ),
    ]
    return to_rdf(Corpus.model_validate(data))


@pytest.fixture(scope="module")
def with_frameworks() -> Graph:
    """kverme2019 with a framework of two concepts and two themes mapped onto them."""
    data = load("kverme2019").model_dump()
    data["works"] = (*data["works"], {"id": "leamy2011", "type": "journal-article"})
    data["schemes"] = ({"id": "chime", "label": "CHIME", "defined_in": "leamy2011"},)
    data["concepts"] = (
        *data["concepts"],
        {"id": "chime-connectedness", "label": "Connectedness", "scheme": "chime"},
        {"id": "chime-hope", "label": "Hope", "scheme": "chime", "definition": "Hope."},
    )
    data["mappings"] = (
        {
            "id": "m1",
            "subject": "daring-to-belong",
            "relation": "close",
            "object": "chime-connectedness",
            "justification": "Both are about belonging.",
        },
        {
            "id": "m2",
            "subject": "making-room-for-recovery",
            "relation": "narrow",
            "object": "chime-hope",
            "justification": "The theme holds hope and more.",
        },
    )
    return to_rdf(Corpus.model_validate(data))


@pytest.fixture(scope="module")
def with_coding() -> Graph:
    """kverme2019 with what a QDA project gives: a coder and a memo, a coded quote with its
    page, a theme's colour, a participant's characteristics, and a source with its text."""
    data = load("kverme2019").model_dump()
    first, *rest = data["quotes"]
    coded = {**first, "coded_by": "anna", "coded_at": "2019-03-01T09:30:00", "page": "7"}
    top, *others = data["themes"]
    data.update(
        quotes=(coded, *rest),
        themes=({**top, "color": "#1F77B4"}, *others),
        works=(*data["works"], {"id": "interview-1", "type": "dataset", "text": "Words."}),
        participants=(
            {
                "id": "p1",
                "study": "kverme2019",
                "characteristics": [{"name": "Age", "value": 27}],
            },
        ),
        coders=({"id": "anna", "study": "kverme2019", "name": "Anna"},),
        memos=({"id": "m1", "study": "kverme2019", "text": "A memo.", "about": [first["id"]]},),
    )
    return to_rdf(Corpus.model_validate(data), include_sources=True)


@pytest.fixture(
    scope="module",
    params=["kverme2019", "with_speaker", "with_frameworks", "with_kinds", "with_coding"],
)
def export(request: pytest.FixtureRequest) -> Graph:
    graph: Graph = request.getfixturevalue(request.param)
    return graph


@pytest.fixture(scope="module")
def types(ontology: Graph, export: Graph) -> dict[Node, set[Node]]:
    """Return the classes of each node as stated by the export and the ontology.

    SKOS says that whatever a SKOS mapping property links is a skos:Concept; that is added too.
    """
    found: dict[Node, set[Node]] = defaultdict(set)
    for graph in (ontology, export):
        for node, cls in graph.subject_objects(RDF.type):
            found[node].add(cls)
    for predicate in SKOS_MAPPINGS:
        for subject, object_ in export.subject_objects(predicate):
            found[subject].add(SKOS.Concept)
            found[object_].add(SKOS.Concept)
    return found


# the file


def test_parses_with_rdflib_and_pyoxigraph(ontology: Graph) -> None:
    triples = list(pyoxigraph.parse(path=ONTOLOGY_FILE, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(ontology) > 0
    oxigraph_terms = {
        URIRef(term.value)
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, pyoxigraph.NamedNode) and term.value.startswith(EG_NAMESPACE)
    }
    assert oxigraph_terms == terms_used(ontology)


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY}
    assert str(ONTOLOGY) + "#" == EG_NAMESPACE
    assert set(ontology.objects(ONTOLOGY, OWL.versionIRI)) == {VERSION_IRI}
    assert set(ontology.objects(ONTOLOGY, OWL.versionInfo)) == {Literal("0.1.0")}
    assert set(ontology.objects(ONTOLOGY, DCTERMS.license)) == {LICENCE}
    for predicate in (DCTERMS.title, DCTERMS.description):
        (text,) = ontology.objects(ONTOLOGY, predicate)
        assert isinstance(text, Literal)
        assert text.language == "en"


# which terms


def test_declares_exactly_the_namespace_terms(ontology: Graph) -> None:
    declared = {
        subject
        for subject in ontology.subjects(RDF.type)
        if isinstance(subject, URIRef) and ours(subject)
    }
    assert sorted(declared - EG_TERMS) == [], "declared in the ontology, missing from EG"
    assert sorted(EG_TERMS - declared) == [], "terms of EG the ontology does not declare"
    assert sorted(terms_used(ontology) - EG_TERMS) == [], "undeclared terms the ontology uses"


def test_export_uses_exactly_the_namespace_terms(kverme2019: Graph) -> None:
    used = terms_used(kverme2019)
    assert sorted(used - EG_TERMS) == [], "the export uses terms that EG lacks"
    assert sorted(used & WRITTEN_ONLY_FOR_OTHER_DATA) == [], "now used: update the list"
    assert sorted(used & ONTOLOGY_ONLY) == [], "now used: update the list"
    unused = EG_TERMS - used - WRITTEN_ONLY_FOR_OTHER_DATA - ONTOLOGY_ONLY
    assert sorted(unused) == [], "terms of EG that nothing writes"


def test_terms_written_only_for_other_data_are_written_for_it(
    with_speaker: Graph, with_kinds: Graph, with_coding: Graph
) -> None:
    used = terms_used(with_speaker) | terms_used(with_kinds) | terms_used(with_coding)
    assert WRITTEN_ONLY_FOR_OTHER_DATA.issubset(used)


def test_ontology_only_terms_are_ranges_of_exported_properties(
    ontology: Graph, kverme2019: Graph
) -> None:
    for cls in ONTOLOGY_ONLY:
        assert (cls, RDF.type, OWL.Class) in ontology
        properties = set(ontology.subjects(RDFS.range, cls))
        assert properties, f"{cls} is the range of no property"
        for prop in properties:
            assert prop in set(kverme2019.predicates())
            for individual in kverme2019.objects(None, prop):
                assert (individual, RDF.type, cls) in ontology


# how each term is declared


@pytest.mark.parametrize("term", sorted(EG_TERMS), ids=lambda term: term[len(EG_NAMESPACE) :])
def test_term_is_labelled_commented_and_defined_by_the_ontology(
    ontology: Graph, term: URIRef
) -> None:
    for predicate in (RDFS.label, RDFS.comment):
        values = list(ontology.objects(term, predicate))
        assert len(values) == 1, f"expected one {predicate}, got {values}"
        (value,) = values
        assert isinstance(value, Literal)
        assert value.language == "en"
        assert str(value).strip() == str(value) != ""
    comment = str(ontology.value(term, RDFS.comment))
    assert comment[0].isupper(), "a comment is a sentence"
    assert comment.endswith("."), "a comment is a sentence"
    assert ". " not in comment, "a comment is one sentence"
    assert set(ontology.objects(term, RDFS.isDefinedBy)) == {ONTOLOGY}


@pytest.mark.parametrize("term", sorted(EG_TERMS), ids=lambda term: term[len(EG_NAMESPACE) :])
def test_term_is_of_one_kind(ontology: Graph, term: URIRef) -> None:
    kinds = [kind for kind in KINDS if (term, RDF.type, kind) in ontology]
    assert len(kinds) == 1, f"expected one of {KINDS}, got {kinds}"
    if kinds == [OWL.NamedIndividual]:
        classes = set(ontology.objects(term, RDF.type)) - {OWL.NamedIndividual}
        assert len(classes) == 1
        assert all(ours(cls) and (cls, RDF.type, OWL.Class) in ontology for cls in classes)


def test_every_external_term_the_ontology_refers_to_is_declared(ontology: Graph) -> None:
    referred = {
        node
        for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)
        for expression in ontology.objects(None, predicate)
        for node in members(ontology, expression)
        if not ours(node) and not str(node).startswith(str(XSD))
    }
    assert referred
    assert sorted(str(node) for node in referred if (node, RDF.type, None) not in ontology) == []


def test_a_theme_is_a_concept(ontology: Graph, kverme2019: Graph) -> None:
    assert (EG.Theme, RDFS.subClassOf, SKOS.Concept) in ontology
    themes = set(kverme2019.subjects(RDF.type, EG.Theme))
    assert themes
    assert themes == set(kverme2019.subjects(SKOS.inScheme, None))
    assert all((theme, RDF.type, SKOS.Concept) in kverme2019 for theme in themes)


def test_evidence_is_not_derivation(ontology: Graph) -> None:
    assert (EG.evidencedBy, RDFS.subPropertyOf, None) not in ontology
    assert (EG.assertedBy, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology
    assert (EG.leadInvestigator, RDFS.subPropertyOf, PROV.wasAssociatedWith) in ontology
    assert (EG.reportedIn, RDFS.subPropertyOf, PROV.wasAssociatedWith) not in ontology


# the ontology against the export


def test_property_kinds_match_the_export(ontology: Graph, export: Graph) -> None:
    predicates = {predicate for predicate in export.predicates() if ours(predicate)}
    assert predicates
    for predicate in sorted(predicates, key=str):
        objects = set(export.objects(None, predicate))
        if all(isinstance(value, URIRef) for value in objects):
            assert (predicate, RDF.type, OWL.ObjectProperty) in ontology, predicate
            assert (predicate, RDF.type, OWL.DatatypeProperty) not in ontology, predicate
        else:
            assert all(isinstance(value, Literal) for value in objects), predicate
            assert (predicate, RDF.type, OWL.DatatypeProperty) in ontology, predicate
            assert (predicate, RDF.type, OWL.ObjectProperty) not in ontology, predicate


def test_literals_lie_in_the_declared_ranges(ontology: Graph, export: Graph) -> None:
    for predicate in sorted(ontology.subjects(RDF.type, OWL.DatatypeProperty), key=str):
        (expression,) = ontology.objects(predicate, RDFS.range)
        allowed = members(ontology, expression)
        for value in export.objects(None, predicate):
            assert isinstance(value, Literal)
            found = datatype(value)
            fits = found in allowed or any(
                found in DERIVED_DATATYPES.get(range_, set()) for range_ in allowed
            )
            assert fits, f"{predicate} {value!r}: {found} is not in {sorted(allowed, key=str)}"


def test_domains_and_ranges_hold_in_the_export(
    ontology: Graph, export: Graph, types: dict[Node, set[Node]]
) -> None:
    checks = [
        (RDFS.domain, predicate, subject, expression)
        for predicate, expression in ontology.subject_objects(RDFS.domain)
        for subject in export.subjects(predicate)
    ] + [
        (RDFS.range, predicate, object_, expression)
        for predicate, expression in ontology.subject_objects(RDFS.range)
        if (predicate, RDF.type, OWL.ObjectProperty) in ontology
        for object_ in export.objects(None, predicate)
    ]
    assert checks
    for axiom, predicate, node, expression in checks:
        classes = members(ontology, expression)
        assert types[node] & classes, f"{predicate} {axiom}: {node} is none of {classes}"


def test_functional_properties_have_one_value(ontology: Graph, export: Graph) -> None:
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    assert functional
    for predicate in sorted(functional, key=str):
        values: dict[Node, set[Node]] = defaultdict(set)
        for subject, value in export.subject_objects(predicate):
            values[subject].add(value)
        assert all(len(found) == 1 for found in values.values()), predicate
