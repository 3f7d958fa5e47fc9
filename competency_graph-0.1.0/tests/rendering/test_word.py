"""The DOCX job description, opened with python-docx: A4 page, the approval block top right,
every section heading, duty, right and responsibility, the familiarisation table."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from competency_graph.model.ids import resolve
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.document import build_document
from competency_graph.rendering.word import BLOCK_INDENT, write_docx
from tests.rendering_support import FIXTURE_POSITION, fixture_model, shipped_model


def _open(model: ReadModel, position: str, lang: str) -> DocxDocument:
    return open_docx(BytesIO(write_docx(build_document(model, position, lang))))


def _texts(docx: DocxDocument) -> list[str]:
    return [p.text for p in docx.paragraphs]


CASES = [
    (fixture_model, FIXTURE_POSITION),
    (shipped_model, "position:account-manager"),
    (shipped_model, "position:corporate-client-manager"),
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("model_of", "position"), CASES)
def test_every_section_duty_right_and_responsibility_is_in_the_document(
    model_of: Callable[[], ReadModel], position: str, lang: str
) -> None:
    model = model_of()
    docx = _open(model, position, lang)
    headings = [
        p.text for p in docx.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    expected = {
        "ru": [
            "1. Общие положения",
            "2. Должностные обязанности",
            "3. Права",
            "4. Ответственность",
        ],
        "en": ["1. General provisions", "2. Duties", "3. Rights", "4. Responsibility"],
    }[lang]
    sheet = {"ru": "Лист ознакомления", "en": "Familiarisation sheet"}[lang]
    assert headings == [*expected, sheet]
    description = model.job_description_of(resolve(model, position) or "")
    assert description is not None
    texts = _texts(docx)
    for number, iris in (
        ("2", description.duties),
        ("3", description.rights),
        ("4", description.responsibilities),
    ):
        start = texts.index(expected[int(number) - 1]) + 1
        clauses = texts[start : start + len(iris)]
        for n, (text, iri) in enumerate(zip(clauses, iris, strict=True), start=1):
            assert text.startswith(f"{number}.{n}. {model.label(iri, lang)}")


def test_approval_block_is_top_right_and_agreements_follow() -> None:
    docx = _open(fixture_model(), FIXTURE_POSITION, "ru")
    paragraphs = docx.paragraphs
    assert [p.text for p in paragraphs[:4]] == [
        "УТВЕРЖДАЮ",
        "Генеральный директор",
        "________________ И. И. Иванов",
        "«20» января 2025 г.",
    ]
    # lengths go through twips in the file: compare in whole millimetres
    indent = round(BLOCK_INDENT.mm)
    assert all(round(p.paragraph_format.left_indent.mm) == indent for p in paragraphs[:4])  # type: ignore[union-attr]
    assert paragraphs[0].runs[0].bold
    texts = _texts(docx)
    agreed = texts.index("СОГЛАСОВАНО")
    assert texts[agreed + 1 : agreed + 5] == [
        "Юридическая служба",
        "Юрисконсульт",
        "________________ П. П. Петров",
        "«14» января 2025 г.",
    ]
    assert "Непосредственный руководитель" in texts[agreed:]
    assert texts.index("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ") > agreed
    assert "Менеджер по работе с клиентами" in texts


def test_headings_use_the_document_font_not_the_template_theme() -> None:
    docx = _open(fixture_model(), FIXTURE_POSITION, "ru")
    fonts = docx.styles["Heading 1"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts is not None
    assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "cs": "Times New Roman",
    }


def test_page_is_a4_with_office_margins() -> None:
    section = _open(fixture_model(), FIXTURE_POSITION, "en").sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 25, 15]  # type: ignore[union-attr]


def test_headings_and_clauses_do_not_break_badly() -> None:
    docx = _open(fixture_model(), FIXTURE_POSITION, "en")
    heading_style = docx.styles["Heading 1"]
    assert heading_style.paragraph_format.keep_with_next  # type: ignore[attr-defined]
    clauses = [
        p
        for p in docx.paragraphs
        if p.text.startswith(("2.", "3.", "4."))
        and p.style is not None
        and p.style.name == "Normal"
    ]
    assert clauses and all(p.paragraph_format.keep_together for p in clauses)
    qualification = next(p for p in docx.paragraphs if p.text.startswith("1.5. "))
    assert qualification.paragraph_format.keep_with_next


def test_familiarisation_sheet_is_a_table_on_a_new_page() -> None:
    docx = _open(fixture_model(), FIXTURE_POSITION, "en")
    heading = next(p for p in docx.paragraphs if p.text == "Familiarisation sheet")
    assert heading.paragraph_format.page_break_before
    table = docx.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["No.", "Full name", "Position", "Date", "Signature"]
    assert rows[1] == ["1", "А. А. Смирнова", "Account manager", "3 February 2025", ""]
    assert [row[0] for row in rows[2:]] == ["2", "3", "4"]
    assert docx.core_properties.title == "Job description: Account manager"
    assert docx.core_properties.language == "en"
