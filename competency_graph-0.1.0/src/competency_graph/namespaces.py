"""Vocabulary namespaces and the compact identifiers used by the CLI and the API.

Individuals live under ``https://w3id.org/competency-graph/id/<kind>/<slug>``; their compact
id is ``<kind>:<slug>`` (``skill:ms-excel``), which is what users type and what GraphQL
returns as ``id``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

CG = Namespace("https://w3id.org/competency-graph/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ESCO = Namespace("http://data.europa.eu/esco/")

ID_BASE = "https://w3id.org/competency-graph/id/"
ONTOLOGY_BASE = "https://w3id.org/competency-graph/ontology"

#: kind prefix in compact ids -> path segment under ID_BASE
ID_KINDS: dict[str, str] = {
    "position": "position",
    "jd": "job-description",
    "department": "department",
    "duty": "duty",
    "function": "function",
    "right": "right",
    "responsibility": "responsibility",
    "requirement": "requirement",
    "skill": "skill",
    "norm": "norm",
    "vacancy": "vacancy",
    "sector": "sector",
    "rule": "rule",
    "organization": "organization",
}
_SEGMENT_TO_KIND = {segment: kind for kind, segment in ID_KINDS.items()}

#: prefixes bound on every graph we serialise, so output is readable
PREFIXES: dict[str, str] = {
    "cg": str(CG),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "pos": ID_BASE + "position/",
    "jd": ID_BASE + "job-description/",
    "dept": ID_BASE + "department/",
    "duty": ID_BASE + "duty/",
    "fn": ID_BASE + "function/",
    "right": ID_BASE + "right/",
    "resp": ID_BASE + "responsibility/",
    "req": ID_BASE + "requirement/",
    "skill": ID_BASE + "skill/",
    "norm": ID_BASE + "norm/",
    "vac": ID_BASE + "vacancy/",
    "sector": ID_BASE + "sector/",
    "rule": ID_BASE + "rule/",
    "organization": ID_BASE + "organization/",
}


def compact_id(iri: str) -> str:
    """Return ``kind:slug`` for an IRI under :data:`ID_BASE`, else the IRI itself.

    >>> compact_id("https://w3id.org/competency-graph/id/skill/ms-excel")
    'skill:ms-excel'
    """
    if iri.startswith(ID_BASE):
        segment, _, slug = iri[len(ID_BASE) :].partition("/")
        kind = _SEGMENT_TO_KIND.get(segment)
        if kind is not None and slug:
            return f"{kind}:{slug}"
    return iri


def expand_id(identifier: str) -> URIRef:
    """Turn a compact id (``skill:ms-excel``) or a full IRI into an IRI.

    Raises :class:`ValueError` for anything that is neither.
    """
    kind, sep, slug = identifier.partition(":")
    if sep and kind in ID_KINDS and slug and "/" not in slug:
        return URIRef(f"{ID_BASE}{ID_KINDS[kind]}/{slug}")
    if identifier.startswith(("http://", "https://", "urn:")):
        return URIRef(identifier)
    raise ValueError(
        f"not an id: {identifier!r} (expected kind:slug such as skill:ms-excel, or a full IRI)"
    )
