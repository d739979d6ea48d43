"""The worksheet as Markdown: to print, or to paste into a document or an e-mail.

Bank text passes :func:`wizard.plan.markdown.escape`, so a custom bank's text cannot add
markup or break the structure. Room to write is dotted lines (a line of underscores would be
a thematic break).
"""

from __future__ import annotations

from wizard.i18n import _
from wizard.plan.markdown import escape
from wizard.worksheet.model import (
    SheetEntry,
    SheetQuestion,
    SheetStage,
    Worksheet,
    sender_line,
)

__all__ = ["render_markdown"]

BOX = "☐"
DOTS = "." * 72


def render_markdown(sheet: Worksheet) -> str:
    blocks = [f"# {escape(sheet.title, line_start=False)}"]
    if sheet.bank_name:
        blocks.append(
            _("Questions for: {name}").format(name=escape(sheet.bank_name, line_start=False))
        )
    sent = sender_line(sheet.sender)
    if sent:
        blocks.append(f"*{escape(sent, line_start=False)}*")
    business = _("{label}:").format(label=_("Business"))
    filled = _("{label}:").format(label=_("Filled in by"))
    blocks.append(_hard_lines([business + " " + "." * 40, filled + " " + "." * 36]))
    blocks += [escape(text) for text in sheet.instructions]
    for stage in sheet.stages:
        blocks += _stage(stage)
    return "\n\n".join(blocks) + "\n"


def _stage(stage: SheetStage) -> list[str]:
    blocks = [
        "## "
        + _("Stage {number}. {title}").format(
            number=stage.number, title=escape(stage.title, line_start=False)
        ),
        escape(stage.intro),
    ]
    for q in stage.questions:
        blocks += _question(q)
    return blocks


def _question(q: SheetQuestion) -> list[str]:
    prompt = escape(q.prompt, line_start=False)
    if q.required:
        heading = _("{number} {prompt} (required)").format(number=q.number, prompt=prompt)
    else:
        heading = f"{q.number} {prompt}"
    blocks = [f"### {heading}"]
    if q.condition:
        blocks.append(f"*{escape(q.condition, line_start=False)}*")
    why = _("Why we ask:")
    blocks.append(f"*{why}* {escape(q.help, line_start=False)}")
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
    label = "*" + _("Example:") + "*"
    if len(lines) == 1:
        return [f"{label} {escape(lines[0], line_start=False)}"]
    return [_hard_lines([label, *(f"– {escape(line, line_start=False)}" for line in lines)])]


def _room(entry: SheetEntry) -> list[str]:
    blocks = []
    if entry.choices:
        if entry.multiple:
            blocks.append(_("Your answer (tick every box that applies):"))
        else:
            blocks.append(_("Your answer (tick one):"))
        blocks.append(
            "\n".join(
                f"- {BOX} {escape(c.label, line_start=False)}"
                + (f": {DOTS[:40]}" if c.other else "")
                for c in entry.choices
            )
        )
    if entry.lines:
        answer = _("Your answer ({hint}):").format(hint=escape(entry.hint, line_start=False))
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
        "- "
        + _("{label}: {text}").format(
            label=f"**{escape(f.label, line_start=False)}**",
            text=escape(f.legend(), line_start=False),
        )
        for f in q.fields
    ]
    return [
        _("Your answer: one row per item ({rows} rows here; add more if you need them).").format(
            rows=q.rows
        ),
        "\n".join(rows),
        _("Columns:"),
        "\n".join(legend),
    ]


def _hard_lines(lines: list[str]) -> str:
    """Lines of one paragraph, each on a line of its own when rendered."""
    return "\\\n".join(lines)
