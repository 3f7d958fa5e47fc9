"""Where the shipped ontology, the JSON Schemas and the example queries come from.

The ontology is a folder: one entry file (``competency-graph.ttl``) that ``owl:imports`` the
modules, the SHACL shapes in ``shapes/``, and ``catalog-v001.xml`` that maps every module
IRI to its file (the same catalog Protégé reads). Which folder is used is decided once per
question, in this order (the first that applies wins):

1. ``--ontology DIR`` (the CLI calls :func:`set_ontology_dir`);
2. ``$COMPETENCY_GRAPH_ONTOLOGY``;
3. ``ontology/competency-graph.ttl`` in the current folder or one above it, so that an HR
   architect working in a clone checks that clone, whichever copy of the program runs;
4. the copy packaged inside the installed program (``competency_graph/_shipped/``, built
   from the one ``ontology/`` folder of the project), or, for an editable install, the
   checkout it was installed from.

The JSON Schemas (``schema/``) and the example queries (``examples/queries/``) are looked
for beside the ontology folder in use (``DIR/../schema``), then in the package. Every answer
is an :class:`OntologyLocation` that says which rule chose it, for ``stats`` and ``/healthz``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from defusedxml import ElementTree as defused_xml
from defusedxml.common import DefusedXmlException

from competency_graph.errors import InputError
from competency_graph.reading import read_input

ENTRY_FILE = "competency-graph.ttl"
CATALOG_FILE = "catalog-v001.xml"
SHAPES_DIR = "shapes"
ENV_VAR: Final = "COMPETENCY_GRAPH_ONTOLOGY"
#: the folder of the package that holds the copies made at build time (see setup.py)
SHIPPED_DIR: Final = Path(__file__).resolve().parents[1] / "_shipped"
#: the project folder above ``src/`` of an editable install or a source checkout
_CHECKOUT: Final = Path(__file__).resolve().parents[3]
_SCHEMA_FILE = "job-description.schema.json"
_CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"

Origin = Literal["option", "environment", "working-folder", "package", "checkout"]

_override: Path | None = None


@dataclass(frozen=True)
class OntologyLocation:
    """A folder the program reads, which rule chose it (``origin``) and why, in words."""

    path: Path
    origin: Origin
    reason: str

    def as_json(self) -> dict[str, str]:
        """``{"path", "origin", "reason"}`` for ``stats --format json`` and ``/healthz``."""
        return {"path": str(self.path), "origin": self.origin, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.path} ({self.reason})"


def set_ontology_dir(path: Path | None) -> Path | None:
    """Use the ontology in folder ``path`` (``--ontology DIR``) instead of finding one
    (None: stop doing so).

    Returns the folder used before, so a caller can put it back. A folder without
    ``competency-graph.ttl`` is an :class:`InputError` naming it.
    """
    global _override
    if path is not None:
        _require_entry(Path(path), "")
    previous, _override = _override, None if path is None else Path(path).resolve()
    return previous


def locate_ontology() -> OntologyLocation:
    """The ontology folder in use and why (the order is in the module docstring)."""
    if _override is not None:
        return OntologyLocation(_override, "option", "given with --ontology")
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        path = Path(from_env).resolve()
        _require_entry(path, f" (from ${ENV_VAR})")
        return OntologyLocation(path, "environment", f"from ${ENV_VAR}")
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / "ontology" / ENTRY_FILE).is_file():
            where = "the current folder" if folder == cwd else f"{folder}, above the current folder"
            return OntologyLocation(folder / "ontology", "working-folder", f"found in {where}")
    return _installed("ontology", ENTRY_FILE)


def locate_schemas() -> OntologyLocation:
    """The folder of the JSON Schemas (``job-description.schema.json`` and the check report's):
    beside the ontology in use, else the packaged copy."""
    return _beside_ontology("schema", _SCHEMA_FILE)


def locate_examples() -> OntologyLocation:
    """The folder of the example queries the console offers: beside the ontology in use,
    else the packaged copy."""
    return _beside_ontology("examples/queries", "")


def ontology_dir() -> Path:
    """The folder of the ontology in use (see :func:`locate_ontology`)."""
    return locate_ontology().path


def entry_file() -> Path:
    """Path of the entry file that imports every module."""
    return ontology_dir() / ENTRY_FILE


def shapes_dir() -> Path:
    """Folder holding the SHACL shapes of the consistency rules."""
    return ontology_dir() / SHAPES_DIR


def _require_entry(path: Path, given_by: str) -> None:
    if not (path / ENTRY_FILE).is_file():
        why = "no such folder" if not path.exists() else f"no {ENTRY_FILE} in this folder"
        raise InputError(f"not an ontology folder{given_by}: {why}", path)


def _installed(name: str, marker: str) -> OntologyLocation:
    """``name`` in the package (a built install), else in the checkout (an editable one)."""
    from competency_graph import __version__

    packaged = SHIPPED_DIR / name
    if (packaged / marker).exists():
        return OntologyLocation(
            packaged, "package", f"packaged with competency-graph {__version__}"
        )
    checkout = _CHECKOUT / name
    if (checkout / marker).exists():
        return OntologyLocation(checkout, "checkout", "the checkout of this editable install")
    raise InputError(
        f"cannot find the shipped {name} (neither {packaged} nor {checkout} exists); "
        f"pass --ontology DIR or set ${ENV_VAR} to the ontology folder"
    )


def _beside_ontology(name: str, marker: str) -> OntologyLocation:
    ontology = locate_ontology()
    beside = ontology.path.parent / name
    if ontology.origin not in ("package", "checkout") and (beside / marker).exists():
        return OntologyLocation(beside, ontology.origin, f"beside the ontology, {ontology.reason}")
    return _installed(name, marker)


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
    if not path.exists() and not path.is_symlink():
        return Catalog(path, {})
    try:  # no DTD, entity or external reference: a catalog is plain XML
        root = defused_xml.fromstring(read_input(path), forbid_dtd=True)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(f"malformed catalog: {exc.msg}", path, line, column + 1) from None
    except DefusedXmlException as exc:
        raise InputError(f"refused catalog: {exc} (a catalog is plain XML)", path) from None
    mappings: dict[str, Path] = {}
    for element in root.iter(f"{_CATALOG_NS}uri"):
        name, uri = element.get("name"), element.get("uri")
        if name and uri:
            mappings[name.rstrip("#")] = (path.parent / uri).resolve()
    return Catalog(path, mappings)
