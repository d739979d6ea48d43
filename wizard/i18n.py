"""The language of the interface and the plan: gettext catalogues and Babel's locale formats.

English is the source language: every string the user sees is written in English in the code
and marked for translation (``_("...")``, or ``N_("...")`` where it is only named, to be
translated where it is shown); ``wizard/locale/<ll_CC>/LC_MESSAGES/wizard.po`` holds the
translations, compiled to ``wizard.mo`` beside it (``make catalogs`` extracts the strings with
Babel, updates the ``.po`` and compiles; a test checks that every string is translated and
that the compiled file matches).

One language is in force at a time (a process runs one command for one user): chosen by
``--lang`` (or ``MARKETING_WIZARD_LANG``), else the session's own, else the environment's
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``), else English. The question banks
are translated by their own files (see :mod:`wizard.bank_text`), not by these catalogues.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "N_",
    "_",
    "current",
    "env_language",
    "format_date",
    "format_list",
    "format_number",
    "is_chinese",
    "language_from",
    "ngettext",
    "set_language",
]

DEFAULT = "en"
"""The source language: what the code and the banks are written in."""

LANGUAGES: dict[str, str] = {"en": "English", "zh-CN": "简体中文"}
"""The languages the wizard speaks: the tag ``--lang`` takes, and the language's own name."""

DOMAIN = "wizard"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ALIASES = {
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "english": "en",
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-hans-cn": "zh-CN",
    "zh-sg": "zh-CN",
    "cn": "zh-CN",
    "chinese": "zh-CN",
}

_state: dict[str, object] = {"lang": DEFAULT, "translations": gettext.NullTranslations()}


def language_from(tag: str | None) -> str | None:
    """The supported language a tag names (``zh_CN.UTF-8``, ``zh-cn``, ``en_GB``...), or None."""
    if not tag:
        return None
    base = tag.split(".", 1)[0].split("@", 1)[0].strip().replace("_", "-").lower()
    if base in _ALIASES:
        return _ALIASES[base]
    primary = base.split("-", 1)[0]
    if primary == "zh" and base.split("-")[-1] in {"tw", "hk", "mo", "hant"}:
        return None  # Traditional Chinese: not (yet) offered; English rather than the wrong script
    return _ALIASES.get(primary)


def env_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: ``MARKETING_WIZARD_LANG``, else the locale
    variables in POSIX order (``LANGUAGE`` may list several, separated by colons)."""
    env = os.environ if environ is None else environ
    explicit = language_from(env.get("MARKETING_WIZARD_LANG"))
    if explicit:
        return explicit
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value or value in {"C", "POSIX", "C.UTF-8"}:
            continue
        for tag in value.split(":"):
            found = language_from(tag)
            if found:
                return found
        if var != "LANGUAGE":
            return DEFAULT  # a locale is set, and it is not one we speak
    return DEFAULT


def set_language(lang: str) -> None:
    """Put ``lang`` (a key of :data:`LANGUAGES`) in force for everything shown from now on."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if lang != DEFAULT:
        translations = gettext.translation(
            DOMAIN, LOCALE_DIR, languages=[lang.replace("-", "_")], fallback=True
        )
    _state["lang"] = lang
    _state["translations"] = translations
    _speak_through_click()


CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")
"""Click's modules whose own words (``Usage:``, ``Options:``, ``Invalid value for...``) the
user sees: they look them up with gettext's global functions, which know nothing of our
language; :func:`set_language` points them at ours (the catalogue holds click's strings too,
see tools/catalogs.py)."""


def _speak_through_click() -> None:
    import sys

    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def current() -> str:
    """The language in force (a key of :data:`LANGUAGES`)."""
    return str(_state["lang"])


def is_chinese() -> bool:
    return current() == "zh-CN"


def _(message: str) -> str:
    """``message`` in the language in force."""
    translations = _state["translations"]
    assert isinstance(translations, gettext.NullTranslations)
    return translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here (it is translated with
    ``_()`` where it is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n``, in the language in force."""
    translations = _state["translations"]
    assert isinstance(translations, gettext.NullTranslations)
    return translations.ngettext(singular, plural, n)


def _babel_locale() -> str:
    return "zh_Hans_CN" if is_chinese() else "en_US"


def format_number(value: float | Decimal, digits: int = 0) -> str:
    """``value`` with the locale's grouping and ``digits`` decimals (Babel)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_babel_locale()))


def format_date(value: dt.date, form: str = "long") -> str:
    """``value`` as the locale writes a date (``2027年6月30日``; English keeps ISO 8601 for
    ``short``)."""
    if form == "short" and not is_chinese():
        return value.isoformat()
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format=form, locale=_babel_locale()))


def format_list(items: Sequence[str], style: Literal["standard", "or"] = "standard") -> str:
    """``items`` joined as the locale lists things (``a, b and c``; ``甲、乙和丙``)."""
    from babel.lists import format_list as babel_list

    return str(babel_list(list(items), style=style, locale=_babel_locale()))
