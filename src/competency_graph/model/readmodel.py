"""The read model: every domain object of a graph, indexed once, answered from dicts.

rdflib SPARQL costs milliseconds per query, so resolvers never query the graph: a
:class:`ReadModel` is built once per loaded graph (a few ms per thousand triples) and
swapped whole on reload. It is immutable after :func:`build_read_model`, except for
:attr:`ReadModel.orderings`, a memo that only ever gains entries derived from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypedDict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node as RDFNode

from competency_graph.graph.index import TripleIndex
from competency_graph.graph.skills import covered_skills
from competency_graph.graph.stats import instances_of
from competency_graph.graph.stores import GraphStore
from competency_graph.model.domain import (
    Area,
    Department,
    Duty,
    DutyOmission,
    Endorsement,
    GeneralisedFunction,
    JobDescription,
    LegalNorm,
    OccupationGroup,
    Organization,
    Place,
    Position,
    Requirement,
    Responsibility,
    Right,
    Salary,
    Sector,
    Skill,
    Text,
    Vacancy,
)
from competency_graph.namespaces import CG, ORG, SCHEMA, compact_id

SKILL_KINDS: dict[URIRef, str] = {
    CG.Knowledge: "knowledge",
    CG.Competence: "competence",
    CG.Tool: "tool",
    CG.Language: "language",
    CG.Licence: "licence",
    CG.PersonalQuality: "personal-quality",
}
#: the kind of the skills of none of the kinds above (typed cg:Skill only)
PLAIN_SKILL_KIND = "skill"
#: the kind of an ESCO skill group (cg:SkillGroup) among the skills
SKILL_GROUP_KIND = "skill-group"
REQUIREMENT_KINDS: dict[URIRef, str] = {
    CG.EducationRequirement: "education",
    CG.ExperienceRequirement: "experience",
    CG.SkillRequirement: "skill",
    CG.AttributeRequirement: "attribute",
}
#: how several values of a multi-valued text (accepted education fields) are joined
FIELD_SEPARATOR = " / "
# the terms :meth:`_Builder.plain_skill_requirement` compares with, made once
_TYPE, _REQUIRED_SKILL, _NECESSITY = RDF.type, CG.requiredSkill, CG.necessity
_SKILL_REQUIREMENT, _OPTIONAL = CG.SkillRequirement, CG.optional
STATUS_NAMES = {CG.draft: "draft", CG.agreed: "agreed", CG.approved: "approved"}
STATUS_NAMES[CG["in-force"]] = "in-force"
#: the cg:EmploymentType values and their schema.org employmentType codes (skos:notation in
#: ontology/core.ttl, which a test holds equal to this), in schema.org's order
EMPLOYMENT_TYPES: dict[URIRef, str] = {
    CG["full-time"]: "FULL_TIME",
    CG["part-time"]: "PART_TIME",
    CG["contract-work"]: "CONTRACTOR",
    CG["temporary-work"]: "TEMPORARY",
    CG.internship: "INTERN",
    CG["volunteer-work"]: "VOLUNTEER",
    CG["per-diem-work"]: "PER_DIEM",
    CG["other-employment"]: "OTHER",
}
#: cg:JobLocationType values and their schema.org jobLocationType codes
JOB_LOCATION_TYPES: dict[URIRef, str] = {CG.telecommute: "TELECOMMUTE"}
#: appended to a vacancy's IRI, the key of an employer the graph gives as a blank node
EMPLOYER_KEY_SUFFIX = "#hiring-organization"
#: the one empty text every missing label, definition or field shares: ESCO's 124k requirement
#: nodes would otherwise carry 500k equal objects (memory, and unpickling the model cache)
NO_TEXT = Text()


class NodeFields(TypedDict):
    """The fields every :class:`~competency_graph.model.domain.Node` has."""

    iri: str
    id: str
    label: Text
    definition: Text


@dataclass
class ReadModel:
    """Indexes over one graph. Keys are IRIs (strings)."""

    triples: int = 0
    positions: dict[str, Position] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    job_descriptions: dict[str, JobDescription] = field(default_factory=dict)
    functions: dict[str, GeneralisedFunction] = field(default_factory=dict)
    duties: dict[str, Duty] = field(default_factory=dict)
    rights: dict[str, Right] = field(default_factory=dict)
    responsibilities: dict[str, Responsibility] = field(default_factory=dict)
    #: skills, and the skill groups above them (kind :data:`SKILL_GROUP_KIND`)
    skills: dict[str, Skill] = field(default_factory=dict)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    vacancies: dict[str, Vacancy] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    #: the employers of vacancies (schema:hiringOrganization), blank ones keyed as in Vacancy
    organizations: dict[str, Organization] = field(default_factory=dict)
    legal_norms: dict[str, LegalNorm] = field(default_factory=dict)
    labels: dict[str, Text] = field(default_factory=dict)  # any IRI -> label
    by_id: dict[str, str] = field(default_factory=dict)  # compact id -> IRI
    #: skill IRI -> itself and every broader skill, transitively (the skills it covers:
    #: :func:`~competency_graph.graph.skills.covered_skills`)
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    #: skill IRI -> itself and every narrower skill, transitively
    descendants: dict[str, frozenset[str]] = field(default_factory=dict)
    #: position IRI -> job description IRIs describing it (in force first)
    descriptions_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: skill IRI -> duties whose supporting skills include it or a broader one
    duties_by_skill: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: skill IRI -> skills whose skos:broader is it (one level down)
    narrower: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: department IRI -> positions in it (org:postIn)
    positions_by_department: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: position IRI -> vacancies for it
    vacancies_by_position: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: organisation key -> vacancies it posts
    vacancies_by_organization: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: duty IRI -> rights that facilitate it
    rights_by_duty: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: generalised function IRI -> its duties
    duties_by_function: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: memo of sorted table values for list queries: (table id, order, lang) -> values
    orderings: dict[tuple[int, str, str], list[Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: skill IRI -> (position IRI, requirement key) of every position requirement asking for it
    position_requirements_by_skill: dict[str, tuple[tuple[str, str], ...]] = field(
        default_factory=dict
    )

    #: position IRI -> (essential, optional) skill requirements, for positions with any
    skill_requirement_totals: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: the ISCO-08 groups of occupations (ESCO's occupation hierarchy above its occupations)
    occupation_groups: dict[str, OccupationGroup] = field(default_factory=dict)

    def label(self, iri: str | None, lang: str) -> str:
        """Label of any known IRI in ``lang`` (falling back), or the compact id."""
        if iri is None:
            return ""
        text = self.labels.get(iri)
        return (text.get(lang) if text else "") or compact_id(iri)

    def job_description_of(self, position_iri: str) -> JobDescription | None:
        """The job description of a position (the one in force, if several)."""
        found = self.descriptions_of.get(position_iri, ())
        return self.job_descriptions[found[0]] if found else None

    def required_skills(self, position_iri: str) -> dict[str, Requirement]:
        """Skill IRI -> the requirement of the position that asks for it."""
        position = self.positions.get(position_iri)
        result: dict[str, Requirement] = {}
        for key in position.requirements if position else ():
            requirement = self.requirements.get(key)
            if requirement is not None and requirement.skill is not None:
                result.setdefault(requirement.skill, requirement)
        return result

    def satisfies(self, have: str, need: str) -> bool:
        """True when having skill ``have`` meets a need for ``need`` (same or narrower)."""
        return need in self.ancestors.get(have, frozenset((have,)))


def build_read_model(graph: Graph) -> ReadModel:
    """Index every domain object in ``graph``."""
    builder = _Builder(graph)
    return builder.build()


def build_read_model_from_store(store: GraphStore, ontology: Graph | None = None) -> ReadModel:
    """Index every domain object of a store (on disk, in memory or a SPARQL endpoint),
    together with ``ontology`` (the shipped one, usually) when given.

    The store is read once, in bulk, into a :class:`~competency_graph.graph.index.TripleIndex`;
    the same builder as :func:`build_read_model` then runs over it, so both give the same
    answers for the same triples.
    """
    return build_read_model_from_index(TripleIndex.of(store, ontology))


def build_read_model_from_index(index: TripleIndex) -> ReadModel:
    """Index every domain object of triples already read into a :class:`TripleIndex`."""
    return _Builder(index.as_graph()).build()


def collect_read_model(graph: Graph) -> ReadModel:
    """The domain objects of ``graph`` without the indexes :func:`finish_read_model` adds:
    for a builder that adds objects of its own first (the ESCO import's, from its rows)."""
    return _Builder(graph).collect()


def finish_read_model(model: ReadModel, graph: Graph) -> ReadModel:
    """Add the indexes over ``model``'s tables (the skill closure, the reverse indexes, the
    labels of ``graph``'s vocabulary) to a model :func:`collect_read_model` began."""
    builder = _Builder(graph)
    builder.model = model
    builder.closure()
    builder.index()
    return model


class _Builder:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.model = ReadModel(triples=len(graph))

    # -- small readers -------------------------------------------------------
    def text(self, node: RDFNode, predicate: URIRef) -> Text:
        """The first value per language, in sorted order so that every run picks the same."""
        return text_of(
            (str(v), v.language) for v in self.g.objects(node, predicate) if isinstance(v, Literal)
        )

    def joined_text(self, node: RDFNode, predicate: URIRef) -> Text:
        """Every value per language, sorted and joined with :data:`FIELD_SEPARATOR`."""
        found: dict[str, list[str]] = {"ru": [], "en": []}
        for value in self.g.objects(node, predicate):
            if isinstance(value, Literal) and value.language in ("ru", "en", None):
                found[value.language or "en"].append(str(value))
        if not found["ru"] and not found["en"]:
            return NO_TEXT
        return Text(
            ru=FIELD_SEPARATOR.join(sorted(found["ru"])) or None,
            en=FIELD_SEPARATOR.join(sorted(found["en"])) or None,
        )

    def iris(self, node: RDFNode, predicate: URIRef) -> tuple[str, ...]:
        return tuple(
            sorted(str(o) for o in self.g.objects(node, predicate) if isinstance(o, URIRef))
        )

    def iri(self, node: RDFNode, predicate: URIRef) -> str | None:
        found = self.iris(node, predicate)
        return found[0] if found else None

    def literal(self, node: RDFNode, predicate: URIRef) -> Literal | None:
        for value in self.g.objects(node, predicate):
            if isinstance(value, Literal):
                return value
        return None

    def string(self, node: RDFNode, predicate: URIRef) -> str | None:
        value = self.literal(node, predicate)
        return str(value) if value is not None else None

    def language(self, node: RDFNode, predicate: URIRef) -> str | None:
        """The language tag of the literal :meth:`string` reads."""
        value = self.literal(node, predicate)
        return value.language if value is not None else None

    def number(self, node: RDFNode, predicate: URIRef) -> float | None:
        value = self.literal(node, predicate)
        if value is None:
            return None
        try:
            return float(value.toPython())
        except (TypeError, ValueError):
            return None

    def flag(self, node: RDFNode, predicate: URIRef) -> bool:
        value = self.literal(node, predicate)
        return bool(value is not None and value.toPython() is True)

    def moment(self, node: RDFNode, predicate: URIRef) -> datetime | None:
        value = self.literal(node, predicate)
        python = value.toPython() if value is not None else None
        if isinstance(python, datetime):
            return python
        if isinstance(python, date):
            return datetime(python.year, python.month, python.day)
        return None

    def node_fields(self, node: URIRef) -> NodeFields:
        iri = str(node)
        label = self.text(node, RDFS.label)
        self.model.labels[iri] = label
        self.model.by_id[compact_id(iri)] = iri
        return {
            "iri": iri,
            "id": compact_id(iri),
            "label": label,
            "definition": self.text(node, SKOS.definition),
        }

    def named(self, cls: URIRef) -> list[URIRef]:
        return sorted(n for n in instances_of(self.g, cls) if isinstance(n, URIRef))

    # -- builders ----------------------------------------------------------------
    def build(self) -> ReadModel:
        self.collect()
        self.closure()
        self.index()
        return self.model

    def collect(self) -> ReadModel:
        """Every domain object, without the indexes over them."""
        m = self.model
        for node in self.named(CG.Department):
            m.departments[str(node)] = Department(**self.node_fields(node))
        for node in self.named(CG.Sector):
            m.sectors[str(node)] = Sector(**self.node_fields(node))
        for node in self.named(CG.LegalNorm) + self.named(CG.LegalCode):
            m.legal_norms[str(node)] = LegalNorm(
                **self.node_fields(node),
                code_id=self.iri(node, CG.partOfCode),
                article=self.string(node, CG.article),
                summary=self.text(node, RDFS.comment),
                source_url=self.iri(node, DCTERMS.source),
                notation=self.string(node, SKOS.notation),
            )
        self.build_skills()
        for node in self.named(CG.GeneralisedFunction):
            m.functions[str(node)] = GeneralisedFunction(**self.node_fields(node))
        for node in self.named(CG.Duty):
            m.duties[str(node)] = Duty(
                **self.node_fields(node),
                functions=self.iris(node, CG.partOfFunction),
                supported_by=tuple(
                    sorted(
                        set(
                            self.iris(node, CG.supportedBy) + self.iris(node, CG.requiresCompetence)
                        )
                    )
                ),
                requires_competence=self.iris(node, CG.requiresCompetence),
            )
        for node in self.named(CG.Right):
            m.rights[str(node)] = Right(
                **self.node_fields(node),
                facilitates=self.iris(node, CG.facilitates),
            )
        for node in self.named(CG.Responsibility):
            m.responsibilities[str(node)] = Responsibility(
                **self.node_fields(node),
                liability_kind=self.iri(node, CG.liabilityKind),
                sanctions=self.iris(node, CG.sanction),
                legal_basis=self.iris(node, CG.legalBasis),
                limit=self.iri(node, CG.materialLiabilityLimit),
                written_agreement=self.flag(node, CG.writtenLiabilityAgreement),
            )
        for node in self.named(CG.OccupationGroup):
            m.occupation_groups[str(node)] = OccupationGroup(
                **self.node_fields(node),
                code=self.string(node, SKOS.notation),
                broader=self.iris(node, SKOS.broader),
            )
        for node in self.named(CG.Position):
            m.positions[str(node)] = Position(
                **self.node_fields(node),
                standard=(node, RDF.type, CG.StandardPosition) in self.g,
                department=self.iri(node, ORG.postIn),
                reports_to=self.iri(node, ORG.reportsTo),
                substitute=self.iri(node, CG.substitutedBy),
                appointed_by=self.iri(node, CG.appointedBy),
                specialises=self.iri(node, CG.specialises),
                next_steps=self.iris(node, CG.nextCareerStep),
                requirements=self.in_clause_order(node, self.requirement_keys(node)),
                is_head=self.flag(node, CG.isHeadOfOrganisation),
                esco_matches=self.iris(node, SKOS.exactMatch) + self.iris(node, SKOS.closeMatch),
                must_know=self.iris(node, CG.mustKnow),
                isco_group=self.isco_group(node),
            )
        for node in self.named(CG.JobDescription):
            m.job_descriptions[str(node)] = self.job_description(node)
        for node in self.named(CG.Vacancy):
            m.vacancies[str(node)] = self.vacancy(node)
        return m

    def isco_group(self, node: URIRef) -> str | None:
        """The nearest occupation group up ``node``'s skos:broader links (an ESCO occupation
        may sit under other occupations first), the first by IRI among equally near ones."""
        groups = self.model.occupation_groups
        seen: set[RDFNode] = {node}
        level: list[RDFNode] = [node]
        while level:
            wider = sorted(
                {w for n in level for w in self.g.objects(n, SKOS.broader) if w not in seen},
                key=str,
            )
            found = [str(w) for w in wider if str(w) in groups]
            if found:
                return found[0]
            seen.update(wider)
            level = wider
        return None

    def build_skills(self) -> None:
        m = self.model
        kinds = [*SKILL_KINDS.items(), (CG.Skill, PLAIN_SKILL_KIND)]
        kinds.append((CG.SkillGroup, SKILL_GROUP_KIND))
        # skills typed only as cg:Skill still belong to the hierarchy (the last kind but
        # one: named(cg:Skill) holds the instances of its subclasses, built by then)
        for cls, kind in kinds:
            for node in self.named(cls):
                if str(node) not in m.skills:
                    m.skills[str(node)] = Skill(
                        **self.node_fields(node),
                        kind=kind,
                        broader=self.iris(node, SKOS.broader),
                        alt_labels=tuple(
                            sorted(str(v) for v in self.g.objects(node, SKOS.altLabel))
                        ),
                        exact_match=self.iris(node, SKOS.exactMatch),
                        close_match=self.iris(node, SKOS.closeMatch),
                        reuse_level=self.string(node, CG.reuseLevel),
                    )

    def closure(self) -> None:
        """Each skill's ancestors and descendants (the skill groups included)."""
        m = self.model
        broader = {iri: skill.broader for iri, skill in m.skills.items()}
        for iri in m.skills:
            m.ancestors[iri] = frozenset(covered_skills(iri, broader))
        narrower: dict[str, set[str]] = defaultdict(set)
        for iri, ancestors in m.ancestors.items():
            for ancestor in ancestors:
                narrower[ancestor].add(iri)
        m.descendants = {iri: frozenset(narrower[iri]) for iri in m.skills}

    def requirement_keys(self, owner: RDFNode) -> tuple[str, ...]:
        keys = []
        nodes = list(self.g.objects(owner, CG.hasRequirement))
        blanks = sorted(
            (n for n in nodes if isinstance(n, BNode)),
            key=lambda n: (
                self.string(n, CG.sourceText) or "",
                str(self.text(n, RDFS.label)),
                # ties (one item quoted by several nodes) broken by content, not by chance
                sorted((str(p), str(o)) for p, o in self.g.predicate_objects(n)),
            ),
        )
        for named in sorted(n for n in nodes if isinstance(n, URIRef)):
            keys.append(self.requirement(named, str(named)))
        for index, blank in enumerate(blanks, start=1):
            keys.append(self.requirement(blank, f"{owner}#requirement-{index}"))
        return tuple(keys)

    def clause_numbers(self, owner: RDFNode) -> dict[str, int]:
        """Item IRI -> its number among ``owner``'s clauses (cg:hasClause), the author's order."""
        numbers: dict[str, int] = {}
        for clause in self.g.objects(owner, CG.hasClause):
            item = self.iri(clause, CG.clauseItem)
            number = self.literal(clause, CG.clauseNumber)
            value = number.toPython() if number is not None else None
            # a number that is no whole number leaves the item unnumbered, not the model broken
            if item is not None and isinstance(value, int) and not isinstance(value, bool):
                numbers[item] = min(value, numbers.get(item, value))
        return numbers

    def in_clause_order(self, owner: RDFNode, items: tuple[str, ...]) -> tuple[str, ...]:
        """``items`` in the author's order: numbered clauses by number, then the items with no
        number by label (Russian, else English), then IRI, so every language lists them alike."""
        numbers = self.clause_numbers(owner)
        if not numbers and len(items) < 2:
            return items

        def key(item: str) -> tuple[int, int, str, str]:
            number = numbers.get(item)
            unnumbered = number is None
            return (unnumbered, number or 0, "" if not unnumbered else self.sort_label(item), item)

        return tuple(sorted(items, key=key))

    def sort_label(self, iri: str) -> str:
        """The label an unnumbered item is sorted by; a requirement with none (an ESCO link)
        goes by the label of the skill it asks for."""
        text = self.model.labels.get(iri)
        requirement = self.model.requirements.get(iri)
        if (text is None or text is NO_TEXT) and requirement is not None and requirement.skill:
            text = self.model.labels.get(requirement.skill)
        return (text.ru or text.en or "").casefold() if text is not None else ""

    def requirement(self, node: RDFNode, key: str) -> str:
        if key in self.model.requirements:
            return key
        plain = self.plain_skill_requirement(node, key)
        if plain is not None:
            self.model.labels.setdefault(key, plain.label)
            if isinstance(node, URIRef):
                self.model.by_id[plain.id] = key
            self.model.requirements[key] = plain
            return key
        kind = next(
            (name for cls, name in REQUIREMENT_KINDS.items() if (node, RDF.type, cls) in self.g),
            "skill",
        )
        necessity = self.iri(node, CG.necessity)
        label = self.text(node, RDFS.label)
        self.model.labels.setdefault(key, label)
        if isinstance(node, URIRef):
            self.model.by_id[compact_id(key)] = key
        self.model.requirements[key] = Requirement(
            iri=key,
            id=compact_id(key),
            label=label,
            definition=self.text(node, SKOS.definition),
            kind=kind,
            necessity="optional" if necessity == str(CG.optional) else "essential",
            skill=self.iri(node, CG.requiredSkill) or self.iri(node, CG.experienceSkill),
            experience_skills=self.iris(node, CG.experienceSkill),
            level=self.text(node, CG.level),
            education_levels=self.iris(node, CG.educationLevel),
            education_field=self.joined_text(node, CG.educationField),
            min_years=self.number(node, CG.minYears),
            experience_area=self.text(node, CG.experienceArea),
            attribute=self.iri(node, CG.attribute),
            attribute_value=self.text(node, CG.attributeValue),
            source_text=self.string(node, CG.sourceText),
            source_language=self.language(node, CG.sourceText),
        )
        return key

    def plain_skill_requirement(self, node: RDFNode, key: str) -> Requirement | None:
        """The requirement when it states only its type, one skill and at most one necessity.

        Every ESCO occupation-skill link is such a node (124k of them); one read of its
        statements replaces the twenty lookups of the general case, with the same result.
        """
        skill: RDFNode | None = None
        necessity: RDFNode | None = None
        typed = False
        for predicate, value in self.g.predicate_objects(node):
            if predicate == _REQUIRED_SKILL and skill is None:
                skill = value
            elif predicate == _NECESSITY and necessity is None:
                necessity = value
            elif predicate == _TYPE and value == _SKILL_REQUIREMENT and not typed:
                typed = True
            else:  # anything else (or a second value): the general case
                return None
        if not typed or not isinstance(skill, URIRef):
            return None
        return Requirement(
            iri=key,
            id=compact_id(key),
            label=NO_TEXT,
            definition=NO_TEXT,
            kind="skill",
            necessity="optional" if necessity == _OPTIONAL else "essential",
            skill=str(skill),
            education_field=NO_TEXT,
            experience_area=NO_TEXT,
        )

    def endorsement(self, node: RDFNode, kind: str) -> Endorsement:
        role = self.iri(node, CG.agreementRole)
        return Endorsement(
            kind=kind,
            role=role.rsplit("#", 1)[-1] if role else None,
            signatory=self.iri(node, CG.signatory),
            signatory_name=self.string(node, CG.signatoryName),
            date=self.moment(node, CG.date),
        )

    def job_description(self, node: URIRef) -> JobDescription:
        provisions = self.g.value(node, CG.hasGeneralProvisions)
        approval = self.g.value(node, CG.approvedBy)
        status = self.iri(node, CG.status)

        def stated(predicate: URIRef) -> str | None:
            return self.iri(provisions, predicate) if provisions is not None else None

        return JobDescription(
            **self.node_fields(node),
            position=self.iri(node, CG.describes),
            status=STATUS_NAMES.get(URIRef(status)) if status else None,
            version=self.string(node, CG.version),
            department=stated(CG.statesDepartment),
            supervisor=stated(CG.statesSupervisor),
            appointing_head=stated(CG.statesAppointingHead),
            substitute=stated(CG.statesSubstitute),
            duties=self.in_clause_order(node, self.iris(node, CG.includesDuty)),
            rights=self.in_clause_order(node, self.iris(node, CG.grantsRight)),
            responsibilities=self.in_clause_order(
                node, self.iris(node, CG.establishesResponsibility)
            ),
            approval=self.endorsement(approval, "approval") if approval is not None else None,
            agreements=tuple(
                sorted(
                    (self.endorsement(n, "agreement") for n in self.g.objects(node, CG.agreedBy)),
                    key=lambda e: (e.role or "", e.signatory or ""),
                )
            ),
            familiarisations=tuple(
                sorted(
                    (
                        self.endorsement(n, "familiarisation")
                        for n in self.g.objects(node, CG.familiarisedBy)
                    ),
                    key=lambda e: (e.date or datetime.min, e.signatory_name or ""),
                )
            ),
            omissions=tuple(
                sorted(
                    (
                        DutyOmission(
                            duty=self.iri(n, CG.omittedDuty) or "",
                            reason=self.text(n, CG.reason),
                        )
                        for n in self.g.objects(node, CG.omitsStandardDuty)
                    ),
                    key=lambda o: o.duty,
                )
            ),
        )

    def vacancy(self, node: URIRef) -> Vacancy:
        amount = self.g.value(node, CG.salary)
        salary: Salary | None = None
        if amount is not None:
            salary = Salary(
                min_value=self.number(amount, SCHEMA.minValue),
                max_value=self.number(amount, SCHEMA.maxValue),
                currency=self.string(amount, SCHEMA.currency),
                period=self.string(amount, SCHEMA.unitText),
            )
        elif self.flag(node, CG.salaryByAgreement):
            salary = Salary(by_agreement=True)
        ordinal = self.literal(node, CG.seedOrdinal)
        return Vacancy(
            **self.node_fields(node),
            position=self.iri(node, CG.forPosition),
            requirements=self.requirement_keys(node),
            salary=salary,
            sectors=self.iris(node, CG.sector),
            hiring_organization=self.hiring_organization(node),
            employment_types=tuple(
                code
                for value, code in EMPLOYMENT_TYPES.items()
                if (node, CG.employmentType, value) in self.g
            ),
            source_text=self.string(node, CG.sourceText),
            source_language=self.language(node, CG.sourceText),
            ordinal=int(ordinal.toPython()) if ordinal is not None else None,
            source=self.iri(node, DCTERMS.source),
            date_posted=self.moment(node, SCHEMA.datePosted),
            valid_through=self.moment(node, SCHEMA.validThrough),
            locations=self.places(node),
            location_type=next(
                (
                    code
                    for value, code in JOB_LOCATION_TYPES.items()
                    if (node, CG.jobLocationType, value) in self.g
                ),
                None,
            ),
            applicant_locations=self.areas(node),
        )

    def places(self, vacancy: URIRef) -> tuple[Place, ...]:
        """The vacancy's workplaces (schema:jobLocation), each by its postal address."""
        found = []
        for node in self.g.objects(vacancy, SCHEMA.jobLocation):
            if isinstance(node, Literal):
                continue
            address = self.g.value(node, SCHEMA.address)
            if address is None or isinstance(address, Literal):
                address = node  # an address given on the place itself: read it there
            found.append(
                Place(
                    locality=self.text(address, SCHEMA.addressLocality),
                    region=self.text(address, SCHEMA.addressRegion),
                    country=self.string(address, SCHEMA.addressCountry),
                    iri=str(node) if isinstance(node, URIRef) else None,
                )
            )
        return tuple(sorted(found, key=_place_order))

    def areas(self, vacancy: URIRef) -> tuple[Area, ...]:
        """Where the candidate of a remote vacancy may work from, countries first."""
        found = []
        for node in self.g.objects(vacancy, SCHEMA.applicantLocationRequirements):
            if isinstance(node, Literal):
                continue
            kind = "Country" if (node, RDF.type, SCHEMA.Country) in self.g else "AdministrativeArea"
            found.append(
                Area(
                    name=self.text(node, RDFS.label),
                    kind=kind,
                    iri=str(node) if isinstance(node, URIRef) else None,
                )
            )
        return tuple(
            sorted(found, key=lambda a: (a.kind != "Country", a.name.en or "", a.name.ru or ""))
        )

    def hiring_organization(self, vacancy: URIRef) -> str | None:
        """The key of the vacancy's employer (indexed on the way), or None."""
        found = sorted(
            (
                n
                for n in self.g.objects(vacancy, SCHEMA.hiringOrganization)
                if not isinstance(n, Literal)
            ),
            # the property is functional: more than one value only from sloppy data
            key=lambda n: (isinstance(n, BNode), str(n)),
        )
        if not found:
            return None
        node = found[0]
        key = str(node) if isinstance(node, URIRef) else f"{vacancy}{EMPLOYER_KEY_SUFFIX}"
        if key not in self.model.organizations:
            if isinstance(node, URIRef):
                fields = self.node_fields(node)
            else:
                label = self.text(node, RDFS.label)
                self.model.labels.setdefault(key, label)
                fields = {
                    "iri": key,
                    "id": compact_id(key),
                    "label": label,
                    "definition": self.text(node, SKOS.definition),
                }
            self.model.organizations[key] = Organization(
                **fields,
                url=self.iri(node, SCHEMA.url),
                same_as=self.iris(node, SCHEMA.sameAs),
            )
        return key

    def index(self) -> None:
        m = self.model
        in_force_first: dict[str, list[JobDescription]] = defaultdict(list)
        for description in m.job_descriptions.values():
            if description.position:
                in_force_first[description.position].append(description)
        order = {"in-force": 0, "approved": 1, "agreed": 2, "draft": 3}
        m.descriptions_of = {
            position: tuple(
                d.iri for d in sorted(found, key=lambda d: (order.get(d.status or "", 4), d.iri))
            )
            for position, found in in_force_first.items()
        }
        supported: dict[str, set[str]] = defaultdict(set)
        for duty in m.duties.values():
            for skill in duty.supported_by:
                for narrower in m.descendants.get(skill, frozenset((skill,))):
                    supported[narrower].add(duty.iri)
        m.duties_by_skill = {skill: tuple(sorted(d)) for skill, d in supported.items()}
        m.narrower = _inverse((s.iri, s.broader) for s in m.skills.values())
        m.positions_by_department = _inverse(
            (p.iri, (p.department,) if p.department else ()) for p in m.positions.values()
        )
        m.vacancies_by_position = _inverse(
            (v.iri, (v.position,) if v.position else ()) for v in m.vacancies.values()
        )
        m.vacancies_by_organization = _inverse(
            (v.iri, (v.hiring_organization,) if v.hiring_organization else ())
            for v in m.vacancies.values()
        )
        m.rights_by_duty = _inverse((r.iri, r.facilitates) for r in m.rights.values())
        m.duties_by_function = _inverse((d.iri, d.functions) for d in m.duties.values())
        asking: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for position in m.positions.values():
            counts = {"essential": 0, "optional": 0}
            for key in position.requirements:
                requirement = m.requirements.get(key)
                if requirement is not None and requirement.skill is not None:
                    asking[requirement.skill].append((position.iri, key))
                    counts[requirement.necessity] += 1
            if counts["essential"] or counts["optional"]:
                m.skill_requirement_totals[position.iri] = (counts["essential"], counts["optional"])
        m.position_requirements_by_skill = {s: tuple(found) for s, found in asking.items()}
        for iri in (*m.labels,):
            m.by_id.setdefault(compact_id(iri), iri)
        # labels of vocabulary individuals (statuses, sanctions, attributes...) for messages
        for subject in set(self.g.subjects(RDFS.label, None)):
            if isinstance(subject, URIRef) and str(subject) not in m.labels:
                m.labels[str(subject)] = self.text(subject, RDFS.label)


def text_of(values: Iterable[tuple[str, str | None]]) -> Text:
    """The :class:`Text` of (value, language tag) pairs: the first value per language in
    sorted order (so every run picks the same), untagged values as English; :data:`NO_TEXT`
    for none."""
    first: dict[str, str] = {}
    for value, language in sorted(values, key=lambda pair: pair[0]):
        first.setdefault((language or "en").lower(), value)
    if not first:
        return NO_TEXT
    ru, en = first.pop("ru", None), first.pop("en", None)
    return Text(ru=ru, en=en, more=tuple(sorted(first.items())))


def _inverse(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[str, ...]]:
    """``{target: sorted sources}`` for (source, targets) pairs: a reverse index."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, targets in pairs:
        for target in targets:
            found[target].add(source)
    return {target: tuple(sorted(sources)) for target, sources in found.items()}


def _place_order(place: Place) -> tuple[str, ...]:
    """Places by country, region and locality (English first), the same on every run."""
    return (
        place.country or "",
        place.region.en or "",
        place.region.ru or "",
        place.locality.en or "",
        place.locality.ru or "",
        place.iri or "",
    )
