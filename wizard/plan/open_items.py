"""What the plan leaves open and keeps aside: the open questions (by question and by list
item), the notes, the parking lot, and the appendix of every question with its answer.

An answer in progress counts as the user's: its value (a list's finished items) is shown, and
the question is open as not finished. A list item's marks (``_unknown``, ``_notes``) are read
through :mod:`wizard.plan.items`, so they never show as fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wizard.bank import Bank, Question, QuestionType
from wizard.display import clean_text, format_value
from wizard.flow import Step, open_questions
from wizard.plan.items import field_label, item_notes, item_unknown, list_items
from wizard.plan.model import (
    AppendixEntry,
    AppendixStage,
    EntryStatus,
    Note,
    OpenItem,
    ParkedPoint,
    UnansweredStage,
)
from wizard.session import Answer, AnswerStatus, Session

__all__ = [
    "SHOWN",
    "appendix",
    "entry_status",
    "note_of",
    "notes_of",
    "open_items",
    "parked_points",
    "section_title",
    "unanswered_stages",
]

SHOWN = (AnswerStatus.ANSWERED, AnswerStatus.IN_PROGRESS)
"""Answers whose value the plan shows: an unfinished list's finished items are the user's too."""


def entry_status(answer: Answer | None) -> EntryStatus:
    if answer is None:
        return EntryStatus.UNANSWERED
    return EntryStatus(answer.status.value)


def section_title(bank: Bank, q: Question) -> str | None:
    return bank.layout.section_title(q.section) if q.section else None


def appendix(steps: Iterable[Step], answers: Mapping[str, Answer]) -> list[AppendixStage]:
    stages: dict[str, AppendixStage] = {}
    for step in steps:
        q = step.question
        answer = answers.get(q.id)
        stage = stages.setdefault(
            step.stage.id,
            AppendixStage(number=step.stage_number, title=clean_text(step.stage.title), entries=[]),
        )
        shown = ""
        if answer is not None and answer.status in SHOWN:
            shown = format_value(q, answer.value)
        stage.entries.append(
            AppendixEntry(
                question_id=q.id,
                question=clean_text(q.title),
                answer=shown,
                status=entry_status(answer),
                note=clean_text(answer.note) if answer and answer.note else None,
            )
        )
    return list(stages.values())


def unanswered_stages(steps: Iterable[Step]) -> list[UnansweredStage]:
    """The questions not answered yet, one entry per stage."""
    stages: dict[str, UnansweredStage] = {}
    for step in steps:
        stage = stages.setdefault(
            step.stage.id,
            UnansweredStage(
                number=step.stage_number, stage=clean_text(step.stage.title), question_ids=[]
            ),
        )
        stage.question_ids.append(step.id)
        if step.question.required:
            stage.required.append(clean_text(step.question.title))
    return list(stages.values())


def open_items(bank: Bank, steps: Iterable[Step], answers: Mapping[str, Answer]) -> list[OpenItem]:
    """The questions to settle, in bank order: each open question that has an answer ("don't
    know yet", not finished, skipped though required), then the fields of its items marked
    "don't know yet", item by item."""
    still_open = {step.id for step in open_questions(bank, answers)}
    items: list[OpenItem] = []
    for step in steps:
        q, answer = step.question, answers.get(step.id)
        if answer is None:
            continue
        question, stage = clean_text(q.title), clean_text(step.stage.title)
        if step.id in still_open:
            items.append(
                OpenItem(
                    question_id=q.id,
                    question=question,
                    prompt=clean_text(q.prompt),
                    stage=stage,
                    section=section_title(bank, q),
                    status=entry_status(answer),
                    required=q.required,
                    note=note_of(answer),
                )
            )
        if q.type is not QuestionType.LIST or answer.status not in SHOWN:
            continue
        fields = {f.id: f for f in q.fields or []}
        for number, item in enumerate(list_items(answer.value), start=1):
            notes = item_notes(item)
            items += [
                OpenItem(
                    question_id=q.id,
                    question=question,
                    prompt=field_label(q, item, number, fields[fid]),
                    item=number,
                    field_id=fid,
                    stage=stage,
                    section=section_title(bank, q),
                    status=EntryStatus.UNKNOWN,
                    note=notes.get(fid),
                )
                for fid in item_unknown(item)
                if fid in fields
            ]
    return items


def notes_of(steps: Iterable[Step], answers: Mapping[str, Answer], listed: set[str]) -> list[Note]:
    """The notes not shown with an open question: on answers, then on list items' fields."""
    notes: list[Note] = []
    for step in steps:
        q, answer = step.question, answers.get(step.id)
        note = note_of(answer)
        if note and step.id not in listed:
            notes.append(Note(question_id=q.id, question=clean_text(q.title), note=note))
        if answer is None or q.type is not QuestionType.LIST or answer.status not in SHOWN:
            continue
        fields = {f.id: f for f in q.fields or []}
        for number, item in enumerate(list_items(answer.value), start=1):
            unknown = item_unknown(item)
            for fid, text in item_notes(item).items():
                if fid in fields and fid not in unknown:  # else it stays with its open item
                    notes.append(
                        Note(
                            question_id=q.id,
                            question=field_label(q, item, number, fields[fid]),
                            note=text,
                            item=number,
                            field_id=fid,
                        )
                    )
    return notes


def parked_points(bank: Bank, session: Session) -> list[ParkedPoint]:
    """The parking lot, each point with the label of the question it was parked at."""
    out = []
    for point in session.parked:
        text = clean_text(point.text).strip()
        if not text:
            continue
        label = None
        if point.question:
            try:
                label = clean_text(bank.question(point.question).title)
            except KeyError:
                label = clean_text(point.question)
        out.append(ParkedPoint(text=text, question_id=point.question, question=label))
    return out


def note_of(answer: Answer | None) -> str | None:
    if answer is None or not answer.note or not answer.note.strip():
        return None
    return clean_text(answer.note).strip()
