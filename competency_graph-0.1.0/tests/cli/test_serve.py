"""The serve and export-sdl commands, and a real server process on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from competency_graph.api.schema import schema_sdl
from competency_graph.cli.main import cli
from competency_graph.importers.esco import import_esco
from competency_graph.model.cache import CACHE_FILE
from competency_graph.server.access import digest

from ..conftest import FIXTURES, REPO, doc_page
from ..graphql_support import SMALL_ORG
from ..sparql_support import empty_endpoint

SDL_FILE = REPO / "schema" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    assert SDL_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "schema/schema.graphql is stale: run `competency-graph export-sdl -o "
        "schema/schema.graphql` and commit it"
    )


def test_export_sdl_prints_or_writes(runner: CliRunner, tmp_path: Path) -> None:
    printed = runner.invoke(cli, ["export-sdl"])
    assert printed.exit_code == 0
    assert printed.stdout == schema_sdl()
    target = tmp_path / "out" / "schema.graphql"
    written = runner.invoke(cli, ["export-sdl", "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_sdl()
    assert written.stderr == f"wrote {target} ({len(schema_sdl().splitlines())} lines)\n"


def test_serve_store_reads_the_read_model_cache_on_the_second_start(
    runner: CliRunner, tmp_path: Path
) -> None:
    store = tmp_path / "esco.store"
    import_esco(FIXTURES / "esco" / "published", store, progress=False)
    serve = ["serve", "--store", str(store), "--get", "/healthz"]
    origins = []
    for extra in ([], [], ["--read-model-cache", "rebuild"], ["--read-model-cache", "off"]):
        result = runner.invoke(cli, [*serve, *extra])
        assert result.exit_code == 0, result.output
        origins.append(json.loads(result.stdout)["readModel"])
    assert [o["source"] for o in origins] == ["store", "cache", "store", "store"]
    written = f"written to {store / CACHE_FILE}"
    assert [o["cache"] for o in origins] == [
        written,
        f"read from {store / CACHE_FILE}",
        written,
        "off (--read-model-cache off)",
    ]


def small_org_args() -> list[str]:
    return ["serve", "--no-ontology", *(str(p) for p in SMALL_ORG)]


def test_serve_get_runs_one_request_in_process(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, [*small_org_args(), "--get", '/graphql?query={skill(id:"skill:crm"){label}}']
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"data": {"skill": {"label": "CRM systems"}}}


def test_serve_get_exits_1_on_an_http_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*small_org_args(), "--get", "/graphql?query=mutation{x}"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "errors": [
            {
                "message": "a mutation cannot be sent with GET; use POST",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }


def test_serve_reports_a_broken_file_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix cg: <https://w3id.org/competency-graph/ontology#> .\ncg:x cg:y\n")
    result = runner.invoke(cli, ["serve", "--no-ontology", str(broken), "--get", "/healthz"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {broken}:2:10: malformed Turtle: objectList expected\n"
    assert "Traceback" not in result.output


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.server
@pytest.mark.timeout(60)
def test_real_server_process_answers_and_reloads_on_sighup(tmp_path: Path) -> None:
    data = tmp_path / "small_org.ttl"
    data.write_text(SMALL_ORG[1].read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "competency_graph",
        "serve",
        "--no-ontology",
        str(SMALL_ORG[0]),
        str(data),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                health = httpx.get(f"{base}/healthz", timeout=1).json()
                break
            except httpx.TransportError:
                assert process.poll() is None, (tmp_path / "server.log").read_text()
                assert time.monotonic() < deadline, "server did not start in 40 s"
                time.sleep(0.2)
        assert health["status"] == "ok"
        response = httpx.post(
            f"{base}/graphql",
            json={"query": '{ skillsSupporting(duty: "duty:prepare-reports") { skill { id } } }'},
            headers={"accept": "application/graphql-response+json"},
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/graphql-response+json"
        assert response.json() == {
            "data": {"skillsSupporting": [{"skill": {"id": "skill:ms-excel"}}]}
        }
        # SIGHUP reloads; a broken edit is refused and the old graph stays
        data.write_text(data.read_text(encoding="utf-8") + "\nbroken ;;;\n", encoding="utf-8")
        os.kill(process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 20
        while httpx.get(f"{base}/healthz").json()["lastReload"]["trigger"] != "SIGHUP":
            assert time.monotonic() < deadline, "SIGHUP did not trigger a reload"
            time.sleep(0.1)
        health = httpx.get(f"{base}/healthz").json()
        assert health["status"] == "degraded"
        assert "does not load" in health["lastReload"]["message"]
        again = httpx.post(f"{base}/graphql", json={"query": '{ skill(id: "skill:crm") { id } }'})
        assert again.json() == {"data": {"skill": {"id": "skill:crm"}}}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_the_graphql_guide_shows_serve_and_export_sdl_and_every_serve_option() -> None:
    from competency_graph.cli.serve import serve

    guide = doc_page("graphql.md")
    assert "$ competency-graph serve --port 8000\n" in guide
    assert "$ competency-graph export-sdl -o schema/schema.graphql\n" in guide
    options = [o for p in serve.params if not getattr(p, "hidden", False) for o in p.opts]
    options = [o for o in options if o.startswith("--") and o != "--help"]
    assert [o for o in options if o not in doc_page("cli.md")] == []
    missing = [o for o in options if f"`{o}" not in guide]
    assert missing == []


def test_serve_get_encodes_non_ascii_like_a_browser(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, [*small_org_args(), "--get", '/graphql?query={skills(search: "язык"){totalCount}}']
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"data": {"skills": {"totalCount": 2}}}


@pytest.mark.timeout(30)
def test_serve_get_returns_a_static_file(runner: CliRunner) -> None:
    # the hand-built client behind --get once looped forever on a streamed static file
    result = runner.invoke(cli, [*small_org_args(), "--get", "/graphiql/graphiql.min.css"])
    assert result.exit_code == 0, result.output
    expected = REPO / "src" / "competency_graph" / "api" / "static" / "graphiql"
    assert result.stdout_bytes == (expected / "graphiql.min.css").read_bytes()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("path", "status_ok", "starts"),
    [
        ("/", True, b"competency-graph: GraphQL at /graphql"),
        ("/schema.graphql", True, b'"""\nA structural unit'),
        ("/console", True, b"<!doctype html>"),
        ("/positions/nope/job-description.md", False, b""),
        ("/no/such/route", False, b"Not Found"),
    ],
)
def test_serve_get_answers_every_route(
    runner: CliRunner, path: str, status_ok: bool, starts: bytes
) -> None:
    result = runner.invoke(cli, [*small_org_args(), "--get", path])
    assert result.exit_code == (0 if status_ok else 1), result.output
    assert result.stdout_bytes.startswith(starts)


def test_export_sdl_into_a_read_only_folder_is_one_line_and_exit_2(
    runner: CliRunner, small_disk: Path
) -> None:
    target = small_disk / "schema.graphql"
    target.write_text("type Query", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = runner.invoke(cli, ["export-sdl", "-o", str(target)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {target}: cannot write: Read-only file system (the previous file is left as "
        "it was)\n",
    )
    assert target.read_text(encoding="utf-8") == "type Query"


@pytest.mark.timeout(120)
def test_a_password_in_the_endpoint_url_is_in_no_answer_and_no_log_line() -> None:
    with empty_endpoint() as fake:
        host = fake.url.removeprefix("http://")
        served = subprocess.run(
            [
                sys.executable,
                "-m",
                "competency_graph",
                "serve",
                "--no-ontology",
                "--sparql-endpoint",
                f"http://bob:secret@{host}/query?token=t0k3n",
                "--log-level",
                "debug",
                "--get",
                "/healthz",
            ],
            capture_output=True,
            text=True,
            timeout=100,
            check=False,
        )
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout)["readModel"]["store"] == f"http://{host}/query?token=***"
    assert f"http://{host}/query?token=***" in served.stderr  # the log names the endpoint
    for secret in ("secret", "t0k3n", "Ym9iOnNlY3JldA"):  # Ym9i...: bob:secret in base64
        assert secret not in served.stdout + served.stderr
    assert {header for _, header in fake.requests} == {"Basic Ym9iOnNlY3JldA=="}


def test_a_password_in_the_endpoint_url_is_not_in_the_error(runner: CliRunner) -> None:
    for command in (["stats"], ["check", "--no-reasoner"]):
        args = [*command, "--sparql-endpoint", "http://bob:secret@127.0.0.1:9/query?key=k3y"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: http://127.0.0.1:9/query?key=***: cannot reach ")
        assert "secret" not in result.stderr and "k3y" not in result.stderr


def test_new_token_prints_the_token_once_and_the_entry_with_its_digest(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["new-token", "anna.hr", "--role", "editor"])
    assert result.exit_code == 0, result.output
    token = result.stderr.splitlines()[-1]
    assert result.stdout == (f"  - name: anna.hr\n    role: editor\n    sha256: {digest(token)}\n")
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text("anonymous: none\ntokens:\n" + result.stdout)
    answered = runner.invoke(
        cli, [*small_org_args(), "--tokens", str(tokens), "--get", "/graphql?query={__typename}"]
    )
    assert answered.exit_code == 1  # anonymous is refused: 401
    assert json.loads(answered.stdout)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_serve_refuses_a_broken_tokens_file_with_its_location(
    runner: CliRunner, tmp_path: Path
) -> None:
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text("tokens:\n  - {name: x, role: boss, sha256: abc}\n")
    result = runner.invoke(cli, [*small_org_args(), "--tokens", str(tokens), "--get", "/healthz"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {tokens}: tokens[0]: role must be one of reader, editor, approver, admin, "
        "not 'boss'"
    )
