"""The plan's summary: a few paragraphs on who, why, the goals, the channels and the money."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Bank, Question
from wizard.i18n import _, is_chinese, ngettext
from wizard.plan.budget import Budget, budget_sentence, whole
from wizard.plan.roles import role_answer
from wizard.plan.text import (
    date_text,
    has_value,
    join,
    lower_first,
    money,
    number_word,
    one_line,
    sentences,
    values,
)
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
    who = one_line(str(name[1])) if name else _("the business")
    if industry:
        who = _("{name} ({industry})").format(
            name=who, industry=lower_first(one_line(str(industry[1])))
        )
    if start and end:
        first = _(
            "This draft plan sets out how {who} will market itself online from {start} to {end}."
        ).format(who=who, start=date_text(start[1]), end=date_text(end[1]))
    elif end:
        first = _("This draft plan sets out how {who} will market itself online until {end}.")
        first = first.format(who=who, end=date_text(end[1]))
    elif start:
        first = _("This draft plan sets out how {who} will market itself online from {start}.")
        first = first.format(who=who, start=date_text(start[1]))
    else:
        first = _("This draft plan sets out how {who} will market itself online.").format(who=who)
    said = [first]
    purpose = get(Role.PURPOSE)
    if purpose:
        aims = [
            _aim(phrase) if known else _("to pursue “{aim}”").format(aim=phrase)
            for phrase, known in phrases(purpose)
        ]
        if aims:
            said.append(_("Its purpose is {aims}.").format(aims=join(aims)))
    paragraphs.append(sentences(said))

    goals = get(Role.GOALS)
    if goals and isinstance(goals[1], list):
        paragraph = _goals_paragraph(goals[0], goals[1])
        if paragraph:
            paragraphs.append(paragraph)

    money_said: list[str] = []
    base, platforms = get(Role.ONLINE_BASE), get(Role.PLATFORMS)
    if base:
        where = join([phrase for phrase, _known in phrases(base)])
        names = [label for label, _known in choices(platforms)] if platforms else []
        if names:
            money_said.append(
                _("Its online base is {where} ({platforms}).").format(
                    where=where, platforms=join(names)
                )
            )
        else:
            money_said.append(_("Its online base is {where}.").format(where=where))
    labels = [lower_first(label) if known else label for label, known in channels or []]
    if labels:
        money_said.append(
            ngettext(
                "The work runs through {n} channel: {channels}.",
                "The work runs through {n} channels: {channels}.",
                len(labels),
            ).format(n=number_word(len(labels)), channels=join(labels))
        )
    sentence = budget_sentence(budget)
    if sentence:
        money_said.append(sentence)
    elif budget.total:
        money_said.append(
            _("The total budget is {amount}.").format(
                amount=money(whole(budget.total[0]), budget.total[1])
            )
        )
    if budget.rows and not sentence:
        spent = join([money(whole(a), c) for c, a in budget.totals().items()])
        if budget.monthly:
            money_said.append(_("The channel plans spend {spent} a month.").format(spent=spent))
        else:
            money_said.append(_("The channel plans spend {spent}.").format(spent=spent))
    if forecast:
        money_said.append(forecast)
    if money_said:
        paragraphs.append(sentences(money_said))

    if open_count or unanswered_count or empty_sections:
        bits = []
        if open_count:
            bits.append(
                ngettext(
                    "{n} question is still open", "{n} questions are still open", open_count
                ).format(n=number_word(open_count))
            )
        if unanswered_count:
            bits.append(
                ngettext(
                    "{n} question is not answered yet",
                    "{n} questions are not answered yet",
                    unanswered_count,
                ).format(n=number_word(unanswered_count))
            )
        if empty_sections:
            bits.append(
                ngettext(
                    "{n} section has no answers yet",
                    "{n} sections have no answers yet",
                    empty_sections,
                ).format(n=number_word(empty_sections))
            )
        if open_count + unanswered_count + empty_sections == 1:
            closing = _(
                "This is a draft: {what}; it is listed under Open questions and should be "
                "settled before the plan is approved."
            )
        else:
            closing = _(
                "This is a draft: {what}; they are listed under Open questions and should be "
                "settled before the plan is approved."
            )
        paragraphs.append(closing.format(what=join(bits)))
    return paragraphs


def _aim(phrase: str) -> str:
    """A purpose as the sentence says it: 'to grow sales' (Chinese: as it is)."""
    if is_chinese() or phrase.startswith("to "):
        return phrase
    return f"to {phrase}"


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
        detail = _(", ").join(
            bit
            for bit in (
                one_line(str(target)) if has_value(target) else "",
                _("by {deadline}").format(deadline=date_text(deadline))
                if has_value(deadline)
                else "",
            )
            if bit
        )
        text = f"“{one_line(str(part(g, Role.GOAL_NAME)))}”"
        shown.append(_("{goal} ({detail})").format(goal=text, detail=detail) if detail else text)
    n = len(items)
    if fields[Role.GOAL_OWNER] is not None and all(
        has_value(part(g, Role.GOAL_OWNER)) for g in items
    ):
        lead = ngettext(
            "{n} goal leads the plan, with a named owner",
            "{n} goals lead the plan, each with a named owner",
            n,
        )
    else:
        lead = ngettext("{n} goal leads the plan", "{n} goals lead the plan", n)
    lead = lead.format(n=number_word(n).capitalize())
    rest = n - len(shown)
    tail = (
        ngettext(
            "; {n} more goal is in the table", "; {n} more goals are in the table", rest
        ).format(n=number_word(rest))
        if rest
        else ""
    )
    return _("{lead}: {goals}{more}.").format(lead=lead, goals=join(shown), more=tail)
