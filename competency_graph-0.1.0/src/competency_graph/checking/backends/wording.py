"""The wording evaluator (rule ``discriminatory-wording``): discriminatory phrasing in the
words of vacancies, job descriptions and positions, found by free-text screening.

Real postings arrive as text («девушка от 23 до 45 лет», "male, under 30"), which the
structured rules (``discrimination``, ``citizenship``) never read. This evaluator runs
:func:`~competency_graph.checking.screening.screen_graph` over the working graph and
reports, per owner (the vacancy, job description or position the words belong to) and
ground, one finding that quotes every phrasing with where it stands: the property, its
language, the character offsets. Its severity and legal sources are the ground's (an error
for a protected ground, a warning for citizenship).

Not via SHACL: a SPARQL regular expression knows neither Russian inflection («девушку»,
«девушек») nor word order, and the screener's exclusions keep lawful phrases out («опыт
работы от 1 года», «до 40 000 руб.»).

A ground the owner states as a structured requirement is left to the structured rules (one
finding per owner and restriction). A ground is not reported either where the owner cites a
norm that permits that restriction for a category of work its position is in (age 18 for a
cashier under art. 244, citizenship for access to state secrets), and, for an age, where the
words ask for no more than the norm's minimum age. Classifications (``cg:referenceData``:
ESCO's occupation descriptions) are not screened: they describe occupations, not postings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from competency_graph.checking.backends.evaluators import RuleFinding
from competency_graph.checking.backends.vocabulary import short
from competency_graph.checking.scope import PositionScope
from competency_graph.checking.screening import (
    SCREENED_TYPES,
    Screener,
    TextFinding,
    screened_subjects,
)
from competency_graph.checking.working import WorkingGraph
from competency_graph.model.domain import Text
from competency_graph.model.rules import Severity
from competency_graph.namespaces import CG

#: an owner's own statements and its position's: itself, a vacancy's cg:forPosition, a
#: description's cg:describes (VALUES ?owner binds the owners asked about)
_HOLDERS = """{ BIND (?owner AS ?holder) } UNION { ?owner cg:forPosition ?holder }
    UNION { ?owner cg:describes ?holder }"""
_PREFIXES = f"PREFIX cg: <{CG}>\nPREFIX rdf: <{RDF}>\nPREFIX dct: <{DCTERMS}>\n"

#: (owner, ground) pairs that a structured requirement of the owner (or of its position) states
_STRUCTURED = (
    _PREFIXES
    + f"""SELECT DISTINCT ?owner ?ground WHERE {{
    VALUES ?owner {{ #OWNERS# }}
    {_HOLDERS}
    ?holder cg:hasRequirement/cg:attribute ?ground .
}}"""
)
#: (owner, ground, minimum age) for each restriction a norm the owner cites permits for a
#: category of work its position is in; the norms an owner cites are the legal bases of its
#: own requirements and responsibilities and of its position's and the position's descriptions'
_PERMITTED = (
    _PREFIXES
    + f"""SELECT DISTINCT ?owner ?ground ?minimum WHERE {{
    VALUES ?owner {{ #OWNERS# }}
    {_HOLDERS}
    ?holder rdf:type cg:Position ; cg:inWorkCategory ?category .
    ?restriction cg:appliesToCategory ?category ; cg:permittedBy ?norm ;
        cg:restrictedAttribute ?ground .
    {{ ?owner (cg:hasRequirement|cg:establishesResponsibility) ?cited }}
    UNION {{ ?holder cg:hasRequirement ?cited }}
    UNION {{ ?description cg:describes ?holder ; cg:establishesResponsibility ?cited }}
    ?cited cg:legalBasis ?norm .
    OPTIONAL {{ ?restriction cg:minimumAge ?minimum }}
}}"""
)
#: the reference sources (cg:referenceData true) and how their entities are recognised
_REFERENCE = (
    _PREFIXES
    + """SELECT ?source ?prefix WHERE {
    ?source a cg:ContentSource ; cg:referenceData true .
    OPTIONAL { ?source cg:iriPrefix ?prefix }
}"""
)
_NUMBER = re.compile(r"\d+")
#: "of age", which is 18: «совершеннолетний», "adults only"
_ADULT = re.compile(r"совершеннолет|\badults?\b|\bof full age\b", re.IGNORECASE)
#: words that make an age phrase an upper limit («до 35 лет», "under 30"), which no norm
#: permits: only "N and over" is covered by a minimum age
_UPPER_LIMIT = re.compile(
    r"(?<![\w])(до|по|младше|under|below|up to|younger|max(imum)?)(?![\w])"
    r"|(?<!не )(?<!не\xa0)моложе|не старше|not older|no older|[-–—]\s*\d",
    re.IGNORECASE,
)


@dataclass
class _Judged:
    """What the structured rules judge, and what a cited norm permits, for some owners."""

    #: (owner, ground) a structured requirement of the owner or of its position states
    structured: set[tuple[Node, Node]]
    #: (owner, ground) -> the minimum ages of the restrictions permitted (None: no age limit)
    permitted: dict[tuple[Node, Node], list[int | None]]

    @classmethod
    def of(cls, evaluator: WordingEvaluator, owners: list[Node]) -> _Judged:
        """Read for ``owners`` in two queries."""
        structured = {(row["owner"], row["ground"]) for row in evaluator.rows(_STRUCTURED, owners)}
        permitted: dict[tuple[Node, Node], list[int | None]] = {}
        for row in evaluator.rows(_PERMITTED, owners):
            minimum = int(str(row["minimum"])) if row.get("minimum") is not None else None
            permitted.setdefault((row["owner"], row["ground"]), []).append(minimum)
        return cls(structured, permitted)

    def elsewhere(self, owner: Node, ground: Node, words: str) -> bool:
        """True when a structured requirement states the ground, or a cited norm permits it
        (for an age: as far as its minimum age)."""
        if (owner, ground) in self.structured:
            return True
        return any(
            minimum is None or _lower_limit_within(words, minimum)
            for minimum in self.permitted.get((owner, ground), ())
        )


class WordingEvaluator:
    """Screens the graph's texts once per check and groups the findings by owner and ground."""

    def __init__(self, working: WorkingGraph) -> None:
        self.working = working
        self._screener: Screener | None = None
        #: the whole graph's findings, screened once per checker
        self._whole: list[TextFinding] | None = None
        self.reference_prefixes: list[str] = []
        self.reference_sources: list[Node] = []
        for row in self.working.store.select(_REFERENCE):
            self.reference_sources.append(row["source"])
            if row.get("prefix") is not None:
                self.reference_prefixes.append(str(row["prefix"]))

    def findings(self, scope: PositionScope | None) -> Iterable[RuleFinding]:
        """One finding per owner and ground, quoting each phrasing found."""
        texts = self._texts(scope)
        owners = sorted({owner for text in texts for owner in text.owners}, key=str)
        judged = _Judged.of(self, owners)
        grouped: dict[tuple[Node, URIRef], list[TextFinding]] = {}
        for text in texts:
            for owner in text.owners:
                ground = text.finding.ground
                if not judged.elsewhere(owner, ground, text.finding.words):
                    grouped.setdefault((owner, ground), []).append(text)
        return [self._finding(owner, ground, texts) for (owner, ground), texts in grouped.items()]

    def _texts(self, scope: PositionScope | None) -> list[TextFinding]:
        if scope is None and self._whole is not None:
            return self._whole
        roots = self._roots(scope)
        if not roots:  # ESCO's occupations: not even the morphology dictionaries are loaded
            return []
        if self._screener is None:
            # the grounds and their norms as the checked graph defines them
            self._screener = Screener.load(ontology=self.working, known_grounds_only=True)
        texts = self._screener.screen_graph(self.working, roots)
        if scope is None:
            self._whole = texts
        return texts

    def rows(self, query: str, owners: list[Node]) -> list[dict[str, Node]]:
        """``query`` with its ``#OWNERS#`` bound to ``owners``."""
        if not owners:
            return []
        terms = " ".join(f"<{o}>" for o in owners if isinstance(o, URIRef))
        return self.working.store.select(query.replace("#OWNERS#", terms))

    def _roots(self, scope: PositionScope | None) -> list[Node]:
        if scope is None:
            candidates: Iterable[Node] = screened_subjects(self.working)
        else:
            kinds = {str(kind) for kind in SCREENED_TYPES}
            candidates = [n for n, held in scope.classes.items() if not kinds.isdisjoint(held)]
        return sorted((n for n in candidates if not self._reference_data(n)), key=str)

    def _reference_data(self, node: Node) -> bool:
        """True for an entity of a classification (ESCO), by its IRI or its dct:source."""
        if str(node).startswith(tuple(self.reference_prefixes)):
            return True
        return any(s in self.reference_sources for s in self.working.objects(node, DCTERMS.source))

    def _finding(self, owner: Node, ground: URIRef, texts: list[TextFinding]) -> RuleFinding:
        texts = sorted(
            texts,
            key=lambda t: (
                str(t.subject),
                str(t.predicate),
                t.value.language or "",
                t.finding.start,
            ),
        )
        quoted_en, quoted_ru = [], []
        for text in texts:
            where = _where(owner, text)
            span = f"{text.finding.start}–{text.finding.end}"
            quoted_en.append(f"«{text.finding.words}» ({where}, characters {span})")
            quoted_ru.append(f"«{text.finding.words}» ({where}, символы {span})")
        errors = any(t.finding.severity == "error" for t in texts)
        return RuleFinding(
            focus=owner,
            path=texts[0].predicate,
            value=ground,
            detail=Text(
                en="; ".join(dict.fromkeys(quoted_en)), ru="; ".join(dict.fromkeys(quoted_ru))
            ),
            severity=None if errors else Severity.WARNING,
            norms=tuple(str(n) for n in texts[0].finding.sources),
        )


def _where(owner: Node, text: TextFinding) -> str:
    """``cg:sourceText@ru`` or, for a part's words, ``duty:x, rdfs:label@ru``."""
    where = short(str(text.predicate))
    if text.value.language:
        where += f"@{text.value.language}"
    if text.subject != owner and isinstance(text.subject, URIRef):
        where = f"{short(str(text.subject))}, {where}"
    return where


def _lower_limit_within(words: str, minimum: int) -> bool:
    """True when ``words`` ask only for an age of at least some N no higher than ``minimum``
    («от 18 лет», "18+", "aged 18 and over"); an upper limit is never within a norm."""
    if _ADULT.search(words):
        return minimum >= 18
    numbers = [int(n) for n in _NUMBER.findall(words)]
    return len(numbers) == 1 and numbers[0] <= minimum and not _UPPER_LIMIT.search(words)
