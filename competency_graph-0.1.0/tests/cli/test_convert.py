"""``convert``: a job description from YAML to Turtle and back, an export of one in the graph,
the format chosen by --to or the output's suffix, and one clean line for what cannot be."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from competency_graph.cli.main import cli
from competency_graph.importers.job_description import load_job_description
from competency_graph.model.readmodel import build_read_model

from ..conftest import FIXTURES, ONTOLOGY

JD_INPUT = FIXTURES / "jd_input"
SMALL = ["--no-ontology", str(ONTOLOGY / "core.ttl"), str(JD_INPUT / "small-model.ttl")]
CLERK_YAML = JD_INPUT / "sales-clerk.yaml"
CLERK_TTL = JD_INPUT / "sales-clerk.ttl"
CLERK = URIRef("https://w3id.org/competency-graph/id/position/sales-clerk")


def test_yaml_becomes_the_turtle_the_reader_makes(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "clerk.ttl"
    result = runner.invoke(cli, ["convert", str(CLERK_YAML), *SMALL, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out} ({out.stat().st_size} bytes)\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# The job description of {CLERK_YAML}, as the ontology's RDF")
    assert isomorphic(Graph().parse(data=text, format="turtle"), Graph().parse(CLERK_TTL))


def test_turtle_becomes_yaml_that_reads_back_into_the_same_graph(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "clerk.yaml"
    result = runner.invoke(cli, ["convert", str(CLERK_TTL), *SMALL, "-o", str(out)])
    assert result.exit_code == 0, result.output
    small = Graph().parse(ONTOLOGY / "core.ttl").parse(JD_INPUT / "small-model.ttl")
    again = load_job_description(out, build_read_model(small)).graph
    assert isomorphic(again, Graph().parse(CLERK_TTL))


def test_a_shipped_description_is_exported_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "--position", "position:account-manager"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "# Job description of position:account-manager (Менеджер по работе с клиентами), "
        "edition 1.0.\n"
    )
    data = yaml.safe_load(result.stdout)
    assert (data["position"]["id"], data["status"], data["version"]) == (
        "account-manager",
        "in-force",
        "1.0",
    )
    assert "duty:find-clients" in data["duties"]
    assert result.stderr == ""  # nothing lost, nothing to note


def test_the_format_comes_from_to_then_the_suffix_then_the_input(
    runner: CliRunner, tmp_path: Path
) -> None:
    position = ["--position", "position:sales-clerk", str(CLERK_TTL), *SMALL]
    as_turtle = runner.invoke(cli, ["convert", *position, "--to", "ttl"])
    assert as_turtle.exit_code == 0, as_turtle.output
    assert isomorphic(
        Graph().parse(data=as_turtle.stdout, format="turtle"),
        Graph().parse(CLERK_TTL)
        - Graph().parse(
            data=f"<{CLERK}> a <https://w3id.org/competency-graph/ontology#Position>, "
            "<http://www.w3.org/2002/07/owl#NamedIndividual> .",
            format="turtle",
        ),
    )
    out = tmp_path / "out.yml"
    by_suffix = runner.invoke(cli, ["convert", *position, "-o", str(out)])
    assert by_suffix.exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["position"]["id"] == "sales-clerk"
    as_yaml = runner.invoke(cli, ["convert", str(CLERK_YAML), *SMALL, "--to", "yaml"])
    assert yaml.safe_load(as_yaml.stdout)["version"] == "1.10"


def test_a_yaml_edition_of_a_shipped_position_says_what_it_replaces(
    runner: CliRunner, tmp_path: Path
) -> None:
    edition = tmp_path / "account-manager.yaml"
    exported = runner.invoke(cli, ["convert", "--position", "position:account-manager"])
    edition.write_text(exported.stdout.replace('version: "1.0"', "version: 2"), encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(edition), "--to", "yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        f"note: job description of position:account-manager: edition 2 (in force) from "
        f"{edition} replaces edition 1.0 (in force) from "
    )
    assert yaml.safe_load(result.stdout)["version"] == "2"  # an edition number is text


def test_what_cannot_be_converted_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    two = tmp_path / "two.ttl"
    two.write_text(
        "@prefix cg: <https://w3id.org/competency-graph/ontology#> .\n"
        "<https://w3id.org/competency-graph/id/job-description/a> cg:describes "
        "<https://w3id.org/competency-graph/id/position/a> .\n"
        "<https://w3id.org/competency-graph/id/job-description/b> cg:describes "
        "<https://w3id.org/competency-graph/id/position/b> .\n",
        encoding="utf-8",
    )
    cases = [
        (["convert"], "error: nothing to convert: give a YAML or Turtle job description"),
        (
            ["convert", str(CLERK_YAML), str(CLERK_YAML), *SMALL],
            "error: convert one job description at a time",
        ),
        (
            ["convert", str(two), *SMALL],
            f"error: {two} describes 2 job descriptions (position:a, position:b): choose one "
            "with --position ID",
        ),
        (
            ["convert", str(ONTOLOGY / "skills.ttl"), "--no-ontology"],
            f"error: no job description in {ONTOLOGY / 'skills.ttl'}: give a file that has one",
        ),
        (["convert", "--position", "position:nobody"], "error: unknown position"),
        (["convert", "--position", "nobody"], "error: not an id: 'nobody'"),
        (["convert", "--position", "position:head-of-sales"], "has no job description"),
        (["convert", "--to", "pdf"], "Invalid value for '--to'"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
