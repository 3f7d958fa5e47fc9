"""A job-description :class:`~competency_graph.rendering.document.Document` as DOCX (python-docx).

A4 with the usual margins of Russian office documents (left 25 mm, right 15 mm, top and
bottom 20 mm), Times New Roman 12 pt, the "Approved" and "Agreed" blocks indented into the
right half of the first page, section headings as Word "Heading 1" (kept with the next
paragraph), clauses that never split across pages, and the familiarisation sheet as a table
on a new page.
"""

from __future__ import annotations

from io import BytesIO

from competency_graph.errors import MissingExtra
from competency_graph.rendering.document import Document, Section, Signature

try:  # python-docx (and lxml) are an extra: this module is imported only to write DOCX
    from docx import Document as new_docx
    from docx.document import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.shared import Mm, Pt, RGBColor
    from docx.text.paragraph import Paragraph
except ImportError:
    raise MissingExtra("DOCX documents", "docx") from None

FONT = "Times New Roman"
#: left indent that puts the signature blocks in the right half of an A4 page
BLOCK_INDENT = Mm(95)


def _setup(docx: DocxDocument, document: Document) -> None:
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    for name in ("Normal", "Heading 1", "List Bullet"):
        style = docx.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        _drop_theme_fonts(style.element)
    docx.styles["Normal"].font.size = Pt(12)
    docx.styles["Heading 1"].font.size = Pt(12)
    properties = docx.core_properties
    properties.title = f"{document.title}: {document.subject}"
    properties.language = document.lang
    properties.author = "competency-graph"


def _drop_theme_fonts(style: BaseOxmlElement) -> None:
    """Make the style's font apply to every script: theme fonts (the template's Calibri
    Light in headings) win over a named font in Word, so remove them."""
    fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:cs"), FONT)


def _line(docx: DocxDocument, text: str, *, bold: bool = False, keep: bool = True) -> Paragraph:
    paragraph = docx.add_paragraph()
    paragraph.add_run(text).bold = bold
    fmt = paragraph.paragraph_format
    fmt.left_indent = BLOCK_INDENT
    fmt.space_after = Pt(0)
    fmt.keep_with_next = keep
    return paragraph


def _signature(docx: DocxDocument, heading: str | None, signature: Signature) -> None:
    if heading:
        _line(docx, heading, bold=True)
    lines = [signature.role, signature.position, signature.line, signature.date]
    present = [line for line in lines if line]
    for n, text in enumerate(present, start=1):
        paragraph = _line(docx, text, keep=n < len(present))
        if n == len(present):
            paragraph.paragraph_format.space_after = Pt(10)


def _section(docx: DocxDocument, section: Section) -> None:
    docx.add_heading(f"{section.number}. {section.heading}", level=1)
    for clause in section.clauses:
        paragraph = docx.add_paragraph(f"{clause.number}. {clause.text}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.keep_together = True
        paragraph.paragraph_format.keep_with_next = bool(clause.items)
        for n, item in enumerate(clause.items, start=1):
            bullet = docx.add_paragraph(item, style="List Bullet")
            bullet.paragraph_format.keep_with_next = n < len(clause.items)


def write_docx(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    docx = new_docx()
    _setup(docx, document)
    _signature(docx, document.approved_heading, document.approval)
    if not document.agreements:
        _line(docx, document.agreed_heading, bold=True, keep=False)
    for n, signature in enumerate(document.agreements):
        _signature(docx, document.agreed_heading if n == 0 else None, signature)
    title = docx.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.space_after = Pt(0)
    title.paragraph_format.keep_with_next = True
    title_run = title.add_run(document.title.upper())
    title_run.bold = True
    title_run.font.size = Pt(14)
    subject = docx.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.add_run(document.subject).bold = True
    if document.meta:
        meta = docx.add_paragraph(". ".join(document.meta) + ".")
        meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in document.sections:
        _section(docx, section)
    heading = docx.add_heading(document.familiarisation_title, level=1)
    heading.paragraph_format.page_break_before = True
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx.add_paragraph(document.familiarisation_intro).paragraph_format.keep_with_next = True
    header = document.familiarisation_header
    table = docx.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in document.familiarisation_rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    buffer = BytesIO()
    docx.save(buffer)
    return buffer.getvalue()
