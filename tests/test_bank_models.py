"""One model per question type: each takes only its own keys, and every one answers the same
questions (what a type does not take reads as empty), so the rest of the code asks any question."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from wizard.bank import (
    ANSWER_TYPES,
    NOT_TAKEN,
    QUESTION_MODELS,
    RULES,
    ListQuestion,
    QuestionType,
    TextQuestion,
    Validation,
    parse_question,
)
from wizard.roles import Role

COMMON: dict[str, Any] = {"id": "q", "prompt": "P?", "help": "h", "example": None}
COMMON["source"] = ["s.txt"]


def test_every_type_has_its_model() -> None:
    assert [t.value for t in QUESTION_MODELS] == list(ANSWER_TYPES)
    for kind, model in QUESTION_MODELS.items():
        question = parse_question(COMMON | {"type": kind.value} | _needs(kind))
        assert type(question) is model
        assert question.type is kind


def _needs(kind: QuestionType) -> dict[str, Any]:
    if kind in {QuestionType.SELECT, QuestionType.MULTI_SELECT}:
        return {"choices": [{"value": "a", "label": "A"}]}
    if kind is QuestionType.LIST:
        return {"fields": [COMMON | {"id": "f", "type": "text", "role": "goal.name"}]}
    return {}


def test_a_key_a_type_does_not_take_reads_as_empty() -> None:
    text = parse_question(COMMON | {"type": "text"})
    assert {key: getattr(text, key) for key in NOT_TAKEN} == NOT_TAKEN
    assert (text.choice_values(), text.other_choice(), text.choice_label("x")) == ([], None, "x")
    assert text.field_with_role(Role.GOAL_NAME) is None
    assert all(getattr(Validation(), rule) is None for rule in RULES)
    with pytest.raises(AttributeError):
        getattr(text, "colour")  # noqa: B009  # only the keys of other types read as empty
    with pytest.raises(ValidationError):
        parse_question(COMMON | {"type": "text", "choices": None})  # not even an empty one


def test_a_list_answers_for_its_fields() -> None:
    goals = parse_question(COMMON | {"type": "list"} | _needs(QuestionType.LIST))
    assert isinstance(goals, ListQuestion)
    found = goals.field_with_role(Role.GOAL_NAME)
    assert found is not None
    assert found.id == "f"
    assert (goals.choices, goals.prose) == (None, False)


def test_as_text_keeps_the_shared_keys() -> None:
    money = parse_question(COMMON | {"type": "money", "currency": "EUR", "label": "Budget"})
    shown = money.as_text()
    assert isinstance(shown, TextQuestion)
    assert (shown.id, shown.title, shown.currency) == ("q", "Budget", None)
