"""schema.org JobPosting JSON-LD read into the ontology's RDF: postings from elsewhere (only
schema.org fields), employment type codes, and errors that name the field. The round trips
with the export are in tests/rendering/test_job_posting.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.importers.job_posting import (
    employment_type,
    postings_to_graph,
    read,
    read_postings,
)
from competency_graph.model.readmodel import build_read_model
from competency_graph.namespaces import CG
from tests.rendering_support import CORE, FIXTURE

VAC = "https://w3id.org/competency-graph/id/vacancy/"
SKILL = "https://w3id.org/competency-graph/id/skill/"


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("FULL_TIME", CG["full-time"]),
        ("full-time", CG["full-time"]),
        (" Part time ", CG["part-time"]),
        ("per_diem", CG["per-diem-work"]),
        ("Contractor", CG["contract-work"]),
        ("SHIFT_WORK", None),
        ("", None),
    ],
)
def test_employment_type_codes_ignore_case_spaces_and_hyphens(
    code: str, value: URIRef | None
) -> None:
    assert employment_type(code) == value


def test_a_plain_schema_org_posting_is_imported_from_its_schema_fields() -> None:
    posting = {
        "@context": "https://schema.org/",
        "@id": "vacancy:from-a-job-board",
        "@type": "JobPosting",
        "title": "Account manager",
        "skills": [{"@id": SKILL + "test-ms-excel"}, "friendly"],
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": 18,
        },
        "educationRequirements": {"credentialCategory": {"@id": str(CG["higher-education"])}},
        "baseSalary": {"currency": "RUB", "value": {"minValue": 50000, "unitText": "MONTH"}},
    }
    graph = postings_to_graph(posting)
    model = build_read_model(load_files([CORE, FIXTURE], follow_imports=False).graph + graph)
    vacancy = model.vacancies[VAC + "from-a-job-board"]
    assert vacancy.label.en == "Account manager"
    assert vacancy.salary is not None and vacancy.salary.min_value == 50000
    kinds = sorted(
        (r.kind, r.skill, r.min_years, r.education_levels)
        for r in (model.requirements[k] for k in vacancy.requirements)
    )
    assert kinds == [
        ("education", None, None, (str(CG["higher-education"]),)),
        ("experience", None, 1.5, ()),
        ("skill", SKILL + "test-ms-excel", None, ()),
    ]


POSTING = {"@id": "vacancy:x", "@type": "JobPosting"}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"@type": "JobPosting"}, r"JobPosting\.@id: missing"),
        ({"@id": "vacancy:x", "@type": "Person"}, r"JobPosting\.@type: expected JobPosting"),
        ([{**POSTING, "baseSalary": {"value": {"minValue": "lots"}}}, {}],
         r"\[0\]\.baseSalary\.value\.minValue: expected a number"),
        ({"@id": "vacancy:x", "@type": "JobPosting", "cg:hasRequirement": [{"@type": "cg:Wish"}]},
         r"cg:hasRequirement\[0\]\.@type: expected one of"),
        ({"@id": "vacancy:x", "@type": "JobPosting", "relevantOccupation": {"name": "x"}},
         r"relevantOccupation: expected an IRI"),
        ({"@id": "not an id", "@type": "JobPosting"}, r"JobPosting\.@id: not an id"),
        ({**POSTING, "employmentType": ["FULL_TIME", "SHIFT_WORK"]},
         r"^in\.jsonld: JobPosting\.employmentType\[1\]: unknown employment type 'SHIFT_WORK' "
         r"\(expected one of: FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, "
         r"PER_DIEM, OTHER\)$"),
        ({**POSTING, "employmentType": 40}, r"JobPosting\.employmentType: expected a code"),
        ({**POSTING, "hiringOrganization": "ООО «Ромашка»"},
         r"JobPosting\.hiringOrganization: expected an Organization object"),
        ({**POSTING, "hiringOrganization": [{"name": "A"}, {"name": "B"}]},
         r"JobPosting\.hiringOrganization: expected one Organization: a vacancy has one employer"),
        ({**POSTING, "hiringOrganization": [{"@type": "Organization"}]},
         r"hiringOrganization\[0\]\.name: missing: an employer without @id needs a name"),
        ({**POSTING, "hiringOrganization": {"@id": "organization:x", "name": 7}},
         r"JobPosting\.hiringOrganization\.name: expected a language map"),
    ],
)  # fmt: skip
def test_bad_postings_name_the_field(document: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        postings_to_graph(document, "in.jsonld")


def test_malformed_json_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonld"
    path.write_text('{\n  "@type": "JobPosting",\n}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_postings(path)
    assert caught.value.location == f"{path}:3:1"
    with pytest.raises(InputError, match="no such file"):
        read_postings(tmp_path / "missing.jsonld")


def test_ids_are_read_in_every_id_form() -> None:
    posting = {
        "@id": "vac:from-a-job-board",
        "@type": "JobPosting",
        "relevantOccupation": {"@id": "pos:test-account-manager"},
        "cg:hasRequirement": [{"@type": "cg:SkillRequirement", "cg:necessity": "cg:essential"}],
    }
    graph = postings_to_graph(posting)
    vacancy = URIRef(VAC + "from-a-job-board")
    position = "https://w3id.org/competency-graph/id/position/test-account-manager"
    assert graph.value(vacancy, CG.forPosition) == URIRef(position)
    (requirement,) = graph.objects(vacancy, CG.hasRequirement)
    assert graph.value(requirement, CG.necessity) == CG.essential


def test_the_registry_reader_gives_the_vacancies_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "postings.jsonld"
    path.write_text('{"@id": "vacancy:x", "@type": "JobPosting"}', encoding="utf-8")
    imported = read(path)
    assert imported.source == str(path)
    assert imported.locations == {}
    assert set(imported.graph) == set(
        postings_to_graph({"@id": "vacancy:x", "@type": "JobPosting"})
    )


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("text", "message", "location"),
    [
        ('{"@type":\n' + "[" * 5000 + "]" * 5000 + "}", "nested deeper than 100 levels", "2:100"),
        ('{"baseSalary":\n  ' + "1" * 5000 + "}", "a number of 5,000 digits", "2:3"),
    ],
    ids=["deep", "long-number"],
)
def test_hostile_json_is_located(tmp_path: Path, text: str, message: str, location: str) -> None:
    path = tmp_path / "hostile.jsonld"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_postings(path)
    assert caught.value.location == f"{path}:{location}"
    device = tmp_path / "zero.jsonld"
    device.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="only regular files are read"):
        read_postings(device)
