"""The rules of the plan check: one small function per rule, on plain data.

A rule returns the issues it finds (none: it passed) or None when it does not apply (the bank
has no question for it). Each rule names the role whose question's stage it counts towards,
and why it matters: the seeds' words or the source of the figure it uses. Nothing here knows a
question id; the questions to revisit come in the facts, found by role.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from wizard.check.figures import quotes
from wizard.check.model import FigureChange, Issue, PlanFacts, Ref, Severity
from wizard.display import format_money, format_number
from wizard.forecast.funnel import Scenario
from wizard.i18n import N_, _, format_date, is_chinese, ngettext
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
    seeds: tuple[str, ...] = ()
    """The seed articles ``source`` names (to word it in the language in force)."""

    def shown_title(self) -> str:
        """The title in the language in force."""
        return _(self.title)

    def shown_why(self) -> str:
        """Why the rule matters, in the language in force."""
        return _(self.why)

    def shown_source(self) -> str:
        """Where the reason comes from, in the language in force."""
        if self.seeds:
            return _seeds_text(self.seeds)
        return _(self.source)


def _day(day: object) -> str:
    """A date as the messages show it: ISO in English, '2027年6月30日' in Chinese."""
    if is_chinese() and isinstance(day, dt.date):
        return format_date(day)
    return str(day)


def _codes(codes: list[str]) -> str:
    return ("、" if is_chinese() else ", ").join(codes)


def _sentences(*sentences: str) -> str:
    """Sentences one after the other: a space between them in English, none in Chinese."""
    return ("" if is_chinese() else " ").join(s for s in sentences if s)


def _ref(facts: PlanFacts, role: Role) -> Ref | None:
    return facts.refs.get(role.value)


def _goal_name(number: int, name: str | None) -> str:
    if name:
        return _("Goal {number} ({name})").format(number=number, name=name)
    return _("Goal {number}").format(number=number)


def goals_measurable(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None:
        return None
    if not facts.goals:
        return [Issue(P, _("The plan has no goals yet."), ref)]
    out: list[Issue] = []
    for g in facts.goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if Role.GOAL_TARGET.value in facts.goal_parts:
            if not g.target:
                out.append(Issue(P, _("{name} has no target.").format(name=name), here))
            elif not any(ch.isdigit() for ch in g.target):
                message = _("{name}: the target {target!r} has no figure.")
                out.append(Issue(W, message.format(name=name, target=g.target), here))
        if Role.GOAL_METRIC.value in facts.goal_parts and not g.metric:
            message = _("{name} does not say how it is measured.")
            out.append(Issue(W, message.format(name=name), here))
        if Role.GOAL_BASELINE.value in facts.goal_parts and not g.baseline:
            message = _("{name} has no baseline (where it stands today).")
            out.append(Issue(W, message.format(name=name), here))
    return out


def goals_deadline(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None or Role.GOAL_DEADLINE.value not in facts.goal_parts:
        return None
    out: list[Issue] = []
    start, end = facts.plan_start, facts.plan_end
    if facts.goals and (start is None or end is None):
        where = _ref(facts, Role.PLAN_START if start is None else Role.PLAN_END)
        message = _("The plan's period is not set, so no deadline can be checked.")
        out.append(Issue(W, message, where))
    for g in facts.goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if g.deadline is None:
            out.append(Issue(P, _("{name} has no deadline.").format(name=name), here))
        elif start and end and not start <= g.deadline <= end:
            message = _(
                "{name}: its deadline {deadline} is outside the plan's period ({start} to {end})."
            )
            out.append(
                Issue(
                    P,
                    message.format(
                        name=name, deadline=_day(g.deadline), start=_day(start), end=_day(end)
                    ),
                    here,
                )
            )
    return out


def goals_owner(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.GOALS)
    if ref is None or Role.GOAL_OWNER.value not in facts.goal_parts:
        return None
    return [
        Issue(
            W, _("{name} has no owner.").format(name=_goal_name(g.number, g.name)), ref.at(g.number)
        )
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
                _(
                    "{count} budget line(s) have no amount or mix currencies, so they are not "
                    "added up."
                ).format(count=facts.budget_skipped),
                lines,
            )
        )
    if facts.budget_total is None:
        if facts.allocated:
            message = _("The channels have budgets but the plan has no total.")
            out.append(Issue(W, message, ref))
        return out
    total, currency = facts.budget_total
    if not facts.budget_countable:
        where = _ref(facts, Role.PLAN_END) or ref
        out.append(
            Issue(
                W,
                _("Monthly budgets cannot be added up over the plan: its period is not set."),
                where,
            )
        )
        return out
    others = sorted(c for c in facts.allocated if c != currency)
    if others:
        out.append(
            Issue(
                P,
                _(
                    "Budgets are given in {currencies} as well as the total's {currency}: they "
                    "cannot be added up."
                ).format(currencies=_codes(others), currency=currency),
                ref,
            )
        )
    spent = facts.allocated.get(currency, 0.0)
    if spent > total + 0.005:
        over = _(
            "The channel budgets and budget lines come to {spent} over the plan, {over} "
            "more than the total budget of {total}."
        ).format(
            spent=_money(spent, currency),
            over=_money(spent - total, currency),
            total=_money(total, currency),
        )
        costliest = _("The costliest: {items}.").format(
            items=_codes(
                [
                    _("{name} {amount}").format(name=name, amount=_money(amount, currency))
                    for name, amount in facts.costliest
                ]
            )
        )
        out.append(Issue(P, _sentences(over, costliest if facts.costliest else ""), ref))
    return out


def spend_share(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.EXPECTED_SALES)
    spend, sales = facts.spend.spend, facts.spend.sales
    if ref is None or spend is None or sales is None or spend[1] != sales[1] or sales[0] <= 0:
        return None
    share = spend[0] / sales[0] * 100
    said = _(
        "Marketing spend of {spend} is {share}% of the expected extra sales of {sales}. For "
        "comparison, small firms usually spend 7 to 8% of their whole revenue on marketing."
    ).format(spend=_money(*spend), share=f"{share:.1f}", sales=_money(*sales))
    if spend[0] >= sales[0]:
        more = _("The plan costs more than the extra sales it expects to bring.")
        return [Issue(W, _sentences(said, more), ref)]
    return [Issue(T, said, ref)]


_MISSING = {
    Role.CHANNEL_OWNER: N_("{channel} has no owner."),
    Role.CHANNEL_BUDGET: N_("{channel} has no budget."),
    Role.CHANNEL_KPI: N_("{channel} has no KPI."),
    Role.CHANNEL_ACTIONS: N_("{channel} has no actions."),
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
                message = _(words).format(channel=ch.name)
                out.append(Issue(W, message, ch.refs[role.value]))
    return out


def kpis_tracked(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.KPIS)
    if ref is None:
        return None
    if not facts.kpis:
        return [Issue(W, _("The plan names no numbers to watch (KPIs)."), ref)]
    out: list[Issue] = []
    sources, cadence = _ref(facts, Role.DATA_SOURCES), _ref(facts, Role.DATA_CADENCE)
    if sources is not None and not facts.data_sources:
        out.append(
            Issue(W, _("The KPIs have no data source: say where the numbers come from."), sources)
        )
    if cadence is not None and not facts.data_cadence:
        out.append(
            Issue(W, _("The KPIs have no review cadence: say how often they are read."), cadence)
        )
    return out


_QUADRANTS = {
    Role.STRENGTHS: N_("The SWOT analysis lists no strengths."),
    Role.WEAKNESSES: N_("The SWOT analysis lists no weaknesses."),
    Role.OPPORTUNITIES: N_("The SWOT analysis lists no opportunities."),
    Role.THREATS: N_("The SWOT analysis lists no threats."),
}


def swot_complete(facts: PlanFacts) -> list[Issue] | None:
    present = [role for role in _QUADRANTS if _ref(facts, role) is not None]
    if not present:
        return None
    return [
        Issue(W, _(_QUADRANTS[role]), _ref(facts, role))
        for role in present
        if not facts.swot.get(role.value)
    ]


def risks_controlled(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.RISKS)
    if ref is None:
        return None
    if not facts.risks:
        return [Issue(W, _("The plan names no risks."), ref)]
    out: list[Issue] = []
    for r in facts.risks:
        if r.name:
            name = _("Risk {number} ({name})").format(number=r.number, name=r.name)
        else:
            name = _("Risk {number}").format(number=r.number)
        if Role.RISK_CONTROL.value in facts.risk_parts and not r.control:
            message = _("{name} has no control.").format(name=name)
            out.append(Issue(W, message, ref.at(r.number)))
        if Role.RISK_OWNER.value in facts.risk_parts and not r.owner:
            out.append(Issue(W, _("{name} has no owner.").format(name=name), ref.at(r.number)))
    return out


def actions_scheduled(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.TIMELINE_LABEL)
    if ref is None:
        return None
    if not facts.actions:
        return [Issue(W, _("The plan has no dated actions or milestones."), ref)]
    out: list[Issue] = []
    start, end = facts.plan_start, facts.plan_end
    for a in facts.actions:
        if a.has_owner and not a.owner:
            out.append(Issue(W, _("{action!r} has no owner.").format(action=a.label), a.ref))
        missing = (a.has_start and a.start is None) or (a.has_end and a.end is None)
        if missing:
            out.append(Issue(W, _("{action!r} has no dates.").format(action=a.label), a.ref))
        dates = [d for d in (a.start, a.end) if d is not None]
        if start and end and any(not start <= d <= end for d in dates):
            message = _("{action!r} falls outside the plan's period ({start} to {end}).")
            out.append(
                Issue(W, message.format(action=a.label, start=_day(start), end=_day(end)), a.ref)
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
            _("No promotion channel is chosen: the plan is only about the website or shop."),
            ref,
        )
    ]


# a segment is named by whom the offer is for: "for office workers", "aimed at", "面向白领"
_SEGMENT = re.compile(
    r"\b(for|who|whose|among|aimed at|targeting)\b|面向|针对|为|给|人群|用户|客户|顾客|消费者"
    r"|对[^，。；]{1,40}(?:来说|而言)|上班族|白领|家庭|学生|的人",
    re.IGNORECASE,
)


def positioning_segment(facts: PlanFacts) -> list[Issue] | None:
    ref = _ref(facts, Role.POSITIONING)
    if ref is None:
        return None
    if not facts.positioning:
        return [Issue(T, _("The plan has no positioning yet."), ref)]
    if _SEGMENT.search(facts.positioning):
        return []
    return [
        Issue(
            T,
            _(
                "The positioning does not seem to say whom it is for: name the segment "
                '("for young office workers who ...").'
            ),
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
                        _(
                            "This answer still quotes {old}, the old figure of {number} "
                            "{question}, which is now {new}."
                        ).format(
                            old=old,
                            number=change.ref.number,
                            question=change.ref.title,
                            new=new,
                        ),
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
        ngettext(
            "The forecast leaves out {count} channel it has no figures for ({channels}): what "
            "they bring comes on top.",
            "The forecast leaves out {count} channels it has no figures for ({channels}): what "
            "they bring comes on top.",
            left,
        ).format(count=left, channels=_codes(facts.forecast_left_out))
        if left
        else ""
    )
    for g in facts.forecast_goals:
        name, here = _goal_name(g.number, g.name), ref.at(g.number)
        if g.reached is Scenario.HIGH:
            out.append(
                Issue(
                    T,
                    _sentences(
                        _(
                            "{name}: {target} is reached only in the high case of the forecast "
                            "(low / base / high: {forecast}); in the base case it needs "
                            "{to_reach}."
                        ).format(
                            name=name, target=g.target, forecast=g.forecast, to_reach=g.to_reach
                        ),
                        aside,
                    ),
                    here,
                )
            )
        elif g.reached is None:
            out.append(
                Issue(
                    W,
                    _sentences(
                        _(
                            "{name}: {target} is out of reach of the forecast (low / base / "
                            "high: {forecast}); it needs {to_reach}, or a lower target."
                        ).format(
                            name=name, target=g.target, forecast=g.forecast, to_reach=g.to_reach
                        ),
                        aside,
                    ),
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
                _(
                    "No goal says what its target counts (sales, leads, customers or visits), "
                    "so the channels cannot be set against the goals."
                ),
                goals,
            )
        ]
    return [
        Issue(
            W,
            _(
                "{channel} brings nothing any goal counts in the forecast: say which goal it "
                "serves, or move its budget."
            ).format(channel=ch.name),
            ref,
        )
        for ch in facts.forecast_channels
        if ch.serves is not None and not ch.serves
    ]


def _seeds(*numbers: str) -> str:
    """The seeds as the rule's ``source`` names them, in English."""
    return ", ".join(f"seed {n} ({_SEED[n]})" for n in numbers)


def _seeds_text(numbers: tuple[str, ...]) -> str:
    """The seeds in the language in force."""
    return _codes([_("seed {number} ({file})").format(number=n, file=_SEED[n]) for n in numbers])


_GOAL_WHY = N_(
    'Goals "should be reasonable, specific", such as "profit growth of 15% over the previous '
    'year", and "should also specify the time limit to achieve these achievements".'
)

_FORECAST_WHY = N_(
    '"In the formulation of the plan we must predict the possible effect after its '
    'implementation": a goal the channels and the budget cannot reach is a wish, and the '
    "plan should say what would reach it."
)

RULES: list[Rule] = [
    Rule(
        "goal-measurable",
        N_(
            "Every goal is specific and measurable: a metric, a baseline and a target with a figure"
        ),
        Role.GOALS,
        _GOAL_WHY,
        _seeds("002"),
        goals_measurable,
        seeds=("002",),
    ),
    Rule(
        "goal-deadline",
        N_("Every goal has a deadline inside the plan's period"),
        Role.GOALS,
        _GOAL_WHY,
        _seeds("002"),
        goals_deadline,
        seeds=("002",),
    ),
    Rule(
        "goal-owner",
        N_("Every goal has an owner"),
        Role.GOALS,
        N_("A plan is carried out by people: each goal needs someone who answers for it."),
        _seeds("004"),
        goals_owner,
        seeds=("004",),
    ),
    Rule(
        "budget-adds-up",
        N_("The channel budgets and budget lines fit the total budget, in one currency"),
        Role.BUDGET_TOTAL,
        N_(
            'The plan includes a "financial budget"; the amounts given for the channels and the '
            "other lines must fit the total, or the plan promises money it does not have."
        ),
        _seeds("004"),
        budget_adds_up,
        seeds=("004",),
    ),
    Rule(
        "spend-share",
        N_("Marketing spend as a share of the expected sales (information, not a verdict)"),
        Role.EXPECTED_SALES,
        N_(
            "The U.S. Small Business Administration's rule of thumb: small businesses spend about "
            "7 to 8% of gross revenue on marketing. The plan's expected sales are the extra sales "
            "it should bring, so the share is higher than against the whole revenue."
        ),
        N_(
            "U.S. Small Business Administration, marketing budget rule of thumb (7-8% of revenue "
            "for businesses under $5 million)"
        ),
        spend_share,
        informs=True,
    ),
    Rule(
        "goal-reachable",
        N_("The forecast can reach each goal that counts sales, leads, customers or visits"),
        Role.GOALS,
        _FORECAST_WHY,
        _seeds("003"),
        goals_reachable,
        seeds=("003",),
    ),
    Rule(
        "channel-serves-goal",
        N_("Every forecast channel brings something a goal counts"),
        Role.CHANNELS,
        N_(
            "Goals guide the whole plan: each channel is chosen to reach them, so each should "
            "bring the sales, leads, customers or visits some goal counts."
        ),
        _seeds("002", "003"),
        channels_serve_goals,
        seeds=("002", "003"),
    ),
    Rule(
        "channel-complete",
        N_("Every chosen channel has an owner, a budget, a KPI and actions"),
        Role.CHANNELS,
        N_(
            '"We have to promote each channel, which means making the corresponding implementation '
            'plan": a channel without someone responsible, money, a number to watch and actions '
            "is a wish, not a plan."
        ),
        _seeds("001", "004"),
        channels_complete,
        seeds=("001", "004"),
    ),
    Rule(
        "kpi-tracked",
        N_("The KPIs have a data source and a review cadence"),
        Role.KPIS,
        N_(
            '"The data analysis is a very important module ... the data is also the only [thing '
            'that] can prove our plan good or bad": numbers nobody collects or reads prove nothing.'
        ),
        _seeds("001"),
        kpis_tracked,
        seeds=("001",),
    ),
    Rule(
        "swot-complete",
        N_("Each SWOT quadrant has an entry"),
        Role.STRENGTHS,
        N_(
            'The plan starts from an analysis of the market: "their advantages and disadvantages, '
            'refine, threats and opportunities".'
        ),
        _seeds("004"),
        swot_complete,
        seeds=("004",),
    ),
    Rule(
        "risk-controlled",
        N_("Every risk has a control and an owner"),
        Role.RISKS,
        N_(
            'Risk control is part of the plan ("financial budget, risk control, drawing all kinds '
            'of work details"); a risk without a control and an owner is only a worry.'
        ),
        _seeds("004"),
        risks_controlled,
        seeds=("004",),
    ),
    Rule(
        "action-scheduled",
        N_("Every action has an owner and dates inside the plan's period"),
        Role.TIMELINE_LABEL,
        N_(
            '"Prophase planning and the implementation of supervision and control cannot be '
            'missing": the specific actions go into the plan with dates so that progress can be '
            "controlled."
        ),
        _seeds("001"),
        actions_scheduled,
        seeds=("001",),
    ),
    Rule(
        "beyond-website",
        N_("The plan is not only website work"),
        Role.CHANNELS,
        N_(
            '"Website operation is just one of a small [part]": the website operators and network '
            "marketing are two completely different concepts; a plan needs promotion channels."
        ),
        _seeds("004"),
        beyond_website,
        seeds=("004",),
    ),
    Rule(
        "positioning-segment",
        N_("The positioning names a segment (a simple heuristic)"),
        Role.POSITIONING,
        N_(
            'Positioning "is to find the product needs of the crowd, so that it will not blind": '
            "it says whom the offer is for."
        ),
        _seeds("002"),
        positioning_segment,
        seeds=("002",),
    ),
    Rule(
        "stale-figure",
        N_(
            "No answer still quotes a figure that was changed since (applies once a figure changed)"
        ),
        None,
        N_(
            "A plan read end to end must say one thing: a budget changed in one answer but still "
            "quoted at its old figure in another (the resources, a channel's plan) leaves the "
            "reader unsure which figure holds."
        ),
        N_("The plan's own answers compared with one another (no outside source)"),
        stale_figures,
    ),
]
"""Every rule, in the order the report lists them."""
