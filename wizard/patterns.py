"""The regular expressions of ``pattern`` rules: checked when a bank loads, matched safely.

Python's regular expressions backtrack, so a pattern such as ``(a+)+$`` can take longer than
the age of the universe on a few dozen characters. Two rules make every accepted pattern quick:

- a group that repeats (followed by ``*``, ``+`` or ``{m,n}`` with n above 1) may contain no
  quantifier and no ``|``, which is where the runaway backtracking comes from;
- a pattern is matched against at most :data:`MAX_MATCHED` characters; a longer answer is
  refused before the pattern runs.
"""

from __future__ import annotations

import re

__all__ = ["MAX_MATCHED", "fullmatch", "pattern_problem"]

MAX_MATCHED = 1000
"""The longest text a pattern is matched against (a pattern describes a code, a link, a phone
number: far shorter)."""

_QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(,?)(\d*)\}")


def pattern_problem(regex: str) -> str | None:
    """What is wrong with ``regex`` as a pattern rule, or None when it is fine."""
    try:
        compiled = re.compile(regex)
    except re.error as exc:
        where = f" at position {exc.pos + 1}" if exc.pos is not None else ""
        return f"not a valid regular expression ({exc.msg}{where})"
    except (OverflowError, RecursionError, ValueError) as exc:
        return f"not a valid regular expression ({exc})"
    if compiled.flags & re.VERBOSE:
        return "the verbose flag (?x) is not allowed in a pattern; write the pattern on one line"
    group = _repeated_nesting(regex)
    if group is None:
        return None
    return (
        f"the group {group} repeats and itself contains a quantifier or '|', which can take "
        "forever to match; a repeated group may hold only plain characters and classes "
        "(write '(a+)+' as 'a+', '(a|b)+' as '[ab]+')"
    )


def fullmatch(regex: str, text: str) -> bool:
    """Whether ``text`` matches ``regex`` as a whole; ``text`` must not exceed MAX_MATCHED."""
    if len(text) > MAX_MATCHED:
        raise ValueError(f"text of {len(text)} characters is too long to match")
    return re.fullmatch(regex, text) is not None


def _repeated_nesting(regex: str) -> str | None:
    """The first repeated group holding a quantifier or an alternation, as written, or None.

    ``regex`` compiles. Each open group records whether it holds a quantifier or a ``|``
    (directly, or through a group inside it).
    """
    stack: list[list[int]] = []  # [start, holds a quantifier or '|' (0/1)]
    i = 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(regex, i)
            continue
        if char == "(":
            if regex.startswith("(?#", i):
                i = _comment_end(regex, i)
                continue
            stack.append([i, 0])
            i += 1
            if regex.startswith("?", i):  # (?:, (?P<name>, (?=, (?i) ... are not quantifiers
                i += 1
            continue
        if char == "|" and stack:
            stack[-1][1] = 1
        elif char == ")" and stack:
            start, risky = stack.pop()
            end = i + 1
            repeats, length = _quantifier_at(regex, end)
            if repeats and risky:
                return regex[start:end]
            if stack and (risky or length):
                stack[-1][1] = 1
            i = end + length
            continue
        else:
            _repeats, length = _quantifier_at(regex, i)
            if length:
                if stack:
                    stack[-1][1] = 1
                i += length
                continue
        i += 1
    return None


def _comment_end(regex: str, start: int) -> int:
    """The index just past the ``(?#...)`` comment opening at ``start`` (``\\)`` is inside)."""
    i = start + 3
    while i < len(regex) and regex[i] != ")":
        i += 2 if regex[i] == "\\" else 1
    return i + 1


def _class_end(regex: str, start: int) -> int:
    """The index just past the character class opening at ``start``."""
    i = start + 1
    if regex.startswith("^", i):
        i += 1
    if regex.startswith("]", i):
        i += 1
    while i < len(regex) and regex[i] != "]":
        i += 2 if regex[i] == "\\" else 1
    return i + 1


def _quantifier_at(regex: str, i: int) -> tuple[bool, int]:
    """(whether it repeats more than once, its length) for a quantifier at ``i``; (False, 0)."""
    match = _QUANTIFIER.match(regex, i)
    if match is None:
        return False, 0
    text = match.group()
    if text.startswith("{"):
        low, comma, high = match.groups()
        if not (low or comma or high):
            return False, 0  # '{}' is literal text; '{,}' means {0,} in Python
        repeats = (bool(comma) and not high) or int(high or low) > 1
    else:
        repeats = text != "?"
    end = match.end()
    if end < len(regex) and regex[end] in "?+":  # lazy or possessive
        end += 1
    return repeats, end - i
