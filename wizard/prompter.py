"""The prompt adapter: asks one question in the terminal and says what the user did.

:class:`Prompter` is the small protocol the wizard talks to. :class:`TerminalPrompter` builds
questionary prompts (accepting prompt_toolkit ``input``/``output`` so tests can feed keys
through a pipe). Every typed answer is checked with :func:`wizard.validation.coerce_answer`,
the same validator ``fill`` uses; a refused value is printed with its reason and the prompt is
asked again, cleared, so a retyped value never runs into the refused one.

Whatever the user finishes inside a question (a list item, a note, a parked point) is handed at
once to the :class:`~wizard.replies.Keeper` the wizard gives, which saves it: leaving a question
by any way, Ctrl-C included, never loses it. List questions are asked by
:class:`wizard.list_prompts.ListPrompts`, a part of the terminal prompter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from rich.console import Console
from rich.text import Text

from wizard.bank import Question, QuestionType
from wizard.cjk_input import split_items
from wizard.commands import (
    EXTRA_COMMANDS,
    Command,
    CommandName,
    UnknownCommand,
    field_extras,
    menu_extras,
    parse_command,
)
from wizard.display import format_value, prompt_label, shorten
from wizard.i18n import N_, _, is_chinese
from wizard.list_prompts import ListPrompts
from wizard.replies import Action, Asking, Keeper, MemoryKeeper, Reply
from wizard.validation import InvalidAnswer, coerce_answer, default_currency, is_empty

__all__ = [
    "MENU_HINT",
    "TEXT_HINT",
    "Action",
    "Keeper",
    "MemoryKeeper",
    "Prompter",
    "Reply",
    "TerminalPrompter",
]


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

    def choose_or_go(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str | Command:
        """As :meth:`choose`, but a typed ``/go WORDS`` is returned as that command."""

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        """A line of free text; ``check`` returns a reason to ask again, or None."""


# in English; shown translated with _()
TEXT_HINT = N_("/back /skip /unknown /note /park /go /help  ·  Ctrl-C saves and quits")
MENU_HINT = N_(
    "↑↓ and Enter, or type a command such as /back or /go WORDS  ·  Ctrl-C saves and quits"
)

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
            return _("(Enter twice to finish)") + "\n"
        case QuestionType.MONEY:
            currency = default_currency(q, context)
            if currency:
                shown = "元" if currency == "CNY" and is_chinese() else currency
                return _("(amount in {currency}, or add a currency)").format(currency=shown)
            return _("(amount and currency, e.g. 300 EUR)")
        case QuestionType.PERCENT:
            return _("(a number: 15 means 15%)")
        case QuestionType.DATE:
            return _("(YYYY-MM-DD, or 2027/6/30, 2027年6月30日)")
    return None


# Types whose answer is echoed when it was typed in another form (8万, 2027年6月30日).
_ECHOED = {QuestionType.INTEGER, QuestionType.NUMBER, QuestionType.DATE}


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
    if isinstance(picked, str) and picked in EXTRA_COMMANDS:
        return EXTRA_COMMANDS[picked]
    return str(picked)


class TerminalPrompter(ListPrompts):
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
                    _("Pick one of the entries with ↑↓ and Enter; commands work at questions."),
                    style="yellow",
                )
            )

    def choose_or_go(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str | Command:
        while True:
            picked = self._select(message, options, default)
            if isinstance(picked, str):
                return picked
            if isinstance(picked, Command) and picked.name is CommandName.GO and picked.text:
                return picked
            self.console.print(
                Text(
                    _(
                        "Pick one of the entries with ↑↓ and Enter, or type /go and a question's "
                        "number (such as /go 2.3); other commands work at questions."
                    ),
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
        if "(got " in reason or (is_chinese() and shown and shown in reason):
            shown = ""  # the reason already quotes what was typed (in any language)
        self.console.print(
            Text("  ✗ ", style="bold red")
            + Text(reason, style="red")
            + (
                Text(_("  (you typed: {shown})").format(shown=shown), style="dim")
                if shown
                else Text("")
            )
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
        asking = Asking(q, keep or MemoryKeeper(), note, can_go_back)
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

    def _command(self, asking: Asking, command: Command | UnknownCommand) -> Reply | None:
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
                    _("[yellow]This is the first question; there is nothing before it.[/]")
                )
            case CommandName.SKIP:
                return Reply(Action.SKIP)
            case CommandName.UNKNOWN:
                return Reply(Action.UNKNOWN)
            case CommandName.GO:
                words = command.text or self.line(
                    _(
                        "Go to which question? (its number such as 5.3, or words of it; "
                        "empty to stay)"
                    )
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

    def _note(self, asking: Asking, text: str) -> None:
        if not text:
            text = self.line(_("Your note (leave empty to remove it):"), default=asking.note or "")
        asking.note = text.strip() or None
        asking.keep.note(asking.note)
        if asking.note:
            self.console.print(_("[green]Note saved.[/] Now the answer:"))
        else:
            self.console.print(_("[green]Note removed.[/] Now the answer:"))

    def _park(self, keep: Keeper, text: str) -> None:
        if not text:
            text = self.line(_("What should go to the parking lot? (empty to cancel)"))
        if text.strip():
            keep.park(text.strip())
            self.console.print(
                _(
                    "[green]Parked;[/] it is listed at the end, in review and in the plan's "
                    "parking lot. Now the answer:"
                )
            )

    def _help(self, q: Question) -> None:
        from wizard.screens import help_panel

        self.console.print(help_panel(q, self.console.width))

    def _ask_text(self, q: Question, current: Any) -> Reply | Command | UnknownCommand:
        has_current = not is_empty(current)
        prefill = _as_text(q, current)
        default = prefill
        multiline = q.type is QuestionType.LONG_TEXT
        while True:
            text = self._text(
                prompt_label(q),
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
                    Text(_("An answer is needed: type one, or /skip, or /unknown."), style="red")
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
            if q.type in {QuestionType.MONEY, QuestionType.PERCENT} or (
                q.type in _ECHOED and text.strip() != _as_text(q, value)
            ):
                self._echo(q, value)
            return Reply(Action.ANSWER, value)

    def _echo(self, q: Question, value: Any) -> None:
        """Say how an answer was understood, where that may differ from what was typed."""
        self.console.print(Text(f"  = {format_value(q, value)}", style="green"))

    def _ask_select(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        if q.type is QuestionType.CONFIRM:
            options = [("yes", _("Yes")), ("no", _("No"))]
            default = None if current is None else ("yes" if current else "no")
        else:
            options = [(c.value, c.label) for c in q.choices or []]
            other = q.other_choice()
            default = current
            if other is not None and current is not None and current not in q.choice_values():
                default = other.value
        extras = field_extras() if in_item else menu_extras()
        picked = self._select(
            prompt_label(q), [*options, *extras], default, separate_after=len(options)
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
            _("Your own answer(s), separated by commas:")
            if q.type is QuestionType.MULTI_SELECT
            else _("Your own answer:")
        )
        return self.line(message, default=default, check=check)

    def _ask_multi(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        import questionary

        # an answer given when the question was a single choice (an older bank) is one string
        chosen = current if isinstance(current, list) else [current] if current else []
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
        choices.append(questionary.Separator(_("  ───── or, instead of choosing:")))
        choices += [
            questionary.Choice(title=t, value=v)
            for v, t in (field_extras() if in_item else menu_extras())
        ]

        def validate(picked: list[str]) -> bool | str:
            specials = [p for p in picked if p in EXTRA_COMMANDS]
            if len(specials) > 1 or (specials and len(specials) != len(picked)):
                return _("Tick either choices or one of the last entries, not both.")
            if specials or (other is not None and other.value in picked):
                return True
            if not picked:
                return _("Tick a choice with Space, or tick “Skip this question”.")
            try:
                coerce_answer(q, picked, self._context)
            except InvalidAnswer as exc:
                return exc.message
            return True

        question = questionary.checkbox(
            prompt_label(q),
            choices=choices,
            validate=validate,
            qmark="›",
            instruction=_("(Space to tick, Enter to confirm, or type a command)"),
            use_jk_keys=False,
            use_search_filter=True,
            **self._io,
        )
        _menu_keys(question)
        if is_chinese():  # questionary ends a checkbox with "done (2 selections)", in English:
            question.application.erase_when_done = True  # its line goes, ours stays
        result = question.unsafe_ask()
        if is_chinese():
            self.console.print(Text("› ", "cyan") + Text(prompt_label(q), "bold"))
        if isinstance(result, str):
            command = _typed(result)
            if not isinstance(command, str):
                return command
        picked = [str(p) for p in result]
        for p in picked:
            if p in EXTRA_COMMANDS:
                return EXTRA_COMMANDS[p]
        if other is not None and other.value in picked:
            picked.remove(other.value)
            text = self._other_text(q, ", ".join(extra_text))
            picked += split_items(text)
        try:
            value = coerce_answer(q, picked, self._context)
        except InvalidAnswer as exc:
            self.console.print(Text(exc.message, style="red"))
            return self._ask_multi(q, picked, in_item=in_item)
        self._echo(q, value)
        return Reply(Action.ANSWER, value)
