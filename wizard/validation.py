"""The one validator: turns what a user typed, or what an answers file holds, into an answer.

The prompts, ``fill`` and the bank loader (for each question's ``example``) all call
:func:`coerce_answer`, so an answer is accepted or refused for the same reason on every path.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from wizard.bank import Question, QuestionType, Validation
from wizard.cjk_input import (
    CURRENCY_WORDS,
    Unclear,
    expand_units,
    half_width,
    read_date,
    split_items,
)
from wizard.display import clean_input
from wizard.i18n import N_, _, format_date, is_chinese
from wizard.patterns import MATCH_SECONDS, MAX_MATCHED, PatternTimeout, fullmatch
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN

__all__ = [
    "LIMITS",
    "InvalidAnswer",
    "Value",
    "brief",
    "clause",
    "coerce_answer",
    "default_currency",
    "describe_expected",
    "is_empty",
    "shows_got",
    "text_problem",
]

Value = Any
"""An answer in its stored form: str, int, float, bool, list or dict (JSON-compatible)."""

_TRUE = {"y", "yes", "true", "t", "1", "on", "是", "是的", "对", "有", "好"}
_FALSE = {"n", "no", "false", "f", "0", "off", "否", "不", "不是", "没有", "无"}
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
# Currency words and signs, longest first (美元 before 元, US$ before $).
_WORDS = sorted(CURRENCY_WORDS.items(), key=lambda pair: len(pair[0]), reverse=True)


class Limits:
    """What a plan can render: every answer is kept within these, however it was given."""

    number = 10**15  # an amount, count or percentage is smaller than this in size
    first_year = 1900
    last_year = 2200
    text = 100_000  # characters in one answer, note or item field
    items = 200  # items in one list
    keys = 1_000  # keys in one mapping of an answers file
    depth = 20  # levels of nesting in an answers file
    file_bytes = 5 * 1024 * 1024  # one answers file


LIMITS = Limits()


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be kept as an answer (too long, not valid Unicode), or None."""
    if len(text) > LIMITS.text:
        return _("text of at most {most} characters is taken (got {n})").format(
            most=LIMITS.text, n=len(text)
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return _(
            "character {position} ({char}) is not valid Unicode (a lone surrogate); "
            "type the text again"
        ).format(position=exc.start + 1, char=ascii(text[exc.start]))
    return None


def clause(message: str) -> str:
    """A refusal said after a place (``item 2, price: ...``): its first letter small, without
    its final full stop (an English or a Chinese one)."""
    return message[:1].lower() + message[1:].rstrip(".。")


def shows_got(message: str) -> bool:
    """Whether a refusal already shows what was given (its "(got ...)" part)."""
    # TRANSLATORS: how "(got X)" starts in the translated refusals: the same words exactly
    return "(got " in message or _("(got ") in message


def _join(values: list[str]) -> str:
    """Values a message lists (``a, b, c``; ``a、b、c`` in Chinese)."""
    return ("、" if is_chinese() else ", ").join(values)


def _day(iso: str) -> str:
    """A date (ISO text) as a message shows it: as it is in English, 2027年6月30日 in Chinese."""
    if not is_chinese():
        return iso
    try:
        return format_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


class InvalidAnswer(ValueError):
    """The answer does not satisfy its question; ``message`` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def brief(value: object, width: int = 80) -> str:
    """``repr(value)`` cut to ``width`` characters, built without writing the whole value.

    A value read from a file may be huge (or share one list a billion times over), so only as
    much of it as is shown is ever turned into text.
    """
    text = _brief(value, width + 1, 0)
    return text if len(text) <= width else text[: width - 3] + "..."


def _brief(value: object, room: int, depth: int) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 200:  # repr of a very long number is slow, or refused
            digits = int(value.bit_length() * 0.30103) + 1
            return _("<a number of about {n} digits>").format(n=digits)
        return repr(value)
    if isinstance(value, str | bytes):
        return repr(value[:room])
    if isinstance(value, dict):
        pairs = iter(value.items())
        opening, closing = "{", "}"
    elif isinstance(value, list | tuple | set | frozenset):
        pairs = ((item, _NO_KEY) for item in value)
        opening, closing = "[", "]"
    else:
        return repr(value)[:room]
    text = opening
    if depth > 10:
        return text + "..." + closing
    for key, item in pairs:
        if len(text) > room:
            break
        if len(text) > 1:
            text += ", "
        if item is not _NO_KEY:
            text += _brief(key, room - len(text), depth + 1) + ": "
            text += _brief(item, room - len(text), depth + 1)
        else:
            text += _brief(key, room - len(text), depth + 1)
    return text + closing


_NO_KEY = object()


def _got(raw: object) -> str:
    return brief(raw, 60)


def describe_expected(q: Question) -> str:
    """A short phrase saying what a question takes, for messages and help lines."""
    match q.type:
        case QuestionType.TEXT | QuestionType.LONG_TEXT:
            return _("text")
        case QuestionType.SELECT:
            values = _join(q.choice_values())
            if q.other_choice():
                return _("one of {values} or your own text").format(values=values)
            return _("one of {values}").format(values=values)
        case QuestionType.MULTI_SELECT:
            values = _join(q.choice_values())
            if q.other_choice():
                return _("a list of {values} or your own text").format(values=values)
            return _("a list of {values}").format(values=values)
        case QuestionType.CONFIRM:
            return _("yes or no")
        case QuestionType.INTEGER:
            return _("a whole number")
        case QuestionType.NUMBER:
            return _("a number")
        case QuestionType.PERCENT:
            return _("a percentage such as 15 (for 15%)")
        case QuestionType.MONEY:
            return _money_expected(q.currency or "EUR")
        case QuestionType.DATE:
            return _("a date, year first, such as {forms}").format(forms=_(DATE_FORMS))
        case QuestionType.LIST:
            return _("a list of items")
    return q.type.value  # pragma: no cover - every type is matched above


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def coerce_answer(q: Question, raw: object, context: Mapping[str, Any] | None = None) -> Value:
    """Validate ``raw`` against ``q`` and return the stored form of the answer.

    ``raw`` is either the text a user typed or a value read from an answers file.
    Text loses its control characters, lone surrogates and bidi controls first
    (:func:`wizard.display.clean_input`), so no answer ever holds them.
    ``context`` holds the other answers in force, for rules that compare with them
    (``not_before``, ``not_after``); without it those rules are not checked.

    Raises:
        InvalidAnswer: with a message that says what was expected and what was got.
    """
    if isinstance(raw, str):  # typed or filed, the same text is kept
        raw = clean_input(raw, lines=q.type is QuestionType.LONG_TEXT)
    if is_empty(raw):
        raise InvalidAnswer(
            _("An answer is needed: expected {what}.").format(what=describe_expected(q))
        )
    match q.type:
        case QuestionType.TEXT | QuestionType.LONG_TEXT:
            value: Value = _text(q, raw)
        case QuestionType.SELECT:
            value = _choice(q, raw)
        case QuestionType.MULTI_SELECT:
            value = _multi(q, raw)
        case QuestionType.CONFIRM:
            value = _confirm(q, raw)
        case QuestionType.INTEGER:
            value = _integer(q, raw)
        case QuestionType.NUMBER | QuestionType.PERCENT:
            value = _number(q, raw)
        case QuestionType.MONEY:
            value = _money(q, raw, default_currency(q, context or {}))
        case QuestionType.DATE:
            value = _date(q, raw)
            _check_bounds(q, value, context or {})
        case QuestionType.LIST:
            value = _list(q, raw, context or {})
    return value


def _rules(q: Question) -> Validation:
    return q.validation or Validation()


def _text(q: Question, raw: object) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidAnswer(_("Expected text (got {got}).").format(got=_got(raw)))
    if isinstance(raw, int) and raw.bit_length() > 200:
        raise InvalidAnswer(_("Expected text (got {got}).").format(got=_got(raw)))
    text = str(raw) if not isinstance(raw, str) else raw
    problem = text_problem(text)
    if problem is not None:
        raise InvalidAnswer(_("Expected {problem}.").format(problem=problem))
    text = text.strip() if q.type is QuestionType.TEXT else text.strip("\n").rstrip()
    if not text.strip():
        raise InvalidAnswer(_("An answer is needed: expected text."))
    rules = _rules(q)
    if rules.length is not None:
        lo, hi = rules.length.min, rules.length.max
        n = len(text)
        if (lo is not None and n < lo) or (hi is not None and n > hi):
            if rules.length.message:
                raise InvalidAnswer(rules.length.message)
            if lo is not None and n < lo:
                raise InvalidAnswer(
                    _("Expected at least {least} characters (got {n}).").format(least=lo, n=n)
                )
            raise InvalidAnswer(
                _("Expected at most {most} characters (got {n}).").format(most=hi, n=n)
            )
    if rules.pattern is not None and len(text) > MAX_MATCHED:
        raise InvalidAnswer(
            _("Expected at most {most} characters (got {n}).").format(most=MAX_MATCHED, n=len(text))
        )
    if rules.pattern is not None and not _matches(rules.pattern.regex, text):
        raise InvalidAnswer(
            rules.pattern.message
            or _("Expected text matching {pattern} (got {got}).").format(
                pattern=rules.pattern.regex, got=_got(text)
            )
        )
    return text


def _matches(pattern: str, text: str) -> bool:
    try:
        return fullmatch(pattern, text)
    except PatternTimeout:
        raise InvalidAnswer(
            _(
                "Checking this answer against its pattern took longer than {seconds} s, "
                "so it was not taken; write it shorter or in the usual form of such an answer "
                "(the question's example shows one)."
            ).format(seconds=f"{MATCH_SECONDS:g}")
        ) from None


def _choice(q: Question, raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidAnswer(_expected(describe_expected(q), raw))
    text = raw.strip()
    for choice in q.choices or []:
        if text == choice.value or text.casefold() == choice.label.casefold():
            if choice.other:
                raise InvalidAnswer(
                    _("Type your own answer instead of {label}.").format(label=repr(choice.label))
                )
            return choice.value
    if q.other_choice() is not None:
        problem = text_problem(text)
        if problem is not None:
            raise InvalidAnswer(_("Expected {problem}.").format(problem=problem))
        return text
    raise InvalidAnswer(_expected(describe_expected(q), raw))


def _expected(what: str, raw: object) -> str:
    """The refusal "Expected WHAT (got RAW).\""""
    return _("Expected {what} (got {got}).").format(what=what, got=_got(raw))


def _multi(q: Question, raw: object) -> list[str]:
    if isinstance(raw, str):
        items: list[object] = list(split_items(raw))
    elif isinstance(raw, list):
        items = list(raw)
    else:
        raise InvalidAnswer(_expected(describe_expected(q), raw))
    _check_length(items)
    values: list[str] = []
    for item in items:
        value = _choice(q, item)
        if value not in values:
            values.append(value)
    _check_items(q, len(values))
    order = {v: n for n, v in enumerate(q.choice_values())}
    # the choices' order, then free "Other" text as given: the same answer however it was given
    return sorted(values, key=lambda v: order.get(v, len(order)))


def _check_length(items: list[Any]) -> None:
    if len(items) > LIMITS.items:
        raise InvalidAnswer(
            _("Expected at most {most} items (got {n}).").format(most=LIMITS.items, n=len(items))
        )


def _check_items(q: Question, n: int) -> None:
    rule = _rules(q).items
    if rule is None:
        return
    if rule.min is not None and n < rule.min:
        raise InvalidAnswer(
            rule.message
            or _("Expected at least {least} item(s) (got {n}).").format(least=rule.min, n=n)
        )
    if rule.max is not None and n > rule.max:
        raise InvalidAnswer(
            rule.message
            or _("Expected at most {most} item(s) (got {n}).").format(most=rule.max, n=n)
        )


def _confirm(q: Question, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = raw.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise InvalidAnswer(_("Expected yes or no (got {got}).").format(got=_got(raw)))


def _parse_number(q: Question, raw: object, what: str) -> float | int:
    if isinstance(raw, bool):
        raise InvalidAnswer(_expected(what, raw))
    if isinstance(raw, int | float):
        number: float | int = raw
    elif isinstance(raw, str):
        text = _unclear(half_width, raw).strip()
        if q.type is QuestionType.PERCENT:
            text = text.removesuffix("%").strip()
        else:  # 8万, 1.5千: a count or an amount, not a percentage
            text = _unclear(expand_units, text)
        text = _plain_number(text, raw)
        if len(text) > 40:  # int() refuses more than 4,300 digits; no plan needs 40
            raise InvalidAnswer(_too_large(raw))
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise InvalidAnswer(_expected(_forms(q, what), raw)) from None
    else:
        raise InvalidAnswer(_expected(what, raw))
    if isinstance(number, float) and not math.isfinite(number):
        raise InvalidAnswer(_expected(what, raw))
    if abs(number) >= LIMITS.number:
        raise InvalidAnswer(_too_large(raw))
    _check_range(q, number)
    return number


def _unclear(read: Callable[[str], str], text: str) -> str:
    """``read(text)``, its :class:`Unclear` refusal made an :class:`InvalidAnswer`."""
    try:
        return read(text)
    except Unclear as exc:
        raise InvalidAnswer(exc.message) from None


DATE_FORMS = N_("2027-03-31, 2027/3/31 or 2027年3月31日")
NUMBER_FORMS = N_("1200, 1,200, 1.2千 or 8万")


def _forms(q: Question, what: str) -> str:
    """``what`` a number question takes, with the ways of writing it that are read."""
    if q.type in {QuestionType.INTEGER, QuestionType.NUMBER}:
        return _("{what} such as {forms}").format(what=what, forms=_(NUMBER_FORMS))
    return what


def _too_large(raw: object) -> str:
    return _(
        "Expected a number smaller than 10^15 in size, as a plan shows them (got {got})."
    ).format(got=_got(raw))


def _grouped(sep: str) -> str:
    return r"[-+]?\d{1,3}(?:" + sep + r"\d{3})+"


def _plain_number(text: str, raw: str) -> str:
    """A number as typed in either convention, with its separators made plain.

    ``1,000.50`` and ``1.000,50`` are both a thousand and a half; ``12,5`` is twelve and a
    half; ``12,000`` and ``1.000.000`` group thousands. A lone dot before three digits
    (``30.000``) means 30 to some readers and 30000 to others, so it is refused.
    """
    text = re.sub(r"[\s_'\u00a0\u202f]", "", text)
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        if re.fullmatch(_grouped(","), text):
            return text.replace(",", "")
        return text.replace(",", ".") if text.count(",") == 1 else text
    if re.fullmatch(_grouped(r"\."), text):
        if text.count(".") > 1:
            return text.replace(".", "")
        raise InvalidAnswer(
            _(
                "{text} could mean {first} or {second}: "
                "write the number without a thousands separator."
            ).format(text=repr(raw.strip()), first=_fmt(float(text)), second=text.replace(".", ""))
        )
    return text


def _check_range(q: Question, number: float) -> None:
    rule = _rules(q).range
    if rule is None:
        return
    if rule.min is not None and number < rule.min:
        raise InvalidAnswer(
            rule.message
            or _("Expected at least {least} (got {n}).").format(
                least=_fmt(rule.min), n=_fmt(number)
            )
        )
    if rule.max is not None and number > rule.max:
        raise InvalidAnswer(
            rule.message
            or _("Expected at most {most} (got {n}).").format(most=_fmt(rule.max), n=_fmt(number))
        )


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _integer(q: Question, raw: object) -> int:
    number = _parse_number(q, raw, _("a whole number"))
    if isinstance(number, float):
        if not number.is_integer():
            raise InvalidAnswer(_("Expected a whole number (got {got}).").format(got=_got(raw)))
        number = int(number)
    return number


def _number(q: Question, raw: object) -> float | int:
    return _parse_number(q, raw, describe_expected(q))


def default_currency(q: Question, context: Mapping[str, Any]) -> str | None:
    """The currency an amount typed without one is in: the one most used in the other money
    answers, else the question's own default."""
    used = [
        v["currency"]
        for v in context.values()
        if isinstance(v, dict)
        and set(v) == {"amount", "currency"}
        and isinstance(v["currency"], str)
    ]
    if used:
        return max(set(used), key=lambda code: (used.count(code), -used[::-1].index(code)))
    return q.currency


MONEY_FORMS = N_("¥12,000, 12000元, 1.2万元 or 8万 USD")


def _money_expected(currency: str) -> str:
    if currency == "CNY" and is_chinese():  # a Chinese owner writes yuan, not a code
        return _("an amount in yuan, such as 12000元 or 1.2万元")
    return _("an amount with a currency code, such as 12000 {currency}").format(currency=currency)


def _money(q: Question, raw: object, currency_default: str | None) -> dict[str, Any]:
    example = currency_default or "EUR"
    expected = _money_expected(example)
    unread = _("Expected {what} (got {got}); {forms} are read too.").format(
        what=expected, got=_got(raw), forms=_(MONEY_FORMS)
    )
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - {"amount", "currency"})
        if unknown:
            raise InvalidAnswer(
                _("Expected {what}: unknown key(s) {keys}.").format(
                    what=expected, keys=_join([str(k) for k in unknown])
                )
            )
        amount_raw = raw.get("amount")
        currency = raw.get("currency", currency_default)
    elif isinstance(raw, str | int | float) and not isinstance(raw, bool):
        if isinstance(raw, int | float):  # a number alone: in the default currency
            return _money(q, {"amount": raw}, currency_default)
        text = _unclear(half_width, raw).strip()
        if len(text) > 60:
            digits = text.lstrip("+-")[:1].isdigit()
            raise InvalidAnswer(_too_large(raw) if digits else unread)
        text, named = _currency_words(text)
        match = re.fullmatch(
            r"(?:([A-Za-z]{3})\s*)?([-+]?[\d.,_ ]*\d(?:[\d.,_]|\s*[百千万亿])*)"
            r"(?:\s*([A-Za-z]{3}))?",
            text,
        )
        if match is None or (match.group(1) and match.group(3)):
            raise InvalidAnswer(unread)
        amount_raw = match.group(2)
        code = match.group(1) or match.group(3)
        if code is not None:
            named.add(code.upper())
        if len(named) > 1:
            raise InvalidAnswer(
                _("{text} names two currencies ({codes}): keep the one meant.").format(
                    text=repr(raw.strip()), codes=_join(sorted(named))
                )
            )
        currency = named.pop() if named else currency_default
    else:
        raise InvalidAnswer(_expected(expected, raw))
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise InvalidAnswer(
            _("Expected {what}: add a three-letter currency code or a sign ({forms}).").format(
                what=expected, forms=_(MONEY_FORMS)
            )
        )
    if amount_raw is None:
        raise InvalidAnswer(_("Expected {what}: the amount is missing.").format(what=expected))
    amount = _parse_number(q, amount_raw, expected)
    if amount < 0:
        raise InvalidAnswer(
            _("Expected an amount of zero or more (got {n}).").format(n=_fmt(amount))
        )
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    return {"amount": amount, "currency": currency.upper()}


def _currency_words(text: str) -> tuple[str, set[str]]:
    """``text`` without the currency words and signs before or after its amount, and the
    currencies they name (¥80,000元 names CNY once)."""
    named: set[str] = set()
    changed = True
    while changed:
        changed = False
        text = text.strip()
        for word, code in _WORDS:
            if text.startswith(word) or text.endswith(word):
                text = text.removeprefix(word) if text.startswith(word) else text[: -len(word)]
                named.add(code)
                changed = True
                break
    return text, named


def _date(q: Question, raw: object) -> str:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        if not LIMITS.first_year <= raw.year <= LIMITS.last_year:
            raise InvalidAnswer(
                _("Expected a date between {first} and {last} (got {date}).").format(
                    first=LIMITS.first_year, last=LIMITS.last_year, date=_day(raw.isoformat())
                )
            )
        return raw.isoformat()
    if isinstance(raw, str):
        try:
            found = read_date(raw)
        except Unclear as exc:
            raise InvalidAnswer(exc.message) from None
        if found is not None:
            try:
                day_given = dt.date(*found)
            except ValueError:
                raise InvalidAnswer(
                    _("{text} is not a date in the calendar.").format(text=raw.strip())
                ) from None
            return _date(q, day_given)
    raise InvalidAnswer(
        _(
            "Expected a date such as 2027-03-31 (got {got}), also written "
            "2027/3/31, 2027年3月31日 or 31.3.2027."
        ).format(got=_got(raw))
    )


def _check_bounds(q: Question, value: str, context: Mapping[str, Any]) -> None:
    rules = _rules(q)
    if rules.not_before is not None:
        other = context.get(rules.not_before.question)
        if isinstance(other, str) and value < other:
            raise InvalidAnswer(
                rules.not_before.message
                or _("Expected a date on or after {date} (got {value}).").format(
                    date=_day(other), value=_day(value)
                )
            )
    if rules.not_after is not None:
        other = context.get(rules.not_after.question)
        if isinstance(other, str) and value > other:
            raise InvalidAnswer(
                rules.not_after.message
                or _("Expected a date on or before {date} (got {value}).").format(
                    date=_day(other), value=_day(value)
                )
            )


def _list(q: Question, raw: object, context: Mapping[str, Any]) -> list[dict[str, Value]]:
    if not isinstance(raw, list):
        raise InvalidAnswer(_("Expected a list of items (got {got}).").format(got=_got(raw)))
    _check_length(raw)
    fields = q.fields or []
    known = [f.id for f in fields]
    items: list[dict[str, Value]] = []
    problems: list[str] = []
    for n, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            problems.append(
                _("item {n}: expected a mapping of {fields} (got {got})").format(
                    n=n, fields=_join(known), got=_got(item)
                )
            )
            continue
        clean: dict[str, Value] = {}
        for key in item:
            if key not in known and key not in (ITEM_UNKNOWN, ITEM_NOTES):
                problems.append(
                    _("item {n}: unknown field {field} (expected {fields})").format(
                        n=n, field=brief(key), fields=_join(known)
                    )
                )
        unknown = _item_marks(item.get(ITEM_UNKNOWN), known, n, problems)
        notes = _item_notes(item.get(ITEM_NOTES), known, n, problems)
        for field in fields:
            value = item.get(field.id)
            if is_empty(value):
                if field.required and field.id not in unknown:
                    problems.append(
                        _("item {n}, {field}: an answer is needed").format(n=n, field=field.id)
                    )
                continue
            try:
                clean[field.id] = coerce_answer(field, value, {**context, **clean})
            except InvalidAnswer as exc:
                problems.append(
                    _("item {n}, {field}: {reason}").format(
                        n=n, field=field.id, reason=clause(exc.message)
                    )
                )
        if unknown:
            clean[ITEM_UNKNOWN] = [f for f in known if f in unknown]
        if notes:
            clean[ITEM_NOTES] = {f: notes[f] for f in known if f in notes}
        items.append(clean)
    if problems:
        if is_chinese():
            raise InvalidAnswer("；".join(problems) + "。")
        raise InvalidAnswer("; ".join(problems) + ".")
    _check_items(q, len(items))
    return items


def _item_marks(raw: object, known: list[str], n: int, problems: list[str]) -> set[str]:
    """The fields of item ``n`` marked "don't know yet" (``_unknown: [field, ...]``)."""
    if raw is None:
        return set()
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        problems.append(
            _("item {n}, {key}: expected a list of field ids (got {got})").format(
                n=n, key=ITEM_UNKNOWN, got=_got(raw)
            )
        )
        return set()
    for f in raw:
        if f not in known:
            problems.append(
                _("item {n}, {key}: unknown field {field}").format(
                    n=n, key=ITEM_UNKNOWN, field=brief(f)
                )
            )
    return {f for f in raw if f in known}


def _item_notes(raw: object, known: list[str], n: int, problems: list[str]) -> dict[str, str]:
    """The notes on fields of item ``n`` (``_notes: {field: text}``)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        problems.append(
            _("item {n}, {key}: expected field ids with a note each").format(n=n, key=ITEM_NOTES)
        )
        return {}
    for f in raw:
        if f not in known:
            problems.append(
                _("item {n}, {key}: unknown field {field}").format(
                    n=n, key=ITEM_NOTES, field=brief(f)
                )
            )
    return {str(f): v.strip() for f, v in raw.items() if f in known and v.strip()}
