"""Identifiers: validation and normalisation of slugs, DOIs, ORCID iDs and other ids, and IRIs.

Every IRI evidence_graph writes is built here, from a value that one of these functions has
checked, so nothing a user types can break an IRI or a Turtle file.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import quote

from evidence_graph.display import quoted

__all__ = [
    "DEFAULT_BASE",
    "DOI_PREFIX",
    "ORCID_PREFIX",
    "REFERENCE_EXPECTED",
    "check_base",
    "check_iri",
    "check_issn",
    "check_local_id",
    "check_pmcid",
    "check_pmid",
    "check_reference",
    "check_slug",
    "code_iri",
    "doi_iri",
    "normalize_doi",
    "normalize_orcid",
    "orcid_iri",
    "reference_key",
    "scoped_id",
    "slugify",
]

DEFAULT_BASE = "https://w3id.org/evidence-graph/data/"
"""The default base of the IRIs minted for entities that have no public identifier."""

DOI_PREFIX = "https://doi.org/"
ORCID_PREFIX = "https://orcid.org/"

_SLUG = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?")
SLUG_EXPECTED = (
    "letters, digits, '.', '_' or '-', starting and ending with a letter or digit, "
    "at most 128 characters"
)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_PMID = re.compile(r"[1-9]\d{0,9}")
_PMCID = re.compile(r"PMC[1-9]\d{0,9}")
_ISSN = re.compile(r"\d{4}-\d{3}[\dX]")
# What may not stand in an IRI reference (RFC 3987), nor unescaped in a Turtle IRI.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`]+")
# Characters a DOI may hold that must be percent-encoded in its IRI.
_DOI_SAFE = "/:;()[]@!$&'*+,=._~-"
# Characters (beside letters and digits) that stand unencoded in the minted IRI of a code.
_CODE_SAFE = "._-"
# DOIs are case-insensitive in ASCII only; str.lower() would also change other letters
# (e.g. 'İ' becomes two characters), and so give a different DOI.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def check_slug(value: str) -> str:
    """Return ``value`` if it is a valid local id, else raise ``ValueError``.

    Examples:
        >>> check_slug("learning-to-hold-ones-own")
        'learning-to-hold-ones-own'
        >>> check_slug("q 1")
        Traceback (most recent call last):
        ...
        ValueError: 'q 1' is not a valid id: expected letters, digits, '.', '_' or '-', ...
    """
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{quoted(value)} is not a valid id: expected {SLUG_EXPECTED}")
    return value


# Letters that Unicode does not decompose into an ASCII letter and a mark.
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d"}
    | {"Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)
_NOT_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_SLUG_MAX = 128


def slugify(text: str, *, lower: bool) -> str:
    """Make ``text`` a valid id, or nothing: ASCII letters and digits, other runs as '-'.

    Examples:
        >>> slugify("Søren Kierkegaard's notes", lower=True)
        'soren-kierkegaard-s-notes'
        >>> slugify("a" * 127 + "-b", lower=False) == "a" * 127
        True
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower() if lower else ascii_text)
    return slug[:_SLUG_MAX].strip("._-")


def check_local_id(value: str) -> str:
    """Return ``value`` if it is a local id, or one named within its scope, else raise.

    A local id is a slug; within a corpus of several files, an id that two files both use is
    named within its scope (its study, or its file): ``study-id/local-id``.

    Examples:
        >>> check_local_id("kverme2019/daring-to-belong")
        'kverme2019/daring-to-belong'
        >>> check_local_id("a/b/c")
        Traceback (most recent call last):
        ...
        ValueError: 'a/b/c' is not a valid id: expected a local id (letters, digits, ...
    """
    parts = value.split("/")
    if len(parts) > 2 or not all(_SLUG.fullmatch(part) for part in parts):  # noqa: PLR2004
        raise ValueError(
            f"{quoted(value)} is not a valid id: expected a local id ({SLUG_EXPECTED}), or "
            "'study-id/local-id'"
        )
    return value


_REFERENCE_PREFIXES = ("doi", "orcid", "pmid", "pmcid")

REFERENCE_EXPECTED = (
    "a local id, 'study-id/local-id', an IRI, a DOI, an ORCID iD, 'pmid:' and a PubMed id, a "
    "PMCID, or a compact IRI such as 'mesh:D001883'"
)
_CURIE_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,31}")


def reference_key(value: str) -> tuple[str, str]:  # noqa: PLR0911 - one return per kind
    """Return how a reference names its entity: the kind of name, and the name normalised.

    The kinds are ``id`` (a local id), ``scoped`` (``study-id/local-id``), ``iri``, ``doi``,
    ``orcid``, ``pmid``, ``pmcid`` and ``curie`` (a compact IRI, its prefix in lower case,
    which :data:`evidence_graph.namespace.CONCEPT_PREFIXES` expands).

    Raises:
        ValueError: If ``value`` is none of these.

    Examples:
        >>> reference_key("MeSH:D001883")
        ('curie', 'mesh:D001883')
        >>> reference_key("doi:10.3389/FPSYG.2019.00430")
        ('doi', '10.3389/fpsyg.2019.00430')
        >>> reference_key("kverme2019/hope"), reference_key("hope")
        (('scoped', 'kverme2019/hope'), ('id', 'hope'))
    """
    text = value.strip()
    if _SLUG.fullmatch(text):
        if _PMCID.fullmatch(text):
            return "pmcid", text
        if _ORCID.fullmatch(text.upper()):
            return "orcid", normalize_orcid(text)
        return "id", text
    prefix, colon, rest = text.partition(":")
    lowered = prefix.lower()
    if colon and lowered in _REFERENCE_PREFIXES:
        text = rest.strip()
        if lowered == "pmid":
            return "pmid", check_pmid(text)
        if lowered == "pmcid":
            return "pmcid", check_pmcid(text.upper())
        if lowered == "orcid":
            return "orcid", normalize_orcid(text)
    if _DOI.fullmatch(text) or text.lower().startswith(_DOI_PREFIXES) or lowered == "doi":
        return "doi", normalize_doi(text)
    if text.lower().startswith(ORCID_PREFIX) or text.lower().startswith("http://orcid.org/"):
        return "orcid", normalize_orcid(text)
    if colon and _IRI.fullmatch(text) and (rest.startswith("//") or lowered == "urn"):
        return "iri", text
    if "/" in text and not colon:
        return "scoped", check_local_id(text)
    if colon and _CURIE_PREFIX.fullmatch(prefix) and _IRI.fullmatch(text):
        return "curie", f"{lowered}:{rest}"
    raise ValueError(f"{quoted(value)} names no entity: expected {REFERENCE_EXPECTED}")


def check_reference(value: str) -> str:
    """Return ``value`` if it is a way to name an entity (see :func:`reference_key`), else raise.

    Examples:
        >>> check_reference("wikidata:Q208166")
        'wikidata:Q208166'
    """
    reference_key(value)
    return value


def scoped_id(scope: str, local: str) -> str:
    """Return the id of an entity named within its scope: ``scope/local``.

    Examples:
        >>> scoped_id("kverme2019", "hope")
        'kverme2019/hope'
    """
    return f"{check_slug(scope)}/{check_slug(local)}"


def normalize_doi(value: str) -> str:
    """Return the DOI in ``value`` in lower case, without a ``doi:`` or resolver prefix.

    DOIs are case-insensitive (in ASCII letters), so the lower-case form is the one compared
    and minted.

    Examples:
        >>> normalize_doi("https://doi.org/10.3389/FPSYG.2019.00430")
        '10.3389/fpsyg.2019.00430'
        >>> normalize_doi("doi:10.1016/S0140-6736(04)16770-6")
        '10.1016/s0140-6736(04)16770-6'
    """
    text = value.strip()
    lowered = text.translate(_ASCII_LOWER)
    for prefix in (*_DOI_PREFIXES, "doi:"):
        if lowered.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    if not _DOI.fullmatch(text):
        raise ValueError(
            f"{quoted(value)} is not a DOI: expected '10.' followed by 4 to 9 digits, '/' and a "
            "suffix without spaces, e.g. '10.3389/fpsyg.2019.00430'"
        )
    return text.translate(_ASCII_LOWER)


def doi_iri(doi: str) -> str:
    """Return the IRI that a Work with this DOI *is*: ``https://doi.org/<doi>``.

    Examples:
        >>> doi_iri("10.3389/fpsyg.2019.00430")
        'https://doi.org/10.3389/fpsyg.2019.00430'
    """
    return DOI_PREFIX + quote(normalize_doi(doi), safe=_DOI_SAFE)


def _orcid_checksum(digits: str) -> str:
    """Return the ISO 7064 11-2 check character of an ORCID iD's first 15 digits."""
    total = 0
    for char in digits:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)  # noqa: PLR2004


def normalize_orcid(value: str) -> str:
    """Return the bare ORCID iD in ``value``, after checking its form and its check digit.

    Examples:
        >>> normalize_orcid("https://orcid.org/0000-0002-1825-0097")
        '0000-0002-1825-0097'
        >>> normalize_orcid("0000-0002-1825-0098")
        Traceback (most recent call last):
        ...
        ValueError: '0000-0002-1825-0098' is not a valid ORCID iD: its check digit should be 7
    """
    text = value.strip()
    for prefix in ("https://orcid.org/", "http://orcid.org/"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.upper()
    if not _ORCID.fullmatch(text):
        raise ValueError(
            f"{quoted(value)} is not an ORCID iD: expected four groups of four digits joined by "
            "'-', the last character a digit or 'X', e.g. '0000-0002-1825-0097'"
        )
    digits = text.replace("-", "")
    expected = _orcid_checksum(digits[:-1])
    if digits[-1] != expected:
        raise ValueError(
            f"{quoted(value)} is not a valid ORCID iD: its check digit should be {expected}"
        )
    return text


def orcid_iri(orcid: str) -> str:
    """Return the IRI that a Person with this ORCID iD *is*.

    Examples:
        >>> orcid_iri("0000-0002-1825-0097")
        'https://orcid.org/0000-0002-1825-0097'
    """
    return ORCID_PREFIX + normalize_orcid(orcid)


def check_pmid(value: str) -> str:
    """Return a PubMed id if it is one (digits, no leading zero), else raise ``ValueError``.

    Examples:
        >>> check_pmid("30873097")
        '30873097'
    """
    if not _PMID.fullmatch(value):
        raise ValueError(f"{quoted(value)} is not a PubMed id: expected digits, e.g. '30873097'")
    return value


def check_pmcid(value: str) -> str:
    """Return a PubMed Central id if it is one, else raise ``ValueError``.

    Examples:
        >>> check_pmcid("PMC6403141")
        'PMC6403141'
    """
    if not _PMCID.fullmatch(value):
        raise ValueError(
            f"{quoted(value)} is not a PubMed Central id: expected 'PMC' and digits, "
            "e.g. 'PMC6403141'"
        )
    return value


def check_issn(value: str) -> str:
    """Return an ISSN if its form and check digit are right, else raise ``ValueError``.

    Examples:
        >>> check_issn("1664-1078")
        '1664-1078'
    """
    text = value.strip().upper()
    if not _ISSN.fullmatch(text):
        raise ValueError(f"{quoted(value)} is not an ISSN: expected 'NNNN-NNNC', e.g. '1664-1078'")
    digits = text.replace("-", "")
    total = sum(
        int(char) * weight for char, weight in zip(digits[:7], range(8, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)  # noqa: PLR2004
    if digits[-1] != expected:
        raise ValueError(
            f"{quoted(value)} is not a valid ISSN: its check digit should be {expected}"
        )
    return text


def check_iri(value: str) -> str:
    """Return ``value`` if it is an absolute IRI that Turtle can hold, else raise ``ValueError``.

    Examples:
        >>> check_iri("http://id.nlm.nih.gov/mesh/D001883")
        'http://id.nlm.nih.gov/mesh/D001883'
        >>> check_iri("not an iri")
        Traceback (most recent call last):
        ...
        ValueError: 'not an iri' is not an absolute IRI: expected a scheme such as 'https:' ...
    """
    if not _IRI.fullmatch(value):
        raise ValueError(
            f"{quoted(value)} is not an absolute IRI: expected a scheme such as 'https:' and no "
            "spaces, quotation marks, angle brackets, braces, '|', '\\', '^' or '`'"
        )
    return value


def code_iri(base: str, scheme: str, code: str) -> str:
    """Return the IRI minted for a concept that another vocabulary names by a code alone.

    It is ``<base>code/<scheme>/<code>``, the code percent-encoded but for letters, digits,
    ``.``, ``_`` and ``-``: a code such as ``MONDO:0001156`` holds a ``:``, which would
    otherwise make the IRI's last segment look like a scheme. The scheme is encoded alike,
    which changes none of the lower-case slugs a match's scheme may be.

    Examples:
        >>> code_iri("https://w3id.org/evidence-graph/data/", "icd-10-cm", "F60.3")
        'https://w3id.org/evidence-graph/data/code/icd-10-cm/F60.3'
        >>> code_iri("https://w3id.org/evidence-graph/data/", "mondo", "MONDO:0001156")
        'https://w3id.org/evidence-graph/data/code/mondo/MONDO%3A0001156'
    """
    return f"{base}code/{quote(scheme, safe=_CODE_SAFE)}/{quote(code, safe=_CODE_SAFE)}"


def check_base(value: str) -> str:
    """Return a base IRI for minted IRIs: an absolute ``http(s)`` IRI ending in ``/`` or ``#``.

    Examples:
        >>> check_base("https://example.org/evidence/")
        'https://example.org/evidence/'
    """
    check_iri(value)
    if not value.startswith(("http://", "https://")) or not value.endswith(("/", "#")):
        raise ValueError(
            f"{quoted(value)} is not a usable base: expected an http(s) IRI ending in '/' or '#'"
        )
    return value
