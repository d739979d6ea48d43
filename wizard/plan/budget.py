"""The budget by channel: the channel budgets against the total, as a table and a sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wizard.bank import Bank
from wizard.display import format_money, money_parts
from wizard.flow import Step
from wizard.plan.channels import channel_budgets
from wizard.plan.model import Block, Paragraph, Table
from wizard.plan.roles import role_value
from wizard.plan.text import count
from wizard.plan.timeline import as_date
from wizard.roles import Role

__all__ = ["Budget", "budget_blocks", "budget_sentence", "compute_budget", "whole"]


def _months(start: object, end: object) -> int | None:
    """The plan's length in whole months (2027-01-01 to 2027-12-31 is 12), if both dates."""
    first, last = as_date(start), as_date(end)
    if first is None or last is None or last <= first:
        return None
    return max(1, round((last - first).days / (365.25 / 12)))


@dataclass(frozen=True)
class Budget:
    """The channel budgets, whether they are per month, and the plan's total budget."""

    rows: list[tuple[str, float, str, str]]  # channel, amount, currency, question id
    monthly: bool
    months: int | None
    total: tuple[float, str] | None

    def totals(self) -> dict[str, float]:
        sums: dict[str, float] = {}
        for _name, amount, currency, _qid in self.rows:
            sums[currency] = sums.get(currency, 0.0) + amount
        return sums

    def over_plan(self) -> dict[str, float]:
        """What the channels spend over the whole plan (monthly budgets times its months)."""
        factor = (self.months or 0) if self.monthly else 1
        return {c: a * factor for c, a in self.totals().items()} if factor else {}


def compute_budget(bank: Bank, steps: list[Step], given: Mapping[str, Any]) -> Budget:
    """The channel budgets, in the order of the channels answer, and the total budget."""
    channels = channel_budgets(steps, given)
    return Budget(
        rows=[(c.name, c.amount, c.currency, c.question_id) for c in channels],
        monthly=bool(channels) and all(c.monthly for c in channels),
        months=_months(
            role_value(bank, given, Role.PLAN_START), role_value(bank, given, Role.PLAN_END)
        ),
        total=money_parts(role_value(bank, given, Role.BUDGET_TOTAL)),
    )


def budget_blocks(budget: Budget) -> list[Block]:
    """The channel budgets as one table with a total per currency, checked against the total."""
    if not budget.rows:
        return []
    totals = budget.totals()
    over = budget.over_plan() if budget.monthly else {}
    columns = ["Channel", "Per month" if budget.monthly else "Budget"]
    if over:
        columns.append(f"Over the plan ({budget.months} months)")

    def row(name: str, amount: float, currency: str) -> list[str]:
        cells = [name, format_money(whole(amount), currency)]
        if over:
            cells.append(format_money(whole(amount * (budget.months or 0)), currency))
        return cells

    table_rows = [row(name, amount, currency) for name, amount, currency, _qid in budget.rows]
    for currency, amount in totals.items():
        label = "Total" if len(totals) == 1 else f"Total ({currency or 'no currency'})"
        table_rows.append(row(label, amount, currency))
    blocks: list[Block] = [
        Table(
            title="Budget by channel",
            columns=columns,
            rows=table_rows,
            total_rows=len(totals),
            question_ids=[qid for *_rest, qid in budget.rows],
        )
    ]
    sentence = budget_sentence(budget)
    if sentence:
        blocks.append(Paragraph(text=sentence))
    return blocks


def budget_sentence(budget: Budget) -> str | None:
    """How the channel budgets compare with the total budget, when they can be compared."""
    if budget.total is None:
        return None
    amount, currency = budget.total
    spent = budget.over_plan()
    if list(spent) != [currency]:
        return None
    allocated = spent[currency]
    total = format_money(whole(amount), currency)
    if budget.monthly:
        monthly = format_money(whole(budget.totals()[currency]), currency)
        text = (
            f"Over the plan's {count(budget.months or 0, 'month')} the channel plans spend "
            f"{format_money(whole(allocated), currency)} ({monthly} a month) of the total "
            f"budget of {total}"
        )
    else:
        text = (
            f"The channel plans spend {format_money(whole(allocated), currency)} of the total "
            f"budget of {total}"
        )
    if allocated < amount:
        rest = format_money(whole(amount - allocated), currency)
        return text + f"; {rest} remain for costs outside the channel plans."
    if allocated > amount:
        over = format_money(whole(allocated - amount), currency)
        return text + f", which they exceed by {over}: the budget needs another look."
    return text + ": the whole budget goes to the channels."


def whole(amount: float) -> float | int:
    return int(amount) if float(amount).is_integer() else amount
