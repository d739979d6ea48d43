"""Who a plan is for: the client's copy, the internal version, or the client's copy with the
appendix.

:func:`build_plan` keeps everything (the JSON form is the whole record). What goes to the client
leaves out what is for the facilitator: the notes kept with answers (and with open questions),
the parking lot and the plan check. The appendix, when asked for, lists only the answers the body does not already show,
so it never repeats the plan.
"""

from __future__ import annotations

from wizard.plan.model import AppendixStage, Block, EntryStatus, KeyValueList, Plan, Section

__all__ = ["body_question_ids", "for_audience"]


def _block_ids(block: Block) -> set[str]:
    ids = set(block.question_ids)
    if isinstance(block, KeyValueList):
        ids |= {row.question_id for row in block.rows if row.question_id}
    # a list item's field is shown as "question.item.field": the question is in the body
    return ids | {qid.split(".", 1)[0] for qid in ids}


def _section_ids(section: Section) -> set[str]:
    ids: set[str] = set()
    for block in section.blocks:
        ids |= _block_ids(block)
    for sub in section.subsections:
        ids |= _section_ids(sub)
    return ids


def body_question_ids(plan: Plan) -> set[str]:
    """The questions whose answers the plan's parts show."""
    ids: set[str] = set()
    for part in plan.parts:
        for section in part.sections:
            ids |= _section_ids(section)
    return ids


def _outside_body(plan: Plan) -> list[AppendixStage]:
    shown = body_question_ids(plan)
    stages = []
    for stage in plan.appendix:
        entries = [
            e
            for e in stage.entries
            if e.status is EntryStatus.ANSWERED and e.answer and e.question_id not in shown
        ]
        if entries:
            stages.append(stage.model_copy(update={"entries": entries}))
    return stages


def for_audience(plan: Plan, *, internal: bool = False, appendix: bool = False) -> Plan:
    """The plan as it goes out: the client's copy by default; ``internal`` keeps the notes,
    the parking lot, the plan check and the appendix; ``appendix`` adds only the appendix.
    Either way the appendix holds only the answers the body does not show."""
    keep_appendix = internal or appendix
    return plan.model_copy(
        update={
            "internal": internal,
            "notes": plan.notes if internal else [],
            "parked": plan.parked if internal else [],
            "check": plan.check if internal else None,
            "open_questions": plan.open_questions
            if internal
            else plan.open_questions.model_copy(
                update={
                    "questions": [
                        q.model_copy(update={"note": None}) for q in plan.open_questions.questions
                    ]
                }
            ),
            "appendix": _outside_body(plan) if keep_appendix else [],
        }
    )
