"""Word fields shared by the Word documents (the plan and the worksheet): a field such as PAGE,
NUMPAGES or TOC written as OOXML field characters, and "Page N of M" in a footer. python-docx is
imported only when a field is written."""

from __future__ import annotations

import re
from enum import StrEnum, auto
from typing import TYPE_CHECKING

from wizard.i18n import _

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = ["add_field", "page_numbers"]


class _Mark(StrEnum):
    """The OOXML field characters (``w:fldCharType``): where a field begins, where its result
    starts, where it ends."""

    BEGIN = auto()
    SEPARATE = auto()
    END = auto()


def add_field(paragraph: Paragraph, instruction: str, *shown: str) -> None:
    """A field in ``paragraph``, showing the lines ``shown`` until a word processor updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(kind: _Mark) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind.value)
        paragraph.add_run()._r.append(element)

    mark(_Mark.BEGIN)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    mark(_Mark.SEPARATE)
    for n, line in enumerate(shown):
        run = paragraph.add_run(line)
        if n < len(shown) - 1:
            run.add_break()
    mark(_Mark.END)


def page_numbers(paragraph: Paragraph) -> None:
    """ "Page N of M", centred, in ``paragraph`` (a footer's)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fields = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
    # TRANSLATORS: a footer; {page} and {pages} become Word's page number and page count
    for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if piece in fields:
            add_field(paragraph, fields[piece], "1")
        elif piece:
            paragraph.add_run(piece)
