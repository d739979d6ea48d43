"""Hostile and careless answers files: each ends in a clear message, never an internal error."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Bank, Question, parse_question
from wizard.banks import load_bank
from wizard.errors import InvalidAnswersError
from wizard.session import Session
from wizard.validation import InvalidAnswer, brief, coerce_answer

MINI = Path(__file__).parent / "data" / "mini"

# Nine levels of nine: 9**9 (387 million) strings once expanded.
BOMB = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{b}: &{b} [{', '.join(['*' + a] * 9)}]"
            for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "business_name: *i",
    ]
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([MINI])


def fill_cli(home: Path, file: Path) -> subprocess.CompletedProcess[str]:
    """The real command, with a timeout so that a regression fails instead of hanging."""
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--home", str(home), "fill", "s", str(file)],
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )


def refusal(tmp_path: Path, text: str, name: str = "a.yaml") -> str:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidAnswersError) as info:
        load_answers_file(file)
    return info.value.render()


def test_an_alias_bomb_is_refused_by_fill_at_once(tmp_path: Path) -> None:
    file = tmp_path / "bomb.yaml"
    file.write_text(BOMB, encoding="utf-8")
    result = fill_cli(tmp_path / "home", file)
    assert result.returncode == 1
    assert f"{file}:1: a: aliases are not allowed in an answers file" in result.stderr
    assert "Internal error" not in result.stderr + result.stdout
    assert not (tmp_path / "home" / "sessions" / "s.json").exists()


@pytest.mark.parametrize(
    ("text", "line", "where"),
    [
        ("name: &n Acme\nsite_plan: *n\n", 1, "name"),  # an anchor alone is refused too
        ("goals:\n  - goal: x\n  - {goal: y, due: &d 2027-01-01}\n", 3, "goals.2.due"),
        ("_meta:\n  notes: &n {name: x}\n", 2, "_meta.notes"),
    ],
)
def test_anchors_and_aliases_are_refused_where_they_are(
    tmp_path: Path, text: str, line: int, where: str
) -> None:
    message = refusal(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'a.yaml'}:{line}: {where}: aliases are not allowed")


def test_a_key_given_twice_is_refused_in_yaml(tmp_path: Path) -> None:
    message = refusal(tmp_path, "name: Acme\nready: yes\nname: Other\n")
    assert message == f"{tmp_path / 'a.yaml'}:3: the key 'name' is given twice in one mapping."


def test_a_key_given_twice_is_refused_in_a_list_item(tmp_path: Path) -> None:
    message = refusal(tmp_path, "goals:\n  - goal: x\n    goal: y\n")
    assert message.endswith(":3: the key 'goal' is given twice in one mapping.")


def test_a_key_given_twice_is_refused_in_json(tmp_path: Path) -> None:
    message = refusal(tmp_path, '{"name": "Acme", "name": "Other"}', "a.json")
    assert message == f"{tmp_path / 'a.json'}: the key 'name' is given twice in one object."


def test_brief_never_writes_out_a_whole_value() -> None:
    shared: object = ["lol"] * 9
    for _ in range(30):  # 9**30 strings if written out
        shared = [shared] * 9
    assert len(brief({"x": shared})) == 80
    assert brief("x" * 10**6, 20) == "'xxxxxxxxxxxxxxxx..."
    assert brief(10**5000) == "<a number of about 5001 digits>"
    assert brief({"a": [1, 2]}) == "{'a': [1, 2]}"


def test_messages_quote_a_long_value_shortly(bank: Bank) -> None:
    shared: object = ["lol"] * 9
    for _ in range(30):
        shared = [shared] * 9
    data = {
        "ready": shared,
        "_meta": {"client": shared, "notes": shared, "unknown": shared, "parked": {"a": shared}},
        "x" * 10_000: 1,
    }
    with pytest.raises(InvalidAnswersError) as info:
        fill_session(bank, Session(name="s"), data)
    lines = info.value.details
    assert len(lines) == 6
    assert all(len(line) < 200 for line in lines), lines


def q(type_: str, **extra: object) -> Question:
    return parse_question(
        {"id": "q", "type": type_, "prompt": "P?", "help": "Why.", "example": None}
        | {"source": ["seed.txt"], **extra}
    )


TOO_LARGE = "Expected a number smaller than 10^15 in size, as a plan shows them"


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (q("money", currency="CNY"), 10**400, TOO_LARGE),
        (q("money", currency="CNY"), "9" * 5000, TOO_LARGE),
        (q("money", currency="CNY"), 1e308, TOO_LARGE),
        (q("money", currency="CNY"), {"amount": "1" * 400, "currency": "EUR"}, TOO_LARGE),
        (q("integer"), 10**15, TOO_LARGE),
        (q("integer"), "-" + "1" * 5000, TOO_LARGE),
        (q("number"), -1e300, TOO_LARGE),
        (q("percent"), "1e20%", TOO_LARGE),
        (q("number"), float("inf"), "Expected a number (got inf)"),
        (q("number"), float("nan"), "Expected a number (got nan)"),
        (q("date"), dt.date(9999, 12, 31), "Expected a date between 1900 and 2200"),
        (q("date"), "1899-12-31", "Expected a date between 1900 and 2200 (got 1899-12-31)"),
        (q("date"), "0000-01-01", "0000-01-01 is not a date in the calendar"),
        # a lone surrogate is dropped (wizard.display.clean_input): nothing is left
        (q("text"), "\ud800\u202e\x1b", "An answer is needed: expected text."),
        (q("text"), 10**5000, "Expected text (got <a number of about 5001 digits>)"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, int | str) else None,
)
def test_what_a_plan_cannot_render_is_refused(
    question: Question, raw: object, message: str
) -> None:
    with pytest.raises(InvalidAnswer) as info:
        coerce_answer(question, raw)
    assert info.value.message.startswith(message), info.value.message


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        (q("money", currency="CNY"), 999_999_999_999_999, {"amount": 999_999_999_999_999}),
        (q("money", currency="CNY"), 2500.5, {"amount": 2500.5}),
        (q("date"), "2200-12-31", "2200-12-31"),
        (q("date"), dt.date(1900, 1, 1), "1900-01-01"),
    ],
)
def test_the_bounds_keep_what_a_plan_renders(
    question: Question, raw: object, expected: object
) -> None:
    value = coerce_answer(question, raw)
    if isinstance(expected, dict):
        assert value == {**expected, "currency": "CNY"}
    else:
        assert value == expected


def test_an_unquoted_impossible_date_is_named_by_fill(tmp_path: Path) -> None:
    file = tmp_path / "dates.yaml"
    file.write_text("business_name: Acme Tea\nplan_end: 2027-02-30\n", encoding="utf-8")
    result = fill_cli(tmp_path / "home", file)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Error: The answers file {file} has 1 problem(s); nothing was written:",
        "  plan_end: 2027-02-30 is not a date in the calendar: February 2027 has 28 days",
    ]
    assert not (tmp_path / "home" / "sessions" / "s.json").exists()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "a.yaml",
            "business_name: " + "1" * 5000,
            "business_name: give a name of 2 to 120 characters (got '1111",
        ),
        ("a.json", '{"total_budget": ' + "1" * 5000 + "}", TOO_LARGE.lower()),
        ("a.yaml", "plan_end: 9999-12-31", "expected a date between 1900 and 2200"),
    ],
)
def test_numbers_and_dates_no_plan_renders_are_refused_by_fill(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    shipped = load_bank()
    with pytest.raises(InvalidAnswersError) as info:
        fill_session(shipped, Session(name="s"), load_answers_file(file))
    assert message in info.value.render()


def test_a_lone_surrogate_is_refused_with_where_it_is(tmp_path: Path) -> None:
    message = refusal(tmp_path, '{"_meta": {"notes": {"name": "ok \\udfff"}}}', "a.json")
    assert message.splitlines()[1] == (
        "  _meta.notes.name: character 4 ('\\udfff') is not valid Unicode (a lone surrogate); "
        "type the text again"
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "a.yaml",
            "a: " + "[" * 500 + "]" * 500,
            ":1: a.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1: nested",
        ),
        ("a.json", '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}", ": nested deeper than 20 levels"),
        (
            "a.json",
            '{"a": ' + "[" * 25 + "]" * 25 + "}",
            "  a.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1: nested",
        ),
    ],
)
def test_deep_nesting_is_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    assert message in refusal(tmp_path, text, name)


def test_a_file_over_5_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    file = tmp_path / "big.yaml"
    with file.open("w", encoding="utf-8") as out:
        for n in range(400_000):  # 6.6 MB of keys
            out.write(f"key_{n:09}: x\n")
    result = fill_cli(tmp_path / "home", file)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {file}: the answers file is larger than 5 MB, far more than a plan's answers; "
        "nothing was read.\n"
    )


def test_a_file_of_exactly_5_mb_is_read(tmp_path: Path) -> None:
    text = "business_name: Acme\n_meta: {client: Acme}\n"
    file = tmp_path / "a.yaml"
    file.write_text(text + "#" * (5 * 1024 * 1024 - len(text) - 1) + "\n", encoding="utf-8")
    assert load_answers_file(file) == {"business_name": "Acme", "_meta": {"client": "Acme"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "site_plan: " + "x" * 100_001,
            "  site_plan: text of at most 100000 characters is taken (got 100001)",
        ),
        (
            "_meta: {notes: {name: " + "x" * 300_000 + "}}",
            "  _meta.notes.name: text of at most 100000 characters is taken (got 300000)",
        ),
        ("goals: [" + "{goal: x}, " * 201 + "]", "  goals: at most 200 items are taken (got 201)"),
        (
            "\n".join(f"k{n}: 1" for n in range(1001)),
            "  the file: at most 1000 keys are taken (got 1001)",
        ),
    ],
    ids=["text", "note", "list", "keys"],
)
def test_sizes_beyond_the_limits_are_refused_up_front(
    tmp_path: Path, text: str, message: str
) -> None:
    assert refusal(tmp_path, text).splitlines()[1:] == [message]


def test_the_limits_hold_for_typed_answers_too() -> None:
    with pytest.raises(InvalidAnswer, match=r"at most 100000 characters is taken \(got 100001\)"):
        coerce_answer(q("long_text"), "x" * 100_001)
    assert coerce_answer(q("long_text"), "x" * 100_000) == "x" * 100_000
    choices = [{"value": "a", "label": "A"}, {"value": "o", "label": "Other", "other": True}]
    with pytest.raises(InvalidAnswer, match=r"Expected at most 200 items \(got 201\)"):
        coerce_answer(q("multi_select", choices=choices), ",".join(f"c{n}" for n in range(201)))
