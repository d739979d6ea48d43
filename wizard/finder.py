"""Finding a question the user names: by its number (``5.3``), its id, or words of it.

Numbers are stable: a question's number is its stage's number and its place among all the
stage's questions in bank order, hidden ones included, so no answer ever renumbers another.
"""

from __future__ import annotations

from collections.abc import Sequence

from wizard.bank import Bank
from wizard.flow import Step

__all__ = ["find_questions", "question_number"]


def question_number(bank: Bank, qid: str) -> str:
    """``"5.12"``: the stage's number and the question's place in it."""
    for s, stage in enumerate(bank.stages, start=1):
        for n, q in enumerate(stage.questions, start=1):
            if q.id == qid:
                return f"{s}.{n}"
    raise KeyError(qid)


def find_questions(bank: Bank, steps: Sequence[Step], words: str) -> list[Step]:
    """The steps that ``words`` name: an exact number or id first, else every step whose
    prompt, label or id holds all the words (case-insensitive; any script)."""
    wanted = words.strip().casefold()
    if not wanted:
        return []
    for step in steps:
        if wanted in (question_number(bank, step.id), step.id.casefold()):
            return [step]
    terms = wanted.split()
    found = []
    for step in steps:
        q = step.question
        haystack = f"{q.id} {q.title} {q.prompt}".casefold().replace("_", " ")
        if all(t in haystack for t in terms):
            found.append(step)
    return found
