"""The session store: one JSON file per session under ``<home>/sessions/``.

Every save is atomic (a temporary file beside the target, flushed and fsynced, then renamed
over it), so a crash, a kill or Ctrl-C at any moment leaves the last good file. A lock file
held with ``flock`` keeps a second wizard off a session; the kernel releases it when the
process ends, however it ends.

Test seam: :data:`fault_hooks` is empty in normal use. A test appends a function, called as
``hook(point, path, temp)`` at each step of :func:`atomic_write`, to stop a save right there
(``tests/test_store.py`` and the kill test in ``tests/test_e2e.py`` do, in a child process
that then kills itself). The points, in order, are :data:`FAULT_POINTS`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import launcher
from wizard.errors import (
    SessionError,
    SessionLockedError,
    UsageError,
    WizardError,
    model_reason,
    os_reason,
    parser_reason,
)
from wizard.i18n import _, is_chinese

__all__ = [
    "FAULT_POINTS",
    "SessionStore",
    "SessionSummary",
    "atomic_write",
    "check_name",
    "fault_hooks",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # used with fullmatch only
#: Names Windows reserves for devices, in any case: a file ``con.json`` cannot exist there.
_RESERVED = re.compile(r"con|prn|aux|nul|com[1-9]|lpt[1-9]", re.IGNORECASE)

#: The steps of :func:`atomic_write`: the temporary file is created and empty; it holds the
#: whole text (flushed to the kernel); it is fsynced to disk; it has been renamed over the file.
FAULT_POINTS = ("before-write", "after-write", "after-fsync", "after-rename")
#: Functions called as ``hook(point, path, temp)`` at each of :data:`FAULT_POINTS`; for tests.
fault_hooks: list[Callable[[str, Path, Path], None]] = []


def _reached(point: str, path: Path, temp: Path) -> None:
    for hook in fault_hooks:
        hook(point, path, temp)


def check_name(name: str) -> str:
    """Return ``name`` if it is a safe session name; refuse anything that could escape.

    Raises:
        UsageError: for an empty name, a path, or characters other than letters, digits,
            ``-`` and ``_``.
    """
    if not _NAME.fullmatch(name or ""):
        shown = repr(name) if name else _("an empty name")
        raise UsageError(
            _("{name} is not a valid session name.").format(name=shown),
            hint=_(
                "Use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit "
                "(for example acme-2027)."
            ),
        )
    if _RESERVED.fullmatch(name):
        raise UsageError(
            _("{name} is not a valid session name: Windows keeps it for a device.").format(
                name=repr(name)
            ),
            hint=_("Add a word to it (for example {name}-plan).").format(name=name),
        )
    return name


def atomic_write(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` so that readers only ever see the old or the new file.

    ``text`` is written as UTF-8; bytes (a PDF, a DOCX) are written as they are.

    A path that exists but is not a regular file (``/dev/null``, a pipe) is written to in
    place: replacing it would put a regular file where a device or pipe was.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.exists() and not path.is_file():
        with path.open("wb") as handle:
            handle.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _reached("before-write", path, tmp)
            handle.write(data)
            handle.flush()
            _reached("after-write", path, tmp)
            os.fsync(handle.fileno())
            _reached("after-fsync", path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _reached("after-rename", path, tmp)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _open_lock(path: Path, flags: int) -> int:
    """Open a lock file without following a link, blocking on a pipe or taking a terminal.

    Raises:
        SessionError: when something other than a regular file is at ``path`` (a symbolic
            link, a FIFO, a device); it is left untouched.
    """
    flags |= os.O_NOFOLLOW | os.O_NOCTTY | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        fd = -1
    if fd >= 0 and stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    if fd >= 0:
        os.close(fd)
    raise SessionError(
        _(
            "The lock file {path} is not a regular file (a link, a pipe or a device); "
            "it was left untouched."
        ).format(path=path),
        hint=_("Remove it if you did not put it there; the wizard makes a new one."),
    )


def _read_regular(path: Path) -> str:
    """The text of ``path`` if it is a regular file; anything else is never opened.

    Raises:
        FileNotFoundError: when nothing is there.
        OSError: when something other than a regular file is there (a link, a pipe...).
    """
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise OSError(errno.EINVAL, _("it is not a regular file (a link, a pipe or a folder?)"))
    # O_NOFOLLOW and O_NONBLOCK: should a pipe or a link take its place meanwhile, the open
    # neither follows nor waits, and the check after it refuses.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NOCTTY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, _("it is not a regular file"))
        return handle.read().decode("utf-8")


_MAX_DEPTH = 100
"""Levels of nesting a session file may hold (an answers file gives at most 20): deeper, the
session could be read but not written back (serialising it fails)."""


def _deeper_than(data: object, limit: int) -> bool:
    """Whether ``data`` (parsed JSON) nests more than ``limit`` levels, found without recursion."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


@dataclass(frozen=True)
class SessionSummary:
    """What ``sessions`` lists, read without the banks or the session model."""

    name: str
    client: str | None
    done: int
    total: int
    updated: dt.datetime | None
    problem: str | None = None


class SessionStore:
    """Sessions under one workspace folder."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.folder = home / "sessions"
        self._held: set[str] = set()  # the sessions whose lock this store holds

    def path(self, name: str) -> Path:
        return self.folder / f"{check_name(name)}.json"

    def exists(self, name: str) -> bool:
        """Whether anything is at the session's file name (a pipe or a link counts too)."""
        return os.path.lexists(self.path(name))

    def read_json(self, name: str) -> dict[str, Any]:
        """The raw content of a session file.

        Raises:
            SessionError: naming the path and what is wrong; the file is left untouched.
        """
        path = self.path(name)
        try:
            text = _read_regular(path)
        except FileNotFoundError:
            raise SessionError(
                _("There is no session named {name} (looked for {path}).").format(
                    name=repr(name), path=path
                ),
                hint=_("List sessions with: {command}").format(
                    command=launcher.command("sessions")
                ),
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) or getattr(exc, "strerror", None) or exc
            raise SessionError(
                _("Cannot read the session file {path}: {reason}").format(path=path, reason=reason)
            ) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SessionError(
                _(
                    "The session file {path} is not valid JSON (line {line}, column "
                    "{column}: {error}). It was left untouched."
                ).format(path=path, line=exc.lineno, column=exc.colno, error=parser_reason(exc.msg))
            ) from None
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, 10,000 brackets
            if isinstance(exc, RecursionError):
                message = _(
                    "The session file {path} is not a valid session: its JSON is nested too "
                    "deeply. It was left untouched."
                )
            else:
                message = _(
                    "The session file {path} is not a valid session: its JSON ({error}). "
                    "It was left untouched."
                )
            raise SessionError(message.format(path=path, error=exc)) from None
        if not isinstance(data, dict):
            raise SessionError(
                _("The session file {path} does not hold a session. It was left untouched.").format(
                    path=path
                )
            )
        if _deeper_than(data, _MAX_DEPTH):
            raise SessionError(
                _(
                    "The session file {path} is not a valid session: its JSON is nested deeper "
                    "than {depth} levels, which no answer is. It was left untouched."
                ).format(path=path, depth=_MAX_DEPTH)
            )
        try:  # JSON may escape half a character ("\\ud800"), which no file can then hold
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise SessionError(
                _(
                    "The session file {path} is not a valid session: it holds text that is not "
                    "Unicode (a lone surrogate such as \\ud800), which the wizard never writes. "
                    "It was left untouched."
                ).format(path=path)
            ) from None
        return data

    def load(self, name: str) -> Any:
        """The session (a :class:`wizard.session.Session`) in the file named ``name``.

        A session is its file: the loaded session is named ``name`` whatever ``name`` the
        file holds inside (a copied file keeps its copy's name), so saving it writes back to
        this file and to no other.

        Raises:
            SessionError: naming the path and every problem; the file is left untouched.
        """
        from pydantic import ValidationError

        from wizard.session import SCHEMA_VERSION, Session

        path = self.path(name)
        data = self.read_json(name)
        version = data.get("schema_version", SCHEMA_VERSION)
        invalid = _("The session file {path} is not a valid session. It was left untouched.")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise SessionError(
                invalid.format(path=path),
                [
                    _("  schema_version: must be a whole number from 1 (found {found})").format(
                        found=str(version)[:40]
                    )
                ],
            )
        if version > SCHEMA_VERSION:
            raise SessionError(
                _(
                    "The session file {path} was written by a newer marketing-wizard "
                    "(schema {version}; this one reads {supported}). It was left untouched."
                ).format(path=path, version=version, supported=SCHEMA_VERSION)
            )
        try:
            session = Session.model_validate(data)
        except ValidationError as exc:
            top = _("(top)")
            details = [
                f"  {'.'.join(str(p) for p in e['loc']) or top}: {model_reason(e)}"
                for e in exc.errors(include_url=False)
            ]
            raise SessionError(invalid.format(path=path), details) from None
        session.name = name  # the file's name, not the one written inside it
        return session

    def save(self, session: Any) -> Path:
        """Write ``session`` to the file of its name (the name it was loaded or created by).

        Raises:
            SessionError: when this store holds the lock of other sessions but not of this
                one: a save must never reach a file whose lock it did not take.
        """
        path = self.path(session.name)
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            raise SessionError(
                _(
                    "Cannot write the session file {path}: something other than a regular file "
                    "is there (a link, a pipe or a folder). It was left untouched."
                ).format(path=path)
            )
        if self._held and session.name not in self._held:
            raise SessionError(
                _(
                    "Refusing to write {path}: this wizard holds the session {held}, not {name}."
                ).format(path=path, held=repr(sorted(self._held)[0]), name=repr(session.name))
            )
        atomic_write(path, session.model_dump_json(indent=2) + "\n")
        if session.name in self._held:
            self._remove_stale_temps(path)
        return path

    def _remove_stale_temps(self, path: Path) -> None:
        """Remove the temporary files a killed save of this session left behind.

        Called only while this process holds the session's lock, which proves that no other
        wizard is writing it, so every temporary file of this session is a leftover.
        """
        for temp in path.parent.glob(f".{path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if not stat.S_ISDIR(os.lstat(temp).st_mode):
                    os.unlink(temp)

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json") if _NAME.fullmatch(p.stem))

    def summaries(self) -> list[SessionSummary]:
        """Every session, most recently changed first; unreadable ones say why."""
        out = []
        for name in self.names():
            try:
                data = self.read_json(name)
                progress = data.get("progress") or {}
                updated = dt.datetime.fromisoformat(str(data.get("updated")))
                if updated.tzinfo is None:  # written by hand or by another tool: read as UTC
                    updated = updated.replace(tzinfo=dt.UTC)
                client = data.get("client")
                out.append(
                    SessionSummary(
                        name=name,
                        client=client if isinstance(client, str) else None,
                        done=int(progress.get("done", 0)),
                        total=int(progress.get("total", 0)),
                        updated=updated,
                    )
                )
            except (WizardError, ValueError, TypeError, AttributeError, OverflowError) as exc:
                reason = exc.message if isinstance(exc, WizardError) else str(exc)
                if is_chinese() and not isinstance(exc, WizardError):  # Python's words
                    reason = _("Its progress or the time it was changed cannot be read.")
                out.append(SessionSummary(name, None, 0, 0, None, problem=reason))
        epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
        return sorted(out, key=lambda s: s.updated or epoch, reverse=True)

    def holds_sessions(self, path: Path) -> bool:
        """Whether writing ``path`` could overwrite a session: it is in the sessions folder,
        or it is an existing ``*.json`` file that holds a session (of any workspace)."""
        where = path.absolute().parent
        with contextlib.suppress(OSError):
            where = where.resolve()
        with contextlib.suppress(OSError):
            if where == self.folder.absolute().resolve():
                return True
        if path.suffix.lower() != ".json":
            return False
        try:
            data = json.loads(_read_regular(path)[:1_000_000])
        except (OSError, ValueError, RecursionError):
            return False
        return isinstance(data, dict) and "schema_version" in data and "answers" in data

    def most_recent(self) -> str:
        """The name of the session changed last.

        Raises:
            SessionError: when there is none.
        """
        readable = [s for s in self.summaries() if s.problem is None]
        if not readable:
            raise SessionError(
                _("There are no sessions in {folder} yet.").format(folder=self.folder),
                hint=_("Start one with: {command}").format(command=launcher.command("new", "NAME")),
            )
        return readable[0].name

    def in_use(self, name: str) -> bool:
        """Whether a wizard holds the session right now."""
        lock_path = self.folder / f".{check_name(name)}.lock"
        try:
            fd = _open_lock(lock_path, os.O_RDONLY)
        except (OSError, SessionError):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the session for this process; refuse if another process holds it.

        Raises:
            SessionLockedError: naming the process that holds the session.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.folder / f".{check_name(name)}.lock"
        fd = _open_lock(lock_path, os.O_RDWR | os.O_CREAT)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
                if holder:
                    message = _(
                        "The session {name} is open in another marketing-wizard (process {holder})."
                    )
                else:
                    message = _(
                        "The session {name} is open in another marketing-wizard (process unknown)."
                    )
                raise SessionLockedError(
                    message.format(name=repr(name), holder=holder),
                    hint=_(
                        "Finish or quit that wizard first; two wizards on one session would "
                        "overwrite each other's answers."
                    ),
                ) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            self._held.add(name)
            try:
                yield
            finally:
                self._held.discard(name)
        finally:
            os.close(fd)  # closing the descriptor releases the lock
