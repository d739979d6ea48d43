"""Build the draft plan from a session: a pure function of the bank, the answers and the date.

Each answer in force lands in its question's plan section, shaped by its type: short answers
gather in key/value lists, long texts become paragraphs or points (one per line), multi-selects
become points, list answers become tables. A few sections get more: strengths, weaknesses,
opportunities and threats form a 2x2 grid, the channel budgets add up to a budget table, and
the dated milestones and tasks make a timeline. A section with no answers stays out of the body
and is named under the open questions, with every "don't know yet" and every skipped required
question. The appendix lists every question that shows, stage by stage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from wizard.bank import Bank, PlanSection, Question, QuestionType
from wizard.display import clean_text, format_money, format_number, format_value, money_parts
from wizard.flow import Step, open_questions, visible
from wizard.plan.model import (
    AppendixEntry,
    AppendixStage,
    Block,
    BulletList,
    EntryStatus,
    KeyValue,
    KeyValueList,
    Note,
    OpenItem,
    OpenQuestions,
    Paragraph,
    Part,
    Plan,
    Section,
    Swot,
    Table,
    Timeline,
    TimelineItem,
)
from wizard.session import Answer, AnswerStatus, Session

__all__ = [
    "PARTS",
    "SECTION_TITLES",
    "build_plan",
    "clean_text",
    "format_money",
    "format_number",
    "format_value",
    "split_points",
]

EMPTY_CELL = "—"

SECTION_TITLES: dict[PlanSection, str] = {
    PlanSection.PURPOSE: "Purpose and significance of the plan",
    PlanSection.MISSION: "The enterprise's task",
    PlanSection.GOALS: "Goals",
    PlanSection.WHO_WE_ARE: "Who we are",
    PlanSection.CUSTOMERS: "Target customers and positioning",
    PlanSection.COMPETITORS: "Competitors",
    PlanSection.SWOT: "Strengths, weaknesses, opportunities and threats",
    PlanSection.RESEARCH: "Market research and forecast",
    PlanSection.PRODUCT: "Product",
    PlanSection.PLATFORM: "Platform and promotion",
    PlanSection.CHANNELS: "Channel plans",
    PlanSection.OPERATIONS: "Business operations",
    PlanSection.TEAM: "Team and positions",
    PlanSection.DATA: "Data-analysis plan",
    PlanSection.BUDGET: "Budget",
    PlanSection.EFFECT: "Expected effect",
    PlanSection.RISKS: "Risks and their control",
    PlanSection.TIMELINE: "Timeline and action list",
}


@dataclass(frozen=True)
class PartSpec:
    id: Literal["goals", "analysis", "implementation"]
    title: str
    intro: str
    sections: tuple[PlanSection, ...]


PARTS: tuple[PartSpec, ...] = (
    PartSpec(
        "goals",
        "I. Goals",
        "Setting goals: what the plan is for, why it matters now, the task of the enterprise, "
        "and the specific, measurable and time-limited goals it must reach.",
        (PlanSection.PURPOSE, PlanSection.MISSION, PlanSection.GOALS),
    ),
    PartSpec(
        "analysis",
        "II. Analysis",
        "Analysis of ideas: who we are, the target customers, the competitors and our own "
        "strengths and weaknesses, which together settle the overall idea of the plan.",
        (
            PlanSection.WHO_WE_ARE,
            PlanSection.CUSTOMERS,
            PlanSection.COMPETITORS,
            PlanSection.SWOT,
            PlanSection.RESEARCH,
            PlanSection.PRODUCT,
        ),
    ),
    PartSpec(
        "implementation",
        "III. Implementation",
        "Implementation: the idea broken down into platform, channels, people, money and "
        "material, with data to steer by, risks to control, and tasks set in time and assigned "
        "to people.",
        (
            PlanSection.PLATFORM,
            PlanSection.CHANNELS,
            PlanSection.OPERATIONS,
            PlanSection.TEAM,
            PlanSection.DATA,
            PlanSection.BUDGET,
            PlanSection.EFFECT,
            PlanSection.RISKS,
            PlanSection.TIMELINE,
        ),
    ),
)

_SWOT_IDS = ("strengths", "weaknesses", "opportunities", "threats")
_SHORT = {
    QuestionType.TEXT,
    QuestionType.SELECT,
    QuestionType.CONFIRM,
    QuestionType.INTEGER,
    QuestionType.NUMBER,
    QuestionType.MONEY,
    QuestionType.PERCENT,
    QuestionType.DATE,
}


# --- text and values -----------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*•·–]\s+)")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).split("\n")]


def split_points(text: str) -> list[str]:
    """The non-empty lines of a text, without any bullet marker the user typed."""
    return [_BULLET.sub("", line) for line in _lines(text) if line]


def _text_blocks(text: str) -> list[Paragraph | BulletList]:
    """A long text as blocks: a chunk of one line is a paragraph, of several lines points."""
    blocks: list[Paragraph | BulletList] = []
    chunk: list[str] = []
    for line in [*_lines(text), ""]:
        if line:
            chunk.append(line)
            continue
        if len(chunk) == 1:
            blocks.append(Paragraph(text=chunk[0]))
        elif chunk:
            blocks.append(BulletList(items=[_BULLET.sub("", item) for item in chunk]))
        chunk = []
    return blocks


def _labels(q: Question, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [clean_text(q.choice_label(str(v))) for v in items if v is not None]


def _has_value(value: Any) -> bool:
    return not (value is None or (isinstance(value, str | list | dict) and not value))


# --- sections ----------------------------------------------------------------------------------


def _short_label(q: Question, grouped: bool) -> str:
    """A label without the group's name: 'SEO: budget per month' -> 'Budget per month'."""
    label = clean_text(q.title)
    if grouped and ": " in label:
        rest = label.split(": ", 1)[1].strip()
        if rest:
            label = rest[0].upper() + rest[1:]
    return label


@dataclass
class _SectionBuilder:
    """Collects the blocks of one section: its short answers in one key/value list on top."""

    title: str
    grouped: bool = False
    facts: KeyValueList = field(default_factory=lambda: KeyValueList(rows=[]))
    blocks: list[Block] = field(default_factory=list)

    def add(self, q: Question, value: Any) -> None:
        title = _short_label(q, self.grouped)
        if title.casefold() == self.title.casefold():
            title = ""  # the heading above already says it
        if q.type in _SHORT:
            shown = format_value(q, value).replace("\n", " ")
            self.facts.rows.append(
                KeyValue(key=_short_label(q, self.grouped), value=shown, question_id=q.id)
            )
            self.facts.question_ids.append(q.id)
        elif q.type is QuestionType.MULTI_SELECT:
            self.blocks.append(
                BulletList(title=title or None, items=_labels(q, value), question_ids=[q.id])
            )
        elif q.type is QuestionType.LIST:
            table = _list_table(q, value)
            if table is not None:
                table.title = title or None
                self.blocks.append(table)
        else:
            blocks = _text_blocks(str(value))
            for n, block in enumerate(blocks):
                block.question_ids = [q.id]
                if n == 0:
                    block.title = title or None
            self.blocks.extend(blocks)

    def result(self) -> list[Block]:
        return ([self.facts] if self.facts.rows else []) + self.blocks


def _list_table(q: Question, value: Any) -> Table | None:
    """A list answer as a table; a column no item fills is left out."""
    items = [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []
    if not items:
        return None
    fields = q.fields or []
    filled = [f for f in fields if any(_has_value(item.get(f.id)) for item in items)]
    columns = filled or fields[:1]
    rows = [
        [format_value(f, item.get(f.id)).replace("\n", " / ") or EMPTY_CELL for f in columns]
        for item in items
    ]
    return Table(title=q.title, columns=[f.title for f in columns], rows=rows, question_ids=[q.id])


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "group"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _group_title(
    group: str, questions: list[Question], steps: list[Step], given: Mapping[str, Any]
) -> str:
    """A group's title; the plan of an "Other" channel is named in the user's own words.

    Questions ``<choice>_...`` belong to that choice of a multi-select asked before them (the
    channels); when it is the free-text choice, what the user typed names the group.
    """
    for step in steps:
        q = step.question
        other = q.other_choice()
        if q.type is not QuestionType.MULTI_SELECT or other is None or q.id not in given:
            continue
        if all(x.id.startswith(f"{other.value}_") for x in questions):
            known = set(q.choice_values())
            typed = [_one_line(v) for v in _values(given[q.id]) if v not in known]
            if typed:
                return _join(typed)
    return group


def _build_section(section: PlanSection, steps: list[Step], given: Mapping[str, Any]) -> Section:
    title = SECTION_TITLES[section]
    main = _SectionBuilder(title)
    groups: dict[str, _SectionBuilder] = {}
    owners: dict[str, list[Question]] = {}
    swot: Swot | None = None
    for step in steps:
        q = step.question
        if q.id not in given:
            continue
        value = given[q.id]
        if section is PlanSection.SWOT and q.id in _SWOT_IDS and q.type is QuestionType.LONG_TEXT:
            if swot is None:
                swot = Swot()
                main.blocks.append(swot)
            getattr(swot, q.id).extend(split_points(str(value)))
            swot.question_ids.append(q.id)
        elif q.group:
            group = clean_text(q.group)
            groups.setdefault(group, _SectionBuilder(group, grouped=True)).add(q, value)
            owners.setdefault(group, []).append(q)
        else:
            main.add(q, value)
    taken: set[str] = set()
    subsections = [
        Section(
            id=_slug(group, taken),
            title=_group_title(group, owners[group], steps, given),
            blocks=builder.result(),
        )
        for group, builder in groups.items()
        if builder.result()
    ]
    return Section(id=section.value, title=title, blocks=main.result(), subsections=subsections)


# --- derived content: budget by channel, timeline ------------------------------------------------


def _months(start: object, end: object) -> int | None:
    """The plan's length in whole months (2027-01-01 to 2027-12-31 is 12), if both dates."""
    first, last = _date(start), _date(end)
    if first is None or last is None or last <= first:
        return None
    return max(1, round((last - first).days / (365.25 / 12)))


@dataclass(frozen=True)
class _Budget:
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


def _budget(steps: list[Step], given: Mapping[str, Any]) -> _Budget:
    rows: list[tuple[str, float, str, str]] = []
    monthly: list[bool] = []
    total: tuple[float, str] | None = None
    for step in steps:
        q = step.question
        money = money_parts(given.get(q.id)) if q.type is QuestionType.MONEY else None
        if money is None:
            continue
        if q.section is PlanSection.CHANNELS:
            name = clean_text(q.title)
            if q.group:
                group = [s.question for s in steps if s.question.group == q.group]
                name = _group_title(clean_text(q.group), group, steps, given)
            rows.append((name, money[0], money[1], q.id))
            monthly.append("per month" in f"{q.title} {q.prompt}".casefold())
        elif q.section is PlanSection.BUDGET and total is None:
            total = money
    return _Budget(
        rows=rows,
        monthly=bool(monthly) and all(monthly),
        months=_months(given.get("plan_start"), given.get("plan_end")),
        total=total,
    )


def _budget_blocks(budget: _Budget) -> list[Block]:
    """The channel budgets as one table with a total per currency, checked against the total."""
    if not budget.rows:
        return []
    totals = budget.totals()
    over = budget.over_plan() if budget.monthly else {}
    columns = ["Channel", "Per month" if budget.monthly else "Budget"]
    if over:
        columns.append(f"Over the plan ({budget.months} months)")

    def row(name: str, amount: float, currency: str) -> list[str]:
        cells = [name, format_money(_whole(amount), currency)]
        if over:
            cells.append(format_money(_whole(amount * (budget.months or 0)), currency))
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
            question_ids=[qid for *_rest, qid in budget.rows],
        )
    ]
    sentence = _budget_sentence(budget)
    if sentence:
        blocks.append(Paragraph(text=sentence))
    return blocks


def _budget_sentence(budget: _Budget) -> str | None:
    """How the channel budgets compare with the total budget, when they can be compared."""
    if budget.total is None:
        return None
    amount, currency = budget.total
    spent = budget.over_plan()
    if list(spent) != [currency]:
        return None
    allocated = spent[currency]
    total = format_money(_whole(amount), currency)
    if budget.monthly:
        monthly = format_money(_whole(budget.totals()[currency]), currency)
        text = (
            f"Over the plan's {_count(budget.months or 0, 'month')} the channel plans spend "
            f"{format_money(_whole(allocated), currency)} ({monthly} a month) of the total "
            f"budget of {total}"
        )
    else:
        text = (
            f"The channel plans spend {format_money(_whole(allocated), currency)} of the total "
            f"budget of {total}"
        )
    if allocated < amount:
        rest = format_money(_whole(amount - allocated), currency)
        return text + f"; {rest} remain for costs outside the channel plans."
    if allocated > amount:
        over = format_money(_whole(allocated - amount), currency)
        return text + f", which they exceed by {over}: the budget needs another look."
    return text + ": the whole budget goes to the channels."


def _whole(amount: float) -> float | int:
    return int(amount) if float(amount).is_integer() else amount


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


_LABEL_IDS = ("task", "milestone", "name", "title", "what", "stage")
_START_IDS = ("start", "starts", "begin", "from")
_END_IDS = ("due", "end", "ends", "date", "deadline", "until", "by")


def _timeline_items(q: Question, value: Any) -> list[TimelineItem]:
    fields = q.fields or []
    texts = [f for f in fields if f.type in {QuestionType.TEXT, QuestionType.LONG_TEXT}]
    dates = [f for f in fields if f.type is QuestionType.DATE]
    if not texts or not dates or not isinstance(value, list):
        return []
    label_field = next((f for f in texts if f.id in _LABEL_IDS), texts[0])
    start_field = next((f for f in dates if f.id in _START_IDS), None)
    end_field = next(
        (f for f in dates if f.id in _END_IDS and f is not start_field),
        next((f for f in dates if f is not start_field), None),
    )
    owner_field = next((f for f in fields if f.id in {"owner", "who", "responsible"}), None)
    items = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        label = clean_text(str(item.get(label_field.id) or "")).replace("\n", " ").strip()
        start = _date(item.get(start_field.id)) if start_field else None
        end = _date(item.get(end_field.id)) if end_field else None
        if not label or (start is None and end is None):
            continue
        owner = item.get(owner_field.id) if owner_field else None
        kind: Literal["task", "milestone"] = (
            "task" if start and end and start < end else "milestone"
        )
        first = start or end
        last = end or start
        if first is None or last is None or last < first:
            continue
        items.append(
            TimelineItem(
                kind=kind,
                label=label,
                start=first,
                end=last,
                owner=clean_text(str(owner)).replace("\n", " ") if _has_value(owner) else None,
                group=clean_text(q.title),
            )
        )
    return sorted(items, key=lambda i: (i.start, i.end))


def _insert_after_sources(blocks: list[Block], derived: Block) -> None:
    """Put a derived block right after the last block showing the answers it comes from."""
    sources = set(derived.question_ids)
    last = max((n for n, b in enumerate(blocks) if sources & set(b.question_ids)), default=None)
    blocks.insert(len(blocks) if last is None else last + 1, derived)


def _timeline_block(steps: list[Step], given: Mapping[str, Any]) -> Timeline | None:
    items: list[TimelineItem] = []
    ids: list[str] = []
    for step in steps:
        q = step.question
        if q.type is QuestionType.LIST and q.id in given:
            found = _timeline_items(q, given[q.id])
            if found:
                items += found
                ids.append(q.id)
    return Timeline(title="Timeline", items=items, question_ids=ids) if items else None


# --- summary -----------------------------------------------------------------------------------

_NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


def _count(n: int, noun: str) -> str:
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def _join(items: Sequence[str]) -> str:
    """'a, b and c'; with a serial comma when an item has an 'and' of its own."""
    if len(items) <= 1:
        return "".join(items)
    comma = "," if len(items) > 2 and any(" and " in item for item in items) else ""
    return f"{', '.join(items[:-1])}{comma} and {items[-1]}"


def _lower_first(label: str) -> str:
    """'Open new channels' -> 'open new channels', 'E-mail' -> 'e-mail'; 'SEO', 'WeChat' stay."""
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and not any(ch.isupper() for ch in first[1:]):
        return label[0].lower() + label[1:]
    return label


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


_AIMS = {
    "expand_channels_sales": "to open new online sales channels",
    "build_brand": "to build a better-known brand",
    "adjust_programme": "to rework the online marketing already in place",
}
"""How the summary says the plan's purposes, for the choices it knows."""


def _values(value: Any) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _summary(
    bank: Bank, given: Mapping[str, Any], budget: _Budget, open_count: int, empty_sections: int
) -> list[str]:
    """A few paragraphs a consultant would sign: who, why, the goals, channels and money."""

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
        return [(_one_line(q.choice_label(v)), v in known) for v in _values(value)]

    paragraphs: list[str] = []
    name, industry = get("business_name"), get("industry")
    start, end = get("plan_start"), get("plan_end")
    first = f"This draft plan sets out how {_one_line(str(name[1])) if name else 'the business'}"
    if industry:
        first += f" ({_lower_first(_one_line(str(industry[1])))})"
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
            _AIMS.get(value, f"to {_lower_first(label)}") if known else f"to pursue “{label}”"
            for (label, known), value in zip(choices(purpose), _values(purpose[1]), strict=True)
        ]
        if aims:
            sentences.append(f"Its purpose is {_join(aims)}.")
    paragraphs.append(" ".join(sentences))

    goals = get("goals")
    items = [g for g in goals[1] if isinstance(g, Mapping) and g.get("goal")] if goals else []
    if items and goals and isinstance(goals[1], list):
        shown = []
        for g in items[:3]:
            target = _one_line(str(g["target"])) if _has_value(g.get("target")) else ""
            deadline = f"by {g['deadline']}" if _has_value(g.get("deadline")) else ""
            detail = ", ".join(part for part in (target, deadline) if part)
            text = f"“{_one_line(str(g['goal']))}”"
            shown.append(f"{text} ({detail})" if detail else text)
        if len(items) == 1:
            lead = "One goal leads the plan"
        else:
            lead = f"{_count(len(items), 'goal').capitalize()} lead the plan"
        if all(_has_value(g.get("owner")) for g in items):
            lead += ", each with a named owner"
        rest = len(items) - len(shown)
        tail = (
            f"; {_count(rest, 'more goal')} {'is' if rest == 1 else 'are'} in the table"
            if rest
            else ""
        )
        paragraphs.append(f"{lead}: {_join(shown)}{tail}.")

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
        base = _join(places[1:] if own else places)
        if own:
            base = f"its own website, together with {base}" if len(places) > 1 else places[0]
        money.append(f"Its online base is {base}.")
    channels = get("channels")
    labels = (
        [_lower_first(label) if known else label for label, known in choices(channels)]
        if channels
        else []
    )
    if labels:
        money.append(f"The work runs through {_count(len(labels), 'channel')}: {_join(labels)}.")
    sentence = _budget_sentence(budget)
    if sentence:
        money.append(sentence)
    elif budget.total:
        money.append(
            f"The total budget is {format_money(_whole(budget.total[0]), budget.total[1])}."
        )
    if budget.rows and not sentence:
        per = " a month" if budget.monthly else ""
        spent = _join([format_money(_whole(a), c) for c, a in budget.totals().items()])
        money.append(f"The channel plans spend {spent}{per}.")
    if money:
        paragraphs.append(" ".join(money))

    if open_count or empty_sections:
        bits = []
        if open_count:
            verb = "is" if open_count == 1 else "are"
            bits.append(f"{_count(open_count, 'question')} {verb} still open")
        if empty_sections:
            verb = "has" if empty_sections == 1 else "have"
            bits.append(f"{_count(empty_sections, 'section')} {verb} no answers yet")
        they = "it is" if open_count + empty_sections == 1 else "they are"
        paragraphs.append(
            f"This is a draft: {_join(bits)}; {they} listed under Open questions and should be "
            "settled before the plan is approved."
        )
    return paragraphs


# --- open questions and appendix -----------------------------------------------------------------


def _status(answer: Answer | None) -> EntryStatus:
    if answer is None:
        return EntryStatus.UNANSWERED
    return EntryStatus(answer.status.value)


def _section_title(q: Question) -> str | None:
    return SECTION_TITLES[q.section] if q.section else None


def _appendix(steps: Iterable[Step], answers: Mapping[str, Answer]) -> list[AppendixStage]:
    stages: dict[str, AppendixStage] = {}
    for step in steps:
        q = step.question
        answer = answers.get(q.id)
        stage = stages.setdefault(
            step.stage.id,
            AppendixStage(number=step.stage_number, title=clean_text(step.stage.title), entries=[]),
        )
        shown = ""
        if answer is not None and answer.status is AnswerStatus.ANSWERED:
            shown = format_value(q, answer.value)
        stage.entries.append(
            AppendixEntry(
                question_id=q.id,
                question=clean_text(q.title),
                answer=shown,
                status=_status(answer),
                note=clean_text(answer.note) if answer and answer.note else None,
            )
        )
    return list(stages.values())


# --- the plan ------------------------------------------------------------------------------------


def build_plan(bank: Bank, session: Session, *, today: dt.date | None = None) -> Plan:
    """The draft plan of a session. Pure: no prompting, no files, no clock but ``today``."""
    answers = session.answers
    steps = visible(bank, answers)
    given = {
        s.id: answers[s.id].value
        for s in steps
        if s.id in answers
        and answers[s.id].status is AnswerStatus.ANSWERED
        and _has_value(answers[s.id].value)
    }
    by_section: dict[PlanSection, list[Step]] = {}
    for step in steps:
        if step.question.section is not None:
            by_section.setdefault(step.question.section, []).append(step)

    budget = _budget(steps, given)
    parts: list[Part] = []
    empty: list[str] = []
    for spec in PARTS:
        sections = []
        for plan_section in spec.sections:
            section_steps = by_section.get(plan_section, [])
            section = _build_section(plan_section, section_steps, given)
            if plan_section is PlanSection.BUDGET:
                section.blocks += _budget_blocks(budget)
            if plan_section is PlanSection.TIMELINE:
                timeline = _timeline_block(section_steps, given)
                if timeline is not None:
                    _insert_after_sources(section.blocks, timeline)
            if section.blocks or section.subsections:
                sections.append(section)
            elif section_steps:
                empty.append(section.title)
        parts.append(Part(id=spec.id, title=spec.title, intro=spec.intro, sections=sections))

    open_items = [
        OpenItem(
            question_id=step.id,
            question=clean_text(step.question.title),
            prompt=clean_text(step.question.prompt),
            stage=clean_text(step.stage.title),
            section=_section_title(step.question),
            status=_status(answers.get(step.id)),
            required=step.question.required,
            note=_note(answers.get(step.id)),
        )
        for step in open_questions(bank, answers)
    ]
    listed = {item.question_id for item in open_items}
    notes = [
        Note(question_id=s.id, question=clean_text(s.question.title), note=note)
        for s in steps
        if s.id not in listed and (note := _note(answers.get(s.id)))
    ]
    name = given.get("business_name")
    business = _one_line(str(name)) if isinstance(name, str) and name.strip() else None
    return Plan(
        title=f"Online marketing plan for {business}" if business else "Online marketing plan",
        business=business,
        client=_one_line(session.client) if session.client else None,
        session=session.name,
        date=today or dt.date.today(),
        summary=_summary(bank, given, budget, len(open_items), len(empty)),
        parts=parts,
        open_questions=OpenQuestions(empty_sections=empty, questions=open_items, notes=notes),
        appendix=_appendix(steps, answers),
    )


def _note(answer: Answer | None) -> str | None:
    if answer is None or not answer.note or not answer.note.strip():
        return None
    return clean_text(answer.note).strip()
