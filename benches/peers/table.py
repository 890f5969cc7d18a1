#!/usr/bin/env python3
"""Markdown tables from a harness CSV: per instance every solver's parse and median solve
time, objective, agreement and peak RSS, and for this crate's solvers (peer `wushe`) the
ratio of their median to the fastest peer's median in the same run; then an overview.

    table.py RESULTS.csv > RESULTS.md
"""
from __future__ import annotations

import csv
import os
import platform
import sys
import time

CRATE = "wushe"


def num(x: str):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def cell(x, digits=3):
    v = num(x)
    return "" if v is None else f"{v:.{digits}f}"


def machine() -> list:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return [
        f"- written (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}",
        f"- machine: {os.cpu_count()} CPUs, {cpu or platform.processor()}, load average now {load}",
        f"- python: {platform.python_version()}",
    ]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    instances = list(dict.fromkeys(r["instance"] for r in rows))
    out = ["# Side-by-side: this crate and its peers", ""] + machine() + [""]
    out += [
        "Times in seconds; `solve` is the median of the runs (building the solver's structures "
        "and solving); `x fastest peer` = this crate's median / the fastest peer's median on the "
        "same instance in this run.",
        "",
    ]
    for name in instances:
        group = [r for r in rows if r["instance"] == name]
        peers_ok = [num(r["solve_s_median"]) for r in group if r["peer"] != CRATE and r["status"] == "ok"]
        peers_ok = [t for t in peers_ok if t is not None]
        fastest = min(peers_ok) if peers_ok else None
        out += [f"## {name}", ""]
        out += [
            "| solver | algorithm | parse s | solve s (median) | runs | objective | agree "
            "| peak RSS MiB | x fastest peer | status / note |",
            "|---|---|---:|---:|---:|---:|---|---:|---:|---|",
        ]
        for r in group:
            median = num(r["solve_s_median"])
            if r["peer"] == CRATE and median is not None and fastest:
                ratio = f"{median / fastest:.2f}"
            elif r["peer"] != CRATE and median is not None and median == fastest:
                ratio = "fastest"
            else:
                ratio = ""
            status = r["status"] if r["status"] != "ok" else ""
            note = " - ".join(x for x in (status, r["note"]) if x)
            out.append(
                f"| {r['peer']} | {r['algorithm']} | {cell(r['parse_s'])} | {cell(r['solve_s_median'])} "
                f"| {r['runs']} | {r['objective']} | {r['agree']} | {cell(r['max_rss_mb'], 0)} | {ratio} | {note} |"
            )
        out.append("")
    solvers = list(dict.fromkeys((r["peer"], r["algorithm"]) for r in rows))
    out += ["## Overview (median solve s; `T` timeout, `S` skipped, `E` error, `-` not run)", ""]
    out.append("| instance | " + " | ".join(f"{p}<br>{a}" for p, a in solvers) + " |")
    out.append("|---|" + "---:|" * len(solvers))
    for name in instances:
        cells = []
        for p, a in solvers:
            r = next((r for r in rows if r["instance"] == name and r["peer"] == p and r["algorithm"] == a), None)
            if r is None:
                cells.append("-")
            elif r["status"] == "ok":
                cells.append(cell(r["solve_s_median"]))
            else:
                cells.append({"timeout": "T", "skipped": "S"}.get(r["status"], "E"))
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
