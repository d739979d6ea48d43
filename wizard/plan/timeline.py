"""The timeline: the dated milestones and tasks of the plan's list answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from wizard.bank import Question, QuestionType
from wizard.display import clean_text
from wizard.flow import Step
from wizard.plan.model import Timeline, TimelineItem
from wizard.plan.text import has_value

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


_LABEL_IDS = ("task", "milestone", "name", "title", "what", "stage")
_START_IDS = ("start", "starts", "begin", "from")
_END_IDS = ("due", "end", "ends", "date", "deadline", "until", "by")


def _timeline_items(q: Question, value: Any) -> list[TimelineItem]:
    fields = q.fields or []
    texts = [f for f in fields if f.type in {QuestionType.TEXT, QuestionType.LONG_TEXT}]
    dates = [f for f in fields if f.type is QuestionType.DATE]
    if not texts or not dates or not isinstance(value, list):
        return []
    label_field = next((f for f in texts if f.id in _LABEL_IDS), texts[0])
    start_field = next((f for f in dates if f.id in _START_IDS), None)
    end_field = next(
        (f for f in dates if f.id in _END_IDS and f is not start_field),
        next((f for f in dates if f is not start_field), None),
    )
    owner_field = next((f for f in fields if f.id in {"owner", "who", "responsible"}), None)
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
        kind: Literal["task", "milestone"] = (
            "task" if start and end and start < end else "milestone"
        )
        first = start or end
        last = end or start
        if first is None or last is None or last < first:
            continue
        items.append(
            TimelineItem(
                kind=kind,
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
    return Timeline(title="Timeline", items=items, question_ids=ids) if items else None
