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
    "nav_new": "Новая инструкция",
    "nav_audit": "Журнал изменений",
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
    # search results
    "results_heading": "Найдено по запросу «{query}»",
    "nothing_found": "Ничего не найдено. Попробуйте другое слово или часть слова.",
    "and_more": "…и ещё {count}",
    "group_position": "Должности",
    "group_duty": "Обязанности",
    "group_skill": "Навыки",
    "group_department": "Подразделения",
    "positions_count": "должностей: {count}",
    "departments_heading": "Подразделения",
    "no_positions": "Должностей нет.",
    "skill_kind_knowledge": "знание",
    "skill_kind_competence": "компетенция",
    "skill_kind_tool": "инструмент",
    "skill_kind_language": "язык",
    "skill_kind_licence": "допуск",
    "skill_kind_personal-quality": "личное качество",
    "skill_kind_skill": "навык",
    "skill_kind_skill-group": "группа навыков",
    # a position
    "fact_department": "Подразделение",
    "fact_reports_to": "Подчиняется",
    "fact_substitute": "Замещает",
    "fact_specialises": "Частный случай должности",
    "jd_status": "Должностная инструкция:",
    "status_draft": "проект",
    "status_agreed": "согласована",
    "status_approved": "утверждена",
    "status_in-force": "действует",
    "jd_version": "редакция {version}",
    "actions_label": "Действия",
    "download": "Скачать {format}",
    "edit_description": "Редактировать инструкцию",
    "editions": "Редакции",
    "document_heading": "Должностная инструкция",
    "no_description": "У этой должности нет должностной инструкции.",
    "matrix_heading": "Покрытие обязанностей навыками",
    "matrix_title": "Покрытие обязанностей навыками: {position}",
    "matrix_summary": (
        "Обязанностей: {duties}; требуемых навыков: {skills}. Обязанностей без навыка: "
        "{uncovered}; навыков ни для какой обязанности: {unused}; нужных навыков, которых "
        "не требуют: {missing}."
    ),
    "matrix_not_required": "не требуются",
    "matrix_legend": (
        "Зелёная клетка (✓): требуемый навык обеспечивает обязанность. Красная (✗): навык "
        "нужен обязанности, но его не требуют. Красная обязанность (✗): её не обеспечивает ни "
        "один требуемый навык; коричневый навык (∅): не нужен ни одной обязанности."
    ),
    "matrix_table": "Та же матрица таблицей",
    "matrix_table_caption": "Обязанности (строки) и навыки (столбцы)",
    "duty": "Обязанность",
    "column_unused": "не нужен ни одной обязанности",
    "column_missing": "не требуется",
    "duty_uncovered": "не обеспечена",
    "cell_covered": "обеспечивает",
    "cell_gap": "пробел",
    "no_matrix": "Матрицы нет: у должности нет должностной инструкции с обязанностями.",
    "requirements_heading": "Требования к кандидату",
    "no_requirements": "Требований нет.",
    "requirement_kind_education": "образование",
    "requirement_kind_experience": "опыт",
    "requirement_kind_skill": "навык",
    "requirement_kind_attribute": "прочее",
    "necessity_essential": "обязательно",
    "necessity_optional": "желательно",
    "vacancies_heading": "Вакансии",
    "no_vacancies": "Вакансий нет.",
    "posted": "опубликована {date}",
    "salary_by_agreement": "зарплата по договорённости",
    "per_hour": "в час",
    "per_day": "в день",
    "per_month": "в месяц",
    "per_year": "в год",
    "esco_heading": "Соответствия в ESCO",
    "check_heading": "Проверка",
    "check_title": "Проверка: {position}",
    "check_run": "Показать результат проверки",
    "check_counts": "Ошибок: {errors}, предупреждений: {warnings}, замечаний: {infos}.",
    "check_clean": "Нарушений нет.",
    "check_fix": "Как исправить:",
    "check_source": "Основание:",
    "severity_error": "Ошибка",
    "severity_warning": "Предупреждение",
    "severity_info": "Замечание",
    "back_to_position": "К должности",
    # a skill
    "also_called": "Другие названия:",
    "skill_duties_heading": "Обязанности, которые обеспечивает навык",
    "no_duties": "Ни одна обязанность не называет этот навык или более общий.",
    "skill_positions_heading": "Должности, которые его требуют",
    "no_positions_require": "Ни одна должность не требует этот навык.",
    "hierarchy_heading": "Более общие и более частные навыки",
    "broader": "Более общие",
    "narrower": "Более частные",
    "none": "Нет.",
    "matches_heading": "Соответствия в других классификаторах (ESCO)",
    "exact_match": "Точное соответствие (exactMatch)",
    "close_match": "Близкое соответствие (closeMatch)",
    "matched_by": "Навыки, которые ссылаются на этот",
    "via": "через {skills}",
    # the skill gap
    "gap_title": "Разрыв в навыках",
    "gap_intro": (
        "Перечислите навыки человека и выберите должность: страница покажет, каких навыков "
        "не хватает, и какие должности подходят лучше всего."
    ),
    "gap_have": "Навыки человека",
    "gap_uncheck": "Снимите отметку, чтобы убрать навык.",
    "gap_add_skill": "Добавить навык (название или идентификатор)",
    "gap_position": "Должность",
    "gap_submit": "Сравнить",
    "unknown_skill": "Навык «{text}» не найден.",
    "unknown_position": "Должность «{text}» не найдена.",
    "gap_for": "Сравнение с должностью «{position}»",
    "gap_summary": (
        "Выполнено требований: {met}; не хватает обязательных: {essential}, желательных: "
        "{optional}."
    ),
    "gap_table_caption": "Требования должности к навыкам",
    "requirement": "Требование",
    "necessity": "Обязательность",
    "gap_state": "Есть ли",
    "met_by": "есть:",
    "missing": "не хватает",
    "gap_unassessed": "Эти требования навыками не проверить (образование, опыт и прочее):",
    "matches_best": "Лучше всего подходящие должности",
    "score": "{score}%",
    "score_explained": (
        "Выполнено обязательных требований: {essential_met} из {essential_total}, "
        "желательных: {optional_met} из {optional_total}."
    ),
    "missing_essential": "Не хватает обязательных:",
    "score_how": "Как посчитана оценка (по-английски)",
    "no_matches": "Эти навыки не требует ни одна должность.",
}

EN: Final[dict[str, str]] = {
    "site_name": "Positions and competencies",
    "skip_to_content": "Skip to content",
    "nav_label": "Main navigation",
    "nav_search": "Search",
    "nav_gap": "Skill gap",
    "nav_new": "New description",
    "nav_audit": "Audit trail",
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
    "results_heading": "Found for “{query}”",
    "nothing_found": "Nothing found. Try another word or the beginning of one.",
    "and_more": "…and {count} more",
    "group_position": "Positions",
    "group_duty": "Duties",
    "group_skill": "Skills",
    "group_department": "Departments",
    "positions_count": "{count} positions",
    "departments_heading": "Departments",
    "no_positions": "No positions.",
    "skill_kind_knowledge": "knowledge",
    "skill_kind_competence": "competence",
    "skill_kind_tool": "tool",
    "skill_kind_language": "language",
    "skill_kind_licence": "licence",
    "skill_kind_personal-quality": "personal quality",
    "skill_kind_skill": "skill",
    "skill_kind_skill-group": "skill group",
    "fact_department": "Department",
    "fact_reports_to": "Reports to",
    "fact_substitute": "Substitute",
    "fact_specialises": "A kind of",
    "jd_status": "Job description:",
    "status_draft": "draft",
    "status_agreed": "agreed",
    "status_approved": "approved",
    "status_in-force": "in force",
    "jd_version": "edition {version}",
    "actions_label": "Actions",
    "download": "Download {format}",
    "edit_description": "Edit the job description",
    "editions": "Editions",
    "document_heading": "Job description",
    "no_description": "This position has no job description.",
    "matrix_heading": "Duties covered by skills",
    "matrix_title": "Duties covered by skills: {position}",
    "matrix_summary": (
        "{duties} duties; {skills} required skills. Duties no required skill supports: "
        "{uncovered}; required skills no duty needs: {unused}; needed skills not required: "
        "{missing}."
    ),
    "matrix_not_required": "not required",
    "matrix_legend": (
        "Green cell (✓): the required skill supports the duty. Red cell (✗): the duty needs "
        "the skill but nobody requires it. A red duty (✗): no required skill supports it; a "
        "brown skill (∅): no duty needs it."
    ),
    "matrix_table": "The same matrix as a table",
    "matrix_table_caption": "Duties (rows) and skills (columns)",
    "duty": "Duty",
    "column_unused": "no duty needs it",
    "column_missing": "not required",
    "duty_uncovered": "not supported",
    "cell_covered": "supports",
    "cell_gap": "gap",
    "no_matrix": "No matrix: the position has no job description with duties.",
    "requirements_heading": "Candidate requirements",
    "no_requirements": "No requirements.",
    "requirement_kind_education": "education",
    "requirement_kind_experience": "experience",
    "requirement_kind_skill": "skill",
    "requirement_kind_attribute": "other",
    "necessity_essential": "essential",
    "necessity_optional": "optional",
    "vacancies_heading": "Vacancies",
    "no_vacancies": "No vacancies.",
    "posted": "posted {date}",
    "salary_by_agreement": "salary by agreement",
    "per_hour": "an hour",
    "per_day": "a day",
    "per_month": "a month",
    "per_year": "a year",
    "esco_heading": "ESCO matches",
    "check_heading": "Check",
    "check_title": "Check: {position}",
    "check_run": "Show the check result",
    "check_counts": "Errors: {errors}, warnings: {warnings}, notes: {infos}.",
    "check_clean": "No violations.",
    "check_fix": "How to fix:",
    "check_source": "Source:",
    "severity_error": "Error",
    "severity_warning": "Warning",
    "severity_info": "Note",
    "back_to_position": "Back to the position",
    "also_called": "Also called:",
    "skill_duties_heading": "Duties the skill supports",
    "no_duties": "No duty names this skill or a broader one.",
    "skill_positions_heading": "Positions that require it",
    "no_positions_require": "No position requires this skill.",
    "hierarchy_heading": "Broader and narrower skills",
    "broader": "Broader",
    "narrower": "Narrower",
    "none": "None.",
    "matches_heading": "Matches in other classifications (ESCO)",
    "exact_match": "Exact match (exactMatch)",
    "close_match": "Close match (closeMatch)",
    "matched_by": "Skills that point to this one",
    "via": "via {skills}",
    "gap_title": "Skill gap",
    "gap_intro": (
        "List a person's skills and choose a position: the page shows which skills are "
        "missing, and which positions fit best."
    ),
    "gap_have": "The person's skills",
    "gap_uncheck": "Uncheck a skill to remove it.",
    "gap_add_skill": "Add a skill (a name or an id)",
    "gap_position": "Position",
    "gap_submit": "Compare",
    "unknown_skill": "No skill “{text}” found.",
    "unknown_position": "No position “{text}” found.",
    "gap_for": "Compared with the position “{position}”",
    "gap_summary": (
        "Requirements met: {met}; missing essential: {essential}, missing optional: {optional}."
    ),
    "gap_table_caption": "The position's skill requirements",
    "requirement": "Requirement",
    "necessity": "Necessity",
    "gap_state": "Has it",
    "met_by": "met by",
    "missing": "missing",
    "gap_unassessed": (
        "These requirements cannot be judged from skills (education, experience, other):"
    ),
    "matches_best": "Best matching positions",
    "score": "{score}%",
    "score_explained": (
        "{essential_met} of {essential_total} essential and {optional_met} of "
        "{optional_total} optional requirements met."
    ),
    "missing_essential": "Missing essential:",
    "score_how": "How the score is computed",
    "no_matches": "No position requires these skills.",
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
