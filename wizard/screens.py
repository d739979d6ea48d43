"""What the wizard shows between prompts, drawn with rich: headers, help, tables, summaries.

Each function prints to the console it is given, so tests render into a ``StringIO``.
Everything fits an 80-column terminal; rich honours ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wizard import launcher
from wizard.bank import Question, Stage
from wizard.display import format_value, shorten
from wizard.flow import Step
from wizard.prompter import MENU_HINT, TEXT_HINT
from wizard.session import Answer, AnswerStatus, ParkedPoint

__all__ = [
    "answer_cell",
    "final_summary",
    "question_intro",
    "stage_header",
    "stage_table",
    "welcome",
]

_STATUS = {
    AnswerStatus.SKIPPED: "[yellow]skipped[/]",
    AnswerStatus.UNKNOWN: "[magenta]don't know yet[/]",
    AnswerStatus.IN_PROGRESS: "[cyan]not finished[/]",
}
_MENU_TYPES = {"select", "confirm", "multi_select", "list"}


def welcome(console: Console, name: str, client: str | None, stages: int) -> None:
    who = f" for {escape(client)}" if client else ""
    console.print(
        Panel(
            f"[bold]Marketing Plan Wizard[/] — session [cyan]{escape(name)}[/]{who}\n"
            f"{stages} stages of questions, from who you are to budget and control.\n"
            "Every answer is saved the moment you give it: stop with Ctrl-C at any time and "
            f"continue later with [bold]{escape(launcher.command('resume', name))}[/].",
            border_style="cyan",
        )
    )


def stage_header(
    console: Console,
    stage: Stage,
    number: int,
    total: int,
    done: int,
    shown: int,
    *,
    compact: bool = False,
) -> None:
    """Title, why it matters, where we are."""
    console.print()
    console.print(Rule(f"[bold]Stage {number} of {total}: {escape(stage.title)}[/]", style="cyan"))
    if not compact:
        console.print(Text(stage.intro, style="italic"))
    console.print(f"[dim]{done} of {shown} questions answered so far.[/]")


def question_intro(
    console: Console,
    step: Step,
    number: str,
    stages: int,
    done: int,
    total: int,
    answer: Answer | None,
    *,
    compact: bool = False,
) -> None:
    """Where we are, the question, and (unless compact) its help and example and the ways out.

    In the compact layout for projectors the help and example wait behind ``/help``, so that
    a question with its menu fits one 35-line screen.
    """
    q = step.question
    required = "  [bold red]required[/]" if q.required else ""
    console.print()
    console.print(
        f"[cyan]{number}[/] [dim]· stage {step.stage_number} of {stages} · {done} answered, "
        f"{max(0, total - done)} to go[/]{required}"
    )
    console.print(Text(q.prompt, style="bold"))
    if compact:
        console.print(Text("/help: why this matters, and an example", style="dim"))
    else:
        console.print(Text(q.help, style="dim"))
        example = format_value(q, q.example)
        console.print(
            Text("Example: ", style="dim bold")
            + Text(shorten(example.replace("\n", "; "), 200), style="dim")
        )
    if answer is not None and answer.status in _STATUS:
        console.print(f"[dim]Earlier you said: {_STATUS[answer.status]}[/]")
    if answer is not None and answer.note:
        console.print(Text(f"Note: {answer.note}", style="dim"))
    if not compact:
        hint = MENU_HINT if q.type.value in _MENU_TYPES else TEXT_HINT
        console.print(Text(hint, style="dim"))


def total_changed(before: int, after: int) -> Text:
    """Said when an answer opens or closes questions, so the total never moves unexplained."""
    change = after - before
    verb = "adds" if change > 0 else "removes"
    return Text(f"That answer {verb} {abs(change)} question(s): now {after} in all.", style="cyan")


def parking_lot(parked: Sequence[ParkedPoint], titles: Mapping[str, str]) -> Panel:
    """The open points put aside with ``/park``."""
    lines = [
        Text("• ")
        + Text(p.text)
        + (Text(f"  (at {titles.get(p.question, p.question)})", style="dim") if p.question else "")
        for p in parked
    ]
    return Panel(Group(*lines), title=f"Parking lot: {len(parked)} point(s) to settle",
                 border_style="yellow", expand=False)  # fmt: skip


def answer_cell(q: Question, answer: Answer | None) -> str:
    """An answer in a table cell, as rich markup."""
    if answer is None:
        return "[dim]not answered[/]"
    note = f"\n[dim]✎ {escape(shorten(answer.note, 50))}[/]" if answer.note else ""
    if answer.status is not AnswerStatus.ANSWERED:
        return _STATUS[answer.status] + note
    text = escape(shorten(format_value(q, answer.value), 60))
    if q.type.value == "list":
        text = f"{len(answer.value)} item(s): " + escape(shorten(format_value(q, answer.value), 40))
    return text + note


def stage_table(stage: Stage, steps: Sequence[Step], answers: Mapping[str, Answer]) -> Table:
    """A stage's answers, numbered so the user can pick one to edit."""
    table = Table(title=f"Your answers: {stage.title}", expand=False, show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Question", overflow="fold", max_width=30)
    table.add_column("Answer", overflow="fold", max_width=40)
    for n, step in enumerate(steps, start=1):
        q = step.question
        table.add_row(str(n), escape(q.title), answer_cell(q, answers.get(q.id)))
    return table


def final_summary(
    console: Console, name: str, done: int, shown: int, open_count: int, plan_path: Path | None
) -> None:
    lines = [
        f"[bold green]Every question has been asked[/] in session {escape(name)}: "
        f"{done} of {shown} answered."
    ]
    if open_count:
        lines.append(
            f"{open_count} question(s) are still open (don't know yet, or skipped though "
            "needed); the plan lists them under “Open questions”."
        )
    if plan_path is not None:
        lines.append(f"Draft plan: [bold]{escape(str(plan_path))}[/]")
    lines += [
        "",
        f"Edit any answer:      {escape(launcher.command('review', name))}",
        f"Other formats:        {escape(launcher.command('plan', name, '--format', 'html'))}",
    ]
    console.print(Panel(Group(*lines), border_style="green", title="Done"))


def help_panel(q: Question) -> Panel:
    """Why a question matters, with its example (what ``/help`` shows)."""
    from wizard.commands import COMMAND_MEANINGS

    example = format_value(q, q.example)
    commands = Table.grid(padding=(0, 2))
    for name, meaning in COMMAND_MEANINGS:
        commands.add_row(Text(name, style="bold"), Text(meaning, style="dim"))
    body = Group(
        Text(q.help),
        Text(""),
        Text("Example: ", style="bold") + Text(example),
        Text(""),
        commands,
    )
    return Panel(body, title=escape(q.title), border_style="dim", expand=False)


def items_table(q: Question, items: Sequence[Mapping[str, Any]], *, width: int) -> Table:
    """A list question's items so far, in full (replaced by the paged version)."""
    table = Table(title=f"{q.title}: {len(items)} item(s)", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Item")
    for n, item in enumerate(items, start=1):
        table.add_row(str(n), escape(format_value(q, [item])))
    return table


def stage_pages(
    stage: Stage,
    steps: Sequence[Step],
    answers: Mapping[str, Answer],
    *,
    numbers: Mapping[str, str],
    width: int,
    height: int,
) -> list[Table]:
    """A stage's answers as tables that each fit the screen (replaced by the paged version)."""
    del width, height
    table = Table(title=f"Your answers: {stage.title}", expand=False, show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Question", overflow="fold", max_width=30)
    table.add_column("Answer", overflow="fold", max_width=40)
    for step in steps:
        q = step.question
        table.add_row(numbers.get(q.id, ""), escape(q.title), answer_cell(q, answers.get(q.id)))
    return [table]
