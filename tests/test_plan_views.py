"""The client's copy, the internal version and the appendix of answers the body does not show;
the cover from the profile and the session."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest

from tests.plan_support import TODAY, load_example, session_from_answers
from tests.test_check_cli import run
from wizard.banks import load_bank
from wizard.plan import build_plan, render, render_bytes
from wizard.plan.check_appendix import PLAN_CHECK
from wizard.plan.html import _css_string
from wizard.plan.model import PARKING_LOT, EntryStatus
from wizard.plan.views import body_question_ids, for_audience
from wizard.profile import MAX_LOGO_BYTES

EXAMPLES = Path(__file__).parent.parent / "examples"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="module")
def full() -> object:
    bank = load_bank()
    data = load_example("tea-brand")
    data["_meta"]["parked"] = [{"text": "Who signs off the budget?"}]
    return build_plan(bank, session_from_answers(bank, data), today=TODAY)


def test_the_clients_copy_leaves_out_what_is_for_the_facilitator(full: object) -> None:
    plan = for_audience(full)  # type: ignore[arg-type]
    assert (plan.internal, plan.notes, plan.parked, plan.check, plan.appendix) == (
        False,
        [],
        [],
        None,
        [],
    )
    md = render(plan, "md")
    for heading in ("## Notes", f"## {PARKING_LOT}", f"## {PLAN_CHECK}", "## Appendix"):
        assert heading not in md
    assert "## III. Implementation" in md  # the body is all there
    assert render(plan, "md").count("Who signs off the budget?") == 0


def test_the_internal_version_keeps_them(full: object) -> None:
    plan = for_audience(full, internal=True)  # type: ignore[arg-type]
    md = render(plan, "md")
    for heading in ("## Notes", f"## {PARKING_LOT}", f"## {PLAN_CHECK}"):
        assert heading in md
    assert "Who signs off the budget?" in md


def test_the_internal_version_says_so_on_its_cover_in_every_format(full: object) -> None:
    """A consultant must not send it by mistake: its cover says it is internal (the PDF's
    pages too, tests/test_plan_pdf.py); the client's copy says nothing of the kind."""
    notice = "Internal version, not for the client: it holds what is for the facilitator only, "
    internal = for_audience(full, internal=True)  # type: ignore[arg-type]
    client = for_audience(full)  # type: ignore[arg-type]
    md = render(internal, "md").split("## Summary")[0]  # the title page
    assert f"**{notice}" in md
    assert "Internal version" not in render(client, "md")
    page = render(internal, "html")
    shown = notice.replace("'", "&#39;")  # as autoescape writes it
    assert f'<p class="internal-notice">{shown}' in page
    mark = r"Internal\000020version\00002c\000020not\000020for\000020the\000020client"
    assert f'@bottom-left {{ content: "{mark}";' in page
    assert "Internal version" not in render(client, "html")
    cover = [p.text for p in docx.Document(io.BytesIO(render_bytes(internal, "docx"))).paragraphs]
    assert any(text.startswith(notice) for text in cover[:12])
    internal_docx = docx.Document(io.BytesIO(render_bytes(internal, "docx")))
    header = internal_docx.sections[1].header  # the plan proper: every page after the cover
    assert [p.text for p in header.paragraphs] == ["Internal version, not for the client"]
    assert not header.is_linked_to_previous
    client_docx = docx.Document(io.BytesIO(render_bytes(client, "docx")))
    assert not any("Internal version" in p.text for p in client_docx.paragraphs)
    assert all(
        "Internal" not in p.text
        for section in client_docx.sections
        for p in section.header.paragraphs
    )


def test_the_css_string_of_a_text_cannot_leave_its_string() -> None:
    hostile = '"; } </style><script>x</script> \\ \n 内部 a1'
    quoted = _css_string(hostile)
    assert quoted[0] == quoted[-1] == '"'
    assert all(c not in quoted[1:-1] for c in '"<>;{}\n')
    assert "内部" in quoted  # letters stay as they are
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])
    assert decoded == hostile


def test_the_appendix_lists_only_answers_the_body_does_not_show(full: object) -> None:
    everything = [e for stage in full.appendix for e in stage.entries]  # type: ignore[attr-defined]
    answered = {e.question_id for e in everything if e.status is EntryStatus.ANSWERED and e.answer}
    # The tea example's answers all show in the body: the appendix has nothing to repeat.
    assert answered <= body_question_ids(full)  # type: ignore[arg-type]
    assert for_audience(full, appendix=True).appendix == []  # type: ignore[arg-type]
    md = render(for_audience(full, internal=True), "md")  # type: ignore[arg-type]
    assert "No answers beside those in the plan above." in md
    # Without part I in the body, its answers are what the appendix holds, and nothing else.
    goals = full.parts[0]  # type: ignore[attr-defined]
    cut = full.model_copy(  # type: ignore[attr-defined]
        update={"parts": [goals.model_copy(update={"sections": []}), *full.parts[1:]]}  # type: ignore[attr-defined]
    )
    plan = for_audience(cut, appendix=True)
    listed = {e.question_id for stage in plan.appendix for e in stage.entries}
    in_part_one = {
        qid for section in goals.sections for b in section.blocks for qid in b.question_ids
    }
    assert listed == {qid.split(".", 1)[0] for qid in in_part_one} & answered
    assert "plan_start" in listed
    assert plan.notes == []  # --appendix adds the appendix only


def test_plan_cli_writes_the_clients_copy_unless_internal(tmp_path: Path) -> None:
    assert run(tmp_path, "fill", "tea", str(EXAMPLES / "tea-brand.yaml")).returncode == 0
    client = run(tmp_path, "plan", "tea", "-o", "-")
    internal = run(tmp_path, "plan", "tea", "-o", "-", "--internal")
    assert client.returncode == internal.returncode == 0, client.stderr + internal.stderr
    assert "## Notes" not in client.stdout
    assert "## Notes" in internal.stdout
    assert f"## {PLAN_CHECK}" in internal.stdout


def test_the_cover_comes_from_the_profile_and_the_session(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    set_it = run(
        tmp_path,
        "profile",
        "--consultant",
        "Mei Chen",
        "--agency",
        "North Star",
        "--accent",
        "#1F5F52",
        "--logo",
        str(logo),
    )
    assert set_it.returncode == 0, set_it.stderr
    assert "PNG, 1 KB" in set_it.stdout
    assert run(tmp_path, "fill", "tea", str(EXAMPLES / "tea-brand.yaml")).returncode == 0
    done = run(tmp_path, "plan", "tea", "--format", "json", "-o", "-")
    assert done.returncode == 0, done.stderr
    import json

    cover = json.loads(done.stdout)["cover"]
    assert cover["consultant"] == "Mei Chen"
    assert cover["accent"] == "#1F5F52"
    assert cover["logo"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    md = run(tmp_path, "plan", "tea", "-o", "-").stdout
    assert "*Prepared by Mei Chen, North Star*" in md
    html = run(tmp_path, "plan", "tea", "--format", "html", "-o", "-").stdout
    assert "Mei Chen" in html
    assert 'src="data:image/png;base64,' in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a....", "is not a PNG or JPEG picture"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (MAX_LOGO_BYTES + 1), "a logo of at most 512 KB"),
    ],
)
def test_a_logo_that_is_not_a_small_png_or_jpeg_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    logo = tmp_path / "logo.bin"
    logo.write_bytes(content)
    done = run(tmp_path, "profile", "--logo", str(logo))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "profile.yaml").exists()


def test_a_broken_profile_is_named_with_every_problem_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    text = "consultant: Mei\naccent: red\ncolour: blue\n"
    path.write_text(text, encoding="utf-8")
    done = run(tmp_path, "profile")
    assert done.returncode == 1
    assert f"{path}: accent: expected a colour as #rrggbb (got 'red')" in done.stderr
    assert f"{path}: colour: not a profile field" in done.stderr
    assert path.read_text(encoding="utf-8") == text
    assert "Traceback" not in done.stderr


def test_the_workshop_date_is_kept_with_the_session(tmp_path: Path) -> None:
    from wizard.session import Session

    state = Session(name="w", workshop=dt.date(2027, 1, 15))
    again = Session.model_validate_json(state.model_dump_json())
    assert again.workshop == dt.date(2027, 1, 15)
