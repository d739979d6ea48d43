"""`marketing-wizard check` on the shipped examples and on plans with a planted problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.test_e2e import env

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def schema(home: Path) -> dict[str, object]:
    done = run(home, "check", "--schema")
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert isinstance(loaded, dict)
    return loaded


def fill(home: Path, name: str, answers: Path) -> None:
    done = run(home, "fill", name, str(answers))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("example", ["tea-brand", "b2b-services"])
def test_the_examples_have_no_problem_and_their_json_fits_the_schema(
    tmp_path: Path, example: str
) -> None:
    fill(tmp_path, example, EXAMPLES / f"{example}.yaml")
    text = run(tmp_path, "check", example)
    assert text.returncode == 0, text.stdout + text.stderr
    assert "0 problem(s)" in text.stdout
    assert "Overall: " in text.stdout
    done = run(tmp_path, "check", example, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    jsonschema.validate(report, schema(tmp_path))
    assert report["ok"] is True
    # every rule is listed, passed or not, and the spend share is said as information
    statuses = {rule["id"]: rule["result"] for rule in report["rules"]}
    assert len(statuses) == 15
    assert statuses["spend-share"] == "info"
    share = [f for f in report["findings"] if f["rule"] == "spend-share"]
    assert [f["severity"] for f in share] == ["tip"]
    assert share[0]["question"]["number"].count(".") == 1


def planted(tmp_path: Path) -> Path:
    """The B2B example with a goal without a deadline and the ads budget over the total."""
    answers = yaml.safe_load((EXAMPLES / "b2b-services.yaml").read_text(encoding="utf-8"))
    del answers["goals"][0]["deadline"]
    answers["online_ads_budget"] = {"amount": 9000, "currency": "EUR"}
    del answers["risks"][1]["owner"]
    path = tmp_path / "planted.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def test_planted_problems_exit_1_and_name_the_question(tmp_path: Path) -> None:
    fill(tmp_path, "planted", planted(tmp_path))
    done = run(tmp_path, "check", "planted", "--format", "json")
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    jsonschema.validate(report, schema(tmp_path))
    assert report["ok"] is False
    by_rule = {f["rule"]: f for f in report["findings"]}
    deadline = by_rule["goal-deadline"]
    assert deadline["severity"] == "problem"
    assert deadline["question"]["id"] == "goals"
    assert deadline["question"]["list_item"] == 1
    assert deadline["why"].startswith("Goals")
    assert by_rule["budget-adds-up"]["severity"] == "problem"
    assert "more than the total budget of 96,000 EUR" in by_rule["budget-adds-up"]["message"]
    # and which lines to look at: the ads budget raised to 9,000 EUR a month leads them
    costliest = by_rule["budget-adds-up"]["message"].split("The costliest: ", 1)[1]
    assert costliest.startswith("Online ads (search, social and display) 108,000 EUR, Website ")
    risk = by_rule["risk-controlled"]
    assert risk["severity"] == "warning"
    assert risk["question"]["list_item"] == 2
    assert report["score"]["passed"] < report["score"]["scored"]
    goals_stage = next(s for s in report["stages"] if s["id"] == "goals")
    # measurable, owner and reachable pass; the deadline fails
    assert (goals_stage["passed"], goals_stage["scored"]) == (3, 4)

    text = run(tmp_path, "check", "planted")
    assert text.returncode == 1
    assert (
        "PROBLEM [goal-deadline] Goal 1 (More qualified enquiries from the website)" in text.stdout
    )
    assert "Revisit: 2.3 " in text.stdout
    # the JSON lists the findings in the text's order: problems, warnings, tips
    findings = text.stdout.split("Findings\n", 1)[1].split("\n\n", 1)[0].splitlines()
    heads = [line for line in findings if line.startswith("  ") and not line.startswith("   ")]
    in_text = [line.split("[", 1)[1].split("]", 1)[0] for line in heads]
    assert in_text == [f["rule"] for f in report["findings"]]
    order = ["problem", "warning", "tip"]
    severities = [order.index(f["severity"]) for f in report["findings"]]
    assert severities == sorted(severities)
    assert len(set(severities)) > 1


def test_check_without_a_session_says_how(tmp_path: Path) -> None:
    done = run(tmp_path, "check")
    assert done.returncode != 0
    assert "check needs the session" in done.stderr
    assert "Traceback" not in done.stderr
