"""The plan's summary: a few paragraphs on who, why, the goals, the channels and the money."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Bank, Question
from wizard.display import format_money
from wizard.plan.budget import Budget, budget_sentence, whole
from wizard.plan.roles import role_answer
from wizard.plan.text import count, has_value, join, lower_first, number_word, one_line, values
from wizard.roles import Role

__all__ = ["compose_summary"]


def compose_summary(
    bank: Bank,
    given: Mapping[str, Any],
    budget: Budget,
    *,
    channels: list[tuple[str, bool]] | None = None,
    open_count: int,
    unanswered_count: int = 0,
    empty_sections: int,
    forecast: str | None = None,
) -> list[str]:
    """A few paragraphs a consultant would sign: who, why, the goals, channels and money.

    ``channels`` names the channels in the order of the channels answer (name, whether it is
    a label of the bank), ``open_count`` counts the questions to settle ("don't know yet", skipped though required),
    ``unanswered_count`` the questions not answered yet, ``empty_sections`` the sections left out.
    """

    def get(role: Role) -> tuple[Question, Any] | None:
        return role_answer(bank, given, role)

    def choices(found: tuple[Question, Any]) -> list[tuple[str, bool]]:
        """(label, whether it is one of the bank's choices) for each value of a select."""
        q, value = found
        known = set(q.choice_values())
        return [(one_line(q.choice_label(v)), v in known) for v in values(value)]

    def phrases(found: tuple[Question, Any]) -> list[tuple[str, bool]]:
        """(how a sentence says it, whether it is one of the bank's choices) for each value."""
        q, value = found
        known = set(q.choice_values())
        return [
            (one_line(q.choice_phrase(v) or lower_first(q.choice_label(v))), True)
            if v in known
            else (one_line(v), False)
            for v in values(value)
        ]

    paragraphs: list[str] = []
    name, industry = get(Role.BUSINESS_NAME), get(Role.INDUSTRY)
    start, end = get(Role.PLAN_START), get(Role.PLAN_END)
    first = f"This draft plan sets out how {one_line(str(name[1])) if name else 'the business'}"
    if industry:
        first += f" ({lower_first(one_line(str(industry[1])))})"
    first += " will market itself online"
    if start and end:
        first += f" from {start[1]} to {end[1]}"
    elif end:
        first += f" until {end[1]}"
    elif start:
        first += f" from {start[1]}"
    sentences = [first + "."]
    purpose = get(Role.PURPOSE)
    if purpose:
        aims = [
            (phrase if phrase.startswith("to ") else f"to {phrase}")
            if known
            else f"to pursue “{phrase}”"
            for phrase, known in phrases(purpose)
        ]
        if aims:
            sentences.append(f"Its purpose is {join(aims)}.")
    paragraphs.append(" ".join(sentences))

    goals = get(Role.GOALS)
    if goals and isinstance(goals[1], list):
        paragraph = _goals_paragraph(goals[0], goals[1])
        if paragraph:
            paragraphs.append(paragraph)

    money: list[str] = []
    base, platforms = get(Role.ONLINE_BASE), get(Role.PLATFORMS)
    if base:
        where = join([phrase for phrase, _known in phrases(base)])
        names = [label for label, _known in choices(platforms)] if platforms else []
        money.append(f"Its online base is {where}" + (f" ({join(names)})." if names else "."))
    labels = [lower_first(label) if known else label for label, known in channels or []]
    if labels:
        money.append(f"The work runs through {count(len(labels), 'channel')}: {join(labels)}.")
    sentence = budget_sentence(budget)
    if sentence:
        money.append(sentence)
    elif budget.total:
        money.append(
            f"The total budget is {format_money(whole(budget.total[0]), budget.total[1])}."
        )
    if budget.rows and not sentence:
        per = " a month" if budget.monthly else ""
        spent = join([format_money(whole(a), c) for c, a in budget.totals().items()])
        money.append(f"The channel plans spend {spent}{per}.")
    if forecast:
        money.append(forecast)
    if money:
        paragraphs.append(" ".join(money))

    if open_count or unanswered_count or empty_sections:
        bits = []
        if open_count:
            verb = "is" if open_count == 1 else "are"
            bits.append(f"{count(open_count, 'question')} {verb} still open")
        if unanswered_count:
            verb = "is" if unanswered_count == 1 else "are"
            bits.append(f"{count(unanswered_count, 'question')} {verb} not answered yet")
        if empty_sections:
            verb = "has" if empty_sections == 1 else "have"
            bits.append(f"{count(empty_sections, 'section')} {verb} no answers yet")
        they = "it is" if open_count + unanswered_count + empty_sections == 1 else "they are"
        paragraphs.append(
            f"This is a draft: {join(bits)}; {they} listed under Open questions and should be "
            "settled before the plan is approved."
        )
    return paragraphs


def _goals_paragraph(q: Question, goals: list[Any]) -> str | None:
    """The goals by name, with their targets and deadlines, as the goals list's roles say."""
    fields = {
        role: q.field_with_role(role)
        for role in (Role.GOAL_NAME, Role.GOAL_TARGET, Role.GOAL_DEADLINE, Role.GOAL_OWNER)
    }

    def part(item: Mapping[str, Any], role: Role) -> Any:
        field = fields[role]
        return item.get(field.id) if field is not None else None

    items = [g for g in goals if isinstance(g, Mapping) and has_value(part(g, Role.GOAL_NAME))]
    if not items:
        return None
    shown = []
    for g in items[:3]:
        target = part(g, Role.GOAL_TARGET)
        deadline = part(g, Role.GOAL_DEADLINE)
        detail = ", ".join(
            bit
            for bit in (
                one_line(str(target)) if has_value(target) else "",
                f"by {deadline}" if has_value(deadline) else "",
            )
            if bit
        )
        text = f"“{one_line(str(part(g, Role.GOAL_NAME)))}”"
        shown.append(f"{text} ({detail})" if detail else text)
    lead = (
        "One goal leads the plan"
        if len(items) == 1
        else f"{number_word(len(items)).capitalize()} goals lead the plan"
    )
    if fields[Role.GOAL_OWNER] is not None and all(
        has_value(part(g, Role.GOAL_OWNER)) for g in items
    ):
        lead += ", each with a named owner" if len(items) > 1 else ", with a named owner"
    rest = len(items) - len(shown)
    tail = (
        f"; {count(rest, 'more goal')} {'is' if rest == 1 else 'are'} in the table" if rest else ""
    )
    return f"{lead}: {join(shown)}{tail}."
