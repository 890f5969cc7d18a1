//! The last step of every strategy: each person moves to a better-scoring free candidate of
//! its role while one exists.
//!
//! A role filled by provider `p` whose role also lists a candidate `q` with enough free
//! capacity left after the plan, not already in the need, and a higher score per unit is an
//! improvement any plan should take: the served needs stay the same and the objective grows
//! by the score difference. Heuristics (relaxation-then-repair, a bounded local search) can
//! leave such moves behind; this pass takes them, best candidate first, until none is left. It
//! is what makes escalation sound: a candidate of a lower [`crate::rules::ServiceLevel`]
//! outscores one of a higher level by more than the spread of the other terms, so after this
//! pass a role is met from a higher level only when every lower-level candidate is full.
//!
//! Person edges only (one unit, `one_role_per_need`); material is divisible and stays as the
//! strategy left it. Every move strictly raises the objective, so the pass ends; its work is
//! `O(passes · Σ role degree)`, at most 8 passes.
//!
//! # Budget
//! Each pass is charged before it runs: one unit per use plus the candidate edges of the
//! role of each person use. A pass that does not fit is not run (the plan stays as the
//! previous pass left it, feasible).

use crate::problem::{EdgeUse, Ledger, Problem, Solution};

use super::budget::WorkBudget;

/// Moves persons to better free candidates of their roles; returns the number of moves.
/// The solution stays feasible; its bound and status are left as they are (an optimal
/// solution has no such move). Unbounded by a budget other than its 8 passes; see
/// [`upgrade_persons_within`].
pub fn upgrade_persons(problem: &Problem, solution: &mut Solution) -> u64 {
    upgrade_persons_within(problem, solution, &mut WorkBudget::unlimited())
}

/// [`upgrade_persons`] within `budget`: a pass runs only when its work fits what is left.
pub fn upgrade_persons_within(
    problem: &Problem,
    solution: &mut Solution,
    budget: &mut WorkBudget,
) -> u64 {
    const MAX_PASSES: usize = 8;
    let mut ledger = Ledger::new(problem);
    // the providers of each need's team (a handful), to keep a person to one role per need
    let mut team: Vec<Vec<u32>> = vec![Vec::new(); problem.needs.len()];
    for u in &solution.uses {
        let Some(e) = problem.edges.get(u.edge as usize) else {
            return 0;
        };
        let Some(role) = problem.roles.get(e.role as usize) else {
            return 0;
        };
        ledger.take(problem, u.edge as usize, u.units);
        team[role.need as usize].push(e.provider);
    }
    let pass_work: u64 = solution
        .uses
        .iter()
        .map(|u| {
            1 + problem
                .role_edge_range(problem.edges[u.edge as usize].role as usize)
                .len() as u64
        })
        .sum();
    let mut moves = 0;
    for _ in 0..MAX_PASSES {
        if !budget.try_charge(pass_work) {
            break;
        }
        let mut moved = false;
        for i in 0..solution.uses.len() {
            let u = solution.uses[i];
            let e = &problem.edges[u.edge as usize];
            let person = problem.providers[e.provider as usize].one_role_per_need;
            if !person || u.units != 1 || e.max_units != 1 {
                continue;
            }
            let need = problem.roles[e.role as usize].need as usize;
            // what the person holds now is free to the move
            ledger.give(problem, u.edge as usize, 1);
            let mut best: Option<(i64, usize)> = None;
            for j in problem.role_edge_range(e.role as usize) {
                let c = &problem.edges[j];
                let q = c.provider as usize;
                let better = best.map_or(e.score_per_unit, |(s, _)| s);
                if c.score_per_unit <= better
                    || !ledger.fits(problem, j, 1)
                    || c.max_units < 1
                    || !problem.providers[q].one_role_per_need
                    || team[need].contains(&c.provider)
                {
                    continue;
                }
                best = Some((c.score_per_unit, j));
            }
            let Some((_, j)) = best else {
                ledger.take(problem, u.edge as usize, 1);
                continue;
            };
            let c = &problem.edges[j];
            ledger.take(problem, j, 1);
            if let Some(slot) = team[need].iter_mut().find(|p| **p == e.provider) {
                *slot = c.provider;
            }
            solution.uses[i] = EdgeUse {
                edge: j as u32,
                units: 1,
            };
            moves += 1;
            moved = true;
        }
        if !moved {
            break;
        }
    }
    if moves > 0 {
        solution.uses.sort_by_key(|u| u.edge);
    }
    moves
}
