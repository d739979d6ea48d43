"""Hostile and careless answers files: each ends in a clear message, never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.errors import InvalidAnswersError
from wizard.session import Session
from wizard.validation import brief

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
