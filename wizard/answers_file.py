"""Answers files: what ``fill`` reads and ``answers`` prints (YAML or JSON).

A mapping from question id to value, plus one reserved key, ``_meta``, with ``client``,
``language`` (the language a new session is filled in: ``en`` or ``zh-CN``), ``unknown`` (ids marked "don't know yet"), ``skipped`` (ids skipped), ``in_progress`` (ids begun
but not finished: their value, if given, is what is finished so far, such as a list's finished
items), ``notes`` (id to note) and ``parked`` (the parking lot: ``text``, with the ``question``
id it was parked at and the time, ``at``, when known). A list item may carry ``_unknown`` (its
fields marked "don't know yet") and ``_notes`` (field id to note), as in the session.
A key left empty (``key:``, YAML's null) is no answer: the question is left as it was, so a
template with every key empty (``worksheet --format yaml``) fills nothing. ``fill`` is all or
nothing: every value goes through :func:`wizard.validation.coerce_answer`, and if any is
invalid nothing is written and every problem is listed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wizard.bank import Bank, Question, QuestionType
from wizard.errors import InvalidAnswersError, model_reason, os_reason, parser_reason
from wizard.flow import visible
from wizard.i18n import LANGUAGES, N_, _, is_chinese, language_from
from wizard.session import AnswerStatus, ParkedPoint, Session
from wizard.validation import (
    LIMITS,
    InvalidAnswer,
    brief,
    clause,
    coerce_answer,
    shows_got,
    text_problem,
)

__all__ = [
    "META",
    "dump_answers",
    "export_answers",
    "fill_session",
    "hidden_answers",
    "load_answers_file",
]

META = "_meta"
_META_KEYS = ("client", "language", "unknown", "skipped", "in_progress", "notes", "parked")


class _Refused(Exception):
    """Something an answers file may not hold, at ``line`` (1-based) when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_YamlBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AnswersLoader(_YamlBase):  # type: ignore[misc]
    """A safe loader that refuses a key given twice in one mapping (YAML silently keeps one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                raise _Refused(_("a key must be a word, not a list or mapping"), line)
            if key in seen:
                raise _Refused(
                    _("the key {key} is given twice in one mapping").format(key=brief(key)), line
                )
            seen.add(key)
        return dict(super().construct_mapping(node, deep=deep))


def _int_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A number too long for Python to read (over 4,300 digits) is kept as its text, which
    validation then refuses as too large."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _date_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A date not in the calendar (2027-02-30) is kept as its text, which validation then
    refuses with the question's id, as when it is quoted."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_AnswersLoader.add_constructor("tag:yaml.org,2002:int", _int_or_text)
_AnswersLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def _refuse_aliases(text: str) -> None:
    """Refuse anchors and aliases before anything is built: a few of them can make a value of
    billions of items (the "billion laughs")."""
    # one frame per open mapping or list: [is a mapping, events seen in it, key being read]
    frames: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_YamlBase):
            _check_event(event, frames)
    except yaml.YAMLError:
        return  # reading it again says what is wrong, and where


def _check_event(event: yaml.Event, frames: list[list[Any]]) -> None:
    if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
        frames.pop()
        return
    if not isinstance(event, yaml.NodeEvent):
        return
    is_key = bool(frames) and frames[-1][0] and frames[-1][1] % 2 == 0
    if frames:
        frames[-1][1] += 1
    anchor = event.anchor
    if anchor is not None:
        sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
        place = ".".join(_frame_name(f) for f in frames)
        refusal = _(
            "aliases are not allowed in an answers file (found {alias}); write each value out "
            "in full"
        ).format(alias=f"{sign}{anchor[:40]}")
        raise _Refused(
            f"{place}: {refusal}" if place else refusal,
            event.start_mark.line + 1 if event.start_mark else None,
        )
    if is_key:
        value = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        frames[-1][2] = value if len(value) <= 40 else value[:37] + "..."
    if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
        frames.append([isinstance(event, yaml.MappingStartEvent), 0, ""])
        if len(frames) > LIMITS.depth:
            place = ".".join(_frame_name(f) for f in frames[:-1])
            raise _Refused(
                f"{place}: {_too_deep()}",
                event.start_mark.line + 1 if event.start_mark else None,
            )


def _too_deep() -> str:
    return _("nested deeper than {depth} levels, more than any answer needs").format(
        depth=LIMITS.depth
    )


def _frame_name(frame: list[Any]) -> str:
    is_mapping, seen, key = frame
    return str(key) if is_mapping else str(seen)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(_("the key {key} is given twice in one object").format(key=brief(key)))
        data[key] = value
    return data


def _parse(text: str, path: Path) -> Any:
    if path.suffix == ".json":
        # a number too long for Python to read is kept as its text, which validation refuses
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=lambda digits: int(digits) if len(digits) <= 100 else digits,
        )
    _refuse_aliases(text)
    return yaml.load(text, Loader=_AnswersLoader)


def file_language(data: dict[str, Any]) -> str | None:
    """The language ``_meta.language`` of an answers file names, if any."""
    meta = data.get(META)
    return language_from(str(meta.get("language"))) if isinstance(meta, dict) else None


def load_answers_file(path: Path) -> dict[str, Any]:
    """Read an answers file (``-`` is standard input); JSON if it ends in .json, else YAML.

    Raises:
        InvalidAnswersError: if the file cannot be read or parsed, is not a mapping, is
            empty, or holds what an answers file may not (aliases, a key given twice).
    """
    import sys

    limit = LIMITS.file_bytes
    try:
        if str(path) == "-":
            text = sys.stdin.read(limit + 1)
            size = len(text)
        else:
            with path.open("rb") as stream:
                content = stream.read(limit + 1)
            size = len(content)
            text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidAnswersError(
            _("Cannot read the answers file {path}: {reason}").format(
                path=path, reason=os_reason(exc) or exc
            )
        ) from None
    if size > limit:
        refusal = _(
            "the answers file is larger than {size} MB, far more than a plan's answers; "
            "nothing was read."
        ).format(size=limit // 1024 // 1024)
        raise InvalidAnswersError(f"{path}: {refusal}")
    try:
        data = _parse(text, path)
    except _Refused as exc:
        where = f"{path}:{exc.line}" if exc.line is not None else str(path)
        raise InvalidAnswersError(
            _("{where}: {problem}.").format(where=where, problem=exc.message)
        ) from None
    except RecursionError:
        raise InvalidAnswersError(
            _("{where}: {problem}.").format(where=path, problem=_too_deep())
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidAnswersError(
            _("{where}: not valid JSON ({error}).").format(
                where=f"{path}:{exc.lineno}", error=parser_reason(exc.msg)
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        # libyaml puts the end of a file without a final newline on a line of its own
        lines = text.count("\n") + 1
        line = min(exc.problem_mark.line + 1, lines) if exc.problem_mark else "?"
        raise InvalidAnswersError(
            _("{where}: not valid YAML ({error}).").format(
                where=f"{path}:{line}", error=parser_reason(str(exc.problem))
            )
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidAnswersError(
            _("{where}: not valid YAML ({error}).").format(where=path, error=exc)
        ) from None
    if not data:
        raise InvalidAnswersError(
            _("{path}: the answers file is empty.").format(path=path),
            hint=_(
                "List answers as question id: value (marketing-wizard banks show lists the ids)."
            ),
        )
    if not isinstance(data, dict):
        raise InvalidAnswersError(
            _("{path}: expected a mapping from question id to answer (got {kind}).").format(
                path=path, kind=_kind(data)
            )
        )
    problems = _shape_problems(data)
    if problems:
        raise InvalidAnswersError(
            _("{path}: the answers file holds what no answer can; nothing was written:").format(
                path=path
            ),
            [f"  {p}" for p in problems],
        )
    return data


_KINDS = {
    "list": N_("a list"),
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "bool": N_("yes or no"),
    "date": N_("a date"),
    "datetime": N_("a time"),
}


def _kind(value: object) -> str:
    """What a value read from a file is: its Python type's name in English, the kind of value
    in another language."""
    name = type(value).__name__
    return _(_KINDS[name]) if is_chinese() and name in _KINDS else name


def _shape_problems(data: dict[str, Any]) -> list[str]:
    """What no answer may hold, anywhere in the file: text that is too long or not valid
    Unicode, more list items or mapping keys than ``LIMITS`` allows, nesting deeper than
    ``LIMITS.depth``. At most ten problems, each with where it is."""
    problems: list[str] = []
    stack: list[tuple[str, object, int]] = [("", data, 1)]
    while stack and len(problems) < 10:
        place, value, depth = stack.pop()
        where = place or _("the file")
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                problems.append(f"{where}: {problem}")
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > LIMITS.depth:
            problems.append(
                _("{where}: nested deeper than {depth} levels").format(
                    where=where, depth=LIMITS.depth
                )
            )
            continue
        if isinstance(value, dict) and len(value) > LIMITS.keys:
            problems.append(
                _("{where}: at most {most} keys are taken (got {n})").format(
                    where=where, most=LIMITS.keys, n=len(value)
                )
            )
            continue
        if isinstance(value, list) and len(value) > LIMITS.items:
            problems.append(
                _("{where}: at most {most} items are taken (got {n})").format(
                    where=where, most=LIMITS.items, n=len(value)
                )
            )
            continue
        pairs = value.items() if isinstance(value, dict) else enumerate(value, start=1)
        children = []
        for key, item in pairs:
            key_problem = text_problem(key) if isinstance(key, str) else None
            if key_problem is not None:
                problems.append(
                    _("{where}: a key: {problem}").format(where=where, problem=key_problem)
                )
                continue
            name = _name(key) if isinstance(value, dict) else str(key)
            children.append((f"{place}.{name}" if place else name, item, depth + 1))
        stack.extend(reversed(children))
    return problems


def _id_list(meta: dict[str, Any], key: str, problems: list[str]) -> list[str]:
    value = meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            _("{where}: expected a list of question ids (got {got})").format(
                where=f"{META}.{key}", got=brief(value)
            )
        )
        return []
    return value


def _name(key: object) -> str:
    """A key as a message names it: plain if it is a short word, else shortened and quoted."""
    return key if isinstance(key, str) and 0 < len(key) <= 40 else brief(key, 40)


def _unknown_id(qid: object, ids: list[str]) -> str:
    if not isinstance(qid, str) or len(qid) > 40:
        return _("{key}: not a question id").format(key=_name(qid))
    close = difflib.get_close_matches(qid, ids, n=1)
    if close:
        return _("{key}: not a question id (did you mean {id}?)").format(key=qid, id=repr(close[0]))
    return _("{key}: not a question id").format(key=qid)


def _unfinished(q: Question) -> Question:
    """The question as an unfinished answer is checked: a list may have fewer items yet."""
    if q.type is not QuestionType.LIST or q.validation is None or q.validation.items is None:
        return q
    return q.model_copy(update={"validation": q.validation.model_copy(update={"items": None})})


def _parked(meta: dict[str, Any], ids: list[str], problems: list[str]) -> list[ParkedPoint]:
    raw = meta.get("parked") or []
    if not isinstance(raw, list):
        problems.append(
            _("{where}: expected a list of points, each with text (got {got})").format(
                where=f"{META}.parked", got=brief(raw)
            )
        )
        return []
    points = []
    for n, entry in enumerate(raw, start=1):
        where = f"{META}.parked.{n}"
        if isinstance(entry, str):
            entry = {"text": entry}
        if not isinstance(entry, dict):
            problems.append(
                _("{where}: expected text, question and at (got {got})").format(
                    where=where, got=brief(entry)
                )
            )
            continue
        text, qid = entry.get("text"), entry.get("question")
        if not isinstance(text, str) or not text.strip():
            problems.append(
                _("{where}: expected the point as text (got {got})").format(
                    where=f"{where}.text", got=brief(text)
                )
            )
            continue
        if qid is not None and qid not in ids:
            problems.append(f"{where}.question: {_unknown_id(qid, ids)}")
            continue
        try:
            points.append(ParkedPoint.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(part) for part in first["loc"])
            reason = model_reason(first)
            problems.append(f"{where}.{place}: {reason[:1].lower()}{reason[1:]}")
    return points


def fill_session(
    bank: Bank, session: Session, data: dict[str, Any], source: str | None = None
) -> Session:
    """A copy of ``session`` with the file's answers applied; the original is not touched.

    ``source`` names the file in the message (not for ``-``, standard input).

    Raises:
        InvalidAnswersError: listing every problem (question id, expected, got).
    """
    ids = bank.ids()
    problems: list[str] = []
    values: dict[str, Any] = {}
    meta = data.get(META) or {}
    begun = meta.get("in_progress") if isinstance(meta, dict) else None
    begun = (
        set(begun) if isinstance(begun, list) and all(isinstance(v, str) for v in begun) else set()
    )
    # bank order, so that rules comparing with earlier answers (not_before) see them
    context = {k: a.value for k, a in session.answers.items() if a.status is AnswerStatus.ANSWERED}
    for key in ids:
        if key not in data:
            continue
        raw = data[key]
        if raw is None and key not in begun:
            continue  # a key left empty (as in a worksheet's template) is no answer
        q = _unfinished(bank.question(key)) if key in begun else bank.question(key)
        if key in begun and raw in (None, "", []):
            values[key] = raw  # begun, nothing finished yet
            continue
        try:
            values[key] = coerce_answer(q, raw, context)
            if key not in begun:
                context[key] = values[key]
        except InvalidAnswer as exc:
            reason = clause(exc.message)
            named = isinstance(raw, str) and reason.startswith(f"{raw.strip()} ")
            if not shows_got(reason) and not named and q.type is not QuestionType.LIST:
                reason = _("{reason} (got {got})").format(reason=reason, got=brief(raw))
            problems.append(f"{key}: {reason}")
    for key in data:
        if key != META and (not isinstance(key, str) or key not in ids):
            problems.append(_unknown_id(key, ids))
    if not isinstance(meta, dict):
        problems.append(
            _("{where}: expected a mapping with {keys} (got {got})").format(
                where=META, keys=("、" if is_chinese() else ", ").join(_META_KEYS), got=brief(meta)
            )
        )
        meta = {}
    for key in meta:
        if key not in _META_KEYS:
            problems.append(
                _("{where}: unknown key; expected one of {keys}").format(
                    where=f"{META}.{_name(key)}",
                    keys=("、" if is_chinese() else ", ").join(_META_KEYS),
                )
            )
    language = meta.get("language")
    if language is not None and language_from(str(language)) is None:
        problems.append(
            _("{where}: expected one of {known} (got {got})").format(
                where=f"{META}.language", known=", ".join(LANGUAGES), got=brief(language)
            )
        )
    client = meta.get("client")
    if client is not None and not isinstance(client, str):
        problems.append(
            _("{where}: expected text (got {got})").format(
                where=f"{META}.client", got=brief(client)
            )
        )
    marks: dict[str, AnswerStatus] = {}
    for key, status in (
        ("unknown", AnswerStatus.UNKNOWN),
        ("skipped", AnswerStatus.SKIPPED),
        ("in_progress", AnswerStatus.IN_PROGRESS),
    ):
        for qid in _id_list(meta, key, problems):
            if qid not in ids:
                problems.append(f"{META}.{key}: {_unknown_id(qid, ids)}")
            elif qid in values and status is not AnswerStatus.IN_PROGRESS:
                problems.append(
                    _("{where}: {id} has an answer in this file too; give one or the other").format(
                        where=f"{META}.{key}", id=qid
                    )
                )
            elif qid in marks:
                problems.append(
                    _("{where}: {id} is listed under both {first} and {second}").format(
                        where=f"{META}.{key}", id=qid, first=marks[qid].value, second=key
                    )
                )
            else:
                marks[qid] = status
    notes = meta.get("notes") or {}
    if not isinstance(notes, dict):
        problems.append(
            _("{where}: expected a mapping from question id to note (got {got})").format(
                where=f"{META}.notes", got=brief(notes)
            )
        )
        notes = {}
    for qid, note in notes.items():
        if qid not in ids:
            problems.append(f"{META}.notes: {_unknown_id(qid, ids)}")
        elif not isinstance(note, str):
            problems.append(
                _("{where}: expected text (got {got})").format(
                    where=f"{META}.notes.{qid}", got=brief(note)
                )
            )
        elif qid not in values and qid not in marks and qid not in session.answers:
            problems.append(
                _(
                    "{where}: a note needs an answer; answer the question or list it "
                    "under unknown or skipped"
                ).format(where=f"{META}.notes.{qid}")
            )
    parked = _parked(meta, ids, problems)
    if problems:
        if source and source != "-":
            message = _(
                "The answers file {source} has {n} problem(s); nothing was written:"
            ).format(source=source, n=len(problems))
        else:
            message = _("The answers file has {n} problem(s); nothing was written:").format(
                n=len(problems)
            )
        raise InvalidAnswersError(message, [f"  {p}" for p in problems])
    result = session.model_copy(deep=True)
    for qid in ids:  # bank order, so the session file reads in the order questions are asked
        if qid in marks:
            result.record(qid, marks[qid], values.get(qid))
        elif qid in values:
            result.record(qid, AnswerStatus.ANSWERED, values[qid])
    for qid, note in notes.items():
        result.set_note(qid, note)
    kept = {(p.text, p.question) for p in result.parked}
    result.parked += [p for p in parked if (p.text, p.question) not in kept]
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
    marks: dict[AnswerStatus, list[str]] = {status: [] for status in AnswerStatus}
    notes: dict[str, str] = {}
    for qid in bank.ids():
        answer = session.answers.get(qid)
        if answer is None:
            continue
        marks[answer.status].append(qid)
        if answer.status in (AnswerStatus.ANSWERED, AnswerStatus.IN_PROGRESS) and (
            answer.value is not None
        ):
            data[qid] = answer.value
        if answer.note:
            notes[qid] = answer.note
    meta: dict[str, Any] = {}
    if session.client:
        meta["client"] = session.client
    if session.language:
        meta["language"] = session.language
    for key, status in (
        ("unknown", AnswerStatus.UNKNOWN),
        ("skipped", AnswerStatus.SKIPPED),
        ("in_progress", AnswerStatus.IN_PROGRESS),
    ):
        if marks[status]:
            meta[key] = marks[status]
    if notes:
        meta["notes"] = notes
    if session.parked:
        meta["parked"] = [
            {"text": p.text, **({"question": p.question} if p.question else {}), "at": p.at}
            for p in session.parked
        ]
    return {META: meta, **data} if meta else data


def dump_answers(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n"
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def _iso(value: object) -> str:
    """Times (a parked point's) as ISO 8601 text in JSON; YAML writes them itself."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in an answers file")
