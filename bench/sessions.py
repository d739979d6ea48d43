"""Write the tea example grown N times: every list filled to its cap, long texts lengthened.

Usage: python bench/sessions.py FACTOR OUT.yaml

The caps come from the banks (``validation.items.max`` of each list question, ``length.max``
of each text field); the long texts (``long_text`` answers without a length limit) are all
lengthened to the same size, chosen so that the answers file is FACTOR times the size of
``examples/tea-brand.yaml`` as written by this script at factor 1. Only PyYAML is needed.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tea-brand.yaml"


def bank_questions() -> dict[str, dict[str, Any]]:
    """The top-level questions of the core stage files, by id."""
    questions: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "question_banks").glob("0*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data.get("questions", []):
            questions.setdefault(q["id"], q)
    return questions


def _max(node: dict[str, Any] | None, key: str) -> int | None:
    rule = ((node or {}).get("validation") or {}).get(key) or {}
    return rule.get("max")


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def fill_lists(answers: dict[str, Any], questions: dict[str, dict[str, Any]]) -> None:
    """Repeat each list's items (the first text field numbered) up to the list's cap."""
    for qid, value in answers.items():
        q = questions.get(qid)
        if not q or q.get("type") != "list" or not isinstance(value, list) or not value:
            continue
        cap = _max(q, "items")
        if not cap:
            continue
        fields = {f["id"]: f for f in q.get("fields", [])}
        key = next(
            k
            for k, v in value[0].items()
            if isinstance(v, str) and fields.get(k, {}).get("type") in ("text", "long_text")
        )
        limit = _max(fields.get(key), "length") or 10_000
        grown = list(value)
        while len(grown) < cap:
            item = copy.deepcopy(value[len(grown) % len(value)])
            suffix = f" ({len(grown) + 1})"
            item[key] = item[key][: limit - len(suffix)] + suffix
            grown.append(item)
        answers[qid] = grown


def long_text_ids(answers: dict[str, Any], questions: dict[str, dict[str, Any]]) -> list[str]:
    return [
        qid
        for qid, value in answers.items()
        if isinstance(value, str)
        and questions.get(qid, {}).get("type") == "long_text"
        and not _max(questions[qid], "length")
    ]


def lengthen(text: str, size: int) -> str:
    """``text`` repeated (line by line or sentence by sentence) to about ``size`` characters."""
    sep = "\n" if "\n" in text else " "
    parts = [text]
    total = len(text)
    while total < size:
        parts.append(text)
        total += len(text) + 1
    out = sep.join(parts)
    cut = out.rfind(sep, 0, size)
    return out[: cut if cut > len(text) else len(out)]


def grow(factor: float) -> tuple[dict[str, Any], int]:
    questions = bank_questions()
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    target = int(factor * len(dump(base).encode()))
    answers = copy.deepcopy(base)
    fill_lists(answers, questions)
    ids = long_text_ids(answers, questions)
    fixed = len(dump(answers).encode()) - sum(len(answers[q].encode()) for q in ids)
    size = max(max(len(answers[q]) for q in ids), (target - fixed) // len(ids))
    for qid in ids:
        answers[qid] = lengthen(answers[qid], size)
    return answers, size


def main() -> None:
    factor, out = float(sys.argv[1]), Path(sys.argv[2])
    answers, size = grow(factor)
    text = dump(answers)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(text.encode()) / 1024:.0f} KiB, long texts of {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
