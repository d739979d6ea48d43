"""The language of the interface (wizard/i18n.py): where it comes from, --lang on every
command, the session's own language, and Babel's locale formats."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.test_e2e import env
from wizard import i18n
from wizard.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh_CN.UTF-8", "zh-CN"),
        ("zh-cn", "zh-CN"),
        ("zh", "zh-CN"),
        ("zh_Hans_CN", "zh-CN"),
        ("zh_TW.UTF-8", None),  # Traditional: English rather than the wrong script
        ("en_GB.UTF-8", "en"),
        ("fr_FR.UTF-8", None),
        ("", None),
    ],
)
def test_a_tag_names_a_language_we_speak_or_none(tag: str, lang: str | None) -> None:
    assert i18n.language_from(tag) == lang


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-CN"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL comes first
        ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}, "zh-CN"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"MARKETING_WIZARD_LANG": "zh-CN", "LANG": "en_US.UTF-8"}, "zh-CN"),
    ],
)
def test_the_environment_picks_the_default_language(environ: dict[str, str], lang: str) -> None:
    assert i18n.env_language(environ) == lang


def test_every_command_takes_lang() -> None:
    def commands(group: click.Group) -> list[click.Command]:
        found: list[click.Command] = [group]
        for command in group.commands.values():
            found += commands(command) if isinstance(command, click.Group) else [command]
        return found

    missing = [c.name for c in commands(cli) if not any("--lang" in p.opts for p in c.params)]
    assert missing == []


def test_locale_formats_follow_the_language() -> None:
    day = dt.date(2027, 6, 30)
    assert i18n.format_date(day, "short") == "2027-06-30"
    assert i18n.format_number(1234567.891, 2) == "1,234,567.89"
    assert i18n.format_list(["a", "b", "c"]) == "a, b, and c"
    i18n.set_language("zh-CN")
    assert i18n.format_date(day) == "2027年6月30日"
    assert i18n.format_number(80000) == "80,000"
    assert i18n.format_list(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_a_translated_string_and_its_fallback() -> None:
    message = "{given!r} is not a language the wizard speaks; use one of: {known}."
    assert i18n._(message) == message
    i18n.set_language("zh-CN")
    assert "不支持" in i18n._(message)
    assert i18n._("a string nobody translated") == "a string nobody translated"


def run(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env={**env(home), **extra},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def session_language(home: Path, name: str) -> str | None:
    data = json.loads((home / "sessions" / f"{name}.json").read_text(encoding="utf-8"))
    language = data.get("language")
    assert language is None or isinstance(language, str)
    return language


def test_a_session_remembers_the_language_it_was_filled_in(tmp_path: Path) -> None:
    done = run(tmp_path, "--lang", "zh-CN", "fill", "tea", str(EXAMPLES / "tea-brand.yaml"))
    assert done.returncode == 0, done.stderr
    assert session_language(tmp_path, "tea") == "zh-CN"
    # later commands speak it without --lang, whatever the environment says ...
    plan = run(tmp_path, "plan", "tea", "-o", "-", LANG="en_US.UTF-8")
    assert plan.returncode == 0, plan.stderr
    assert "网络营销方案" in plan.stdout
    # ... and --lang renders one copy in another language without changing the session's
    english = run(tmp_path, "plan", "tea", "-o", "-", "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert "Online marketing plan" in english.stdout
    assert "网络营销方案" not in english.stdout
    assert session_language(tmp_path, "tea") == "zh-CN"


def test_a_bad_language_is_refused_with_the_languages_we_speak(tmp_path: Path) -> None:
    done = run(tmp_path, "sessions", "--lang", "fr")
    assert done.returncode == 2
    assert "'fr' is not a language the wizard speaks; use one of: en, zh-CN." in done.stderr


def test_an_answers_file_names_the_language_of_a_new_session(tmp_path: Path) -> None:
    bakery = EXAMPLES / "bakery-guangzhou.yaml"  # _meta: language: zh-CN
    done = run(tmp_path, "fill", "hemai", str(bakery), "--pack", "restaurant")
    assert done.returncode == 0, done.stderr
    assert session_language(tmp_path, "hemai") == "zh-CN"
    again = run(tmp_path, "--lang", "en", "fill", "other", str(bakery), "--pack", "restaurant")
    assert again.returncode == 0, again.stderr
    assert session_language(tmp_path, "other") == "en"  # --lang beats the file
    exported = run(tmp_path, "answers", "hemai")
    assert "language: zh-CN" in exported.stdout


def test_an_answers_file_with_a_language_we_do_not_speak_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("_meta: {language: fr}\nbusiness_name: Chez Paul\n", encoding="utf-8")
    done = run(tmp_path, "fill", "paul", str(answers))
    assert done.returncode == 1
    assert "_meta.language: expected one of en, zh-CN (got 'fr')" in done.stderr


def test_a_chinese_worksheet_fills_a_chinese_session(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    made = run(tmp_path, "--lang", "zh-CN", "worksheet", "--format", "yaml", "-o", str(template))
    assert made.returncode == 0, made.stderr
    assert "_meta:\n  client:\n  language: zh-CN\n" in template.read_text(encoding="utf-8")
    filled = run(tmp_path, "fill", "client", str(template))  # the environment says English
    assert filled.returncode == 0, filled.stderr
    assert session_language(tmp_path, "client") == "zh-CN"
    english = run(tmp_path, "worksheet", "--format", "yaml", "-o", "-")
    assert "language:" not in english.stdout  # English is the default: nothing to say
