"""The accent colour of a branded document (the profile's ``accent``, ``#rrggbb``) and its soft
tint, for the plan's HTML and PDF and the worksheet."""

from __future__ import annotations

import re

__all__ = ["HEX", "tint"]

HEX = re.compile(r"#[0-9a-fA-F]{6}")
"""A colour as the profile takes it."""


def tint(colour: str, share: float = 0.12) -> str:
    """``#rrggbb`` mixed with white: ``share`` of the colour (the soft accent of table heads and
    boxes); white for anything that is not such a colour."""
    if not HEX.fullmatch(colour):
        return "#ffffff"
    rgb = [int(colour[n : n + 2], 16) for n in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)
