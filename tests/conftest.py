"""Shared test helpers."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The tests are written in English whatever the machine's locale (wizard/i18n.py reads it);
# tests of other languages ask for them with --lang or i18n.set_language.
os.environ["MARKETING_WIZARD_LANG"] = "en"
# The disk cache of checked banks (wizard/disk_cache.py) in a folder of this run, shared by the
# commands the tests start, never the user's own; tests of the cache give each its own folder.
os.environ["MARKETING_WIZARD_CACHE"] = _CACHE = tempfile.mkdtemp(prefix="mw-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

BankWriter = Callable[[str, str], Path]


@pytest.fixture
def chinese() -> None:
    """The test runs in Simplified Chinese (the next one starts in English again)."""
    from wizard import i18n

    i18n.set_language("zh-CN")


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """Each test starts in English, whichever language the one before it left in force."""
    from wizard import i18n

    i18n.set_language(i18n.DEFAULT)
    yield
    i18n.set_language(i18n.DEFAULT)


@pytest.fixture
def write_bank(tmp_path: Path) -> BankWriter:
    """Write a bank file (dedented YAML) into a fresh folder and return its path."""
    folder = tmp_path / "banks"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write
