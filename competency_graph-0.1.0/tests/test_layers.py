"""The package's layers, held by import-linter (the contracts are in pyproject.toml).

From the top: cli > server > web > api > rendering > checking > importers > model > graph >
errors | namespaces. A module imports only from its own package or the ones below it,
lazily inside a function included; and only cli/ imports click.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.mark.parametrize("contract", ["layers", "click"])
def test_the_import_contract_is_kept(contract: str) -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--contract", contract],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # the report names each import that breaks the contract, with its line
    assert result.returncode == 0, result.stdout + result.stderr
