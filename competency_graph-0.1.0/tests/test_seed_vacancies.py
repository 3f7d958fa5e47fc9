"""Seed-000 vacancy data (examples/vacancies/seed-000-vacancies.ttl) checked against the seed.

Salaries, posting texts and the unlawful requirements are compared with an independent parse of
../shared/seeds/000_ccd8e2fa39ee43df.txt, so a transcription slip in the Turtle file fails here.
Uses rdflib only, so it does not depend on the competency_graph package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

REPO_ROOT = Path(__file__).resolve().parents[1]
VACANCIES_FILE = REPO_ROOT / "examples" / "vacancies" / "seed-000-vacancies.ttl"
CORE_FILE = REPO_ROOT / "ontology" / "core.ttl"
SKILLS_FILE = REPO_ROOT / "ontology" / "skills.ttl"
SECTORS_FILE = REPO_ROOT / "ontology" / "sectors.ttl"
SEED_FILE = REPO_ROOT.parent / "shared" / "seeds" / "000_ccd8e2fa39ee43df.txt"

CG = Namespace("https://w3id.org/competency-graph/ontology#")
SCHEMA = Namespace("https://schema.org/")
VAC = Namespace("https://w3id.org/competency-graph/id/vacancy/")
POS = Namespace("https://w3id.org/competency-graph/id/position/")
SEED_000 = URIRef("https://w3id.org/competency-graph/seed/000")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

POSTING_COUNT = 50
SALARY_LINE_COUNT = 42
POSITIONS = {
    POS[name]
    for name in (
        "account-manager",
        "corporate-client-manager",
        "key-account-manager",
        "bank-account-manager",
        "cellular-customer-service-manager",
        "corporate-relations-manager",
    )
}
SKILL_CLASSES = {CG.Knowledge, CG.Competence, CG.Tool, CG.Language, CG.Licence, CG.PersonalQuality}
REQUIREMENT_CLASSES = {
    CG.EducationRequirement,
    CG.ExperienceRequirement,
    CG.SkillRequirement,
    CG.AttributeRequirement,
}
# Words by which a posting marks a requirement as nice-to-have rather than essential.
OPTIONAL_MARKERS = re.compile(r"desirabl|preferabl|preferred|advantage|welcome", re.IGNORECASE)

# What the seed's salary lines look like: "Wage: up to 40,000 rubles. per month",
# "Salary: from 40,000 to 45,000 rubles. per month", "Salary: from 40200 rubles. per month",
# "Salary: by agreement."
SALARY_LINE = re.compile(r"^(?:Salary|Wage):")
BY_AGREEMENT = re.compile(r"^(?:Salary|Wage): by agreement\.?$")
AMOUNT = re.compile(
    r"^(?:Salary|Wage): (?:from (?P<low>[\d,]+)(?: to (?P<high>[\d,]+))?|up to (?P<upto>[\d,]+))"
    r" (?P<currency>rubles)\. per (?P<period>month)$"
)
CURRENCY_CODES = {"rubles": "RUB"}
PERIOD_CODES = {"month": "MONTH"}


@dataclass(frozen=True)
class SeedPosting:
    """One "Applicant requirements:" block of the seed text."""

    ordinal: int
    requirements: str  # whitespace-normalised; "" for an empty block
    salary_line: str | None  # the Salary:/Wage: paragraph right after the block, if any


def normalise(text: str) -> str:
    return " ".join(text.split())


def parse_seed(text: str) -> list[SeedPosting]:
    """Split the seed on "Applicant requirements:".

    A block's text is its first paragraph unless that is already the salary line; its salary is the
    Salary:/Wage: paragraph that directly follows the text (or directly follows an empty block)."""
    postings = []
    for ordinal, chunk in enumerate(text.split("Applicant requirements:")[1:], start=1):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", chunk) if p.strip()]
        requirements = ""
        if paragraphs and not SALARY_LINE.match(paragraphs[0]):
            requirements = normalise(paragraphs.pop(0))
        salary_line = paragraphs[0] if paragraphs and SALARY_LINE.match(paragraphs[0]) else None
        postings.append(SeedPosting(ordinal, requirements, salary_line))
    return postings


def expected_salary(line: str | None) -> object:
    """None (no salary line), "by agreement", or (min, max, currency, period) from a salary line."""
    if line is None:
        return None
    if BY_AGREEMENT.match(line):
        return "by agreement"
    match = AMOUNT.match(line)
    assert match, f"salary line the test cannot read: {line!r}"

    def amount(group: str | None) -> Decimal | None:
        return Decimal(group.replace(",", "")) if group else None

    return (
        amount(match["low"]),
        amount(match["high"] or match["upto"]),
        CURRENCY_CODES[match["currency"]],
        PERIOD_CODES[match["period"]],
    )


@pytest.fixture(scope="module")
def seed_postings() -> list[SeedPosting]:
    if not SEED_FILE.is_file():
        pytest.skip(
            f"seed text not found at {SEED_FILE} (the shared seeds live next to the repository)"
        )
    return parse_seed(SEED_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vacancies_graph() -> Graph:
    return Graph().parse(VACANCIES_FILE, format="turtle")


@pytest.fixture(scope="module")
def core_graph() -> Graph:
    return Graph().parse(CORE_FILE, format="turtle")


@pytest.fixture(scope="module")
def vacancy_by_ordinal(vacancies_graph: Graph) -> dict[int, URIRef]:
    return {
        int(vacancies_graph.value(v, CG.seedOrdinal)): v  # type: ignore[arg-type]
        for v in vacancies_graph.subjects(RDF.type, CG.Vacancy)
    }


def requirements_of(graph: Graph, vacancy: URIRef) -> list:
    return list(graph.objects(vacancy, CG.hasRequirement))


def the_one(graph: Graph, subject, predicate) -> object:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} should have exactly one {predicate}, has {values}"
    return values[0]


# --- the seed parse itself -------------------------------------------------------------------


def test_seed_parse_finds_every_posting_and_salary_line(seed_postings: list[SeedPosting]) -> None:
    assert len(seed_postings) == POSTING_COUNT
    assert sum(p.salary_line is not None for p in seed_postings) == SALARY_LINE_COUNT
    assert [p.ordinal for p in seed_postings if not p.requirements] == [4, 9, 10]


# --- vacancies -------------------------------------------------------------------------------


def test_file_holds_fifty_vacancies_numbered_one_to_fifty(vacancies_graph: Graph) -> None:
    vacancies = set(vacancies_graph.subjects(RDF.type, CG.Vacancy))
    assert len(vacancies) == POSTING_COUNT
    ordinals = sorted(int(the_one(vacancies_graph, v, CG.seedOrdinal)) for v in vacancies)
    assert ordinals == list(range(1, POSTING_COUNT + 1))
    for vacancy in vacancies:
        ordinal = int(the_one(vacancies_graph, vacancy, CG.seedOrdinal))
        assert vacancy == VAC[f"seed-000-posting-{ordinal:02d}"]
        assert the_one(vacancies_graph, vacancy, DCTERMS.source) == SEED_000
        assert the_one(vacancies_graph, vacancy, CG.forPosition) in POSITIONS


def test_every_vacancy_has_one_russian_and_one_english_label(
    vacancy_by_ordinal: dict[int, URIRef], vacancies_graph: Graph
) -> None:
    for ordinal, vacancy in vacancy_by_ordinal.items():
        labels = list(vacancies_graph.objects(vacancy, RDFS.label))
        by_language = {label.language: str(label) for label in labels}
        assert len(labels) == 2 and set(by_language) == {"ru", "en"}, vacancy
        assert by_language["ru"].startswith(f"Вакансия {ordinal} из источника 000: ")
        assert by_language["en"].startswith(f"Posting {ordinal} of seed 000: ")


@pytest.mark.parametrize("ordinal", range(1, POSTING_COUNT + 1))
def test_salary_matches_the_seed(
    ordinal: int,
    seed_postings: list[SeedPosting],
    vacancy_by_ordinal: dict[int, URIRef],
    vacancies_graph: Graph,
) -> None:
    g, vacancy = vacancies_graph, vacancy_by_ordinal[ordinal]
    expected = expected_salary(seed_postings[ordinal - 1].salary_line)
    amounts = list(g.objects(vacancy, CG.salary))
    by_agreement = list(g.objects(vacancy, CG.salaryByAgreement))
    if expected is None:
        assert amounts == [] and by_agreement == []
    elif expected == "by agreement":
        assert amounts == []
        assert by_agreement == [Literal(True)]
    else:
        assert by_agreement == []
        assert len(amounts) == 1
        amount = amounts[0]
        assert (amount, RDF.type, SCHEMA.MonetaryAmount) in g
        bounds = []
        for bound in (SCHEMA.minValue, SCHEMA.maxValue):
            values = list(g.objects(amount, bound))
            assert len(values) <= 1
            assert all(v.datatype == XSD_DECIMAL for v in values)
            bounds.append(values[0].toPython() if values else None)
        actual = (
            *bounds,
            str(the_one(g, amount, SCHEMA.currency)),
            str(the_one(g, amount, SCHEMA.unitText)),
        )
        assert actual == expected


@pytest.mark.parametrize("ordinal", range(1, POSTING_COUNT + 1))
def test_source_text_is_the_seed_posting(
    ordinal: int,
    seed_postings: list[SeedPosting],
    vacancy_by_ordinal: dict[int, URIRef],
    vacancies_graph: Graph,
) -> None:
    expected = seed_postings[ordinal - 1].requirements
    texts = list(vacancies_graph.objects(vacancy_by_ordinal[ordinal], CG.sourceText))
    if not expected:
        assert texts == [], "an empty posting has no source text"
        assert requirements_of(vacancies_graph, vacancy_by_ordinal[ordinal]) == []
    else:
        assert len(texts) == 1 and texts[0].language == "en"
        assert normalise(str(texts[0])) == expected


# --- requirements ----------------------------------------------------------------------------


def test_every_requirement_quotes_its_posting_and_has_one_class_and_necessity(
    vacancy_by_ordinal: dict[int, URIRef], vacancies_graph: Graph
) -> None:
    g = vacancies_graph
    for ordinal, vacancy in vacancy_by_ordinal.items():
        posting_text = normalise(str(g.value(vacancy, CG.sourceText) or ""))
        for requirement in requirements_of(g, vacancy):
            classes = set(g.objects(requirement, RDF.type)) & REQUIREMENT_CLASSES
            assert len(classes) == 1, f"posting {ordinal}: {classes}"
            assert the_one(g, requirement, CG.necessity) in {CG.essential, CG.optional}
            quote = the_one(g, requirement, CG.sourceText)
            assert quote.language == "en"
            assert normalise(str(quote)) in posting_text, (
                f"posting {ordinal}: {quote!r} is not in the posting"
            )


def test_requirements_worded_as_nice_to_have_are_optional(
    seed_postings: list[SeedPosting], vacancies_graph: Graph
) -> None:
    """Each marker word in the seed's postings introduces one item, and it is optional."""
    g = vacancies_graph
    worded_optional = [
        (vacancy, requirement)
        for vacancy, requirement in g.subject_objects(CG.hasRequirement)
        if OPTIONAL_MARKERS.search(str(g.value(requirement, CG.sourceText)))
    ]
    quoted_items = {(vacancy, str(g.value(r, CG.sourceText))) for vacancy, r in worded_optional}
    assert len(quoted_items) == sum(
        len(OPTIONAL_MARKERS.findall(p.requirements)) for p in seed_postings
    )
    not_optional = [
        str(g.value(r, CG.sourceText))
        for _, r in worded_optional
        if g.value(r, CG.necessity) != CG.optional
    ]
    assert not_optional == []


def test_requirement_details_use_the_core_vocabulary(
    vacancies_graph: Graph, core_graph: Graph
) -> None:
    g = vacancies_graph
    levels = set(core_graph.subjects(RDF.type, CG.EducationLevel))
    attributes = set(core_graph.subjects(RDF.type, CG.CandidateAttribute)) | set(
        core_graph.subjects(RDF.type, CG.ProtectedAttribute)
    )
    for requirement in g.subjects(RDF.type, CG.EducationRequirement):
        assert set(g.objects(requirement, CG.educationLevel)) <= levels
        assert list(g.objects(requirement, CG.educationLevel)) or list(
            g.objects(requirement, CG.educationField)
        )
    for requirement in g.subjects(RDF.type, CG.ExperienceRequirement):
        for years in g.objects(requirement, CG.minYears):
            assert years.datatype == XSD_DECIMAL and years.toPython() >= 0
    for requirement in g.subjects(RDF.type, CG.AttributeRequirement):
        assert the_one(g, requirement, CG.attribute) in attributes
    for requirement in g.subjects(RDF.type, CG.SkillRequirement):
        the_one(g, requirement, CG.requiredSkill)


def test_required_skills_are_defined_in_the_taxonomy(vacancies_graph: Graph) -> None:
    taxonomy = Graph().parse(SKILLS_FILE, format="turtle") + vacancies_graph
    used = set(vacancies_graph.objects(None, CG.requiredSkill)) | set(
        vacancies_graph.objects(None, CG.experienceSkill)
    )
    assert len(used) >= 40
    undefined = sorted(
        str(s) for s in used if not set(taxonomy.objects(s, RDF.type)) & SKILL_CLASSES
    )
    assert undefined == []
    for skill in used:
        languages = {label.language for label in taxonomy.objects(skill, RDFS.label)}
        assert {"ru", "en"} <= languages, skill


def test_sectors_are_defined_with_labels_and_definitions(vacancies_graph: Graph) -> None:
    sectors = Graph().parse(SECTORS_FILE, format="turtle")
    defined = set(sectors.subjects(RDF.type, CG.Sector))
    used = set(vacancies_graph.objects(None, CG.sector))
    assert used and used <= defined
    for language in ("ru", "en"):
        labels = [
            str(label)
            for sector in defined
            for label in sectors.objects(sector, RDFS.label)
            if label.language == language
        ]
        assert len(labels) == len(defined) == len(set(labels)), (
            f"{language} labels missing or duplicated"
        )
    for sector in defined:
        assert any(d.language == "en" for d in sectors.objects(sector, SKOS.definition)), sector


# --- the requirements the law forbids --------------------------------------------------------


def ordinals_mentioning(seed_postings: list[SeedPosting], phrase: str) -> list[int]:
    return [p.ordinal for p in seed_postings if phrase.lower() in p.requirements.lower()]


def attribute_requirements(graph: Graph, vacancy: URIRef) -> dict[URIRef, list]:
    found: dict[URIRef, list] = {}
    for requirement in requirements_of(graph, vacancy):
        if (requirement, RDF.type, CG.AttributeRequirement) in graph:
            found.setdefault(graph.value(requirement, CG.attribute), []).append(requirement)
    return found


def test_the_age_limit_is_modelled_as_an_age_requirement(
    seed_postings: list[SeedPosting], vacancy_by_ordinal: dict[int, URIRef], vacancies_graph: Graph
) -> None:
    (ordinal,) = ordinals_mentioning(seed_postings, "age from 23 to 45")
    (requirement,) = attribute_requirements(vacancies_graph, vacancy_by_ordinal[ordinal])[CG.age]
    assert vacancies_graph.value(requirement, CG.attributeValue) == Literal("23-45")
    assert vacancies_graph.value(requirement, CG.necessity) == CG.essential


def test_the_moscow_registration_is_modelled_as_a_residence_requirement(
    seed_postings: list[SeedPosting], vacancy_by_ordinal: dict[int, URIRef], vacancies_graph: Graph
) -> None:
    (ordinal,) = ordinals_mentioning(seed_postings, "Registration - Moscow")
    (requirement,) = attribute_requirements(vacancies_graph, vacancy_by_ordinal[ordinal])[
        CG["place-of-residence"]
    ]
    assert vacancies_graph.value(requirement, CG.necessity) == CG.essential


def test_both_citizenship_demands_are_modelled(
    seed_postings: list[SeedPosting], vacancy_by_ordinal: dict[int, URIRef], vacancies_graph: Graph
) -> None:
    ordinals = ordinals_mentioning(seed_postings, "Citizenship")
    assert len(ordinals) == 2
    for ordinal in ordinals:
        (requirement,) = attribute_requirements(vacancies_graph, vacancy_by_ordinal[ordinal])[
            CG.citizenship
        ]
        assert vacancies_graph.value(requirement, CG.necessity) == CG.essential


def test_no_other_posting_carries_a_protected_or_citizenship_requirement(
    seed_postings: list[SeedPosting],
    vacancy_by_ordinal: dict[int, URIRef],
    vacancies_graph: Graph,
    core_graph: Graph,
) -> None:
    restricted = set(core_graph.subjects(RDF.type, CG.ProtectedAttribute)) | {CG.citizenship}
    assert len(restricted) == 11
    found = {
        (ordinal, attribute)
        for ordinal, vacancy in vacancy_by_ordinal.items()
        for attribute in attribute_requirements(vacancies_graph, vacancy)
        if attribute in restricted
    }
    (age,) = ordinals_mentioning(seed_postings, "age from 23 to 45")
    (registration,) = ordinals_mentioning(seed_postings, "Registration - Moscow")
    expected = {(age, CG.age), (registration, CG["place-of-residence"])}
    expected |= {(o, CG.citizenship) for o in ordinals_mentioning(seed_postings, "Citizenship")}
    assert found == expected


# What the seed does not say: no date and no workplace in any posting (only the trips and the
# registration name places), so the vacancies state none (examples/vacancies/README.md).
DATE_WORDS = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(?:19|20)\d{2}\b|January|February|March|April|May\b"
    r"|June|July|August|September|October|November|December|posted|valid until|deadline",
    re.IGNORECASE,
)
PLACE_WORDS = re.compile(r"Moscow|Petersburg|office in|located|address|remote", re.IGNORECASE)


def test_the_seed_gives_no_date_and_no_workplace(
    seed_postings: list[SeedPosting], vacancies_graph: Graph
) -> None:
    dated = [
        (p.ordinal, match)
        for p in seed_postings
        for match in DATE_WORDS.findall(f"{p.requirements} {p.salary_line or ''}")
    ]
    assert dated == [(23, "2010")]  # "Knowledge of Incoterms 2010 rules"
    placed = {
        p.ordinal: PLACE_WORDS.findall(p.requirements)
        for p in seed_postings
        if PLACE_WORDS.search(p.requirements)
    }
    # business trips "in the Moscow region, Moscow"; the registration posting 30 forbids
    assert placed == {22: ["Moscow", "Moscow"], 30: ["Moscow"]}
    for predicate in (
        SCHEMA.datePosted,
        SCHEMA.validThrough,
        SCHEMA.jobLocation,
        CG.jobLocationType,
        SCHEMA.applicantLocationRequirements,
    ):
        assert list(vacancies_graph.subject_objects(predicate)) == [], predicate


def test_remarks_are_not_requirements(vacancies_graph: Graph) -> None:
    quotes = [
        str(q)
        for r in vacancies_graph.objects(None, CG.hasRequirement)
        for q in vacancies_graph.objects(r, CG.sourceText)
    ]
    assert not [q for q in quotes if "sissies" in q or "http://" in q]
