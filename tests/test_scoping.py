"""Names scoped to their file (``io.scoping``, ``io.builtins``): local ids never collide.

A local id means something in its own study or file; across files, entities are named by
public identifiers or ``study-id/local-id``, and built-in vocabularies are named without
loading them. No result depends on the order of the sources.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora

from evidence_graph import Corpus, StudyFileError, ask, load, load_graph, serialize, validate
from evidence_graph.io.merge import merge_documents
from evidence_graph.io.scoping import scope_documents
from evidence_graph.io.study_files import ParsedFile
from evidence_graph.models import (
    COLLECTIONS,
    Concept,
    Quote,
    StudyDocument,
    Theme,
    entity_iri,
    local_id,
    references,
)

WriteStudy = Callable[..., Path]
Cli = Callable[..., Any]

MESH_BPD = "http://id.nlm.nih.gov/mesh/D001883"
CHIME_HOPE = "https://w3id.org/evidence-graph/data/concept/chime-hope"
BASE = "https://w3id.org/evidence-graph/data/"


def study(name: str, title: str, doi: str | None, **more: Any) -> dict[str, Any]:
    """A small study file as a researcher writes it, with the ids everybody uses."""
    work = {"id": "paper", "type": "journal-article", "title": title, "authors": ["smith"]}
    return {
        "works": [{**work, "doi": doi} if doi else work],
        "people": [{"id": "smith", "name": f"Smith of {name}"}],
        "studies": [{"id": name, "design": "qualitative", "reported_in": ["paper"]}],
        "samples": [{"id": "participants", "study": name, "size": 12}],
        "themes": [
            {"id": "hope", "study": name, "label": f"Hope in {title}"},
            {"id": "despair", "study": name, "label": "Despair", "parent": "hope"},
        ],
        "quotes": [
            {
                "id": "q1",
                "study": name,
                "text": f"words of {name}",
                "themes": ["hope"],
                "read_in": "paper",
                "appears_in": "paper",
            }
        ],
        **more,
    }


@pytest.fixture
def two(write_study: WriteStudy) -> tuple[Path, Path]:
    first = write_study(study("ng2019", "Lived Experience", "10.1186/s40479-019-0107-2"), "a.yaml")
    second = write_study(study("smith2020", "Another Study", "10.1234/other"), "b.yaml")
    return first, second


def test_two_files_with_the_same_local_ids_load_together(two: tuple[Path, Path]) -> None:
    corpus = load(*two)
    assert {theme.id for theme in corpus.themes} == {
        "ng2019/hope",
        "ng2019/despair",
        "smith2020/hope",
        "smith2020/despair",
    }
    assert {work.id for work in corpus.works} == {"ng2019/paper", "smith2020/paper"}
    hope = corpus.get("smith2020/hope")
    assert isinstance(hope, Theme)
    assert entity_iri(hope) == f"{BASE}theme/smith2020/hope"
    # Each reference resolved in its own file and study.
    quote = corpus.get("ng2019/q1")
    assert isinstance(quote, Quote)
    assert quote.themes == ("ng2019/hope",)
    assert quote.read_in == "ng2019/paper"
    assert corpus.get("smith2020/despair").parent == "smith2020/hope"  # type: ignore[attr-defined]


def test_alone_a_file_keeps_its_local_ids(two: tuple[Path, Path]) -> None:
    corpus = load(two[0])
    assert {theme.id for theme in corpus.themes} == {"hope", "despair"}


def test_the_same_study_is_the_same_iri_alone_or_beside_another(two: tuple[Path, Path]) -> None:
    alone = load_graph(two[0])
    together = load_graph(*two)
    assert f"{BASE}theme/ng2019/hope" in alone.graph
    # The entities of a study keep their IRIs; an entity of no study and no public identifier
    # that another file names alike takes its scope into its IRI (person/ng2019/smith).
    of_study = {iri for iri, entity in alone.nodes() if getattr(entity, "study", None)}
    assert of_study <= set(together.graph)


def test_any_order_gives_the_same_export(two: tuple[Path, Path]) -> None:
    assert serialize(load(*two)) == serialize(load(*reversed(two)))


def test_another_file_names_an_entity_by_study_id_and_local_id(
    two: tuple[Path, Path], write_study: WriteStudy
) -> None:
    mapping = write_study(
        {
            "mappings": [
                {
                    "id": "hope-to-hope",
                    "subject": "ng2019/hope",
                    "object": "smith2020/hope",
                    "relation": "close",
                    "justification": "Both are about hope.",
                }
            ]
        },
        "c.yaml",
    )
    try:
        corpus = load(*two, mapping)
    except StudyFileError as error:  # the mapping's fields are the models' own
        pytest.fail(str(error))
    [found] = corpus.mappings
    assert (found.subject, found.object) == ("ng2019/hope", "smith2020/hope")


def test_an_ambiguous_local_id_says_how_to_name_it(
    two: tuple[Path, Path], write_study: WriteStudy
) -> None:
    claims = write_study(
        {
            "works": [{"id": "review", "type": "book", "title": "A Review"}],
            "claims": [
                {
                    "id": "c",
                    "statement": "S",
                    "asserted_by": "review",
                    "kind": "background",
                    "evidence": ["q1"],
                }
            ],
        },
        "c.yaml",
    )
    with pytest.raises(StudyFileError) as info:
        load(*two, claims)
    [problem] = info.value.problems
    assert problem.file == claims
    assert problem.location == "claims[0].evidence[0]"
    assert problem.message == (
        "'q1' names 2 entities ('ng2019/q1', 'smith2020/q1'); expected one: name a quote or a "
        "work by 'study-id/local-id' or by a public identifier"
    )


def test_a_unique_local_id_of_another_file_still_resolves() -> None:
    # Files written for earlier releases name other files' entities by their local ids.
    corpus = load("kverme2019", "bpd-literature")
    assert any(mapping.subject == "daring-to-belong" for mapping in corpus.mappings)


# --- the built-in vocabularies, without loading them --------------------------------------------


def bpd_study(subject: str) -> dict[str, Any]:
    return {
        "works": [
            {
                "id": "paper",
                "type": "journal-article",
                "title": "A Study",
                "doi": "10.1234/x",
                "subjects": [subject],
            }
        ]
    }


@pytest.mark.parametrize("subject", ["mesh:D001883", MESH_BPD, "MESH:D001883", "wikidata:Q208166"])
def test_bpd_is_named_without_loading_it(write_study: WriteStudy, subject: str) -> None:
    path = write_study(bpd_study(subject))
    corpus = load(path)
    [concept] = corpus.concepts
    assert isinstance(concept, Concept)
    assert (concept.iri, concept.label) == (MESH_BPD, "Borderline Personality Disorder")
    assert concept.matches  # with its matches
    assert corpus.get("paper").subjects == (concept.id,)  # type: ignore[attr-defined]
    turtle = serialize(corpus)
    assert "Borderline Personality Disorder" in turtle


def test_beside_the_dataset_bpd_is_one_node(write_study: WriteStudy) -> None:
    path = write_study(bpd_study("mesh:D001883"))
    for sources in ((path, "bpd-literature"), ("bpd-literature", path)):
        graph = load_graph(*sources)
        assert sum(1 for node, _ in graph.nodes() if node == MESH_BPD) == 1
    assert serialize(load(path, "bpd-literature")) == serialize(load("bpd-literature", path))


def test_a_theme_mapped_to_chime_hope_by_its_iri_loads_alone(write_study: WriteStudy) -> None:
    data = study(
        "ng2019",
        "Lived Experience",
        "10.1186/s40479-019-0107-2",
        mappings=[
            {
                "id": "hope-to-chime",
                "subject": "hope",
                "object": CHIME_HOPE,
                "relation": "close",
                "justification": "Hope is CHIME's Hope.",
            }
        ],
    )
    path = write_study(data)
    corpus = load(path)
    hope = next(concept for concept in corpus.concepts if concept.label.startswith("Hope"))
    assert hope.scheme is not None
    assert [scheme.label for scheme in corpus.schemes] == [corpus.get(hope.scheme).label]  # type: ignore[attr-defined]
    beside = load(path, "bpd-literature")
    assert sum(1 for concept in beside.concepts if concept.label.startswith("Hope")) == 1


def test_a_built_in_work_is_named_by_its_doi(write_study: WriteStudy) -> None:
    path = write_study(
        {
            "works": [
                {
                    "id": "review",
                    "type": "journal-article",
                    "title": "A Review",
                    "cites": [{"work": "doi:10.1016/S0140-6736(04)16770-6"}],
                }
            ]
        }
    )
    corpus = load(path)
    cited = corpus.get(corpus.get("review").cites[0].work)  # type: ignore[attr-defined]
    assert cited.title == "Borderline personality disorder"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        (
            "foo:D001883",
            (
                "'foo:D001883' has the prefix 'foo', which names no vocabulary here; expected a "
                "compact IRI of doid, hp, mesh, mondo, wikidata, or a full IRI"
            ),
        ),
        (
            "mesh:D999999",
            (
                "no entity has the identifier 'mesh:D999999'; expected a concept that a loaded "
                "file or a built-in dataset declares"
            ),
        ),
    ],
)
def test_a_public_identifier_that_names_nothing(
    write_study: WriteStudy, subject: str, message: str
) -> None:
    path = write_study(bpd_study(subject))
    with pytest.raises(StudyFileError) as info:
        load(path)
    [problem] = info.value.problems
    assert problem.location == "works[0].subjects[0]"
    assert problem.line == 7
    assert problem.message == message


# --- order ---------------------------------------------------------------------------------------

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "studies").glob("*.yaml"))


def test_every_order_of_the_datasets_and_examples_gives_one_export() -> None:
    sources = ["kverme2019", "bpd-literature", *EXAMPLES]
    exports = {serialize(load(*order)) for order in itertools.permutations(sources)}
    assert len(exports) == 1


def test_an_export_of_two_studies_loads_back_whole(two: tuple[Path, Path], tmp_path: Path) -> None:
    corpus = load(*two)
    target = tmp_path / "both.ttl"
    target.write_text(serialize(corpus), encoding="utf-8")
    assert load(target) == corpus


def test_works_and_authors_of_one_id_without_a_doi_export_in_any_order(
    write_study: WriteStudy, cli: Cli
) -> None:
    first = write_study(study("s1", "One Study", None), "a.yaml")
    second = write_study(study("s2", "Another Study", None), "b.yaml")
    corpus = load(first, second)
    assert {work.id for work in corpus.works} == {"s1/paper", "s2/paper"}
    assert {person.id for person in corpus.people} == {"s1/smith", "s2/smith"}
    turtle = serialize(corpus)
    assert f"<{BASE}work/s1/paper>" in turtle
    assert f"<{BASE}authors/s1/paper>" in turtle
    assert turtle == serialize(load(second, first))
    assert validate(corpus).conforms
    result = cli("validate", str(first), str(second))
    assert result.returncode == 0, result.stderr


def test_both_engines_name_entities_by_the_same_ids(two: tuple[Path, Path]) -> None:
    graph = load_graph(*two)
    for theme in ("ng2019/hope", "smith2020/hope", f"{BASE}theme/smith2020/hope"):
        here = ask(graph, "quotes-for-theme", {"theme": theme})
        there = ask(graph, "quotes-for-theme", {"theme": theme}, engine="sparql")
        assert here == there
        assert len(here) == 1
    [row] = ask(graph, "quotes-for-theme", {"theme": "smith2020/hope"}, engine="sparql")
    assert row.quote_id == "smith2020/q1"


def test_an_entity_of_no_study_is_named_by_its_files_name_made_an_id(
    write_study: WriteStudy,
) -> None:
    work = {"id": "paper", "type": "book"}
    long_name = "a" * 63 + "-b"
    first = write_study({"works": [{**work, "title": "One"}]}, "Førde notes.yaml")
    second = write_study({"works": [{**work, "title": "Two"}]}, f"{long_name}.yaml")
    corpus = load(first, second)
    assert {item.id: item.title for item in corpus.works} == {  # type: ignore[attr-defined]
        "Forde-notes/paper": "One",
        f"{long_name}/paper": "Two",
    }


@pytest.mark.parametrize(("field", "value"), [("pmid", "31143449"), ("pmcid", "PMC6532193")])
def test_one_pmid_or_pmcid_twice_in_one_file_is_an_error(
    write_study: WriteStudy, field: str, value: str
) -> None:
    works = [{"id": name, "type": "book", field: value} for name in ("a", "b")]
    path = write_study({"works": works})
    with pytest.raises(StudyFileError) as info:
        load(path)
    [problem] = info.value.problems
    assert problem.location == f"works[1].{field}"
    assert problem.message == (
        f"works[0] has the same {field} {value!r}: expected one entity for each public identifier"
    )


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(), data=st.data())
def test_every_order_of_a_generated_corpus_in_three_files_gives_one_export(
    corpus: Corpus, data: st.DataObject
) -> None:
    """A corpus cut into three files, each list wholly in one of them; the files name each
    other's entities by local id, as earlier releases' files do."""
    parts: list[dict[str, list[Any]]] = [{name: [] for name in COLLECTIONS} for _ in range(3)]
    for name in COLLECTIONS:
        part = data.draw(st.integers(0, 2), label=name)
        parts[part][name] = [entity.model_dump(mode="json") for entity in getattr(corpus, name)]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, part in enumerate(parts):
            path = Path(folder) / f"part{number}.json"
            path.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
            paths.append(path)
        exports = {serialize(load(*order)) for order in itertools.permutations(paths)}
        assert exports == {serialize(corpus)}


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora())
def test_one_file_that_names_every_entity_by_its_own_id_is_scoped_as_it_is(
    corpus: Corpus,
) -> None:
    """Every id local and once, every reference by one: scoping changes nothing, and so the
    merge of such a file alone takes it as it is (an RDF file read back is one)."""
    file = ParsedFile(Path("study.json"), {})
    document = StudyDocument.model_validate({name: getattr(corpus, name) for name in COLLECTIONS})
    ids = [entity.id for entity in document.entities()]
    assert all(local_id(entity) == entity.id for entity in document.entities())
    assert len(set(ids)) == len(ids)
    assert {found.target for entity in document.entities() for found in references(entity)} <= (
        set(ids)
    )
    scoped, problems = scope_documents([(file, document)])
    assert problems == []
    [(_, kept)] = scoped
    assert kept.model_dump_json() == document.model_dump_json()
    merged = merge_documents([(file, document)])
    assert merged.model_dump_json() == corpus.model_dump_json()


def test_one_file_whose_ids_are_named_within_their_studies_is_scoped(
    write_study: WriteStudy,
) -> None:
    """An id named within its study is its local id where no other entity has that."""
    document = study("ng2019", "A study", None)
    document["themes"][0]["id"] = "ng2019/hope"
    document["themes"][1]["parent"] = "ng2019/hope"
    corpus = load(write_study(document))
    assert [theme.id for theme in corpus.themes] == ["hope", "despair"]
    assert corpus.themes[1].parent == "hope"


def test_one_file_whose_reference_is_spaced_is_scoped(write_study: WriteStudy) -> None:
    """A reference with spaces around an id names the entity of that id, as in several files."""
    document = study("ng2019", "A study", None)
    document["quotes"][0]["themes"] = [" hope "]
    assert load(write_study(document)).quotes[0].themes == ("hope",)
