"""The session store against hostile workspaces (issue 8), on a real file system.

Copied session files, symlinked lock files, FIFOs and odd files among the sessions, names
that pass a loose check, stale temporary files: each ends in a clear message or the right
file written, never a hang, a traceback or another session's file touched.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.errors import SessionError
from wizard.session import Session
from wizard.store import SessionStore


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
