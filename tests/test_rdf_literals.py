"""A model's value as the literal the export writes, and a literal's value as the models hold it.

Whole numbers and booleans are written and read without rdflib; these tests hold them to what
rdflib writes and reads.
"""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal as RDFLiteral

from evidence_graph.namespace import XSD_INTEGER, XSD_INTEGERS
from evidence_graph.rdf.literals import from_literal, literal, to_literal
from evidence_graph.rdf.terms import Lit, quietly_typed

DATATYPES = sorted(XSD_INTEGERS)
WHOLE = st.one_of(st.integers(), st.integers(min_value=-(10**40), max_value=10**40))


@settings(max_examples=examples(300))
@given(value=WHOLE, datatype=st.one_of(st.none(), st.sampled_from(DATATYPES)))
def test_a_whole_number_is_written_as_rdflib_writes_it(value: int, datatype: str | None) -> None:
    written = to_literal(value, datatype)
    assert literal(value, datatype) == Lit(str(written), str(written.datatype))


def test_a_boolean_is_written_as_rdflib_writes_it() -> None:
    for value in (True, False):
        written = RDFLiteral(value)
        assert literal(value) == Lit(str(written), str(written.datatype))


def _as_rdflib_reads(term: Lit) -> object:
    converted = quietly_typed(term.lexical, str(term.datatype))
    return "ill-typed" if converted.ill_typed else converted.toPython()


def _read(term: Lit) -> object:
    try:
        return from_literal(term)
    except ValueError:
        return "ill-typed"


LEXICAL = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(
        ["0", "00", "007", "-0", "+1", " 1", "1 ", "1.0", "١٢", "\uff11\uff12", "", "x"]
    ),
    st.text(alphabet="0123456789-+ ", max_size=22),
)


@settings(max_examples=examples(300))
@given(lexical=LEXICAL, datatype=st.sampled_from(DATATYPES))
def test_a_whole_number_is_read_as_rdflib_reads_it(lexical: str, datatype: str) -> None:
    term = Lit(lexical, datatype)
    expected = _as_rdflib_reads(term)
    found = _read(term)
    assert (found, type(found)) == (expected, type(expected))


def test_a_canonical_integer_is_read_as_a_python_int() -> None:
    assert from_literal(Lit("123456789012345678", XSD_INTEGER)) == 123456789012345678
