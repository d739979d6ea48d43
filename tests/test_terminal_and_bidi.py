"""Escape sequences and bidi controls in user text: they never act on a terminal nor reorder a
line of the plan around them."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from tests.test_e2e import run
from wizard.display import clean_text, terminal_text

# Clear the screen, set the window title (OSC ... BEL and OSC ... ST), a C1 CSI, a bell,
# a carriage return, and an override that reverses what follows it.
HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07\x1b]2;t\x1b\\\x9b31m\x07\r\x85Co.\u202eLtd \u2067x"
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
ACTING = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in {"Cc", "Cs"}]


@pytest.fixture
def hostile_home(tmp_path: Path) -> Path:
    """A session filled from an answers file, then its client edited by hand to the hostile one
    (a file anyone may have written); a second session named ordinarily beside it."""
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"_meta": {"client": "Plain Co."}}), encoding="utf-8")
    for name in ("evil", "plain"):
        assert run(tmp_path, "fill", name, str(answers)).returncode == 0
    path = tmp_path / "sessions" / "evil.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["client"] = HOSTILE
    path.write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_sessions_shows_escape_sequences_as_text(hostile_home: Path) -> None:
    done = run(hostile_home, "sessions")
    assert done.returncode == 0, done.stderr
    out = done.stdout.encode("utf-8")
    for raw in ("\x1b", "\x07", "\x9b", "\r", "\x85", "\u202e", "\u2067"):
        assert raw.encode("utf-8") not in out, raw
    evil = next(line for line in done.stdout.splitlines() if line.startswith("evil "))
    assert "Evil\\x1b[2J\\x1b]0;pwned\\x07" in evil
    assert "Co.\\u202eLtd \\u2067x" in evil
    assert len(done.stdout.splitlines()) == 3  # the header and one line per session


def test_html_plan_meta_line_keeps_its_order(hostile_home: Path) -> None:
    out = hostile_home / "plan.html"
    done = run(hostile_home, "plan", "evil", "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert not set(page) & set(BIDI)
    meta = re.search(r'<p class="meta"><em>(.*?)</em></p>', page)
    assert meta
    assert re.fullmatch(
        r"Draft for discussion · prepared for .*Co\.Ltd x · \d{4}-\d\d-\d\d", meta[1]
    )
    for fmt in ("md", "opml", "json"):
        out = hostile_home / f"plan.{fmt}"
        done = run(hostile_home, "plan", "evil", "--format", fmt, "-o", str(out))
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8")
        if fmt == "json":  # its escapes read back
            text = json.dumps(json.loads(text), ensure_ascii=False)
        assert "Co.Ltd x" in text, fmt
        assert not set(text) & set(BIDI), fmt


def test_terminal_text_lets_no_control_act() -> None:
    text = "".join(ACTING + BIDI + ["\u2028", "\u2029"])
    shown = terminal_text(text)
    assert shown.isascii()
    assert shown.isprintable()
    assert shown.count("\\") == len(text)
    assert terminal_text("中文 🍵 مرحبا \u200f Co. \\ 100%") == "中文 🍵 مرحبا \u200f Co. \\ 100%"


def test_clean_text_drops_the_bidi_controls_that_reorder() -> None:
    kept = "مرحبا \u200f\u200e\u061c Co."  # marks that open nothing stay
    assert clean_text("".join(BIDI) + kept) == kept


def test_the_wizard_screens_never_pass_control_characters_to_the_terminal() -> None:
    """Text from a (hand-edited) session reaches rich screens cleaned: rich itself keeps ESC."""
    import io

    from rich.console import Console

    from wizard.banks import load_bank
    from wizard.flow import visible
    from wizard.screens import answer_text, items_table, parking_lot, question_intro, welcome
    from wizard.session import Answer, AnswerStatus, ParkedPoint

    hostile = "A\x1b]0;owned\x07B\x1b[2JC\x9b31mD"
    bank = load_bank()
    steps = visible(bank, {})
    screen = io.StringIO()
    console = Console(file=screen, width=80, color_system=None)
    welcome(console, "demo", hostile, len(bank.stages))
    noted = Answer(status=AnswerStatus.UNKNOWN, note=hostile)
    question_intro(console, steps[0], 1, 1, noted)
    question_intro(console, steps[0], 1, 1, noted, compact=True)
    console.print(answer_text(steps[0].question, noted))
    console.print(parking_lot([ParkedPoint(text=hostile, question=steps[0].id)], {}))
    goals = next(q for _s, q in bank.questions() if q.type.value == "list")
    field = (goals.fields or [])[0].id
    console.print(items_table(goals, [{field: "x", "_notes": {field: hostile}}], width=80))
    shown = screen.getvalue()
    assert "ABCD" in shown.replace("]0;owned", "").replace("[2J", "").replace("31m", "")
    assert not any(ch in shown for ch in "\x1b\x07\x9b")
