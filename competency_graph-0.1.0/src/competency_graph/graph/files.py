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
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.sax import handler as sax_handler
from xml.sax.handler import ErrorHandler

import rdflib.plugin
from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser
from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import OWL
from rdflib.parser import InputSource, Parser, PythonInputSource
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.parsers.rdfxml import RDFXMLHandler, RDFXMLParser
from rdflib.plugins.shared.jsonld import context as _jsonld_context
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.datatypes import normalise_literals
from competency_graph.graph.ontology import CATALOG_FILE, Catalog, entry_file, read_catalog
from competency_graph.graph.statements import ANY, statement_lines
from competency_graph.namespaces import PREFIXES
from competency_graph.reading import load_json, position, read_utf8, resolve_input

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
    """Where an entity or a statement is written: the file, the 1-based line (and column,
    where the reader knows it).

    ``field`` is the field path of a job description (``duties[3]``) where the reader knows
    it: the place to fix in a YAML or JSON file, which a line alone does not name.
    """

    path: str
    line: int
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return where if self.column is None else f"{where}:{self.column}"


#: (subject, predicate, object): a statement; the object ``None`` stands for any object
#: (where the subject first states the predicate, or where a list of them is)
Statement = tuple[Node, URIRef, Node | None]


@dataclass
class LoadedGraph:
    """A merged graph with the files it came from and where each subject is defined.

    ``notes`` says what loading did that the user should know and no error covers (a job
    description file that replaced an older edition); commands print them.

    ``statements`` holds where the statements of the inputs that are not RDF were written (a
    YAML job description's fields); the statements of Turtle files are found on demand by
    :meth:`statement_location`.
    """

    graph: Graph
    files: list[Path] = field(default_factory=list)
    locations: dict[URIRef, SourceLocation] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    statements: dict[Statement, SourceLocation] = field(default_factory=dict)
    _turtle: dict[Path, dict[tuple[str, str, str], int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def location_of(self, node: object) -> SourceLocation | None:
        """File and line where ``node`` is first described, if it is a named node we saw."""
        return self.locations.get(node) if isinstance(node, URIRef) else None

    def line_of(self, node: Node, predicate: Node | None = None) -> tuple[str, int] | None:
        """(file, line) where ``node`` states ``predicate`` (:meth:`statement_location`),
        else where it is described (:meth:`location_of`): for the literal checks of
        :mod:`.datatypes`."""
        found = self.statement_location(node, predicate) if isinstance(predicate, URIRef) else None
        found = found or self.location_of(node)
        return (found.path, found.line) if found is not None else None

    def statement_location(
        self, subject: Node, predicate: URIRef, obj: Node | None = None
    ) -> SourceLocation | None:
        """Where ``subject predicate obj`` is written (``obj`` None: where ``subject`` first
        states ``predicate``), if a reader recorded it or a Turtle file has it.

        Turtle files are scanned only when asked (a check without violations scans none),
        and only the file that describes ``subject`` (all files for a subject described
        nowhere): a statement about an entity is written where the entity is.
        """
        found = self.statements.get((subject, predicate, obj))
        if found is not None or not isinstance(subject, URIRef):
            return found
        if obj is not None and not isinstance(obj, URIRef):
            return None
        key = (str(subject), str(predicate), str(obj) if obj is not None else ANY)
        home = self.location_of(subject)
        for path in [Path(home.path)] if home is not None else self.files:
            line = self._turtle_lines(path).get(key)
            if line is not None:
                return SourceLocation(str(path), line)
        return None

    def _turtle_lines(self, path: Path) -> dict[tuple[str, str, str], int]:
        """The statement lines of one Turtle (or N-Triples) file, scanned once."""
        if path not in self._turtle:
            lines: dict[tuple[str, str, str], int] = {}
            if RDF_FORMATS.get(path.suffix.lower()) in ("turtle", "n3", "trig", "nt", "nquads"):
                try:
                    lines = statement_lines(read_utf8(path))
                except (OSError, InputError):  # changed or gone since it was loaded
                    lines = {}
            self._turtle[path] = lines
        return self._turtle[path]


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
    """Parse one RDF file and merge it into ``into``; return the file's own graph.

    The file is read by :func:`~competency_graph.reading.read_utf8` (a regular file within
    the size limit); RDF/XML is parsed with entity declarations refused, JSON-LD with every
    context that is not a local file refused (nothing is fetched).
    """
    text = read_utf8(path)
    fmt = rdf_format(path)
    _refuse_foreign_document(text, fmt, path)
    scratch = Graph()
    public_id = path.resolve().as_uri()
    try:
        if fmt == "json-ld":
            document = PythonInputSource(load_json(text, path))
            scratch.parse(source=document, format=fmt, publicID=public_id)
        else:
            scratch.parse(data=text, format=_PARSERS.get(fmt, fmt), publicID=public_id)
    except InputError:
        raise
    except _RemoteContext as exc:
        line, column = _reference_position(text, exc.url)
        raise InputError(
            f"JSON-LD context {exc.url!r} is a remote document; contexts are not fetched "
            "(files load offline): put the context inline as an object",
            path,
            line,
            column,
        ) from None
    except _EntitiesRefused as exc:
        raise InputError(
            f"RDF/XML entity declarations (<!ENTITY {exc.name} ...>) are not read: entity "
            "expansion is disabled, so that a document cannot expand without bound; write "
            "the values out (or save the file as Turtle)",
            path,
            exc.line,
            exc.column,
        ) from None
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
    except RecursionError:
        raise InputError(f"cannot parse as {FORMAT_NAMES[fmt]}: nested too deeply", path) from None
    except Exception as exc:  # rdflib raises assorted types for bad input
        opening = _unclosed_literal(text) if fmt in ("turtle", "n3", "trig") else None
        if opening is not None:
            raise InputError(
                f"malformed {FORMAT_NAMES[fmt]}: this string literal is never closed "
                "(the file ends inside it)",
                path,
                *opening,
            ) from None
        raise InputError(f"cannot parse as {FORMAT_NAMES[fmt]}: {exc}", path) from None
    into.graph += scratch
    into.files.append(path)
    for subject, line in _subject_lines(text, fmt):
        into.locations.setdefault(URIRef(subject), SourceLocation(str(path), line))
    return scratch


# -- RDF/XML without entity expansion ----------------------------------------------------------


class _EntitiesRefused(Exception):
    """An entity declaration in RDF/XML, where the parser met it."""

    def __init__(self, name: str, line: int | None, column: int | None) -> None:
        super().__init__(name)
        self.name, self.line, self.column = name, line, column


class SafeRDFXMLParser(RDFXMLParser):
    """rdflib's RDF/XML reading on defusedxml's expat reader: an entity declaration or an
    external reference stops the parse (a billion-laughs document is refused at once)."""

    def parse(self, source: InputSource, sink: Graph, **args: Any) -> None:
        reader = DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
        # as rdflib's create_parser does: expat guesses the xml: prefix wrong otherwise
        reader.start_namespace_decl("xml", "http://www.w3.org/XML/1998/namespace")
        reader.setFeature(sax_handler.feature_namespaces, 1)
        content = RDFXMLHandler(sink)
        content.setDocumentLocator(source)  # type: ignore[arg-type]  # as rdflib does
        reader.setContentHandler(content)  # type: ignore[arg-type]
        reader.setErrorHandler(ErrorHandler())
        try:
            reader.parse(source)
        except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
            name = getattr(exc, "name", None) or getattr(exc, "sysid", None) or "?"
            column = reader.getColumnNumber()
            raise _EntitiesRefused(
                str(name), reader.getLineNumber(), column + 1 if column is not None else None
            ) from None


#: rdflib parser name -> the plugin this module parses it with instead
_PARSERS = {"xml": "competency-graph-rdfxml"}
rdflib.plugin.register(_PARSERS["xml"], Parser, __name__, SafeRDFXMLParser.__name__)


# -- JSON-LD without fetching ------------------------------------------------------------------


class _RemoteContext(Exception):
    """A JSON-LD context or import that is not a local file (never fetched)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def _offline_context(url: str, *_args: Any, **_kwargs: Any) -> tuple[Any, None]:
    """rdflib's JSON-LD context loader, replaced: a ``file:`` IRI on this machine is read as
    an input file (a regular file within the size limit); any other IRI is refused, however
    it is spelled (rdflib resolves it against the document first, so ``" http://…"`` arrives
    here as ``http://…``)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc.lower() not in ("", "localhost"):
        raise _RemoteContext(url)
    local = Path(url2pathname(parts.path))
    return load_json(read_utf8(local), local), None


# the one place rdflib's JSON-LD parser loads a context (@context and @import alike)
_jsonld_context.source_to_json = _offline_context  # type: ignore[attr-defined,assignment]


def _reference_position(text: str, url: str) -> tuple[int | None, int | None]:
    """Line and column of the string naming ``url`` (at its opening quote), if found."""
    spelled = url.strip()
    # a reference without a scheme ("//host/x") reaches the loader resolved against the file
    for candidate in (spelled, urlsplit(spelled)._replace(scheme="").geturl()):
        offset = text.find(candidate)
        if offset >= 0:
            break
    else:
        return None, None
    quote = text.rfind('"', 0, offset)
    # a context spelled with leading blanks or escapes (" http://…", "\\thttp://…")
    if quote >= 0 and not re.sub(r"\\[tnrfb]|\\u00[0-9a-fA-F]{2}|\s", "", text[quote + 1 : offset]):
        offset = quote
    return position(text, offset)


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


# a comment, an IRI, a complete string (long or short), or a quote that opens none
_LITERAL_OR_SKIPPED = re.compile(
    r"#[^\n]*|<[^>\s]*>"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|(?P<open_long>\"{3}|'{3})"  # before the short strings: not an empty "" then "
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|(?P<open>[\"'])",
    re.S,
)


def _unclosed_literal(text: str) -> tuple[int, int] | None:
    """Line and column of the quote that opens a Turtle string literal never closed."""
    for token in _LITERAL_OR_SKIPPED.finditer(text):
        if token.group("open_long") or token.group("open"):
            return position(text, token.start())
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


def load_files(
    paths: Sequence[Path],
    follow_imports: bool = True,
    errors: list[InputError] | None = None,
) -> LoadedGraph:
    """Load ``paths`` into one graph; follow ``owl:imports`` found in them via catalogs.

    Each file's folder may hold a ``catalog-v001.xml``; an import that no catalog maps and
    that is not already loaded is an error naming the importing file, since we never go to
    the network.

    With ``errors``, a file that cannot be read is left out and its error added there, so
    that every file's problem is reported at once; without, the first error is raised.
    """

    def fail(error: InputError) -> None:
        if errors is None:
            raise error
        errors.append(error)

    loaded = LoadedGraph(new_graph())
    pending: list[tuple[Path, str | None]] = [(Path(p), None) for p in paths]
    seen_files: set[Path] = set()
    loaded_ontologies: set[str] = set()
    catalogs: dict[Path, Catalog] = {}
    while pending:
        path, _import_iri = pending.pop(0)
        resolved = resolve_input(path)
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        try:
            own = parse_rdf_file(path, loaded)
        except InputError as error:
            fail(error)
            continue
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
                fail(
                    InputError(
                        f"owl:imports <{iri}> is not mapped in {CATALOG_FILE} (imports are "
                        "resolved offline; add a <uri name=... uri=...> entry)",
                        path,
                    )
                )
            elif not target.is_file():
                fail(
                    InputError(f"owl:imports <{iri}> maps to {target}, which does not exist", path)
                )
            else:
                pending.append((target, iri))
    try:
        normalise_literals(loaded.graph, loaded.line_of)
    except InputError as error:
        if errors is None:
            raise
        # every ill-typed literal is its own located problem, reported with the others
        problems = error.all
        error.more = ()
        errors.extend(problems)
    return loaded


def load_graph(
    paths: Sequence[Path] = (),
    include_shipped: bool = True,
    errors: list[InputError] | None = None,
) -> LoadedGraph:
    """Load the shipped ontology (unless told not to) together with ``paths``; ``errors``
    as for :func:`load_files`."""
    files: list[Path] = [entry_file()] if include_shipped else []
    files.extend(Path(p) for p in paths)
    if not files:
        raise InputError("nothing to load: give a file or include the shipped ontology")
    return load_files(files, errors=errors)
