"""The East Asian font of the Word documents (the plan and the worksheet).

Word sets Chinese, Japanese and Korean text in a style's East Asian font (``w:eastAsia``), not
in its Latin one; the default template leaves that to the theme, which on many systems names a
font with no Chinese glyphs. Normal and every style with fonts of its own (the headings, the
title) name a CJK font instead; where it is missing, Word and LibreOffice substitute the
nearest CJK font the system has. python-docx is imported only when a document is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["CJK_FONT", "set_cjk_font"]

CJK_FONT = "Noto Sans CJK SC"


def set_cjk_font(document: Document, font: str = CJK_FONT) -> None:
    """Name ``font`` as the East Asian font of Normal and of every style that sets fonts."""
    from docx.oxml.ns import qn

    normal = document.styles["Normal"].element.get_or_add_rPr()
    normal.get_or_add_rFonts()
    for rfonts in document.styles.element.xpath("./w:style/w:rPr/w:rFonts"):
        rfonts.set(qn("w:eastAsia"), font)
        rfonts.attrib.pop(qn("w:eastAsiaTheme"), None)  # a theme font would win over it
