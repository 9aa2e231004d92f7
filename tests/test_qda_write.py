"""Writing REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``): valid, private, the same.

Every file written is validated with xmlschema against the REFI-QDA project schema, copied
into ``tests/data/refi-qda`` (MIT, its licence header kept). There is no codebook schema in
the standard's folder: the codebook is validated against a schema derived from the project
schema's own types (``CodeBookType``, ``CodesType``, ``CodeType``) in the codebook's
namespace, with ``CodeBook`` its root. What is written is then read with pyrefiqda's models
(xsdata's parser): another reader than ours.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema
import yaml
from helpers import Cli, WriteStudy
from hypothesis import given
from pyrefiqda.models import CodeBook, Project
from strategies import corpora
from xsdata.models.datatype import XmlDate
from xsdata_pydantic.bindings import XmlParser

from evidence_graph import Corpus, NotWritableError, Quote, load, to_qdc, to_qdpx
from evidence_graph.graph import EvidenceGraph

DATA = Path(__file__).parent / "data"
XSD = DATA / "refi-qda" / "Project-mrt2019.xsd"
CODED = DATA / "qda" / "coded-study.yaml"
"""A made-up study with two coders, memos, colours, characteristics and emoji."""
PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def _codebook_schema_text() -> str:
    """The project schema under the codebook's namespace, with ``CodeBook`` its only root."""
    text = XSD.read_text(encoding="utf-8")
    assert text.count(f'"{PROJECT_NS}"') == 2  # xmlns and targetNamespace
    text = text.replace(f'"{PROJECT_NS}"', f'"{CODEBOOK_NS}"')
    root = re.compile(r'<xsd:element name="Project" type="ProjectType">.*?</xsd:element>', re.S)
    text, replaced = root.subn('<xsd:element name="CodeBook" type="CodeBookType"/>', text)
    assert replaced == 1
    return text


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(_codebook_schema_text())


def _entries(data: bytes) -> dict[str, bytes]:
    """The entries of an archive, read in memory, in their order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _parsed(data: bytes) -> tuple[Project, dict[str, str]]:
    """A project read by pyrefiqda's models, and the text of each source by its GUID."""
    entries = _entries(data)
    project = XmlParser().from_bytes(entries["project.qde"], Project)
    texts = {}
    for source in project.sources.text_source if project.sources else []:
        assert source.plain_text_content is None
        name = source.plain_text_path.removeprefix("internal://")
        texts[source.guid] = entries[f"Sources/{name}"].decode("utf-8")
    return project, texts


def _tree(codes: list) -> list:
    return [
        (code.name, code.is_codable, code.color, code.description, _tree(code.code))
        for code in codes
    ]


def _theme_tree(graph: EvidenceGraph, themes: list) -> list:
    return [
        (theme.label, True, None, theme.definition, _theme_tree(graph, graph.subthemes(theme.id)))
        for theme in themes
    ]


# -- the built-in study ---------------------------------------------------------------------------


def test_the_built_in_study_is_written_as_a_valid_project(
    cli: Cli, tmp_path: Path, project_schema: xmlschema.XMLSchema, graph: EvidenceGraph
) -> None:
    out = tmp_path / "kverme2019.qdpx"
    result = cli("export", "kverme2019", "--format", "qdpx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote study kverme2019 as a REFI-QDA project to {out}\n"
    assert result.stdout == ""
    entries = _entries(out.read_bytes())
    project_schema.validate(entries["project.qde"].decode("utf-8"))
    project, texts = _parsed(out.read_bytes())
    first, *others = entries
    assert first == "project.qde"
    assert [name.removeprefix("Sources/") for name in others] == [f"{guid}.txt" for guid in texts]
    assert project.name == "Recovery processes for people with borderline personality disorder"
    assert project.origin == "evidence_graph"
    assert _tree(project.code_book.codes.code) == _theme_tree(graph, graph.top_themes("kverme2019"))
    codes = {code.guid: code.name for code in _walk(project.code_book.codes.code)}
    quotes = {quote.id: quote for quote in graph.quotes()}
    [source] = project.sources.text_source
    assert source.name == "4 Keys to Recovering from Borderline Personality Disorder"
    found = {}
    for selection in source.plain_text_selection:
        text = texts[source.guid][selection.start_position : selection.end_position]
        found[selection.name] = (text, {codes[c.code_ref.target_guid] for c in selection.coding})
    assert found == {
        quote.id: (quote.text, {graph.get(theme).label for theme in quote.themes})
        for quote in quotes.values()
    }


def _walk(codes: list) -> list:
    return [found for code in codes for found in (code, *_walk(code.code))]


def test_the_built_in_study_is_written_as_a_valid_codebook(
    cli: Cli, codebook_schema: xmlschema.XMLSchema, graph: EvidenceGraph
) -> None:
    result = cli("export", "kverme2019", "--format", "qdc")
    assert result.returncode == 0, result.stderr
    codebook_schema.validate(result.stdout)
    codebook = XmlParser().from_string(result.stdout, CodeBook)
    assert _tree(codebook.codes.code) == _theme_tree(graph, graph.top_themes("kverme2019"))
    project, _ = _parsed(to_qdpx(graph))
    in_project = [(code.guid, code.name) for code in _walk(project.code_book.codes.code)]
    assert [(code.guid, code.name) for code in _walk(codebook.codes.code)] == in_project


def test_the_codebook_schema_refuses_what_a_codebook_may_not_hold(
    codebook_schema: xmlschema.XMLSchema,
) -> None:
    guid = "4d1a3b8e-0000-5000-8000-000000000000"
    good = f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code guid="{guid}" name="A" isCodable="true"/>'
    codebook_schema.validate(good + "</Codes></CodeBook>")
    for bad in (
        good.replace(' isCodable="true"', "") + "</Codes></CodeBook>",
        good.replace(CODEBOOK_NS, PROJECT_NS) + "</Codes></CodeBook>",
        f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes/></CodeBook>',
    ):
        assert not codebook_schema.is_valid(bad), bad


def test_the_same_sources_give_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    first, second = tmp_path / "one.qdpx", tmp_path / "two.qdpx"
    for out in (first, second):
        assert cli("export", str(CODED), "--format", "qdpx", "-o", str(out)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert to_qdpx(load(CODED)) == to_qdpx(EvidenceGraph.from_corpus(load(CODED)))
    assert cli("export", str(CODED), "--format", "qdc").stdout == to_qdc(load(CODED))


# -- a coded study: coders, memos, colours, characteristics, emoji ---------------------------------

HOPE = "I started to hope again"
GROUP = "The group was where I belonged 💜"


def _coded_project(**options: bool) -> tuple[Project, dict[str, str]]:
    return _parsed(to_qdpx(load(CODED), **options))


def test_a_coded_study_is_a_valid_project(project_schema: xmlschema.XMLSchema) -> None:
    for include_sources in (False, True):
        entries = _entries(to_qdpx(load(CODED), include_sources=include_sources))
        project_schema.validate(entries["project.qde"].decode("utf-8"))


def test_codes_keep_the_tree_colours_and_groupings() -> None:
    project, _ = _coded_project()
    assert _tree(project.code_book.codes.code) == [
        (
            "Stages of recovery",
            False,
            "#336699",
            "The stages participants went through.",
            [
                ("Hope 🌟", True, "#AABBCC", "Hope for a different future.\r\nSaid often.", []),
                ("Belonging", True, None, "Being one of a group.", []),
            ],
        ),
        ("Agency & choice", True, None, None, []),
    ]


def test_selections_hold_the_quotes_verbatim_with_their_coders_and_times() -> None:
    project, texts = _coded_project()
    users = {user.guid: user.name for user in project.users.user}
    assert sorted(users.values()) == ["Kari Nordmann", "Lars Holm"]
    codes = {code.guid: code.name for code in _walk(project.code_book.codes.code)}
    found = {}
    for source in project.sources.text_source:
        for selection in source.plain_text_selection:
            text = texts[source.guid][selection.start_position : selection.end_position]
            codings = {
                (
                    codes[coding.code_ref.target_guid],
                    users.get(coding.creating_user),
                    coding.creation_date_time and coding.creation_date_time.to_datetime(),
                )
                for coding in selection.coding
            }
            found[source.name, selection.name] = (text, codings)
    kari, lars = "Kari Nordmann", "Lars Holm"
    at_kari, at_lars = _utc(2024, 5, 1, 10, 0), _utc(2024, 5, 2, 11, 30)
    assert found == {
        ("Interview with Anna 🌱", "hope"): (
            HOPE,
            {
                ("Hope 🌟", kari, at_kari),
                ("Hope 🌟", lars, at_lars),
                ("Agency & choice", lars, at_lars),
            },
        ),
        ("Interview with Anna 🌱", "group"): (
            GROUP,
            {("Belonging", kari, _utc(2024, 5, 1, 10, 5))},
        ),
        ("Interview with Ben", "small-steps"): (
            "small steps count 🙂",
            {("Agency & choice", lars, _utc(2024, 5, 2, 12, 0))},
        ),
        ("Field notes", "diary"): (
            "I keep a diary now.",
            {("Agency & choice", kari, None), ("Hope 🌟", lars, None)},
        ),
        ("Field notes", "walks"): ("Long walks help.", {("Agency & choice", None, None)}),
    }


def _utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def test_offsets_count_code_points_past_characters_outside_the_bmp() -> None:
    project, texts = _coded_project(include_sources=True)
    full = yaml.safe_load(CODED.read_text("utf-8"))["works"][1]["text"]
    [anna] = [s for s in project.sources.text_source if s.name == "Interview with Anna 🌱"]
    [hope] = [s for s in anna.plain_text_selection if s.name == "hope"]
    assert hope.start_position == full.index(HOPE)
    assert len(full[: hope.start_position].encode("utf-16-le")) // 2 == hope.start_position + 2
    assert texts[anna.guid][hope.start_position : hope.end_position] == HOPE


def test_participants_and_speakers_are_cases_with_typed_values() -> None:
    project, _ = _coded_project()
    variables = {v.guid: (v.name, v.type_of_variable.value) for v in project.variables.variable}
    assert sorted(variables.values()) == [
        ("age", "Integer"),
        ("first seen", "Date"),
        ("recovered", "Boolean"),
        ("score", "Float"),
        ("site", "Text"),
    ]
    selections = {
        selection.guid: selection.name
        for source in project.sources.text_source
        for selection in source.plain_text_selection
    }
    cases = {}
    for case in project.cases.case:
        values = {}
        for value in case.variable_value:
            given = [
                value.text_value,
                value.boolean_value,
                value.integer_value,
                value.float_value,
                value.date_value,
            ]
            [found] = [item for item in given if item is not None]
            values[variables[value.variable_ref.target_guid][0]] = found
        names = sorted(selections[ref.target_guid] for ref in case.selection_ref)
        cases[case.name] = (values, names)
    assert {name: (values, names) for name, (values, names) in cases.items()} == {
        "Anna": (
            {
                "age": 24,
                "recovered": True,
                "first seen": XmlDate(2019, 3, 1),
                "score": Decimal("3.5"),
                "site": "Førde",
            },
            ["group", "hope"],
        ),
        "Ben": (
            {
                "age": 31,
                "recovered": False,
                "first seen": XmlDate(2020, 1, 15),
                "score": Decimal(2),
                "site": "Bergen",
            },
            ["small-steps"],
        ),
        "Participant 9": ({}, ["diary"]),
    }


def test_memos_are_notes_referred_to_by_what_they_are_about() -> None:
    project, _ = _coded_project()
    users = {user.guid: user.name for user in project.users.user}
    notes = {
        note.guid: (note.name, note.plain_text_content, users.get(note.creating_user))
        for note in project.notes.note
    }
    assert sorted(notes.values(), key=str) == sorted(
        [
            ("On hope", "Hope came up early.\nNote: 🌟", "Kari Nordmann"),
            (None, "Belonging & the group <both>.", "Lars Holm"),
            ("Project memo", "Two coders, two interviews.", None),
            (None, "Anna asked for a copy.", None),
        ],
        key=str,
    )
    refs: dict[str, list[str]] = {}
    for code in _walk(project.code_book.codes.code):
        refs[f"code {code.name}"] = [notes[ref.target_guid][1] for ref in code.note_ref]
    for source in project.sources.text_source:
        refs[f"source {source.name}"] = [notes[ref.target_guid][1] for ref in source.note_ref]
        for selection in source.plain_text_selection:
            found = [notes[ref.target_guid][1] for ref in selection.note_ref]
            refs[f"selection {selection.name}"] = found
    refs["project"] = [notes[ref.target_guid][1] for ref in project.note_ref]
    assert {where: texts for where, texts in refs.items() if texts} == {
        "code Hope 🌟": ["Hope came up early.\nNote: 🌟"],
        "selection group": ["Belonging & the group <both>."],
        "source Interview with Anna 🌱": ["Belonging & the group <both>."],
        "project": ["Two coders, two interviews."],
    }


# -- privacy: the sources' texts only when asked --------------------------------------------------


def _anna() -> str:
    text = yaml.safe_load(CODED.read_text("utf-8"))["works"][1]["text"]
    assert isinstance(text, str)
    return text


def _source_texts(data: bytes) -> dict[str, str]:
    project, texts = _parsed(data)
    return {source.name: texts[source.guid] for source in project.sources.text_source}


def test_a_source_holds_only_its_quotes_and_their_context_unless_asked(
    cli: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "project.qdpx"
    assert cli("export", str(CODED), "--format", "qdpx", "-o", str(out)).returncode == 0
    texts = _source_texts(out.read_bytes())
    full = _anna()
    kept = set()
    for words in (HOPE, GROUP):
        start = full.index(words)
        kept.update(range(max(0, start - 32), start + len(words) + 32))
    expected = "".join(
        char if index in kept or char in "\r\n" else " " for index, char in enumerate(full)
    )
    assert texts["Interview with Anna 🌱"] == expected
    assert texts["Interview with Ben"] == " " * 35 + "Ben: small steps count 🙂, I think."
    assert texts["Field notes"] == "I keep a diary now.\n\nLong walks help."
    for data in _entries(out.read_bytes()).values():
        assert b"Solveig" not in data
        assert b"How are you" not in data


def test_include_sources_writes_the_whole_texts(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "project.qdpx"
    result = cli("export", str(CODED), "--format", "qdpx", "--include-sources", "-o", str(out))
    assert result.returncode == 0, result.stderr
    texts = _source_texts(out.read_bytes())
    assert texts["Interview with Anna 🌱"] == _anna()
    assert texts["Interview with Ben"] == " " * 35 + "Ben: small steps count 🙂, I think."


# -- errors ---------------------------------------------------------------------------------------

LITERATURE = ("bpd-literature", "examples/studies/katsakou2012.yaml")


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parents[1])


@pytest.mark.usefixtures("in_project")
@pytest.mark.parametrize("format_", ["qdpx", "qdc"])
def test_several_studies_need_study(cli: Cli, tmp_path: Path, format_: str) -> None:
    out = tmp_path / f"out.{format_}"
    result = cli("export", *LITERATURE, "--format", format_, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        "error: the sources hold 2 studies (katsakou2012, kverme2019); a REFI-QDA project or "
        "codebook holds one: name it (study= in Python, --study ID on the command line)\n"
    )
    assert not out.exists()
    result = cli("export", *LITERATURE, "--format", format_, "--study", "nope", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        "error: no study has the id 'nope'; the sources hold: katsakou2012, kverme2019\n"
    )
    assert not out.exists()


@pytest.mark.usefixtures("in_project")
def test_study_chooses_the_study_of_a_codebook(
    cli: Cli, codebook_schema: xmlschema.XMLSchema
) -> None:
    result = cli("export", *LITERATURE, "--format", "qdc", "--study", "katsakou2012")
    assert result.returncode == 0, result.stderr
    codebook_schema.validate(result.stdout)
    graph = EvidenceGraph.from_corpus(load(*LITERATURE))
    codebook = XmlParser().from_string(result.stdout, CodeBook)
    expected = _theme_tree(graph, graph.top_themes("katsakou2012"))
    assert [(name, descr) for name, _, _, descr, _ in _tree(codebook.codes.code)] == [
        (name, descr) for name, _, _, descr, _ in expected
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "qdpx"],
            (
                "error: --format qdpx: a project is a ZIP archive, which is not written to "
                "standard output; name the file with -o, e.g. -o project.qdpx\n"
            ),
        ),
        (
            ["--format", "qdc", "--include-sources"],
            (
                "error: --include-sources: a codebook holds the theme tree alone, no sources; "
                "the transcripts go into a project (--format qdpx) or RDF\n"
            ),
        ),
        (
            ["--format", "turtle", "--study", "kverme2019"],
            (
                "error: --study: turtle writes every study of the sources; --study chooses the "
                "study of a REFI-QDA project or codebook (--format qdpx or qdc)\n"
            ),
        ),
    ],
)
def test_a_usage_error_is_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli("export", "kverme2019", *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def _coded_with(change: dict[str, object], collection: str, index: int) -> dict[str, object]:
    document = yaml.safe_load(CODED.read_text("utf-8"))
    document[collection][index].update(change)
    return document


NOT_XML = (
    "cannot stand in XML 1.0, not even escaped, so a REFI-QDA file cannot hold it; expected text "
    "without control characters other than tab and newline"
)


@pytest.mark.parametrize(
    ("collection", "index", "change", "message"),
    [
        (
            "themes",
            3,
            {"label": "Agency \x07"},
            f"theme 'agency': label: the character U+0007 {NOT_XML}",
        ),
        (
            "memos",
            0,
            {"text": "\x0c"},
            f"memo 'memo-hope': text: the character U+000C {NOT_XML}",
        ),
    ],
)
def test_what_a_project_cannot_hold_is_exit_1_naming_the_entity_and_field(
    cli: Cli,
    write_study: WriteStudy,
    tmp_path: Path,
    *,
    collection: str,
    index: int,
    change: dict[str, object],
    message: str,
) -> None:
    path = write_study(_coded_with(change, collection, index), "coded.json")
    out = tmp_path / "out.qdpx"
    result = cli("export", str(path), "--format", "qdpx", "-o", str(out))
    assert (result.returncode, result.stderr) == (1, f"error: {message}\n")
    assert not out.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"prefix": "x" * 19},
            "quotes[0].prefix: the text of work 'interview-anna' has other words before",
        ),
        (
            {"suffix": "y" * 15},
            "quotes[0].suffix: the text of work 'interview-anna' has other words after",
        ),
    ],
)
def test_a_prefix_or_suffix_that_is_not_the_text_around_is_refused(
    cli: Cli, write_study: WriteStudy, change: dict[str, str], message: str
) -> None:
    """Else a project written without the transcript would keep its words there."""
    document = yaml.safe_load(CODED.read_text("utf-8"))
    placed = next(  # the first quote of Anna's interview with a position
        index
        for index, quote in enumerate(document["quotes"])
        if quote.get("position") and quote["read_in"] == "interview-anna"
    )
    document["quotes"][placed].update(change)
    path = write_study(document, "coded.json")
    result = cli("export", str(path), "--format", "qdpx", "-o", str(path.with_suffix(".qdpx")))
    assert (result.returncode, result.stdout) == (1, "")
    assert message.replace("quotes[0]", f"quotes[{placed}]") in result.stderr
    assert "How are you now" not in result.stderr


@pytest.mark.parametrize(
    ("index", "position", "message"),
    [
        (
            2,
            {"start": 10, "end": 42},
            (
                "quotes[2].position: the text of work 'interview-anna' has other words at "
                "10–42; expected the quote's words there"
            ),
        ),
        (
            3,
            {"start": 40, "end": 50},
            (
                "quotes[3]: position: 40–50 spans 10 characters and the text 19; "
                "expected end - start to be the length of the text, in characters"
            ),
        ),
    ],
)
def test_a_position_the_words_are_not_at_is_refused_without_showing_the_transcript(
    cli: Cli, write_study: WriteStudy, index: int, position: dict[str, int], message: str
) -> None:
    path = write_study(_coded_with({"position": position}, "quotes", index), "coded.json")
    for command in (["validate"], ["export", "--format", "turtle"]):
        result = cli(*command[:1], str(path), *command[1:])
        assert (result.returncode, result.stdout) == (1, "")
        assert message in result.stderr
        assert "How are you now" not in result.stderr


def test_quotes_that_disagree_where_they_overlap_are_refused(
    cli: Cli, write_study: WriteStudy
) -> None:
    document = yaml.safe_load(CODED.read_text("utf-8"))
    small_steps = document["quotes"][3]
    document["quotes"].append(
        {
            **small_steps,
            "id": "zz",
            "text": "xxxxxxx",
            "position": {"start": 45, "end": 52},
            "prefix": None,
            "suffix": None,
        }
    )
    path = write_study(document, "overlap.json")
    result = cli("export", str(path), "--format", "qdpx", "-o", str(path.with_suffix(".qdpx")))
    assert result.returncode == 1
    assert result.stderr == (
        "error: quotes 'small-steps' and 'zz': at offset 45 of work 'interview-ben', one has "
        "' ' and the other 'x'; expected the same text where they overlap\n"
    )
    assert not path.with_suffix(".qdpx").exists()


def test_a_codebook_needs_a_theme(cli: Cli, write_study: WriteStudy) -> None:
    document = yaml.safe_load(CODED.read_text("utf-8"))
    lists = {name: document[name] for name in ("works", "studies")}
    result = cli("export", str(write_study(lists, "bare.json")), "--format", "qdc")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: study 'interviews2024' has no themes; a REFI-QDA codebook holds at least one code\n"
    )


# -- any study ------------------------------------------------------------------------------------


def _disagreeing_overlap(quotes: list[Quote]) -> bool:
    """Whether placed quotes of one work, with their prefixes and suffixes, cannot all stand in
    one text: a prefix longer than the text before the quote, or two of them putting different
    characters at one offset."""
    chars: dict[tuple[str, int], str] = {}
    for quote in quotes:
        if quote.position is None:
            continue
        prefix, suffix = quote.prefix or "", quote.suffix or ""
        start = quote.position.start - len(prefix)
        if start < 0:
            return True
        for index, char in enumerate(prefix + quote.text + suffix, start):
            if chars.setdefault((quote.read_in, index), char) != char:
                return True
    return False


@given(drawn=corpora(max_studies=1))
def test_any_study_is_a_valid_project_giving_back_every_quote(
    project_schema: xmlschema.XMLSchema, codebook_schema: xmlschema.XMLSchema, drawn: Corpus
) -> None:
    [study] = drawn.studies
    quotes = [quote for quote in drawn.quotes if quote.study == study.id]
    if _disagreeing_overlap(quotes):
        refused = r"^(quotes '.*' and '.*': at offset \d+ of work|quote '.*': prefix: \d+ char)"
        with pytest.raises(NotWritableError, match=refused):
            to_qdpx(drawn)
        return
    data = to_qdpx(drawn)
    project_schema.validate(_entries(data)["project.qde"].decode("utf-8"))
    project, texts = _parsed(data)
    selected = []
    for source in project.sources.text_source if project.sources else []:
        for selection in source.plain_text_selection:
            text = texts[source.guid][selection.start_position : selection.end_position]
            selected.append(text)
    assert sorted({quote.text for quote in quotes}) == sorted(set(selected))
    themes = [theme for theme in drawn.themes if theme.study == study.id]
    if themes:
        codebook_schema.validate(to_qdc(drawn))
        assert len(_walk(project.code_book.codes.code)) == len(themes)
