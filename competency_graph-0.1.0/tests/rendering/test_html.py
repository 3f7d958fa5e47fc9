"""The HTML job description, parsed with html.parser: every section, duty, right and
responsibility, the approval and agreement blocks, the familiarisation sheet, print CSS."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from competency_graph.model.domain import Text
from competency_graph.model.ids import resolve
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.document import build_document
from competency_graph.rendering.html import write_html, write_html_body
from tests.rendering_support import FIXTURE_POSITION, fixture_model, shipped_model

VOID = {"meta", "br", "link", "img", "hr", "input"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and all(
                attrs[k] in child.attrs.get(k.rstrip("_"), "").split() for k in attrs
            ):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def by_id(self, element_id: str) -> Element:
        matches = [e for e in self.find_all() if e.attrs.get("id") == element_id]
        assert len(matches) == 1, f"expected one #{element_id}, found {len(matches)}"
        return matches[0]


class TreeBuilder(HTMLParser):
    """A tiny DOM: enough to find elements by tag, class and id, and read their text."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        node: Element | None = self.current
        while node is not None:
            node.parts.append(data)
            node = node.parent


def parse(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def _page(model: ReadModel, position: str, lang: str) -> Element:
    return parse(write_html(build_document(model, position, lang)))


CASES = [
    (fixture_model, FIXTURE_POSITION),
    (shipped_model, "position:account-manager"),
    (shipped_model, "position:corporate-client-manager"),
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("model_of", "position"), CASES)
def test_every_duty_right_and_responsibility_is_a_numbered_clause(
    model_of: object, position: str, lang: str
) -> None:
    model: ReadModel = model_of()  # type: ignore[operator]
    page = _page(model, position, lang)
    description = model.job_description_of(resolve(model, position) or "")
    assert description is not None
    for number, iris in (
        ("2", description.duties),
        ("3", description.rights),
        ("4", description.responsibilities),
    ):
        clauses = page.by_id(f"section-{number}").find_all("li")
        assert len(clauses) == len(iris)
        for n, (clause, iri) in enumerate(zip(clauses, iris, strict=True), start=1):
            assert clause.text.startswith(f"{number}.{n}. {model.label(iri, lang)}")


def test_sections_in_order_with_the_familiarisation_sheet_last() -> None:
    page = _page(fixture_model(), FIXTURE_POSITION, "ru")
    headings = [h.text for h in page.find_all("h2")]
    assert headings == [
        "1. Общие положения",
        "2. Должностные обязанности",
        "3. Права",
        "4. Ответственность",
        "Лист ознакомления",
    ]
    assert [h.text for h in page.find_all("h1")] == ["Должностная инструкция"]


def test_approval_and_agreement_blocks() -> None:
    page = _page(fixture_model(), FIXTURE_POSITION, "en")
    approval = page.by_id("approval")
    assert [p.text for p in approval.find_all("p")] == [
        "APPROVED",
        "General director",
        "________________ И. И. Иванов",
        "20 January 2025",
    ]
    agreements = page.by_id("agreements").find_all("div", class_="endorsement")
    assert [[p.text for p in a.find_all("p")] for a in agreements] == [
        [
            "AGREED",
            "Legal service",
            "Legal counsel",
            "________________ П. П. Петров",
            "14 January 2025",
        ],
        ["HR department", "HR manager", "________________ С. С. Сидорова", "15 January 2025"],
        [
            "Immediate supervisor",
            "Head of sales department",
            "________________ К. К. Кузнецов",
            "16 January 2025",
        ],
    ]


def test_general_provisions_and_legal_references() -> None:
    page = _page(fixture_model(), FIXTURE_POSITION, "ru")
    general = [li.text for li in page.by_id("section-1").find_all("li")]
    assert "1.2. Работник подчиняется непосредственно начальнику отдела продаж." in general
    assert "Английский язык, уровень: B1 (обязательно)" in general
    assert "1С:Предприятие (желательно)" in general
    responsibility = page.by_id("section-4").find_all("li")[0].text
    assert responsibility == (
        "4.1. За ненадлежащее исполнение должностных обязанностей (дисциплинарная "
        "ответственность; взыскания: замечание, выговор, увольнение; основание: ТК РФ, ст. 192)."
    )


def test_familiarisation_sheet_is_a_table_on_its_own_page() -> None:
    html = write_html(build_document(fixture_model(), FIXTURE_POSITION, "ru"))
    sheet = parse(html).by_id("familiarisation")
    assert [th.text for th in sheet.find_all("th")] == [
        "№",
        "Ф. И. О.",
        "Должность",
        "Дата",
        "Подпись",
    ]
    rows = [[td.text for td in tr.find_all("td")] for tr in sheet.find_all("tr")[1:]]
    assert rows[0] == [
        "1",
        "А. А. Смирнова",
        "Менеджер по работе с клиентами",
        "«03» февраля 2025 г.",
        "",
    ]
    assert len(rows) == 4
    assert ".familiarisation { break-before: page;" in html


def test_print_css_keeps_headings_with_their_clauses() -> None:
    html = write_html(build_document(fixture_model(), FIXTURE_POSITION, "en"))
    style = parse(html).find_all("style")[0].text
    assert "@page { size: A4;" in style
    assert "h2 {" in style and "break-after: avoid" in style.split("h2 {", 1)[1].split("}", 1)[0]
    clause_rule = style.split("ol.clauses > li {", 1)[1].split("}", 1)[0]
    assert "break-inside: avoid" in clause_rule
    assert '<html lang="en">' in html


def test_labels_are_escaped() -> None:
    model = fixture_model()
    position = resolve(model, FIXTURE_POSITION) or ""
    labels = {**model.labels, position: Text(ru="<b>Менеджер</b> & Co", en="<b>Manager</b> & Co")}
    patched = replace(model, labels=labels)
    page = write_html(build_document(patched, FIXTURE_POSITION, "en"))
    assert "&lt;b&gt;Manager&lt;/b&gt; &amp; Co" in page
    assert "<b>Manager</b>" not in page


def test_the_body_alone_is_the_pages_content_with_its_headings_one_level_down() -> None:
    document = build_document(fixture_model(), FIXTURE_POSITION, "en")
    page = write_html(document)
    body = write_html_body(document, level=2)
    assert "<html" not in body and "<style>" not in body
    assert body.count("<h2>") == 1 and "<h1>" not in body
    assert (
        body.replace("h3>", "h2>").replace("<h2>", "<h1>", 1).replace("</h2>", "</h1>", 1) in page
    )
