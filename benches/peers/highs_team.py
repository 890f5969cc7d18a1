#!/usr/bin/env python3
"""Solve a dumped wushe team problem exactly, as a MILP, with HiGHS (highspy).

    highs_team.py PROBLEM.json [--time-limit S] [--threads N] [--mip-rel-gap G]
                  [--tiers staged|single] [--log FILE] [--solution-out FILE]

PROBLEM.json is written by `cargo run --release --example problem -- dump ... --out FILE`:
{"format": "wushe-problem", "version": 1, "problem": <Problem>, "tiers": [...],
"communities": [...]}. The MILP is the model of `wushe::problem::Problem` as its doc comment
states it (hard constraints 1-4, objective maximised):

    x_e  integer in [0, max_units_e]        units on candidate edge e
    y_n  binary                             need n served
    core role r of need n:     sum_{e in r} x_e  = demand_r * y_n
    optional role r (only under core_then_optional; under all_or_nothing every role is core):
                               sum_{e in r} x_e <= demand_r * y_n
    provider p:                sum_{e of p} usage_e * x_e <= capacity_p
                               (left out when sum usage_e * max_units_e <= capacity_p)
    shared resource s (hard constraint 5: a person's overlapping time windows, a mentor's
    supervision places):       sum_{draws (e, k) on s} k * x_e <= capacity_s
    one_role_per_need provider p, need n with >= 2 candidate edges E(p, n):
                               at most one e in E(p, n) has x_e > 0, i.e.
                               sum_{e in E(p,n), max_units_e = 1} x_e + sum_{e, max_units_e > 1} z_e <= 1
                               with z_e binary and x_e <= max_units_e * z_e (z only when needed)
    coverage group g (fairness policy), steps s_1 >= s_2 >= ... merged into runs of equal
    steps, one continuous column w_gj in [0, run length] per run:
                               sum_j w_gj <= sum_{n in g} y_n
    maximise                   sum_n value_n * y_n + sum_e score_e * x_e + sum_gj step_gj * w_gj

(x_e <= max_units_e * y_n follows from the role rows; as the steps never increase, the w
columns fill in order and earn exactly the group's reward for its served count.) The whole matrix is built as arrays and
passed in one `addRows` call.

Under the lexicographic tier policy the need values carry tier bonuses (`problem.tier_bonus`)
so large that the one objective spans ten orders of magnitude, which slows HiGHS down (the
default county: 0.4 % gap after 600 s). Its optimum is also the plan that serves the most
High-risk needs, then the most Key needs, then maximises the rest of the objective (the proof is
in wushe's `problem::tiers` docs), so by default (`--tiers staged`) HiGHS solves those three
objectives in turn, each proven maximum of a tier count becoming a row `sum y >= count` of
the next stage, within one time limit for all stages. `--tiers single` solves the one
objective with bonuses instead. HiGHS's primal solution is then rounded and checked again here,
in plain Python integers, against every constraint of the Problem (`verified=yes|no`), and its
objective is recomputed exactly from the rounded values.

Prints one line:

    solver=highs objective=<int> weighted_objective=<int> bound=<int> status=<optimal|time_limit|...>
      seconds=<run wall> high_served=<n> key_served=<n> general_served=<n> verified=<yes|no>
      gap=<rel %> build_seconds=<s> nodes=<n> columns=<n> rows=<n> tier_bonus=<yes|no>
      stages=<name:status:seconds,...> highs_version=<x.y.z>

`objective` is the exact objective of the rounded primal solution (`none` without one);
`weighted_objective` leaves out the tier bonuses of the lexicographic tier policy
(`problem.tier_bonus`; `tier_bonus=yes` when there are any) and the coverage groups' rewards
(`problem.groups`);
`bound` is HiGHS's dual bound rounded to the nearest integer (valid, since every coefficient
is an integer the optimum is too; staged, see `stage_bound`); `seconds` is the wall time of
`Highs.run()` (summed over the stages, listed as `stages=name:status:seconds,...`). Exit status 2
on bad input (one line on stderr).
"""

import argparse
import json
import math
import re
import sys
import time
from dataclasses import dataclass

TIERS = ("high", "key", "general")


class BadInput(Exception):
    """The dump cannot be read or is not a wushe problem."""


@dataclass
class Dump:
    """The tables of a dump (JSON lists as loaded)."""

    needs: list
    roles: list
    providers: list
    edges: list
    tiers: list
    tier_bonus: list  # per need, the lexicographic tier policy's share of its value (or 0)
    groups: list  # coverage groups of a fairness policy: {"needs": [...], "steps": [...]}
    shared: tuple = ((), (), ())  # (resource capacities, per-edge draw offsets, draws)


def load_dump(path):
    try:
        with open(path, "rb") as f:
            dump = json.load(f)
    except (OSError, ValueError) as e:
        raise BadInput(str(e)) from e
    if not isinstance(dump, dict) or dump.get("format") != "wushe-problem":
        raise BadInput("not a wushe-problem dump")
    if dump.get("version") != 1:
        raise BadInput(f"version {dump.get('version')!r}, expected 1")
    problem = dump.get("problem")
    tiers = dump.get("tiers")
    if not isinstance(problem, dict) or not isinstance(tiers, list):
        raise BadInput("missing problem or tiers")
    try:
        needs, roles = problem["needs"], problem["roles"]
        providers, edges = problem["providers"], problem["edges"]
    except KeyError as e:
        raise BadInput(f"problem.{e.args[0]} is missing") from e
    if len(tiers) != len(needs) or any(t not in TIERS for t in tiers):
        raise BadInput(f"tiers must be one of {TIERS} per need")
    tier_bonus = problem.get("tier_bonus") or [0] * len(needs)
    if len(tier_bonus) != len(needs):
        raise BadInput("problem.tier_bonus must have one entry per need")
    groups = problem.get("groups") or []
    if any(len(g.get("needs", ())) != len(g.get("steps", [None])) for g in groups):
        raise BadInput("problem.groups: every group needs one step per need")
    shared = (
        [r["capacity"] for r in problem.get("shared") or []],
        problem.get("edge_shared_start") or [],
        problem.get("shared_uses") or [],
    )
    starts = shared[1]
    if starts and (len(starts) != len(edges) + 1 or starts[-1] != len(shared[2])):
        raise BadInput("problem.edge_shared_start must have one offset per edge, plus one")
    if any(not 0 <= u["resource"] < len(shared[0]) for u in shared[2]):
        raise BadInput("problem.shared_uses names a missing resource")
    return Dump(needs, roles, providers, edges, tiers, tier_bonus, groups, shared)


class Arrays:
    """The problem as numpy arrays (one pass over the JSON lists)."""

    def __init__(self, np, needs, roles, providers, edges):
        self.value = np.array([n["value"] for n in needs], dtype=np.float64)
        self.all_or_nothing = np.array(
            [n["rule"] == "all_or_nothing" for n in needs], dtype=bool
        )
        self.role_need = np.array([r["need"] for r in roles], dtype=np.int64)
        self.demand = np.array([r["demand"] for r in roles], dtype=np.float64)
        optional = np.array([r["optional"] for r in roles], dtype=bool)
        self.role_optional = optional & ~self.all_or_nothing[self.role_need]
        self.capacity = np.array([p["capacity"] for p in providers], dtype=np.float64)
        self.one_role = np.array([p["one_role_per_need"] for p in providers], dtype=bool)
        cols = ("role", "provider", "max_units", "usage_per_unit", "score_per_unit")
        table = np.array([[e[c] for c in cols] for e in edges], dtype=np.int64)
        table = table.reshape(len(edges), len(cols))
        self.edge_role, self.edge_provider = table[:, 0], table[:, 1]
        self.max_units = table[:, 2].astype(np.float64)
        self.usage = table[:, 3].astype(np.float64)
        self.score = table[:, 4].astype(np.float64)
        self.edge_need = self.role_need[self.edge_role]


class Rows:
    """Constraint rows collected as COO triplets, handed to HiGHS in one CSR call."""

    def __init__(self, np):
        self.np = np
        self.count = 0
        self.parts = []  # (row, col, val) arrays
        self.lower, self.upper = [], []

    def add(self, row, col, val, lower, upper):
        """Rows `self.count + row` (row in 0..len(lower)) with entries (col, val)."""
        np = self.np
        self.parts.append((row + self.count, col, np.asarray(val, dtype=np.float64)))
        self.lower.append(np.asarray(lower, dtype=np.float64))
        self.upper.append(np.asarray(upper, dtype=np.float64))
        self.count += len(lower)

    def pass_to(self, h):
        np = self.np
        if self.count == 0:
            return 0
        row = np.concatenate([p[0] for p in self.parts])
        col = np.concatenate([p[1] for p in self.parts])
        val = np.concatenate([p[2] for p in self.parts])
        order = np.argsort(row, kind="stable")
        starts = np.searchsorted(row[order], np.arange(self.count)).astype(np.int32)
        h.addRows(
            self.count,
            np.concatenate(self.lower),
            np.concatenate(self.upper),
            len(val),
            starts,
            col[order].astype(np.int32),
            val[order],
        )
        return self.count


def one_role_pairs(np, a):
    """Edges of one_role_per_need providers grouped by (provider, need), pairs with >= 2 edges.

    Returns (edge indices, pair index per edge, pair count)."""
    edges = np.flatnonzero(a.one_role[a.edge_provider])
    key = a.edge_provider[edges] * (int(a.edge_need.max(initial=0)) + 1) + a.edge_need[edges]
    _, pair, counts = np.unique(key, return_inverse=True, return_counts=True)
    keep = counts[pair] >= 2
    edges, pair = edges[keep], pair[keep]
    _, pair = np.unique(pair, return_inverse=True)
    return edges, pair, int(pair.max(initial=-1)) + 1


def step_runs(np, groups):
    """Each coverage group's steps as runs of equal steps, zero steps left out: returns (group
    per run, run length, step) arrays. A run is one column w in [0, length] earning `step`
    per unit; as the steps never increase, maximising fills the runs in order, so
    `sum_runs step * w` is exactly the group's reward for `sum_runs w <= served in the group`."""
    group, length, step = [], [], []
    for g, steps in enumerate(gr["steps"] for gr in groups):
        k = 0
        while k < len(steps):
            j = k
            while j < len(steps) and steps[j] == steps[k]:
                j += 1
            if steps[k] > 0:
                group.append(g)
                length.append(j - k)
                step.append(steps[k])
            k = j
    return (np.array(group, dtype=np.int64), np.array(length, dtype=np.float64),
            np.array(step, dtype=np.float64))


def shared_draws(shared):
    """The draws as (resource, edge, units per unit of the edge) triples."""
    _, starts, uses = shared
    return [
        (uses[k]["resource"], e, uses[k]["per_unit"])
        for e in range(max(len(starts) - 1, 0))
        for k in range(starts[e], starts[e + 1])
    ]


def build(h, np, highspy, a, groups, shared=((), (), ())):
    """Adds the MILP's columns and rows to `h`. Columns: x (edges), y (needs), z (indicators
    of one_role_per_need edges with max_units > 1), w (coverage-group step runs, continuous).
    Returns (the objective's cost per column, row count)."""
    n_edges, n_needs, n_roles = len(a.max_units), len(a.value), len(a.demand)
    pair_edges, pair, n_pairs = one_role_pairs(np, a)
    z_edges = pair_edges[a.max_units[pair_edges] > 1]  # edges needing an indicator
    run_group, run_length, run_step = step_runs(np, groups)
    n_int = n_edges + n_needs + len(z_edges)
    n_cols = n_int + len(run_step)
    upper = np.concatenate([a.max_units, np.ones(n_needs + len(z_edges)), run_length])
    cost = np.concatenate([a.score, a.value, np.zeros(len(z_edges)), run_step])
    h.addVars(n_cols, np.zeros(n_cols), upper)
    every = np.arange(n_cols, dtype=np.int32)
    h.changeColsCost(n_cols, every, cost)
    integer = np.full(n_int, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    h.changeColsIntegrality(n_int, every[:n_int], integer)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    rows = Rows(np)
    # Team rows: sum x - demand y {=, <=} 0.
    role_lower = np.where(a.role_optional, -math.inf, 0.0)
    rows.add(
        np.concatenate([a.edge_role, np.arange(n_roles)]),
        np.concatenate([np.arange(n_edges), n_edges + a.role_need]),
        np.concatenate([np.ones(n_edges), -a.demand]),
        role_lower,
        np.zeros(n_roles),
    )
    # Capacity rows, only where the edges could exceed the capacity.
    reach = np.bincount(a.edge_provider, a.usage * a.max_units, minlength=len(a.capacity))
    binding = np.flatnonzero(reach > a.capacity)
    slot = np.full(len(a.capacity), -1)
    slot[binding] = np.arange(len(binding))
    on = np.flatnonzero(slot[a.edge_provider] >= 0)
    rows.add(
        slot[a.edge_provider[on]], on, a.usage[on], np.full(len(binding), -math.inf),
        a.capacity[binding],
    )
    # Shared resources: sum per_unit x <= capacity.
    draws = shared_draws(shared)
    if draws:
        resource, edge, per_unit = (np.array(c, dtype=np.int64) for c in zip(*draws))
        rows.add(resource, edge, per_unit.astype(np.float64),
                 np.full(len(shared[0]), -math.inf), np.array(shared[0], dtype=np.float64))
    # One role per need: persons (max_units 1) count themselves, others their indicator z.
    z_col = np.full(n_edges, -1)
    z_col[z_edges] = n_edges + n_needs + np.arange(len(z_edges))
    pair_cols = np.where(z_col[pair_edges] >= 0, z_col[pair_edges], pair_edges)
    rows.add(pair, pair_cols, np.ones(len(pair)), np.full(n_pairs, -math.inf),
             np.ones(n_pairs))
    # x_e - max_units z_e <= 0 for the indicators.
    k = len(z_edges)
    rows.add(
        np.concatenate([np.arange(k), np.arange(k)]),
        np.concatenate([z_edges, z_col[z_edges]]),
        np.concatenate([np.ones(k), -a.max_units[z_edges]]),
        np.full(k, -math.inf),
        np.zeros(k),
    )
    # Coverage groups: sum of a group's runs w <= its served needs.
    member_group = np.array([g for g, gr in enumerate(groups) for _ in gr["needs"]],
                            dtype=np.int64)
    members = np.array([n for gr in groups for n in gr["needs"]], dtype=np.int64)
    rows.add(
        np.concatenate([run_group, member_group]),
        np.concatenate([n_int + np.arange(len(run_step)), n_edges + members]),
        np.concatenate([np.ones(len(run_step)), -np.ones(len(members))]),
        np.full(len(groups), -math.inf),
        np.zeros(len(groups)),
    )
    return cost, rows.pass_to(h)


def group_reward(groups, served):
    """What the coverage groups add: per group, its first k steps for k served needs."""
    return sum(sum(g["steps"][: sum(1 for n in g["needs"] if served[n])]) for g in groups)


def verify(needs, roles, providers, edges, units, served, groups=(), shared=((), (), ())):
    """Checks rounded units and served flags against every hard constraint of the Problem, in
    plain Python integers (independently of the MILP above). Returns (ok, objective, why)."""
    role_units = [0] * len(roles)
    used = [0] * len(providers)
    seen = set()
    for e, (edge, u) in enumerate(zip(edges, units)):
        if u == 0:
            continue
        if not 0 < u <= edge["max_units"]:
            return False, None, f"edge {e}: {u} units outside 0..={edge['max_units']}"
        role_units[edge["role"]] += u
        used[edge["provider"]] += u * edge["usage_per_unit"]
        need = roles[edge["role"]]["need"]
        if providers[edge["provider"]]["one_role_per_need"]:
            if (edge["provider"], need) in seen:
                return False, None, f"provider {edge['provider']} fills two roles of need {need}"
            seen.add((edge["provider"], need))
    for p, (u, provider) in enumerate(zip(used, providers)):
        if u > provider["capacity"]:
            return False, None, f"provider {p}: uses {u} of {provider['capacity']}"
    drawn = [0] * len(shared[0])
    for resource, e, per_unit in shared_draws(shared):
        drawn[resource] += units[e] * per_unit
    for r, (u, capacity) in enumerate(zip(drawn, shared[0])):
        if u > capacity:
            return False, None, f"shared resource {r}: uses {u} of {capacity}"
    for r, role in enumerate(roles):
        need = needs[role["need"]]
        optional = role["optional"] and need["rule"] == "core_then_optional"
        u, d = role_units[r], role["demand"]
        if not served[role["need"]]:
            ok = u == 0
        else:
            ok = u <= d if optional else u == d
        if not ok:
            return False, None, f"role {r}: {u} units, demand {d}, served {served[role['need']]}"
    objective = sum(n["value"] for n, s in zip(needs, served) if s)
    objective += sum(u * e["score_per_unit"] for e, u in zip(edges, units) if u)
    return True, objective + group_reward(groups, served), ""


def status_name(status):
    """`HighsModelStatus.kTimeLimit` -> `time_limit`."""
    name = str(status).rsplit(".", 1)[-1].removeprefix("k")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def stage_objectives(np, a, dump, cost):
    """The objectives of the staged solve under the lexicographic tier policy: the High
    count, the Key count, then the objective without tier bonuses (`name, cost, tier counted
    or None`). `cost` is the problem's objective per column."""
    n_edges, n_needs = len(a.max_units), len(a.value)
    tiers = np.array(dump.tiers)
    stages = []
    for tier in ("high", "key"):
        count = np.zeros(len(cost))
        count[n_edges: n_edges + n_needs] = tiers == tier
        stages.append((tier, count, tier))
    rest = cost.copy()
    rest[n_edges: n_edges + n_needs] -= np.array(dump.tier_bonus, dtype=np.float64)
    stages.append(("weighted", rest, None))
    return stages


def run_stages(h, np, a, dump, options, cost):
    """Solves once with the problem's objective, or (the lexicographic tier policy with
    `--tiers staged`) stage by stage, each stage's optimum becoming a row of the next.

    Returns (stage reports `(name, status, seconds, dual bound)`, whether every stage is
    proven optimal)."""
    n_cols = len(cost)
    every = np.arange(n_cols, dtype=np.int32)
    staged = options.tiers == "staged" and any(dump.tier_bonus)
    stages = stage_objectives(np, a, dump, cost) if staged else [("single", None, None)]
    deadline = time.perf_counter() + options.time_limit
    reports, optimal = [], False
    for name, stage_cost, tier in stages:
        if stage_cost is not None:
            h.changeColsCost(n_cols, every, stage_cost)
        h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.001))
        started = time.perf_counter()
        h.run()
        status = status_name(h.getModelStatus())
        reports.append((name, status, time.perf_counter() - started, h.getInfo().mip_dual_bound))
        optimal = status == "optimal"
        if not optimal:
            break
        if tier is not None:
            # The tier count is an integer: fix it at its proven maximum for the next stages.
            best = math.floor(h.getInfo().objective_function_value + 0.5)
            cols = np.flatnonzero(stage_cost > 0).astype(np.int32)
            h.addRow(best, math.inf, len(cols), cols, np.ones(len(cols)))
            h.setSolution(h.getSolution())
    return reports, optimal


def solve(dump, options):
    """Builds and solves the MILP of `dump` (as `load_dump` returns it); returns the report
    line's fields in order, and why the solution failed verification ("" when it passed)."""
    import numpy as np
    import highspy

    needs, roles, providers, edges = dump.needs, dump.roles, dump.providers, dump.edges
    started = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(options.log))
    if options.log:
        h.setOptionValue("log_to_console", False)
        h.setOptionValue("log_file", options.log)
    h.setOptionValue("threads", options.threads)
    h.setOptionValue("mip_rel_gap", options.mip_rel_gap)
    try:
        a = Arrays(np, needs, roles, providers, edges)
    except (KeyError, TypeError, ValueError) as e:
        raise BadInput(f"malformed problem ({e!r})") from e
    cost, n_rows = build(h, np, highspy, a, dump.groups, dump.shared)
    build_seconds = time.perf_counter() - started

    reports, optimal = run_stages(h, np, a, dump, options, cost)
    info = h.getInfo()
    line = {"solver": "highs", "objective": "none", "weighted_objective": "none",
            "bound": "none", "status": reports[-1][1],
            "seconds": f"{sum(r[2] for r in reports):.3f}"}
    counts = dict.fromkeys(TIERS, 0)
    verified, why, bonus = "no", "no primal solution", None
    if info.primal_solution_status == int(highspy.SolutionStatus.kSolutionStatusFeasible):
        values = np.asarray(h.getSolution().col_value)
        units = [int(u) for u in np.rint(values[: len(edges)])]
        served = [bool(s) for s in np.rint(values[len(edges): len(edges) + len(needs)]) > 0]
        ok, objective, why = verify(needs, roles, providers, edges, units, served, dump.groups,
                                    dump.shared)
        verified = "yes" if ok else "no"
        line["objective"] = objective if ok else f"{info.objective_function_value:.1f}"
        if ok:
            bonus = sum(b for b, s in zip(dump.tier_bonus, served) if s)
            line["weighted_objective"] = objective - bonus - group_reward(dump.groups, served)
        for tier, s in zip(dump.tiers, served):
            counts[tier] += s
        if options.solution_out:
            uses = [{"edge": e, "units": u} for e, u in enumerate(units) if u]
            with open(options.solution_out, "w") as f:
                json.dump({"uses": uses, "served": served}, f)
    line["bound"] = stage_bound(reports, optimal, line["objective"], bonus)
    line.update({f"{t}_served": counts[t] for t in TIERS})
    line["verified"] = verified
    line["gap"] = f"{100 * info.mip_gap:.4f}" if math.isfinite(info.mip_gap) else "inf"
    line.update(build_seconds=f"{build_seconds:.3f}", nodes=info.mip_node_count,
                columns=len(cost), rows=n_rows, tier_bonus="yes" if any(dump.tier_bonus) else "no",
                stages=",".join(f"{n}:{st}:{sec:.1f}s" for n, st, sec, _ in reports),
                highs_version=h.version())
    return line, why


def stage_bound(reports, optimal, objective, bonus):
    """A valid upper bound on the problem's optimum, rounded to an integer (`none` when the
    run gives none). Single solve: HiGHS's dual bound. Staged: the objective when every
    stage is optimal; when only the last stage is not, the plan's tier bonuses `bonus` (fixed
    by the earlier stages) plus that stage's dual bound; otherwise none."""
    name, _, _, dual = reports[-1]
    if not math.isfinite(dual):
        return "none"
    if name == "single":
        return math.floor(dual + 0.5)
    if not isinstance(objective, int) or bonus is None:
        return "none"
    if optimal:
        return objective
    return bonus + math.floor(dual + 0.5) if name == "weighted" else "none"


def options_parser():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("problem", help="a dump written by `examples/problem.rs dump`")
    ap.add_argument("--time-limit", type=float, default=600.0, help="seconds (default 600)")
    ap.add_argument("--threads", type=int, default=1, help="HiGHS threads (default 1)")
    ap.add_argument("--mip-rel-gap", type=float, default=0.0,
                    help="relative gap at which HiGHS stops (default 0: prove the optimum)")
    ap.add_argument("--tiers", choices=("staged", "single"), default="staged",
                    help="with tier bonuses (lexicographic policy): solve High count, Key count, "
                    "then the weighted objective in turn (staged, default), or the one objective "
                    "with bonuses (single)")
    ap.add_argument("--log", help="write HiGHS's log to this file (default: no log)")
    ap.add_argument("--solution-out", help="write the rounded solution as wushe Solution JSON")
    return ap


def main():
    options = options_parser().parse_args()
    try:
        line, why = solve(load_dump(options.problem), options)
    except BadInput as e:
        print(f"error: {options.problem}: {e}", file=sys.stderr)
        return 2
    print(" ".join(f"{k}={v}" for k, v in line.items()), flush=True)
    if why:
        print(f"highs_team: not verified: {why}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
