"""Small helpers the plan's modules share: answer values, counts and lists in words, one line."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

from wizard.display import clean_text, format_money
from wizard.i18n import format_date, format_list, is_chinese
from wizard.text_layout import flat

__all__ = [
    "count",
    "date_text",
    "has_value",
    "join",
    "lower_first",
    "money",
    "number_word",
    "one_line",
    "sentences",
    "text_width",
    "values",
]


def has_value(value: Any) -> bool:
    return not (value is None or (isinstance(value, str | list | dict) and not value))


_NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


def number_word(n: int) -> str:
    """'one' to 'twelve' in words, larger numbers in digits (Chinese: always digits)."""
    if is_chinese():
        return str(n)
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def count(n: int, noun: str) -> str:
    return f"{number_word(n)} {noun}{'' if n == 1 else 's'}"


def join(items: Sequence[str]) -> str:
    """'a, b and c'; with a serial comma when an item has an 'and' of its own (Chinese:
    '甲、乙和丙')."""
    if len(items) <= 1:
        return "".join(items)
    if is_chinese():
        return format_list(list(items))
    if len(items) <= 1:
        return "".join(items)
    comma = "," if len(items) > 2 and any(" and " in item for item in items) else ""
    return f"{', '.join(items[:-1])}{comma} and {items[-1]}"


def lower_first(label: str) -> str:
    """'Open new channels' -> 'open new channels', 'E-mail' -> 'e-mail'; 'SEO', 'WeChat' stay."""
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and not any(ch.isupper() for ch in first[1:]):
        return label[0].lower() + label[1:]
    return label


def one_line(text: str) -> str:
    return flat(clean_text(text))


def values(value: Any) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def sentences(parts: Sequence[str]) -> str:
    """Sentences one after the other: a space between them in English, none in Chinese."""
    return ("" if is_chinese() else " ").join(parts)


def date_text(value: Any) -> str:
    """A date as the plan writes it: as given in English (ISO 8601), ``2027年6月30日`` in
    Chinese; anything that is not a date stays as it is."""
    if is_chinese():
        day: dt.date | None = None
        if isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
        if day is not None:
            return format_date(day)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def money(amount: object, currency: object) -> str:
    """An amount as the plan writes it: '80,000 CNY' in English, '80,000 元' in Chinese (other
    currencies keep their code)."""
    if is_chinese() and currency == "CNY":
        return f"{format_money(amount, '')} 元"
    return format_money(amount, currency)


def text_width(label: str) -> float:
    """How many Latin characters ``label`` is about as wide as (a Chinese character: two)."""
    return sum(1.8 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)
