"""The plan's drawings as HTML, made in Python without JavaScript: the mind map as nested
lists styled as a tree, the SWOT as a 2x2 grid, the timeline as an inline SVG bar chart.

Each returns :class:`markupsafe.Markup` that the HTML templates include as it is; every piece of
the plan's text in it passes ``html.escape``. (The forecast chart is in
:mod:`wizard.plan.svg_chart`.)
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from markupsafe import Markup

from wizard.i18n import _, is_chinese
from wizard.plan.model import MindNode, Swot, Timeline, TimelineItem
from wizard.plan.text import date_text, text_width

__all__ = ["gantt", "mind_map_html", "swot_grid"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def mind_map_html(root: MindNode) -> Markup:
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
    glance = _e(_("The plan at a glance"))
    return Markup(
        f'<figure class="mindmap" aria-label="{glance}">'
        f'<div class="mm-root">{_e(root.label)}</div>'
        f'<div class="mm-branches">{parts}</div></figure>'
    )


def swot_grid(swot: Swot) -> Markup:
    cells = []
    for letter, (name, items) in zip("swot", swot.quadrants(), strict=True):
        points = "".join(f"<li>{_e(item)}</li>" for item in items) or "<li>—</li>"
        cells.append(
            f'<div class="swot-q swot-{letter}">'
            f'<p class="swot-h">{_e(name)}</p><ul>{points}</ul></div>'
        )
    return Markup(f'<div class="swot">{"".join(cells)}</div>')


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
            label = _month_label(month, year=True, month=month.month != 1)
        elif n % step:
            continue
        else:
            label = _month_label(month, year=month.year != shown_year)
        lx = mx + 3
        if lx < shown_end + _AXIS_GAP or lx + text_width(label) * _AXIS_CHAR_W > width:
            continue
        labels.append((lx, label))
        shown_end, shown_year = lx + text_width(label) * _AXIS_CHAR_W, month.year
    return labels


def _month_label(day: dt.date, *, year: bool, month: bool = True) -> str:
    """'Mar', 'Mar 2027', '2027' (Chinese: '3月', '2027年3月', '2027年')."""
    if is_chinese():
        return (f"{day.year}年" if year else "") + (f"{day.month}月" if month else "")
    return day.strftime(
        ("%b" if month else "") + (" " if month and year else "") + ("%Y" if year else "")
    )


def gantt(timeline: Timeline) -> Markup:
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
        f'aria-label="{_e(timeline.title or _("Timeline"))}" preserveAspectRatio="xMinYMin meet">'
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
        if item.owner:
            who = _("{label} ({owner})").format(label=item.label, owner=item.owner)
        else:
            who = item.label
        if item.end != item.start:
            tip = _("{what}: {start} to {end}").format(
                what=who, start=date_text(item.start), end=date_text(item.end)
            )
        else:
            tip = _("{what}: {date}").format(what=who, date=date_text(item.start))
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
                f'y="{mid + 4:.1f}"{anchor}>{_e(_day_label(item.start))}</text>'
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
    return Markup(f'<figure class="timeline">{"".join(out)}</figure>')


def _day_label(day: dt.date) -> str:
    """'01 Mar' (Chinese: '3月1日')."""
    return f"{day.month}月{day.day}日" if is_chinese() else day.strftime("%d %b")
