"""The one validator, on plain data: typed text and file values give the same answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wizard.bank import Question, parse_question
from wizard.validation import InvalidAnswer, coerce_answer


def q(type_: str, **extra: Any) -> Question:
    base: dict[str, Any] = {
        "id": "q",
        "type": type_,
        "prompt": "P?",
        "help": "Why.",
        "example": None,
        "source": ["seed.txt"],
    }
    base.update(extra)
    return parse_question(base)


CHOICES = [
    {"value": "seo", "label": "Search engines (SEO)"},
    {"value": "blog", "label": "Blog"},
]
WITH_OTHER = [*CHOICES, {"value": "other", "label": "Other", "other": True}]


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        (q("text"), "  Green Leaf Tea  ", "Green Leaf Tea"),
        (q("text"), 2027, "2027"),
        (q("long_text"), "line one\nline two\n", "line one\nline two"),
        (q("select", choices=CHOICES), "seo", "seo"),
        (q("select", choices=CHOICES), "blog", "blog"),
        (q("select", choices=CHOICES), "search engines (seo)", "seo"),
        (q("select", choices=WITH_OTHER), "Douyin shop", "Douyin shop"),
        (q("multi_select", choices=CHOICES), ["blog", "seo", "blog"], ["seo", "blog"]),
        (q("multi_select", choices=CHOICES), "seo, blog", ["seo", "blog"]),
        (q("multi_select", choices=CHOICES), "seo，blog", ["seo", "blog"]),  # Chinese comma
        (q("multi_select", choices=CHOICES), "blog、seo", ["seo", "blog"]),  # enumeration comma
        (q("date"), "2027年3月31日", "2027-03-31"),
        (q("date"), "31.03.2027", "2027-03-31"),
        (q("confirm"), "Yes", True),
        (q("confirm"), False, False),
        (q("integer"), "1,200", 1200),
        (q("integer"), 3.0, 3),
        (q("number"), "2.5", 2.5),
        (q("percent"), "15%", 15),
        (q("percent"), 40, 40),
        (q("money", currency="CNY"), "12,000", {"amount": 12000, "currency": "CNY"}),
        (q("money"), "2500.50 usd", {"amount": 2500.5, "currency": "USD"}),
        (q("money"), {"amount": 10, "currency": "EUR"}, {"amount": 10, "currency": "EUR"}),
        (q("date"), "2027-03-31", "2027-03-31"),
        (q("date"), dt.date(2027, 3, 31), "2027-03-31"),
    ],
)
def test_accepts_and_normalises(question: Question, raw: object, expected: object) -> None:
    assert coerce_answer(question, raw) == expected


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (q("text"), "   ", "An answer is needed: expected text."),
        (q("text"), True, "Expected text (got True)."),
        (
            q("select", choices=CHOICES),
            "tv",
            "Expected one of seo, blog (got 'tv').",
        ),
        (q("select", choices=WITH_OTHER), "other", "Type your own answer instead of 'Other'."),
        (q("confirm"), "perhaps", "Expected yes or no (got 'perhaps')."),
        (q("integer"), "12.5", "Expected a whole number (got '12.5')."),
        (
            q("integer"),
            "many",
            "Expected a whole number such as 1200, 1,200, 1.2千 or 8万 (got 'many').",
        ),
        (q("number"), "nan", "Expected a number (got 'nan')."),
        (
            q("money"),
            "12000",
            "Expected an amount with a currency code, such as 12000 EUR: "
            "add a three-letter currency code or a sign (¥12,000, 12000元, 1.2万元 or 8万 USD).",
        ),
        (q("money", currency="CNY"), "-5", "Expected an amount of zero or more (got -5)."),
        (
            q("date"),
            "31/03/2027",
            "31/03/2027 has the year last, which is read day first in some places and month "
            "first in others: write the year first, such as 2027-03-31 or 2027年3月31日.",
        ),
        (
            q("date"),
            "2027-02-30",
            "2027-02-30 is not a date in the calendar: February 2027 has 28 days.",
        ),
        (
            q("integer", validation={"range": {"min": 1, "max": 50}}),
            "0",
            "Expected at least 1 (got 0).",
        ),
        (
            q("percent", validation={"range": {"max": 100, "message": "At most 100%, please."}}),
            "150",
            "At most 100%, please.",
        ),
        (
            q("text", validation={"length": {"max": 5}}),
            "too long",
            "Expected at most 5 characters (got 8).",
        ),
        (
            q("text", validation={"pattern": {"regex": r"[a-z]+", "message": "Lower case only."}}),
            "ABC",
            "Lower case only.",
        ),
        (
            q("multi_select", choices=CHOICES, validation={"items": {"min": 2}}),
            ["seo"],
            "Expected at least 2 item(s) (got 1).",
        ),
    ],
)
def test_refuses_with_a_reason(question: Question, raw: object, message: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(question, raw)
    assert caught.value.message == message


GOALS = q(
    "list",
    fields=[
        {
            "id": "goal",
            "type": "text",
            "prompt": "Goal",
            "help": "h",
            "example": "x",
            "source": ["s"],
            "required": True,
        },
        {
            "id": "deadline",
            "type": "date",
            "prompt": "By",
            "help": "h",
            "example": "2027-01-01",
            "source": ["s"],
        },
    ],
    validation={"items": {"max": 2}},
)


def test_list_items_are_validated_field_by_field() -> None:
    value = coerce_answer(
        GOALS, [{"goal": " Grow ", "deadline": dt.date(2027, 1, 1)}, {"goal": "B"}]
    )
    assert value == [{"goal": "Grow", "deadline": "2027-01-01"}, {"goal": "B"}]


def test_list_reports_every_bad_field_at_once() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(GOALS, [{"deadline": "soon", "colour": "red"}, "not a mapping"])
    assert caught.value.message == (
        "item 1: unknown field 'colour' (expected goal, deadline); "
        "item 1, goal: an answer is needed; "
        "item 1, deadline: expected a date such as 2027-03-31 (got 'soon'), also written "
        "2027/3/31, 2027年3月31日 or 31.3.2027; "
        "item 2: expected a mapping of goal, deadline (got 'not a mapping')."
    )


def test_list_item_count_rule() -> None:
    with pytest.raises(InvalidAnswer, match="at most 2 item"):
        coerce_answer(GOALS, [{"goal": "a"}, {"goal": "b"}, {"goal": "c"}])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$200", {"amount": 200, "currency": "USD"}),
        ("¥5,000", {"amount": 5000, "currency": "CNY"}),
        ("5000 元", {"amount": 5000, "currency": "CNY"}),
        ("EUR 12.5", {"amount": 12.5, "currency": "EUR"}),
    ],
)
def test_money_symbols_and_codes(raw: str, expected: dict[str, object]) -> None:
    assert coerce_answer(q("money"), raw) == expected


def test_money_reports_the_whole_input() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(q("money", currency="CNY"), "two hundred")
    assert caught.value.message == (
        "Expected an amount with a currency code, such as 12000 CNY (got 'two hundred'); "
        "¥12,000, 12000元, 1.2万元 or 8万 USD are read too."
    )


PLAN = q(
    "list",
    fields=[
        {
            "id": "start",
            "type": "date",
            "prompt": "S",
            "help": "h",
            "example": "2027-01-01",
            "source": ["s"],
        },
        {
            "id": "due",
            "type": "date",
            "prompt": "D",
            "help": "h",
            "example": "2027-02-01",
            "source": ["s"],
            "validation": {"not_before": {"question": "start"}},
        },
    ],
)


def test_not_before_compares_with_an_earlier_field() -> None:
    assert coerce_answer(PLAN, [{"start": "2027-01-01", "due": "2027-01-01"}])
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(PLAN, [{"start": "2027-02-15", "due": "2027-02-01"}])
    assert caught.value.message == (
        "item 1, due: expected a date on or after 2027-02-15 (got 2027-02-01)."
    )


def test_not_before_compares_with_an_earlier_answer() -> None:
    end = q("date", validation={"not_before": {"question": "plan_start", "message": "Too early."}})
    assert coerce_answer(end, "2026-06-01") == "2026-06-01"  # without context: not checked
    with pytest.raises(InvalidAnswer, match=r"Too early\."):
        coerce_answer(end, "2026-06-01", {"plan_start": "2027-01-01"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,000.50", 1000.5),
        ("1.000,50", 1000.5),
        ("12,5", 12.5),
        ("12,000", 12000),
        ("1.000.000", 1000000),
        ("1 000 000", 1000000),
        ("2.5", 2.5),
        ("-3", -3),
    ],
)
def test_numbers_in_either_convention(raw: str, expected: float) -> None:
    assert coerce_answer(q("number"), raw) == expected


def test_a_lone_dot_before_three_digits_is_ambiguous() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(q("money", currency="EUR"), "30.000 EUR")
    assert caught.value.message == (
        "'30.000' could mean 30 or 30000: write the number without a thousands separator."
    )
    assert coerce_answer(q("percent"), "1,2%") == 1.2


def test_an_amount_without_currency_takes_the_one_already_in_use() -> None:
    budget = q("money", currency="CNY")
    context = {
        "a": {"amount": 1, "currency": "EUR"},
        "b": {"amount": 2, "currency": "EUR"},
        "c": "x",
    }
    assert coerce_answer(budget, "300", context) == {"amount": 300, "currency": "EUR"}
    assert coerce_answer(budget, "300") == {"amount": 300, "currency": "CNY"}
    assert coerce_answer(budget, "300 USD", context) == {"amount": 300, "currency": "USD"}


def test_not_after_and_list_fields_bounded_by_earlier_answers() -> None:
    goals = q(
        "list",
        fields=[
            {
                "id": "deadline",
                "type": "date",
                "prompt": "D",
                "help": "h",
                "example": "2027-06-30",
                "source": ["s"],
                "validation": {
                    "not_before": {"question": "plan_start"},
                    "not_after": {"question": "plan_end"},
                },
            }
        ],
    )
    plan = {"plan_start": "2027-01-01", "plan_end": "2027-12-31"}
    assert coerce_answer(goals, [{"deadline": "2027-12-31"}], plan)
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(goals, [{"deadline": "2028-06-30"}, {"deadline": "2026-06-30"}], plan)
    assert caught.value.message == (
        "item 1, deadline: expected a date on or before 2027-12-31 (got 2028-06-30); "
        "item 2, deadline: expected a date on or after 2027-01-01 (got 2026-06-30)."
    )
