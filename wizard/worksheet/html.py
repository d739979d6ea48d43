"""The worksheet as one self-contained HTML page to print: no scripts, no requests.

Every piece of bank text passes ``html.escape``; a Content-Security-Policy like the plan's
forbids scripts and any request, should anything ever slip through. The stylesheet is
``worksheet.css`` beside this module; printed, each stage starts a page and no question is
split across two.
"""

from __future__ import annotations

import html
import re
from importlib import resources

from wizard.colours import HEX, tint
from wizard.i18n import _, current
from wizard.profile import LOGO_URI
from wizard.worksheet.model import (
    Sender,
    SheetEntry,
    SheetQuestion,
    SheetStage,
    Worksheet,
    sender_line,
)

__all__ = ["CSP", "render_html"]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
BOX = "☐"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(sheet: Worksheet) -> str:
    css = resources.files("wizard.worksheet").joinpath("worksheet.css").read_text("utf-8")
    sender = sheet.sender
    parts = []
    if sender.logo and re.fullmatch(LOGO_URI, sender.logo):  # checked again: an attribute
        parts.append(f'<img class="logo" src="{_e(sender.logo)}" alt="{_e(_("Logo"))}">')
    parts.append(f"<h1>{_e(sheet.title)}</h1>")
    if sheet.bank_name:
        questions_for = _("Questions for: {name}").format(name=_e(sheet.bank_name))
        parts.append(f'<p class="bank">{questions_for}</p>')
    sent = sender_line(sender)
    if sent:
        parts.append(f'<p class="sender">{_e(sent)}</p>')
    business, filled = _e(_("Business")), _e(_("Filled in by"))
    parts.append(
        f'<div class="who"><div>{business}<span></span></div><div>{filled}<span></span></div></div>'
    )
    parts.append(
        '<div class="how">' + "".join(f"<p>{_e(t)}</p>" for t in sheet.instructions) + "</div>"
    )
    parts += [_stage(stage) for stage in sheet.stages]
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current()}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(sheet.title)}</title>\n<style>\n{css}{_accent(sender)}</style>\n"
        "</head>\n<body>\n"
        f'<main class="sheet">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _accent(sender: Sender) -> str:
    """The profile's accent over the stylesheet's own ('' without one)."""
    if not sender.accent or not HEX.fullmatch(sender.accent):
        return ""
    return f":root {{ --accent: {sender.accent}; --accent-soft: {tint(sender.accent)}; }}\n"


def _stage(stage: SheetStage) -> str:
    number = _e(_("Stage {number}").format(number=stage.number))
    head = (
        f'<section class="stage" id="stage-{stage.number}">'
        f'<h2><span class="num">{number}</span>'
        f"{_e(stage.title)}</h2>"
        f'<p class="intro">{_e(stage.intro)}</p>'
    )
    return head + "".join(_question(q) for q in stage.questions) + "</section>"


def _question(q: SheetQuestion) -> str:
    required = ""
    if q.required:
        required = '<span class="req">' + _e(_("required")) + "</span>"
    out = [
        f'<div class="q" id="q-{_e(q.number)}">'
        f'<h3><span class="num">{_e(q.number)}</span>{_e(q.prompt)}{required}</h3>'
    ]
    if q.condition:
        out.append(f'<p class="cond">{_e(q.condition)}</p>')
    out.append(f'<p class="help">{_e(q.help)}</p>')
    out.append(_example(q))
    out.append(f'<div class="answer">{_table(q) if q.is_list else _room(q)}</div>')
    out.append("</div>")
    return "".join(out)


def _example(entry: SheetEntry) -> str:
    lines = [line for line in entry.example.splitlines() if line.strip()]
    if not lines:
        return ""
    label = "<b>" + _e(_("Example")) + "</b>"
    if len(lines) == 1:
        return f'<div class="example">{label} {_e(lines[0])}</div>'
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f'<div class="example">{label}<ul>{items}</ul></div>'


def _room(entry: SheetEntry) -> str:
    out = []
    if entry.choices:
        how = _e(_("Tick every box that applies") if entry.multiple else _("Tick one"))
        items = "".join(
            f'<li><span class="box">{BOX}</span>{_e(c.label)}'
            + (' <span class="other-line"></span>' if c.other else "")
            + "</li>"
            for c in entry.choices
        )
        out.append(f'<p class="answer-label">{how}</p><ul class="choices">{items}</ul>')
    if entry.lines:
        short = "" if entry.writes_text else " short"
        answer = _("Your answer: {hint}").format(hint=_e(entry.hint))
        out.append(f'<p class="answer-label">{answer}</p>')
        out.append("".join(f'<div class="line{short}"></div>' for _line in range(entry.lines)))
    return "".join(out)


def _table(q: SheetQuestion) -> str:
    head = "".join(f'<th scope="col">{_e(f.label)}</th>' for f in q.fields)
    row = "<tr>" + "<td></td>" * len(q.fields) + "</tr>"
    legend = "".join(f"<dt>{_e(f.label)}</dt><dd>{_e(f.legend())}</dd>" for f in q.fields)
    label = _e(_("Your answer: one row per item; add rows if you need them"))
    return (
        f'<p class="answer-label">{label}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{row * q.rows}</tbody></table>"
        f'<dl class="columns">{legend}</dl>'
    )
