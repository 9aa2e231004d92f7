"""Graphviz's ``dot`` run on a drawing's source: SVG, PNG and PDF, the same bytes each time.

``dot`` is run as a child process with the source on its standard input, never through a
shell, with a time limit. What it writes is made reproducible: the date cairo stamps into a
PDF is replaced by a fixed one of the same length (so the file's cross-references hold), and
the clock zone is UTC.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from typing import Final

from evidence_graph.exceptions import DrawingWarning, EvidenceGraphError, MissingProgramError

__all__ = ["DOT_TIMEOUT", "LAID_OUT", "run_dot"]

LAID_OUT: Final = ("svg", "png", "pdf", "plain", "json")
"""The outputs asked of ``dot``: pictures, and the layout as text (for checking it)."""

DOT_TIMEOUT = 300.0
"""The seconds ``dot`` may take to lay out one drawing."""

_FEATURE = "drawing"

_DATE = re.compile(rb"/CreationDate \(D:(\d{14})([^)]*)\)")
"""The date cairo writes into a PDF's information: the time it was made, and its zone."""

_EPOCH = b"19700101000000"

_SCALED = re.compile(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.]+)")
"""What ``dot`` says when a bitmap would pass cairo's bounds, and the scale it drew it at."""


def run_dot(source: str, output: str) -> bytes:
    """Return what ``dot -T<output>`` makes of ``source``.

    Raises:
        MissingProgramError: If ``dot`` is not installed.
        EvidenceGraphError: If ``dot`` fails or runs past :data:`DOT_TIMEOUT`; the message
            gives what it said.
    """
    if output not in LAID_OUT:
        raise ValueError(f"dot output {output!r}: expected one of {', '.join(LAID_OUT)}")
    program = shutil.which("dot")
    if program is None:
        raise MissingProgramError("dot", "graphviz", f"a {_FEATURE} in {output.upper()}")
    renderer = f"-T{output}:cairo" if output in {"png", "pdf"} else f"-T{output}"
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program and arguments, no shell
            [program, renderer],
            input=source.encode("utf-8"),
            capture_output=True,
            env=dict(os.environ, TZ="UTC", SOURCE_DATE_EPOCH="0"),
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise EvidenceGraphError(
            f"Graphviz's dot took more than {DOT_TIMEOUT:g} s to lay out the {_FEATURE}; "
            "draw less of the graph (e.g. one study)"
        ) from None
    said = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        reason = said.strip() or f"status {done.returncode}"
        raise EvidenceGraphError(f"Graphviz's dot could not lay out the {_FEATURE}: {reason}")
    scaled = _SCALED.search(said)
    if scaled is not None:
        warnings.warn(
            f"the {output.upper()} is scaled down to {float(scaled.group(1)):.0%}: a bitmap "
            "holds at most 32,767 pixels a side; draw less of the graph (one study, say), or "
            "write SVG or PDF, which keep every size",
            DrawingWarning,
            stacklevel=2,
        )
    return _fixed_dates(done.stdout) if output == "pdf" else done.stdout


def _fixed_dates(pdf: bytes) -> bytes:
    r"""Return ``pdf`` with its creation date set to 1970-01-01, the length of each kept.

    Examples:
        >>> _fixed_dates(b"<< /CreationDate (D:20261207184418Z) >>")
        b'<< /CreationDate (D:19700101000000Z) >>'
        >>> _fixed_dates(b"/CreationDate (D:20261207184418+01'00)")
        b"/CreationDate (D:19700101000000+00'00)"
    """

    def fixed(match: re.Match[bytes]) -> bytes:
        zone = re.sub(rb"\d", b"0", match.group(2))
        return b"/CreationDate (D:" + _EPOCH + zone + b")"

    return _DATE.sub(fixed, pdf)
