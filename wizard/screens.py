"""What the wizard shows between prompts, drawn with rich: headers, help, tables, summaries.

Each function either prints to the console it is given or returns a renderable, so tests
render into a ``StringIO``. Everything fits an 80-column terminal; rich honours ``NO_COLOR``.
User text always goes in as :class:`~rich.text.Text`, never as markup.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wizard import launcher
from wizard.bank import Bank, Question, QuestionType, Stage
from wizard.display import clean_text, fill_placeholders, format_value, shorten
from wizard.finder import step_number
from wizard.flow import Step, asked, unfinished
from wizard.i18n import N_, _, is_chinese, ngettext
from wizard.prompter import MENU_HINT, TEXT_HINT
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN, Answer, AnswerStatus, Depth, ParkedPoint
from wizard.text_layout import cells, flat, is_cjk, wrap

__all__ = [
    "COMPACT_MENU_HINT",
    "COMPACT_TEXT_HINT",
    "MENU_LINES",
    "Tally",
    "answer_cell",
    "answer_full",
    "answer_text",
    "final_summary",
    "help_panel",
    "items_table",
    "question_intro",
    "stage_header",
    "stage_pages",
    "stage_table",
    "total_changed",
    "welcome",
]

_STATUS_STYLE = {
    AnswerStatus.SKIPPED: (N_("skipped"), "yellow"),
    AnswerStatus.UNKNOWN: (N_("don't know yet"), "magenta"),
    AnswerStatus.IN_PROGRESS: (N_("in progress"), "cyan"),
}


def _status_markup(status: AnswerStatus) -> str:
    """A status as rich markup ("[yellow]skipped[/]"), in the language in force."""
    label, style = _STATUS_STYLE[status]
    return f"[{style}]{escape(_(label))}[/]"


_MENU_TYPES = {"select", "confirm", "multi_select", "list"}

# in English; shown translated with _()
COMPACT_TEXT_HINT = N_(
    "/help: why, an example, the commands · /back /skip /unknown /note /park /go"
)
COMPACT_MENU_HINT = N_("/help: why, an example, the commands · ↑↓ Enter, or type /back, /go WORDS…")
MENU_LINES = 6
"""Lines kept free under a page of answers for the menu that follows it."""
_MARKER = re.compile(r"^(\d+\. |• |✎ )")
_MIN_PAGE = 10  # a page is never planned shorter than this, however small the terminal


@dataclass(frozen=True)
class Tally:
    """How far a session is, for the line of context above a question or a stage."""

    stages: int
    stages_done: int
    answered: int
    to_go: int

    @classmethod
    def of(cls, bank: Bank, answers: Mapping[str, Answer], depth: Depth = Depth.FULL) -> Tally:
        """Counted over the questions asked at ``depth``: answered ones, ones still waiting
        (no answer or begun), and stages with none waiting."""
        steps = asked(bank, answers, depth)
        waiting = {s.stage.id for s in steps if unfinished(answers, s.id)}
        answered = sum(
            1 for s in steps if s.id in answers and answers[s.id].status is AnswerStatus.ANSWERED
        )
        return cls(
            stages=len(bank.stages),
            stages_done=sum(1 for stage in bank.stages if stage.id not in waiting),
            answered=answered,
            to_go=sum(1 for s in steps if unfinished(answers, s.id)),
        )

    def counts(self) -> str:
        """ "34 answered, 40 to go" """
        return _("{answered} answered, {to_go} to go").format(
            answered=self.answered, to_go=self.to_go
        )


def welcome(
    console: Console, name: str, client: str | None, stages: int, *, core: bool = False
) -> None:
    """The opening panel; ``core`` when the session is at core depth."""
    if client:
        title = _("[bold]Marketing Plan Wizard[/] — session [cyan]{name}[/] for {client}").format(
            name=escape(name), client=escape(clean_text(client))
        )
    else:
        title = _("[bold]Marketing Plan Wizard[/] — session [cyan]{name}[/]").format(
            name=escape(name)
        )
    depth = (
        _(
            "First the core questions, the ones a plan cannot do without: enough for a complete "
            "first draft. The rest of the interview is offered at the end."
        )
        + "\n"
        if core
        else ""
    )
    console.print(
        Panel(
            title
            + "\n"
            + _("{n} stages of questions, from who you are to budget and control.").format(n=stages)
            + "\n"
            + depth
            + _(
                "Type [bold]/help[/] at any question for why it matters, an example and the "
                "commands (/back, /skip, /go to jump, /park, ...)."
            )
            + "\n"
            + _(
                "Every answer is saved the moment you give it: stop with Ctrl-C at any time and "
                "continue later with [bold]{command}[/]."
            ).format(command=escape(launcher.command("resume", name))),
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
    tally: Tally | None = None,
    compact: bool = False,
) -> None:
    """Title, why it matters (not when compact), where we are.

    With a ``tally`` the last line counts stages done and questions answered and to go;
    without one it says "``done`` of ``shown`` questions answered so far".
    """
    console.print()
    console.print(
        Rule(
            _("[bold]Stage {number} of {total}: {title}[/]").format(
                number=number, total=total, title=escape(stage.title)
            ),
            style="cyan",
        )
    )
    if not compact:
        console.print(paragraph(stage.intro, console.width, "italic"))
    if tally is None:
        console.print(
            _("[dim]{done} of {shown} questions answered so far.[/]").format(done=done, shown=shown)
        )
    else:
        console.print(
            Text(
                _("{done} of {stages} stages done · {counts}.").format(
                    done=tally.stages_done, stages=tally.stages, counts=tally.counts()
                ),
                "dim",
            )
        )


def total_changed(before: int, after: int) -> Text | None:
    """The line saying that an answer opened or closed questions; None if it did neither."""
    if after == before:
        return None
    change = abs(after - before)
    if after > before:
        text = ngettext(
            "Your answer adds {n} question (now {after} in all).",
            "Your answer adds {n} questions (now {after} in all).",
            change,
        )
    else:
        text = ngettext(
            "Your answer removes {n} question (now {after} in all).",
            "Your answer removes {n} questions (now {after} in all).",
            change,
        )
    return Text(text.format(n=change, after=after), style="cyan")


def question_intro(
    console: Console,
    step: Step,
    position: int,
    count: int,
    answer: Answer | None,
    *,
    tally: Tally | None = None,
    compact: bool = False,
) -> None:
    """What is shown above a prompt: where we are, the prompt, then help, example and the ways
    out; compact (for projectors) keeps to five lines and leaves help to ``/help``.

    With a ``tally`` the line of context reads "5.12 · Stage 5 of 7 · 34 answered, 40 to go";
    without one, "Question ``position`` of ``count`` in this stage".
    """
    q = step.question
    menu = q.type.value in _MENU_TYPES
    if tally is None:
        where = _("{number} · Question {position} of {count} in this stage").format(
            number=step_number(step), position=position, count=count
        )
    else:
        where = _("{number} · Stage {stage} of {stages} · {counts}").format(
            number=step_number(step),
            stage=step.stage_number,
            stages=tally.stages,
            counts=tally.counts(),
        )
    required = _(" · required") if q.required else ""
    if compact:
        console.print(Rule(Text(where + required, style="cyan"), align="left", style="cyan"))
        console.print(Text(q.prompt, style="bold"))
        earlier = _earlier(answer)
        if earlier is not None:
            console.print(earlier, no_wrap=True, overflow="ellipsis")  # one line, always
        console.print(Text(_(COMPACT_MENU_HINT if menu else COMPACT_TEXT_HINT), style="dim"))
        return
    console.print()
    console.print(Text(where, style="cyan") + Text(required, style="bold red"))
    console.print(paragraph(q.prompt, console.width, "bold"))
    console.print(paragraph(q.help, console.width, "dim"))
    example = format_value(q, q.example)
    console.print(
        Text(_("Example: "), style="dim bold")
        + Text(shorten(example.replace("\n", "；" if is_chinese() else "; "), 200), style="dim")
    )
    if answer is not None and answer.status is not AnswerStatus.ANSWERED:
        console.print(_said_before(answer.status))
    if answer is not None and answer.note:
        console.print(Text(_("Note: {note}").format(note=clean_text(answer.note)), style="dim"))
    console.print(Text(_(MENU_HINT if menu else TEXT_HINT), style="dim"))


def _said_before(status: AnswerStatus) -> Text:
    """The line above a question answered earlier with something other than an answer."""
    if status is AnswerStatus.IN_PROGRESS:
        return Text(_("Begun earlier, not finished: everything finished then is kept."), "cyan")
    label, style = _STATUS_STYLE[status]
    return Text(_("Earlier you said: "), "dim") + Text(_(label), style)


def _earlier(answer: Answer | None) -> Text | None:
    """One line on an earlier status and note, for the compact intro."""
    if answer is None:
        return None
    parts: list[Text] = []
    if answer.status is not AnswerStatus.ANSWERED:
        parts.append(_said_before(answer.status))
    if answer.note:
        parts.append(Text(f"✎ {flat(clean_text(answer.note))}", "dim"))
    return Text(" · ", "dim").join(parts) if parts else None


def paragraph(text: str, width: int, style: str = "") -> Text:
    """``text`` to print ``width`` columns wide: Chinese (or Japanese, Korean) text wrapped
    here by display width, so that no line starts with ``，`` or ``。`` (rich breaks such text
    anywhere); other text as it is, for rich to wrap between words."""
    if not any(is_cjk(ch) for ch in text):
        return Text(text, style=style)
    lines = [line for part in text.split("\n") for line in wrap(part, width) or [""]]
    return Text("\n".join(lines), style=style)


def help_panel(q: Question, width: int = 80) -> Panel:
    """Why a question is asked, a worked example and where it comes from: shown on /help
    (in a panel ``width`` columns wide)."""
    example = format_value(q, q.example)
    parts: list[RenderableType] = [paragraph(q.help, width - 4)]
    if example:
        sep = "\n" if "\n" in example else ""
        parts.append(Text(_("Example: "), "bold") + Text(sep + example))
    from wizard.commands import command_meanings

    commands = Table.grid(padding=(0, 2))
    for name, meaning in command_meanings():
        commands.add_row(Text(name, style="bold"), Text(meaning, style="dim"))
    parts += [Text(""), commands]
    return Panel(Group(*parts), title=Text(q.title), title_align="left", border_style="cyan")


def answer_cell(q: Question, answer: Answer | None) -> str:
    """An answer in a table cell, as rich markup."""
    if answer is None:
        return _("[dim]not answered[/]")
    note = f"\n[dim]✎ {escape(shorten(clean_text(answer.note), 50))}[/]" if answer.note else ""
    if answer.status is not AnswerStatus.ANSWERED:
        return _status_markup(answer.status) + note
    text = escape(shorten(format_value(q, answer.value), 60))
    if q.type.value == "list":
        text = _("{n} item(s): ").format(n=len(answer.value)) + escape(
            shorten(format_value(q, answer.value), 40)
        )
    return text + note


def stage_table(stage: Stage, steps: Sequence[Step], answers: Mapping[str, Answer]) -> Table:
    """A stage's answers, numbered so the user can pick one to edit."""
    table = Table(
        title=_("Your answers: {stage}").format(stage=stage.title), expand=False, show_lines=False
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column(_("Question"), overflow="fold", max_width=30)
    table.add_column(_("Answer"), overflow="fold", max_width=40)
    for n, step in enumerate(steps, start=1):
        q = step.question
        table.add_row(str(n), escape(q.title), answer_cell(q, answers.get(q.id)))
    return table


def answer_text(q: Question, answer: Answer | None) -> Text:
    """An answer in full: its status, its value (a list one item a line, with the marks on its
    fields) and its note; user text is never read as markup."""
    if answer is None:
        return Text(_("not answered"), style="dim")
    lines: list[Text] = []
    if answer.status is not AnswerStatus.ANSWERED:
        label, style = _STATUS_STYLE[answer.status]
        status = Text(_(label), style)
        if q.type is QuestionType.LIST and isinstance(answer.value, list) and answer.value:
            count = len(answer.value)
            status += Text(_(": {n} item(s) so far").format(n=count), style)
        lines.append(status)
    if answer.value is not None and answer.status in (
        AnswerStatus.ANSWERED,
        AnswerStatus.IN_PROGRESS,
    ):
        if q.type is QuestionType.LIST and isinstance(answer.value, list):
            lines += [
                Text(f"{n}. ", "bold") + item_text(q, item)
                for n, item in enumerate(answer.value, start=1)
            ]
        else:
            shown = format_value(q, answer.value).split("\n")
            points = q.type is QuestionType.LONG_TEXT and not q.prose and len(shown) > 1
            lines += [Text(f"• {line}" if points else line) for line in shown]
    if answer.note:
        lines.append(Text(f"✎ {clean_text(answer.note)}", style="dim"))
    return Text("\n").join(lines)


def item_text(q: Question, item: object) -> Text:
    """One item of a list answer on one line (which may wrap): its name first when the list
    names its items, then "Field: value" for each field, with "don't know yet" and notes."""
    if not isinstance(item, Mapping):
        return Text(str(item))
    unknown = item.get(ITEM_UNKNOWN) or []
    notes = item.get(ITEM_NOTES) or {}
    parts: list[Text] = []
    heading = q.item_heading
    name = item.get(heading) if heading else None
    named = isinstance(name, str | int | float) and str(name).strip() != ""
    for f in q.fields or []:
        if f.id == heading and named:
            part = None
        elif f.id in unknown:
            part = Text(_("{field}: ").format(field=fill_placeholders(f.title, item))) + Text(
                _("don't know yet"), "magenta"
            )
        else:
            lines = format_value(f, item.get(f.id)).splitlines()
            shown = " · ".join(line for line in lines if line)
            part = (
                Text(
                    _("{field}: {value}").format(
                        field=fill_placeholders(f.title, item), value=shown
                    )
                )
                if shown
                else None
            )
        if f.id in notes:
            note = Text(f"✎ {clean_text(str(notes[f.id]))}", "dim")
            part = note if part is None else part + Text(" ") + note
        if part is not None:
            parts.append(part)
    fields = Text("；" if is_chinese() else "; ").join(parts)
    return Text(str(name), "bold") + Text(" — ") + fields if named else fields


def answer_full(q: Question, answer: Answer | None) -> Panel:
    """One answer in full, for when the user picks it (from a page, or to edit it)."""
    return Panel(
        answer_text(q, answer), title=Text(q.title), title_align="left", border_style="cyan"
    )


def items_table(q: Question, items: Sequence[Mapping[str, Any]], *, width: int) -> RenderableType:
    """The items of a list question so far, each in full and numbered, for the list's menu."""
    if not items:
        return Text(_("No items yet."), style="dim")
    title = _("{question}: {n} item(s)").format(question=q.title, n=len(items))
    table = Table(title=title, show_lines=True, width=width)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(_("Item"), overflow="fold", ratio=1)
    for n, item in enumerate(items, start=1):
        table.add_row(str(n), item_text(q, item))
    return table


def stage_pages(
    stage: Stage,
    steps: Sequence[Step],
    answers: Mapping[str, Answer],
    *,
    width: int,
    height: int,
    reserve: int = MENU_LINES,
) -> list[Table]:
    """A stage's answers in tables that each fit ``height - reserve`` lines at ``width``.

    Rows carry the questions' numbers; answers are shown in full, wrapped at spaces (CJK text
    by character). An answer taller than a page alone shows what fits and how many lines more.
    """
    budget = max(height - reserve, _MIN_PAGE)
    numbers = [step_number(s) for s in steps]
    layout = _Layout(stage, width, max((len(n) for n in numbers), default=1), len(steps))
    pages: list[list[tuple[str, Text, Text]]] = [[]]
    used = layout.overhead
    for number, step in zip(numbers, steps, strict=True):
        q = step.question
        row = (number, Text(q.title), layout.hang(answer_text(q, answers.get(q.id))))
        lines = layout.row_height(row)
        if lines > budget - layout.overhead:
            row = layout.cut(row, budget - layout.overhead)
            lines = layout.row_height(row)
        if pages[-1] and used + lines > budget:
            pages.append([])
            used = layout.overhead
        pages[-1].append(row)
        used += lines
    if not pages[-1]:
        pages.pop()
    return [
        layout.table(rows, _page_title(stage, n, len(pages)))
        for n, rows in enumerate(pages, start=1)
    ]


def _page_title(stage: Stage, page: int, pages: int) -> str:
    if pages > 1:
        return _("Your answers: {stage} (page {page} of {pages})").format(
            stage=stage.title, page=page, pages=pages
        )
    return _("Your answers: {stage}").format(stage=stage.title)


class _Layout:
    """Fixed column widths for a stage's pages, and the measuring of rows against them."""

    def __init__(self, stage: Stage, width: int, number_width: int, rows: int) -> None:
        self.width = width
        self.number_width = number_width
        # a table with three columns takes 10 columns for borders and padding
        room = max(width - 10 - number_width, 24)
        self.question_width = min(30, max(12, round(room * 0.32)))
        self.answer_width = room - self.question_width
        # the longest title a page can have: never more pages than rows
        probe = ("9", Text("x"), Text("x"))
        self.overhead = self._lines(self.table([probe], _page_title(stage, rows, rows))) - 1

    def table(self, rows: Sequence[tuple[str, Text, Text]], title: str) -> Table:
        table = Table(title=Text(title, "italic"), expand=False)
        table.add_column("#", justify="right", style="dim", width=self.number_width)
        table.add_column(_("Question"), width=self.question_width, overflow="fold")
        table.add_column(_("Answer"), width=self.answer_width, overflow="fold")
        for number, title_text, answer in rows:
            table.add_row(number, title_text, answer)
        return table

    def hang(self, text: Text) -> Text:
        """``text`` wrapped to the answer column, the lines of a point or item that wrap
        indented under its first word ("1. ", "• ", "✎ ")."""
        console = _measure(self.width)
        out: list[Text] = []
        for line in text.split("\n"):
            marker = _MARKER.match(line.plain)
            indent = len(marker.group(0)) if marker else 0
            after = line.plain[indent : indent + 1]
            if indent and after and is_cjk(after):
                # Chinese has no spaces to break at: rich would take the whole text after the
                # mark for one word and move it under the mark; it starts beside the mark.
                body = line[indent:].wrap(console, self.answer_width - indent, overflow="fold")
                out.append(line[:indent] + body[0])
                out += [Text(" " * indent) + part for part in body[1:]]
                continue
            wrapped = line.wrap(console, self.answer_width, overflow="fold")
            if indent == 0 or len(wrapped) == 1:
                out += wrapped
                continue
            out.append(wrapped[0])
            rest = line[len(wrapped[0].plain) :]
            rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
            for part in rest.wrap(console, self.answer_width - indent, overflow="fold"):
                out.append(Text(" " * indent) + part)
        return Text("\n").join(out)

    def row_height(self, row: tuple[str, Text, Text]) -> int:
        return max(
            self._wrapped(row[1], self.question_width), self._wrapped(row[2], self.answer_width)
        )

    def cut(self, row: tuple[str, Text, Text], room: int) -> tuple[str, Text, Text]:
        """The row with its answer cut to ``room`` lines, saying how many more there are."""
        number, title_text, answer = row
        lines = answer.wrap(_measure(self.width), self.answer_width, overflow="fold")
        keep = room - 1
        while keep > 0:
            more = len(lines) - keep
            tail = Text(
                _("… ({n} more lines: pick it to see it in full)").format(n=more),
                "italic dim",
            )
            shown = Text("\n").join([*lines[:keep], tail])
            if self._wrapped(shown, self.answer_width) <= room:
                return number, title_text, shown
            keep -= 1
        return number, title_text, Text(_("… (pick it to see it in full)"), "italic dim")

    def _wrapped(self, text: Text, width: int) -> int:
        return len(text.wrap(_measure(self.width), width, overflow="fold"))

    def _lines(self, renderable: RenderableType) -> int:
        console = _measure(self.width)
        console.print(renderable)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        return int(out.count("\n"))


def _measure(width: int) -> Console:
    """A console that draws into memory, to count the lines something takes at ``width``."""
    return Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)


def final_summary(
    console: Console,
    name: str,
    done: int,
    shown: int,
    open_count: int,
    plan_path: Path | None,
    *,
    more: int = 0,
) -> None:
    """The closing panel; ``more`` counts the full interview's questions not asked yet."""
    if more:
        lines = [
            _(
                "[bold green]The core questions are done[/] in session {name}: "
                "{done} of {shown} answered."
            ).format(name=escape(name), done=done, shown=shown),
            _("{n} more question(s) of the full interview are not asked yet: {command}").format(
                n=more, command=escape(launcher.command("resume", name, "--depth", "full"))
            ),
        ]
    else:
        lines = [
            _(
                "[bold green]Every question has been asked[/] in session {name}: "
                "{done} of {shown} answered."
            ).format(name=escape(name), done=done, shown=shown)
        ]
    if open_count:
        lines.append(
            _(
                "{n} question(s) are still open (don't know yet, or skipped though "
                "needed); the plan lists them under “Open questions”."
            ).format(n=open_count)
        )
    if plan_path is not None:
        lines.append(_("Draft plan: [bold]{path}[/]").format(path=escape(str(plan_path))))
    lines += [
        "",
        _("Edit any answer:      {command}").format(
            command=escape(launcher.command("review", name))
        ),
        _("Other formats:        {command}").format(
            command=escape(launcher.command("plan", name, "--format", "html"))
        ),
    ]
    console.print(Panel(Group(*lines), border_style="green", title=_("Done")))


def parking_lot(parked: Sequence[ParkedPoint], titles: Mapping[str, str]) -> Panel:
    """The open points put aside with ``/park``, each with the question it was parked at."""
    lines = [
        Text("• ")
        + Text(clean_text(p.text))
        + (
            Text(
                _("  (at {question})").format(question=titles.get(p.question, p.question)),
                style="dim",
            )
            if p.question
            else ""
        )
        for p in parked
    ]
    return Panel(
        Group(*lines),
        title=_("Parking lot: {n} point(s) to settle").format(n=len(parked)),
        border_style="yellow",
        expand=False,
    )


CHECK_SHOWN = 6
"""The most findings the wizard's last screen lists; ``check`` lists them all."""


def to_revisit(report: Any) -> list[Any]:
    """The problems and warnings of a check report (the findings worth going back for)."""
    from wizard.check.model import Severity

    return [f for f in report.findings if f.severity is not Severity.TIP]


def finding_text(finding: Any, width: int | None = None) -> str:
    """One finding as plain text: its mark, the question to revisit and what is wrong
    ("✗ 2.3 Goals and targets, item 2: Goal 2 has no deadline."); with ``width``, on one line
    of that many columns, cut in the middle of what is wrong (a menu's line)."""
    from wizard.check.model import Severity

    mark = "✗" if finding.severity is Severity.PROBLEM else "!"
    where = ""
    if finding.question is not None:
        ref = finding.question
        number, title = clean_text(ref.number), shorten(clean_text(ref.title), 40)
        if ref.item:
            where = _("{number} {title}, item {item}: ").format(
                number=number, title=title, item=ref.item
            )
        else:
            where = _("{number} {title}: ").format(number=number, title=title)
    message = clean_text(finding.message).replace("\n", " ")
    if width is None:
        return f"{mark} {where}{message}"
    if is_chinese():  # measured in terminal cells: a Chinese character takes two
        room = max(30, width - cells(where) - 2)
        return f"{mark} {where}{_keep_the_end_cells(message, room)}"
    return f"{mark} {where}{_keep_the_end(message, max(30, width - len(where) - 2))}"


def _keep_the_end(text: str, width: int) -> str:
    """``text`` cut to ``width`` in its middle: a finding's last words say what is wrong ("…
    has no deadline."), so they stay."""
    if len(text) <= width:
        return text
    tail = text[len(text) - width * 2 // 5 :]
    if " " in tail[:-1]:
        tail = tail[tail.index(" ") + 1 :]  # from a whole word
    return text[: width - len(tail) - 2].rstrip() + "… " + tail


def _keep_the_end_cells(text: str, width: int) -> str:
    """As :func:`_keep_the_end`, counting terminal cells, and cutting Chinese anywhere."""
    if cells(text) <= width:
        return text
    tail = ""
    for ch in reversed(text):
        if cells(ch + tail) > width * 2 // 5:
            break
        tail = ch + tail
    if " " in tail[:-1] and not is_cjk(tail[0]):
        tail = tail[tail.index(" ") + 1 :]  # from a whole word
    head = ""
    for ch in text:
        if cells(head + ch) > width - cells(tail) - 2:
            break
        head += ch
    return head.rstrip() + "… " + tail


def _finding_line(finding: Any) -> Table:
    """A finding whole, its mark in the margin and its text wrapped beside it."""
    text = finding_text(finding)
    line = Table.grid(padding=(0, 1))
    line.add_column(width=3, justify="right", no_wrap=True)
    line.add_column()
    line.add_row(Text(text[0], style="red" if text.startswith("✗") else "yellow"), Text(text[2:]))
    return line


def check_headline(report: Any) -> str:
    """ "Plan check: 10 of 11 rules pass; 1 problem(s) and 0 warning(s) to revisit" (markup)."""
    from wizard.check.model import Severity

    shown = to_revisit(report)
    passed, scored = report.score()
    problems = sum(f.severity is Severity.PROBLEM for f in shown)
    if not shown:
        return _("[bold]Plan check:[/] {passed} of {scored} rules pass; nothing to revisit").format(
            passed=passed, scored=scored
        )
    return _(
        "[bold]Plan check:[/] {passed} of {scored} rules pass; {problems} problem(s) and "
        "{warnings} warning(s) to revisit"
    ).format(passed=passed, scored=scored, problems=problems, warnings=len(shown) - problems)


def check_summary(console: Console, name: str, report: Any) -> None:
    """The plan check at the end of the wizard: the problems and warnings, each with the
    question to revisit, and the command that lists every finding and why (the tips counted:
    a tip can say that a goal is out of reach).

    ``report`` is a :class:`wizard.check.Report` (imported by the caller only when needed).
    """
    shown = to_revisit(report)
    check = escape(launcher.command("check", name))
    if not shown:
        console.print(
            _("{headline}. {more}").format(
                headline=check_headline(report), more=_tips_line(report, check)
            )
        )
        return
    console.print(_("{headline}:").format(headline=check_headline(report)))
    findings_list(console, shown)
    console.print(
        _(
            "Every finding and why it matters: {check}; go to a question with /go NUMBER in "
            "{review}."
        ).format(check=check, review=escape(launcher.command("review", name)))
    )


def findings_list(console: Console, findings: list[Any]) -> None:
    """The first :data:`CHECK_SHOWN` findings, each whole (wrapped, never cut), then how many
    more there are."""
    for finding in findings[:CHECK_SHOWN]:
        console.print(_finding_line(finding))
    if len(findings) > CHECK_SHOWN:
        console.print(_("  … and {n} more.").format(n=len(findings) - CHECK_SHOWN))


def _tips_line(report: Any, check: str) -> str:
    """How many tips there are besides, and the command that shows every finding (markup)."""
    tips = len(report.findings) - len(to_revisit(report))
    if tips:
        return _("Also {n} tip(s); every finding and why it matters: {check}.").format(
            n=tips, check=check
        )
    return _("Every finding and why it matters: {check}.").format(check=check)


def check_block(console: Console, name: str, report: Any) -> None:
    """The plan check as ``review`` opens: the problems and warnings with the question to
    revisit, the count of tips, and how to go to a question from the menu below."""
    shown = to_revisit(report)
    more = _tips_line(report, escape(launcher.command("check", name)))
    if not shown:
        console.print(_("{headline}. {more}").format(headline=check_headline(report), more=more))
        return
    console.print(_("{headline}:").format(headline=check_headline(report)))
    findings_list(console, shown)
    number = next((f.question.number for f in shown if f.question is not None), None)
    if number is not None:
        console.print(
            _("To go to a finding's question, type /go {number} at the menu below. {more}").format(
                number=escape(clean_text(number)), more=more
            )
        )
    else:
        console.print(more)
