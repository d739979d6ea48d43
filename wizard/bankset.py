"""Which banks a command loads: the core alone, a shipped pack, or a folder given with --banks.

A session records its set (:class:`wizard.session.BankSetRecord`); later commands on it load
the same set. The rules when a command is given a set too:

- the session records none (a file from before bank sets): the given set is used (and recorded
  at the next save); no set given: the core banks;
- the given set is the recorded one: fine;
- the recorded set cannot be found any more (its folder is gone, its pack no longer shipped):
  the given set replaces it; without one, the command stops and says to pass ``--banks DIR``;
- otherwise the given set disagrees with the recorded one: given on the command line, the
  command stops and says so; given by MARKETING_WIZARD_BANKS or MARKETING_WIZARD_PACK (a
  default for new sessions), the session's own set is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from wizard import launcher
from wizard.errors import SessionError, UsageError
from wizard.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

    from wizard.bank import Bank
    from wizard.prompter import Prompter
    from wizard.session import BankSetRecord, Session

__all__ = ["BankSet", "chosen", "load_for_session", "pack_versions", "pick"]


@dataclass(frozen=True)
class BankSet:
    """A bank set: ``pack`` (a shipped pack's name) or ``dir`` (an absolute folder), or neither."""

    pack: str | None = None
    dir: Path | None = None
    from_env: bool = field(default=False, compare=False)  # a default, not a command-line choice

    def describe(self) -> str:
        if self.dir is not None:
            return _("the banks in {folder}").format(folder=self.dir)
        if self.pack is not None:
            return _("the pack {pack!r}").format(pack=self.pack)
        return _("the core banks alone")

    def missing(self) -> str | None:
        """Why the set cannot be loaded (its folder or pack is gone), or None."""
        if self.dir is not None and not self.dir.is_dir():
            return _("the folder {folder} is not there any more").format(folder=self.dir)
        if self.pack is not None:
            from wizard.bank_paths import packs_dir

            if not (packs_dir() / self.pack / "pack.yaml").is_file():
                return _("the pack {pack!r} is not shipped with this marketing-wizard").format(
                    pack=self.pack
                )
        return None

    def folder(self) -> Path | None:
        if self.dir is not None:
            return self.dir
        if self.pack is not None:
            from wizard.bank_paths import packs_dir

            return packs_dir() / self.pack  # what find_pack gives for a shipped pack
        return None

    def load(self) -> tuple[Bank, BankSetRecord]:
        """The merged bank and the record a session keeps of it.

        Raises:
            BankError: listing every problem of the banks and the pack.
        """
        from wizard.bank_paths import shipped_banks_dir
        from wizard.disk_cache import cached
        from wizard.i18n import current
        from wizard.session import BankSetRecord

        folder = self.folder()
        lang = current()

        def load() -> tuple[Bank, dict[str, int]]:
            from wizard.banks import load_bank

            bank = load_bank(pack=folder, lang=lang)
            return bank, pack_versions(folder) if folder is not None else {}

        folders = [shipped_banks_dir()] + ([folder] if folder is not None else [])
        bank, versions = cached("bank", folders, load, _is_loaded, salt=lang)
        record = BankSetRecord(
            pack=self.pack,
            dir=str(self.dir) if self.dir is not None else None,
            versions=versions,
        )
        return bank, record

    @classmethod
    def of(cls, record: BankSetRecord | None) -> BankSet:
        if record is None:
            return cls()
        return cls(record.pack, Path(record.dir) if record.dir else None)


def _is_loaded(value: object) -> TypeGuard[tuple[Bank, dict[str, int]]]:
    from wizard.bank import Bank

    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], Bank)
        and isinstance(value[1], dict)
    )


def pack_versions(folder: Path) -> dict[str, int]:
    """The version of each stage a pack adds or extends (read from its stage files)."""
    from wizard.banks import bank_files, read_stage_files

    sources, _problems = read_stage_files(bank_files([folder]))
    versions: dict[str, int] = {}
    for source in sources:
        stage = source.data.get("extends", source.data.get("id"))
        version = source.data.get("version")
        if isinstance(stage, str) and isinstance(version, int):
            versions[stage] = version
    return versions


def chosen(pack: str | None, banks: Path | None, from_env: bool = False) -> BankSet | None:
    """The set named by ``--pack`` / ``--banks`` (or their variables); None when neither is.

    ``from_env``: the name came from an environment variable, not the command line.

    Raises:
        UsageError: both given, an unknown pack, or a --banks that is not a folder.
    """
    if pack == "":
        pack = None
    if banks is not None and str(banks) == "":
        banks = None
    if pack is not None and banks is not None:
        raise UsageError(
            _("Give --pack or --banks, not both: a session is answered with one bank set."),
            hint=_("--pack NAME picks a shipped pack; --banks DIR a folder of your own."),
        )
    if pack is not None:
        from wizard.bank_paths import CORE, shipped_packs

        if pack == CORE:
            return BankSet(from_env=from_env)
        if any(p.id == pack for p in shipped_packs()):
            return BankSet(pack=pack, from_env=from_env)
        from wizard.packs import find_pack  # a broken pack, or none of that name: it says which

        return BankSet(pack=find_pack(pack).id, from_env=from_env)
    if banks is not None:
        if not banks.is_dir():
            raise UsageError(
                _("--banks {folder}: there is no folder there.").format(folder=banks),
                hint=_(
                    "Give the folder that holds the pack's pack.yaml and stage files "
                    "(also read from MARKETING_WIZARD_BANKS)."
                ),
            )
        return BankSet(dir=banks.resolve(), from_env=from_env)
    return None


def load_for_session(session: Session, given: BankSet | None) -> tuple[Bank, BankSetRecord]:
    """The bank a session is answered with, and the record of it (see the module's rules).

    Raises:
        SessionError: the recorded set is gone or lost a stage, or ``given`` disagrees with it.
        BankError: the banks have problems.
    """
    name = session.name
    if session.banks is None:
        bankset = given or BankSet()
    else:
        recorded = BankSet.of(session.banks)
        gone = recorded.missing()
        if gone is not None and given is None:
            raise SessionError(
                _("Session {name!r} is answered with {banks}, but {gone}.").format(
                    name=name, banks=recorded.describe(), gone=gone
                ),
                hint=_("Its answers are kept. To go on, pass the pack's folder: {command}").format(
                    command=launcher.command("resume", name, "--banks", "DIR")
                ),
            )
        if gone is None and given is not None and given != recorded and given.from_env:
            given = None  # a default for new sessions; this one has its own set
        if gone is None and given is not None and given != recorded:
            raise SessionError(
                _("Session {name!r} is answered with {banks}, not {given}.").format(
                    name=name, banks=recorded.describe(), given=given.describe()
                ),
                hint=_(
                    "Leave out --pack and --banks (and unset MARKETING_WIZARD_BANKS) to use "
                    "the session's own banks; start a new session for other banks."
                ),
            )
        bankset = given if given is not None else recorded
    bank, record = bankset.load()
    recorded_versions = session.banks.versions if session.banks is not None else {}
    vanished = [sid for sid in recorded_versions if sid not in bank.versions()]
    if vanished:
        listed = ", ".join(repr(sid) for sid in vanished)
        raise SessionError(
            _(
                "Session {name!r} was answered with the stage(s) {stages} from {banks}, which "
                "has no such stage now."
            ).format(name=name, stages=listed, banks=bankset.describe()),
            hint=_(
                "Its answers are kept. Put the stage file back, or pass a folder that has it: "
                "{command}"
            ).format(command=launcher.command("resume", name, "--banks", "DIR")),
        )
    return bank, record


def pick(prompter: Prompter, console: Console | None = None) -> BankSet:
    """The menu of `new`: the core banks alone, or one shipped pack (no menu without packs)."""
    from wizard.bank_paths import CORE, shipped_packs

    packs = shipped_packs()
    if not packs:
        return BankSet()
    from rich.table import Table
    from rich.text import Text

    from wizard.display import terminal_text

    # The menu names each set in a line that fits a projector; what each holds is said above it.
    about = Table.grid(padding=(0, 2))
    about.add_column(style="bold", no_wrap=True)
    about.add_column()
    about.add_row(_("Core questions"), _("For any kind of business."))
    for p in packs:
        about.add_row(Text(terminal_text(p.title)), Text(terminal_text(p.description)))
    if console is not None:
        console.print(about)
    options = [(CORE, _("Core questions only"))]
    options += [(p.id, terminal_text(p.title)) for p in packs]
    picked = prompter.choose(_("Which questions fit the business?"), options, default=CORE)
    return BankSet() if picked == CORE else BankSet(pack=picked)
