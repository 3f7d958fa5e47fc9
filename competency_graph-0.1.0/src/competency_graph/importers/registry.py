"""Every way data comes in, by name, and the importer a file gets by default (by its suffix).

An importer reads one source and either gives triples to merge with the other inputs of a
command (``target="graph"``: RDF files, job descriptions, job postings) or writes a new
on-disk store (``target="store"``: ESCO, millions of triples, through
:mod:`.store_writer`). Its code is imported only when it is used, so that listing the
importers, or starting the CLI, stays cheap.

A new source (a Russian professional standard, say) is one module in this package with a
``read(path, model) -> Imported`` (or an ``import_into_store(source, target, force,
progress)``) function, and one line in :data:`IMPORTERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, cast

from rdflib import Graph, URIRef

from competency_graph.errors import InputError
from competency_graph.graph.files import RDF_FORMATS, LoadedGraph, SourceLocation, Statement
from competency_graph.model.ids import did_you_mean
from competency_graph.model.readmodel import ReadModel


@dataclass(frozen=True)
class Imported:
    """What an importer made of one input: its triples, and where each entity came from.

    ``locations`` maps every entity the input created to its file and line, so that the
    checker reports a violation there (at a YAML line, not in generated Turtle);
    ``statements`` maps statements to where they are written (``(duty, cg:supportedBy,
    skill)`` at ``duties[2].supported_by[0]``; with the object None, where the subject's
    values of the predicate are listed), so that a violation is reported at the value.
    """

    graph: Graph
    source: str
    locations: Mapping[URIRef, SourceLocation] = field(default_factory=dict)
    statements: Mapping[Statement, SourceLocation] = field(default_factory=dict)
    #: what the input could not read but went on without (an unknown reference, left
    #: out), each located; the command reports them all and exits 2
    problems: tuple[InputError, ...] = ()

    @property
    def described(self) -> tuple[str, ...]:
        """The entities this input describes whole, which no other input may describe too."""
        return ()

    def add_to(self, loaded: LoadedGraph) -> None:
        """Merge the triples, the file and the entities' lines into ``loaded``.

        The input's line wins over an RDF file's for an entity both give: the input is the
        file the user is editing.
        """
        loaded.graph += self.graph
        loaded.files.append(Path(self.source))
        self.locate_in(loaded)

    def locate_in(self, loaded: LoadedGraph) -> None:
        """Point ``loaded`` at this input for its entities and statements (they win over an
        RDF file's: this is the file the user is editing)."""
        loaded.locations.update(self.locations)
        loaded.statements.update(self.statements)


class StoreImport(Protocol):
    """What a store importer reports: the triples written, and a line saying what."""

    @property
    def triples(self) -> int:
        """Triples in the store written."""

    def summary(self) -> str:
        """What was imported, in one line (the CLI prints it)."""


#: (path, read model of what was loaded before, or None) -> what the file holds
FileReader = Callable[[Path, ReadModel | None], Imported]
#: (source, target store folder, force, progress) -> what was written
StoreWriter = Callable[[Path, Path, bool, bool | None], StoreImport]


@dataclass(frozen=True)
class Importer:
    """One way data comes in: its name, what it reads, and where its code is."""

    name: str
    summary: str
    #: ``module:function`` of the reader (``target="graph"``) or writer (``"store"``)
    entry: str
    #: "graph": triples merged with the other inputs; "store": a new on-disk store
    target: Literal["graph", "store"] = "graph"
    #: the file suffixes (lower case, with the dot) this importer reads unless told otherwise
    suffixes: tuple[str, ...] = ()
    #: True when it resolves references against what was loaded before it (a read model)
    needs_model: bool = False

    def _function(self) -> Callable[..., object]:
        module, _, name = self.entry.partition(":")
        function = getattr(importlib.import_module(module), name)
        return cast(Callable[..., object], function)

    def read(self, path: Path, model: ReadModel | None = None) -> Imported:
        """Read one file into triples; ``model`` resolves its references (``needs_model``)."""
        if self.target != "graph":
            raise InputError(f"the {self.name} importer writes a store (see `import {self.name}`)")
        reader = cast(FileReader, self._function())
        return reader(Path(path), model)

    def import_into_store(
        self, source: Path, target: Path, force: bool = False, progress: bool | None = None
    ) -> StoreImport:
        """Write ``source`` into a new store at ``target`` (see :mod:`.store_writer`)."""
        if self.target != "store":
            raise InputError(f"the {self.name} importer reads files merged with the others")
        writer = cast(StoreWriter, self._function())
        return writer(Path(source), Path(target), force, progress)


#: every importer, by name; a command reads its input files in this order (those that
#: resolve references against the others, ``needs_model``, after the rest)
IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        Importer(
            "rdf",
            "RDF files: Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD",
            "competency_graph.importers.rdf:read",
            suffixes=tuple(RDF_FORMATS),
        ),
        Importer(
            "job-posting",
            "schema.org JobPosting JSON-LD (one posting, a list or an @graph): vacancies",
            "competency_graph.importers.job_posting:read",
        ),
        Importer(
            "job-description",
            "one position and its job description in YAML or JSON "
            "(schema/job-description.schema.json)",
            "competency_graph.importers.job_description:read",
            suffixes=(".yaml", ".yml", ".json"),
            needs_model=True,
        ),
        Importer(
            "esco",
            "the ESCO classification (the folder of its published CSV zips), into a store",
            "competency_graph.importers.esco:import_into_store",
            target="store",
        ),
    )
}


def importer_named(name: str) -> Importer:
    """The importer called ``name``; an :class:`InputError` naming the known ones."""
    found = IMPORTERS.get(name)
    if found is None:
        hint = did_you_mean(name, {known: known for known in IMPORTERS})
        known = ", ".join(IMPORTERS)
        raise InputError(f"unknown importer '{name}'{hint} (known: {known})")
    return found


def default_importer_for_file(path: Path) -> Importer:
    """The importer that reads ``path`` by default, by its suffix (``.yaml``: job
    description, ``.ttl``: RDF); an :class:`InputError` for a suffix none reads."""
    suffix = Path(path).suffix.lower()
    for importer in IMPORTERS.values():
        if suffix in importer.suffixes:
            return importer
    known = ", ".join(sorted(s for i in IMPORTERS.values() for s in i.suffixes))
    raise InputError(f"unknown file type '{suffix}' (known: {known})", path)


def read_file(path: Path, model: ReadModel | None = None, importer: str | None = None) -> Imported:
    """Read one file with the importer named ``importer``, or the default for its suffix."""
    chosen = importer_named(importer) if importer else default_importer_for_file(path)
    return chosen.read(path, model)
