"""Answers as people read them: choice labels, "12,000 CNY", "15%", "Yes".

Used by the wizard's screens and by the plan, so an answer reads the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wizard.i18n import _, is_chinese

if TYPE_CHECKING:
    from wizard.bank import Question

# The bank and the session (pydantic) are imported where an answer is formatted, so that a light
# command such as `sessions` can use the text functions here without them.

__all__ = [
    "clean_input",
    "clean_text",
    "fill_placeholders",
    "format_money",
    "format_number",
    "format_value",
    "money_parts",
    "prompt_label",
    "shorten",
    "terminal_text",
]

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# The bidi controls that open an embedding, an override or an isolate (and their closers). One
# left open runs to the end of its paragraph, so a client name "Acme\u202e" reverses whatever
# the plan writes after it on that line ("22-11-6202"). Markdown, OPML and JSON have no element
# that confines them, so they are dropped; the letters of right-to-left scripts carry their own
# direction and still read right, as do the marks LRM, RLM and ALM, which open nothing.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Text safe for every format: one kind of line break, no control characters.

    Keeps everything a person can read (any script, emoji, right-to-left text); drops only
    what no format can carry (NUL and other control characters, lone surrogates) and the bidi
    controls that would reorder the text after it (see ``_BIDI_CONTROL``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\t", "    ")
    text = _BIDI_CONTROL.sub("", _CONTROL.sub("", text))
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
# A terminal's escape sequences, dropped whole (not only their ESC, which would leave "[2J"):
# CSI (ESC [ ... final byte), OSC (ESC ] ... ended by BEL or ESC \\) and two-character ones.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
)


def clean_input(text: str, *, lines: bool) -> str:
    """What a person meant by a typed or filed answer, without what no answer means.

    Drops terminal escape sequences whole, the C0 and C1 control characters (ESC, NUL,
    BEL...), DEL, lone surrogates and the bidi controls of ``_BIDI_CONTROL``; ``\\r\\n`` and
    ``\\r`` become ``\\n``. Line breaks and tabs are kept where an answer may have several lines
    (``lines``); elsewhere each becomes a space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not lines:
        text = text.replace("\n", " ").replace("\t", " ")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _SURROGATE.sub("", _BIDI_CONTROL.sub("", _CONTROL.sub("", text)))


def terminal_text(text: str) -> str:
    """Text for one line of a terminal, where no character can act: each control character
    (ESC, CSI, OSC, BEL, any C0 or C1 code, DEL, a line break), bidi control and lone surrogate
    is shown as its escape (``\\x1b``, ``\\u202e``) instead, so it can neither clear the screen,
    set the window title, nor reorder the line, and the reader sees it is there.
    """
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"} or _BIDI_CONTROL.match(ch)
        else ch
        for ch in text
    )


def format_number(number: object) -> str:
    """12000 -> '12,000'; 2.5 -> '2.5'."""
    if isinstance(number, bool):
        return _("Yes") if number else _("No")
    if isinstance(number, int):
        return f"{number:,}"
    if isinstance(number, float):
        if number.is_integer():
            return f"{int(number):,}"
        return f"{number:,.2f}".rstrip("0").rstrip(".")
    return str(number)


def format_money(amount: object, currency: object) -> str:
    """12000, 'CNY' -> '12,000 CNY' (in Chinese '12,000 元'; other currencies keep their code);
    cents are kept as two decimals."""
    if isinstance(amount, float) and not amount.is_integer():
        text = f"{amount:,.2f}"
    else:
        text = format_number(amount)
    if currency == "CNY" and is_chinese():
        return f"{text} 元"
    return f"{text} {currency}" if currency else text


def money_parts(value: object) -> tuple[float, str] | None:
    if isinstance(value, Mapping):
        amount, currency = value.get("amount"), value.get("currency")
        if isinstance(amount, int | float) and not isinstance(amount, bool):
            return float(amount), str(currency or "")
    return None


def format_value(q: Question, value: Any) -> str:
    """An answer as one piece of text: labels for choices, '12,000 CNY', '15%', 'Yes'.

    A list answer gives one line per item ("Goal: ...; Owner: ...").
    """
    from wizard.bank import QuestionType

    if value is None:
        return ""
    text: str
    match q.type:
        case QuestionType.SELECT:
            text = q.choice_label(str(value))
        case QuestionType.MULTI_SELECT:
            items = value if isinstance(value, list) else [value]
            text = _list_sep().join(q.choice_label(str(v)) for v in items)
        case QuestionType.CONFIRM:
            text = (_("Yes") if value else _("No")) if isinstance(value, bool) else str(value)
        case QuestionType.INTEGER | QuestionType.NUMBER:
            text = format_number(value)
        case QuestionType.PERCENT:
            text = f"{format_number(value)}%"
        case QuestionType.DATE if is_chinese():
            text = _chinese_date(value)
        case QuestionType.MONEY:
            money = value if isinstance(value, Mapping) else {}
            text = (
                format_money(money.get("amount"), money.get("currency"))
                if money_parts(value)
                else str(value)
            )
        case QuestionType.LIST:
            rows = [_item_text(q, item) for item in value] if isinstance(value, list) else []
            text = "\n".join(row for row in rows if row) if rows else str(value)
        case _:
            text = str(value)
    return clean_text(text)


def _item_text(q: Question, item: object) -> str:
    """One item on one line: its name first when the list names its items ("Dianping reviews —
    Objective: ...; Budget: ..."), then "Field: value" for each field given or not known yet."""
    from wizard.session import ITEM_UNKNOWN

    if not isinstance(item, Mapping):
        return clean_text(str(item))
    unknown = item.get(ITEM_UNKNOWN) or []
    heading = q.item_heading
    name = format_value(_field(q, heading), item.get(heading)) if heading else ""
    parts = []
    for f in q.fields or []:
        if f.id == heading and name:
            continue
        title = fill_placeholders(f.title, item)
        shown = " · ".join(line for line in format_value(f, item.get(f.id)).splitlines() if line)
        if f.id in unknown:
            parts.append(_("{field}: {value}").format(field=title, value=_("don't know yet")))
        elif shown:
            parts.append(_("{field}: {value}").format(field=title, value=shown))
    fields = ("；" if is_chinese() else "; ").join(parts)
    return f"{name} — {fields}" if name and fields else name or fields


def _chinese_date(value: object) -> str:
    """An ISO date as Chinese writes it ("2027年6月30日"); anything else as it is."""
    import datetime as dt

    from wizard.i18n import format_date

    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(day)


def _list_sep() -> str:
    """What separates the choices of a multiple choice: ", " (Chinese "、")."""
    return "、" if is_chinese() else ", "


def _field(q: Question, fid: str) -> Question:
    return next(f for f in q.fields or [] if f.id == fid)


def shorten(text: str, width: int = 60) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    first, _, rest = text.partition("\n")
    if len(first) > width:
        return first[: width - 1].rstrip() + "…"
    return first + (" …" if rest else "")


def fill_placeholders(text: str, values: Mapping[str, object]) -> str:
    """``text`` with each ``{field_id}`` replaced by that field's value in ``values``.

    A placeholder whose field has no value (missing, None, empty, or not plain text or a number)
    stays as it is, so a prompt never names an item with nothing.
    """

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return match.group(0)
        shown = value if isinstance(value, str) else format_number(value)
        shown = clean_text(shown).replace("\n", " ").strip()
        return shown or match.group(0)

    return _PLACEHOLDER.sub(fill, text)


def prompt_label(q: Question) -> str:
    """The prompt line's text: the question's short label. The full question is printed above
    it, since prompt_toolkit draws nothing for a multi-line prompt whose first line is wider
    than the terminal."""
    return shorten(q.title, 40)
