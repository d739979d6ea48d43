"""The prompt adapter: asks one question in the terminal and says what the user did.

:class:`Prompter` is the small protocol the wizard talks to. :class:`TerminalPrompter` builds
questionary prompts (accepting prompt_toolkit ``input``/``output`` so tests can feed keys
through a pipe). Every typed answer is checked with :func:`wizard.validation.coerce_answer`,
the same validator ``fill`` uses, inside questionary's ``validate=`` so a wrong value is
asked again with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wizard.bank import Question, QuestionType
from wizard.display import format_value, shorten
from wizard.validation import InvalidAnswer, coerce_answer, default_currency, is_empty

__all__ = ["Action", "Prompter", "Reply", "TerminalPrompter"]


class Action(StrEnum):
    ANSWER = "answer"
    BACK = "back"
    SKIP = "skip"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Reply:
    """What the user did at a question; ``note`` is a note they added on the way."""

    action: Action
    value: Any = None
    note: str | None = None


class Prompter(Protocol):
    """Asks questions; the wizard depends on nothing else of the terminal."""

    def ask(
        self,
        q: Question,
        current: Any,
        *,
        can_go_back: bool,
        context: Mapping[str, Any] | None = None,
    ) -> Reply:
        """Ask ``q``; ``current`` is the answer so far (or the default), or None; ``context``
        holds the other answers in force, for rules that compare with them."""

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        """Pick one of ``options`` (value, title); return the value."""

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        """A line of free text; ``check`` returns a reason to ask again, or None."""


COMMANDS = {
    "/back": Action.BACK,
    "/b": Action.BACK,
    "/skip": Action.SKIP,
    "/s": Action.SKIP,
    "/unknown": Action.UNKNOWN,
    "/u": Action.UNKNOWN,
    "/?": Action.UNKNOWN,
}
TEXT_HINT = "/back  /skip  /unknown (don't know yet)  /note TEXT  ·  Ctrl-C: save and quit"
FIELD_HINT = "/back: previous field (on the first: drop the item)  ·  Enter or /skip: leave empty"
MENU_HINT = "↑↓ and Enter · back, skip, don't know yet: at the end  ·  Ctrl-C: save and quit"
_NOTE = "__note__"
_EXTRAS = [
    ("__back__", "← Back to the previous question"),
    ("__skip__", "Skip this question"),
    ("__unknown__", "Don't know yet"),
    (_NOTE, "✎ Add a note to this question"),
]
_EXTRA_ACTIONS = {"__back__": Action.BACK, "__skip__": Action.SKIP, "__unknown__": Action.UNKNOWN}


def _multiline_keys() -> Any:
    """Enter on an empty line (or after a /command) finishes a long answer; else a new line."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    @Condition
    def finishing() -> bool:
        doc = get_app().current_buffer.document
        text = doc.text.strip()
        if not text or (text.startswith("/") and "\n" not in text and " " not in text):
            return True  # empty (skip or keep), or a command such as /back
        if text.lower().startswith("/note") and "\n" not in text:
            return True
        return doc.is_cursor_at_the_end and doc.current_line == "" and doc.text.endswith("\n")

    keys = KeyBindings()

    @keys.add("enter", filter=finishing)
    def _finish(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.text.endswith("\n"):
            buffer.text = buffer.text.rstrip("\n")
        buffer.validate_and_handle()

    return keys


def _instruction(q: Question, context: Mapping[str, Any]) -> str | None:
    """What to type, shown after the prompt's label, for the types where it is not obvious."""
    match q.type:
        case QuestionType.LONG_TEXT:
            return "(Enter twice to finish)\n"
        case QuestionType.MONEY:
            currency = default_currency(q, context)
            if currency:
                return f"(amount; in {currency} unless you add another currency)"
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

    def _text(self, message: str, *, default: str, validate: Callable[[str], bool | str],
              multiline: bool = False, instruction: str | None = None) -> str:  # fmt: skip
        import questionary

        extra: dict[str, Any] = {"key_bindings": _multiline_keys()} if multiline else {}
        result = questionary.text(
            message,
            default=default,
            validate=validate,
            multiline=multiline,
            instruction=instruction,
            qmark="›",
            **extra,
            **self._io,
        ).unsafe_ask()
        return str(result)

    def _select(self, message: str, options: Sequence[tuple[str, str]], default: str | None,
                separate_after: int | None = None) -> str:  # fmt: skip
        import questionary

        choices: list[Any] = []
        for n, (value, title) in enumerate(options):
            if separate_after is not None and n == separate_after:
                choices.append(questionary.Separator("  ─────"))
            choices.append(questionary.Choice(title=title, value=value))
        values = [v for v, _t in options]
        result = questionary.select(
            message,
            choices=choices,
            default=default if default in values else None,
            qmark="›",
            instruction=" ",
            **self._io,
        ).unsafe_ask()
        return str(result)

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        return self._select(message, options, default)

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        def validate(text: str) -> bool | str:
            reason = check(text) if check else None
            return reason or True

        return self._text(message, default=default, validate=validate).strip()

    # --- one question ------------------------------------------------------------------

    def ask(
        self,
        q: Question,
        current: Any,
        *,
        can_go_back: bool,
        context: Mapping[str, Any] | None = None,
    ) -> Reply:
        self._context = dict(context or {})
        note: str | None = None
        while True:
            reply: Reply | str
            if q.type is QuestionType.LIST:
                reply = self._ask_list(q, current, can_go_back=can_go_back)
            elif q.type in {QuestionType.SELECT, QuestionType.CONFIRM}:
                reply = self._ask_select(q, current)
            elif q.type is QuestionType.MULTI_SELECT:
                reply = self._ask_multi(q, current)
            else:
                reply = self._ask_text(q, current)
            if isinstance(reply, str):  # a note, or a request to write one
                note = reply or self.line(
                    "Your note (leave empty to remove it):", default=note or ""
                )
                self.console.print(
                    "[green]Note kept;[/] it is saved with your answer. Now the answer:"
                )
                continue
            if reply.action is Action.BACK and not can_go_back:
                self.console.print(
                    "[yellow]This is the first question; there is nothing before it.[/]"
                )
                continue
            return Reply(reply.action, reply.value, note)

    def _ask_text(self, q: Question, current: Any) -> Reply | str:
        has_current = not is_empty(current)

        def validate(text: str) -> bool | str:
            word = text.strip()
            if word.lower() in COMMANDS or word.lower().startswith("/note"):
                return True
            if word.startswith("/") and " " not in word:
                return f"Unknown command {word}: use /back, /skip, /unknown or /note TEXT."
            if not word:
                if has_current or not q.required:
                    return True
                return "An answer is needed: type one, or /skip, or /unknown."
            try:
                coerce_answer(q, text, self._context)
            except InvalidAnswer as exc:
                return exc.message
            return True

        instruction = _instruction(q, self._context)
        text = self._text(
            _message(q),
            default=_as_text(q, current),
            validate=validate,
            multiline=q.type is QuestionType.LONG_TEXT,
            instruction=instruction,
        )
        word = text.strip()
        if word.lower() in COMMANDS:
            return Reply(COMMANDS[word.lower()])
        if word.lower().startswith("/note"):
            return word[5:].strip()
        if not word:
            return Reply(Action.ANSWER, current) if has_current else Reply(Action.SKIP)
        value = coerce_answer(q, text, self._context)
        if q.type in {QuestionType.MONEY, QuestionType.PERCENT}:
            self._echo(q, value)
        return Reply(Action.ANSWER, value)

    def _echo(self, q: Question, value: Any) -> None:
        """Say how an answer was understood, where that may differ from what was typed."""
        self.console.print(Text(f"  = {format_value(q, value)}", style="green"))

    def _ask_select(self, q: Question, current: Any) -> Reply | str:
        if q.type is QuestionType.CONFIRM:
            options = [("yes", "Yes"), ("no", "No")]
            default = None if current is None else ("yes" if current else "no")
        else:
            options = [(c.value, c.label) for c in q.choices or []]
            other = q.other_choice()
            default = current
            if other is not None and current is not None and current not in q.choice_values():
                default = other.value
        picked = self._select(
            _message(q), [*options, *_EXTRAS], default, separate_after=len(options)
        )
        if picked == _NOTE:
            return ""
        if picked in _EXTRA_ACTIONS:
            return Reply(_EXTRA_ACTIONS[picked])
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

    def _ask_multi(self, q: Question, current: Any) -> Reply | str:
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
        choices += [questionary.Choice(title=t, value=v) for v, t in _EXTRAS]

        def validate(picked: list[str]) -> bool | str:
            specials = [p for p in picked if p in _EXTRA_ACTIONS or p == _NOTE]
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

        picked = questionary.checkbox(
            _message(q),
            choices=choices,
            validate=validate,
            qmark="›",
            instruction="(Space to tick, Enter to confirm)",
            **self._io,
        ).unsafe_ask()
        picked = [str(p) for p in picked]
        if _NOTE in picked:
            return ""
        for p in picked:
            if p in _EXTRA_ACTIONS:
                return Reply(_EXTRA_ACTIONS[p])
        if other is not None and other.value in picked:
            picked.remove(other.value)
            text = self._other_text(q, ", ".join(extra_text))
            picked += [part.strip() for part in text.split(",") if part.strip()]
        try:
            value = coerce_answer(q, picked, self._context)
        except InvalidAnswer as exc:
            self.console.print(Text(exc.message, style="red"))
            return self._ask_multi(q, picked)
        self._echo(q, value)
        return Reply(Action.ANSWER, value)

    # --- list questions ----------------------------------------------------------------

    def _show_items(self, q: Question, items: list[dict[str, Any]]) -> None:
        if not items:
            self.console.print("[dim]No items yet.[/]")
            return
        table = Table(show_lines=False, expand=False, title=f"{q.title}: {len(items)} item(s)")
        table.add_column("#", justify="right", style="dim")
        fields = q.fields or []
        shown = fields[:6]
        width = max(8, 72 // max(1, len(shown)))
        for field in shown:
            table.add_column(field.title, overflow="fold", max_width=width)
        for n, item in enumerate(items, start=1):
            table.add_row(
                str(n), *[shorten(format_value(f, item.get(f.id)), 3 * width) for f in shown]
            )
        if len(fields) > len(shown):
            self.console.print(
                Text(f"(and {len(fields) - len(shown)} more field(s) per item)", style="dim")
            )
        self.console.print(table)

    def _ask_list(self, q: Question, current: Any, *, can_go_back: bool) -> Reply | str:
        items: list[dict[str, Any]] = [dict(i) for i in current or []]
        while True:
            self._show_items(q, items)
            options = [("add", "Add an item")]
            options += [(f"edit:{n}", f"Edit item {n + 1}") for n in range(len(items))]
            options += [(f"remove:{n}", f"Remove item {n + 1}") for n in range(len(items))]
            options.append(
                ("done", "Done with this list" if items else "Done (leave the list empty)")
            )
            picked = self._select(_message(q), [*options, *_EXTRAS], "add" if not items else "done",
                                  separate_after=len(options))  # fmt: skip
            if picked == _NOTE:
                return ""
            if picked in _EXTRA_ACTIONS:
                return Reply(_EXTRA_ACTIONS[picked])
            if picked == "add":
                item = self._ask_item(q, {})
                if item is not None:
                    items.append(item)
            elif picked.startswith("edit:"):
                n = int(picked.split(":")[1])
                item = self._ask_item(q, items[n])
                if item is not None:
                    items[n] = item
            elif picked.startswith("remove:"):
                n = int(picked.split(":")[1])
                sure = self._select(
                    f"Remove item {n + 1}?",
                    [("no", "No, keep it"), ("yes", "Yes, remove it")],
                    "no",
                )
                if sure == "yes":
                    del items[n]
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

    def _ask_item(self, q: Question, item: dict[str, Any]) -> dict[str, Any] | None:
        """Ask each field of one item; back on the first field cancels the item."""
        fields = q.fields or []
        values = dict(item)
        outer = dict(self._context)
        try:
            return self._ask_fields(q, fields, values, outer)
        finally:
            self._context = outer

    def _ask_fields(
        self, q: Question, fields: list[Question], values: dict[str, Any], outer: dict[str, Any]
    ) -> dict[str, Any] | None:
        n = 0
        while n < len(fields):
            field = fields[n]
            self.console.print()
            self.console.print(
                Text(f"{q.title}, item field {n + 1} of {len(fields)}: ", style="cyan")
                + Text(field.prompt, style="bold")
            )
            self.console.print(Text(field.help, style="dim"))
            self.console.print(Text(f"Example: {format_value(field, field.example)}", style="dim"))
            self.console.print(Text(FIELD_HINT, style="dim"))
            earlier = {f.id: values[f.id] for f in fields[:n] if f.id in values}
            reply = self.ask(
                field, values.get(field.id), can_go_back=True, context={**outer, **earlier}
            )
            if reply.action is Action.BACK:
                if n == 0:
                    self.console.print("[yellow]Item not saved.[/]")
                    return None
                n -= 1
                continue
            if reply.action is Action.UNKNOWN:
                self.console.print(
                    Text(
                        "“Don't know yet” is for a whole question: leave this field empty "
                        "(Enter or /skip), or finish the item and mark the list from its menu.",
                        style="yellow",
                    )
                )
                continue
            if reply.action is Action.ANSWER and not is_empty(reply.value):
                values[field.id] = reply.value
            elif field.required:
                self.console.print(Text(f"{field.title} is needed for each item.", style="red"))
                continue
            else:
                values.pop(field.id, None)
            n += 1
        return values
