r"""The explorer page: the corpus as one self-contained HTML file that asks the network nothing.

The data goes in once, as a JSON block (``<`` written ``\u003c``, so no text can close the
block or open a comment); a script draws only the view the address names. The Content Security
Policy lets nothing load: the one script and the one style block run by their SHA-256 hashes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from evidence_graph.draw.explorer._links import (
    claim_record,
    concept_record,
    mapping_record,
    person_record,
    scheme_record,
    work_record,
)
from evidence_graph.draw.explorer._records import (
    Record,
    criterion_record,
    participant_record,
    quote_record,
    sample_record,
    sorted_records,
    study_record,
    theme_record,
)
from evidence_graph.folding import FOLDS
from evidence_graph.graph import EvidenceGraph
from evidence_graph.models import Corpus, NodeKind

__all__ = ["DEFAULT_TITLE", "content_security_policy", "explore", "page_data", "page_json"]

DEFAULT_TITLE = "Evidence explorer"
"""The page's title when none is given."""

_RECORDS: dict[str, tuple[NodeKind, Callable[[EvidenceGraph, Any], Record]]] = {
    "studies": (NodeKind.STUDY, study_record),
    "samples": (NodeKind.SAMPLE, sample_record),
    "participants": (NodeKind.PARTICIPANT, participant_record),
    "criteria": (NodeKind.CRITERION, criterion_record),
    "themes": (NodeKind.THEME, theme_record),
    "quotes": (NodeKind.QUOTE, quote_record),
    "claims": (NodeKind.CLAIM, claim_record),
    "works": (NodeKind.WORK, work_record),
    "people": (NodeKind.PERSON, person_record),
    "schemes": (NodeKind.SCHEME, scheme_record),
    "concepts": (NodeKind.CONCEPT, concept_record),
    "mappings": (NodeKind.MAPPING, mapping_record),
}
"""The page's lists: the kind of entity each holds, and how one becomes a record."""


def page_data(graph: EvidenceGraph) -> dict[str, Any]:
    """Return what the page holds: a list of records for each kind, and the folding rules.

    Records are sorted by IRI; a theme's sub-themes come in tree order. Coders and memos of
    QDA projects are not shown, and a work's private ``text`` never is.

    Examples:
        >>> from evidence_graph import load_graph
        >>> data = page_data(load_graph("kverme2019"))
        >>> [theme["label"] for theme in data["themes"] if theme.get("number") == 3]
        ['Daring to Belong']
    """
    data: dict[str, Any] = {"folds": [list(rule) for rule in FOLDS]}
    for name, (kind, build) in _RECORDS.items():
        entities = [entity for _, entity in graph.nodes(kind)]
        data[name] = sorted_records(graph, entities, build)
    return data


def page_json(data: dict[str, Any]) -> str:
    r"""Return the data as JSON that may stand inside a ``<script>`` block of an HTML page.

    Every ``<`` is written ``\u003c``, so no text can end the block (``</script>``) or start
    a comment (``<!--``) in it; JSON reads it back the same.

    Examples:
        >>> page_json({"text": "</script><!--"})
        '{"text":"\\u003c/script>\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _asset(name: str) -> str:
    return (files("evidence_graph.draw") / "assets" / name).read_text(encoding="utf-8")


def _digest(block: str) -> str:
    """Return the CSP source that lets exactly this inline block run: ``'sha256-…'``."""
    digest = hashlib.sha256(block.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str, style: str) -> str:
    """Return a policy that loads nothing and runs only this script and this style block.

    Examples:
        >>> content_security_policy("", "").split("; ")[:2]
        ["default-src 'none'", "script-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]
    """
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {_digest(script)}",
            f"style-src {_digest(style)}",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="evidence_graph">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<a class="skip" id="skip" href="#main">Skip to the content</a>
<header>
<div class="inner">
<p class="brand"><a href="#">{title}</a></p>
<nav class="sections" aria-label="Sections">
<ul>
<li><a href="#studies">Studies</a></li>
<li><a href="#claims">Claims</a></li>
<li><a href="#frameworks">Frameworks</a></li>
<li><a href="#citations">Citations</a></li>
<li><a href="#works">Works</a></li>
</ul>
</nav>
<div class="search" role="search">
<label for="search">Search quotes and themes</label>
<input id="search" type="search" autocomplete="off" spellcheck="false"
 aria-describedby="search-help">
<p id="search-help">Ignores case and accents. Enter goes to the results, Escape clears.</p>
<p id="status" class="status" role="status"></p>
</div>
</div>
</header>
<main id="main" tabindex="-1">
<noscript><p>This page draws its views with JavaScript; please allow scripts to run.</p></noscript>
</main>
<script id="data" type="application/json">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def _attribute(text: str) -> str:
    """Return text escaped for a double-quoted HTML attribute (or an element's text)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def explore(graph: EvidenceGraph | Corpus, *, title: str = DEFAULT_TITLE) -> str:
    """Return the explorer page of a graph: one HTML file, scripts and styles inlined.

    The page shows the studies (samples, criteria, analytic structure), each theme tree with
    the quotes under each theme, the claims with their evidence chains, the mappings to
    frameworks and the citation network; it has a search box, and an address
    (``#theme-<id>``, ``#quote-<id>``, ...) for every entity. It requests nothing, from the
    network or elsewhere. The same graph, loaded in any order, gives the same text.

    Args:
        graph: The evidence graph (a corpus is made one).
        title: The page's title: some words.

    Raises:
        ValueError: If ``title`` is empty or blank.

    Examples:
        >>> from evidence_graph import load_graph
        >>> page = explore(load_graph("kverme2019"))
        >>> page.startswith("<!DOCTYPE html>"), "default-src 'none'" in page
        (True, True)
    """
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"title: {title!r}: expected some words for the page's title")
    graph = EvidenceGraph.of(graph)
    script, style = _asset("explorer.js"), _asset("explorer.css")
    return _PAGE.format(
        policy=_attribute(content_security_policy(script, style)),
        title=_attribute(title),
        style=style,
        data=page_json(page_data(graph)),
        script=script,
    )
