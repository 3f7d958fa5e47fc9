"""Shared fixtures: the shipped graph is loaded once per test session."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from rdflib import Graph

from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.importers.esco import ImportResult
from competency_graph.namespaces import CG

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ONTOLOGY = REPO / "ontology"
EXAMPLES = REPO / "examples"
DOCS = REPO / "docs"


def doc_page(name: str) -> str:
    """The text of ``docs/<name>``, the user documentation that tests hold to the product."""
    return (DOCS / name).read_text(encoding="utf-8")


def shipped_rule_ids() -> list[str]:
    """The ids of the rules in ``ontology/rules.ttl``, sorted: tests that count rules count
    these (the catalogue grows; no test names its size)."""
    rules = Graph().parse(ONTOLOGY / "rules.ttl", format="turtle")
    return sorted(str(rule_id) for rule_id in rules.objects(None, CG.ruleId))


def bench_script(name: str) -> ModuleType:
    """``bench/<name>.py`` loaded as a module (the benchmarks are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def shipped() -> LoadedGraph:
    """The shipped ontology with every import resolved."""
    return load_graph()


@pytest.fixture()
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    return CliRunner()


# -- ESCO at scale: the published data, imported once per session --------------------------
ESCO_DATA = REPO.parent / "shared" / "data" / "esco-v1.1.1"


@pytest.fixture(scope="session")
def esco_import(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    """The real ESCO v1.1.1 imported into a store in a temporary folder (~12 s, once)."""
    if not (ESCO_DATA / "relations-csv.zip").is_file():
        pytest.skip(f"ESCO data not found at {ESCO_DATA} (the shared data folder beside the clone)")
    from competency_graph.importers.esco import import_esco

    return import_esco(ESCO_DATA, tmp_path_factory.mktemp("esco") / "esco.store", progress=False)


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, mounted for the test (skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
