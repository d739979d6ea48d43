"""The plan's closing sections as plain blocks, so that every renderer shows them alike: the
open questions, and the appendix of answers (see :mod:`wizard.plan.views` for what it holds)."""

from __future__ import annotations

from wizard.i18n import N_, _
from wizard.plan.model import Block, BulletList, Paragraph, Plan, Section, Table

__all__ = [
    "APPENDIX",
    "NOTHING_OPEN",
    "NO_APPENDIX",
    "OPEN_QUESTIONS",
    "appendix",
    "open_questions",
]

# the headings and lines of the closing sections, translated where they are shown
OPEN_QUESTIONS = N_("Open questions")
NOTHING_OPEN = N_("Nothing is open: every question that applies has an answer.")
APPENDIX = N_("Appendix: questions and answers")
NO_APPENDIX = N_("No answers beside those in the plan above.")


def open_questions(plan: Plan) -> Section:
    """What is left to settle: the questions to settle, the stages' unanswered questions, the
    sections without answers; or a line saying nothing is open."""
    oq = plan.open_questions
    blocks: list[Block] = []
    if oq.is_empty():
        blocks.append(Paragraph(text=_(NOTHING_OPEN)))
    if oq.not_asked:
        blocks.append(Paragraph(text=oq.not_asked_line))
    if oq.questions:
        rows = [
            [
                item.prompt,
                item.stage,
                _("{status} (required)").format(status=item.status.label)
                if item.required
                else item.status.label,
                item.note or "",
            ]
            for item in oq.questions
        ]
        blocks.append(
            Table(
                title=_("Questions to settle"),
                columns=[_("Question"), _("Stage"), _("Status"), _("Note")],
                rows=rows,
            )
        )
    if oq.unanswered:
        blocks.append(
            Paragraph(
                title=_("Not answered yet"),
                text=_("These stages still have questions without an answer:"),
            )
        )
        blocks.append(
            Table(
                columns=[_("Stage"), _("Not answered yet"), _("Required among them")],
                rows=[
                    [f"{s.number}. {s.stage}", s.count_text, s.required_text] for s in oq.unanswered
                ],
            )
        )
    if oq.empty_sections:
        blocks.append(
            Paragraph(
                title=_("Sections without answers"),
                text=_(
                    "These sections are left out of the plan until their questions are answered:"
                ),
            )
        )
        blocks.append(BulletList(items=list(oq.empty_sections)))
    return Section(id="open-questions", title=_(OPEN_QUESTIONS), blocks=blocks)


def appendix(plan: Plan) -> Section | None:
    """The appendix, a table of answers per stage; None for the client's copy without one."""
    if not plan.appendix and not plan.internal:
        return None
    blocks: list[Block] = [] if plan.appendix else [Paragraph(text=_(NO_APPENDIX))]
    for stage in plan.appendix:
        with_notes = any(e.note for e in stage.entries)
        columns = [_("Question"), _("Answer"), _("Status")] + ([_("Note")] if with_notes else [])
        rows = []
        for e in stage.entries:
            row = [e.question, " / ".join(e.answer.splitlines()), e.status.label]
            rows.append(row + ([e.note or ""] if with_notes else []))
        blocks.append(Table(title=f"{stage.number}. {stage.title}", columns=columns, rows=rows))
    return Section(id="appendix", title=_(APPENDIX), blocks=blocks)
