"""The draft plan as a document model: what the builder produces and every renderer reads.

A :class:`Plan` holds parts, sections and typed blocks (paragraphs, bullet lists, key/value
lists, tables, a SWOT grid, a timeline), then the open questions, the notes on answered
questions, the parking lot and an appendix with every question and answer by stage. All text in it is plain text, exactly as the user wrote it (with
control characters removed); each renderer escapes it for its own format. The JSON form of a
plan is this model, and :func:`plan_json_schema` publishes its schema.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from wizard.i18n import N_, _, ngettext
from wizard.plan.text import join

__all__ = [
    "INTERNAL_MARK",
    "INTERNAL_NOTICE",
    "PARKING_LOT",
    "PARKING_LOT_INTRO",
    "PLAN_FORMAT_VERSION",
    "AppendixEntry",
    "AppendixStage",
    "Block",
    "BulletList",
    "Chart",
    "ChartSeries",
    "Cover",
    "EntryStatus",
    "KeyValue",
    "KeyValueList",
    "MindNode",
    "Note",
    "OpenItem",
    "OpenQuestions",
    "Paragraph",
    "ParkedPoint",
    "Part",
    "Plan",
    "Section",
    "Swot",
    "Table",
    "Timeline",
    "TimelineItem",
    "UnansweredStage",
    "mind_map",
    "plan_json_schema",
]

PLAN_FORMAT_VERSION = 6
"""2: notes moved from the open questions to the plan's own ``notes``; tables got ``total_rows``.
3: ``open_questions.questions`` holds only the questions to settle ("don't know yet", skipped
though required); the questions not answered yet are counted per stage in
``open_questions.unanswered``.
4: the ``in_progress`` status; open items and notes may name one field of one list item
(``item``, ``field_id``); ``open_questions.not_asked`` counts the questions of the full
interview not asked at core depth; the plan's ``parked`` points; the blocks of one list item's
field name it ``question.item.field`` in ``question_ids``.
6: ``chart`` blocks (the forecast by month in "Expected effect"); the plan's ``check`` (the
plan check's score and findings, an appendix)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class _Block(_Model):
    title: str | None = Field(default=None, description="A heading shown above the block.")
    question_ids: list[str] = Field(
        default_factory=list, description="The questions whose answers the block shows."
    )


class Paragraph(_Block):
    """One paragraph of prose."""

    kind: Literal["paragraph"] = "paragraph"
    text: str


class BulletList(_Block):
    """Points, one per item."""

    kind: Literal["bullets"] = "bullets"
    items: list[str]


class KeyValue(_Model):
    key: str
    value: str
    question_id: str | None = None


class KeyValueList(_Block):
    """Short answers, each under its label."""

    kind: Literal["key_value"] = "key_value"
    rows: list[KeyValue]


class Table(_Block):
    """A table: every row has exactly one cell per column."""

    kind: Literal["table"] = "table"
    columns: list[str]
    rows: list[list[str]]
    total_rows: int = Field(
        default=0, ge=0, description="How many of the last rows are totals (shown as such)."
    )
    goals: bool = Field(
        default=False,
        description="The plan's goals, named in the first column (the mind map shows them).",
    )


class Swot(_Block):
    """Strengths, weaknesses, opportunities and threats as a 2x2 grid."""

    kind: Literal["swot"] = "swot"
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    opportunities: list[str] = Field(default_factory=list)
    threats: list[str] = Field(default_factory=list)

    def quadrants(self) -> list[tuple[str, list[str]]]:
        return [
            (_("Strengths"), self.strengths),
            (_("Weaknesses"), self.weaknesses),
            (_("Opportunities"), self.opportunities),
            (_("Threats"), self.threats),
        ]


class TimelineItem(_Model):
    """A milestone (one date) or a task (start and end) on the plan's timeline."""

    milestone: bool = Field(description="One date (a milestone) rather than a span (a task).")
    label: str
    start: dt.date
    end: dt.date
    owner: str | None = None
    group: str = Field(description="The row group in the chart, such as 'Milestones'.")


class Timeline(_Block):
    """Dated milestones and tasks, drawn as a Gantt chart."""

    kind: Literal["timeline"] = "timeline"
    items: list[TimelineItem]


class ChartSeries(_Model):
    """One line of a chart: a value per point of the x axis."""

    name: str = Field(description="What the line shows, such as 'Base'.")
    values: list[Annotated[float, Field(allow_inf_nan=False)]]
    dashed: bool = Field(default=False, description="Drawn dashed (a range's ends, a target).")


class Chart(_Block):
    """A line chart of figures by period (the forecast by month), drawn without JavaScript."""

    kind: Literal["chart"] = "chart"
    x_labels: list[str] = Field(description="The points of the x axis, such as 'Jan 2027'.")
    y_label: str = Field(description="What the values count, with the unit ('Revenue, CNY').")
    series: list[ChartSeries]


Block = Annotated[
    Paragraph | BulletList | KeyValueList | Table | Swot | Timeline | Chart,
    Field(discriminator="kind"),
]


class Section(_Model):
    """A section of a part (or a subsection of a section, such as one channel's plan)."""

    id: str
    title: str
    blocks: list[Block] = Field(default_factory=list)
    subsections: list[Section] = Field(default_factory=list)


class Part(_Model):
    """One of the plan's three parts."""

    id: str
    title: str
    intro: str
    sections: list[Section] = Field(default_factory=list)


class EntryStatus(StrEnum):
    ANSWERED = "answered"
    SKIPPED = "skipped"
    UNKNOWN = "unknown"
    IN_PROGRESS = "in_progress"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self])


_STATUS_LABELS = {
    EntryStatus.ANSWERED: N_("Answered"),
    EntryStatus.SKIPPED: N_("Skipped"),
    EntryStatus.UNKNOWN: N_("Don't know yet"),
    EntryStatus.IN_PROGRESS: N_("Not finished"),
    EntryStatus.UNANSWERED: N_("Not answered yet"),
}


class OpenItem(_Model):
    """A question to settle: "don't know yet", not finished, or skipped though required; or
    one field of one list item marked "don't know yet"."""

    question_id: str
    question: str = Field(description="The question's short label.")
    prompt: str = Field(
        description="The question as asked; for a list item's field, which item and field "
        "('Goal 2, Brand awareness: measured by')."
    )
    item: int | None = Field(default=None, ge=1, description="The list item's number, from 1.")
    field_id: str | None = Field(default=None, description="The list item's field.")
    stage: str
    section: str | None = Field(default=None, description="The plan section it would feed.")
    status: EntryStatus
    required: bool = False
    note: str | None = None


UNANSWERED_NAMED = 3
"""At most this many required questions are named in a stage's line of unanswered questions."""


class UnansweredStage(_Model):
    """The questions of one stage that show and have no answer yet."""

    number: int = Field(description="The stage's place in the bank, from 1.")
    stage: str
    question_ids: list[str] = Field(description="The unanswered questions, in the bank's order.")
    required: list[str] = Field(
        default_factory=list, description="The short labels of the required ones among them."
    )

    @property
    def count_text(self) -> str:
        """'12 questions', '1 question'."""
        n = len(self.question_ids)
        return ngettext("{n} question", "{n} questions", n).format(n=n)

    @property
    def line(self) -> str:
        """'5. Platform and promotion: 12 questions not answered yet'."""
        return _("{number}. {stage}: {count} not answered yet").format(
            number=self.number, stage=self.stage, count=self.count_text
        )

    @property
    def required_text(self) -> str:
        """The required ones: 'A, B and C', or 'A, B, C and 2 more'; empty when none are."""
        names = self.required[:UNANSWERED_NAMED]
        rest = len(self.required) - len(names)
        if rest:
            # TRANSLATORS: {names} are questions' labels, separated by commas
            return _("{names} and {rest} more").format(names=_(", ").join(names), rest=rest)
        return join(names)


class Note(_Model):
    """A note attached to an answer, or to one field of one list item."""

    question_id: str
    question: str = Field(
        description="The question's short label; for a list item's field, which item and field."
    )
    note: str
    item: int | None = Field(default=None, ge=1, description="The list item's number, from 1.")
    field_id: str | None = Field(default=None, description="The list item's field.")


INTERNAL_NOTICE = N_(
    "Internal version, not for the client: it holds what is for the facilitator only, such as "
    "notes, the parking lot and the plan check."
)
"""On the cover of the internal version (see :mod:`wizard.plan.views`), in every format."""
INTERNAL_MARK = N_("Internal version, not for the client")
"""At the foot of every printed page of the internal version."""

PARKING_LOT = N_("Parking lot: points to settle")
"""The heading of the parking lot in every format (translated where shown)."""

PARKING_LOT_INTRO = N_(
    "Internal, for the facilitator: points put aside during the sessions, each with the question "
    "where it came up. Settle them before the plan goes to the client."
)


class ParkedPoint(_Model):
    """A point put aside during a workshop, to settle later (for the facilitator)."""

    text: str
    question_id: str | None = Field(default=None, description="The question it was parked at.")
    question: str | None = Field(default=None, description="That question's short label.")


class OpenQuestions(_Model):
    empty_sections: list[str] = Field(
        default_factory=list, description="Sections left out of the plan: nothing answered yet."
    )
    questions: list[OpenItem] = Field(
        default_factory=list,
        description='The questions to settle: "don\'t know yet", or skipped though required.',
    )
    unanswered: list[UnansweredStage] = Field(
        default_factory=list, description="The questions not answered yet, counted per stage."
    )
    not_asked: int = Field(
        default=0,
        ge=0,
        description="At core depth: the questions of the full interview not asked yet (they "
        "are not counted in ``unanswered``).",
    )

    @property
    def not_asked_line(self) -> str:
        """'12 further questions belong to the full interview, not asked yet.'"""
        n = self.not_asked
        return ngettext(
            "{n} further question belongs to the full interview, not asked yet (this draft "
            "answers the core questions).",
            "{n} further questions belong to the full interview, not asked yet (this draft "
            "answers the core questions).",
            n,
        ).format(n=n)

    def is_empty(self) -> bool:
        return not (self.empty_sections or self.questions or self.unanswered or self.not_asked)


class AppendixEntry(_Model):
    question_id: str
    question: str
    answer: str = Field(description="The answer as text; empty when there is none.")
    status: EntryStatus
    note: str | None = None


class AppendixStage(_Model):
    number: int
    title: str
    entries: list[AppendixEntry]


class Cover(_Model):
    """Who the plan is from and for, as its title page shows them: the consultant's profile
    (``marketing-wizard profile``) and the session's client and workshop date."""

    consultant: str | None = Field(default=None, description="The consultant's name.")
    agency: str | None = Field(default=None, description="The consultant's agency or firm.")
    contact: str | None = Field(default=None, description="E-mail, telephone or web address.")
    logo: str | None = Field(
        default=None,
        description="The logo as a data URI (data:image/png;base64,...), checked and "
        "size-limited when the profile was saved; never a link.",
        pattern=r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$",
    )
    accent: str | None = Field(
        default=None, description="The accent colour, #rrggbb.", pattern=r"^#[0-9a-fA-F]{6}$"
    )
    workshop: dt.date | None = Field(default=None, description="The workshop's date.")


class Plan(_Model):
    """The draft plan."""

    format_version: int = PLAN_FORMAT_VERSION
    title: str
    business: str | None = None
    client: str | None = None
    session: str
    date: dt.date
    cover: Cover = Field(default_factory=Cover)
    internal: bool = Field(
        default=True,
        description="Whether this is the internal version (notes, parking lot, plan check and "
        "appendix kept) rather than the client's copy (see wizard.plan.views).",
    )
    summary: list[str] = Field(default_factory=list, description="Paragraphs.")
    parts: list[Part]
    open_questions: OpenQuestions = Field(default_factory=OpenQuestions)
    notes: list[Note] = Field(
        default_factory=list,
        description="Notes on answered questions (a note on an open question stays with it).",
    )
    parked: list[ParkedPoint] = Field(
        default_factory=list,
        description="The parking lot: points put aside during the sessions, for the facilitator.",
    )
    check: Section | None = Field(
        default=None,
        description="The plan check (an appendix): its score, findings and score by stage.",
    )
    appendix: list[AppendixStage] = Field(default_factory=list)


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan in JSON form."""
    return Plan.model_json_schema()


# --- the mind map ------------------------------------------------------------------------------

MIND_MAP_ITEMS = 8
"""At most this many goals or tasks hang under one node of the mind map."""


class MindNode(_Model):
    """A node of the plan's mind map."""

    label: str
    children: list[MindNode] = Field(default_factory=list)


def mind_map(plan: Plan) -> MindNode:
    """The plan at a glance: parts, sections, channel plans, and the goals and tasks by name.

    Every renderer draws the same tree (a Mermaid mindmap, nested lists in HTML).
    """
    parts = []
    for part in plan.parts:
        sections = []
        for section in part.sections:
            leaves = [MindNode(label=sub.title) for sub in section.subsections]
            leaves += _named_items(section)
            sections.append(MindNode(label=section.title, children=leaves))
        parts.append(MindNode(label=part.title, children=sections))
    return MindNode(label=plan.business or plan.title, children=parts)


def _named_items(section: Section) -> list[MindNode]:
    """The goals (goals table) or tasks (timeline) of a section, each by its name."""
    names: list[str] = []
    for block in section.blocks:
        if isinstance(block, Table) and block.goals:
            names += [row[0] for row in block.rows if row]
        elif isinstance(block, Timeline):
            names += [item.label for item in block.items if not item.milestone]
    nodes = [MindNode(label=name) for name in names[:MIND_MAP_ITEMS]]
    if len(names) > MIND_MAP_ITEMS:
        nodes.append(MindNode(label=_("and {n} more").format(n=len(names) - MIND_MAP_ITEMS)))
    return nodes
