"""The real command line in a pseudo-terminal (pexpect) and as plain processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from wizard.banks import load_bank
from wizard.store import FAULT_POINTS, SessionStore

pytestmark = pytest.mark.e2e

BACKSPACE = "\x7f"
CTRL_C = "\x03"
ESC_ENTER = "\x1b\r"


def env(home: Path) -> dict[str, str]:
    """As for a user who installed it: the console script on PATH, so hints name it plainly."""
    inherited = {k: v for k, v in os.environ.items() if k != "MARKETING_WIZARD_LAUNCHER"}
    return {
        **inherited,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "MARKETING_WIZARD_HOME": str(home),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "40",
        "MARKETING_WIZARD_PACK": "core",  # no pack menu at `new` (tests/test_cli_packs.py)
    }


def spawn(home: Path, *args: str) -> pexpect.spawn[str]:
    return pexpect.spawn(
        sys.executable,
        ["-m", "wizard", *args],
        env=env(home),
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=20,
    )


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=env(home),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_new_interrupt_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "demo", "--client", "Green Leaf", "--depth", "full")
    child.expect("Stage 1 of 7: Who we are")
    child.expect("Business name")
    child.expect("Green Leaf")  # the client given at new is offered as the name
    child.send(BACKSPACE * len("Green Leaf") + "A\r")  # too short: refused, asked again
    child.expect("Give a name of 2 to 120 characters.")
    child.send(BACKSPACE + "Green Leaf Tea\r")
    child.expect("Industry")
    child.send("Tea\r")
    child.expect("Who we are")
    child.send("/back\r")  # back to the industry, which keeps its answer
    child.expect("Stage 1 of 7 · 2 answered")  # the industry again, numbered 1.2
    child.expect("Industry")
    child.send(BACKSPACE * 3 + "Tea growing\r")
    child.expect("Who we are")
    child.send("A family tea garden.\r\r")
    child.expect("Stage 1 of 7 · 3 answered")
    child.sendcontrol("c")
    child.expect("marketing-wizard resume demo")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    session = SessionStore(tmp_path).load("demo")
    assert session.client == "Green Leaf"
    assert {k: a.value for k, a in session.answers.items()} == {
        "business_name": "Green Leaf Tea",
        "industry": "Tea growing",
        "who_we_are": "A family tea garden.",
    }

    child = spawn(tmp_path, "resume")  # no name: the most recent session
    child.expect("1.4")
    child.expect("Stage 1 of 7 · 3 answered")
    child.expect("What are you going to do online")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    again = SessionStore(tmp_path).load("demo")
    assert {k: a.value for k, a in again.answers.items()} == {
        k: a.value for k, a in session.answers.items()
    }


def test_second_wizard_on_a_session_is_refused(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "demo", "--depth", "full")
    child.expect("Business name")
    try:
        second = spawn(tmp_path, "resume", "demo")
        second.expect("is open in another marketing-wizard")
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 1
        assert "Traceback" not in (second.before or "")
        filled = run(tmp_path, "fill", "demo", "-", stdin="industry: Tea\n")
        assert filled.returncode == 1
        assert "is open in another marketing-wizard" in filled.stderr
        listed = run(tmp_path, "sessions")
        assert "(open in a wizard now)" in listed.stdout
    finally:
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()


@pytest.mark.parametrize("command", [["new", "x"], ["resume", "x"], ["review", "x"]])
def test_without_a_terminal_interactive_commands_point_to_fill(
    tmp_path: Path, command: list[str]
) -> None:
    if command[0] != "new":
        run(tmp_path, "fill", "x", "-", stdin="industry: Tea\n")
    result = run(tmp_path, *command, stdin="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "marketing-wizard fill SESSION FILE" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["../x", "/etc/x", "a b", ""])
def test_bad_session_names_are_refused(tmp_path: Path, name: str) -> None:
    result = run(tmp_path, "fill", name, "-", stdin="industry: Tea\n")
    assert result.returncode == 2
    assert "is not a valid session name" in result.stderr
    assert not (tmp_path / "x.json").exists()
    assert "Traceback" not in result.stderr


def test_unreadable_session_is_named_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "broken.json"
    path.parent.mkdir()
    path.write_text("{oops")
    for command in (["answers", "broken"], ["fill", "broken", "-"]):
        result = run(tmp_path, *command, stdin="industry: Tea\n")
        assert result.returncode == 1
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_text() == "{oops"
    listed = run(tmp_path, "sessions")
    assert "broken" in listed.stdout
    assert "unreadable" in listed.stdout


def every_example() -> dict[str, Any]:
    """An answers file giving every shipped question its bank example."""
    bank = load_bank()
    return {q.id: q.example for _stage, q in bank.questions()}


def test_fill_answers_round_trip(tmp_path: Path) -> None:
    answers_file = tmp_path / "all.yaml"
    data = every_example()
    data["_meta"] = {"client": "Green Leaf Tea", "notes": {"business_name": "Legal name pending"}}
    answers_file.write_text(yaml.safe_dump(data, allow_unicode=True))
    first = run(tmp_path, "fill", "one", str(answers_file))
    assert first.returncode == 0, first.stderr
    assert "Next: marketing-wizard plan one" in first.stdout
    for fmt in ("yaml", "json"):
        exported = run(tmp_path, "answers", "one", "--format", fmt)
        assert exported.returncode == 0
        copy = tmp_path / f"copy.{fmt}"
        copy.write_text(exported.stdout)
        second = run(tmp_path, "fill", f"two-{fmt}", str(copy))
        assert second.returncode == 0, second.stderr
        store = SessionStore(tmp_path)
        one, two = store.load("one"), store.load(f"two-{fmt}")
        assert {k: (a.status, a.value, a.note) for k, a in two.answers.items()} == {
            k: (a.status, a.value, a.note) for k, a in one.answers.items()
        }
        assert two.client == one.client == "Green Leaf Tea"
        assert run(tmp_path, "answers", f"two-{fmt}", "--format", fmt).stdout == exported.stdout
    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[0].split() == [
        "SESSION",
        "CLIENT",
        "PROGRESS",
        "LAST",
        "CHANGE",
    ]


def test_fill_with_mistakes_writes_nothing_and_lists_all(tmp_path: Path) -> None:
    bad = "business_name: A\nplan_start: 31/12/2027\ngoals: [{metric: sales}]\nchanels: [seo]\n"
    result = run(tmp_path, "fill", "demo", "-", stdin=bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "Error: The answers file has 4 problem(s); nothing was written:"
    assert lines[1] == "  business_name: give a name of 2 to 120 characters (got 'A')"
    assert lines[2] == (
        "  plan_start: 31/12/2027 has the year last, which is read day first in some places and "
        "month first in others: write the year first, such as 2027-12-31 or 2027年12月31日"
    )
    assert lines[3] == "  goals: item 1, goal: an answer is needed"
    assert lines[4] == "  chanels: not a question id (did you mean 'channels'?)"
    assert not (tmp_path / "sessions" / "demo.json").exists()


# A child that runs the real `fill` and kills itself at one step of the session's atomic
# write (wizard.store.FAULT_POINTS). At "after-fsync" it first copies the fsynced temporary
# file aside, so the parent knows the exact new content.
KILLED_FILL = """
import os, shutil, signal, sys
from wizard import store
from wizard.cli import main

point, copy, *args = sys.argv[1:]

def stop(reached, path, temp):
    if reached == "after-fsync" and path.suffix == ".json":
        shutil.copyfile(temp, copy)
    if reached == point and path.suffix == ".json":
        os.kill(os.getpid(), signal.SIGKILL)

store.fault_hooks.append(stop)
main(args)
"""


def test_a_fill_killed_at_each_step_of_the_save_leaves_a_whole_session(tmp_path: Path) -> None:
    """SIGKILL at every step of the atomic write: the old file or the new one, exactly."""
    data = every_example()
    files = []
    for n in range(2):
        variant = dict(data)
        variant["who_we_are"] = f"Variant {n}: " + "tea " * 20000  # a long answer: a long write
        path = tmp_path / f"v{n}.json"
        path.write_text(json.dumps(variant))
        files.append(path)
    assert run(tmp_path, "fill", "demo", str(files[0])).returncode == 0
    store = SessionStore(tmp_path)
    session_file = store.path("demo")
    current = 0
    for point in FAULT_POINTS:
        old = session_file.read_bytes()
        copy = tmp_path / f"new-{point}.json"
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                KILLED_FILL,
                point,
                str(copy),
                "fill",
                "demo",
                str(files[1 - current]),
            ],
            env=env(tmp_path),
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, (point, child.stderr)
        after = session_file.read_bytes()
        if point == "after-rename":
            assert after == copy.read_bytes() != old, point
            current = 1 - current
        else:
            assert after == old, point
        session = store.load("demo")  # loads whole
        assert session.answers["who_we_are"].value.startswith(f"Variant {current}: ")
        assert len(session.answers) == len(data)
        # A temporary file left by the kill is hidden: never listed or read as a session.
        assert store.names() == ["demo"], point
        assert [(s.name, s.problem) for s in store.summaries()] == [("demo", None)]
        assert run(tmp_path, "sessions").stdout.count("demo") == 1
    leftovers = sorted(p.name for p in session_file.parent.iterdir() if p.suffix == ".tmp")
    assert len(leftovers) == 3  # one per kill before the rename, each beside the session
    assert all(name.startswith(".demo.json.") for name in leftovers)


def test_a_workspace_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where a folder of the workspace should be")
    home = blocker / "workspace"
    result = run(home, "fill", "demo", "-", stdin="industry: Tea\n")
    assert result.returncode == 1
    assert "Internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    assert str(home) in result.stderr
    assert "is a folder you can write to" in result.stderr
    direct = run(tmp_path, "--home", str(blocker), "sessions")
    assert direct.returncode == 2
    assert "is a file" in direct.stderr


def test_ctrl_d_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "demo", "--depth", "full")
    child.expect("Business name")
    child.send("Green Leaf Tea\r")
    child.expect("Industry")
    child.sendcontrol("d")
    child.expect("marketing-wizard resume demo")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert SessionStore(tmp_path).load("demo").answers["business_name"].value == "Green Leaf Tea"


def test_plan_preview(tmp_path: Path) -> None:
    run(tmp_path, "fill", "one", "-", stdin="business_name: Green Leaf Tea\nindustry: Tea\n")
    shown = run(tmp_path, "plan", "one", "--preview")
    assert shown.returncode == 0
    assert "Online marketing plan for Green Leaf Tea" in shown.stdout
    assert "#" not in shown.stdout.splitlines()[1]  # rendered, not Markdown source
    refused = run(tmp_path, "plan", "one", "--preview", "-o", "x.md")
    assert refused.returncode == 2
    assert "--preview shows the Markdown plan in the terminal" in refused.stderr
    assert not (tmp_path / "x.md").exists()


def test_fill_says_what_is_still_open(tmp_path: Path) -> None:
    result = run(tmp_path, "fill", "one", "-", stdin="industry: Tea\n")
    assert result.returncode == 0
    assert "still need an answer. Next: marketing-wizard resume one" in result.stdout


def test_plan_json_validates_against_the_published_schema(tmp_path: Path) -> None:
    import jsonschema

    run(tmp_path, "fill", "one", "-", stdin="business_name: Green Leaf Tea\nindustry: Tea\n")
    schema = json.loads(run(tmp_path, "plan-schema").stdout)
    plan = json.loads(run(tmp_path, "plan", "one", "--format", "json", "-o", "-").stdout)
    jsonschema.validate(plan, schema)
    plan["title"] = 42
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, schema)


def test_new_without_a_name_asks_for_one_or_offers_to_continue(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new")
    child.expect("Who is the plan for")
    child.send("Smile Dental Clinic\r")
    child.expect("Name this session:")
    child.expect("smile-dental-clinic")  # the default, made from the client's name
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    run(
        tmp_path,
        "fill",
        "demo",
        "-",
        stdin="_meta: {client: Green Leaf}\nbusiness_name: Green Leaf Tea\n",
    )
    child = spawn(tmp_path, "new")  # as `make run` does, on the way back
    child.expect("Start a new session, or continue one")
    child.expect("Continue demo for Green Leaf")
    child.send("\x1b[B\r")  # down to "Continue demo", Enter
    child.expect("Industry")  # the next open question of that session
    child.sendcontrol("c")
    child.expect("marketing-wizard resume demo")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
