"""The HR architect's loop, end to end through the command line and the API: a new job
description drafted in Russian only in YAML is checked, printed, converted to Turtle and back,
and served; a shipped description is exported to YAML, edited, and printed as its new edition.
"""

from __future__ import annotations

import json
import logging
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from rdflib import Graph
from rdflib.compare import isomorphic

from competency_graph.cli.main import cli
from competency_graph.graph.source import Source
from competency_graph.importers.inputs import load_inputs
from competency_graph.server.state import GraphState

from .conftest import FIXTURES, ONTOLOGY, REPO
from .graphql_support import client_for

DRAFT = FIXTURES / "loop" / "pharma-key-account-manager-draft.yaml"
POSITION = "position:pharma-key-account-manager"
#: the draft's duties in the order the file writes them (not the order of their ids)
WRITTEN_ORDER = [
    "Ведение ключевых клиентов — аптечных сетей и больниц",
    "Заключение договоров поставки лекарственных препаратов",
    "Консультирование клиентов по ассортименту лекарственных препаратов",
    "Анализ продаж по аптечным сетям и регионам",
    "Ведение базы ключевых клиентов в CRM",
]


#: the author's order is kept once the ontology numbers clauses (cg:Clause, another change);
#: until then documents and the API list duties by id, and these tests say so
author_order = pytest.mark.xfail(
    "cg:Clause a owl:Class" not in (ONTOLOGY / "core.ttl").read_text(encoding="utf-8"),
    reason="the author's order (numbered clauses, cg:Clause) is not in this ontology yet",
    strict=True,
)


def in_written_order(text: str) -> bool:
    """True when every duty of the draft is in ``text``, in the written order."""
    places = [text.find(label) for label in WRITTEN_ORDER]
    return -1 not in places and places == sorted(places)


def run(runner: CliRunner, *args: str) -> str:
    """Run a command that must succeed; its standard output."""
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def test_a_russian_only_draft_is_checked(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(DRAFT), "--format", "json"])
    assert result.exit_code == 0, result.output  # warnings only, below the default --fail-on
    report = json.loads(result.stdout)
    assert report["counts"] == {"error": 0, "warning": 17, "info": 0}
    assert {v["rule"] for v in report["violations"]} == {"draft-translation"}


def printed(runner: CliRunner, tmp_path: Path) -> dict[str, str]:
    """The draft as DOCX (its paragraphs), as HTML, and as HTML in English."""
    docx, html = tmp_path / "draft.docx", tmp_path / "draft.html"
    run(runner, "render", POSITION, str(DRAFT), "--format", "docx", "-o", str(docx))
    run(runner, "render", POSITION, str(DRAFT), "--format", "html", "-o", str(html))
    return {
        "docx": "\n".join(p.text for p in open_docx(BytesIO(docx.read_bytes())).paragraphs),
        "html": html.read_text(encoding="utf-8"),
        "english": run(runner, "render", POSITION, str(DRAFT), "--format", "html", "--lang", "en"),
    }


def test_a_russian_only_draft_is_printed(runner: CliRunner, tmp_path: Path) -> None:
    documents = printed(runner, tmp_path)
    assert "Статус: проект" in documents["docx"]
    assert "Status: draft" in documents["english"]
    for text in documents.values():
        # the English document prints the Russian words where the draft gives no English yet
        assert all(label in text for label in WRITTEN_ORDER)


@author_order
def test_a_russian_only_draft_is_printed_with_its_duties_in_the_written_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    documents = printed(runner, tmp_path)
    assert [in_written_order(text) for text in documents.values()] == [True, True, True]


def test_a_russian_only_draft_goes_to_turtle_and_back_unchanged(
    runner: CliRunner, tmp_path: Path
) -> None:
    turtle, back, again = tmp_path / "draft.ttl", tmp_path / "back.yaml", tmp_path / "again.ttl"
    run(runner, "convert", str(DRAFT), "-o", str(turtle))
    run(runner, "convert", str(turtle), "-o", str(back))
    run(runner, "convert", str(back), "-o", str(again))
    first = Graph().parse(turtle)
    assert len(first) > 100
    assert isomorphic(first, Graph().parse(again))
    assert all(label in back.read_text(encoding="utf-8") for label in WRITTEN_ORDER)


@author_order
def test_a_russian_only_draft_exported_again_keeps_the_written_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    turtle, back = tmp_path / "draft.ttl", tmp_path / "back.yaml"
    run(runner, "convert", str(DRAFT), "-o", str(turtle))
    run(runner, "convert", str(turtle), "-o", str(back))
    assert in_written_order(back.read_text(encoding="utf-8"))


@author_order
def test_a_russian_only_draft_is_served_with_its_duties_in_the_written_order() -> None:
    state = GraphState(Source([DRAFT], reader=load_inputs), gate=None)
    state.start()
    query = f'{{ position(id: "{POSITION}") {{ duties {{ label(lang: RU) }} }} }}'
    with client_for(state) as client:
        answer = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in answer, answer
    assert [d["label"] for d in answer["data"]["position"]["duties"]] == WRITTEN_ORDER


def test_an_exported_description_edited_is_printed_as_its_new_edition(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.chdir(REPO)  # the note names the shipped file relative to the working folder
    exported = tmp_path / "account-manager.yaml"
    run(runner, "convert", "--position", "position:account-manager", "-o", str(exported))
    old_duty = "  - duty:find-clients  # Поиск потенциальных клиентов всеми доступными способами\n"
    text = exported.read_text(encoding="utf-8")
    assert old_duty in text
    edited = (
        text.replace('version: "1.0"', 'version: "2.0"')
        .replace("status: in-force", "status: draft")
        .replace(
            old_duty,
            "  - id: find-pharmacy-clients\n"
            "    label: {ru: Поиск клиентов среди аптечных сетей,"
            " en: Finding clients among pharmacy chains}\n"
            "    supported_by: [skill:client-search]\n",
        )
    )
    exported.write_text(edited, encoding="utf-8")
    result = runner.invoke(cli, ["render", "position:account-manager", str(exported)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"note: job description of position:account-manager: edition 2.0 (draft) from "
        f"{exported} replaces edition 1.0 (in force) from ontology/positions.ttl\n"
    )
    document = result.stdout
    assert "Редакция 2.0. Статус: проект." in document
    assert "Поиск клиентов среди аптечных сетей" in document
    assert "Поиск потенциальных клиентов всеми доступными способами" not in document
    english = run(runner, "render", "position:account-manager", str(exported), "--lang", "en")
    assert "Finding clients among pharmacy chains" in english
    assert "Version 2.0. Status: draft." in english
    # a server given the file says in its log which edition replaces which
    with caplog.at_level(logging.INFO, logger="competency_graph.server.app"):
        GraphState(Source([exported], reader=load_inputs), gate=None).start()
    assert (
        f"note: job description of position:account-manager: edition 2.0 (draft) from "
        f"{exported} replaces edition 1.0 (in force) from ontology/positions.ttl"
    ) in caplog.messages
