"""What a prompt says the user did, and where the things finished inside a question go.

The wizard and the prompts share these: a :class:`Reply` ends a question; a :class:`Keeper`
saves what is finished before that (a list item, the item being typed, a note, a parked point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from wizard.bank import Question

__all__ = ["Action", "Asking", "Keeper", "MemoryKeeper", "Reply"]


class Action(StrEnum):
    ANSWER = "answer"
    BACK = "back"
    SKIP = "skip"
    UNKNOWN = "unknown"
    GO = "go"  # jump to another question; ``value`` holds the words to find it by


@dataclass(frozen=True)
class Reply:
    """What the user did at a question."""

    action: Action
    value: Any = None


class Keeper(Protocol):
    """Saves what the user finished inside a question, the moment it is finished."""

    def note(self, text: str | None) -> None:
        """The question's note (None removes it)."""

    def items(self, items: list[dict[str, Any]]) -> None:
        """A list question's finished items so far."""

    def park(self, text: str) -> None:
        """An open point to settle later."""

    def draft(self, values: dict[str, Any] | None) -> None:
        """The list item being typed, after each of its fields (None: there is none now)."""

    def pending(self) -> dict[str, Any] | None:
        """The unfinished item kept from an earlier sitting, if any."""

    def focus(self) -> int | None:
        """The item (1-based) the user came to this list for, if any: the list's menu
        starts on editing it."""


@dataclass
class MemoryKeeper:
    """A keeper that only remembers (for tests and for prompts outside a session)."""

    notes: list[str | None] = field(default_factory=list)
    saved_items: list[list[dict[str, Any]]] = field(default_factory=list)
    parked: list[str] = field(default_factory=list)
    drafts: list[dict[str, Any] | None] = field(default_factory=list)

    def note(self, text: str | None) -> None:
        self.notes.append(text)

    def draft(self, values: dict[str, Any] | None) -> None:
        self.drafts.append(None if values is None else dict(values))

    def pending(self) -> dict[str, Any] | None:
        return self.drafts[-1] if self.drafts else None

    def focus(self) -> int | None:
        return None

    def items(self, items: list[dict[str, Any]]) -> None:
        self.saved_items.append([dict(i) for i in items])

    def park(self, text: str) -> None:
        self.parked.append(text)


@dataclass
class Asking:
    """One question being asked: its note so far and where finished things are kept."""

    q: Question
    keep: Keeper
    note: str | None
    can_go_back: bool
