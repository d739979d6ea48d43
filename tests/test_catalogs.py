"""Every string the user sees is in the catalogues, translated, and compiled as shipped
(tools/catalogs.py extracts them with Babel; `make catalogs` updates the files)."""

from __future__ import annotations

import gettext
import io
import re

import pytest

from tools.catalogs import LOCALES, extracted, mo_bytes, po_path, read, updated

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture(scope="module")
def template() -> object:
    return extracted()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_marked_string_is_translated(template: object, locale: str) -> None:
    catalog = read(po_path(locale))
    ids = {m.id for m in template if m.id}  # type: ignore[attr-defined]
    known = {m.id for m in catalog if m.id}
    assert sorted(str(i) for i in ids - known) == [], "run `make catalogs` and translate them"
    assert sorted(str(i) for i in known - ids) == [], "strings no longer in the code"
    empty = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert empty == []


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translation_keeps_every_placeholder(locale: str) -> None:
    wrong = []
    for message in read(po_path(locale)):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(str(ids[-1])))
        for string in strings:
            if sorted(PLACEHOLDER.findall(str(string))) != wanted:
                wrong.append((ids[0], string))
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_is_the_one_the_po_file_makes(template: object, locale: str) -> None:
    path = po_path(locale)
    catalog = updated(read(path), template, [], locale)  # type: ignore[arg-type]
    assert path.with_suffix(".mo").read_bytes() == mo_bytes(catalog), "run `make catalogs`"
    translations = gettext.GNUTranslations(io.BytesIO(path.with_suffix(".mo").read_bytes()))
    assert translations.info()["plural-forms"] == "nplurals=1; plural=0;"
