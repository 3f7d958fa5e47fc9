"""``check``: exit codes, formats, --position, and located errors for RDF and YAML input."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import jsonschema
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from competency_graph.cli.check import CheckRun, watch_checks, watch_filter
from competency_graph.cli.main import cli
from competency_graph.cli.options import GraphInputs, StoreOptions
from competency_graph.graph.ontology import ontology_dir
from competency_graph.namespaces import SH

from ..conftest import EXAMPLES, FIXTURES, shipped_rule_ids

INVALID = EXAMPLES / "job-descriptions" / "invalid"
DUTY_COVERAGE = INVALID / "duty-coverage" / "duty-without-required-skill.ttl"
UNUSED_REQUIREMENT = INVALID / "unused-requirement" / "requirement-supports-no-duty.ttl"


def test_check_passes_the_shipped_ontology_with_exit_0(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--no-reasoner", "--lang", "en"])
    assert result.exit_code == 0, result.output
    without_reasoner = len(shipped_rule_ids()) - 1  # all but owl-consistency
    assert result.stdout.startswith(
        f"No violations.\n0 errors, 0 warnings, 0 info ({without_reasoner} rules, "
    )


def test_check_exits_1_on_an_error_and_names_file_line_rule_and_entity(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--no-reasoner", "--lang", "en", str(DUTY_COVERAGE)])
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "error[duty-coverage]" in line)
    assert line.startswith(
        f"{DUTY_COVERAGE}:43: error[duty-coverage] Duty 'Conclusion of contracts"
    )


def test_fail_on_sets_the_threshold(runner: CliRunner) -> None:
    # the example has one warning (unused-requirement) and no error
    base = ["check", "--no-reasoner", str(UNUSED_REQUIREMENT)]
    assert runner.invoke(cli, base).exit_code == 0
    assert runner.invoke(cli, [*base, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(cli, [*base, "--fail-on", "info"]).exit_code == 1
    assert runner.invoke(cli, [*base, "--fail-on", "never"]).exit_code == 0
    assert (
        runner.invoke(cli, [*base, "--skip", "unused-requirement", "--fail-on", "info"]).exit_code
        == 0
    )


def test_machine_formats_parse(runner: CliRunner, tmp_path: Path) -> None:
    args = ["check", "--no-reasoner", str(DUTY_COVERAGE), "--rule", "duty-coverage"]
    as_json = json.loads(runner.invoke(cli, [*args, "--format", "json"]).stdout)
    assert [v["rule"] for v in as_json["violations"]] == ["duty-coverage"]
    assert as_json["violations"][0]["location"]["line"] == 43  # where the duty is listed
    junit = ET.fromstring(runner.invoke(cli, [*args, "--format", "junit"]).stdout)
    assert junit.find(".//failure") is not None
    sarif_file = tmp_path / "check.sarif"
    result = runner.invoke(cli, [*args, "--format", "sarif", "-o", str(sarif_file)])
    assert result.exit_code == 1 and result.stdout == ""
    sarif = json.loads(sarif_file.read_text(encoding="utf-8"))
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "duty-coverage"
    shacl = Graph().parse(data=runner.invoke(cli, [*args, "--format", "shacl"]).stdout)
    assert (None, SH.conforms, Literal(False)) in shacl
    # the shape and its SPARQL constraint, not the rule; the message in both languages
    assert set(shacl.objects(None, SH.sourceShape)) == {
        URIRef("https://w3id.org/competency-graph/shapes#DutyCoverage")
    }
    assert len(set(shacl.objects(None, SH.sourceConstraint))) == 1
    messages = shacl.objects(None, SH.resultMessage)
    assert {m.language for m in messages if isinstance(m, Literal)} == {"en", "ru"}


def test_check_position_by_id_and_unknown_ids_are_usage_errors(runner: CliRunner) -> None:
    ok = runner.invoke(cli, ["check", "--position", "position:key-account-manager", "--lang", "ru"])
    assert ok.exit_code == 0
    assert ok.stdout.startswith("Нарушений нет.")
    by_slug = runner.invoke(cli, ["check", "--position", "key-account-manager", "--lang", "ru"])
    assert by_slug.exit_code == 0
    seconds = re.compile(r"[\d.]+ с\)")  # the time taken differs between runs
    assert seconds.sub("", by_slug.stdout) == seconds.sub("", ok.stdout)
    unknown = runner.invoke(cli, ["check", "--lang", "en", "--position", "position:nobody"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "error: unknown position 'position:nobody'"
    not_a_position = runner.invoke(cli, ["check", "--lang", "en", "--position", "skill:crm"])
    assert not_a_position.exit_code == 2
    assert not_a_position.stderr.strip() == "error: unknown position 'skill:crm'"
    typo = runner.invoke(cli, ["check", "--lang", "en", "--position", "key-acount-manager"])
    assert typo.exit_code == 2
    assert typo.stderr.strip() == (
        "error: unknown position 'key-acount-manager' "
        "(did you mean 'position:key-account-manager'?)"
    )
    nothing_left = runner.invoke(
        cli, ["check", "--lang", "en", "--rule", "labels", "--skip", "labels"]
    )
    assert nothing_left.exit_code == 2
    assert nothing_left.stderr.strip() == (
        "error: no rule left to run: --skip removes every rule that --rule names"
    )
    only_the_reasoner = ["check", "--lang", "en", "--rule", "owl-consistency"]
    skipped = runner.invoke(cli, [*only_the_reasoner, "--no-reasoner"])
    assert (skipped.exit_code, skipped.stderr.strip()) == (
        2,
        "error: no rule left to run: owl-consistency skipped (--no-reasoner)",
    )
    focused = runner.invoke(cli, [*only_the_reasoner, "--position", "position:account-manager"])
    assert (focused.exit_code, focused.stderr.strip()) == (
        2,
        "error: no rule left to run: a --position check does not run owl-consistency "
        "(the reasoner judges the whole graph)",
    )
    bad_rule = runner.invoke(cli, ["check", "--lang", "en", "--rule", "no-such-rule"])
    assert bad_rule.exit_code == 2
    assert bad_rule.stderr.startswith("error: unknown rule id 'no-such-rule' (known: approval, ")


def test_check_reports_located_input_errors_with_exit_2(runner: CliRunner) -> None:
    bad = FIXTURES / "loading" / "turtle_missing_dot.ttl"
    result = runner.invoke(cli, ["check", "--lang", "en", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:5:1: malformed Turtle")
    unknown_skill = EXAMPLES / "job-descriptions" / "invalid" / "unknown-skill.yaml"
    result = runner.invoke(cli, ["check", "--lang", "en", str(unknown_skill)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {unknown_skill}:12:20: unknown skill 'Exel' at duties[0].supported_by[0] "
        "(did you mean 'Excel'?)"
    )


def test_check_cannot_write_the_report_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "report.json"
    result = runner.invoke(cli, ["check", "--no-reasoner", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {target}: cannot write: ")


def test_two_files_describing_the_same_new_position_are_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    valid = EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(valid.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["check", "--lang", "en", "--no-reasoner", str(valid), str(copy)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {copy}:7:3: 'position:regional-account-manager' is also described by "
        f"{valid}: give each position its own id"
    )


def test_every_schema_problem_of_a_job_description_is_printed_located(
    runner: CliRunner, tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong-types.yaml"
    wrong.write_text(
        "position:\n"
        "  id: Bank Teller\n"
        "  label: {ru: Операционист, en: Teller}\n"
        "status: active\n"
        "requirements:\n"
        "  - experience: {years: three}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", "--lang", "en", "--no-reasoner", str(wrong)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {wrong}:2:7: 'Bank Teller' is not a valid position id (lower-case letters, "
        "digits and hyphens, optionally prefixed position:) at position.id "
        "(and 2 more problems)",
        f"error: {wrong}:4:9: status must be one of draft, agreed, approved, in-force, "
        "not 'active' at status",
        f"error: {wrong}:6:25: expected a number, not 'three' at requirements[0].experience.years",
    ]


def test_a_full_disk_leaves_the_previous_report_and_exits_2(
    runner: CliRunner, small_disk: Path
) -> None:
    report = small_disk / "old.json"
    report.write_text("the report of yesterday " * 800, encoding="utf-8")  # 19 KiB
    (small_disk / "filler").write_bytes(b"\0" * 40_960)  # ~4 KiB left: no room for the new one
    args = ["check", "--no-reasoner", str(DUTY_COVERAGE), "--format", "sarif", "-o", str(report)]
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {report}: cannot write: No space left on device (the previous file is left as "
        "it was)\n",
    )
    assert report.read_text(encoding="utf-8") == "the report of yesterday " * 800
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "old.json"]


# -- located at the item to fix -----------------------------------------------------------------

LOCATIONS = FIXTURES / "locations"
FOUR_MISTAKES = LOCATIONS / "four_mistakes_at_their_items.yaml"
#: (rule, line, column, field) of each violation of FOUR_MISTAKES, in the report's order
FOUR_LOCATED = [
    ("approval", 98, 5, "agreements[2]"),
    ("duty-coverage", 45, 5, "duties[1]"),
    ("familiarisation", 20, 1, "familiarisation"),
    ("unused-requirement", 31, 5, "requirements[3]"),
]


def _check_four_mistakes(runner: CliRunner, *options: str) -> str:
    args = ["check", "--no-reasoner", "--lang", "en", str(FOUR_MISTAKES), *options]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_text_names_the_line_and_field_of_each_item(runner: CliRunner) -> None:
    text = _check_four_mistakes(runner)
    heads = [line for line in text.splitlines() if line.startswith(str(FOUR_MISTAKES))]
    assert [head.split(" error[")[0].split(" warning[")[0] for head in heads] == [
        f"{FOUR_MISTAKES}:{line}:{column}:" for _, line, column, _ in FOUR_LOCATED
    ]
    fields = [line.split(":", 1)[1].strip() for line in text.splitlines() if "    field:" in line]
    assert fields == [field for *_, field in FOUR_LOCATED]
    # a YAML author reads fields, not properties
    assert (
        "    fix:      Name the skills the duty needs in its supported_by, and require one " in text
    )
    assert "cg:" not in text.replace("(cg:immediate-supervisor)", "")


def test_json_carries_the_line_and_field(runner: CliRunner) -> None:
    data = json.loads(_check_four_mistakes(runner, "--format", "json"))
    assert [
        (v["rule"], v["location"]["line"], v["location"]["column"], v["location"]["field"])
        for v in data["violations"]
    ] == FOUR_LOCATED
    assert data["input_errors"] == []


def test_sarif_carries_the_region_and_the_field(runner: CliRunner) -> None:
    results = json.loads(_check_four_mistakes(runner, "--format", "sarif"))["runs"][0]["results"]
    located = []
    for result in results:
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        members = [loc["name"] for loc in location["logicalLocations"] if loc["kind"] == "member"]
        assert members == [result["properties"]["field"]]
        located.append((result["ruleId"], region["startLine"], region["startColumn"], members[0]))
    assert located == FOUR_LOCATED


def test_junit_carries_the_line_and_field(runner: CliRunner) -> None:
    root = ET.fromstring(_check_four_mistakes(runner, "--format", "junit"))
    located = []
    for case in root.iter("testcase"):
        if case.get("file") is None:
            continue  # a rule that found nothing
        body = case.find("failure")
        text = (body if body is not None else case.find("system-out")).text or ""  # type: ignore[union-attr]
        field = next(
            line.split(":", 1)[1].strip() for line in text.splitlines() if "field:" in line
        )
        rule = (case.get("classname") or "").removeprefix("competency-graph.")
        located.append((rule, int(case.get("line") or 0), field))
    assert sorted(located) == sorted((rule, line, field) for rule, line, _, field in FOUR_LOCATED)


# -- every input error at once -------------------------------------------------------------------

TYPOS = LOCATIONS / "three_unknown_references.yaml"
SCHEMA_PROBLEMS = LOCATIONS / "two_schema_problems.yaml"
#: the five problems of the two files, in Russian (the default language)
FIVE_PROBLEMS_RU = [
    (
        TYPOS,
        16,
        20,
        "duties[0].supported_by[0]",
        "неизвестный навык «skill:ms-exel» (поле duties[0].supported_by[0]) "
        "(возможно, «skill:ms-excel»?)",
    ),
    (
        TYPOS,
        19,
        19,
        "rights[0].facilitates[0]",
        "неизвестная обязанность «reprots» (поле rights[0].facilitates[0])",
    ),
    (
        TYPOS,
        23,
        19,
        "responsibilities[0].legal_basis[0]",
        "неизвестная правовая норма «norm:labour-code-art-1922» (поле "
        "responsibilities[0].legal_basis[0]) (возможно, «norm:labour-code-art-192»?)",
    ),
    (
        SCHEMA_PROBLEMS,
        5,
        9,
        "status",
        "status: допустимо draft, agreed, approved, in-force, а не 'done' (поле status) "
        "(и ещё проблем: 1)",
    ),
    (
        SCHEMA_PROBLEMS,
        8,
        19,
        "duties[0].supported_by",
        "ожидалось: список, а не 42 (поле duties[0].supported_by)",
    ),
]


def test_every_input_error_is_in_the_sarif_file_written(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "check.sarif"
    args = ["check", "--no-reasoner", str(TYPOS), str(SCHEMA_PROBLEMS), "--format", "sarif"]
    result = runner.invoke(cli, [*args, "-o", str(target)])
    assert result.exit_code == 2
    log = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    (run,) = log["runs"]
    assert run["invocations"] == [{"executionSuccessful": False}]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["input"]
    assert [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["properties"]["field"],
            r["message"]["text"],
        )
        for r in run["results"]
    ] == [(_relative(path), *rest) for path, *rest in FIVE_PROBLEMS_RU]
    # the same five on stderr, for the person reading the CI log
    assert result.stderr.splitlines()[:-1] == [
        f"error: {path}:{line}:{column}: {message}"
        for path, line, column, _, message in FIVE_PROBLEMS_RU
    ]


def test_unknown_references_alone_leave_the_rest_checked(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["check", "--no-reasoner", "--lang", "en", str(TYPOS), "--format", "json"]
    )
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(e["line"], e["field"]) for e in data["input_errors"]] == [
        (16, "duties[0].supported_by[0]"),
        (19, "rights[0].facilitates[0]"),
        (23, "responsibilities[0].legal_basis[0]"),
    ]
    assert data["input_errors"][0]["message"] == (
        "unknown skill 'skill:ms-exel' at duties[0].supported_by[0] "
        "(did you mean 'skill:ms-excel'?)"
    )
    # the rules ran on what was read; what the typos cause names its input error
    assert [(v["rule"], v["caused_by"]["location"]["line"]) for v in data["violations"]] == [
        ("duty-coverage", 16),
        ("liability-basis", 23),
        ("right-purpose", 19),
        ("unused-requirement", 16),
    ]


def test_input_errors_in_json_and_junit(runner: CliRunner) -> None:
    args = ["check", "--no-reasoner", str(SCHEMA_PROBLEMS)]
    data = json.loads(runner.invoke(cli, [*args, "--format", "json"]).stdout)
    assert data["conforms"] is False and data["violations"] == []
    assert [e["message"] for e in data["input_errors"]] == [m for *_, m in FIVE_PROBLEMS_RU[3:]]
    junit = ET.fromstring(runner.invoke(cli, [*args, "--format", "junit"]).stdout)
    assert (junit.get("tests"), junit.get("errors")) == ("2", "2")
    cases = junit.findall("./testsuite[@name='input']/testcase")
    assert [(c.get("file"), c.get("line")) for c in cases] == [
        (_relative(SCHEMA_PROBLEMS), "5"),
        (_relative(SCHEMA_PROBLEMS), "8"),
    ]


NEW_USER = LOCATIONS / "mistakes_of_a_new_user.yaml"


def test_a_new_users_mistakes_are_all_reported_at_their_items(runner: CliRunner) -> None:
    args = ["check", "--no-reasoner", "--lang", "en", str(NEW_USER), "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    # the supervisor is read twice (the position's, the general provisions'): one problem
    assert [(e["line"], e["field"]) for e in data["input_errors"]] == [
        (11, "position.reports_to"),
        (27, "duties[0].supported_by[0]"),
    ]
    assert [
        (
            v["rule"],
            v["location"]["line"],
            v["location"]["field"],
            (v["caused_by"] or {}).get("location", {}).get("line"),
        )
        for v in data["violations"]
    ] == [
        ("discrimination", 19, "requirements[1]", None),
        ("duty-coverage", 23, "duties[0]", 27),
        ("duty-coverage", 28, "duties[1]", None),
        # the field the input error is at, not only the items below it
        ("general-provisions", 15, "position.reports_to", 11),
        ("unused-requirement", 18, "requirements[0]", 27),
    ]
    discrimination = data["violations"][0]
    # the evaluators' violations too: YAML words, norms by name
    assert discrimination["message"].endswith(
        "no federal law that permits it is cited (legal_basis)."
    )
    assert "the requirement's legal_basis" in discrimination["fix"]
    assert discrimination["source"].endswith(
        "Labour Code of the RF, art. 3, Labour Code of the RF, art. 64"
    )
    assert not [v["rule"] for v in data["violations"] if "cg:" in v["fix"] + v["message"]]


def _relative(path: Path) -> str:
    """``path`` as the machine formats write it: relative to the current folder."""
    return path.relative_to(Path.cwd()).as_posix()


# -- --watch ------------------------------------------------------------------------------------

CLOCK = re.compile(r"^\d\d:\d\d:\d\d ", re.M)
RUN = re.compile(r" \(\d+ rules, [\d.]+ s\)")  # the catalogue grows, the time varies
FAMILIARISED = "familiarisation:\n  - name: Егорова Н. С.\n    date: 2026-03-12\n"


def _watched_run(path: Path) -> CheckRun:
    inputs = GraphInputs((path,))
    return CheckRun(inputs, StoreOptions(), None, (), (), "en", reasoner=False)


def test_watch_prints_only_what_changed(tmp_path: Path) -> None:
    edited = tmp_path / "jd.yaml"
    text = FOUR_MISTAKES.read_text(encoding="utf-8")
    edited.write_text(text, encoding="utf-8")

    def edits() -> Iterator[set[tuple[int, str]]]:
        edited.write_text(text + FAMILIARISED, encoding="utf-8")  # one mistake fixed
        yield {(2, str(edited))}
        edited.write_text(text + FAMILIARISED, encoding="utf-8")  # saved again, as it was
        yield {(2, str(edited))}
        typo = text.replace("supported_by: [CRM]", "supported_by: [CRMM]") + FAMILIARISED
        edited.write_text(typo, encoding="utf-8")  # a typo: an input error and its effects
        yield {(2, str(edited))}

    printed: list[str] = []
    last = watch_checks(_watched_run(edited), edits(), echo=printed.append)
    first, fixed, same, typo, stopped = [RUN.sub("", CLOCK.sub("", p)) for p in printed]
    assert first.startswith("Errors (3)\n")
    assert first.endswith("\n3 errors, 1 warning, 0 info")
    assert fixed == (
        "2 errors, 1 warning, 0 info\nfixed: "
        f"{edited}:20:1: error[familiarisation] [familiarisation] Job description 'Job "
        "description of the regional account manager' is in force but no employee's "
        "familiarisation is recorded (familiarisation)."
    )
    assert same == "2 errors, 1 warning, 0 info\nno change"
    assert typo.split("\n")[1:] == [
        f"new: error: {edited}:53:20: unknown skill 'CRMM' at duties[2].supported_by[0] "
        "(did you mean 'CRM'?)",
        f"new: {edited}:49:5: error[duty-coverage] [duties[2]] Duty 'Keeping the regional client "
        "base in the CRM' in 'Job description of the regional account manager' is supported by "
        "no skill the position requires. Caused by: the input error (line 53).",
        f"new: {edited}:32:5: warning[unused-requirement] [requirements[4]] Position 'Regional "
        "account manager' requires 'CRM systems', which supports none of its duties.",
    ]
    assert stopped == "stopped watching"
    assert [v.rule_id for v in last.violations] == [
        "approval",
        "duty-coverage",
        "duty-coverage",
        "unused-requirement",
        "unused-requirement",
    ]


def test_watch_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    def interrupted() -> Iterator[set[tuple[int, str]]]:
        yield {(2, str(FOUR_MISTAKES))}
        raise KeyboardInterrupt

    printed: list[str] = []
    watch_checks(_watched_run(FOUR_MISTAKES), interrupted(), echo=printed.append)
    assert printed[-1] == "stopped watching"
    assert len(printed) == 3  # the report, one rerun, the goodbye


def test_watch_from_the_command_line_writes_the_report_file_at_every_run(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched: list[list[Path]] = []

    def two_changes(paths: list[Path]) -> list[set[tuple[int, str]]]:
        watched.append(list(paths))
        return [{(2, str(FOUR_MISTAKES))}, {(2, str(FOUR_MISTAKES))}]

    monkeypatch.setattr("competency_graph.cli.check._file_changes", two_changes)
    target = tmp_path / "check.sarif"
    args = ["check", "--watch", "--no-reasoner", "--lang", "en", str(FOUR_MISTAKES)]
    result = runner.invoke(cli, [*args, "--format", "sarif", "-o", str(target)])
    assert result.exit_code == 1  # the last run's violations
    assert watched == [[FOUR_MISTAKES, ontology_dir()]]
    assert result.stdout.count("no change") == 2
    assert result.stderr.count(f"wrote {target}") == 3
    assert len(json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]) == 4
    refused = runner.invoke(cli, ["check", "--watch", "--format", "json"])
    assert refused.exit_code == 2
    assert "--watch prints text; give -o FILE for another --format" in refused.stderr


class _Lines:
    """The lines a process prints, read by a thread, waited for with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.stream = stream
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def until(self, wanted: Callable[[str], bool], seconds: float) -> list[str]:
        """The lines up to the first one ``wanted`` (AssertionError after ``seconds``)."""
        deadline, taken = time.monotonic() + seconds, []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            taken.append(line)
            self.seen.append(line)
            if wanted(line):
                return taken
        raise AssertionError(f"not printed within {seconds} s; printed: {self.seen}")

    def close(self) -> None:
        """Read to the end (the process has ended) and close the pipe."""
        self.reader.join(timeout=10)
        self.stream.close()


def test_watch_follows_real_edits_of_the_file(tmp_path: Path) -> None:
    """The command itself, watchfiles and all: two saves, each answered by what changed."""
    edited = tmp_path / "jd.yaml"
    text = FOUR_MISTAKES.read_text(encoding="utf-8")
    edited.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "competency_graph", "check", "--watch", "--no-reasoner"]
    process = subprocess.Popen(
        [*command, "--lang", "en", str(edited)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    printed = _Lines(process.stdout)
    try:
        first = printed.until(lambda line: line.endswith(" 0 info") or "0 info (" in line, 120)
        assert RUN.sub("", first[-1]) == "3 errors, 1 warning, 0 info"
        edited.write_text(text + FAMILIARISED, encoding="utf-8")  # one mistake fixed
        rerun = printed.until(lambda line: line.startswith("fixed: "), 120)
        assert RUN.sub("", CLOCK.sub("", rerun[-2])) == "2 errors, 1 warning, 0 info"
        assert rerun[-1].startswith(f"fixed: {edited}:20:1: error[familiarisation]")
        edited.write_text(text, encoding="utf-8")  # and back: the mistake is new again
        back = printed.until(lambda line: line.startswith("new: "), 120)
        assert RUN.sub("", CLOCK.sub("", back[-2])) == "3 errors, 1 warning, 0 info"
        assert back[-1].startswith(f"new: {edited}:20:1: error[familiarisation]")
        process.send_signal(signal.SIGINT)  # Ctrl-C
        assert printed.until(lambda line: line == "stopped watching", 60)
        assert process.wait(timeout=60) == 1  # the last run's violations
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        printed.close()


def test_the_watch_filter_takes_the_files_and_what_is_below_the_folders(tmp_path: Path) -> None:
    jd = tmp_path / "jd" / "clerk.yaml"
    jd.parent.mkdir()
    jd.write_text("", encoding="utf-8")
    ontology = tmp_path / "ontology"
    (ontology / "shapes").mkdir(parents=True)
    folders, relevant = watch_filter([jd, ontology])
    assert folders == [jd.parent.resolve(), ontology.resolve()]
    assert relevant(2, str(jd))
    assert relevant(2, str(ontology / "shapes" / "labels.ttl"))
    assert not relevant(2, str(jd.parent / "other.yaml"))


# -- real Turtle and the reasoner ---------------------------------------------------------------

DATED = FIXTURES / "datatypes" / "approval_dated_as_protege_writes_it.ttl"


def _without_java(tmp_path: Path) -> str:
    """A PATH holding every program of the current PATH but java."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not directory or not Path(directory).is_dir():
            continue
        for program in Path(directory).iterdir():
            target = folder / program.name
            if program.name != "java" and not target.exists():
                target.symlink_to(program)
    return str(folder)


def test_xsd_dates_are_checked_like_date_times_without_a_traceback(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--lang", "en", str(DATED)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.stdout.splitlines() if "error[" in line]
    assert line == (
        f"{DATED}:44: error[approval] Job description 'Job description: manager with xsd:date "
        "dates': the agreement of 'immediate supervisor' is dated after the approval."
    )


def test_a_date_that_is_no_date_is_a_located_input_error(runner: CliRunner, tmp_path: Path) -> None:
    path = FIXTURES / "datatypes" / "dates_that_are_no_dates.ttl"
    result = runner.invoke(cli, ["check", "--no-reasoner", "--lang", "en", str(path)])
    assert result.exit_code == 2
    # all three at once, each at its statement's line
    assert result.stderr.splitlines() == [
        f'error: {path}:7: cg:date "2026"^^xsd:gYear: a date is written "2026-11-02"^^xsd:date '
        'or "2026-11-02T10:00:00"^^xsd:dateTime',
        f'error: {path}:8: cg:date "2026-02-30"^^xsd:date: not a valid xsd:date',
        f'error: {path}:11: cg:minYears "three": the ontology says its values are xsd:decimal',
    ]
    assert "Traceback" not in result.output
    # in Russian (the default), and in the SARIF file written for GitHub
    target = tmp_path / "check.sarif"
    args = ["check", "--no-reasoner", str(path), "--format", "sarif", "-o", str(target)]
    in_russian = runner.invoke(cli, args)
    assert in_russian.exit_code == 2
    results = json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r["message"]["text"])
        for r in results
    ] == [
        (
            7,
            'cg:date "2026"^^xsd:gYear: дата записывается как "2026-11-02"^^xsd:date или '
            '"2026-11-02T10:00:00"^^xsd:dateTime',
        ),
        (8, 'cg:date "2026-02-30"^^xsd:date: недопустимое значение xsd:date'),
        (11, 'cg:minYears "three": по онтологии значения этого свойства — xsd:decimal'),
    ]


def test_without_java_the_text_report_says_what_was_not_checked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _without_java(tmp_path))
    result = runner.invoke(cli, ["check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "No violations.",
        "not checked: owl-consistency not run: java is not on PATH; HermiT (owlready2) needs "
        "Java 11+",
    ]
    in_russian = runner.invoke(cli, ["check", "--lang", "ru"])
    assert in_russian.stdout.splitlines()[1] == (
        "не проверено: owl-consistency не выполнена: java нет в PATH, а HermiT (owlready2) "
        "нужна Java 11+"
    )


def test_require_reasoner_makes_a_missing_java_an_error_for_ci(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _without_java(tmp_path))
    result = runner.invoke(cli, ["check", "--lang", "en", "--require-reasoner"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: owl-consistency not run: java is not on PATH; HermiT (owlready2) needs "
        "Java 11+ (--require-reasoner)\n"
    )
    # an input error like any other: in --format, in --lang
    data = json.loads(
        runner.invoke(cli, ["check", "--require-reasoner", "--format", "json"]).stdout
    )
    assert [e["message"] for e in data["input_errors"]] == [
        "owl-consistency не выполнена: java нет в PATH, а HermiT (owlready2) нужна Java 11+ "
        "(--require-reasoner)"
    ]
    both = runner.invoke(cli, ["check", "--lang", "en", "--require-reasoner", "--no-reasoner"])
    assert both.exit_code == 2
    assert both.stderr == "error: --require-reasoner and --no-reasoner contradict each other\n"


def test_a_reasoner_failure_is_exit_2_with_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from competency_graph.checking.backends import hermit

    def fail(graph: Graph) -> hermit.ReasonerResult:
        raise hermit.ReasonerFailed("owl-consistency: HermiT could not check the graph: boom")

    monkeypatch.setattr(hermit, "run_hermit", fail)
    result = runner.invoke(cli, ["check", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == "error: owl-consistency: HermiT could not check the graph: boom\n"
    junit = ET.fromstring(runner.invoke(cli, ["check", "--format", "junit"]).stdout)
    (case,) = junit.findall("./testsuite[@name='input']/testcase")
    error = case.find("error")
    assert error is not None
    assert error.get("message") == "owl-consistency: HermiT не смог проверить граф: boom"


def test_an_imported_job_board_posting_is_screened(runner: CliRunner, tmp_path: Path) -> None:
    turtle = tmp_path / "posting.ttl"
    posting = FIXTURES / "wording" / "job_board_posting.jsonld"
    imported = runner.invoke(cli, ["import-vacancy", str(posting), "-o", str(turtle)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(
        cli,
        ["check", "--no-reasoner", "--lang", "en", "--rule", "discriminatory-wording", str(turtle)],
    )
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if "error[" in line] == [
        f"{turtle}:10: error[discriminatory-wording] The words of 'Менеджер по продажам' set a "
        "requirement on age, which the law prohibits or restricts: «до 30 лет» "
        "(skos:definition, characters 36–45).",
        f"{turtle}:10: error[discriminatory-wording] The words of 'Менеджер по продажам' set a "
        "requirement on sex, which the law prohibits or restricts: «мужчина» "
        "(skos:definition, characters 28–35).",
    ]


def test_a_former_rule_id_still_selects_the_rule(runner: CliRunner) -> None:
    path = INVALID / "discrimination" / "age-limit.ttl"
    result = runner.invoke(
        cli,
        [
            "check",
            "--no-reasoner",
            "--rule",
            "vacancy-discrimination",
            "--format",
            "json",
            str(path),
        ],
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["rules_run"] == ["discrimination"]
    assert [v["rule"] for v in report["violations"]] == ["discrimination"]
