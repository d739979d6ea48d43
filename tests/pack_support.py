"""Loading the core banks with a shipped pack merged, for the pack tests.

The loader that merges packs (``load_bank(pack=FOLDER)``, issue 9) is built on another branch.
Until it is merged here, :func:`load_with_pack` falls back to a minimal merge written to the
design in the notes (extends / remove / replace by id / add after, new stages appended, a
pack plan.yaml renaming sections by id): the merged stages and layout are written to a
temporary folder and loaded with the ordinary loader, so that every check of the banks runs on
the result. The fallback is for validation only and goes away when the real loader lands.
"""

from __future__ import annotations

import copy
import inspect
import tempfile
from pathlib import Path
from typing import Any

import yaml

from wizard.bank import Bank
from wizard.banks import LAYOUT_FILE, load_bank, shipped_banks_dir

PACKS = shipped_banks_dir() / "packs"
_NOT_STAGES = {LAYOUT_FILE, "pack.yaml"}
_PLACEHOLDER_SOURCE = ["pack"]


def pack_folder(name: str) -> Path:
    return PACKS / name


def load_with_pack(name: str) -> Bank:
    """The core banks with the shipped pack ``name`` merged, checked like any bank."""
    folder = pack_folder(name)
    if "pack" in inspect.signature(load_bank).parameters:  # the real loader has landed
        return load_bank(pack=folder)  # type: ignore[call-arg,unused-ignore]
    out = Path(tempfile.mkdtemp(prefix=f"pack-{name}-"))
    _merge(folder, out)
    return load_bank([out])


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _with_source(q: dict[str, Any]) -> dict[str, Any]:
    """A pack question may leave ``source`` out; the core model still asks for it."""
    q.setdefault("source", list(_PLACEHOLDER_SOURCE))
    for f in q.get("fields") or []:
        _with_source(f)
    return q


def _merge(folder: Path, out: Path) -> None:
    core = shipped_banks_dir()
    stages = [(p.name, _read(p)) for p in sorted(core.glob("*.yaml")) if p.name not in _NOT_STAGES]
    by_id = {data["id"]: data for _name, data in stages}
    added: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name in _NOT_STAGES:
            continue
        data = _read(path)
        if "extends" not in data:
            for q in data.get("questions") or []:
                _with_source(q)
            added.append((f"9{len(added):02d}_{path.name}", data))
            continue
        stage = by_id[data["extends"]]
        if "intro" in data:
            stage["intro"] = data["intro"]
        removed = set(data.get("remove") or [])
        unknown = removed - {q["id"] for q in stage["questions"]}
        assert not unknown, f"{path.name}: remove names no question of the stage: {unknown}"
        stage["questions"] = [q for q in stage["questions"] if q["id"] not in removed]
        for entry in data.get("questions") or []:
            q = _with_source(copy.deepcopy(entry))
            after = q.pop("after", None)
            ids = [x["id"] for x in stage["questions"]]
            if q["id"] in ids:
                stage["questions"][ids.index(q["id"])] = q
            elif after is not None:
                assert after in ids, f"{path.name}: {q['id']}.after: no question {after!r}"
                stage["questions"].insert(ids.index(after) + 1, q)
            else:
                stage["questions"].append(q)
    for name, data in [*stages, *added]:
        (out / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    layout = _read(core / LAYOUT_FILE)
    overlay = folder / LAYOUT_FILE
    for part in (_read(overlay) if overlay.is_file() else {}).get("parts") or []:
        target = next(p for p in layout["parts"] if p["id"] == part["id"])
        for section in part.get("sections") or []:
            ids = [s["id"] for s in target["sections"]]
            if section["id"] in ids:
                target["sections"][ids.index(section["id"])].update(section)
            else:
                target["sections"].append(section)
    (out / LAYOUT_FILE).write_text(yaml.safe_dump(layout, allow_unicode=True, sort_keys=False))
