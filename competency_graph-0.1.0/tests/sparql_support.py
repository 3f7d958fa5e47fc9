"""SPARQL endpoints on loopback for tests: a fake one that answers every query with nothing
and records what it was sent (path and Authorization header): enough to see what a client
puts on the wire; and one that answers from a pyoxigraph store and records the queries."""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox


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


@dataclass
class Queried:
    """What the store-backed endpoint was asked: each query text, in order."""

    url: str
    queries: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)

    @property
    def update_url(self) -> str:
        """Where the endpoint takes SPARQL updates (``store_endpoint(..., updates=True)``)."""
        return self.url.rsplit("/", 1)[0] + "/update"


@contextmanager
def store_endpoint(store: ox.Store, *, updates: bool = False) -> Iterator[Queried]:
    """Serve ``store`` as a SPARQL endpoint on a free loopback port until the block ends
    (SELECT answered as SPARQL JSON results, CONSTRUCT as N-Triples); with ``updates``, it
    also runs the updates POSTed to ``/update``, else it is read-only."""
    queried = Queried("")

    class FromStore(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            fields = urllib.parse.parse_qs(form.decode("utf-8"))
            if updates and self.path == "/update" and "update" in fields:
                queried.updates.append(fields["update"][0])
                store.update(fields["update"][0])
                self.send_response(204)
                self.end_headers()
                return
            query = fields["query"][0]
            queried.queries.append(query)
            found = store.query(query)
            if isinstance(found, ox.QueryTriples):
                body = found.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
                media = "application/n-triples"
            else:
                body = found.serialize(format=ox.QueryResultsFormat.JSON) or b""
                media = "application/sparql-results+json"
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FromStore)
    queried.url = f"http://127.0.0.1:{server.server_address[1]}/query"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield queried
    finally:
        server.shutdown()
        server.server_close()
