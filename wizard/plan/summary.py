"""The plan's summary: a few paragraphs on who, why, the goals, the channels and the money."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Bank, Question
from wizard.display import format_money
from wizard.plan.budget import Budget, budget_sentence, whole
from wizard.plan.text import count, has_value, join, lower_first, one_line, values

__all__ = ["compose_summary"]


_AIMS = {
    "expand_channels_sales": "to open new online sales channels",
    "build_brand": "to build a better-known brand",
    "adjust_programme": "to rework the online marketing already in place",
}
"""How the summary says the plan's purposes, for the choices it knows."""


def compose_summary(
    bank: Bank,
    given: Mapping[str, Any],
    budget: Budget,
    *,
    channels: list[tuple[str, bool]] | None = None,
    open_count: int,
    unanswered_count: int = 0,
    empty_sections: int,
) -> list[str]:
    """A few paragraphs a consultant would sign: who, why, the goals, channels and money.

    ``channels`` names the channels in the order of the channels answer (name, whether it is
    a label of the bank), ``open_count`` counts the questions to settle ("don't know yet", skipped though required),
    ``unanswered_count`` the questions not answered yet, ``empty_sections`` the sections left out.
    """

    def get(qid: str) -> tuple[Question, Any] | None:
        if qid not in given:
            return None
        try:
            return bank.question(qid), given[qid]
        except KeyError:
            return None

    def choices(found: tuple[Question, Any]) -> list[tuple[str, bool]]:
        """(label, whether it is one of the bank's choices) for each value of a select."""
        q, value = found
        known = set(q.choice_values())
        return [(one_line(q.choice_label(v)), v in known) for v in values(value)]

    paragraphs: list[str] = []
    name, industry = get("business_name"), get("industry")
    start, end = get("plan_start"), get("plan_end")
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
    purpose = get("plan_purpose")
    if purpose:
        aims = [
            _AIMS.get(value, f"to {lower_first(label)}") if known else f"to pursue “{label}”"
            for (label, known), value in zip(choices(purpose), values(purpose[1]), strict=True)
        ]
        if aims:
            sentences.append(f"Its purpose is {join(aims)}.")
    paragraphs.append(" ".join(sentences))

    goals = get("goals")
    items = [g for g in goals[1] if isinstance(g, Mapping) and g.get("goal")] if goals else []
    if items and goals and isinstance(goals[1], list):
        shown = []
        for g in items[:3]:
            target = one_line(str(g["target"])) if has_value(g.get("target")) else ""
            deadline = f"by {g['deadline']}" if has_value(g.get("deadline")) else ""
            detail = ", ".join(part for part in (target, deadline) if part)
            text = f"“{one_line(str(g['goal']))}”"
            shown.append(f"{text} ({detail})" if detail else text)
        if len(items) == 1:
            lead = "One goal leads the plan"
        else:
            lead = f"{count(len(items), 'goal').capitalize()} lead the plan"
        if all(has_value(g.get("owner")) for g in items):
            lead += ", each with a named owner"
        rest = len(items) - len(shown)
        tail = (
            f"; {count(rest, 'more goal')} {'is' if rest == 1 else 'are'} in the table"
            if rest
            else ""
        )
        paragraphs.append(f"{lead}: {join(shown)}{tail}.")

    money: list[str] = []
    platform, platforms = get("platform_type"), get("third_party_platforms")
    places = []
    if platform and platform[1] in {"own_website", "both"}:
        places.append("its own website")
    if platform and platform[1] in {"third_party", "both"}:
        places += [label for label, _known in choices(platforms)] if platforms else []
        if not platforms:
            places.append("third-party platforms")
    if places:
        own = places[0] == "its own website"
        base = join(places[1:] if own else places)
        if own:
            base = f"its own website, together with {base}" if len(places) > 1 else places[0]
        money.append(f"Its online base is {base}.")
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
