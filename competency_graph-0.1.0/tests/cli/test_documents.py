"""The render, export-vacancy, import-vacancy and picture commands: files written, text on
stdout, exit code 2 and one clean line for bad ids, paths and options."""

from __future__ import annotations

import json
import sys
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from competency_graph.cli.documents import export_vacancy, import_vacancy, picture, render
from competency_graph.cli.main import cli
from competency_graph.graph.files import load_files
from competency_graph.model.domain import Place, Text
from competency_graph.model.readmodel import build_read_model
from tests.conftest import doc_page
from tests.rendering_support import CORE, EMPLOYER_EXAMPLE, FIXTURE, FIXTURE_POSITION

VAC = "https://w3id.org/competency-graph/id/vacancy/"
ORGANIZATION = "https://w3id.org/competency-graph/id/organization/"

FIXTURE_ONLY = ["--no-ontology", str(CORE), str(FIXTURE)]


def test_render_markdown_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["render", FIXTURE_POSITION, "--lang", "en", *FIXTURE_ONLY])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("**APPROVED**\\\n")
    assert "## 4. Responsibility" in result.stdout


def test_render_docx_and_html_to_files(runner: CliRunner, tmp_path: Path) -> None:
    docx_path, html_path = tmp_path / "jd.docx", tmp_path / "jd.html"
    args = ["render", FIXTURE_POSITION, *FIXTURE_ONLY]
    result = runner.invoke(cli, [*args, "--format", "docx", "-o", str(docx_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {docx_path} (")
    paragraphs = [p.text for p in open_docx(BytesIO(docx_path.read_bytes())).paragraphs]
    assert "УТВЕРЖДАЮ" in paragraphs
    result = runner.invoke(cli, [*args, "--format", "html", "--lang", "en", "-o", str(html_path)])
    assert result.exit_code == 0
    assert "<h2>2. Duties</h2>" in html_path.read_text(encoding="utf-8")


def test_render_errors_exit_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    cases = [
        (["render", "position:nobody", *FIXTURE_ONLY], "error: unknown position 'position:nobody'"),
        (["render", FIXTURE_POSITION, "--format", "docx", *FIXTURE_ONLY], "needs a file"),
        (
            ["render", FIXTURE_POSITION, "-o", str(tmp_path / "no" / "x.md"), *FIXTURE_ONLY],
            "cannot write: No such file or directory",
        ),
        (["render", FIXTURE_POSITION, str(tmp_path / "missing.ttl")], "no such file"),
        (["render", "position:test-general-director", *FIXTURE_ONLY], "has no job description"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_export_then_import_a_vacancy(runner: CliRunner, tmp_path: Path) -> None:
    jsonld, turtle = tmp_path / "all.jsonld", tmp_path / "all.ttl"
    result = runner.invoke(cli, ["export-vacancy", "--all", "-o", str(jsonld), *FIXTURE_ONLY])
    assert result.exit_code == 0, result.output
    document = json.loads(jsonld.read_text(encoding="utf-8"))
    assert [p["identifier"]["value"] for p in document["@graph"]] == [
        "vacancy:test-posting-1",
        "vacancy:test-posting-2",
    ]
    # --lang defaults to ru, as for every other command
    assert document["@context"]["@language"] == "ru"
    assert document["@graph"][0]["title"] == "Вакансия: менеджер по работе с клиентами"
    result = runner.invoke(cli, ["import-vacancy", str(jsonld), "-o", str(turtle)])
    assert result.exit_code == 0, result.output
    model = build_read_model(load_files([CORE, turtle], follow_imports=False).graph)
    assert sorted(v.id for v in model.vacancies.values()) == [
        "vacancy:test-posting-1",
        "vacancy:test-posting-2",
    ]
    assert model.vacancies[VAC + "test-posting-1"].label == Text(
        ru="Вакансия: менеджер по работе с клиентами"
    )


def test_export_one_vacancy_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export-vacancy", "vacancy:test-posting-2", *FIXTURE_ONLY])
    assert result.exit_code == 0
    posting = json.loads(result.stdout)
    assert posting["cg:salaryByAgreement"] is True
    assert "hiringOrganization" not in posting


def test_export_with_the_employer_the_graph_does_not_hold(runner: CliRunner) -> None:
    args = ["export-vacancy", "--all", "--employer", "ООО «Ромашка»", "--employment-type"]
    result = runner.invoke(
        cli, [*args, "FULL_TIME", "--employment-type", "PART_TIME", *FIXTURE_ONLY]
    )
    assert result.exit_code == 0, result.output
    for posting in json.loads(result.stdout)["@graph"]:
        assert posting["hiringOrganization"] == {"@type": "Organization", "name": "ООО «Ромашка»"}
        assert posting["employmentType"] == ["FULL_TIME", "PART_TIME"]


def test_the_employer_the_graph_states_wins_over_the_flags(
    runner: CliRunner, tmp_path: Path
) -> None:
    jsonld, turtle = tmp_path / "bank.jsonld", tmp_path / "bank.ttl"
    vacancy = "vacancy:romashka-bank-account-manager"
    args = ["export-vacancy", vacancy, str(EMPLOYER_EXAMPLE), "-o", str(jsonld)]
    result = runner.invoke(cli, [*args, "--employer", "Other", "--employment-type", "INTERN"])
    assert result.exit_code == 0, result.output
    posting = json.loads(jsonld.read_text(encoding="utf-8"))
    assert posting["hiringOrganization"]["name"] == "АО «Банк Ромашка»"
    assert posting["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    # and import-vacancy reads them back
    result = runner.invoke(cli, ["import-vacancy", str(jsonld), "-o", str(turtle)])
    assert result.exit_code == 0, result.output
    model = build_read_model(load_files([CORE, turtle], follow_imports=False).graph)
    imported = model.vacancies[VAC + "romashka-bank-account-manager"]
    assert imported.employment_types == ("FULL_TIME", "TEMPORARY")
    assert imported.hiring_organization == ORGANIZATION + "romashka-bank"
    assert model.organizations[ORGANIZATION + "romashka-bank"].label.ru == "АО «Банк Ромашка»"


def test_dates_and_a_workplace_fill_in_for_vacancies_that_state_none(
    runner: CliRunner, tmp_path: Path
) -> None:
    jsonld, turtle = tmp_path / "all.jsonld", tmp_path / "all.ttl"
    args = ["export-vacancy", "--all", "--lang", "en", "--date-posted", "2026-11-20"]
    args += ["--valid-through", "2026-12-31T18:00:00+03:00", "--location", "Kazan, Tatarstan, RU"]
    result = runner.invoke(cli, [*args, "-o", str(jsonld), *FIXTURE_ONLY])
    assert result.exit_code == 0, result.output
    for posting in json.loads(jsonld.read_text(encoding="utf-8"))["@graph"]:
        assert posting["datePosted"] == "2026-11-20"
        assert posting["validThrough"] == "2026-12-31T18:00:00+03:00"
        assert posting["jobLocation"] == {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Kazan",
                "addressRegion": "Tatarstan",
                "addressCountry": "RU",
            },
        }
    result = runner.invoke(cli, ["import-vacancy", str(jsonld), "-o", str(turtle)])
    assert result.exit_code == 0, result.output
    model = build_read_model(load_files([CORE, turtle], follow_imports=False).graph)
    (place,) = model.vacancies[VAC + "test-posting-1"].locations
    assert place == Place(locality=Text(en="Kazan"), region=Text(en="Tatarstan"), country="RU")
    # --remote: a TELECOMMUTE posting for applicants in that country
    result = runner.invoke(
        cli, ["export-vacancy", "vacancy:test-posting-2", "--remote", "RU", *FIXTURE_ONLY]
    )
    assert result.exit_code == 0, result.output
    posting = json.loads(result.stdout)
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "RU"}


def test_vacancy_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@type": "JobPosting"}', encoding="utf-8")
    bad_date = tmp_path / "bad-date.jsonld"
    bad_date.write_text(
        '{"@id": "vacancy:x", "@type": "JobPosting", "validThrough": "2026-13-01"}',
        encoding="utf-8",
    )
    shifts = tmp_path / "shifts.jsonld"
    shifts.write_text(
        '{"@id": "vacancy:x", "@type": "JobPosting", "employmentType": "SHIFTS"}',
        encoding="utf-8",
    )
    cases = [
        (["export-vacancy", *FIXTURE_ONLY], "give either a VACANCY id or --all"),
        (["export-vacancy", "vacancy:x", "--all", *FIXTURE_ONLY], "give either"),
        (["export-vacancy", "vacancy:nothing", *FIXTURE_ONLY], "unknown vacancy 'vacancy:nothing'"),
        (["import-vacancy", str(tmp_path / "none.jsonld")], "no such file"),
        (["import-vacancy", str(bad)], f"{bad}: JobPosting.@id: missing"),
        (
            ["import-vacancy", str(shifts)],
            f"{shifts}: JobPosting.employmentType: unknown employment type 'SHIFTS'",
        ),
        (
            ["export-vacancy", "--all", "--employment-type", "SHIFTS", *FIXTURE_ONLY],
            "Invalid value for '--employment-type': 'SHIFTS' is not one of 'FULL_TIME',",
        ),
        (
            ["export-vacancy", "--all", "--date-posted", "2026-02-30", *FIXTURE_ONLY],
            "error: --date-posted: '2026-02-30' is not a date or date-time (ISO 8601",
        ),
        (
            [
                "export-vacancy",
                "--all",
                "--date-posted",
                "2026-11-20",
                "--valid-through",
                "2026-11-01",
                *FIXTURE_ONLY,
            ],
            "error: --valid-through 2026-11-01 is before --date-posted 2026-11-20",
        ),
        (
            ["export-vacancy", "--all", "--location", "Moscow", *FIXTURE_ONLY],
            "error: --location: 'Moscow': expected 'LOCALITY, REGION, COUNTRY'",
        ),
        (
            ["export-vacancy", "--all", "--location", "RU", "--remote", "RU", *FIXTURE_ONLY],
            "error: give either --location or --remote",
        ),
        (
            ["import-vacancy", str(bad_date)],
            f"{bad_date}: JobPosting.validThrough: '2026-13-01' is not a date or date-time",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr


def test_pictures_to_files_and_stdout(runner: CliRunner, tmp_path: Path) -> None:
    png = tmp_path / "coverage.png"
    args = ["picture", "coverage", FIXTURE_POSITION, "--format", "png", "-o", str(png)]
    result = runner.invoke(cli, [*args, *FIXTURE_ONLY])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = runner.invoke(cli, ["picture", "org", "--lang", "en", *FIXTURE_ONLY])
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("<?xml")
    assert "Account manager" in result.stdout
    result = runner.invoke(cli, ["picture", "org", "--format", "png", *FIXTURE_ONLY])
    assert result.exit_code == 2
    assert "binary output needs a file" in result.stderr
    result = runner.invoke(cli, ["picture", "coverage", "position:x", *FIXTURE_ONLY])
    assert result.exit_code == 2
    assert "unknown position 'position:x'" in result.stderr


def test_every_rendering_command_is_shown_in_the_documents_guide() -> None:
    block = doc_page("documents.md")
    for command in (render, export_vacancy, import_vacancy, picture):
        assert f"$ competency-graph {command.name} " in block, command.name
    for name in ("coverage", "org"):
        assert f"$ competency-graph picture {name} " in block


def test_the_documents_guide_shows_what_export_vacancy_prints_for_the_employer_example(
    runner: CliRunner,
) -> None:
    guide = doc_page("documents.md")
    vacancy = "vacancy:romashka-bank-account-manager"
    command = f"$ competency-graph export-vacancy {vacancy} examples/vacancies/"
    shown = guide.split(f"{command}{EMPLOYER_EXAMPLE.name}\n", 1)[1].split("```", 1)[0]
    _, excerpt, _ = shown.split("...\n")
    result = runner.invoke(cli, ["export-vacancy", vacancy, str(EMPLOYER_EXAMPLE)])
    assert result.exit_code == 0, result.output
    for key in ("title", "datePosted", "jobLocation", "hiringOrganization", "employmentType"):
        assert f'"{key}"' in excerpt, key
    assert excerpt in result.stdout


def test_a_feature_whose_extra_is_missing_says_which_to_install_and_exits_2(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # an install without the extras: the writers' libraries cannot be imported
    for library in ("matplotlib", "docx"):
        monkeypatch.setitem(sys.modules, library, None)
    for writer in ("pictures", "word"):
        monkeypatch.delitem(sys.modules, f"competency_graph.rendering.{writer}", raising=False)
    picture = runner.invoke(cli, ["picture", "org", *FIXTURE_ONLY])
    assert (picture.exit_code, picture.stderr) == (
        2,
        "error: pictures need the 'pictures' extra: pip install 'competency-graph[pictures]'\n",
    )
    docx = tmp_path / "jd.docx"
    args = ["render", FIXTURE_POSITION, "--format", "docx", "-o", str(docx), *FIXTURE_ONLY]
    word = runner.invoke(cli, args)
    assert (word.exit_code, word.stderr) == (
        2,
        "error: DOCX documents need the 'docx' extra: pip install 'competency-graph[docx]'\n",
    )
    assert not docx.exists()
    assert runner.invoke(cli, ["render", FIXTURE_POSITION, *FIXTURE_ONLY]).exit_code == 0


DISCRIMINATORY = (
    Path(__file__).resolve().parents[2]
    / "examples/job-descriptions/invalid/discrimination/job-description-requirements.yaml"
)
DISCRIMINATORY_POSITION = "position:sales-manager-with-personal-requirements"


def test_render_refuses_a_description_the_law_prohibits(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["render", DISCRIMINATORY_POSITION, "--lang", "en", str(DISCRIMINATORY)]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 7
    assert lines[0] == (
        f"error: {DISCRIMINATORY}:34:5: [discrimination] 'Sales manager with personal "
        "requirements' sets a requirement on age, a ground of discrimination (Labour Code art. 3, "
        "64): stated "
        "as a preference («желательно») with no federal law that permits it, it discriminates "
        "all the same."
    )
    assert lines[-1] == (
        "error: not rendered: the job description states what the law prohibits (above); "
        "correct it, or give --force to render it anyway"
    )


def test_render_force_writes_it_and_still_says_why(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["render", DISCRIMINATORY_POSITION, "--force", "--lang", "en", str(DISCRIMINATORY)]
    )
    assert result.exit_code == 0
    assert "\n- nationality: русский (essential)\n" in result.stdout
    assert len(result.stderr.splitlines()) == 6
