"""Helpers for the plan tests: sessions from answers files, and the Markdown read back.

``session_from_answers`` fills a session exactly as ``marketing-wizard fill`` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from wizard.answers_file import fill_session
from wizard.bank import Bank, Question, QuestionType
from wizard.display import format_value
from wizard.plan.build import split_points
from wizard.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE_NAMES = ("tea-brand", "b2b-services")
TODAY = dt.date(2026, 11, 22)


def load_example(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def session_from_answers(bank: Bank, data: dict[str, Any], name: str = "example") -> Session:
    """A session holding the answers of an answers file (every value validated)."""
    return fill_session(bank, Session(name=name), data)


def early_draft(bank: Bank) -> dict[str, Any]:
    """The tea example as an early draft: only stages 1 and 2 answered, one "don't know yet"."""
    tea = load_example("tea-brand")
    early = {q.id for stage in bank.stages[:2] for q in stage.questions}
    data = {k: v for k, v in tea.items() if k in early and k != "how_to_achieve"}
    data["_meta"] = {
        "client": tea["_meta"]["client"],
        "unknown": ["how_to_achieve"],
        "notes": {"how_to_achieve": "Agreed with Wu Jianguo once the goals are signed off."},
    }
    return data


# --- reading the Markdown back -------------------------------------------------------------------


def parse_markdown(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


def headings(tokens: list[Token]) -> list[Heading]:
    return [
        Heading(int(tok.tag[1]), inline_text(tokens[n + 1]))
        for n, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def inline_text(token: Token) -> str:
    """The text an inline token shows (escapes resolved, markup dropped)."""
    return "".join(
        child.content
        for child in token.children or []
        if child.type in {"text", "text_special", "code_inline", "softbreak"}
    )


def texts(tokens: list[Token]) -> list[str]:
    """Every piece of text the document shows, in order (not code blocks)."""
    return [inline_text(tok) for tok in tokens if tok.type == "inline"]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as its rows (header first) of cell texts."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    for n, tok in enumerate(tokens):
        if tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type in {"th_open", "td_open"} and row is not None:
            row.append(inline_text(tokens[n + 1]))
        elif tok.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
        elif tok.type == "table_close":
            found.append(rows)
    return found


def body_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of the plan's body: from the first part to the Open questions heading."""
    marks = [
        (n, inline_text(h))
        for n, h in enumerate(tokens)
        if h.type == "inline" and n and tokens[n - 1].tag == "h2"
    ]
    start = next(n for n, title in marks if title.startswith("I. "))
    end = next(n for n, title in marks if title == "Open questions")
    return tokens[start:end]


def section_tokens(tokens: list[Token], title: str) -> list[Token]:
    """The tokens under the second-level heading ``title``, up to the next one."""
    out: list[Token] = []
    inside = False
    for n, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            inside = inline_text(tokens[n + 1]) == title
        elif inside:
            out.append(tok)
    return out


def structure(tokens: list[Token]) -> list[str]:
    """The block structure: token types with tags, without any text or fence content."""
    return [f"{tok.type}:{tok.tag}" for tok in tokens if tok.type not in {"inline", "text"}]


def normal(text: str) -> str:
    """Whitespace collapsed, as every renderer shows text."""
    return " ".join(text.split())


def answer_pieces(q: Question, value: Any) -> list[str]:
    """The pieces of text that must show somewhere in the plan for this answer."""
    if q.type is QuestionType.LIST:
        pieces: list[str] = []
        for item in value:
            for f in q.fields or []:
                if item.get(f.id) not in (None, "", []):
                    pieces += answer_pieces(f, item[f.id])
        return pieces
    if q.type is QuestionType.MULTI_SELECT:
        return [q.choice_label(v) for v in value]
    if q.type in {QuestionType.TEXT, QuestionType.LONG_TEXT}:
        return [normal(line) for line in split_points(value)]
    return [format_value(q, value)]
