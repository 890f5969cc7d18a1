#!/usr/bin/env bash
# Side-by-side benchmark of this crate's solvers and established peers (LEMON, OR-Tools,
# scipy, lap) on the instances of the peer benchmark kit (not part of this crate: found in
# $WUSHE_BENCH_KIT, else next to the repository's parent folder). See README.md here.
#
#   benches/peers/run.sh [--instances DIR] [--only NAME,NAME] [--skip-large] [--runs N]
#                        [--solvers SUBSTR,SUBSTR] [--no-crate] [--out DIR] [--venv DIR]
#                        [--crate-flow-on-asn] [--setup-only]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SHARED="$(cd "${WUSHE_BENCH_KIT:-$(dirname "$REPO")/shared/bench}" 2>/dev/null && pwd || true)"
[ -n "$SHARED" ] && [ -f "$SHARED/gen.py" ] || SHARED="/work/shared/bench"

INSTANCES=""
ONLY=""
SKIP_LARGE=0
RUNS=3
SOLVERS=""
NO_CRATE=0
OUT="$REPO/bench-out/peers"
VENV=""
SETUP_ONLY=0
FLOW_ON_ASN=0

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --skip-large) SKIP_LARGE=1; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --solvers) SOLVERS="$2"; shift 2 ;;
    --no-crate) NO_CRATE=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --venv) VENV="$2"; shift 2 ;;
    --setup-only) SETUP_ONLY=1; shift ;;
    --crate-flow-on-asn) FLOW_ON_ASN=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "--runs needs a positive integer" >&2; exit 2 ;; esac

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
VENV="${VENV:-$REPO/bench-out/peers-venv}"
log() { printf '[peers %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- peers: Python packages in a private venv ------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv $VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
if ! "$PY" -c 'import numpy, scipy, lap, ortools' 2>/dev/null; then
  log "installing numpy (pinned by $SHARED/requirements.txt), ortools, scipy, lap"
  "$PY" -m pip install --quiet --upgrade pip
  "$PY" -m pip install --quiet -r "$SHARED/requirements.txt"
  "$PY" -m pip install --quiet ortools scipy lap
fi

# --- peers: LEMON from the distribution ---------------------------------------------------
if [ ! -f /usr/include/lemon/network_simplex.h ]; then
  log "installing liblemon-dev"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y liblemon-dev >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y liblemon-dev >/dev/null
  }
fi
if [ ! -x /usr/bin/time ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y time >/dev/null
fi
LEMON_BIN="$OUT/lemon_driver"
if [ ! -x "$LEMON_BIN" ] || [ "$HERE/lemon_driver.cpp" -nt "$LEMON_BIN" ]; then
  log "compiling lemon_driver"
  g++ -O2 -std=c++17 -o "$LEMON_BIN" "$HERE/lemon_driver.cpp" -llemon
fi

# --- this crate's `dimacs` example ----------------------------------------------------------
CRATE_BIN=""
if [ "$NO_CRATE" -eq 0 ]; then
  if [ -f "$REPO/examples/dimacs.rs" ]; then
    log "building the crate's dimacs example (release)"
    (cd "$REPO" && cargo build --release --quiet --example dimacs)
  fi
  if [ -x "$REPO/target/release/examples/dimacs" ]; then
    CRATE_BIN="$REPO/target/release/examples/dimacs"
  else
    log "no target/release/examples/dimacs: running the peers only"
  fi
fi

# --- instances ------------------------------------------------------------------------------
if [ -z "$INSTANCES" ]; then
  INSTANCES="$OUT/instances"
  GEN_ARGS=(--out "$INSTANCES")
  [ "$SKIP_LARGE" -eq 1 ] && GEN_ARGS+=(--skip-large)
  [ -n "$ONLY" ] && GEN_ARGS+=(--only "$ONLY")
  log "generating instances into $INSTANCES"
  "$PY" "$SHARED/gen.py" "${GEN_ARGS[@]}" >&2
fi
INSTANCES="$(cd "$INSTANCES" && pwd)"

[ "$SETUP_ONLY" -eq 1 ] && { log "setup done"; exit 0; }

# --- run, one solver process after another ----------------------------------------------------
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
CSV="$OUT/results-$STAMP.csv"
MD="$OUT/results-$STAMP.md"
HARNESS_ARGS=(--instances "$INSTANCES" --runs "$RUNS" --python "$PY" --lemon "$LEMON_BIN"
  --drivers "$HERE" --csv "$CSV")
[ -n "$ONLY" ] && HARNESS_ARGS+=(--only "$ONLY")
[ "$SKIP_LARGE" -eq 1 ] && HARNESS_ARGS+=(--skip-large)
[ -n "$SOLVERS" ] && HARNESS_ARGS+=(--solvers "$SOLVERS")
[ -n "$CRATE_BIN" ] && HARNESS_ARGS+=(--crate "$CRATE_BIN")
[ "$FLOW_ON_ASN" -eq 1 ] && HARNESS_ARGS+=(--crate-flow-on-asn)
"$PY" "$HERE/harness.py" "${HARNESS_ARGS[@]}"
"$PY" "$HERE/table.py" "$CSV" > "$MD"
cp "$CSV" "$OUT/results.csv"
cp "$MD" "$OUT/results.md"
log "wrote $CSV and $MD"
cat "$MD"
