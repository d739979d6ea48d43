"""Where the shipped banks and packs are (a module of its own, so that finding them imports
nothing: a command served from the cache, :mod:`wizard.disk_cache`, never loads the YAML
reader or the checks)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["packs_dir", "shipped_banks_dir"]


def shipped_banks_dir() -> Path:
    """The banks that ship with the wizard: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "question_banks"
    return packaged if packaged.is_dir() else here.parent / "question_banks"


def packs_dir() -> Path:
    """Where the shipped packs are: ``question_banks/packs/``."""
    return shipped_banks_dir() / "packs"
