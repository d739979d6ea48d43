"""Finding, loading and checking the question banks.

Every problem in every file is collected before anything is reported, one line each, as
``file: place: what is wrong`` (``file:line: ...`` for YAML syntax), so that a bank author
fixes them all in one go. Nothing here raises anything but :class:`~wizard.errors.BankError`.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import reprlib
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from wizard.bank import Bank, Question, QuestionType, Stage
from wizard.conditions import ConditionError, condition_names
from wizard.errors import BankError
from wizard.patterns import pattern_problem
from wizard.validation import InvalidAnswer, coerce_answer

__all__ = [
    "NOT_STAGES",
    "Problem",
    "StageSource",
    "bank_files",
    "check_banks",
    "load_bank",
    "read_stage_files",
    "shipped_banks_dir",
]

_SELECTS = {QuestionType.SELECT, QuestionType.MULTI_SELECT}
_TEXTS = {QuestionType.TEXT, QuestionType.LONG_TEXT}
_NUMERIC = {QuestionType.INTEGER, QuestionType.NUMBER, QuestionType.PERCENT, QuestionType.MONEY}
_COUNTED = {QuestionType.MULTI_SELECT, QuestionType.LIST}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank file."""

    file: str
    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}: {self.message}"
        if self.place:
            return f"{self.file}: {self.place}: {self.message}"
        return f"{self.file}: {self.message}"


def shipped_banks_dir() -> Path:
    """The banks that ship with the wizard: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "question_banks"
    return packaged if packaged.is_dir() else here.parent / "question_banks"


NOT_STAGES = frozenset({"plan.yaml", "pack.yaml"})
"""Files of a banks folder that are never stage files: the plan layout and a pack's card."""


def bank_files(paths: Sequence[Path] | None = None) -> list[Path]:
    """The stage files named by ``paths`` (files, or folders of ``*.yaml``), in stage order.

    In a folder, ``plan.yaml`` and ``pack.yaml`` are not stages and are left out.
    """
    found: list[Path] = []
    for path in paths or [shipped_banks_dir()]:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in {".yaml", ".yml"} and p.name not in NOT_STAGES and not p.is_dir()
                )
            )
        else:
            found.append(path)
    return found


def load_bank(paths: Sequence[Path] | None = None, pack: Path | None = None) -> Bank:
    """Load and check the banks (default: the shipped core banks), with a pack folder merged.

    Raises:
        BankError: listing every problem found, one line each.
    """
    bank, problems = check_banks(bank_files(paths), pack=pack)
    if problems or bank is None:
        again = "marketing-wizard banks validate" + (f" {pack}" if pack is not None else "")
        raise BankError(
            f"The question banks have {len(problems)} problem(s):",
            [f"  {p}" for p in problems],
            hint=f"Fix them, then check again with: {again}",
        )
    return bank


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses a key given twice in one mapping (YAML silently keeps one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):  # YAML allows `? [a, b]`; no bank key is one
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a word, not a list or mapping", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return dict(super().construct_mapping(node, deep=deep))


def _read_yaml(path: Path, name: str) -> tuple[Any, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "", "no such file")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "", f"cannot be read ({exc})")]
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_NODES:
            return None, [
                Problem(
                    name,
                    "",
                    f"aliases (*name) expand this file to more than {MAX_NODES:,} values; "
                    "a bank is far smaller",
                )
            ]
        return (loader.construct_document(node) if node is not None else None), []
    except ValueError as exc:  # what YAML's int and date constructors let through
        what = str(exc)
        if "digits" in what:
            what = "a number has more than 4,300 digits"
        return None, [Problem(name, "", f"a value cannot be read: {what}")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [Problem(name, "", what or "invalid YAML", line=line)]
    except yaml.YAMLError as exc:
        return None, [Problem(name, "", f"invalid YAML ({exc})")]
    finally:
        loader.dispose()


MAX_NODES = 100_000
"""The most values (mappings, lists, scalars) a bank file may hold once aliases are expanded."""


def _expanded_size(root: yaml.Node) -> int:
    """How many values ``root`` stands for with every alias expanded.

    Each node is sized once (after its children; no recursion, so any depth of nesting will
    do); a node reached again through an alias adds its whole size again.
    """
    sizes: dict[int, int] = {}
    seen: set[int] = set()  # a node met again before it is sized holds itself: it counts 1
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in seen)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


@dataclass
class StageSource:
    """One stage as the loader assembles it, before it is checked.

    ``data`` holds the stage's keys as read (its ``questions`` a list the pack merge may
    change); ``origins`` names the file each of those questions comes from, and ``key_files``
    the file of a stage key given by another file (an extension's ``intro``), so that every
    problem names the file it is in. Pack merging (:mod:`wizard.packs`) works on these.
    """

    file: str
    data: dict[str, Any]
    origins: list[str]
    shipped: bool = False
    key_files: dict[str, str] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)  # question id -> the file removing it
    anchor: str | None = None  # a pack stage placed with `after: <stage id>`

    def questions(self) -> list[Any] | None:
        questions = self.data.get("questions")
        return questions if isinstance(questions, list) else None

    def question_ids(self) -> list[str]:
        return [
            raw["id"]
            for raw in self.questions() or []
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)
        ]

    def file_at(self, loc: Sequence[int | str]) -> str:
        """The file that holds what pydantic's ``loc`` points at in :attr:`data`."""
        index = loc[1] if len(loc) > 1 and loc[0] == "questions" else None
        if isinstance(index, int) and index < len(self.origins):
            return self.origins[index]
        return self.key_files.get(str(loc[0]), self.file) if loc else self.file


def read_stage_files(files: Iterable[Path]) -> tuple[list[StageSource], list[Problem]]:
    """Read stage files into :class:`StageSource` (one per readable mapping) and problems."""
    shipped = shipped_banks_dir().resolve()
    sources: list[StageSource] = []
    problems: list[Problem] = []
    for path in files:
        name = _display(path)
        data, read_problems = _read_yaml(path, name)
        if read_problems:
            problems.extend(read_problems)
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(name, "", "expected a mapping with version, id, title, intro and questions")
            )
            continue
        questions = data.get("questions")
        count = len(questions) if isinstance(questions, list) else 0
        in_core = False
        with contextlib.suppress(OSError):
            in_core = path.resolve().parent == shipped
        sources.append(StageSource(name, data, [name] * count, shipped=in_core))
    return sources, problems


def check_banks(
    files: Iterable[Path], pack: Path | None = None
) -> tuple[Bank | None, list[Problem]]:
    """Check bank files together; return the bank (if all is well) and every problem.

    With ``pack`` (a pack folder, see :mod:`wizard.packs`), its files are merged into the
    banks first, and every check runs on the merged bank.
    """
    sources, problems = read_stage_files(files)
    if pack is not None:
        from wizard.packs import apply_pack

        problems.extend(apply_pack(pack, sources))
    stage_problems, stages = _check_sources(sources)
    problems.extend(stage_problems)
    order = {name: n for n, name in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: order[p.file])
    if problems:
        return None, problems
    return Bank(stages=stages), []


def _check_sources(sources: list[StageSource]) -> tuple[list[Problem], list[Stage]]:
    problems: list[Problem] = []
    stages: list[Stage] = []
    # Questions that validated on their own, across all files, in order: the cross-checks run
    # on these even when a neighbour is broken, so one bad question hides no other problem.
    valid: list[tuple[str, str, Question]] = []
    raw_ids: list[tuple[str, str]] = []  # (file, id) of every question with a string id
    stage_ids: dict[str, str] = {}
    removed: dict[str, str] = {}
    for source in sources:
        data, name = source.data, source.file
        removed.update(source.removed)
        try:
            stages.append(Stage.model_validate(data))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(name, data, exc, Stage, source.file_at))
        stage_id = data.get("id")
        if isinstance(stage_id, str):
            if stage_id in stage_ids:
                problems.append(
                    Problem(
                        name, "id", f"stage id {stage_id!r} is also used in {stage_ids[stage_id]}"
                    )
                )
            stage_ids.setdefault(stage_id, name)
        for index, raw in enumerate(source.questions() or []):
            if not isinstance(raw, dict):
                continue
            file = source.file_at(("questions", index))
            if isinstance(raw.get("id"), str):
                raw_ids.append((file, raw["id"]))
            if source.shipped and file == name:
                problems.extend(_source_problems(file, _place(data, ("questions", index)), raw))
            with contextlib.suppress(ValidationError):  # reported through the stage already
                question = Question.model_validate(raw)
                valid.append((file, raw.get("id", f"questions.{index}"), question))
    problems.extend(_cross_problems(valid, raw_ids, removed))
    return problems, stages


def _source_problems(name: str, place: str, raw: dict[str, Any]) -> list[Problem]:
    """The shipped core banks say where each question (and field) comes from."""
    out = []
    if "source" not in raw:
        out.append(Problem(name, f"{place}.source", "missing required key 'source'"))
    fields = raw.get("fields")
    for n, item in enumerate(fields if isinstance(fields, list) else []):
        if isinstance(item, dict) and "source" not in item:
            ident = item.get("id")
            where = f"{place}.fields.{ident if isinstance(ident, str) else n}.source"
            out.append(Problem(name, where, "missing required key 'source'"))
    return out


# --- pydantic's errors, made readable -------------------------------------------------------


def _place(data: Any, loc: tuple[int | str, ...]) -> str:
    """A dotted place where list indexes of questions, fields and choices become their ids."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            ident = item.get("id", item.get("value")) if isinstance(item, dict) else None
            if isinstance(ident, str) and parts and parts[-1] in {"questions", "fields", "choices"}:
                if parts[-1] == "questions":
                    parts.pop()
                parts.append(ident)
            else:
                parts.append(str(key))
            node = item
        else:
            parts.append(key)
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that holds the key at the end of ``loc``."""
    current: type[BaseModel] | None = model
    for key in loc[:-1]:
        if isinstance(key, int) or current is None:
            continue
        field = current.model_fields.get(key)
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, str):
        return Question if annotation.startswith("Question") or "Question" in annotation else None
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _pydantic_problems(
    name: str,
    data: Any,
    exc: ValidationError,
    model: type[BaseModel],
    file_at: Callable[[Sequence[int | str]], str] | None = None,
) -> list[Problem]:
    """One problem per pydantic error; ``file_at`` names the file of a place (packs)."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            holder = _model_at(model, loc)
            allowed = ", ".join(holder.model_fields) if holder else "the documented keys"
            message = f"unknown key {loc[-1]!r}; expected one of: {allowed}"
        elif kind == "missing":
            message = f"missing required key {loc[-1]!r}"
        else:
            message = err["msg"].removeprefix("Value error, ")
            message = re.sub(r"^Input should (be )?", "expected ", message)
            message = f"{_lower_first(message)} (got {_short(err.get('input'))})"
        file = file_at(loc) if file_at is not None else name
        problems.append(Problem(file, _place(data, loc), message))
    return problems


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _reason(exc: InvalidAnswer) -> str:
    return _lower_first(exc.message).rstrip(".")


_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 4, 8, 8
_REPR.maxstring = _REPR.maxother = 80


def _short(value: object) -> str:
    """A value as written in a message: at most 60 characters, however big or deep it is."""
    try:
        text = _REPR.repr(value)
    except (ValueError, RecursionError):  # an int past 4,300 digits
        text = f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


# --- checks across questions and files ------------------------------------------------------


def _cross_problems(
    valid: list[tuple[str, str, Question]],
    raw: list[tuple[str, str]],
    removed: dict[str, str] | None = None,
) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, qid in raw:
        if qid in seen:
            problems.append(
                Problem(name, qid, f"duplicate question id; {qid!r} is also used in {seen[qid]}")
            )
        seen.setdefault(qid, name)
    raw_ids = [qid for _name, qid in raw]
    position = {qid: n for n, qid in reversed(list(enumerate(raw_ids)))}
    earlier: list[Question] = []
    for name, place, q in valid:
        problems.extend(
            Problem(name, where, what)
            for where, what in _date_bound_problems(q, place, earlier, "an earlier question")
        )
        earlier.append(q)
        if q.section is None:
            problems.append(
                Problem(name, place, "missing 'section': say which plan section this answer feeds")
            )
        problems.extend(
            Problem(name, where, what)
            for where, what in _question_problems(q, place, earlier=earlier[:-1])
        )
        if q.when is not None:
            problems.extend(_when_problems(name, place, q, position, raw_ids, removed or {}))
    core = {q.id: q.core for _name, _place, q in valid}
    for name, place, q in valid:
        problems.extend(_core_problems(name, place, q, core))
    return problems


def _core_problems(name: str, place: str, q: Question, core: dict[str, bool]) -> list[Problem]:
    """A core, required question must show at core depth, where only core questions are asked.

    Deliberately strict: its condition may name core questions only (a question not asked
    has no answer, so the condition could only hold by luck).
    """
    if not (q.core and q.required and q.when):
        return []
    try:
        names = condition_names(q.when)
    except ConditionError:
        return []  # reported by the condition check
    return [
        Problem(
            name,
            f"{place}.when",
            f"{ref!r} is not core, so a core pass never asks it and this core, required "
            f"question may never show; mark {ref!r} core too, or this question not required",
        )
        for ref in names
        if ref in core and not core[ref]
    ]


def _when_problems(
    name: str,
    place: str,
    q: Question,
    position: dict[str, int],
    raw_ids: list[str],
    removed: dict[str, str],
) -> list[Problem]:
    try:
        names = condition_names(q.when or "")
    except ConditionError as exc:
        return [Problem(name, f"{place}.when", str(exc))]
    problems = []
    mine = position.get(q.id, len(raw_ids))
    for ref in names:
        if ref not in position and ref in removed:
            problems.append(
                Problem(
                    name,
                    f"{place}.when",
                    f"{ref!r} is removed by {removed[ref]}, but this condition uses it; "
                    f"remove or replace {q.id!r} there too",
                )
            )
        elif ref not in position:
            close = difflib.get_close_matches(ref, raw_ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    name,
                    f"{place}.when",
                    f"{ref!r} is not a question id; expected an earlier question's id{hint}",
                )
            )
        elif position[ref] >= mine:
            problems.append(
                Problem(
                    name,
                    f"{place}.when",
                    f"{ref!r} is asked later; a condition can only use earlier answers",
                )
            )
    return problems


def _question_problems(
    q: Question, place: str, *, is_field: bool = False, earlier: Sequence[Question] = ()
) -> list[tuple[str, str]]:
    """Problems within one question: (place, message) pairs."""
    out: list[tuple[str, str]] = []
    kind = q.type.value
    if q.type in _SELECTS:
        if not q.choices:
            out.append((f"{place}.choices", f"a {kind} question needs a list of choices"))
        else:
            values = q.choice_values()
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                out.append((f"{place}.choices", f"choice value(s) given twice: {', '.join(dupes)}"))
            if sum(c.other for c in q.choices) > 1:
                out.append(
                    (f"{place}.choices", "only one choice can be the 'other' (free text) one")
                )
    elif q.choices is not None:
        out.append((f"{place}.choices", f"choices are for select and multi_select, not {kind}"))
    if q.type is QuestionType.LIST:
        if not q.fields:
            out.append((f"{place}.fields", "a list question needs fields (the parts of one item)"))
        else:
            field_ids = [f.id for f in q.fields]
            dupes = sorted({f for f in field_ids if field_ids.count(f) > 1})
            if dupes:
                out.append((f"{place}.fields", f"field id(s) given twice: {', '.join(dupes)}"))
            out.extend(_item_heading_problems(q, place))
            for n, field in enumerate(q.fields):
                where = f"{place}.fields.{field.id}"
                out.extend(_question_problems(field, where, is_field=True))
                named = [f.id for f in q.fields[:n]]
                if q.item_heading in field_ids[n + 1 :]:
                    named.append(q.item_heading)
                out.extend(_placeholder_problems(field, where, named))
                out.extend(
                    _date_bound_problems(
                        field, where, [*earlier, *q.fields[:n]], "an earlier question's or field"
                    )
                )
    elif q.fields is not None:
        out.append((f"{place}.fields", f"fields are for list questions, not {kind}"))
    if q.item_heading is not None and q.type is not QuestionType.LIST:
        out.append((f"{place}.item_heading", f"item_heading is for list questions, not {kind}"))
    if is_field:
        if q.type is QuestionType.LIST:
            out.append((f"{place}.type", "a list field cannot itself be a list"))
        if q.when is not None:
            out.append((f"{place}.when", "conditions go on the list question, not on its fields"))
        if q.section is not None:
            out.append(
                (f"{place}.section", "the section goes on the list question, not on its fields")
            )
        if q.core:
            out.append(
                (
                    f"{place}.core",
                    "core applies to whole questions; mark the list question core, not its fields",
                )
            )
    if q.prose and q.type is not QuestionType.LONG_TEXT:
        out.append((f"{place}.prose", f"prose is for long_text questions, not {kind}"))
    if q.currency is not None and q.type is not QuestionType.MONEY:
        out.append((f"{place}.currency", f"currency is for money questions, not {kind}"))
    out.extend(_rule_problems(q, place))
    if any(
        p.startswith(f"{place}.fields")
        or p in {f"{place}.choices", f"{place}.validation.pattern.regex"}
        for p, _msg in out
    ):
        return out  # the value checks below would only repeat these problems (or never end)
    if q.default is not None:
        try:
            coerce_answer(q, q.default)
        except InvalidAnswer as exc:
            what = "among the choices" if q.type in _SELECTS else "a valid answer"
            out.append(
                (f"{place}.default", f"default {_short(q.default)} is not {what}: {_reason(exc)}")
            )
    try:
        coerce_answer(q, q.example)
    except InvalidAnswer as exc:
        out.append((f"{place}.example", f"example fails the question's own rules: {_reason(exc)}"))
    return out


def _item_heading_problems(q: Question, place: str) -> list[tuple[str, str]]:
    """The field that names each item of a list must be one of its text fields."""
    if q.item_heading is None:
        return []
    fields = {f.id: f for f in q.fields or []}
    field = fields.get(q.item_heading)
    where = f"{place}.item_heading"
    if field is None:
        return [
            (
                where,
                f"{q.item_heading!r} is not a field of this list; "
                f"expected one of: {', '.join(fields)}",
            )
        ]
    if field.type is not QuestionType.TEXT:
        return [
            (
                where,
                f"{q.item_heading!r} is a {field.type.value} field; "
                "the field that names an item must be a text field",
            )
        ]
    return []


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _placeholder_problems(
    field: Question, where: str, named: Sequence[str]
) -> list[tuple[str, str]]:
    """A ``{field_id}`` in a field's prompt or label must name a field known by then."""
    out: list[tuple[str, str]] = []
    for key in ("prompt", "label"):
        text = getattr(field, key) or ""
        for ref in dict.fromkeys(_PLACEHOLDER.findall(text)):
            if ref in named:
                continue
            can = (
                f"expected one of: {', '.join(named)}"
                if named
                else "no field comes before this one, and the list has no item_heading"
            )
            out.append(
                (
                    f"{where}.{key}",
                    f"{{{ref}}} is not an earlier field of this item or its item_heading; {can}",
                )
            )
    return out


def _date_bound_problems(
    q: Question, place: str, earlier: Sequence[Question], what: str
) -> list[tuple[str, str]]:
    """``not_before`` and ``not_after`` must name an earlier date question (or field)."""
    out: list[tuple[str, str]] = []
    for rule_name in ("not_before", "not_after"):
        rule = getattr(q.validation, rule_name, None) if q.validation else None
        if rule is None:
            continue
        where = f"{place}.validation.{rule_name}"
        if q.type is not QuestionType.DATE:
            out.append((where, f"a {rule_name} rule does not apply to a {q.type.value} question"))
            continue
        target = next((e for e in reversed(earlier) if e.id == rule.question), None)
        if target is None:
            out.append((where, f"{rule.question!r} is not {what}'s id"))
        elif target.type is not QuestionType.DATE:
            out.append(
                (where, f"{rule.question!r} is a {target.type.value} question; expected a date")
            )
    return out


def _rule_problems(q: Question, place: str) -> list[tuple[str, str]]:
    rules = q.validation
    if rules is None:
        return []
    out: list[tuple[str, str]] = []
    kind = q.type.value
    fits = {
        "length": q.type in _TEXTS,
        "pattern": q.type in _TEXTS,
        "range": q.type in _NUMERIC,
        "items": q.type in _COUNTED,
    }
    for rule_name, ok in fits.items():
        rule = getattr(rules, rule_name)
        if rule is None:
            continue
        where = f"{place}.validation.{rule_name}"
        if not ok:
            out.append((where, f"a {rule_name} rule does not apply to a {kind} question"))
        lo, hi = getattr(rule, "min", None), getattr(rule, "max", None)
        if lo is not None and hi is not None and lo > hi:
            out.append((where, f"min ({lo}) is greater than max ({hi})"))
    if rules.pattern is not None:
        problem = pattern_problem(rules.pattern.regex)
        if problem is not None:
            out.append((f"{place}.validation.pattern.regex", problem))
    return out
