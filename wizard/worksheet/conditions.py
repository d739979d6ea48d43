"""A question's ``when`` condition said in words, for a reader of the printed worksheet.

``'seo' in channels`` reads "Only if you picked “SEO” at 5.3 (Channels)."; a condition of a
shape not said here in words names the questions it depends on instead, which is never wrong.
"""

from __future__ import annotations

import ast

from wizard.bank import Bank, Question, QuestionType
from wizard.conditions import ConditionError, condition_names
from wizard.finder import question_number

__all__ = ["condition_in_words"]


def condition_in_words(bank: Bank, text: str) -> str:
    """``text`` (a valid condition of ``bank``) as a sentence starting "Only if"."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return f"Only if {_say(bank, tree.body)}."
    except (SyntaxError, _Unsaid, KeyError):
        pass
    try:
        names = condition_names(text)
    except ConditionError:
        names = []
    named = [_name(bank, n) for n in names if _known(bank, n)]
    if not named:
        return "Only if your earlier answers call for it."
    return f"Only if your answers to {_join(named, 'and')} call for it."


class _Unsaid(Exception):
    """A shape of condition not said in words (the caller names its questions instead)."""


def _say(bank: Bank, node: ast.expr) -> str:
    if isinstance(node, ast.BoolOp):
        word = "and" if isinstance(node.op, ast.And) else "or"
        return f" {word} ".join(_say(bank, value) for value in node.values)
    if isinstance(node, ast.Name):
        q = bank.question(node.id)
        if q.type is QuestionType.CONFIRM:
            return f"you answered Yes at {_name(bank, node.id)}"
        return f"you answered {_name(bank, node.id)}"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = node.operand
        if isinstance(inner, ast.Name):
            q = bank.question(inner.id)
            if q.type is QuestionType.CONFIRM:
                return f"you answered No at {_name(bank, inner.id)}"
            return f"you left {_name(bank, inner.id)} unanswered"
        raise _Unsaid
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compare(bank, node.left, node.ops[0], node.comparators[0])
    raise _Unsaid


def _compare(bank: Bank, left: ast.expr, op: ast.cmpop, right: ast.expr) -> str:
    # 'seo' in channels: a choice picked (or not) among several
    if isinstance(right, ast.Name) and isinstance(op, ast.In | ast.NotIn):
        q = bank.question(right.id)
        labels = _labels(q, left)
        verb = "picked" if isinstance(op, ast.In) else "did not pick"
        return f"you {verb} {_join(labels, 'or')} at {_name(bank, right.id)}"
    # platform_type in ['own_website', 'both'], platform_type == 'both'
    if isinstance(left, ast.Name) and isinstance(op, ast.In | ast.NotIn | ast.Eq | ast.NotEq):
        q = bank.question(left.id)
        labels = _labels(q, right)
        yes = isinstance(op, ast.In | ast.Eq)
        if q.type is QuestionType.SELECT:
            verb = "picked" if yes else "did not pick"
            return f"you {verb} {_join(labels, 'or')} at {_name(bank, left.id)}"
        verb = "is" if yes else "is not"
        return f"your answer at {_name(bank, left.id)} {verb} {_join(labels, 'or')}"
    raise _Unsaid


def _labels(q: Question, node: ast.expr) -> list[str]:
    elements = node.elts if isinstance(node, ast.List | ast.Tuple) else [node]
    values = [e.value for e in elements if isinstance(e, ast.Constant)]
    if not values or len(values) != len(elements):
        raise _Unsaid
    return [f"“{q.choice_label(str(v))}”" for v in values]


def _known(bank: Bank, qid: str) -> bool:
    return qid in bank.ids()


def _name(bank: Bank, qid: str) -> str:
    q = bank.question(qid)
    return f"{question_number(bank, qid)} ({q.title})"


def _join(words: list[str], last: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"
