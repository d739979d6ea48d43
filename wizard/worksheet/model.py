"""The worksheet's document model: built once from the bank, rendered by each format.

Every text here comes from the bank (prompts, help, examples, choice labels) or is a fixed
sentence of the worksheet; renderers escape it for their format and add nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.bank import QuestionType
from wizard.i18n import _, is_chinese

__all__ = [
    "Sender",
    "SheetChoice",
    "SheetEntry",
    "SheetQuestion",
    "SheetStage",
    "Worksheet",
    "sender_line",
]


@dataclass(frozen=True)
class SheetChoice:
    """One option, shown as a box to tick; ``value`` is what an answers file writes."""

    value: str
    label: str
    other: bool = False


@dataclass(frozen=True)
class SheetEntry:
    """What a question and a field of a list question share."""

    id: str
    type: QuestionType
    prompt: str
    label: str
    help: str
    example: str
    """The worked example as the wizard shows it ("Tmall / Taobao, Amazon"), one line per item."""
    example_value: Any
    """The worked example as an answers file writes it."""
    hint: str
    """What the answer takes ("a whole number", "a date as YYYY-MM-DD")."""
    required: bool
    choices: tuple[SheetChoice, ...] = ()
    lines: int = 1
    """Lines of room to write the answer (0: ticking a box is the answer)."""

    @property
    def multiple(self) -> bool:
        return self.type is QuestionType.MULTI_SELECT

    @property
    def writes_text(self) -> bool:
        """Whether the answer is words (a full-width line), not a figure or a date."""
        return self.type in (QuestionType.TEXT, QuestionType.LONG_TEXT)

    def legend(self) -> str:
        """A field of a list question explained under its table, in one line of plain text."""
        parts = [self.prompt]
        if self.choices:
            labels = " / ".join(c.label for c in self.choices)
            if self.multiple:
                parts.append(_("(any of: {labels})").format(labels=labels))
            else:
                parts.append(_("(one of: {labels})").format(labels=labels))
        else:
            parts.append(_("({hint})").format(hint=self.hint))
        if self.required:
            parts.append(_("(required)"))
        lines = [line for line in self.example.splitlines() if line.strip()]
        if not is_chinese():
            example = "; ".join(lines)
            if example:
                parts.append(_("Example: {example}").format(example=example))
            return " ".join(parts)
        text = "".join(parts)  # the notes in full-width brackets need no space
        if lines:
            text += "，" + _("Example: {example}").format(example="；".join(lines))
        return text


@dataclass(frozen=True)
class SheetQuestion(SheetEntry):
    """A question, numbered as the wizard numbers it ("5.12")."""

    number: str = ""
    condition: str | None = None
    """When it applies, in words ("Only if you picked ... at 5.3 (Channels).")."""
    fields: tuple[SheetEntry, ...] = ()
    """A list question's fields: the columns of its table."""
    rows: int = 0
    """A list question: empty rows to fill in."""

    @property
    def is_list(self) -> bool:
        return self.type is QuestionType.LIST


@dataclass(frozen=True)
class SheetStage:
    number: int
    id: str
    title: str
    intro: str
    questions: tuple[SheetQuestion, ...]


@dataclass(frozen=True)
class Sender:
    """Who sends the worksheet: the workspace's profile (``marketing-wizard profile``), as on
    the plan's cover. Each part may be missing."""

    by: str | None = None
    """The consultant and the agency, as one line ("Mei Chen, North Star")."""
    contact: str | None = None
    logo: str | None = None
    """A PNG or JPEG as a data URI (the profile checked it)."""
    accent: str | None = None
    """``#rrggbb``: the headings' colour."""


def sender_line(sender: Sender) -> str:
    """ "Prepared by Mei Chen, North Star · mei@northstar.example" ('' when the profile is
    empty)."""
    parts = [_("Prepared by {by}").format(by=sender.by) if sender.by else "", sender.contact or ""]
    return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class Worksheet:
    """The questionnaire: a title, a few lines on how to fill it in, and its stages."""

    title: str
    instructions: tuple[str, ...]
    stages: tuple[SheetStage, ...]
    bank_name: str | None = None
    """The pack or custom bank it was made from, when not the core banks alone."""
    sender: Sender = Sender()

    def questions(self) -> list[SheetQuestion]:
        return [q for stage in self.stages for q in stage.questions]
