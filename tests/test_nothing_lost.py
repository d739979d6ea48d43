"""Nothing the user confirmed is ever lost: a stateful property test through the real prompts.

Hypothesis drives random sequences of user actions (answers good and bad, list items added,
edited and removed, ``/back``, ``/skip`` and ``/unknown`` with their confirmation answered
either way, ``/note``, ``/park``, ``/go``, review, and Ctrl-C anywhere) as keys typed into the
real :class:`~wizard.prompter.TerminalPrompter` (prompt_toolkit pipe input), run by the real
:class:`~wizard.runner.Wizard` over a real :class:`~wizard.store.SessionStore` in a temporary
folder. The machine keeps its own model of what the user confirmed; after every step the
session file is read back from disk and must hold exactly that: every confirmed answer, list
item, note and parked point, the list item being typed so far (its draft: the fields finished
before a Ctrl-C), and nothing the user did not confirm in place of one. A list opened with a
draft first asks "Finish item N?"; the machine answers it either way and finishes the item.

One step is one user action: its keys go into a fresh pipe, and the wizard runs until the keys
run out (prompt_toolkit then raises EOFError, which the CLI treats like Ctrl-D: quit) or until
a Ctrl-C the step typed. Every step starts a fresh wizard on the session read from disk, as
``resume`` does, so whatever was only in memory is gone: the test passes only if each
finished thing was saved the moment it was finished. The wizard's own save on quit (the CLI's
``except`` clause) is deliberately not called.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from wizard.bank import QuestionType
from wizard.banks import load_bank
from wizard.prompter import TerminalPrompter
from wizard.runner import Wizard
from wizard.session import ITEM_NOTES, ITEM_UNKNOWN, AnswerStatus, Session
from wizard.store import SessionStore

BANK = load_bank([Path(__file__).parent / "data" / "stateful"])
ORDER = BANK.ids()
LIST = next(q for q in ORDER if BANK.question(q).type is QuestionType.LIST)
NAME = "shop"

ENTER = "\r"
DOWN = "\x1b[B"
BACKSPACE = "\x7f"
SPACE = " "
CTRL_C = "\x03"

ANSWERED, SKIPPED = AnswerStatus.ANSWERED, AnswerStatus.SKIPPED
UNKNOWN, IN_PROGRESS = AnswerStatus.UNKNOWN, AnswerStatus.IN_PROGRESS

# --- what a user types ---------------------------------------------------------------------

_WORDS = ["acme", "tea", "north", "shop", "grow", "sales", "Bo", "餐饮", "西湖"]
#: Free text: a few words (2 to 30 characters, so a valid business name).
words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
dates = st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat)

VALID: dict[QuestionType, st.SearchStrategy[Any]] = {
    QuestionType.TEXT: words,
    QuestionType.INTEGER: st.integers(1, 500),
}
INVALID: dict[QuestionType, list[str]] = {
    QuestionType.TEXT: ["A", "x" * 31],
    QuestionType.INTEGER: ["0", "501", "lots", "3.5"],
}


@dataclass
class Kept:
    """One question's record as the user left it: what the saved file must hold."""

    status: AnswerStatus
    value: Any = None
    note: str | None = None
    draft: dict[str, Any] | None = None  # the list item being typed, its fields so far


@dataclass
class Segment:
    """Keys for one part of an action, and what the user has confirmed once they are typed
    (applied to a model: the planned one while the keys are drawn, then the machine's)."""

    keys: str
    effect: Callable[[Model], None] | None = None


@dataclass
class Model:
    answers: dict[str, Kept] = field(default_factory=dict)
    parked: list[str] = field(default_factory=list)

    def record(self, qid: str, status: AnswerStatus, value: Any = None) -> None:
        """An answer recorded: it keeps its note, and a draft item ends with it."""
        old = self.answers.get(qid)
        self.answers[qid] = Kept(status, copy.deepcopy(value), old.note if old else None)

    def set_draft(self, qid: str, draft: dict[str, Any] | None) -> None:
        """The item being typed at a list, kept after each field; a list without an answer
        yet is then in progress, still without items."""
        if qid in self.answers:
            self.answers[qid].draft = copy.deepcopy(draft)
        elif draft is not None:
            self.answers[qid] = Kept(IN_PROGRESS, [], None, copy.deepcopy(draft))

    def draft(self, qid: str) -> dict[str, Any] | None:
        """The draft a list offers to finish when opened (an empty one is not offered)."""
        kept = self.answers.get(qid)
        return kept.draft if kept is not None and kept.draft else None

    def note(self, qid: str, text: str | None) -> None:
        if qid in self.answers:
            self.answers[qid].note = text
        elif text:
            self.answers[qid] = Kept(IN_PROGRESS, None, text)

    def items(self, qid: str, items: list[dict[str, Any]]) -> None:
        """A list's finished items so far: an answered list stays answered while it is valid
        (every item here is valid, so while it has items)."""
        old = self.answers.get(qid)
        answered = old is not None and old.status is ANSWERED and bool(items)
        self.record(qid, ANSWERED if answered else IN_PROGRESS, [dict(i) for i in items])

    def current(self, qid: str) -> Any:
        """What the prompt starts from: the answer so far (none after a skip)."""
        kept = self.answers.get(qid)
        if kept is not None and kept.status in (ANSWERED, IN_PROGRESS):
            return kept.value
        return None

    def open_question(self) -> str | None:
        """Where a resumed wizard starts: the first question not finished."""
        return next(
            (q for q in ORDER if q not in self.answers or self.answers[q].status is IN_PROGRESS),
            None,
        )


def _prefill(value: Any) -> str:
    return "" if value is None else str(value)


def _marked(values: dict[str, Any], unknown: list[str], notes: dict[str, str]) -> dict[str, Any]:
    """An item as the file holds it: its values, then its marks in field order."""
    fields = BANK.question(LIST).fields or []
    item: dict[str, Any] = {f.id: values[f.id] for f in fields if f.id in values}
    if unknown:
        item[ITEM_UNKNOWN] = [f.id for f in fields if f.id in unknown]
    if notes:
        item[ITEM_NOTES] = {f.id: notes[f.id] for f in fields if f.id in notes}
    return item


def _item_keys(
    qid: str, old: dict[str, Any], draw: Any, *, new: bool
) -> tuple[list[Segment], dict[str, Any] | None]:
    """The keys that fill in one list item field by field, and the item they make (None when
    the user leaves it with /back on its first field: a new item is dropped, an edited one
    stays as it was).

    A new item (added, or a draft being finished) is kept as a draft whenever what is typed so
    far changed, at each field the wizard comes to: each segment but the last carries that.
    An empty draft is kept only once there was one (a note typed, then removed). The caller
    gives the last segment its effect: the item saved, or the draft dropped.
    """
    q = BANK.question(qid)
    fields = q.fields or []
    values = {f.id: old[f.id] for f in fields if f.id in old}
    unknown: list[str] = list(old.get(ITEM_UNKNOWN, []))
    notes: dict[str, str] = dict(old.get(ITEM_NOTES, {}))
    segments: list[Segment] = []
    written: dict[str, Any] | None = old if new and old else None  # a resumed draft, rewritten

    def then(keys: str) -> None:
        """A segment after which the wizard comes to a field again (and keeps the draft)."""
        nonlocal written
        segment = Segment(keys)
        now = _marked(values, unknown, notes)
        if new and now != written and (now or written is not None):
            segment.effect = lambda m: m.set_draft(qid, now)
            written = now
        segments.append(segment)

    n = 0
    went_back = False
    while n < len(fields):
        f = fields[n]
        prefill = _prefill(values.get(f.id))
        if draw(st.integers(0, 4), label="note_first") == 0:  # typed after the pre-filled value
            if notes.get(f.id) and draw(st.booleans(), label="remove_note"):
                removed = notes.pop(f.id)
                then("/note" + ENTER + BACKSPACE * len(removed) + ENTER)
            else:
                text = draw(words)
                notes[f.id] = text
                then("/note " + text + ENTER)
        choices = ["new", "unknown"]
        if f.id in values or f.id in unknown:
            choices.append("keep")  # the value, or the "don't know yet" mark
        if not f.required or f.id in unknown:
            choices.append("skip")
        if n == 0:
            choices.append("drop")
        if n == 1 and not went_back:
            choices.append("back")
        if f.type is QuestionType.DATE:
            choices.append("refused")
        last = n == len(fields) - 1
        match draw(st.sampled_from(choices), label=f"field {f.id}"):
            case "keep":
                keys = ENTER
            case "new" | "refused" as how:
                value = draw(dates if f.type is QuestionType.DATE else words)
                refused = "next month" + ENTER if how == "refused" else ""
                keys = BACKSPACE * len(prefill) + refused + value + ENTER
                values[f.id] = value
                if f.id in unknown:
                    unknown.remove(f.id)
            case "unknown":
                keys = "/unknown" + ENTER
                values.pop(f.id, None)
                if f.id not in unknown:
                    unknown.append(f.id)
            case "skip":  # Enter on an empty field leaves it empty too
                keys = draw(st.sampled_from(["/skip", ""] if not prefill else ["/skip"])) + ENTER
                values.pop(f.id, None)
            case "drop":
                segments.append(Segment("/back" + ENTER))
                return segments, None
            case _:  # back
                went_back = True
                n -= 1
                then("/back" + ENTER)
                continue
        n += 1
        if last:
            segments.append(Segment(keys))
        else:
            then(keys)
    return segments, _marked(values, unknown, notes)


class NothingLost(RuleBasedStateMachine):
    """The user, the wizard and the saved file; the model is what the user confirmed."""

    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp(prefix="nothing-lost-"))
        self.store = SessionStore(self.home)
        self.model = Model()
        self.plan = Model()  # the model as the step's keys are drawn, as if none were cut
        self.screen = io.StringIO()

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    @initialize()
    def new_session(self) -> None:
        self.store.save(Session(name=NAME, bank_versions=BANK.versions()))

    # --- running one step ---------------------------------------------------------------

    def _perform(self, draw: Any, segments: list[Segment]) -> None:
        """Type the step's keys, perhaps cut by Ctrl-C before one of its segments (after a
        few stray letters), and run a fresh wizard on the saved session until they run out."""
        cut = draw(st.integers(0, 3 * len(segments)), label="ctrl_c_before_segment")
        event("interrupted by Ctrl-C" if cut < len(segments) else "keys ran out")
        if cut < len(segments):
            stray = draw(st.sampled_from(["", "ab", "/ba"]), label="typed_before_ctrl_c")
            keys = "".join(s.keys for s in segments[:cut]) + stray + CTRL_C
            done = segments[:cut]
        else:
            keys = "".join(s.keys for s in segments)
            done = segments
        complete = self.model.open_question() is None
        event("step in review (every question finished)" if complete else "step in the interview")
        session = self.store.load(NAME)
        self.screen = io.StringIO()
        console = Console(file=self.screen, width=100, height=40, color_system=None)
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text(keys)
            pipe.close()
            prompter = TerminalPrompter(console, input=pipe, output=DummyOutput())
            wizard = Wizard(BANK, self.store, session, prompter, console)
            # the run ends when the keys run out (EOFError) or at the step's Ctrl-C
            with contextlib.suppress(EOFError, KeyboardInterrupt):
                wizard.review() if complete else wizard.run()
        before = copy.deepcopy(self.model)
        for segment in done:
            if segment.effect is not None:
                segment.effect(self.model)
        event("the user confirmed a change" if self.model != before else "nothing to keep")
        if any(k.draft is not None for k in self.model.answers.values()):
            event("a draft item left on disk")

    @invariant()
    def the_saved_file_holds_what_was_confirmed(self) -> None:
        saved = self.store.load(NAME)
        got = {q: (a.status, a.value, a.note, a.draft) for q, a in saved.answers.items()}
        want = {q: (k.status, k.value, k.note, k.draft) for q, k in self.model.answers.items()}
        assert got == want, f"saved != confirmed; the screen said:\n{self.screen.getvalue()}"
        assert [p.text for p in saved.parked] == self.model.parked

    # --- one question being asked ---------------------------------------------------------

    def _confirmed(self, qid: str, draw: Any, command: str) -> list[Segment]:
        """``/skip`` or ``/unknown`` at ``qid`` (typed as it would be there), with the
        "This drops ..." confirmation answered either way when there is an answer to drop."""
        q = BANK.question(qid)
        status = SKIPPED if command == "skip" else UNKNOWN
        title = {"skip": "Skip this question", "unknown": "Don't know yet"}[command]
        if q.type is QuestionType.MULTI_SELECT:
            keys = "/" + command + ENTER
        elif q.type in (QuestionType.SELECT, QuestionType.LIST):
            keys = draw(st.sampled_from(["/" + command, title])) + ENTER
        else:
            # typed after the pre-filled answer, or with the answer cleared first
            prefill = _prefill(self.plan.current(qid))
            clear = draw(st.booleans(), label="clear_first")
            keys = (BACKSPACE * len(prefill) if clear else "") + "/" + command + ENTER
        kept = self.plan.answers.get(qid)
        if kept is None or kept.value in (None, [], ""):
            return [Segment(keys, lambda m: m.record(qid, status))]
        if draw(st.booleans(), label="drop_it"):
            return [
                Segment(keys),
                Segment("Yes, drop" + ENTER, lambda m: m.record(qid, status)),
            ]
        return [Segment(keys), Segment(ENTER)]  # "No, keep my answer": nothing changes

    def _note(self, qid: str, draw: Any) -> list[Segment]:
        """``/note TEXT`` (typed after a pre-filled answer, or into a menu), or ``/note`` and
        the note in a prompt of its own, which shows the note so far (emptied to remove it)."""
        kept = self.plan.answers.get(qid)
        old = kept.note if kept else None
        if old and draw(st.booleans(), label="remove_note"):
            keys = "/note" + ENTER + BACKSPACE * len(old) + ENTER
            return [Segment(keys, lambda m: m.note(qid, None))]
        text = draw(words)
        if draw(st.booleans(), label="note_inline"):
            keys = "/note " + text + ENTER
        else:
            keys = "/note" + ENTER + BACKSPACE * len(old or "") + text + ENTER
        return [Segment(keys, lambda m: m.note(qid, text))]

    def _park(self, qid: str, draw: Any) -> list[Segment]:
        text = draw(words)
        if draw(st.booleans(), label="park_inline"):
            keys = "/park " + text + ENTER
        else:
            keys = "/park" + ENTER + text + ENTER
        return [Segment(keys, lambda m: m.parked.append(text))]

    def _answer(self, qid: str, draw: Any) -> list[Segment]:
        """A valid answer, typed over whatever the prompt shows."""
        q = BANK.question(qid)
        current = self.plan.current(qid)
        if q.type in VALID:
            value = draw(VALID[q.type])
            keys = BACKSPACE * len(_prefill(current)) + str(value) + ENTER
        elif q.type is QuestionType.SELECT:
            choice = draw(st.sampled_from(q.choices or []))
            value = choice.value
            keys = choice.label + ENTER  # typed: the menu filters to it
        else:
            values = q.choice_values()
            ticked = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
            value = [v for v in values if v in ticked]
            keys, at = "", 0
            for n, v in enumerate(values):
                if (v in value) != (v in (current or [])):
                    keys += DOWN * (n - at) + SPACE
                    at = n
            keys += ENTER
        return [Segment(keys, lambda m: m.record(qid, ANSWERED, value))]

    def _refused(self, qid: str, draw: Any) -> list[Segment]:
        """Something the question does not take: refused, and nothing changes."""
        q = BANK.question(qid)
        if q.type in INVALID:
            prefill = _prefill(self.plan.current(qid))
            return [
                Segment(BACKSPACE * len(prefill) + draw(st.sampled_from(INVALID[q.type])) + ENTER)
            ]
        if q.type is QuestionType.MULTI_SELECT:
            current = self.plan.current(qid) or []
            values = q.choice_values()
            keys, at = "", 0
            for n, v in enumerate(values):  # untick everything: "Tick a choice..."
                if v in current:
                    keys += DOWN * (n - at) + SPACE
                    at = n
            return [Segment(keys + ENTER)]
        return [Segment(draw(st.sampled_from(["zzz", "qq"])) + ENTER)]  # matches no entry

    def _keep(self, qid: str) -> list[Segment]:
        """Enter: the prompt's answer as it stands (at a list, Enter adds an item: see
        ``_list_action``)."""
        q = BANK.question(qid)
        current = self.plan.current(qid)
        effect: Callable[[Model], None] | None = None
        if q.type in VALID:
            if current is not None:
                effect = lambda m: m.record(qid, ANSWERED, current)  # noqa: E731
            elif not q.required:
                effect = lambda m: m.record(qid, SKIPPED)  # noqa: E731
        elif q.type is QuestionType.SELECT:
            value = current if current is not None else q.choice_values()[0]
            effect = lambda m: m.record(qid, ANSWERED, value)  # noqa: E731
        elif current:  # a multiple choice with something ticked
            effect = lambda m: m.record(qid, ANSWERED, current)  # noqa: E731
        return [Segment(ENTER, effect)]

    def _list_action(self, qid: str, draw: Any) -> list[Segment]:
        """At a list's menu (Add an item, Done, Edit item k..., Remove item k..., the extras;
        the cursor starts on Add)."""
        items: list[dict[str, Any]] = list(self.plan.current(qid) or [])
        picks = ["add", "done"]
        if items:
            picks += ["edit", "remove"]
        match draw(st.sampled_from(picks), label="list_action"):
            case "add":
                add = draw(st.sampled_from(["Add an item" + ENTER, ENTER]), label="add")
                segments, item = _item_keys(qid, {}, draw, new=True)
                self._ending(qid, segments, None if item is None else [*items, item], new=True)
                return [Segment(add), *segments]
            case "edit":
                n = draw(st.integers(0, len(items) - 1), label="item")
                segments, item = _item_keys(qid, items[n], draw, new=False)
                changed = None if item is None else [*items[:n], item, *items[n + 1 :]]
                self._ending(qid, segments, changed, new=False)
                return [Segment(f"Edit item {n + 1}" + ENTER), *segments]
            case "remove":
                n = draw(st.integers(0, len(items) - 1), label="item")
                pick = Segment(f"Remove item {n + 1}" + ENTER)
                if draw(st.booleans(), label="remove_it"):
                    rest = [*items[:n], *items[n + 1 :]]
                    return [pick, Segment("Yes, remove" + ENTER, lambda m: m.items(qid, rest))]
                return [pick, Segment(ENTER)]  # "No, keep it"
            case _:
                if not items:
                    return [Segment("Done" + ENTER)]  # "Add at least one item": nothing changes
                return [Segment("Done" + ENTER, lambda m: m.record(qid, ANSWERED, items))]

    def _ending(
        self,
        qid: str,
        segments: list[Segment],
        saved: list[dict[str, Any]] | None,
        *,
        new: bool,
    ) -> None:
        """The effect of an item's last keys: the list ``saved`` with the item (which ends its
        draft); or, when it was left on its first field (None), a new item's draft dropped."""
        if saved is not None:
            segments[-1].effect = lambda m: m.items(qid, saved)
        elif new:
            segments[-1].effect = lambda m: m.set_draft(qid, None)

    def _opening(self, qid: str, draw: Any) -> list[Segment]:
        """What a list with a draft asks first: "Finish item N?", answered either way; the
        item finished is then asked field by field from the draft (Enter keeps each)."""
        draft = self.plan.draft(qid)
        if draft is None:
            return []
        items: list[dict[str, Any]] = list(self.plan.current(qid) or [])
        number = len(items) + 1
        if draw(st.booleans(), label="finish_draft"):
            event("a draft item finished")
            finish = draw(st.sampled_from([ENTER, f"Yes, finish item {number}" + ENTER]))
            segments, item = _item_keys(qid, draft, draw, new=True)
            self._ending(qid, segments, None if item is None else [*items, item], new=True)
            opening = [Segment(finish), *segments]
        else:
            event("a draft item dropped")
            opening = [Segment(f"No, drop item {number}" + ENTER, lambda m: m.set_draft(qid, None))]
        for segment in opening:  # what follows is drawn from the list as it is then
            if segment.effect is not None:
                segment.effect(self.plan)
        return opening

    def _at(self, qid: str, draw: Any) -> list[Segment]:
        """One thing done at the question ``qid`` being asked (a list's draft first)."""
        opening = self._opening(qid, draw)
        kinds = ["answer", "answer", "refused", "keep", "skip", "unknown", "note", "park"]
        if BANK.question(qid).type is QuestionType.LIST:
            kinds = ["list", "list", "list", "refused", "skip", "unknown", "note", "park"]
        kind = draw(st.sampled_from(kinds), label=f"at {qid}")
        event(f"action at {BANK.question(qid).type}: {kind}")
        match kind:
            case "answer":
                action = self._answer(qid, draw)
            case "list":
                action = self._list_action(qid, draw)
            case "refused":
                action = self._refused(qid, draw)
            case "keep":
                action = self._keep(qid)
            case "skip" | "unknown" as command:
                action = self._confirmed(qid, draw, command)
            case "note":
                action = self._note(qid, draw)
            case _:
                action = self._park(qid, draw)
        return [*opening, *action]

    # --- the rules --------------------------------------------------------------------------
    # Every rule applies in every state (hypothesis may switch rules off for a whole example):
    # while a question is open, the wizard starts there, as ``resume`` does; once every
    # question is finished, the step goes through ``review`` instead.

    def _numbered(self, question: str) -> str:
        return f"1.{ORDER.index(question) + 1}"

    def _open(self) -> str | None:
        """The question a fresh wizard opens with (None: review); the step's keys are drawn
        from here on a copy of the model."""
        self.plan = copy.deepcopy(self.model)
        return self.model.open_question()

    @rule(data=st.data(), question=st.sampled_from(ORDER))
    def act_at_the_open_question(self, data: st.DataObject, question: str) -> None:
        """Act at the question the wizard opens with; in review, pick ``question`` from a
        stage's table ("Edit an answer...") and act there."""
        qid = self._open()
        if qid is not None:
            self._perform(data.draw, self._at(qid, data.draw))
            return
        pick = "Stage 1" + ENTER + "Edit an answer" + ENTER + self._numbered(question) + ENTER
        self._perform(data.draw, [Segment(pick), *self._at(question, data.draw)])

    @rule(data=st.data(), question=st.sampled_from(ORDER))
    def back_then_act(self, data: st.DataObject, question: str) -> None:
        """``/back`` at the open question, then act at the one before; in review, ``/back``
        at ``question`` opened from a stage's table leaves it as it was. A list with a draft
        asks "Finish item N?" before its menu takes the ``/back``."""
        back = Segment("/back" + ENTER)  # typed after the pre-filled answer, if any
        qid = self._open()
        if qid is None:
            pick = "Stage 1" + ENTER + "Edit an answer" + ENTER + self._numbered(question) + ENTER
            self._perform(data.draw, [Segment(pick), *self._opening(question, data.draw), back])
        elif qid == ORDER[0]:  # "This is the first question": asked again, nothing changes
            self._perform(data.draw, [*self._opening(qid, data.draw), back])
        else:
            previous = ORDER[ORDER.index(qid) - 1]
            opening = self._opening(qid, data.draw)
            self._perform(data.draw, [*opening, back, *self._at(previous, data.draw)])

    @rule(data=st.data(), question=st.sampled_from(ORDER))
    def go_then_act(self, data: st.DataObject, question: str) -> None:
        """``/go NUMBER`` at the open question (in review: "Find a question"), then act at
        the question found; the wizard then comes back where the user was."""
        number = self._numbered(question)
        qid = self._open()
        if qid is None:
            go = "Find a question" + ENTER + number + ENTER
            opening = []
        else:
            opening = self._opening(qid, data.draw)
            if data.draw(st.booleans(), label="go_inline"):
                go = "/go " + number + ENTER
            else:
                go = "/go" + ENTER + number + ENTER
        self._perform(data.draw, [*opening, Segment(go), *self._at(question, data.draw)])

    @rule(data=st.data())
    def work_on_the_list(self, data: st.DataObject) -> None:
        """Go to the list (``/go``, or in review its stage's table) and add, edit or remove an
        item there or finish it: the list is where drafts are made, so it gets a rule of its
        own besides the others reaching it now and then."""
        qid = self._open()
        number = self._numbered(LIST)
        if qid is None:
            go = "Stage 1" + ENTER + "Edit an answer" + ENTER + number + ENTER
            opening = []
        else:
            opening = self._opening(qid, data.draw)
            go = "/go " + number + ENTER
        here = self._opening(LIST, data.draw)
        action = self._list_action(LIST, data.draw)
        self._perform(data.draw, [*opening, Segment(go), *here, *action])


# About 30 s. Shrinking is left out: each replay drives real prompts, and hypothesis would spend
# its five-minute shrinking budget; a failure prints its steps, their draws and the last screen.
# To shrink one, add Phase.shrink to the phases (and raise max_examples to search harder).
NothingLost.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
test_nothing_confirmed_is_lost = NothingLost.TestCase
