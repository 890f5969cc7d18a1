#!/usr/bin/env bash
# Team problems against an exact MILP: HiGHS and every strategy of the crate on the same
# compiled problems (the default county, seeds 1 and 2 at default size). See README.md here.
#
#   benches/peers/team.sh [--policy POLICY.json] [--time-limit S] [--threads N] [--runs N]
#                         [--only default,seed1] [--out DIR] [--problems DIR] [--results FILE]
#                         [--reuse-highs]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

POLICY=""
TIME_LIMIT=600
THREADS=1
RUNS=3
ONLY=""
OUT="$REPO/bench-out/team"
PROBLEMS=""
RESULTS="$HERE/RESULTS-team.md"
REUSE=0

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --policy) POLICY="$2"; shift 2 ;;
    --time-limit) TIME_LIMIT="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --problems) PROBLEMS="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    --reuse-highs) REUSE=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
for n in "$RUNS" "$THREADS"; do
  case "$n" in ''|*[!0-9]*|0) echo "--runs and --threads need positive integers" >&2; exit 2 ;; esac
done
if [ -n "$POLICY" ]; then
  [ -f "$POLICY" ] || { echo "--policy: no file $POLICY" >&2; exit 2; }
  POLICY="$(cd "$(dirname "$POLICY")" && pwd)/$(basename "$POLICY")"
fi

mkdir -p "$OUT/logs"
OUT="$(cd "$OUT" && pwd)"
PROBLEMS="${PROBLEMS:-$OUT/problems}"
mkdir -p "$PROBLEMS"
log() { printf '[team %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- HiGHS in a private venv ------------------------------------------------------------------
VENV="$HERE/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv $VENV"
  python3 -m venv "$VENV" 2>/dev/null || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y python3-venv >/dev/null 2>&1 || {
      $SUDO apt-get update >/dev/null
      $SUDO apt-get install -y python3-venv >/dev/null
    }
    python3 -m venv "$VENV"
  }
fi
PY="$VENV/bin/python"
if ! "$PY" -c 'import highspy, numpy' 2>/dev/null; then
  log "installing highspy"
  "$PY" -m pip install --quiet --upgrade pip
  "$PY" -m pip install --quiet highspy
fi
log "self-test: HiGHS model against brute force on small problems"
"$PY" "$HERE/highs_team_test.py" | grep -v '^Running HiGHS\|^Includes third' >&2

# --- the crate's `problem` example ------------------------------------------------------------
log "building the crate's problem example (release)"
(cd "$REPO" && cargo build --release --quiet --example problem)
BIN="$REPO/target/release/examples/problem"
mapfile -t STRATEGIES < <("$BIN" strategies)

# --- instances: name and generator arguments ----------------------------------------------------
INSTANCES=("default:" "seed1:--seed 1" "seed2:--seed 2")
POLICIES=("default:")
[ -n "$POLICY" ] && POLICIES+=("$(basename "$POLICY" .json):--policy $POLICY")

RAW="$OUT/team-lines.txt"
CACHE="$OUT/highs-lines.txt"  # every HiGHS line, keyed by problem file hash and options
: > "$RAW"
for instance in "${INSTANCES[@]}"; do
  name="${instance%%:*}"
  if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  for policy in "${POLICIES[@]}"; do
    pname="${policy%%:*}"
    label="$name"; [ "$pname" != default ] && label="$name+$pname"
    file="$PROBLEMS/$label.json"
    # shellcheck disable=SC2086 # the generator arguments are words
    "$BIN" dump ${instance#*:} ${policy#*:} --out "$file" 2>> "$OUT/logs/$label.dump.log"
    key="sha=$(sha256sum "$file" | cut -c1-16) time_limit=$TIME_LIMIT threads=$THREADS"
    if [ "$REUSE" -eq 1 ] && line="$(grep -F "$key " "$CACHE" 2>/dev/null | tail -n 1)"; then
      log "$label: HiGHS's line reused from $CACHE"
      line="${line#"$key "} reused=yes"
    else
      log "$label: HiGHS (time limit $TIME_LIMIT s, $THREADS thread(s))"
      line="$("$PY" "$HERE/highs_team.py" "$file" --time-limit "$TIME_LIMIT" --threads "$THREADS" \
        --log "$OUT/logs/$label.highs.log" | grep '^solver=')"
      echo "$key $line" >> "$CACHE"
    fi
    echo "instance=$label policy=$pname $line" | tee -a "$RAW" >&2
    for s in "${STRATEGIES[@]}"; do
      line="$(RAYON_NUM_THREADS="$THREADS" "$BIN" solve "$file" --strategy "$s" --runs "$RUNS")"
      echo "instance=$label policy=$pname $line" | tee -a "$RAW" >&2
    done
  done
done

"$PY" "$HERE/team_table.py" "$RAW" --runs "$RUNS" --time-limit "$TIME_LIMIT" \
  --threads "$THREADS" --commit "$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  > "$RESULTS"
log "wrote $RESULTS (raw lines in $RAW, problems in $PROBLEMS, HiGHS logs in $OUT/logs)"
cat "$RESULTS"
