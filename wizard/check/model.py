"""The plain data the plan check reads and writes: what the answers say, found by role, and
the findings. No bank, no session: the rules (:mod:`wizard.check.rules`) work on these alone,
so that each can be tried on a few hand-made values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from wizard.forecast.funnel import Scenario

__all__ = [
    "ActionFacts",
    "ChannelFacts",
    "FigureChange",
    "Finding",
    "ForecastChannel",
    "ForecastGoal",
    "GoalFacts",
    "Issue",
    "PlanFacts",
    "Ref",
    "RiskFacts",
    "Severity",
    "SpendFacts",
    "StageRef",
    "TextAnswer",
]


class Severity(StrEnum):
    """How much a finding matters: a problem makes ``check`` exit 1."""

    PROBLEM = "problem"
    WARNING = "warning"
    TIP = "tip"


@dataclass(frozen=True)
class StageRef:
    """A stage by its number in the bank and its title."""

    number: int
    id: str
    title: str


@dataclass(frozen=True)
class Ref:
    """The question to revisit: its id, its stable number ("5.12"), its label, and for a
    list the item (1-based) meant."""

    id: str
    number: str
    title: str
    item: int | None = None

    def at(self, item: int) -> Ref:
        return Ref(self.id, self.number, self.title, item)


@dataclass(frozen=True)
class Issue:
    """What a rule found: how much it matters, what is wrong, and where to change it."""

    severity: Severity
    message: str
    question: Ref | None = None


@dataclass(frozen=True)
class Finding:
    """An issue with the rule that found it and the rule's reason."""

    rule: str
    severity: Severity
    message: str
    why: str
    question: Ref | None


@dataclass(frozen=True)
class GoalFacts:
    """One goal of the goals list; a part is None when not given (or the list lacks it)."""

    number: int
    name: str | None = None
    metric: str | None = None
    baseline: str | None = None
    target: str | None = None
    deadline: dt.date | None = None
    owner: str | None = None


@dataclass(frozen=True)
class ChannelFacts:
    """One chosen channel and what its plan says (None: not given); ``refs`` holds the question
    (or list item) asking each part, by role name (``channel.owner``...): a part not in it is
    not asked for this channel."""

    name: str
    refs: dict[str, Ref] = field(default_factory=dict)
    owner: str | None = None
    budget: bool = False
    kpi: str | None = None
    actions: str | None = None


@dataclass(frozen=True)
class RiskFacts:
    number: int
    name: str | None = None
    control: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class ActionFacts:
    """One item of a list with timeline roles; ``has_owner`` whether its list asks for one."""

    label: str
    ref: Ref
    start: dt.date | None = None
    end: dt.date | None = None
    owner: str | None = None
    has_owner: bool = False
    has_start: bool = False
    has_end: bool = False


@dataclass(frozen=True)
class SpendFacts:
    """The marketing spend over the plan (the total budget, else what is allocated) and the
    expected sales, each with its currency."""

    spend: tuple[float, str] | None = None
    sales: tuple[float, str] | None = None


@dataclass(frozen=True)
class ForecastGoal:
    """A goal the forecast counts, against it: the forecast in each case, as the plan words it
    ('55,800 CNY / 97,600 CNY / 276,400 CNY'), whether a case reaches it, and what would."""

    number: int
    name: str
    target: str
    forecast: str
    reached: Scenario | None
    """The most cautious case of the forecast that reaches it; None: none does."""
    to_reach: str


@dataclass(frozen=True)
class ForecastChannel:
    """A chosen channel in the forecast: the goals' measures it brings something of (by goal
    number); None when it could not be forecast."""

    name: str
    serves: tuple[int, ...] | None


@dataclass(frozen=True)
class FigureChange:
    """A figure answer that was changed: the question, the figure before and the figure now
    (with the currency of a money answer), and whether it is a percentage."""

    ref: Ref
    old: float
    new: float
    currency: str | None = None
    percent: bool = False


@dataclass(frozen=True)
class TextAnswer:
    """Text the user wrote: a text answer in force, or a text field of a list item."""

    ref: Ref
    text: str


@dataclass
class PlanFacts:
    """Everything the rules read, found by role. ``refs`` holds the question playing each role
    (by role name); a role missing from it means the bank has no such question."""

    refs: dict[str, Ref] = field(default_factory=dict)
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    goals: list[GoalFacts] = field(default_factory=list)
    goal_parts: frozenset[str] = frozenset()  # the goal roles the goals list has fields for
    channels: list[ChannelFacts] = field(default_factory=list)
    budget_total: tuple[float, str] | None = None
    allocated: dict[str, float] = field(default_factory=dict)  # per currency, over the plan
    costliest: list[tuple[str, float]] = field(default_factory=list)  # in the total's currency
    budget_countable: bool = True  # False: a monthly amount but the plan's length unknown
    budget_skipped: int = 0  # budget lines without an amount or in two currencies
    spend: SpendFacts = field(default_factory=SpendFacts)
    kpis: list[str] = field(default_factory=list)  # the plan's KPIs and the channels'
    data_sources: bool = False
    data_cadence: bool = False
    swot: dict[str, str | None] = field(default_factory=dict)  # role name -> text
    risks: list[RiskFacts] = field(default_factory=list)
    risk_parts: frozenset[str] = frozenset()
    actions: list[ActionFacts] = field(default_factory=list)
    positioning: str | None = None
    forecast: bool = False  # whether the plan could be forecast (period, budgets, figures)
    forecast_goals: list[ForecastGoal] = field(default_factory=list)
    goals_not_counted: list[str] = field(default_factory=list)  # numeric goal parts missing
    forecast_channels: list[ForecastChannel] = field(default_factory=list)
    forecast_left_out: list[str] = field(default_factory=list)  # channels not forecast
    changes: list[FigureChange] = field(default_factory=list)  # figures changed, in bank order
    texts: list[TextAnswer] = field(default_factory=list)  # the text answers in force
