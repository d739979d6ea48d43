"""What the fuzz tests share: how many cases to run, and a time limit for one case.

``make test`` runs each fuzz test's default count (a few hundred); ``make fuzz`` sets
``FUZZ_EXAMPLES`` (thousands) for every fuzz test.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


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
