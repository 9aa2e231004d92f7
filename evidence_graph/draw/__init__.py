"""Drawings of the evidence graph, laid out by Graphviz, and the explorer page.

=======================  ===================================================================
:func:`themes`           a study's theme tree: quote counts, stages in order, groupings, subgroups
:func:`evidence`         the chain of one claim: quotes, themes, study and work (DOI)
:func:`mappings`         every study's themes beside the framework concepts they map to, with why
:func:`citations`        the citation network, with CiTO intents, works sized by in-degree
:func:`eligibility`      a profile against each study's criteria and samples, as a table
:func:`explore`          one self-contained HTML page to browse the whole corpus, offline
=======================  ===================================================================

Each returns a :class:`Drawing`: :meth:`Drawing.save` writes it in the format its file's
suffix names (``.svg``, ``.png``, ``.pdf``, ``.dot``, ``.html``), and Jupyter shows it as
SVG. :func:`make` draws one by name with the parameters of the question it draws, as
``evidence-graph draw`` does. Laying a drawing out needs Graphviz's ``dot`` program (Debian's
``graphviz`` package); its DOT source does not, nor does the explorer page.

Examples:
    >>> import evidence_graph as eg
    >>> graph = eg.load_graph("kverme2019")
    >>> drawing = eg.draw.themes(graph, "kverme2019")
    >>> drawing.source.count("class=theme")
    5
"""

from evidence_graph.draw.catalogue import DRAWINGS, Sketch, make
from evidence_graph.draw.citations import citations
from evidence_graph.draw.drawing import SUFFIXES, Drawing, DrawingFormat, format_of
from evidence_graph.draw.eligibility import eligibility
from evidence_graph.draw.evidence import evidence
from evidence_graph.draw.explorer import explore
from evidence_graph.draw.mappings import mappings
from evidence_graph.draw.themes import themes

__all__ = [
    "DRAWINGS",
    "SUFFIXES",
    "Drawing",
    "DrawingFormat",
    "Sketch",
    "citations",
    "eligibility",
    "evidence",
    "explore",
    "format_of",
    "make",
    "mappings",
    "themes",
]
