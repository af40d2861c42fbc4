#!/usr/bin/env bash
# Runs the M/M/c benchmark on our kernel and on the SimPy peer baseline with the same flags, one
# after the other on this machine, and prints both JSON lines and the throughput ratio.
#   Benchmarks/compare-simpy.sh [--customers N] [--servers C] [--rho R] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."
peer=${PEER:-../shared/bench/peers/mmc_simpy.py}
python3 -c 'import simpy, sys; sys.exit(simpy.__version__ != "4.1.2")' 2>/dev/null \
  || pip install --quiet simpy==4.1.2
swift build -c release --product platform-sim-bench >&2
# Ours runs five times and the median line is kept: one run is a fraction of a second, so a
# single one is at the mercy of whatever else the machine does in that moment; SimPy's one run
# is long enough to average that out by itself.
ours=$(for _ in 1 2 3 4 5; do .build/release/platform-sim-bench mmc "$@"; done \
  | python3 -c 'import sys, json; lines = sorted(sys.stdin, key=lambda l: json.loads(l)["customers_per_s"]); print(lines[2], end="")')
theirs=$(python3 "$peer" "$@")
echo "$ours"
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = (json.loads(line) for line in sys.argv[1:3])
ratio = ours["customers_per_s"] / theirs["customers_per_s"]
print(json.dumps({"comparison": "customers_per_s ours / simpy", "ratio": round(ratio, 1),
                  "ours_mean_wait_error": round(ours["mean_wait"] / ours["erlang_c_wait"] - 1, 5)}))
PY
