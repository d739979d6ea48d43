"""The wizard loop with a scripted prompter and a real store: saves, back, review, resume."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from wizard.bank import Bank, Question
from wizard.banks import load_bank
from wizard.commands import Command
from wizard.prompter import Action, Reply
from wizard.runner import Wizard
from wizard.session import AnswerStatus, Session
from wizard.store import SessionStore

MINI = Path(__file__).parent / "data" / "mini"
CONTINUE = "__continue__"


class ScriptedPrompter:
    """Answers from a script of (question id, reply) and menu picks; fails on surprises."""

    def __init__(self, script: list[tuple[str, Any]], on_ask: Callable[[str], None] | None = None):
        self.script = list(script)
        self.asked: list[str] = []
        self.on_ask = on_ask

    def _next(self, key: str) -> Any:
        assert self.script, f"unexpected prompt {key!r}"
        expected, reply = self.script.pop(0)
        assert expected == key, f"asked {key!r}, script expected {expected!r}"
        return reply

    def ask(
        self,
        q: Question,
        current: Any,
        *,
        can_go_back: bool,
        context: Any = None,
        note: str | None = None,
        keep: Any = None,
    ) -> Reply:
        self.asked.append(q.id)
        if self.on_ask:
            self.on_ask(q.id)
        reply = self._next(q.id)
        if callable(reply):
            reply = reply(current)
        assert isinstance(reply, Reply)
        return reply

    def choose(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        picked = self._next("menu")
        assert picked in [v for v, _t in options], (picked, options)
        return str(picked)

    def choose_or_go(
        self, message: str, options: Sequence[tuple[str, str]], default: str | None = None
    ) -> str | Command:
        picked = self._next("menu")
        if isinstance(picked, Command):
            return picked
        assert picked in [v for v, _t in options], (picked, options)
        return str(picked)

    def line(self, message: str, default: str = "", check: Any = None) -> str:
        return str(self._next("line"))


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank([MINI])


def answer(value: Any) -> Reply:
    return Reply(Action.ANSWER, value)


def make(
    bank: Bank, tmp_path: Path, script: list[tuple[str, Any]], **kw: Any
) -> tuple[Wizard, ScriptedPrompter, io.StringIO]:
    store = SessionStore(tmp_path)
    session = Session(name="acme", bank_versions=bank.versions())
    prompter = ScriptedPrompter(script, **kw)
    screen = io.StringIO()
    console = Console(file=screen, width=80, color_system=None)
    return Wizard(bank, store, session, prompter, console), prompter, screen


FULL = [
    ("name", answer("Acme Tea")),
    ("platform", answer("own_website")),
    ("site_plan", answer("Home, shop")),
    ("menu", CONTINUE),
    ("channels", answer(["email"])),
    ("headcount", Reply(Action.UNKNOWN)),
    ("ready", Reply(Action.SKIP)),
    ("goals", answer([{"goal": "Grow"}])),
    ("menu", CONTINUE),
]


def test_a_whole_run_saves_every_answer(bank: Bank, tmp_path: Path) -> None:
    wizard, prompter, screen = make(bank, tmp_path, FULL)
    wizard.run()
    assert prompter.script == []
    saved = SessionStore(tmp_path).load("acme")
    assert saved.answers["site_plan"].value == "Home, shop"
    assert saved.answers["headcount"].status is AnswerStatus.UNKNOWN
    assert saved.answers["ready"].status is AnswerStatus.SKIPPED
    assert saved.current is None
    assert (saved.progress.done, saved.progress.total) == (5, 7)  # one skipped, one unknown
    out = screen.getvalue()
    assert "Stage 1 of 2: First stage" in out
    assert "Stage 2 of 2: Second stage" in out
    assert "Your answers: First stage" in out
    assert "Every question has been asked" in out


def test_saved_after_every_answer(bank: Bank, tmp_path: Path) -> None:
    seen: list[int] = []

    def on_ask(qid: str) -> None:
        path = tmp_path / "sessions" / "acme.json"
        seen.append(len(SessionStore(tmp_path).load("acme").answers) if path.exists() else 0)

    wizard, _p, _s = make(bank, tmp_path, FULL, on_ask=on_ask)
    wizard.run()
    assert seen == [0, 1, 2, 3, 4, 5, 6]


def test_back_skips_hidden_questions_and_keeps_answers(bank: Bank, tmp_path: Path) -> None:
    script = [
        ("name", answer("Acme Tea")),
        ("platform", answer("third_party")),
        ("menu", CONTINUE),
        ("channels", Reply(Action.BACK)),  # back into stage 1, over the hidden site_plan
        ("platform", lambda current: answer(current)),  # Enter keeps the answer
        ("menu", CONTINUE),
        ("channels", answer(["seo"])),
        ("seo_budget", answer({"amount": 10, "currency": "CNY"})),
        ("headcount", answer(2)),
        ("ready", answer(True)),
        ("goals", answer([{"goal": "G"}])),
        ("menu", CONTINUE),
    ]
    wizard, prompter, _screen = make(bank, tmp_path, script)
    wizard.run()
    assert prompter.script == []
    assert "site_plan" not in prompter.asked


def test_stage_review_edits_an_answer(bank: Bank, tmp_path: Path) -> None:
    script = [
        ("name", answer("Acme Tea")),
        ("platform", answer("own_website")),
        ("site_plan", answer("Home")),
        ("menu", "__edit__"),  # edit an answer from the stage table...
        ("menu", "platform"),  # ...the platform
        ("platform", answer("third_party")),
        ("menu", CONTINUE),  # site_plan no longer shows; its answer is kept
        ("channels", Reply(Action.SKIP)),
        ("headcount", answer(1)),
        ("ready", answer(True)),
        ("goals", answer([{"goal": "G"}])),
        ("menu", CONTINUE),
    ]
    wizard, prompter, screen = make(bank, tmp_path, script)
    wizard.run()
    assert prompter.script == []
    saved = SessionStore(tmp_path).load("acme")
    assert saved.answers["platform"].value == "third_party"
    assert saved.answers["site_plan"].value == "Home"
    assert screen.getvalue().count("Your answers: First stage") == 2


def test_interrupted_run_resumes_at_the_next_open_question(bank: Bank, tmp_path: Path) -> None:
    def interrupt(current: Any) -> Reply:
        raise KeyboardInterrupt

    wizard, _p, _s = make(bank, tmp_path, [("name", answer("Acme")), ("platform", interrupt)])
    with pytest.raises(KeyboardInterrupt):
        wizard.run()
    saved = SessionStore(tmp_path).load("acme")
    assert list(saved.answers) == ["name"]
    rest = [("platform", answer("third_party")), ("menu", CONTINUE), *FULL[4:]]
    wizard2 = Wizard(
        bank, SessionStore(tmp_path), saved, ScriptedPrompter(rest), Console(file=io.StringIO())
    )
    wizard2.run()
    assert SessionStore(tmp_path).load("acme").answers["name"].value == "Acme"


def test_review_walks_stages(bank: Bank, tmp_path: Path) -> None:
    wizard, _p, _s = make(bank, tmp_path, FULL)
    wizard.run()
    script = [
        ("menu", "second"),
        ("menu", "__edit__"),
        ("menu", "headcount"),
        ("headcount", answer(9)),
        ("menu", CONTINUE),
        ("menu", CONTINUE),
    ]
    store = SessionStore(tmp_path)
    again = Wizard(
        bank, store, store.load("acme"), ScriptedPrompter(script), Console(file=io.StringIO())
    )
    again.review()
    assert store.load("acme").answers["headcount"].value == 9


def test_after_a_change_only_new_questions_are_asked(bank: Bank, tmp_path: Path) -> None:
    """Answers already given later in the bank are not walked through again."""
    wizard, _p, _s = make(bank, tmp_path, FULL)
    wizard.run()
    store = SessionStore(tmp_path)
    session = store.load("acme")
    session.record("channels", AnswerStatus.ANSWERED, ["seo", "email"])  # seo_budget now applies
    script = [("seo_budget", answer({"amount": 5, "currency": "CNY"})), ("menu", CONTINUE)]
    prompter = ScriptedPrompter(script)
    Wizard(bank, store, session, prompter, Console(file=io.StringIO())).run()
    assert prompter.asked == ["seo_budget"]  # not headcount, ready, goals again


def test_back_walks_forward_to_where_the_user_was(bank: Bank, tmp_path: Path) -> None:
    script = [
        ("name", answer("Acme Tea")),
        ("platform", answer("own_website")),
        ("site_plan", Reply(Action.BACK)),
        ("platform", Reply(Action.BACK)),
        ("name", lambda current: answer(current)),
        ("platform", lambda current: answer(current)),  # walked through again, Enter keeps
        ("site_plan", answer("Home")),  # where the user was
        ("menu", CONTINUE),
        ("channels", answer(["email"])),
        ("headcount", answer(3)),
        ("ready", answer(True)),
        ("goals", answer([{"goal": "G"}])),
        ("menu", CONTINUE),
    ]
    wizard, prompter, _screen = make(bank, tmp_path, script)
    wizard.run()
    assert prompter.script == []


def test_review_offers_the_questions_a_change_opened(bank: Bank, tmp_path: Path) -> None:
    wizard, _p, _s = make(bank, tmp_path, FULL)
    wizard.run()
    store = SessionStore(tmp_path)
    script = [
        ("menu", "second"),
        ("menu", "__edit__"),
        ("menu", "channels"),
        ("channels", answer(["seo", "email"])),
        ("seo_budget", Reply(Action.BACK)),  # asked at once; leave it for now
        ("menu", CONTINUE),  # stage table: seo_budget shows as not answered
        ("menu", CONTINUE),  # done reviewing
        ("menu", "yes"),  # answer the question left open now
        ("seo_budget", answer({"amount": 7, "currency": "CNY"})),
        ("menu", CONTINUE),
    ]
    prompter = ScriptedPrompter(script)
    screen = io.StringIO()
    Wizard(bank, store, store.load("acme"), prompter, Console(file=screen, width=80)).review()
    assert prompter.script == []
    assert store.load("acme").answers["seo_budget"].value == {"amount": 7, "currency": "CNY"}
    assert "not answered" in screen.getvalue()


def test_stage_table_shows_statuses_and_notes(bank: Bank) -> None:
    from wizard.flow import visible
    from wizard.screens import stage_table

    session = Session(name="s")
    session.record("name", AnswerStatus.ANSWERED, "Acme [bold]Tea[/]", note="Check the legal name")
    session.record("platform", AnswerStatus.UNKNOWN)
    stage = bank.stages[0]
    steps = [s for s in visible(bank, session.answers) if s.stage.id == stage.id]
    screen = io.StringIO()
    Console(file=screen, width=80, color_system=None).print(
        stage_table(stage, steps, session.answers)
    )
    out = screen.getvalue()
    assert "Acme [bold]Tea[/]" in out  # user text is shown as typed, never as markup
    assert "✎ Check the legal name" in out
    assert "don't know yet" in out


def test_reviewing_a_stage_whose_questions_are_all_hidden(tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    for name in ("01_first.yaml", "02_second.yaml"):
        (folder / name).write_text((MINI / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (folder / "02_second.yaml").read_text(encoding="utf-8")
    # make every question of the second stage depend on an answer that is not given (none is)
    text = text.replace(
        "    section: channels\n    choices:",
        "    section: channels\n    when: \"platform == 'third_party'\"\n    choices:",
    )
    text = text.replace(
        "    section: team\n", "    section: team\n    when: \"platform == 'third_party'\"\n"
    )
    text = text.replace(
        "    section: timeline\n",
        "    section: timeline\n    when: \"platform == 'third_party'\"\n",
    )
    text = text.replace(
        "    section: goals\n", "    section: goals\n    when: \"platform == 'third_party'\"\n"
    )
    (folder / "02_second.yaml").write_text(text, encoding="utf-8")
    bank = load_bank([folder])
    wizard, prompter, _screen = make(bank, tmp_path, [])
    wizard.review_stage(bank.stages[1])  # nothing shows: no table, no menu, no error
    assert prompter.asked == []


def test_ctrl_c_in_an_item_keeps_finished_items_and_the_draft_on_disk(
    bank: Bank, tmp_path: Path
) -> None:
    """Through the real prompts: item 1 finished, item 2 half typed, then Ctrl-C."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from wizard.flow import visible
    from wizard.prompter import TerminalPrompter

    store = SessionStore(tmp_path)
    session = Session(name="acme", bank_versions=bank.versions())
    store.save(session)
    goals = next(s for s in visible(bank, {}) if s.id == "goals")
    enter = "\r"
    keys = enter + "Grow" + enter + "2027-06-30" + enter  # item 1, finished
    keys += enter + "Half a goal" + enter + "2027" + "\x03"  # item 2: Ctrl-C at its date
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        console = Console(file=io.StringIO(), width=80)
        prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())
        wizard = Wizard(bank, store, session, prompter, console)
        with pytest.raises(KeyboardInterrupt):
            wizard.ask(goals)
    saved = store.load("acme").answers["goals"]
    assert saved.status is AnswerStatus.IN_PROGRESS
    assert saved.value == [{"goal": "Grow", "due": "2027-06-30"}]
    assert saved.draft == {"goal": "Half a goal"}


def test_go_finds_a_list_by_the_words_of_its_items(bank: Bank, tmp_path: Path) -> None:
    edited = [{"goal": "Leads at Hannover Messe", "due": "2027-04-30"}]
    wizard, prompter, screen = make(bank, tmp_path, [("goals", answer(edited))])
    wizard.session.record("goals", AnswerStatus.ANSWERED, [{"goal": "Leads at Hannover Messe"}])
    wizard.go("hannover messe")
    assert prompter.asked == ["goals"]
    assert SessionStore(tmp_path).load("acme").answers["goals"].value == edited
    assert "Back where you were." in screen.getvalue()


def test_go_says_so_when_nothing_matches(bank: Bank, tmp_path: Path) -> None:
    wizard, prompter, screen = make(bank, tmp_path, [])
    wizard.go("no such words")
    assert prompter.asked == []
    assert "No question matches “no such words”" in screen.getvalue()


def test_the_client_named_at_new_prefills_the_business_name(bank: Bank, tmp_path: Path) -> None:
    """The question playing business.name starts with the client given at ``new``."""
    seen: list[Any] = []

    def keep_it(current: Any) -> Reply:
        seen.append(current)
        return answer(current)

    wizard, _prompter, _screen = make(bank, tmp_path, [("name", keep_it)])
    wizard.session.client = "Blue Door Bakery"
    with pytest.raises(AssertionError, match="unexpected prompt"):
        wizard.run()  # the script ends after the first question
    assert seen == ["Blue Door Bakery"]
    assert SessionStore(tmp_path).load("acme").answers["name"].value == "Blue Door Bakery"


def test_the_last_screen_counts_open_questions_as_the_plan_does(bank: Bank, tmp_path: Path) -> None:
    """A list item's field marked "don't know yet" is open on the last screen as in the plan."""
    from wizard.plan import build_plan

    wizard, _prompter, screen = make(bank, tmp_path, [])
    wizard.session.record("headcount", AnswerStatus.UNKNOWN)
    wizard.session.record("goals", AnswerStatus.ANSWERED, [{"goal": "Grow", "_unknown": ["due"]}])
    wizard.finish()
    assert "2 question(s) are still open" in " ".join(screen.getvalue().split())
    summary = " ".join(build_plan(bank, wizard.session).summary)
    assert "two questions are still open" in summary


def test_the_last_screen_shows_the_plan_check_with_the_questions_to_revisit(
    tmp_path: Path,
) -> None:
    """A goal without its deadline is a problem the owner sees before leaving the wizard."""
    from tests.plan_support import load_example, session_from_answers

    shipped = load_bank()
    answers = load_example("tea-brand")
    goals = [dict(goal) for goal in answers["goals"]]
    goals[1].pop("deadline")
    session = session_from_answers(shipped, answers | {"goals": goals}, "acme")
    store = SessionStore(tmp_path)
    screen = io.StringIO()
    prompter = ScriptedPrompter([("menu", "__finish__")])  # the offer to go there: declined
    wizard = Wizard(shipped, store, session, prompter, Console(file=screen, width=200))
    wizard.finish()
    out = " ".join(screen.getvalue().split())
    assert "Plan check: 11 of 13 rules pass; 1 problem(s) and 0 warning(s) to revisit:" in out
    assert "✗ 2.3 Goals and targets, item 2: " in out
    assert "marketing-wizard check acme" in out
