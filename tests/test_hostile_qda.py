"""Hostile and malformed REFI-QDA files: each refused with a clear error (exit 1), or read safely.

Archives are read in memory, nothing extracted: every case runs in an empty working folder,
which stays empty.

- ZIP bombs: one entry that decompresses to more than ``MAX_RATIO`` times its size (50 MiB of
  zeros), and entries each within the ratio that together pass ``MAX_TOTAL`` (six of 90 MiB), are
  refused while decompressing, under the memory and time bounds of a guarded run; the sizes
  the archive declares are not what is trusted (an entry that claims to be small is counted
  as it comes).
- Names: an entry named with ``..``, an absolute path (``/`` or a drive), ``..`` behind
  backslashes, a symbolic link, and a name given twice refuse the whole archive; so do more
  than ``MAX_ENTRIES`` entries, a file that is no ZIP archive, and an archive with no
  ``.qde`` at its root, or two.
- XML: a DOCTYPE (the billion laughs, one small entity, an external DTD), an external entity
  pointing at a listening server (never contacted), elements nested past ``MAX_NESTING`` and
  more elements than ``MAX_ELEMENTS`` (lowered for the test) are refused at their line;
  elements the reader does not know are passed over.
- Outside the archive: a text source whose ``plainTextPath`` is ``relative://`` or
  ``absolute://`` is never read from the disk (the file it names exists, and its text is not
  in the corpus): the source is skipped, with the warning.
- Malformed projects, each naming the file, the entry, its line, the element and its GUID: a
  code without a GUID, a GUID that is not one, a ``CodeRef`` to nothing or to a source (naming
  both), a selection past the end of its text, one splitting a surrogate pair, one whose end is
  not after its start, a user that names no user, a text that is not UTF-8, a missing
  ``Sources/`` entry, a missing required attribute, a bad colour, a variable's value not of its
  type (an empty one is no value).
- The command line reports each with exit 1 and no traceback.
"""

from __future__ import annotations

import http.server
import os
import random
import stat
import zipfile
from pathlib import Path

import pytest
from helpers import Cli, guarded, serving

from evidence_graph import QdaProject, SkippedContentWarning, StudyFileError, load
from evidence_graph.models import MAX_LEVELS
from evidence_graph.qda import (
    MAX_ENTRIES,
    MAX_NESTING,
    MAX_RATIO,
    MAX_TOTAL,
    read_qda,
)

CODE = "11111111-1111-4111-8111-111111111111"
SOURCE = "22222222-2222-4222-8222-222222222222"
SELECTION = "33333333-3333-4333-8333-333333333333"
CODING = "44444444-4444-4444-8444-444444444444"
TEXT = "I: How was it? 😀\nR: It was hard at first.\n"


def _qde(
    *,
    code: str = f'<Code guid="{CODE}" name="Hard" isCodable="true"/>',
    source: str = 'name="R" plainTextPath="internal://r.txt"',
    selection: str = 'startPosition="20" endPosition="41"',
    coding: str = f'<Coding guid="{CODING}"><CodeRef targetGUID="{CODE}"/></Coding>',
    origin: str = "MAXQDA 2022",
    head: str = "",
    extra: str = "",
) -> str:
    """A small valid project, one part replaced where a test says."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>{head}
<Project xmlns="urn:QDA-XML:project:1.0" name="Hostile" origin="{origin}">
  <CodeBook>
    <Codes>
      {code}
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="{SOURCE}" {source}>
      <PlainTextSelection guid="{SELECTION}" {selection}>
        {coding}
      </PlainTextSelection>
    </TextSource>
  </Sources>{extra}
</Project>
"""


def _archive(
    path: Path, entries: dict[str, bytes | str] | None = None, qde: str | None = None
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde() if qde is None else qde)
        for name, data in ({"Sources/r.txt": TEXT} if entries is None else entries).items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty working folder for the command, checked empty by the test."""
    work = tmp_path / "work"
    work.mkdir()
    return work


def test_a_small_project_is_read(tmp_path: Path) -> None:
    """The project the other cases spoil, read as it is."""
    (quote,) = load(_archive(tmp_path / "ok.qdpx")).quotes
    assert quote.text == "It was hard at first."


# -- ZIP bombs ---------------------------------------------------------------------------------


def test_an_entry_past_the_ratio_is_refused(tmp_path: Path, folder: Path) -> None:
    path = _archive(tmp_path / "ratio.qdpx", {"Sources/r.txt": bytes(50 * 2**20)})
    compressed = zipfile.ZipFile(path).getinfo("Sources/r.txt").compress_size
    run = guarded("show", str(path), cwd=folder)
    assert run.status == 1, run.output
    assert run.stderr == (
        f"error: {path}: 'Sources/r.txt' decompresses to more than {MAX_RATIO} times its "
        f"{compressed} compressed bytes: refused as a ZIP bomb\n"
    )
    assert list(folder.iterdir()) == []


def test_entries_past_the_total_are_refused(tmp_path: Path, folder: Path) -> None:
    """Six texts of 90 MiB, each about 85 times its compressed size: 540 MiB in all."""
    rng = random.Random(16)  # noqa: S311 - words to compress, not secrets
    chunk = bytearray(2**20)
    for index in range(0, len(chunk), 600):
        chunk[index] = rng.randrange(ord("a"), ord("z"))
    sources = "".join(
        f'<TextSource guid="77777777-7777-4777-8777-77777777777{number}" name="S{number}" '
        f'plainTextPath="internal://s{number}.txt"/>'
        for number in range(6)
    )
    qde = _qde().replace("</Sources>", f"{sources}</Sources>")
    path = tmp_path / "total.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("Sources/r.txt", TEXT)
        for number in range(6):
            with archive.open(f"Sources/s{number}.txt", "w", force_zip64=True) as entry:
                for _ in range(90):
                    entry.write(chunk)
    assert path.stat().st_size < 10 * 2**20
    run = guarded("show", str(path), cwd=folder)
    assert run.status == 1, run.output
    assert run.stderr == (
        f"error: {path}: 'Sources/s5.txt' decompresses past {MAX_TOTAL // 2**20} MiB (with the "
        "entries read before it): refused as a ZIP bomb\n"
    )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("claimed", "refusal"),
    [
        (40, "cannot be read: Bad CRC-32 for file 'Sources/r.txt'"),  # read to its claim only
        (
            2**32 - 16,
            (
                "decompresses to more than 200 times its {compressed} compressed bytes: "
                "refused as a ZIP bomb"
            ),
        ),
    ],
)
def test_declared_sizes_are_not_trusted(tmp_path: Path, claimed: int, refusal: str) -> None:
    """An entry of 50 MiB of zeros that claims another size: what comes is what counts."""
    path = _archive(tmp_path / "liar.qdpx", {"Sources/r.txt": bytes(50 * 2**20)})
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Sources/r.txt")
    size = info.file_size.to_bytes(4, "little")
    assert data.count(size) == 2  # the local header's and the central directory's
    path.write_bytes(data.replace(size, claimed.to_bytes(4, "little")))
    with pytest.raises(StudyFileError) as caught:
        read_qda(path)
    compressed = info.compress_size
    assert str(caught.value) == f"{path}: 'Sources/r.txt' {refusal.format(compressed=compressed)}"


def test_many_small_entries_past_the_ratio_together_are_refused(tmp_path: Path) -> None:
    """Each text under the size at which one entry's ratio is judged; together past it."""
    sources = "".join(
        f'<TextSource guid="88888888-8888-4888-8888-8888888888{number:02}" '
        f'plainTextPath="internal://s{number}.txt"/>'
        for number in range(40)
    )
    entries: dict[str, bytes | str] = {
        f"Sources/s{number}.txt": bytes(60_000) for number in range(40)
    }
    path = _archive(
        tmp_path / "small.qdpx",
        {"Sources/r.txt": TEXT, **entries},
        _qde().replace("</Sources>", f"{sources}</Sources>"),
    )
    with pytest.raises(StudyFileError) as caught:
        read_qda(path)
    assert str(caught.value).endswith("compressed bytes: refused as a ZIP bomb")
    assert f"the entries read decompress to more than {MAX_RATIO} times their" in str(caught.value)


# -- names and kinds of entries ----------------------------------------------------------------


def _with_entry(path: Path, info: zipfile.ZipInfo, data: bytes = b"x") -> Path:
    _archive(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(info, data)
    return path


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../evil.txt", "climbs out of the archive with '..'"),
        ("Sources/../../evil.txt", "climbs out of the archive with '..'"),
        ("..\\..\\evil.txt", "climbs out of the archive with '..'"),
        ("/etc/evil.txt", "has an absolute path"),
        ("\\evil.txt", "has an absolute path"),
        ("C:/evil.txt", "has an absolute path"),
        ("C:\\evil.txt", "has an absolute path"),
    ],
)
def test_an_entry_that_climbs_out_refuses_the_archive(
    tmp_path: Path, folder: Path, name: str, problem: str
) -> None:
    path = _with_entry(tmp_path / "climb.qdpx", zipfile.ZipInfo(name))
    done = guarded("show", str(path), cwd=folder)
    assert done.status == 1, done.output
    shown = repr(zipfile.ZipFile(path).infolist()[-1].filename)
    assert done.stderr == f"error: {path}: the entry {shown} {problem}: the archive is refused\n"
    assert list(folder.iterdir()) == []


def test_a_symbolic_link_refuses_the_archive(tmp_path: Path, cli: Cli) -> None:
    link = zipfile.ZipInfo("Sources/r.txt.lnk")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _with_entry(tmp_path / "link.qdpx", link, b"/etc/passwd")
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: the entry 'Sources/r.txt.lnk' is a symbolic link: the archive is refused\n"
    )


def test_a_name_given_twice_refuses_the_archive(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "twice.qdpx"
    with pytest.warns(UserWarning, match="Duplicate name"):
        _with_entry(path, zipfile.ZipInfo("Sources/r.txt"), b"Another text entirely.")
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: 'Sources/r.txt' comes twice; expected each entry once: the archive is "
        "refused\n"
    )


def test_too_many_entries_refuse_the_archive(tmp_path: Path, cli: Cli) -> None:
    entries: dict[str, bytes | str] = {
        f"Sources/{number}.txt": b"" for number in range(MAX_ENTRIES)
    }
    path = _archive(tmp_path / "many.qdpx", {"Sources/r.txt": TEXT, **entries})
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: holds {MAX_ENTRIES + 2} entries; expected at most {MAX_ENTRIES}: refused\n"
    )


def test_a_file_that_is_no_archive(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "text.qdpx"
    path.write_text(_qde(), encoding="utf-8")
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: is not a ZIP archive (File is not a zip file); expected a .qdpx project\n"
    )


@pytest.mark.parametrize(
    ("names", "found"),
    [
        ((), "none"),
        (("project.qde", "copy.QDE"), "project.qde, copy.QDE"),
        (("inner/project.qde",), "none"),
    ],
)
def test_one_project_at_the_root(
    tmp_path: Path, cli: Cli, names: tuple[str, ...], found: str
) -> None:
    path = tmp_path / "roots.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, _qde())
        archive.writestr("Sources/r.txt", TEXT)
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: expected one project (a .qde file such as project.qde) at the archive's "
        f"root, found {found}\n"
    )


# -- XML ---------------------------------------------------------------------------------------


def _bomb(levels: int = 10) -> str:
    """A DOCTYPE of ``levels`` entities, each the one before ten times: 10^(levels-1) words."""
    entities = ['  <!ENTITY a0 "lol">']
    entities += [f'  <!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, levels)]
    return "\n<!DOCTYPE Project [\n" + "\n".join(entities) + "\n]>"


DOCTYPE_REFUSED = "a document type declaration (<!DOCTYPE …>) is refused: entities are off"


def test_the_billion_laughs_is_refused(tmp_path: Path, folder: Path) -> None:
    qde = _qde(head=_bomb(), code=f'<Code guid="{CODE}" name="&a9;" isCodable="true"/>')
    path = _archive(tmp_path / "laughs.qdpx", qde=qde)
    run = guarded("show", str(path), cwd=folder)
    assert run.status == 1, run.output
    assert run.stderr == f"error: {path}: project.qde, line 2, column 19: {DOCTYPE_REFUSED}\n"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE Project [<!ENTITY x "Hard">]>',
        '<!DOCTYPE Project [<!ENTITY x SYSTEM "{url}/x">]>',
        '<!DOCTYPE Project [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>',
        '<!DOCTYPE Project SYSTEM "{url}/project.dtd">',
    ],
    ids=["internal", "external", "parameter", "external-dtd"],
)
def test_entities_are_refused_and_nothing_fetched(
    tmp_path: Path, cli: Cli, declaration: str
) -> None:
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = b'<!ENTITY x "Hard">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as url:
        qde = _qde(
            head="\n" + declaration.format(url=url),
            code=f'<Code guid="{CODE}" name="&x;" isCodable="true"/>',
        )
        path = _archive(tmp_path / "entity.qdpx", qde=qde)
        done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {path}: project.qde, line 2, column ")
    assert done.stderr.endswith(f": {DOCTYPE_REFUSED}\n")
    assert asked == []


def test_nesting_past_the_bound_is_refused(tmp_path: Path, folder: Path) -> None:
    """Stored, not compressed: deflated, so repetitive a text is refused as a bomb first."""
    deep = "<Code guid='x' name='n' isCodable='true'>" * 100_000
    path = tmp_path / "deep.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", _qde(code=deep))
    run = guarded("show", str(path), cwd=folder)
    assert run.status == 1, run.output
    assert run.stderr.startswith(f"error: {path}: project.qde, line 5, column ")
    assert run.stderr.endswith(f": elements are nested deeper than {MAX_NESTING}: refused\n")


def test_too_many_elements_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound lowered to 1,000 here: two million elements take long to build, not to refuse."""
    monkeypatch.setattr("evidence_graph.qda.xml.MAX_ELEMENTS", 1_000)
    many = "<x/>" * 1_000
    path = _archive(tmp_path / "many.qdpx", qde=_qde(extra=f"\n  <Extra>{many}</Extra>"))
    with pytest.raises(StudyFileError) as caught:
        read_qda(path)
    assert str(caught.value).startswith(f"{path}: project.qde, line 15, column ")
    assert str(caught.value).endswith(": holds more than 1,000 elements: refused")


def test_nesting_within_the_bound_is_read(tmp_path: Path) -> None:
    depth = MAX_LEVELS  # as deep as a theme tree may be; Project, CodeBook and Codes hold it
    assert depth + 4 <= MAX_NESTING
    codes = "".join(
        f'<Code guid="{CODE[:-4]}{level:04}" name="level {level}" isCodable="true">'
        for level in range(depth)
    )
    code = codes + "</Code>" * depth
    coding = f'<Coding guid="{CODING}"><CodeRef targetGUID="{CODE[:-4]}{depth - 1:04}"/></Coding>'
    corpus = load(_archive(tmp_path / "nested.qdpx", qde=_qde(code=code, coding=coding)))
    assert len(corpus.themes) == depth
    assert corpus.quotes[0].themes == (f"level-{depth - 1}",)


def test_unknown_elements_are_passed_over(tmp_path: Path) -> None:
    qde = _qde(
        code=f'<Code guid="{CODE}" name="Hard" isCodable="true"><Colour>red</Colour></Code>',
        extra='\n  <Extensions><Anything at="all"/></Extensions>',
    ).replace("<CodeBook>", '<x:Vendor xmlns:x="urn:vendor">1</x:Vendor><CodeBook>')
    (quote,) = load(_archive(tmp_path / "unknown.qdpx", qde=qde)).quotes
    assert quote.text == "It was hard at first."


# -- texts outside the archive -----------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["relative", "absolute"])
def test_a_text_outside_the_archive_is_never_read(
    tmp_path: Path, scheme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Private words on the disk.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    where = "outside.txt" if scheme == "relative" else str(outside)
    source = f'name="R" plainTextPath="{scheme}://{where}"'
    path = _archive(tmp_path / "outside.qdpx", qde=_qde(source=source))
    with pytest.warns(SkippedContentWarning) as caught:
        corpus = load(path)
    assert [str(warning.message) for warning in caught] == [
        (
            f"{path}: left out what a corpus cannot hold: 1 text source outside the archive "
            f"({scheme}://)"
        )
    ]
    assert corpus.quotes == ()
    assert all(work.text is None for work in corpus.works)


# -- malformed projects ------------------------------------------------------------------------

SELECTION_TAG = f'<PlainTextSelection guid="{SELECTION}">'


@pytest.mark.parametrize(
    ("parts", "where", "message"),
    [
        (
            {"code": '<Code name="Hard" isCodable="true"/>'},
            'line 5, column 7: <Code name="Hard">',
            "the required attribute guid is missing",
        ),
        (
            {"code": '<Code guid="not-a-guid" name="Hard" isCodable="true"/>'},
            'line 5, column 7: <Code guid="not-a-guid">',
            (
                "guid 'not-a-guid' is not a GUID; expected 8-4-4-4-12 hexadecimal digits, as "
                "3f2504e0-4f89-41d3-9a0c-0305e82c3301, with or without braces"
            ),
        ),
        (
            {"code": f'<Code guid="{{{CODE}" name="Hard" isCodable="true"/>'},
            f'line 5, column 7: <Code guid="{{{CODE}">',
            (
                f"guid '{{{CODE}' is not a GUID; expected 8-4-4-4-12 hexadecimal digits, as "
                "3f2504e0-4f89-41d3-9a0c-0305e82c3301, with or without braces"
            ),
        ),
        (
            {"code": f'<Code guid="{CODE}" isCodable="true"/>'},
            f'line 5, column 7: <Code guid="{CODE}">',
            "the required attribute name is missing",
        ),
        (
            {"code": f'<Code guid="{CODE}" name="Hard" isCodable="yes"/>'},
            f'line 5, column 7: <Code guid="{CODE}">',
            "isCodable 'yes' is not true or false",
        ),
        (
            {"code": f'<Code guid="{CODE}" name="Hard" isCodable="true" color="red"/>'},
            f'line 5, column 7: <Code guid="{CODE}">',
            "color 'red' is not a colour; expected #RRGGBB or #RGB",
        ),
        (
            {
                "coding": f'<Coding guid="{CODING}"><CodeRef targetGUID="{CODE[:-1]}8"/></Coding>',
                "extra": (
                    f'\n  <Extensions><Code guid="{CODE[:-1]}8" name="Stray" '
                    'isCodable="true"/></Extensions>'
                ),
            },
            f'line 11, column 61: <CodeRef targetGUID="{CODE[:-1]}8">',
            "names a code outside the CodeBook; expected a code of it",
        ),
        (
            {"coding": f'<Coding guid="{CODING}"><CodeRef targetGUID="{CODE[:-1]}9"/></Coding>'},
            f'line 11, column 61: <CodeRef targetGUID="{CODE[:-1]}9">',
            "names nothing in the project; expected a code",
        ),
        (
            {"coding": f'<Coding guid="{CODING}"><CodeRef targetGUID="{SOURCE}"/></Coding>'},
            f'line 11, column 61: <CodeRef targetGUID="{SOURCE}">',
            f'names <TextSource guid="{SOURCE}"> (line 9); expected a code',
        ),
        (
            {"coding": f'<Coding guid="{CODING}"/>'},
            f'line 11, column 9: <Coding guid="{CODING}">',
            "holds no CodeRef; expected the code it codes with",
        ),
        (
            {"selection": 'startPosition="20" endPosition="90"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "endPosition 90 is past the end of the text of 'R' (42 characters)",
        ),
        (
            {"selection": 'startPosition="20" endPosition="90"', "origin": "NVivo 14"},
            f"line 10, column 7: {SELECTION_TAG}",
            "endPosition 90 is past the end of the text of 'R' (43 UTF-16 code units)",
        ),
        (
            {"selection": 'startPosition="16" endPosition="40"', "origin": "NVivo 14"},
            f"line 10, column 7: {SELECTION_TAG}",
            (
                "startPosition 16 falls inside the character '😀' (two UTF-16 code units) of 'R'; "
                "expected an offset between characters"
            ),
        ),
        (
            {"selection": 'startPosition="20" endPosition="20"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "endPosition 20 is not after startPosition 20; expected start < end",
        ),
        (
            {"selection": 'startPosition="-1" endPosition="20"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "startPosition -1 is negative; expected an offset from 0",
        ),
        (
            {"selection": 'startPosition="one" endPosition="20"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "startPosition 'one' is not a whole number",
        ),
        (
            {"selection": 'endPosition="20"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "the required attribute startPosition is missing",
        ),
        (
            {"selection": 'startPosition="14" endPosition="15"'},
            f"line 10, column 7: {SELECTION_TAG}",
            "selects only white space; expected words to quote",
        ),
        (
            {
                "coding": f'<Coding guid="{CODING}" creatingUser="{SOURCE[:-1]}7">'
                f'<CodeRef targetGUID="{CODE}"/></Coding>'
            },
            f'line 11, column 9: <Coding guid="{CODING}">',
            f"creatingUser '{SOURCE[:-1]}7' names no user of the project",
        ),
        (
            {"source": 'name="R" plainTextPath="internal://missing.txt"'},
            f'line 9, column 5: <TextSource guid="{SOURCE}">',
            "plainTextPath 'internal://missing.txt': the archive has no Sources/missing.txt",
        ),
        (
            {"code": f'<Code guid="{SOURCE}" name="Hard" isCodable="true"/>'},
            f'line 9, column 5: <TextSource guid="{SOURCE}">',
            f'the GUID is the GUID of <Code guid="{SOURCE}"> (line 5) too; expected each GUID once',
        ),
    ],
    ids=[
        "no-guid",
        "bad-guid",
        "one-brace",
        "no-name",
        "bad-boolean",
        "bad-colour",
        "coderef-outside-the-codebook",
        "coderef-to-nothing",
        "coderef-to-a-source",
        "no-coderef",
        "past-the-end",
        "past-the-end-utf-16",
        "splits-a-surrogate-pair",
        "empty",
        "negative",
        "not-a-number",
        "no-start",
        "white-space",
        "unknown-user",
        "missing-text",
        "guid-twice",
    ],
)
def test_a_malformed_project_names_the_element(
    tmp_path: Path, cli: Cli, parts: dict[str, str], where: str, message: str
) -> None:
    path = _archive(tmp_path / "bad.qdpx", qde=_qde(**parts))
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == f"error: {path}: project.qde, {where}: {message}\n"
    assert "Traceback" not in done.stderr


def test_a_text_that_is_not_utf8(tmp_path: Path, cli: Cli) -> None:
    path = _archive(tmp_path / "latin.qdpx", {"Sources/r.txt": TEXT.encode("utf-8") + b"\xe9t\xe9"})
    done = cli("show", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f'error: {path}: project.qde, line 9, column 5: <TextSource guid="{SOURCE}">: '
        f"Sources/r.txt is not UTF-8 text (byte 0xe9 at offset {len(TEXT.encode())}); "
        "expected UTF-8\n"
    )


def test_a_text_is_found_whatever_the_case_of_its_name_when_one_alone_has_it(
    tmp_path: Path, cli: Cli
) -> None:
    path = _archive(tmp_path / "case.qdpx", {"sources/R.TXT": TEXT})
    (quote,) = load(path).quotes
    assert quote.text == "It was hard at first."
    two = _archive(tmp_path / "two.qdpx", {"Sources/R.txt": TEXT, "Sources/r.TXT": TEXT})
    done = cli("show", str(two))
    assert done.returncode == 1
    assert done.stderr.endswith(
        "plainTextPath 'internal://r.txt': the archive has no Sources/r.txt\n"
    )


def test_a_text_source_with_two_texts_is_refused(tmp_path: Path, cli: Cli) -> None:
    inline = "<PlainTextContent>" + "X" * 400 + "</PlainTextContent>\n      "
    qde = _qde().replace("<PlainTextSelection", inline + "<PlainTextSelection")
    path = _archive(tmp_path / "both.qdpx", qde=qde)
    done = cli("show", str(path))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f'error: {path}: project.qde, line 9, column 5: <TextSource guid="{SOURCE}">: holds '
        "both a PlainTextContent and a plainTextPath ('internal://r.txt'), so which is its text "
        "cannot be told; expected one of them\n"
    )


def _variable(kind: str, element: str, value: str) -> str:
    """The project with one case, R, whose variable Age of type ``kind`` has ``value``."""
    variables = (
        '<Variables><Variable guid="55555555-5555-4555-8555-555555555555" name="Age" '
        f'typeOfVariable="{kind}"/></Variables>'
        '<Cases><Case guid="66666666-6666-4666-8666-666666666666" name="R"><VariableValue>'
        '<VariableRef targetGUID="55555555-5555-4555-8555-555555555555"/>'
        f"<{element}>{value}</{element}></VariableValue></Case></Cases>"
    )
    return _qde().replace("<Sources>", f"{variables}\n  <Sources>")


@pytest.mark.parametrize(
    ("kind", "element", "value"),
    [
        ("Integer", "IntegerValue", "twenty"),
        ("Integer", "IntegerValue", "2.5"),
        ("Float", "FloatValue", "NaN"),
        ("Float", "FloatValue", "-Infinity"),
        ("Boolean", "BooleanValue", "yes"),
        ("Date", "DateValue", "2016-02-30"),
        ("DateTime", "DateTimeValue", "yesterday"),
    ],
)
def test_a_variable_value_of_the_wrong_type(
    tmp_path: Path, kind: str, element: str, value: str
) -> None:
    qde = _variable(kind, element, value)
    column = qde.splitlines()[7].index(f"<{element}>") + 1
    with pytest.raises(StudyFileError) as caught:
        read_qda(_archive(tmp_path / "age.qdpx", qde=qde))
    assert str(caught.value).endswith(
        f"project.qde, line 8, column {column}: <{element}>: '{value}' is not a value of the "
        f"type {kind} of the variable 'Age'"
    )


@pytest.mark.parametrize(("element", "value"), [("TextValue", ""), ("IntegerValue", "  ")])
def test_an_empty_value_is_no_characteristic(tmp_path: Path, element: str, value: str) -> None:
    kind = element.removesuffix("Value")
    corpus = load(_archive(tmp_path / "empty.qdpx", qde=_variable(kind, element, value)))
    assert [(person.name, person.characteristics) for person in corpus.participants] == [("R", ())]


def test_a_malformed_codebook_names_its_line(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "bad.qdc"
    path.write_text(
        '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
        f'  <Code guid="{CODE}" name="A" isCodable="true" color="#12345"/>\n'
        "</Codes></CodeBook>\n",
        encoding="utf-8",
    )
    done = cli("show", "kverme2019", str(path), "--qda-study", "kverme2019")
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {path}: line 3, column 3: <Code guid=\"{CODE}\">: color '#12345' is not a "
        "colour; expected #RRGGBB or #RGB\n"
    )


def test_a_project_file_in_place_of_a_codebook(tmp_path: Path) -> None:
    path = tmp_path / "project.qdc"
    path.write_text(_qde(), encoding="utf-8")
    with pytest.raises(StudyFileError) as caught:
        read_qda(QdaProject(path, study="s"))
    assert str(caught.value) == (
        f'{path}: line 2, column 1: <Project name="Hostile">: expected the root element '
        "<CodeBook> of the namespace urn:QDA-XML:codebook:1.0"
    )


def test_a_special_file_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.qdpx"
    os.mkfifo(pipe)
    with pytest.raises(StudyFileError, match="is not a regular file"):
        read_qda(pipe)


def test_two_variables_of_one_name_are_refused(tmp_path: Path, cli: Cli) -> None:
    """Else one case's value of one would overwrite its value of the other, unsaid."""
    second = (
        '<Variable guid="55555555-5555-4555-8555-555555555556" name="Age" '
        'typeOfVariable="Text"/></Variables>'
    )
    qde = _variable("Integer", "IntegerValue", "24").replace("</Variables>", second)
    path = _archive(tmp_path / "twice.qdpx", qde=qde)
    done = cli("show", str(path))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.endswith(
        '<Variable guid="55555555-5555-4555-8555-555555555556">: has the name of the variable '
        "at line 8, column 14 too, so a case's values of the two could not be told apart; "
        "expected each variable's name once\n"
    )
