"""The plan as GitHub-flavoured Markdown, with a Mermaid mind map, a Mermaid Gantt chart and
Mermaid line charts (``xychart-beta``, which draws no legend: a line of text under it says which
line is which).

Every piece of text from the plan goes through :func:`escape` (or :func:`mermaid_text` inside a
Mermaid block), so an answer can never change the document's structure: it cannot open a
heading, a list, a code block, a link, raw HTML or a table cell. The HTML plan is rendered from
the same model by its own templates (:mod:`wizard.plan.html`), never from this Markdown.
"""

from __future__ import annotations

import re
import unicodedata

from wizard.i18n import N_, _, is_chinese
from wizard.plan import closing
from wizard.plan.chart import format_number, line_order, points, scale
from wizard.plan.closing import NO_APPENDIX, NOTHING_OPEN
from wizard.plan.model import (
    INTERNAL_NOTICE,
    PARKING_LOT,
    PARKING_LOT_INTRO,
    Block,
    BulletList,
    Chart,
    KeyValueList,
    MindNode,
    Paragraph,
    Plan,
    Section,
    Swot,
    Table,
    Timeline,
    mind_map,
)
from wizard.plan.text import date_text
from wizard.text_layout import flat

__all__ = [
    "NOTHING_CHARTED",
    "NOTHING_OPEN",
    "NO_APPENDIX",
    "compose",
    "escape",
    "mermaid_text",
    "render_markdown",
]


NOTHING_CHARTED = N_("No figures to draw yet.")

# Marks escaped wherever they stand: code spans and fences, emphasis, links, table cells,
# strikethrough and math (GitHub). "_" between two letters or digits cannot open or close
# emphasis, so it is left alone there ("utm_source").
_ALWAYS = frozenset("`*[]|~$")
_SPECIAL = re.compile("[" + re.escape("".join(sorted(_ALWAYS))) + r"\\_&<]")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# "&" only where it would start an entity, "<" only where it could start a tag, a comment or
# an autolink ("<100 EUR" stays as it is).
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_AUTOLINK = re.compile(r"<[^\s<>]*>")
# At the start of a line: a list item, a thematic break, a heading, a quote.
_LINE_START = re.compile(r"[-+](?= |$)|-[- ]*$|#{1,6}(?= |$)|>|[0-9]{1,9}(?P<num>[.)])(?= |$)")
_CLOSING_HASHES = re.compile(r"(?:^| )(#+)$")  # would close an ATX heading


def escape(text: str, *, line_start: bool = True) -> str:
    """Plain text as inline Markdown that reads back as exactly that text, on one line.

    Only what could change the structure where the text stands is escaped, so the Markdown
    stays readable as plain text. With ``line_start`` (a paragraph, a list item's text) a
    leading list marker, ``#``, ``>`` or ordered-list number is escaped too; without it (a
    heading's text, a table cell, anything after other text on its line) it is not needed.
    """
    text = flat(text)
    marks: set[int] = set()
    for found in _SPECIAL.finditer(text):  # only the characters that may need a backslash
        n, ch = found.start(), found.group()
        after = text[n + 1 : n + 2]
        if ch in _ALWAYS:
            marks.add(n)
        elif ch == "\\":
            if not after or after in _ASCII_PUNCTUATION:
                marks.add(n)
        elif ch == "_":
            if not (n and text[n - 1].isalnum() and after.isalnum()):
                marks.add(n)
        elif ch == "&":
            if _ENTITY.match(text, n):
                marks.add(n)
        elif ch == "<" and (
            after.isalpha() or after in {"/", "!", "?"} or _AUTOLINK.match(text, n)
        ):
            marks.add(n)
    closing = _CLOSING_HASHES.search(text)
    if closing:
        marks.add(closing.start(1))
    if line_start:
        found_start = _LINE_START.match(text)
        if found_start:
            marks.add(found_start.start("num") if found_start.group("num") else 0)
    if not marks:
        return text
    pieces, last = [], 0
    for n in sorted(marks):
        pieces += [text[last:n], "\\"]
        last = n
    pieces.append(text[last:])
    return "".join(pieces)


def _cell(text: str) -> str:
    """Text in a table cell or after other text on its line."""
    return escape(text, line_start=False) or "—"


# --- Mermaid -----------------------------------------------------------------------------------

_MERMAID_KEEP = set(" -–.,'/+")


def mermaid_text(text: str, limit: int = 60) -> str:
    """Text that Mermaid reads as a plain label: letters, marks, digits and ``-–.,'/+`` only.

    Brackets, quotes, colons, semicolons, ``#``, ``%`` and the like are Mermaid syntax (shapes,
    task fields, comments, entities, directives); they become spaces. What is left can still
    begin with a keyword of a diagram's grammar: :func:`_mermaid_mindmap` and
    :func:`_gantt_label` place it where that cannot matter.
    """
    text = re.sub(r"\s*[(\[{]\s*", " – ", text)  # "Ads (search, social)": "Ads – search, social"
    text = re.sub(r":\s", " – ", text)
    kept = "".join(
        ch if ch in _MERMAID_KEEP or unicodedata.category(ch)[0] in "LMN" else " " for ch in text
    )
    kept = " ".join(kept.split()).strip(" –")
    if len(kept) > limit:
        kept = kept[: limit - 3].rstrip() + "..."
    return kept or _("untitled")


def _mermaid_mindmap(root: MindNode) -> list[str]:
    """A mind map whose every node is an id and its text in quotes: ``n3["text"]``.

    A bare node text is read by the mind map's lexer as an id and its keywords come first, so
    "Mindmap workshop" is the keyword ``mindmap``. Inside quotes only ``"`` ends the text, and
    :func:`mermaid_text` never keeps one.
    """
    lines = ["mindmap", f'  root(("{mermaid_text(root.label)}"))']
    count = 0

    def walk(node: MindNode, depth: int) -> None:
        nonlocal count
        for child in node.children:
            count += 1
            lines.append("  " * depth + f'n{count}["{mermaid_text(child.label)}"]')
            walk(child, depth + 1)

    walk(root, 2)
    return lines


# A Gantt task line is its name, then ``:`` and its fields; the name has no quoting. Mermaid's
# lexer tries its keywords before a task name, each case-insensitive and wherever a token starts:
# a name that begins like one of them ("Gantt review", "Section heads", "2027-03-01 kickoff") is
# read as that keyword, and the line fails. The keywords of its grammar, as whole ASCII words
# (JavaScript's \b ends a word at any character outside [A-Za-z0-9_], so "Gantté" counts):
_GANTT_KEYWORDS = frozenset(
    {
        *("gantt", "section", "title", "dateformat", "axisformat", "tickinterval", "topaxis"),
        *("includes", "excludes", "inclusiveenddates", "todaymarker", "weekday", "weekend"),
        *("acctitle", "accdescr", "accdescription", "href", "call", "click", "displaymode"),
    }
)
_GANTT_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # a date token, whatever follows


def _gantt_label(text: str) -> str:
    """A Gantt task name that no keyword of the grammar can take: such a name gets "Task "."""
    label = mermaid_text(text)
    word = re.match(r"[A-Za-z]*", label)
    if (word and word.group().casefold() in _GANTT_KEYWORDS) or _GANTT_DATE.match(label):
        label = _("Task {label}").format(label=label)
    return label


def _mermaid_gantt(timeline: Timeline) -> list[str]:
    lines = [
        "gantt",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m" if is_chinese() else "  axisFormat %b %Y",
    ]
    group = None
    for n, item in enumerate(timeline.items, start=1):
        if item.group != group:
            group = item.group
            lines.append(f"  section {mermaid_text(group)}")
        label = _gantt_label(item.label)
        if item.milestone:
            lines.append(f"  {label} :milestone, m{n}, {item.start.isoformat()}, 0d")
        else:
            lines.append(f"  {label} :t{n}, {item.start.isoformat()}, {item.end.isoformat()}")
    return lines


def _mermaid_number(value: float) -> str:
    """A number as xychart's grammar reads it: digits and a point, no exponent, no separators."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _mermaid_xychart(chart: Chart) -> list[str]:
    """A line chart: every text is in double quotes, where only ``"`` would end it and
    :func:`mermaid_text` never keeps one; the numbers have no exponent."""
    lines = ["xychart-beta"]
    if chart.title:
        lines.append(f'  title "{mermaid_text(chart.title)}"')
    labels = ", ".join(f'"{mermaid_text(label, 24)}"' for label in chart.x_labels)
    lines.append(f"  x-axis [{labels}]")
    axis = scale(chart)
    lines.append(
        f'  y-axis "{mermaid_text(chart.y_label)}" '
        f"{_mermaid_number(axis.low)} --> {_mermaid_number(axis.high)}"
    )
    for series in chart.series:
        values = points(chart, series)
        if values:
            numbers = ", ".join(_mermaid_number(v) for v in values)
            lines.append(f'  line "{mermaid_text(series.name, 40)}" [{numbers}]')
    return lines


def chart_legend(chart: Chart) -> str:
    """What xychart-beta does not draw: which line is which, named from the top down where
    the lines end ('Lines, from the top at Dec 2027: High at 48,000; Base at 31,000.')."""
    full = all(len(s.values) >= len(chart.x_labels) for s in chart.series)
    shown, empty = [], []
    for series, last, _n in line_order(chart):
        if points(chart, series):
            shown.append(_("{name} at {value}").format(name=series.name, value=format_number(last)))
        else:
            empty.append(series.name)
    several = len(shown) > 1
    lines = _("; ").join(shown)
    if several and full:
        text = _("Lines, from the top at {label}: {lines}.")
    elif several:
        text = _("Lines, from the top at their last point: {lines}.")
    elif full:
        text = _("The line, at {label}: {lines}.")
    else:
        text = _("The line, at its last point: {lines}.")
    text = text.format(label=chart.x_labels[-1] if chart.x_labels else "", lines=lines)
    if empty:
        text += _(" No figures for: {names}.").format(names=_("; ").join(empty))
    return text


def _charted(chart: Chart) -> bool:
    return any(points(chart, series) for series in chart.series)


# --- the document ------------------------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.list_marker: str | None = None  # the marker of the list just written, if any

    def block(self, *lines: str) -> None:
        """Lines that form one Markdown block, separated from the previous one by a blank."""
        if self.out:
            self.out.append("")
        self.out.extend(lines)
        self.list_marker = None

    def heading(self, level: int, text: str) -> None:
        self.block(f"{'#' * level} {escape(text, line_start=False)}")

    def paragraph(self, text: str) -> None:
        if text.strip():
            self.block(escape(text))

    def bullet_list(self, items: list[str]) -> None:
        """A bullet list of items already in Markdown.

        A list right after another list takes the other marker: in CommonMark two lists of the
        same marker with only a blank line between them are one list.
        """
        if not items:
            return
        marker = "*" if self.list_marker == "-" else "-"
        self.block(*(f"{marker} {item}" for item in items))
        self.list_marker = marker

    def bullets(self, items: list[str]) -> None:
        self.bullet_list([escape(item) for item in items if item.strip()])

    def key_values(self, pairs: list[tuple[str, str]]) -> None:
        self.bullet_list(
            [
                "**{}** {}".format(
                    _("{label}:").format(label=escape(key, line_start=False)), _cell(value)
                )
                for key, value in pairs
            ]
        )

    def table(
        self, columns: list[str], rows: list[list[str]], bold: frozenset[int] = frozenset()
    ) -> None:
        """A table; every row gets exactly one cell per column. Rows in ``bold`` are strong."""
        width = len(columns)
        lines = [
            "| " + " | ".join(_cell(c) for c in columns) + " |",
            "|" + "|".join(" --- " for _column in columns) + "|",
        ]
        for n, row in enumerate(rows):
            cells = [_cell(c) for c in (list(row) + [""] * width)[:width]]
            if n in bold:
                cells = [f"**{c}**" for c in cells]
            lines.append("| " + " | ".join(cells) + " |")
        self.block(*lines)

    def fence(self, info: str, lines: list[str]) -> None:
        self.block(f"```{info}", *lines, "```")

    # --- blocks

    def render_block(self, block: Block, level: int) -> None:
        if block.title:
            self.heading(level, block.title)
        if isinstance(block, Paragraph):
            self.paragraph(block.text)
        elif isinstance(block, BulletList):
            self.bullets(block.items)
        elif isinstance(block, KeyValueList):
            self.key_values([(row.key, row.value) for row in block.rows])
        elif isinstance(block, Table):
            totals = range(len(block.rows) - block.total_rows, len(block.rows))
            self.table(block.columns, block.rows, frozenset(totals))
        elif isinstance(block, Swot):
            self.swot(block)
        elif isinstance(block, Timeline):
            self.fence("mermaid", _mermaid_gantt(block))
        elif isinstance(block, Chart):
            if not _charted(block):
                self.paragraph(_(NOTHING_CHARTED))
            else:
                self.fence("mermaid", _mermaid_xychart(block))
                self.paragraph(chart_legend(block))

    def swot(self, swot: Swot) -> None:
        """A 2x2 table: strengths beside weaknesses, then opportunities beside threats."""
        quads = swot.quadrants()
        rows: list[list[str]] = []
        bold: set[int] = set()
        for (left_name, left), (right_name, right) in ((quads[0], quads[1]), (quads[2], quads[3])):
            if rows:
                bold.add(len(rows))
                rows.append([left_name, right_name])
            for n in range(max(len(left), len(right), 1)):
                rows.append([left[n] if n < len(left) else "", right[n] if n < len(right) else ""])
        self.table([quads[0][0], quads[1][0]], rows, frozenset(bold))

    def section(self, section: Section, level: int) -> None:
        self.heading(level, section.title)
        for block in section.blocks:
            self.render_block(block, level + 1)
        for sub in section.subsections:
            self.section(sub, level + 1)


def compose(plan: Plan) -> str:
    """The Markdown plan."""
    w = _Writer()
    w.heading(1, plan.title)
    meta = _("Draft for discussion")
    if plan.client:
        meta += " · " + _("prepared for {client}").format(client=plan.client)
    meta += f" · {date_text(plan.date)}"
    w.block(f"*{escape(meta, line_start=False)}*")
    if plan.internal:
        w.block(f"**{escape(_(INTERNAL_NOTICE), line_start=False)}**")
    by = _(", ").join(x for x in (plan.cover.consultant, plan.cover.agency) if x)
    details = [_("Prepared by {by}").format(by=by) if by else "", plan.cover.contact or ""]
    if plan.cover.workshop:
        details.append(_("workshop of {date}").format(date=date_text(plan.cover.workshop)))
    if any(details):
        w.block(f"*{escape(' · '.join(d for d in details if d), line_start=False)}*")

    w.heading(2, _("Summary"))
    for text in plan.summary:
        w.paragraph(text)
    if any(part.sections for part in plan.parts):
        w.paragraph(_("The plan at a glance:"))
        w.fence("mermaid", _mermaid_mindmap(mind_map(plan)))

    for part in plan.parts:
        w.heading(2, part.title)
        w.block(f"*{escape(part.intro, line_start=False)}*")
        if not part.sections:
            w.paragraph(_("Nothing in this part has been answered yet; see Open questions."))
        for section in part.sections:
            w.section(section, 3)

    w.section(closing.open_questions(plan), 2)
    if plan.notes:
        w.heading(2, _("Notes"))
        w.key_values([(note.question, note.note) for note in plan.notes])
    _parking_lot(w, plan)
    if plan.check is not None:
        w.heading(2, plan.check.title)
        for block in plan.check.blocks:
            w.render_block(block, 3)
    if (appendix := closing.appendix(plan)) is not None:
        w.section(appendix, 2)
    return "\n".join(w.out) + "\n"


def _parking_lot(w: _Writer, plan: Plan) -> None:
    if not plan.parked:
        return
    w.heading(2, _(PARKING_LOT))
    w.block(f"*{escape(_(PARKING_LOT_INTRO), line_start=False)}*")
    w.table(
        [_("Point"), _("Parked at")],
        [[point.text, point.question or ""] for point in plan.parked],
    )


def render_markdown(plan: Plan) -> str:
    """The plan as GitHub-flavoured Markdown."""
    return compose(plan)
