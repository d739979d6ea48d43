"""The title of a group of questions within a plan section, such as one channel's plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Question, QuestionType
from wizard.flow import Step
from wizard.plan.text import join, one_line, values

__all__ = ["group_title"]


def group_title(
    group: str, questions: list[Question], steps: list[Step], given: Mapping[str, Any]
) -> str:
    """A group's title; the plan of an "Other" channel is named in the user's own words.

    Questions ``<choice>_...`` belong to that choice of a multi-select asked before them (the
    channels); when it is the free-text choice, what the user typed names the group.
    """
    for step in steps:
        q = step.question
        other = q.other_choice()
        if q.type is not QuestionType.MULTI_SELECT or other is None or q.id not in given:
            continue
        if all(x.id.startswith(f"{other.value}_") for x in questions):
            known = set(q.choice_values())
            typed = [one_line(v) for v in values(given[q.id]) if v not in known]
            if typed:
                return join(typed)
    return group
