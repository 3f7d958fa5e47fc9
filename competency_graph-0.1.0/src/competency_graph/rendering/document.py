"""The content of a job-description document, laid out once for every output format.

:func:`build_document` turns a position's job description in the read model into a
:class:`Document`: the "Approved" and "Agreed" blocks, the title, the four numbered sections
(general provisions, duties, rights, responsibility) and the familiarisation sheet, every text
already in the chosen language. Duties, rights, responsibilities and requirements keep the
author's order (the read model's, from cg:Clause numbers). The Markdown, HTML and DOCX writers
only lay it out, so the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from competency_graph.errors import InputError
from competency_graph.model.domain import Endorsement, JobDescription, Position, Requirement
from competency_graph.model.ids import require
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import CG
from competency_graph.rendering.phrases import check_language, format_date, format_years, phrase

#: the agreements in the order the seeds list them
AGREEMENT_ROLES = ("legal-service", "hr-department", "immediate-supervisor")
#: blank rows left on the familiarisation sheet for the next employees
BLANK_FAMILIARISATION_ROWS = 3
SIGNATURE_LINE = "________________"
#: requirement kinds in the order documents and postings list them
REQUIREMENT_ORDER = ("education", "experience", "skill", "attribute")


@dataclass(frozen=True)
class Signature:
    """One signature block: in which capacity, whose position, name, date (or blanks)."""

    role: str | None
    position: str
    name: str
    date: str

    @property
    def line(self) -> str:
        """The signature line with the decoding of the signature after it."""
        return f"{SIGNATURE_LINE} {self.name}".rstrip()


@dataclass(frozen=True)
class Clause:
    """A numbered clause (``2.3``) with an optional list under it."""

    number: str
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A numbered section: heading and clauses."""

    number: str
    heading: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Document:
    """A job description ready to lay out, in one language."""

    lang: str
    position_iri: str
    approved_heading: str
    approval: Signature
    agreed_heading: str
    agreements: tuple[Signature, ...]
    title: str
    subject: str
    meta: tuple[str, ...]
    sections: tuple[Section, ...]
    familiarisation_title: str
    familiarisation_intro: str
    familiarisation_header: tuple[str, ...]
    familiarisation_rows: tuple[tuple[str, ...], ...]


def job_description_for(model: ReadModel, position: Position) -> JobDescription:
    """The job description of ``position`` (the one in force first); error if it has none."""
    description = model.job_description_of(position.iri)
    if description is None:
        raise InputError(f"position {position.id!r} has no job description")
    return description


def build_document(model: ReadModel, position_iri: str, lang: str) -> Document:
    """Lay out the job description of the position ``position_iri`` in ``lang``."""
    check_language(lang)
    position = model.positions[require(model, position_iri, "position")]
    description = job_description_for(model, position)
    return _Layout(model, position, description, lang).document()


class _Layout:
    def __init__(
        self, model: ReadModel, position: Position, description: JobDescription, lang: str
    ) -> None:
        self.model = model
        self.position = position
        self.description = description
        self.lang = lang

    def label(self, iri: str | None) -> str:
        # a value the graph does not state is a blank to fill in by hand, as on a printed form
        return self.model.label(iri, self.lang) if iri else SIGNATURE_LINE

    def document(self) -> Document:
        lang = self.lang
        description = self.description
        meta = []
        if description.version:
            meta.append(phrase("version", lang, version=description.version))
        if description.status:
            meta.append(phrase("status", lang, status=self.label(str(CG[description.status]))))
        agreements = sorted(
            description.agreements,
            key=lambda e: (
                AGREEMENT_ROLES.index(e.role) if e.role in AGREEMENT_ROLES else len(AGREEMENT_ROLES)
            ),
        )
        return Document(
            lang=lang,
            position_iri=self.position.iri,
            approved_heading=phrase("approved", lang),
            approval=self.signature(description.approval),
            agreed_heading=phrase("agreed", lang),
            agreements=tuple(self.signature(e) for e in agreements),
            title=phrase("title", lang),
            subject=self.label(self.position.iri),
            meta=tuple(meta),
            sections=(
                self.general_provisions(),
                self.listed("2", "section.duties", description.duties),
                self.listed("3", "section.rights", description.rights),
                self.responsibility(),
            ),
            familiarisation_title=phrase("familiarisation.title", lang),
            familiarisation_intro=phrase("familiarisation.intro", lang),
            familiarisation_header=tuple(
                phrase(f"familiarisation.{column}", lang)
                for column in ("number", "name", "position", "date", "signature")
            ),
            familiarisation_rows=self.familiarisation_rows(),
        )

    def signature(self, endorsement: Endorsement | None) -> Signature:
        if endorsement is None:
            return Signature(None, "", "", format_date(None, self.lang))
        role = None
        if endorsement.role in AGREEMENT_ROLES:
            role = phrase(f"role.{endorsement.role}", self.lang)
        elif endorsement.role:  # a role the table does not know: its label in the ontology
            role = self.label(str(CG[endorsement.role]))
        return Signature(
            role=role,
            position=self.model.label(endorsement.signatory, self.lang),
            name=endorsement.signatory_name or "",
            date=format_date(endorsement.date, self.lang),
        )

    def general_provisions(self) -> Section:
        lang = self.lang
        description, position = self.description, self.position
        subject = self.label(position.iri)
        clauses = [
            phrase(
                "general.department",
                lang,
                position=subject,
                department=self.label(description.department or position.department),
            ),
            phrase(
                "general.supervisor",
                lang,
                supervisor=self.label(description.supervisor or position.reports_to),
            ),
            phrase(
                "general.appointment",
                lang,
                head=self.label(description.appointing_head or position.appointed_by),
            ),
            phrase(
                "general.substitute",
                lang,
                substitute=self.label(description.substitute or position.substitute),
            ),
        ]
        numbered = [Clause(f"1.{n}", text) for n, text in enumerate(clauses, start=1)]
        qualification, must_know = self.requirements()
        if qualification:
            numbered.append(
                Clause(
                    f"1.{len(numbered) + 1}",
                    phrase("general.qualification", lang),
                    tuple(qualification),
                )
            )
        if must_know:
            numbered.append(
                Clause(f"1.{len(numbered) + 1}", phrase("general.must_know", lang), must_know)
            )
        return Section("1", phrase("section.general", lang), tuple(numbered))

    def requirements(self) -> tuple[list[str], tuple[str, ...]]:
        """Qualification requirements, and what the employee must know (norms, knowledge),
        each list in the author's order."""
        found = [
            requirement
            for key in self.position.requirements
            if (requirement := self.model.requirements.get(key)) is not None
        ]
        qualification: list[str] = []
        knowledge: list[str] = []
        for requirement in found:
            described = describe_requirement(self.model, requirement, self.lang)
            text = f"{described} ({self.necessity(requirement)})"
            skill = self.model.skills.get(requirement.skill or "")
            if requirement.kind == "skill" and skill is not None and skill.kind == "knowledge":
                knowledge.append(text)
            else:
                qualification.append(text)
        norms = [self.model.label(norm, self.lang) for norm in self.position.must_know]
        return qualification, (*norms, *knowledge)

    def necessity(self, requirement: Requirement) -> str:
        return phrase(f"necessity.{requirement.necessity}", self.lang)

    def listed(self, number: str, heading: str, iris: tuple[str, ...]) -> Section:
        clauses = tuple(
            Clause(f"{number}.{n}", _sentence(self.label(iri)))
            for n, iri in enumerate(iris, start=1)
        )
        return Section(number, phrase(heading, self.lang), clauses)

    def responsibility(self) -> Section:
        lang = self.lang
        clauses = []
        for n, iri in enumerate(self.description.responsibilities, start=1):
            responsibility = self.model.responsibilities.get(iri)
            details: list[str] = []
            if responsibility is not None:
                if responsibility.liability_kind:
                    details.append(self.label(responsibility.liability_kind))
                if responsibility.limit:
                    details.append(self.label(responsibility.limit))
                if responsibility.sanctions:
                    ordered = sorted(responsibility.sanctions, key=_sanction_order)
                    sanctions = ", ".join(self.label(s) for s in ordered)
                    details.append(phrase("responsibility.sanctions", lang, sanctions=sanctions))
                basis = "; ".join(
                    legal_reference(self.model, n, lang) for n in responsibility.legal_basis
                )
                details.append(
                    phrase("responsibility.basis", lang, basis=basis)
                    if basis
                    else phrase("responsibility.no_basis", lang)
                )
            text = self.label(iri)
            if details:
                text += f" ({'; '.join(details)})"
            clauses.append(Clause(f"4.{n}", _sentence(text)))
        return Section("4", phrase("section.responsibility", lang), tuple(clauses))

    def familiarisation_rows(self) -> tuple[tuple[str, ...], ...]:
        rows = [
            (
                str(n),
                record.signatory_name or "",
                self.model.label(record.signatory, self.lang) if record.signatory else "",
                format_date(record.date, self.lang) if record.date else "",
                "",
            )
            for n, record in enumerate(self.description.familiarisations, start=1)
        ]
        start = len(rows) + 1
        rows.extend(
            (str(n), "", "", "", "") for n in range(start, start + BLANK_FAMILIARISATION_ROWS)
        )
        return tuple(rows)


def requirement_rank(requirement: Requirement) -> int:
    """Where a requirement goes in a job posting: education, experience, skills, then the rest
    (documents keep the author's order instead)."""
    kind = requirement.kind
    return REQUIREMENT_ORDER.index(kind) if kind in REQUIREMENT_ORDER else len(REQUIREMENT_ORDER)


def describe_requirement(model: ReadModel, requirement: Requirement, lang: str) -> str:
    """A candidate requirement in words ("MS Excel, level: confident user"), no necessity."""

    def label(iri: str) -> str:
        return model.label(iri, lang)

    own_label = requirement.label.get(lang)
    if requirement.kind == "education" and requirement.education_levels:
        levels = " / ".join(label(level) for level in requirement.education_levels)
        text = phrase("requirement.education", lang, levels=levels)
        field = requirement.education_field.get(lang)
        return f"{text}; {phrase('requirement.field', lang, field=field)}" if field else text
    if requirement.kind == "experience":
        area = requirement.experience_area.get(lang) or (
            label(requirement.skill) if requirement.skill else ""
        )
        if requirement.min_years is None:
            return phrase("requirement.experience_in", lang, area=area) if area else own_label
        if requirement.min_years == 0:
            text = phrase("requirement.no_experience", lang)
        else:
            text = phrase(
                "requirement.experience", lang, years=format_years(requirement.min_years, lang)
            )
        return f"{text}: {area}" if area else text
    if requirement.kind == "skill" and requirement.skill:
        text = label(requirement.skill)
        # a level given in Russian only is printed as it is in the English document too
        if level := requirement.level.get(lang):
            text += f", {phrase('requirement.level', lang, level=level)}"
        return text
    if requirement.kind == "attribute" and requirement.attribute:
        text = label(requirement.attribute)
        value = requirement.attribute_value.get(lang)
        return f"{text}: {value}" if value else text
    return own_label or requirement.source_text or requirement.id


def _sentence(text: str) -> str:
    """``text`` ending with a full stop unless it already ends with punctuation."""
    return text if not text or text[-1] in ".!?;:" else f"{text}."


def _sanction_order(iri: str) -> tuple[int, str]:
    """Milder sanctions first, as art. 192 lists them: remark, reprimand, dismissal."""
    mildest_first = (str(CG.remark), str(CG.reprimand), str(CG.dismissal))
    return (mildest_first.index(iri) if iri in mildest_first else len(mildest_first), iri)


def legal_reference(model: ReadModel, norm_iri: str, lang: str) -> str:
    """How a document cites a legal norm: "ТК РФ, ст. 192" (code's short name, article).

    In English, and for codes without a short name, the code's label stands for it; a norm
    that is no article of a code (a whole law) is cited by its label.
    """
    norm = model.legal_norms.get(norm_iri)
    if norm is None or not norm.article or not norm.code_id:
        return model.label(norm_iri, lang)
    code = model.legal_norms.get(norm.code_id)
    short = code.notation if code is not None and code.notation and lang == "ru" else None
    return f"{short or model.label(norm.code_id, lang)}, {phrase('article', lang)} {norm.article}"
