"""What a parameter names, before any graph is looked at: an IRI, or a key in an optional scheme.

A parameter (a label, an id, a DOI, an IRI, a ``scheme:code``) first becomes a
:class:`Reference`, without looking at any graph, so the same reference can be bound into a
SPARQL query or looked up in a :class:`~evidence_graph.queries.directory.Directory`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_graph.exceptions import QueryError
from evidence_graph.ids import check_iri, doi_iri
from evidence_graph.namespace import CONCEPT_PREFIXES

__all__ = ["CONCEPT_PREFIXES", "Reference", "parse_reference"]


_SCHEMED = re.compile(r"(?P<scheme>[a-z][a-z0-9-]{0,63}):(?P<code>[A-Za-z0-9][A-Za-z0-9._:-]*)")
_DOI_LIKE = re.compile(r"(?i)(doi:|https?://(dx\.)?doi\.org/)?10\.")


@dataclass(frozen=True, slots=True)
class Reference:
    """What a parameter names: an IRI, or a key (an id, label or code), maybe in a scheme.

    Attributes:
        iri: The IRI named, when the parameter was an IRI, a DOI or a code of a scheme whose
            codes stand for IRIs (:data:`CONCEPT_PREFIXES`).
        key: The text to match against ids, labels or codes, when it was not an IRI; for
            ``scheme:code``, the code.
        scheme: The scheme the key is a code of (``icd-10-cm`` in ``icd-10-cm:F60.3``).
    """

    iri: str | None = None
    key: str | None = None
    scheme: str | None = None


def parse_reference(
    parameter: str, value: str, *, doi: bool = False, scheme: bool = False
) -> Reference:
    """Return what ``value`` names: an IRI (``://`` or ``urn:``), a DOI, a scheme code, or a key.

    White space around an IRI, a DOI or a code is dropped; a key (an id or a label) is kept as
    given.

    Args:
        parameter: The parameter's name, for error messages.
        value: What was given.
        doi: Whether a DOI (``10.…``, ``doi:10.…``, ``https://doi.org/10.…``) is expected.
        scheme: Whether ``scheme:code`` is expected (concepts).

    Raises:
        QueryError: If ``value`` is empty, or looks like an IRI or a DOI but is not one.

    Examples:
        >>> parse_reference("work", "doi:10.3389/FPSYG.2019.00430", doi=True).iri
        'https://doi.org/10.3389/fpsyg.2019.00430'
        >>> parse_reference("concept", "mesh:D001883", scheme=True)
        Reference(iri='http://id.nlm.nih.gov/mesh/D001883', key='D001883', scheme='mesh')
        >>> parse_reference("concept", "icd-10-cm:F60.3", scheme=True)
        Reference(iri=None, key='F60.3', scheme='icd-10-cm')
        >>> parse_reference("theme", "https://example.org/a b")
        Traceback (most recent call last):
        ...
        evidence_graph.exceptions.QueryError: theme: 'https://example.org/a b': is not an IRI: ...
    """
    text = value.strip()
    if not text:
        raise QueryError(parameter, value, "expected a value, not an empty string")
    if doi and _DOI_LIKE.match(text):
        try:
            return Reference(iri=doi_iri(text))
        except ValueError as error:
            expected = str(error).split(": ", 1)[-1]
            raise QueryError(parameter, value, f"is not a DOI: {expected}") from None
    if "://" in text or text.lower().startswith("urn:"):
        try:
            return Reference(iri=check_iri(text))
        except ValueError:
            raise QueryError(
                parameter,
                value,
                "is not an IRI: expected a scheme and no spaces, quotes or angle brackets, "
                "e.g. 'https://w3id.org/evidence-graph/data/study/kverme2019'",
            ) from None
    match = _SCHEMED.fullmatch(text) if scheme else None
    if match:
        prefix = CONCEPT_PREFIXES.get(match["scheme"])
        iri = prefix + match["code"] if prefix else None
        return Reference(iri=iri, key=match["code"], scheme=match["scheme"])
    return Reference(key=value)
