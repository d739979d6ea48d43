"""The plan check: rules over a session's answers, each finding with the question to revisit
and why it matters. ``run_rules`` works on plain facts; ``check_session`` reads them from a
session by role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.bank import Bank
from wizard.check.facts import plan_facts, role_stages
from wizard.check.model import Finding, PlanFacts, Severity, StageRef
from wizard.check.report import (
    FAILED,
    INFO,
    NOT_APPLICABLE,
    PASSED,
    REPORT_SCHEMA,
    Report,
    RuleResult,
    render_json,
    render_text,
)
from wizard.check.rules import RULES, Rule
from wizard.session import Session

if TYPE_CHECKING:
    from wizard.plan.effect import Effect
    from wizard.plan.forecast_inputs import ForecastInputs

__all__ = [
    "REPORT_SCHEMA",
    "Report",
    "check_session",
    "render_json",
    "render_text",
    "run_rules",
]


def _result(rule: Rule, facts: PlanFacts, stage: StageRef | None) -> RuleResult:
    issues = rule.run(facts)
    if issues is None:
        return RuleResult(rule, NOT_APPLICABLE, stage)
    why = rule.shown_why()
    findings = [Finding(rule.id, i.severity, i.message, why, i.question) for i in issues]
    if rule.informs and all(f.severity is Severity.TIP for f in findings):
        status = INFO
    else:
        status = FAILED if findings else PASSED
    return RuleResult(rule, status, stage, findings)


def run_rules(facts: PlanFacts, stages: dict[str, StageRef] | None = None) -> Report:
    """Every rule on ``facts``; ``stages`` gives the stage each rule's home role is asked in."""
    stages = stages or {}
    return Report(
        [_result(rule, facts, stages.get(rule.home.value) if rule.home else None) for rule in RULES]
    )


def check_session(
    bank: Bank, session: Session, forecast: tuple[ForecastInputs, Effect | None] | None = None
) -> Report:
    """The plan check of a session's answers in force (``forecast``: the forecast's inputs and
    effect, when the caller has made them already)."""
    return run_rules(plan_facts(bank, session, forecast), role_stages(bank))
