"""A Chinese owner's whole path in zh-CN (issue 12): the wizard in a real pseudo-terminal, the
commands' messages and the plan in every format, with no English word she did not type.

"English" here is a run of two or more Latin letters; the words a Chinese reader meets in
Chinese business text as they are (KPI, SEO, brand and product names, currency codes, file
formats) are allowed by name below, and the published sources of the forecast's figures are
cited by their own titles (as a Chinese report cites an English article), so they are taken
out before looking.
"""

from __future__ import annotations

import html.parser
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pexpect
import pytest

from tests.test_e2e import env
from wizard import i18n
from wizard.banks import load_bank
from wizard.packs import packs_dir

EXAMPLE = Path(__file__).parent.parent / "examples" / "bakery-guangzhou.yaml"

ALLOWED = {
    # acronyms used as they are in Chinese marketing
    "KPI",
    "SEO",
    "SEM",
    "ROI",
    "CAC",
    "LTV",
    "CTR",
    "CPC",
    "CPM",
    "CPL",
    "CRM",
    "SWOT",
    "PDF",
    "HTML",
    "DOCX",
    "OPML",
    "JSON",
    "YAML",
    "Markdown",
    "App",
    "app",
    "QR",
    "VIP",
    "PR",
    "UGC",
    "KOL",
    "KOC",
    "B2B",
    "B2C",
    "O2O",
    "AI",
    "IP",
    "USD",
    "CNY",
    "EUR",
    "GBP",
    "HKD",
    "TWD",
    "JPY",
    "SGD",
    "AUD",
    "CAD",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "SBA",
    # platforms and sources named as they are
    "WeChat",
    "Google",
    "Meta",
    "Facebook",
    "Instagram",
    "LinkedIn",
    "WordStream",
    "LocaliQ",
    "Ahrefs",
    "HubSpot",
    "Mailchimp",
    "Statista",
    "Shopify",
    "Amazon",
    "YouTube",
    "TikTok",
    "Fed",
    "Federal",
    "Reserve",
    "Xiaohongshu",
    "Meituan",
    "Dianping",
    "Douyin",
    "Baidu",
    "Marketing",
    "Plan",
    "Wizard",  # the product's name in the colophon
    "marketing",
    "wizard",  # the command, in hints
    "Word",  # programs, by name
    "Jinja",
    "Schema",  # JSON Schema, a standard's name
    "LibreOffice",
    "Chromium",
    "WeasyPrint",
    "Ctrl",
    "Enter",
    "Esc",
    "Tab",  # keys, as printed on them
    # names in the banks' choices, kept as their makers write them
    "Uber",
    "Eats",
    "Deliveroo",
    "Groupon",
    "Yelp",
    "Tripadvisor",
    "Square",
    "Toast",
    "WhatsApp",
    "POS",
    "SMS",
    "MMS",
    "Telegram",
    "Line",
    "Shopee",
    "Lazada",
    "eBay",
    "Etsy",
    "Alibaba",
    "Trustpilot",
    "Klaviyo",
    "Wix",
    "WordPress",
    "Zoom",
    "Excel",
}


def cited_sources() -> list[str]:
    """The publishers and titles of the forecast's published sources, longest first."""
    from wizard.forecast.assumptions import load_assumptions, load_exchange_rates

    found: set[str] = set()
    stack: list[object] = [load_assumptions().model_dump(), load_exchange_rates().model_dump()]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("publisher"), str) and not value.get("titles"):
                found |= {value["publisher"], str(value.get("title") or "")}
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return sorted((f for f in found if f), key=len, reverse=True)


def english_words(text: str, typed: str = "") -> list[str]:
    """The runs of Latin letters in ``text`` that are neither allowed nor in ``typed``."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", " ", text)  # terminal codes
    for cited in cited_sources():
        text = text.replace(cited, " ")
    text = re.sub(r"https?://\S+|[\w.-]+\.(?:json|md|html|pdf|docx|opml|yaml)\b", " ", text)
    text = re.sub(r"[\u2500-\u257f]", " ", text)  # a panel's frame, between wrapped words
    text = re.sub(r"`[^`]*`", " ", text)  # code to type, as in `plan --format json`
    text = re.sub(r"\[[a-z|]+\]|\ben \| zh-CN\b|\bzh-CN\b", " ", text)  # option values
    text = re.sub(r"<[a-z]+>|\[默认：[^\]]*\]", " ", text)  # <home>/plans, [默认：md]
    text = re.sub(r"(?m)^ {2}[a-z][a-z-]*(?= {2})", " ", text)  # a help's list of commands
    text = re.sub(r"[\w./-]*/marketing-wizard", "marketing-wizard", text, flags=re.ASCII)
    text = re.sub(r"(?:~|\.{1,2})?(?:/[\w.@%+-]+)+/?", " ", text)  # paths, and /back, /note
    text = re.sub(r"(?<![\w-])--?[a-z][a-z-]*(?: [a-z]+\b)?", " ", text)  # options, values
    text = re.sub(r"\b[A-Z][A-Z_]{2,}\b", " ", text)  # metavars (SESSION) and acronyms
    text = re.sub(r"marketing-wizard(?:\s+(?!marketing-wizard)[a-z][\w-]*){1,2}", " ", text)
    text = re.sub(r"\b[a-z]+(?:[-_][a-z0-9]+)+\b", " ", text)  # ids (spend-share, acme-2027)
    text = re.sub(r"\[[a-z_]+(?=[\]，,])", " ", text)  # a question's id to jump to: [goals]
    own = set(re.findall(r"[A-Za-z]{2,}", typed))
    return sorted(
        {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED and w not in own}
    )


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        env={**env(home), "MARKETING_WIZARD_LANG": "zh-CN"},
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the bakery's session, filled in Chinese from the example."""
    home = tmp_path_factory.mktemp("zh")
    done = run(home, "fill", "hemai", str(EXAMPLE), "--pack", "restaurant")
    assert done.returncode == 0, done.stderr
    assert english_words(done.stdout + done.stderr, "hemai") == []
    return home


class _Text(html.parser.HTMLParser):
    """The text a reader sees in an HTML page (not its styles, not its attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in {"style", "script"}

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in {"style", "script"}

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def seen(html_text: str) -> str:
    parser = _Text()
    parser.feed(html_text)
    return " ".join(parser.parts)


def test_the_plan_in_markdown_and_html_is_all_chinese(bakery: Path) -> None:
    markdown = run(bakery, "plan", "hemai", "--internal", "-o", "-")
    assert markdown.returncode == 0, markdown.stderr
    prose = re.sub(r"```mermaid.*?```", " ", markdown.stdout, flags=re.DOTALL)
    assert english_words(prose, "hemai") == []
    page = run(bakery, "plan", "hemai", "--format", "html", "--internal", "-o", "-")
    assert page.returncode == 0, page.stderr
    assert '<html lang="zh-CN"' in page.stdout
    assert english_words(seen(page.stdout), "hemai") == []


def test_the_word_document_is_all_chinese(bakery: Path) -> None:
    out = bakery / "plan.docx"
    done = run(bakery, "plan", "hemai", "--format", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert english_words(text, "hemai") == []


def test_the_check_and_the_other_commands_speak_chinese(bakery: Path) -> None:
    """`banks` is left out: its listings are for bank authors and name stages by id."""
    for args in (
        ["check", "hemai"],
        ["sessions"],
        ["--help"],
        ["plan", "--help"],
    ):
        done = run(bakery, *args)
        assert english_words(done.stdout + done.stderr, "hemai") == [], args


def test_the_wizard_in_a_terminal_speaks_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh-CN")
    bank = load_bank(pack=packs_dir() / "restaurant")
    first = [q for _stage, q in bank.questions() if q.core][:3]
    screen = io.StringIO()
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "wizard",
            "--lang",
            "zh-CN",
            "new",
            "hemai",
            "--client",
            "禾麦烘焙",
            "--pack",
            "restaurant",
        ],
        env=env(tmp_path),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    child.logfile_read = screen
    typed = "禾麦烘焙"
    for q in first:
        child.expect_exact(q.label or q.prompt)
        if q.id == first[0].id:
            child.send("\r")  # the client's name is offered
        else:
            child.send("我们是广州的社区烘焙店。\r\r")
    child.send("/help\r")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    words = english_words(screen.getvalue(), typed + " hemai")
    assert words == [], screen.getvalue()[-3000:]
