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
from wizard.session import AnswerStatus, ParkedPoint, Session

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
        "  headcount: expected a whole number such as 1200, 1,200, 1.2千 or 8万 (got 'lots')",
        "  ready: expected yes or no (got 'maybe')",
        "  goals: item 1, goal: an answer is needed; "
        "item 1, due: expected a date such as 2027-03-31 (got 'tomorrow'), also written "
        "2027/3/31, 2027年3月31日 or 31.3.2027",
        "  chanels: not a question id (did you mean 'channels'?)",
        "  _meta.colour: unknown key; expected one of client, language, unknown, skipped, in_progress, "
        "notes, parked",
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


# --- what issue 7 added: unfinished answers, list-item marks, the parking lot --------------------


@pytest.fixture(scope="module")
def shipped() -> Bank:
    return load_bank()


def _round_trip(bank: Bank, session: Session, tmp_path: Path) -> list[Session]:
    """The session written by ``answers`` and read back by ``fill``, in YAML and in JSON."""
    out = []
    for fmt, suffix in [("yaml", ".yaml"), ("json", ".json")]:
        path = tmp_path / f"answers{suffix}"
        path.write_text(dump_answers(export_answers(bank, session), fmt), encoding="utf-8")
        out.append(fill_session(bank, Session(name="b"), load_answers_file(path)))
    return out


def _answers(session: Session) -> dict[str, tuple[AnswerStatus, object, str | None]]:
    return {k: (a.status, a.value, a.note) for k, a in session.answers.items()}


def test_in_progress_answers_survive_the_round_trip(shipped: Bank, tmp_path: Path) -> None:
    session = Session(name="a")
    session.record("business_name", AnswerStatus.ANSWERED, "Green Leaf")
    finished = [{"goal": "Sell online", "metric": "Online sales per month"}]
    session.record("risks", AnswerStatus.IN_PROGRESS, [{"risk": "Late stock"}])
    session.record("goals", AnswerStatus.IN_PROGRESS, finished, note="Two more goals on Monday")
    session.record("who_we_are", AnswerStatus.IN_PROGRESS, None, note="Ask Li for the history")
    data = export_answers(shipped, session)
    assert data["_meta"]["in_progress"] == ["who_we_are", "goals", "risks"]
    assert "who_we_are" not in data  # a note given before the answer: no value yet
    for second in _round_trip(shipped, session, tmp_path):
        assert _answers(second) == _answers(session)


def test_an_unfinished_list_may_have_fewer_items_than_a_finished_one(shipped: Bank) -> None:
    data = {"_meta": {"in_progress": ["goals"]}, "goals": []}  # goals need at least one
    filled = fill_session(shipped, Session(name="s"), data)
    assert filled.answers["goals"].status is AnswerStatus.IN_PROGRESS
    assert filled.answers["goals"].value == []
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(shipped, Session(name="s"), {"goals": []})
    assert caught.value.details == ["  goals: an answer is needed: expected a list of items"]
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(
            shipped, Session(name="s"), {"_meta": {"in_progress": ["goals"], "unknown": ["goals"]}}
        )
    assert caught.value.details == [
        "  _meta.in_progress: goals is listed under both unknown and in_progress"
    ]


def test_item_marks_survive_the_round_trip(shipped: Bank, tmp_path: Path) -> None:
    goals = [
        {"goal": "Sell online", "target": "100,000 CNY a month"},
        {
            "goal": "Brand awareness",
            "_unknown": ["metric", "baseline"],
            "_notes": {"metric": "Ask the agency which survey", "owner": "Zhang Min or Li Wei"},
        },
    ]
    session = fill_session(shipped, Session(name="a"), {"goals": goals})
    assert session.answers["goals"].value[1]["_unknown"] == ["metric", "baseline"]
    for second in _round_trip(shipped, session, tmp_path):
        assert _answers(second) == _answers(session)


def test_parked_points_survive_the_round_trip(shipped: Bank, tmp_path: Path) -> None:
    session = fill_session(shipped, Session(name="a"), {"business_name": "Green Leaf"})
    session.parked = [
        ParkedPoint(text="Does the JD deposit pay back in year one?", question="channels"),
        ParkedPoint(text="Who signs off the budget?"),
    ]
    data = export_answers(shipped, session)
    assert [p["text"] for p in data["_meta"]["parked"]] == [p.text for p in session.parked]
    for second in _round_trip(shipped, session, tmp_path):
        assert second.parked == session.parked
        # filling the same file again does not park the same points twice
        again = fill_session(shipped, second, export_answers(shipped, second))
        assert again.parked == session.parked


def test_parked_points_are_checked(shipped: Bank) -> None:
    data = {
        "_meta": {
            "parked": [
                "A point given as plain text",
                {"text": "", "question": "channels"},
                {"text": "Where?", "question": "chanels"},
                {"text": "When?", "at": "yesterday"},
            ]
        }
    }
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(shipped, Session(name="s"), data)
    assert caught.value.details == [
        "  _meta.parked.2.text: expected the point as text (got '')",
        "  _meta.parked.3.question: chanels: not a question id (did you mean 'channels'?)",
        "  _meta.parked.4.at: input should be a valid datetime or date, input is too short",
    ]
    del data["_meta"]["parked"][1:]
    filled = fill_session(shipped, Session(name="s"), data)
    assert [(p.text, p.question) for p in filled.parked] == [("A point given as plain text", None)]
