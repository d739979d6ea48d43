"""``when`` conditions: names found at load time, evaluated safely over answers."""

from __future__ import annotations

from typing import Any

import pytest

from wizard.conditions import ConditionError, condition_names, evaluate


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("'seo' in channels", ["channels"]),
        (
            "platform_type in ['own_website', 'both'] and sells_online",
            ["platform_type", "sells_online"],
        ),
        ("len(channels) > 2 or not has_site", ["channels", "has_site"]),
        ("budget == budget", ["budget"]),
    ],
)
def test_names(text: str, names: list[str]) -> None:
    assert condition_names(text) == names


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("'seo' in channels", {"channels": ["seo", "blog"]}, True),
        ("'seo' in channels", {"channels": ["blog"]}, False),
        ("'seo' in channels", {}, False),  # unanswered: None, and `in None` fails -> false
        ("platform_type in ['own_website', 'both']", {"platform_type": "both"}, True),
        ("headcount > 3", {"headcount": 5}, True),
        ("headcount > 3", {"headcount": None}, False),
        ("not sells_online", {"sells_online": False}, True),
        ("len(channels) >= 2", {"channels": ["a", "b"]}, True),
    ],
)
def test_evaluate(text: str, answers: dict[str, Any], expected: bool) -> None:
    assert evaluate(text, answers) is expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a ==", "cannot parse condition 'a ==': invalid syntax"),
        ("a.__class__", "condition 'a.__class__' uses Attribute, which conditions do not allow"),
        ("open('x')", "condition \"open('x')\" calls a function; only len() is allowed"),
        (
            "[x for x in a]",
            "condition '[x for x in a]' uses ListComp, which conditions do not allow",
        ),
        ("a[0]", "condition 'a[0]' uses Subscript, which conditions do not allow"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        condition_names(text)
    assert str(caught.value) == message
