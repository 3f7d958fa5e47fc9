"""The ids people type, turned into IRIs: one resolver for the CLI, the API and the routes.

For an entity of a known kind (a position, say) four forms are accepted:

- the compact id ``position:key-account-manager`` (what GraphQL returns as ``id``);
- the Turtle prefix form ``pos:key-account-manager`` (any prefix of
  :data:`~competency_graph.namespaces.PREFIXES`, so ``cg:essential`` too);
- the full IRI;
- the bare slug ``key-account-manager``: of that kind when the kind is known, else of the
  one entity of any kind that has it.

An id that names nothing of the kind asked for is an :class:`UnknownIdError`, worded one way
everywhere: ``unknown position 'x'``, followed by `` (did you mean 'y'?)`` when a known id
(or label, for importers that accept labels) is close to what was typed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter

from competency_graph.errors import BadIdError, UnknownIdError
from competency_graph.model.readmodel import ReadModel
from competency_graph.namespaces import ID_BASE, ID_KINDS, PREFIXES, compact_id, expand_id

Table = Callable[[ReadModel], Mapping[str, object]]

#: kind (the prefix of its compact ids) -> (its name in messages, its table in the read model)
KINDS: dict[str, tuple[str, Table]] = {
    "position": ("position", attrgetter("positions")),
    "jd": ("job description", attrgetter("job_descriptions")),
    "department": ("department", attrgetter("departments")),
    "duty": ("duty", attrgetter("duties")),
    "function": ("generalised function", attrgetter("functions")),
    "right": ("right", attrgetter("rights")),
    "responsibility": ("responsibility", attrgetter("responsibilities")),
    "requirement": ("requirement", attrgetter("requirements")),
    "skill": ("skill", attrgetter("skills")),
    "norm": ("legal norm", attrgetter("legal_norms")),
    "vacancy": ("vacancy", attrgetter("vacancies")),
    "sector": ("sector", attrgetter("sectors")),
    "organization": ("organisation", attrgetter("organizations")),
}

#: beyond this many candidates, or this long a text, no suggestion is looked for: an
#: unknown id stays cheap to answer (difflib compares the text with every candidate)
MAX_CANDIDATES = 5_000
MAX_TEXT = 100
#: a candidate this close (difflib's ratio) is a typo of the text, whatever else matches
TYPO_RATIO = 0.9
#: how many unknown ids of one list get a suggestion (each costs a pass over the candidates)
MAX_SUGGESTED = 3


#: characters no IRI holds (RFC 3987): such a text names nothing, and never reaches a query
_NOT_IN_IRIS = frozenset('<>"{}|\\^`')


def kind_name(kind: str) -> str:
    """The word for ``kind`` in messages: ``legal norm`` for ``norm``."""
    return KINDS[kind][0] if kind in KINDS else kind


def table(model: ReadModel, kind: str) -> Mapping[str, object]:
    """The read model's entities of ``kind``, by IRI."""
    return KINDS[kind][1](model)


def expand(identifier: str, kind: str | None = None) -> str | None:
    """The IRI ``identifier`` names by its form alone, or None when it has no id form.

    ``kind`` lets a bare slug through (``key-account-manager`` is ``position:…`` when
    ``kind`` is ``"position"``); whether anything has that IRI is not looked at.
    """
    text = identifier.strip()
    if not text or any(c.isspace() or c in _NOT_IN_IRIS for c in text):
        return None
    if text.startswith(("http://", "https://", "urn:")):
        return text
    prefix, colon, local = text.partition(":")
    if colon:
        if not prefix or not local or "/" in local:
            return None
        if prefix in ID_KINDS:
            return str(expand_id(text))
        namespace = PREFIXES.get(prefix)
        return namespace + local if namespace is not None else None
    if kind in ID_KINDS and "/" not in text:
        return f"{ID_BASE}{ID_KINDS[kind]}/{text}"
    return None


def resolve(model: ReadModel, identifier: str, kind: str | None = None) -> str | None:
    """The IRI of the entity of ``kind`` (of any kind when None) that ``identifier`` names,
    or None when the model has none."""
    if kind is not None:
        iri = expand(identifier, kind)
        return iri if iri is not None and iri in table(model, kind) else None
    iri = expand(identifier)
    if iri is not None:
        return iri if iri in model.labels else None
    return _by_slug(model, identifier.strip())


def require(model: ReadModel, identifier: str, kind: str) -> str:
    """Like :func:`resolve` for one ``kind``, but an :class:`UnknownIdError` when unknown."""
    iri = resolve(model, identifier, kind)
    if iri is None:
        raise unknown_id(kind, identifier, table(model, kind))
    return iri


def require_all(model: ReadModel, identifiers: Iterable[str], kind: str) -> tuple[str, ...]:
    """The IRIs of ``identifiers`` (deduplicated, in order); every unknown one is reported,
    each in the words of :func:`unknown_id`, in one :class:`UnknownIdError`."""
    found, unknown = partition(model, identifiers, kind)
    if unknown:
        error = UnknownIdError("; ".join(e.message for e in unknown), kind, unknown[0].identifier)
        error.more = unknown[1:]
        raise error
    return found


def partition(
    model: ReadModel, identifiers: Iterable[str], kind: str
) -> tuple[tuple[str, ...], tuple[UnknownIdError, ...]]:
    """The IRIs ``identifiers`` name (deduplicated, in order) and an error for each one that
    names nothing of ``kind``: for answers that go on without the unknown ones (a skill
    profile from another system always holds some)."""
    found: list[str] = []
    unknown: list[UnknownIdError] = []
    for identifier in identifiers:
        iri = resolve(model, identifier, kind)
        if iri is None:
            known = table(model, kind) if len(unknown) < MAX_SUGGESTED else ()
            unknown.append(unknown_id(kind, identifier, known))
        elif iri not in found:
            found.append(iri)
    return tuple(found), tuple(unknown)


def unknown_id(kind: str, identifier: str, known: Iterable[str] = ()) -> UnknownIdError:
    """The error for an ``identifier`` that names no ``kind``; ``known`` holds the IRIs of
    that kind, to suggest the closest id. A text no id can have (see :func:`expand`) is a
    :class:`BadIdError`."""
    if expand(identifier, kind) is None:
        return BadIdError(unknown_message(kind, identifier), kind, identifier)
    suggestion = closest(_local_part(identifier), _id_forms(known))
    hint = f" (did you mean '{suggestion}'?)" if suggestion is not None else ""
    return UnknownIdError(unknown_message(kind, identifier) + hint, kind, identifier, suggestion)


def unknown_id_of_any_kind(identifier: str) -> UnknownIdError:
    """The error for an ``identifier`` that names no entity at all (``node(id:)``)."""
    kind = "entity"
    message = f"unknown id '{compact_id(identifier)}'"
    text = identifier.strip()
    if not text or any(c.isspace() or c in _NOT_IN_IRIS for c in text):
        return BadIdError(message, kind, identifier)
    return UnknownIdError(message, kind, identifier)


def unknown_message(kind: str, text: str) -> str:
    """``unknown position 'x'``: the one wording of an unknown reference (an IRI of ours is
    shown as its compact id, the form to type)."""
    return f"unknown {kind_name(kind)} '{compact_id(text)}'"


def did_you_mean(text: str, candidates: Mapping[str, str]) -> str:
    """`` (did you mean 'y'?)`` for the candidate closest to ``text``, else an empty string.

    ``candidates`` maps each form a user might type (compared case-insensitively) to what
    to suggest for it; too many of them (:data:`MAX_CANDIDATES`) suggest nothing.
    """
    suggestion = closest(text, candidates)
    return f" (did you mean '{suggestion}'?)" if suggestion is not None else ""


def closest(text: str, candidates: Mapping[str, str]) -> str | None:
    """What to suggest for the candidate closest to ``text`` (see :func:`did_you_mean`)."""
    if not candidates or len(candidates) > MAX_CANDIDATES or len(text) > MAX_TEXT:
        return None
    folded: dict[str, str] = {}
    for form, suggestion in candidates.items():
        folded.setdefault(form.casefold(), suggestion)
    typed = text.strip().casefold()
    close = difflib.get_close_matches(typed, list(folded), n=1, cutoff=0.6)
    typo = close and difflib.SequenceMatcher(None, typed, close[0]).ratio() >= TYPO_RATIO
    if not typo:
        # not a typo, but a name said at more length ("Head of sales department" for "Head of
        # sales") or cut short: the one candidate whose words begin the text, or that the
        # text's words begin, is meant more surely than the closest string ("Head of HR
        # department")
        extended = {
            folded[form]
            for form in folded
            if typed.startswith(f"{form} ") or form.startswith(f"{typed} ")
        }
        if len(extended) == 1:
            return extended.pop()
    return folded[close[0]] if close else None


def _id_forms(iris: Iterable[str]) -> dict[str, str]:
    """The slug of each IRI of ours -> its compact id.

    Slugs are compared, not compact ids: the shared ``skill:`` would make every short
    skill id look close to any other. IRIs outside our namespace (ESCO's end in a UUID) are
    left out: a mistyped UUID has no meaningful "closest", and comparing long IRIs costs
    seconds at ESCO scale.
    """
    forms: dict[str, str] = {}
    for iri in iris:
        compact = compact_id(iri)
        if compact != iri:
            forms.setdefault(_local_part(compact), compact)
    return forms


def _local_part(identifier: str) -> str:
    """``key-account-manager`` of ``position:…`` or ``pos:…``; an IRI stays whole."""
    text = identifier.strip()
    if text.startswith(("http://", "https://", "urn:")):
        return text
    return text.partition(":")[2] or text


def _by_slug(model: ReadModel, slug: str) -> str | None:
    """The one entity of any kind whose compact id ends in ``:slug``, else None."""
    if not slug or ":" in slug or "/" in slug or any(c.isspace() for c in slug):
        return None
    found = {model.by_id[f"{kind}:{slug}"] for kind in ID_KINDS if f"{kind}:{slug}" in model.by_id}
    return found.pop() if len(found) == 1 else None
