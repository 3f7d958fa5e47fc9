"""Credentials never printed: every URL shown in a message, a log line, ``/healthz`` or a
report goes through :func:`redact_url` (or, inside free text, :func:`redact_text`).

A URL carries credentials in two places: before the host (``http://bob:secret@host/query``)
and in query parameters named like a secret (``?access_token=…``, ``?apikey=…``). Both are
replaced by ``***``; the scheme, host, port and path stay, so a message still says which
endpoint it means. :func:`split_credentials` takes the user and password out of a URL, for
a client that sends them as HTTP basic authentication instead. The CLI prints every error
through :func:`redact_text`, and ``serve`` logs through :class:`RedactingFormatter`.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit, urlunsplit

#: what replaces a secret
HIDDEN = "***"
#: query parameters whose value is a secret (matched anywhere in the name, any case)
_SECRET_PARAMETER = re.compile(r"pass|pwd|secret|token|key|auth|sig|credential|session", re.I)
#: a URL with a scheme and an authority, as it may appear inside a message
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]+", re.I)


def redact_url(url: str) -> str:
    """``url`` with its user and password, and the values of secret query parameters,
    replaced by ``***`` (``http://***@host/query?token=***``). Text that is not a URL is
    returned as it is."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not even a URL (an unbalanced "[" in the host): hide what may be
        return _hide_userinfo(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{HIDDEN}@{netloc.rpartition('@')[2]}"
    query = "&".join(_redact_parameter(pair) for pair in parts.query.split("&"))
    return urlunsplit(parts._replace(netloc=netloc, query=query if parts.query else ""))


def redact_text(text: str) -> str:
    """``text`` with every URL in it redacted (:func:`redact_url`)."""
    return _URL.sub(_redact_found, text)


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its ``user:password@``, and the user and password (percent-decoded),
    or None for each part the URL does not give."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, has_password, password = userinfo.partition(":")
    bare = urlunsplit(parts._replace(netloc=host))
    return bare, unquote(user), unquote(password) if has_password else None


class RedactingFormatter(logging.Formatter):
    """A log formatter whose every line (message, arguments and traceback) goes through
    :func:`redact_text`: no log line shows a URL's credentials, whoever wrote it."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


def _redact_found(found: re.Match[str]) -> str:
    # punctuation after a URL ("…/query: cannot reach") ends the sentence, not the URL
    url = found.group().rstrip(":,.;)]")
    return redact_url(url) + found.group()[len(url) :]


def _redact_parameter(pair: str) -> str:
    name, has_value, _ = pair.partition("=")
    if has_value and _SECRET_PARAMETER.search(unquote(name)):
        return f"{name}={HIDDEN}"
    return pair


def _hide_userinfo(text: str) -> str:
    return re.sub(r"(//)[^/@\s]*@", rf"\g<1>{HIDDEN}@", text)
