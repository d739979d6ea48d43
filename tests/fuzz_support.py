"""What the fuzz tests share: how many cases to run, and a time limit for one case.

``make test`` runs each fuzz test's default count (a few hundred); ``make fuzz`` sets
``FUZZ_EXAMPLES`` (thousands) for every fuzz test.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, settings

from wizard.bank import Bank


def fuzz_examples(default: int) -> int:
    """The number of cases for one fuzz test: ``FUZZ_EXAMPLES`` when set, else ``default``."""
    return int(os.environ.get("FUZZ_EXAMPLES", default))


class TooSlow(AssertionError):
    """One case ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``.

    SIGALRM interrupts Python code and the regular expression engine alike.
    """

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise TooSlow(f"one case took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(args: list[str]) -> tuple[int, str]:
    """Run the real command line in this process: (exit status, stdout and stderr together).

    ``wizard.cli.main`` is the installed command's entry function, so every error takes the
    same path to a message and an exit status as for a user.
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from wizard import launcher
    from wizard.cli import main

    out = io.StringIO()
    code: object = 0
    kept = list(launcher._options)  # the options a run repeats in its hints (--home ...)
    with redirect_stdout(out), redirect_stderr(out):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
        finally:
            launcher._options[:] = kept
    assert isinstance(code, int), f"exit status {code!r}"
    return code, out.getvalue()


def assert_clean_exit(code: int, output: str) -> None:
    """Exit 0 or 1 with output that shows no internal error."""
    assert code in (0, 1), f"exit status {code}: {output[-2000:]}"
    assert "Internal error" not in output, output[-2000:]
    assert "Traceback" not in output, output[-2000:]


EXAMPLE = Path(__file__).parent.parent / "examples" / "tea-brand.yaml"


@cache
def saved_session() -> bytes:
    """A real session file, as ``fill`` saves the tea-brand example's answers."""
    with tempfile.TemporaryDirectory() as home:
        code, output = run_cli(["--home", home, "fill", "s", str(EXAMPLE)])
        assert code == 0, output
        return (Path(home) / "sessions" / "s.json").read_bytes()


@contextmanager
def shipped_bank_loaded_once() -> Iterator[None]:
    """Within the block, ``load_bank()`` returns the shipped banks loaded once, not each time.

    The fuzz tests run the commands thousands of times; checking the same shipped bank files
    again for each (a tenth of a second) would be most of their time. The commands are not
    changed: they get the very bank they would load.
    """
    from wizard import banks
    from wizard.i18n import current

    original = banks.load_bank
    shipped = {current(): original()}

    def load_bank(
        paths: Sequence[Path] | None = None, pack: Path | None = None, lang: str | None = None
    ) -> Bank:
        if paths is not None or pack is not None:
            return original(paths, pack, lang)
        lang = lang or current()
        if lang not in shipped:
            shipped[lang] = original(None, None, lang)
        return shipped[lang]

    banks.load_bank = load_bank
    try:
        yield
    finally:
        banks.load_bank = original


def fuzz(default: int) -> settings:
    """A fuzz test's settings: ``default`` cases, or ``FUZZ_EXAMPLES``. No per-case deadline
    and no speed health checks: :func:`time_limit` is the bound (hypothesis's deadline fails on
    a slow, shared machine, which is not what the fuzz looks for)."""
    return settings(
        max_examples=fuzz_examples(default),
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def node_at(node: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` (keys and indexes) inside nested mappings and lists."""
    for key in path:
        node = node[key]
    return node


def node_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Places to mutate, down to 12 levels (deeper, a "deep" mutation made the rest)."""
    found = [prefix] if prefix else []
    if len(prefix) >= 12:
        return found
    if isinstance(node, dict):
        for key, child in node.items():
            found += node_paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += node_paths(child, (*prefix, index))
    return found
