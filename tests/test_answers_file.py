"""Answers files: fill is all or nothing, answers prints what fill reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wizard.answers_file import (
    dump_answers,
    export_answers,
    fill_session,
    hidden_answers,
    load_answers_file,
)
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.errors import InvalidAnswersError
from wizard.session import AnswerStatus, Session

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([MINI])


GOOD = {
    "_meta": {
        "client": "Acme Tea Co.",
        "unknown": ["headcount"],
        "notes": {"name": "Check the legal name"},
    },
    "name": "Acme Tea",
    "platform": "own_website",
    "site_plan": "Home\nShop\nBlog",
    "channels": ["seo", "email"],
    "seo_budget": {"amount": 3000, "currency": "CNY"},
    "ready": True,
    "goals": [{"goal": "Grow sales 15%", "due": "2027-06-30"}],
}


def test_fill_records_values_statuses_notes_and_client(bank: Bank) -> None:
    filled = fill_session(bank, Session(name="s"), GOOD)
    assert filled.client == "Acme Tea Co."
    assert filled.answers["name"].value == "Acme Tea"
    assert filled.answers["name"].note == "Check the legal name"
    assert filled.answers["headcount"].status is AnswerStatus.UNKNOWN
    assert filled.answers["seo_budget"].value == {"amount": 3000, "currency": "CNY"}


def test_fill_is_all_or_nothing_and_lists_every_problem(bank: Bank) -> None:
    original = Session(name="s")
    bad = {
        "_meta": {"unknown": ["nmae"], "colour": "red"},
        "name": "A",
        "platform": "tv",  # taken as the free "Other" text
        "headcount": "lots",
        "goals": [{"due": "tomorrow"}],
        "chanels": ["seo"],
        "ready": "maybe",
    }
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(bank, original, bad)
    assert caught.value.message == "The answers file has 7 problem(s); nothing was written:"
    assert caught.value.details == [
        "  name: between 2 and 40 characters, please (got 'A')",
        "  headcount: expected a whole number (got 'lots')",
        "  ready: expected yes or no (got 'maybe')",
        "  goals: item 1, goal: an answer is needed; "
        "item 1, due: expected a date as YYYY-MM-DD (got 'tomorrow')",
        "  chanels: not a question id (did you mean 'channels'?)",
        "  _meta.colour: unknown key; expected one of client, unknown, skipped, notes",
        "  _meta.unknown: nmae: not a question id (did you mean 'name'?)",
    ]
    assert original.answers == {}


def test_other_text_is_accepted_where_the_question_takes_it(bank: Bank) -> None:
    filled = fill_session(bank, Session(name="s"), {"platform": "A pop-up shop"})
    assert filled.answers["platform"].value == "A pop-up shop"


def test_a_note_needs_an_answer(bank: Bank) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(bank, Session(name="s"), {"_meta": {"notes": {"ready": "Ask Li"}}})
    assert caught.value.details == [
        "  _meta.notes.ready: a note needs an answer; answer the question or list it under unknown or skipped"
    ]


def test_round_trip_gives_identical_answers(bank: Bank, tmp_path: Path) -> None:
    first = fill_session(bank, Session(name="a"), GOOD)
    first.record("platform", AnswerStatus.ANSWERED, "third_party")  # hides site_plan, kept
    for fmt, suffix in [("yaml", ".yaml"), ("json", ".json")]:
        path = tmp_path / f"answers{suffix}"
        path.write_text(dump_answers(export_answers(bank, first), fmt), encoding="utf-8")
        second = fill_session(bank, Session(name="b"), load_answers_file(path))
        assert {k: (a.status, a.value, a.note) for k, a in second.answers.items()} == {
            k: (a.status, a.value, a.note) for k, a in first.answers.items()
        }
        assert second.client == first.client
    assert hidden_answers(bank, first) == ["site_plan"]


def test_export_is_in_bank_order_with_meta_first(bank: Bank) -> None:
    data = export_answers(bank, fill_session(bank, Session(name="s"), GOOD))
    assert list(data) == [
        "_meta",
        "name",
        "platform",
        "site_plan",
        "channels",
        "seo_budget",
        "ready",
        "goals",
    ]
    assert yaml.safe_load(dump_answers(data, "yaml")) == data


@pytest.mark.parametrize(
    ("text", "suffix", "message"),
    [
        ("name: [", ".yaml", ":1: not valid YAML"),
        ("{", ".json", ":1: not valid JSON"),
        ("- a\n- b\n", ".yaml", "expected a mapping from question id to answer (got list)"),
        ("", ".yaml", "the answers file is empty"),
    ],
)
def test_unreadable_answers_files(tmp_path: Path, text: str, suffix: str, message: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text(text)
    with pytest.raises(InvalidAnswersError) as caught:
        load_answers_file(path)
    assert message in caught.value.message
    assert str(path) in caught.value.message
