"""Defaults of the server's HTTP limits (cheap to import: ``serve --help`` shows them)."""

from __future__ import annotations

from dataclasses import dataclass

#: most bytes in a request line plus headers (nginx allows 4 buffers of 8 KiB)
DEFAULT_MAX_HEAD_BYTES = 32 * 1024
#: most header fields in one request
DEFAULT_MAX_HEADERS = 100
#: seconds a client may take to send its request head
DEFAULT_HEAD_TIMEOUT = 10.0
#: seconds a client may take to send a request body
DEFAULT_BODY_TIMEOUT = 30.0
#: an oversized body is read (and dropped) up to this many bytes before the 413 is sent
DEFAULT_MAX_DRAIN_BYTES = 32 * 1024 * 1024
#: seconds an idle keep-alive connection stays open (uvicorn's default)
DEFAULT_KEEP_ALIVE_TIMEOUT = 5
#: seconds one heavy operation (check, checkJobDescription, matchPositions) may run
DEFAULT_HEAVY_TIMEOUT = 120.0
#: heavy operations running at once; one more is answered 503 with Retry-After
DEFAULT_MAX_HEAVY = 2
#: seconds a thread may hold the GIL while another waits for it (Python's default is 0.005):
#: shorter, so that the event loop answers cheap queries between the heavy threads' steps
DEFAULT_SWITCH_INTERVAL = 0.001
#: open connections plus requests in progress before new requests get a 503
DEFAULT_MAX_CONNECTIONS = 1000


@dataclass(frozen=True)
class HttpLimits:
    """Bounds on one request head; see :mod:`competency_graph.server.http`."""

    max_head_bytes: int = DEFAULT_MAX_HEAD_BYTES
    max_headers: int = DEFAULT_MAX_HEADERS
    head_timeout: float = DEFAULT_HEAD_TIMEOUT
