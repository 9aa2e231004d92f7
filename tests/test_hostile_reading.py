"""Hostile input to the readers: bombs, deep nesting, odd sources and values, a long quote shown.

Each case gets a clear error naming the file and the place (exit 1, no traceback), or is read
as it should be; bombs and hangs run under ``guarded`` (a child process with its memory and
time bounded), which detects them without timing anything.

The cases:

- YAML aliases: an alias bomb (ten levels of ``&kN [*kN-1, ...]``, ten aliases each, then
  ``title: *k8``) is refused at the alias that passes the bound, never printing the value
  repeated; so is a bomb of merge keys (``<<: *k``) and an alias of a value it is part of;
  nesting through aliases counts; aliases within the bound are read as the values written out.
- Deep nesting: 100,000 ``[`` in a YAML, JSON or CSL-JSON file, and YAML block lists nested
  past libyaml's own bound, are refused at the line and column where the nesting passes
  ``MAX_DEPTH``; nesting of exactly ``MAX_DEPTH`` is read, and the field that cannot hold it says
  so; brackets, quotes and backslashes inside JSON strings do not count.
- Numbers: a whole number of 5,000 digits in YAML or JSON is refused at its line, and one that
  reaches a field some other way is reported without being written out.
- Ages: a sample's ages, an age range's bounds and a profile's age outside 0–150 are refused
  naming the field (10^30, 151, -1, a 5,000-digit age on the command line); 150 is an age.
- Sources: a named pipe (which would block forever) and a device are refused as sources, and
  by the readers themselves; a named pipe in a folder is left out; a name no file can have (a
  NUL, 300 characters) is no such source, and a loop of symbolic links cannot be read; a
  folder, or a sub-folder, that cannot be listed is reported as such, not as holding no study
  file.
- Parent chains: themes each the parent of the next, 1,000 and 5,000 long, are refused at the
  theme on level ``MAX_LEVELS + 1`` by ``show``, ``export``, ``validate`` and the theme queries
  alike (never a ``RecursionError`` or a hang), and so is a chain of 5,000 subgroups; a tree of
  exactly ``MAX_LEVELS`` levels is shown, queried and exported, one level more is refused; a
  chain past the bound read from RDF is refused too; a loop of 5,000 themes, or one below a
  long chain, is still reported as a cycle.
- Dates: a bare number as a work's ``issued``, ``received`` or ``accepted`` (86400, 2020,
  ``"86400"``, 1.5e9, 1.5e+9), which pydantic would take for seconds since 1970, is refused
  naming the field and what is expected; YAML's own dates (2019-03-05) and quoted ones still load.
- ``show`` of a study whose quote is 20 MB of words draws every word, in time linear in the
  text (quadratic drawing took hours at this size); a ``query`` table draws a 1 MB quote in a
  cell whole (the benchmark ``table-long-quote`` measures how its time grows).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
import yaml
from helpers import Cli, WriteStudy, guarded
from pydantic import ValidationError

from evidence_graph import StudyFileError, load, read_study_file
from evidence_graph.io import read_bibliography
from evidence_graph.io.study_files import ParsedFile, problems_from_validation
from evidence_graph.io.text_files import MAX_DEPTH
from evidence_graph.io.yaml_files import MAX_REPEATED
from evidence_graph.models import MAX_LEVELS, StudyDocument
from evidence_graph.queries import Profile

STUDY = """\
works:
  - id: paper
    type: journal-article
    title: TITLE
studies:
  - id: s
    label: A study
    design: qualitative
    reported_in: [paper]
samples:
  - id: p
    study: s
    size: 12
    AGES
"""
"""A small valid study; TITLE and AGES are replaced (AGES by a line of the sample's, or none)."""

TITLE_LINE = 4
SAMPLE_LINE = 14
NESTED_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels here; expected at most {MAX_DEPTH}"


def study(title: str = "A paper", ages: str = "") -> str:
    return STUDY.replace("TITLE", title).replace("    AGES\n", f"    {ages}\n" if ages else "")


def error_of(path: Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load(path)
    return info.value


def refused(result: object, path: Path, where: str, message: str) -> None:
    """Assert a guarded run ended in one clear error: exit 1, the file, the place, no traceback."""
    assert result.status == 1, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert f"error: {path}: {where}: " in stderr, stderr[:2000]
    assert message in stderr, stderr[:2000]


# --- YAML aliases -------------------------------------------------------------------------------


def alias_bomb(levels: int = 10, use: str = "title: *k8") -> str:
    lines = ["k0: &k0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"k{n}: &k{n} [{', '.join([f'*k{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n" + study(use.removeprefix("title: "))


def test_an_alias_bomb_is_refused_at_the_alias_that_passes_the_bound(
    write_study: WriteStudy,
) -> None:
    path = write_study(alias_bomb())
    result = guarded("show", str(path))
    # The aliases of k1, k2 and k3 repeat 110 + 1,110 + 11,110 values; each of k4's (line 5)
    # 11,111 more, so that its eighth passes 100,000.
    column = len("k4: &k4 [") + 7 * len("*k3, ") + 1
    refused(result, path, f"line 5, column {column}", "aliases repeat more than 100,000 values")
    assert "lol" not in result.output
    assert len(result.output) < 500


def test_the_api_refuses_an_alias_bomb_with_its_line(write_study: WriteStudy) -> None:
    error = error_of(write_study(alias_bomb()))
    (problem,) = error.problems
    assert (problem.line, problem.column) == (5, 45)
    assert problem.message == (
        f"aliases repeat more than {MAX_REPEATED:,} values by this one; expected at most "
        f"{MAX_REPEATED:,} values repeated in a file"
    )


def test_a_bomb_of_merge_keys_is_refused(write_study: WriteStudy) -> None:
    lines = ["m0: &m0 {" + ", ".join(f"a{i}: {i}" for i in range(10)) + "}"]
    for n in range(1, 9):
        keys = ", ".join(f"*m{n - 1}" for _ in range(10))
        lines.append(f"m{n}: &m{n} {{<<: [{keys}], own{n}: {n}}}")
    path = write_study("\n".join(lines) + "\n" + study())
    result = guarded("show", str(path))
    # m0 stands for 21 values, m1 for 215, m2 for 2,155, m3 for 21,555: m1 to m3 repeat 23,910,
    # and the fourth merge of m3 in m4 (line 5) passes 100,000.
    column = len("m4: &m4 {<<: [") + 3 * len("*m3, ") + 1
    refused(result, path, f"line 5, column {column}", "aliases repeat more than 100,000 values")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("works: &w\n  - id: paper\n    cites: *w\n", "line 3, column 12"),
        ("works: &w [{id: paper, title: *w}]\n", "line 1, column 31"),
    ],
)
def test_an_alias_of_a_value_it_is_part_of_is_refused(
    write_study: WriteStudy, text: str, where: str
) -> None:
    path = write_study(text)
    result = guarded("show", str(path))
    refused(result, path, where, "the alias *w names a value it is part of")


def test_nesting_through_aliases_counts(write_study: WriteStudy) -> None:
    half = MAX_DEPTH // 2 + 1
    text = f"a: &a {'[' * half}{']' * half}\nb: {'[' * half}*a{']' * half}\n"
    path = write_study(text)
    error = error_of(path)
    (problem,) = error.problems
    assert (problem.line, problem.column) == (2, 4 + half)
    assert problem.message.startswith(f"lists and mappings are {NESTED_TOO_DEEP}")


def test_aliases_within_the_bound_are_read_as_the_values_written_out(
    write_study: WriteStudy,
) -> None:
    written = study().replace("reported_in: [paper]", "reported_in: &papers [paper]")
    written += (
        "claims:\n  - id: c\n    statement: A claim.\n    kind: finding\n    asserted_by: paper\n"
    )
    aliased = written.replace("    asserted_by: paper\n", "    asserted_by: *first\n")
    aliased = aliased.replace("  - id: paper\n", "  - id: &first paper\n", 1)
    assert load(write_study(aliased, "aliased.yaml")) == load(write_study(written, "plain.yaml"))


# --- Deep nesting -------------------------------------------------------------------------------

DEEP = "[" * 100_000


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("study.yaml", DEEP, "line 1, column 101"),
        ("study.json", DEEP, "line 1, column 101"),
        # the top mapping, works and the work are 3 levels: the 98th [ of the title passes
        ("study.yaml", f"works:\n  - id: paper\n    title: {DEEP}", "line 3, column 109"),
        ("refs.csl.json", '[{"id": "a", "type": "book", "title": ' + DEEP, "line 1, column 137"),
        ("refs.json", '[{"id": "a", "type": "book", "title": ' + DEEP, "line 1, column 137"),
    ],
)
def test_deep_nesting_is_refused_where_it_passes_the_bound(
    write_study: WriteStudy, name: str, text: str, where: str
) -> None:
    path = write_study(text, name)
    result = guarded("show", str(path))
    refused(result, path, where, NESTED_TOO_DEEP)


def test_block_lists_nested_past_libyaml_s_own_bound_are_refused_at_the_line(
    write_study: WriteStudy,
) -> None:
    text = "".join(f"{'  ' * level}-\n" for level in range(1_500))
    path = write_study(text)
    result = guarded("show", str(path))
    refused(result, path, f"line {MAX_DEPTH + 1}, column {2 * MAX_DEPTH + 1}", NESTED_TOO_DEEP)


def nested(depth: int, inner: str = "") -> str:
    return "[" * depth + inner + "]" * depth


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_of_exactly_the_bound_is_read_and_the_field_refuses_it(
    write_study: WriteStudy, suffix: str
) -> None:
    # The top mapping, works and a work are 3 levels: the title's lists may be 97 deep.
    title = nested(MAX_DEPTH - 3)
    document = yaml.safe_load(study())
    text = yaml.safe_dump(document, sort_keys=False).replace("title: A paper", f"title: {title}")
    if suffix == ".json":
        text = json.dumps(document).replace('"title": "A paper"', f'"title": {title}')
    error = error_of(write_study(text, f"study{suffix}"))
    (problem,) = error.problems
    assert problem.location == "works[0].title"
    assert problem.message.startswith("expected a valid string (got [[[[")


def test_a_csl_json_entry_nested_to_the_bound_is_read_and_its_fields_refused(
    write_study: WriteStudy,
) -> None:
    entry = {"id": "a", "type": "book", "title": "T"}
    text = json.dumps([entry])[:-2] + f', "author": {nested(MAX_DEPTH - 2)}}}]'
    with pytest.raises(StudyFileError) as info:
        read_bibliography(write_study(text, "refs.json"))
    (problem,) = info.value.problems
    assert problem.message.startswith("expected a list of names such as")


def test_brackets_quotes_and_backslashes_in_json_strings_do_not_nest(
    write_study: WriteStudy,
) -> None:
    title = '[{"\\' * 300 + '\\"]]' + "]" * 300
    document = yaml.safe_load(study())
    document["works"][0]["title"] = title
    text = json.dumps(document, indent=2)
    assert text.count("[") > MAX_DEPTH
    corpus = load(write_study(text, "study.json"))
    assert corpus.works[0].title == title


# --- Numbers ------------------------------------------------------------------------------------

LONG = "1" * 5_000
TOO_LONG = "the number is 5,000 digits long; expected a number of at most 4,300 digits"


def test_a_whole_number_of_5000_digits_in_yaml_is_refused_at_its_line(
    write_study: WriteStudy,
) -> None:
    path = write_study(study(ages=f"age_min: {LONG}"))
    result = guarded("show", str(path))
    refused(result, path, f"line {SAMPLE_LINE}, column 14", TOO_LONG)


def test_a_whole_number_of_5000_digits_in_json_is_refused_at_its_line(
    write_study: WriteStudy,
) -> None:
    document = yaml.safe_load(study(ages="age_min: 20"))
    text = json.dumps(document, indent=1).replace('"age_min": 20', f'"age_min": -{LONG}')
    path = write_study(text, "study.json")
    line, row = next((n, row) for n, row in enumerate(text.splitlines(), 1) if LONG in row)
    result = guarded("show", str(path))
    refused(result, path, f"line {line}, column {row.index('-') + 1}", TOO_LONG)


def test_a_number_too_long_to_write_out_is_reported_without_it() -> None:
    data = yaml.safe_load(study(ages="age_min: 20"))
    data["samples"][0]["age_min"] = 10**5_000
    with pytest.raises(ValidationError) as info:
        StudyDocument.model_validate(data)
    (problem,) = problems_from_validation(info.value, ParsedFile(Path("s.yaml"), data))
    assert problem.location == "samples[0].age_min"
    assert problem.message == (
        "expected a number less than or equal to 150 (got a whole number of about 5,001 digits)"
    )


# --- Ages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ages", "field", "message"),
    [
        (f"age_min: {10**30}", "age_min", f"less than or equal to 150 (got {10**30})"),
        ("age_max: 151", "age_max", "less than or equal to 150 (got 151)"),
        ("age_min: -1", "age_min", "greater than or equal to 0 (got -1)"),
    ],
)
def test_a_sample_s_ages_outside_0_to_150_are_refused(
    write_study: WriteStudy, ages: str, field: str, message: str
) -> None:
    error = error_of(write_study(study(ages=ages)))
    (problem,) = error.problems
    assert problem.location == f"samples[0].{field}"
    assert problem.line == SAMPLE_LINE
    assert problem.message == f"expected a number {message}"


def test_an_age_of_150_is_an_age(write_study: WriteStudy) -> None:
    corpus = load(write_study(study(ages="age_max: 150")))
    assert corpus.samples[0].age_max == 150


def criterion(constraint: str) -> str:
    return study() + (
        "criteria:\n  - id: c\n    study: s\n    kind: inclusion\n    text: aged so\n"
        f"    constraint: {constraint}\n"
    )


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        ("min: 1.0e+30", "min: expected an age in years from 0 to 150 (got 1e+30)"),
        ("min: 18, max: 200", "max: expected an age in years from 0 to 150 (got 200)"),
        ("max: -3", "max: expected an age in years from 0 to 150 (got -3)"),
    ],
)
def test_an_age_range_outside_0_to_150_is_refused(
    write_study: WriteStudy, bounds: str, message: str
) -> None:
    error = error_of(write_study(criterion(f"{{type: range, attribute: age, {bounds}}}")))
    (problem,) = error.problems
    assert problem.location == "criteria[0].constraint"
    assert problem.message == message


def test_a_range_of_months_is_not_bound_as_an_age(write_study: WriteStudy) -> None:
    constraint = "{type: range, attribute: months_since_diagnosis, min: 6, max: 240}"
    corpus = load(write_study(criterion(constraint)))
    assert corpus.criteria[0].constraint is not None


@pytest.mark.parametrize("age", ["1e30", "151", "-1", "nan", "inf", LONG])
def test_a_profile_s_age_outside_0_to_150_is_refused(cli: Cli, age: str) -> None:
    result = cli("query", "studies-matching", "-p", f"age={age}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "expected an age in years, from 0 to 150" in result.stderr


def test_a_profile_of_150_is_answered(cli: Cli) -> None:
    result = cli("query", "studies-matching", "-p", "age=150", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)
    with pytest.raises(ValidationError, match="less than or equal to 150"):
        Profile(age=151)


# --- Sources ------------------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe called ``study.yaml``; a reader that waits on it is let go after a while.

    Were a reader to wait for a writer, the writer that comes after a few seconds ends its
    wait with an empty file, so that the test fails on the message rather than hangs.
    """
    path = tmp_path / "study.yaml"
    os.mkfifo(path)
    done = threading.Event()

    def let_go() -> None:
        while not done.wait(5):
            with contextlib.suppress(OSError):  # no reader waits
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=let_go, daemon=True)
    thread.start()
    yield path
    done.set()
    thread.join()


PIPE = "is a named pipe, not a regular file; expected"


def test_a_named_pipe_as_a_source_is_refused(fifo: Path) -> None:
    result = guarded("show", str(fifo))
    assert result.status == 1, result.output
    assert result.stderr.startswith(
        f"error: {fifo}: {PIPE} a study file, a bibliography, an RDF file, a REFI-QDA project or "
        "codebook, a spreadsheet of quotes, or a folder of them"
    )


def test_the_readers_refuse_a_named_pipe(fifo: Path) -> None:
    with pytest.raises(StudyFileError, match=PIPE + " a study file"):
        read_study_file(fifo)
    bib = fifo.with_name("refs.bib")
    fifo.rename(bib)
    with pytest.raises(StudyFileError, match=PIPE + " a bibliography file"):
        read_bibliography(bib)


def test_a_device_as_a_source_is_refused() -> None:
    result = guarded("show", os.devnull)
    assert result.status == 1
    assert f"error: {os.devnull}: is a device, not a regular file" in result.stderr


def test_a_named_pipe_in_a_folder_is_left_out(write_study: WriteStudy) -> None:
    path = write_study(study(), "folder/study.yaml")
    os.mkfifo(path.parent / "pipe.yaml")
    result = guarded("show", str(path.parent))
    assert result.status == 0, result.output
    assert "A study" in result.stdout


@pytest.mark.parametrize("name", ["a\x00b.yaml", "x" * 300 + ".yaml"])
def test_a_name_no_file_can_have_is_no_such_source(cli: Cli, name: str) -> None:
    result = cli("show", name)
    assert result.returncode == 2
    assert "no such file, folder or built-in dataset" in result.stderr


def test_a_symbolic_link_loop_cannot_be_read(tmp_path: Path, cli: Cli) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = cli("show", str(loop))
    assert result.returncode == 1
    assert result.stderr == (f"error: {loop}: cannot be read (Too many levels of symbolic links)\n")


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Folders to be listed as they would be without the permission: add them to the list.

    The suite may run as root, who may list any folder; so listing is refused here instead.
    """
    locked: list[Path] = []
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    return locked


def test_a_folder_that_cannot_be_read_says_so(
    tmp_path: Path, unreadable: list[Path], cli: Cli
) -> None:
    folder = tmp_path / "studies"
    folder.mkdir()
    unreadable.append(folder)
    result = cli("show", str(folder))
    assert result.returncode == 1
    assert result.stderr == f"error: {folder}: the folder cannot be read (Permission denied)\n"


def test_a_sub_folder_that_cannot_be_read_is_not_left_out_unsaid(
    write_study: WriteStudy, unreadable: list[Path]
) -> None:
    path = write_study(study(), "studies/study.yaml")
    locked = path.parent / "more"
    hidden = path.parent / ".cache"
    locked.mkdir()
    hidden.mkdir()
    unreadable.extend([locked, hidden])
    error = error_of(path.parent)
    assert str(error) == f"{locked}: the folder cannot be read (Permission denied)"
    unreadable.remove(locked)
    assert len(load(path.parent).studies) == 1  # a hidden folder is not looked in


# --- Parent chains ------------------------------------------------------------------------------


def theme_chain(levels: int) -> str:
    """A study whose themes t1 ... t<levels> each have the one before as parent, a quote at the
    bottom."""
    themes = [
        f"  - {{id: t{n}, study: s, label: level {n}, parent: t{n - 1}}}"
        for n in range(2, levels + 1)
    ]
    quote = (
        f"  - {{id: q, study: s, themes: [t{levels}], text: D, read_in: paper, appears_in: paper}}"
    )
    lines = [
        "themes:",
        "  - {id: t1, study: s, label: level 1}",
        *themes,
        "quotes:",
        quote,
    ]
    return study() + "\n".join(lines) + "\n"


def subgroup_chain(levels: int) -> str:
    """A study whose samples g1 ... g<levels> are each part of the one before."""
    samples = [
        f"  - {{id: g{n}, study: s, size: 12, part_of: g{n - 1}}}" for n in range(2, levels + 1)
    ]
    return study().replace(
        "samples:\n", "samples:\n  - {id: g1, study: s, size: 12}\n" + "\n".join(samples) + "\n"
    )


def line_of(text: str, start: str) -> int:
    """The line (1-based) of the first line of ``text`` that starts with ``start``."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def past_the_bound(kind: str, number: int) -> str:
    """The message for the theme (or subgroup) on the level past the bound, top t1 (g1)."""
    if kind == "theme":
        return (
            f"the theme 't{number}' is on level {number} of the theme tree below the overarching "
            f"theme 't1'; expected at most {MAX_LEVELS} levels of themes"
        )
    return (
        f"the subgroup 'g{number}' is on level {number} of the subgroups of sample 'g1' (the "
        f"sample itself the first); expected at most {MAX_LEVELS} levels of subgroups"
    )


@pytest.mark.parametrize("levels", [1_000, 5_000])
@pytest.mark.parametrize(
    "command",
    [("show",), ("export",), ("query", "theme-tree"), ("query", "quotes-for-theme")],
    ids=["show", "export", "theme-tree", "quotes-for-theme"],
)
def test_a_chain_of_thousands_of_themes_is_refused_at_the_level_past_the_bound(
    write_study: WriteStudy, levels: int, command: tuple[str, ...]
) -> None:
    text = theme_chain(levels)
    path = write_study(text)
    result = guarded(
        *command, str(path), *(["-p", "theme=t1"] if "quotes-for-theme" in command else [])
    )
    number = MAX_LEVELS + 1
    where = f"line {line_of(text, f'  - {{id: t{number},')}: themes[{number - 1}].parent"
    refused(result, path, where, past_the_bound("theme", number))
    assert "RecursionError" not in result.stderr
    assert (
        result.stderr.count("error:") == 1
    )  # the chain is reported once, not at every theme below


def test_a_chain_of_5000_subgroups_is_refused_at_the_level_past_the_bound(
    write_study: WriteStudy,
) -> None:
    text = subgroup_chain(5_000)
    path = write_study(text)
    result = guarded("validate", str(path))
    number = MAX_LEVELS + 1
    where = f"line {line_of(text, f'  - {{id: g{number},')}: samples[{number - 1}].part_of"
    refused(result, path, where, past_the_bound("subgroup", number))


def test_a_theme_tree_of_exactly_the_bound_is_shown_queried_and_exported(
    write_study: WriteStudy, cli: Cli
) -> None:
    path = write_study(theme_chain(MAX_LEVELS))
    shown = cli("show", str(path))
    assert shown.returncode == 0, shown.stderr[:2000]
    assert "Traceback" not in shown.stderr
    assert "level 90" in shown.stdout  # deeper, the tree's guides take all of 400 columns
    tree = json.loads(cli("query", "theme-tree", str(path), "-f", "json").stdout)
    assert [row["depth"] for row in tree] == list(range(MAX_LEVELS))
    assert [row["quotes_with_subthemes"] for row in tree] == [1] * MAX_LEVELS
    for engine in ([], ["--sparql"]):
        found = cli(
            "query", "quotes-for-theme", str(path), "-p", "theme=t1", "-f", "json-rows", *engine
        )
        assert [row["quote_id"] for row in json.loads(found.stdout)] == ["q"], found.stderr
    ordered = cli("query", "theme-tree", str(path), "--sparql", "-f", "json-rows")
    assert [row["theme_id"] for row in json.loads(ordered.stdout)] == [
        f"t{n}" for n in range(1, MAX_LEVELS + 1)
    ]
    assert cli("export", str(path)).returncode == 0


def test_one_theme_level_more_than_the_bound_is_refused(write_study: WriteStudy) -> None:
    text = theme_chain(MAX_LEVELS + 1)
    (problem,) = error_of(write_study(text)).problems
    assert problem.location == f"themes[{MAX_LEVELS}].parent"
    assert problem.line == line_of(text, f"  - {{id: t{MAX_LEVELS + 1},")
    assert problem.message == past_the_bound("theme", MAX_LEVELS + 1)


def test_subgroups_of_exactly_the_bound_load_and_one_level_more_is_refused(
    write_study: WriteStudy,
) -> None:
    corpus = load(write_study(subgroup_chain(MAX_LEVELS), "bound.yaml"))
    assert len(corpus.samples) == MAX_LEVELS + 1  # the chain, and the study's own sample p
    (problem,) = error_of(write_study(subgroup_chain(MAX_LEVELS + 1), "past.yaml")).problems
    assert problem.location == f"samples[{MAX_LEVELS}].part_of"
    assert problem.message == past_the_bound("subgroup", MAX_LEVELS + 1)


def deeper_in_rdf(turtle: Path, levels: int) -> rdflib.Graph:
    """The graph of ``turtle`` with ``levels`` themes more, each below the one before, below the
    deepest theme t<MAX_LEVELS> (its triples copied, but for its id, label and parent)."""
    skos, dcterms = rdflib.namespace.SKOS, rdflib.namespace.DCTERMS
    graph = rdflib.Graph().parse(turtle)
    (last,) = graph.subjects(dcterms.identifier, rdflib.Literal(f"t{MAX_LEVELS}"))
    own = {dcterms.identifier, skos.prefLabel, skos.broader}
    kept = [(p, o) for p, o in graph.predicate_objects(last) if p not in own]
    above = last
    for number in range(MAX_LEVELS + 1, MAX_LEVELS + levels + 1):
        node = rdflib.URIRef(str(last).replace(f"t{MAX_LEVELS}", f"t{number}"))
        for p, o in kept:
            graph.add((node, p, o))
        graph.add((node, dcterms.identifier, rdflib.Literal(f"t{number}")))
        graph.add((node, skos.prefLabel, rdflib.Literal(f"level {number}")))
        graph.add((node, skos.broader, above))
        above = node
    return graph


@pytest.mark.parametrize("levels", [1, 5_000])
def test_a_theme_chain_past_the_bound_read_from_rdf_is_refused(
    write_study: WriteStudy, cli: Cli, tmp_path: Path, levels: int
) -> None:
    exported = tmp_path / "bound.ttl"
    source = write_study(theme_chain(MAX_LEVELS))
    assert cli("export", str(source), "-o", str(exported)).returncode == 0
    path = tmp_path / "past.ttl"
    deeper_in_rdf(exported, levels).serialize(path, format="turtle")
    for command in ("validate", "show"):
        result = guarded(command, str(path))
        assert result.status == 1, result.output
        assert "Traceback" not in result.stderr
        assert f"error: {path}: themes[" in result.stderr, result.stderr[:2000]
        assert result.stderr.rstrip().endswith(past_the_bound("theme", MAX_LEVELS + 1)), (
            result.stderr[:2000]
        )


def test_a_loop_of_5000_themes_is_reported_as_a_cycle(write_study: WriteStudy) -> None:
    text = theme_chain(5_000).replace(
        "{id: t1, study: s, label: level 1}", "{id: t1, study: s, label: level 1, parent: t5000}"
    )
    path = write_study(text)
    result = guarded("show", str(path))
    # walked from t1 up through t5000, t4999 ... to t2, whose parent t1 closes the loop
    loop = " -> ".join(f"t{n}" for n in [1, *range(5_000, 0, -1)])
    where = f"line {line_of(text, '  - {id: t2,')}: themes[1].parent"
    refused(result, path, where, f"the theme hierarchy has a cycle ({loop}); expected a tree")


def test_a_cycle_below_a_long_chain_is_reported_once_as_before(write_study: WriteStudy) -> None:
    # t1 hangs below a loop of a and b, 3,000 themes above the bottom: the loop is reported once,
    # at the theme whose parent closes it, and no level is counted below it
    loop = [
        "  - {id: a, study: s, label: A, parent: b}",
        "  - {id: b, study: s, label: B, parent: a}",
    ]
    text = theme_chain(3_000).replace("label: level 1}", "label: level 1, parent: a}")
    text = text.replace("quotes:\n", "\n".join(loop) + "\nquotes:\n")
    (problem,) = error_of(write_study(text)).problems
    assert problem.location == "themes[3001].parent"  # b, whose parent a closes the loop
    assert problem.message == "the theme hierarchy has a cycle (a -> b -> a); expected a tree"


# --- Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["issued", "received", "accepted"])
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("86400", "86400"),
        ("2020", "2020"),
        ('"86400"', "86400"),
        ("1.5e9", "1.5e9"),
        ("1.5e+9", "1500000000.0"),
    ],
)
def test_a_number_as_a_date_is_refused(
    write_study: WriteStudy, field: str, value: str, shown: str
) -> None:
    path = write_study(study(f"A paper\n    {field}: {value}"))
    result = guarded("export", str(path))
    alone = "a year alone goes in `year`" if field == "issued" else "the whole date"
    message = f"expected a date such as 2019-03-05, not the number {shown}; {alone}"
    refused(result, path, f"line {TITLE_LINE + 1}: works[0].{field}", message)
    assert "1970" not in result.output


@pytest.mark.parametrize("value", ["2019-03-05", '"2019-03-05"'])
def test_a_date_still_loads(write_study: WriteStudy, cli: Cli, value: str) -> None:
    path = write_study(study(f"A paper\n    issued: {value}"))
    (work,) = load(path).works
    assert work.issued == dt.date(2019, 3, 5)
    assert '"2019-03-05"^^xsd:date' in cli("export", str(path)).stdout


# --- show ---------------------------------------------------------------------------------------


def test_show_draws_a_20_mb_quote_whole(write_study: WriteStudy) -> None:
    words = 20 * 1024 * 1024 // 5
    quote = "first " + "word " * words + "last"
    document = yaml.safe_load(study())
    document["themes"] = [{"id": "t", "study": "s", "label": "A theme"}]
    quoted = {"id": "q", "study": "s", "themes": ["t"], "read_in": "paper", "text": quote}
    document["quotes"] = [{**quoted, "appears_in": "paper"}]
    path = write_study(json.dumps(document), "study.json")
    result = guarded("show", str(path))
    assert result.status == 0, result.stderr[:2000]
    assert result.stdout.count("word") == words
    assert "“first word" in result.stdout
    assert "word last”" in result.stdout


def test_a_query_table_draws_a_long_quote_whole(write_study: WriteStudy, cli: Cli) -> None:
    words = 1024 * 1024 // 5
    document = yaml.safe_load(study())
    document["themes"] = [{"id": "t", "study": "s", "label": "A theme"}]
    quote = "first " + "word " * words + "last"
    quoted = {"id": "q", "study": "s", "themes": ["t"], "read_in": "paper", "text": quote}
    document["quotes"] = [{**quoted, "appears_in": "paper"}]
    path = write_study(json.dumps(document), "study.json")
    shown = cli("query", "quotes-for-theme", str(path), "-p", "theme=t")
    assert shown.returncode == 0, shown.stderr[:2000]
    assert shown.stdout.count("word") == words
    assert "first" in shown.stdout
    assert "last" in shown.stdout
