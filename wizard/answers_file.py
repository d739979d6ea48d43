"""Answers files: what ``fill`` reads and ``answers`` prints (YAML or JSON).

A mapping from question id to value, plus one reserved key, ``_meta``, with ``client``,
``unknown`` (ids marked "don't know yet"), ``skipped`` (ids skipped) and ``notes`` (id to note).
``fill`` is all or nothing: every value goes through :func:`wizard.validation.coerce_answer`,
and if any is invalid nothing is written and every problem is listed.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml

from wizard.bank import Bank, QuestionType
from wizard.errors import InvalidAnswersError
from wizard.flow import visible
from wizard.session import AnswerStatus, Session
from wizard.validation import InvalidAnswer, coerce_answer

__all__ = [
    "META",
    "dump_answers",
    "export_answers",
    "fill_session",
    "hidden_answers",
    "load_answers_file",
]

META = "_meta"
_META_KEYS = ("client", "unknown", "skipped", "notes")


def load_answers_file(path: Path) -> dict[str, Any]:
    """Read an answers file (``-`` is standard input); JSON if it ends in .json, else YAML.

    Raises:
        InvalidAnswersError: if the file cannot be read or parsed, is not a mapping, or is
            empty.
    """
    import sys

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidAnswersError(f"Cannot read the answers file {path}: {exc}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InvalidAnswersError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise InvalidAnswersError(f"{path}:{line}: not valid YAML ({exc.problem}).") from None
    except yaml.YAMLError as exc:
        raise InvalidAnswersError(f"{path}: not valid YAML ({exc}).") from None
    if not data:
        raise InvalidAnswersError(
            f"{path}: the answers file is empty.",
            hint="List answers as question id: value (marketing-wizard banks show lists the ids).",
        )
    if not isinstance(data, dict):
        raise InvalidAnswersError(
            f"{path}: expected a mapping from question id to answer (got {type(data).__name__})."
        )
    return data


def _id_list(meta: dict[str, Any], key: str, problems: list[str]) -> list[str]:
    value = meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{META}.{key}: expected a list of question ids (got {value!r})")
        return []
    return value


def _unknown_id(qid: str, ids: list[str]) -> str:
    close = difflib.get_close_matches(qid, ids, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{qid}: not a question id{hint}"


def fill_session(bank: Bank, session: Session, data: dict[str, Any]) -> Session:
    """A copy of ``session`` with the file's answers applied; the original is not touched.

    Raises:
        InvalidAnswersError: listing every problem (question id, expected, got).
    """
    ids = bank.ids()
    problems: list[str] = []
    values: dict[str, Any] = {}
    # bank order, so that rules comparing with earlier answers (not_before) see them
    context = {k: a.value for k, a in session.answers.items() if a.status is AnswerStatus.ANSWERED}
    for key in ids:
        if key not in data:
            continue
        raw = data[key]
        try:
            values[key] = context[key] = coerce_answer(bank.question(key), raw, context)
        except InvalidAnswer as exc:
            reason = f"{exc.message[:1].lower()}{exc.message[1:].rstrip('.')}"
            if "(got " not in reason and bank.question(key).type is not QuestionType.LIST:
                got = repr(raw)
                reason += f" (got {got if len(got) <= 60 else got[:57] + '...'})"
            problems.append(f"{key}: {reason}")
    for key in data:
        if key != META and (not isinstance(key, str) or key not in ids):
            problems.append(_unknown_id(str(key), ids))
    meta = data.get(META) or {}
    if not isinstance(meta, dict):
        problems.append(f"{META}: expected a mapping with {', '.join(_META_KEYS)} (got {meta!r})")
        meta = {}
    for key in meta:
        if key not in _META_KEYS:
            problems.append(f"{META}.{key}: unknown key; expected one of {', '.join(_META_KEYS)}")
    client = meta.get("client")
    if client is not None and not isinstance(client, str):
        problems.append(f"{META}.client: expected text (got {client!r})")
    marks: dict[str, AnswerStatus] = {}
    for key, status in (("unknown", AnswerStatus.UNKNOWN), ("skipped", AnswerStatus.SKIPPED)):
        for qid in _id_list(meta, key, problems):
            if qid not in ids:
                problems.append(f"{META}.{key}: {_unknown_id(qid, ids)}")
            elif qid in values:
                problems.append(
                    f"{META}.{key}: {qid} has an answer in this file too; give one or the other"
                )
            elif qid in marks:
                problems.append(f"{META}.{key}: {qid} is listed as both unknown and skipped")
            else:
                marks[qid] = status
    notes = meta.get("notes") or {}
    if not isinstance(notes, dict):
        problems.append(
            f"{META}.notes: expected a mapping from question id to note (got {notes!r})"
        )
        notes = {}
    for qid, note in notes.items():
        if qid not in ids:
            problems.append(f"{META}.notes: {_unknown_id(str(qid), ids)}")
        elif not isinstance(note, str):
            problems.append(f"{META}.notes.{qid}: expected text (got {note!r})")
        elif qid not in values and qid not in marks and qid not in session.answers:
            problems.append(
                f"{META}.notes.{qid}: a note needs an answer; answer the question or list it "
                "under unknown or skipped"
            )
    if problems:
        raise InvalidAnswersError(
            f"The answers file has {len(problems)} problem(s); nothing was written:",
            [f"  {p}" for p in problems],
        )
    result = session.model_copy(deep=True)
    for qid in ids:  # bank order, so the session file reads in the order questions are asked
        if qid in values:
            result.record(qid, AnswerStatus.ANSWERED, values[qid])
        elif qid in marks:
            result.record(qid, marks[qid])
    for qid, note in notes.items():
        result.set_note(qid, note)
    if isinstance(client, str):
        result.client = client.strip() or None
    return result


def hidden_answers(bank: Bank, session: Session) -> list[str]:
    """Ids with an answer whose question does not show with the answers in force."""
    shown = {s.id for s in visible(bank, session.answers)}
    return [qid for qid in bank.ids() if qid in session.answers and qid not in shown]


def export_answers(bank: Bank, session: Session) -> dict[str, Any]:
    """Every answer recorded (hidden ones too), in bank order, as ``fill`` reads them."""
    data: dict[str, Any] = {}
    unknown: list[str] = []
    skipped: list[str] = []
    notes: dict[str, str] = {}
    for qid in bank.ids():
        answer = session.answers.get(qid)
        if answer is None:
            continue
        if answer.status is AnswerStatus.ANSWERED:
            data[qid] = answer.value
        elif answer.status is AnswerStatus.UNKNOWN:
            unknown.append(qid)
        else:
            skipped.append(qid)
        if answer.note:
            notes[qid] = answer.note
    meta: dict[str, Any] = {}
    if session.client:
        meta["client"] = session.client
    if unknown:
        meta["unknown"] = unknown
    if skipped:
        meta["skipped"] = skipped
    if notes:
        meta["notes"] = notes
    return {META: meta, **data} if meta else data


def dump_answers(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
