"""The worksheet as Markdown: to print, or to paste into a document or an e-mail.

Bank text passes :func:`wizard.plan.markdown.escape`, so a custom bank's text cannot add
markup or break the structure. Room to write is dotted lines (a line of underscores would be
a thematic break).
"""

from __future__ import annotations

from wizard.plan.markdown import escape
from wizard.worksheet.model import SheetEntry, SheetQuestion, SheetStage, Worksheet

__all__ = ["render_markdown"]

BOX = "☐"
DOTS = "." * 72


def render_markdown(sheet: Worksheet) -> str:
    blocks = [f"# {escape(sheet.title, line_start=False)}"]
    if sheet.bank_name:
        blocks.append(f"Questions for: {escape(sheet.bank_name, line_start=False)}")
    blocks.append(_hard_lines(["Business: " + "." * 40, "Filled in by: " + "." * 36]))
    blocks += [escape(text) for text in sheet.instructions]
    for stage in sheet.stages:
        blocks += _stage(stage)
    return "\n\n".join(blocks) + "\n"


def _stage(stage: SheetStage) -> list[str]:
    blocks = [
        f"## Stage {stage.number}. {escape(stage.title, line_start=False)}",
        escape(stage.intro),
    ]
    for q in stage.questions:
        blocks += _question(q)
    return blocks


def _question(q: SheetQuestion) -> list[str]:
    flag = " (required)" if q.required else ""
    blocks = [f"### {q.number} {escape(q.prompt, line_start=False)}{flag}"]
    if q.condition:
        blocks.append(f"*{escape(q.condition, line_start=False)}*")
    blocks.append(f"*Why we ask:* {escape(q.help, line_start=False)}")
    blocks += _example(q)
    if q.is_list:
        blocks += _table(q)
    else:
        blocks += _room(q)
    return blocks


def _example(entry: SheetEntry) -> list[str]:
    lines = [line for line in entry.example.splitlines() if line.strip()]
    if not lines:
        return []
    if len(lines) == 1:
        return [f"*Example:* {escape(lines[0], line_start=False)}"]
    return [_hard_lines(["*Example:*", *(f"– {escape(line, line_start=False)}" for line in lines)])]


def _room(entry: SheetEntry) -> list[str]:
    blocks = []
    if entry.choices:
        many = "tick every box that applies" if entry.multiple else "tick one"
        blocks.append(f"Your answer ({many}):")
        blocks.append(
            "\n".join(
                f"- {BOX} {escape(c.label, line_start=False)}"
                + (f": {DOTS[:40]}" if c.other else "")
                for c in entry.choices
            )
        )
    if entry.lines:
        answer = f"Your answer ({escape(entry.hint, line_start=False)}):"
        blocks.append(_hard_lines([answer, *[DOTS] * entry.lines]))
    return blocks


def _table(q: SheetQuestion) -> list[str]:
    heads = [escape(f.label, line_start=False) for f in q.fields]
    rows = [
        "| " + " | ".join(heads) + " |",
        "|" + "|".join("---" for _ in heads) + "|",
        *["|" + "|".join("   " for _ in heads) + "|" for _ in range(q.rows)],
    ]
    legend = [
        f"- **{escape(f.label, line_start=False)}**: {escape(f.legend(), line_start=False)}"
        for f in q.fields
    ]
    return [
        f"Your answer: one row per item ({q.rows} rows here; add more if you need them).",
        "\n".join(rows),
        "Columns:",
        "\n".join(legend),
    ]


def _hard_lines(lines: list[str]) -> str:
    """Lines of one paragraph, each on a line of its own when rendered."""
    return "\\\n".join(lines)
