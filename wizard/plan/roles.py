"""The answers the plan finds by role (see :mod:`wizard.roles`), never by question id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Bank, Question
from wizard.roles import Role

__all__ = ["role_answer", "role_value"]


def role_answer(bank: Bank, given: Mapping[str, Any], role: Role) -> tuple[Question, Any] | None:
    """The question playing ``role`` and its answer in force, or None when the bank has no
    such question or it has no answer."""
    q = bank.role_question(role)
    if q is None or q.id not in given:
        return None
    return q, given[q.id]


def role_value(bank: Bank, given: Mapping[str, Any], role: Role) -> Any:
    """The answer in force of the question playing ``role``, or None."""
    found = role_answer(bank, given, role)
    return found[1] if found else None
