"""RDF that other tools wrote: their blank nodes, their forms of our values, their mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from evidence_graph import Corpus, StudyFileError, load, load_graph, serialize

SCORE = "https://example.org/vocab#score"
REVIEW = """\
_:genid1 <https://example.org/vocab#score> "{score}"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://example.org/{work}> <https://example.org/vocab#reviewedBy> _:genid1 .
"""


def _export_as(tmp_path: Path, corpus: Corpus, name: str, old: str, new: str) -> Path:
    """Write the corpus's Turtle with one line changed, as another tool might write it."""
    text = serialize(corpus, "turtle")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_blank_nodes_of_two_files_stay_apart(tmp_path: Path) -> None:
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    first.write_text(REVIEW.format(score=4, work="a"), encoding="utf-8")
    second.write_text(REVIEW.format(score=1, work="b"), encoding="utf-8")
    graph = Graph().parse(data=serialize(load_graph(first, second), "nt"), format="nt")
    by, score = URIRef("https://example.org/vocab#reviewedBy"), URIRef(SCORE)
    reviews = {str(work): int(graph.value(review, score)) for work, review in graph[:by]}
    assert reviews == {"https://example.org/a": 4, "https://example.org/b": 1}


def test_anonymous_nodes_are_written_the_same_every_time(tmp_path: Path) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text(
        "<https://example.org/a> <https://example.org/v#p> [ <https://example.org/v#q> 1 ] ;\n"
        "    <https://example.org/v#list> ( 1 2 ) .\n",
        encoding="utf-8",
    )
    first = serialize(load_graph(path), "turtle")
    assert first == serialize(load_graph(path), "turtle")
    reread = tmp_path / "again.ttl"
    reread.write_text(first, encoding="utf-8")
    assert Graph().parse(reread).isomorphic(Graph().parse(path))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('skos:prefLabel "Daring to Belong"', 'skos:prefLabel "Daring to Belong"@en'),
        ("eg:sampleSize 12", 'eg:sampleSize "12"^^xsd:int'),
        (
            "eg:sampleSize 12",
            'eg:sampleSize "12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>',
        ),
    ],
    ids=["language-tag", "xsd-int", "non-negative"],
)
def test_a_value_in_another_form_is_read_once_and_written_in_ours(
    tmp_path: Path, corpus: Corpus, old: str, new: str
) -> None:
    path = _export_as(tmp_path, corpus, "other.ttl", old, new)
    assert load(path) == corpus
    graph = load_graph(path)
    assert graph.extra == frozenset()
    assert serialize(graph, "turtle") == serialize(corpus, "turtle")


def test_a_position_a_store_typed_as_integer_is_read_once(tmp_path: Path) -> None:
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "journal-article", "title": "T"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["w"]}],
            "themes": [{"id": "t", "study": "s", "label": "T"}],
            "quotes": [
                {
                    "id": "q",
                    "study": "s",
                    "text": "words",
                    "themes": ["t"],
                    "read_in": "w",
                    "appears_in": "w",
                    "position": {"start": 5, "end": 10},
                }
            ],
        }
    )
    old = '"5"^^xsd:nonNegativeInteger'
    path = _export_as(tmp_path, corpus, "store.ttl", old, "5")
    graph = load_graph(path)
    assert graph.extra == frozenset()
    assert serialize(graph, "turtle") == serialize(corpus, "turtle")


def test_an_iri_where_a_literal_is_expected_is_an_error(tmp_path: Path, corpus: Corpus) -> None:
    old = 'dcterms:title "Moving Toward Connectedness'
    path = _export_as(
        tmp_path, corpus, "iri.ttl", old, 'dcterms:title <https://example.org/title>, "Moving'
    )
    with pytest.raises(StudyFileError) as caught:
        load(path)
    assert (
        "<https://doi.org/10.3389/fpsyg.2019.00430>: its dcterms:title is "
        "<https://example.org/title>; expected a literal"
    ) in str(caught.value)


def test_a_literal_where_an_entity_is_expected_is_an_error(tmp_path: Path, corpus: Corpus) -> None:
    old = "eg:evidencedBy <https://w3id.org/evidence-graph/data/quote/kverme2019/she-believes>"
    path = _export_as(tmp_path, corpus, "literal.ttl", old, 'eg:evidencedBy "she-believes"')
    with pytest.raises(StudyFileError) as caught:
        load(path)
    assert (
        'its eg:evidencedBy is the literal "she-believes"; expected the IRI of an entity of the '
        "graph"
    ) in str(caught.value)
