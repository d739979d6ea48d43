"""The stale-figure rule: a changed figure still quoted at its old value in another answer.

The session remembers the figure an answer replaced (``Answer.previous``); the rule reads the
changes and the text answers as plain facts; the CLI test changes the tea example's total
budget with a second ``fill``.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.test_check_cli import EXAMPLES, fill, run, schema
from wizard.check import run_rules
from wizard.check.figures import quotes
from wizard.check.model import FigureChange, PlanFacts, Ref, Severity, TextAnswer
from wizard.check.rules import stale_figures
from wizard.session import SCHEMA_VERSION, AnswerStatus, Session
from wizard.store import SessionStore

OLD = 300000


@pytest.mark.parametrize(
    "text",
    [
        "300000",
        "300,000",
        "300 000",
        "300\u00a0000",
        "300k",
        "300K",
        "300 k",
        "0.3m",
        "0.3M",
        "30万",
        "30 万元",
        "30w",
        "300 thousand",
        "CNY 300,000",
        "¥300,000 for the year",
        "a budget of 300000元.",
        "300,000.00 CNY",
    ],
)
def test_each_usual_spelling_of_a_figure_is_found(text: str) -> None:
    assert quotes(text, OLD)


@pytest.mark.parametrize(
    "text",
    [
        "1,300,000",
        "300,0001",
        "3,000,000",
        "30,000",
        "3000000",
        "1 300 000",
        "300000.5",
        "300 km",
        "30%",
        "0.3",
    ],
)
def test_only_whole_numbers_count(text: str) -> None:
    assert not quotes(text, OLD)


def test_a_unit_word_after_k_is_not_a_thousand() -> None:
    assert quotes("300k", OLD)
    assert not quotes("300 km", OLD)
    assert not quotes("300 months", 300 * 10**6)


def test_a_percentage_is_found_only_with_its_sign() -> None:
    assert quotes("a 12% share", 12, percent=True)
    assert quotes("12 % of sales", 12, percent=True)
    assert quotes("12.5％", 12.5, percent=True)
    assert not quotes("12 people", 12, percent=True)
    assert not quotes("112%", 12, percent=True)
    assert not quotes("12%", 12)


BUDGET = Ref("q_budget", "7.4", "Total budget")
RESOURCES = Ref("q_resources", "3.9", "Resources available")
ACTIONS = Ref("q_actions", "7.9", "Actions")
CHANGE = FigureChange(BUDGET, 300000.0, 360000.0, "CNY")


def stale(*texts: TextAnswer, change: FigureChange = CHANGE) -> PlanFacts:
    return PlanFacts(changes=[change], texts=list(texts))


def test_an_answer_quoting_the_old_budget_is_a_warning_naming_both_figures() -> None:
    found = stale_figures(stale(TextAnswer(RESOURCES, "Two staff and 30万 for the year")))
    assert found is not None
    assert len(found) == 1
    issue = found[0]
    assert issue.severity is Severity.WARNING
    assert issue.question == RESOURCES
    assert issue.message == (
        "This answer still quotes 300,000 CNY, the old figure of 7.4 Total budget, "
        "which is now 360,000 CNY."
    )


def test_a_list_item_quoting_the_old_figure_is_pointed_at_by_its_item() -> None:
    texts = (
        TextAnswer(ACTIONS.at(1), "Photographer, 12,000 CNY"),
        TextAnswer(ACTIONS.at(2), "Spend the 300k on search ads"),
    )
    found = stale_figures(stale(*texts))
    assert found is not None
    assert [i.question for i in found] == [ACTIONS.at(2)]


def test_it_passes_when_the_text_quotes_the_new_figure_or_neither() -> None:
    texts = (
        TextAnswer(RESOURCES, "Was 300,000 CNY, now 360,000 CNY"),
        TextAnswer(ACTIONS.at(1), "1,300,000 CNY over three years"),
        TextAnswer(ACTIONS.at(2), "Two staff"),
    )
    assert stale_figures(stale(*texts)) == []


def test_the_changed_answer_itself_is_not_pointed_at() -> None:
    assert stale_figures(stale(TextAnswer(BUDGET, "300,000"))) == []


def test_a_changed_percentage_is_looked_for_with_its_sign() -> None:
    change = FigureChange(Ref("q_share", "5.2", "Share"), 12.0, 15.0, percent=True)
    texts = (TextAnswer(RESOURCES, "12% of sales"), TextAnswer(ACTIONS.at(1), "12 people"))
    found = stale_figures(stale(*texts, change=change))
    assert found is not None
    assert [i.question for i in found] == [RESOURCES]
    assert "still quotes 12%, the old figure of 5.2 Share, which is now 15%." in found[0].message


def test_a_small_bare_number_is_not_looked_for() -> None:
    change = FigureChange(Ref("q_staff", "6.1", "Staff"), 3.0, 4.0)
    assert stale_figures(stale(TextAnswer(RESOURCES, "3 people"), change=change)) == []


def test_without_a_changed_figure_the_rule_does_not_apply_and_is_not_scored() -> None:
    assert stale_figures(PlanFacts(texts=[TextAnswer(RESOURCES, "300,000")])) is None
    result = {r.rule.id: r for r in run_rules(PlanFacts()).results}["stale-figure"]
    assert result.status == "not_applicable"
    failed = {r.rule.id: r for r in run_rules(stale(TextAnswer(RESOURCES, "300000"))).results}
    assert failed["stale-figure"].status == "failed"
    assert failed["stale-figure"].stage is None


# --- the session remembers the replaced figure ----------------------------------------------


def money(amount: int) -> dict[str, object]:
    return {"amount": amount, "currency": "CNY"}


def test_record_keeps_the_figure_an_answer_replaced() -> None:
    s = Session(name="s")
    s.record("budget", AnswerStatus.ANSWERED, money(300000))
    assert s.answers["budget"].previous is None
    s.record("budget", AnswerStatus.ANSWERED, money(360000))
    assert s.answers["budget"].previous == money(300000)
    s.record("budget", AnswerStatus.ANSWERED, money(360000))  # again, unchanged
    assert s.answers["budget"].previous == money(300000)
    s.record("budget", AnswerStatus.UNKNOWN)
    s.record("budget", AnswerStatus.ANSWERED, money(400000))
    assert s.answers["budget"].previous == money(360000)


def test_record_keeps_no_previous_for_text_or_lists() -> None:
    s = Session(name="s")
    s.record("name", AnswerStatus.ANSWERED, "Tea")
    s.record("name", AnswerStatus.ANSWERED, "Green Tea")
    s.record("share", AnswerStatus.ANSWERED, 12)
    s.record("share", AnswerStatus.ANSWERED, 15)
    assert s.answers["name"].previous is None
    assert s.answers["share"].previous == 12


def test_previous_is_saved_and_an_older_file_without_it_still_reads(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    s = Session(name="s")
    s.record("budget", AnswerStatus.ANSWERED, money(300000))
    s.record("budget", AnswerStatus.ANSWERED, money(360000))
    path = store.save(s)
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION == 6
    assert store.load("s").answers["budget"].previous == money(300000)
    del data["answers"]["budget"]["previous"]  # as version 3 wrote it
    data["schema_version"] = 3
    path.write_text(json.dumps(data))
    old = store.load("s")
    assert old.answers["budget"].previous is None
    assert old.answers["budget"].value == money(360000)


# --- through the CLI ------------------------------------------------------------------------


def test_a_second_fill_changing_the_budget_points_at_the_answers_still_quoting_it(
    tmp_path: Path,
) -> None:
    answers = yaml.safe_load((EXAMPLES / "tea-brand.yaml").read_text(encoding="utf-8"))
    assert answers["total_budget"] == money(830000)
    assert "About 830,000 CNY for 2027" in answers["resources"]
    answers["actions"][1]["task"] += " (from the 83万 budget)"
    first = tmp_path / "first.yaml"
    first.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    fill(tmp_path, "tea", first)
    before = json.loads(run(tmp_path, "check", "tea", "--format", "json").stdout)
    assert not [f for f in before["findings"] if f["rule"] == "stale-figure"]

    second = tmp_path / "second.yaml"
    second.write_text("total_budget: {amount: 900000, currency: CNY}\n", encoding="utf-8")
    fill(tmp_path, "tea", second)
    done = run(tmp_path, "check", "tea", "--format", "json")
    report = json.loads(done.stdout)
    jsonschema.validate(report, schema(tmp_path))
    found = [f for f in report["findings"] if f["rule"] == "stale-figure"]
    # the example repeats the budget in its constraints and resources; one action is planted
    assert sorted((f["question"]["id"], f["question"]["list_item"] or 0) for f in found) == [
        ("actions", 2),
        ("constraints", 0),
        ("resources", 0),
    ]
    assert {f["severity"] for f in found} == {"warning"}
    for f in found:
        assert f["message"].startswith("This answer still quotes 830,000 CNY, the old figure of ")
        assert f["message"].endswith(" Total budget, which is now 900,000 CNY.")
    rules = {r["id"]: r["result"] for r in report["rules"]}
    assert rules["stale-figure"] == "failed"

    text = run(tmp_path, "check", "tea")
    assert "WARNING [stale-figure] This answer still quotes 830,000 CNY" in text.stdout
    resources = next(f["question"] for f in found if f["question"]["id"] == "resources")
    assert f"Revisit: {resources['number']} Resources available [resources]" in text.stdout
    assert "[actions, item 2]" in text.stdout
