"""Build the peer templates that render the tea example's answers as one Markdown document.

Usage: python bench/peers.py OUT_DIR

Writes, from ``examples/tea-brand.yaml`` and the core banks (stage titles, question labels):

- ``OUT_DIR/cookiecutter/``: a cookiecutter template whose ``cookiecutter.json`` holds every
  answer as its default (``cookiecutter --no-input`` renders it);
- ``OUT_DIR/copier/``: a copier template declaring the same answers as questions, and
  ``OUT_DIR/copier-data.yml``, the answers for ``copier copy --defaults --data-file``.

Both templates render the same document: a heading per stage and per question, long texts as
paragraphs (one bullet per line where the answer has several lines), choices as bullets, lists
of items as tables and amounts as "amount currency". Lists are wrapped as ``{"entries": [...]}``
because cookiecutter takes a bare list for a choice. Only PyYAML is needed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tea-brand.yaml"


def stages() -> list[tuple[str, list[dict[str, Any]]]]:
    out = []
    for path in sorted((ROOT / "question_banks").glob("0*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append((data.get("title", path.stem), data.get("questions", [])))
    return out


def answers() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    meta = data.pop("_meta", {})
    out: dict[str, Any] = {"project_slug": "plan", "client": meta.get("client", "")}
    for qid, value in data.items():
        out[qid] = {"entries": value} if isinstance(value, list) else value
    out["notes"] = meta.get("notes", {})
    return out


def cell(expr: str) -> str:
    return f'{{{{ {expr} | string | replace("|", "\\\\|") | replace("\\n", "<br>") }}}}'


def block(v: str, label: str, value: Any, q: dict[str, Any]) -> str:
    ref = f"{v}{q['id']}"
    head = f"### {label}\n\n"
    if isinstance(value, dict) and "entries" in value:
        entries = value["entries"]
        if entries and isinstance(entries[0], dict):
            fields = {f["id"]: f.get("label") or f["id"] for f in q.get("fields", [])}
            keys = list(dict.fromkeys(k for e in entries for k in e))
            row = " | ".join(cell(f"item.get({k!r}, '')") for k in keys)
            return (
                head
                + "| "
                + " | ".join(fields.get(k, k) for k in keys)
                + " |\n|"
                + " --- |" * len(keys)
                + f"\n{{% for item in {ref}.entries %}}| {row} |\n{{% endfor %}}\n"
            )
        return head + f"{{% for x in {ref}.entries %}}- {{{{ x }}}}\n{{% endfor %}}\n"
    if isinstance(value, dict):
        return head + f"{{% for k, x in {ref}.items() %}}{{{{ x }}}} {{% endfor %}}\n\n"
    if isinstance(value, str) and "\n" in value:
        return head + f"{{% for line in {ref}.splitlines() %}}- {{{{ line }}}}\n{{% endfor %}}\n"
    return head + f"{{{{ {ref} }}}}\n\n"


def template(v: str, data: dict[str, Any]) -> str:
    parts = [
        f"# Online marketing plan for {{{{ {v}business_name }}}}\n\n"
        f"*Draft for discussion · prepared for {{{{ {v}client }}}}*\n\n"
    ]
    for n, (title, questions) in enumerate(stages(), 1):
        shown = [q for q in questions if q["id"] in data]
        if not shown:
            continue
        parts.append(f"## {n}. {title}\n\n")
        for q in shown:
            label = q.get("label") or q.get("prompt") or q["id"]
            parts.append(block(v, label, data[q["id"]], q))
    parts.append(
        f"## Notes\n\n{{% for k, x in {v}notes.items() %}}- **{{{{ k }}}}**: {{{{ x }}}}\n"
    )
    parts.append("{% endfor %}\n")
    return "".join(parts)


def copier_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str" if isinstance(value, str) else "yaml"


def main() -> None:
    out = Path(sys.argv[1])
    data = answers()
    cc = out / "cookiecutter"
    (cc / "{{cookiecutter.project_slug}}").mkdir(parents=True, exist_ok=True)
    (cc / "cookiecutter.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    (cc / "{{cookiecutter.project_slug}}" / "plan.md").write_text(template("cookiecutter.", data))
    cp = out / "copier"
    cp.mkdir(parents=True, exist_ok=True)
    questions = {"_templates_suffix": ".jinja"}
    for key, value in data.items():
        questions[key] = {"type": copier_type(value), "default": None if key != "notes" else {}}
    (cp / "copier.yml").write_text(yaml.safe_dump(questions, sort_keys=False))
    (cp / "plan.md.jinja").write_text(template("", data))
    (out / "copier-data.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    (out / "cookiecutter-config.yaml").write_text(
        yaml.safe_dump(
            {"cookiecutters_dir": str(out / "cc-cache"), "replay_dir": str(out / "cc-replay")}
        )
    )
    print(f"{out}: cookiecutter and copier templates, {len(data) - 1} answers")


if __name__ == "__main__":
    main()
