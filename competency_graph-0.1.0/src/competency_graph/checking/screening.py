"""Free-text screening: discriminatory phrasing in the words of vacancies and job descriptions.

Real postings arrive as text («девушка от 23 до 45 лет, славянская внешность», "female only,
under 35"), so the structured requirement rules alone miss them. This module finds such
phrasings in Russian and English and locates each in the text.

How it works
------------
- The text is cut into tokens (words, numbers, punctuation). A Russian word gets its lemmas
  from pymorphy3 (OpenCorpora dictionaries shipped in the ``pymorphy3-dicts-ru`` package;
  nothing is downloaded at run time), so «девушку», «девушки», «девушек» all have the lemma
  «девушка». An English word's lemma is the word in lower case.
- The patterns are data: ``ontology/screening-patterns.yaml`` (its header documents the
  pattern language). Each pattern names the ground it reveals (a ``cg:CandidateAttribute``:
  ``cg:age``, ``cg:sex``, ``cg:citizenship``...) and is a sequence of token tests (lemma, word,
  number range, punctuation, skips), with exclusions that keep lawful phrases out («опыт
  работы от 1 года», «молодая компания», «регистрация в CRM»).
- The legal side comes from the ontology (``legal-lists.ttl``): the norms that govern each
  ground (``cg:regulatedBy``) become the finding's sources; a ground that is a
  ``cg:ProtectedAttribute`` gives an ``error``, any other (citizenship) a ``warning``; a
  pattern may lower its own findings to ``warning``.

Use
---
``screen(text, lang)`` returns the :class:`Finding` list of one text, ordered by position:
character offsets ``start``/``end`` (``text[start:end] == finding.words``), the ground IRI,
its norms, the severity and the ids of the patterns that matched. ``lang`` is ``"ru"``,
``"en"`` or None for both (a posting often mixes them).

``screen_graph(graph, roots)`` walks what vacancies (``cg:Vacancy``, ``schema:JobPosting``),
job descriptions (``cg:JobDescription``) and positions (``cg:Position``) say in words - their
titles and definitions, source texts and JobPosting descriptions - and the same texts of the
requirements, general provisions, duties, rights and responsibilities they link to (see
:data:`TEXT_PREDICATES` and :data:`LINK_PREDICATES`). ``graph`` is an rdflib graph or the
checker's working graph (anything with ``subjects`` and ``objects``); ``roots`` narrows the
walk to some of those subjects (one position's). It returns one :class:`TextFinding`
(subject, predicate, literal, finding, owners) per finding, ordered by subject, predicate and
offset, so a rule can report "vacancy X, cg:sourceText, characters 10-25: «девушка»".

The checker's rule ``discriminatory-wording``
(:mod:`competency_graph.checking.backends.wording`) is built on ``screen_graph``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pymorphy3
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.graph.files import load_files
from competency_graph.graph.ontology import ontology_dir
from competency_graph.namespaces import CG, SCHEMA
from competency_graph.reading import read_utf8

PATTERNS_FILE = "screening-patterns.yaml"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: the ontology modules that define the grounds and their norms
GROUND_MODULES = ("core.ttl", "legal-lists.ttl")
LANGUAGES = ("ru", "en")

#: what a subject says in words: screened on every subject screen_graph visits
TEXT_PREDICATES: tuple[URIRef, ...] = (
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.definition,
    DCTERMS.title,
    DCTERMS.description,
    SCHEMA.title,
    SCHEMA.name,
    SCHEMA.description,
    SCHEMA.qualifications,
    SCHEMA.experienceRequirements,
    SCHEMA.educationRequirements,
    SCHEMA.skills,
    SCHEMA.responsibilities,
    CG.sourceText,
    CG.attributeValue,
    CG.experienceArea,
    CG.educationField,
    CG.level,
)
#: the kinds of subject whose words are screened
SCREENED_TYPES: tuple[URIRef, ...] = (CG.Vacancy, SCHEMA.JobPosting, CG.JobDescription, CG.Position)
#: from a screened subject to the parts whose words belong to it
LINK_PREDICATES: tuple[URIRef, ...] = (
    CG.hasRequirement,
    CG.hasGeneralProvisions,
    CG.includesDuty,
    CG.grantsRight,
    CG.establishesResponsibility,
)

# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One discriminatory phrasing found in a text."""

    start: int
    """Offset of the first character of the matched words in the screened text."""
    end: int
    """Offset just past the last character (``text[start:end] == words``)."""
    words: str
    """The matched words, as they stand in the text."""
    ground: URIRef
    """The ground it reveals: a ``cg:CandidateAttribute`` (``cg:age``, ``cg:citizenship``)."""
    sources: tuple[URIRef, ...]
    """The legal norms that govern the ground (``cg:regulatedBy``), sorted."""
    severity: str
    """``error`` for a protected ground, ``warning`` for a restricted one or a soft pattern."""
    patterns: tuple[str, ...]
    """Ids of the patterns that matched these words."""
    lang: str
    """Language of the patterns that matched: ``ru`` or ``en``."""


class TextFinding(NamedTuple):
    """A finding in one literal of a graph: whose words, which property, which literal, and
    the screened vacancies, job descriptions or positions the words belong to (the subject
    itself, or the ones that link to it: a requirement is often a blank node)."""

    subject: Node
    predicate: URIRef
    value: Literal
    finding: Finding
    owners: tuple[Node, ...]


class TextSource(Protocol):
    """The two reads screening makes (the graph walk, the grounds): an rdflib graph or the
    checker's working graph."""

    def subjects(self, predicate: URIRef, obj: Node, /) -> Iterable[Node]: ...

    def objects(self, subject: Node, predicate: URIRef, /) -> Iterable[Node]: ...


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)"
    r"|(?P<punct>[^\w\s])"
)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: punctuation that ends a phrase: a skip never crosses it
_BOUNDARY = frozenset(".;!?•")


@dataclass(frozen=True)
class Token:
    """A word, number or punctuation mark of the text, with its morphology."""

    start: int
    end: int
    text: str
    kind: str  # word | number | punct
    lower: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    cyrillic: bool
    newline_before: bool
    value: float | None = None

    @property
    def is_boundary(self) -> bool:
        """True for punctuation that ends a phrase."""
        return self.kind == "punct" and self.text in _BOUNDARY


def _fold(word: str) -> str:
    """Lower case with ё as е, as lemmas are compared."""
    return word.lower().replace("ё", "е")


@functools.cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def _russian_morphology(lower: str) -> tuple[frozenset[str], frozenset[str]]:
    parses = _analyzer().parse(lower)
    lemmas = {_fold(p.normal_form) for p in parses} | {lower}
    pos = {str(p.tag.POS) for p in parses if p.tag.POS}
    return frozenset(lemmas), frozenset(pos)


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens with offsets; Russian words get their pymorphy3 lemmas."""
    tokens: list[Token] = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        raw = match.group()
        lower = _fold(raw)
        newline = "\n" in text[last_end : match.start()]
        last_end = match.end()
        cyrillic = bool(_CYRILLIC.search(raw))
        value: float | None = None
        lemmas: frozenset[str] = frozenset({lower})
        pos: frozenset[str] = frozenset()
        if kind == "word" and cyrillic:
            lemmas, pos = _russian_morphology(lower)
            parts = re.split(r"[-'’]", lower)
            if len(parts) > 1:  # «водитель-мужчина» is also a «мужчина»
                for part in parts:
                    lemmas |= _russian_morphology(part)[0]
        elif kind == "word" and re.search(r"[-'’]", lower):
            lemmas = lemmas | frozenset(re.split(r"[-'’]", lower))
        elif kind == "number":
            # "40,000" is forty thousand; «1,5» is one and a half
            value = float(
                raw.replace(",", "") if _THOUSANDS.fullmatch(raw) else raw.replace(",", ".")
            )
        tokens.append(
            Token(
                match.start(), match.end(), raw, kind, lower, lemmas, pos, cyrillic, newline, value
            )
        )
    return tokens


# --------------------------------------------------------------------------------------------
# The pattern language (documented in the header of ontology/screening-patterns.yaml)
# --------------------------------------------------------------------------------------------

_TEST_KEYS = frozenset(
    {
        "lemma",
        "word",
        "pos",
        "number",
        "punct",
        "shape",
        "script",
        "not_lemma",
        "not_word",
        "any_of",
    }
)
_ELEMENT_KEYS = _TEST_KEYS | {"any_of", "group", "skip", "optional"}
_PATTERN_KEYS = frozenset(
    {
        "id",
        "lang",
        "ground",
        "severity",
        "examples",
        "sequence",
        "unless_followed_by",
        "unless_preceded_by",
        "only_preceded_by",
        "unless_near",
        "only_near",
        "unless_followed_within",
        "noun_after_only",
    }
)
_SHAPES = frozenset({"title", "upper", "lower"})
_SCRIPTS = frozenset({"cyrillic", "latin"})


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(v) for v in values)


@dataclass(frozen=True)
class TokenTest:
    """Tests on one token; every given one must hold."""

    lemma: frozenset[str] | None = None
    word: frozenset[str] | None = None
    pos: frozenset[str] | None = None
    number: tuple[float, float] | None = None
    punct: frozenset[str] | None = None
    shape: str | None = None
    script: str | None = None
    not_lemma: frozenset[str] = frozenset()
    not_word: frozenset[str] = frozenset()
    any_of: tuple[TokenTest, ...] = ()

    def accepts(self, token: Token) -> bool:
        """True when ``token`` passes every test."""
        if self.any_of and not any(test.accepts(token) for test in self.any_of):
            return False
        if self.lemma is not None and (token.kind != "word" or not token.lemmas & self.lemma):
            return False
        if self.word is not None and (token.kind != "word" or token.lower not in self.word):
            return False
        if self.pos is not None and not token.pos & self.pos:
            return False
        if self.number is not None and (
            token.value is None or not self.number[0] <= token.value <= self.number[1]
        ):
            return False
        if self.punct is not None and (token.kind != "punct" or token.text not in self.punct):
            return False
        if self.shape is not None and not _has_shape(token, self.shape):
            return False
        if self.script is not None and (
            token.kind != "word" or token.cyrillic != (self.script == "cyrillic")
        ):
            return False
        if token.lemmas & self.not_lemma and token.kind == "word":
            return False
        return not (token.kind == "word" and token.lower in self.not_word)


def _has_shape(token: Token, shape: str) -> bool:
    text = token.text
    if token.kind != "word":
        return False
    if shape == "title":
        return text[0].isupper() and any(c.islower() for c in text[1:])
    if shape == "upper":
        return text.isupper()
    return text.islower()


@dataclass(frozen=True)
class Element:
    """One step of a sequence: a token test, a skip of up to n tokens, a group, or
    alternatives (each a sub-sequence)."""

    test: TokenTest | None = None
    skip: int = 0
    skip_test: TokenTest | None = None  # what skipped tokens must not be (not_lemma/not_word)
    group: tuple[Element, ...] = ()
    alternatives: tuple[tuple[Element, ...], ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Near:
    """A token test applied within ``window`` tokens of a match; a look-ahead also stops at a
    token that passes ``stop`` (English words have no parts of speech to stop at a noun)."""

    test: TokenTest
    window: int
    stop: TokenTest | None = None


@dataclass(frozen=True)
class Pattern:
    """A phrasing that reveals a ground, with the exclusions that keep lawful phrases out."""

    id: str
    lang: str
    ground: URIRef
    severity: str | None
    sequence: tuple[Element, ...]
    examples: tuple[str, ...] = ()
    unless_followed_by: tuple[tuple[Element, ...], ...] = ()
    unless_preceded_by: tuple[tuple[Element, ...], ...] = ()
    only_preceded_by: tuple[tuple[Element, ...], ...] = ()
    unless_near: Near | None = None
    only_near: Near | None = None
    unless_followed_within: Near | None = None
    noun_after_only: Near | None = None

    @functools.cached_property
    def _first(self) -> tuple[TokenTest, ...] | None:
        """The tests one of which the first token of a match passes; None when any token may."""
        return _first_tests(self.sequence)

    @functools.cached_property
    def anchors(self) -> frozenset[str] | None:
        """Lemmas and words one of which a text must hold for the pattern to match there;
        None when the first token is not a word test (a number, a punctuation mark)."""
        first = self._first
        if first is None or any(t.lemma is None and t.word is None for t in first):
            return None
        return frozenset().union(*(t.lemma or t.word or frozenset() for t in first))

    def find(
        self, tokens: Sequence[Token], starts: Iterable[int] | None = None
    ) -> Iterator[tuple[int, int]]:
        """Token spans ``[first, last)`` where the pattern matches, longest at each start;
        ``starts`` (ascending) limits the positions tried, as an index of the text's words
        tells (see :meth:`Screener.screen`)."""
        first = self._first
        position = 0
        for candidate in range(len(tokens)) if starts is None else starts:
            if candidate < position:
                continue  # inside the previous match
            position = candidate
            if first is not None and not any(t.accepts(tokens[position]) for t in first):
                continue
            # the longest reading that no exclusion rules out and that stays on one line
            line_end = next(
                (n for n in range(position + 1, len(tokens)) if tokens[n].newline_before),
                len(tokens),
            )
            ends = sorted(
                {e for e in _match(self.sequence, tokens, position) if e <= line_end},
                reverse=True,
            )
            end = next((e for e in ends if e > position and self._allowed(tokens, position, e)), 0)
            if end:
                yield position, end
                position = end

    def _allowed(self, tokens: Sequence[Token], first: int, end: int) -> bool:
        for seq in self.unless_followed_by:
            if next(_match(seq, tokens, end), None) is not None:
                return False
        if any(_preceded(seq, tokens, first) for seq in self.unless_preceded_by):
            return False
        if self.only_preceded_by and not any(
            _preceded(seq, tokens, first) for seq in self.only_preceded_by
        ):
            return False
        if self.unless_near and _near(self.unless_near, tokens, first, end):
            return False
        if self.only_near and not _near(self.only_near, tokens, first, end):
            return False
        if self.unless_followed_within and _followed_within(
            self.unless_followed_within, tokens, end
        ):
            return False
        return not (self.noun_after_only and not _noun_after_ok(self.noun_after_only, tokens, end))


def _first_tests(elements: Sequence[Element]) -> tuple[TokenTest, ...] | None:
    tests, nullable = _first_of_sequence(elements)
    return None if tests is None or nullable else tuple(tests)


def _first_of_sequence(elements: Sequence[Element]) -> tuple[list[TokenTest] | None, bool]:
    """(tests the first consumed token passes, whether the sequence can consume nothing)."""
    tests: list[TokenTest] = []
    for element in elements:
        own, nullable = _first_of_element(element)
        if own is None:
            return None, False
        tests.extend(own)
        if not nullable:
            return tests, False
    return tests, True


def _first_of_element(element: Element) -> tuple[list[TokenTest] | None, bool]:
    if element.skip:
        return None, True
    if element.group:
        tests, nullable = _first_of_sequence(element.group)
    elif element.alternatives:
        tests, nullable = [], False
        for alternative in element.alternatives:
            own, own_nullable = _first_of_sequence(alternative)
            if own is None:
                return None, False
            tests.extend(own)
            nullable = nullable or own_nullable
    else:
        assert element.test is not None
        tests, nullable = [element.test], False
    return tests, nullable or element.optional


def _match(elements: Sequence[Element], tokens: Sequence[Token], position: int) -> Iterator[int]:
    """Every token index at which ``elements`` matched from ``position`` can end."""
    if not elements:
        yield position
        return
    head, rest = elements[0], elements[1:]
    for after in _match_element(head, tokens, position):
        yield from _match(rest, tokens, after)


def _match_element(element: Element, tokens: Sequence[Token], position: int) -> Iterator[int]:
    if element.optional:
        yield position
    if element.group:
        yield from _match(element.group, tokens, position)
    elif element.alternatives:
        for alternative in element.alternatives:
            yield from _match(alternative, tokens, position)
    elif element.skip:
        yield from _skips(element, tokens, position)
    elif (
        element.test is not None
        and position < len(tokens)
        and element.test.accepts(tokens[position])
    ):
        yield position + 1


def _skips(element: Element, tokens: Sequence[Token], position: int) -> Iterator[int]:
    yield position
    for n in range(position, min(position + element.skip, len(tokens))):
        token = tokens[n]
        if token.is_boundary or token.newline_before:
            return  # a skip stays within one phrase and one line
        if element.skip_test is not None and not element.skip_test.accepts(token):
            return
        yield n + 1


def _preceded(elements: Sequence[Element], tokens: Sequence[Token], first: int) -> bool:
    """True when ``elements`` match a stretch of tokens that ends right before ``first``
    (a group or a set of alternatives is taken to span at most six tokens)."""
    longest = sum(max(e.skip, 1) if not e.group and not e.alternatives else 6 for e in elements)
    return any(
        first in _match(elements, tokens, start) for start in range(max(0, first - longest), first)
    )


def _near(near: Near, tokens: Sequence[Token], first: int, end: int) -> bool:
    window = [*tokens[max(0, first - near.window) : first], *tokens[end : end + near.window]]
    return any(near.test.accepts(token) for token in window)


#: punctuation the look-ahead of unless_followed_within does not cross
_PHRASE_END = _BOUNDARY | frozenset(":")
#: parts of speech that make a word more than a noun (an adjective or participle may have a
#: noun reading too: «молодой», «развивающаяся»)
_NOT_ONLY_NOUN = frozenset({"ADJF", "ADJS", "PRTF", "PRTS", "VERB", "INFN", "ADVB", "CONJ", "PREP"})


def _followed_within(near: Near, tokens: Sequence[Token], end: int) -> bool:
    """True when a token passing the test follows within the window: the scan crosses commas
    and adjectives («молодая, но уже известная компания»), and stops at the end of the
    phrase and at the first Russian noun that fails the test («молодой коллектив, компания»)."""
    for token in tokens[end : end + near.window]:
        if token.text in _PHRASE_END or token.newline_before:
            return False
        if near.test.accepts(token):
            return True
        if "NOUN" in token.pos and not token.pos & _NOT_ONLY_NOUN:
            return False
        if near.stop is not None and near.stop.accepts(token):
            return False
    return False


def _noun_after_ok(near: Near, tokens: Sequence[Token], end: int) -> bool:
    """No noun follows within the window before punctuation, or the first noun passes."""
    for token in tokens[end : end + near.window]:
        if token.kind == "punct":
            return True
        if "NOUN" in token.pos:
            return near.test.accepts(token)
    return True


# --------------------------------------------------------------------------------------------
# Reading the pattern file
# --------------------------------------------------------------------------------------------


class _Reader:
    """Builds patterns from the parsed YAML; every mistake is an InputError naming the pattern."""

    def __init__(self, path: Path, grounds: Mapping[URIRef, Ground]) -> None:
        self.path = path
        self.grounds = grounds
        self.where = ""

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.where}: {message}" if self.where else message, self.path)

    def patterns(self, data: object) -> list[Pattern]:
        if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
            raise self.fail("expected a mapping with a list under 'patterns'")
        patterns: list[Pattern] = []
        seen: set[str] = set()
        for n, item in enumerate(data["patterns"]):
            self.where = f"patterns[{n}]"
            pattern = self.pattern(item)
            if pattern.id in seen:
                self.where = f"patterns[{n}]"
                raise self.fail(f"duplicate pattern id {pattern.id!r}")
            seen.add(pattern.id)
            patterns.append(pattern)
        return patterns

    def pattern(self, item: object) -> Pattern:
        if not isinstance(item, dict):
            raise self.fail("expected a mapping")
        if isinstance(item.get("id"), str):
            self.where = f"pattern {item['id']!r}"
        unknown = set(item) - _PATTERN_KEYS
        if unknown:
            raise self.fail(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        for key in ("id", "lang", "ground", "sequence"):
            if key not in item:
                raise self.fail(f"missing {key!r}")
        if item["lang"] not in LANGUAGES:
            raise self.fail(f"lang must be one of {', '.join(LANGUAGES)}")
        ground = self.ground(item["ground"])
        severity = item.get("severity")
        if severity not in (None, "error", "warning"):
            raise self.fail("severity must be error or warning")
        examples = item.get("examples", [])
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise self.fail("examples must be a list of strings")
        return Pattern(
            id=str(item["id"]),
            lang=item["lang"],
            ground=ground,
            severity=severity,
            sequence=self.sequence(item["sequence"], "sequence"),
            examples=tuple(examples),
            unless_followed_by=self.sequences(
                item.get("unless_followed_by", []), "unless_followed_by"
            ),
            unless_preceded_by=self.sequences(
                item.get("unless_preceded_by", []), "unless_preceded_by"
            ),
            only_preceded_by=self.sequences(item.get("only_preceded_by", []), "only_preceded_by"),
            unless_near=self.near(item.get("unless_near"), "unless_near"),
            only_near=self.near(item.get("only_near"), "only_near"),
            unless_followed_within=self.near(
                item.get("unless_followed_within"), "unless_followed_within"
            ),
            noun_after_only=self.near(item.get("noun_after_only"), "noun_after_only"),
        )

    def ground(self, value: object) -> URIRef:
        if not isinstance(value, str) or not value.startswith("cg:"):
            raise self.fail("ground must be a compact IRI such as cg:age")
        iri = CG[value[3:]]
        if iri not in self.grounds:
            known = ", ".join(sorted("cg:" + str(g)[len(str(CG)) :] for g in self.grounds))
            raise self.fail(f"{value} is no cg:CandidateAttribute of the ontology (known: {known})")
        return iri

    def sequences(self, value: object, key: str) -> tuple[tuple[Element, ...], ...]:
        if not isinstance(value, list):
            raise self.fail(f"{key} must be a list of sequences")
        return tuple(self.sequence(seq, key) for seq in value)

    def sequence(self, value: object, key: str) -> tuple[Element, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"{key} must be a non-empty list of elements")
        return tuple(self.element(e, key) for e in value)

    def element(self, value: object, key: str) -> Element:
        if not isinstance(value, dict):
            raise self.fail(f"{key}: an element must be a mapping, got {value!r}")
        unknown = set(value) - _ELEMENT_KEYS
        if unknown:
            raise self.fail(f"{key}: unknown element key(s) {', '.join(sorted(map(str, unknown)))}")
        optional = bool(value.get("optional", False))
        if "group" in value:
            if set(value) - {"group", "optional"}:
                raise self.fail(f"{key}: a group takes only optional beside it")
            return Element(group=self.sequence(value["group"], key), optional=optional)
        if "any_of" in value:
            if set(value) - {"any_of", "optional"}:
                raise self.fail(f"{key}: an any_of element takes only optional beside it")
            options = value["any_of"]
            if not isinstance(options, list) or not options:
                raise self.fail(f"{key}: any_of must be a non-empty list of elements")
            alternatives = tuple((self.element(option, key),) for option in options)
            return Element(alternatives=alternatives, optional=optional)
        if "skip" in value:
            skip = value["skip"]
            if not isinstance(skip, int) or isinstance(skip, bool) or skip < 1:
                raise self.fail(f"{key}: skip must be a positive number of tokens")
            rest = {k: v for k, v in value.items() if k not in ("skip", "optional")}
            if set(rest) - {"not_lemma", "not_word"}:
                raise self.fail(f"{key}: a skip takes only not_lemma and not_word")
            test = self.test(rest, key) if rest else None
            return Element(skip=skip, skip_test=test, optional=optional)
        rest = {k: v for k, v in value.items() if k != "optional"}
        if not rest:
            raise self.fail(f"{key}: an element needs a test")
        return Element(test=self.test(rest, key), optional=optional)

    def test(self, value: Mapping[str, Any], key: str) -> TokenTest:
        def word_list(name: str) -> frozenset[str] | None:
            if name not in value:
                return None
            items = value[name]
            if (
                not isinstance(items, list)
                or not items
                or not all(isinstance(i, str) for i in items)
            ):
                raise self.fail(
                    f"{key}: {name} must be a non-empty list of strings "
                    '(quote "no", "yes", "on", "off": YAML reads them as true or false)'
                )
            return _words(items)

        number = value.get("number")
        bounds: tuple[float, float] | None = None
        if number is not None:
            if (
                not isinstance(number, list)
                or len(number) != 2
                or not all(isinstance(b, int | float) and not isinstance(b, bool) for b in number)
                or number[0] > number[1]
            ):
                raise self.fail(f"{key}: number must be [lowest, highest]")
            bounds = (float(number[0]), float(number[1]))
        shape, script = value.get("shape"), value.get("script")
        if shape is not None and shape not in _SHAPES:
            raise self.fail(f"{key}: shape must be one of {', '.join(sorted(_SHAPES))}")
        if script is not None and script not in _SCRIPTS:
            raise self.fail(f"{key}: script must be one of {', '.join(sorted(_SCRIPTS))}")
        any_of: tuple[TokenTest, ...] = ()
        if "any_of" in value:
            options = value["any_of"]
            if not isinstance(options, list) or not options:
                raise self.fail(f"{key}: any_of must be a non-empty list of tests")
            for option in options:
                if not isinstance(option, dict) or not option or set(option) - _TEST_KEYS:
                    raise self.fail(f"{key}: any_of holds token tests such as {{lemma: [...]}}")
            any_of = tuple(self.test(option, key) for option in options)
        punct = value.get("punct")
        if punct is not None and (
            not isinstance(punct, list)
            or not all(isinstance(p, str) and len(p) == 1 for p in punct)
        ):
            raise self.fail(f"{key}: punct must be a list of single characters")
        pos = value.get("pos")
        if pos is not None and (
            not isinstance(pos, list) or not all(isinstance(p, str) for p in pos)
        ):
            raise self.fail(
                f"{key}: pos must be a list of pymorphy3 parts of speech (NOUN, ADJF...)"
            )
        return TokenTest(
            lemma=word_list("lemma"),
            word=word_list("word"),
            pos=frozenset(pos) if pos is not None else None,
            number=bounds,
            punct=frozenset(punct) if punct is not None else None,
            shape=shape,
            script=script,
            not_lemma=word_list("not_lemma") or frozenset(),
            not_word=word_list("not_word") or frozenset(),
            any_of=any_of,
        )

    def near(self, value: object, key: str) -> Near | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("window"), int):
            raise self.fail(
                f"{key} must be a token test with a window: {{lemma: [...], window: 3}}"
            )
        window = value["window"]
        stop_at = value.get("stop_at")
        if stop_at is not None and (not isinstance(stop_at, dict) or set(stop_at) - _TEST_KEYS):
            raise self.fail(f"{key}: stop_at must be a token test such as {{word: [...]}}")
        rest = {k: v for k, v in value.items() if k not in ("window", "stop_at")}
        if not rest or set(rest) - _TEST_KEYS:
            raise self.fail(f"{key} needs a token test beside its window")
        stop = self.test(stop_at, key) if stop_at is not None else None
        return Near(self.test(rest, key), window, stop)


# --------------------------------------------------------------------------------------------
# Grounds from the ontology, and the screener
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ground:
    """A circumstance of a candidate as the ontology defines it."""

    iri: URIRef
    protected: bool
    sources: tuple[URIRef, ...]


def grounds_of(graph: TextSource) -> dict[URIRef, Ground]:
    """Every ``cg:CandidateAttribute`` of ``graph`` (protected ones included) with its norms."""
    found: dict[URIRef, Ground] = {}
    protected = set(graph.subjects(RDF.type, CG.ProtectedAttribute))
    attributes = protected | set(graph.subjects(RDF.type, CG.CandidateAttribute))
    for node in attributes:
        if isinstance(node, URIRef):
            norms = sorted(n for n in graph.objects(node, CG.regulatedBy) if isinstance(n, URIRef))
            found[node] = Ground(node, node in protected, tuple(norms))
    return found


@dataclass
class Screener:
    """Patterns and grounds, ready to screen texts."""

    patterns: list[Pattern]
    grounds: dict[URIRef, Ground]
    _by_lang: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for lang in LANGUAGES:
            self._by_lang[lang] = [p for p in self.patterns if p.lang == lang]

    @classmethod
    def load(
        cls,
        patterns_path: Path | None = None,
        ontology: TextSource | None = None,
        known_grounds_only: bool = False,
    ) -> Screener:
        """Read the pattern file (default: the shipped one) against the grounds of ``ontology``
        (an rdflib graph or the checker's working graph; default: the shipped ``core.ttl`` and
        ``legal-lists.ttl``). A pattern naming a ground the ontology does not define is an
        error, or with ``known_grounds_only`` left out (a checked graph without the legal
        lists still gets the patterns of the grounds it has)."""
        folder = ontology_dir()
        if ontology is None:
            ontology = load_files([folder / m for m in GROUND_MODULES], follow_imports=False).graph
        grounds = grounds_of(ontology)
        path = patterns_path or folder / PATTERNS_FILE
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file", path)
        try:
            # libyaml's loader when PyYAML has it: 0.05 s for the pattern file, against 0.6 s
            data = yaml.load(read_utf8(path), Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            column = mark.column + 1 if mark is not None else None
            raise InputError(
                f"not valid YAML: {getattr(exc, 'problem', exc)}", path, line, column
            ) from None
        if known_grounds_only and isinstance(data, dict) and isinstance(data.get("patterns"), list):
            data = {**data, "patterns": [p for p in data["patterns"] if _known(p, grounds)]}
        return cls(_Reader(path, grounds).patterns(data), grounds)

    def screen(self, text: str, lang: str | None = None) -> list[Finding]:
        """The findings in ``text``, ordered by offset (see the module docstring)."""
        if lang is not None and lang not in LANGUAGES:
            raise InputError(f"unknown language {lang!r}: screening knows {', '.join(LANGUAGES)}")
        tokens = tokenize(text)
        patterns = self.patterns if lang is None else self._by_lang[lang]
        # where each lemma and word stands: a pattern that starts with a word is tried only there
        index: dict[str, list[int]] = {}
        for n, token in enumerate(tokens):
            if token.kind == "word":
                for lemma in token.lemmas:
                    index.setdefault(lemma, []).append(n)
        raw: list[Finding] = []
        for pattern in patterns:
            starts: list[int] | None = None
            if pattern.anchors is not None:
                starts = sorted({n for a in pattern.anchors & index.keys() for n in index[a]})
                if not starts:
                    continue
            ground = self.grounds[pattern.ground]
            severity = pattern.severity or ("error" if ground.protected else "warning")
            for first, end in pattern.find(tokens, starts):
                start, stop = tokens[first].start, tokens[end - 1].end
                raw.append(
                    Finding(
                        start,
                        stop,
                        text[start:stop],
                        ground.iri,
                        ground.sources,
                        severity,
                        (pattern.id,),
                        pattern.lang,
                    )
                )
        return _merge(raw, text)

    def screen_graph(
        self, graph: TextSource, roots: Iterable[Node] | None = None
    ) -> list[TextFinding]:
        """The findings in the words of the vacancies, job descriptions and positions of
        ``graph`` (or of ``roots`` among them) and of the parts they link to (see the module
        docstring)."""
        results: list[TextFinding] = []
        for subject, predicate, value, owners in _texts(graph, roots):
            # a language tag only narrows nothing: postings mix languages («native speaker»)
            for finding in self.screen(str(value)):
                results.append(TextFinding(subject, predicate, value, finding, owners))
        return results


def _known(pattern: object, grounds: Mapping[URIRef, Ground]) -> bool:
    """False for a pattern whose ground is a ``cg:`` name the grounds do not hold."""
    if not isinstance(pattern, dict):
        return True
    ground = pattern.get("ground")
    return not (
        isinstance(ground, str) and ground.startswith("cg:") and CG[ground[3:]] not in grounds
    )


_JOINABLE = re.compile(r"[\s:\-–—]*")


def _merge(findings: list[Finding], text: str) -> list[Finding]:
    """One finding per phrase and ground: overlapping or adjacent matches of a ground join."""
    merged: list[Finding] = []
    by_ground: dict[URIRef, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        by_ground.setdefault(finding.ground, []).append(finding)
    for group in by_ground.values():
        current = group[0]
        for finding in group[1:]:
            if finding.start <= current.end or _JOINABLE.fullmatch(
                text[current.end : finding.start]
            ):
                end = max(current.end, finding.end)
                severity = "error" if "error" in (current.severity, finding.severity) else "warning"
                patterns = tuple(dict.fromkeys(current.patterns + finding.patterns))
                current = Finding(
                    current.start,
                    end,
                    text[current.start : end],
                    current.ground,
                    current.sources,
                    severity,
                    patterns,
                    current.lang,
                )
            else:
                merged.append(current)
                current = finding
        merged.append(current)
    return sorted(merged, key=lambda f: (f.start, f.end, str(f.ground)))


_TEXT_DATATYPES = (None, XSD.string, RDF.langString)


def screened_subjects(graph: TextSource) -> set[Node]:
    """Every vacancy, JobPosting, job description and position of ``graph``."""
    roots: set[Node] = set()
    for kind in SCREENED_TYPES:
        roots.update(graph.subjects(RDF.type, kind))
    return roots


def _texts(
    graph: TextSource, only: Iterable[Node] | None = None
) -> list[tuple[Node, URIRef, Literal, tuple[Node, ...]]]:
    """(subject, predicate, literal, owners) of every screened text, each once, in a stable
    order; the owners are the screened subjects the text's subject is or belongs to."""
    roots = screened_subjects(graph) if only is None else set(only)
    owners: dict[Node, set[Node]] = {}
    for root in roots:
        owners.setdefault(root, set()).add(root)
        frontier, seen = [root], {root}
        while frontier:
            node = frontier.pop()
            for predicate in LINK_PREDICATES:
                for part in graph.objects(node, predicate):
                    if isinstance(part, Literal) or part in seen:
                        continue
                    seen.add(part)
                    frontier.append(part)
                    if part not in roots:
                        owners.setdefault(part, set()).add(root)
    texts: list[tuple[Node, URIRef, Literal, tuple[Node, ...]]] = []
    for subject, subject_owners in owners.items():
        ordered = tuple(sorted(subject_owners, key=str))
        for predicate in TEXT_PREDICATES:
            for value in graph.objects(subject, predicate):
                if isinstance(value, Literal) and value.datatype in _TEXT_DATATYPES:
                    texts.append((subject, predicate, value, ordered))
    return sorted(texts, key=lambda t: (str(t[0]), str(t[1]), t[2].language or "", str(t[2])))


@functools.cache
def default_screener() -> Screener:
    """The screener of the shipped patterns and ontology, read once per process."""
    return Screener.load()


def screen(text: str, lang: str | None = None) -> list[Finding]:
    """Screen one text with the shipped patterns: ``lang`` is ``ru``, ``en`` or None (both)."""
    return default_screener().screen(text, lang)


def screen_graph(graph: TextSource, roots: Iterable[Node] | None = None) -> list[TextFinding]:
    """Screen the words of the vacancies, job descriptions and positions of ``graph`` (or of
    ``roots`` among them)."""
    return default_screener().screen_graph(graph, roots)
