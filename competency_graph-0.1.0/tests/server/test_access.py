"""Bearer tokens from a file, and who may do what (server/access.py, api/principals.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_graph.api.principals import ANONYMOUS, Forbidden, Principal, Unauthenticated
from competency_graph.errors import InputError
from competency_graph.server.access import Tokens, digest, new_token, read_tokens


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tokens.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tokens_file_names_each_token_by_its_digest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "anonymous: none\ntokens:\n"
        f"  - name: anna\n    role: editor\n    sha256: {digest('s3cret')}\n",
    )
    tokens = read_tokens(path)
    assert tokens.anonymous == "none"
    assert tokens.principal("Bearer s3cret") == Principal("anna", "editor")
    assert tokens.principal("bearer   s3cret ") == Principal("anna", "editor")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tokens: [\n", "not YAML"),
        ("- a\n", "expected a mapping with 'tokens' (and 'anonymous')"),
        ("anonymous: maybe\n", "anonymous must be read or none, not 'maybe'"),
        ("users: []\n", "unknown field 'users' (known: anonymous, tokens)"),
        ("tokens:\n  - name: x\n", "tokens[0]: expected name, role and sha256"),
        (
            f"tokens:\n  - {{name: x, role: boss, sha256: {'0' * 64}}}\n",
            "tokens[0]: role must be one of reader, editor, approver, admin, not 'boss'",
        ),
        (
            "tokens:\n  - {name: x, role: reader, sha256: s3cret}\n",
            "tokens[0]: sha256 must be the 64 hex digits `competency-graph new-token` prints",
        ),
        (
            f"tokens:\n  - {{name: x, role: reader, sha256: {'a' * 64}}}\n"
            f"  - {{name: y, role: admin, sha256: {'a' * 64}}}\n",
            "tokens[1]: the same token as x",
        ),
    ],
)
def test_every_mistake_in_a_tokens_file_is_located(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        read_tokens(path)
    assert raised.value.path == str(path)
    assert raised.value.message.startswith(message)


def test_requests_without_or_with_a_wrong_token() -> None:
    known = {digest("good"): Principal("anna", "editor")}
    assert Tokens(known, "read").principal(None) == ANONYMOUS
    with pytest.raises(Unauthenticated, match="needs a token"):
        Tokens(known, "none").principal(None)
    with pytest.raises(Unauthenticated, match="unknown or revoked token"):
        Tokens(known, "read").principal("Bearer bad")  # a wrong token is never anonymous
    with pytest.raises(Unauthenticated, match="must be 'Bearer <token>'"):
        Tokens(known, "read").principal("Basic YW5uYTpnb29k")


def test_each_role_may_do_what_the_weaker_ones_do() -> None:
    editor = Principal("anna", "editor")
    assert editor.may("reader") and editor.may("editor")
    assert not editor.may("approver")
    with pytest.raises(Forbidden) as raised:
        editor.require("admin", "auditLog")
    assert str(raised.value) == "auditLog needs the role admin or above; anna has the role editor"
    assert raised.value.code == "FORBIDDEN"


def test_new_tokens_are_long_and_different() -> None:
    first, second = new_token(), new_token()
    assert first != second
    assert len(first) >= 40
    assert digest(first) != digest(second)


def test_an_anonymous_reader_is_asked_for_a_token_not_forbidden() -> None:
    with pytest.raises(Unauthenticated) as raised:
        ANONYMOUS.require("editor", "createJobDescription")
    assert str(raised.value) == (
        "createJobDescription needs a token with the role editor or above: "
        "Authorization: Bearer <token>"
    )
    ANONYMOUS.require("reader", "position")  # reading needs none
