"""The plan's expected effect: the funnel forecast of the chosen channels set against the goals.

The seeds ask that a plan predict its effect before it is carried out (003). From the channel
budgets, the business's own figures and the cited defaults (:mod:`wizard.forecast`), this
module writes what the plan shows: a few sentences, the forecast in the low, base and high
cases, each numeric goal against it with what would close the gap, the key figure by month (a
chart, whose figures every format shows), by quarter and by channel, the channels left out and
why, and the
assumptions with their sources. Numbers are rounded as a reader wants them: a forecast is an
estimate, not an invoice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.display import format_number
from wizard.forecast.assumptions import Assumptions, load_assumptions
from wizard.forecast.funnel import (
    Forecast,
    Goal,
    GoalCheck,
    Measure,
    Month,
    Scenario,
    Totals,
    UsedFigure,
    check_goal,
    forecast_all,
)
from wizard.plan.forecast_inputs import ForecastInputs, GoalInput, OwnFigure
from wizard.plan.model import Block, BulletList, Chart, ChartSeries, Paragraph, Table
from wizard.plan.text import join
from wizard.roles import Role
from wizard.session import AnswerStatus

__all__ = [
    "Effect",
    "GoalVerdict",
    "compute_effect",
    "effect_blocks",
    "forecast_text",
    "goal_words",
    "serves",
    "summary_sentence",
    "to_reach",
    "verdict",
]

SCENARIOS = (Scenario.LOW, Scenario.BASE, Scenario.HIGH)
_CASE = {Scenario.LOW: "Low", Scenario.BASE: "Base", Scenario.HIGH: "High"}
_MEASURE_NOUN = {
    Measure.VISITS: "visits",
    Measure.LEADS: "leads",
    Measure.CUSTOMERS: "new customers",
    Measure.REVENUE: "sales",
}
_METRIC_NAMES = {
    "cost per click": "Cost per click",
    "cost per organic visit": "Cost per organic visit",
    "click rate": "Click rate of a mailing",
    "conversion": "Conversion (visits to leads or orders)",
    "close rate": "Leads that become customers",
    "platform commission": "Platform commission",
}
_OWN_NAMES = {
    Role.ORDER_VALUE: "Average first order",
    Role.MARGIN: "Gross margin",
    Role.REPEAT_RATE: "Customers who buy again",
    Role.CLOSE_RATE: "Leads that become customers",
    Role.CONVERSION: "Conversion of the own site",
    Role.AUDIENCE: "People on the own list",
    Role.ORDER_INTERVAL: "Months between orders",
    Role.SALES_CYCLE: "Sales cycle (months from lead to signature)",
}
_SHARE_ROLES = {Role.MARGIN, Role.REPEAT_RATE, Role.CLOSE_RATE, Role.CONVERSION}


@dataclass(frozen=True)
class GoalVerdict:
    """One goal against the forecast."""

    goal: GoalInput
    check: GoalCheck

    @property
    def reached(self) -> Scenario | None:
        """The most cautious case that reaches the target, or None."""
        return next((s for s in SCENARIOS if self.check.values[s] >= self.goal.needed), None)


@dataclass(frozen=True)
class Effect:
    """The forecast of one session: its inputs, the three cases and the goals against them."""

    inputs: ForecastInputs
    runs: dict[Scenario, Forecast]
    goals: list[GoalVerdict]
    currency: str

    @property
    def base(self) -> Forecast:
        return self.runs[Scenario.BASE]

    @property
    def counted(self) -> bool:
        """Whether any channel could be forecast."""
        return any(not c.missing for c in self.base.channels)


def compute_effect(inputs: ForecastInputs, data: Assumptions | None = None) -> Effect | None:
    """The forecast of the chosen channels in each case and the goals against it; None
    without the plan's period and currency."""
    setting = inputs.setting
    if setting is None:
        return None
    data = data or load_assumptions()
    runs = forecast_all(inputs.channels, inputs.business, setting, data)
    goals = [
        GoalVerdict(
            g,
            check_goal(
                Goal(g.measure, g.needed, g.per_months, window=g.window),
                inputs.channels,
                inputs.business,
                setting,
                data,
            ),
        )
        for g in inputs.goals
    ]
    return Effect(inputs, runs, goals, setting.currency)


def summary_sentence(effect: Effect | None) -> str | None:
    """One sentence for the plan's summary: what the forecast expects and which goals it
    reaches; None when nothing could be forecast."""
    if effect is None or not effect.counted:
        return None
    cur = effect.currency
    base, low, high = (effect.runs[s].totals for s in (Scenario.BASE, Scenario.LOW, Scenario.HIGH))
    text = (
        "By the forecast (see Expected effect), the channels it can count should bring about "
        f"{_n(base.customers)} new customers ({_n(low.customers)} to {_n(high.customers)})"
    )
    if base.revenue:
        text += f" and {_money(base.revenue, cur)} of sales"
    text += " in the base case"
    short = [v for v in effect.goals if v.reached not in (Scenario.LOW, Scenario.BASE)]
    if effect.goals and not short:
        text += ", enough for every goal it can count"
    elif short:
        text += f", short of {join([f'“{v.goal.name}”' for v in short])}"
    return text + "."


def verdict(v: GoalVerdict) -> str:
    """'Within reach', 'Only in the high case', 'Out of reach'."""
    match v.reached:
        case Scenario.LOW | Scenario.BASE:
            return "Within reach"
        case Scenario.HIGH:
            return "Only in the high case"
        case _:
            return "Out of reach"


# --- numbers -------------------------------------------------------------------------------


def _round(value: float) -> float:
    """An estimate's precision: one decimal under 10, whole numbers above."""
    if value >= 10:
        return float(round(value))
    return round(value, 1)


def _n(value: float) -> str:
    return format_number(_round(value))


def _money(value: float, currency: str) -> str:
    """'1.16 million CNY', '667,100 CNY', '4,250 CNY', '27 CNY': three significant figures
    at most (whole units below 1,000)."""
    if value >= 1_000_000:
        return f"{format_number(round(value / 1_000_000, 2))} million {currency}"
    if value >= 10_000:
        return f"{format_number(float(round(value, -2)))} {currency}"
    if value >= 1_000:
        return f"{format_number(float(round(value, -1)))} {currency}"
    return f"{format_number(float(round(value)))} {currency}"


def _measure(value: float, measure: Measure, currency: str) -> str:
    return _money(value, currency) if measure is Measure.REVENUE else _n(value)


def _share(value: float) -> str:
    return f"{format_number(round(value * 100, 2))}%"


def _cases(values: dict[Scenario, float], fmt: str) -> str:
    return " / ".join(fmt.format(values[s]) for s in SCENARIOS)


# --- blocks --------------------------------------------------------------------------------


def _summary(effect: Effect) -> Paragraph:
    base, low, high = (effect.runs[s].totals for s in (Scenario.BASE, Scenario.LOW, Scenario.HIGH))
    cur = effect.currency
    months = effect.inputs.setting.months if effect.inputs.setting else 0
    parts = [f"{_n(base.visits)} visits"]
    if base.leads:
        parts.append(f"{_n(base.leads)} leads ({_n(low.leads)} to {_n(high.leads)})")
    parts.append(
        f"{_n(base.customers)} new customers ({_n(low.customers)} to {_n(high.customers)})"
    )
    text = (
        f"Over the plan's {months} months, the {_money(base.spend, cur)} spent on the channels "
        f"forecast below should bring about {join(parts)} in the base case"
    )
    if base.revenue:
        text += (
            f", and {_money(base.revenue, cur)} of sales from them "
            f"({_money(low.revenue, cur)} to {_money(high.revenue, cur)})"
        )
    text += "."
    if base.cac is not None:
        text += f" Winning a customer costs about {_money(base.cac, cur)}"
        if base.roms is not None and base.revenue:
            text += f", and every {cur} spent brings {format_number(round(base.roms, 1))} {cur} of sales"
        text += "."
    cycle = effect.inputs.business.sales_cycle
    if cycle and base.leads:
        text += (
            f" A lead signs after the {cycle}-month sales cycle, so only the leads of the first "
            f"{max(0, months - cycle)} months become customers within the plan; the later ones "
            "sign after it and are not counted here."
        )
    if base.payback_month is not None:
        text += f" The channel spend is paid back by the margin in month {base.payback_month}."
    elif base.revenue and effect.inputs.business.margin is not None:
        text += " The margin on these sales does not pay back the channel spend within the plan."
    return Paragraph(text=text)


def _expected(effect: Effect) -> Paragraph | None:
    """The owner's own expectation set against the forecast."""
    expected = effect.inputs.expected_sales
    base, low, high = (effect.runs[s].totals for s in (Scenario.BASE, Scenario.LOW, Scenario.HIGH))
    if expected is None or not base.revenue or expected[1] != effect.currency:
        return None
    amount = expected[0]
    cur = effect.currency
    if amount > high.revenue:
        how = "more than even the high case"
    elif amount < low.revenue:
        how = "less than even the low case"
    else:
        how = "within the forecast's range"
    return Paragraph(
        text=f"You expect {_money(amount, cur)} of extra sales: {how} of "
        f"{_money(low.revenue, cur)} to {_money(high.revenue, cur)} from the forecast channels "
        "(first and repeat orders; channels without default figures are not counted)."
    )


def _scenario_table(effect: Effect) -> Table:
    cur = effect.currency
    totals = {s: effect.runs[s].totals for s in SCENARIOS}

    def row(label: str, pick: object) -> list[str] | None:
        cells = []
        for s in SCENARIOS:
            value = pick(totals[s])  # type: ignore[operator]
            cells.append("—" if value is None else value)
        return [label, *cells] if any(c != "—" for c in cells) else None

    def per(get: str) -> object:
        return lambda t: None if getattr(t, get) is None else _money(getattr(t, get), cur)

    rows = [
        row("Channel spend", lambda t: _money(t.spend, cur)),
        row("Visits", lambda t: _n(t.visits)),
        row("Leads", lambda t: _n(t.leads) if t.leads else None),
        row("New customers", lambda t: _n(t.customers)),
        row("Sales from them", lambda t: _money(t.revenue, cur) if t.revenue else None),
        row(
            "of which repeat orders",
            lambda t: _money(t.repeat_revenue, cur) if t.repeat_revenue else None,
        ),
        row(
            "Cost per lead",
            lambda t: _money(t.spend / t.leads, cur) if t.leads else None,
        ),
        row("Cost per new customer", per("cac")),
        row(
            f"Sales per {cur} spent",
            lambda t: format_number(round(t.roms, 1)) if t.roms and t.revenue else None,
        ),
        row("Payback month", lambda t: None if t.payback_month is None else str(t.payback_month)),
        row(
            "Customer value to acquisition cost",
            lambda t: (
                None if t.ltv_to_cac is None else f"{format_number(round(t.ltv_to_cac, 1))} : 1"
            ),
        ),
    ]
    return Table(
        title="Forecast in three cases",
        columns=["Over the plan", *(_CASE[s] for s in SCENARIOS)],
        rows=[r for r in rows if r is not None],
    )


def to_reach(v: GoalVerdict, currency: str) -> str:
    """What closes a goal's gap in the base case: a budget, conversion rates, or '—'."""
    check = v.check
    if v.reached in (Scenario.LOW, Scenario.BASE):
        return "—"
    options = []
    if check.budget_needed is not None and check.budget_factor:
        options.append(
            f"a channel budget of {_money(check.budget_needed, currency)} over the plan "
            f"(×{format_number(round(check.budget_factor, 1))})"
        )
    if check.conversion_factor is not None:
        if check.conversions_needed and max(check.conversions_needed.values()) > 1:
            options.append("more than conversion alone can give")
        else:
            options.append(f"conversion rates ×{format_number(round(check.conversion_factor, 1))}")
    return " or ".join(options) if options else "more channels with a forecast"


def forecast_text(v: GoalVerdict, currency: str) -> str:
    """The forecast of a goal's measure in each case: '117 / 125 / 140'."""
    return " / ".join(_measure(v.check.values[s], v.goal.measure, currency) for s in SCENARIOS)


def goal_words(g: GoalInput, currency: str) -> str:
    """A goal's target with what it counts: '10 a month (leads in the month it falls due)'."""
    counts = f"{_MEASURE_NOUN[g.measure]} {_period_words(g)}"
    if g.needed != g.target and g.baseline is not None:
        extra = _measure(g.needed, g.measure, currency)
        today = _measure(g.baseline, g.measure, currency)
        counts += f"; the plan must add {extra} to today's {today}"
    return f"{g.target_text} ({counts})"


def serves(effect: Effect) -> list[tuple[str, tuple[int, ...] | None]]:
    """Each chosen channel with the goals (by number) whose measure it brings some of in the
    base case; None for a channel the forecast could not count."""
    out: list[tuple[str, tuple[int, ...] | None]] = [
        (name, None) for name, _why in effect.inputs.not_forecast
    ]
    for c in effect.base.channels:
        if c.missing:
            out.append((c.channel.name, None))
            continue
        numbers = tuple(v.goal.number for v in effect.goals if c.totals.measure(v.goal.measure) > 0)
        out.append((c.channel.name, numbers))
    return out


def _period_words(g: GoalInput) -> str:
    if g.per_months == 1:
        return "in the month it falls due"
    if g.per_months == 3:
        return "in the quarter ending when it falls due"
    if g.per_months:
        return f"in the {g.per_months} months ending when it falls due"
    return "from the plan's start until it falls due"


def _goals_table(effect: Effect) -> Table | None:
    if not effect.goals:
        return None
    rows = []
    for v in effect.goals:
        g = v.goal
        rows.append(
            [
                g.name,
                goal_words(g, effect.currency),
                forecast_text(v, effect.currency),
                verdict(v),
                to_reach(v, effect.currency),
            ]
        )
    return Table(
        title="Goals against the forecast",
        columns=["Goal", "Target", "Forecast (low / base / high)", "Verdict", "To reach it"],
        rows=rows,
    )


def _month_labels(start: dt.date | None, months: int) -> list[str]:
    if start is None:
        return [f"Month {m}" for m in range(1, months + 1)]
    labels = []
    for m in range(months):
        year, month = divmod(start.month - 1 + m, 12)
        labels.append(dt.date(start.year + year, month + 1, 1).strftime("%b %Y"))
    return labels


def _key_measure(effect: Effect) -> Measure:
    """What the chart and the tables by period show: the first goal's measure, else sales
    when they are forecast, else leads, else customers."""
    if effect.goals:
        return effect.goals[0].goal.measure
    base = effect.base.totals
    if base.revenue:
        return Measure.REVENUE
    return Measure.LEADS if base.leads else Measure.CUSTOMERS


def _of(month: Month, measure: Measure) -> float:
    return {
        Measure.VISITS: month.visits,
        Measure.LEADS: month.leads,
        Measure.CUSTOMERS: month.customers,
        Measure.REVENUE: month.revenue,
    }[measure]


def _chart(effect: Effect, labels: list[str]) -> Chart:
    measure = _key_measure(effect)
    noun = _MEASURE_NOUN[measure]
    y_label = noun.capitalize() + (f", {effect.currency}" if measure is Measure.REVENUE else "")
    series = [
        ChartSeries(
            name=_CASE[s],
            values=[_round(_of(m, measure)) for m in effect.runs[s].months],
            dashed=s is not Scenario.BASE,
        )
        for s in (Scenario.HIGH, Scenario.BASE, Scenario.LOW)
    ]
    goal = next(
        (v.goal for v in effect.goals if v.goal.measure is measure and v.goal.per_months == 1),
        None,
    )
    if goal is not None:
        name = f"Goal: {goal.target_text}"
        if goal.needed != goal.target:
            name = f"Goal: {_measure(goal.needed, measure, effect.currency)} above today"
        series.append(
            ChartSeries(name=name, values=[_round(goal.needed)] * len(labels), dashed=True)
        )
    return Chart(
        title=f"{noun.capitalize()} by month",
        x_labels=labels,
        y_label=y_label,
        series=series,
    )


def _columns(totals: Totals) -> list[tuple[str, Measure]]:
    cols = [("Visits", Measure.VISITS)]
    if totals.leads:
        cols.append(("Leads", Measure.LEADS))
    cols.append(("New customers", Measure.CUSTOMERS))
    if totals.revenue:
        cols.append(("Sales", Measure.REVENUE))
    return cols


def _quarter_table(effect: Effect, labels: list[str]) -> Table | None:
    months = len(labels)
    if months < 6:
        return None
    cur = effect.currency
    cols = [c for c in _columns(effect.base.totals) if c[1] is not Measure.VISITS]
    rows = []
    for q, first in enumerate(range(0, months, 3), start=1):
        last = min(first + 3, months)
        span = labels[first] if last - first == 1 else f"{labels[first]} – {labels[last - 1]}"
        cells = [f"Q{q} ({span})"]
        for _name, m in cols:
            values = [sum(_of(x, m) for x in effect.runs[s].months[first:last]) for s in SCENARIOS]
            cells.append(" / ".join(_measure(v, m, cur) for v in values))
        rows.append(cells)
    return Table(
        title="By quarter, low / base / high",
        columns=["Quarter", *(name for name, _m in cols)],
        rows=rows,
    )


def _channel_table(effect: Effect, data: Assumptions) -> Table:
    cur = effect.currency
    rows = []
    for c in effect.base.channels:
        if c.missing:
            continue
        t = c.totals
        kind = data.kinds[c.channel.kind].label if c.channel.kind in data.kinds else "—"
        cost = (
            f"{_money(t.spend / t.leads, cur)} a lead"
            if t.leads
            else (f"{_money(t.cac, cur)} a customer" if t.cac is not None else "—")
        )
        rows.append(
            [
                c.channel.name,
                kind,
                _money(t.spend, cur),
                _n(t.visits),
                _n(t.leads) if t.leads else "—",
                _n(t.customers),
                _money(t.revenue, cur) if t.revenue else "—",
                cost,
            ]
        )
    return Table(
        title="By channel, base case",
        columns=[
            "Channel",
            "Forecast as",
            "Spend",
            "Visits",
            "Leads",
            "New customers",
            "Sales",
            "Cost",
        ],
        rows=rows,
    )


def _left_out(effect: Effect) -> BulletList | None:
    items = [f"{name}: {why}" for name, why in effect.inputs.not_forecast]
    items += [
        f"{c.channel.name}: missing {join(list(c.missing))}"
        for c in effect.base.channels
        if c.missing
    ]
    if not items:
        return None
    return BulletList(title="Channels not in the forecast", items=items)


def _own_value(f: OwnFigure, currency: str) -> str:
    if f.value is None:
        return ""
    if f.role in _SHARE_ROLES:
        return _share(f.value)
    if f.role is Role.ORDER_VALUE:
        return f"{format_number(f.value)} {currency}"
    return format_number(f.value)


_DEFAULTS_FOR = {Role.CLOSE_RATE: "close rate", Role.CONVERSION: "conversion"}
"""The forecast's figure that stands in for an own figure not known yet."""
_LEFT_OUT = {
    Role.ORDER_VALUE: "don't know yet: the forecast counts no sales",
    Role.MARGIN: "don't know yet: no payback month or customer value",
    Role.REPEAT_RATE: "don't know yet: first orders only",
    Role.AUDIENCE: "don't know yet: the own list is not counted",
    Role.ORDER_INTERVAL: "don't know yet: one month is counted",
    Role.SALES_CYCLE: "don't know yet: leads are counted as signing at once",
}


def _default_row(metric: str, kind: str, used: Sequence[UsedFigure], unknown: bool) -> list[str]:
    figure = used[0].default
    assert figure is not None
    values = [used_at.value for used_at in used]
    if figure.unit == "share":
        shown = " / ".join(_share(v) for v in values)
    else:
        shown = " / ".join(format_number(round(v, 2)) for v in values) + f" {figure.unit}"
    source = f"{figure.source.publisher}, {figure.source.title} ({figure.year})"
    if unknown:
        status = 'default for your "don\'t know yet": replace it with your figure'
    elif figure.verified:
        status = "default, checked in the source"
    else:
        status = "default, not verified: check it"
    return [_METRIC_NAMES.get(metric, metric.capitalize()), kind, shown, source, status]


def _assumptions_table(effect: Effect, data: Assumptions) -> Table:
    rows: list[list[str]] = []
    stand_ins: set[str] = set()
    for f in effect.inputs.own:
        name = _OWN_NAMES.get(f.role, f.label)
        if f.value is not None:
            rows.append([name, "all", _own_value(f, effect.currency), "Your answer", "your figure"])
        elif f.status is AnswerStatus.UNKNOWN:
            if f.role in _DEFAULTS_FOR:
                stand_ins.add(_DEFAULTS_FOR[f.role])
            else:
                rows.append([name, "all", "—", "Your answer", _LEFT_OUT.get(f.role, "")])
    # The defaults, once per kind of channel and figure, with the value in each case.
    per_case: dict[tuple[str, str], list[UsedFigure]] = {}
    for s in SCENARIOS:
        for c in effect.runs[s].channels:
            for u in c.used:
                if u.default is not None and c.channel.kind:
                    key = (c.channel.kind, u.metric)
                    if len(per_case.setdefault(key, [])) < SCENARIOS.index(s) + 1:
                        per_case[key].append(u)
    for (kind, metric), used in per_case.items():
        if len(used) == len(SCENARIOS):
            label = data.kinds[kind].label if kind in data.kinds else kind
            stands_in = metric in stand_ins and (
                metric != "conversion" or (kind in data.kinds and data.kinds[kind].own_conversion)
            )
            rows.append(_default_row(metric, label, used, stands_in))
    for rate in effect.base.rates_used:
        cited = rate.sources[0] if rate.sources else None
        source = f"{cited.source.publisher} ({cited.year})" if cited else "given"
        rows.append(
            [
                f"Exchange rate {rate.unit} to {rate.into}",
                "figures in " + rate.unit,
                f"1 {rate.unit} = {format_number(round(rate.rate, 4))} {rate.into}",
                source,
                "annual average, checked in the source" if cited and cited.verified else "check it",
            ]
        )
    return Table(
        title="Assumptions (low / base / high where a range)",
        columns=["Figure", "For", "Value", "Source", "Status"],
        rows=rows,
    )


def effect_blocks(effect: Effect | None, data: Assumptions | None = None) -> list[Block]:
    """The forecast's blocks for the plan's "Expected effect" section."""
    if effect is None:
        return [
            Paragraph(
                title="Forecast",
                text="The forecast needs the plan's start and end and a budget for at least one "
                "channel; answer those and it appears here.",
            )
        ]
    data = data or load_assumptions()
    if not effect.counted:
        blocks: list[Block] = [
            Paragraph(
                title="Forecast",
                text="None of the chosen channels could be forecast yet; the list below says "
                "what each one needs.",
            )
        ]
        left = _left_out(effect)
        return blocks + ([left] if left else [])
    setting = effect.inputs.setting
    labels = _month_labels(effect.inputs.start, setting.months if setting else 0)
    summary = _summary(effect)
    summary.title = "Forecast"
    out: list[Block] = [summary]
    expected = _expected(effect)
    if expected is not None:
        out.append(expected)
    out.append(_scenario_table(effect))
    goals = _goals_table(effect)
    if goals is not None:
        out.append(goals)
    if effect.inputs.other_goals:
        out.append(
            Paragraph(
                text=f"Not set against the forecast (it does not count them, or their target "
                f"has no number): {join(effect.inputs.other_goals)}."
            )
        )
    out.append(_chart(effect, labels))
    quarters = _quarter_table(effect, labels)
    if quarters is not None:
        out.append(quarters)
    out.append(_channel_table(effect, data))
    left = _left_out(effect)
    if left is not None:
        out.append(left)
    out.append(_assumptions_table(effect, data))
    return out
