"""Every string the user sees is in the catalogues, translated, and compiled as shipped
(tools/catalogs.py extracts them with Babel; `make catalogs` updates the files)."""

from __future__ import annotations

import gettext
import io
import re

import pytest

from tools.catalogs import CLICK, LOCALES, extracted, mo_bytes, po_path, read

# a placeholder's field name; its conversion may differ ("{name!r}" in English, "“{name}”"
# with Chinese quotes)
PLACEHOLDER = re.compile(r"\{([^{}!:]*)[^{}]*\}")


@pytest.fixture(scope="module")
def template() -> object:
    return extracted(with_click=False)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_marked_string_is_translated(template: object, locale: str) -> None:
    catalog = read(po_path(locale))
    ids = {m.id for m in template if m.id}  # type: ignore[attr-defined]
    known = {m.id for m in catalog if m.id and CLICK not in m.auto_comments}
    assert sorted(str(i) for i in ids - known) == [], "run `make catalogs` and translate them"
    assert sorted(str(i) for i in known - ids) == [], "strings no longer in the code"
    # click's own words (Usage:, Options...) are there too, for the click installed when the
    # catalogue was made; a newer click's new words would show in English, not fail here
    assert sum(CLICK in m.auto_comments for m in catalog) > 50
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
def test_the_compiled_catalogue_is_the_one_the_po_file_makes(locale: str) -> None:
    path = po_path(locale)
    assert path.with_suffix(".mo").read_bytes() == mo_bytes(read(path)), "run `make catalogs`"
    translations = gettext.GNUTranslations(io.BytesIO(path.with_suffix(".mo").read_bytes()))
    assert translations.info()["plural-forms"] == "nplurals=1; plural=0;"
