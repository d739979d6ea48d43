"""The other formats: OPML mirrors the Markdown, JSON follows its schema, HTML stands alone."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jsonschema
import pytest

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    early_draft,
    headings,
    load_example,
    parse_markdown,
    session_from_answers,
)
from tests.test_plan_hostile import check_html
from wizard.banks import load_bank
from wizard.plan import (
    BINARY_FORMATS,
    FORMATS,
    Plan,
    build_plan,
    plan_json_schema,
    render,
    render_bytes,
)
from wizard.plan.model import PLAN_FORMAT_VERSION, Part, Section, Table, Timeline, TimelineItem
from wizard.session import Session


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def plan(request: pytest.FixtureRequest) -> Plan:
    bank = load_bank()
    session = session_from_answers(bank, load_example(request.param), request.param)
    return build_plan(bank, session, today=TODAY)


def children(node: ET.Element) -> list[str]:
    return [o.get("text") or "" for o in node.findall("outline")]


def md_tree(md: str) -> dict[str, list[tuple[str, list[str]]]]:
    """Each second-level heading with its third-level headings and their fourth-level ones."""
    tree: dict[str, list[tuple[str, list[str]]]] = {}
    current: list[tuple[str, list[str]]] = []
    for h in headings(parse_markdown(md)):
        if h.level == 2:
            current = tree.setdefault(h.text, [])
        elif h.level == 3:
            current.append((h.text, []))
        elif h.level == 4 and current:
            current[-1][1].append(h.text)
    return tree


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it: Iterator[str] = iter(big)
    return all(any(x == y for y in it) for x in small)


def test_opml_outlines_mirror_the_markdown_headings(plan: Plan) -> None:
    root = ET.fromstring(render(plan, "opml"))
    assert root.tag == "opml"
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == plan.title
    assert root.findtext("head/dateCreated") == "Sun, 22 Nov 2026 00:00:00 GMT"
    tree = md_tree(render(plan, "md"))
    top = root.findall("body/outline")
    assert [o.get("text") for o in top] == list(tree)
    for outline in top:
        sections = tree[outline.get("text") or ""]
        if not sections:
            continue
        assert children(outline) == [title for title, _sub in sections]
        for node, (title, subheadings) in zip(outline.findall("outline"), sections, strict=True):
            assert node.get("text") == title
            assert is_subsequence(subheadings, children(node)), (title, subheadings)


def test_opml_holds_the_answers_as_leaves(plan: Plan) -> None:
    root = ET.fromstring(render(plan, "opml"))
    texts = [o.get("text") or "" for o in root.iter("outline")]
    goals = next(o for o in root.iter("outline") if o.get("text") == "Goals")
    # the two key/value rows, then the goals table under a heading of its own
    assert [c.split(":")[0] for c in children(goals)][:3] == [
        "Plan starts",
        "Plan ends",
        "Goals and targets",
    ]
    first_goal = goals.findall("outline")[2].findall("outline")[0]
    assert children(first_goal)[0].startswith("Measured by: ")
    assert any(t.startswith("Strengths") for t in texts)
    summary = root.find("body/outline")
    assert summary is not None
    assert children(summary) == plan.summary
    part = root.findall("body/outline")[1]
    assert part.get("_note") == plan.parts[0].intro


def test_json_validates_against_the_schema(plan: Plan) -> None:
    data = json.loads(render(plan, "json"))
    jsonschema.validate(data, plan_json_schema())
    assert data["title"] == plan.title
    assert data["date"] == "2026-11-22"
    assert [p["id"] for p in data["parts"]] == ["goals", "analysis", "implementation"]
    assert Plan.model_validate(data) == plan


def test_the_schema_rejects_what_is_not_a_plan(plan: Plan) -> None:
    data = json.loads(render(plan, "json"))
    data["parts"][0]["sections"][0]["blocks"][0]["kind"] = "video"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, plan_json_schema())


def test_html_is_one_self_contained_file(plan: Plan) -> None:
    document = render(plan, "html")
    assert document.startswith("<!DOCTYPE html>\n")
    check_html(document)  # no script, no handler, no link, no URL, no url() in the styles
    for needle in ("http:", "https:", "<script", "<link", "<img", "@import", "url("):
        assert needle not in document.lower()
    assert "Content-Security-Policy" in document
    assert "default-src 'none'" in document
    assert "@media print" in document
    assert "break-before: page" in document
    assert document.count('<svg class="gantt"') == 1  # the timeline
    assert document.count('<svg class="chart"') == 1  # the forecast by month
    assert 'class="mindmap"' in document
    assert 'class="swot"' in document


def test_html_has_the_plans_headings(plan: Plan) -> None:
    document = render(plan, "html")
    h2 = re.findall(r'<h2 class="([^"]*)">([^<]*)</h2>', document)
    assert [title for _cls, title in h2] == [
        "Summary",
        "I. Goals",
        "II. Analysis",
        "III. Implementation",
        "Open questions",
        "Notes",
        "Appendix: plan check",
        "Appendix: questions and answers",
    ]
    # In print only the first part and the appendix start a new page: no half-empty pages
    # before parts II and III.
    new_page = [title for cls, title in h2 if cls.split() == ["part", "new-page"]]
    assert new_page == ["I. Goals", "Appendix: plan check", "Appendix: questions and answers"]
    assert all(cls.split()[0] == "part" for cls, _title in h2)
    assert "h2.new-page { break-before: page;" in document


def test_each_format_renders_a_document_of_its_kind() -> None:
    """Every format the CLI offers is rendered, and each output parses as that format."""
    empty = build_plan(load_bank(), Session(name="empty"), today=TODAY)
    shown = subprocess.run(
        [sys.executable, "-m", "wizard", "plan", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    offered = re.search(r"--format \[([a-z|]+)\]", shown)
    assert offered is not None, shown
    choices = tuple(offered.group(1).split("|"))
    assert choices[: len(FORMATS)] == FORMATS
    assert set(choices[len(FORMATS) :]) <= set(BINARY_FORMATS)  # bytes: tests/test_plan_pdf.py
    assert render_bytes(empty, "docx").startswith(b"PK\x03\x04")  # a ZIP file: the DOCX
    outputs = {fmt: render(empty, fmt) for fmt in FORMATS}
    assert all(text.endswith("\n") for text in outputs.values())
    assert len(set(outputs.values())) == len(FORMATS)  # no two formats give the same text
    md_titles = [h.text for h in headings(parse_markdown(outputs["md"])) if h.level == 2]
    assert md_titles[0] == "Summary"
    assert outputs["html"].startswith("<!DOCTYPE html>\n")
    check_html(outputs["html"])
    assert re.findall(r'<h2 class="[^"]*">([^<]*)</h2>', outputs["html"]) == md_titles
    data = json.loads(outputs["json"])
    jsonschema.validate(data, plan_json_schema())
    assert Plan.model_validate(data) == empty
    root = ET.fromstring(outputs["opml"])
    assert root.tag == "opml"
    assert [o.get("text") for o in root.findall("body/outline")] == md_titles
    with pytest.raises(ValueError, match="unknown plan format 'pdf'; expected one of: md, html"):
        render(empty, "pdf")


def test_an_empty_plan_renders_in_every_format() -> None:
    empty = build_plan(load_bank(), Session(name="empty"), today=TODAY)
    md = render(empty, "md")
    assert [h.text for h in headings(parse_markdown(md)) if h.level == 2] == [
        "Summary",
        "I. Goals",
        "II. Analysis",
        "III. Implementation",
        "Open questions",
        "Appendix: plan check",
        "Appendix: questions and answers",
    ]
    assert "Nothing in this part has been answered yet" in md
    check_html(render(empty, "html"))
    ET.fromstring(render(empty, "opml"))


def test_jinja2_is_imported_only_for_html() -> None:
    """No format renders by parsing Markdown; Jinja2 is loaded only for the HTML."""
    code = (
        "import sys, datetime\n"
        "from wizard.banks import load_bank\n"
        "from wizard.session import Session\n"
        "from wizard.plan import build_plan, render\n"
        "plan = build_plan(load_bank(), Session(name='x'), today=datetime.date(2026, 1, 1))\n"
        "for fmt in ('md', 'json', 'opml'):\n"
        "    render(plan, fmt)\n"
        "print('jinja2' in sys.modules, 'markdown_it' in sys.modules)\n"
        "render(plan, 'html')\n"
        "print('jinja2' in sys.modules, 'markdown_it' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "True", "False"]


# --- a long text after the facts -----------------------------------------------------------------

BIKE_SHOP = [
    "Family-run bike workshop in Graz, founded in 1987",
    "Six mechanics; we repair, rent and sell city and cargo bikes",
    "Known for same-day repairs and honest advice",
]
FACTS = ["Business name", "Industry", "Where we sell today"]
"""The short answers of "Who we are" (the multi-selects, such as how we make money, are lists
of their own after the long texts)."""


def bike_plan(who_we_are: str) -> Plan:
    bank = load_bank()
    data = load_example("tea-brand") | {"who_we_are": who_we_are}
    return build_plan(bank, session_from_answers(bank, data), today=TODAY)


@pytest.mark.parametrize("who_we_are", ["\n".join(BIKE_SHOP), BIKE_SHOP[0]], ids=["lines", "line"])
def test_html_facts_box_holds_only_the_facts(who_we_are: str) -> None:
    document = render(bike_plan(who_we_are), "html")
    found = re.search(r"<h3>Who we are</h3>\s*<ul class=\"facts\">(.*?)</ul>", document, re.S)
    assert found is not None
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    assert [re.sub(r"<strong>(.*?):</strong>.*", r"\1", i, flags=re.S) for i in items] == FACTS
    rest = document[found.end() :]
    assert rest.index("In our own words") < rest.index(BIKE_SHOP[0])


@pytest.mark.parametrize("who_we_are", ["\n".join(BIKE_SHOP), BIKE_SHOP[0]], ids=["lines", "line"])
def test_opml_keeps_a_long_text_apart_from_the_facts(who_we_are: str) -> None:
    root = ET.fromstring(render(bike_plan(who_we_are), "opml"))
    section = next(o for o in root.iter("outline") if o.get("text") == "Who we are")
    shown = children(section)
    assert [t.split(":")[0] for t in shown[:3]] == FACTS
    assert shown[3:5] == ["In our own words", "What we are going to do"]
    assert children(section.findall("outline")[3]) == [" ".join(who_we_are.split("\n"))]


def test_opml_keeps_every_paragraph_of_an_answer_under_its_heading() -> None:
    text = f"{BIKE_SHOP[0]}\n{BIKE_SHOP[1]}\n\nWe are open six days a week.\n\nOne\nTwo"
    plan = bike_plan(text)
    root = ET.fromstring(render(plan, "opml"))
    section = next(o for o in root.iter("outline") if o.get("text") == "Who we are")
    own = next(o for o in section.findall("outline") if o.get("text") == "In our own words")
    # who_we_are is prose: lines join, blank lines separate paragraphs
    assert children(own) == [" ".join(BIKE_SHOP[:2]), "We are open six days a week.", "One Two"]
    md_lines = render(plan, "md").splitlines()
    start = md_lines.index("#### In our own words")
    assert md_lines[start : start + 10] == [
        "#### In our own words",
        "",
        f"{BIKE_SHOP[0]} {BIKE_SHOP[1]}",
        "",
        "We are open six days a week.",
        "",
        "One Two",
        "",
        "#### What we are going to do",
        "",
    ]


# --- open questions and notes --------------------------------------------------------------------


def test_notes_are_a_part_in_every_format(plan: Plan) -> None:
    assert plan.notes  # both examples have notes on answered questions
    data = json.loads(render(plan, "json"))
    assert data["format_version"] == PLAN_FORMAT_VERSION == 6
    assert "notes" not in data["open_questions"]
    assert [n["question_id"] for n in data["notes"]] == [n.question_id for n in plan.notes]
    root = ET.fromstring(render(plan, "opml"))
    top = children(root.find("body") or ET.Element("body"))
    assert top[-4:] == [
        "Open questions",
        "Notes",
        "Appendix: plan check",
        "Appendix: questions and answers",
    ]
    notes = root.findall("body/outline")[-3]
    assert children(notes) == [f"{n.question}: {n.note}" for n in plan.notes]


def test_nothing_open_is_said_in_opml() -> None:
    bank = load_bank()
    plan = build_plan(bank, session_from_answers(bank, load_example("b2b-services")), today=TODAY)
    root = ET.fromstring(render(plan, "opml"))
    open_questions = next(
        o for o in root.findall("body/outline") if o.get("text") == "Open questions"
    )
    assert children(open_questions) == [
        "Nothing is open: every question that applies has an answer."
    ]


def test_an_early_draft_is_open_alike_in_every_format() -> None:
    bank = load_bank()
    session = session_from_answers(bank, early_draft(bank), "early")
    plan = build_plan(bank, session, today=TODAY)
    oq = plan.open_questions
    assert [i.question_id for i in oq.questions] == ["how_to_achieve"]
    assert [stage.number for stage in oq.unanswered][-5:] == [3, 4, 5, 6, 7]

    data = json.loads(render(plan, "json"))
    jsonschema.validate(data, plan_json_schema())
    assert [s["number"] for s in data["open_questions"]["unanswered"]] == [
        stage.number for stage in oq.unanswered
    ]
    assert Plan.model_validate(data) == plan

    root = ET.fromstring(render(plan, "opml"))
    node = next(o for o in root.findall("body/outline") if o.get("text") == "Open questions")
    assert children(node) == ["Questions to settle", "Not answered yet", "Sections without answers"]
    settle, unanswered, _sections = node.findall("outline")
    assert children(settle) == [bank.question("how_to_achieve").prompt]
    assert children(unanswered) == [stage.line for stage in oq.unanswered]
    platform = next(o for o in unanswered if o.get("text", "").startswith("5. Platform"))
    assert children(platform) == [
        "Required among them: Own website or third-party platform and Promotion channels"
    ]

    document = render(plan, "html")
    assert document.count("<tr>") >= len(oq.unanswered)
    assert "5. Platform and promotion" in document
    open_part = document.split(">Open questions<")[-1].split(">Appendix")[0]
    assert "Not answered yet" in open_part
    for qid in ("platform_type", "channels", "total_budget"):
        assert html.escape(bank.question(qid).prompt) not in open_part


# --- the budget's totals -------------------------------------------------------------------------


def test_budget_totals_look_like_totals(plan: Plan) -> None:
    budget = next(
        b
        for part in plan.parts
        for s in part.sections
        for b in s.blocks
        if isinstance(b, Table) and b.title == "Budget by channel"
    )
    assert budget.total_rows == 1
    assert budget.rows[-1][0] == "Total"
    md = render(plan, "md")
    total = next(line for line in md.splitlines() if line.startswith("| **Total** |"))
    assert total.count("**") == 2 * len(budget.columns)
    document = render(plan, "html")
    rows = re.findall(r'<tr class="total">(.*?)</tr>', document, re.S)
    # one total row per table that has totals (the channels, and the budget lines beside them)
    tables = [
        b for part in plan.parts for s in part.sections for b in s.blocks if isinstance(b, Table)
    ]
    assert len(rows) == sum(t.total_rows for t in tables) >= 1
    assert all("<td><strong>Total</strong></td>" in row for row in rows)
    assert "tbody tr:not(.total) + tr.total td { border-top:" in document


# --- the timeline's month axis -------------------------------------------------------------------


def timeline_plan(first: dt.date, last: dt.date) -> Plan:
    days = (last - first).days
    items = [
        TimelineItem(milestone=True, label="Kick-off", start=first, end=first, group="Milestones")
    ]
    for n in range(6):
        start = first + dt.timedelta(days=days * n // 7)
        end = start + dt.timedelta(days=days // 5)
        items.append(
            TimelineItem(milestone=False, label=f"Task {n}", start=start, end=end, group="Tasks")
        )
    items.append(
        TimelineItem(milestone=True, label="Review", start=last, end=last, group="Milestones")
    )
    section = Section(id="timeline", title="Timeline", blocks=[Timeline(items=items)])
    part = Part(id="implementation", title="III. Implementation", intro=".", sections=[section])
    return Plan(title="Plan", session="s", date=TODAY, parts=[part])


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (dt.date(2026, 2, 15), dt.date(2027, 2, 28)),  # two calendar years, 13 months
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2025, 12, 20), dt.date(2027, 6, 30)),
        (dt.date(2024, 6, 10), dt.date(2030, 12, 31)),
    ],
)
def test_timeline_axis_labels_never_overlap(first: dt.date, last: dt.date) -> None:
    document = render(timeline_plan(first, last), "html")
    labels = [
        (float(x), text)
        for x, text in re.findall(r'<text class="axis" x="([0-9.]+)"[^>]*>([^<]+)</text>', document)
    ]
    assert len(labels) >= 3
    view_box = re.search(r'viewBox="0 0 (\d+) ', document)
    assert view_box is not None
    for (x, text), (next_x, _next) in itertools.pairwise(labels):
        assert x + 7 * len(text) < next_x, (text, labels)
    assert labels[-1][0] + 7 * len(labels[-1][1]) <= float(view_box.group(1))
    # the first label names its year, and so does the first label shown in every later year
    months = label_months([text for _x, text in labels])
    assert months[0] == first.replace(day=1)
    assert months == sorted(set(months))
    assert months[-1].year == last.year


def label_months(labels: list[str]) -> list[dt.date]:
    """The months of the axis labels ("Feb 2026", "Mar", or "2027" for January over many years);
    a label without a year is in the year of the label before it."""
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", labels[0]), labels
    months: list[dt.date] = []
    for text in labels:
        month = 1 if text.isdigit() else dt.datetime.strptime(text[:3], "%b").month
        if text[-4:].isdigit():
            months.append(dt.date(int(text[-4:]), month, 1))
        else:
            assert month > months[-1].month, f"{text} is in a new year but does not say so"
            months.append(months[-1].replace(month=month))
    return months
