"""Where the shipped banks and packs are, and which packs there are (a module of its own, so
that finding them imports nothing: a command served from the cache, :mod:`wizard.disk_cache`,
never loads the YAML reader or the checks)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

__all__ = ["CORE", "Pack", "packs_dir", "shipped_banks_dir", "shipped_packs"]

CORE = "core"
"""The name ``--pack`` takes for the core banks alone (so no pack may be called that)."""


@dataclass(frozen=True)
class Pack:
    """A pack that was found, and the folder it is in."""

    id: str
    title: str
    description: str
    version: int
    folder: Path


def shipped_banks_dir() -> Path:
    """The banks that ship with the wizard: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "question_banks"
    return packaged if packaged.is_dir() else here.parent / "question_banks"


def packs_dir() -> Path:
    """Where the shipped packs are: ``question_banks/packs/``."""
    return shipped_banks_dir() / "packs"


def shipped_packs() -> list[Pack]:
    """The shipped packs whose ``pack.yaml`` reads, by id, in the language in force (what the
    menu of ``new`` offers): read by :func:`wizard.packs.available_packs`, or from the disk
    cache, keyed by every pack folder's name and YAML files (its translations included)."""
    from wizard.disk_cache import cached
    from wizard.i18n import current

    root = packs_dir()
    if not root.is_dir():
        return []
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())

    def load() -> list[Pack]:
        from wizard.packs import available_packs

        return available_packs(root)

    salt = "\0".join([current(), *(folder.name for folder in folders)])
    return cached("packs", folders, load, _are_packs, salt=salt)


def _are_packs(value: object) -> TypeGuard[list[Pack]]:
    return isinstance(value, list) and all(isinstance(p, Pack) for p in value)
