"""The errors a user can act on. The CLI catches :class:`WizardError` once, at its edge.

Each carries the message shown to the user and the exit status, so no user mistake ever
reaches the terminal as a traceback (``--debug`` shows one anyway).
"""

from __future__ import annotations

__all__ = [
    "BankError",
    "InvalidAnswersError",
    "SessionError",
    "SessionLockedError",
    "UsageError",
    "WizardError",
]


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
