"""The session store against hostile workspaces (issue 8), on a real file system.

Copied session files, symlinked lock files, FIFOs and odd files among the sessions, names
that pass a loose check, stale temporary files: each ends in a clear message or the right
file written, never a hang, a traceback or another session's file touched.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.errors import SessionError, UsageError
from wizard.session import Session
from wizard.store import SessionStore, check_name


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line as a process, with the workspace ``home``."""
    env = {k: v for k, v in os.environ.items() if k != "MARKETING_WIZARD_LAUNCHER"}
    env["MARKETING_WIZARD_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _hold_lock(home: str, name: str, ready: object, release: object) -> None:
    store = SessionStore(Path(home))
    with store.lock(name):
        ready.set()  # type: ignore[attr-defined]
        release.wait(20)  # type: ignore[attr-defined]


# --- item 1: a session is its file ----------------------------------------------------------


def test_a_copied_session_is_loaded_and_saved_under_its_file_name(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.save(Session(name="acme", client="Acme Tea"))
    original = store.path("acme")
    copy = store.path("acme-copy")
    copy.write_bytes(original.read_bytes())
    before = original.read_bytes()
    with store.lock("acme-copy"):
        loaded = store.load("acme-copy")
        assert loaded.name == "acme-copy"  # the inner name "acme" is ignored
        loaded.client = "Copy Co"
        assert store.save(loaded) == copy
    assert original.read_bytes() == before
    assert json.loads(copy.read_text())["name"] == "acme-copy"
    assert json.loads(copy.read_text())["client"] == "Copy Co"


def test_a_save_outside_the_held_lock_is_refused(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    with store.lock("one"), pytest.raises(SessionError, match="holds the session 'one'"):
        store.save(Session(name="two"))
    assert not store.path("two").exists()


def test_fill_on_a_copy_never_touches_the_original_nor_its_lock(tmp_path: Path) -> None:
    first = run(tmp_path, "fill", "acme", "-", stdin="industry: Tea\n")
    assert first.returncode == 0, first.stderr
    original = tmp_path / "sessions" / "acme.json"
    copy = tmp_path / "sessions" / "acme-copy.json"
    copy.write_bytes(original.read_bytes())
    before = original.read_bytes()
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(
        target=_hold_lock, args=(str(tmp_path), "acme", ready, release)
    )
    holder.start()
    try:
        assert ready.wait(10)
        result = run(tmp_path, "fill", "acme-copy", "-", stdin="industry: Coffee\n")
    finally:
        release.set()
        holder.join(10)
    assert result.returncode == 0, result.stderr  # acme's lock, held elsewhere, is not needed
    assert str(copy) in result.stdout
    assert original.read_bytes() == before
    saved = json.loads(copy.read_text())
    assert saved["name"] == "acme-copy"
    assert saved["answers"]["industry"]["value"] == "Coffee"


# --- item 4: lock files are never followed --------------------------------------------------


def test_a_symlink_at_the_lock_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / ".acme.lock").symlink_to(target)
    store = SessionStore(tmp_path)
    with pytest.raises(SessionError) as caught, store.lock("acme"):
        pass
    assert str(folder / ".acme.lock") in caught.value.message
    assert "not a regular file" in caught.value.message
    assert target.read_text() == "keep me\n"
    assert not store.in_use("acme")
    result = run(tmp_path, "fill", "acme", "-", stdin="industry: Tea\n")
    assert result.returncode == 1
    assert f"The lock file {folder / '.acme.lock'} is not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "keep me\n"
    assert not (folder / "acme.json").exists()


def test_a_fifo_at_the_lock_is_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    os.mkfifo(folder / ".acme.lock")
    store = SessionStore(tmp_path)
    with pytest.raises(SessionError, match="is not a regular file"), store.lock("acme"):
        pass
    assert not store.in_use("acme")


# --- item 6: one bad file never breaks the others -------------------------------------------


def _good_and(tmp_path: Path, name: str) -> tuple[SessionStore, Path]:
    """A workspace with one good session, and the path of a session file named ``name``."""
    store = SessionStore(tmp_path)
    store.save(Session(name="good", client="Good Co"))
    return store, store.path(name)


def test_a_naive_updated_time_is_read_as_utc(tmp_path: Path) -> None:
    store, path = _good_and(tmp_path, "naive")
    data = Session(name="naive", client="Naive Co").model_dump(mode="json")
    data["updated"] = "2020-01-02T03:04:05"  # no offset
    path.write_text(json.dumps(data))
    summaries = {s.name: s for s in store.summaries()}
    assert summaries["naive"].problem is None
    assert summaries["naive"].updated is not None
    assert summaries["naive"].updated.isoformat() == "2020-01-02T03:04:05+00:00"
    assert store.most_recent() == "good"
    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0, listed.stderr
    assert "Naive Co" in listed.stdout
    assert "Good Co" in listed.stdout


def test_a_deeply_nested_file_is_that_files_problem(tmp_path: Path) -> None:
    store, path = _good_and(tmp_path, "deep")
    path.write_text('{"name": "deep", "client": ' + "[" * 100_000 + "]" * 100_000 + "}")
    summaries = {s.name: s for s in store.summaries()}
    assert summaries["good"].problem is None
    assert summaries["deep"].problem == (
        f"The session file {path} is not a valid session: its JSON is nested too deeply. "
        "It was left untouched."
    )
    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0, listed.stderr
    assert "Good Co" in listed.stdout
    answers = run(tmp_path, "answers", "deep")
    assert answers.returncode == 1
    assert "is nested too deeply" in answers.stderr
    assert "Traceback" not in answers.stderr + listed.stderr


def test_a_fifo_among_the_sessions_is_never_opened(tmp_path: Path) -> None:
    """Each command ends with a message at once; opening the pipe would wait forever."""
    store, path = _good_and(tmp_path, "x")
    os.mkfifo(path)
    summaries = {s.name: s for s in store.summaries()}
    assert summaries["good"].problem is None
    assert "not a regular file" in (summaries["x"].problem or "")
    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0, listed.stderr
    assert "Good Co" in listed.stdout
    assert "unreadable" in listed.stdout
    for command in (["answers", "x"], ["plan", "x"], ["fill", "x", "-"]):
        result = run(tmp_path, *command, stdin="industry: Tea\n")
        assert result.returncode == 1, command
        assert f"Cannot read the session file {path}: it is not a regular file" in (
            result.stderr
        ), command
        assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(path).st_mode)  # still the pipe, never replaced


def test_resume_on_a_fifo_says_so(tmp_path: Path) -> None:
    import pexpect

    _store, path = _good_and(tmp_path, "x")
    os.mkfifo(path)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wizard", "--home", str(tmp_path), "resume", "x"],
        encoding="utf-8",
        timeout=20,
    )
    child.expect(f"Cannot read the session file {path}: it is not a regular file")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1


def test_a_symlinked_session_file_is_refused_for_reading_and_writing(tmp_path: Path) -> None:
    store, path = _good_and(tmp_path, "linked")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(Session(name="linked").model_dump_json())
    before = elsewhere.read_bytes()
    path.symlink_to(elsewhere)
    with pytest.raises(SessionError, match="not a regular file"):
        store.load("linked")
    with pytest.raises(SessionError, match="something other than a regular file"):
        store.save(Session(name="linked"))
    assert path.is_symlink()
    assert elsewhere.read_bytes() == before


# --- item 8: nothing odd accepted in silence ------------------------------------------------


@pytest.mark.parametrize("name", ["abc\n", "acme\n", "x" * 64 + "\n"])
def test_a_trailing_newline_is_not_part_of_a_valid_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="is not a valid session name"):
        check_name(name)
    result = run(tmp_path, "fill", name, "-", stdin="industry: Tea\n")
    assert result.returncode == 2
    assert not (tmp_path / "sessions").exists() or not list((tmp_path / "sessions").iterdir())


@pytest.mark.parametrize("name", ["con", "PRN", "Aux", "nul", "com1", "LPT9"])
def test_windows_device_names_are_refused_with_a_hint(name: str) -> None:
    with pytest.raises(UsageError, match="Windows keeps it for a device") as caught:
        check_name(name)
    assert caught.value.hint == f"Add a word to it (for example {name}-plan)."


@pytest.mark.parametrize("name", ["con-2027", "console", "com10", "lpt0", "nul_x"])
def test_names_that_only_begin_like_a_device_are_fine(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("version", [0, -1, "2", 1.5, True, None])
def test_a_schema_version_below_one_or_not_a_number_is_refused(
    tmp_path: Path, version: object
) -> None:
    store = SessionStore(tmp_path)
    path = store.path("odd")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"name": "odd", "schema_version": version}))
    with pytest.raises(SessionError) as caught:
        store.load("odd")
    assert caught.value.message == (
        f"The session file {path} is not a valid session. It was left untouched."
    )
    assert caught.value.details[0].startswith("  schema_version: must be a whole number from 1")


def test_plan_never_writes_over_a_session(tmp_path: Path) -> None:
    assert run(tmp_path, "fill", "acme", "-", stdin="industry: Tea\n").returncode == 0
    session = tmp_path / "sessions" / "acme.json"
    before = session.read_bytes()
    moved = tmp_path / "kept.json"
    moved.write_bytes(before)  # a session file outside the workspace
    for target in (session, tmp_path / "sessions" / "new.md", moved):
        result = run(tmp_path, "plan", "acme", "-o", str(target))
        assert result.returncode == 2, target
        assert f"Refusing to write the plan to {target}" in result.stderr
    assert session.read_bytes() == before
    assert moved.read_bytes() == before
    assert not (tmp_path / "sessions" / "new.md").exists()
    fine = run(tmp_path, "plan", "acme", "--format", "json", "-o", str(tmp_path / "plan.json"))
    assert fine.returncode == 0, fine.stderr
    again = run(tmp_path, "plan", "acme", "--format", "json", "-o", str(tmp_path / "plan.json"))
    assert again.returncode == 0, again.stderr  # a plan's own JSON may be replaced


def test_an_empty_home_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--home", "", "fill", "acme", "-"],
        input="industry: Tea\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--home needs a folder; it was given an empty name." in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- item 11: temporary files of killed saves -----------------------------------------------


def test_the_next_save_under_the_lock_removes_leftover_temporary_files(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.save(Session(name="acme"))
    folder = store.folder
    leftovers = [folder / ".acme.json.k3j_x9ab.tmp", folder / ".acme.json.zz00zz00.tmp"]
    for temp in leftovers:
        temp.write_text('{"name": "ac')  # a save killed half-way
    others = [folder / ".acme-2.json.k3j_x9ab.tmp", folder / ".other.json.k3j_x9ab.tmp"]
    for temp in others:
        temp.write_text("another session's")
    store.save(Session(name="acme"))  # without the lock another wizard may be writing them
    assert all(temp.exists() for temp in leftovers)
    with store.lock("acme"):
        store.save(Session(name="acme", client="Acme"))
    assert not any(temp.exists() for temp in leftovers)
    assert all(temp.exists() for temp in others)
    assert store.load("acme").client == "Acme"


def test_fill_cleans_what_a_killed_fill_left(tmp_path: Path) -> None:
    assert run(tmp_path, "fill", "acme", "-", stdin="industry: Tea\n").returncode == 0
    leftover = tmp_path / "sessions" / ".acme.json.a1b2c3d4.tmp"
    leftover.write_text("x" * 100_000)
    result = run(tmp_path, "fill", "acme", "-", stdin="industry: Coffee\n")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in leftover.parent.iterdir()) == [".acme.lock", "acme.json"]


def test_a_session_file_with_a_lone_surrogate_is_named_and_left_untouched(tmp_path: Path) -> None:
    """Found by the session fuzz: JSON can escape half a character; saving it failed later."""
    store = SessionStore(tmp_path)
    store.save(Session(name="half"))
    path = tmp_path / "sessions" / "half.json"
    raw = path.read_text(encoding="utf-8").replace('"client": null', '"client": "\\ud800"')
    assert "\\ud800" in raw
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(SessionError, match="lone surrogate") as caught:
        store.load("half")
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == raw
