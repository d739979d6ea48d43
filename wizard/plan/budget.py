"""The budget by channel: the channel budgets against the total, as a table and a sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard.bank import Bank, Period, Question
from wizard.display import clean_text, format_value, money_parts
from wizard.flow import Step
from wizard.i18n import _, ngettext
from wizard.plan.channels import channel_budgets, unbudgeted
from wizard.plan.items import list_items
from wizard.plan.model import Block, Paragraph, Table
from wizard.plan.roles import role_answer, role_value
from wizard.plan.text import join, money, number_word, sentences
from wizard.plan.timeline import as_date
from wizard.roles import Role

__all__ = ["Budget", "budget_blocks", "budget_sentence", "compute_budget", "plan_months", "whole"]


def plan_months(start: object, end: object) -> int | None:
    """The plan's length in whole months (2027-01-01 to 2027-12-31 is 12), if both dates."""
    first, last = as_date(start), as_date(end)
    if first is None or last is None or last <= first:
        return None
    return max(1, round((last - first).days / (365.25 / 12)))


@dataclass(frozen=True)
class BudgetLine:
    """One line of the budget beside the channels (tools, people, fees...): what it is, and
    what it costs once and each month, in one currency."""

    name: str
    cells: list[str]  # the line's other fields, as shown (its kind...)
    once: float
    monthly: float
    currency: str

    def over_plan(self, months: int | None) -> float | None:
        if self.monthly and months is None:
            return None
        return self.once + self.monthly * (months or 0)


@dataclass(frozen=True)
class Budget:
    """The channel budgets, whether they are per month, the budget lines beside them, and the
    plan's total budget."""

    rows: list[tuple[str, float, str, str]]  # channel, amount, currency, question id
    monthly: bool
    months: int | None
    total: tuple[float, str] | None
    lines: list[BudgetLine] = field(default_factory=list)
    lines_question: Question | None = None
    lines_skipped: int = 0  # lines in two currencies, or without an amount, left out of sums
    unbudgeted: list[str] = field(default_factory=list)  # chosen channels without an amount

    def lines_over_plan(self) -> dict[str, float]:
        """What the budget lines cost over the whole plan, per currency (empty when a monthly
        line cannot be counted because the plan's length is not known)."""
        sums: dict[str, float] = {}
        for line in self.lines:
            over = line.over_plan(self.months)
            if over is None:
                return {}
            sums[line.currency] = sums.get(line.currency, 0.0) + over
        return sums

    def largest(self, currency: str, most: int = 3) -> list[tuple[str, float]]:
        """The channels and budget lines that cost the most over the plan in ``currency``, the
        costliest first (what to look at when the budget runs over its total)."""
        months = self.months or 0
        items = [
            (name, amount * months if self.monthly else amount)
            for name, amount, cur, _qid in self.rows
            if cur == currency
        ]
        for line in self.lines:
            over = line.over_plan(self.months)
            if line.currency == currency and over is not None:
                items.append((line.name, over))
        return sorted(items, key=lambda item: -item[1])[:most]

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
    found = role_answer(bank, given, Role.BUDGET_LINES)
    lines, skipped = _budget_lines(*found) if found else ([], 0)
    return Budget(
        unbudgeted=unbudgeted(steps, given),
        lines=lines,
        lines_question=found[0] if found else None,
        lines_skipped=skipped,
        rows=[(c.name, c.amount, c.currency, c.question_id) for c in channels],
        monthly=bool(channels) and all(c.monthly for c in channels),
        months=plan_months(
            role_value(bank, given, Role.PLAN_START), role_value(bank, given, Role.PLAN_END)
        ),
        total=money_parts(role_value(bank, given, Role.BUDGET_TOTAL)),
    )


def _budget_lines(q: Question, value: Any) -> tuple[list[BudgetLine], int]:
    """The lines of the budget-lines answer, and how many could not be added up (no amount,
    or amounts in two currencies)."""
    name_field = q.field_with_role(Role.BUDGET_ITEM)
    amounts = [f for f in q.fields or [] if f.role is Role.BUDGET_AMOUNT]
    others = [f for f in q.fields or [] if f is not name_field and f not in amounts]
    lines: list[BudgetLine] = []
    skipped = 0
    for number, item in enumerate(list_items(value), start=1):
        parts = [(f.period, money_parts(item.get(f.id))) for f in amounts]
        given = [(period, money) for period, money in parts if money is not None]
        currencies = {money[1] for _period, money in given}
        if len(currencies) != 1:
            skipped += 1
            continue
        name = item.get(name_field.id) if name_field else None
        lines.append(
            BudgetLine(
                name=clean_text(str(name)).replace("\n", " ")
                if name
                else _("Line {number}").format(number=number),
                cells=[format_value(f, item.get(f.id)).replace("\n", " ") for f in others],
                once=sum(m[0] for period, m in given if period is not Period.MONTH),
                monthly=sum(m[0] for period, m in given if period is Period.MONTH),
                currency=currencies.pop(),
            )
        )
    return lines, skipped


def _lines_table(budget: Budget) -> Table | None:
    """The budget lines with what each costs once, a month and over the plan, and totals."""
    q = budget.lines_question
    if q is None or not budget.lines:
        return None
    name_field = q.field_with_role(Role.BUDGET_ITEM)
    amounts = {f.id for f in q.fields or [] if f.role is Role.BUDGET_AMOUNT}
    others = [f for f in q.fields or [] if f is not name_field and f.id not in amounts]
    months = budget.months
    columns = [
        name_field.title if name_field else _("Line"),
        *(f.title for f in others),
        _("One-off"),
        _("Per month"),
    ]
    if months:
        columns.append(_("Over the plan ({months} months)").format(months=months))

    def cost(amount: float, currency: str) -> str:
        return money(whole(amount), currency) if amount else "—"

    rows = []
    for line in budget.lines:
        row = [line.name, *line.cells, cost(line.once, line.currency)]
        row.append(cost(line.monthly, line.currency))
        if months:
            row.append(cost(line.over_plan(months) or 0, line.currency))
        rows.append(row)
    currencies = list(dict.fromkeys(line.currency for line in budget.lines))
    for currency in currencies:
        mine = [line for line in budget.lines if line.currency == currency]
        label = (
            _("Total")
            if len(currencies) == 1
            else _("Total ({currency})").format(currency=currency)
        )
        row = [label, *("" for _f in others)]
        row.append(cost(sum(line.once for line in mine), currency))
        row.append(cost(sum(line.monthly for line in mine), currency))
        if months:
            row.append(cost(sum(line.over_plan(months) or 0 for line in mine), currency))
        rows.append(row)
    return Table(
        title=q.title,
        columns=columns,
        rows=rows,
        total_rows=len(currencies),
        question_ids=[q.id],
    )


def budget_blocks(budget: Budget) -> list[Block]:
    """The channel budgets and the budget lines as tables with their totals, then a sentence
    checking them against the total budget."""
    blocks: list[Block] = []
    lines = _lines_table(budget)
    if lines is not None:
        blocks.append(lines)
    sentence = budget_sentence(budget) or _unbudgeted_sentence(budget)
    channels = _channel_blocks(budget)
    blocks = channels + blocks
    if sentence:
        blocks.append(Paragraph(text=sentence))
    return blocks


def _unbudgeted_sentence(budget: Budget) -> str | None:
    """The chosen channels the totals leave out, for want of an amount."""
    if not budget.unbudgeted:
        return None
    return ngettext(
        "{names} has no budget yet, so the totals leave it out.",
        "{names} have no budget yet, so the totals leave them out.",
        len(budget.unbudgeted),
    ).format(names=join(budget.unbudgeted))


def _channel_blocks(budget: Budget) -> list[Block]:
    """The channel budgets as one table with a total per currency, checked against the total."""
    if not budget.rows:
        return []
    totals = budget.totals()
    over = budget.over_plan() if budget.monthly else {}
    columns = [_("Channel"), _("Per month") if budget.monthly else _("Budget")]
    if over:
        columns.append(_("Over the plan ({months} months)").format(months=budget.months))

    def row(name: str, amount: float, currency: str) -> list[str]:
        cells = [name, money(whole(amount), currency)]
        if over:
            cells.append(money(whole(amount * (budget.months or 0)), currency))
        return cells

    table_rows = [row(name, amount, currency) for name, amount, currency, _qid in budget.rows]
    for currency, amount in totals.items():
        label = (
            _("Total")
            if len(totals) == 1
            else _("Total ({currency})").format(currency=currency or _("no currency"))
        )
        table_rows.append(row(label, amount, currency))
    blocks: list[Block] = [
        Table(
            title=_("Budget by channel"),
            columns=columns,
            rows=table_rows,
            total_rows=len(totals),
            question_ids=[qid for *_rest, qid in budget.rows],
        )
    ]
    return blocks


def budget_sentence(budget: Budget) -> str | None:
    """How the channel budgets and the budget lines compare with the total budget, when they
    can be compared (one currency, the plan's length known for what is paid monthly), and
    which chosen channels have no budget yet."""
    compared = _compared(budget)
    if compared is None:
        return None
    missing = _unbudgeted_sentence(budget)
    return sentences([compared, missing]) if missing else compared


def _compared(budget: Budget) -> str | None:
    """How the channel budgets and the budget lines compare with the total budget."""
    if budget.total is None:
        return None
    amount, currency = budget.total
    spent = budget.over_plan() if budget.rows else {}
    channels = bool(budget.rows) and list(spent) == [currency]
    lines_spent = budget.lines_over_plan()
    lines = bool(budget.lines) and list(lines_spent) == [currency]
    if not channels and not lines:
        return None
    total = money(whole(amount), currency)
    allocated = (spent[currency] if channels else 0.0) + (lines_spent[currency] if lines else 0.0)
    shown = money(whole(allocated), currency)
    if channels:
        plans = money(whole(spent[currency]), currency)
        if lines:
            other = money(whole(lines_spent[currency]), currency)
        if budget.monthly:
            months = ngettext("{n} month", "{n} months", budget.months or 0).format(
                n=number_word(budget.months or 0)
            )
            monthly = money(whole(budget.totals()[currency]), currency)
            if lines:
                text = _(
                    "Over the plan's {months} the channel plans spend {plans} ({monthly} a "
                    "month) and the other budget lines {other}: {shown} of the total budget of "
                    "{total}"
                ).format(
                    months=months,
                    plans=plans,
                    monthly=monthly,
                    other=other,
                    shown=shown,
                    total=total,
                )
            else:
                text = _(
                    "Over the plan's {months} the channel plans spend {plans} ({monthly} a "
                    "month) of the total budget of {total}"
                ).format(months=months, plans=plans, monthly=monthly, total=total)
        elif lines:
            text = _(
                "The channel plans spend {plans} and the other budget lines {other}: {shown} of "
                "the total budget of {total}"
            ).format(plans=plans, other=other, shown=shown, total=total)
        else:
            text = _("The channel plans spend {plans} of the total budget of {total}").format(
                plans=plans, total=total
            )
    else:
        text = _(
            "The budget lines cost {shown} over the plan, of the total budget of {total}"
        ).format(shown=shown, total=total)
    # TRANSLATORS: the endings below follow the sentence above ({text}), their punctuation
    # included
    if allocated < amount:
        rest = money(whole(amount - allocated), currency)
        if lines:
            ending = _("; {rest} remain for costs outside these.")
        else:
            ending = _("; {rest} remain for costs outside the channel plans.")
        return text + ending.format(rest=rest)
    if allocated > amount:
        over = money(whole(allocated - amount), currency)
        return text + _(", which they exceed by {over}: the budget needs another look.").format(
            over=over
        )
    if lines:
        return text + _(": the whole budget is allocated.")
    return text + _(": the whole budget goes to the channels.")


def whole(amount: float) -> float | int:
    return int(amount) if float(amount).is_integer() else amount
