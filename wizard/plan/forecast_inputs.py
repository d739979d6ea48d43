"""What the forecast needs, read from a session's answers by role: the plan's months and
currency, each chosen channel with its kind and budget, the business's own figures, and the
goals whose target the forecast can count.

Nothing here knows a question id or a choice value: a channel's kind is its choice's
``forecast:`` key, a goal's measure its measure choice's ``measure:`` and ``per_months:`` keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from wizard.bank import Bank, Period, Question
from wizard.display import clean_text, money_parts
from wizard.flow import Step
from wizard.forecast.funnel import Business, Channel, Measure, Setting, setting_for
from wizard.forecast.funnel import Period as Per
from wizard.i18n import _
from wizard.plan.budget import plan_months
from wizard.plan.channels import ChannelPlan, channel_plans, channels_question
from wizard.plan.items import item_name, list_items
from wizard.plan.roles import role_answer, role_value
from wizard.plan.text import one_line
from wizard.plan.timeline import as_date
from wizard.roles import Role
from wizard.session import AnswerStatus, Session

__all__ = [
    "ForecastInputs",
    "GoalInput",
    "OwnFigure",
    "forecast_inputs",
    "months_between",
    "target_number",
]

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "千": 1e3,
    "万": 1e4,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "百万": 1e6,
    "亿": 1e8,
    "bn": 1e9,
    "billion": 1e9,
}
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)(\.\d+)?\s*"
    r"(thousand|million|billion|百万|mn|bn|[km千万亿](?![a-z]))?",
    re.IGNORECASE,
)


def target_number(text: str) -> float | None:
    """The first number of a goal's target as written: '10 a month' 10, '250,000 CNY'
    250000, '2.4 million EUR' 2400000, '1.5k' 1500, '8万' 80000; None without one."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    whole, fraction, unit = match.groups()
    number = float(re.sub(r"[,\u00a0 ]", "", whole) + (fraction or ""))
    return number * _MULTIPLIERS.get((unit or "").casefold(), 1.0)


def months_between(start: dt.date, day: dt.date) -> int:
    """The plan month (from 1) a day falls in, counted from the plan's start."""
    return (day.year - start.year) * 12 + day.month - start.month + 1


@dataclass(frozen=True)
class GoalInput:
    """A goal the forecast can count: its number in the goals list, its name, what its target
    counts and over which months of the plan."""

    number: int
    name: str
    target_text: str
    target: float
    measure: Measure
    per_months: int | None
    window: tuple[int, int]
    """The plan's months it is measured over: the period ending at its deadline (or the
    plan's end), or from the start for a target over the whole plan."""
    baseline: float | None = None
    """Where the measure stands today (the first number of the goal's baseline)."""

    @property
    def needed(self) -> float:
        """What the plan's channels must add: the target above today's level when the
        baseline is below it (the forecast counts only what the plan brings), else the
        target."""
        if self.baseline is not None and 0 < self.baseline < self.target:
            return self.target - self.baseline
        return self.target


@dataclass(frozen=True)
class OwnFigure:
    """One of the business's own figures: given, "don't know yet", or not answered."""

    role: Role
    label: str
    question_id: str
    value: float | None
    status: AnswerStatus | None


@dataclass(frozen=True)
class ForecastInputs:
    """Everything the forecast of one session needs; ``setting`` is None when the plan's
    period is not known (no forecast then)."""

    setting: Setting | None
    start: dt.date | None
    channels: list[Channel]
    not_forecast: list[tuple[str, str]]
    """Chosen channels left out, each with why ('no budget', 'no default figures')."""
    business: Business
    own: list[OwnFigure]
    goals: list[GoalInput]
    other_goals: list[str]
    """Goals whose target the forecast cannot count (by name), or without a number."""
    expected_sales: tuple[float, str] | None


_SHARES = (Role.MARGIN, Role.REPEAT_RATE, Role.CLOSE_RATE, Role.CONVERSION)
_OWN = (Role.ORDER_VALUE, *_SHARES, Role.ORDER_INTERVAL, Role.SALES_CYCLE, Role.AUDIENCE)


def _own_figures(bank: Bank, session: Session, given: Mapping[str, Any]) -> list[OwnFigure]:
    figures: list[OwnFigure] = []
    for role in _OWN:
        q = bank.role_question(role)
        if q is None:
            continue
        answer = session.answers.get(q.id)
        raw = given.get(q.id)
        if role is Role.ORDER_VALUE:
            money = money_parts(raw)
            value = money[0] if money else None
        elif isinstance(raw, int | float) and not isinstance(raw, bool):
            value = float(raw) / 100 if role in _SHARES else float(raw)
        else:
            value = None
        status = answer.status if answer is not None else None
        figures.append(OwnFigure(role, one_line(q.title), q.id, value, status))
    return figures


def _budget(plan: ChannelPlan) -> tuple[float, str, Period] | None:
    for q in plan.questions:
        if plan.item is not None:
            f = q.field_with_role(Role.CHANNEL_BUDGET)
            money = money_parts(plan.item.get(f.id)) if f is not None else None
            if f is not None and money:
                return money[0], money[1], f.period or Period.PLAN
        elif q.role is Role.CHANNEL_BUDGET:
            return None  # looked up by the caller in the answers
    return None


def _channels(
    steps: list[Step], given: Mapping[str, Any], currency: str | None
) -> tuple[list[Channel], list[tuple[str, str]], str | None]:
    selector = channels_question(steps, given)
    channels: list[Channel] = []
    left: list[tuple[str, str]] = []
    for plan in channel_plans(steps, given):
        choice = selector.choice(plan.choice) if selector and plan.choice else None
        kind = choice.forecast if choice is not None else None
        budget = _budget(plan)
        if budget is None:
            for q in plan.questions:
                money = money_parts(given.get(q.id)) if q.role is Role.CHANNEL_BUDGET else None
                if money:
                    budget = (money[0], money[1], q.period or Period.PLAN)
                    break
        if budget is None:
            left.append((plan.name, _("no budget")))
            continue
        amount, money_currency, period = budget
        currency = currency or money_currency
        if money_currency != currency:
            left.append(
                (
                    plan.name,
                    _("a budget in {money_currency}, not {currency}").format(
                        money_currency=money_currency, currency=currency
                    ),
                )
            )
            continue
        if kind is None:
            left.append((plan.name, _("no default figures for this kind of channel")))
            continue
        channels.append(Channel(plan.name, kind, amount, Per(period.value)))
    return channels, left, currency


def _goals(
    bank: Bank, given: Mapping[str, Any], start: dt.date | None, months: int | None
) -> tuple[list[GoalInput], list[str]]:
    found = role_answer(bank, given, Role.GOALS)
    if found is None:
        return [], []
    q, value = found
    measure_field = q.field_with_role(Role.GOAL_MEASURE)
    target_field = q.field_with_role(Role.GOAL_TARGET)
    baseline_field = q.field_with_role(Role.GOAL_BASELINE)
    deadline_field = q.field_with_role(Role.GOAL_DEADLINE)
    goals: list[GoalInput] = []
    others: list[str] = []
    for number, item in enumerate(list_items(value), start=1):
        name = item_name(q, item) or _("{noun} {number}").format(
            noun=clean_text(q.title), number=number
        )
        choice = _choice(measure_field, item)
        text = one_line(str(item.get(target_field.id) or "")) if target_field else ""
        target = target_number(text) if text else None
        if choice is None or choice.measure is None or target is None or months is None:
            others.append(name)
            continue
        deadline = as_date(item.get(deadline_field.id)) if deadline_field else None
        last = months
        if deadline is not None and start is not None:
            last = max(1, min(months, months_between(start, deadline)))
        first = 1 if choice.per_months is None else max(1, last - choice.per_months + 1)
        said = one_line(str(item.get(baseline_field.id) or "")) if baseline_field else ""
        goals.append(
            GoalInput(
                number=number,
                name=name,
                target_text=text,
                target=target,
                measure=Measure(choice.measure),
                per_months=choice.per_months,
                window=(first, last),
                baseline=target_number(said) if said else None,
            )
        )
    return goals, others


def _choice(field: Question | None, item: Mapping[str, Any]) -> Any:
    if field is None:
        return None
    picked = item.get(field.id)
    return field.choice(str(picked)) if picked is not None else None


def forecast_inputs(
    bank: Bank, session: Session, steps: list[Step], given: Mapping[str, Any]
) -> ForecastInputs:
    """The forecast's inputs from the answers in force (``given``, as the plan builds them)."""
    start = as_date(role_value(bank, given, Role.PLAN_START))
    end = as_date(role_value(bank, given, Role.PLAN_END))
    months = plan_months(start, end)
    total = money_parts(role_value(bank, given, Role.BUDGET_TOTAL))
    channels, left, currency = _channels(steps, given, total[1] if total else None)
    own = _own_figures(bank, session, given)
    known = {f.role: f.value for f in own}
    audience = known.get(Role.AUDIENCE)
    if audience is not None:
        channels = [replace(c, audience=audience) for c in channels]
    business = Business(
        order_value=known.get(Role.ORDER_VALUE),
        margin=known.get(Role.MARGIN),
        repeat_rate=known.get(Role.REPEAT_RATE),
        close_rate=known.get(Role.CLOSE_RATE),
        conversion=known.get(Role.CONVERSION),
        order_interval=max(1, round(known.get(Role.ORDER_INTERVAL) or 1)),
        sales_cycle=max(0, round(known.get(Role.SALES_CYCLE) or 0)),
    )
    goals, others = _goals(bank, given, start, months)
    setting = None
    if months is not None and currency is not None:
        setting = setting_for(months, currency)
    return ForecastInputs(
        setting=setting,
        start=start,
        channels=channels,
        not_forecast=left,
        business=business,
        own=own,
        goals=goals,
        other_goals=others,
        expected_sales=money_parts(role_value(bank, given, Role.EXPECTED_SALES)),
    )
