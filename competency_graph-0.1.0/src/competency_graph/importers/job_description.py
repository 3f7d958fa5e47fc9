"""The job-description input format: one position in YAML or JSON, for people who do not write RDF.

The format is described by ``schema/job-description.schema.json``; ``examples/job-descriptions``
has valid and invalid files. A file is read in three steps, each failing with an
:class:`~competency_graph.errors.InputError` that names the file, the field
(``duties[2].supported_by[0]``) and the line of that field:

1. parse YAML (or JSON) keeping every node's position (``yaml.compose``);
2. validate against the JSON Schema;
3. convert to RDF shaped like ``ontology/positions.ttl``, resolving every reference to a
   skill, norm, department, position, duty, right, responsibility or requirement by compact
   id, IRI or label (ru or en, case-insensitive; for skills also ``skos:altLabel``) against a
   :class:`~competency_graph.model.readmodel.ReadModel` of the shipped ontology.

New duties, rights, responsibilities and requirements get IRIs under the position's slug:
``duty:<position>-<id>``, or ``duty:<position>-<n>`` (n = 1-based place in its list) when
they have no ``id``; like the position and the job description, they are declared
``owl:NamedIndividual`` as in the shipped ontology. Every duty, right, responsibility and
requirement, new or referred to, is numbered by its place in its list (a ``cg:Clause``), so
documents keep the author's order. :class:`JobDescriptionInput` keeps, for every entity it
created, the file and line it came from, so the checker can point violations at YAML lines.

A file whose position already exists is a new edition of that position's job description
(``revises``): added to a loaded graph, it replaces the old edition
(:mod:`.revision`) and says so in the graph's notes.

Texts are Russian, English optional: a draft may be written in Russian only (the rules say
when the translation is due). ``level`` and an attribute's ``value`` are either a value the
same in every language (``B1``, kept as a plain literal) or a text ``{ru, en}``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node as RDFNode

from competency_graph.errors import InputError
from competency_graph.grammar import inflect_phrase, lower_first, plural_years
from competency_graph.graph.files import LoadedGraph, SourceLocation, Statement
from competency_graph.graph.ontology import locate_schemas
from competency_graph.importers.references import References, Unresolved
from competency_graph.importers.registry import Imported
from competency_graph.importers.revision import (
    edition_note,
    edition_of,
    job_descriptions_of,
    replace_description,
)
from competency_graph.model.domain import Text
from competency_graph.model.ids import did_you_mean
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import CG, ID_BASE, ID_KINDS, ORG, PREFIXES, compact_id
from competency_graph.reading import (
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    load_json,
    long_number_message,
    position,
    read_utf8,
)

SCHEMA_FILE = "job-description.schema.json"

FieldPath = tuple[str | int, ...]

#: the field that states each property of the job description and its position, from the
#: document's top (what a violation names when the property is missing)
DOCUMENT_FIELDS: dict[URIRef, str] = {
    CG.describes: "position",
    CG.status: "status",
    CG.version: "version",
    CG.hasRequirement: "requirements",
    CG.includesDuty: "duties",
    CG.grantsRight: "rights",
    CG.establishesResponsibility: "responsibilities",
    CG.omitsStandardDuty: "omissions",
    CG.approvedBy: "approval",
    CG.agreedBy: "agreements",
    CG.familiarisedBy: "familiarisation",
    CG.hasGeneralProvisions: "position",
    CG.statesDepartment: "position.department",
    CG.statesSupervisor: "position.reports_to",
    CG.statesAppointingHead: "position.appointed_by",
    CG.statesSubstitute: "position.substitute",
    ORG.postIn: "position.department",
    ORG.reportsTo: "position.reports_to",
    CG.substitutedBy: "position.substitute",
    CG.appointedBy: "position.appointed_by",
    CG.specialises: "position.specialises",
    CG.mustKnow: "position.must_know",
    CG.nextCareerStep: "position.next_steps",
}
#: the field of an item (a duty, right, responsibility, requirement, signature; the
#: position) that states each property, relative to the item
ITEM_FIELDS: dict[URIRef, str] = {
    RDFS.label: "label",
    SKOS.definition: "definition",
    CG.sourceText: "source_text",
    CG.supportedBy: "supported_by",
    CG.requiresCompetence: "requires",
    CG.partOfFunction: "function",
    CG.facilitates: "facilitates",
    CG.liabilityKind: "kind",
    CG.sanction: "sanctions",
    CG.legalBasis: "legal_basis",
    CG.materialLiabilityLimit: "limit",
    CG.writtenLiabilityAgreement: "written_agreement",
    CG.requiredSkill: "skill",
    CG.level: "level",
    CG.necessity: "necessity",
    CG.educationLevel: "education",
    CG.educationField: "field",
    CG.minYears: "experience.years",
    CG.experienceArea: "experience.area",
    CG.experienceSkill: "experience.skill",
    CG.attribute: "attribute",
    CG.attributeValue: "value",
    CG.agreementRole: "role",
    CG.signatory: "by",
    CG.signatoryName: "name",
    CG.date: "date",
    CG.omittedDuty: "duty",
    CG.reason: "reason",
}


def property_field(item: str, predicate: URIRef) -> str | None:
    """The field that states ``predicate`` of the item at field path ``item`` (``""``: the
    job description, the whole document; ``position``; ``duties[2]``), or None.

    ``property_field("duties[2]", cg:supportedBy)`` is ``duties[2].supported_by``;
    ``property_field("", cg:approvedBy)`` is ``approval``.
    """
    if item in ("", "position") and predicate in DOCUMENT_FIELDS:
        return DOCUMENT_FIELDS[predicate]
    if item == "" and predicate == RDFS.label:
        return "title"
    name = ITEM_FIELDS.get(predicate)
    if name is None:
        return None
    return f"{item}.{name}" if item else name


#: the file name of a job description given as data, not read from a file (sent over
#: GraphQL): the violations of its check point at it
INPUT_SOURCE = "<input>"


@functools.cache
def field_names() -> dict[str, str]:
    """Property IRI -> the field that states it (``cg:supportedBy`` -> ``supported_by``,
    ``org:reportsTo`` -> ``position.reports_to``), for messages written in properties that
    a YAML author reads."""
    names = {str(p): name for p, name in ITEM_FIELDS.items()}
    names.update({str(p): name for p, name in DOCUMENT_FIELDS.items()})
    return names


@dataclass(frozen=True, kw_only=True)
class JobDescriptionInput(Imported):
    """A converted job description: its RDF, its two main IRIs, and where each entity came from.

    ``locations`` maps the IRI of every entity created from the file (position, job
    description, new duties, rights, responsibilities, requirements) to its file and line;
    :meth:`add_to` merges both into a loaded graph, after which the checker reports
    violations of these entities at their YAML lines. ``revises`` is true when the position
    already existed: the file is a new edition of its job description.
    """

    position: str
    job_description: str
    revises: bool = False

    @property
    def described(self) -> tuple[str, ...]:
        """The position: a job description describes it whole (a new one, or a new edition)."""
        return (self.position,)

    def add_to(self, loaded: LoadedGraph) -> None:
        """Merge the triples, the file and the entities' lines into ``loaded``.

        A new edition first removes the old one (:func:`.revision.replace_description`) and
        adds a note naming both editions to ``loaded.notes``.
        """
        if self.revises:
            self._replace_old_edition(loaded)
        super().add_to(loaded)

    def _replace_old_edition(self, loaded: LoadedGraph) -> None:
        position = URIRef(self.position)
        old_descriptions = job_descriptions_of(loaded.graph, position)
        old = (
            edition_of(loaded.graph, old_descriptions[0], _file_of(loaded, old_descriptions[0]))
            if old_descriptions
            else None
        )
        defined_in = _file_of(loaded, position) or "the graph"
        replace_description(loaded.graph, position, list(self.locations))
        new = edition_of(self.graph, URIRef(self.job_description), self.source)
        loaded.notes.append(edition_note(position, old, new, defined_in))


def _file_of(loaded: LoadedGraph, node: object) -> str | None:
    """The file ``node`` is defined in, relative to the working folder when it is inside it."""
    location = loaded.location_of(node)
    if location is None:
        return None
    path = Path(location.path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def schema_path() -> Path:
    """Path of ``schema/job-description.schema.json``: beside the ontology in use, else the
    packaged copy (:func:`~competency_graph.graph.ontology.locate_schemas`)."""
    return locate_schemas().path / SCHEMA_FILE


@functools.cache
def job_description_schema() -> dict[str, Any]:
    """The JSON Schema of the format (read once)."""
    schema: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return schema


def read(path: Path, model: ReadModel | None) -> JobDescriptionInput:
    """The importer's reader (:data:`~competency_graph.importers.registry.IMPORTERS`):
    :func:`load_job_description`, against ``model`` (what was loaded before), leaving out
    the references that name nothing (in ``.problems``) so that the rest can be checked."""
    if model is None:
        raise InputError(
            "a job description needs the ontology it refers to (its skills, norms, positions)",
            path,
        )
    return load_job_description(path, model, partial=True)


def load_job_description(
    path: Path, model: ReadModel, *, partial: bool = False
) -> JobDescriptionInput:
    """Read a YAML or JSON job description (by suffix) and convert it.

    The result holds the RDF (``.graph``) and the line of every entity it created
    (``.locations``); its ``add_to`` merges both into a loaded graph. A reference that
    names nothing is an :class:`InputError` (with every other one in ``more``); with
    ``partial``, it is left out and the problems are in ``.problems`` instead.
    """
    source = str(path)
    text = read_utf8(Path(path))
    if path.suffix.lower() == ".json":
        data, root = _parse_json(text, source)
    else:
        data, root = _parse_yaml(text, source)
    return convert_job_description(data, model, source, root, partial=partial)


def job_description_from_mapping(
    data: Mapping[str, Any], model: ReadModel, source: str = INPUT_SOURCE
) -> Graph:
    """Convert an already parsed job description (a dict, e.g. from GraphQL) to RDF."""
    return convert_job_description(data, model, source).graph


def convert_job_description(
    data: Any,
    model: ReadModel,
    source: str = INPUT_SOURCE,
    root: yaml.Node | None = None,
    *,
    partial: bool = False,
) -> JobDescriptionInput:
    """Validate ``data`` against the schema and convert it; ``root`` gives line numbers;
    ``partial`` as for :func:`load_job_description`."""
    located = _Located(source, root)
    _validate(data, located)
    converted = _Converter(data, model, located).convert()
    if converted.problems and not partial:
        first, *others = converted.problems
        first.more = tuple(others)
        raise first
    return converted


# -- parsing -----------------------------------------------------------------------------------


#: the most values a YAML document may stand for once its aliases (``*name``) are expanded:
#: a job description has a few hundred; a "billion laughs" document, nine levels of nine
#: aliases each, would be 387 million, and every later pass over it would take hours
MAX_EXPANDED_VALUES = 100_000


class _LimitExceeded(yaml.MarkedYAMLError):
    """A document over one of the loader's bounds (it may be valid YAML)."""

    def __init__(self, problem: str, mark: object) -> None:
        super().__init__(problem=problem, problem_mark=cast(yaml.Mark, mark))


class _Loader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so the schema (not PyYAML) judges them, and
    bounds what a document costs: nesting depth (:data:`~competency_graph.reading.MAX_DEPTH`),
    aliases (:data:`MAX_EXPANDED_VALUES`, no recursive ones) and the length of integers
    (:data:`~competency_graph.reading.MAX_NUMBER_DIGITS`), each refused where it happens."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        # id of each composed node -> how many values it stands for with aliases expanded
        self._expanded: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if self._depth >= MAX_DEPTH:
            raise _LimitExceeded(
                f"nested deeper than {MAX_DEPTH} levels of lists and mappings", event.start_mark
            )
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        assert node is not None  # an event was there to compose
        size = self._expanded.get(id(node))
        if size is None:
            if isinstance(event, yaml.AliasEvent):  # its anchor's node is not finished yet
                raise _LimitExceeded(
                    f"the alias *{event.anchor} is used inside the value it names", event.start_mark
                )
            size = 1 + sum(self._expanded[id(child)] for child in _children(node))
            self._expanded[id(node)] = size
        if size > MAX_EXPANDED_VALUES:
            raise _LimitExceeded(
                f"with its aliases expanded this stands for over "
                f"{MAX_EXPANDED_VALUES:,} values (aliases may not blow a document up)",
                event.start_mark,
            )
        return node

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = len(str(node.value).lstrip("+-").replace("_", ""))
        if digits > MAX_NUMBER_DIGITS:  # int() refuses those, or takes quadratic time
            raise _LimitExceeded(long_number_message(digits), node.start_mark)
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _parse_yaml(text: str, source: str) -> tuple[Any, yaml.Node]:
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        line, column = position(text, exc.position)
        raise InputError(
            f"YAML syntax error: the character {_character(exc.character)} is not allowed in YAML",
            source,
            line,
            column,
        ) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError("the file is empty: expected a job description", source)
        _reject_duplicate_keys(root, source)
        data = loader.construct_document(root)
    except _LimitExceeded as exc:
        raise InputError(str(exc.problem), source, *_mark_position(exc.problem_mark)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"YAML syntax error: {exc.problem or exc.context or 'cannot parse'}"
        if exc.context and exc.context_mark is not None and exc.problem:
            message += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        raise InputError(message, source, *_mark_position(mark)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", source) from None
    finally:
        loader.dispose()
    return data, root


def _mark_position(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    """1-based line and column of a PyYAML mark (0-based), if there is one."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _character(code: int) -> str:
    """A character in an error message: NUL, or U+XXXX with the character when printable."""
    if code == 0:
        return "NUL (U+0000)"
    character = chr(code)
    return f"{character!r} (U+{code:04X})" if character.isprintable() else f"U+{code:04X}"


def _parse_json(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    try:
        data = load_json(text, source)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error: {exc.msg}", source, exc.lineno, exc.colno) from None
    try:  # JSON is YAML: compose it once more only to learn where each field is
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        root = None
    return data, root


def _reject_duplicate_keys(node: yaml.Node, source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    mark = key.start_mark
                    raise InputError(
                        f"field '{key.value}' is given twice",
                        source,
                        mark.line + 1,
                        mark.column + 1,
                    )
                seen.add(key.value)
            _reject_duplicate_keys(value, source)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(item, source)


# -- locations and field paths -----------------------------------------------------------------


def field_path(parts: Iterable[str | int]) -> str:
    """``duties[2].supported_by[0]`` for ``("duties", 2, "supported_by", 0)``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class _Located:
    """The source's name and node tree: turns a field path into a line and column."""

    def __init__(self, source: str, root: yaml.Node | None) -> None:
        self.source = source
        self.root = root

    def node(self, parts: FieldPath, key: bool = False) -> yaml.Node | None:
        """The node at ``parts`` (its key's node with ``key``), or the deepest one on the way."""
        node = self.root
        for depth, part in enumerate(parts, start=1):
            found: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                        found = key_node if key and depth == len(parts) else value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                found = node.value[part] if 0 <= part < len(node.value) else None
            if found is None:
                break
            node = found
        return node

    def line_and_column(self, parts: FieldPath, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the field at ``parts`` (as near as the source allows)."""
        node = self.node(parts, key)
        if node is None:
            return None, None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def location(self, parts: FieldPath, key: bool = False) -> SourceLocation:
        """Where the field at ``parts`` is (its key's line with ``key``), and its field path,
        for the checker's reports. Data without lines (JSON given to the API) is located at
        its first line: the report still names the field."""
        line, column = self.line_and_column(parts, key)
        return SourceLocation(self.source, line or 1, column if line else None, field_path(parts))

    def error(
        self,
        message: str,
        parts: FieldPath,
        hint: str = "",
        key: bool = False,
        recoverable: bool = False,
    ) -> InputError:
        """``<message> at <field path><hint>``, located at that field."""
        where = field_path(parts)
        line, column = self.line_and_column(parts, key)
        text = (f"{message} at {where}" if where else message) + hint
        return InputError(
            text, self.source, line, column, field=where or None, recoverable=recoverable
        )


# -- schema validation -------------------------------------------------------------------------

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


@dataclass(frozen=True)
class _Problem:
    """One schema error, worded for an HR person: the field, and whether to point at its key."""

    message: str
    parts: FieldPath
    hint: str = ""
    at_key: bool = False


def _schema_problem(error: ValidationError) -> _Problem:
    parts: FieldPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator
    if keyword == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        name = match.group(1) if match else str(error.validator_value)
        return _Problem(f"missing required field '{name}'", parts)
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = list(schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in known)[0]
        hint = did_you_mean(unknown, {name: name for name in known}) or (
            f" (known: {', '.join(known)})"
        )
        return _Problem(f"unknown field '{unknown}'", (*parts, unknown), hint, at_key=True)
    if keyword in ("enum", "oneOf", "anyOf") and "x-message" in schema:
        return _Problem(f"{schema['x-message']}, not {_describe(error.instance)}", parts)
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in schema.get("enum", []))
        return _Problem(f"{_describe(error.instance)} is not one of {choices}", parts)
    if keyword in ("pattern", "format") and "title" in schema:
        return _Problem(f"{_describe(error.instance)} is not a valid {schema['title']}", parts)
    if keyword == "type":
        wanted = schema.get("type")
        names = " or ".join(
            _TYPE_NAMES.get(str(name), str(name))
            for name in (wanted if isinstance(wanted, list) else [wanted])
        )
        return _Problem(f"expected {names}, not {_describe(error.instance)}", parts)
    if keyword == "minLength":
        return _Problem("must not be empty", parts)
    if keyword == "minimum":
        return _Problem(f"must be at least {schema.get('minimum')}", parts)
    return _Problem(error.message, parts)


def _validate(data: Any, located: _Located) -> None:
    """Raise the first schema error in document order (counting the others)."""
    # formats are only annotations unless asserted: with the checker, "format": "date"
    # refuses 2026-02-30 here as in any validator that asserts formats
    validator = Draft202012Validator(
        job_description_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    problems = [_schema_problem(error) for error in validator.iter_errors(data)]
    if not problems:
        return

    def order(problem: _Problem) -> tuple[int, int, str]:
        line, column = located.line_and_column(problem.parts, problem.at_key)
        return (line or 0, column or 0, field_path(problem.parts))

    problems.sort(key=order)
    first = problems[0]
    hint = first.hint
    if len(problems) > 1:
        more = len(problems) - 1
        hint += f" (and {more} more problem{'s' if more > 1 else ''})"
    error = located.error(first.message, first.parts, hint, first.at_key)
    error.more = tuple(
        located.error(problem.message, problem.parts, problem.hint, problem.at_key)
        for problem in problems[1:]
    )
    raise error


# -- conversion --------------------------------------------------------------------------------

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LEVELS = {
    "higher": CG["higher-education"],
    "incomplete-higher": CG["incomplete-higher-education"],
    "secondary-specialised": CG["secondary-specialised-education"],
    "secondary": CG["secondary-education"],
}
_REQUIREMENT_CLASSES = {
    "skill": CG.SkillRequirement,
    "education": CG.EducationRequirement,
    "experience": CG.ExperienceRequirement,
    "attribute": CG.AttributeRequirement,
}
_LIMITS = {"average-monthly-earnings": CG["average-monthly-earnings"], "full": CG["full-liability"]}
_NECESSITY_WORDS = {
    "essential": ("essential", "обязательно"),
    "optional": ("desirable", "желательно"),
}


def _requirement_kind(item: Mapping[str, Any]) -> str:
    """``skill``, ``education``, ``experience`` or ``attribute``: the one the item gives."""
    return next(kind for kind in _REQUIREMENT_CLASSES if kind in item)


def _decimal(number: float) -> str:
    """Canonical xsd:decimal text (``1.0``, ``1.5``), as Turtle writes and reads it back."""
    text = format(Decimal(str(number)).normalize(), "f")
    return text if "." in text else f"{text}.0"


def _years_en(years: float) -> str:
    return f"{years:g} year" if years == 1 else f"{years:g} years"


#: what a reference that names nothing stands for until the triple that would hold it, which
#: :meth:`_Converter.add` leaves out
_LEFT_OUT = URIRef("urn:competency-graph:left-out")


class _Converter:
    """Turns validated data into RDF; one instance per input."""

    def __init__(self, data: Mapping[str, Any], model: ReadModel, located: _Located) -> None:
        self.data = data
        self.model = model
        self.located = located
        self.refs = References(model)
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace, override=True)
        self.locations: dict[URIRef, SourceLocation] = {}
        self.statements: dict[Statement, SourceLocation] = {}
        #: the field each node was last read from (a reference, a new item, a signature),
        #: until the statement that has it as object is added: see :meth:`add`
        self.read_at: dict[RDFNode, FieldPath] = {}
        #: the references that name nothing, each reported where it is
        self.problems: list[InputError] = []
        position = data["position"]
        self.slug = str(position["id"]).removeprefix("position:")
        self.position = URIRef(f"{ID_BASE}position/{self.slug}")
        self.position_label: Mapping[str, str] = position["label"]
        self.jd = URIRef(f"{ID_BASE}job-description/{self.slug}")
        # a position the graph already has: this file is a new edition of its description
        self.revises = str(self.position) in model.positions

    # -- small writers -----------------------------------------------------------------------
    def add(self, subject: RDFNode, predicate: URIRef, obj: RDFNode) -> None:
        """Add a triple; when its object was just read from a field, the statement is
        located there (and ``subject predicate`` at the list holding that field). A
        reference that names nothing (:data:`_LEFT_OUT`, reported) adds nothing."""
        if obj == _LEFT_OUT:
            return
        self.graph.add((subject, predicate, obj))
        parts = self.read_at.pop(obj, None)
        if parts is not None:
            self.statements.setdefault((subject, predicate, obj), self.field_location(parts))
            listed = parts[:-1] if parts and isinstance(parts[-1], int) else parts
            self.statements.setdefault((subject, predicate, None), self.field_location(listed))

    def field_location(self, parts: FieldPath) -> SourceLocation:
        """Where a field is named (``approval:``, ``supported_by:``), or a list's item."""
        return self.located.location(parts, key=bool(parts) and isinstance(parts[-1], str))

    def text(self, subject: RDFNode, predicate: URIRef, value: Any) -> None:
        """A {ru, en} mapping, or a plain string whose language is guessed."""
        if isinstance(value, Mapping):
            for lang in ("ru", "en"):
                if value.get(lang):
                    self.add(subject, predicate, Literal(str(value[lang]), lang=lang))
        elif value is not None:
            lang = "ru" if _CYRILLIC.search(str(value)) else "en"
            self.add(subject, predicate, Literal(str(value), lang=lang))

    def ref(self, value: str, kind: str, parts: FieldPath) -> URIRef:
        """The IRI ``value`` names; one that names nothing is a problem of the file, and
        the reading goes on without it (:data:`_LEFT_OUT`), so that every unknown
        reference is reported at once and the rest can still be checked."""
        try:
            iri = URIRef(self.refs.resolve(value, kind))
        except Unresolved as problem:
            error = self.located.error(problem.message, parts, problem.hint, recoverable=True)
            # a field read twice (position.reports_to: the position's and the general
            # provisions' supervisor) is one problem of the file
            if not any((e.field, e.message) == (error.field, error.message) for e in self.problems):
                self.problems.append(error)
            return _LEFT_OUT
        self.read_at[iri] = parts
        return iri

    def refs_of(self, values: Any, kind: str, parts: FieldPath) -> list[URIRef]:
        if values is None:
            return []
        if isinstance(values, str):
            return [self.ref(values, kind, parts)]
        return [self.ref(v, kind, (*parts, i)) for i, v in enumerate(values)]

    def new_iri(self, kind: str, item: Mapping[str, Any], index: int) -> URIRef:
        local = item.get("id") or str(index + 1)
        return URIRef(f"{ID_BASE}{ID_KINDS[kind]}/{self.slug}-{local}")

    def locate(self, iri: URIRef, parts: FieldPath) -> None:
        self.locations[iri] = self.located.location(parts)
        self.read_at[iri] = parts

    def named(self, iri: URIRef, cls: URIRef, parts: FieldPath) -> None:
        """A new named entity of class ``cls`` from the field at ``parts``: typed, declared
        an OWL individual as the shipped ontology declares its own, and located."""
        self.add(iri, RDF.type, cls)
        self.add(iri, RDF.type, OWL.NamedIndividual)
        self.locate(iri, parts)

    def value(self, subject: RDFNode, predicate: URIRef, value: Any, parts: FieldPath) -> None:
        """A ``level`` or attribute ``value``: a text {ru, en}, or a value the same in every
        language (``B1``), kept as written as a plain literal."""
        if isinstance(value, Mapping):
            self.text(subject, predicate, value)
        else:
            self.add(subject, predicate, Literal(self.raw_scalar(parts, value)))

    def value_in(self, value: Any, parts: FieldPath, lang: str) -> str:
        """The ``level`` or ``value`` at ``parts`` in ``lang`` (else Russian) for a label."""
        if isinstance(value, Mapping):
            return str(value.get(lang) or value["ru"])
        return self.raw_scalar(parts, value)

    def date(self, value: str, parts: FieldPath) -> Literal:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.located.error(
                f"'{value}' is not a valid date (no such day or time)", parts
            ) from None
        return Literal(moment.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)

    # -- the document ------------------------------------------------------------------------
    def convert(self) -> JobDescriptionInput:
        data = self.data
        self.declare_local_entities()
        self.convert_position()
        self.convert_job_description()
        requirements = [
            self.convert_requirement(item, i) for i, item in enumerate(data.get("requirements", []))
        ]
        for i, requirement in enumerate(requirements):
            self.listed(self.position, CG.hasRequirement, i, requirement)
        sections: tuple[tuple[str, URIRef, Callable[[Any, int], URIRef]], ...] = (
            ("duties", CG.includesDuty, self.convert_duty),
            ("rights", CG.grantsRight, self.convert_right),
            ("responsibilities", CG.establishesResponsibility, self.convert_responsibility),
        )
        for section, predicate, convert in sections:
            for i, item in enumerate(data.get(section, [])):
                self.listed(self.jd, predicate, i, convert(item, i))
        self.convert_signatures()
        return JobDescriptionInput(
            graph=self.graph,
            position=str(self.position),
            job_description=str(self.jd),
            source=self.located.source,
            locations=self.locations,
            revises=self.revises,
            statements=self.statements,
            problems=tuple(self.problems),
        )

    def listed(self, owner: URIRef, predicate: URIRef, index: int, item: URIRef) -> None:
        """``owner predicate item``, and ``item`` numbered ``index + 1`` among ``owner``'s
        clauses (cg:Clause): the place the author gave it in the file's list."""
        clause = BNode()
        self.add(owner, predicate, item)
        self.add(owner, CG.hasClause, clause)
        self.add(clause, RDF.type, CG.Clause)
        self.add(clause, CG.clauseNumber, Literal(index + 1))
        self.add(clause, CG.clauseItem, item)

    def declare_local_entities(self) -> None:
        """Make the position and every new item referable before anything refers to them."""
        position = self.data["position"]
        label = position["label"]
        self.refs.add_local(
            "position",
            str(self.position),
            [str(position["id"]), self.slug, f"position:{self.slug}", *label.values()],
        )
        for section, kind in (
            ("duties", "duty"),
            ("rights", "right"),
            ("responsibilities", "responsibility"),
            ("requirements", "requirement"),
        ):
            seen: dict[str, int] = {}
            for i, item in enumerate(self.data.get(section, [])):
                if isinstance(item, Mapping):
                    iri = str(self.new_iri(kind, item, i))
                    if iri in seen:
                        parts: FieldPath = (section, i, "id") if "id" in item else (section, i)
                        raise self.located.error(
                            f"{section}[{seen[iri]}] already has the id '{compact_id(iri)}'",
                            parts,
                            ": give each item its own id",
                        )
                    seen[iri] = i
                    names = [compact_id(iri)]
                    if item.get("id"):
                        names.append(str(item["id"]))
                    if isinstance(item.get("label"), Mapping):
                        names += [str(v) for v in item["label"].values()]
                    self.refs.add_local(kind, iri, names)

    def convert_position(self) -> None:
        data, p, parts = self.data["position"], self.position, ("position",)
        if self.revises:  # the position keeps its class (a standard position stays one)
            self.locate(p, parts)
        else:
            self.named(p, CG.Position, parts)
        self.text(p, RDFS.label, data["label"])
        self.text(p, SKOS.definition, data.get("definition"))
        links = (
            ("department", ORG.postIn, "department"),
            ("reports_to", ORG.reportsTo, "position"),
            ("substitute", CG.substitutedBy, "position"),
            ("appointed_by", CG.appointedBy, "position"),
            ("specialises", CG.specialises, "position"),
        )
        for key, predicate, kind in links:
            if data.get(key) is not None:
                self.add(p, predicate, self.ref(data[key], kind, (*parts, key)))
        for norm in self.refs_of(data.get("must_know"), "norm", (*parts, "must_know")):
            self.add(p, CG.mustKnow, norm)
        for step in self.refs_of(data.get("next_steps"), "position", (*parts, "next_steps")):
            self.add(p, CG.nextCareerStep, step)
        for category in data.get("work_categories", []):
            self.add(p, CG.inWorkCategory, CG[category])

    def convert_job_description(self) -> None:
        data, jd = self.data, self.jd
        self.named(jd, CG.JobDescription, ())
        # the document is the job description; it is located at its status, the field that
        # decides which signatures it needs (a violation of a missing field points there)
        status = self.located.location(("status",), key=True)
        self.locations[jd] = dataclasses.replace(status, field="")
        en, ru = self.position_label.get("en"), self.position_label["ru"]
        title = data.get("title") or {
            "ru": f"Должностная инструкция {inflect_phrase(lower_first(ru), 'gent')}",
            "en": f"Job description of the {lower_first(en)}" if en else None,
        }
        self.text(jd, RDFS.label, title)
        self.add(jd, CG.describes, self.position)
        self.add(jd, CG.status, CG[data["status"]])
        if data.get("version") is not None:
            self.add(jd, CG.version, Literal(self.raw_scalar(("version",), data["version"])))
        provisions = BNode()
        self.add(jd, CG.hasGeneralProvisions, provisions)
        self.add(provisions, RDF.type, CG.GeneralProvisions)
        # The general provisions state what the position says: one source, no contradiction.
        position = self.data["position"]
        stated = (
            ("department", CG.statesDepartment, "department"),
            ("reports_to", CG.statesSupervisor, "position"),
            ("appointed_by", CG.statesAppointingHead, "position"),
            ("substitute", CG.statesSubstitute, "position"),
        )
        for key, predicate, kind in stated:
            if position.get(key) is not None:
                self.add(provisions, predicate, self.ref(position[key], kind, ("position", key)))
        for i, item in enumerate(data.get("omissions", [])):
            omission = BNode()
            self.add(jd, CG.omitsStandardDuty, omission)
            self.add(omission, RDF.type, CG.DutyOmission)
            self.add(
                omission, CG.omittedDuty, self.ref(item["duty"], "duty", ("omissions", i, "duty"))
            )
            self.text(omission, CG.reason, item["reason"])

    def raw_scalar(self, parts: FieldPath, value: Any) -> str:
        """The text as written (``1.10`` stays ``1.10``, not the float 1.1)."""
        node = self.located.node(parts) if self.located.root is not None else None
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return str(value)

    # -- requirements ------------------------------------------------------------------------
    def convert_requirement(self, item: Any, index: int) -> URIRef:
        parts: FieldPath = ("requirements", index)
        if isinstance(item, str):
            return self.ref(item, "requirement", parts)
        r = self.new_iri("requirement", item, index)
        necessity = item.get("necessity", "essential")
        self.named(r, _REQUIREMENT_CLASSES[_requirement_kind(item)], parts)
        self.add(r, CG.necessity, CG[necessity])
        for norm in self.refs_of(item.get("legal_basis"), "norm", (*parts, "legal_basis")):
            self.add(r, CG.legalBasis, norm)
        level_parts = (*parts, "level")
        if "level" in item:
            self.value(r, CG.level, item["level"], level_parts)
        if "skill" in item:
            skill = self.ref(item["skill"], "skill", (*parts, "skill"))
            self.add(r, CG.requiredSkill, skill)
            what = self.names(skill)
            if "level" in item:
                what = {
                    lang: f"{name}, {self.value_in(item['level'], level_parts, lang)}"
                    for lang, name in what.items()
                }
        elif "education" in item:
            levels = (
                item["education"] if isinstance(item["education"], list) else [item["education"]]
            )
            for level in levels:
                self.add(r, CG.educationLevel, _LEVELS[level])
            fields = item.get("field")
            for value in fields if isinstance(fields, list) else [fields]:
                self.text(r, CG.educationField, value)
            names = [self.names(_LEVELS[level]) for level in levels]
            what = {
                "en": " or ".join(n["en"] for n in names),
                "ru": " или ".join(n["ru"] for n in names),
            }
        elif "experience" in item:
            experience = item["experience"]
            years = experience["years"]
            self.add(r, CG.minYears, Literal(_decimal(years), datatype=XSD.decimal))
            self.text(r, CG.experienceArea, experience.get("area"))
            if experience.get("skill") is not None:
                skill = self.ref(experience["skill"], "skill", (*parts, "experience", "skill"))
                self.add(r, CG.experienceSkill, skill)
            area = experience.get("area")
            area_en = area.get("en") if isinstance(area, Mapping) else area
            area_ru = area.get("ru") if isinstance(area, Mapping) else area
            what = {
                "en": f"at least {_years_en(years)} of experience"
                + (f" in {area_en}" if area_en else ""),
                "ru": f"опыт не менее {plural_years(years)}" + (f": {area_ru}" if area_ru else ""),
            }
        else:
            attribute = CG[item["attribute"]]
            self.add(r, CG.attribute, attribute)
            what = self.names(attribute)
            if "value" in item:
                value_parts = (*parts, "value")
                self.value(r, CG.attributeValue, item["value"], value_parts)
                what = {
                    lang: f"{name}: {self.value_in(item['value'], value_parts, lang)}"
                    for lang, name in what.items()
                }
        en_word, ru_word = _NECESSITY_WORDS[necessity]
        en = self.position_label.get("en")
        label = item.get("label") or {
            "ru": f"{self.position_label['ru']}: {what['ru']} ({ru_word})",
            # a Russian-only draft gets no made-up English half (the rules ask for it)
            "en": f"{en}: {what['en']} ({en_word})" if en else None,
        }
        self.text(r, RDFS.label, label)
        return r

    def names(self, iri: URIRef) -> dict[str, str]:
        """Labels of a known IRI in both languages (the compact id when missing)."""
        label = self.model.labels.get(str(iri), Text())
        fallback = compact_id(str(iri))
        return {"en": label.en or label.ru or fallback, "ru": label.ru or label.en or fallback}

    # -- duties, rights, responsibilities ----------------------------------------------------
    def convert_duty(self, item: Any, index: int) -> URIRef:
        parts: FieldPath = ("duties", index)
        if isinstance(item, str):
            return self.ref(item, "duty", parts)
        d = self.new_iri("duty", item, index)
        self.named(d, CG.Duty, parts)
        self.text(d, RDFS.label, item["label"])
        self.text(d, SKOS.definition, item.get("definition"))
        self.text(d, CG.sourceText, item.get("source_text"))
        for skill in self.refs_of(item.get("supported_by"), "skill", (*parts, "supported_by")):
            self.add(d, CG.supportedBy, skill)
        for skill in self.refs_of(item.get("requires"), "skill", (*parts, "requires")):
            self.add(d, CG.requiresCompetence, skill)
        for function in self.refs_of(item.get("function"), "function", (*parts, "function")):
            self.add(d, CG.partOfFunction, function)
        return d

    def convert_right(self, item: Any, index: int) -> URIRef:
        parts: FieldPath = ("rights", index)
        if isinstance(item, str):
            return self.ref(item, "right", parts)
        r = self.new_iri("right", item, index)
        self.named(r, CG.Right, parts)
        self.text(r, RDFS.label, item["label"])
        for duty in self.refs_of(item.get("facilitates"), "duty", (*parts, "facilitates")):
            self.add(r, CG.facilitates, duty)
        return r

    def convert_responsibility(self, item: Any, index: int) -> URIRef:
        parts: FieldPath = ("responsibilities", index)
        if isinstance(item, str):
            return self.ref(item, "responsibility", parts)
        r = self.new_iri("responsibility", item, index)
        self.named(r, CG.Responsibility, parts)
        self.text(r, RDFS.label, item["label"])
        if "kind" in item:
            self.add(r, CG.liabilityKind, CG[f"{item['kind']}-liability"])
        for sanction in item.get("sanctions", []):
            self.add(r, CG.sanction, CG[sanction])
        for norm in self.refs_of(item.get("legal_basis"), "norm", (*parts, "legal_basis")):
            self.add(r, CG.legalBasis, norm)
        if "limit" in item:
            self.add(r, CG.materialLiabilityLimit, _LIMITS[item["limit"]])
        if "written_agreement" in item:
            self.add(r, CG.writtenLiabilityAgreement, Literal(bool(item["written_agreement"])))
        return r

    # -- signatures --------------------------------------------------------------------------
    def convert_signatures(self) -> None:
        data = self.data
        if "approval" in data:
            self.endorsement(CG.approvedBy, CG.Approval, data["approval"], ("approval",))
        for i, item in enumerate(data.get("agreements", [])):
            node = self.endorsement(CG.agreedBy, CG.Agreement, item, ("agreements", i))
            self.add(node, CG.agreementRole, CG[item["role"]])
        for i, item in enumerate(data.get("familiarisation", [])):
            signed = dict(item)
            signed.setdefault("by", f"position:{self.slug}")  # the employee holds this position
            self.endorsement(CG.familiarisedBy, CG.Familiarisation, signed, ("familiarisation", i))

    def endorsement(
        self, predicate: URIRef, cls: URIRef, item: Mapping[str, Any], parts: FieldPath
    ) -> BNode:
        node = BNode()
        self.read_at[node] = parts
        self.add(self.jd, predicate, node)
        self.add(node, RDF.type, cls)
        if item.get("by") is not None:
            self.add(node, CG.signatory, self.ref(item["by"], "position", (*parts, "by")))
        if item.get("name"):
            self.add(node, CG.signatoryName, Literal(str(item["name"])))
        if item.get("date"):
            self.add(node, CG.date, self.date(str(item["date"]), (*parts, "date")))
        return node


__all__ = [
    "JobDescriptionInput",
    "convert_job_description",
    "field_path",
    "job_description_from_mapping",
    "job_description_schema",
    "load_job_description",
    "read",
    "schema_path",
]
