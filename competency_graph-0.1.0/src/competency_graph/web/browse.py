"""The read pages: home and search, a position, a skill, the skill gap.

==================================  ===========================================================
``GET /``                           search (``?q=``) across positions, duties, skills and
                                    departments; the departments with their positions
``GET /positions/{id}``             the job description as it prints (approval block, status),
                                    the coverage matrix, requirements, vacancies, downloads,
                                    the check result
``GET /positions/{id}/check``       the check result alone (htmx loads it into the position
  ``-result``                       page, which shows it at once once it is known)
``GET /skills/{id}``                duties it supports, positions that require it, broader and
                                    narrower skills, ESCO matches
``GET /gap``                        the skill gap: ``?position=&have=...`` (ids or labels)
``GET /gap/skills?have=``           ``<option>`` suggestions for the skill field (htmx)
``GET /gap/positions?position=``    ``<option>`` suggestions for the position field (htmx)
==================================  ===========================================================

``{id}`` is any form the id resolver takes; a page links our entities by slug and ESCO's by
IRI. Pages read the served read model only (through :mod:`competency_graph.model.analysis`),
so they follow reloads; the check runs the served checker, off the event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import anyio
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from competency_graph.checking.report import Report
from competency_graph.errors import InputError, UnknownIdError
from competency_graph.model.analysis import (
    PositionMatch,
    SkillGap,
    duties_supported_by,
    match_positions,
    skill_gap,
)
from competency_graph.model.domain import Position, Requirement, Vacancy
from competency_graph.model.ids import require
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import compact_id
from competency_graph.rendering.coverage import coverage_grid
from competency_graph.rendering.document import build_document, describe_requirement
from competency_graph.rendering.html import write_html_body
from competency_graph.rendering.phrases import format_date
from competency_graph.web.i18n import language, t
from competency_graph.web.matrix import Matrix, coverage_matrix
from competency_graph.web.memo import ModelMemo
from competency_graph.web.rendering import render
from competency_graph.web.search import KINDS, IndexCache, Results, SearchIndex
from competency_graph.web.session import current_principal
from competency_graph.web.site import Site, entity_url, not_found, site_of

#: the longest query or skill text taken (longer ones are cut)
MAX_QUERY: Final = 200
#: at most this many skills in a profile on the gap page, positions ranked, links listed
MAX_HAVE: Final = 50
MATCHES_SHOWN: Final = 10
LINKS_SHOWN: Final = 100
#: suggestions under the skill field
SUGGESTIONS: Final = 12
#: up to this many positions, skills, the gap page's fields list them all (no JS needed)
LISTED_WHOLE: Final = 400

indexes = IndexCache()
documents: ModelMemo[Markup] = ModelMemo()
checks: ModelMemo[Report] = ModelMemo()
matrices: ModelMemo[Matrix | None] = ModelMemo()
matched_by: ModelMemo[dict[str, tuple[str, ...]]] = ModelMemo(size=1)


@dataclass(frozen=True)
class Link:
    """A link to an entity's page (``url`` None: the kind has no page) with its label."""

    url: str | None
    label: str
    note: str = ""


def link(model: ReadModel, kind: str, iri: str, lang: str, note: str = "") -> Link:
    """The link to the ``kind`` entity ``iri``, labelled in ``lang``."""
    return Link(entity_url(kind, iri), model.label(iri, lang), note)


def wants_page(request: Request) -> bool:
    """True for a browser (it asks for ``text/html``); scripts and curl get plain text."""
    return "text/html" in request.headers.get("accept", "")


def _model(request: Request) -> ReadModel:
    return site_of(request).state.snapshot.model


async def _index(model: ReadModel) -> SearchIndex:
    """The search index of ``model`` (built off the event loop the first time)."""
    return await anyio.to_thread.run_sync(indexes.of, model)


# -- home and search ------------------------------------------------------------------------


async def home(request: Request) -> Response:
    """``/`` for a browser: the search page."""
    lang = language(request)
    model = _model(request)
    query = request.query_params.get("q", "")[:MAX_QUERY]
    groups = []
    if query.strip():
        results = (await _index(model)).search(query)
        groups = _groups(model, results, lang)
    return render(
        request,
        "home.html",
        title=t("home_title", lang),
        query=query,
        searched=bool(query.strip()),
        groups=groups,
        departments=_departments(model, lang),
    )


def _groups(model: ReadModel, results: Results, lang: str) -> list[dict[str, Any]]:
    """The hits of each kind that has any, as the page lists them."""
    groups = []
    for kind in KINDS:
        hits = results.hits[kind]
        if not hits:
            continue
        links = [
            link(model, kind, hit.iri, lang, _note(model, kind, hit.iri, lang)) for hit in hits
        ]
        groups.append(
            {
                "kind": kind,
                "heading": t(f"group_{kind}", lang),
                "links": links,
                "total": results.totals[kind],
            }
        )
    return groups


def _note(model: ReadModel, kind: str, iri: str, lang: str) -> str:
    """What a hit's line says after its label: a position's department, a skill's kind."""
    if kind == "position":
        department = model.positions[iri].department
        return model.label(department, lang) if department else ""
    if kind == "skill":
        return t(f"skill_kind_{model.skills[iri].kind}", lang)
    if kind == "department":
        return t("positions_count", lang, count=len(model.positions_by_department.get(iri, ())))
    return ""


def _departments(model: ReadModel, lang: str) -> list[dict[str, Any]]:
    """Every department with its positions, by label."""
    listed = []
    for iri in model.departments:
        positions = [
            link(model, "position", p, lang) for p in model.positions_by_department.get(iri, ())
        ]
        positions.sort(key=lambda found: found.label.casefold())
        listed.append({"label": model.label(iri, lang), "positions": positions})
    return sorted(listed, key=lambda found: str(found["label"]).casefold())


# -- a position -------------------------------------------------------------------------------


async def position_page(request: Request) -> Response:
    """``/positions/{id}``: everything about one position."""
    lang = language(request)
    model = _model(request)
    iri = await _known(request, model, "position")
    if isinstance(iri, Response):
        return iri
    site = site_of(request)
    position = model.positions[iri]
    description = model.job_description_of(iri)
    principal = current_principal(request)
    can_edit = site.can_write and principal is not None and principal.may("editor")
    matrix = matrices.get(model, (iri, lang), lambda: _matrix(model, iri, lang))
    document = None
    if description is not None:
        document = documents.get(model, (iri, lang), lambda: _document(model, iri, lang))
    return render(
        request,
        "position.html",
        title=model.label(iri, lang),
        position=position,
        slug=_slug(iri),
        facts=_facts(model, position, lang),
        status=description.status if description else None,
        version=description.version if description else None,
        document=document,
        matrix=matrix,
        requirements=_requirements(model, position, lang),
        vacancies=[_vacancy(model, model.vacancies[v], lang) for v in _vacancies(model, iri)],
        downloads=_downloads(iri, lang) if description and site.settings.documents else [],
        check=_report_view(checks.peek(model, (iri, lang))),
        can_edit=can_edit,
        esco=[_match(model, "position", m, lang) for m in position.esco_matches],
    )


async def position_check(request: Request) -> Response:
    """``/positions/{id}/check-result``: the position's check (a fragment for htmx, else a
    page of its own)."""
    lang = language(request)
    model = _model(request)
    iri = await _known(request, model, "position")
    if isinstance(iri, Response):
        return iri
    snapshot = site_of(request).state.snapshot

    def run() -> Report:
        return checks.get(model, (iri, lang), lambda: snapshot.check_position(iri, lang))

    try:
        report = await anyio.to_thread.run_sync(run)
    except InputError as cannot:  # a graph without the rule catalogue: nothing to check by
        report = Report(lang=lang, not_run=[cannot.text(lang)])
    template = "check_fragment.html" if "hx-request" in request.headers else "check_page.html"
    return render(
        request,
        template,
        title=t("check_title", lang, position=model.label(iri, lang)),
        slug=_slug(iri),
        check=_report_view(report),
    )


def _slug(iri: str) -> str:
    """The last part of a page's path for ``iri`` (``key-account-manager``, or the IRI)."""
    url = entity_url("position", iri) or ""
    return url.removeprefix("/positions/")


def _facts(model: ReadModel, position: Position, lang: str) -> list[tuple[str, Link]]:
    """The position's place: department, whom it reports to, its substitute."""
    facts = []
    if position.department:
        facts.append(
            (t("fact_department", lang), Link(None, model.label(position.department, lang)))
        )
    for key, target in (
        ("fact_reports_to", position.reports_to),
        ("fact_substitute", position.substitute),
        ("fact_specialises", position.specialises),
    ):
        if target and target in model.positions:
            facts.append((t(key, lang), link(model, "position", target, lang)))
    return facts


def _document(model: ReadModel, iri: str, lang: str) -> Markup:
    """The job description as the document routes print it, its title an ``<h2>``."""
    # write_html_body escapes every text it writes
    return Markup(write_html_body(build_document(model, iri, lang), level=2))


def _matrix(model: ReadModel, iri: str, lang: str) -> Matrix | None:
    """The coverage matrix of a position with duties (None without)."""
    grid = coverage_grid(model, iri)
    if not grid.duties:
        return None
    title = t("matrix_title", lang, position=model.label(iri, lang))
    return coverage_matrix(model, grid, lang, title)


def _requirements(model: ReadModel, position: Position, lang: str) -> list[dict[str, Any]]:
    """The position's requirements in its order, each in words, with its skill's link."""
    shown = []
    for key in position.requirements:
        requirement = model.requirements.get(key)
        if requirement is None:
            continue
        shown.append(_requirement(model, requirement, lang))
    return shown


def _requirement(model: ReadModel, requirement: Requirement, lang: str) -> dict[str, Any]:
    skill = requirement.skill if requirement.skill in model.skills else None
    return {
        "text": describe_requirement(model, requirement, lang),
        "kind": t(f"requirement_kind_{requirement.kind}", lang),
        "necessity": requirement.necessity,
        "necessity_text": t(f"necessity_{requirement.necessity}", lang),
        "skill": link(model, "skill", skill, lang) if skill else None,
    }


def _vacancies(model: ReadModel, iri: str) -> tuple[str, ...]:
    return model.vacancies_by_position.get(iri, ())


def _vacancy(model: ReadModel, vacancy: Vacancy, lang: str) -> dict[str, Any]:
    """A vacancy's line: title, employer, salary, date posted, its JSON-LD."""
    salary = ""
    if vacancy.salary is not None:
        pay = vacancy.salary
        if pay.by_agreement:
            salary = t("salary_by_agreement", lang)
        else:
            amounts = [
                f"{v:,.0f}".replace(",", "\u00a0") for v in (pay.min_value, pay.max_value) if v
            ]
            salary = "–".join(amounts) + (f" {pay.currency}" if pay.currency else "")
            if pay.period in PERIODS:
                salary += f" {t(PERIODS[pay.period], lang)}"
    employer = vacancy.hiring_organization
    return {
        "label": vacancy.label.get(lang),
        "employer": model.label(employer, lang) if employer else "",
        "salary": salary,
        "posted": format_date(vacancy.date_posted, lang) if vacancy.date_posted else "",
        "json_ld": f"/vacancies/{compact_id(vacancy.iri).partition(':')[2]}.jsonld?lang={lang}",
    }


def _downloads(iri: str, lang: str) -> list[tuple[str, str]]:
    """The job description's downloads in ``lang``: (format name, URL)."""
    slug = compact_id(iri).partition(":")[2] or iri
    base = f"/positions/{slug}/job-description"
    return [(name, f"{base}.{fmt}?lang={lang}") for fmt, name in DOWNLOADS]


DOWNLOADS: Final = (("docx", "DOCX"), ("html", "HTML"), ("md", "Markdown"))
#: a salary's period (schema.org unitText) -> its words
PERIODS: Final = {"HOUR": "per_hour", "DAY": "per_day", "MONTH": "per_month", "YEAR": "per_year"}


def _report_view(report: Report | None) -> dict[str, Any] | None:
    """What the page shows of a check (None: not run yet)."""
    if report is None:
        return None
    return {
        "counts": report.counts(),
        "violations": [
            {
                "severity": v.severity.value,
                "rule": v.rule_id,
                "message": v.message,
                "fix": v.fix,
                "source": v.source_label or v.source,
            }
            for v in report.sorted()
        ],
        "not_run": list(report.not_run),
    }


def _match(model: ReadModel, kind: str, iri: str, lang: str) -> Link:
    """A match to another classification: our page when we have it, else the IRI itself."""
    table = model.positions if kind == "position" else model.skills
    if iri in table:
        return link(model, kind, iri, lang, compact_id(iri))
    return Link(iri, iri)


# -- a skill ----------------------------------------------------------------------------------


async def skill_page(request: Request) -> Response:
    """``/skills/{id}``: what a skill is for and how it relates to others."""
    lang = language(request)
    model = _model(request)
    iri = await _known(request, model, "skill")
    if isinstance(iri, Response):
        return iri
    skill = model.skills[iri]
    duties = [
        link(model, "duty", support.duty, lang, _via(model, iri, support.via, lang))
        for support in duties_supported_by(model, iri)
    ]
    positions = sorted(
        {p for p, _ in model.position_requirements_by_skill.get(iri, ())},
        key=lambda p: model.label(p, lang).casefold(),
    )
    return render(
        request,
        "skill.html",
        title=model.label(iri, lang),
        skill=skill,
        kind=t(f"skill_kind_{skill.kind}", lang),
        alt_labels=skill.alt_labels,
        duties=duties[:LINKS_SHOWN],
        duties_total=len(duties),
        positions=[link(model, "position", p, lang) for p in positions[:LINKS_SHOWN]],
        positions_total=len(positions),
        broader=_skills(model, skill.broader, lang),
        narrower=_skills(model, model.narrower.get(iri, ()), lang),
        exact=[_match(model, "skill", m, lang) for m in skill.exact_match],
        close=[_match(model, "skill", m, lang) for m in skill.close_match],
        matched_by=[link(model, "skill", s, lang) for s in _matched_by(model, iri)],
    )


def _via(model: ReadModel, skill: str, via: Sequence[str], lang: str) -> str:
    """How a skill supports a duty when the duty names a broader one: "via MS Office"."""
    others = [v for v in via if v != skill]
    return t("via", lang, skills=", ".join(model.label(v, lang) for v in others)) if others else ""


def _skills(model: ReadModel, iris: Sequence[str], lang: str) -> list[Link]:
    found = [link(model, "skill", s, lang) for s in iris if s in model.skills]
    return sorted(found, key=lambda found: found.label.casefold())[:LINKS_SHOWN]


def _matched_by(model: ReadModel, iri: str) -> list[str]:
    """Skills of the graph whose exactMatch or closeMatch names ``iri`` (ours, for an ESCO
    skill), by IRI."""
    return list(matched_by.get(model, "all", lambda: _matches_index(model)).get(iri, ()))


def _matches_index(model: ReadModel) -> dict[str, tuple[str, ...]]:
    """Matched skill IRI -> the skills whose exactMatch or closeMatch names it, sorted."""
    found: dict[str, set[str]] = {}
    for other, skill in model.skills.items():
        for target in (*skill.exact_match, *skill.close_match):
            found.setdefault(target, set()).add(other)
    return {target: tuple(sorted(skills)) for target, skills in found.items()}


# -- the skill gap -----------------------------------------------------------------------------


async def gap_page(request: Request) -> Response:
    """``/gap``: a skill profile against a position, and the positions it fits best."""
    lang = language(request)
    model = _model(request)
    index = await _index(model)
    params = request.query_params
    have: list[str] = []
    unknown: list[dict[str, Any]] = []
    for text in params.getlist("have")[:MAX_HAVE]:
        text = text.strip()[:MAX_QUERY]
        if not text:
            continue
        found = index.find_one(text, "skill")
        if found is None:
            unknown.append({"text": text, "close": _close(model, index, text, "skill", lang)})
        elif found not in have:
            have.append(found)
    position_text = params.get("position", "").strip()[:MAX_QUERY]
    position = index.find_one(position_text, "position") if position_text else None
    gap = skill_gap(model, position, have) if position else None
    # a position none of the skills meets anything of is no match, whatever its rank
    matches = [m for m in match_positions(model, have, limit=MATCHES_SHOWN) if m.score > 0]
    position_close = []
    if position_text and position is None:
        position_close = _close(model, index, position_text, "position", lang)
    return render(
        request,
        "gap.html",
        title=t("gap_title", lang),
        have=[{"id": compact_id(s), "label": model.label(s, lang)} for s in have],
        unknown=unknown,
        position_text=model.label(position, lang) if position else position_text,
        position=link(model, "position", position, lang) if position else None,
        position_unknown=bool(position_text) and position is None,
        position_close=position_close,
        gap=_gap_view(model, gap, lang) if gap else None,
        matches=[_match_view(model, m, lang) for m in matches],
        all_positions=_listed(model, model.positions, lang),
        all_skills=_listed(model, model.skills, lang),
    )


async def skill_suggestions(request: Request) -> Response:
    """``/gap/skills?have=``: ``<option>`` elements for the skill field's datalist (the last
    ``have`` value is what is being typed)."""
    return await _suggestions(request, "have", "skill")


async def position_suggestions(request: Request) -> Response:
    """``/gap/positions?position=``: ``<option>`` elements for the position field's datalist."""
    return await _suggestions(request, "position", "position")


async def _suggestions(request: Request, field: str, kind: str) -> Response:
    """The labels of the ``kind`` entities the last ``field`` value begins or names."""
    lang = language(request)
    model = _model(request)
    typed = (request.query_params.getlist(field) or [""])[-1].strip()[:MAX_QUERY]
    options: list[str] = []
    if typed:
        index = await _index(model)
        hits = index.search(typed, (kind,), limit=SUGGESTIONS, min_prefix=1).hits[kind]
        options = [model.label(hit.iri, lang) for hit in hits]
    return render(request, "options.html", options=options)


def _listed(model: ReadModel, table: dict[str, Any], lang: str) -> list[str]:
    """Every label of a small table, for a datalist; none for a large one (htmx suggests)."""
    if len(table) > LISTED_WHOLE:
        return []
    return sorted({model.label(iri, lang) for iri in table}, key=str.casefold)


def _close(model: ReadModel, index: SearchIndex, text: str, kind: str, lang: str) -> list[Link]:
    """Entities of ``kind`` whose labels hold the words of ``text`` (slugs' hyphens as
    spaces), for "did you mean"."""
    words = text.replace("-", " ").replace("_", " ")
    hits = index.search(words, (kind,), limit=5).hits[kind]
    return [link(model, kind, hit.iri, lang) for hit in hits]


def _gap_view(model: ReadModel, gap: SkillGap, lang: str) -> dict[str, Any]:
    """Each skill requirement of the position, met (by which skills) or missing."""
    rows = []
    for status in gap.statuses:
        requirement = status.requirement
        rows.append(
            {
                "requirement": _requirement(model, requirement, lang),
                "met": status.met,
                "met_by": [link(model, "skill", s, lang) for s in status.met_by],
            }
        )
    return {
        "rows": rows,
        "missing_essential": len(gap.missing_essential),
        "missing_optional": len(gap.missing_optional),
        "met": len(gap.met),
        "unassessed": [describe_requirement(model, r, lang) for r in gap.unassessed],
    }


def _match_view(model: ReadModel, match: PositionMatch, lang: str) -> dict[str, Any]:
    """A ranked position with its score and the numbers behind it."""
    return {
        "position": link(model, "position", match.position, lang),
        "score": round(match.score * 100),
        "why": t(
            "score_explained",
            lang,
            essential_met=match.essential_met,
            essential_total=match.essential_total,
            optional_met=match.optional_met,
            optional_total=match.optional_total,
        ),
        "formula": match.explanation(),
        "missing": [
            link(model, "skill", r.skill, lang) for r in match.gap.missing_essential if r.skill
        ],
    }


# -- shared ------------------------------------------------------------------------------------


async def _known(request: Request, model: ReadModel, kind: str) -> str | Response:
    """The IRI of the ``kind`` entity the path names, or the 404 page naming the id with
    close ones (the resolver's suggestion and entities whose labels hold its words)."""
    identifier = request.path_params["id"]
    try:
        return require(model, identifier, kind)
    except UnknownIdError as unknown:
        lang = language(request)
        index = await _index(model)
        close = [(found.url, found.label) for found in _close(model, index, identifier, kind, lang)]
        return not_found(request, unknown, close)


async def missing_page(request: Request) -> Response:
    """Any other path: a 404 page saying which path has no page."""
    lang = language(request)
    message = t("page_not_found", lang, path=request.url.path)
    return render(request, "error.html", 404, title=t("not_found_title", lang), message=message)


def unknown_path(site: Site) -> Route:
    """The route of every path no other route took (mounted last of all): a 404 page for a
    browser, ``Not Found`` as plain text for other clients and methods (as without it)."""
    page = site.page(missing_page, role=None)

    async def endpoint(request: Request) -> Response:
        if request.method in ("GET", "HEAD") and wants_page(request):
            return await page(request)
        return PlainTextResponse("Not Found", status_code=404)

    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return Route("/{path:path}", endpoint, methods=methods)


def negotiated_home(site: Site) -> Route:
    """``/``: the search page for a browser; the plain-text index (and no session cookie)
    for other clients."""
    page = site.page(home)

    async def endpoint(request: Request) -> Response:
        if wants_page(request):
            return await page(request)
        return PlainTextResponse(site.settings.plain_index + "\n")

    return Route("/", endpoint, methods=["GET", "HEAD"])


def routes(site: Site) -> list[BaseRoute]:
    """The read pages' routes (a page's ``{id}`` may be a whole IRI: ESCO's)."""
    return [
        negotiated_home(site),
        Route("/gap", site.page(gap_page), methods=["GET"]),
        Route("/gap/skills", site.page(skill_suggestions), methods=["GET"]),
        Route("/gap/positions", site.page(position_suggestions), methods=["GET"]),
        Route("/positions/{id:path}/check-result", site.page(position_check), methods=["GET"]),
        Route("/positions/{id:path}", site.page(position_page), methods=["GET"]),
        Route("/skills/{id:path}", site.page(skill_page), methods=["GET"]),
    ]
