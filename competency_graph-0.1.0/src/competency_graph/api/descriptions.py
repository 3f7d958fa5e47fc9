"""GraphQL descriptions taken from the ontology's ``skos:definition`` (English).

A type or field that mirrors an ontology class or property is described by that term's
definition in ``ontology/core.ttl``, so the API documentation and the ontology cannot drift
apart; the exported SDL (``schema/schema.graphql``) shows any change as a diff.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from competency_graph.graph.ontology import ontology_dir
from competency_graph.namespaces import PREFIXES

CORE_FILE = "core.ttl"


@cache
def definitions() -> dict[str, str]:
    """IRI -> English definition of every term of the core vocabulary."""
    graph = Graph()
    graph.parse(ontology_dir() / CORE_FILE, format="turtle")
    found: dict[str, str] = {}
    for term, value in graph.subject_objects(SKOS.definition):
        if isinstance(value, Literal) and value.language in ("en", None):
            found[str(term)] = " ".join(str(value).split())
    return found


def describe(curie: str, note: str = "") -> str:
    """The definition of ``curie`` (``cg:Position``, ``org:reportsTo``), plus ``note``.

    Raises :class:`KeyError` when the term has no definition, so a renamed ontology term
    fails at import time instead of leaving an undocumented field.
    """
    prefix, _, local = curie.partition(":")
    iri = PREFIXES[prefix] + local
    text = definitions().get(iri)
    if text is None:
        raise KeyError(f"{curie} has no skos:definition in ontology/{CORE_FILE}")
    return f"{text} {note}".strip()
