"""A SPARQL 1.1 endpoint reached over HTTP (the SPARQL 1.1 Protocol) as a store: Oxigraph
server, Fuseki, GraphDB, Virtuoso, Neptune.

Answers are parsed by oxigraph. An endpoint's blank-node labels hold within one response
only, so the triples of a response are read with fresh labels: two responses never share a
blank node by accident, with each other or with the loaded files.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.stores import GraphStore, graph_update
from competency_graph.graph.terms import Terms, Triple, solution_rows
from competency_graph.redaction import redact_text, redact_url, split_credentials

if TYPE_CHECKING:
    from competency_graph.graph.stores.oxigraph import OxigraphStore

#: every triple of the default graph and the named graphs (the job descriptions written
#: through the server), in the one request a bulk read makes: an endpoint whose default
#: graph is already the union of its graphs answers each triple twice, which costs nothing
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_DEFAULT_GRAPH = ox.DefaultGraph()


@dataclass(frozen=True)
class Credentials:
    """HTTP basic-auth user and password for an endpoint."""

    user: str
    password: str

    def header(self) -> str:
        """The value of the ``Authorization`` header."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


class SparqlEndpoint(GraphStore):
    """A SPARQL 1.1 endpoint reached over HTTP.

    Queries are POSTed as ``application/x-www-form-urlencoded``; updates go to
    ``update_url`` (needed only to write). A ``user:password@`` in a URL is taken out of it
    and sent as basic authentication (unless ``credentials`` are given). The endpoint's
    ``name`` and every error show the URL through
    :func:`~competency_graph.redaction.redact_url`: never a password or a token.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        credentials: Credentials | None = None,
        timeout: float = 60.0,
    ) -> None:
        for url in (query_url, update_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise InputError(f"not an http(s) URL: {redact_url(url)!r}")
        self.query_url, user, password = split_credentials(query_url)
        self.update_url: str | None = None
        if update_url is not None:
            self.update_url, update_user, update_password = split_credentials(update_url)
            if user is None:
                user, password = update_user, update_password
        if credentials is None and user is not None:
            credentials = Credentials(user, password or "")
        self.credentials = credentials
        self.timeout = timeout
        self.name = redact_url(self.query_url)

    @classmethod
    def open(
        cls,
        location: str,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
    ) -> SparqlEndpoint:
        """The endpoint whose query URL is ``location``; with ``user``, basic auth (an
        absent password is empty)."""
        credentials = Credentials(user, password or "") if user is not None else None
        return cls(str(location), update_url, credentials)

    def _post(self, url: str, field: str, text: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Accept", accept)
        if self.credentials is not None:
            request.add_header("Authorization", self.credentials.header())
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise InputError(
                f"the endpoint answered {exc.code} {exc.reason}: {redact_text(detail)}",
                redact_url(url),
            ) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:  # ValueError: a bad port
            reason = getattr(exc, "reason", exc)
            raise InputError(
                f"cannot reach the SPARQL endpoint: {redact_text(str(reason))}", redact_url(url)
            ) from None

    def _all_triples(self) -> Iterator[ox.Triple]:
        """Every triple, as oxigraph parsed them (blank nodes with fresh labels)."""
        return self._constructed(ALL_TRIPLES)

    def _constructed(self, query: str) -> Iterator[ox.Triple]:
        """The triples of one CONSTRUCT response (blank nodes with fresh labels)."""
        data = self._post(self.query_url, "query", query, "application/n-triples")
        try:
            yield from ox.parse(data, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True)
        except SyntaxError as exc:
            raise InputError(f"the endpoint sent malformed N-Triples: {exc}", self.name) from None

    def triples(self) -> Iterator[Triple]:
        terms = Terms()
        for triple in self._all_triples():
            yield terms.triple(triple.subject, triple.predicate, triple.object)

    def construct(self, query: str) -> Iterator[Triple]:
        terms = Terms()
        for triple in self._constructed(query):
            yield terms.triple(triple.subject, triple.predicate, triple.object)

    def construct_into(self, query: str, target: OxigraphStore) -> int:
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, _DEFAULT_GRAPH)
            for t in self._constructed(query)
        ]
        target.bulk_extend(quads)
        return len(quads)

    def load_into(self, target: OxigraphStore) -> None:
        # the parsed oxigraph terms straight into the bulk loader: no rdflib term between
        target.bulk_extend(
            ox.Quad(t.subject, t.predicate, t.object, _DEFAULT_GRAPH) for t in self._all_triples()
        )

    def select(self, query: str) -> list[dict[str, Node]]:
        data = self._post(self.query_url, "query", query, "application/sparql-results+json")
        try:
            solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise InputError(f"the endpoint sent malformed results: {exc}", self.name) from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise InputError("the endpoint answered a SELECT query with a boolean", self.name)
        return solution_rows(solutions)

    def insert(self, graph: Graph) -> None:
        url = self._update_url()
        # N-Triples written by rdflib: every term escaped by the serialiser, nothing pasted
        data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self._post(url, "update", f"INSERT DATA {{\n{data}\n}}", "*/*")

    def replace_graph(self, name: str, graph: Graph | None) -> None:
        self._post(self._update_url(), "update", graph_update(name, graph), "*/*")

    def _update_url(self) -> str:
        """Where updates go, or why there is nowhere."""
        if self.update_url is None:
            raise InputError(
                "this endpoint has no update URL; writing needs one (--sparql-update-endpoint)",
                self.name,
            )
        return self.update_url

    def wait_until_ready(self, seconds: float = 10.0) -> None:
        """Poll the endpoint until it answers (a server just started), or raise."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.select("SELECT * WHERE { } LIMIT 1")
                return
            except InputError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
