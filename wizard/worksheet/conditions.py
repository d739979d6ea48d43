"""A question's ``when`` condition said in words, for a reader of the printed worksheet.

``'seo' in channels`` reads "Only if you picked “SEO” at 5.3 (Channels)."; a condition of a
shape not said here in words names the questions it depends on instead, which is never wrong.
"""

from __future__ import annotations

import ast

from wizard.bank import Bank, Question, QuestionType
from wizard.conditions import ConditionError, condition_names
from wizard.finder import question_number
from wizard.i18n import _, format_list, is_chinese

__all__ = ["condition_in_words"]


def condition_in_words(bank: Bank, text: str) -> str:
    """``text`` (a valid condition of ``bank``) as a sentence starting "Only if"."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return _("Only if {condition}.").format(condition=_say(bank, tree.body))
    except (SyntaxError, _Unsaid, KeyError):
        pass
    try:
        names = condition_names(text)
    except ConditionError:
        names = []
    named = [_name(bank, n) for n in names if _known(bank, n)]
    if not named:
        return _("Only if your earlier answers call for it.")
    return _("Only if your answers to {questions} call for it.").format(
        questions=_join(named, "and")
    )


class _Unsaid(Exception):
    """A shape of condition not said in words (the caller names its questions instead)."""


def _say(bank: Bank, node: ast.expr) -> str:
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            both = _("{condition} and {more_conditions}")
        else:
            both = _("{condition} or {more_conditions}")
        said = [_say(bank, value) for value in node.values]
        text = said[0]
        for more in said[1:]:
            text = both.format(condition=text, more_conditions=more)
        return text
    if isinstance(node, ast.Name):
        q = bank.question(node.id)
        if q.type is QuestionType.CONFIRM:
            return _("you answered Yes at {question}").format(question=_name(bank, node.id))
        return _("you answered {question}").format(question=_name(bank, node.id))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = node.operand
        if isinstance(inner, ast.Name):
            q = bank.question(inner.id)
            if q.type is QuestionType.CONFIRM:
                return _("you answered No at {question}").format(question=_name(bank, inner.id))
            return _("you left {question} unanswered").format(question=_name(bank, inner.id))
        raise _Unsaid
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compare(bank, node.left, node.ops[0], node.comparators[0])
    raise _Unsaid


def _compare(bank: Bank, left: ast.expr, op: ast.cmpop, right: ast.expr) -> str:
    # 'seo' in channels: a choice picked (or not) among several
    if isinstance(right, ast.Name) and isinstance(op, ast.In | ast.NotIn):
        q = bank.question(right.id)
        labels = _labels(q, left)
        return _picked(isinstance(op, ast.In), _join(labels, "or"), _name(bank, right.id))
    # platform_type in ['own_website', 'both'], platform_type == 'both'
    if isinstance(left, ast.Name) and isinstance(op, ast.In | ast.NotIn | ast.Eq | ast.NotEq):
        q = bank.question(left.id)
        labels = _labels(q, right)
        yes = isinstance(op, ast.In | ast.Eq)
        if q.type is QuestionType.SELECT:
            return _picked(yes, _join(labels, "or"), _name(bank, left.id))
        if yes:
            text = _("your answer at {question} is {choices}")
        else:
            text = _("your answer at {question} is not {choices}")
        return text.format(question=_name(bank, left.id), choices=_join(labels, "or"))
    raise _Unsaid


def _picked(yes: bool, choices: str, question: str) -> str:
    if yes:
        return _("you picked {choices} at {question}").format(choices=choices, question=question)
    return _("you did not pick {choices} at {question}").format(choices=choices, question=question)


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
    return _("{number} ({title})").format(number=question_number(bank, qid), title=q.title)


def _join(words: list[str], last: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    if is_chinese():
        return format_list(words, "or" if last == "or" else "standard")
    return f"{', '.join(words[:-1])} {last} {words[-1]}"
