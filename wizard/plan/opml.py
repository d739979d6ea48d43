"""The plan as OPML 2.0: a mind map that outliners and mind-mapping tools import.

The top-level outlines are the Markdown plan's second-level headings (Summary, the three parts,
Open questions, Notes and the parking lot when there are any, the appendix); below them sections, subsections and
block titles nest as they do in the Markdown, and the answers hang under them as leaves; a block
that goes on with the answer of the block before it hangs where that one does. ElementTree does
the escaping.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from wizard.i18n import _
from wizard.plan import closing
from wizard.plan.chart import format_number, points
from wizard.plan.markdown import NOTHING_CHARTED, NOTHING_OPEN
from wizard.plan.model import (
    PARKING_LOT,
    PARKING_LOT_INTRO,
    Block,
    BulletList,
    Chart,
    KeyValueList,
    Paragraph,
    Plan,
    Section,
    Swot,
    Table,
    Timeline,
)
from wizard.plan.text import date_text
from wizard.text_layout import flat

__all__ = ["render_opml"]

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMPTY = "—"


def _text(text: str) -> str:
    return flat(_NOT_XML.sub("", text))


def _pair(key: str, value: str) -> str:
    """'Stage: Analysis' (Chinese: with a full-width colon)."""
    return _("{label}: {value}").format(label=key, value=value)


def _outline(parent: ET.Element, text: str, note: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, "outline", {"text": _text(text) or _EMPTY})
    if note:
        node.set("_note", _text(note))
    return node


def _block(holder: ET.Element, block: Block) -> None:
    if isinstance(block, Paragraph):
        _outline(holder, block.text)
    elif isinstance(block, BulletList):
        for text in block.items:
            _outline(holder, text)
    elif isinstance(block, KeyValueList):
        for pair in block.rows:
            _outline(holder, _pair(pair.key, pair.value))
    elif isinstance(block, Table):
        for cells in block.rows:
            line = _outline(holder, cells[0] if cells else _EMPTY)
            for column, cell in zip(block.columns[1:], cells[1:], strict=False):
                if cell and cell != _EMPTY:
                    _outline(line, _pair(column, cell))
    elif isinstance(block, Swot):
        for name, points in block.quadrants():
            quadrant = _outline(holder, name)
            for point in points:
                _outline(quadrant, point)
    elif isinstance(block, Timeline):
        for item in block.items:
            if item.end != item.start:
                when = _("{start} to {end}").format(
                    start=date_text(item.start), end=date_text(item.end)
                )
            else:
                when = date_text(item.start)
            if item.owner:
                when = _("{when} ({owner})").format(when=when, owner=item.owner)
            _outline(holder, _pair(item.label, when))
    elif isinstance(block, Chart):
        _chart(holder, block)


def _chart(holder: ET.Element, chart: Chart) -> None:
    """Each line of the chart with its unit, and under it its value at each point."""
    drawn = [(series, points(chart, series)) for series in chart.series]
    if not any(values for _series, values in drawn):
        _outline(holder, _(NOTHING_CHARTED))
        return
    for series, values in drawn:
        line = _outline(holder, _("{title} ({unit})").format(title=series.name, unit=chart.y_label))
        for label, value in zip(chart.x_labels, values, strict=False):
            _outline(line, _pair(label, format_number(value)))


def _section(parent: ET.Element, section: Section) -> None:
    node = _outline(parent, section.title)
    holder, previous = node, None
    for block in section.blocks:
        if block.title:
            holder = _outline(node, block.title)
        elif not (previous and block.question_ids and block.question_ids == previous.question_ids):
            holder = node
        _block(holder, block)
        previous = block
    for sub in section.subsections:
        _section(node, sub)


def _check(parent: ET.Element, check: Section) -> None:
    """The plan check: its summary as the note, each titled block an outline (as the
    Markdown's headings)."""
    summary = next((b.text for b in check.blocks if isinstance(b, Paragraph)), None)
    node = _outline(parent, check.title, note=summary)
    for block in check.blocks:
        if block.title:
            _block(_outline(node, block.title), block)


def render_opml(plan: Plan) -> str:
    """The plan as an OPML 2.0 document."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _text(plan.title)
    created = dt.datetime.combine(plan.date, dt.time(), tzinfo=dt.UTC)
    ET.SubElement(head, "dateCreated").text = format_datetime(created, usegmt=True)
    if plan.client:
        ET.SubElement(head, "ownerName").text = _text(plan.client)
    body = ET.SubElement(root, "body")

    summary = _outline(body, _("Summary"))
    for paragraph in plan.summary:
        _outline(summary, paragraph)
    for part in plan.parts:
        node = _outline(body, part.title, note=part.intro)
        for section in part.sections:
            _section(node, section)

    oq = plan.open_questions
    node = _outline(body, _(closing.OPEN_QUESTIONS))
    if oq.is_empty():
        _outline(node, _(NOTHING_OPEN))
    if oq.not_asked:
        _outline(node, oq.not_asked_line)
    if oq.questions:
        questions = _outline(node, _("Questions to settle"))
        for item in oq.questions:
            q = _outline(questions, item.prompt)
            _outline(q, _pair(_("Stage"), item.stage))
            status = item.status.label
            if item.required:
                status = _("{status} (required)").format(status=status)
            _outline(q, _pair(_("Status"), status))
            if item.note:
                _outline(q, _pair(_("Note"), item.note))
    if oq.unanswered:
        unanswered = _outline(node, _("Not answered yet"))
        for group in oq.unanswered:
            group_node = _outline(unanswered, group.line)
            if group.required:
                _outline(group_node, _pair(_("Required among them"), group.required_text))
    if oq.empty_sections:
        sections = _outline(node, _("Sections without answers"))
        for title in oq.empty_sections:
            _outline(sections, title)
    if plan.notes:
        notes = _outline(body, _("Notes"))
        for note in plan.notes:
            _outline(notes, _pair(note.question, note.note))
    if plan.parked:
        parked = _outline(body, _(PARKING_LOT), note=_(PARKING_LOT_INTRO))
        for point in plan.parked:
            node = _outline(parked, point.text)
            if point.question:
                _outline(node, _pair(_("Parked at"), point.question))

    if plan.check is not None:
        _check(body, plan.check)
    appendix = _outline(body, _(closing.APPENDIX)) if plan.appendix or plan.internal else body
    for stage in plan.appendix:
        stage_node = _outline(appendix, f"{stage.number}. {stage.title}")
        for entry in stage.entries:
            q = _outline(stage_node, entry.question)
            lines = [line for line in entry.answer.splitlines() if line.strip()]
            for line in lines:
                _outline(q, line)
            if not lines or entry.status.value != "answered":
                _outline(q, _pair(_("Status"), entry.status.label))
            if entry.note:
                _outline(q, _pair(_("Note"), entry.note))

    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
