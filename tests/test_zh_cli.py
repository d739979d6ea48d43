"""The command line and the wizard's own words in Simplified Chinese (--lang zh-CN): help,
click's words, errors, the screens, the prompts' hints and the display of answers."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from wizard import i18n
from wizard.bank import Bank, QuestionType
from wizard.banks import load_bank
from wizard.commands import UnknownCommand, command_meanings, menu_extras
from wizard.display import format_money, format_number, format_value
from wizard.flow import visible
from wizard.prompter import MENU_HINT, TEXT_HINT
from wizard.screens import (
    Tally,
    final_summary,
    help_panel,
    question_intro,
    stage_header,
    total_changed,
    welcome,
)
from wizard.session import Answer, AnswerStatus, Session

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def printed(draw: Callable[[Console], None], width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, height=35, color_system=None)
    draw(console)
    return str(console.file.getvalue())  # type: ignore[attr-defined]


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "MARKETING_WIZARD_HOME": str(home)}
    env.pop("MARKETING_WIZARD_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_help_is_chinese_and_fits(tmp_path: Path) -> None:
    out = run("--lang", "zh-CN", "new", "--help", home=tmp_path).stdout
    assert "用法：" in out
    assert "开始一个会话并回答问题" in out
    assert "显示本帮助后退出。" in out
    for english in ("Usage:", "Start a session", "Show this message", "The client or business"):
        assert english not in out
    from wizard.text_layout import cells

    assert max(cells(line) for line in out.splitlines()) <= 100  # wrapped by display width


def test_click_errors_are_chinese(tmp_path: Path) -> None:
    missing = run("--lang", "zh-CN", "plan", home=tmp_path)
    assert missing.returncode == 2
    assert "错误：缺少参数 'SESSION'" in missing.stderr
    assert "查看帮助" in missing.stderr
    assert "Try '" not in missing.stderr
    choice = run("--lang", "zh-CN", "plan", "x", "--format", "xx", home=tmp_path).stderr
    assert "'--format' 的值无效：'xx'" in choice


def test_english_help_unchanged(tmp_path: Path) -> None:
    out = run("new", "--help", home=tmp_path).stdout
    assert out.startswith("Usage: marketing-wizard new [OPTIONS] [SESSION]")
    assert "  -h, --help                  Show this message and exit." in out


def test_wizard_errors_and_sessions_are_chinese(tmp_path: Path) -> None:
    none = run("--lang", "zh-CN", "sessions", home=tmp_path)
    assert none.stdout.startswith(f"{tmp_path / 'sessions'} 中还没有会话。")
    filled = run("--lang", "zh-CN", "fill", "t", "examples/tea-brand.yaml", home=tmp_path)
    assert filled.returncode == 0, filled.stderr
    assert "个回答填入会话 't'" in filled.stdout
    assert "Filled" not in filled.stdout
    listed = run("--lang", "zh-CN", "sessions", home=tmp_path).stdout
    assert listed.splitlines()[0].split() == ["会话", "客户", "进度", "最后修改"]
    taken = run("--lang", "zh-CN", "new", "t", home=tmp_path)
    assert taken.stderr.startswith("错误：名为 't' 的会话已经存在。")
    bad = run("--lang", "zh-CN", "profile", "--accent", "red", home=tmp_path)
    assert "颜色应写成 #rrggbb" in bad.stderr


def test_money_yes_no_and_dates(bank: Bank, chinese: None) -> None:
    assert format_money(80000, "CNY") == "80,000 元"
    assert format_money(300, "EUR") == "300 EUR"
    assert format_number(True) == "是"
    confirm = next(q for _s, q in bank.questions() if q.type is QuestionType.CONFIRM)
    assert format_value(confirm, False) == "否"
    date = next(q for _s, q in bank.questions() if q.type is QuestionType.DATE)
    assert format_value(date, "2027-06-30") == "2027年6月30日"


def test_money_yes_no_and_dates_in_english(bank: Bank) -> None:
    assert format_money(80000, "CNY") == "80,000 CNY"
    assert format_number(True) == "Yes"
    date = next(q for _s, q in bank.questions() if q.type is QuestionType.DATE)
    assert format_value(date, "2027-06-30") == "2027-06-30"


def test_commands_and_hints(chinese: None) -> None:
    assert UnknownCommand("/bakc").message.startswith("没有 /bakc 这个命令")
    assert [title for _v, title in menu_extras()][1] == "跳过这个问题  (/skip)"
    assert dict(command_meanings())["/back"] == "回到上一个问题（之前的回答保留）"
    assert i18n._(TEXT_HINT).endswith("Ctrl-C 保存并退出")
    assert "回车" in i18n._(MENU_HINT)


def test_screens(bank: Bank, chinese: None) -> None:
    opening = printed(lambda c: welcome(c, "demo", "绿叶茶", 7, core=True))
    assert "营销方案向导" in opening
    assert "共 7 个阶段的问题" in opening
    assert "session" not in opening
    assert "stages" not in opening
    stage = bank.stages[0]
    answers = {stage.questions[0].id: Answer(status=AnswerStatus.UNKNOWN)}
    tally = Tally.of(bank, answers)
    head = printed(lambda c: stage_header(c, stage, 1, 7, 0, 0, tally=tally))
    assert "第 1 阶段（共 7 个）" in head
    assert "个阶段" in head
    step = visible(bank, answers)[0]
    intro = printed(lambda c: question_intro(c, step, 1, 5, answers[step.id], tally=tally))
    assert "您之前的回答：暂时不知道" in intro
    assert "示例：" in intro
    assert "Example" not in intro
    assert "Earlier you said" not in intro
    panel = printed(lambda c: c.print(help_panel(step.question)))
    assert "跳过这个问题，不回答" in panel
    changed = total_changed(10, 12)
    assert changed is not None
    assert changed.plain == "您的回答增加了 2 个问题（现在共 12 个）。"
    done = printed(lambda c: final_summary(c, "demo", 3, 5, 2, None, more=4))
    assert "核心问题已完成" in done
    assert "还有 2 个问题待定" in done
    assert "完成" in done
    assert "Done" not in done
    assert "answered" not in done


def test_new_session_remembers_chinese(tmp_path: Path) -> None:
    run("--lang", "zh-CN", "fill", "s", "examples/tea-brand.yaml", home=tmp_path)
    state = Session.model_validate_json((tmp_path / "sessions" / "s.json").read_text("utf-8"))
    assert state.language == "zh-CN"
    again = run("fill", "s", "examples/tea-brand.yaml", home=tmp_path)  # the session's language
    assert "个回答填入会话" in again.stdout


def test_a_long_chinese_finding_fits_its_width(chinese: None) -> None:
    from wizard.screens import _keep_the_end_cells
    from wizard.text_layout import cells

    text = "目标2（粉丝）没有截止日期，也没有负责人；请补上由谁在什么时候之前完成，否则方案无法检查进度。"
    cut = _keep_the_end_cells(text, 60)
    assert cells(cut) <= 60
    assert cut.endswith("否则方案无法检查进度。")
    assert "… " in cut
