"""The interactive wizard: asks the questions that show, saves after every answer.

The flow engine decides what comes next; the prompter asks; the store saves. Nothing here
decides validity (the validator does) or draws more than it must (screens do).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from wizard.bank import Bank, Stage
from wizard.flow import (
    Step,
    first_open,
    in_force,
    next_open,
    next_step,
    open_questions,
    previous_step,
    progress,
    refresh_progress,
    visible,
)
from wizard.prompter import Action, Prompter, Reply
from wizard.screens import final_summary, question_intro, stage_header, stage_table
from wizard.session import AnswerStatus, Session
from wizard.store import SessionStore

__all__ = ["Wizard"]

PlanWriter = Callable[[Session], Path]

_CONTINUE = "__continue__"
_EDIT = "__edit__"


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
    ) -> None:
        self.bank = bank
        self.store = store
        self.session = session
        self.prompter = prompter
        self.console = console
        self.plan_writer = plan_writer

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        refresh_progress(self.bank, self.session)
        self.store.save(self.session)

    def apply(self, step: Step, reply: Reply) -> None:
        """Record a reply (not BACK) and save at once."""
        status = {
            Action.ANSWER: AnswerStatus.ANSWERED,
            Action.SKIP: AnswerStatus.SKIPPED,
            Action.UNKNOWN: AnswerStatus.UNKNOWN,
        }[reply.action]
        value = reply.value if reply.action is Action.ANSWER else None
        self.session.record(step.id, status, value, note=reply.note)
        self.save()
        if reply.action is Action.SKIP:
            self.console.print("[yellow]Skipped.[/]")
        elif reply.action is Action.UNKNOWN:
            self.console.print("[magenta]Marked “don't know yet”;[/] the plan lists it as open.")

    # --- asking ----------------------------------------------------------------------------

    def ask(self, step: Step) -> Reply:
        steps = [s for s in visible(self.bank, self.session.answers) if s.stage.id == step.stage.id]
        position = next((n for n, s in enumerate(steps, start=1) if s.id == step.id), 1)
        answer = self.session.answers.get(step.id)
        question_intro(self.console, step, position, len(steps), answer)
        current = None
        if answer is not None and answer.status is AnswerStatus.ANSWERED:
            current = answer.value
        elif answer is None:
            current = step.question.default
        can_go_back = previous_step(self.bank, self.session.answers, step.id) is not None
        context = {
            qid: a.value
            for qid, a in in_force(self.bank, self.session.answers).items()
            if a.status is AnswerStatus.ANSWERED and qid != step.id
        }
        return self.prompter.ask(step.question, current, can_go_back=can_go_back, context=context)

    def header(self, stage: Stage, number: int) -> None:
        done, shown = progress(self.bank, self.session.answers)
        stage_header(self.console, stage, number, len(self.bank.stages), done, shown)

    def run(self, start: Step | None = None) -> None:
        """Ask from ``start`` (default: the first open question) to the end."""
        step = start or first_open(self.bank, self.session.answers)
        if step is None:
            self.console.print("[green]Every question that applies already has an answer.[/]")
            self.finish()
            return
        shown_stage: str | None = None
        # After going back, the wizard walks forward through the answers given (Enter keeps
        # each) until it is back where the user was; from there on it asks only open questions.
        frontier: str | None = None
        while step is not None:
            if step.stage.id != shown_stage:
                self.header(step.stage, step.stage_number)
                shown_stage = step.stage.id
            self.session.current = step.id
            reply = self.ask(step)
            if reply.action is Action.BACK:
                previous = previous_step(self.bank, self.session.answers, step.id)
                if previous is not None:
                    frontier = frontier or step.id
                    step = previous
                    self.session.current = step.id
                    self.save()
                continue
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
        self.finish()

    def _before(self, qid: str, frontier: str | None) -> bool:
        """Whether ``qid`` comes before, or is, the question the user went back from."""
        ids = self.bank.ids()
        return frontier is not None and ids.index(qid) <= ids.index(frontier)

    def _following(self, current: str, frontier: str | None) -> Step | None:
        """The next question to ask after ``current``."""
        answers = self.session.answers
        following = next_step(self.bank, answers, current)
        if following is not None and self._before(following.id, frontier):
            return following
        return next_open(self.bank, answers, current) or first_open(self.bank, answers)

    # --- reviewing ---------------------------------------------------------------------------

    def review_stage(self, stage: Stage) -> None:
        """Show a stage's answers in a table and let the user edit any before moving on."""
        while True:
            steps = [s for s in visible(self.bank, self.session.answers) if s.stage.id == stage.id]
            if not steps:
                return  # every question of the stage is hidden by earlier answers
            self.console.print()
            self.console.print(stage_table(stage, steps, self.session.answers))
            picked = self.prompter.choose(
                "Edit an answer, or continue?",
                [(_CONTINUE, "Looks right — continue"), (_EDIT, "Edit an answer…")],
                default=_CONTINUE,
            )
            if picked == _CONTINUE:
                return
            options = [(s.id, f"{n}. {s.question.title}") for n, s in enumerate(steps, start=1)]
            options.append((_CONTINUE, "← None; back to the table"))
            picked = self.prompter.choose("Which answer?", options, default=steps[0].id)
            if picked == _CONTINUE:
                continue
            step = next(s for s in steps if s.id == picked)
            reply = self.ask(step)
            if reply.action is Action.BACK:
                continue
            self.apply(step, reply)
            self._ask_new(stage, {s.id for s in steps})

    def _ask_new(self, stage: Stage, before: set[str]) -> None:
        """Ask, at once, the questions of a stage that an edit has just made apply."""
        new = [
            s
            for s in visible(self.bank, self.session.answers)
            if s.stage.id == stage.id and s.id not in before and s.id not in self.session.answers
        ]
        if new:
            self.console.print(f"[cyan]That answer brings {len(new)} new question(s).[/]")
        for step in new:
            reply = self.ask(step)
            if reply.action is not Action.BACK:
                self.apply(step, reply)

    def review(self) -> None:
        """Every stage's answers, stage by stage, with the choice to edit any of them."""
        while True:
            options = [(_CONTINUE, "Done reviewing")]
            for number, stage in enumerate(self.bank.stages, start=1):
                steps = [
                    s for s in visible(self.bank, self.session.answers) if s.stage.id == stage.id
                ]
                done = sum(
                    1
                    for s in steps
                    if s.id in self.session.answers
                    and self.session.answers[s.id].status is AnswerStatus.ANSWERED
                )
                options.append(
                    (stage.id, f"Stage {number}: {stage.title} ({done} of {len(steps)} answered)")
                )
            picked = self.prompter.choose(
                "Which stage do you want to review?", options, default=_CONTINUE
            )
            if picked == _CONTINUE:
                break
            stage = next(s for s in self.bank.stages if s.id == picked)
            self.review_stage(stage)
        self.save()
        steps = visible(self.bank, self.session.answers)
        missing = len([s for s in steps if s.id not in self.session.answers])
        if missing:
            answer_now = self.prompter.choose(
                f"{missing} question(s) now apply and have no answer yet. Answer them now?",
                [
                    ("yes", "Yes, answer them now"),
                    ("no", "No, later (the plan lists them as open)"),
                ],
                default="yes",
            )
            if answer_now == "yes":
                self.run()
                return
        self.finish()

    # --- the end -----------------------------------------------------------------------------

    def finish(self) -> None:
        self.session.current = None
        self.save()
        plan_path = self.plan_writer(self.session) if self.plan_writer else None
        done, shown = progress(self.bank, self.session.answers)
        open_count = len(open_questions(self.bank, self.session.answers))
        final_summary(self.console, self.session.name, done, shown, open_count, plan_path)
