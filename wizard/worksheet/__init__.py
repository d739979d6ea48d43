"""The worksheet to send before the workshop: every question of the chosen stages with its help,
an example and room to write, or an answers template that ``fill`` reads back.

``build_worksheet(bank, stages, depth)`` makes the :class:`~wizard.worksheet.model.Worksheet`
once; ``render(sheet, fmt)`` and ``render_bytes(sheet, "docx")`` turn it into each format.
Renderers are pure functions of the model and import what they need (python-docx) only when
called.
"""

from __future__ import annotations

from wizard.worksheet.build import build_worksheet, choose_stages
from wizard.worksheet.model import Worksheet

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "Worksheet",
    "build_worksheet",
    "choose_stages",
    "render",
    "render_bytes",
]

FORMATS = ("md", "html", "docx", "yaml")
BINARY_FORMATS = ("docx",)


def render(sheet: Worksheet, fmt: str) -> str:
    """The worksheet as text in a format of :data:`FORMATS` that is not binary.

    Raises:
        ValueError: for another format.
    """
    if fmt == "md":
        from wizard.worksheet.markdown import render_markdown

        return render_markdown(sheet)
    if fmt == "html":
        from wizard.worksheet.html import render_html

        return render_html(sheet)
    if fmt == "yaml":
        from wizard.worksheet.answers_template import render_template

        return render_template(sheet)
    raise ValueError(f"unknown worksheet text format {fmt!r}; expected md, html or yaml")


def render_bytes(sheet: Worksheet, fmt: str) -> bytes:
    """The worksheet in a binary format of :data:`BINARY_FORMATS`.

    Raises:
        ValueError: for another format.
    """
    if fmt == "docx":
        from wizard.worksheet.docx import render_docx

        return render_docx(sheet)
    raise ValueError(f"unknown worksheet binary format {fmt!r}; expected docx")
