"""Who may do what: bearer tokens from a file, each with a role.

``serve --tokens FILE`` reads a YAML file of the tokens the server accepts. A token is kept
only as its SHA-256 digest (tokens are long random strings, made by ``competency-graph
new-token``, so a plain digest cannot be reversed by guessing), with a name for the audit log
and a role::

    anonymous: read          # or: none (every request needs a token)
    tokens:
      - name: anna.hr
        role: editor
        sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Roles, each allowing what the ones before it do: ``reader`` (queries), ``editor`` (create,
update and delete job descriptions), ``approver`` (the approval steps), ``admin`` (the audit
log). A request without ``Authorization`` is the anonymous reader (or refused with
``anonymous: none``); a wrong token is refused, whatever the policy. No token, digest or
``Authorization`` header is ever logged or shown.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from competency_graph.api.principals import ANONYMOUS, ROLES, Principal, Unauthenticated
from competency_graph.errors import InputError
from competency_graph.reading import read_input

__all__ = ["ANONYMOUS", "Principal", "Tokens", "Unauthenticated", "digest", "new_token"]

ANONYMOUS_POLICIES = ("read", "none")


def digest(token: str) -> str:
    """The SHA-256 digest of a token, as the tokens file keeps it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A new random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Tokens:
    """The accepted tokens (by digest) and the policy for requests without one."""

    by_digest: Mapping[str, Principal]
    anonymous: str = "read"

    def principal(self, authorization: str | None) -> Principal:
        """Who a request's ``Authorization`` header names (raises :class:`Unauthenticated`)."""
        if authorization is None or not authorization.strip():
            if self.anonymous == "none":
                raise Unauthenticated("this server needs a token: Authorization: Bearer <token>")
            return ANONYMOUS
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
        wanted = digest(token.strip())
        for known, principal in self.by_digest.items():
            if hmac.compare_digest(known, wanted):  # in constant time
                return principal
        raise Unauthenticated("unknown or revoked token")


def read_tokens(path: Path) -> Tokens:
    """The tokens file at ``path``; every mistake is a located :class:`InputError`."""
    text = read_input(path).decode("utf-8", errors="replace")
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not YAML: {getattr(error, 'problem', error)}", path, line) from None
    if not isinstance(data, dict):
        raise InputError("expected a mapping with 'tokens' (and 'anonymous')", path)
    unknown = sorted(set(data) - {"tokens", "anonymous"})
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r} (known: anonymous, tokens)", path)
    anonymous = data.get("anonymous", "read")
    if anonymous not in ANONYMOUS_POLICIES:
        raise InputError(f"anonymous must be read or none, not {anonymous!r}", path)
    entries = data.get("tokens") or []
    if not isinstance(entries, list):
        raise InputError("tokens must be a list", path)
    by_digest: dict[str, Principal] = {}
    for index, entry in enumerate(entries):
        where = f"tokens[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"name", "role", "sha256"}:
            raise InputError(f"{where}: expected name, role and sha256", path)
        name, role, hashed = str(entry["name"]), str(entry["role"]), str(entry["sha256"]).lower()
        if role not in ROLES:
            raise InputError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}", path)
        if len(hashed) != 64 or any(c not in "0123456789abcdef" for c in hashed):
            raise InputError(
                f"{where}: sha256 must be the 64 hex digits `competency-graph new-token` prints",
                path,
            )
        if hashed in by_digest:
            raise InputError(f"{where}: the same token as {by_digest[hashed].name}", path)
        by_digest[hashed] = Principal(name, role)
    return Tokens(by_digest, anonymous)
