"""Laying out a job description: numbered sections, general provisions from the position
and its requirements, legal references, signatures; clean errors for bad ids."""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO

import pytest
from docx import Document as open_docx

from competency_graph.errors import InputError
from competency_graph.model.domain import Requirement, Text
from competency_graph.model.ids import resolve
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering import render_job_description
from competency_graph.rendering.document import (
    BLANK_FAMILIARISATION_ROWS,
    build_document,
    describe_requirement,
    legal_reference,
)
from tests.rendering_support import (
    FIXTURE_POSITION,
    WRITTEN_ORDER_POSITION,
    fixture_model,
    shipped_model,
    written_order_model,
)

NORM = "https://w3id.org/competency-graph/id/norm/"


def test_sections_are_numbered_in_the_standard_order() -> None:
    document = build_document(fixture_model(), FIXTURE_POSITION, "en")
    assert [(s.number, s.heading) for s in document.sections] == [
        ("1", "General provisions"),
        ("2", "Duties"),
        ("3", "Rights"),
        ("4", "Responsibility"),
    ]
    assert [c.number for c in document.sections[1].clauses] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert document.title == "Job description"
    assert document.subject == "Account manager"
    assert document.meta == ("Version 1.0", "Status: in force")


def test_duties_rights_and_responsibilities_keep_the_authors_order() -> None:
    document = build_document(fixture_model(), FIXTURE_POSITION, "en")
    duties, rights, responsibility = (
        [c.text for c in section.clauses] for section in document.sections[1:]
    )
    # as the fixture's clauses number them, not alphabetically nor by IRI
    assert duties == [
        "Search for potential clients.",
        "Negotiate with clients.",
        "Correspond with foreign clients.",
        "Prepare sales reports.",
        "Prepare commercial offers.",
    ]
    assert [text.split(" (")[0] for text in rights + responsibility] == [
        "Independently determine forms of work with clients.",
        "Receive from management the information needed for the work.",
        "For improper performance of job duties",
        "For material damage caused to the employer",
    ]


def test_the_shipped_account_managers_duties_keep_their_clause_numbers() -> None:
    model = shipped_model()
    duties = build_document(model, "position:account-manager", "ru").sections[1].clauses
    assert (duties[0].number, duties[0].text) == (
        "2.1",
        "Привлечение клиентов путём формирования интереса к компании и её продукции.",
    )
    assert (duties[-1].number, duties[-1].text) == (
        "2.31",
        "Приём и обработка заказов, контроль своевременности их исполнения.",
    )


def _plain_text(rendered: str | bytes) -> str:
    """The words of a rendered document, without HTML tags or DOCX structure."""
    if isinstance(rendered, str):
        return re.sub(r"<[^>]+>", "", rendered)
    return "\n".join(p.text for p in open_docx(BytesIO(rendered)).paragraphs)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_yaml_description_prints_everything_in_the_order_it_was_written(fmt: str) -> None:
    text = _plain_text(
        render_job_description(written_order_model(), WRITTEN_ORDER_POSITION, fmt, "ru")
    )
    written = (
        # requirements 1, 3, 9, 10, 11 (10 after 3, though "order-clerk-10" < "order-clerk-3")
        "Переговоры по телефону",
        "работа с заказами",
        "Пунктуальность",
        "продажи (обязательно)",
        "Microsoft Excel",
        # duties, rights, responsibilities
        "2.1. Звонить клиентам.",
        "2.2. Анализировать заказы.",
        "2.3. Вести учёт заказов.",
        "3.1. Право требовать сведения о заказах.",
        "3.2. Право вносить предложения.",
        "4.1. Материальная ответственность",
        "4.2. Дисциплинарная ответственность",
    )
    places = [text.index(phrase) for phrase in written]
    assert places == sorted(places)


#: sentences of the shipped job descriptions (and of a YAML one) as a Russian lawyer writes
#: them: the dative after «подчиняется», the genitive after «приказом», the nominative subject
#: of «исполняет», the labels lowercased, "год" agreeing with the number
LEGAL_RUSSIAN = [
    (
        "position:account-manager",
        "Работник подчиняется непосредственно начальнику отдела по работе с клиентами.",
    ),
    (
        "position:bank-account-manager",
        "Работник подчиняется непосредственно руководителю отдела продаж.",
    ),
    (
        "position:head-of-customer-service-department",
        "Работник подчиняется непосредственно коммерческому директору.",
    ),
    (
        "position:key-account-manager",
        "Работник назначается на должность и освобождается от неё приказом генерального директора.",
    ),
    (
        "position:senior-account-manager",
        "На время отсутствия работника его обязанности исполняет начальник отдела по работе с "
        "клиентами.",
    ),
    (
        "position:corporate-client-manager",
        "На время отсутствия работника его обязанности исполняет менеджер по работе с ключевыми "
        "клиентами.",
    ),
    (
        "position:bank-account-manager",
        "опыт работы не менее 1 года: активные (прямые) продажи (обязательно)",
    ),
    (
        "position:key-account-manager",
        "опыт работы не менее 3 лет: продажи, переговоры с собственниками и первыми лицами "
        "компаний (обязательно)",
    ),
    (
        "position:head-of-customer-service-department",
        "опыт работы не менее 3 лет: работа старшим или ведущим менеджером по работе с клиентами "
        "(обязательно)",
    ),
]
#: the same from the YAML job description of tests/fixtures/jd_input/written-order.yaml
LEGAL_RUSSIAN_YAML = [
    "Работник подчиняется непосредственно руководителю отдела продаж.",
    "На время отсутствия работника его обязанности исполняет менеджер по работе с клиентами.",
    "опыт работы не менее 2 лет: работа с заказами (обязательно)",
    "опыт работы не менее 5 лет: продажи (обязательно)",
]


def _general_provisions(model: ReadModel, position: str) -> list[str]:
    general = build_document(model, position, "ru").sections[0]
    return [text for clause in general.clauses for text in (clause.text, *clause.items)]


@pytest.mark.parametrize(("position", "sentence"), LEGAL_RUSSIAN)
def test_shipped_descriptions_speak_legal_russian(position: str, sentence: str) -> None:
    assert sentence in _general_provisions(shipped_model(), position)


@pytest.mark.parametrize("sentence", LEGAL_RUSSIAN_YAML)
def test_a_yaml_description_speaks_legal_russian(sentence: str) -> None:
    assert sentence in _general_provisions(written_order_model(), WRITTEN_ORDER_POSITION)


def test_general_provisions_state_structure_appointment_substitute_and_requirements() -> None:
    general = build_document(fixture_model(), FIXTURE_POSITION, "en").sections[0]
    assert [c.text for c in general.clauses[:4]] == [
        "The position of Account manager belongs to the Sales department.",
        "The employee reports directly to the head of sales department.",
        "The employee is appointed to and dismissed from the position by order of the "
        "general director.",
        "During the employee's absence their duties are performed by the senior account manager.",
    ]
    qualification, must_know = general.clauses[4], general.clauses[5]
    assert qualification.text == "Qualification requirements:"
    assert qualification.items == (
        "education: higher education / incomplete higher education; field: economics (essential)",
        "experience of at least 1 year: active sales (essential)",
        "MS Excel, level: confident user (essential)",
        "Negotiation (essential)",
        "English, level: B1 (essential)",
        "CRM systems (optional)",
        "1C:Enterprise (optional)",
    )
    assert must_know.text == "The employee must know:"
    assert must_know.items == (
        "Labour Code of the Russian Federation",
        "Basics of marketing (essential)",
    )


def test_a_level_is_printed_in_the_document_language_else_as_written() -> None:
    model = fixture_model()
    excel = resolve(model, "requirement:test-am-excel") or ""
    russian_only = replace(model.requirements[excel], level=Text(ru="уверенный пользователь"))
    patched = replace(model, requirements={**model.requirements, excel: russian_only})
    # a Russian-only draft: the English document prints the Russian words rather than nothing
    english = build_document(patched, FIXTURE_POSITION, "en").sections[0].clauses[4].items
    assert "MS Excel, level: уверенный пользователь (essential)" in english
    russian = build_document(model, FIXTURE_POSITION, "ru").sections[0].clauses[4].items
    assert "MS Excel, уровень: уверенный пользователь (обязательно)" in russian


def test_an_attribute_value_is_printed_in_the_document_language() -> None:
    model = fixture_model()
    car = Requirement(
        iri="urn:x",
        id="urn:x",
        label=Text(),
        definition=Text(),
        kind="attribute",
        attribute="https://w3id.org/competency-graph/ontology#own-car",
        attribute_value=Text(ru="категория B", en="category B"),
    )
    assert describe_requirement(model, car, "ru").endswith(": категория B")
    assert describe_requirement(model, car, "en").endswith(": category B")


def test_responsibility_cites_kind_sanctions_limit_and_legal_basis() -> None:
    responsibility = build_document(fixture_model(), FIXTURE_POSITION, "ru").sections[3]
    assert [c.text for c in responsibility.clauses] == [
        "За ненадлежащее исполнение должностных обязанностей (дисциплинарная ответственность; "
        "взыскания: замечание, выговор, увольнение; основание: ТК РФ, ст. 192).",
        "За причинение материального ущерба работодателю (материальная ответственность; "
        "в пределах среднего месячного заработка; основание: ТК РФ, ст. 241).",
    ]


def test_legal_reference_uses_the_short_code_name_in_russian() -> None:
    model = shipped_model()
    assert legal_reference(model, NORM + "labour-code-art-192", "ru") == "ТК РФ, ст. 192"
    assert (
        legal_reference(model, NORM + "labour-code-art-192", "en")
        == "Labour Code of the Russian Federation, art. 192"
    )


def test_signatures_agreements_in_legal_hr_supervisor_order_and_familiarisation_rows() -> None:
    document = build_document(fixture_model(), FIXTURE_POSITION, "ru")
    assert document.approval.position == "Генеральный директор"
    assert document.approval.line == "________________ И. И. Иванов"
    assert [a.role for a in document.agreements] == [
        "Юридическая служба",
        "Отдел кадров",
        "Непосредственный руководитель",
    ]
    assert len(document.familiarisation_rows) == 1 + BLANK_FAMILIARISATION_ROWS
    assert document.familiarisation_rows[0][:2] == ("1", "А. А. Смирнова")


def test_a_position_can_be_named_by_its_iri() -> None:
    iri = "https://w3id.org/competency-graph/id/position/test-account-manager"
    assert build_document(fixture_model(), iri, "en") == build_document(
        fixture_model(), FIXTURE_POSITION, "en"
    )


def test_unknown_position_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown position 'position:nobody'"):
        build_document(fixture_model(), "position:nobody", "ru")
    with pytest.raises(InputError, match="unknown position 'duty:test-negotiate'"):
        build_document(fixture_model(), "duty:test-negotiate", "ru")


def test_position_without_job_description_is_an_input_error() -> None:
    with pytest.raises(InputError, match="has no job description"):
        build_document(fixture_model(), "position:test-general-director", "en")


def test_render_job_description_returns_text_or_docx_bytes() -> None:
    model = fixture_model()
    assert isinstance(render_job_description(model, FIXTURE_POSITION, "md", "en"), str)
    assert str(render_job_description(model, FIXTURE_POSITION, "html", "ru")).startswith(
        "<!DOCTYPE html>"
    )
    docx = render_job_description(model, FIXTURE_POSITION, "docx", "ru")
    assert isinstance(docx, bytes) and docx[:2] == b"PK"
    with pytest.raises(InputError, match="unknown document format 'pdf'"):
        render_job_description(model, FIXTURE_POSITION, "pdf", "ru")


def test_a_draft_without_signatures_leaves_blanks_to_fill_in_by_hand() -> None:
    model = fixture_model()
    position = resolve(model, FIXTURE_POSITION) or ""
    description = model.job_description_of(position)
    assert description is not None
    draft = replace(
        description,
        status="draft",
        department=None,
        approval=None,
        agreements=(),
        familiarisations=(),
    )
    positions = {**model.positions, position: replace(model.positions[position], department=None)}
    patched = replace(
        model,
        job_descriptions={**model.job_descriptions, description.iri: draft},
        positions=positions,
    )
    document = build_document(patched, FIXTURE_POSITION, "ru")
    assert document.approval.line == "________________"
    assert document.approval.date == "«___» ____________ 20___ г."
    assert document.agreements == ()
    assert document.meta == ("Редакция 1.0", "Статус: проект")
    assert document.sections[0].clauses[0].text == (
        "Должность «Менеджер по работе с клиентами» относится к подразделению «________________»."
    )
    # what the graph does not state is a blank to fill in, never words such as "not stated"
    english = build_document(patched, FIXTURE_POSITION, "en")
    assert english.sections[0].clauses[0].text == (
        "The position of Account manager belongs to the ________________."
    )
    assert [row[0] for row in document.familiarisation_rows] == ["1", "2", "3"]
    html = render_job_description(patched, FIXTURE_POSITION, "html", "ru")
    assert "СОГЛАСОВАНО" in str(html)


def test_an_agreement_in_a_role_the_table_does_not_know_is_captioned_by_its_iri() -> None:
    model = fixture_model()
    description = model.job_description_of(resolve(model, FIXTURE_POSITION) or "")
    assert description is not None
    odd = replace(description.agreements[0], role="planning-department")
    patched = replace(
        model,
        job_descriptions={
            **model.job_descriptions,
            description.iri: replace(description, agreements=(odd,)),
        },
    )
    (agreement,) = build_document(patched, FIXTURE_POSITION, "en").agreements
    assert agreement.role == "https://w3id.org/competency-graph/ontology#planning-department"
