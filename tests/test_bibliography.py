"""Bibliographies (BibTeX, CSL-JSON, RIS) load as works and people, with errors naming the place."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from evidence_graph import Corpus, DifferenceKind, StudyFileError, load, merge_report, serialize
from evidence_graph.io import bibliography_format, read_bibliography, resolve_sources
from evidence_graph.namespace import CITO

WriteStudy = Callable[..., Path]
Cli = Callable[..., Any]

KVERME_TITLE = (
    "Moving Toward Connectedness – A Qualitative Study of Recovery Processes for People With "
    "Borderline Personality Disorder"
)
KVERME_DOI = "10.3389/fpsyg.2019.00430"
LIEB_DOI = "10.1016/s0140-6736(04)16770-6"
KVERME_AUTHORS = ("kverme-britt", "natvik-eli", "veseth-marius", "moltu-christian")
LIEB_AUTHORS = (
    "lieb-klaus",
    "zanarini-mary-c",
    "schmahl-christian",
    "linehan-marsha-m",
    "bohus-martin",
)

BIBTEX = r"""
@article{kverme2019,
  author  = {Kverme, Britt and Natvik, Eli and Veseth, Marius and Moltu, Christian},
  title   = {Moving Toward Connectedness -- A Qualitative Study of Recovery Processes for
             People With {Borderline Personality Disorder}},
  journal = {Frontiers in Psychology},
  year    = {2019},
  volume  = {10},
  eid     = {430},
  doi     = {10.3389/fpsyg.2019.00430},
  pmid    = {30873097},
  cites   = {lieb2004},
}

@article{lieb2004,
  author  = {Lieb, Klaus and Zanarini, Mary C. and Schmahl, Christian and
             Linehan, Marsha M. and Bohus, Martin},
  title   = {Borderline personality disorder},
  journal = {Lancet},
  year    = 2004,
  volume  = {364},
  number  = {9432},
  pages   = {453--461},
  doi     = {https://doi.org/10.1016/S0140-6736(04)16770-6},
}
"""

CSL_JSON: list[dict[str, Any]] = [
    {
        "id": "kverme2019",
        "type": "article-journal",
        "title": KVERME_TITLE,
        "container-title": "Frontiers in Psychology",
        "volume": "10",
        "number": "430",
        "DOI": "https://doi.org/10.3389/FPSYG.2019.00430",
        "PMID": "30873097",
        "issued": {"date-parts": [[2019]]},
        "author": [
            {"family": "Kverme", "given": "Britt"},
            {"family": "Natvik", "given": "Eli"},
            {"family": "Veseth", "given": "Marius"},
            {"family": "Moltu", "given": "Christian"},
        ],
        "cites": ["lieb2004"],
    },
    {
        "id": "lieb2004",
        "type": "article-journal",
        "title": "Borderline personality disorder",
        "container-title": ["Lancet"],
        "volume": "364",
        "issue": "9432",
        "page": "453–461",
        "DOI": "doi:10.1016/S0140-6736(04)16770-6",
        "issued": {"date-parts": [["2004"]]},
        "author": [
            {"family": "Lieb", "given": "Klaus"},
            {"family": "Zanarini", "given": "Mary C."},
            {"family": "Schmahl", "given": "Christian"},
            {"family": "Linehan", "given": "Marsha M."},
            {"family": "Bohus", "given": "Martin"},
        ],
    },
]

RIS = f"""TY  - JOUR
ID  - kverme2019
AU  - Kverme, Britt
AU  - Natvik, Eli
AU  - Veseth, Marius
AU  - Moltu, Christian
TI  - {KVERME_TITLE}
T2  - Frontiers in Psychology
PY  - 2019
VL  - 10
DO  - 10.3389/fpsyg.2019.00430
ER  - 

TY  - JOUR
AU  - Lieb, Klaus
AU  - Zanarini, Mary C.
AU  - Schmahl, Christian
AU  - Linehan, Marsha M.
AU  - Bohus, Martin
TI  - Borderline personality disorder
JO  - Lancet
PY  - 2004
VL  - 364
IS  - 9432
SP  - 453
EP  - 461
DO  - https://doi.org/10.1016/S0140-6736(04)16770-6
ER  - 
"""  # noqa: W291 - RIS ends a record with "ER  - ", trailing space and all

FILES = {
    "bibtex": ("refs.bib", BIBTEX),
    "csl": ("refs.csl.json", json.dumps(CSL_JSON, ensure_ascii=False, indent=2)),
    "ris": ("refs.ris", RIS),
}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a bibliography never reaches the network."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a bibliography reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def load_error(*sources: str | Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load(*sources)
    return info.value


@pytest.mark.parametrize("format", list(FILES))
def test_each_format_loads_the_works_and_their_authors_in_order(
    write_study: WriteStudy, format: str
) -> None:
    name, text = FILES[format]
    corpus = load(write_study(text, name))
    kverme = corpus.get("kverme2019")
    lieb = corpus.get("lieb2004")  # in RIS, which has no ID, made from Lieb and 2004
    assert kverme.type == lieb.type == "journal-article"
    assert kverme.title == KVERME_TITLE
    assert kverme.container_title == "Frontiers in Psychology"
    assert kverme.volume == "10"
    assert kverme.doi == KVERME_DOI
    assert kverme.year == 2019
    assert kverme.issued is None
    assert kverme.authors == KVERME_AUTHORS
    assert lieb.title == "Borderline personality disorder"
    assert lieb.container_title == "Lancet"
    assert (lieb.volume, lieb.issue, lieb.pages, lieb.year) == ("364", "9432", "453–461", 2004)
    assert lieb.doi == LIEB_DOI
    assert lieb.authors == LIEB_AUTHORS
    britt = corpus.get("kverme-britt")
    assert (britt.name, britt.given_name, britt.family_name) == ("Britt Kverme", "Britt", "Kverme")
    assert corpus.get("zanarini-mary-c").name == "Mary C. Zanarini"
    if format != "ris":  # RIS has no standard tags for these
        assert kverme.pmid == "30873097"
        assert kverme.article_number == "430"


@pytest.mark.parametrize(
    "doi",
    [
        "10.3389/fpsyg.2019.00430",
        "10.3389/FPSYG.2019.00430",
        "doi:10.3389/fpsyg.2019.00430",
        "DOI: 10.3389/fpsyg.2019.00430",
        "https://doi.org/10.3389/fpsyg.2019.00430",
        "http://dx.doi.org/10.3389/fpsyg.2019.00430",
    ],
)
def test_a_doi_in_any_form_is_the_same_doi_iri(write_study: WriteStudy, doi: str) -> None:
    bib = write_study(f"@article{{k, title = {{T}}, doi = {{{doi}}}}}", "refs.bib")
    ris = write_study(f"TY  - JOUR\nID  - k\nDO  - {doi}\nER  - \n", "refs.ris")
    csl = write_study(json.dumps([{"id": "k", "type": "article-journal", "DOI": doi}]), "c.json")
    for path in (bib, ris, csl):
        graph = Graph().parse(data=_turtle(path), format="turtle")
        assert (URIRef(f"https://doi.org/{KVERME_DOI}"), None, None) in graph


def _turtle(path: Path) -> str:
    return serialize(load(path), "turtle")


def test_latex_accents_and_braces_decode(write_study: WriteStudy) -> None:
    path = write_study(
        r"""@techreport{report2020,
  author = {F{\o}rde, {\AA}se and M\"{u}ller, J{\"u}rgen and {World Health Organization}
            and de la Fontaine, Jean},
  title = {{Borderline} Personality Disorder in F{\o}rde},
  institution = {Helse F{\o}rde},
  year = {2020},
}""",
        "refs.bib",
    )
    corpus = load(path)
    work = corpus.get("report2020")
    assert work.type == "report"
    assert work.title == "Borderline Personality Disorder in Førde"
    assert work.publisher == "Helse Førde"
    assert work.authors == (
        "forde-ase",
        "muller-jurgen",
        "world-health-organization",
        "de-la-fontaine-jean",
    )
    ase = corpus.get("forde-ase")
    assert (ase.name, ase.given_name, ase.family_name) == ("Åse Førde", "Åse", "Førde")
    assert corpus.get("muller-jurgen").name == "Jürgen Müller"
    who = corpus.get("world-health-organization")
    assert (who.name, who.given_name, who.family_name) == ("World Health Organization", None, None)
    assert corpus.get("de-la-fontaine-jean").family_name == "de la Fontaine"


@pytest.mark.parametrize("format", ["bibtex", "csl"])
def test_a_cites_list_makes_a_cites_edge(write_study: WriteStudy, format: str) -> None:
    name, text = FILES[format]
    corpus = load(write_study(text, name))
    [citation] = corpus.get("kverme2019").cites
    assert (citation.work, citation.intents) == ("lieb2004", ("cites",))
    graph = Graph().parse(data=_turtle(write_study(text, name)), format="turtle")
    kverme = URIRef(f"https://doi.org/{KVERME_DOI}")
    assert (kverme, CITO.cites, URIRef(f"https://doi.org/{LIEB_DOI}")) in graph


def test_keys_that_are_not_ids_become_ids_and_cites_follow(write_study: WriteStudy) -> None:
    path = write_study(
        "@article{Kverme:2019, title = {A}, cites = {Lieb et al. 2004}}\n"
        "@book{Lieb et al. 2004, title = {B}}\n"
        "@misc{page, title = {C}, url = {https://example.org/a%20b}}\n",
        "refs.bib",
    )
    corpus = load(path)
    assert corpus.get("Kverme-2019").cites[0].work == "Lieb-et-al.-2004"
    assert corpus.get("Lieb-et-al.-2004").type == "book"
    page = corpus.get("page")
    assert (page.type, page.url) == ("web-page", "https://example.org/a%20b")


def test_one_person_per_name_and_full_dates(write_study: WriteStudy) -> None:
    path = write_study(
        "@article{a, author = {Kverme, Britt}, date = {2019-02-28}}\n"
        "@article{b, author = {Kverme, Britt and Moltu, Christian}, year = 2020}\n",
        "refs.bib",
    )
    corpus = load(path)
    assert [person.id for person in corpus.people] == ["kverme-britt", "moltu-christian"]
    assert str(corpus.get("a").issued) == "2019-02-28"
    assert corpus.get("a").year is None


def test_csl_orcid_and_literal_authors(write_study: WriteStudy) -> None:
    entry = {
        "id": "x",
        "type": "report",
        "title": "T",
        "issued": {"date-parts": [[2019, 2, 28]]},
        "author": [
            {"family": "Carberry", "given": "Josiah", "ORCID": "0000-0002-1825-0097"},
            {"literal": "World Health Organization"},
        ],
    }
    corpus = load(write_study(json.dumps([entry]), "zotero.json"))
    assert corpus.get("carberry-josiah").orcid == "0000-0002-1825-0097"
    assert corpus.get("world-health-organization").family_name is None
    assert str(corpus.get("x").issued) == "2019-02-28"


def test_ris_without_id_gets_family_name_and_year(write_study: WriteStudy) -> None:
    record = "TY  - JOUR\nAU  - Lieb, Klaus\nPY  - 2004\nTI  - {}\nER  - \n"
    path = write_study(record.format("A") + "\n" + record.format("B"), "refs.ris")
    corpus = load(path)
    assert [work.id for work in corpus.works] == ["lieb2004a", "lieb2004b"]


def test_suffixes_and_json_detection(write_study: WriteStudy, kverme: dict[str, Any]) -> None:
    assert bibliography_format(write_study(BIBTEX, "refs.bib")) == "BibTeX"
    assert bibliography_format(write_study(RIS, "refs.ris")) == "RIS"
    assert bibliography_format(write_study(FILES["csl"][1], "export.json")) == "CSL-JSON"
    assert bibliography_format(write_study(kverme, "study.json")) is None
    assert bibliography_format(write_study(kverme, "study.yaml")) is None


def test_a_folder_with_a_bib_inside_loads(tmp_path: Path, write_study: WriteStudy) -> None:
    write_study(BIBTEX, "refs/library/refs.bib")
    write_study(RIS.replace("kverme2019", "kverme-ris"), "refs/more.ris")
    found = resolve_sources([tmp_path / "refs"])
    assert [path.name for path in found] == ["refs.bib", "more.ris"]
    merged = load(tmp_path / "refs")  # the same DOIs under other ids: one work each
    # Two bibliographies' keys of one length: the first in alphabetical order is kept.
    assert [work.id for work in merged.works] == ["kverme-ris", "lieb2004"]
    assert merged.get("kverme-ris").doi == KVERME_DOI
    (tmp_path / "refs" / "more.ris").unlink()
    assert load(tmp_path / "refs").get("kverme2019").doi == KVERME_DOI


def test_cli_exports_a_bib_file_as_turtle(write_study: WriteStudy, cli: Cli) -> None:
    path = write_study(BIBTEX, "refs.bib")
    result = cli("export", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == _turtle(path)
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (URIRef(f"https://doi.org/{KVERME_DOI}"), None, None) in graph
    shown = cli("show", str(path))
    assert shown.returncode == 0, shown.stderr


def test_the_same_doi_under_another_id_names_both_files(write_study: WriteStudy) -> None:
    agreeing = write_study(BIBTEX.replace("kverme2019", "kverme-moving"), "refs.bib")
    merged = load("kverme2019", agreeing)  # one work, under the id of the file given first
    assert merged.get("kverme2019-paper").cites[0].work == "lieb2004"
    # The same DOI with another title: a real difference, an error naming both files if strict.
    path = write_study(
        BIBTEX.replace("kverme2019", "kverme-moving").replace("Toward", "Away From"), "other.bib"
    )
    [row] = [row for row in merge_report("kverme2019", path) if row.field == "title"]
    assert row.kind is DifferenceKind.DIFFERENT
    with pytest.raises(StudyFileError) as raised:
        load("kverme2019", path, strict=True)
    error = raised.value
    message = str(error)
    assert "gives the DOI 10.3389/fpsyg.2019.00430; expected one title for one work" in message
    assert str(path) in message
    assert "kverme2019.yaml" in message
    # The .bib's title has more words, so it is kept: the problem is the dataset's title, and
    # the message names the .bib's entry and line.
    [problem] = error.problems
    assert problem.file is not None
    assert problem.file.name == "kverme2019.yaml"
    assert (problem.location, problem.line) == ("works[0].title", 21)
    assert f"that {path}, kverme-moving.title (line 4) gives" in message


def test_a_cited_key_that_names_nothing_is_reported_at_its_line(
    write_study: WriteStudy,
) -> None:
    path = write_study("@article{a,\n  title = {A},\n  cites = {nowhere},\n}\n", "refs.bib")
    error = load_error(path)
    [problem] = error.problems
    assert problem.file == path
    assert problem.line == 3
    assert problem.location.startswith("a.cites")
    assert "nowhere" in str(error)


@pytest.mark.parametrize(
    ("name", "text", "line", "expected"),
    [
        (
            "bad.bib",
            "@article{a,\n  title = {A},\n}\n@article{b,\n  title = {Unclosed\n  year = 2000\n}\n",
            4,
            "is not valid BibTeX",
        ),
        ("dup.bib", "@article{a, title = {A}}\n\n@book{a, title = {B}}\n", 3, "used twice"),
        ("empty.bib", "% only a comment\n", None, "holds no entries"),
        ("doi.bib", "@article{a,\n  title = {A},\n  doi = {11.1/x},\n}\n", 3, "is not a DOI"),
        ("year.bib", "@article{a,\n  year = {soon},\n}\n", 2, "expected a year"),
        ("bad.csl.json", '[{"id": "a",\n  "type": "book"\n', 3, "is not valid JSON"),
        ("top.csl.json", '{"id": "a"}', None, "holds an object at the top"),
        ("item.json", '[\n  {"id": "a"},\n  "b"\n]', 3, "entry 2 is a string"),
        ("doi.json", '[\n  {"id": "a", "type": "book",\n   "DOI": "nope"}\n]', 3, "not a DOI"),
        (
            "orcid.json",
            '[\n  {"id": "a",\n   "author": [{"family": "C", "ORCID": "0000-0002-1825-0098"}]}\n]',
            3,
            "check digit",
        ),
        ("open.ris", "TY  - JOUR\nTI  - A\nER  - \n\nTY  - JOUR\nTI  - B\n", 5, "has no end"),
        ("twice.ris", "TY  - JOUR\nTI  - A\nTY  - JOUR\nER  - \n", 3, "before the record"),
        ("none.ris", "no records here\n", None, "holds no records"),
        ("doi.ris", "TY  - JOUR\nID  - a\nDO  - nope\nER  - \n", 3, "not a DOI"),
    ],
)
def test_a_malformed_file_names_the_file_the_place_and_what_was_expected(
    write_study: WriteStudy, name: str, text: str, line: int | None, expected: str
) -> None:
    path = write_study(text, name)
    error = load_error(path)
    assert error.file == path
    assert str(path) in str(error)
    assert expected in str(error)
    assert error.problems[0].line == line


def test_read_bibliography_returns_a_study_document(write_study: WriteStudy) -> None:
    parsed = read_bibliography(write_study(BIBTEX, "refs.bib"))
    assert sorted(parsed.data) == ["people", "works"]
    assert isinstance(load(parsed.path), Corpus)
    with pytest.raises(StudyFileError, match="unknown bibliography type"):
        read_bibliography(write_study("x: 1\n", "study.yaml"))


def test_a_json_array_that_does_not_start_with_an_object_is_a_study_file(
    write_study: WriteStudy,
) -> None:
    path = write_study("[1, 2]", "study.json")
    assert bibliography_format(path) is None
    assert "holds a list at the top; expected a study" in str(load_error(path))
    assert bibliography_format(write_study("[1, 2]", "refs.csl.json")) == "CSL-JSON"
