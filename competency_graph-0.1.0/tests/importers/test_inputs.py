"""A command's inputs merged: RDF files and YAML/JSON job descriptions, by suffix."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, SourceLocation
from competency_graph.graph.ontology import entry_file
from competency_graph.importers.inputs import InputProblems, load_inputs
from competency_graph.importers.registry import (
    IMPORTERS,
    Imported,
    Importer,
    default_importer_for_file,
)
from competency_graph.namespaces import CG, ORG

from ..conftest import FIXTURES, ONTOLOGY

JD_INPUT = FIXTURES / "jd_input"
CORE = ONTOLOGY / "core.ttl"
#: core.ttl plus the skills, norms and positions the sales clerk refers to
SMALL = [CORE, JD_INPUT / "small-model.ttl"]
CLERK = JD_INPUT / "sales-clerk.yaml"
CLERK_IRI = URIRef("https://w3id.org/competency-graph/id/position/sales-clerk")


def test_rdf_files_only_are_loaded_as_load_graph_does() -> None:
    loaded = load_inputs(SMALL, include_shipped=False)
    assert loaded.files == SMALL
    assert len(loaded.graph) == len(Graph().parse(CORE) + Graph().parse(SMALL[1]))


def test_the_shipped_ontology_comes_first_unless_left_out(shipped: LoadedGraph) -> None:
    loaded = load_inputs()
    assert loaded.files[0] == entry_file()
    assert loaded.files == shipped.files


def test_a_job_description_is_converted_and_merged_after_the_rdf_files() -> None:
    loaded = load_inputs([CLERK, *SMALL], include_shipped=False)
    assert loaded.files == [*SMALL, CLERK]
    expected = (
        Graph().parse(CORE) + Graph().parse(SMALL[1]) + Graph().parse(JD_INPUT / "sales-clerk.ttl")
    )
    assert isomorphic(loaded.graph, expected)


def test_entities_of_a_job_description_point_at_its_lines() -> None:
    loaded = load_inputs([*SMALL, CLERK], include_shipped=False)
    assert loaded.locations[CLERK_IRI] == SourceLocation(str(CLERK), 3, 3, "position")
    duty = URIRef("https://w3id.org/competency-graph/id/duty/sales-clerk-reports")
    assert loaded.locations[duty] == SourceLocation(str(CLERK), 22, 5, "duties[0]")
    # and where each statement is: the duty's skill, at its field
    skill = URIRef("https://w3id.org/competency-graph/id/skill/ms-excel")
    assert loaded.statement_location(duty, CG.supportedBy, skill) == SourceLocation(
        str(CLERK), 24, 20, "duties[0].supported_by[0]"
    )


def test_a_json_job_description_reads_like_its_yaml(tmp_path: Path) -> None:
    as_yaml = tmp_path / "clerk.yaml"
    as_yaml.write_text(
        "position:\n  id: clerk\n  label: {ru: Делопроизводитель, en: Clerk}\nstatus: draft\n"
        "requirements:\n  - skill: MS Excel\n",
        encoding="utf-8",
    )
    as_json = tmp_path / "clerk.json"
    as_json.write_text(
        '{"position": {"id": "clerk", "label": {"ru": "Делопроизводитель", "en": "Clerk"}}, '
        '"status": "draft", "requirements": [{"skill": "MS Excel"}]}',
        encoding="utf-8",
    )
    from_yaml = load_inputs([*SMALL, as_yaml], include_shipped=False)
    from_json = load_inputs([*SMALL, as_json], include_shipped=False)
    assert from_json.files == [*SMALL, as_json]
    assert len(from_json.graph) > len(load_inputs(SMALL, include_shipped=False).graph)
    assert isomorphic(from_json.graph, from_yaml.graph)


def test_two_descriptions_of_one_position_are_refused_at_the_second(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yml"
    copy.write_text(CLERK.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_inputs([*SMALL, CLERK, copy], include_shipped=False)
    assert str(caught.value) == (
        f"{copy}:3:3: 'position:sales-clerk' is also described by {CLERK}: "
        "give each position its own id"
    )


def test_every_file_is_read_before_the_problems_are_raised_together(tmp_path: Path) -> None:
    broken = FIXTURES / "loading" / "turtle_missing_dot.ttl"
    typos = FIXTURES / "locations" / "three_unknown_references.yaml"
    with pytest.raises(InputProblems) as caught:
        load_inputs([broken, typos, tmp_path / "missing.ttl"])
    assert [(e.path, e.line, e.recoverable) for e in caught.value.all] == [
        (str(broken), 5, False),
        (str(tmp_path / "missing.ttl"), None, False),
        (str(typos), 16, True),
        (str(typos), 19, True),
        (str(typos), 23, True),
    ]
    # a file that cannot be read leaves nothing to check
    assert caught.value.loaded is None


def test_unknown_references_alone_leave_what_was_read(tmp_path: Path) -> None:
    typos = FIXTURES / "locations" / "three_unknown_references.yaml"
    with pytest.raises(InputProblems) as caught:
        load_inputs([typos])
    loaded = caught.value.loaded
    assert loaded is not None and loaded.files[-1] == typos
    duty = URIRef("https://w3id.org/competency-graph/id/duty/clerk-with-typos-reports")
    assert (duty, RDF.type, CG.Duty) in loaded.graph
    # the unknown skill is left out, not invented
    assert list(loaded.graph.objects(duty, CG.supportedBy)) == []
    assert caught.value.all[0].field == "duties[0].supported_by[0]"


def test_a_job_description_alone_without_the_ontology_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        load_inputs([CLERK], include_shipped=False)
    assert str(caught.value) == (
        f"{CLERK}: a job description needs the ontology it refers to: load the shipped "
        "ontology or the RDF files that define its skills and norms"
    )


def test_nothing_at_all_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        load_inputs([], include_shipped=False)
    assert str(caught.value) == "nothing to load: give a file or include the shipped ontology"


def test_an_unknown_suffix_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_inputs([CLERK, odd])
    with pytest.raises(InputError) as registry:  # the registry's verdict, suffixes listed
        default_importer_for_file(odd)
    assert str(caught.value) == str(registry.value)
    assert str(caught.value).startswith(f"{odd}: unknown file type '.txt' (known: .json, ")


def read_staff_list(path: Path, model: object) -> Imported:
    """A made-up source, one position per line (``slug,English label``): what a new importer
    module holds."""
    graph, locations = Graph(), {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        slug, label = line.split(",")
        position = URIRef(f"https://w3id.org/competency-graph/id/position/{slug}")
        graph.add((position, RDF.type, CG.Position))
        graph.add((position, RDFS.label, Literal(label, lang="en")))
        locations[position] = SourceLocation(str(path), number)
    return Imported(graph, str(path), locations)


def test_a_new_importer_is_one_registry_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = Importer(
        "staff-list", "positions, one a line", f"{__name__}:read_staff_list", suffixes=(".staff",)
    )
    monkeypatch.setitem(IMPORTERS, line.name, line)
    staff = tmp_path / "sales.staff"
    staff.write_text("clerk,Clerk\ncashier,Cashier\n", encoding="utf-8")
    loaded = load_inputs([*SMALL, staff], include_shipped=False)
    cashier = URIRef("https://w3id.org/competency-graph/id/position/cashier")
    assert (cashier, RDFS.label, Literal("Cashier", lang="en")) in loaded.graph
    assert loaded.locations[cashier] == SourceLocation(str(staff), 2)
    assert loaded.files == [*SMALL, staff]


def test_a_file_for_a_position_the_graph_has_replaces_its_description(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ONTOLOGY.parent)  # the note names files relative to the working folder
    edition = tmp_path / "clerk-2.yaml"
    edition.write_text(
        "position:\n  id: sales-clerk\n  label: {ru: Делопроизводитель отдела продаж}\n"
        "status: draft\nversion: 2\nduties:\n  - id: reports\n"
        "    label: {ru: Подготовка ежемесячных отчётов}\n",
        encoding="utf-8",
    )
    clerk_ttl = JD_INPUT / "sales-clerk.ttl"
    loaded = load_inputs([*SMALL, clerk_ttl, edition], include_shipped=False)
    reports = URIRef("https://w3id.org/competency-graph/id/duty/sales-clerk-reports")
    assert set(loaded.graph.objects(reports, RDFS.label)) == {
        Literal("Подготовка ежемесячных отчётов", lang="ru")
    }
    jd = URIRef("https://w3id.org/competency-graph/id/job-description/sales-clerk")
    assert loaded.graph.value(jd, CG.version) == Literal("2")
    assert list(loaded.graph.objects(CLERK_IRI, ORG.postIn)) == []  # the file gives none now
    assert set(loaded.graph.objects(CLERK_IRI, RDF.type)) == {CG.Position, OWL.NamedIndividual}
    assert loaded.notes == [
        f"job description of position:sales-clerk: edition 2 (draft) from {edition} replaces "
        "edition 1.10 (approved) from tests/fixtures/jd_input/sales-clerk.ttl"
    ]
    assert loaded.locations[reports] == SourceLocation(str(edition), 7, 5, "duties[0]")


def test_two_new_editions_of_one_position_are_refused_at_the_second(tmp_path: Path) -> None:
    text = "position:\n  id: account-manager\n  label: {ru: Менеджер}\nstatus: draft\n"
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_inputs([*SMALL, first, second], include_shipped=False)
    assert (caught.value.path, caught.value.line) == (str(second), 2)
    assert "'position:account-manager' is also described by" in caught.value.message
