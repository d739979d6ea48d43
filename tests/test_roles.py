"""Roles: the loader checks them, and the plan finds its answers by them only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import BankWriter
from wizard.banks import check_banks, load_bank
from wizard.cli import cli
from wizard.plan import build_plan
from wizard.plan.markdown import render_markdown
from wizard.session import AnswerStatus, Session

TODAY = dt.date(2027, 1, 1)

HEAD = """
version: 1
id: basics
title: Basics
intro: What the plan is about.
questions:
"""


def q(qid: str, type_: str, extra: str = "", section: str = "who_we_are") -> str:
    example = {
        "text": "Acme",
        "long_text": "A line",
        "date": "2027-01-01",
        "money": "{amount: 10, currency: CNY}",
        "multi_select": "[a]",
        "select": "a",
    }[type_]
    choices = (
        "    choices:\n      - {value: a, label: Alpha}\n      - {value: b, label: Beta}\n"
        if "select" in type_
        else ""
    )
    body = "".join(f"    {line}\n" for line in extra.strip().splitlines() if line)
    return (
        f"  - id: {qid}\n    type: {type_}\n    prompt: {qid}?\n    help: Why.\n"
        f"    example: {example}\n    source: [s]\n    section: {section}\n{choices}{body}"
    )


def channel_budget(qid: str, group: str, choice: str) -> str:
    """A monthly channel budget shown for one choice of the ``picks`` channel list."""
    extra = f"role: channel.budget\nperiod: month\ngroup: {group}\nwhen: \"'{choice}' in picks\""
    return q(qid, "money", extra, section="channels")


CHANNELS_AND_TOTAL = (
    q("kickoff", "date", "role: plan.start", section="goals")
    + q("wrapup", "date", "role: plan.end", section="goals")
    + q("picks", "multi_select", "role: channel.list", section="channels")
    + channel_budget("alpha_money", "Alpha", "a")
    + q("total", "money", "role: budget.total\nperiod: plan", section="budget")
)
"""A six-month plan with a channel list, channel Alpha's budget and the total budget."""


def record_channels(session: Session, picks: list[str]) -> None:
    """The plan's six months, the channels picked, and Alpha's 300 EUR a month."""
    session.record("kickoff", AnswerStatus.ANSWERED, "2027-01-01")
    session.record("wrapup", AnswerStatus.ANSWERED, "2027-06-30")
    session.record("picks", AnswerStatus.ANSWERED, picks)
    session.record("alpha_money", AnswerStatus.ANSWERED, {"amount": 300, "currency": "EUR"})


def problems(write_bank: BankWriter, text: str) -> list[str]:
    path = write_bank("01_basics.yaml", HEAD + text)
    bank, found = check_banks([path])
    assert (bank is None) == bool(found)
    return [str(p).split(": ", 1)[1] for p in found]


def test_a_role_on_the_wrong_type_is_named(write_bank: BankWriter) -> None:
    assert problems(write_bank, q("name", "long_text", "role: business.name")) == [
        "name.role: role 'business.name' is for text questions, not long_text"
    ]


def test_a_unique_role_played_twice_is_named(write_bank: BankWriter) -> None:
    text = q("start", "date", "role: plan.start") + q("begin", "date", "role: plan.start")
    found = problems(write_bank, text)
    assert len(found) == 1
    assert found[0].startswith("begin.role: role 'plan.start' is already played by ")
    assert found[0].endswith("01_basics.yaml: start; a bank has one question in this role")


def test_channel_budgets_may_be_many(write_bank: BankWriter) -> None:
    text = q("one", "money", "role: channel.budget\nperiod: month\ngroup: One") + q(
        "two", "money", "role: channel.budget\nperiod: plan\ngroup: Two"
    )
    assert problems(write_bank, text) == []


def test_a_channel_budget_names_its_channel_and_shows_for_it(write_bank: BankWriter) -> None:
    """Found in a consultant's bank: a nameless budget got a row and counted whatever was
    chosen."""
    text = q("picks", "multi_select", "role: channel.list", section="channels") + q(
        "events_money", "money", "role: channel.budget\nperiod: month", section="channels"
    )
    assert sorted(problems(write_bank, text)) == [
        "events_money.group: a channel's budget needs the channel's name as its group (as the "
        "channel's other questions have), to name its row of the budget",
        "events_money.when: a channel's budget shows for its channel: say which, such as "
        "\"'a' in picks\" (or leave out its role if it is no channel's budget)",
    ]


def test_a_field_role_on_a_question_and_an_unknown_role_are_named(write_bank: BankWriter) -> None:
    text = q("label", "text", "role: timeline.label") + q("odd", "text", "role: business.nme")
    found = sorted(problems(write_bank, text))
    assert (
        found[0] == "label.role: role 'timeline.label' belongs on a field of a list, not a question"
    )
    assert found[1].startswith(
        "odd.role: 'business.nme' is not a role; did you mean 'business.name'? "
        "the roles are: business.name, business.industry, "
    )


def test_a_goal_field_outside_the_goal_list_is_named(write_bank: BankWriter) -> None:
    text = """  - id: things
    type: list
    prompt: Things?
    help: Why.
    example: [{what: x}]
    source: [s]
    section: goals
    fields:
      - id: what
        type: text
        role: goal.name
        prompt: What?
        help: Why.
        example: x
        source: [s]
"""
    assert problems(write_bank, text) == [
        "things.fields.what.role: role 'goal.name' is for a field of the list playing 'goal.list'"
    ]


def test_period_only_on_money_and_sections_from_the_layout(write_bank: BankWriter) -> None:
    text = q("when", "date", "period: month") + q("where", "text", section="shop_floor")
    found = sorted(problems(write_bank, text))
    assert found == [
        "when.period: period is for money questions, not date",
        "where.section: 'shop_floor' is not a section of the plan layout; expected one of: "
        "purpose, mission, goals, who_we_are, customers, competitors, swot, research, product, "
        "platform, channels, operations, team, data, budget, effect, risks, timeline",
    ]


# --- a bank without roles still gets a plan --------------------------------------------------


def test_a_bank_without_roles_gets_a_plan_and_validate_names_what_is_left_out(
    write_bank: BankWriter,
) -> None:
    text = (
        q("shop", "text")
        + q("story", "long_text", section="swot")
        + q("spend", "money", section="budget")
    )
    path = write_bank("01_basics.yaml", HEAD + text)
    bank = load_bank([path])
    session = Session(name="plain")
    session.record("shop", AnswerStatus.ANSWERED, "Corner Shop")
    session.record("story", AnswerStatus.ANSWERED, "Good bread\nSlow oven")
    session.record("spend", AnswerStatus.ANSWERED, {"amount": 500, "currency": "EUR"})
    plan = build_plan(bank, session, today=TODAY)
    text_out = render_markdown(plan)
    assert plan.title == "Online marketing plan"  # no business.name: the plain title
    for piece in ("Corner Shop", "Slow oven", "500"):
        assert piece in text_out
    assert "Budget by channel" not in text_out  # no channel budgets: no table, no error
    result = CliRunner().invoke(cli, ["banks", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "No question plays these roles, so the plan leaves out what needs them:" in (
        result.output
    )
    assert "  swot.strengths: the SWOT grid" in result.output
    assert "  business.name: the business's name in the title and summary" in result.output


def test_the_plan_reads_roles_not_ids(write_bank: BankWriter) -> None:
    """Ids unlike the shipped banks', roles alike: the summary and title still come out."""
    text = (
        q("firm", "text", "role: business.name")
        + q("kickoff", "date", "role: plan.start", section="goals")
        + q("wrapup", "date", "role: plan.end", section="goals")
        + q("good_at", "long_text", "role: swot.strengths", section="swot")
        + q("picks", "multi_select", "role: channel.list", section="channels")
        + q(
            "alpha_money",
            "money",
            "role: channel.budget\nperiod: month\ngroup: Alpha\nwhen: \"'a' in picks\"",
            section="channels",
        )
    )
    bank = load_bank([write_bank("01_basics.yaml", HEAD + text)])
    session = Session(name="roles")
    session.record("firm", AnswerStatus.ANSWERED, "Blue Door Bakery")
    session.record("kickoff", AnswerStatus.ANSWERED, "2027-01-01")
    session.record("wrapup", AnswerStatus.ANSWERED, "2027-06-30")
    session.record("good_at", AnswerStatus.ANSWERED, "Sourdough")
    session.record("picks", AnswerStatus.ANSWERED, ["a"])
    session.record("alpha_money", AnswerStatus.ANSWERED, {"amount": 300, "currency": "EUR"})
    plan = build_plan(bank, session, today=TODAY)
    assert plan.title == "Online marketing plan for Blue Door Bakery"
    summary = " ".join(plan.summary)
    assert "Blue Door Bakery will market itself online from 2027-01-01 to 2027-06-30" in summary
    assert "one channel: alpha" in summary.casefold()
    out = render_markdown(plan)
    assert "| Alpha | 300 EUR | 1,800 EUR |" in out.replace("\u202f", " ")
    assert "Sourdough" in out


def test_validate_names_no_missing_role_for_the_shipped_banks(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["banks", "validate"])
    assert result.exit_code == 0
    assert "No question plays" not in result.output  # the shipped banks play every role


def test_a_condition_on_a_choice_the_question_does_not_offer_is_named(
    write_bank: BankWriter,
) -> None:
    """A pack that takes a choice away, or a typo, would hide a question for good."""
    text = (
        q("picks", "multi_select", "role: channel.list", section="channels")
        + q("alpha_note", "text", "when: \"'alpha' in picks\"", section="channels")
        + q("both_note", "text", "when: \"picks in ['a', 'c']\"", section="channels")
        + q("fine", "text", "when: \"'b' in picks\"", section="channels")
    )
    assert sorted(problems(write_bank, text)) == [
        "alpha_note.when: 'alpha' is not a choice of 'picks'; its choices are: a, b",
        "both_note.when: 'c' is not a choice of 'picks'; its choices are: a, b",
    ]


LINES = """  - id: costs
    type: list
    role: budget.lines
    prompt: Costs?
    help: Why.
    example: [{what: Tools, once: {amount: 1, currency: EUR}}]
    source: [s]
    section: budget
    fields:
      - id: what
        type: text
        role: budget.item
        prompt: What?
        help: Why.
        example: Tools
        source: [s]
      - id: kind
        type: select
        prompt: Kind?
        help: Why.
        example: tools
        source: [s]
        choices:
          - {value: tools, label: Tools}
          - {value: people, label: People}
      - id: once
        type: money
        role: budget.amount
        period: plan
        prompt: One-off?
        help: Why.
        example: {amount: 1, currency: EUR}
        source: [s]
      - id: monthly
        type: money
        role: budget.amount
        period: month
        prompt: Monthly?
        help: Why.
        example: {amount: 1, currency: EUR}
        source: [s]
"""


def test_budget_lines_add_up_with_the_channels_against_the_total(write_bank: BankWriter) -> None:
    text = CHANNELS_AND_TOTAL + LINES
    bank = load_bank([write_bank("01_basics.yaml", HEAD + text)])
    session = Session(name="lines")
    record_channels(session, ["a"])
    session.record("total", AnswerStatus.ANSWERED, {"amount": 10000, "currency": "EUR"})
    session.record(
        "costs",
        AnswerStatus.ANSWERED,
        [
            {"what": "Booking tool", "kind": "tools", "once": {"amount": 2000, "currency": "EUR"}},
            {
                "what": "Part-time writer",
                "kind": "people",
                "monthly": {"amount": 500, "currency": "EUR"},
            },
        ],
    )
    out = render_markdown(build_plan(bank, session, today=TODAY)).replace("\u202f", " ")
    assert "| Booking tool | Tools | 2,000 EUR | — | 2,000 EUR |" in out
    assert "| Part-time writer | People | — | 500 EUR | 3,000 EUR |" in out
    assert "| **Total** | **—** | **2,000 EUR** | **500 EUR** | **5,000 EUR** |" in out
    assert (
        "Over the plan's six months the channel plans spend 1,800 EUR (300 EUR a month) and the "
        "other budget lines 5,000 EUR: 6,800 EUR of the total budget of 10,000 EUR; 3,200 EUR "
        "remain for costs outside these."
    ) in out


def test_a_chosen_channel_without_a_budget_is_named_not_silently_left_out(
    write_bank: BankWriter,
) -> None:
    text = CHANNELS_AND_TOTAL + channel_budget("beta_money", "Beta", "b")
    bank = load_bank([write_bank("01_basics.yaml", HEAD + text)])
    session = Session(name="gaps")
    record_channels(session, ["a", "b"])
    session.record("beta_money", AnswerStatus.UNKNOWN)
    session.record("total", AnswerStatus.ANSWERED, {"amount": 10000, "currency": "EUR"})
    out = render_markdown(build_plan(bank, session, today=TODAY)).replace("\u202f", " ")
    assert (
        "of the total budget of 10,000 EUR; 8,200 EUR remain for costs outside the channel plans. "
        "Beta has no budget yet, so the totals leave it out."
    ) in out


def test_a_wrong_key_hides_no_other_problem_of_the_same_question(write_bank: BankWriter) -> None:
    """A consultant's bank with two mistakes in one question gets both at once."""
    text = q("often", "select", "validation: {length: {max: 3}}\nwhen: \"'a' in pics\"")
    assert sorted(problems(write_bank, text)) == [
        "often.validation: a select question takes no validation rules",
        "often.when: 'pics' is not a question id; expected an earlier question's id",
    ]
