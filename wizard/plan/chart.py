"""What every drawing of a :class:`~wizard.plan.model.Chart` shares: its points, its scale with
rounded ticks, its numbers in words, and which line ends on top.

A renderer draws only points that have an x label (a series longer than the axis is cut), and
a value that is not a finite number counts as 0, so a broken figure cannot break a drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wizard.plan.model import Chart, ChartSeries

__all__ = ["Scale", "format_number", "line_order", "points", "scale"]

_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
TICKS = 5
"""About this many intervals on the value axis."""


def points(chart: Chart, series: ChartSeries) -> list[float]:
    """The series' values, one per x label at most, each a finite number."""
    return [v if math.isfinite(v) else 0.0 for v in series.values[: len(chart.x_labels)]]


@dataclass(frozen=True)
class Scale:
    """The value axis: from ``low`` to ``high`` in steps of ``step`` (all round numbers)."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + n * self.step for n in range(count + 1)]

    @property
    def decimals(self) -> int:
        """The decimals a tick needs: none for 5,000; one for 2.5; two for 0.25."""
        for d in range(7):
            if abs(round(self.step, d) - self.step) < self.step * 1e-9:
                return d
        return 6

    def label(self, value: float) -> str:
        """A tick's value with thousands separators: '25,000', '2.5'."""
        text = f"{value:,.{self.decimals}f}"
        return "0" if text.strip("-0.,") == "" else text


def scale(chart: Chart) -> Scale:
    """From 0 (or a rounded minimum below it) to a rounded maximum, in about five steps."""
    values = [v for s in chart.series for v in points(chart, s)]
    top = max([0.0, *values])
    bottom = min([0.0, *values])
    span = top - bottom
    if span <= 0:
        return Scale(0.0, 1.0, 0.25)
    raw = span / TICKS
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in _STEPS if m * magnitude >= raw * (1 - 1e-9))
    low = math.floor(bottom / step - 1e-9) * step if bottom < 0 else 0.0
    high = math.ceil(top / step - 1e-9) * step
    if high <= low:
        high = low + step
    return Scale(low, high, step)


def format_number(value: float) -> str:
    """A figure in words: '48,000', '1,234.5', '0.25'; whole figures from 100 up are rounded."""
    if not math.isfinite(value):
        value = 0.0
    if abs(value) >= 100 or value == int(value):
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def line_order(chart: Chart) -> list[tuple[ChartSeries, float, int]]:
    """The series from the top down at their last point: (series, its last value, its index).

    Ties keep the chart's order; a series without points comes last.
    """
    found = []
    for n, series in enumerate(chart.series):
        values = points(chart, series)
        found.append((series, values[-1] if values else -math.inf, n))
    found.sort(key=lambda item: (-item[1], item[2]))
    return found
