"""The other formats: OPML mirrors the Markdown, JSON follows its schema, HTML stands alone."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jsonschema
import pytest

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    headings,
    load_example,
    parse_markdown,
    session_from_answers,
)
from tests.test_plan_hostile import check_html
from wizard.banks import load_bank
from wizard.plan import FORMATS, Plan, build_plan, plan_json_schema, render
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
    first_goal = goals.findall("outline")[2]  # after the two key/value rows
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
    assert document.count("<svg") == 1  # the timeline
    assert 'class="mindmap"' in document
    assert 'class="swot"' in document


def test_html_has_the_plans_headings(plan: Plan) -> None:
    document = render(plan, "html")
    for part in ("I. Goals", "II. Analysis", "III. Implementation", "Open questions"):
        assert f'<h2 class="part">{part}</h2>' in document


def test_render_knows_its_formats() -> None:
    empty = build_plan(load_bank(), Session(name="empty"), today=TODAY)
    assert FORMATS == ("md", "html", "json", "opml")
    for fmt in FORMATS:
        assert render(empty, fmt).endswith("\n")
    with pytest.raises(ValueError, match="unknown plan format 'pdf'"):
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
        "Appendix: questions and answers",
    ]
    assert "Nothing in this part has been answered yet" in md
    check_html(render(empty, "html"))
    ET.fromstring(render(empty, "opml"))


def test_markdown_it_is_imported_only_for_html() -> None:
    code = (
        "import sys, datetime\n"
        "from wizard.banks import load_bank\n"
        "from wizard.session import Session\n"
        "from wizard.plan import build_plan, render\n"
        "plan = build_plan(load_bank(), Session(name='x'), today=datetime.date(2026, 1, 1))\n"
        "for fmt in ('md', 'json', 'opml'):\n"
        "    render(plan, fmt)\n"
        "print('markdown_it' in sys.modules)\n"
        "render(plan, 'html')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
