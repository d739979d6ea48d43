"""The interactive wizard: asks the questions that apply, saves whatever the user finishes.

The flow engine decides what comes next; the prompter asks; the store saves. Nothing here
decides validity (the validator does) or draws more than it must (screens do). A save follows
every finished thing: an answer, a list item, a note, a parked point, a move.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from wizard.bank import Bank, QuestionType, Stage
from wizard.commands import Command
from wizard.display import format_value, shorten
from wizard.finder import find_questions, question_number
from wizard.flow import (
    Step,
    asked,
    in_force,
    next_open,
    next_step,
    previous_step,
    progress,
    refresh_progress,
    unfinished,
    visible,
)
from wizard.i18n import _
from wizard.prompter import Prompter
from wizard.replies import Action, Reply
from wizard.roles import Role
from wizard.screens import (
    Tally,
    answer_full,
    check_block,
    check_headline,
    check_summary,
    final_summary,
    finding_text,
    findings_list,
    parking_lot,
    question_intro,
    stage_header,
    stage_pages,
    to_revisit,
    total_changed,
)
from wizard.session import AnswerStatus, Depth, ParkedPoint, Session
from wizard.store import SessionStore
from wizard.validation import InvalidAnswer, coerce_answer, is_empty

__all__ = ["Wizard"]

PlanWriter = Callable[[Session], Path]

_CONTINUE = "__continue__"
_EDIT = "__edit__"
_FULL = "__full__"
_NEXT = "__next__"
_PREVIOUS = "__previous__"
_FIND = "__find__"
_SHOW = "__show__"
_FINISH = "__finish__"


class _Keeper:
    """Saves what the user finishes inside one question, the moment it is finished."""

    def __init__(self, wizard: Wizard, step: Step) -> None:
        self.wizard = wizard
        self.step = step

    def note(self, text: str | None) -> None:
        session = self.wizard.session
        if self.step.id in session.answers:
            session.set_note(self.step.id, text)
        elif text:
            session.record(self.step.id, AnswerStatus.IN_PROGRESS, None, note=text)
        self.wizard.save()

    def items(self, items: list[dict[str, Any]]) -> None:
        session = self.wizard.session
        old = session.answers.get(self.step.id)
        status = AnswerStatus.IN_PROGRESS
        value: Any = [dict(i) for i in items]
        if old is not None and old.status is AnswerStatus.ANSWERED:
            try:  # an answered list stays answered while it still holds a valid answer
                value = coerce_answer(self.step.question, value, self.wizard.context(self.step))
                status = AnswerStatus.ANSWERED
            except InvalidAnswer:
                pass
        session.record(self.step.id, status, value)
        self.wizard.save()

    def park(self, text: str) -> None:
        self.wizard.session.parked.append(ParkedPoint(text=text, question=self.step.id))
        self.wizard.save()

    def draft(self, values: dict[str, Any] | None) -> None:
        self.wizard.session.set_draft(self.step.id, values)
        self.wizard.save()

    def pending(self) -> dict[str, Any] | None:
        answer = self.wizard.session.answers.get(self.step.id)
        return dict(answer.draft) if answer is not None and answer.draft else None

    def focus(self) -> int | None:
        return self.wizard.focus if self.wizard.focus_on == self.step.id else None


class Wizard:
    """One wizard run over one session (already locked by the caller)."""

    def __init__(
        self,
        bank: Bank,
        store: SessionStore,
        session: Session,
        prompter: Prompter,
        console: Console,
        plan_writer: PlanWriter | None = None,
        *,
        compact: bool = False,
    ) -> None:
        self.bank = bank
        self.store = store
        self.session = session
        self.prompter = prompter
        self.console = console
        self.plan_writer = plan_writer
        self.compact = compact
        # a list item to put the cursor on when its list is asked (a finding's item)
        self.focus_on: str | None = None
        self.focus: int | None = None
        # the item each list question's finding names, as review opened (for /go NUMBER)
        self.finding_items: dict[str, int] = {}

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        refresh_progress(self.bank, self.session)
        self.store.save(self.session)

    def apply(self, step: Step, reply: Reply) -> None:
        """Record a reply that ends a question (answer, skip, don't know) and save at once."""
        status = {
            Action.ANSWER: AnswerStatus.ANSWERED,
            Action.SKIP: AnswerStatus.SKIPPED,
            Action.UNKNOWN: AnswerStatus.UNKNOWN,
        }[reply.action]
        value = reply.value if reply.action is Action.ANSWER else None
        before = self._total()
        self.session.record(step.id, status, value)
        self.save()
        if reply.action is Action.SKIP:
            self.console.print(_("[yellow]Skipped.[/]"))
        elif reply.action is Action.UNKNOWN:
            self.console.print(_("[magenta]Marked “don't know yet”;[/] the plan lists it as open."))
        changed = total_changed(before, self._total())
        if changed is not None:
            self.console.print(changed)

    def _total(self) -> int:
        return progress(self.bank, self.session.answers, self.session.depth)[1]

    def context(self, step: Step) -> dict[str, Any]:
        """The other answers in force, for rules that compare with them."""
        return {
            qid: a.value
            for qid, a in in_force(self.bank, self.session.answers).items()
            if a.status is AnswerStatus.ANSWERED and qid != step.id
        }

    # --- asking ----------------------------------------------------------------------------

    def ask(self, step: Step) -> Reply:
        """Ask one question; a skip or "don't know yet" that would drop an answer is confirmed
        first, and declining asks the question again."""
        while True:
            answer = self.session.answers.get(step.id)
            question_intro(
                self.console,
                step,
                0,
                0,
                answer,
                tally=Tally.of(self.bank, self.session.answers, self.session.depth),
                compact=self.compact,
            )
            current = None
            if answer is not None and answer.status in (
                AnswerStatus.ANSWERED,
                AnswerStatus.IN_PROGRESS,
            ):
                current = answer.value
            elif answer is None:
                current = self._suggested(step)
            reply = self.prompter.ask(
                step.question,
                current,
                can_go_back=self._previous_asked(step.id) is not None,
                context=self.context(step),
                note=answer.note if answer else None,
                keep=_Keeper(self, step),
            )
            if reply.action in (Action.SKIP, Action.UNKNOWN) and not self._drop_ok(step):
                continue
            return reply

    def _suggested(self, step: Step) -> Any:
        """What an unanswered question starts with: the client's name given at ``new`` for
        the question playing the business's name, else the bank's default."""
        q = step.question
        if q.role is Role.BUSINESS_NAME and self.session.client:
            return self.session.client
        return q.default

    def _drop_ok(self, step: Step) -> bool:
        """Whether the user agrees to drop the answer a skip or "don't know yet" replaces."""
        answer = self.session.answers.get(step.id)
        if answer is None or is_empty(answer.value):
            return True
        q = step.question
        if q.type is QuestionType.LIST:
            asking = _("This drops the {n} item(s) of “{question}”. Go ahead?").format(
                n=len(answer.value), question=shorten(q.title, 40)
            )
        else:
            asking = _("This drops your answer “{answer}”. Go ahead?").format(
                answer=shorten(format_value(q, answer.value), 50)
            )
        sure = self.prompter.choose(
            asking,
            [("no", _("No, keep my answer")), ("yes", _("Yes, drop it"))],
            default="no",
        )
        return sure == "yes"

    def header(self, stage: Stage, number: int) -> None:
        stage_header(
            self.console,
            stage,
            number,
            len(self.bank.stages),
            0,
            0,
            tally=Tally.of(self.bank, self.session.answers, self.session.depth),
            compact=self.compact,
        )

    def _asked(self) -> list[Step]:
        return asked(self.bank, self.session.answers, self.session.depth)

    def _next_asked(self, current: str) -> Step | None:
        """The question asked after ``current`` (in bank order), answered or not."""
        return next_step(self.bank, self.session.answers, current, self.session.depth)

    def _previous_asked(self, current: str) -> Step | None:
        return previous_step(self.bank, self.session.answers, current, self.session.depth)

    def _first_open(self) -> Step | None:
        return next_open(self.bank, self.session.answers, None, self.session.depth)

    def run(self, start: Step | None = None) -> None:
        """Ask from ``start`` (default: the first open question) to the end."""
        step = start or self._first_open()
        shown_stage: str | None = None
        # After going back, the wizard walks forward through the answers given (Enter keeps
        # each) until it is back where the user was; from there on it asks only open questions.
        frontier: str | None = None
        while True:
            while step is not None:
                if step.stage.id != shown_stage:
                    self.header(step.stage, step.stage_number)
                    shown_stage = step.stage.id
                self.session.current = step.id
                reply = self.ask(step)
                if reply.action is Action.BACK:
                    previous = self._previous_asked(step.id)
                    if previous is not None:
                        frontier = frontier or step.id
                        step = previous
                        self.session.current = step.id
                        self.save()
                    continue
                if reply.action is Action.GO:
                    self.go(str(reply.value), here=step)
                    continue  # back where the user was
                self.apply(step, reply)
                following = self._following(step.id, frontier)
                if following is None or not self._before(following.id, frontier):
                    frontier = None  # back where the user was: only open questions from here
                if following is None or following.stage.id != step.stage.id:
                    self.review_stage(step.stage)
                    following = self._following(step.id, frontier)
                step = following
                self.session.current = step.id if step else None
                self.save()
            if not self._offer_full():
                break
            step = self._first_open()
            shown_stage = None
        self.finish()

    def _offer_full(self) -> bool:
        """At the end of a core-depth pass: offer the rest of the interview."""
        if self.session.depth is not Depth.CORE:
            return False
        more = [
            s
            for s in asked(self.bank, self.session.answers, Depth.FULL)
            if unfinished(self.session.answers, s.id)
        ]
        if not more:
            return False
        self.console.print(
            Text(
                _(
                    "The core questions are answered: that is a complete first draft. The full "
                    "interview has {n} more question(s) for a more detailed plan."
                ).format(n=len(more)),
                style="green",
            )
        )
        picked = self.prompter.choose(
            _("Go on with the full interview now?"),
            [
                ("no", _("No, finish here (later: review, or resume with --depth full)")),
                (_FULL, _("Yes, ask the {n} more question(s)").format(n=len(more))),
            ],
            default="no",
        )
        if picked != _FULL:
            return False
        self.session.depth = Depth.FULL
        self.save()
        return True

    def _before(self, qid: str, frontier: str | None) -> bool:
        """Whether ``qid`` comes before, or is, the question the user went back from."""
        ids = self.bank.ids()
        return frontier is not None and ids.index(qid) <= ids.index(frontier)

    def _following(self, current: str, frontier: str | None) -> Step | None:
        """The next question to ask after ``current``."""
        following = self._next_asked(current)
        if following is not None and self._before(following.id, frontier):
            return following
        answers, depth = self.session.answers, self.session.depth
        return next_open(self.bank, answers, current, depth) or self._first_open()

    # --- jumping -----------------------------------------------------------------------------

    def go(self, words: str, here: Step | None = None) -> None:
        """Find the question ``words`` name, ask it for editing, and come back.

        A bare number (``12``) means that question of the stage the user is in.
        """
        steps = visible(self.bank, self.session.answers)
        stage = here.stage_number if here is not None else None
        found = find_questions(self.bank, steps, words, stage=stage) or self._lists_holding(
            steps, words
        )
        if not found:
            self.console.print(
                Text(
                    _(
                        "No question matches “{words}”. Try its number (such as 5.3, shown above "
                        "each question) or other words of it."
                    ).format(words=words),
                    style="yellow",
                )
            )
            return
        step = found[0]
        if len(found) > 1:
            options = [
                (s.id, f"{question_number(self.bank, s.id)}  {shorten(s.question.title, 60)}")
                for s in found[:12]
            ]
            options.append((_CONTINUE, _("← None of these; stay here")))
            picked = self.prompter.choose(
                _("{n} questions match “{words}”. Which one?").format(n=len(found), words=words),
                options,
                options[0][0],
            )
            if picked == _CONTINUE:
                return
            step = next(s for s in found if s.id == picked)
        item = self.finding_items.get(step.id) if self.focus_on is None else None
        if item is not None:  # the list opens at the item a finding of review named
            self.focus_on, self.focus = step.id, item
        try:
            self.edit(step)
        finally:
            if item is not None:
                self.focus_on = self.focus = None
        self.console.print(Text(_("Back where you were."), style="cyan"))

    def _lists_holding(self, steps: list[Step], words: str) -> list[Step]:
        """The list questions with an item whose text holds all of ``words`` (a channel of
        the user's own is found by its name, a goal by its words)."""
        terms = words.casefold().split()
        found = []
        for step in steps:
            answer = self.session.answers.get(step.id)
            if step.question.type is not QuestionType.LIST or answer is None:
                continue
            text = format_value(step.question, answer.value or []).casefold()
            if terms and all(t in text for t in terms):
                found.append(step)
        return found

    def edit(self, step: Step) -> None:
        """Ask one question again (Enter keeps its answer), then any it newly opens."""
        before = {s.id for s in visible(self.bank, self.session.answers)}
        reply = self.ask(step)
        if reply.action is Action.GO:
            self.go(str(reply.value), here=step)
            return
        if reply.action is Action.BACK:
            return
        self.apply(step, reply)
        self._ask_new(before)

    # --- reviewing ---------------------------------------------------------------------------

    def review_stage(self, stage: Stage) -> None:
        """Show a stage's answers a page at a time, and let the user edit any before moving on."""
        page = 0
        while True:
            steps = [s for s in self._asked() if s.stage.id == stage.id]
            if not steps:
                return  # every question of the stage is hidden by earlier answers
            pages = stage_pages(
                stage,
                steps,
                self.session.answers,
                width=self.console.width,
                height=self.console.height,
            )
            page = min(page, len(pages) - 1)
            self.console.print()
            self.console.print(pages[page])
            options = [(_CONTINUE, _("Looks right — continue"))]
            if page + 1 < len(pages):
                options.append(
                    (
                        _NEXT,
                        _("Next page ({page} of {pages})").format(page=page + 2, pages=len(pages)),
                    )
                )
            if page > 0:
                options.append(
                    (
                        _PREVIOUS,
                        _("Previous page ({page} of {pages})").format(page=page, pages=len(pages)),
                    )
                )
            options.append((_EDIT, _("Edit an answer…")))
            options.append((_SHOW, _("Show an answer in full…")))
            picked = self.prompter.choose(
                _("Edit an answer, or continue?"),
                options,
                default=_NEXT if page + 1 < len(pages) else _CONTINUE,
            )
            if picked == _CONTINUE:
                return
            if picked in (_NEXT, _PREVIOUS):
                page += 1 if picked == _NEXT else -1
                continue
            if picked == _SHOW:
                self._show_full(steps)
                continue
            options = [
                (s.id, f"{question_number(self.bank, s.id)}  {shorten(s.question.title, 60)}")
                for s in steps
            ]
            options.append((_CONTINUE, _("← None; back to the table")))
            picked = self.prompter.choose(_("Which answer?"), options, default=steps[0].id)
            if picked == _CONTINUE:
                continue
            self.edit(next(s for s in steps if s.id == picked))

    def _show_full(self, steps: list[Step]) -> None:
        options = [
            (s.id, f"{question_number(self.bank, s.id)}  {shorten(s.question.title, 60)}")
            for s in steps
        ]
        options.append((_CONTINUE, _("← None; back to the table")))
        picked = self.prompter.choose(_("Which answer?"), options, default=steps[0].id)
        if picked != _CONTINUE:
            step = next(s for s in steps if s.id == picked)
            self.console.print(answer_full(step.question, self.session.answers.get(step.id)))
            self.prompter.choose("", [(_CONTINUE, _("← Back to the table"))], default=_CONTINUE)

    def _ask_new(self, before: set[str]) -> None:
        """Ask, at once, the questions that an edit has just made apply."""
        new = [
            s
            for s in self._asked()
            if s.id not in before and unfinished(self.session.answers, s.id)
        ]
        if new:
            # the count was just said ("Your answer adds ..."): say only what happens now
            self.console.print(
                _("[cyan]It is asked now.[/]")
                if len(new) == 1
                else _("[cyan]They are asked now.[/]")
            )
        for step in new:
            reply = self.ask(step)
            if reply.action not in (Action.BACK, Action.GO):
                self.apply(step, reply)

    def review(self) -> None:
        """Every stage's answers, stage by stage, with the choice to edit any of them."""
        from wizard.check import check_session

        report: Any = check_session(self.bank, self.session)
        while True:
            options = [
                (_CONTINUE, _("Done reviewing")),
                (_FIND, _("Find a question by number or words…")),
            ]
            for number, stage in enumerate(self.bank.stages, start=1):
                steps = [s for s in self._asked() if s.stage.id == stage.id]
                done = sum(
                    1
                    for s in steps
                    if s.id in self.session.answers
                    and self.session.answers[s.id].status is AnswerStatus.ANSWERED
                )
                options.append(
                    (
                        stage.id,
                        _("Stage {number}: {title} ({done} of {count} answered)").format(
                            number=number, title=stage.title, done=done, count=len(steps)
                        ),
                    )
                )
            if self.session.parked:
                self.console.print(parking_lot(self.session.parked, self._titles()))
            if report is not None:  # once, at the start: what the plan check asks to revisit
                check_block(self.console, self.session.name, report)
                self.finding_items = {
                    f.question.id: f.question.item
                    for f in reversed(to_revisit(report))  # the first finding of a list wins
                    if f.question is not None and f.question.item
                }
                report = None
            picked = self.prompter.choose_or_go(
                _("Which stage do you want to review?"), options, default=_CONTINUE
            )
            if isinstance(picked, Command):  # /go WORDS typed at the menu
                self.go(picked.text)
                continue
            if picked == _CONTINUE:
                break
            if picked == _FIND:
                words = self.prompter.line(_("Which question? (its number such as 5.3, or words)"))
                if words:
                    self.go(words)
                continue
            stage = next(s for s in self.bank.stages if s.id == picked)
            self.review_stage(stage)
        self.save()
        missing = [s for s in self._asked() if unfinished(self.session.answers, s.id)]
        if missing:
            answer_now = self.prompter.choose(
                _("{n} question(s) now apply and have no answer yet. Answer them now?").format(
                    n=len(missing)
                ),
                [
                    ("yes", _("Yes, answer them now")),
                    ("no", _("No, later (the plan lists them as open)")),
                ],
                default="yes",
            )
            if answer_now == "yes":
                self.run()
                return
        self.finish()

    def _titles(self) -> dict[str, str]:
        return {
            q.id: f"{question_number(self.bank, q.id)} {q.title}" for _s, q in self.bank.questions()
        }

    # --- the end -----------------------------------------------------------------------------

    def finish(self) -> None:
        self.session.current = None
        self.save()
        from wizard.check import check_session

        report = self._revisit(check_session(self.bank, self.session))
        plan_path = self.plan_writer(self.session) if self.plan_writer else None
        done, total = progress(self.bank, self.session.answers, self.session.depth)
        in_pass = {s.id for s in self._asked()}
        from wizard.plan.open_items import open_items

        # counted as the plan counts them, so the two never disagree (an item's field marked
        # "don't know yet" is open too)
        open_count = len(
            open_items(self.bank, visible(self.bank, self.session.answers), self.session.answers)
        )
        if self.session.parked:
            self.console.print(parking_lot(self.session.parked, self._titles()))
        more = 0
        if self.session.depth is Depth.CORE:
            more = sum(
                1
                for s in asked(self.bank, self.session.answers, Depth.FULL)
                if s.id not in in_pass and unfinished(self.session.answers, s.id)
            )
        check_summary(self.console, self.session.name, report)
        final_summary(
            self.console, self.session.name, done, total, open_count, plan_path, more=more
        )

    def _revisit(self, report: Any) -> Any:
        """Offer to go to the question behind each problem and warning, then check again,
        until the user finishes or nothing is left; return the last check's report."""
        from wizard.check import check_session

        while True:
            steps = {s.id: s for s in visible(self.bank, self.session.answers)}
            found = [
                f for f in to_revisit(report) if f.question is not None and f.question.id in steps
            ]
            if not found:
                return report
            self.console.print()
            # each finding whole above the menu, whose lines are cut to the terminal's width
            self.console.print(_("{headline}:").format(headline=check_headline(report)))
            findings_list(self.console, found)
            width = max(40, self.console.width - 5)  # the menu indents by 3
            options = [(_FINISH, _("Finish: write the plan now"))]
            options += [(str(n), finding_text(f, width)) for n, f in enumerate(found)]
            picked = self.prompter.choose(
                _("Go to the question behind a finding, or finish?"), options, default=_FINISH
            )
            if picked == _FINISH:
                return report
            ref = found[int(picked)].question
            self.focus_on, self.focus = ref.id, ref.item
            try:
                self.edit(steps[ref.id])
            finally:
                self.focus_on = self.focus = None
            report = check_session(self.bank, self.session)
