"""Credentials in URLs are never shown: user and password, and secret query parameters."""

from __future__ import annotations

import logging
import sys

import pytest

from competency_graph.redaction import (
    RedactingFormatter,
    redact_text,
    redact_url,
    split_credentials,
)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://bob:secret@host:3030/ds/query", "http://***@host:3030/ds/query"),
        ("https://3f9a1c@host/sparql", "https://***@host/sparql"),
        ("http://a:b@c@host/q", "http://***@host/q"),
        (
            "http://host/q?access_token=abc&default-graph-uri=x&apiKey=k",
            "http://host/q?access_token=***&default-graph-uri=x&apiKey=***",
        ),
        ("http://host/q?password=p&sig=s", "http://host/q?password=***&sig=***"),
        ("http://host:3030/ds/query", "http://host:3030/ds/query"),
        ("http://host/q?query=x", "http://host/q?query=x"),
        ("not a url", "not a url"),
        ("http://bob:secret@[::1", "http://***@[::1"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_redact_text_redacts_every_url_in_a_message() -> None:
    message = (
        "cannot reach http://bob:secret@db:3030/query (tried https://x:y@mirror/q?token=t first)"
    )
    assert redact_text(message) == (
        "cannot reach http://***@db:3030/query (tried https://***@mirror/q?token=*** first)"
    )
    assert (
        redact_text("/data/x.ttl:3:1: file:///data/y.ttl") == "/data/x.ttl:3:1: file:///data/y.ttl"
    )


def test_split_credentials_takes_them_out_decoded() -> None:
    assert split_credentials("http://bob:s%40cr%3At@host:3030/q?x=1") == (
        "http://host:3030/q?x=1",
        "bob",
        "s@cr:t",
    )
    assert split_credentials("http://bob@host/q") == ("http://host/q", "bob", None)
    assert split_credentials("http://host/q") == ("http://host/q", None, None)


def test_the_log_formatter_redacts_messages_arguments_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(levelname)s: %(message)s")
    try:
        raise OSError("no route to http://bob:secret@db/query")
    except OSError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "store %s down", ("http://bob:secret@db/q",), None
        )
        record.exc_info = sys.exc_info()
    text = formatter.format(record)
    assert "secret" not in text
    assert text.startswith("ERROR: store http://***@db/q down\n")
    assert text.endswith("OSError: no route to http://***@db/query")
