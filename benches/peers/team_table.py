#!/usr/bin/env python3
"""Markdown table of a team.sh run: per instance, HiGHS's optimum and every strategy's gap.

    team_table.py LINES.txt [--runs N] [--time-limit S] [--threads N] [--commit HASH]

LINES.txt holds one `key=value ...` line per solver run, each starting with `instance=NAME
policy=NAME`, then either the `solver=highs ...` line of highs_team.py or the `strategy=NAME
...` line of `examples/problem.rs solve`.
"""

import argparse
import os
import platform
import sys
import time


def parse(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                rows.append(dict(kv.split("=", 1) for kv in line.split()))
    return rows


def number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def grouped(n):
    return f"{n:,}" if n is not None else "–"


def percent(part, whole):
    """`7.13 %`; small nonzero shares keep two significant digits (`0.0016 %`)."""
    if not whole:
        return "–"
    p = 100 * part / whole
    if p == 0 or abs(p) >= 0.01:
        return f"{p:.2f} %"
    return f"{p:.2g} %" if abs(p) >= 0.0001 else ("< 0.0001 %" if p > 0 else "> −0.0001 %")


def ratio(seconds, reference):
    """`1/4,640`, `1/2.5` (faster than the reference) or `×2.0` (slower)."""
    if seconds <= 0 or reference <= 0:
        return "–"
    r = reference / seconds
    if r < 1:
        return f"×{1 / r:.1f}"
    return f"1/{r:.1f}" if r < 10 else f"1/{r:,.0f}"


def table_row(label, r, opt, hsec, weighted):
    """One solver's cells; `opt` is HiGHS's objective, `hsec` its seconds."""
    obj, bound = number(r.get("objective")), number(r.get("bound"))
    sec = float(r.get("seconds", "0"))
    gap = percent(opt - obj, opt) if None not in (opt, obj) else "–"
    excess = percent(bound - opt, opt) if None not in (bound, opt) else "–"
    cells = [label, grouped(obj), gap, grouped(bound), excess]
    if weighted:
        cells.append(grouped(number(r.get("weighted_objective"))))
    cells += [f"{r.get('high_served')} / {r.get('key_served')} / {r.get('general_served')}",
              f"{sec:.3g}", ratio(sec, hsec) if label != "**HiGHS**" else "1"]
    return "| " + " | ".join(cells) + " |"


def instance_table(name, highs, strategies, out):
    opt, bound = number(highs.get("objective")), number(highs.get("bound"))
    proven = highs.get("status") == "optimal"
    hsec = float(highs.get("seconds", "0"))
    weighted = highs.get("tier_bonus") == "yes"
    out.append(f"### {name} (policy {highs.get('policy', 'default')})\n")
    out.append(
        f"HiGHS {highs.get('highs_version', '')}: objective **{grouped(opt)}**, bound "
        f"{grouped(bound)}, status {highs.get('status')}, {hsec:.1f} s "
        f"(+{float(highs.get('build_seconds', 0)):.1f} s to build), {highs.get('nodes')} nodes, "
        f"High-tier served {highs.get('high_served')}, solution verified: "
        f"{highs.get('verified')}. {grouped(number(highs.get('columns')))} columns, "
        f"{grouped(number(highs.get('rows')))} rows."
        + (" (Reused from an earlier run on the same problem file and options.)"
           if highs.get("reused") == "yes" else "") + "\n"
    )
    ref = "optimum" if proven else "best plan (not proven optimal)"
    head = ["strategy", "objective", f"gap to HiGHS's {ref}", "bound", "bound above it"]
    if weighted:
        head.append("weighted objective (no tier bonus)")
    head += ["High / Key / General served", "seconds (median)", "time / HiGHS"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|---|" + "---:|" * (len(head) - 1))
    out.append(table_row("**HiGHS**", highs, opt, hsec, weighted))
    for s in strategies:
        out.append(table_row(s["strategy"], s, opt, hsec, weighted))
    out.append("")


def summary(rows, instances, out):
    """One line per solver, one column per instance: the gap to HiGHS (its objective for it)."""
    highs = {r["instance"]: r for r in rows if r.get("solver") == "highs"}
    names = []
    for r in rows:
        if "strategy" in r and r["strategy"] not in names:
            names.append(r["strategy"])
    out.append("| gap to HiGHS (High-tier served) | " + " | ".join(instances) + " |")
    out.append("|---|" + "---:|" * len(instances))
    cells = []
    for i in instances:
        h = highs.get(i, {})
        cells.append(f"{grouped(number(h.get('objective')))} in {float(h.get('seconds', 0)):.0f} s "
                     f"({h.get('status')}; {h.get('high_served')})")
    out.append("| HiGHS objective | " + " | ".join(cells) + " |")
    for name in names:
        cells = []
        for i in instances:
            s = next((r for r in rows if r["instance"] == i and r.get("strategy") == name), {})
            opt, obj = number(highs.get(i, {}).get("objective")), number(s.get("objective"))
            gap = percent(opt - obj, opt) if None not in (opt, obj) else "–"
            cells.append(f"{gap} ({s.get('high_served', '–')})")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    tier_price(highs, out)


def tier_price(highs, out):
    """Per county, what HiGHS's lexicographic optimum gives up against the weighted optimum."""
    lines = []
    for name, lex in highs.items():
        if lex.get("tier_bonus") != "yes":
            continue
        base = name.split("+")[0]
        plain = next((h for n, h in highs.items()
                      if n.split("+")[0] == base and h.get("tier_bonus") == "no"), None)
        w, lw = number((plain or {}).get("objective")), number(lex.get("weighted_objective"))
        if None in (w, lw):
            continue
        lines.append(f"| {base} | {grouped(w)} ({plain.get('high_served')}) | {grouped(lw)} "
                     f"({lex.get('high_served')}) | {percent(w - lw, w)} |")
    if lines:
        out.append("Price of the lexicographic tier policy (HiGHS's optima of both policies; "
                   "High-tier served in brackets):\n")
        out.append("| county | weighted optimum | weighted objective of the lexicographic "
                   "optimum | price |")
        out.append("|---|---:|---:|---:|")
        out.extend(lines)
        out.append("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lines")
    ap.add_argument("--runs", default="?")
    ap.add_argument("--time-limit", default="?")
    ap.add_argument("--threads", default="?")
    ap.add_argument("--commit", default="unknown")
    args = ap.parse_args()
    rows = parse(args.lines)
    instances = []
    for r in rows:
        if r["instance"] not in instances:
            instances.append(r["instance"])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    out = [
        "# Team problems: the crate's strategies against HiGHS's exact MILP optimum\n",
        f"Written by `benches/peers/team.sh` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
        f"at commit `{args.commit}`; {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{load} at the end. HiGHS: {args.threads} thread(s), time limit {args.time_limit} s, "
        f"`mip_rel_gap` 0; each strategy: {args.threads} thread(s) (`RAYON_NUM_THREADS`), "
        f"median of {args.runs} runs in one process "
        "(`examples/problem.rs solve`), its plan checked by `Problem::check`. Gap = (optimum − "
        "objective) / optimum; bound above it = (bound − optimum) / optimum; time / HiGHS = the "
        "strategy's median solve time over HiGHS's `run()` wall time (building the model and "
        "reading files excluded on both sides).\n",
    ]
    summary(rows, instances, out)
    for name in instances:
        mine = [r for r in rows if r["instance"] == name]
        highs = next((r for r in mine if r.get("solver") == "highs"), None)
        if highs is None:
            print(f"team_table: no HiGHS line for {name}", file=sys.stderr)
            return 1
        instance_table(name, highs, [r for r in mine if "strategy" in r], out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
