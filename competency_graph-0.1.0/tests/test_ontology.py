"""The shipped ontology: labels, definitions, metadata, and owlready2 reading it."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from competency_graph.graph.files import LoadedGraph
from competency_graph.namespaces import CG, ID_BASE


def _own_terms(shipped: LoadedGraph, kind: URIRef) -> set[URIRef]:
    return {
        term
        for term in shipped.graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and str(term).startswith(str(CG))
    }


def _languages(shipped: LoadedGraph, node: URIRef, predicate: URIRef) -> set[str]:
    return {
        value.language or ""
        for value in shipped.graph.objects(node, predicate)
        if isinstance(value, Literal)
    }


def test_every_class_and_property_has_ru_en_labels_and_definitions(shipped: LoadedGraph) -> None:
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= _own_terms(shipped, kind)
    assert len(terms) > 60
    missing = [
        str(term)
        for term in sorted(terms)
        if not {"ru", "en"} <= _languages(shipped, term, RDFS.label)
        or not {"ru", "en"} <= _languages(shipped, term, SKOS.definition)
    ]
    assert missing == []


def test_every_individual_has_ru_and_en_labels(shipped: LoadedGraph) -> None:
    individuals = {
        subject
        for subject in shipped.graph.subjects(RDF.type, None)
        if isinstance(subject, URIRef) and str(subject).startswith(ID_BASE)
    }
    assert len(individuals) > 100
    unlabelled = [
        str(node)
        for node in sorted(individuals)
        if not {"ru", "en"} <= _languages(shipped, node, RDFS.label)
    ]
    assert unlabelled == []


def test_ontology_metadata_is_complete(shipped: LoadedGraph) -> None:
    entry = URIRef("https://w3id.org/competency-graph/ontology")
    graph = shipped.graph
    assert {"ru", "en"} <= _languages(shipped, entry, DCTERMS.title)
    assert {"ru", "en"} <= _languages(shipped, entry, DCTERMS.description)
    assert graph.value(entry, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(entry, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert graph.value(entry, DCTERMS.creator) is not None
    assert "ESCO classification of the European Commission" in str(graph.value(entry, RDFS.comment))


def test_skill_hierarchy_places_excel_under_ms_office_under_pc_literacy(
    shipped: LoadedGraph,
) -> None:
    skill = ID_BASE + "skill/"
    graph = shipped.graph
    assert graph.value(URIRef(skill + "ms-excel"), SKOS.broader) == URIRef(skill + "ms-office")
    assert graph.value(URIRef(skill + "ms-office"), SKOS.broader) == URIRef(skill + "pc-literacy")


def test_the_vacancy_employer_and_employment_types_are_defined_in_both_languages(
    shipped: LoadedGraph,
) -> None:
    graph = shipped.graph
    employer = URIRef("https://schema.org/hiringOrganization")
    assert (employer, RDF.type, OWL.ObjectProperty) in graph
    assert graph.value(employer, RDFS.range) == URIRef("http://www.w3.org/ns/org#Organization")
    values = sorted(graph.subjects(RDF.type, CG.EmploymentType))
    assert len(values) == 8
    undefined = [
        str(term)
        for term in [employer, *values]
        if not {"ru", "en"} <= _languages(shipped, term, RDFS.label)  # type: ignore[arg-type]
        or not {"ru", "en"} <= _languages(shipped, term, SKOS.definition)  # type: ignore[arg-type]
    ]
    assert undefined == []


NORM = ID_BASE + "norm/"


def test_the_grounds_of_labour_code_art_3_are_complete_defined_and_sourced(
    shipped: LoadedGraph,
) -> None:
    graph = shipped.graph
    grounds = {str(g) for g in graph.subjects(RDF.type, CG.ProtectedAttribute)}
    assert grounds == {
        str(CG[name])
        for name in (
            "sex", "race", "skin-colour", "nationality", "spoken-language", "origin",
            "property-status", "family-status", "social-status", "official-status", "age",
            "place-of-residence", "religion", "beliefs", "association-membership",
            "other-circumstances",
        )
    }  # fmt: skip
    undefined = [
        ground
        for ground in sorted(grounds)
        if not {"ru", "en"} <= _languages(shipped, URIRef(ground), RDFS.label)
        or not {"ru", "en"} <= _languages(shipped, URIRef(ground), SKOS.definition)
    ]
    assert undefined == []
    unsourced = [
        ground
        for ground in sorted(grounds)
        if URIRef(NORM + "labour-code-art-3")
        not in set(graph.objects(URIRef(ground), CG.regulatedBy))
    ]
    assert unsourced == []
    # citizenship is no ground of art. 3: lawful where a federal law sets it (art. 64)
    assert set(graph.objects(CG.citizenship, CG.regulatedBy)) == {
        URIRef(NORM + "labour-code-art-64")
    }


def test_the_disciplinary_sanctions_of_art_192_are_a_closed_list(shipped: LoadedGraph) -> None:
    graph = shipped.graph
    one_of = graph.value(CG.GeneralDisciplinarySanction, OWL.equivalentClass)
    members = list(graph.items(graph.value(one_of, OWL.oneOf)))
    assert members == [CG.remark, CG.reprimand, CG.dismissal]
    art_192 = URIRef(NORM + "labour-code-art-192")
    assert set(graph.subjects(CG.listedIn, art_192)) == {CG.remark, CG.reprimand, CG.dismissal}
    # a sanction outside art. 192 is listed in the federal law that sets it, or in nothing
    assert set(graph.objects(CG["warning-of-incomplete-fitness"], CG.listedIn)) == {
        URIRef(NORM + "civil-service-law-art-57")
    }
    assert set(graph.objects(CG.fine, CG.listedIn)) == set()


def test_the_positions_and_works_of_resolution_85_are_categories_with_the_age_18_exception(
    shipped: LoadedGraph,
) -> None:
    graph = shipped.graph
    categories = set(graph.subjects(RDF.type, CG.FullLiabilityCategory))
    assert len(categories) == 8
    appendix = URIRef(NORM + "mintrud-resolution-85-appendix-1")
    assert {c for c in categories if (c, CG.listedIn, appendix) in graph} == categories
    assert (appendix, RDF.type, CG.LegalNorm) in graph
    restriction = CG["age-18-for-full-liability"]
    assert graph.value(restriction, CG.permittedBy) == URIRef(NORM + "labour-code-art-244")
    assert graph.value(restriction, CG.restrictedAttribute) == CG.age
    assert graph.value(restriction, CG.minimumAge) == Literal(18)
    assert set(graph.objects(restriction, CG.appliesToCategory)) == categories


def test_citizenship_is_permitted_for_access_to_state_secrets_only(shipped: LoadedGraph) -> None:
    graph = shipped.graph
    permitted = {
        (str(graph.value(r, CG.permittedBy)), str(graph.value(r, CG.appliesToCategory)))
        for r in graph.subjects(CG.restrictedAttribute, CG.citizenship)
    }
    assert permitted == {(NORM + "state-secrets-law-art-21", str(CG["state-secret-access-work"]))}
    # art. 57 (content of the contract) permits no restriction at all
    assert set(graph.subjects(CG.permittedBy, URIRef(NORM + "labour-code-art-57"))) == set()


def test_owlready2_lists_every_individual(shipped: LoadedGraph, tmp_path: Path) -> None:
    import owlready2  # slow to import: only this test needs it

    declared = set(shipped.graph.subjects(RDF.type, OWL.NamedIndividual))
    assert len(declared) > 500  # every individual: the missing-named-individual report holds it
    # owlready2 reads N-Triples, and would try to download the owl:imports
    merged = Graph()
    merged += ((s, p, o) for s, p, o in shipped.graph if p != OWL.imports)
    path = tmp_path / "merged.nt"
    merged.serialize(destination=str(path), format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    listed = {individual.iri for individual in world.individuals()}
    world.close()
    assert listed == {str(individual) for individual in declared}
