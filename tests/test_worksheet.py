"""The worksheet before the workshop: every question of the chosen stages, in order, in md, html
and docx; and an answers template that ``fill`` reads back."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.plan_support import load_example
from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Bank, QuestionType
from wizard.banks import load_bank
from wizard.bankset import BankSet
from wizard.conditions import compared_values
from wizard.display import clean_text
from wizard.finder import question_number
from wizard.plan.markdown import escape
from wizard.session import Depth, Session
from wizard.worksheet import build_worksheet, choose_stages, render, render_bytes

MINI = Path(__file__).parent / "data" / "mini"
KEY = re.compile(r"^([a-z_][a-z0-9_]*):\s*$")


@pytest.fixture(scope="module")
def core() -> Bank:
    return load_bank()


def cli(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "--home", str(home), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


# --- the answers template ------------------------------------------------------------------------


def filled_in(template: str, answers: dict[str, Any]) -> str:
    """The template with each answer written under its key, as a client would by e-mail: the
    empty key's line replaced by the key and its value; keys not answered stay empty."""
    out: list[str] = []
    skipping = False
    for line in template.splitlines():
        if skipping and line.startswith("  "):
            continue  # the template's own _meta keys, replaced by the answers' _meta
        skipping = False
        found = KEY.match(line)
        if found and found.group(1) in answers:
            key = found.group(1)
            out.append(yaml.safe_dump({key: answers[key]}, allow_unicode=True, sort_keys=False))
            skipping = key == "_meta"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_the_template_filled_with_the_tea_answers_gives_the_same_session(
    core: Bank, tmp_path: Path
) -> None:
    tea = load_example("tea-brand")
    template = render(build_worksheet(core), "yaml")
    keys = [m.group(1) for m in map(KEY.match, template.splitlines()) if m]
    assert keys == ["_meta", *core.ids()]  # every question, in bank order, once
    path = tmp_path / "answers.yaml"
    path.write_text(filled_in(template, tea), encoding="utf-8")
    from_template = fill_session(core, Session(name="a"), load_answers_file(path))
    direct = fill_session(core, Session(name="b"), tea)
    assert len(direct.answers) > 100
    assert {k: (a.status, a.value, a.note) for k, a in from_template.answers.items()} == {
        k: (a.status, a.value, a.note) for k, a in direct.answers.items()
    }
    assert from_template.client == direct.client == tea["_meta"]["client"]


def test_the_template_as_sent_fills_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = cli(home, "worksheet", "--format", "yaml", "-o", str(tmp_path / "t.yaml"))
    assert made.returncode == 0, made.stderr
    filled = cli(home, "fill", "client", str(tmp_path / "t.yaml"))
    assert filled.returncode == 0, filled.stderr
    assert "Filled 0 answer(s)" in filled.stdout
    shown = cli(home, "answers", "client")
    assert shown.returncode == 0, shown.stderr
    # no answer and no mark: only the language the session was filled in
    assert yaml.safe_load(shown.stdout) == {"_meta": {"language": "en"}}


def test_an_empty_key_leaves_an_answer_given_before(core: Bank) -> None:
    first = core.ids()[0]
    before = fill_session(core, Session(name="s"), {first: "Green Leaf Tea Co."})
    after = fill_session(core, before, {first: None, "_meta": {"unknown": [core.ids()[1]]}})
    assert after.answers[first].value == "Green Leaf Tea Co."
    assert core.ids()[1] in after.answers


def test_each_question_is_commented_above_its_key(core: Bank) -> None:
    template = render(build_worksheet(core, [5]), "yaml")
    blocks = re.split(r"\n(?=# \d+\.\d+ )", template)[1:]
    stage = core.stages[4]
    assert len(blocks) == len(stage.questions)
    for block, q in zip(blocks, stage.questions, strict=True):
        lines = block.strip().splitlines()
        assert lines[-1] == f"{q.id}:"
        assert all(line.startswith("#") for line in lines[:-1])
        comment = " ".join(line.lstrip("# ") for line in lines[:-1])
        assert question_number(core, q.id) in lines[0]
        assert " ".join(q.help.split()) in comment
        assert "Example:" in comment
        for choice in q.choices or []:
            assert re.search(rf"^#\s+{choice.value}\s+\S", block, re.M), choice.value
        if q.when:
            assert "Only if" in comment


# --- the printable worksheet ---------------------------------------------------------------------


def md_questions(text: str) -> list[tuple[str, str]]:
    """(number, block) for each question heading of a Markdown worksheet, in order."""
    found = re.findall(r"^### (\d+\.\d+) (.*?)(?=^### |^## |\Z)", text, re.M | re.S)
    return [(number, block) for number, block in found]


def test_the_md_worksheet_lists_every_question_in_order_with_help_and_example(
    core: Bank,
) -> None:
    text = render(build_worksheet(core), "md")
    found = md_questions(text)
    assert [n for n, _ in found] == [question_number(core, qid) for qid in core.ids()]
    for (_number, block), (_stage, q) in zip(found, core.questions(), strict=True):
        assert block.startswith(escape(q.prompt, line_start=False))
        assert escape(q.help, line_start=False) in block
        assert "Example:" in block
        assert ("(required)" in block.splitlines()[0]) is q.required
        if q.type is QuestionType.LIST:
            header = "| " + " | ".join(escape(f.title, line_start=False) for f in q.fields or [])
            assert header in block
        for choice in q.choices or []:
            assert f"☐ {escape(choice.label, line_start=False)}" in block


def test_conditions_are_said_in_words(core: Bank) -> None:
    sheet = build_worksheet(core)
    said = 0
    for q in sheet.questions():
        when = core.question(q.id).when
        if when is None:
            assert q.condition is None
            continue
        assert q.condition is not None
        assert q.condition.startswith("Only if ")
        assert when not in q.condition  # words, not the expression
        for qid, value in compared_values(when):
            asked = core.question(qid)
            assert question_number(core, qid) in q.condition
            assert f"“{asked.choice_label(value)}”" in q.condition
            said += 1
    assert said > 30


def test_stage_filters_by_number_and_id(tmp_path: Path, core: Bank) -> None:
    result = cli(tmp_path, "worksheet", "--stage", "2", "--stage", core.stages[4].id, "-o", "-")
    assert result.returncode == 0, result.stderr
    numbers = [n for n, _ in md_questions(result.stdout)]
    wanted = [question_number(core, q.id) for n in (1, 4) for q in core.stages[n].questions]
    assert numbers == wanted
    assert re.findall(r"^## Stage (\d+)\.", result.stdout, re.M) == ["2", "5"]


def test_an_unknown_stage_is_refused_with_the_stages_there_are(core: Bank) -> None:
    from wizard.errors import UsageError

    with pytest.raises(UsageError) as info:
        choose_stages(core, ["99"])
    assert core.stages[0].id in info.value.message
    assert choose_stages(core, [core.stages[2].id, "1", "1"]) == [1, 3]


def test_core_depth_keeps_only_core_questions(core: Bank) -> None:
    sheet = build_worksheet(core, depth=Depth.CORE)
    ids = [q.id for q in sheet.questions()]
    assert ids == [q.id for _s, q in core.questions() if q.core]
    assert 0 < len(ids) < len(core.ids())
    assert "short version" in sheet.instructions[-1]
    assert not any("short version" in text for text in build_worksheet(core).instructions)


def test_a_pack_adds_its_questions(tmp_path: Path, core: Bank) -> None:
    b2b, _record = BankSet(pack="b2b").load()
    added = [q for _s, q in b2b.questions() if q.id not in core.ids()]
    assert added
    result = cli(tmp_path, "worksheet", "--pack", "b2b", "-o", "-")
    assert result.returncode == 0, result.stderr
    numbers = [n for n, _ in md_questions(result.stdout)]
    assert numbers == [question_number(b2b, qid) for qid in b2b.ids()]
    for q in added:
        assert f" {escape(q.prompt, line_start=False)}" in result.stdout


def test_html_is_self_contained_and_printable(core: Bank) -> None:
    page = render(build_worksheet(core), "html")
    assert 'http-equiv="Content-Security-Policy"' in page
    assert "default-src 'none'" in page
    assert "@media print" in page
    assert "<script" not in page
    assert not re.search(r"\b(?:src|href)=", page)
    assert page.count('class="q"') == len(core.ids())


def test_docx_reads_back_with_every_prompt(core: Bank) -> None:
    import docx

    document = docx.Document(io.BytesIO(render_bytes(build_worksheet(core), "docx")))
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 2"]
    assert len(headings) == len(core.ids())
    for heading, (_s, q) in zip(headings, core.questions(), strict=True):
        assert heading.startswith(f"{question_number(core, q.id)}  {q.prompt}")
    stages = [p.text for p in document.paragraphs if _style(p) == "Heading 1"]
    assert stages == [f"Stage {n}. {s.title}" for n, s in enumerate(core.stages, start=1)]
    lists = [q for _s, q in core.questions() if q.type is QuestionType.LIST]
    assert len(document.tables) == len(lists)
    for table, q in zip(document.tables, lists, strict=True):
        assert [c.text for c in table.rows[0].cells] == [f.title for f in q.fields or []]
    props = document.core_properties  # the worksheet's, not python-docx's template's
    assert props.title == build_worksheet(core).title
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    assert props.created is not None
    assert props.created.date() == dt.date.today()


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def test_docx_through_the_cli_is_written_as_bytes(tmp_path: Path) -> None:
    out = tmp_path / "w.docx"
    result = cli(tmp_path / "home", "worksheet", "--format", "docx", "--stage", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_the_worksheet_carries_the_profile_like_the_plans_cover(tmp_path: Path) -> None:
    """Sent to the client before the workshop: the consultant, agency, contact, logo and accent
    of `marketing-wizard profile` at its head, in every format, as text (never markup)."""
    from tests.test_plan_docx import png

    home = tmp_path / "home"
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(8, 4, (0x1F, 0x5F, 0x52)))
    sent = cli(
        home,
        "profile",
        "--consultant",
        "Mei <b>Chen</b>",
        "--agency",
        "North Star",
        "--contact",
        "mei@northstar.example",
        "--logo",
        str(logo),
        "--accent",
        "#8B2252",
    )
    assert sent.returncode == 0, sent.stderr
    line = "Prepared by Mei <b>Chen</b>, North Star · mei@northstar.example"
    md = cli(home, "worksheet", "--stage", "1", "-o", "-")
    assert md.returncode == 0, md.stderr
    assert "*Prepared by Mei \\<b>Chen\\</b>, North Star · mei@northstar.example*" in md.stdout
    page = cli(home, "worksheet", "--stage", "1", "--format", "html", "-o", "-").stdout
    assert f'<p class="sender">{html.escape(line)}</p>' in page
    assert '<img class="logo" src="data:image/png;base64,' in page
    assert ":root { --accent: #8B2252; --accent-soft: #f1e4ea; }" in page
    assert "img-src data:;" in page
    out = tmp_path / "w.docx"
    done = cli(home, "worksheet", "--stage", "1", "--format", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    import docx

    document = docx.Document(str(out))
    assert line in [p.text for p in document.paragraphs[:6]]
    assert len(document.inline_shapes) == 1  # the logo
    assert str(document.styles["Heading 1"].font.color.rgb) == "8B2252"
    assert document.core_properties.author == "Mei <b>Chen</b>, North Star"
    bare = cli(tmp_path / "empty", "worksheet", "--stage", "1", "--format", "html", "-o", "-")
    assert 'class="sender"' not in bare.stdout  # no profile: nothing said, no empty line
    assert "<img" not in bare.stdout


# --- bank text cannot add markup -----------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[link](javascript:alert(1)) ![i](http://example.com/x.png) <http://example.com>",
    "| a | b |\n# heading\n```\n---",
    "*star* _under_ **bold** \\ &lt;b&gt; <!-- c -->",
    "1. ordered\n- dash\n> quote",
    "line\u2028key: value\u2029other: 1\x85more: 2\rcr: 3",
    "nul\x00 bell\x07 esc\x1b[31m",
]


def hostile_bank(plain: bool = False) -> Bank:
    """The mini test bank with every text a bank author writes replaced by hostile text (or,
    ``plain``, by plain text of as many lines)."""
    data = load_bank([MINI]).model_dump(mode="json")
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        if isinstance(node, dict):
            for key in ("prompt", "help", "label", "title", "intro"):
                if isinstance(node.get(key), str):
                    text = HOSTILE[count % len(HOSTILE)]
                    if plain:
                        lines = [line for line in clean_text(text).splitlines() if line.strip()]
                        text = "\n".join("plain text" for _line in lines)
                    node[key] = f"{text} {count}"
                    count += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data["stages"])
    return Bank.model_validate(data)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs |= {name for name, _value in attrs}


def test_bank_text_adds_no_markup_in_md_or_html() -> None:
    plain, hostile = build_worksheet(hostile_bank(plain=True)), build_worksheet(hostile_bank())
    md = MarkdownIt("commonmark").enable("table")
    for sheet in (plain, hostile):
        markdown = render(sheet, "md")
        assert len(md_questions(markdown)) == len(sheet.questions())
        page = md.render(markdown)
        parser = Tags()
        parser.feed(page)
        assert parser.tags <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"} | {
            "table", "thead", "tbody", "tr", "th", "td"
        }  # fmt: skip
        assert not parser.attrs - {"style"}  # table alignment only
    for sheet in (plain, hostile):
        page = render(sheet, "html")
        parser = Tags()
        parser.feed(page)
        assert not parser.tags & {"script", "img", "a", "iframe", "object"}
        assert not parser.attrs - {"class", "id", "charset", "http-equiv", "content", "name",
                                   "lang", "scope"}  # fmt: skip
    assert tag_names(render(plain, "html")) == tag_names(render(hostile, "html"))


def tag_names(page: str) -> list[str]:
    """Every start tag of the page, in order."""
    found: list[str] = []

    class Names(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append(tag)

    Names().feed(page)
    return found


def test_bank_text_adds_no_key_to_the_template_and_docx_keeps_it(tmp_path: Path) -> None:
    bank = hostile_bank()
    sheet = build_worksheet(bank)
    template = render(sheet, "yaml")
    path = tmp_path / "t.yaml"
    path.write_text(template, encoding="utf-8")
    data = load_answers_file(path)
    assert list(data) == ["_meta", *bank.ids()]
    assert all(value is None for key, value in data.items() if key != "_meta")
    assert fill_session(bank, Session(name="s"), data).answers == {}
    import docx

    document = docx.Document(io.BytesIO(render_bytes(sheet, "docx")))
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 2"]
    assert len(headings) == len(bank.ids())
    assert "<script>alert(1)</script>" in "\n".join(
        headings + [p.text for p in document.paragraphs]
    )


# --- in a real browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_browser_shows_and_prints_the_html_without_scripts_or_requests(tmp_path: Path) -> None:
    import os

    from tests.test_plan_browser import find_chromium, page_requests, run

    browser = find_chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: .ci/run should install it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sheet = build_worksheet(hostile_bank())
    page = tmp_path / "worksheet.html"
    page.write_text(render(sheet, "html"), encoding="utf-8")
    netlog = tmp_path / "net.json"
    dom = run(browser, tmp_path, page, f"--log-net-log={netlog}", "--dump-dom").stdout
    assert page_requests(netlog) == []
    assert tags_in(dom) >= {"h1", "h2", "h3", "table", "ul"}
    assert not tags_in(dom) & {"script", "img", "a", "iframe"}
    assert dom.count("<h3>") == len(sheet.questions())
    pdf = tmp_path / "worksheet.pdf"
    run(browser, tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) >= len(sheet.stages)


def tags_in(page: str) -> set[str]:
    parser = Tags()
    parser.feed(page)
    return parser.tags
