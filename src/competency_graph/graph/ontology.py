"""Where the shipped ontology lives, and how its imports resolve offline.

The ontology is the ``ontology/`` folder at the top of the project: one entry file
(``competency-graph.ttl``) that ``owl:imports`` the modules, and ``catalog-v001.xml`` that
maps every module IRI to its file (the same catalog Protégé reads).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from competency_graph.errors import InputError

ENTRY_FILE = "competency-graph.ttl"
CATALOG_FILE = "catalog-v001.xml"
SHAPES_DIR = "shapes"
_ENV_VAR = "COMPETENCY_GRAPH_ONTOLOGY"
_CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"


#: the folder ``--ontology DIR`` names, set by :func:`set_ontology_dir` (None: not given)
_override: Path | None = None


def set_ontology_dir(path: Path | None) -> Path | None:
    """Use the ontology in folder ``path`` instead of the shipped one (None: stop doing so).

    Returns the folder used before, so a caller can put it back. A folder without
    ``competency-graph.ttl`` is an :class:`InputError` naming it.
    """
    global _override
    if path is not None and not (Path(path) / ENTRY_FILE).is_file():
        why = "no such folder" if not Path(path).exists() else f"no {ENTRY_FILE} in this folder"
        raise InputError(f"not an ontology folder: {why}", path)
    previous, _override = _override, None if path is None else Path(path)
    return previous


def ontology_dir() -> Path:
    """Return the folder of the ontology to load.

    The folder given to :func:`set_ontology_dir` (``--ontology DIR``) wins, then
    ``$COMPETENCY_GRAPH_ONTOLOGY``; otherwise the ``ontology/`` folder of the project this
    package was installed from (editable install or source checkout).
    """
    if _override is not None:
        return _override
    override = os.environ.get(_ENV_VAR)
    if override:
        return Path(override)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "ontology" / ENTRY_FILE
        if candidate.is_file():
            return candidate.parent
    raise InputError(
        f"cannot find the shipped ontology (looked for ontology/{ENTRY_FILE} above {here}); "
        f"set ${_ENV_VAR} to the ontology folder"
    )


def entry_file() -> Path:
    """Path of the entry file that imports every module."""
    return ontology_dir() / ENTRY_FILE


def shapes_dir() -> Path:
    """Folder holding the SHACL shapes of the consistency rules."""
    return ontology_dir() / SHAPES_DIR


@dataclass(frozen=True)
class Catalog:
    """An OASIS XML catalog: ontology IRI -> local file."""

    path: Path
    mappings: dict[str, Path]

    def resolve(self, iri: str) -> Path | None:
        """Local file for ``iri``, or None when the catalog does not map it."""
        return self.mappings.get(iri.rstrip("#"))


def read_catalog(path: Path) -> Catalog:
    """Parse ``catalog-v001.xml``; a broken catalog is an :class:`InputError` with its line."""
    try:
        tree = ET.parse(path)
    except FileNotFoundError:
        return Catalog(path, {})
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(f"malformed catalog: {exc.msg}", path, line, column + 1) from None
    mappings: dict[str, Path] = {}
    for element in tree.getroot().iter(f"{_CATALOG_NS}uri"):
        name, uri = element.get("name"), element.get("uri")
        if name and uri:
            mappings[name.rstrip("#")] = (path.parent / uri).resolve()
    return Catalog(path, mappings)
