"""The plan check as an appendix of the plan: the score and every finding, with the question
to revisit, so the reader of the plan sees where it does not yet hold together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.plan.model import Block, Paragraph, Section, Table

if TYPE_CHECKING:
    from wizard.check.report import Report

__all__ = ["PLAN_CHECK", "check_section"]

PLAN_CHECK = "Appendix: plan check"
"""The heading of the plan check in every format."""

_SEVERITY = {"problem": "Problem", "warning": "Warning", "tip": "Tip"}


def check_section(report: Report, session: str) -> Section:
    """The score, the findings (problems first) and the score per stage."""
    passed, scored = report.score()
    counts = dict.fromkeys(_SEVERITY, 0)
    for f in report.findings:
        counts[f.severity.value] += 1
    share = f" ({round(100 * passed / scored)}%)" if scored else ""
    summary = (
        f"{passed} of {scored} rules pass{share}: {counts['problem']} problem(s), "
        f"{counts['warning']} warning(s) and {counts['tip']} tip(s). For every rule and why "
        f'it matters, run "marketing-wizard check {session}".'
    )
    blocks: list[Block] = [Paragraph(text=summary)]
    order = list(_SEVERITY)
    findings = sorted(report.findings, key=lambda f: order.index(f.severity.value))
    if findings:
        rows = []
        for f in findings:
            where = ""
            if f.question is not None:
                item = f", item {f.question.item}" if f.question.item else ""
                where = f"{f.question.number} {f.question.title}{item}"
            rows.append([_SEVERITY[f.severity.value], f.message, where, f.rule])
        blocks.append(
            Table(title="Findings", columns=["Severity", "Finding", "Revisit", "Rule"], rows=rows)
        )
    stages = report.stages()
    if stages:
        rows = []
        for stage in stages:
            ok, of = report.score(stage)
            if of:
                rows.append([f"{stage.number}. {stage.title}", f"{ok} of {of}"])
        blocks.append(Table(title="Rules passed by stage", columns=["Stage", "Passed"], rows=rows))
    return Section(id="plan-check", title=PLAN_CHECK, blocks=blocks)
