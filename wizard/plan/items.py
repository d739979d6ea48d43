"""The items of a list answer as the plan names them: "Goal 2, brand awareness: measured by".

An item is named by its list's ``item_heading`` field or, without one, by its first text field;
the name of that field ("Goal", "Channel") with the item's number says which item is meant
even when the item has no name yet. An item's own marks (``_unknown``, ``_notes``) are read
here and nowhere else, so they never show as fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.bank import Question, QuestionType
from wizard.display import clean_text
from wizard.i18n import _
from wizard.plan.text import has_value, lower_first, one_line
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN

__all__ = [
    "field_label",
    "item_id",
    "item_label",
    "item_name",
    "item_notes",
    "item_unknown",
    "list_items",
    "naming_field",
]


def list_items(value: Any) -> list[Mapping[str, Any]]:
    """The items of a list answer (anything else in it is left out)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def naming_field(q: Question) -> Question | None:
    """The field that names an item: the list's item heading, else its first text field."""
    fields = q.fields or []
    if q.item_heading:
        found = next((f for f in fields if f.id == q.item_heading), None)
        if found is not None:
            return found
    return next((f for f in fields if f.type is QuestionType.TEXT), None)


def item_name(q: Question, item: Mapping[str, Any]) -> str | None:
    """What the user called the item, on one line, if anything."""
    field = naming_field(q)
    value = item.get(field.id) if field else None
    if not has_value(value):
        return None
    return one_line(str(value)) or None


def item_label(q: Question, item: Mapping[str, Any], number: int) -> str:
    """'Goal 2, Brand awareness': the naming field's label, the item's number and name."""
    field = naming_field(q)
    noun = clean_text(field.title) if field else clean_text(q.title)
    name = item_name(q, item)
    if name:
        return _("{noun} {number}, {name}").format(noun=noun, number=number, name=name)
    return _("{noun} {number}").format(noun=noun, number=number)


def field_label(q: Question, item: Mapping[str, Any], number: int, field: Question) -> str:
    """'Goal 2, Brand awareness: measured by'."""
    return _("{item}: {field}").format(
        item=item_label(q, item, number), field=lower_first(clean_text(field.title))
    )


def item_id(q: Question, number: int, field: Question) -> str:
    """The id of one field of one item in the plan's ``question_ids``: 'goals.2.metric'."""
    return f"{q.id}.{number}.{field.id}"


def item_unknown(item: Mapping[str, Any]) -> list[str]:
    """The field ids of an item marked "don't know yet"."""
    marks = item.get(ITEM_UNKNOWN)
    return [f for f in marks if isinstance(f, str)] if isinstance(marks, list) else []


def item_notes(item: Mapping[str, Any]) -> dict[str, str]:
    """The notes on an item's fields, by field id (blank ones left out)."""
    notes = item.get(ITEM_NOTES)
    if not isinstance(notes, Mapping):
        return {}
    return {
        str(f): clean_text(v).strip() for f, v in notes.items() if isinstance(v, str) and v.strip()
    }
