"""The prompt adapter: asks one question in the terminal and says what the user did.

:class:`Prompter` is the small protocol the wizard talks to. :class:`TerminalPrompter` builds
questionary prompts (accepting prompt_toolkit ``input``/``output`` so tests can feed keys
through a pipe). Every typed answer is checked with :func:`wizard.validation.coerce_answer`,
the same validator ``fill`` uses; a refused value is printed with its reason and the prompt is
asked again, cleared, so a retyped value never runs into the refused one.

Whatever the user finishes inside a question (a list item, a note, a parked point) is handed at
once to the :class:`Keeper` the wizard gives, which saves it: leaving a question by any way,
Ctrl-C included, never loses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from rich.console import Console
from rich.text import Text

from wizard.bank import Question, QuestionType
from wizard.commands import COMMAND_HELP, Command, CommandName, UnknownCommand, parse_command
from wizard.display import fill_placeholders, format_value, shorten
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN
from wizard.validation import InvalidAnswer, coerce_answer, default_currency, is_empty

__all__ = [
    "FIELD_HINT",
    "MENU_HINT",
    "TEXT_HINT",
    "Action",
    "Keeper",
    "MemoryKeeper",
    "Prompter",
    "Reply",
    "TerminalPrompter",
]


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

    def items(self, items: list[dict[str, Any]]) -> None:
        self.saved_items.append([dict(i) for i in items])

    def park(self, text: str) -> None:
        self.parked.append(text)


class Prompter(Protocol):
    """Asks questions; the wizard depends on nothing else of the terminal."""

    def ask(
        self,
        q: Question,
        current: Any,
        *,
        can_go_back: bool,
        context: Mapping[str, Any] | None = None,
        note: str | None = None,
        keep: Keeper | None = None,
    ) -> Reply:
        """Ask ``q``; ``current`` is the answer so far (or the default), or None; ``context``
        holds the other answers in force, for rules that compare with them; ``note`` is the
        question's note so far; ``keep`` saves what is finished on the way."""

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        """Pick one of ``options`` (value, title); return the value."""

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        """A line of free text; ``check`` returns a reason to ask again, or None."""


TEXT_HINT = COMMAND_HELP + "  ·  Ctrl-C saves and quits"
FIELD_HINT = (
    "/back: previous field (on the first: drop this item)  ·  Enter or /skip: leave empty  ·  "
    "/unknown: don't know yet  ·  /note TEXT"
)
MENU_FIELD_HINT = (
    "↑↓ and Enter  ·  leave empty, back, don't know yet, note: at the end of the menu, or type "
    "/skip, /back, /unknown, /note"
)
REQUIRED_FIELD_HINT = (
    "/back: previous field (on the first: drop this item)  ·  needed: an answer, or /unknown "
    "(don't know yet)  ·  /note TEXT"
)
MENU_HINT = "↑↓ and Enter, or type a command such as /back or /go WORDS  ·  Ctrl-C saves and quits"

_BACK, _SKIP, _UNKNOWN, _NOTE = "__back__", "__skip__", "__unknown__", "__note__"
_EXTRAS = [
    (_BACK, "← Back to the previous question  (/back)"),
    (_SKIP, "Skip this question  (/skip)"),
    (_UNKNOWN, "Don't know yet  (/unknown)"),
    (_NOTE, "✎ Add or change a note  (/note)"),
]
_FIELD_EXTRAS = [
    (_BACK, "← Back to the previous field  (/back)"),
    (_SKIP, "Leave this field empty  (/skip)"),
    (_UNKNOWN, "Don't know yet  (/unknown)"),
    (_NOTE, "✎ Note on this field  (/note)"),
]
_EXTRA_COMMANDS = {
    _BACK: Command(CommandName.BACK),
    _SKIP: Command(CommandName.SKIP),
    _UNKNOWN: Command(CommandName.UNKNOWN),
    _NOTE: Command(CommandName.NOTE),
}
_TYPED = "\x00typed:"  # a menu's result when the user typed a command instead of picking

Picked = str | Command | UnknownCommand


def _multiline_keys(prefill: str) -> Any:
    """Enter on an empty line (or after a /command) finishes a long answer; else a new line."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    @Condition
    def finishing() -> bool:
        doc = get_app().current_buffer.document
        text = doc.text.strip()
        if not text or isinstance(parse_command(doc.text, prefill), Command | UnknownCommand):
            return doc.is_cursor_at_the_end or not text
        return doc.is_cursor_at_the_end and doc.current_line == "" and doc.text.endswith("\n")

    keys = KeyBindings()

    @keys.add("enter", filter=finishing)
    def _finish(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.text.endswith("\n"):
            buffer.text = buffer.text.rstrip("\n")
        buffer.validate_and_handle()

    return keys


def _menu_keys(question: Any) -> None:
    """Make a questionary menu take typed commands: what is typed filters the menu and shows
    under it; Enter on a typed ``/command`` (words and all) returns that command, and Enter on
    a filter that matches nothing does nothing (it never picks the first entry by surprise)."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(
        (
            w.content
            for w in app.layout.find_all_windows()
            if isinstance(w.content, InquirerControl)
        ),
        None,
    )
    if control is None:  # pragma: no cover - questionary's layout changed
        return

    def command_typed() -> bool:
        typed = control.search_filter or ""
        return bool(typed) and isinstance(parse_command(typed), Command | UnknownCommand)

    @Condition
    def taken_here() -> bool:
        if not control.search_filter:
            return False
        # questionary updates found_in_search only when it draws the menu; keys typed ahead
        # (fast typing, a paste) arrive before that, so filter afresh for what is typed now.
        control.filtered_choices  # noqa: B018 - read for its effect on found_in_search
        return command_typed() or not control.found_in_search

    keys = KeyBindings()

    @keys.add("enter", eager=True, filter=taken_here)
    def _enter(event: Any) -> None:
        if command_typed():
            event.app.exit(result=_TYPED + str(control.search_filter))
        # else: nothing matches what was typed, so nothing is picked

    @Condition
    def command_begun() -> bool:
        return (control.search_filter or "").startswith("/")

    # Once a "/" is typed, every character is part of the command: a space would otherwise
    # tick the entry under the cursor of a checkbox, and a letter outside ASCII (the words of
    # "/note 问老板") would be dropped, since questionary's filter takes printable ASCII only.
    @keys.add(" ", eager=True, filter=command_begun)
    @keys.add(Keys.Any, filter=command_begun)
    def _command_text(event: Any) -> None:
        if event.data.isprintable():
            control.add_search_character(event.data)

    app.key_bindings = merge_key_bindings([app.key_bindings, keys])


def _instruction(q: Question, context: Mapping[str, Any]) -> str | None:
    """What to type, shown after the prompt's label, for the types where it is not obvious."""
    match q.type:
        case QuestionType.LONG_TEXT:
            return "(Enter twice to finish)\n"
        case QuestionType.MONEY:
            currency = default_currency(q, context)
            if currency:
                return f"(amount in {currency}, or add a currency)"
            return "(amount and currency, e.g. 300 EUR)"
        case QuestionType.PERCENT:
            return "(a number: 15 means 15%)"
        case QuestionType.DATE:
            return "(YYYY-MM-DD)"
    return None


def _message(q: Question) -> str:
    """The prompt line's text: the short label. The full question is printed above it, since
    prompt_toolkit draws nothing for a multi-line prompt whose first line is wider than the
    terminal."""
    return shorten(q.title, 40)


def _as_text(q: Question, value: Any) -> str:
    """An answer as the text a user would type to give it again."""
    if value is None:
        return ""
    if q.type is QuestionType.MONEY:
        amount = value["amount"]
        return f"{amount} {value['currency']}"
    return str(value)


def _typed(picked: Any) -> Picked:
    """A menu's result: a choice's value, or the command typed into it."""
    if isinstance(picked, str) and picked.startswith(_TYPED):
        command = parse_command(picked[len(_TYPED) :])
        return command if command is not None else UnknownCommand(picked[len(_TYPED) :])
    if isinstance(picked, str) and picked in _EXTRA_COMMANDS:
        return _EXTRA_COMMANDS[picked]
    return str(picked)


@dataclass
class _Asking:
    """One question being asked: its note so far and where finished things are kept."""

    q: Question
    keep: Keeper
    note: str | None
    can_go_back: bool


class TerminalPrompter:
    """Real prompts, built with questionary; ``input``/``output`` are for tests."""

    def __init__(self, console: Console, *, input: Any = None, output: Any = None) -> None:
        self.console = console
        self._io: dict[str, Any] = {}
        self._context: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    # --- building blocks ---------------------------------------------------------------

    def _text(self, message: str, *, default: str, multiline: bool = False,
              instruction: str | None = None, prefill: str = "") -> str:  # fmt: skip
        import questionary

        extra: dict[str, Any] = {"key_bindings": _multiline_keys(prefill)} if multiline else {}
        result = questionary.text(
            message,
            default=default,
            multiline=multiline,
            instruction=instruction,
            qmark="›",
            **extra,
            **self._io,
        ).unsafe_ask()
        return str(result)

    def _select(self, message: str, options: Sequence[tuple[str, str]], default: str | None,
                separate_after: int | None = None) -> Picked:  # fmt: skip
        import questionary

        choices: list[Any] = []
        for n, (value, title) in enumerate(options):
            if separate_after is not None and n == separate_after:
                choices.append(questionary.Separator("  ─────"))
            choices.append(questionary.Choice(title=title, value=value))
        values = [v for v, _t in options]
        question = questionary.select(
            message,
            choices=choices,
            default=default if default in values else None,
            qmark="›",
            instruction=" ",
            use_jk_keys=False,
            use_search_filter=True,
            **self._io,
        )
        _menu_keys(question)
        return _typed(question.unsafe_ask())

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        while True:
            picked = self._select(message, options, default)
            if isinstance(picked, str):
                return picked
            self.console.print(
                Text(
                    "Pick one of the entries with ↑↓ and Enter; commands work at questions.",
                    style="yellow",
                )
            )

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        while True:
            text = self._text(message, default=default).strip()
            reason = check(text) if check else None
            if reason is None:
                return text
            self._refused(text, reason)
            default = ""

    def _refused(self, typed: str, reason: str) -> None:
        """Say why a value was refused, showing what was typed (the prompt is then cleared)."""
        shown = shorten(typed.strip(), 60)
        if "(got " in reason:
            shown = ""  # the reason already quotes what was typed
        self.console.print(
            Text("  ✗ ", style="bold red")
            + Text(reason, style="red")
            + (Text(f"  (you typed: {shown})", style="dim") if shown else Text(""))
        )

    # --- one question ------------------------------------------------------------------

    def ask(
        self,
        q: Question,
        current: Any,
        *,
        can_go_back: bool,
        context: Mapping[str, Any] | None = None,
        note: str | None = None,
        keep: Keeper | None = None,
    ) -> Reply:
        self._context = dict(context or {})
        asking = _Asking(q, keep or MemoryKeeper(), note, can_go_back)
        if q.type is QuestionType.LIST:
            return self._ask_list(asking, current)
        while True:
            reply = self._ask_value(q, current)
            if isinstance(reply, Reply):
                return reply
            done = self._command(asking, reply)
            if done is not None:
                return done

    def _ask_value(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        """One try at a question that is not a list (or at one field of a list item, when
        ``in_item``): its answer, or a command to carry out."""
        if q.type in {QuestionType.SELECT, QuestionType.CONFIRM}:
            return self._ask_select(q, current, in_item=in_item)
        if q.type is QuestionType.MULTI_SELECT:
            return self._ask_multi(q, current, in_item=in_item)
        return self._ask_text(q, current)

    def _command(self, asking: _Asking, command: Command | UnknownCommand) -> Reply | None:
        """Carry out a command typed at a question: a reply that ends the question, or None to
        ask it again (after a note, a parked point, help, or a mistyped command)."""
        if isinstance(command, UnknownCommand):
            self.console.print(Text(command.message, style="red"))
            return None
        match command.name:
            case CommandName.BACK:
                if asking.can_go_back:
                    return Reply(Action.BACK)
                self.console.print(
                    "[yellow]This is the first question; there is nothing before it.[/]"
                )
            case CommandName.SKIP:
                return Reply(Action.SKIP)
            case CommandName.UNKNOWN:
                return Reply(Action.UNKNOWN)
            case CommandName.GO:
                words = command.text or self.line(
                    "Go to which question? (its number such as 5.3, or words of it; empty to stay)"
                )
                if words:
                    return Reply(Action.GO, words)
            case CommandName.NOTE:
                self._note(asking, command.text)
            case CommandName.PARK:
                self._park(asking.keep, command.text)
            case CommandName.HELP:
                self._help(asking.q)
        return None

    def _note(self, asking: _Asking, text: str) -> None:
        if not text:
            text = self.line("Your note (leave empty to remove it):", default=asking.note or "")
        asking.note = text.strip() or None
        asking.keep.note(asking.note)
        if asking.note:
            self.console.print("[green]Note saved.[/] Now the answer:")
        else:
            self.console.print("[green]Note removed.[/] Now the answer:")

    def _park(self, keep: Keeper, text: str) -> None:
        if not text:
            text = self.line("What should go to the parking lot? (empty to cancel)")
        if text.strip():
            keep.park(text.strip())
            self.console.print(
                "[green]Parked;[/] it is listed at the end, in review and in the plan's parking "
                "lot. Now the answer:"
            )

    def _help(self, q: Question) -> None:
        from wizard.screens import help_panel

        self.console.print(help_panel(q))

    def _ask_text(self, q: Question, current: Any) -> Reply | Command | UnknownCommand:
        has_current = not is_empty(current)
        prefill = _as_text(q, current)
        default = prefill
        multiline = q.type is QuestionType.LONG_TEXT
        while True:
            text = self._text(
                _message(q),
                default=default,
                multiline=multiline,
                instruction=_instruction(q, self._context),
                prefill=prefill,
            )
            command = parse_command(text, prefill)
            if command is not None:
                return command
            if not text.strip():
                if has_current:
                    return Reply(Action.ANSWER, current)
                if not q.required:
                    return Reply(Action.SKIP)
                self.console.print(
                    Text("An answer is needed: type one, or /skip, or /unknown.", style="red")
                )
                default = ""
                continue
            try:
                value = coerce_answer(q, text, self._context)
            except InvalidAnswer as exc:
                self._refused(text, exc.message)
                # A long answer stays to be corrected; a short one is cleared for retyping.
                default = text if multiline else ""
                continue
            if q.type in {QuestionType.MONEY, QuestionType.PERCENT}:
                self._echo(q, value)
            return Reply(Action.ANSWER, value)

    def _echo(self, q: Question, value: Any) -> None:
        """Say how an answer was understood, where that may differ from what was typed."""
        self.console.print(Text(f"  = {format_value(q, value)}", style="green"))

    def _ask_select(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        if q.type is QuestionType.CONFIRM:
            options = [("yes", "Yes"), ("no", "No")]
            default = None if current is None else ("yes" if current else "no")
        else:
            options = [(c.value, c.label) for c in q.choices or []]
            other = q.other_choice()
            default = current
            if other is not None and current is not None and current not in q.choice_values():
                default = other.value
        extras = _FIELD_EXTRAS if in_item else _EXTRAS
        picked = self._select(
            _message(q), [*options, *extras], default, separate_after=len(options)
        )
        if not isinstance(picked, str):
            return picked
        if q.type is QuestionType.CONFIRM:
            return Reply(Action.ANSWER, picked == "yes")
        other = q.other_choice()
        if other is not None and picked == other.value:
            keep = current if current not in q.choice_values() else ""
            return Reply(Action.ANSWER, self._other_text(q, keep or ""))
        return Reply(Action.ANSWER, picked)

    def _other_text(self, q: Question, default: str) -> str:
        def check(text: str) -> str | None:
            try:
                coerce_answer(q, text, self._context)
            except InvalidAnswer as exc:
                return exc.message
            return None

        message = (
            "Your own answer(s), separated by commas:"
            if q.type is QuestionType.MULTI_SELECT
            else "Your own answer:"
        )
        return self.line(message, default=default, check=check)

    def _ask_multi(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        import questionary

        chosen = list(current or [])
        other = q.other_choice()
        known = q.choice_values()
        extra_text = [v for v in chosen if v not in known]
        choices: list[Any] = [
            questionary.Choice(
                title=c.label,
                value=c.value,
                checked=c.value in chosen or (c.other and bool(extra_text)),
            )
            for c in q.choices or []
        ]
        choices.append(questionary.Separator("  ───── or, instead of choosing:"))
        choices += [
            questionary.Choice(title=t, value=v) for v, t in (_FIELD_EXTRAS if in_item else _EXTRAS)
        ]

        def validate(picked: list[str]) -> bool | str:
            specials = [p for p in picked if p in _EXTRA_COMMANDS]
            if len(specials) > 1 or (specials and len(specials) != len(picked)):
                return "Tick either choices or one of the last entries, not both."
            if specials or (other is not None and other.value in picked):
                return True
            if not picked:
                return "Tick a choice with Space, or tick “Skip this question”."
            try:
                coerce_answer(q, picked, self._context)
            except InvalidAnswer as exc:
                return exc.message
            return True

        question = questionary.checkbox(
            _message(q),
            choices=choices,
            validate=validate,
            qmark="›",
            instruction="(Space to tick, Enter to confirm, or type a command)",
            use_jk_keys=False,
            use_search_filter=True,
            **self._io,
        )
        _menu_keys(question)
        result = question.unsafe_ask()
        if isinstance(result, str):
            command = _typed(result)
            if not isinstance(command, str):
                return command
        picked = [str(p) for p in result]
        for p in picked:
            if p in _EXTRA_COMMANDS:
                return _EXTRA_COMMANDS[p]
        if other is not None and other.value in picked:
            picked.remove(other.value)
            text = self._other_text(q, ", ".join(extra_text))
            picked += [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
        try:
            value = coerce_answer(q, picked, self._context)
        except InvalidAnswer as exc:
            self.console.print(Text(exc.message, style="red"))
            return self._ask_multi(q, picked, in_item=in_item)
        self._echo(q, value)
        return Reply(Action.ANSWER, value)

    # --- list questions ----------------------------------------------------------------

    def _show_items(self, q: Question, items: list[dict[str, Any]]) -> None:
        if not items:
            self.console.print("[dim]No items yet.[/]")
            return
        from wizard.screens import items_table

        self.console.print(items_table(q, items, width=self.console.width))

    def _ask_list(self, asking: _Asking, current: Any) -> Reply:
        """A list question: items are added, edited and removed one at a time, and each
        finished change is handed to the keeper at once."""
        q = asking.q
        items: list[dict[str, Any]] = [dict(i) for i in current or []]
        pending = asking.keep.pending()
        if pending:
            self._show_items(q, items)
            self._resume_item(asking, items, pending)
        while True:
            self._show_items(q, items)
            options = [
                ("add", "Add an item"),
                ("done", "Done with this list" if items else "Done (leave the list empty)"),
            ]
            names = [shorten(_item_name(q, item), 40) for item in items]
            options += [(f"edit:{n}", f"Edit item {n + 1} ({names[n]})") for n in range(len(items))]
            options += [
                (f"remove:{n}", f"Remove item {n + 1} ({names[n]})") for n in range(len(items))
            ]
            picked = self._select(
                _message(q), [*options, *_EXTRAS], "add", separate_after=len(options)
            )
            if not isinstance(picked, str):
                reply = self._command(asking, picked)
                if reply is not None:
                    return reply
                continue
            if picked == "add":
                item = self._ask_item(asking, {}, len(items) + 1, new=True)
                if item is not None:
                    items.append(item)
                    asking.keep.items(items)
                    self.console.print(f"[green]Item {len(items)} saved.[/]")
            elif picked.startswith("edit:"):  # the item stays saved as it was until finished
                n = int(picked.split(":")[1])
                item = self._ask_item(asking, items[n], n + 1)
                if item is not None:
                    items[n] = item
                    asking.keep.items(items)
                    self.console.print(f"[green]Item {n + 1} saved.[/]")
            elif picked.startswith("remove:"):
                n = int(picked.split(":")[1])
                sure = self.choose(
                    f"Remove item {n + 1} ({shorten(_item_name(q, items[n]), 40)})?",
                    [("no", "No, keep it"), ("yes", "Yes, remove it")],
                    "no",
                )
                if sure == "yes":
                    del items[n]
                    asking.keep.items(items)
                    self.console.print(f"[green]Item {n + 1} removed.[/]")
            else:
                if not items:
                    if q.required:
                        self.console.print(
                            "[red]Add at least one item, or choose “Skip this question”.[/]"
                        )
                        continue
                    return Reply(Action.SKIP)
                try:
                    return Reply(Action.ANSWER, coerce_answer(q, items, self._context))
                except InvalidAnswer as exc:
                    self.console.print(Text(exc.message, style="red"))

    def _resume_item(
        self, asking: _Asking, items: list[dict[str, Any]], pending: dict[str, Any]
    ) -> None:
        """Offer to finish the item that was being typed when the user last stopped."""
        from wizard.screens import item_text

        number = len(items) + 1
        self.console.print(
            Text(f"Item {number} was not finished when you stopped: ", style="yellow")
            + item_text(asking.q, pending)
        )
        picked = self.choose(
            f"Finish item {number}?",
            [("finish", f"Yes, finish item {number}"), ("drop", f"No, drop item {number}")],
            "finish",
        )
        if picked == "drop":
            asking.keep.draft(None)
            self.console.print(f"[yellow]Item {number} dropped.[/]")
            return
        item = self._ask_item(asking, pending, number, new=True)
        if item is not None:
            items.append(item)
            asking.keep.items(items)
            self.console.print(f"[green]Item {number} saved.[/]")

    def _ask_item(
        self, asking: _Asking, item: dict[str, Any], number: int, *, new: bool = False
    ) -> dict[str, Any] | None:
        """Ask each field of one item; back on the first field drops the item.

        A new item is handed to the keeper as a draft after each field, so that stopping in
        the middle of it loses nothing typed; finishing or dropping it ends the draft.
        """
        outer = dict(self._context)
        draft = asking.keep.draft if new else None
        try:
            done = self._ask_fields(asking, dict(item), number, outer, draft, new=new)
        finally:
            self._context = outer
        if new and done is None:
            asking.keep.draft(None)
        return done

    def _ask_fields(
        self,
        asking: _Asking,
        values: dict[str, Any],
        number: int,
        outer: dict[str, Any],
        draft: Callable[[dict[str, Any] | None], None] | None = None,
        *,
        new: bool,
    ) -> dict[str, Any] | None:
        q = asking.q
        fields = q.fields or []
        unknown: list[str] = list(values.get(ITEM_UNKNOWN) or [])
        notes: dict[str, str] = dict(values.get(ITEM_NOTES) or {})
        kept: dict[str, Any] | None = None
        n = 0
        while n < len(fields):
            if draft is not None:  # keep what is typed so far, whenever it changed
                now = _with_marks(values, fields, unknown, notes)
                if now != kept and (now or kept is not None):
                    draft(now)
                    kept = now
            f = fields[n]
            self._field_intro(q, f, values, number, n, unknown, notes)
            earlier = {x.id: values[x.id] for x in fields[:n] if x.id in values}
            self._context = {**outer, **earlier}
            asked = _named(f, values)
            if f.required and f.id in unknown:  # Enter keeps "don't know yet" and moves on
                asked = asked.model_copy(update={"required": False})
            reply = self._ask_value(asked, values.get(f.id), in_item=True)
            if isinstance(reply, UnknownCommand):
                self.console.print(Text(reply.message, style="red"))
                continue
            if isinstance(reply, Command):
                match reply.name:
                    case CommandName.BACK:
                        if n == 0:
                            if new:
                                self.console.print("[yellow]Item dropped (it was not finished).[/]")
                            else:
                                self.console.print(f"[yellow]Item {number} left as it was.[/]")
                            return None
                        n -= 1
                    case CommandName.SKIP:
                        values.pop(f.id, None)
                        if f.required and f.id not in unknown:
                            self.console.print(
                                Text(
                                    f"{f.title} is needed for each item (or /unknown).", style="red"
                                )
                            )
                            continue
                        n += 1
                    case CommandName.UNKNOWN:
                        values.pop(f.id, None)
                        if f.id not in unknown:
                            unknown.append(f.id)
                        self.console.print(
                            "[magenta]Marked “don't know yet”;[/] the plan lists it as open."
                        )
                        n += 1
                    case CommandName.NOTE:
                        text = reply.text or self.line(
                            "Your note on this field (leave empty to remove it):",
                            default=notes.get(f.id, ""),
                        )
                        if text.strip():
                            notes[f.id] = text.strip()
                            self.console.print(
                                "[green]Note kept with this item;[/] it is saved when the item "
                                "is. Now the field:"
                            )
                        else:
                            notes.pop(f.id, None)
                            self.console.print("[green]Note removed.[/] Now the field:")
                    case CommandName.PARK:
                        self._park(asking.keep, reply.text)
                    case CommandName.HELP:
                        self._help(f)
                    case CommandName.GO:
                        self.console.print(
                            Text(
                                "Finish this item first (or /back to its first field to drop "
                                "it); /go works from the list's menu.",
                                style="yellow",
                            )
                        )
                continue
            if reply.action is Action.ANSWER and not is_empty(reply.value):
                values[f.id] = reply.value
                if f.id in unknown:
                    unknown.remove(f.id)
            elif f.required and f.id not in unknown:
                self.console.print(
                    Text(f"{f.title} is needed for each item (or /unknown).", style="red")
                )
                continue
            else:
                values.pop(f.id, None)
            n += 1
        return _with_marks(values, fields, unknown, notes)

    def _field_intro(self, q: Question, f: Question, values: Mapping[str, Any], number: int,
                     n: int, unknown: list[str], notes: Mapping[str, str]) -> None:  # fmt: skip
        fields = q.fields or []
        self.console.print()
        self.console.print(
            Text(f"{q.title}, item {number}, field {n + 1} of {len(fields)}: ", style="cyan")
            + Text(fill_placeholders(f.prompt, values), style="bold")
        )
        self.console.print(Text(fill_placeholders(f.help, values), style="dim"))
        self.console.print(Text(f"Example: {format_value(f, f.example)}", style="dim"))
        if f.id in unknown:
            self.console.print(
                "[dim]Earlier you said: [magenta]don't know yet[/] (Enter keeps it)[/]"
            )
        if f.id in notes:
            self.console.print(Text(f"Note: {notes[f.id]}", style="dim"))
        if f.type in {QuestionType.SELECT, QuestionType.CONFIRM, QuestionType.MULTI_SELECT}:
            hint = MENU_FIELD_HINT
        else:
            hint = REQUIRED_FIELD_HINT if f.required else FIELD_HINT
        self.console.print(Text(hint, style="dim"))


def _with_marks(
    values: Mapping[str, Any],
    fields: Sequence[Question],
    unknown: Sequence[str],
    notes: Mapping[str, str],
) -> dict[str, Any]:
    """An item's values with its "don't know yet" fields and field notes, in field order."""
    item = {k: v for k, v in values.items() if k not in (ITEM_UNKNOWN, ITEM_NOTES)}
    if unknown:
        item[ITEM_UNKNOWN] = [f.id for f in fields if f.id in unknown]
    if notes:
        item[ITEM_NOTES] = {f.id: notes[f.id] for f in fields if f.id in notes}
    return item


def _named(f: Question, values: Mapping[str, Any]) -> Question:
    """A list field whose prompt and label name the item (``{name}``) by its values so far."""
    prompt, label = fill_placeholders(f.prompt, values), fill_placeholders(f.title, values)
    if prompt == f.prompt and label == f.title:
        return f
    return f.model_copy(update={"prompt": prompt, "label": label})


def _item_name(q: Question, item: Mapping[str, Any]) -> str:
    """How an item is called: its heading field, else its first field with a value."""
    for f in q.fields or []:
        if (q.item_heading is None or f.id == q.item_heading) and not is_empty(item.get(f.id)):
            return format_value(f, item.get(f.id))
    return "empty item"
