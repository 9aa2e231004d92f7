"""Identifiers: slugs, DOIs, ORCID iDs, PubMed ids, ISSNs and IRIs, checked and normalised."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_graph.ids import (
    DEFAULT_BASE,
    SLUG_EXPECTED,
    check_base,
    check_iri,
    check_issn,
    check_pmcid,
    check_pmid,
    check_slug,
    code_iri,
    doi_iri,
    normalize_doi,
    normalize_orcid,
    orcid_iri,
)

DOI_EXPECTED = (
    "expected '10.' followed by 4 to 9 digits, '/' and a suffix without spaces, "
    "e.g. '10.3389/fpsyg.2019.00430'"
)
ORCID_EXPECTED = (
    "expected four groups of four digits joined by '-', the last character a digit or 'X', "
    "e.g. '0000-0002-1825-0097'"
)

# --- slugs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["a", "7", "q1", "kverme2019-paper", "a.b_c-d", "P7", "x" * 128, "A" + "-" * 126 + "Z"]
)
def test_check_slug_accepts_the_slug_alphabet(value: str) -> None:
    assert check_slug(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "q 1",  # a space
        "<q1>",  # angle brackets would end an IRI in Turtle
        "q<1",
        "a/b",
        "a#b",
        'a"b',
        "-a",
        "a-",
        ".a",
        "a\n",
        "Førde",  # ASCII only
        "x" * 129,
    ],
)
def test_check_slug_refuses_anything_else(value: str) -> None:
    with pytest.raises(ValueError, match=r"is not a valid id") as info:
        check_slug(value)
    assert str(info.value) == f"{value!r} is not a valid id: expected {SLUG_EXPECTED}"


def test_the_slug_expectation_is_spelt_out() -> None:
    assert SLUG_EXPECTED == (
        "letters, digits, '.', '_' or '-', starting and ending with a letter or digit, "
        "at most 128 characters"
    )


@given(st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?", fullmatch=True))
def test_every_valid_slug_makes_a_valid_iri(slug: str) -> None:
    iri = f"{DEFAULT_BASE}quote/kverme2019/{check_slug(slug)}"
    assert check_iri(iri) == iri


# --- DOIs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "10.3389/fpsyg.2019.00430",
        "10.3389/FPSYG.2019.00430",
        "doi:10.3389/fpsyg.2019.00430",
        "DOI:10.3389/FPSYG.2019.00430",
        "doi: 10.3389/fpsyg.2019.00430",
        "https://doi.org/10.3389/fpsyg.2019.00430",
        "HTTPS://DOI.ORG/10.3389/FPSYG.2019.00430",
        "http://doi.org/10.3389/fpsyg.2019.00430",
        "https://dx.doi.org/10.3389/fpsyg.2019.00430",
        "http://dx.doi.org/10.3389/fpsyg.2019.00430",
        "  10.3389/fpsyg.2019.00430\n",
    ],
)
def test_normalize_doi_lower_cases_and_strips_prefixes(value: str) -> None:
    assert normalize_doi(value) == "10.3389/fpsyg.2019.00430"


def test_normalize_doi_keeps_the_punctuation_of_the_suffix() -> None:
    assert normalize_doi("doi:10.1016/S0140-6736(04)16770-6") == "10.1016/s0140-6736(04)16770-6"


def test_normalize_doi_lower_cases_ascii_letters_only() -> None:
    # DOIs are case-insensitive in ASCII only; str.lower() would turn 'İ' into two characters.
    assert normalize_doi("10.1234/İSTANBUL-ß") == "10.1234/İstanbul-ß"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "10.3389",
        "10.3389/",
        "10.338/fpsyg",  # three digits
        "10.1234567890/x",  # ten digits
        "11.3389/fpsyg",
        "10.3389/fpsyg 2019",
        "10.3389/fpsyg\u00a02019",  # a non-breaking space is a space too
        "https://example.org/10.3389/fpsyg",
        "doi.org/10.3389/fpsyg.2019.00430",
    ],
)
def test_normalize_doi_refuses_what_is_not_a_doi(value: str) -> None:
    with pytest.raises(ValueError, match="is not a DOI") as info:
        normalize_doi(value)
    assert str(info.value) == f"{value!r} is not a DOI: {DOI_EXPECTED}"


def test_doi_iri_is_the_doi_org_iri_of_the_normalised_doi() -> None:
    assert doi_iri("doi:10.3389/FPSYG.2019.00430") == "https://doi.org/10.3389/fpsyg.2019.00430"
    assert doi_iri("10.1016/S0140-6736(04)16770-6") == (
        "https://doi.org/10.1016/s0140-6736(04)16770-6"
    )


def test_doi_iri_percent_encodes_what_cannot_stand_in_an_iri() -> None:
    assert doi_iri("10.1002/(SICI)1097<12:3>") == "https://doi.org/10.1002/(sici)1097%3C12:3%3E"
    assert doi_iri('10.1234/a"b{c}|d\\e^f`g#h?i%j') == (
        "https://doi.org/10.1234/a%22b%7Bc%7D%7Cd%5Ce%5Ef%60g%23h%3Fi%25j"
    )
    assert doi_iri("10.1234/Ø") == "https://doi.org/10.1234/%C3%98"


def test_doi_iri_refuses_an_invalid_doi() -> None:
    with pytest.raises(ValueError, match="'not a doi' is not a DOI"):
        doi_iri("not a doi")


_DOI_SUFFIX_ASCII = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40
)
_DOI_SUFFIX_ANY = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)).filter(lambda char: not char.isspace()),
    min_size=1,
    max_size=40,
)


def _dois(suffix: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    registrant = st.from_regex(r"[0-9]{4,9}", fullmatch=True)
    return st.builds(lambda code, rest: f"10.{code}/{rest}", registrant, suffix)


_PREFIXES = st.sampled_from(
    ["", "doi:", "DOI:", "https://doi.org/", "HTTPS://DOI.ORG/", "http://dx.doi.org/"]
)


@given(_dois(_DOI_SUFFIX_ASCII), _PREFIXES)
def test_normalize_doi_is_idempotent_and_case_insensitive(doi: str, prefix: str) -> None:
    normal = normalize_doi(prefix + doi)
    assert normalize_doi(normal) == normal
    assert normalize_doi(doi.upper()) == normal
    assert normalize_doi(doi.lower()) == normal
    assert normalize_doi(prefix.lower() + doi.swapcase()) == normal
    assert normal == doi.lower()


@given(_dois(_DOI_SUFFIX_ANY), _PREFIXES)
def test_any_valid_doi_normalises_idempotently_to_a_safe_iri(doi: str, prefix: str) -> None:
    normal = normalize_doi(prefix + doi)
    assert normalize_doi(normal) == normal
    assert len(normal) == len(doi)  # only ASCII letters change, one for one
    iri = doi_iri(normal)
    assert iri.startswith("https://doi.org/10.")
    assert check_iri(iri) == iri
    assert iri.isascii()


# --- ORCID iDs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("http://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        (" 0000-0002-1825-0097\n", "0000-0002-1825-0097"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),  # check character 'X' in either case
        ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
    ],
)
def test_normalize_orcid(value: str, expected: str) -> None:
    assert normalize_orcid(value) == expected
    assert orcid_iri(value) == f"https://orcid.org/{expected}"


@pytest.mark.parametrize(
    ("value", "check"),
    [
        ("0000-0002-1825-0098", "7"),
        ("0000-0002-1825-009X", "7"),
        ("0000-0002-1694-2330", "X"),
        ("https://orcid.org/0000-0001-5109-3701", "0"),
    ],
)
def test_normalize_orcid_refuses_a_wrong_check_digit(value: str, check: str) -> None:
    with pytest.raises(ValueError, match="is not a valid ORCID iD") as info:
        normalize_orcid(value)
    assert (
        str(info.value) == f"{value!r} is not a valid ORCID iD: its check digit should be {check}"
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0000-0002-1825-009",
        "0000000218250097",
        "0000-0002-1825-00971",
        "0000-0002-1825-009Y",
        "X000-0002-1825-0097",
        "https://example.org/0000-0002-1825-0097",
        "orcid:0000-0002-1825-0097",
        "0000 0002 1825 0097",
    ],
)
def test_normalize_orcid_refuses_a_bad_form(value: str) -> None:
    with pytest.raises(ValueError, match="is not an ORCID iD") as info:
        normalize_orcid(value)
    assert str(info.value) == f"{value!r} is not an ORCID iD: {ORCID_EXPECTED}"


@given(st.from_regex(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}", fullmatch=True))
def test_exactly_one_check_character_completes_an_orcid(stem: str) -> None:
    valid = [char for char in string.digits + "X" if _is_orcid(stem + char)]
    assert len(valid) == 1
    assert normalize_orcid(f"https://orcid.org/{stem}{valid[0].lower()}") == stem + valid[0]


def _is_orcid(value: str) -> bool:
    try:
        normalize_orcid(value)
    except ValueError:
        return False
    return True


# --- PubMed, PubMed Central, ISSN --------------------------------------------------------------


def test_check_pmid() -> None:
    assert check_pmid("30873097") == "30873097"
    assert check_pmid("1") == "1"
    for value in ("", "030873097", "PMID30873097", "3087 3097", "12345678901"):
        with pytest.raises(ValueError, match="is not a PubMed id") as info:
            check_pmid(value)
        assert str(info.value) == f"{value!r} is not a PubMed id: expected digits, e.g. '30873097'"


def test_check_pmcid() -> None:
    assert check_pmcid("PMC6403141") == "PMC6403141"
    for value in ("", "6403141", "pmc6403141", "PMC", "PMC06403141", "PMC 6403141"):
        with pytest.raises(ValueError, match="is not a PubMed Central id") as info:
            check_pmcid(value)
        assert str(info.value) == (
            f"{value!r} is not a PubMed Central id: expected 'PMC' and digits, e.g. 'PMC6403141'"
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1664-1078", "1664-1078"),  # Frontiers in Psychology
        ("0317-8471", "0317-8471"),
        ("2434-561X", "2434-561X"),
        ("2434-561x", "2434-561X"),
        (" 1664-1078 ", "1664-1078"),
    ],
)
def test_check_issn_accepts_and_normalises(value: str, expected: str) -> None:
    assert check_issn(value) == expected


@pytest.mark.parametrize(
    "value", ["", "16641078", "1664-107", "1664_1078", "X664-1078", "ISSN 1664-1078"]
)
def test_check_issn_refuses_a_bad_form(value: str) -> None:
    with pytest.raises(ValueError, match="is not an ISSN") as info:
        check_issn(value)
    assert str(info.value) == f"{value!r} is not an ISSN: expected 'NNNN-NNNC', e.g. '1664-1078'"


@pytest.mark.parametrize(("value", "check"), [("1664-1079", "8"), ("2434-5610", "X")])
def test_check_issn_refuses_a_wrong_check_digit(value: str, check: str) -> None:
    with pytest.raises(ValueError, match="is not a valid ISSN") as info:
        check_issn(value)
    assert str(info.value) == f"{value!r} is not a valid ISSN: its check digit should be {check}"


# --- IRIs --------------------------------------------------------------------------------------

IRI_EXPECTED = (
    "expected a scheme such as 'https:' and no spaces, quotation marks, angle brackets, braces, "
    "'|', '\\', '^' or '`'"
)


@pytest.mark.parametrize(
    "value",
    [
        "http://id.nlm.nih.gov/mesh/D001883",
        "https://w3id.org/evidence-graph/data/",
        "urn:isbn:9780306406157",
        "http://www.wikidata.org/entity/Q208166",
        "https://example.org/caf%C3%A9?x=1#y",
        "https://example.org/Førde",  # an IRI, not only a URI, may hold non-ASCII letters
    ],
)
def test_check_iri_accepts_absolute_iris(value: str) -> None:
    assert check_iri(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not an iri",
        "mesh/D001883",
        "1http://example.org/",
        "http://example.org/a b",
        "http://example.org/<a>",
        'http://example.org/"a"',
        "http://example.org/{a}",
        "http://example.org/a|b",
        "http://example.org/a\\b",
        "http://example.org/a^b",
        "http://example.org/a`b",
        "http://example.org/a\nb",
        "http:",
    ],
)
def test_check_iri_refuses_what_would_break_turtle(value: str) -> None:
    with pytest.raises(ValueError, match="is not an absolute IRI") as info:
        check_iri(value)
    assert str(info.value) == f"{value!r} is not an absolute IRI: {IRI_EXPECTED}"


def test_check_base() -> None:
    assert check_base(DEFAULT_BASE) == DEFAULT_BASE
    assert check_base("http://example.org/evidence#") == "http://example.org/evidence#"
    for value in ("https://example.org/evidence", "urn:example:", "ftp://example.org/"):
        with pytest.raises(ValueError, match="is not a usable base") as info:
            check_base(value)
        assert str(info.value) == (
            f"{value!r} is not a usable base: expected an http(s) IRI ending in '/' or '#'"
        )
    with pytest.raises(ValueError, match=re.escape("'https://ex ample.org/' is not an absolute")):
        check_base("https://ex ample.org/")


# --- the minted IRIs of codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "code", "tail"),
    [
        ("icd-10-cm", "F60.3", "code/icd-10-cm/F60.3"),
        ("mondo", "MONDO:0001156", "code/mondo/MONDO%3A0001156"),
        ("snomed-ct", "SCTID:F1_2-x", "code/snomed-ct/SCTID%3AF1_2-x"),
        ("x", "a/b c%", "code/x/a%2Fb%20c%25"),  # no code has these, but none escapes
    ],
)
def test_code_iri_percent_encodes_what_is_no_slug_character(
    scheme: str, code: str, tail: str
) -> None:
    assert code_iri(DEFAULT_BASE, scheme, code) == DEFAULT_BASE + tail
    assert code_iri("https://example.org/e#", scheme, code) == "https://example.org/e#" + tail


@given(
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,63}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}", fullmatch=True),
)
def test_every_valid_scheme_and_code_make_a_valid_iri_that_tells_them(
    scheme: str, code: str
) -> None:
    iri = code_iri(DEFAULT_BASE, scheme, code)
    assert check_iri(iri) == iri
    assert ":" not in iri.removeprefix("https:")
    assert iri == f"{DEFAULT_BASE}code/{scheme}/{code.replace(':', '%3A')}"
