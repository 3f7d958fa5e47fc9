"""The read pages: home and search, a position, a skill, the skill gap, in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from competency_graph.graph.source import Source
from competency_graph.model.analysis import match_positions
from competency_graph.server.app import ServerSettings, create_app
from competency_graph.server.editing import Editor
from competency_graph.server.state import GraphState

from ..conftest import ONTOLOGY
from ..graphql_support import SMALL_ORG, client_for, small_state
from .support import BROWSER, sign_in, text_of, tokens, web_client

POSITION = "/positions/account-manager"


@pytest.fixture(scope="module")
def en() -> Iterator[TestClient]:
    """A browser preferring English, on the small organisation."""
    with web_client("en") as client:
        yield client


@pytest.fixture(scope="module")
def ru() -> Iterator[TestClient]:
    """A browser preferring Russian, on the small organisation."""
    with web_client("ru") as client:
        yield client


@pytest.fixture(scope="module")
def shipped() -> Iterator[TestClient]:
    """A browser preferring Russian, on the shipped ontology (with its rules)."""
    state = GraphState(Source((), include_shipped=True), gate=None)
    state.start()
    app = create_app(state, ServerSettings(sighup=False))
    with TestClient(app, headers={**BROWSER, "accept-language": "ru"}) as client:
        yield client


def _section(page: str, heading_id: str) -> str:
    """The words of the ``<section>`` headed by the element with ``heading_id``."""
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert found is not None, f"no section {heading_id}"
    return text_of(found.group(0))


# -- home -----------------------------------------------------------------------------------


def test_home_is_the_search_page_for_a_browser_in_either_language(
    en: TestClient, ru: TestClient
) -> None:
    page = en.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "<title>Search · Positions and competencies</title>" in page.text
    assert '<label for="q">What to find</label>' in page.text
    assert "<title>Поиск · Должности и компетенции</title>" in ru.get("/").text


def test_home_is_the_plain_index_for_other_clients(en: TestClient) -> None:
    response = en.get("/", headers={"accept": "*/*"})
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("competency-graph: GraphQL at /graphql")
    assert "set-cookie" not in response.headers


def test_without_web_pages_home_is_the_plain_index_for_browsers_too() -> None:
    with client_for(small_state(), web=False) as client:
        response = client.get("/", headers={"accept": "text/html"})
        assert response.text.startswith("competency-graph: GraphQL at /graphql")
        assert client.get("/static/app.css").status_code == 404


def test_the_static_files_are_served(en: TestClient) -> None:
    assert en.get("/static/app.css").text.startswith("/* competency-graph web pages")
    htmx = en.get("/static/htmx.min.js").text
    assert htmx.startswith("/* htmx 2.0.11 - https://htmx.org - Zero-Clause BSD licence")


@pytest.mark.parametrize(
    "path", ["/", "/?q=excel", POSITION, "/skills/ms-excel", "/gap?have=crm", "/skills/nope"]
)
def test_every_page_has_one_h1_the_landmarks_and_a_skip_link(en: TestClient, path: str) -> None:
    page = en.get(path).text
    # (the job description's own <header> sits in its <article>: no banner landmark)
    for landmark in (
        '<header class="site-header">',
        "<nav aria-label=",
        '<main id="main"',
        "<footer",
    ):
        assert page.count(landmark) == 1, landmark
    assert '<a class="skip-link" href="#main">Skip to content</a>' in page
    assert page.count("<h1>") == 1
    assert '<html lang="en">' in page


def test_home_lists_the_departments_with_their_positions(en: TestClient, ru: TestClient) -> None:
    assert _section(en.get("/").text, "departments-heading") == (
        "Departments Customer service department Cellular customer service manager Trainee "
        "Sales department Account manager Sales director"
    )
    assert _section(ru.get("/").text, "departments-heading") == (
        "Подразделения Отдел обслуживания Менеджер салона сотовой связи Стажёр "
        "Отдел продаж Коммерческий директор Менеджер по работе с клиентами"
    )


def test_search_groups_the_hits_by_kind(en: TestClient) -> None:
    assert _section(en.get("/?q=переговоры").text, "results-heading") == (
        "Found for “переговоры” Duties (1) Negotiate with clients Skills (1) Negotiation "
        "(competence)"
    )
    page = en.get("/?q=managers").text
    assert _section(page, "results-heading") == (
        "Found for “managers” Positions (3) Account manager (Sales department) Template "
        "manager Cellular customer service manager (Customer service department)"
    )
    assert '<a href="/positions/account-manager">Account manager</a>' in page


def test_search_finds_a_russian_word_in_any_case(ru: TestClient) -> None:
    words = _section(ru.get("/?q=менеджером").text, "results-heading")
    assert words == (
        "Найдено по запросу «менеджером» Должности (3) Типовой менеджер Менеджер салона "
        "сотовой связи (Отдел обслуживания) Менеджер по работе с клиентами (Отдел продаж)"
    )


def test_search_finds_the_shipped_position_by_an_inflected_word(shipped: TestClient) -> None:
    page = shipped.get("/?q=менеджером по работе с ключевыми клиентами").text
    assert (
        '<li><a href="/positions/key-account-manager">Менеджер по работе с ключевыми клиентами'
        '</a> <span class="muted">(Отдел продаж)</span></li>'
    ) in page


def test_a_search_that_finds_nothing_says_so(en: TestClient, ru: TestClient) -> None:
    assert _section(en.get("/?q=zzz").text, "results-heading") == (
        "Found for “zzz” Nothing found. Try another word or the beginning of one."
    )
    assert "Ничего не найдено." in ru.get("/?q=zzz").text


# -- a position -------------------------------------------------------------------------------


def test_the_position_page_says_where_the_position_is_and_its_description_status(
    en: TestClient,
) -> None:
    page = en.get(POSITION).text
    assert "<title>Account manager · Positions and competencies</title>" in page
    assert "<h1>Account manager</h1>" in page
    assert "<p>Finds and keeps corporate clients.</p>" in page
    assert text_of(re.findall(r'<dl class="facts">.*?</dl>', page, re.S)[0]) == (
        "Department Sales department Reports to Sales director"
    )
    assert '<dd><a href="/positions/sales-director">Sales director</a></dd>' in page
    assert (
        '<p>Job description: <span class="badge status-in-force">in force</span> · edition 2</p>'
    ) in page


def test_the_position_page_shows_the_description_as_the_document_route_prints_it(
    en: TestClient,
) -> None:
    page = en.get(POSITION).text
    found = re.search(r'<article class="document" lang="en">\n(.*?)\n  </article>', page, re.S)
    assert found is not None
    fragment = found.group(1)
    assert fragment.startswith('<header class="endorsements">')
    # the same HTML as the download, its headings one level down under the page's <h1>
    printed = en.get(f"{POSITION}/job-description.html?lang=en").text
    as_printed = fragment.replace("h3>", "h2>").replace("<h2>", "<h1>", 1)
    assert as_printed.replace("</h2>", "</h1>", 1) in printed
    assert "APPROVED Sales director ________________ Орлов А. В. 20 January 2026" in text_of(
        fragment
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Download DOCX", "Download HTML", "Download Markdown"]),
        ("ru", ["Скачать DOCX", "Скачать HTML", "Скачать Markdown"]),
    ],
)
def test_the_downloads_are_the_document_routes_in_the_pages_language(
    lang: str, expected: list[str]
) -> None:
    with web_client(lang) as client:
        page = client.get(POSITION).text
        links = re.findall(r'<li><a href="([^"]+)" download>([^<]+)</a></li>', page)
        assert links == [
            (f"{POSITION}/job-description.{fmt}?lang={lang}", words)
            for fmt, words in zip(("docx", "html", "md"), expected, strict=True)
        ]
        for url, _ in links:
            assert client.get(url).status_code == 200


def test_the_coverage_matrix_is_an_inline_svg_with_words_and_a_table(en: TestClient) -> None:
    page = en.get(POSITION).text
    summary = (
        "5 duties; 4 required skills. Duties no required skill supports: 1; required skills "
        "no duty needs: 1; needed skills not required: 1."
    )
    assert f"<p>{summary}</p>" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert '<title id="matrix-title">Duties covered by skills: Account manager</title>' in page
    assert f'<desc id="matrix-desc">{summary}</desc>' in page
    table = re.search(r"<table>\s*<caption>Duties \(rows\).*?</table>", page, re.S)
    assert table is not None
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table.group(0), re.S)]
    assert rows == [
        "Duty MS Excel Negotiation English Stress resistance (no duty needs it) "
        "CRM systems (not required)",
        "Maintain the client base (not supported) ✗ gap",
        "Negotiate with clients ✓ supports",
        "Prepare contract documents ✓ supports",
        "Prepare sales reports ✓ supports",
        "Communicate with foreign clients ✓ supports ✓ supports",
    ]


def test_the_position_page_lists_requirements_and_vacancies(en: TestClient, ru: TestClient) -> None:
    assert _section(en.get(POSITION).text, "requirements-heading") == (
        "Candidate requirements MS Excel, level: confident user (skill, essential) "
        "English, level: B1 (skill, optional) education: higher education (education, "
        "essential) Negotiation (skill, essential) Stress resistance (skill, essential)"
    )
    assert _section(en.get(POSITION).text, "vacancies-heading") == (
        "Vacancies Account manager, bank · 60 000–90 000 RUB a month · JSON-LD "
        "Account manager, telecom · salary by agreement · JSON-LD"
    )
    assert _section(ru.get(POSITION).text, "vacancies-heading") == (
        "Вакансии Менеджер по работе с клиентами, банк · 60 000–90 000 RUB в месяц · JSON-LD "
        "Менеджер по работе с клиентами, телеком · зарплата по договорённости · JSON-LD"
    )
    assert '<a href="/vacancies/fixture-1.jsonld?lang=ru">JSON-LD</a>' in ru.get(POSITION).text


def test_a_position_without_a_description_says_so(en: TestClient) -> None:
    page = en.get("/positions/trainee").text
    assert "<p>This position has no job description.</p>" in page
    assert "download>" not in page
    assert _section(page, "matrix-heading") == (
        "Duties covered by skills No matrix: the position has no job description with duties."
    )


def test_the_check_result_comes_by_htmx_and_then_with_the_page(shipped: TestClient) -> None:
    path = "/positions/key-account-manager"
    assert f'hx-get="{path}/check-result" hx-trigger="load"' in shipped.get(path).text
    fragment = shipped.get(f"{path}/check-result", headers={"HX-Request": "true"})
    assert fragment.text.startswith('<div id="check-result">')
    assert "<html" not in fragment.text
    assert text_of(fragment.text) == "Нарушений нет."
    page = shipped.get(path).text  # now known: shown at once
    assert _section(page, "check-heading") == "Проверка Нарушений нет."
    alone = shipped.get(f"{path}/check-result").text  # without JavaScript: a page
    assert "<h1>Проверка: Менеджер по работе с ключевыми клиентами</h1>" in alone


def test_the_check_result_names_each_violation_with_its_fix() -> None:
    state = GraphState(Source([*SMALL_ORG, ONTOLOGY / "rules.ttl"], include_shipped=False))
    state.start()
    app = create_app(state, ServerSettings(sighup=False))
    with TestClient(app, headers={**BROWSER, "accept-language": "en"}) as client:
        page = client.get(f"{POSITION}/check-result").text
    items = [text_of(item) for item in re.findall(r"<li class=.*?</li>", page, re.S)]
    assert "Errors: 11, warnings: 3, notes: 0." in text_of(page)
    assert (
        "Error duty-coverage : Duty 'Maintain the client base' in 'Job description: account "
        "manager' is supported by no skill the position requires. How to fix: Require "
        "(cg:hasRequirement / cg:requiredSkill) one of the skills the duty is cg:supportedBy, "
        "or a narrower one; or link the duty to a skill the position already requires. "
        "Source: Job-description practice: each duty is backed by a required competence."
    ) in items
    assert '<li class="severity-warning">' in page


def test_a_graph_without_rules_says_it_cannot_check(en: TestClient) -> None:
    fragment = en.get(f"{POSITION}/check-result", headers={"HX-Request": "true"}).text
    assert text_of(fragment) == (
        "No violations. the graph holds no consistency rules (cg:Rule); load ontology/rules.ttl"
    )


def test_a_position_is_found_by_any_id_form(en: TestClient) -> None:
    for path in (
        "/positions/position:account-manager",
        "/positions/pos:account-manager",
        "/positions/https://w3id.org/competency-graph/id/position/account-manager",
    ):
        assert "<h1>Account manager</h1>" in en.get(path).text


def test_an_unknown_position_is_a_404_naming_it_with_close_ones(en: TestClient) -> None:
    response = en.get("/positions/manager")
    assert response.status_code == 404
    words = text_of(response.text)
    assert words.endswith(
        "Not found There is no position with the id 'manager'. Did you mean: Account manager "
        "(position:account-manager) Template manager Cellular customer service manager "
        "Back to the home page GraphQL API · Server health"
    )
    assert '<a href="/positions/cellular-manager">' in response.text


def test_an_unknown_position_is_worded_in_russian(ru: TestClient) -> None:
    words = text_of(ru.get("/positions/acount-manager").text)
    assert "Нет должности с идентификатором «acount-manager». Возможно, вы имели в виду:" in words
    assert "Менеджер по работе с клиентами (position:account-manager)" in words


def test_edit_links_only_where_writing_is_possible_and_the_role_allows(tmp_path: Path) -> None:
    state = small_state()
    settings = ServerSettings(sighup=False, tokens=tokens())
    app = create_app(state, settings, editor=Editor(state, tmp_path / "edits", None))
    headers = {**BROWSER, "accept-language": "en"}
    with TestClient(app, base_url="https://testserver", headers=headers) as client:
        assert "/edit" not in client.get(POSITION).text  # anonymous
        sign_in(client, "reader")
        assert "/edit" not in client.get(POSITION).text
        sign_in(client, "editor")
        page = client.get(POSITION).text
        assert f'<li><a href="{POSITION}/edit">Edit the job description</a></li>' in page
        assert f'<li><a href="{POSITION}/editions">Editions</a></li>' in page
    with web_client(tokens=tokens()) as client:  # no --edits: nothing to edit with
        sign_in(client, "admin")
        assert "/edit" not in client.get(POSITION).text


# -- a skill ----------------------------------------------------------------------------------


def test_the_skill_page_shows_duties_positions_and_the_hierarchy(en: TestClient) -> None:
    page = en.get("/skills/ms-excel").text
    assert "<h1>MS Excel</h1>" in page
    assert "<p>Also called: Excel</p>" in page
    assert _section(page, "duties-heading") == (
        "Duties the skill supports Prepare contract documents (via MS Office) Prepare sales reports"
    )
    assert _section(page, "positions-heading") == "Positions that require it Account manager"
    assert _section(page, "hierarchy-heading") == (
        "Broader and narrower skills Broader MS Office Narrower None."
    )
    office = en.get("/skills/ms-office").text
    assert _section(office, "hierarchy-heading") == (
        "Broader and narrower skills Broader PC literacy Narrower MS Excel MS Word"
    )
    assert '<a href="/skills/ms-word">MS Word</a>' in office


def test_the_skill_page_in_russian(ru: TestClient) -> None:
    page = ru.get("/skills/english").text
    assert "<h1>Английский язык</h1>" in page
    assert _section(page, "duties-heading") == (
        "Обязанности, которые обеспечивает навык Общаться с иностранными клиентами "
        "(через Иностранный язык)"
    )
    assert _section(page, "positions-heading") == (
        "Должности, которые его требуют Менеджер по работе с клиентами Менеджер салона "
        "сотовой связи"
    )


def test_the_skill_page_links_its_esco_matches(shipped: TestClient) -> None:
    page = shipped.get("/skills/negotiation").text
    esco = "http://data.europa.eu/esco/skill/71152876-b629-4a99-b9ea-0f25a0d07e4e"
    assert _section(page, "matches-heading") == (
        f"Соответствия в других классификаторах (ESCO) Точное соответствие (exactMatch) Нет. "
        f"Близкое соответствие (closeMatch) {esco}"
    )
    assert f'<a href="{esco}">{esco}</a>' in page


def test_an_unknown_skill_is_a_404(en: TestClient) -> None:
    response = en.get("/skills/excell")
    assert response.status_code == 404
    assert "There is no skill with the id 'excell'." in text_of(response.text)


# -- the skill gap ------------------------------------------------------------------------------


def test_the_gap_page_without_input_is_the_form(en: TestClient) -> None:
    page = en.get("/gap").text
    assert '<form method="get" action="/gap" class="stacked">' in page
    assert '<label for="add-skill">Add a skill (a name or an id)</label>' in page
    assert '<label for="position">Position</label>' in page
    # a small graph lists every skill and position: choosing works without JavaScript
    assert '<option value="Stress resistance"></option>' in page
    assert '<option value="Trainee"></option>' in page
    assert "gap-heading" not in page


def test_the_gap_page_compares_skills_given_by_id_or_label(en: TestClient) -> None:
    page = en.get("/gap?have=ms-excel&have=Negotiation&have=&position=Account+manager").text
    assert re.findall(r'name="have" value="([^"]+)" id="have-\d" checked', page) == [
        "skill:ms-excel",
        "skill:negotiation",
    ]
    assert _section(page, "gap-heading") == (
        "Compared with the position “Account manager” Requirements met: 2; missing "
        "essential: 1, missing optional: 1. The position's skill requirements Requirement "
        "Necessity Has it MS Excel, level: confident user essential ✓ met by MS Excel "
        "English, level: B1 optional ✗ missing Negotiation essential ✓ met by Negotiation "
        "Stress resistance essential ✗ missing These requirements cannot be judged from "
        "skills (education, experience, other): education: higher education"
    )


def test_the_gap_page_in_russian(ru: TestClient) -> None:
    page = ru.get("/gap?have=Ведение+переговоров&position=account-manager").text
    words = _section(page, "gap-heading")
    assert words.startswith(
        "Сравнение с должностью «Менеджер по работе с клиентами» Выполнено требований: 1; "
        "не хватает обязательных: 2, желательных: 1."
    )
    assert "Ведение переговоров обязательно ✓ есть: Ведение переговоров" in words


def test_the_best_matches_show_the_models_score_and_its_reasons(en: TestClient) -> None:
    page = en.get("/gap?have=ms-excel&have=negotiation").text
    matches = [
        m for m in match_positions(_model(en), ["skill:ms-excel", "skill:negotiation"]) if m.score
    ]
    items = re.findall(r"<li><a href=\"/positions/([^\"]+)\">[^<]+</a>: <strong>(\d+)%", page)
    assert items == [(m.position.rsplit("/", 1)[-1], str(round(m.score * 100))) for m in matches]
    first = matches[0]
    assert (
        f"{first.essential_met} of {first.essential_total} essential and {first.optional_met} "
        f"of {first.optional_total} optional requirements met."
    ) in page
    assert f'<p lang="en">{first.explanation()}</p>' in page


def test_the_gap_page_names_what_it_did_not_find(en: TestClient, ru: TestClient) -> None:
    page = en.get("/gap?have=zzz&position=nobody").text
    assert "No skill “zzz” found." in page
    assert "No position “nobody” found." in page
    assert 'aria-invalid="true" aria-describedby="position-error"' in page
    assert "Навык «zzz» не найден." in ru.get("/gap?have=zzz").text


def test_skill_suggestions_are_options_for_the_datalist(en: TestClient, ru: TestClient) -> None:
    response = en.get("/gap/skills?have=ms")
    assert response.text.splitlines() == [
        '<option value="MS Excel"></option>',
        '<option value="MS Office"></option>',
        '<option value="MS Word"></option>',
    ]
    assert ru.get("/gap/skills?have=переговор").text.strip() == (
        '<option value="Ведение переговоров"></option>'
    )
    assert en.get("/gap/skills?have=").text.strip() == ""
    assert en.get("/gap/positions?position=man").text.splitlines() == [
        '<option value="Account manager"></option>',
        '<option value="Template manager"></option>',
        '<option value="Cellular customer service manager"></option>',
    ]


def _model(client: TestClient):  # type: ignore[no-untyped-def]
    """The read model a test client's app serves."""
    return client.app.state.read_model()  # type: ignore[attr-defined]


def test_a_path_without_a_page_is_a_404_page_for_a_browser_only(en: TestClient) -> None:
    response = en.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found There is no page at /no/such/page." in text_of(response.text)
    plain = en.get("/no/such/page", headers={"accept": "*/*"})
    assert (plain.status_code, plain.text) == (404, "Not Found")
    posted = en.post("/no/such/page", data={"x": "1"})
    assert (posted.status_code, posted.text) == (404, "Not Found")


def test_a_signed_in_browser_downloads_where_anonymous_requests_are_refused() -> None:
    with web_client(tokens=tokens("none")) as client:
        download = f"{POSITION}/job-description.md?lang=en"
        assert client.get(download).status_code == 401
        sign_in(client, "reader")
        response = client.get(download)
        assert response.status_code == 200
        assert "Account manager" in response.text
