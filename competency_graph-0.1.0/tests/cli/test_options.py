"""The one convention every command follows: positional input files (RDF or YAML/JSON job
descriptions), --ontology DIR / --no-ontology, --lang ru by default, -o/--output, exit 2."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from competency_graph import atomic
from competency_graph.cli.main import cli
from competency_graph.cli.options import DEFAULT_LANG, write_output
from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.graph.ontology import entry_file, ontology_dir

from ..conftest import FIXTURES, ONTOLOGY

JD_INPUT = FIXTURES / "jd_input"
#: the core vocabulary, the rules and what the sales clerk's YAML refers to: a quarter
#: of the shipped ontology, which every test would otherwise load
SMALL = ["--no-ontology", str(ONTOLOGY / "core.ttl"), str(ONTOLOGY / "rules.ttl")]
SMALL += [str(JD_INPUT / "small-model.ttl")]
CLERK_YAML = str(JD_INPUT / "sales-clerk.yaml")

#: every command that loads a graph, as it is spelt before its input files
GRAPH_COMMANDS = [
    ("check",),
    ("stats",),
    ("serve",),
    ("render",),
    ("convert",),
    ("export-vacancy",),
    ("picture", "coverage"),
    ("picture", "org"),
]


def command(path: tuple[str, ...]) -> click.Command:
    """The command at ``path`` (``("picture", "org")``)."""
    found: click.Command = cli
    for name in path:
        assert isinstance(found, click.Group)
        found = found.commands[name]
    return found


def every_command(
    group: click.Group = cli, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand with its path of names."""
    found = []
    for name, sub in group.commands.items():
        found.append(((*path, name), sub))
        if isinstance(sub, click.Group):
            found += every_command(sub, (*path, name))
    return found


def option_names(cmd: click.Command) -> set[str]:
    return {opt for param in cmd.params for opt in param.opts}


def test_every_command_with_input_files_takes_both_ontology_options() -> None:
    with_paths = {
        path: cmd for path, cmd in every_command() if any(p.name == "paths" for p in cmd.params)
    }
    assert sorted(with_paths) == sorted(GRAPH_COMMANDS)
    for path, cmd in with_paths.items():
        paths = next(p for p in cmd.params if p.name == "paths")
        assert isinstance(paths, click.Argument) and paths.nargs == -1, path
        assert {"--ontology", "--no-ontology"} <= option_names(cmd), path


def test_rules_and_import_esco_take_the_ontology_folder() -> None:
    assert "--ontology" in option_names(command(("rules",)))
    assert "--ontology" in option_names(command(("import", "esco")))


def test_lang_is_russian_by_default_for_every_command_that_has_it() -> None:
    with_lang = {
        " ".join(path): next(p for p in cmd.params if p.name == "lang")
        for path, cmd in every_command()
        if any(p.name == "lang" for p in cmd.params)
    }
    assert sorted(with_lang) == [
        "check",
        "export-vacancy",
        "picture coverage",
        "picture org",
        "render",
        "rules",
    ]
    assert DEFAULT_LANG == "ru"
    for name, option in with_lang.items():
        assert option.default == "ru", name
        assert isinstance(option.type, click.Choice) and list(option.type.choices) == ["ru", "en"]


def test_every_output_option_is_spelt_dash_o_and_output() -> None:
    for path, cmd in every_command():
        output = [p for p in cmd.params if "--output" in p.opts]
        if output:
            assert output[0].opts == ["--output", "-o"] or output[0].opts == ["-o", "--output"], (
                path
            )


# -- a YAML job description wherever RDF is read ----------------------------------------------


def test_check_reads_a_yaml_job_description_beside_rdf(runner: CliRunner) -> None:
    args = ["check", *SMALL, CLERK_YAML, "--no-reasoner", "--format", "json"]
    result = runner.invoke(cli, [*args, "--rule", "labels"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["violations"] == []


def test_stats_counts_the_position_of_a_yaml_job_description(runner: CliRunner) -> None:
    without = runner.invoke(cli, ["stats", *SMALL, "--format", "json"])
    with_yaml = runner.invoke(cli, ["stats", *SMALL, CLERK_YAML, "--format", "json"])
    assert with_yaml.exit_code == 0, with_yaml.output
    before, after = json.loads(without.stdout), json.loads(with_yaml.stdout)
    assert (before["positions"], after["positions"]) == (3, 4)
    assert (before["job_descriptions"], after["job_descriptions"]) == (0, 1)


def test_render_renders_the_position_a_yaml_file_describes(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", "position:sales-clerk", *SMALL, CLERK_YAML])
    assert result.exit_code == 0, result.output
    assert "Делопроизводитель отдела продаж" in result.stdout
    assert "Подготовка отчётов о продажах" in result.stdout


def test_pictures_draw_the_position_a_yaml_file_describes(runner: CliRunner) -> None:
    coverage = ["picture", "coverage", "position:sales-clerk", "--lang", "en"]
    result = runner.invoke(cli, [*coverage, *SMALL, CLERK_YAML])
    assert result.exit_code == 0, result.output
    assert "Preparing sales reports" in result.stdout
    result = runner.invoke(cli, ["picture", "org", "--lang", "en", *SMALL, CLERK_YAML])
    assert result.exit_code == 0, result.output
    assert "Sales clerk" in result.stdout


def test_export_vacancy_all_reads_a_yaml_file_like_rdf(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export-vacancy", "--all", *SMALL, CLERK_YAML])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["@graph"] == []


def test_serve_serves_the_position_a_yaml_file_describes(runner: CliRunner) -> None:
    query = '/graphql?query={position(id:"position:sales-clerk"){label}}'
    result = runner.invoke(cli, ["serve", *SMALL, CLERK_YAML, "--get", query])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"data": {"position": {"label": "Sales clerk"}}}


def test_serve_with_a_store_refuses_a_job_description_in_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["serve", CLERK_YAML, "--store", str(tmp_path), "--get", "/"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {CLERK_YAML}: with --store or --sparql-endpoint, serve reads RDF files only; "
        "check a job description against the store with `check --store`\n"
    )


def test_a_broken_yaml_file_is_one_located_line_for_every_command(runner: CliRunner) -> None:
    broken = str(ONTOLOGY.parent / "examples/job-descriptions/invalid/unknown-skill.yaml")
    expected = (
        f"error: {broken}:12:20: unknown skill 'Exel' at duties[0].supported_by[0] "
        "(did you mean 'Excel'?)\n"
    )
    for args in (["stats", broken], ["picture", "org", broken], ["render", "position:x", broken]):
        result = runner.invoke(cli, args)
        assert (result.exit_code, result.stderr) == (2, expected), args


# -- --ontology DIR and --no-ontology ---------------------------------------------------------


@pytest.fixture(scope="module")
def ontology_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped ontology copied, with one more position and one rule retitled."""
    folder = tmp_path_factory.mktemp("copy") / "ontology"
    shutil.copytree(ONTOLOGY, folder)
    with (folder / "positions.ttl").open("a", encoding="utf-8") as positions:
        positions.write(
            "\n<https://w3id.org/competency-graph/id/position/copy-clerk> a cg:Position ;\n"
            '    rdfs:label "Клерк копии"@ru , "Copy clerk"@en .\n'
        )
    rules = folder / "rules.ttl"
    text = rules.read_text(encoding="utf-8")
    assert text.count('"Approval and agreement"@en') == 1
    rules.write_text(text.replace('"Approval and agreement"@en', '"Copied approval"@en'), "utf-8")
    return folder


def test_stats_counts_the_ontology_folder_it_is_given(
    runner: CliRunner, ontology_copy: Path
) -> None:
    shipped = json.loads(runner.invoke(cli, ["stats", "--format", "json"]).stdout)
    copied = runner.invoke(cli, ["stats", "--ontology", str(ontology_copy), "--format", "json"])
    assert copied.exit_code == 0, copied.output
    assert json.loads(copied.stdout)["positions"] == shipped["positions"] + 1
    assert ontology_dir() == ONTOLOGY  # put back when the command ended


def test_check_render_and_serve_find_a_position_only_the_given_ontology_has(
    runner: CliRunner, ontology_copy: Path
) -> None:
    position = ["--position", "position:copy-clerk", "--rule", "labels"]
    result = runner.invoke(cli, ["check", *position, "--ontology", str(ontology_copy)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["check", *position, "--lang", "en"]).stderr == (
        "error: unknown position 'position:copy-clerk'\n"
    )
    query = '/graphql?query={position(id:"position:copy-clerk"){label}}'
    served = runner.invoke(cli, ["serve", "--ontology", str(ontology_copy), "--get", query])
    assert json.loads(served.stdout) == {"data": {"position": {"label": "Copy clerk"}}}


def test_rules_come_from_the_given_ontology(runner: CliRunner, ontology_copy: Path) -> None:
    args = ["rules", "--format", "json", "--lang", "en"]
    result = runner.invoke(cli, [*args, "--ontology", str(ontology_copy)])
    titles = {rule["id"]: rule["title"] for rule in json.loads(result.stdout)}
    assert titles["approval"] == "Copied approval"


def test_a_folder_without_an_ontology_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["stats", "--ontology", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {tmp_path}: not an ontology folder: no competency-graph.ttl in this folder\n",
    )
    missing = tmp_path / "nowhere"
    result = runner.invoke(cli, ["rules", "--ontology", str(missing)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {missing}: not an ontology folder: no such folder\n",
    )


def test_ontology_and_no_ontology_together_are_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats", "--ontology", str(ONTOLOGY), "--no-ontology"])
    assert result.exit_code == 2
    assert "Error: give --ontology DIR or --no-ontology, not both" in result.stderr


def test_no_ontology_reads_only_the_files_and_their_imports(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats", *SMALL, "--format", "json"])
    alone = load_files([Path(p) for p in SMALL[1:]])
    assert entry_file() not in alone.files
    assert json.loads(result.stdout)["triples"] == len(alone.graph)


# -- the deprecated --data spelling ------------------------------------------------------------


def test_data_still_works_with_a_one_line_note(runner: CliRunner) -> None:
    as_data = ["stats", "--format", "json", "--no-ontology", "-d", SMALL[1], "--data", SMALL[3]]
    old = runner.invoke(cli, as_data)
    new = runner.invoke(cli, ["stats", "--format", "json", "--no-ontology", SMALL[1], SMALL[3]])
    assert old.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert old.stderr == (
        "note: --data/-d is deprecated: give input files as arguments, as every command "
        "takes them\n"
    )
    assert "--data" not in runner.invoke(cli, ["render", "--help"]).stdout


# -- output ----------------------------------------------------------------------------------


def test_write_output_prints_text_writes_files_and_refuses_binary_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_output("-", "text\n")
    target = tmp_path / "out.bin"
    write_output(str(target), b"\x00\x01")
    assert capsys.readouterr() == ("text\n", f"wrote {target} (2 bytes)\n")
    assert target.read_bytes() == b"\x00\x01"
    with pytest.raises(InputError, match="binary output needs a file: give -o FILE"):
        write_output("-", b"\x00")
    with pytest.raises(InputError) as caught:
        write_output(str(tmp_path / "no" / "x.txt"), "x")
    assert (
        str(caught.value) == f"{tmp_path / 'no' / 'x.txt'}: cannot write: No such file or directory"
    )


#: every command that writes a file with -o, as it is spelt before -o FILE
WRITING_COMMANDS = [
    ["check", "--format", "sarif", *SMALL, CLERK_YAML],
    ["export-sdl"],
    ["render", "position:sales-clerk", *SMALL, CLERK_YAML],
    ["convert", *SMALL, CLERK_YAML],
    ["export-vacancy", "--all", *SMALL, CLERK_YAML],
    ["import-vacancy", "POSTING"],
    ["picture", "coverage", "position:sales-clerk", *SMALL, CLERK_YAML],
    ["picture", "org", *SMALL, CLERK_YAML],
]


def test_every_command_that_writes_a_file_is_tested_on_a_full_disk() -> None:
    writing = {
        " ".join(path)
        for path, found in every_command()
        if any(p.name == "output" for p in found.params)
    }
    tested = set()
    for args in WRITING_COMMANDS:
        found: click.Command = cli
        names = []
        for name in args:  # the leading arguments that name a command and its subcommand
            if not isinstance(found, click.Group) or name not in found.commands:
                break
            found, names = found.commands[name], [*names, name]
        tested.add(" ".join(names))
    # import esco's -o names the store folder, written by its own tests (tests/importers)
    assert writing - {"import esco"} == tested


@pytest.mark.parametrize(
    ("failing", "code"), [("fsync", errno.ENOSPC), ("_create_beside", errno.EROFS)]
)
@pytest.mark.parametrize("args", WRITING_COMMANDS, ids=lambda args: "-".join(args[:2]))
def test_a_full_or_read_only_disk_keeps_the_previous_file_and_exits_2_with_one_line(
    runner: CliRunner,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    failing: str,
    code: int,
) -> None:
    posting = tmp_path_factory.mktemp("posting") / "posting.jsonld"
    posting.write_text('{"@id": "vacancy:x", "@type": "JobPosting"}', encoding="utf-8")
    args = [str(posting) if arg == "POSTING" else arg for arg in args]
    previous = tmp_path / "previous.out"
    previous.write_text("the report of yesterday", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    # a full disk fails when the data is flushed; a read-only one when the file is created
    monkeypatch.setattr(atomic.os if failing == "fsync" else atomic, failing, fail)
    result = runner.invoke(cli, [*args, "-o", str(previous)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {previous}: cannot write: {os.strerror(code)} (the previous file is left as it "
        "was)\n",
    )
    assert previous.read_text(encoding="utf-8") == "the report of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["previous.out"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("zero.yaml", lambda p: p.symlink_to("/dev/zero"), "a device (a link to /dev/zero)"),
        (
            "random.json",
            lambda p: p.symlink_to("/dev/urandom"),
            "a device (a link to /dev/urandom)",
        ),
        ("pipe.yaml", os.mkfifo, "a named pipe (FIFO)"),
        ("loop.ttl", lambda p: p.symlink_to(p), "a loop of symbolic links"),
    ],
    ids=["dev-zero", "dev-urandom", "fifo", "link-loop"],
)
def test_a_special_file_is_one_line_and_exit_2_at_once(
    runner: CliRunner, tmp_path: Path, name: str, make: Callable[[Path], None], message: str
) -> None:
    special = tmp_path / name
    make(special)
    result = runner.invoke(cli, ["check", *SMALL, str(special)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {special}: {message}")
    assert result.stderr.count("\n") == 1
