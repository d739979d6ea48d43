"""The rules of the plan check: one small function per rule, on plain data.

A rule returns the issues it finds (none: it passed) or None when it does not apply (the bank
has no question for it). Each rule names the role whose question's stage it counts towards,
and why it matters: the seeds' words or the source of the figure it uses. Nothing here knows a
question id; the questions to revisit come in the facts, found by role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wizard.check.figures import quotes
from wizard.check.model import FigureChange, Issue, PlanFacts, Ref, Severity
from wizard.display import format_money, format_number
from wizard.forecast.funnel import Scenario
from wizard.roles import Role

__all__ = ["RULES", "Rule"]

P, W, T = Severity.PROBLEM, Severity.WARNING, Severity.TIP

RuleFn = Callable[[PlanFacts], list[Issue] | None]


@dataclass(frozen=True)
class Rule:
    """A rule: its id, what it asks, the role whose stage it belongs to, why it matters and
    where that comes from; ``informs`` rules give figures, not verdicts, and are not scored."""

    id: str
    title: str
    home: Role | None  # None: a rule of the whole plan, counted in no stage
    why: str
    source: str
    run: RuleFn
    informs: bool = False


def _ref(facts: PlanFacts, role: Role) -> Ref | None:
    return facts.refs.get(role.value)


def _goal_name(number: int, name: str | None) -> str:
    return f"Goal {number} ({name})" if name else f"Goal {number}"


def goals_measurable(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None:
        return None
    if not facts.goals:
        return [Issue(P, "The plan has no goals yet.", ref)]
    out: list[Issue] = []
    for g in facts.goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if Role.GOAL_TARGET.value in facts.goal_parts:
            if not g.target:
                out.append(Issue(P, f"{name} has no target.", here))
            elif not any(ch.isdigit() for ch in g.target):
                out.append(Issue(W, f"{name}: the target {g.target!r} has no figure.", here))
        if Role.GOAL_METRIC.value in facts.goal_parts and not g.metric:
            out.append(Issue(W, f"{name} does not say how it is measured.", here))
        if Role.GOAL_BASELINE.value in facts.goal_parts and not g.baseline:
            out.append(Issue(W, f"{name} has no baseline (where it stands today).", here))
    return out


def goals_deadline(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None or Role.GOAL_DEADLINE.value not in facts.goal_parts:
        return None
    out: list[Issue] = []
    start, end = facts.plan_start, facts.plan_end
    if facts.goals and (start is None or end is None):
        where = _ref(facts, Role.PLAN_START if start is None else Role.PLAN_END)
        out.append(Issue(W, "The plan's period is not set, so no deadline can be checked.", where))
    for g in facts.goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if g.deadline is None:
            out.append(Issue(P, f"{name} has no deadline.", here))
        elif start and end and not start <= g.deadline <= end:
            out.append(
                Issue(
                    P,
                    f"{name}: its deadline {g.deadline} is outside the plan's period "
                    f"({start} to {end}).",
                    here,
                )
            )
    return out


def goals_owner(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None or Role.GOAL_OWNER.value not in facts.goal_parts:
        return None
    return [
        Issue(W, f"{_goal_name(g.number, g.name)} has no owner.", ref.at(g.number))
        for g in facts.goals
        if not g.owner
    ]


def _money(amount: float, currency: str) -> str:
    return format_money(int(amount) if float(amount).is_integer() else round(amount, 2), currency)


def budget_adds_up(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.BUDGET_TOTAL)
    if ref is None:
        return None
    lines = _ref(facts, Role.BUDGET_LINES)
    out: list[Issue] = []
    if facts.budget_skipped and lines is not None:
        out.append(
            Issue(
                W,
                f"{facts.budget_skipped} budget line(s) have no amount or mix currencies, "
                "so they are not added up.",
                lines,
            )
        )
    if facts.budget_total is None:
        if facts.allocated:
            out.append(Issue(W, "The channels have budgets but the plan has no total.", ref))
        return out
    total, currency = facts.budget_total
    if not facts.budget_countable:
        where = _ref(facts, Role.PLAN_END) or ref
        out.append(
            Issue(
                W,
                "Monthly budgets cannot be added up over the plan: its period is not set.",
                where,
            )
        )
        return out
    others = sorted(c for c in facts.allocated if c != currency)
    if others:
        out.append(
            Issue(
                P,
                f"Budgets are given in {', '.join(others or ['no currency'])} as well as the "
                f"total's {currency}: they cannot be added up.",
                ref,
            )
        )
    spent = facts.allocated.get(currency, 0.0)
    if spent > total + 0.005:
        out.append(
            Issue(
                P,
                f"The channel budgets and budget lines come to {_money(spent, currency)} over "
                f"the plan, {_money(spent - total, currency)} more than the total budget of "
                f"{_money(total, currency)}.",
                ref,
            )
        )
    return out


def spend_share(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.EXPECTED_SALES)
    spend, sales = facts.spend.spend, facts.spend.sales
    if ref is None or spend is None or sales is None or spend[1] != sales[1] or sales[0] <= 0:
        return None
    share = spend[0] / sales[0] * 100
    said = (
        f"Marketing spend of {_money(*spend)} is {share:.1f}% of the expected extra sales of "
        f"{_money(*sales)}. For comparison, small firms usually spend 7 to 8% of their whole "
        "revenue on marketing."
    )
    if spend[0] >= sales[0]:
        return [
            Issue(
                W,
                said + " The plan costs more than the extra sales it expects to bring.",
                ref,
            )
        ]
    return [Issue(T, said, ref)]


_MISSING = {
    Role.CHANNEL_OWNER: "has no owner",
    Role.CHANNEL_BUDGET: "has no budget",
    Role.CHANNEL_KPI: "has no KPI",
    Role.CHANNEL_ACTIONS: "has no actions",
}


def channels_complete(facts: PlanFacts) -> list[Issue] | None:
    if _ref(facts, Role.CHANNELS) is None:
        return None
    out: list[Issue] = []
    for ch in facts.channels:
        given = {
            Role.CHANNEL_OWNER: bool(ch.owner),
            Role.CHANNEL_BUDGET: ch.budget,
            Role.CHANNEL_KPI: bool(ch.kpi),
            Role.CHANNEL_ACTIONS: bool(ch.actions),
        }
        for role, words in _MISSING.items():
            if role.value in ch.refs and not given[role]:
                out.append(Issue(W, f"{ch.name} {words}.", ch.refs[role.value]))
    return out


def kpis_tracked(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.KPIS)
    if ref is None:
        return None
    if not facts.kpis:
        return [Issue(W, "The plan names no numbers to watch (KPIs).", ref)]
    out: list[Issue] = []
    sources, cadence = _ref(facts, Role.DATA_SOURCES), _ref(facts, Role.DATA_CADENCE)
    if sources is not None and not facts.data_sources:
        out.append(
            Issue(W, "The KPIs have no data source: say where the numbers come from.", sources)
        )
    if cadence is not None and not facts.data_cadence:
        out.append(
            Issue(W, "The KPIs have no review cadence: say how often they are read.", cadence)
        )
    return out


_QUADRANTS = {
    Role.STRENGTHS: "The SWOT analysis lists no strengths.",
    Role.WEAKNESSES: "The SWOT analysis lists no weaknesses.",
    Role.OPPORTUNITIES: "The SWOT analysis lists no opportunities.",
    Role.THREATS: "The SWOT analysis lists no threats.",
}


def swot_complete(facts: PlanFacts) -> list[Issue] | None:
    present = [role for role in _QUADRANTS if _ref(facts, role) is not None]
    if not present:
        return None
    return [
        Issue(W, _QUADRANTS[role], _ref(facts, role))
        for role in present
        if not facts.swot.get(role.value)
    ]


def risks_controlled(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.RISKS)
    if ref is None:
        return None
    if not facts.risks:
        return [Issue(W, "The plan names no risks.", ref)]
    out: list[Issue] = []
    for r in facts.risks:
        name = f"Risk {r.number} ({r.name})" if r.name else f"Risk {r.number}"
        if Role.RISK_CONTROL.value in facts.risk_parts and not r.control:
            out.append(Issue(W, f"{name} has no control.", ref.at(r.number)))
        if Role.RISK_OWNER.value in facts.risk_parts and not r.owner:
            out.append(Issue(W, f"{name} has no owner.", ref.at(r.number)))
    return out


def actions_scheduled(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.TIMELINE_LABEL)
    if ref is None:
        return None
    if not facts.actions:
        return [Issue(W, "The plan has no dated actions or milestones.", ref)]
    out: list[Issue] = []
    start, end = facts.plan_start, facts.plan_end
    for a in facts.actions:
        if a.has_owner and not a.owner:
            out.append(Issue(W, f"{a.label!r} has no owner.", a.ref))
        missing = (a.has_start and a.start is None) or (a.has_end and a.end is None)
        if missing:
            out.append(Issue(W, f"{a.label!r} has no dates.", a.ref))
        dates = [d for d in (a.start, a.end) if d is not None]
        if start and end and any(not start <= d <= end for d in dates):
            out.append(
                Issue(W, f"{a.label!r} falls outside the plan's period ({start} to {end}).", a.ref)
            )
    return out


def beyond_website(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.CHANNELS)
    if ref is None:
        return None
    if facts.channels:
        return []
    return [
        Issue(
            W,
            "No promotion channel is chosen: the plan is only about the website or shop.",
            ref,
        )
    ]


# a segment is named by whom the offer is for: "for office workers", "aimed at", "面向白领"
_SEGMENT = re.compile(
    r"\b(for|who|whose|among|aimed at|targeting)\b|面向|针对|为|给|人群|用户|客户",
    re.IGNORECASE,
)


def positioning_segment(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.POSITIONING)
    if ref is None:
        return None
    if not facts.positioning:
        return [Issue(T, "The plan has no positioning yet.", ref)]
    if _SEGMENT.search(facts.positioning):
        return []
    return [
        Issue(
            T,
            "The positioning does not seem to say whom it is for: name the segment "
            '("for young office workers who ...").',
            ref,
        )
    ]


# a bare number below this is too often a count ("3 people") to be taken for the figure
_SMALLEST_BARE = 100


def _figure(change: FigureChange, amount: float) -> str:
    if change.percent:
        return f"{format_number(amount)}%"
    if change.currency:
        return _money(amount, change.currency)
    return format_number(amount)


def stale_figures(facts: PlanFacts) -> list[Issue] | None:
    if not facts.changes:
        return None
    out: list[Issue] = []
    for change in facts.changes:
        if not change.percent and abs(change.old) < _SMALLEST_BARE:
            continue
        old, new = _figure(change, change.old), _figure(change, change.new)
        for said in facts.texts:
            if said.ref.id == change.ref.id:
                continue
            text = said.text
            if quotes(text, change.old, percent=change.percent) and not quotes(
                text, change.new, percent=change.percent
            ):
                out.append(
                    Issue(
                        W,
                        f"This answer still quotes {old}, the old figure of "
                        f"{change.ref.number} {change.ref.title}, which is now {new}.",
                        said.ref,
                    )
                )
    return out


_SEED = {
    "000": "000_4ffa1084029dd624.txt",
    "001": "001_58b577d727a4f964.txt",
    "002": "002_98726fbfc467ec1b.txt",
    "003": "003_1233e3c2982987cc.txt",
    "004": "004_409413d8d696136c.txt",
}


def goals_reachable(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None or _ref(facts, Role.GOAL_MEASURE) is None or not facts.forecast:
        return None
    out: list[Issue] = []
    left = len(facts.forecast_left_out)
    aside = (
        f" The forecast leaves out {left} channel{'s' if left > 1 else ''} it has no figures "
        f"for ({', '.join(facts.forecast_left_out)}): what they bring comes on top."
        if left
        else ""
    )
    for g in facts.forecast_goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if g.reached is Scenario.HIGH:
            out.append(
                Issue(
                    T,
                    f"{name}: {g.target} is reached only in the high case of the forecast "
                    f"(low / base / high: {g.forecast}); in the base case it needs {g.to_reach}."
                    + aside,
                    here,
                )
            )
        elif g.reached is None:
            out.append(
                Issue(
                    W,
                    f"{name}: {g.target} is out of reach of the forecast (low / base / high: "
                    f"{g.forecast}); it needs {g.to_reach}, or a lower target." + aside,
                    here,
                )
            )
    return out


def channels_serve_goals(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.CHANNELS)
    goals = _ref(facts, Role.GOALS)
    if ref is None or goals is None or _ref(facts, Role.GOAL_MEASURE) is None:
        return None
    if not facts.forecast or not facts.forecast_channels:
        return None
    if not facts.forecast_goals:
        return [
            Issue(
                W,
                "No goal says what its target counts (sales, leads, customers or visits), so "
                "the channels cannot be set against the goals.",
                goals,
            )
        ]
    return [
        Issue(
            W,
            f"{ch.name} brings nothing any goal counts in the forecast: say which goal it "
            "serves, or move its budget.",
            ref,
        )
        for ch in facts.forecast_channels
        if ch.serves is not None and not ch.serves
    ]


def _seeds(*numbers: str) -> str:
    return ", ".join(f"seed {n} ({_SEED[n]})" for n in numbers)


_GOAL_WHY = (
    'Goals "should be reasonable, specific", such as "profit growth of 15% over the previous '
    'year", and "should also specify the time limit to achieve these achievements".'
)

_FORECAST_WHY = (
    '"In the formulation of the plan we must predict the possible effect after its '
    'implementation": a goal the channels and the budget cannot reach is a wish, and the '
    "plan should say what would reach it."
)

RULES: list[Rule] = [
    Rule(
        "goal-measurable",
        "Every goal is specific and measurable: a metric, a baseline and a target with a figure",
        Role.GOALS,
        _GOAL_WHY,
        _seeds("002"),
        goals_measurable,
    ),
    Rule(
        "goal-deadline",
        "Every goal has a deadline inside the plan's period",
        Role.GOALS,
        _GOAL_WHY,
        _seeds("002"),
        goals_deadline,
    ),
    Rule(
        "goal-owner",
        "Every goal has an owner",
        Role.GOALS,
        "A plan is carried out by people: each goal needs someone who answers for it.",
        _seeds("004"),
        goals_owner,
    ),
    Rule(
        "budget-adds-up",
        "The channel budgets and budget lines fit the total budget, in one currency",
        Role.BUDGET_TOTAL,
        'The plan includes a "financial budget"; the amounts given for the channels and the '
        "other lines must fit the total, or the plan promises money it does not have.",
        _seeds("004"),
        budget_adds_up,
    ),
    Rule(
        "spend-share",
        "Marketing spend as a share of the expected sales (information, not a verdict)",
        Role.EXPECTED_SALES,
        "The U.S. Small Business Administration's rule of thumb: small businesses spend about "
        "7 to 8% of gross revenue on marketing. The plan's expected sales are the extra sales "
        "it should bring, so the share is higher than against the whole revenue.",
        "U.S. Small Business Administration, marketing budget rule of thumb (7-8% of revenue "
        "for businesses under $5 million)",
        spend_share,
        informs=True,
    ),
    Rule(
        "goal-reachable",
        "The forecast can reach each goal that counts sales, leads, customers or visits",
        Role.GOALS,
        _FORECAST_WHY,
        _seeds("003"),
        goals_reachable,
    ),
    Rule(
        "channel-serves-goal",
        "Every forecast channel brings something a goal counts",
        Role.CHANNELS,
        "Goals guide the whole plan: each channel is chosen to reach them, so each should "
        "bring the sales, leads, customers or visits some goal counts.",
        _seeds("002", "003"),
        channels_serve_goals,
    ),
    Rule(
        "channel-complete",
        "Every chosen channel has an owner, a budget, a KPI and actions",
        Role.CHANNELS,
        '"We have to promote each channel, which means making the corresponding implementation '
        'plan": a channel without someone responsible, money, a number to watch and actions '
        "is a wish, not a plan.",
        _seeds("001", "004"),
        channels_complete,
    ),
    Rule(
        "kpi-tracked",
        "The KPIs have a data source and a review cadence",
        Role.KPIS,
        '"The data analysis is a very important module ... the data is also the only [thing '
        'that] can prove our plan good or bad": numbers nobody collects or reads prove nothing.',
        _seeds("001"),
        kpis_tracked,
    ),
    Rule(
        "swot-complete",
        "Each SWOT quadrant has an entry",
        Role.STRENGTHS,
        'The plan starts from an analysis of the market: "their advantages and disadvantages, '
        'refine, threats and opportunities".',
        _seeds("004"),
        swot_complete,
    ),
    Rule(
        "risk-controlled",
        "Every risk has a control and an owner",
        Role.RISKS,
        'Risk control is part of the plan ("financial budget, risk control, drawing all kinds '
        'of work details"); a risk without a control and an owner is only a worry.',
        _seeds("004"),
        risks_controlled,
    ),
    Rule(
        "action-scheduled",
        "Every action has an owner and dates inside the plan's period",
        Role.TIMELINE_LABEL,
        '"Prophase planning and the implementation of supervision and control cannot be '
        'missing": the specific actions go into the plan with dates so that progress can be '
        "controlled.",
        _seeds("001"),
        actions_scheduled,
    ),
    Rule(
        "beyond-website",
        "The plan is not only website work",
        Role.CHANNELS,
        '"Website operation is just one of a small [part]": the website operators and network '
        "marketing are two completely different concepts; a plan needs promotion channels.",
        _seeds("004"),
        beyond_website,
    ),
    Rule(
        "positioning-segment",
        "The positioning names a segment (a simple heuristic)",
        Role.POSITIONING,
        'Positioning "is to find the product needs of the crowd, so that it will not blind": '
        "it says whom the offer is for.",
        _seeds("002"),
        positioning_segment,
    ),
    Rule(
        "stale-figure",
        "No answer still quotes a figure that was changed since (applies once a figure changed)",
        None,
        "A plan read end to end must say one thing: a budget changed in one answer but still "
        "quoted at its old figure in another (the resources, a channel's plan) leaves the "
        "reader unsure which figure holds.",
        "The plan's own answers compared with one another (no outside source)",
        stale_figures,
    ),
]
"""Every rule, in the order the report lists them."""
