"""Issue 7's "What was seen", case by case, replayed as a user would: the real console script in
a real pseudo-terminal (pexpect) over a fresh workspace, checked on the screen and in the session
file read back from disk.

Each test reaches its late question fast: ``fill`` answers the questions before it with the
bank's examples, then ``resume`` opens the wizard there. Output is plain (``NO_COLOR``), so the
fragments expected never straddle colour codes; fragments from prompt_toolkit's menus are whole
entries, drawn at once.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from wizard.banks import load_bank

pytestmark = pytest.mark.e2e

CTRL_C = "\x03"
CTRL_U = "\x15"  # clears the line before the cursor: how a user empties a pre-filled answer
DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
FULL = ("--depth", "full")  # every question, whatever the core flags of the banks say
ROOT = Path(__file__).resolve().parent.parent
CONSOLE_SCRIPT = Path(sys.executable).with_name("marketing-wizard")
FRAME_END = "\x1b[?7h"
GAP = r"(?:\x1b\[[0-?]*[ -/]*[@-~])*"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def env(home: Path, rows: int = 40) -> dict[str, str]:
    return {
        **os.environ,
        "MARKETING_WIZARD_HOME": str(home),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "LINES": str(rows),
        "MARKETING_WIZARD_PACK": "core",  # no pack menu at `new` (tests/test_cli_packs.py)
    }


def spawn(home: Path, *args: str, rows: int = 40) -> pexpect.spawn[str]:
    assert CONSOLE_SCRIPT.exists(), f"install the package first ({CONSOLE_SCRIPT} is missing)"
    child = pexpect.spawn(
        str(CONSOLE_SCRIPT),
        list(args),
        env=env(home, rows),
        encoding="utf-8",
        dimensions=(rows, 80),
        timeout=10,
    )
    child.delaybeforesend = None  # `press` waits for the prompt instead
    return child


def loose(text: str) -> str:
    """A pattern for ``text`` as drawn on the screen: terminal control sequences (styles, even
    with ``NO_COLOR``, and cursor moves) may come between any two of its characters, and a
    space may be a line break where the text wraps."""
    space = r"(?:\s|\x1b\[[0-?]*[ -/]*[@-~])+"
    return GAP.join(space if char == " " else re.escape(char) for char in text)


def see(child: pexpect.spawn[str], text: str) -> None:
    """Wait until ``text`` is drawn."""
    child.expect(loose(text))


def see_not(child: pexpect.spawn[str], wanted: str, instead: str) -> None:
    """Wait until ``wanted`` is drawn, failing at once if ``instead`` (what the bug showed) is
    drawn first."""
    if child.expect([loose(wanted), loose(instead)]) == 1:
        pytest.fail(f"the screen said {instead!r} where {wanted!r} was expected")


def press(child: pexpect.spawn[str], keys: str) -> None:
    """Type ``keys`` once a prompt is on the screen: prompt_toolkit ends every frame it draws by
    turning line wrapping back on, which nothing else prints. Keys sent earlier would reach a
    terminal in line mode (a Ctrl-C there may even land in a ``__del__`` and be lost)."""
    child.expect_exact(FRAME_END)
    child.send(keys)


def at(child: pexpect.spawn[str], qid: str) -> None:
    """Wait until the wizard asks ``qid`` (its full question is printed above the prompt)."""
    see(child, load_bank().question(qid).prompt)


def plain(text: str | None) -> str:
    """Screen output without terminal control sequences."""
    return ANSI.sub("", text or "")


def ids() -> list[str]:
    return [q.id for _stage, q in load_bank().questions()]


def number(qid: str) -> str:
    """A question's stable number, ``5.12``: its stage and its place among the stage's
    questions in bank order (counted here from the bank, independently of the wizard)."""
    for s, stage in enumerate(load_bank().stages, start=1):
        for n, q in enumerate(stage.questions, start=1):
            if q.id == qid:
                return f"{s}.{n}"
    raise KeyError(qid)


def examples_before(qid: str, **overrides: Any) -> dict[str, Any]:
    """Every question before ``qid`` (in bank order) answered with its bank example."""
    order = ids()
    answers = {
        q.id: q.example
        for _stage, q in load_bank().questions()
        if order.index(q.id) < order.index(qid)
    }
    answers.update(overrides)
    return answers


def examples_except(*left_open: str, **overrides: Any) -> dict[str, Any]:
    """Every question answered with its bank example, but those in ``left_open``."""
    answers = {q.id: q.example for _stage, q in load_bank().questions() if q.id not in left_open}
    answers.update(overrides)
    return answers


def fill(home: Path, name: str, answers: dict[str, Any]) -> None:
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "fill", name, "-"],
        env=env(home),
        input=yaml.safe_dump(answers, allow_unicode=True),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def markdown_plan(home: Path, name: str) -> subprocess.CompletedProcess[str]:
    """The session's internal plan in Markdown (notes and parking lot kept), from the real
    command."""
    plan = subprocess.run(
        [str(CONSOLE_SCRIPT), "plan", name, "-o", "-", "--internal"],
        env=env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert plan.returncode == 0, plan.stderr
    return plan


def saved(home: Path, name: str) -> dict[str, Any]:
    """The session file as it is on disk."""
    data: dict[str, Any] = json.loads((home / "sessions" / f"{name}.json").read_text("utf-8"))
    return data


def answer(home: Path, name: str, qid: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = saved(home, name)["answers"].get(qid)
    return found


def stop(child: pexpect.spawn[str], hint: str = "marketing-wizard resume") -> str:
    """Ctrl-C: the wizard saves, says how to come back and exits with 130; returns the tail of
    the screen."""
    press(child, CTRL_C)
    see(child, hint)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    return plain(child.before)


def add_goal(child: pexpect.spawn[str], goal: str, n: int) -> None:
    """Add goal ``n`` from the list's menu, giving only its name."""
    # The cursor starts on "Add an item", with "Done with this list" right below it.
    press(child, ENTER)
    see(child, "field 1 of 7: What is the goal")
    press(child, goal + ENTER)
    for field in range(2, 8):  # the other fields are optional: Enter leaves each empty
        see(child, f"field {field} of 7")
        press(child, ENTER)
    see(child, f"Goals and targets: {n} item")  # the list's table, then its menu
    see(child, "Done with this list")


# --- 1. A note in a list question ---------------------------------------------------------------


def test_case_01_a_note_on_a_list_keeps_every_finished_item(tmp_path: Path) -> None:
    """Seen: "✎ Add a note" after three goals said "No items yet." and dropped them."""
    fill(tmp_path, "tea", examples_before("goals"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "goals")
    see(child, "No items yet.")
    see(child, "Add an item")
    goals = ["Grow online sales", "Make the brand known", "Win company gift orders"]
    for n, goal in enumerate(goals, start=1):
        add_goal(child, goal, n)
    # From "Add an item" (where the menu starts) past Done, three Edit and three Remove
    # entries and the separator, to the fourth extra entry: the note.
    press(child, DOWN * 11 + ENTER)
    see(child, "Your note")
    press(child, "Targets to check with Li Wei" + ENTER)
    see_not(child, "Goals and targets: 3 item", instead="No items yet.")
    see(child, "Done with this list")
    screen = plain(child.before)
    assert all(goal in screen for goal in goals)
    assert "No items yet." not in screen

    kept = answer(tmp_path, "tea", "goals")
    assert kept is not None
    assert kept["status"] == "in_progress"  # saved at once, while the list is being built
    assert [item["goal"] for item in kept["value"]] == goals
    assert kept["note"] == "Targets to check with Li Wei"
    stop(child)

    # Coming back, the list resumes where it stopped.
    child = spawn(tmp_path, "resume", "tea", *FULL)
    see(child, "Goals and targets: 3 item")
    see(child, "Done with this list")
    stop(child)


# --- 2. Ctrl-C inside a list item ---------------------------------------------------------------


def test_case_02_ctrl_c_in_a_second_item_keeps_the_first(tmp_path: Path) -> None:
    """Seen: Ctrl-C while adding a second action left ``actions: null`` and "No items yet."."""
    fill(tmp_path, "tea", examples_except("actions"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "actions")
    see(child, "Add an item")
    press(child, ENTER)
    see(child, "field 1 of 5: What is the task")
    press(child, "Open the Tmall shop" + ENTER)
    see(child, "field 2 of 5")
    press(child, "Chen Jie" + ENTER)
    for n in (3, 4, 5):
        see(child, f"field {n} of 5")
        press(child, ENTER)
    see(child, "Action list: 1 item")
    see(child, "Done with this list")
    press(child, ENTER)  # the menu starts on "Add an item"
    see(child, "field 1 of 5: What is the task")
    press(child, "Film the spring picking" + ENTER)
    see(child, "field 2 of 5: Who does it")
    stop(child)

    kept = answer(tmp_path, "tea", "actions")
    assert kept is not None, "the finished item was lost"
    assert kept["status"] == "in_progress"
    assert kept["value"] == [{"task": "Open the Tmall shop", "owner": "Chen Jie"}]
    assert kept["draft"] == {"task": "Film the spring picking"}  # the half-typed item too

    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "actions")
    see(child, "Action list: 1 item")
    see(child, "Open the Tmall shop")
    see(child, "Item 2 was not finished when you stopped")
    see(child, "Film the spring picking")
    see(child, "Yes, finish item 2")
    assert "No items yet." not in plain(child.before)
    press(child, ENTER)
    see(child, "field 1 of 5: What is the task")
    press(child, ENTER)  # Enter keeps what was typed before
    see(child, "field 2 of 5: Who does it")
    press(child, "Wu Mei" + ENTER)
    for n in (3, 4, 5):
        see(child, f"field {n} of 5")
        press(child, ENTER)
    see(child, "Action list: 2 item")
    stop(child)
    kept = answer(tmp_path, "tea", "actions")
    assert kept is not None
    assert kept["value"][1] == {"task": "Film the spring picking", "owner": "Wu Mei"}
    assert kept["draft"] is None


# --- 3. Skip on an answered list ----------------------------------------------------------------


def test_case_03_skipping_an_answered_list_is_confirmed(tmp_path: Path) -> None:
    """Seen: "Skip this question" replaced three saved risks with ``skipped``, unasked."""
    fill(tmp_path, "tea", examples_except("dependencies"))  # the question after the risks
    risks = answer(tmp_path, "tea", "risks")
    assert risks is not None
    assert len(risks["value"]) == 3
    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "dependencies")
    press(child, "/back" + ENTER)
    at(child, "risks")
    see(child, "Done with this list")
    # from "Add an item", past Done, 3 Edit and 3 Remove entries, the separator and Back
    press(child, DOWN * 9 + ENTER)
    see_not(child, "This drops the 3 item", instead="What does the plan depend on")
    see(child, "No, keep my answer")
    press(child, ENTER)  # the default keeps the answer
    see(child, "Risks and their control: 3 item")
    see(child, "Done with this list")
    assert answer(tmp_path, "tea", "risks") == risks

    press(child, DOWN * 9 + ENTER)
    see(child, "This drops the 3 item")
    see(child, "Yes, drop it")
    press(child, DOWN + ENTER)
    see(child, "Skipped.")
    stop(child)
    dropped = answer(tmp_path, "tea", "risks")
    assert dropped is not None
    assert (dropped["status"], dropped["value"]) == ("skipped", None)


# --- 4. Commands after pre-filled text; refused values ------------------------------------------


def test_case_04_commands_after_prefilled_text_and_refused_values(tmp_path: Path) -> None:
    """Seen: ``industry: 餐饮/back``, ``... check quotes/back``, ``next month2027-01-04``."""
    fill(
        tmp_path,
        "canteen",
        {
            "business_name": "西湖小馆",
            "industry": "餐饮",
            "who_we_are": "杭州本帮菜馆，check quotes",
        },
    )
    child = spawn(tmp_path, "resume", "canteen", *FULL)
    at(child, "what_we_do")
    press(child, "/back" + ENTER)
    at(child, "who_we_are")
    see(child, "check quotes")  # the earlier answer, pre-filled in the box
    press(child, "/back" + ENTER)  # typed at its end, without clearing it
    at(child, "industry")
    see(child, "餐饮")
    press(child, "/back" + ENTER)
    at(child, "business_name")
    see(child, "Business name")
    stop(child)
    after = saved(tmp_path, "canteen")["answers"]
    assert after["industry"]["value"] == "餐饮"
    assert after["who_we_are"]["value"] == "杭州本帮菜馆，check quotes"

    # The same inside a list item: a competitor's strengths, pre-filled when editing it.
    rival = [{"name": "Hill Tea", "strengths": "Cheap, check quotes"}]
    fill(tmp_path, "rivals", examples_before("differences_from_peers", competitors=rival))
    child = spawn(tmp_path, "resume", "rivals", *FULL)
    at(child, "differences_from_peers")
    press(child, "/back" + ENTER)
    see(child, "Done with this list")
    press(child, DOWN * 2 + ENTER)  # from "Add an item", past "Done", to "Edit item 1"
    for n in (1, 2, 3):
        see(child, f"field {n} of 5")
        press(child, ENTER)  # keeps the name; leaves the others as they were
    see(child, "field 4 of 5")
    see(child, "check quotes")
    press(child, "/back" + ENTER)
    see(child, "field 3 of 5")
    stop(child)
    assert saved(tmp_path, "rivals")["answers"]["competitors"]["value"] == rival

    fill(tmp_path, "tea", examples_before("plan_start"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "plan_start")
    see(child, "YYYY-MM-DD")
    press(child, "next month" + ENTER)
    see(child, "a date such as 2027-03-31 (got 'next month')")  # the reason, with what was typed
    press(child, "2027-01-04" + ENTER)  # into a cleared box
    at(child, "plan_end")
    stop(child)
    start = answer(tmp_path, "tea", "plan_start")
    assert start is not None
    assert (start["status"], start["value"]) == ("answered", "2027-01-04")


# --- 5. A command typed into a list's menu ------------------------------------------------------


def test_case_05_back_typed_into_a_list_menu_goes_back(tmp_path: Path) -> None:
    """Seen: typing ``/back`` in a list menu moved the cursor and saved ``/back`` as a note."""
    fill(tmp_path, "tea", examples_before("goals"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    see(child, "Add an item")
    add_goal(child, "Grow online sales", 1)
    press(child, "/back" + ENTER)
    see_not(child, load_bank().question("plan_end").prompt, instead="Your note")
    answers = saved(tmp_path, "tea")["answers"]
    assert [a.get("note") for a in answers.values() if a.get("note")] == []
    assert answers["goals"]["status"] == "in_progress"
    # Enter at the select takes the bank's default: not forecast
    assert answers["goals"]["value"] == [{"goal": "Grow online sales", "counts": "other"}]

    press(child, ENTER)  # keep the end date; on to the goals again, with the item kept
    see(child, "Goals and targets: 1 item")
    see(child, "Grow online sales")
    see(child, "Done with this list")
    stop(child)
    assert all(not a.get("note") for a in saved(tmp_path, "tea")["answers"].values())


# --- 6. Notes and "don't know yet" on list fields ------------------------------------------------


def _goal_with_marks(child: pexpect.spawn[str]) -> None:
    """A goal whose measure is not known yet and whose baseline carries a note."""
    press(child, ENTER)
    see(child, "field 1 of 7")
    press(child, "Make the brand known in Shanghai" + ENTER)
    see(child, "field 2 of 7: How will it be measured")
    press(child, "/unknown" + ENTER)
    see(child, "Marked “don't know yet”")
    see(child, "field 3 of 7: Where are you today")
    press(child, "/note survey planned for March" + ENTER)
    see(child, "Note kept with this item")
    see(child, "field 3 of 7")
    press(child, "12%" + ENTER)
    for n in (4, 5, 6, 7):
        see(child, f"field {n} of 7")
        press(child, ENTER)
    see(child, "Goals and targets: 1 item")
    see(child, "Done with this list")


def test_case_06_notes_and_dont_know_on_list_fields_are_kept(tmp_path: Path) -> None:
    """Seen: a note on a list field said "Note kept" but was never stored (removing one said
    the same); ``/unknown`` in a list field was refused."""
    fill(tmp_path, "tea", examples_before("goals"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    see(child, "Add an item")
    _goal_with_marks(child)
    item = answer(tmp_path, "tea", "goals")
    assert item is not None
    assert item["value"] == [
        {
            "goal": "Make the brand known in Shanghai",
            "baseline": "12%",
            "counts": "other",
            "_unknown": ["metric"],
            "_notes": {"baseline": "survey planned for March"},
        }
    ]

    # Editing the item shows both marks; removing the note says so and is saved.
    press(child, DOWN * 2 + ENTER)  # from "Add an item" past "Done" to "Edit item 1"
    see(child, "item 1, field 1 of 7")
    press(child, ENTER)
    see(child, "field 2 of 7")
    see(child, "Earlier you said: don't know yet")
    press(child, ENTER)
    see(child, "field 3 of 7")
    see(child, "Note: survey planned for March")
    press(child, "/note" + ENTER)
    see(child, "leave empty to remove it")
    press(child, CTRL_U + ENTER)
    see(child, "Note removed.")
    see(child, "field 3 of 7")
    press(child, ENTER)
    for n in (4, 5, 6, 7):
        see(child, f"field {n} of 7")
        press(child, ENTER)
    see(child, "Goals and targets: 1 item")
    see(child, "Done with this list")
    stop(child)
    item = answer(tmp_path, "tea", "goals")
    assert item is not None
    assert item["value"] == [
        {
            "goal": "Make the brand known in Shanghai",
            "baseline": "12%",
            "counts": "other",
            "_unknown": ["metric"],
        }
    ]


def test_case_06_a_list_field_not_known_yet_reaches_the_plans_open_questions(
    tmp_path: Path,
) -> None:
    """Deliver 2: "the plan's Open questions list it by item ("Goal 2, brand awareness: how it
    is measured")", with the notes on list fields shown too."""
    fill(tmp_path, "tea", examples_before("goals"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    see(child, "Add an item")
    _goal_with_marks(child)
    press(child, DOWN + ENTER)  # Done with this list, right below "Add an item"
    at(child, "how_to_achieve")
    stop(child)
    plan = markdown_plan(tmp_path, "tea")
    open_part = plan.stdout.split("## Open questions", 1)[1].split("\n## ", 1)[0]
    line = next(
        (row for row in open_part.splitlines() if "Make the brand known in Shanghai" in row), ""
    )
    assert "Goal 1" in line
    assert "measured" in line.casefold()
    assert "survey planned for March" in plan.stdout


# --- 7. A progress total that holds still ---------------------------------------------------


PROGRESS = re.compile(r"(\d+) answered, (\d+) to go")
CHANGED = re.compile(r"Your answer adds (\d+) questions? \(now (\d+) in all\)\.")


def _progress(child: pexpect.spawn[str]) -> tuple[int, int]:
    """The "N answered, M to go" of the question whose number was just seen."""
    child.expect(PROGRESS)
    match = child.match
    assert isinstance(match, re.Match)
    return int(match[1]), int(match[2])


def test_case_07_the_total_changes_only_with_the_users_choices_and_says_so(
    tmp_path: Path,
) -> None:
    """Seen: "0 of 72", "34 of 74", "85 of 112"; "Question 11 of 43" became "13 of 45"."""
    fill(tmp_path, "tea", examples_before("channels"))
    child = spawn(tmp_path, "resume", "tea", *FULL)
    done, to_go = _progress(child)
    at(child, "channels")
    total = done + to_go
    see(child, "Channels of your own")
    press(child, " " + DOWN + " " + ENTER)  # tick SEO and blog marketing
    child.expect(CHANGED)
    match = child.match
    assert isinstance(match, re.Match)
    added, now = int(match[1]), int(match[2])
    bank = load_bank()
    opened = [q for _s, q in bank.questions() if q.when and re.search(r"'(seo|blog)'", q.when)]
    assert added == len(opened) > 0
    assert now == total + added
    see(child, f"{number('seo_objective')} ·")  # numbers do not move
    assert _progress(child) == (done + 1, now - done - 1)
    assert saved(tmp_path, "tea")["progress"] == {"done": done + 1, "total": now}

    see(child, "SEO: objective")
    press(child, "First page of Baidu for Longjing gift box" + ENTER)  # opens nothing
    see(child, f"{number('seo_actions')} ·")
    assert "That answer adds" not in plain(child.before)
    assert _progress(child) == (done + 2, now - done - 2)
    stop(child)


# --- 8. The way back after `make run` ----------------------------------------------------------


def test_case_08_make_run_says_how_to_come_back_and_reports_no_error(tmp_path: Path) -> None:
    """Seen: after `make run`, Ctrl-C said ``marketing-wizard resume westlake`` (not on PATH)
    and make added ``make: *** [Makefile:25: run] Error 130``."""
    venv = Path(sys.prefix)
    child = pexpect.spawn(
        "make",
        [
            "--no-print-directory",
            "-o",
            f"{venv}/.installed",
            "run",
            "SESSION=westlake",
            f"VENV={venv}",
        ],
        cwd=str(ROOT),
        env=env(tmp_path),
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=20,
    )
    see(child, "Business name")
    press(child, "West Lake Kitchen" + ENTER)
    see(child, "Enter twice to finish")  # the next core question: who we are
    press(child, CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    said = " ".join(plain(child.before).split())  # as one line, wherever the screen wrapped it
    assert "Continue with: make run SESSION=westlake" in said
    assert "marketing-wizard resume westlake" not in said
    assert "make: ***" not in said
    assert "Error 130" not in said
    name = answer(tmp_path, "westlake", "business_name")
    assert name is not None
    assert name["value"] == "West Lake Kitchen"


# --- 9. Stage tables that fit the screen ----------------------------------------------------


def test_case_09_the_stage_table_fits_the_screen_with_whole_words(tmp_path: Path) -> None:
    """Seen: stage 5's table ran to 50-67 lines on a 35-line screen, so its top scrolled away,
    and long answers were cut with "…" and wrapped mid-word."""
    rows = 35
    long_answer = (
        "Calm green and white pages, large photographs of the terraced garden, built for "
        "phones first, pages loading in under two seconds, WeChat Pay and Alipay at checkout, "
        "customer reviews under every product, and a gentle tea-school corner for beginners."
    )
    bank = load_bank()
    channels = bank.question("channels")
    every_channel = [c.value for c in channels.choices or [] if not c.other]
    last = bank.stages[4].questions[-1]  # stage 5's last question: its table comes next
    fill(
        tmp_path,
        "tea",
        examples_before(last.id, site_design=long_answer, channels=every_channel),
    )
    child = spawn(tmp_path, "resume", "tea", *FULL, rows=rows)
    at(child, last.id)
    see(child, last.title)
    press(child, "SF Express for every order" + ENTER + ENTER)  # a long answer: Enter twice
    title = "Your answers: Platform and promotion"
    see(child, title)
    child.expect_exact(FRAME_END)  # the table and, under it, the menu that asks what next
    first = title + plain(child.before).replace("\r", "")
    height = len(first.rstrip("\n").split("\n"))
    assert height <= rows, f"{height} lines on a {rows}-line screen: the table's top scrolls away"
    table = first.split("Edit an answer, or continue?")[0]  # the menu's entries may end in "…"
    assert "…" not in table
    assert "Next page" in first

    # The long answer is on one of the pages in full, broken only between words.
    pages = first
    for _page in range(12):
        if "Calm" in pages:
            break
        press(child, "Next page" + ENTER)  # typed text picks the menu's entry
        see(child, title)
        child.expect_exact(FRAME_END)
        pages = plain(child.before)
    shown = pages[pages.index("Calm") :]
    words = iter(re.split(r"[\s│┃|]+", shown))
    missing = [w for w in long_answer.split() if not any(w == token for token in words)]
    assert missing == [], f"cut, or broken inside a word: {missing}"
    child.send(CTRL_C)  # the menu's frame was drawn already (and read above)
    see(child, "marketing-wizard resume")
    child.expect(pexpect.EOF)


# --- 10. Jump to the budget and come back ---------------------------------------------------


def test_case_10_go_jumps_to_the_budget_and_comes_back(tmp_path: Path) -> None:
    """Seen: changing the budget from 60k to 70k at the action list took nine ``/back`` steps,
    each clearing the pre-filled text first."""
    fill(
        tmp_path,
        "tea",
        examples_except("actions", total_budget={"amount": 60000, "currency": "CNY"}),
    )
    child = spawn(tmp_path, "resume", "tea", *FULL)
    at(child, "actions")
    see(child, "Add an item")
    press(child, f"/go {number('total_budget')}" + ENTER)  # typed into the list's menu
    at(child, "total_budget")
    see(child, "60000")
    press(child, CTRL_U + "70000" + ENTER)
    see(child, "= 70,000 CNY")
    see(child, "Back where you were.")
    at(child, "actions")
    see(child, "Add an item")
    budget = answer(tmp_path, "tea", "total_budget")
    assert budget is not None
    assert budget["value"] == {"amount": 70000, "currency": "CNY"}
    assert saved(tmp_path, "tea")["current"] == "actions"

    press(child, "/go total budget" + ENTER)  # by words this time
    see(child, "What is the total budget")
    see(child, "70000")
    press(child, ENTER)  # Enter keeps it
    see(child, "Back where you were.")
    see(child, "Add an item")
    stop(child)
    after = answer(tmp_path, "tea", "total_budget")
    assert after is not None
    assert (after["status"], after["value"]) == ("answered", budget["value"])


# --- 11. Named custom channels ------------------------------------------------------------------


CUSTOM = [
    {
        "name": "Xiaohongshu KOL notes",
        "objective": "Get tea lovers in Shanghai to save our notes",
        "actions": "Pay four tea KOLs for two notes a month",
        "cadence": "monthly",
        "budget": {"amount": 6000, "currency": "CNY"},
        "kpi": "Saves and shop visits from the notes",
        "owner": "Zhang Min",
    },
    {
        "name": "Dianping reviews",
        "objective": "Keep the tea house at 4.8 stars",
        "actions": "Answer every review within a day",
        "cadence": "weekly",
        "budget": {"amount": 1500, "currency": "CNY"},
        "kpi": "Star rating and reviews per month",
        "owner": "Chen Jie",
    },
]


def test_case_11_several_named_custom_channels(tmp_path: Path) -> None:
    """Seen: one "Other" channel only, called "this other channel", whose budget row took the
    free text of an unrelated earlier "Other" answer."""
    answers = examples_before(
        "channels",
        market_research=["other"],
        plan_purpose="Unrelated free text for the plan purpose",
    )
    answers["market_research"] = ["Unrelated research free text"]
    answers["channels"] = ["seo", "custom"]
    answers["custom_channels"] = CUSTOM
    fill(tmp_path, "tea", answers)
    child = spawn(tmp_path, "resume", "tea", *FULL)
    child.expect(PROGRESS)
    press(child, "/go custom_channels" + ENTER)
    at(child, "custom_channels")
    see(child, "Xiaohongshu KOL notes")  # the items table names each channel
    see(child, "Dianping reviews")
    see(child, "Edit item 2")
    press(child, DOWN * 3 + ENTER)  # from "Add an item", past Done and Edit item 1
    see(child, "item 2, field 1 of 7")
    press(child, ENTER)  # keep the name
    see(child, "item 2, field 2 of 7:")
    see(child, "Example:")
    assert "Dianping reviews" in plain(child.before)  # the field's prompt names the channel
    stop(child)
    kept = answer(tmp_path, "tea", "custom_channels")
    assert kept is not None
    assert kept["value"] == CUSTOM

    plan = markdown_plan(tmp_path, "tea")
    budget = plan.stdout.split("Budget by channel", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in budget.splitlines() if line.startswith("|")]
    names = [row.split("|")[1].strip() for row in rows[2:]]
    assert "Xiaohongshu KOL notes" in names
    assert "Dianping reviews" in names
    assert not [n for n in names if "Unrelated" in n]
    assert "this other channel" not in plan.stdout
    assert "### Xiaohongshu KOL notes" in plan.stdout or "Xiaohongshu KOL notes" in plan.stdout
