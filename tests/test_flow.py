"""The flow engine on plain data: conditions, back over hidden questions, hidden answers kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.flow import (
    condition_value,
    first_open,
    in_force,
    next_step,
    open_questions,
    previous_step,
    progress,
    visible,
)
from wizard.session import Answer, AnswerStatus

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([MINI])


def answered(**values: Any) -> dict[str, Answer]:
    return {k: Answer(status=AnswerStatus.ANSWERED, value=v) for k, v in values.items()}


def ids(steps: list[Any]) -> list[str]:
    return [s.id for s in steps]


def test_conditions_decide_what_shows(bank: Bank) -> None:
    assert ids(visible(bank, {})) == ["name", "platform", "channels", "headcount", "ready", "goals"]
    own = answered(platform="own_website", channels=["seo"])
    assert ids(visible(bank, own)) == [
        "name", "platform", "site_plan", "channels", "seo_budget", "headcount", "ready", "goals",
    ]  # fmt: skip


def test_other_text_reads_as_the_other_choice(bank: Bank) -> None:
    q = bank.question("platform")
    assert condition_value(q, "A pop-up shop") == "other"
    assert condition_value(q, "own_website") == "own_website"
    assert "other_where" in ids(visible(bank, answered(platform="A pop-up shop")))


def test_next_and_previous_skip_hidden_questions(bank: Bank) -> None:
    answers = answered(name="Acme", platform="third_party")
    assert next_step(bank, answers, None).id == "name"  # type: ignore[union-attr]
    assert next_step(bank, answers, "platform").id == "channels"  # type: ignore[union-attr]
    assert previous_step(bank, answers, "channels").id == "platform"  # type: ignore[union-attr]
    assert previous_step(bank, answers, "name") is None
    assert next_step(bank, answers, "goals") is None


def test_next_from_a_question_that_no_longer_shows(bank: Bank) -> None:
    answers = answered(name="Acme", platform="third_party")
    # site_plan was current, then platform changed: continue with what follows it in order
    assert next_step(bank, answers, "site_plan").id == "channels"  # type: ignore[union-attr]
    assert previous_step(bank, answers, "site_plan").id == "platform"  # type: ignore[union-attr]


def test_hidden_answers_are_kept_and_come_back(bank: Bank) -> None:
    answers = answered(name="Acme", platform="own_website", site_plan="Home, shop")
    assert "site_plan" in in_force(bank, answers)
    answers["platform"] = Answer(status=AnswerStatus.ANSWERED, value="third_party")
    assert "site_plan" not in in_force(bank, answers)
    assert "site_plan" in answers  # kept in the session
    answers["platform"] = Answer(status=AnswerStatus.ANSWERED, value="own_website")
    assert in_force(bank, answers)["site_plan"].value == "Home, shop"


def test_a_skipped_premise_hides_what_depends_on_it(bank: Bank) -> None:
    answers = {"platform": Answer(status=AnswerStatus.SKIPPED)}
    assert "site_plan" not in ids(visible(bank, answers))


def test_first_open_is_where_resume_lands(bank: Bank) -> None:
    answers = answered(name="Acme", platform="third_party")
    answers["channels"] = Answer(status=AnswerStatus.UNKNOWN)
    assert first_open(bank, answers).id == "headcount"  # type: ignore[union-attr]


def test_open_questions_and_progress(bank: Bank) -> None:
    answers = answered(platform="third_party", channels=["email"], headcount=2, ready=True)
    answers["name"] = Answer(status=AnswerStatus.SKIPPED)  # required, skipped
    answers["goals"] = Answer(status=AnswerStatus.UNKNOWN)
    assert ids(open_questions(bank, answers)) == ["name", "goals"]
    assert progress(bank, answers) == (4, 6)  # skipped and "don't know yet" are not answered
    assert progress(bank, {}) == (0, 6)
