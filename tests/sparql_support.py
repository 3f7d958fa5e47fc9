"""A fake SPARQL endpoint on loopback that answers every query with nothing and records what
it was sent (path and Authorization header): enough to see what a client puts on the wire."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    """What the fake endpoint was sent: ``(path, Authorization header)`` per request."""

    url: str
    requests: list[tuple[str, str | None]] = field(default_factory=list)


@contextmanager
def empty_endpoint() -> Iterator[Recorded]:
    """Serve an empty SPARQL endpoint on a free loopback port until the block ends."""
    recorded = Recorded("")

    class Empty(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            recorded.requests.append((self.path, self.headers.get("Authorization")))
            accept = self.headers.get("Accept", "")
            if "n-triples" in accept:
                body, media = b"", "application/n-triples"
            else:
                body = b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}'
                media = "application/sparql-results+json"
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Empty)
    recorded.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorded
    finally:
        server.shutdown()
        server.server_close()
