"""The funnel forecast: per channel and month, spend to visits to leads or orders to customers
to revenue, in low / base / high scenarios, with totals, goal gaps and backward solutions.

Per channel and month m (1 = the plan's first month):

- spend = the budget (a month's, or the plan's spread evenly over its months);
- visits = spend / cost per click (paid), or spend / cost per thousand views x 1000 x click
  rate (creators and other bought views), or spend / cost per organic visit x ramp(m) with
  ramp(m) = min(1, m / ramp months) (SEO and content start near zero), or, for an own list,
  list size x mailings a month x click rate; a kind bought by the lead (events, referrals)
  has leads = spend / cost per lead and no counted visits;
- conversions = visits x conversion; for a lead channel these are leads and customers = leads x
  close rate, for an order channel customers = conversions (the new customers of the month);
- first-order revenue = customers x average order value (none without an order value, when
  the forecast still counts visits, leads and customers);
- repeat revenue (when the repeat rate is known): the repeat rate r is the share of orders
  followed by another order from the same customer, ``order_interval`` months later (one month
  unless the business says otherwise). So orders(m) = customers(m) + r x orders(m - interval),
  the repeat orders of month m are r x orders(m - interval), and repeat revenue = those orders x
  the average order value. Only the repeat orders that fall inside the plan's months count;
  over an endless horizon each customer would place 1 / (1 - r) orders, which is the lifetime
  value below. ``revenue`` is first-order plus repeat revenue;
- contribution = revenue x (margin - platform commission) when the margin is known (repeat
  orders are taken to go through the same channel, so they pay its commission too).

Totals: customer-acquisition cost = spend / new customers; return on marketing spend = revenue
(with repeat orders) / spend; payback month = the first month whose running contribution reaches
the running spend; lifetime value = first-order contribution per customer / (1 - repeat rate),
against the acquisition cost (it counts all future repeat orders, the plan's revenue only those
inside the plan, so the plan's contribution per customer never exceeds the lifetime value).

Default figures in another currency are converted with ``Setting.exchange_rates``;
``setting_for`` fills those (and the region) from the shipped data, and each forecast lists the
rates it applied (``Forecast.rates_used``) so the plan can name them as assumptions.

Amounts are floats in the plan's currency; shares are floats from 0 to 1. No I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum, auto

from wizard.forecast.assumptions import (
    GLOBAL,
    Assumptions,
    ExchangeRate,
    ExchangeRates,
    Figure,
    Metrics,
    Outcome,
    Reach,
    load_assumptions,
    load_exchange_rates,
)
from wizard.i18n import N_, _

__all__ = [
    "NO_FIGURES",
    "Business",
    "Channel",
    "ChannelForecast",
    "Forecast",
    "Goal",
    "GoalCheck",
    "Measure",
    "Month",
    "Period",
    "Scenario",
    "Setting",
    "Totals",
    "UsedFigure",
    "UsedRate",
    "check_goal",
    "forecast",
    "forecast_all",
    "setting_for",
]


_CONVERSION = N_("conversion")
NO_FIGURES = N_("no default figures for this kind of channel")
"""Why a channel of a kind without figures is not forecast (its only ``missing``)."""


class Scenario(StrEnum):
    """Which end of each assumption's range the forecast takes."""

    LOW = auto()
    """The pessimistic end: the high cost, the low rate."""
    BASE = auto()
    HIGH = auto()
    """The optimistic end: the low cost, the high rate."""


class Period(StrEnum):
    """What one budget amount covers."""

    MONTH = auto()
    PLAN = auto()


class Measure(StrEnum):
    """What a numeric goal counts."""

    VISITS = auto()
    LEADS = auto()
    CUSTOMERS = auto()
    REVENUE = auto()


@dataclass(frozen=True)
class Business:
    """The business's own figures; each replaces the default where given (shares 0 to 1)."""

    order_value: float | None = None
    margin: float | None = None
    repeat_rate: float | None = None
    """The share of orders followed by another order from the same customer."""
    order_interval: int = 1
    """Months between one order of a customer and the next (for repeat revenue)."""
    sales_cycle: int = 0
    """Months from a lead to the signed order (lead channels): a lead of month m becomes a
    customer in month m + sales_cycle, and only those inside the plan are counted."""
    close_rate: float | None = None
    conversion: float | None = None
    """The own site's or shop's conversion; used for kinds that convert there."""


@dataclass(frozen=True)
class Channel:
    """One chosen channel: its name, its kind (``forecast:`` of its choice) and its budget."""

    name: str
    kind: str | None
    budget: float
    period: Period = Period.MONTH
    audience: float | None = None
    """The size of an own list or following (for kinds that reach an audience)."""
    mailings_per_month: float = 1.0


@dataclass(frozen=True)
class Setting:
    """Where and when: the plan's length, the region of the defaults, the plan's currency and
    exchange rates (plan currency per one unit of another currency)."""

    months: int
    region: str = GLOBAL
    currency: str = "USD"
    exchange_rates: Mapping[str, float] = field(default_factory=dict)
    conversion_factor: float = 1.0
    """Multiplies every conversion rate (the backward solution's lever)."""
    rate_sources: Mapping[str, tuple[ExchangeRate, ...]] = field(default_factory=dict)
    """The cited rates behind each of ``exchange_rates`` (none for a rate the caller gave)."""


@dataclass(frozen=True)
class UsedRate:
    """An exchange rate the forecast applied: ``rate`` units of ``into`` for one ``unit``, and
    the cited rates it was worked out from (empty when the caller gave it)."""

    unit: str
    into: str
    rate: float
    sources: tuple[ExchangeRate, ...]


@dataclass(frozen=True)
class UsedFigure:
    """A figure the forecast used: its value in the scenario (in the figure's own unit), its
    cited default (None when the business gave its own) and the exchange rate that converted
    it into the plan's currency (None when none was needed)."""

    metric: str
    value: float
    unit: str
    default: Figure | None
    rate: UsedRate | None = None


@dataclass(frozen=True)
class Month:
    """One month of one channel (or of all)."""

    month: int
    spend: float
    visits: float
    leads: float
    customers: float
    revenue: float
    """All revenue: first orders and repeat orders."""
    contribution: float | None
    repeat_revenue: float = 0.0
    """The part of ``revenue`` from repeat orders of customers won in earlier months."""
    repeat_contribution: float | None = None
    """The part of ``contribution`` from those repeat orders."""

    @property
    def first_revenue(self) -> float:
        """Revenue from first orders."""
        return self.revenue - self.repeat_revenue


@dataclass(frozen=True)
class Totals:
    """Sums and ratios over the plan (None where not computable)."""

    spend: float
    visits: float
    leads: float
    customers: float
    revenue: float
    cac: float | None
    roms: float | None
    payback_month: int | None
    ltv_to_cac: float | None
    repeat_revenue: float = 0.0
    """The part of ``revenue`` from repeat orders."""

    @property
    def first_revenue(self) -> float:
        """Revenue from first orders."""
        return self.revenue - self.repeat_revenue

    def measure(self, what: Measure) -> float:
        """The total a goal of this measure counts."""
        return {
            Measure.VISITS: self.visits,
            Measure.LEADS: self.leads,
            Measure.CUSTOMERS: self.customers,
            Measure.REVENUE: self.revenue,
        }[what]


@dataclass(frozen=True)
class ChannelForecast:
    """One channel in one scenario; ``missing`` names what kept it from being forecast."""

    channel: Channel
    scenario: Scenario
    months: tuple[Month, ...]
    used: tuple[UsedFigure, ...]
    missing: tuple[str, ...]
    totals: Totals


@dataclass(frozen=True)
class Forecast:
    """All channels in one scenario; the totals cover the channels without anything missing."""

    scenario: Scenario
    channels: tuple[ChannelForecast, ...]
    months: tuple[Month, ...]
    totals: Totals

    @property
    def left_out(self) -> tuple[ChannelForecast, ...]:
        return tuple(c for c in self.channels if c.missing)

    @property
    def rates_used(self) -> tuple[UsedRate, ...]:
        """Each exchange rate the forecast applied, once, in the order first used."""
        found: dict[tuple[str, str], UsedRate] = {}
        for c in self.channels:
            for u in c.used:
                if u.rate is not None:
                    found.setdefault((u.rate.unit, u.rate.into), u.rate)
        return tuple(found.values())


def _pick(fig: Figure, scenario: Scenario, cost: bool) -> float:
    if scenario is Scenario.BASE:
        return fig.base
    pessimistic = scenario is Scenario.LOW
    return fig.high if pessimistic == cost else fig.low


def _monthly_spend(channel: Channel, months: int) -> float:
    return channel.budget if channel.period is Period.MONTH else channel.budget / months


def _totals(months: Sequence[Month], business: Business) -> Totals:
    spend = sum(m.spend for m in months)
    customers = sum(m.customers for m in months)
    revenue = sum(m.revenue for m in months)
    cac = spend / customers if customers > 0 else None
    payback: int | None = None
    contribution: float | None = None
    if months and all(m.contribution is not None for m in months) and spend > 0:
        contribution, running_spend = 0.0, 0.0
        for m in months:
            contribution += m.contribution or 0.0
            running_spend += m.spend
            if payback is None and running_spend > 0 and contribution >= running_spend:
                payback = m.month
    ltv_to_cac = None
    repeat = business.repeat_rate
    if contribution is not None and cac and repeat is not None and repeat < 1:
        first = contribution - sum(m.repeat_contribution or 0.0 for m in months)
        ltv = first / customers / (1 - repeat)
        ltv_to_cac = ltv / cac
    return Totals(
        spend=spend,
        visits=sum(m.visits for m in months),
        leads=sum(m.leads for m in months),
        customers=customers,
        revenue=revenue,
        cac=cac,
        roms=revenue / spend if spend > 0 else None,
        payback_month=payback,
        ltv_to_cac=ltv_to_cac,
        repeat_revenue=sum(m.repeat_revenue for m in months),
    )


class _Resolver:
    """Finds one channel's figures for a scenario and records what it used or missed."""

    def __init__(self, data: Assumptions, kind: str, setting: Setting, scenario: Scenario) -> None:
        self.data, self.kind, self.setting, self.scenario = data, kind, setting, scenario
        self.used: list[UsedFigure] = []
        self.missing: list[str] = []

    def rate(
        self,
        label: str,
        pick: Callable[[Metrics], Figure | None],
        own: float | None = None,
        cost: bool = False,
    ) -> float | None:
        if own is not None:
            self.used.append(UsedFigure(label, own, "share", None))
            return own
        fig = self.data.figure(self.kind, pick, self.setting.region)
        if fig is None:
            self.missing.append(
                _("a default {figure} for this kind of channel").format(figure=_(label))
            )
            return None
        value = _pick(fig, self.scenario, cost)
        self.used.append(UsedFigure(label, value, fig.unit, fig))
        return value

    def amount(self, label: str, pick: Callable[[Metrics], Figure | None]) -> float | None:
        value = self.rate(label, pick, cost=True)
        fig = self.used[-1].default if value is not None else None
        if value is None or fig is None or fig.unit == self.setting.currency:
            return value
        rate = self.setting.exchange_rates.get(fig.unit)
        if rate is None:
            self.missing.append(
                _("an exchange rate from {unit} to {currency}").format(
                    unit=fig.unit, currency=self.setting.currency
                )
            )
            return None
        sources = tuple(self.setting.rate_sources.get(fig.unit, ()))
        used = UsedRate(fig.unit, self.setting.currency, rate, sources)
        self.used[-1] = replace(self.used[-1], rate=used)
        return value * rate


def _visits(
    channel: Channel, reach: Reach, ramp: int, spend: float, months: int, res: _Resolver
) -> list[float] | None:
    """Each month's visits, or None when a figure is missing."""
    if reach is Reach.PAID_CLICK:
        cpc = res.amount(N_("cost per click"), lambda f: f.cpc)
        return None if not cpc else [spend / cpc] * months
    if reach is Reach.PAID_IMPRESSION:
        cpm = res.amount(N_("cost per thousand views"), lambda f: f.cpm)
        ctr = res.rate(N_("click rate"), lambda f: f.ctr)
        return None if not cpm or ctr is None else [spend / cpm * 1000 * ctr] * months
    if reach is Reach.PAID_LEAD:
        cpl = res.amount(N_("cost per lead"), lambda f: f.cost_per_lead)
        return None if not cpl else [spend / cpl] * months
    if reach is Reach.ORGANIC:
        cpv = res.amount(N_("cost per organic visit"), lambda f: f.cost_per_visit)
        if not cpv:
            return None
        return [spend / cpv * (min(1.0, m / ramp) if ramp else 1.0) for m in range(1, months + 1)]
    clicks = res.rate(N_("click rate"), lambda f: f.click_rate)
    if channel.audience is None:
        res.missing.append(_("the size of the own list or following"))
        return None
    if clicks is None:
        return None
    return [channel.audience * channel.mailings_per_month * clicks] * months


def _channel(
    channel: Channel,
    business: Business,
    setting: Setting,
    scenario: Scenario,
    data: Assumptions,
) -> ChannelForecast:
    n = setting.months
    spend = _monthly_spend(channel, n)
    spec = data.kinds.get(channel.kind) if channel.kind else None
    if spec is None or channel.kind is None:
        months = tuple(Month(m, spend, 0.0, 0.0, 0.0, 0.0, None) for m in range(1, n + 1))
        why = (_(NO_FIGURES),)
        return ChannelForecast(channel, scenario, months, (), why, _totals(months, business))
    res = _Resolver(data, channel.kind, setting, scenario)
    visits = _visits(channel, spec.reach, spec.ramp_months, spend, n, res)
    own_conv = business.conversion if spec.own_conversion else None
    by_lead = spec.reach is Reach.PAID_LEAD
    conversion = 1.0 if by_lead else res.rate(_CONVERSION, lambda f: f.conversion, own_conv)
    close = 1.0
    if spec.outcome is Outcome.LEADS:
        close = res.rate(N_("close rate"), lambda f: f.close_rate, business.close_rate) or 0.0
    commission = 0.0
    if data.figure(channel.kind, lambda f: f.commission, setting.region) is not None:
        commission = res.rate(N_("platform commission"), lambda f: f.commission, cost=True) or 0.0
    if visits is None or conversion is None or res.missing:
        months = tuple(Month(m, spend, 0.0, 0.0, 0.0, 0.0, None) for m in range(1, n + 1))
        return ChannelForecast(
            channel,
            scenario,
            months,
            tuple(res.used),
            tuple(res.missing),
            _totals(months, business),
        )
    conversion *= setting.conversion_factor
    order_value = business.order_value or 0.0
    share = None if business.margin is None else business.margin - commission
    repeat = business.repeat_rate or 0.0
    interval = max(1, business.order_interval)
    orders: list[float] = []
    rows: list[Month] = []
    by_leads = spec.outcome is Outcome.LEADS
    delay = max(0, business.sales_cycle) if by_leads else 0
    converted_by_month = [reached * conversion for reached in visits]
    for m, reached in enumerate(visits, start=1):
        converted = converted_by_month[m - 1]
        leads = converted if by_leads else 0.0
        # a lead signs after the sales cycle: this month's customers are the leads of then
        customers = converted_by_month[m - 1 - delay] * close if m > delay else 0.0
        repeats = repeat * orders[m - 1 - interval] if m > interval else 0.0
        orders.append(customers + repeats)
        revenue = (customers + repeats) * order_value
        repeat_revenue = repeats * order_value
        rows.append(
            Month(
                m,
                spend,
                0.0 if by_lead else reached,
                leads,
                customers,
                revenue,
                None if share is None else revenue * share,
                repeat_revenue,
                None if share is None else repeat_revenue * share,
            )
        )
    months = tuple(rows)
    return ChannelForecast(
        channel, scenario, months, tuple(res.used), (), _totals(months, business)
    )


def forecast(
    channels: Iterable[Channel],
    business: Business,
    setting: Setting,
    scenario: Scenario = Scenario.BASE,
    data: Assumptions | None = None,
) -> Forecast:
    """The forecast of every channel in one scenario, and of them together."""
    if setting.months < 1:
        raise ValueError("a plan lasts at least one month")
    data = data or load_assumptions()
    per = tuple(_channel(c, business, setting, scenario, data) for c in channels)
    counted = [c for c in per if not c.missing]
    months: list[Month] = []
    for i in range(setting.months):
        rows = [c.months[i] for c in counted]
        known = bool(rows) and all(r.contribution is not None for r in rows)
        months.append(
            Month(
                i + 1,
                sum(r.spend for r in rows),
                sum(r.visits for r in rows),
                sum(r.leads for r in rows),
                sum(r.customers for r in rows),
                sum(r.revenue for r in rows),
                sum(r.contribution or 0.0 for r in rows) if known else None,
                sum(r.repeat_revenue for r in rows),
                sum(r.repeat_contribution or 0.0 for r in rows) if known else None,
            )
        )
    return Forecast(scenario, per, tuple(months), _totals(months, business))


def setting_for(
    months: int,
    currency: str,
    data: Assumptions | None = None,
    rates: ExchangeRates | None = None,
) -> Setting:
    """The setting of a plan of ``months`` months in ``currency``: the region its currency maps
    to in the assumptions, and the plan currency per one unit of every other currency the
    shipped exchange rates give (none when they do not give the plan's currency)."""
    data = data or load_assumptions()
    rates = rates or load_exchange_rates()
    code = currency.strip().upper()
    converted: dict[str, float] = {}
    sources: dict[str, tuple[ExchangeRate, ...]] = {}
    for unit in sorted({*rates.rates, "USD"}):
        rate = rates.rate(code, unit)
        if unit != code and rate is not None:
            converted[unit] = rate
            sources[unit] = rates.cited(code, unit)
    return Setting(
        months=months,
        region=data.region_for(code),
        currency=code,
        exchange_rates=converted,
        rate_sources=sources,
    )


def forecast_all(
    channels: Sequence[Channel],
    business: Business,
    setting: Setting,
    data: Assumptions | None = None,
) -> dict[Scenario, Forecast]:
    """The forecast in each scenario."""
    return {s: forecast(channels, business, setting, s, data) for s in Scenario}


@dataclass(frozen=True)
class Goal:
    """A numeric goal: a target of one measure, per ``months`` months (3: a quarter) or, when
    None, over the whole plan."""

    measure: Measure
    target: float
    months: int | None = None
    window: tuple[int, int] | None = None
    """The plan's months (first and last, from 1) the goal is measured over: its value is the
    forecast summed over them (say, the quarter ending at its deadline). None: the plan's
    total spread evenly over its periods of ``months``."""


@dataclass(frozen=True)
class GoalCheck:
    """A goal against the forecast, and what the base scenario would need to meet it.

    ``values``: the forecast per goal period in each scenario (the plan's total spread evenly
    over its periods); ``gap``: target minus the base value (above zero: short of it);
    ``budget_factor``: what every spend-driven channel's budget must be multiplied by, and
    ``budget_needed`` the total spend over the plan that makes; ``conversion_factor``: what
    every conversion rate must be multiplied by instead, and ``conversions_needed`` each
    channel's resulting rate (above 1 cannot be reached). None where no such lever exists.
    """

    goal: Goal
    values: dict[Scenario, float]
    gap: float
    budget_factor: float | None
    budget_needed: float | None
    conversion_factor: float | None
    conversions_needed: dict[str, float]


def _scaled(channels: Sequence[Channel], factor: float, data: Assumptions) -> list[Channel]:
    """The channels with the budget of each spend-driven one multiplied by ``factor``."""

    def driven(c: Channel) -> bool:
        spec = data.kinds.get(c.kind) if c.kind else None
        return spec is not None and spec.reach is not Reach.AUDIENCE

    return [replace(c, budget=c.budget * factor) if driven(c) else c for c in channels]


def check_goal(
    goal: Goal,
    channels: Sequence[Channel],
    business: Business,
    setting: Setting,
    data: Assumptions | None = None,
) -> GoalCheck:
    """The gap between a goal and the forecast, and the budget or conversion that closes it."""
    data = data or load_assumptions()
    periods = setting.months / goal.months if goal.months else 1.0

    def per_period(f: Forecast) -> float:
        if goal.window is not None:
            first, last = goal.window
            picked = f.months[max(first, 1) - 1 : last]
            return _totals(picked, business).measure(goal.measure)
        return f.totals.measure(goal.measure) / periods

    runs = forecast_all(channels, business, setting, data)
    values = {s: per_period(f) for s, f in runs.items()}
    base_run = runs[Scenario.BASE]
    base = values[Scenario.BASE]
    # Every measure is linear in the budgets of the spend-driven channels: value = fixed +
    # factor x variable.
    fixed = per_period(
        forecast(_scaled(channels, 0.0, data), business, setting, Scenario.BASE, data)
    )
    variable = base - fixed
    budget_factor = budget_needed = None
    if variable > 0 and math.isfinite(factor := (goal.target - fixed) / variable):
        budget_factor = max(0.0, factor)
        budget_needed = forecast(
            _scaled(channels, budget_factor, data), business, setting, Scenario.BASE, data
        ).totals.spend
    conversion_factor = None
    conversions: dict[str, float] = {}
    if goal.measure is not Measure.VISITS and base > 0 and math.isfinite(goal.target / base):
        conversion_factor = goal.target / base
        for c in base_run.channels:
            rate = next((u.value for u in c.used if u.metric == _CONVERSION), None)
            if rate is not None and c.totals.measure(goal.measure) > 0:
                conversions[c.channel.name] = rate * setting.conversion_factor * conversion_factor
    return GoalCheck(
        goal,
        values,
        goal.target - base,
        budget_factor,
        budget_needed,
        conversion_factor,
        conversions,
    )
