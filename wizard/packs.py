"""Packs: folders of stage files merged into the core banks at run time.

A pack is ``question_banks/packs/<name>/`` (shipped) or any folder given with ``--banks``. It
holds ``pack.yaml`` (``id``, ``title``, ``description``, ``version``), optionally ``plan.yaml``
(an overlay of the plan layout, see :func:`pack_plan_layout`), and stage files, applied in
file-name order, each one of:

- a new stage (the full stage shape), added after the stages before it, or right after the
  stage named by its ``after: <stage id>``;
- an extension of a stage already loaded: ``extends: <stage id>``, ``version``, optional
  ``title`` and ``intro`` (replace the stage's), ``change: {question id: {key: value}}`` (keys
  laid over a question: its example or help in the pack's words), ``remove: [question ids]``, and ``questions`` that replace
  the question with the same id or are added (after the question named by their ``after:``,
  else at the end of the stage).

Every check of the loader then runs on the merged bank; a problem in a pack file names that file.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard.bank import SNAKE_ID
from wizard.bank_paths import CORE, Pack, packs_dir
from wizard.bank_text import translate_card
from wizard.banks import (
    Problem,
    StageSource,
    _display,
    _pydantic_problems,
    _read_yaml,
    bank_files,
    read_stage_files,
    read_translated,
)
from wizard.errors import UsageError
from wizard.i18n import current

__all__ = [
    "CORE",
    "Pack",
    "PackCard",
    "apply_pack",
    "available_packs",
    "find_pack",
    "pack_plan_layout",
    "packs_dir",
    "read_pack",
]

#: The keys of a full stage that an extension may not have.
_FULL_STAGE_KEYS = ("id", "after")
_EXTENSION_KEYS = ("extends", "version", "title", "intro", "remove", "change", "questions")


class PackCard(BaseModel):
    """A pack's ``pack.yaml``: what the menu shows."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Annotated[str, Field(pattern=SNAKE_ID, description="The pack's name (snake_case).")]
    title: Annotated[str, Field(min_length=1, description="The menu line.")]
    description: Annotated[str, Field(min_length=1, description="One sentence.")]
    version: Annotated[int, Field(ge=1, description="Bump when questions change meaning.")]


def read_pack(folder: Path, lang: str | None = None) -> tuple[Pack | None, list[Problem]]:
    """The pack in ``folder`` as its ``pack.yaml`` describes it (in ``lang``, default the
    language in force), or the problems with that file."""
    path = folder / "pack.yaml"
    name = _display(path)
    if not path.is_file():
        return None, [
            Problem(
                name,
                "",
                "no such file; a pack folder needs a pack.yaml with id, title, description "
                "and version",
            )
        ]
    data, problems = _read_yaml(path, name)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [
            Problem(name, "", "expected a mapping with id, title, description and version")
        ]
    data, problems = read_translated(path, name, data, lang or current(), translate_card)
    if problems:
        return None, problems
    try:
        card = PackCard.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_problems(name, data, exc, PackCard)
    if card.id == CORE:
        return None, [Problem(name, "id", f"{CORE!r} names the core banks alone; pick another id")]
    return Pack(card.id, card.title, card.description, card.version, folder), []


def available_packs(root: Path | None = None) -> list[Pack]:
    """The packs in ``root`` (default: the shipped ones) whose pack.yaml reads, by id."""
    root = packs_dir() if root is None else root
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and (folder / "pack.yaml").is_file():
            pack, _problems = read_pack(folder)
            if pack is not None:
                found.append(pack)
    return sorted(found, key=lambda p: p.id)


def find_pack(name: str, root: Path | None = None) -> Pack:
    """The shipped pack named ``name`` (its folder name).

    Raises:
        UsageError: naming the packs there are.
    """
    root = packs_dir() if root is None else root
    folder = root / name
    if name and "/" not in name and name not in {".", ".."} and (folder / "pack.yaml").is_file():
        pack, _problems = read_pack(folder)
        if pack is not None:
            return pack
        # a broken pack: the loader lists its problems
        return Pack(name, name, "", 0, folder)
    packs = available_packs(root)
    listed = ", ".join(p.id for p in packs) if packs else "none are installed"
    raise UsageError(
        f"There is no pack named {name!r}. Packs: {CORE} (the core questions only), {listed}.",
        hint="Pick one with --pack NAME, or give your own folder with --banks DIR.",
    )


def pack_plan_layout(folder: Path) -> Path | None:
    """The pack's ``plan.yaml`` (its overlay of the plan layout), or None when it has none."""
    path = folder / "plan.yaml"
    return path if path.is_file() else None


# --- merging a pack into the banks ----------------------------------------------------------


def apply_pack(folder: Path, sources: list[StageSource], lang: str | None = None) -> list[Problem]:
    """Merge the pack in ``folder`` into ``sources`` (the core stages, in order), in place.

    Returns the problems only a pack can have (its pack.yaml, extends, remove, after); the
    loader's usual checks then run on the merged stages.
    """
    if not folder.is_dir():
        return [Problem(_display(folder), "", "no such folder")]
    _pack, problems = read_pack(folder, lang)
    files, read_problems = read_stage_files(bank_files([folder]), lang)
    problems.extend(read_problems)
    extended: dict[str, str] = {}
    for source in files:
        if "extends" in source.data:
            problems.extend(_extend(source, sources, extended))
        else:
            problems.extend(_add_stage(source, sources))
    return problems


def _stage_index(sources: list[StageSource], stage_id: object) -> int | None:
    return next((n for n, s in enumerate(sources) if s.data.get("id") == stage_id), None)


def _stage_list(sources: list[StageSource]) -> str:
    ids = [s.data["id"] for s in sources if isinstance(s.data.get("id"), str)]
    return ", ".join(ids) or "none"


def _unknown(what: object, kind: str, known: list[str]) -> str:
    close = difflib.get_close_matches(str(what), known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{what!r} is not {kind}{hint}; expected one of: {', '.join(known) or 'none'}"


def _add_stage(source: StageSource, sources: list[StageSource]) -> list[Problem]:
    """A new stage: at the end, or right after the stage its ``after`` names."""
    anchor = source.data.pop("after", None)
    if anchor is None:
        sources.append(source)
        return []
    at = _stage_index(sources, anchor)
    if at is None:
        sources.append(source)
        known = [s.data["id"] for s in sources[:-1] if isinstance(s.data.get("id"), str)]
        return [Problem(source.file, "after", _unknown(anchor, "a stage id", known))]
    at += 1
    while at < len(sources) and sources[at].anchor == anchor:  # keep file order after one stage
        at += 1
    source.anchor = str(anchor)
    sources.insert(at, source)
    return []


def _extend(
    ext: StageSource, sources: list[StageSource], extended: dict[str, str]
) -> list[Problem]:
    """Apply one ``extends`` file to the stage it names."""
    data, name = ext.data, ext.file
    problems: list[Problem] = []
    mixed = [key for key in _FULL_STAGE_KEYS if key in data]
    if mixed:
        keys = ", ".join(repr(k) for k in mixed)
        return [
            Problem(
                name,
                "extends",
                f"a file that extends a stage cannot also have {keys}; write a new stage "
                "without 'extends', or leave those keys out",
            )
        ]
    for key in data:
        if key not in _EXTENSION_KEYS:
            problems.append(
                Problem(
                    name,
                    str(key),
                    f"unknown key {key!r}; expected one of: " + ", ".join(_EXTENSION_KEYS),
                )
            )
    target_id = data.get("extends")
    at = _stage_index(sources, target_id)
    if at is None:
        problems.append(Problem(name, "extends", _unknown(target_id, "a stage id", _ids(sources))))
        return problems
    if target_id in extended:
        problems.append(
            Problem(
                name,
                "extends",
                f"stage {target_id!r} is already extended by {extended[str(target_id)]}; "
                "put every change to one stage in one file",
            )
        )
        return problems
    extended[str(target_id)] = name
    version = data.get("version")
    if "version" not in data:
        problems.append(Problem(name, "version", "missing required key 'version'"))
    elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(
            Problem(name, "version", "expected a whole number from 1 (the extension's version)")
        )
    target = sources[at]
    questions = target.questions()
    if questions is None:
        return problems  # the core stage is broken; its own problems say so
    for key in ("title", "intro"):  # the stage in the pack's words
        if key in data:
            target.data = {**target.data, key: data[key]}
            target.key_files[key] = name
    problems.extend(_remove(ext, target, questions))
    problems.extend(_change(ext, target, questions))
    problems.extend(_add_questions(ext, target, questions))
    return problems


_UNCHANGEABLE = ("id", "type")


def _change(ext: StageSource, target: StageSource, questions: list[Any]) -> list[Problem]:
    """``change: {question id: {key: value}}``: keys laid over a question of the stage (its
    example, help, label... in the pack's words), without repeating the whole question."""
    change = ext.data.get("change", {})
    if not isinstance(change, dict):
        return [
            Problem(ext.file, "change", "expected a mapping of question ids to the keys to change")
        ]
    problems = []
    for qid, keys in change.items():
        known = target.question_ids()
        if qid not in known:
            what = _unknown(qid, f"a question of stage {target.data.get('id')!r}", known)
            problems.append(Problem(ext.file, f"change.{qid}", what))
            continue
        if not isinstance(keys, dict) or not keys:
            problems.append(
                Problem(ext.file, f"change.{qid}", "expected the keys to change, such as example")
            )
            continue
        fixed = [key for key in _UNCHANGEABLE if key in keys]
        if fixed:
            problems.append(
                Problem(
                    ext.file,
                    f"change.{qid}.{fixed[0]}",
                    f"{fixed[0]} cannot be changed; give the whole question under questions",
                )
            )
            continue
        at = _position(questions, qid)
        questions[at] = {**questions[at], **keys}
        target.origins[at] = ext.file
    return problems


def _ids(sources: list[StageSource]) -> list[str]:
    return [s.data["id"] for s in sources if isinstance(s.data.get("id"), str)]


def _remove(ext: StageSource, target: StageSource, questions: list[Any]) -> list[Problem]:
    remove = ext.data.get("remove", [])
    if not isinstance(remove, list):
        return [Problem(ext.file, "remove", f"expected a list of question ids (got {remove!r})")]
    problems = []
    for n, qid in enumerate(remove):
        known = target.question_ids()
        if qid not in known:
            what = _unknown(qid, f"a question of stage {target.data.get('id')!r}", known)
            problems.append(Problem(ext.file, f"remove.{n}", what))
            continue
        at = _position(questions, qid)
        del questions[at]
        del target.origins[at]
        target.removed[qid] = ext.file
    return problems


def _add_questions(ext: StageSource, target: StageSource, questions: list[Any]) -> list[Problem]:
    entries = ext.data.get("questions", [])
    if not isinstance(entries, list):
        return [
            Problem(
                ext.file,
                "questions",
                f"expected a list of questions (got {type(entries).__name__})",
            )
        ]
    problems = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            questions.append(entry)  # pydantic reports what is wrong with it
            target.origins.append(ext.file)
            continue
        entry = dict(entry)
        qid, after = entry["id"], entry.pop("after", None)
        target.removed.pop(qid, None)
        if qid in target.question_ids():  # a replacement: in place, unless `after` moves it
            index = _position(questions, qid)
            questions[index] = entry
            target.origins[index] = ext.file
            if after is None:
                continue
            del questions[index]
            del target.origins[index]
        if after is None:
            questions.append(entry)
            target.origins.append(ext.file)
            continue
        if after not in target.question_ids():
            kind = f"a question of stage {target.data.get('id')!r}"
            problems.append(
                Problem(ext.file, f"{qid}.after", _unknown(after, kind, target.question_ids()))
            )
            questions.append(entry)
            target.origins.append(ext.file)
            continue
        index = _position(questions, after) + 1
        questions.insert(index, entry)
        target.origins.insert(index, ext.file)
    return problems


def _position(questions: list[Any], qid: str) -> int:
    return next(
        i for i, raw in enumerate(questions) if isinstance(raw, dict) and raw.get("id") == qid
    )
