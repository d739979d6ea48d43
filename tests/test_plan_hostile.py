"""Hostile answers cannot change the plan's structure or inject markup, in any format.

Each example is rendered twice: once with every free-text answer (text fields, long texts, list
fields, competitor names, "Other" free text) replaced by hostile text, once with plain text of the
same shape (same number of lines). The two documents must have the same block structure.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import jsonschema
import pytest

from tests.plan_support import (
    EXAMPLE_NAMES,
    TODAY,
    headings,
    load_example,
    parse_markdown,
    session_from_answers,
    structure,
    tables,
    texts,
)
from wizard.bank import Bank, Question, QuestionType
from wizard.banks import load_bank
from wizard.plan import Plan, build_plan, plan_json_schema, render
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN, AnswerStatus, ParkedPoint, Session
from wizard.validation import InvalidAnswer, coerce_answer

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "| a | b |",
    "# heading",
    "```",
    "``` fence and `code` spans",
    "~~~ tilde fence",
    "[link](javascript:alert(1))",
    "![image](http://example.com/x.png)",
    "<http://example.com> and <a href='https://x.y'>a</a>",
    "中文营销计划",
    "emoji 🍵🚀👩‍👩‍👧",
    "مرحبا بالعالم (right to left)",
    "*star* _under_ **bold** ~~strike~~",
    "1. ordered",
    "- dash",
    "+ plus",
    "> quote",
    "---",
    "===",
    "    indented code",
    "\\ backslash at the end \\",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "<!-- comment -->",
    "$x^2$ math",
    "%%{init: {'theme':'dark'}}%%",
    'click t1 href "javascript:alert(1)"',
    "section Evil :crit, 2020-01-01, 1d",
    "root((x)) ::icon(fa fa-book)",
    "nul\x00 bell\x07 esc\x1b[31m red",
    "]]></outline><outline text='x'>",
]
BIG = ("<script>alert(1)</script> 中文营销计划 🍵 مرحبا | # `x` [a](javascript:b) " * 800)[:50_000]
HOSTILE_ONE_LINE = " ".join(HOSTILE[:12])


def _fits(q: Question, text: str) -> str:
    rules = q.validation.length if q.validation else None
    if rules and rules.max is not None:
        text = text[: rules.max].rstrip() or text[: rules.max]
    if rules and rules.min is not None and len(text.strip()) < rules.min:
        text = text.ljust(rules.min, "x")
    return text


def _rewrite(bank: Bank, data: dict[str, Any], hostile: bool) -> dict[str, Any]:
    """The answers with every free text replaced: hostile, or plain of the same shape."""

    def one_line(q: Question, n: int) -> str:
        text = HOSTILE[n % len(HOSTILE)] + " " + HOSTILE_ONE_LINE if hostile else f"Plain {n}"
        return _fits(q, text)

    def lines(n: int) -> str:
        return "\n".join(HOSTILE if hostile else [f"Plain line {k}" for k in range(len(HOSTILE))])

    out: dict[str, Any] = {"_meta": data.get("_meta", {})}
    for n, (qid, value) in enumerate(data.items()):
        if qid == "_meta":
            continue
        q = bank.question(qid)
        new: Any = value
        if q.validation and q.validation.pattern:
            new = value  # a web address and the like: hostile text would not be accepted
        elif qid == "who_we_are":
            new = BIG if hostile else "plain " * 8_000
        elif q.type is QuestionType.TEXT:
            new = one_line(q, n)
        elif q.type is QuestionType.LONG_TEXT:
            new = lines(n)
        elif q.type in {QuestionType.SELECT, QuestionType.MULTI_SELECT} and q.other_choice():
            known = set(q.choice_values())
            if q.type is QuestionType.SELECT and value not in known:
                new = one_line(q, n)
            elif q.type is QuestionType.MULTI_SELECT:
                new = [v if v in known else one_line(q, n) for v in value]
        elif q.type is QuestionType.LIST:
            fields = {f.id: f for f in q.fields or []}
            new = [
                {
                    k: one_line(fields[k], n + i) if fields[k].type is QuestionType.TEXT else v
                    for k, v in item.items()
                }
                for i, item in enumerate(value)
            ]
        try:
            coerce_answer(q, new)
        except InvalidAnswer as exc:  # pragma: no cover - a failure here is a test bug
            raise AssertionError(f"{qid}: {exc.message}") from None
        out[qid] = new
    return out


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def pair(request: pytest.FixtureRequest, bank: Bank) -> tuple[Plan, Plan]:
    data = load_example(request.param)
    plans = []
    for hostile in (False, True):
        session = session_from_answers(bank, _rewrite(bank, data, hostile), request.param)
        _mark_and_park(session, hostile)
        plans.append(build_plan(bank, session, today=TODAY))
    return plans[0], plans[1]


def _mark_and_park(session: Session, hostile: bool) -> None:
    """A note on a list item's field, a field marked "don't know yet" with a note, and two
    parked points: hostile, or plain of the same shape."""
    many = "\n".join(HOSTILE if hostile else [f"Plain line {k}" for k in range(len(HOSTILE))])
    one = HOSTILE_ONE_LINE if hostile else "Plain"
    goals = session.answers["goals"]
    first, *rest = goals.value
    first = first | {ITEM_NOTES: {"owner": many, "metric": one}, ITEM_UNKNOWN: ["baseline"]}
    first[ITEM_NOTES]["baseline"] = one
    session.record("goals", AnswerStatus.ANSWERED, [first, *rest])
    session.parked = [ParkedPoint(text=many, question="channels"), ParkedPoint(text=one)]


def test_the_hostile_answers_are_really_in_the_plan(pair: tuple[Plan, Plan]) -> None:
    _benign, hostile = pair
    dumped = hostile.model_dump_json()
    for needle in ("<script>alert(1)</script>", "中文营销计划", "مرحبا", "🍵", "| a | b |"):
        assert json.dumps(needle, ensure_ascii=False)[1:-1] in dumped
    # in a name of the user's own channel, a list item's note and open field, a parked point
    channels = next(s for part in hostile.parts for s in part.sections if s.id == "channels")
    own = [
        sub.title
        for sub in channels.subsections
        if any(qid.startswith("custom_channels.") for b in sub.blocks for qid in b.question_ids)
    ]
    assert len(own) == (3 if "custom_channels" in hostile.model_dump_json() else 0)
    assert all("<script>alert(1)</script>" in title for title in own)
    assert any("<img src=x" in n.note for n in hostile.notes if n.item == 1)
    assert any(
        i.item == 1 and "<script>" in (i.note or "") for i in hostile.open_questions.questions
    )
    assert all("<script>alert(1)</script>" in p.text for p in hostile.parked)


def test_markdown_structure_is_the_same(pair: tuple[Plan, Plan]) -> None:
    benign, hostile = (parse_markdown(render(p, "md")) for p in pair)
    assert structure(hostile) == structure(benign)
    assert [h.level for h in headings(hostile)] == [h.level for h in headings(benign)]
    assert [h.text for h in headings(hostile) if h.level == 2] == [
        h.text for h in headings(benign) if h.level == 2
    ]
    shapes = [[len(row) for row in t] for t in tables(hostile)]
    assert shapes == [[len(row) for row in t] for t in tables(benign)]
    for rows in tables(hostile):
        assert {len(row) for row in rows} == {len(rows[0])}


def test_markdown_shows_the_hostile_text_as_text(pair: tuple[Plan, Plan]) -> None:
    _benign, hostile = pair
    shown = "\n".join(texts(parse_markdown(render(hostile, "md"))))
    for line in (
        "<script>alert(1)</script>",
        "[link](javascript:alert(1))",
        "# heading",
        "| a | b |",
    ):
        assert line in shown
    fences = [t for t in parse_markdown(render(hostile, "md")) if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid", "mermaid", "mermaid"]
    mindmap, chart, gantt = (f.content.splitlines() for f in fences)
    assert chart[0] == "xychart-beta"
    label = r"[\w\-–.,'/+ ]+"  # what mermaid_text lets through: no Mermaid syntax
    assert re.fullmatch(rf'  root\(\("{label}"\)\)', mindmap[1]), mindmap[1]
    assert all(re.fullmatch(rf'  ( {{2}})+n[0-9]+\["{label}"\]', line) for line in mindmap[2:])
    for line in gantt[3:]:
        assert re.fullmatch(rf"  section {label}|  {label} :(t|milestone, m)\d+, [-0-9, d]+", line)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)


ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "footer", "figure", "div"),
    *("h1", "h2", "h3", "h4", "h5", "p", "em", "strong", "ul", "li", "span"),
    *("table", "thead", "tbody", "tr", "th", "td"),
    *("svg", "line", "text", "g", "polygon", "rect", "polyline", "circle"),
    "img",  # only the cover's logo, only as a data URI (see below)
}
DATA_IMAGE = re.compile(r"data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+")


def check_html(document: str) -> _Tags:
    """Parse the HTML and check it has no script, handler, link or external reference."""
    parser = _Tags()
    parser.feed(document)
    parser.close()
    names = {tag for tag, _attrs in parser.tags}
    assert names <= ALLOWED_TAGS, names - ALLOWED_TAGS
    assert "script" not in names
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if (tag, name) == ("img", "src") and DATA_IMAGE.fullmatch(value or ""):
                continue
            assert name not in {"href", "src", "srcset", "action", "formaction", "xlink:href"}
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
            assert "//" not in (value or ""), (tag, name, value)
    css = "".join(parser.style)
    assert "url(" not in css
    assert "@import" not in css
    return parser


def test_html_has_no_markup_from_answers(pair: tuple[Plan, Plan]) -> None:
    _benign, hostile = pair
    parser = check_html(render(hostile, "html"))
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert "[link](javascript:alert(1))" in shown


def test_html_headings_are_the_same(pair: tuple[Plan, Plan]) -> None:
    def outline(document: str) -> list[str]:
        parser = check_html(document)
        return [tag for tag, _attrs in parser.tags if tag in {"h1", "h2", "h3", "h4", "h5"}]

    benign, hostile = (render(p, "html") for p in pair)
    assert outline(hostile) == outline(benign)


def test_opml_is_well_formed_and_holds_the_text(pair: tuple[Plan, Plan]) -> None:
    benign, hostile = (ET.fromstring(render(p, "opml")) for p in pair)
    assert [o.get("text") for o in hostile.iterfind("body/outline")] == [
        o.get("text") for o in benign.iterfind("body/outline")
    ]
    assert len(list(hostile.iter("outline"))) == len(list(benign.iter("outline")))
    every = [o.get("text") or "" for o in hostile.iter("outline")]
    assert any("<script>alert(1)</script>" in t for t in every)
    assert any("]]></outline><outline text='x'>" in t for t in every)


def test_json_is_valid_and_round_trips(pair: tuple[Plan, Plan]) -> None:
    _benign, hostile = pair
    text = render(hostile, "json")
    jsonschema.validate(json.loads(text), plan_json_schema())
    assert Plan.model_validate_json(text) == hostile
