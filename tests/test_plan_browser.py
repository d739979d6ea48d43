"""The HTML plan in a real browser: headless Chromium draws it, prints it, and asks for nothing.

Skipped when Chromium is missing on a developer's machine; on CI (the CI variable set) a
missing Chromium fails, so a lost install step cannot hide behind a skip. ``.ci/run`` installs it.
``PLAN_TEST_CHROMIUM=/path/to/chromium`` picks another browser binary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.plan_support import TODAY, load_example, session_from_answers
from tests.test_plan_hostile import _rewrite
from wizard.banks import load_bank
from wizard.plan import build_plan, render

pytestmark = pytest.mark.browser

PARTS = ["Summary", "I. Goals", "II. Analysis", "III. Implementation", "Open questions", "Notes"]


def find_chromium() -> str | None:
    wanted = os.environ.get("PLAN_TEST_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else None
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is missing on CI: .ci/run should install it (apt-get install chromium)"
            )
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


def run(chromium: str, tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        # Nothing may leave the machine even if a request is made: every name fails to resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=180, check=True)


def page_requests(netlog: Path) -> list[str]:
    """The URLs the page asked for (the browser's own background requests left aside)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] == start and "file://" in params.get("network_isolation_key", ""):
            urls.append(params["url"])
    return [url for url in urls if not url.startswith("file:")]


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h2: list[str] = []
        self._h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        self._h2 = False

    def handle_data(self, data: str) -> None:
        if self._h2:
            self.h2.append(data)


def plan_html(tmp_path: Path, name: str, hostile: bool = False) -> Path:
    bank = load_bank()
    data = load_example(name)
    if hostile:
        data = _rewrite(bank, data, hostile=True)
    plan = build_plan(bank, session_from_answers(bank, data, name), today=TODAY)
    path = tmp_path / f"{name}.html"
    path.write_text(render(plan, "html"), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "hostile"), [("tea-brand", False), ("b2b-services", True)])
def test_browser_draws_the_plan_without_scripts_or_requests(
    chromium: str, tmp_path: Path, name: str, hostile: bool
) -> None:
    page = plan_html(tmp_path, name, hostile)
    netlog = tmp_path / "net.json"
    dom = _Dom()
    dom.feed(run(chromium, tmp_path, page, f"--log-net-log={netlog}", "--dump-dom").stdout)
    assert dom.h2[:6] == PARTS  # both examples have notes on answered questions
    assert dom.h2[6].startswith("Appendix")
    tags = [tag for tag, _attrs in dom.tags]
    assert "script" not in tags
    assert "img" not in tags
    assert "svg" in tags
    assert not [(t, a) for t, attrs in dom.tags for a in attrs if a.startswith("on")]
    assert page_requests(netlog) == []


def test_the_request_check_sees_a_request(chromium: str, tmp_path: Path) -> None:
    """A control: a page that does load something is caught by the same check."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://plan.invalid/a.css">'
        '</head><body><h2>x</h2><img src="http://plan.invalid/b.png"></body></html>',
        encoding="utf-8",
    )
    netlog = tmp_path / "net.json"
    run(chromium, tmp_path, page, f"--log-net-log={netlog}", "--dump-dom")
    assert sorted(page_requests(netlog)) == [
        "http://plan.invalid/b.png",
        "https://plan.invalid/a.css",
    ]


def test_browser_prints_the_plan_to_pdf(chromium: str, tmp_path: Path) -> None:
    page = plan_html(tmp_path, "tea-brand")
    pdf = tmp_path / "plan.pdf"
    run(chromium, tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 50_000


def test_browser_takes_a_screenshot(chromium: str, tmp_path: Path) -> None:
    page = plan_html(tmp_path, "b2b-services")
    shot = tmp_path / "plan.png"
    run(
        chromium,
        tmp_path,
        page,
        "--hide-scrollbars",
        "--window-size=1200,1600",
        f"--screenshot={shot}",
    )
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 50_000  # a page with text on it, not a blank


def test_browser_draws_the_chart_at_a4_width(chromium: str, tmp_path: Path) -> None:
    """The forecast chart as Chromium reads it: an SVG (not text) with its lines and legend.

    The screenshot is at the width of an A4 page's text (about 675 CSS pixels); it was looked at
    when the chart was made: axes, labels and legend apart, the goal dashed.
    """
    from tests.test_plan_chart import chart_plan, forecast_chart

    page = tmp_path / "chart.html"
    page.write_text(render(chart_plan(forecast_chart()), "html"), encoding="utf-8")
    dom = _Dom()
    dom.feed(run(chromium, tmp_path, page, "--dump-dom").stdout)
    tags = [tag for tag, _attrs in dom.tags]
    assert "script" not in tags
    charts = [attrs for tag, attrs in dom.tags if tag == "svg" and attrs.get("class") == "chart"]
    assert len(charts) == 1
    assert charts[0]["role"] == "img"
    assert tags.count("polyline") == 4
    assert [a.get("class") for t, a in dom.tags if t == "svg"].count("swatch") == 4
    shot = tmp_path / "chart.png"
    run(
        chromium,
        tmp_path,
        page,
        "--hide-scrollbars",
        "--window-size=710,1000",
        f"--screenshot={shot}",
    )
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 30_000
