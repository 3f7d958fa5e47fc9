"""The job-description editor and the approval steps: new descriptions, new editions, drafts.

``/positions/new/edit`` and ``/positions/{id}/edit`` show the YAML format's fields as a form
(:mod:`competency_graph.web.description_form`); a POST there saves the draft with the
``createJobDescription`` or ``updateJobDescription`` mutation (or, for the form's add and
remove buttons, only re-renders the form with a row more or less: that works without
JavaScript; with htmx only the form is swapped). ``/positions/{id}/check`` is the live check:
htmx posts the form on input (debounced), the dry run of the same mutation checks it, and
the answer places each violation at the field its ``inputPath`` names, with a summary at the
top linking to the fields. A refused save keeps everything that was typed: a
``VALIDATION_FAILED`` is shown at the fields, a ``CONFLICT`` with the current version and a
link to reload it.

``/positions/{id}/agree``, ``/approve``, ``/familiarise`` and ``/delete`` are the approval
steps and the deletion of a draft, each the API's mutation as the signed-in visitor; the
answer (done, or the API's refusal) is shown on the editions page
(:mod:`competency_graph.web.history`), where their buttons are.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from competency_graph.api.inputs import from_job_description_data
from competency_graph.errors import InputError
from competency_graph.model import ids
from competency_graph.web import description_form as forms
from competency_graph.web.authoring_words import w
from competency_graph.web.calls import Answer, call
from competency_graph.web.i18n import language
from competency_graph.web.rendering import render
from competency_graph.web.session import current_principal, current_session
from competency_graph.web.site import Site, site_of

#: the id in the URL of a description not yet written
NEW = "new"
#: the form fields that are not the description's (the CSRF token, the buttons, the version)
CONTROL_FIELDS = frozenset({"csrf", "action", "expected_version"})

_REPORT = "report { violations { rule severity message inputPath } }"
CREATE = f"""mutation Create($jd: JobDescriptionInput!, $dry: Boolean, $lang: Lang) {{
  createJobDescription(input: $jd, dryRun: $dry, lang: $lang) {{ position version {_REPORT} }}
}}"""
UPDATE = f"""mutation Update($jd: JobDescriptionInput!, $v: String!, $dry: Boolean,
  $lang: Lang) {{
  updateJobDescription(input: $jd, expectedVersion: $v, dryRun: $dry, lang: $lang) {{
    position version {_REPORT} }}
}}"""
AGREE = """mutation Agree($p: ID!, $role: AgreementRoleInput!, $name: String!, $date: String,
  $v: String!) {
  agreeJobDescription(position: $p, role: $role, name: $name, date: $date,
    expectedVersion: $v) { version }
}"""
APPROVE = """mutation Approve($p: ID!, $name: String!, $date: String, $v: String!) {
  approveJobDescription(position: $p, name: $name, date: $date, expectedVersion: $v) {
    version }
}"""
FAMILIARISE = """mutation Familiarise($p: ID!, $name: String!, $date: String, $v: String!) {
  familiariseJobDescription(position: $p, name: $name, date: $date, expectedVersion: $v) {
    version }
}"""
DELETE = """mutation Delete($p: ID!, $v: String!) {
  deleteJobDescription(position: $p, expectedVersion: $v) { written }
}"""


@runtime_checkable
class Exporting(Protocol):
    """A served graph that writes a job description as the YAML format's data (the
    server's snapshot does)."""

    def job_description_data(self, position_iri: str) -> dict[str, Any]:  # pragma: no cover
        """The description of the position as the YAML file would hold it."""
        ...


@dataclass(frozen=True)
class Shown:
    """One message of a check, placed at a form field (``target``; None: the whole form)."""

    target: str | None
    severity: str  # ERROR, WARNING, INFO
    message: str
    rule: str = ""


@dataclass
class Editing:
    """What the editor page shows: the form, the file's version, the messages."""

    form: forms.FormState
    position: str | None  # the position's slug; None for a new description
    version: str | None  # the file's version the edit is based on (None: no file yet)
    shown: list[Shown]
    label: str = ""
    focus: str | None = None
    conflict: str | None = None  # the current version, after a CONFLICT
    note: str = ""  # what the page says about the file being edited
    checked: bool = False  # a check ran (so "no violations" may be said)
    failed: bool = False  # a save was refused (the summary takes the focus)


def routes(site: Site) -> list[BaseRoute]:
    """The editor's and the approval steps' routes."""
    return [
        Route("/positions/{id}/edit", site.page(edit, "editor"), methods=["GET", "POST"]),
        Route("/positions/{id}/check", site.page(check, "editor"), methods=["POST"]),
        Route("/positions/{id}/agree", site.page(agree, "approver"), methods=["POST"]),
        Route("/positions/{id}/approve", site.page(approve, "approver"), methods=["POST"]),
        Route("/positions/{id}/familiarise", site.page(familiarise, "editor"), methods=["POST"]),
        Route("/positions/{id}/delete", site.page(delete, "editor"), methods=["POST"]),
    ]


# -- the editor ------------------------------------------------------------------------------


def position_slug(request: Request) -> str:
    """The slug of the position a URL names (any id form; 404 when unknown)."""
    site = site_of(request)
    iri = ids.require(site.state.snapshot.model, request.path_params["id"], "position")
    return iri.rsplit("/", 1)[-1]


def position_label(request: Request, slug: str) -> str:
    """The position's name in the visitor's language (the slug when it has none)."""
    model = site_of(request).state.snapshot.model
    iri = ids.resolve(model, slug, "position")
    position = model.positions.get(iri) if iri is not None else None
    return position.label.get(language(request)) if position is not None else slug


def unavailable(request: Request) -> Response:
    """The page of a server without an edits folder."""
    lang = language(request)
    return site_of(request).error(
        request, 409, w("edits_unavailable_title", lang), w("edits_unavailable", lang)
    )


def blank_form() -> forms.FormState:
    """A new description's form: a draft, edition 1.0, one empty row in each section."""
    form = forms.form_from_data({"status": "draft", "version": "1.0"})
    for action in ("add:requirements:skill", "add:duties", "add:rights", "add:responsibilities"):
        forms.apply_action(form, action)
    return form


def next_edition(data: Mapping[str, Any]) -> dict[str, Any]:
    """A description of the ontology as the start of its next edition: a draft numbered after
    it, without the old edition's signatures (they signed the old text)."""
    edition = {k: v for k, v in data.items() if k not in ("agreements", "approval")}
    edition.pop("familiarisation", None)
    edition["status"] = "draft"
    text = str(data.get("version") or "").strip()
    head = text.split(".", 1)[0]
    edition["version"] = (
        f"{int(head) + 1}" + (".0" if "." in text else "") if head.isdigit() else "2"
    )
    return edition


async def edit(request: Request) -> Response:
    """GET: the form of a new description, of the file written here, or of a new edition of
    the ontology's description. POST: save the draft, or add or remove a row."""
    site = site_of(request)
    if site.editor is None:
        return unavailable(request)
    lang = language(request)
    new = request.path_params["id"] == NEW
    slug = None if new else position_slug(request)
    if request.method == "GET":
        return render_editor(request, opened(request, slug, lang))
    posted = await request.form()
    form = posted_form(posted)
    version = _text(posted.get("expected_version")) or None
    editing = Editing(form, slug, version, [], position_label(request, slug) if slug else "")
    action = _text(posted.get("action")) or "save"
    if action != "save":
        editing.focus = forms.apply_action(form, action)
        return render_editor(request, editing)
    return await save(request, editing)


def opened(request: Request, slug: str | None, lang: str) -> Editing:
    """The editor as a GET opens it."""
    site = site_of(request)
    assert site.editor is not None
    if slug is None:
        return Editing(blank_form(), None, None, [])
    label = position_label(request, slug)
    written = site.editor.read(slug)
    if written is not None:
        data, version = written
        if data.get("status", "draft") != "draft":  # past draft: a save starts a new edition
            data = next_edition(data)
            note = w("new_edition_note", lang, edition=data["version"])
            return Editing(forms.form_from_data(data), slug, version, [], label, note=note)
        note = w(
            "editing_file",
            lang,
            file=f"{slug}.yaml",
            version=version,
            status=w(f"status_{data.get('status', 'draft')}", lang),
            edition=data.get("version") or "—",
        )
        return Editing(forms.form_from_data(data), slug, version, [], label, note=note)
    snapshot = site.state.snapshot
    iri = ids.require(snapshot.model, slug, "position")
    try:
        if not isinstance(snapshot, Exporting):
            raise InputError("the served graph cannot write its descriptions as YAML")
        data = next_edition(snapshot.job_description_data(iri))
    except InputError:  # no description to start from (or a store): the position alone
        position = snapshot.model.positions[iri]
        label_of = {"ru": position.label.ru, "en": position.label.en}
        start = {"id": slug, "label": {k: v for k, v in label_of.items() if v}}
        return Editing(
            forms.form_from_data({"position": start, "status": "draft", "version": "1.0"}),
            slug,
            None,
            [],
            label,
        )
    note = w("new_edition_note", lang, edition=data["version"])
    return Editing(forms.form_from_data(data), slug, None, [], label, note=note)


def posted_form(posted: FormData) -> forms.FormState:
    """The description's fields of a posted form."""
    pairs = [(k, v) for k, v in posted.multi_items() if isinstance(v, str)]
    return forms.form_from_post((k, v) for k, v in pairs if k not in CONTROL_FIELDS)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


async def save(request: Request, editing: Editing) -> Response:
    """Save the draft (the real mutation); on a refusal the form comes back as it was sent,
    with the violations at their fields or the conflict explained."""
    lang = language(request)
    answer, shown = await run_check(request, editing, dry_run=False)
    editing.checked = True
    if answer is None or not answer.ok:
        editing.shown = shown
        editing.failed = True
        if answer is not None and answer.code == "CONFLICT":
            editing.conflict = str(answer.extensions.get("currentVersion") or "")
        return render_editor(request, editing, status_code=409 if editing.conflict else 422)
    payload = _payload(answer)
    warnings = sum(1 for s in shown if s.severity == "WARNING")
    version = str(payload.get("version") or "")
    message = (
        w("saved_with_warnings", lang, version=version, warnings=warnings)
        if warnings
        else w("saved", lang, version=version)
    )
    current_session(request).flash("info", message)
    slug = str(payload.get("position", "")).rsplit(":", 1)[-1]
    return RedirectResponse(f"/positions/{slug}/editions", status_code=303)


def _payload(answer: Answer) -> Mapping[str, Any]:
    data = answer.data or {}
    payload = data.get("createJobDescription") or data.get("updateJobDescription") or {}
    return payload if isinstance(payload, Mapping) else {}


async def run_check(
    request: Request, editing: Editing, *, dry_run: bool
) -> tuple[Answer | None, list[Shown]]:
    """Send the form to the create or update mutation (``dry_run``: check only) and place
    what comes back at the fields. None for the answer when the form itself could not be
    read into the format (each problem at its field)."""
    lang = language(request)
    data, paths, problems = forms.data_from_form(editing.form)
    problems += required_problems(editing.form, data)
    if problems:
        return None, [Shown(p.name, "ERROR", problem_text(p, lang), "form") for p in problems]
    variables: dict[str, Any] = {
        "jd": from_job_description_data(data),
        "dry": dry_run,
        "lang": lang.upper(),
    }
    if editing.version is not None:
        answer = await call(request, UPDATE, {**variables, "v": editing.version})
    else:
        answer = await call(request, CREATE, variables)
    return answer, placed(answer, editing.form, paths, lang)


def required_problems(form: forms.FormState, data: Mapping[str, Any]) -> list[forms.Problem]:
    """What the typed input cannot do without (its non-null fields): the position's id and
    Russian name, and the Russian of every text that has English."""
    problems = []
    position = data.get("position") or {}
    if not position.get("id"):
        problems.append(forms.Problem("position.id", "required"))
    label = position.get("label") or {}
    if not label.get("ru"):
        problems.append(forms.Problem("position.label.ru", "required"))
    for name in form.values:
        if name.endswith(".en") and form.get(name).strip():
            ru = name[: -len(".en")] + ".ru"
            plain = any(
                name.endswith(f".{n}.en") or name == f"{n}.en"
                for n in ("level", "field", "value", "experience.area")
            )
            if not plain and not form.get(ru).strip():
                problems.append(forms.Problem(ru, "required"))
    return problems


def problem_text(problem: forms.Problem, lang: str) -> str:
    """A form problem in the visitor's language."""
    if problem.message == "required":
        return "Обязательное поле" if lang == "ru" else "Required"
    if problem.message.endswith("is not a number"):
        return w("not_a_number", lang, text=problem.message.split("'")[1])
    if problem.message.startswith("the hidden fields"):
        return w("hidden_changed", lang)
    return problem.message


def placed(answer: Answer, form: forms.FormState, paths: forms.PathMap, lang: str) -> list[Shown]:
    """The violations (of the report or of the refusal) and the input error of an answer,
    each at its form field."""
    if answer.ok:
        payload = _payload(answer)
        violations = (payload.get("report") or {}).get("violations") or []
    elif answer.code == "VALIDATION_FAILED":
        violations = list(answer.extensions.get("violations") or [])
    else:
        target = None
        if answer.code == "BAD_USER_INPUT":
            target = forms.locate(forms.locate_message(answer.message), form, paths)
        return [Shown(target, "ERROR", answer.message, answer.code)]
    shown = [
        Shown(
            at_field(forms.locate(v.get("inputPath"), form, paths), str(v.get("rule", "")), form),
            str(v.get("severity", "ERROR")),
            str(v.get("message", "")),
            str(v.get("rule", "")),
        )
        for v in violations
    ]
    order = {"ERROR": 0, "WARNING": 1, "INFO": 2}
    return sorted(shown, key=lambda s: order.get(s.severity, 3))


#: the field of a row that a rule's violation of the whole row is about: a duty no required
#: skill supports is fixed in its supporting skills, a right in the duties it facilitates...
RULE_FIELDS = {
    "duty-coverage": "supported_by",
    "required-competence": "requires",
    "right-purpose": "facilitates",
    "liability-basis": "legal_basis",
    "liability-limit": "sanctions",
}


def at_field(target: str | None, rule: str, form: forms.FormState) -> str | None:
    """The field of the row ``target`` that ``rule`` concerns, where the row has it."""
    if target is None or rule not in RULE_FIELDS:
        return target
    candidate = f"{target}.{RULE_FIELDS[rule]}"
    return candidate if candidate in form.names() else target


async def check(request: Request) -> Response:
    """The live check: the posted form's dry run, as an HTML fragment for htmx (the summary,
    and every field's messages swapped out of band)."""
    site = site_of(request)
    if site.editor is None:
        return unavailable(request)
    new = request.path_params["id"] == NEW
    slug = None if new else position_slug(request)
    posted = await request.form()
    editing = Editing(posted_form(posted), slug, _text(posted.get("expected_version")) or None, [])
    answer, editing.shown = await run_check(request, editing, dry_run=True)
    editing.checked = True
    if answer is not None and answer.code == "CONFLICT":
        editing.conflict = str(answer.extensions.get("currentVersion") or "")
    return render(request, "edit_check.html", **editor_context(request, editing))


def editor_context(request: Request, editing: Editing) -> dict[str, Any]:
    """What the editor's templates need."""
    lang = language(request)
    by_target: dict[str, list[Shown]] = {}
    for item in editing.shown:
        if item.target is not None:
            by_target.setdefault(item.target, []).append(item)
    slug = editing.position or NEW
    counts = {s: sum(1 for i in editing.shown if i.severity == s) for s in ("ERROR", "WARNING")}
    return {
        "w": functools.partial(w, lang=lang),
        "editing": editing,
        "form": editing.form,
        "at": by_target,
        "counts": counts,
        "infos": sum(1 for i in editing.shown if i.severity == "INFO"),
        "field_id": forms.field_id,
        "error_id": forms.error_id,
        "choices": forms.CHOICES,
        "save_url": f"/positions/{slug}/edit",
        # after a conflict: the description as it is now (of the id typed, for a new one)
        "reload_url": f"/positions/{editing.position or editing.form.get('position.id')}/edit",
        "check_url": f"/positions/{slug}/check",
        "slots": sorted(editing.form.names()),
    }


def render_editor(request: Request, editing: Editing, status_code: int = 200) -> HTMLResponse:
    """The editor page."""
    lang = language(request)
    title = (
        w("edit_title", lang, position=editing.label) if editing.position else w("new_title", lang)
    )
    return render(
        request,
        "edit.html",
        status_code=status_code,
        title=title,
        **editor_context(request, editing),
    )


# -- the approval steps and the deletion of a draft -------------------------------------------

ROLE_VALUES = {
    "legal-service": "LEGAL_SERVICE",
    "hr-department": "HR_DEPARTMENT",
    "immediate-supervisor": "IMMEDIATE_SUPERVISOR",
}


async def _step(
    request: Request, query: str, done: str, extra: Mapping[str, Any] | None = None
) -> Response:
    """Run one signing step (the API's mutation) and go back to the editions page, which
    says what happened: ``done``, or the API's refusal in its words."""
    site = site_of(request)
    if site.editor is None:
        return unavailable(request)
    lang = language(request)
    slug = position_slug(request)
    posted = await request.form()
    principal = current_principal(request)
    name = _text(posted.get("name")) or (principal.name if principal is not None else "")
    variables: dict[str, Any] = {
        "p": slug,
        "name": name,
        "date": _text(posted.get("date")) or None,
        "v": _text(posted.get("expected_version")),
        **(extra or {}),
    }
    answer = await call(request, query, variables)
    session = current_session(request)
    if answer.ok:
        session.flash("info", done)
    else:
        session.flash("error", w("refused", lang, message=answer.message))
    return RedirectResponse(f"/positions/{slug}/editions", status_code=303)


async def agree(request: Request) -> Response:
    """The 'Agreed' signature of the role the form names."""
    lang = language(request)
    posted = await request.form()
    role = _text(posted.get("role"))
    if role not in ROLE_VALUES:
        raise InputError(f"role must be one of {', '.join(ROLE_VALUES)}, not {role!r}")
    done = w("agreed", lang, role=w(f"role_{role}", lang))
    return await _step(request, AGREE, done, {"role": ROLE_VALUES[role]})


async def approve(request: Request) -> Response:
    """The head's 'Approved' signature (refused by the API before every agreement)."""
    return await _step(request, APPROVE, w("approved", language(request)))


async def familiarise(request: Request) -> Response:
    """An employee's signature of familiarisation (after approval)."""
    return await _step(request, FAMILIARISE, w("familiarised", language(request)))


async def delete(request: Request) -> Response:
    """Delete the draft written here; back to the position (if the ontology has it) or home."""
    site = site_of(request)
    if site.editor is None:
        return unavailable(request)
    lang = language(request)
    slug = position_slug(request)
    posted = await request.form()
    answer = await call(request, DELETE, {"p": slug, "v": _text(posted.get("expected_version"))})
    session = current_session(request)
    if not answer.ok:
        session.flash("error", w("refused", lang, message=answer.message))
        return RedirectResponse(f"/positions/{slug}/editions", status_code=303)
    session.flash("info", w("deleted", lang))
    still = ids.resolve(site.state.snapshot.model, slug, "position")
    return RedirectResponse(f"/positions/{slug}" if still else "/", status_code=303)


def signature_steps(
    data: Mapping[str, Any], may_approve: bool, may_edit: bool
) -> list[dict[str, Any]]:
    """The approval procedure of a file's data as steps for the editions page: each with
    what it is, whether and by whom it was done, what it waits for, and whether the visitor
    gets its button (approvers agree and approve, editors record familiarisation; the
    approve button shows before the agreements are complete, and the API refuses it with
    its reason)."""
    status = str(data.get("status") or "draft")
    open_for_agreement = status in ("draft", "agreed")
    agreed = {str(a.get("role")): a for a in data.get("agreements") or [] if isinstance(a, Mapping)}
    steps: list[dict[str, Any]] = []
    for role in ROLE_VALUES:
        done = agreed.get(role)
        steps.append(
            {
                "kind": "agree",
                "role": role,
                "done": [done] if done else [],
                "button": may_approve and open_for_agreement and done is None,
                "waiting": None,
            }
        )
    missing = [r for r in ROLE_VALUES if r not in agreed]
    approval = data.get("approval")
    steps.append(
        {
            "kind": "approve",
            "role": None,
            "done": [approval] if isinstance(approval, Mapping) else [],
            "button": may_approve and open_for_agreement,
            "waiting": "step_after_agreements" if missing else None,
        }
    )
    signed: Sequence[Any] = data.get("familiarisation") or []
    steps.append(
        {
            "kind": "familiarise",
            "role": None,
            "done": [s for s in signed if isinstance(s, Mapping)],
            "button": may_edit and status in ("approved", "in-force"),
            "waiting": None if status in ("approved", "in-force") else "step_after_approval",
        }
    )
    return steps
