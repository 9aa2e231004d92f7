"""RDF export: the required triples in standard vocabularies, every format, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pyoxigraph as ox
import pytest
from helpers import OX_FORMATS, examples, rdflib_parse
from hypothesis import HealthCheck, given, settings
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from strategies import corpora, hostile_text

from evidence_graph import Corpus, EvidenceGraph, load, serialize, to_rdf
from evidence_graph.models import (
    Claim,
    Coder,
    Concept,
    Criterion,
    Memo,
    Participant,
    Person,
    Quote,
    Relation,
    Sample,
    Scheme,
    Study,
    Theme,
    ThemeMapping,
    Work,
)
from evidence_graph.namespace import EG, PREFIXES
from evidence_graph.rdf import FORMATS, MAPPING, RELATIONS, nt_lines, nt_set, plan
from evidence_graph.resources import ontology_path

PAPER = "https://doi.org/10.3389/fpsyg.2019.00430"
MAGAZINE = "https://w3id.org/evidence-graph/data/work/psychology-today-4-keys"
MESH = "http://id.nlm.nih.gov/mesh/D001883"


@pytest.fixture(scope="module")
def rdf(corpus: Corpus) -> Graph:
    return to_rdf(corpus)


@pytest.fixture(scope="module")
def store(corpus: Corpus) -> ox.Store:
    """The Turtle export, parsed by pyoxigraph: an independent, strict parser."""
    store = ox.Store()
    store.load(serialize(corpus, "turtle").encode(), format=ox.RdfFormat.TURTLE)
    return store


def ask(store: ox.Store, query: str, **bindings: str) -> bool:
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    values = {name: ox.NamedNode(iri) for name, iri in bindings.items()}
    substitutions = {ox.Variable(name): value for name, value in values.items()}
    result = store.query(prefixes + query, substitutions=substitutions)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    solutions = store.query(prefixes + query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]


def test_the_paper_is_its_doi_iri(store: ox.Store) -> None:
    assert ask(
        store,
        """ASK { ?paper a fabio:JournalArticle ;
                      prism:doi "10.3389/fpsyg.2019.00430" ;
                      dcterms:title ?title . }""",
        paper=PAPER,
    )
    rows = select(
        store,
        f"""SELECT ?name WHERE {{ <{PAPER}> dcterms:creator ?person .
                                 ?person a foaf:Person ; foaf:name ?name . }} ORDER BY ?name""",
    )
    assert [row["name"] for row in rows] == [
        "Britt Kverme",
        "Christian Moltu",
        "Eli Natvik",
        "Marius Veseth",
    ]


def test_the_author_order_is_kept_in_a_bibo_author_list(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?member ?name WHERE {{ <{PAPER}> bibo:authorList ?list .
            ?list a rdf:Seq ; ?member ?person . ?person foaf:name ?name .
            FILTER(STRSTARTS(STR(?member), STR(rdf:_))) }} ORDER BY ?member""",
    )
    assert [row["name"] for row in rows] == [
        "Britt Kverme",
        "Eli Natvik",
        "Marius Veseth",
        "Christian Moltu",
    ]


def test_the_magazine_article_discusses_and_quotes_the_paper(store: ox.Store) -> None:
    assert ask(
        store,
        """ASK { ?magazine a fabio:MagazineArticle ;
                           cito:discusses ?paper ;
                           cito:includesQuotationFrom ?paper . }""",
        magazine=MAGAZINE,
        paper=PAPER,
    )


def test_themes_are_skos_concepts_in_one_scheme_per_study(store: ox.Store) -> None:
    schemes = select(store, "SELECT DISTINCT ?scheme WHERE { ?theme skos:inScheme ?scheme }")
    assert len(schemes) == 1
    rows = select(
        store,
        """SELECT ?label ?top WHERE {
             ?sub a skos:Concept ; skos:prefLabel ?label ; skos:broader ?parent ;
                  skos:inScheme ?scheme .
             ?parent skos:prefLabel ?top ; skos:topConceptOf ?scheme .
             ?scheme a skos:ConceptScheme . } ORDER BY ?label""",
    )
    assert [(row["label"], row["top"]) for row in rows] == [
        ("Daring to Belong", "Moving Toward Connectedness"),
        ("Learning to Hold One’s Own", "Moving Toward Connectedness"),
        ("Making Room for Recovery", "Moving Toward Connectedness"),
        ("Needing Honesty and Genuine Mutuality", "Moving Toward Connectedness"),
    ]


def test_quotes_are_web_annotations_with_the_verbatim_text(store: ox.Store, corpus: Corpus) -> None:
    rows = select(
        store,
        """SELECT ?label ?exact ?source ?original WHERE {
             ?quote a oa:Annotation ; oa:motivatedBy oa:classifying ; oa:hasBody ?theme ;
                    oa:hasTarget ?target ; prov:wasQuotedFrom ?original .
             ?theme skos:prefLabel ?label .
             ?target a oa:SpecificResource ; oa:hasSource ?source ; oa:hasSelector ?selector .
             ?selector a oa:TextQuoteSelector ; oa:exact ?exact . }""",
    )
    assert {row["exact"] for row in rows} == {quote.text for quote in corpus.quotes}
    assert {row["source"] for row in rows} == {MAGAZINE}
    assert {row["original"] for row in rows} == {PAPER}
    by_label = {row["label"]: row["exact"] for row in rows}
    assert by_label["Daring to Belong"].startswith("Group therapy probably helped me")


def test_the_contrasting_quote_says_so(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?exact WHERE { ?quote eg:quoteRole eg:contrasting ; oa:hasTarget ?t .
                                 ?t oa:hasSelector ?s . ?s oa:exact ?exact . }""",
    )
    assert [row["exact"][:24] for row in rows] == ["I have told my therapist"]


def test_criteria_are_obi_classes_labelled_with_their_text(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?class ?label WHERE { ?study eg:hasCriterion ?criterion .
             ?criterion a ?class ; rdfs:label ?label .
             FILTER(?class IN (obo:OBI_0500027, obo:OBI_0500028)) } ORDER BY ?label""",
    )
    inclusion = "http://purl.obolibrary.org/obo/OBI_0500027"
    exclusion = "http://purl.obolibrary.org/obo/OBI_0500028"
    assert [(row["class"], row["label"]) for row in rows] == [
        (inclusion, "diagnosed with BPD between six and 18 months prior to the study"),
        (inclusion, "had been diagnosed with BPD"),
        (exclusion, "had not experienced\u00a0psychosis"),
        (inclusion, "were currently in treatment"),
    ]


def test_the_sample_size_is_an_integer(store: ox.Store) -> None:
    assert ask(store, "ASK { ?sample a eg:Sample ; eg:sampleSize 12 }")
    [row] = select(store, "SELECT ?size WHERE { ?sample eg:sampleSize ?size }")
    assert row["size"] == "12"
    assert ask(
        store,
        "ASK { ?s eg:sampleSize ?n . FILTER(DATATYPE(?n) = xsd:integer) }",
    )


def test_the_paper_and_the_study_are_about_bpd_which_matches_wikidata(store: ox.Store) -> None:
    assert ask(
        store,
        """ASK { ?paper dcterms:subject ?bpd . ?study a eg:Study ; dcterms:subject ?bpd .
                 ?bpd skos:exactMatch ?wikidata . }""",
        paper=PAPER,
        bpd=MESH,
        wikidata="http://www.wikidata.org/entity/Q208166",
    )


def test_the_prevalence_claim_has_no_evidence_and_a_candidate_source(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?statement ?candidate WHERE {
             ?claim a eg:Claim ; eg:statement ?statement ; eg:candidateSource ?candidate .
             FILTER NOT EXISTS { ?claim eg:evidencedBy ?any } }""",
    )
    assert [row["candidate"] for row in rows] == ["https://doi.org/10.1016/j.biopsych.2006.09.019"]
    assert "1.6 percent" in rows[0]["statement"]


def _ox_triples(text: str, format: str) -> set[str]:
    quads = ox.parse(text.encode(), format=OX_FORMATS[format])
    return {f"{quad.subject} {quad.predicate} {quad.object} ." for quad in quads}


@pytest.mark.parametrize("format", list(FORMATS))
def test_each_format_parses_strictly_to_the_same_triples(
    corpus: Corpus, rdf: Graph, format: str
) -> None:
    text = serialize(corpus, format)  # type: ignore[arg-type]
    expected = _ox_triples(serialize(rdf, "nt"), "nt")
    assert _ox_triples(text, format) == expected
    assert len(expected) == len(rdf)
    assert isomorphic(rdflib_parse(text, format), rdf)


@pytest.mark.parametrize("format", list(FORMATS))
def test_no_blank_nodes(corpus: Corpus, format: str) -> None:
    text = serialize(corpus, format)  # type: ignore[arg-type]
    parsed = rdflib_parse(text, format)
    assert not [term for triple in parsed for term in triple if isinstance(term, BNode)]


def test_output_is_byte_identical_across_runs_and_hash_seeds(corpus: Corpus) -> None:
    first = {name: serialize(corpus, name) for name in FORMATS}  # type: ignore[arg-type]
    again = {name: serialize(load("kverme2019"), name) for name in FORMATS}  # type: ignore[arg-type]
    assert again == first
    code = (
        "import json, sys; from evidence_graph import FORMATS, load, serialize; "
        "corpus = load('kverme2019'); "
        "json.dump({f: serialize(corpus, f) for f in FORMATS}, sys.stdout)"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env=env, text=True
        )
        assert json.loads(result.stdout) == first


def test_turtle_starts_with_the_stable_prefixes(corpus: Corpus) -> None:
    text = serialize(corpus, "turtle")
    declared = [line.split()[1][:-1] for line in text.splitlines() if line.startswith("@prefix")]
    assert declared == sorted(declared)
    assert set(declared) <= set(PREFIXES)


def test_json_ld_is_expanded_and_embeds_its_context(corpus: Corpus) -> None:
    document: dict[str, Any] = json.loads(serialize(corpus, "jsonld"))
    context = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert list(document) == ["@context", "@graph"]
    assert document["@context"] == context
    assert {name: context[name] for name in PREFIXES} == PREFIXES
    [paper] = [node for node in document["@graph"] if node["@id"] == PAPER]
    assert paper[f"{PREFIXES['rdf']}type"] == [{"@id": f"{PREFIXES['fabio']}JournalArticle"}]
    assert paper[f"{PREFIXES['prism']}doi"] == [{"@value": "10.3389/fpsyg.2019.00430"}]


def test_json_ld_means_the_same_with_its_context_and_without(corpus: Corpus) -> None:
    """No term of the context changes what an expanded key or value names."""
    document: dict[str, Any] = json.loads(serialize(corpus, "jsonld"))
    assert not {"@vocab", "@base", "@language", "@version"} & set(document["@context"])
    bare = json.dumps(document["@graph"])
    assert _ox_triples(json.dumps(document), "jsonld") == _ox_triples(bare, "jsonld")
    assert isomorphic(rdflib_parse(json.dumps(document), "jsonld"), rdflib_parse(bare, "jsonld"))


def test_json_ld_compacts_with_its_own_context(corpus: Corpus) -> None:
    """A JSON-LD processor given the embedded context gives back the short terms."""
    document: dict[str, Any] = json.loads(serialize(corpus, "jsonld"))
    rdf = rdflib_parse(json.dumps(document), "jsonld")
    compacted = json.loads(
        rdf.serialize(format="json-ld", context=document["@context"], auto_compact=True)
    )
    [paper] = [node for node in compacted["@graph"] if node["@id"] == PAPER]
    assert paper["@type"] == "fabio:JournalArticle"
    assert paper["doi"] == "10.3389/fpsyg.2019.00430"


def test_unknown_format_is_refused(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match=r"unknown format 'n3'; expected one of: turtle, nt"):
        serialize(corpus, "n3")  # type: ignore[arg-type]


def test_rdf_xml_refuses_characters_xml_cannot_hold() -> None:
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef(str(EG.statement)), Literal("bell \x07")))
    with pytest.raises(ValueError, match=r"U\+0007 cannot stand in XML 1\.0"):
        serialize(graph, "xml")


def test_rdf_xml_keeps_carriage_returns_and_markup() -> None:
    text = 'a\r\nb <c> & "d"\ttab'
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef(str(EG.statement)), Literal(text)))
    parsed = ox.parse(serialize(graph, "xml").encode(), format=ox.RdfFormat.RDF_XML)
    [quad] = list(parsed)
    assert quad.object.value == text


IDENTITY: dict[type, set[str]] = {
    # fields the entity's IRI itself says, not a row of the table
    Work: set(),
    Person: {"orcid"},
    Study: set(),
    Sample: set(),
    Criterion: set(),
    Theme: {"ordered"},  # written by the structure of a grouping's collection, with its kind
    # written by the structure of the quote's selectors, with its text
    Quote: {"position", "prefix", "suffix"},
    Claim: set(),
    Scheme: {"iri"},
    Concept: {"iri"},
    ThemeMapping: set(),
    Participant: set(),
    Coder: set(),
    Memo: set(),
}


@pytest.mark.parametrize("model", list(IDENTITY))
def test_every_field_is_exported_by_one_row_of_the_table(model: type[Any]) -> None:
    table = MAPPING[model.node_kind]
    rows = [
        *(spec.field for spec in table.fields),
        *(enum.field for enum in table.enums),
        *(row.field for row in plan(model) if row.reference is not None),
    ]
    shaped = {field for field, _ in table.shapes}  # a structure may add to a row (a mapping's)
    assert len(rows) == len(set(rows))
    assert set(model.model_fields) == set(rows) | shaped | IDENTITY[model]


def test_every_relation_has_a_row() -> None:
    assert set(RELATIONS) == set(Relation)


def test_a_base_iri_is_used_for_minted_iris(corpus: Corpus) -> None:
    graph = EvidenceGraph.from_corpus(corpus, base="https://example.org/eg/")
    rdf = to_rdf(graph)
    subjects = {str(subject) for subject in rdf.subjects()}
    assert "https://example.org/eg/study/kverme2019" in subjects
    assert PAPER in subjects
    assert not any(iri.startswith("https://w3id.org/evidence-graph/data/") for iri in subjects)


# -- the fast writers and the rdflib road ------------------------------------------------------


def _both_roads(graph: EvidenceGraph) -> None:
    rdf = to_rdf(graph)
    for name in ("nt", "turtle", "trig"):
        assert serialize(graph, name) == serialize(rdf, name), name  # type: ignore[arg-type]


def test_the_writers_of_the_models_give_the_text_of_the_rdflib_graph(
    graph: EvidenceGraph, literature: EvidenceGraph
) -> None:
    _both_roads(graph)
    _both_roads(literature)


@given(corpus=corpora(), tail=hostile_text(20))
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_writers_agree_on_any_corpus_and_on_triples_read_beside_it(
    corpus: Corpus, tail: str
) -> None:
    graph = EvidenceGraph.from_corpus(corpus)
    _both_roads(graph)
    subject = URIRef(graph.iri(corpus.works[0].id))
    note = URIRef("https://example.org/note")
    extra = {  # triples another tool added, kept from an RDF file: literals with tabs, say
        *((subject, note, Literal(f"a{c}b{tail}")) for c in "\t\x01\x08\x0b\x0c\x1f\x7f !~"),
        (subject, note, Literal("a b", lang="en")),
        (subject, URIRef("https://example.org/seen"), BNode("b0")),
    }
    _both_roads(EvidenceGraph.from_corpus(corpus, extra=extra))


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_the_lines_gathered_by_subject_are_in_the_order_of_one_sort(corpus: Corpus) -> None:
    p = URIRef("http://example.org/p")
    extra = [
        (BNode("b1"), p, Literal("a")),
        (BNode("b10"), p, Literal("b")),
        (URIRef("http://example.org/a"), p, Literal("c")),
        (URIRef("http://example.org/a/b"), p, Literal("d")),
    ]
    graph = EvidenceGraph.from_corpus(corpus, extra=extra)
    lines, iris = nt_lines(graph)
    every, named = nt_set(graph)
    assert lines == sorted(every)
    assert iris == named
