"""The plan as one self-contained HTML5 file, rendered from the document model by Jinja2.

The shipped templates are package files (``wizard/plan/templates``: ``plan.html.j2`` extends
``base.html.j2``, with the cover in ``cover.html.j2``, a macro per block kind in
``blocks.html.j2`` and the stylesheet in ``plan.css``, inlined). A consultant's own templates
(``plan --template DIR``) are rendered the same way. Either way the environment is sandboxed,
autoescapes everything and reads templates only from its one folder, and the templates get the
plan as plain data (its JSON form) with the drawings as safe markup: the mind map, the SWOT
grid, the timeline and the charts, made in Python without JavaScript
(:mod:`wizard.plan.drawings`, :mod:`wizard.plan.svg_chart`). The page has no script and makes
no request; its Content-Security-Policy forbids both should anything ever slip through.

jinja2 is imported only when a plan is rendered as HTML.
"""

from __future__ import annotations

import re
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard import i18n
from wizard.colours import tint
from wizard.plan.markdown import NOTHING_CHARTED, NOTHING_OPEN
from wizard.plan.model import (
    INTERNAL_MARK,
    INTERNAL_NOTICE,
    PARKING_LOT,
    PARKING_LOT_INTRO,
    Chart,
    Plan,
    Section,
    Swot,
    Timeline,
    mind_map,
)
from wizard.plan.text import date_text
from wizard.text_layout import cells, flat

if TYPE_CHECKING:
    from jinja2 import BaseLoader, BytecodeCache, Environment
    from jinja2.bccache import Bucket
    from markupsafe import Markup

__all__ = ["CSP", "MAIN_TEMPLATE", "TEMPLATES", "TemplateProblem", "copy_templates", "render_html"]

TEMPLATES = Path(__file__).with_name("templates")
"""The shipped templates, the starting point for a consultant's own (``plan-templates``)."""
MAIN_TEMPLATE = "plan.html.j2"
"""The template rendered; the others are what it extends, imports and includes."""
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class TemplateProblem(Exception):
    """A consultant's template that cannot be used: what went wrong, and where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def render_html(plan: Plan, templates: Path | None = None) -> str:
    """The plan as a self-contained HTML5 document, through the shipped templates or the ones
    in the folder ``templates``.

    Raises:
        TemplateProblem: the folder or its ``plan.html.j2`` is missing, or a template has an
            error or reaches for something the sandbox refuses (message names file and line).
    """
    import jinja2

    folder = TEMPLATES if templates is None else templates
    if not folder.is_dir():
        raise TemplateProblem(
            i18n._("The template folder {folder} does not exist.").format(folder=folder)
        )
    env = _environment(_loader(folder))
    try:
        template = env.get_template(MAIN_TEMPLATE)
        return template.render(_template_data(plan))
    except jinja2.TemplateSyntaxError as exc:
        where = _where(folder, exc.filename or exc.name, exc.lineno)
        raise TemplateProblem(f"{where}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == MAIN_TEMPLATE and not (folder / MAIN_TEMPLATE).is_file():
            raise TemplateProblem(
                i18n._(
                    "The template folder {folder} has no {template}, the template a plan is "
                    "rendered from."
                ).format(folder=folder, template=MAIN_TEMPLATE)
            ) from None
        raise TemplateProblem(
            i18n._(
                "{where}: template {name} is not in {folder} (templates read files from their "
                "own folder only)."
            ).format(where=_traced(folder, exc), name=repr(exc.name), folder=folder)
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(
            i18n._("{where}: refused: {error}").format(where=_traced(folder, exc), error=exc)
        ) from None
    except Exception as exc:  # any other error a template makes, such as an unknown name
        raise TemplateProblem(f"{_traced(folder, exc)}: {exc}") from None


def copy_templates(target: Path) -> list[Path]:
    """Copy the shipped templates into ``target`` (made if missing); never overwrites a file.

    Raises:
        TemplateProblem: a file of that name is already there.
    """
    sources = sorted(p for p in TEMPLATES.iterdir() if p.is_file())
    taken = [p.name for p in sources if (target / p.name).exists()]
    if taken:
        raise TemplateProblem(
            i18n._("Not copying the templates: {target} already holds {files}.").format(
                target=target, files=", ".join(taken)
            )
        )
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copyfile(p, target / p.name)) for p in sources]


# --- the environment ---------------------------------------------------------------------------


def _loader(folder: Path) -> BaseLoader:
    import jinja2

    root = folder.resolve()

    class Confined(jinja2.FileSystemLoader):
        """Templates from one folder only: not through '..', nor a link that leads out."""

        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise jinja2.TemplateNotFound(template)
            return source, filename, uptodate

    return Confined(str(folder))


def _environment(loader: BaseLoader) -> Environment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=loader,
        bytecode_cache=_compiled_templates(),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["iso_date"] = lambda value: (
        isinstance(value, str) and bool(_ISO_DATE.fullmatch(value))
    )
    env.filters["tint"] = tint
    env.filters["css_string"] = _css_string
    env.tests["short_items"] = _short_items
    # {{ _("Summary") }} in the language in force, in the shipped templates and a consultant's own
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.ngettext, newstyle=True
    )
    return env


def _compiled_templates() -> BytecodeCache | None:
    """Templates compiled once, kept in the disk cache (:mod:`wizard.disk_cache`).

    Compiling the templates is most of rendering a plan as HTML. Jinja2 hands a compiled
    template over with its name, file and the checksum of its source; the entry's key holds
    those, Jinja2's version and the wizard's code (which sets up this environment), so a changed
    template, shipped or a consultant's own, is compiled again; Jinja2 checks the checksum too.
    """
    import jinja2

    from wizard import disk_cache

    if disk_cache.cache_dir() is None:
        return None

    class CompiledTemplates(jinja2.BytecodeCache):
        def _key(self, bucket: Bucket) -> str:
            salt = f"{jinja2.__version__}\0{bucket.key}\0{bucket.checksum}"
            return disk_cache.key(_COMPILED, [], salt)

        def load_bytecode(self, bucket: Bucket) -> None:
            found, code = disk_cache.read(_COMPILED, self._key(bucket))
            if found and isinstance(code, bytes):
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: Bucket) -> None:
            disk_cache.write(_COMPILED, self._key(bucket), bucket.bytecode_to_string())

    return CompiledTemplates()


_COMPILED = "jinja2 template"
"""The kind of the disk cache's entries of compiled templates."""

SHORT_ITEM = 44
"""The widest item (in columns, a Chinese character two) of a list printed in two columns."""


def _short_items(items: Any) -> bool:
    """Three items or more, none wider than :data:`SHORT_ITEM`: a list print sets in two columns
    (each column is about 45 characters wide), rather than a column of half-empty lines."""
    shown = [item for item in items if isinstance(item, str) and item.strip()]
    return len(shown) >= 3 and all(cells(flat(item)) <= SHORT_ITEM for item in shown)


def _css_string(text: Any) -> Markup:
    """``text`` as a quoted CSS string (for ``content:``): every character but letters and
    digits written as a six-digit CSS escape, so no text can end the string, the rule or the
    ``<style>`` element (spaces too: CSS takes a space after an escape as its end)."""
    from markupsafe import Markup

    body = "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in str(text))
    return Markup(f'"{body}"')


def _where(folder: Path, filename: str | None, lineno: int | None) -> str:
    name = Path(filename).name if filename else "a template"
    shown = str(folder / name) if filename and folder != TEMPLATES else name
    return i18n._("{file}, line {line}").format(file=shown, line=lineno) if lineno else shown


def _traced(folder: Path, exc: BaseException) -> str:
    """The template file and line where ``exc`` was raised (Jinja puts them in the traceback)."""
    root = folder.resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix in {".j2", ".css", ".html"} and path.resolve().is_relative_to(root):
            return _where(folder, frame.filename, frame.lineno)
    return f"{folder / MAIN_TEMPLATE}"


# --- the data the templates get ----------------------------------------------------------------


def _template_data(plan: Plan) -> dict[str, Any]:
    """The plan in its JSON form, with a few words made for reading and the drawings added."""
    data = plan.model_dump(mode="json")
    for part, part_data in zip(plan.parts, data["parts"], strict=True):
        for section, section_data in zip(part.sections, part_data["sections"], strict=True):
            _add_drawings(section, section_data)
    if plan.check is not None:
        _add_drawings(plan.check, data["check"])
    oq = plan.open_questions
    data["date_text"] = date_text(plan.date)
    data["cover"]["workshop_text"] = date_text(plan.cover.workshop) if plan.cover.workshop else None
    data["open_questions"]["not_asked_line"] = oq.not_asked_line
    data["open_questions"]["is_empty"] = oq.is_empty()
    for stage, stage_data in zip(oq.unanswered, data["open_questions"]["unanswered"], strict=True):
        stage_data |= {
            "line": stage.line,
            "count_text": stage.count_text,
            "required_text": stage.required_text,
        }
    for item, item_data in zip(oq.questions, data["open_questions"]["questions"], strict=True):
        item_data["status_label"] = item.status.label
    for appendix_stage, stage_data in zip(plan.appendix, data["appendix"], strict=True):
        for entry, entry_data in zip(appendix_stage.entries, stage_data["entries"], strict=True):
            entry_data["status_label"] = entry.status.label
    from markupsafe import Markup

    glance = None
    if any(part.sections for part in plan.parts):
        from wizard.plan.drawings import mind_map_html

        glance = mind_map_html(mind_map(plan))
    return {
        "plan": data,
        "lang": i18n.current(),
        "mind_map": glance,
        "csp": Markup(CSP),  # quotes as they are: the policy is ours, not the plan's
        "words": {
            "nothing_open": i18n._(NOTHING_OPEN),
            "nothing_charted": i18n._(NOTHING_CHARTED),
            "parking_lot": i18n._(PARKING_LOT),
            "internal_notice": i18n._(INTERNAL_NOTICE),
            "internal_mark": i18n._(INTERNAL_MARK),
            "parking_lot_intro": i18n._(PARKING_LOT_INTRO),
        },
    }


def _add_drawings(section: Section, data: dict[str, Any]) -> None:
    """Each SWOT, timeline and chart block gets ``drawing``: its HTML (None: nothing to draw)."""
    for block, block_data in zip(section.blocks, data["blocks"], strict=True):
        if isinstance(block, Swot | Timeline | Chart):
            block_data["drawing"] = _drawing(block)
    for sub, sub_data in zip(section.subsections, data["subsections"], strict=True):
        _add_drawings(sub, sub_data)


def _drawing(block: Swot | Timeline | Chart) -> Markup | None:
    from wizard.plan.chart import points
    from wizard.plan.drawings import gantt, swot_grid
    from wizard.plan.svg_chart import line_chart

    if isinstance(block, Swot):
        return swot_grid(block)
    if isinstance(block, Timeline):
        return gantt(block) if block.items else None
    if any(points(block, series) for series in block.series):
        return line_chart(block)
    return None
