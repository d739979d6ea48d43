"""``when`` conditions: parsed when the banks load, evaluated with simpleeval (never ``eval``).

A condition is a Python-like expression over earlier answers, for example
``sales_model == 'online_retail'`` or ``'seo' in channels and has_website``. A name is an
earlier question's id; its value is the answer in force, or ``None`` when there is none.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from simpleeval import EvalWithCompoundTypes

__all__ = ["ConditionError", "compared_values", "condition_names", "evaluate"]

_FUNCTIONS: dict[str, Any] = {"len": len}


class ConditionError(ValueError):
    """A condition that cannot be parsed or uses what conditions do not allow."""


@lru_cache(maxsize=1024)
def _parse(text: str) -> ast.Expression:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConditionError(f"cannot parse condition {text!r}: {exc.msg}") from None
    allowed = (
        ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub,
        ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
        ast.Is, ast.IsNot, ast.Name, ast.Load, ast.Constant, ast.List, ast.Tuple, ast.Call,
        ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div,
    )  # fmt: skip
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise ConditionError(
                f"condition {text!r} uses {type(node).__name__}, which conditions do not allow"
            )
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords
        ):
            raise ConditionError(
                f"condition {text!r} calls a function; only {', '.join(_FUNCTIONS)}() is allowed"
            )
    return tree


def condition_names(text: str) -> list[str]:
    """The question ids a condition reads, in order of first use.

    Raises:
        ConditionError: if the condition does not parse or uses a construct not allowed.
    """
    return list(_names(text))


@lru_cache(maxsize=1024)
def _names(text: str) -> tuple[str, ...]:
    """The names of :func:`condition_names`, worked out once per condition (the plan and the
    check evaluate the same few conditions thousands of times)."""
    tree = _parse(text)
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in calls]
    found.sort(key=lambda n: (n.lineno, n.col_offset))
    return tuple(dict.fromkeys(n.id for n in found))


def compared_values(text: str) -> list[tuple[str, str]]:
    """(question id, text) for each text a condition compares an answer with: ``'seo' in
    channels``, ``platform == 'both'``, ``platform in ['a', 'b']``.

    Raises:
        ConditionError: if the condition does not parse or uses a construct not allowed.
    """
    found: list[tuple[str, str]] = []
    for node in ast.walk(_parse(text)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for left, right in itertools.pairwise(operands):
            for name, other in ((left, right), (right, left)):
                if isinstance(name, ast.Name):
                    found += [(name.id, word) for word in _texts(other)]
    return found


def _texts(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    return []


def evaluate(text: str, answers: Mapping[str, Any]) -> bool:
    """Whether a condition holds for the answers in force.

    A condition that fails at run time (comparing ``None`` with a number, say) is false:
    a question whose premise is not answered yet is not shown.
    """
    evaluator = _evaluator()
    evaluator.names = {name: answers.get(name) for name in condition_names(text)}
    try:
        return bool(evaluator.eval(text.strip(), previously_parsed=_parse(text).body))
    except Exception:
        return False


@lru_cache(maxsize=1)
def _evaluator() -> EvalWithCompoundTypes:
    """One evaluator for the process, its names set for each condition.

    Making one per condition left thousands to be collected, and a Ctrl-C that arrived while
    the collector ran simpleeval's ``__del__`` was swallowed there ("Exception ignored"):
    the wizard then went on instead of saving and quitting.
    """
    return EvalWithCompoundTypes(functions=dict(_FUNCTIONS))
