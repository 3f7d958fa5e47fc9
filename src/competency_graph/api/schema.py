"""The GraphQL schema: the root ``Query`` with lookups, lists, analyses and checks.

Every ID argument accepts the forms of :mod:`competency_graph.model.ids`: a compact id
(``skill:ms-excel``), the Turtle prefix form, a full IRI or, where unambiguous, a bare slug.
Lists are Relay connections (``first``/``after``/``last``/``before``) with a server-side
page-size cap, label search in both languages, filters and ordering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

import graphene
from graphql import GraphQLSchema

from competency_graph.api import types as t
from competency_graph.api.checks import CheckReport
from competency_graph.api.inputs import job_description_input, to_job_description_data
from competency_graph.api.mutations import Mutation
from competency_graph.api.pagination import Page, connection_arguments, connection_type, paginate
from competency_graph.api.results import Coverage as CoverageType
from competency_graph.api.results import DutySupport as DutySupportType
from competency_graph.api.results import MatchWeightsInput, match_weights
from competency_graph.api.results import PositionMatch as PositionMatchType
from competency_graph.api.results import SkillGap as SkillGapType
from competency_graph.api.results import SkillSupport as SkillSupportType
from competency_graph.api.types import Info, context, lang_of, lang_value
from competency_graph.checking.report import Report
from competency_graph.errors import InputError
from competency_graph.model import analysis, domain, ids
from competency_graph.model.readmodel import ReadModel
from competency_graph.model.rules import Rule
from competency_graph.namespaces import compact_id

N = TypeVar("N", bound=domain.Node)


#: what the orderings every list has mean
ORDER_DESCRIPTIONS = {
    "LABEL_ASC": "By label in the language asked for (`lang`), A to Z.",
    "LABEL_DESC": "By label in the language asked for (`lang`), Z to A.",
    "ID_ASC": "By compact id, A to Z.",
    "ID_DESC": "By compact id, Z to A.",
}


class Order(graphene.Enum):
    """How a list is ordered."""

    LABEL_ASC = "label-asc"
    LABEL_DESC = "label-desc"
    ID_ASC = "id-asc"
    ID_DESC = "id-desc"

    description = t.value_descriptions(ORDER_DESCRIPTIONS)


class VacancyOrder(graphene.Enum):
    """How the vacancy list is ordered; by salary, vacancies without an amount come last."""

    LABEL_ASC = "label-asc"
    LABEL_DESC = "label-desc"
    ID_ASC = "id-asc"
    ID_DESC = "id-desc"
    SALARY_ASC = "salary-asc"
    SALARY_DESC = "salary-desc"

    description = t.value_descriptions(
        {
            **ORDER_DESCRIPTIONS,
            "SALARY_ASC": "By the salary floor (the ceiling when only that is stated), lowest "
            "first.",
            "SALARY_DESC": "By the salary ceiling (the floor when only that is stated), highest "
            "first.",
        }
    )


def matches_text(node: domain.Node, needle: str) -> bool:
    """Case-insensitive substring match on the Russian and English labels (and alt labels)."""
    haystacks = [node.label.ru or "", node.label.en or ""]
    if isinstance(node, domain.Skill):
        haystacks.extend(node.alt_labels)
    return any(needle in text.casefold() for text in haystacks)


def ordered(nodes: Iterable[N], order: str, lang: str) -> list[N]:
    """``nodes`` sorted by label (in ``lang``) or by id, ascending or descending."""
    field, _, direction = order.partition("-")
    if field == "id":
        key: Callable[[N], tuple[str, str]] = lambda n: (n.id, "")  # noqa: E731
    else:
        key = lambda n: (n.label.get(lang).casefold(), n.id)  # noqa: E731
    return sorted(nodes, key=key, reverse=direction == "desc")


def page(info: Info, nodes: Sequence[Any], args: dict[str, Any]) -> Page[Any]:
    """One page of ``nodes`` for the connection arguments in ``args``."""
    return paginate(
        nodes,
        first=args.get("first"),
        after=args.get("after"),
        last=args.get("last"),
        before=args.get("before"),
        max_page_size=context(info).max_page_size,
    )


def list_field(node: type[graphene.ObjectType], description: str, **filters: Any) -> graphene.Field:
    """A connection field with pagination, search, ordering and ``filters``."""
    return graphene.Field(
        graphene.NonNull(connection_type(node)),
        description=description,
        search=graphene.String(
            description="Only those whose Russian or English label contains this text "
            "(case-insensitive)."
        ),
        order_by=graphene.Argument(Order, default_value="label-asc", description="Ordering."),
        lang=t.lang_argument(),
        **connection_arguments(),
        **filters,
    )


def sorted_values(model: ReadModel, table: dict[str, N], order: str, lang: str) -> list[N]:
    """The values of ``table`` in ``order``, sorted once per model (lists ask repeatedly)."""
    key = (id(table), order, lang)
    found = model.orderings.get(key)
    if found is None:
        found = ordered(table.values(), order, lang)
        model.orderings[key] = found
    return found


def listing(
    info: Info, table: dict[str, N], args: dict[str, Any], keep: Callable[[N], bool] | None = None
) -> Page[N]:
    """Filter, search, order and paginate the values of ``table``."""
    order = lang_value(args.get("order_by") or "label-asc")
    nodes: Sequence[N] = sorted_values(
        context(info).model, table, order, lang_of(info, args.get("lang"))
    )
    needle = (args.get("search") or "").casefold()
    if needle:
        nodes = [n for n in nodes if matches_text(n, needle)]
    if keep is not None:
        nodes = [n for n in nodes if keep(n)]
    return page(info, nodes, args)


def lookup_field(node: type[graphene.ObjectType], kind: str) -> graphene.Field:
    """``<kind>(id: ID!)``: one entity by id; null with a ``NOT_FOUND`` error when unknown."""
    return graphene.Field(
        node,
        id=id_argument(kind),
        description=f"One {kind} by id or IRI; null with a NOT_FOUND error (located at this "
        "field) when no such entity exists.",
    )


def id_argument(kind: str) -> graphene.ID:
    """A required ``ID`` argument naming one ``kind`` by compact id or IRI."""
    return graphene.ID(required=True, description=f"The {kind}'s compact id or IRI.")


def by_id(kind: str) -> Callable[..., Any]:
    """Resolver for a lookup field over the entities of ``kind`` (see :data:`ids.KINDS`)."""

    def resolve(root: Any, info: Info, id: str) -> Any:
        model = context(info).model
        return ids.table(model, kind)[ids.require(model, id, kind)]

    return resolve


def have_argument() -> graphene.List:
    """``have``: the skills a person has."""
    return graphene.List(
        graphene.NonNull(graphene.ID),
        required=True,
        description="The skills the person has, by compact id or IRI; a skill also meets "
        "requirements for the skills broader than it and for those it is linked to by "
        "skos:exactMatch (see MatchLink). Ids that name no skill are left out and listed in "
        "the answer's `unknownSkills`.",
    )


def close_match_argument() -> graphene.Boolean:
    """``closeMatch``: whether skos:closeMatch links meet needs too."""
    return graphene.Boolean(
        default_value=False,
        description="Also count a skill linked by one skos:closeMatch (a similar concept, "
        "not the same one) as meeting a need.",
    )


def weights_argument() -> graphene.Argument:
    """``weights``: the weights of a match score."""
    return graphene.Argument(
        MatchWeightsInput, description="The weights of the score; left out: the defaults."
    )


def checks(info: Info) -> Any:
    """The check service, or an error when the server runs without one."""
    service = context(info).checks
    if service is None:
        raise InputError("consistency checks are not available on this server")
    return service


class AuditEntry(graphene.ObjectType):
    """One accepted write."""

    at = graphene.String(required=True, description="When (UTC, ISO 8601).")
    who = graphene.String(required=True, description="The token's name.")
    role = graphene.String(required=True, description="The token's role.")
    action = graphene.String(required=True, description="One of create, update, delete.")
    position = graphene.ID(required=True, description="The position's compact id.")
    file = graphene.String(required=True, description="The YAML file written.")
    before = graphene.String(description="The file's version before (null: none).")
    after = graphene.String(description="The file's version after (null: removed).")
    status = graphene.String(description="The description's status as written.")
    edition = graphene.String(description="The description's version (edition) as written.")

    @staticmethod
    def resolve_at(root: dict[str, Any], info: Info) -> str:
        return str(root["at"])


class Query(graphene.ObjectType):
    """Positions, duties and skills of the competency graph, and the questions about them."""

    node = graphene.Field(
        t.Node,
        id=graphene.ID(
            required=True, description="The compact id or IRI of any entity, rules included."
        ),
        description="Any entity by id or IRI (the Relay refetch field); null with a NOT_FOUND "
        "error when unknown.",
    )
    position = lookup_field(t.Position, "position")
    job_description = lookup_field(t.JobDescription, "job description")
    department = lookup_field(t.Department, "department")
    duty = lookup_field(t.Duty, "duty")
    function = lookup_field(t.GeneralisedFunction, "generalised function")
    right = lookup_field(t.Right, "right")
    responsibility = lookup_field(t.Responsibility, "responsibility")
    skill = lookup_field(t.Skill, "skill")
    requirement = lookup_field(t.Requirement, "requirement")
    vacancy = lookup_field(t.Vacancy, "vacancy")
    sector = lookup_field(t.Sector, "sector")
    legal_norm = lookup_field(t.LegalNorm, "legal norm or code")

    resolve_position = by_id("position")
    resolve_job_description = by_id("jd")
    resolve_department = by_id("department")
    resolve_duty = by_id("duty")
    resolve_function = by_id("function")
    resolve_right = by_id("right")
    resolve_responsibility = by_id("responsibility")
    resolve_skill = by_id("skill")
    resolve_requirement = by_id("requirement")
    resolve_vacancy = by_id("vacancy")
    resolve_sector = by_id("sector")
    resolve_legal_norm = by_id("norm")

    positions = list_field(
        t.Position,
        "Positions.",
        department=graphene.ID(description="Only positions in this department."),
        standard=graphene.Boolean(description="Only standard (true) or individual (false) ones."),
    )
    job_descriptions = list_field(
        t.JobDescription,
        "Job descriptions.",
        status=graphene.Argument(t.DocumentStatus, description="Only those with this status."),
    )
    departments = list_field(t.Department, "Departments.")
    duties = list_field(
        t.Duty,
        "Duties.",
        function=graphene.ID(description="Only duties of this generalised function."),
    )
    functions = list_field(t.GeneralisedFunction, "Generalised functions.")
    rights = list_field(t.Right, "Rights.")
    responsibilities = list_field(t.Responsibility, "Responsibilities.")
    skills = list_field(
        t.Skill,
        "Skills.",
        kind=graphene.Argument(t.SkillKind, description="Only skills of this kind."),
        narrower_than=graphene.ID(
            description="Only this skill and the skills narrower than it, transitively."
        ),
    )
    requirements = list_field(
        t.Requirement,
        "Candidate requirements of positions and vacancies.",
        necessity=graphene.Argument(t.Necessity, description="Only essential or optional ones."),
        kind=graphene.Argument(t.RequirementKind, description="Only requirements of this kind."),
    )
    vacancies = graphene.Field(
        graphene.NonNull(connection_type(t.Vacancy)),
        description="Vacancies.",
        search=graphene.String(description="Only those whose label contains this text."),
        order_by=graphene.Argument(
            VacancyOrder, default_value="label-asc", description="Ordering."
        ),
        lang=t.lang_argument(),
        sector=graphene.ID(description="Only vacancies of employers in this sector."),
        position=graphene.ID(description="Only vacancies for this position."),
        employment_type=graphene.Argument(
            t.EmploymentType, description="Only vacancies that offer this type of employment."
        ),
        salary_from=graphene.Float(
            description="Only vacancies whose stated salary range reaches at least this much."
        ),
        salary_to=graphene.Float(
            description="Only vacancies whose stated salary range starts at most at this much."
        ),
        **connection_arguments(),
    )
    sectors = list_field(t.Sector, "Employers' sectors.")
    legal_norms = list_field(t.LegalNorm, "Legal norms and codes.")

    search = graphene.Field(
        graphene.NonNull(connection_type(t.Node)),
        text=graphene.String(required=True, description="Text to find (case-insensitive)."),
        lang=t.lang_argument(),
        description="Entities of any type whose Russian or English label (or a skill's "
        "alternative label) contains `text`, ordered by type, then label in `lang`.",
        **connection_arguments(),
    )
    skills_supporting = graphene.List(
        graphene.NonNull(SkillSupportType),
        required=True,
        duty=id_argument("duty"),
        include_narrower=graphene.Boolean(
            default_value=True, description="Also list every narrower skill (transitively)."
        ),
        description="Skills that support a duty: the skills it declares and every skill "
        "narrower than one of them. Declared skills first.",
    )
    duties_supported_by = graphene.List(
        graphene.NonNull(DutySupportType),
        required=True,
        skill=id_argument("skill"),
        description="Duties a skill supports: those that declare it or a broader skill.",
    )
    coverage = graphene.Field(
        graphene.NonNull(CoverageType),
        position=id_argument("position"),
        close_match=close_match_argument(),
        description="The duties x required-skills matrix of a position, with gaps marked.",
    )
    skill_gap = graphene.Field(
        graphene.NonNull(SkillGapType),
        position=id_argument("position"),
        have=have_argument(),
        close_match=close_match_argument(),
        weights=weights_argument(),
        description="What a person with the skills `have` lacks for a position, each "
        "requirement met with the held skill and the link that met it.",
    )
    match_positions = graphene.List(
        graphene.NonNull(PositionMatchType),
        required=True,
        have=have_argument(),
        first=graphene.Int(description="At most this many (capped by the page-size cap)."),
        close_match=close_match_argument(),
        weights=weights_argument(),
        description="Positions ranked by fit to the skills `have`: those with at least one "
        "skill requirement the skills meet, best score first (then fewer essential gaps, "
        "then IRI); every score explained. An empty `have` matches nothing.",
    )
    check = graphene.Field(
        graphene.NonNull(CheckReport),
        position=graphene.ID(description="Check this position only; the whole graph if null."),
        lang=t.lang_argument(),
        rules=graphene.List(graphene.NonNull(graphene.String), description="Only these rules."),
        skip=graphene.List(graphene.NonNull(graphene.String), description="Skip these rules."),
        description="Run the consistency rules on one position or the whole graph.",
    )
    check_job_description = graphene.Field(
        graphene.NonNull(CheckReport),
        input=graphene.Argument(
            graphene.NonNull(job_description_input()),
            description="The job description: the fields of the YAML/JSON format "
            "(schema/job-description.schema.json) in camelCase; references to existing "
            "skills, duties, norms and positions by id or label; an existing duty, right, "
            "responsibility or requirement as {ref: ...}.",
        ),
        lang=t.lang_argument(),
        description="Check a job description that is not stored: it is checked together "
        "with the served graph, which is left unchanged. Errors in the input name the field.",
    )
    rules = graphene.List(
        graphene.NonNull(t.RuleType), required=True, description="The consistency rules."
    )
    audit_log = graphene.List(
        graphene.NonNull(AuditEntry),
        required=True,
        last=graphene.Int(default_value=20, description="How many of the latest entries."),
        description="The latest accepted writes, oldest first (role admin; `serve "
        "--audit-log FILE`).",
    )
    job_description_history = graphene.List(
        graphene.NonNull(t.Revision),
        required=True,
        position=id_argument("position"),
        description="Every accepted write of the position's job description file (serve "
        "--edits), oldest first: each edition and each signature, kept.",
    )
    job_description_diff = graphene.String(
        required=True,
        position=id_argument("position"),
        from_revision=graphene.Int(required=True, description="The older revision."),
        to_revision=graphene.Int(required=True, description="The newer revision."),
        description="The unified diff of two revisions of the position's job description "
        "file (YAML lines).",
    )
    job_description_version = graphene.String(
        position=id_argument("position"),
        description="The version of the position's job description file in the edits folder "
        "(`serve --edits DIR`), to pass as `expectedVersion` to `updateJobDescription`; null "
        "when none was written there.",
    )

    @staticmethod
    def resolve_node(root: Any, info: Info, id: str) -> Any:
        model = context(info).model
        iri = ids.resolve(model, id)
        for table in node_tables(model) if iri is not None else ():
            if iri in table:
                return table[iri]
        rule = find_rule(info, id)
        if rule is None:
            raise ids.unknown_id_of_any_kind(id)
        return rule

    @staticmethod
    def resolve_search(root: Any, info: Info, text: str, **args: Any) -> Page[domain.Node]:
        needle = text.strip().casefold()
        if not needle:
            raise InputError("text must not be empty")
        lang = lang_of(info, args.get("lang"))
        found: list[domain.Node] = []
        model = context(info).model
        for table in node_tables(model):
            found.extend(
                n for n in sorted_values(model, table, "label-asc", lang) if matches_text(n, needle)
            )
        return page(info, found, args)

    @staticmethod
    def resolve_positions(root: Any, info: Info, **args: Any) -> Page[domain.Position]:
        model = context(info).model
        department = args.get("department")
        dept = ids.require(model, department, "department") if department else None
        standard = args.get("standard")
        return listing(
            info,
            model.positions,
            args,
            lambda p: (
                (dept is None or p.department == dept)
                and (standard is None or p.standard == standard)
            ),
        )

    @staticmethod
    def resolve_job_descriptions(root: Any, info: Info, **args: Any) -> Page[domain.JobDescription]:
        status = lang_value(args["status"]) if args.get("status") is not None else None
        return listing(
            info,
            context(info).model.job_descriptions,
            args,
            lambda d: status is None or d.status == status,
        )

    @staticmethod
    def resolve_departments(root: Any, info: Info, **args: Any) -> Page[domain.Department]:
        return listing(info, context(info).model.departments, args)

    @staticmethod
    def resolve_duties(root: Any, info: Info, **args: Any) -> Page[domain.Duty]:
        model = context(info).model
        wanted = args.get("function")
        fn = ids.require(model, wanted, "function") if wanted else None
        return listing(info, model.duties, args, lambda d: fn is None or fn in d.functions)

    @staticmethod
    def resolve_functions(root: Any, info: Info, **args: Any) -> Page[domain.GeneralisedFunction]:
        return listing(info, context(info).model.functions, args)

    @staticmethod
    def resolve_rights(root: Any, info: Info, **args: Any) -> Page[domain.Right]:
        return listing(info, context(info).model.rights, args)

    @staticmethod
    def resolve_responsibilities(root: Any, info: Info, **args: Any) -> Page[domain.Responsibility]:
        return listing(info, context(info).model.responsibilities, args)

    @staticmethod
    def resolve_skills(root: Any, info: Info, **args: Any) -> Page[domain.Skill]:
        model = context(info).model
        kind = lang_value(args["kind"]) if args.get("kind") is not None else None
        below = args.get("narrower_than")
        within = model.descendants[ids.require(model, below, "skill")] if below else None
        return listing(
            info,
            model.skills,
            args,
            lambda s: (kind is None or s.kind == kind) and (within is None or s.iri in within),
        )

    @staticmethod
    def resolve_requirements(root: Any, info: Info, **args: Any) -> Page[domain.Requirement]:
        necessity = lang_value(args["necessity"]) if args.get("necessity") is not None else None
        kind = lang_value(args["kind"]) if args.get("kind") is not None else None
        return listing(
            info,
            context(info).model.requirements,
            args,
            lambda r: (
                (necessity is None or r.necessity == necessity) and (kind is None or r.kind == kind)
            ),
        )

    @staticmethod
    def resolve_vacancies(root: Any, info: Info, **args: Any) -> Page[domain.Vacancy]:
        model = context(info).model
        sector = ids.require(model, args["sector"], "sector") if args.get("sector") else None
        position = (
            ids.require(model, args["position"], "position") if args.get("position") else None
        )
        employment = (
            lang_value(args["employment_type"]) if args.get("employment_type") is not None else None
        )
        low, high = args.get("salary_from"), args.get("salary_to")
        if low is not None and high is not None and low > high:
            raise InputError(f"salaryFrom ({low:g}) is above salaryTo ({high:g})")

        def keep(v: domain.Vacancy) -> bool:
            if sector is not None and sector not in v.sectors:
                return False
            if position is not None and v.position != position:
                return False
            if employment is not None and employment not in v.employment_types:
                return False
            if low is None and high is None:
                return True
            return salary_overlaps(v.salary, low, high)

        order = lang_value(args.get("order_by") or "label-asc")
        if order.startswith("salary"):
            needle = (args.get("search") or "").casefold()
            found = [
                v
                for v in model.vacancies.values()
                if keep(v) and (not needle or matches_text(v, needle))
            ]
            return page(info, by_salary(found, descending=order.endswith("desc")), args)
        return listing(info, model.vacancies, args, keep)

    @staticmethod
    def resolve_sectors(root: Any, info: Info, **args: Any) -> Page[domain.Sector]:
        return listing(info, context(info).model.sectors, args)

    @staticmethod
    def resolve_legal_norms(root: Any, info: Info, **args: Any) -> Page[domain.LegalNorm]:
        return listing(info, context(info).model.legal_norms, args)

    @staticmethod
    def resolve_skills_supporting(
        root: Any, info: Info, duty: str, include_narrower: bool = True
    ) -> list[analysis.SkillSupport]:
        model = context(info).model
        iri = ids.require(model, duty, "duty")
        return analysis.skills_supporting(model, iri, include_narrower)

    @staticmethod
    def resolve_duties_supported_by(
        root: Any, info: Info, skill: str
    ) -> list[analysis.DutySupport]:
        model = context(info).model
        return analysis.duties_supported_by(model, ids.require(model, skill, "skill"))

    @staticmethod
    def resolve_coverage(
        root: Any, info: Info, position: str, close_match: bool = False
    ) -> analysis.Coverage:
        model = context(info).model
        return analysis.coverage(model, ids.require(model, position, "position"), close_match)

    @staticmethod
    def resolve_skill_gap(
        root: Any,
        info: Info,
        position: str,
        have: list[str],
        close_match: bool = False,
        weights: dict[str, float | None] | None = None,
    ) -> analysis.SkillGap:
        model = context(info).model
        iri = ids.require(model, position, "position")
        return analysis.skill_gap(model, iri, have, close_match, match_weights(weights))

    @staticmethod
    def resolve_match_positions(
        root: Any,
        info: Info,
        have: list[str],
        first: int | None = None,
        close_match: bool = False,
        weights: dict[str, float | None] | None = None,
    ) -> list[analysis.PositionMatch]:
        cap = context(info).max_page_size
        if first is not None and not 0 <= first <= cap:
            raise InputError(f"first must be between 0 and the page-size cap of {cap}")
        limit = cap if first is None else first
        chosen = match_weights(weights)
        return analysis.match_positions(context(info).model, have, limit, close_match, chosen)

    @staticmethod
    def resolve_check(
        root: Any,
        info: Info,
        position: str | None = None,
        lang: Any = None,
        rules: list[str] | None = None,
        skip: list[str] | None = None,
    ) -> Report:
        service = checks(info)
        chosen, skipped = tuple(rules or ()), tuple(skip or ())
        if position is None:
            return service.check_graph(lang_of(info, lang), chosen, skipped)  # type: ignore[no-any-return]
        model = context(info).model
        iri = ids.require(model, position, "position")
        return service.check_position(iri, lang_of(info, lang), chosen, skipped)  # type: ignore[no-any-return]

    @staticmethod
    def resolve_check_job_description(
        root: Any, info: Info, input: Any, lang: Any = None
    ) -> Report:
        data = to_job_description_data(input)
        return checks(info).check_job_description(data, lang_of(info, lang))  # type: ignore[no-any-return]

    @staticmethod
    def resolve_audit_log(root: Any, info: Info, last: int = 20) -> list[dict[str, Any]]:
        context(info).principal.require("admin", "auditLog")
        service = context(info).audit
        if service is None:
            raise InputError("this server keeps no audit log: start it with --audit-log FILE")
        if not 1 <= last <= context(info).max_page_size:
            raise InputError(f"last must be between 1 and {context(info).max_page_size}")
        return service.last(last)

    @staticmethod
    def resolve_job_description_history(
        root: Any, info: Info, position: str
    ) -> list[dict[str, Any]]:
        service = context(info).editor
        return service.history(position) if service is not None else []

    @staticmethod
    def resolve_job_description_diff(
        root: Any, info: Info, position: str, from_revision: int, to_revision: int
    ) -> str:
        service = context(info).editor
        if service is None:
            raise InputError("this server keeps no job description files: serve --edits DIR")
        return service.diff(position, from_revision, to_revision)

    @staticmethod
    def resolve_job_description_version(root: Any, info: Info, position: str) -> str | None:
        service = context(info).editor
        return service.version(position) if service is not None else None

    @staticmethod
    def resolve_rules(root: Any, info: Info) -> list[Any]:
        return checks(info).rule_catalogue()  # type: ignore[no-any-return]


def find_rule(info: Info, identifier: str) -> Rule | None:
    """The rule with this compact id (``rule:approval``) or IRI, when the server runs checks
    (rules are not in the read model: the check service holds the catalogue)."""
    service = context(info).checks
    if service is None:
        return None
    rules: list[Rule] = service.rule_catalogue()
    return next((r for r in rules if identifier in (r.iri, compact_id(r.iri))), None)


def node_tables(model: ReadModel) -> tuple[dict[str, Any], ...]:
    """Every table of entities the Node interface covers, in the order search lists them."""
    return (
        model.positions,
        model.job_descriptions,
        model.departments,
        model.duties,
        model.functions,
        model.rights,
        model.responsibilities,
        model.skills,
        model.requirements,
        model.vacancies,
        model.organizations,
        model.sectors,
        model.legal_norms,
        model.occupation_groups,
    )


def salary_overlaps(salary: domain.Salary | None, low: float | None, high: float | None) -> bool:
    """True when a stated salary range reaches ``low`` and starts at most at ``high``."""
    if salary is None or salary.by_agreement:
        return False
    bottom = salary.min_value if salary.min_value is not None else salary.max_value
    top = salary.max_value if salary.max_value is not None else salary.min_value
    if bottom is None or top is None:
        return False
    return (low is None or top >= low) and (high is None or bottom <= high)


def by_salary(vacancies: list[domain.Vacancy], descending: bool) -> list[domain.Vacancy]:
    """Vacancies by their salary floor (ceiling when descending); no amount last."""

    def amount(v: domain.Vacancy) -> float | None:
        s = v.salary
        if s is None or s.by_agreement:
            return None
        first, second = (s.max_value, s.min_value) if descending else (s.min_value, s.max_value)
        return first if first is not None else second

    with_amount = [v for v in vacancies if amount(v) is not None]
    without = sorted((v for v in vacancies if amount(v) is None), key=lambda v: v.id)
    sign = -1.0 if descending else 1.0  # equal amounts stay in id order either way
    with_amount.sort(key=lambda v: (sign * (amount(v) or 0.0), v.id))
    return with_amount + without


@cache
def build_schema() -> graphene.Schema:
    """The graphene schema (built once per process)."""
    return graphene.Schema(query=Query, mutation=Mutation, types=list(t.NODE_TYPES.values()))


def graphql_schema() -> GraphQLSchema:
    """The graphql-core schema behind :func:`build_schema`."""
    schema: GraphQLSchema = build_schema().graphql_schema
    return schema


def schema_sdl() -> str:
    """The schema in SDL, as committed in ``schema/schema.graphql``."""
    return str(build_schema()).rstrip() + "\n"
