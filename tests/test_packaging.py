"""The distributions: the sdist holds what its tests need, and the wheel built from it works
from any folder with the ontology, JSON Schemas and example queries packaged inside it.

The wheel is installed (not editable) into a fresh virtual environment. To stay offline
and fast, that environment sees this one's third-party packages through a ``.pth`` line;
``.pth`` files in a folder added that way are not processed, so this environment's editable
install of competency-graph is invisible there and the wheel's copy is the one imported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from competency_graph import __version__
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.stats import compute_stats

from .conftest import EXAMPLES, REPO

pytestmark = pytest.mark.packaging

SHIPPED = "competency_graph/_shipped"
#: folders the sdist must hold whole: the tests, what they read, and what the build copies
SDIST_FOLDERS = ("tests", "ontology", "schema", "examples", "bench", "docs", "scripts")


@dataclass
class Built:
    """The sdist, the wheel built from it, and how long each step took."""

    sdist: Path
    wheel: Path
    seconds: dict[str, float] = field(default_factory=dict)


def run(args: Sequence[str | Path], cwd: Path | None = None, check: bool = True) -> str:
    """Run a command; its stdout, or a failure that shows its stderr."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("COMPETENCY_GRAPH_ONTOLOGY", "PYTHONPATH")
    }
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def files_under(folder: Path) -> set[str]:
    """Every file under ``folder`` (caches left out), relative to the repository."""
    return {
        path.relative_to(REPO).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """``python -m build --sdist``, then a wheel built from the unpacked sdist (as ``build``
    does), both without build isolation so no package is downloaded."""
    out = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", out, REPO])
    (sdist,) = out.glob("*.tar.gz")
    sdist_done = time.perf_counter()
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            archive.extractall(out / "unpacked", filter="data")
        else:  # pragma: no cover
            archive.extractall(out / "unpacked")
    (source,) = (out / "unpacked").iterdir()
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    run([*pip_wheel, "--no-index", "--wheel-dir", out, source])
    (wheel,) = out.glob("*.whl")
    yield Built(
        sdist,
        wheel,
        {"sdist": sdist_done - started, "wheel": time.perf_counter() - sdist_done},
    )


def test_the_sdist_holds_the_tests_their_data_and_what_the_build_reads(built: Built) -> None:
    with tarfile.open(built.sdist) as archive:
        prefix = f"competency_graph-{__version__}/"
        names = {name.removeprefix(prefix) for name in archive.getnames()}
    assert {"tests/conftest.py", "tests/fixtures/sarif-schema-2.1.0.json", "setup.py"} <= names
    assert {"LICENSE", "README.md", "pyproject.toml", "MANIFEST.in"} <= names
    for folder in SDIST_FOLDERS:
        missing = files_under(REPO / folder) - names
        assert not missing, f"the sdist lacks {sorted(missing)[:5]}"


def test_the_wheel_holds_the_ontology_schemas_and_example_queries(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        names = set(archive.namelist())
        for folder in ("ontology", "schema", "examples/queries"):
            for name in files_under(REPO / folder):
                # byte for byte the repository's one copy
                assert archive.read(f"{SHIPPED}/{name}") == (REPO / name).read_bytes(), name
        metadata = archive.read(f"competency_graph-{__version__}.dist-info/METADATA").decode()
    assert f"{SHIPPED}/ontology/competency-graph.ttl" in names
    assert f"{SHIPPED}/ontology/rules.ttl" in names
    assert f"{SHIPPED}/ontology/shapes/job-descriptions.ttl" in names
    assert f"{SHIPPED}/schema/job-description.schema.json" in names
    assert f"{SHIPPED}/examples/queries/position.graphql" in names
    assert f"competency_graph-{__version__}.dist-info/licenses/LICENSE" in names
    assert {name.split("/")[0] for name in names} == {
        "competency_graph",
        f"competency_graph-{__version__}.dist-info",
    }
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata
    assert "Provides-Extra: pictures" in metadata and "Provides-Extra: docx" in metadata
    assert 'Requires-Dist: matplotlib<4,>=3.8; extra == "pictures"' in metadata
    # the web pages' forms: a clean install without it answered every sign-in with a 500
    assert "Requires-Dist: python-multipart>=0.0.9" in metadata


def test_the_installed_wheel_runs_from_any_folder_with_the_packaged_ontology(
    built: Built, tmp_path: Path, shipped: LoadedGraph
) -> None:
    started = time.perf_counter()
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(
        run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    )
    # third-party packages from this environment (see the module docstring)
    (site / "dev-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            built.wheel,
        ]
    )
    installed = time.perf_counter()
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    imported = run(
        [python, "-c", "import competency_graph; print(competency_graph.__file__)"], anywhere
    )
    assert Path(imported.strip()) == site / "competency_graph" / "__init__.py"
    cli = venv / "bin" / "competency-graph"
    packaged = {
        "path": str(site / SHIPPED / "ontology"),
        "origin": "package",
        "reason": f"packaged with competency-graph {__version__}",
    }

    stats = json.loads(run([cli, "stats", "--format", "json"], anywhere))
    assert stats["ontology"] == packaged
    expected = compute_stats(shipped.graph)
    assert {k: stats[k] for k in expected.counts} == expected.counts
    text = run([cli, "stats"], anywhere)
    assert text.splitlines()[0] == f"ontology: {packaged['path']} ({packaged['reason']})"

    # a job description is read with the packaged JSON Schema
    description = anywhere / "description.yaml"
    shutil.copy(
        EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml", description
    )
    report = json.loads(
        run([cli, "check", "--no-reasoner", "--format", "json", description.name], anywhere)
    )
    assert report["conforms"] is True
    assert report["files"][0] == str(site / SHIPPED / "ontology" / "competency-graph.ttl")

    health = json.loads(run([cli, "serve", "--get", "/healthz"], anywhere))
    assert (health["status"], health["ontology"]) == ("ok", packaged)
    assert health["schemas"]["path"] == str(site / SHIPPED / "schema")
    assert health["examples"]["path"] == str(site / SHIPPED / "examples" / "queries")
    ran = time.perf_counter()
    seconds = {**built.seconds, "install": installed - started, "commands": ran - installed}
    print("packaging test seconds:", {k: round(v, 1) for k, v in seconds.items()})
