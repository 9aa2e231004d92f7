"""MkDocs hooks: the JSON Schema of study files, generated from the models at every build.

The page ``schema.md`` holds the marker ``<!-- study-file-schema -->``; it is replaced by the
schema :func:`evidence_graph.study_file_schema` gives (the one ``evidence-graph schema``
prints) as a JSON code block, and the same schema is a file of the built site,
``study-file.schema.json``, so the documentation can never show a schema other than the one
the models give.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from evidence_graph import study_file_schema

MARKER = "<!-- study-file-schema -->"
"""Where ``schema.md`` shows the schema."""

SCHEMA_FILE = "study-file.schema.json"
"""The schema's file name in the built site."""


def study_file_schema_text() -> str:
    """Return the JSON Schema of a study file, as the site shows and serves it."""
    schema = study_file_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Put the schema into the page that has the marker."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, f"```json\n{study_file_schema_text()}```")


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    """Add the schema as a file of the site, for editors and validators to fetch."""
    files.append(File.generated(config, SCHEMA_FILE, content=study_file_schema_text()))
    return files
