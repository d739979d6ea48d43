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

__all__ = ["CJK_FONT", "set_cjk_font", "set_language"]

CJK_FONT = "Noto Sans CJK SC"


def set_cjk_font(document: Document, font: str = CJK_FONT) -> None:
    """Name ``font`` as the East Asian font of Normal and of every style that sets fonts."""
    from docx.oxml.ns import qn

    normal = document.styles["Normal"].element.get_or_add_rPr()
    normal.get_or_add_rFonts()
    for rfonts in document.styles.element.xpath("./w:style/w:rPr/w:rFonts"):
        rfonts.set(qn("w:eastAsia"), font)
        rfonts.attrib.pop(qn("w:eastAsiaTheme"), None)  # a theme font would win over it


def set_language(document: Document, lang: str) -> None:
    """Name the document's language (``w:lang`` of the default run properties), so that Word
    checks the spelling and breaks the lines as that language wants: in Chinese the East Asian
    language is zh-CN. English leaves the template's own (en-US) as it is."""
    if lang != "zh-CN":
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    found = styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr")
    if found:
        rpr = found[0]
    else:
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        holder = defaults.find(qn("w:rPrDefault"))
        if holder is None:
            holder = OxmlElement("w:rPrDefault")
            defaults.insert(0, holder)
        rpr = OxmlElement("w:rPr")
        holder.append(rpr)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), "zh-CN")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
