"""The plan as a PDF: the HTML plan printed by a real engine, with the rules print needs.

The engine is WeasyPrint when it can be imported (the optional ``pdf`` extra), else headless
Chromium when one is on the PATH; with neither, :class:`PdfEngineMissing` names what to install.
The HTML comes from the public ``render(plan, "html")``; the print rules (A4 pages, margins, a cover page,
page numbers, where pages may not break) are a style sheet of this module, added to that page
for printing only. Neither engine may fetch anything: the page is self-contained, WeasyPrint gets
a fetcher that refuses every URL, and Chromium resolves no host name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from wizard.errors import WizardError
from wizard.i18n import N_, _
from wizard.plan.model import Plan

__all__ = [
    "CHROMIUM_NAMES",
    "ENGINES",
    "PRINT_CSS",
    "PdfEngineMissing",
    "PdfError",
    "find_chromium",
    "print_html",
    "render_pdf",
]

ENGINES = ("weasyprint", "chromium")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_TIMEOUT = 120
"""Seconds Chromium may take to print a plan (about 3 s for the examples on an idle machine)."""

INSTALL_HINT = N_(
    "Install one: `pip install 'marketing-plan-wizard[pdf]'` (WeasyPrint), or Chromium "
    "(on Debian or Ubuntu: `apt-get install chromium`)."
)

PRINT_CSS = """\
@page {
  size: A4; margin: 14mm 14mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages);
    font: 8.5pt "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
    color: #5f6b73; }
}
@page :first { @bottom-center { content: none; } }
html { font-size: 9pt; }
body { background: #fff; line-height: 1.35; }
/* An agency's document is dense: modest space above headings, compact tables. */
h2 { margin: 1.6rem 0 .5rem; }
h3 { margin: 1.2rem 0 .4rem; }
h4, h5, h6 { margin: .85rem 0 .3rem; }
p, ul, ol { margin-top: .35rem; margin-bottom: .35rem; }
li { margin: .1rem 0; }
/* A list of short items (the template marks it) in two columns, not a narrow strip. */
ul.short { columns: 2; column-gap: 2rem; }
p.intro { margin-bottom: .8rem; }
table { font-size: .92rem; line-height: 1.35; margin: .35rem 0 .8rem; }
ul.facts { padding: .45rem .8rem; margin: .4rem 0 .7rem; row-gap: .15rem; }
.swot { margin: .4rem 0 .8rem; }
.timeline, .line-chart { margin: .4rem 0 .8rem; }
.plan { max-width: none; margin: 0; padding: 0; box-shadow: none; }
.colophon { display: none; }
/* The cover: the title block alone on the first page, a third of the way down. */
.plan > h1:first-child { margin-top: 70mm; font-size: 2.6rem; }
.plan > h1:first-child + p.meta, .cover { break-after: page; }
/* Whatever follows a heading stays with it; nothing is split inside a row or a drawing. */
h1, h2, h3, h4, h5, h6, p.intro { break-after: avoid; break-inside: avoid; }
tr, li, figure, svg, .swot, .swot-q, .mindmap, .timeline, .line-chart, ul.facts {
  break-inside: avoid; }
/* A short table moves to the next page whole; a long one (five rows or more) may break
   between rows, its header repeated, rather than leave half a page empty. */
table { break-inside: avoid; }
table:has(> tbody > tr:nth-child(5)), table.appendix { break-inside: auto; }
th, td { padding: .22rem .4rem; }
thead { display: table-header-group; }
ul.chart-legend li { flex: 0 0 auto; }
p { orphans: 3; widows: 3; }
/* The cover is a page of its own; the parts then follow on, with no half-empty pages. */
h2.new-page { break-before: auto; margin-top: 1.6rem; }
* { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
"""
"""The print rules, added after the page's own styles so that they win."""


SVG_CSS = """\
text { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans",
  "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.grid { stroke: #e3e7e8; stroke-width: 1; }
.zero, .tick { stroke: #8a969c; stroke-width: 1; }
.axis { fill: #5f6b73; font-size: 11px; }
.unit { fill: #1d2327; font-size: 11.5px; font-weight: 600; }
.group { fill: #1f5f52; font-size: 11.5px; font-weight: 700; }
.label { fill: #1d2327; font-size: 11.5px; }
.date { fill: #5f6b73; font-size: 10px; }
.bar { fill: #3d8b78; }
.milestone { fill: #b7791f; }
polyline, line { fill: none; stroke-width: 2.2; stroke-linejoin: round; }
.grid, .zero, .tick { stroke-width: 1; }
circle, rect, polygon { stroke: #fff; stroke-width: 1; }
.bar, .milestone { stroke: none; }
""" + "".join(
    f".c{n} polyline, .c{n} line {{ stroke: {colour}; }} "
    f".c{n} circle, .c{n} rect, .c{n} polygon {{ fill: {colour}; }}\n"
    for n, colour in enumerate(("#1f5f52", "#2b6cb0", "#b7791f", "#b83232", "#6b46c1"))
)
"""The page's rules for its drawings, as WeasyPrint needs them: its SVG renderer reads only the
styles inside each ``<svg>``, without CSS variables or ``currentColor``. Chromium needs none."""

WEASYPRINT_CSS = """\
ul.facts { display: block; }
ul.facts li, ul.facts li p { display: block; margin: .2rem 0; }
ul.facts strong { padding-right: .4rem; }
"""
"""Layout WeasyPrint draws wrongly (a grid of ``display: contents`` items), made plain."""

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _styled_svgs(html: str) -> str:
    """The page with :data:`SVG_CSS` inside each inline SVG drawing (for WeasyPrint)."""
    return _SVG_OPEN.sub(lambda m: f"{m.group(0)}<style>{SVG_CSS}</style>", html)


class PdfError(WizardError):
    """The PDF could not be made."""


class PdfEngineMissing(PdfError):
    """Neither WeasyPrint nor Chromium is available."""


def printable(html: str, extra_css: str = "") -> str:
    """The HTML page with :data:`PRINT_CSS` (and ``extra_css``) added at the end of its head."""
    style = f'<style media="print">\n{PRINT_CSS}{extra_css}</style>\n'
    head_end = html.find("</head>")
    if head_end < 0:
        return style + html
    return html[:head_end] + style + html[head_end:]


def find_chromium() -> str | None:
    """The first Chromium or Chrome on the PATH, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _weasyprint() -> Any | None:
    try:
        import weasyprint
    except Exception:  # ImportError, or OSError when its system libraries are missing
        return None
    return weasyprint


def _refuse(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"the plan loads nothing, and {url!r} is not loaded")


def _with_weasyprint(weasyprint: Any, html: str) -> bytes:
    document = weasyprint.HTML(string=_styled_svgs(html), url_fetcher=_refuse, base_url=None)
    try:
        data = document.write_pdf()
    except Exception as exc:  # WeasyPrint can fail on a page it cannot lay out (an assertion)
        raise PdfError(
            _("WeasyPrint could not print the plan ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        ) from exc
    assert isinstance(data, bytes)
    return data


def _with_chromium(chromium: str, html: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="wizard-pdf-") as tmp:
        folder = Path(tmp)
        page = folder / "plan.html"
        out = folder / "plan.pdf"
        page.write_text(html, encoding="utf-8")
        args = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                args,
                capture_output=True,
                text=True,
                timeout=CHROMIUM_TIMEOUT,
                check=False,
                env={**os.environ, "HOME": str(folder)},
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                _("Chromium ({chromium}) did not print the plan within {seconds} seconds.").format(
                    chromium=chromium, seconds=CHROMIUM_TIMEOUT
                )
            ) from None
        except OSError as exc:
            raise PdfError(
                _("Chromium ({chromium}) could not be started: {error}").format(
                    chromium=chromium, error=exc
                )
            ) from None
        if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or [_("no message")])[-1]
            raise PdfError(
                _(
                    "Chromium ({chromium}) did not print the plan (exit status {status}): {last}"
                ).format(chromium=chromium, status=done.returncode, last=last)
            )
        return out.read_bytes()


def print_html(html: str, engine: str | None = None) -> bytes:
    """A PDF of a self-contained HTML page, printed with :data:`PRINT_CSS`.

    ``engine`` picks one of :data:`ENGINES`; by default WeasyPrint if it imports, else Chromium,
    and Chromium too when WeasyPrint fails (version 70 fails on some pages, such as the plan of
    tests/test_plan_pdf.py with hostile text, with an internal assertion).

    Raises:
        PdfEngineMissing: when the engine asked for (or any engine) is not available.
        PdfError: when the engine fails.
    """
    if engine not in (None, *ENGINES):
        raise ValueError(f"unknown PDF engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    failed: PdfError | None = None
    if engine in (None, "weasyprint"):
        weasyprint = _weasyprint()
        if weasyprint is not None:
            try:
                return _with_weasyprint(weasyprint, printable(html, WEASYPRINT_CSS))
            except PdfError as exc:
                failed = exc  # Chromium, when there is one, may print it
    if engine in (None, "chromium"):
        chromium = find_chromium()
        if chromium is not None:
            return _with_chromium(chromium, printable(html))
    if failed is not None:
        raise failed
    wanted = {"weasyprint": "WeasyPrint", "chromium": "Chromium"}.get(engine or "")
    if wanted:
        message = _("Cannot make a PDF: {engine} is not available to print the plan.").format(
            engine=wanted
        )
    else:
        message = _(
            "Cannot make a PDF: Neither WeasyPrint nor Chromium is available to print the plan."
        )
    raise PdfEngineMissing(message, hint=_(INSTALL_HINT))


def render_pdf(plan: Plan, engine: str | None = None) -> bytes:
    """The plan as a PDF (A4, a cover page, page numbers), printed from its HTML."""
    from wizard.plan import render  # the public HTML renderer, whatever module holds it

    return print_html(render(plan, "html"), engine)
