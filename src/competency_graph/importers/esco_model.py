"""The read model of an ESCO import, built from the rows it read instead of the store.

Reading 730k triples back out of the store into Python terms took most of the 18 s the
read model of ESCO took to build; the import has every row in hand already
(:class:`~competency_graph.importers.esco.Classification`). :func:`esco_read_model` makes
the same domain objects from them that the read-model builder makes from the store's
triples (:func:`~competency_graph.model.readmodel.build_read_model_from_index`: the tests
hold the two equal), adds the ontology's, and finishes the indexes with the builder's own
code. When the ontology itself says something about an ESCO concept, the two would have
to be merged triple by triple: then it answers None and the caller reads the store back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph
from rdflib.namespace import SKOS

from competency_graph.importers.esco import (
    ALT_LABEL,
    DEFINITION,
    LABEL,
    REQUIREMENT_PREFIX,
    Classification,
    Concept,
    slug_of,
)
from competency_graph.model.domain import OccupationGroup, Position, Requirement, Skill, Text
from competency_graph.model.readmodel import (
    NO_TEXT,
    PLAIN_SKILL_KIND,
    SKILL_GROUP_KIND,
    SKILL_KINDS,
    NodeFields,
    ReadModel,
    collect_read_model,
    finish_read_model,
    text_of,
)
from competency_graph.namespaces import CG, compact_id

_KINDS = {str(cls): kind for cls, kind in SKILL_KINDS.items()}
_KINDS[str(CG.Skill)] = PLAIN_SKILL_KIND
_KINDS[str(CG.SkillGroup)] = SKILL_GROUP_KIND
#: the order the builder makes skills in (by class, then IRI)
_KIND_ORDER = {kind: index for index, kind in enumerate(_KINDS.values())}
_POSITION, _GROUP = str(CG.Position), str(CG.OccupationGroup)
_OPTIONAL = str(CG.optional)
_EXACT, _CLOSE = str(SKOS.exactMatch), str(SKOS.closeMatch)


def esco_read_model(found: Classification, ontology: Graph, store_triples: int) -> ReadModel | None:
    """The read model of the ontology and the store an import of ``found`` wrote (holding
    ``store_triples``); None when the ontology describes an ESCO concept itself."""
    if _overlaps(found, ontology):
        return None
    model = collect_read_model(ontology)
    model.triples = len(ontology) + store_triples
    _Rows(found, model).add()
    return finish_read_model(model, ontology)


def _overlaps(found: Classification, ontology: Graph) -> bool:
    subjects = {str(s) for s in ontology.subjects()}
    if any(iri in subjects for iri in found.concepts):
        return True
    if any(occupation in subjects for occupation, _, _ in found.links):
        return True
    return any(subject.startswith(REQUIREMENT_PREFIX) for subject in subjects)


class _Rows:
    def __init__(self, found: Classification, model: ReadModel) -> None:
        self.found = found
        self.model = model
        self.broader: dict[str, list[str]] = defaultdict(list)
        for narrower, wider in found.broader:
            self.broader[narrower].append(wider)
        self.sort_labels: dict[str, str] = {}
        self.matches: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for iri, pairs in found.matches.items():
            for predicate, ours in pairs:
                self.matches[iri][predicate].append(ours)

    def add(self) -> None:
        concepts = self.found.concepts.values()
        skills = [c for c in concepts if c.cls in _KINDS]
        m = self.model
        for concept in skills:
            m.skills[concept.iri] = self.skill(concept)
        m.skills = dict(
            sorted(m.skills.items(), key=lambda item: (_KIND_ORDER[item[1].kind], item[0]))
        )
        for concept in sorted((c for c in concepts if c.cls == _GROUP), key=_iri):
            m.occupation_groups[concept.iri] = OccupationGroup(
                **self.node_fields(concept),
                code=concept.code,
                broader=self.iris(concept.iri),
            )
        links = self.requirements()
        ontology_positions = m.positions
        m.positions = {}
        for concept in sorted((c for c in concepts if c.cls == _POSITION), key=_iri):
            m.positions[concept.iri] = self.position(concept, links.get(concept.iri, {}))
        m.positions.update(ontology_positions)
        m.positions = dict(sorted(m.positions.items()))

    # -- what the builder reads of a node ----------------------------------------------------
    def text(self, concept: Concept, predicate: str) -> Text:
        return text_of((value, lang) for p, value, lang in concept.texts if p == predicate)

    def node_fields(self, concept: Concept) -> NodeFields:
        iri = concept.iri
        label = self.text(concept, LABEL)
        self.model.labels[iri] = label
        self.model.by_id[compact_id(iri)] = iri
        return {
            "iri": iri,
            "id": compact_id(iri),
            "label": label,
            "definition": self.text(concept, DEFINITION),
        }

    def iris(self, iri: str) -> tuple[str, ...]:
        return tuple(sorted(set(self.broader.get(iri, ()))))

    def matched(self, iri: str, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(set(self.matches.get(iri, {}).get(predicate, ()))))

    # -- the objects -------------------------------------------------------------------------
    def skill(self, concept: Concept) -> Skill:
        return Skill(
            **self.node_fields(concept),
            kind=_KINDS[concept.cls],
            broader=self.iris(concept.iri),
            alt_labels=tuple(sorted({v for p, v, _ in concept.texts if p == ALT_LABEL})),
            exact_match=self.matched(concept.iri, _EXACT),
            close_match=self.matched(concept.iri, _CLOSE),
            reuse_level=concept.reuse_level or None,
        )

    def requirements(self) -> dict[str, dict[str, Requirement]]:
        """Occupation IRI -> requirement key -> requirement, for every link (a link given
        twice is one requirement, essential if either says so)."""
        found: dict[str, dict[str, Requirement]] = defaultdict(dict)
        slugs: dict[str, str] = {}
        prefix = REQUIREMENT_PREFIX
        id_prefix = compact_id(prefix + "x")[:-1]
        # the fields every requirement of a link shares; 124k dataclass __init__ calls would
        # take three times as long as filling each one's __dict__ from them
        shared = vars(_plain_requirement("", "", "essential", ""))
        new = object.__new__
        for occupation, skill, necessity in self.found.links:
            slug = f"{_slug(occupation, slugs)}-{_slug(skill, slugs)}"
            key = prefix + slug
            known = found[occupation].get(key)
            if known is not None and (known.necessity == "essential" or necessity == _OPTIONAL):
                continue
            requirement = new(Requirement)
            vars(requirement).update(
                shared,
                iri=key,
                id=id_prefix + slug,
                necessity="optional" if necessity == _OPTIONAL else "essential",
                skill=skill,
            )
            found[occupation][key] = requirement
        return found

    def position(self, concept: Concept, requirements: dict[str, Requirement]) -> Position:
        m = self.model
        for key in sorted(requirements):
            requirement = m.requirements.setdefault(key, requirements[key])
            m.labels.setdefault(key, NO_TEXT)
            m.by_id[requirement.id] = key
        keys = sorted(requirements)
        if len(keys) > 1:  # the builder's order of unnumbered items: by label, then IRI
            keys.sort(key=lambda key: (self.sort_label(requirements[key].skill), key))
        return Position(
            **self.node_fields(concept),
            requirements=tuple(keys),
            esco_matches=self.matched(concept.iri, _EXACT) + self.matched(concept.iri, _CLOSE),
            isco_group=self.isco_group(concept.iri),
        )

    def sort_label(self, skill: str | None) -> str:
        found = self.sort_labels.get(skill or "")
        if found is None:
            text = self.model.labels.get(skill or "")
            found = (text.ru or text.en or "").casefold() if text is not None else ""
            self.sort_labels[skill or ""] = found
        return found

    def isco_group(self, iri: str) -> str | None:
        """The nearest occupation group up the broader links (as the builder finds it)."""
        groups = self.model.occupation_groups
        seen = {iri}
        level: Iterable[str] = [iri]
        while level:
            wider = sorted({w for n in level for w in self.broader.get(n, ()) if w not in seen})
            found = [w for w in wider if w in groups]
            if found:
                return found[0]
            seen.update(wider)
            level = wider
        return None


def _iri(concept: Concept) -> str:
    return concept.iri


def _slug(iri: str, known: dict[str, str]) -> str:
    """:func:`~competency_graph.importers.esco.slug_of`, remembered in ``known``."""
    found = known.get(iri)
    if found is None:
        found = known[iri] = slug_of(iri)
    return found


def _plain_requirement(key: str, skill: str, necessity: str, id_: str) -> Requirement:
    """A requirement that states its skill and necessity only (an ESCO link), as the
    read-model builder makes one."""
    return Requirement(
        iri=key,
        id=id_,
        label=NO_TEXT,
        definition=NO_TEXT,
        kind="skill",
        necessity=necessity,
        skill=skill,
        education_field=NO_TEXT,
        experience_area=NO_TEXT,
    )
