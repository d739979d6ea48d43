"""Refusals, session errors, answers-file problems and the worksheet in Simplified Chinese.

With ``zh-CN`` in force, an answer that cannot be read is still refused, and the reason is said
in Chinese: no English word of the wizard's own is left (what the user typed, ids and names
such as JSON or Unicode stay as they are). English is checked by the other tests, unchanged.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.test_validation import q
from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.errors import InvalidAnswersError, SessionError, UsageError
from wizard.i18n import set_language
from wizard.session import Session
from wizard.store import SessionStore, check_name
from wizard.validation import InvalidAnswer, coerce_answer
from wizard.worksheet import build_worksheet, render, render_bytes

# Latin words a Chinese message may hold: names and codes that are not translated.
ALLOWED = {"JSON", "YAML", "Unicode", "UTF", "id", "EUR", "CNY", "USD", "Windows", "marketing"}
ALLOWED |= {"wizard", "SESSION", "FILE", "fill", "sessions", "new", "NAME", "banks", "show"}
# quoted text, paths, ids (plan_start, _meta.notes) and places at the start of a line (answers:)
QUOTED = re.compile(
    r"'[^']*'|\"[^\"]*\"|/\S+|\b[a-z]+(?:[._][a-z0-9_]+)+\b|(?m:^\s*[a-z_][a-z_.0-9]*:)"
)


pytestmark = pytest.mark.usefixtures("chinese")


def english_words(message: str, *typed: str) -> list[str]:
    """The Latin words of ``message`` that are neither typed by the user, quoted, a path or an
    allowed name."""
    message = QUOTED.sub(" ", message)
    for text in typed:
        message = message.replace(text, " ")
    return [w for w in re.findall(r"[A-Za-z]{2,}", message) if w not in ALLOWED]


def refusal(question: object, raw: object, **context: object) -> str:
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(question, raw, context)  # type: ignore[arg-type]
    return caught.value.message


def test_an_unreadable_date_is_refused_in_chinese() -> None:
    message = refusal(q("date"), "soon")
    assert message.startswith("应为日期，如 2027-03-31（您填的是：'soon'）")
    assert message.endswith("。")
    assert english_words(message) == []


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        (q("date"), "6/7/2027", "可能是 2027-06-07，也可能是 2027-07-06"),
        (q("date"), "2027年6月", "只写到月份，没有写哪一天"),
        (q("date"), "2027年2月30日", "2027年2月只有 28 天"),
        (q("date"), "27-6-30", "请写完整的四位年份"),
        (q("date"), "2027-13-01", "没有 13 月"),
        (q("money"), "8万50000元", "不小于一万"),
        (q("money"), "12，5元", "全角逗号（，）"),
        (q("money"), "5千8万元", "请先写较大的单位"),
        (q("money"), "100 USD 元", "写了两种货币（CNY、USD）"),
        (q("money"), "12000", "请加上三个字母的货币代码或货币符号"),
        (q("money"), "-5 EUR", "金额不能小于 0"),
        (q("integer"), "30.000", "可能是 30，也可能是 30000"),
        (q("integer"), "1.5", "应为整数"),
        (q("integer"), "many", "应为整数，如 1200、1,200、1.2千 或 8万"),
        (q("integer", validation={"range": {"min": 1}}), "0", "应不小于 1"),
        (q("percent"), "lots", "百分数"),
        (q("confirm"), "maybe", "应为“是”或“否”"),
        (q("text"), "   ", "请填写回答：应为文字。"),
        (q("text", validation={"length": {"max": 3}}), "abcd", "最多 3 个字符（您填了 4 个）"),
        (
            q("select", choices=[{"value": "seo", "label": "SEO"}]),
            "blog",
            "应为以下选项之一：seo（您填的是：'blog'）。",
        ),
    ],
)
def test_ambiguous_or_unreadable_input_is_refused_with_a_chinese_reason(
    question: object, raw: str, expected: str
) -> None:
    message = refusal(question, raw)
    assert expected in message
    assert english_words(message, raw, "seo") == [], message


def test_chinese_yes_and_no_are_read() -> None:
    assert coerce_answer(q("confirm"), "是") is True
    assert coerce_answer(q("confirm"), "没有") is False


def test_a_date_bound_is_shown_as_a_chinese_date() -> None:
    question = q("date", validation={"not_before": {"question": "start"}})
    message = refusal(question, "2027-01-01", start="2027-06-30")
    assert message == "日期不能早于 2027年6月30日（您填的是：2027年1月1日）。"


def test_list_problems_are_joined_the_chinese_way() -> None:
    goals = q(
        "list",
        fields=[
            {"id": "goal", "type": "text", "prompt": "Goal?", "help": "-", "example": None}
            | {"required": True},
            {"id": "deadline", "type": "date", "prompt": "When?", "help": "-", "example": None},
        ],
    )
    message = refusal(goals, [{"deadline": "soon", "colour": "red"}])
    assert message.startswith("第 1 项：无法识别的字段 'colour'（应为 goal、deadline）；")
    assert "第 1 项的 goal：请填写回答；" in message
    assert "第 1 项的 deadline：应为日期" in message
    assert message.endswith("。")
    assert not message.endswith("。。")
    assert english_words(message, "goal", "deadline") == []


# --- answers files -------------------------------------------------------------------------------


META_KEYS = ("client", "language", "unknown", "skipped", "in_progress", "notes", "parked")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(lang="en")  # the banks' own text is not judged here


def test_every_problem_of_an_answers_file_is_said_in_chinese(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "plan_start: 6/7/2027\n"
        "seo_budget: 8万50000\n"
        "has_website: 也许\n"
        "competitors: nope\n"
        "plan_ende: 2027-06-30\n"
        "_meta:\n  skipped: [nope]\n  colour: red\n  notes: {plan_end: x}\n",
        encoding="utf-8",
    )
    data = load_answers_file(path)
    with pytest.raises(InvalidAnswersError) as caught:
        fill_session(bank, Session(name="t"), data, source=str(path))
    error = caught.value
    assert error.message == f"回答文件 {path} 有 8 个问题，未写入任何内容："
    details = "\n".join(error.details)
    assert "plan_start: 6/7/2027 把年份写在最后" in details
    assert "has_website: 应为“是”或“否”（您填的是：'也许'）" in details
    assert "competitors: 应为逐项填写的列表（您填的是：'nope'）" in details
    assert "plan_ende: 不是问题 id（您是不是想写 'plan_end'？）" in details
    assert "_meta.notes.plan_end: 备注需要对应一个回答" in details
    assert details.count("您填的是") == details.count("（您填的是")  # never "(got" twice
    for line in error.details:
        assert english_words(line, *META_KEYS, "nope") == [], line


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.yaml", "a: b: c\n", "不是有效的 YAML（此处不能再写“键: 值”"),
        ("a.json", '{"a" 1}', "不是有效的 JSON（此处应有冒号“:”）"),
        ("a.yaml", "a: &x 1\nb: *x\n", "回答文件中不允许使用别名"),
        ("a.yaml", "a: 1\na: 2\n", "在同一个映射中出现了两次"),
        ("a.yaml", "- 1\n", "应为从问题 id 到回答的映射（实际是列表）"),
        ("a.yaml", "", "回答文件是空的"),
    ],
)
def test_an_unreadable_answers_file_is_refused_in_chinese(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidAnswersError) as caught:
        load_answers_file(path)
    message = caught.value.render()
    assert expected in message
    assert english_words(message) == [], message


def test_a_missing_answers_file_is_said_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(InvalidAnswersError, match=r"无法读取回答文件 .*：文件不存在"):
        load_answers_file(tmp_path / "none.yaml")


# --- sessions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{x", "不是有效的 JSON（第 1 行第 2 列：此处应有用双引号括起的键名）。文件未做任何改动。"),
        ("[]", "里没有会话内容。文件未做任何改动。"),
        ('{"schema_version": 99}', "是由更新版本的 marketing-wizard 写入的（格式版本 99"),
        ('{"schema_version": 6, "name": "x", "answers": 5}', "不是有效的会话。文件未做任何改动。"),
    ],
)
def test_an_unreadable_session_is_named_and_left_untouched(
    tmp_path: Path, text: str, expected: str
) -> None:
    store = SessionStore(tmp_path)
    store.folder.mkdir(parents=True)
    path = store.folder / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        store.load("broken")
    message = caught.value.render()
    assert f"会话文件 {path}" in message
    assert expected in message
    assert english_words(message) == [], message
    assert path.read_text(encoding="utf-8") == text
    (summary,) = store.summaries()
    assert summary.problem is not None
    assert english_words(summary.problem) == []


def test_session_names_and_missing_sessions_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        check_name("茶叶")
    assert caught.value.message == "'茶叶' 不是有效的会话名称。"
    assert caught.value.hint is not None
    assert "英文字母" in caught.value.hint
    with pytest.raises(UsageError, match="Windows 把这个名称保留给设备使用"):
        check_name("con")
    store = SessionStore(tmp_path)
    with pytest.raises(SessionError, match="没有名为 'nosuch' 的会话"):
        store.load("nosuch")
    with pytest.raises(SessionError, match="中还没有会话"):
        store.most_recent()


# --- the worksheet -------------------------------------------------------------------------------

ENGLISH_OF_THE_SHEET = [
    "Why we ask",
    "Your answer",
    "Tick one",
    "Tick every box",
    "(required)",
    "Only if",
    "Filled in by",
    "Business:",
    "Columns:",
    "Stage 1",
    "questions before the workshop",
    "Example:",
    "How to answer",
    "Answer:",
    "Questions for",
]


@pytest.mark.parametrize("fmt", ["md", "html", "yaml"])
def test_the_worksheet_speaks_chinese(bank: Bank, fmt: str) -> None:
    text = render(build_worksheet(bank, bank_name="b2b"), fmt)
    for phrase in ENGLISH_OF_THE_SHEET:
        assert phrase not in text, phrase
    assert "题库：b2b" in text
    assert "第 1 阶段" in text
    assert "仅当您在 " in text
    if fmt == "html":
        assert '<html lang="zh-CN">' in text
        assert "为什么要问" not in text  # the page shows the help alone, as in English
    else:
        assert "为什么要问：" in text
    if fmt == "md":
        assert "（必填）" in text
        assert "您的回答（" in text
        assert "各列说明：" in text


def test_the_worksheet_answers_template_is_still_read_back(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(render(build_worksheet(bank), "yaml"), encoding="utf-8")
    assert fill_session(bank, Session(name="t"), load_answers_file(path)).answers == {}


def test_the_worksheet_document_speaks_chinese(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    path.write_bytes(render_bytes(build_worksheet(bank, stages=[1]), "docx"))
    with zipfile.ZipFile(path) as docx:
        body = docx.read("word/document.xml").decode()
        footer = "".join(docx.read(name).decode() for name in docx.namelist() if "footer" in name)
    words = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert words == "第 1 页，共 1 页"
    assert "为什么要问：" in body
    assert "企业：" in body
    assert "填写人：" in body
    for phrase in ENGLISH_OF_THE_SHEET:
        assert phrase not in body, phrase


def test_english_is_english_again(bank: Bank) -> None:
    set_language("en")
    text = render(build_worksheet(bank), "html")
    assert '<html lang="en">' in text
    assert "Tick one" in text
    assert refusal(q("date"), "soon").startswith("Expected a date such as 2027-03-31")
