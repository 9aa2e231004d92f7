"""Hostile RDF: input made to exhaust, leak or crash, and values no export format can hold.

The catalogue, each case a test below:

XML entities (an RDF/XML file, or a store's RDF/XML answer, refused before it is parsed):
- ten nested internal entities, 10^9 expansions of a word (the "billion laughs" bomb);
- one internal entity, harmless in size, refused all the same;
- an external entity (SYSTEM) and a parameter entity, neither fetched nor expanded;
- a store answering a CONSTRUCT with the bomb as RDF/XML;
- a DOCTYPE naming an external DTD but declaring nothing, read as before, the DTD not fetched;
- an entity declared inside a comment or a processing instruction of the DTD (pyoxigraph
  would expand it, an XML parser would not see it).

Deep or broken RDF/XML (refused at its line and column):
- 100,000 nested nodes, which took pyoxigraph minutes (its time grows with the square of the
  depth); nesting of 1,000 elements is read, of 1,002 refused;
- XML that is not well-formed.

Deep Turtle: blank nodes nested 2,000 deep are read, and written as N-Triples, and as JSON-LD,
each a node object of its own.

Relative IRIs in a file that sets no base (each would become a ``file:`` IRI of this computer):
- Turtle, TriG, N-Triples and N-Quads: refused at their line and column, the IRI shown;
- a relative prefix, a relative datatype;
- RDF/XML (``rdf:about``, ``rdf:ID``) and JSON-LD (``@id``, ``@type``, ``@vocab``): refused
  naming the triple, as their parsers give no line;
- the same files with a base: read, the IRIs resolved against it;
- a relative IRI of 100,000 characters, and a syntax error at such a token: the message cuts it.

Bad values in RDF input (each an error naming the node and the triple, never a traceback):
- ``"two-thousand"^^xsd:gYear``, a year of 5,000 digits;
- ``rdf:_x``, ``rdf:_0``, ``rdf:_01`` and ``rdf:_`` followed by 5,000 digits in a byline;
- ``oa:start "abc"``, an offset of 5,000 digits;
- an ill-typed ``xsd:integer``, ``xsd:boolean``, ``xsd:date`` and ``xsd:decimal``: the error
  only, without the traceback rdflib logs for an ill-typed literal;
- an ill-typed literal of a predicate we do not read: kept, quietly; written by expanded JSON-LD
  as its text and datatype; given by ``sparql`` as its text.

Control characters in the export:
- U+0000 and other C0 controls in a quote, with ``--format xml``: an error naming the entity
  and the field (XML 1.0 cannot hold them, not even escaped);
- the same in a triple kept from an RDF source, an unknown predicate, a blank node: errors;
- Turtle, N-Triples, TriG and JSON-LD write every control character escaped, and read back
  the same text.
"""

from __future__ import annotations

import http.server
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import Cli, WriteStudy, guarded, serving

from evidence_graph.datasets import dataset_path
from evidence_graph.rdf import FORMATS

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
HEAD = f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:dcterms="http://purl.org/dc/terms/"'
ENTITY_REFUSED = (
    "which is not read: an entity may expand beyond any memory or name a file to fetch; "
    "expected a document without entity declarations"
)
ABSOLUTE = "expected absolute IRIs, such as <https://example.org/a>"


def _rdf_xml(doctype: str, title: str, about: str = "https://example.org/a") -> bytes:
    """An RDF/XML document of one triple, its title ``title``, after ``doctype``."""
    return (
        f'<?xml version="1.0"?>\n{doctype}\n{HEAD}>\n'
        f'  <rdf:Description rdf:about="{about}"><dcterms:title>{title}</dcterms:title>'
        "</rdf:Description>\n</rdf:RDF>\n"
    ).encode()


def _bomb(levels: int = 10) -> str:
    """A DOCTYPE of ``levels`` entities, each the one before ten times: 10^(levels-1) words."""
    entities = ['  <!ENTITY a0 "lol">']
    entities += [f'  <!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, levels)]
    return "<!DOCTYPE rdf:RDF [\n" + "\n".join(entities) + "\n]>"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A port on this computer that nothing should connect to: a fetch would show there."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


def _untouched(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


# -- XML entities ------------------------------------------------------------------------------


def test_an_entity_bomb_in_rdf_xml_is_refused_before_it_is_parsed(write_study: WriteStudy) -> None:
    path = write_study(_rdf_xml(_bomb(), "&a9;"), "bomb.rdf")
    assert len(path.read_bytes()) < 1000
    run = guarded("export", str(path))
    assert run.status == 1, run.output
    assert run.stderr == (
        f"error: {path}: line 3: declares the XML entity 'a0' (<!ENTITY a0 ...>), "
        f"{ENTITY_REFUSED}\n"
    )
    assert run.stdout == ""


def test_one_small_entity_is_refused_all_the_same(cli: Cli, write_study: WriteStudy) -> None:
    doctype = '<!DOCTYPE rdf:RDF [<!ENTITY title "Moving Toward Connectedness">]>'
    path = write_study(_rdf_xml(doctype, "&title;"), "small.rdf")
    result = cli("export", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {path}: line 2: declares the XML entity 'title' (<!ENTITY title ...>), "
        f"{ENTITY_REFUSED}\n"
    )


@pytest.mark.parametrize(
    ("declaration", "shown"),
    [
        ('<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">', "'x' (<!ENTITY x ...>)"),
        ('<!ENTITY x SYSTEM "file:///etc/hostname">', "'x' (<!ENTITY x ...>)"),
        ('<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;', "'p' (<!ENTITY % p ...>)"),
        ("<!ENTITY % p \"<!ENTITY x 'lol'>\"> %p;", "'p' (<!ENTITY % p ...>)"),
    ],
    ids=["external-http", "external-file", "external-parameter", "parameter"],
)
def test_external_and_parameter_entities_are_neither_fetched_nor_expanded(
    cli: Cli, write_study: WriteStudy, listener: socket.socket, declaration: str, shown: str
) -> None:
    port = listener.getsockname()[1]
    doctype = f"<!DOCTYPE rdf:RDF [\n{declaration.format(port=port)}\n]>"
    path = write_study(_rdf_xml(doctype, "&x;"), "external.rdf")
    result = cli("export", str(path))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: {path}: line 3: declares the XML entity {shown}, {ENTITY_REFUSED}\n"
    )
    assert _untouched(listener)


def test_a_doctype_naming_an_external_dtd_is_read_and_the_dtd_not_fetched(
    cli: Cli, write_study: WriteStudy, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    doctype = f'<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:{port}/rdf.dtd">'
    path = write_study(_rdf_xml(doctype, "Plain"), "dtd.rdf")
    result = cli("export", str(path), "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == '<https://example.org/a> <http://purl.org/dc/terms/title> "Plain" .\n'
    assert _untouched(listener)


def test_a_doctype_declaring_no_entity_is_read(cli: Cli, write_study: WriteStudy) -> None:
    doctype = "<!DOCTYPE rdf:RDF [\n<!-- no entities here -->\n]>"
    path = write_study(_rdf_xml(doctype, "Plain"), "d.rdf")
    result = cli("export", str(path), "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == '<https://example.org/a> <http://purl.org/dc/terms/title> "Plain" .\n'


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rdf:RDF [\n<!-- <!ENTITY a0 "lol"> -->\n]>',
        '<!DOCTYPE rdf:RDF [\n<?hidden <!ENTITY a0 "lol"> ?>\n]>',
    ],
    ids=["in-a-comment", "in-a-processing-instruction"],
)
def test_an_entity_declared_where_xml_would_not_look_is_refused(
    write_study: WriteStudy, doctype: str
) -> None:
    """pyoxigraph finds a declaration by its text, even in a comment: an XML parser would not."""
    path = write_study(_rdf_xml(doctype, "&a0;"), "hidden.rdf")
    run = guarded("export", str(path))
    assert run.status == 1, run.output
    assert run.stderr == (
        f"error: {path}: line 3: declares the XML entity 'a0' (<!ENTITY a0 ...>), "
        f"{ENTITY_REFUSED}\n"
    )


def _nested(nodes: int) -> bytes:
    """RDF/XML of a chain of ``nodes`` blank nodes, each the value of the one before (2n+2 deep)."""
    return (
        f'{HEAD} xmlns:ex="https://example.org/">\n'
        '<rdf:Description rdf:about="https://example.org/a">'
        + "<ex:p><rdf:Description>" * nodes
        + "</rdf:Description></ex:p>" * nodes
        + "</rdf:Description></rdf:RDF>\n"
    ).encode()


def test_rdf_xml_nested_100000_deep_is_refused(write_study: WriteStudy) -> None:
    path = write_study(_nested(100_000), "deep.rdf")
    run = guarded("export", str(path))
    assert run.status == 1, run.output
    assert run.stderr == (
        f"error: {path}: line 2, column 11529: nests elements more than 1000 deep: expected "
        "RDF/XML nested at most 1000 elements deep (its parser takes time with the square of "
        "the depth)\n"
    )


def test_rdf_xml_nested_1000_deep_is_read(cli: Cli, write_study: WriteStudy) -> None:
    path = write_study(_nested(499), "deep.rdf")
    result = cli("export", str(path), "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 499
    path = write_study(_nested(500), "deeper.rdf")
    result = cli("export", str(path), "--format", "nt")
    assert result.returncode == 1
    assert "nests elements more than 1000 deep" in result.stderr


def test_rdf_xml_that_is_not_well_formed_is_refused(cli: Cli, write_study: WriteStudy) -> None:
    path = write_study(f"{HEAD}>\n<rdf:Description>\n</rdf:RDF>\n".encode(), "broken.rdf")
    result = cli("export", str(path))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: {path}: line 3, column 3: is not well-formed XML: mismatched tag\n"
    )


@pytest.fixture
def bomb_store() -> Iterator[str]:
    """A query endpoint that answers every query with the entity bomb, as RDF/XML."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = _rdf_xml(_bomb(), "&a9;")
            self.send_response(200)
            self.send_header("Content-Type", "application/rdf+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
            return

    with serving(Handler) as url:
        yield f"{url}/query"


def test_a_store_answering_with_an_entity_bomb_is_refused(bomb_store: str, tmp_path: Path) -> None:
    query = tmp_path / "all.rq"
    query.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }\n", encoding="utf-8")
    # One graph named, so that the query is the one request (no listing of the store's graphs).
    graph = ("--graph", "http://example.org/g")
    run = guarded("sparql", str(query), "--endpoint", bomb_store, *graph, "--retries", "0")
    assert run.status == 3, run.output
    assert run.stderr == (
        "asking the named graph <http://example.org/g>\n"
        f"error: {bomb_store}: answered application/rdf+xml that is not read: line 3: declares "
        f"the XML entity 'a0' (<!ENTITY a0 ...>), {ENTITY_REFUSED}\n"
    )


# -- relative IRIs -----------------------------------------------------------------------------

TITLE = "<http://purl.org/dc/terms/title>"


@pytest.mark.parametrize(
    ("name", "text", "place", "iri", "base"),
    [
        (
            "a.ttl",
            f'<https://example.org/a> {TITLE} "t" .\n<b> {TITLE} "t" .\n',
            "2, column 1",
            "<b>",
            "; or a @base to resolve them against",
        ),
        (
            "p.ttl",
            '@prefix ex: <vocab/> .\nex:a <https://example.org/b> "t" .\n',
            "1, column 13",
            "<vocab/>",
            "; or a @base to resolve them against",
        ),
        (
            "d.ttl",
            f'<https://example.org/a> {TITLE} "t"^^<year> .\n',
            "1, column 63",
            "<year>",
            "; or a @base to resolve them against",
        ),
        (
            "g.trig",
            f'<graph> {{ <https://example.org/a> {TITLE} "t" }}\n',
            "1, column 1",
            "<graph>",
            "; or a @base to resolve them against",
        ),
        (
            "a.nt",
            f"<https://example.org/a> {TITLE} <../../etc/passwd> .\n",
            "1, column 58",
            "<../../etc/passwd>",
            "",
        ),
        ("a.nq", f'<https://example.org/a> {TITLE} "t" <#g> .\n', "1, column 62", "<#g>", ""),
    ],
    ids=["turtle", "prefix", "datatype", "trig-graph", "n-triples", "n-quads"],
)
def test_a_relative_iri_without_a_base_is_refused_at_its_line(
    cli: Cli, write_study: WriteStudy, *, name: str, text: str, place: str, iri: str, base: str
) -> None:
    path = write_study(text, name)
    result = cli("export", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {path}: line {place}: the relative IRI {iri}, in a file that sets no base: "
        f"{ABSOLUTE}{base}\n"
    )
    assert "file:" not in result.stdout


JSON_LD_BASE = '; or an "@base" in the "@context" to resolve them against'
XML_BASE = "; or an xml:base to resolve them against"


@pytest.mark.parametrize(
    ("name", "content", "triple", "iri", "base"),
    [
        (
            "about.rdf",
            _rdf_xml("", "t", about="notes/a"),
            '<notes/a> dcterms:title "t"',
            "notes/a",
            XML_BASE,
        ),
        (
            "id.rdf",
            _rdf_xml("", "t").replace(b'rdf:about="https://example.org/a"', b'rdf:ID="a"'),
            '<#a> dcterms:title "t"',
            "#a",
            XML_BASE,
        ),
        (
            "id.jsonld",
            {"@id": "a", "http://purl.org/dc/terms/title": "t"},
            '<a> dcterms:title "t"',
            "a",
            JSON_LD_BASE,
        ),
        (
            "type.jsonld",
            {
                "@id": "https://example.org/a",
                "http://purl.org/dc/terms/title": {"@value": "t", "@type": "year"},
            },
            '<https://example.org/a> dcterms:title "t"^^<year>',
            "year",
            JSON_LD_BASE,
        ),
        (
            "vocab.jsonld",
            {"@context": {"@vocab": "terms/"}, "@id": "https://example.org/a", "title": "t"},
            '<https://example.org/a> <terms/title> "t"',
            "terms/title",
            JSON_LD_BASE,
        ),
    ],
    ids=["rdf-about", "rdf-id", "json-ld-id", "json-ld-datatype", "json-ld-vocab"],
)
def test_a_relative_iri_without_a_base_is_refused_naming_its_triple(
    cli: Cli,
    write_study: WriteStudy,
    *,
    name: str,
    content: bytes | dict[str, object],
    triple: str,
    iri: str,
    base: str,
) -> None:
    """RDF/XML and JSON-LD parsers give no line (and JSON-LD would drop the triple unsaid)."""
    path = write_study(json.dumps(content) if isinstance(content, dict) else content, name)
    result = cli("export", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {path}: the triple {triple} names the relative IRI <{iri}>, in a file that "
        f"sets no base: {ABSOLUTE}{base}\n"
    )
    assert "file:" not in result.stdout


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.ttl", f'@base <https://example.org/> .\n<a> {TITLE} "t" .\n'),
        (
            "a.rdf",
            _rdf_xml("", "t", about="a").replace(
                b"<rdf:RDF ", b'<rdf:RDF xml:base="https://example.org/" '
            ),
        ),
        (
            "a.jsonld",
            {
                "@context": {"@base": "https://example.org/"},
                "@id": "a",
                "http://purl.org/dc/terms/title": "t",
            },
        ),
    ],
    ids=["turtle", "rdf-xml", "json-ld"],
)
def test_relative_iris_with_a_base_are_resolved_against_it(
    cli: Cli, write_study: WriteStudy, name: str, content: bytes | str | dict[str, object]
) -> None:
    path = write_study(json.dumps(content) if isinstance(content, dict) else content, name)
    result = cli("export", str(path), "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f'<https://example.org/a> {TITLE} "t" .\n'


# -- bad values --------------------------------------------------------------------------------

DATA = "https://w3id.org/evidence-graph/data"
PAPER_AUTHORS = f"{DATA}/authors/kverme2019-paper"
NATVIK = f"{DATA}/person/eli-natvik"
LITTLE_STEPS = f"{DATA}/quote/kverme2019/little-steps"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PLACE = (
    "is not a place in a list: expected rdf:_1, rdf:_2, … (a whole number from 1, of up to 18 "
    "digits, without leading zeros)"
)
OFFSET = 'is not an offset: expected a whole number of characters from 0, such as "12"'


@pytest.fixture(scope="module")
def kverme_turtle() -> str:
    """The built-in study, exported as Turtle: the file each bad value is written into."""
    run = guarded("export", "kverme2019")
    assert run.status == 0, run.stderr
    return run.stdout


def _position(start: str, end: str = "10") -> str:
    """Triples giving the quote "little-steps" a position selector, as the export writes one."""
    return (
        f"<{LITTLE_STEPS}/target> <{OA}hasSelector> <{LITTLE_STEPS}/position> .\n"
        f"<{LITTLE_STEPS}/position> a <{OA}TextPositionSelector> ; <{OA}start> {start} ; "
        f"<{OA}end> {end} .\n"
    )


YEAR = 'fabio:hasPublicationYear "2007"^^xsd:gYear'
LENZENWEGER = "<https://doi.org/10.1016/j.biopsych.2006.09.019>: its fabio:hasPublicationYear"
NOT_A_YEAR = 'is not a valid xsd:gYear: expected a year, such as "2019"'
SAMPLE = f"<{DATA}/sample/kverme2019/kverme2019-participants>: its eg:sampleSize"
WHOLE = 'expected a whole number in the range of {}, such as "12"'
CRITERION = f"{DATA}/criterion/kverme2019"

BAD_VALUES: dict[str, tuple[tuple[str, str], str]] = {
    "year-in-words": (
        (YEAR, 'fabio:hasPublicationYear "two-thousand"^^xsd:gYear'),
        f'{LENZENWEGER} "two-thousand"^^xsd:gYear {NOT_A_YEAR}',
    ),
    "year-of-5000-digits": (
        (YEAR, f'fabio:hasPublicationYear "{"9" * 5000}"^^xsd:gYear'),
        f'{LENZENWEGER} "{"9" * 40}…"^^xsd:gYear {NOT_A_YEAR}',
    ),
    "rdf-_x": (
        (f"rdf:_2 <{NATVIK}>", f"rdf:_x <{NATVIK}>"),
        f"<{PAPER_AUTHORS}>: its rdf:_x <{NATVIK}> {PLACE}",
    ),
    "rdf-_0": (
        (f"rdf:_2 <{NATVIK}>", f"rdf:_0 <{NATVIK}>"),
        f"<{PAPER_AUTHORS}>: its rdf:_0 <{NATVIK}> {PLACE}",
    ),
    "rdf-_02": (
        (f"rdf:_2 <{NATVIK}>", f"rdf:_02 <{NATVIK}>"),
        f"<{PAPER_AUTHORS}>: its rdf:_02 <{NATVIK}> {PLACE}",
    ),
    "rdf-_5000-digits": (
        (f"rdf:_2 <{NATVIK}>", f"<{RDF_NS}_{'9' * 5000}> <{NATVIK}>"),
        f"<{PAPER_AUTHORS}>: its rdf:_{'9' * 35}… <{NATVIK}> {PLACE}",
    ),
    "offset-in-letters": (
        ("", _position('"abc"')),
        f'<{LITTLE_STEPS}/position>: its oa:start "abc" {OFFSET}',
    ),
    "offset-of-5000-digits": (
        ("", _position("10", "9" * 5000)),
        f'<{LITTLE_STEPS}/position>: its oa:end "{"9" * 40}…"^^xsd:integer {OFFSET}',
    ),
    "negative-offset": (
        ("", _position("-1")),
        f'<{LITTLE_STEPS}/position>: its oa:start "-1"^^xsd:integer {OFFSET}',
    ),
    "ill-typed-integer": (
        ("eg:sampleSize 12", 'eg:sampleSize "twelve"^^xsd:integer'),
        f'{SAMPLE} "twelve"^^xsd:integer is not a valid xsd:integer: '
        + WHOLE.format("xsd:integer"),
    ),
    "integer-out-of-range": (
        ("eg:sampleSize 12", 'eg:sampleSize "-12"^^xsd:nonNegativeInteger'),
        f'{SAMPLE} "-12"^^xsd:nonNegativeInteger is not a valid xsd:nonNegativeInteger: '
        + WHOLE.format("xsd:nonNegativeInteger"),
    ),
    "ill-typed-boolean": (
        ("eg:requiredValue true", 'eg:requiredValue "yes"^^xsd:boolean'),
        (
            f'<{CRITERION}/in-treatment/constraint>: its eg:requiredValue "yes"^^xsd:boolean is '
            'not a valid xsd:boolean: expected "true" or "false"'
        ),
    ),
    "ill-typed-decimal": (
        ("eg:maximum 18", 'eg:maximum "eighteen"^^xsd:decimal'),
        (
            f"<{CRITERION}/diagnosed-6-to-18-months-before/constraint>: its eg:maximum "
            '"eighteen"^^xsd:decimal is not a valid xsd:decimal: expected a decimal number, '
            'such as "2.5"'
        ),
    ),
    "ill-typed-date": (
        ('dcterms:issued "2019-02-28"^^xsd:date', 'dcterms:issued "2019-02-30"^^xsd:date'),
        (
            '<https://doi.org/10.3389/fpsyg.2019.00430>: its dcterms:issued "2019-02-30"^^xsd:date '
            'is not a valid xsd:date: expected a date, such as "2019-02-28"'
        ),
    ),
}


@pytest.mark.parametrize("case", BAD_VALUES, ids=list(BAD_VALUES))
def test_a_bad_value_in_rdf_is_an_error_naming_its_node_and_triple(
    write_study: WriteStudy, kverme_turtle: str, case: str
) -> None:
    """Run in a child process: the error is all it prints, with no traceback logged before it."""
    (old, new), problem = BAD_VALUES[case]
    if old:
        assert old in kverme_turtle
        text = kverme_turtle.replace(old, new, 1)
    else:
        text = kverme_turtle + new
    path = write_study(text, "bad.ttl")
    run = guarded("export", str(path))
    assert run.status == 1, run.output
    assert run.stderr == f"error: {path}: {problem}\n"
    assert run.stdout == ""


def test_an_ill_typed_literal_no_field_reads_is_kept_quietly(
    write_study: WriteStudy, kverme_turtle: str
) -> None:
    """Another tool's triples are kept as they are, and rdflib's logged traceback not printed."""
    extra = (
        '<https://example.org/a> <https://example.org/count> "twelve"^^xsd:integer , '
        '"yes"^^xsd:boolean .\n'
    )
    path = write_study(kverme_turtle + extra, "extra.ttl")
    run = guarded("export", str(path), "--format", "nt")
    assert run.status == 0, run.output
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert (
        f'<https://example.org/a> <https://example.org/count> "twelve"^^<{XSD}integer> .' in lines
    )
    assert f'<https://example.org/a> <https://example.org/count> "yes"^^<{XSD}boolean> .' in lines


def test_an_ill_typed_literal_is_carried_as_written_in_json_ld(
    write_study: WriteStudy, kverme_turtle: str, tmp_path: Path
) -> None:
    """Expanded JSON-LD writes every literal as its text and datatype: "yes" stays "yes"."""
    extra = '<https://example.org/a> <https://example.org/flag> "yes"^^xsd:boolean .\n'
    path = write_study(kverme_turtle + extra, "extra.ttl")
    out = tmp_path / "out.jsonld"
    run = guarded("export", str(path), "--format", "jsonld", "-o", str(out))
    assert run.status == 0, run.output
    again = guarded("export", str(out), "--format", "nt")
    assert again.status == 0, again.output
    line = f'<https://example.org/a> <https://example.org/flag> "yes"^^<{XSD}boolean> .'
    assert line in again.stdout.splitlines()


def test_sparql_gives_an_ill_typed_literal_as_its_text(
    write_study: WriteStudy, kverme_turtle: str, tmp_path: Path
) -> None:
    extra = '<https://example.org/a> <https://example.org/count> "twelve"^^xsd:integer .\n'
    path = write_study(kverme_turtle + extra, "extra.ttl")
    query = tmp_path / "count.rq"
    query.write_text("SELECT ?n WHERE { ?s <https://example.org/count> ?n }\n", encoding="utf-8")
    run = guarded("sparql", str(query), str(path), "--format", "json-rows")
    assert run.status == 0, run.output
    assert json.loads(run.stdout) == [{"n": "twelve"}]
    assert run.stderr == ""
    run = guarded("sparql", str(query), str(path), "--format", "json")
    assert run.status == 0, run.output
    assert json.loads(run.stdout)["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "twelve", "datatype": f"{XSD}integer"}}
    ]


# -- control characters in the export ----------------------------------------------------------

CONTROLS = "".join(chr(code) for code in range(0x20)) + "\x7f\ufffe\uffff"
"""Every C0 control character, DEL and the two non-characters XML has no place for."""
XML_REFUSED = (
    "cannot stand in XML 1.0, not even escaped, so RDF/XML cannot hold it; expected text "
    "without control characters other than tab and newline, or another format, such as turtle"
)


def _with_quote_text(text: str) -> str:
    """The built-in study's file, the quote "she-believes" beginning with ``text``."""
    study = dataset_path("kverme2019").read_text(encoding="utf-8")
    escaped = "".join(
        f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) > 0x7E else char for char in text
    )
    old = 'text: "I don’t believe in myself'
    assert old in study
    return study.replace(old, f'text: "{escaped}I don’t believe in myself', 1)


@pytest.mark.parametrize(
    "character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"]
)
def test_a_character_xml_cannot_hold_is_refused_in_rdf_xml_naming_entity_and_field(
    cli: Cli, write_study: WriteStudy, character: str
) -> None:
    path = write_study(_with_quote_text(character), "study.yaml")
    result = cli("export", str(path), "--format", "xml")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: quote 'she-believes': text: the character U+{ord(character):04X} {XML_REFUSED}\n"
    )
    assert result.stdout == ""


def test_tab_newline_and_carriage_return_are_written_in_rdf_xml(
    cli: Cli, write_study: WriteStudy, tmp_path: Path
) -> None:
    path = write_study(_with_quote_text("\t\n\r"), "study.yaml")
    out = tmp_path / "out.rdf"
    assert cli("export", str(path), "--format", "xml", "-o", str(out)).returncode == 0
    again = cli("export", str(out), "--format", "nt")
    assert again.returncode == 0, again.stderr
    assert '"\\t\\n\\rI don’t believe in myself' in again.stdout


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            '<https://example.org/a> dcterms:title "bell \\u0007" .',
            (
                "error: <https://example.org/a> dcterms:title: the character U+0007 cannot stand "
                "in XML 1.0; expected text without control characters other than tab and newline"
            ),
        ),
        (
            '<https://example.org/a> <https://example.org/p> "x" .',
            (
                "error: the predicate <https://example.org/p> cannot be written in RDF/XML: "
                "expected it in a namespace of bibo, cito, dcat, dcterms, eg, fabio, foaf, oa, "
                "obo, owl, prism, prov, rdf, rdfs, semapv, skos, sssom, xsd followed by an XML name"
            ),
        ),
    ],
    ids=["control-character", "unknown-predicate"],
)
def test_a_kept_triple_rdf_xml_cannot_hold_is_an_error(
    write_study: WriteStudy, kverme_turtle: str, extra: str, problem: str
) -> None:
    path = write_study(f"{kverme_turtle}{extra}\n", "extra.ttl")
    run = guarded("export", str(path), "--format", "xml")
    assert run.status == 1, run.output
    assert run.stderr == f"{problem}\n"


def test_a_kept_blank_node_is_an_error_in_rdf_xml(
    write_study: WriteStudy, kverme_turtle: str
) -> None:
    path = write_study(
        f'{kverme_turtle}<https://example.org/a> dcterms:relation [ dcterms:title "x" ] .\n',
        "blank.ttl",
    )
    run = guarded("export", str(path), "--format", "xml")
    assert run.status == 1, run.output
    assert run.stderr.startswith("error: cannot write the blank node b")
    assert run.stderr.endswith(" in RDF/XML: expected IRIs\n")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "jsonld"])
def test_control_characters_are_written_escaped_and_read_back_the_same(
    cli: Cli, write_study: WriteStudy, tmp_path: Path, fmt: str
) -> None:
    """No control character reaches the file as it is (a terminal would obey it); none is lost."""
    path = write_study(_with_quote_text(CONTROLS), "study.yaml")
    expected = cli("export", str(path), "--format", "nt")
    assert expected.returncode == 0, expected.stderr
    out = tmp_path / f"out{FORMATS[fmt]}"
    assert cli("export", str(path), "--format", fmt, "-o", str(out)).returncode == 0
    written = out.read_text(encoding="utf-8")
    assert not [char for char in written if char in CONTROLS and char != "\n"]
    again = cli("export", str(out), "--format", "nt")
    assert again.returncode == 0, again.stderr
    assert again.stdout == expected.stdout
    assert (
        "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r"
        in expected.stdout
    )
    assert "\\u001F\\u007F\\uFFFE\\uFFFF" in expected.stdout


def test_blank_nodes_nested_deep_are_written_flat_in_json_ld(tmp_path: Path, cli: Cli) -> None:
    """Each blank node is a node object of its own in the graph, not nested in the one naming it."""
    levels = 2_000
    deep = tmp_path / "deep.ttl"
    nested = "[ ex:q " * levels + "1" + " ]" * levels
    deep.write_text(f"@prefix ex: <http://example.org/> .\nex:a ex:p {nested} .\n", "utf-8")
    out = tmp_path / "deep.jsonld"
    done = cli("export", str(deep), "--format", "jsonld", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert len(graph) == levels + 1
    triples = ox.parse(out.read_bytes(), format=ox.RdfFormat.JSON_LD)
    assert len(list(triples)) == levels + 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("long.nt", f'<{"Z" * 100_000}> <http://purl.org/dc/terms/title> "x" .\n'),
        ("long.jsonld", f'{{"@id": "{"Z" * 100_000}", "http://purl.org/dc/terms/title": "x"}}'),
        ("long.ttl", f'<http://a.org/a> <http://purl.org/dc/terms/title> "x" {"Q" * 100_000}\n'),
    ],
    ids=["relative IRI", "relative IRI of a triple", "syntax error"],
)
def test_a_long_iri_or_token_is_cut_in_the_error(
    cli: Cli, write_study: WriteStudy, name: str, text: str
) -> None:
    done = cli("show", str(write_study(text, name)))
    assert done.returncode == 1
    assert "more characters)" in done.stderr
    assert len(done.stderr) < 1_000, done.stderr[:2_000]
