"""REFI-QDA projects (.qdpx) and codebooks (.qdc) read as sources, as other tools write them.

The projects are written by other writers than ours: by hand, following the specification
(``tests/qda/``), or with pyrefiqda's schema models and xsdata's serializer.

- An NVivo-like project (``origin="NVivo 14"``, offsets in UTF-16 code units, GUIDs in braces
  and upper case, texts in the archive's ``Sources/``, one with a byte order mark): its code
  tree becomes the theme tree (definitions, colours, a grouping), its selections verbatim
  quotes (offsets in code points, prefix and suffix) though emoji stand before them, a
  selection coded by two users two quotes (each with its coder and earliest date), its cases
  participants (typed characteristics, the Boolean variable that splits them subgroups, the
  speaker the one case that covers a selection), its users coders, its notes memos about a
  code, a selection, a source and the project. What a corpus cannot hold (a picture, a coding
  of a whole source, a selection without a code, a set) is one warning.
- A MAXQDA-like project (code points, text inline, bare GUIDs, elements of another namespace):
  read alike; two variables split the cases, so there are no subgroups (they would count each
  participant twice) and the participants stay in the whole sample; a user known by its id
  alone is a coder without a name; a note that nothing names is about nothing.
- Offsets: one text with characters outside the Basic Multilingual Plane before the span,
  coded in UTF-16 code units (NVivo) and in code points (another tool), gives the same quote;
  ``offsets=`` overrides what the origin says.
- A project built with pyrefiqda's models (QualCoder's origin) reads the same way.
- A codebook's themes join the study the user names; alone, its study is missing.
- A project joins the built-in kverme2019 study when its name's slug is that study's id, or
  when ``--qda-study`` says so; ``--qda-sample`` puts its cases in the study's sample.
- Folders pick the files up; every command that loads sources takes the ``--qda-*`` options
  and reads a project with them (export, validate, query, sparql, cite, merge-report, push to
  a store), refused (exit 2) when no source is a REFI-QDA file or the id is not one.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from pathlib import Path

import pytest
from helpers import Cli, Server
from pyrefiqda.models.project import (
    CasesType,
    CaseType,
    CodeBookType,
    CodeRefType,
    CodesType,
    CodeType,
    CodingType,
    NoteRefType,
    NotesType,
    PlainTextSelectionType,
    Project,
    SourceRefType,
    SourcesType,
    TextSourceType,
    UsersType,
    UserType,
)
from xsdata.formats.dataclass.serializers.config import SerializerConfig
from xsdata_pydantic.bindings import XmlSerializer

from evidence_graph import (
    Corpus,
    QdaProject,
    SkippedContentWarning,
    StudyFileError,
    load,
    load_graph,
)

QDA = Path(__file__).parent / "qda"
STUDY = "connectedness-interviews"
UTC = dt.UTC


def _zip(folder: Path, target: Path, *, replace: tuple[str, str] | None = None) -> Path:
    """Zip a project folder of ``tests/qda`` (its project.qde changed by ``replace``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                data = file.read_bytes()
                if replace is not None and file.name == "project.qde":
                    data = data.replace(replace[0].encode(), replace[1].encode())
                archive.writestr(file.relative_to(folder).as_posix(), data)
    return target


def _quiet_load(*sources: object) -> Corpus:
    """Load the sources, expecting the NVivo project's one warning of what it left out."""
    with pytest.warns(SkippedContentWarning):
        return load(*sources)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def nvivo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _zip(QDA / "nvivo", tmp_path_factory.mktemp("nvivo") / "interviews.qdpx")


@pytest.fixture(scope="module")
def nvivo(nvivo_file: Path) -> Corpus:
    return _quiet_load(nvivo_file)


def _by_id(items: tuple[object, ...]) -> dict[str, object]:
    return {item.id: item for item in items}  # type: ignore[attr-defined]


def test_nvivo_project_is_a_study_reported_in_a_dataset(nvivo: Corpus) -> None:
    (study,) = nvivo.studies
    assert (study.id, study.design.value, study.reported_in) == (
        STUDY,
        "qualitative",
        (f"{STUDY}-project",),
    )
    works = {work.id: (work.type.value, work.title) for work in nvivo.works}
    assert works == {
        f"{STUDY}-project": ("dataset", "Connectedness interviews"),
        f"{STUDY}-interview-1": ("dataset", "Interview 1"),
        f"{STUDY}-interview-2": ("dataset", "Interview 2"),
    }
    texts = {work.id: work.text for work in nvivo.works}
    assert texts[f"{STUDY}-interview-2"] == (
        "Bea: I started to hope again 🌱 when I met others like me.\nCora: Me too.\n"
    )  # the byte order mark is not text


def test_nvivo_codes_become_the_theme_tree(nvivo: Corpus) -> None:
    themes = {
        theme.id: (theme.label, theme.parent, theme.kind and theme.kind.value, theme.color)
        for theme in nvivo.themes
    }
    assert themes == {
        "relationships": ("Relationships", None, "grouping", "#3366CC"),
        "belonging": ("Belonging", "relationships", None, "#AABBCC"),
        "feeling-alone": ("Feeling alone", "relationships", None, None),
        "hope": ("Hope", None, None, None),
    }
    definitions = {theme.id: theme.definition for theme in nvivo.themes}
    assert definitions["relationships"] == "Everything about relationships with others."
    assert definitions["belonging"] == "Taking the risk of joining others."


def test_nvivo_selections_become_verbatim_quotes_despite_emoji(nvivo: Corpus) -> None:
    quotes = _by_id(nvivo.quotes)
    first = quotes["q-5e1e0000-ingrid-hansen"]
    assert first.text == "Group therapy probably helped me the most."  # type: ignore[attr-defined]
    assert (first.position.start, first.position.end) == (52, 94)  # type: ignore[attr-defined]
    assert first.prefix == "e things been? 😀 Tell me.\nAnna: "  # type: ignore[attr-defined]
    assert first.suffix == " Before that I felt alone 🙂 most"  # type: ignore[attr-defined]
    assert (first.read_in, first.appears_in) == (f"{STUDY}-interview-1",) * 2  # type: ignore[attr-defined]
    alone = quotes["q-5e1e0000-2"]  # two selections share a name: ids from their GUIDs
    assert alone.text == "I felt alone"  # type: ignore[attr-defined]
    assert (alone.position.start, alone.position.end) == (107, 119)  # type: ignore[attr-defined]
    assert alone.suffix == " 🙂 most days.\n"  # type: ignore[attr-defined]
    hope = quotes["hope-again"]
    assert (hope.text, hope.prefix, hope.position.start) == ("I started to hope again", "Bea: ", 5)  # type: ignore[attr-defined]
    assert quotes["q-5e1e0000-3"].text == "Me too."  # type: ignore[attr-defined]
    assert set(quotes) == {
        "q-5e1e0000-ingrid-hansen",
        "q-5e1e0000-ola-nordmann",
        "q-5e1e0000-2",
        "hope-again",
        "q-5e1e0000-3",
    }


def test_a_selection_coded_by_two_users_is_two_quotes(nvivo: Corpus) -> None:
    quotes = _by_id(nvivo.quotes)
    coded = {
        key: (quote.coded_by, quote.coded_at, quote.themes)  # type: ignore[attr-defined]
        for key, quote in quotes.items()
        if key.startswith("q-5e1e0000-") and not key[-1].isdigit()
    }
    assert coded == {
        "q-5e1e0000-ingrid-hansen": (
            "ingrid-hansen",
            dt.datetime(2019, 2, 1, 10, 0, tzinfo=UTC),
            ("belonging",),
        ),
        "q-5e1e0000-ola-nordmann": (
            "ola-nordmann",
            dt.datetime(2019, 2, 2, 8, 15, tzinfo=UTC),  # the earlier of its two codings
            ("belonging", "hope"),
        ),
    }
    assert quotes["q-5e1e0000-3"].coded_at is None  # type: ignore[attr-defined]


def test_nvivo_users_become_coders(nvivo: Corpus) -> None:
    assert {(coder.id, coder.name, coder.study) for coder in nvivo.coders} == {
        ("ingrid-hansen", "Ingrid Hansen", STUDY),
        ("ola-nordmann", "Ola Nordmann", STUDY),
    }


def test_nvivo_cases_become_participants_with_characteristics(nvivo: Corpus) -> None:
    people = {
        person.id: (
            person.name,
            person.sample,
            {trait.name: trait.value for trait in person.characteristics},
        )
        for person in nvivo.participants
    }
    assert people == {
        "anna": ("Anna", "recovered-true", {"Recovered": True, "Age": 24, "Group": "A"}),
        "bea": ("Bea", "recovered-true", {"Recovered": True, "Age": 31}),
        "cora": ("Cora", "recovered-false", {"Recovered": False, "Age": 28}),
    }
    types = {
        (person.id, trait.name): type(trait.value)
        for person in nvivo.participants
        for trait in person.characteristics
    }
    assert set(types.values()) == {bool, int, str}
    assert types["anna", "Recovered"] is bool
    assert types["anna", "Age"] is int


def test_a_boolean_variable_splits_the_sample(nvivo: Corpus) -> None:
    samples = {
        sample.id: (sample.size, sample.part_of, sample.description) for sample in nvivo.samples
    }
    assert samples == {
        "cases": (3, None, None),
        "recovered-true": (2, "cases", "Recovered: true"),
        "recovered-false": (1, "cases", "Recovered: false"),
    }


def test_the_one_case_covering_a_selection_is_its_speaker(nvivo: Corpus) -> None:
    speakers = {quote.id: (quote.speaker, quote.participant) for quote in nvivo.quotes}
    assert speakers == {
        "q-5e1e0000-ingrid-hansen": ("Anna", "anna"),  # Anna's case names the source
        "q-5e1e0000-ola-nordmann": ("Anna", "anna"),
        "q-5e1e0000-2": ("Anna", "anna"),
        "hope-again": ("Bea", "bea"),
        "q-5e1e0000-3": (None, None),  # Bea's case names the source, Cora's the selection
    }


def test_notes_become_memos_about_what_names_them(nvivo: Corpus) -> None:
    memos = {
        memo.id: (memo.title, memo.text, memo.about, memo.written_by, memo.created)
        for memo in nvivo.memos
    }
    assert memos == {
        "on-loneliness": (
            "On loneliness",
            "Check this against the paper's second theme.",
            ("q-5e1e0000-2",),
            "ingrid-hansen",
            dt.datetime(2019, 2, 5, 16, 0, tzinfo=UTC),
        ),
        "hope-memo": (  # its text is the archive's Sources/Hope memo.txt
            "Hope memo",
            "Hope comes late in every interview.",
            (f"{STUDY}-interview-2", "hope"),
            "ola-nordmann",
            None,
        ),
        "project-log": ("Project log", "Coding began in February.", (STUDY,), None, None),
    }


def test_what_a_corpus_cannot_hold_is_one_warning(nvivo_file: Path) -> None:
    with pytest.warns(SkippedContentWarning) as caught:
        load(nvivo_file)
    assert [str(warning.message) for warning in caught] == [
        (
            f"{nvivo_file}: left out what a corpus cannot hold: 1 coding of a whole source, "
            "1 selection without a code, 1 picture source, 1 set"
        )
    ]


def test_offsets_may_be_named_against_the_origin(nvivo_file: Path) -> None:
    """Read as code points, NVivo's offsets fall one character later after the first emoji."""
    corpus = _quiet_load(QdaProject(nvivo_file, offsets="code-points"))
    texts = {quote.id: quote.text for quote in corpus.quotes}
    assert texts["q-5e1e0000-ingrid-hansen"] == "roup therapy probably helped me the most. "
    assert texts["q-5e1e0000-2"] == " felt alone "
    assert texts["hope-again"] == "I started to hope again"  # no emoji before it
    assert texts["q-5e1e0000-3"] == "e too.\n"


def test_maxqda_project_inline_text_and_bare_guids(tmp_path: Path) -> None:
    corpus = load(_zip(QDA / "maxqda", tmp_path / "bergen.qdpx"))
    (study,) = corpus.studies
    assert study.id == "recovery-in-bergen-forde"
    quotes = _by_id(corpus.quotes)
    own = quotes["hold-my-own-ground"]
    assert own.text == "I learned to hold my own ground"  # type: ignore[attr-defined]
    assert (own.position.start, own.position.end) == (35, 66)  # type: ignore[attr-defined]
    assert own.prefix == " Some days 😀 were dark 🌧️. Then "  # type: ignore[attr-defined]
    assert (own.speaker, own.coded_by) == ("P1", "bk")  # type: ignore[attr-defined]
    assert own.coded_at == dt.datetime(2021, 6, 1, 8, 0)  # type: ignore[attr-defined]
    assert quotes["same-here"].text == "Same"  # type: ignore[attr-defined]
    assert [(coder.id, coder.name) for coder in corpus.coders] == [("bk", None)]
    assert [(theme.id, theme.color) for theme in corpus.themes] == [
        ("learning-to-hold-one-s-own", "#FF8800"),
        ("agreement", None),
    ]
    assert [(memo.id, memo.about) for memo in corpus.memos] == [("loose-idea", ())]


def test_two_variables_split_the_cases_so_each_stays_in_the_whole_sample(tmp_path: Path) -> None:
    corpus = load(_zip(QDA / "maxqda", tmp_path / "bergen.qdpx"))
    samples = {sample.id: (sample.size, sample.part_of) for sample in corpus.samples}
    assert samples == {"cases": (3, None)}
    assert {person.sample for person in corpus.participants} == {"cases"}
    first = {trait.name: trait.value for trait in corpus.participants[0].characteristics}
    assert first == {
        "Site": "Bergen",
        "In therapy": True,
        "Score": 2.5,
        "Diagnosed": dt.date(2016, 3, 14),
        "Interviewed": dt.datetime(2017, 5, 2, 13, 45, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    }


EMOJI_TEXT = "I: 🙂🙂 How are you? 😀\nR: Hope is here, most days.\n"
"""A text with three characters outside the BMP before the coded span "Hope is here"."""


def _one_selection(origin: str, start: int, end: int) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Emoji" origin="{origin}">
  <CodeBook><Codes>
    <Code guid="11111111-1111-4111-8111-111111111111" name="Hope" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="22222222-2222-4222-8222-222222222222" name="R" plainTextPath="internal://r.txt">
      <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" name="hope"
          startPosition="{start}" endPosition="{end}">
        <Coding guid="44444444-4444-4444-8444-444444444444">
          <CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""


def _project(target: Path, qde: str, text: str = EMOJI_TEXT) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("Sources/r.txt", text)
    return target


@pytest.mark.parametrize(
    ("origin", "start", "end"),
    [
        ("NVivo 12 (Windows)", 27, 39),  # UTF-16: each of the three emoji counts twice
        ("ATLAS.ti 23", 24, 36),  # code points
        ("", 24, 36),
    ],
)
def test_emoji_before_the_span_in_either_unit(
    tmp_path: Path, origin: str, start: int, end: int
) -> None:
    corpus = load(_project(tmp_path / "emoji.qdpx", _one_selection(origin, start, end)))
    (quote,) = corpus.quotes
    assert quote.text == "Hope is here"
    assert (quote.position.start, quote.position.end) == (24, 36)  # type: ignore[union-attr]
    assert quote.prefix == "I: 🙂🙂 How are you? 😀\nR: "
    assert quote.suffix == ", most days.\n"


def test_pyrefiqda_project(tmp_path: Path) -> None:
    def guid(number: int) -> str:
        return str(uuid.UUID(int=number))

    text = "A: 🙂 I kept going back to the group.\n"
    start, end = text.index("I kept"), text.index(" to the")
    selection = PlainTextSelectionType(
        guid=guid(5),
        start_position=start,
        end_position=end,
        creating_user=guid(1),
        coding=[CodingType(guid=guid(6), code_ref=CodeRefType(target_guid=guid(2)))],
        note_ref=[NoteRefType(target_guid=guid(7))],
    )
    project = Project(
        name="Pyrefiqda study",
        origin="QualCoder 3.5",
        users=UsersType(user=[UserType(guid=guid(1), name="Coder One")]),
        code_book=CodeBookType(
            codes=CodesType(
                code=[
                    CodeType(
                        guid=guid(2),
                        name="Persistence",
                        is_codable=True,
                        color="#00ff00",
                        description="Keeping on.",
                    )
                ]
            )
        ),
        cases=CasesType(
            case=[CaseType(guid=guid(3), name="A", source_ref=[SourceRefType(target_guid=guid(4))])]
        ),
        sources=SourcesType(
            text_source=[
                TextSourceType(
                    guid=guid(4),
                    name="Interview A",
                    plain_text_content=text,
                    plain_text_selection=[selection],
                )
            ]
        ),
        notes=NotesType(
            note=[TextSourceType(guid=guid(7), name="Memo", plain_text_content="Ask more.")]
        ),
    )
    serializer = XmlSerializer(config=SerializerConfig(xml_declaration=True, encoding="UTF-8"))
    xml = serializer.render(project, ns_map={None: "urn:QDA-XML:project:1.0"})
    path = tmp_path / "pyrefiqda.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
    corpus = load(path)
    (quote,) = corpus.quotes
    assert (quote.id, quote.text, quote.themes) == (
        "q-00000000",
        "I kept going back",
        ("persistence",),
    )
    assert (quote.speaker, quote.coded_by, quote.prefix) == ("A", "coder-one", "A: 🙂 ")
    (theme,) = corpus.themes
    assert (theme.id, theme.definition, theme.color) == ("persistence", "Keeping on.", "#00FF00")
    assert [(memo.id, memo.about) for memo in corpus.memos] == [("memo", ("q-00000000",))]


def test_a_codebook_adds_themes_to_the_study_named() -> None:
    with pytest.warns(SkippedContentWarning, match=r"codebook\.qdc: .*: 1 set$"):
        graph = load_graph("kverme2019", QdaProject(QDA / "codebook.qdc", study="kverme2019"))
    stages = graph.get("stages-of-recovery")
    assert (stages.study, stages.kind.value, stages.color) == ("kverme2019", "grouping", "#112233")  # type: ignore[attr-defined]
    foothold = graph.get("finding-a-foothold")
    assert (foothold.parent, foothold.definition) == (  # type: ignore[attr-defined]
        "stages-of-recovery",
        "First steps: a place to stand.",
    )
    assert "daring-to-belong" in {theme.id for theme in graph.themes("kverme2019")}


def test_a_codebook_alone_lacks_its_study(tmp_path: Path) -> None:
    path = tmp_path / "Stages.qdc"
    path.write_bytes((QDA / "codebook.qdc").read_bytes())
    with pytest.warns(SkippedContentWarning), pytest.raises(StudyFileError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: a codebook holds themes alone, and no source declares their study 'stages' "
        "(named after the file); name the study they belong to with --qda-study ID "
        "(QdaProject(path, study=ID) in Python), and load the file that declares it beside "
        "the codebook"
    )


def test_a_project_named_as_a_study_joins_it(tmp_path: Path, cli: Cli) -> None:
    path = _zip(
        QDA / "nvivo",
        tmp_path / "named.qdpx",
        replace=('name="Connectedness interviews"', 'name="Kverme2019"'),
    )
    done = cli("show", "kverme2019", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("(qualitative study ") == 1  # one study, kverme2019
    assert "├── reported in Kverme2019\n" in done.stdout  # the project, beside the paper
    assert "│   ├── Relationships · grouping\n" in done.stdout
    assert "sample: 3 participants: 2 Recovered: true, 1 Recovered: false" in done.stdout
    corpus = _quiet_load("kverme2019", path)
    (study,) = corpus.studies
    assert set(study.reported_in) == {"kverme2019-paper", "kverme2019-project"}
    assert study.label is not None  # the study file's
    assert {quote.study for quote in corpus.quotes} == {"kverme2019"}


def test_qda_study_and_sample_join_the_builtin_study(nvivo_file: Path, cli: Cli) -> None:
    done = cli("show", "kverme2019", str(nvivo_file), "--qda-study", "kverme2019")
    assert done.returncode == 0, done.stderr
    assert "Group therapy probably helped me the most." in done.stdout
    assert "I felt alone" in done.stdout
    assert "left out what a corpus cannot hold" in done.stderr
    corpus = _quiet_load(
        "kverme2019",
        QdaProject(nvivo_file, study="kverme2019", sample="kverme2019-participants"),
    )
    samples = {sample.id: sample.part_of for sample in corpus.samples}
    assert samples == {
        "kverme2019-participants": None,
        "recovered-true": "kverme2019-participants",
        "recovered-false": "kverme2019-participants",
    }
    assert {person.study for person in corpus.participants} == {"kverme2019"}


def test_a_qda_sample_no_source_declares_is_one_error_naming_the_option(
    nvivo_file: Path, cli: Cli
) -> None:
    args = ("show", "kverme2019", str(nvivo_file), "--qda-study", "kverme2019")
    done = cli(*args, "--qda-sample", "nosuch")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(
        f"error: {nvivo_file}: --qda-sample nosuch: no source declares a sample 'nosuch' to put "
        "the project's cases in; expected the id of the whole sample of the study, declared by "
        "a study file loaded beside the project\n"
    )


def test_a_folder_picks_up_projects_and_codebooks(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    _zip(QDA / "maxqda", folder / "bergen.qdpx")
    (folder / "recovery-in-bergen-forde.qdc").write_bytes((QDA / "codebook.qdc").read_bytes())
    with pytest.warns(SkippedContentWarning):
        corpus = load(folder)
    assert {theme.id for theme in corpus.themes} == {
        "learning-to-hold-one-s-own",
        "agreement",
        "stages-of-recovery",
        "finding-a-foothold",
        "reaching-out",
    }


@pytest.mark.parametrize(
    "command",
    ["export", "cite", "show", "validate", "merge-report", "query", "sparql", "push"],
)
def test_every_command_that_loads_sources_takes_the_qda_options(cli: Cli, command: str) -> None:
    done = cli(command, "--help")
    assert done.returncode == 0
    for option in ("--qda-study ID", "--qda-sample ID", "--qda-offsets {code-points,utf-16}"):
        assert option in done.stdout


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["export", "SOURCE", "--format", "nt"], '"Hope is here"'),
        (["export", "SOURCE", "--format", "nt"], "/study/emoji-study>"),
        (["validate", "SOURCE"], "valid: "),
        (["query", "quotes-for-theme", "SOURCE", "-p", "theme=hope", "-f", "csv"], "Hope is here,"),
        (["query", "theme-tree", "SOURCE", "-f", "csv"], "emoji-study,"),
        (["sparql", "QUERY", "SOURCE"], "Hope is here"),
        (["cite", "SOURCE", "-f", "csl-json"], '"title": "Emoji"'),
        (["merge-report", "SOURCE"], "no differences"),
    ],
)
def test_commands_read_a_project_with_its_options(
    tmp_path: Path, cli: Cli, command: list[str], shown: str
) -> None:
    """A project (no origin, so code points by default) read with UTF-16 offsets, renamed."""
    path = _project(tmp_path / "emoji.qdpx", _one_selection("", 27, 39))
    query = tmp_path / "exact.rq"
    query.write_text(
        "SELECT ?exact WHERE { ?selector <http://www.w3.org/ns/oa#exact> ?exact }\n",
        encoding="utf-8",
    )
    parts = {"QUERY": str(query), "SOURCE": str(path)}
    command = [parts.get(part, part) for part in command]
    done = cli(*command, "--qda-offsets", "utf-16", "--qda-study", "emoji-study")
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout + done.stderr


def test_push_sends_a_project_read_with_its_options(
    tmp_path: Path, cli: Cli, server: Server
) -> None:
    path = _project(tmp_path / "emoji.qdpx", _one_selection("", 27, 39))
    done = cli("push", str(path), "--endpoint", server.store, "--qda-offsets", "utf-16")
    assert done.returncode == 0, done.stderr
    exact = " <http://www.w3.org/ns/oa#exact> "
    quoted = [line.split(exact)[1] for line in server.lines() if exact in line]
    assert quoted == ['"Hope is here" .']  # read with UTF-16 offsets, as asked


def test_qda_options_without_a_qda_source_are_a_usage_error(cli: Cli) -> None:
    done = cli("show", "kverme2019", "--qda-study", "kverme2019")
    assert done.returncode == 2
    assert done.stderr.startswith(
        "error: --qda-study: no source is a REFI-QDA project (.qdpx) or codebook (.qdc) file; "
        "name the file itself"
    )


def test_a_qda_study_that_is_not_an_id_is_a_usage_error(nvivo_file: Path, cli: Cli) -> None:
    done = cli("show", str(nvivo_file), "--qda-study", "my study")
    assert done.returncode == 2
    assert "error: --qda-study: 'my study' is not a valid id" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_projects_may_each_have_an_interview_of_one_name(
    nvivo_file: Path, tmp_path: Path
) -> None:
    """A source's work belongs to its project's study: two studies' "Interview 1" are two."""
    other = tmp_path / "other.qdpx"
    other.write_bytes(nvivo_file.read_bytes())
    corpus = _quiet_load(QdaProject(nvivo_file), QdaProject(other, study="other-study"))
    titled = sorted(work.id for work in corpus.works if work.title == "Interview 1")
    assert titled == ["connectedness-interviews-interview-1", "other-study-interview-1"]


def test_a_coder_s_times_with_and_without_a_zone_give_the_earliest(tmp_path: Path) -> None:
    """Ola's codings of one selection, one at 08:15 without a zone: taken as UTC, the earliest."""
    path = _zip(
        QDA / "nvivo",
        tmp_path / "zones.qdpx",
        replace=(
            'creationDateTime="2019-02-02T08:15:00Z"',
            'creationDateTime="2019-02-02T08:15:00"',
        ),
    )
    coded = {
        quote.coded_at for quote in _quiet_load(path).quotes if quote.coded_by == "ola-nordmann"
    }
    assert dt.datetime(2019, 2, 2, 8, 15) in coded
