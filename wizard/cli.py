"""The command line: a thin layer over plain functions.

Imports of anything heavy (pydantic models, prompts, rich) happen inside the commands that
need them, so that ``--help`` and light commands start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from wizard import __version__
from wizard.errors import WizardError

__all__ = ["cli", "main"]


class Settings:
    """Options shared by every command."""

    def __init__(self, home: Path | None, debug: bool) -> None:
        self._home = home
        self.debug = debug

    @property
    def home(self) -> Path:
        if self._home is not None:
            return self._home
        from platformdirs import user_data_path

        return user_data_path("marketing-wizard", appauthor=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MARKETING_WIZARD_HOME",
    help="Workspace for sessions and plans [env: MARKETING_WIZARD_HOME; "
    "default: your user data folder].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks (for reporting bugs).")
@click.version_option(__version__, prog_name="marketing-wizard")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, debug: bool) -> None:
    """Plan your online marketing, one stage of questions at a time.

    Start with `marketing-wizard new`, come back with `marketing-wizard resume`, and turn the
    answers into a draft plan with `marketing-wizard plan SESSION`.
    """
    ctx.obj = Settings(home, debug)


# --- banks ----------------------------------------------------------------------------------


@cli.group()
def banks() -> None:
    """List, show, check and describe the question banks."""


@banks.command("list")
def banks_list() -> None:
    """List the stages and how many questions each asks."""
    from wizard.banks import load_bank
    from wizard.catalog import stage_rows

    bank = load_bank()
    rows = stage_rows(bank)
    width = max(len(r[1]) for r in rows)
    click.echo(f"{'#':>2}  {'stage':<{width}}  {'questions':>9}  {'version':>7}  title")
    for number, stage_id, count, version, title in rows:
        click.echo(f"{number:>2}  {stage_id:<{width}}  {count:>9}  {version:>7}  {title}")


@banks.command("show")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def banks_show(fmt: str) -> None:
    """Show every stage and question: ids, types, choices, conditions and help."""
    from wizard.banks import load_bank
    from wizard.catalog import describe_bank, describe_text

    bank = load_bank()
    if fmt == "json":
        import json

        click.echo(json.dumps(describe_bank(bank), indent=2, ensure_ascii=False))
    else:
        click.echo(describe_text(bank))


@banks.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def banks_validate(paths: tuple[Path, ...]) -> None:
    """Check bank files and report every problem (default: the shipped banks).

    Files given together are checked together: conditions may use ids of the files before.
    A folder stands for the YAML files in it, in name order.
    """
    from wizard.banks import bank_files, check_banks

    files = bank_files(list(paths) or None)
    bank, problems = check_banks(files)
    if problems or bank is None:
        click.echo(f"{len(problems)} problem(s) in the question banks:", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    count = sum(len(stage.questions) for stage in bank.stages)
    click.echo(f"OK: {len(bank.stages)} stage file(s), {count} questions, no problems.")


@banks.command("schema")
def banks_schema() -> None:
    """Print the JSON Schema of a bank file (for editor completion and checks)."""
    import json

    from wizard.catalog import bank_file_schema

    click.echo(json.dumps(bank_file_schema(), indent=2, ensure_ascii=False))


# --- entry point ----------------------------------------------------------------------------


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


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
        _fail("\nInterrupted.", 130)
    except WizardError as exc:
        if debug:
            raise
        _fail(f"Error: {exc.render()}", exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        _fail(
            f"Internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in marketing-wizard; run again with --debug to see the traceback.",
            1,
        )
    sys.exit(code if isinstance(code, int) else 0)
