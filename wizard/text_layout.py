"""Text laid out for any script: display width, padding, wrapping, and lines joined into one.

Chinese, Japanese and Korean characters take two columns of a terminal and are written
without spaces between words; their closing punctuation (，。）」) never starts a line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["cells", "flat", "is_cjk", "join_lines", "pad", "wrap"]

# Marks that stay with the text before them (a line never starts with one) ...
_CLOSING = frozenset("，。、；：！？）」』》〉】〕〗〙〛｝］’”…‥・ー々ゝゞ～,.;:!?)]}%")
# ... and marks that stay with the text after them (a line never ends with one).
_OPENING = frozenset("（「『《〈【〔〖〘〚｛［‘“([{")


def is_cjk(ch: str) -> bool:
    """A character of Chinese, Japanese or Korean text: ideographs, kana, hangul, CJK
    punctuation (。，、；：！？）」』) and full-width forms, written without spaces.

    These are the characters East Asian typography sets wide (Unicode East Asian Width W or
    F), less emoji and the other symbols that are wide too but belong to no script.
    """
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch) != "So"


def join_lines(lines: Iterable[str]) -> str:
    """A user's lines as one: ``""`` where the two lines meet between CJK characters (or after
    a full-width punctuation mark, which carries its own space), ``" "`` everywhere else.

    ``["我们每天", "早上七点开门。", "Open daily"]`` -> ``"我们每天早上七点开门。Open daily"``.
    """
    joined = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if joined:
            end = joined[-1]
            glued = is_cjk(end) and (is_cjk(line[0]) or unicodedata.category(end)[0] == "P")
            joined += "" if glued else " "
        joined += line
    return joined


def flat(text: str) -> str:
    """Text on one line: spaces within a line collapse to one; lines join as :func:`join_lines`."""
    return join_lines(" ".join(line.split()) for line in text.splitlines())


def cells(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for each wide or full-width character
    (Unicode East Asian Width W or F), none for combining marks and format characters.

    Counted here rather than with rich's ``cell_len`` so that light commands (``sessions``)
    need not import rich.
    """
    return sum(
        0
        if unicodedata.category(ch) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(ch) in "WF"
        else 1
        for ch in text
    )


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (``str.ljust`` by display width)."""
    fill = " " * max(0, width - cells(text))
    return fill + text if right else text + fill


def _units(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space came before it.

    A run of letters or digits is one piece; each CJK character is a piece of its own, as a
    line may break after any of them; a closing mark joins the piece before it and an opening
    mark the piece after it.
    """
    units: list[tuple[str, bool]] = []
    space = False
    for ch in text:
        if ch.isspace():
            space = bool(units)
            continue
        if units:
            last, spaced = units[-1]
            if ch in _CLOSING or (
                not space and (last[-1] in _OPENING or not (is_cjk(ch) or is_cjk(last[-1])))
            ):
                units[-1] = (last + (" " if space else "") + ch, spaced)
                space = False
                continue
        units.append((ch, space))
        space = False
    return units


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` (one paragraph) as lines of at most ``width`` columns, like ``textwrap.wrap``
    but counting display width and breaking CJK text between characters, never before its
    closing punctuation. A piece longer than a whole line is cut where the line ends.
    """
    lines: list[str] = []
    line, empty = initial_indent, True
    for unit, spaced in _units(text):
        sep = " " if spaced and not empty else ""
        if not empty and cells(line + sep + unit) > width:
            lines.append(line)
            line, empty, sep = subsequent_indent, True, ""
        line += sep
        while cells(line + unit) > width and len(unit) > 1:
            room = width - cells(line)
            cut = 1
            while cut < len(unit) and cells(unit[: cut + 1]) <= room:
                cut += 1
            while 1 < cut < len(unit) and (unit[cut] in _CLOSING or unit[cut - 1] in _OPENING):
                cut -= 1  # a mark stays with its text when the piece is cut too
            lines.append(line + unit[:cut])
            line, unit = subsequent_indent, unit[cut:]
        line += unit
        empty = False
    if not empty:
        lines.append(line)
    return lines
