"""The HTML plan from Jinja2 templates: the same content as the Markdown, the cover, the
client's copy, and a consultant's own templates in a sandbox that refuses what it should."""

from __future__ import annotations

import base64
import os
import re
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    early_draft,
    headings,
    load_example,
    parse_markdown,
    session_from_answers,
    texts,
)
from tests.test_plan_hostile import HOSTILE_ONE_LINE, check_html
from wizard.banks import load_bank
from wizard.plan import Plan, build_plan, render
from wizard.plan.html import MAIN_TEMPLATE, TemplateProblem, copy_templates, render_html
from wizard.plan.model import Cover
from wizard.plan.views import for_audience

NOTICE = (
    "Internal version, not for the client: it holds what is for the facilitator only, such as "
    "notes, the parking lot and the plan check."
)
BLOCK_TAGS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "text", "title"}


class _Chunks(HTMLParser):
    """The text of each block-level element (and SVG text), whitespace collapsed; the
    headings as (level, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self._open: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "style"
        if tag in BLOCK_TAGS:
            self._flush()
            self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        self._skip = False
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._open.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._open).split())
        if text:
            self.chunks.append(text)
            tag = getattr(self, "_tag", "")
            if re.fullmatch(r"h[1-6]", tag):
                self.headings.append((int(tag[1]), text))
        self._open = []
        self._tag = ""


def chunks(document: str) -> _Chunks:
    parser = _Chunks()
    parser.feed(document)
    parser.close()
    return parser


def example_plan(name: str, **update: object) -> Plan:
    bank = load_bank()
    plan = build_plan(bank, session_from_answers(bank, load_example(name), name), today=TODAY)
    return plan.model_copy(update=update)


def tiny_png() -> str:
    """A 1x1 PNG as a data URI."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xb7\x79\x1f"))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


# --- the same content as the Markdown ------------------------------------------------------------


def _plans() -> list[Plan]:
    bank = load_bank()
    early = build_plan(bank, session_from_answers(bank, early_draft(bank), "early"), today=TODAY)
    return [example_plan(name) for name in EXAMPLE_NAMES] + [early]


@pytest.mark.parametrize("plan", _plans(), ids=[*EXAMPLE_NAMES, "early-draft"])
def test_the_html_holds_every_heading_and_answer_of_the_markdown(plan: Plan) -> None:
    md = parse_markdown(render(plan, "md"))
    shown = chunks(render(plan, "html"))
    assert shown.headings == [(h.level, " ".join(h.text.split())) for h in headings(md)]
    wanted = [" ".join(t.split()) for t in texts(md)]
    # Markdown says in a sentence which line of a chart is which; the HTML draws a legend.
    wanted = [t for t in wanted if not t.startswith(("Lines, from the top", "The line, at"))]
    assert len(wanted) > 200
    have = set(shown.chunks)
    assert [t for t in wanted if t not in have] == []


# --- the cover -----------------------------------------------------------------------------------

COVER = Cover(
    consultant="Anna Weber <script>alert(1)</script>",
    agency="Weber & Partner <b>GmbH</b>",
    contact="anna@weber.example · +49 711 555 0100",
    logo=tiny_png(),
    accent="#8a2be2",
    workshop=TODAY,
)


def test_the_cover_shows_who_the_plan_is_for_and_from_escaped() -> None:
    plan = example_plan(
        "b2b-services", cover=COVER, client=HOSTILE_ONE_LINE, business="Neckar <i>IT</i>"
    )
    document = render(plan, "html")
    parser = check_html(document)
    cover = document.split('<div class="cover">')[1].split("<h2")[0]
    facts = chunks(cover).chunks
    assert facts[:2] == [
        plan.title,
        f"Draft for discussion · prepared for {HOSTILE_ONE_LINE} · 2026-11-22",
    ]
    assert facts[2:] == [
        NOTICE,  # the plan as built is the internal version (tests/test_plan_views.py)
        "Business Neckar <i>IT</i>",
        "Workshop 2026-11-22",
        "Prepared by Anna Weber <script>alert(1)</script>, Weber & Partner <b>GmbH</b>",
        "Contact anna@weber.example · +49 711 555 0100",
    ]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;, Weber &amp; Partner &lt;b&gt;GmbH" in cover
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert images == [
        [("class", "logo"), ("src", COVER.logo), ("alt", "Logo")]
    ]  # no plan text in attributes
    assert "img-src data:;" in document
    assert ":root { --accent: #8a2be2; --accent-soft: #f1e6fc; }" in document


def test_a_logo_is_only_ever_a_data_uri() -> None:
    for link in ("https://weber.example/logo.png", "data:image/svg+xml;base64,PHN2Zz4=", "x.png"):
        with pytest.raises(ValidationError):
            Cover(logo=link)
    document = render(example_plan("tea-brand", cover=COVER), "html")
    assert re.findall(r'src="([^"]*)"', document) == [COVER.logo]


def test_a_cover_with_nothing_but_the_title_and_date() -> None:
    plan = example_plan("tea-brand", client=None, business=None, cover=Cover())
    document = render(plan, "html")
    cover = document.split('<div class="cover">')[1].split("<h2")[0]
    assert chunks(cover).chunks == [plan.title, "Draft for discussion · 2026-11-22", NOTICE]
    client = render(for_audience(plan), "html").split('<div class="cover">')[1].split("<h2")[0]
    assert chunks(client).chunks == [plan.title, "Draft for discussion · 2026-11-22"]
    assert "<img" not in document
    assert "cover-facts" not in cover
    assert "--accent: #1f5f52" in document  # the stylesheet's own accent


def test_the_clients_copy_has_no_internal_sections() -> None:
    plan = example_plan("tea-brand", internal=False, notes=[], parked=[], check=None, appendix=[])
    document = render(plan, "html")
    check_html(document)
    h2 = [text for level, text in chunks(document).headings if level == 2]
    assert h2 == ["Summary", "I. Goals", "II. Analysis", "III. Implementation", "Open questions"]
    assert "Appendix" not in document
    assert 'class="facts"' in document  # the body's facts are still there


# --- a consultant's own templates ----------------------------------------------------------------


def own(tmp_path: Path, template: str, **files: str) -> Path:
    folder = tmp_path / "own"
    folder.mkdir(exist_ok=True)
    (folder / MAIN_TEMPLATE).write_text(template, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_shipped_templates_copied_render_the_same_page(tmp_path: Path) -> None:
    plan = example_plan("tea-brand", cover=COVER)
    copied = copy_templates(tmp_path / "mine")
    assert sorted(p.name for p in copied) == [
        "base.html.j2",
        "blocks.html.j2",
        "cover.html.j2",
        "plan.css",
        "plan.html.j2",
    ]
    assert render_html(plan, tmp_path / "mine") == render(plan, "html")
    with pytest.raises(TemplateProblem, match=r"already holds base\.html\.j2"):
        copy_templates(tmp_path / "mine")


def test_an_own_template_gets_the_plan_as_data_and_the_drawings_as_markup(
    tmp_path: Path,
) -> None:
    folder = own(
        tmp_path,
        "<h1>{{ plan.title }}</h1>{{ plan.client }}\n"
        "{% for part in plan.parts %}{% for s in part.sections %}{% for b in s.blocks %}"
        "{% if b.kind == 'timeline' %}{{ b.drawing }}{{ b['items'][0].label }}{% endif %}"
        "{% endfor %}{% endfor %}{% endfor %}\n",
    )
    plan = example_plan("tea-brand", client="<script>x</script>")
    page = render_html(plan, folder)
    assert page.startswith(f"<h1>{plan.title}</h1>&lt;script&gt;x&lt;/script&gt;\n")
    assert page.count('<svg class="gantt"') == 1


@pytest.mark.parametrize(
    ("template", "refused"),
    [
        ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ plan.__class__.__mro__ }}", "unsafe"),
        ("{{ '{0.__class__}'.format(plan) }}", "unsafe"),
        ("{{ lipsum.__globals__ }}", "unsafe"),
        ("{{ cycler.__init__.__globals__.os }}", "unsafe"),
        ("{{ self._TemplateReference__context }}", "unsafe"),
    ],
)
def test_the_sandbox_refuses_python_internals(tmp_path: Path, template: str, refused: str) -> None:
    folder = own(tmp_path, "<p>\n" + template + "\n")
    with pytest.raises(TemplateProblem) as caught:
        render_html(example_plan("tea-brand"), folder)
    assert caught.value.message.startswith(f"{folder / MAIN_TEMPLATE}, line 2: ")
    assert refused in caught.value.message


@pytest.mark.parametrize("name", ["../secret.txt", "/etc/passwd", "link.txt"])
def test_templates_read_no_file_outside_their_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    folder = own(tmp_path, '<p>\n{% include "' + name + '" %}\n')
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateProblem) as caught:
        render_html(example_plan("tea-brand"), folder)
    assert caught.value.message == (
        f"{folder / MAIN_TEMPLATE}, line 2: template {name!r} is not in {folder} (templates "
        "read files from their own folder only)."
    )


def test_a_broken_template_is_a_clear_message(tmp_path: Path) -> None:
    plan = example_plan("tea-brand")
    folder = own(tmp_path, "<p>{{ plan.title }}</p>\n{% if %}\n")
    with pytest.raises(TemplateProblem, match=r"plan\.html\.j2, line 2: Expected an expression"):
        render_html(plan, folder)
    own(tmp_path, "{% include 'part.j2' %}", **{"part.j2": "\n\n{{ plan.nothing_here }}"})
    with pytest.raises(TemplateProblem) as caught:
        render_html(plan, folder)
    assert caught.value.message == (
        f"{folder / 'part.j2'}, line 3: 'dict object' has no attribute 'nothing_here'"
    )
    with pytest.raises(TemplateProblem, match=r"The template folder .* does not exist"):
        render_html(plan, tmp_path / "nowhere")
    (folder / MAIN_TEMPLATE).unlink()
    with pytest.raises(TemplateProblem, match=r"has no plan\.html\.j2"):
        render_html(plan, folder)


def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    env = os.environ | {"MARKETING_WIZARD_HOME": str(tmp_path / "home")}

    def wizard(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wizard", *args], capture_output=True, text=True, env=env
        )

    example = Path(__file__).resolve().parent.parent / "examples" / "tea-brand.yaml"
    assert wizard("fill", "tea", str(example)).returncode == 0
    copied = wizard("plan-templates", str(tmp_path / "mine"))
    assert copied.returncode == 0, copied.stderr
    assert len(copied.stdout.splitlines()) == 5
    page = tmp_path / "page.html"
    done = wizard(
        "plan", "tea", "--format", "html", "--template", str(tmp_path / "mine"), "-o", str(page)
    )
    assert done.returncode == 0, done.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = own(tmp_path, "{{ ''.__class__.__subclasses__() }}")
    done = wizard("plan", "tea", "--format", "html", "--template", str(folder), "-o", "-")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[:2] == [
        f"Error: Cannot render the plan through the templates in {folder}.",
        f"{folder / MAIN_TEMPLATE}, line 1: refused: access to attribute '__class__' of "
        "'str' object is unsafe.",
    ]
    done = wizard("plan", "tea", "--template", str(folder))
    assert done.returncode == 2
    assert "--template renders the HTML plan and its PDF; add --format html or" in done.stderr
    done = wizard("plan", "tea", "--format", "pdf", "--template", str(folder), "-o", "-")
    assert done.returncode == 1  # the sandbox refuses it before anything is printed
    assert "refused: access to attribute '__class__'" in done.stderr
