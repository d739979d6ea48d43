"""The Markdown plan, read back with markdown-it-py: structure, content, tables, escaping."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    answer_pieces,
    body_tokens,
    early_draft,
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
from wizard.plan import Plan, build_plan, render
from wizard.plan.markdown import NOTHING_OPEN, escape, mermaid_text
from wizard.plan.model import BulletList, KeyValue, KeyValueList, Paragraph, Part, Section, Table
from wizard.session import AnswerStatus

PARTS = [
    "Summary",
    "I. Goals",
    "II. Analysis",
    "III. Implementation",
    "Open questions",
    "Notes",  # both examples have notes on answered questions
    "Appendix: plan check",
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
        "Mission and scope",
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
        q = bank.question(qid)
        for piece in answer_pieces(q, answer.value):
            # the choice that stands for the user's own channels shows as their names
            if qid == "channels" and piece == q.choice_label("custom"):
                continue
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
    assert [f.info for f in fences] == ["mermaid", "mermaid", "mermaid"]
    mindmap, chart, gantt = (f.content.splitlines() for f in fences)
    assert chart[0] == "xychart-beta"
    assert mindmap[0] == "mindmap"
    assert re.fullmatch(r'  root\(\("[^()\[\]{}"]+"\)\)', mindmap[1])
    node = re.compile(r"  ( {2})+n[0-9]+\[\"[\w\-–.,'/+ ]+\"\]")
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
    assert [h.text for h in headings(tokens)] == ["Questions to settle"]
    (table,) = tables(tokens)
    assert table[0] == ["Question", "Stage", "Status", "Note"]
    assert table[1][0].startswith("What share of your website's visitors buy")
    assert table[1][1:3] == ["Platform and promotion", "Don't know yet"]
    assert "Baidu Tongji" in table[1][3]


def test_open_questions_of_an_early_draft(bank: Bank) -> None:
    """Only stages 1-2 answered: the "don't know yet" comes first, the stages never reached are
    one row each, not one row per question."""
    plan = build_plan(bank, session_from_answers(bank, early_draft(bank)), today=TODAY)
    tokens = section_tokens(parse_markdown(render(plan, "md")), "Open questions")
    assert [h.text for h in headings(tokens)] == [
        "Questions to settle",
        "Not answered yet",
        "Sections without answers",
    ]
    settle, unanswered = tables(tokens)
    assert settle == [
        ["Question", "Stage", "Status", "Note"],
        [
            bank.question("how_to_achieve").prompt,
            "Goals",
            "Don't know yet",
            "Agreed with Wu Jianguo once the goals are signed off.",
        ],
    ]
    assert unanswered[0] == ["Stage", "Not answered yet", "Required among them"]
    rows = {row[0]: row[1:] for row in unanswered[1:]}
    assert len(rows) == len(unanswered) - 1  # one row per stage
    for number, stage in enumerate(bank.stages[2:], 3):
        assert f"{number}. {stage.title}" in rows
    assert (
        rows["5. Platform and promotion"][1]
        == "Own website or third-party platform and Promotion channels"
    )
    assert rows["7. Data, budget and control"][1] == "Total budget"
    assert rows["3. Market and competition"][1] == "—"  # an empty cell shows a dash
    shown = {e.question_id: e for s in plan.appendix for e in s.entries}
    missing = sum(e.status.value == "unanswered" for e in shown.values())
    assert missing > 12  # the summary says numbers above twelve in digits
    assert sum(int(row[0].split()[0]) for row in rows.values()) == missing
    # no question of a stage never reached has a row of its own
    shown_text = " ".join(texts(tokens))
    for q in bank.stages[4].questions:
        assert q.prompt not in shown_text
    summary = " ".join(plan.summary)
    assert f"one question is still open, {missing} questions are not answered yet" in summary


# --- blocks never run together ------------------------------------------------------------------

BIKE_SHOP = [
    "Family-run bike workshop in Graz, founded in 1987",
    "Six mechanics; we repair, rent and sell city and cargo bikes",
    "Known for same-day repairs and honest advice",
]


def list_items(tokens: list[Token], start: int) -> list[str]:
    """The texts of the items of the list that opens at ``tokens[start]``."""
    depth = 0
    items: list[str] = []
    for n in range(start, len(tokens)):
        tok = tokens[n]
        if tok.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif tok.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
            if depth == 0:
                return items
        elif tok.type == "inline" and depth == 1:
            items.append(inline_text(tok))
    raise AssertionError("the list is not closed")


def section_blocks(tokens: list[Token], title: str) -> list[Token]:
    """The tokens under the third-level heading ``title``, up to the next heading of its level."""
    start = next(
        n
        for n, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == "h3" and inline_text(tokens[n + 1]) == title
    )
    end = next(
        (
            n
            for n in range(start + 3, len(tokens))
            if tokens[n].type == "heading_open" and tokens[n].tag in {"h2", "h3"}
        ),
        len(tokens),
    )
    return tokens[start + 3 : end]


@pytest.mark.parametrize("who_we_are", ["\n".join(BIKE_SHOP), BIKE_SHOP[0]], ids=["lines", "line"])
def test_the_facts_list_holds_only_the_facts(bank: Bank, who_we_are: str) -> None:
    """A long text after the facts is a block of its own, not more facts (CommonMark would
    make two bullet lists with only a blank line between them one list)."""
    data = load_example("tea-brand") | {"who_we_are": who_we_are}
    plan = build_plan(bank, session_from_answers(bank, data), today=TODAY)
    md = render(plan, "md")
    tokens = section_blocks(parse_markdown(md), "Who we are")
    assert tokens[0].type == "bullet_list_open"
    assert list_items(tokens, 0) == [
        "Business name: Wuyi Cliff Tea Co.",
        "Industry: Growing, roasting and selling Wuyi rock oolong tea",
        "Where we sell today: Mostly offline, a little online",
    ]
    closed = next(n for n, t in enumerate(tokens) if t.type == "bullet_list_close")
    # the answer follows under a heading of its own, then the next answer under its label
    assert [h.text for h in headings(tokens[closed:])][:2] == [
        "In our own words",
        "What we are going to do",
    ]
    if "\n" in who_we_are:  # a prose question: its lines join into one paragraph
        assert " ".join(BIKE_SHOP) in texts(tokens[closed:])
    else:
        assert BIKE_SHOP[0] in texts(tokens[closed:])


def _plan(*blocks: Any) -> Plan:
    section = Section(id="s", title="Section", blocks=list(blocks))
    return Plan(
        title="Plan",
        session="s",
        date=TODAY,
        parts=[Part(id="goals", title="I. Goals", intro="Intro.", sections=[section])],
    )


def test_two_lists_in_a_row_stay_two_lists() -> None:
    """Whatever the builder makes, the Markdown writer never lets two lists merge."""
    plan = _plan(
        KeyValueList(rows=[KeyValue(key="Name", value="Velo Graz")]),
        BulletList(items=["one", "two"], question_ids=["a"]),
        BulletList(items=["three"], question_ids=["a"]),
        Paragraph(text="A paragraph."),
        BulletList(items=["four"], question_ids=["b"]),
    )
    tokens = section_blocks(parse_markdown(render(plan, "md")), "Section")
    starts = [n for n, t in enumerate(tokens) if t.type == "bullet_list_open"]
    assert [list_items(tokens, n) for n in starts] == [
        ["Name: Velo Graz"],
        ["one", "two"],
        ["three"],
        ["four"],
    ]


# --- open questions and notes --------------------------------------------------------------------


def test_notes_have_a_part_of_their_own_and_nothing_open_is_said(bank: Bank) -> None:
    data = load_example("b2b-services")  # every question answered, two notes
    md = render(build_plan(bank, session_from_answers(bank, data), today=TODAY), "md")
    tokens = parse_markdown(md)
    assert texts(section_tokens(tokens, "Open questions")) == ["Open questions", NOTHING_OPEN]
    notes = section_tokens(tokens, "Notes")
    assert headings(notes) == []
    shown = texts(notes)
    assert shown[0] == "Notes"
    assert [t[:40] for t in shown[1:]] == [
        "Online ads: budget per month: Start at 1",
        "Expected extra sales: Assumes an average",
    ]


def test_no_notes_no_notes_part(bank: Bank) -> None:
    data = load_example("b2b-services")
    data["_meta"] = {k: v for k, v in data["_meta"].items() if k != "notes"}
    md = render(build_plan(bank, session_from_answers(bank, data), today=TODAY), "md")
    assert [h.text for h in headings(parse_markdown(md)) if h.level == 2] == [
        part for part in PARTS if part != "Notes"
    ]


# --- escaping ------------------------------------------------------------------------------------

# Single marks and whole constructs: a random mix of these finds what a missed escape breaks.
MARKUP = [
    *"\\`*_[]()<>|&~#$!-+=.:;\"' \t1234567890ab",
    *["- ", "* ", "+ ", "1. ", "2) ", "# ", "## ", "> ", "    ", "---", "===", "***", "___"],
    *["*a*", "**a**", "_a_", "~~a~~", "`a`", "```", "~~~", "[a](b)", "![a](b)", "[a]", "<a>"],
    *["<b>", "<!-- x -->", "&amp;", "&#60;", "\\*", "| a |", "$x$", "<http://x.y>", "[^1]"],
    *["&copy;", "&#x3C;", "<a@b.c>", "<1@b.c>", "</a>", "<?x", "<!x", "a_b", "_a_", " #", "##"],
    *["1.", "1)", "12. ", "-1", "+1", "- - -", "* * *", "***a***", "a\\", "\\\\", "~~", "!["],
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
    def cell(text: str) -> str:
        return escape(text, line_start=False) or "—"

    row = f"| {cell(left)} | {cell(right)} |"
    rows = tables(parse_markdown(f"| a | b |\n| --- | --- |\n{row}\n"))
    assert rows == [[["a", "b"], [normal(left) or "—", normal(right) or "—"]]]


@settings(max_examples=200)
@given(text_strategy)
def test_escaped_text_stays_in_its_heading_and_list_item(text: str) -> None:
    if not normal(text):
        return
    tokens = parse_markdown(f"### {escape(text, line_start=False)}\n\n- {escape(text)}\n")
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


@settings(max_examples=200)
@given(text_strategy, text_strategy)
def test_escaped_text_stays_in_its_key_value_item(key: str, value: str) -> None:
    if not normal(key):
        return
    line = f"- **{escape(key, line_start=False)}:** {escape(value, line_start=False) or '—'}"
    tokens = parse_markdown(f"*{escape(value, line_start=False) or '—'}*\n\n{line}\n")
    assert [t.type for t in tokens if t.type != "inline"] == [
        "paragraph_open",
        "paragraph_close",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    emphasis, item = (
        [k for k in t.children or [] if k.type != "text" or k.content]
        for t in tokens
        if t.type == "inline"
    )
    assert [k.type for k in emphasis[:1] + emphasis[-1:]] == ["em_open", "em_close"]
    assert [k.type for k in item[:1]] == ["strong_open"]
    strong_close = next(n for n, k in enumerate(item) if k.type == "strong_close")
    assert {k.type for k in item[1:strong_close]} <= {"text", "text_special"}
    assert {k.type for k in item[strong_close + 1 :]} <= {"text", "text_special"}
    assert inline_text(tokens[1]) == (normal(value) or "—")
    assert inline_text(tokens[6]) == f"{normal(key)}: {normal(value) or '—'}"


ORDINARY = "Repair & service (<100 EUR), 1.2% conversion"


@pytest.mark.parametrize(
    "text",
    [
        ORDINARY,
        "1.2% of visitors buy; 100% of them (> 50 a day) come back!",
        "Q&A sites, R&D, utm_source and C# code #1",
        "-5% costs, +40% profit = 3 - 2 > 1",
        "1. Who we are",
    ],
)
def test_ordinary_text_needs_no_backslashes(text: str) -> None:
    """Only what could change the structure where the text stands is escaped."""
    escaped = escape(text, line_start=False)
    assert escaped == text
    assert only_paragraph(f"x {escaped}") == f"x {text}"
    if text != "1. Who we are":
        assert escape(text) == text


@pytest.mark.parametrize(
    ("text", "at_line_start", "elsewhere"),
    [
        ("1. Who we are", "1\\. Who we are", "1. Who we are"),
        ("2) done", "2\\) done", "2) done"),
        ("- dash", "\\- dash", "- dash"),
        ("+ plus", "\\+ plus", "+ plus"),
        ("---", "\\---", "---"),
        ("# title", "\\# title", "# title"),
        ("> quote", "\\> quote", "> quote"),
        ("Title #", "Title \\#", "Title \\#"),  # would close a heading
        ("&amp; &#60; &copy;", "\\&amp; \\&#60; \\&copy;", "\\&amp; \\&#60; \\&copy;"),
        ("<b> </a> <!-- <?x <http://x.y> <1@x.y>", None, None),
    ],
)
def test_structure_is_escaped_where_it_counts(
    text: str, at_line_start: str | None, elsewhere: str | None
) -> None:
    if at_line_start is not None:
        assert escape(text) == at_line_start
        assert escape(text, line_start=False) == elsewhere
    assert only_paragraph(escape(text)) == text
    assert "<" not in escape(text).replace("\\<", "")


def test_ordinary_text_reads_plainly_in_the_markdown_plan() -> None:
    plan = _plan(
        KeyValueList(rows=[KeyValue(key="Offer", value=ORDINARY)]),
        Paragraph(text=ORDINARY, title=ORDINARY, question_ids=["p"]),
        BulletList(items=[ORDINARY, "1.2% conversion"], question_ids=["b"]),
        Table(columns=["What", "How much"], rows=[[ORDINARY, "+40%"]], title="1. Costs"),
    )
    md = render(plan, "md")
    assert f"- **Offer:** {ORDINARY}" in md.splitlines()
    assert f"#### {ORDINARY}" in md.splitlines()
    assert f"{ORDINARY}" in md.splitlines()
    assert f"- {ORDINARY}" in md.splitlines()
    assert "- 1.2% conversion" in md.splitlines()
    assert f"| {ORDINARY} | +40% |" in md.splitlines()
    assert "#### 1. Costs" in md.splitlines()
    body = md[md.index("## I. Goals") :]
    assert "\\" not in body


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
