"""A job-description :class:`~competency_graph.rendering.document.Document` as Markdown.

CommonMark with one GitHub table (the familiarisation sheet). Lines of a signature block end
with a backslash, CommonMark's hard line break, so they stay on separate lines when rendered.
"""

from __future__ import annotations

from competency_graph.rendering.document import Document, Signature


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _block(heading: str | None, signature: Signature) -> str:
    lines = [f"**{heading}**"] if heading else []
    lines.extend(
        line
        for line in (signature.role, signature.position, signature.line, signature.date)
        if line
    )
    return "\\\n".join(lines)


def write_markdown(document: Document) -> str:
    """The document as Markdown text, ending with a newline."""
    parts: list[str] = [_block(document.approved_heading, document.approval)]
    parts.append(f"**{document.agreed_heading}**")
    parts.extend(_block(None, signature) for signature in document.agreements)
    parts.append(f"# {document.title}")
    parts.append(f"**{document.subject}**")
    if document.meta:
        parts.append(". ".join(document.meta) + ".")
    for section in document.sections:
        parts.append(f"## {section.number}. {section.heading}")
        for clause in section.clauses:
            parts.append(f"{clause.number}. {clause.text}")
            if clause.items:
                parts.append("\n".join(f"- {item}" for item in clause.items))
    parts.append(f"## {document.familiarisation_title}")
    parts.append(document.familiarisation_intro)
    header = document.familiarisation_header
    table = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *(
            "| " + " | ".join(_escape_cell(cell) for cell in row) + " |"
            for row in document.familiarisation_rows
        ),
    ]
    parts.append("\n".join(table))
    return "\n\n".join(parts) + "\n"
