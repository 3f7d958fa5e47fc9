"""Comparing RDF graphs in tests: a linear canonical form for tree-shaped blank nodes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from rdflib import BNode
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


def tree_canonical(triples: Iterable[Triple]) -> Counter[tuple[str, str, str]]:
    """The triples with every blank node named by a digest of what it says, recursively.

    A canonical form for graphs whose blank nodes are trees (Turtle's ``[ … ]``, as every
    shipped one is), in linear time: rdflib's general isomorphism is quadratic in the blank
    nodes and takes minutes on the shipped ontology's thousand (numbered clauses, signatures).
    """
    listed = list(triples)
    said_by: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in listed:
        said_by.setdefault(s, []).append((p, o))
    names: dict[BNode, str] = {}

    def name(node: Node) -> str:
        if not isinstance(node, BNode):
            return node.n3()
        if node not in names:
            said = sorted(f"{p.n3()} {name(o)}" for p, o in said_by.get(node, ()))
            names[node] = "_:" + hashlib.sha256("\n".join(said).encode()).hexdigest()
        return names[node]

    return Counter((name(s), name(p), name(o)) for s, p, o in listed)
