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
- both hierarchies are ``skos:broader``; the ISCO groups (``ISCOGroups_en.csv``) become
  ``cg:OccupationGroup``\\ s and the skill groups (``skillGroups_en.csv``) ``cg:SkillGroup``\\ s,
  both also ``skos:Concept``, labelled and coded, when their files are present;
  skill-skill relations are ``cg:relatedEssentialSkill`` / ``cg:relatedOptionalSkill``;
- labels and texts in every language given: the English files are required (they decide
  what exists); the same files in other languages (``occupations_de.csv`` in
  ``classification-de-csv.zip``...) add their labels, alternative and hidden labels and
  definitions, tagged with the language, to the concepts the English files hold;
- where a shipped skill or position already points at an ESCO concept with
  ``skos:exactMatch`` (or ``skos:closeMatch``), the ESCO concept points back the same way;
- the ESCO attribution is recorded on the dataset node :data:`DATASET`.

Every file is read (and checked) before anything is written; the triples then go to the
store as N-Triples through oxigraph's bulk loader, written by
:mod:`competency_graph.importers.store_writer`: into a scratch folder beside the target,
renamed into place only when everything was written, so a failure leaves nothing
half-written. What was read (:class:`Classification`) also builds the read model without
reading the store back (:mod:`competency_graph.importers.esco_model`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from competency_graph.errors import InputError
from competency_graph.importers.store_writer import (
    NTriples,
    check_target,
    progress_bar,
    write_store,
)
from competency_graph.namespaces import CG, ID_BASE

ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
#: the node that describes the imported data: source, licence and the attribution
DATASET = ID_BASE + "dataset/esco"
ESCO_LICENCE = "http://data.europa.eu/eli/dec/2011/833/oj"
ESCO_HOME = "https://esco.ec.europa.eu/"
#: the language every import needs: its files decide which concepts exist
BASE_LANGUAGE = "en"

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
#: the files that come in every language (stem -> the class of their concepts), and the
#: columns read from their translations
CONCEPT_FILES = {
    "occupations": str(CG.Position),
    "skills": "",  # by skillType
    "ISCOGroups": str(CG.OccupationGroup),
    "skillGroups": str(CG.SkillGroup),
}
TRANSLATED_COLUMNS = ("conceptUri", "preferredLabel", "altLabels", "description")
#: ``occupations_de.csv``: a concept file in a language (ESCO's codes: ``de``, ``pt``, ``nb``...)
_LANGUAGE_MEMBER = re.compile(
    r"^(occupations|skills|ISCOGroups|skillGroups)_([a-z]{2,3}(?:-[a-z0-9]{1,8})*)\.csv$"
)
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
# what an IRI may not hold (N-Triples' IRIREF): checked on every IRI read
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
LABEL, ALT_LABEL, HIDDEN_LABEL = str(RDFS.label), str(SKOS.altLabel), str(SKOS.hiddenLabel)
DEFINITION, DESCRIPTION = str(SKOS.definition), str(DCTERMS.description)


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
    #: the languages of the labels, English first
    languages: tuple[str, ...] = (BASE_LANGUAGE,)
    #: what was read: the read model is built from it (:mod:`.esco_model`)
    classification: Classification | None = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        """What was imported, in one line (the CLI prints it)."""
        languages = f" in {len(self.languages)} languages" if len(self.languages) > 1 else ""
        return (
            f"imported {self.occupations} occupations, {self.skills} skills, "
            f"{self.links} occupation-skill links, {self.skill_relations} skill-skill "
            f"relations, {self.broader} broader links, {self.groups} groups, "
            f"{self.matches} matches to the shipped ontology{languages}: {self.triples} triples "
            f"in {self.seconds:.1f} s -> {self.store}"
        )


@dataclass
class Concept:
    """An occupation, skill or group as read: its class, texts, code and reuse level."""

    iri: str
    cls: str
    #: (predicate IRI, value, language) in the order read
    texts: list[tuple[str, str, str]] = field(default_factory=list)
    code: str | None = None
    reuse_level: str | None = None


@dataclass
class Classification:
    """Everything an import read, checked, in file order."""

    #: IRI -> concept: occupations, skills, ISCO groups, skill groups
    concepts: dict[str, Concept] = field(default_factory=dict)
    #: (occupation, skill, necessity IRI) of every occupation-skill link
    links: list[tuple[str, str, str]] = field(default_factory=list)
    #: (skill, relation IRI, related skill)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    #: (concept, broader concept)
    broader: list[tuple[str, str]] = field(default_factory=list)
    #: ESCO IRI -> (match property, shipped IRI), for the ESCO concepts imported
    matches: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Member:
    name: str
    archive: Path | None  # None: a plain file
    path: str  # inside the archive, or on disk
    size: int


@dataclass
class EscoSource:
    """The ESCO CSV members found in folders (inside ``*.zip`` archives or unpacked) and in
    zip archives given by name."""

    folder: Path
    members: dict[str, _Member] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path | Sequence[Path]) -> EscoSource:
        """Find the members in ``folder`` (or in each of several folders and zip archives);
        an :class:`InputError` for a wrong path or a missing member."""
        paths = [folder] if isinstance(folder, Path) else [Path(p) for p in folder]
        if not paths:
            raise InputError("no ESCO folder or archive given")
        source = cls(paths[0])
        for path in paths:
            source._add(path)
        missing = [name for name in REQUIRED_MEMBERS if name not in source.members]
        if missing:
            raise InputError(
                f"missing ESCO member(s): {', '.join(missing)} (expected in a *.zip archive "
                "or as unpacked CSV files)",
                paths[0] if len(paths) == 1 else ", ".join(str(p) for p in paths),
            )
        return source

    def _add(self, path: Path) -> None:
        expected = "expected the folder holding the ESCO CSV zips"
        if not path.exists():
            raise InputError(f"no such folder ({expected})", path)
        if path.is_file() and path.suffix.lower() == ".zip":
            self._add_archive(path)
            return
        if not path.is_dir():
            raise InputError(f"not a folder ({expected}) or a zip archive", path)
        for found in sorted(path.rglob("*.csv")):
            if wanted(found.name):
                self.members.setdefault(
                    found.name, _Member(found.name, None, str(found), found.stat().st_size)
                )
        for archive in sorted(path.glob("*.zip")):
            self._add_archive(archive)

    def _add_archive(self, archive: Path) -> None:
        try:
            with zipfile.ZipFile(archive) as opened:
                infos = opened.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"not a readable zip archive: {exc}", archive) from None
        for info in infos:
            name = info.filename.rsplit("/", 1)[-1]
            if wanted(name):
                self.members.setdefault(name, _Member(name, archive, info.filename, info.file_size))

    def languages(self) -> tuple[str, ...]:
        """The languages of the concept files found, English first, then by code."""
        found = {m.group(2) for name in self.members if (m := _LANGUAGE_MEMBER.match(name))}
        return (BASE_LANGUAGE, *sorted(found - {BASE_LANGUAGE}))

    def columns(self, name: str) -> tuple[str, ...]:
        """The columns the import reads from member ``name``."""
        if name in REQUIRED_MEMBERS:
            return REQUIRED_MEMBERS[name]
        if name in OPTIONAL_MEMBERS:
            return OPTIONAL_MEMBERS[name]
        return TRANSLATED_COLUMNS

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
        columns = self.columns(name)
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


def wanted(name: str) -> bool:
    """True for a member the import reads: the English files, and the concept files in any
    other language."""
    english = name in REQUIRED_MEMBERS or name in OPTIONAL_MEMBERS
    return english or bool(_LANGUAGE_MEMBER.match(name))


class _Reader:
    """Reads every member into a :class:`Classification`; validates IRIs and values."""

    def __init__(self, source: EscoSource, result: ImportResult) -> None:
        self.source = source
        self.result = result
        self.found = Classification()

    def iri(self, name: str, number: int, row: dict[str, str], column: str) -> str:
        value = row[column].strip()
        if not value.startswith(("http://", "https://")) or _NOT_IN_IRI.search(value):
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

    def concepts(self, stem: str, language: str, advance: Callable[[int], None] | None) -> None:
        """Read ``<stem>_<language>.csv`` (when present): new concepts from the English
        files, texts in ``language`` for the known ones from the others."""
        name = f"{stem}_{language}.csv"
        if name not in self.source.members:
            return
        known = self.found.concepts
        for number, row in self.source.rows(name, advance):
            iri = self.iri(name, number, row, "conceptUri")
            concept = known.get(iri)
            if language == BASE_LANGUAGE:
                if stem == "skills":
                    cls = self.choice(name, number, row, "skillType", SKILL_CLASSES)
                else:
                    cls = CONCEPT_FILES[stem]
                if concept is None:
                    concept = known[iri] = Concept(iri, cls)
                    self.count(stem)
                if "code" in row and row["code"].strip():
                    concept.code = concept.code or row["code"].strip()
                if stem == "skills" and row["reuseLevel"].strip():
                    concept.reuse_level = concept.reuse_level or row["reuseLevel"].strip()
            elif concept is None:
                continue  # a translation of what the English files do not hold
            described(concept, row, language)

    def count(self, stem: str) -> None:
        if stem == "occupations":
            self.result.occupations += 1
        elif stem == "skills":
            self.result.skills += 1
        else:
            self.result.groups += 1

    def read(self, advance: Callable[[int], None] | None = None) -> Classification:
        languages = self.source.languages()
        for stem in CONCEPT_FILES:
            for language in languages:
                self.concepts(stem, language, advance)
        found, known = self.found, self.found.concepts
        name = "occupationSkillRelations.csv"
        for number, row in self.source.rows(name, advance):
            occupation = self.iri(name, number, row, "occupationUri")
            skill = self.iri(name, number, row, "skillUri")
            necessity = self.choice(name, number, row, "relationType", NECESSITIES)
            if occupation not in known or skill not in known:
                self.result.orphan_links += 1
            found.links.append((occupation, skill, necessity))
        self.result.links = len(found.links)
        name = "skillSkillRelations.csv"
        for number, row in self.source.rows(name, advance):
            original = self.iri(name, number, row, "originalSkillUri")
            related = self.iri(name, number, row, "relatedSkillUri")
            relation = self.choice(name, number, row, "relationType", SKILL_RELATIONS)
            found.relations.append((original, relation, related))
        self.result.skill_relations = len(found.relations)
        for name in ("broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"):
            for number, row in self.source.rows(name, advance):
                concept = self.iri(name, number, row, "conceptUri")
                found.broader.append((concept, self.iri(name, number, row, "broaderUri")))
        self.result.broader = len(found.broader)
        self.result.languages = languages
        return found


def described(concept: Concept, row: dict[str, str], language: str) -> None:
    """Add the labels and texts of one row, in ``language``, to ``concept``."""
    texts = concept.texts
    label = row["preferredLabel"].strip()
    if label:
        texts.append((LABEL, label, language))
    for predicate, column in ((ALT_LABEL, "altLabels"), (HIDDEN_LABEL, "hiddenLabels")):
        values = {v.strip() for v in (row.get(column) or "").split("\n") if v.strip()}
        texts.extend((predicate, value, language) for value in sorted(values))
    definition = (row.get("definition") or "").strip()
    description = (row.get("description") or "").strip()
    if definition or description:
        texts.append((DEFINITION, definition or description, language))
    if definition and description:
        texts.append((DESCRIPTION, description, language))


def read_classification(
    source: EscoSource, result: ImportResult, advance: Callable[[int], None] | None = None
) -> Classification:
    """Read and check every member of ``source`` (counted in ``result``)."""
    return _Reader(source, result).read(advance)


# -- N-Triples ----------------------------------------------------------------------------
def _iri(iri: str) -> str:
    return f"<{iri}>"


def _literal(value: str, language: str | None = None) -> str:
    # a JSON string is an N-Triples string: the same escapes (\" \\ \n \uXXXX)
    quoted = json.dumps(value, ensure_ascii=False)
    return f"{quoted}@{language}" if language else quoted


_TYPE, _CONCEPT = _iri(str(RDF.type)), _iri(str(SKOS.Concept))
_NOTATION, _REUSE = _iri(str(SKOS.notation)), _iri(str(CG.reuseLevel))
_HAS_REQUIREMENT, _REQUIRED_SKILL = _iri(str(CG.hasRequirement)), _iri(str(CG.requiredSkill))
_NECESSITY, _SKILL_REQUIREMENT = _iri(str(CG.necessity)), _iri(str(CG.SkillRequirement))
_BROADER = _iri(str(SKOS.broader))
_GROUP_CLASSES = {str(CG.OccupationGroup), str(CG.SkillGroup)}


def convert(
    found: Classification, result: ImportResult, matches: dict[str, list[tuple[str, str]]]
) -> Iterator[str]:
    """The N-Triples lines of the import (default graph), a few thousand at a time."""
    lines: list[str] = []
    known = found.concepts
    predicates: dict[str, str] = {}
    for concept in known.values():
        s = _iri(concept.iri)
        lines.append(f"{s} {_TYPE} {_iri(concept.cls)} .")
        if concept.cls in _GROUP_CLASSES:
            lines.append(f"{s} {_TYPE} {_CONCEPT} .")
        for predicate, value, language in concept.texts:
            p = predicates.get(predicate) or predicates.setdefault(predicate, _iri(predicate))
            lines.append(f"{s} {p} {_literal(value, language)} .")
        if concept.code:
            lines.append(f"{s} {_NOTATION} {_literal(concept.code)} .")
        if concept.reuse_level:
            lines.append(f"{s} {_REUSE} {_literal(concept.reuse_level)} .")
        if len(lines) > 5000:
            yield "\n".join(lines)
            lines.clear()
    for occupation, skill, necessity in found.links:
        requirement = _iri(requirement_iri(occupation, skill))
        lines.append(f"{_iri(occupation)} {_HAS_REQUIREMENT} {requirement} .")
        lines.append(f"{requirement} {_TYPE} {_SKILL_REQUIREMENT} .")
        lines.append(f"{requirement} {_REQUIRED_SKILL} {_iri(skill)} .")
        lines.append(f"{requirement} {_NECESSITY} {_iri(necessity)} .")
        if len(lines) > 5000:
            yield "\n".join(lines)
            lines.clear()
    for original, relation, related in found.relations:
        lines.append(f"{_iri(original)} {_iri(relation)} {_iri(related)} .")
    for concept_iri, wider in found.broader:
        lines.append(f"{_iri(concept_iri)} {_BROADER} {_iri(wider)} .")
    found.matches = {iri: pairs for iri, pairs in sorted(matches.items()) if iri in known}
    for esco_iri, pairs in found.matches.items():
        for predicate, ours in pairs:
            lines.append(f"{_iri(esco_iri)} {_iri(predicate)} {_iri(ours)} .")
            result.matches += 1
    dataset = _iri(DATASET)
    lines += [
        f"{dataset} {_TYPE} <http://www.w3.org/ns/dcat#Dataset> .",
        f"{dataset} {_iri(str(DCTERMS.title))} {_literal('ESCO classification (English CSV)')} .",
        f"{dataset} {_iri(str(DCTERMS.rights))} {_literal(ATTRIBUTION, 'en')} .",
        f"{dataset} {_iri(str(DCTERMS.license))} {_iri(ESCO_LICENCE)} .",
        f"{dataset} {_iri(str(DCTERMS.source))} {_iri(ESCO_HOME)} .",
    ]
    yield "\n".join(lines)


def requirement_iri(occupation: str, skill: str) -> str:
    """The named requirement node of one occupation-skill link (stable across imports)."""
    return f"{REQUIREMENT_PREFIX}{slug_of(occupation)}-{slug_of(skill)}"


#: how every requirement node's IRI begins
REQUIREMENT_PREFIX = f"{ID_BASE}requirement/esco-"


def slug_of(iri: str) -> str:
    """The last segment of an ESCO IRI (its UUID)."""
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
    folder: Path | Sequence[Path],
    target: Path,
    force: bool = False,
    progress: bool | None = None,
    matches: dict[str, list[tuple[str, str]]] | None = None,
) -> ImportResult:
    """Import the ESCO CSVs in ``folder`` (a folder, or several folders and zip archives:
    the English classification and the relations, and any other languages) into a new
    oxigraph store at ``target``.

    ``force`` replaces an existing store; ``progress`` shows a bar on stderr (default:
    when stderr is a terminal); ``matches`` overrides :func:`shipped_matches`. Every file is
    read and checked before the store is written, all or nothing
    (:func:`~competency_graph.importers.store_writer.write_store`). The result keeps what
    was read (``classification``), from which the read model is built.
    """
    started = time.perf_counter()
    check_target(target, force)
    source = EscoSource.open(folder)
    result = ImportResult(store=target)
    if matches is None:
        matches = shipped_matches()
    total = sum(member.size for member in source.members.values())
    with progress_bar("importing ESCO", total, progress) as advance:
        found = read_classification(source, result, advance)
    result.triples = write_store(target, NTriples(convert(found, result, matches)), force)
    result.classification = found
    result.seconds = time.perf_counter() - started
    return result


def import_into_store(
    source: Path, target: Path, force: bool = False, progress: bool | None = None
) -> ImportResult:
    """The importer's writer (:data:`~competency_graph.importers.registry.IMPORTERS`)."""
    return import_esco(source, target, force=force, progress=progress)
