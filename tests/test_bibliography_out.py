"""The works of a corpus written as BibTeX and CSL-JSON read back as the same works."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import Cli, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import corpora, hostile_text

from evidence_graph import Corpus, EvidenceGraph, load
from evidence_graph.cli import main
from evidence_graph.io import to_bibtex, to_csl_json
from evidence_graph.io.bibliography import NOT_WRITTEN
from evidence_graph.models import Person, Work, WorkType

Writer = Callable[[Any], str]
FORMATS: dict[str, tuple[Writer, str]] = {
    "bibtex": (to_bibtex, "refs.bib"),
    "csl-json": (to_csl_json, "refs.csl.json"),
}
# Compared separately: authors (by name, person ids differ), cites (by target), type, dates.
SEPARATE = {"id", "authors", "cites", "type", "issued", "year"}
SPACED = ("abstract", "note")


def attempt(writer: Writer, corpus: Corpus) -> tuple[str | None, str]:
    """Return the text written, or None and why the writer refused."""
    try:
        return writer(corpus), ""
    except ValueError as error:
        return None, str(error)


def read_back(text: str, name: str) -> Corpus:
    folder = Path(tempfile.mkdtemp())
    (folder / name).write_text(text, encoding="utf-8")
    return load(folder / name)


def carried(person: Person, form: str) -> tuple[str, str | None, str | None, str | None]:
    """A person as the format carries them: family and given names, else the name alone."""
    orcid = person.orcid if form == "csl-json" else None
    if person.family_name:
        name = " ".join(part for part in (person.given_name, person.family_name) if part)
        return name, person.given_name, person.family_name, orcid
    return person.name, None, None, orcid


def expected_type(work: Work, form: str) -> WorkType:
    """The type a work reads back as: BibTeX's @misc is a web page when it has a URL."""
    if form == "csl-json":
        return work.type
    if work.type in {WorkType.WEB_PAGE, WorkType.OTHER}:
        return WorkType.WEB_PAGE if work.url else WorkType.OTHER
    return work.type


def names(corpus: Corpus, work: Work, form: str) -> list[tuple[Any, ...]]:
    people = [corpus.get(ref) for ref in work.authors]
    return [carried(person, form) for person in people if isinstance(person, Person)]


def assert_same_works(
    original: Corpus, back: Corpus, form: str, *, orcids: bool = True
) -> set[str]:
    """Assert the works read back are the originals; return the Work fields that were lost."""
    assert sorted(work.id for work in back.works) == sorted(work.id for work in original.works)
    lost: set[str] = set()
    for work in original.works:
        again = back.get(work.id)
        assert isinstance(again, Work)
        assert again.type is expected_type(work, form)
        assert again.issued == work.issued
        assert again.year == (None if work.issued else work.year)
        assert {c.work for c in again.cites} == {c.work for c in work.cites}
        want = names(original, work, form)
        got = [carried(person, "csl-json") for person in map(back.get, again.authors)]  # type: ignore[arg-type]
        if not orcids:
            want, got = [w[:3] for w in want], [g[:3] for g in got]
        assert got == want
        before = work.model_dump(exclude=SEPARATE)
        after = again.model_dump(exclude=SEPARATE)
        if form == "bibtex":  # BibTeX carries the white space of these as single spaces
            for name in SPACED:
                before[name] = before[name] and " ".join(before[name].split())
        lost |= {name for name in before if before[name] != after[name]}
    return lost


# -- the built-in dataset ---------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMATS)
def test_builtin_dataset_round_trips(form: str) -> None:
    writer, name = FORMATS[form]
    original = load("kverme2019")
    back = read_back(writer(original), name)
    lost = assert_same_works(original, back, form)
    # exactly the fields the formats do not carry, of those the dataset gives
    assert lost == {
        "rights",
        "received",
        "accepted",
        "section",
        "corresponding_authors",
        "subjects",
    }
    assert lost <= set(NOT_WRITTEN)
    # A work without a title (every built-in work with a DOI has one) stays without one.
    untitled = Corpus(works=[{"id": "w", "type": "journal-article", "doi": "10.1234/abc"}])
    assert read_back(writer(untitled), name).get("w").title is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("form", FORMATS)
def test_output_is_deterministic_and_the_same_from_a_graph(form: str) -> None:
    writer, _ = FORMATS[form]
    corpus = load("kverme2019")
    text = writer(corpus)
    assert writer(load("kverme2019")) == text
    assert writer(EvidenceGraph.from_corpus(corpus)) == text
    assert text.endswith("\n")


def test_bibtex_entries() -> None:
    text = to_bibtex(load("kverme2019"))
    assert text.startswith("@article{kverme2019-paper,\n")
    assert (
        "  author = {Kverme, Britt and Natvik, Eli and Veseth, Marius and Moltu, Christian},\n"
        in text
    )
    assert "  eid = {430},\n" in text
    assert "  pages = {553--564},\n" in text
    assert "  cites = {kverme2019-paper},\n" in text
    keys = [line for line in text.splitlines() if line.startswith("@")]
    assert keys == sorted(keys, key=lambda line: line.split("{")[1])


def test_csl_json_items() -> None:
    text = to_csl_json(load("kverme2019"))
    items = json.loads(text)
    assert text == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    assert [item["id"] for item in items] == sorted(item["id"] for item in items)
    paper = items[0]
    assert paper["issued"] == {"date-parts": [[2019, 2, 28]]}
    assert paper["author"][0] == {"family": "Kverme", "given": "Britt"}
    assert paper["article-number"] == "430"
    assert items[2]["type"] == "article-magazine"
    assert items[2]["cites"] == ["kverme2019-paper"]


def test_orcid_and_literal_names_in_csl_json() -> None:
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "report", "authors": ["who", "ada"]}],
            "people": [
                {"id": "who", "name": "World Health Organization"},
                {
                    "id": "ada",
                    "name": "Ada Lovelace",
                    "given_name": "Ada",
                    "family_name": "Lovelace",
                    "orcid": "0000-0002-1825-0097",
                },
            ],
        }
    )
    item = json.loads(to_csl_json(corpus))[0]
    assert item["author"] == [
        {"literal": "World Health Organization"},
        {"family": "Lovelace", "given": "Ada", "ORCID": "https://orcid.org/0000-0002-1825-0097"},
    ]
    assert "author = {{World Health Organization} and Lovelace, Ada}" in to_bibtex(corpus)
    for form, (writer, name) in FORMATS.items():
        assert_same_works(corpus, read_back(writer(corpus), name), form)


@pytest.mark.parametrize("work_type", list(WorkType))
@pytest.mark.parametrize("url", [None, "https://example.org/a%20b?c=d&e#f"])
@pytest.mark.parametrize("form", FORMATS)
def test_every_type_and_field_round_trips(work_type: WorkType, url: str | None, form: str) -> None:
    work = {
        "id": "w.1_B",
        "type": work_type.value,
        "title": "DNA {and} 100% R&D: $5 #1 a_b ~x -- `` '' !` \\emph{x} @article{y, “q”",
        "container_title": "Ærø – Journal of {Braces}",
        "publisher": "Søren & Sons, Inc.",
        "volume": "10",
        "issue": "2-3",
        "article_number": "e430",
        "pages": "553–564",
        "issued": "2019-02-28",
        "doi": "10.1000/ABC(1)2",
        "pmid": "30873097",
        "pmcid": "PMC6403141",
        "issn": "1664-1078",
        "keywords": ["recovery", "R&D", "50% {x}"],
        "url": url,
        "authors": ["p", "q"],
        "cites": [{"work": "v", "intents": ["cites"]}],
    }
    corpus = Corpus.model_validate(
        {
            "works": [work, {"id": "v", "type": "book", "year": 2004}],
            "people": [
                {"id": "p", "name": "x", "given_name": "Jean, Jr", "family_name": "van der Berg"},
                {"id": "q", "name": "R & D {Group} and Co", "orcid": "0000-0002-1825-0097"},
            ],
        }
    )
    writer, name = FORMATS[form]
    lost = assert_same_works(corpus, read_back(writer(corpus), name), form)
    assert lost == set()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "two\nlines"}, "title"),
        ({"title": "two  spaces"}, "title"),
        ({"container_title": "tail "}, "container_title"),
        ({"keywords": ["a, b"]}, "keywords"),
        ({"doi": "10.1000/a{b"}, "doi"),
    ],
)
def test_bibtex_refuses_what_it_cannot_carry(change: dict[str, Any], field: str) -> None:
    corpus = Corpus.model_validate({"works": [{"id": "odd", "type": "book", **change}]})
    with pytest.raises(ValueError, match=rf"work 'odd'.*{field}"):
        to_bibtex(corpus)


def test_csl_json_refuses_what_it_cannot_carry() -> None:
    corpus = Corpus.model_validate({"works": [{"id": "odd", "type": "book", "title": " T"}]})
    with pytest.raises(ValueError, match=r"work 'odd'.*title"):
        to_csl_json(corpus)
    corpus = Corpus.model_validate({"works": [{"id": "odd", "type": "book", "title": "a\nb"}]})
    assert json.loads(to_csl_json(corpus))[0]["title"] == "a\nb"


def test_two_authors_of_one_name_are_refused() -> None:
    corpus = Corpus.model_validate(
        {
            "works": [{"id": "w", "type": "book", "authors": ["a", "b"]}],
            "people": [{"id": "a", "name": "Li"}, {"id": "b", "name": "Li"}],
        }
    )
    for writer, _ in FORMATS.values():
        with pytest.raises(ValueError, match=r"work 'w'.*'b'.*same name"):
            writer(corpus)


# -- hostile text -----------------------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(title=hostile_text(60), container=hostile_text(40), form=st.sampled_from(list(FORMATS)))
def test_hostile_title_and_container_round_trip_or_are_refused(
    title: str, container: str, form: str
) -> None:
    corpus = Corpus.model_validate(
        {"works": [{"id": "w", "type": "book", "title": title, "container_title": container}]}
    )
    writer, name = FORMATS[form]
    text, refusal = attempt(writer, corpus)
    if text is None:
        assert "work 'w'" in refusal
        assert "title" in refusal or "container_title" in refusal
        return
    assert assert_same_works(corpus, read_back(text, name), form) == set()


@settings(max_examples=examples(60), deadline=None)
@given(title=hostile_text(60), container=hostile_text(40), form=st.sampled_from(list(FORMATS)))
def test_hostile_text_with_plain_white_space_round_trips(
    title: str, container: str, form: str
) -> None:
    """Braces, backslashes, quotes, '%', '&' and the like are written so they read back."""
    title, container = " ".join(title.split()), " ".join(container.split())
    corpus = Corpus.model_validate(
        {"works": [{"id": "w", "type": "book", "title": title, "container_title": container}]}
    )
    writer, name = FORMATS[form]
    assert assert_same_works(corpus, read_back(writer(corpus), name), form) == set()


def _plain(corpus: Corpus) -> Corpus:
    """The works and people of a corpus, white space made single spaces and names unique."""
    data = corpus.model_dump(include={"works", "people", "schemes", "concepts"})
    for work in data["works"]:
        for key in ("title", "container_title", *SPACED):
            if work[key] is not None:
                work[key] = " ".join(work[key].split())
    for person in data["people"]:
        person["name"] = " ".join(person["name"].split()) + " " + person["id"]
        if person["family_name"] is not None:
            person["family_name"] = " ".join(person["family_name"].split()) + " " + person["id"]
    return Corpus.model_validate(data)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(max_studies=1), form=st.sampled_from(list(FORMATS)))
def test_corpora_round_trip_or_are_refused(corpus: Corpus, form: str) -> None:
    writer, name = FORMATS[form]
    text, refusal = attempt(writer, corpus)
    if text is None:
        assert any(f"work {work.id!r}" in refusal for work in corpus.works)
        return
    lost = assert_same_works(corpus, read_back(text, name), form, orcids=False)
    assert lost <= set(NOT_WRITTEN)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(max_studies=1), form=st.sampled_from(list(FORMATS)))
def test_corpora_with_plain_white_space_round_trip(corpus: Corpus, form: str) -> None:
    corpus = _plain(corpus)
    writer, name = FORMATS[form]
    lost = assert_same_works(corpus, read_back(writer(corpus), name), form)
    assert lost <= set(NOT_WRITTEN)


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMATS)
def test_cli_cite_writes_a_file_that_loads_back(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer, name = FORMATS[form]
    target = tmp_path / name
    assert main(["cite", "kverme2019", "--format", form, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == writer(load("kverme2019"))
    assert "wrote 3 works" in capsys.readouterr().err
    assert_same_works(load("kverme2019"), load(target), form)


def test_cli_cite_prints_bibtex_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite"]) == 0
    assert capsys.readouterr().out == to_bibtex(load("kverme2019"))


def test_cli_cite_usage_and_data_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "-o", str(tmp_path / "missing" / "refs.bib")]) == 2
    assert "does not exist" in capsys.readouterr().err
    study = tmp_path / "odd.yaml"
    study.write_text('works:\n  - id: odd\n    type: book\n    title: "two  spaces"\n')
    assert main(["cite", str(study), "-o", str(tmp_path / "refs.bib")]) == 1
    assert "work 'odd'" in capsys.readouterr().err
    assert not (tmp_path / "refs.bib").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["cite", "--format", "endnote"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("form", ["bibtex", "csl-json", "ris"])
def test_what_cite_writes_loads_back_beside_the_sources_it_came_from(
    tmp_path: Path, cli: Cli, form: str
) -> None:
    name = {"bibtex": "refs.bib", "csl-json": "refs.json", "ris": "refs.ris"}[form]
    assert cli("cite", "bpd-literature", "-f", form, "-o", str(tmp_path / name)).returncode == 0
    assert load("bpd-literature", tmp_path / name) == load("bpd-literature")


def test_a_magazine_article_is_a_biblatex_subtype() -> None:
    corpus = load("kverme2019")
    text = to_bibtex(corpus)
    entry = text[text.index("@article{psychology-today-4-keys,") :].split("\n}\n")[0]
    assert "  entrysubtype = {magazine}," in entry
