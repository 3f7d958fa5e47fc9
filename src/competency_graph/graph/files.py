"""Read RDF files into one graph, following ``owl:imports`` through the catalog.

Every failure is an :class:`~competency_graph.errors.InputError` that names the file, and
the line and column where the syntax allows it. A file is parsed into a scratch graph
first, so a broken file adds nothing to the graph being built.
"""

from __future__ import annotations

import json
import re
import xml.sax
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import OWL
from rdflib.plugins.parsers.notation3 import BadSyntax

from competency_graph.errors import InputError, read_utf8
from competency_graph.graph.ontology import CATALOG_FILE, Catalog, entry_file, read_catalog
from competency_graph.namespaces import PREFIXES

#: file suffix -> rdflib parser name
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
}

#: rdflib parser name -> the syntax's name in messages
FORMAT_NAMES: dict[str, str] = {
    "turtle": "Turtle",
    "n3": "Notation3",
    "nt": "N-Triples",
    "nquads": "N-Quads",
    "trig": "TriG",
    "xml": "RDF/XML",
    "json-ld": "JSON-LD",
}


@dataclass(frozen=True)
class SourceLocation:
    """Where an entity is defined: the file and the 1-based line of its first statement (and
    the column, where the reader knows it: a YAML job description's fields)."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return where if self.column is None else f"{where}:{self.column}"


@dataclass
class LoadedGraph:
    """A merged graph with the files it came from and where each subject is defined."""

    graph: Graph
    files: list[Path] = field(default_factory=list)
    locations: dict[URIRef, SourceLocation] = field(default_factory=dict)

    def location_of(self, node: object) -> SourceLocation | None:
        """File and line where ``node`` is first described, if it is a named node we saw."""
        return self.locations.get(node) if isinstance(node, URIRef) else None


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def rdf_format(path: Path) -> str:
    """The rdflib parser for ``path``, by suffix; an :class:`InputError` for unknown ones."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"unknown RDF file type {path.suffix!r} (known: {known})", path)
    return fmt


def parse_rdf_file(path: Path, into: LoadedGraph) -> Graph:
    """Parse one RDF file and merge it into ``into``; return the file's own graph."""
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a file", path)
    fmt = rdf_format(path)
    text = read_utf8(path)
    _refuse_foreign_document(text, fmt, path)
    if fmt == "json-ld":
        _refuse_remote_contexts(text, path)
    scratch = Graph()
    try:
        scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise _located_bad_syntax(exc, text, fmt, path) from None
    except IndexError:
        if fmt not in ("turtle", "n3", "trig"):
            raise InputError(f"cannot parse as {FORMAT_NAMES[fmt]}", path) from None
        # rdflib's Turtle parser reads past the end of a statement cut off by the end of file
        line, column = _end_of_content(text)
        raise InputError(
            f"malformed {FORMAT_NAMES[fmt]}: the file ends in the middle of a statement",
            path,
            line,
            column,
        ) from None
    except xml.sax.SAXParseException as exc:
        raise InputError(
            f"malformed RDF/XML: {exc.getMessage()}",
            path,
            exc.getLineNumber(),
            (exc.getColumnNumber() or 0) + 1,
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON-LD: {exc.msg}", path, exc.lineno, exc.colno) from None
    except ParserError as exc:
        bad_line = _first_bad_line(text, fmt)
        detail = str(exc).strip().rstrip(":").strip()
        raise InputError(
            f"malformed {FORMAT_NAMES[fmt]}: {detail}", path, bad_line, 1 if bad_line else None
        ) from None
    except Exception as exc:  # rdflib raises assorted types for bad input
        raise InputError(f"cannot parse as {FORMAT_NAMES[fmt]}: {exc}", path) from None
    into.graph += scratch
    into.files.append(path)
    for subject, line in _subject_lines(text, fmt):
        into.locations.setdefault(URIRef(subject), SourceLocation(str(path), line))
    return scratch


def _located_bad_syntax(exc: BadSyntax, text: str, fmt: str, path: Path) -> InputError:
    """Line and column (1-based) of a Turtle/N3/TriG error.

    rdflib reports an offset into the text, or -1 when the error is the end of the file
    (a statement left unfinished): that is located just after the last thing written.
    """
    parsed: str = exc._str if isinstance(exc._str, str) else exc._str.decode("utf-8", "replace")
    offset: int = exc._i
    if offset < 0 or offset > len(parsed):
        line, column = _end_of_content(parsed)
    else:
        line = parsed.count("\n", 0, offset) + 1
        column = offset - (parsed.rfind("\n", 0, offset) + 1) + 1
    return InputError(f"malformed {FORMAT_NAMES[fmt]}: {exc._why}", path, line, max(column, 1))


def _refuse_foreign_document(text: str, fmt: str, path: Path) -> None:
    """An XML or JSON file that is not RDF at all is refused before rdflib reads it.

    rdflib turns an HTML page saved as ``.rdf`` into triples about ``<file:///…/html>`` and
    plain JSON saved as ``.jsonld`` into nothing, without a word. RDF/XML always declares the
    RDF namespace; JSON-LD names its terms through ``@context`` (or uses ``@id``/``@type``/
    ``@graph``, or full IRIs as keys). An empty document is fine.
    """
    if not text.strip():
        return
    if fmt == "xml" and "http://www.w3.org/1999/02/22-rdf-syntax-ns#" not in text:
        raise InputError(
            "not RDF/XML: the document never declares the RDF namespace "
            '(xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"): is it RDF/XML?',
            path,
            1,
            1,
        )
    if fmt == "json-ld" and not re.search(
        r'"(@(context|id|type|graph)|[a-z][\w+.-]*://[^"]*)"\s*:', text
    ):
        raise InputError(
            "not JSON-LD: no @context, @id, @type, @graph or IRI key anywhere: is it JSON-LD?",
            path,
            1,
            1,
        )


def _refuse_remote_contexts(text: str, path: Path) -> None:
    """A JSON-LD ``@context`` (or ``@import``) naming a web URL would make rdflib fetch it.

    Everything loads offline, so such a context is an input error at its line, with the fix.
    (Malformed JSON is left to the parser, which locates it.)
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return
    remote = _remote_context(data)
    if remote is None:
        return
    offset = max(text.find(json.dumps(remote)), 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise InputError(
        f"JSON-LD context {remote!r} is a remote document; contexts are not fetched (files "
        "load offline): put the context inline as an object",
        path,
        line,
        column,
    )


_REMOTE = re.compile(r"^(?!file:)(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _remote_context(data: object) -> str | None:
    """The first ``@context``/``@import`` that names a network document (a relative
    reference or a ``file:`` IRI is a local file beside the input, which rdflib reads)."""
    if isinstance(data, list):
        for item in data:
            found = _remote_context(item)
            if found is not None:
                return found
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in ("@context", "@import"):
                contexts = value if isinstance(value, list) else [value]
                for context in contexts:
                    if isinstance(context, str) and _REMOTE.match(context):
                        return context
            found = _remote_context(value)
            if found is not None:
                return found
    return None


def _end_of_content(text: str) -> tuple[int, int]:
    """Line and column just after the last character that is not blank or a comment line."""
    lines = text.splitlines()
    for number in range(len(lines), 0, -1):
        content = lines[number - 1].rstrip()
        if content and not content.lstrip().startswith("#"):
            return number, len(content) + 1
    return 1, 1


def _first_bad_line(text: str, fmt: str) -> int | None:
    """For line-based formats, find the first line that does not parse on its own."""
    if fmt not in ("nt", "nquads"):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            target = Graph() if fmt == "nt" else Dataset()
            target.parse(data=line + "\n", format=fmt)
        except (ParserError, BadSyntax, ValueError):
            return number
    return None


_PREFIX_RE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_SUBJECT_RE = re.compile(r"^(?:<([^>\s]+)>|([A-Za-z][\w.-]*)?:([\w.%-]*[\w%-]|))(?=\s|$)")


def _subject_lines(text: str, fmt: str) -> Iterable[tuple[str, int]]:
    """Yield (subject IRI, line) for statements that start at column 0.

    Turtle written by hand or by rdflib puts each subject at the start of a line, so this
    finds where an entity is described without a position-aware parser.
    """
    if fmt not in ("turtle", "n3", "trig", "nt", "nquads"):
        return
    prefixes: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        declared = _PREFIX_RE.match(line)
        if declared:
            prefixes[declared.group(1) or ""] = declared.group(2)
            continue
        match = _SUBJECT_RE.match(line)
        if not match:
            continue
        if match.group(1):
            yield match.group(1), number
        else:
            namespace = prefixes.get(match.group(2) or "")
            if namespace is not None:
                yield namespace + match.group(3), number


def load_files(paths: Sequence[Path], follow_imports: bool = True) -> LoadedGraph:
    """Load ``paths`` into one graph; follow ``owl:imports`` found in them via catalogs.

    Each file's folder may hold a ``catalog-v001.xml``; an import that no catalog maps and
    that is not already loaded is an error naming the importing file, since we never go to
    the network.
    """
    loaded = LoadedGraph(new_graph())
    pending: list[tuple[Path, str | None]] = [(Path(p), None) for p in paths]
    seen_files: set[Path] = set()
    loaded_ontologies: set[str] = set()
    catalogs: dict[Path, Catalog] = {}
    while pending:
        path, _import_iri = pending.pop(0)
        resolved = path.resolve()
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        own = parse_rdf_file(path, loaded)
        loaded_ontologies.update(str(o) for o in own.subjects(predicate=None, object=OWL.Ontology))
        if not follow_imports:
            continue
        folder = resolved.parent
        if folder not in catalogs:
            catalogs[folder] = read_catalog(folder / CATALOG_FILE)
        for imported in own.objects(predicate=OWL.imports):
            iri = str(imported)
            if iri in loaded_ontologies:
                continue
            target = catalogs[folder].resolve(iri)
            if target is None:
                raise InputError(
                    f"owl:imports <{iri}> is not mapped in {CATALOG_FILE} (imports are resolved "
                    "offline; add a <uri name=... uri=...> entry)",
                    path,
                )
            if not target.is_file():
                raise InputError(
                    f"owl:imports <{iri}> maps to {target}, which does not exist", path
                )
            pending.append((target, iri))
    return loaded


def load_graph(paths: Sequence[Path] = (), include_shipped: bool = True) -> LoadedGraph:
    """Load the shipped ontology (unless told not to) together with ``paths``."""
    files: list[Path] = [entry_file()] if include_shipped else []
    files.extend(Path(p) for p in paths)
    if not files:
        raise InputError("nothing to load: give a file or include the shipped ontology")
    return load_files(files)
