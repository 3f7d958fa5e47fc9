"""Labels inside sentences: where the capital letter goes, Russian cases and numerals.

A label is written as a heading ("Руководитель отдела продаж"); a sentence needs it without
its capital letter and, in Russian, in the case the verb or preposition governs: «подчиняется
непосредственно руководителю отдела продаж» (dative), «приказом генерального директора»
(genitive). :func:`inflect_phrase` finds the head noun of a label and the adjectives that agree
with it and inflects them with pymorphy3 (OpenCorpora dictionaries), keeping the words after
the head ("отдела продаж") as they are; nothing here knows any particular label.
:func:`lower_first` keeps the capital of a name or abbreviation ("Microsoft Office", "HR",
"CRM"). :func:`plural_years` agrees "год" with a number.

The importers write labels with these functions and the renderers print sentences with them,
so the module sits below both and imports nothing of the project.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

#: the pymorphy3 (OpenCorpora) names of the six Russian cases
CASES: Final = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: grammemes of words that are names: first names, surnames, patronymics, places,
#: organisations, trademarks
_NAME_GRAMMEMES: Final = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_CYRILLIC: Final = re.compile("[\u0400-\u04ff]")
_LATIN: Final = re.compile("[A-Za-z]")


@functools.cache
def _analyzer() -> Any:
    """The pymorphy3 analyser, loaded once (about 0.3 s) and only for Russian text."""
    import pymorphy3  # imported here: English documents and the CLI's start never need it

    return pymorphy3.MorphAnalyzer(lang="ru")


def _parses(word: str) -> list[Any]:
    parsed: list[Any] = _analyzer().parse(word)
    return parsed


def is_name(word: str, following: str | None = None, russian: bool = False) -> bool:
    """True when ``word``, the first word of a label, keeps its capital inside a sentence.

    An abbreviation or a word with a capital inside ("HR", "CRM", "PowerPoint",
    "HR-менеджер"); the first word of a multi-word name, whose next word is capitalised too
    ("Microsoft Office"); in a Russian label, a Latin word ("Excel") or a word the dictionary
    knows as a name, place or organisation ("Москва").
    """
    if not word[:1].isupper():
        return False
    if any(char.isupper() for char in word[1:]) or (following or "")[:1].isupper():
        return True
    if not russian:
        return False
    if _LATIN.match(word):
        return True
    best = _parses(word)[0]
    return bool(_NAME_GRAMMEMES & set(best.tag.grammemes))


def lower_first(label: str) -> str:
    """``label`` as it reads inside a sentence: "Руководитель отдела продаж" -> "руководитель
    отдела продаж", "Head of sales" -> "head of sales"; names and abbreviations keep their
    capital ("Microsoft Office", "HR-менеджер", "IT-директор")."""
    words = label.split(" ")
    if not words[0]:
        return label
    following = words[1] if len(words) > 1 else None
    if is_name(words[0], following, russian=bool(_CYRILLIC.search(label))):
        return label
    return label[:1].lower() + label[1:]


def _restore_case(original: str, inflected: str) -> str:
    """The capitals of ``original`` put back on its inflected form (pymorphy lowercases):
    "HR-менеджер" + "hr-менеджеру" -> "HR-менеджеру"."""
    chars = list(inflected)
    for i, (before, after) in enumerate(zip(original, inflected, strict=False)):
        if before.isupper() and before.lower() == after:
            chars[i] = before
    return "".join(chars)


def _nominative(word: str, parts_of_speech: frozenset[str]) -> Any | None:
    """The likeliest reading of ``word`` as a nominative of one of ``parts_of_speech``."""
    for parse in _parses(word):
        if parse.tag.POS in parts_of_speech and parse.tag.case == "nomn":
            return parse
    return None


_NOUN: Final = frozenset({"NOUN"})
_ADJECTIVE: Final = frozenset({"ADJF", "PRTF"})
_NOMINAL: Final = _NOUN | _ADJECTIVE


def inflect_phrase(label: str, case: str) -> str:
    """A Russian noun phrase in grammatical ``case`` (one of :data:`CASES`).

    The adjectives before the head noun agree with it; what follows the head (a genitive
    "отдела продаж", a prepositional "по работе с клиентами") stays as written:

    >>> inflect_phrase("руководитель отдела продаж", "datv")
    'руководителю отдела продаж'
    >>> inflect_phrase("генеральный директор", "gent")
    'генерального директора'

    Capitals are kept where they were. A phrase the dictionary cannot read (no head noun, a
    Latin word, a blank to fill in) is returned unchanged rather than guessed at.
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r} (expected one of: {', '.join(CASES)})")
    words = label.split(" ")
    modifiers: list[Any] = []
    head: Any | None = None
    for i, word in enumerate(words):
        if not _CYRILLIC.search(word):
            return label
        following = words[i + 1] if i + 1 < len(words) else None
        adjective = _nominative(word, _ADJECTIVE)
        # "старший менеджер": "старший" can be a noun too, but before a nominative it agrees
        if adjective is not None and following and _nominative(following, _NOMINAL):
            modifiers.append(adjective)
            continue
        head = _nominative(word, _NOUN)
        break
    if head is None:
        return label
    head_form = head.inflect({case})
    if head_form is None:
        return label
    agreement = {case, head.tag.number}
    if head.tag.number == "sing" and head.tag.gender:
        agreement.add(head.tag.gender)
    if case == "accs" and head.tag.animacy and "femn" not in agreement:
        # the masculine and plural accusative follow animacy: "старшего менеджера", "новый отдел"
        agreement.add(head.tag.animacy)
    inflected = []
    for modifier in modifiers:
        form = modifier.inflect(agreement)
        if form is None:
            return label
        inflected.append(form.word)
    inflected.append(head_form.word)
    count = len(inflected)
    return " ".join(
        [_restore_case(w, form) for w, form in zip(words[:count], inflected, strict=True)]
        + words[count:]
    )


def plural_years(years: float, case: str = "gent") -> str:
    """A number of years as Russian counts them, in ``case`` ``nomn`` or ``gent``.

    Genitive, after «не менее»: 1 года, 2 лет, 5 лет, 21 года, 1,5 года; nominative: 1 год,
    2 года, 5 лет. (The counted plural of "год" is the suppletive "лет", which pymorphy3 lists
    only second, after "годов": the rule is written out here.)
    """
    if case not in ("nomn", "gent"):
        raise ValueError(f"years are counted in 'nomn' or 'gent', not {case!r}")
    if not float(years).is_integer():
        return f"{years:g}".replace(".", ",") + " года"  # a fraction takes the genitive singular
    whole = abs(int(years))
    last, last_two = whole % 10, whole % 100
    if last == 1 and last_two != 11:
        word = "год" if case == "nomn" else "года"
    elif 2 <= last <= 4 and not 12 <= last_two <= 14:
        word = "года" if case == "nomn" else "лет"
    else:
        word = "лет"
    return f"{int(years)} {word}"


#: the letters of words a search compares (digits too: "1С"; "ё" is folded into "е")
_SEARCH_WORD: Final = re.compile(r"[0-9a-z\u0430-\u044f\u0451]+")
#: English inflection endings a search folds away, longest first (plurals and possessives)
_ENGLISH_ENDINGS: Final = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""))


def search_words(text: str) -> list[str]:
    """The words of ``text`` as a search compares them: lower case, "ё" as "е", split at
    anything but letters and digits ("HR-менеджер" is "hr", "менеджер")."""
    return [w.replace("ё", "е") for w in _SEARCH_WORD.findall(text.casefold())]


@functools.lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """The dictionary forms a word of :func:`search_words` may be a form of.

    A Russian word gets every normal form pymorphy3 reads it as ("бухгалтера" ->
    {"бухгалтер"}, "менеджером" -> {"менеджер"}, "стали" -> {"стать", "сталь"}); an English
    word loses a plural or possessive ending ("managers" -> {"manager"}, "companies" ->
    {"company"}; "business", "analysis" stay whole). Both readings of one word are found,
    so a search need not guess the case or number it was typed in.
    """
    if _CYRILLIC.search(word):
        return frozenset(p.normal_form.replace("ё", "е") for p in _parses(word)) or frozenset(
            (word,)
        )
    if word.endswith(("ss", "us", "is")):
        return frozenset((word,))
    for ending, replacement in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return frozenset((word[: -len(ending)] + replacement,))
    return frozenset((word,))
