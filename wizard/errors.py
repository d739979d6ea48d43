"""The errors a user can act on. The CLI catches :class:`WizardError` once, at its edge.

Each carries the message shown to the user and the exit status, so no user mistake ever
reaches the terminal as a traceback (``--debug`` shows one anyway).
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import Any

from wizard.i18n import DEFAULT, N_, _, current

__all__ = [
    "BankError",
    "InvalidAnswersError",
    "SessionError",
    "SessionLockedError",
    "UsageError",
    "WizardError",
    "model_reason",
    "os_reason",
    "parser_reason",
]

_OS_REASONS = {
    errno.ENOENT: N_("there is no such file"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EIO: N_("the disk could not be read or written"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ELOOP: N_("it is a symbolic link"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def os_reason(exc: BaseException) -> str | None:
    """Why a file could not be read, in the language in force, for the common reasons; None
    in English (the caller shows the system's own words) and for a reason not known here."""
    if current() == DEFAULT:
        return None
    if isinstance(exc, UnicodeDecodeError):
        return _("it is not UTF-8 text")
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _(_OS_REASONS[exc.errno])
    return None


# What the JSON and YAML parsers say most often (their messages are English), marked so that
# a message in another language can say it too.
_PARSER_REASONS = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Invalid \\uXXXX escape"),
        N_("Extra data"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
        N_("mapping values are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("could not find expected ':'"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("found character that cannot start any token"),
        N_("found unexpected end of stream"),
        N_("found undefined tag handle"),
        N_("found a tab character that violates indentation"),
        N_("found unknown escape character"),
        N_("block sequence entries are not allowed in this context"),
        N_("found unexpected ':'"),
    }
)


_MODEL_REASONS = {
    "missing": N_("this is missing"),
    "extra_forbidden": N_("this key is not allowed here"),
    "dict_type": N_("expected a mapping"),
    "model_type": N_("expected a mapping"),
    "list_type": N_("expected a list"),
    "string_type": N_("expected text"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "float_type": N_("expected a number"),
    "float_parsing": N_("expected a number"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "date_type": N_("expected a date"),
    "date_parsing": N_("expected a date"),
    "date_from_datetime_parsing": N_("expected a date"),
    "datetime_type": N_("expected a time"),
    "datetime_parsing": N_("expected a time"),
    "datetime_from_date_parsing": N_("expected a time"),
    "enum": N_("expected one of {expected}"),
    "literal_error": N_("expected one of {expected}"),
}


def model_reason(error: Mapping[str, Any]) -> str:
    """What one of pydantic's errors (an item of ``ValidationError.errors()``) says, in the
    language in force: pydantic's own English words in English."""
    kind = error.get("type")
    if current() == DEFAULT or kind not in _MODEL_REASONS:
        return str(error.get("msg", ""))
    expected = (error.get("ctx") or {}).get("expected", "")
    return _(_MODEL_REASONS[kind]).format(expected=expected)


def parser_reason(message: str) -> str:
    """A JSON or YAML parser's message in the language in force, when it is a common one."""
    return _(message) if message in _PARSER_REASONS else message


class WizardError(Exception):
    """A problem the user can act on: message, optional list of details, exit status."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.hint = hint

    def render(self) -> str:
        """The message, details and hint, one per line, each safe for a terminal: what a file
        put in them (a key with ESC or U+202E) is shown escaped, never acted on."""
        from wizard.display import terminal_text

        lines = [self.message, *self.details]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(terminal_text(part) for text in lines for part in text.split("\n"))


class UsageError(WizardError):
    """The command was called wrongly (a bad session name, a missing terminal...)."""

    exit_code = 2


class BankError(WizardError):
    """One or more bank files are invalid; ``details`` has one line per problem."""


class SessionError(WizardError):
    """A session file that cannot be read, written or found."""


class SessionLockedError(SessionError):
    """Another wizard holds the session."""


class InvalidAnswersError(WizardError):
    """An answers file with invalid values; nothing was written."""
