"""A job-description :class:`~competency_graph.rendering.document.Document` as print-ready HTML.

One self-contained page: A4 ``@page`` margins, the "Approved" and "Agreed" blocks in the top
right column, headings that never end a page (``break-after: avoid``), clauses that never split
(``break-inside: avoid``), and the familiarisation sheet on a page of its own. Open it in a
browser and print, or convert it with any HTML-to-PDF tool.
"""

from __future__ import annotations

from html import escape

from competency_graph.rendering.document import Clause, Document, Section, Signature

STYLESHEET = """\
@page { size: A4; margin: 20mm 15mm 20mm 25mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.35;
       max-width: 170mm; margin: 0 auto; color: #000; }
.endorsements { width: 48%; margin-left: auto; break-inside: avoid; page-break-inside: avoid; }
.endorsement { margin: 0 0 10pt 0; break-inside: avoid; page-break-inside: avoid; }
.endorsement p { margin: 0; }
.endorsement .heading { font-weight: bold; letter-spacing: 0.05em; }
h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 18pt 0 0 0; }
.subject { text-align: center; font-weight: bold; margin: 2pt 0 0 0; }
.meta { text-align: center; font-size: 10pt; margin: 2pt 0 12pt 0; }
h2 { font-size: 12pt; margin: 12pt 0 4pt 0; break-after: avoid; page-break-after: avoid; }
.intro { margin: 0 0 4pt 0; break-after: avoid; page-break-after: avoid; }
ol.clauses { list-style: none; margin: 0; padding: 0; }
ol.clauses > li { margin: 0 0 4pt 0; text-align: justify; break-inside: avoid;
                  page-break-inside: avoid; }
ol.clauses ul { margin: 2pt 0 0 0; }
.number { font-weight: normal; }
.familiarisation { break-before: page; page-break-before: always; }
.familiarisation h2 { text-align: center; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 4pt 6pt; height: 18pt; text-align: left;
         vertical-align: top; }
@media screen { body { margin: 2em auto; } }
"""


def _p(css_class: str, text: str) -> str:
    return f'<p class="{css_class}">{escape(text)}</p>' if text else ""


def _signature(css_id: str, heading: str | None, signature: Signature) -> str:
    parts = [
        _p("heading", heading or ""),
        _p("role", signature.role or ""),
        _p("position", signature.position),
        _p("signature", signature.line),
        _p("date", signature.date),
    ]
    inner = "\n".join(part for part in parts if part)
    return f'<div class="endorsement" id="{css_id}">\n{inner}\n</div>'


def _clause(clause: Clause) -> str:
    items = ""
    if clause.items:
        listed = "\n".join(f"<li>{escape(item)}</li>" for item in clause.items)
        items = f"\n<ul>\n{listed}\n</ul>"
    number = f'<span class="number">{escape(clause.number)}.</span>'
    return f"<li>{number} {escape(clause.text)}{items}</li>"


def _section(section: Section, level: int) -> str:
    lines = [
        f'<section class="section" id="section-{section.number}">',
        f"<h{level}>{escape(section.number)}. {escape(section.heading)}</h{level}>",
    ]
    lines.append('<ol class="clauses">')
    lines.extend(_clause(clause) for clause in section.clauses)
    lines.append("</ol>")
    lines.append("</section>")
    return "\n".join(lines)


def write_html_body(document: Document, level: int = 1) -> str:
    """The document's content as HTML without the page around it (to place in another page),
    its title a heading of ``level`` and its sections one level below."""
    agreements = [
        _signature(f"agreement-{n}", document.agreed_heading if n == 1 else None, signature)
        for n, signature in enumerate(document.agreements, start=1)
    ]
    if not agreements:
        agreements = [
            '<div class="endorsement" id="agreement-0">'
            f"{_p('heading', document.agreed_heading)}</div>"
        ]
    header_cells = "".join(f"<th>{escape(cell)}</th>" for cell in document.familiarisation_header)
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in document.familiarisation_rows
    )
    sub = level + 1
    body = [
        '<header class="endorsements">',
        _signature("approval", document.approved_heading, document.approval),
        '<div class="agreements" id="agreements">',
        *agreements,
        "</div>",
        "</header>",
        f"<h{level}>{escape(document.title)}</h{level}>",
        _p("subject", document.subject),
        _p("meta", ". ".join(document.meta) + "." if document.meta else ""),
        *(_section(section, sub) for section in document.sections),
        '<section class="familiarisation" id="familiarisation">',
        f"<h{sub}>{escape(document.familiarisation_title)}</h{sub}>",
        _p("intro", document.familiarisation_intro),
        f"<table>\n<thead><tr>{header_cells}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>",
        "</section>",
    ]
    return "\n".join(part for part in body if part)


def write_html(document: Document) -> str:
    """The document as a complete HTML page, ending with a newline."""
    title = f"{document.title}: {document.subject}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{document.lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n<body>\n"
        + write_html_body(document)
        + "\n</body>\n</html>\n"
    )
