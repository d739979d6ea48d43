"""How the user runs a command from where they are, for the hints the wizard prints.

``make run`` sets ``MARKETING_WIZARD_LAUNCHER=make``: starting or resuming a session is then
``make run SESSION=NAME``. Otherwise the program is ``marketing-wizard`` when that name on
``PATH`` is this very program, and its path (relative to the current folder when shorter,
such as ``.venv/bin/marketing-wizard``) when it is not; run as ``python -m wizard`` without
an installed script beside the interpreter, it is that interpreter with ``-m wizard``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

__all__ = ["LAUNCHER_ENV", "PROGRAM", "command", "keep_options"]

PROGRAM = "marketing-wizard"
LAUNCHER_ENV = "MARKETING_WIZARD_LAUNCHER"
_MAKE_RUNS = {"new", "resume"}  # what `make run [SESSION=NAME]` does
_options: list[str] = []  # global options given on the command line, repeated in hints


def keep_options(*options: str) -> None:
    """Repeat these global options (``--home DIR`` given on the command line) in every hint,
    so that the printed command finds the same workspace."""
    _options[:] = options


def command(*words: str) -> str:
    """The command line that runs ``marketing-wizard WORDS`` from here, ready to copy.

    ``command("resume", "westlake")`` is ``make run SESSION=westlake`` after ``make run``,
    ``marketing-wizard resume westlake`` when it is installed on ``PATH``, and
    ``.venv/bin/marketing-wizard resume westlake`` when it is not.
    """
    if os.environ.get(LAUNCHER_ENV) == "make" and words and words[0] in _MAKE_RUNS:
        rest = [w for w in words[1:] if w != "--compact"]
        compact = "MARKETING_WIZARD_COMPACT=1 " if len(rest) < len(words) - 1 else ""
        if not rest:
            return f"{compact}make run"
        if len(rest) == 1:
            return f"{compact}make run SESSION={shlex.quote(rest[0])}"
    return " ".join([*_program(), *(shlex.quote(o) for o in _options), *words])


def _program() -> list[str]:
    script = _script()
    if script is None:
        return [_shortest(Path(sys.executable)), "-m", "wizard"]
    found = shutil.which(PROGRAM)
    if found is not None and _same(Path(found), script):
        return [PROGRAM]
    return [_shortest(script)]


def _script() -> Path | None:
    """The installed script that is running, or the one beside the running interpreter."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name == PROGRAM and started.is_file():
        return started
    beside = Path(sys.executable).parent / PROGRAM
    return beside if beside.is_file() else None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _shortest(path: Path) -> str:
    """The path relative to the current folder when that is shorter, quoted for a shell."""
    absolute = os.path.abspath(path)
    shown = absolute
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        relative = absolute
    if len(relative) < len(absolute):
        shown = relative if os.sep in relative else os.path.join(os.curdir, relative)
    return shlex.quote(shown)
