"""Invariants over every shipped bank file."""

from __future__ import annotations

import pytest

from wizard.bank import Bank, Question, QuestionType
from wizard.banks import load_bank, shipped_banks_dir
from wizard.catalog import question_count
from wizard.conditions import condition_names
from wizard.validation import coerce_answer

STAGES = ["strategy", "goals", "market", "product", "platform", "operations", "control"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def every_question(bank: Bank) -> list[Question]:
    out: list[Question] = []
    for _stage, q in bank.questions():
        out.append(q)
        out.extend(q.fields or [])
    return out


def test_seven_stages_in_order(bank: Bank) -> None:
    assert [s.id for s in bank.stages] == STAGES
    assert all(s.version >= 1 for s in bank.stages)


def test_at_least_seventy_questions(bank: Bank) -> None:
    assert sum(question_count(s) for s in bank.stages) >= 70


def test_ids_are_unique(bank: Bank) -> None:
    ids = bank.ids()
    assert len(ids) == len(set(ids))
    for _stage, q in bank.questions():
        field_ids = [f.id for f in q.fields or []]
        assert len(field_ids) == len(set(field_ids)), q.id


def test_conditions_name_earlier_questions(bank: Bank) -> None:
    seen: set[str] = set()
    for _stage, q in bank.questions():
        if q.when:
            names = condition_names(q.when)
            assert names, q.id
            assert set(names) <= seen, (q.id, q.when)
        seen.add(q.id)


def test_every_question_explains_itself(bank: Bank) -> None:
    for q in every_question(bank):
        assert q.help.strip(), q.id
        assert q.example is not None, q.id
        assert q.source, q.id
        assert all(s.endswith(".txt") for s in q.source), q.id


def test_examples_and_defaults_pass_their_own_rules(bank: Bank) -> None:
    for q in every_question(bank):
        coerce_answer(q, q.example)
        if q.default is not None:
            coerce_answer(q, q.default)


def test_select_defaults_are_among_choices(bank: Bank) -> None:
    for q in every_question(bank):
        if q.type is QuestionType.SELECT and q.default is not None:
            assert q.default in q.choice_values(), q.id
        if q.type is QuestionType.MULTI_SELECT and q.default is not None:
            assert set(q.default) <= set(q.choice_values()), q.id


def test_every_question_lands_in_the_plan(bank: Bank) -> None:
    for _stage, q in bank.questions():
        assert q.section is not None, q.id


def test_the_plan_can_rely_on_these_ids(bank: Bank) -> None:
    ids = set(bank.ids())
    assert {
        "business_name",
        "goals",
        "competitors",
        "channels",
        "positions",
        "risks",
        "actions",
    } <= ids
    for list_id in ["goals", "competitors", "positions", "risks", "actions"]:
        assert bank.question(list_id).type is QuestionType.LIST
    goal_fields = [f.id for f in bank.question("goals").fields or []]
    assert goal_fields == ["goal", "metric", "baseline", "target", "deadline", "owner"]


CHANNEL_PARTS = ["objective", "actions", "cadence", "budget", "kpi", "owner"]


def test_each_channel_has_its_own_plan(bank: Bank) -> None:
    """A built-in channel has six questions; the user's own channels are one list of named
    items, each item with the same six parts."""
    lists = 0
    for value in bank.question("channels").choice_values():
        if f"{value}_channels" in bank.ids():
            q = bank.question(f"{value}_channels")
            assert q.type is QuestionType.LIST
            assert q.item_heading == "name"
            assert q.when == f"'{value}' in channels"
            assert [f.id for f in q.fields or []] == ["name", *CHANNEL_PARTS]
            lists += 1
            continue
        for part in CHANNEL_PARTS:
            q = bank.question(f"{value}_{part}")
            assert q.when is not None
            assert f"'{value}' in channels" in q.when
    assert lists == 1


def test_own_channels_name_the_channel_in_every_prompt(bank: Bank) -> None:
    q = bank.question("custom_channels")
    assert not any(c.other for c in bank.question("channels").choices or [])
    for f in (q.fields or [])[1:]:
        assert "{name}" in f.prompt, f.id
        assert "this other channel" not in f.prompt


def test_banks_folder_is_found() -> None:
    assert (shipped_banks_dir() / "01_strategy.yaml").is_file()
