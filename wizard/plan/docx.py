"""The plan as a Word document (DOCX), made with python-docx from the plan's document model.

The cover (title, business, client, dates, the consultant's profile and logo) comes first, then
a table of contents, then the plan under real Word headings ("Heading 1" for the Markdown's
second-level headings, and so on down), so Word's navigation pane and its table of contents
work. Tables are Word tables whose header row repeats on every page; the SWOT is a 2x2 table,
the timeline and the forecast are tables too (python-docx draws no charts). Page numbers are a
PAGE field in the footer.

All text goes in as text runs, which python-docx escapes; characters XML 1.0 forbids are
dropped first (:func:`docx_text`), so no answer can break the document. python-docx is imported
only when a plan is rendered.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import re
from typing import TYPE_CHECKING

from wizard.docx_fields import add_field, page_numbers
from wizard.docx_fonts import set_cjk_font, set_language
from wizard.docx_properties import set_properties
from wizard.i18n import N_, _, current
from wizard.plan import closing
from wizard.plan.chart import format_number, points
from wizard.plan.markdown import NOTHING_CHARTED
from wizard.plan.model import (
    INTERNAL_MARK,
    INTERNAL_NOTICE,
    PARKING_LOT,
    PARKING_LOT_INTRO,
    Block,
    BulletList,
    Chart,
    KeyValueList,
    Paragraph,
    Plan,
    Section,
    Swot,
    Table,
    Timeline,
)
from wizard.plan.text import date_text, one_line

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table as DocxTable
    from docx.table import _Cell
    from docx.text.run import Run

__all__ = ["CONTENTS", "DEFAULT_ACCENT", "docx_text", "logo_image", "render_docx"]

DEFAULT_ACCENT = "#1F4E79"
"""The headings' and table headers' colour when the profile names none."""

CONTENTS = N_("Contents")
TOC_HINT = N_("Update the table of contents (F9 in Word) to show its page numbers.")

# Characters XML 1.0 does not allow (C0 controls but tab and line breaks, lone surrogates,
# U+FFFE and U+FFFF); python-docx refuses a text holding one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


INTERNAL_COLOUR = "A61B29"
"""The red of the internal version's notice (as in the HTML and PDF)."""


def docx_text(text: str) -> str:
    """User text on one line, without what XML 1.0 forbids (everything else stays as text)."""
    return _NOT_XML.sub("", one_line(_NOT_XML.sub("", text)))


def render_docx(plan: Plan) -> bytes:
    """The plan as a DOCX file's bytes."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    _properties(document, plan)
    accent = (plan.cover.accent or DEFAULT_ACCENT).lstrip("#").upper()
    _styles(document, accent)
    writer = _Writer(document, accent)
    writer.cover(plan)
    # the plan proper in a section of its own, whose footer numbers its pages
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    page_numbers(body.footer.paragraphs[0])
    if plan.internal:  # every page of the plan proper says so, as the PDF's do
        from docx.shared import Pt, RGBColor

        body.header.is_linked_to_previous = False
        run = body.header.paragraphs[0].add_run(docx_text(_(INTERNAL_MARK)))
        run.bold = True
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor.from_string(INTERNAL_COLOUR)
    writer.contents(plan)
    writer.plan(plan)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document: Document, plan: Plan) -> None:
    set_properties(
        document,
        title=docx_text(plan.title),
        made=plan.date,
        subject=docx_text(plan.business or ""),
        author=docx_text(plan.cover.consultant or plan.cover.agency or ""),
        lang=current(),
    )


def _styles(document: Document, accent: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    colour = RGBColor.from_string(accent)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        document.styles[name].font.color.rgb = colour
    # the title's rule underneath, in the accent colour too
    for border in document.styles["Title"].element.xpath("./w:pPr/w:pBdr/*"):
        border.set(qn("w:color"), accent)
    set_cjk_font(document)
    set_language(document, current())


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


TEXT_WIDTH_CM = 21 - 2 * 2.2
"""The width of the page between its margins (A4)."""


def _fit_columns(table: DocxTable, rows: list[list[str]]) -> None:
    """Column widths by what the columns hold: each column first gets room for its longest
    word (up to a point, so short words and dates do not break), then the rest of the width
    is shared by the columns' average length."""
    from docx.shared import Cm, Pt

    need, more = [], []
    for n in range(len(rows[0])):
        cells = [docx_text(row[n]) if n < len(row) else "" for row in rows]
        word = max((len(w) for c in cells for w in c.split()), default=1)
        average = sum(min(len(c), 80) for c in cells) / len(cells)
        need.append(min(word, 14) * _CHAR_CM + _PAD_CM)
        more.append(average * _CHAR_CM + _PAD_CM)
    spare = TEXT_WIDTH_CM - sum(need)
    if spare <= 0:
        sizes = [TEXT_WIDTH_CM * w / sum(need) for w in need]
    else:
        sizes = [w + spare * m / sum(more) for w, m in zip(need, more, strict=True)]
    table.autofit = False
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = Cm(size)
        for cell in column.cells:
            cell.width = Cm(size)
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9.5)


_CHAR_CM = 0.21  # about one character at 9.5 pt, bold
_PAD_CM = 0.45  # a cell's margins


def _row_flag(table: DocxTable, row: int, tag: str) -> None:
    """Mark a row: ``w:tblHeader`` (repeat on every page), ``w:cantSplit`` (keep whole)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    table.rows[row]._tr.get_or_add_trPr().append(flag)


class _Writer:
    def __init__(self, document: Document, accent: str) -> None:
        self.doc = document
        self.accent = accent

    # --- text

    def heading(self, level: int, text: str) -> None:
        """A Word heading; ``level`` is the Markdown plan's (2 is "Heading 1")."""
        self.doc.add_heading(docx_text(text), max(1, min(level - 1, 9)))

    def paragraph(self, text: str, style: str | None = None, *, italic: bool = False) -> None:
        text = docx_text(text)
        if text:
            run = self.doc.add_paragraph(style=style).add_run(text)
            run.italic = italic or None

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.paragraph(item, "List Bullet")

    def key_values(self, pairs: list[tuple[str, str]]) -> None:
        for key, value in pairs:
            para = self.doc.add_paragraph(style="List Bullet")
            para.add_run(_("{label}:").format(label=docx_text(key))).bold = True
            para.add_run(" " + docx_text(value))

    # --- tables

    def table(
        self, columns: list[str], rows: list[list[str]], bold: frozenset[int] = frozenset()
    ) -> DocxTable:
        """A table with a header row repeated on each page; rows in ``bold`` are totals."""
        width = len(columns)
        table: DocxTable = self.doc.add_table(rows=1 + len(rows), cols=width)
        table.style = self.doc.styles["Table Grid"]
        for n, name in enumerate(columns):
            cell = table.rows[0].cells[n]
            run = cell.paragraphs[0].add_run(docx_text(name))
            run.bold = True
            _white(run)
            _shade(cell, self.accent)
        _row_flag(table, 0, "w:tblHeader")
        for r, row in enumerate(rows, start=1):
            cells = table.rows[r].cells
            for n, value in enumerate((list(row) + [""] * width)[:width]):
                run = cells[n].paragraphs[0].add_run(docx_text(value))
                if r - 1 in bold:
                    run.bold = True
                    _shade(cells[n], "E8E8E8")
            _row_flag(table, r, "w:cantSplit")
        _fit_columns(table, [columns, *rows])
        self.doc.add_paragraph()  # room under the table
        return table

    def swot(self, swot: Swot) -> None:
        """Strengths beside weaknesses, opportunities beside threats: a 2x2 table."""
        from docx.shared import Pt

        table: DocxTable = self.doc.add_table(rows=2, cols=2)
        table.style = self.doc.styles["Table Grid"]
        for n, (name, items) in enumerate(swot.quadrants()):
            cell = table.rows[n // 2].cells[n % 2]
            _shade(cell, ("EAF3E6", "FBEAEA", "E8F0FA", "FFF4E0")[n])
            cell.paragraphs[0].add_run(name).bold = True
            for item in items:
                text = docx_text(item)
                if text:
                    cell.add_paragraph(style="List Bullet").add_run(text).font.size = Pt(9.5)
        self.doc.add_paragraph()

    def timeline(self, timeline: Timeline) -> None:
        rows: list[list[str]] = []
        groups: list[int] = []
        group = None
        for item in timeline.items:
            if item.group != group:
                group = item.group
                groups.append(len(rows))
                rows.append([group, "", "", ""])
            end = "" if item.milestone else date_text(item.end)
            rows.append([item.label, date_text(item.start), end, item.owner or ""])
        columns = [_("Task or milestone"), _("Start"), _("End"), _("Owner")]
        table = self.table(columns, rows)
        for n in groups:  # a group's name across the row, bold
            cells = table.rows[n + 1].cells
            merged = cells[0].merge(cells[-1])
            for extra in merged.paragraphs[1:]:  # the merged cells' empty paragraphs
                merged._tc.remove(extra._p)
            for run in merged.paragraphs[0].runs:
                run.bold = True
            _shade(merged, "F2F2F2")

    def chart(self, chart: Chart) -> None:
        """The chart's figures as a table: a row per x label, a column per series."""
        if not any(points(chart, s) for s in chart.series):
            self.paragraph(_(NOTHING_CHARTED))
            return
        self.paragraph(chart.y_label, italic=True)
        columns = [_("Period"), *(s.name for s in chart.series)]
        values = [points(chart, s) for s in chart.series]
        rows = [
            [label, *(format_number(v[n]) if n < len(v) else "" for v in values)]
            for n, label in enumerate(chart.x_labels)
        ]
        self.table(columns, rows)

    # --- blocks and sections

    def block(self, block: Block, level: int) -> None:
        if block.title:
            self.heading(level, block.title)
        if isinstance(block, Paragraph):
            self.paragraph(block.text)
        elif isinstance(block, BulletList):
            self.bullets(block.items)
        elif isinstance(block, KeyValueList):
            self.key_values([(row.key, row.value) for row in block.rows])
        elif isinstance(block, Table):
            totals = range(len(block.rows) - block.total_rows, len(block.rows))
            self.table(block.columns, block.rows, frozenset(totals))
        elif isinstance(block, Swot):
            self.swot(block)
        elif isinstance(block, Timeline):
            self.timeline(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def section(self, section: Section, level: int) -> None:
        self.heading(level, section.title)
        for block in section.blocks:
            self.block(block, level + 1)
        for sub in section.subsections:
            self.section(sub, level + 1)

    # --- the document

    def cover(self, plan: Plan) -> None:
        from docx.shared import Cm, Pt

        cover = plan.cover
        logo = logo_image(cover.logo)
        if logo is not None:
            # an image python-docx cannot read (truncated, not what it says): no logo
            with contextlib.suppress(Exception):
                self.doc.add_picture(logo, width=Cm(4))
        for _blank in range(3):
            self.doc.add_paragraph()
        self.doc.add_paragraph(docx_text(plan.title), style="Title")
        if plan.business:
            self.paragraph(plan.business, "Subtitle")
        self.paragraph(_("Draft for discussion"))
        if plan.internal:
            from docx.shared import RGBColor

            run = self.doc.add_paragraph().add_run(docx_text(_(INTERNAL_NOTICE)))
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(INTERNAL_COLOUR)
        lines = []
        if plan.client:
            lines.append((_("Prepared for"), plan.client))
        lines.append((_("Date"), date_text(plan.date)))
        if cover.workshop:
            lines.append((_("Workshop"), date_text(cover.workshop)))
        by = [name for name in (cover.consultant, cover.agency) if name]
        if by:
            lines.append((_("Prepared by"), _(", ").join(by)))
        if cover.contact:
            lines.append((_("Contact"), cover.contact))
        for key, value in lines:
            para = self.doc.add_paragraph()
            para.paragraph_format.space_after = Pt(2)
            para.add_run(_("{label}: ").format(label=key)).bold = True
            para.add_run(docx_text(value))

    def contents(self, plan: Plan) -> None:
        """A TOC field, filled with the first two heading levels until Word updates it."""
        from docx.enum.text import WD_BREAK
        from docx.shared import Pt

        title = self.doc.add_paragraph()
        run = title.add_run(_(CONTENTS))
        run.bold = True
        run.font.size = Pt(16)
        self.paragraph(_(TOC_HINT), italic=True)
        entries = [("    " * (level - 1)) + docx_text(text) for level, text in _toc_entries(plan)]
        add_field(self.doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', *entries)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def plan(self, plan: Plan) -> None:
        self.heading(2, _("Summary"))
        for text in plan.summary:
            self.paragraph(text)
        for part in plan.parts:
            self.heading(2, part.title)
            self.paragraph(part.intro, italic=True)
            if not part.sections:
                self.paragraph(_("Nothing in this part has been answered yet; see Open questions."))
            for section in part.sections:
                self.section(section, 3)
        self.section(closing.open_questions(plan), 2)
        if plan.notes:
            self.heading(2, _("Notes"))
            self.key_values([(note.question, note.note) for note in plan.notes])
        if plan.parked:
            self.heading(2, _(PARKING_LOT))
            self.paragraph(_(PARKING_LOT_INTRO), italic=True)
            parked = [[p.text, p.question or ""] for p in plan.parked]
            self.table([_("Point"), _("Parked at")], parked)
        if plan.check is not None:
            self.heading(2, plan.check.title)
            for block in plan.check.blocks:
                self.block(block, 3)
        if (appendix := closing.appendix(plan)) is not None:
            self.section(appendix, 2)


def _white(run: Run) -> None:
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def logo_image(uri: str | None) -> io.BytesIO | None:
    """The logo's image bytes from its data URI, or None when there is none or it is broken."""
    if not uri or "," not in uri:
        return None
    try:
        return io.BytesIO(base64.b64decode(uri.split(",", 1)[1], validate=True))
    except (binascii.Error, ValueError):
        return None


def _toc_entries(plan: Plan) -> list[tuple[int, str]]:
    """The table of contents' first two levels, as Word would list them."""
    entries: list[tuple[int, str]] = [(1, _("Summary"))]
    for part in plan.parts:
        entries.append((1, part.title))
        entries += [(2, section.title) for section in part.sections]
    entries.append((1, _(closing.OPEN_QUESTIONS)))
    if plan.notes:
        entries.append((1, _("Notes")))
    if plan.parked:
        entries.append((1, _(PARKING_LOT)))
    if plan.check is not None:
        entries.append((1, plan.check.title))
    if plan.appendix:
        entries.append((1, _(closing.APPENDIX)))
    return entries
