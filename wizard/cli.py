"""The command line: a thin layer over plain functions.

Imports of anything heavy (pydantic models, prompts, rich) happen inside the commands that
need them, so that ``--help`` and light commands start fast.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from wizard import __version__, i18n, launcher
from wizard.errors import UsageError, WizardError
from wizard.i18n import _

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from wizard.bank import Bank
    from wizard.bankset import BankSet
    from wizard.plan import Plan
    from wizard.runner import PlanWriter
    from wizard.session import BankSetRecord, Session
    from wizard.store import SessionStore
    from wizard.worksheet.model import Sender

__all__ = ["cli", "main"]


def _language_asked(args: Sequence[str]) -> str | None:
    """The language ``--lang`` names among ``args`` (``--lang X`` or ``--lang=X``), if any."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return i18n.language_from(args[i + 1])
        if arg.startswith("--lang="):
            return i18n.language_from(arg.split("=", 1)[1])
    return None


# The help texts below are translated as the commands are defined: the language comes first.
i18n.set_language(_language_asked(sys.argv[1:]) or i18n.env_language())


def _help_layout() -> None:
    """Click's help laid out by terminal cells in Chinese (a character takes two columns,
    and a line breaks between characters): its wrapping, widths and short help, pointed here
    at ours, which leave English to click."""
    import click.formatting

    if getattr(click.formatting.wrap_text, "__module__", "") != __name__:
        _click_layout["wrap_text"] = click.formatting.wrap_text
        _click_layout["term_len"] = vars(click.formatting)["term_len"]
        setattr(click.formatting, "wrap_text", _help_wrap)  # noqa: B010
        setattr(click.formatting, "term_len", _help_len)  # noqa: B010
        for name in ("_make_default_short_help", "make_default_short_help"):
            if name in vars(click.core):  # its name differs between click's versions
                _click_layout["short_help"] = vars(click.core)[name]
                setattr(click.core, name, _short_help)
                break


_click_layout: dict[str, Any] = {}


def _help_len(text: str) -> int:
    """Click's width of a piece of help; in Chinese, terminal cells (a character takes two)."""
    if not i18n.is_chinese():
        return int(_click_layout["term_len"](text))
    from click._compat import strip_ansi

    from wizard.text_layout import cells

    return cells(strip_ansi(text))


def _short_help(help: str, max_length: int = 45) -> str:
    """A command's line in the list of commands; in Chinese, its first sentence (to "。")."""
    if not i18n.is_chinese():
        return str(_click_layout["short_help"](help, max_length))
    first = " ".join(help.split("\n\n", 1)[0].split())
    sentence = first.split("。", 1)[0]
    return sentence if sentence != first else first.rstrip("。")


def _help_wrap(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """Click's wrapping of help; in Chinese, by terminal cells and between characters."""
    if not i18n.is_chinese():
        wrap_text = _click_layout["wrap_text"]
        return str(wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs))
    import re

    from wizard.text_layout import wrap

    text = text.expandtabs()
    paragraphs = re.split(r"\n[ \t]*\n", text) if preserve_paragraphs else [text]
    out = []
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":  # click's mark for a block kept as written
            out.append("\n".join(initial_indent + line for line in lines[1:]))
            continue
        flat = " ".join(line.strip() for line in lines)
        out.append("\n".join(wrap(flat, width, initial_indent, subsequent_indent)))
    return "\n\n".join(out)


_help_layout()


class Settings:
    """Options shared by every command."""

    def __init__(self, home: Path | None, debug: bool) -> None:
        self._home = home
        self.debug = debug
        self.lang: str | None = None  # --lang (or MARKETING_WIZARD_LANG), when given

    @property
    def home(self) -> Path:
        if self._home is not None:
            return self._home
        from platformdirs import user_data_path

        return user_data_path("marketing-wizard", appauthor=False)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=_(
        "Plan your online marketing, one stage of questions at a time.\n\n"
        "Start with `marketing-wizard new`, come back with `marketing-wizard resume`, and turn "
        "the answers into a draft plan with `marketing-wizard plan SESSION`."
    ),
)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar="MARKETING_WIZARD_HOME",
    help=_(
        "Workspace for sessions and plans [env: MARKETING_WIZARD_HOME; "
        "default: your user data folder]."
    ),
)
@click.option("--debug", is_flag=True, help=_("Show tracebacks (for reporting bugs)."))
@click.version_option(__version__, prog_name="marketing-wizard")
@click.pass_context
def cli(ctx: click.Context, home: str | None, debug: bool) -> None:
    if home == "":
        raise UsageError(
            _("--home needs a folder; it was given an empty name."),
            hint=_("Name the workspace folder (use --home . for the current folder)."),
        )
    ctx.obj = Settings(Path(home) if home is not None else None, debug)
    if (
        home is not None
        and ctx.get_parameter_source("home") is click.core.ParameterSource.COMMANDLINE
    ):
        launcher.keep_options("--home", str(home))


class _Language(click.ParamType[str]):
    name = "LANG"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        found = i18n.language_from(str(value))
        if found is None:
            self.fail(
                i18n._(
                    "{given!r} is not a language the wizard speaks; use one of: {known}."
                ).format(given=value, known=", ".join(i18n.LANGUAGES)),
                param,
                ctx,
            )
        return found


def _take_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``--lang``: in force from now on, and remembered as given on the command line."""
    if value is None:
        return
    i18n.set_language(value)
    root = ctx.find_root()
    root.meta["marketing_wizard.lang"] = value


def _lang_option() -> click.Option:
    return click.Option(
        ["--lang"],
        type=_Language(),
        expose_value=False,
        is_eager=True,
        callback=_take_language,
        help=i18n._(
            "Language of the questions, messages and plan: {languages} [default: the "
            "session's, else your locale's; env: MARKETING_WIZARD_LANG]."
        ).format(languages=" | ".join(i18n.LANGUAGES)),
    )


def _lang_given() -> str | None:
    """The language given with --lang on the command line, if any."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().meta.get("marketing_wizard.lang") if ctx is not None else None


def _load(store: SessionStore, name: str, *, keep_lang: bool = False) -> Session:
    """The session ``name``, with its language in force unless --lang named another; with
    ``keep_lang`` (the wizard's own commands) a --lang given becomes the session's."""
    state: Session = store.load(name)
    given = _lang_given()
    if given is not None:
        if keep_lang:
            state.language = given
    elif state.language in i18n.LANGUAGES:
        i18n.set_language(state.language)
    return state


# --- sessions -------------------------------------------------------------------------------


def _store(ctx: click.Context) -> SessionStore:
    from wizard.store import SessionStore

    settings = ctx.find_object(Settings)
    assert settings is not None  # set by the group
    return SessionStore(settings.home)


def _need_terminal(command: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            _("'{command}' asks questions and needs a terminal; standard input is not one.").format(
                command=command
            ),
            hint=_("To answer without a terminal, write an answers file and run: {command}").format(
                command=launcher.command("fill", "SESSION", "FILE")
            ),
        )


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _plan_writer(store: SessionStore, bank: Bank) -> PlanWriter:
    def write(session: Session) -> Path:
        from wizard.plan import render
        from wizard.store import atomic_write

        path = store.home / "plans" / session.name / "plan.md"
        atomic_write(path, render(_document(store, bank, session), "md"))
        return path

    return write


def _document(
    store: SessionStore,
    bank: Bank,
    state: Session,
    *,
    internal: bool = False,
    appendix: bool = False,
) -> Plan:
    """The plan as it goes out: the client's copy unless ``internal``, with the cover from
    the workspace's profile and the session's client and workshop date."""
    from wizard.plan import build_plan
    from wizard.plan.model import Cover
    from wizard.plan.views import for_audience
    from wizard.profile import load_profile

    profile = load_profile(store.home)
    built = build_plan(bank, state, with_check=internal)  # the client's copy has no check
    document = for_audience(built, internal=internal, appendix=appendix)
    cover = Cover(**profile.model_dump(), workshop=state.workshop)
    return document.model_copy(update={"cover": cover})


def _run_wizard(
    store: SessionStore,
    bank: Bank,
    session: Session,
    *,
    review: bool = False,
    compact: bool = False,
    record: BankSetRecord | None = None,
) -> None:
    from wizard.prompter import TerminalPrompter
    from wizard.runner import Wizard

    if record is not None:  # the set (a folder given for a lost one); versions once answered
        old = session.banks.versions if session.banks is not None else record.versions
        session.banks = record.model_copy(update={"versions": old})

    console = _console()
    prompter = TerminalPrompter(console)
    wizard = Wizard(
        bank, store, session, prompter, console, _plan_writer(store, bank), compact=compact
    )
    try:
        if review:
            wizard.review()
        else:
            from wizard.screens import welcome
            from wizard.session import Depth

            core = session.depth is Depth.CORE
            welcome(console, session.name, session.client, len(bank.stages), core=core)
            _note_bank_changes(console, bank, session, record)
            wizard.run()
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at an empty prompt
        wizard.save()
        layout = ["--compact"] if compact and not review else []
        from rich.markup import escape

        console.print(
            "\n"
            + _(
                "[yellow]Stopped.[/] Every answer so far is saved in session [bold]{name}[/]."
            ).format(name=session.name)
            + "\n"
            + _("Continue with: {command}").format(
                command=escape(launcher.command("resume", session.name, *layout))
            )
        )
        sys.exit(130)
    session.bank_versions = bank.versions()
    if record is not None:
        session.banks = record
    wizard.save()


def _note_bank_changes(
    console: Console, bank: Bank, session: Session, record: BankSetRecord | None
) -> None:
    changed = [
        f"{sid} v{old} → v{bank.versions()[sid]}"
        for sid, old in session.bank_versions.items()
        if sid in bank.versions() and bank.versions()[sid] != old
    ]
    if record is not None and session.banks is not None:
        changed += [
            _("{stage} (pack) v{old} → v{new}").format(stage=sid, old=old, new=record.versions[sid])
            for sid, old in session.banks.versions.items()
            if sid in record.versions and record.versions[sid] != old
        ]
    if changed:
        console.print(
            _(
                "[yellow]The questions changed since this session was started "
                "({changes}); every answer is kept.[/]"
            ).format(changes=", ".join(changed))
        )


def _preview(markdown: str) -> None:
    """Show Markdown rendered with rich, through a pager when on a terminal."""
    import os

    from rich.markdown import Markdown

    console = _console()
    if not sys.stdout.isatty():
        console.print(Markdown(markdown))
        return
    os.environ.setdefault("LESS", "-FRX")  # colours, and no pager for a short text
    with console.pager(styles=True):
        console.print(Markdown(markdown))


def _refuse_existing(store: SessionStore, name: str) -> None:
    if store.exists(name):
        raise WizardError(
            _("A session named {name!r} already exists.").format(name=name),
            hint=_("Continue it with: {command}").format(command=launcher.command("resume", name)),
        )


def _continue_title(name: str, client: str | None, done: int, total: int) -> str:
    """The menu entry that continues a session: "Continue acme for Acme (3 of 40 answered)"."""
    if client:
        return _("Continue {name} for {client} ({done} of {total} answered)").format(
            name=name, client=client, done=done, total=total
        )
    return _("Continue {name} ({done} of {total} answered)").format(
        name=name, done=done, total=total
    )


def _slug(text: str) -> str:
    """A session name made from free text: 'Smile Dental Clinic' -> 'smile-dental-clinic'.

    Chinese characters become their pinyin ('李记小馆' -> 'lijixiaoguan') with ``pypinyin`` (a
    dependency, imported only here); should it be missing, they drop out.
    """
    import re
    import unicodedata

    if any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text):
        try:
            from pypinyin import lazy_pinyin
        except ImportError:
            pass
        else:  # each run of Chinese is one word: "李记小馆 Noodles" -> "lijixiaoguan-noodles"
            text = "".join(
                re.sub(r"\s+", " ", part) for part in lazy_pinyin(text, errors="default")
            )
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:48].rstrip("-")


def _default_name(store: SessionStore, base: str = "", *, client: str = "") -> str:
    """``base``, or for a client whose name gives no letters (as Chinese without pinyin)
    ``client-<today>``, else ``plan-<today>``; with ``-2``, ``-3`` ... if that name is taken."""
    import datetime as dt

    today = dt.date.today().isoformat()
    base = base or f"{'client' if client.strip() else 'plan'}-{today}"
    name, n = base, 2
    while store.exists(name):
        name, n = f"{base}-{n}", n + 1
    return name


_COMPACT = click.option(
    "--compact",
    is_flag=True,
    envvar="MARKETING_WIZARD_COMPACT",
    help=_(
        "Projector layout: one question per screen, help and example behind /help "
        "[env: MARKETING_WIZARD_COMPACT]."
    ),
)
_BANKS = click.option(
    "--banks",
    "banks_dir",
    type=click.Path(path_type=Path),
    envvar="MARKETING_WIZARD_BANKS",
    help=_(
        "A folder of your own questions (a pack: pack.yaml and stage files) added to the core "
        "banks [env: MARKETING_WIZARD_BANKS]. A session keeps the set it was started with."
    ),
)
_PACK = click.option(
    "--pack",
    envvar="MARKETING_WIZARD_PACK",
    help=_(
        "A shipped pack of questions for a kind of business (core: the core questions only) "
        "[env: MARKETING_WIZARD_PACK]. Without it, `new` offers the packs in a menu."
    ),
)


def _given(pack: str | None, banks_dir: Path | None) -> BankSet | None:
    """The set --pack or --banks names; one given on the command line beats a variable."""
    from wizard.bankset import chosen

    ctx = click.get_current_context(silent=True)
    env = click.core.ParameterSource.ENVIRONMENT
    sources = {
        name: ctx.get_parameter_source(name) if ctx is not None else None
        for name in ("pack", "banks_dir")
    }
    if pack is not None and banks_dir is not None:
        if sources["pack"] is env and sources["banks_dir"] is not env:
            pack = None
        elif sources["banks_dir"] is env and sources["pack"] is not env:
            banks_dir = None
    used = "pack" if pack is not None else "banks_dir"
    return chosen(pack, banks_dir, from_env=sources[used] is env)


def _session_bank(state: Session, given: BankSet | None) -> tuple[Bank, BankSetRecord]:
    from wizard.bankset import load_for_session

    return load_for_session(state, given)


_DEPTH = click.option(
    "--depth",
    type=click.Choice(["core", "full"]),
    help=_(
        "core: first the questions a plan cannot do without (about 40), the rest offered at "
        "the end; full: every question."
    ),
)


@cli.command(
    help=_(
        "Start a session and answer the questions (SESSION: a short name such as acme-2027).\n\n"
        "By default the first pass asks the core questions only (--depth core). --pack adds the "
        "questions for a kind of business; without --pack or --banks, a menu offers the packs."
    )
)
@click.argument("session", required=False)
@click.option("--client", help=_("The client or business the plan is for."))
@click.option(
    "--workshop-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help=_("The workshop's date (YYYY-MM-DD), for the plan's cover."),
)
@_DEPTH
@_PACK
@_BANKS
@_COMPACT
@click.pass_context
def new(
    ctx: click.Context,
    session: str | None,
    client: str | None,
    workshop_date: dt.datetime | None,
    depth: str | None,
    pack: str | None,
    banks_dir: Path | None,
    compact: bool,
) -> None:
    from wizard.bankset import pick
    from wizard.prompter import TerminalPrompter
    from wizard.session import Session
    from wizard.store import check_name

    store = _store(ctx)
    if session is not None:
        check_name(session)
        _refuse_existing(store, session)  # before asking anything
    given = _given(pack, banks_dir)
    _need_terminal("new")
    loaded = given.load() if given is not None else None  # bank problems before any question
    prompter = TerminalPrompter(_console())
    if session is None:
        recent = [s for s in store.summaries() if s.problem is None][:5]
        if recent:  # someone coming back (make run again) most likely wants to continue
            options = [(s.name, _continue_title(s.name, s.client, s.done, s.total)) for s in recent]
            options.insert(0, ("", _("Start a new session")))
            picked = prompter.choose(
                _("Start a new session, or continue one?"), options, default=""
            )
            if picked:
                _continue(store, picked, depth=depth, compact=compact, given=given)
                return

        def check(text: str) -> str | None:
            try:
                check_name(text.strip())
            except UsageError:
                return _("Letters, digits, - and _ only, e.g. {name}").format(
                    name=_slug(text) or "acme-2027"
                )
            return (
                _("A session with that name exists already.")
                if store.exists(text.strip())
                else None
            )

        if client is None:
            client = prompter.line(_("Who is the plan for (client or business; optional)?")) or None
        default = _default_name(store, _slug(client or ""), client=client or "")
        session = prompter.line(_("Name this session:"), default=default, check=check)
    bank, record = loaded if loaded is not None else pick(prompter, prompter.console).load()
    with store.lock(session):
        _refuse_existing(store, session)  # another process may have made it meanwhile
        from wizard.session import Depth

        state = Session(
            name=session,
            client=client,
            workshop=workshop_date.date() if workshop_date else None,
            bank_versions=bank.versions(),
            depth=Depth(depth or "core"),
            banks=record,
            language=i18n.current(),
        )
        store.save(state)
        _run_wizard(store, bank, state, compact=compact, record=record)


@cli.command(
    help=_(
        "Continue a session where it stopped (default: the most recent one).\n\n"
        "--depth full goes on with the full interview after a core pass. The session's own bank "
        "set is used; --banks DIR is needed only when its folder has moved."
    )
)
@click.argument("session", required=False)
@_DEPTH
@_BANKS
@_COMPACT
@click.pass_context
def resume(
    ctx: click.Context,
    session: str | None,
    depth: str | None,
    banks_dir: Path | None,
    compact: bool,
) -> None:
    store = _store(ctx)
    name = session or store.most_recent()
    store.path(name)  # refuses a bad name before anything else
    given = _given(None, banks_dir)
    _need_terminal("resume")
    _continue(store, name, depth=depth, compact=compact, given=given)


def _continue(
    store: SessionStore, name: str, *, depth: str | None, compact: bool, given: BankSet | None
) -> None:
    from wizard.bankset import load_for_session
    from wizard.session import Depth

    with store.lock(name):
        state = _load(store, name, keep_lang=True)
        if depth is not None:
            state.depth = Depth(depth)
        bank, record = load_for_session(state, given)
        _run_wizard(store, bank, state, compact=compact, record=record)


@cli.command(
    help=_("Show every answer stage by stage, find any question by number or words, and edit it.")
)
@click.argument("session")
@_BANKS
@_COMPACT
@click.pass_context
def review(ctx: click.Context, session: str, banks_dir: Path | None, compact: bool) -> None:
    store = _store(ctx)
    store.path(session)
    given = _given(None, banks_dir)  # a bad --banks is refused before the terminal check
    _need_terminal("review")
    with store.lock(session):
        state = _load(store, session, keep_lang=True)
        bank, record = _session_bank(state, given)
        _run_wizard(store, bank, state, review=True, compact=compact, record=record)


@cli.command(help=_("List sessions: name, client, progress and last change."))
@click.pass_context
def sessions(ctx: click.Context) -> None:
    from wizard.display import terminal_text
    from wizard.text_layout import cells, pad

    store = _store(ctx)
    rows = store.summaries()
    if not rows:
        click.echo(
            _("No sessions yet in {folder}. Start one with: {command}").format(
                folder=store.folder, command=launcher.command("new", "NAME")
            )
        )
        return
    table = [(_("SESSION"), _("CLIENT"), _("PROGRESS"), _("LAST CHANGE"))]
    for s in rows:
        if s.problem:
            table.append((s.name, "-", _("unreadable"), s.problem))
            continue
        changed = s.updated.astimezone().strftime("%Y-%m-%d %H:%M") if s.updated else "-"
        if store.in_use(s.name):
            changed += _("  (open in a wizard now)")
        table.append((s.name, s.client or "-", f"{s.done}/{s.total}", changed))
    # Names, clients and problems come from files anyone may have written: no character of
    # theirs may act on the terminal (clear it, set its title, reorder the line).
    shown = [[terminal_text(cell) for cell in row] for row in table]
    widths = [max(cells(r[i]) for r in shown) for i in range(3)]
    for row in shown:
        click.echo(
            "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=False)) + "  " + row[3]
        )


@cli.command(
    help=_(
        "Answer from a YAML or JSON answers file, without prompts (creates the session if "
        "needed).\n\n"
        "Every value is checked as a typed answer would be; if any is invalid, nothing is written "
        "and every problem is listed. A new session is answered with --pack or --banks (default: "
        "the core banks alone); an existing one with its own bank set."
    )
)
@click.argument("session")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@_PACK
@_BANKS
@click.pass_context
def fill(
    ctx: click.Context, session: str, file: Path, pack: str | None, banks_dir: Path | None
) -> None:
    from wizard.answers_file import (
        file_language,
        fill_session,
        hidden_answers,
        load_answers_file,
    )
    from wizard.bankset import BankSet, load_for_session
    from wizard.flow import open_questions, progress, refresh_progress
    from wizard.session import Session

    store = _store(ctx)
    store.path(session)
    bankset = _given(pack, banks_dir)
    data = load_answers_file(file)
    written_in = file_language(data)
    if written_in is not None and _lang_given() is None and not store.exists(session):
        i18n.set_language(written_in)  # a new session in the file's language
    with store.lock(session):
        if store.exists(session):
            state = _load(store, session, keep_lang=True)
            bank, record = load_for_session(state, bankset)
        else:
            bank, record = (bankset or BankSet()).load()
            state = Session(name=session, bank_versions=bank.versions(), language=i18n.current())
        filled = fill_session(bank, state, data, source=str(file))
        filled.bank_versions = bank.versions()
        filled.banks = record
        refresh_progress(bank, filled)
        path = store.save(filled)
    done, shown = progress(bank, filled.answers)
    given = len([k for k, v in data.items() if k != "_meta" and v is not None])
    click.echo(
        _("Filled {n} answer(s) into session {name!r} ({path}).").format(
            n=given, name=session, path=path
        )
    )
    click.echo(
        _("{done} of {shown} questions that apply are answered.").format(done=done, shown=shown)
    )
    hidden = hidden_answers(bank, filled)
    if hidden:
        if len(hidden) > 6:
            listed = _("{ids} and {n} more").format(ids=", ".join(hidden[:6]), n=len(hidden) - 6)
        else:
            listed = ", ".join(hidden)
        click.echo(
            _(
                "{n} answer(s) kept but not used, as their questions do not apply "
                "with these answers: {ids}."
            ).format(n=len(hidden), ids=listed)
        )
    still_open = len(open_questions(bank, filled.answers))
    if still_open:
        click.echo(
            _(
                "{n} question(s) still need an answer. Next: {resume} (or {plan} "
                "for the draft as it is)"
            ).format(
                n=still_open,
                resume=launcher.command("resume", session),
                plan=launcher.command("plan", session),
            )
        )
    else:
        click.echo(_("Next: {command}").format(command=launcher.command("plan", session)))


@cli.command(help=_("Print a session's answers in the format `fill` reads."))
@click.argument("session")
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True
)
@_BANKS
@click.pass_context
def answers(ctx: click.Context, session: str, fmt: str, banks_dir: Path | None) -> None:
    from wizard.answers_file import dump_answers, export_answers

    store = _store(ctx)
    given = _given(None, banks_dir)
    state = _load(store, session)
    bank, _record = _session_bank(state, given)
    click.echo(dump_answers(export_answers(bank, state), fmt), nl=False)


@cli.command(
    help=_("Assemble the plan from a session's answers: the client's copy, or --internal.")
)
@click.argument("session")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "opml", "docx", "pdf"]),
    default="md",
    show_default=True,
    help=_(
        "Markdown, a self-contained HTML page, the JSON document model, an OPML outline, a "
        "Word document, or a PDF (printed by WeasyPrint or Chromium)."
    ),
)
@click.option(
    "-o",
    "--output",
    help=_(
        "Where to write; '-' for standard output [default: <home>/plans/SESSION/plan.<format>]."
    ),
)
@click.option(
    "--preview", is_flag=True, help=_("Show the plan in the terminal instead of writing it.")
)
@click.option(
    "--internal",
    is_flag=True,
    help=_(
        "The internal version: with the notes, the parking lot, the plan check and the "
        "appendix (the default is the client's copy, without them)."
    ),
)
@click.option(
    "--appendix",
    is_flag=True,
    help=_("Add the appendix of the answers the plan's body does not show."),
)
@click.option(
    "--template",
    "template_dir",
    type=click.Path(path_type=Path),
    help=_(
        "Render the HTML (and the PDF printed from it) through your own Jinja2 templates in "
        "this folder (its plan.html.j2); start from a copy of the shipped ones: "
        "marketing-wizard plan-templates DIR."
    ),
)
@_BANKS
@click.pass_context
def plan(
    ctx: click.Context,
    session: str,
    fmt: str,
    output: str | None,
    preview: bool,
    internal: bool,
    appendix: bool,
    template_dir: Path | None,
    banks_dir: Path | None,
) -> None:
    from wizard.plan import BINARY_FORMATS, render, render_bytes

    if preview and (output is not None or fmt != "md"):
        raise UsageError(
            _("--preview shows the Markdown plan in the terminal; it takes no -o or --format."),
            hint=_("Leave out --preview to write the plan to a file."),
        )
    if template_dir is not None and fmt not in ("html", "pdf"):
        raise UsageError(
            _("--template renders the HTML plan and its PDF; add --format html or --format pdf.")
        )
    store = _store(ctx)
    given = _given(None, banks_dir)
    state = _load(store, session)
    bank, _record = _session_bank(state, given)
    document = _document(store, bank, state, internal=internal, appendix=appendix)
    if preview or (output == "-" and fmt == "md" and sys.stdout.isatty()):
        _preview(render(document, "md"))
        return
    text: str | bytes
    if template_dir is not None:
        text = _own_html(document, template_dir)
        if fmt == "pdf":
            from wizard.plan.pdf import print_html

            text = print_html(text)  # printed as the shipped templates' page is
    elif fmt in BINARY_FORMATS:
        text = render_bytes(document, fmt)
    else:
        text = render(document, fmt)
    if output == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            click.echo(text, nl=False)
        return
    from wizard.store import atomic_write

    path = Path(output) if output else store.home / "plans" / session / f"plan.{fmt}"
    if store.holds_sessions(path):
        raise UsageError(
            _(
                "Refusing to write the plan to {path}: sessions are kept there, and the plan "
                "would overwrite one."
            ).format(path=path),
            hint=_("Write it somewhere else, or leave out -o for {path}.").format(
                path=store.home / "plans" / session / f"plan.{fmt}"
            ),
        )
    if output and not path.parent.is_dir():
        raise WizardError(
            _("Cannot write the plan to {path}: the folder {folder} does not exist.").format(
                path=path, folder=path.parent
            )
        )
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise WizardError(
            _("Cannot write the plan to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    click.echo(str(path))


@cli.command(
    help=_(
        "Write a questionnaire to send before the workshop: each question with its help, an "
        "example and room to write; or (--format yaml) an answers template for `fill`."
    )
)
@click.option(
    "--stage",
    "stages",
    multiple=True,
    metavar="ID_OR_NUMBER",
    help=_("Only this stage (its number or id); repeat for several [default: every stage]."),
)
@_PACK
@_BANKS
@click.option(
    "--depth",
    type=click.Choice(["core", "full"]),
    default="full",
    show_default=True,
    help=_("core: only the questions a plan cannot do without; full: every question."),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx", "yaml"]),
    default="md",
    show_default=True,
    help=_(
        "Markdown, a printable HTML page, a Word document, or an answers template that "
        "`fill` reads back."
    ),
)
@click.option(
    "-o",
    "--output",
    help=_(
        "Where to write; '-' for standard output "
        "[default: <home>/worksheets/worksheet[-PACK].<format>]."
    ),
)
@click.pass_context
def worksheet(
    ctx: click.Context,
    stages: tuple[str, ...],
    pack: str | None,
    banks_dir: Path | None,
    depth: str,
    fmt: str,
    output: str | None,
) -> None:
    from wizard.bankset import BankSet
    from wizard.session import Depth
    from wizard.store import atomic_write
    from wizard.worksheet import (
        BINARY_FORMATS,
        build_worksheet,
        choose_stages,
        render,
        render_bytes,
    )

    bankset = _given(pack, banks_dir) or BankSet()
    bank, _record = bankset.load()
    sheet = build_worksheet(
        bank, choose_stages(bank, stages), Depth(depth), bank_name=_bank_name(bankset)
    )
    sheet = dataclasses.replace(sheet, sender=_sender(_store(ctx)))
    content = render_bytes(sheet, fmt) if fmt in BINARY_FORMATS else render(sheet, fmt)
    if output == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            click.echo(content, nl=False)
        return
    store = _store(ctx)
    suffix = f"-{bankset.pack}" if bankset.pack else ""
    path = Path(output) if output else store.home / "worksheets" / f"worksheet{suffix}.{fmt}"
    if store.holds_sessions(path):
        raise UsageError(
            _("Refusing to write the worksheet to {path}: sessions are kept there.").format(
                path=path
            ),
            hint=_("Write it somewhere else, or leave out -o."),
        )
    if output and not path.parent.is_dir():
        raise WizardError(
            _("Cannot write the worksheet to {path}: the folder {folder} does not exist.").format(
                path=path, folder=path.parent
            )
        )
    try:
        if isinstance(content, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        else:
            atomic_write(path, content)
    except OSError as exc:
        raise WizardError(
            _("Cannot write the worksheet to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    click.echo(str(path))


def _sender(store: SessionStore) -> Sender:
    """Who sends a worksheet: the workspace's profile, as on the plan's cover."""
    from wizard.profile import load_profile
    from wizard.worksheet.model import Sender

    profile = load_profile(store.home)
    by = _(", ").join(name for name in (profile.consultant, profile.agency) if name)
    return Sender(by=by or None, contact=profile.contact, logo=profile.logo, accent=profile.accent)


def _bank_name(bankset: BankSet) -> str | None:
    """The pack's title (a shipped pack or a folder with a pack.yaml) for the worksheet's head."""
    from wizard.packs import read_pack

    folder = bankset.folder()
    if folder is None:
        return None
    pack, _problems = read_pack(folder)
    return pack.title if pack is not None else None


@cli.command(
    help=_(
        "Check a session's plan: findings with the question to revisit and why, and a score.\n\n"
        "Exits 0 when there is no problem (warnings and tips allowed), 1 when there is one."
    )
)
@click.argument("session", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--schema", is_flag=True, help=_("Print the JSON Schema of --format json and stop."))
@_BANKS
@click.pass_context
def check(
    ctx: click.Context, session: str | None, fmt: str, schema: bool, banks_dir: Path | None
) -> None:
    import json

    from wizard.check import REPORT_SCHEMA, check_session, render_json, render_text

    if schema:
        click.echo(json.dumps(REPORT_SCHEMA, indent=2, ensure_ascii=False))
        return
    if session is None:
        raise UsageError(
            _("check needs the session to check."),
            hint=_("Run: {command}").format(command=launcher.command("check", "SESSION")),
        )
    store = _store(ctx)
    state = _load(store, session)
    bank, _record = _session_bank(state, _given(None, banks_dir))
    report = check_session(bank, state)
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    sys.exit(1 if report.problems else 0)


@cli.command(
    help=_(
        "Show or set your profile: name, agency, contact, logo and accent colour for the cover "
        "of every plan (HTML, PDF and Word). Without options it shows the profile."
    )
)
@click.option("--consultant", help=_("Your name, as the cover shows it."))
@click.option("--agency", help=_("Your agency or firm."))
@click.option("--contact", help=_("E-mail, telephone or web address for the cover."))
@click.option(
    "--logo",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("A PNG or JPEG logo (at most 512 KB), kept in the profile itself."),
)
@click.option("--accent", help=_("The accent colour of headings and rules, as #rrggbb."))
@click.option(
    "--clear",
    "cleared",
    multiple=True,
    metavar="FIELD",
    help=_("Remove a field: consultant, agency, contact, logo or accent (repeat for more)."),
)
@click.pass_context
def profile(
    ctx: click.Context,
    consultant: str | None,
    agency: str | None,
    contact: str | None,
    logo: Path | None,
    accent: str | None,
    cleared: tuple[str, ...],
) -> None:
    from pydantic import ValidationError

    from wizard.profile import PROFILE_FILE, Profile, load_profile, logo_uri, save_profile

    store = _store(ctx)
    current = load_profile(store.home)
    unknown = [name for name in cleared if name not in Profile.model_fields]
    if unknown:
        raise UsageError(
            _("--clear {field}: not a profile field; expected one of {fields}.").format(
                field=unknown[0], fields=", ".join(Profile.model_fields)
            )
        )
    try:
        given = Profile(
            consultant=consultant,
            agency=agency,
            contact=contact,
            accent=accent,
            logo=logo_uri(logo) if logo is not None else None,
        )
        changes: dict[str, Any] = given.model_dump(exclude_none=True) | dict.fromkeys(cleared)
        if changes:
            current = Profile.model_validate(current.model_dump() | changes)
    except ValidationError as exc:
        raise WizardError(
            _("The profile was not changed:"),
            details=[
                f"--{'.'.join(str(p) for p in e['loc'])}: "
                + (
                    _("expected a colour as #rrggbb")
                    if e["loc"] == ("accent",)
                    else _profile_problem(e)
                )
                for e in exc.errors()
            ],
        ) from None
    if changes:
        save_profile(store.home, current)
    shown = current.model_dump()
    if shown["logo"]:
        kind = shown["logo"].split(";")[0].split("/")[1].upper()
        shown["logo"] = f"{kind}, {len(shown['logo']) * 3 // 4 // 1024 or 1} KB"
    click.echo(_("Profile ({path}):").format(path=store.home / PROFILE_FILE))
    from wizard.profile import Profile
    from wizard.text_layout import pad

    titles = {name: field.title for name, field in Profile.model_fields.items()}
    for key, value in shown.items():
        title = titles.get(key)
        label = _(title) if title else f"{key}:"
        click.echo(f"  {pad(label, 12)}{value if value else '—'}")


def _profile_problem(error: Any) -> str:
    """What pydantic found wrong with a profile field given on the command line."""
    if i18n.is_chinese() and error["type"] == "string_too_long":
        return _("at most {n} characters are taken").format(n=error["ctx"]["max_length"])
    if i18n.is_chinese():
        return _("not a valid value ({reason})").format(reason=error["msg"])
    return str(error["msg"])


def _own_html(document: Plan, folder: Path) -> str:
    from wizard.plan.html import TemplateProblem, render_html

    try:
        return render_html(document, folder)
    except TemplateProblem as exc:
        raise WizardError(
            _("Cannot render the plan through the templates in {folder}.").format(folder=folder),
            details=[exc.message],
        ) from None


@cli.command(
    "plan-templates",
    help=_(
        "Copy the shipped HTML templates into FOLDER, to change them and use them with "
        "`plan --format html --template FOLDER` (or --format pdf)."
    ),
)
@click.argument("folder", type=click.Path(path_type=Path))
def plan_templates(folder: Path) -> None:
    from wizard.plan.html import TemplateProblem, copy_templates

    try:
        copied = copy_templates(folder)
    except TemplateProblem as exc:
        raise WizardError(exc.message, hint=_("Copy them into a new or empty folder.")) from None
    except OSError as exc:
        raise WizardError(
            _("Cannot copy the templates to {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
    for path in copied:
        click.echo(str(path))


@cli.command(
    "plan-schema",
    help=_("Print the JSON Schema of `plan --format json` (the plan's document model)."),
)
def plan_schema() -> None:
    import json

    from wizard.plan import plan_json_schema

    click.echo(json.dumps(plan_json_schema(), indent=2, ensure_ascii=False))


# --- banks ----------------------------------------------------------------------------------


@cli.group(help=_("List, show, check and describe the question banks."))
def banks() -> None:
    pass


def _listed_bank(pack: str | None, banks_dir: Path | None) -> Bank:
    from wizard.bankset import BankSet

    bank, _record = (_given(pack, banks_dir) or BankSet()).load()
    return bank


@banks.command(
    "list",
    help=_("List the stages and how many questions each asks (with a pack: the merged bank)."),
)
@_PACK
@_BANKS
def banks_list(pack: str | None, banks_dir: Path | None) -> None:
    from wizard.catalog import core_count, stage_rows

    bank = _listed_bank(pack, banks_dir)
    rows = stage_rows(bank)
    from wizard.text_layout import cells, pad

    width = max(cells(r[1]) for r in rows)
    heads = [_("stage"), _("questions"), _("core"), _("version"), _("title")]
    click.echo(
        f"{'#':>2}  {pad(heads[0], width)}  {pad(heads[1], 9, right=True)}  "
        f"{pad(heads[2], 4, right=True)}  {pad(heads[3], 7, right=True)}  {heads[4]}"
    )
    for (number, stage_id, count, version, title), stage in zip(rows, bank.stages, strict=True):
        core = core_count(stage)
        click.echo(
            f"{number:>2}  {pad(stage_id, width)}  {count:>9}  {core:>4}  {version:>7}  {title}"
        )


@banks.command(
    "show", help=_("Show every stage and question: ids, types, choices, conditions and help.")
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_PACK
@_BANKS
def banks_show(fmt: str, pack: str | None, banks_dir: Path | None) -> None:
    from wizard.catalog import describe_bank, describe_text

    bank = _listed_bank(pack, banks_dir)
    if fmt == "json":
        import json

        click.echo(json.dumps(describe_bank(bank), indent=2, ensure_ascii=False))
    else:
        click.echo(describe_text(bank))


@banks.command(
    "validate",
    help=_(
        "Check bank files and report every problem (default: the shipped banks).\n\n"
        "Files given together are checked together: conditions may use ids of the files before. "
        "A folder stands for the YAML files in it, in name order. A pack folder (one with a "
        "pack.yaml, or --banks DIR) is checked merged into the core banks it extends."
    ),
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_BANKS
def banks_validate(paths: tuple[Path, ...], banks_dir: Path | None) -> None:
    from wizard.banks import bank_files, check_banks, layout_file
    from wizard.roles import unplayed

    pack = None
    if len(paths) == 1 and (paths[0] / "pack.yaml").is_file():
        pack = paths[0]
    elif not paths and banks_dir is not None and str(banks_dir):
        pack = banks_dir
    if pack is not None and not pack.is_dir():
        raise UsageError(_("--banks {folder}: there is no folder there.").format(folder=pack))
    from wizard.i18n import DEFAULT, LANGUAGES

    files = bank_files(None if pack is not None else list(paths) or None)
    layout = layout_file(None if pack is not None else list(paths) or None)
    # the English, then each language's text where the folders hold one (see wizard.bank_text)
    bank, problems = check_banks(files, layout, pack=pack, lang=DEFAULT)
    for lang in LANGUAGES:
        if lang != DEFAULT:
            translated, lang_problems = check_banks(files, layout, pack=pack, lang=lang)
            bank = bank if translated is not None else None
            problems += [p for p in lang_problems if p not in problems]
    if problems or bank is None:
        click.echo(_("{n} problem(s) in the question banks:").format(n=len(problems)), err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    count = sum(len(stage.questions) for stage in bank.stages)
    if pack is not None:
        click.echo(
            _(
                "OK: the core banks with the pack in {folder}: {stages} stages, "
                "{questions} questions, no problems."
            ).format(folder=pack, stages=len(bank.stages), questions=count)
        )
    else:
        click.echo(
            _("OK: {stages} stage file(s), {questions} questions, no problems.").format(
                stages=len(bank.stages), questions=count
            )
        )
    played = {q.role for _stage, q in bank.questions() if q.role} | {
        f.role for _stage, q in bank.questions() for f in q.fields or [] if f.role
    }
    missing = unplayed(played)
    if missing:
        click.echo(_("No question plays these roles, so the plan leaves out what needs them:"))
        for role, needed_for in missing:
            click.echo(f"  {role}: {needed_for}")


@banks.command(
    "schema", help=_("Print the JSON Schema of a bank file (for editor completion and checks).")
)
def banks_schema() -> None:
    import json

    from wizard.catalog import bank_file_schema

    click.echo(json.dumps(bank_file_schema(), indent=2, ensure_ascii=False))


# --- entry point ----------------------------------------------------------------------------


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _every_command(group: click.Group) -> list[click.Command]:
    found: list[click.Command] = []
    for command in group.commands.values():
        found.append(command)
        if isinstance(command, click.Group):
            found.extend(_every_command(command))
    return found


# --lang on every command, as well as before it (`marketing-wizard --lang zh-CN plan x`)
for _command in [cli, *_every_command(cli)]:
    _command.params.append(_lang_option())


def main(argv: Sequence[str] | None = None) -> Any:
    """Run the CLI; turn every user error into a message and an exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="marketing-wizard", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt, EOFError):
        _fail("\n" + _("Interrupted."), 130)
    except WizardError as exc:
        if debug:
            raise
        _fail(_("Error: {message}").format(message=exc.render()), exc.exit_code)
    except OSError as exc:  # a workspace that cannot be written, a full disk...
        if debug:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        _fail(
            _("Error: {problem}.").format(problem=f"{exc.strerror or exc}{where}")
            + "\n"
            + _(
                "Check that the workspace (--home or MARKETING_WIZARD_HOME) is a folder you can "
                "write to."
            ),
            1,
        )
    except Exception as exc:
        if debug:
            raise
        _fail(
            _("Internal error: {error}").format(error=f"{type(exc).__name__}: {exc}")
            + "\n"
            + _("This is a bug in marketing-wizard; run again with --debug to see the traceback."),
            1,
        )
    sys.exit(code if isinstance(code, int) else 0)
