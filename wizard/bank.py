"""The question-bank schema: what a stage file in ``question_banks/`` may contain.

These pydantic models are the single definition of a bank. ``banks schema`` publishes their
JSON Schema so that bank authors get completion and checks in their editors, and the loader in
:mod:`wizard.banks` validates every file against them before any question is asked.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from wizard.roles import Role

__all__ = [
    "ANSWER_TYPES",
    "QUESTION_MODELS",
    "RULES",
    "Bank",
    "Choice",
    "ConfirmQuestion",
    "CountValidation",
    "DateBoundRule",
    "DateQuestion",
    "DateValidation",
    "FieldQuestion",
    "IntegerQuestion",
    "ItemsRule",
    "Layout",
    "LayoutOverlay",
    "LayoutPart",
    "LayoutSection",
    "LengthRule",
    "ListQuestion",
    "LongTextQuestion",
    "MoneyQuestion",
    "MultiSelectQuestion",
    "NumberQuestion",
    "NumberValidation",
    "PatternRule",
    "PercentQuestion",
    "Period",
    "Question",
    "QuestionBase",
    "QuestionType",
    "RangeRule",
    "SelectQuestion",
    "Stage",
    "TextQuestion",
    "TextValidation",
    "Validation",
    "parse_question",
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


class Period(StrEnum):
    """What one money amount covers."""

    MONTH = "month"
    PLAN = "plan"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Choice(_Strict):
    """One option of a select or multi-select question."""

    value: Annotated[str, Field(min_length=1, pattern=SNAKE_ID)]
    label: Annotated[str, Field(min_length=1)]
    other: bool = Field(
        default=False,
        description="Picking this choice asks for free text, which becomes the answer.",
    )
    phrase: str | None = Field(
        default=None,
        description="How the plan's sentences say this choice (such as 'to open new online "
        "sales channels' after 'Its purpose is'); defaults to the label.",
    )
    forecast: Annotated[str, Field(pattern=SNAKE_ID)] | None = Field(
        default=None,
        description="On a choice of the channel list: the kind of channel whose default rates "
        "the effect forecast uses (a kind of wizard/forecast/data/assumptions.yaml, such as "
        "search_ads).",
    )
    measure: Literal["visits", "leads", "customers", "revenue"] | None = Field(
        default=None,
        description="On a choice of a goal's measure (role goal.measure): what the goal's "
        "target counts, so that the forecast can be set against it; none: not forecast.",
    )
    per_months: Annotated[int, Field(ge=1, le=120)] | None = Field(
        default=None,
        description="With measure: the target counts per this many months (1: a month, 3: a "
        "quarter); none: over the whole plan.",
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
    """Rules an answer must satisfy; each may carry the message shown when it fails.

    Each question type takes the rules that apply to it (a subclass below); a rule a type does
    not take reads as None, so code may ask any question's rules for any rule.
    """

    if TYPE_CHECKING:

        @property
        def length(self) -> LengthRule | None: ...
        @property
        def range(self) -> RangeRule | None: ...
        @property
        def pattern(self) -> PatternRule | None: ...
        @property
        def items(self) -> ItemsRule | None: ...
        @property
        def not_before(self) -> DateBoundRule | None: ...
        @property
        def not_after(self) -> DateBoundRule | None: ...

    else:

        def __getattr__(self, name: str) -> Any:
            if name in RULES:
                return None
            return super().__getattr__(name)


RULES = ("length", "range", "pattern", "items", "not_before", "not_after")
"""Every rule a question's ``validation`` may hold (each type takes some of them)."""


class TextValidation(Validation):
    """The rules of a text or long_text answer."""

    length: LengthRule | None = None
    pattern: PatternRule | None = None


class NumberValidation(Validation):
    """The rules of an integer, number, percent or money answer."""

    range: RangeRule | None = None


class CountValidation(Validation):
    """The rules of a multi_select or list answer."""

    items: ItemsRule | None = None


class DateValidation(Validation):
    """The rules of a date answer."""

    not_before: DateBoundRule | None = None
    not_after: DateBoundRule | None = None


NOT_TAKEN: dict[str, Any] = {
    "choices": None,
    "validation": None,
    "prose": False,
    "currency": None,
    "period": None,
    "fields": None,
    "item_heading": None,
}
"""The keys only some types take, and what they read as on a question of another type."""


class QuestionBase(_Strict):
    """What every question, and every field of a list question, says whatever its type.

    A key only some types take (``choices``, ``fields``...) is a field of those types' models
    only, so the schema refuses it elsewhere; on a question of another type it reads as its
    empty value (see ``NOT_TAKEN``), so code may ask any question for it.
    """

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
    default: Any = None
    when: str | None = Field(
        default=None, description="A condition over earlier answers; the question shows if true."
    )
    section: Annotated[str, Field(pattern=SNAKE_ID)] | None = Field(
        default=None,
        description="The id of the plan section this answer feeds, one of the plan layout's "
        "(plan.yaml); required for questions.",
    )
    role: Role | None = Field(
        default=None,
        description="What this answer means to the plan (the business's name, the plan's "
        "start, the channels, a channel's budget...): the plan finds answers by role only.",
    )
    group: str | None = Field(
        default=None,
        description="Questions of one section sharing a group are shown together in the plan.",
    )
    core: bool = Field(
        default=False,
        description="Asked in the first, core-depth pass: a plan cannot do without it. "
        "Questions without it are asked in the full interview.",
    )

    if TYPE_CHECKING:

        @property
        def choices(self) -> list[Choice] | None: ...
        @property
        def validation(self) -> Validation | None: ...
        @property
        def prose(self) -> bool: ...
        @property
        def currency(self) -> str | None: ...
        @property
        def period(self) -> Period | None: ...
        @property
        def fields(self) -> list[FieldQuestion] | None: ...
        @property
        def item_heading(self) -> str | None: ...

    else:

        def __getattr__(self, name: str) -> Any:
            if name in NOT_TAKEN:
                return NOT_TAKEN[name]
            return super().__getattr__(name)

    @property
    def title(self) -> str:
        """The short name for tables and the plan."""
        return self.label or self.prompt

    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices or []]

    def other_choice(self) -> Choice | None:
        return next((c for c in self.choices or [] if c.other), None)

    def field_with_role(self, role: Role) -> FieldQuestion | None:
        """The field of this list playing ``role``, or None."""
        return next((f for f in self.fields or [] if f.role is role), None)

    def choice(self, value: str) -> Choice | None:
        """The choice of this value, or None (free "Other" text, a value not offered)."""
        return next((c for c in self.choices or [] if c.value == value), None)

    def choice_phrase(self, value: str) -> str | None:
        """How the plan's sentences say a choice, when the bank gives a phrase for it."""
        return next((c.phrase for c in self.choices or [] if c.value == value), None)

    def choice_label(self, value: str) -> str:
        """The label of a choice value, or the value itself (free "Other" text)."""
        for choice in self.choices or []:
            if choice.value == value:
                return choice.label
        return value

    def as_text(self) -> TextQuestion:
        """This question's shared keys on a text question (to show a placeholder as text)."""
        common = {name: getattr(self, name) for name in QuestionBase.model_fields}
        return TextQuestion.model_validate(common | {"type": QuestionType.TEXT})


Choices = Annotated[
    list[Choice], Field(min_length=1, description="The options, in the order they are shown.")
]


class TextQuestion(QuestionBase):
    """A one-line text answer."""

    type: Literal[QuestionType.TEXT]
    validation: TextValidation | None = None


class LongTextQuestion(QuestionBase):
    """A text answer of several lines."""

    type: Literal[QuestionType.LONG_TEXT]
    validation: TextValidation | None = None
    prose: bool = Field(
        default=False,
        description="The answer is written as prose: its lines join into paragraphs "
        "(a blank line starts a new one). Otherwise each line is a separate point.",
    )


class SelectQuestion(QuestionBase):
    """One choice among a list."""

    type: Literal[QuestionType.SELECT]
    choices: Choices


class MultiSelectQuestion(QuestionBase):
    """Any number of choices among a list."""

    type: Literal[QuestionType.MULTI_SELECT]
    choices: Choices
    validation: CountValidation | None = None


class ConfirmQuestion(QuestionBase):
    """A yes or no."""

    type: Literal[QuestionType.CONFIRM]


class IntegerQuestion(QuestionBase):
    """A whole number."""

    type: Literal[QuestionType.INTEGER]
    validation: NumberValidation | None = None


class NumberQuestion(QuestionBase):
    """A number."""

    type: Literal[QuestionType.NUMBER]
    validation: NumberValidation | None = None


class PercentQuestion(QuestionBase):
    """A percentage."""

    type: Literal[QuestionType.PERCENT]
    validation: NumberValidation | None = None


class MoneyQuestion(QuestionBase):
    """An amount with a currency."""

    type: Literal[QuestionType.MONEY]
    validation: NumberValidation | None = Field(
        default=None, description="A range bounds the amount."
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="The default ISO 4217 currency of the amount."
    )
    period: Period | None = Field(
        default=None, description="What one amount covers, a month or the whole plan."
    )


class DateQuestion(QuestionBase):
    """A calendar date."""

    type: Literal[QuestionType.DATE]
    validation: DateValidation | None = None


FieldQuestion: TypeAlias = Annotated[
    TextQuestion
    | LongTextQuestion
    | SelectQuestion
    | MultiSelectQuestion
    | ConfirmQuestion
    | IntegerQuestion
    | NumberQuestion
    | MoneyQuestion
    | PercentQuestion
    | DateQuestion,
    Field(discriminator="type"),
]
"""One field of a list question: any type but a list."""


class ListQuestion(QuestionBase):
    """Any number of items, each answering the same fields."""

    type: Literal[QuestionType.LIST]
    validation: CountValidation | None = None
    fields: Annotated[
        list[FieldQuestion],
        Field(min_length=1, description="The fields of one item (any type but list)."),
    ]
    item_heading: Annotated[str, Field(pattern=SNAKE_ID)] | None = Field(
        default=None,
        description="Each item is shown as a group of its own (such as channels named by the "
        "user): the id of the text field that names an item. A field's prompt may name it "
        "as {field_id}.",
    )


Question: TypeAlias = Annotated[
    TextQuestion
    | LongTextQuestion
    | SelectQuestion
    | MultiSelectQuestion
    | ConfirmQuestion
    | IntegerQuestion
    | NumberQuestion
    | MoneyQuestion
    | PercentQuestion
    | DateQuestion
    | ListQuestion,
    Field(discriminator="type"),
]
"""One question: the model of its ``type``."""

QUESTION_MODELS: dict[QuestionType, type[QuestionBase]] = {
    QuestionType.TEXT: TextQuestion,
    QuestionType.LONG_TEXT: LongTextQuestion,
    QuestionType.SELECT: SelectQuestion,
    QuestionType.MULTI_SELECT: MultiSelectQuestion,
    QuestionType.CONFIRM: ConfirmQuestion,
    QuestionType.INTEGER: IntegerQuestion,
    QuestionType.NUMBER: NumberQuestion,
    QuestionType.MONEY: MoneyQuestion,
    QuestionType.PERCENT: PercentQuestion,
    QuestionType.DATE: DateQuestion,
    QuestionType.LIST: ListQuestion,
}
"""Each question type's model."""


@functools.cache
def _question_adapter() -> TypeAdapter[Question]:
    return TypeAdapter(Question)


def parse_question(data: object) -> Question:
    """A question (of the model its ``type`` names) from plain data.

    Raises:
        pydantic.ValidationError: when the data is not a valid question.
    """
    return _question_adapter().validate_python(data)


class Stage(_Strict):
    """A stage of the discovery: one bank file."""

    version: Annotated[int, Field(ge=1, description="Bump when questions change meaning.")]
    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)]
    intro: Annotated[str, Field(min_length=1, description="Why this stage matters.")]
    questions: Annotated[list[Question], Field(min_length=1)]


class LayoutSection(_Strict):
    """One section of the plan: answers name it by id in their ``section``."""

    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)]


class LayoutPart(_Strict):
    """One part of the plan (the seeds' three: goals, analysis, implementation)."""

    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)]
    intro: Annotated[str, Field(min_length=1)]
    sections: Annotated[list[LayoutSection], Field(min_length=1)]


class Layout(_Strict):
    """The plan's structure: its title, parts and sections, in order (``plan.yaml``)."""

    version: Annotated[int, Field(ge=1)]
    title: Annotated[str, Field(min_length=1, description="The plan's title without a name.")]
    titled: Annotated[
        str,
        Field(
            min_length=1,
            description="The plan's title with the business's name as {name}.",
        ),
    ]
    parts: Annotated[list[LayoutPart], Field(min_length=1)]

    def sections(self) -> list[LayoutSection]:
        return [section for part in self.parts for section in part.sections]

    def section_title(self, section_id: str) -> str:
        for section in self.sections():
            if section.id == section_id:
                return section.title
        return section_id


class SectionOverlay(_Strict):
    """A section in a pack's plan.yaml: an id of the layout with a new title, or a new one."""

    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)] | None = None


class PartOverlay(_Strict):
    """A part in a pack's plan.yaml: renamed, given sections, or new (with title and intro)."""

    id: Annotated[str, Field(pattern=SNAKE_ID)]
    title: Annotated[str, Field(min_length=1)] | None = None
    intro: Annotated[str, Field(min_length=1)] | None = None
    sections: list[SectionOverlay] = Field(default_factory=list)


class LayoutOverlay(_Strict):
    """A pack's plan.yaml: every key optional, laid over the core layout."""

    version: Annotated[int, Field(ge=1)] | None = None
    title: Annotated[str, Field(min_length=1)] | None = None
    titled: Annotated[str, Field(min_length=1)] | None = None
    parts: list[PartOverlay] = Field(default_factory=list)


class Bank(BaseModel):
    """Every stage, in the order they are asked, and the layout of the plan they feed."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    stages: list[Stage]
    layout: Layout

    def with_role(self, role: Role) -> list[Question]:
        """The questions playing ``role``, in bank order."""
        return [q for _stage, q in self.questions() if q.role is role]

    def role_question(self, role: Role) -> Question | None:
        """The question playing a unique ``role``, or None when the bank has none."""
        return next(iter(self.with_role(role)), None)

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
