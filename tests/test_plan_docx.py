"""The Word plan (``plan --format docx``) read back with python-docx, and opened by LibreOffice.

The DOCX must carry the same headings as the Markdown plan (as Word headings, one level up: the
Markdown's title is the cover's title), every answer in force, the plan's tables with their
columns and rows, the SWOT as a 2x2 table, the timeline and the forecast as tables, the cover
from :class:`~wizard.plan.model.Cover`, a TOC field and page numbers. Hostile answers show as
text. The LibreOffice test is skipped without ``soffice`` on a developer's machine and fails on
CI (the CI variable set); ``.ci/run`` installs it.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.pack_support import load_pack
from tests.plan_support import (
    TODAY,
    answer_pieces,
    headings,
    load_example,
    normal,
    parse_markdown,
    session_from_answers,
    tables,
)
from tests.test_e2e import env
from tests.test_plan_hostile import HOSTILE, _mark_and_park, _rewrite
from wizard.bank import Bank
from wizard.banks import load_bank
from wizard.flow import in_force
from wizard.plan import BINARY_FORMATS, Plan, build_plan, render, render_bytes
from wizard.plan.docx import docx_text
from wizard.plan.model import PARKING_LOT, Chart, Cover, Swot, Table, Timeline
from wizard.plan.views import for_audience
from wizard.session import AnswerStatus

EXAMPLES = [("tea-brand", None), ("b2b-firm", "b2b")]
TIMELINE_COLUMNS = ["Task or milestone", "Start", "End", "Owner"]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG image of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


COVER = Cover(
    consultant="Ana Pereira",
    agency="Northlight Marketing",
    contact="ana@northlight.example",
    logo="data:image/png;base64," + base64.b64encode(png(60, 20, (200, 60, 30))).decode(),
    accent="#8B2252",
)


def bank_for(pack: str | None) -> Bank:
    return load_pack(pack) if pack else load_bank()


@pytest.fixture(scope="module", params=EXAMPLES, ids=[name for name, _ in EXAMPLES])
def example(request: pytest.FixtureRequest) -> tuple[Bank, dict[str, Any], Plan, Document]:
    name, pack = request.param
    bank = bank_for(pack)
    data = load_example(name)
    plan = build_plan(bank, session_from_answers(bank, data, name), today=TODAY)
    plan = plan.model_copy(update={"cover": COVER})
    return bank, data, plan, read(render_bytes(plan, "docx"))


def read(data: bytes) -> Document:
    assert data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def blocks(document: Document) -> Iterator[DocxParagraph | DocxTable]:
    yield from document.iter_inner_content()


def word_headings(document: Document) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def rows_of(table: DocxTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(items: Iterator[DocxParagraph | DocxTable] | list[DocxParagraph | DocxTable]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, DocxParagraph):
            out.append(item.text)
        else:
            out += [cell.text for row in item.rows for cell in row.cells]
    return "\n".join(out)


def body(document: Document) -> list[DocxParagraph | DocxTable]:
    """The plan's body: from the first part's heading to the Open questions heading."""
    found: list[DocxParagraph | DocxTable] = []
    inside = False
    for item in blocks(document):
        if isinstance(item, DocxParagraph) and item.style and item.style.name == "Heading 1":
            if item.text == "Open questions":
                break
            inside = inside or item.text.startswith("I. ")
        if inside:
            found.append(item)
    return found


def model_blocks(plan: Plan) -> Iterator[object]:
    def walk(sections: list[Any]) -> Iterator[object]:
        for section in sections:
            yield from section.blocks
            yield from walk(section.subsections)

    for part in plan.parts:
        yield from walk(part.sections)


def same_tables(plan: Plan, document: Document) -> list[list[list[str]]]:
    """Check that the DOCX holds the Markdown's tables (but the SWOT), cell for cell."""
    md = [
        t for t in tables(parse_markdown(render(plan, "md"))) if t[0] != ["Strengths", "Weaknesses"]
    ]
    # an empty cell shows as a dash in Markdown
    word = [[[cell or "—" for cell in row] for row in rows_of(t)] for t in document.tables]
    own = [
        t
        for t in word
        if t[0] == TIMELINE_COLUMNS or t[0][0] in {"Period", "—"} or t[0][0].startswith("Strengths")
    ]
    assert [t for t in word if t not in own] == md
    return md


# --- structure ---------------------------------------------------------------------------------


def test_headings_are_the_markdown_headings_one_level_up(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    _bank, _data, plan, document = example
    md = headings(parse_markdown(render(plan, "md")))
    assert md[0].level == 1
    expected = [(h.level - 1, normal(h.text)) for h in md[1:]]
    assert word_headings(document) == expected
    assert len(expected) > 40
    assert {level for level, _ in expected} <= {1, 2, 3, 4}
    titles = [p.text for p in document.paragraphs if p.style and p.style.name == "Title"]
    assert titles == [plan.title]


def test_every_answer_in_force_is_in_the_body(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    bank, data, _plan, document = example
    session = session_from_answers(bank, data)
    shown = normal(all_text(body(document)))
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
    assert len(shown) > 10_000


def test_tables_are_the_markdown_tables(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    """Every table of the Markdown (but the SWOT, a 2x2 grid here) with the same header and
    cells, in the same order; the timeline and the charts are tables of their own."""
    _bank, _data, plan, document = example
    md = same_tables(plan, document)
    assert len(md) >= 15


def test_goals_budget_risks_and_forecast_tables(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    _bank, _data, plan, document = example
    headers = [rows_of(t)[0] for t in document.tables]
    goals = [b for b in model_blocks(plan) if isinstance(b, Table) and b.goals]
    assert len(goals) == 1
    assert goals[0].columns in headers
    assert goals[0].columns[0] == "Goal"
    for title in ("Budget", "Risks and dependencies"):
        section = next(s for p in plan.parts for s in p.sections if s.title == title)
        found = [b for b in section.blocks if isinstance(b, Table)]
        assert found, title
        assert all(b.columns in headers for b in found), title
    # the forecast: a table per chart, a row per x label, a column per series
    charts = [b for b in model_blocks(plan) if isinstance(b, Chart)]
    assert charts
    for chart in charts:
        table = next(
            rows_of(t)
            for t in document.tables
            if rows_of(t)[0] == ["Period", *(s.name for s in chart.series)]
            and [r[0] for r in rows_of(t)[1:]] == chart.x_labels
        )
        assert all(cell for row in table[1:] for cell in row[1:])
    # the timeline: every task and milestone with its start
    timeline = next(b for b in model_blocks(plan) if isinstance(b, Timeline))
    rows = next(rows_of(t) for t in document.tables if rows_of(t)[0] == TIMELINE_COLUMNS)
    for item in timeline.items:
        assert [item.label, item.start.isoformat()] in [r[:2] for r in rows]


def test_header_rows_repeat_and_totals_are_bold(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    _bank, _data, plan, document = example
    for table in document.tables:
        if len(table.rows) == 2 and len(table.columns) == 2 and not table.rows[0]._tr.trPr:
            continue  # the SWOT
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), rows_of(table)[0]
        assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs)
    with_totals = [b for b in model_blocks(plan) if isinstance(b, Table) and b.total_rows]
    assert with_totals
    for block in with_totals:
        table = next(t for t in document.tables if rows_of(t)[1:] == block.rows)
        last = table.rows[-1].cells
        assert all(r.bold for c in last for p in c.paragraphs for r in p.runs if r.text)
        first = table.rows[1].cells
        assert not any(r.bold for c in first for p in c.paragraphs for r in p.runs)


def test_swot_is_a_2x2_table(example: tuple[Bank, dict[str, Any], Plan, Document]) -> None:
    _bank, _data, plan, document = example
    swot = next(b for b in model_blocks(plan) if isinstance(b, Swot))
    grids = [
        t
        for t in document.tables
        if len(t.rows) == 2
        and len(t.columns) == 2
        and t.cell(0, 0).paragraphs[0].text == "Strengths"
    ]
    assert len(grids) == 1
    grid = grids[0]
    for n, (name, items) in enumerate(swot.quadrants()):
        cell = grid.cell(n // 2, n % 2)
        assert [p.text for p in cell.paragraphs] == [name, *items]
        assert all(
            p.style is not None and p.style.name == "List Bullet" for p in cell.paragraphs[1:]
        )
    assert all(swot.quadrants()[n][1] for n in range(4))


def test_cover_toc_and_page_numbers(example: tuple[Bank, dict[str, Any], Plan, Document]) -> None:
    _bank, _data, plan, document = example
    _cover, body_section = document.sections
    first = all_text(list(document.paragraphs[:15]))
    for shown in (plan.title, plan.client, COVER.consultant, COVER.agency, COVER.contact):
        assert shown
        assert shown in first
    assert plan.date.isoformat() in first
    assert len(document.inline_shapes) == 1  # the logo
    assert document.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x8B, 0x22, 0x52)
    fields = " ".join(document.element.body.xpath(".//w:instrText/text()"))
    assert 'TOC \\o "1-3"' in fields
    footer = " ".join(body_section.footer._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in footer.split()
    assert "NUMPAGES" in footer.split()
    assert not body_section.footer.is_linked_to_previous


def test_properties_are_the_plan_s_not_python_docx_s(
    example: tuple[Bank, dict[str, Any], Plan, Document],
) -> None:
    """File > Properties: the plan's title, business, consultant and date, never the template's
    author "python-docx", its comment or its creation date of 2013."""
    _bank, _data, plan, document = example
    props = document.core_properties
    assert (props.title, props.subject) == (plan.title, plan.business)
    assert props.author == props.last_modified_by == COVER.consultant
    assert props.created is not None
    assert props.modified is not None
    assert props.created.date() == props.modified.date() == plan.date
    assert (props.comments, props.keywords, props.category, props.revision) == ("", "", "", 1)


def test_empty_parts_render_nothing() -> None:
    bank = load_bank()
    plan = build_plan(bank, session_from_answers(bank, load_example("tea-brand")), today=TODAY)
    full = [text for _, text in word_headings(read(render_bytes(plan, "docx")))]
    assert "Notes" in full
    assert "Appendix: questions and answers" in full
    assert plan.check is not None
    assert plan.check.title in full
    client = for_audience(plan)  # the client's copy: no notes, parking lot, check or appendix
    shown = word_headings(read(render_bytes(client, "docx")))
    left = {"Notes", PARKING_LOT, plan.check.title, "Appendix: questions and answers"}
    assert not left & {text for _, text in shown}
    assert not any(text.startswith("Appendix") for _, text in shown)


# --- hostile text ------------------------------------------------------------------------------


def hostile_pair(name: str, pack: str | None) -> tuple[Plan, Plan]:
    bank = bank_for(pack)
    data = load_example(name)
    plans = []
    for hostile in (False, True):
        session = session_from_answers(bank, _rewrite(bank, data, hostile), name)
        _mark_and_park(session, hostile)
        plans.append(build_plan(bank, session, today=TODAY))
    return plans[0], plans[1]


@pytest.mark.parametrize(("name", "pack"), EXAMPLES)
def test_hostile_text_shows_as_text(name: str, pack: str | None) -> None:
    benign_plan, hostile_plan = hostile_pair(name, pack)
    benign, hostile = (read(render_bytes(p, "docx")) for p in (benign_plan, hostile_plan))
    assert [level for level, _ in word_headings(hostile)] == [
        level for level, _ in word_headings(benign)
    ]
    assert len(hostile.tables) == len(benign.tables)
    assert len(same_tables(hostile_plan, hostile)) >= 15
    shown = all_text(list(blocks(hostile)))
    for text in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "# heading",
        "| a | b |",
        "中文营销计划",
        "emoji 🍵🚀👩‍👩‍👧",
        "مرحبا بالعالم (right to left)",
        "&lt;b&gt; &amp; &#60;script&#62;",
        "]]></outline><outline text='x'>",
    ):
        assert text in shown, text
    assert "<script>" not in all_text(list(blocks(benign)))


EVIL = " ".join(HOSTILE) + "\x00\x01\x08\x0b\x0c\x0e\x1f\ud800\ufffe"


def evil_plan() -> Plan:
    """The tea example with every hostile string and control character in its title, business,
    client and summary (the model as a careless caller could fill it)."""
    bank = load_bank()
    plan = build_plan(bank, session_from_answers(bank, load_example("tea-brand")), today=TODAY)
    update = {"title": EVIL, "business": EVIL, "client": EVIL, "summary": [EVIL], "cover": COVER}
    return plan.model_copy(update=update)


def test_characters_xml_forbids_are_dropped() -> None:
    assert docx_text("nul\x00 bell\x07 esc\x1b[31m\x0b red\ufffe\uffff") == "nul bell esc[31m red"
    assert docx_text("<b>&amp;</b>\n  next\tline") == "<b>&amp;</b> next line"
    document = read(render_bytes(evil_plan(), "docx"))
    assert docx_text(EVIL) in all_text(list(blocks(document)))
    assert document.core_properties.title == docx_text(EVIL)[:255]


def test_render_bytes_rejects_other_formats() -> None:
    plan = build_plan(load_bank(), session_from_answers(load_bank(), {}), today=TODAY)
    assert "docx" in BINARY_FORMATS
    with pytest.raises(ValueError, match="unknown binary plan format 'md'"):
        render_bytes(plan, "md")


# --- the command and LibreOffice ---------------------------------------------------------------


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=env(home),
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_plan_command_writes_the_docx(tmp_path: Path) -> None:
    answers = (Path(__file__).parent.parent / "examples" / "tea-brand.yaml").read_text()
    assert run(tmp_path, "fill", "tea", "-", stdin=answers).returncode == 0
    done = run(tmp_path, "plan", "tea", "--format", "docx")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.decode().strip())
    assert path.name == "plan.docx"
    assert path.parent.name == "tea"
    assert word_headings(read(path.read_bytes()))[0] == (1, "Summary")
    piped = run(tmp_path, "plan", "tea", "--format", "docx", "-o", "-")
    assert piped.returncode == 0
    assert piped.stdout[:2] == b"PK"
    assert word_headings(read(piped.stdout)) == word_headings(read(path.read_bytes()))
    assert list(path.parent.iterdir()) == [path]  # no temporary file left


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice is missing on CI: .ci/run should install it "
                "(apt-get install libreoffice-writer-nogui)"
            )
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return path


@pytest.mark.parametrize("name", ["b2b-firm", "hostile-tea"])
def test_libreoffice_converts_it_to_pdf(soffice: str, tmp_path: Path, name: str) -> None:
    """The B2B example, and the tea example with hostile text on its cover and in its summary
    (the hostile answers of every field make a 110-page document that takes minutes)."""
    if name == "b2b-firm":
        bank = load_pack("b2b")
        plan = build_plan(bank, session_from_answers(bank, load_example(name)), today=TODAY)
        plan = plan.model_copy(update={"cover": COVER})
    else:
        plan = evil_plan()
    source = tmp_path / f"{name}.docx"
    source.write_bytes(render_bytes(plan, "docx"))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / f"{name}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 10 <= pages <= 80, pages
