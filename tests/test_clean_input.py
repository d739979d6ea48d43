"""Control characters, escape sequences, lone surrogates and bidi controls are dropped from an
answer when it is given, typed or filed, so that no saved session ever holds them."""

from __future__ import annotations

import io
import json
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from tests.fuzz_support import run_cli
from wizard.bank import QuestionType
from wizard.banks import load_bank
from wizard.display import clean_input
from wizard.prompter import Action, TerminalPrompter
from wizard.session import AnswerStatus, ParkedPoint, Session
from wizard.store import SessionStore

MINI = Path(__file__).parent / "data" / "mini"
ENTER = "\r"
# Pasted text reaches the prompt as it is, escape sequences and all (bracketed paste).
PASTE, END_PASTE = "\x1b[200~", "\x1b[201~"
HOSTILE = "Acme\x1b[2J\x1b]0;owned\x07 \u202eTea\x00\x7f\x9b"


def test_clean_input_drops_what_no_answer_means() -> None:
    assert clean_input(HOSTILE, lines=False) == "Acme Tea"
    assert clean_input("a\r\nb\rc\td\ud800\u2066e", lines=True) == "a\nb\nc\tde"
    assert clean_input("a\r\nb\tc", lines=False) == "a b c"
    assert clean_input("كلمة 中文 emoji 🙂 \u200f", lines=False) == "كلمة 中文 emoji 🙂 \u200f"


def test_a_typed_answer_is_saved_clean(tmp_path: Path) -> None:
    bank = load_bank([MINI])
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(PASTE + HOSTILE + END_PASTE + ENTER)
        pipe.close()
        console = Console(file=io.StringIO(), width=80, color_system=None)
        prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())
        reply = prompter.ask(bank.question("name"), None, can_go_back=False)
    assert reply.action is Action.ANSWER
    session = Session(name="s")
    session.record("name", AnswerStatus.ANSWERED, reply.value)
    store = SessionStore(tmp_path)
    path = store.save(session)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["name"]["value"] == "Acme Tea"


def test_a_typed_long_text_keeps_its_lines_and_tabs(tmp_path: Path) -> None:
    bank = load_bank([MINI])
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(
            PASTE + "Home\x1b[31m\tred\u202e" + END_PASTE + ENTER + "Shop" + ENTER + ENTER
        )
        pipe.close()
        console = Console(file=io.StringIO(), width=80, color_system=None)
        prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())
        reply = prompter.ask(bank.question("site_plan"), None, can_go_back=False)
    assert reply.value == "Home\tred\nShop"


def test_a_filed_answer_is_saved_clean(tmp_path: Path) -> None:
    bank = load_bank()
    text_q = next(
        q
        for _s, q in bank.questions()
        if q.type is QuestionType.TEXT and (q.validation is None or q.validation.pattern is None)
    )
    long_q = next(
        q for _s, q in bank.questions() if q.type is QuestionType.LONG_TEXT and q.validation is None
    )
    file = tmp_path / "a.yaml"
    file.write_text(
        f'{text_q.id}: "Acme\\e[2J\\e]0;owned\\a \\u202eTea\\0\\x7f\\x9b"\n'
        f'{long_q.id}: "Home\\r\\nShop\\tnow\\u2066\\e[31m"\n',
        encoding="utf-8",
    )
    home = tmp_path / "home"
    code, output = run_cli(["--home", str(home), "fill", "s", str(file)])
    assert code == 0, output
    saved = json.loads((home / "sessions" / "s.json").read_text(encoding="utf-8"))["answers"]
    assert saved[text_q.id]["value"] == "Acme Tea"
    assert saved[long_q.id]["value"] == "Home\nShop\tnow"


def test_what_a_file_puts_in_an_error_message_cannot_act_on_the_terminal(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text('"\\e]0;owned\\a\\u202eevil\\e[2J": 1\n', encoding="utf-8")
    code, output = run_cli(["--home", str(tmp_path / "home"), "fill", "s", str(file)])
    assert code == 1
    assert "\\x1b]0;owned\\x07\\u202eevil\\x1b[2J: not a question id" in output
    assert "\x1b" not in output
    assert "\u202e" not in output


def test_notes_parked_points_and_the_client_are_cleaned_when_kept(tmp_path: Path) -> None:
    """What the user types beside the answers is kept without escapes and bidi controls too."""
    hostile = "ask \x1b[2Jthe \u202eowner\x07"
    session = Session(name="notes", client=f"Acme{hostile}\nLtd")
    session.record("industry", AnswerStatus.ANSWERED, "Tea", note=hostile)
    session.record("who_we_are", AnswerStatus.ANSWERED, "We grow tea.")
    session.set_note("who_we_are", f"line one\r\n{hostile}")
    session.parked.append(ParkedPoint(text=hostile, question="industry"))
    store = SessionStore(tmp_path)
    store.save(session)
    raw = (tmp_path / "sessions" / "notes.json").read_text(encoding="utf-8")
    for bad in ("\\u001b", "\\u202e", "\\u0007", "[2J", "\x1b", "\u202e", "\x07"):
        assert bad not in raw
    saved = store.load("notes")
    assert saved.client == "Acmeask the owner Ltd"
    assert saved.answers["industry"].note == "ask the owner"
    assert saved.answers["who_we_are"].note == "line one\nask the owner"
    assert saved.parked[0].text == "ask the owner"
