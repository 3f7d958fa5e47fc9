"""Where each statement of a Turtle file is written: the line of every ``subject predicate
object`` whose subject is named, for violations located at the statement to fix.

rdflib's parser keeps no positions, so this is a light scanner of its own: it splits the text
into Turtle tokens (IRIs, prefixed names, strings, punctuation) and follows the grammar's
``subject predicate object , object ; predicate object .`` shape. It never judges the syntax
(the file was parsed by rdflib before), and it skips what it cannot name: the insides of
blank nodes ``[ ... ]`` and collections ``( ... )``, which it records only as the line where
they open. N-Triples and N-Quads are Turtle for this purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: the object of a statement whose object has no name here: a blank node, a collection or a
#: literal; (subject, predicate, ANY) is also where the subject first states the predicate
ANY = ""

#: one Turtle token; comments and whitespace are matched to be skipped
_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^>\s]*>)
  | (?P<directive>@(?:prefix|base)\b|(?i:PREFIX|BASE)(?=\s))
  | (?P<tag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^)
  | (?P<bnode>_:[\w.-]*\w)
  | (?P<name>(?:[A-Za-z][\w.-]*)?:(?:(?:[\w%:-]|\\.)(?:(?:[\w.%:-]|\\.)*(?:[\w%:-]|\\.))?)?)
  | (?P<punct>[\[\]();,.])
  | (?P<word>[^\s\[\]();,.\#"'<]+(?:\.\d+)?)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    line: int


def _tokens(text: str) -> Iterator[_Token]:
    line = 1
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # not Turtle here: skip one character (rdflib parsed the file)
            line += text[position] == "\n"
            position += 1
            continue
        kind = match.lastgroup or "word"
        if kind != "space":
            yield _Token(kind, match.group(), line)
        line += match.group().count("\n")
        position = match.end()


@dataclass
class _Statement:
    """The statement being read: its subject, and the predicate its objects belong to.

    Inside a blank node ``s p [ q o ]``, ``owner`` is ``(s, p)`` and the line of ``[``.
    """

    subject: str | None
    predicate: str | None = None
    owner: tuple[_Statement, int] | None = None


def statement_lines(text: str) -> dict[tuple[str, str, str], int]:
    """(subject IRI, predicate IRI, object IRI or :data:`ANY`) -> the line where the object is
    written, for every statement of ``text`` with a named subject; (subject, predicate, ANY)
    is the line of the subject's first statement with that predicate.

    A blank node stands for what it says: ``jd cg:agreedBy [ cg:agreementRole cg:hr ]``
    gives ``(jd, cg:agreedBy, cg:hr)`` the line of its ``[``, so that the agreement of the
    HR department is found among the others.

    Only the first occurrence counts, as for the entities' own lines.
    """
    prefixes: dict[str, str] = {}
    found: dict[tuple[str, str, str], int] = {}
    tokens = list(_tokens(text))
    stack: list[_Statement] = []  # the outer statement while a [ ... ] is read
    current = _Statement(None)
    expecting = "subject"  # subject | predicate | object
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.kind == "directive":
            index = _read_directive(tokens, index, prefixes)
            continue
        if token.kind == "tag":  # a literal's language or datatype: part of the object
            if token.text == "^^" and index < len(tokens):
                index += 1
            continue
        if token.text == "(":
            if expecting == "object":
                _record(found, current, ANY, token.line)
            index = _skip_collection(tokens, index)
            expecting = "predicate" if expecting == "subject" else expecting
            continue
        if token.text == "[":
            inside = None
            if expecting == "object":
                _record(found, current, ANY, token.line)
                inside = (current, token.line) if current.subject else None
            stack.append(current)
            current = _Statement(None, owner=inside)  # a blank node: no subject to record
            expecting = "predicate"
            continue
        if token.text == "]":
            current = stack.pop() if stack else _Statement(None)
            expecting = "predicate" if current.subject is None and not stack else "object"
            continue
        if token.text == ";":
            expecting = "predicate"
            continue
        if token.text == ",":
            expecting = "object"
            continue
        if token.text == ".":
            stack.clear()
            current = _Statement(None)
            expecting = "subject"
            continue
        term = _term(token, prefixes)
        if expecting == "subject":
            current = _Statement(term if token.kind in ("iri", "name") else None)
            expecting = "predicate"
        elif expecting == "predicate":
            current.predicate = term
            expecting = "object"
        else:
            named = term if token.kind in ("iri", "name") else ANY
            _record(found, current, ANY, token.line)
            if named:
                _record(found, current, named, token.line)
                if current.owner is not None:
                    outer, opened = current.owner
                    _record(found, outer, named, opened)
    return found


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _term(token: _Token, prefixes: dict[str, str]) -> str:
    """The IRI a token names ('' for literals and unknown prefixes)."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "name":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return namespace + local.replace("\\", "") if namespace is not None else ""
    if token.kind == "word" and token.text == "a":
        return _RDF_TYPE
    return ""


def _record(
    found: dict[tuple[str, str, str], int], statement: _Statement, obj: str, line: int
) -> None:
    if statement.subject and statement.predicate:
        found.setdefault((statement.subject, statement.predicate, obj), line)


def _read_directive(tokens: list[_Token], index: int, prefixes: dict[str, str]) -> int:
    """Read ``@prefix p: <iri> .`` (or ``PREFIX p: <iri>``, ``@base``); the next index."""
    if index + 1 < len(tokens) and tokens[index].kind == "name" and tokens[index + 1].kind == "iri":
        prefixes[tokens[index].text.rstrip(":")] = tokens[index + 1].text[1:-1]
        index += 2
    elif index < len(tokens) and tokens[index].kind == "iri":  # @base <iri>
        index += 1
    if index < len(tokens) and tokens[index].text == ".":
        index += 1
    return index


def _skip_collection(tokens: list[_Token], index: int) -> int:
    """The index after the ``)`` that closes the collection opened just before ``index``."""
    depth = 1
    while index < len(tokens) and depth:
        depth += {"(": 1, ")": -1}.get(tokens[index].text, 0)
        index += 1
    return index
