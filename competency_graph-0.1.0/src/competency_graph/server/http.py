"""uvicorn's httptools protocol with the limits of a production server.

uvicorn bounds neither the size nor the number of request headers under httptools, and
times out only idle keep-alive connections, not a client that sends its request head a
byte at a time. :func:`bounded_protocol` adds all three: a head over ``max_head_bytes``
(request line and headers) or with over ``max_headers`` headers is answered 431, and a head
not complete within ``head_timeout`` seconds of its first byte (or of the connection) is
answered 408; either closes the connection. The body has its own timeout in the app.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from competency_graph.server.limits import HttpLimits


class _Refused(Exception):
    """Raised from a parser callback to stop parsing a head we refuse."""


def _response(status: int, reason: str, message: str) -> bytes:
    body = message.encode("ascii")
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """:class:`HttpToolsProtocol` enforcing :attr:`limits` on every request head."""

    limits = HttpLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_bytes = 0
        self.header_count = 0
        self.reading_head = True  # until the headers of the current request are complete
        self.refusal: bytes | None = None
        self.head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.refusal is not None:
            return
        if self.reading_head:
            self.head_bytes += len(data)
            self._arm_head_timer()
        super().data_received(data)
        if self.reading_head and self.head_bytes > self.limits.max_head_bytes:
            self._refuse_too_large(f"the request head is over {self.limits.max_head_bytes} bytes")

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_count += 1
        if self.header_count > self.limits.max_headers:
            self.refusal = _response(
                431,
                "Request Header Fields Too Large",
                f"more than {self.limits.max_headers} header fields",
            )
            raise _Refused
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self.reading_head = False
        self._disarm_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # the next request on this connection starts a new head
        self.reading_head = True
        self.head_bytes = 0
        self.header_count = 0

    def send_400_response(self, msg: str) -> None:
        if self.refusal is None:
            super().send_400_response(msg)
            return
        self._send_refusal()

    def _refuse_too_large(self, message: str) -> None:
        self.refusal = _response(431, "Request Header Fields Too Large", message)
        self._send_refusal()

    def _send_refusal(self) -> None:
        assert self.refusal is not None
        self._disarm_head_timer()
        if not self.transport.is_closing():
            self.transport.write(self.refusal)
            self.transport.close()

    def _arm_head_timer(self) -> None:
        if self.head_timer is None:
            self.head_timer = self.loop.call_later(self.limits.head_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_timed_out(self) -> None:
        self.head_timer = None
        if self.reading_head and (self.cycle is None or self.cycle.response_complete):
            self.refusal = _response(
                408,
                "Request Timeout",
                f"the request head did not arrive within {self.limits.head_timeout:g} s",
            )
            self._send_refusal()


def bounded_protocol(limits: HttpLimits) -> type[BoundedHttpToolsProtocol]:
    """A protocol class for ``uvicorn.run(http=...)`` enforcing ``limits``."""
    return type("BoundedHttpToolsProtocol", (BoundedHttpToolsProtocol,), {"limits": limits})
