"""Dates, amounts and lists as they are written in Chinese, read into the plain forms.

Full-width digits and punctuation (``２０２７－０６－３０``, ``８０，０００``) become their ASCII
forms, but only in text read as a number or a date: prose is never touched. ``万``, ``千``,
``亿`` (and ``百``, ``百万``, ``千万``) scale the number before them; ``元``, ``块``, ``人民币``,
``￥`` and a few currency words name a currency. ``，``, ``、`` and ``；`` separate items as ``,``
does. What cannot be read one way only is refused with :class:`Unclear`, whose message says why.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal, InvalidOperation

from wizard.i18n import _, is_chinese

__all__ = [
    "CURRENCY_WORDS",
    "Unclear",
    "expand_units",
    "half_width",
    "read_date",
    "split_items",
]


class Unclear(ValueError):
    """Text that could be read in more than one way, or not at all; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# The full-width forms of ASCII (U+FF01..U+FF5E), the ideographic space and the full-width yen
# sign: what NFKC makes of them, and nothing else NFKC would change (①, ㍻, ligatures...).
_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5}
_FULL_COMMA = "，"
# A thousands group: 1 to 3 digits, then groups of three, each after a comma of either width.
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:[,，]\d{3})+(?![\d,，])")


def half_width(text: str) -> str:
    """``text`` with full-width digits, letters and punctuation made ASCII.

    A full-width comma ``，`` is a thousands separator only (``８０，０００``); anywhere else in
    a number it is refused, since ``12，5`` could be a list of two numbers or a decimal comma.
    """
    if _FULL_COMMA in text:
        kept = {m.start() + i for m in _GROUPED.finditer(text) for i in range(len(m.group()))}
        for at, char in enumerate(text):
            if char == _FULL_COMMA and at not in kept:
                raise Unclear(
                    _(
                        "{text}: a full-width comma (，) is read only between groups of "
                        "three digits (80，000); write a decimal with a point (12.5)."
                    ).format(text=repr(text.strip()))
                )
    return text.translate(_HALF)


# --- amounts -------------------------------------------------------------------------------

UNITS = {"亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3, "百": 10**2}
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_PART = re.compile(rf"\s*([\d.,]+)\s*({_UNIT})")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")

# Currency words and signs, longest first so that 美元 is not read as 元.
CURRENCY_WORDS = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "块钱": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "US$": "USD",
    "RMB": "CNY",
    "元": "CNY",
    "块": "CNY",
    "¥": "CNY",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
}


def expand_units(text: str) -> str:
    """A number written with ``万``/``千``/``亿``... as plain digits: ``1.5万`` is ``15000``.

    Units may follow each other, largest first (``8万5千``, ``1亿2000万``). A bare number after
    a unit is read as it is said: one digit counts the next unit down (``8万5`` is 八万五,
    85,000; ``3千5`` is 3,500), more digits are added as written (``1万2000`` is 12,000,
    ``8万500`` 80,500); one that is not smaller than the unit (``8万50000``) is refused. Text
    without a unit is returned as it is.
    """
    body = text.strip()
    sign = ""
    if body[:1] in "+-":
        sign, body = body[0], body[1:]
    if not any(unit in body for unit in UNITS):
        return text
    total = Decimal(0)
    last = None
    at = 0
    while at < len(body):
        found = _PART.match(body, at)
        if found is None:
            rest = body[at:].strip()
            if last is not None and _DIGITS.fullmatch(rest):
                total += _after_unit(text, rest, last)
                break
            raise Unclear(_not_a_number(text))
        number, unit = found.groups()
        if not _DIGITS.fullmatch(number):
            raise Unclear(_not_a_number(text))
        if last is not None and UNITS[unit] >= UNITS[last]:
            raise Unclear(
                _(
                    "{text}: {unit} comes after {last}; write the larger unit first "
                    "(8万5千), or the amount in digits."
                ).format(text=repr(text.strip()), unit=unit, last=last)
            )
        try:
            total += Decimal(number.replace(",", "")) * UNITS[unit]
        except InvalidOperation:  # pragma: no cover - _DIGITS admits only numbers
            raise Unclear(_("{text} is not a number.").format(text=repr(text.strip()))) from None
        last = unit
        at = found.end()
    plain = format(total.normalize(), "f") if total != total.to_integral() else str(int(total))
    return sign + plain


def _not_a_number(text: str) -> str:
    return _("{text} is not a number such as 80000, 8万 or 1.5万.").format(text=repr(text.strip()))


def _after_unit(text: str, rest: str, last: str) -> Decimal:
    """What a bare number after the unit ``last`` adds: one digit counts the next unit down
    (八万五: 5千), more digits count as written; refused when not smaller than the unit."""
    if len(rest) == 1 and rest.isdigit():
        return Decimal(rest) * UNITS[last] / 10
    value = Decimal(rest.replace(",", ""))
    if value >= UNITS[last]:
        raise Unclear(
            _(
                "{text}: the {rest} after {last} is not smaller than one {last}; write the "
                "amount in digits, or put a unit after each number (8万5千 or 8.5万)."
            ).format(text=repr(text.strip()), rest=rest, last=last)
        )
    return value


# --- dates ---------------------------------------------------------------------------------

_YEAR_FIRST = re.compile(
    r"(?P<y>\d{4})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*[日号]?)"
)
_MONTH_ONLY = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[-/.]\s*(\d{1,2}))")
_DAY_FIRST_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*([-/])\s*(\d{1,2})\s*\2\s*(\d{4})")
_SHORT_YEAR = re.compile(r"(\d{2})\s*([-/.年])\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?")


def read_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written year first, or day first with dots; None when the
    text is not written as a date at all.

    Raises:
        Unclear: for a date without a day, one whose order is a guess (``6/7/2027``), a year in
        two digits, or a day the calendar does not have (``2027年2月30日``).
    """
    typed = text.strip()
    plain = half_width(typed).strip()
    if found := _YEAR_FIRST.fullmatch(plain):
        year = int(found["y"])
        month = int(found["m"] or found["cm"])
        day = int(found["d"] or found["cd"])
    elif found := _DAY_FIRST_DOTS.fullmatch(plain):
        day, month, year = (int(part) for part in found.groups())
    elif found := _MONTH_ONLY.fullmatch(plain):
        month = int(found[2] or found[3])
        raise Unclear(
            _(
                "{typed} names a month, not a day: write the day too, such as {iso} or {written}."
            ).format(
                typed=typed, iso=f"{found[1]}-{month:02d}-01", written=f"{found[1]}年{month}月1日"
            )
        )
    elif found := _YEAR_LAST.fullmatch(plain):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        readings = sorted(
            {(m, d) for m, d in ((first, second), (second, first)) if m <= 12 and 1 <= d <= 31}
        )
        if len(readings) > 1:
            one, other = (f"{year}-{m:02d}-{d:02d}" for m, d in readings)
            raise Unclear(
                _(
                    "{typed} has the year last, so it could be {first} or {second}: write the "
                    "year first, such as {iso} or {written}."
                ).format(
                    typed=typed,
                    first=one,
                    second=other,
                    iso=f"{year}-{readings[0][0]:02d}-{readings[0][1]:02d}",
                    written=f"{year}年{readings[0][0]}月{readings[0][1]}日",
                )
            )
        m, d = readings[0] if readings else (6, 30)
        raise Unclear(
            _(
                "{typed} has the year last, which is read day first in some places and month "
                "first in others: write the year first, such as {iso} or {written}."
            ).format(typed=typed, iso=f"{year}-{m:02d}-{d:02d}", written=f"{year}年{m}月{d}日")
        )
    elif _SHORT_YEAR.fullmatch(plain):
        raise Unclear(
            _("{typed}: write the year in full, such as 2027-06-30 or 2027年6月30日.").format(
                typed=typed
            )
        )
    else:
        return None
    if not 1 <= month <= 12:
        raise Unclear(
            _("{typed} is not a date in the calendar: there is no month {month}.").format(
                typed=typed, month=month
            )
        )
    last_day = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last_day:
        # TRANSLATORS: {month} is the month's English name in English, "2月" in Chinese
        named = f"{month}月" if is_chinese() else calendar.month_name[month]
        raise Unclear(
            _("{typed} is not a date in the calendar: {month} {year} has {days} days.").format(
                typed=typed, month=named, year=year, days=last_day
            )
        )
    return year, month, day


# --- lists ---------------------------------------------------------------------------------

# A comma of either width, the enumeration comma or a full-width semicolon ends an item; a comma
# inside a number (1,000 or 1，000) does not.
_ITEM_END = re.compile(r"[、；]|[,，](?!(?<=\d[,，])\d{3}(?!\d))")


def split_items(text: str) -> list[str]:
    """The items of one typed line, stripped, empty ones left out."""
    return [part.strip() for part in _ITEM_END.split(text) if part.strip()]
