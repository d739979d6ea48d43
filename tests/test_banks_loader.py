"""The bank loader: every kind of mistake gets one line naming file, place and what is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BankWriter
from tests.fuzz_support import time_limit
from wizard.banks import bank_files, check_banks, load_bank
from wizard.errors import BankError
from wizard.patterns import MAX_MATCHED
from wizard.validation import InvalidAnswer, coerce_answer

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


def test_a_list_as_a_key(write_bank: BankWriter) -> None:
    """YAML's complex keys (`? [a]`) cannot be hashed; they are a problem, not a crash."""
    path = write_bank("01_bad.yaml", "version: 1\n? [a]\n: 1\n")
    assert problems_of(path) == [f"{path}:2: a key must be a word, not a list or mapping"]


def test_not_a_mapping(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", "- just\n- a list\n")
    assert problems_of(path) == [
        f"{path}: expected a mapping with version, id, title, intro and questions"
    ]


COMMON_KEYS = (
    "id, type, prompt, label, help, example, source, required, default, when, section, role, "
    "group, core"
)


def test_unknown_key_lists_the_keys_of_the_question_type(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("    required: true", "    requried: true"))
    assert problems_of(path) == [
        f"{path}: business_name.requried: unknown key 'requried'; expected one of: "
        f"{COMMON_KEYS}, validation"
    ]
    path = write_bank("01_bad.yaml", GOOD.replace("    section: channels", "    colour: red"))
    assert problems_of(path) == [
        f"{path}: channels.colour: unknown key 'colour'; expected one of: "
        f"{COMMON_KEYS}, choices, validation",
        # the wrong key hides no other problem: the question has no section either
        f"{path}: channels: missing 'section': say which plan section this answer feeds",
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


def test_a_pattern_that_does_not_compile(write_bank: BankWriter) -> None:
    """Listed with the file's other problems, its position counted from 1, never an error."""
    text = question('validation:\n  pattern: {regex: "(("}')
    path = write_bank("01_bad.yaml", text.replace("    required: true", "    requried: true"))
    assert problems_of(path)[1:] == [
        f"{path}: later.validation.pattern.regex: not a valid regular expression "
        "(missing ), unterminated subpattern at position 2)"
    ]


NESTED = (
    "the group {} repeats and itself contains a quantifier or '|', which can take forever to "
    "match; a repeated group may hold only plain characters and classes "
    "(write '(a+)+' as 'a+', '(a|b)+' as '[ab]+')"
)


@pytest.mark.parametrize(
    ("regex", "group"),
    [
        ("(a+)+$", "(a+)"),
        ("(a|aa)*b", "(a|aa)"),
        ("x(?:[a-z]+\\.){2,}", "(?:[a-z]+\\.)"),
        ("((ab)?c)+", "((ab)?c)"),
        ("(a{,})+", "(a{,})"),
        ("((?#\\))a+)+", "((?#\\))a+)"),
    ],
)
def test_a_repeated_group_holding_a_quantifier_is_refused(
    write_bank: BankWriter, regex: str, group: str
) -> None:
    """The loader never matches the example against such a pattern (it could run for ever)."""
    text = question(f"validation:\n  pattern: {{regex: '{regex}'}}", example="a" * 40 + "b")
    path = write_bank("01_bad.yaml", text)
    assert problems_of(path) == [f"{path}: later.validation.pattern.regex: {NESTED.format(group)}"]


def test_the_verbose_flag_is_refused(write_bank: BankWriter) -> None:
    """Its comments could hide a bracket from the check above."""
    path = write_bank("01_bad.yaml", question("validation:\n  pattern: {regex: '(?x)a # )'}"))
    assert problems_of(path) == [
        f"{path}: later.validation.pattern.regex: the verbose flag (?x) is not allowed in a "
        "pattern; write the pattern on one line"
    ]


@pytest.mark.parametrize(
    "regex", ["(\\d+)?", "(ab)+", "[(a+)]+", "\\(a+\\)+", "https?://[^ ]+", "(?i)(abc){2}"]
)
def test_patterns_without_a_repeated_quantifier_load(write_bank: BankWriter, regex: str) -> None:
    text = question(f"validation:\n  pattern: {{regex: '{regex}'}}", example="x")
    path = write_bank("01_bad.yaml", text)
    assert not any(".validation.pattern" in line for line in problems_of(path))


def test_a_pattern_matches_a_bounded_length_of_text(write_bank: BankWriter) -> None:
    """Polynomial backtracking stays short: a longer answer is refused before the pattern runs."""
    text = question('validation:\n  pattern: {regex: "[a-z ]+"}', example="tea shop")
    bank = load_bank([write_bank("01_ok.yaml", text)])
    q = bank.question("later")
    assert coerce_answer(q, "a" * MAX_MATCHED) == "a" * MAX_MATCHED
    with pytest.raises(InvalidAnswer) as caught:
        coerce_answer(q, "a" * (MAX_MATCHED + 1))
    assert caught.value.message == f"Expected at most {MAX_MATCHED} characters (got 1001)."
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"matched against at most {MAX_MATCHED:,} characters" in readme


def test_banks_validate_ends_quickly_on_a_catastrophic_pattern(write_bank: BankWriter) -> None:
    """`(a+)+$` against 40 a's and a b takes hours when run; the real command refuses it."""
    text = question('validation:\n  pattern: {regex: "(a+)+$"}', example="a" * 40 + "b")
    path = write_bank("01_bad.yaml", text)
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "banks", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    assert result.returncode == 1
    assert f"{path}: later.validation.pattern.regex: {NESTED.format('(a+)')}" in result.stderr
    assert "Internal error" not in result.stderr


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


def field(fid: str, type_: str = "text", prompt: str = "A field?", extra: str = "") -> str:
    example = {"text": "x", "money": "{amount: 1, currency: EUR}"}[type_]
    lines = [
        f"  - id: {fid}",
        f"    type: {type_}",
        f"    prompt: {prompt!r}",
        "    help: h",
        f"    example: {example}",
        "    source: [s]",
        *(f"    {line}" for line in extra.strip().splitlines() if line),
    ]
    return "\n".join(lines) + "\n"


def channel_list(*fields: str, heading: str | None = "name", example: str = "[]") -> str:
    """A bank whose last question is a list of named channels with the given fields."""
    extra = (f"item_heading: {heading}\n" if heading else "") + "fields:\n" + "".join(fields)
    return question(extra, qid="custom", type_="list", example=example)


def test_a_list_named_by_a_field_loads(write_bank: BankWriter) -> None:
    text = channel_list(
        field("name"),
        field("objective", prompt="What should {name} achieve?"),
        field("budget", "money", prompt="Budget of {name}", extra="label: '{name}: budget'"),
        example="[{name: Dianping, objective: reviews}]",
    )
    bank = load_bank([write_bank("01_bank.yaml", text)])
    assert bank.question("custom").item_heading == "name"


def test_item_heading_is_for_list_questions(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", question("item_heading: name"))
    assert problems_of(path) == [
        f"{path}: later.item_heading: item_heading is for list questions, not text"
    ]


def test_item_heading_must_name_a_field(write_bank: BankWriter) -> None:
    path = write_bank(
        "01_bad.yaml",
        channel_list(field("name"), field("kpi"), heading="title", example="[{name: x}]"),
    )
    assert problems_of(path) == [
        f"{path}: custom.item_heading: 'title' is not a field of this list; "
        "expected one of: name, kpi"
    ]


MONEY_ITEM = "[{budget: {amount: 1, currency: EUR}}]"


def test_item_heading_must_be_a_text_field(write_bank: BankWriter) -> None:
    path = write_bank(
        "01_bad.yaml", channel_list(field("budget", "money"), heading="budget", example=MONEY_ITEM)
    )
    assert problems_of(path) == [
        f"{path}: custom.item_heading: 'budget' is a money field; "
        "the field that names an item must be a text field"
    ]


def test_a_placeholder_names_an_earlier_field_or_the_heading(write_bank: BankWriter) -> None:
    text = channel_list(
        field("objective", prompt="What should {name} achieve by {deadline}?"),
        field("name"),
        field("kpi", extra="label: '{objective} for {nmae}'"),
        field("deadline"),
    )
    path = write_bank("01_bad.yaml", text)
    assert problems_of(path) == [
        f"{path}: custom.fields.objective.prompt: {{deadline}} is not an earlier field of this "
        "item or its item_heading; expected one of: name",
        f"{path}: custom.fields.kpi.label: {{nmae}} is not an earlier field of this item or "
        "its item_heading; expected one of: objective, name",
    ]


def test_a_placeholder_with_nothing_to_name(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", channel_list(field("name", prompt="Name {x}?"), heading=None))
    assert problems_of(path) == [
        f"{path}: custom.fields.name.prompt: {{x}} is not an earlier field of this item or its "
        "item_heading; no field comes before this one, and the list has no item_heading"
    ]


def test_core_is_refused_on_a_list_field(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", channel_list(field("name"), field("kpi", extra="core: true")))
    assert problems_of(path) == [
        f"{path}: custom.fields.kpi.core: core applies to whole questions; "
        "mark the list question core, not its fields"
    ]


def test_a_core_required_question_may_not_hang_on_a_non_core_one(
    write_bank: BankWriter,
) -> None:
    gated = "core: true\nrequired: true\nwhen: \"'seo' in channels or business_name\""
    core_name = GOOD.replace("    required: true", "    required: true\n    core: true")
    path = write_bank("01_bad.yaml", core_name + question(gated).removeprefix(GOOD))
    assert problems_of(path) == [
        f"{path}: later.when: 'channels' is not core, so a core pass never asks it and this "
        "core, required question may never show; mark 'channels' core too, or this question "
        "not required"
    ]
    fine = core_name.replace("    section: channels", "    section: channels\n    core: true")
    assert problems_of(write_bank("01_ok.yaml", fine + question(gated).removeprefix(GOOD))) == []
    optional = question("core: true\nwhen: \"'seo' in channels\"")
    assert problems_of(write_bank("01_ok.yaml", optional)) == []


def test_an_alias_bomb_is_refused_before_it_expands(write_bank: BankWriter) -> None:
    """Nine levels of nine aliases would be 387 million values; counting them takes no time."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    path = write_bank("01_bad.yaml", "\n".join(levels) + "\n")
    assert problems_of(path) == [
        f"{path}: aliases (*name) expand this file to more than 100,000 values; "
        "a bank is far smaller"
    ]


def test_an_alias_used_a_few_times_is_fine(write_bank: BankWriter) -> None:
    text = GOOD.replace("source: [001_58b577d727a4f964.txt]", "source: &seed [001.txt]", 1)
    path = write_bank("01_ok.yaml", text.replace("[001_58b577d727a4f964.txt]", "*seed"))
    assert problems_of(path) == []


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("9" * 5000, "a number has more than 4,300 digits"),
        ("2027-02-30", "day is out of range for month"),
    ],
)
def test_a_value_yaml_cannot_build(write_bank: BankWriter, value: str, what: str) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("example: Green Leaf Tea", f"example: {value}"))
    assert problems_of(path) == [f"{path}: a value cannot be read: {what}"]


@pytest.mark.parametrize(
    ("nested", "shown"),
    [
        ("[" * 999 + "]" * 999, "[[[[[...]]]]]"),
        ("{a: " * 999 + "1" + "}" * 999, "{'a': {'a': {'a': {'a': {...}}}}}"),
    ],
)
def test_deep_nesting_is_shown_short(write_bank: BankWriter, nested: str, shown: str) -> None:
    """999 levels (YAML's own limit is 1,000): counted without recursion, shown four deep."""
    path = write_bank("01_bad.yaml", GOOD.replace("version: 1", f"version: {nested}"))
    assert problems_of(path) == [f"{path}: version: expected a valid integer (got {shown})"]


def test_an_alias_inside_itself_is_counted_once(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("example: Green Leaf Tea", "example: &a [*a]"))
    with time_limit(5):
        [line] = problems_of(path)
    assert line.startswith(f"{path}: business_name.example: example fails the question's own")


TYPES = "'text', 'long_text', 'select', 'multi_select', 'confirm', 'integer', 'number', 'money'"
ONE_ITEM = "[{a: x}]"


@pytest.mark.parametrize(
    ("extra", "type_", "example", "expected"),
    [
        ("currency: EUR", "date", "'2027-01-01'", "later.currency: currency is for money questions, not date"),
        ("fields: [{id: a, type: text}]", "text", "x", "later.fields: fields are for list questions, not text"),
        ("choices: [{value: a, label: A}]\nvalidation:\n  items: {min: 1}", "select", "a",
         "later.validation: a select question takes no validation rules"),
        ("validation:\n  range: {min: 1}", "date", "'2027-01-01'",
         "later.validation.range: a range rule does not apply to a date question"),
        ("validation:\n  not_before: {question: business_name}", "text", "x",
         "later.validation.not_before: a not_before rule does not apply to a text question"),
        ("choices: [{value: a, label: A}]\nvalidation:\n  length: {max: 3}", "multi_select", "[a]",
         "later.validation.length: a length rule does not apply to a multi_select question"),
        ("choices: []", "multi_select", "[a]", "later.choices: a multi_select question needs a list of choices"),
        ("fields: []", "list", "[]", "later.fields: a list question needs fields (the parts of one item)"),
        ("", "[text]", "x", f"later.type: expected {TYPES}, 'percent', 'date' or 'list' (got ['text'])"),
        ("fields: [{id: a, type: list, prompt: p, help: h, example: x, source: [s]}]", "list", ONE_ITEM,
         "later.fields.a.type: a list field cannot itself be a list"),
        ("fields: [{id: a, type: lits, prompt: p, help: h, example: x, source: [s]}]", "list", ONE_ITEM,
         f"later.fields.a.type: expected {TYPES}, 'percent' or 'date' (got 'lits')"),
        ("fields: [{id: a, prompt: p, help: h, example: x, source: [s]}]", "list", ONE_ITEM,
         "later.fields.a.type: missing required key 'type'; expected one of: text, long_text, select, "
         "multi_select, confirm, integer, number, money, percent, date"),
        ("fields: [{id: a, type: text, prompt: p, help: h, example: x, source: [s], prose: true}]",
         "list", ONE_ITEM, "later.fields.a.prose: prose is for long_text questions, not text"),
        ("fields: [3]", "list", ONE_ITEM,
         "later.fields.0: expected a question: a mapping of keys such as id, type and prompt (got 3)"),
    ],
)  # fmt: skip
def test_each_type_takes_its_own_keys(
    write_bank: BankWriter, extra: str, type_: str, example: str, expected: str
) -> None:
    """One model per type: a key of another type is named with the types it is for."""
    path = write_bank("01_bad.yaml", question(extra, type_=type_, example=example))
    assert problems_of(path) == [f"{path}: {expected}"]


def test_a_question_without_a_type(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD.replace("    type: text\n", ""))
    assert problems_of(path) == [
        f"{path}: business_name.type: missing required key 'type'; expected one of: text, "
        "long_text, select, multi_select, confirm, integer, number, money, percent, date, list"
    ]


def test_a_question_that_is_not_a_mapping(write_bank: BankWriter) -> None:
    path = write_bank("01_bad.yaml", GOOD + "  - 5\n")
    assert problems_of(path) == [
        f"{path}: questions.2: expected a question: a mapping of keys such as id, type and "
        "prompt (got 5)"
    ]
