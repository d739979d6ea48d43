"""Each rule of the plan check on plain data, passing and failing."""

from __future__ import annotations

import datetime as dt

from wizard.check import run_rules
from wizard.check.model import (
    ActionFacts,
    ChannelFacts,
    ForecastChannel,
    ForecastGoal,
    GoalFacts,
    Issue,
    PlanFacts,
    Ref,
    RiskFacts,
    Severity,
    SpendFacts,
)
from wizard.check.rules import (
    actions_scheduled,
    beyond_website,
    budget_adds_up,
    channels_complete,
    channels_serve_goals,
    goals_deadline,
    goals_measurable,
    goals_owner,
    goals_reachable,
    kpis_tracked,
    positioning_segment,
    risks_controlled,
    spend_share,
    swot_complete,
)
from wizard.forecast.funnel import Scenario
from wizard.roles import Role

JAN, DEC = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


def ref(name: str) -> Ref:
    return Ref(f"q_{name}", "9.1", name.title())


def facts(*roles: Role, **kwargs: object) -> PlanFacts:
    """Facts of a bank whose questions play ``roles``, for a plan over 2027."""
    values: dict[str, object] = {"plan_start": JAN, "plan_end": DEC, **kwargs}
    return PlanFacts(refs={r.value: ref(r.value) for r in roles}, **values)  # type: ignore[arg-type]


GOAL_PARTS = frozenset(
    r.value
    for r in (
        Role.GOAL_METRIC,
        Role.GOAL_BASELINE,
        Role.GOAL_TARGET,
        Role.GOAL_DEADLINE,
        Role.GOAL_OWNER,
    )
)
GOOD_GOAL = GoalFacts(1, "Sales", "Sales a month", "72,000", "250,000", DEC, "Lin")


def goals(*items: GoalFacts) -> PlanFacts:
    return facts(Role.GOALS, Role.PLAN_START, goals=list(items), goal_parts=GOAL_PARTS)


def severities(issues: list[Issue] | None) -> list[Severity]:
    assert issues is not None
    return [i.severity for i in issues]


def test_a_complete_goal_passes_every_goal_rule() -> None:
    for rule in (goals_measurable, goals_deadline, goals_owner):
        assert rule(goals(GOOD_GOAL)) == []


def test_no_goals_is_a_problem() -> None:
    assert severities(goals_measurable(goals())) == [Severity.PROBLEM]


def test_a_goal_without_a_deadline_is_a_problem_pointing_at_its_item() -> None:
    found = goals_deadline(goals(GOOD_GOAL, GoalFacts(2, "Fans", deadline=None)))
    assert found is not None
    assert [i.severity for i in found] == [Severity.PROBLEM]
    assert found[0].question == Ref("q_goal.list", "9.1", "Goal.List", 2)
    assert "Goal 2 (Fans) has no deadline" in found[0].message


def test_a_deadline_after_the_plan_is_a_problem() -> None:
    late = GoalFacts(1, "Sales", deadline=dt.date(2028, 3, 1))
    found = goals_deadline(goals(late))
    assert severities(found) == [Severity.PROBLEM]
    assert found is not None
    assert "outside the plan's period" in found[0].message


def test_a_goal_without_target_figure_baseline_or_owner() -> None:
    vague = GoalFacts(1, "Awareness", metric=None, baseline=None, target="much more")
    assert severities(goals_measurable(goals(vague))) == [Severity.WARNING] * 3
    assert severities(
        goals_measurable(goals(GoalFacts(1, target=None, metric="x", baseline="y")))
    ) == [Severity.PROBLEM]
    assert severities(goals_owner(goals(vague))) == [Severity.WARNING]


def test_goal_rules_do_not_apply_without_a_goals_question() -> None:
    assert goals_measurable(facts()) is None
    assert goals_deadline(facts()) is None


def budget(**kwargs: object) -> PlanFacts:
    return facts(Role.BUDGET_TOTAL, Role.BUDGET_LINES, **kwargs)


def test_budgets_within_the_total_pass() -> None:
    assert budget_adds_up(budget(budget_total=(1000.0, "EUR"), allocated={"EUR": 1000.0})) == []


def test_channel_budgets_over_the_total_are_a_problem() -> None:
    found = budget_adds_up(budget(budget_total=(1000.0, "EUR"), allocated={"EUR": 1200.0}))
    assert severities(found) == [Severity.PROBLEM]
    assert found is not None
    assert "200 EUR more than the total budget" in found[0].message


def test_budgets_in_another_currency_are_a_problem() -> None:
    found = budget_adds_up(budget(budget_total=(1000.0, "EUR"), allocated={"USD": 10.0}))
    assert severities(found) == [Severity.PROBLEM]


def test_monthly_budgets_without_the_plan_length_and_skipped_lines_are_warnings() -> None:
    found = budget_adds_up(
        budget(budget_total=(1000.0, "EUR"), budget_countable=False, budget_skipped=1)
    )
    assert severities(found) == [Severity.WARNING, Severity.WARNING]


def test_spend_share_is_a_tip_with_the_figures() -> None:
    spend = SpendFacts(spend=(8000.0, "EUR"), sales=(100000.0, "EUR"))
    found = spend_share(facts(Role.EXPECTED_SALES, spend=spend))
    assert severities(found) == [Severity.TIP]
    assert found is not None
    assert "8.0% of the expected extra sales" in found[0].message


def test_spending_more_than_the_expected_sales_is_a_warning() -> None:
    spend = SpendFacts(spend=(300000.0, "CNY"), sales=(240000.0, "CNY"))
    assert severities(spend_share(facts(Role.EXPECTED_SALES, spend=spend))) == [Severity.WARNING]


def test_spend_share_needs_sales_in_the_spends_currency() -> None:
    assert spend_share(facts(Role.EXPECTED_SALES, spend=SpendFacts((1.0, "EUR"), None))) is None
    other = SpendFacts((1.0, "EUR"), (100.0, "USD"))
    assert spend_share(facts(Role.EXPECTED_SALES, spend=other)) is None


PARTS = {
    r.value: ref(r.value)
    for r in (Role.CHANNEL_OWNER, Role.CHANNEL_BUDGET, Role.CHANNEL_KPI, Role.CHANNEL_ACTIONS)
}


def test_a_complete_channel_passes() -> None:
    seo = ChannelFacts("SEO", PARTS, owner="Jonas", budget=True, kpi="Rankings", actions="Pages")
    assert channels_complete(facts(Role.CHANNELS, channels=[seo])) == []


def test_a_channel_missing_its_parts_is_warned_per_part() -> None:
    found = channels_complete(facts(Role.CHANNELS, channels=[ChannelFacts("Blog", PARTS)]))
    assert found is not None
    assert [i.message for i in found] == [
        "Blog has no owner.",
        "Blog has no budget.",
        "Blog has no KPI.",
        "Blog has no actions.",
    ]
    assert {i.question for i in found} == set(PARTS.values())


def test_a_channel_part_its_bank_does_not_ask_is_not_asked_for() -> None:
    only_budget = ChannelFacts("Fairs", {Role.CHANNEL_BUDGET.value: ref("b")}, budget=True)
    assert channels_complete(facts(Role.CHANNELS, channels=[only_budget])) == []


def kpis(**kwargs: object) -> PlanFacts:
    return facts(Role.KPIS, Role.DATA_SOURCES, Role.DATA_CADENCE, **kwargs)


def test_kpis_with_data_and_cadence_pass_and_without_them_warn() -> None:
    assert kpis_tracked(kpis(kpis=["Leads"], data_sources=True, data_cadence=True)) == []
    found = kpis_tracked(kpis(kpis=["Leads"]))
    assert severities(found) == [Severity.WARNING, Severity.WARNING]
    assert severities(kpis_tracked(kpis())) == [Severity.WARNING]


SWOT = (Role.STRENGTHS, Role.WEAKNESSES, Role.OPPORTUNITIES, Role.THREATS)


def test_swot_quadrants() -> None:
    full = {r.value: "x" for r in SWOT}
    assert swot_complete(facts(*SWOT, swot=full)) == []
    found = swot_complete(facts(*SWOT, swot={**full, Role.THREATS.value: None}))
    assert found is not None
    assert [i.message for i in found] == ["The SWOT analysis lists no threats."]


def test_risks_need_a_control_and_an_owner() -> None:
    parts = frozenset({Role.RISK_CONTROL.value, Role.RISK_OWNER.value})
    good = RiskFacts(1, "Costs rise", "Cap the spend", "Chen")
    assert risks_controlled(facts(Role.RISKS, risks=[good], risk_parts=parts)) == []
    bare = RiskFacts(2, "A key person leaves")
    found = risks_controlled(facts(Role.RISKS, risks=[good, bare], risk_parts=parts))
    assert severities(found) == [Severity.WARNING, Severity.WARNING]
    assert found is not None
    assert found[0].question is not None
    assert found[0].question.item == 2
    assert severities(risks_controlled(facts(Role.RISKS))) == [Severity.WARNING]


def action(**kwargs: object) -> ActionFacts:
    values: dict[str, object] = {
        "label": "Open the shop",
        "ref": ref("actions").at(1),
        "has_owner": True,
        "has_start": True,
        "has_end": True,
        **kwargs,
    }
    return ActionFacts(**values)  # type: ignore[arg-type]


def test_actions_need_an_owner_and_dates_inside_the_plan() -> None:
    good = action(owner="Lin", start=dt.date(2027, 2, 1), end=dt.date(2027, 3, 1))
    assert actions_scheduled(facts(Role.TIMELINE_LABEL, actions=[good])) == []
    late = action(owner="Lin", start=dt.date(2027, 12, 1), end=dt.date(2028, 1, 15))
    found = actions_scheduled(facts(Role.TIMELINE_LABEL, actions=[late, action()]))
    assert found is not None
    assert [i.message for i in found] == [
        "'Open the shop' falls outside the plan's period (2027-01-01 to 2027-12-31).",
        "'Open the shop' has no owner.",
        "'Open the shop' has no dates.",
    ]


def test_a_milestone_list_without_owners_is_not_asked_for_one() -> None:
    milestone = action(has_owner=False, has_start=False, end=dt.date(2027, 6, 30))
    assert actions_scheduled(facts(Role.TIMELINE_LABEL, actions=[milestone])) == []


def test_a_plan_without_channels_is_only_website_work() -> None:
    assert severities(beyond_website(facts(Role.CHANNELS))) == [Severity.WARNING]
    assert beyond_website(facts(Role.CHANNELS, channels=[ChannelFacts("SEO")])) == []


def test_positioning_names_a_segment() -> None:
    named = "For office workers who want real tea, we are the family that grows it."
    assert positioning_segment(facts(Role.POSITIONING, positioning=named)) == []
    assert positioning_segment(facts(Role.POSITIONING, positioning="面向白领的岩茶品牌")) == []
    for_them = "对想吃得健康又讲究的广州上班族和妈妈们来说，禾麦是楼下那家现烤面包店。"
    assert positioning_segment(facts(Role.POSITIONING, positioning=for_them)) == []
    assert severities(
        positioning_segment(facts(Role.POSITIONING, positioning="手工烘焙，每天新鲜出炉。"))
    ) == [Severity.TIP]
    vague = "The best tea, roasted by hand."
    assert severities(positioning_segment(facts(Role.POSITIONING, positioning=vague))) == [
        Severity.TIP
    ]


def test_the_report_scores_the_share_of_rules_passed() -> None:
    plain = goals(GoalFacts(1, "Sales", "m", "b", "10", None, "Lin"))
    report = run_rules(plain)
    statuses = {r.rule.id: r.status for r in report.results}
    assert statuses["goal-deadline"] == "failed"
    assert statuses["goal-owner"] == "passed"
    assert statuses["budget-adds-up"] == "not_applicable"
    assert report.score() == (2, 3)  # measurable and owner passed; deadline failed
    assert report.problems == 1


def forecast_goal(reached: Scenario | None) -> ForecastGoal:
    return ForecastGoal(
        1,
        "Sales",
        "250,000 CNY (sales in the month it falls due)",
        "55,800 / 97,600 / 276,400",
        reached,
        "a channel budget of 1.32 million CNY over the plan (x2.6)",
    )


def test_goal_reachable_passes_when_the_base_case_reaches_every_goal() -> None:
    roles = (Role.GOALS, Role.GOAL_MEASURE)
    assert (
        goals_reachable(facts(*roles, forecast=True, forecast_goals=[forecast_goal(Scenario.BASE)]))
        == []
    )
    assert (
        goals_reachable(facts(*roles, forecast=True, forecast_goals=[forecast_goal(Scenario.LOW)]))
        == []
    )


def test_goal_reachable_names_the_gap_and_what_closes_it() -> None:
    roles = (Role.GOALS, Role.GOAL_MEASURE)
    (out,) = (
        goals_reachable(facts(*roles, forecast=True, forecast_goals=[forecast_goal(None)])) or []
    )
    assert out.severity is Severity.WARNING
    assert "out of reach" in out.message
    assert "55,800 / 97,600 / 276,400" in out.message
    assert "1.32 million CNY" in out.message
    assert out.question == ref(Role.GOALS.value).at(1)
    (high,) = (
        goals_reachable(facts(*roles, forecast=True, forecast_goals=[forecast_goal(Scenario.HIGH)]))
        or []
    )
    assert high.severity is Severity.TIP
    assert "only in the high case" in high.message


def test_goal_reachable_does_not_apply_without_a_forecast_or_goal_measures() -> None:
    assert goals_reachable(facts(Role.GOALS, Role.GOAL_MEASURE, forecast=False)) is None
    assert goals_reachable(facts(Role.GOALS, forecast=True)) is None


def test_every_forecast_channel_serves_a_goal() -> None:
    roles = (Role.CHANNELS, Role.GOALS, Role.GOAL_MEASURE)
    serving = [ForecastChannel("Ads", (1,)), ForecastChannel("Fairs", None)]
    ok = facts(
        *roles,
        forecast=True,
        forecast_goals=[forecast_goal(Scenario.BASE)],
        forecast_channels=serving,
    )
    assert channels_serve_goals(ok) == []
    idle = [*serving, ForecastChannel("E-mail", ())]
    (out,) = (
        channels_serve_goals(
            facts(
                *roles,
                forecast=True,
                forecast_goals=[forecast_goal(Scenario.BASE)],
                forecast_channels=idle,
            )
        )
        or []
    )
    assert out.severity is Severity.WARNING
    assert out.message.startswith("E-mail brings nothing")
    assert out.question == ref(Role.CHANNELS.value)


def test_without_a_counted_goal_the_channels_cannot_be_set_against_the_goals() -> None:
    roles = (Role.CHANNELS, Role.GOALS, Role.GOAL_MEASURE)
    (out,) = (
        channels_serve_goals(
            facts(*roles, forecast=True, forecast_channels=[ForecastChannel("Ads", ())])
        )
        or []
    )
    assert "No goal says what its target counts" in out.message
    assert out.question == ref(Role.GOALS.value)
