"""A minimal merge of a pack onto the core banks, for the pack tests ONLY.

The real pack loader is being built on branch i9packs (question_banks/packs, ``--pack``,
``banks validate``). Until it lands, this applies a pack as /work/wt/notes/I9.md describes it
(extensions with ``extends``, ``remove``, replaced and added questions placed ``after`` one;
new stages placed ``after`` a stage; a ``plan.yaml`` that renames or adds sections), writes the
merged stages and layout to a folder and loads them with the ordinary checks of
``wizard.banks.check_banks``. Questions a pack gives without ``source`` get one, since the
shipped loader still asks every question for it. Replace this with the loader once merged.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from wizard.bank import Bank
from wizard.banks import LAYOUT_FILE, bank_files, check_banks, shipped_banks_dir

PACKS = shipped_banks_dir() / "packs"
PACK_FILES = {"pack.yaml", LAYOUT_FILE}


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _with_source(question: dict[str, Any], pack: str) -> dict[str, Any]:
    question = {k: v for k, v in question.items() if k != "after"}
    question.setdefault("source", [f"packs/{pack}"])
    if isinstance(question.get("fields"), list):
        question["fields"] = [_with_source(f, pack) for f in question["fields"]]
    return question


def _extend(stage: dict[str, Any], ext: dict[str, Any], pack: str) -> None:
    questions: list[dict[str, Any]] = stage["questions"]
    gone = set(ext.get("remove") or [])
    missing = gone - {q["id"] for q in questions}
    assert not missing, f"{pack}: remove names no question of {stage['id']}: {sorted(missing)}"
    questions[:] = [q for q in questions if q["id"] not in gone]
    if "intro" in ext:
        stage["intro"] = ext["intro"]
    for raw in ext.get("questions") or []:
        new = _with_source(raw, pack)
        ids = [q["id"] for q in questions]
        if new["id"] in ids:
            questions[ids.index(new["id"])] = new
        elif "after" in raw:
            assert raw["after"] in ids, f"{pack}: {new['id']}.after: no question {raw['after']}"
            questions.insert(ids.index(raw["after"]) + 1, new)
        else:
            questions.append(new)


def _overlay_layout(layout: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    layout = copy.deepcopy(layout)
    for key in ("title", "titled"):
        if key in overlay:
            layout[key] = overlay[key]
    for part in overlay.get("parts") or []:
        target = next((p for p in layout["parts"] if p["id"] == part["id"]), None)
        if target is None:
            layout["parts"].append(part)
            continue
        if "title" in part:
            target["title"] = part["title"]
        place = -1
        for section in part.get("sections") or []:
            ids = [s["id"] for s in target["sections"]]
            if section["id"] in ids:
                place = ids.index(section["id"])
                if "title" in section:
                    target["sections"][place]["title"] = section["title"]
            else:
                place += 1
                target["sections"].insert(place, dict(section))
    return layout


def merged_folder(pack: str, folder: Path) -> Path:
    """Write the core banks with ``pack`` applied to ``folder``; return it."""
    stages = [_read(p) for p in bank_files()]
    pack_dir = PACKS / pack
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name in PACK_FILES:
            continue
        data = _read(path)
        if "extends" in data:
            stage = next(s for s in stages if s["id"] == data["extends"])
            _extend(stage, data, pack)
            continue
        after = data.pop("after", None)
        data["questions"] = [_with_source(q, pack) for q in data["questions"]]
        ids = [s["id"] for s in stages]
        stages.insert(ids.index(after) + 1 if after else len(stages), data)
    folder.mkdir(parents=True, exist_ok=True)
    for number, stage in enumerate(stages, start=1):
        text = yaml.safe_dump(stage, sort_keys=False, allow_unicode=True)
        (folder / f"{number:02d}_{stage['id']}.yaml").write_text(text, encoding="utf-8")
    layout = _read(shipped_banks_dir() / LAYOUT_FILE)
    if (pack_dir / LAYOUT_FILE).is_file():
        layout = _overlay_layout(layout, _read(pack_dir / LAYOUT_FILE))
    (folder / LAYOUT_FILE).write_text(yaml.safe_dump(layout, sort_keys=False), encoding="utf-8")
    return folder


def load_pack(pack: str, folder: Path) -> Bank:
    """The core banks with ``pack`` applied, checked like any bank; fails listing problems."""
    merged = merged_folder(pack, folder)
    bank, problems = check_banks(bank_files([merged]), merged / LAYOUT_FILE)
    assert not problems, "\n".join(str(p) for p in problems)
    assert bank is not None
    return bank
