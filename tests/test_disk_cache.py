"""The disk cache of checked banks, forecast data and compiled templates (wizard/disk_cache.py,
issue 13).

What it must never do: give anything but what reading the files again would give. So every
test here loads for real (a real folder of bank files, real pickles on a real file system) and
compares with a load that has the cache turned off; the key is checked against every kind of
change a bank folder can see (a property test); and an entry is trusted only in a private
folder: a forged entry is shown to be used where it may be, and refused where it may not.
"""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import TypeGuard

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plan_support import TODAY, load_example, session_from_answers
from tests.test_e2e import env
from wizard import bank_paths, disk_cache, i18n
from wizard.bank import Bank
from wizard.bank_paths import packs_dir, shipped_banks_dir
from wizard.banks import load_bank
from wizard.bankset import BankSet
from wizard.errors import BankError
from wizard.forecast import assumptions
from wizard.packs import available_packs
from wizard.plan import Plan, build_plan
from wizard.plan.html import TemplateProblem, copy_templates, render_html

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV, str(folder))
    return folder


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the retail pack, to be changed: a bank folder of one's own (--banks DIR)."""
    folder = tmp_path / "retail"
    shutil.copytree(packs_dir() / "retail", folder)
    return folder


def fresh(bankset: BankSet, monkeypatch: pytest.MonkeyPatch) -> Bank:
    """The bank as loading the files gives it, the cache turned off."""
    with monkeypatch.context() as patch:
        patch.setenv(disk_cache.ENV, "off")
        return bankset.load()[0]


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pickle"))


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the bank files fails the test: what comes back is the cache's."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the banks were read, not taken from the cache")

    monkeypatch.setattr("wizard.banks.load_bank", refuse)


def test_a_second_load_comes_from_the_cache_and_equals_the_files(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, record = BankSet(pack="b2b").load()
    assert len(entries(cache)) == 1
    no_loading(monkeypatch)
    again, again_record = BankSet(pack="b2b").load()
    assert again == first
    assert again_record == record
    assert record.versions  # the pack's stage versions come from the cache too
    monkeypatch.undo()
    assert again == fresh(BankSet(pack="b2b"), monkeypatch)


def test_a_changed_bank_file_is_read_again(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bankset = BankSet(dir=pack)
    before = bankset.load()[0]
    assert before.question("average_order_value").label == "Average order value"
    stage = pack / "04_product.yaml"
    stage.write_text(
        stage.read_text(encoding="utf-8").replace(
            "label: Average order value",
            "label: Average basket size",  # the same length
        ),
        encoding="utf-8",
    )
    after = bankset.load()[0]
    assert after.question("average_order_value").label == "Average basket size"
    assert after == fresh(bankset, monkeypatch)
    assert len(entries(cache)) == 2


def test_a_changed_translation_is_read_again(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.set_language("zh-CN")
    bankset = BankSet(dir=pack)
    assert bankset.load()[0].question("average_order_value").label == "客单价"
    text = pack / "zh-CN" / "04_product.yaml"
    text.write_text(
        text.read_text(encoding="utf-8").replace("label: 客单价", "label: 平均单价"),
        encoding="utf-8",
    )
    assert bankset.load()[0].question("average_order_value").label == "平均单价"
    i18n.set_language("en")  # the same files in another language: another entry
    assert bankset.load()[0].question("average_order_value").label == "Average order value"
    assert len(entries(cache)) == 3


def test_a_removed_stage_file_is_seen_and_putting_it_back_is_a_hit(
    cache: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bankset = BankSet(dir=pack)
    whole = bankset.load()[0]
    control = pack / "07_control.yaml"
    kept = control.read_bytes()
    control.unlink()
    with pytest.raises(BankError) as caught:  # the pack's control stage moved a role: the
        bankset.load()  # core's own question now plays it too
    assert "already played by" in "\n".join(caught.value.details)
    control.write_bytes(kept)
    no_loading(monkeypatch)
    assert bankset.load()[0] == whole


def test_a_bank_with_problems_is_never_stored_and_its_problems_are_listed_each_time(
    cache: Path, pack: Path
) -> None:
    stage = pack / "04_product.yaml"
    stage.write_text(
        stage.read_text(encoding="utf-8").replace("type: money", "type: moneys", 1),
        encoding="utf-8",
    )
    for _attempt in range(2):
        with pytest.raises(BankError) as caught:
            BankSet(dir=pack).load()
        assert "04_product.yaml" in "\n".join(caught.value.details)
    assert entries(cache) == []


def test_a_truncated_entry_is_a_miss_and_is_written_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = BankSet().load()[0]
    (entry,) = entries(cache)
    entry.write_bytes(entry.read_bytes()[:1000])
    assert BankSet().load()[0] == bank
    assert len(entry.read_bytes()) > 1000
    no_loading(monkeypatch)
    assert BankSet().load()[0] == bank


def forge(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Bank:
    """Store, under the core banks' key, a bank that is not theirs (the retail pack's): what an
    attacker able to write to the folder would plant."""
    lang = i18n.current()
    planted = fresh(BankSet(pack="retail"), monkeypatch)
    key = disk_cache.key("bank", [shipped_banks_dir()], lang)
    cache.mkdir(mode=0o700, exist_ok=True)
    entry = cache / f"{key}.pickle"
    entry.write_bytes(pickle.dumps((disk_cache.FORMAT, "bank", key, (planted, {}))))
    entry.chmod(0o600)
    return planted


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_an_entry_is_trusted_in_a_private_folder_only(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = forge(cache, monkeypatch)
    core = fresh(BankSet(), monkeypatch)
    assert planted != core
    cache.chmod(0o700)
    assert BankSet().load()[0] == planted  # the test can see an entry being used
    cache.chmod(0o777)
    assert BankSet().load()[0] == core  # a folder others may write to: not read
    cache.chmod(0o720)
    assert BankSet().load()[0] == core
    cache.chmod(0o700)
    (entry,) = entries(cache)
    entry.chmod(0o622)
    assert BankSet().load()[0] == core  # an entry others may write to: not read


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX links")
def test_a_link_in_place_of_an_entry_is_not_followed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = forge(cache, monkeypatch)
    (entry,) = entries(cache)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert BankSet().load()[0] != planted


def test_the_cache_turned_off_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(disk_cache.ENV, "off")
    BankSet().load()
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv(disk_cache.ENV)
    BankSet().load()  # by default: under XDG_CACHE_HOME
    assert len(list((tmp_path / "xdg" / "marketing-wizard").glob("*.pickle"))) == 1


def test_a_cache_that_cannot_be_written_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(disk_cache.ENV, str(blocker / "cache"))
    assert BankSet().load()[0] == fresh(BankSet(), monkeypatch)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_least_recently_used_entries_go_beyond_the_limit(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk_cache, "KEEP", 3)
    for number in range(5):
        disk_cache.cached("test", [], functools.partial(int, number), _is_int, salt=str(number))
    kept = {pickle.loads(p.read_bytes())[3] for p in entries(cache)}
    assert len(kept) == 3
    assert 4 in kept  # the newest stays
    assert 0 not in kept
    assert 1 not in kept
    assert not list(cache.glob("*.tmp"))


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int)


def test_the_forecast_data_comes_from_the_cache_equal_to_the_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assumptions.load_assumptions.cache_clear()
    first = assumptions.load_assumptions()
    assumptions.load_assumptions.cache_clear()

    def refuse(_text: str) -> None:
        raise AssertionError("the data file was read, not taken from the cache")

    monkeypatch.setattr(assumptions, "parse_assumptions", refuse)
    assert assumptions.load_assumptions() == first
    monkeypatch.undo()
    text = (Path(assumptions.__file__).parent / "data" / "assumptions.yaml").read_text("utf-8")
    assert first == assumptions.parse_assumptions(text)
    assumptions.load_assumptions.cache_clear()


# --- the key: every change to the files is a new key -------------------------------------

NAMES = st.text(string.ascii_lowercase, min_size=1, max_size=6)
FOLDERS = st.sampled_from(["", "zh-CN", "en"])
TREES = st.dictionaries(st.tuples(FOLDERS, NAMES), st.binary(max_size=40), min_size=1, max_size=6)


def write_tree(root: Path, tree: dict[tuple[str, str], bytes]) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for (sub, name), content in tree.items():
        folder = root / sub if sub else root
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.yaml").write_bytes(content)


@st.composite
def changed(draw: st.DrawFn, tree: dict[tuple[str, str], bytes]) -> dict[tuple[str, str], bytes]:
    """``tree`` with one change a bank folder can see (or none)."""
    place = draw(st.sampled_from(sorted(tree)))
    content = tree[place]
    new = dict(tree)
    change = draw(st.sampled_from(["none", "byte", "add", "remove", "rename", "move", "swap"]))
    if change == "byte" and content:  # the same length, one byte other
        at = draw(st.integers(0, len(content) - 1))
        new[place] = content[:at] + bytes([(content[at] + 1) % 256]) + content[at + 1 :]
    elif change == "add":
        new[draw(st.tuples(FOLDERS, NAMES))] = draw(st.binary(max_size=40))
    elif change == "remove":
        del new[place]
    elif change in {"rename", "move"}:
        del new[place]
        target = (place[0], draw(NAMES)) if change == "rename" else (draw(FOLDERS), place[1])
        new[target] = content
    elif change == "swap" and len(tree) > 1:  # two files trade contents
        other = draw(st.sampled_from([p for p in sorted(tree) if p != place]))
        new[place], new[other] = tree[other], content
    return new


@settings(max_examples=200, deadline=None)
@given(data=st.data(), before=TREES, salt=st.sampled_from(["en", "zh-CN"]))
def test_the_key_changes_exactly_when_a_file_read_changes(
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
    before: dict[tuple[str, str], bytes],
    salt: str,
) -> None:
    after = data.draw(changed(before))
    root = tmp_path_factory.mktemp("tree") / "banks"
    write_tree(root, before)
    first = disk_cache.key("bank", [root], salt)
    (root / "README.md").write_text("not a bank file", encoding="utf-8")
    assert disk_cache.key("bank", [root], salt) == first  # only YAML is read
    write_tree(root, after)
    assert (disk_cache.key("bank", [root], salt) == first) == (before == after)
    other = "en" if salt != "en" else "zh-CN"
    assert disk_cache.key("bank", [root], other) != disk_cache.key("bank", [root], salt)


def test_a_moved_file_between_folders_is_a_new_key(tmp_path: Path) -> None:
    core, pack = tmp_path / "core", tmp_path / "pack"
    write_tree(core, {("", "a"): b"x: 1", ("", "b"): b"y: 2"})
    write_tree(pack, {("", "c"): b"z: 3"})
    first = disk_cache.key("bank", [core, pack])
    (core / "b.yaml").rename(pack / "b.yaml")
    assert disk_cache.key("bank", [core, pack]) != first


# --- the packs the menu of `new` offers --------------------------------------------------


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped packs, where the wizard looks for them."""
    folder = tmp_path / "packs"
    shutil.copytree(packs_dir(), folder)
    monkeypatch.setattr(bank_paths, "packs_dir", lambda: folder)
    return folder


def titles(packs: list[bank_paths.Pack]) -> list[tuple[str, str, Path]]:
    return [(p.id, p.title, p.folder) for p in packs]


def listed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, Path]]:
    """The packs of the menu as reading the files gives them, the cache turned off."""
    with monkeypatch.context() as patch:
        patch.setenv(disk_cache.ENV, "off")
        return titles(bank_paths.shipped_packs())


def test_the_packs_come_from_the_cache_equal_to_the_files(
    cache: Path, packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = bank_paths.shipped_packs()
    assert [p.id for p in first] == ["b2b", "restaurant", "retail"]
    assert first == available_packs(packs)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the pack cards were read, not taken from the cache")

    with monkeypatch.context() as patch:
        patch.setattr("wizard.packs.available_packs", refuse)
        assert bank_paths.shipped_packs() == first
    # a renamed pack folder, a changed translation of a card: each is read again
    (packs / "retail").rename(packs / "shop")
    assert [p.folder for p in bank_paths.shipped_packs() if p.id == "retail"] == [packs / "shop"]
    (packs / "shop").rename(packs / "retail")
    assert bank_paths.shipped_packs() == first
    i18n.set_language("zh-CN")
    assert ("retail", "网络零售", packs / "retail") in titles(bank_paths.shipped_packs())
    card = packs / "retail" / "zh-CN" / "pack.yaml"
    card.write_text(card.read_text("utf-8").replace("网络零售", "网上零售"), "utf-8")
    assert ("retail", "网上零售", packs / "retail") in titles(bank_paths.shipped_packs())
    assert titles(bank_paths.shipped_packs()) == listed(monkeypatch)


# --- compiled templates: the HTML plan's templates, compiled once --------------------------

TEMPLATE = "jinja2 template"  # the kind of their entries (wizard/plan/html.py)


def kinds(cache: Path) -> list[str]:
    """The kind of each entry in the cache folder (an entry is (format, kind, key, value))."""
    found = []
    for path in entries(cache):
        with path.open("rb") as handle:
            found.append(pickle.load(handle)[1])
    return sorted(found)


@pytest.fixture(scope="module")
def tea_plan() -> Plan:
    bank = load_bank()
    session = session_from_answers(bank, load_example("tea-brand"), "tea")
    return build_plan(bank, session, today=TODAY)


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, compiling a template fails: what renders was compiled before."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a template was compiled, not taken from the cache")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_compiled_templates_come_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch, tea_plan: Plan
) -> None:
    first = render_html(tea_plan)
    # the plan, the page it extends, the cover, the block macros and the stylesheet
    assert kinds(cache).count(TEMPLATE) == 5
    no_compiling(monkeypatch)
    assert render_html(tea_plan) == first
    monkeypatch.setenv(disk_cache.ENV, "off")  # and the refusal does bite without the cache
    with pytest.raises(TemplateProblem, match="compiled, not taken from the cache"):
        render_html(tea_plan)


def test_a_changed_template_is_compiled_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tea_plan: Plan
) -> None:
    own = tmp_path / "templates"
    copy_templates(own)
    before = render_html(tea_plan, own)
    assert before == render_html(tea_plan)  # the same sources, the same page
    main = own / "plan.html.j2"
    source = main.read_text(encoding="utf-8")
    assert '_("Summary")' in source
    main.write_text(source.replace('_("Summary")', '"Résumé" '), encoding="utf-8")
    after = render_html(tea_plan, own)
    assert "Résumé" in after
    assert "Résumé" not in before
    no_compiling(monkeypatch)  # both versions are kept, each under its own source
    assert render_html(tea_plan, own) == after
    main.write_text(source, encoding="utf-8")
    assert render_html(tea_plan, own) == before


# --- the commands: the same plan, served from the cache, without the YAML reader ------------


def test_plans_from_the_cache_are_byte_identical(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "cache"

    def run(cache_setting: str, *args: str) -> bytes:
        done = subprocess.run(
            [sys.executable, "-m", "wizard", *args],
            env={**env(home), disk_cache.ENV: cache_setting},
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("off", "fill", "tea", str(EXAMPLES / "tea-brand.yaml"))
    for fmt in ("md", "html", "json"):
        plan = ["plan", "tea", "--format", fmt, "-o", "-"]
        off, cold, warm = run("off", *plan), run(str(folder), *plan), run(str(folder), *plan)
        assert off == cold == warm
    # the core banks, the forecast's two data files and the HTML plan's five templates
    assert kinds(folder) == sorted(
        ["bank", "forecast assumptions.yaml", "forecast exchange_rates.yaml", *[TEMPLATE] * 5]
    )
