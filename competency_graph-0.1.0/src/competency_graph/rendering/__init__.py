"""Documents, exports and pictures made from the read model.

- :func:`render_job_description`: a position's job description as Markdown, HTML or DOCX,
  in Russian or English (:mod:`.document` lays it out, :mod:`.markdown`, :mod:`.html` and
  :mod:`.word` write it; fixed words live in :mod:`.phrases`).
- :mod:`.job_posting`: vacancies as schema.org ``JobPosting`` JSON-LD, and back to RDF.
- :mod:`.pictures`: the coverage matrix of a position and the organisation graph (SVG, PNG).
- :mod:`.routes`: the HTTP routes serving all of the above; :mod:`.cli`: the commands.
"""

from __future__ import annotations

from competency_graph.errors import InputError
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.document import build_document
from competency_graph.rendering.formats import DOCUMENT_FORMATS
from competency_graph.rendering.html import write_html
from competency_graph.rendering.markdown import write_markdown


def render_job_description(model: ReadModel, position: str, fmt: str, lang: str) -> str | bytes:
    """The job description of ``position`` (compact id or IRI) in format ``fmt`` and ``lang``.

    ``fmt`` is ``md`` or ``html`` (a ``str``) or ``docx`` (``bytes``); ``lang`` is ``ru`` or
    ``en``. Raises :class:`~competency_graph.errors.InputError` for an unknown position, a
    position without a job description, or an unknown format or language.
    """
    if fmt not in DOCUMENT_FORMATS:
        raise InputError(
            f"unknown document format {fmt!r} (expected one of: {', '.join(DOCUMENT_FORMATS)})"
        )
    document = build_document(model, position, lang)
    if fmt == "md":
        return write_markdown(document)
    if fmt == "html":
        return write_html(document)
    from competency_graph.rendering.word import write_docx  # python-docx only when needed

    return write_docx(document)


__all__ = ["DOCUMENT_FORMATS", "render_job_description"]
