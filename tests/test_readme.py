"""The README's examples work as printed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from wizard.answers_file import fill_session
from wizard.banks import load_bank
from wizard.session import AnswerStatus, Session

README = Path(__file__).parents[1] / "README.md"


def test_the_answers_file_example_fills() -> None:
    text = README.read_text(encoding="utf-8")
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


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:1200]
    assert "make run" in head
    assert "make test" in head
