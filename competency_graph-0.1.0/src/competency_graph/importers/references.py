"""References by id or label, turned into IRIs, for importers whose input names what the graph has.

A job description says ``supported_by: MS Excel`` or ``reports_to: pos:sales-director``; a
professional standard names its skills in words. For an expected kind (``skill``), a
reference is looked up in this order:

1. an entity the input itself creates, by its id or label (:meth:`References.add_local`);
2. any id form of :mod:`competency_graph.model.ids` (compact id, ``pos:`` prefix, IRI);
3. the label (ru or en, case-insensitive; for skills also ``skos:altLabel``) of exactly one
   entity of that kind;
4. a bare slug of that kind (``ms-excel``).

A reference that names nothing is an :class:`Unresolved` problem, worded as
:func:`competency_graph.model.ids.unknown_message` words every unknown id, with the closest
id or label as a hint; the importer adds where in its input the reference was.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable

from competency_graph.model import ids
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import compact_id


class Unresolved(Exception):
    """A reference that names nothing (or several things): the message and a hint.

    The importer locates it: ``<message> at duties[0].supported_by[0]<hint>``.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message + hint)
        self.message = message
        self.hint = hint


class References:
    """Resolves the references of one input against a read model and the input's own entities."""

    def __init__(self, model: ReadModel) -> None:
        self.model = model
        self.local: dict[str, dict[str, str]] = {kind: {} for kind in ids.KINDS}

    def add_local(self, kind: str, iri: str, names: Iterable[str]) -> None:
        """Make an entity the input creates referable by its ids and labels."""
        for name in names:
            self.local[kind].setdefault(_folded(name), iri)

    def resolve(self, reference: str, kind: str) -> str:
        """The IRI ``reference`` names among the entities of ``kind``; :class:`Unresolved`
        when it names none of them, several, or an entity of another kind."""
        text = reference.strip()
        local = self.local[kind].get(_folded(text))
        if local is not None:
            return local
        iri = ids.expand(text)
        if iri is not None:
            if iri in ids.table(self.model, kind) or iri in self.local[kind].values():
                return iri
            other = self._kind_of(iri)
            if other is not None:
                raise Unresolved(
                    f"'{text}' is a {ids.kind_name(other)}, not a {ids.kind_name(kind)}"
                )
            raise Unresolved(ids.unknown_message(kind, text), self.hint(text, kind))
        found = self.labels(kind).get(_folded(text), set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            several = ", ".join(sorted(compact_id(iri) for iri in found))
            raise Unresolved(
                f"'{text}' is the label of several {_plural(ids.kind_name(kind))} ({several}): "
                "use the id"
            )
        by_slug = ids.resolve(self.model, text, kind)
        if by_slug is not None:
            return by_slug
        raise Unresolved(ids.unknown_message(kind, text), self.hint(text, kind))

    def labels(self, kind: str) -> dict[str, set[str]]:
        """Folded label -> IRIs of the model's entities of ``kind`` (built once per model
        and kind: at ESCO scale the skills' index takes a second, and every job description
        checked or written over the API resolves its references against the same model)."""
        return label_index(self.model, kind)

    def hint(self, text: str, kind: str) -> str:
        """`` (did you mean 'y'?)`` for the closest id or label of ``kind``, else empty."""
        candidates: dict[str, str] = {}
        for iri, entity in ids.table(self.model, kind).items():
            for name in _names(entity):
                candidates.setdefault(name, name)
            candidates.setdefault(compact_id(iri), compact_id(iri))
        hint = ids.did_you_mean(text, candidates)
        if hint or kind != "norm":
            return hint
        # "Статья 241 ТК РФ", "art. 241": the article number names the norm
        numbers = set(re.findall(r"\d+", text))
        articles = sorted(
            compact_id(iri)
            for iri, norm in self.model.legal_norms.items()
            if getattr(norm, "article", None) in numbers
        )
        return f" (did you mean '{articles[0]}'?)" if len(articles) == 1 else ""

    def _kind_of(self, iri: str) -> str | None:
        for kind in ids.KINDS:
            if iri in ids.table(self.model, kind) or iri in self.local[kind].values():
                return kind
        return None


#: id(read model) -> kind -> folded label -> IRIs; an entry goes with its model
_LABEL_INDEXES: dict[int, dict[str, dict[str, set[str]]]] = {}
_LABEL_INDEXES_LOCK = threading.Lock()


def label_index(model: ReadModel, kind: str) -> dict[str, set[str]]:
    """Folded label (ru, en, alternative) -> IRIs of ``model``'s entities of ``kind``, built
    on first use and kept while the model lives (a read model never changes once built)."""
    with _LABEL_INDEXES_LOCK:
        per_model = _LABEL_INDEXES.get(id(model))
        if per_model is None:
            per_model = _LABEL_INDEXES[id(model)] = {}
            weakref.finalize(model, _LABEL_INDEXES.pop, id(model), None)
        index = per_model.get(kind)
        if index is None:
            index = {}
            for iri, entity in ids.table(model, kind).items():
                for name in _names(entity):
                    index.setdefault(_folded(name), set()).add(iri)
            per_model[kind] = index
    return index


def _names(entity: object) -> list[str]:
    """The labels an entity is referred to by: ru, en and alternative labels."""
    label = getattr(entity, "label", None)
    names = [label.ru, label.en] if label is not None else []
    names += getattr(entity, "alt_labels", ())
    return [name for name in names if name]


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
