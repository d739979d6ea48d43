"""The worksheet model from a loaded bank: the stages chosen, at the depth chosen.

Questions are data: everything here is read from the bank; nothing names a question.
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.bank import Bank, Period, Question, QuestionType, Stage
from wizard.display import format_value
from wizard.errors import UsageError
from wizard.finder import question_number
from wizard.i18n import N_, _, is_chinese
from wizard.session import Depth
from wizard.validation import describe_expected
from wizard.worksheet.conditions import condition_in_words
from wizard.worksheet.model import SheetChoice, SheetEntry, SheetQuestion, SheetStage, Worksheet

__all__ = ["build_worksheet", "choose_stages"]

_LINES = {
    QuestionType.LONG_TEXT: 4,
    QuestionType.SELECT: 0,
    QuestionType.MULTI_SELECT: 0,
    QuestionType.CONFIRM: 0,
}
_LIST_ROWS = (3, 6)  # empty rows of a list's table: at least, at most

INSTRUCTIONS = (
    N_(
        "Please answer what you can before our workshop: a few words are enough, and a guess is "
        "fine. Leave blank what you do not know yet; we will work it out together."
    ),
    N_(
        "Questions marked “required” are the ones the plan cannot do without. A question that "
        "says “Only if” applies only when your earlier answer says so; otherwise skip it."
    ),
    N_(
        "Tick one box where the question asks for one choice, and every box that applies where "
        "it asks for several. For a table, write one line per item."
    ),
)

SHORT = N_(
    "This is the short version, with only the questions a plan cannot do without. The numbers "
    "are those of the full questionnaire, so some are skipped."
)


def choose_stages(bank: Bank, wanted: Sequence[str]) -> list[int]:
    """The 1-based numbers of the stages ``wanted`` names (an id or a number), in bank order;
    every stage when nothing is wanted.

    Raises:
        UsageError: naming the stages there are, for one that is not among them.
    """
    if not wanted:
        return list(range(1, len(bank.stages) + 1))
    chosen: set[int] = set()
    ids = [stage.id for stage in bank.stages]
    for word in wanted:
        key = word.strip()
        if key.isdigit() and 1 <= int(key) <= len(bank.stages):
            chosen.add(int(key))
        elif key in ids:
            chosen.add(ids.index(key) + 1)
        else:
            listed = ("、" if is_chinese() else ", ").join(
                f"{n} ({sid})" for n, sid in enumerate(ids, start=1)
            )
            raise UsageError(
                _("--stage {word}: there is no such stage. The stages are: {listed}.").format(
                    word=repr(word), listed=listed
                ),
                hint=_("Give a stage's number or id; repeat --stage for several."),
            )
    return sorted(chosen)


def build_worksheet(
    bank: Bank,
    stages: Sequence[int] | None = None,
    depth: Depth = Depth.FULL,
    bank_name: str | None = None,
) -> Worksheet:
    """The worksheet of ``stages`` (1-based numbers; default all) at ``depth``: at core depth
    only the questions marked core."""
    numbers = list(stages) if stages is not None else list(range(1, len(bank.stages) + 1))
    sheet_stages = []
    for number in numbers:
        stage = bank.stages[number - 1]
        questions = tuple(
            _question(bank, q) for q in stage.questions if depth is Depth.FULL or q.core
        )
        if questions:
            sheet_stages.append(_stage(number, stage, questions))
    instructions = INSTRUCTIONS + ((SHORT,) if depth is Depth.CORE else ())
    return Worksheet(
        title=_("{title}: questions before the workshop").format(title=bank.layout.title),
        instructions=tuple(_(text) for text in instructions),
        stages=tuple(sheet_stages),
        bank_name=bank_name,
    )


def _stage(number: int, stage: Stage, questions: tuple[SheetQuestion, ...]) -> SheetStage:
    return SheetStage(
        number=number, id=stage.id, title=stage.title, intro=stage.intro, questions=questions
    )


def _entry(q: Question) -> SheetEntry:
    return SheetEntry(
        id=q.id,
        type=q.type,
        prompt=q.prompt,
        label=q.title,
        help=q.help,
        example=format_value(q, q.example),
        example_value=q.example,
        hint=hint(q),
        required=q.required,
        choices=_choices(q),
        lines=_LINES.get(q.type, 1),
    )


def _question(bank: Bank, q: Question) -> SheetQuestion:
    rows = 0
    if q.type is QuestionType.LIST:
        least = q.validation.items.min if q.validation and q.validation.items else None
        rows = min(max(_LIST_ROWS[0], least or 0), _LIST_ROWS[1])
    return SheetQuestion(
        **vars(_entry(q)),
        number=question_number(bank, q.id),
        condition=condition_in_words(bank, q.when) if q.when else None,
        fields=tuple(_entry(f) for f in q.fields or []),
        rows=rows,
    )


def _choices(q: Question) -> tuple[SheetChoice, ...]:
    if q.type is QuestionType.CONFIRM:
        return (SheetChoice("yes", _("Yes")), SheetChoice("no", _("No")))
    return tuple(SheetChoice(c.value, c.label, c.other) for c in q.choices or [])


def hint(q: Question) -> str:
    """What an answer to ``q`` takes, in a few words."""
    other = q.other_choice() is not None
    match q.type:
        case QuestionType.TEXT:
            return _("text, one line")
        case QuestionType.LONG_TEXT:
            return _("text; one point a line") if not q.prose else _("text, a paragraph or two")
        case QuestionType.SELECT:
            if other:
                return _("one of the choices (or your own text for “Other”)")
            return _("one of the choices")
        case QuestionType.MULTI_SELECT:
            if other:
                return _("any of the choices (or your own text for “Other”)")
            return _("any of the choices")
        case QuestionType.MONEY:
            currency = q.currency or "EUR"
            if q.period is Period.MONTH:
                text = _("an amount a month with its currency, such as 12000 {currency}")
            elif q.period is Period.PLAN:
                text = _("an amount for the whole plan with its currency, such as 12000 {currency}")
            else:
                text = _("an amount with its currency, such as 12000 {currency}")
            return text.format(currency=currency)
        case _:
            return describe_expected(q)
