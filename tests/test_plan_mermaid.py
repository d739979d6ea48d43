"""The Mermaid mind map, Gantt chart and line charts of the Markdown plan, parsed by Mermaid.

Mermaid's parser runs under Node (``tests/mermaid_parse.mjs``), with the npm packages
``mermaid`` and ``jsdom`` from ``.mermaid/node_modules`` at the top of the repository or from
the folder named by ``MERMAID_NODE_MODULES``. ``.ci/run`` installs them there with npm:

    npm install --prefix .mermaid --no-save --no-audit --no-fund mermaid@11.17.2 jsdom@24.1.3

Skipped when Node or the packages are missing on a developer's machine; on CI (the CI variable
set) a missing parser fails, so a lost install step cannot hide behind a skip. The rules the
labels follow are also checked without Node at the end of this file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    load_example,
    parse_markdown,
    session_from_answers,
)
from wizard.banks import load_bank
from wizard.plan import build_plan, render
from wizard.plan.markdown import (
    _gantt_label,
    _mermaid_gantt,
    _mermaid_mindmap,
    _mermaid_xychart,
)
from wizard.plan.model import Chart, ChartSeries, MindNode, Timeline, TimelineItem

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().parent / "mermaid_parse.mjs"
Parse = Callable[[list[str]], list[dict[str, object]]]

# Names a business gives its goals and tasks, and text written to break the diagrams.
LABELS = [
    "Mindmap workshop",
    "mindmap",
    "Gantt review",
    "gantt",
    "2027-03-01 kickoff",
    "2027-03-01",
    "Section heads meeting",
    "section",
    "Title and logo",
    "dateFormat YYYY",
    "axisFormat %Y",
    "tickInterval 1week",
    "topAxis",
    "includes 2027-01-01",
    "excludes weekends",
    "inclusiveEndDates",
    "todayMarker off",
    "weekday monday",
    "weekend friday",
    "accTitle: x",
    "accDescr: y",
    "accDescr { z }",
    "accDescription x",
    'href "javascript:alert(1)"',
    "call back()",
    "click here",
    "Retail: settlement",
    "Ads (search, social)",
    "Goal #1; 50% more",
    "%% not a comment",
    "%%{init: {'theme': 'dark'}}%%",
    "Say \"hello\" and 'bye'",
    "root((x)) ::icon(fa) :::cls [a] {b} {{c}} (-d-) ))e((",
    "<b>bold</b> & <br> &amp; #quot; #35;",
    "`code` **strong** _em_",
    "line one\nline two\tthen",
    "中文营销计划：天猫旗舰店",
    "茶 🍵 emoji 🚀 حملة",
    "Gantté",
    "---",
    "-) x",
    "untitled",
    "",
    " ",
    "x" * 300,
    "a --> b",
    "xychart-beta",
    "x-axis [1, 2]",
    "y-axis 0 --> 10",
    'line [1, 2] bar "x"',
    "horizontal",
    "]",
]


def _random_labels(count: int, seed: int = 8) -> list[str]:
    """Labels made of pieces of the grammars' syntax, words and their keywords, at random."""
    pieces = [
        *("gantt", "mindmap", "section", "title", "click", "2027-01-01", "weekday", "Task"),
        *(":", "::", ":::", "#", ";", "%", "%%", '"', "'", "`", "(", ")", "[", "]", "{", "}"),
        *("<", ">", "&", "|", "-", "–", ".", ",", "/", "+", "\\", "\n", " ", "  ", "\u202e"),
        *("茶", "🍵", "é", "0", "9", "word", "Ab"),
    ]
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, 8))) for _ in range(count)]


ALL_LABELS = LABELS + _random_labels(150)


def _mindmap(labels: list[str]) -> str:
    root = MindNode(
        label=labels[0],
        children=[
            MindNode(label=text, children=[MindNode(label=text + " detail")]) for text in labels
        ],
    )
    return "\n".join(_mermaid_mindmap(root)) + "\n"


def _gantt(labels: list[str]) -> str:
    start = dt.date(2027, 1, 4)
    items = []
    for n, text in enumerate(labels):
        day = start + dt.timedelta(days=n)
        items.append(
            TimelineItem(milestone=True, label=text, start=day, end=day, group=f"{text} m")
        )
        items.append(
            TimelineItem(
                milestone=False, label=text, start=day, end=day + dt.timedelta(days=3), group=text
            )
        )
    return "\n".join(_mermaid_gantt(Timeline(items=items))) + "\n"


def _xychart(labels: list[str], values: list[float] | None = None) -> str:
    """A line chart whose title, axis labels, unit and line names are the labels."""
    count = len(labels)
    chart = Chart(
        title=labels[0],
        x_labels=labels,
        y_label=labels[-1],
        series=[
            ChartSeries(
                name=text,
                values=values or [n * 1234.5678 + k for k in range(count)],
                dashed=n % 2 == 1,
            )
            for n, text in enumerate(labels)
        ],
    )
    return "\n".join(_mermaid_xychart(chart)) + "\n"


def _one_per_label() -> list[str]:
    """One mind map, one Gantt chart and one line chart for each label alone."""
    return (
        [_mindmap([text]) for text in ALL_LABELS]
        + [_gantt([text]) for text in ALL_LABELS]
        + [_xychart([text]) for text in ALL_LABELS]
    )


def _example_diagrams() -> list[str]:
    bank = load_bank()
    found = []
    for name in EXAMPLE_NAMES:
        session = session_from_answers(bank, load_example(name), name)
        md = render(build_plan(bank, session, today=TODAY), "md")
        found += [
            t.content for t in parse_markdown(md) if t.type == "fence" and t.info == "mermaid"
        ]
    assert len(found) == 3 * len(EXAMPLE_NAMES)  # mind map, forecast chart, Gantt chart
    return found


@pytest.fixture(scope="module")
def mermaid_parse() -> Parse:
    modules = Path(os.environ.get("MERMAID_NODE_MODULES") or ROOT / ".mermaid" / "node_modules")
    node = shutil.which("node")
    missing = [
        what
        for what, there in [
            ("node", node is not None),
            ("the npm package mermaid", (modules / "mermaid" / "package.json").is_file()),
            ("the npm package jsdom", (modules / "jsdom" / "package.json").is_file()),
        ]
        if not there
    ]
    if missing:
        message = f"Mermaid's parser is not available: {', '.join(missing)} missing in {modules}"
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run should install them")
        pytest.skip(message)

    def parse(diagrams: list[str]) -> list[dict[str, object]]:
        done = subprocess.run(
            [str(node), str(SCRIPT), str(modules)],
            input=json.dumps(diagrams),
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        results: list[dict[str, object]] = json.loads(done.stdout)
        assert len(results) == len(diagrams)
        return results

    return parse


def _refused(parse: Parse, diagrams: list[str]) -> list[tuple[str, object]]:
    results = parse(diagrams)
    # the parser names a diagram by its keyword, "xychart-beta" as "xychart"
    kinds = {text.split("\n", 1)[0].removesuffix("-beta") for text in diagrams}
    assert {str(r.get("type")) for r in results if r["ok"]} <= kinds
    return [(text, r["error"]) for text, r in zip(diagrams, results, strict=True) if not r["ok"]]


def test_the_parser_refuses_what_it_should(mermaid_parse: Parse) -> None:
    """The parser is really at work: the bare names of the issue fail, as they did."""
    bad = [
        "mindmap\n  root((Plan))\n    Mindmap workshop\n",
        "gantt\n  dateFormat YYYY-MM-DD\n  Gantt review :t1, 2027-01-01, 2027-02-01\n",
        "gantt\n  dateFormat YYYY-MM-DD\n  2027-03-01 kickoff :t1, 2027-01-01, 2027-02-01\n",
    ]
    good = ["gantt\n  dateFormat YYYY-MM-DD\n  Kickoff :t1, 2027-01-01, 2027-02-01\n"]
    assert [text for text, _ in _refused(mermaid_parse, bad + good)] == bad


def test_mermaid_accepts_every_label_alone(mermaid_parse: Parse) -> None:
    assert _refused(mermaid_parse, _one_per_label()) == []


def test_mermaid_accepts_all_labels_together(mermaid_parse: Parse) -> None:
    diagrams = [_mindmap(ALL_LABELS), _gantt(ALL_LABELS), _xychart(ALL_LABELS)]
    assert _refused(mermaid_parse, diagrams) == []


def test_mermaid_accepts_charts_of_any_figures(mermaid_parse: Parse) -> None:
    """Negative, tiny, huge and constant figures; a line shorter than the axis. (The model
    refuses NaN and infinity; should one get past it, the renderer still draws a chart.)"""
    labels = ["Jan 2027", "Feb 2027", "Mar 2027"]
    broken = Chart.model_construct(
        title="Broken",
        x_labels=labels,
        y_label="Leads",
        series=[
            ChartSeries.model_construct(
                name="a", values=[float("nan"), float("inf"), -float("inf")], dashed=False
            )
        ],
    )
    with pytest.raises(ValueError, match="finite number"):
        ChartSeries(name="a", values=[float("nan")])
    diagrams = [
        _xychart(labels, [-1500.25, 0.001, 3e9]),
        "\n".join(_mermaid_xychart(broken)),
        _xychart(labels, [0.0, 0.0, 0.0]),
        _xychart(labels, [1e-12, 2e-9, 7.0]),
        "\n".join(
            _mermaid_xychart(
                Chart(x_labels=labels, y_label="Leads", series=[ChartSeries(name="a", values=[1])])
            )
        ),
    ]
    assert all("e" not in line.split("[")[-1] for d in diagrams for line in d.splitlines()[4:])
    assert _refused(mermaid_parse, diagrams) == []


def test_the_parser_refuses_a_broken_chart(mermaid_parse: Parse) -> None:
    """A control: a quote left in a label, or a number with an exponent, fails the parse."""
    good = _xychart(["Jan", "Feb"])
    bad = [
        good.replace('"Jan"', '"Ja"n"'),
        good.replace("[0, 1]", "[0, 1e3]"),
    ]
    assert bad[0] != good
    assert bad[1] != good
    assert [text for text, _ in _refused(mermaid_parse, [good, *bad])] == bad


def test_mermaid_accepts_the_examples(mermaid_parse: Parse) -> None:
    assert _refused(mermaid_parse, _example_diagrams()) == []


# --- the rules, without Node -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gantt review", "Task Gantt review"),
        ("gantt", "Task gantt"),
        ("Gantté launch", "Task Gantté launch"),
        ("2027-03-01 kickoff", "Task 2027-03-01 kickoff"),
        ("SECTION heads", "Task SECTION heads"),
        ("dateFormat x", "Task dateFormat x"),
        ("click here", "Task click here"),
        ("weekend friday", "Task weekend friday"),
        ("accTitle: x", "Task accTitle – x"),
        ("Ganttchart study", "Ganttchart study"),
        ("Titles", "Titles"),
        ("Kickoff 2027-03-01", "Kickoff 2027-03-01"),
        ("202-03-01 x", "202-03-01 x"),
        ("中文 section", "中文 section"),
    ],
)
def test_gantt_names_never_begin_with_a_keyword(text: str, expected: str) -> None:
    assert _gantt_label(text) == expected


def test_every_mind_map_node_is_an_id_and_quoted_text() -> None:
    lines = _mindmap(ALL_LABELS).splitlines()
    assert lines[0] == "mindmap"
    assert re.fullmatch(r'  root\(\("[^"\n]+"\)\)', lines[1]), lines[1]
    ids = []
    for line in lines[2:]:
        found = re.fullmatch(r'( {4}| {6})(n[0-9]+)\["([^"\n]+)"\]', line)
        assert found, line
        ids.append(found.group(2))
        assert not found.group(3).casefold().startswith("%%")
    assert len(set(ids)) == len(ids) == 2 * len(ALL_LABELS)
