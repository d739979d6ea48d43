"""Small helpers the plan's modules share: answer values, counts and lists in words, one line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wizard.display import clean_text
from wizard.text_layout import flat

__all__ = [
    "count",
    "has_value",
    "join",
    "lower_first",
    "number_word",
    "one_line",
    "values",
]


def has_value(value: Any) -> bool:
    return not (value is None or (isinstance(value, str | list | dict) and not value))


_NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


def number_word(n: int) -> str:
    """'one' to 'twelve' in words, larger numbers in digits."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def count(n: int, noun: str) -> str:
    return f"{number_word(n)} {noun}{'' if n == 1 else 's'}"


def join(items: Sequence[str]) -> str:
    """'a, b and c'; with a serial comma when an item has an 'and' of its own."""
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
