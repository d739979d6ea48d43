"""The way back is printed right: hints name a command that works from where the user is.

The installed console script is run as a real process with real ``PATH`` and folder setups;
the one hint printed without a terminal ("Continue it with: ..." when ``new`` meets an
existing session) shows which command the program names for itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from wizard import launcher

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[1]
SCRIPT = Path(sys.executable).parent / "marketing-wizard"
needs_script = pytest.mark.skipif(
    not SCRIPT.is_file(), reason="the marketing-wizard script is not installed beside Python"
)
SYSTEM_PATH = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())


def env(home: Path, path: str, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k != launcher.LAUNCHER_ENV}
    return {
        **clean,
        "MARKETING_WIZARD_HOME": str(home),
        "PATH": path,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "MARKETING_WIZARD_PACK": "core",  # no pack menu at `new` (tests/test_cli_packs.py)
        **extra,
    }


def hint(home: Path, path: str, cwd: Path, program: str | Path = SCRIPT, **extra: str) -> str:
    """The command `new demo` suggests for continuing the existing session demo."""
    made = subprocess.run(
        [str(SCRIPT), "fill", "demo", "-"],
        input="industry: Tea\n",
        env=env(home, path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    result = subprocess.run(
        [str(program), "new", "demo"],
        env=env(home, path, **extra),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Continue it with: "), result.stderr
    return last.removeprefix("Continue it with: ")


@needs_script
def test_after_make_run_the_hint_is_make_run(tmp_path: Path) -> None:
    path = f"{SCRIPT.parent}{os.pathsep}{SYSTEM_PATH}"
    assert hint(tmp_path, path, tmp_path, MARKETING_WIZARD_LAUNCHER="make") == (
        "make run SESSION=demo"
    )


@needs_script
def test_installed_on_path_the_hint_is_the_plain_name(tmp_path: Path) -> None:
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "marketing-wizard").symlink_to(SCRIPT)  # as pipx installs it
    path = f"{on_path}{os.pathsep}{SYSTEM_PATH}"
    assert hint(tmp_path, path, tmp_path, on_path / "marketing-wizard") == (
        "marketing-wizard resume demo"
    )


@needs_script
def test_not_on_path_the_hint_is_the_scripts_path_from_here(tmp_path: Path) -> None:
    venv = SCRIPT.parents[1]
    relative = f"{venv.name}/bin/marketing-wizard resume demo"
    assert hint(tmp_path, SYSTEM_PATH, venv.parent) == relative
    assert hint(tmp_path, SYSTEM_PATH, SCRIPT.parent) == "./marketing-wizard resume demo"
    far = tmp_path / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h" / "i" / "j" / "k"
    far.mkdir(parents=True)
    shown = hint(tmp_path, SYSTEM_PATH, far)
    assert shown == f"{SCRIPT} resume demo" or shown.startswith("../")
    assert Path(far, shown.split()[0]).resolve() == SCRIPT.resolve()


@needs_script
def test_another_program_of_that_name_on_path_is_not_named(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    impostor = other / "marketing-wizard"
    impostor.write_text("#!/bin/sh\necho another program\n")
    impostor.chmod(0o755)
    path = f"{other}{os.pathsep}{SYSTEM_PATH}"
    venv = SCRIPT.parents[1]
    assert hint(tmp_path, path, venv.parent) == f"{venv.name}/bin/marketing-wizard resume demo"


def test_make_names_only_what_make_run_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under make, starting and resuming are `make run`; other commands name the program."""
    monkeypatch.setenv(launcher.LAUNCHER_ENV, "make")
    assert launcher.command("resume", "westlake") == "make run SESSION=westlake"
    assert launcher.command("new", "NAME") == "make run SESSION=NAME"
    assert launcher.command("resume") == "make run"
    plan = launcher.command("plan", "westlake", "--format", "html")
    assert not plan.startswith("make")
    assert plan.endswith(" plan westlake --format html")


def test_run_as_a_module_without_a_script_names_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "python3"
    python.write_text("")
    monkeypatch.delenv(launcher.LAUNCHER_ENV, raising=False)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(sys, "argv", [str(ROOT / "wizard" / "__main__.py")])
    monkeypatch.chdir(tmp_path)
    assert launcher.command("resume", "acme") == "./python3 -m wizard resume acme"
    spaced = tmp_path / "my tools"
    spaced.mkdir()
    monkeypatch.chdir(spaced)
    assert launcher.command("resume", "acme") == "../python3 -m wizard resume acme"
    monkeypatch.chdir("/")
    shown = launcher.command("plan", "acme")
    assert shown.endswith("python3 -m wizard plan acme")
    assert Path("/", shown.split()[0]).resolve() == python.resolve()


@needs_script
def test_ctrl_c_under_make_prints_make_run_and_exits_130(tmp_path: Path) -> None:
    child = pexpect.spawn(
        str(SCRIPT),
        ["new", "westlake"],
        env=env(tmp_path, SYSTEM_PATH, MARKETING_WIZARD_LAUNCHER="make"),
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=20,
    )
    child.expect(r"continue later with (\x1b\[1m)?make run SESSION=westlake")  # in bold
    child.expect("Business name")
    child.send("Westlake Tea\r")
    child.expect("Who we are")
    child.sendcontrol("c")
    child.expect("Continue with: make run SESSION=westlake\r\n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def make_is_ready() -> bool:
    """`make run` here starts at once: make exists and this Python's .venv is installed."""
    if shutil.which("make") is None or Path(sys.prefix) != ROOT / ".venv":
        return False
    up_to_date = subprocess.run(
        ["make", "-q", "-C", str(ROOT), ".venv/.installed"], capture_output=True, check=False
    )
    return up_to_date.returncode == 0


@pytest.mark.skipif(not make_is_ready(), reason="needs make and this worktree's installed .venv")
def test_make_run_starts_then_resumes_and_ctrl_c_is_no_make_error(tmp_path: Path) -> None:
    def make_run() -> pexpect.spawn[str]:
        return pexpect.spawn(
            "make",
            ["-s", "run", "SESSION=westlake"],
            cwd=str(ROOT),
            env=env(tmp_path, os.environ["PATH"]),
            encoding="utf-8",
            dimensions=(40, 80),
            timeout=30,
        )

    child = make_run()
    child.expect("Business name")
    child.send("Westlake Tea\r")
    child.expect("Enter twice to finish")  # the prompt of "Who we are" is up
    child.sendcontrol("c")
    child.expect("Continue with: make run SESSION=westlake\r\n")
    child.expect(pexpect.EOF)
    child.close()
    assert "Error 130" not in (child.before or "")
    assert child.exitstatus == 0
    again = make_run()  # the session exists now: make run continues it
    again.expect("Enter twice to finish")  # the prompt of "Who we are" is up
    again.sendcontrol("c")
    again.expect("Continue with: make run SESSION=westlake\r\n")
    again.expect(pexpect.EOF)
    again.close()
    assert "Error" not in (again.before or "")
    assert again.exitstatus == 0


@needs_script
def test_a_home_given_on_the_command_line_is_repeated_in_the_hint(tmp_path: Path) -> None:
    home = tmp_path / "client work"
    clean = {k: v for k, v in os.environ.items() if k not in (launcher.LAUNCHER_ENV,)}
    clean.pop("MARKETING_WIZARD_HOME", None)
    result = subprocess.run(
        [str(SCRIPT), "--home", str(home), "sessions"],
        env={**clean, "PATH": f"{SCRIPT.parent}{os.pathsep}{SYSTEM_PATH}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Start one with: marketing-wizard --home '{home}' new NAME" in result.stdout
