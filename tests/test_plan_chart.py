"""A chart of figures (the forecast by month) in every format: a Mermaid xychart with a legend
in Markdown, an inline SVG line chart in HTML, an outline in OPML, the model in JSON.

The Mermaid charts are parsed by Mermaid itself in tests/test_plan_mermaid.py; the HTML chart is
drawn by Chromium in tests/test_plan_browser.py.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema
import pytest

from tests.plan_support import TODAY, parse_markdown, texts
from tests.test_plan_hostile import check_html
from wizard.plan import Plan, plan_json_schema, render
from wizard.plan.chart import format_number, line_order, scale
from wizard.plan.markdown import NOTHING_CHARTED, chart_legend
from wizard.plan.model import Chart, ChartSeries, Paragraph, Part, Section
from wizard.plan.svg_chart import LEGEND_CHARS, MARKERS_UP_TO

MONTHS = [
    f"{m} 2027"
    for m in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
]

HOSTILE = [
    "<script>alert(1)</script> \"quoted\" 'single'",
    "]]></text><svg onload=alert(1)> [a] {b} (c)",
    "line one\nline two --> x-axis [1, 2]",
    '" ] line "x" [999',
    "%%{init: {'theme':'dark'}}%% #35; &amp;",
    "中文营销计划 🍵 مرحبا",
    "y" * 300,
]


def forecast_chart(**changes: object) -> Chart:
    fields: dict[str, object] = {
        "title": "Revenue by month",
        "x_labels": MONTHS,
        "y_label": "Revenue, CNY",
        "series": [
            ChartSeries(name="Low", values=[1_000 * m for m in range(12)]),
            ChartSeries(name="Base", values=[2_500 * m for m in range(12)]),
            ChartSeries(name="High", values=[4_100 * m for m in range(12)]),
            ChartSeries(name="Goal", values=[30_000.0] * 12, dashed=True),
        ],
    }
    fields.update(changes)
    return Chart.model_validate(fields)


def hostile_chart() -> Chart:
    return Chart(
        title=HOSTILE[0],
        x_labels=HOSTILE,
        y_label=HOSTILE[1],
        series=[
            ChartSeries(name=text, values=[n * 10.0, n * 20.0, 5, 7, 1, 0, 3], dashed=n % 2 == 1)
            for n, text in enumerate(HOSTILE)
        ],
    )


def chart_plan(*charts: Chart) -> Plan:
    section = Section(
        id="effect",
        title="Expected effect",
        blocks=[Paragraph(text="The forecast."), *charts],
    )
    part = Part(id="goals", title="I. Goals", intro="Where the plan leads.", sections=[section])
    return Plan(title="Plan", session="s", date=TODAY, parts=[part])


# --- the scale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "low", "high", "step"),
    [
        ([0, 45_100], 0, 50_000, 10_000),
        ([3, 7.2], 0, 8, 2),
        ([0.1, 0.23], 0, 0.25, 0.05),
        ([-120, 480], -200, 600, 200),
        ([0, 0], 0, 1, 0.25),
        ([1_234_567], 0, 1_250_000, 250_000),
    ],
)
def test_the_value_axis_runs_from_zero_to_a_rounded_maximum(
    values: list[float], low: float, high: float, step: float
) -> None:
    chart = forecast_chart(
        x_labels=[str(n) for n in range(len(values))],
        series=[ChartSeries(name="a", values=values)],
    )
    axis = scale(chart)
    assert (axis.low, axis.high, axis.step) == pytest.approx((low, high, step))
    assert axis.ticks[0] == pytest.approx(low)
    assert axis.ticks[-1] == pytest.approx(high)
    assert 3 <= len(axis.ticks) - 1 <= 6


def test_tick_labels_have_thousands_separators_and_only_the_decimals_needed() -> None:
    big = scale(forecast_chart(series=[ChartSeries(name="a", values=[1_234_567] * 12)]))
    assert [big.label(v) for v in big.ticks] == [
        "0",
        "250,000",
        "500,000",
        "750,000",
        "1,000,000",
        "1,250,000",
    ]
    small = scale(forecast_chart(series=[ChartSeries(name="a", values=[0.23] * 12)]))
    assert [small.label(v) for v in small.ticks] == ["0", "0.05", "0.10", "0.15", "0.20", "0.25"]
    assert format_number(48_000.4) == "48,000"
    assert format_number(2.5) == "2.5"
    assert format_number(float("nan")) == "0"


def test_lines_are_named_from_the_top_where_they_end() -> None:
    chart = forecast_chart()
    assert [s.name for s, _last, _n in line_order(chart)] == ["High", "Goal", "Base", "Low"]
    assert chart_legend(chart) == (
        "Lines, from the top at Dec 2027: High at 45,100; Goal at 30,000; Base at 27,500; "
        "Low at 11,000."
    )
    one = forecast_chart(series=[ChartSeries(name="Base", values=[1, 2])])
    assert chart_legend(one) == "The line, at its last point: Base at 2."


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_draws_the_chart_as_an_xychart_with_a_legend_under_it() -> None:
    md = render(chart_plan(forecast_chart()), "md")
    tokens = parse_markdown(md)
    fences = [t for t in tokens if t.type == "fence" and t.info == "mermaid"]
    charts = [f for f in fences if f.content.startswith("xychart-beta\n")]
    assert len(charts) == 1
    lines = charts[0].content.splitlines()
    assert lines[1] == '  title "Revenue by month"'
    assert lines[2] == "  x-axis [" + ", ".join(f'"{m}"' for m in MONTHS) + "]"
    assert lines[3] == '  y-axis "Revenue, CNY" 0 --> 50000'
    assert lines[4] == '  line "Low" [' + ", ".join(str(1000 * m) for m in range(12)) + "]"
    assert [line.split('"')[1] for line in lines[4:]] == ["Low", "Base", "High", "Goal"]
    after = tokens[tokens.index(charts[0]) + 2]  # paragraph_open, then its inline text
    assert after.type == "inline"
    assert after.content == chart_legend(forecast_chart())


def test_a_chart_without_figures_says_so_in_every_format() -> None:
    for empty in (forecast_chart(series=[]), forecast_chart(x_labels=[])):
        plan = chart_plan(empty)
        md = render(plan, "md")
        assert "xychart-beta" not in md
        assert NOTHING_CHARTED in md
        document = render(plan, "html")
        assert "<svg" not in document
        assert NOTHING_CHARTED in document
        assert NOTHING_CHARTED in render(plan, "opml")


def test_hostile_text_keeps_the_xychart_one_statement_a_line() -> None:
    md = render(chart_plan(hostile_chart()), "md")
    tokens = parse_markdown(md)
    (fence,) = [t for t in tokens if t.type == "fence" and "xychart" in t.content]
    label = r"[\w\-–.,'/+ ]+"  # what mermaid_text lets through: no quote, bracket or arrow
    lines = fence.content.splitlines()
    assert lines[0] == "xychart-beta"
    assert re.fullmatch(rf'  title "{label}"', lines[1]), lines[1]
    assert re.fullmatch(rf'  x-axis \["{label}"(, "{label}"){{6}}\]', lines[2]), lines[2]
    assert re.fullmatch(rf'  y-axis "{label}" 0 --> 125', lines[3]), lines[3]
    for line in lines[4:]:
        assert re.fullmatch(rf'  line "{label}" \[[0-9]+(, [0-9]+){{6}}\]', line), line
    assert len(lines) == 4 + len(HOSTILE)
    assert all(len(line) < 80 for line in lines[4:])  # long names are cut
    # the legend is one paragraph of escaped text that reads back as the names
    legend = [t for t in texts(tokens) if t.startswith("Lines, from the top")]
    assert len(legend) == 1
    assert "<script>alert(1)</script>" in legend[0]
    assert "line one line two --> x-axis [1, 2]" in legend[0]


# --- HTML --------------------------------------------------------------------------------------


class _Svg(HTMLParser):
    """The chart's elements with their attributes, and the text inside each element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in {"line", "polyline", "circle", "rect", "polygon", "meta"}:
            self.stack.append(tag)
            self.classes.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                self.classes.pop()
            self.classes.pop()

    def handle_data(self, data: str) -> None:
        key = f"{self.stack[-1] if self.stack else ''}.{self.classes[-1] if self.classes else ''}"
        self.text.setdefault(key, []).append(data)


def parse_svg(document: str) -> _Svg:
    parser = _Svg()
    parser.feed(document)
    parser.close()
    return parser


def test_html_draws_an_svg_line_chart_with_axes_and_a_legend() -> None:
    document = render(chart_plan(forecast_chart()), "html")
    check_html(document)
    assert "<script" not in document
    found = parse_svg(document)
    svgs = [attrs for tag, attrs in found.elements if tag == "svg"]
    assert svgs[0]["class"] == "chart"
    assert svgs[0]["role"] == "img"
    assert [a["class"] for a in svgs[1:]] == ["swatch"] * 4  # one swatch per line in the legend
    chart_title = re.search(r'<svg class="chart"[^>]*><title>([^<]*)</title>', document)
    assert chart_title is not None
    title = html.unescape(chart_title.group(1))
    assert title.startswith("Line chart: Revenue by month (Revenue, CNY), Jan 2027 to Dec 2027.")
    assert "High: from 0 to 45,100 (Dec 2027)." in title
    assert title.endswith("Goal: 30,000 throughout.")
    assert found.text["text.axis"][:6] == ["0", "10,000", "20,000", "30,000", "40,000", "50,000"]
    assert found.text["text.axis"][6:] == MONTHS  # twelve months fit: every one is labelled
    assert found.text["text.unit"] == ["Revenue, CNY"]
    assert found.text["span.legend-name"] == ["Low", "Base", "High", "Goal"]
    lines = [attrs for tag, attrs in found.elements if tag == "polyline"]
    assert len(lines) == 4
    assert all(len((a["points"] or "").split()) == 12 for a in lines)
    assert [a.get("stroke-dasharray") for a in lines] == [None, None, None, "8 5"]


def test_html_lines_differ_in_more_than_colour() -> None:
    """Printed in black and white, each line is still told apart: its marker or dashes."""
    series = [ChartSeries(name=f"S{n}", values=[n, n + 1], dashed=n in {3, 4, 5}) for n in range(8)]
    document = render(chart_plan(forecast_chart(x_labels=["a", "b"], series=series)), "html")
    groups = re.findall(r'<g class="line c\d">(.*?)</g>', document.split('<ul class="chart')[0])
    looks = []
    for group in groups:
        dash = re.search(r'stroke-dasharray="([^"]+)"', group)
        marker = re.findall(r"<(circle|rect|polygon points=\"[-0-9.]+,[-0-9.]+ [-0-9.]+,)", group)
        shape = marker[0] if marker[0] in {"circle", "rect"} else _polygon_shape(group)
        looks.append((dash.group(1) if dash else None, shape))
    assert len(looks) == 8
    assert len(set(looks)) == 8, looks


def _polygon_shape(group: str) -> str:
    """Which way the polygon marker points: the offsets of its first two corners."""
    found = re.search(r'<polygon points="([^"]+)"', group)
    assert found is not None
    corners = [tuple(map(float, p.split(","))) for p in found.group(1).split()]
    (x0, y0), (x1, y1) = corners[0], corners[1]
    return f"{len(corners)}:{round(x1 - x0)},{round(y1 - y0)}"


def test_html_thins_the_x_labels_so_none_overlap() -> None:
    labels = [f"Week {n} of 2027" for n in range(1, 53)]
    chart = forecast_chart(x_labels=labels, series=[ChartSeries(name="a", values=[1.0] * 52)])
    document = render(chart_plan(chart), "html")
    shown = re.findall(
        r'<text class="axis" x="([0-9.]+)" y="[0-9.]+" text-anchor="middle">([^<]+)</text>',
        document,
    )
    assert 3 <= len(shown) < len(labels)
    assert shown[0][1] == labels[0]
    for (x, text), (next_x, next_text) in itertools.pairwise(shown):
        assert float(x) + 3.5 * len(text) + 4 < float(next_x) - 3.5 * len(next_text)
    assert float(shown[-1][0]) + 3.5 * len(shown[-1][1]) <= 800
    assert float(shown[0][0]) - 3.5 * len(shown[0][1]) >= 0
    # markers only at the labelled points when there are many points
    markers = re.findall(r"<circle ", document.split('<ul class="chart')[0])
    assert len(markers) == len(shown) < MARKERS_UP_TO


def test_hostile_text_in_a_chart_is_inert_in_html() -> None:
    document = render(chart_plan(hostile_chart()), "html")
    parser = check_html(document)
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown
    assert "]]></text><svg onload=alert(1)>" in shown
    found = parse_svg(document)
    assert [tag for tag, _a in found.elements].count("svg") == 1 + len(HOSTILE)  # no svg added
    assert not [a for _t, attrs in found.elements for a in attrs if a.startswith("on")]
    names = [" ".join(t.split()) for t in HOSTILE]
    # a very long name is cut in the legend, and said in full in its line's <title>
    assert found.text["span.legend-name"] == [*names[:-1], "y" * (LEGEND_CHARS - 1) + "…"]
    assert "y" * 300 in found.text["title."]
    # no text of the plan in any attribute: the summary is the <title>'s content
    values = " ".join(v or "" for _t, attrs in found.elements for v in attrs.values())
    assert "alert" not in values
    assert "中文" not in values


# --- OPML and JSON -----------------------------------------------------------------------------


def test_opml_holds_each_line_with_its_value_by_label() -> None:
    root = ET.fromstring(render(chart_plan(forecast_chart()), "opml"))
    (section,) = [o for o in root.iter("outline") if o.get("text") == "Expected effect"]
    (block,) = [o for o in section.findall("outline") if o.get("text") == "Revenue by month"]
    lines = block.findall("outline")
    assert [o.get("text") for o in lines] == [
        f"{name} (Revenue, CNY)" for name in ("Low", "Base", "High", "Goal")
    ]
    assert [o.get("text") for o in lines[2].findall("outline")][:3] == [
        "Jan 2027: 0",
        "Feb 2027: 4,100",
        "Mar 2027: 8,200",
    ]
    assert len(lines[3].findall("outline")) == 12


def test_opml_keeps_hostile_chart_text_as_text() -> None:
    root = ET.fromstring(render(chart_plan(hostile_chart()), "opml"))
    every = [o.get("text") or "" for o in root.iter("outline")]
    assert any(t.startswith("<script>alert(1)</script>") for t in every)
    assert any("]]></text><svg onload=alert(1)>" in t for t in every)
    assert sum(t.startswith("line one line two --> x-axis [1, 2]: ") for t in every) == len(HOSTILE)


@pytest.mark.parametrize("chart", [forecast_chart(), hostile_chart()])
def test_json_with_a_chart_follows_the_schema_and_reads_back(chart: Chart) -> None:
    plan = chart_plan(chart)
    data = json.loads(render(plan, "json"))
    jsonschema.validate(data, plan_json_schema())
    block = data["parts"][0]["sections"][0]["blocks"][1]
    assert block["kind"] == "chart"
    assert Plan.model_validate(data) == plan
    block["series"][0]["values"][0] = "many"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, plan_json_schema())
