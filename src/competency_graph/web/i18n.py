"""The words of the pages in Russian and English: ``t(key, lang, **fields)``.

One catalogue per language, with the same keys (a test holds that). A text may name fields
in ``{braces}``, filled by :meth:`str.format`. The language of a visitor is the one they
chose with the switch (remembered in a cookie), else the one their browser prefers
(``Accept-Language``), else Russian.
"""

from __future__ import annotations

from typing import Final

from starlette.requests import Request

from competency_graph.api.context import preferred_language
from competency_graph.rendering.phrases import LANGUAGES

#: the cookie that remembers the language a visitor chose
LANG_COOKIE: Final = "cg_lang"
DEFAULT_LANGUAGE: Final = "ru"

RU: Final[dict[str, str]] = {
    # the frame of every page
    "site_name": "Должности и компетенции",
    "skip_to_content": "Перейти к содержимому",
    "nav_label": "Основная навигация",
    "nav_search": "Поиск",
    "nav_gap": "Разрыв в навыках",
    "language_label": "Язык",
    "language_ru": "Русский",
    "language_en": "English",
    "signed_in_as": "Вы вошли как {name} ({role})",
    "anonymous": "Вы не вошли: только чтение",
    "open_server": "Вход не нужен: сервер открыт для всех",
    "sign_in": "Войти",
    "sign_out": "Выйти",
    "footer_api": "GraphQL API",
    "footer_health": "Состояние сервера",
    "messages_label": "Сообщения",
    # roles
    "role_reader": "читатель",
    "role_editor": "редактор",
    "role_approver": "утверждающий",
    "role_admin": "администратор",
    # sign-in
    "sign_in_title": "Вход",
    "sign_in_intro": "Вставьте свой токен доступа: его выдаёт администратор сервера.",
    "token_label": "Токен",
    "sign_in_not_needed": (
        "На этом сервере нет токенов (serve без --tokens): каждый может всё, входить не нужно."
    ),
    "signed_in": "Вы вошли как {name} ({role}).",
    "signed_out": "Вы вышли.",
    "token_refused": "Токен не принят: {reason}.",
    "token_missing": "Введите токен.",
    # refusals and errors
    "error_title": "Ошибка",
    "forbidden_title": "Нет доступа",
    "forbidden": "Для этого нужна роль «{role}» или выше; у вас роль «{have}».",
    "csrf_refused": (
        "Форма устарела или отправлена с другого сайта (нет верного CSRF-токена). "
        "Обновите страницу и попробуйте снова."
    ),
    "not_found_title": "Не найдено",
    "not_found": "Нет {kind} с идентификатором «{id}».",
    "did_you_mean": "Возможно, вы имели в виду:",
    "page_not_found": "Нет страницы по адресу {path}.",
    "bad_request_title": "Неверный запрос",
    "server_error_title": "Внутренняя ошибка",
    "server_error": "Что-то сломалось на сервере; номер запроса для администратора: {id}.",
    "back_home": "На главную",
    # kinds, in the genitive of "нет …" (the 404 page)
    "kind_position": "должности",
    "kind_skill": "навыка",
    "kind_department": "подразделения",
    "kind_duty": "обязанности",
    "kind_vacancy": "вакансии",
    "kind_entity": "объекта",
    # home
    "home_title": "Поиск",
    "home_intro": "Должности, обязанности, навыки и подразделения на русском и английском.",
    "search_label": "Что найти",
    "search_button": "Найти",
}

EN: Final[dict[str, str]] = {
    "site_name": "Positions and competencies",
    "skip_to_content": "Skip to content",
    "nav_label": "Main navigation",
    "nav_search": "Search",
    "nav_gap": "Skill gap",
    "language_label": "Language",
    "language_ru": "Русский",
    "language_en": "English",
    "signed_in_as": "Signed in as {name} ({role})",
    "anonymous": "Not signed in: reading only",
    "open_server": "No sign-in needed: this server is open to everyone",
    "sign_in": "Sign in",
    "sign_out": "Sign out",
    "footer_api": "GraphQL API",
    "footer_health": "Server health",
    "messages_label": "Messages",
    "role_reader": "reader",
    "role_editor": "editor",
    "role_approver": "approver",
    "role_admin": "admin",
    "sign_in_title": "Sign in",
    "sign_in_intro": "Paste your access token: the server's administrator gives it to you.",
    "token_label": "Token",
    "sign_in_not_needed": (
        "This server has no tokens (serve without --tokens): everyone may do everything, "
        "no sign-in is needed."
    ),
    "signed_in": "Signed in as {name} ({role}).",
    "signed_out": "Signed out.",
    "token_refused": "Token refused: {reason}.",
    "token_missing": "Enter a token.",
    "error_title": "Error",
    "forbidden_title": "Not allowed",
    "forbidden": "This needs the role {role} or above; you have the role {have}.",
    "csrf_refused": (
        "The form is stale or was sent from another site (no valid CSRF token). "
        "Reload the page and try again."
    ),
    "not_found_title": "Not found",
    "not_found": "There is no {kind} with the id '{id}'.",
    "did_you_mean": "Did you mean:",
    "page_not_found": "There is no page at {path}.",
    "bad_request_title": "Bad request",
    "server_error_title": "Internal error",
    "server_error": "Something broke on the server; request id for the administrator: {id}.",
    "back_home": "Back to the home page",
    "kind_position": "position",
    "kind_skill": "skill",
    "kind_department": "department",
    "kind_duty": "duty",
    "kind_vacancy": "vacancy",
    "kind_entity": "entity",
    "home_title": "Search",
    "home_intro": "Positions, duties, skills and departments, in Russian and English.",
    "search_label": "What to find",
    "search_button": "Search",
}

CATALOGUES: Final[dict[str, dict[str, str]]] = {"ru": RU, "en": EN}


def t(key: str, lang: str, **fields: object) -> str:
    """The text ``key`` in ``lang``, its ``{fields}`` filled; a missing key is a bug (KeyError)."""
    text = CATALOGUES[lang][key]
    return text.format(**fields) if fields else text


def language(request: Request) -> str:
    """The visitor's language: the remembered choice, else ``Accept-Language``, else ru."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    return preferred_language(request.headers.get("accept-language"), DEFAULT_LANGUAGE)
