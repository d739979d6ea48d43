"""The slash commands a user may type at any prompt, read the same way everywhere.

A command is a command wherever it is typed: alone, after the earlier answer that a prompt
shows pre-filled (``餐饮/back`` reads as ``/back``), or as the filter text of a menu. Parsing is
pure: the prompter decides what each command does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wizard.i18n import N_, _

__all__ = [
    "COMMAND_HELP",
    "COMMAND_MEANINGS",
    "EXTRA_COMMANDS",
    "FIELD_EXTRAS",
    "MENU_EXTRAS",
    "Command",
    "CommandName",
    "UnknownCommand",
    "command_meanings",
    "field_extras",
    "menu_extras",
    "parse_command",
]


class CommandName(StrEnum):
    BACK = "back"
    SKIP = "skip"
    UNKNOWN = "unknown"
    NOTE = "note"
    GO = "go"
    PARK = "park"
    HELP = "help"


_ALIASES = {
    "back": CommandName.BACK,
    "b": CommandName.BACK,
    "skip": CommandName.SKIP,
    "s": CommandName.SKIP,
    "unknown": CommandName.UNKNOWN,
    "u": CommandName.UNKNOWN,
    "?": CommandName.UNKNOWN,
    "note": CommandName.NOTE,
    "n": CommandName.NOTE,
    "go": CommandName.GO,
    "g": CommandName.GO,
    "park": CommandName.PARK,
    "p": CommandName.PARK,
    "help": CommandName.HELP,
    "h": CommandName.HELP,
}

#: Commands that take words after them.
_WITH_TEXT = {CommandName.NOTE, CommandName.GO, CommandName.PARK}

COMMAND_HELP = "/back /skip /unknown /note /park /go /help"

#: What each command does, as ``/help`` lists it (in English: see :func:`command_meanings`).
COMMAND_MEANINGS = [
    ("/back", N_("the previous question (the earlier answer stays)")),
    ("/skip", N_("leave this question unanswered")),
    ("/unknown", N_("don't know yet: the plan lists it as an open question")),
    (
        "/note TEXT",
        N_(
            "a note on this question (saved at once; shown in the Notes of the plan's internal copy)"
        ),
    ),
    ("/park TEXT", N_("put an open point aside for later (listed at the end and in the plan)")),
    ("/go WORDS", N_("jump to a question by its number (5.3) or words, then come back here")),
    ("/help", N_("why this question matters, an example, and these commands")),
]


def command_meanings() -> list[tuple[str, str]]:
    """:data:`COMMAND_MEANINGS` in the language in force (the command and its words)."""
    return [(_(name), _(meaning)) for name, meaning in COMMAND_MEANINGS]


# TRANSLATORS: the words after a command, as /help lists them; the command itself stays.
N_("/note TEXT")
N_("/park TEXT")
N_("/go WORDS")


@dataclass(frozen=True)
class Command:
    """A command and the words typed after it (``/note call the printer`` -> note, text)."""

    name: CommandName
    text: str = ""


@dataclass(frozen=True)
class UnknownCommand:
    """Something that looks like a command but is none (``/bakc``): ask again with the list."""

    typed: str

    @property
    def message(self) -> str:
        return _("Unknown command {typed}: use {commands}.").format(
            typed=self.typed, commands=COMMAND_HELP
        )


def parse_command(text: str, prefill: str = "") -> Command | UnknownCommand | None:
    """The command in ``text``, if it is one.

    ``prefill`` is the text the prompt started with; a command typed after it (the user did not
    clear the earlier answer first) is still a command. Text that merely contains a slash, such
    as ``50/50 split`` or a web address, is not a command.
    """
    typed = text.strip()
    before = prefill.strip()
    if before and typed.startswith(before) and typed[len(before) :].lstrip().startswith("/"):
        typed = typed[len(before) :].strip()
    if not typed.startswith("/") or typed.startswith("//"):
        return None
    word, _, rest = typed[1:].partition(" ")
    if "\n" in word:
        word, _, more = word.partition("\n")
        rest = f"{more} {rest}".strip()
    name = _ALIASES.get(word.lower())
    if name is None:
        # "/" followed by something else is a command only when it is one short word.
        if word and len(word) <= 12 and "/" not in word and "." not in word and not rest:
            return UnknownCommand("/" + word)
        return None
    rest = rest.strip()
    if rest and name not in _WITH_TEXT:
        return None  # "/back to basics" is an answer, not a command
    return Command(name, rest)


# The ways out of a question as entries at the end of a menu, and the commands they stand for.
_BACK, _SKIP, _UNKNOWN, _NOTE = "__back__", "__skip__", "__unknown__", "__note__"
MENU_EXTRAS = [
    (_BACK, N_("← Back to the previous question  (/back)")),
    (_SKIP, N_("Skip this question  (/skip)")),
    (_UNKNOWN, N_("Don't know yet  (/unknown)")),
    (_NOTE, N_("✎ Add or change a note  (/note)")),
]
FIELD_EXTRAS = [
    (_BACK, N_("← Back to the previous field  (/back)")),
    (_SKIP, N_("Leave this field empty  (/skip)")),
    (_UNKNOWN, N_("Don't know yet  (/unknown)")),
    (_NOTE, N_("✎ Note on this field  (/note)")),
]


def menu_extras() -> list[tuple[str, str]]:
    """:data:`MENU_EXTRAS` in the language in force."""
    return [(value, _(title)) for value, title in MENU_EXTRAS]


def field_extras() -> list[tuple[str, str]]:
    """:data:`FIELD_EXTRAS` in the language in force."""
    return [(value, _(title)) for value, title in FIELD_EXTRAS]


EXTRA_COMMANDS = {
    _BACK: Command(CommandName.BACK),
    _SKIP: Command(CommandName.SKIP),
    _UNKNOWN: Command(CommandName.UNKNOWN),
    _NOTE: Command(CommandName.NOTE),
}
