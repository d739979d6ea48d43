"""The question-bank schema: what a stage file in ``question_banks/`` may contain.

These pydantic models are the single definition of a bank. ``banks schema`` publishes their
JSON Schema so that bank authors get completion and checks in their editors, and the loader in
:mod:`wizard.banks` validates every file against them before any question is asked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ANSWER_TYPES",
    "Bank",
    "Choice",
    "DateBoundRule",
    "ItemsRule",
    "LengthRule",
    "PatternRule",
    "PlanSection",
    "Question",
    "QuestionType",
    "RangeRule",
    "Stage",
    "Validation",
]

SNAKE_ID = r"^[a-z][a-z0-9_]*$"


class QuestionType(StrEnum):
    """The kinds of answer a question takes."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    SELECT = "select"
    MULTI_SELECT = "multi_select"
    CONFIRM = "confirm"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    LIST = "list"


ANSWER_TYPES: tuple[str, ...] = tuple(t.value for t in QuestionType)


class PlanSection(StrEnum):
    """Where an answer lands in the draft plan (the seeds' three parts)."""

    # I. Goals
    PURPOSE = "purpose"
    MISSION = "mission"
    GOALS = "goals"
    # II. Analysis
    WHO_WE_ARE = "who_we_are"
    CUSTOMERS = "customers"
    COMPETITORS = "competitors"
    SWOT = "swot"
    RESEARCH = "research"
    PRODUCT = "product"
    # III. Implementation
    PLATFORM = "platform"
    CHANNELS = "channels"
    OPERATIONS = "operations"
    TEAM = "team"
    DATA = "data"
    BUDGET = "budget"
    EFFECT = "effect"
    RISKS = "risks"
    TIMELINE = "timeline"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One option of a select or multi-select question."""

    value: Annotated[str, Field(min_length=1, pattern=SNAKE_ID)]
    label: Annotated[str, Field(min_length=1)]
    other: bool = Field(
        default=False,
        description="Picking this choice asks for free text, which becomes the answer.",
    )


class LengthRule(_Strict):
    """Bounds on the number of characters of a text answer."""

    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=1)] | None = None
    message: str | None = None


class RangeRule(_Strict):
    """Bounds on a numeric answer (integer, number, percent, or a money amount)."""

    min: float | None = None
    max: float | None = None
    message: str | None = None


class PatternRule(_Strict):
    """A regular expression a text answer must match as a whole."""

    regex: Annotated[str, Field(min_length=1)]
    message: str | None = None


class ItemsRule(_Strict):
    """Bounds on the number of items of a multi-select or list answer."""

    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=1)] | None = None
    message: str | None = None


class DateBoundRule(_Strict):
    """A date bounded by another date answer (``not_before`` or ``not_after`` it)."""

    question: Annotated[
        str,
        Field(
            pattern=SNAKE_ID,
            description="An earlier date question's id or, in a list item, an earlier field's id.",
        ),
    ]
    message: str | None = None


class Validation(_Strict):
    """Rules an answer must satisfy; each may carry the message shown when it fails."""

    length: LengthRule | None = None
    range: RangeRule | None = None
    pattern: PatternRule | None = None
    items: ItemsRule | None = None
    not_before: DateBoundRule | None = None
    not_after: DateBoundRule | None = None


class Question(_Strict):
    """One question, or one field of a list question."""

    id: Annotated[str, Field(pattern=SNAKE_ID, description="Unique snake_case id.")]
    type: QuestionType
    prompt: Annotated[str, Field(min_length=1)]
    label: str | None = Field(
        default=None, description="Short name used in tables and the plan; defaults to the prompt."
    )
    help: Annotated[str, Field(min_length=1, description="Why this question matters.")]
    example: Any = Field(description="A worked example answer; must pass the question's rules.")
    source: Annotated[
        list[Annotated[str, Field(min_length=1)]],
        Field(
            min_length=1,
            description="The seed file name(s) the question comes from: required in the "
            "shipped core banks (the loader checks it there), optional in packs and custom banks.",
        ),
    ] = Field(default_factory=list)
    required: bool = False
    prose: bool = Field(
        default=False,
        description="A long_text answer written as prose: its lines join into paragraphs "
        "(a blank line starts a new one). Otherwise each line is a separate point.",
    )
    default: Any = None
    choices: list[Choice] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="Default ISO 4217 currency of a money question."
    )
    validation: Validation | None = None
    when: str | None = Field(
        default=None, description="A condition over earlier answers; the question shows if true."
    )
    section: PlanSection | None = Field(
        default=None, description="The plan section this answer feeds (required for questions)."
    )
    group: str | None = Field(
        default=None,
        description="Questions of one section sharing a group are shown together in the plan.",
    )
    fields: list[Question] | None = Field(
        default=None, description="The fields of one item of a list question."
    )
    core: bool = Field(
        default=False,
        description="Asked in the first, core-depth pass: a plan cannot do without it. "
        "Questions without it are asked in the full interview.",
    )
    item_heading: Annotated[str, Field(pattern=SNAKE_ID)] | None = Field(
        default=None,
        description="A list question whose items are each shown as a group of their own "
        "(such as channels named by the user): the id of the field that names an item. "
        "A field's prompt may name it as {field_id}.",
    )

    @property
    def title(self) -> str:
        """The short name for tables and the plan."""
        return self.label or self.prompt

    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices or []]

    def other_choice(self) -> Choice | None:
        return next((c for c in self.choices or [] if c.other), None)

    def choice_label(self, value: str) -> str:
        """The label of a choice value, or the value itself (free "Other" text)."""
        for choice in self.choices or []:
            if choice.value == value:
                return choice.label
        return value


class Stage(_Strict):
    """A stage of the discovery: one bank file."""

    version: Annotated[int, Field(ge=1, description="Bump when questions change meaning.")]
    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)]
    intro: Annotated[str, Field(min_length=1, description="Why this stage matters.")]
    questions: Annotated[list[Question], Field(min_length=1)]


class Bank(BaseModel):
    """Every stage, in the order they are asked."""

    model_config = ConfigDict(frozen=True)

    stages: list[Stage]

    def questions(self) -> list[tuple[Stage, Question]]:
        return [(stage, q) for stage in self.stages for q in stage.questions]

    def question(self, qid: str) -> Question:
        for _stage, q in self.questions():
            if q.id == qid:
                return q
        raise KeyError(qid)

    def ids(self) -> list[str]:
        return [q.id for _stage, q in self.questions()]

    def versions(self) -> dict[str, int]:
        return {stage.id: stage.version for stage in self.stages}
