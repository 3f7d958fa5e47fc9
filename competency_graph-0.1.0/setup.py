"""Build step that puts the project's one ontology, JSON Schemas and example queries into
the package, so that a built wheel (``pip install .``) works from any folder.

``ontology/``, ``schema/`` and ``examples/queries/`` stay the only copies in git; building
a wheel copies them to ``competency_graph/_shipped/`` in the build folder. An editable
install copies nothing: it reads the checkout (see ``competency_graph.graph.ontology``).
Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: the project's folders copied whole, to the same relative path under competency_graph/_shipped
SHIPPED = ("ontology", "schema", "examples/queries")


class BuildWithShippedData(build_py):
    """``build_py`` that also copies the shipped data into the package being built."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "competency_graph" / "_shipped"
        for folder in SHIPPED:
            source = HERE / folder
            if not source.is_dir():
                raise SystemExit(f"cannot build: {source} is missing (the sdist must hold it)")
            shutil.copytree(source, target / folder, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithShippedData})
