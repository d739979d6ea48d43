"""The shipped packs, loaded by the real loader (``load_bank(pack=...)``) for the pack tests."""

from __future__ import annotations

from pathlib import Path

from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.packs import packs_dir

PACKS = packs_dir()


def load_pack(pack: str, _folder: Path | None = None) -> Bank:
    """The core banks with the shipped pack ``pack`` merged, checked like any bank."""
    return load_bank(pack=PACKS / pack)
