"""Every question the seed articles ask is covered by a question of the shipped banks.

The table below quotes (briefly) each question or planning step of the seeds in
``../shared/seeds/`` and names the bank question(s) that cover it. A list field is named
``list_id.field_id``. Each covering question must exist and must cite that seed in its ``source``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.bank import Bank, Question
from wizard.banks import load_bank

S000 = "000_4ffa1084029dd624.txt"
S001 = "001_58b577d727a4f964.txt"
S002 = "002_98726fbfc467ec1b.txt"
S003 = "003_1233e3c2982987cc.txt"
S004 = "004_409413d8d696136c.txt"
SEEDS = (S000, S001, S002, S003, S004)

SEEDS_DIR = Path(__file__).parents[2] / "shared" / "seeds"

CHANNELS = (
    "seo",
    "blog",
    "advertorials",
    "online_ads",
    "forums",
    "social_media",
    "email",
    "video_live",
    "marketplaces",
)
CHANNEL_PARTS = ("objective", "actions", "cadence", "budget", "kpi", "owner")


CUSTOM = "custom_channels"
"""The list of the user's own channels: one item per channel, each with the same plan."""


def channel_plan(channel: str) -> list[str]:
    """The six questions of one channel's plan."""
    return [f"{channel}_{part}" for part in CHANNEL_PARTS]


def custom_channel_plan() -> list[str]:
    """The list of the user's own channels and the fields of each one's plan."""
    return [CUSTOM, f"{CUSTOM}.name", *(f"{CUSTOM}.{part}" for part in CHANNEL_PARTS)]


COVERAGE: list[tuple[str, str, list[str]]] = [
    # 000: strategy, planning and plan (an earlier translation of 001's opening)
    (
        S000,
        "according to the possible problems in the formulation of the corresponding solutions",
        ["risks", "risks.control", "adjustment_triggers"],
    ),
    (
        S000,
        "achieve the desired goal with the lowest input or minimum cost",
        ["constraints", "total_budget"],
    ),
    (
        S000,
        "network marketing planning ... (from the line to the line)",
        ["where_we_sell", "offline_to_online"],
    ),
    (
        S000,
        "the specific executor ... make a plan ... each node to achieve the effect",
        ["actions"],
    ),
    # 001: the strategy layer's macro questions
    (
        S001,
        "network marketing planning ... (from offline to online)",
        ["where_we_sell", "offline_to_online"],
    ),
    (S001, "a continuous problem-solving process ... to find the problem", ["problems_to_solve"]),
    (S001, "Who are we?", ["who_we_are", "business_name"]),
    (S001, "What are we going to do?", ["what_we_do"]),
    (S001, "Our core strengths?", ["strengths"]),
    (S001, "How do we make money?", ["revenue_model"]),
    (S001, "What are our goals?", ["goals", "goals.goal"]),
    (S001, "How do we achieve our goals?", ["how_to_achieve"]),
    (
        S001,
        "put the specific action into the mind map ... implementation of progress control",
        ["actions", "plan_review"],
    ),
    # 001: the product
    (S001, "How to let others know our products?", ["attract_customers"]),
    (S001, "How to make people fall in love with our products?", ["love"]),
    (S001, "How to let other people live without our products?", ["indispensable"]),
    (S001, "according to the industry and the product of different plans", ["industry", "offer"]),
    # 001: platform and promotion
    (
        S001,
        "Do you build your own web site or do you use a third-party platform?",
        ["platform_type", "third_party_platforms"],
    ),
    (S001, "How does the website plan the design?", ["site_structure", "site_design"]),
    (S001, "How to promote the website?", ["attract_customers"]),
    (S001, "How to promote brand products?", ["brand_promotion"]),
    (S001, "How to attract Target customers?", ["attract_customers", "target_customers"]),
    (S001, "Through what means to spread the promotion?", ["channels"]),
    (
        S001,
        "How to do it?",
        [f"{channel}_actions" for channel in CHANNELS] + [f"{CUSTOM}.actions"],
    ),
    # 001: operations
    (S001, "How are business processes divided?", ["business_processes"]),
    (
        S001,
        "How to establish departmental establishment and team position?",
        ["departments", "positions", "positions.role"],
    ),
    (
        S001,
        "How to make salary, management examination and training system?",
        ["compensation", "assessment_incentives", "training"],
    ),
    (
        S001,
        "A website's sales force is poor, conversion rate is low ... conversion rate as the core",
        [
            "conversion_rate",
            "conversion_target",
            "sales_places",
            "sales_places.today",
            "sales_places.target",
            "sales_weak",
            "conversion_plan",
        ],
    ),
    # 001: one plan per channel
    (S001, "Blog marketing planning", channel_plan("blog")),
    (S001, "soft paper planning", channel_plan("advertorials")),
    (S001, "network advertising planning", channel_plan("online_ads")),
    (S001, "SEO planning", channel_plan("seo")),
    (S001, "forum promotion planning ...", channel_plan("forums") + custom_channel_plan()),
    (
        S001,
        "we have to promote each channel, means to develop the corresponding implementation plan",
        [qid for channel in CHANNELS for qid in channel_plan(channel)] + custom_channel_plan(),
    ),
    # 001: data analysis
    (
        S001,
        "must carry on the Network marketing data analysis plan",
        [
            "kpis",
            "data_sources",
            "analytics_tools",
            "reporting_cadence",
            "data_reviewer",
            "adjustment_triggers",
        ],
    ),
    # 001: the three-part plan
    (
        S001,
        "I. Setting goals: planning targets, planning objectives, and the significance of planning?",
        ["plan_purpose", "goals", "planning_significance"],
    ),
    (
        S001,
        "analysis of ideas: target customers, competitors, their own advantages and disadvantages",
        ["target_customers", "competitors", "strengths", "weaknesses"],
    ),
    (S001, "to determine the overall planning ideas", ["overall_idea"]),
    (
        S001,
        "decomposed into several modules, several steps and links ... human, financial and material resources",
        [
            "actions",
            "actions.resources",
            "budget_notes",
            "budget_lines",
            "resources",
            "dependencies",
        ],
    ),
    (
        S001,
        "from time, space, tasks, goals and so on to implement to people",
        ["actions.task", "actions.owner", "actions.start", "actions.due", "plan_lead"],
    ),
    (
        S001,
        "the prophase planning and the implementation of supervision and control",
        ["plan_review", "data_reviewer"],
    ),
    # 002: seven strokes (four survive in the seed)
    (
        S002,
        "the enterprise in the network marketing environment ... strengths, opportunities and threats",
        ["strengths", "opportunities", "threats"],
    ),
    (
        S002,
        "network marketing segmentation, target market positioning",
        ["target_customers", "positioning"],
    ),
    (
        S002,
        "clear task: overall objectives, scope of business and the general guidelines",
        ["mission_scope", "overall_objectives", "guidelines"],
    ),
    (
        S002,
        'clear network marketing goals: "profit growth of 15%", "brand awareness reached 40%"',
        ["goals", "goals.metric", "goals.baseline", "goals.target"],
    ),
    (
        S002,
        "specify the time limit to achieve these achievements",
        ["goals.deadline", "plan_start", "plan_end"],
    ),
    (S002, "how to achieve this deadline we have to do the next step", ["how_to_achieve"]),
    (
        S002,
        "what are the advantages of the enterprise, and what are the differences with other peers",
        ["strengths", "differences_from_peers", "differentiation"],
    ),
    (
        S002,
        "the company's resources and network marketing environment",
        ["resources", "market_trends"],
    ),
    (S002, "find the product needs of the crowd", ["positioning"]),
    # 003: the general process of planning
    (
        S003,
        "establish the purpose: expand channels, increase sales; build brands; new adjustments",
        ["plan_purpose", "existing_programme"],
    ),
    (S003, "solve the problem of one side of the enterprise", ["problems_to_solve"]),
    (
        S003,
        "preparatory stage, investigation stage, design stage and implementation stage",
        ["milestones", "milestones.phase", "milestones.milestone", "milestones.due"],
    ),
    (
        S003,
        "budget the planned funding",
        [
            "total_budget",
            "budget_lines",
            "budget_lines.item",
            "budget_lines.one_off",
            "budget_lines.monthly",
            "budget_notes",
        ],
    ),
    (
        S003,
        "analyze the market environment and find the market opportunities",
        ["market_trends", "opportunities"],
    ),
    (
        S003,
        "effect prediction: direct economic effect and indirect economic effect",
        ["expected_direct_effect", "expected_indirect_effect", "expected_sales"],
    ),
    (S003, "approved by the company or approved by the leader", ["approver", "dependencies"]),
    (
        S003,
        "Research on the network market itself, new product research, pricing research, "
        "advertising research, distribution channels research, promotion strategies",
        ["market_research"],
    ),
    (S003, "pricing research", ["price_range", "pricing"]),
    (S003, "make relevant reports and forecasts", ["research_notes"]),
    (S003, "constantly planning plan to amend and supplement", ["plan_review"]),
    (S003, "hard targets and action plans in different stages", ["actions", "milestones"]),
    # 004: strategic planning and operation
    (
        S004,
        "Analysis of market competition, the audience, and their advantages and disadvantages, "
        "threats and opportunities",
        ["competitors", "target_customers", "strengths", "weaknesses", "opportunities", "threats"],
    ),
    (S004, "clear network marketing model", ["online_model"]),
    (
        S004,
        "define the goal of network marketing, network marketing development ideas",
        ["goals", "overall_idea"],
    ),
    (S004, "combing the starting point and steps", ["actions"]),
    (S004, "planning departments", ["departments"]),
    (S004, "financial budget", ["total_budget", "budget_lines", "budget_lines.cost_type"]),
    (
        S004,
        "risk control",
        [
            "risks",
            "risks.risk",
            "risks.likelihood",
            "risks.impact",
            "dependencies",
            "dependencies.dependency",
            "dependencies.dependency_type",
            "dependencies.status",
        ],
    ),
    (S004, "drawing all kinds of work details", ["actions"]),
    # 004: business operations
    (
        S004,
        "The website (shop) planning and construction",
        ["site_structure", "site_build", "shop_setup"],
    ),
    (S004, "network promotion", ["attract_customers"]),
    (S004, "sales data analysis", ["data_sources"]),
    (S004, "process planning", ["business_processes"]),
    (
        S004,
        "if the retail network also need to include settlement, warehousing and logistics",
        [
            "product_kind",
            "sells_online",
            "payment_methods",
            "settlement",
            "warehousing",
            "logistics",
        ],
    ),
    (S004, "operations planning, brand planning", ["business_processes", "brand_promotion"]),
    # 004: team operations management
    (S004, "How many posts are required?", ["positions", "positions.headcount"]),
    (
        S004,
        "How are the duties and responsibilities of each position planning?",
        ["positions.duties", "positions.reports_to"],
    ),
    (
        S004,
        "Post recruitment, training, compensation, assessment, incentives",
        ["recruitment", "training", "compensation", "assessment_incentives", "positions.filled_by"],
    ),
    (S004, "how to get the daily management of the team", ["daily_management", "plan_lead"]),
    (
        S004,
        "different network marketing strategy model, the need for personnel",
        ["staffing_approach"],
    ),
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def find(bank: Bank, ref: str) -> Question | None:
    """The question ``ref`` names: a top-level id, or ``list_id.field_id`` for a list field."""
    qid, _, field_id = ref.partition(".")
    if qid not in bank.ids():
        return None
    question = bank.question(qid)
    if not field_id:
        return question
    return next((f for f in question.fields or [] if f.id == field_id), None)


def _row_id(row: tuple[str, str, list[str]]) -> str:
    seed, quote, _ids = row
    words = "_".join(quote.replace("...", " ").split()[:8])
    return f"{seed[:3]}-{words}"


@pytest.mark.parametrize(("seed", "quote", "refs"), COVERAGE, ids=[_row_id(r) for r in COVERAGE])
def test_seed_question_is_covered(bank: Bank, seed: str, quote: str, refs: list[str]) -> None:
    assert refs, f"no bank question covers {quote!r}"
    for ref in refs:
        question = find(bank, ref)
        assert question is not None, f"{ref!r} (covering {quote!r} of {seed}) is not in the bank"
        assert seed in question.source, f"{ref!r} covers {quote!r} but does not cite {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_has_coverage_rows(seed: str) -> None:
    assert any(row[0] == seed for row in COVERAGE)


def test_sources_name_known_seeds(bank: Bank) -> None:
    unknown = [
        (q.id, source)
        for _stage, top in bank.questions()
        for q in [top, *(top.fields or [])]
        for source in q.source
        if source not in SEEDS
    ]
    assert not unknown


def test_every_seed_file_is_cited() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed folder {SEEDS_DIR} is not here")
    bank = load_bank()
    cited = {source for _stage, q in bank.questions() for source in q.source}
    seeds = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
    assert seeds, f"no seed files in {SEEDS_DIR}"
    assert [name for name in seeds if name not in cited] == []
    assert set(seeds) == set(SEEDS), "a seed was added or removed: update SEEDS and COVERAGE"
