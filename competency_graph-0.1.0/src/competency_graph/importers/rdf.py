"""RDF files as an importer: one file read by :mod:`competency_graph.graph.files`.

Commands read all their RDF files in one pass (:func:`~competency_graph.graph.files.load_graph`,
which follows each ``owl:imports`` once); this reader is for one file on its own.
"""

from __future__ import annotations

from pathlib import Path

from competency_graph.graph.files import load_files
from competency_graph.importers.registry import Imported
from competency_graph.model.readmodel import ReadModel


def read(path: Path, model: ReadModel | None = None) -> Imported:
    """The triples of ``path`` (and of the ontologies it imports), with each subject's line."""
    loaded = load_files([path])
    return Imported(loaded.graph, str(path), dict(loaded.locations))
