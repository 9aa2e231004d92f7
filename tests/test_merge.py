"""Merging files (``io.merge``): one node for each DOI, ORCID iD and concept IRI, across sources.

The order of the sources decides nothing: an entity takes the id a study file gives it before
an RDF file's and a bibliography's, then the id most files give, then the shortest, and the
references of every file follow (``io.scoping``).
Of two values of a field, the fuller is kept whatever the order (tests/test_merge_report.py).
"""

from __future__ import annotations

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

from evidence_graph import (
    Citation,
    Corpus,
    DifferenceKind,
    NodeKind,
    StudyFileError,
    load,
    load_graph,
    merge_report,
    serialize,
)
from evidence_graph.io.values import same_words
from evidence_graph.models import COLLECTIONS, Entity, public_iri, renamed

WriteStudy = Callable[..., Path]
Cli = Callable[..., Any]

KVERME_DOI = "10.3389/fpsyg.2019.00430"
KVERME_TITLE = (
    "Moving Toward Connectedness – A Qualitative Study of Recovery Processes for People With "
    "Borderline Personality Disorder"
)
KVERME_PEOPLE = ("britt-kverme", "eli-natvik", "marius-veseth", "christian-moltu")
LIEB_DOI = "10.1016/s0140-6736(04)16770-6"
ORCID = "0000-0002-1825-0097"
MESH_BPD = "http://id.nlm.nih.gov/mesh/D001883"

# The Kverme paper as a reference manager exports it: its own key, title in sentence case, the
# DOI in capitals behind a resolver, and a reply by its first author that cites it.
BIBTEX = r"""@article{{{key},
  author  = {{Kverme, Britt and Natvik, Eli and Veseth, Marius and Moltu, Christian}},
  title   = {{Moving toward connectedness: a qualitative study of recovery processes for people
             with borderline personality disorder.}},
  journal = {{Frontiers in Psychology}},
  year    = {{2019}},
  doi     = {{{doi}}},
  cites   = {{lieb2004}},
}}

@article{{lieb2004,
  author  = {{Lieb, Klaus}},
  title   = {{Borderline personality disorder}},
  journal = {{Lancet}},
  year    = {{2004}},
  doi     = {{https://doi.org/10.1016/S0140-6736(04)16770-6}},
}}

@article{{reply2020,
  author  = {{Kverme, Britt}},
  title   = {{A reply}},
  year    = {{2020}},
  cites   = {{{key}}},
}}
"""

RIS = """TY  - JOUR
ID  - kverme2019
AU  - Kverme, Britt
AU  - Natvik, Eli
AU  - Veseth, Marius
AU  - Moltu, Christian
TI  - MOVING TOWARD CONNECTEDNESS - A QUALITATIVE STUDY OF RECOVERY PROCESSES FOR PEOPLE WITH \
BORDERLINE PERSONALITY DISORDER
T2  - Frontiers in Psychology
PY  - 2019
DO  - doi:10.3389/FPSYG.2019.00430
ER  - 
"""  # noqa: W291 - RIS ends a record with "ER  - ", trailing space and all

CSL_JSON: list[dict[str, Any]] = [
    {
        "id": "kverme2019",
        "type": "article-journal",
        "title": KVERME_TITLE,
        "DOI": "https://doi.org/10.3389/FPSYG.2019.00430",
        "issued": {"date-parts": [[2019, 2, 28]]},
        "author": [
            {"family": "Kverme", "given": "Britt"},
            {"family": "Natvik", "given": "Eli"},
            {"family": "Veseth", "given": "Marius"},
            {"family": "Moltu", "given": "Christian"},
        ],
    },
    {
        "id": "reply2020",
        "type": "article-journal",
        "title": "A reply",
        "author": [{"family": "Kverme", "given": "Britt"}],
        "issued": {"date-parts": [[2020]]},
        "cites": ["kverme2019"],
    },
]


def bibtex(doi: str = KVERME_DOI, key: str = "kverme2019") -> str:
    return BIBTEX.format(doi=doi, key=key)


def load_error(*sources: str | Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load(*sources)
    return info.value


def ids(corpus: Corpus) -> set[str]:
    return {entity.id for entity in corpus.entities()}


# --- a bibliography beside the dataset ---------------------------------------------------------


@pytest.mark.parametrize(
    "doi",
    [
        "doi:10.3389/FPSYG.2019.00430",
        "https://doi.org/10.3389/FPSYG.2019.00430",
        "http://dx.doi.org/10.3389/fpsyg.2019.00430",
    ],
)
def test_a_bib_with_the_datasets_doi_in_another_form_is_one_work(
    write_study: WriteStudy, doi: str
) -> None:
    refs = write_study(bibtex(doi), "refs.bib")
    corpus = load("kverme2019", refs)
    dataset = load("kverme2019")
    # One node for the paper, and one for each author: only the other works and their
    # one new author are added.
    assert len(load_graph("kverme2019", refs)) == len(load_graph("kverme2019")) + 3
    assert ids(corpus) - ids(dataset) == {"lieb2004", "lieb-klaus", "reply2020"}
    paper = corpus.get("kverme2019-paper")
    assert paper.doi == KVERME_DOI
    assert paper.title == KVERME_TITLE  # the spelling of the source given first
    assert paper.year == 2019  # given by the .bib only
    assert paper.authors == KVERME_PEOPLE
    assert paper.cites == (Citation(work="lieb2004"),)
    assert corpus.get("kverme2019").node_kind == NodeKind.STUDY  # the bib's key names no work
    reply = corpus.get("reply2020")
    assert reply.cites == (Citation(work="kverme2019-paper"),)
    assert reply.authors == ("britt-kverme",)
    assert corpus.get("britt-kverme") == dataset.get("britt-kverme")
    assert corpus.get("kverme2019") == dataset.get("kverme2019")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("refs.bib", bibtex("https://doi.org/10.3389/FPSYG.2019.00430")),
        ("refs.ris", RIS),
        ("refs.json", json.dumps(CSL_JSON, ensure_ascii=False)),
    ],
    ids=["bibtex", "ris", "csl-json"],
)
def test_each_bibliography_format_joins_the_datasets_work_and_people(
    write_study: WriteStudy, name: str, text: str
) -> None:
    corpus = load("kverme2019", write_study(text, name))
    works = [work for work in corpus.works if work.doi == KVERME_DOI]
    assert [work.id for work in works] == ["kverme2019-paper"]
    assert works[0].authors == KVERME_PEOPLE
    assert not {"kverme-britt", "natvik-eli", "veseth-marius", "moltu-christian"} & ids(corpus)
    assert corpus.get("kverme2019").node_kind == NodeKind.STUDY
    assert [person.id for person in corpus.people][:4] == list(KVERME_PEOPLE)


def test_a_csl_json_citation_follows_the_joined_work(write_study: WriteStudy) -> None:
    corpus = load("kverme2019", write_study(json.dumps(CSL_JSON), "refs.json"))
    assert corpus.get("reply2020").cites == (Citation(work="kverme2019-paper"),)
    assert (
        corpus.get("kverme2019-paper").issued == load("kverme2019").get("kverme2019-paper").issued
    )


def test_a_study_files_ids_come_before_a_bibliographys_in_any_order(
    write_study: WriteStudy,
) -> None:
    refs = write_study(bibtex(key="KvermeMoving"), "refs.bib")
    for sources in (("kverme2019", refs), (refs, "kverme2019")):
        corpus = load(*sources)
        assert "KvermeMoving" not in ids(corpus)
        assert not {"kverme-britt", "natvik-eli", "veseth-marius", "moltu-christian"} & ids(corpus)
        assert corpus.get("reply2020").cites == (Citation(work="kverme2019-paper"),)
        assert corpus.get("kverme2019").reported_in == ("kverme2019-paper",)
        assert ids(corpus) == ids(load("kverme2019", refs))
        assert corpus.get("kverme2019-paper").title == KVERME_TITLE  # the fuller title


def test_a_bib_key_that_is_the_datasets_study_id_takes_nothing(write_study: WriteStudy) -> None:
    # The .bib calls the paper 'kverme2019', the dataset's study: the paper keeps the dataset's
    # id whichever file comes first.
    refs = write_study(bibtex(), "refs.bib")
    corpus = load(refs, "kverme2019")
    assert corpus.get("kverme2019").node_kind == NodeKind.STUDY
    assert corpus.get("kverme2019-paper").doi == KVERME_DOI


# --- people and concepts -----------------------------------------------------------------------


def test_a_person_with_one_orcid_in_two_files_is_one(write_study: WriteStudy) -> None:
    first = write_study(
        {
            "people": [{"id": "xenia", "name": "Xenia Smith", "orcid": ORCID}],
            "works": [{"id": "w", "type": "book", "authors": ["xenia"]}],
        },
        "a.yaml",
    )
    second = write_study(
        {
            "people": [
                {
                    "id": "smith-x",
                    "name": "Xénia Smith",
                    "orcid": f"https://orcid.org/{ORCID}",
                    "affiliations": ["University of Bergen"],
                }
            ],
            "studies": [
                {
                    "id": "s",
                    "design": "qualitative",
                    "reported_in": ["w"],
                    "lead_investigator": "smith-x",
                }
            ],
        },
        "b.json",
    )
    corpus = load(first, second)
    [person] = corpus.people
    assert person.id == "xenia"
    assert person.name == "Xénia Smith"  # the fuller name: one more letter outside ASCII
    assert person.affiliations == ("University of Bergen",)
    assert corpus.get("s").lead_investigator == "xenia"


def test_a_concept_iri_in_two_files_is_one_and_references_follow(write_study: WriteStudy) -> None:
    first = write_study(
        {"concepts": [{"id": "bpd", "iri": MESH_BPD, "label": "Borderline Personality Disorder"}]},
        "a.yaml",
    )
    second = write_study(
        {
            "concepts": [
                {
                    "id": "borderline",
                    "iri": MESH_BPD,
                    "label": "borderline personality disorder",
                    "notation": "D001883",
                }
            ],
            "works": [{"id": "w", "type": "book", "subjects": ["borderline"]}],
            "studies": [
                {
                    "id": "s",
                    "design": "qualitative",
                    "reported_in": ["w"],
                    "conditions": ["borderline"],
                }
            ],
            "criteria": [
                {
                    "id": "c",
                    "study": "s",
                    "kind": "inclusion",
                    "text": "diagnosed with BPD",
                    "constraint": {
                        "type": "condition",
                        "condition": "bpd",
                        "concept": "borderline",
                    },
                }
            ],
            "claims": [
                {
                    "id": "claim",
                    "statement": "S",
                    "asserted_by": "w",
                    "kind": "background",
                    "about": ["borderline"],
                }
            ],
        },
        "b.yaml",
    )
    corpus = load(first, second)
    [concept] = corpus.concepts
    assert (concept.id, concept.label, concept.notation) == (
        "bpd",
        "Borderline Personality Disorder",
        "D001883",
    )
    assert corpus.get("w").subjects == ("bpd",)
    assert corpus.get("s").conditions == ("bpd",)
    assert corpus.get("c").constraint.concept == "bpd"
    assert corpus.get("claim").about == ("bpd",)
    assert "borderline" not in ids(corpus)


def test_a_file_may_name_a_joined_entity_by_the_id_it_gave_up(write_study: WriteStudy) -> None:
    work = {"type": "book", "title": "Skills Training Manual", "doi": "10.1234/abc"}
    first = write_study({"works": [{"id": "manual", **work}]}, "a.yaml")
    second = write_study({"works": [{"id": "linehan1993", **work}]}, "b.yaml")
    third = write_study(
        {"studies": [{"id": "s", "design": "qualitative", "reported_in": ["linehan1993"]}]},
        "c.yaml",
    )
    for sources in ((first, second, third), (first, third, second), (third, first, second)):
        corpus = load(*sources)
        assert corpus.get("s").reported_in == ("manual",), sources
        assert ids(corpus) == {"manual", "s"}


def test_one_doi_twice_in_one_file_joins_nothing(write_study: WriteStudy) -> None:
    first = write_study({"works": [{"id": "w1", "type": "book", "doi": "10.1234/abc"}]}, "a.yaml")
    second = write_study(
        {
            "works": [
                {"id": "w2", "type": "book", "doi": "10.1234/ABC"},
                {"id": "w3", "type": "book", "doi": "https://doi.org/10.1234/abc"},
            ]
        },
        "b.yaml",
    )
    error = load_error(first, second)
    assert [problem.location for problem in error.problems] == ["works[0].doi", "works[1].doi"]
    assert all("has the same doi '10.1234/abc'" in problem.message for problem in error.problems)


# --- combining ---------------------------------------------------------------------------------


def test_a_title_differing_only_in_case_and_punctuation_joins(write_study: WriteStudy) -> None:
    first = write_study(
        {
            "works": [
                {
                    "id": "a",
                    "type": "journal-article",
                    "title": "Moving Toward Connectedness – A Qualitative Study",
                    "doi": "10.1234/abc",
                    "authors": ["p"],
                }
            ],
            "people": [{"id": "p", "name": "Søren O’Neil", "family_name": "O’Neil"}],
        },
        "a.yaml",
    )
    second = write_study(
        {
            "works": [
                {
                    "id": "b",
                    "type": "journal-article",
                    "title": "Moving toward connectedness: a qualitative study.",
                    "doi": "10.1234/ABC",
                    "authors": ["q"],
                }
            ],
            "people": [{"id": "q", "name": "Soren ONeil", "given_name": "Soren"}],
        },
        "b.yaml",
    )
    corpus = load(first, second)
    [work] = corpus.works
    assert (work.id, work.title, work.authors) == (
        "a",
        "Moving Toward Connectedness – A Qualitative Study",
        ("p",),
    )
    [person] = corpus.people
    assert (person.name, person.given_name, person.family_name) == (
        "Søren O’Neil",
        "Soren",
        "O’Neil",
    )


def test_lists_are_united_and_missing_values_taken(write_study: WriteStudy) -> None:
    first = write_study(
        {
            "works": [
                {
                    "id": "w",
                    "type": "book",
                    "keywords": ["recovery"],
                    "cites": [{"work": "v", "intents": ["discusses"]}],
                },
                {"id": "v", "type": "book"},
            ]
        },
        "a.yaml",
    )
    second = write_study(
        {
            "works": [
                {
                    "id": "w",
                    "type": "book",
                    "year": 2001,
                    "authors": ["p"],
                    "keywords": ["bpd", "recovery"],
                    "cites": [{"work": "v", "intents": ["extends"]}],
                }
            ],
            "people": [{"id": "p", "name": "P"}],
        },
        "b.yaml",
    )
    work = load(first, second).get("w")
    assert work.year == 2001
    assert work.authors == ("p",)
    assert work.keywords == ("bpd", "recovery")
    assert work.cites == (Citation(work="v", intents=("discusses", "extends")),)


ANOTHER_TITLE = (
    "Another Title: a qualitative study of recovery processes for people with borderline "
    "personality disorder."
)


def test_a_title_with_other_words_is_a_real_difference_kept_by_fullness(
    write_study: WriteStudy,
) -> None:
    refs = write_study(
        bibtex().replace("Moving toward connectedness:", "Another Title:"), "refs.bib"
    )
    assert load("kverme2019", refs).get("kverme2019-paper").title == KVERME_TITLE
    [row] = [row for row in merge_report("kverme2019", refs) if row.field == "title"]
    assert (row.kind, row.kept, row.dropped) == (
        DifferenceKind.DIFFERENT,
        KVERME_TITLE,
        ANOTHER_TITLE,
    )


def test_conflicting_titles_name_both_files_when_strict(write_study: WriteStudy) -> None:
    refs = write_study(
        bibtex().replace("Moving toward connectedness:", "Another Title:"), "refs.bib"
    )
    with pytest.raises(StudyFileError) as raised:
        load("kverme2019", refs, strict=True)
    [problem] = raised.value.problems
    assert problem.file == refs
    assert problem.location == "kverme2019.title"  # the entry's key and field, as the file has
    assert problem.line == 3
    assert problem.message == (
        f"{ANOTHER_TITLE!r} differs from {KVERME_TITLE!r} that {dataset_file()}, works[0].title "
        f"(line 21) gives the DOI {KVERME_DOI}; expected one title for one work (a strict merge "
        "refuses a real difference)"
    )


def dataset_file() -> Path:
    from evidence_graph.datasets import dataset_path  # noqa: PLC0415

    return dataset_path("kverme2019")


def test_conflicting_titles_through_the_cli(
    tmp_path: Path, write_study: WriteStudy, cli: Cli
) -> None:
    refs = write_study(
        bibtex().replace("Moving toward connectedness:", "Another Title:"), "refs.bib"
    )
    target = tmp_path / "out.ttl"
    result = cli("export", "kverme2019", str(refs), "-o", str(target), "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(refs) in result.stderr
    assert str(dataset_file()) in result.stderr
    assert "expected one title for one work" in result.stderr
    assert not target.exists()
    # Without --strict the fuller title is kept, and one line says so.
    result = cli("export", "kverme2019", str(refs), "-o", str(target))
    assert result.returncode == 0
    assert result.stderr.splitlines()[-1] == (
        "merged 2 files: 1 difference (1 real) kept by the fuller-value rule; see "
        f"`evidence-graph merge-report kverme2019 {refs}`"
    )


def test_two_files_with_one_study_that_disagrees_name_both(write_study: WriteStudy) -> None:
    first = write_study(
        {
            "people": [{"id": "x", "name": "Xenia"}],
            "studies": [{"id": "s", "design": "qualitative", "reported_in": ["r"]}],
        },
        "a.yaml",
    )
    second = write_study(
        {
            "works": [{"id": "x", "type": "book"}],
            "studies": [
                {"id": "s", "design": "quantitative", "reported_in": ["r"], "country": "Norway"}
            ],
        },
        "b.yaml",
    )
    # A person and a work of one id in two files are two entities; one study in two files
    # that disagree is an error.
    error = load_error(first, second)
    assert [(problem.file, problem.location, problem.message) for problem in error.problems] == [
        (
            second,
            "studies[0].id",
            (
                f"duplicate id 's': {first}, studies[0] has it too, with the design "
                "'qualitative' where this has 'quantitative'; expected each id once, or the same "
                "entity written alike"
            ),
        ),
    ]
    assert str(first) in str(error)
    assert str(second) in str(error)


def test_a_combined_work_is_validated_as_a_whole(write_study: WriteStudy) -> None:
    first = write_study(
        {"works": [{"id": "a", "type": "book", "doi": "10.1234/abc", "issued": "2019-02-28"}]},
        "a.yaml",
    )
    second = write_study(
        {"works": [{"id": "b", "type": "book", "doi": "10.1234/abc", "year": 2018}]}, "b.yaml"
    )
    [problem] = load_error(first, second).problems
    assert problem.file == second
    assert problem.location == "works[0]"
    assert problem.message == (
        f"joined with {first}, works[0] by the DOI 10.1234/abc: year (2018) is not the year of "
        "issued (2019-02-28): expected the same"
    )


def test_different_authors_of_one_work_name_both_files(write_study: WriteStudy) -> None:
    people = [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}]
    first = write_study(
        {"works": [{"id": "w", "type": "book", "authors": ["p", "q"]}], "people": people}, "a.yaml"
    )
    second = write_study({"works": [{"id": "w", "type": "book", "authors": ["q", "p"]}]}, "b.yaml")
    [problem] = load_error(first, second).problems
    assert problem.location == "works[0].id"
    assert problem.message == (
        f"duplicate id 'w': {first}, works[0] has it too, with the authors ['p', 'q'] where this "
        "has ['q', 'p']; expected each id once, or the same entity written alike"
    )


# --- RDF files among the sources ---------------------------------------------------------------


def test_an_export_of_the_dataset_loads_back_beside_it(tmp_path: Path) -> None:
    dataset = load("kverme2019")
    exported = tmp_path / "kverme2019.ttl"
    exported.write_text(serialize(dataset), encoding="utf-8")
    assert load("kverme2019", exported) == dataset
    assert load(exported, "kverme2019") == dataset


def test_a_folder_of_a_study_file_a_bib_and_an_export(
    tmp_path: Path, write_study: WriteStudy, cli: Cli
) -> None:
    lancet = Corpus.model_validate(
        {
            "works": [
                {
                    "id": "lieb-lancet",
                    "type": "journal-article",
                    "title": "Borderline Personality Disorder",
                    "doi": LIEB_DOI,
                    "year": 2004,
                }
            ]
        }
    )
    write_study(serialize(lancet), "studies/a.ttl")
    write_study(
        "@book{linehan1993,\n  author = {Linehan, Marsha M.},\n"
        "  title = {Cognitive-behavioral treatment of borderline personality disorder},\n"
        "  year = {1993},\n  cites = {lieb-lancet},\n}\n",
        "studies/b.bib",
    )
    write_study(
        {
            "studies": [{"id": "dbt", "design": "mixed-methods", "reported_in": ["linehan1993"]}],
            "claims": [
                {
                    "id": "claim",
                    "statement": "S",
                    "asserted_by": "linehan1993",
                    "kind": "background",
                    "evidence": ["lieb-lancet"],
                }
            ],
        },
        "studies/c.yaml",
    )
    folder = tmp_path / "studies"
    alone = load(folder)
    assert ids(alone) == {"lieb-lancet", "linehan1993", "linehan-marsha-m", "dbt", "claim"}
    refs = write_study(bibtex(), "refs.bib")
    corpus = load("kverme2019", refs, folder)
    assert ids(corpus) == ids(load(folder, refs, "kverme2019"))
    # The .bib names the Lancet paper 'lieb2004', the folder's RDF 'lieb-lancet': an RDF file's
    # id comes before a bibliography's key, whatever the order, and every file follows.
    assert "lieb2004" not in ids(corpus)
    assert corpus.get("lieb-lancet").title == "Borderline Personality Disorder"  # the fuller
    assert corpus.get("linehan1993").cites == (Citation(work="lieb-lancet"),)
    assert corpus.get("claim").evidence == ("lieb-lancet",)
    result = cli("export", "kverme2019", str(refs), str(folder), "--format", "turtle")
    assert result.returncode == 0, result.stderr
    assert result.stdout == serialize(corpus)


def test_same_words() -> None:
    assert same_words("Self-harm, and BPD!", "self harm and “BPD”")
    assert same_words("Learning to Hold One’s Own", "learning to hold ones own")
    assert not same_words("A", "")


# --- properties --------------------------------------------------------------------------------

_PUBLIC = ("works", "people", "concepts")
_DOI_FORMS = (
    lambda doi: doi,
    str.upper,
    lambda doi: f"https://doi.org/{doi}",
    lambda doi: f"doi:{doi.upper()}",
)


def _dump(entities: list[Entity], path: Path) -> Path:
    document: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for entity in entities:
        name = next(name for name, kind in COLLECTIONS.items() if kind == entity.node_kind)
        document[name].append(entity.model_dump(mode="json"))
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(), forms=st.lists(st.sampled_from(_DOI_FORMS), min_size=5, max_size=5))
def test_a_corpus_split_in_two_files_under_other_ids_loads_back_whole(
    corpus: Corpus, forms: list[Callable[[str], str]]
) -> None:
    """Both files hold the entities with public ids, the second under other ids, any DOI form."""
    public = [entity for name in _PUBLIC for entity in getattr(corpus, name)]
    others = {"dup-" + entity.id: entity.id for entity in public if public_iri(entity)}
    names = {old: new for new, old in others.items()}
    copies: list[Entity] = []
    for index, entity in enumerate(public):
        if entity.id not in names:
            continue
        copy = renamed(entity, names)
        if copy.node_kind == NodeKind.WORK and copy.doi:
            copy = type(copy).model_validate(
                {**copy.model_dump(), "doi": forms[index % len(forms)](copy.doi)}
            )
        copies.append(copy)
    rest = [
        renamed(entity, names)
        for name in COLLECTIONS
        if name not in _PUBLIC
        for entity in getattr(corpus, name)
    ]
    with tempfile.TemporaryDirectory() as folder:
        first = _dump(public, Path(folder) / "first.json")
        second = _dump(copies + rest, Path(folder) / "second.json")
        assert load(first, second) == corpus
        # Given first or second, the shorter ids are kept.
        assert load(second, first) == corpus


def test_a_problem_of_a_joined_work_is_named_where_it_was_given(write_study: WriteStudy) -> None:
    refs = write_study(
        bibtex().replace("cites   = {lieb2004}", "cites   = {lieb2004, nowhere}"), "refs.bib"
    )
    [problem] = load_error("kverme2019", refs).problems
    assert problem.file == refs
    assert problem.location == "kverme2019.cites[1].work"
    assert problem.line == 8
    assert problem.message == "no entity has the id 'nowhere'; expected the id of a work"


def test_matches_two_files_share_are_kept_once(write_study: WriteStudy) -> None:
    wikidata = {"relation": "exact", "scheme": "wikidata", "code": "Q208166"}
    icd = {"relation": "close", "scheme": "icd-10-cm", "code": "F60.3"}
    concept = {"id": "bpd", "iri": MESH_BPD, "label": "Borderline Personality Disorder"}
    first = write_study({"concepts": [{**concept, "matches": [wikidata]}]}, "a.yaml")
    second = write_study({"concepts": [{**concept, "matches": [wikidata, icd]}]}, "b.yaml")
    for sources in ((first, second), (second, first)):
        [merged] = load(*sources).concepts
        assert sorted(match.code for match in merged.matches) == ["F60.3", "Q208166"]


def test_a_transcript_that_differs_is_never_shown(write_study: WriteStudy) -> None:
    """Two files give one work (one DOI) with different full texts, private transcripts."""

    def study(text: str) -> dict[str, Any]:
        work = {"id": "t", "type": "dataset", "doi": "10.5555/t1", "text": text}
        return {"works": [work]}

    first = write_study(study("Interviewer: secret words one"), "a.yaml")
    second = write_study(study("Interviewer: secret words two"), "b.yaml")
    with pytest.raises(StudyFileError) as caught:
        load(first, second, strict=True)
    assert "secret" not in str(caught.value)
    assert "a private text of 29 characters" in str(caught.value)
    report = merge_report(first, second)
    assert [(d.field, d.kept, d.dropped) for d in report.differences] == [
        ("text", "a private text of 29 characters", "a private text of 29 characters")
    ]
