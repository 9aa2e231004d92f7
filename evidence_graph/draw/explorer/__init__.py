"""The explorer page: one self-contained HTML file to browse a corpus, offline.

Examples:
    >>> from evidence_graph import load_graph
    >>> "Daring to Belong" in explore(load_graph("kverme2019"))
    True
"""

from evidence_graph.draw.explorer._page import (
    DEFAULT_TITLE,
    content_security_policy,
    explore,
    page_data,
    page_json,
)

__all__ = ["DEFAULT_TITLE", "content_security_policy", "explore", "page_data", "page_json"]
