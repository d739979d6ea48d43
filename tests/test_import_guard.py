"""The modules each fast path may import (issue 13): what a command does not need, it does not
load. Speed itself is measured by bench/compare, never here; this keeps the work from coming
back unnoticed.

Each path lists the third-party packages it may import (anything else fails the test, so a new
import is a decision, written here); the lightest paths list our own modules too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_e2e import env

EXAMPLES = Path(__file__).parent.parent / "examples"

MODELS = {"pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection"}
CACHED = {*MODELS, "simpleeval"}  # the checked banks from the disk cache; conditions evaluated
BANKS = {*CACHED, "yaml", "regex"}  # reading and checking them (and answers files)

# Each path runs twice and the second run is checked: the banks then come from the disk cache
# (wizard/disk_cache.py), so a plan needs neither the YAML reader nor the checks' patterns.
PATHS = [
    (["--help"], {"click"}),
    (["sessions"], {"click"}),
    (["plan", "tea", "-o", "-"], {"click", *CACHED}),
    (["plan", "tea", "--format", "html", "-o", "-"], {"click", *CACHED, "jinja2", "markupsafe"}),
    (["fill", "again", str(EXAMPLES / "tea-brand.yaml")], {"click", *BANKS}),
    (["--lang", "zh-CN", "plan", "tea", "-o", "-"], {"click", *CACHED, "babel"}),  # its formats
]

OWN = {
    "--help": {"wizard", "wizard.cli", "wizard.errors", "wizard.i18n", "wizard.launcher"},
    "sessions": {
        "wizard",
        "wizard.cli",
        "wizard.display",
        "wizard.errors",
        "wizard.i18n",
        "wizard.launcher",
        "wizard.store",
        "wizard.text_layout",
    },
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guard")
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "fill", "tea", str(EXAMPLES / "tea-brand.yaml")],
        env=env(folder),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder


def imported(home: Path, args: list[str], cache: str | None = None) -> set[str]:
    """The modules a command has imported when it ends (its second run: the cache warm)."""
    run_env = env(home) if cache is None else {**env(home), "MARKETING_WIZARD_CACHE": cache}
    code = (
        "import sys\nfrom wizard.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    for _warm_then_measured in range(2):
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=run_env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert "MODULES " in result.stderr, result.stderr
    return set(result.stderr.rsplit("MODULES ", 1)[1].split())


@pytest.mark.parametrize(
    ("args", "allowed"), PATHS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_each_path_imports_only_what_it_is_allowed(
    home: Path, args: list[str], allowed: set[str]
) -> None:
    modules = imported(home, args)
    third_party = {
        m.split(".")[0]
        for m in modules
        if m.split(".")[0] not in sys.stdlib_module_names and not m.startswith(("_", "wizard"))
    } - {"cython_runtime"}
    assert sorted(third_party - allowed) == []
    own = OWN.get(args[0])
    if own is not None:
        assert {m for m in modules if m.split(".")[0] == "wizard"} == own


def test_the_guard_sees_an_import(home: Path) -> None:
    """The check can fail: `banks list` builds the bank models, so pydantic is there."""
    assert "pydantic" in imported(home, ["banks", "list"])


def test_without_the_cache_a_plan_reads_and_checks_the_banks(home: Path) -> None:
    """What the cache saves a plan, and proof that the guard above would see it come back."""
    cold = imported(home, ["plan", "tea", "-o", "-"], cache="off")
    assert {"yaml", "regex", "wizard.banks"} <= cold
    warm = imported(home, ["plan", "tea", "-o", "-"])
    assert not {"yaml", "regex", "wizard.banks"} & warm


def test_the_wizard_reaches_its_first_question_without_reading_or_checking_banks(
    tmp_path: Path,
) -> None:
    """`new` in a real terminal, through the pack menu to the first question, its cache warm:
    the menu's packs and the banks come from the cache, and the answer checks' patterns wait
    for an answer, so neither the YAML reader, the regex module nor the bank checks load."""
    import pexpect

    run_env = {k: v for k, v in env(tmp_path).items() if k != "MARKETING_WIZARD_PACK"}
    for attempt in ("warm", "measured"):
        child = pexpect.spawn(
            sys.executable,
            ["-X", "importtime", "-m", "wizard", "new", attempt, "--client", "Demo Tea"],
            env=run_env,
            encoding="utf-8",
            dimensions=(40, 100),
            timeout=60,
        )
        child.expect("Which questions fit the business")
        seen = str(child.before)
        child.send("\r")  # the core questions
        child.expect("Stage 1 of 7")
        seen += str(child.before)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen)
    modules = set(re.findall(r"import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)", lines))
    assert {"wizard.prompter", "wizard.bank", "prompt_toolkit"} <= modules  # the parse works
    assert sorted({"yaml", "regex", "wizard.banks", "wizard.packs"} & modules) == []
