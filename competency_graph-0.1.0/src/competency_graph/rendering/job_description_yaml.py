"""A position's job description written as a YAML file of the documented format.

The format is ``schema/job-description.schema.json``, the one
:mod:`competency_graph.importers.job_description` reads: what this module writes, that
module reads back into the same statements (:func:`~competency_graph.importers.revision.
description_subgraph`), so a shipped description can be exported, edited and loaded again
as its new edition. Each export is read back once to make sure: whatever the format cannot
hold (a second English label, a time zone on a date) is listed in
:attr:`ExportedDescription.lost`, never dropped in silence.

What the file defines itself and what it refers to follows the reader's naming: a duty,
right, responsibility or requirement whose IRI starts with the position's slug
(``duty:<slug>-<id>``) is written out in full with its ``id``; any other (``duty:find-clients``,
shared by seven descriptions) by its id, with its Russian label as the line's comment.
Items are listed in the read model's order, which is the author's order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node as RDFNode

from competency_graph.errors import InputError
from competency_graph.graph.files import new_graph
from competency_graph.importers.job_description import convert_job_description
from competency_graph.importers.revision import (
    description_subgraph,
    job_descriptions_of,
    own_prefix,
    slug_of,
)
from competency_graph.model.readmodel import ReadModel, build_read_model
from competency_graph.namespaces import CG, ID_BASE, ORG, compact_id

#: the reader's education levels, by the IRI they stand for
_EDUCATION_LEVELS = {
    str(CG["higher-education"]): "higher",
    str(CG["incomplete-higher-education"]): "incomplete-higher",
    str(CG["secondary-specialised-education"]): "secondary-specialised",
    str(CG["secondary-education"]): "secondary",
}
_LIMITS = {
    str(CG["average-monthly-earnings"]): "average-monthly-earnings",
    str(CG["full-liability"]): "full",
}
_ROLE_ORDER = ("legal-service", "hr-department", "immediate-supervisor")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?")


class Reference(str):
    """A reference written as an id; ``comment`` (the label it names) ends its line."""

    comment: str

    def __new__(cls, value: str, comment: str = "") -> Reference:
        reference = super().__new__(cls, value)
        reference.comment = comment
        return reference


@dataclass(frozen=True)
class ExportedDescription:
    """A job description as YAML: the text, the data it holds, and what the format lost.

    ``lost`` holds the description's statements that reading the file back does not give,
    ``added`` those it gives that the graph did not have (a default the reader fills in);
    both are empty for every shipped description.
    """

    position: str
    text: str
    data: dict[str, Any]
    lost: Graph
    added: Graph

    def notes(self) -> list[str]:
        """One line per kind of difference, for the user (empty when the file is faithful)."""
        notes = []
        for graph, what in ((self.lost, "does not keep"), (self.added, "adds")):
            if len(graph):
                shown = "; ".join(sorted(_statement(t) for t in graph)[:3])
                more = f" (and {len(graph) - 3} more)" if len(graph) > 3 else ""
                notes.append(
                    f"the YAML file of {compact_id(self.position)} {what} "
                    f"{len(graph)} statement{'s' if len(graph) > 1 else ''}: {shown}{more}"
                )
        return notes


def export_job_description(
    graph: Graph, position: str, model: ReadModel | None = None
) -> ExportedDescription:
    """The job description of ``position`` (an IRI) in ``graph`` as a YAML file.

    ``model`` is the read model of ``graph`` (built when not given). Raises
    :class:`InputError` when the position has no job description or no id the format can
    name (``position:<slug>``).
    """
    model = model if model is not None else build_read_model(graph)
    data = _without_default_labels(job_description_data(graph, position, model), model)
    read_back = convert_job_description(data, model, "<export>").graph
    before = to_isomorphic(description_subgraph(graph, URIRef(position)))
    after = to_isomorphic(description_subgraph(read_back, URIRef(position)))
    _, lost, added = graph_diff(before, after)
    return ExportedDescription(position, dump_job_description(data), data, lost, added)


def job_description_data(graph: Graph, position: str, model: ReadModel) -> dict[str, Any]:
    """The job description of ``position`` as the mapping the YAML file holds (see the
    module docstring for what is written out and what is referred to)."""
    return _Writer(graph, URIRef(position), model).document()


def _without_default_labels(data: dict[str, Any], model: ReadModel) -> dict[str, Any]:
    """``data`` without the title and requirement labels the reader makes up by itself: an
    edited skill or level then gets a label that says it, not the old one."""
    bare = dict(data)
    bare.pop("title", None)
    requirements = data.get("requirements", [])
    bare["requirements"] = [
        {k: v for k, v in item.items() if k != "label"} if isinstance(item, Mapping) else item
        for item in requirements
    ]
    made_up = convert_job_description(bare, model, "<export>").graph
    slug = data["position"]["id"]
    kept = dict(data)
    if _texts(data.get("title")) == set(made_up.objects(_own("job-description", slug), RDFS.label)):
        kept.pop("title", None)
    kept["requirements"] = []
    for n, item in enumerate(requirements):
        if isinstance(item, Mapping):
            own = _own("requirement", f"{slug}-{item.get('id') or n + 1}")
            if _texts(item.get("label")) == set(made_up.objects(own, RDFS.label)):
                item = {k: v for k, v in item.items() if k != "label"}
        kept["requirements"].append(item)
    return kept if kept["requirements"] else {k: v for k, v in kept.items() if k != "requirements"}


def _own(kind: str, slug: str) -> URIRef:
    return URIRef(f"{ID_BASE}{kind}/{slug}")


def _texts(text: Any) -> set[Literal]:
    """The literals a ``{ru, en}`` text becomes."""
    return {Literal(v, lang=k) for k, v in text.items()} if isinstance(text, Mapping) else set()


# -- from the graph to the mapping ------------------------------------------------------------


class _Writer:
    """Reads one position's description out of the graph; one instance per export."""

    def __init__(self, graph: Graph, position: URIRef, model: ReadModel) -> None:
        self.g = graph
        self.position = position
        self.model = model
        slug = slug_of(str(position))
        if slug is None:
            raise InputError(
                f"cannot export {compact_id(str(position))}: a YAML file names its position "
                "position:<slug>, and this IRI has no such form"
            )
        if str(position) not in model.positions:
            raise InputError(f"unknown position {compact_id(str(position))!r}")
        descriptions = job_descriptions_of(graph, position)
        if not descriptions:
            raise InputError(f"{compact_id(str(position))} has no job description to export")
        preferred = model.job_description_of(str(position))
        chosen = [d for d in descriptions if preferred is not None and str(d) == preferred.iri]
        self.jd: RDFNode = chosen[0] if chosen else descriptions[0]
        self.slug = slug

    # -- small readers -----------------------------------------------------------------------
    def ref(self, node: RDFNode | None) -> Reference | None:
        """An entity as its id, with its label (Russian, else English) as the comment."""
        if node is None:
            return None
        label = self.model.labels.get(str(node))
        return Reference(compact_id(str(node)), label.get("ru") if label else "")

    def refs(self, subject: RDFNode, predicate: URIRef) -> list[Reference]:
        found = sorted(self.g.objects(subject, predicate), key=str)
        return [reference for reference in map(self.ref, found) if reference is not None]

    def text(self, subject: RDFNode, predicate: URIRef) -> dict[str, str] | None:
        """``{ru, en}``: the first value in each language (as the read model takes it)."""
        found: dict[str, str] = {}
        for value in sorted(self.g.objects(subject, predicate), key=str):
            if isinstance(value, Literal) and value.language in ("ru", "en"):
                found.setdefault(value.language, str(value))
        return {lang: found[lang] for lang in ("ru", "en") if lang in found} or None

    def texts(self, subject: RDFNode, predicate: URIRef) -> Any:
        """A free text with several values: one ``{ru, en}`` when it is a pair, else a list
        of one-language texts (each value kept)."""
        values = [
            v
            for v in sorted(self.g.objects(subject, predicate), key=str)
            if isinstance(v, Literal) and v.language in ("ru", "en")
        ]
        languages = [v.language for v in values]
        if len(set(languages)) == len(languages):
            return self.text(subject, predicate)
        return [{str(v.language): str(v)} for v in values]

    def value(self, subject: RDFNode, predicate: URIRef) -> Any:
        """A ``level`` or ``value``: a plain literal as it is, a text as ``{ru, en}``."""
        plain = [
            v
            for v in self.g.objects(subject, predicate)
            if isinstance(v, Literal) and not v.language
        ]
        if plain:
            return str(plain[0])
        return self.text(subject, predicate)

    def local(self, node: RDFNode | None) -> str | None:
        """The local name of a term of the ontology (``cg:in-force`` -> ``in-force``)."""
        return str(node).rsplit("#", 1)[-1] if isinstance(node, URIRef) else None

    def in_order(self, items: Iterable[RDFNode], order: Sequence[str]) -> list[RDFNode]:
        """``items`` in the read model's ``order`` (the author's); others after, by IRI."""
        place = {iri: n for n, iri in enumerate(order)}
        return sorted(items, key=lambda item: (place.get(str(item), len(place)), str(item)))

    def own_id(self, item: RDFNode, kind: str, index: int) -> str | bool | None:
        """The item's ``id`` when the file defines it (None: its place in the list is its
        id), False when it is only referred to."""
        prefix = own_prefix(str(self.position), kind)
        if isinstance(item, BNode):
            return None
        if prefix is None or not str(item).startswith(prefix):
            return False
        local = str(item)[len(prefix) :]
        return None if local == str(index + 1) else local

    # -- the document ------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        g, jd = self.g, self.jd
        data: dict[str, Any] = {"position": self.position_block()}
        data["title"] = self.text(jd, RDFS.label)
        data["status"] = self.local(g.value(jd, CG.status))
        version = g.value(jd, CG.version)
        data["version"] = str(version) if version is not None else None
        description = self.model.job_descriptions.get(str(jd))
        position = self.model.positions[str(self.position)]
        sections = (
            ("requirements", self.position, CG.hasRequirement, position.requirements),
            ("duties", jd, CG.includesDuty, description.duties if description else ()),
            ("rights", jd, CG.grantsRight, description.rights if description else ()),
            (
                "responsibilities",
                jd,
                CG.establishesResponsibility,
                description.responsibilities if description else (),
            ),
        )
        for section, subject, predicate, order in sections:
            items = self.in_order(g.objects(subject, predicate), order)
            data[section] = [self.item(section, item, i) for i, item in enumerate(items)]
        data["omissions"] = self.omissions()
        data["agreements"] = [
            {"role": self.local(g.value(node, CG.agreementRole)), **self.signature(node)}
            for node in sorted(
                g.objects(jd, CG.agreedBy),
                key=lambda n: (_role_place(self.local(g.value(n, CG.agreementRole))), str(n)),
            )
        ]
        approval = g.value(jd, CG.approvedBy)
        data["approval"] = self.signature(approval) if approval is not None else None
        data["familiarisation"] = [
            self.signature(node, default_by=self.position)
            for node in sorted(g.objects(jd, CG.familiarisedBy), key=self.signed_on)
        ]
        pruned: dict[str, Any] = _pruned(data)
        return pruned

    def position_block(self) -> dict[str, Any]:
        p, g = self.position, self.g
        block: dict[str, Any] = {
            "id": self.slug,
            "label": self.text(p, RDFS.label),
            "definition": self.text(p, SKOS.definition),
        }
        for key, predicate in (
            ("department", ORG.postIn),
            ("reports_to", ORG.reportsTo),
            ("substitute", CG.substitutedBy),
            ("appointed_by", CG.appointedBy),
            ("specialises", CG.specialises),
        ):
            block[key] = self.ref(g.value(p, predicate))
        block["must_know"] = self.refs(p, CG.mustKnow)
        block["next_steps"] = self.refs(p, CG.nextCareerStep)
        return block

    def item(self, section: str, item: RDFNode, index: int) -> Any:
        kind = {
            "requirements": "requirement",
            "duties": "duty",
            "rights": "right",
            "responsibilities": "responsibility",
        }[section]
        own = self.own_id(item, kind, index)
        if own is False:
            return self.ref(item)
        fields: dict[str, Any] = {"id": own}
        fields.update(getattr(self, kind)(item))
        return fields

    def duty(self, d: RDFNode) -> dict[str, Any]:
        functions = self.refs(d, CG.partOfFunction)
        return {
            "label": self.text(d, RDFS.label),
            "definition": self.text(d, SKOS.definition),
            "supported_by": self.refs(d, CG.supportedBy),
            "requires": self.refs(d, CG.requiresCompetence),
            "function": functions[0] if len(functions) == 1 else functions,
            "source_text": self.texts(d, CG.sourceText),
        }

    def right(self, r: RDFNode) -> dict[str, Any]:
        return {"label": self.text(r, RDFS.label), "facilitates": self.refs(r, CG.facilitates)}

    def responsibility(self, r: RDFNode) -> dict[str, Any]:
        g = self.g
        kind = self.local(g.value(r, CG.liabilityKind))
        written = g.value(r, CG.writtenLiabilityAgreement)
        return {
            "label": self.text(r, RDFS.label),
            "kind": kind.removesuffix("-liability") if kind else None,
            "sanctions": sorted(str(self.local(s)) for s in g.objects(r, CG.sanction)),
            "legal_basis": self.refs(r, CG.legalBasis),
            "limit": _LIMITS.get(str(g.value(r, CG.materialLiabilityLimit))),
            "written_agreement": written.toPython() if isinstance(written, Literal) else None,
        }

    def requirement(self, r: RDFNode) -> dict[str, Any]:
        g = self.g
        fields: dict[str, Any] = {"label": self.text(r, RDFS.label)}
        classes = set(g.objects(r, RDF.type))
        if CG.EducationRequirement in classes:
            levels = [
                _EDUCATION_LEVELS[str(level)]
                for level in sorted(g.objects(r, CG.educationLevel), key=str)
                if str(level) in _EDUCATION_LEVELS
            ]
            fields["education"] = levels[0] if len(levels) == 1 else levels
            fields["field"] = self.texts(r, CG.educationField)
        elif CG.ExperienceRequirement in classes:
            years = g.value(r, CG.minYears)
            fields["experience"] = {
                "years": _number(years),
                "area": self.texts(r, CG.experienceArea),
                "skill": self.ref(g.value(r, CG.experienceSkill)),
            }
        elif CG.AttributeRequirement in classes:
            fields["attribute"] = self.local(g.value(r, CG.attribute))
            fields["value"] = self.value(r, CG.attributeValue)
        else:
            fields["skill"] = self.ref(g.value(r, CG.requiredSkill))
        fields["level"] = self.value(r, CG.level)
        necessity = self.local(g.value(r, CG.necessity))
        fields["necessity"] = "optional" if necessity == "optional" else None  # essential: default
        return fields

    def omissions(self) -> list[dict[str, Any]]:
        g = self.g
        nodes = sorted(g.objects(self.jd, CG.omitsStandardDuty), key=self.omitted)
        return [
            {"duty": self.ref(g.value(node, CG.omittedDuty)), "reason": self.texts(node, CG.reason)}
            for node in nodes
        ]

    def omitted(self, node: RDFNode) -> tuple[str, str]:
        reason = self.text(node, CG.reason) or {}
        return (str(self.g.value(node, CG.omittedDuty)), json.dumps(reason, sort_keys=True))

    def signature(self, node: RDFNode, default_by: URIRef | None = None) -> dict[str, Any]:
        g = self.g
        by = g.value(node, CG.signatory)
        name = g.value(node, CG.signatoryName)
        return {
            "by": None if by is not None and by == default_by else self.ref(by),
            "name": str(name) if name is not None else None,
            "date": _date(g.value(node, CG.date)),
        }

    def signed_on(self, node: RDFNode) -> tuple[str, str]:
        return (str(self.g.value(node, CG.date) or ""), str(self.g.value(node, CG.signatoryName)))


def _role_place(role: str | None) -> int:
    return _ROLE_ORDER.index(role) if role in _ROLE_ORDER else len(_ROLE_ORDER)


def _number(value: RDFNode | None) -> int | float | None:
    """``1.0`` -> 1, ``1.5`` -> 1.5: years as a person writes them."""
    if not isinstance(value, Literal):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _date(value: RDFNode | None) -> str | None:
    """``2026-01-12T00:00:00`` -> ``2026-01-12``; a time is kept to the minute (or second)."""
    if not isinstance(value, Literal):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def _pruned(value: Any) -> Any:
    """``value`` without the fields that are None or empty (the file leaves them out)."""
    if isinstance(value, Reference):
        return value
    if isinstance(value, Mapping):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _statement(triple: tuple[RDFNode, RDFNode, RDFNode]) -> str:
    """A statement for a note: ids compact, the vocabulary prefixed, a blank node ``[]``."""
    names = _NAMES.namespace_manager
    return " ".join(
        "[]"
        if isinstance(t, BNode)
        else compact_id(str(t))
        if isinstance(t, URIRef) and compact_id(str(t)) != str(t)
        else t.n3(names)
        for t in triple
    )


#: the project's prefixes, for statements in notes
_NAMES = new_graph()


# -- from the mapping to YAML text ------------------------------------------------------------


def dump_job_description(data: Mapping[str, Any]) -> str:
    """The YAML text of a job description mapping: block style, fields in the schema's
    order, each reference followed by the label it names as a comment."""
    position = data.get("position", {})
    name = f"position:{position.get('id', '')}"
    label = " ".join(str(position.get("label", {}).get("ru", "")).split())
    edition = f", edition {data['version']}" if data.get("version") else ""
    lines = [
        f"# Job description of {name} ({label}){edition}.",
        "# Format: schema/job-description.schema.json (references: an id, with its label after #).",
        "# Loaded with the ontology, this file replaces the position's job description: give",
        "# the new edition its version and status, and check it: competency-graph check FILE",
    ]
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: Mapping[str, Any], indent: int, lines: list[str], lead: str = "") -> None:
    for n, (key, value) in enumerate(data.items()):
        start = lead if n == 0 and lead else " " * indent
        if isinstance(value, Mapping):
            lines.append(f"{start}{key}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list) and all(_is_word(v) for v in value):
            lines.append(f"{start}{key}: [{', '.join(value)}]")  # sanctions: [remark, reprimand]
        elif isinstance(value, list):
            lines.append(f"{start}{key}:")
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{start}{key}: {_scalar(value)}{_comment(value)}")


def _sequence(items: Sequence[Any], indent: int, lines: list[str]) -> None:
    for item in items:
        if isinstance(item, Mapping):
            _mapping(item, indent + 2, lines, lead=" " * indent + "- ")
        else:
            lines.append(f"{' ' * indent}- {_scalar(item)}{_comment(item)}")


def _is_word(value: Any) -> bool:
    """A value of a list of choices (``remark``, ``higher``): written in one line."""
    return (
        isinstance(value, str)
        and not isinstance(value, Reference)
        and re.fullmatch(r"[a-z][a-z0-9-]*", value) is not None
    )


def _scalar(value: Any) -> str:
    """A value as YAML: plain where the reader reads it back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _DATE.fullmatch(text):  # the reader keeps dates as text, checked by the schema
        return text
    dumped = yaml.safe_dump({"k": text}, allow_unicode=True, width=2**31, sort_keys=False)
    if dumped == f"k: {text}\n":
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _comment(value: Any) -> str:
    comment = getattr(value, "comment", "")
    return f"  # {' '.join(comment.split())}" if comment else ""


__all__ = [
    "ExportedDescription",
    "Reference",
    "dump_job_description",
    "export_job_description",
    "job_description_data",
]
