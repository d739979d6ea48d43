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
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from wizard.bank import Bank, Layout, Question, QuestionType, Stage
from wizard.conditions import ConditionError, condition_names
from wizard.errors import BankError
from wizard.patterns import pattern_problem
from wizard.roles import ROLE_SPECS, Role
from wizard.validation import InvalidAnswer, coerce_answer

__all__ = [
    "LAYOUT_FILE",
    "Problem",
    "bank_files",
    "check_banks",
    "layout_file",
    "load_bank",
    "shipped_banks_dir",
]

LAYOUT_FILE = "plan.yaml"
"""The plan's layout, beside the stage files (never a stage itself)."""

NOT_STAGES = frozenset({LAYOUT_FILE, "pack.yaml"})
"""Files of a bank folder that hold no stage."""

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


def bank_files(paths: Sequence[Path] | None = None) -> list[Path]:
    """The bank files named by ``paths`` (files, or folders of ``*.yaml``), in stage order."""
    found: list[Path] = []
    for path in paths or [shipped_banks_dir()]:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in {".yaml", ".yml"} and p.name not in NOT_STAGES
                )
            )
        else:
            found.append(path)
    return found


def layout_file(paths: Sequence[Path] | None = None) -> Path:
    """The plan layout for the banks named by ``paths``: the first folder's own plan.yaml, or
    the shipped one."""
    for path in paths or []:
        candidate = path / LAYOUT_FILE if path.is_dir() else path.with_name(LAYOUT_FILE)
        if candidate.is_file():
            return candidate
    return shipped_banks_dir() / LAYOUT_FILE


def load_bank(paths: Sequence[Path] | None = None) -> Bank:
    """Load and check the banks.

    Raises:
        BankError: listing every problem found, one line each.
    """
    bank, problems = check_banks(bank_files(paths), layout_file(paths))
    if problems or bank is None:
        raise BankError(
            f"The question banks have {len(problems)} problem(s):",
            [f"  {p}" for p in problems],
            hint="Fix them, then check again with: marketing-wizard banks validate",
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


def read_layout(path: Path) -> tuple[Layout | None, list[Problem]]:
    """The plan layout in ``path``, or the problems that keep it from loading."""
    name = _display(path)
    data, problems = _read_yaml(path, name)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a mapping with version, title, titled and parts")]
    try:
        layout = Layout.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_problems(name, data, exc, Layout)
    ids = [section.id for section in layout.sections()]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        return None, [Problem(name, "parts", f"section id(s) given twice: {', '.join(dupes)}")]
    return layout, []


def check_banks(
    files: Iterable[Path], layout_path: Path | None = None
) -> tuple[Bank | None, list[Problem]]:
    """Check bank files together against the plan layout (the shipped one unless
    ``layout_path`` names another); return the bank (if all is well) and every problem."""
    layout, problems = read_layout(layout_path or shipped_banks_dir() / LAYOUT_FILE)
    stages: list[Stage] = []
    # Questions that validated on their own, across all files, in order: the cross-checks run
    # on these even when a neighbour is broken, so one bad question hides no other problem.
    valid: list[tuple[str, str, Question]] = []
    raw_ids: list[tuple[str, str]] = []  # (file, id) of every question with a string id
    stage_ids: dict[str, str] = {}
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
        try:
            stages.append(Stage.model_validate(data))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(name, data, exc, Stage))
        stage_id = data.get("id")
        if isinstance(stage_id, str):
            if stage_id in stage_ids:
                problems.append(
                    Problem(
                        name, "id", f"stage id {stage_id!r} is also used in {stage_ids[stage_id]}"
                    )
                )
            stage_ids.setdefault(stage_id, name)
        questions = data.get("questions")
        for index, raw in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(raw, dict):
                continue
            if isinstance(raw.get("id"), str):
                raw_ids.append((name, raw["id"]))
            with contextlib.suppress(ValidationError):  # reported through the stage already
                question = Question.model_validate(raw)
                valid.append((name, raw.get("id", f"questions.{index}"), question))
    problems.extend(_cross_problems(valid, raw_ids))
    if layout is not None:
        problems.extend(_section_problems(valid, layout))
    problems.extend(_role_problems(valid))
    order = {name: n for n, name in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: order[p.file])
    if problems or layout is None:
        return None, problems
    return Bank(stages=stages, layout=layout), []


def _section_problems(valid: list[tuple[str, str, Question]], layout: Layout) -> list[Problem]:
    """Each question's section must be one of the layout's."""
    known = [section.id for section in layout.sections()]
    problems = []
    for name, place, q in valid:
        if q.section is not None and q.section not in known:
            close = difflib.get_close_matches(q.section, known, n=1)
            hint = (
                f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(known)}"
            )
            problems.append(
                Problem(
                    name,
                    f"{place}.section",
                    f"{q.section!r} is not a section of the plan layout; {hint}",
                )
            )
    return problems


def _role_problems(valid: list[tuple[str, str, Question]]) -> list[Problem]:
    """Roles on questions and fields of the right type and place, unique ones used once."""
    problems: list[Problem] = []
    first: dict[Role, str] = {}
    for name, place, q in valid:
        problems += [Problem(name, where, what) for where, what in _role_fit(q, place, None)]
        if q.role is not None and ROLE_SPECS[q.role].unique and not ROLE_SPECS[q.role].field:
            if q.role in first:
                problems.append(
                    Problem(
                        name,
                        f"{place}.role",
                        f"role {q.role.value!r} is already played by {first[q.role]}; "
                        "a bank has one question in this role",
                    )
                )
            first.setdefault(q.role, f"{name}: {place}")
        in_list: dict[Role, str] = {}
        for f in q.fields or []:
            where = f"{place}.fields.{f.id}"
            problems += [Problem(name, w, what) for w, what in _role_fit(f, where, q)]
            if f.role is not None and ROLE_SPECS[f.role].unique:
                if f.role in in_list:
                    problems.append(
                        Problem(
                            name,
                            f"{where}.role",
                            f"role {f.role.value!r} is already played by field "
                            f"{in_list[f.role]!r} of this list",
                        )
                    )
                in_list.setdefault(f.role, f.id)
    return problems


def _role_fit(q: Question, place: str, parent: Question | None) -> list[tuple[str, str]]:
    """A role on a question of a type it fits, on a question or a field as it must be."""
    out: list[tuple[str, str]] = []
    if q.period is not None and q.type is not QuestionType.MONEY:
        out.append((f"{place}.period", f"period is for money questions, not {q.type.value}"))
    if q.role is None:
        return out
    spec = ROLE_SPECS[q.role]
    where = f"{place}.role"
    if q.type.value not in spec.types:
        expected = " or ".join(sorted(spec.types))
        out.append(
            (where, f"role {q.role.value!r} is for {expected} questions, not {q.type.value}")
        )
    if parent is None and spec.field and not spec.either:
        out.append((where, f"role {q.role.value!r} belongs on a field of a list, not a question"))
    if parent is not None and not (spec.field or spec.either):
        out.append((where, f"role {q.role.value!r} belongs on a question, not a list's field"))
    if parent is not None and spec.parent is not None and parent.role is not spec.parent:
        out.append(
            (
                where,
                f"role {q.role.value!r} is for a field of the list playing {spec.parent.value!r}",
            )
        )
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
    name: str, data: Any, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
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
        elif kind == "enum" and _is_role_error(err):
            message = _unknown_role(err.get("input"))
        else:
            message = err["msg"].removeprefix("Value error, ")
            message = re.sub(r"^Input should (be )?", "expected ", message)
            message = f"{_lower_first(message)} (got {_short(err.get('input'))})"
        problems.append(Problem(name, _place(data, loc), message))
    return problems


def _is_role_error(err: Any) -> bool:
    """A value that is not a role: told by the roles pydantic expected, not by the key's name
    (a bank may name a field like that key, and the code names no bank id)."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    return repr(Role.BUSINESS_NAME.value) in expected


def _unknown_role(given: object) -> str:
    roles = [role.value for role in Role]
    close = difflib.get_close_matches(str(given), roles, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{_short(given)} is not a role; {hint}the roles are: {', '.join(roles)}"


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
    valid: list[tuple[str, str, Question]], raw: list[tuple[str, str]]
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
            problems.extend(_when_problems(name, place, q, position, raw_ids))
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
    name: str, place: str, q: Question, position: dict[str, int], raw_ids: list[str]
) -> list[Problem]:
    try:
        names = condition_names(q.when or "")
    except ConditionError as exc:
        return [Problem(name, f"{place}.when", str(exc))]
    problems = []
    mine = position.get(q.id, len(raw_ids))
    for ref in names:
        if ref not in position:
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
                    (f"{place}.choices", "only one choice can have other: true (the free-text one)")
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
