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
    NO_FIGURES,
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
from wizard.i18n import N_, _, format_date, format_list, is_chinese
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
_CASE = {Scenario.LOW: N_("Low"), Scenario.BASE: N_("Base"), Scenario.HIGH: N_("High")}
LEADS_CAVEAT = N_(
    "The forecast counts every lead the channels bring, before any qualification. For a goal "
    "that counts only sales-ready (qualified) leads, take the share of leads that become "
    "sales-ready: with one lead in three, a third of the figures above."
)
"""Under the goals table when a goal counts leads: the forecast has no qualification step."""

_MEASURE_NOUN = {
    Measure.VISITS: N_("visits"),
    Measure.LEADS: N_("leads"),
    Measure.CUSTOMERS: N_("new customers"),
    Measure.REVENUE: N_("sales"),
}
_MEASURE_TITLE = {
    Measure.VISITS: N_("Visits"),
    Measure.LEADS: N_("Leads"),
    Measure.CUSTOMERS: N_("New customers"),
    Measure.REVENUE: N_("Sales"),
}
_BY_MONTH = {
    Measure.VISITS: N_("Visits by month"),
    Measure.LEADS: N_("Leads by month"),
    Measure.CUSTOMERS: N_("New customers by month"),
    Measure.REVENUE: N_("Sales by month"),
}
_METRIC_NAMES = {
    "cost per click": N_("Cost per click"),
    "cost per thousand views": N_("Cost per thousand views"),
    "cost per lead": N_("Cost per lead"),
    "cost per organic visit": N_("Cost per organic visit"),
    "click rate": N_("Click rate of a mailing"),
    "conversion": N_("Conversion (visits to leads or orders)"),
    "close rate": N_("Leads that become customers"),
    "platform commission": N_("Platform commission"),
}
_OWN_NAMES = {
    Role.ORDER_VALUE: N_("Average first order"),
    Role.MARGIN: N_("Gross margin"),
    Role.REPEAT_RATE: N_("Customers who buy again"),
    Role.CLOSE_RATE: N_("Leads that become customers"),
    Role.CONVERSION: N_("Conversion of the own site"),
    Role.AUDIENCE: N_("People on the own list"),
    Role.ORDER_INTERVAL: N_("Months between orders"),
    Role.SALES_CYCLE: N_("Sales cycle (months from lead to signature)"),
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


def summary_sentence(effect: Effect | None, section: str | None) -> str | None:
    """One sentence for the plan's summary: what the forecast expects and which goals it
    reaches, pointing to ``section`` (the title of the section that shows the forecast); None
    when nothing could be forecast or no section shows it."""
    if effect is None or not effect.counted or section is None:
        return None
    cur = effect.currency
    base, low, high = (effect.runs[s].totals for s in (Scenario.BASE, Scenario.LOW, Scenario.HIGH))
    short = [v for v in effect.goals if v.reached not in (Scenario.LOW, Scenario.BASE)]
    if effect.goals and not short:
        if base.revenue:
            text = _(
                "By the forecast (see “{section}”), the channels it covers should bring "
                "about {customers} new customers ({low} to {high}) and {sales} of sales in the "
                "base case, enough for every goal it can count."
            )
        else:
            text = _(
                "By the forecast (see “{section}”), the channels it covers should bring "
                "about {customers} new customers ({low} to {high}) in the base case, enough for "
                "every goal it can count."
            )
    elif short:
        if base.revenue:
            text = _(
                "By the forecast (see “{section}”), the channels it covers should bring "
                "about {customers} new customers ({low} to {high}) and {sales} of sales in the "
                "base case, short of {goals}."
            )
        else:
            text = _(
                "By the forecast (see “{section}”), the channels it covers should bring "
                "about {customers} new customers ({low} to {high}) in the base case, short of "
                "{goals}."
            )
    elif base.revenue:
        text = _(
            "By the forecast (see “{section}”), the channels it covers should bring "
            "about {customers} new customers ({low} to {high}) and {sales} of sales in the base "
            "case."
        )
    else:
        text = _(
            "By the forecast (see “{section}”), the channels it covers should bring "
            "about {customers} new customers ({low} to {high}) in the base case."
        )
    return text.format(
        section=section,
        customers=_n(base.customers),
        low=_n(low.customers),
        high=_n(high.customers),
        sales=_money(base.revenue, cur),
        goals=_join([_("“{goal}”").format(goal=v.goal.name) for v in short]),
    )


def verdict(v: GoalVerdict) -> str:
    """'Within reach', 'Only in the high case', 'Out of reach'."""
    match v.reached:
        case Scenario.LOW | Scenario.BASE:
            return _("Within reach")
        case Scenario.HIGH:
            return _("Only in the high case")
        case _:
            return _("Out of reach")


# --- words ---------------------------------------------------------------------------------


def _join(items: Sequence[str]) -> str:
    """'a, b and c' in English (as the plan's other lists), '甲、乙和丙' in Chinese."""
    return format_list(items) if is_chinese() and len(items) > 1 else join(items)


def _sentences(*sentences: str | None) -> str:
    """Sentences one after the other: a space between them in English, none in Chinese."""
    return ("" if is_chinese() else " ").join(s for s in sentences if s)


def _month(day: dt.date) -> str:
    """'Jan 2027'; '2027年1月'."""
    if is_chinese():
        return format_date(day, "y年M月")
    return day.strftime("%b %Y")


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
    if is_chinese():
        # 万 (ten thousand) is how Chinese reads large amounts: '116万元', '66.71万 EUR'; CNY
        # is 元, as the rest of the plan writes it (wizard.plan.text.money)
        unit = "元" if currency == "CNY" else f" {currency}"
        if value >= 10_000:
            tens = round(value / 10_000) if value >= 1_000_000 else round(value / 10_000, 2)
            return f"{format_number(tens)}万{unit}"
        if currency == "CNY":
            rounded = float(round(value, -1)) if value >= 1_000 else float(round(value))
            return f"{format_number(rounded)} 元"
    if value >= 1_000_000:
        return _("{amount} million {currency}").format(
            amount=format_number(round(value / 1_000_000, 2)), currency=currency
        )
    if value >= 10_000:
        return f"{format_number(float(round(value, -2)))} {currency}"
    if value >= 1_000:
        return f"{format_number(float(round(value, -1)))} {currency}"
    return f"{format_number(float(round(value)))} {currency}"


def _unit_name(currency: str) -> str:
    """A currency as a sentence names it: 元 for CNY in Chinese, else its code."""
    return "元" if is_chinese() and currency == "CNY" else currency


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
    parts = [_("{count} visits").format(count=_n(base.visits))]
    if base.leads:
        parts.append(
            _("{count} leads ({low} to {high})").format(
                count=_n(base.leads), low=_n(low.leads), high=_n(high.leads)
            )
        )
    parts.append(
        _("{count} new customers ({low} to {high})").format(
            count=_n(base.customers), low=_n(low.customers), high=_n(high.customers)
        )
    )
    values = {"months": months, "spend": _money(base.spend, cur), "results": _join(parts)}
    if base.revenue:
        first = _(
            "Over the plan's {months} months, the {spend} spent on the channels forecast below "
            "should bring about {results} in the base case, and {sales} of sales from them "
            "({low} to {high})."
        ).format(
            **values,
            sales=_money(base.revenue, cur),
            low=_money(low.revenue, cur),
            high=_money(high.revenue, cur),
        )
    else:
        first = _(
            "Over the plan's {months} months, the {spend} spent on the channels forecast below "
            "should bring about {results} in the base case."
        ).format(**values)
    cost = None
    if base.cac is not None:
        if base.roms is not None and base.revenue:
            cost = _(
                "Winning a customer costs about {cost}, and every {currency} spent brings "
                "{sales} {currency} of sales."
            ).format(
                cost=_money(base.cac, cur),
                currency=_unit_name(cur),
                sales=format_number(round(base.roms, 1)),
            )
        else:
            cost = _("Winning a customer costs about {cost}.").format(cost=_money(base.cac, cur))
    cycle_text = None
    cycle = effect.inputs.business.sales_cycle
    if cycle and base.leads:
        cycle_text = _(
            "A lead signs after the {cycle}-month sales cycle, so only the leads of the first "
            "{first} months become customers within the plan; the later ones sign after it and "
            "are not counted here."
        ).format(cycle=cycle, first=max(0, months - cycle))
    payback = None
    if base.payback_month is not None:
        payback = _("The channel spend is paid back by the margin in month {month}.").format(
            month=base.payback_month
        )
    elif base.revenue and effect.inputs.business.margin is not None:
        payback = _(
            "The margin on these sales does not pay back the channel spend within the plan."
        )
    return Paragraph(text=_sentences(first, cost, cycle_text, payback))


def _expected(effect: Effect) -> Paragraph | None:
    """The owner's own expectation set against the forecast."""
    expected = effect.inputs.expected_sales
    base, low, high = (effect.runs[s].totals for s in (Scenario.BASE, Scenario.LOW, Scenario.HIGH))
    if expected is None or not base.revenue or expected[1] != effect.currency:
        return None
    amount = expected[0]
    cur = effect.currency
    if amount > high.revenue:
        text = _(
            "You expect {amount} of extra sales: more than even the high case, {high}, of the "
            "forecast channels (their range is {low} to {high}, first and repeat orders; "
            "channels without default figures are not counted)."
        )
    elif amount < low.revenue:
        text = _(
            "You expect {amount} of extra sales: less than even the low case, {low}, of the "
            "forecast channels (their range is {low} to {high}, first and repeat orders; "
            "channels without default figures are not counted)."
        )
    else:
        text = _(
            "You expect {amount} of extra sales: within the forecast's range of {low} to "
            "{high} from the forecast channels (first and repeat orders; channels without "
            "default figures are not counted)."
        )
    return Paragraph(
        text=text.format(
            amount=_money(amount, cur),
            low=_money(low.revenue, cur),
            high=_money(high.revenue, cur),
        )
    )


def _lead_spend(run: Forecast) -> float:
    """What the counted channels that bring leads spend (a marketplace or an own shop brings
    orders, not leads: its spend is no cost of a lead)."""
    return sum(c.totals.spend for c in run.channels if not c.missing and c.totals.leads > 0)


def _selling_without_leads(effect: Effect) -> list[str]:
    """The counted channels that bring customers straight from visits (a marketplace, an own
    shop) in a plan whose other channels bring leads; empty when no leads are counted."""
    base = effect.runs[Scenario.BASE]
    if not base.totals.leads:
        return []
    return [
        c.channel.name
        for c in base.channels
        if not c.missing and not c.totals.leads and c.totals.customers
    ]


def _cost_per_lead_row(effect: Effect) -> list[str] | None:
    """The cost of a lead in each case: the lead channels' spend per lead; None without leads."""
    runs = [(effect.runs[s], _lead_spend(effect.runs[s])) for s in SCENARIOS]
    if not any(run.totals.leads for run, _spend in runs):
        return None
    cells = [
        _money(spend / run.totals.leads, effect.currency) if run.totals.leads else "—"
        for run, spend in runs
    ]
    whole = all(spend == run.totals.spend for run, spend in runs)
    label = _("Cost per lead") if whole else _("Cost per lead (of the channels that bring leads)")
    return [label, *cells]


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
        row(_("Channel spend"), lambda t: _money(t.spend, cur)),
        row(_("Visits"), lambda t: _n(t.visits)),
        row(_("Leads"), lambda t: _n(t.leads) if t.leads else None),
        row(_("New customers"), lambda t: _n(t.customers)),
        row(_("Sales from them"), lambda t: _money(t.revenue, cur) if t.revenue else None),
        row(
            _("of which repeat orders"),
            lambda t: _money(t.repeat_revenue, cur) if t.repeat_revenue else None,
        ),
        _cost_per_lead_row(effect),
        row(_("Cost per new customer"), per("cac")),
        row(
            _("Sales per {currency} spent").format(currency=_unit_name(cur)),
            lambda t: format_number(round(t.roms, 1)) if t.roms and t.revenue else None,
        ),
        row(
            _("Payback month"), lambda t: None if t.payback_month is None else str(t.payback_month)
        ),
        row(
            _("Customer value to acquisition cost"),
            lambda t: (
                None if t.ltv_to_cac is None else f"{format_number(round(t.ltv_to_cac, 1))} : 1"
            ),
        ),
    ]
    return Table(
        title=_("Forecast in three cases"),
        columns=[_("Over the plan"), *(_(_CASE[s]) for s in SCENARIOS)],
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
            _("a channel budget of {budget} over the plan (×{factor})").format(
                budget=_money(check.budget_needed, currency),
                factor=format_number(round(check.budget_factor, 1)),
            )
        )
    if check.conversion_factor is not None:
        if check.conversions_needed and max(check.conversions_needed.values()) > 1:
            options.append(_("more than conversion alone can give"))
        else:
            options.append(
                _("conversion rates ×{factor}").format(
                    factor=format_number(round(check.conversion_factor, 1))
                )
            )
    if len(options) == 2:
        return _("{one} or {other}").format(one=options[0], other=options[1])
    return options[0] if options else _("more channels with a forecast")


def forecast_text(v: GoalVerdict, currency: str) -> str:
    """The forecast of a goal's measure in each case: '117 / 125 / 140'."""
    return " / ".join(_measure(v.check.values[s], v.goal.measure, currency) for s in SCENARIOS)


def goal_words(g: GoalInput, currency: str) -> str:
    """A goal's target with what it counts: '10 a month (leads in the month it falls due)'."""
    counts = _period_words(g).format(what=_(_MEASURE_NOUN[g.measure]), months=g.per_months)
    if g.needed != g.target and g.baseline is not None:
        return _("{target} ({counts}; the plan must add {extra} to today's {today})").format(
            target=g.target_text,
            counts=counts,
            extra=_measure(g.needed, g.measure, currency),
            today=_measure(g.baseline, g.measure, currency),
        )
    return _("{target} ({counts})").format(target=g.target_text, counts=counts)


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
    """What a goal counts over, with ``{what}`` for the measure and ``{months}`` its months."""
    if g.per_months == 1:
        return _("{what} in the month it falls due")
    if g.per_months == 3:
        return _("{what} in the quarter ending when it falls due")
    if g.per_months:
        return _("{what} in the {months} months ending when it falls due")
    return _("{what} from the plan's start until it falls due")


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
        title=_("Goals against the forecast"),
        columns=[
            _("Goal"),
            _("Target"),
            _("Forecast (low / base / high)"),
            _("Verdict"),
            _("To reach it"),
        ],
        rows=rows,
    )


def _month_labels(start: dt.date | None, months: int) -> list[str]:
    if start is None:
        return [_("Month {number}").format(number=m) for m in range(1, months + 1)]
    labels = []
    for m in range(months):
        year, month = divmod(start.month - 1 + m, 12)
        labels.append(_month(dt.date(start.year + year, month + 1, 1)))
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
    y_label = _(_MEASURE_TITLE[measure])
    if measure is Measure.REVENUE:
        y_label = _("{measure}, {currency}").format(measure=y_label, currency=effect.currency)
    series = [
        ChartSeries(
            name=_(_CASE[s]),
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
        name = _("Goal: {target}").format(target=goal.target_text)
        if goal.needed != goal.target:
            name = _("Goal: {amount} above today").format(
                amount=_measure(goal.needed, measure, effect.currency)
            )
        series.append(
            ChartSeries(name=name, values=[_round(goal.needed)] * len(labels), dashed=True)
        )
    return Chart(
        title=_(_BY_MONTH[measure]),
        x_labels=labels,
        y_label=y_label,
        series=series,
    )


def _columns(totals: Totals) -> list[tuple[str, Measure]]:
    cols = [(_("Visits"), Measure.VISITS)]
    if totals.leads:
        cols.append((_("Leads"), Measure.LEADS))
    cols.append((_("New customers"), Measure.CUSTOMERS))
    if totals.revenue:
        cols.append((_("Sales"), Measure.REVENUE))
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
        span = (
            labels[first]
            if last - first == 1
            else _("{first} – {last}").format(first=labels[first], last=labels[last - 1])
        )
        cells = [_("Q{number} ({months})").format(number=q, months=span)]
        for _name, m in cols:
            values = [sum(_of(x, m) for x in effect.runs[s].months[first:last]) for s in SCENARIOS]
            cells.append(" / ".join(_measure(v, m, cur) for v in values))
        rows.append(cells)
    return Table(
        title=_("By quarter, low / base / high"),
        columns=[_("Quarter"), *(name for name, _m in cols)],
        rows=rows,
    )


def _channel_table(effect: Effect, data: Assumptions) -> Table:
    cur = effect.currency
    rows = []
    for c in effect.base.channels:
        if c.missing:
            continue
        t = c.totals
        kind = data.kinds[c.channel.kind].shown_label() if c.channel.kind in data.kinds else "—"
        cost = (
            _("{amount} a lead").format(amount=_money(t.spend / t.leads, cur))
            if t.leads
            else (
                _("{amount} a customer").format(amount=_money(t.cac, cur))
                if t.cac is not None
                else "—"
            )
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
        title=_("By channel, base case"),
        columns=[
            _("Channel"),
            _("Forecast as"),
            _("Spend"),
            _("Visits"),
            _("Leads"),
            _("New customers"),
            _("Sales"),
            _("Cost"),
        ],
        rows=rows,
    )


def _left_out(effect: Effect) -> BulletList | None:
    items = [
        _("{channel}: {why}").format(channel=name, why=why)
        for name, why in effect.inputs.not_forecast
    ]
    for c in effect.base.channels:
        if c.missing == (_(NO_FIGURES),):
            # TRANSLATORS: a channel of a kind the forecast has no figures for at all.
            line = _("{channel}: missing no default figures for this kind of channel")
            items.append(line.format(channel=c.channel.name))
        elif c.missing:
            line = _("{channel}: missing {what}")
            items.append(line.format(channel=c.channel.name, what=_join(list(c.missing))))
    if not items:
        return None
    return BulletList(title=_("Channels not in the forecast"), items=items)


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
    Role.ORDER_VALUE: N_("don't know yet: the forecast counts no sales"),
    Role.MARGIN: N_("don't know yet: no payback month or customer value"),
    Role.REPEAT_RATE: N_("don't know yet: first orders only"),
    Role.AUDIENCE: N_("don't know yet: the own list is not counted"),
    Role.ORDER_INTERVAL: N_("don't know yet: one month is counted"),
    Role.SALES_CYCLE: N_("don't know yet: leads are counted as signing at once"),
}


def _default_row(metric: str, kind: str, used: Sequence[UsedFigure], unknown: bool) -> list[str]:
    figure = used[0].default
    assert figure is not None
    values = [used_at.value for used_at in used]
    if figure.unit == "share":
        shown = " / ".join(_share(v) for v in values)
    else:
        shown = " / ".join(format_number(round(v, 2)) for v in values) + f" {figure.unit}"
    source = _("{publisher}, {title} ({year})").format(
        publisher=figure.source.publisher, title=figure.source.shown_title(), year=figure.year
    )
    if unknown:
        status = _('default for your "don\'t know yet": replace it with your figure')
    elif figure.verified:
        status = _("default, checked in the source")
    else:
        status = _("default, not verified: check it")
    name = _(_METRIC_NAMES[metric]) if metric in _METRIC_NAMES else metric.capitalize()
    return [name, kind, shown, source, status]


def _assumptions_table(effect: Effect, data: Assumptions) -> Table:
    rows: list[list[str]] = []
    stand_ins: set[str] = set()
    for f in effect.inputs.own:
        name = _(_OWN_NAMES[f.role]) if f.role in _OWN_NAMES else f.label
        if f.value is not None:
            rows.append(
                [name, _("all"), _own_value(f, effect.currency), _("Your answer"), _("your figure")]
            )
        elif f.status is AnswerStatus.UNKNOWN:
            if f.role in _DEFAULTS_FOR:
                stand_ins.add(_DEFAULTS_FOR[f.role])
            else:
                left_out = _(_LEFT_OUT[f.role]) if f.role in _LEFT_OUT else ""
                rows.append([name, _("all"), "—", _("Your answer"), left_out])
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
            label = data.kinds[kind].shown_label() if kind in data.kinds else kind
            stands_in = metric in stand_ins and (
                metric != "conversion" or (kind in data.kinds and data.kinds[kind].own_conversion)
            )
            rows.append(_default_row(metric, label, used, stands_in))
    for rate in effect.base.rates_used:
        cited = rate.sources[0] if rate.sources else None
        source = (
            _("{publisher} ({year})").format(publisher=cited.source.publisher, year=cited.year)
            if cited
            else _("given")
        )
        rows.append(
            [
                _("Exchange rate {unit} to {into}").format(unit=rate.unit, into=rate.into),
                _("figures in {unit}").format(unit=rate.unit),
                f"1 {rate.unit} = {format_number(round(rate.rate, 4))} {rate.into}",
                source,
                _("annual average, checked in the source")
                if cited and cited.verified
                else _("check it"),
            ]
        )
    return Table(
        title=_("Assumptions (low / base / high where a range)"),
        columns=[_("Figure"), _("For"), _("Value"), _("Source"), _("Status")],
        rows=rows,
    )


def effect_blocks(effect: Effect | None, data: Assumptions | None = None) -> list[Block]:
    """The forecast's blocks for the plan's "Expected effect" section."""
    if effect is None:
        return [
            Paragraph(
                title=_("Forecast"),
                text=_(
                    "The forecast needs the plan's start and end and a budget for at least one "
                    "channel; answer those and it appears here."
                ),
            )
        ]
    data = data or load_assumptions()
    if not effect.counted:
        blocks: list[Block] = [
            Paragraph(
                title=_("Forecast"),
                text=_(
                    "None of the chosen channels could be forecast yet; the list below says "
                    "what each one needs."
                ),
            )
        ]
        left = _left_out(effect)
        return blocks + ([left] if left else [])
    setting = effect.inputs.setting
    labels = _month_labels(effect.inputs.start, setting.months if setting else 0)
    summary = _summary(effect)
    summary.title = _("Forecast")
    out: list[Block] = [summary]
    expected = _expected(effect)
    if expected is not None:
        out.append(expected)
    out.append(_scenario_table(effect))
    selling = _selling_without_leads(effect)
    if selling:
        out.append(
            Paragraph(
                text=_(
                    "The new customers include those of the channels that sell without leads "
                    "({channels}), so there can be more of them than leads."
                ).format(channels=_join(selling))
            )
        )
    goals = _goals_table(effect)
    if goals is not None:
        out.append(goals)
    if any(v.goal.measure is Measure.LEADS for v in effect.goals):
        out.append(Paragraph(text=_(LEADS_CAVEAT)))
    if effect.inputs.other_goals:
        out.append(
            Paragraph(
                text=_(
                    "Not set against the forecast (it does not count them, or their target "
                    "has no number): {goals}."
                ).format(goals=_join(effect.inputs.other_goals))
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
