"""Bank sets on the command line: --banks, --pack, and a session that keeps its set.

Real processes on real folders. The consultant's folder (tests/data/consultant) adds one
stage to the shipped core banks, with no change to Python.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.test_e2e import env, spawn

CONSULTANT = Path(__file__).parent / "data" / "consultant"
ANSWERS = """\
business_name: Corner Cafe
community_groups: A chat group of 80 regulars, run by Mia.
posts_per_week: 3
"""


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in env(home).items()
        if k not in {"MARKETING_WIZARD_BANKS", "MARKETING_WIZARD_PACK"}
    }
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the consultant's folder that a test may move or change."""
    copy = tmp_path / "consultant"
    shutil.copytree(CONSULTANT, copy)
    return copy


def session_file(home: Path, name: str) -> dict[str, object]:
    data = json.loads((home / "sessions" / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_validate_a_pack_against_the_core() -> None:
    result = run(Path("."), "banks", "validate", str(CONSULTANT))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"OK: the core banks with the pack in {CONSULTANT}: 8 stages")


def test_validate_a_broken_pack_reports_file_place_what(folder: Path) -> None:
    (folder / "pack.yaml").write_text("id: consultant\ntitle: Mine\nversion: one\n")
    stage = folder / "01_community.yaml"
    stage.write_text(stage.read_text().replace("section: team", "section: teem"))
    result = run(folder, "banks", "validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines[0] == "3 problem(s) in the question banks:"
    assert lines[1] == f"{folder / 'pack.yaml'}: description: missing required key 'description'"
    assert lines[2].startswith(f"{folder / 'pack.yaml'}: version: expected a valid integer")
    assert lines[3] == (
        f"{stage}: posts_per_week.section: 'teem' is not a section of the plan layout; "
        "did you mean 'team'?"
    )


def test_a_folder_of_new_stages_is_answered_and_planned(tmp_path: Path) -> None:
    home = tmp_path / "home"
    filled = run(home, "fill", "cafe", "-", "--banks", str(CONSULTANT), stdin=ANSWERS)
    assert filled.returncode == 0, filled.stderr
    assert filled.stdout.startswith("Filled 3 answer(s) into session 'cafe'")
    record = session_file(home, "cafe")["banks"]
    assert record == {"pack": None, "dir": str(CONSULTANT), "versions": {"community": 4}}
    # later commands use the session's own set: no --banks again
    plan = run(home, "plan", "cafe", "-o", "-")
    assert plan.returncode == 0, plan.stderr
    assert "A chat group of 80 regulars, run by Mia." in plan.stdout
    assert "Group posts a week" in plan.stdout
    exported = run(home, "answers", "cafe")
    assert "posts_per_week: 3" in exported.stdout
    more = run(home, "fill", "cafe", "-", stdin="posts_per_week: 4\n")
    assert more.returncode == 0, more.stderr
    assert "posts_per_week: 4" in run(home, "answers", "cafe").stdout


def test_the_environment_variable_names_the_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "fill", "cafe", "-"],
        env={**env(home), "MARKETING_WIZARD_PACK": "", "MARKETING_WIZARD_BANKS": str(CONSULTANT)},
        input=ANSWERS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert session_file(home, "cafe")["banks"] == {
        "pack": None,
        "dir": str(CONSULTANT),
        "versions": {"community": 4},
    }
    # a variable is a default for new sessions: a core session keeps its own banks
    assert run(home, "fill", "plain", "-", stdin="business_name: Corner Cafe\n").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "answers", "plain"],
        env={**env(home), "MARKETING_WIZARD_PACK": "", "MARKETING_WIZARD_BANKS": str(CONSULTANT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "business_name: Corner Cafe" in result.stdout


def test_a_core_session_refuses_other_banks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "fill", "plain", "-", stdin="business_name: Corner Cafe\n").returncode == 0
    assert session_file(home, "plain")["banks"] == {"pack": None, "dir": None, "versions": {}}
    result = run(home, "plan", "plain", "--banks", str(CONSULTANT), "-o", "-")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: Session 'plain' is answered with the core banks alone, not the banks in "
        f"{CONSULTANT}.\nLeave out --pack and --banks (and unset MARKETING_WIZARD_BANKS) to use "
        "the session's own banks; start a new session for other banks.\n"
    )


def test_an_old_session_takes_the_banks_it_is_given(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "fill", "old", "-", stdin="business_name: Corner Cafe\n").returncode == 0
    path = home / "sessions" / "old.json"
    data = json.loads(path.read_text())
    del data["banks"]  # as written before bank sets
    data["schema_version"] = 2
    path.write_text(json.dumps(data))
    assert "posts_per_week" not in run(home, "answers", "old").stdout  # core only
    result = run(home, "fill", "old", "-", "--banks", str(CONSULTANT), stdin="posts_per_week: 2\n")
    assert result.returncode == 0, result.stderr
    assert session_file(home, "old")["banks"] == {
        "pack": None,
        "dir": str(CONSULTANT),
        "versions": {"community": 4},
    }


def test_a_moved_folder_is_named_and_can_be_given_again(tmp_path: Path, folder: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "fill", "cafe", "-", "--banks", str(folder), stdin=ANSWERS).returncode == 0
    moved = tmp_path / "moved"
    folder.rename(moved)
    result = run(home, "plan", "cafe", "-o", "-")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: Session 'cafe' is answered with the banks in {folder}, but the folder "
        f"{folder} is not there any more.\nIts answers are kept. To go on, pass the pack's "
        "folder: marketing-wizard resume cafe --banks DIR\n"
    )
    again = run(home, "fill", "cafe", "-", "--banks", str(moved), stdin="posts_per_week: 5\n")
    assert again.returncode == 0, again.stderr
    assert session_file(home, "cafe")["banks"] == {
        "pack": None,
        "dir": str(moved),
        "versions": {"community": 4},
    }
    assert "Customer groups" in run(home, "plan", "cafe", "-o", "-").stdout


def test_a_stage_gone_from_the_folder_is_named(tmp_path: Path, folder: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "fill", "cafe", "-", "--banks", str(folder), stdin=ANSWERS).returncode == 0
    (folder / "01_community.yaml").unlink()
    result = run(home, "answers", "cafe")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: Session 'cafe' was answered with the stage(s) 'community' from the banks in "
        f"{folder}, which has no such stage now.\nIts answers are kept. Put the stage file "
        "back, or pass a folder that has it: marketing-wizard resume cafe --banks DIR\n"
    )


def test_an_unknown_pack_lists_the_packs(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "cafe", "--pack", "restaurnt")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "Error: There is no pack named 'restaurnt'. Packs: core (the core questions only), "
    )
    assert "Pick one with --pack NAME, or give your own folder with --banks DIR." in result.stderr
    both = run(tmp_path, "fill", "cafe", "-", "--pack", "core", "--banks", str(CONSULTANT))
    assert both.returncode == 2
    assert both.stderr.startswith("Error: Give --pack or --banks, not both")
    missing = run(tmp_path, "plan", "cafe", "--banks", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"Error: --banks {tmp_path / 'nowhere'}: there is no folder")


def test_new_with_banks_keeps_the_set_for_resume(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "new", "cafe", "--banks", str(CONSULTANT))
    child.expect("8 stages of questions")  # the core's seven and the consultant's one
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert session_file(home, "cafe")["banks"] == {
        "pack": None,
        "dir": str(CONSULTANT),
        "versions": {"community": 4},
    }
    assert run(home, "fill", "cafe", "-", stdin=ANSWERS).returncode == 0
    child = spawn(home, "resume", "cafe")  # no --banks: the session's own folder
    child.expect("8 stages of questions")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert "A chat group of 80 regulars" in run(home, "plan", "cafe", "-o", "-").stdout
