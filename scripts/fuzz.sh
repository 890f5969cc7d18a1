#!/usr/bin/env bash
# Runs a fuzz campaign on the stable toolchain: scripts/fuzz.sh TARGET SECONDS [SEED]
# TARGET: scenario_json, dimacs, strategies or csv (built with the feature csv). Failing inputs go to fuzz/findings/.
# Prints executions, rate and failures; exit status 1 when any input failed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
    echo "usage: scripts/fuzz.sh scenario_json|dimacs|strategies|csv SECONDS [SEED]" >&2
    exit 2
fi
cargo build --release --features csv --example fuzz >&2
exec target/release/examples/fuzz "$@"
