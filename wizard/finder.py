"""Question numbers that never move, and finding a question by number, id or words.

A question's number is its stage's number and its place among *all* the questions of that
stage in bank order ("5.12"), hidden ones included, so numbers do not shift when an answer
shows or hides other questions. Pure functions over the bank: no input, no output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wizard.bank import Bank
from wizard.flow import Step

__all__ = ["find_questions", "question_number", "step_number"]

_FULL_NUMBER = re.compile(r"^(\d+)\.(\d+)$")
_BARE_NUMBER = re.compile(r"^\d+$")


def step_number(step: Step) -> str:
    """The number of a step's question, "5.12"."""
    ids = [q.id for q in step.stage.questions]
    return f"{step.stage_number}.{ids.index(step.id) + 1}"


def question_number(bank: Bank, qid: str) -> str:
    """The number of question ``qid``: "5.12" is the 12th question of stage 5 in bank order.

    Raises:
        KeyError: if the bank has no such question.
    """
    for stage_number, stage in enumerate(bank.stages, start=1):
        for position, q in enumerate(stage.questions, start=1):
            if q.id == qid:
                return f"{stage_number}.{position}"
    raise KeyError(qid)


def find_questions(
    bank: Bank, steps: Sequence[Step], words: str, *, stage: int | None = None
) -> list[Step]:
    """The questions among ``steps`` that ``words`` names, best matches first.

    ``words`` may be a number ("5.12"; a bare "12" is question 12 of stage ``stage`` first,
    then question 12 of the other stages), a question id ("seo_budget"), or words of the
    question's prompt or label, all of which must appear (case-insensitive, anywhere in a
    word, so Chinese text matches as a substring). Number and id matches come first, then
    questions matching words at the start of words of their label, then the others, each in
    bank order.
    """
    query = " ".join(words.split()).casefold()
    if not query:
        return []
    found: list[Step] = []
    found += _by_number(steps, query, stage)
    found += [s for s in steps if s.id.casefold() == query.replace(" ", "_")]
    found += _by_words(bank, steps, query.split())
    unique: dict[str, Step] = {}
    for step in found:
        unique.setdefault(step.id, step)
    return list(unique.values())


def _by_number(steps: Sequence[Step], query: str, stage: int | None) -> list[Step]:
    full = _FULL_NUMBER.match(query)
    if full:
        return [s for s in steps if step_number(s) == query]
    if not _BARE_NUMBER.match(query):
        return []
    matches = [s for s in steps if step_number(s).split(".")[1] == query]
    return sorted(matches, key=lambda s: s.stage_number != stage)


def _by_words(bank: Bank, steps: Sequence[Step], words: list[str]) -> list[Step]:
    order = {qid: n for n, qid in enumerate(bank.ids())}
    scored: list[tuple[int, int, Step]] = []
    for step in steps:
        q = step.question
        title = q.title.casefold()
        text = f"{title} {q.prompt.casefold()} {q.id.replace('_', ' ')}"
        if not all(word in text for word in words):
            continue
        score = sum(2 if _starts_word(word, title) else 1 if word in title else 0 for word in words)
        scored.append((-score, order[step.id], step))
    return [step for *_key, step in sorted(scored, key=lambda t: (t[0], t[1]))]


def _starts_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}", text) is not None
