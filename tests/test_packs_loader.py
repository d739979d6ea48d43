"""Packs merged into the banks: new stages, extends with remove, replace by id, add after.

The core here is the small test bank in tests/data/mini (stages ``first`` and ``second``), so
these tests do not move when the shipped banks' content does.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

import wizard.banks
from wizard.banks import bank_files, check_banks, load_bank
from wizard.errors import BankError, UsageError
from wizard.packs import available_packs, find_pack, pack_plan_layout, read_pack

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
TINY = DATA / "packs" / "tiny"


def shown(path: Path) -> str:
    """A path as problems name it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


FIRST, SECOND = shown(MINI / "01_first.yaml"), shown(MINI / "02_second.yaml")

CARD = "id: mine\ntitle: Mine\ndescription: A test pack.\nversion: 1\n"
NEW_QUESTION = """
  - id: {qid}
    type: text
    prompt: A question?
    help: Why it matters.
    example: x
    section: goals
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "pack.yaml").write_text(CARD, encoding="utf-8")
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems_with(pack: Path) -> list[str]:
    bank, problems = check_banks(bank_files([MINI]), pack=pack)
    assert (bank is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_tiny_pack_replaces_adds_removes_and_adds_a_stage() -> None:
    bank = load_bank([MINI], pack=TINY)
    assert [s.id for s in bank.stages] == ["first", "local", "second"]
    first = bank.stages[0]
    assert [q.id for q in first.questions] == ["name", "platform", "delivery_radius", "site_plan"]
    assert (first.title, first.intro) == ("The shop", "The first stage, as the tiny pack words it.")
    assert first.version == 1  # the core stage's version; the extension's is the pack's own
    assert bank.question("name").prompt == "What is the shop called?"
    assert bank.question("name").source == []  # a pack may leave source out
    assert bank.versions()["local"] == 2
    assert "other_where" not in bank.ids()


def test_the_core_alone_is_unchanged() -> None:
    assert load_bank([MINI]).ids() == [
        "name",
        "platform",
        "site_plan",
        "other_where",
        *["channels", "seo_budget", "headcount", "ready", "goals"],
    ]


def test_a_pack_that_replaces_a_question(pack: Path) -> None:
    write(
        pack,
        "01_first.yaml",
        """
        extends: first
        version: 1
        questions:
          - id: site_plan
            type: long_text
            prompt: How is the menu laid out online?
            help: The pack's words.
            example: Starters, mains.
            section: platform
            when: platform == 'own_website'
        """,
    )
    bank = load_bank([MINI], pack=pack)
    assert bank.ids()[:4] == ["name", "platform", "site_plan", "other_where"]
    assert bank.question("site_plan").prompt == "How is the menu laid out online?"


def test_a_pack_that_adds_a_stage_after_another(pack: Path) -> None:
    stage = "version: 1\nid: extra\nafter: first\ntitle: Extra\nintro: More.\nquestions:"
    write(pack, "01_extra.yaml", stage + NEW_QUESTION.format(qid="extra_q"))
    write(pack, "02_last.yaml", stage.replace("extra", "last").replace("after: first\n", ""))
    (pack / "02_last.yaml").write_text(
        (pack / "02_last.yaml").read_text() + NEW_QUESTION.format(qid="last_q")
    )
    bank = load_bank([MINI], pack=pack)
    assert [s.id for s in bank.stages] == ["first", "extra", "second", "last"]


def test_removing_a_question_a_condition_uses(pack: Path) -> None:
    write(pack, "01_first.yaml", "extends: first\nversion: 1\nremove: [platform]\n")
    assert problems_with(pack) == [
        f"{FIRST}: site_plan.when: 'platform' is removed by "
        f"{pack / '01_first.yaml'}, but this condition uses it; remove or replace 'site_plan' "
        "there too",
        f"{FIRST}: other_where.when: 'platform' is removed by "
        f"{pack / '01_first.yaml'}, but this condition uses it; remove or replace 'other_where' "
        "there too",
    ]


def test_pack_only_problems_name_the_pack_file(pack: Path) -> None:
    ext = write(
        pack,
        "01_first.yaml",
        """
        extends: first
        version: 1
        remove: [nmae]
        questions:
          - id: radius
            after: platfrom
            type: integer
            prompt: How far?
            help: Delivery radius.
            example: 5
            section: operations
        """,
    )
    unknown = write(pack, "02_x.yaml", "extends: thrid\nversion: 1\n")
    unversioned = write(pack, "04_z.yaml", "extends: second\nremove: [ready]\n")
    mixed = write(pack, "03_y.yaml", "extends: second\nid: second\ntitle: T\nversion: 1\n")
    assert problems_with(pack) == [
        f"{ext}: remove.0: 'nmae' is not a question of stage 'first' (did you mean 'name'?); "
        "expected one of: name, platform, site_plan, other_where",
        f"{ext}: radius.after: 'platfrom' is not a question of stage 'first' "
        "(did you mean 'platform'?); expected one of: name, platform, site_plan, other_where",
        f"{unknown}: extends: 'thrid' is not a stage id; expected one of: first, second",
        f"{mixed}: extends: a file that extends a stage cannot also have 'id'; "
        "write a new stage without 'extends', or leave those keys out",
        f"{unversioned}: version: missing required key 'version'",
    ]


def test_a_stage_after_an_unknown_stage(pack: Path) -> None:
    stage = "version: 1\nid: extra\nafter: frist\ntitle: Extra\nintro: More.\nquestions:"
    path = write(pack, "01_extra.yaml", stage + NEW_QUESTION.format(qid="extra_q"))
    assert problems_with(pack) == [
        f"{path}: after: 'frist' is not a stage id (did you mean 'first'?); "
        "expected one of: first, second"
    ]


def test_the_usual_checks_run_on_the_merged_bank(pack: Path) -> None:
    ext = write(
        pack,
        "01_first.yaml",
        """
        extends: first
        version: 1
        questions:
          - id: headcount
            type: text
            prompt: Again?
            help: h
            example: x
            section: team
          - id: late
            type: text
            prompt: Late?
            help: h
            example: x
            section: team
            when: ready
          - id: typo
            type: txt
            prompt: Typo?
            help: h
            example: x
            section: team
        """,
    )
    assert problems_with(pack) == [
        f"{ext}: typo.type: expected 'text', 'long_text', 'select', 'multi_select', 'confirm', "
        "'integer', 'number', 'money', 'percent', 'date' or 'list' (got 'txt')",
        f"{ext}: late.when: 'ready' is asked later; a condition can only use earlier answers",
        f"{SECOND}: headcount: duplicate question id; 'headcount' is also used in {ext}",
    ]


def test_pack_yaml_missing_or_malformed(tmp_path: Path, pack: Path) -> None:
    (pack / "pack.yaml").write_text("id: Mine\ntitle: ''\nversion: 1\nlogo: x\n")
    assert problems_with(pack) == [
        f"{pack / 'pack.yaml'}: id: string should match pattern '^[a-z][a-z0-9_]*$' (got 'Mine')",
        f"{pack / 'pack.yaml'}: title: string should have at least 1 character (got '')",
        f"{pack / 'pack.yaml'}: description: missing required key 'description'",
        f"{pack / 'pack.yaml'}: logo: unknown key 'logo'; expected one of: id, title, "
        "description, version",
    ]
    (pack / "pack.yaml").unlink()
    assert problems_with(pack) == [
        f"{pack / 'pack.yaml'}: no such file; a pack folder needs a pack.yaml with id, title, "
        "description and version"
    ]
    (pack / "pack.yaml").write_text("id: [\n")
    [line] = problems_with(pack)
    assert line.startswith(f"{pack / 'pack.yaml'}:2: ")
    with pytest.raises(BankError) as caught:
        load_bank([MINI], pack=pack)
    assert (
        caught.value.hint
        == f"Fix them, then check again with: marketing-wizard banks validate {pack}"
    )


def test_plan_and_pack_files_are_never_stages(pack: Path) -> None:
    write(pack, "plan.yaml", "version: 1\nparts: []\n")
    assert bank_files([pack]) == []
    assert pack_plan_layout(pack) == pack / "plan.yaml"
    assert pack_plan_layout(TINY) is None
    assert load_bank([MINI], pack=pack).ids() == load_bank([MINI]).ids()


def test_source_is_required_in_the_shipped_core_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = tmp_path / "core"
    core.mkdir()
    text = (MINI / "01_first.yaml").read_text(encoding="utf-8")
    path = write(
        core, "01_first.yaml", text.replace("    source: [001_58b577d727a4f964.txt]\n", "", 1)
    )
    assert load_bank([core]).ids()[0] == "name"  # any other folder: source is optional
    layout = wizard.banks.shipped_banks_dir() / wizard.banks.LAYOUT_FILE
    write(core, wizard.banks.LAYOUT_FILE, layout.read_text(encoding="utf-8"))
    monkeypatch.setattr(wizard.banks, "shipped_banks_dir", lambda: core)
    _bank, problems = check_banks([path])
    assert [str(p) for p in problems] == [f"{path}: name.source: missing required key 'source'"]


def test_packs_are_listed_and_found_by_name() -> None:
    root = DATA / "packs"
    [tiny] = available_packs(root)
    assert (tiny.id, tiny.title, tiny.version, tiny.folder) == ("tiny", "Tiny test pack", 1, TINY)
    assert tiny.description == "Changes the mini test bank in every way a pack can."
    assert find_pack("tiny", root) == tiny
    with pytest.raises(UsageError) as caught:
        find_pack("tinny", root)
    assert caught.value.message == (
        "There is no pack named 'tinny'. Packs: core (the core questions only), tiny."
    )
    assert read_pack(root)[1][0].message.startswith("no such file")


def test_the_menu_of_new_offers_the_core_and_each_pack(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    import wizard.bank_paths
    from tests.test_prompter import DOWN, ENTER, feed, prompter
    from wizard.bankset import BankSet, pick

    monkeypatch.setattr(wizard.bank_paths, "packs_dir", lambda: tmp_path / "none")
    with create_pipe_input() as pipe:
        pipe.close()  # no packs: no menu, nothing read
        assert pick(prompter(pipe, io.StringIO())) == BankSet()
    monkeypatch.setattr(wizard.bank_paths, "packs_dir", lambda: DATA / "packs")
    for keys, wanted in [(ENTER, BankSet()), (DOWN + ENTER, BankSet(pack="tiny"))]:
        screen = io.StringIO()
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            feed(pipe, keys)
            asking = prompter(pipe, screen)
            assert pick(asking, asking.console) == wanted
            shown = screen.getvalue()
            assert "For any kind of business." in shown  # each set is explained above the menu
            assert "Changes the mini test bank in every way a pack can." in shown


# --- a pack's plan.yaml over the layout ------------------------------------------------------


def test_a_pack_renames_sections_and_adds_a_section_and_a_part(pack: Path) -> None:
    write(
        pack,
        "plan.yaml",
        """
        titled: Guest plan for {name}
        parts:
          - id: implementation
            sections:
              - {id: platform, title: Where guests find you}
              - {id: channels}
              - {id: deals, title: Deals and vouchers}
          - id: kitchen
            title: IV. Kitchen
            intro: What the kitchen must be ready for.
            sections:
              - {id: capacity, title: Seats and capacity}
        """,
    )
    bank = load_bank([MINI], pack=pack)
    sections = [(s.id, s.title) for s in bank.layout.sections()]
    assert ("platform", "Where guests find you") in sections
    ids = [s for s, _t in sections]
    assert ids[ids.index("channels") + 1] == "deals"
    assert ids[-1] == "capacity"
    assert [p.title for p in bank.layout.parts][-1] == "IV. Kitchen"
    assert bank.layout.titled == "Guest plan for {name}"
    assert load_bank([MINI]).layout.section_title("platform") == "Platform and promotion"


def test_a_broken_plan_overlay_names_file_and_place(pack: Path) -> None:
    path = write(
        pack,
        "plan.yaml",
        """
        parts:
          - id: implementation
            sections:
              - {id: deals}
              - {id: goals, title: Goals again}
          - id: extra
            sections: []
        """,
    )
    assert problems_with(pack) == [
        f"{path}: parts.implementation.sections.deals: a new section needs a title",
        f"{path}: parts.implementation.sections.goals: this section belongs to another part; "
        "list it under that part",
        f"{path}: parts.extra: a new part needs a title and an intro",
    ]


def test_change_lays_keys_over_a_question_in_the_pack_s_words(pack: Path) -> None:
    ext = write(
        pack,
        "01_first.yaml",
        """
        extends: first
        version: 1
        change:
          name: {example: Corner Bean, help: A café is known by its name on the street.}
          site_plan: {type: text}
          nmae: {example: x}
        """,
    )
    assert problems_with(pack) == [
        f"{ext}: change.site_plan.type: type cannot be changed; give the whole question under "
        "questions",
        f"{ext}: change.nmae: 'nmae' is not a question of stage 'first' (did you mean 'name'?); "
        "expected one of: name, platform, site_plan, other_where",
    ]
    write(
        pack,
        "01_first.yaml",
        "extends: first\nversion: 1\nchange:\n  name: {example: Corner Bean}\n",
    )
    bank = load_bank([MINI], pack=pack)
    name = bank.question("name")
    assert name.example == "Corner Bean"
    assert name.prompt == load_bank([MINI]).question("name").prompt  # the rest is the core's
