"""The audit log: one JSON line per accepted write (who, when, what, which version).

``serve --audit-log FILE`` appends to ``FILE``; each line is written whole (one ``write`` of
the line, then ``fsync``) under a lock, so lines of concurrent writes never interleave and a
crash loses at most the line being written. The log holds names and versions, never a token.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from competency_graph.errors import InputError


@dataclass
class AuditLog:
    """Appends entries to ``path`` (JSON lines) and reads the last ones back."""

    path: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8"):
                pass
        except OSError as error:
            raise InputError(f"cannot write the audit log: {error.strerror}", self.path) from None

    def record(self, who: str, role: str, action: str, **details: Any) -> dict[str, Any]:
        """Append one entry; returns it."""
        entry = {
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "who": who,
            "role": role,
            "action": action,
            **details,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as log:
            log.write(line)
            log.flush()
            os.fsync(log.fileno())
        return entry

    def last(self, count: int) -> list[dict[str, Any]]:
        """The last ``count`` entries, oldest first (lines that do not parse are skipped)."""
        with self._lock, self.path.open(encoding="utf-8") as log:
            lines = deque(log, maxlen=count)
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return entries
