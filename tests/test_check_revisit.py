"""The plan check at the end of the wizard and in ``review``, through the real prompts: the
user goes to the question behind a finding, fixes it, and the finding is gone."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from tests.plan_support import load_example, session_from_answers
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.prompter import TerminalPrompter
from wizard.runner import Wizard
from wizard.session import Session
from wizard.store import SessionStore

ENTER = "\r"
DOWN = "\x1b[B"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


GOAL_2 = load_example("tea-brand")["goals"][1]["goal"]


def planted(bank: Bank, store: SessionStore) -> Session:
    """The tea brand's session with one problem: its second goal has no deadline."""
    answers = load_example("tea-brand")
    goals = [dict(goal) for goal in answers["goals"]]
    goals[1].pop("deadline")
    session = session_from_answers(bank, answers | {"goals": goals}, "acme")
    store.save(session)
    return session


def run_finish(
    bank: Bank, store: SessionStore, pipe: PipeInput, keys: str, written: list[str] | None = None
) -> str:
    """The wizard's end, with ``keys`` typed; returns what the screen showed. The plan writer
    notes the goals' deadlines it was given in ``written``."""
    session = store.load("acme")
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    pipe.send_text(keys)
    prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())

    def writer(s: Session) -> Path:
        goals = s.answers["goals"].value
        (written if written is not None else []).append(str(goals[1].get("deadline")))
        return store.home / "plan.md"

    Wizard(bank, store, session, prompter, console, writer).finish()
    return " ".join(screen.getvalue().split())


def test_picking_the_finding_asks_its_item_and_the_finding_is_gone(
    bank: Bank, tmp_path: Path, pipe: PipeInput
) -> None:
    store = SessionStore(tmp_path)
    planted(bank, store)
    keys = DOWN + ENTER  # the finding, under "Finish"
    keys += ENTER  # the goals' menu starts on "Edit item 2": Enter edits it
    keys += ENTER * 5  # goal, metric, baseline, target, what it counts: kept
    keys += "2027-11-30" + ENTER  # the missing deadline
    keys += ENTER  # owner: kept
    keys += ENTER  # the menu now starts on "Done with this list"
    written: list[str] = []
    out = run_finish(bank, store, pipe, keys, written)
    assert written == ["2027-11-30"]  # the plan is written once, after the fix
    # before: the offer, the finding whole above its menu
    assert "1 problem(s) and 0 warning(s) to revisit: ✗ 2.3 Goals and targets, item 2: " in out
    assert f"Goal 2 ({GOAL_2}) has no deadline." in out
    assert "Item 2 saved." in out
    # after; the goal the forecast reaches only in its high case is a tip, not to revisit, but
    # the last screen says there are tips and where to read them
    assert "Plan check: 12 of 13 rules pass; nothing to revisit. Also 2 tip(s); " in out
    goals = store.load("acme").answers["goals"].value
    assert goals[1]["deadline"] == "2027-11-30"
    assert goals[0]["deadline"] == "2027-12-31"  # the other item is as it was
    assert [g["goal"] for g in goals] == [g["goal"] for g in load_example("tea-brand")["goals"]]


def test_finish_first_changes_no_answer_and_lists_the_finding(
    bank: Bank, tmp_path: Path, pipe: PipeInput
) -> None:
    store = SessionStore(tmp_path)
    session = planted(bank, store)
    before = {qid: a.value for qid, a in session.answers.items()}
    written: list[str] = []
    out = run_finish(bank, store, pipe, ENTER, written)  # "Finish: write the plan now": default
    assert written == ["None"]  # the plan is written as it is
    after = store.load("acme")
    assert {qid: a.value for qid, a in after.answers.items()} == before
    assert "deadline" not in after.answers["goals"].value[1]
    assert "Item 2 saved." not in out
    assert "✗ 2.3 Goals and targets, item 2: " in out  # the last screen still names it
    assert "marketing-wizard check acme" in out


def test_no_offer_when_nothing_is_left_to_revisit(
    bank: Bank, tmp_path: Path, pipe: PipeInput
) -> None:
    """The shipped example has no problem and no warning: no menu, straight to the end (no
    keys are typed, so a menu would fail on the empty input)."""
    store = SessionStore(tmp_path)
    store.save(session_from_answers(bank, load_example("tea-brand"), "acme"))
    out = run_finish(bank, store, pipe, "")
    assert "nothing to revisit." in out
    assert "Go to the question behind a finding" not in out


def test_review_shows_the_findings_and_goes_to_one_with_slash_go(
    bank: Bank, tmp_path: Path, pipe: PipeInput
) -> None:
    store = SessionStore(tmp_path)
    session = planted(bank, store)
    keys = "/go 2.3" + ENTER  # typed at the stage menu
    keys += ENTER  # the goals' menu starts on the finding's item: "Edit item 2"
    keys += ENTER * 5  # goal, metric, baseline, target, what it counts: kept
    keys += "2027-11-30" + ENTER  # the missing deadline
    keys += ENTER  # owner: kept
    keys += ENTER  # the menu now starts on "Done with this list"
    keys += ENTER  # the stage menu again: "Done reviewing"
    pipe.send_text(keys)
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())
    Wizard(bank, store, session, prompter, console).review()
    out = " ".join(screen.getvalue().split())
    opening = out[: out.index("Back where you were.")]
    assert "Plan check: 11 of 13 rules pass; 1 problem(s) and 0 warning(s) to revisit:" in opening
    assert "✗ 2.3 Goals and targets, item 2: Goal 2" in opening
    assert "To go to a finding's question, type /go 2.3 at the menu below" in opening
    assert "Also 2 tip(s); every finding and why it matters: " in opening
    assert "marketing-wizard check acme." in opening
    assert "Pick one of the entries" not in out  # /go was taken, not refused
    goals = store.load("acme").answers["goals"].value
    assert goals[1]["deadline"] == "2027-11-30"  # the item the finding named was the one edited
    assert goals[0]["deadline"] == "2027-12-31"


def test_a_long_finding_keeps_its_last_words_in_the_menu() -> None:
    from wizard.check.model import Finding, Ref, Severity
    from wizard.screens import finding_text

    finding = Finding(
        "goal-deadline",
        Severity.PROBLEM,
        "Goal 2 (Win new customers from marketing-sourced leads) has no deadline.",
        "why",
        Ref("goals", "2.3", "Goals and targets", 2),
    )
    short = finding_text(finding, 80)
    assert short.startswith("✗ 2.3 Goals and targets, item 2: Goal 2 (Win new customers")
    assert short.endswith(" has no deadline.")
    assert "… " in short
    assert len(short) <= 80
    assert finding_text(finding, 200).endswith("marketing-sourced leads) has no deadline.")
    whole = "✗ 2.3 Goals and targets, item 2: Goal 2 (Win new customers from marketing-sourced "
    assert finding_text(finding) == whole + "leads) has no deadline."  # listed above the menu


def test_ctrl_c_at_the_offer_stops_before_the_plan_and_keeps_the_answers(
    bank: Bank, tmp_path: Path, pipe: PipeInput
) -> None:
    store = SessionStore(tmp_path)
    session = planted(bank, store)
    before = {qid: a.value for qid, a in session.answers.items()}
    written: list[str] = []
    with pytest.raises(KeyboardInterrupt):  # the CLI then says "Stopped", as everywhere
        run_finish(bank, store, pipe, "\x03", written)
    assert written == []
    assert {qid: a.value for qid, a in store.load("acme").answers.items()} == before
