"""The graph the product reads: embedded or remote, behind one small interface.

A :class:`GraphStore` is where the triples live:

- :class:`RdflibStore`: an rdflib graph in memory (the shipped ontology, as loaded today);
- :class:`OxigraphStore`: a pyoxigraph store, in memory or on disk (what
  ``competency-graph import esco`` writes; reopening it takes milliseconds);
- :class:`SparqlEndpoint`: any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB,
  Virtuoso, Neptune), with a query URL, an optional update URL and optional basic-auth
  credentials.

The product never queries a store per request: :meth:`GraphStore.triples` hands over every
triple in one bulk read (one pattern scan, or one ``CONSTRUCT`` over HTTP, so blank nodes
keep one identity), and :class:`TripleIndex` indexes them once for the read model
(:func:`competency_graph.model.readmodel.build_read_model_from_store`). This is the only module
that talks SPARQL to a store; it never pastes user strings into a query: the few queries it
sends are constants, and written data is serialised term by term by oxigraph.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from competency_graph.errors import InputError

Triple = tuple[Node, Node, Node]
#: files the product keeps in a store folder (the read-model cache) start with this; they are
#: not part of the store (oxigraph's RocksDB leaves files it does not know alone)
OWN_FILE_PREFIX = "competency-graph."
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_XSD_STRING = str(XSD.string)


class GraphStore(ABC):
    """Where the triples the product reads are kept."""

    #: how the store is named in messages and ``/healthz`` (a path or a URL, no credentials)
    name: str = ""

    @abstractmethod
    def triples(self) -> Iterator[Triple]:
        """Every triple of the default graph (the union graph for endpoints), in one bulk read."""

    @abstractmethod
    def select(self, query: str) -> list[dict[str, Node]]:
        """Run a constant SELECT query; rows map variable names to rdflib terms."""

    @abstractmethod
    def insert(self, graph: Graph) -> None:
        """Add the triples of ``graph`` (all or nothing)."""

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(str(rows[0]["n"])) if rows else 0


class RdflibStore(GraphStore):
    """An rdflib graph: what the product has always read."""

    def __init__(self, graph: Graph, name: str = "rdflib graph") -> None:
        self.graph = graph
        self.name = name

    def triples(self) -> Iterator[Triple]:
        yield from self.graph

    def select(self, query: str) -> list[dict[str, Node]]:
        return [
            {str(k): v for k, v in row.asdict().items()}  # type: ignore[union-attr]
            for row in self.graph.query(query)
        ]

    def insert(self, graph: Graph) -> None:
        self.graph += graph

    def __len__(self) -> int:
        return len(self.graph)


class OxigraphStore(GraphStore):
    """A pyoxigraph store, in memory or on disk.

    A store opened from disk knows its ``folder`` and the :func:`folder_fingerprint` the
    folder had when it was opened (None when the folder changed while it was being opened):
    what the read-model cache is keyed on.
    """

    def __init__(
        self,
        store: ox.Store,
        name: str = "oxigraph (in memory)",
        folder: Path | None = None,
        fingerprint: str | None = None,
    ) -> None:
        self.store = store
        self.name = name
        self.folder = folder
        self.fingerprint = fingerprint

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> OxigraphStore:
        """Open the store folder at ``path`` (``import esco`` makes one)."""
        if not path.is_dir() or not (path / "CURRENT").is_file():
            reason = "no such store" if not path.exists() else "not an oxigraph store folder"
            raise InputError(f"{reason} (make one with `competency-graph import esco`)", path)
        before = folder_fingerprint(path)
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise InputError(f"cannot open the store: {exc}", path) from None
        # a read-only open changes no file: equal fingerprints mean nobody wrote meanwhile
        after = folder_fingerprint(path) if read_only else None
        return cls(store, str(path), path, before if before == after else None)

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphStore:
        """An in-memory store holding the triples of ``graph``."""
        found = cls(ox.Store())
        found.insert(graph)
        return found

    def triples(self) -> Iterator[Triple]:
        terms = _Terms()
        for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield terms.triple(quad.subject, quad.predicate, quad.object)

    def select(self, query: str) -> list[dict[str, Node]]:
        solutions = self.store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return _rows(solutions)

    def insert(self, graph: Graph) -> None:
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.store)


def folder_fingerprint(folder: Path) -> str:
    """A digest of the name, size and modification time (ns) of every file in ``folder``
    (and below), leaving out the product's own files (:data:`OWN_FILE_PREFIX`, hidden or not).

    Opening an oxigraph store read-only changes none of these; every write through
    oxigraph appends to a log file or makes new files, so changes a size or a name even on
    file systems with coarse modification times.
    """
    listing = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            if name.lstrip(".").startswith(OWN_FILE_PREFIX):  # the cache, or its temporary file
                continue
            path = Path(root, name)
            try:
                found = path.stat()
            except FileNotFoundError:  # removed while listing (a compaction): still a change
                continue
            relative = path.relative_to(folder).as_posix()
            listing.append(f"{relative}\t{found.st_size}\t{found.st_mtime_ns}")
    return hashlib.sha256("\n".join(listing).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Credentials:
    """HTTP basic-auth user and password for an endpoint."""

    user: str
    password: str

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


class SparqlEndpoint(GraphStore):
    """A SPARQL 1.1 endpoint reached over HTTP (the SPARQL 1.1 Protocol).

    Queries are POSTed as ``application/x-www-form-urlencoded``; updates go to
    ``update_url`` (needed only to write). Errors become :class:`InputError`\\ s that name
    the URL (never the password).
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
                raise InputError(f"not an http(s) URL: {url!r}")
        self.query_url = query_url
        self.update_url = update_url
        self.credentials = credentials
        self.timeout = timeout
        self.name = query_url

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
                f"the endpoint answered {exc.code} {exc.reason}: {detail}", url
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(f"cannot reach the SPARQL endpoint: {reason}", url) from None

    def triples(self) -> Iterator[Triple]:
        data = self._post(self.query_url, "query", ALL_TRIPLES, "application/n-triples")
        terms = _Terms()
        try:
            for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
                yield terms.triple(triple.subject, triple.predicate, triple.object)
        except SyntaxError as exc:
            raise InputError(f"the endpoint sent malformed N-Triples: {exc}", self.name) from None

    def select(self, query: str) -> list[dict[str, Node]]:
        data = self._post(self.query_url, "query", query, "application/sparql-results+json")
        try:
            solutions = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise InputError(f"the endpoint sent malformed results: {exc}", self.name) from None
        assert isinstance(solutions, ox.QuerySolutions)
        return _rows(solutions)

    def insert(self, graph: Graph) -> None:
        if self.update_url is None:
            raise InputError("this endpoint has no update URL; writing needs one", self.name)
        # N-Triples written by rdflib: every term escaped by the serialiser, nothing pasted
        data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self._post(self.update_url, "update", f"INSERT DATA {{\n{data}\n}}", "*/*")

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


def _rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    """SELECT solutions as rows mapping each bound variable to an rdflib term."""
    terms = _Terms()
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = terms.term(value)
        rows.append(row)
    return rows


class _Terms:
    """oxigraph terms -> rdflib terms, each distinct IRI and literal made once."""

    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}
        self.literals: dict[tuple[str, str | None, str], Literal] = {}
        self.blanks: dict[str, BNode] = {}

    def term(self, term: Any) -> Node:
        kind = type(term)
        if kind is ox.NamedNode:
            value: str = term.value
            found = self.iris.get(value)
            if found is None:
                found = self.iris[value] = URIRef(value)
            return found
        if kind is ox.Literal:
            key = (term.value, term.language, term.datatype.value)
            literal = self.literals.get(key)
            if literal is None:
                if key[1]:
                    literal = Literal(key[0], lang=key[1])
                elif key[2] == _XSD_STRING:
                    literal = Literal(key[0])
                else:
                    literal = Literal(key[0], datatype=URIRef(key[2]))
                self.literals[key] = literal
            return literal
        if kind is ox.BlankNode:
            blank = self.blanks.get(term.value)
            if blank is None:
                blank = self.blanks[term.value] = BNode()
            return blank
        raise InputError(f"unsupported RDF term in a store: {term!r}")

    def triple(self, subject: Any, predicate: Any, obj: Any) -> Triple:
        return (self.term(subject), self.term(predicate), self.term(obj))


class TripleIndex:
    """Triples indexed by subject and by predicate-object, read like an rdflib graph.

    It offers exactly the reads the read-model builder makes (``objects``, ``subjects``,
    ``value``, ``predicate_objects``, ``in``, ``len``) at dict speed, so one builder serves
    every store.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._spo: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self._pos: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        # every triple, to skip repeats: a set finds one by hash, where looking through the
        # (s, p) list called rdflib's Python-level __eq__ 6M times for ESCO (a third of the time)
        self._triples: set[Triple] = set()
        self.add_all(triples)

    @classmethod
    def of(cls, store: GraphStore, ontology: Graph | None = None) -> TripleIndex:
        """Every triple of ``store`` (one bulk read) and of ``ontology``, when given."""
        index = cls(ontology if ontology is not None else ())
        index.add_all(store.triples())
        return index

    def as_graph(self) -> Graph:
        """This index typed as the rdflib graph whose read methods it offers."""
        return cast(Graph, self)

    def add_all(self, triples: Iterable[Triple]) -> None:
        """Add triples; a triple already present is not added twice."""
        spo, pos, known = self._spo, self._pos, self._triples
        for triple in triples:
            if triple in known:
                continue
            known.add(triple)
            s, p, o = triple
            spo[s][p].append(o)
            pos[p][o].append(s)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: Triple) -> bool:
        return triple in self._triples

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is None:
            by_object = self._pos.get(predicate, {}) if predicate is not None else {}
            for value, subjects in by_object.items():
                for _ in subjects:  # one per triple, as rdflib does
                    yield value
            return
        by_predicate = self._spo.get(subject)
        if not by_predicate:
            return
        if predicate is None:
            for values in by_predicate.values():
                yield from values
        else:
            yield from by_predicate.get(predicate, ())

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        by_object = self._pos.get(predicate) if predicate is not None else None
        if by_object is None:
            return
        if obj is None:
            for subjects in by_object.values():
                yield from subjects
        else:
            yield from by_object.get(obj, ())

    def value(self, subject: Node, predicate: Node) -> Node | None:
        values = self._spo.get(subject, {}).get(predicate)
        return values[0] if values else None

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        for predicate, values in self._spo.get(subject, {}).items():
            for value in values:
                yield predicate, value


def open_store(
    path: Path | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> GraphStore | None:
    """The store the command line names (``--store`` or ``--sparql-endpoint``), or None."""
    if path is not None and endpoint is not None:
        raise InputError("give either --store or --sparql-endpoint, not both")
    if path is not None:
        return OxigraphStore.open(path)
    if endpoint is not None:
        credentials = Credentials(user, password or "") if user is not None else None
        return SparqlEndpoint(endpoint, update_endpoint, credentials)
    return None
