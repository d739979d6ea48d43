"""The plan builder: values as text, sections, open questions, appendix, budget, timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.plan_support import TODAY, load_example, session_from_answers
from wizard.bank import Bank, Question, QuestionType, parse_question
from wizard.banks import load_bank
from wizard.display import clean_text, format_value
from wizard.flow import in_force
from wizard.plan import build_plan
from wizard.plan.model import (
    BulletList,
    EntryStatus,
    KeyValueList,
    Paragraph,
    Plan,
    Section,
    Swot,
    Table,
    Timeline,
    UnansweredStage,
)
from wizard.session import AnswerStatus, Session


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def tea(bank: Bank) -> dict[str, Any]:
    return load_example("tea-brand")


def plan_of(bank: Bank, data: dict[str, Any], name: str = "example") -> Plan:
    return build_plan(bank, session_from_answers(bank, data, name), today=TODAY)


def all_sections(plan: Plan) -> list[Section]:
    return [s for part in plan.parts for s in part.sections]


def section(plan: Plan, plan_section: str) -> Section:
    return next(s for s in all_sections(plan) if s.id == plan_section)


def q(**kwargs: Any) -> Question:
    base: dict[str, Any] = {"id": "x", "prompt": "X?", "help": "Why.", "example": None}
    base["source"] = ["seed.txt"]
    return parse_question(base | kwargs)


# --- values as text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "value", "shown"),
    [
        (q(type="money"), {"amount": 12000, "currency": "CNY"}, "12,000 CNY"),
        (q(type="money"), {"amount": 1234.5, "currency": "EUR"}, "1,234.50 EUR"),
        (q(type="percent"), 15, "15%"),
        (q(type="percent"), 12.5, "12.5%"),
        (q(type="integer"), 1200, "1,200"),
        (q(type="number"), 2.25, "2.25"),
        (q(type="confirm"), True, "Yes"),
        (q(type="confirm"), False, "No"),
        (q(type="date"), "2027-03-01", "2027-03-01"),
        (q(type="long_text"), "one\r\ntwo", "one\ntwo"),
        (
            q(type="select", choices=[{"value": "a", "label": "Choice A"}]),
            "a",
            "Choice A",
        ),
        (
            q(
                type="select",
                choices=[{"value": "a", "label": "A"}, {"value": "o", "label": "O", "other": True}],
            ),
            "my own words",
            "my own words",
        ),
        (
            q(
                type="multi_select",
                choices=[{"value": "a", "label": "Alpha"}, {"value": "b", "label": "Beta"}],
            ),
            ["b", "a"],
            "Beta, Alpha",
        ),
    ],
)
def test_values_read_as_a_person_writes_them(question: Question, value: Any, shown: str) -> None:
    assert format_value(question, value) == shown


def test_a_list_answer_is_one_line_per_item() -> None:
    fields = [
        {"id": "task", "type": "text", "prompt": "T?", "label": "Task"},
        {"id": "due", "type": "date", "prompt": "D?", "label": "Due"},
    ]
    question = q(
        type="list",
        fields=[f | {"help": "h", "example": None, "source": ["s"]} for f in fields],
    )
    value = [{"task": "Open shop", "due": "2027-03-01"}, {"task": "Hire"}]
    assert format_value(question, value) == "Task: Open shop; Due: 2027-03-01\nTask: Hire"


def test_clean_text_keeps_every_script_and_drops_control_characters() -> None:
    text = "中文营销计划 🍵 مرحبا\x00\x07\x1b[31m\r\nnext\u2028line"
    assert clean_text(text) == "中文营销计划 🍵 مرحبا[31m\nnext\nline"


# --- the plan from a complete answers file -------------------------------------------------------


def test_parts_and_sections_come_in_the_seeds_order(bank: Bank, tea: dict[str, Any]) -> None:
    plan = plan_of(bank, tea)
    assert [p.title for p in plan.parts] == ["I. Goals", "II. Analysis", "III. Implementation"]
    order = [s.id for s in bank.layout.sections()]
    ids = [s.id for s in all_sections(plan)]
    assert ids == order  # the example answers every section, in the layout's order


def test_plan_header(bank: Bank, tea: dict[str, Any]) -> None:
    plan = plan_of(bank, tea, name="tea-brand")
    assert plan.title == "Online marketing plan for Wuyi Cliff Tea Co."
    assert plan.business == "Wuyi Cliff Tea Co."
    assert plan.client == "Wuyi Cliff Tea Co., Ltd."
    assert plan.session == "tea-brand"
    assert plan.date == TODAY


def test_build_is_pure(bank: Bank, tea: dict[str, Any]) -> None:
    session = session_from_answers(bank, tea)
    before = session.model_dump()
    first = build_plan(bank, session, today=TODAY)
    assert build_plan(bank, session, today=TODAY) == first
    assert session.model_dump() == before


def test_goals_table_has_the_seven_columns(bank: Bank, tea: dict[str, Any]) -> None:
    goals = section(plan_of(bank, tea), "goals")
    table = next(b for b in goals.blocks if isinstance(b, Table))
    assert table.columns == [
        "Goal",
        "Measured by",
        "Today",
        "Target",
        "Target counts",
        "Deadline",
        "Owner",
    ]
    assert table.rows[0] == [
        "Grow online sales",
        "Online sales per month, all shops together",
        "72,000 CNY (October 2026)",
        "250,000 CNY",
        "Sales per month",
        "2027-12-31",
        "Lin Hui (e-commerce manager)",
    ]


def test_swot_is_one_2x2_block(bank: Bank, tea: dict[str, Any]) -> None:
    swot_section = section(plan_of(bank, tea), "swot")
    swots = [b for b in swot_section.blocks if isinstance(b, Swot)]
    assert len(swots) == 1
    assert swots[0].strengths[0] == "Own gardens inside the protected area, with proof of origin"
    assert len(swots[0].threats) == 4
    # the other answers of the section stay beside it
    titles = [b.title for b in swot_section.blocks]
    assert "Resources available" in titles
    assert "Overall planning idea" in titles


def test_one_subsection_per_chosen_channel(bank: Bank, tea: dict[str, Any]) -> None:
    channels = section(plan_of(bank, tea), "channels")
    assert [s.title for s in channels.subsections] == [
        "Online ads (search, social and display)",
        "Social media accounts",
        "Video and live streaming",
        "Marketplace promotion (Amazon, Tmall, JD...)",
        # the channels of the user's own, each named in the user's words
        "WeChat members' community",
        "Xiaohongshu KOL notes",
        "Dianping reviews",
    ]
    ads = channels.subsections[0]
    facts = ads.blocks[0]
    assert isinstance(facts, KeyValueList)
    assert [(r.key, r.value) for r in facts.rows] == [
        (
            "Objective",
            "Win new buyers in Shanghai, Zhejiang and Guangdong for the tasting set at under "
            "45 CNY per first order",
        ),
        ("How often", "Only in campaigns or seasons"),
        ("Budget per month", "10,000 CNY"),
        ("KPI", "Cost per first order under 45 CNY; sales from ads at least 3 times the ad spend"),
        ("Owner", "Lin Hui (e-commerce manager)"),
    ]
    actions = ads.blocks[1]
    assert isinstance(actions, BulletList)
    assert actions.title == "Actions"
    assert len(actions.items) == 4
    # a channel of the user's own has the same plan, without its name repeated as a fact
    own = channels.subsections[-1]
    facts = own.blocks[0]
    assert isinstance(facts, KeyValueList)
    assert isinstance(ads.blocks[0], KeyValueList)
    assert [r.key for r in facts.rows] == [r.key for r in ads.blocks[0].rows]
    assert ("Budget per month", "800 CNY") in [(r.key, r.value) for r in facts.rows]
    assert isinstance(own.blocks[1], BulletList)
    assert own.blocks[1].title == "Actions"


def test_budget_by_channel_adds_up_per_month_and_over_the_plan(
    bank: Bank, tea: dict[str, Any]
) -> None:
    budget = section(plan_of(bank, tea), "budget")
    table = next(
        b for b in budget.blocks if isinstance(b, Table) and b.title == "Budget by channel"
    )
    assert table.columns == ["Channel", "Per month", "Over the plan (12 months)"]
    # the rows follow the channels answer, each channel of the user's own by its name
    assert table.rows == [
        ["Online ads (search, social and display)", "10,000 CNY", "120,000 CNY"],
        ["Social media accounts", "6,000 CNY", "72,000 CNY"],
        ["Video and live streaming", "12,000 CNY", "144,000 CNY"],
        ["Marketplace promotion (Amazon, Tmall, JD...)", "15,000 CNY", "180,000 CNY"],
        ["WeChat members' community", "2,000 CNY", "24,000 CNY"],
        ["Xiaohongshu KOL notes", "4,000 CNY", "48,000 CNY"],
        ["Dianping reviews", "800 CNY", "9,600 CNY"],
        ["Total", "49,800 CNY", "597,600 CNY"],
    ]
    text = " ".join(b.text for b in budget.blocks if isinstance(b, Paragraph))
    # the budget lines beside the channels are added to what the channel plans spend
    assert (
        "the channel plans spend 597,600 CNY (49,800 CNY a month) and the other budget lines "
        "199,600 CNY: 797,200 CNY of the total budget of 830,000 CNY" in text
    )
    assert "32,800 CNY remain" in text


def test_budget_in_two_currencies_has_a_total_per_currency(bank: Bank, tea: dict[str, Any]) -> None:
    data = tea | {"online_ads_budget": {"amount": 1500, "currency": "USD"}}
    budget = section(plan_of(bank, data), "budget")
    table = next(
        b for b in budget.blocks if isinstance(b, Table) and b.title == "Budget by channel"
    )
    totals = [row for row in table.rows if row[0].startswith("Total")]
    assert totals == [  # in the order the currencies first appear
        ["Total (USD)", "1,500 USD", "18,000 USD"],
        ["Total (CNY)", "39,800 CNY", "477,600 CNY"],
    ]
    # amounts in different currencies are never compared with the total budget: only the
    # budget lines (all in CNY) are
    text = " ".join(b.text for b in budget.blocks if isinstance(b, Paragraph))
    assert "channel plans" not in text
    assert text.startswith("The budget lines cost 199,600 CNY over the plan, of the total budget")


def test_timeline_has_the_dated_milestones_and_tasks(bank: Bank, tea: dict[str, Any]) -> None:
    timeline_section = section(plan_of(bank, tea), "timeline")
    blocks = timeline_section.blocks
    timeline = next(b for b in blocks if isinstance(b, Timeline))
    actions = next(b for b in blocks if isinstance(b, Table) and b.title == "Action list")
    assert blocks.index(timeline) == blocks.index(actions) + 1  # right after the action list
    tasks = [i for i in timeline.items if not i.milestone]
    milestones = [i for i in timeline.items if i.milestone]
    assert len(tasks) == len(tea["actions"])
    assert len(milestones) == len(tea["milestones"])
    first = next(i for i in tasks if i.label.startswith("Open the JD flagship shop"))
    assert (first.start, first.end, first.owner) == (
        dt.date(2027, 2, 20),
        dt.date(2027, 4, 1),
        "Lin Hui",
    )
    for group in ("Stages and milestones", "Action list"):
        starts = [i.start for i in timeline.items if i.group == group]
        assert starts == sorted(starts)


def test_a_task_ending_before_it_starts_stays_out_of_the_chart(
    bank: Bank, tea: dict[str, Any]
) -> None:
    # The banks refuse such a task now; a session answered before that rule can still hold one.
    actions = [dict(a) for a in tea["actions"]]
    actions[0] |= {"start": "2027-03-01", "due": "2027-02-01"}
    session = session_from_answers(bank, tea)
    session.record("actions", AnswerStatus.ANSWERED, actions)
    plan = build_plan(bank, session, today=TODAY)
    timeline = next(b for b in section(plan, "timeline").blocks if isinstance(b, Timeline))
    assert actions[0]["task"] not in [i.label for i in timeline.items]
    table = next(
        b for b in section(plan, "timeline").blocks if getattr(b, "title", "") == "Action list"
    )
    assert isinstance(table, Table)
    assert actions[0]["task"] in [row[0] for row in table.rows]  # still in the action list


def test_summary_names_who_goals_channels_and_money(bank: Bank, tea: dict[str, Any]) -> None:
    summary = " ".join(plan_of(bank, tea).summary)
    assert "Wuyi Cliff Tea Co. (growing, roasting and selling Wuyi rock oolong tea)" in summary
    assert "from 2027-01-01 to 2027-12-31" in summary
    assert "Four goals lead the plan, each with a named owner" in summary
    assert "“Grow online sales” (250,000 CNY, by 2027-12-31)" in summary
    assert "one more goal is in the table" in summary
    # the channels of the user's own are named, not the choice that stands for them
    assert (
        "seven channels: online ads (search, social and display), social media accounts, video "
        "and live streaming, marketplace promotion (Amazon, Tmall, JD...), WeChat members' "
        "community, Xiaohongshu KOL notes, and Dianping reviews." in summary
    )
    assert "Channels of your own" not in summary
    assert "total budget of 830,000 CNY" in summary
    assert "one question is still open; it is listed under Open questions" in summary


# --- what is in force, what is open --------------------------------------------------------------


def body_ids(plan: Plan) -> set[str]:
    """The questions the body shows (a list item's field counts for its list: 'goals.2.metric')."""
    ids: set[str] = set()

    def walk(sec: Section) -> None:
        for block in sec.blocks:
            ids.update(block.question_ids)
            if isinstance(block, KeyValueList):
                ids.update(r.question_id for r in block.rows if r.question_id)
        for sub in sec.subsections:
            walk(sub)

    for sec in all_sections(plan):
        walk(sec)
    return {qid.split(".")[0] for qid in ids}


def test_every_answer_in_force_is_in_the_body(bank: Bank, tea: dict[str, Any]) -> None:
    session = session_from_answers(bank, tea)
    plan = build_plan(bank, session, today=TODAY)
    answered = {
        qid
        for qid, a in in_force(bank, session.answers).items()
        if a.status is AnswerStatus.ANSWERED
    }
    assert answered <= body_ids(plan)


def test_an_answer_whose_question_is_hidden_stays_out(bank: Bank, tea: dict[str, Any]) -> None:
    session = session_from_answers(bank, tea)
    # blog is not among the chosen channels, so its questions do not show
    session.record("blog_objective", AnswerStatus.ANSWERED, "A blog nobody asked for")
    plan = build_plan(bank, session, today=TODAY)
    assert "blog_objective" not in body_ids(plan)
    assert "blog_objective" not in [e.question_id for s in plan.appendix for e in s.entries]
    assert "A blog nobody asked for" not in plan.model_dump_json()


def test_a_section_with_no_answers_is_left_out_and_named(bank: Bank, tea: dict[str, Any]) -> None:
    data = {k: v for k, v in tea.items() if k not in {"competitors", "differences_from_peers"}}
    plan = plan_of(bank, data)
    assert "competitors" not in [s.id for s in all_sections(plan)]
    assert plan.open_questions.empty_sections == ["Competitors"]
    assert [i.question_id for i in plan.open_questions.questions] == ["conversion_rate"]
    (stage,) = plan.open_questions.unanswered
    assert stage.question_ids == ["competitors", "differences_from_peers"]
    summary = " ".join(plan.summary)
    assert (
        "one question is still open, two questions are not answered yet and one section" in summary
    )
    assert "one section has no answers yet" in summary


def test_unknown_and_skipped_required_questions_are_open(bank: Bank, tea: dict[str, Any]) -> None:
    meta = tea["_meta"] | {
        "unknown": ["conversion_rate", "positioning"],
        "skipped": ["total_budget", "industry"],
    }
    data = {k: v for k, v in tea.items() if k not in {"positioning", "total_budget", "industry"}}
    plan = plan_of(bank, data | {"_meta": meta})
    items = {i.question_id: i for i in plan.open_questions.questions}
    assert items["positioning"].status is EntryStatus.UNKNOWN
    assert items["positioning"].prompt.startswith("Which of these groups needs your product most")
    assert items["total_budget"].status is EntryStatus.SKIPPED
    assert items["total_budget"].required
    assert "working-capital loan" in (items["total_budget"].note or "")
    assert "industry" not in items  # skipped, but not required
    assert "conversion_rate" in items  # marked unknown in the example
    # a note on an answered question is listed too, not lost
    assert plan.notes == []  # both notes of the example sit on open questions
    entries = {e.question_id: e for s in plan.appendix for e in s.entries}
    assert entries["industry"].status is EntryStatus.SKIPPED
    assert entries["positioning"].answer == ""


def test_notes_on_answered_questions_are_listed(bank: Bank) -> None:
    data = load_example("b2b-services")
    plan = plan_of(bank, data)
    assert plan.open_questions.questions == []
    assert plan.open_questions.empty_sections == []
    assert plan.open_questions.is_empty()
    assert [(n.question_id, n.note[:20]) for n in plan.notes] == [
        ("online_ads_budget", "Start at 1,800 EUR a"),
        ("expected_sales", "Assumes an average f"),
    ]


def test_appendix_lists_every_question_that_shows(bank: Bank, tea: dict[str, Any]) -> None:
    session = session_from_answers(bank, tea)
    plan = build_plan(bank, session, today=TODAY)
    assert [s.title for s in plan.appendix] == [s.title for s in bank.stages]
    assert [s.number for s in plan.appendix] == list(range(1, 8))
    entries = [e for s in plan.appendix for e in s.entries]
    shown = [qid for qid in bank.ids() if qid in in_force(bank, session.answers)]
    assert [e.question_id for e in entries] == shown
    by_id = {e.question_id: e for e in entries}
    assert by_id["total_budget"].answer == "830,000 CNY"
    assert by_id["conversion_rate"].status is EntryStatus.UNKNOWN
    assert by_id["channels"].answer.endswith("Channels of your own (you name each one next)")
    assert (
        by_id["custom_channels"]
        .answer.splitlines()[1]
        .startswith("Xiaohongshu KOL notes — Objective: Get 40 honest notes")
    )


def test_an_empty_session_still_makes_a_plan(bank: Bank) -> None:
    plan = build_plan(bank, Session(name="empty"), today=TODAY)
    assert plan.title == "Online marketing plan"
    assert all(part.sections == [] for part in plan.parts)
    required = {qq.id for _s, qq in bank.questions() if qq.required and not qq.when}
    unanswered = plan.open_questions.unanswered
    assert required <= {qid for stage in unanswered for qid in stage.question_ids}
    assert plan.open_questions.questions == []  # nothing to settle: nothing was answered
    assert [stage.number for stage in unanswered] == list(range(1, len(bank.stages) + 1))
    assert len(plan.open_questions.empty_sections) >= 15


def test_every_bank_type_lands_somewhere(bank: Bank) -> None:
    """Each shipped question type is placed by the builder (no type falls through)."""
    kinds = {qq.type for _s, qq in bank.questions()}
    assert kinds <= set(QuestionType)
    session = Session(name="examples")
    for _stage, question in bank.questions():
        session.record(question.id, AnswerStatus.ANSWERED, question.example)
    plan = build_plan(bank, session, today=TODAY)
    answered = {
        qid
        for qid, a in in_force(bank, session.answers).items()
        if a.status is AnswerStatus.ANSWERED
    }
    assert answered <= body_ids(plan)


def test_prose_answers_stay_paragraphs_and_points_stay_points(
    bank: Bank, tea: dict[str, Any]
) -> None:
    """Enter pressed mid-sentence in a prose answer never turns the sentence into bullets."""
    assert bank.question("who_we_are").prose
    assert not bank.question("offline_to_online").prose
    prose = (
        "Founded 2015 in Portland, Oregon. We roast single-origin beans in small batches,\n"
        "run one cafe and sell to 40 wholesale accounts.\n\nEighteen staff."
    )
    points = "Roast to order\nShip within two days\n- Free returns"
    plan = plan_of(bank, tea | {"who_we_are": prose, "offline_to_online": points})
    blocks = section(plan, "who_we_are").blocks
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs[:2] == [
        "Founded 2015 in Portland, Oregon. We roast single-origin beans in small batches, "
        "run one cafe and sell to 40 wholesale accounts.",
        "Eighteen staff.",
    ]
    lists = [b.items for b in blocks if isinstance(b, BulletList)]
    assert ["Roast to order", "Ship within two days", "Free returns"] in lists


def test_a_stage_of_unanswered_questions_names_at_most_three_required() -> None:
    def stage(required: list[str], asked: int) -> UnansweredStage:
        ids = [f"q{n}" for n in range(asked)]
        return UnansweredStage(number=5, stage="Platform", question_ids=ids, required=required)

    assert stage([], 1).line == "5. Platform: 1 question not answered yet"
    assert stage([], 12).line == "5. Platform: 12 questions not answered yet"
    assert stage([], 12).required_text == ""
    assert stage(["A"], 2).required_text == "A"
    assert stage(["A", "B", "C"], 3).required_text == "A, B and C"
    assert stage(["A", "B", "C", "D", "E"], 9).required_text == "A, B, C and 2 more"


def test_a_single_choice_saved_before_a_question_took_several_still_shows(
    bank: Bank, tea: dict[str, Any]
) -> None:
    """ "How we make money" and "online model" became multi-selects; a session saved when they
    took one choice holds a string, and its plan shows that choice as the one item."""
    session = session_from_answers(bank, tea)
    assert bank.question("online_model").type is QuestionType.MULTI_SELECT
    assert bank.question("revenue_model").type is QuestionType.MULTI_SELECT
    session.answers["online_model"].value = "sell_online"
    session.answers["revenue_model"].value = "Fees from tasting courses"
    blocks = section(build_plan(bank, session, today=TODAY), "who_we_are").blocks
    lists = [b.items for b in blocks if isinstance(b, BulletList)]
    assert [bank.question("online_model").choice_label("sell_online")] in lists
    assert ["Fees from tasting courses"] in lists


def test_one_goal_reads_in_the_singular(bank: Bank, tea: dict[str, Any]) -> None:
    summary = " ".join(plan_of(bank, tea | {"goals": tea["goals"][:1]}).summary)
    assert "One goal leads the plan, with a named owner: “Grow online sales”" in summary
