"""The plan's expected effect: the forecast read from a session by role, set against the goals,
and written into the plan with its assumptions; the plan check as an appendix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.plan_support import load_example, session_from_answers
from wizard.banks import load_bank
from wizard.check import check_session
from wizard.check.facts import given_answers
from wizard.forecast.assumptions import parse_assumptions
from wizard.forecast.funnel import Measure, Scenario
from wizard.plan.build import build_plan
from wizard.plan.check_appendix import PLAN_CHECK
from wizard.plan.effect import compute_effect, effect_blocks, verdict
from wizard.plan.forecast_inputs import ForecastInputs, forecast_inputs, target_number
from wizard.plan.markdown import render_markdown
from wizard.plan.model import Chart, Paragraph, Table
from wizard.roles import Role
from wizard.session import AnswerStatus

approx = pytest.approx

# One kind of channel with round figures: 1 USD a click, 10% of clicks become leads, 20% of
# leads customers (a default: the session says "don't know yet").
DATA = parse_assumptions(
    """
version: 1
common:
  global:
    close_rate: {low: 0.1, base: 0.2, high: 0.3, unit: share, source: {publisher: Pub, title: Closing}, year: 2024, verified: true}
kinds:
  search_ads:
    label: Search ads
    reach: paid_click
    outcome: leads
    own_conversion: false
    regions:
      global:
        cpc: {low: 0.5, base: 1, high: 2, unit: USD, source: {publisher: Pub, title: Clicks}, year: 2025, verified: true}
        conversion: {low: 0.05, base: 0.1, high: 0.2, unit: share, source: {publisher: Pub, title: Leads}, year: 2025, verified: false}
"""
)


def answers(**extra: Any) -> dict[str, Any]:
    """A one-year plan with search ads at 1,000 USD a month and two goals the forecast counts.

    Base case, by hand: 1,000 clicks a month, 100 leads, 20 customers (the default close
    rate), 20 x 500 = 10,000 USD of sales a month."""
    data: dict[str, Any] = {
        "_meta": {"unknown": ["lead_close_rate"]},
        "business_name": "Acme Repairs",
        "plan_start": "2027-01-01",
        "plan_end": "2027-12-31",
        "goals": [
            {"goal": "More enquiries", "target": "150 a month", "counts": "leads_month"},
            {"goal": "New customers", "target": "200 customers", "counts": "customers_plan"},
            {"goal": "Brand known", "target": "40%", "counts": "other"},
        ],
        "channels": ["online_ads"],
        "online_ads_budget": {"amount": 1000, "currency": "USD"},
        "total_budget": {"amount": 12000, "currency": "USD"},
        "order_value": {"amount": 500, "currency": "USD"},
        "gross_margin": 40,
    }
    data.update(extra)
    return data


def inputs_of(data: dict[str, Any]) -> ForecastInputs:
    bank = load_bank()
    session = session_from_answers(bank, data)
    steps, given = given_answers(bank, session)
    return forecast_inputs(bank, session, steps, given)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10 a month", 10.0),
        ("250,000 CNY", 250_000.0),
        ("2.4 million EUR", 2_400_000.0),
        ("1.5k", 1_500.0),
        ("8万", 80_000.0),
        ("about 1 200 leads", 1_200.0),
        ("+15% over 2026", 15.0),
        ("no figure yet", None),
        ("每月1200单", 1_200.0),  # a number right after Chinese words (issue 12)
        ("每月约15万元", 150_000.0),
        ("v2 of the site", None),  # a number inside a Latin word is not the target
    ],
)
def test_a_targets_number_is_read_as_written(text: str, number: float | None) -> None:
    assert target_number(text) == number


def test_the_inputs_are_read_by_role() -> None:
    inputs = inputs_of(answers())
    assert inputs.setting is not None
    assert (inputs.setting.months, inputs.setting.currency) == (12, "USD")
    assert [(c.name, c.kind, c.budget) for c in inputs.channels] == [
        ("Online ads (search, social and display)", "search_ads", 1000.0)
    ]
    assert inputs.business.order_value == 500.0
    assert inputs.business.margin == approx(0.4)
    assert inputs.business.close_rate is None  # "don't know yet": the default is used
    unknown = [f for f in inputs.own if f.status is AnswerStatus.UNKNOWN]
    assert [f.role for f in unknown] == [Role.CLOSE_RATE]
    leads, customers = inputs.goals
    assert (leads.measure, leads.target, leads.per_months, leads.window) == (
        Measure.LEADS,
        150.0,
        1,
        (12, 12),
    )
    assert (customers.measure, customers.target, customers.window) == (
        Measure.CUSTOMERS,
        200.0,
        (1, 12),
    )
    assert inputs.other_goals == ["Brand known"]


def test_a_goals_deadline_sets_the_months_it_is_measured_over() -> None:
    data = answers()
    data["goals"][0]["deadline"] = "2027-06-30"
    data["goals"][0]["counts"] = "leads_quarter"
    (goal, _customers) = inputs_of(data).goals
    assert goal.window == (4, 6)


def test_the_effect_by_hand_and_the_goals_against_it() -> None:
    effect = compute_effect(inputs_of(answers()), DATA)
    assert effect is not None
    base = effect.runs[Scenario.BASE].totals
    assert (base.visits, base.leads, base.customers) == approx((12_000, 1_200, 240))
    assert base.revenue == approx(120_000)
    assert base.cac == approx(50)
    leads, customers = effect.goals
    # 150 leads in December: base 100, high 1,000 / 0.5 x 0.2 = 400
    assert leads.check.values[Scenario.BASE] == approx(100)
    assert verdict(leads) == "Only in the high case"
    # 200 customers over the plan: base 240
    assert verdict(customers) == "Within reach"
    assert leads.check.budget_factor == approx(1.5)


def test_the_plan_shows_the_forecast_goals_chart_and_cited_assumptions() -> None:
    effect = compute_effect(inputs_of(answers()), DATA)
    blocks = effect_blocks(effect, DATA)
    titles = [b.title for b in blocks]
    assert titles[0] == "Forecast"
    tables = {b.title: b for b in blocks if isinstance(b, Table)}
    cases = tables["Forecast in three cases"]
    assert cases.columns == ["Over the plan", "Low", "Base", "High"]
    rows = {row[0]: row[1:] for row in cases.rows}
    assert rows["Leads"][1] == "1,200"
    assert rows["Cost per new customer"][1] == "50 USD"
    assert rows["Cost per lead"][1] == "10 USD"  # 12,000 USD for 1,200 leads
    goals = tables["Goals against the forecast"]
    assert [row[0] for row in goals.rows] == ["More enquiries", "New customers"]
    assert goals.rows[0][3] == "Only in the high case"
    assert "18,000 USD" in goals.rows[0][4]  # 1.5 x 12,000 over the plan
    chart = next(b for b in blocks if isinstance(b, Chart))
    assert chart.x_labels[0] == "Jan 2027"
    assert len(chart.x_labels) == 12
    goal_line = chart.series[-1]
    assert goal_line.name.startswith("Goal")
    assert goal_line.values == [150.0] * 12
    assumptions = tables["Assumptions (low / base / high where a range)"]
    by_name = {row[0]: row for row in assumptions.rows}
    assert by_name["Average first order"][2] == "500 USD"
    assert "don't know yet" in by_name["Leads that become customers"][4]
    assert by_name["Leads that become customers"][2] == "10% / 20% / 30%"
    conversion = by_name["Conversion (visits to leads or orders)"]
    assert conversion[2] == "5% / 10% / 20%"
    assert conversion[3] == "Pub, Leads (2025)"
    assert conversion[4] == "default, not verified: check it"


def test_the_cost_of_a_lead_leaves_out_the_channels_that_bring_orders() -> None:
    """The tea brand's marketplace spend brings orders, not leads: a lead costs what the lead
    channels spend, and the row says so."""
    effect = compute_effect(inputs_of(load_example("tea-brand")))
    assert effect is not None
    base = effect.runs[Scenario.BASE]
    orders_only = [c for c in base.channels if not c.missing and not c.totals.leads]
    assert orders_only  # the marketplace
    assert all(c.totals.spend > 0 for c in orders_only)
    lead_spend = sum(c.totals.spend for c in base.channels if not c.missing and c.totals.leads)
    cases = next(b for b in effect_blocks(effect) if b.title == "Forecast in three cases")
    assert isinstance(cases, Table)
    rows = {row[0]: row[1:] for row in cases.rows}
    cost = rows["Cost per lead (of the channels that bring leads)"][1]
    assert cost == f"{round(lead_spend / base.totals.leads):,} CNY"
    assert "Cost per lead" not in rows


def test_without_a_period_the_plan_says_what_the_forecast_needs() -> None:
    data = answers()
    del data["plan_end"]
    inputs = inputs_of(data)
    assert inputs.setting is None
    (block,) = effect_blocks(compute_effect(inputs, DATA), DATA)
    assert isinstance(block, Paragraph)
    assert "start and end" in block.text


def test_a_channel_without_a_budget_or_figures_is_named_not_counted() -> None:
    data = answers(channels=["online_ads", "seo"])
    inputs = inputs_of(data)
    assert inputs.not_forecast == [("Search engine optimisation (SEO)", "no budget")]


def test_the_plan_holds_the_forecast_and_the_plan_check_appendix() -> None:
    bank = load_bank()
    data = answers()
    del data["goals"][1]["counts"]  # a goal the forecast does not count
    session = session_from_answers(bank, data)
    plan = build_plan(bank, session, today=dt.date(2026, 12, 1))
    text = render_markdown(plan)
    assert "#### Forecast in three cases" in text
    assert "#### Goals against the forecast" in text
    assert plan.check is not None
    assert plan.check.title == PLAN_CHECK
    assert f"## {PLAN_CHECK}" in text
    assert text.index(f"## {PLAN_CHECK}") < text.index("## Appendix: questions and answers")
    report = check_session(bank, session)
    problems = [f for f in report.findings if f.severity.value == "problem"]
    findings = next(b for b in plan.check.blocks if isinstance(b, Table))
    assert len(findings.rows) == len(report.findings)
    assert sum(row[0] == "Problem" for row in findings.rows) == len(problems)
