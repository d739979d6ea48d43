#!/usr/bin/env bash
# Whole-process timings of the commands that must feel instant, as medians over several runs.
# Usage: bench/startup.sh [RUNS]   (needs `make test` or `make run` once, for .venv)
# Uses hyperfine when installed (apt-get install hyperfine), else /usr/bin/time in a loop.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
bin=.venv/bin/marketing-wizard
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
"$bin" --home "$home" fill bench examples/tea-brand.yaml >/dev/null

commands=(
  "$bin --help"
  "$bin --home $home sessions"
  "$bin banks list"
  "$bin --home $home plan bench -o /dev/null"
  "$bin --home $home plan bench --format html -o /dev/null"
)

if command -v hyperfine >/dev/null; then
  args=()
  for c in "${commands[@]}"; do args+=("$c"); done
  hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$home/result.md" "${args[@]}" >/dev/null
  # hyperfine reports means; print medians from its JSON as well
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$home/result.json" "${args[@]}" >/dev/null
  python3 - "$home/result.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['median'] * 1000:7.1f} ms  median   {r['command'].split('marketing-wizard', 1)[1].strip()}")
PY
else
  for c in "${commands[@]}"; do
    for _ in $(seq "$runs"); do /usr/bin/time -f "%e" $c >/dev/null 2>>"$home/t" || true; done
    median=$(sort -n "$home/t" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')
    printf '%7.1f ms  median   %s\n' "$median" "${c#*marketing-wizard }"
    : >"$home/t"
  done
fi
