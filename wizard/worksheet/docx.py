"""The worksheet as a Word document (python-docx, imported only here): real headings, boxes to
tick, ruled lines to write on, a table per list question, page numbers in the footer.

Bank text goes in as text runs only, so it cannot add structure; what XML cannot hold (control
characters) is dropped first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from typing import TYPE_CHECKING

from wizard.colours import HEX
from wizard.docx_fields import page_numbers
from wizard.docx_fonts import set_cjk_font
from wizard.docx_properties import set_properties
from wizard.i18n import _, current, is_chinese
from wizard.plan.docx import logo_image
from wizard.worksheet.model import (
    SheetEntry,
    SheetQuestion,
    SheetStage,
    Worksheet,
    sender_line,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = ["render_docx"]

BOX = "☐"
ACCENT = "1F5F52"
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _t(text: str) -> str:
    return _NOT_XML.sub("", text)


def _gap() -> str:
    """What follows a label's colon: a space, none after a Chinese full-width colon."""
    return "" if is_chinese() else " "


def render_docx(sheet: Worksheet) -> bytes:
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt, RGBColor

    doc = new_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin = section.bottom_margin = Mm(16)
    doc.styles["Normal"].font.size = Pt(10.5)
    set_cjk_font(doc)
    _page_numbers(doc)
    sender = sheet.sender
    set_properties(
        doc, title=_t(sheet.title), made=dt.date.today(), author=_t(sender.by or ""), lang=current()
    )
    if sender.accent and HEX.fullmatch(sender.accent):
        colour = RGBColor.from_string(sender.accent.lstrip("#").upper())
        for style in ("Title", "Heading 1", "Heading 2"):
            doc.styles[style].font.color.rgb = colour
    logo = logo_image(sender.logo)
    if logo is not None:
        # an image python-docx cannot read (truncated, not what it says): no logo
        with contextlib.suppress(Exception):
            doc.add_picture(logo, width=Mm(40))
    doc.add_heading(_t(sheet.title), level=0)
    if sheet.bank_name:
        doc.add_paragraph(_t(_("Questions for: {name}").format(name=sheet.bank_name)))
    sent = sender_line(sender)
    if sent:
        doc.add_paragraph(_t(sent))
    for label in (_("Business"), _("Filled in by")):
        _ruled(doc, _("{label}:").format(label=label) + _gap())
    for text in sheet.instructions:
        doc.add_paragraph(_t(text))
    for n, stage in enumerate(sheet.stages):
        _stage(doc, stage, first=n == 0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _stage(doc: Document, stage: SheetStage, *, first: bool) -> None:
    title = _("Stage {number}. {title}").format(number=stage.number, title=stage.title)
    heading = doc.add_heading(_t(title), level=1)
    heading.paragraph_format.page_break_before = not first
    intro = doc.add_paragraph(_t(stage.intro))
    intro.runs[0].italic = True
    for q in stage.questions:
        _question(doc, q)


def _question(doc: Document, q: SheetQuestion) -> None:
    from docx.shared import Pt, RGBColor

    heading = doc.add_heading(_t(f"{q.number}  {q.prompt}"), level=2)
    heading.paragraph_format.keep_with_next = True
    if q.required:
        run = heading.add_run("  " + _("(required)"))
        run.font.size = Pt(9)
    if q.condition:
        cond = doc.add_paragraph()
        run = cond.add_run(_t(q.condition))
        run.italic = True
        run.font.color.rgb = RGBColor(0x8A, 0x5A, 0x00)
    why = doc.add_paragraph()
    why.add_run(_("Why we ask:") + _gap()).bold = True
    why.add_run(_t(q.help))
    _example(doc, q)
    if q.is_list:
        _table(doc, q)
    else:
        _room(doc, q)


def _example(doc: Document, entry: SheetEntry) -> None:
    lines = [line for line in entry.example.splitlines() if line.strip()]
    if not lines:
        return
    para = doc.add_paragraph()
    para.add_run(_("Example:") + _gap()).bold = True
    for line in lines:
        if len(lines) > 1:
            para.add_run().add_break()
        para.add_run(_t(("• " if len(lines) > 1 else "") + line)).italic = True


def _room(doc: Document, entry: SheetEntry) -> None:
    from docx.shared import Mm

    if entry.choices:
        how = _("Tick every box that applies:") if entry.multiple else _("Tick one:")
        doc.add_paragraph(how)
        for c in entry.choices:
            para = doc.add_paragraph(_t(f"{BOX}  {c.label}"))
            para.paragraph_format.left_indent = Mm(5)
            para.paragraph_format.space_after = 0
            if c.other:
                para.add_run("  " + "_" * 30)
    if entry.lines:
        doc.add_paragraph(_t(_("Your answer ({hint}):").format(hint=entry.hint)))
        for _line in range(entry.lines):
            _ruled(doc, "")


def _table(doc: Document, q: SheetQuestion) -> None:
    from docx.shared import Pt

    doc.add_paragraph(_("Your answer: one row per item; add rows if you need them."))
    table = doc.add_table(rows=1 + q.rows, cols=len(q.fields))
    table.style = "Table Grid"
    for cell, f in zip(table.rows[0].cells, q.fields, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_t(f.label))
        run.bold = True
        run.font.size = Pt(9)
    for row in table.rows[1:]:
        row.height = Pt(30)
    for n, f in enumerate(q.fields):
        para = doc.add_paragraph()
        para.paragraph_format.space_after = 0
        if n == 0:
            para.paragraph_format.space_before = Pt(6)
        para.add_run(_("{label}:").format(label=_t(f.label)) + _gap()).bold = True
        para.add_run(_t(f.legend())).font.size = Pt(9)


def _ruled(doc: Document, label: str) -> Paragraph:
    """A paragraph with a line under it to write on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para = doc.add_paragraph(label)
    para.paragraph_format.space_before = Pt(10)
    para.paragraph_format.space_after = Pt(2)
    borders = OxmlElement("w:pBdr")
    # Word draws one border round paragraphs in a row with the same borders: "between" rules
    # each of them
    for side in ("w:bottom", "w:between"):
        rule = OxmlElement(side)
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "1"),
            ("w:color", "A0A8AC"),
        ):
            rule.set(qn(key), value)
        borders.append(rule)
    para._p.get_or_add_pPr().append(borders)
    return para


def _page_numbers(doc: Document) -> None:
    """ "Page N of M" in the footer, as Word fields."""
    page_numbers(doc.sections[0].footer.paragraphs[0])
