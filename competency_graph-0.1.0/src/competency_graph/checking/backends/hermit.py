"""The HermiT back end (rule owl-consistency): OWL reasoning with HermiT through owlready2,
the only module that imports owlready2.

owlready2 reads neither Turtle nor ``catalog-v001.xml``, so it is handed the merged graph
(imports already resolved by :mod:`competency_graph.graph.files`) as N-Triples in a temporary
file. HermiT runs in a JVM; a missing ``java`` is reported, not raised.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.datatypes import coerce
from competency_graph.namespaces import CG

#: above this many triples owl-consistency is not run: HermiT took 2 min 47 s and 1.7 GB
#: on ESCO with the ontology (736k triples); the shipped ontology has about 7k
REASONER_TRIPLE_LIMIT = 200_000


@dataclass(frozen=True)
class ReasonerResult:
    """What HermiT said about a graph."""

    consistent: bool
    unsatisfiable_classes: list[str] = field(default_factory=list)
    explanation: str = ""
    #: (entity IRI, why) for the contradictions found by :func:`explain_inconsistency`
    culprits: list[tuple[str, str]] = field(default_factory=list)
    #: the same in Russian
    culprits_ru: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    available: bool = True


_ANNOTATIONS = {
    RDFS.label,
    RDFS.comment,
    SKOS.definition,
    SKOS.altLabel,
    SKOS.prefLabel,
    SKOS.scopeNote,
    SKOS.notation,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.source,
    CG.sourceText,
    CG.message,
    CG.fixHint,
    CG.yamlFixHint,
    CG.sourcePrinciple,
    CG.reason,
}


class ReasonerUnavailable(RuntimeError):
    """Java is not on PATH, so HermiT cannot run."""


class ReasonerFailed(InputError):
    """HermiT (or the JVM, or owlready2 reading the export) stopped without an answer: an
    input or environment error, reported in one line (the CLI exits 2), never a traceback."""


#: the datatypes of the OWL 2 datatype map (OWL 2 Structural Specification, section 4): HermiT
#: refuses a data value of any other (xsd:date, xsd:gYear, xsd:duration...)
OWL2_DATATYPES = frozenset(
    {RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational, RDF.langString}
    | {
        XSD[name]
        for name in [
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    }
)


def java_available() -> bool:
    """True when a ``java`` executable is on PATH."""
    return shutil.which("java") is not None


def too_large(triples: int) -> str | None:
    """Why a graph of ``triples`` triples is not given to HermiT, or None when it can be."""
    if triples <= REASONER_TRIPLE_LIMIT:
        return None
    return (
        f"{triples:,} triples (skill closure included) is beyond what HermiT checks in "
        f"reasonable time (limit {REASONER_TRIPLE_LIMIT:,}; with ESCO it took almost 3 min "
        "and 1.7 GB); check the ontology and your files without the store to run it"
    )


def run_hermit(graph: Graph) -> ReasonerResult:
    """Check ``graph`` for consistency and unsatisfiable classes with HermiT.

    Raises :class:`ReasonerUnavailable` without Java.
    """
    if not java_available():
        raise ReasonerUnavailable("java is not on PATH; HermiT (owlready2) needs Java 11+")
    import owlready2  # the only place owlready2 is imported: it is slow to import

    started = time.perf_counter()
    try:
        return _run(owlready2, graph, started)
    except ReasonerFailed:
        raise
    except Exception as exc:  # a JVM crash or a refused export: one line, exit 2
        raise ReasonerFailed(
            f"owl-consistency: HermiT could not check the graph: {_first_line(exc)}"
        ) from None


def _run(owlready2: Any, graph: Graph, started: float) -> ReasonerResult:
    with tempfile.TemporaryDirectory(prefix="competency-graph-owl-") as folder:
        merged = Path(folder) / "merged.nt"
        reasoned_over(graph).serialize(destination=str(merged), format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(merged.as_uri()).load()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerResult(
                consistent=False,
                explanation=_hermit_explanation(exc)
                or "\n".join(text for _, text in explain_inconsistency(graph)),
                culprits=explain_inconsistency(graph),
                culprits_ru=explain_inconsistency(graph, "ru"),
                seconds=time.perf_counter() - started,
            )
        unsatisfiable = sorted(
            str(cls.iri) for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
        )
        world.close()
    return ReasonerResult(
        consistent=True,
        unsatisfiable_classes=unsatisfiable,
        seconds=time.perf_counter() - started,
    )


def reasoned_over(graph: Graph) -> Graph:
    """What HermiT is given: ``graph`` without its imports (already merged in: left in,
    owlready2 would try to download them), without labels, definitions and free-text quotes
    (they cannot make a graph inconsistent, and leaving them out halves what HermiT reads),
    and with only OWL 2 datatypes: an ``xsd:date`` becomes its midnight ``xsd:dateTime``, a
    value of another datatype outside OWL 2's map (an ``xsd:gYear`` in an ontology header) is
    left out, for HermiT would refuse the whole graph over it."""
    kept = Graph()
    for subject, predicate, value in graph:
        if predicate == OWL.imports or predicate in _ANNOTATIONS:
            continue
        if (
            isinstance(value, Literal)
            and value.datatype is not None
            and value.datatype not in OWL2_DATATYPES
        ):
            converted = coerce(value, XSD.dateTime) if value.datatype == XSD.date else None
            if converted is None:
                continue
            value = converted
        kept.add((subject, predicate, value))
    return kept


def _first_line(exc: Exception) -> str:
    """The line of an exception that says something: a Java exception's message, not
    owlready2's "Java error message is:" heading nor a stack frame."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("at ") and not line.endswith(":")]
    for line in lines:
        if "Exception" in line or "Error" in line:
            return line[:300]
    return (lines[0] if lines else type(exc).__name__)[:300]


def _hermit_explanation(exc: Exception) -> str:
    """HermiT's own words, trimmed to the lines that name entities."""
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:20])


#: the explanations, with <iri> where an entity is named (the checker puts its label there)
_WHY = {
    "en": {
        "both": "<{x}> is an instance of both <{a}> and <{b}>, which are disjoint",
        "range": "<{s}> has <{v}> as <{p}>, whose range is <{c}>, "
        "but <{v}> is a <{o}>, which is disjoint with <{c}>",
        "domain": "<{s}> has <{p}>, whose domain is <{c}>, "
        "but <{s}> is a <{o}>, which is disjoint with <{c}>",
        "functional": "<{s}> has several values for functional <{p}>: {values}",
    },
    "ru": {
        "both": "<{x}> одновременно относится к классам <{a}> и <{b}>, а они не пересекаются",
        "range": "у <{s}> свойство <{p}> указывает на <{v}>; значения <{p}> относятся к классу "
        "<{c}>, а <{v}> относится к классу <{o}>, который не пересекается с <{c}>",
        "domain": "у <{s}> есть свойство <{p}>, которое бывает только у класса <{c}>, "
        "а <{s}> относится к классу <{o}>, который не пересекается с <{c}>",
        "functional": "у <{s}> несколько значений функционального свойства <{p}>: {values}",
    },
}


def explain_inconsistency(graph: Graph, lang: str = "en") -> list[tuple[str, str]]:
    """Find the usual causes of an inconsistency that HermiT does not explain.

    HermiT through owlready2 says only *that* a graph is inconsistent. The mistakes an
    editor makes in practice are an individual typed with two disjoint classes (a skill
    that is both a tool and a language), a property pointing at the wrong kind of entity
    (a duty ``cg:supportedBy`` a position: the property's range makes the position a skill
    too), and a functional property with two different values; all are found here by
    walking the graph, giving (entity IRI, why) pairs. For a wrong pointer the entity is
    the one whose statement is wrong (the duty), so the report lands on its line.
    """
    found: list[tuple[str, str]] = []
    supers: dict[Node, set[Node]] = {}
    why = _WHY.get(lang, _WHY["en"])

    def ancestors(cls: Node) -> set[Node]:
        if cls not in supers:
            supers[cls] = {cls}
            for parent in graph.objects(cls, RDFS.subClassOf):
                supers[cls] |= ancestors(parent)
        return supers[cls]

    disjoint: set[frozenset[Node]] = {
        frozenset(pair) for pair in graph.subject_objects(OWL.disjointWith)
    }
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        disjoint |= {frozenset((a, b)) for a in members for b in members if a != b}
    # individual -> class -> how it got it: None when asserted, else (statement, "domain"/"range")
    typed: dict[Node, dict[Node, tuple[tuple[Node, Node, Node], str] | None]] = {}
    for individual, cls in graph.subject_objects(RDF.type):
        typed.setdefault(individual, {})[cls] = None
    for kind in ("domain", "range"):
        axiom = RDFS.domain if kind == "domain" else RDFS.range
        for prop, cls in graph.subject_objects(axiom):
            if not isinstance(cls, URIRef):
                continue  # unions and other class expressions are left to HermiT
            for subject, value in graph.subject_objects(prop):
                target = subject if kind == "domain" else value
                if isinstance(target, Literal):
                    continue
                typed.setdefault(target, {}).setdefault(cls, ((subject, prop, value), kind))
    for individual, classes in typed.items():
        origin: dict[Node, tuple[tuple[Node, Node, Node], str] | None] = {}
        for cls, how in classes.items():
            for ancestor in ancestors(cls):
                if ancestor not in origin or how is None:  # an asserted type explains best
                    origin[ancestor] = how
        for pair in sorted(disjoint, key=lambda p: sorted(str(c) for c in p)):
            if not pair <= origin.keys():
                continue
            first, second = sorted(pair, key=str)
            if origin[first] is None and origin[second] is None:
                found.append((str(individual), why["both"].format(x=individual, a=first, b=second)))
                continue
            inferred, other = (first, second) if origin[first] is not None else (second, first)
            (subject, prop, value), kind = origin[inferred]  # type: ignore[misc]
            found.append(
                (
                    str(subject),
                    why[kind].format(s=subject, p=prop, v=value, c=inferred, o=other),
                )
            )
    for prop in set(graph.subjects(RDF.type, OWL.FunctionalProperty)):
        values: dict[Node, set[Node]] = {}
        for subject, value in graph.subject_objects(prop):
            values.setdefault(subject, set()).add(value)
        for subject, held in values.items():
            literals = {v for v in held if isinstance(v, Literal)}
            if len(literals) > 1 or (held - literals and _all_different(graph, held - literals)):
                shown = ", ".join(sorted(str(v) for v in held))
                found.append(
                    (str(subject), why["functional"].format(s=subject, p=prop, values=shown))
                )
    return sorted(set(found))


def _all_different(graph: Graph, nodes: set[Node]) -> bool:
    """True when two of ``nodes`` are stated different (owl:differentFrom/AllDifferent)."""
    listed = list(nodes)
    for index, first in enumerate(listed):
        for second in listed[index + 1 :]:
            if (first, OWL.differentFrom, second) in graph or (
                second,
                OWL.differentFrom,
                first,
            ) in graph:
                return True
    for group in graph.subjects(RDF.type, OWL.AllDifferent):
        head = graph.value(group, OWL.distinctMembers)
        members = set(Collection(graph, head)) if head is not None else set()
        if len(members & nodes) > 1:
            return True
    return False
