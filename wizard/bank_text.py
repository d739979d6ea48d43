"""The banks' text in another language, kept beside the English with the same ids.

A bank folder may hold a folder per language (``question_banks/zh-CN/``, a pack's
``packs/b2b/zh-CN/``) with one file per bank file of the same name: the stage's ``title`` and
``intro``, and under ``questions`` each question by id with its ``prompt``, ``label``, ``help``,
``group``, ``example``, the ``message`` of each ``validation`` rule, each choice's label (or
``{label, phrase}``) by value and each list field by id under ``fields``; a layout file
(``plan.yaml``) its title, titled and each part (title, intro, sections by id); a pack card
(``pack.yaml``) its title and description. Only text is translated: ids, types, choice values,
rules and roles stay in the English file, so an answer means the same whatever the language.

The text is laid over the English data as read, before the banks are checked, so every check
(an example passes its question's rules, a ``{field}`` placeholder names a field) runs on the
translated bank as well. When the language's folder exists, every text of the English file must
have its translation and nothing else may be there: a missing or unknown one is a problem with
the usual ``file: place: what`` line. A bank folder without the language's folder (a bank of
one's own, in one language) is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "TEXT_KEYS",
    "TranslationProblem",
    "example_needs_translation",
    "text_file",
    "translate_card",
    "translate_layout",
    "translate_stage",
]

TEXT_KEYS = ("prompt", "label", "help", "group")
"""A question's keys that are plain text, translated one for one."""

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_LETTERS = re.compile(r"[A-Za-z]")

TranslationProblem = tuple[str, str]
"""A place in the translation file and what is wrong there."""

OneItem = Callable[[dict[str, Any], Any, str], Any]
"""Lays one item (a question, a part, a section) over by its translation, at a place."""


def text_file(english: Path, lang: str) -> Path:
    """Where the ``lang`` text of the bank file ``english`` lives."""
    return english.parent / lang / english.name


def example_needs_translation(example: Any) -> bool:
    """Whether an example holds words (a string with a letter that is not an id or a choice
    value); figures, dates and choice values read the same in every language."""
    if isinstance(example, str):
        return bool(_LETTERS.search(example)) and not _ID.match(example)
    if isinstance(example, list):
        return any(example_needs_translation(v) for v in example)
    if isinstance(example, dict):
        return any(example_needs_translation(v) for v in example.values())
    return False


def _example_problem(q: dict[str, Any], example: Any) -> str | None:
    """Why ``example`` fails the rules of the question ``q`` (raw), or None (also when the
    question itself is broken: the English file's problems say so)."""
    from pydantic import ValidationError

    from wizard.bank import parse_question
    from wizard.validation import InvalidAnswer, coerce_answer

    try:
        question = parse_question(q)
    except ValidationError:
        return None
    try:
        coerce_answer(question, example)
    except InvalidAnswer as exc:
        return exc.message.rstrip(".")
    return None


def _short(text: object) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 50 else flat[:47] + "..."


class _Overlay:
    """Lays one translation file over one English file's data, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[TranslationProblem] = []
        self.groups: dict[str, str] = {}  # an English group -> its translation, once met

    def problem(self, place: str, message: str) -> None:
        self.problems.append((place, message))

    def mapping(self, value: Any, place: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(place, "expected a mapping")
            return {}
        return value

    def text(self, english: dict[str, Any], tr: dict[str, Any], key: str, place: str) -> None:
        """Replace ``english[key]`` by ``tr[key]``, which must be there when it is."""
        where = f"{place}.{key}" if place else key
        if key not in english:
            if key in tr:
                self.problem(where, f"the English has no {key} to translate")
            return
        given = tr.get(key)
        if isinstance(given, str) and given.strip():
            english[key] = given
        elif key in tr:
            self.problem(where, "expected a non-empty text")
        else:
            self.problem(where, f"missing translation (English: {_short(english[key])!r})")

    def unknown(self, tr: dict[str, Any], allowed: set[str], place: str, kind: str = "key") -> None:
        for key in tr:
            if key not in allowed:
                where = f"{place}.{key}" if place else str(key)
                if kind == "key":
                    what = f"unknown key {key!r}; expected one of: {', '.join(sorted(allowed))}"
                else:
                    what = f"the English file has no {kind} {key!r}"
                self.problem(where, what)

    def question(self, q: dict[str, Any], tr: Any, place: str) -> dict[str, Any]:
        """The question ``q`` (raw) in the translation ``tr``."""
        q = dict(q)
        t = self.mapping(tr, place)
        if tr is None:
            self.problem(place, "missing translation of this question")
            return q
        english_group = q.get("group")
        for key in TEXT_KEYS:
            self.text(q, t, key, place)
        if isinstance(english_group, str) and english_group != q.get("group"):
            first = self.groups.setdefault(english_group, str(q.get("group")))
            if first != q.get("group"):
                self.problem(
                    f"{place}.group",
                    f"the group {english_group!r} is translated {first!r} elsewhere; "
                    "questions shown together need one name",
                )
        if "example" in t:
            reason = _example_problem(q, t["example"])
            if reason is None:
                q["example"] = t["example"]
            else:  # named here, in the translation; the English example stays for the checks
                self.problem(
                    f"{place}.example", f"example fails the question's own rules: {reason}"
                )
        elif example_needs_translation(q.get("example")):
            self.problem(
                f"{place}.example", f"missing translation (English: {_short(q['example'])!r})"
            )
        allowed = {*TEXT_KEYS, "example", "validation", "choices", "fields"}
        self.unknown(t, allowed, place)
        if isinstance(q.get("validation"), dict):
            q["validation"] = self.messages(q["validation"], t.get("validation"), place)
        elif "validation" in t:
            self.problem(f"{place}.validation", "the English has no validation to translate")
        if isinstance(q.get("choices"), list):
            q["choices"] = self.choices(q["choices"], t.get("choices"), f"{place}.choices")
        elif "choices" in t:
            self.problem(f"{place}.choices", "the English has no choices to translate")
        if isinstance(q.get("fields"), list):
            q["fields"] = self.questions(q["fields"], t.get("fields"), f"{place}.fields")
        elif "fields" in t:
            self.problem(f"{place}.fields", "the English has no fields to translate")
        return q

    def messages(self, rules: dict[str, Any], tr: Any, place: str) -> dict[str, Any]:
        t = self.mapping(tr, f"{place}.validation")
        out = dict(rules)
        for rule, spec in rules.items():
            if isinstance(spec, dict) and "message" in spec:
                given = t.get(rule)
                if isinstance(given, str) and given.strip():
                    out[rule] = {**spec, "message": given}
                else:
                    self.problem(
                        f"{place}.validation.{rule}",
                        f"missing translation of the message (English: {_short(spec['message'])!r})",
                    )
        self.unknown(
            t,
            {r for r, s in rules.items() if isinstance(s, dict) and "message" in s},
            f"{place}.validation",
        )
        return out

    def choices(self, choices: list[Any], tr: Any, place: str) -> list[Any]:
        t = self.mapping(tr, place)
        out: list[Any] = []
        values: set[str] = set()
        for choice in choices:
            if not isinstance(choice, dict) or not isinstance(choice.get("value"), str):
                out.append(choice)
                continue
            value = choice["value"]
            values.add(value)
            given = t.get(value)
            where = f"{place}.{value}"
            if isinstance(given, str):
                given = {"label": given}
            if not isinstance(given, dict):
                self.problem(
                    where, f"missing translation (English: {_short(choice.get('label', ''))!r})"
                )
                out.append(choice)
                continue
            translated = dict(choice)
            for key in ("label", "phrase"):
                self.text(translated, given, key, where)
            self.unknown(given, {"label", "phrase"}, where)
            out.append(translated)
        self.unknown(t, values, place, "choice")
        return out

    def each(
        self, items: list[Any], tr: dict[str, Any], place: str, one: OneItem
    ) -> tuple[list[Any], set[str]]:
        """``items`` with an ``id`` each laid over by ``one`` with its translation ``tr[id]``
        (anything else kept as it is, for the English file's own checks), and their ids."""
        out: list[Any] = []
        ids: set[str] = set()
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.add(item["id"])
                out.append(one(item, tr.get(item["id"]), f"{place}.{item['id']}"))
            else:
                out.append(item)
        return out, ids

    def questions(self, questions: list[Any], tr: Any, place: str) -> list[Any]:
        t = self.mapping(tr, place)
        out, ids = self.each(questions, t, place, self.question)
        self.unknown(t, ids, place, "field")
        return out


def translate_stage(
    data: dict[str, Any], tr: Any
) -> tuple[dict[str, Any], list[TranslationProblem]]:
    """A stage file's data (a stage, or a pack's extension of one) in the translation ``tr``
    (the translation file's data), and the problems of the translation."""
    overlay = _Overlay()
    t = overlay.mapping(tr, "")
    out = dict(data)
    for key in ("title", "intro"):
        overlay.text(out, t, key, "")
    # the questions a file gives whole, and the keys a pack's extension changes, by id
    by_id = overlay.mapping(t.get("questions"), "questions")
    ids: set[str] = set()
    if isinstance(data.get("questions"), list):
        out["questions"], ids = overlay.each(
            data["questions"], by_id, "questions", overlay.question
        )
    if isinstance(data.get("change"), dict):
        changed = {}
        for qid, keys in data["change"].items():
            if isinstance(keys, dict) and isinstance(qid, str):
                ids.add(qid)
                given = by_id.get(qid)
                changed[qid] = _changed(overlay, keys, given, f"questions.{qid}")
            else:
                changed[qid] = keys
        out["change"] = changed
    overlay.unknown(by_id, ids, "questions", "question")
    overlay.unknown(t, {"title", "intro", "questions"} & ({*data, "questions"}), "")
    return out, overlay.problems


def _changed(overlay: _Overlay, keys: dict[str, Any], tr: Any, place: str) -> dict[str, Any]:
    """A pack's ``change`` of a question: only the text keys it changes need translating."""
    if not any(k in keys for k in (*TEXT_KEYS, "example", "validation", "choices", "fields")) or (
        set(keys) <= {"example"} and not example_needs_translation(keys.get("example"))
    ):
        if tr is not None:
            overlay.problem(place, "this change has no text to translate")
        return keys
    return overlay.question(keys, tr, place)


def translate_layout(data: Any, tr: Any) -> tuple[Any, list[TranslationProblem]]:
    """A layout file's data (``plan.yaml``, or a pack's overlay of it) in the translation."""
    if not isinstance(data, dict):
        return data, []
    overlay = _Overlay()
    t = overlay.mapping(tr, "")
    out = dict(data)
    for key in ("title", "titled"):
        overlay.text(out, t, key, "")
    parts_tr = overlay.mapping(t.get("parts"), "parts")

    def part(raw: dict[str, Any], given: Any, where: str) -> dict[str, Any]:
        pt = overlay.mapping(given, where)
        translated = dict(raw)
        for key in ("title", "intro"):
            overlay.text(translated, pt, key, where)
        sections_tr = overlay.mapping(pt.get("sections"), f"{where}.sections")

        def section(raw: dict[str, Any], title: Any, where: str) -> dict[str, Any]:
            shown = dict(raw)
            given = {"title": title} if raw["id"] in sections_tr else {}
            overlay.text(shown, given, "title", where)
            return shown

        sections, section_ids = overlay.each(
            raw.get("sections") or [], sections_tr, f"{where}.sections", section
        )
        if "sections" in raw:
            translated["sections"] = sections
        overlay.unknown(sections_tr, section_ids, f"{where}.sections", "section")
        overlay.unknown(pt, {"title", "intro", "sections"}, where)
        return translated

    part_ids: set[str] = set()
    if isinstance(data.get("parts"), list):
        out["parts"], part_ids = overlay.each(data["parts"], parts_tr, "parts", part)
    overlay.unknown(parts_tr, part_ids, "parts", "part")
    overlay.unknown(t, {"title", "titled", "parts"}, "")
    return out, overlay.problems


def translate_card(data: Any, tr: Any) -> tuple[Any, list[TranslationProblem]]:
    """A pack card's data (``pack.yaml``) in the translation."""
    if not isinstance(data, dict):
        return data, []
    overlay = _Overlay()
    t = overlay.mapping(tr, "")
    out = dict(data)
    for key in ("title", "description"):
        overlay.text(out, t, key, "")
    overlay.unknown(t, {"title", "description"}, "")
    return out, overlay.problems
