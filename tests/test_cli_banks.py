"""``marketing-wizard banks ...`` run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.conftest import BankWriter
from wizard.banks import bank_files, load_bank
from wizard.catalog import core_count

TYPES = {"text", "long_text", "select", "multi_select", "confirm", "integer", "number", "money"}
TYPES |= {"percent", "date", "list"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_validate_shipped_banks() -> None:
    result = run("banks", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 7 stage file(s), ")


def test_show_json_contract() -> None:
    result = run("banks", "show", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    stages = data["stages"]
    assert len(stages) == 7
    count = 0
    for stage in stages:
        assert {"id", "title", "questions"} <= set(stage)
        for question in stage["questions"]:
            for item in [question, *(question.get("fields") or [])]:
                count += 1
                keys = {"id", "type", "prompt", "help", "example", "source", "required", "when"}
                assert keys | {"choices"} <= set(item)
                assert item["type"] in TYPES
                assert item["help"]
                assert item["source"]
                assert item["example"] is not None
                if item["choices"] is not None:
                    assert all(set(c) == {"value", "label"} for c in item["choices"])
            if question["type"] == "list":
                assert question["fields"]
            if question["type"] == "list":
                count -= 1  # a list counts as its fields
    assert count == 192  # every field of a list counted; tests/test_shipped_banks.py per stage


def test_show_says_which_questions_are_core() -> None:
    data = json.loads(run("banks", "show", "--format", "json").stdout)
    questions = {q["id"]: q for stage in data["stages"] for q in stage["questions"]}
    assert questions["goals"]["core"] is True
    assert questions["industry"]["core"] is False
    assert questions["goals"]["item_heading"] is None
    assert all(f["core"] is False for f in questions["goals"]["fields"])
    bank = load_bank()
    assert {qid for qid, q in questions.items() if q["core"]} == {
        q.id for _stage, q in bank.questions() if q.core
    }
    assert [core_count(stage) for stage in bank.stages] == [5, 3, 8, 2, 31, 2, 6]
    text = run("banks", "show").stdout
    assert "  - business_name [text] (required, core): What is your business called?" in text
    assert "  - industry [text]: What trade or industry are you in?" in text
    assert "  - offer [long_text] (core): " in text


def test_show_text_and_list() -> None:
    shown = run("banks", "show")
    assert shown.returncode == 0
    assert "Stage 1 of 7" in shown.stdout
    listed = run("banks", "list")
    assert listed.returncode == 0
    assert len(listed.stdout.strip().splitlines()) == 8


def test_validate_reports_every_problem_and_exits_1(write_bank: BankWriter) -> None:
    bad = write_bank(
        "01_bad.yaml",
        """
        version: 1
        id: strategy
        title: Bad
        intro: Several mistakes.
        questions:
          - id: name
            type: txt
            prompt: Name?
            help: h
            example: x
            source: [s.txt]
            section: who_we_are
          - id: pick
            type: select
            prompt: Pick?
            help: h
            example: a
            default: z
            source: [s.txt]
            section: goals
            when: nmae == 'x'
            choices: [{value: a, label: A}]
        """,
    )
    result = run("banks", "validate", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "3 problem(s) in the question banks:"
    assert lines[1].strip().startswith(f"{bad}: name.type: expected 'text'")
    assert lines[2].strip() == (
        f"{bad}: pick.default: default 'z' is not among the choices: expected one of a (got 'z')"
    )
    assert lines[3].strip() == (
        f"{bad}: pick.when: 'nmae' is not a question id; expected an earlier question's id "
        "(did you mean 'name'?)"
    )


def test_validate_wrong_usage_exits_2() -> None:
    result = run("banks", "validate", "--nope")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_schema_validates_the_shipped_banks_and_rejects_a_bad_one(tmp_path: Path) -> None:
    result = run("banks", "schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    files = bank_files()  # the stage files: plan.yaml is the layout, not a stage
    assert len(files) == 7
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    bad["questions"][0]["colour"] = "red"
    validator = jsonschema.Draft202012Validator(schema)
    assert any("colour" in e.message for e in validator.iter_errors(bad))


def _schema_errors(validator: jsonschema.Draft202012Validator, stage: dict[str, Any]) -> list[str]:
    return [error.message for error in validator.iter_errors(stage)]


def test_the_schema_takes_each_key_only_on_the_types_it_fits() -> None:
    """What an editor checks against the published schema: one model per question type."""
    validator = jsonschema.Draft202012Validator(json.loads(run("banks", "schema").stdout))
    text: dict[str, Any] = {
        "id": "name",
        "type": "text",
        "prompt": "Name?",
        "help": "h",
        "example": "Acme",
    }
    text |= {"source": ["s.txt"], "section": "who_we_are"}
    stage: dict[str, Any] = {
        "version": 1,
        "id": "s",
        "title": "T",
        "intro": "I",
        "questions": [text],
    }
    assert _schema_errors(validator, stage) == []
    choices = [{"value": "a", "label": "A"}]
    wrongs: list[dict[str, Any]] = [
        {"choices": choices},
        {"currency": "EUR"},
        {"prose": True},
        {"validation": {"range": {"min": 1}}},
    ]
    for wrong in wrongs:
        assert _schema_errors(validator, stage | {"questions": [text | wrong]}), wrong
    select = text | {"type": "select", "choices": choices, "example": "a"}
    assert _schema_errors(validator, stage | {"questions": [select]}) == []
    assert _schema_errors(validator, stage | {"questions": [select | {"choices": []}]})
    date = text | {"type": "date", "example": "2027-01-01"}
    before = {"validation": {"not_before": {"question": "start"}}}
    assert _schema_errors(validator, stage | {"questions": [date | before]}) == []
    assert _schema_errors(validator, stage | {"questions": [date | {"validation": {"range": {}}}]})
    nested = {"type": "list", "fields": [text | {"type": "list", "fields": [text]}]}
    assert _schema_errors(validator, stage | {"questions": [text | nested]})
    assert _schema_errors(validator, stage | {"questions": [text | {"type": "txt"}]})


def test_installed_wheel_finds_its_banks_from_another_directory(tmp_path: Path) -> None:
    """A non-editable install carries the banks inside the package."""
    root = Path(__file__).parents[1]
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    assert (target / "wizard" / "question_banks" / "01_strategy.yaml").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        f"import sys; sys.path = [p for p in sys.path if p not in ('', {str(root)!r})]; "
        f"sys.path.insert(0, {str(target)!r}); import wizard.banks as b; "
        "print(b.shipped_banks_dir()); from wizard.cli import main; main(['banks', 'validate'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, check=False
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first == str(target / "wizard" / "question_banks")
    assert second.startswith("OK: 7 stage file(s)")
