"""A :class:`~wizard.plan.model.Chart` as an inline SVG line chart, with its legend in HTML.

No script: the drawing is computed here. Every text passes ``html.escape`` and stands only in
element content, never in an attribute; the drawing's ``<title>`` says what it shows in words. Each line has its
own marker shape, and dashed lines their own dash pattern, so the chart still reads when printed
in black and white; the legend shows the same swatches.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from wizard.i18n import _
from wizard.plan.chart import Scale, format_number, points, scale
from wizard.plan.model import Chart
from wizard.plan.text import sentences, text_width
from wizard.text_layout import flat

__all__ = ["line_chart"]

WIDTH = 800
CHAR_W = 7
"""A generous width of one character of an axis label (11px sans-serif), in SVG units."""
LABEL_CHARS = 16
"""An x label is cut to this many characters."""
LEGEND_CHARS = 80
"""A line's name in the legend is cut to this many characters (the <title> says it all)."""
MARKERS_UP_TO = 24
"""With more points than this, markers stand only at the labelled points."""
_GAP = 10
_LABEL_GAP = 6
_TOP, _PLOT_H, _BOTTOM = 34, 230, 28
_MARKERS = ("circle", "square", "triangle", "diamond", "down")
_DASHES = ("8 5", "2 4", "12 4 3 4")
_DOTTED = ("1 3", "6 2 1 2")
_COLOURS = 5


def _e(text: str) -> str:
    """Text on one line, escaped."""
    return html.escape(flat(text), quote=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _marker(shape: str, x: float, y: float, r: float = 4.0) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 0.5:.1f}"/>'
    if shape == "square":
        s = r - 0.8
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"/>'
    corners = {
        "triangle": [(0, -r - 0.5), (r + 0.3, r - 0.5), (-r - 0.3, r - 0.5)],
        "down": [(0, r + 0.5), (r + 0.3, -r + 0.5), (-r - 0.3, -r + 0.5)],
        "diamond": [(0, -r - 0.5), (r + 0.5, 0), (0, r + 0.5), (-r - 0.5, 0)],
    }[shape]
    return f'<polygon points="{" ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)}"/>'


def _styles(chart: Chart) -> list[tuple[str, str | None, str]]:
    """Each series' class, dash pattern (None when solid) and marker shape."""
    out = []
    dashed = 0
    for n, series in enumerate(chart.series):
        dash = None
        if series.dashed:
            dash = _DASHES[dashed % len(_DASHES)]
            dashed += 1
        elif n >= len(_MARKERS):  # the markers come round again: a dotted line tells it apart
            dash = _DOTTED[(n // len(_MARKERS) - 1) % len(_DOTTED)]
        out.append((f"line c{n % _COLOURS}", dash, _MARKERS[n % len(_MARKERS)]))
    return out


def _label_step(count: int, spacing: float, widest: float) -> int:
    """Label every point, or every second, third...: so that no two labels overlap."""
    return next((s for s in range(1, count + 1) if s * spacing >= widest + _LABEL_GAP), count)


def _summary(chart: Chart) -> str:
    """What the chart shows, in words, for a screen reader and a tooltip."""
    labels = chart.x_labels
    what = chart.title or chart.y_label
    if chart.title:
        what = _("{title} ({unit})").format(title=chart.title, unit=chart.y_label)
    if len(labels) > 1:
        said = [_("Line chart: {what}, {first} to {last}.")]
    else:
        said = [_("Line chart: {what}, {first}.")]
    said[0] = said[0].format(what=what, first=labels[0], last=labels[-1])
    for series in chart.series:
        values = points(chart, series)
        if not values:
            continue
        first, last = format_number(values[0]), format_number(values[-1])
        if len(values) == 1:
            line = _("{name}: {first}.")
        elif len(set(values)) == 1:
            line = _("{name}: {first} throughout.")
        else:
            line = _("{name}: from {first} to {last} ({label}).")
        said.append(
            line.format(name=series.name, first=first, last=last, label=labels[len(values) - 1])
        )
    return sentences([" ".join(text.split()) for text in said])


def line_chart(chart: Chart) -> Markup:
    """The chart as a figure: an SVG drawing and its legend (an HTML list)."""
    axis: Scale = scale(chart)
    tick_labels = [axis.label(v) for v in axis.ticks]
    left = max(len(t) for t in tick_labels) * CHAR_W + _GAP
    labels = [_clip(flat(text), LABEL_CHARS) for text in chart.x_labels]
    widest = max(text_width(t) for t in labels) * CHAR_W
    half = widest / 2 + 2
    x_first = max(left + 14, half)
    x_last = WIDTH - max(14, half)
    count = len(labels)
    spacing = (x_last - x_first) / (count - 1) if count > 1 else 0.0
    bottom = _TOP + _PLOT_H
    height = bottom + _BOTTOM

    def x(n: int) -> float:
        return x_first + n * spacing if count > 1 else (x_first + x_last) / 2

    def y(value: float) -> float:
        return bottom - (value - axis.low) / (axis.high - axis.low) * _PLOT_H

    summary = _summary(chart)
    out = [
        # the <title> names the drawing for screen readers: no text of the plan in an attribute
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        'preserveAspectRatio="xMinYMin meet">',
        f"<title>{_e(summary)}</title>",
        f'<text class="unit" x="0" y="14">{_e(_clip(chart.y_label, 100))}</text>',
    ]
    for value, text in zip(axis.ticks, tick_labels, strict=True):
        ty = y(value)
        grid = "zero" if value == 0 else "grid"
        out.append(
            f'<line class="{grid}" x1="{left:.1f}" y1="{ty:.1f}" x2="{WIDTH}" y2="{ty:.1f}"/>'
        )
        out.append(
            f'<text class="axis" x="{left - 6:.1f}" y="{ty + 4:.1f}" '
            f'text-anchor="end">{_e(text)}</text>'
        )
    step = _label_step(count, spacing, widest) if count > 1 else 1
    shown = list(range(0, count, step))
    for n in shown:
        out.append(
            f'<line class="tick" x1="{x(n):.1f}" y1="{bottom}" x2="{x(n):.1f}" y2="{bottom + 4}"/>'
        )
        out.append(
            f'<text class="axis" x="{x(n):.1f}" y="{bottom + 17}" '
            f'text-anchor="middle">{_e(labels[n])}</text>'
        )
    marked = set(range(count)) if count <= MARKERS_UP_TO else set(shown)
    for series, (cls, dash, shape) in zip(chart.series, _styles(chart), strict=True):
        values = points(chart, series)
        if not values:
            continue
        coords = [(x(n), y(v)) for n, v in enumerate(values)]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="{cls}"><title>{_e(series.name)}</title>')
        out.append(
            f'<polyline points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in coords)}"{dashes}/>'
        )
        out += [_marker(shape, px, py) for n, (px, py) in enumerate(coords) if n in marked]
        out.append("</g>")
    out.append("</svg>")
    legend = []
    for series, (cls, dash, shape) in zip(chart.series, _styles(chart), strict=True):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        legend.append(
            f'<li><svg class="swatch" viewBox="0 0 36 12" width="36" height="12" '
            f'aria-hidden="true"><g class="{cls}"><line x1="1" y1="6" x2="35" y2="6"{dashes}/>'
            f"{_marker(shape, 18, 6)}</g></svg>"
            f'<span class="legend-name">{_e(_clip(series.name, LEGEND_CHARS))}</span></li>'
        )
    return Markup(
        f'<figure class="line-chart">{"".join(out)}'
        f'<ul class="chart-legend">{"".join(legend)}</ul></figure>'
    )
