"""The expected effect, the forecast's words and the plan check in Simplified Chinese: whole
sentences from the catalogue, Chinese dates and amounts, no English word of the code left; the
JSON report keeps its keys and rule ids; English stays as it was once the language is back."""

from __future__ import annotations

import datetime as dt
import json
import re

from tests.plan_support import load_example, session_from_answers
from wizard.banks import load_bank
from wizard.check import check_session, render_json, render_text, run_rules
from wizard.check.facts import given_answers
from wizard.check.model import GoalFacts, PlanFacts, Ref
from wizard.check.rules import RULES, goals_deadline
from wizard.forecast.assumptions import load_assumptions
from wizard.forecast.funnel import Business, Channel, Setting, forecast
from wizard.i18n import DEFAULT, LANGUAGES, set_language
from wizard.plan.effect import Effect, compute_effect, effect_blocks, summary_sentence
from wizard.plan.forecast_inputs import forecast_inputs
from wizard.plan.model import Block, BulletList, Chart, Paragraph, Table
from wizard.roles import Role

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Latin the Chinese text keeps: currency codes, KPI, SWOT, the ids of the check
ALLOWED = {"CNY", "USD", "GBP", "EUR", "KPI", "SWOT"}


def _tea() -> tuple[Effect, list[str]]:
    """The tea example's effect and the words its answers bring (names, targets)."""
    bank = load_bank()
    session = session_from_answers(bank, load_example("tea-brand"))
    steps, given = given_answers(bank, session)
    inputs = forecast_inputs(bank, session, steps, given)
    effect = compute_effect(inputs)
    assert effect is not None
    assert effect.counted
    theirs = [c.name for c in inputs.channels] + [name for name, _why in inputs.not_forecast]
    theirs += [g.name for g in inputs.goals] + [g.target_text for g in inputs.goals]
    theirs += list(inputs.other_goals) + [f.label for f in inputs.own]
    return effect, sorted(theirs, key=len, reverse=True)


def _texts(blocks: list[Block]) -> list[str]:
    """Every text of the effect's blocks but the sources' names and the reasons
    forecast_inputs gives for a channel left out (those are not the effect's words)."""
    out: list[str] = []
    for b in blocks:
        out.append(getattr(b, "title", None) or "")
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Table):
            source = b.columns.index("来源") if "来源" in b.columns else None
            out += b.columns
            out += [c for r in b.rows for i, c in enumerate(r) if i != source]
        elif isinstance(b, BulletList):
            out += [item.split("：", 1)[0] for item in b.items]
        elif isinstance(b, Chart):
            out += [b.title or "", b.y_label, *b.x_labels, *(s.name for s in b.series)]
    return [t for t in out if t]


def _english_left(text: str, theirs: list[str]) -> list[str]:
    for words in theirs:
        text = text.replace(words, "")
    return [w for w in WORD.findall(text) if w not in ALLOWED]


def test_every_kind_of_channel_has_its_label_in_every_language() -> None:
    data = load_assumptions()
    others = [lang for lang in LANGUAGES if lang != DEFAULT]
    for kind, spec in data.kinds.items():
        assert sorted(spec.labels) == sorted(others), kind
        assert all(CJK.search(spec.labels[lang]) for lang in others if lang == "zh-CN"), kind


def test_the_kind_label_follows_the_language(chinese: None) -> None:
    spec = load_assumptions().kinds["search_ads"]
    assert spec.shown_label() == spec.labels["zh-CN"]
    set_language(DEFAULT)
    assert spec.shown_label() == spec.label == "Search ads (Google, Microsoft, Baidu)"


def test_the_expected_effect_is_chinese(chinese: None) -> None:
    effect, theirs = _tea()
    blocks = effect_blocks(effect)
    titles = [getattr(b, "title", None) for b in blocks]
    assert titles[:3] == ["预测", None, "三种情景下的预测"]
    assert "目标与预测对比" in titles
    assert "按渠道（基准情景）" in titles
    for text in _texts(blocks):
        assert not _english_left(text, theirs), text
    first = blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.startswith("在方案的 12 个月里")
    assert "万元" in first.text  # large amounts are read in 万, CNY as 元
    assert "  " not in first.text
    assert ". " not in first.text
    chart = next(b for b in blocks if isinstance(b, Chart))
    assert chart.x_labels[0] == "2027年1月"
    assert [s.name for s in chart.series[:3]] == ["乐观", "基准", "保守"]
    goals = next(b for b in blocks if isinstance(b, Table) and b.title == "目标与预测对比")
    assert goals.rows[0][3] in {"可以达成", "仅在乐观情景下达成", "无法达成"}
    assert "截止当月的销售额" in goals.rows[0][1]


def test_the_summary_sentence_is_one_chinese_sentence(chinese: None) -> None:
    effect, theirs = _tea()
    sentence = summary_sentence(effect, "预期效果")
    assert sentence is not None
    assert sentence.startswith("按预测（见“预期效果”）")
    assert sentence.endswith("。")
    assert not _english_left(sentence, theirs)


def test_a_channel_the_forecast_cannot_count_says_what_it_misses(chinese: None) -> None:
    setting = Setting(months=3, currency="XYZ")
    run = forecast([Channel("Ads", "search_ads", 100.0)], Business(), setting)
    assert run.channels[0].missing == ("USD 兑 XYZ 的汇率",)
    unknown = forecast([Channel("Own", "no_such_kind", 100.0)], Business(), setting)
    assert unknown.channels[0].missing == ("此类渠道没有默认数据",)


def test_the_check_report_is_chinese_and_its_json_keeps_its_shape(chinese: None) -> None:
    bank = load_bank()
    report = check_session(bank, session_from_answers(bank, load_example("tea-brand")))
    text = render_text(report)
    assert text.startswith("检查结果\n")
    assert "规则\n" in text
    assert "得分（通过规则所占比例）" in text
    assert "需修改：" in text
    assert "原因：" in text
    assert "总计：" in text
    for line in text.splitlines():
        if line.startswith(("  建议 [", "  警告 [")):
            assert CJK.search(line.split("]", 1)[1])
    data = json.loads(render_json(report))
    assert set(data) == {"version", "ok", "score", "stages", "rules", "findings"}
    assert [r["id"] for r in data["rules"]] == [r.id for r in RULES]
    assert {r["result"] for r in data["rules"]} <= {"passed", "failed", "info", "not_applicable"}
    for rule in data["rules"]:
        assert CJK.search(rule["title"]), rule["id"]
        assert CJK.search(rule["why"]), rule["id"]
        assert CJK.search(rule["source"]), rule["id"]
    for finding in data["findings"]:
        assert finding["severity"] in {"problem", "warning", "tip"}
        assert CJK.search(finding["message"])
        assert CJK.search(finding["why"])
    seeded = next(r for r in data["rules"] if r["id"] == "goal-owner")
    assert seeded["source"] == "参考文章 004（004_409413d8d696136c.txt）"


def test_every_rule_message_on_empty_facts_is_chinese(chinese: None) -> None:
    refs = {r.value: Ref(r.value, "1.1", "问题") for r in Role}
    report = run_rules(PlanFacts(refs=refs))
    assert report.findings
    for f in report.findings:
        assert CJK.search(f.message), f.message
        assert not _english_left(f.message, []), f.message


def test_dates_in_the_messages_are_written_the_chinese_way(chinese: None) -> None:
    start, end = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    facts = PlanFacts(
        refs={Role.GOALS.value: Ref("goals", "2.3", "目标")},
        plan_start=start,
        plan_end=end,
        goals=[GoalFacts(1, "提升销量", deadline=dt.date(2028, 1, 31))],
        goal_parts=frozenset({Role.GOAL_DEADLINE.value}),
    )
    issues = goals_deadline(facts)
    assert issues is not None
    assert [i.message for i in issues] == [
        "目标 1（提升销量）：截止日期 2028年1月31日 不在方案期内（2027年1月1日 至 2027年12月31日）。"
    ]


def test_english_is_unchanged_once_the_language_is_back(chinese: None) -> None:
    set_language(DEFAULT)
    bank = load_bank()
    report = check_session(bank, session_from_answers(bank, load_example("tea-brand")))
    text = render_text(report)
    assert text.startswith("Findings\n")
    assert not CJK.search(text.replace("万", ""))
    assert "  ok   goal-owner: Every goal has an owner (Goals)" in text
