"""The roles a question or a list field may play in the plan.

The plan is built from the answers the banks point to by role, never by question id: the
business's name, the plan's period, the goals and their parts, the channels and their budgets,
the SWOT quadrants, the timeline. A bank without some role still gets a plan; the parts that
need it are left out and named. Role names are dotted (``plan.start``) so that they can never
be mistaken for a snake_case question id.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ROLE_SPECS", "Role", "RoleSpec", "unplayed"]


class Role(StrEnum):
    """What an answer means to the plan."""

    BUSINESS_NAME = "business.name"
    INDUSTRY = "business.industry"
    PLAN_START = "plan.start"
    PLAN_END = "plan.end"
    PURPOSE = "plan.purpose"
    ONLINE_BASE = "online.base"
    PLATFORMS = "online.platforms"
    CHANNELS = "channel.list"
    CHANNEL_BUDGET = "channel.budget"
    BUDGET_TOTAL = "budget.total"
    BUDGET_LINES = "budget.lines"
    BUDGET_ITEM = "budget.item"
    BUDGET_AMOUNT = "budget.amount"
    STRENGTHS = "swot.strengths"
    WEAKNESSES = "swot.weaknesses"
    OPPORTUNITIES = "swot.opportunities"
    THREATS = "swot.threats"
    GOALS = "goal.list"
    GOAL_NAME = "goal.name"
    GOAL_TARGET = "goal.target"
    GOAL_DEADLINE = "goal.deadline"
    GOAL_OWNER = "goal.owner"
    GOAL_METRIC = "goal.metric"
    GOAL_BASELINE = "goal.baseline"
    GOAL_MEASURE = "goal.measure"
    CHANNEL_OWNER = "channel.owner"
    CHANNEL_KPI = "channel.kpi"
    CHANNEL_ACTIONS = "channel.actions"
    POSITIONING = "customers.positioning"
    KPIS = "kpi.list"
    DATA_SOURCES = "data.sources"
    DATA_CADENCE = "data.cadence"
    EXPECTED_SALES = "effect.sales"
    ORDER_VALUE = "business.order_value"
    MARGIN = "business.margin"
    REPEAT_RATE = "business.repeat_rate"
    CLOSE_RATE = "business.close_rate"
    CONVERSION = "business.conversion"
    AUDIENCE = "business.audience"
    ORDER_INTERVAL = "business.order_interval"
    SALES_CYCLE = "business.sales_cycle"
    RISKS = "risk.list"
    RISK_CONTROL = "risk.control"
    RISK_OWNER = "risk.owner"
    TIMELINE_LABEL = "timeline.label"
    TIMELINE_START = "timeline.start"
    TIMELINE_END = "timeline.end"
    TIMELINE_OWNER = "timeline.owner"


@dataclass(frozen=True)
class RoleSpec:
    """Where a role may stand and what the plan does with it.

    ``types`` are the question types it fits; ``field`` says it belongs on a list's field
    (else on a question); ``unique`` that one bank (for a field: one list) has it at most
    once; ``parent`` the role the field's list must play, if any; ``needed_for`` the part of
    the plan left out without it, as the plan names it.
    """

    types: frozenset[str]
    needed_for: str
    field: bool = False
    unique: bool = True
    parent: Role | None = None
    either: bool = False  # fits a question and a list's field alike


def _spec(types: str, needed_for: str, **kwargs: object) -> RoleSpec:
    return RoleSpec(frozenset(types.split()), needed_for, **kwargs)  # type: ignore[arg-type]


_TEXT = "text long_text"

ROLE_SPECS: dict[Role, RoleSpec] = {
    Role.BUSINESS_NAME: _spec("text", "the business's name in the title and summary"),
    Role.INDUSTRY: _spec("text", "the trade in the summary"),
    Role.PLAN_START: _spec("date", "the plan's start (summary, budget over the plan)"),
    Role.PLAN_END: _spec("date", "the plan's end (summary, budget over the plan)"),
    Role.PURPOSE: _spec("select multi_select", "the plan's purpose in the summary"),
    Role.ONLINE_BASE: _spec("select", "the online base in the summary"),
    Role.PLATFORMS: _spec("multi_select", "the platforms in the summary"),
    Role.CHANNELS: _spec("multi_select", "the channels by name (summary, channel plans)"),
    Role.CHANNEL_BUDGET: _spec("money", "the budget by channel", unique=False, either=True),
    Role.BUDGET_TOTAL: _spec("money", "the total budget and the check of the channel budgets"),
    Role.BUDGET_LINES: _spec("list", "the budget lines beside the channels, added up"),
    Role.BUDGET_ITEM: _spec(
        "text", "the budget lines by name", field=True, parent=Role.BUDGET_LINES
    ),
    Role.BUDGET_AMOUNT: _spec(
        "money",
        "the budget lines' amounts",
        field=True,
        unique=False,
        parent=Role.BUDGET_LINES,
    ),
    Role.STRENGTHS: _spec("long_text", "the SWOT grid"),
    Role.WEAKNESSES: _spec("long_text", "the SWOT grid"),
    Role.OPPORTUNITIES: _spec("long_text", "the SWOT grid"),
    Role.THREATS: _spec("long_text", "the SWOT grid"),
    Role.GOALS: _spec("list", "the goals in the summary and the mind map"),
    Role.GOAL_NAME: _spec(_TEXT, "the goals in the summary", field=True, parent=Role.GOALS),
    Role.GOAL_TARGET: _spec(
        "text long_text integer number money percent",
        "the goals' targets in the summary",
        field=True,
        parent=Role.GOALS,
    ),
    Role.GOAL_DEADLINE: _spec(
        "date", "the goals' deadlines in the summary", field=True, parent=Role.GOALS
    ),
    Role.GOAL_OWNER: _spec(
        _TEXT, "the goals' owners in the summary", field=True, parent=Role.GOALS
    ),
    Role.GOAL_METRIC: _spec(
        _TEXT, "the check that each goal is measurable", field=True, parent=Role.GOALS
    ),
    Role.GOAL_BASELINE: _spec(
        "text long_text integer number money percent",
        "the check that each goal has a baseline",
        field=True,
        parent=Role.GOALS,
    ),
    Role.GOAL_MEASURE: _spec(
        "select",
        "the goals against the forecast (a choice's measure: and per_months: keys)",
        field=True,
        parent=Role.GOALS,
    ),
    Role.CHANNEL_OWNER: _spec(
        _TEXT, "the check of the channels' owners", unique=False, either=True
    ),
    Role.CHANNEL_KPI: _spec(_TEXT, "the check of the channels' KPIs", unique=False, either=True),
    Role.CHANNEL_ACTIONS: _spec(
        _TEXT, "the check of the channels' actions", unique=False, either=True
    ),
    Role.POSITIONING: _spec("long_text", "the check that the positioning names a segment"),
    Role.KPIS: _spec(_TEXT, "the check that the KPIs have data and a review cadence"),
    Role.DATA_SOURCES: _spec("multi_select", "the check that the KPIs have a data source"),
    Role.DATA_CADENCE: _spec("select", "the check that the KPIs have a review cadence"),
    Role.EXPECTED_SALES: _spec("money", "marketing spend as a share of the expected sales"),
    Role.ORDER_VALUE: _spec("money", "revenue in the forecast (the average order value)"),
    Role.MARGIN: _spec("percent", "contribution, payback and LTV:CAC in the forecast"),
    Role.REPEAT_RATE: _spec("percent", "repeat revenue and LTV:CAC in the forecast"),
    Role.CLOSE_RATE: _spec("percent", "customers from leads in the forecast (else a default)"),
    Role.CONVERSION: _spec("percent", "the own site's conversion in the forecast (else a default)"),
    Role.AUDIENCE: _spec("integer", "the e-mail or member list's reach in the forecast"),
    Role.ORDER_INTERVAL: _spec("integer", "when repeat orders fall in the forecast"),
    Role.SALES_CYCLE: _spec("number integer", "when leads sign in the forecast (months)"),
    Role.RISKS: _spec("list", "the check of the risks"),
    Role.RISK_CONTROL: _spec(
        _TEXT, "the check that each risk has a control", field=True, parent=Role.RISKS
    ),
    Role.RISK_OWNER: _spec(
        _TEXT, "the check that each risk has an owner", field=True, parent=Role.RISKS
    ),
    Role.TIMELINE_LABEL: _spec(_TEXT, "the timeline", field=True),
    Role.TIMELINE_START: _spec("date", "the timeline", field=True),
    Role.TIMELINE_END: _spec("date", "the timeline", field=True),
    Role.TIMELINE_OWNER: _spec(_TEXT, "the owners on the timeline", field=True),
}
"""Every role's rules; the loader checks a bank against them."""


def unplayed(played: set[Role]) -> list[tuple[str, str]]:
    """(role, what the plan leaves out without it) for each role not in ``played``."""
    return [
        (role.value, spec.needed_for) for role, spec in ROLE_SPECS.items() if role not in played
    ]
