"""Chinese output done right (issue 12): lines joined without spaces between CJK text, columns
aligned by display width, no line starting with a closing mark, CJK fonts in HTML and Word, and a
session name proposed from a Chinese client name."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

import pexpect
import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.plan_support import TODAY, load_example, session_from_answers
from tests.test_e2e import BACKSPACE, run, spawn
from wizard import cli
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.catalog import describe_text
from wizard.docx_fonts import CJK_FONT
from wizard.plan import build_plan, render, render_bytes
from wizard.plan.model import Paragraph
from wizard.store import SessionStore
from wizard.text_layout import flat, join_lines, pad, wrap
from wizard.worksheet import build_worksheet
from wizard.worksheet import render as render_sheet
from wizard.worksheet import render_bytes as render_sheet_bytes

MINI = Path(__file__).parent / "data" / "mini"
CLOSING = "，。、；：！？）」』"
ZH_HELP = (
    "我们的小馆开在广州老城区，主要做早茶（虾饺、烧卖、肠粉）和午市套餐；客人多是附近上班族，"
    "周末也有不少一家人来喝茶。请写下您最想让新客人知道的三件事，例如：营业时间、招牌菜、"
    "停车是否方便。这些内容会放在计划的第一页，所以请用您自己的话来写，不需要很正式。"
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


# --- lines joined -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["我们每天", "早上七点开门。"], "我们每天早上七点开门。"),
        (["开门时间：", "七点"], "开门时间：七点"),
        (["我们卖早茶。", "Dim sum daily"], "我们卖早茶。Dim sum daily"),
        (["We sell", "早茶"], "We sell 早茶"),
        (["早茶", "every day"], "早茶 every day"),
        (["We open at", "seven."], "We open at seven."),
        (["每天（周一除外）", "营业"], "每天（周一除外）营业"),
        (["ラーメン", "と餃子"], "ラーメンと餃子"),
        (["맛있는", "음식"], "맛있는음식"),
        (["好吃 😀", "明天见"], "好吃 😀 明天见"),  # an emoji is wide but no CJK text
        (["  第一行  ", "", "第二行"], "第一行第二行"),
    ],
)
def test_lines_join_without_a_space_only_between_cjk_text(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_a_prose_answer_in_chinese_joins_its_lines_into_one_paragraph(bank: Bank) -> None:
    prose = next(q for stage in bank.stages for q in stage.questions if q.prose)
    text = (
        "我们二〇一五年在广州开了第一家店，\n主要做早茶和午市套餐。\nOpen daily\n从早上七点开始。"
    )
    data = load_example("tea-brand") | {prose.id: text}
    plan = build_plan(bank, session_from_answers(bank, data), today=TODAY)
    texts = [
        b.text
        for part in plan.parts
        for s in part.sections
        for b in s.blocks
        if isinstance(b, Paragraph)
    ]
    assert (
        "我们二〇一五年在广州开了第一家店，主要做早茶和午市套餐。Open daily 从早上七点开始。"
        in texts
    )
    markdown = render(plan, "md")
    assert "主要做早茶和午市套餐。Open daily 从早上七点开始。" in markdown
    assert "店， 主要" not in markdown
    assert "套餐。 Open" not in markdown


def test_one_line_text_keeps_the_spaces_a_user_typed_within_a_line() -> None:
    assert flat("李记  小馆\n广州") == "李记 小馆广州"
    assert flat("Li Ji\nNoodles") == "Li Ji Noodles"


# --- display width ----------------------------------------------------------------------------


def test_pad_counts_wide_characters_as_two_columns() -> None:
    assert pad("李记小馆", 10) == "李记小馆  "
    assert pad("Acme", 10) == "Acme      "
    assert pad("小馆", 6, right=True) == "  小馆"


def test_sessions_columns_line_up_under_a_chinese_client_in_a_terminal(tmp_path: Path) -> None:
    run(tmp_path, "fill", "liji", "-", stdin="_meta: {client: 李记小馆}\nbusiness_name: 李记小馆\n")
    run(tmp_path, "fill", "acme-2027", "-", stdin="_meta: {client: Acme Ltd}\nindustry: Tea\n")
    child = spawn(tmp_path, "sessions")
    child.expect(pexpect.EOF)
    child.close()
    printed = child.before
    assert isinstance(printed, str)
    lines = [line for line in printed.replace("\r", "").splitlines() if line.strip()]
    assert lines[0].startswith("SESSION")
    assert len(lines) == 3
    assert any("李记小馆" in line for line in lines)
    starts = {cell_len(line[: line.index("PROGRESS")]) for line in lines[:1]}
    for line in lines[1:]:
        found = re.search(r"\d+/\d+", line)
        assert found, line
        starts.add(cell_len(line[: found.start()]))
        stamp = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)
        assert stamp, line
        starts_of_change = cell_len(line[: stamp.start()])
        assert starts_of_change == cell_len(lines[0][: lines[0].index("LAST CHANGE")])
    assert len(starts) == 1, lines  # the progress column starts at one column on every row


# --- line breaks ------------------------------------------------------------------------------


@given(
    st.text(alphabet=st.sampled_from("广州早茶小馆客人点心" + CLOSING + "（「 ab"), max_size=120),
    st.integers(min_value=12, max_value=40),
)
def test_wrapped_cjk_lines_fit_and_never_start_with_a_closing_mark(text: str, width: int) -> None:
    assume(not re.search(f"[{CLOSING}（「 ]{{3}}", text))  # no run of marks wider than a line
    lines = wrap(text, width, "# ", "# ")
    for n, line in enumerate(lines):
        assert cell_len(line) <= width, lines
        assert line[2] not in CLOSING or n == 0, lines
        assert not line.endswith(("（", "「")) or n == len(lines) - 1, lines
    assert "".join(line[2:] for line in lines).replace(" ", "") == text.replace(" ", "")


def test_the_answers_template_and_the_bank_description_wrap_chinese_help(
    tmp_path: Path,
) -> None:
    data = load_bank([MINI]).model_dump(mode="json")
    for stage in data["stages"]:
        for question in stage["questions"]:
            question["help"] = ZH_HELP
    bank = Bank.model_validate(data)
    template = render_sheet(build_worksheet(bank), "yaml")
    described = describe_text(bank)
    for text, width in ((template, 96), (described, 96)):
        wrapped = [line for line in text.splitlines() if re.search("[\u4e00-\u9fff]", line)]
        assert len(wrapped) > 3, text
        for line in wrapped:
            assert cell_len(line) <= width, line
            assert line.lstrip("# ")[:1] not in CLOSING, line
    assert "上班族，周末也有不少" in template.replace("\n", "").replace("# ", "").replace(" ", "")


# --- fonts ------------------------------------------------------------------------------------


def test_the_html_plan_and_worksheet_set_cjk_fonts_and_strict_line_breaks(bank: Bank) -> None:
    plan = build_plan(bank, session_from_answers(bank, load_example("tea-brand")), today=TODAY)
    for page in (render(plan, "html"), render_sheet(build_worksheet(bank), "html")):
        body = re.search(r"body \{[^}]*\}", page)
        assert body
        assert "line-break: strict" in body.group(0)
        assert "word-break: normal" in body.group(0)
        for family in ("--sans", "--serif"):
            stack = re.search(rf"{family}:([^;]*);", page)
            assert stack, family
            assert '"Noto Sans CJK SC"' in stack.group(1) or '"Noto Serif CJK SC"' in stack.group(1)
            assert '"Microsoft YaHei"' in stack.group(1)
            assert '"PingFang SC"' in stack.group(1)


def _east_asian_fonts(data: bytes) -> dict[str, tuple[str | None, str | None]]:
    document = Document(io.BytesIO(data))
    found: dict[str, tuple[str | None, str | None]] = {}
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        rfonts = document.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert rfonts is not None, name
        found[name] = (rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:eastAsiaTheme")))
    return found


def test_word_documents_name_a_cjk_east_asian_font(bank: Bank) -> None:
    plan = build_plan(bank, session_from_answers(bank, load_example("tea-brand")), today=TODAY)
    for data in (render_bytes(plan, "docx"), render_sheet_bytes(build_worksheet(bank), "docx")):
        fonts = _east_asian_fonts(data)
        assert fonts == dict.fromkeys(fonts, (CJK_FONT, None))


# --- a session name from a Chinese client name ------------------------------------------------


def test_a_chinese_client_name_gives_a_pinyin_session_name() -> None:
    assert cli._slug("李记小馆") == "lijixiaoguan"
    assert cli._slug("李记小馆 Noodles") == "lijixiaoguan-noodles"
    assert cli._slug("Smile Dental Clinic") == "smile-dental-clinic"


def test_without_pypinyin_a_chinese_client_gets_a_short_name_to_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # import pypinyin now raises ImportError
    assert cli._slug("李记小馆") == ""
    store = SessionStore(tmp_path)
    today = dt.date.today().isoformat()
    assert cli._default_name(store, "", client="李记小馆") == f"client-{today}"
    assert cli._default_name(store, "") == f"plan-{today}"


def test_new_proposes_the_pinyin_name_and_takes_another_typed(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new")
    child.expect("Who is the plan for")
    child.send("李记小馆\r")
    child.expect("Name this session:")
    child.expect("lijixiaoguan")  # the default, from the client's name in pinyin
    child.send(BACKSPACE * len("lijixiaoguan") + "liji-2027\r")
    child.expect("Business name")  # the session is made; its first question
    child.sendcontrol("c")
    child.expect("resume liji-2027")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    store = SessionStore(tmp_path)
    assert store.exists("liji-2027")
    assert not store.exists("lijixiaoguan")
    assert store.load("liji-2027").client == "李记小馆"


@pytest.mark.parametrize("width", [30, 41, 60, 100])
def test_the_wizard_wraps_a_chinese_paragraph_without_a_line_starting_with_a_mark(
    width: int,
) -> None:
    from rich.console import Console

    from wizard.screens import paragraph
    from wizard.text_layout import cells

    intro = (
        "网络营销策划要从企业战略出发：先找到一个清晰的目标，后面的每个选择都为它服务。在挑选网站"
        "或渠道之前，先把大问题想清楚——我们是谁、要做什么、靠什么赚钱、这份方案为了什么——这样方案"
        "才能以最低的成本达成目标。（您擅长什么，会在第 3 阶段和优势、劣势一起问。）"
    )
    console = Console(width=width, record=True, force_terminal=False)
    console.print(paragraph(intro, width))
    lines = console.export_text().splitlines()
    assert "".join(line.replace(" ", "") for line in lines) == intro.replace(" ", "")
    assert all(cells(line) <= width for line in lines)
    assert not [line for line in lines if line[:1] in "，。、；：？！）》」』”"]
