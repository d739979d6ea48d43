"""A disk cache of what is read and checked from data files: the banks, the forecast's figures,
and the HTML plan's templates compiled (see :mod:`wizard.plan.html`, keyed by their source).

Reading the YAML of the stage files, laying their translation over them and checking every
rule (patterns run against adversarial text, conditions, roles, the plan layout) takes longer
than the rest of a ``plan``. The result depends on nothing but the files read, the language and
the wizard's own code, so it is kept on disk under a key made of exactly those:

- every file read: for a folder, every ``*.yaml`` in it and in its folders one level down (a
  bank folder's language folders), by name and **content**, so that a changed, added or
  removed file is a new key and the cache is never trusted over the files;
- what else the result depends on (the language) and what kind of result it is;
- the wizard's version, its modules (name, size and modification time, as Python checks its
  own bytecode), and the Python and pydantic versions.

A load that fails (a bank with problems) is never stored: its problems are found and listed
again each time.

Entries are pickles, so they are read only from a folder the user owns that nobody else may
write to, and only files the user owns; anything unexpected (another owner, a truncated or
foreign file, an entry of another key or kind) is a miss, never an error. Entries are written
atomically (a temporary file renamed into place) and the least recently used are removed
beyond :data:`KEEP`. Where: ``MARKETING_WIZARD_CACHE`` (a folder, or ``off``), else
``$XDG_CACHE_HOME/marketing-wizard``, else ``~/.cache/marketing-wizard``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeGuard, TypeVar

__all__ = ["ENV", "KEEP", "cache_dir", "cached", "key", "read", "write"]

FORMAT = 1
"""Bumped when the shape of an entry changes."""

KEEP = 32
"""The most entries kept (the core banks and each pack in each language, the forecast's data)."""

ENV = "MARKETING_WIZARD_CACHE"
_OFF = {"", "off", "0", "no", "false"}

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache's folder, or None when the cache is turned off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if Path(base).is_absolute() else Path.home() / ".cache"
    return root / "marketing-wizard"


def _files(source: Path) -> Iterable[Path]:
    """The files ``source`` stands for: itself, or a folder's YAML files and those of its
    folders one level down, in a stable order."""
    if not source.is_dir():
        yield source
        return
    for entry in sorted(source.iterdir()):
        if entry.suffix in {".yaml", ".yml"}:
            yield entry
        elif entry.is_dir() and not entry.is_symlink():
            yield from sorted(p for p in entry.iterdir() if p.suffix in {".yaml", ".yml"})


@functools.cache
def _code_stamp() -> bytes:
    import pydantic

    import wizard

    package = Path(wizard.__file__).parent
    parts = [f"{FORMAT}\0{wizard.__version__}\0{sys.version}\0{pydantic.VERSION}"]
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        parts.append(f"{module.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\0".join(parts).encode()


def key(kind: str, sources: Sequence[Path], salt: str = "") -> str:
    """The key of a result of ``kind`` read from ``sources`` (files or folders), with ``salt``
    (what else it depends on).

    Raises:
        OSError: a file cannot be read (the load itself will say which, and how).
    """
    digest = hashlib.sha256(_code_stamp())
    digest.update(f"\0{kind}\0{salt}".encode())
    for number, source in enumerate(sources):
        digest.update(f"\0source {number}".encode())
        for path in _files(source):
            content = path.read_bytes()
            name = path.name if path == source else path.relative_to(source).as_posix()
            digest.update(f"\0{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


def _private(info: os.stat_result, folder: bool) -> bool:
    """Whether a cache folder or entry can be trusted: the user's own, written by no one else."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the folder is in the user's own profile
    if info.st_uid != os.getuid():
        return False
    if folder:
        return stat.S_ISDIR(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _entry(where: Path, entry_key: str) -> Path:
    return where / f"{entry_key}.pickle"


def read(kind: str, entry_key: str) -> tuple[bool, object]:
    """(True, the stored result) for an entry of ``kind`` under ``entry_key`` (see :func:`key`)
    that can be trusted, else (False, None); always a miss when the cache is off."""
    where = cache_dir()
    return (False, None) if where is None else _read(where, kind, entry_key)


def write(kind: str, entry_key: str, value: object) -> None:
    """Store ``value`` under ``entry_key``; nothing when the cache is off or cannot be written."""
    where = cache_dir()
    if where is not None:
        _write(where, kind, entry_key, value)


def _read(where: Path, kind: str, entry_key: str) -> tuple[bool, object]:
    path = _entry(where, entry_key)
    try:
        if not _private(os.stat(where), folder=True):
            return False, None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False, None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not _private(os.fstat(handle.fileno()), folder=False):
                return False, None
            stored = pickle.load(handle)  # only the user's own entries, see above
    except Exception:  # a truncated, foreign or stale entry is a miss
        return False, None
    if not (
        isinstance(stored, tuple) and len(stored) == 4 and stored[:3] == (FORMAT, kind, entry_key)
    ):
        return False, None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return True, stored[3]


def _write(where: Path, kind: str, entry_key: str, value: object) -> None:
    # a cache that cannot be written is no cache, never an error
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(where), folder=True):
            return
        data = pickle.dumps((FORMAT, kind, entry_key, value), protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, _entry(where, entry_key))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _prune(where)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return


def _prune(where: Path) -> None:
    entries = []
    for path in where.glob("*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path))
    entries.sort(reverse=True)
    for _used, path in entries[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()


def cached(
    kind: str,
    sources: Sequence[Path],
    load: Callable[[], T],
    accept: Callable[[object], TypeGuard[T]],
    salt: str = "",
) -> T:
    """What ``load()`` gives for ``sources``: the stored result when an entry has their key
    and ``accept`` takes it, else loaded (and stored when the load succeeds).

    Raises:
        whatever ``load`` raises (nothing is stored then).
    """
    where = cache_dir()
    if where is None:
        return load()
    try:
        entry_key = key(kind, sources, salt)
    except OSError:
        return load()  # a file that cannot be read: the load names it
    found, value = _read(where, kind, entry_key)
    if found and accept(value):
        return value
    loaded = load()
    _write(where, kind, entry_key, loaded)
    return loaded
