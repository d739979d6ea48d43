"""Descriptions of the banks for people and tools: ``banks list``, ``show`` and ``schema``."""

from __future__ import annotations

from typing import Any

from wizard.bank import Bank, Question, QuestionType, Stage
from wizard.text_layout import wrap

__all__ = [
    "bank_file_schema",
    "core_count",
    "describe_bank",
    "describe_text",
    "question_count",
    "stage_rows",
]


def question_count(stage: Stage) -> int:
    """Questions in a stage, counting each field of a list question."""
    return sum(len(q.fields or []) if q.type is QuestionType.LIST else 1 for q in stage.questions)


def core_count(stage: Stage) -> int:
    """Questions of a stage asked at core depth (when they show); a list counts as one."""
    return sum(1 for q in stage.questions if q.core)


def stage_rows(bank: Bank) -> list[tuple[int, str, int, int, str]]:
    return [
        (n, s.id, question_count(s), s.version, s.title) for n, s in enumerate(bank.stages, start=1)
    ]


def describe_question(q: Question) -> dict[str, Any]:
    """A question as ``banks show --format json`` prints it."""
    data: dict[str, Any] = {
        "id": q.id,
        "type": q.type.value,
        "prompt": q.prompt,
        "label": q.title,
        "help": q.help,
        "example": q.example,
        "source": list(q.source),
        "required": q.required,
        "core": q.core,
        "prose": q.prose,
        "when": q.when,
        "choices": (
            [{"value": c.value, "label": c.label} for c in q.choices] if q.choices else None
        ),
        "allows_other": q.other_choice() is not None,
        "default": q.default,
        "section": q.section,
        "plan_role": q.role.value if q.role else None,
        "group": q.group,
        "validation": q.validation.model_dump(exclude_none=True) if q.validation else None,
    }
    if q.type is QuestionType.MONEY:
        data["currency"] = q.currency
        data["period"] = q.period.value if q.period else None
    if q.type is QuestionType.LIST:
        data["item_heading"] = q.item_heading
        data["fields"] = [describe_question(f) for f in q.fields or []]
    return data


def describe_bank(bank: Bank) -> dict[str, Any]:
    return {
        "stages": [
            {
                "id": s.id,
                "title": s.title,
                "version": s.version,
                "intro": s.intro,
                "questions": [describe_question(q) for q in s.questions],
            }
            for s in bank.stages
        ]
    }


def describe_text(bank: Bank) -> str:
    """Every stage and question as readable text."""
    lines: list[str] = []
    for n, stage in enumerate(bank.stages, start=1):
        lines += [f"Stage {n} of {len(bank.stages)}: {stage.title} [{stage.id}, v{stage.version}]"]
        lines += wrap(stage.intro, 96, "  ", "  ")
        for q in stage.questions:
            lines += _question_text(q, "  ")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _question_text(q: Question, indent: str) -> list[str]:
    flags = [name for name, on in (("required", q.required), ("core", q.core)) if on]
    flag = f" ({', '.join(flags)})" if flags else ""
    lines = [f"{indent}- {q.id} [{q.type.value}]{flag}: {q.prompt}"]
    inner = indent + "    "
    if q.when:
        lines.append(f"{inner}only when: {q.when}")
    if q.choices:
        lines.append(f"{inner}choices: " + ", ".join(f"{c.value} ({c.label})" for c in q.choices))
    lines += wrap("why: " + q.help, 96, inner, inner)
    for field in q.fields or []:
        lines += _question_text(field, inner)
    return lines


def bank_file_schema() -> dict[str, Any]:
    """The JSON Schema of one bank file."""
    schema = Stage.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Marketing Plan Wizard question bank (one stage)",
        **{k: v for k, v in schema.items() if k != "title"},
    }
