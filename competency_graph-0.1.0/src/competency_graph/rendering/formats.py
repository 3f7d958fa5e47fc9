"""Output formats and their media types, kept apart from the writers so that naming a format
(the CLI's choices) does not import python-docx or matplotlib."""

from __future__ import annotations

from typing import Final

#: document format -> media type
DOCUMENT_FORMATS: Final[dict[str, str]] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

#: picture format -> media type
PICTURE_FORMATS: Final[dict[str, str]] = {"svg": "image/svg+xml", "png": "image/png"}
