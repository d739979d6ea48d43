"""The shipped packs, loaded by the real loader (``load_bank(pack=...)``) for the pack tests."""

from __future__ import annotations

from pathlib import Path

from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.packs import packs_dir

PACKS = packs_dir()


def pack_folder(name: str) -> Path:
    """The folder of the shipped pack ``name``."""
    return PACKS / name


def load_pack(pack: str, _folder: Path | None = None) -> Bank:
    """The core banks with the shipped pack ``pack`` merged, checked like any bank."""
    return load_bank(pack=pack_folder(pack))


def load_with_pack(pack: str) -> Bank:
    return load_pack(pack)
