"""The regular expressions of ``pattern`` rules: checked when a bank loads, matched safely.

Python's regular expressions backtrack, so a pattern such as ``(a+)+$`` can take longer than
the age of the universe on a few dozen characters. Two rules make every accepted pattern quick:

- a group that repeats (followed by ``*``, ``+`` or ``{m,n}`` with n above 1) may contain no
  quantifier and no ``|``, which is where the runaway backtracking comes from;
- a pattern is matched against at most :data:`MAX_MATCHED` characters; a longer answer is
  refused before the pattern runs.

A pattern without nested repeats can still backtrack polynomially (``a*a*a*a*b``,
``\\S+@\\S+\\.\\S+``). Patterns are therefore matched by the ``regex`` module (in its
``VERSION0`` mode, which reads patterns as ``re`` does), whose guards keep such patterns near
quadratic and whose matches take a ``timeout``: when a bank loads, each pattern is tried on a
few adversarial texts of :data:`MAX_MATCHED` characters and refused if one takes longer than
:data:`PROBE_SECONDS`; when an answer is checked, a match that takes longer than
:data:`MATCH_SECONDS` refuses the answer (:class:`PatternTimeout`) instead of hanging.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

__all__ = [
    "MATCH_SECONDS",
    "MAX_MATCHED",
    "PROBE_SECONDS",
    "PatternTimeout",
    "fullmatch",
    "pattern_problem",
]

MAX_MATCHED = 1000
"""The longest text a pattern is matched against (a pattern describes a code, a link, a phone
number: far shorter)."""

MATCH_SECONDS = 1.0
"""The longest one answer may take to match its pattern; longer, the answer is refused."""

PROBE_SECONDS = 0.5
"""The longest a pattern may take on one adversarial text when its bank loads.

Not a flaky timing: a pattern that reads each character a few times takes microseconds on
1,000 characters, an ordinary quadratic one (``\\d+\\d+``, ``a*a*a*b``: the regex module's
guards keep runs of quantifiers near quadratic) a few hundredths of a second, and one that is
refused here several seconds (thirty ``a*`` in a row): the threshold sits more than ten times
above the first two, and a pattern far beyond it stops at the timeout (which the engine checks
now and then: within about a second or two).
"""

_QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(,?)(\d*)\}")


class PatternTimeout(Exception):
    """Matching one text took longer than :data:`MATCH_SECONDS`."""


@lru_cache(maxsize=256)
def pattern_problem(pattern: str) -> str | None:
    """What is wrong with ``pattern`` as a pattern rule, or None when it is fine."""
    import regex  # here, not above: a wizard that asks a question needs none before a match

    try:
        compiled = re.compile(pattern)  # the syntax taken is the standard library's
        _compiled(pattern)
    except re.error as exc:
        where = f" at position {exc.pos + 1}" if exc.pos is not None else ""
        return f"not a valid regular expression ({exc.msg}{where})"
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        return f"not a valid regular expression ({exc})"
    if compiled.flags & re.VERBOSE:
        return "the verbose flag (?x) is not allowed in a pattern; write the pattern on one line"
    group = _repeated_nesting(pattern)
    if group is not None:
        return (
            f"the group {group} repeats and itself contains a quantifier or '|', which can take "
            "forever to match; a repeated group may hold only plain characters and classes "
            "(write '(a+)+' as 'a+', '(a|b)+' as '[ab]+')"
        )
    slow = _slow_text(pattern)
    if slow is not None:
        return (
            f"matching it takes longer than {PROBE_SECONDS} s on a text of {len(slow)} "
            f"characters ({slow[:12]!r}...), which an answer may be; quantifiers in a row that "
            "can match the same characters (as in 'a*a*a*b') make it slow: merge them or "
            "separate them by characters they cannot match"
        )
    return None


def fullmatch(pattern: str, text: str) -> bool:
    """Whether ``text`` matches ``pattern`` as a whole; ``text`` must not exceed MAX_MATCHED.

    Raises:
        PatternTimeout: when matching takes longer than :data:`MATCH_SECONDS`.
    """
    if len(text) > MAX_MATCHED:
        raise ValueError(f"text of {len(text)} characters is too long to match")
    try:
        return _compiled(pattern).fullmatch(text, timeout=MATCH_SECONDS) is not None
    except TimeoutError:
        raise PatternTimeout(pattern) from None


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> regex.Pattern[str]:
    import regex

    return regex.compile(pattern, flags=regex.VERSION0)


# Characters of the pattern that a probe text repeats: letters, digits and punctuation (what a
# literal or a class names); the rest stand for the classes \\w, \\d, \\s and '.'.
_PROBE_EXTRA = "a0 .@-"


def _probes(pattern: str) -> list[str]:
    """Adversarial texts of MAX_MATCHED characters for ``pattern``: one of its characters (or a
    pair) repeated, then its characters in order, then a NUL that no answer pattern expects, so
    that the match fails only at the very end after trying every way to split the text."""
    own = list(
        dict.fromkeys(ch for ch in pattern if ch.isprintable() and ch not in "\\()[]{}|^$?*+")
    )
    alphabet = list(dict.fromkeys(own + list(_PROBE_EXTRA)))[:10]
    tail = "".join(own)[:20]
    length = MAX_MATCHED - len(tail) - 2
    texts = []
    for ch in alphabet:
        texts += [ch * (MAX_MATCHED - 1) + "\0", ch * length + tail + "\0"]
        texts.append(ch * length + tail + ch + "\0")
    for first, second in itertools.permutations(own[:4], 2):
        texts.append((first + second) * (length // 2) + tail + "\0")
    return texts


def _slow_text(pattern: str) -> str | None:
    """The first probe text that ``pattern`` takes longer than PROBE_SECONDS on, or None."""
    compiled = _compiled(pattern)
    for text in _probes(pattern):
        try:
            compiled.fullmatch(text, timeout=PROBE_SECONDS)
        except TimeoutError:
            return text
    return None


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
