"""The draft plan: a document model built from a session, and its renderers.

``build_plan(bank, session)`` makes the :class:`~wizard.plan.model.Plan`; ``render(plan, fmt)``
turns it into Markdown, HTML, JSON or OPML, and ``render_bytes(plan, fmt)`` into a binary format
(DOCX, PDF). Renderers are pure functions of the plan; each imports what it needs (jinja2 for
the HTML templates in wizard/plan/templates, python-docx, a PDF engine) only when it is called.
"""

from __future__ import annotations

from wizard.plan.build import build_plan
from wizard.plan.model import Plan, plan_json_schema

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "Plan",
    "build_plan",
    "plan_json_schema",
    "render",
    "render_bytes",
]

FORMATS = ("md", "html", "json", "opml")
BINARY_FORMATS = ("docx", "pdf")


def render(plan: Plan, fmt: str) -> str:
    """The plan in one of :data:`FORMATS`.

    Raises:
        ValueError: for a format not in :data:`FORMATS`.
    """
    if fmt == "md":
        from wizard.plan.markdown import render_markdown

        return render_markdown(plan)
    if fmt == "html":
        from wizard.plan.html import render_html

        return render_html(plan)
    if fmt == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if fmt == "opml":
        from wizard.plan.opml import render_opml

        return render_opml(plan)
    raise ValueError(f"unknown plan format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def render_bytes(plan: Plan, fmt: str) -> bytes:
    """The plan in one of :data:`BINARY_FORMATS`, as a file's bytes.

    Raises:
        ValueError: for a format not in :data:`BINARY_FORMATS`.
        wizard.plan.pdf.PdfEngineMissing: for a PDF when no engine is available.
    """
    if fmt == "docx":
        from wizard.plan.docx import render_docx

        return render_docx(plan)
    if fmt == "pdf":
        from wizard.plan.pdf import render_pdf

        return render_pdf(plan)
    raise ValueError(
        f"unknown binary plan format {fmt!r}; expected one of: {', '.join(BINARY_FORMATS)}"
    )
