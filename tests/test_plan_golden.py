"""The Markdown plans of the examples, compared with golden files: the core examples with the
core banks, and each pack's example (``examples/restaurant.yaml``, ``b2b-firm.yaml``,
``retail-shop.yaml``) with its pack merged.

After an intended change to the plan, regenerate the golden files and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_plan_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests.pack_support import load_pack
from tests.plan_support import EXAMPLE_NAMES, GOLDEN, TODAY, load_example, session_from_answers
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.plan import build_plan, render

PACK_EXAMPLES = [("b2b-firm", "b2b"), ("restaurant", "restaurant"), ("retail-shop", "retail")]


def check_golden(bank: Bank, name: str) -> None:
    session = session_from_answers(bank, load_example(name), name)
    markdown = render(build_plan(bank, session, today=TODAY), "md")
    path = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(markdown, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if markdown != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                markdown.splitlines(keepends=True),
                str(path),
                "rendered",
                n=1,
            )
        )
        pytest.fail(
            f"{path.name} differs from the rendered plan (regenerate with UPDATE_GOLDEN=1 if "
            f"intended):\n{diff[:6000]}"
        )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_markdown_plan_matches_golden_file(name: str) -> None:
    check_golden(load_bank(), name)


@pytest.mark.parametrize(("name", "pack"), PACK_EXAMPLES)
def test_pack_example_plan_matches_golden_file(name: str, pack: str, tmp_path: Path) -> None:
    check_golden(load_pack(pack, tmp_path), name)


# A Chinese owner's session (issue 12): the Guangzhou bakery with two shops, answered in Chinese
# with the restaurant pack. Its plan in Chinese is a golden file; the same session rendered in
# English has English headings around the owner's own Chinese answers.
BAKERY = ("bakery-guangzhou", "restaurant")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_chinese_example_in_each_language_matches_its_golden_file(lang: str) -> None:
    from wizard import i18n

    i18n.set_language("zh-CN")
    name, pack = BAKERY
    session = session_from_answers(load_pack(pack), load_example(name), name)  # typed in Chinese
    i18n.set_language(lang)
    bank = load_pack(pack)
    markdown = render(build_plan(bank, session, today=TODAY), "md")
    path = GOLDEN / f"{name}.{lang}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(markdown, encoding="utf-8")
    assert markdown == path.read_text(encoding="utf-8"), f"{path.name} differs (UPDATE_GOLDEN=1)"
    if lang == "en":
        assert markdown.startswith("# Online marketing plan for 禾麦烘焙")
        assert "两间店工作日14:00-17:00的客人数" in markdown  # her own words, untouched
    else:
        assert markdown.startswith("# 禾麦烘焙")
