"""Figures quoted in text, in their usual spellings: ``300000``, ``300,000``, ``300 000``,
``300k``, ``0.3m``, ``30万``, ``30w``, ``12%``, with or without a currency around them.

Only whole numbers count: ``300,000`` is not found in ``1,300,000`` nor in ``300,0001``, and
``300`` is not found in ``300,000``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Quoted", "quoted_figures", "quotes"]

# digits grouped by threes (one kind of separator throughout), or plain digits; then decimals
_SEPARATORS = ",'\u0020\u00a0\u202f\u2009"
_NUMBER = rf"(?:\d{{1,3}}(?P<sep>[{_SEPARATORS}])\d{{3}}(?:(?P=sep)\d{{3}})*|\d+)(?:\.\d+)?"
_MULTIPLIERS = {
    "k": 10**3,
    "thousand": 10**3,
    "千": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "w": 10**4,
    "万": 10**4,
    "亿": 10**8,
    "bn": 10**9,
    "billion": 10**9,
}
_SUFFIX = (
    r"[ \u00a0]?(?:(?P<percent>%|％|\s?per\s?cent\b|\s?percent\b)"
    r"|(?P<word>thousand|million|billion|mio|mn|bn|k|m|w)(?![A-Za-z])"
    r"|(?P<cjk>千|万|亿))"
)
# not inside a longer number: no digit (or a decimal or group mark before a digit) either side
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<number>{_NUMBER})(?![\d])(?![.,'][\d])(?:{_SUFFIX})?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quoted:
    """A figure found in text: its value (multiplied out) and whether it is a percentage."""

    value: Decimal
    percent: bool = False


def quoted_figures(text: str) -> list[Quoted]:
    """Every figure ``text`` quotes, in order."""
    out: list[Quoted] = []
    for match in _FIGURE.finditer(text):
        digits = match["number"]
        if match["sep"]:
            digits = digits.replace(match["sep"], "")
        try:
            value = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            continue
        unit = (match["word"] or match["cjk"] or "").lower()
        if unit:
            value *= _MULTIPLIERS[unit]
        out.append(Quoted(value, percent=bool(match["percent"])))
    return out


def quotes(text: str, figure: float, *, percent: bool = False) -> bool:
    """Whether ``text`` quotes ``figure`` (a percentage, with its sign, when ``percent``)."""
    wanted = Decimal(repr(float(figure))) if isinstance(figure, float) else Decimal(figure)
    return any(q.percent is percent and q.value == wanted for q in quoted_figures(text))
