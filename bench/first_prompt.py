"""Time from spawn to the first question on screen, in a pseudo-terminal.

Usage: python bench/first_prompt.py RUNS SPEC_JSON

SPEC_JSON is a list of [PATTERN, [COMMAND, ARGS...]]. Runs each command RUNS times under
pexpect (a 120x40 pty), the commands alternating (A B A B ...; one uncounted warm-up round
first), and for each run records the wall time from spawn until PATTERN (a regular expression)
appears in its output, and the CPU time (user + sys, from /proc/PID/stat, 10 ms ticks) the
process had used by then. Prints a JSON list, per command {"wall": [...], "cpu": [...]} in
seconds. The process is killed after each run; a ``{n}`` in an argument becomes the run's number
(for a fresh session name or output folder).
"""

from __future__ import annotations

import json
import os
import sys
import time

import pexpect

TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def main() -> None:
    runs, spec = int(sys.argv[1]), json.loads(sys.argv[2])
    results: list[dict[str, list[float]]] = [{"wall": [], "cpu": []} for _ in spec]
    for n in range(runs + 1):  # round 0 warms the caches and is not counted
        for (pattern, command), result in zip(spec, results, strict=True):
            args = [a.replace("{n}", str(n)) for a in command]
            start = time.perf_counter()
            child = pexpect.spawn(args[0], args[1:], encoding="utf-8", dimensions=(40, 120))
            child.expect(pattern, timeout=60)
            took = time.perf_counter() - start
            used = cpu_of(child.pid)
            child.terminate(force=True)
            child.close()
            if n:
                result["wall"].append(took)
                result["cpu"].append(used)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
