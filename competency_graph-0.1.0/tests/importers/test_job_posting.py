"""schema.org JobPosting JSON-LD read into the ontology's RDF: postings from elsewhere (only
schema.org fields), employment type codes, dates and places, the document's language, and
errors that name the field. The round trips with the export are in
tests/rendering/test_job_posting.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.importers.job_posting import (
    area_of,
    date_text,
    employment_type,
    is_before,
    moment_of,
    place_of,
    postings_to_graph,
    read,
    read_postings,
)
from competency_graph.model.domain import Area, Place, Text
from competency_graph.model.readmodel import build_read_model
from competency_graph.namespaces import CG, SCHEMA
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
        ({**POSTING, "datePosted": "2026-02-30"},
         r"^in\.jsonld: JobPosting\.datePosted: '2026-02-30' is not a date or date-time "
         r"\(ISO 8601 such as 2026-11-20 or 2026-11-20T09:00:00\+03:00\)$"),
        ({**POSTING, "validThrough": 20261231},
         r"JobPosting\.validThrough: 20261231 is not a date or date-time"),
        ({**POSTING, "datePosted": "2026-11-20", "validThrough": "2026-11-19"},
         r"JobPosting\.validThrough: '2026-11-19' is before datePosted '2026-11-20'$"),
        ({**POSTING, "jobLocation": "Москва"},
         r"JobPosting\.jobLocation: expected a Place object"),
        ({**POSTING, "jobLocation": [{"@type": "Place"}]},
         r"JobPosting\.jobLocation\[0\]\.address: missing: a job location needs a PostalAddress"),
        ({**POSTING, "jobLocation": {"@type": "Place", "address": "Москва"}},
         r"JobPosting\.jobLocation\.address: expected a PostalAddress object"),
        ({**POSTING, "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress"}}},
         r"JobPosting\.jobLocation\.address: empty: give addressLocality, addressRegion, "
         r"addressCountry"),
        ({**POSTING, "jobLocation": {"@type": "PostalAddress"}},
         r"JobPosting\.jobLocation\.@type: expected Place"),
        ({**POSTING, "jobLocation": {"address": {"addressCountry": "Russia"}}},
         r"JobPosting\.jobLocation\.address\.addressCountry: expected an ISO 3166-1 alpha-2 "
         r"country code such as RU, got 'Russia'"),
        ({**POSTING, "jobLocationType": "HYBRID"},
         r"JobPosting\.jobLocationType: unknown job location type 'HYBRID' "
         r"\(expected TELECOMMUTE\)"),
        ({**POSTING, "applicantLocationRequirements": [{"@type": "Planet", "name": "Earth"}]},
         r"applicantLocationRequirements\[0\]\.@type: expected one of: Country, "
         r"AdministrativeArea, State, City"),
        ({**POSTING, "applicantLocationRequirements": {"@type": "Country"}},
         r"applicantLocationRequirements\.name: missing: an area is known by its name"),
        ({**POSTING, "hiringOrganization": {"name": "A", "url": "not a url"}},
         r"JobPosting\.hiringOrganization\.url: not an id: 'not a url'"),
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


def test_dates_places_and_remote_work_are_read_into_their_properties() -> None:
    document = {
        "@context": {"@vocab": "https://schema.org/", "@language": "ru"},
        "@graph": [
            {
                "@id": "vacancy:in-kazan",
                "@type": "JobPosting",
                "title": "Менеджер по работе с клиентами",
                "datePosted": "2026-11-20",
                "validThrough": "2026-12-01T18:00:00+03:00",
                "jobLocation": [
                    {
                        "@type": "Place",
                        "address": {
                            "@type": "PostalAddress",
                            "addressLocality": "Казань",
                            "addressRegion": {"@value": "Tatarstan", "@language": "en"},
                            "addressCountry": "ru",
                        },
                    },
                    {"address": {"addressCountry": {"@type": "Country", "name": "KZ"}}},
                ],
            },
            {
                "@id": "vacancy:remote",
                "@type": "JobPosting",
                "jobLocationType": "telecommute",
                "applicantLocationRequirements": [
                    {"@type": "State", "name": "Московская область"},
                    {"@type": "Country", "name": "Россия"},
                ],
                "isBasedOn": "https://w3id.org/competency-graph/seed/000",
            },
        ],
    }
    graph = postings_to_graph(document)
    kazan, remote = URIRef(VAC + "in-kazan"), URIRef(VAC + "remote")
    assert graph.value(kazan, RDFS.label) == Literal("Менеджер по работе с клиентами", lang="ru")
    assert graph.value(kazan, SCHEMA.datePosted) == Literal(
        "2026-11-20T00:00:00", datatype=XSD.dateTime
    )
    assert graph.value(kazan, SCHEMA.validThrough) == Literal(
        "2026-12-01T18:00:00+03:00", datatype=XSD.dateTime
    )
    # an earlier export named the source isBasedOn
    assert graph.value(remote, DCTERMS.source) == URIRef(
        "https://w3id.org/competency-graph/seed/000"
    )
    model = build_read_model(load_files([CORE, FIXTURE], follow_imports=False).graph + graph)
    in_kazan = model.vacancies[str(kazan)]
    assert in_kazan.date_posted == datetime(2026, 11, 20)
    assert in_kazan.valid_through == datetime(2026, 12, 1, 18, tzinfo=timezone(timedelta(hours=3)))
    assert in_kazan.locations == (
        Place(country="KZ"),
        Place(locality=Text(ru="Казань"), region=Text(en="Tatarstan"), country="RU"),
    )
    assert in_kazan.location_type is None
    at_home = model.vacancies[str(remote)]
    assert at_home.location_type == "TELECOMMUTE"
    # countries first
    assert at_home.applicant_locations == (
        Area(name=Text(ru="Россия"), kind="Country"),
        Area(name=Text(ru="Московская область"), kind="AdministrativeArea"),
    )


def test_plain_strings_take_the_language_of_their_own_document() -> None:
    postings = [
        {"@context": {"@language": "en"}, **POSTING, "title": "Account manager"},
        {"@id": "vacancy:y", "@type": "JobPosting", "title": "Менеджер"},
    ]
    graph = postings_to_graph(postings)
    assert graph.value(URIRef(VAC + "x"), RDFS.label) == Literal("Account manager", lang="en")
    # a posting without a context of its own: no language known, an untagged text
    assert graph.value(URIRef(VAC + "y"), RDFS.label) == Literal("Менеджер")


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-11-20", datetime(2026, 11, 20)),
        (" 2026-11-20T09:30:00 ", datetime(2026, 11, 20, 9, 30)),
        ("2026-02-30", None),
        ("20.11.2026", None),
        ("", None),
    ],
)
def test_moments_are_iso_8601_dates_or_date_times(text: str, moment: datetime | None) -> None:
    assert moment_of(text) == moment


def test_an_export_writes_midnight_as_the_day_alone() -> None:
    assert date_text(datetime(2026, 11, 20)) == "2026-11-20"
    assert date_text(datetime(2026, 11, 20, 9, 30)) == "2026-11-20T09:30:00"
    moscow = timezone(timedelta(hours=3))
    assert date_text(datetime(2026, 11, 20, tzinfo=moscow)) == "2026-11-20T00:00:00+03:00"
    # one moment with a time zone, one without: their wall-clock times
    assert is_before(datetime(2026, 11, 19, 23, tzinfo=moscow), datetime(2026, 11, 20))
    assert not is_before(datetime(2026, 11, 20), datetime(2026, 11, 20))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("RU", Place(country="RU")),
        ("Москва, ru", Place(locality=Text(ru="Москва"), country="RU")),
        (
            "Химки, Московская область, RU",
            Place(locality=Text(ru="Химки"), region=Text(ru="Московская область"), country="RU"),
        ),
    ],
)
def test_a_place_is_written_locality_region_country(text: str, place: Place) -> None:
    assert place_of(text, "ru") == place


@pytest.mark.parametrize("text", ["Moscow", "Moscow, Russia", "a, b, c, RU", ", RU", ""])
def test_a_place_without_a_country_code_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected 'LOCALITY, REGION, COUNTRY'"):
        place_of(text, "en")


def test_a_remote_area_is_a_country_by_name() -> None:
    assert area_of(" RU ", "en") == Area(name=Text(en="RU"), kind="Country")
    with pytest.raises(ValueError, match="expected a country name or code"):
        area_of(" ", "en")
