"""HTTP limits of a real uvicorn server on loopback: head size and count, timeouts, 413."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ..cli.test_serve import free_port
from ..graphql_support import SMALL_ORG

pytestmark = [pytest.mark.server, pytest.mark.timeout(90)]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on the small organisation with small limits, so that tests stay fast."""
    port = free_port()
    log_path: Path = tmp_path_factory.mktemp("server") / "server.log"
    command = [
        sys.executable,
        "-m",
        "competency_graph",
        "serve",
        "--no-ontology",
        *(str(p) for p in SMALL_ORG),
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--max-headers",
        "20",
        "--head-timeout",
        "1",
        "--body-timeout",
        "1",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 40
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert process.poll() is None, log_path.read_text()
                    assert time.monotonic() < deadline, "server did not start in 40 s"
                    time.sleep(0.2)
            yield url
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    text = log_path.read_text()
    assert "Traceback" not in text, text


def raw(base: str, data: bytes, *, pause: float = 0.0) -> bytes:
    """Send ``data`` on a fresh connection and return everything the server answers."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        # the server may refuse before reading everything; its answer is still there
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        if pause:
            time.sleep(pause)
        chunks = []
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)


def test_urllib_sees_the_413_of_a_whole_20_mb_body(base: str) -> None:
    body = b'{"query": "' + b" " * 20_000_000 + b'"}'
    request = urllib.request.Request(
        f"{base}/graphql", data=body, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 413
    assert json.loads(caught.value.read()) == {
        "errors": [
            {
                "message": "the body is 20000013 bytes; the limit is 100000 bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


def test_a_huge_header_is_refused_with_431(base: str) -> None:
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n"
    answer = raw(base, head)
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert answer.endswith(b"the request head is over 32768 bytes")


def test_too_many_headers_are_refused_with_431(base: str) -> None:
    headers = b"".join(b"X-H%d: 1\r\n" % i for i in range(21))
    answer = raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")
    assert answer.endswith(b"more than 20 header fields")


def test_a_slow_head_is_timed_out_with_408(base: str) -> None:
    started = time.monotonic()
    answer = raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert answer.endswith(b"the request head did not arrive within 1 s")
    assert time.monotonic() - started < 5


def test_a_slow_body_is_timed_out_with_408(base: str) -> None:
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{"
    )
    answer = raw(base, head)
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert answer.endswith(
        b'{"errors":[{"message":"the body did not arrive within 1 s",'
        b'"extensions":{"code":"REQUEST_TIMEOUT"}}]}'
    )


def test_a_client_leaving_mid_body_is_not_logged_as_an_error(base: str) -> None:
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000\r\n\r\n{"query": '
    )
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        time.sleep(0.2)
    # the module fixture checks the log holds no traceback; the server still answers
    assert httpx.get(f"{base}/healthz").status_code == 200


def test_normal_requests_still_pass(base: str) -> None:
    response = httpx.post(f"{base}/graphql", json={"query": '{ skill(id: "skill:crm") { id } }'})
    assert response.json() == {"data": {"skill": {"id": "skill:crm"}}}
