"""The session store on a real file system: atomic saves, locks, unreadable files, names."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wizard import store as store_module
from wizard.errors import SessionError, SessionLockedError, UsageError
from wizard.session import AnswerStatus, Session
from wizard.store import SessionStore, atomic_write, check_name


@pytest.mark.parametrize("name", ["acme-2027", "A", "client_1", "x" * 64])
def test_good_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "../x", "/etc/x", "a/b", ".hidden", "-x", "x" * 65, "a b", "é"]
)
def test_names_that_could_escape_are_refused(name: str) -> None:
    with pytest.raises(UsageError, match="is not a valid session name"):
        check_name(name)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = Session(name="acme", client="Acme Tea", bank_versions={"strategy": 1})
    session.record("business_name", AnswerStatus.ANSWERED, "Acme Tea", note="Check spelling")
    session.record("goals", AnswerStatus.UNKNOWN)
    path = store.save(session)
    assert path == tmp_path / "sessions" / "acme.json"
    loaded = store.load("acme")
    assert loaded == session
    assert loaded.answers["business_name"].note == "Check spelling"
    assert [p.name for p in path.parent.iterdir()] == ["acme.json"]  # no temporary file left


@pytest.fixture
def hooks() -> Iterator[list[Callable[[str, Path, Path], None]]]:
    """The store's fault hooks, emptied again after the test."""
    yield store_module.fault_hooks
    store_module.fault_hooks.clear()


def test_atomic_write_never_shows_a_partial_file(
    tmp_path: Path,
    hooks: list[Callable[[str, Path, Path], None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At every step a reader sees the whole old file or the whole new one, never a mix.

    The new text is written to a temporary file that is fsynced before it is renamed over
    the old file (a new inode), and the folder is fsynced after the rename. A plain
    ``write_text`` fails every part of this: it truncates the old file in place.
    """
    path = tmp_path / "f.json"
    old, new = "old " * 5000, "new " * 7000
    atomic_write(path, old)
    inode = path.stat().st_ino
    events: list[tuple[str, ...]] = []

    def seen(point: str, target: Path, temp: Path) -> None:
        assert target == path
        events.append(
            (
                point,
                target.read_text(),
                temp.read_text() if temp.exists() else "(gone)",
                " ".join(sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json")),
            )
        )

    def fsync(fd: int) -> None:
        events.append(("fsync", str(os.fstat(fd).st_ino)))
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append(("rename", str(src), str(dst)))
        real_replace(src, dst)

    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    hooks.append(seen)
    atomic_write(path, new)
    temp = events[4][1]  # the file renamed over the old one
    assert Path(temp).parent == tmp_path
    assert Path(temp).name.startswith(".f.json.")
    new_inode = str(path.stat().st_ino)
    assert events == [
        ("before-write", old, "", "f.json"),
        ("after-write", old, new, "f.json"),
        ("fsync", new_inode),  # the temporary file, on disk before it is renamed
        ("after-fsync", old, new, "f.json"),
        ("rename", temp, str(path)),
        ("after-rename", new, "(gone)", "f.json"),
        ("fsync", str(tmp_path.stat().st_ino)),  # the folder, so the rename is on disk too
    ]
    assert path.read_text() == new
    assert new_inode != str(inode)  # a new file took the old one's place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, hooks: list[Callable[[str, Path, Path], None]]
) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, "old")

    def fail(point: str, target: Path, temp: Path) -> None:
        if point == "after-fsync":
            raise OSError(28, "No space left on device")

    hooks.append(fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_unreadable_file_names_its_path_and_is_left_untouched(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    path = store.path("broken")
    path.parent.mkdir(parents=True)
    path.write_text('{"name": "broken", ', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(SessionError) as caught:
        store.load("broken")
    assert str(path) in caught.value.message
    assert "not valid JSON (line 1, column 20" in caught.value.message
    assert path.read_bytes() == before


def test_invalid_session_lists_problems(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    path = store.path("bad")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"name": "bad", "answers": {"x": {"status": "maybe"}}}))
    with pytest.raises(SessionError) as caught:
        store.load("bad")
    assert (
        caught.value.message
        == f"The session file {path} is not a valid session. It was left untouched."
    )
    assert caught.value.details == [
        "  answers.x.status: Input should be 'answered', 'skipped', 'unknown' or 'in_progress'"
    ]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    path = store.path("future")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"name": "future", "schema_version": 99}))
    with pytest.raises(SessionError, match="newer marketing-wizard"):
        store.load("future")


def test_missing_session(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="There is no session named 'nope'"):
        SessionStore(tmp_path).load("nope")


def test_summaries_most_recent_first_and_unreadable_listed(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    older = Session(name="older", client="Old Co")
    store.save(older)
    newer = Session(name="newer")
    newer.updated = older.updated.replace(year=older.updated.year + 1)
    store.save(newer)
    store.path("junk").write_text("not json")
    summaries = store.summaries()
    assert [s.name for s in summaries] == ["newer", "older", "junk"]
    assert summaries[1].client == "Old Co"
    assert summaries[2].problem is not None
    assert store.most_recent() == "newer"


def _hold_lock(home: str, ready: object, release: object) -> None:
    store = SessionStore(Path(home))
    with store.lock("acme"):
        ready.set()  # type: ignore[attr-defined]
        release.wait(10)  # type: ignore[attr-defined]


def test_a_second_process_is_refused(tmp_path: Path) -> None:
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(SessionLockedError) as caught, SessionStore(tmp_path).lock("acme"):
            pass
        assert f"(process {holder.pid})" in caught.value.message
        assert SessionStore(tmp_path).in_use("acme")
    finally:
        release.set()
        holder.join(10)
    with SessionStore(tmp_path).lock("acme"):  # free again once the holder is gone
        pass
    assert not SessionStore(tmp_path).in_use("acme")


def test_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    holder.start()
    assert ready.wait(10)
    assert holder.pid is not None
    os.kill(holder.pid, 9)
    holder.join(10)
    with SessionStore(tmp_path).lock("acme"):
        pass


def test_atomic_write_into_a_pipe_writes_through_it(tmp_path: Path) -> None:
    """A device or pipe (like /dev/null) is written to, never replaced by a regular file."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    atomic_write(fifo, "through the pipe")
    reader.join(5)
    assert received == ["through the pipe"]
    assert not fifo.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
