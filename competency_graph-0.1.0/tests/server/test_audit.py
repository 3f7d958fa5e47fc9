"""The audit log of accepted writes (server/audit.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from competency_graph.errors import InputError
from competency_graph.server.audit import AuditLog


def test_entries_are_json_lines_read_back_newest_last(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit" / "writes.jsonl")
    log.record("anna", "editor", "create", position="position:x", before=None, after="v1")
    log.record("boris", "admin", "delete", position="position:x", before="v1", after=None)
    lines = (tmp_path / "audit" / "writes.jsonl").read_text().splitlines()
    assert [json.loads(line)["who"] for line in lines] == ["anna", "boris"]
    last = log.last(1)
    assert len(last) == 1
    assert {k: v for k, v in last[0].items() if k != "at"} == {
        "who": "boris",
        "role": "admin",
        "action": "delete",
        "position": "position:x",
        "before": "v1",
        "after": None,
    }


def test_concurrent_entries_never_interleave(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "writes.jsonl")

    def write(worker: int) -> None:
        for n in range(50):
            log.record(f"w{worker}", "editor", "update", note="x" * 500, n=n)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = [json.loads(line) for line in (tmp_path / "writes.jsonl").read_text().splitlines()]
    assert len(entries) == 200
    assert len(log.last(1000)) == 200


def test_an_unwritable_log_is_a_located_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError) as raised:
        AuditLog(blocker / "writes.jsonl")
    assert raised.value.message.startswith("cannot write the audit log")
