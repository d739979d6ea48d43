"""Build the draft plan from a session: a pure function of the bank, the answers and the date.

Each answer in force lands in its question's plan section, shaped by its type: short answers
gather in key/value lists, long texts become paragraphs or points (one per line), multi-selects
become points, list answers become tables, and a list whose items are each a group of their own
(the channels of the user's own, named by ``item_heading``) gives one subsection per item. A
few sections get more: strengths, weaknesses, opportunities and threats form a 2x2 grid, the
channel budgets add up to a budget table, and the dated milestones and tasks make a timeline.
A section with no answers stays out of the body and is named under the open questions.

The derived content lives in its own modules: :mod:`wizard.plan.budget`,
:mod:`wizard.plan.channels`, :mod:`wizard.plan.timeline` and :mod:`wizard.plan.summary`; what
is left open or aside (open questions, notes, the parking lot, the appendix) in
:mod:`wizard.plan.open_items`; the parts and section titles in the bank's layout (``question_banks/plan.yaml``).
This one puts the plan together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard.bank import Bank, Question, QuestionType
from wizard.display import clean_text, format_money, format_number, format_value
from wizard.flow import Step, asked, visible
from wizard.i18n import N_, _
from wizard.plan.budget import budget_blocks, compute_budget
from wizard.plan.channels import channel_names, channels_question, named_items
from wizard.plan.check_appendix import check_section
from wizard.plan.effect import Effect, compute_effect, effect_blocks, summary_sentence
from wizard.plan.forecast_inputs import ForecastInputs, forecast_inputs
from wizard.plan.items import (
    item_id,
    item_unknown,
    list_items,
)
from wizard.plan.model import (
    Block,
    BulletList,
    KeyValue,
    KeyValueList,
    OpenQuestions,
    Paragraph,
    Part,
    Plan,
    Section,
    Swot,
    Table,
)
from wizard.plan.open_items import (
    SHOWN,
    appendix,
    notes_of,
    open_items,
    parked_points,
    unanswered_stages,
)
from wizard.plan.roles import role_value
from wizard.plan.summary import compose_summary
from wizard.plan.text import has_value, one_line
from wizard.plan.timeline import timeline_block
from wizard.roles import Role
from wizard.session import Session
from wizard.text_layout import join_lines

__all__ = [
    "build_plan",
    "clean_text",
    "format_money",
    "format_number",
    "format_value",
    "split_points",
]

EMPTY_CELL = "—"

_SWOT: dict[Role, Callable[[Swot], list[str]]] = {
    Role.STRENGTHS: lambda grid: grid.strengths,
    Role.WEAKNESSES: lambda grid: grid.weaknesses,
    Role.OPPORTUNITIES: lambda grid: grid.opportunities,
    Role.THREATS: lambda grid: grid.threats,
}
"""The quadrant of the SWOT grid each role fills."""
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


def _text_blocks(text: str, *, prose: bool = False) -> list[Paragraph | BulletList]:
    """A long text as blocks: a chunk of one line is a paragraph, of several lines points.

    In prose (a question that asks for sentences) the lines of a chunk join into one
    paragraph, so pressing Enter mid-sentence never turns a sentence into bullets.
    """
    if prose:
        paragraphs = re.split(r"\n\s*\n", clean_text(text))
        return [Paragraph(text=join_lines(p.split("\n"))) for p in paragraphs if p.strip()]
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


# --- sections ----------------------------------------------------------------------------------


def _short_label(q: Question, grouped: bool) -> str:
    """A label without the group's name: 'SEO: budget per month' -> 'Budget per month'."""
    label = clean_text(q.title)
    if grouped and ": " in label:
        rest = label.split(": ", 1)[1].strip()
        if rest:
            label = rest[0].upper() + rest[1:]
    return label


OWN_WORDS = N_("In our own words")
"""The heading of a long text whose label repeats the heading above, when a block precedes it."""


@dataclass
class _SectionBuilder:
    """Collects the blocks of one section: its short answers in one key/value list on top.

    Every answer after the first block gets a heading of its own, so that no two answers run
    together (in Markdown two lists in a row are one list; in OPML untitled blocks are siblings).
    A label that repeats the section's heading is left out when the answer comes first.
    """

    title: str
    grouped: bool = False
    facts: KeyValueList = field(default_factory=lambda: KeyValueList(rows=[]))
    blocks: list[Block] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    """The heading of each answer whose label repeats the section's, should it need one."""

    def add(self, q: Question, value: Any, qid: str | None = None) -> None:
        """Add one answer; ``qid`` names it when ``q`` is a list item's field."""
        qid = qid or q.id
        title = _short_label(q, self.grouped)
        if title.casefold() == self.title.casefold():
            self.headings[qid] = _(OWN_WORDS) if q.type is QuestionType.LONG_TEXT else title
            title = ""  # the heading above already says it
        if q.type in _SHORT:
            shown = format_value(q, value).replace("\n", " ")
            self.facts.rows.append(
                KeyValue(key=_short_label(q, self.grouped), value=shown, question_id=qid)
            )
            self.facts.question_ids.append(qid)
        elif q.type is QuestionType.MULTI_SELECT:
            self.blocks.append(
                BulletList(title=title or None, items=_labels(q, value), question_ids=[qid])
            )
        elif q.type is QuestionType.LIST:
            table = _list_table(q, value)
            if table is not None:
                table.title = title or None
                self.blocks.append(table)
        else:
            blocks = _text_blocks(str(value), prose=q.prose)
            for n, block in enumerate(blocks):
                block.question_ids = [qid]
                if n == 0:
                    block.title = title or None
            self.blocks.extend(blocks)

    def result(self) -> list[Block]:
        blocks: list[Block] = [self.facts] if self.facts.rows else []
        for block in self.blocks:
            ids = block.question_ids
            starts_answer = not blocks or ids != blocks[-1].question_ids
            if blocks and starts_answer and block.title is None and ids:
                block.title = self.headings.get(ids[0])
            blocks.append(block)
        return blocks


UNKNOWN_CELL = N_("Don't know yet")
"""A table cell of a list item's field marked "don't know yet"."""


def _cell(f: Question, item: Mapping[str, Any]) -> str:
    shown = format_value(f, item.get(f.id)).replace("\n", " / ")
    if shown:
        return shown
    return _(UNKNOWN_CELL) if f.id in item_unknown(item) else EMPTY_CELL


def _list_table(q: Question, value: Any) -> Table | None:
    """A list answer as a table; a column no item fills (nor marks "don't know yet") is left
    out. An item's marks are never columns: only the list's fields are."""
    items = list_items(value)
    if not items:
        return None
    fields = q.fields or []
    filled = [
        f
        for f in fields
        if any(has_value(item.get(f.id)) or f.id in item_unknown(item) for item in items)
    ]
    columns = filled or fields[:1]
    rows = [[_cell(f, item) for f in columns] for item in items]
    return Table(
        title=q.title,
        columns=[f.title for f in columns],
        rows=rows,
        question_ids=[q.id],
        goals=q.role is Role.GOALS and columns[0].role is Role.GOAL_NAME,
    )


def _item_sections(q: Question, value: Any, taken: set[str]) -> list[Section]:
    """Each named item of a list with an item heading as a group of its own (such as a
    channel of the user's own): headed by its name, its other fields as a group's answers."""
    sections = []
    for number, item, name in named_items(q, value):
        builder = _SectionBuilder(name, grouped=True)
        for f in q.fields or []:
            if f.id == q.item_heading:
                continue
            if has_value(item.get(f.id)):
                builder.add(f, item[f.id], qid=item_id(q, number, f))
            elif f.id in item_unknown(item):  # said so, not silently left out
                shown = f.as_text()
                builder.add(shown, _(UNKNOWN_CELL), qid=item_id(q, number, f))
        sections.append(Section(id=_slug(name, taken), title=name, blocks=builder.result()))
    return sections


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "group"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _build_section(
    section_id: str, title: str, steps: list[Step], given: Mapping[str, Any]
) -> Section:
    main = _SectionBuilder(title)
    groups: dict[str, _SectionBuilder] = {}
    order: list[str | Question] = []  # the groups and the lists of named items, as they come
    swot: Swot | None = None
    selector = channels_question(steps, given)
    for step in steps:
        q = step.question
        if q.id not in given:
            continue
        value = given[q.id]
        if q.role is not None and q.role in _SWOT:
            if swot is None:
                swot = Swot()
                main.blocks.append(swot)
            _SWOT[q.role](swot).extend(split_points(str(value)))
            swot.question_ids.append(q.id)
        elif q.group:
            group = clean_text(q.group)
            if group not in groups:
                groups[group] = _SectionBuilder(group, grouped=True)
                order.append(group)
            groups[group].add(q, value)
        elif q.type is QuestionType.LIST and q.item_heading:
            order.append(q)
        elif q.role is Role.BUDGET_LINES:
            continue  # added up with the channel budgets (wizard.plan.budget)
        elif q is selector:  # the channels by name: the user's own ones instead of their choice
            names = [name for name, _label in channel_names(steps, given)]
            label = _short_label(q, grouped=False)
            heading = None if label.casefold() == title.casefold() else label
            main.blocks.append(BulletList(title=heading, items=names, question_ids=[q.id]))
        else:
            main.add(q, value)
    taken: set[str] = set()
    subsections: list[Section] = []
    for entry in order:
        if isinstance(entry, str):
            blocks = groups[entry].result()
            if blocks:
                subsections.append(Section(id=_slug(entry, taken), title=entry, blocks=blocks))
        else:
            subsections += _item_sections(entry, given[entry.id], taken)
    return Section(id=section_id, title=title, blocks=main.result(), subsections=subsections)


# --- derived content: placed after its sources ---------------------------------------------------


def _insert_after_sources(blocks: list[Block], derived: Block) -> None:
    """Put a derived block right after the last block showing the answers it comes from."""
    sources = set(derived.question_ids)
    last = max((n for n, b in enumerate(blocks) if sources & set(b.question_ids)), default=None)
    blocks.insert(len(blocks) if last is None else last + 1, derived)


# --- the plan ------------------------------------------------------------------------------------


def _insert_budget(blocks: list[Block], derived: list[Block], bank: Bank) -> None:
    """The budget tables right after the total budget (the answers about the budget that
    follow, such as its timing, read them), else at the end of the section."""
    total = bank.role_question(Role.BUDGET_TOTAL)
    at = next(
        (n + 1 for n, b in enumerate(blocks) if total is not None and total.id in b.question_ids),
        len(blocks),
    )
    blocks[at:at] = derived


def _budget_section(bank: Bank) -> str | None:
    """Where the budget by channel goes: the total budget's section, else the channels'."""
    for role in (Role.BUDGET_TOTAL, Role.BUDGET_LINES, Role.CHANNELS):
        q = bank.role_question(role)
        if q is not None and q.section:
            return q.section
    budgets = bank.with_role(Role.CHANNEL_BUDGET)
    return budgets[0].section if budgets else None


def _effect_section(bank: Bank) -> str | None:
    """Where the forecast goes: the section of the expected sales, else of the business's
    own figures."""
    for role in (Role.EXPECTED_SALES, Role.ORDER_VALUE, Role.BUDGET_TOTAL):
        q = bank.role_question(role)
        if q is not None and q.section:
            return q.section
    return None


def _section_title(bank: Bank, section_id: str | None) -> str | None:
    """The title the plan's layout gives the section ``section_id`` (a pack may rename it)."""
    titles = {s.id: s.title for part in bank.layout.parts for s in part.sections}
    return titles.get(section_id) if section_id is not None else None


def _plan_check(
    bank: Bank, session: Session, forecast: tuple[ForecastInputs, Effect | None]
) -> Section:
    from wizard.check import check_session  # the check reads the plan's own helpers

    return check_section(check_session(bank, session, forecast), session.name)


def build_plan(
    bank: Bank, session: Session, *, today: dt.date | None = None, with_check: bool = True
) -> Plan:
    """The draft plan of a session. Pure: no prompting, no files, no clock but ``today``.

    Without ``with_check`` the plan check is not run (the client's copy leaves it out: about a
    fifth of the time of a plan, see bench/README.md)."""
    answers = session.answers
    steps = visible(bank, answers)
    given = {
        s.id: answers[s.id].value
        for s in steps
        if s.id in answers and answers[s.id].status in SHOWN and has_value(answers[s.id].value)
    }
    by_section: dict[str, list[Step]] = {}
    for step in steps:
        if step.question.section is not None:
            by_section.setdefault(step.question.section, []).append(step)

    budget = compute_budget(bank, steps, given)
    budget_home = _budget_section(bank)
    effect_home = _effect_section(bank)
    inputs = forecast_inputs(bank, session, steps, given)
    effect = compute_effect(inputs)
    parts: list[Part] = []
    empty: list[str] = []
    for spec in bank.layout.parts:
        sections = []
        for layout_section in spec.sections:
            section_steps = by_section.get(layout_section.id, [])
            section = _build_section(layout_section.id, layout_section.title, section_steps, given)
            if layout_section.id == budget_home:
                _insert_budget(section.blocks, budget_blocks(budget), bank)
            if layout_section.id == effect_home and (effect is not None or section.blocks):
                section.blocks += effect_blocks(effect)
            timeline = timeline_block(section_steps, given)
            if timeline is not None:
                _insert_after_sources(section.blocks, timeline)
            if section.blocks or section.subsections:
                sections.append(section)
            elif section_steps:
                empty.append(section.title)
        parts.append(Part(id=spec.id, title=spec.title, intro=spec.intro, sections=sections))

    to_settle = open_items(bank, steps, answers)
    asked_ids = {step.id for step in asked(bank, answers, session.depth)}
    never_answered = [step for step in steps if step.id not in answers]
    unanswered = unanswered_stages([step for step in never_answered if step.id in asked_ids])
    not_asked = sum(1 for step in never_answered if step.id not in asked_ids)
    listed = {item.question_id for item in to_settle if item.item is None}
    name = role_value(bank, given, Role.BUSINESS_NAME)
    business = one_line(str(name)) if isinstance(name, str) and name.strip() else None
    layout = bank.layout
    return Plan(
        title=layout.titled.replace("{name}", business) if business else layout.title,
        business=business,
        client=one_line(session.client) if session.client else None,
        session=session.name,
        date=today or dt.date.today(),
        summary=compose_summary(
            bank,
            given,
            budget,
            channels=channel_names(steps, given),
            open_count=len(to_settle),
            unanswered_count=sum(len(stage.question_ids) for stage in unanswered),
            empty_sections=len(empty),
            forecast=summary_sentence(effect, _section_title(bank, effect_home)),
        ),
        parts=parts,
        open_questions=OpenQuestions(
            empty_sections=empty, questions=to_settle, unanswered=unanswered, not_asked=not_asked
        ),
        notes=notes_of(steps, answers, listed),
        parked=parked_points(bank, session),
        check=_plan_check(bank, session, (inputs, effect)) if with_check else None,
        appendix=appendix(steps, answers),
    )
