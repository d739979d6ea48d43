"""The bank loader: every kind of mistake gets one line naming file, place and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BankWriter
from wizard.banks import bank_files, check_banks, load_bank
from wizard.errors import BankError

GOOD = """
version: 1
id: strategy
title: Who we are
intro: Planning starts from what the company is.
questions:
  - id: business_name
    type: text
    prompt: What is the business called?
    help: The plan is for one company.
    example: Green Leaf Tea
    source: [001_58b577d727a4f964.txt]
    required: true
    section: who_we_are
  - id: channels
    type: multi_select
    prompt: Which channels will you use?
    help: Each channel gets its own plan.
    example: [seo]
    source: [001_58b577d727a4f964.txt]
    section: channels
    choices:
      - {value: seo, label: Search engines}
      - {value: blog, label: Blog}
      - {value: other, label: Other, other: true}
"""


def problems_of(*paths: Path) -> list[str]:
    bank, problems = check_banks(list(paths))
    assert (bank is None) == bool(problems)
    return [str(p) for p in problems]


def question(extra: str, qid: str = "later", type_: str = "text", example: str = "x") -> str:
    head = f"""
  - id: {qid}
    type: {type_}
    prompt: A question?
    help: Why it matters.
    example: {example}
    source: [002_98726fbfc467ec1b.txt]
    section: goals
"""
    return GOOD + head + "".join(f"    {line}\n" for line in extra.strip().splitlines() if line)


def test_a_good_bank_loads(write_bank: BankWriter) -> None:
    path = write_bank("01_strategy.yaml", GOOD)
    bank = load_bank([path])
    assert bank.ids() == ["business_name", "channels"]
    assert bank.versions() == {"strategy": 1}


def test_yaml_syntax_error_names_the_line(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", "version: 1\nid: x\n  title: [\n")
    [line] = problems_of(path)
    assert line.startswith(f"{path}:3: ")
    assert "mapping values are not allowed" in line


def test_a_key_given_twice(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("    required: true\n", "    help: Again.\n"))
    [line] = problems_of(path)
    assert line == f"{path}:12: key 'help' is given twice in one mapping"


def test_not_a_mapping(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", "- just\n- a list\n")
    assert problems_of(path) == [
        f"{path}: expected a mapping with version, id, title, intro and questions"
    ]


def test_unknown_key_lists_the_expected_keys(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("    required: true", "    requried: true"))
    assert problems_of(path) == [
        f"{path}: business_name.requried: unknown key 'requried'; expected one of: id, type, "
        "prompt, label, help, example, source, required, prose, default, choices, currency, "
        "validation, when, section, group, fields, core, item_heading"
    ]


def test_wrong_type_name(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("", type_="txt"))
    assert problems_of(path) == [
        f"{path}: later.type: expected 'text', 'long_text', 'select', 'multi_select', 'confirm', "
        "'integer', 'number', 'money', 'percent', 'date' or 'list' (got 'txt')"
    ]


def test_wrong_value_type(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("required: sometimes"))
    assert problems_of(path) == [
        f"{path}: later.required: expected a valid boolean, unable to interpret input "
        "(got 'sometimes')"
    ]


def test_missing_key(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("    help: The plan is for one company.\n", ""))
    assert problems_of(path) == [f"{path}: business_name.help: missing required key 'help'"]


def test_missing_section(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("").replace("    section: goals\n", ""))
    assert problems_of(path) == [
        f"{path}: later: missing 'section': say which plan section this answer feeds"
    ]


def test_duplicate_ids_across_files(write_bank: BankWriter) -> None:
    first = write_bank("01_strategy.yaml", GOOD)
    second = write_bank("02_more.yaml", GOOD.replace("id: strategy", "id: more"))
    assert problems_of(first, second) == [
        f"{second}: business_name: duplicate question id; 'business_name' is also used in {first}",
        f"{second}: channels: duplicate question id; 'channels' is also used in {first}",
    ]


def test_duplicate_stage_id(write_bank: BankWriter) -> None:
    first = write_bank("01_strategy.yaml", GOOD)
    text = GOOD.replace("id: business_name", "id: name2").replace("id: channels", "id: ch2")
    second = write_bank("02_more.yaml", text)
    assert problems_of(first, second) == [
        f"{second}: id: stage id 'strategy' is also used in {first}"
    ]


def test_when_naming_an_unknown_question(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("when: \"'seo' in chanels\""))
    assert problems_of(path) == [
        f"{path}: later.when: 'chanels' is not a question id; expected an earlier question's id "
        "(did you mean 'channels'?)"
    ]


def test_when_naming_a_later_question(write_bank: BankWriter) -> None:
    text = GOOD.replace(
        "    section: who_we_are\n", "    section: who_we_are\n    when: \"'seo' in channels\"\n"
    )
    path = write_bank("01_bad.yaml", text)
    assert problems_of(path) == [
        f"{path}: business_name.when: 'channels' is asked later; "
        "a condition can only use earlier answers"
    ]


def test_when_naming_itself(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("when: later == 'x'"))
    assert problems_of(path) == [
        f"{path}: later.when: 'later' is asked later; a condition can only use earlier answers"
    ]


def test_when_that_does_not_parse(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question('when: "channels =="'))
    assert problems_of(path) == [
        f"{path}: later.when: cannot parse condition 'channels ==': invalid syntax"
    ]


def test_when_with_a_forbidden_construct(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question('when: "channels.__class__"'))
    assert problems_of(path) == [
        f"{path}: later.when: condition 'channels.__class__' uses Attribute, "
        "which conditions do not allow"
    ]


def test_select_without_choices(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("", type_="select"))
    assert problems_of(path) == [
        f"{path}: later.choices: a select question needs a list of choices"
    ]


def test_default_not_among_choices(write_bank: BankWriter) -> None:
    extra = "default: tv\nchoices:\n  - {value: web, label: Web}\n  - {value: app, label: App}"
    path = write_bank("01_bad.yaml", question(extra, type_="select", example="web"))
    assert problems_of(path) == [
        f"{path}: later.default: default 'tv' is not among the choices: "
        "expected one of web, app (got 'tv')"
    ]


def test_example_failing_its_own_rules(write_bank: BankWriter) -> None:
    extra = "validation:\n  range: {min: 0, max: 100, message: 'Between 0 and 100, please.'}"
    path = write_bank("01_bad.yaml", question(extra, type_="percent", example="140"))
    assert problems_of(path) == [
        f"{path}: later.example: example fails the question's own rules: between 0 and 100, please"
    ]


def test_rule_that_does_not_fit_the_type(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("validation:\n  range: {min: 1}"))
    assert problems_of(path) == [
        f"{path}: later.validation.range: a range rule does not apply to a text question"
    ]


def test_list_without_fields_and_nested_field_problems(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("", type_="list", example="[]"))
    assert problems_of(path) == [
        f"{path}: later.fields: a list question needs fields (the parts of one item)"
    ]
    nested = """
fields:
  - id: risk
    type: text
    prompt: Risk
    help: h
    example: x
    source: [s]
    when: channels == 1
"""
    path = write_bank("01_bad.yaml", question(nested, type_="list", example="[{risk: x}]"))
    assert problems_of(path) == [
        f"{path}: later.fields.risk.when: conditions go on the list question, not on its fields"
    ]


def test_every_problem_of_a_file_is_listed(write_bank: BankWriter) -> None:
    text = question("default: nope\nchoices: [{value: a, label: A}]", type_="select", example="b")
    text = text.replace("    required: true", "    requried: true")
    path = write_bank("01_bad.yaml", text)
    lines = problems_of(path)
    assert len(lines) == 3
    assert [line.split(": ")[1] for line in lines] == [
        "business_name.requried",
        "later.default",
        "later.example",
    ]


def test_load_bank_raises_one_error_listing_all(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("", type_="select"))
    with pytest.raises(BankError) as caught:
        load_bank([path])
    assert caught.value.message == "The question banks have 1 problem(s):"
    assert caught.value.details == [
        f"  {path}: later.choices: a select question needs a list of choices"
    ]


def test_folders_expand_to_yaml_files_in_name_order(write_bank: BankWriter) -> None:
    b = write_bank("02_b.yaml", GOOD)
    a = write_bank("01_a.yaml", GOOD)
    write_bank("notes.txt", "not a bank")
    assert bank_files([a.parent]) == [a, b]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert problems_of(path) == [f"{path}: no such file"]


def test_not_before_must_name_an_earlier_date(write_bank: BankWriter) -> None:
    extra = "validation:\n  not_before: {question: business_name}"
    path = write_bank("01_bad.yaml", question(extra, type_="date", example="'2027-01-01'"))
    assert problems_of(path) == [
        f"{path}: later.validation.not_before: 'business_name' is a text question; expected a date"
    ]
    extra = "validation:\n  not_before: {question: nothing}"
    path = write_bank("01_bad.yaml", question(extra, type_="date", example="'2027-01-01'"))
    assert problems_of(path) == [
        f"{path}: later.validation.not_before: 'nothing' is not an earlier question's id"
    ]


def test_a_list_field_may_be_bounded_by_an_earlier_question(write_bank: BankWriter) -> None:
    start = question("", qid="plan_start", type_="date", example="'2027-01-01'")
    nested = """
fields:
  - id: due
    type: date
    prompt: Due?
    help: h
    example: '2027-02-01'
    source: [s]
    validation:
      not_before: {question: plan_start}
      not_after: {question: plan_end}
"""
    text = start + question(nested, type_="list", example="[{due: '2027-02-01'}]").removeprefix(
        GOOD
    )
    path = write_bank("01_bank.yaml", text)
    assert problems_of(path) == [
        f"{path}: later.fields.due.validation.not_after: "
        "'plan_end' is not an earlier question's or field's id"
    ]


def test_prose_is_for_long_text(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("prose: true"))
    assert problems_of(path) == [f"{path}: later.prose: prose is for long_text questions, not text"]


NAMED_ITEMS = """
item_heading: {heading}
fields:
  - id: name
    type: text
    prompt: What is this channel called?
    help: h
    example: x
    source: [s]
    required: true
  - id: owner
    type: text
    prompt: Who runs {placeholder}?
    help: h
    example: x
    source: [s]
"""


def test_item_heading_names_a_required_text_field(write_bank: BankWriter) -> None:
    good = NAMED_ITEMS.format(heading="name", placeholder="{name}")
    path = write_bank("01_good.yaml", question(good, type_="list", example="[{name: x}]"))
    assert problems_of(path) == []
    bad = NAMED_ITEMS.format(heading="title", placeholder="{nmae}")
    path = write_bank("01_bad.yaml", question(bad, type_="list", example="[{name: x}]"))
    assert problems_of(path) == [
        f"{path}: later.item_heading: 'title' is not a field of this list; "
        "expected one of name, owner",
        f"{path}: later.fields.owner.prompt: {{nmae}} is not a field of this list; "
        "expected one of name, owner",
    ]
    path = write_bank("01_bad.yaml", question("item_heading: name"))
    assert problems_of(path) == [
        f"{path}: later.item_heading: item_heading is for list questions, not text"
    ]
