"""Typing a value at the real prompt gives the same answer as ``fill`` reading it.

Every shipped question (and every field of a list question) is answered with its bank example
through questionary prompts fed by a pipe; the reply must equal what the validator makes of the
same value read from an answers file.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from wizard.bank import Question, QuestionType
from wizard.banks import load_bank
from wizard.prompter import Action, TerminalPrompter
from wizard.validation import coerce_answer

ENTER, DOWN, UP = "\r", "\x1b[B", "\x1b[A"
BANK = load_bank()
QUESTIONS = [q for _stage, q in BANK.questions()]


def keys_for(q: Question, value: Any) -> str:
    """The keys a user presses to give ``value`` (in its stored form) to ``q``."""
    match q.type:
        case QuestionType.TEXT:
            return f"{value}{ENTER}"
        case QuestionType.LONG_TEXT:
            return str(value).replace("\n", ENTER) + ENTER + ENTER
        case QuestionType.INTEGER | QuestionType.NUMBER | QuestionType.PERCENT | QuestionType.DATE:
            return f"{value}{ENTER}"
        case QuestionType.MONEY:
            return f"{value['amount']} {value['currency']}{ENTER}"
        case QuestionType.CONFIRM:
            return ENTER if value else DOWN + ENTER
        case QuestionType.SELECT:
            values = q.choice_values()
            # the menu starts on the bank's default, if any, else on the first choice
            start = values.index(q.default) if q.default in values else 0
            if value in values:
                moves = values.index(value) - start
                return (DOWN * moves if moves >= 0 else UP * -moves) + ENTER
            assert start == 0, "an Other choice after a default is not typed here"
            other = q.other_choice()
            assert other is not None
            return DOWN * values.index(other.value) + ENTER + str(value) + ENTER
        case QuestionType.MULTI_SELECT:
            values = q.choice_values()
            other = q.other_choice()
            free = [v for v in value if v not in values]
            ticks = sorted(values.index(v) for v in value if v in values)
            if free:
                assert other is not None
                ticks = sorted({*ticks, values.index(other.value)})
            out, pos = "", 0
            for index in ticks:
                out += DOWN * (index - pos) + " "
                pos = index
            out += ENTER
            if free:
                out += ", ".join(free) + ENTER
            return out
        case QuestionType.LIST:
            out = ""
            for item in value:
                out += ENTER  # the menu starts on "Add an item"
                for field in q.fields or []:
                    if field.id in item:
                        out += keys_for(field, item[field.id])
                    elif field.type in {QuestionType.SELECT, QuestionType.CONFIRM}:
                        count = (
                            2 if field.type is QuestionType.CONFIRM else len(field.choices or [])
                        )
                        offered = field.choice_values()
                        start = offered.index(field.default) if field.default in offered else 0
                        out += DOWN * (count + 1 - start) + ENTER  # "Leave this field empty"
                    else:
                        out += ENTER
            return out + DOWN + ENTER  # "Done with this list", right below "Add an item"
    raise AssertionError(q.type)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_typing_the_example_gives_what_fill_stores(q: Question) -> None:
    expected = coerce_answer(q, q.example)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys_for(q, expected))
        pipe.close()  # a prompt that wants more keys fails instead of waiting
        console = Console(file=io.StringIO(), width=80)
        reply = TerminalPrompter(console, input=pipe, output=DummyOutput()).ask(
            q, None, can_go_back=True
        )
    assert reply.action is Action.ANSWER
    assert reply.value == expected
