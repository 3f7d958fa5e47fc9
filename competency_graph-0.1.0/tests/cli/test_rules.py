"""``rules``: the catalogue as a table or JSON, in either language."""

from __future__ import annotations

import json

from click.testing import CliRunner

from competency_graph.cli.main import cli

from ..conftest import EXAMPLES, shipped_rule_ids

DUTY_COVERAGE = (
    EXAMPLES / "job-descriptions" / "invalid" / "duty-coverage" / "duty-without-required-skill.ttl"
)


def test_rules_lists_the_catalogue(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert [rule["id"] for rule in rules] == shipped_rule_ids()
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["liability-limit"]["severity"] == "error"
    assert by_id["liability-limit"]["sourceNorms"] == [
        "norm:labour-code-art-192",
        "norm:labour-code-art-241",
        "norm:labour-code-art-243",
        "norm:labour-code-art-244",
    ]
    assert by_id["template-duties"]["severity"] == "warning"


def test_rule_sources_come_in_the_requested_language(runner: CliRunner) -> None:
    def source(lang: str) -> str:
        result = runner.invoke(cli, ["rules", "--format", "json", "--lang", lang])
        (familiarisation,) = [r for r in json.loads(result.stdout) if r["id"] == "familiarisation"]
        return str(familiarisation["source"])

    assert source("en") == (
        "Job-description practice: the description ends with the employee's signature that "
        "they have read it; Labour Code of the RF, art. 68"
    )
    assert source("ru") == (
        "Практика должностных инструкций: инструкция завершается подписью работника об "
        "ознакомлении; ТК РФ, ст. 68"
    )
    checked = runner.invoke(cli, ["check", "--no-reasoner", "--lang", "ru", str(DUTY_COVERAGE)])
    assert (
        "    источник:  Практика должностных инструкций: каждая обязанность обеспечена "
        "требуемой компетенцией.\n" in checked.stdout
    )
