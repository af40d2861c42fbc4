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
ours=$(.build/release/platform-sim-bench mmc "$@")
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
