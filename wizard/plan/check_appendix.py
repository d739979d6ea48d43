"""The plan check as an appendix of the plan: the score and every finding, with the question
to revisit, so the reader of the plan sees where it does not yet hold together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.i18n import N_, _
from wizard.plan.model import Block, Paragraph, Section, Table

if TYPE_CHECKING:
    from wizard.check.report import Report

__all__ = ["PLAN_CHECK", "check_section"]

PLAN_CHECK = N_("Appendix: plan check")
"""The heading of the plan check in every format (translated where the plan is built)."""

_SEVERITY = {"problem": N_("Problem"), "warning": N_("Warning"), "tip": N_("Tip")}


def check_section(report: Report, session: str) -> Section:
    """The score, the findings (problems first) and the score per stage."""
    passed, scored = report.score()
    counts = dict.fromkeys(_SEVERITY, 0)
    for f in report.findings:
        counts[f.severity.value] += 1
    figures = {
        "passed": passed,
        "scored": scored,
        "problems": counts["problem"],
        "warnings": counts["warning"],
        "tips": counts["tip"],
        "session": session,
    }
    if scored:
        summary = _(
            "{passed} of {scored} rules pass ({share}%): {problems} problem(s), {warnings} "
            "warning(s) and {tips} tip(s). For every rule and why it matters, run "
            '"marketing-wizard check {session}".'
        ).format(share=round(100 * passed / scored), **figures)
    else:
        summary = _(
            "{passed} of {scored} rules pass: {problems} problem(s), {warnings} warning(s) and "
            '{tips} tip(s). For every rule and why it matters, run "marketing-wizard check '
            '{session}".'
        ).format(**figures)
    blocks: list[Block] = [Paragraph(text=summary)]
    order = list(_SEVERITY)
    findings = sorted(report.findings, key=lambda f: order.index(f.severity.value))
    if findings:
        rows = []
        for f in findings:
            where = ""
            if f.question is not None:
                if f.question.item:
                    where = _("{number} {question}, item {item}").format(
                        number=f.question.number, question=f.question.title, item=f.question.item
                    )
                else:
                    where = f"{f.question.number} {f.question.title}"
            rows.append([_(_SEVERITY[f.severity.value]), f.message, where, f.rule])
        columns = [_("Severity"), _("Finding"), _("Revisit"), _("Rule")]
        blocks.append(Table(title=_("Findings"), columns=columns, rows=rows))
    stages = report.stages()
    if stages:
        rows = []
        for stage in stages:
            ok, of = report.score(stage)
            if of:
                rows.append(
                    [f"{stage.number}. {stage.title}", _("{ok} of {of}").format(ok=ok, of=of)]
                )
        blocks.append(
            Table(title=_("Rules passed by stage"), columns=[_("Stage"), _("Passed")], rows=rows)
        )
    return Section(id="plan-check", title=_(PLAN_CHECK), blocks=blocks)
