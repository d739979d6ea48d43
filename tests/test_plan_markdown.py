"""The Markdown plan, read back with markdown-it-py: structure, content, tables, escaping."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    answer_pieces,
    body_tokens,
    headings,
    inline_text,
    load_example,
    normal,
    parse_markdown,
    section_tokens,
    session_from_answers,
    tables,
    texts,
)
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.flow import in_force
from wizard.plan import build_plan, render
from wizard.plan.markdown import escape, mermaid_text
from wizard.session import AnswerStatus

PARTS = [
    "Summary",
    "I. Goals",
    "II. Analysis",
    "III. Implementation",
    "Open questions",
    "Appendix: questions and answers",
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def example(request: pytest.FixtureRequest, bank: Bank) -> tuple[dict[str, Any], str]:
    data = load_example(request.param)
    session = session_from_answers(bank, data, request.param)
    return data, render(build_plan(bank, session, today=TODAY), "md")


def test_parts_in_order(example: tuple[dict[str, Any], str]) -> None:
    _data, md = example
    found = headings(parse_markdown(md))
    assert found[0].level == 1
    assert found[0].text.startswith("Online marketing plan for ")
    assert [h.text for h in found if h.level == 2] == PARTS


def test_sections_sit_under_their_parts(example: tuple[dict[str, Any], str]) -> None:
    _data, md = example
    tokens = parse_markdown(md)
    h3 = {
        part: [h.text for h in headings(section_tokens(tokens, part)) if h.level == 3]
        for part in PARTS
    }
    assert h3["I. Goals"] == [
        "Purpose and significance of the plan",
        "The enterprise's task",
        "Goals",
    ]
    assert h3["II. Analysis"][:2] == ["Who we are", "Target customers and positioning"]
    assert h3["III. Implementation"][0] == "Platform and promotion"
    assert h3["III. Implementation"][-1] == "Timeline and action list"
    assert h3["Appendix: questions and answers"][0] == "1. Who we are"


def test_every_answer_in_force_shows_in_the_body(
    example: tuple[dict[str, Any], str], bank: Bank
) -> None:
    data, md = example
    session = session_from_answers(bank, data)
    shown = "\n".join(normal(t) for t in texts(body_tokens(parse_markdown(md))))
    missing = []
    for qid, answer in in_force(bank, session.answers).items():
        if answer.status is not AnswerStatus.ANSWERED:
            continue
        for piece in answer_pieces(bank.question(qid), answer.value):
            if piece not in shown:
                missing.append((qid, piece))
    assert missing == []


def test_tables_are_well_formed(example: tuple[dict[str, Any], str]) -> None:
    _data, md = example
    found = tables(parse_markdown(md))
    assert len(found) >= 10
    for rows in found:
        assert len(rows) >= 2
        assert {len(row) for row in rows} == {len(rows[0])}, rows[0]
    # and the source has one cell per column on every row, so nothing is padded by the parser
    for line in md.splitlines():
        if line.startswith("| "):
            assert re.fullmatch(r"\|( .*? \|)+", line), line


def test_mermaid_blocks(example: tuple[dict[str, Any], str]) -> None:
    _data, md = example
    fences = [t for t in parse_markdown(md) if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid", "mermaid"]
    mindmap, gantt = (f.content.splitlines() for f in fences)
    assert mindmap[0] == "mindmap"
    assert re.fullmatch(r"  root\(\([^()\[\]{}]+\)\)", mindmap[1])
    node = re.compile(r"( {4})+[\w\-–.,'/+ ]+")
    assert all(node.fullmatch(line) for line in mindmap[2:]), mindmap
    assert gantt[:3] == ["gantt", "  dateFormat YYYY-MM-DD", "  axisFormat %b %Y"]
    task = re.compile(
        r"  [\w\-–.,'/+ ]+ :(t\d+, \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d|milestone, m\d+, \d{4}-\d\d-\d\d, 0d)"
    )
    for line in gantt[3:]:
        assert line.startswith("  section ") or task.fullmatch(line), line


def test_open_questions_of_the_tea_example(bank: Bank) -> None:
    data = load_example("tea-brand")
    md = render(build_plan(bank, session_from_answers(bank, data), today=TODAY), "md")
    tokens = section_tokens(parse_markdown(md), "Open questions")
    assert [h.text for h in headings(tokens)] == ["Questions to settle", "Notes"]
    (table,) = tables(tokens)
    assert table[0] == ["Question", "Stage", "Status", "Note"]
    assert table[1][0].startswith("What share of your website's visitors buy")
    assert table[1][1:3] == ["Platform and promotion", "Don't know yet"]
    assert "Baidu Tongji" in table[1][3]


# --- escaping ------------------------------------------------------------------------------------

# Single marks and whole constructs: a random mix of these finds what a missed escape breaks.
MARKUP = [
    *"\\`*_[]()<>|&~#$!-+=.:;\"' \t1234567890ab",
    *["- ", "* ", "+ ", "1. ", "2) ", "# ", "## ", "> ", "    ", "---", "===", "***", "___"],
    *["*a*", "**a**", "_a_", "~~a~~", "`a`", "```", "~~~", "[a](b)", "![a](b)", "[a]", "<a>"],
    *["<b>", "<!-- x -->", "&amp;", "&#60;", "\\*", "| a |", "$x$", "<http://x.y>", "[^1]"],
]
text_strategy = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")),
    ),
    max_size=12,
).map("".join)
KNOWN = ["- a", "-", "1. a", "*a*", "# a", "> a", "`a`", "[a](javascript:x)", "<b>", "a | b", "==="]


def only_paragraph(markdown: str) -> str:
    tokens = parse_markdown(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    kids = tokens[1].children or []
    assert {k.type for k in kids} <= {"text", "text_special", "softbreak"}, markdown
    return inline_text(tokens[1])


@pytest.mark.parametrize("text", KNOWN)
def test_known_markup_is_escaped(text: str) -> None:
    assert only_paragraph(escape(text)) == text


@settings(max_examples=300)
@given(text_strategy)
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    escaped = escape(text)
    if not normal(text):
        assert escaped == ""
        return
    assert "\n" not in escaped
    assert only_paragraph(escaped) == normal(text)


@settings(max_examples=200)
@given(text_strategy, text_strategy)
def test_escaped_text_stays_in_its_table_cell(left: str, right: str) -> None:
    row = f"| {escape(left) or '—'} | {escape(right) or '—'} |"
    rows = tables(parse_markdown(f"| a | b |\n| --- | --- |\n{row}\n"))
    assert rows == [[["a", "b"], [normal(left) or "—", normal(right) or "—"]]]


@settings(max_examples=200)
@given(text_strategy)
def test_escaped_text_stays_in_its_heading_and_list_item(text: str) -> None:
    if not normal(text):
        return
    tokens = parse_markdown(f"### {escape(text)}\n\n- {escape(text)}\n")
    assert [t.type for t in tokens if t.type != "inline"] == [
        "heading_open",
        "heading_close",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    inlines = [inline_text(t) for t in tokens if t.type == "inline"]
    assert inlines == [normal(text), normal(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Online ads (search, social)", "Online ads – search, social"),
        ("Retail: settlement", "Retail – settlement"),
        ("root((x)) ::icon(fa) %%{init}%% `a` #1; <b>", "root – – x icon – fa – init a 1 b"),
        ("中文 🍵 مرحبا", "中文 مرحبا"),
        ("!!!", "untitled"),
    ],
)
def test_mermaid_text_keeps_only_plain_words(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


@given(st.text(max_size=200))
def test_mermaid_text_never_holds_mermaid_syntax(text: str) -> None:
    label = mermaid_text(text)
    assert label
    assert not set(label) & set('()[]{}<>:;#%`"|\n\r\t&=')
    assert len(label) <= 60
