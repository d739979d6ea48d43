"""The shipped industry packs for B2B services and online retail (issue 9, part 4).

Each pack loads onto the core banks with no problem; a session answered with it (its example
answers file) renders a plan whose "Budget by channel" names the pack's channels and whose
summary is whole; the B2B pack asks nothing of consumer e-commerce; the plan's headings use the
pack's words. The packs are merged by the loader (load_bank(pack=...)).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.pack_support import PACKS, load_pack
from tests.plan_support import TODAY, headings, load_example, parse_markdown, session_from_answers
from tests.test_no_ids_in_code import WIZARD, bank_names, offending, string_literals
from tests.test_shipped_banks import core_pass
from wizard import flow
from wizard.bank import Bank, Question
from wizard.banks import load_bank
from wizard.plan import build_plan, render
from wizard.roles import Role
from wizard.session import AnswerStatus, Depth

PACK_EXAMPLES = [("b2b", "b2b-firm"), ("retail", "retail-shop")]


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Bank]:
    return {
        pack: load_pack(pack, tmp_path_factory.mktemp(pack)) for pack, _example in PACK_EXAMPLES
    }


_PLANS: dict[str, str] = {}


def plan_markdown(bank: Bank, example: str) -> str:
    """The Markdown plan of an example answered with its pack (rendered once per module)."""
    if example not in _PLANS:
        session = session_from_answers(bank, load_example(example), example)
        _PLANS[example] = render(build_plan(bank, session, today=TODAY), "md")
    return _PLANS[example]


def texts(q: Question) -> list[str]:
    """What a user reads of a question: its prompt, label, help, group and choice labels."""
    found = [q.prompt, q.help, q.label or "", q.group or ""]
    found += [c.label for c in q.choices or []]
    for f in q.fields or []:
        found += texts(f)
    return found


# --- the packs load ----------------------------------------------------------------------------


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_pack_loads_with_no_problem(banks: dict[str, Bank], pack: str, example: str) -> None:
    meta = yaml.safe_load((PACKS / pack / "pack.yaml").read_text(encoding="utf-8"))
    assert meta["id"] == pack
    assert isinstance(meta["version"], int)
    assert meta["title"] in {"B2B services", "Online retail"}
    assert meta["description"].strip()
    bank = banks[pack]
    assert len(bank.ids()) > len(load_bank().ids()) // 2


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_every_channel_condition_names_a_channel_the_pack_offers(
    banks: dict[str, Bank], pack: str, example: str
) -> None:
    """A channel plan left over from the core would hang on a choice nobody can pick."""
    bank = banks[pack]
    selector = bank.role_question(Role.CHANNELS)
    assert selector is not None
    offered = set(selector.choice_values())
    conditions = [q.when for _s, q in bank.questions() if q.when and selector.id in q.when]
    named = {v for when in conditions for v in re.findall(r"'([a-z0-9_]+)' in ", when)}
    assert named, "no channel plans found"
    assert named <= offered, sorted(named - offered)
    # and every offered channel has a plan (its budget), or is the list of channels of one's own
    budgets = [q for _s, q in bank.questions() if q.role is Role.CHANNEL_BUDGET]
    planned = {v for q in budgets for v in re.findall(r"'([a-z0-9_]+)' in ", q.when or "")}
    assert offered - planned == {"custom"}


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_no_id_of_the_pack_in_the_code(banks: dict[str, Bank], pack: str, example: str) -> None:
    """What the pack adds (ids, field ids, choice values) is no more in wizard/ than the core's
    (tests/test_no_ids_in_code.py)."""
    names = bank_names(banks[pack]) - bank_names(load_bank())
    assert names
    hits = [
        f"{path.relative_to(WIZARD.parent)}:{line}: {found!r}"
        for path in sorted(WIZARD.rglob("*.py"))
        for line, literal in string_literals(path)
        if (found := offending(literal, names))
    ]
    assert hits == []


# --- B2B: nothing of consumer e-commerce -----------------------------------------------------

CONSUMER_TOPICS = {
    "Baidu Tieba": r"baidu tieba",
    "free shipping": r"free shipping",
    "same price as in the shop": r"same (?:price )?as in the shop|same prices? as",
    "warehousing": r"warehous",
}
CONSUMER = re.compile("|".join(CONSUMER_TOPICS.values()), re.IGNORECASE)


def test_the_b2b_pack_never_asks_about_consumer_e_commerce(banks: dict[str, Bank]) -> None:
    bank = banks["b2b"]
    found = [
        f"{q.id}: {text!r}"
        for stage in bank.stages
        for q in stage.questions
        for text in texts(q)
        if CONSUMER.search(text)
    ]
    found += [f"stage {s.id}: intro" for s in bank.stages if CONSUMER.search(s.intro)]
    assert found == []


@pytest.mark.parametrize("topic", sorted(CONSUMER_TOPICS))
def test_the_consumer_check_can_fail(topic: str) -> None:
    """Each topic's pattern finds the words a consumer shop would use (the core banks no
    longer say all of them since their content review)."""
    sample = {
        "Baidu Tieba": "Post in Baidu Tieba groups",
        "free shipping": "Offer free shipping over 99 CNY",
        "same price as in the shop": "The same price as in the shop",
        "warehousing": "Who does the warehousing?",
    }[topic]
    assert CONSUMER.search(sample)
    assert re.search(CONSUMER_TOPICS[topic], sample, re.IGNORECASE)


def test_the_b2b_pack_asks_about_leads_and_the_sales_process(banks: dict[str, Bank]) -> None:
    bank = banks["b2b"]
    stage = next(s for s in bank.stages if s.id == "sales")
    assert [s.id for s in bank.stages].index("sales") == [s.id for s in bank.stages].index(
        "platform"
    ) + 1
    words = " ".join(q.prompt.lower() for q in stage.questions)
    for topic in ("sales-ready", "decision", "deal", "months", "stages", "marketing to sales"):
        assert topic in words, topic
    selector = bank.role_question(Role.CHANNELS)
    assert selector is not None
    labels = " ".join(c.label for c in selector.choices or []).lower()
    for channel in ("linkedin", "trade media", "trade fairs", "case studies", "search"):
        assert channel in labels, channel
    for channel in ("e-mail nurturing", "partner", "account-based"):
        assert channel in labels, channel


def test_the_retail_pack_asks_about_shops_fulfilment_returns_and_the_calendar(
    banks: dict[str, Bank],
) -> None:
    bank = banks["retail"]
    everything = " ".join(t for _s, q in bank.questions() for t in texts(q)).lower()
    for topic in ("tmall", "jd", "amazon", "618", "double 11", "black friday", "christmas"):
        assert topic in everything, topic
    for topic in ("fulfilment", "returns", "repeat", "social commerce", "marketplace"):
        assert topic in everything, topic
    calendar = bank.question("sales_calendar")
    assert calendar.field_with_role(Role.TIMELINE_LABEL) is not None
    assert calendar.field_with_role(Role.TIMELINE_START) is not None


# --- a session answered with the pack: its plan ----------------------------------------------


def pack_channel_groups(bank: Bank, answers: dict[str, Any]) -> list[str]:
    """The group (the channel's name) of each picked channel's budget question, in the order
    the session keeps the picks (the choices' order)."""
    selector = bank.role_question(Role.CHANNELS)
    assert selector is not None
    groups = []
    for value in [v for v in selector.choice_values() if v in answers[selector.id]]:
        budget = next(
            q
            for _s, q in bank.questions()
            if q.role is Role.CHANNEL_BUDGET and q.when == f"'{value}' in {selector.id}"
        )
        assert budget.group
        groups.append(budget.group)
    return groups


def section(markdown: str, title: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) {re.escape(title)}\n", markdown, re.MULTILINE)
    assert match, f"no heading {title!r}"
    level = len(match.group(1))
    rest = markdown[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_budget_by_channel_names_the_packs_channels(
    banks: dict[str, Bank], pack: str, example: str
) -> None:
    bank = banks[pack]
    answers = load_example(example)
    markdown = plan_markdown(bank, example)
    table = section(markdown, "Budget by channel")
    rows = [
        line.split("|")[1].strip()
        for line in table.splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
    ]
    assert rows[0] == "Channel"
    assert rows[1:] == [*pack_channel_groups(bank, answers), "**Total**"]


def test_the_b2b_budget_rows_are_the_packs_own_channels(banks: dict[str, Bank]) -> None:
    """Not a core channel among them: the B2B plan says LinkedIn, events, account-based..."""
    markdown = plan_markdown(banks["b2b"], "b2b-firm")
    table = section(markdown, "Budget by channel")
    for name in ("LinkedIn", "Industry events and trade fairs", "Account-based marketing"):
        assert f"| {name} |" in table
    core_groups = {q.group for _s, q in load_bank().questions() if q.role is Role.CHANNEL_BUDGET}
    assert not any(f"| {group} |" in table for group in core_groups)


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_the_summary_is_whole(banks: dict[str, Bank], pack: str, example: str) -> None:
    bank = banks[pack]
    answers = load_example(example)
    summary = section(plan_markdown(bank, example), "Summary")
    assert answers["business_name"] in summary
    assert "2027-01-01 to 2027-12-31" in summary
    assert answers["goals"][0]["goal"] in summary
    selector = bank.role_question(Role.CHANNELS)
    assert selector is not None
    picked = answers[selector.id]
    assert f"runs through {['', 'one', 'two', 'three', 'four', 'five', 'six'][len(picked)]}" in (
        summary
    )
    for value in picked:
        label = selector.choice_label(value)
        assert label[0].lower() + label[1:] in summary or label in summary, label
    total = answers["total_budget"]
    assert f"{total['amount']:,} {total['currency']}" in summary
    base = bank.role_question(Role.ONLINE_BASE)
    assert base is not None
    phrase = base.choice_phrase(answers[base.id])
    assert phrase is not None
    assert phrase in summary


# --- headings in the pack's words ------------------------------------------------------------

RENAMED = {
    "b2b": {
        "Target customers and positioning": "Target companies, buyers and positioning",
        "Product": "Services and offer",
        "Platform and promotion": "Website and online presence",
        "Channel plans": "Marketing channel plans",
        "Business operations": "Marketing and sales operations",
        "Expected effect": "Expected pipeline, deals and revenue",
    },
    "retail": {
        "Target customers and positioning": "Shoppers and positioning",
        "Product": "Range, prices and repeat purchase",
        "Platform and promotion": "Own shop and marketplaces",
        "Channel plans": "Sales and promotion channels",
        "Business operations": "Orders, fulfilment and returns",
    },
}
ADDED = {"b2b": "Leads and the hand-over to sales", "retail": "Sales calendar and campaigns"}


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_headings_use_the_packs_words(banks: dict[str, Bank], pack: str, example: str) -> None:
    markdown = plan_markdown(banks[pack], example)
    titles = [h.text for h in headings(parse_markdown(markdown)) if h.level == 3]
    core_titles = {s.title for s in load_bank().layout.sections()}
    for core, own in RENAMED[pack].items():
        assert core in core_titles, core  # the core still says it; the pack renames it
        assert own in titles, own
        assert core not in titles, core
    assert ADDED[pack] in titles
    implementation = titles[titles.index(RENAMED[pack]["Platform and promotion"]) :]
    assert (
        implementation.index(ADDED[pack])
        == implementation.index(RENAMED[pack]["Channel plans"]) + 1
    )


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_the_packs_plan_layout_only_renames_and_adds(pack: str, example: str) -> None:
    """The overlay names sections of the core layout (renamed) or new ones (added), no other."""
    overlay = yaml.safe_load((PACKS / pack / "plan.yaml").read_text(encoding="utf-8"))
    core = {s.id: s.title for s in load_bank().layout.sections()}
    listed = [s for part in overlay["parts"] for s in part["sections"]]
    renamed = {core[s["id"]]: s["title"] for s in listed if s["id"] in core}
    added = [s["title"] for s in listed if s["id"] not in core]
    assert renamed == RENAMED[pack]
    assert added == [ADDED[pack]]


def test_the_examples_answer_every_question_that_shows(banks: dict[str, Bank]) -> None:
    for pack, example in PACK_EXAMPLES:
        answers = load_example(example)
        session = session_from_answers(banks[pack], answers, example)
        shown = [step.id for step in flow.asked(banks[pack], session.answers, Depth.FULL)]
        assert [qid for qid in shown if qid not in answers] == [], example
        assert [k for k in answers if k != "_meta" and k not in shown] == [], example


def test_each_example_names_its_pack() -> None:
    """Each example names its pack in its header, as `fill` will take it."""
    for pack, example in PACK_EXAMPLES:
        head = (Path(__file__).resolve().parent.parent / "examples" / f"{example}.yaml").read_text(
            encoding="utf-8"
        )[:1200]
        assert f"--pack {pack}" in head
        assert f"question_banks/packs/{pack}" in head


# --- core depth with a pack ------------------------------------------------------------------

PACK_CORE_BOUND = {"b2b-firm": 52, "retail-shop": 45}
"""At most this many questions in a core pass of each pack example (a list counts as one): the
firm picks six channels (three core questions each) and the pack adds five core questions on
leads and the sales process; the shop picks five channels and adds the sales calendar."""


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_a_core_pass_with_the_pack_gives_every_section(
    banks: dict[str, Bank], pack: str, example: str
) -> None:
    bank = banks[pack]
    session, steps = core_pass(bank, example)
    assert len(steps) <= PACK_CORE_BOUND[example]
    assert all(a.status is AnswerStatus.ANSWERED for a in session.answers.values())
    plan = build_plan(bank, session, today=TODAY)
    assert plan.open_questions.empty_sections == []
    titles = [h.text for h in headings(parse_markdown(render(plan, "md"))) if h.level == 3]
    sections = [s.title for s in bank.layout.sections()]
    assert titles[: len(sections)] == sections  # every section, in the pack's words and order


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_every_section_of_the_packs_plan_has_an_unconditional_core_question(
    banks: dict[str, Bank], pack: str, example: str
) -> None:
    bank = banks[pack]
    core = {q.section for _stage, q in bank.questions() if q.core and q.when is None}
    assert core == {section.id for section in bank.layout.sections()}


@pytest.mark.parametrize(("pack", "example"), PACK_EXAMPLES)
def test_core_keeps_objective_budget_and_kpi_of_each_pack_channel(
    banks: dict[str, Bank], pack: str, example: str
) -> None:
    bank = banks[pack]
    selector = bank.role_question(Role.CHANNELS)
    assert selector is not None
    for value in selector.choice_values():
        group = [q for _s, q in bank.questions() if q.when == f"'{value}' in {selector.id}"]
        if value == "custom":
            continue
        assert len(group) == 6, value
        assert [q.id.removeprefix(f"{value}_") for q in group if q.core] == [
            "objective",
            "budget",
            "kpi",
        ], value
        assert len({q.group for q in group}) == 1, value


# --- each pack's examples follow a business of its kind (issue 9) ----------------------------

#: Core questions whose example every pack may keep: the answer is a choice, a yes or no or a
#: date that names nothing of the core's tea grower, and the pack's example business answers the
#: same. Any other question a pack keeps must show an example in the pack's words (``change:``).
NEUTRAL_EXAMPLES = {
    # the calendar year 2027, the plan period of every example business
    "plan_start": "a date",
    "plan_end": "a date",
    # choices any business may make; each pack's example business makes the same one
    "where_we_sell": "a choice: mostly offline, like the café",
    "plan_purpose": "choices: more channels and sales, a stronger brand",
    "platform_type": "a choice: an own site and shops on platforms",
    "site_build": "a choice: a site builder",
    "staffing_approach": "a choice: own staff with outside help",
    "reporting_cadence": "a choice: weekly",
    "seo_cadence": "a choice: weekly",
    "marketplaces_cadence": "a choice: weekly",
    "market_research": "choices: the market, pricing, where to sell",
    "product_kind": "a choice: physical goods, which the retail pack sells too",
    # yes or no
    "has_website": "no, like the café",
    "sales_weak": "yes: every example business finds selling online the hard part",
    "sells_online": "yes",
}

#: Words of the core's example business (a tea grower) that no pack's example may show.
TEA_GROWER = ("Green Leaf", "Longjing", "tea garden", "picking", "Li Wei", "Chen Jie")


@pytest.fixture(scope="module")
def core_bank() -> Bank:
    return load_bank()


@pytest.mark.parametrize("pack", ["restaurant", "b2b", "retail"])
def test_every_kept_core_question_shows_an_example_of_the_packs_kind(
    core_bank: Bank, pack: str
) -> None:
    bank = load_pack(pack)
    core = {q.id: q for _s, q in core_bank.questions()}
    kept = [
        q.id
        for _s, q in bank.questions()
        if q.id in core and q.example == core[q.id].example and q.id not in NEUTRAL_EXAMPLES
    ]
    assert kept == [], f"{pack} shows the core's example for {kept}"
    tea = [
        (q.id, word)
        for _s, q in bank.questions()
        for word in TEA_GROWER
        if word.lower() in yaml.safe_dump(q.example, allow_unicode=True).lower()
    ]
    assert tea == [], f"{pack} shows the tea grower's example in {tea}"


def test_the_neutral_examples_are_core_choices_yes_no_or_dates(core_bank: Bank) -> None:
    kinds = {core_bank.question(qid).type for qid in NEUTRAL_EXAMPLES}
    assert kinds <= {"select", "multi_select", "confirm", "date"}
