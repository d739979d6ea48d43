"""The banks in another language (wizard/bank_text.py): the text laid over the English by id,
every missing or unknown piece a bank problem with file and place, and answers that mean the
same in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.test_banks_loader import GOOD
from wizard.bank_text import example_needs_translation
from wizard.banks import check_banks
from wizard.validation import coerce_answer

ZH = {
    "title": "我们是谁",
    "intro": "网络营销策划从企业本身开始。",
    "questions": {
        "business_name": {
            "prompt": "您的企业叫什么名字？",
            "help": "方案是为一家企业写的。",
            "example": "绿叶茶业",
        },
        "channels": {
            "prompt": "您打算用哪些渠道？",
            "help": "每个渠道都有自己的小计划。",
            "choices": {"seo": "搜索引擎", "blog": "博客", "other": "其他"},
        },
    },
}

LAYOUT_ZH = {
    "title": "网络营销方案",
    "titled": "{name}网络营销方案",
    "parts": {
        "goals": {
            "title": "一、目标",
            "intro": "定目标。",
            "sections": {"purpose": "方案的目的和意义", "mission": "使命和范围", "goals": "目标"},
        },
        "analysis": {
            "title": "二、分析",
            "intro": "做分析。",
            "sections": {
                "who_we_are": "我们是谁",
                "customers": "目标客户和定位",
                "competitors": "竞争对手",
                "swot": "优势、劣势、机会和威胁",
                "research": "市场趋势、调研和预测",
                "product": "产品",
            },
        },
    },
}


def folder(tmp_path: Path, zh: object = ZH, layout_zh: object = None) -> Path:
    """A bank folder with GOOD, the shipped layout, and a zh-CN folder holding ``zh``."""
    from wizard.banks import shipped_banks_dir

    (tmp_path / "01_strategy.yaml").write_text(GOOD, encoding="utf-8")
    layout = (shipped_banks_dir() / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(layout, encoding="utf-8")
    (tmp_path / "zh-CN").mkdir()
    if zh is not None:
        (tmp_path / "zh-CN" / "01_strategy.yaml").write_text(
            yaml.safe_dump(zh, allow_unicode=True), encoding="utf-8"
        )
    if layout_zh is None:  # every text of the layout, marked as translated
        english = yaml.safe_load(layout)
        layout_zh = {
            "title": "译：" + english["title"],
            "titled": "译：" + english["titled"],
            "parts": {
                part["id"]: {
                    "title": "译：" + part["title"],
                    "intro": "译：" + part["intro"],
                    "sections": {s["id"]: "译：" + s["title"] for s in part["sections"]},
                }
                for part in english["parts"]
            },
        }
    (tmp_path / "zh-CN" / "plan.yaml").write_text(
        yaml.safe_dump(layout_zh, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


def load(path: Path, lang: str = "zh-CN") -> tuple[object, list[str]]:
    bank, problems = check_banks([path / "01_strategy.yaml"], path / "plan.yaml", lang=lang)
    return bank, [str(p) for p in problems]


def test_the_text_is_laid_over_the_english_with_the_same_ids(tmp_path: Path) -> None:
    bank, problems = load(folder(tmp_path))
    assert problems == []
    q = bank.question("business_name")  # type: ignore[attr-defined]
    assert (q.prompt, q.help, q.example) == (
        "您的企业叫什么名字？",
        "方案是为一家企业写的。",
        "绿叶茶业",
    )
    channels = bank.question("channels")  # type: ignore[attr-defined]
    assert [(c.value, c.label) for c in channels.choices] == [
        ("seo", "搜索引擎"),
        ("blog", "博客"),
        ("other", "其他"),
    ]
    assert bank.stages[0].title == "我们是谁"  # type: ignore[attr-defined]
    english, _ = load(tmp_path, "en")
    assert english.question("channels").choices[0].label == "Search engines"  # type: ignore[attr-defined]


def test_an_answer_is_the_same_value_in_both_languages(tmp_path: Path) -> None:
    zh, _ = load(folder(tmp_path))
    en, _ = load(tmp_path, "en")
    for bank in (zh, en):
        assert coerce_answer(bank.question("channels"), ["seo", "blog"]) == ["seo", "blog"]  # type: ignore[attr-defined]


def test_a_missing_translation_is_a_problem_naming_file_and_place(tmp_path: Path) -> None:
    zh = yaml.safe_load(yaml.safe_dump(ZH))
    del zh["questions"]["business_name"]["help"]
    del zh["questions"]["channels"]["choices"]["blog"]
    del zh["intro"]
    bank, problems = load(folder(tmp_path, zh))
    assert bank is None
    name = f"{tmp_path}/zh-CN/01_strategy.yaml"
    assert (
        f"{name}: intro: missing translation (English: 'Planning starts from what the company is.')"
        in problems
    )
    assert (
        f"{name}: questions.business_name.help: missing translation (English: 'The plan is for one company.')"
        in problems
    )
    assert (
        f"{name}: questions.channels.choices.blog: missing translation (English: 'Blog')"
        in problems
    )
    assert len(problems) == 3


def test_a_question_without_any_translation_is_named(tmp_path: Path) -> None:
    zh = yaml.safe_load(yaml.safe_dump(ZH))
    del zh["questions"]["channels"]
    _bank, problems = load(folder(tmp_path, zh))
    assert problems == [
        f"{tmp_path}/zh-CN/01_strategy.yaml: questions.channels: missing translation of this question"
    ]


def test_unknown_ids_and_keys_in_a_translation_are_problems(tmp_path: Path) -> None:
    zh = yaml.safe_load(yaml.safe_dump(ZH))
    zh["questions"]["no_such"] = {"prompt": "？"}
    zh["questions"]["channels"]["choices"]["tiktok"] = "抖音"
    zh["questions"]["business_name"]["type"] = "text"
    _bank, problems = load(folder(tmp_path, zh))
    name = f"{tmp_path}/zh-CN/01_strategy.yaml"
    assert f"{name}: questions.no_such: the English file has no question 'no_such'" in problems
    assert (
        f"{name}: questions.channels.choices.tiktok: the English file has no choice 'tiktok'"
        in problems
    )
    assert any(
        p.startswith(f"{name}: questions.business_name.type: unknown key 'type'") for p in problems
    )
    assert len(problems) == 3


def test_a_translated_example_must_pass_the_questions_rules(tmp_path: Path) -> None:
    zh = yaml.safe_load(yaml.safe_dump(ZH))
    zh["questions"]["channels"]["example"] = {"seo": 1}  # not a list of choices
    _bank, problems = load(folder(tmp_path, zh))
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"{tmp_path}/zh-CN/01_strategy.yaml: questions.channels.example: example fails"
    ), problems


def test_a_missing_file_of_the_language_is_named(tmp_path: Path) -> None:
    _bank, problems = load(folder(tmp_path, zh=None))
    assert problems == [
        f"{tmp_path}/zh-CN/01_strategy.yaml: no such file: the zh-CN text of "
        f"{tmp_path}/01_strategy.yaml goes here"
    ]


def test_a_layout_translation_is_checked_the_same_way(tmp_path: Path) -> None:
    layout = yaml.safe_load(yaml.safe_dump(LAYOUT_ZH))
    _bank, problems = load(folder(tmp_path, layout_zh=layout))
    name = f"{tmp_path}/zh-CN/plan.yaml"
    assert (
        f"{name}: parts.implementation.title: missing translation (English: 'III. Implementation')"
        in problems
    )
    assert any(
        p.startswith(f"{name}: parts.implementation.intro: missing translation") for p in problems
    )
    assert (
        f"{name}: parts.implementation.sections.platform.title: missing translation (English: 'Platform and promotion')"
        in problems
    )


def test_a_bank_folder_without_the_language_is_shown_as_written(tmp_path: Path) -> None:
    (tmp_path / "01_strategy.yaml").write_text(GOOD, encoding="utf-8")
    bank, problems = check_banks([tmp_path / "01_strategy.yaml"], lang="zh-CN")
    assert problems == []
    assert bank is not None
    assert bank.question("business_name").prompt == "What is the business called?"


@pytest.mark.parametrize(
    ("example", "needs"),
    [
        ("Green Leaf Tea", True),
        ("online_first", False),  # a choice value
        ("2027-06-30", False),
        ("80000 CNY", True),
        (42, False),
        ([{"channel": "seo", "name": "Baidu ads"}], True),
        ([{"channel": "seo", "budget": 1000}], False),
    ],
)
def test_which_examples_need_translating(example: object, needs: bool) -> None:
    assert example_needs_translation(example) is needs


def test_the_shipped_chinese_text_has_no_folded_line_breaks() -> None:
    """A line break inside a folded YAML block (``>-``) becomes a space, which in Chinese shows
    as a gap after a comma; the shipped translations write each text on one line."""
    import re

    from wizard.banks import load_bank
    from wizard.packs import packs_dir

    gap = re.compile(r"[，。；：？！、）」”] (?=[\u3400-\u9fff])")
    found = []
    for pack in [None, *sorted(p.name for p in packs_dir().iterdir() if p.is_dir())]:
        bank = load_bank(pack=packs_dir() / pack if pack else None, lang="zh-CN")
        stack: list[object] = [bank.model_dump()]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                found += [
                    f"{pack}: {value[max(0, m.start() - 10) : m.end() + 10]}"
                    for m in gap.finditer(value)
                ]
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    assert found == []
