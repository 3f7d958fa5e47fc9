"""The fixed words of every rendered document and picture, in one bilingual table.

Renderers never spell a fixed word themselves: they ask :func:`phrase` for it, so adding a
language means adding one column here. Entries with ``{placeholders}`` are filled with
labels from the graph by :func:`phrase`'s keyword arguments. A placeholder says how the
sentence needs its label: ``{head:gent}`` lowercases it (keeping names and abbreviations) and
puts it in a Russian case (:data:`~competency_graph.grammar.CASES`), ``{head:lower}`` only
lowercases it; so the grammar of each sentence stands beside its words, in each language.
"""

from __future__ import annotations

import string
from datetime import datetime
from typing import Any, Final

from competency_graph.errors import InputError
from competency_graph.grammar import CASES, inflect_phrase, lower_first, plural_years

LANGUAGES: Final = ("ru", "en")

#: key -> language -> text
PHRASES: Final[dict[str, dict[str, str]]] = {
    "approved": {"ru": "УТВЕРЖДАЮ", "en": "APPROVED"},
    "agreed": {"ru": "СОГЛАСОВАНО", "en": "AGREED"},
    "title": {"ru": "Должностная инструкция", "en": "Job description"},
    "version": {"ru": "Редакция {version}", "en": "Version {version}"},
    "status": {"ru": "Статус: {status}", "en": "Status: {status}"},
    "section.general": {"ru": "Общие положения", "en": "General provisions"},
    "section.duties": {"ru": "Должностные обязанности", "en": "Duties"},
    "section.rights": {"ru": "Права", "en": "Rights"},
    "section.responsibility": {"ru": "Ответственность", "en": "Responsibility"},
    "general.department": {
        "ru": "Должность «{position}» относится к подразделению «{department}».",
        "en": "The position of {position} belongs to the {department}.",
    },
    "general.supervisor": {
        "ru": "Работник подчиняется непосредственно {supervisor:datv}.",
        "en": "The employee reports directly to the {supervisor:lower}.",
    },
    "general.appointment": {
        "ru": "Работник назначается на должность и освобождается от неё приказом {head:gent}.",
        "en": "The employee is appointed to and dismissed from the position by order of the "
        "{head:lower}.",
    },
    "general.substitute": {
        "ru": "На время отсутствия работника его обязанности исполняет {substitute:nomn}.",
        "en": "During the employee's absence their duties are performed by the {substitute:lower}.",
    },
    "general.qualification": {
        "ru": "Квалификационные требования:",
        "en": "Qualification requirements:",
    },
    "general.must_know": {"ru": "Работник должен знать:", "en": "The employee must know:"},
    "requirement.education": {"ru": "образование: {levels}", "en": "education: {levels}"},
    "requirement.field": {"ru": "направление: {field}", "en": "field: {field}"},
    "requirement.experience": {
        "ru": "опыт работы не менее {years}",
        "en": "experience of at least {years}",
    },
    "requirement.no_experience": {
        "ru": "без требований к опыту работы",
        "en": "no experience required",
    },
    "requirement.experience_in": {
        "ru": "опыт работы: {area}",
        "en": "experience: {area}",
    },
    "requirement.level": {"ru": "уровень: {level}", "en": "level: {level}"},
    "necessity.essential": {"ru": "обязательно", "en": "essential"},
    "necessity.optional": {"ru": "желательно", "en": "optional"},
    "responsibility.sanctions": {"ru": "взыскания: {sanctions}", "en": "sanctions: {sanctions}"},
    "responsibility.basis": {"ru": "основание: {basis}", "en": "basis: {basis}"},
    "responsibility.no_basis": {
        "ru": "правовое основание не указано",
        "en": "no legal basis stated",
    },
    "article": {"ru": "ст.", "en": "art."},
    "signature": {"ru": "подпись", "en": "signature"},
    "familiarisation.title": {"ru": "Лист ознакомления", "en": "Familiarisation sheet"},
    "familiarisation.intro": {
        "ru": "С должностной инструкцией ознакомлен(а), экземпляр получил(а):",
        "en": "I have read this job description and received a copy:",
    },
    "familiarisation.number": {"ru": "№", "en": "No."},
    "familiarisation.name": {"ru": "Ф. И. О.", "en": "Full name"},
    "familiarisation.position": {"ru": "Должность", "en": "Position"},
    "familiarisation.date": {"ru": "Дата", "en": "Date"},
    "familiarisation.signature": {"ru": "Подпись", "en": "Signature"},
    "date.blank": {"ru": "«___» ____________ 20___ г.", "en": "____ ____________ 20___"},
    "date.day": {"ru": "«{day:02d}» {month} {year} г.", "en": "{day} {month} {year}"},
    "role.legal-service": {"ru": "Юридическая служба", "en": "Legal service"},
    "role.hr-department": {"ru": "Отдел кадров", "en": "HR department"},
    "role.immediate-supervisor": {
        "ru": "Непосредственный руководитель",
        "en": "Immediate supervisor",
    },
    # pictures
    "coverage.title": {
        "ru": "Покрытие обязанностей навыками: {position}",
        "en": "Duty coverage by skills: {position}",
    },
    "coverage.summary": {
        "ru": "обязанностей: {duties} · требуемых навыков: {skills} · "
        "не обеспечено обязанностей: {uncovered} · неиспользуемых навыков: {unused}",
        "en": "duties: {duties} · required skills: {skills} · "
        "duties not supported: {uncovered} · unused skills: {unused}",
    },
    "coverage.covered": {
        "ru": "навык требуется и обеспечивает обязанность",
        "en": "required skill supports the duty",
    },
    "coverage.gap": {
        "ru": "пробел: нужный навык не требуется от кандидата",
        "en": "gap: supporting skill is not required",
    },
    "coverage.uncovered": {
        "ru": "обязанность не обеспечена ни одним требуемым навыком",
        "en": "duty supported by no required skill",
    },
    "coverage.unused": {
        "ru": "требуемый навык не обеспечивает ни одной обязанности",
        "en": "required skill supports no duty",
    },
    "coverage.empty": {
        "ru": "У должности нет обязанностей в должностной инструкции",
        "en": "The position has no duties in a job description",
    },
    "org.title": {"ru": "Структура должностей", "en": "Organisation of positions"},
    "org.reports_to": {"ru": "подчиняется", "en": "reports to"},
    "org.substitute": {"ru": "замещается", "en": "substituted by"},
    "org.career": {"ru": "следующая ступень карьеры", "en": "next career step"},
    "org.standard": {"ru": "типовая должность", "en": "standard position"},
    "org.empty": {"ru": "В графе нет должностей", "en": "The graph has no positions"},
}

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def check_language(lang: str) -> str:
    """Return ``lang`` if we render in it, else raise :class:`InputError`."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    return lang


class _SentenceFormatter(string.Formatter):
    """``str.format`` that also knows the label specs ``lower`` and the Russian cases."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "lower":
            return lower_first(str(value))
        if format_spec in CASES:
            return inflect_phrase(lower_first(str(value)), format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER: Final = _SentenceFormatter()


def phrase(key: str, lang: str, **values: object) -> str:
    """The fixed text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``
    (labels put in the case the sentence needs, see the module's docstring)."""
    text = PHRASES[key][lang]
    return _FORMATTER.format(text, **values) if values else text


def format_date(moment: datetime | None, lang: str) -> str:
    """A signature date as printed on the document, or the blank to fill in by hand."""
    if moment is None:
        return phrase("date.blank", lang)
    month = MONTHS[lang][moment.month - 1]
    return phrase("date.day", lang, day=moment.day, month=month, year=moment.year)


def format_number(value: float) -> str:
    """``1.0`` -> ``1``, ``1.5`` -> ``1.5``: numbers as a person writes them."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_years(years: float, lang: str) -> str:
    """A number of years after "at least": "не менее 2 лет", "1 года"; "1 year", "2 years"."""
    if lang == "ru":
        return plural_years(years, "gent")
    return f"{format_number(years)} year{'' if years == 1 else 's'}"
