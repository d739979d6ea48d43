"""The timeline: the dated milestones and tasks of the plan's list answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from wizard.bank import Question, QuestionType
from wizard.display import clean_text
from wizard.flow import Step
from wizard.i18n import _
from wizard.plan.model import Timeline, TimelineItem
from wizard.plan.text import has_value
from wizard.roles import Role

__all__ = ["as_date", "timeline_block"]


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _timeline_items(q: Question, value: Any) -> list[TimelineItem]:
    """The dated items of a list whose fields play the timeline's roles."""
    label_field = q.field_with_role(Role.TIMELINE_LABEL)
    start_field = q.field_with_role(Role.TIMELINE_START)
    end_field = q.field_with_role(Role.TIMELINE_END)
    owner_field = q.field_with_role(Role.TIMELINE_OWNER)
    if label_field is None or (start_field is None and end_field is None):
        return []
    if not isinstance(value, list):
        return []
    items = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        label = clean_text(str(item.get(label_field.id) or "")).replace("\n", " ").strip()
        start = as_date(item.get(start_field.id)) if start_field else None
        end = as_date(item.get(end_field.id)) if end_field else None
        if not label or (start is None and end is None):
            continue
        owner = item.get(owner_field.id) if owner_field else None
        first = start or end
        last = end or start
        if first is None or last is None or last < first:
            continue
        items.append(
            TimelineItem(
                milestone=not (start and end and start < end),
                label=label,
                start=first,
                end=last,
                owner=clean_text(str(owner)).replace("\n", " ") if has_value(owner) else None,
                group=clean_text(q.title),
            )
        )
    return sorted(items, key=lambda i: (i.start, i.end))


def timeline_block(steps: list[Step], given: Mapping[str, Any]) -> Timeline | None:
    items: list[TimelineItem] = []
    ids: list[str] = []
    for step in steps:
        q = step.question
        if q.type is QuestionType.LIST and q.id in given:
            found = _timeline_items(q, given[q.id])
            if found:
                items += found
                ids.append(q.id)
    return Timeline(title=_("Timeline"), items=items, question_ids=ids) if items else None
