"""The worksheet as an answers template: every question as a comment above its key, the key
left empty for the client to fill in by e-mail, and ``marketing-wizard fill`` to read it back.

A key left empty is no answer (``fill`` skips it), so the template as sent fills nothing.
Bank text only ever stands in comments: each line of it starts with ``#``, and what YAML cannot
carry even in a comment (control characters) is dropped, so no text can add a key.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from wizard.answers_file import META
from wizard.display import clean_text
from wizard.i18n import DEFAULT, N_, _, current, is_chinese
from wizard.text_layout import cells, pad, wrap
from wizard.worksheet.model import SheetEntry, SheetQuestion, SheetStage, Worksheet

__all__ = ["render_template"]

WIDTH = 96
_NOT_YAML = re.compile(
    "[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)  # what YAML refuses anywhere in a file, comments too (after clean_text: no CR, no tabs)

HOW_TO = (
    N_("How to answer in this file:"),
    N_("- Write each answer after the colon of its key, on the same line (key: your answer)."),
    N_(
        "- Text over several lines: write | after the colon, then each line below it indented by "
        "two spaces."
    ),
    N_("- Choices: write the value shown on the left of the label; several: [value, value]."),
    N_(
        "- A table: one item per row, each starting with `- ` under the key, its fields indented "
        "below it, as in the question's example."
    ),
    N_("- Leave a key empty when you do not know yet: an empty key is not an answer."),
    N_("- Keep the keys as they are, and keep the spaces at the start of lines."),
)


def render_template(sheet: Worksheet) -> str:
    out: list[str] = []
    out += _comment(sheet.title)
    if sheet.bank_name:
        out += _comment(_("Questions for: {name}").format(name=sheet.bank_name))
    out.append("#")
    for text in sheet.instructions:
        out += [*_comment(text), "#"]
    for line in HOW_TO:
        out += _comment(_(line), "  ", "    ") if line.startswith("-") else _comment(_(line))
    out += [
        "#",
        *_comment(
            _("Your consultant reads it back with: {command}").format(
                command="marketing-wizard fill SESSION FILE"
            )
        ),
        "",
    ]
    # a worksheet in another language fills a session in it (answers files' _meta.language)
    language = [f"  language: {current()}"] if current() != DEFAULT else []
    out += [*_comment(_("The business the plan is for.")), f"{META}:", "  client:", *language, ""]
    for stage in sheet.stages:
        out += _stage(stage)
    return "\n".join(out).rstrip("\n") + "\n"


def _stage(stage: SheetStage) -> list[str]:
    rule = "# " + "=" * (WIDTH - 2)
    title = _("Stage {number}. {title}").format(number=stage.number, title=stage.title)
    out = [rule, *_comment(title), *_comment(stage.intro), rule]
    out.append("")
    for q in stage.questions:
        out += _question(q)
    return out


def _question(q: SheetQuestion) -> list[str]:
    if q.required:
        heading = _("{number} {prompt} (required)").format(number=q.number, prompt=q.prompt)
    else:
        heading = f"{q.number} {q.prompt}"
    out = _comment(heading)
    if q.condition:
        out += _comment(q.condition, "  ")
    out += _comment(_("Why we ask: {help}").format(help=q.help), "  ")
    if q.is_list:
        out += _comment(_("Answer: a list, one item per row; each item has these fields:"), "  ")
        for f in q.fields:
            field = _("{id}: {prompt} ({what})").format(id=f.id, prompt=f.prompt, what=_what(f))
            out += _comment(field, "    ", "      ")
            out += _choice_lines(f, "      ")
    else:
        out += _comment(_("Answer: {what}").format(what=_what(q)), "  ")
        out += _choice_lines(q, "    ")
    out += _example(q)
    out += [f"{q.id}:", ""]
    return out


def _what(entry: SheetEntry) -> str:
    parts = [entry.hint]
    if entry.choices:
        parts = [_("one value from these choices")]
        if entry.multiple:
            parts = [_("a list of values from these choices, such as [a, b]")]
        if _other(entry):
            parts.append(_("or your own text for the choice marked Other"))
    if entry.required and not isinstance(entry, SheetQuestion):
        parts.append(_("required"))
    return ("；" if is_chinese() else "; ").join(parts)


def _other(entry: SheetEntry) -> bool:
    return any(c.other for c in entry.choices)


def _choice_lines(entry: SheetEntry, indent: str) -> list[str]:
    if not entry.choices:
        return []
    width = max(cells(c.value) for c in entry.choices)
    out: list[str] = []
    for c in entry.choices:
        out += _comment(f"{pad(c.value, width)}  {c.label}", indent, indent + " " * (width + 2))
    return out


def _example(q: SheetQuestion) -> list[str]:
    if q.example_value is None:
        return []
    flow: Any = None if _flat_list(q.example_value) else False
    dumped = yaml.dump(
        {q.id: q.example_value},
        Dumper=_ExampleDumper,
        allow_unicode=True,
        sort_keys=False,
        width=WIDTH - 8,
        default_flow_style=flow,
    )
    return [
        "#   " + _("Example:"),
        *(_clean(f"#     {line}").rstrip() for line in dumped.splitlines()),
    ]


class _ExampleDumper(yaml.SafeDumper):
    """Writes text of several lines as a literal block (``|``), as a person would type it."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ExampleDumper.add_representer(str, _text)


def _flat_list(value: object) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)


def _comment(text: str, indent: str = "", more: str | None = None) -> list[str]:
    """``text`` as comment lines, wrapped, each line of it (any kind of line break) its own."""
    more = indent if more is None else more
    lines: list[str] = []
    for paragraph in clean_text(text).splitlines() or [""]:
        wrapped = wrap(_clean(paragraph), WIDTH - 2, indent, more) or [indent.rstrip()]
        lines += [f"# {line}".rstrip() for line in wrapped]
        indent = more
    return lines


def _clean(line: str) -> str:
    return _NOT_YAML.sub("", line)
