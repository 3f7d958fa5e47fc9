"""OWL reasoning with HermiT through owlready2: the only module that imports owlready2.

owlready2 reads neither Turtle nor ``catalog-v001.xml``, so it is handed the merged graph
(imports already resolved by :mod:`competency_graph.loading`) as N-Triples in a temporary
file. HermiT runs in a JVM; a missing ``java`` is reported, not raised.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from competency_graph.namespaces import CG


@dataclass(frozen=True)
class ReasonerResult:
    """What HermiT said about a graph."""

    consistent: bool
    unsatisfiable_classes: list[str] = field(default_factory=list)
    explanation: str = ""
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
    CG.sourcePrinciple,
    CG.reason,
}


class ReasonerUnavailable(RuntimeError):
    """Java is not on PATH, so HermiT cannot run."""


def java_available() -> bool:
    """True when a ``java`` executable is on PATH."""
    return shutil.which("java") is not None


def run_hermit(graph: Graph) -> ReasonerResult:
    """Check ``graph`` for consistency and unsatisfiable classes with HermiT.

    Raises :class:`ReasonerUnavailable` without Java.
    """
    if not java_available():
        raise ReasonerUnavailable("java is not on PATH; HermiT (owlready2) needs Java 11+")
    import owlready2  # the only place owlready2 is imported: it is slow to import

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="competency-graph-owl-") as folder:
        merged = Path(folder) / "merged.nt"
        # imports are already merged in (left in, owlready2 would try to download them);
        # labels, definitions and free-text quotes cannot make a graph inconsistent, and
        # leaving them out halves what HermiT reads
        without_imports = Graph()
        for triple in graph:
            if triple[1] != OWL.imports and triple[1] not in _ANNOTATIONS:
                without_imports.add(triple)
        without_imports.serialize(destination=str(merged), format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(merged.as_uri()).load()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerResult(
                consistent=False,
                explanation=_hermit_explanation(exc),
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


def _hermit_explanation(exc: Exception) -> str:
    """HermiT's own words, trimmed to the lines that name entities."""
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:20])
