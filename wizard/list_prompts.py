"""List questions: items added, edited and removed one at a time, field by field.

Every finished item is handed to the keeper at once, and so is the item being typed, after
each of its fields (a draft): leaving the list by any way, Ctrl-C included, loses nothing that
was finished. :class:`ListPrompts` is a part of :class:`wizard.prompter.TerminalPrompter`; it
uses the prompter's single-question building blocks, declared here for the type checker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from wizard.bank import Question, QuestionType
from wizard.commands import Command, CommandName, UnknownCommand, menu_extras
from wizard.display import fill_placeholders, format_value, prompt_label, shorten
from wizard.i18n import N_, _
from wizard.replies import Action, Asking, Keeper, Reply
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN
from wizard.validation import InvalidAnswer, coerce_answer, is_empty

__all__ = ["FIELD_HINT", "MENU_FIELD_HINT", "REQUIRED_FIELD_HINT", "ListPrompts"]

# in English; shown translated with _()
FIELD_HINT = N_(
    "/back: previous field (on the first: drop this item)  ·  Enter or /skip: leave empty  ·  "
    "/unknown: don't know yet  ·  /note TEXT"
)
MENU_FIELD_HINT = N_(
    "↑↓ and Enter  ·  leave empty, back, don't know yet, note: at the end of the menu, or type "
    "/skip, /back, /unknown, /note"
)
REQUIRED_FIELD_HINT = N_(
    "/back: previous field (on the first: drop this item)  ·  needed: an answer, or /unknown "
    "(don't know yet)  ·  /note TEXT"
)


class ListPrompts:
    """The list questions of the terminal prompter."""

    console: Console
    _context: dict[str, Any]

    # The prompter's building blocks (see wizard/prompter.py).
    def _select(self, message: str, options: Sequence[tuple[str, str]], default: str | None,
                separate_after: int | None = None) -> str | Command | UnknownCommand:  # fmt: skip
        raise NotImplementedError

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        raise NotImplementedError

    def line(
        self, message: str, default: str = "", check: Callable[[str], str | None] | None = None
    ) -> str:
        raise NotImplementedError

    def _command(self, asking: Asking, command: Command | UnknownCommand) -> Reply | None:
        raise NotImplementedError

    def _ask_value(
        self, q: Question, current: Any, *, in_item: bool = False
    ) -> Reply | Command | UnknownCommand:
        raise NotImplementedError

    def _park(self, keep: Keeper, text: str) -> None:
        raise NotImplementedError

    def _help(self, q: Question) -> None:
        raise NotImplementedError

    # --- the list ----------------------------------------------------------------------

    def _show_items(self, q: Question, items: list[dict[str, Any]]) -> None:
        if not items:
            self.console.print(_("[dim]No items yet.[/]"))
            return
        from wizard.screens import items_table

        self.console.print(items_table(q, items, width=self.console.width))

    def _ask_list(self, asking: Asking, current: Any) -> Reply:
        """A list question: items are added, edited and removed one at a time, and each
        finished change is handed to the keeper at once."""
        q = asking.q
        items: list[dict[str, Any]] = [dict(i) for i in current or []]
        pending = asking.keep.pending()
        if pending:
            self._show_items(q, items)
            self._resume_item(asking, items, pending)
        focus = asking.keep.focus()
        start = f"edit:{focus - 1}" if focus is not None and 0 < focus <= len(items) else "add"
        while True:
            self._show_items(q, items)
            options = [
                ("add", _("Add an item")),
                ("done", _("Done with this list") if items else _("Done (leave the list empty)")),
            ]
            names = [shorten(_item_name(q, item), 40) for item in items]
            options += [
                (f"edit:{n}", _("Edit item {n} ({name})").format(n=n + 1, name=names[n]))
                for n in range(len(items))
            ]
            options += [
                (f"remove:{n}", _("Remove item {n} ({name})").format(n=n + 1, name=names[n]))
                for n in range(len(items))
            ]
            picked = self._select(
                prompt_label(q), [*options, *menu_extras()], start, separate_after=len(options)
            )
            if start != "add":  # the item come for is edited: Enter then leaves the list
                start = "done"
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
                    self.console.print(_("[green]Item {n} saved.[/]").format(n=len(items)))
            elif picked.startswith("edit:"):  # the item stays saved as it was until finished
                n = int(picked.split(":")[1])
                item = self._ask_item(asking, items[n], n + 1)
                if item is not None:
                    items[n] = item
                    asking.keep.items(items)
                    self.console.print(_("[green]Item {n} saved.[/]").format(n=n + 1))
            elif picked.startswith("remove:"):
                n = int(picked.split(":")[1])
                sure = self.choose(
                    _("Remove item {n} ({name})?").format(
                        n=n + 1, name=shorten(_item_name(q, items[n]), 40)
                    ),
                    [("no", _("No, keep it")), ("yes", _("Yes, remove it"))],
                    "no",
                )
                if sure == "yes":
                    del items[n]
                    asking.keep.items(items)
                    self.console.print(_("[green]Item {n} removed.[/]").format(n=n + 1))
            else:
                if not items:
                    if q.required:
                        self.console.print(
                            _("[red]Add at least one item, or choose “Skip this question”.[/]")
                        )
                        continue
                    return Reply(Action.SKIP)
                try:
                    return Reply(Action.ANSWER, coerce_answer(q, items, self._context))
                except InvalidAnswer as exc:
                    self.console.print(Text(exc.message, style="red"))

    def _resume_item(
        self, asking: Asking, items: list[dict[str, Any]], pending: dict[str, Any]
    ) -> None:
        """Offer to finish the item that was being typed when the user last stopped."""
        from wizard.screens import item_text

        number = len(items) + 1
        self.console.print(
            Text(_("Item {n} was not finished when you stopped: ").format(n=number), style="yellow")
            + item_text(asking.q, pending)
        )
        picked = self.choose(
            _("Finish item {n}?").format(n=number),
            [
                ("finish", _("Yes, finish item {n}").format(n=number)),
                ("drop", _("No, drop item {n}").format(n=number)),
            ],
            "finish",
        )
        if picked == "drop":
            asking.keep.draft(None)
            self.console.print(_("[yellow]Item {n} dropped.[/]").format(n=number))
            return
        item = self._ask_item(asking, pending, number, new=True)
        if item is not None:
            items.append(item)
            asking.keep.items(items)
            self.console.print(_("[green]Item {n} saved.[/]").format(n=number))

    def _ask_item(
        self, asking: Asking, item: dict[str, Any], number: int, *, new: bool = False
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
        asking: Asking,
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
            current = values.get(f.id, f.default)  # else the bank's suggestion
            reply = self._ask_value(asked, current, in_item=True)
            if isinstance(reply, UnknownCommand):
                self.console.print(Text(reply.message, style="red"))
                continue
            if isinstance(reply, Command):
                match reply.name:
                    case CommandName.BACK:
                        if n == 0:
                            if new:
                                self.console.print(
                                    _("[yellow]Item dropped (it was not finished).[/]")
                                )
                            else:
                                self.console.print(
                                    _("[yellow]Item {n} left as it was.[/]").format(n=number)
                                )
                            return None
                        n -= 1
                    case CommandName.SKIP:
                        values.pop(f.id, None)
                        if f.required and f.id not in unknown:
                            self.console.print(
                                Text(
                                    _("{field} is needed for each item (or /unknown).").format(
                                        field=f.title
                                    ),
                                    style="red",
                                )
                            )
                            continue
                        n += 1
                    case CommandName.UNKNOWN:
                        values.pop(f.id, None)
                        if f.id not in unknown:
                            unknown.append(f.id)
                        self.console.print(
                            _("[magenta]Marked “don't know yet”;[/] the plan lists it as open.")
                        )
                        n += 1
                    case CommandName.NOTE:
                        text = reply.text or self.line(
                            _("Your note on this field (leave empty to remove it):"),
                            default=notes.get(f.id, ""),
                        )
                        if text.strip():
                            notes[f.id] = text.strip()
                            self.console.print(
                                _(
                                    "[green]Note kept with this item;[/] it is saved when the "
                                    "item is. Now the field:"
                                )
                            )
                        else:
                            notes.pop(f.id, None)
                            self.console.print(_("[green]Note removed.[/] Now the field:"))
                    case CommandName.PARK:
                        self._park(asking.keep, reply.text)
                    case CommandName.HELP:
                        self._help(f)
                    case CommandName.GO:
                        self.console.print(
                            Text(
                                _(
                                    "Finish this item first (or /back to its first field to drop "
                                    "it); /go works from the list's menu."
                                ),
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
                    Text(
                        _("{field} is needed for each item (or /unknown).").format(field=f.title),
                        style="red",
                    )
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
            Text(
                _("{question}, item {n}, field {field} of {fields}: ").format(
                    question=q.title, n=number, field=n + 1, fields=len(fields)
                ),
                style="cyan",
            )
            + Text(fill_placeholders(f.prompt, values), style="bold")
        )
        self.console.print(Text(fill_placeholders(f.help, values), style="dim"))
        self.console.print(
            Text(_("Example: {example}").format(example=format_value(f, f.example)), style="dim")
        )
        if f.id in unknown:
            self.console.print(
                _("[dim]Earlier you said: [magenta]don't know yet[/] (Enter keeps it)[/]")
            )
        if f.id in notes:
            self.console.print(Text(_("Note: {note}").format(note=notes[f.id]), style="dim"))
        if f.type in {QuestionType.SELECT, QuestionType.CONFIRM, QuestionType.MULTI_SELECT}:
            hint = MENU_FIELD_HINT
        else:
            hint = REQUIRED_FIELD_HINT if f.required else FIELD_HINT
        self.console.print(Text(_(hint), style="dim"))


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
    return _("empty item")
