"""``python -m evidence_graph.cli``: the same as the ``evidence-graph`` command."""

from evidence_graph.cli import main

raise SystemExit(main())
