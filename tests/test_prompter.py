"""Real questionary prompts, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.prompter import Action, MemoryKeeper, Reply, TerminalPrompter

MINI = Path(__file__).parent / "data" / "mini"
ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
BACKSPACE = "\x7f"
CTRL_C = "\x03"
ESC_ENTER = "\x1b\r"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([MINI])


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


@pytest.fixture
def screen() -> io.StringIO:
    return io.StringIO()


def feed(pipe: PipeInput, keys: str) -> None:
    """Send the keys, then end the input: a prompt that wants more fails instead of hanging."""
    pipe.send_text(keys)
    pipe.close()


def prompter(pipe: PipeInput, screen: io.StringIO) -> TerminalPrompter:
    console = Console(file=screen, width=80, color_system=None)
    return TerminalPrompter(console, input=pipe, output=DummyOutput())


def test_text_answer(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "Acme Tea" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("name"), None, can_go_back=False)
    assert reply == Reply(Action.ANSWER, "Acme Tea")


def test_wrong_value_is_asked_again(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    # "lots" is refused (the prompt stays open with the reason); erase it and type 12
    feed(pipe, "lots" + ENTER + BACKSPACE * 4 + "0" + ENTER + BACKSPACE + "12" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("headcount"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, 12)


def test_the_validator_message_is_the_banks(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    """A refused answer is explained on screen in the bank's own words, then asked again."""
    rules = bank.question("name").validation
    assert rules is not None
    assert rules.length is not None
    assert rules.length.message == "Between 2 and 40 characters, please."  # the mini bank's
    feed(pipe, "A" + ENTER + "Acme Tea" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("name"), None, can_go_back=False)
    assert reply == Reply(Action.ANSWER, "Acme Tea")
    assert "✗ Between 2 and 40 characters, please.  (you typed: A)" in screen.getvalue()


@pytest.mark.parametrize(
    ("typed", "action"),
    [("/back", Action.BACK), ("/skip", Action.SKIP), ("/unknown", Action.UNKNOWN)],
)
def test_text_commands(
    bank: Bank, pipe: PipeInput, screen: io.StringIO, typed: str, action: Action
) -> None:
    feed(pipe, typed + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("headcount"), None, can_go_back=True)
    assert reply.action is action


def test_back_at_the_first_question_says_so_and_asks_again(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, "/back" + ENTER + "Acme" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("name"), None, can_go_back=False)
    assert reply == Reply(Action.ANSWER, "Acme")
    assert "This is the first question" in screen.getvalue()


def test_note_is_kept_at_once_then_the_answer(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, "/note ask the boss" + ENTER + "7" + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(
        bank.question("headcount"), None, can_go_back=True, keep=keep
    )
    assert reply == Reply(Action.ANSWER, 7)
    assert keep.notes == ["ask the boss"]
    assert "Note saved." in screen.getvalue()


def test_enter_keeps_the_current_answer(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, ENTER)
    reply = prompter(pipe, screen).ask(bank.question("headcount"), 4, can_go_back=True)
    assert reply == Reply(Action.ANSWER, 4)


def test_long_text(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "Home" + ENTER + "Shop" + ENTER + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("site_plan"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "Home\nShop")


def test_money_uses_the_default_currency(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "3,000" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("seo_budget"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, {"amount": 3000, "currency": "CNY"})


def test_select(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("platform"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "third_party")


def test_select_by_typing_part_of_a_choice(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # typed ahead of the menu being drawn, as a fast typist or a paste does
    feed(pipe, "third" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("platform"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "third_party")


def test_a_command_with_words_typed_into_a_checkbox(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # the spaces are part of the command (they tick nothing), then Space ticks the first choice
    feed(pipe, "/park call them back" + ENTER + " " + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(bank.question("channels"), None, can_go_back=True, keep=keep)
    assert keep.parked == ["call them back"]
    assert reply == Reply(Action.ANSWER, ["seo"])


def test_a_note_in_chinese_typed_into_a_menu(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, "/note 问老板 ok" + ENTER + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(bank.question("platform"), None, can_go_back=True, keep=keep)
    assert keep.notes == ["问老板 ok"]
    assert reply == Reply(Action.ANSWER, "own_website")


def test_select_other_takes_free_text(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, DOWN + DOWN + ENTER + "A pop-up shop" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("platform"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "A pop-up shop")


@pytest.mark.parametrize(
    ("downs", "action"), [(3, Action.BACK), (4, Action.SKIP), (5, Action.UNKNOWN)]
)
def test_select_extras(
    bank: Bank, pipe: PipeInput, screen: io.StringIO, downs: int, action: Action
) -> None:
    feed(pipe, DOWN * downs + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("platform"), None, can_go_back=True)
    assert reply.action is action


def test_confirm(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("ready"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, False)


def test_multi_select(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, " " + DOWN + " " + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("channels"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, ["seo", "email"])


def test_multi_select_skip(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, DOWN * 3 + " " + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("channels"), None, can_go_back=True)
    assert reply.action is Action.SKIP


def test_list_with_two_items(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    keys = [
        ENTER, "Grow sales" + ENTER, "2027-06-30" + ENTER,  # add item 1
        ENTER, "Win 100 leads" + ENTER, ENTER,  # the menu starts on "Add an item" again
    ]  # fmt: skip
    feed(pipe, "".join(keys) + DOWN + ENTER)  # "Done" is right below "Add an item"
    reply = prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True)
    assert reply == Reply(
        Action.ANSWER, [{"goal": "Grow sales", "due": "2027-06-30"}, {"goal": "Win 100 leads"}]
    )
    assert "Goals?: 1 item(s)" in screen.getvalue()


def test_list_edit_and_remove(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    current = [{"goal": "A"}, {"goal": "B"}]
    # menu: Add, Done, Edit 1, Edit 2, Remove 1, Remove 2 -> "Remove item 1", confirm, Done
    feed(pipe, DOWN * 4 + ENTER + DOWN + ENTER + DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("goals"), current, can_go_back=True)
    assert reply == Reply(Action.ANSWER, [{"goal": "B"}])


def test_ctrl_c_raises_keyboard_interrupt(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "Acm" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompter(pipe, screen).ask(bank.question("name"), None, can_go_back=False)


def test_long_text_finishes_with_esc_enter_too(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, "Home" + ENTER + "Shop" + ESC_ENTER)
    reply = prompter(pipe, screen).ask(bank.question("site_plan"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "Home\nShop")


def test_long_text_command_with_one_enter(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "/skip" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("site_plan"), None, can_go_back=True)
    assert reply.action is Action.SKIP


def test_unknown_command_is_refused(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    # "/skp" is refused (a typo is not an answer); erase it and skip properly
    feed(pipe, "/skp" + ENTER + BACKSPACE * 4 + "/skip" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("name"), None, can_go_back=True)
    assert reply.action is Action.SKIP


def test_multi_select_with_nothing_ticked_is_asked_again(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, ENTER + DOWN + " " + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("channels"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, ["email"])
    assert "= E-mail" in screen.getvalue()


def test_money_symbol_and_echo(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "$250" + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("seo_budget"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, {"amount": 250, "currency": "USD"})
    assert "= 250 USD" in screen.getvalue()


def test_removing_an_item_can_be_cancelled(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # menu: Add, Done, Edit 1, Remove 1: pick "Remove item 1", answer "No, keep it", then Done
    feed(pipe, DOWN * 3 + ENTER + ENTER + DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("goals"), [{"goal": "A"}], can_go_back=True)
    assert reply == Reply(Action.ANSWER, [{"goal": "A"}])


def test_ctrl_c_during_a_list_item(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, ENTER + "Half a goal" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True)


def test_long_text_may_start_with_a_slash(bank: Bank, pipe: PipeInput, screen: io.StringIO) -> None:
    feed(pipe, "/shop and /blog pages" + ENTER + "more" + ENTER + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("site_plan"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, "/shop and /blog pages\nmore")


def test_dont_know_inside_a_list_item_marks_that_field(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # Add an item: goal, then /unknown at the date; the item is saved at once, then Done
    feed(pipe, ENTER + "Grow" + ENTER + "/unknown" + ENTER + DOWN + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True, keep=keep)
    item = {"goal": "Grow", "_unknown": ["due"]}
    assert reply == Reply(Action.ANSWER, [item])
    assert keep.saved_items == [[item]]


def test_an_item_being_typed_is_kept_as_a_draft_after_each_field(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, ENTER + "Half a goal" + ENTER + "/note ask Li" + ENTER + "2027-0" + CTRL_C)
    keep = MemoryKeeper()
    with pytest.raises(KeyboardInterrupt):
        prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True, keep=keep)
    assert keep.drafts == [
        {"goal": "Half a goal"},
        {"goal": "Half a goal", "_notes": {"due": "ask Li"}},
    ]
    assert keep.saved_items == []


def test_an_unfinished_item_is_offered_to_finish(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # "Yes, finish item 2": Enter keeps the goal typed before, then the date; then Done
    feed(pipe, ENTER + ENTER + "2027-06-30" + ENTER + DOWN + ENTER)
    keep = MemoryKeeper(drafts=[{"goal": "Half a goal"}])
    reply = prompter(pipe, screen).ask(
        bank.question("goals"), [{"goal": "A"}], can_go_back=True, keep=keep
    )
    finished = {"goal": "Half a goal", "due": "2027-06-30"}
    assert reply == Reply(Action.ANSWER, [{"goal": "A"}, finished])
    assert keep.saved_items == [[{"goal": "A"}, finished]]
    assert "Item 2 was not finished when you stopped" in screen.getvalue()


def test_an_unfinished_item_can_be_dropped(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, DOWN + ENTER + DOWN + ENTER)  # "No, drop item 1", then Done
    keep = MemoryKeeper(drafts=[{"goal": "Half a goal"}])
    reply = prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True, keep=keep)
    assert reply == Reply(Action.SKIP)  # an optional list left empty
    assert keep.drafts[-1] is None
    assert "Item 1 dropped." in screen.getvalue()


def test_back_on_the_first_field_drops_the_draft(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, ENTER + "Grow" + ENTER + "/back" + ENTER + "/back" + ENTER + DOWN + ENTER)
    keep = MemoryKeeper()
    prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True, keep=keep)
    assert keep.drafts == [{"goal": "Grow"}, None]
    assert "Item dropped (it was not finished)." in screen.getvalue()


def test_enter_keeps_dont_know_yet_on_a_needed_field(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # Edit item 1, whose needed goal is marked "don't know yet": Enter keeps the mark and
    # moves on to the date; then Done
    current = [{"_unknown": ["goal"]}]
    feed(pipe, DOWN * 2 + ENTER + ENTER + "2027-06-30" + ENTER + DOWN + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(bank.question("goals"), current, can_go_back=True, keep=keep)
    item = {"due": "2027-06-30", "_unknown": ["goal"]}
    assert reply == Reply(Action.ANSWER, [item])
    assert keep.saved_items == [[item]]
    assert "An answer is needed" not in screen.getvalue()
    assert "don't know yet (Enter keeps it)" in screen.getvalue()


def test_back_on_the_first_field_of_an_edited_item_leaves_it_as_it_was(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    # Edit item 1, type over its goal... then /back on the first field instead; then Done
    current = [{"goal": "A"}, {"goal": "B"}]
    feed(pipe, DOWN * 2 + ENTER + BACKSPACE + "/back" + ENTER + DOWN + ENTER)
    keep = MemoryKeeper()
    reply = prompter(pipe, screen).ask(bank.question("goals"), current, can_go_back=True, keep=keep)
    assert reply == Reply(Action.ANSWER, current)
    assert keep.saved_items == []
    assert keep.drafts == []
    assert "Item 1 left as it was." in screen.getvalue()
    assert "dropped" not in screen.getvalue()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-03-31", "2027-03-31"),
        ("2027/3/31", "2027-03-31"),
        ("2027年3月31日", "2027-03-31"),
        ("31.3.2027", "2027-03-31"),
    ],
)
def test_dates_as_people_write_them(
    bank: Bank, pipe: PipeInput, screen: io.StringIO, typed: str, expected: str
) -> None:
    feed(pipe, ENTER + "Grow" + ENTER + typed + ENTER + DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, [{"goal": "Grow", "due": expected}])


def test_a_date_with_the_year_last_and_slashes_is_refused_as_ambiguous(
    bank: Bank, pipe: PipeInput, screen: io.StringIO
) -> None:
    feed(pipe, ENTER + "Grow" + ENTER + "31/03/2027" + ENTER + "2027-03-31" + ENTER + DOWN + ENTER)
    reply = prompter(pipe, screen).ask(bank.question("goals"), None, can_go_back=True)
    assert reply == Reply(Action.ANSWER, [{"goal": "Grow", "due": "2027-03-31"}])
    assert "31/03/2027 has the year last, which is read day first" in screen.getvalue()
