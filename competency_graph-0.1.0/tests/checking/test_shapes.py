"""The shapes of the catalogue: each rule's node shapes, the rule of every shape part, and
that they mean the same in plain pySHACL as in ``check`` (no triple only our checker derives)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from competency_graph.checking.engine import Checker
from competency_graph.checking.shapes import read_shapes, shipped_shapes
from competency_graph.checking.violations import node_text
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.model.rules import read_rules
from competency_graph.namespaces import SH

from ..conftest import FIXTURES, ONTOLOGY, shipped_rule_ids
from .conftest import EXAMPLE_FILES, PyshaclRun, canonical

#: a violation as both engines can say it: rule, focus, path, value, severity
Found = tuple[str, str, str | None, str | None, str]
_SEVERITIES = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


def test_every_rule_has_a_node_shape_but_owl_consistency_and_the_python_only_ones() -> None:
    shapes = shipped_shapes()
    python_only = {"discriminatory-wording"}  # evaluators.EVALUATORS, with no shape
    expected = [
        rule for rule in shipped_rule_ids() if rule != "owl-consistency" and rule not in python_only
    ]
    assert sorted(shapes.node_shapes_of_rule) == expected


def test_the_property_shapes_and_sparql_constraints_of_a_shape_belong_to_its_rule() -> None:
    shapes = shipped_shapes()
    (labels,) = shapes.node_shapes_of_rule["labels"]
    parts = [*shapes.graph.objects(labels, SH.sparql), *shapes.graph.objects(labels, SH.property)]
    assert len(parts) == 2
    assert {shapes.rule_of_shape[part] for part in [labels, *parts]} == {"labels"}


def test_the_shapes_of_a_selection_come_in_the_rules_order(shipped: LoadedGraph) -> None:
    shapes = shipped_shapes()
    catalogue = read_rules(shipped.graph)
    chosen = [catalogue["structure"], catalogue["labels"], catalogue["owl-consistency"]]
    assert shapes.of_rules(chosen) == [
        *shapes.node_shapes_of_rule["structure"],
        *shapes.node_shapes_of_rule["labels"],
    ]


def test_a_shape_is_named_by_its_cgsh_prefix_in_notes() -> None:
    graph = read_shapes(FIXTURES / "fallback" / "shapes").graph
    shape = URIRef("https://w3id.org/competency-graph/shapes#ShortLabels")
    assert graph.namespace_manager.normalizeUri(shape) == "cgsh:ShortLabels"


def test_a_folder_without_shapes_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no SHACL shapes found"):
        read_shapes(tmp_path)


# -- the same answers in any SHACL engine ---------------------------------------------------


def test_no_shape_queries_a_triple_that_only_the_checker_derives() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in ONTOLOGY.glob("shapes/*.ttl"))
    without_comments = re.sub(r"(?m)^#.*$", "", text)
    assert "coversSkill" not in without_comments


def _pyshacl_found(run: PyshaclRun) -> set[Found]:
    """pySHACL's results as violations: the rule of the shape each result names."""
    shapes = shipped_shapes()
    rule_of = {canonical(shapes.graph, node): rule for node, rule in shapes.rule_of_shape.items()}
    report = run.report
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        found.add(
            (
                rule_of[canonical(report, report.value(result, SH.sourceShape))],
                str(focus),
                str(path) if path is not None else None,
                # a SPARQL constraint that binds no ?value reports the focus node (SHACL 5.3.2)
                node_text(value) if value is not None and value != focus else None,
                _SEVERITIES[severity],  # type: ignore[index]
            )
        )
    return found


@pytest.fixture(scope="module")
def check_found(pyshacl_on_every_example: PyshaclRun) -> set[Found]:
    """What ``check``'s shapes find on the data of the pySHACL run (the findings of rules
    evaluated in Python, which no shape holds, left out)."""
    report = Checker(pyshacl_on_every_example.loaded).check_graph(reasoner=False, shacl=True)
    return {
        (v.rule_id, v.focus, v.path, v.value, v.severity.value)
        for v in report.violations
        if v.shacl is not None
    }


@pytest.mark.parametrize("rule", sorted(shipped_shapes().node_shapes_of_rule))
def test_plain_pyshacl_on_the_shipped_shapes_gives_the_checks_answers(
    rule: str, pyshacl_on_every_example: PyshaclRun, check_found: set[Found]
) -> None:
    """The shipped ontology and every example, loaded together: ``pyshacl.validate`` with no
    inference, no SHACL-AF and no skill closure finds what ``check`` finds, rule by rule."""
    ours = {found for found in check_found if found[0] == rule}
    theirs = {found for found in _pyshacl_found(pyshacl_on_every_example) if found[0] == rule}
    assert theirs == ours
    assert ours, f"no example breaks {rule}"


def test_the_cross_engine_run_reads_the_shipped_ontology_and_every_example(
    pyshacl_on_every_example: PyshaclRun, check_found: set[Found]
) -> None:
    files = {Path(path) for path in pyshacl_on_every_example.loaded.files}
    assert set(EXAMPLE_FILES) | {ONTOLOGY / "positions.ttl", ONTOLOGY / "rules.ttl"} <= files
    assert len(_pyshacl_found(pyshacl_on_every_example)) == len(check_found) == 181
