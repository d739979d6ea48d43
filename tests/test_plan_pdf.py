"""The PDF plan, read back with poppler's pdftotext: headings, cover, page numbers, hostile text.

Each available engine prints the tea example once (Chromium about 4 s, WeasyPrint about 15 s).
pdftotext (``apt-get install poppler-utils``) and Chromium are skipped when missing on a
developer's machine and fail on CI (the CI variable set), where ``.ci/run`` installs them.
WeasyPrint is an optional extra (``pip install -e '.[pdf]'``): its tests run when it imports.

Page counts, measured when this was written (tea example, every part and the appendix): 35
pages printed by Chromium 150, 36 by WeasyPrint 70; the appendix of questions and answers is the
last 11 of them. The bounds leave room for wording changes, not for a layout gone wrong (a page
per table, or the print rules lost).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.plan_support import TODAY, load_example, session_from_answers
from tests.test_e2e import env
from tests.test_plan_hostile import HOSTILE, _rewrite
from wizard.banks import load_bank
from wizard.plan import BINARY_FORMATS, build_plan, render, render_bytes
from wizard.plan.pdf import (
    PRINT_CSS,
    SVG_CSS,
    PdfEngineMissing,
    PdfError,
    _styled_svgs,
    _weasyprint,
    find_chromium,
    print_html,
    printable,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
PARTS = ["Summary", "I. Goals", "II. Analysis", "III. Implementation", "Open questions", "Notes"]
MIN_PAGES, MAX_PAGES = 8, 25
"""The tea example's internal version with every answer in its appendix: 22 pages (Chromium,
2026-12-01); the client's copy is 15 (issue 11 asks for about 15)."""
CLIENT_PAGES = 16
"""The tea example's client copy: 15 pages (issue 11: "at most about 15")."""
APPENDIX_BY = 18
"""The page the appendix of questions and answers starts on at the latest (now 16)."""


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing on CI: .ci/run should install it ({package})")
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return _tool("pdftotext", "poppler-utils")


def _engines() -> list[str]:
    return ["chromium", "weasyprint"]


def _need(engine: str) -> None:
    if engine == "chromium":
        _tool("chromium", "chromium")
    elif _weasyprint() is None:
        pytest.skip("WeasyPrint is not installed (pip install -e '.[pdf]')")


def _plan_pdf(name: str, engine: str | None, hostile: bool = False) -> bytes:
    bank = load_bank()
    data = load_example(name)
    if hostile:
        data = _rewrite(bank, data, hostile=True)
    plan = build_plan(bank, session_from_answers(bank, data, name), today=TODAY)
    return print_html(render(plan, "html"), engine)


@pytest.fixture(scope="module", params=_engines())
def tea_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    engine = str(request.param)
    _need(engine)
    path = tmp_path_factory.mktemp(engine) / "tea.pdf"
    path.write_bytes(_plan_pdf("tea-brand", engine))
    return path


def text_of(pdftotext: str, pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def page_count(pdftotext: str, pdf: Path) -> int:
    """Pages, counted by the form feed pdftotext ends each page with."""
    return text_of(pdftotext, pdf).count("\f")


def test_the_pdf_has_the_parts_in_order(pdftotext: str, tea_pdf: Path) -> None:
    data = tea_pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    summary = text_of(pdftotext, tea_pdf, 2, 2)
    assert summary.lstrip().startswith("Summary\n")
    assert "The plan at a glance" in summary  # the mind map, which names the parts too
    # From page 2: the mind map names the three parts first, then the parts follow on
    lines = [line.strip() for line in text_of(pdftotext, tea_pdf, 2).splitlines()]
    found = [line for line in lines if line in PARTS[1:] or line.startswith("Appendix")]
    assert found[:3] == PARTS[1:4]  # the mind map's branches
    found = found[3:]
    assert found[: len(PARTS) - 1] == PARTS[1:]
    assert [line for line in found[len(PARTS) - 1 :] if not line.startswith("Appendix")] == []
    for heading in ("Budget by channel", "Forecast in three cases", "Timeline", "Action list"):
        assert heading in lines


def test_the_cover_is_a_page_of_its_own(pdftotext: str, tea_pdf: Path) -> None:
    cover = text_of(pdftotext, tea_pdf, 1, 1)
    assert "Online marketing plan for" in cover
    assert "Wuyi Cliff Tea Co." in cover
    assert "Summary" not in cover
    assert text_of(pdftotext, tea_pdf, 2, 2).lstrip().startswith("Summary")


def test_the_page_count_is_within_bounds(pdftotext: str, tea_pdf: Path) -> None:
    pages = page_count(pdftotext, tea_pdf)
    assert MIN_PAGES <= pages <= MAX_PAGES
    starts = [
        n
        for n in range(1, pages + 1)
        if "Appendix: questions and answers" in text_of(pdftotext, tea_pdf, n, n)
    ]
    assert starts
    assert starts[0] <= APPENDIX_BY


def test_every_page_after_the_cover_is_numbered(pdftotext: str, tea_pdf: Path) -> None:
    pages = page_count(pdftotext, tea_pdf)
    assert "/ " not in text_of(pdftotext, tea_pdf, 1, 1)
    for n in range(2, pages + 1):
        lines = [line.strip() for line in text_of(pdftotext, tea_pdf, n, n).splitlines()]
        assert f"{n} / {pages}" in lines, n


def test_hostile_text_is_printed_as_text(pdftotext: str, tmp_path: Path) -> None:
    """With the default engine: WeasyPrint 70 fails on this plan, and Chromium prints it."""
    _need("chromium")
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(_plan_pdf("b2b-services", None, hostile=True))
    text = " ".join(text_of(pdftotext, pdf).split())
    for hostile in HOSTILE[:10]:
        assert " ".join(hostile.split()) in text, hostile
    assert "中文营销计划" in text


def test_a_weasyprint_failure_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's own errors become a message; with Chromium there, Chromium prints instead."""
    _need("weasyprint")
    page = '<html><head></head><body><p style="position: absolute">x</p></body></html>'

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError

    weasyprint = _weasyprint()
    assert weasyprint is not None
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(PdfError, match=r"WeasyPrint could not print the plan \(AssertionError"):
        print_html(page, "weasyprint")
    if find_chromium() is not None:
        assert print_html(page).startswith(b"%PDF-")


# --- without an engine, and through the command line ------------------------------------------


def _cli(home: Path, *args: str, path: str | None = None, block: Path | None = None) -> Any:
    environment = env(home)
    if path is not None:
        environment["PATH"] = path
    if block is not None:  # a module named weasyprint that cannot be imported
        blocker = block / "weasyprint.py"
        blocker.write_text("raise ImportError('blocked by the test')\n", encoding="utf-8")
        environment["PYTHONPATH"] = os.pathsep.join([str(block), str(Path(__file__).parent.parent)])
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env=environment,
        capture_output=True,
        check=False,
        timeout=180,
    )


def _filled(home: Path) -> None:
    done = _cli(home, "fill", "tea", str(EXAMPLES / "tea-brand.yaml"))
    assert done.returncode == 0, done.stderr


def test_without_an_engine_the_cli_says_what_to_install(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _filled(home)
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    done = _cli(home, "plan", "tea", "--format", "pdf", path=str(tmp_path / "empty"), block=blocked)
    message = done.stderr.decode()
    assert done.returncode == 1, message
    assert "Traceback" not in message
    assert "Neither WeasyPrint nor Chromium" in message
    assert "pip install 'marketing-plan-wizard[pdf]'" in message
    assert "apt-get install chromium" in message
    assert done.stdout == b""
    assert not (home / "plans" / "tea" / "plan.pdf").exists()


def test_an_engine_asked_for_by_name_and_missing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(PdfEngineMissing, match="Chromium is not available to print the plan"):
        print_html("<html><head></head><body>x</body></html>", "chromium")
    with pytest.raises(ValueError, match="unknown PDF engine"):
        print_html("<html></html>", "prince")


def test_a_consultants_own_templates_print_as_pdf(pdftotext: str, tmp_path: Path) -> None:
    """`plan --format pdf --template DIR`: the consultant's page, printed as the shipped one."""
    _need("chromium")
    home = tmp_path / "home"
    _filled(home)
    mine = tmp_path / "mine"
    assert _cli(home, "plan-templates", str(mine)).returncode == 0
    cover = mine / "cover.html.j2"
    text = cover.read_text(encoding="utf-8")
    line = "<p>CONFIDENTIAL, prepared by North Star</p>\n"
    cover.write_text(text.replace("<h1>", line + "<h1>", 1), encoding="utf-8")
    out = tmp_path / "own.pdf"
    done = _cli(home, "plan", "tea", "--format", "pdf", "--template", str(mine), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "CONFIDENTIAL, prepared by North Star" in text_of(pdftotext, out, 1, 1)
    assert "Summary" in text_of(pdftotext, out, 2, 2)  # the cover still a page of its own


def test_the_cli_writes_the_pdf_to_the_plans_folder_and_to_stdout(
    pdftotext: str, tmp_path: Path
) -> None:
    _need("chromium")
    home = tmp_path / "home"
    _filled(home)
    done = _cli(home, "plan", "tea", "--format", "pdf")
    assert done.returncode == 0, done.stderr
    path = home / "plans" / "tea" / "plan.pdf"
    assert done.stdout.decode().strip() == str(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert not [p for p in path.parent.iterdir() if p.name != "plan.pdf"]  # no temporary left
    streamed = _cli(home, "plan", "tea", "--format", "pdf", "-o", "-")
    assert streamed.returncode == 0, streamed.stderr
    assert streamed.stdout.startswith(b"%PDF-")
    assert streamed.stdout.rstrip().endswith(b"%%EOF")
    assert "Summary" in text_of(pdftotext, path, 2, 2)


def test_the_clients_pdf_has_no_notes_and_the_internal_one_has_them(
    pdftotext: str, tmp_path: Path
) -> None:
    """A note on an answer of the tea example, and a point parked in the workshop."""
    _need("chromium")
    home = tmp_path / "home"
    _filled(home)
    parked = tmp_path / "parked.yaml"
    parked.write_text("_meta:\n  parked:\n    - text: Who signs off the JD deposit?\n")
    assert _cli(home, "fill", "tea", str(parked)).returncode == 0
    texts, pdfs = {}, {}
    for name, flags in (("client", ()), ("internal", ("--internal",))):
        out = pdfs[name] = tmp_path / f"{name}.pdf"
        done = _cli(home, "plan", "tea", "--format", "pdf", "-o", str(out), *flags)
        assert done.returncode == 0, done.stderr
        texts[name] = " ".join(text_of(pdftotext, out).split())
    note = "four weeks of data"  # the note on the conversion rate (examples/tea-brand.yaml)
    for internal_only in (
        note,
        "Who signs off the JD deposit?",
        "Parking lot",
        "Appendix: plan check",
        "Internal version, not for the client: it holds what is for the facilitator only",
    ):
        assert internal_only not in texts["client"], internal_only
        assert internal_only in texts["internal"], internal_only
    assert "III. Implementation" in texts["client"]
    # every page of the internal version says so at its foot, none of the client's
    mark = "Internal version, not for the client"
    pages = page_count(pdftotext, pdfs["internal"])
    for n in range(1, pages + 1):
        assert mark in text_of(pdftotext, pdfs["internal"], n, n), n
    assert mark not in texts["client"]
    assert page_count(pdftotext, pdfs["client"]) <= CLIENT_PAGES


# --- the print rules ---------------------------------------------------------------------------


def test_the_print_rules_go_into_the_head_for_print_only() -> None:
    page = "<!DOCTYPE html><html><head><style>p{}</style></head><body><p>&lt;/head&gt;</p></body>"
    out = printable(page)
    head, body = out.split("</head>", 1)
    assert f'<style media="print">\n{PRINT_CSS}</style>' in head
    assert head.index("p{}") < head.index(PRINT_CSS)  # after the page's own, so it wins
    assert body == "<body><p>&lt;/head&gt;</p></body>"
    assert "@bottom-center" in PRINT_CSS
    assert 'counter(page) " / " counter(pages)' in PRINT_CSS


def test_weasyprint_gets_the_drawing_styles_inside_each_svg() -> None:
    page = '<p>&lt;svg x&gt;</p><svg class="chart" viewBox="0 0 1 1"><g></g></svg><svg class="s">'
    out = _styled_svgs(page)
    assert out.count(f"<style>{SVG_CSS}</style>") == 2
    assert out.startswith('<p>&lt;svg x&gt;</p><svg class="chart" viewBox="0 0 1 1"><style>')
    assert re.search(r"\.c0 polyline, \.c0 line \{ stroke: #1f5f52; \}", SVG_CSS)


def test_render_bytes_makes_pdf_and_refuses_text_formats() -> None:
    assert "pdf" in BINARY_FORMATS
    bank = load_bank()
    plan = build_plan(bank, session_from_answers(bank, load_example("tea-brand")), today=TODAY)
    with pytest.raises(ValueError, match="unknown binary plan format 'md'"):
        render_bytes(plan, "md")
