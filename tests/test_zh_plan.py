"""The plan in Simplified Chinese: its own headings and sentences, dates, money, the HTML's and
the DOCX's language. (The banks' words are translated in their own files; these tests judge
only what the plan's code writes.)"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest

from tests.plan_support import TODAY, early_draft, load_example, session_from_answers
from wizard.banks import load_bank
from wizard.plan import build_plan, render
from wizard.plan.docx import render_docx
from wizard.plan.model import Plan
from wizard.plan.views import for_audience


def _plan(name: str = "tea-brand", data: dict[str, Any] | None = None) -> Plan:
    bank = load_bank()
    session = session_from_answers(bank, data if data is not None else load_example(name))
    return for_audience(build_plan(bank, session, today=TODAY), internal=True)


# the plan's own English words, which must not show in Chinese
ENGLISH = [
    "Summary",
    "Draft for discussion",
    "Open questions",
    "Questions to settle",
    "Appendix: plan check",
    "Budget by channel",
    "Per month",
    "Over the plan (",
    "This draft plan sets out",
    "The work runs through",
    "This is a draft",
    "goals lead the plan",
    "| Strengths |",
    "#### Timeline\n",
    "rules pass",
    "Rules passed by stage",
]


@pytest.mark.usefixtures("chinese")
def test_markdown_speaks_chinese() -> None:
    md = render(_plan(), "md")
    for heading in (
        "## 概要",
        "## 待定问题",
        "## 附录：方案检查",
        "#### 各渠道预算",
        "#### 时间表",
    ):
        assert heading in md
    assert "*讨论稿 · 呈交" in md
    assert "2026年11月22日" in md  # the plan's date
    assert "本方案草稿说明" in md
    assert "2027年1月1日至2027年12月31日" in md
    assert "营销工作通过 7 个渠道开展" in md
    assert "| 优势 | 劣势 |" in md
    assert "axisFormat %Y-%m" in md
    for words in ENGLISH:
        assert words not in md, words


@pytest.mark.usefixtures("chinese")
def test_money_in_yuan() -> None:
    md = render(_plan(), "md")
    assert "| **合计** | **49,800 元** | **597,600 元** |" in md
    assert "总预算为 830,000 元" in md
    budget = md[md.index("#### 各渠道预算") : md.index("#### 时间表")]
    assert not re.search(r"\d CNY", budget.split("####")[1])


@pytest.mark.usefixtures("chinese")
def test_html_says_zh_cn() -> None:
    page = render(_plan(), "html")
    assert isinstance(page, str)
    assert '<html lang="zh-CN">' in page
    assert '<h2 class="part">概要</h2>' in page
    assert "方案草稿 · 2026年11月22日" in page  # the footer
    assert '<p class="swot-h">优势</p>' in page
    assert "swot-s" in page
    assert "swot-t" in page
    assert "3月15日" in page  # a milestone's day on the timeline
    for words in ("Draft for discussion", ">Summary<", "Open questions", ">Question<"):
        assert words not in page, words


@pytest.mark.usefixtures("chinese")
def test_open_questions_and_counts() -> None:
    plan = _plan(data=early_draft(load_bank()))
    md = render(plan, "md")
    assert "### 需要确定的问题" in md
    assert "| 问题 | 阶段 | 状态 | 备注 |" in md
    assert "暂时不知道" in md
    assert "个问题尚未回答" in md
    assert "not answered yet" not in md


@pytest.mark.usefixtures("chinese")
def test_docx_language_and_words() -> None:
    data = render_docx(_plan())
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        styles = docx.read("word/styles.xml").decode()
        body = docx.read("word/document.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles
    texts = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
    for words in ("讨论稿", "目录", "概要", "日期：", "2026年11月22日", "任务或里程碑"):
        assert words in texts, words
    for words in ("Draft for discussion", "Contents", "Task or milestone", "Prepared for"):
        assert words not in texts, words


@pytest.mark.usefixtures("chinese")
def test_opml_in_chinese() -> None:
    opml = render(_plan(), "opml")
    assert 'text="概要"' in opml
    assert 'text="待定问题"' in opml
    assert "Open questions" not in opml


def test_english_docx_keeps_its_language() -> None:
    data = render_docx(_plan())
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        styles = docx.read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' not in styles
    assert '<html lang="en">' in str(render(_plan(), "html"))
