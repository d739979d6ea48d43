"""The funnel arithmetic against hand-worked figures, and its properties over generated plans."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.forecast.assumptions import load_exchange_rates, parse_assumptions
from wizard.forecast.funnel import (
    Business,
    Channel,
    Goal,
    Measure,
    Period,
    Scenario,
    Setting,
    check_goal,
    forecast,
    forecast_all,
    setting_for,
)

approx = pytest.approx


def test_search_ads_by_hand() -> None:
    """1,000 USD a month at 5.26 a click: 190.11 visits; 7.52% convert: 14.297 leads; an own
    close rate of 20%: 2.8593 customers; 500 USD an order: 1,429.66 USD a month."""
    run = forecast(
        [Channel("Google", "search_ads", 1000.0)],
        Business(order_value=500.0, close_rate=0.2),
        Setting(months=3),
    )
    (ch,) = run.channels
    assert ch.missing == ()
    first = ch.months[0]
    assert first.visits == approx(190.1141, rel=1e-5)
    assert first.leads == approx(14.29658, rel=1e-5)
    assert first.customers == approx(2.859316, rel=1e-5)
    assert first.revenue == approx(1429.658, rel=1e-5)
    assert run.totals.spend == 3000.0
    assert run.totals.cac == approx(3000 / (3 * 2.859316), rel=1e-5)
    assert run.totals.roms == approx(3 * 1429.658 / 3000, rel=1e-5)
    assert run.totals.payback_month is None  # no margin given
    assert [u.metric for u in ch.used] == ["cost per click", "conversion", "close rate"]
    assert ch.used[-1].default is None  # the business's own close rate


def test_seo_ramps_up_from_near_zero() -> None:
    """600 USD a month at 1 USD an organic visit, ramping over 12 months: 50 visits in month
    1, 150 in month 3, 600 from month 12; 2.5% become leads, 20% of those customers."""
    run = forecast(
        [Channel("SEO", "seo_content", 7200.0, Period.PLAN)],
        Business(order_value=100.0, close_rate=0.2),
        Setting(months=12),
    )
    months = run.channels[0].months
    assert months[0].spend == 600.0
    assert [round(m.visits, 6) for m in (months[0], months[2], months[11])] == [50.0, 150.0, 600.0]
    assert months[0].leads == approx(1.25)
    assert months[2].customers == approx(0.75)
    assert run.totals.visits == approx(50 * 78)  # 50 x (1 + 2 + ... + 12)


def test_email_to_an_own_list_by_hand() -> None:
    """2,000 addresses mailed twice a month, 2.62% click: 104.8 visits; 2.58% order: 2.70384
    customers a month at 100 USD; a 40% margin earns 108.15 a month against 100 spent."""
    run = forecast(
        [Channel("Newsletter", "email", 100.0, audience=2000, mailings_per_month=2)],
        Business(order_value=100.0, margin=0.4, repeat_rate=0.5),
        Setting(months=4),
    )
    first = run.channels[0].months[0]
    assert first.visits == approx(104.8)
    assert first.leads == 0.0
    assert first.customers == approx(2.70384)
    assert first.contribution == approx(108.1536)
    assert run.totals.payback_month == 1
    # Lifetime value: 40 a first order / (1 - 0.5) = 80, against 100 / 2.70384 = 36.98.
    assert run.totals.ltv_to_cac == approx(80 / (100 / 2.70384), rel=1e-6)


def test_scenarios_take_each_end_of_the_ranges() -> None:
    runs = forecast_all(
        [Channel("Google", "search_ads", 1000.0)], Business(order_value=1.0), Setting(months=1)
    )
    visits = {s: r.totals.visits for s, r in runs.items()}
    assert visits[Scenario.LOW] == approx(1000 / 5.42)
    assert visits[Scenario.HIGH] == approx(1000 / 4.66)


def test_figures_in_another_currency_and_a_kind_without_click_costs() -> None:
    """Marketplace ads in China with an exchange rate; delivery platforms have no click cost
    or conversion in the shipped data, so they are left out and say why."""
    channels = [
        Channel("Tmall", "marketplace", 710.0),
        Channel("Meituan", "delivery_platform", 500.0),
    ]
    setting = Setting(months=1, region="china", currency="CNY", exchange_rates={"USD": 7.1})
    run = forecast(channels, Business(order_value=80.0, margin=0.6), setting)
    tmall, meituan = run.channels
    assert tmall.months[0].visits == approx(710 / (0.98 * 7.1))
    assert meituan.missing == (
        "a default cost per click for this kind of channel",
        "a default conversion for this kind of channel",
    )
    assert run.totals.spend == 710.0  # the channel left out is not counted
    assert [c.channel.name for c in run.left_out] == ["Meituan"]


def test_a_cny_plan_converts_usd_and_eur_figures_and_names_the_rates() -> None:
    """A CNY plan takes China's figures and converts the global ones at the shipped rates
    (Federal Reserve, 2023: 7.0809 CNY a dollar, 1.0817 dollars a euro).

    Marketplace ads: 0.98 USD a click = 6.939282 CNY; 7,080.90 CNY buy 1,020.408 clicks
    (1,000 / 0.98); 12.5% order: 127.551 customers at 80 CNY = 10,204.08 CNY.
    Creators: EUR 10 a thousand views = 76.594095 CNY; 7,659.41 CNY buy 100,000 views; 1% click:
    1,000 visits; 2.58% order: 25.8 customers. Search ads use China's own 2 CNY a click, so
    need no rate."""
    setting = setting_for(1, "CNY")
    assert setting.region == "china"
    assert setting.exchange_rates["USD"] == approx(7.0809)
    assert setting.exchange_rates["EUR"] == approx(1.0817 * 7.0809)
    channels = [
        Channel("Tmall", "marketplace", 7080.9),
        Channel("Creators", "influencer", 7659.409530),
        Channel("Baidu", "search_ads", 200.0),
    ]
    run = forecast(channels, Business(order_value=80.0, close_rate=0.1), setting)
    tmall, creators, baidu = run.channels
    assert tmall.missing == creators.missing == baidu.missing == ()
    assert tmall.months[0].visits == approx(1000 / 0.98)
    assert tmall.months[0].customers == approx(127.55102, rel=1e-6)
    assert tmall.months[0].revenue == approx(10204.0816, rel=1e-6)
    assert creators.months[0].visits == approx(1000.0)
    assert creators.months[0].customers == approx(25.8)
    assert baidu.months[0].visits == approx(100.0)
    cpc = tmall.used[0]
    assert (cpc.metric, cpc.value, cpc.unit) == ("cost per click", 0.98, "USD")
    assert cpc.rate is not None
    assert cpc.rate.rate == approx(7.0809)
    assert [(r.unit, r.into) for r in run.rates_used] == [("USD", "CNY"), ("EUR", "CNY")]
    usd, eur = run.rates_used
    cny = load_exchange_rates().rates["CNY"]
    assert usd.sources == (cny,)
    assert [r.year for r in eur.sources] == [2023, 2023]
    assert "Federal Reserve" in cny.source.publisher
    assert all(u.rate is None for u in baidu.used)


def test_a_usd_plan_needs_no_rate_and_other_currencies_take_the_global_figures() -> None:
    usd = setting_for(2, "usd")
    assert (usd.region, usd.currency) == ("global", "USD")
    run = forecast([Channel("Google", "search_ads", 526.0)], Business(order_value=1.0), usd)
    assert run.totals.visits == approx(200.0)
    assert run.rates_used == ()
    eur = setting_for(1, "EUR")
    assert eur.region == "global"
    assert eur.exchange_rates["USD"] == approx(1 / 1.0817)
    unknown = setting_for(1, "XYZ")
    assert unknown.exchange_rates == {}
    left = forecast([Channel("Google", "search_ads", 1.0)], Business(order_value=1.0), unknown)
    assert left.channels[0].missing == ("an exchange rate from USD to XYZ",)


def test_events_are_bought_by_the_lead() -> None:
    """1,100 USD a month at 275 USD a lead: 4 leads, no counted visits; 5% close: 0.2."""
    run = forecast(
        [Channel("Fair", "events", 1100.0)], Business(order_value=1000.0), Setting(months=2)
    )
    first = run.channels[0].months[0]
    assert first.visits == 0.0
    assert first.leads == approx(4.0)
    assert first.customers == approx(0.2)
    assert run.totals.cac == approx(5500.0)


COMMISSION_DATA = """
version: 1
kinds:
  platform:
    label: A platform
    reach: paid_click
    outcome: orders
    own_conversion: false
    regions:
      global:
        cpc: {low: 1, base: 1, high: 1, unit: USD, source: {publisher: P, title: T}, year: 2024, verified: true}
        conversion: {low: 0.1, base: 0.1, high: 0.1, unit: share, source: {publisher: P, title: T}, year: 2024, verified: true}
        commission: {low: 0.1, base: 0.2, high: 0.3, unit: share, source: {publisher: P, title: T}, year: 2024, verified: true}
"""


def test_a_platform_commission_lowers_the_contribution() -> None:
    """100 USD at 1 a click: 100 visits, 10 orders of 50 = 500; a 60% margin less a 20%
    commission leaves 200 (base), less 30% leaves 150 (low scenario)."""
    data = parse_assumptions(COMMISSION_DATA)
    args = ([Channel("App", "platform", 100.0)], Business(order_value=50.0, margin=0.6), Setting(1))
    base = forecast(*args, Scenario.BASE, data)
    low = forecast(*args, Scenario.LOW, data)
    assert base.totals.revenue == approx(500.0)
    assert base.months[0].contribution == approx(200.0)
    assert low.months[0].contribution == approx(150.0)
    assert base.totals.payback_month == 1


def test_repeat_revenue_by_hand_over_three_months() -> None:
    """10 new customers a month (100 spent at 1 a click, 10% order) at 50 an order; half of all
    orders are followed by another a month later: month 1, 10 orders; month 2, 10 + 5;
    month 3, 10 + 7.5. Repeat revenue 0, 250, 375; all revenue 500, 750, 875. A 60% margin
    less the 20% commission leaves 40%: contribution 200, 300, 350. Lifetime value: 20 a first
    order / (1 - 0.5) = 40 against 300 / 30 = 10 a customer: LTV:CAC 4."""
    data = parse_assumptions(COMMISSION_DATA)
    business = Business(order_value=50.0, margin=0.6, repeat_rate=0.5)
    run = forecast([Channel("App", "platform", 100.0)], business, Setting(3), data=data)
    assert [m.customers for m in run.months] == approx([10.0, 10.0, 10.0])
    assert [m.repeat_revenue for m in run.months] == approx([0.0, 250.0, 375.0])
    assert [m.revenue for m in run.months] == approx([500.0, 750.0, 875.0])
    assert [m.first_revenue for m in run.months] == approx([500.0, 500.0, 500.0])
    assert [m.contribution for m in run.months] == approx([200.0, 300.0, 350.0])
    assert run.totals.revenue == approx(2125.0)
    assert run.totals.repeat_revenue == approx(625.0)
    assert run.totals.first_revenue == approx(1500.0)
    assert run.totals.customers == approx(30.0)
    assert run.totals.cac == approx(10.0)
    assert run.totals.roms == approx(2125.0 / 300.0)
    assert run.totals.ltv_to_cac == approx(4.0)
    # Every two months instead: month 3 repeats half of month 1's orders.
    slower = Business(order_value=50.0, margin=0.6, repeat_rate=0.5, order_interval=2)
    later = forecast([Channel("App", "platform", 100.0)], slower, Setting(3), data=data)
    assert [m.repeat_revenue for m in later.months] == approx([0.0, 0.0, 250.0])
    assert later.totals.ltv_to_cac == approx(4.0)
    # Without a repeat rate there is no repeat revenue and no lifetime value.
    once = forecast([Channel("App", "platform", 100.0)], Business(50.0, 0.6), Setting(3), data=data)
    assert once.totals.repeat_revenue == 0.0
    assert once.totals.revenue == approx(1500.0)
    assert once.totals.ltv_to_cac is None


def test_a_missing_exchange_rate_is_named() -> None:
    run = forecast([Channel("Ads", "search_ads", 100.0)], Business(), Setting(1, currency="EUR"))
    assert run.channels[0].missing == ("an exchange rate from USD to EUR",)
    unknown = forecast([Channel("Fairs", None, 100.0)], Business(order_value=1.0), Setting(1))
    assert unknown.channels[0].missing == ("no default figures for this kind of channel",)


def test_the_gap_and_the_backward_solution_for_a_lead_goal() -> None:
    """30 leads a quarter from 1,000 USD a month of search ads: base 3 x 14.297 = 42.89."""
    check = check_goal(
        Goal(Measure.LEADS, 60.0, 3),
        [Channel("Google", "search_ads", 1000.0)],
        Business(order_value=500.0),
        Setting(months=12),
    )
    assert check.values[Scenario.BASE] == approx(42.8897, rel=1e-5)
    assert check.values[Scenario.LOW] < check.values[Scenario.BASE] < check.values[Scenario.HIGH]
    assert check.gap == approx(60 - 42.8897, rel=1e-4)
    assert check.budget_factor == approx(60 / 42.8897, rel=1e-5)
    assert check.budget_needed == approx(12000 * 60 / 42.8897, rel=1e-5)
    assert check.conversions_needed["Google"] == approx(0.0752 * 60 / 42.8897, rel=1e-5)


# Properties over generated plans.

PAID: list[str | None] = [
    "search_ads",
    "shop_ads",
    "social_ads",
    "marketplace",
    "influencer",
    "events",
    "referral",
]
AUDIENCE = ["email", "messaging"]
KINDS = [*PAID, "seo_content", "social_media", "review_listing", "group_buy", *AUDIENCE, None]
shares = st.floats(0.0, 1.0, allow_nan=False)
maybe_share = st.none() | st.floats(0.001, 0.99)
budgets = st.just(0.0) | st.floats(0.01, 1e6)  # none, or at least a cent


@st.composite
def channel(draw: st.DrawFn, kinds: list[str | None] = KINDS) -> Channel:
    return Channel(
        name=draw(st.text("abcdefgh", min_size=1, max_size=6)),
        kind=draw(st.sampled_from(kinds)),
        budget=draw(budgets),
        period=draw(st.sampled_from(list(Period))),
        audience=draw(st.none() | st.floats(0.0, 1e6)),
        mailings_per_month=draw(st.floats(0.0, 30.0)),
    )


businesses = st.builds(
    Business,
    order_value=st.floats(0.01, 1e5),
    margin=maybe_share,
    repeat_rate=maybe_share,
    close_rate=maybe_share,
    conversion=maybe_share,
)
plans = st.builds(Setting, months=st.integers(1, 36))


def _le(a: float, b: float) -> bool:
    return a <= b * (1 + 1e-9) + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.lists(channel(), max_size=5), businesses, plans)
def test_scenarios_are_ordered(channels: list[Channel], business: Business, plan: Setting) -> None:
    runs = forecast_all(channels, business, plan)
    low, base, high = (runs[s].totals for s in Scenario)
    for measure in Measure:
        assert _le(low.measure(measure), base.measure(measure)), measure
        assert _le(base.measure(measure), high.measure(measure)), measure
    if low.cac is not None and base.cac is not None and high.cac is not None:
        assert _le(high.cac, base.cac)
        assert _le(base.cac, low.cac)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(channel(), max_size=4),
    businesses,
    plans,
    st.floats(0.0, 0.99),
    st.floats(0.0, 0.99),
    st.integers(1, 12),
)
def test_a_higher_repeat_rate_never_lowers_revenue(
    channels: list[Channel],
    business: Business,
    plan: Setting,
    one: float,
    other: float,
    interval: int,
) -> None:
    low, high = sorted((one, other))
    lower = forecast(channels, replace(business, repeat_rate=low, order_interval=interval), plan)
    higher = forecast(channels, replace(business, repeat_rate=high, order_interval=interval), plan)
    assert _le(lower.totals.revenue, higher.totals.revenue)
    assert _le(lower.totals.repeat_revenue, higher.totals.repeat_revenue)
    for a, b in zip(lower.months, higher.months, strict=True):
        assert _le(a.revenue, b.revenue)
        assert a.first_revenue == approx(b.first_revenue, rel=1e-9, abs=1e-9)
    assert lower.totals.customers == higher.totals.customers


@settings(max_examples=150, deadline=None)
@given(channel(PAID), businesses, plans, st.sampled_from(list(Scenario)))
def test_doubling_a_paid_budget_never_lowers_its_forecast(
    one: Channel, business: Business, plan: Setting, scenario: Scenario
) -> None:
    before = forecast([one], business, plan, scenario).totals
    doubled = Channel(one.name, one.kind, one.budget * 2, one.period)
    after = forecast([doubled], business, plan, scenario).totals
    for measure in Measure:
        assert _le(before.measure(measure), after.measure(measure)), measure


@settings(max_examples=150, deadline=None)
@given(
    st.lists(channel(), min_size=1, max_size=4),
    businesses,
    plans,
    st.sampled_from(list(Measure)),
    st.floats(1.0, 1e5),
    st.none() | st.sampled_from([1, 3, 12]),
)
def test_the_backward_solution_fed_forward_meets_the_goal(
    channels: list[Channel],
    business: Business,
    plan: Setting,
    measure: Measure,
    target: float,
    per: int | None,
) -> None:
    goal = Goal(measure, target, per)
    check = check_goal(goal, channels, business, plan)
    periods = plan.months / per if per else 1.0
    if check.budget_factor is not None:
        scaled = [
            Channel(
                c.name,
                c.kind,
                c.budget * check.budget_factor,
                c.period,
                c.audience,
                c.mailings_per_month,
            )
            if c.kind is not None and c.kind not in AUDIENCE
            else c
            for c in channels
        ]
        met = forecast(scaled, business, plan).totals
        assert met.measure(measure) / periods == approx(
            max(target, met.measure(measure) / periods), rel=1e-6
        )
        assert met.spend == approx(check.budget_needed, rel=1e-9, abs=1e-9)
    if check.conversion_factor is not None:
        lifted = Setting(plan.months, conversion_factor=check.conversion_factor)
        met = forecast(channels, business, lifted).totals
        assert met.measure(measure) / periods == approx(target, rel=1e-6)


def test_without_an_order_value_leads_are_forecast_and_revenue_is_not() -> None:
    """1,000 USD of search ads at 5.26 a click: 190.1 visits, 7.52% of them leads (14.30)."""
    run = forecast([Channel("Google", "search_ads", 1000.0)], Business(), Setting(months=1))
    assert run.channels[0].missing == ()
    assert run.totals.leads == approx(1000 / 5.26 * 0.0752)
    assert run.totals.revenue == 0.0


def test_a_goal_window_counts_the_months_it_names() -> None:
    """SEO ramps up over 12 months, so the quarter ending in month 12 holds more than the
    plan's average quarter."""
    channels = [Channel("SEO", "seo_content", 1000.0)]
    setting = Setting(months=12)
    average = check_goal(Goal(Measure.LEADS, 10.0, 3), channels, Business(), setting)
    last = check_goal(Goal(Measure.LEADS, 10.0, 3, window=(10, 12)), channels, Business(), setting)
    run = forecast(channels, Business(), setting)
    assert last.values[Scenario.BASE] == approx(sum(m.leads for m in run.months[9:12]))
    assert last.values[Scenario.BASE] > average.values[Scenario.BASE]


def test_a_lead_signs_after_the_sales_cycle_and_only_inside_the_plan() -> None:
    """Search ads, 1,000 USD a month for 4 months: 14.297 leads a month (see above), 20% of
    them sign. With a 2-month cycle nothing signs in months 1 and 2, then each month signs the
    leads of two months before: 2 x 2.8593 customers in the plan instead of 4 x 2.8593."""
    channels = [Channel("Google", "search_ads", 1000.0)]
    at_once = forecast(channels, Business(order_value=100.0, close_rate=0.2), Setting(4))
    later = forecast(
        channels, Business(order_value=100.0, close_rate=0.2, sales_cycle=2), Setting(4)
    )
    assert [m.leads for m in later.months] == approx([m.leads for m in at_once.months])
    assert [m.customers for m in later.months] == approx([0.0, 0.0, 2.8593, 2.8593], rel=1e-4)
    assert later.totals.customers == approx(at_once.totals.customers / 2)
    assert later.totals.revenue == approx(at_once.totals.revenue / 2)
    # orders come straight from their visits: no cycle for them
    shop = [Channel("Shop ads", "shop_ads", 1000.0)]
    assert forecast(shop, Business(order_value=1.0, sales_cycle=6), Setting(2)).totals.customers > 0
