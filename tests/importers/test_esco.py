"""``import esco``: exact triples from a hand-made ESCO-shaped fixture, clear errors, and the
published data's counts (when ../shared/data/esco-v1.1.1 is present)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from competency_graph.cli.main import cli
from competency_graph.errors import InputError
from competency_graph.graph.source import Source
from competency_graph.graph.stores.oxigraph import OxigraphStore
from competency_graph.importers import store_writer
from competency_graph.importers.esco import ATTRIBUTION, ImportResult, import_esco
from competency_graph.model import cache as model_cache
from competency_graph.model.cache import CACHE_FILE, load_read_model

from ..conftest import FIXTURES

PUBLISHED = FIXTURES / "esco" / "published"
ARCHIVES = {
    "classification-en-csv.zip": ("occupations_en.csv", "skills_en.csv", "ISCOGroups_en.csv"),
    "relations-csv.zip": (
        "occupationSkillRelations.csv",
        "skillSkillRelations.csv",
        "broaderRelationsOccPillar.csv",
        "broaderRelationsSkillPillar.csv",
    ),
}


def zipped(folder: Path, replace: dict[str, str] | None = None, leave_out: str = "") -> Path:
    """The fixture CSVs packed like the published archives (members optionally edited)."""
    folder.mkdir(parents=True, exist_ok=True)
    for archive, members in ARCHIVES.items():
        with zipfile.ZipFile(folder / archive, "w", zipfile.ZIP_DEFLATED) as packed:
            for member in members:
                if member == leave_out:
                    continue
                text = (replace or {}).get(member) or (PUBLISHED / member).read_text("utf-8")
                packed.writestr(member, text)
    return folder


def store_graph(path: Path) -> Graph:
    """Everything in an oxigraph store, as an rdflib graph."""
    store = ox.Store.read_only(str(path))
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=data, format="nt")


def assert_same_graph(found: Graph, expected: Graph) -> None:
    if not isomorphic(found, expected):
        _both, only_found, only_expected = graph_diff(to_isomorphic(found), to_isomorphic(expected))
        extra = sorted(only_found.serialize(format="nt").splitlines())
        missing = sorted(only_expected.serialize(format="nt").splitlines())
        raise AssertionError(f"unexpected: {extra}\nmissing: {missing}")


def test_zips_become_exactly_the_expected_triples(tmp_path: Path) -> None:
    result = import_esco(zipped(tmp_path / "esco"), tmp_path / "store", progress=False)
    expected = Graph().parse(FIXTURES / "esco" / "expected.ttl")
    assert_same_graph(store_graph(tmp_path / "store"), expected)
    assert (result.occupations, result.skills, result.links) == (2, 3, 3)
    assert (result.skill_relations, result.broader, result.groups, result.matches) == (1, 2, 1, 6)
    assert result.triples == len(expected)


def test_an_unpacked_folder_gives_the_same_triples(tmp_path: Path) -> None:
    import_esco(PUBLISHED, tmp_path / "store", progress=False)
    expected = Graph().parse(FIXTURES / "esco" / "expected.ttl")
    assert_same_graph(store_graph(tmp_path / "store"), expected)


def test_cli_imports_and_prints_the_attribution(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "esco.store"
    result = runner.invoke(cli, ["import", "esco", str(zipped(tmp_path / "in")), "-o", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "imported 2 occupations, 3 skills, 3 occupation-skill links, 1 skill-skill relations, "
        "2 broader links, 1 groups, 6 matches to the shipped ontology: 56 triples in "
    )
    built = result.stdout.splitlines()[-2]
    assert built.startswith("read model built in ")
    assert built.endswith(f" s, written to {store / CACHE_FILE}")
    assert result.stdout.splitlines()[-1] == ATTRIBUTION
    assert result.stderr == "building the read model for a fast first start...\n"
    assert load_read_model(Source(store=OxigraphStore.open(store))).origin == "cache"


def test_cli_can_leave_the_read_model_uncached(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "esco.store"
    source = zipped(tmp_path / "in")
    result = runner.invoke(
        cli, ["import", "esco", str(source), "-o", str(store), "--no-read-model-cache"]
    )
    assert result.exit_code == 0, result.output
    assert "read model" not in result.output
    assert not (store / CACHE_FILE).exists()


def test_a_read_model_that_cannot_be_built_leaves_the_store_imported(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(*args: object, **kwargs: object) -> None:
        raise InputError("malformed Turtle: objectList expected", "core.ttl", 4)

    monkeypatch.setattr(model_cache, "load_read_model", unreadable)
    store = tmp_path / "esco.store"
    result = runner.invoke(cli, ["import", "esco", str(zipped(tmp_path / "in")), "-o", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2] == (
        "note: read model not cached: core.ttl:4: malformed Turtle: objectList expected"
    )
    assert len(store_graph(store)) == 56


def test_an_existing_store_is_kept_without_force(tmp_path: Path, runner: CliRunner) -> None:
    source = zipped(tmp_path / "in")
    store = tmp_path / "esco.store"
    assert runner.invoke(cli, ["import", "esco", str(source), "-o", str(store)]).exit_code == 0
    again = runner.invoke(cli, ["import", "esco", str(source), "-o", str(store)])
    assert again.exit_code == 2
    assert again.stderr == f"error: {store}: already exists (give --force to replace it)\n"
    forced = runner.invoke(cli, ["import", "esco", str(source), "-o", str(store), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(store_graph(store)) == 56


def test_a_wrong_path_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", "esco", str(tmp_path / "nowhere"), "-o", "x.store"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'nowhere'}: no such folder (expected the folder holding the ESCO "
        "CSV zips)\n"
    )


def test_a_missing_member_is_named(tmp_path: Path, runner: CliRunner) -> None:
    source = zipped(tmp_path / "in", leave_out="skillSkillRelations.csv")
    result = runner.invoke(cli, ["import", "esco", str(source), "-o", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {source}: missing ESCO member(s): skillSkillRelations.csv (expected in a "
        "*.zip archive or as unpacked CSV files)\n"
    )


@pytest.mark.parametrize(
    ("member", "bad_row", "message"),
    [
        (
            "occupationSkillRelations.csv",
            "http://data.europa.eu/esco/occupation/x,sometimes,knowledge,http://data.europa.eu/esco/skill/y",
            "row 4: malformed row: relationType is 'sometimes', expected 'essential' or 'optional'",
        ),
        (
            "occupationSkillRelations.csv",
            "http://data.europa.eu/esco/occupation/x,essential",
            "row 4 (line 5): malformed row: expected 4 fields",
        ),
        (
            "broaderRelationsSkillPillar.csv",
            "KnowledgeSkillCompetence,not an iri,SkillGroup,http://data.europa.eu/esco/isced-f/00",
            "row 2: malformed row: conceptUri is not an IRI: 'not an iri'",
        ),
    ],
)
def test_a_malformed_row_is_named_and_nothing_is_written(
    tmp_path: Path, runner: CliRunner, member: str, bad_row: str, message: str
) -> None:
    text = (PUBLISHED / member).read_text("utf-8").rstrip("\n") + "\n" + bad_row + "\n"
    source = zipped(tmp_path / "in", replace={member: text})
    target = tmp_path / "out" / "esco.store"
    result = runner.invoke(cli, ["import", "esco", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {source / 'relations-csv.zip'}:{member}: {message}\n"
    # every file is read before the store is begun: no store, no scratch folder, no folder
    assert not (tmp_path / "out").exists()


# -- interrupted imports and full disks ------------------------------------------------------


@pytest.mark.timeout(120)
def test_the_scratch_folder_of_a_killed_import_is_removed_by_the_next(
    tmp_path: Path, runner: CliRunner
) -> None:
    source, store = zipped(tmp_path / "in"), tmp_path / "out" / "esco.store"
    # an import that stops half-way through its conversion, killed there with SIGKILL
    stalled = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from competency_graph.importers import esco\n"
        "def stall(*args, **kwargs):\n"
        "    yield from []\n"
        "    print('converting', flush=True)\n"
        "    time.sleep(600)\n"
        "esco.convert = stall\n"
        "esco.import_esco(Path(sys.argv[1]), Path(sys.argv[2]), matches={})\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", stalled, str(source), str(store)], stdout=subprocess.PIPE
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while not [p for p in (tmp_path / "out").glob(".esco.store.*") if (p / "CURRENT").exists()]:
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    process.kill()
    process.wait()
    process.stdout.close()
    [left] = (tmp_path / "out").iterdir()
    assert left.name.startswith(".esco.store.")
    result = runner.invoke(cli, ["import", "esco", str(source), "-o", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"note: removed {left}, left by an import that was interrupted"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["esco.store"]
    assert len(store_graph(store)) == 56


@pytest.mark.parametrize(
    ("failing", "error", "reason"),
    [
        (
            "store",
            OSError("IO error: While appending to file: x/000004.log: No space left on device"),
            "No space left on device",
        ),
        ("scratch", OSError(errno.EROFS, os.strerror(errno.EROFS)), "Read-only file system"),
    ],
    ids=["full-disk", "read-only"],
)
def test_a_full_or_read_only_disk_is_one_line_and_keeps_the_previous_store(
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
    error: OSError,
    reason: str,
) -> None:
    source, store = zipped(tmp_path / "in"), tmp_path / "out" / "esco.store"
    assert runner.invoke(cli, ["import", "esco", str(source), "-o", str(store)]).exit_code == 0

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if failing == "store":
        monkeypatch.setattr(store_writer.ox, "Store", fail)
    else:
        monkeypatch.setattr(store_writer.tempfile, "mkdtemp", fail)
    result = runner.invoke(cli, ["import", "esco", str(source), "-o", str(store), "--force"])
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {store}: cannot write the store: {reason} (nothing was imported; an existing "
        "store is left as it was)\n",
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["esco.store"]
    assert len(store_graph(store)) == 56


@pytest.mark.esco
def test_the_published_data_imports_completely(esco_import: ImportResult) -> None:
    assert esco_import.occupations == 3007
    assert esco_import.skills == 13896
    assert esco_import.links == 123855
    assert esco_import.orphan_links == 67  # one occupation missing from occupations_en.csv
    assert esco_import.skill_relations == 5899
    assert esco_import.broader == 3617 + 20656
    assert esco_import.seconds > 0  # how long is bench/bench_esco.py's to say, not a test's


# -- groups and languages --------------------------------------------------------------------

MORE = FIXTURES / "esco" / "more"
ESCO = "http://data.europa.eu/esco/"
KEY_ACCOUNT = f"{ESCO}occupation/2eac08c2-a81a-46fc-8d75-eb0e0f3e0f6d"


def with_groups_and_german(folder: Path) -> list[Path]:
    """The fixture with two skill groups over the skills, and a German classification zip
    apart from the folder (as the download gives it): the sources to import."""
    english = zipped(
        folder / "en",
        replace={
            "broaderRelationsSkillPillar.csv": (MORE / "broaderRelationsSkillPillar.csv").read_text(
                "utf-8"
            )
        },
    )
    with zipfile.ZipFile(english / "classification-en-csv.zip", "a") as packed:
        packed.write(MORE / "skillGroups_en.csv", "skillGroups_en.csv")
    german = folder / "classification-de-csv.zip"
    with zipfile.ZipFile(german, "w") as packed:
        for member in ("occupations_de.csv", "skills_de.csv", "ISCOGroups_de.csv"):
            packed.write(MORE / member, member)
    return [english, german]


def test_groups_and_other_languages_become_triples(tmp_path: Path) -> None:
    result = import_esco(with_groups_and_german(tmp_path), tmp_path / "store", progress=False)
    assert result.languages == ("en", "de")
    assert (result.occupations, result.skills, result.groups, result.broader) == (2, 3, 3, 4)
    found = {
        (s.n3(), p.n3(), o.n3()) for s, p, o in store_graph(tmp_path / "store")
    }  # the German file's third concept is in no English file: left out
    group = f"<{ESCO}skill/S1.6>"
    skos, rdfs = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2000/01/rdf-schema#"
    cg = "https://w3id.org/competency-graph/ontology#"
    expected = {
        (group, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{cg}SkillGroup>"),
        (group, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{skos}Concept>"),
        (group, f"<{rdfs}label>", '"negotiating"@en'),
        (group, f"<{skos}notation>", '"S1.6"'),
        (group, f"<{skos}broader>", f"<{ESCO}skill/S1>"),
        (f"<{KEY_ACCOUNT}>", f"<{rdfs}label>", '"Key-Account-Manager/Key-Account-Managerin"@de'),
        (f"<{KEY_ACCOUNT}>", f"<{skos}altLabel>", '"Kundenbetreuer/Kundenbetreuerin"@de'),
        (
            f"<{KEY_ACCOUNT}>",
            f"<{skos}definition>",
            '"Key-Account-Manager betreuen den Verkauf an bestimmte Kunden."@de',
        ),
        (
            f"<{ESCO}isco/C1420>",
            f"<{rdfs}label>",
            '"Führungskräfte in Vertrieb, Marketing und Entwicklung"@de',
        ),
    }
    assert expected <= found
    assert not [t for t in found if "99999999" in t[0]]
    assert result.summary().startswith(
        "imported 2 occupations, 3 skills, 3 occupation-skill links, 1 skill-skill relations, "
        "4 broader links, 3 groups, 6 matches to the shipped ontology in 2 languages: "
        f"{result.triples} triples in "
    )


def test_cli_takes_several_folders_and_archives(tmp_path: Path, runner: CliRunner) -> None:
    sources = [str(p) for p in with_groups_and_german(tmp_path / "in")]
    store = tmp_path / "esco.store"
    result = runner.invoke(cli, ["import", "esco", *sources, "-o", str(store)])
    assert result.exit_code == 0, result.output
    assert " in 2 languages: " in result.stdout
    cached = load_read_model(Source(store=OxigraphStore.open(store)))
    assert cached.origin == "cache"
    assert cached.model.positions[KEY_ACCOUNT].label.get("de") == (
        "Key-Account-Manager/Key-Account-Managerin"
    )


def test_a_file_that_is_neither_folder_nor_zip_is_named(tmp_path: Path, runner: CliRunner) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    result = runner.invoke(cli, ["import", "esco", str(text), "-o", str(tmp_path / "s")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {text}: not a folder (expected the folder holding the ESCO CSV zips) or a "
        "zip archive\n",
    )
