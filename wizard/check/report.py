"""The plan check's report: every rule with its result, the findings, the scores; as text for
a person or as JSON (whose shape :data:`REPORT_SCHEMA` publishes) for scripts."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from wizard.check.model import Finding, Ref, Severity, StageRef
from wizard.check.rules import Rule
from wizard.i18n import N_, _

__all__ = ["REPORT_SCHEMA", "Report", "RuleResult", "render_json", "render_text"]

PASSED, FAILED, INFO, NOT_APPLICABLE = "passed", "failed", "info", "not_applicable"


@dataclass(frozen=True)
class RuleResult:
    """A rule's outcome: passed (no finding), failed, info (figures only, not scored), or
    not_applicable (the bank has no question for it, or, for stale-figure, no figure changed)."""

    rule: Rule
    status: str
    stage: StageRef | None
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    results: list[RuleResult]

    @property
    def findings(self) -> list[Finding]:
        """Every finding, the problems first, then the warnings, then the tips (each in the
        order of the rules), as the text and the JSON list them."""
        found = [f for r in self.results for f in r.findings]
        return [f for level in Severity for f in found if f.severity is level]

    @property
    def problems(self) -> int:
        return sum(f.severity is Severity.PROBLEM for f in self.findings)

    def score(self, stage: StageRef | None = None) -> tuple[int, int]:
        """(rules passed, rules scored), over one stage or all."""
        scored = [
            r
            for r in self.results
            if r.status in (PASSED, FAILED) and (stage is None or r.stage == stage)
        ]
        return sum(r.status == PASSED for r in scored), len(scored)

    def stages(self) -> list[StageRef]:
        found = {r.stage for r in self.results if r.stage is not None}
        return sorted(found, key=lambda s: s.number)


def _share(passed: int, scored: int) -> float | None:
    return round(passed / scored, 4) if scored else None


def _where(q: Ref | None) -> str:
    if q is None:
        return ""
    if q.item:
        return _("{number} {question} [{id}, item {item}]").format(
            number=q.number, question=q.title, id=q.id, item=q.item
        )
    return _("{number} {question} [{id}]").format(number=q.number, question=q.title, id=q.id)


def _cells(text: str) -> int:
    """The columns ``text`` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_MARK = {PASSED: N_("ok"), FAILED: N_("FAIL"), INFO: N_("info"), NOT_APPLICABLE: N_("n/a")}
_LEVEL = {
    Severity.PROBLEM: N_("PROBLEM"),
    Severity.WARNING: N_("WARNING"),
    Severity.TIP: N_("TIP"),
}


def render_text(report: Report) -> str:
    """The report for a person: findings by severity, then every rule, then the scores."""
    out: list[str] = []
    findings = report.findings
    if findings:
        out.append(_("Findings"))
        for f in findings:
            out.append(f"  {_(_LEVEL[f.severity])} [{f.rule}] {f.message}")
            if f.question:
                out.append("    " + _("Revisit: {question}").format(question=_where(f.question)))
            out.append("    " + _("Why: {why}").format(why=f.why))
        out.append("")
    else:
        out.append(_("No findings.") + "\n")
    out.append(_("Rules"))
    marks = {status: _(mark) for status, mark in _MARK.items()}
    width = max(_cells(mark) for mark in marks.values())
    for r in report.results:
        title = r.rule.shown_title()
        if r.stage:
            title = _("{rule} ({stage})").format(rule=title, stage=r.stage.title)
        mark = marks[r.status] + " " * (width - _cells(marks[r.status]))
        out.append(f"  {mark} {r.rule.id}: {title}")
    out.append("")
    out.append(_("Score (share of rules passed)"))
    for part in report.stages():
        passed, scored = report.score(part)
        if scored:
            out.append(
                "  "
                + _("{number}. {stage}: {passed} of {scored}").format(
                    number=part.number, stage=part.title, passed=passed, scored=scored
                )
            )
    passed, scored = report.score()
    out.append(
        "  "
        + _("Overall: {passed} of {scored} ({percent}%)").format(
            passed=passed, scored=scored, percent=round(100 * passed / scored) if scored else 0
        )
    )
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    out.append(
        "\n"
        + _("{problems} problem(s), {warnings} warning(s), {tips} tip(s).").format(
            problems=counts[Severity.PROBLEM],
            warnings=counts[Severity.WARNING],
            tips=counts[Severity.TIP],
        )
    )
    return "\n".join(out) + "\n"


def _question(q: Ref | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"id": q.id, "number": q.number, "title": q.title, "list_item": q.item}


def _stage(s: StageRef | None) -> dict[str, Any] | None:
    return None if s is None else {"number": s.number, "id": s.id, "title": s.title}


def report_data(report: Report) -> dict[str, Any]:
    passed, scored = report.score()
    stages = []
    for s in report.stages():
        p, n = report.score(s)
        stages.append({**(_stage(s) or {}), "passed": p, "scored": n, "score": _share(p, n)})
    return {
        "version": 1,
        "ok": report.problems == 0,
        "score": {"passed": passed, "scored": scored, "score": _share(passed, scored)},
        "stages": stages,
        "rules": [
            {
                "id": r.rule.id,
                "title": r.rule.shown_title(),
                "result": r.status,
                "stage": _stage(r.stage),
                "why": r.rule.shown_why(),
                "source": r.rule.shown_source(),
            }
            for r in report.results
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.message,
                "question": _question(f.question),
                "why": f.why,
            }
            for f in report.findings
        ],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


_SCORE = {
    "type": "object",
    "required": ["passed", "scored", "score"],
    "additionalProperties": False,
    "properties": {
        "passed": {"type": "integer", "minimum": 0},
        "scored": {"type": "integer", "minimum": 0},
        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
    },
}
_STAGE = {
    "type": "object",
    "required": ["number", "id", "title"],
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "id": {"type": "string"},
        "title": {"type": "string"},
    },
}

REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "marketing-wizard check --format json",
    "type": "object",
    "required": ["version", "ok", "score", "stages", "rules", "findings"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "ok": {"type": "boolean", "description": "true when no finding is a problem"},
        "score": _SCORE,
        "stages": {
            "type": "array",
            "items": {
                "allOf": [_STAGE],
                "required": ["passed", "scored", "score"],
                "properties": _SCORE["properties"],
            },
        },
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "result", "stage", "why", "source"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                    "title": {"type": "string"},
                    "result": {"enum": [PASSED, FAILED, INFO, NOT_APPLICABLE]},
                    "stage": {"oneOf": [{"type": "null"}, _STAGE]},
                    "why": {"type": "string"},
                    "source": {"type": "string"},
                },
            },
        },
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["rule", "severity", "message", "question", "why"],
                "additionalProperties": False,
                "properties": {
                    "rule": {"type": "string"},
                    "severity": {"enum": [s.value for s in Severity]},
                    "message": {"type": "string"},
                    "why": {"type": "string"},
                    "question": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["id", "number", "title", "list_item"],
                                "additionalProperties": False,
                                "properties": {
                                    "id": {"type": "string"},
                                    "number": {"type": "string", "pattern": r"^\d+\.\d+$"},
                                    "title": {"type": "string"},
                                    "list_item": {"type": ["integer", "null"], "minimum": 1},
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}
"""The JSON Schema of ``check --format json``."""
