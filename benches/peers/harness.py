#!/usr/bin/env python3
"""Runs every solver on every instance, one fresh process after another, and writes a CSV
with the result columns of README.md here. Called by run.sh.

Each solver process speaks the timing protocol of README.md here (INFO / PARSE / RUN / DONE /
ERROR) and runs under /usr/bin/time for its peak RSS. Caps as for the published peers: a series stops
after a run longer than 60 s, a run (or the parse) longer than 300 s is killed (`timeout`),
and a solver is skipped on a larger instance of a family when it timed out on a smaller one
or when its smaller-instance median scaled by the arc-count ratio already exceeds 300 s.
"""
from __future__ import annotations

import argparse
import csv
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

# The caps; the environment may lower them to test the harness quickly.
SERIES_CAP_S = float(os.environ.get("PEERS_SERIES_CAP_S", "60"))
KILL_CAP_S = float(os.environ.get("PEERS_KILL_CAP_S", "300"))
COLUMNS = [
    "instance", "peer", "algorithm", "parse_s", "solve_s_median", "objective", "runs", "status",
    "solve_s_all", "max_rss_mb", "input_file", "peer_version", "agree", "measured_at", "note",
]


@dataclass
class Solver:
    peer: str
    algorithm: str
    files: dict  # family ("asn" | "min") -> file extension to read
    command: list  # argv prefix; FILE and the runs are appended by `argv`
    kind: str  # "python" | "lemon" | "crate"

    def argv(self, path: str, runs: int) -> list:
        if self.kind == "lemon":
            return self.command + [path, str(runs)]
        if self.kind == "crate":
            return self.command[:2] + [path] + self.command[2:] + ["--runs", str(runs)]
        return self.command + [path, "--runs", str(runs)]


def peer_solvers(python: str, drivers: str, lemon: str) -> list:
    py = [python, os.path.join(drivers, "py_driver.py")]
    out = [
        Solver("scipy", "linear_sum_assignment", {"asn": ".mat"}, py + ["scipy:linear_sum_assignment"], "python"),
        Solver("lap", "lapjv", {"asn": ".mat"}, py + ["lap:lapjv"], "python"),
        Solver("ortools", "LinearSumAssignment", {"asn": ".mat"}, py + ["ortools:LinearSumAssignment"], "python"),
        Solver("ortools", "SimpleMinCostFlow", {"asn": ".mat", "min": ".min"}, py + ["ortools:SimpleMinCostFlow"], "python"),
    ]
    for algorithm in ("NetworkSimplex", "CostScaling", "CapacityScaling"):
        out.append(Solver("lemon", algorithm, {"asn": ".asn", "min": ".min"}, [lemon, algorithm], "lemon"))
    return out


def crate_solvers(binary: str, flow_on_asn: bool) -> list:
    """Reads `dimacs algorithms` (lines `min NAME` / `asn NAME`). `min` algorithms read `.min`
    files, and with `flow_on_asn` also the `.asn` files (as LEMON and OR-Tools' flow solver do)."""
    try:
        listing = subprocess.run([binary, "algorithms"], capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError) as e:
        print(f"[harness] cannot list the crate's algorithms ({e}); skipping the crate", file=sys.stderr)
        return []
    out = []
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) != 2 or parts[0] not in ("min", "asn"):
            continue
        family, name = parts
        files = {"asn": ".asn"} if family == "asn" else {"min": ".min"}
        if family == "min" and flow_on_asn:
            files["asn"] = ".asn"
        out.append(Solver("wushe", name, files, [binary, "solve", "--algorithm", name], "crate"))
    return out


FAMILIES = ["asn", "netgen", "grid", "goto", "road", "escalation", "transport", "mcf"]


def instance_order(name: str):
    """Families in the order of FAMILIES, then by size (S, M, L or the assignment side)."""
    m = re.fullmatch(r"asn_n(\d+)", name)
    if m:
        return (0, int(m.group(1)), name)
    family, _, size = name.rpartition("_")
    rank = FAMILIES.index(family) if family in FAMILIES else len(FAMILIES)
    return (rank, {"S": 0, "M": 1, "L": 2}.get(size, 9), name)


def is_large(name: str) -> bool:
    return name.endswith("_L") or name == "asn_n4000"


def discover(directory: str, only: set, skip_large: bool) -> list:
    names = set()
    for f in os.listdir(directory):
        stem, ext = os.path.splitext(f)
        if (ext in (".asn", ".mat") and stem.startswith("asn_")) or ext == ".min":
            names.add(stem)
    if only:
        names &= only
    if skip_large:
        names = {n for n in names if not is_large(n)}
    return sorted(names, key=instance_order)


def arc_count(path: str) -> int:
    with open(path, "rb") as f:
        for raw in f:
            tokens = raw.split()
            if path.endswith(".mat"):
                return int(tokens[0]) * int(tokens[1])
            if tokens and tokens[0] == b"p":
                return int(tokens[3])
    return 0


@dataclass
class Outcome:
    parse: float | None = None
    runs: list = field(default_factory=list)  # (seconds, objective)
    version: str = ""
    status: str = "ok"
    note: str = ""
    rss_mb: float | None = None


def child_pids(pid: int) -> list:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def kill_solver(proc: subprocess.Popen) -> None:
    """Kills the solver under /usr/bin/time (so time still reports the RSS), else the group."""
    kids = child_pids(proc.pid)
    for pid in kids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if not kids:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_one(argv: list, runs: int) -> Outcome:
    out = Outcome()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", rss.name] + argv,
            stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True,
        )
        lines: queue.Queue = queue.Queue()

        def pump():
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        last_event = time.monotonic()
        done = False
        while True:
            remaining = KILL_CAP_S - (time.monotonic() - last_event)
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                kill_solver(proc)
                what = "parse" if out.parse is None else f"run {len(out.runs) + 1}"
                out.status, out.note = "timeout", f"{what} exceeded {KILL_CAP_S:.0f} s"
                break
            if line is None:
                break
            last_event = time.monotonic()
            tokens = line.split()
            if not tokens:
                continue
            if tokens[0] == "INFO":
                for t in tokens[1:]:
                    if t.startswith("version="):
                        out.version = t[len("version="):]
            elif tokens[0] == "PARSE" and len(tokens) == 2:
                out.parse = float(tokens[1])
            elif tokens[0] == "RUN" and len(tokens) == 4:
                seconds = float(tokens[2])
                out.runs.append((seconds, int(tokens[3])))
                if seconds > SERIES_CAP_S and len(out.runs) < runs:
                    kill_solver(proc)
                    n = len(out.runs)
                    out.note = f"{n} run{'s' if n > 1 else ''} only: run {n} > {SERIES_CAP_S:.0f} s"
                    done = True
                    break
            elif tokens[0] == "DONE":
                done = True
            elif tokens[0] == "ERROR":
                out.status, out.note = "error", line.strip()[len("ERROR "):][:200]
        rc = proc.wait()
        rss.seek(0)
        numbers = re.findall(r"^\d+$", rss.read(), re.M)
        out.rss_mb = int(numbers[-1]) / 1024 if numbers else None
        if out.status == "ok" and not done:
            err.seek(0)
            tail = " ".join(err.read().split())[-200:]
            out.status, out.note = "error", f"exit {rc} before DONE: {tail}"
        if out.status == "ok" and not out.runs:
            out.status, out.note = "error", "no RUN line"
        objectives = {o for _, o in out.runs}
        if out.status == "ok" and len(objectives) > 1:
            out.note = (out.note + "; " if out.note else "") + f"objectives differ between runs: {sorted(objectives)}"
    return out


def now_utc() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def fmt(x, digits=6):
    return "" if x is None else f"{x:.{digits}f}"


def mark_agreement(rows: list) -> None:
    by_instance = {}
    for r in rows:
        if r["status"] == "ok" and r["objective"] != "":
            by_instance.setdefault(r["instance"], []).append(r)
    for ok in by_instance.values():
        values = {int(r["objective"]) for r in ok}
        low = min(values)
        for r in ok:
            if len(values) == 1:
                r["agree"] = "yes"
            else:
                r["agree"] = "NO(min)" if int(r["objective"]) == low else "NO"


def write_csv(path: str, rows: list) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--instances", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated instance names")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--solvers", default="", help="comma-separated substrings of 'peer/algorithm'")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--drivers", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--lemon", required=True)
    ap.add_argument("--crate", default="")
    ap.add_argument("--crate-flow-on-asn", action="store_true", help="run the crate's min algorithms on .asn too")
    ap.add_argument("--csv", required=True)
    args = ap.parse_args()

    solvers = peer_solvers(args.python, args.drivers, args.lemon)
    if args.crate:
        solvers += crate_solvers(args.crate, args.crate_flow_on_asn)
    if args.solvers:
        wanted = [s.strip().lower() for s in args.solvers.split(",") if s.strip()]
        solvers = [s for s in solvers if any(w in f"{s.peer}/{s.algorithm}".lower() for w in wanted)]
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    instances = discover(args.instances, only, args.skip_large)
    if not instances:
        sys.exit(f"no instances in {args.instances}")

    rows = []
    # Per (solver, family): timed out before, and (arcs, median) of the last success.
    history: dict = {}
    for name in instances:
        family = "asn" if name.startswith("asn") else "min"
        for s in solvers:
            ext = s.files.get(family)
            path = os.path.join(args.instances, name + ext) if ext else None
            if not path or not os.path.exists(path):
                continue
            # Skips scale within a family of instances (netgen_S -> netgen_M), never across.
            key = (s.peer, s.algorithm, "asn" if family == "asn" else name.rpartition("_")[0])
            arcs = arc_count(path)
            row = {c: "" for c in COLUMNS}
            row.update(instance=name, peer=s.peer, algorithm=s.algorithm, input_file=f"instances/{name}{ext}")
            past = history.get(key, {})
            skip = ""
            if past.get("timed_out"):
                skip = "skipped: timed out on a smaller instance"
            elif past.get("last"):
                last_arcs, last_median, last_name = past["last"]
                estimate = last_median * arcs / max(last_arcs, 1)
                if estimate > KILL_CAP_S:
                    skip = f"skipped: {last_name} time scaled by arcs = {estimate:.0f} s > {KILL_CAP_S:.0f} s"
            if skip:
                row.update(status="skipped", runs=0, note=skip, measured_at=now_utc())
                print(f"[harness] {name} {s.peer}/{s.algorithm}: {skip}", file=sys.stderr)
                rows.append(row)
                write_csv(args.csv, rows)
                continue
            print(f"[harness] {name} {s.peer}/{s.algorithm} ...", file=sys.stderr, flush=True)
            out = run_one(s.argv(path, args.runs), args.runs)
            times = [t for t, _ in out.runs]
            median = statistics.median(times) if times and out.status == "ok" else None
            row.update(
                parse_s=fmt(out.parse),
                solve_s_median=fmt(median),
                objective=str(out.runs[-1][1]) if out.runs and out.status == "ok" else "",
                runs=len(out.runs) if out.status == "ok" else 0,
                status=out.status,
                solve_s_all=";".join(f"{t:.6f}" for t in times) if out.status == "ok" else "",
                max_rss_mb=fmt(out.rss_mb, 1),
                peer_version=out.version,
                measured_at=now_utc(),
                note=out.note,
            )
            if out.status == "timeout":
                history.setdefault(key, {})["timed_out"] = True
            elif median is not None:
                history.setdefault(key, {})["last"] = (arcs, median, name)
            print(
                f"[harness]   {out.status} parse={fmt(out.parse, 3)} median={fmt(median, 3)} "
                f"objective={row['objective']} rss={fmt(out.rss_mb, 0)} MiB {out.note}",
                file=sys.stderr, flush=True,
            )
            rows.append(row)
            write_csv(args.csv, rows)
    mark_agreement(rows)
    write_csv(args.csv, rows)


if __name__ == "__main__":
    main()
