#!/usr/bin/env python3
"""Self-test of highs_team.py: on random tiny problems, HiGHS's optimum must equal brute force.

    highs_team_test.py [--cases N] [--seed S] [-- HIGHS_TEAM_OPTIONS]

Eight hand-made cases each need one constraint or objective term right. Each random case is
a Problem with 1-3 needs (both team rules, optional roles), persons and divisible providers
(one_role_per_need with max_units > 1 too, which needs the indicator rows), tight capacities,
negative scores, and sometimes coverage groups (fairness), lexicographic tier bonuses and
shared resources (time windows, supervision places).
Brute force enumerates every assignment of units and served flags and keeps the best one that
`verify` accepts; HiGHS must reach its objective, bound and weighted objective, and its plan
must pass `verify`. Exit status 1 on the first disagreement (the case is printed).
"""

import argparse
import itertools
import json
import os
import random
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import highs_team  # noqa: E402


def problem_dump(needs, roles, providers, edges, rng):
    """A dump around hand-made or random tables (edges sorted by role, then provider)."""
    edges.sort(key=lambda e: (e["role"], e["provider"]))
    start = [0]
    for r in range(len(roles)):
        start.append(start[-1] + sum(1 for x in edges if x["role"] == r))
    problem = {"needs": needs, "roles": roles, "providers": providers, "edges": edges,
               "role_edge_start": start, "need_ids": list(range(len(needs))),
               "provider_ids": [{"volunteer": p} for p in range(len(providers))]}
    tiers = [rng.choice(highs_team.TIERS) for _ in needs]
    return {"format": "wushe-problem", "version": 1, "problem": problem, "tiers": tiers,
            "communities": [1] * len(needs)}


def need(value, rule, first, count):
    return {"value": value, "rule": rule, "first_role": first, "role_count": count}


def role(n, t, demand, optional=False):
    return {"need": n, "team_index": t, "kind": "volunteers", "demand": demand,
            "optional": optional}


def provider(capacity, one_role):
    return {"capacity": capacity, "one_role_per_need": one_role}


def edge(r, p, max_units, usage=1, score=0):
    return {"role": r, "provider": p, "max_units": max_units, "usage_per_unit": usage,
            "score_per_unit": score}


def hand_cases(rng):
    """Cases that each need one constraint right (brute force decides the answer)."""
    both = "core_then_optional"
    return [
        # A one-role provider with 2 units for one role and an edge to the other role of the
        # same need: it must give both units to the first role (indicator rows).
        problem_dump([need(10, "all_or_nothing", 0, 2)], [role(0, 0, 2), role(0, 1, 1)],
                     [provider(5, True), provider(1, True)],
                     [edge(0, 0, 2), edge(1, 0, 1), edge(1, 1, 1)], rng),
        # The same provider may not fill both roles of a need.
        problem_dump([need(10, "all_or_nothing", 0, 2)], [role(0, 0, 1), role(0, 1, 1)],
                     [provider(5, True)], [edge(0, 0, 1), edge(1, 0, 1)], rng),
        # An optional role may stay empty; a positive score fills it.
        problem_dump([need(10, both, 0, 2)], [role(0, 0, 1), role(0, 1, 2, optional=True)],
                     [provider(5, True), provider(5, True)],
                     [edge(0, 0, 1), edge(1, 1, 1, score=3)], rng),
        # Under all_or_nothing an "optional" role is core: unfillable, so nothing is served.
        problem_dump([need(10, "all_or_nothing", 0, 2)],
                     [role(0, 0, 1), role(0, 1, 1, optional=True)],
                     [provider(5, True)], [edge(0, 0, 1, score=4)], rng),
        # Capacity counts usage per unit: 2 units of usage 2 do not fit in 3.
        problem_dump([need(10, both, 0, 1)], [role(0, 0, 2)], [provider(3, False)],
                     [edge(0, 0, 2, usage=2)], rng),
        # A negative score makes serving worthless; only an unserved need is then best.
        problem_dump([need(3, both, 0, 1)], [role(0, 0, 1)], [provider(1, True)],
                     [edge(0, 0, 1, score=-5)], rng),
        # A tier bonus counts in the objective, not in the weighted objective.
        with_tier_bonus(problem_dump([need(10, both, 0, 1)], [role(0, 0, 1)],
                                     [provider(1, True)], [edge(0, 0, 1, score=2)], rng), [4]),
        # A coverage group earns its steps in order, equal steps merged into one run.
        with_groups(problem_dump([need(1, both, n, 1) for n in range(3)],
                                 [role(n, 0, 1) for n in range(3)],
                                 [provider(1, True) for _ in range(3)],
                                 [edge(n, n, 1) for n in range(3)], rng),
                    [{"needs": [0, 1, 2], "steps": [7, 7, 3]}]),
    ]


def with_tier_bonus(dump, bonus):
    dump["problem"]["tier_bonus"] = bonus
    return dump


def with_groups(dump, groups):
    dump["problem"]["groups"] = groups
    return dump


def random_problem(rng):
    providers = [provider(rng.randint(0, 5), rng.random() < 0.7)
                 for _ in range(rng.randint(1, 3))]
    needs, roles, edges = [], [], []
    for n in range(rng.randint(1, 3)):
        first = len(roles)
        for t in range(rng.randint(1, 3)):
            roles.append(role(n, t, rng.randint(1, 3), optional=rng.random() < 0.3))
        needs.append(need(rng.randint(0, 30), rng.choice(["all_or_nothing", "core_then_optional"]),
                          first, len(roles) - first))
    for r in range(len(roles)):
        for p in range(len(providers)):
            if rng.random() < 0.5 and len(edges) < 7:
                edges.append(edge(r, p, rng.randint(1, 2), rng.randint(1, 2),
                                  rng.randint(-5, 8)))
    dump = problem_dump(needs, roles, providers, edges, rng)
    if rng.random() < 0.4:
        coverage_groups(dump, rng)
    if rng.random() < 0.5:
        lexicographic(dump)
    if rng.random() < 0.4:
        shared_resources(dump, rng)
    return dump


def shared_resources(dump, rng):
    """One or two shared resources of small capacity; each edge draws on one with
    probability 1/2 (a person's overlapping windows, a mentor's places)."""
    p = dump["problem"]
    count = rng.randint(1, 2)
    p["shared"] = [{"capacity": rng.randint(0, 3)} for _ in range(count)]
    starts, uses = [0], []
    for _ in p["edges"]:
        if rng.random() < 0.5:
            uses.append({"resource": rng.randrange(count), "per_unit": rng.randint(1, 2)})
        starts.append(len(uses))
    p["edge_shared_start"], p["shared_uses"] = starts, uses


def shared_of(problem):
    return ([r["capacity"] for r in problem.get("shared") or []],
            problem.get("edge_shared_start") or [], problem.get("shared_uses") or [])


def coverage_groups(dump, rng):
    """Puts some needs in coverage groups with random non-increasing steps (repeats too)."""
    p = dump["problem"]
    groups = {}
    for n in range(len(p["needs"])):
        g = rng.randint(-1, 1)
        if g >= 0:
            groups.setdefault(g, []).append(n)
    p["groups"] = [{"needs": members,
                    "steps": sorted((rng.choice([0, 3, 3, 7, 12]) for _ in members),
                                    reverse=True)}
                   for _, members in sorted(groups.items())]


def lexicographic(dump):
    """Adds tier bonuses that make High before Key before General exact, over the whole
    problem (one component or several: a global bound is as valid)."""
    p = dump["problem"]
    swing = 0
    for n in p["needs"]:
        swing += n["value"]
        for r in range(n["first_role"], n["first_role"] + n["role_count"]):
            scores = [e["score_per_unit"] for e in p["edges"] if e["role"] == r] or [0]
            swing += p["roles"][r]["demand"] * (max(max(scores), 0) + max(-min(scores), 0))
    swing += sum(sum(g["steps"]) for g in p.get("groups", []))
    key_bonus = 1 + swing
    high_bonus = 1 + swing + dump["tiers"].count("key") * key_bonus
    bonus = [{"high": high_bonus, "key": key_bonus, "general": 0}[t] for t in dump["tiers"]]
    for n, b in zip(p["needs"], bonus):
        n["value"] += b
    p["tier_bonus"] = bonus


def brute_force(problem):
    """The best objective, and the tier bonus and group reward its plans collect (the same
    for every optimal plan when the bonuses are lexicographic; the hand-made case with a tier
    bonus has one optimal plan)."""
    needs, roles = problem["needs"], problem["roles"]
    providers, edges = problem["providers"], problem["edges"]
    bonus = problem.get("tier_bonus") or [0] * len(needs)
    best = (None, 0)
    for units in itertools.product(*[range(e["max_units"] + 1) for e in edges]):
        for served in itertools.product([False, True], repeat=len(needs)):
            ok, objective, _ = highs_team.verify(needs, roles, providers, edges, list(units),
                                                 list(served), problem.get("groups", []),
                                                 shared_of(problem))
            if ok and (best[0] is None or objective > best[0]):
                extra = sum(b for b, s in zip(bonus, served) if s)
                best = (objective, extra + highs_team.group_reward(problem.get("groups", []),
                                                                   served))
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200, help="random cases (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("highs", nargs="*", help="options for highs_team.py (after --)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    options = highs_team.options_parser().parse_args(["-"] + args.highs)
    cases = hand_cases(rng) + [random_problem(rng) for _ in range(args.cases)]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "case.json")
        for case, dump in enumerate(cases):
            with open(path, "w") as f:
                json.dump(dump, f)
            got, why = highs_team.solve(highs_team.load_dump(path), options)
            want, bonus = brute_force(dump["problem"])
            if got["verified"] != "yes" or got["objective"] != want or got["bound"] != want or \
                    got["weighted_objective"] != want - bonus:
                print(f"case {case}: brute force {want}, HiGHS {got} {why}\n{json.dumps(dump)}")
                return 1
    print(f"highs_team_test: {len(cases)} cases, HiGHS equals brute force on all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
