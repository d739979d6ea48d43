"""Shared test helpers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

BankWriter = Callable[[str, str], Path]


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
