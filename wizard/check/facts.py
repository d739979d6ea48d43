"""What a session's answers say, as the plan check reads it: found by role, never by id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Bank, Question, QuestionType
from wizard.check.model import (
    ActionFacts,
    ChannelFacts,
    FigureChange,
    ForecastChannel,
    ForecastGoal,
    GoalFacts,
    PlanFacts,
    Ref,
    RiskFacts,
    SpendFacts,
    StageRef,
    TextAnswer,
)
from wizard.display import clean_text, money_parts
from wizard.finder import question_number
from wizard.flow import Step, visible
from wizard.plan.budget import Budget, compute_budget
from wizard.plan.channels import ChannelPlan, channel_plans
from wizard.plan.effect import Effect, compute_effect, forecast_text, goal_words, serves, to_reach
from wizard.plan.forecast_inputs import ForecastInputs, forecast_inputs
from wizard.plan.items import item_name, list_items
from wizard.plan.open_items import SHOWN
from wizard.plan.roles import role_value
from wizard.plan.text import has_value, one_line
from wizard.plan.timeline import as_date
from wizard.roles import Role
from wizard.session import AnswerStatus, Session

__all__ = ["given_answers", "plan_facts", "role_stages"]


def given_answers(bank: Bank, session: Session) -> tuple[list[Step], dict[str, Any]]:
    """The questions that show and the answers in force that have a value (as the plan)."""
    answers = session.answers
    steps = visible(bank, answers)
    given = {
        s.id: answers[s.id].value
        for s in steps
        if s.id in answers and answers[s.id].status in SHOWN and has_value(answers[s.id].value)
    }
    return steps, given


def _ref(bank: Bank, q: Question) -> Ref:
    return Ref(q.id, question_number(bank, q.id), one_line(q.title))


def _plays(q: Question, role: Role) -> bool:
    return q.role is role or q.field_with_role(role) is not None


def _role_refs(bank: Bank) -> dict[str, Ref]:
    """The first question playing each role, or holding a field that plays it."""
    refs: dict[str, Ref] = {}
    for _stage, q in bank.questions():
        for role in Role:
            if role.value not in refs and _plays(q, role):
                if role is Role.TIMELINE_LABEL and not _timeline_dates(q):
                    continue
                refs[role.value] = _ref(bank, q)
    return refs


def role_stages(bank: Bank) -> dict[str, StageRef]:
    """The stage of the first question playing each role (as :func:`_role_refs`)."""
    stages: dict[str, StageRef] = {}
    for number, stage in enumerate(bank.stages, start=1):
        for q in stage.questions:
            for role in Role:
                if role.value not in stages and _plays(q, role):
                    stages[role.value] = StageRef(number, stage.id, one_line(stage.title))
    return stages


def _text(value: Any) -> str | None:
    if not has_value(value):
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return one_line(str(value)) or None


def _field(q: Question, item: Mapping[str, Any], role: Role) -> Any:
    f = q.field_with_role(role)
    return item.get(f.id) if f is not None else None


def _parts(q: Question, roles: tuple[Role, ...]) -> frozenset[str]:
    return frozenset(r.value for r in roles if q.field_with_role(r) is not None)


def _goals(bank: Bank, given: Mapping[str, Any]) -> tuple[list[GoalFacts], frozenset[str]]:
    q = bank.role_question(Role.GOALS)
    if q is None:
        return [], frozenset()
    roles = (Role.GOAL_METRIC, Role.GOAL_BASELINE, Role.GOAL_TARGET, Role.GOAL_DEADLINE)
    goals = [
        GoalFacts(
            number=n,
            name=item_name(q, item),
            metric=_text(_field(q, item, Role.GOAL_METRIC)),
            baseline=_text(_field(q, item, Role.GOAL_BASELINE)),
            target=_text(_field(q, item, Role.GOAL_TARGET)),
            deadline=as_date(_field(q, item, Role.GOAL_DEADLINE)),
            owner=_text(_field(q, item, Role.GOAL_OWNER)),
        )
        for n, item in enumerate(list_items(given.get(q.id)), start=1)
    ]
    return goals, _parts(q, (*roles, Role.GOAL_OWNER))


_CHANNEL_PARTS = (Role.CHANNEL_OWNER, Role.CHANNEL_BUDGET, Role.CHANNEL_KPI, Role.CHANNEL_ACTIONS)


def _channel(bank: Bank, plan: ChannelPlan, given: Mapping[str, Any]) -> ChannelFacts:
    refs: dict[str, Ref] = {}
    found: dict[str, Any] = {}
    for q in plan.questions:
        for role in _CHANNEL_PARTS:
            if plan.item is not None and plan.number is not None:
                if q.field_with_role(role) is not None:
                    refs[role.value] = _ref(bank, q).at(plan.number)
                    found[role.value] = _field(q, plan.item, role)
            elif q.role is role:
                refs[role.value] = _ref(bank, q)
                found[role.value] = given.get(q.id)
    return ChannelFacts(
        name=plan.name,
        refs=refs,
        owner=_text(found.get(Role.CHANNEL_OWNER.value)),
        budget=money_parts(found.get(Role.CHANNEL_BUDGET.value)) is not None,
        kpi=_text(found.get(Role.CHANNEL_KPI.value)),
        actions=_text(found.get(Role.CHANNEL_ACTIONS.value)),
    )


def _risks(bank: Bank, given: Mapping[str, Any]) -> tuple[list[RiskFacts], frozenset[str]]:
    q = bank.role_question(Role.RISKS)
    if q is None:
        return [], frozenset()
    risks = [
        RiskFacts(
            number=n,
            name=item_name(q, item),
            control=_text(_field(q, item, Role.RISK_CONTROL)),
            owner=_text(_field(q, item, Role.RISK_OWNER)),
        )
        for n, item in enumerate(list_items(given.get(q.id)), start=1)
    ]
    return risks, _parts(q, (Role.RISK_CONTROL, Role.RISK_OWNER))


def _timeline_dates(q: Question) -> bool:
    return q.type is QuestionType.LIST and (
        q.field_with_role(Role.TIMELINE_START) is not None
        or q.field_with_role(Role.TIMELINE_END) is not None
    )


def _actions(bank: Bank, steps: list[Step], given: Mapping[str, Any]) -> list[ActionFacts]:
    out: list[ActionFacts] = []
    for step in steps:
        q = step.question
        if q.field_with_role(Role.TIMELINE_LABEL) is None or not _timeline_dates(q):
            continue
        for n, item in enumerate(list_items(given.get(q.id)), start=1):
            label = _text(_field(q, item, Role.TIMELINE_LABEL)) or f"{clean_text(q.title)} {n}"
            out.append(
                ActionFacts(
                    label=label,
                    ref=_ref(bank, q).at(n),
                    start=as_date(_field(q, item, Role.TIMELINE_START)),
                    end=as_date(_field(q, item, Role.TIMELINE_END)),
                    owner=_text(_field(q, item, Role.TIMELINE_OWNER)),
                    has_owner=q.field_with_role(Role.TIMELINE_OWNER) is not None,
                    has_start=q.field_with_role(Role.TIMELINE_START) is not None,
                    has_end=q.field_with_role(Role.TIMELINE_END) is not None,
                )
            )
    return out


def _allocated(budget: Budget) -> tuple[dict[str, float], bool]:
    """What the channels and budget lines spend over the plan, per currency, and whether it
    could all be counted (monthly amounts need the plan's length)."""
    sums: dict[str, float] = {}
    channels = budget.over_plan() if budget.rows else {}
    lines = budget.lines_over_plan() if budget.lines else {}
    countable = (not budget.rows or bool(channels)) and (not budget.lines or bool(lines))
    for part in (channels, lines):
        for currency, amount in part.items():
            sums[currency] = sums.get(currency, 0.0) + amount
    return sums, countable


def _forecast_goals(effect: Effect) -> list[ForecastGoal]:
    return [
        ForecastGoal(
            number=v.goal.number,
            name=v.goal.name,
            target=goal_words(v.goal, effect.currency),
            forecast=forecast_text(v, effect.currency),
            reached=v.reached,
            to_reach=to_reach(v, effect.currency),
        )
        for v in effect.goals
    ]


_FIGURES = (QuestionType.INTEGER, QuestionType.NUMBER, QuestionType.PERCENT, QuestionType.MONEY)
_TEXTS = (QuestionType.TEXT, QuestionType.LONG_TEXT)


def _figure(q: Question, value: Any) -> tuple[float, str | None] | None:
    if q.type is QuestionType.MONEY:
        parts = money_parts(value)
        return (parts[0], parts[1] or None) if parts else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), None
    return None


def _changes(bank: Bank, steps: list[Step], session: Session) -> list[FigureChange]:
    """The figure answers in force whose figure changed (see ``Answer.previous``)."""
    out: list[FigureChange] = []
    for step in steps:
        q, answer = step.question, session.answers.get(step.id)
        if q.type not in _FIGURES or answer is None or answer.previous is None:
            continue
        if answer.status is not AnswerStatus.ANSWERED:
            continue
        old, new = _figure(q, answer.previous), _figure(q, answer.value)
        if old is not None and new is not None and old[0] != new[0]:
            percent = q.type is QuestionType.PERCENT
            out.append(FigureChange(_ref(bank, q), old[0], new[0], new[1], percent))
    return out


def _texts(bank: Bank, steps: list[Step], given: Mapping[str, Any]) -> list[TextAnswer]:
    """The text answers in force, and each list item's text fields (one entry per item)."""
    out: list[TextAnswer] = []
    for step in steps:
        q, value = step.question, given.get(step.id)
        if value is None:
            continue
        if q.type in _TEXTS and isinstance(value, str):
            out.append(TextAnswer(_ref(bank, q), value))
        elif q.type is QuestionType.LIST:
            fields = [f for f in q.fields or [] if f.type in _TEXTS]
            for n, item in enumerate(list_items(value), start=1):
                said = [item[f.id] for f in fields if isinstance(item.get(f.id), str)]
                if said:
                    out.append(TextAnswer(_ref(bank, q).at(n), "\n".join(said)))
    return out


def plan_facts(
    bank: Bank, session: Session, forecast: tuple[ForecastInputs, Effect | None] | None = None
) -> PlanFacts:
    """The facts the rules read from a session's answers in force."""
    steps, given = given_answers(bank, session)
    budget = compute_budget(bank, steps, given)
    allocated, countable = _allocated(budget)
    goals, goal_parts = _goals(bank, given)
    risks, risk_parts = _risks(bank, given)
    channels = [_channel(bank, plan, given) for plan in channel_plans(steps, given)]
    total = budget.total
    spend = total
    if spend is None and len(allocated) == 1:
        currency, amount = next(iter(allocated.items()))
        spend = (amount, currency)
    listed = role_value(bank, given, Role.KPIS)
    kpis = [one_line(k) for k in str(listed).splitlines()] if has_value(listed) else []
    kpis += [ch.kpi for ch in channels if ch.kpi]
    swot = (Role.STRENGTHS, Role.WEAKNESSES, Role.OPPORTUNITIES, Role.THREATS)
    if forecast is None:  # the plan passes the forecast it has made already
        inputs = forecast_inputs(bank, session, steps, given)
        forecast = (inputs, compute_effect(inputs))
    inputs, effect = forecast
    counted = effect is not None and effect.counted
    return PlanFacts(
        refs=_role_refs(bank),
        plan_start=as_date(role_value(bank, given, Role.PLAN_START)),
        plan_end=as_date(role_value(bank, given, Role.PLAN_END)),
        goals=goals,
        goal_parts=goal_parts,
        channels=channels,
        budget_total=total,
        allocated=allocated,
        costliest=budget.largest(total[1]) if total is not None else [],
        budget_countable=countable,
        budget_skipped=budget.lines_skipped,
        spend=SpendFacts(
            spend=spend, sales=money_parts(role_value(bank, given, Role.EXPECTED_SALES))
        ),
        kpis=[k for k in kpis if k.strip()],
        data_sources=has_value(role_value(bank, given, Role.DATA_SOURCES)),
        data_cadence=has_value(role_value(bank, given, Role.DATA_CADENCE)),
        swot={r.value: _text(role_value(bank, given, r)) for r in swot},
        risks=risks,
        risk_parts=risk_parts,
        actions=_actions(bank, steps, given),
        positioning=_text(role_value(bank, given, Role.POSITIONING)),
        forecast=counted,
        forecast_goals=_forecast_goals(effect) if effect is not None and counted else [],
        goals_not_counted=inputs.other_goals,
        forecast_left_out=[name for name, numbers in serves(effect) if numbers is None]
        if effect is not None and counted
        else [],
        forecast_channels=[ForecastChannel(name, numbers) for name, numbers in serves(effect)]
        if effect is not None and counted
        else [],
        changes=_changes(bank, steps, session),
        texts=_texts(bank, steps, given),
    )
