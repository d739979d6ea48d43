"""Run every row of issue 13's speed table and print it with the targets (see bench/README.md).

Run through ``bench/compare``, which makes the bench environment first. Every timed row runs
its commands with hyperfine (-N, no shell), one run of each command per round and the rounds
one after the other, so the commands alternate (A B A B ...) and a slow spell of the machine
hits both sides alike. Reported: medians of CPU time (user + sys), and the ratio ours / peer
on those medians; the wall-clock ratio is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ENV = BENCH / ".env"
MW = str(ROOT / ".venv" / "bin" / "marketing-wizard")
VPY = str(ROOT / ".venv" / "bin" / "python")
CC = str(ENV / "bin" / "cookiecutter")
COPIER = str(ENV / "bin" / "copier")
EXAMPLE = str(ROOT / "examples" / "tea-brand.yaml")
MIB = 1024 * 1024


def hyperfine(name: str, commands: list[str], rounds: int, prepare: str | None = None) -> list:
    """Per command: (cpu seconds per run, wall seconds per run), over ``rounds`` rounds."""
    out = ENV / "results"
    out.mkdir(parents=True, exist_ok=True)
    cpu: list[list[float]] = [[] for _ in commands]
    wall: list[list[float]] = [[] for _ in commands]
    for n in range(rounds + 1):  # round 0 warms the caches and is not counted
        path = out / f"{name}-{n}.json"
        args = ["hyperfine", "-N", "--runs", "1", "--style", "none", "--export-json", str(path)]
        if prepare:
            args += ["--prepare", prepare]
        subprocess.run(args + commands, check=True, stdout=subprocess.DEVNULL)
        if n == 0:
            continue
        for i, r in enumerate(json.loads(path.read_text())["results"]):
            if any(r["exit_codes"]):
                sys.exit(f"failed: {r['command']}")
            cpu[i].append(r["user"] + r["system"])
            wall[i].append(r["times"][0])
    return list(zip(cpu, wall, strict=True))


def med(xs: list[float]) -> float:
    return statistics.median(xs)


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str, str]] = []

    def ratio(self, row: str, ours: tuple, peer: tuple, target: float, unit: str = "ms") -> None:
        c = med(ours[0]) / med(peer[0])
        w = med(ours[1]) / med(peer[1])
        self.rows.append(
            (
                row,
                f"{med(ours[0]) * 1000:.0f} ms",
                f"{med(peer[0]) * 1000:.0f} ms",
                f"{c:.2f}",
                f"{w:.2f}",
                f"≤ {target:g}",
                "met" if c <= target else "NOT MET",
            )
        )
        print(f"  {row}: {c:.2f} (CPU), {w:.2f} (wall)", file=sys.stderr, flush=True)

    def value(self, row: str, ours: str, base: str, target: str, met: bool | None) -> None:
        verdict = "—" if met is None else ("met" if met else "NOT MET")
        self.rows.append((row, ours, base, "", "", target, verdict))
        print(f"  {row}: {ours}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = ("row", "ours (CPU)", "peer / base (CPU)", "ratio", "wall ratio", "target", "")
        lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def peak_mib(command: list[str], runs: int) -> float:
    """Median of the peak resident memory (MiB) of ``command`` over ``runs`` runs."""
    peaks = []
    for _ in range(runs):
        if Path("/usr/bin/time").exists():
            p = subprocess.run(
                ["/usr/bin/time", "-f", "%M", *command],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=True,
            )
            peaks.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
        else:  # peak of the largest child so far: run the biggest last
            import resource

            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return med(peaks)


def json_of(command: list[str]) -> dict:
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds per row (default 10)")
    parser.add_argument(
        "--big-runs", type=int, default=5, help="rounds of the 100x rows (default 5)"
    )
    opts = parser.parse_args()
    runs, big = opts.runs, opts.big_runs
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="mw-bench-"))
    try:
        run(work, runs, big)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)


def run(work: Path, runs: int, big: int) -> None:
    py = sys.executable
    peers = work / "peers"
    subprocess.run([py, str(BENCH / "peers.py"), str(peers)], check=True)
    for f in (10, 100):
        subprocess.run(
            [py, str(BENCH / "sessions.py"), str(f), str(work / f"s{f}.yaml")], check=True
        )
    home = work / "home"
    for name, src in (("s1", EXAMPLE), ("s10", work / "s10.yaml"), ("s100", work / "s100.yaml")):
        subprocess.run(
            [MW, "--home", str(home), "fill", name, str(src)], check=True, stdout=subprocess.DEVNULL
        )
    cc_conf = str(peers / "cookiecutter-config.yaml")
    cc = f"{CC} --no-input -f --config-file {cc_conf} -o {work}/cc-out {peers}/cookiecutter"
    q = shlex.quote
    plan = f"{MW} --home {home} plan s1 -o {work}/plan"
    t = Table()

    print(f"peers: {runs} rounds", file=sys.stderr, flush=True)
    md, html, ccr = hyperfine("render", [f"{plan}.md", f"{plan}.html --format html", cc], runs)
    t.ratio("`plan --format md` vs `cookiecutter --no-input`", md, ccr, 0.5)
    t.ratio("`plan --format html` vs `cookiecutter --no-input`", html, ccr, 0.6)
    fresh = work / "fresh"
    ours = f"{MW} --home {fresh} fill s {EXAMPLE} >/dev/null && {MW} --home {fresh} plan s -o {fresh}/plan.md"
    copier = f"{COPIER} copy --quiet --defaults --data-file {peers}/copier-data.yml {peers}/copier {fresh}/copier"
    a, b = hyperfine("fill", [f"sh -c {q(ours)}", f"sh -c {q(copier)}"], runs, f"rm -rf {fresh}")
    t.ratio("fresh `fill` + `plan` vs `copier copy --defaults --data-file`", a, b, 0.5)
    a, b = hyperfine("help", [f"{MW} --help", f"{CC} --help"], runs)
    t.ratio("`--help` vs `cookiecutter --help`", a, b, 0.3)
    ours_pty = [MW, "--home", str(work / "pty"), "new", "p{n}", "--client", "Wuyi Cliff Tea"]
    cc_pty = [
        CC,
        "--config-file",
        cc_conf,
        "-f",
        "-o",
        str(work / "cc-pty"),
        str(peers / "cookiecutter"),
    ]
    spec = [["What is your business called", [*ours_pty, "--pack", "core"]], [r"\[1/\d+\]", cc_pty]]
    a, b = json_of([VPY, str(BENCH / "first_prompt.py"), str(runs), json.dumps(spec)])
    t.ratio(
        "first question on screen (pty) vs cookiecutter's first prompt",
        (a["cpu"], a["wall"]),
        (b["cpu"], b["wall"]),
        0.5,
    )

    for label, cmd, target_dir in (
        ("fill", f"{MW} --home {work}/g fill {{name}} {{src}}", True),
        ("plan md", f"{MW} --home {home} plan {{name}} -o {work}/out.md", False),
        ("plan html", f"{MW} --home {home} plan {{name}} --format html -o {work}/out.html", False),
    ):
        srcs = {"s1": EXAMPLE, "s10": work / "s10.yaml", "s100": work / "s100.yaml"}
        cmds = {s: cmd.replace("{name}", s).replace("{src}", str(srcs[s])) for s in srcs}
        prep = f"rm -rf {work}/g" if target_dir else None
        print(f"{label} at 1x / 10x: {runs} rounds, at 100x: {big}", file=sys.stderr, flush=True)
        base, x10 = hyperfine(
            f"{label}-10".replace(" ", "-"), [cmds["s1"], cmds["s10"]], runs, prep
        )
        base100, x100 = hyperfine(
            f"{label}-100".replace(" ", "-"), [cmds["s1"], cmds["s100"]], big, prep
        )
        t.ratio(f"`{label}` at 10x vs the tea example", x10, base, 1.3)
        t.ratio(f"`{label}` at 100x vs the tea example", x100, base100, 4)
        mem = peak_mib(shlex.split(cmds["s100"]), 3)
        if target_dir:
            shutil.rmtree(work / "g", ignore_errors=True)
        t.value(f"peak memory, `{label}` at 100x", f"{mem:.0f} MiB", "", "≤ 100 MiB", mem <= 100)

    saves = json_of([VPY, str(BENCH / "autosave.py"), str(home), "s100", "30"])
    small = json_of([VPY, str(BENCH / "autosave.py"), str(home), "s1", "30"])
    t.value(
        "autosave (`SessionStore.save`) per answer at 100x, median of 30",
        f"{med(saves['cpu']) * 1000:.1f} ms",
        f"{med(small['cpu']) * 1000:.1f} ms (tea)",
        "—",
        None,
    )
    sizes = {f: (work / f"s{f}.yaml").stat().st_size // 1024 for f in (10, 100)}
    versions = subprocess.run(
        [str(ENV / "bin" / "pip"), "freeze"], capture_output=True, text=True
    ).stdout
    picked = [
        v for v in versions.splitlines() if v.lower().startswith(("cookiecutter==", "copier=="))
    ]
    hf = subprocess.run(["hyperfine", "--version"], capture_output=True, text=True).stdout.strip()
    print(t.markdown())
    print(
        f"\nMachine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}; {hf}, "
        f"{', '.join(picked)}; {runs} rounds per row ({big} for the 100x rows), medians. "
        f"Sessions: the tea example (29 KB of answers), 10x ({sizes[10]} KiB), 100x "
        f"({sizes[100]} KiB)."
    )


if __name__ == "__main__":
    main()
