"""The session: every answer a user gave, with its status, note and time.

One JSON file per session (see :mod:`wizard.store`). An answer whose question is hidden by a
later change is kept here, not used; :mod:`wizard.flow` decides which answers are in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wizard.display import clean_input

__all__ = [
    "ITEM_NOTES",
    "ITEM_UNKNOWN",
    "SCHEMA_VERSION",
    "Answer",
    "AnswerStatus",
    "BankSetRecord",
    "Depth",
    "ParkedPoint",
    "Progress",
    "Session",
    "is_figure",
    "now",
]

SCHEMA_VERSION = 6
"""2 added the in-progress status, list-item marks (``_unknown``, ``_notes``), an answer's
``draft`` item, ``depth`` and ``parked``; 3 added ``banks`` (the bank set); 4 added an answer's
``previous`` figure; 5 the workshop date; 6 the session's ``language``. Files of earlier
versions read unchanged."""

#: Keys of a list item that are not fields (field ids are snake_case, so never start with "_").
ITEM_UNKNOWN = "_unknown"  # list of field ids marked "don't know yet"
ITEM_NOTES = "_notes"  # field id -> the note on that field


def _cleaned(value: Any, *, lines: bool) -> Any:
    """Text the user typed or a file holds, without control, escape and bidi characters
    (see :func:`wizard.display.clean_input`); anything else is left to the model's check."""
    return clean_input(value, lines=lines) if isinstance(value, str) else value


def now() -> dt.datetime:
    """The current time, timezone-aware, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class AnswerStatus(StrEnum):
    ANSWERED = "answered"
    SKIPPED = "skipped"
    UNKNOWN = "unknown"  # "don't know yet"
    IN_PROGRESS = "in_progress"  # begun, not finished: a list's finished items so far, a note


class Depth(StrEnum):
    """How much the wizard asks: the questions a plan cannot do without, or all of them."""

    CORE = "core"
    FULL = "full"


class Answer(BaseModel):
    """What the user said to one question."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    status: AnswerStatus
    value: Any = None
    note: str | None = None
    at: dt.datetime = Field(default_factory=now)

    _clean_note = field_validator("note", mode="before")(lambda value: _cleaned(value, lines=True))
    draft: dict[str, Any] | None = Field(
        default=None,
        description="A list item being typed and not finished yet: its fields so far. Resuming "
        "offers to continue it; recording the answer again clears it.",
    )
    previous: Any = Field(
        default=None,
        description="The figure (a number, or an amount with its currency) this answer held "
        "before it last changed, so that the plan check can point out answers still quoting "
        "it. Kept while the answer is recorded again unchanged; none for other answers.",
    )


def is_figure(value: Any) -> bool:
    """Whether ``value`` is a figure: a number (integer, number and percent answers) or an
    amount with its currency (money answers)."""
    if isinstance(value, Mapping):
        return set(value) == {"amount", "currency"} and is_figure(value["amount"])
    return isinstance(value, int | float) and not isinstance(value, bool)


def _replaced(old: Answer | None, value: Any) -> Any:
    """The figure an answer replaces when recorded with ``value``: the old answered figure if
    it changed, else the figure it replaced before."""
    if old is None:
        return None
    if old.status is AnswerStatus.ANSWERED and is_figure(old.value) and old.value != value:
        return old.value
    return old.previous


class Progress(BaseModel):
    """How far the session is: kept in the file so that ``sessions`` lists without the banks."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    done: int = 0
    total: int = 0


class ParkedPoint(BaseModel):
    """An open point put aside during a workshop (``/park TEXT``), to settle later."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    text: str
    question: str | None = Field(default=None, description="Where it was parked.")

    _clean_text = field_validator("text", mode="before")(lambda value: _cleaned(value, lines=True))
    at: dt.datetime = Field(default_factory=now)


class BankSetRecord(BaseModel):
    """Which banks a session is answered with: the core alone, a shipped pack, or a folder."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pack: str | None = Field(default=None, description="A shipped pack's name (--pack).")
    dir: str | None = Field(default=None, description="A pack folder's absolute path (--banks).")
    versions: dict[str, int] = Field(
        default_factory=dict,
        description="The version of each stage the pack adds or extends (its file's version).",
    )


class Session(BaseModel):
    """A session file's content."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    schema_version: int = SCHEMA_VERSION
    name: str
    client: str | None = None
    workshop: dt.date | None = Field(
        default=None, description="The workshop's date, for the plan's cover (schema 5)."
    )

    language: str | None = Field(
        default=None,
        description="The language the session is run in (a tag of wizard.i18n.LANGUAGES, "
        "schema 6): its questions and plan are shown in it unless --lang says otherwise; "
        "none (older files): the environment's. Answers are the same in every language.",
    )

    _clean_client = field_validator("client", mode="before")(
        lambda value: _cleaned(value, lines=False)
    )
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    bank_versions: dict[str, int] = Field(default_factory=dict)
    answers: dict[str, Answer] = Field(default_factory=dict)
    current: str | None = Field(default=None, description="The question to resume at.")
    depth: Depth = Field(
        default=Depth.FULL,
        description="core: only the questions marked core are asked (until the user asks for "
        "the rest); full: every question. Sessions written before depth existed are full.",
    )
    parked: list[ParkedPoint] = Field(default_factory=list)
    banks: BankSetRecord | None = Field(
        default=None,
        description="The bank set the session is answered with; none (older files): the core "
        "banks alone, or whichever set a command is given.",
    )
    progress: Progress = Field(default_factory=Progress)

    def record(
        self, qid: str, status: AnswerStatus, value: Any = None, note: str | None = None
    ) -> None:
        """Record an answer (keeping an earlier note unless a new one is given, and the figure
        it replaces, see :attr:`Answer.previous`)."""
        old = self.answers.get(qid)
        if note is None and old is not None:
            note = old.note
        self.answers[qid] = Answer(
            status=status, value=value, note=note, previous=_replaced(old, value)
        )
        self.updated = now()

    def set_note(self, qid: str, note: str | None) -> None:
        """Attach a note to an answer already recorded (a note needs an answer).

        Raises:
            KeyError: if the question has no answer yet.
        """
        cleaned = _cleaned(note, lines=True) if note else None
        self.answers[qid] = self.answers[qid].model_copy(update={"note": cleaned or None})
        self.updated = now()

    def set_draft(self, qid: str, draft: dict[str, Any] | None) -> None:
        """Keep (or, with None, drop) the list item being typed at ``qid``."""
        old = self.answers.get(qid)
        if old is None:
            if draft is None:
                return
            old = Answer(status=AnswerStatus.IN_PROGRESS, value=[])
        self.answers[qid] = old.model_copy(update={"draft": draft})
        self.updated = now()
