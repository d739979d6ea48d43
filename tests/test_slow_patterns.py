"""Patterns that backtrack polynomially: refused when their bank loads, and never able to hang
an answer's check (matched with a timeout)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.fuzz_support import time_limit
from tests.test_banks_fuzz import BASE
from wizard.bank import parse_question
from wizard.banks import load_bank
from wizard.patterns import MAX_MATCHED, PatternTimeout, fullmatch, pattern_problem
from wizard.validation import InvalidAnswer, coerce_answer

# Three hundred quantifiers in a row over the same character: no nested repeat, yet the match
# fails only after trying ways to share a text of 'a's among them. The regex module's guards
# keep this polynomial, so its time is a matter of the machine: thirty in a row took 1.6 s on
# the development machine and under 1 s on CI, so a timeout was not certain; three hundred take
# over a minute, sixty times the longest timeout below.
SLOW = "a*" * 300 + "b"


def test_banks_validate_lists_a_slow_pattern_quickly(tmp_path: Path) -> None:
    bank = yaml.safe_load(yaml.safe_dump(BASE))
    bank["questions"][0]["validation"] = {"pattern": {"regex": SLOW}}
    bank["questions"][0]["example"] = "aab"
    path = tmp_path / "01_bank.yaml"
    path.write_text(yaml.safe_dump(bank), encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "banks", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert (
        f"{path}: business_name.validation.pattern.regex: matching it takes longer than 0.5 s "
        "on a text of"
    ) in result.stdout + result.stderr
    assert "Internal error" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "pattern",
    [
        r"\S+@\S+\.\S+",  # with the regex module's guards, hundredths of a second at worst
        r"\d{3}-\d{4}",
        r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}",
        r"^\+?[0-9 ()-]{6,20}$",
        r"(?:https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?",
    ],
)
def test_ordinary_patterns_are_not_refused(pattern: str) -> None:
    assert pattern_problem(pattern) is None


def test_the_shipped_patterns_pass_the_probe() -> None:
    patterns = [
        q.validation.pattern.regex
        for _stage, top in load_bank().questions()
        for q in [top, *(top.fields or [])]
        if q.validation is not None and q.validation.pattern is not None
    ]
    assert patterns
    for pattern in patterns:
        assert pattern_problem(pattern) is None, pattern


def test_a_slow_match_times_out_instead_of_hanging() -> None:
    text = "a" * (MAX_MATCHED - 3) + "ab!"
    with time_limit(20), pytest.raises(PatternTimeout):
        fullmatch(SLOW, text)


def test_an_answer_that_matches_too_slowly_is_refused_with_a_message() -> None:
    # a question as a bank that skipped the check would hold it
    q = parse_question(
        {
            "id": "code",
            "type": "text",
            "prompt": "Code?",
            "help": "h",
            "example": "ab",
            "source": ["s"],
            "validation": {"pattern": {"regex": SLOW}},
        }
    )
    with time_limit(20), pytest.raises(InvalidAnswer) as info:
        coerce_answer(q, "a" * (MAX_MATCHED - 3) + "ab!")
    assert "took longer than 1 s" in info.value.message
    assert coerce_answer(q, "aab") == "aab"  # a second try that matches is taken
