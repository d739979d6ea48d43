"""The interface's translation catalogues (see wizard/i18n.py): extract, update, compile.

``python -m tools.catalogs`` (``make catalogs``) extracts every string marked with ``_()``,
``N_()`` or ``ngettext()`` in ``wizard/`` (and ``{{ _("...") }}`` in the plan's templates) with
Babel, brings each language's ``wizard.po`` in line (new strings added untranslated, strings no
longer in the code dropped, translations kept) and compiles ``wizard.mo`` beside it.
``--merge FILE.po ...`` first takes the translations those files hold for strings still
untranslated (a translator's work done apart). tests/test_catalogs.py checks the result: every
string translated, the compiled files up to date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wizard"
LOCALE = PACKAGE / "locale"
METHODS = [("**.py", "python"), ("plan/templates/**.j2", "jinja2.ext:babel_extract")]
LOCALES = ["zh_CN"]


def extracted(with_click: bool = True) -> Catalog:
    """Every string marked in the code, as a catalogue without translations; with
    ``with_click``, also the words of the installed click that the user sees (its usage lines
    and errors, see wizard.i18n.CLICK_MODULES), marked ``click`` in a comment."""
    catalog = Catalog(project="marketing-wizard", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, {}, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    if with_click:
        for message in click_messages():
            if message not in catalog:
                catalog.add(message, None, auto_comments=[CLICK])
    return catalog


CLICK = "click"
"""The comment on the strings of click (not ours: a newer click may add or drop some)."""


def click_messages() -> list[Any]:
    """The messages of click's modules that wizard.i18n translates, as installed."""
    import click

    from wizard.i18n import CLICK_MODULES

    folder = Path(click.__file__).parent
    found: list[Any] = []
    for name in CLICK_MODULES:
        with (folder / f"{name}.py").open("rb") as handle:
            found += [
                message
                for _line, message, _comments, _context in extract("python", handle)
                if all(
                    isinstance(part, str)
                    for part in (message if isinstance(message, tuple) else [message])
                )
            ]
    return found


def po_path(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / "wizard.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


HEADER = """\
# The interface of Marketing Plan Wizard in {language}: the wizard's prompts and messages
# and the plan's own words (the questions are translated in question_banks/<lang>/).
# Made by `make catalogs` (tools/catalogs.py): write translations in the msgstr lines only."""

LANGUAGE_NAMES = {"zh_CN": "Simplified Chinese"}


def updated(existing: Catalog, template: Catalog, extra: list[Catalog], locale: str) -> Catalog:
    """``template``'s strings with the translations ``existing`` (then ``extra``) has."""
    out = Catalog(
        locale=locale,
        project="marketing-wizard",
        version="0.1",
        header_comment=HEADER.format(language=LANGUAGE_NAMES.get(locale, locale)),
        creation_date=dt.datetime(2026, 11, 30, tzinfo=dt.UTC),
        revision_date=dt.datetime(2026, 11, 30, tzinfo=dt.UTC),
        language_team=LANGUAGE_NAMES.get(locale, locale),
        last_translator="Marketing Plan Wizard developers",
        msgid_bugs_address="",
        fuzzy=False,
    )
    for message in template:
        if not message.id:
            continue
        translation = None
        for source in (existing, *extra):
            found = source.get(message.id, context=message.context)
            string = found.string if found is not None else None
            if isinstance(string, tuple):  # as many forms as the language has (Chinese: one)
                forms = [form for form in string if form]
                string = (
                    tuple((forms + forms[-1:] * out.num_plurals)[: out.num_plurals])
                    if forms
                    else None
                )
            if string and _filled(string):
                translation = string
                break
        out.add(
            message.id,
            translation,
            auto_comments=message.auto_comments,
            flags=[f for f in message.flags if f != "fuzzy"],
            context=message.context,
        )
    return out


def _filled(string: object) -> bool:
    if isinstance(string, tuple):
        return all(string)
    return bool(string)


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, no_location=True, sort_output=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.catalogs", description=__doc__)
    parser.add_argument("--merge", nargs="*", type=Path, default=[], metavar="FILE.po")
    args = parser.parse_args(argv)
    template = extracted()
    extra = [read(path) for path in args.merge]
    for locale in LOCALES:
        path = po_path(locale)
        catalog = updated(read(path), template, extra, locale)
        path.write_bytes(po_text(catalog))
        path.with_suffix(".mo").write_bytes(mo_bytes(catalog))
        missing = [m.id for m in catalog if m.id and not _filled(m.string)]
        print(f"{path.relative_to(ROOT)}: {len(template)} strings, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
