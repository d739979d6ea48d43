"""The draft plan: a document model built from a session, and its renderers.

``build_plan(bank, session)`` makes the :class:`~wizard.plan.model.Plan`; ``render(plan, fmt)``
turns it into Markdown, HTML, JSON or OPML. Renderers are pure functions of the plan; the HTML
one (Jinja2 templates, wizard/plan/templates) imports jinja2 only when it is called.
"""

from __future__ import annotations

from wizard.plan.build import build_plan
from wizard.plan.model import Plan, plan_json_schema

__all__ = ["FORMATS", "Plan", "build_plan", "plan_json_schema", "render"]

FORMATS = ("md", "html", "json", "opml")


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
