"""Time one autosave (``SessionStore.save``) of a session, through the product's Python API.

Usage: python bench/autosave.py HOME SESSION RUNS

Loads the session once, then saves it RUNS times (as the wizard does after every answer) and
prints one JSON object: {"wall": [...], "cpu": [...]}, seconds per save.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from wizard.store import SessionStore


def main() -> None:
    home, name, runs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = SessionStore(home)
    session = store.load(name)
    store.save(session)  # warm up
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        store.save(session)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    print(json.dumps({"wall": wall, "cpu": cpu}))


if __name__ == "__main__":
    main()
