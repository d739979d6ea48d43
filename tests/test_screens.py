"""The wizard's screens rendered into memory: pages of answers that fit, full text wrapped at
words, stable question numbers, the finder, and the compact projector layout."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from wizard.answers_file import fill_session, load_answers_file
from wizard.bank import Bank, ListQuestion, Question, QuestionType, Stage, TextQuestion
from wizard.banks import load_bank
from wizard.commands import COMMAND_MEANINGS
from wizard.display import fill_placeholders, format_value
from wizard.finder import find_questions, question_number, step_number
from wizard.flow import Step, progress, visible
from wizard.screens import (
    MENU_LINES,
    Tally,
    answer_full,
    help_panel,
    items_table,
    question_intro,
    stage_header,
    stage_pages,
    total_changed,
)
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN, Answer, AnswerStatus, Session

EXAMPLE = Path(__file__).parent.parent / "examples" / "tea-brand.yaml"
SIZES = [(80, 35), (100, 35)]
MARKERS = re.compile(r"^(\d+\.|•)$")
TAIL = re.compile(r"… \((\d+) more lines: pick it to see it in full\)")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def tea(bank: Bank) -> Session:
    return fill_session(bank, Session(name="tea"), load_answers_file(EXAMPLE))


def render(renderable: RenderableType, width: int, height: int = 35) -> list[str]:
    console = Console(file=io.StringIO(), width=width, height=height)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return str(out).splitlines()


def printed(draw: Callable[[Console], None], width: int = 80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, height=35)
    draw(console)
    return str(console.file.getvalue()).splitlines()  # type: ignore[attr-defined]


def stage_steps(bank: Bank, answers: Mapping[str, Answer], number: int) -> list[Step]:
    stage = bank.stages[number - 1]
    return [s for s in visible(bank, answers) if s.stage.id == stage.id]


def rows(lines: Sequence[str]) -> dict[str, tuple[list[str], list[str]]]:
    """The rows of a rendered page: number -> (question cell lines, answer cell lines)."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    current: tuple[list[str], list[str]] | None = None
    for line in lines:
        cells = line.split("│")
        if len(cells) != 5:
            continue
        number, title, answer = (c.strip() for c in cells[1:4])
        if number:
            current = found.setdefault(number, ([], []))
        assert current is not None, line
        current[0].append(title)
        current[1].append(answer)
    return found


def all_rows(
    bank: Bank, session: Session, stage: int, width: int, height: int
) -> dict[str, tuple[list[str], list[str]]]:
    pages = stage_pages(
        bank.stages[stage - 1],
        stage_steps(bank, session.answers, stage),
        session.answers,
        width=width,
        height=height,
    )
    found: dict[str, tuple[list[str], list[str]]] = {}
    for page in pages:
        found.update(rows(render(page, width, height)))
    return found


def answer_words(q: Question, answer: Answer) -> list[str]:
    words = format_value(q, answer.value).split() if answer.value is not None else []
    return words + (answer.note or "").split()


def unmarked(line: str) -> list[str]:
    """The words of a line of an answer cell without its item number or bullet."""
    words = line.split()
    return words[1:] if words and MARKERS.match(words[0]) else words


def is_subsequence(small: Sequence[str], big: Sequence[str]) -> bool:
    it = iter(big)
    return all(word in it for word in small)


# --- pages that fit --------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [*SIZES, (80, 24)])
def test_every_page_fits_the_screen_with_room_for_the_menu(
    bank: Bank, tea: Session, width: int, height: int
) -> None:
    for number, stage in enumerate(bank.stages, start=1):
        steps = stage_steps(bank, tea.answers, number)
        pages = stage_pages(stage, steps, tea.answers, width=width, height=height)
        for n, page in enumerate(pages, start=1):
            lines = render(page, width, height)
            assert len(lines) <= height - MENU_LINES, (stage.id, n, len(lines))
            assert max(cell_len(line) for line in lines) <= width
            if len(pages) > 1:
                assert f"Your answers: {stage.title} (page {n} of {len(pages)})" in lines[0]
        shown = set().union(*(rows(render(p, width, height)) for p in pages))
        assert shown == {step_number(s) for s in steps}  # each question on exactly one page
    stage5 = stage_steps(bank, tea.answers, 5)
    assert len(stage5) > 40
    assert len(stage_pages(bank.stages[4], stage5, tea.answers, width=width, height=height)) > 2


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_answer_appears_in_full(bank: Bank, tea: Session, width: int, height: int) -> None:
    checked = cut = 0
    for number, _stage in enumerate(bank.stages, start=1):
        found = all_rows(bank, tea, number, width, height)
        for step in stage_steps(bank, tea.answers, number):
            title_lines, answer_lines = found[step_number(step)]
            assert " ".join(title_lines).split() == step.question.title.split()
            shown = [w for line in answer_lines for w in unmarked(line)]
            answer = tea.answers[step.id]
            expected = answer_words(step.question, answer)
            tail = TAIL.search(" ".join(answer_lines))
            if tail is None:
                assert is_subsequence(expected, shown), step.id
                assert "…" not in " ".join(answer_lines)
            else:  # taller than a page: the start is there, and the rest is one pick away
                cut += 1
                assert is_subsequence(shown[: shown.index("…")], expected), step.id
                full = render(answer_full(step.question, answer), width, 500)
                words = [w for line in full for w in unmarked(line.strip("│ "))]
                assert is_subsequence(expected, words), step.id
            checked += 1
    assert checked > 100
    assert cut <= 3  # the goals (seven columns at 80), and the two longest texts


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_word_is_split_across_lines(bank: Bank, tea: Session, width: int, height: int) -> None:
    for number, _stage in enumerate(bank.stages, start=1):
        found = all_rows(bank, tea, number, width, height)
        for step in stage_steps(bank, tea.answers, number):
            title_lines, answer_lines = found[step_number(step)]
            whole = set(answer_words(step.question, tea.answers[step.id]))
            whole |= {"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "•", "✎"}
            whole |= {"don't", "know", "yet", "skipped", "in", "progress"}
            for line in filter(None, answer_lines):
                if TAIL.fullmatch(line):
                    continue
                first, last = line.split()[0], line.split()[-1]
                assert first in whole, (step.id, line)
                assert last in whole, (step.id, line)
            for line in filter(None, title_lines):
                assert set(line.split()) <= set(step.question.title.split()), (step.id, line)


def test_cjk_text_wraps_by_character_and_loses_nothing(bank: Bank) -> None:
    text = (
        "我们是一家开在杭州西湖边的餐厅，主营杭帮菜，招牌菜是龙井虾仁和西湖醋鱼。"
        "每天中午和晚上接待大约三百位客人，周末需要排队。我们希望通过大众点评和小红书"
        "吸引更多外地游客，同时让附近的上班族在美团上点外卖。"
    )
    stage = bank.stages[0]
    q = next(q for q in stage.questions if q.type is QuestionType.LONG_TEXT and q.when is None)
    session = Session(name="cjk")
    session.record(q.id, AnswerStatus.ANSWERED, text)
    steps = [s for s in stage_steps(bank, session.answers, 1) if s.id == q.id]
    (page,) = stage_pages(stage, steps, session.answers, width=80, height=35)
    lines = rows(render(page, 80))[step_number(steps[0])][1]
    assert len(lines) >= 3
    assert "".join(lines) == text
    assert all(cell_len(line) <= 48 for line in lines)


def test_an_answer_longer_than_a_page_says_how_much_more_there_is(bank: Bank) -> None:
    stage = bank.stages[0]
    q = next(
        q
        for q in stage.questions
        if q.type is QuestionType.LONG_TEXT and not q.prose and q.when is None
    )
    text = "\n".join(f"Point number {n} of the plan" for n in range(1, 101))
    session = Session(name="long")
    session.record(q.id, AnswerStatus.ANSWERED, text)
    steps = stage_steps(bank, session.answers, 1)
    pages = stage_pages(stage, steps, session.answers, width=80, height=35)
    number = question_number(bank, q.id)
    lines = next(render(p, 80) for p in pages if number in rows(render(p, 80)))
    assert len(lines) <= 35 - MENU_LINES
    answer_lines = rows(lines)[number][1]
    tail = TAIL.search(" ".join(answer_lines))
    assert tail is not None
    shown = [line for line in answer_lines if line.startswith("• Point number")]
    assert shown[0] == "• Point number 1 of the plan"
    assert len(shown) + int(tail.group(1)) == 100
    full = render(answer_full(q, session.answers[q.id]), 80, 200)
    assert any("Point number 100 of the plan" in line for line in full)


def test_list_items_show_their_marks_never_the_raw_keys(bank: Bank, tea: Session) -> None:
    stage_number, q = next(
        (n, q)
        for n, stage in enumerate(bank.stages, start=1)
        for q in stage.questions
        if q.type is QuestionType.LIST and q.id in tea.answers
    )
    fields = q.fields or []
    items = [dict(item) for item in tea.answers[q.id].value]
    items[0].pop(fields[1].id, None)
    items[0][ITEM_UNKNOWN] = [fields[1].id]
    items[0][ITEM_NOTES] = {fields[0].id: "check with the founder"}
    session = tea.model_copy(deep=True)
    session.record(q.id, AnswerStatus.IN_PROGRESS, items)
    found = all_rows(bank, session, stage_number, 80, 35)
    _title, answer_lines = found[question_number(bank, q.id)]
    text = " ".join(" ".join(answer_lines).split())
    assert text.startswith(f"in progress: {len(items)} item(s) so far 1. {fields[0].title}:")
    assert f"{fields[1].title}: don't know yet" in text
    assert "✎ check with the founder" in text
    assert "_unknown" not in text
    assert "_notes" not in text
    assert sum(1 for line in answer_lines if re.match(r"\d+\. ", line)) == len(items)


# --- item tables and placeholders ------------------------------------------------------------


def _field(fid: str, prompt: str, label: str | None = None) -> TextQuestion:
    return TextQuestion(
        id=fid, type=QuestionType.TEXT, prompt=prompt, label=label, help="h", example="e",
        source=["s.txt"],
    )  # fmt: skip


CHANNELS = ListQuestion(
    id="custom_channels",
    type=QuestionType.LIST,
    prompt="Which other channels will you use?",
    label="Other channels",
    help="h",
    example=[{"name": "Dianping"}],
    source=["s.txt"],
    item_heading="name",
    fields=[
        _field("name", "What do you call this channel?", "Channel"),
        _field("objective", "What should {name} achieve?"),
        _field("budget", "Budget for {name}"),
        _field("kpi", "How will you measure {name}? ({unknown_field})"),
    ],
)


def test_items_table_names_each_item_and_shows_it_in_full() -> None:
    long = (
        "Post three tasting notes a week written with tea masters, answer every comment "
        "within a day and invite the most engaged readers to the spring tasting in Wuyishan"
    )
    items: list[dict[str, Any]] = [
        {
            "name": "Xiaohongshu KOL notes",
            "objective": long,
            ITEM_UNKNOWN: ["budget"],
            ITEM_NOTES: {"objective": "ask Mei"},
        },
        {"name": "Dianping reviews", "objective": "Rank first", "budget": "3,000 CNY"},
    ]
    lines = render(items_table(CHANNELS, items, width=80), 80)
    text = " ".join(" ".join(line.replace("│", " ") for line in lines).split())
    assert "Other channels: 2 item(s)" in lines[0]
    assert f"1 Xiaohongshu KOL notes — What should Xiaohongshu KOL notes achieve?: {long}" in text
    assert "Budget for Xiaohongshu KOL notes: don't know yet" in text
    assert "✎ ask Mei" in text
    assert "Budget for Dianping reviews: 3,000 CNY" in text
    assert "{name}" not in text
    assert "…" not in text
    assert "_unknown" not in text
    assert max(cell_len(line) for line in lines) <= 80
    assert render(items_table(CHANNELS, [], width=80), 80) == ["No items yet."]


def test_fill_placeholders() -> None:
    values = {"name": "Dianping", "count": 12000, "empty": "", "none": None}
    assert fill_placeholders("Budget for {name}", values) == "Budget for Dianping"
    assert fill_placeholders("{count} posts", values) == "12,000 posts"
    for kept in ("{other}", "{empty}", "{none}", "{Name}", "{name"):
        assert fill_placeholders(f"About {kept}", values) == f"About {kept}"


# --- stable numbers and the finder -----------------------------------------------------------


def test_numbers_do_not_move_when_questions_hide(bank: Bank, tea: Session) -> None:
    stage = bank.stages[4]
    before = {s.id: step_number(s) for s in stage_steps(bank, tea.answers, 5)}
    for position, q in enumerate(stage.questions, start=1):
        assert question_number(bank, q.id) == f"5.{position}"
    # take back the answer that opens the most questions of the stage
    opener = max(
        (q.id for q in stage.questions if q.id in tea.answers),
        key=lambda qid: (
            len(before)
            - len(stage_steps(bank, {k: a for k, a in tea.answers.items() if k != qid}, 5))
        ),
    )
    fewer = {k: a for k, a in tea.answers.items() if k != opener}
    after = {s.id: step_number(s) for s in stage_steps(bank, fewer, 5)}
    assert len(after) < len(before) - 5
    assert all(before[qid] == number for qid, number in after.items())
    session = tea.model_copy(update={"answers": fewer})
    shown = all_rows(bank, session, 5, 80, 35)
    assert set(shown) == set(after.values())
    with pytest.raises(KeyError):
        question_number(bank, "no_such_question")


def test_finder_by_number_id_and_words(bank: Bank, tea: Session) -> None:
    steps = visible(bank, tea.answers)
    target = steps[-3]
    number = step_number(target)
    assert find_questions(bank, steps, number) == [target]
    bare = number.split(".")[1]
    found = find_questions(bank, steps, bare, stage=target.stage_number)
    assert found[0] == target
    assert all(step_number(s).endswith(f".{bare}") for s in found[:2])
    assert find_questions(bank, steps, f"  {target.id.upper()} ")[0] == target
    for step in steps:
        words = " ".join(step.question.title.split()[:3]).upper()
        assert step in find_questions(bank, steps, words)
    title = steps[5].question.title
    assert find_questions(bank, steps, title)[0].question.title == title
    assert find_questions(bank, steps, f"{title} zebrafish") == []
    assert find_questions(bank, steps, "") == []
    hidden = next(q for _s, q in bank.questions() if q.id not in {s.id for s in steps})
    assert find_questions(bank, steps, question_number(bank, hidden.id)) == []


def test_finder_matches_chinese_substrings() -> None:
    def q(qid: str, prompt: str) -> Question:
        return TextQuestion(
            id=qid, type=QuestionType.TEXT, prompt=prompt, help="h", example="e",
            source=["s.txt"], section=None,
        )  # fmt: skip

    stage = Stage(
        version=1,
        id="brand",
        title="品牌",
        intro="i",
        questions=[q("story", "你们的品牌故事是什么？"), q("dishes", "招牌菜有哪些？")],
    )
    bank = Bank(stages=[stage], layout=load_bank().layout)
    steps = [Step(stage, question, 1) for question in stage.questions]
    assert [s.id for s in find_questions(bank, steps, "品牌")] == ["story"]
    assert [s.id for s in find_questions(bank, steps, "品牌 故事")] == ["story"]
    assert [s.id for s in find_questions(bank, steps, "招牌菜")] == ["dishes"]
    assert find_questions(bank, steps, "品牌 招牌菜") == []
    assert [s.id for s in find_questions(bank, steps, "1.2")] == ["dishes"]


# --- the question intro, help and progress ---------------------------------------------------


def intro_lines(step: Step, answer: Answer | None, *, tally: Tally, compact: bool) -> list[str]:
    return printed(lambda c: question_intro(c, step, 1, 9, answer, tally=tally, compact=compact))


def test_compact_intro_is_five_lines_at_most(bank: Bank, tea: Session) -> None:
    tally = Tally(stages=7, stages_done=4, answered=34, to_go=40)
    worst = Answer(status=AnswerStatus.UNKNOWN, note="A note long enough to wrap " * 8)
    every = [Step(st, q, n) for n, st in enumerate(bank.stages, start=1) for q in st.questions]
    for step in every:
        for answer in (None, worst, tea.answers.get(step.id)):
            lines = intro_lines(step, answer, tally=tally, compact=True)
            assert len(lines) <= 5, (step.id, lines)
            assert max(cell_len(line) for line in lines) <= 80
            assert lines[0].startswith(f"{step_number(step)} · Stage {step.stage_number} of 7")
            assert "34 answered, 40 to go" in lines[0]
            assert "/help: why, an example, the commands" in lines[-1]
    step = next(s for s in visible(bank, {}) if s.question.help.count(" ") > 10)
    compact = " ".join(intro_lines(step, None, tally=tally, compact=True))
    full = " ".join(intro_lines(step, None, tally=tally, compact=False))
    help_start = " ".join(step.question.help.split()[:6])
    assert help_start not in " ".join(compact.split())
    assert help_start in " ".join(full.split())
    assert f"{step_number(step)} · Stage {step.stage_number} of 7 · 34 answered, 40 to go" in full


def test_help_panel_shows_help_example_and_the_commands(bank: Bank) -> None:
    q = next(q for _s, q in bank.questions() if q.type is QuestionType.LIST)
    text = " ".join(" ".join(line.strip("│╭╮╰╯─ ") for line in render(help_panel(q), 80)).split())
    assert " ".join(q.help.split()) in text
    assert " ".join(format_value(q, q.example).split()) in text  # the whole example, uncut
    assert all(name.split()[0] in text for name, _meaning in COMMAND_MEANINGS)
    # the seed files a question comes from mean nothing to a client on a projector
    assert not any(source in text for source in q.source)


def test_stage_header_counts_stages_and_questions(bank: Bank, tea: Session) -> None:
    tally = Tally.of(bank, tea.answers)
    assert tally.answered == progress(bank, tea.answers)[0]
    assert tally.to_go == 0
    assert tally.stages_done == len(bank.stages)
    empty = Tally.of(bank, {})
    assert (empty.answered, empty.to_go, empty.stages_done) == (0, len(visible(bank, {})), 0)
    stage = bank.stages[4]
    full = printed(lambda c: stage_header(c, stage, 5, 7, 0, 0, tally=empty))
    compact = printed(lambda c: stage_header(c, stage, 5, 7, 0, 0, tally=empty, compact=True))
    counts = f"0 of 7 stages done · 0 answered, {empty.to_go} to go."
    assert compact[-1] == counts
    assert full[-1] == counts
    assert len(compact) == 3
    assert stage.intro.split()[0] in full[2]


def test_total_changed_says_what_the_answer_did() -> None:
    assert str(total_changed(74, 86)) == "Your answer adds 12 questions (now 86 in all)."
    assert str(total_changed(74, 71)) == "Your answer removes 3 questions (now 71 in all)."
    assert str(total_changed(74, 75)) == "Your answer adds 1 question (now 75 in all)."
    assert total_changed(74, 74) is None
