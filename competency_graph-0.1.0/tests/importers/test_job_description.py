"""Job descriptions in YAML/JSON: exact RDF, reference resolution, located errors, examples."""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

from competency_graph.checking.backends.hermit import java_available
from competency_graph.checking.engine import Checker
from competency_graph.checking.report import Location
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, SourceLocation
from competency_graph.importers.job_description import (
    convert_job_description,
    field_names,
    job_description_from_mapping,
    job_description_schema,
    load_job_description,
    property_field,
)
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, ID_BASE, ORG

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jd_input"
EXAMPLES = REPO / "examples" / "job-descriptions"
CLERK = FIXTURES / "sales-clerk.yaml"


def iri(compact: str) -> URIRef:
    kind, _, slug = compact.partition(":")
    segments = {
        "pos": "position",
        "jd": "job-description",
        "resp": "responsibility",
        "req": "requirement",
    }
    segment = segments.get(kind, kind)
    return URIRef(f"{ID_BASE}{segment}/{slug}")


@pytest.fixture(scope="module")
def small_model() -> ReadModel:
    """core.ttl and a handful of skills, norms, positions and duties."""
    graph = Graph().parse(REPO / "ontology" / "core.ttl").parse(FIXTURES / "small-model.ttl")
    return build_read_model(graph)


@pytest.fixture(scope="module")
def shipped_model(shipped: LoadedGraph) -> ReadModel:
    return build_read_model(shipped.graph)


def minimal(**extra: Any) -> dict[str, Any]:
    """The smallest valid job description, plus ``extra`` top-level fields."""
    data: dict[str, Any] = {
        "position": {"id": "clerk", "label": {"ru": "Делопроизводитель", "en": "Clerk"}},
        "status": "draft",
    }
    data.update(extra)
    return data


def write(tmp_path: Path, text: str, name: str = "jd.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- conversion -------------------------------------------------------------------------------


def test_small_yaml_converts_to_exactly_the_expected_graph(small_model: ReadModel) -> None:
    converted = load_job_description(CLERK, small_model).graph
    expected = Graph().parse(FIXTURES / "sales-clerk.ttl")
    assert isomorphic(converted, expected)


def test_created_entities_are_located_at_their_yaml_lines(small_model: ReadModel) -> None:
    result = load_job_description(CLERK, small_model)
    source = str(CLERK)
    assert result.position == str(iri("pos:sales-clerk"))
    assert result.job_description == str(iri("jd:sales-clerk"))
    assert result.locations == {
        iri("pos:sales-clerk"): SourceLocation(source, 3, 3, "position"),
        iri("jd:sales-clerk"): SourceLocation(source, 11, 1, ""),  # at its status
        iri("req:sales-clerk-2"): SourceLocation(source, 15, 5, "requirements[1]"),
        iri("req:sales-clerk-3"): SourceLocation(source, 17, 5, "requirements[2]"),
        iri("req:sales-clerk-4"): SourceLocation(source, 19, 5, "requirements[3]"),
        iri("duty:sales-clerk-reports"): SourceLocation(source, 22, 5, "duties[0]"),
        iri("right:sales-clerk-1"): SourceLocation(source, 28, 5, "rights[0]"),
        iri("resp:sales-clerk-1"): SourceLocation(source, 32, 5, "responsibilities[0]"),
    }


def test_statements_are_located_at_the_field_that_states_them(small_model: ReadModel) -> None:
    statements = load_job_description(CLERK, small_model).statements
    source = str(CLERK)
    duty, jd = iri("duty:sales-clerk-reports"), iri("jd:sales-clerk")
    assert statements[(duty, CG.supportedBy, iri("skill:ms-excel"))] == SourceLocation(
        source, 24, 20, "duties[0].supported_by[0]"
    )
    assert statements[(duty, CG.supportedBy, None)] == SourceLocation(
        source, 24, 5, "duties[0].supported_by"
    )
    assert statements[(jd, CG.includesDuty, iri("duty:handle-complaints"))] == SourceLocation(
        source, 26, 5, "duties[1]"
    )
    assert statements[(jd, CG.includesDuty, None)] == SourceLocation(source, 21, 1, "duties")
    assert statements[(iri("pos:sales-clerk"), CG.hasRequirement, iri("req:higher-education"))] == (
        SourceLocation(source, 14, 5, "requirements[0]")
    )
    assert statements[(jd, CG.agreedBy, None)] == SourceLocation(source, 39, 1, "agreements")
    assert statements[(jd, CG.approvedBy, None)] == SourceLocation(source, 43, 1, "approval")
    assert statements[(jd, CG.familiarisedBy, None)] == SourceLocation(
        source, 47, 1, "familiarisation"
    )


def test_the_field_table_agrees_with_the_reader(small_model: ReadModel) -> None:
    # every statement about an entity of the file is stated at (or inside) the field that
    # property_field names for it: the table that names missing fields is the reader's
    result = load_job_description(CLERK, small_model)
    checked = 0
    for (subject, predicate, obj), location in result.statements.items():
        owner = result.locations.get(subject)  # type: ignore[call-overload]
        if owner is None or obj is None:
            continue
        expected = property_field(owner.field or "", URIRef(str(predicate)))
        assert expected is not None and location.field is not None, (subject, predicate)
        assert location.field.startswith(expected), (location.field, expected)
        checked += 1
    assert checked == 26
    assert field_names()[str(CG.familiarisedBy)] == "familiarisation"
    assert property_field("duties[2]", CG.supportedBy) == "duties[2].supported_by"
    assert property_field("", RDFS.label) == "title"
    assert property_field("position", ORG.reportsTo) == "position.reports_to"


def test_json_gives_the_same_graph_and_lines(small_model: ReadModel, tmp_path: Path) -> None:
    data = yaml.safe_load(CLERK.read_text("utf-8"))
    data["version"] = "1.10"
    data["approval"]["date"] = "2026-03-10T09:30"
    for item in (*data["agreements"], *data["familiarisation"]):
        item["date"] = str(item["date"])
    path = write(tmp_path, json.dumps(data, ensure_ascii=False, indent=2), "clerk.json")
    result = load_job_description(path, small_model)
    assert isomorphic(result.graph, load_job_description(CLERK, small_model).graph)
    assert result.locations[iri("pos:sales-clerk")] == SourceLocation(str(path), 2, 15, "position")


def test_mapping_api_converts_without_a_file(small_model: ReadModel) -> None:
    graph = job_description_from_mapping(minimal(version="2"), small_model)
    clerk = iri("pos:clerk")
    assert set(graph.objects(clerk, RDFS.label)) == {
        Literal("Делопроизводитель", lang="ru"),
        Literal("Clerk", lang="en"),
    }
    assert graph.value(iri("jd:clerk"), CG.version) == Literal("2")
    assert graph.value(iri("jd:clerk"), CG.describes) == clerk


def test_free_text_language_is_guessed_and_dates_become_datetimes(
    small_model: ReadModel,
) -> None:
    data = minimal(
        requirements=[{"education": "higher", "field": ["менеджмент", "economics"]}],
        familiarisation=[{"name": "Егорова Н. С.", "date": "2026-03-12"}],
    )
    graph = job_description_from_mapping(data, small_model)
    requirement = iri("req:clerk-1")
    assert set(graph.objects(requirement, CG.educationField)) == {
        Literal("менеджмент", lang="ru"),
        Literal("economics", lang="en"),
    }
    assert set(graph.objects(requirement, CG.educationLevel)) == {CG["higher-education"]}
    (signature,) = graph.objects(iri("jd:clerk"), CG.familiarisedBy)
    assert graph.value(signature, CG.date) == Literal("2026-03-12T00:00:00", datatype=XSD.dateTime)
    assert graph.value(signature, CG.signatory) == iri("pos:clerk")


# -- resolution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("skill:ms-excel", "skill:ms-excel"),
        (f"{ID_BASE}skill/ms-excel", "skill:ms-excel"),
        ("Microsoft Excel", "skill:ms-excel"),
        ("microsoft EXCEL", "skill:ms-excel"),
        ("MS Excel", "skill:ms-excel"),
        ("Эксель", "skill:ms-excel"),
        ("Ведение переговоров", "skill:negotiation"),
        ("negotiation", "skill:negotiation"),
        ("  Active   sales ", "skill:active-sales"),
    ],
)
def test_skill_resolved_by_id_iri_label_ru_en_and_alt_label(
    small_model: ReadModel, reference: str, expected: str
) -> None:
    graph = job_description_from_mapping(minimal(requirements=[{"skill": reference}]), small_model)
    assert graph.value(iri("req:clerk-1"), CG.requiredSkill) == iri(expected)


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("position:head-of-sales", "pos:head-of-sales"),
        ("pos:head-of-sales", "pos:head-of-sales"),  # Turtle prefix
        ("Head of sales", "pos:head-of-sales"),
        ("руководитель отдела продаж", "pos:head-of-sales"),
        ("clerk", "pos:clerk"),  # the position being described
    ],
)
def test_position_resolved_by_id_prefix_and_label(
    small_model: ReadModel, reference: str, expected: str
) -> None:
    data = minimal()
    data["position"]["reports_to"] = reference
    graph = job_description_from_mapping(data, small_model)
    assert graph.value(iri("pos:clerk"), ORG.reportsTo) == iri(expected)


def test_rights_facilitate_new_duties_by_local_id_or_label(small_model: ReadModel) -> None:
    data = minimal(
        duties=[{"id": "file", "label": {"ru": "Ведение архива", "en": "Filing"}}],
        rights=[
            {"label": {"ru": "Право А", "en": "Right A"}, "facilitates": ["file"]},
            {"label": {"ru": "Право Б", "en": "Right B"}, "facilitates": ["Ведение архива"]},
            {"label": {"ru": "Право В", "en": "Right C"}, "facilitates": ["Handling complaints"]},
        ],
    )
    graph = job_description_from_mapping(data, small_model)
    assert graph.value(iri("right:clerk-1"), CG.facilitates) == iri("duty:clerk-file")
    assert graph.value(iri("right:clerk-2"), CG.facilitates) == iri("duty:clerk-file")
    assert graph.value(iri("right:clerk-3"), CG.facilitates) == iri("duty:handle-complaints")


def test_requires_becomes_requires_competence(small_model: ReadModel) -> None:
    data = minimal(
        duties=[{"label": {"ru": "Переписка", "en": "Correspondence"}, "requires": ["English"]}]
    )
    graph = job_description_from_mapping(data, small_model)
    assert graph.value(iri("duty:clerk-1"), CG.requiresCompetence) == iri("skill:english")
    assert graph.value(iri("duty:clerk-1"), CG.supportedBy) is None


# -- located errors ---------------------------------------------------------------------------


def convert_text(text: str, model: ReadModel, tmp_path: Path, name: str = "jd.yaml") -> None:
    load_job_description(write(tmp_path, text, name), model)


HEADER = "position:\n  id: clerk\n  label: {ru: Делопроизводитель, en: Clerk}\nstatus: draft\n"


@pytest.mark.parametrize(
    ("body", "message", "line", "column"),
    [
        (
            "duties:\n  - label: {ru: Отчёты, en: Reports}\n    supported_by: [MS Exel]\n",
            "unknown skill 'MS Exel' at duties[0].supported_by[0] (did you mean 'MS Excel'?)",
            7,
            20,
        ),
        (
            "requirements:\n  - skill: CRM\n",
            "'CRM' is the label of several skills (skill:bitrix24, skill:crm): use the id "
            "at requirements[0].skill",
            6,
            12,
        ),
        (
            "requirements:\n  - skill: norm:labour-code-art-192\n",
            "'norm:labour-code-art-192' is a legal norm, not a skill at requirements[0].skill",
            6,
            12,
        ),
        (
            "requirements:\n  - skill: skill:ms-exel\n",
            "unknown skill 'skill:ms-exel' at requirements[0].skill "
            "(did you mean 'skill:ms-excel'?)",
            6,
            12,
        ),
        (
            "responsibilities:\n  - label: {ru: А, en: A}\n"
            "    legal_basis: [Labour code art 193]\n",
            "unknown legal norm 'Labour code art 193' at responsibilities[0].legal_basis[0] "
            "(did you mean 'norm:labour-code-art-192'?)",
            7,
            19,
        ),
        (
            "responsibilities:\n  - label: {ru: А, en: A}\n    legal_basis: [Статья 192 ТК РФ]\n",
            "unknown legal norm 'Статья 192 ТК РФ' at responsibilities[0].legal_basis[0] "
            "(did you mean 'norm:labour-code-art-192'?)",
            7,
            19,
        ),
        (
            "requirements:\n  - skill: CRM\n    education: higher\n",
            "a requirement needs exactly one of: skill, education, experience, attribute, "
            "not a mapping at requirements[0]",
            6,
            5,
        ),
        (
            "requirements:\n  - experience: {area: sales}\n",
            "missing required field 'years' at requirements[0].experience",
            6,
            17,
        ),
        (
            "requirements:\n  - experience: {years: -1}\n",
            "must be at least 0 at requirements[0].experience.years",
            6,
            25,
        ),
        (
            "duties:\n  - {id: '2', label: {ru: А, en: A}}\n  - {label: {ru: Б, en: B}}\n",
            "duties[0] already has the id 'duty:clerk-2' at duties[1]: give each item its own id",
            7,
            5,
        ),
        (
            "rights:\n  - label: Право\n",
            "expected a mapping of fields, not 'Право' at rights[0].label",
            6,
            12,
        ),
        (
            "approval: {date: 2026-13-01}\n",
            "'2026-13-01' is not a valid date (no such day) at approval.date",
            5,
            18,
        ),
        (
            "approval: {date: 2026-03-10T24:00}\n",
            "'2026-03-10T24:00' is not a valid date and time (no such month, day, hour or "
            "minute) at approval.date",
            5,
            18,
        ),
        (  # the time form has no standard format: the schema admits day 30, the reader not
            "approval: {date: 2026-02-30T09:30}\n",
            "'2026-02-30T09:30' is not a valid date (no such day or time) at approval.date",
            5,
            18,
        ),
        (
            "agreements:\n  - {role: lawyer, date: 01/02/2026}\n",
            "role must be legal-service, hr-department or immediate-supervisor, not 'lawyer' "
            "at agreements[0].role (and 1 more problem)",
            6,
            12,
        ),
    ],
)
def test_errors_name_the_field_and_its_line(
    small_model: ReadModel,
    tmp_path: Path,
    body: str,
    message: str,
    line: int,
    column: int,
) -> None:
    # a reference that names nothing is a problem the reader goes on without (every one is
    # reported at once, the rest still checked); anything else stops the reading
    try:
        path = write(tmp_path, HEADER + body, "jd.yaml")
        error = load_job_description(path, small_model, partial=True).problems[0]
        assert error.recoverable
    except InputError as caught:
        error = caught
        assert not error.recoverable
    assert error.message == message
    assert (error.path, error.line, error.column) == (str(tmp_path / "jd.yaml"), line, column)


def test_a_file_for_an_existing_position_is_a_new_edition(small_model: ReadModel) -> None:
    data = minimal(version="2")
    data["position"]["id"] = "account-manager"
    converted = convert_job_description(data, small_model)
    position = iri("pos:account-manager")
    assert converted.revises is True
    # the position keeps its class (a standard position stays one): the file adds none
    assert list(converted.graph.objects(position, RDF.type)) == []
    assert converted.graph.value(iri("jd:account-manager"), CG.version) == Literal("2")


def test_a_file_for_a_new_position_declares_what_it_creates(small_model: ReadModel) -> None:
    data = minimal(duties=[{"label": {"ru": "Отчёты", "en": "Reports"}}])
    converted = convert_job_description(data, small_model)
    assert converted.revises is False
    for entity, cls in (
        ("pos:clerk", CG.Position),
        ("jd:clerk", CG.JobDescription),
        ("duty:clerk-1", CG.Duty),
    ):
        assert set(converted.graph.objects(iri(entity), RDF.type)) == {cls, OWL.NamedIndividual}


# -- Russian only, bilingual values -----------------------------------------------------------


def test_a_russian_only_draft_converts_without_made_up_english(small_model: ReadModel) -> None:
    data = {
        "position": {"id": "clerk", "label": {"ru": "Делопроизводитель"}},
        "status": "draft",
        "requirements": [{"skill": "MS Excel", "level": {"ru": "уверенный пользователь"}}],
        "duties": [{"label": {"ru": "Ведение архива"}}],
    }
    graph = job_description_from_mapping(data, small_model)
    assert set(graph.objects(iri("pos:clerk"), RDFS.label)) == {
        Literal("Делопроизводитель", lang="ru")
    }
    (title,) = graph.objects(iri("jd:clerk"), RDFS.label)
    assert (title.language, "делопроизвод" in str(title)) == ("ru", True)
    assert set(graph.objects(iri("req:clerk-1"), RDFS.label)) == {
        Literal(
            "Делопроизводитель: Microsoft Excel, уверенный пользователь (обязательно)", lang="ru"
        )
    }
    assert set(graph.objects(iri("duty:clerk-1"), RDFS.label)) == {
        Literal("Ведение архива", lang="ru")
    }


def test_level_and_value_are_bilingual_texts_or_plain_values(small_model: ReadModel) -> None:
    data = minimal(
        requirements=[
            {
                "skill": "MS Excel",
                "level": {"ru": "уверенный пользователь", "en": "confident user"},
            },
            {"skill": "English", "level": "B1"},
            {"attribute": "business-travel", "value": {"ru": "до 5 дней", "en": "up to 5 days"}},
            {"attribute": "own-car", "value": 1.10},
        ]
    )
    graph = job_description_from_mapping(data, small_model)
    assert set(graph.objects(iri("req:clerk-1"), CG.level)) == {
        Literal("уверенный пользователь", lang="ru"),
        Literal("confident user", lang="en"),
    }
    assert set(graph.objects(iri("req:clerk-2"), CG.level)) == {Literal("B1")}
    assert set(graph.objects(iri("req:clerk-3"), CG.attributeValue)) == {
        Literal("до 5 дней", lang="ru"),
        Literal("up to 5 days", lang="en"),
    }
    assert set(graph.objects(iri("req:clerk-4"), CG.attributeValue)) == {Literal("1.1")}
    assert set(graph.objects(iri("req:clerk-1"), RDFS.label)) == {
        Literal(
            "Делопроизводитель: Microsoft Excel, уверенный пользователь (обязательно)", lang="ru"
        ),
        Literal("Clerk: Microsoft Excel, confident user (essential)", lang="en"),
    }
    assert set(graph.objects(iri("req:clerk-3"), RDFS.label)) == {
        Literal(
            "Делопроизводитель: готовность к командировкам: до 5 дней (обязательно)", lang="ru"
        ),
        Literal("Clerk: readiness for business trips: up to 5 days (essential)", lang="en"),
    }


def test_a_level_without_russian_is_refused(small_model: ReadModel) -> None:
    data = minimal(requirements=[{"skill": "MS Excel", "level": {"en": "confident user"}}])
    with pytest.raises(InputError) as caught:
        job_description_from_mapping(data, small_model)
    assert caught.value.message == (
        "expected a value such as B1, or {ru: ..., en: ...}, not a mapping at requirements[0].level"
    )


def test_yaml_syntax_error_is_located(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_text("position:\n  id: clerk\n label: x\n", small_model, tmp_path)
    assert caught.value.message.startswith("YAML syntax error: ")
    assert caught.value.line == 3


def test_json_syntax_error_is_located(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_text('{\n  "position": {"id": "clerk",}\n}\n', small_model, tmp_path, "jd.json")
    error = caught.value
    assert error.message.startswith("JSON syntax error: ")
    assert (error.line, error.column) == (2, 30)


def test_empty_and_missing_files(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the file is empty"):
        convert_text("# nothing yet\n", small_model, tmp_path)
    with pytest.raises(InputError, match="no such file") as caught:
        load_job_description(tmp_path / "absent.yaml", small_model)
    assert caught.value.path == str(tmp_path / "absent.yaml")


def test_a_file_that_is_not_utf8_is_located_at_its_first_bad_byte(
    small_model: ReadModel, tmp_path: Path
) -> None:
    latin1 = tmp_path / "windows-1251.yaml"
    latin1.write_bytes(b"position:\n  id: clerk\n  label: {ru: " + "Кассир".encode("cp1251"))
    with pytest.raises(InputError) as caught:
        load_job_description(latin1, small_model)
    error = caught.value
    assert error.message.startswith("not UTF-8 text: invalid")
    assert (error.line, error.column) == (3, 15)


def test_top_level_must_be_a_mapping(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_text("- position\n", small_model, tmp_path)
    assert caught.value.message == "expected a mapping of fields, not a list"
    assert caught.value.line == 1


def test_every_unknown_reference_is_reported_at_once(
    small_model: ReadModel, tmp_path: Path
) -> None:
    body = "duties:\n  - label: {ru: Отчёты, en: Reports}\n    supported_by: [MS Exel, Wrod]\n"
    with pytest.raises(InputError) as caught:
        convert_text(HEADER + body, small_model, tmp_path)
    assert [(e.line, e.column, e.field) for e in caught.value.all] == [
        (7, 20, "duties[0].supported_by[0]"),
        (7, 29, "duties[0].supported_by[1]"),
    ]
    read = load_job_description(tmp_path / "jd.yaml", small_model, partial=True)
    assert [e.message for e in read.problems] == [e.message for e in caught.value.all]
    assert (iri("duty:clerk-1"), CG.supportedBy, None) not in read.graph


def test_mapping_errors_name_the_field_without_a_line(small_model: ReadModel) -> None:
    data = minimal(duties=[{"label": {"ru": "Отчёты", "en": "Reports"}, "supported_by": ["Exel"]}])
    with pytest.raises(InputError) as caught:
        job_description_from_mapping(data, small_model, source="graphql input")
    error = caught.value
    assert str(error) == (
        "graphql input: unknown skill 'Exel' at duties[0].supported_by[0] (did you mean 'Excel'?)"
    )
    assert error.line is None


def test_mapping_is_not_modified(small_model: ReadModel) -> None:
    data = minimal(familiarisation=[{"name": "Егорова Н. С."}])
    before = copy.deepcopy(data)
    convert_job_description(data, small_model)
    assert data == before


# -- hostile files: bounded, located, never a traceback -------------------------------------------


def laughs(levels: int) -> str:
    """A "billion laughs" YAML document: each level is a list of nine aliases of the one
    before, so ``levels`` levels stand for 9**levels values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(20)
def test_a_yaml_alias_bomb_is_refused_at_once(small_model: ReadModel, tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        convert_text(laughs(9), small_model, tmp_path)
    assert time.perf_counter() - started < 2
    error = caught.value
    # level 5 (line 6) is the first to stand for over 100,000 values: 9**5 + ...
    assert error.message == (
        "with its aliases expanded this stands for over 100,000 values "
        "(aliases may not blow a document up)"
    )
    assert (error.line, error.column) == (6, 5)  # its anchor, &a5


def test_aliases_within_the_bound_are_fine(small_model: ReadModel, tmp_path: Path) -> None:
    text = HEADER.replace("status: draft", "status: &s draft") + "x-status: *s\n"
    with pytest.raises(InputError, match="unknown field 'x-status'"):  # read, then validated
        convert_text(text, small_model, tmp_path)


def test_a_recursive_alias_is_refused(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_text(HEADER + "duties: &d [*d]\n", small_model, tmp_path)
    error = caught.value
    assert error.message == "the alias *d is used inside the value it names"
    assert (error.line, error.column) == (5, 13)


def test_a_nul_byte_in_yaml_is_located(small_model: ReadModel, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_text(HEADER + "notes: a\x00b\n", small_model, tmp_path)
    error = caught.value
    assert error.message == "YAML syntax error: the character NUL (U+0000) is not allowed in YAML"
    assert (error.line, error.column) == (5, 9)


@pytest.mark.parametrize("name", ["jd.yaml", "jd.json"])
def test_nesting_deeper_than_the_limit_is_located(
    small_model: ReadModel, tmp_path: Path, name: str
) -> None:
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(InputError) as caught:
        convert_text(f'{{"position":\n  {deep}}}', small_model, tmp_path, name)
    error = caught.value
    assert error.message == "nested deeper than 100 levels of lists and mappings"
    assert (error.line, error.column) == (2, 102)


@pytest.mark.parametrize("name", ["jd.yaml", "jd.json"])
def test_a_number_of_over_4300_digits_is_located(
    small_model: ReadModel, tmp_path: Path, name: str
) -> None:
    with pytest.raises(InputError) as caught:
        convert_text('{"position":\n  ' + "7" * 5000 + "}", small_model, tmp_path, name)
    error = caught.value
    assert error.message == "a number of 5,000 digits: numbers of at most 4,300 digits are read"
    assert (error.line, error.column) == (2, 3)


@pytest.mark.timeout(10)
def test_a_link_to_a_device_is_refused(small_model: ReadModel, tmp_path: Path) -> None:
    (tmp_path / "jd.yaml").symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"jd.yaml: a device \(a link to /dev/zero\)"):
        load_job_description(tmp_path / "jd.yaml", small_model)


# -- schema and examples ------------------------------------------------------------------------


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(job_description_schema())


def test_any_validator_that_asserts_formats_refuses_a_day_that_does_not_exist() -> None:
    validator = jsonschema.Draft202012Validator(
        job_description_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    document = minimal(approval={"date": "2026-02-28"}, agreements=[{"role": "legal-service"}])
    assert list(validator.iter_errors(document)) == []
    document["agreements"] = [{"role": "legal-service", "date": "2026-02-30"}]
    [error] = validator.iter_errors(document)
    assert (list(error.absolute_path), error.validator, error.schema) == (
        ["agreements", 0, "date"],
        "format",
        {"title": "date (no such day)", "format": "date"},
    )


def expectation(path: Path) -> tuple[str, int]:
    """The ``# expect:`` message fragment and ``# line:`` of an invalid example."""
    head = path.read_text("utf-8").splitlines()[:2]
    expect = re.fullmatch(r"# expect: (.+)", head[0])
    line = re.fullmatch(r"# line: (\d+)", head[1])
    assert expect and line, f"{path.name} must start with '# expect: ...' and '# line: N'"
    return expect.group(1), int(line.group(1))


# Files that must fail conversion start with "# expect: <error>"; rule-violation examples in
# the same folder convert fine and are checked by the checker's tests.
INVALID = sorted(
    path
    for path in (EXAMPLES / "invalid").glob("*.yaml")
    if path.read_text("utf-8").startswith("# expect: ")
)
VALID = sorted((EXAMPLES / "valid").glob("*.yaml"))


def test_examples_exist() -> None:
    assert len(VALID) >= 1
    assert {p.name for p in INVALID} >= {
        "unknown-skill.yaml",
        "missing-required-field.yaml",
        "wrong-date-format.yaml",
    }


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_for_its_stated_reason(path: Path, shipped_model: ReadModel) -> None:
    expected, line = expectation(path)
    with pytest.raises(InputError) as caught:
        load_job_description(path, shipped_model)
    error = caught.value
    assert expected in error.message
    assert (error.path, error.line) == (str(path), line)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_passes_every_rule(
    path: Path, shipped: LoadedGraph, shipped_model: ReadModel
) -> None:
    converted = load_job_description(path, shipped_model)
    assert len(converted.graph) > 50
    merged = LoadedGraph(graph=shipped.graph + converted.graph, files=list(shipped.files))
    checker = Checker(merged)
    report = checker.check_position(converted.position)
    assert report.violations == []
    assert "duty-coverage" in report.rules_run
    if java_available():  # and the merged graph is consistent (must_know a whole code was not)
        reasoned = checker.check_graph(rules=["owl-consistency"])
        assert (reasoned.rules_run, reasoned.violations) == (["owl-consistency"], [])


def test_violations_point_at_the_yaml_line_of_the_item_to_fix(
    shipped: LoadedGraph, shipped_model: ReadModel, tmp_path: Path
) -> None:
    text = (
        "position:\n"
        "  id: clerk\n"
        "  label: {ru: Делопроизводитель, en: Clerk}\n"
        "status: draft\n"
        "requirements:\n"
        "  - skill: skill:ms-excel\n"
    )
    converted = load_job_description(write(tmp_path, text), shipped_model)
    loaded = LoadedGraph(
        graph=shipped.graph + Graph(),
        files=list(shipped.files),
        locations=dict(shipped.locations),
    )
    converted.add_to(loaded)
    assert loaded.files[-1] == tmp_path / "jd.yaml"
    report = Checker(loaded).check_position(converted.position, rules=["unused-requirement"])
    (violation,) = report.violations
    assert (violation.rule_id, violation.focus) == ("unused-requirement", str(iri("pos:clerk")))
    # the requirement that names the unused skill, not the position
    assert violation.location == Location(str(tmp_path / "jd.yaml"), 6, 5, "requirements[0]")


# -- legal exceptions: grounds, norms and categories of work ----------------------------------


def _local_names(graph: Graph, cls: URIRef) -> set[str]:
    query = f"SELECT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{cls}> }}"
    return {str(row[0]).rsplit("#", 1)[1] for row in graph.query(query)}  # type: ignore[index]


def test_the_schema_offers_every_ground_category_and_sanction_the_ontology_defines(
    shipped: LoadedGraph,
) -> None:
    schema = json.loads((REPO / "schema" / "job-description.schema.json").read_text("utf-8"))
    attributes = schema["$defs"]["requirement"]["properties"]["attribute"]["enum"]
    categories = schema["$defs"]["position"]["properties"]["work_categories"]["items"]["enum"]
    sanctions = schema["$defs"]["responsibility"]["properties"]["sanctions"]["items"]["enum"]
    assert set(attributes) == _local_names(shipped.graph, CG.CandidateAttribute)
    assert set(categories) == _local_names(shipped.graph, CG.WorkCategory)
    assert set(sanctions) == _local_names(shipped.graph, CG.Sanction)


def test_a_requirement_cites_its_norm_and_a_position_names_its_categories(
    small_model: ReadModel, tmp_path: Path
) -> None:
    data = minimal(requirements=[{"attribute": "age", "value": "от 18 лет"}])
    data["position"]["work_categories"] = ["cashiers-and-controllers", "trade-in-goods-work"]
    data["requirements"][0]["legal_basis"] = ["norm:labour-code-art-192"]
    path = write(tmp_path, json.dumps(data, ensure_ascii=False), "cashier.json")
    graph = load_job_description(path, small_model).graph
    assert set(graph.objects(iri("pos:clerk"), CG.inWorkCategory)) == {
        CG["cashiers-and-controllers"],
        CG["trade-in-goods-work"],
    }
    assert list(graph.objects(iri("req:clerk-1"), CG.legalBasis)) == [
        URIRef(ID_BASE + "norm/labour-code-art-192")
    ]
