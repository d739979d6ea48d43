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
import typing
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from wizard.bank import (
    ANSWER_TYPES,
    NOT_TAKEN,
    QUESTION_MODELS,
    RULES,
    Bank,
    Layout,
    LayoutOverlay,
    Question,
    QuestionBase,
    QuestionType,
    Stage,
    Validation,
    parse_question,
)
from wizard.bank_paths import shipped_banks_dir
from wizard.conditions import ConditionError, compared_values, condition_names
from wizard.errors import BankError
from wizard.patterns import pattern_problem
from wizard.roles import ROLE_SPECS, Role
from wizard.validation import InvalidAnswer, coerce_answer

__all__ = [
    "LAYOUT_FILE",
    "NOT_STAGES",
    "Problem",
    "StageSource",
    "bank_files",
    "check_banks",
    "layout_file",
    "load_bank",
    "read_layout",
    "read_stage_files",
    "shipped_banks_dir",
]

LAYOUT_FILE = "plan.yaml"
"""The plan's layout, beside the stage files (never a stage itself)."""

_SELECTS = {QuestionType.SELECT, QuestionType.MULTI_SELECT}


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


def layout_file(paths: Sequence[Path] | None = None) -> Path:
    """The plan layout for the banks named by ``paths``: the first folder's own plan.yaml, or
    the shipped one."""
    for path in paths or []:
        candidate = path / LAYOUT_FILE if path.is_dir() else path.with_name(LAYOUT_FILE)
        if candidate.is_file():
            return candidate
    return shipped_banks_dir() / LAYOUT_FILE


def load_bank(
    paths: Sequence[Path] | None = None, pack: Path | None = None, lang: str | None = None
) -> Bank:
    """Load and check the banks (default: the shipped core banks), with a pack folder merged,
    in ``lang`` (default: the language in force, see :mod:`wizard.i18n`).

    Raises:
        BankError: listing every problem found, one line each.
    """
    bank, problems = check_banks(bank_files(paths), layout_file(paths), pack=pack, lang=lang)
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


def read_translated(
    path: Path,
    name: str,
    data: Any,
    lang: str | None,
    translate: Callable[[Any, Any], tuple[Any, list[tuple[str, str]]]],
) -> tuple[Any, list[Problem]]:
    """``data`` (read from the bank file ``path``) with the ``lang`` text laid over it (see
    :mod:`wizard.bank_text`): as it is when the language is the source one or the folder has
    no text in that language, else translated, with the translation's problems."""
    from wizard.bank_text import text_file
    from wizard.i18n import DEFAULT

    if lang is None or lang == DEFAULT:
        return data, []
    tr_path = text_file(path, lang)
    if not tr_path.parent.is_dir():
        return data, []
    tr_name = _display(tr_path)
    if not tr_path.is_file():
        return data, [Problem(tr_name, "", f"no such file: the {lang} text of {name} goes here")]
    tr, problems = _read_yaml(tr_path, tr_name)
    if problems:
        return data, problems
    translated, found = translate(data, tr)
    return translated, [Problem(tr_name, place, message) for place, message in found]


def _lang(lang: str | None) -> str:
    from wizard.i18n import current

    return lang or current()


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


def read_layout(path: Path, lang: str | None = None) -> tuple[Layout | None, list[Problem]]:
    """The plan layout in ``path`` (in ``lang``), or the problems that keep it from loading."""
    from wizard.bank_text import translate_layout

    name = _display(path)
    data, problems = _read_yaml(path, name)
    if problems:
        return None, problems
    data, problems = read_translated(path, name, data, _lang(lang), translate_layout)
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


def read_stage_files(
    files: Iterable[Path], lang: str | None = None
) -> tuple[list[StageSource], list[Problem]]:
    """Read stage files into :class:`StageSource` (one per readable mapping, in ``lang``) and
    problems."""
    from wizard.bank_text import translate_stage

    lang = _lang(lang)
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
        data, text_problems = read_translated(path, name, data, lang, translate_stage)
        problems.extend(text_problems)
        questions = data.get("questions")
        count = len(questions) if isinstance(questions, list) else 0
        in_core = False
        with contextlib.suppress(OSError):
            in_core = path.resolve().parent == shipped
        sources.append(StageSource(name, data, [name] * count, shipped=in_core))
    return sources, problems


def check_banks(
    files: Iterable[Path],
    layout_path: Path | None = None,
    pack: Path | None = None,
    lang: str | None = None,
) -> tuple[Bank | None, list[Problem]]:
    """Check bank files together against the plan layout (the shipped one unless
    ``layout_path`` names another); return the bank (if all is well) and every problem.

    With ``pack`` (a pack folder, see :mod:`wizard.packs`), its files are merged into the
    banks first, its plan.yaml (if any) over the layout, and every check runs on the merged
    bank.
    """
    lang = _lang(lang)
    layout, problems = read_layout(layout_path or shipped_banks_dir() / LAYOUT_FILE, lang)
    sources, read_problems = read_stage_files(files, lang)
    problems += read_problems
    if pack is not None:
        from wizard.packs import apply_pack, pack_plan_layout

        problems.extend(apply_pack(pack, sources, lang))
        overlay = pack_plan_layout(pack)
        if overlay is not None and layout is not None:
            layout, overlay_problems = overlay_layout(layout, overlay, lang)
            problems += overlay_problems
    stage_problems, stages = _check_sources(sources, layout)
    problems.extend(stage_problems)
    order = {name: n for n, name in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: order[p.file])
    if problems or layout is None:
        return None, problems
    return Bank(stages=stages, layout=layout), []


def overlay_layout(
    layout: Layout, path: Path, lang: str | None = None
) -> tuple[Layout | None, list[Problem]]:
    """The layout with a pack's plan.yaml over it: a section or part listed by id with a
    title (or intro) renames it; a new section id is added to its part after the section
    listed before it (first, when none is); a new part is added at the end."""
    from wizard.bank_text import translate_layout

    name = _display(path)
    data, problems = _read_yaml(path, name)
    if problems:
        return None, problems
    data, problems = read_translated(path, name, data, _lang(lang), translate_layout)
    if problems:
        return None, problems
    try:
        over = LayoutOverlay.model_validate(data if data is not None else {})
    except ValidationError as exc:
        return None, _pydantic_problems(name, data, exc, LayoutOverlay)
    merged = layout.model_dump()
    if over.title:
        merged["title"] = over.title
    if over.titled:
        merged["titled"] = over.titled
    known = {section.id for section in layout.sections()}
    for part in over.parts:
        where = f"parts.{part.id}"
        target = next((p for p in merged["parts"] if p["id"] == part.id), None)
        if target is None:
            if not (part.title and part.intro):
                problems.append(Problem(name, where, "a new part needs a title and an intro"))
                continue
            target = {"id": part.id, "title": part.title, "intro": part.intro, "sections": []}
            merged["parts"].append(target)
        else:
            target["title"] = part.title or target["title"]
            target["intro"] = part.intro or target["intro"]
        previous: str | None = None
        for section in part.sections:
            ids = [s["id"] for s in target["sections"]]
            if section.id in ids:
                if section.title:
                    target["sections"][ids.index(section.id)]["title"] = section.title
            elif section.id in known:
                problems.append(
                    Problem(
                        name,
                        f"{where}.sections.{section.id}",
                        "this section belongs to another part; list it under that part",
                    )
                )
            elif not section.title:
                problems.append(
                    Problem(name, f"{where}.sections.{section.id}", "a new section needs a title")
                )
            else:
                at = ids.index(previous) + 1 if previous in ids else 0
                target["sections"].insert(at, {"id": section.id, "title": section.title})
                known.add(section.id)
            previous = section.id
    if problems:
        return None, problems
    return Layout.model_validate(merged), []


def _check_sources(
    sources: list[StageSource], layout: Layout | None = None
) -> tuple[list[Problem], list[Stage]]:
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
            question = _salvaged(raw)  # its own problems are reported through the stage
            if question is not None:
                valid.append((file, raw.get("id", f"questions.{index}"), question))
    problems.extend(_cross_problems(valid, raw_ids, removed))
    if layout is not None:
        problems.extend(_section_problems(valid, layout))
    problems.extend(_role_problems(valid))
    return problems, stages


def _salvaged(raw: dict[str, Any]) -> Question | None:
    """The question ``raw`` describes, or, when some of its keys are wrong, the question
    without them, so that the checks across questions (conditions, dates, roles) still run on
    it and one wrong key hides no other problem; None when even that does not parse."""
    try:
        return parse_question(raw)
    except ValidationError as exc:
        wrong = {
            _untagged(("questions", 0, *err["loc"]))[0][2]
            for err in exc.errors(include_url=False)
            if len(_untagged(("questions", 0, *err["loc"]))[0]) > 2
        }
    if not wrong or wrong & {"id", "type"}:
        return None
    try:
        return parse_question({k: v for k, v in raw.items() if k not in wrong})
    except ValidationError:
        return None


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


def _channel_budget_problems(valid: list[tuple[str, str, Question]]) -> list[Problem]:
    """A channel's budget question names its channel (its group) and, where the bank has a
    channel list, shows for a choice of it: else its row in "Budget by channel" has no
    channel, and its amount is counted whatever channels were chosen."""
    selector = next((q for _n, _p, q in valid if q.role is Role.CHANNELS), None)
    problems = []
    for name, place, q in valid:
        if q.role is not Role.CHANNEL_BUDGET:
            continue
        if not q.group:
            problems.append(
                Problem(
                    name,
                    f"{place}.group",
                    "a channel's budget needs the channel's name as its group (as the "
                    "channel's other questions have), to name its row of the budget",
                )
            )
        if selector is not None:
            try:
                uses = q.when is not None and selector.id in condition_names(q.when)
            except ConditionError:
                uses = True  # reported by the condition check
            if not uses:
                problems.append(
                    Problem(
                        name,
                        f"{place}.when",
                        f"a channel's budget shows for its channel: say which, such as "
                        f"\"'{next(iter(selector.choice_values()), 'x')}' in {selector.id}\" "
                        "(or leave out its role if it is no channel's budget)",
                    )
                )
    return problems


def _role_problems(valid: list[tuple[str, str, Question]]) -> list[Problem]:
    """Roles on questions and fields of the right type and place, unique ones used once."""
    problems: list[Problem] = _channel_budget_problems(valid)
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


def _untagged(loc: Sequence[int | str]) -> tuple[tuple[int | str, ...], str | None]:
    """``loc`` without the type tags pydantic adds after a question's or field's index (such
    as ``questions.0.text.choices``), and the last tag: the type of the question it is in."""
    out: list[int | str] = []
    tag: str | None = None
    for n, key in enumerate(loc):
        after_item = n >= 2 and isinstance(loc[n - 1], int) and loc[n - 2] in _LISTS_OF_QUESTIONS
        if after_item and isinstance(key, str) and key in ANSWER_TYPES:
            tag = key
        else:
            out.append(key)
    return tuple(out), tag


_LISTS_OF_QUESTIONS = {"questions", "fields"}


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


_Holder = type[BaseModel] | dict[str, type[BaseModel]] | None
"""A model, or the models of a question's types by their tag."""


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that holds the key at the end of ``loc`` (type tags included)."""
    current: _Holder = model
    for key in loc[:-1]:
        if isinstance(key, int) or current is None:
            continue
        if isinstance(current, dict):
            current = current.get(key)
            continue
        field = current.model_fields.get(key)
        current = _inner_model(field.annotation) if field else None
    return current if isinstance(current, type) else None


def _inner_model(annotation: Any) -> _Holder:
    if isinstance(annotation, type) and issubclass(annotation, QuestionBase):
        return {kind.value: model for kind, model in QUESTION_MODELS.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
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
        loc, kind = _untagged(err["loc"])
        where = _place(data, loc)
        message = _type_message(err, loc, kind)
        if message is not None and err["type"].startswith("union_tag"):
            where += ".type"
        elif message is None:
            message = _message(err, loc, kind, _model_at(model, err["loc"]))
        file = file_at(loc) if file_at is not None else name
        problems.append(Problem(file, where, message))
    return problems


def _type_message(err: ErrorDetails, loc: tuple[int | str, ...], kind: str | None) -> str | None:
    """What is wrong with a question's type, or None when the error is about something else."""
    is_question = len(loc) >= 2 and loc[-2] in _LISTS_OF_QUESTIONS and isinstance(loc[-1], int)
    is_field = is_question and loc[-2] == "fields"
    types = [t for t in ANSWER_TYPES if not (is_field and t == QuestionType.LIST)]
    if err["type"] == "union_tag_not_found":
        return f"missing required key 'type'; expected one of: {', '.join(types)}"
    if err["type"] == "union_tag_invalid":
        given = err["input"].get("type") if isinstance(err["input"], dict) else None
        if is_field and given == QuestionType.LIST:
            return "a list field cannot itself be a list"
        quoted = [repr(t) for t in types]
        return f"expected {', '.join(quoted[:-1])} or {quoted[-1]} (got {_short(given)})"
    if err["type"] == "model_attributes_type" and is_question:
        return f"expected a question: a mapping of keys such as id, type and prompt (got {_short(err['input'])})"
    key = loc[-1] if loc else None
    if kind in _SELECTS and key == "choices" and err["type"] in {"missing", "too_short"}:
        return f"a {kind} question needs a list of choices"
    if kind == QuestionType.LIST and key == "fields" and err["type"] in {"missing", "too_short"}:
        return "a list question needs fields (the parts of one item)"
    return None


def _message(
    err: ErrorDetails, loc: tuple[int | str, ...], kind: str | None, holder: type[BaseModel] | None
) -> str:
    key = loc[-1] if loc else None
    if err["type"] == "extra_forbidden":
        if holder is not None and issubclass(holder, QuestionBase) and key in NOT_TAKEN:
            return _not_taken(str(key), str(kind))
        if holder is not None and issubclass(holder, Validation) and key in RULES:
            return f"a {key} rule does not apply to a {kind} question"
        allowed = ", ".join(holder.model_fields) if holder else "the documented keys"
        return f"unknown key {key!r}; expected one of: {allowed}"
    if err["type"] == "missing":
        return f"missing required key {key!r}"
    if err["type"] == "enum" and _holds_a_role(holder, key):
        return _unknown_role(err.get("input"))
    message = err["msg"].removeprefix("Value error, ")
    message = re.sub(r"^Input should (be )?", "expected ", message)
    return f"{_lower_first(message)} (got {_short(err.get('input'))})"


def _holds_a_role(holder: type[BaseModel] | None, key: object) -> bool:
    field = holder.model_fields.get(str(key)) if holder is not None else None
    return field is not None and Role in typing.get_args(field.annotation)


def _not_taken(key: str, kind: str) -> str:
    """A key of some question types given on a question of another type."""
    if key == "validation":
        return f"a {kind} question takes no validation rules"
    takers = [t.value for t, model in QUESTION_MODELS.items() if key in model.model_fields]
    verb = "are" if key.endswith("s") else "is"
    if len(takers) == 1:
        return f"{key} {verb} for {takers[0]} questions, not {kind}"
    return f"{key} {verb} for {' and '.join(takers)}, not {kind}"


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
    by_id = {q.id: q for _name, _place, q in valid}
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
            problems.extend(_choice_problems(name, place, q.when, by_id))
    core = {q.id: q.core for _name, _place, q in valid}
    for name, place, q in valid:
        problems.extend(_core_problems(name, place, q, core))
    return problems


def _choice_problems(name: str, place: str, when: str, by_id: dict[str, Question]) -> list[Problem]:
    """A condition comparing a select's answer with a text must name one of its choices
    (a choice a pack took away, or a typo, would silently hide the question for good)."""
    try:
        compared = compared_values(when)
    except ConditionError:
        return []  # reported by the condition check
    problems = []
    for qid, word in compared:
        q = by_id.get(qid)
        if q is None or q.type not in _SELECTS or word in q.choice_values():
            continue
        close = difflib.get_close_matches(word, q.choice_values(), n=1)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else f"its choices are: {', '.join(q.choice_values())}"
        )
        problems.append(
            Problem(name, f"{place}.when", f"{word!r} is not a choice of {qid!r}; {hint}")
        )
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
    if q.choices:
        values = q.choice_values()
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            out.append((f"{place}.choices", f"choice value(s) given twice: {', '.join(dupes)}"))
        if sum(c.other for c in q.choices) > 1:
            out.append(
                (f"{place}.choices", "only one choice can have other: true (the free-text one)")
            )
    if q.fields:
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
    if is_field:
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
    for rule_name in ("length", "range", "items"):
        rule = getattr(rules, rule_name)
        lo, hi = getattr(rule, "min", None), getattr(rule, "max", None)
        if lo is not None and hi is not None and lo > hi:
            out.append(
                (f"{place}.validation.{rule_name}", f"min ({lo}) is greater than max ({hi})")
            )
    if rules.pattern is not None:
        problem = pattern_problem(rules.pattern.regex)
        if problem is not None:
            out.append((f"{place}.validation.pattern.regex", problem))
    return out
