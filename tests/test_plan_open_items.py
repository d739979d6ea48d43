"""What is still open, in every format: unfinished answers, list fields marked "don't know yet",
notes on list fields, the parking lot, and the questions a core-depth session never asked."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema
import pytest

from tests.plan_support import (
    TODAY,
    load_example,
    parse_markdown,
    section_tokens,
    session_from_answers,
    tables,
    texts,
)
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.plan import FORMATS, Plan, build_plan, plan_json_schema, render
from wizard.plan.check_appendix import PLAN_CHECK
from wizard.plan.model import PARKING_LOT, EntryStatus, Table
from wizard.session import AnswerStatus, Depth, ParkedPoint, Session


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def _tea() -> dict[str, Any]:
    data = load_example("tea-brand")
    data["goals"][1] |= {
        "goal": "Brand awareness",
        "_unknown": ["metric"],
        "_notes": {"metric": "Ask the agency which survey", "owner": "Zhang Min or Li Wei"},
    }
    del data["goals"][1]["metric"]
    return data


def _session(bank: Bank) -> Session:
    session = session_from_answers(bank, _tea())
    risks = session.answers["risks"].value
    session.record("risks", AnswerStatus.IN_PROGRESS, risks[:1])  # one risk finished so far
    session.record("who_we_are", AnswerStatus.IN_PROGRESS, None, note="Ask Li for the history")
    session.parked = [
        ParkedPoint(text="Does the JD deposit pay back in year one?", question="channels"),
        ParkedPoint(text="Who signs off the budget?"),
    ]
    return session


@pytest.fixture(scope="module")
def plan(bank: Bank) -> Plan:
    return build_plan(bank, _session(bank), today=TODAY)


@pytest.fixture(scope="module")
def docs(plan: Plan) -> dict[str, str]:
    return {fmt: render(plan, fmt) for fmt in FORMATS}


def _open_table(md: str) -> list[list[str]]:
    return tables(section_tokens(parse_markdown(md), "Open questions"))[0]


# --- unfinished answers --------------------------------------------------------------------------


def test_an_unfinished_lists_finished_items_are_in_the_plan(
    plan: Plan, docs: dict[str, str]
) -> None:
    risks = next(
        b
        for part in plan.parts
        for s in part.sections
        for b in s.blocks
        if isinstance(b, Table) and "risks" in b.question_ids
    )
    assert [row[0] for row in risks.rows] == [load_example("tea-brand")["risks"][0]["risk"]]
    assert risks.rows[0][0] in docs["md"].split("## Open questions")[0]


def test_unfinished_answers_are_open_as_not_finished_with_their_note(docs: dict[str, str]) -> None:
    rows = {row[0]: row[1:] for row in _open_table(docs["md"])[1:]}
    who = next(v for k, v in rows.items() if k.startswith("In a few sentences, who are you?"))
    assert who == ["Who we are", "Not finished", "Ask Li for the history"]
    risks = next(v for k, v in rows.items() if k.startswith("What could go wrong?"))
    assert risks[1] == "Not finished"
    root = ET.fromstring(docs["opml"])
    node = next(o for o in root.findall("body/outline") if o.get("text") == "Open questions")
    statuses = [o.get("text") for o in node.iter("outline")]
    assert statuses.count("Status: Not finished") == 2
    assert "Note: Ask Li for the history" in statuses
    data = json.loads(docs["json"])
    assert {q["question_id"]: q["status"] for q in data["open_questions"]["questions"]} == {
        "who_we_are": "in_progress",
        "goals": "unknown",
        "conversion_rate": "unknown",
        "risks": "in_progress",
    }


# --- list fields marked "don't know yet", and notes on list fields --------------------------------


def test_a_list_field_marked_unknown_is_open_by_item(plan: Plan, docs: dict[str, str]) -> None:
    item = next(i for i in plan.open_questions.questions if i.item is not None)
    assert (item.question_id, item.item, item.field_id) == ("goals", 2, "metric")
    assert item.prompt == "Goal 2, Brand awareness: measured by"
    assert item.status is EntryStatus.UNKNOWN
    assert item.note == "Ask the agency which survey"
    row = next(r for r in _open_table(docs["md"]) if r[0].startswith("Goal 2"))
    assert row == [
        "Goal 2, Brand awareness: measured by",
        "Goals",
        "Don't know yet",
        "Ask the agency which survey",
    ]
    opml = [o.get("text") for o in ET.fromstring(docs["opml"]).iter("outline")]
    assert "Goal 2, Brand awareness: measured by" in opml
    assert "Goal 2, Brand awareness: measured by" in docs["html"]


def test_the_goals_table_says_dont_know_yet_and_never_shows_item_marks(
    docs: dict[str, str],
) -> None:
    goals = next(t for t in tables(parse_markdown(docs["md"])) if t[0][0] == "Goal")
    assert goals[0] == [
        "Goal",
        "Measured by",
        "Today",
        "Target",
        "Target counts",
        "Deadline",
        "Owner",
    ]
    assert goals[2][:2] == ["Brand awareness", "Don't know yet"]
    for fmt, text in docs.items():  # not even escaped ("\_notes"); "research_notes" is an id
        assert not re.search(r"(?<![A-Za-z0-9])\\?_(?:unknown|notes)(?![A-Za-z])", text), fmt


def test_notes_on_list_fields_are_in_the_notes_by_item_and_field(
    plan: Plan, docs: dict[str, str]
) -> None:
    owner = next(n for n in plan.notes if n.item is not None)
    assert (owner.question_id, owner.item, owner.field_id) == ("goals", 2, "owner")
    assert owner.question == "Goal 2, Brand awareness: owner"
    notes = texts(section_tokens(parse_markdown(docs["md"]), "Notes"))
    assert "Goal 2, Brand awareness: owner: Zhang Min or Li Wei" in notes
    # the note on the field marked unknown stays with its open item, not here too
    assert not any("Ask the agency" in line for line in notes)
    notes_node = next(
        o for o in ET.fromstring(docs["opml"]).iter("outline") if o.get("text") == "Notes"
    )
    assert "Goal 2, Brand awareness: owner: Zhang Min or Li Wei" in [
        o.get("text") for o in notes_node
    ]


# --- the parking lot -----------------------------------------------------------------------------


def test_the_parking_lot_is_an_internal_section_near_the_end(docs: dict[str, str]) -> None:
    md = docs["md"]
    h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert h2[-4:] == ["Notes", PARKING_LOT, PLAN_CHECK, "Appendix: questions and answers"]
    lot = section_tokens(parse_markdown(md), PARKING_LOT)
    assert texts(lot)[1].startswith("Internal, for the facilitator")
    assert tables(lot)[0] == [
        ["Point", "Parked at"],
        ["Does the JD deposit pay back in year one?", "Promotion channels"],
        ["Who signs off the budget?", "—"],
    ]
    assert f">{PARKING_LOT}</h2>" in docs["html"]
    assert "Internal, for the facilitator" in docs["html"]
    root = ET.fromstring(docs["opml"])
    top = [o.get("text") for o in root.findall("body/outline")]
    assert top[-4:] == ["Notes", PARKING_LOT, PLAN_CHECK, "Appendix: questions and answers"]
    lot_node = root.findall("body/outline")[-3]
    assert (lot_node.get("_note") or "").startswith("Internal, for the facilitator")
    assert [o.get("text") for o in lot_node.iter("outline")][1:] == [
        "Does the JD deposit pay back in year one?",
        "Parked at: Promotion channels",
        "Who signs off the budget?",
    ]
    data = json.loads(docs["json"])
    jsonschema.validate(data, plan_json_schema())
    assert data["parked"] == [
        {
            "text": "Does the JD deposit pay back in year one?",
            "question_id": "channels",
            "question": "Promotion channels",
        },
        {"text": "Who signs off the budget?", "question_id": None, "question": None},
    ]


def test_no_parking_lot_when_nothing_is_parked(bank: Bank) -> None:
    plan = build_plan(bank, session_from_answers(bank, _tea()), today=TODAY)
    assert plan.parked == []
    for fmt in ("md", "html", "opml"):
        assert PARKING_LOT not in render(plan, fmt)


# --- core depth ----------------------------------------------------------------------------------


def _with_core(bank: Bank, core: set[str]) -> Bank:
    return Bank(
        stages=[
            stage.model_copy(
                update={
                    "questions": [
                        q.model_copy(update={"core": q.id in core}) for q in stage.questions
                    ]
                }
            )
            for stage in bank.stages
        ],
        layout=bank.layout,
    )


def test_at_core_depth_the_questions_never_asked_are_one_line(bank: Bank) -> None:
    core = {"business_name", "industry", "who_we_are", "goals", "channels", "total_budget"}
    small = _with_core(bank, core)
    session = session_from_answers(small, {"business_name": "Green Leaf", "industry": "Tea"})
    session.depth = Depth.CORE
    plan = build_plan(small, session, today=TODAY)
    oq = plan.open_questions
    # the core questions not answered yet are listed per stage as before
    assert sorted(q for stage in oq.unanswered for q in stage.question_ids) == sorted(
        core - {"business_name", "industry"}
    )
    shown = len([s for s in oq.unanswered for _q in s.question_ids])
    full = build_plan(small, session.model_copy(update={"depth": Depth.FULL}), today=TODAY)
    everything = sum(len(s.question_ids) for s in full.open_questions.unanswered)
    assert oq.not_asked == everything - shown > 50
    line = (
        f"{oq.not_asked} further questions belong to the full interview, not asked yet "
        "(this draft answers the core questions)."
    )
    md = render(plan, "md")
    assert line in texts(section_tokens(parse_markdown(md), "Open questions"))
    assert line in render(plan, "html")
    assert line in [o.get("text") for o in ET.fromstring(render(plan, "opml")).iter("outline")]
    assert json.loads(render(plan, "json"))["open_questions"]["not_asked"] == oq.not_asked
    # at full depth every unanswered question is counted per stage and none is "not asked"
    assert full.open_questions.not_asked == 0
    assert line not in render(full, "md")
