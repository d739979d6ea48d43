"""The README's examples and commands work as printed."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from wizard.answers_file import fill_session
from wizard.banks import load_bank
from wizard.session import AnswerStatus, Session

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def code_lines(text: str) -> list[str]:
    """The lines of every fenced code block, without what follows two spaces (a comment or
    a description)."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    return [re.split(r"\s{2,}", line)[0] for b in blocks for line in b.splitlines()]


@cache
def help_text(*words: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", *words, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (words, result.stderr)
    return result.stdout


def subcommands(*words: str) -> set[str]:
    listed = help_text(*words).split("Commands:\n", 1)[1]
    return {line.split()[0] for line in listed.splitlines() if line.startswith("  ")}


def test_the_answers_file_example_fills() -> None:
    text = readme()
    section = text[text.index("### Answers files") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    data = yaml.safe_load(block.group(1))
    session = fill_session(load_bank(), Session(name="readme"), data)
    assert session.client == "Green Leaf Tea Co."
    assert session.answers["expected_sales"].status is AnswerStatus.UNKNOWN
    assert session.answers["goals"].value[0]["deadline"] == "2027-12-31"
    assert session.answers["goals"].value[1]["_unknown"] == ["metric", "baseline"]
    assert session.answers["risks"].status is AnswerStatus.IN_PROGRESS
    assert [(p.text, p.question) for p in session.parked] == [
        ("Does the JD deposit pay back in year one?", "channels")
    ]


def test_the_opening_commands_are_make_targets_that_run() -> None:
    """The first code block is what a new user types: each line a make target that exists."""
    first = re.search(r"```sh\n(.*?)```", readme(), re.S)
    assert first is not None
    commands = [line.split("  #")[0].split() for line in first.group(1).splitlines()]
    assert commands == [["make", "run"], ["make", "test"]]
    for _make, target in commands:
        dry = subprocess.run(
            ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, check=False
        )
        assert dry.returncode == 0, dry.stderr
        assert "marketing-wizard" in dry.stdout or "pytest" in dry.stdout


def test_every_make_command_the_readme_names_is_a_target() -> None:
    named = set(re.findall(r"`make (\w+)", readme()))
    assert {"run", "test", "demo"} <= named
    for target in sorted(named):
        dry = subprocess.run(
            ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, check=False
        )
        assert dry.returncode == 0, (target, dry.stderr)


def test_make_run_with_a_session_runs_that_session() -> None:
    assert "`make run SESSION=acme-2027`" in readme()
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "run", "SESSION=acme-2027"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert dry.returncode == 0, dry.stderr
    assert "marketing-wizard" in dry.stdout
    assert "acme-2027" in dry.stdout


def documented_commands() -> list[list[str]]:
    """Every `marketing-wizard ...` line in the README's code blocks, as words."""
    return [
        shlex.split(line)[1:]
        for line in code_lines(readme())
        if line.startswith("marketing-wizard ")
    ]


def test_the_commands_section_lists_every_subcommand_and_no_other() -> None:
    text = readme()
    section = text[text.index("## Commands") :]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block is not None
    words = [line.split()[1:3] for line in block.group(1).splitlines() if line.strip()]
    top = {w[0] for w in words}
    assert top == subcommands()
    assert {w[1] for w in words if w[0] == "banks"} == subcommands("banks")


@pytest.mark.parametrize("words", documented_commands(), ids=lambda w: " ".join(w[:3]))
def test_each_documented_command_and_option_exists(words: list[str]) -> None:
    """Each command line printed in the README names a real command and real options."""
    while words[0] in {"--home", "--lang", "--debug"}:  # the options before the command
        assert words[0] in help_text(), words[0]
        words = words[1:] if words[0] == "--debug" else words[2:]
    command = [words[0]]
    if words[0] in {"banks"}:
        command.append(words[1])
    shown = help_text(*command)
    for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", " ".join(words[len(command) :])):
        assert re.search(rf"(?<![\w-]){re.escape(option)}\b", shown), (command, option)
    offered = re.search(r"--format \[([a-z|]+)\]", shown)
    for choice_list in re.findall(r"--format ([a-z|]+)", " ".join(words)):
        assert offered is not None, command
        assert set(choice_list.split("|")) <= set(offered.group(1).split("|")), command


def test_every_module_the_readme_names_exists() -> None:
    named = set(re.findall(r"`(wizard/[\w/]+(?:\.py)?)`", readme()))
    assert len(named) >= 10
    missing = [n for n in sorted(named) if not (ROOT / n).exists()]
    assert missing == []
