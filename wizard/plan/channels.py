"""The channels of the plan, in the order the channels answer gives them.

The channels answer is the question playing the ``channels`` role. Each of its choices owns the
channel-plan questions of its section that show because it was picked (their ``when`` holds
with that choice and not without it): either a group of questions (one built-in channel's plan)
or a list whose items are each a channel of the user's own, named by the list's
``item_heading``. A channel's budget is the answer (or list field) playing ``channel.budget``.
Nothing here knows a question id: the structure is read from the bank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wizard.bank import Period, Question, QuestionType
from wizard.conditions import evaluate
from wizard.display import clean_text, money_parts
from wizard.flow import Step
from wizard.plan.items import item_id, item_label, item_name, list_items
from wizard.plan.text import values
from wizard.roles import Role

__all__ = [
    "ChannelBudget",
    "ChannelPlan",
    "channel_budgets",
    "channel_names",
    "channel_plans",
    "channels_question",
    "named_items",
    "unbudgeted",
]


@dataclass(frozen=True)
class ChannelBudget:
    """One row of the budget by channel."""

    name: str
    amount: float
    currency: str
    question_id: str
    monthly: bool


def channels_question(steps: list[Step], given: Mapping[str, Any]) -> Question | None:
    """The channels answer: the answered question playing the channels role."""
    return next(
        (s.question for s in steps if s.question.role is Role.CHANNELS and s.id in given),
        None,
    )


def _owner(q: Question, selector: Question, choices: list[str], given: Mapping[str, Any]) -> str:
    """The choice of the channels answer whose picking shows ``q`` ('' for none)."""
    if q.when is None:
        return ""
    if evaluate(q.when, {**given, selector.id: []}):
        return ""
    return next((c for c in choices if evaluate(q.when, {**given, selector.id: [c]})), "")


def _in_channel_order(steps: list[Step], given: Mapping[str, Any]) -> list[Question]:
    """The channels section's questions, those of each picked choice in the answer's order
    first, then any other (bank order)."""
    selector = channels_question(steps, given)
    if selector is None:
        return [s.question for s in steps if _budgeted(s.question)]
    questions = [s.question for s in steps if s.question.section == selector.section]
    picked = values(given[selector.id])
    owner = {q.id: _owner(q, selector, selector.choice_values(), given) for q in questions}
    ordered = [q for value in picked for q in questions if owner[q.id] == value]
    return ordered + [q for q in questions if q not in ordered and q is not selector]


def _budgeted(q: Question) -> bool:
    """Whether ``q`` holds a channel's budget, or its list's items each hold one."""
    return q.role is Role.CHANNEL_BUDGET or q.field_with_role(Role.CHANNEL_BUDGET) is not None


def named_items(q: Question, value: Any) -> list[tuple[int, Mapping[str, Any], str]]:
    """The items of a list, each with its number and its name: what the user called it or,
    for an item without a name yet, its place ('Channel 3')."""
    return [
        (number, item, item_name(q, item) or item_label(q, item, number))
        for number, item in enumerate(list_items(value), start=1)
    ]


def _monthly(q: Question) -> bool:
    return q.period is Period.MONTH


def channel_budgets(steps: list[Step], given: Mapping[str, Any]) -> list[ChannelBudget]:
    """The channel budgets: each picked channel's budget, one row per channel of the user's
    own, in the order of the channels answer."""
    rows: list[ChannelBudget] = []
    for q in _in_channel_order(steps, given):
        value = given.get(q.id)
        if value is None:
            continue
        if q.role is Role.CHANNEL_BUDGET and (money := money_parts(value)):
            name = clean_text(q.group or q.title).replace("\n", " ")
            rows.append(ChannelBudget(name, money[0], money[1], q.id, _monthly(q)))
        elif q.type is QuestionType.LIST and q.item_heading:
            budgets = [f for f in q.fields or [] if f.role is Role.CHANNEL_BUDGET]
            for number, item, name in named_items(q, value):
                for field in budgets[:1]:
                    money = money_parts(item.get(field.id))
                    if money:
                        row = ChannelBudget(
                            name, money[0], money[1], item_id(q, number, field), _monthly(field)
                        )
                        rows.append(row)
    return rows


def unbudgeted(steps: list[Step], given: Mapping[str, Any]) -> list[str]:
    """The channels whose budget shows but has no amount (not answered, "don't know yet",
    skipped), by name, in the order of the channels answer."""
    names: list[str] = []
    for q in _in_channel_order(steps, given):
        if q.role is Role.CHANNEL_BUDGET and money_parts(given.get(q.id)) is None:
            names.append(clean_text(q.group or q.title).replace("\n", " "))
        elif q.type is QuestionType.LIST and q.item_heading and q.id in given:
            field = q.field_with_role(Role.CHANNEL_BUDGET)
            if field is None:
                continue
            names += [
                name
                for _number, item, name in named_items(q, given[q.id])
                if money_parts(item.get(field.id)) is None
            ]
    return names


def channel_names(steps: list[Step], given: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """Each channel of the channels answer by name, in its order: (name, whether it is a
    label of the bank rather than the user's words). A choice that stands for channels of
    the user's own gives their names instead of its label."""
    selector = channels_question(steps, given)
    if selector is None:
        return []
    questions = _in_channel_order(steps, given)
    choices = selector.choice_values()
    out: list[tuple[str, bool]] = []
    for value in values(given[selector.id]):
        lists = [
            q
            for q in questions
            if q.type is QuestionType.LIST
            and q.item_heading
            and _owner(q, selector, choices, given) == value
        ]
        if lists:
            out += [
                (name, False) for q in lists for _n, _i, name in named_items(q, given.get(q.id))
            ]
            continue
        # a channel's short name in the plan's sentences, where the menu's label says more
        label = selector.choice_phrase(value) or selector.choice_label(value)
        out.append((clean_text(label).replace("\n", " "), value in choices))
    return out


@dataclass(frozen=True)
class ChannelPlan:
    """One chosen channel and the questions of its plan: a group of questions, or one item
    (``number``, 1-based) of a list of channels of the user's own."""

    name: str
    questions: list[Question]
    item: Mapping[str, Any] | None = None
    number: int | None = None
    choice: str | None = None
    """The value of the channels answer's choice it comes from."""


def channel_plans(steps: list[Step], given: Mapping[str, Any]) -> list[ChannelPlan]:
    """Each chosen channel with its plan's questions, in the order of the channels answer."""
    selector = channels_question(steps, given)
    if selector is None:
        return []
    questions = [s.question for s in steps if s.question.section == selector.section]
    choices = selector.choice_values()
    owner = {q.id: _owner(q, selector, choices, given) for q in questions}
    plans: list[ChannelPlan] = []
    for value in values(given[selector.id]):
        mine = [q for q in questions if owner[q.id] == value and q is not selector]
        lists = [q for q in mine if q.type is QuestionType.LIST and q.item_heading]
        if lists:
            for q in lists:
                plans += [
                    ChannelPlan(name, [q], item, number, value)
                    for number, item, name in named_items(q, given.get(q.id))
                ]
            continue
        if not mine:
            continue
        label = selector.choice_phrase(value) or selector.choice_label(value)
        name = clean_text(mine[0].group or label).replace("\n", " ")
        plans.append(ChannelPlan(name, mine, choice=value))
    return plans
