"""Free-text screening: the cases of examples/screening/cases.yaml, the pattern file, findings
located in the text with their ground and norms, and the words of a graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymorphy3
import pytest
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from competency_graph.checking.screening import (
    PATTERNS_FILE,
    Finding,
    Screener,
    TextFinding,
    default_screener,
    screen,
    screen_graph,
    tokenize,
)
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph, load_graph
from competency_graph.namespaces import CG, ID_BASE
from tests.conftest import EXAMPLES, ONTOLOGY

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (EXAMPLES / "screening" / "cases.yaml").read_text(encoding="utf-8")
)
PATTERNS: list[dict[str, Any]] = yaml.safe_load(
    (ONTOLOGY / PATTERNS_FILE).read_text(encoding="utf-8")
)["patterns"]
NORM = ID_BASE + "norm/"
ART_3, ART_64 = URIRef(NORM + "labour-code-art-3"), URIRef(NORM + "labour-code-art-64")
EMPLOYMENT_LAW = URIRef(NORM + "employment-law-as-a-whole")


def _short(finding: Finding) -> list[str]:
    return ["cg:" + str(finding.ground).rsplit("#", 1)[1], finding.words]


# -- the cases --------------------------------------------------------------------------------


def test_the_case_file_holds_the_phrasings_the_issue_asks_for() -> None:
    languages = [case["lang"] for case in CASES["discriminatory"]]
    assert languages.count("ru") >= 20
    assert languages.count("en") >= 7
    assert len(CASES["lawful"]) >= 20


@pytest.mark.parametrize("case", CASES["discriminatory"], ids=lambda case: case["text"][:40])
def test_a_discriminatory_phrasing_gives_exactly_its_findings(case: dict[str, Any]) -> None:
    findings = screen(case["text"], case["lang"])
    assert [_short(f) for f in findings] == case["findings"]
    assert all(case["text"][f.start : f.end] == f.words for f in findings)


@pytest.mark.parametrize("case", CASES["lawful"], ids=lambda case: case["text"][:40])
def test_a_lawful_phrasing_gives_no_finding(case: dict[str, Any]) -> None:
    assert screen(case["text"], case["lang"]) == []


# -- the pattern file -------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda pattern: pattern["id"])
def test_every_pattern_finds_its_own_examples(pattern: dict[str, Any]) -> None:
    assert pattern.get("examples"), "each pattern shows what it finds"
    missed = [
        example
        for example in pattern["examples"]
        if not any(pattern["id"] in f.patterns for f in screen(example, pattern["lang"]))
    ]
    assert missed == []


def _lemmas(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("lemma", "not_lemma"):
                found.update(value)
            else:
                found |= _lemmas(value)
    elif isinstance(node, list):
        for value in node:
            found |= _lemmas(value)
    return found


def test_every_russian_lemma_of_the_patterns_is_a_dictionary_normal_form() -> None:
    """A lemma pymorphy3 never produces (a participle, a plural) would match one form only."""
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    lemmas = set().union(*(_lemmas(p) for p in PATTERNS if p["lang"] == "ru"))
    not_normal = sorted(
        lemma
        for lemma in lemmas
        if lemma not in {p.normal_form.replace("ё", "е") for p in analyzer.parse(lemma)}
    )
    assert not_normal == []


def test_every_ground_of_art_3_has_a_pattern() -> None:
    grounds = {pattern["ground"] for pattern in PATTERNS}
    assert grounds == {
        "cg:sex", "cg:race", "cg:skin-colour", "cg:nationality", "cg:spoken-language",
        "cg:origin", "cg:property-status", "cg:family-status", "cg:social-status",
        "cg:official-status", "cg:age", "cg:place-of-residence", "cg:religion", "cg:beliefs",
        "cg:association-membership", "cg:other-circumstances", "cg:citizenship",
    }  # fmt: skip


# -- findings ---------------------------------------------------------------------------------


def test_a_finding_is_located_and_carries_its_ground_norms_and_severity() -> None:
    text = "Требования:\nдевушка до 30 лет, гражданство РФ."
    assert screen(text) == [
        Finding(12, 19, "девушка", CG.sex, (EMPLOYMENT_LAW, ART_3, ART_64), "error",
                ("ru-sex-person-noun",), "ru"),
        Finding(20, 29, "до 30 лет", CG.age, (EMPLOYMENT_LAW, ART_3), "error",
                ("ru-age-limit-years", "ru-age-person-with-number"), "ru"),
        Finding(31, 45, "гражданство РФ", CG.citizenship, (ART_64,), "warning",
                ("ru-citizenship",), "ru"),
    ]  # fmt: skip


def test_a_soft_pattern_gives_a_warning_on_a_protected_ground() -> None:
    [finding] = screen("без вредных привычек")
    assert (finding.ground, finding.severity) == (CG["other-circumstances"], "warning")


@pytest.mark.parametrize(
    "text",
    [
        "славянская внешность",
        "славянской внешностью",
        "внешность: славянская",
        "Внешность славянская",
    ],
)
def test_inflection_and_word_order_do_not_hide_a_phrasing(text: str) -> None:
    assert [_short(f) for f in screen(text)] == [["cg:race", text]]


def test_a_phrase_of_one_ground_split_by_a_colon_is_one_finding() -> None:
    assert [_short(f) for f in screen("Национальность: русский")] == [
        ["cg:nationality", "Национальность: русский"]
    ]


def test_a_skip_does_not_cross_the_end_of_a_sentence_or_a_line() -> None:
    assert screen("Укажите возраст. 30 сотрудников в отделе") == []
    assert screen("возраст\n30 сотрудников") == []


def test_lang_selects_the_patterns_and_none_runs_both() -> None:
    assert screen("native speaker", "ru") == []
    assert [_short(f) for f in screen("native speaker", "en")] == [
        ["cg:spoken-language", "native speaker"]
    ]
    assert [_short(f) for f in screen("Требуется native speaker, девушка")] == [
        ["cg:spoken-language", "native speaker"],
        ["cg:sex", "девушка"],
    ]


def test_an_unknown_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown language 'de': screening knows ru, en"):
        screen("Frau gesucht", "de")


# -- the words of a graph ---------------------------------------------------------------------

_GRAPH = """
@prefix cg: <https://w3id.org/competency-graph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

ex:vacancy a cg:Vacancy ;
    rdfs:label "Менеджер по продажам"@ru ;
    cg:sourceText "Ищем девушку, опыт от 1 года"@ru ;
    cg:hasRequirement ex:requirement .
ex:requirement a cg:AttributeRequirement ; cg:sourceText "возраст 25-40" .
ex:posting a schema:JobPosting ; skos:definition "Female only"@en ; cg:seedOrdinal 30 .
ex:description a cg:JobDescription ; cg:includesDuty ex:duty .
ex:duty a cg:Duty ; skos:definition "Работа в молодом коллективе"@ru .
ex:skill a cg:Skill ; rdfs:label "Славянская внешность"@ru .
ex:other a cg:Vacancy ; cg:hasRequirement ex:requirement ; cg:sourceText "возраст"^^xsd:token .
"""


def test_screen_graph_reads_the_words_of_vacancies_descriptions_and_their_parts() -> None:
    graph = Graph().parse(data=_GRAPH, format="turtle")

    def local(node: object) -> str:
        return str(node).removeprefix("https://example.org/")

    found = [
        (local(r.subject), r.predicate, r.finding.words, [local(o) for o in r.owners])
        for r in screen_graph(graph)
    ]
    # the skill is nobody's part, and a literal of another datatype is no text
    assert found == [
        ("duty", SKOS.definition, "молодом", ["description"]),
        ("posting", SKOS.definition, "Female only", ["posting"]),
        ("requirement", CG.sourceText, "возраст 25-40", ["other", "vacancy"]),
        ("vacancy", CG.sourceText, "девушку", ["vacancy"]),
    ]
    first = screen_graph(graph)[0]
    assert isinstance(first, TextFinding)
    assert first.value == Literal("Работа в молодом коллективе", lang="ru")


def test_the_shipped_ontology_says_nothing_discriminatory(shipped: LoadedGraph) -> None:
    assert screen_graph(shipped.graph) == []


def test_the_seed_vacancies_are_screened_to_the_restrictions_they_keep() -> None:
    """Postings 5 and 30 ask for citizenship, 30 for registration, 39 for an age range: in
    their labels, posting texts and requirement texts; nothing else in the 50 postings."""
    loaded = load_graph([EXAMPLES / "vacancies" / "seed-000-vacancies.ttl"])
    results = screen_graph(loaded.graph)
    posting = ID_BASE + "vacancy/seed-000-posting-"
    found = sorted(
        (str(r.owners[0])[len(posting) :], str(r.finding.ground).rsplit("#", 1)[1], r.finding.words)
        for r in results
    )  # fmt: skip
    assert found == [
        ("05", "citizenship", "Citizenship of the Russian Federation"),
        ("05", "citizenship", "Citizenship of the Russian Federation"),
        ("05", "citizenship", "Russian citizenship"),
        ("05", "citizenship", "гражданство РФ"),
        ("30", "citizenship", "Citizenship - Russia"),
        ("30", "citizenship", "Citizenship - Russia"),
        ("30", "place-of-residence", "Moscow registration"),
        ("30", "place-of-residence", "Registration - Moscow"),
        ("30", "place-of-residence", "Registration - Moscow"),
        ("30", "place-of-residence", "московская регистрация"),
        ("39", "age", "age 23 to 45"),
        ("39", "age", "age from 23 to 45 years"),
        ("39", "age", "age from 23 to 45 years"),
        ("39", "age", "возраст от 23 до 45 лет"),
    ]
    assert {type(r.subject) for r in results} == {URIRef, BNode}


# -- a broken pattern file is a located input error -------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("patterns: {}", "expected a mapping with a list under 'patterns'"),
        (
            "patterns:\n  - {id: a, lang: ru, ground: cg:age, sequence: [{lemma: [x]}], tint: 1}",
            "pattern 'a': unknown key(s) tint",
        ),
        (
            "patterns:\n  - {id: a, lang: ru, ground: cg:height, sequence: [{lemma: [x]}]}",
            "pattern 'a': cg:height is no cg:CandidateAttribute of the ontology",
        ),
        (
            "patterns:\n  - {id: a, lang: de, ground: cg:age, sequence: [{lemma: [x]}]}",
            "pattern 'a': lang must be one of ru, en",
        ),
        (
            "patterns:\n  - {id: a, lang: en, ground: cg:age, sequence: [{word: [no]}]}",
            "pattern 'a': sequence: word must be a non-empty list of strings (quote \"no\"",
        ),
        (
            "patterns:\n  - {id: a, lang: en, ground: cg:age, sequence: [{number: [30, 20]}]}",
            "pattern 'a': sequence: number must be [lowest, highest]",
        ),
        (
            "patterns:\n  - {id: a, lang: en, ground: cg:age, sequence: [{skip: 2, word: [x]}]}",
            "pattern 'a': sequence: a skip takes only not_lemma and not_word",
        ),
        (
            "patterns:\n  - {id: a, lang: en, ground: cg:age, sequence: [{word: [x]}]}\n"
            "  - {id: a, lang: en, ground: cg:age, sequence: [{word: [y]}]}",
            "patterns[1]: duplicate pattern id 'a'",
        ),
        (
            "patterns:\n  - {id: a, lang: en, ground: cg:age, sequence: [{word: [x]}],"
            " only_near: {word: [y]}}",
            "pattern 'a': only_near must be a token test with a window",
        ),
    ],
)
def test_a_broken_pattern_file_names_the_pattern_and_the_mistake(
    tmp_path: Path, shipped: LoadedGraph, content: str, message: str
) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Screener.load(path, shipped.graph)
    assert caught.value.path == str(path)
    assert message in caught.value.message


def test_a_pattern_file_that_is_not_yaml_is_located(tmp_path: Path, shipped: LoadedGraph) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text("patterns:\n  - {id: a, lang: [ru\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Screener.load(path, shipped.graph)
    assert caught.value.location == f"{path}:3:1"
    assert caught.value.message.startswith("not valid YAML")


def test_a_missing_pattern_file_is_an_input_error(tmp_path: Path, shipped: LoadedGraph) -> None:
    with pytest.raises(InputError, match="no such file"):
        Screener.load(tmp_path / "absent.yaml", shipped.graph)


def test_the_default_screener_reads_the_shipped_files_once() -> None:
    assert default_screener() is default_screener()
    assert len(default_screener().patterns) == len(PATTERNS)


def test_a_number_with_thousands_separators_is_one_number() -> None:
    numbers = [t.value for t in tokenize("under 40,000 RUB, 1,5 года, 23-45") if t.kind == "number"]
    assert numbers == [40000.0, 1.5, 23.0, 45.0]


def test_a_graph_without_the_legal_lists_keeps_the_patterns_of_the_grounds_it_has() -> None:
    core = load_graph([ONTOLOGY / "core.ttl"], include_shipped=False).graph
    with pytest.raises(InputError, match="is no cg:CandidateAttribute of the ontology"):
        Screener.load(ontology=core)
    screener = Screener.load(ontology=core, known_grounds_only=True)
    grounds = {pattern.ground for pattern in screener.patterns}
    assert CG.sex in grounds and CG["skin-colour"] not in grounds
    assert [f.words for f in screener.screen("Требуется девушка", "ru")] == ["девушка"]
