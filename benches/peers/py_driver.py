#!/usr/bin/env python3
"""Python peers for the side-by-side benchmark, speaking the timing protocol of README.md here.

    py_driver.py PEER:ALGORITHM FILE [--runs N]

PEER:ALGORITHM is one of
  ortools:SimpleMinCostFlow     .min files, or .mat/.asn solved as a transportation network
  ortools:LinearSumAssignment   .mat/.asn
  scipy:linear_sum_assignment   .mat/.asn
  lap:lapjv                     .mat/.asn

PARSE covers reading the file into numpy arrays (and the int64 -> float64 conversion the
scipy and lap solvers need); RUN covers building the solver's structures and solving.
Objectives are recomputed from the returned solution with integers, outside the timing.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(message: str) -> None:
    emit(f"ERROR {message}")
    sys.exit(1)


# ---------------------------------------------------------------------------------------
# Readers (numpy on bytes: whole-file operations, no Python loop per line)


def read_lines_of_kind(path: str):
    """Return (problem line tokens, {kind: int64 array of the numbers on lines of that kind})."""
    raw = np.fromfile(path, dtype=np.uint8)
    if raw.size == 0:
        fail(f"{path}: empty file")
    if raw[-1] != 10:
        raw = np.append(raw, np.uint8(10))
    ends = np.flatnonzero(raw == 10)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    first = raw[starts]
    p_lines = np.flatnonzero(first == ord("p"))
    if p_lines.size != 1:
        fail(f"{path}: expected one 'p' line, found {p_lines.size}")
    i = p_lines[0]
    problem = raw[starts[i]:ends[i]].tobytes().decode("ascii", "replace").split()
    known = {ord("c"), ord("p"), ord("n"), ord("a"), 10, 13}
    unknown = set(np.unique(first).tolist()) - known
    if unknown:
        fail(f"{path}: unexpected line kinds {sorted(chr(k) for k in unknown)}")
    per_byte = np.repeat(first, ends - starts + 1)
    numbers = {}
    for kind in ("n", "a"):
        selected = raw[per_byte == ord(kind)]
        selected[selected == ord(kind)] = 32
        text = selected.tobytes()
        numbers[kind] = np.fromstring(text, dtype=np.int64, sep=" ") if text.strip() else np.zeros(0, np.int64)
    return problem, numbers


def read_min(path: str):
    problem, numbers = read_lines_of_kind(path)
    if len(problem) != 4 or problem[1] != "min":
        fail(f"{path}: not a 'p min' file")
    nodes, arcs = int(problem[2]), int(problem[3])
    a = numbers["a"].reshape(-1, 5)
    n = numbers["n"].reshape(-1, 2)
    if a.shape[0] != arcs:
        fail(f"{path}: {a.shape[0]} arcs, header says {arcs}")
    supply = np.zeros(nodes, dtype=np.int64)
    np.add.at(supply, n[:, 0] - 1, n[:, 1])
    return {
        "nodes": nodes,
        "tail": a[:, 0] - 1,
        "head": a[:, 1] - 1,
        "low": a[:, 2].copy(),
        "cap": a[:, 3].copy(),
        "cost": a[:, 4].copy(),
        "supply": supply,
    }


def read_matrix(path: str) -> np.ndarray:
    """Dense int64 cost matrix from a .mat file or a complete 'p asn' file."""
    if path.endswith(".mat"):
        flat = np.fromfile(path, dtype=np.int64, sep=" ")
        rows, cols = int(flat[0]), int(flat[1])
        if flat.size != 2 + rows * cols:
            fail(f"{path}: {flat.size - 2} costs for a {rows} x {cols} matrix")
        return flat[2:].reshape(rows, cols)
    problem, numbers = read_lines_of_kind(path)
    if len(problem) != 4 or problem[1] != "asn":
        fail(f"{path}: not a 'p asn' file")
    a = numbers["a"].reshape(-1, 3)
    rows = np.unique(numbers["n"]).size if numbers["n"].size else int(problem[2]) // 2
    cols = int(problem[2]) - rows
    if a.shape[0] != rows * cols:
        fail(f"{path}: the dense peers need all {rows * cols} arcs, found {a.shape[0]}")
    matrix = np.zeros((rows, cols), dtype=np.int64)
    matrix[a[:, 0] - 1, a[:, 1] - rows - 1] = a[:, 2]
    return matrix


# ---------------------------------------------------------------------------------------
# Solvers: prepare(parsed) -> input (timed as parse), solve(input) -> solution (timed as run),
# objective(input, solution) -> int (not timed).


def mcf_input_from_min(net):
    # OR-Tools has no lower bounds: send `low` up front and shift the bounds.
    low = net["low"]
    supply = net["supply"].copy()
    np.subtract.at(supply, net["tail"], low)
    np.add.at(supply, net["head"], low)
    return {
        "nodes": net["nodes"],
        "tail": net["tail"],
        "head": net["head"],
        "cap": net["cap"] - low,
        "cost": net["cost"],
        "supply": supply,
        "base": int((low * net["cost"]).sum()),
        "assignment": None,
    }


def mcf_input_from_matrix(matrix):
    rows, cols = matrix.shape
    return {
        "nodes": rows + cols,
        "tail": np.repeat(np.arange(rows, dtype=np.int64), cols),
        "head": rows + np.tile(np.arange(cols, dtype=np.int64), rows),
        "cap": np.ones(rows * cols, dtype=np.int64),
        "cost": matrix.ravel(),
        "supply": np.concatenate([np.ones(rows, np.int64), -np.ones(cols, np.int64)]),
        "base": 0,
        "assignment": matrix,
    }


# Peer modules, imported by `import_peer` before any timing starts.
PEER = {}


def import_peer(solver: str) -> None:
    if solver == "ortools:SimpleMinCostFlow":
        from ortools.graph.python import min_cost_flow

        PEER["module"] = min_cost_flow
    elif solver == "ortools:LinearSumAssignment":
        from ortools.graph.python import linear_sum_assignment

        PEER["module"] = linear_sum_assignment
    elif solver == "scipy:linear_sum_assignment":
        from scipy.optimize import linear_sum_assignment

        PEER["module"] = linear_sum_assignment
    elif solver == "lap:lapjv":
        import lap

        PEER["module"] = lap


def ortools_mcf_solve(inp):
    min_cost_flow = PEER["module"]
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(inp["tail"], inp["head"], inp["cap"], inp["cost"])
    smcf.set_nodes_supplies(np.arange(inp["nodes"]), inp["supply"])
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        fail(f"SimpleMinCostFlow status {status}")
    return smcf, arcs


def ortools_mcf_objective(inp, solution):
    smcf, arcs = solution
    flows = np.asarray(smcf.flows(arcs), dtype=np.int64)
    return inp["base"] + int((flows * inp["cost"]).sum())


def lsa_input(matrix):
    rows, cols = matrix.shape
    left = np.repeat(np.arange(rows, dtype=np.int64), cols)
    right = np.tile(np.arange(cols, dtype=np.int64), rows)
    return matrix, left, right, matrix.ravel()


def ortools_lsa_solve(inp):
    linear_sum_assignment = PEER["module"]
    _, left, right, costs = inp
    lsa = linear_sum_assignment.SimpleLinearSumAssignment()
    lsa.add_arcs_with_cost(left, right, costs)
    status = lsa.solve()
    if status != lsa.OPTIMAL:
        fail(f"LinearSumAssignment status {status}")
    return lsa


def ortools_lsa_objective(inp, lsa):
    matrix = inp[0]
    mates = np.array([lsa.right_mate(i) for i in range(matrix.shape[0])])
    return assignment_objective(matrix, mates)


def scipy_solve(pair):
    linear_sum_assignment = PEER["module"]
    _, floats = pair
    rows, cols = linear_sum_assignment(floats)
    out = np.full(floats.shape[0], -1)
    out[rows] = cols
    return out


def lap_solve(pair):
    lap = PEER["module"]
    _, floats = pair
    _, x, _ = lap.lapjv(floats, extend_cost=floats.shape[0] != floats.shape[1])
    return np.asarray(x)


def assignment_objective(matrix, row_to_col):
    if (row_to_col < 0).any() or np.unique(row_to_col).size != row_to_col.size:
        fail("solver returned an incomplete assignment")
    return int(matrix[np.arange(matrix.shape[0]), row_to_col].sum())


def version(module: str) -> str:
    from importlib.metadata import version as v

    return f"{module}-{v(module)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("solver")
    ap.add_argument("file")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    is_min = args.file.endswith(".min")
    try:
        import_peer(args.solver)
        if args.solver == "ortools:SimpleMinCostFlow":
            emit(f"INFO version={version('ortools')}")
            t = time.perf_counter()
            inp = mcf_input_from_min(read_min(args.file)) if is_min else mcf_input_from_matrix(read_matrix(args.file))
            parse = time.perf_counter() - t
            solve, objective = ortools_mcf_solve, ortools_mcf_objective
        elif is_min:
            fail(f"{args.solver} solves assignment files (.mat, .asn) only")
        else:
            peer = args.solver.split(":")[0]
            emit(f"INFO version={version(peer)}")
            t = time.perf_counter()
            matrix = read_matrix(args.file)
            if args.solver == "ortools:LinearSumAssignment":
                inp, solve, objective = lsa_input(matrix), ortools_lsa_solve, ortools_lsa_objective
            elif args.solver in ("scipy:linear_sum_assignment", "lap:lapjv"):
                inp = (matrix, matrix.astype(np.float64))
                solve = scipy_solve if peer == "scipy" else lap_solve
                objective = lambda pair, sol: assignment_objective(pair[0], sol)  # noqa: E731
            else:
                fail(f"unknown solver {args.solver}")
            parse = time.perf_counter() - t
        emit(f"PARSE {parse:.6f}")
        for i in range(1, args.runs + 1):
            t = time.perf_counter()
            solution = solve(inp)
            seconds = time.perf_counter() - t
            emit(f"RUN {i} {seconds:.6f} {objective(inp, solution)}")
            del solution
        emit("DONE")
    except SystemExit:
        raise
    except Exception as e:  # report, never a traceback on stdout
        fail(f"{type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
