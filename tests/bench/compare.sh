#!/usr/bin/env bash
# Before/after in one run: exports two commits side by side (node_modules hard-linked) and runs a bench
# script in each, alternating, RUNS times; the machine's load falls on both alike. Prints each run's last
# JSON line, labelled, then the medians of every numeric field (tests/bench/medians.ts).
#   tests/bench/compare.sh BEFORE AFTER [RUNS=3] [SCRIPT=tests/bench/bench.ts]
set -euo pipefail
before=$1 after=$2 runs=${3:-3} script=${4:-tests/bench/bench.ts}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/retireone-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT
declare -A flags
for rev in "$before" "$after"; do
  mkdir -p "$work/$rev"
  git -C "$root" archive "$rev" | tar -x -C "$work/$rev"
  cp -al "$root/node_modules" "$work/$rev/node_modules"
  # The V8 settings that commit runs the embedded hosting with (none before infra/local/node-flags.ts).
  flags[$rev]=$(cd "$work/$rev" && node -e "import('./infra/local/node-flags.ts').then((m) => console.log(m.EMBEDDED_NODE_FLAGS.join(' ')), () => {})")
done
out="$work/results.jsonl"
for i in $(seq 1 "$runs"); do
  for rev in "$before" "$after"; do
    echo "[compare] run $i of $rev" >&2
    # shellcheck disable=SC2086 # the flags are words
    line=$(cd "$work/$rev" && node ${flags[$rev]} "$script" 2>"$work/$rev.stderr.$i" | tail -1) || { tail -20 "$work/$rev.stderr.$i" >&2; exit 1; }
    echo "{\"rev\":\"$rev\",\"run\":$i,\"result\":$line}" | tee -a "$out"
  done
done
node "$root/tests/bench/medians.ts" < "$out"
