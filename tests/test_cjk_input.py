"""Chinese input, read as meant: dates, amounts and lists as a Chinese owner writes them.

Each form is typed at the real prompt (questionary fed through a pipe) and read from an answers
file by ``fill``; both must give the canonical answer. Ambiguous forms are refused with their
reason. Property tests check that the notations of one date or one amount give one value.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from tests.test_validation import q
from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Question
from wizard.banks import load_bank
from wizard.cjk_input import split_items
from wizard.prompter import Action, Reply, TerminalPrompter
from wizard.session import Session
from wizard.validation import InvalidAnswer, coerce_answer

ENTER, DOWN = "\r", "\x1b[B"
MINI = Path(__file__).parent / "data" / "mini"
FULL = str.maketrans("0123456789-/.,%", "０１２３４５６７８９－／．，％")


DATE = q("date")
MONEY = q("money", currency="EUR")  # a default that is not CNY, so 元 visibly sets CNY
BARE_MONEY = q("money")  # no default currency at all
INTEGER = q("integer")
NUMBER = q("number")
PERCENT = q("percent")
CHANNELS = q(
    "multi_select",
    choices=[
        {"value": "seo", "label": "Search engines"},
        {"value": "email", "label": "E-mail"},
        {"value": "other", "label": "Other", "other": True},
    ],
)


def cny(amount: float) -> dict[str, Any]:
    return {"amount": amount, "currency": "CNY"}


DATES = [
    ("2027年6月30日", "2027-06-30"),
    ("2027年6月30号", "2027-06-30"),
    ("2027 年 6 月 30 日", "2027-06-30"),
    ("2027年6月30", "2027-06-30"),
    ("2027/6/30", "2027-06-30"),
    ("2027-6-30", "2027-06-30"),
    ("2027.6.30", "2027-06-30"),
    ("２０２７－０６－３０", "2027-06-30"),
    ("２０２７年６月３０日", "2027-06-30"),
    ("2027-01-01", "2027-01-01"),
    ("30.6.2027", "2027-06-30"),
]

AMOUNTS = [
    ("8万", {"amount": 80000, "currency": "EUR"}),  # 万 is a number word, not a currency
    ("8万元", cny(80000)),
    ("15万元", cny(150000)),
    ("1.5万元", cny(15000)),
    ("3千块", cny(3000)),
    ("2亿元", cny(200000000)),
    ("80000 人民币", cny(80000)),
    ("人民币80000", cny(80000)),
    ("￥80,000", cny(80000)),
    ("¥80,000", cny(80000)),
    ("80000元", cny(80000)),
    ("80,000元", cny(80000)),
    ("500块", cny(500)),
    ("500块钱", cny(500)),
    ("８０，０００元", cny(80000)),
    ("￥８万", cny(80000)),
    ("8万5千元", cny(85000)),
    ("8万5元", cny(85000)),  # 八万五: one digit after a unit counts the next unit down
    ("3千5元", cny(3500)),
    ("1万2000元", cny(12000)),  # more digits count as written
    ("8万500元", cny(80500)),
    ("1亿2000万元", cny(120000000)),
    ("8万 USD", {"amount": 80000, "currency": "USD"}),
    ("8万美元", {"amount": 80000, "currency": "USD"}),
    ("1.1万元", cny(11000)),  # exact: not 11000.000000000002
]

NUMBERS = [
    (INTEGER, "8万", 80000),
    (INTEGER, "1.5万", 15000),
    (INTEGER, "１２００", 1200),
    (INTEGER, "１，２００", 1200),
    (INTEGER, "3千", 3000),
    (NUMBER, "２．５", 2.5),
    (NUMBER, "0.5万", 5000),
    (PERCENT, "１５％", 15),
    (PERCENT, "15%", 15),
]

REFUSED = [
    (DATE, "2027年6月", "2027年6月 names a month, not a day: write the day too"),
    (DATE, "2027-06", "2027-06 names a month, not a day"),
    (DATE, "6/30/2027", "6/30/2027 has the year last, which is read day first in some places"),
    (DATE, "30/6/2027", "write the year first, such as 2027-06-30 or 2027年6月30日"),
    (DATE, "6/7/2027", "6/7/2027 has the year last, so it could be 2027-06-07 or 2027-07-06"),
    (DATE, "2027年2月30日", "2027年2月30日 is not a date in the calendar: February 2027 has 28"),
    (DATE, "2027年13月1日", "there is no month 13"),
    (DATE, "27/6/30", "write the year in full"),
    (DATE, "2027/6-30", "also written 2027/3/31, 2027年3月31日 or 31.3.2027"),
    (DATE, "下个月", "Expected a date such as 2027-03-31 (got '下个月'), also written"),
    (MONEY, "8万50000", "the 50000 after 万 is not smaller than one 万"),
    (MONEY, "5千8万", "万 comes after 千; write the larger unit first"),
    (MONEY, "¥80000 USD", "names two currencies (CNY, USD)"),
    (MONEY, "12，5元", "a full-width comma (，) is read only between groups of three digits"),
    (MONEY, "八万", "¥12,000, 12000元, 1.2万元 or 8万 USD are read too"),
    (BARE_MONEY, "8万", "add a three-letter currency code or a sign (¥12,000, 12000元"),
    (INTEGER, "很多", "Expected a whole number such as 1200, 1,200, 1.2千 or 8万"),
    (INTEGER, "1.00001万", "Expected a whole number (got '1.00001万')"),
    (NUMBER, "1234，567", "a full-width comma (，) is read only between groups"),
]


# --- the validator, as fill and the prompts both call it ----------------------------------


@pytest.mark.parametrize(("typed", "expected"), DATES)
def test_dates_are_read_as_meant(typed: str, expected: str) -> None:
    assert coerce_answer(DATE, typed) == expected


@pytest.mark.parametrize(("typed", "expected"), AMOUNTS)
def test_amounts_are_read_as_meant(typed: str, expected: dict[str, Any]) -> None:
    value = coerce_answer(MONEY, typed)
    assert value == expected
    assert type(value["amount"]) is type(expected["amount"])  # 80000, not 80000.0


@pytest.mark.parametrize(("question", "typed", "expected"), NUMBERS)
def test_numbers_are_read_as_meant(question: Question, typed: str, expected: float) -> None:
    assert coerce_answer(question, typed) == expected


@pytest.mark.parametrize(("question", "typed", "reason"), REFUSED)
def test_unclear_input_is_refused_with_its_reason(
    question: Question, typed: str, reason: str
) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(question, typed)
    assert reason in caught.value.message


def test_units_do_not_read_as_percentages() -> None:
    with pytest.raises(InvalidAnswer):
        coerce_answer(PERCENT, "1万")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("seo，email", ["seo", "email"]),
        ("seo、email", ["seo", "email"]),
        ("seo；email", ["seo", "email"]),
        ("email, seo", ["seo", "email"]),
        ("seo，小红书；抖音", ["seo", "小红书", "抖音"]),
        ("seo, 1,000 flyers", ["seo", "1,000 flyers"]),  # a comma inside a number stays
        ("seo，传单1，000张", ["seo", "传单1，000张"]),
    ],
)
def test_list_separators(typed: str, expected: list[str]) -> None:
    assert coerce_answer(CHANNELS, typed) == expected


def test_prose_keeps_its_full_width_characters() -> None:
    text = "我们有２家店，周末（六、日）排队。"
    assert coerce_answer(q("text"), text) == text
    assert coerce_answer(q("long_text"), text) == text


def test_split_items_keeps_thousands_and_splits_elsewhere() -> None:
    assert split_items("1,000, 2,500，3；4、5,6") == ["1,000", "2,500", "3", "4", "5", "6"]


# --- typed at the real prompt --------------------------------------------------------------


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def typed_reply(pipe: PipeInput, question: Question, keys: str) -> tuple[Reply, str]:
    pipe.send_text(keys)
    pipe.close()  # a prompt that wants more keys fails instead of waiting
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    reply = TerminalPrompter(console, input=pipe, output=DummyOutput()).ask(
        question, None, can_go_back=True
    )
    return reply, screen.getvalue()


@pytest.mark.parametrize(("typed", "expected"), DATES)
def test_a_typed_date_is_kept_and_echoed_in_iso_form(
    pipe: PipeInput, typed: str, expected: str
) -> None:
    reply, screen = typed_reply(pipe, DATE, typed + ENTER)
    assert reply == Reply(Action.ANSWER, expected)
    assert (f"= {expected}" in screen) is (typed != expected)


@pytest.mark.parametrize(
    ("typed", "expected", "echo"),
    [
        ("8万元", cny(80000), "= 80,000 CNY"),
        ("￥８万", cny(80000), "= 80,000 CNY"),
        ("80000 人民币", cny(80000), "= 80,000 CNY"),
        ("1.5万", {"amount": 15000, "currency": "EUR"}, "= 15,000 EUR"),
        ("8万 USD", {"amount": 80000, "currency": "USD"}, "= 80,000 USD"),
        ("500块", cny(500), "= 500 CNY"),
    ],
)
def test_a_typed_amount_is_echoed_in_canonical_form(
    pipe: PipeInput, typed: str, expected: dict[str, Any], echo: str
) -> None:
    reply, screen = typed_reply(pipe, MONEY, typed + ENTER)
    assert reply == Reply(Action.ANSWER, expected)
    assert echo in screen


def test_a_typed_count_in_wan_is_echoed(pipe: PipeInput) -> None:
    reply, screen = typed_reply(pipe, INTEGER, "1.5万" + ENTER)
    assert reply == Reply(Action.ANSWER, 15000)
    assert "= 15,000" in screen


@pytest.mark.parametrize(
    ("question", "typed", "reason"),
    [case for case in REFUSED if case[0] is not BARE_MONEY],
)
def test_unclear_typed_input_is_refused_then_asked_again(
    pipe: PipeInput, question: Question, typed: str, reason: str
) -> None:
    retype = {"date": "2027-06-30", "money": "100 CNY", "integer": "7", "number": "7"}[
        question.type.value
    ]
    reply, screen = typed_reply(pipe, question, typed + ENTER + retype + ENTER)
    assert reply.action is Action.ANSWER
    assert reply.value == coerce_answer(question, retype)
    assert reason in " ".join(screen.split())  # the console may wrap a long reason


def test_other_text_of_a_multi_select_splits_on_chinese_separators(pipe: PipeInput) -> None:
    # tick "Other", then type two channels of her own
    keys = DOWN * 2 + " " + ENTER + "小红书；抖音，传单1，000张" + ENTER
    reply, _screen = typed_reply(pipe, CHANNELS, keys)
    assert reply == Reply(Action.ANSWER, ["小红书", "抖音", "传单1，000张"])


# --- read from an answers file by fill -----------------------------------------------------


def test_fill_reads_chinese_forms_as_typed_ones(tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text(
        "name: 李记小馆\n"
        "channels: seo，email\n"
        "seo_budget: 8万元\n"
        "headcount: １２\n"
        "goals:\n"
        "  - {goal: 多卖月饼, due: 2027年6月30日}\n"
        "  - {goal: 会员, due: ２０２７／９／１}\n",
        encoding="utf-8",
    )
    filled = fill_session(load_bank([MINI]), Session(name="s"), load_answers_file(file))
    values = {key: answer.value for key, answer in filled.answers.items()}
    assert values == {
        "name": "李记小馆",
        "channels": ["seo", "email"],
        "seo_budget": cny(80000),
        "headcount": 12,
        "goals": [{"goal": "多卖月饼", "due": "2027-06-30"}, {"goal": "会员", "due": "2027-09-01"}],
    }


# --- one date, one amount, however written -------------------------------------------------


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_notation_of_a_date_gives_that_date(day: dt.date) -> None:
    y, m, d = day.year, day.month, day.day
    forms = [
        day.isoformat(),
        f"{y}年{m}月{d}日",
        f"{y}/{m}/{d}",
        f"{y}-{m}-{d}",
        day.isoformat().translate(FULL),
        f"{y}年{m}月{d}日".translate(FULL),
    ]
    assert {coerce_answer(DATE, form) for form in forms} == {day.isoformat()}


@given(st.integers(min_value=0, max_value=10**13))
def test_every_notation_of_an_amount_gives_that_amount(amount: int) -> None:
    forms = [str(amount), f"{amount}元", f"{amount:,}元", str(amount).translate(FULL) + "元"]
    wan = Decimal(amount) / 10000
    forms.append(f"{format(wan.normalize(), 'f')}万元")  # exact: 80000 is 8万, 12345 is 1.2345万
    values = [coerce_answer(MONEY, form)["amount"] for form in forms[1:]]
    assert values == [amount] * len(values)
    assert coerce_answer(INTEGER, forms[0]) == amount
    assert coerce_answer(INTEGER, f"{format(wan.normalize(), 'f')}万") == amount
