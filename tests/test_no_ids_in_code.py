"""Questions and plan structure are data: no id of the shipped banks appears in the code.

The plan finds answers by the roles the banks declare (wizard/roles.py), and its parts and
sections come from the bank's layout (question_banks/plan.yaml). This test reads every string
literal of ``wizard/`` (docstrings aside) and fails on one that is a question id, a field id,
or a choice value of the shipped banks, or that quotes one in single quotes (as a condition
such as ``"'seo' in channels"`` would).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from wizard.bank import Bank, Question
from wizard.banks import load_bank

WIZARD = Path(__file__).resolve().parent.parent / "wizard"


def bank_names(bank: Bank) -> set[str]:
    names: set[str] = set()

    def walk(q: Question) -> None:
        names.add(q.id)
        names.update(q.choice_values())
        for f in q.fields or []:
            walk(f)

    for stage in bank.stages:
        for q in stage.questions:
            walk(q)
    return names


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (module, class, function) or the
    attribute docstrings that follow an assignment."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for n, stmt in enumerate(body):
            if (
                isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                and (n == 0 or isinstance(body[n - 1], ast.Assign | ast.AnnAssign))
            ):
                found.add(id(stmt.value))
    return found


def string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def offending(literal: str, names: set[str]) -> str | None:
    if literal in names:
        return literal
    quoted: list[str] = re.findall(r"'([a-z][a-z0-9_]*)'", literal)
    return next((word for word in quoted if word in names), None)


def test_no_bank_id_in_the_code() -> None:
    names = bank_names(load_bank())
    hits = [
        f"{path.relative_to(WIZARD.parent)}:{line}: {found!r}"
        for path in sorted(WIZARD.rglob("*.py"))
        for line, literal in string_literals(path)
        if (found := offending(literal, names))
    ]
    assert hits == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = given.get("plan_start")\n', ["plan_start"]),
        ("ok = value in {'own_website', 'both'}\n", ["own_website", "both"]),
        ("when = \"'seo' in channels\"\n", ["seo"]),
        ('def f():\n    """Reads plan_start."""\n    return "start of plan"\n', []),
    ],
)
def test_the_scan_finds_ids_in_literals_and_skips_docstrings(
    tmp_path: Path, source: str, expected: list[str]
) -> None:
    """The scan itself can fail: ids in literals are found, docstrings are not flagged."""
    names = bank_names(load_bank())
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    found = [hit for _line, literal in string_literals(path) if (hit := offending(literal, names))]
    assert found == expected
