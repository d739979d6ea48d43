"""The plan as one self-contained HTML5 file: inline styles, no scripts, no network requests.

The Markdown plan is rendered by markdown-it-py with raw HTML disabled, so no answer can inject
markup. The drawings that Markdown leaves to Mermaid are made here instead, in Python, without
JavaScript: the mind map as nested lists styled as a tree, the timeline as an inline SVG bar
chart, a chart of figures as an inline SVG line chart, the SWOT as a 2x2 grid. Every piece of text that goes into them passes ``html.escape``.
A Content-Security-Policy forbids scripts and any request, should anything ever slip through.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wizard.plan.markdown import EMBED_INFO, Embeddable, compose
from wizard.plan.model import Chart, MindNode, Plan, Swot, Timeline, TimelineItem
from wizard.plan.svg_chart import line_chart

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["render_html"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# --- drawings ----------------------------------------------------------------------------------


def _mind_map(root: MindNode) -> str:
    def tree(nodes: Sequence[MindNode]) -> str:
        if not nodes:
            return ""
        items = "".join(
            f'<li><span class="mm-node">{_e(_clip(n.label, 64))}</span>{tree(n.children)}</li>'
            for n in nodes
        )
        return f"<ul>{items}</ul>"

    def size(node: MindNode) -> int:
        return 1 + sum(size(child) for child in node.children)

    sizes = [size(part) for part in root.children]
    # A branch much bigger than the others gets two columns, so the map stays about one page.
    wide = [n > 14 and n > 1.6 * (sum(sizes) - n) / max(len(sizes) - 1, 1) for n in sizes]
    parts = "".join(
        f'<div class="mm-branch{" wide" if is_wide else ""}">'
        f'<div class="mm-part">{_e(part.label)}</div>'
        f'<div class="mm-tree">{tree(part.children)}</div></div>'
        for part, is_wide in zip(root.children, wide, strict=True)
    )
    return (
        '<figure class="mindmap" aria-label="The plan at a glance">'
        f'<div class="mm-root">{_e(root.label)}</div>'
        f'<div class="mm-branches">{parts}</div></figure>'
    )


def _swot(swot: Swot) -> str:
    cells = []
    for name, items in swot.quadrants():
        points = "".join(f"<li>{_e(item)}</li>" for item in items) or "<li>—</li>"
        cells.append(
            f'<div class="swot-q swot-{name[0].lower()}">'
            f'<p class="swot-h">{_e(name)}</p><ul>{points}</ul></div>'
        )
    return f'<div class="swot">{"".join(cells)}</div>'


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    day = first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_AXIS_CHAR_W = 7
"""A generous width of one character of an axis label (11px sans-serif), in SVG units."""
_AXIS_GAP = 6


def _axis_labels(months: list[dt.date], xs: list[float], width: int) -> list[tuple[float, str]]:
    """Where the month labels go, and what they say, so that no two of them overlap.

    Every month is labelled, or every second, third... when months are narrow; over several
    years only the years are. A label that would run into the one before it (a year makes it
    longer) or past the right edge is left out, and the next label shown names the year when it
    changed.
    """
    month_w = (xs[-1] - xs[0]) / max(len(months) - 1, 1) if len(months) > 1 else width
    shortest = 4 * _AXIS_CHAR_W + _AXIS_GAP  # "Mar" with room to spare: steps stay even
    step = next((s for s in (1, 2, 3, 4) if s * month_w >= shortest), 12)
    labels: list[tuple[float, str]] = []
    shown_end, shown_year = -float("inf"), 0
    for n, (month, mx) in enumerate(zip(months, xs, strict=True)):
        if step == 12:  # years only, and the month the chart starts with
            if n and month.month != 1:
                continue
            label = month.strftime("%Y" if month.month == 1 else "%b %Y")
        elif n % step:
            continue
        else:
            label = month.strftime("%b" if month.year == shown_year else "%b %Y")
        lx = mx + 3
        if lx < shown_end + _AXIS_GAP or lx + len(label) * _AXIS_CHAR_W > width:
            continue
        labels.append((lx, label))
        shown_end, shown_year = lx + len(label) * _AXIS_CHAR_W, month.year
    return labels


def _gantt(timeline: Timeline) -> str:
    """The timeline as an inline SVG chart: one row per item, grouped, with a month axis."""
    items = timeline.items
    first = min(i.start for i in items)
    last = max(i.end for i in items)
    months = _month_starts(first, last)
    axis_start = months[0]
    axis_end = (months[-1].replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    total = max((axis_end - axis_start).days, 1)
    width, label_w, right = 800, 270, 12
    chart_w = width - label_w - right
    row_h, head_h, top = 24, 22, 30

    def x(day: dt.date) -> float:
        return label_w + (day - axis_start).days / total * chart_w

    rows: list[tuple[str, TimelineItem | None]] = []
    group = None
    for item in items:
        if item.group != group:
            group = item.group
            rows.append((group, None))
        rows.append((item.label, item))
    height = top + sum(head_h if item is None else row_h for _label, item in rows) + 8

    out = [
        f'<svg class="gantt" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(timeline.title or "Timeline")}" preserveAspectRatio="xMinYMin meet">'
    ]
    for month in months:
        mx = x(month)
        out.append(
            f'<line class="grid" x1="{mx:.1f}" y1="{top - 6}" x2="{mx:.1f}" y2="{height - 4}"/>'
        )
    for lx, label in _axis_labels(months, [x(m) for m in months], width):
        out.append(f'<text class="axis" x="{lx:.1f}" y="{top - 12}">{_e(label)}</text>')
    y = top
    for label, maybe in rows:
        if maybe is None:
            out.append(f'<text class="group" x="0" y="{y + 15}">{_e(_clip(label, 48))}</text>')
            y += head_h
            continue
        item = maybe
        mid = y + row_h / 2
        who = f" ({item.owner})" if item.owner else ""
        tip = f"{item.label}{who}: {item.start.isoformat()}"
        if item.end != item.start:
            tip += f" to {item.end.isoformat()}"
        out.append(f"<g><title>{_e(tip)}</title>")
        out.append(f'<text class="label" x="8" y="{mid + 4:.1f}">{_e(_clip(label, 40))}</text>')
        if item.milestone:
            cx, r = x(item.start), 6
            out.append(
                f'<polygon class="milestone" points="{cx:.1f},{mid - r:.1f} {cx + r:.1f},{mid:.1f} '
                f'{cx:.1f},{mid + r:.1f} {cx - r:.1f},{mid:.1f}"/>'
            )
            # the date goes left of a diamond near the right edge, so it is not cut off
            left = cx > width - right - 48
            anchor = ' text-anchor="end"' if left else ""
            out.append(
                f'<text class="date" x="{cx - r - 4 if left else cx + r + 4:.1f}" '
                f'y="{mid + 4:.1f}"{anchor}>{_e(item.start.strftime("%d %b"))}</text>'
            )
        else:
            x0, x1 = x(item.start), x(item.end)
            out.append(
                f'<rect class="bar" x="{x0:.1f}" y="{mid - 7:.1f}" width="{max(x1 - x0, 3):.1f}" '
                f'height="14" rx="3"/>'
            )
        out.append("</g>")
        y += row_h
    out.append("</svg>")
    return f'<figure class="timeline">{"".join(out)}</figure>'


def _drawing(item: Embeddable) -> str:
    if isinstance(item, MindNode):
        return _mind_map(item)
    if isinstance(item, Swot):
        return _swot(item)
    if isinstance(item, Chart):
        return line_chart(item)
    return _gantt(item)


# --- Markdown to HTML --------------------------------------------------------------------------


def _mark(tokens: list[Token]) -> None:
    """Give the blocks of the plan their classes (for the stylesheet), by where they stand."""
    part = ""
    parts = 0
    for n, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in {"h1", "h2"}:
            part = tokens[n + 1].content if n + 1 < len(tokens) else ""
            if tok.tag == "h2":
                parts += 1
                # In print, the first part after the summary and the appendix start a page.
                new_page = parts == 2 or part.startswith("Appendix")
                tok.attrSet("class", "part new-page" if new_page else "part")
        elif tok.type == "paragraph_open" and n > 1 and tokens[n - 1].type == "heading_close":
            inline = tokens[n + 1]
            kids = [c for c in inline.children or [] if c.type != "text" or c.content]
            if kids and kids[0].type == "em_open" and kids[-1].type == "em_close":
                tok.attrSet("class", "meta" if tokens[n - 1].tag == "h1" else "intro")
        elif tok.type == "bullet_list_open" and n + 3 < len(tokens):
            inline = tokens[n + 3]
            kids = [c for c in inline.children or [] if c.type != "text" or c.content]
            if kids and kids[0].type == "strong_open":
                tok.attrSet("class", "facts")
        elif tok.type == "table_open" and part.startswith("Appendix"):
            tok.attrSet("class", "appendix")
        elif tok.type == "td_open" and _ISO_DATE.fullmatch(tokens[n + 1].content):
            tok.attrSet("class", "date")
        elif tok.type == "tr_open" and _strong_row(tokens, n):
            tok.attrSet("class", "total")


def _strong_row(tokens: list[Token], start: int) -> bool:
    """Whether every cell of the body row at ``start`` is strong: a total (see the Markdown)."""
    cells = 0
    for n in range(start + 1, len(tokens)):
        tok = tokens[n]
        if tok.type == "tr_close":
            return cells > 0
        if tok.type == "th_open":
            return False
        if tok.type == "td_open":
            kids = [c for c in tokens[n + 1].children or [] if c.type != "text" or c.content]
            if not (kids and kids[0].type == "strong_open" and kids[-1].type == "strong_close"):
                return False
            cells += 1
    return False


def render_html(plan: Plan) -> str:
    """The plan as a self-contained HTML5 document."""
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML

    drawings: list[Embeddable] = []

    def embed(item: Embeddable) -> str:
        drawings.append(item)
        return str(len(drawings) - 1)

    source = compose(plan, embed)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    default_fence = renderer.rules["fence"]

    def fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        if tok.info.strip() == EMBED_INFO:
            return _drawing(drawings[int(tok.content.strip())])
        return str(default_fence(tokens, idx, options, env))

    md.add_render_rule("fence", fence)
    tokens = md.parse(source)
    _mark(tokens)
    body = md.renderer.render(tokens, md.options, {})
    footer = f"Draft plan · {plan.date.isoformat()} · made with Marketing Plan Wizard"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Marketing Plan Wizard">\n'
        f"<title>{_e(plan.title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f'<main class="plan">\n{body}</main>\n'
        f'<footer class="colophon">{_e(footer)}</footer>\n</body>\n</html>\n'
    )


CSS = """\
:root {
  --ink: #1d2327; --muted: #5f6b73; --accent: #1f5f52; --accent-soft: #e7f0ed;
  --rule: #dde2e4; --paper: #ffffff; --desk: #eceeeb;
  --sans: "Inter", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans",
    "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Noto Sans Arabic", sans-serif;
  --serif: Charter, "Bitstream Charter", "Source Serif Pro", Georgia, "DejaVu Serif",
    "Noto Serif CJK SC", "Songti SC", serif;
}
* { box-sizing: border-box; }
html { font-size: 16px; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--desk); color: var(--ink); font-family: var(--serif);
  line-height: 1.55; }
.plan { max-width: 54rem; margin: 2.5rem auto 1rem; background: var(--paper);
  padding: 3.5rem 4.25rem 3rem; border-radius: 2px;
  box-shadow: 0 1px 2px rgba(0, 0, 0, .06), 0 10px 30px rgba(0, 0, 0, .07); }
.colophon { max-width: 54rem; margin: 0 auto 2.5rem; color: var(--muted);
  font: .75rem/1.4 var(--sans); text-align: right; }
p, li, td, th, .mm-node, .mm-part, .mm-root { unicode-bidi: plaintext; }
p, li, .mm-node { overflow-wrap: anywhere; }
td, th { overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6, th, .meta, .facts strong, .swot-h, .mindmap, table { font-family: var(--sans); }
h1 { font-size: 2.1rem; line-height: 1.15; color: var(--accent); margin: 0 0 .4rem;
  letter-spacing: -.01em; }
p.meta { margin: 0 0 2rem; padding-bottom: 1.1rem; border-bottom: 3px solid var(--accent);
  color: var(--muted); font-size: .95rem; }
p.meta em { font-style: normal; }
h2 { font-size: 1.55rem; line-height: 1.25; color: var(--accent); margin: 3rem 0 .6rem;
  padding-bottom: .35rem; border-bottom: 1px solid var(--rule); }
p.intro { color: var(--muted); margin: 0 0 1.6rem; }
h3 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; color: var(--ink); }
h4 { font-size: .98rem; margin: 1.5rem 0 .35rem; color: var(--accent); }
h5 { font-size: .9rem; margin: 1.2rem 0 .3rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
h3 + h4, h4 + h5 { margin-top: .8rem; }
p { margin: .4rem 0 .8rem; }
ul { margin: .3rem 0 1rem; padding-left: 1.3rem; }
li { margin: .18rem 0; }
li::marker { color: var(--accent); }
ul.facts { list-style: none; padding: .7rem 1rem; margin: .6rem 0 1.1rem; display: grid;
  grid-template-columns: fit-content(16rem) 1fr; column-gap: 1.2rem; row-gap: .35rem;
  background: var(--accent-soft); border-left: 3px solid var(--accent); border-radius: 2px; }
ul.facts li { display: contents; }
ul.facts li p { display: contents; }
ul.facts strong { color: var(--muted); font-weight: 600; font-size: .88rem; padding-top: .1rem; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1.3rem; font-size: .86rem;
  line-height: 1.45; }
th { text-align: left; font-weight: 600; color: var(--ink); background: var(--accent-soft);
  border-bottom: 2px solid var(--accent); padding: .45rem .6rem; vertical-align: bottom; }
td { padding: .42rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
tbody tr:last-child td { border-bottom: 1px solid var(--accent); }
tr.total td { background: #f5f8f7; }
tbody tr:not(.total) + tr.total td { border-top: 2px solid var(--accent); }
td.date { white-space: nowrap; }
table.appendix { font-size: .8rem; }
table.appendix td:first-child { width: 24%; color: var(--muted); }
table.appendix td:nth-child(3) { width: 10%; white-space: nowrap; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; }
/* The mind map: the plan's parts as branches, their sections as a tree. */
.mindmap { margin: 1rem 0 1.5rem; padding: 1.2rem; border: 1px solid var(--rule);
  border-radius: 4px; background: #fbfcfb; font-size: .8rem; line-height: 1.35; }
.mm-root { display: table; margin: 0 auto 1rem; padding: .45rem 1.2rem; border-radius: 999px;
  background: var(--accent); color: #fff; font-weight: 600; font-size: .95rem; }
.mm-branches { display: flex; gap: 1rem; align-items: flex-start; }
.mm-branch { flex: 1 1 0; min-width: 0; }
.mm-branch.wide { flex-grow: 2; }
.mm-branch.wide .mm-tree > ul { columns: 2; column-gap: 1.2rem; }
.mm-tree > ul > li { break-inside: avoid; }
.mm-part { font-weight: 700; color: var(--accent); padding: .3rem .55rem; margin-bottom: .2rem;
  border: 1.5px solid var(--accent); border-radius: 4px; background: #fff; }
.mm-tree ul { list-style: none; margin: 0; padding-left: .9rem; }
.mm-tree > ul { padding-left: .55rem; }
.mm-tree li { position: relative; margin: 0; padding: .16rem 0 .16rem .7rem;
  border-left: 1px solid #b9c8c3; }
.mm-tree li:last-child { border-left-color: transparent; }
.mm-tree li::before { content: ""; position: absolute; left: -1px; top: 0; width: .6rem;
  height: .82rem; border-left: 1px solid #b9c8c3; border-bottom: 1px solid #b9c8c3;
  border-bottom-left-radius: 4px; }
.mm-tree > ul > li > .mm-node { font-weight: 600; }
.mm-tree ul ul .mm-node { color: var(--muted); }
/* Strengths, weaknesses, opportunities and threats. */
.swot { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; margin: .6rem 0 1.3rem;
  font-size: .9rem; }
.swot-q { padding: .7rem .9rem .4rem; border-radius: 4px; border-top: 3px solid; }
.swot-q ul { margin: 0 0 .4rem; padding-left: 1.1rem; }
.swot-h { margin: 0 0 .35rem; font-weight: 700; font-size: .8rem; text-transform: uppercase;
  letter-spacing: .06em; }
.swot-s { background: #edf6ef; border-color: #2f7d4a; } .swot-s .swot-h { color: #2f7d4a; }
.swot-w { background: #fbf3e6; border-color: #b7791f; } .swot-w .swot-h { color: #9a6416; }
.swot-o { background: #eaf2fa; border-color: #2b6cb0; } .swot-o .swot-h { color: #2b6cb0; }
.swot-t { background: #fbeeee; border-color: #b83232; } .swot-t .swot-h { color: #b83232; }
/* The timeline. */
.timeline { margin: .6rem 0 1.4rem; }
svg.gantt { width: 100%; height: auto; font-family: var(--sans); }
svg.gantt .grid { stroke: #e3e7e8; stroke-width: 1; }
svg.gantt .axis { fill: var(--muted); font-size: 11px; }
svg.gantt .group { fill: var(--accent); font-size: 11.5px; font-weight: 700; }
svg.gantt .label { fill: var(--ink); font-size: 11.5px; }
svg.gantt .date { fill: var(--muted); font-size: 10px; }
svg.gantt .bar { fill: #3d8b78; }
svg.gantt .milestone { fill: #b7791f; }
/* A chart of figures: each line its colour, marker and (dashed lines) dash pattern. */
.line-chart { margin: .6rem 0 1.4rem; }
svg.chart { width: 100%; height: auto; font-family: var(--sans); }
svg.chart .grid { stroke: #e3e7e8; stroke-width: 1; }
svg.chart .zero, svg.chart .tick { stroke: #8a969c; stroke-width: 1; }
svg.chart .axis { fill: var(--muted); font-size: 11px; }
svg.chart .unit { fill: var(--ink); font-size: 11.5px; font-weight: 600; }
.line polyline, .line line { fill: none; stroke: currentColor; stroke-width: 2.2;
  stroke-linejoin: round; }
.line circle, .line rect, .line polygon { fill: currentColor; stroke: #fff; stroke-width: 1; }
.line.c0 { color: #1f5f52; } .line.c1 { color: #2b6cb0; } .line.c2 { color: #b7791f; }
.line.c3 { color: #b83232; } .line.c4 { color: #6b46c1; }
ul.chart-legend { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem;
  margin: .2rem 0 0; padding: 0; font: .8rem/1.4 var(--sans); color: var(--ink); }
ul.chart-legend li { display: flex; align-items: center; gap: .4rem; margin: 0;
  overflow-wrap: anywhere; }
ul.chart-legend svg.swatch { flex: none; }
figure { margin: 0; }
@media (max-width: 46rem) {
  .plan { margin: 0; padding: 1.5rem 1.1rem; box-shadow: none; }
  .mm-branches { flex-direction: column; }
  .mm-branch.wide .mm-tree > ul { columns: 1; }
  .swot { grid-template-columns: 1fr; }
  ul.facts { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html { font-size: 10.5pt; }
  body { background: #fff; }
  .plan { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .colophon { display: none; }
  h2.part { margin-top: 2.2rem; }
  h2.new-page { break-before: page; margin-top: 0; }
  .mindmap { font-size: .68rem; line-height: 1.25; padding: .8rem; margin: .6rem 0 0; }
  .mm-root { margin-bottom: .6rem; background: #fff; color: var(--accent);
    border: 1.5px solid var(--accent); }
  .mm-tree li { padding-top: .08rem; padding-bottom: .08rem; }
  .mm-tree li::before { height: .7rem; }
  h1, h2, h3, h4, h5, p.intro { break-after: avoid; }
  tr, li, .swot, .mindmap, .timeline, .line-chart, ul.facts, table:not(.appendix) { break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  thead { display: table-header-group; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
