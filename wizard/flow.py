"""The flow engine: which questions show, and which comes next, given the bank and the answers.

Pure functions over plain data: no input, no output, no files. A question shows when its
``when`` holds over the answers *in force* before it; an answer is in force when its question
shows and it was answered. An answer whose question a later change hides stays in the session,
unused, and is in force again as soon as the question shows again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wizard.bank import Bank, Question, QuestionType, Stage
from wizard.conditions import evaluate
from wizard.session import Answer, AnswerStatus, Depth, Progress, Session

__all__ = [
    "Step",
    "asked",
    "condition_value",
    "first_open",
    "in_force",
    "next_open",
    "next_step",
    "open_questions",
    "previous_step",
    "progress",
    "refresh_progress",
    "unfinished",
    "visible",
]


@dataclass(frozen=True)
class Step:
    """A question to ask, with its stage and the stage's place in the bank."""

    stage: Stage
    question: Question
    stage_number: int

    @property
    def id(self) -> str:
        return self.question.id


def condition_value(q: Question, value: Any) -> Any:
    """An answer as conditions see it: free "Other" text reads as the other choice's value."""
    other = q.other_choice()
    if other is None or value is None:
        return value
    known = set(q.choice_values())
    # a value of another kind (a session file edited by hand) is left as it is: a condition
    # on it is simply false, never an error
    if q.type is QuestionType.SELECT and isinstance(value, str):
        return value if value in known else other.value
    if (
        q.type is QuestionType.MULTI_SELECT
        and isinstance(value, list)
        and all(isinstance(v, str) for v in value)
    ):
        return list(dict.fromkeys(v if v in known else other.value for v in value))
    return value


def visible(bank: Bank, answers: Mapping[str, Answer]) -> list[Step]:
    """The questions that show, in order."""
    steps: list[Step] = []
    seen: dict[str, Any] = {}
    for number, stage in enumerate(bank.stages, start=1):
        for q in stage.questions:
            if q.when is not None and not evaluate(q.when, seen):
                continue
            steps.append(Step(stage, q, number))
            answer = answers.get(q.id)
            if answer is not None and answer.status is AnswerStatus.ANSWERED:
                seen[q.id] = condition_value(q, answer.value)
    return steps


def in_force(bank: Bank, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers whose questions show (answered, skipped or "don't know yet")."""
    return {s.id: answers[s.id] for s in visible(bank, answers) if s.id in answers}


def unfinished(answers: Mapping[str, Answer], qid: str) -> bool:
    """Whether a question still waits for its answer: none yet, or one begun (in progress)."""
    answer = answers.get(qid)
    return answer is None or answer.status is AnswerStatus.IN_PROGRESS


def asked(bank: Bank, answers: Mapping[str, Answer], depth: Depth = Depth.FULL) -> list[Step]:
    """The questions the wizard asks at ``depth``: at core depth, the visible questions marked
    core and any other that already has an answer; at full depth, every visible question."""
    steps = visible(bank, answers)
    if depth is Depth.FULL:
        return steps
    return [s for s in steps if s.question.core or s.id in answers]


def first_open(bank: Bank, answers: Mapping[str, Answer], depth: Depth = Depth.FULL) -> Step | None:
    """The first question asked at ``depth`` that has no finished answer: where to resume."""
    return next_open(bank, answers, None, depth)


def next_open(
    bank: Bank, answers: Mapping[str, Answer], after: str | None, depth: Depth = Depth.FULL
) -> Step | None:
    """The first question after ``after`` (in bank order) asked at ``depth`` and unfinished."""
    order = {qid: n for n, qid in enumerate(bank.ids())}
    here = -1 if after is None else order.get(after, -1)
    return next(
        (
            s
            for s in asked(bank, answers, depth)
            if order[s.id] > here and unfinished(answers, s.id)
        ),
        None,
    )


def next_step(
    bank: Bank, answers: Mapping[str, Answer], current: str | None, depth: Depth = Depth.FULL
) -> Step | None:
    """The question after ``current`` asked at ``depth`` (the first one when ``current`` is
    None), answered or not.

    When ``current`` no longer shows (an answer before it changed), the next is the first
    question after it in bank order that does show.
    """
    steps = asked(bank, answers, depth)
    if current is None:
        return steps[0] if steps else None
    order = {qid: n for n, qid in enumerate(bank.ids())}
    here = order.get(current, -1)
    return next((s for s in steps if order[s.id] > here), None)


def previous_step(
    bank: Bank, answers: Mapping[str, Answer], current: str | None, depth: Depth = Depth.FULL
) -> Step | None:
    """The question before ``current`` asked at ``depth``, skipping hidden ones (None at the
    start)."""
    steps = asked(bank, answers, depth)
    if current is None:
        return steps[-1] if steps else None
    order = {qid: n for n, qid in enumerate(bank.ids())}
    here = order.get(current, len(order))
    before = [s for s in steps if order[s.id] < here]
    return before[-1] if before else None


def open_questions(bank: Bank, answers: Mapping[str, Answer]) -> list[Step]:
    """Questions that show and still need something: unanswered, begun but not finished,
    "don't know yet", or skipped though required."""
    out = []
    for step in visible(bank, answers):
        answer = answers.get(step.id)
        if (
            answer is None
            or answer.status in (AnswerStatus.UNKNOWN, AnswerStatus.IN_PROGRESS)
            or (answer.status is AnswerStatus.SKIPPED and step.question.required)
        ):
            out.append(step)
    return out


def progress(
    bank: Bank, answers: Mapping[str, Answer], depth: Depth = Depth.FULL
) -> tuple[int, int]:
    """(questions asked at ``depth`` and answered, questions asked at ``depth``); skipped,
    "don't know yet" and unfinished lists do not count as answered."""
    steps = asked(bank, answers, depth)
    done = sum(
        1 for s in steps if s.id in answers and answers[s.id].status is AnswerStatus.ANSWERED
    )
    return done, len(steps)


def refresh_progress(bank: Bank, session: Session) -> None:
    """Store the session's progress in it, so listings need not load the banks."""
    done, total = progress(bank, session.answers, session.depth)
    session.progress = Progress(done=done, total=total)
