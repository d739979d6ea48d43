"""Channels of the user's own: each named, each a channel plan, each a row of the budget.

Every plan format shows a channel of the user's own as it shows a built-in channel: headed by
its name, then its objective, actions, cadence, budget, KPI and owner. The budget by channel
follows the channels answer, and no row is named by the free text of an unrelated question.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import jsonschema
import pytest

from tests.conftest import BankWriter
from tests.plan_support import (
    TODAY,
    headings,
    load_example,
    parse_markdown,
    section_tokens,
    session_from_answers,
    tables,
    texts,
)
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.plan import Plan, build_plan, plan_json_schema, render
from wizard.plan.model import Section, Table
from wizard.session import AnswerStatus, Session

OWN = [
    {
        "name": "Xiaohongshu KOL notes",
        "objective": "40 notes a quarter from tea creators",
        "actions": "Pick 20 creators\nSend each a tasting set",
        "cadence": "weekly",
        "budget": {"amount": 4000, "currency": "CNY"},
        "kpi": "Notes published; saves per note",
        "owner": "Wu Mei",
    },
    {
        "name": "Dianping reviews",
        "objective": "4.8 stars or better for both shops",
        "actions": "A QR code on every tasting tray",
        "cadence": "several_a_week",
        "budget": {"amount": 800, "currency": "CNY"},
        "kpi": "Rating; new reviews per month",
        "owner": "Shop managers",
    },
]
PURPOSE_TEXT = "Win back the tea houses we lost in 2024"
RESEARCH_TEXT = "Tea-house owners' buying habits"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def _data(**changes: Any) -> dict[str, Any]:
    """The tea example with "Other" text in two unrelated answers and two channels of its own."""
    data = load_example("tea-brand")
    data["plan_purpose"] = ["build_brand", PURPOSE_TEXT]
    data["market_research"] = ["pricing", RESEARCH_TEXT]
    data["channels"] = ["seo", "social_media", "custom"]
    for key in [k for k in data if k.startswith(("online_ads_", "video_live_", "marketplaces_"))]:
        del data[key]
    data.update(
        seo_objective="Page one for Wuyi rock tea",
        seo_budget={"amount": 2000, "currency": "CNY"},
        custom_channels=OWN,
    )
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def plan(bank: Bank) -> Plan:
    return build_plan(bank, session_from_answers(bank, _data()), today=TODAY)


def _channels(plan: Plan) -> Section:
    return next(s for part in plan.parts for s in part.sections if s.title == "Channel plans")


def test_each_own_channel_is_a_channel_plan_headed_by_its_name(plan: Plan) -> None:
    titles = [sub.title for sub in _channels(plan).subsections]
    assert titles == [
        "Search engine optimisation (SEO)",
        "Social media accounts",
        "Xiaohongshu KOL notes",
        "Dianping reviews",
    ]
    own = _channels(plan).subsections[2]
    facts = own.blocks[0]
    assert [(row.key, row.value) for row in getattr(facts, "rows", [])] == [
        ("Objective", "40 notes a quarter from tea creators"),
        ("How often", "Weekly"),
        ("Budget per month", "4,000 CNY"),
        ("KPI", "Notes published; saves per note"),
        ("Owner", "Wu Mei"),
    ]
    assert own.blocks[1].title == "Actions"
    assert getattr(own.blocks[1], "items", []) == ["Pick 20 creators", "Send each a tasting set"]
    # the channels list names them instead of the choice that stands for them
    listed = _channels(plan).blocks[0]
    assert getattr(listed, "items", [])[-2:] == ["Xiaohongshu KOL notes", "Dianping reviews"]


def test_budget_rows_follow_the_channels_answer_and_name_each_own_channel(plan: Plan) -> None:
    table = next(
        b
        for part in plan.parts
        for s in part.sections
        for b in s.blocks
        if isinstance(b, Table) and b.title == "Budget by channel"
    )
    assert [row[:2] for row in table.rows] == [
        ["Search engine optimisation (SEO)", "2,000 CNY"],
        ["Social media accounts", "6,000 CNY"],
        ["Xiaohongshu KOL notes", "4,000 CNY"],
        ["Dianping reviews", "800 CNY"],
        ["Total", "12,800 CNY"],
    ]
    every_cell = [cell for row in table.rows for cell in row]
    assert PURPOSE_TEXT not in every_cell
    assert RESEARCH_TEXT not in every_cell
    assert "Over the plan's twelve months the channel plans spend 153,600 CNY" in " ".join(
        getattr(b, "text", "") for part in plan.parts for s in part.sections for b in s.blocks
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tags.append((self._tag, data.strip()))


def test_every_format_shows_the_own_channels_like_the_built_in_ones(plan: Plan) -> None:
    md = render(plan, "md")
    h4 = [h.text for h in headings(parse_markdown(md)) if h.level == 4]
    assert h4[h4.index("Social media accounts") + 1 :][:2] == [
        "Xiaohongshu KOL notes",
        "Dianping reviews",
    ]
    part = texts(section_tokens(parse_markdown(md), "III. Implementation"))
    assert "Budget per month: 800 CNY" in " ".join(part)
    budget = next(t for t in tables(parse_markdown(md)) if t[0][0] == "Channel")
    assert [row[0] for row in budget[1:-1]] == [
        "Search engine optimisation (SEO)",
        "Social media accounts",
        "Xiaohongshu KOL notes",
        "Dianping reviews",
    ]

    parser = _Text()
    parser.feed(render(plan, "html"))
    assert ("h4", "Xiaohongshu KOL notes") in parser.tags
    assert ("h4", "Dianping reviews") in parser.tags

    root = ET.fromstring(render(plan, "opml"))
    node = next(o for o in root.iter("outline") if o.get("text") == "Dianping reviews" and len(o))
    leaves = [o.get("text") for o in node.iter("outline")][1:]
    assert "Objective: 4.8 stars or better for both shops" in leaves
    assert "Budget per month: 800 CNY" in leaves
    assert "A QR code on every tasting tray" in leaves

    data = json.loads(render(plan, "json"))
    jsonschema.validate(data, plan_json_schema())
    implementation = data["parts"][2]["sections"]
    channels = next(s for s in implementation if s["id"] == "channels")
    own = next(s for s in channels["subsections"] if s["title"] == "Dianping reviews")
    facts = own["blocks"][0]
    assert facts["question_ids"][0] == "custom_channels.2.objective"
    assert Plan.model_validate(data) == plan


def test_an_own_channel_without_a_name_yet_is_still_shown(bank: Bank) -> None:
    unnamed = {k: v for k, v in OWN[1].items() if k != "name"} | {"_unknown": ["name"]}
    session = session_from_answers(bank, _data(custom_channels=[OWN[0], unnamed]))
    plan = build_plan(bank, session, today=TODAY)
    assert [sub.title for sub in _channels(plan).subsections][-2:] == [
        "Xiaohongshu KOL notes",
        "Channel 2",
    ]
    items = [item.prompt for item in plan.open_questions.questions]
    assert "Channel 2: channel" in items


# --- the wrong-name bug of the old single "Other channel" ----------------------------------------

OLD_STYLE = """
version: 1
id: old
title: Old style
intro: A bank with one free-text channel, as the shipped banks had before.
questions:
  - id: purpose
    type: multi_select
    prompt: What is the plan for?
    help: h
    example: [sell]
    source: [s]
    section: purpose
    choices:
      - {value: sell, label: Sell more}
      - {value: other, label: Other, other: true}
  - id: channels
    type: multi_select
    prompt: Which channels?
    help: h
    example: [seo]
    source: [s]
    section: channels
    role: channel.list
    choices:
      - {value: seo, label: Search engines}
      - {value: other, label: Other channel, other: true}
  - id: seo_budget
    type: money
    prompt: SEO budget per month?
    label: "SEO: budget per month"
    help: h
    example: {amount: 1, currency: CNY}
    source: [s]
    section: channels
    group: Search engines
    when: "'seo' in channels"
    role: channel.budget
    period: month
  - id: other_budget
    type: money
    prompt: Budget of this other channel per month?
    label: "Other channel: budget per month"
    help: h
    example: {amount: 1, currency: CNY}
    source: [s]
    section: channels
    group: Other channel
    when: "'other' in channels"
    role: channel.budget
    period: month
"""


def test_no_channel_row_is_named_by_an_unrelated_other_answer(write_bank: BankWriter) -> None:
    bank = load_bank([write_bank("01_old.yaml", OLD_STYLE)])
    session = Session(name="old")
    session.record("purpose", AnswerStatus.ANSWERED, ["sell", PURPOSE_TEXT])
    session.record("channels", AnswerStatus.ANSWERED, ["seo", "other"])
    session.record("seo_budget", AnswerStatus.ANSWERED, {"amount": 100, "currency": "CNY"})
    session.record("other_budget", AnswerStatus.ANSWERED, {"amount": 50, "currency": "CNY"})
    plan = build_plan(bank, session, today=TODAY)
    table = next(
        b
        for part in plan.parts
        for s in part.sections
        for b in s.blocks
        if isinstance(b, Table) and b.title == "Budget by channel"
    )
    assert [row[0] for row in table.rows] == ["Search engines", "Other channel", "Total"]
    channel_titles = [sub.title for sub in _channels(plan).subsections]
    assert channel_titles == ["Search engines", "Other channel"]


def test_the_tea_example_names_its_own_channels_in_the_budget(bank: Bank) -> None:
    data = load_example("tea-brand")
    data["market_research"] = [*data["market_research"], RESEARCH_TEXT]
    plan = build_plan(bank, session_from_answers(bank, data), today=TODAY)
    md = render(plan, "md")
    budget = next(t for t in tables(parse_markdown(md)) if t[0][0] == "Channel")
    assert [row[0] for row in budget[-4:-1]] == [
        "WeChat members' community",
        "Xiaohongshu KOL notes",
        "Dianping reviews",
    ]
    assert RESEARCH_TEXT not in [row[0] for row in budget]


def test_a_field_not_known_yet_says_so_in_its_channel_plan(bank: Bank) -> None:
    unsure = [OWN[0], {**{k: v for k, v in OWN[1].items() if k != "owner"}, "_unknown": ["owner"]}]
    plan = build_plan(bank, session_from_answers(bank, _data(custom_channels=unsure)), today=TODAY)
    own = _channels(plan).subsections[3]
    assert own.title == "Dianping reviews"
    rows = [(row.key, row.value) for row in getattr(own.blocks[0], "rows", [])]
    assert ("Owner", "Don't know yet") in rows
    sure = [
        (row.key, row.value)
        for row in getattr(_channels(plan).subsections[2].blocks[0], "rows", [])
    ]
    assert ("Owner", "Wu Mei") in sure
