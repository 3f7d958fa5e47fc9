"""Render a :class:`~competency_graph.checking.report.Report` for people and for CI.

One function, :func:`render`, turns a report into one of :data:`FORMATS`:

- ``text``: for a terminal; ``path:line: error[rule] message`` blocks grouped by severity.
- ``json``: the report as data; its shape is ``schema/check-report.schema.json``.
- ``junit``: JUnit XML for the test-report views of GitHub Actions, GitLab and Jenkins.
- ``sarif``: SARIF 2.1.0 for code-scanning views (GitHub code scanning, VS Code viewers).
- ``shacl``: a W3C SHACL ``sh:ValidationReport`` in Turtle, for RDF tooling.

Rule metadata (title, description, severity, source) comes from the optional ``rules``
argument as :class:`RuleInfo` values; without it the renderers still work, with the rule id
standing in for its title.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node as RDFNode

from competency_graph import __version__
from competency_graph.checking.report import Consequence, Location, Report, Violation
from competency_graph.errors import InputError, in_russian
from competency_graph.model.rules import Severity
from competency_graph.namespaces import ID_BASE, PREFIXES, SH, compact_id

#: the formats :func:`render` knows, in the order the CLI lists them
FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif", "shacl")

TOOL_NAME = "competency-graph"
INFORMATION_URI = "https://w3id.org/competency-graph"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_BASE = ID_BASE + "rule/"
#: the rule id that input errors are reported under in SARIF and JUnit (no rule of the
#: catalogue: the input could not be read)
INPUT_RULE = "input"
_INPUT_TITLES = {"en": "Input error", "ru": "Ошибка во входных данных"}
_INPUT_HELP = {
    "en": "A file could not be read as it is: a syntax error, a schema problem or a "
    "reference that names nothing. Fix it where it is located.",
    "ru": "Файл не удаётся прочитать как есть: синтаксическая ошибка, нарушение схемы или "
    "ссылка, которая ничего не называет. Исправьте там, где указано.",
}

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SHACL_SEVERITIES = {
    Severity.ERROR: SH.Violation,
    Severity.WARNING: SH.Warning,
    Severity.INFO: SH.Info,
}


@dataclass(frozen=True)
class RuleInfo:
    """What the renderers need to know about one rule of the catalogue.

    ``source`` is a legal norm IRI or a quoted seed principle. ``component`` is the SHACL
    constraint component reported in the ``shacl`` format (SPARQL-based by default).
    """

    id: str
    severity: Severity
    title: str
    description: str = ""
    source: str = ""
    component: str = str(SH.SPARQLConstraintComponent)

    @property
    def iri(self) -> str:
        """The rule's IRI, ``https://w3id.org/competency-graph/id/rule/<id>``."""
        return rule_iri(self.id)


def rule_iri(rule_id: str) -> str:
    """IRI of the rule (and of its SHACL source shape) with id ``rule_id``."""
    return RULE_BASE + rule_id


def render(
    report: Report,
    fmt: str,
    rules: Sequence[RuleInfo] = (),
    *,
    fail_on: Severity | None = Severity.INFO,
) -> str:
    """Render ``report`` as ``fmt`` (one of :data:`FORMATS`).

    ``rules`` gives titles and descriptions for SARIF and JUnit. ``fail_on`` matters to JUnit
    only: violations below it become passing test cases (pass the CLI's ``--fail-on`` so the
    test view agrees with the exit code; ``None`` means never fail). Raises ``ValueError``
    for an unknown format.
    """
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return renderer(report, {rule.id: rule for rule in rules}, fail_on)


# -- shared helpers -------------------------------------------------------------------------


def _is_iri(text: str | None) -> bool:
    return bool(text) and str(text).startswith(("http://", "https://", "urn:"))


def _short(iri: str) -> str:
    """``skill:ms-excel`` for individuals, ``cg:supportedBy`` for vocabulary, else the IRI."""
    compact = compact_id(iri)
    if compact != iri:
        return compact
    matches = [
        (len(namespace), f"{prefix}:{iri[len(namespace) :]}")
        for prefix, namespace in PREFIXES.items()
        if iri.startswith(namespace) and "/" not in iri[len(namespace) :]
    ]
    return max(matches)[1] if matches else iri


def _named(label: str | None, iri: str | None) -> str:
    """``Label (skill:ms-excel)``, or whichever half is known."""
    if not iri:
        return label or ""
    if not _is_iri(iri):
        return label or iri
    short = _short(iri)
    return f"{label} ({short})" if label and label != short else short


def _relative_path(path: str) -> str:
    """``path`` relative to the current directory when it lies below it, with ``/``."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()


def _relative_uri(path: str) -> str:
    """A SARIF artifact URI: relative below the current directory, else a ``file:`` URI."""
    relative = _relative_path(path)
    return Path(relative).as_uri() if Path(relative).is_absolute() else relative


def _rule_ids(report: Report) -> list[str]:
    """Rules that ran, then any rule that reported without being listed, in a stable order."""
    ids = list(dict.fromkeys(report.rules_run))
    ids += sorted({v.rule_id for v in report.violations} - set(ids))
    return ids


# -- text ------------------------------------------------------------------------------------

_TEXT_WORDS = {
    "en": {
        "field": "field",
        "focus": "focus",
        "path": "property",
        "value": "value",
        "fix": "fix",
        "source": "source",
        "clean": "No violations.",
        "not_run": "not checked",
        Severity.ERROR: "Errors",
        Severity.WARNING: "Warnings",
        Severity.INFO: "Info",
    },
    "ru": {
        "field": "поле",
        "focus": "объект",
        "path": "свойство",
        "value": "значение",
        "fix": "исправить",
        "source": "источник",
        "clean": "Нарушений нет.",
        "not_run": "не проверено",
        Severity.ERROR: "Ошибки",
        Severity.WARNING: "Предупреждения",
        Severity.INFO: "Сведения",
    },
}


def _summary(report: Report) -> str:
    counts = report.counts()
    rules = len(_rule_ids(report))
    if report.lang == "ru":
        return (
            f"ошибок: {counts['error']}, предупреждений: {counts['warning']}, "
            f"сведений: {counts['info']} (правил: {rules}, {report.seconds:.2f} с)"
        )

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    return (
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info ({plural(rules, 'rule')}, {report.seconds:.2f} s)"
    )


def _text_block(violation: Violation, words: dict[Any, str]) -> list[str]:
    where = f"{violation.location}: " if violation.location else ""
    field = violation.location.field if violation.location else None
    lines = [f"{where}{violation.severity.value}[{violation.rule_id}] {violation.message}"]
    fields = [
        ("field", field or ""),
        ("focus", _named(violation.focus_label, violation.focus)),
        # a YAML author reads the field; the property is for RDF files
        ("path", _short(violation.path) if violation.path and not field else ""),
        ("value", _named(violation.value_label, violation.value)),
        ("fix", violation.fix),
        ("source", _named(violation.source_label, violation.source)),
    ]
    width = max(len(words[key]) for key, _ in fields) + 1
    lines += [f"    {(words[key] + ':').ljust(width)} {text}" for key, text in fields if text]
    return lines


def _render_text(report: Report, rules: dict[str, RuleInfo], fail_on: Severity | None) -> str:
    words = _TEXT_WORDS.get(report.lang, _TEXT_WORDS["en"])
    # the reason in the report's language, like an input error's message
    reasons = [in_russian(r) if report.lang == "ru" else r for r in report.not_run]
    not_run = "".join(f"{words['not_run']}: {reason}\n" for reason in reasons)
    if not report.violations:
        return f"{words['clean']}\n{not_run}{_summary(report)}\n"
    lines: list[str] = []
    violations = report.sorted()
    for severity in Severity:
        group = [v for v in violations if v.severity is severity]
        if not group:
            continue
        lines.append(f"{words[severity]} ({len(group)})")
        lines.append("")
        for violation in group:
            lines += _text_block(violation, words)
            lines.append("")
    lines += not_run.splitlines()
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


# -- json ------------------------------------------------------------------------------------


def _location_data(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "field": location.field or None,
    }


def _consequence_data(consequence: Consequence) -> dict[str, Any]:
    return {
        "rule": consequence.rule_id,
        "focus": consequence.focus,
        "value": consequence.value,
        "location": _location_data(consequence.location),
    }


def violation_data(violation: Violation) -> dict[str, Any]:
    """One violation as the JSON object ``schema/check-report.schema.json`` describes."""
    return {
        "rule": violation.rule_id,
        "severity": violation.severity.value,
        "message": violation.message,
        "focus": violation.focus,
        "focus_label": violation.focus_label,
        "path": violation.path,
        "value": violation.value,
        "value_label": violation.value_label,
        "fix": violation.fix,
        "source": violation.source,
        "source_label": violation.source_label,
        "location": _location_data(violation.location),
        "causes": [_consequence_data(c) for c in violation.causes],
        "caused_by": (
            _consequence_data(violation.caused_by) if violation.caused_by is not None else None
        ),
    }


def input_error_data(error: InputError, lang: str) -> dict[str, Any]:
    """One input error as JSON: its message in ``lang`` and where it is."""
    return {
        "message": error.text(lang),
        "path": error.path,
        "line": error.line,
        "column": error.column,
        "field": error.field,
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report as JSON-ready data (violations in :meth:`Report.sorted` order)."""
    return {
        "conforms": report.conforms,
        "counts": report.counts(),
        "rules_run": list(report.rules_run),
        "files": list(report.files),
        "lang": report.lang,
        "reasoner_used": report.reasoner_used,
        "seconds": round(report.seconds, 3),
        "notes": list(report.notes),
        "input_errors": [input_error_data(e, report.lang) for e in report.input_errors],
        "violations": [violation_data(v) for v in report.sorted()],
    }


def _render_json(report: Report, rules: dict[str, RuleInfo], fail_on: Severity | None) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


# -- junit -----------------------------------------------------------------------------------
#
# Layout: one <testsuite> per rule that ran; in it one <testcase> per violation (a failure),
# or a single passing <testcase> named after the rule when it found nothing. One test case
# per violation rather than one per rule with many <failure>s, because:
# - GitLab keys test cases by classname+name and shows one failure body per case;
# - Jenkins' JUnit plugin reads one <failure> per test case and drops the rest;
# - GitHub Actions reporters (action-junit-report, publish-unit-test-result) annotate
#   from the test case's ``file`` and ``line`` attributes, so each violation needs its own.
# The failure body carries the full explanation, since GitLab ignores the message attribute.


def _failure_text(violation: Violation, lang: str) -> str:
    return "\n".join(_text_block(violation, _TEXT_WORDS.get(lang, _TEXT_WORDS["en"])))


def _testcase_name(violation: Violation) -> str:
    name = _short(violation.focus) if _is_iri(violation.focus) else violation.focus
    if violation.value:
        value = _short(violation.value) if _is_iri(violation.value) else violation.value
        name += f" -> {value}"
    return name


def _junit_input_suite(root: ET.Element, report: Report) -> int:
    """A suite of the input errors, one errored test case each (JUnit's <error>: the test
    could not run, as opposed to a <failure>); the number of cases."""
    suite = ET.SubElement(root, "testsuite", name=INPUT_RULE)
    classname = f"{TOOL_NAME}.{INPUT_RULE}"
    for error in report.input_errors:
        case = ET.SubElement(
            suite, "testcase", classname=classname, name=error.location or INPUT_RULE, time="0"
        )
        if error.path is not None:
            case.set("file", _relative_path(error.path))
            if error.line is not None:
                case.set("line", str(error.line))
        failure = ET.SubElement(case, "error", message=error.text(report.lang), type=INPUT_RULE)
        failure.text = error.located_text(report.lang)
    count = len(report.input_errors)
    for name, value in (("tests", count), ("failures", 0), ("errors", count), ("skipped", 0)):
        suite.set(name, str(value))
    suite.set("time", "0")
    return count


def _render_junit(report: Report, rules: dict[str, RuleInfo], fail_on: Severity | None) -> str:
    root = ET.Element("testsuites", name=TOOL_NAME)
    total_tests = total_failures = 0
    by_rule: dict[str, list[Violation]] = {}
    for violation in report.sorted():
        by_rule.setdefault(violation.rule_id, []).append(violation)
    for rule_id in _rule_ids(report):
        found = by_rule.get(rule_id, [])
        suite = ET.SubElement(root, "testsuite", name=rule_id)
        info = rules.get(rule_id)
        if info is not None:
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name="severity", value=info.severity.value)
            ET.SubElement(properties, "property", name="title", value=info.title)
            if info.source:
                ET.SubElement(properties, "property", name="source", value=info.source)
        classname = f"{TOOL_NAME}.{rule_id}"
        failures = 0
        if not found:
            ET.SubElement(suite, "testcase", classname=classname, name=rule_id, time="0")
        names: set[str] = set()
        for violation in found:
            name = base = _testcase_name(violation)
            while name in names:  # GitLab merges cases with equal classname and name
                name = f"{base} #{len(names) + 1}"
            names.add(name)
            case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
            if violation.location is not None:
                case.set("file", _relative_path(violation.location.path))
                if violation.location.line is not None:
                    case.set("line", str(violation.location.line))
            failing = fail_on is not None and violation.severity.rank >= fail_on.rank
            if failing:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=violation.message, type=violation.severity.value
                )
                failure.text = _failure_text(violation, report.lang)
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _failure_text(violation, report.lang)
        tests = max(len(found), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += tests
        total_failures += failures
    if report.input_errors:
        total_tests += _junit_input_suite(root, report)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(len(report.input_errors)))
    root.set("time", f"{report.seconds:.3f}")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# -- sarif -----------------------------------------------------------------------------------


def _fingerprint(violation: Violation) -> str:
    """Identity of a violation that survives line moves: rule, focus, path and value."""
    key = "\x1f".join(violation.identity)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _sarif_rule(rule_id: str, info: RuleInfo | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": rule_id, "name": rule_id}
    if info is None:
        descriptor["shortDescription"] = {"text": rule_id}
        descriptor["helpUri"] = rule_iri(rule_id)
        return descriptor
    descriptor["shortDescription"] = {"text": info.title}
    descriptor["fullDescription"] = {"text": info.description or info.title}
    help_text = info.description or info.title
    if info.source:
        help_text += f"\nSource: {info.source}"
    descriptor["help"] = {"text": help_text}
    descriptor["helpUri"] = info.iri
    descriptor["defaultConfiguration"] = {"level": _SARIF_LEVELS[info.severity]}
    properties: dict[str, Any] = {"tags": ["competency-graph", info.severity.value]}
    if info.source:
        properties["source"] = info.source
    descriptor["properties"] = properties
    return descriptor


def _sarif_result(
    violation: Violation, rule_index: int, fallback_file: str | None
) -> dict[str, Any]:
    text = violation.message
    if violation.fix:
        text += f" {violation.fix}" if text.endswith((".", "!", "?")) else f". {violation.fix}"
    logical = [
        {
            "name": violation.focus_label or _short(violation.focus),
            "fullyQualifiedName": violation.focus,
            "kind": "object",
        }
    ]
    field = violation.location.field if violation.location else None
    if field:  # the field of a YAML or JSON job description: where in the file to fix
        logical.append({"name": field, "fullyQualifiedName": field, "kind": "member"})
    location: dict[str, Any] = {"logicalLocations": logical}
    # GitHub code scanning drops results without a file and line, so a violation with no
    # located focus points at the first checked file; its logical location stays exact.
    path = violation.location.path if violation.location else fallback_file
    if path is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _relative_uri(path)}}
        line = violation.location.line if violation.location else None
        region: dict[str, int] = {"startLine": line or 1}
        if violation.location and violation.location.column:
            region["startColumn"] = violation.location.column
        physical["region"] = region
        location = {"physicalLocation": physical, **location}
    result: dict[str, Any] = {
        "ruleId": violation.rule_id,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS[violation.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"competencyGraphViolation/v1": _fingerprint(violation)},
    }
    related = [
        _sarif_related(i, consequence)
        for i, consequence in enumerate(violation.causes)
        if consequence.location is not None
    ]
    if related:  # a root cause: where the violations it causes are
        result["relatedLocations"] = related
    properties = {
        key: value
        for key, value in (
            ("focus", violation.focus),
            ("field", field),
            ("path", violation.path),
            ("value", violation.value),
            ("source", violation.source),
            ("causes", [c.rule_id for c in violation.causes]),
            ("causedBy", violation.caused_by.rule_id if violation.caused_by else None),
        )
        if value
    }
    if properties:
        result["properties"] = properties
    return result


def _sarif_related(index: int, consequence: Consequence) -> dict[str, Any]:
    location = consequence.location
    assert location is not None
    region: dict[str, int] = {"startLine": location.line or 1}
    if location.column:
        region["startColumn"] = location.column
    return {
        "id": index,
        "physicalLocation": {
            "artifactLocation": {"uri": _relative_uri(location.path)},
            "region": region,
        },
        "message": {"text": consequence.rule_id},
    }


def _sarif_input_rule(lang: str) -> dict[str, Any]:
    title = _INPUT_TITLES.get(lang, _INPUT_TITLES["en"])
    help_text = _INPUT_HELP.get(lang, _INPUT_HELP["en"])
    return {
        "id": INPUT_RULE,
        "name": INPUT_RULE,
        "shortDescription": {"text": title},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["competency-graph", "error"]},
    }


def _sarif_input_error(
    error: InputError, rule_index: int, lang: str, fallback: str | None
) -> dict[str, Any]:
    """An input error as a SARIF result at its file, line and column (GitHub annotates
    the pull request there), its field path as a logical location."""
    result: dict[str, Any] = {
        "ruleId": INPUT_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": error.text(lang)},
    }
    location: dict[str, Any] = {}
    path = error.path or fallback
    if path is not None:
        region: dict[str, int] = {"startLine": error.line or 1}
        if error.column:
            region["startColumn"] = error.column
        location["physicalLocation"] = {
            "artifactLocation": {"uri": _relative_uri(path)},
            "region": region,
        }
    if error.field:
        location["logicalLocations"] = [
            {"name": error.field, "fullyQualifiedName": error.field, "kind": "member"}
        ]
        result["properties"] = {"field": error.field}
    if location:
        result["locations"] = [location]
    return result


def _render_sarif(report: Report, rules: dict[str, RuleInfo], fail_on: Severity | None) -> str:
    rule_ids = _rule_ids(report)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    fallback = report.files[0] if report.files else None
    descriptors = [_sarif_rule(rule_id, rules.get(rule_id)) for rule_id in rule_ids]
    results = [
        _sarif_input_error(error, len(descriptors), report.lang, fallback)
        for error in report.input_errors
    ]
    if results:
        descriptors.append(_sarif_input_rule(report.lang))
    results += [_sarif_result(v, index[v.rule_id], fallback) for v in report.sorted()]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        # the run did not complete when an input could not be read
        "invocations": [{"executionSuccessful": not report.input_errors}],
        "language": report.lang,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.files:
        run["artifacts"] = [{"location": {"uri": _relative_uri(f)}} for f in report.files]
    log = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# -- shacl -----------------------------------------------------------------------------------


def _term(text: str) -> RDFNode:
    return URIRef(text) if _is_iri(text) else Literal(text)


class _BlankNodes:
    """Blank nodes renamed ``b1``, ``b2``... in order of appearance, so that a report reads
    the same from run to run (their labels from parsing differ each time)."""

    def __init__(self) -> None:
        self.names: dict[BNode, BNode] = {}

    def __call__(self, node: RDFNode) -> RDFNode:
        if not isinstance(node, BNode):
            return node
        found = self.names.get(node)
        if found is None:
            found = self.names[node] = BNode(f"b{len(self.names) + 1}")
        return found


def report_graph(report: Report, rules: Sequence[RuleInfo] = ()) -> Graph:
    """The report as a SHACL ``sh:ValidationReport`` graph (one ``sh:result`` per violation).

    A violation a shape found (:attr:`Violation.shacl`) is reported as SHACL 3.6 says:
    ``sh:sourceShape`` the shape (a property shape for a property constraint),
    ``sh:sourceConstraint`` the SPARQL-based constraint, ``sh:value`` the term from the data
    (a typed literal as written; the focus node when the constraint binds no ``?value``),
    ``sh:resultMessage`` in every language. A blank-node shape or constraint is copied with
    its description, as engines do (a blank node means nothing outside its graph). Other
    violations (the reasoner's, a Python evaluator's: no shape's) name the rule's IRI as
    their source shape and the rule's :attr:`RuleInfo.component`.
    """
    by_id = {rule.id: rule for rule in rules}
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    stable = _BlankNodes()
    node = BNode("report")
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.conforms, datatype=XSD.boolean)))
    copied: set[tuple[RDFNode, RDFNode | None]] = set()
    for position, violation in enumerate(report.sorted(), start=1):
        result = BNode(f"result{position}")
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        if violation.path and _is_iri(violation.path):
            graph.add((result, SH.resultPath, URIRef(violation.path)))
        graph.add((result, SH.resultSeverity, _SHACL_SEVERITIES[violation.severity]))
        shacl = violation.shacl
        if shacl is None:
            info = by_id.get(violation.rule_id)
            component = info.component if info else str(SH.SPARQLConstraintComponent)
            graph.add((result, SH.focusNode, _term(violation.focus)))
            if violation.value:
                graph.add((result, SH.value, _term(violation.value)))
            graph.add((result, SH.resultMessage, Literal(violation.message, lang=report.lang)))
            graph.add((result, SH.sourceConstraintComponent, URIRef(component)))
            graph.add((result, SH.sourceShape, URIRef(rule_iri(violation.rule_id))))
            continue
        graph.add((result, SH.focusNode, stable(shacl.focus)))
        if shacl.value is not None:
            graph.add((result, SH.value, stable(shacl.value)))
        for lang, message in shacl.messages or ((report.lang, violation.message),):
            graph.add((result, SH.resultMessage, Literal(message, lang=lang)))
        graph.add((result, SH.sourceConstraintComponent, shacl.component))
        graph.add((result, SH.sourceShape, stable(shacl.source_shape)))
        if shacl.source_constraint is not None:
            graph.add((result, SH.sourceConstraint, stable(shacl.source_constraint)))
        origin = (shacl.source_shape, shacl.source_constraint)
        if shacl.shapes and origin not in copied:
            copied.add(origin)
            graph.addN((stable(s), p, stable(o), graph) for s, p, o in shacl.shapes)
    return graph


#: one result of a SHACL validation report, comparable across engines (:func:`report_results`)
ReportResult = tuple[Any, ...]


def report_results(graph: Graph) -> set[ReportResult]:
    """The results of a SHACL validation report (ours or another engine's) as comparable
    tuples: focus node, source shape, source constraint, result path, value, severity and
    constraint component. A blank-node shape or constraint stands as its description (its
    properties with an IRI or literal value), the same in every report it is copied to."""

    def named(node: RDFNode | None) -> Any:
        if not isinstance(node, BNode):
            return node
        return frozenset(
            (predicate, value)
            for predicate, value in graph.predicate_objects(node)
            if isinstance(value, URIRef | Literal)
        )

    return {
        (
            graph.value(result, SH.focusNode),
            named(graph.value(result, SH.sourceShape)),
            named(graph.value(result, SH.sourceConstraint)),
            graph.value(result, SH.resultPath),
            graph.value(result, SH.value),
            graph.value(result, SH.resultSeverity),
            graph.value(result, SH.sourceConstraintComponent),
        )
        for result in graph.subjects(RDF.type, SH.ValidationResult)
    }


def _render_shacl(report: Report, rules: dict[str, RuleInfo], fail_on: Severity | None) -> str:
    return report_graph(report, list(rules.values())).serialize(format="turtle")


_Renderer = Callable[[Report, dict[str, RuleInfo], Severity | None], str]
_RENDERERS: dict[str, _Renderer] = {
    "text": _render_text,
    "json": _render_json,
    "junit": _render_junit,
    "sarif": _render_sarif,
    "shacl": _render_shacl,
}

__all__ = [
    "FORMATS",
    "RuleInfo",
    "render",
    "report_data",
    "report_graph",
    "report_results",
    "rule_iri",
    "violation_data",
]
