"""The plan's structure: its three parts and the titles of their sections, as the seeds give them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wizard.bank import PlanSection

__all__ = ["PARTS", "SECTION_TITLES", "PartSpec"]

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
