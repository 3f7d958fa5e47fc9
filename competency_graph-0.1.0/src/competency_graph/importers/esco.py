"""Import the ESCO classification (the published CSV zips) into an on-disk oxigraph store.

ESCO's CSV files map onto the ontology's own vocabulary (``ontology/core.ttl``):

- an occupation is a ``cg:Position`` under its ESCO IRI, with ``rdfs:label``,
  ``skos:altLabel``, ``skos:hiddenLabel``, ``skos:notation`` (the ESCO code, ISCO group
  first: ``2654.1.7``) and ``skos:definition`` (ESCO's definition, else its description;
  the description is kept as ``dct:description`` when both exist);
- a skill is a ``cg:Knowledge`` (skillType ``knowledge``), a ``cg:Competence``
  (``skill/competence``) or a plain ``cg:Skill`` (no type), with its ``cg:reuseLevel``;
- an essential/optional occupation-skill link is a ``cg:SkillRequirement`` (a named node,
  so that every store and endpoint gives it the same identity) with ``cg:requiredSkill``
  and ``cg:necessity``, attached by ``cg:hasRequirement``;
- both hierarchies are ``skos:broader`` (ISCO groups and skill groups become labelled
  ``skos:Concept``\\ s when their files are present); skill-skill relations are
  ``cg:relatedEssentialSkill`` / ``cg:relatedOptionalSkill``;
- where a shipped skill or position already points at an ESCO concept with
  ``skos:exactMatch`` (or ``skos:closeMatch``), the ESCO concept points back the same way;
- the ESCO attribution is recorded on the dataset node :data:`DATASET`.

The store is written by :mod:`competency_graph.importers.store_writer`: into a scratch
folder beside the target, renamed into place only when everything was read, so a failure
leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import csv
import io
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from competency_graph.errors import InputError
from competency_graph.importers.store_writer import check_target, progress_bar, write_store
from competency_graph.namespaces import CG, ID_BASE

ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
#: the node that describes the imported data: source, licence and the attribution
DATASET = ID_BASE + "dataset/esco"
ESCO_LICENCE = "http://data.europa.eu/eli/dec/2011/833/oj"
ESCO_HOME = "https://esco.ec.europa.eu/"

#: member -> the columns the import reads from it
REQUIRED_MEMBERS: dict[str, tuple[str, ...]] = {
    "occupations_en.csv": (
        "conceptUri",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "definition",
        "description",
        "code",
    ),
    "skills_en.csv": (
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "definition",
        "description",
    ),
    "occupationSkillRelations.csv": ("occupationUri", "relationType", "skillUri"),
    "skillSkillRelations.csv": ("originalSkillUri", "relationType", "relatedSkillUri"),
    "broaderRelationsOccPillar.csv": ("conceptUri", "broaderUri"),
    "broaderRelationsSkillPillar.csv": ("conceptUri", "broaderUri"),
}
#: group files: read when present, for the labels of the hierarchies' upper levels
OPTIONAL_MEMBERS: dict[str, tuple[str, ...]] = {
    "ISCOGroups_en.csv": ("conceptUri", "code", "preferredLabel", "altLabels", "description"),
    "skillGroups_en.csv": ("conceptUri", "code", "preferredLabel", "altLabels", "description"),
}
SKILL_CLASSES = {
    "knowledge": str(CG.Knowledge),
    "skill/competence": str(CG.Competence),
    "": str(CG.Skill),
}
NECESSITIES = {"essential": str(CG.essential), "optional": str(CG.optional)}
SKILL_RELATIONS = {
    "essential": str(CG.relatedEssentialSkill),
    "optional": str(CG.relatedOptionalSkill),
}


@dataclass
class ImportResult:
    """What an import wrote."""

    store: Path
    occupations: int = 0
    skills: int = 0
    links: int = 0
    skill_relations: int = 0
    broader: int = 0
    groups: int = 0
    matches: int = 0
    #: links whose occupation or skill is not in occupations_en.csv / skills_en.csv (kept)
    orphan_links: int = 0
    triples: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """What was imported, in one line (the CLI prints it)."""
        return (
            f"imported {self.occupations} occupations, {self.skills} skills, "
            f"{self.links} occupation-skill links, {self.skill_relations} skill-skill "
            f"relations, {self.broader} broader links, {self.groups} groups, "
            f"{self.matches} matches to the shipped ontology: {self.triples} triples "
            f"in {self.seconds:.1f} s -> {self.store}"
        )


@dataclass(frozen=True)
class _Member:
    name: str
    archive: Path | None  # None: a plain file
    path: str  # inside the archive, or on disk
    size: int


@dataclass
class EscoSource:
    """The ESCO CSV members found in a folder: inside ``*.zip`` archives or unpacked."""

    folder: Path
    members: dict[str, _Member] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> EscoSource:
        """Find the members in ``folder``; an :class:`InputError` for a wrong path."""
        expected = "expected the folder holding the ESCO CSV zips"
        if not folder.exists():
            raise InputError(f"no such folder ({expected})", folder)
        if not folder.is_dir():
            raise InputError(f"not a folder ({expected})", folder)
        source = cls(folder)
        wanted = set(REQUIRED_MEMBERS) | set(OPTIONAL_MEMBERS)
        for path in sorted(folder.rglob("*.csv")):
            if path.name in wanted:
                source.members.setdefault(
                    path.name, _Member(path.name, None, str(path), path.stat().st_size)
                )
        for archive in sorted(folder.glob("*.zip")):
            try:
                with zipfile.ZipFile(archive) as opened:
                    infos = opened.infolist()
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"not a readable zip archive: {exc}", archive) from None
            for info in infos:
                name = info.filename.rsplit("/", 1)[-1]
                if name in wanted:
                    source.members.setdefault(
                        name, _Member(name, archive, info.filename, info.file_size)
                    )
        missing = [name for name in REQUIRED_MEMBERS if name not in source.members]
        if missing:
            raise InputError(
                f"missing ESCO member(s): {', '.join(missing)} (expected in a *.zip archive "
                "or as unpacked CSV files)",
                folder,
            )
        return source

    def where(self, name: str) -> str:
        """``archive.zip:member`` or the file path, for messages."""
        member = self.members[name]
        return f"{member.archive}:{member.path}" if member.archive else member.path

    @contextlib.contextmanager
    def _binary(self, member: _Member) -> Iterator[IO[bytes]]:
        if member.archive is None:
            with Path(member.path).open("rb") as handle:
                yield handle
        else:
            with zipfile.ZipFile(member.archive) as opened, opened.open(member.path) as handle:
                yield handle

    def rows(
        self, name: str, advance: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (row number, row) of a member; row 1 is the first after the header.

        A missing column, a row with too many or too few fields, bad UTF-8 or broken CSV
        quoting is an :class:`InputError` naming the member and the row.
        """
        member = self.members[name]
        columns = REQUIRED_MEMBERS.get(name) or OPTIONAL_MEMBERS[name]
        where = self.where(name)
        with self._binary(member) as raw:
            counted = _CountingReader(raw, advance)
            text = io.TextIOWrapper(io.BufferedReader(counted), encoding="utf-8", newline="")
            reader = csv.DictReader(text)
            number = 0
            try:
                header = reader.fieldnames or []
                absent = [c for c in columns if c not in header]
                if absent:
                    raise InputError(f"missing column(s) {', '.join(absent)} in the header", where)
                for number, row in enumerate(reader, start=1):
                    if None in row or any(row.get(c) is None for c in header):
                        raise InputError(
                            f"row {number} (line {reader.line_num}): malformed row: expected "
                            f"{len(header)} fields",
                            where,
                        )
                    yield number, row
            except csv.Error as exc:
                raise InputError(
                    f"row {number + 1} (line {reader.line_num}): malformed CSV: {exc}", where
                ) from None
            except UnicodeDecodeError as exc:
                raise InputError(f"row {number + 1}: not UTF-8 text: {exc.reason}", where) from None


class _CountingReader(io.RawIOBase):
    """A binary stream that reports how many bytes were read (for the progress bar)."""

    def __init__(self, raw: IO[bytes], advance: Callable[[int], None] | None) -> None:
        self.raw = raw
        self.advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        if self.advance is not None:
            self.advance(len(data))
        return len(data)


class _Writer:
    """Turns rows into oxigraph quads; validates IRIs and values as it goes."""

    def __init__(self, source: EscoSource, result: ImportResult) -> None:
        self.source = source
        self.result = result
        self.quads: list[ox.Quad] = []
        self.typed: set[str] = set()  # subjects given an rdf:type: what was imported
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri: str) -> ox.NamedNode:
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = ox.NamedNode(iri)
        return found

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(self.node(subject), self.node(predicate), obj))

    def typed_as(self, subject: str, cls: str) -> None:
        self.typed.add(subject)
        self.add(subject, str(RDF.type), self.node(cls))

    def drain(self) -> list[ox.Quad]:
        """The quads made since the last drain (so that memory stays bounded)."""
        quads, self.quads = self.quads, []
        return quads

    def text(self, subject: str, predicate: str, value: str) -> None:
        value = value.strip()
        if value:
            self.add(subject, predicate, ox.Literal(value, language="en"))

    def code(self, subject: str, value: str) -> None:
        if value.strip():
            self.add(subject, str(SKOS.notation), ox.Literal(value.strip()))

    def texts(self, subject: str, predicate: str, values: str) -> None:
        for value in sorted({v.strip() for v in values.split("\n") if v.strip()}):
            self.add(subject, predicate, ox.Literal(value, language="en"))

    def iri(self, name: str, number: int, row: dict[str, str], column: str) -> str:
        value = row[column].strip()
        if not value.startswith(("http://", "https://")) or any(c in value for c in ' <>"{}|\\^`'):
            raise InputError(
                f"row {number}: malformed row: {column} is not an IRI: {value!r}",
                self.source.where(name),
            )
        return value

    def choice(
        self, name: str, number: int, row: dict[str, str], column: str, known: dict[str, str]
    ) -> str:
        value = row[column].strip()
        if value not in known:
            expected = " or ".join(repr(k) for k in known if k)
            raise InputError(
                f"row {number}: malformed row: {column} is {value!r}, expected {expected}",
                self.source.where(name),
            )
        return known[value]

    def described(self, iri: str, row: dict[str, str]) -> None:
        """Labels and texts common to occupations, skills and groups."""
        self.text(iri, str(RDFS.label), row["preferredLabel"])
        self.texts(iri, str(SKOS.altLabel), row["altLabels"])
        self.texts(iri, str(SKOS.hiddenLabel), row.get("hiddenLabels") or "")
        definition = (row.get("definition") or "").strip()
        description = row["description"].strip()
        self.text(iri, str(SKOS.definition), definition or description)
        if definition and description:
            self.text(iri, str(DCTERMS.description), description)


def convert(
    source: EscoSource,
    result: ImportResult,
    matches: dict[str, list[tuple[str, str]]] | None = None,
    advance: Callable[[int], None] | None = None,
) -> Iterator[ox.Quad]:
    """Every quad of the import (default graph), in file order, made as they are read."""
    out = _Writer(source, result)
    name = "occupations_en.csv"
    for number, row in source.rows(name, advance):
        iri = out.iri(name, number, row, "conceptUri")
        out.typed_as(iri, str(CG.Position))
        out.described(iri, row)
        out.code(iri, row["code"])
        result.occupations += 1
        yield from out.drain()
    name = "skills_en.csv"
    for number, row in source.rows(name, advance):
        iri = out.iri(name, number, row, "conceptUri")
        cls = out.choice(name, number, row, "skillType", SKILL_CLASSES)
        out.typed_as(iri, cls)
        out.described(iri, row)
        if row["reuseLevel"].strip():
            out.add(iri, str(CG.reuseLevel), ox.Literal(row["reuseLevel"].strip()))
        result.skills += 1
        yield from out.drain()
    for name in OPTIONAL_MEMBERS:
        if name not in source.members:
            continue
        for number, row in source.rows(name, advance):
            iri = out.iri(name, number, row, "conceptUri")
            out.typed_as(iri, str(SKOS.Concept))
            out.described(iri, row)
            out.code(iri, row["code"])
            result.groups += 1
            yield from out.drain()
    name = "occupationSkillRelations.csv"
    for number, row in source.rows(name, advance):
        occupation = out.iri(name, number, row, "occupationUri")
        skill = out.iri(name, number, row, "skillUri")
        necessity = out.choice(name, number, row, "relationType", NECESSITIES)
        if occupation not in out.typed or skill not in out.typed:
            result.orphan_links += 1
        requirement = requirement_iri(occupation, skill)
        out.add(occupation, str(CG.hasRequirement), out.node(requirement))
        out.add(requirement, str(RDF.type), out.node(str(CG.SkillRequirement)))
        out.add(requirement, str(CG.requiredSkill), out.node(skill))
        out.add(requirement, str(CG.necessity), out.node(necessity))
        result.links += 1
        yield from out.drain()
    name = "skillSkillRelations.csv"
    for number, row in source.rows(name, advance):
        original = out.iri(name, number, row, "originalSkillUri")
        related = out.iri(name, number, row, "relatedSkillUri")
        relation = out.choice(name, number, row, "relationType", SKILL_RELATIONS)
        out.add(original, relation, out.node(related))
        result.skill_relations += 1
        yield from out.drain()
    for name in ("broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"):
        for number, row in source.rows(name, advance):
            concept = out.iri(name, number, row, "conceptUri")
            wider = out.iri(name, number, row, "broaderUri")
            out.add(concept, str(SKOS.broader), out.node(wider))
            result.broader += 1
            yield from out.drain()
    for esco_iri, found in sorted((matches or {}).items()):
        if esco_iri in out.typed:
            for predicate, ours in found:
                out.add(esco_iri, predicate, out.node(ours))
                result.matches += 1
    yield from out.drain()
    out.add(DATASET, str(RDF.type), out.node("http://www.w3.org/ns/dcat#Dataset"))
    out.add(DATASET, str(DCTERMS.title), ox.Literal("ESCO classification (English CSV)"))
    out.add(DATASET, str(DCTERMS.rights), ox.Literal(ATTRIBUTION, language="en"))
    out.add(DATASET, str(DCTERMS.license), out.node(ESCO_LICENCE))
    out.add(DATASET, str(DCTERMS.source), out.node(ESCO_HOME))
    yield from out.drain()


def requirement_iri(occupation: str, skill: str) -> str:
    """The named requirement node of one occupation-skill link (stable across imports)."""
    return f"{ID_BASE}requirement/esco-{_slug(occupation)}-{_slug(skill)}"


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def shipped_matches() -> dict[str, list[tuple[str, str]]]:
    """ESCO IRI -> (match property, our IRI) for every ESCO match in the shipped ontology."""
    from competency_graph.graph.files import load_graph

    graph = load_graph().graph
    found: dict[str, list[tuple[str, str]]] = {}
    for predicate in (SKOS.exactMatch, SKOS.closeMatch):
        for ours, theirs in graph.subject_objects(predicate):
            if str(theirs).startswith("http://data.europa.eu/esco/"):
                found.setdefault(str(theirs), []).append((str(predicate), str(ours)))
    return {iri: sorted(pairs) for iri, pairs in found.items()}


def import_esco(
    folder: Path,
    target: Path,
    force: bool = False,
    progress: bool | None = None,
    matches: dict[str, list[tuple[str, str]]] | None = None,
) -> ImportResult:
    """Import the ESCO CSVs in ``folder`` into a new oxigraph store at ``target``.

    ``force`` replaces an existing store; ``progress`` shows a bar on stderr (default:
    when stderr is a terminal); ``matches`` overrides :func:`shipped_matches`. The store is
    written all or nothing (:func:`~competency_graph.importers.store_writer.write_store`).
    """
    started = time.perf_counter()
    check_target(target, force)
    source = EscoSource.open(folder)
    result = ImportResult(store=target)
    if matches is None:
        matches = shipped_matches()
    total = sum(member.size for member in source.members.values())
    with progress_bar("importing ESCO", total, progress) as advance:
        result.triples = write_store(target, convert(source, result, matches, advance), force)
    result.seconds = time.perf_counter() - started
    return result


def import_into_store(
    source: Path, target: Path, force: bool = False, progress: bool | None = None
) -> ImportResult:
    """The importer's writer (:data:`~competency_graph.importers.registry.IMPORTERS`)."""
    return import_esco(source, target, force=force, progress=progress)
