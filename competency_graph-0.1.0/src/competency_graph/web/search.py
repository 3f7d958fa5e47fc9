"""Search across positions, duties, skills and departments, in Russian and English, by lemma.

Every label (both languages; a skill's alternative labels too) is cut into words
(:func:`~competency_graph.grammar.search_words`) and each word into its dictionary forms
(:func:`~competency_graph.grammar.lemmas`), so that "бухгалтера" and "менеджером" find
"Бухгалтер" and "Менеджер по продажам", and "managers" finds "Manager". An entity matches
when every word of the query matches a word of one of its labels: one of the query word's
lemmas is a lemma of that word, or, for a query word of three letters or more, begins one
("бухг" finds "Бухгалтер"). Prepositions and conjunctions are left out of a query of more
words. Hits come best first: a label equal to the query, then shorter labels, then by label.

The index is built once per read model (an inverted index: lemma -> entities, and the lemmas
sorted for the prefix look-ups) and kept until the server serves another model.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from competency_graph.grammar import lemmas, search_words
from competency_graph.model.domain import Node
from competency_graph.model.ids import resolve
from competency_graph.model.readmodel import ReadModel

#: the kinds searched, in the order the results list them
KINDS: Final = ("position", "duty", "skill", "department")
#: words too common to narrow a search (dropped from a query that has other words)
_COMMON: Final = (
    "и в во на по с со к ко о об от для за из у а или the of a an and or for in on to with at"
)
STOP_WORDS: Final = frozenset(_COMMON.split())
#: a query word this long or longer also matches the words it begins
MIN_PREFIX: Final = 3
#: at most this many words are taken from a query (a pasted page is not a search)
MAX_QUERY_WORDS: Final = 12
#: at most this many indexed words are taken for one prefix
MAX_PREFIX_WORDS: Final = 2_000


@dataclass(frozen=True)
class Hit:
    """One entity found: its kind and IRI, and how well its best label fits."""

    kind: str
    iri: str
    exact: bool  # a label of it is the query, word for word (lemma for lemma)
    length: int  # words in its shortest matching label


@dataclass(frozen=True)
class Results:
    """The hits of one query by kind (each kind's best first, at most ``limit`` kept) and
    how many each kind had in all."""

    query: str
    hits: dict[str, tuple[Hit, ...]]
    totals: dict[str, int]

    @property
    def empty(self) -> bool:
        """True when nothing was found."""
        return not any(self.totals.values())


class SearchIndex:
    """The words of every label of the searched kinds, by lemma."""

    def __init__(self, model: ReadModel) -> None:
        self.model = model
        self.entries: list[tuple[str, str]] = []  # (kind, IRI)
        #: per entry, each label as its words' lemma sets
        self.labels: list[list[tuple[frozenset[str], ...]]] = []
        self.postings: dict[str, set[int]] = {}
        for kind, iri, texts in _labelled(model):
            self._add(kind, iri, texts)
        self.sorted_words = sorted(self.postings)

    def _add(self, kind: str, iri: str, texts: Iterable[str]) -> None:
        number = len(self.entries)
        self.entries.append((kind, iri))
        labels = []
        for text in dict.fromkeys(texts):  # each text once, in order
            words = tuple(lemmas(w) for w in search_words(text))
            labels.append(words)
            for forms in words:
                for form in forms:
                    self.postings.setdefault(form, set()).add(number)
        self.labels.append(labels)

    def search(
        self,
        query: str,
        kinds: Iterable[str] = KINDS,
        limit: int = 20,
        min_prefix: int = MIN_PREFIX,
    ) -> Results:
        """The entities of ``kinds`` matching ``query`` (see the module's docstring); a query
        word of ``min_prefix`` letters or more also matches the words it begins (suggestions
        while typing take 1)."""
        wanted = tuple(kinds)
        words = _query_words(query)
        if not words:
            return Results(query, dict.fromkeys(wanted, ()), dict.fromkeys(wanted, 0))
        forms = [self._forms(word, min_prefix) for word in words]
        found: set[int] | None = None
        for word_forms in forms:
            entries: set[int] = set()
            for form in word_forms:
                entries |= self.postings.get(form, set())
            found = entries if found is None else found & entries
            if not found:
                break
        by_kind: dict[str, list[Hit]] = {kind: [] for kind in wanted}
        for number in found or ():
            kind = self.entries[number][0]
            if kind in by_kind:
                by_kind[kind].append(self._hit(number, forms))
        for hits in by_kind.values():
            hits.sort(key=lambda hit: (not hit.exact, hit.length, self._sort_label(hit.iri)))
        return Results(
            query,
            {kind: tuple(hits[:limit]) for kind, hits in by_kind.items()},
            {kind: len(hits) for kind, hits in by_kind.items()},
        )

    def _forms(self, word: str, min_prefix: int) -> frozenset[str]:
        """The indexed words a query word matches: its lemmas, and those it begins."""
        found = set(lemmas(word)) | {word}
        if len(word) >= min_prefix:
            start = bisect.bisect_left(self.sorted_words, word)
            for indexed in self.sorted_words[start : start + MAX_PREFIX_WORDS]:
                if not indexed.startswith(word):
                    break
                found.add(indexed)
        return frozenset(form for form in found if form in self.postings)

    def _hit(self, number: int, forms: list[frozenset[str]]) -> Hit:
        """How the best label of entry ``number`` fits the query's word forms."""
        kind, iri = self.entries[number]
        exact = False
        length = 1_000
        for label in self.labels[number]:
            if all(any(f & q for f in label) for q in forms):
                length = min(length, len(label))
                exact = exact or (
                    len(label) == len(forms)
                    and all(f & q for f, q in zip(label, forms, strict=True))
                )
        return Hit(kind, iri, exact, length)

    def _sort_label(self, iri: str) -> str:
        return self.model.label(iri, "ru").casefold()

    def find_one(self, text: str, kind: str) -> str | None:
        """The IRI of the ``kind`` entity that ``text`` names: an id of it, else the one
        entity with a label equal to ``text`` (lemma for lemma), else the one hit."""
        iri = resolve(self.model, text, kind)
        if iri is not None:
            return iri
        hits = self.search(text, (kind,), limit=2).hits[kind]
        exact = [hit for hit in hits if hit.exact]
        if len(exact) == 1 or len(hits) == 1:
            return (exact or list(hits))[0].iri
        return None


def _query_words(query: str) -> list[str]:
    words = search_words(query)[:MAX_QUERY_WORDS]
    meaningful = [w for w in words if w not in STOP_WORDS]
    return meaningful or words


def _labelled(model: ReadModel) -> Iterator[tuple[str, str, list[str]]]:
    """Every searched entity with the texts it is found by."""
    tables: dict[str, Mapping[str, Node]] = {
        "position": model.positions,
        "duty": model.duties,
        "skill": model.skills,
        "department": model.departments,
    }
    for kind in KINDS:
        for iri, node in tables[kind].items():
            texts = [t for t in (node.label.ru, node.label.en) if t]
            if kind == "skill":
                texts.extend(model.skills[iri].alt_labels)
            yield kind, iri, texts


class IndexCache:
    """The search index of the model served now, built on first use after each reload."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None

    def of(self, model: ReadModel) -> SearchIndex:
        """The index of ``model`` (built now if the cached one is of another model)."""
        with self._lock:  # one build at a time; the others wait for it instead of building too
            if self._index is None or self._index.model is not model:
                self._index = SearchIndex(model)
            return self._index
