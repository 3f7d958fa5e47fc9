"""Errors a user can act on. The CLI prints them without a traceback and exits 2.

Messages are written in English where they are raised; :meth:`InputError.text` gives them in
Russian too, through :data:`_RUSSIAN`: a catalogue of the readers' message patterns (an
unknown message stays English, the way gettext falls back to the original).
"""

from __future__ import annotations

import re
from pathlib import Path


class InputError(Exception):
    """Bad input: a missing file, a parse error, an unknown id. Carries where, if known.

    ``code`` is the machine-readable kind of the mistake: the GraphQL API sends it as the
    error's ``extensions.code`` (docs/graphql.md lists the codes).
    """

    #: GraphQL ``extensions.code`` of this kind of error
    code = "BAD_USER_INPUT"

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        field: str | None = None,
        recoverable: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        #: the field path in a YAML or JSON job description (``duties[0].supported_by[0]``)
        self.field = field
        #: True when the reader went on without the part in error (an unknown reference is
        #: left out), so that what it read can still be checked
        self.recoverable = recoverable
        #: further problems of the same input, each located (the CLI prints them all)
        self.more: tuple[InputError, ...] = ()

    @property
    def all(self) -> tuple[InputError, ...]:
        """This problem and the further ones."""
        return (self, *self.more)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``ru``: translated where the catalogue knows it)."""
        return in_russian(self.message) if lang == "ru" else self.message

    def located_text(self, lang: str = "en") -> str:
        """``file:line:column: message`` in ``lang``."""
        return f"{self.location}: {self.text(lang)}" if self.location else self.text(lang)

    @property
    def extensions(self) -> dict[str, object]:
        """What the GraphQL API adds to the error's ``extensions`` besides its ``code``."""
        return {}

    @property
    def location(self) -> str:
        """``file:line:column`` (as much of it as is known), or an empty string."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class MissingExtra(InputError):
    """A feature whose dependencies are an optional extra that is not installed.

    The CLI prints it like any input error (exit 2); the document routes answer 501.
    """

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} need the {extra!r} extra: pip install 'competency-graph[{extra}]'"
        )
        self.extra = extra

    code = "NOT_AVAILABLE"


class UnknownIdError(InputError):
    """An id that names nothing of the kind asked for (a 404 for the document routes).

    The message is worded by :func:`competency_graph.model.ids.unknown_id`; ``suggestion``
    is the closest known id, when one is close.
    """

    code = "NOT_FOUND"

    def __init__(
        self, message: str, kind: str, identifier: str, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.identifier = identifier
        self.suggestion = suggestion


class BadIdError(UnknownIdError):
    """A text that cannot be an id at all (a space, ``<``, an unknown prefix): no entity of
    any graph could have it."""

    code = "BAD_ID"


class ConflictError(InputError):
    """A write based on a version that is no longer the current one (optimistic
    concurrency): ``current`` names the version to base the write on, None when nothing is
    there any more."""

    code = "CONFLICT"

    def __init__(self, message: str, current: str | None) -> None:
        super().__init__(message)
        self.current = current

    @property
    def extensions(self) -> dict[str, object]:
        """The current version, for the client to re-read and retry."""
        return {"currentVersion": self.current}


class ValidationFailed(InputError):
    """A write refused because what it would make breaks error-level rules; ``violations``
    are the report's violations as the API shows them."""

    code = "VALIDATION_FAILED"

    def __init__(self, message: str, violations: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.violations = violations

    @property
    def extensions(self) -> dict[str, object]:
        """Every violation of the would-be graph, each with its ``inputPath``."""
        return {"violations": self.violations}


class StoreUnavailable(InputError):
    """A write the store behind the server did not take (unreachable, refused, read-only):
    nothing was written; the client may try again once the store is back."""

    code = "STORE_UNAVAILABLE"


# -- Russian -----------------------------------------------------------------------------------

#: the kinds of entity a message names (:data:`competency_graph.model.ids.KINDS`), in Russian,
#: with the ending of an adjective that agrees with each ("неизвестн-ый навык")
_KINDS_RU: dict[str, tuple[str, str]] = {
    "position": ("должность", "ая"),
    "job description": ("должностная инструкция", "ая"),
    "department": ("подразделение", "ое"),
    "duty": ("обязанность", "ая"),
    "generalised function": ("обобщённая трудовая функция", "ая"),
    "right": ("право", "ое"),
    "responsibility": ("ответственность", "ая"),
    "requirement": ("требование", "ое"),
    "skill": ("навык", "ый"),
    "legal norm": ("правовая норма", "ая"),
    "vacancy": ("вакансия", "ая"),
    "sector": ("отрасль", "ая"),
    "organisation": ("организация", "ая"),
}
#: the schema's words for kinds of value (job_description._TYPE_NAMES, _describe)
_VALUES_RU = {
    "a mapping of fields": "набор полей",
    "a mapping": "набор полей",
    "a list": "список",
    "a text": "текст",
    "a number": "число",
    "a whole number": "целое число",
    "true or false": "true или false",
    "nothing": "пусто",
}
#: the schema's titles and messages (schema/job-description.schema.json)
_SCHEMA_RU = {
    "reference": "ссылка",
    "date (YYYY-MM-DD, optionally with a time: YYYY-MM-DDThh:mm)": (
        "дата (ГГГГ-ММ-ДД, можно со временем: ГГГГ-ММ-ДДTчч:мм)"
    ),
    "date (no such day)": "дата (такого дня нет)",
    "date and time (no such month, day, hour or minute)": (
        "дата и время (такого месяца, дня, часа или минуты нет)"
    ),
    "id (lower-case letters, digits and hyphens, such as find-clients)": (
        "id (строчные латинские буквы, цифры и дефисы, например find-clients)"
    ),
    "position id (lower-case letters, digits and hyphens, optionally prefixed position:)": (
        "id должности (строчные латинские буквы, цифры и дефисы, можно с префиксом position:)"
    ),
    "expected a reference or a list of references": "ожидалась ссылка или список ссылок",
    "expected a text, or {ru: ..., en: ...}": "ожидался текст или {ru: ..., en: ...}",
    "a requirement needs exactly one of: skill, education, experience, attribute": (
        "у требования должно быть ровно одно из: skill, education, experience, attribute"
    ),
}
_MUST_BE = re.compile(r"^(\w+) must be (?:one of )?(.+)$")


def _value_ru(text: str) -> str:
    return _VALUES_RU.get(text, text)


def _kind_ru(text: str) -> str:
    return _KINDS_RU.get(text, (text, ""))[0]


def _unknown(match: re.Match[str]) -> str:
    kind, ending = _KINDS_RU.get(match["kind"], (match["kind"], "ый"))
    return f"неизвестн{ending} {kind} «{match['text']}»"


def _schema_choice(match: re.Match[str]) -> str:
    said = _SCHEMA_RU.get(match["said"])
    if said is None:
        must = _MUST_BE.match(match["said"])
        said = f"{must[1]}: допустимо {must[2].replace(' or ', ' или ')}" if must else match["said"]
    return f"{said}, а не {_value_ru(match['value'])}"


def _not_valid(match: re.Match[str]) -> str:
    what = _SCHEMA_RU.get(match["title"], match["title"])
    return f"{_value_ru(match['value'])} — недопустимое значение: {what}"


#: (pattern of an English message, its Russian: a template of the pattern's groups or a
#: function of the match); the first pattern that matches the whole message wins
_RUSSIAN: list[tuple[re.Pattern[str], object]] = [
    (re.compile(p, re.S), t)
    for p, t in [
        (r"no such file", "нет такого файла"),
        (r"not a file", "это не файл"),
        (r"cannot read the file \((?P<why>.+)\)", "не удаётся прочитать файл ({why})"),
        (r"cannot write: (?P<why>.+)", "не удаётся записать: {why}"),
        (
            r"not UTF-8 text: (?P<why>.+) \(save the file as UTF-8\)",
            "текст не в UTF-8: {why} (сохраните файл в UTF-8)",
        ),
        (
            r"the file is empty: expected a job description",
            "файл пуст: ожидалась должностная инструкция",
        ),
        (r"YAML syntax error: (?P<why>.+)", "синтаксическая ошибка YAML: {why}"),
        (r"YAML error: (?P<why>.+)", "ошибка YAML: {why}"),
        (r"JSON syntax error: (?P<why>.+)", "синтаксическая ошибка JSON: {why}"),
        (r"malformed (?P<syntax>[\w/-]+): (?P<why>.+)", "ошибка синтаксиса {syntax}: {why}"),
        (
            r"cannot parse as (?P<syntax>[\w/-]+)(?P<why>.*)",
            "не удаётся разобрать как {syntax}{why}",
        ),
        (r"unknown file type '(?P<suffix>.*)'", "неизвестный тип файла «{suffix}»"),
        (r"field '(?P<name>.+)' is given twice", "поле «{name}» указано дважды"),
        (r"missing required field '(?P<name>.+)'", "нет обязательного поля «{name}»"),
        (r"unknown field '(?P<name>.+)'", "неизвестное поле «{name}»"),
        (r"unknown rule id '(?P<id>.+)'", "неизвестный id правила «{id}»"),
        (r"unknown (?P<kind>[\w ]+?) '(?P<text>.+)'", _unknown),
        (
            r"'(?P<text>.+)' is an? (?P<other>[\w ]+), not an? (?P<kind>[\w ]+)",
            lambda m: f"«{m['text']}» — это {_kind_ru(m['other'])}, а не {_kind_ru(m['kind'])}",
        ),
        (
            r"'(?P<text>.+)' is the label of several [\w ]+ \((?P<ids>.+)\): use the id",
            "«{text}» — подпись нескольких сущностей ({ids}): укажите id",
        ),
        (
            r"'(?P<id>.+)' is already a position of the graph: a job description file describes "
            r"a new position, so give it another id",
            "«{id}» — уже должность графа: файл должностной инструкции описывает новую "
            "должность, дайте ей другой id",
        ),
        (
            r"(?P<item>\w+\[\d+\]) already has the id '(?P<id>.+)': give each item its own id",
            "у {item} уже есть id «{id}»: дайте каждому пункту свой id",
        ),
        (
            r"'(?P<id>.+)' is also described by (?P<other>.+): give each [\w ]+ its own id",
            "«{id}» описана также в {other}: у каждой сущности должен быть свой id",
        ),
        (
            r"a job description needs the ontology it refers to.*",
            "должностной инструкции нужна онтология, на которую она ссылается: загрузите "
            "поставляемую онтологию или RDF-файлы с её навыками и нормами",
        ),
        (r"no rule left to run: (?P<why>.+)", "не осталось правил для проверки: {why}"),
        # literals of the wrong datatype (graph/datatypes.py)
        (
            r"(?P<prop>\S+) (?P<value>.+): a date is written (?P<date>\S+) or (?P<time>\S+)",
            "{prop} {value}: дата записывается как {date} или {time}",
        ),
        (
            r"(?P<prop>\S+) (?P<value>.+): not a valid (?P<type>\S+)",
            "{prop} {value}: недопустимое значение {type}",
        ),
        (
            r"(?P<prop>\S+) (?P<value>.+): the ontology says its values are (?P<type>\S+)",
            "{prop} {value}: по онтологии значения этого свойства — {type}",
        ),
        # the reasoner (checking/engine.py, backends/hermit.py)
        (
            r"--require-reasoner and --no-reasoner contradict each other",
            "--require-reasoner и --no-reasoner противоречат друг другу",
        ),
        (
            r"--require-reasoner and --position \(a position check never runs it\) contradict "
            r"each other",
            "--require-reasoner и --position противоречат друг другу (проверка должности "
            "резонер не запускает)",
        ),
        (
            r"owl-consistency not run: java is not on PATH; HermiT \(owlready2\) needs Java 11\+"
            r"(?P<why> \(--require-reasoner\))?",
            lambda m: (
                "owl-consistency не выполнена: java нет в PATH, а HermiT (owlready2) "
                "нужна Java 11+" + (m["why"] or "")
            ),
        ),
        (r"owl-consistency not run: (?P<why>.+)", "owl-consistency не выполнена: {why}"),
        (
            r"owl-consistency: HermiT could not check the graph: (?P<why>.+)",
            "owl-consistency: HermiT не смог проверить граф: {why}",
        ),
        # the schema's own wordings last: they match almost anything
        (r"must not be empty", "не должно быть пустым"),
        (r"must be at least (?P<least>.+)", "должно быть не меньше {least}"),
        (
            r"expected (?P<wanted>.+), not (?P<value>.+)",
            lambda m: (
                "ожидалось: "
                + " или ".join(_value_ru(w) for w in m["wanted"].split(" or "))
                + f", а не {_value_ru(m['value'])}"
            ),
        ),
        (
            r"(?P<value>.+) is not one of (?P<choices>.+)",
            lambda m: f"{_value_ru(m['value'])} — не одно из значений: {m['choices']}",
        ),
        (
            r"'(?P<value>.+)' is not a valid date \(no such day or time\)",
            "«{value}» — недопустимая дата (такого дня или времени нет)",
        ),
        (r"(?P<value>.+) is not a valid (?P<title>.+)", _not_valid),
        (r"(?P<said>.+), not (?P<value>.+)", _schema_choice),
    ]
]
#: what may follow a message, outermost last: the field, a suggestion, the count of others
_TAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r" \(and (?P<n>\d+) more problems?\)$"), " (и ещё проблем: {n})"),
    (re.compile(r" \(did you mean '(?P<meant>.+?)'\?\)$"), " (возможно, «{meant}»?)"),
    (re.compile(r" \(known: (?P<known>.+)\)$"), " (известны: {known})"),
    (re.compile(r" at (?P<field>[\w.\[\]]+)$"), " (поле {field})"),
]


def in_russian(message: str) -> str:
    """``message`` in Russian where :data:`_RUSSIAN` knows its pattern, else as it is.

    ``unknown skill 'Exel' at duties[0].supported_by[0] (did you mean 'Excel'?)`` becomes
    ``неизвестный навык «Exel» (поле duties[0].supported_by[0]) (возможно, «Excel»?)``.
    """
    core, tails = message, list[str]()
    stripped = True
    while stripped:
        stripped = False
        for pattern, template in _TAILS:
            found = pattern.search(core)
            if found:
                tails.insert(0, template.format(**found.groupdict()))
                core = core[: found.start()]
                stripped = True
    for pattern, translation in _RUSSIAN:
        match = pattern.fullmatch(core)
        if match is not None:
            if callable(translation):
                translated = str(translation(match))
            else:
                translated = str(translation).format(**match.groupdict())
            return translated + "".join(tails)
    return message
